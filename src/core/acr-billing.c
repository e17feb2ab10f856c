#define G_LOG_DOMAIN "acr-billing"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-private.h"
#include "acr-money.h"
#include "acr-store-private.h"

struct _AcrBilling
{
  GObject   parent_instance;

  AcrStore *store;
  AcrRules *rules;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_RULES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrBilling, acr_billing, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-billing-error-quark, acr_billing_error)

static AcrStoreBackendInterface *
backend_iface (AcrBilling       *self,
               AcrStoreBackend **backend)
{
  *backend = acr_store_get_backend (self->store);
  return ACR_STORE_BACKEND_GET_IFACE (*backend);
}

/* Undoes the transaction; returns NULL for the caller to return. */
static gpointer
fail (AcrStore *store)
{
  _acr_store_rollback (store);
  return NULL;
}

static gint64
member_id_for_invoice (AcrBilling  *self,
                       AcrInvoice  *invoice,
                       GError     **error)
{
  g_autoptr (AcrMember) member = NULL;
  guint number = acr_store_parse_number (acr_invoice_get_member_number (invoice));

  if (number == 0)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
                   _("invoice %s: “%s” is not a member number"), acr_invoice_get_number (invoice),
                   acr_invoice_get_member_number (invoice));
      return 0;
    }
  member = acr_store_lookup_member (self->store, number, error);
  return member != NULL ? acr_member_get_id (member) : 0;
}

/* A credit note for the whole of @invoice, written with its number, and the invoice's new state. */
static AcrInvoice *
credit_locked (AcrBilling   *self,
               AcrInvoice   *invoice,
               gint64        member_id,
               const char   *category,
               const GDate  *issued_on,
               GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface = backend_iface (self, &backend);
  g_autoptr (AcrInvoice) note = NULL;
  g_autofree char *number = NULL;
  guint sequence;

  sequence = iface->next_invoice_sequence (backend, acr_invoice_get_year (invoice), error);
  if (sequence == 0)
    return NULL;
  number = acr_invoice_number_format (acr_invoice_get_year (invoice), sequence);
  note = acr_invoice_new_credit_note (invoice, number, issued_on, error);
  if (note == NULL)
    return NULL;
  if (!iface->insert_invoice (backend, note, member_id, category, error) ||
      !iface->update_invoice_state (backend, invoice, error))
    return NULL;
  return g_steal_pointer (&note);
}

static void
acr_billing_dispose (GObject *object)
{
  AcrBilling *self = ACR_BILLING (object);

  g_clear_object (&self->store);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (acr_billing_parent_class)->dispose (object);
}

static void
acr_billing_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AcrBilling *self = ACR_BILLING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_billing_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AcrBilling *self = ACR_BILLING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_billing_class_init (AcrBillingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_billing_dispose;
  object_class->get_property = acr_billing_get_property;
  object_class->set_property = acr_billing_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ACR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, ACR_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_billing_init (AcrBilling *self)
{
}

/* --- private (AcrBillingRun) --- */

AcrDuesQuote *
_acr_billing_quote_member (AcrBilling   *self,
                           AcrMember    *member,
                           int           year,
                           const GDate  *issued_on,
                           GError      **error)
{
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autofree char *total = NULL;

  if (!acr_member_has_status (member, ACR_MEMBER_STATUS_ACTIVE))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE,
                   _("member %07u is %s; only active members are billed"),
                   acr_member_get_number (member), acr_member_get_status (member));
      return NULL;
    }

  person = acr_member_dup_person (member, error);
  if (person == NULL)
    return NULL;
  quote = acr_rules_quote (self->rules, person, year, issued_on, error);
  if (quote == NULL)
    return NULL;

  if (acr_dues_quote_get_reason (quote) != NULL)
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE,
                   _("member %07u owes no dues for %d: %s"), acr_member_get_number (member), year,
                   acr_dues_quote_get_reason (quote));
      return NULL;
    }
  if (acr_dues_quote_get_total_cents (quote) <= 0)
    {
      total = acr_money_format (acr_dues_quote_get_total_cents (quote), "en");
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE,
                   _("member %07u: the dues for %d total %s; nothing to bill"), acr_member_get_number (member),
                   year, total);
      return NULL;
    }
  if (g_strcmp0 (acr_dues_quote_get_currency (quote), "USD") != 0)
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE,
                   _("member %07u: dues in %s cannot be invoiced (USD only)"), acr_member_get_number (member),
                   acr_dues_quote_get_currency (quote));
      return NULL;
    }

  return g_steal_pointer (&quote);
}

