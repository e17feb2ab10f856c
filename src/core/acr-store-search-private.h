#pragma once

#include "acr-search-index.h"
#include "acr-store.h"
#include "acr-store-backend.h"

G_BEGIN_DECLS

/*
 * What the two halves of AcrStore share: acr-store.c (opening, members,
 * transactions, drafts) and acr-store-search.c (the search index and its
 * upkeep). Nothing else includes this.
 */

struct _AcrStore
{
  GObject          parent_instance;

  AcrStoreBackend *backend;
  AcrSearchIndex  *index;
  guint            generation;    /* bumped whenever search answers may have changed */
  gboolean         in_transaction;
  GPtrArray       *pending_keys;  /* of AcrStoreOwnedKeys: index updates waiting for the commit */
  gboolean         pending_rebuild; /* too many for an overlay: rebuild after the commit */
  gint64           data_version;  /* the engine's data version the index was read at */
  gint64           members_version; /* the members' version it was read at (or last caught up with) */
  gint64           noticed_version; /* the data version acr_store_notice_other_commits () last saw */
  gboolean         index_from_file; /* the last index was read from its file beside the database */
  gboolean         keep_index_file; /* write that file when the index is read from the database */
};

/* Folded keys of one member, owned. */
typedef struct
{
  AcrSearchKeys keys;
  char         *strings[6];
  char         *category;
  char         *status;
  char         *chapters;
} AcrStoreOwnedKeys;

AcrStoreOwnedKeys *_acr_store_compute_keys       (AcrMember         *member);
void               _acr_store_owned_keys_free    (AcrStoreOwnedKeys *keys);
/* Inside a transaction: @keys (taken) go into the index when it commits. */
void               _acr_store_queue_index_update (AcrStore          *self,
                                                  AcrStoreOwnedKeys *keys);
gboolean           _acr_store_index_committed    (AcrStore          *self);

gboolean           _acr_store_search_index_from_file (AcrStore *self);

G_END_DECLS
