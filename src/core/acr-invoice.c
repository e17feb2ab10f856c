#define G_LOG_DOMAIN "acr-invoice"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-invoice-private.h"
#include "acr-money.h"

/*
 * The invoice model: its header and lines, frozen when it is issued, its
 * number and kind, and the amounts and status derived from what happened
 * to it since. What happens to it (payments, refunds, credit notes,
 * receipts, voiding) is in acr-invoice-settlement.c.
 */

enum {
  PROP_0,
  PROP_KIND,
  PROP_NUMBER,
  PROP_REFERENCE_NUMBER,
  PROP_MEMBER_NUMBER,
  PROP_MEMBER_NAME,
  PROP_ADDRESS_LINES,
  PROP_CITY,
  PROP_REGION,
  PROP_POSTAL_CODE,
  PROP_COUNTRY,
  PROP_LANGUAGE,
  PROP_YEAR,
  PROP_ISSUED_ON,
  PROP_DUE_ON,
  PROP_CURRENCY,
  PROP_LINES,
  PROP_PLACEHOLDER,
  PROP_TOTAL_CENTS,
  PROP_PAID_CENTS,
  PROP_REFUNDED_CENTS,
  PROP_CREDITED_CENTS,
  PROP_BALANCE_CENTS,
  PROP_STATUS,
  PROP_PAYMENTS,
  PROP_VOID_REASON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (AcrInvoiceKind, acr_invoice_kind,
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_KIND_INVOICE, "invoice"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_KIND_CREDIT_NOTE, "credit-note"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_KIND_RECEIPT, "receipt"))

G_DEFINE_ENUM_TYPE (AcrInvoiceStatus, acr_invoice_status,
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_STATUS_OPEN, "open"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_STATUS_PAID, "paid"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_STATUS_PARTIALLY_PAID, "partially-paid"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_STATUS_VOID, "void"),
                    G_DEFINE_ENUM_VALUE (ACR_INVOICE_STATUS_REFUNDED, "refunded"))

G_DEFINE_FINAL_TYPE (AcrInvoice, acr_invoice, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-invoice-error-quark, acr_invoice_error)

static const char * const kind_names[] = { "invoice", "credit-note", "receipt" };
static const char * const status_names[] = { "open", "paid", "partially-paid", "void", "refunded" };

static gboolean
add_overflows (gint64 a,
               gint64 b)
{
  return (b > 0 && a > G_MAXINT64 - b) || (b < 0 && a < G_MININT64 - b);
}

void
acr_invoice_snapshot_money (AcrInvoice           *self,
                            AcrInvoiceMoneyState *state)
{
  state->paid = acr_invoice_get_paid_cents (self);
  state->refunded = self->refunded_cents;
  state->credited = self->credited_cents;
  state->balance = acr_invoice_get_balance_cents (self);
  state->status = acr_invoice_get_status (self);
}

/* Notifies what changed since @before was taken. */
void
acr_invoice_notify_money (AcrInvoice                 *self,
                          const AcrInvoiceMoneyState *before)
{
  AcrInvoiceMoneyState after;

  acr_invoice_snapshot_money (self, &after);

  g_object_freeze_notify (G_OBJECT (self));
  if (before->paid != after.paid)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAID_CENTS]);
  if (before->refunded != after.refunded)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REFUNDED_CENTS]);
  if (before->credited != after.credited)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREDITED_CENTS]);
  if (before->balance != after.balance)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BALANCE_CENTS]);
  if (before->status != after.status)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
  g_object_thaw_notify (G_OBJECT (self));
}

static char *
dup_nonempty (const char *text)
{
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  return *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;
}

