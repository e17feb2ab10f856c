#pragma once

#include <glib.h>

#include "acr-search-index.h"

G_BEGIN_DECLS

/*
 * Orders of the member list beyond the index's own (family name, given
 * name, number): by a column's value, each ascending or descending, with
 * the family-name order kept among equal values. Used by
 * acr_search_results_set_order ().
 */
typedef enum
{
  ACR_SEARCH_KEY_NONE,      /* the AcrSearchSort order */
  ACR_SEARCH_KEY_CATEGORY,  /* category code */
  ACR_SEARCH_KEY_STATUS,    /* status code */
  ACR_SEARCH_KEY_CHAPTERS,  /* chapter codes; members with none last */
  ACR_SEARCH_KEY_CITY,      /* folded city; members with none last */
  ACR_SEARCH_KEY_BALANCE,   /* what the member owes over all invoices */
} AcrSearchKey;

/* Member id → balance in cents, for ACR_SEARCH_KEY_BALANCE; absent: 0. */
typedef gint64 (*AcrSearchBalanceFunc) (guint32  id,
                                        gpointer user_data);

void acr_search_index_order_ids (AcrSearchIndex       *self,
                                 GArray               *ids,
                                 AcrSearchKey          key,
                                 gboolean              descending,
                                 AcrSearchBalanceFunc  balance,
                                 gpointer              user_data);

G_END_DECLS
