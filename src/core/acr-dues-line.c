#define G_LOG_DOMAIN "acr-dues-line"

#include "config.h"

#include "acr-dues-line.h"

struct _AcrDuesLine
{
  GObject   parent_instance;

  char     *code;
  char     *description;
  gint64    amount_cents;
  gboolean  placeholder;
  char     *note;
};

enum {
  PROP_0,
  PROP_CODE,
  PROP_DESCRIPTION,
  PROP_AMOUNT_CENTS,
  PROP_PLACEHOLDER,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrDuesLine, acr_dues_line, G_TYPE_OBJECT)

static void
acr_dues_line_finalize (GObject *object)
{
  AcrDuesLine *self = (AcrDuesLine *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (acr_dues_line_parent_class)->finalize (object);
}

static void
acr_dues_line_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AcrDuesLine *self = ACR_DUES_LINE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_AMOUNT_CENTS:
      g_value_set_int64 (value, self->amount_cents);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_boolean (value, self->placeholder);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_dues_line_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AcrDuesLine *self = ACR_DUES_LINE (object);

  switch (prop_id)
    {
    case PROP_CODE:
      self->code = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      self->description = g_value_dup_string (value);
      break;
    case PROP_AMOUNT_CENTS:
      self->amount_cents = g_value_get_int64 (value);
      break;
    case PROP_PLACEHOLDER:
      self->placeholder = g_value_get_boolean (value);
      break;
    case PROP_NOTE:
      self->note = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_dues_line_class_init (AcrDuesLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_dues_line_finalize;
  object_class->get_property = acr_dues_line_get_property;
  object_class->set_property = acr_dues_line_set_property;

  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PLACEHOLDER] =
    g_param_spec_boolean ("placeholder", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_dues_line_init (AcrDuesLine *self)
{
}

AcrDuesLine *
acr_dues_line_new (const char *code,
                   const char *description,
                   gint64      amount_cents,
                   gboolean    placeholder)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  return g_object_new (ACR_TYPE_DUES_LINE,
                       "code", code,
                       "description", description,
                       "amount-cents", amount_cents,
                       "placeholder", placeholder,
                       NULL);
}

/**
 * acr_dues_line_new_with_note:
 * @note: (nullable): a remark for staff (how the line was decided), in the
 *   staff's language; never printed on an invoice
 *
 * Like acr_dues_line_new (). The note is not part of the description: an
 * invoice freezes the description only, so the member never reads it.
 */
AcrDuesLine *
acr_dues_line_new_with_note (const char *code,
                             const char *description,
                             gint64      amount_cents,
                             gboolean    placeholder,
                             const char *note)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (description != NULL, NULL);

  return g_object_new (ACR_TYPE_DUES_LINE,
                       "code", code,
                       "description", description,
                       "amount-cents", amount_cents,
                       "placeholder", placeholder,
                       "note", note,
                       NULL);
}

const char *
acr_dues_line_get_code (AcrDuesLine *self)
{
  g_return_val_if_fail (ACR_IS_DUES_LINE (self), NULL);

  return self->code;
}

const char *
acr_dues_line_get_description (AcrDuesLine *self)
{
  g_return_val_if_fail (ACR_IS_DUES_LINE (self), NULL);

  return self->description;
}

gint64
acr_dues_line_get_amount_cents (AcrDuesLine *self)
{
  g_return_val_if_fail (ACR_IS_DUES_LINE (self), 0);

  return self->amount_cents;
}

gboolean
acr_dues_line_get_placeholder (AcrDuesLine *self)
{
  g_return_val_if_fail (ACR_IS_DUES_LINE (self), FALSE);

  return self->placeholder;
}

/* Returns: (nullable): the staff's remark on how the line was decided */
const char *
acr_dues_line_get_note (AcrDuesLine *self)
{
  g_return_val_if_fail (ACR_IS_DUES_LINE (self), NULL);

  return self->note;
}
