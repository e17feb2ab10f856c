#pragma once

#include <adwaita.h>

#include "acr-billing.h"
#include "acr-member.h"

G_BEGIN_DECLS

#define ACR_TYPE_INVOICE_CREATE_DIALOG (acr_invoice_create_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrInvoiceCreateDialog, acr_invoice_create_dialog, ACR, INVOICE_CREATE_DIALOG, AdwWindow)

AcrInvoiceCreateDialog *acr_invoice_create_dialog_new (GtkWindow  *parent,
                                                       AcrBilling *billing,
                                                       AcrMember  *member);

G_END_DECLS
