#pragma once

#include "acr-invoice.h"

G_BEGIN_DECLS

/*
 * What acr-invoice.c (the invoice model: construction, numbers, properties)
 * shares with acr-invoice-settlement.c (what happens to an invoice after it
 * is issued: payments, refunds, credit notes, receipts, voiding).
 */

struct _AcrInvoice
{
  GObject           parent_instance;

  AcrInvoiceKind    kind;
  char             *number;
  char             *reference_number;
  char             *member_number;
  char             *member_name;
  char            **address_lines;
  char             *city;
  char             *region;
  char             *postal_code;
  char             *country;
  char             *language;
  int               year;
  GDate             issued_on;
  GDate             due_on;

  GListStore       *lines;
  GListStore       *payments;
  gint64            total_cents;
  gint64            received_cents;  /* Σ payments */
  gint64            refunded_cents;  /* Σ |refunds| */
  gint64            credited_cents;
  gboolean          placeholder;
  gboolean          is_void;
  char             *void_reason;
};

/* The money-derived state, compared before and after a change so that only
 * what really changed is notified. */
typedef struct
{
  gint64           paid;
  gint64           refunded;
  gint64           credited;
  gint64           balance;
  AcrInvoiceStatus status;
} AcrInvoiceMoneyState;

void acr_invoice_snapshot_money     (AcrInvoice                 *self,
                                     AcrInvoiceMoneyState       *state);
void acr_invoice_notify_money       (AcrInvoice                 *self,
                                     const AcrInvoiceMoneyState *before);
void acr_invoice_notify_void_reason (AcrInvoice                 *self);

G_END_DECLS
