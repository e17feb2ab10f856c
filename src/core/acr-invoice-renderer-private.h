#pragma once

#include "acr-invoice-renderer.h"

G_BEGIN_DECLS

/*
 * What the PDF exports (acr-invoice-export.c) share with the renderer.
 *
 * A painter draws pages with a configuration of its own (a copy), its own
 * Pango font map and its own layouts: one thread at a time. The renderer
 * keeps one painter, behind its lock, for draw_page() and the exports that
 * draw on the calling thread; an export on several threads gives each
 * thread a painter made from one copy of the configuration.
 */

typedef struct _AcrInvoiceRendererConfig AcrInvoiceRendererConfig;
typedef struct _AcrInvoicePainter AcrInvoicePainter;

AcrInvoiceRendererConfig *acr_invoice_renderer_dup_config     (AcrInvoiceRenderer              *self);
void                      acr_invoice_renderer_config_free    (AcrInvoiceRendererConfig        *config);
AcrInvoicePainter        *acr_invoice_renderer_lock_painter   (AcrInvoiceRenderer              *self);
void                      acr_invoice_renderer_unlock_painter (AcrInvoiceRenderer              *self);

AcrInvoicePainter        *acr_invoice_painter_new             (const AcrInvoiceRendererConfig  *config);
void                      acr_invoice_painter_free            (AcrInvoicePainter               *p);
gboolean                  acr_invoice_painter_paint           (AcrInvoicePainter               *p,
                                                               cairo_t                         *cr,
                                                               AcrInvoice                      *invoice,
                                                               GError                         **error);
void                      acr_invoice_painter_get_page_size   (AcrInvoicePainter               *p,
                                                               double                          *width,
                                                               double                          *height);
const char               *acr_invoice_painter_get_issuer_name (AcrInvoicePainter               *p);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrInvoiceRendererConfig, acr_invoice_renderer_config_free)

G_END_DECLS
