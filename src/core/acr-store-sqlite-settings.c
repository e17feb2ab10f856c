#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include "acr-store-sqlite-private.h"

/*
 * The membership's settings in the SQLite engine: schema step 9 and the
 * get_setting/set_setting entries of AcrStoreBackend. Kept apart from
 * acr-store-sqlite.c like the billing tables in acr-store-sqlite-billing.c.
 */

/*
 * Schema step 9: settings that belong to the membership rather than to one
 * workstation (the issuer printed on invoices), so that the application and
 * the CLI on any workstation read the same values. IF NOT EXISTS: a file
 * taken back to an older user_version by hand (as the tests of older steps
 * do) still migrates forward.
 */
const char _acr_store_sqlite_settings_schema[] =
  "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);";

static char *
sqlite_get_setting (AcrStoreBackend  *backend,
                    const char       *key,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _acr_store_sqlite_get_statement (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  _acr_store_sqlite_bind_text (self, stmt, 1, key, "key");
  rc = _acr_store_sqlite_step (self, stmt);
  if (rc == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&value);
}

static gboolean
sqlite_set_setting (AcrStoreBackend  *backend,
                    const char       *key,
                    const char       *value,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                          error);
  if (stmt == NULL)
    return FALSE;
  _acr_store_sqlite_bind_text (self, stmt, 1, key, "key");
  _acr_store_sqlite_bind_text (self, stmt, 2, value, "value");
  rc = _acr_store_sqlite_step (self, stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _acr_store_sqlite_set_error (self, rc, error);

  return TRUE;
}

void
_acr_store_sqlite_settings_init (AcrStoreBackendInterface *iface)
{
  iface->get_setting = sqlite_get_setting;
  iface->set_setting = sqlite_set_setting;
}