AcrInvoice *
_acr_billing_issue (AcrBilling    *self,
                    AcrMember     *member,
                    AcrDuesQuote  *quote,
                    const GDate   *issued_on,
                    GError       **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface = backend_iface (self, &backend);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *member_number = acr_member_dup_number_text (member);
  g_autofree char *name = acr_member_dup_postal_name (member);
  g_auto (GStrv) address_lines = NULL;
  const char *address = acr_member_get_field (member, "address");
  int year = acr_dues_quote_get_year (quote);
  AcrInvoiceInfo info = { 0 };
  GDate due_on;
  guint sequence;

  sequence = iface->next_invoice_sequence (backend, year, error);
  if (sequence == 0)
    return NULL;
  number = acr_invoice_number_format (year, sequence);

  if (address != NULL)
    address_lines = g_strsplit (address, "\n", -1);
  acr_billing_compute_due_date (year, issued_on, &due_on);
  info.kind = ACR_INVOICE_KIND_INVOICE;
  info.number = number;
  info.member_number = member_number;
  info.member_name = name;
  info.address_lines = (const char * const *) address_lines;
  info.city = acr_member_get_city (member);
  info.region = acr_member_get_field (member, "region");
  info.postal_code = acr_member_get_field (member, "postal_code");
  info.country = acr_member_get_country (member);
  info.language = acr_member_get_language (member);
  info.year = year;
  info.issued_on = issued_on;
  info.due_on = &due_on;

  invoice = acr_invoice_new_from_quote (&info, quote, error);
  if (invoice == NULL)
    return NULL;

  if (!iface->insert_invoice (backend, invoice, acr_member_get_id (member),
                              acr_dues_quote_get_category_id (quote), &local_error))
    {
      if (g_error_matches (local_error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID) &&
          strstr (local_error->message, "invoices.member_id") != NULL)
        g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_ALREADY_BILLED,
                     _("member %s is already billed for %d"), member_number, year);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&invoice);
}

/* --- public --- */

AcrBilling *
acr_billing_new (AcrStore *store,
                 AcrRules *rules)
{
  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  g_return_val_if_fail (ACR_IS_RULES (rules), NULL);

  return g_object_new (ACR_TYPE_BILLING, "store", store, "rules", rules, NULL);
}

AcrStore *
acr_billing_get_store (AcrBilling *self)
{
  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  return self->store;
}

AcrRules *
acr_billing_get_rules (AcrBilling *self)
{
  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  return self->rules;
}

/* 30 days after issue, and not before January 1 of the membership year. */
void
acr_billing_compute_due_date (int          year,
                              const GDate *issued_on,
                              GDate       *due_on)
{
  GDate year_start;

  g_return_if_fail (issued_on != NULL && g_date_valid (issued_on));
  g_return_if_fail (due_on != NULL);

  *due_on = *issued_on;
  g_date_add_days (due_on, 30);
  g_date_clear (&year_start, 1);
  if (year >= 1 && year <= 9999)
    {
      g_date_set_dmy (&year_start, 1, G_DATE_JANUARY, year);
      if (g_date_compare (due_on, &year_start) < 0)
        *due_on = year_start;
    }
}

/**
 * acr_billing_create_invoice:
 * Quotes the member's dues for @year (billed on @issued_on) and issues the
 * invoice, in one transaction: NOT_BILLABLE when the member is not active
 * or owes nothing, ALREADY_BILLED when a standing invoice exists.
 */
