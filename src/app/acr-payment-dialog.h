#pragma once

#include <adwaita.h>

#include "acr-billing.h"
#include "acr-invoice.h"

G_BEGIN_DECLS

#define ACR_TYPE_PAYMENT_DIALOG (acr_payment_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrPaymentDialog, acr_payment_dialog, ACR, PAYMENT_DIALOG, AdwWindow)

AcrPaymentDialog *acr_payment_dialog_new         (GtkWindow        *parent,
                                                  AcrBilling       *billing,
                                                  AcrInvoice       *invoice);
AcrPaymentDialog *acr_payment_dialog_new_refund  (GtkWindow        *parent,
                                                  AcrBilling       *billing,
                                                  AcrInvoice       *invoice);
AcrInvoice       *acr_payment_dialog_get_invoice (AcrPaymentDialog *self);

G_END_DECLS
