#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * AcrPayment: money received against an invoice (amount-cents > 0) or paid
 * back to the member (a refund, amount-cents < 0). Immutable once created.
 */

typedef enum
{
  ACR_PAYMENT_METHOD_CHECK,
  ACR_PAYMENT_METHOD_CARD,
  ACR_PAYMENT_METHOD_BANK_TRANSFER,
} AcrPaymentMethod;

#define ACR_TYPE_PAYMENT_METHOD (acr_payment_method_get_type ())
GType acr_payment_method_get_type (void);

#define ACR_TYPE_PAYMENT (acr_payment_get_type ())

G_DECLARE_FINAL_TYPE (AcrPayment, acr_payment, ACR, PAYMENT, GObject)

/* "check", "card", "bank-transfer": the names the CLI and the store use. */
const char       *acr_payment_method_to_string   (AcrPaymentMethod  method);
gboolean          acr_payment_method_from_string (const char       *text,
                                                  AcrPaymentMethod *method);
/* Staff- and member-facing name, untranslated source text (N_()). */
const char       *acr_payment_method_get_label   (AcrPaymentMethod  method);

AcrPayment       *acr_payment_new                (gint64            amount_cents,
                                                  const GDate      *date,
                                                  AcrPaymentMethod  method,
                                                  const char       *reference);
gint64            acr_payment_get_amount_cents   (AcrPayment       *self);
const GDate      *acr_payment_get_date           (AcrPayment       *self);
AcrPaymentMethod  acr_payment_get_method         (AcrPayment       *self);
const char       *acr_payment_get_reference      (AcrPayment       *self);
gboolean          acr_payment_is_refund          (AcrPayment       *self);

G_END_DECLS