AcrInvoice *
acr_billing_create_invoice (AcrBilling   *self,
                            guint         member_number,
                            int           year,
                            const GDate  *issued_on,
                            GError      **error)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (issued_on != NULL && g_date_valid (issued_on), NULL);

  if (!_acr_store_begin (self->store, error))
    return NULL;
  if ((member = acr_store_lookup_member (self->store, member_number, error)) == NULL ||
      (quote = _acr_billing_quote_member (self, member, year, issued_on, error)) == NULL ||
      (invoice = _acr_billing_issue (self, member, quote, issued_on, error)) == NULL ||
      !_acr_store_commit (self->store, error))
    {
      _acr_store_rollback (self->store);
      return NULL;
    }
  return g_steal_pointer (&invoice);
}

/**
 * acr_billing_quote_invoice:
 * What acr_billing_create_invoice () would issue to member @member_number
 * for @year on @issued_on, without issuing it: the same checks (an active
 * member, dues owed, in US dollars) and the same quote. Fails with
 * ACR_BILLING_ERROR_ALREADY_BILLED when the member already has a standing
 * invoice (neither void nor credited in full) for @year; @standing_number
 * then receives its number.
 *
 * Returns: (transfer full): the quote the invoice would be made from
 */
AcrDuesQuote *
acr_billing_quote_invoice (AcrBilling   *self,
                           guint         member_number,
                           int           year,
                           const GDate  *issued_on,
                           char        **standing_number,
                           GError      **error)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  AcrInvoiceFilter filter = { 0 };

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (issued_on != NULL && g_date_valid (issued_on), NULL);

  member = acr_store_lookup_member (self->store, member_number, error);
  if (member == NULL)
    return NULL;

  filter.member_number = member_number;
  filter.year = year;
  filter.kind = "invoice";
  invoices = acr_billing_list_invoices (self, &filter, error);
  if (invoices == NULL)
    return NULL;
  for (guint i = 0; i < invoices->len; i++)
    {
      AcrInvoice *invoice = invoices->pdata[i];

      if (acr_invoice_get_status (invoice) == ACR_INVOICE_STATUS_VOID ||
          acr_invoice_get_credited_cents (invoice) >= acr_invoice_get_total_cents (invoice))
        continue;
      if (standing_number != NULL)
        *standing_number = g_strdup (acr_invoice_get_number (invoice));
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_ALREADY_BILLED,
                   _("member %07u is already billed for %d: invoice %s"), member_number, year,
                   acr_invoice_get_number (invoice));
      return NULL;
    }

  return _acr_billing_quote_member (self, member, year, issued_on, error);
}

AcrInvoice *
acr_billing_lookup_invoice (AcrBilling  *self,
                            const char  *number,
                            GError     **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  iface = backend_iface (self, &backend);
  return iface->load_invoice (backend, number, error);
}

/* Returns: (transfer full) (element-type AcrInvoice): in number order */
GPtrArray *
acr_billing_list_invoices (AcrBilling              *self,
                           const AcrInvoiceFilter  *filter,
                           GError                 **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (GPtrArray) invoices = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) numbers = NULL;
  AcrInvoiceStatus status;
  AcrInvoiceKind kind;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);

  if (filter != NULL && filter->status != NULL && !acr_invoice_status_from_string (filter->status, &status))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("unknown invoice status “%s” (open, paid, partially-paid, void, refunded)"), filter->status);
      return NULL;
    }
  if (filter != NULL && filter->kind != NULL && !acr_invoice_kind_from_string (filter->kind, &kind))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("unknown document kind “%s” (invoice, credit-note, receipt)"), filter->kind);
      return NULL;
    }

  iface = backend_iface (self, &backend);
  numbers = iface->list_invoices (backend, filter, error);
  if (numbers == NULL)
    return NULL;
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      AcrInvoice *invoice = iface->load_invoice (backend, numbers[i], error);

      if (invoice == NULL)
        return NULL;
      g_ptr_array_add (invoices, invoice);
    }
  return g_steal_pointer (&invoices);
}

