#pragma once

#include <gio/gio.h>

#include "acr-member.h"
#include "acr-member-change.h"
#include "acr-search-index.h"

G_BEGIN_DECLS

/*
 * AcrStoreBackend: the engine under AcrStore. It only persists and reads;
 * AcrStore decides (validation, history, folding, the search index). All the
 * SQL of an engine lives in its implementation (AcrStoreSqlite today; a
 * PostgreSQL engine for shared workstations can be added beside it).
 *
 * Writes happen between begin () and commit (); rollback () undoes them.
 * Errors are ACR_STORE_ERROR.
 */

#define ACR_TYPE_STORE_BACKEND (acr_store_backend_get_type ())

G_DECLARE_INTERFACE (AcrStoreBackend, acr_store_backend, ACR, STORE_BACKEND, GObject)

typedef enum
{
  ACR_STORE_ORDER_GIVEN_NAME,   /* given_key, family_key, number */
  ACR_STORE_ORDER_EMAIL,
  ACR_STORE_ORDER_POSTAL,
  ACR_STORE_ORDER_NPI,          /* only members with an NPI */
} AcrStoreOrder;

/* Called for each member in family-name order (family_key, given_key, number). */
typedef void (*AcrStoreScanFunc) (const AcrSearchKeys *keys,
                                  gpointer             user_data);

struct _AcrStoreBackendInterface
{
  GTypeInterface parent_iface;

  const char *(*get_location)       (AcrStoreBackend        *self);
  gboolean    (*begin)              (AcrStoreBackend        *self,
                                     GError                **error);
  gboolean    (*commit)             (AcrStoreBackend        *self,
                                     GError                **error);
  void        (*rollback)           (AcrStoreBackend        *self);

  guint       (*next_member_number) (AcrStoreBackend        *self,
                                     GError                **error);
  gboolean    (*insert_member)      (AcrStoreBackend        *self,
                                     AcrMember              *member,
                                     const AcrSearchKeys    *keys,
                                     GError                **error);
  gboolean    (*update_member)      (AcrStoreBackend        *self,
                                     AcrMember              *member,
                                     const AcrSearchKeys    *keys,
                                     gint64                  from_revision,
                                     GError                **error);
  AcrMember  *(*load_member)         (AcrStoreBackend        *self,
                                     gint64                  id,
                                     guint                   number,
                                     GError                **error);
  gint64      (*find_member)        (AcrStoreBackend        *self,
                                     const char             *email_key,
                                     const char             *family_key,
                                     const char             *given_key,
                                     const char             *program,
                                     GError                **error);
  gint64      (*count_members)      (AcrStoreBackend        *self,
                                     GError                **error);
  GArray     *(*list_ids_by_status) (AcrStoreBackend        *self,
                                     const char             *status,
                                     GError                **error);

  gboolean    (*append_change)      (AcrStoreBackend        *self,
                                     gint64                  member_id,
                                     const AcrMemberChange  *change,
                                     GError                **error);
  GPtrArray  *(*list_changes)       (AcrStoreBackend        *self,
                                     gint64                  member_id,
                                     gint64                  after_revision,
                                     GError                **error);

  gboolean    (*scan_members)       (AcrStoreBackend        *self,
                                     AcrStoreScanFunc        func,
                                     gpointer                user_data,
                                     GError                **error);
  GArray     *(*scan_ids)           (AcrStoreBackend        *self,
                                     AcrStoreOrder           order,
                                     GError                **error);

  gboolean    (*save_draft)         (AcrStoreBackend        *self,
                                     const char             *key,
                                     const char             *json,
                                     GError                **error);
  char       *(*load_draft)         (AcrStoreBackend        *self,
                                     const char             *key,
                                     GError                **error);
  gboolean    (*delete_draft)       (AcrStoreBackend        *self,
                                     const char             *key,
                                     GError                **error);
  char      **(*list_drafts)        (AcrStoreBackend        *self,
                                     GError                **error);

  gint64      (*insert_application) (AcrStoreBackend        *self,
                                     const char             *applied_on,
                                     const char             *person_json,
                                     const char             *contact_json,
                                     const char             *outcome,
                                     const char             *reasons_json,
                                     gint64                  member_id,
                                     const char             *account,
                                     GError                **error);

  char       *(*check_integrity)    (AcrStoreBackend        *self,
                                     GError                **error);
};

G_END_DECLS
