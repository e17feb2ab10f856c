#pragma once

#include <gio/gio.h>

#include "acr-billing.h"
#include "acr-invoice-renderer.h"

G_BEGIN_DECLS

/*
 * Exporting a selection of documents (a membership year, a status, a
 * member's) as PDF without holding them all: the documents are listed by
 * number, then loaded and drawn a few at a time, so a year of 136,000
 * invoices takes the memory of a handful.
 */

gboolean acr_invoice_batch_export (AcrBilling              *billing,
                                   AcrInvoiceRenderer      *renderer,
                                   const AcrInvoiceFilter  *filter,
                                   const char              *output,
                                   gboolean                 to_folder,
                                   AcrFileWriterFlags       flags,
                                   guint                   *n_exported,
                                   GError                 **error);

G_END_DECLS