/* Money moves and credit notes are dated within the range of dates and not
 * before the invoice they concern was issued: money cannot be paid on, nor
 * an invoice cancelled by, a document that did not exist yet. @what is
 * "payment", "refund" or "credit note". */
static gboolean
check_date_for_invoice (AcrInvoice   *invoice,
                        const char   *what,
                        const GDate  *date,
                        GError      **error)
{
  g_autoptr (GError) range_error = NULL;
  const GDate *issued_on = acr_invoice_get_issued_on (invoice);

  if (!acr_date_check_range (date, &range_error))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("invoice %s: %s date: %s"), acr_invoice_get_number (invoice), what, range_error->message);
      return FALSE;
    }

  if (issued_on != NULL && g_date_compare (date, issued_on) < 0)
    {
      g_autofree char *date_text = acr_date_format_iso (date);
      g_autofree char *issued_text = acr_date_format_iso (issued_on);

      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("invoice %s: the %s date %s is before the invoice’s issue date %s; give a date on or after it"),
                   acr_invoice_get_number (invoice), what, date_text, issued_text);
      return FALSE;
    }

  return TRUE;
}

static AcrInvoice *
record_money (AcrBilling   *self,
              const char   *number,
              AcrPayment   *payment,
              gboolean      refund,
              GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface = backend_iface (self, &backend);
  g_autoptr (AcrInvoice) invoice = NULL;

  if (!_acr_store_begin (self->store, error))
    return NULL;
  if ((invoice = iface->load_invoice (backend, number, error)) == NULL)
    return fail (self->store);
  if (!check_date_for_invoice (invoice, refund ? _("refund") : _("payment"), acr_payment_get_date (payment), error))
    return fail (self->store);
  if (refund ? !acr_invoice_add_refund (invoice, payment, error) : !acr_invoice_add_payment (invoice, payment, error))
    return fail (self->store);
  if (!iface->insert_payment (backend, number, payment, error) ||
      !iface->update_invoice_state (backend, invoice, error) ||
      !_acr_store_commit (self->store, error))
    return fail (self->store);
  return g_steal_pointer (&invoice);
}

/**
 * acr_billing_record_payment:
 * Records money received (@payment's amount > 0) against invoice @number.
 * A partial payment leaves it partially-paid; a payment larger than the
 * balance is refused with ACR_INVOICE_ERROR_OVERPAYMENT and nothing changes.
 *
 * Returns: (transfer full): the invoice as it now stands
 */
AcrInvoice *
acr_billing_record_payment (AcrBilling  *self,
                            const char  *number,
                            AcrPayment  *payment,
                            GError     **error)
{
  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (ACR_IS_PAYMENT (payment), NULL);

  return record_money (self, number, payment, FALSE, error);
}

/* Money paid back to the member (@refund's amount < 0), at most what the invoice holds. */
AcrInvoice *
acr_billing_record_refund (AcrBilling  *self,
                           const char  *number,
                           AcrPayment  *refund,
                           GError     **error)
{
  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (ACR_IS_PAYMENT (refund), NULL);

  return record_money (self, number, refund, TRUE, error);
}

/**
 * acr_billing_void_invoice:
 * Voids invoice @number (a mistake, never sent…). Refused with
 * ACR_INVOICE_ERROR_HAS_PAYMENTS while it holds money: refund it first.
 */
AcrInvoice *
acr_billing_void_invoice (AcrBilling  *self,
                          const char  *number,
                          const char  *reason,
                          GError     **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (AcrInvoice) invoice = NULL;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (reason == NULL || *reason == '\0')
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("invoice %s: a reason is required to void an invoice"), number);
      return NULL;
    }

  iface = backend_iface (self, &backend);
  if (!_acr_store_begin (self->store, error))
    return NULL;
  if ((invoice = iface->load_invoice (backend, number, error)) == NULL)
    return fail (self->store);
  if (acr_invoice_get_kind (invoice) != ACR_INVOICE_KIND_INVOICE)
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("%s is not an invoice; only invoices are voided"), number);
      return fail (self->store);
    }
  if (!acr_invoice_void (invoice, reason, error) ||
      !iface->update_invoice_state (backend, invoice, error) ||
      !_acr_store_commit (self->store, error))
    return fail (self->store);
  return g_steal_pointer (&invoice);
}