static gboolean
check_info (const AcrInvoiceInfo  *info,
            GError               **error)
{
  const char *number = info->number != NULL ? info->number : "";
  g_autofree char *name = dup_nonempty (info->member_name);

  if (!acr_invoice_number_parse (info->number, NULL, NULL))
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice number “%s” is not of the form YYYY-NNNNNN"), number);
      return FALSE;
    }

  if ((guint) info->kind > ACR_INVOICE_KIND_RECEIPT)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: unknown kind %d"), number, (int) info->kind);
      return FALSE;
    }

  if (info->kind != ACR_INVOICE_KIND_INVOICE && !acr_invoice_number_parse (info->reference_number, NULL, NULL))
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: a %s must refer to a valid invoice number, not “%s”"),
                   number, kind_names[info->kind], info->reference_number ? info->reference_number : "");
      return FALSE;
    }

  if (info->member_number == NULL || *info->member_number == '\0')
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: member-number is missing"), number);
      return FALSE;
    }

  if (name == NULL)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: member-name is missing"), number);
      return FALSE;
    }

  if (info->language != NULL && !acr_language_is_supported (info->language))
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: language “%s” is not supported (en or fr)"), number, info->language);
      return FALSE;
    }

  if (info->year < 1900 || info->year > 9999)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: membership year %d is out of range"), number, info->year);
      return FALSE;
    }

  if (info->issued_on == NULL || !g_date_valid (info->issued_on))
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: issue date is missing or invalid"), number);
      return FALSE;
    }

  if (info->kind == ACR_INVOICE_KIND_INVOICE && (info->due_on == NULL || !g_date_valid (info->due_on)))
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: due date is missing or invalid"), number);
      return FALSE;
    }

  if (info->due_on != NULL && g_date_valid (info->due_on) && g_date_compare (info->due_on, info->issued_on) < 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: due date is before the issue date"), number);
      return FALSE;
    }

  return TRUE;
}

static void
acr_invoice_dispose (GObject *object)
{
  AcrInvoice *self = (AcrInvoice *) object;

  g_clear_object (&self->lines);
  g_clear_object (&self->payments);

  G_OBJECT_CLASS (acr_invoice_parent_class)->dispose (object);
}

static void
acr_invoice_finalize (GObject *object)
{
  AcrInvoice *self = (AcrInvoice *) object;

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->reference_number, g_free);
  g_clear_pointer (&self->member_number, g_free);
  g_clear_pointer (&self->member_name, g_free);
  g_clear_pointer (&self->address_lines, g_strfreev);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->void_reason, g_free);

  G_OBJECT_CLASS (acr_invoice_parent_class)->finalize (object);
}

