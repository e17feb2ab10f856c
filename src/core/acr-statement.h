#pragma once

#include <gio/gio.h>

#include "acr-billing.h"
#include "acr-billing-report.h"

G_BEGIN_DECLS

/*
 * AcrStatement: one member's statement of account for a period: every
 * invoice, payment, refund and credit note dated in it, in date order, with
 * the running balance from the balance at the start of the period, and the
 * ageing of what is still owed on the last day (by days since issue, as the
 * receivables report counts them). A voided invoice owes nothing: it is
 * listed with no amount. Money is integer cents; positive is owed by the
 * member.
 */

typedef enum
{
  ACR_STATEMENT_INVOICE,
  ACR_STATEMENT_CREDIT_NOTE,
  ACR_STATEMENT_PAYMENT,
  ACR_STATEMENT_REFUND,
  ACR_STATEMENT_VOIDED,
} AcrStatementEntryKind;

typedef struct
{
  GDate                  date;
  AcrStatementEntryKind  kind;
  char                  *document;      /* the invoice or credit note number */
  char                  *reference;     /* the invoice a credit note cancels, a payment's reference */
  gint64                 amount_cents;  /* its effect on the balance */
  gint64                 balance_cents; /* the balance after it */
} AcrStatementEntry;

#define ACR_TYPE_STATEMENT (acr_statement_get_type ())

G_DECLARE_FINAL_TYPE (AcrStatement, acr_statement, ACR, STATEMENT, GObject)

AcrStatement *acr_statement_new                 (AcrBilling    *billing,
                                                 guint          member_number,
                                                 const GDate   *from,
                                                 const GDate   *to,
                                                 GError       **error);
AcrMember    *acr_statement_get_member          (AcrStatement  *self);
const GDate  *acr_statement_get_from            (AcrStatement  *self);
const GDate  *acr_statement_get_to              (AcrStatement  *self);
gint64        acr_statement_get_opening_cents   (AcrStatement  *self);
gint64        acr_statement_get_closing_cents   (AcrStatement  *self);
GPtrArray    *acr_statement_get_entries         (AcrStatement  *self);
gint64        acr_statement_get_ageing_cents    (AcrStatement  *self,
                                                 AcrAgeingBucket bucket);
gboolean      acr_statement_write_pdf           (AcrStatement  *self,
                                                 GOutputStream *stream,
                                                 GError       **error);

G_END_DECLS