/**
 * acr_billing_issue_credit_note:
 * Issues a credit note cancelling invoice @number in full, numbered in the
 * invoice's year. Money held on the invoice is then owed back (negative
 * balance) until refunded.
 *
 * Returns: (transfer full): the credit note
 */
AcrInvoice *
acr_billing_issue_credit_note (AcrBilling   *self,
                               const char   *number,
                               const GDate  *issued_on,
                               GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrInvoice) note = NULL;
  gint64 member_id;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (issued_on != NULL && g_date_valid (issued_on), NULL);

  iface = backend_iface (self, &backend);
  if (!_acr_store_begin (self->store, error))
    return NULL;
  if ((invoice = iface->load_invoice (backend, number, error)) == NULL ||
      (member_id = member_id_for_invoice (self, invoice, error)) == 0)
    return fail (self->store);
  if (acr_invoice_get_kind (invoice) != ACR_INVOICE_KIND_INVOICE)
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("%s is not an invoice; only invoices are credited"), number);
      return fail (self->store);
    }
  if (!check_date_for_invoice (invoice, _("credit note"), issued_on, error))
    return fail (self->store);
  if ((note = credit_locked (self, invoice, member_id, NULL, issued_on, error)) == NULL ||
      !_acr_store_commit (self->store, error))
    return fail (self->store);
  return g_steal_pointer (&note);
}

/*
 * Retirement, in one transaction: committed, or (with @outcomes) worked out
 * the same way, what it would do to each standing invoice added to
 * @outcomes, and rolled back.
 */
static GPtrArray *
retire (AcrBilling   *self,
        guint         member_number,
        const GDate  *notified_on,
        GPtrArray    *outcomes,
        GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  g_auto (GStrv) numbers = NULL;
  g_autofree char *date = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *time = _acr_store_now ();
  AcrInvoiceFilter filter = { 0 };
  GDate known;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (notified_on != NULL && g_date_valid (notified_on), NULL);

  iface = backend_iface (self, &backend);
  date = acr_date_format_iso (notified_on);

  if (!_acr_store_begin (self->store, error))
    return NULL;
  if ((member = acr_store_lookup_member (self->store, member_number, error)) == NULL ||
      (person = acr_member_dup_person (member, error)) == NULL)
    return fail (self->store);

  g_date_clear (&known, 1);
  if (acr_person_get_date (person, "retired_on", &known) && g_date_compare (&known, notified_on) != 0)
    {
      g_autofree char *known_text = acr_date_format_iso (&known);
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("member %07u already notified retirement on %s"), member_number, known_text);
      return fail (self->store);
    }
  if (!acr_person_set_fact_from_string (person, "retired_on", date, error))
    return fail (self->store);
  decision = acr_rules_classify (self->rules, person, notified_on, error);
  if (decision == NULL)
    return fail (self->store);
  if (g_strcmp0 (acr_decision_get_category_id (decision), "retired") != 0)
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("member %07u: the rules do not make the member retired on %s"), member_number, date);
      return fail (self->store);
    }

  acr_member_set_person (member, person);
  reason = g_strdup_printf (_("retirement notified on %s"), date);
  if (!acr_member_set_field (member, "category", "retired", error) ||
      !acr_member_set_field (member, "status", acr_member_status_to_string (ACR_MEMBER_STATUS_RETIRED), error) ||
      !_acr_store_update (self->store, member, reason, time, error))
    return fail (self->store);

  filter.member_number = member_number;
  filter.kind = "invoice";
  numbers = iface->list_invoices (backend, &filter, error);
  if (numbers == NULL)
    return fail (self->store);

  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autoptr (AcrInvoice) invoice = iface->load_invoice (backend, numbers[i], error);
      g_autoptr (AcrDuesQuote) quote = NULL;
      AcrInvoice *note;

      if (invoice == NULL)
        return fail (self->store);
      if (acr_invoice_get_status (invoice) == ACR_INVOICE_STATUS_VOID ||
          acr_invoice_get_credited_cents (invoice) >= acr_invoice_get_total_cents (invoice))
        continue;

      /* What the rules owe for the invoice's year now that retirement is known, billed on the day of notice. */
      quote = acr_rules_quote (self->rules, person, acr_invoice_get_year (invoice), notified_on, error);
      if (quote == NULL)
        return fail (self->store);
      if (acr_dues_quote_get_total_cents (quote) > 0)
        {
          gint64 balance = acr_invoice_get_balance_cents (invoice);

          if (outcomes != NULL)
            g_ptr_array_add (outcomes,
                             acr_retirement_outcome_new (numbers[i], acr_invoice_get_year (invoice),
                                                         balance > 0 ? ACR_RETIREMENT_DUES_STILL_OWED
                                                                     : ACR_RETIREMENT_INVOICE_STANDS,
                                                         MAX (balance, 0), acr_invoice_get_total_cents (invoice)));
          continue;
        }

      note = credit_locked (self, invoice, acr_member_get_id (member), NULL, notified_on, error);
      if (note == NULL)
        return fail (self->store);
      g_ptr_array_add (notes, note);

      /* Money held on the cancelled invoice is now owed back: a negative balance. */
      if (outcomes != NULL)
        g_ptr_array_add (outcomes,
                         acr_retirement_outcome_new (numbers[i], acr_invoice_get_year (invoice),
                                                     acr_invoice_get_balance_cents (invoice) < 0
                                                     ? ACR_RETIREMENT_REFUND_DUE
                                                     : ACR_RETIREMENT_INVOICE_CANCELLED,
                                                     -MIN (acr_invoice_get_balance_cents (invoice), 0),
                                                     acr_invoice_get_total_cents (invoice)));
    }

  if (outcomes != NULL)
    {
      _acr_store_rollback (self->store);
      return g_steal_pointer (&notes);
    }
  if (!_acr_store_commit (self->store, error))
    return NULL;
  return g_steal_pointer (&notes);
}

