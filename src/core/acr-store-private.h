#pragma once

#include "acr-search-index.h"
#include "acr-store.h"

G_BEGIN_DECLS

/* Batches (import, lifecycle, sample data) run many changes in one transaction. */
gboolean        _acr_store_begin          (AcrStore    *self,
                                           GError     **error);
void            _acr_store_set_bulk       (AcrStore    *self);
gboolean        _acr_store_commit         (AcrStore    *self,
                                           GError     **error);
void            _acr_store_rollback       (AcrStore    *self);
gboolean        _acr_store_insert         (AcrStore    *self,
                                           AcrMember   *member,
                                           const char  *reason,
                                           const char  *time,
                                           GError     **error);
gboolean        _acr_store_update         (AcrStore    *self,
                                           AcrMember   *member,
                                           const char  *reason,
                                           const char  *time,
                                           GError     **error);
gint64          _acr_store_find_member    (AcrStore    *self,
                                           const char  *email,
                                           const char  *family_name,
                                           const char  *given_name,
                                           const char  *program,
                                           GError     **error);
AcrSearchIndex *_acr_store_get_index      (AcrStore    *self);
guint           _acr_store_get_generation (AcrStore    *self);
char           *_acr_store_now            (void);

G_END_DECLS
