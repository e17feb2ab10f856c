#pragma once

#include <gtk/gtk.h>

#include "acr-invoice-renderer.h"

G_BEGIN_DECLS

/*
 * Invoices as documents, wherever staff are looking at them (Billing's
 * list, a member's pane): opened as a PDF, printed through
 * GtkPrintOperation, exported to files. All of them go through
 * AcrInvoiceRenderer set up from this workstation's paper size and the
 * membership's issuer (its database), so
 * the page printed is the page exported. @widget is the view asking: its
 * window is the dialogs' parent and shows the toasts.
 */

AcrInvoiceRenderer *acr_invoice_documents_new_renderer (GtkWidget   *widget);
gboolean            acr_invoice_documents_open_pdf     (GtkWidget   *widget,
                                                        AcrInvoice  *invoice,
                                                        GError     **error);
void                acr_invoice_documents_print        (GtkWidget   *widget,
                                                        GPtrArray   *invoices);
void                acr_invoice_documents_export       (GtkWidget   *widget,
                                                        GPtrArray   *invoices,
                                                        const char  *combined_name);

G_END_DECLS