/**
 * acr_billing_retire_member:
 * Records that member @member_number notified retirement on @notified_on
 * and applies the rules to the member's standing invoices (see the top of
 * acr-billing.h), all in one transaction.
 *
 * Returns: (transfer full) (element-type AcrInvoice): the credit notes issued
 */
GPtrArray *
acr_billing_retire_member (AcrBilling   *self,
                           guint         member_number,
                           const GDate  *notified_on,
                           GError      **error)
{
  return retire (self, member_number, notified_on, NULL, error);
}

/**
 * acr_billing_preview_retirement:
 * What acr_billing_retire_member () would do if retirement were notified on
 * @notified_on, worked out by the same code in a transaction that is rolled
 * back: nothing is written. Fails as the retirement itself would (a member
 * already retired on another date, the rules not making the member retired
 * on that date).
 *
 * Returns: (transfer full) (element-type AcrRetirementOutcome): one outcome
 *   per standing invoice of the member, in number order; empty when the
 *   member has none
 */
GPtrArray *
acr_billing_preview_retirement (AcrBilling   *self,
                                guint         member_number,
                                const GDate  *notified_on,
                                GError      **error)
{
  g_autoptr (GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_retirement_outcome_free);
  g_autoptr (GPtrArray) notes = NULL;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (notified_on != NULL && g_date_valid (notified_on), NULL);

  notes = retire (self, member_number, notified_on, outcomes, error);
  if (notes == NULL)
    return NULL;
  return g_steal_pointer (&outcomes);
}

/**
 * acr_billing_list_member_invoices:
 * @balance_cents: (out) (optional): what the member owes across all their
 *   invoices (negative: what the College owes back)
 *
 * Returns: (transfer full) (element-type AcrInvoice): the member's invoices
 *   and credit notes in number order
 */
