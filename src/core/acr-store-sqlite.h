#pragma once

#include "acr-store-backend.h"

G_BEGIN_DECLS

/* AcrStoreSqlite: the embedded engine, one SQLite file (WAL journal). */

#define ACR_TYPE_STORE_SQLITE (acr_store_sqlite_get_type ())

G_DECLARE_FINAL_TYPE (AcrStoreSqlite, acr_store_sqlite, ACR, STORE_SQLITE, GObject)

/* The schema version this build writes; older files are migrated forward at open. */
#define ACR_STORE_SQLITE_SCHEMA_VERSION 10

AcrStoreSqlite *acr_store_sqlite_open               (const char     *path,
                                                     GError        **error);
AcrStoreSqlite *acr_store_sqlite_open_full          (const char     *path,
                                                     gboolean        create,
                                                     GError        **error);
int             acr_store_sqlite_get_schema_version (AcrStoreSqlite *self);

G_END_DECLS
