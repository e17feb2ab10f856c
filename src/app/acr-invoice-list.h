#pragma once

#include <adwaita.h>

#include "acr-billing.h"

G_BEGIN_DECLS

#define ACR_TYPE_INVOICE_LIST (acr_invoice_list_get_type ())

G_DECLARE_FINAL_TYPE (AcrInvoiceList, acr_invoice_list, ACR, INVOICE_LIST, GtkWidget)

/* The year acr_invoice_list_set_billing () takes to show every year's invoices. */
#define ACR_INVOICE_LIST_ALL_YEARS (-1)

void        acr_invoice_list_set_billing   (AcrInvoiceList *self,
                                            AcrBilling     *billing,
                                            int             year);
void        acr_invoice_list_reload        (AcrInvoiceList *self);
void        acr_invoice_list_focus_search  (AcrInvoiceList *self);
GListModel *acr_invoice_list_get_shown     (AcrInvoiceList *self);
GPtrArray  *acr_invoice_list_dup_selected  (AcrInvoiceList *self);
void        acr_invoice_list_replace       (AcrInvoiceList *self,
                                            AcrInvoice     *old_invoice,
                                            AcrInvoice     *new_invoice);

G_END_DECLS
