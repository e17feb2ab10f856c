#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * AcrInvoiceLine: one line of an issued invoice, frozen at issue. Immutable:
 * every property is construct-only. The description is the source (English)
 * text of the dues line; the renderer translates it for the member.
 */

#define ACR_TYPE_INVOICE_LINE (acr_invoice_line_get_type ())

G_DECLARE_FINAL_TYPE (AcrInvoiceLine, acr_invoice_line, ACR, INVOICE_LINE, GObject)

AcrInvoiceLine *acr_invoice_line_new             (const char     *code,
                                                  const char     *description,
                                                  gint64          amount_cents,
                                                  gboolean        placeholder);
const char     *acr_invoice_line_get_code        (AcrInvoiceLine *self);
const char     *acr_invoice_line_get_description (AcrInvoiceLine *self);
gint64          acr_invoice_line_get_amount_cents (AcrInvoiceLine *self);
gboolean        acr_invoice_line_get_placeholder (AcrInvoiceLine *self);

G_END_DECLS
