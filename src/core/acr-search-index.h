#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * AcrSearchIndex: the in-memory index behind member lookup. It holds folded
 * keys only (no display text) in flat arrays, so a million members cost one
 * allocation per array, not per member. Rows are loaded once, in family-name
 * order, from the store at open; later changes go to a small overlay that is
 * merged into every answer.
 *
 * A query is words separated by spaces; each must match one of the member's
 * fields (AND across words): a prefix of any word of the family name, given
 * name or city; a prefix of the e-mail, the postal code (spaces ignored) or
 * the NPI; or the member number (prefix of the fixed-width "0001234" or of
 * the number without its leading zeros).
 */

typedef enum
{
  ACR_SEARCH_SORT_FAMILY_NAME,
  ACR_SEARCH_SORT_GIVEN_NAME,
  ACR_SEARCH_SORT_NUMBER,
} AcrSearchSort;

/* Folded keys of one member, as the store hands them over (all non-NULL but npi/chapters may be ""). */
typedef struct
{
  guint32     id;
  guint32     number;
  const char *family_key;
  const char *given_key;
  const char *email_key;
  const char *city_key;
  const char *postal_key;
  const char *npi;
  const char *category;
  const char *status;
  const char *chapters;  /* comma-separated codes */
} AcrSearchKeys;

typedef struct
{
  const char    *text;      /* as typed; folded by the index */
  const char    *category;  /* NULL or "" = any */
  const char    *status;
  const char    *chapter;
  AcrSearchSort  sort;
} AcrSearchQuery;

typedef struct _AcrSearchIndex AcrSearchIndex;
typedef struct _AcrSearchAnswer AcrSearchAnswer;

/* A new index is loading: add the base rows, then finish the load before querying. */
AcrSearchIndex *acr_search_index_new          (void);
void            acr_search_index_free         (AcrSearchIndex       *self);

/* Loading: rows in family-name order (family_key, given_key, number), then the other orders as ids. */
void            acr_search_index_add_base_row (AcrSearchIndex       *self,
                                               const AcrSearchKeys  *keys);
void            acr_search_index_finish_load  (AcrSearchIndex       *self,
                                               const guint32        *ids_by_given,
                                               const guint32        *ids_by_email,
                                               const guint32        *ids_by_postal,
                                               const guint32        *ids_by_npi,
                                               guint                 n_npi);

void            acr_search_index_update       (AcrSearchIndex       *self,
                                               const AcrSearchKeys  *keys);
guint           acr_search_index_get_n_rows   (AcrSearchIndex       *self);
guint           acr_search_index_get_n_overlay (AcrSearchIndex      *self);

/* The matches, sorted as asked; free with acr_search_answer_free (). */
AcrSearchAnswer *acr_search_index_answer      (AcrSearchIndex       *self,
                                               const AcrSearchQuery *query);
/* Fills @ids (guint32 member ids) with the matches, sorted as asked. */
void            acr_search_index_query        (AcrSearchIndex       *self,
                                               const AcrSearchQuery *query,
                                               GArray               *ids);
/* Keeps in @ids (a previous answer, same filters and sort) those matching @query: for a query that extends the last one. */
void            acr_search_index_refine       (AcrSearchIndex       *self,
                                               const AcrSearchQuery *query,
                                               GArray               *ids);

void            acr_search_index_set_bitmap_min (AcrSearchIndex     *self,
                                                 guint               n);

AcrSearchAnswer *acr_search_answer_new_for_ids (GArray              *ids);
guint           acr_search_answer_get_n_items (const AcrSearchAnswer *answer);
guint32         acr_search_answer_get_id      (const AcrSearchAnswer *answer,
                                               guint                  position);
GArray         *acr_search_answer_get_ids     (const AcrSearchAnswer *answer);
void            acr_search_answer_free        (AcrSearchAnswer      *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrSearchIndex, acr_search_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrSearchAnswer, acr_search_answer_free)

G_END_DECLS
