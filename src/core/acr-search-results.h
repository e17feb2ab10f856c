#pragma once

#include <gio/gio.h>

#include "acr-search-index.h"
#include "acr-search-order.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * AcrSearchResults: the member lookup as a GListModel of AcrMember. It holds
 * only the matching member ids; a member is read from the store when a view
 * asks for that item (a small cache keeps the visible rows), so a million
 * matches cost four megabytes, not a million objects. Setting the text,
 * filters or sort re-runs the search at once; store changes refresh it.
 */

#define ACR_TYPE_SEARCH_RESULTS (acr_search_results_get_type ())

G_DECLARE_FINAL_TYPE (AcrSearchResults, acr_search_results, ACR, SEARCH_RESULTS, GObject)

AcrSearchResults *acr_search_results_new          (AcrStore         *store);
AcrStore         *acr_search_results_get_store    (AcrSearchResults *self);
const char       *acr_search_results_get_text     (AcrSearchResults *self);
void              acr_search_results_set_text     (AcrSearchResults *self,
                                                   const char       *text);
void              acr_search_results_set_category (AcrSearchResults *self,
                                                   const char       *category);
void              acr_search_results_set_status   (AcrSearchResults *self,
                                                   const char       *status);
void              acr_search_results_set_chapter  (AcrSearchResults *self,
                                                   const char       *chapter);
void              acr_search_results_set_sort     (AcrSearchResults *self,
                                                   AcrSearchSort     sort);
void              acr_search_results_set_order    (AcrSearchResults *self,
                                                   AcrSearchSort     sort,
                                                   AcrSearchKey      key,
                                                   gboolean          descending);
void              acr_search_results_set_query    (AcrSearchResults     *self,
                                                   const AcrSearchQuery *query);
gint64            acr_search_results_get_id       (AcrSearchResults *self,
                                                   guint             position);
AcrSearchSort     acr_search_results_parse_sort   (const char       *name,
                                                   gboolean         *ok);

G_END_DECLS
