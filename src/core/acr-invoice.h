#pragma once

#include <gio/gio.h>

#include "acr-dues-quote.h"
#include "acr-dues-line.h"
#include "acr-payment.h"

G_BEGIN_DECLS

/*
 * AcrInvoice: an issued invoice, credit note or receipt. What was issued is
 * never edited: the header and the lines are fixed at construction (a frozen
 * copy of the dues quote and of the member's name and address as they stood
 * on the issue date). Only the money that moves afterwards changes it:
 * payments, refunds, a credit note that cancels it, or voiding.
 *
 * Money rules (all amounts integer cents):
 *   total    = Σ lines
 *   paid     = Σ payments − Σ refunds           (net money held)
 *   balance  = total − credited − paid          (0 once void)
 * A payment larger than the balance is refused (OVERPAYMENT); voiding is
 * refused while money is held (HAS_PAYMENTS) until it has been refunded.
 */

#define ACR_INVOICE_ERROR (acr_invoice_error_quark ())

typedef enum
{
  ACR_INVOICE_ERROR_INVALID,          /* a bad number, date, language… at construction */
  ACR_INVOICE_ERROR_INVALID_AMOUNT,   /* a payment of zero or less, a refund of zero or more */
  ACR_INVOICE_ERROR_OVERPAYMENT,      /* a payment larger than the balance */
  ACR_INVOICE_ERROR_NOT_PAYABLE,      /* void, credit note or receipt */
  ACR_INVOICE_ERROR_HAS_PAYMENTS,     /* void refused while payments are held */
  ACR_INVOICE_ERROR_REFUND_EXCEEDS_PAID,
  ACR_INVOICE_ERROR_ALREADY_VOID,
  ACR_INVOICE_ERROR_ALREADY_CREDITED,
  ACR_INVOICE_ERROR_RENDER,           /* the PDF could not be drawn or written */
} AcrInvoiceError;

typedef enum
{
  ACR_INVOICE_KIND_INVOICE,
  ACR_INVOICE_KIND_CREDIT_NOTE,
  ACR_INVOICE_KIND_RECEIPT,
} AcrInvoiceKind;

typedef enum
{
  ACR_INVOICE_STATUS_OPEN,
  ACR_INVOICE_STATUS_PAID,
  ACR_INVOICE_STATUS_PARTIALLY_PAID,
  ACR_INVOICE_STATUS_VOID,
  ACR_INVOICE_STATUS_REFUNDED,
} AcrInvoiceStatus;

#define ACR_TYPE_INVOICE_KIND (acr_invoice_kind_get_type ())
GType acr_invoice_kind_get_type (void);
#define ACR_TYPE_INVOICE_STATUS (acr_invoice_status_get_type ())
GType acr_invoice_status_get_type (void);

/* The header of a new invoice; strings are copied. */
typedef struct
{
  AcrInvoiceKind      kind;
  const char         *number;            /* "2027-000001" */
  const char         *reference_number;  /* credit notes and receipts: the invoice they refer to */
  const char         *member_number;
  const char         *member_name;
  const char * const *address_lines;     /* street lines, NULL-terminated; may be NULL */
  const char         *city;
  const char         *region;            /* state or province code */
  const char         *postal_code;
  const char         *country;           /* ISO 3166-1 alpha-2; NULL means "US" */
  const char         *language;          /* "en" or "fr"; NULL means "en" */
  int                 year;              /* membership year */
  const GDate        *issued_on;
  const GDate        *due_on;            /* required for invoices */
} AcrInvoiceInfo;

#define ACR_TYPE_INVOICE (acr_invoice_get_type ())

G_DECLARE_FINAL_TYPE (AcrInvoice, acr_invoice, ACR, INVOICE, GObject)

GQuark              acr_invoice_error_quark          (void);

const char         *acr_invoice_kind_to_string       (AcrInvoiceKind    kind);
gboolean            acr_invoice_kind_from_string     (const char       *text,
                                                      AcrInvoiceKind   *kind);
