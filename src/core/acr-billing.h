#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "acr-billing-report.h"
#include "acr-invoice.h"
#include "acr-retirement-outcome.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * AcrBilling: dues invoicing over a member store and a rules bundle. It
 * decides (the rules quote the dues; AcrInvoice applies the money rules:
 * partial payments, overpayment refused, void refused while money is held)
 * and the store keeps what was decided, one transaction per operation.
 *
 * Numbers: "YYYY-NNNNNN", one gapless series per membership year shared by
 * invoices and credit notes, taken in the transaction that writes the
 * document. An issued document is never edited; a mistake is corrected by
 * voiding the invoice or by a credit note that cancels it in full.
 *
 * A member has at most one standing invoice per membership year (neither
 * void nor credited in full). Only active members are billed.
 *
 * Due date: 30 days after issue, but not before January 1 of the
 * membership year (an invoice mailed in the autumn is due when the year
 * begins).
 *
 * Retirement (acr_billing_retire_member): the member's retired_on becomes
 * the day retirement was notified, the category follows the rules (retired)
 * and the status becomes retired; then every standing invoice of the member
 * is quoted again with that fact, billed on that day. Where the rules now
 * owe nothing for its year — notice between January 1 and March 31 of the
 * year refunds the year; a later year is free for a retired member — a
 * credit note for the full amount is issued. Money held on such an invoice
 * is then owed back to the member (a negative balance: record the refund
 * with acr_billing_record_refund). Where the rules still owe the year
 * (notice from April 1 on) the invoice stands, paid or still due.
 */

#define ACR_BILLING_ERROR (acr_billing_error_quark ())

typedef enum
{
  ACR_BILLING_ERROR_NOT_BILLABLE,    /* not an active member, or the quote bills nothing */
  ACR_BILLING_ERROR_ALREADY_BILLED,  /* a standing invoice exists for that member and year */
  ACR_BILLING_ERROR_INVALID,         /* a bad argument: an unknown status, a credit note of a credit note… */
  ACR_BILLING_ERROR_PLACEHOLDER,     /* a run would issue placeholder amounts staff did not accept */
} AcrBillingError;

#define ACR_TYPE_BILLING (acr_billing_get_type ())

G_DECLARE_FINAL_TYPE (AcrBilling, acr_billing, ACR, BILLING, GObject)

GQuark       acr_billing_error_quark         (void);

AcrBilling  *acr_billing_new                 (AcrStore          *store,
                                              AcrRules          *rules);
AcrStore    *acr_billing_get_store           (AcrBilling        *self);
AcrRules    *acr_billing_get_rules           (AcrBilling        *self);

void         acr_billing_compute_due_date    (int                year,
                                              const GDate       *issued_on,
                                              GDate             *due_on);

AcrInvoice  *acr_billing_create_invoice      (AcrBilling        *self,
                                              guint              member_number,
                                              int                year,
                                              const GDate       *issued_on,
                                              GError           **error);
AcrDuesQuote *acr_billing_quote_invoice      (AcrBilling        *self,
                                              guint              member_number,
                                              int                year,
                                              const GDate       *issued_on,
                                              char             **standing_number,
                                              GError           **error);
AcrInvoice  *acr_billing_lookup_invoice      (AcrBilling        *self,
                                              const char        *number,
                                              GError           **error);
GPtrArray   *acr_billing_list_invoices       (AcrBilling        *self,
                                              const AcrInvoiceFilter *filter,
                                              GError           **error);
AcrInvoice  *acr_billing_record_payment      (AcrBilling        *self,
                                              const char        *number,
                                              AcrPayment        *payment,
                                              GError           **error);
AcrInvoice  *acr_billing_record_refund       (AcrBilling        *self,
                                              const char        *number,
                                              AcrPayment        *refund,
                                              GError           **error);
AcrInvoice  *acr_billing_void_invoice        (AcrBilling        *self,
                                              const char        *number,
                                              const char        *reason,
                                              GError           **error);
AcrInvoice  *acr_billing_issue_credit_note   (AcrBilling        *self,
                                              const char        *number,
                                              const GDate       *issued_on,
                                              GError           **error);
GPtrArray   *acr_billing_retire_member       (AcrBilling        *self,
                                              guint              member_number,
                                              const GDate       *notified_on,
                                              GError           **error);
GPtrArray   *acr_billing_preview_retirement  (AcrBilling        *self,
                                              guint              member_number,
                                              const GDate       *notified_on,
                                              GError           **error);
GPtrArray   *acr_billing_list_member_invoices (AcrBilling       *self,
                                              guint              member_number,
                                              gint64            *balance_cents,
                                              GError           **error);
gboolean     acr_billing_get_member_balance  (AcrBilling        *self,
                                              AcrMember         *member,
                                              gint64            *balance_cents,
                                              GError           **error);
GPtrArray   *acr_billing_report              (AcrBilling        *self,
                                              AcrBillingReportKind kind,
                                              int                year,
                                              GError           **error);
GPtrArray   *acr_billing_report_ageing       (AcrBilling        *self,
                                              const GDate       *on,
                                              int                year,
                                              GError           **error);
GPtrArray   *acr_billing_report_membership   (AcrBilling        *self,
                                              GError           **error);

JsonNode    *acr_billing_invoice_to_json     (AcrInvoice        *invoice);

int         *acr_billing_list_years          (AcrBilling        *self,
                                              const GDate       *on,
                                              guint             *n_years,
                                              GError           **error);

G_END_DECLS
