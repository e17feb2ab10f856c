#define G_LOG_DOMAIN "acr-payment"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-payment.h"

struct _AcrPayment
{
  GObject           parent_instance;

  gint64            amount_cents;
  GDate             date;
  AcrPaymentMethod  method;
  char             *reference;
};

enum {
  PROP_0,
  PROP_AMOUNT_CENTS,
  PROP_DATE,
  PROP_METHOD,
  PROP_REFERENCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (AcrPaymentMethod, acr_payment_method,
                    G_DEFINE_ENUM_VALUE (ACR_PAYMENT_METHOD_CHECK, "check"),
                    G_DEFINE_ENUM_VALUE (ACR_PAYMENT_METHOD_CARD, "card"),
                    G_DEFINE_ENUM_VALUE (ACR_PAYMENT_METHOD_BANK_TRANSFER, "bank-transfer"))

G_DEFINE_FINAL_TYPE (AcrPayment, acr_payment, G_TYPE_OBJECT)

static const struct
{
  const char *name;
  const char *label;
} methods[] = {
  [ACR_PAYMENT_METHOD_CHECK] = { "check", N_("Check") },
  [ACR_PAYMENT_METHOD_CARD] = { "card", N_("Card") },
  [ACR_PAYMENT_METHOD_BANK_TRANSFER] = { "bank-transfer", N_("Bank transfer") },
};

static void
acr_payment_finalize (GObject *object)
{
  AcrPayment *self = (AcrPayment *) object;

  g_clear_pointer (&self->reference, g_free);

  G_OBJECT_CLASS (acr_payment_parent_class)->finalize (object);
}

static void
acr_payment_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AcrPayment *self = ACR_PAYMENT (object);

  switch (prop_id)
    {
    case PROP_AMOUNT_CENTS:
      g_value_set_int64 (value, self->amount_cents);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, g_date_valid (&self->date) ? &self->date : NULL);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_payment_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  AcrPayment *self = ACR_PAYMENT (object);
  const GDate *date;

  switch (prop_id)
    {
    case PROP_AMOUNT_CENTS:
      self->amount_cents = g_value_get_int64 (value);
      break;
    case PROP_DATE:
      date = g_value_get_boxed (value);
      if (date != NULL)
        self->date = *date;
      break;
    case PROP_METHOD:
      self->method = g_value_get_enum (value);
      break;
    case PROP_REFERENCE:
      self->reference = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_payment_class_init (AcrPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_payment_finalize;
  object_class->get_property = acr_payment_get_property;
  object_class->set_property = acr_payment_set_property;

  properties [PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, ACR_TYPE_PAYMENT_METHOD, ACR_PAYMENT_METHOD_CHECK,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_payment_init (AcrPayment *self)
{
  g_date_clear (&self->date, 1);
}

const char *
acr_payment_method_to_string (AcrPaymentMethod method)
{
  g_return_val_if_fail (method <= ACR_PAYMENT_METHOD_BANK_TRANSFER, NULL);
  return methods[method].name;
}

gboolean
acr_payment_method_from_string (const char       *text,
                                AcrPaymentMethod *method)
{
  g_return_val_if_fail (method != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      if (g_strcmp0 (text, methods[i].name) == 0)
        {
          *method = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
acr_payment_method_get_label (AcrPaymentMethod method)
{
  g_return_val_if_fail (method <= ACR_PAYMENT_METHOD_BANK_TRANSFER, NULL);
  return methods[method].label;
}

/**
 * acr_payment_new:
 * @amount_cents: money received (> 0) or refunded (< 0)
 * @date: the day the money moved
 * @method: how it moved
 * @reference: (nullable): check number, card authorization, transfer id
 */
AcrPayment *
acr_payment_new (gint64            amount_cents,
                 const GDate      *date,
                 AcrPaymentMethod  method,
                 const char       *reference)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_object_new (ACR_TYPE_PAYMENT,
                       "amount-cents", amount_cents,
                       "date", date,
                       "method", method,
                       "reference", reference,
                       NULL);
}

gint64
acr_payment_get_amount_cents (AcrPayment *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT (self), 0);
  return self->amount_cents;
}

const GDate *
acr_payment_get_date (AcrPayment *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT (self), NULL);
  return &self->date;
}

AcrPaymentMethod
acr_payment_get_method (AcrPayment *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT (self), ACR_PAYMENT_METHOD_CHECK);
  return self->method;
}

const char *
acr_payment_get_reference (AcrPayment *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT (self), NULL);
  return self->reference;
}

gboolean
acr_payment_is_refund (AcrPayment *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT (self), FALSE);
  return self->amount_cents < 0;
}
