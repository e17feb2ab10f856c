#pragma once

#include <sqlite3.h>

#include "acr-store-backend.h"
#include "acr-store-sqlite.h"

G_BEGIN_DECLS

/*
 * What the files of the SQLite engine share: acr-store-sqlite.c (the
 * connection, its statement cache, its error mapping, transactions, drafts
 * and applications), acr-store-sqlite-schema.c (the schema and its
 * migrations), acr-store-sqlite-members.c and acr-store-sqlite-billing.c
 * (the queries). Nothing outside the engine includes this.
 */

struct _AcrStoreSqlite
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;  /* SQL text (static) → sqlite3_stmt */
  int         schema_version;
  gint64      next_number;   /* within a transaction: the next member number, 0 = not read yet */
  gboolean    number_dirty;  /* next_number must be written back before the commit */
  gboolean    bulk;          /* the current transaction writes many rows */
  int         bind_rc;       /* the first bind that failed since the statement was taken, or SQLITE_OK */
  sqlite3_stmt *bind_stmt;   /* the statement it failed on */
  int         bind_index;
  const char *bind_what;     /* what that parameter holds (static), or NULL */
  gsize       bind_length;
  gint64      busy_since;    /* when the current wait for a lock began (monotonic) */
  int         failed_bind_rc; /* the bind failure the last step reported, for set_sqlite_error () */
  int         failed_bind_index;
  const char *failed_bind_what;
  gsize       failed_bind_length;
};

sqlite3      *_acr_store_sqlite_get_db        (AcrStoreSqlite  *self);
sqlite3_stmt *_acr_store_sqlite_get_statement (AcrStoreSqlite  *self,
                                               const char      *sql,
                                               GError         **error);
gboolean      _acr_store_sqlite_set_error     (AcrStoreSqlite  *self,
                                               int              rc,
                                               GError         **error);

/* Every bind goes through these: a failed bind (a text over the length
 * limit) makes the next step fail instead of storing NULL, and
 * _acr_store_sqlite_set_error () then names @what. */
void          _acr_store_sqlite_bind_text     (AcrStoreSqlite  *self,
                                               sqlite3_stmt    *stmt,
                                               int              index,
                                               const char      *text,
                                               const char      *what);
/* The same without a copy: @text must outlive the step. */
void          _acr_store_sqlite_bind_static_text (AcrStoreSqlite *self,
                                                  sqlite3_stmt   *stmt,
                                                  int             index,
                                                  const char     *text,
                                                  const char     *what);
void          _acr_store_sqlite_bind_int64    (AcrStoreSqlite  *self,
                                               sqlite3_stmt    *stmt,
                                               int              index,
                                               gint64           value);
int           _acr_store_sqlite_step          (AcrStoreSqlite  *self,
                                               sqlite3_stmt    *stmt);

/*
 * Query endings. A cached statement must be reset once its rows are read,
 * or it keeps its read transaction (and its binds) open; these do it on
 * every path, so an early return cannot forget it.
 *
 * g_auto (AcrStoreSqliteQuery) stmt = _acr_store_sqlite_get_statement (…)
 * resets the statement when it goes out of scope: for queries read by hand
 * (one row, a row that decides an error).
 */
typedef sqlite3_stmt *AcrStoreSqliteQuery;

static inline void
_acr_store_sqlite_query_reset (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (AcrStoreSqliteQuery, _acr_store_sqlite_query_reset, NULL)

/* Statements prepared for one use (not cached) are finalized instead. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Called for each row; returns FALSE with @error set to stop the query. */
typedef gboolean (*AcrStoreSqliteRowFunc) (sqlite3_stmt  *stmt,
                                           gpointer       user_data,
                                           GError       **error);

/* Steps @stmt to its end, calling @func (may be NULL: a statement run for
 * what it writes) for each row, and resets it. FALSE with @error set when
 * a step or @func fails. */
gboolean      _acr_store_sqlite_each_row      (AcrStoreSqlite         *self,
                                               sqlite3_stmt           *stmt,
                                               AcrStoreSqliteRowFunc   func,
                                               gpointer                user_data,
                                               GError                **error);

/* Row functions for the common cases: column 0 appended to a GArray of
 * gint64, or to a GStrvBuilder. */
gboolean      _acr_store_sqlite_row_append_int64 (sqlite3_stmt  *stmt,
                                                  gpointer       user_data,
                                                  GError       **error);
gboolean      _acr_store_sqlite_row_add_text     (sqlite3_stmt  *stmt,
                                                  gpointer       user_data,
                                                  GError       **error);

/* SQL run as it is (settings, transactions, the migrations). */
gboolean      _acr_store_sqlite_exec          (AcrStoreSqlite  *self,
                                               const char      *sql,
                                               GError         **error);
/* BEGIN IMMEDIATE, waiting for another writer up to the busy timeout. */
gboolean      _acr_store_sqlite_begin_immediate (AcrStoreSqlite  *self,
                                                 GError         **error);

/* acr-store-sqlite-schema.c */
gboolean      _acr_store_sqlite_read_user_version (AcrStoreSqlite  *self,
                                                   int             *version,
                                                   GError         **error);
gboolean      _acr_store_sqlite_migrate       (AcrStoreSqlite  *self,
                                               GError         **error);

/* acr-store-sqlite-members.c: the backend entries for members and their history. */
void          _acr_store_sqlite_members_init  (AcrStoreBackendInterface *iface);

/* acr-store-sqlite-search.c: the member_words table (schema step 10), kept by every
 * member write, and the lookup answered from it without the in-memory index. */
gboolean      _acr_store_sqlite_insert_words  (AcrStoreSqlite       *self,
                                               gint64                member_id,
                                               const AcrSearchKeys  *keys,
                                               GError              **error);
gboolean      _acr_store_sqlite_delete_words  (AcrStoreSqlite       *self,
                                               gint64                member_id,
                                               const char           *family_key,
                                               const char           *given_key,
                                               const char           *city_key,
                                               GError              **error);
gboolean      _acr_store_sqlite_fill_words    (AcrStoreSqlite       *self,
                                               GError              **error);
void          _acr_store_sqlite_search_init   (AcrStoreBackendInterface *iface);
#define _ACR_STORE_SQLITE_LOOKUP_MAX 30000
void          _acr_store_sqlite_set_lookup_max (guint                n);

/* acr-store-sqlite-billing.c: schema steps 5 (invoices) and 6 (invoice state checks), and the backend entries. */
extern const char _acr_store_sqlite_billing_schema[];
extern const char _acr_store_sqlite_billing_schema_6[];
void          _acr_store_sqlite_billing_init  (AcrStoreBackendInterface *iface);

/* acr-store-sqlite-settings.c: schema step 9 (the membership's settings) and the backend entries. */
extern const char _acr_store_sqlite_settings_schema[];
void          _acr_store_sqlite_settings_init (AcrStoreBackendInterface *iface);

G_END_DECLS
