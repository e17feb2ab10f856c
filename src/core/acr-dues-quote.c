#define G_LOG_DOMAIN "acr-dues-quote"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-dues-quote-private.h"

struct _AcrDuesQuote
{
  GObject     parent_instance;

  int         year;
  char       *category_id;
  char       *currency;
  GListStore *lines;
  gint64      total_cents;
  gboolean    placeholder;
  char       *reason;
};

enum {
  PROP_0,
  PROP_YEAR,
  PROP_CATEGORY_ID,
  PROP_CURRENCY,
  PROP_LINES,
  PROP_TOTAL_CENTS,
  PROP_PLACEHOLDER,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrDuesQuote, acr_dues_quote, G_TYPE_OBJECT)

static void
acr_dues_quote_dispose (GObject *object)
{
  AcrDuesQuote *self = (AcrDuesQuote *) object;

  g_clear_object (&self->lines);

  G_OBJECT_CLASS (acr_dues_quote_parent_class)->dispose (object);
}

static void
acr_dues_quote_finalize (GObject *object)
{
  AcrDuesQuote *self = (AcrDuesQuote *) object;

  g_clear_pointer (&self->category_id, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (acr_dues_quote_parent_class)->finalize (object);
}

static void
acr_dues_quote_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcrDuesQuote *self = ACR_DUES_QUOTE (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_string (value, self->category_id);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_LINES:
      g_value_set_object (value, self->lines);
      break;
    case PROP_TOTAL_CENTS:
      g_value_set_int64 (value, self->total_cents);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_boolean (value, self->placeholder);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_dues_quote_class_init (AcrDuesQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_dues_quote_dispose;
  object_class->finalize = acr_dues_quote_finalize;
  object_class->get_property = acr_dues_quote_get_property;

  properties [PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LINES] =
    g_param_spec_object ("lines", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOTAL_CENTS] =
    g_param_spec_int64 ("total-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLACEHOLDER] =
    g_param_spec_boolean ("placeholder", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_dues_quote_init (AcrDuesQuote *self)
{
  self->lines = g_list_store_new (ACR_TYPE_DUES_LINE);
}

AcrDuesQuote *
_acr_dues_quote_new (int         year,
                     const char *category_id,
                     const char *currency)
{
  AcrDuesQuote *self = g_object_new (ACR_TYPE_DUES_QUOTE, NULL);

  self->year = year;
  self->category_id = g_strdup (category_id);
  self->currency = g_strdup (currency);

  return self;
}

void
_acr_dues_quote_add_line (AcrDuesQuote *self,
                          AcrDuesLine  *line)
{
  gboolean was_placeholder = self->placeholder;

  g_assert (ACR_IS_DUES_QUOTE (self));
  g_assert (ACR_IS_DUES_LINE (line));

  g_list_store_append (self->lines, line);

  if (acr_dues_line_get_amount_cents (line) != 0)
    {
      self->total_cents += acr_dues_line_get_amount_cents (line);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOTAL_CENTS]);
    }

  self->placeholder |= acr_dues_line_get_placeholder (line);
  if (self->placeholder != was_placeholder)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLACEHOLDER]);
}

void
_acr_dues_quote_set_reason (AcrDuesQuote *self,
                            const char   *reason)
{
  g_assert (ACR_IS_DUES_QUOTE (self));

  if (g_strcmp0 (self->reason, reason) == 0)
    return;

  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REASON]);
}

int
acr_dues_quote_get_year (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), 0);

  return self->year;
}

const char *
acr_dues_quote_get_category_id (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);

  return self->category_id;
}

const char *
acr_dues_quote_get_currency (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);

  return self->currency;
}

GListModel *
acr_dues_quote_get_lines (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);

  return G_LIST_MODEL (self->lines);
}

/* Returns the first line with @code, or NULL. */
AcrDuesLine *
acr_dues_quote_find_line (AcrDuesQuote *self,
                          const char   *code)
{
  guint n;

  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcrDuesLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);

      if (g_str_equal (acr_dues_line_get_code (line), code))
        return line;  /* the store keeps its reference */
    }

  return NULL;
}

gint64
acr_dues_quote_get_total_cents (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), 0);

  return self->total_cents;
}

gboolean
acr_dues_quote_get_placeholder (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), FALSE);

  return self->placeholder;
}

const char *
acr_dues_quote_get_reason (AcrDuesQuote *self)
{
  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);

  return self->reason;
}

/* The object the CLI's `quote` prints:
 * {"year", "category", "currency", "lines": [{"code", "description",
 * "amount_cents", "placeholder", "note"}], "total_cents", "placeholder"}.
 * A line's "placeholder" says whether its amount is one; "note" is the
 * staff's remark on how it was decided (null when none), which no invoice
 * prints. */
JsonNode *
acr_dues_quote_to_json (AcrDuesQuote *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  g_return_val_if_fail (ACR_IS_DUES_QUOTE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, self->year);
  json_builder_set_member_name (builder, "category");
  if (self->category_id != NULL)
    json_builder_add_string_value (builder, self->category_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, self->currency);

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lines));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcrDuesLine) line = g_list_model_get_item (G_LIST_MODEL (self->lines), i);
      g_autofree char *description = NULL;

      /* The "placeholder" key says it to programs; the description still
       * says it to whoever reads it. */
      if (acr_dues_line_get_placeholder (line))
        description = g_strdup_printf (_("%s (placeholder amount: load the College’s official schedule)"),
                                       acr_dues_line_get_description (line));
      else
        description = g_strdup (acr_dues_line_get_description (line));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, acr_dues_line_get_code (line));
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
      json_builder_set_member_name (builder, "amount_cents");
      json_builder_add_int_value (builder, acr_dues_line_get_amount_cents (line));
      json_builder_set_member_name (builder, "placeholder");
      json_builder_add_boolean_value (builder, acr_dues_line_get_placeholder (line));
      json_builder_set_member_name (builder, "note");
      if (acr_dues_line_get_note (line) != NULL)
        json_builder_add_string_value (builder, acr_dues_line_get_note (line));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "total_cents");
  json_builder_add_int_value (builder, self->total_cents);
  json_builder_set_member_name (builder, "placeholder");
  json_builder_add_boolean_value (builder, self->placeholder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
