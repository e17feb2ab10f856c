#pragma once

#include "acr-invoice.h"

G_BEGIN_DECLS

/*
 * Looking invoices up by what staff type: the invoice number, the member
 * number or the member's name, folded as member search folds them
 * (acr_search_fold (): case, accents, ligatures), so "menard" finds
 * "Ménard, Luc" and "lefevre luc" finds "Lefèvre, Luc".
 */

gboolean acr_invoice_matches_search (AcrInvoice *invoice,
                                     const char *folded_query);

G_END_DECLS
