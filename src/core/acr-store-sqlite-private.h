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

/* acr-store-sqlite-billing.c: schema step 4 (invoices) and its backend entries. */
extern const char _acr_store_sqlite_billing_schema[];
void          _acr_store_sqlite_billing_init  (AcrStoreBackendInterface *iface);

G_END_DECLS