static void
acr_invoice_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AcrInvoice *self = ACR_INVOICE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_REFERENCE_NUMBER:
      g_value_set_string (value, self->reference_number);
      break;
    case PROP_MEMBER_NUMBER:
      g_value_set_string (value, self->member_number);
      break;
    case PROP_MEMBER_NAME:
      g_value_set_string (value, self->member_name);
      break;
    case PROP_ADDRESS_LINES:
      g_value_set_boxed (value, self->address_lines);
      break;
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;
    case PROP_REGION:
      g_value_set_string (value, self->region);
      break;
    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_ISSUED_ON:
      g_value_set_boxed (value, &self->issued_on);
      break;
    case PROP_DUE_ON:
      g_value_set_boxed (value, g_date_valid (&self->due_on) ? &self->due_on : NULL);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, acr_invoice_get_currency (self));
      break;
    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_boolean (value, self->placeholder);
      break;
    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, self->total_cents);
      break;
    case PROP_PAID_CENTS:
      g_value_set_int64 (value, acr_invoice_get_paid_cents (self));
      break;
    case PROP_REFUNDED_CENTS:
      g_value_set_int64 (value, self->refunded_cents);
      break;
    case PROP_CREDITED_CENTS:
      g_value_set_int64 (value, self->credited_cents);
      break;
    case PROP_BALANCE_CENTS:
      g_value_set_int64 (value, acr_invoice_get_balance_cents (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, acr_invoice_get_status (self));
      break;
    case PROP_PAYMENTS:
      g_value_set_object (value, self->payments);
      break;
    case PROP_VOID_REASON:
      g_value_set_string (value, self->void_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_invoice_class_init (AcrInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = acr_invoice_dispose;
  object_class->finalize = acr_invoice_finalize;
  object_class->get_property = acr_invoice_get_property;

  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, ACR_TYPE_INVOICE_KIND, ACR_INVOICE_KIND_INVOICE, flags);
  properties [PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, flags);
  properties [PROP_REFERENCE_NUMBER] = g_param_spec_string ("reference-number", NULL, NULL, NULL, flags);
  properties [PROP_MEMBER_NUMBER] = g_param_spec_string ("member-number", NULL, NULL, NULL, flags);
  properties [PROP_MEMBER_NAME] = g_param_spec_string ("member-name", NULL, NULL, NULL, flags);
  properties [PROP_ADDRESS_LINES] = g_param_spec_boxed ("address-lines", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, flags);
  properties [PROP_REGION] = g_param_spec_string ("region", NULL, NULL, NULL, flags);
  properties [PROP_POSTAL_CODE] = g_param_spec_string ("postal-code", NULL, NULL, NULL, flags);
  properties [PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, flags);
  properties [PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, flags);
  properties [PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_ISSUED_ON] = g_param_spec_boxed ("issued-on", NULL, NULL, G_TYPE_DATE, flags);
  properties [PROP_DUE_ON] = g_param_spec_boxed ("due-on", NULL, NULL, G_TYPE_DATE, flags);
  properties [PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, "USD", flags);
  properties [PROP_LINES] = g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties [PROP_PLACEHOLDER] = g_param_spec_boolean ("placeholder", NULL, NULL, FALSE, flags);
  properties [PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_PAID_CENTS] =
    g_param_spec_int64 ("paid-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_REFUNDED_CENTS] =
    g_param_spec_int64 ("refunded-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_CREDITED_CENTS] =
    g_param_spec_int64 ("credited-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_BALANCE_CENTS] =
    g_param_spec_int64 ("balance-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, ACR_TYPE_INVOICE_STATUS, ACR_INVOICE_STATUS_OPEN, flags);
  properties [PROP_PAYMENTS] = g_param_spec_object ("payments", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties [PROP_VOID_REASON] = g_param_spec_string ("void-reason", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_invoice_init (AcrInvoice *self)
{
  g_date_clear (&self->issued_on, 1);
  g_date_clear (&self->due_on, 1);
  self->lines = g_list_store_new (ACR_TYPE_DUES_LINE);
  self->payments = g_list_store_new (ACR_TYPE_PAYMENT);
}

const char *
acr_invoice_kind_to_string (AcrInvoiceKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
acr_invoice_kind_from_string (const char     *text,
                              AcrInvoiceKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (text, kind_names[i]) == 0)
        {
          if (kind != NULL)
            *kind = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
acr_invoice_status_to_string (AcrInvoiceStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
acr_invoice_status_from_string (const char       *text,
                                AcrInvoiceStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_strcmp0 (text, status_names[i]) == 0)
        {
          if (status != NULL)
            *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * acr_invoice_number_format:
 * @year: 1000 to 9999
 * @sequence: 1 to %ACR_INVOICE_SEQUENCE_MAX
 *
 * Returns: (transfer full): "2027-000001"
 */
char *
acr_invoice_number_format (int   year,
                           guint sequence)
{
  g_return_val_if_fail (year >= 1000 && year <= 9999, NULL);
  g_return_val_if_fail (sequence >= 1 && sequence <= ACR_INVOICE_SEQUENCE_MAX, NULL);

  return g_strdup_printf ("%04d-%06u", year, sequence);
}

/**
 * acr_invoice_number_parse:
 * @text: (nullable): "2027-000001"
 * @year: (out) (optional)
 * @sequence: (out) (optional)
 *
 * Accepts exactly four digits, a dash and six digits, sequence not zero.
 *
 * Returns: %TRUE if @text is an invoice number.
 */
gboolean
acr_invoice_number_parse (const char *text,
                          int        *year,
                          guint      *sequence)
{
  guint y = 0;
  guint s = 0;

  if (text == NULL || strlen (text) != 11 || text[4] != '-')
    return FALSE;

  for (guint i = 0; i < 11; i++)
    {
      if (i == 4)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      if (i < 4)
        y = y * 10 + (text[i] - '0');
      else
        s = s * 10 + (text[i] - '0');
    }

  if (y < 1000 || s == 0)
    return FALSE;

  if (year != NULL)
    *year = (int) y;
  if (sequence != NULL)
    *sequence = s;

  return TRUE;
}

/**
 * acr_invoice_new:
 * @info: the header
 * @lines: (array length=n_lines): the lines, in order
 * @n_lines: how many
 * @error: an #ACR_INVOICE_ERROR_INVALID naming the invoice and the field
 *
 * Lines are immutable, so keeping a reference to each is a frozen copy.
 *
 * Returns: (transfer full) (nullable): the invoice, or %NULL on bad input.
 */
AcrInvoice *
acr_invoice_new (const AcrInvoiceInfo    *info,
                 AcrDuesLine * const  *lines,
                 guint                    n_lines,
                 GError                 **error)
{
  g_autoptr (AcrInvoice) self = NULL;
  gint64 total = 0;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (lines != NULL || n_lines == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_info (info, error))
    return NULL;

  self = g_object_new (ACR_TYPE_INVOICE, NULL);
  self->kind = info->kind;
  self->number = g_strdup (info->number);
  self->reference_number = g_strdup (info->reference_number);
  self->member_number = g_strdup (info->member_number);
  self->member_name = dup_nonempty (info->member_name);
  self->city = dup_nonempty (info->city);
  self->region = dup_nonempty (info->region);
  self->postal_code = dup_nonempty (info->postal_code);
  self->country = info->country != NULL && *info->country != '\0' ? g_ascii_strup (info->country, -1) : g_strdup ("US");
  self->language = g_strdup (info->language != NULL ? info->language : "en");
  self->year = info->year;
  self->issued_on = *info->issued_on;
  if (info->due_on != NULL && g_date_valid (info->due_on))
    self->due_on = *info->due_on;

  /* Keep only the address lines that say something. */
  {
    g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

    for (guint i = 0; info->address_lines != NULL && info->address_lines[i] != NULL; i++)
      {
        g_autofree char *line = dup_nonempty (info->address_lines[i]);

        if (line != NULL)
          g_strv_builder_add (builder, line);
      }
    self->address_lines = g_strv_builder_end (builder);
  }

  for (guint i = 0; i < n_lines; i++)
    {
      gint64 amount;

      g_return_val_if_fail (ACR_IS_DUES_LINE (lines[i]), NULL);

      amount = acr_dues_line_get_amount_cents (lines[i]);
      if (add_overflows (total, amount))
        {
          g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                       _("Invoice %s: line %u makes the total overflow"), info->number, i + 1);
          return NULL;
        }
      total += amount;
      self->placeholder |= acr_dues_line_get_placeholder (lines[i]);
      g_list_store_append (self->lines, lines[i]);
    }
  self->total_cents = total;

  return g_steal_pointer (&self);
}

/**
 * acr_invoice_new_from_quote:
 * @info: the header; its year must be the quote's
 * @quote: the dues quote of the member for that year
 * @error: an #ACR_INVOICE_ERROR_INVALID if the quote bills nothing
 *
 * Issues an invoice for @quote: its lines are copied (code, description,
 * amount, placeholder flag), so later changes to the rules or to the
 * member never change what was billed. Lines of $0.00 are notes for staff
 * (a waiver, why something was not billed) and are left out.
 *
 * Returns: (transfer full) (nullable): the invoice
 */
AcrInvoice *
acr_invoice_new_from_quote (const AcrInvoiceInfo  *info,
                            AcrDuesQuote          *quote,
                            GError               **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *quote_lines;
  const char *number;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (quote), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  number = info->number != NULL ? info->number : "";

  if (acr_dues_quote_get_reason (quote) != NULL)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: the dues quote is not billable: %s"), number, acr_dues_quote_get_reason (quote));
      return NULL;
    }

  if (acr_dues_quote_get_year (quote) != info->year)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: membership year %d, but the dues quote is for %d"),
                   number, info->year, acr_dues_quote_get_year (quote));
      return NULL;
    }

  if (g_strcmp0 (acr_dues_quote_get_currency (quote), "USD") != 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: currency %s is not supported (USD)"), number, acr_dues_quote_get_currency (quote));
      return NULL;
    }

  if (acr_dues_quote_get_total_cents (quote) <= 0)
    {
      g_autofree char *total = acr_money_format (acr_dues_quote_get_total_cents (quote), "en");

      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s: the dues quote totals %s; there is nothing to bill"), number, total);
      return NULL;
    }

  quote_lines = acr_dues_quote_get_lines (quote);
  for (guint i = 0; i < g_list_model_get_n_items (quote_lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (quote_lines, i);

      if (acr_dues_line_get_amount_cents (line) == 0)
        continue;

      g_ptr_array_add (lines, acr_dues_line_new (acr_dues_line_get_code (line),
                                                    acr_dues_line_get_description (line),
                                                    acr_dues_line_get_amount_cents (line),
                                                    acr_dues_line_get_placeholder (line)));
    }

  return acr_invoice_new (info, (AcrDuesLine * const *) lines->pdata, lines->len, error);
}

AcrInvoiceKind
acr_invoice_get_kind (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), ACR_INVOICE_KIND_INVOICE);
  return self->kind;
}

const char *
acr_invoice_get_number (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->number;
}

const char *
acr_invoice_get_reference_number (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->reference_number;
}

const char *
acr_invoice_get_member_number (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->member_number;
}

const char *
acr_invoice_get_member_name (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->member_name;
}

const char * const *
acr_invoice_get_address_lines (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return (const char * const *) self->address_lines;
}

const char *
acr_invoice_get_city (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->city;
}

const char *
acr_invoice_get_region (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->region;
}

const char *
acr_invoice_get_postal_code (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->postal_code;
}

const char *
acr_invoice_get_country (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->country;
}

const char *
acr_invoice_get_language (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->language;
}

int
acr_invoice_get_year (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);
  return self->year;
}

const GDate *
acr_invoice_get_issued_on (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return &self->issued_on;
}

/* Returns: (nullable): NULL for credit notes and receipts without one. */
const GDate *
acr_invoice_get_due_on (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return g_date_valid (&self->due_on) ? &self->due_on : NULL;
}

const char *
acr_invoice_get_currency (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return "USD";
}

/* Returns: (transfer none): a #GListModel of #AcrDuesLine */
GListModel *
acr_invoice_get_lines (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return G_LIST_MODEL (self->lines);
}

gboolean
acr_invoice_get_placeholder (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), FALSE);
  return self->placeholder;
}

gint64
acr_invoice_get_total_cents (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);
  return self->total_cents;
}

/* Net money held: payments received less refunds paid back. */
gint64
acr_invoice_get_paid_cents (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);
  return self->received_cents - self->refunded_cents;
}

gint64
acr_invoice_get_refunded_cents (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);
  return self->refunded_cents;
}

gint64
acr_invoice_get_credited_cents (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);
  return self->credited_cents;
}

