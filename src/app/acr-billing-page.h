#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ACR_TYPE_BILLING_PAGE (acr_billing_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrBillingPage, acr_billing_page, ACR, BILLING_PAGE, GtkWidget)

G_END_DECLS
