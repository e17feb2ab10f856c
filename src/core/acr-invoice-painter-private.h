#pragma once

#include <cairo.h>

#include "acr-invoice-renderer.h"

G_BEGIN_DECLS

/*
 * AcrInvoicePainter: draws the page of one document, for
 * AcrInvoiceRenderer and its PDF exports. A painter draws with a copy of
 * the renderer's configuration, its own Pango font map (font maps are not
 * thread-safe) and its own layouts: one thread at a time.
 */

/* What a page is drawn with; the renderer's properties. */
typedef struct _AcrInvoiceRendererConfig
{
  AcrPaper  paper;
  char     *issuer_name;
  char     *issuer_address;
} AcrInvoiceRendererConfig;

typedef struct _AcrInvoicePainter AcrInvoicePainter;

void               acr_paper_get_size                  (AcrPaper                         paper,
                                                        double                          *width,
                                                        double                          *height);
void               acr_invoice_renderer_config_copy    (AcrInvoiceRendererConfig        *dest,
                                                        const AcrInvoiceRendererConfig  *src);
void               acr_invoice_renderer_config_clear   (AcrInvoiceRendererConfig        *config);

AcrInvoicePainter *acr_invoice_painter_new             (const AcrInvoiceRendererConfig  *config);
void               acr_invoice_painter_free            (AcrInvoicePainter               *p);
gboolean           acr_invoice_painter_paint           (AcrInvoicePainter               *p,
                                                        cairo_t                         *cr,
                                                        AcrInvoice                      *invoice,
                                                        GError                         **error);
void               acr_invoice_painter_get_page_size   (AcrInvoicePainter               *p,
                                                        double                          *width,
                                                        double                          *height);
const char        *acr_invoice_painter_get_issuer_name (AcrInvoicePainter               *p);

G_END_DECLS
