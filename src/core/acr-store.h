#pragma once

#include <gio/gio.h>

#include "acr-member.h"
#include "acr-member-change.h"
#include "acr-store-backend.h"

G_BEGIN_DECLS

/*
 * AcrStore: the one reader and writer of member data. Every change is one
 * transaction and is recorded in the member's append-only history; a save
 * that starts from an old revision fails with ACR_STORE_ERROR_CONFLICT.
 */

#define ACR_STORE_ERROR (acr_store_error_quark ())

typedef enum
{
  ACR_STORE_ERROR_NOT_FOUND,
  ACR_STORE_ERROR_CONFLICT,      /* changed by someone else since it was read */
  ACR_STORE_ERROR_INVALID,       /* a value the store refuses, or a constraint */
  ACR_STORE_ERROR_NEWER_SCHEMA,  /* written by a newer version of the application */
  ACR_STORE_ERROR_CORRUPT,       /* not a database, or a damaged one */
  ACR_STORE_ERROR_IO,
  ACR_STORE_ERROR_BUSY,          /* another program holds the database */
  ACR_STORE_ERROR_DUPLICATE,     /* another member has this e-mail address */
} AcrStoreError;

#define ACR_TYPE_STORE (acr_store_get_type ())

G_DECLARE_FINAL_TYPE (AcrStore, acr_store, ACR, STORE, GObject)

GQuark           acr_store_error_quark        (void);

char            *acr_store_dup_default_path   (void);
AcrStore        *acr_store_open               (const char   *path,
                                               GError      **error);
AcrStore        *acr_store_open_existing      (const char   *path,
                                               GError      **error);
AcrStore        *acr_store_new_for_backend    (AcrStoreBackend *backend,
                                               GError      **error);
AcrStoreBackend *acr_store_get_backend        (AcrStore     *self);
const char      *acr_store_get_location       (AcrStore     *self);

gboolean         acr_store_prepare_search     (AcrStore     *self,
                                               GError      **error);
gboolean         acr_store_has_search_index   (AcrStore     *self);
void             acr_store_set_keep_search_index_file (AcrStore *self,
                                               gboolean      keep);
void             acr_store_prepare_search_async (AcrStore          *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean         acr_store_prepare_search_finish (AcrStore     *self,
                                               GAsyncResult *result,
                                               GError      **error);
gint64           acr_store_count_members      (AcrStore     *self,
                                               GError      **error);
gboolean         acr_store_notice_other_commits (AcrStore   *self);
GArray          *acr_store_list_ids_by_name   (AcrStore     *self,
                                               guint         offset,
                                               guint         limit,
                                               GError      **error);
AcrMember       *acr_store_lookup_member      (AcrStore     *self,
                                               guint         number,
                                               GError      **error);
AcrMember       *acr_store_lookup_member_by_id (AcrStore    *self,
                                               gint64        id,
                                               GError      **error);
GArray          *acr_store_list_ids_by_status (AcrStore     *self,
                                               const char   *status,
                                               GError      **error);
gboolean         acr_store_foreach_member     (AcrStore             *self,
                                               GArray               *ids,
                                               AcrStoreMemberFunc    func,
                                               gpointer              user_data,
                                               GError              **error);
GArray          *acr_store_search_ids         (AcrStore             *self,
                                               const AcrSearchQuery *query,
                                               guint                 limit,
                                               guint                *n_matches,
                                               GError              **error);
guint            acr_store_parse_number       (const char   *text);
gboolean         acr_store_add_member         (AcrStore     *self,
                                               AcrMember    *member,
                                               const char   *reason,
                                               GError      **error);
gboolean         acr_store_save_member        (AcrStore     *self,
                                               AcrMember    *member,
                                               const char   *reason,
                                               GError      **error);
GPtrArray       *acr_store_list_history       (AcrStore     *self,
                                               AcrMember    *member,
                                               GError      **error);

gboolean         acr_store_save_draft         (AcrStore     *self,
                                               const char   *key,
                                               const char   *json,
                                               GError      **error);
char            *acr_store_load_draft         (AcrStore     *self,
                                               const char   *key,
                                               GError      **error);
gboolean         acr_store_delete_draft       (AcrStore     *self,
                                               const char   *key,
                                               GError      **error);
char           **acr_store_list_drafts        (AcrStore     *self,
                                               GError      **error);

char            *acr_store_check_integrity    (AcrStore     *self,
                                               GError      **error);

G_END_DECLS
