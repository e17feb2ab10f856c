#pragma once

#include <sqlite3.h>

#include "acr-store-backend.h"
#include "acr-store-sqlite.h"

G_BEGIN_DECLS

/*
 * What the other files of the SQLite engine (acr-store-sqlite-billing.c)
 * share with acr-store-sqlite.c: the connection, its statement cache and its
 * error mapping. Nothing outside the engine includes this.
 */

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

/* acr-store-sqlite-billing.c: schema steps 5 (invoices) and 6 (invoice state checks), and the backend entries. */
extern const char _acr_store_sqlite_billing_schema[];
extern const char _acr_store_sqlite_billing_schema_6[];
void          _acr_store_sqlite_billing_init  (AcrStoreBackendInterface *iface);

G_END_DECLS
