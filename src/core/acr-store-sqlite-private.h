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

/* acr-store-sqlite-billing.c: schema steps 5 (invoices) and 6 (invoice state checks), and the backend entries. */
extern const char _acr_store_sqlite_billing_schema[];
extern const char _acr_store_sqlite_billing_schema_6[];
void          _acr_store_sqlite_billing_init  (AcrStoreBackendInterface *iface);

/* acr-store-sqlite-settings.c: schema step 9 (the membership's settings) and the backend entries. */
extern const char _acr_store_sqlite_settings_schema[];
void          _acr_store_sqlite_settings_init (AcrStoreBackendInterface *iface);

G_END_DECLS