/* What the member still owes; negative when money is owed back. */
gint64
acr_invoice_get_balance_cents (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), 0);

  if (self->is_void)
    return 0;

  return self->total_cents - self->credited_cents - acr_invoice_get_paid_cents (self);
}

AcrInvoiceStatus
acr_invoice_get_status (AcrInvoice *self)
{
  gint64 paid;

  g_return_val_if_fail (ACR_IS_INVOICE (self), ACR_INVOICE_STATUS_OPEN);

  paid = acr_invoice_get_paid_cents (self);

  if (self->is_void)
    return ACR_INVOICE_STATUS_VOID;
  if (self->refunded_cents > 0 && paid == 0)
    return ACR_INVOICE_STATUS_REFUNDED;
  if (paid > 0)
    return acr_invoice_get_balance_cents (self) <= 0 ? ACR_INVOICE_STATUS_PAID : ACR_INVOICE_STATUS_PARTIALLY_PAID;
  /* Credited in full before anything was paid: cancelled, as if voided. */
  if (self->credited_cents != 0 && self->credited_cents >= self->total_cents)
    return ACR_INVOICE_STATUS_VOID;

  return ACR_INVOICE_STATUS_OPEN;
}

/* Returns: (transfer none): a #GListModel of #AcrPayment, refunds included
 * (negative amounts), in the order they were recorded. */
GListModel *
acr_invoice_get_payments (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return G_LIST_MODEL (self->payments);
}

const char *
acr_invoice_get_void_reason (AcrInvoice *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE (self), NULL);
  return self->void_reason;
}

void
acr_invoice_notify_void_reason (AcrInvoice *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VOID_REASON]);
}
