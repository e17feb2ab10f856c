#pragma once

#include "acr-invoice-painter-private.h"
#include "acr-invoice-renderer.h"

G_BEGIN_DECLS

/*
 * What the PDF exports (acr-invoice-export.c) share with the renderer: its
 * painter, behind its lock, for the exports that draw on the calling
 * thread; and a copy of its configuration, taken under the lock, from which
 * each thread of the folder export makes a painter of its own.
 */

AcrInvoiceRendererConfig *acr_invoice_renderer_dup_config     (AcrInvoiceRenderer       *self);
void                      acr_invoice_renderer_config_free    (AcrInvoiceRendererConfig *config);
AcrInvoicePainter        *acr_invoice_renderer_lock_painter   (AcrInvoiceRenderer       *self);
void                      acr_invoice_renderer_unlock_painter (AcrInvoiceRenderer       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrInvoiceRendererConfig, acr_invoice_renderer_config_free)

G_END_DECLS
