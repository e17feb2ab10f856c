#pragma once

#include "acr-invoice.h"

G_BEGIN_DECLS

/*
 * Mailing order for exported documents. The exports themselves are
 * AcrInvoiceRenderer methods (acr_invoice_renderer_export_pdf(),
 * _export_combined(), _export_folder()), written in acr-invoice-export.c.
 */

void acr_invoices_sort_by_postal_code (AcrInvoice **invoices,
                                       guint        n_invoices);

G_END_DECLS