const char         *acr_invoice_status_to_string     (AcrInvoiceStatus  status);
gboolean            acr_invoice_status_from_string   (const char       *text,
                                                      AcrInvoiceStatus *status);

/* Invoice numbers: the year, a dash and a six-digit sequence from 1. */
#define ACR_INVOICE_SEQUENCE_MAX 999999
char               *acr_invoice_number_format        (int               year,
                                                      guint             sequence);
gboolean            acr_invoice_number_parse         (const char       *text,
                                                      int              *year,
                                                      guint            *sequence);

AcrInvoice         *acr_invoice_new                  (const AcrInvoiceInfo *info,
                                                      AcrDuesLine * const *lines,
                                                      guint             n_lines,
                                                      GError          **error);
AcrInvoice         *acr_invoice_new_from_quote       (const AcrInvoiceInfo *info,
                                                      AcrDuesQuote     *quote,
                                                      GError          **error);
AcrInvoice         *acr_invoice_new_credit_note      (AcrInvoice       *invoice,
                                                      const char       *number,
                                                      const GDate      *issued_on,
                                                      GError          **error);
AcrInvoice         *acr_invoice_new_receipt          (AcrInvoice       *invoice,
                                                      const GDate      *issued_on,
                                                      GError          **error);

AcrInvoiceKind      acr_invoice_get_kind             (AcrInvoice       *self);
const char         *acr_invoice_get_number           (AcrInvoice       *self);
const char         *acr_invoice_get_reference_number (AcrInvoice       *self);
const char         *acr_invoice_get_member_number    (AcrInvoice       *self);
const char         *acr_invoice_get_member_name      (AcrInvoice       *self);
const char * const *acr_invoice_get_address_lines    (AcrInvoice       *self);
const char         *acr_invoice_get_city             (AcrInvoice       *self);
const char         *acr_invoice_get_region           (AcrInvoice       *self);
const char         *acr_invoice_get_postal_code      (AcrInvoice       *self);
const char         *acr_invoice_get_country          (AcrInvoice       *self);
const char         *acr_invoice_get_language         (AcrInvoice       *self);
int                 acr_invoice_get_year             (AcrInvoice       *self);
const GDate        *acr_invoice_get_issued_on        (AcrInvoice       *self);
const GDate        *acr_invoice_get_due_on           (AcrInvoice       *self);
const char         *acr_invoice_get_currency         (AcrInvoice       *self);
GListModel         *acr_invoice_get_lines            (AcrInvoice       *self);
gboolean            acr_invoice_get_placeholder      (AcrInvoice       *self);
gint64              acr_invoice_get_total_cents      (AcrInvoice       *self);
gint64              acr_invoice_get_paid_cents       (AcrInvoice       *self);
gint64              acr_invoice_get_refunded_cents   (AcrInvoice       *self);
gint64              acr_invoice_get_credited_cents   (AcrInvoice       *self);
gint64              acr_invoice_get_balance_cents    (AcrInvoice       *self);
AcrInvoiceStatus    acr_invoice_get_status           (AcrInvoice       *self);
GListModel         *acr_invoice_get_payments         (AcrInvoice       *self);
const char         *acr_invoice_get_void_reason      (AcrInvoice       *self);

gboolean            acr_invoice_add_payment          (AcrInvoice       *self,
                                                      AcrPayment       *payment,
                                                      GError          **error);
gboolean            acr_invoice_add_refund           (AcrInvoice       *self,
                                                      AcrPayment       *refund,
                                                      GError          **error);
gboolean            acr_invoice_apply_credit_note    (AcrInvoice       *self,
                                                      AcrInvoice       *credit_note,
                                                      GError          **error);
gboolean            acr_invoice_void                 (AcrInvoice       *self,
                                                      const char       *reason,
                                                      GError          **error);

G_END_DECLS
