#pragma once

#include "acr-invoice.h"

G_BEGIN_DECLS

/* Invoices built from sample data for the invoice tests, the rendering
 * benchmark and the sample tool: no store, no rules, deterministic. */

AcrInvoice *acr_test_invoice_new_sample    (const char *language);
AcrInvoice *acr_test_invoice_new_long_address (void);
AcrInvoice *acr_test_invoice_new_generated (guint       index,
                                            int         year);
gboolean    acr_test_run_pdftotext         (const char *pdf,
                                            char      **text,
                                            GError    **error);
char       *acr_test_normalize_spaces      (const char *text);

G_END_DECLS