GPtrArray *
acr_billing_list_member_invoices (AcrBilling  *self,
                                  guint        member_number,
                                  gint64      *balance_cents,
                                  GError     **error)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  AcrInvoiceFilter filter = { 0 };
  gint64 balance = 0;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);

  member = acr_store_lookup_member (self->store, member_number, error);
  if (member == NULL)
    return NULL;
  filter.member_number = member_number;
  invoices = acr_billing_list_invoices (self, &filter, error);
  if (invoices == NULL)
    return NULL;
  for (guint i = 0; i < invoices->len; i++)
    if (acr_invoice_get_kind (invoices->pdata[i]) == ACR_INVOICE_KIND_INVOICE)
      balance += acr_invoice_get_balance_cents (invoices->pdata[i]);
  if (balance_cents != NULL)
    *balance_cents = balance;
  return g_steal_pointer (&invoices);
}

/**
 * acr_billing_get_member_balance:
 * @balance_cents: (out): what @member owes over all their invoices; negative
 *   when money is owed back
 *
 * The same balance acr_billing_list_member_invoices() adds up, read in one
 * query without loading the invoices, for lists that show it on every row.
 */
gboolean
acr_billing_get_member_balance (AcrBilling  *self,
                                AcrMember   *member,
                                gint64      *balance_cents,
                                GError     **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_BILLING (self), FALSE);
  g_return_val_if_fail (ACR_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (balance_cents != NULL, FALSE);

  iface = backend_iface (self, &backend);
  return iface->member_balance (backend, acr_member_get_id (member), balance_cents, error);
}

/* Returns: (transfer full): rows of the report (see acr-billing-report.h); @year 0 means every year */
GPtrArray *
acr_billing_report (AcrBilling            *self,
                    AcrBillingReportKind   kind,
                    int                    year,
                    GError               **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);

  iface = backend_iface (self, &backend);
  switch (kind)
    {
    case ACR_BILLING_REPORT_RECEIVABLES:
      return iface->report_receivables (backend, year, error);
    case ACR_BILLING_REPORT_CHAPTERS:
      return iface->report_chapters (backend, year, error);
    case ACR_BILLING_REPORT_NUMBERING:
    default:
      return iface->report_numbering (backend, year, error);
    }
}

/**
 * acr_billing_report_ageing:
 * @on: the day the invoices' ages are counted to
 * @year: only this membership year's invoices, or 0 for every year
 *
 * Returns: (transfer full) (element-type AcrAgeingRow): what members still
 *   owe on invoices issued on or before @on, per age bucket (buckets that
 *   hold nothing are left out), or NULL with @error set
 */
GPtrArray *
acr_billing_report_ageing (AcrBilling   *self,
                           const GDate  *on,
                           int           year,
                           GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autofree char *day = NULL;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  iface = backend_iface (self, &backend);
  day = acr_date_format_iso (on);
  return iface->report_ageing (backend, day, year, error);
}

/**
 * acr_billing_report_membership:
 *
 * Returns: (transfer full) (element-type AcrMembershipRow): members per
 *   category and status, or NULL with @error set
 */
