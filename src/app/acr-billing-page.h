#pragma once

#include <adwaita.h>

#include "acr-billing.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_BILLING_PAGE (acr_billing_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrBillingPage, acr_billing_page, ACR, BILLING_PAGE, GtkWidget)

void        acr_billing_page_set_store       (AcrBillingPage *self,
                                              AcrStore       *store,
                                              const GError   *error);
void        acr_billing_page_set_rules       (AcrBillingPage *self,
                                              AcrRules       *rules);
int         acr_billing_page_get_year        (AcrBillingPage *self);
gboolean    acr_billing_page_set_year        (AcrBillingPage *self,
                                              int             year);
gboolean    acr_billing_page_get_busy        (AcrBillingPage *self);
gboolean    acr_billing_page_get_can_print   (AcrBillingPage *self);
GListModel *acr_billing_page_get_invoices    (AcrBillingPage *self);
void        acr_billing_page_print_selected  (AcrBillingPage *self);
void        acr_billing_page_focus_search    (AcrBillingPage *self);

G_END_DECLS