GPtrArray *
acr_billing_report_membership (AcrBilling  *self,
                               GError     **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);

  iface = backend_iface (self, &backend);
  return iface->report_membership (backend, error);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  json_builder_set_member_name (builder, name);
  if (date != NULL && g_date_valid (date))
    {
      g_autofree char *text = acr_date_format_iso (date);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* Returns: (transfer full): the invoice as JSON (amounts in cents, dates ISO 8601) */
JsonNode *
acr_billing_invoice_to_json (AcrInvoice *invoice)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  GListModel *lines, *payments;

  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "number", acr_invoice_get_number (invoice));
  add_string (builder, "kind", acr_invoice_kind_to_string (acr_invoice_get_kind (invoice)));
  add_string (builder, "reference", acr_invoice_get_reference_number (invoice));
  add_string (builder, "member", acr_invoice_get_member_number (invoice));
  add_string (builder, "name", acr_invoice_get_member_name (invoice));
  add_string (builder, "language", acr_invoice_get_language (invoice));
  add_int (builder, "year", acr_invoice_get_year (invoice));
  add_date (builder, "issued_on", acr_invoice_get_issued_on (invoice));
  add_date (builder, "due_on", acr_invoice_get_due_on (invoice));
  add_string (builder, "status", acr_invoice_status_to_string (acr_invoice_get_status (invoice)));
  add_string (builder, "currency", acr_invoice_get_currency (invoice));
  add_int (builder, "total_cents", acr_invoice_get_total_cents (invoice));
  add_int (builder, "paid_cents", acr_invoice_get_paid_cents (invoice));
  add_int (builder, "refunded_cents", acr_invoice_get_refunded_cents (invoice));
  add_int (builder, "credited_cents", acr_invoice_get_credited_cents (invoice));
  /* A credit note owes nothing itself; its effect is on the invoice's balance. */
  json_builder_set_member_name (builder, "balance_cents");
  if (acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_INVOICE)
    json_builder_add_int_value (builder, acr_invoice_get_balance_cents (invoice));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "placeholder");
  json_builder_add_boolean_value (builder, acr_invoice_get_placeholder (invoice));
  add_string (builder, "void_reason", acr_invoice_get_void_reason (invoice));

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  lines = acr_invoice_get_lines (invoice);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

      json_builder_begin_object (builder);
      add_string (builder, "code", acr_dues_line_get_code (line));
      add_string (builder, "description", acr_dues_line_get_description (line));
      add_int (builder, "amount_cents", acr_dues_line_get_amount_cents (line));
      json_builder_set_member_name (builder, "placeholder");
      json_builder_add_boolean_value (builder, acr_dues_line_get_placeholder (line));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "payments");
  json_builder_begin_array (builder);
  payments = acr_invoice_get_payments (invoice);
  for (guint i = 0; i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, i);

      json_builder_begin_object (builder);
      add_int (builder, "amount_cents", acr_payment_get_amount_cents (payment));
      add_date (builder, "date", acr_payment_get_date (payment));
      add_string (builder, "method", acr_payment_method_to_string (acr_payment_get_method (payment)));
      add_string (builder, "reference", acr_payment_get_reference (payment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * acr_billing_list_years:
 * @on: (nullable): today, for the current and next year; NULL leaves them out
 * @n_years: (out): the number of years
 *
 * The membership years staff may look at: every year from the earliest to
 * the latest of the rules' schedules, the years that have invoices, and
 * the year of @on and the next one, without a gap.
 *
 * Returns: (transfer full) (array length=n_years): ascending, NULL on error
 */
int *
acr_billing_list_years (AcrBilling   *self,
                        const GDate  *on,
                        guint        *n_years,
                        GError      **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autofree int *rules_years = NULL;
  g_autoptr (GArray) invoice_years = NULL;
  guint n_rules = 0;
  int first = G_MAXINT, last = G_MININT;
  int *years;

  g_return_val_if_fail (ACR_IS_BILLING (self), NULL);
  g_return_val_if_fail (n_years != NULL, NULL);

  *n_years = 0;
  iface = backend_iface (self, &backend);
  if (iface->list_invoice_years != NULL &&
      (invoice_years = iface->list_invoice_years (backend, error)) == NULL)
    return NULL;

  rules_years = acr_rules_list_years (self->rules, &n_rules);
  for (guint i = 0; i < n_rules; i++)
    {
      first = MIN (first, rules_years[i]);
      last = MAX (last, rules_years[i]);
    }
  for (guint i = 0; invoice_years != NULL && i < invoice_years->len; i++)
    {
      gint64 year = g_array_index (invoice_years, gint64, i);

      if (year < ACR_DATE_MIN_YEAR || year > ACR_DATE_MAX_YEAR)
        continue;
      first = MIN (first, (int) year);
      last = MAX (last, (int) year);
    }
  if (on != NULL && g_date_valid (on))
    {
      first = MIN (first, (int) g_date_get_year (on));
      last = MAX (last, (int) g_date_get_year (on) + 1);
    }

  if (first > last)
    return g_new0 (int, 1);

  years = g_new0 (int, last - first + 1);
  for (int year = first; year <= last; year++)
    years[(*n_years)++] = year;
  return years;
}
