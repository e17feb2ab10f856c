#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include "acr-store-sqlite-private.h"

/*
 * The schema of the SQLite engine and its migrations: what a database file
 * holds at each version and how an older file is brought forward at open.
 * The invoice tables (steps 5 and 6) are written out in
 * acr-store-sqlite-billing.c, and the settings table (step 9) in
 * acr-store-sqlite-settings.c, beside the code that reads them.
 */

/*
 * Migrations: migrations[v - 1] takes a database from version v - 1 to v.
 * Each runs in its own transaction together with the user_version bump, so a
 * crash leaves the file at one version or the next, never between. Never
 * edit a released step; add one.
 */
static const char * const migrations[] = {
  /* 1: members, their history, the member number sequence. */
  "CREATE TABLE sequences (name TEXT PRIMARY KEY, next INTEGER NOT NULL);"
  "INSERT INTO sequences (name, next) VALUES ('member_number', 1);"
  "CREATE TABLE members ("
  "  id INTEGER PRIMARY KEY,"
  "  number INTEGER NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 9999999),"
  "  person TEXT NOT NULL CHECK (json_valid (person)),"
  "  given_name TEXT NOT NULL DEFAULT '',"
  "  family_name TEXT NOT NULL DEFAULT '',"
  "  email TEXT, phone TEXT, address TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT,"
  "  npi TEXT CHECK (npi IS NULL OR (length (npi) = 10 AND npi NOT GLOB '*[^0-9]*')),"
  "  language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr')),"
  "  category TEXT,"
  "  status TEXT NOT NULL CHECK (status IN ('applicant', 'active', 'lapsed', 'retired', 'resigned', 'deceased')),"
  "  chapters TEXT NOT NULL DEFAULT '',"
  "  joined TEXT,"
  "  revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),"
  "  updated_at TEXT NOT NULL,"
  "  family_key TEXT NOT NULL DEFAULT '',"
  "  given_key TEXT NOT NULL DEFAULT '',"
  "  email_key TEXT NOT NULL DEFAULT '',"
  "  city_key TEXT NOT NULL DEFAULT '',"
  "  postal_key TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX members_by_family ON members (family_key, given_key, number);"
  "CREATE INDEX members_by_given ON members (given_key, family_key, number);"
  "CREATE INDEX members_by_email ON members (email_key);"
  "CREATE INDEX members_by_postal ON members (postal_key);"
  "CREATE INDEX members_by_npi ON members (npi) WHERE npi IS NOT NULL;"
  "CREATE TABLE member_history ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER NOT NULL REFERENCES members (id),"
  "  revision INTEGER NOT NULL,"
  "  changed_at TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  reason TEXT"
  ");"
  "CREATE INDEX member_history_by_member ON member_history (member_id, revision);"
  /* History is append-only and members are never deleted (their numbers are never reused). */
  "CREATE TRIGGER member_history_no_update BEFORE UPDATE ON member_history"
  "  BEGIN SELECT RAISE (ABORT, 'member history is append-only'); END;"
  "CREATE TRIGGER member_history_no_delete BEFORE DELETE ON member_history"
  "  BEGIN SELECT RAISE (ABORT, 'member history is append-only'); END;"
  "CREATE TRIGGER members_no_delete BEFORE DELETE ON members"
  "  BEGIN SELECT RAISE (ABORT, 'members are never deleted; change their status'); END;"
  "CREATE TRIGGER members_number_fixed BEFORE UPDATE OF number ON members WHEN NEW.number <> OLD.number"
  "  BEGIN SELECT RAISE (ABORT, 'a member number never changes'); END;",

  /* 2: unsaved application forms of the desktop app, and refused applications. */
  "CREATE TABLE drafts (key TEXT PRIMARY KEY, json TEXT NOT NULL, updated_at TEXT NOT NULL);"
  "CREATE TABLE applications ("
  "  id INTEGER PRIMARY KEY,"
  "  applied_on TEXT NOT NULL,"
  "  person TEXT NOT NULL CHECK (json_valid (person)),"
  "  contact TEXT NOT NULL CHECK (json_valid (contact)),"
  "  outcome TEXT NOT NULL CHECK (outcome IN ('accepted', 'refused')),"
  "  reasons TEXT NOT NULL CHECK (json_valid (reasons)),"
  "  member_id INTEGER REFERENCES members (id),"
  "  account TEXT NOT NULL,"
  "  recorded_at TEXT NOT NULL"
  ");"
  "CREATE TRIGGER applications_no_update BEFORE UPDATE ON applications"
  "  BEGIN SELECT RAISE (ABORT, 'applications are kept as decided'); END;",

  /* 3: the residency programme (trainee roster) and a staff review flag (lifecycle). */
  "ALTER TABLE members ADD COLUMN program TEXT;"
  "ALTER TABLE members ADD COLUMN review TEXT;",

  /* 4: the lookup index is read at open from one covering index, in family-name order,
   *    without touching the table (a million rows: sequential reads instead of random ones). */
  "DROP INDEX members_by_family;"
  "CREATE INDEX members_lookup ON members (family_key, given_key, number, email_key, city_key,"
  "  postal_key, npi, category, status, chapters);",
  /* 5: invoices, their lines and payments, the per-year invoice number counters (acr-store-sqlite-billing.c). */
  _acr_store_sqlite_billing_schema,
  /* 6: an invoice's money and status follow from its payments, credit notes and void (acr-store-sqlite-billing.c). */
  _acr_store_sqlite_billing_schema_6,
  /* 7: a count of the commits that touched members, so that a lookup can tell another
   *    connection's invoices and payments (a billing run) from changes to members. */
  "CREATE TABLE members_version (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);"
  "INSERT INTO members_version (id, value) VALUES (1, 0);"
  "CREATE TRIGGER members_version_on_insert AFTER INSERT ON members"
  "  BEGIN UPDATE members_version SET value = value + 1 WHERE id = 1; END;"
  "CREATE TRIGGER members_version_on_update AFTER UPDATE ON members"
  "  BEGIN UPDATE members_version SET value = value + 1 WHERE id = 1; END;",
  /* 8: e-mail addresses are unique among members, compared folded (email_key). Members
   *    that already shared an address keep it (the oldest holds it in email_unique, the
   *    others NULL) so that the file still opens and staff can tell them apart; the
   *    store refuses every new duplicate, and this index backs it. */
  "ALTER TABLE members ADD COLUMN email_unique TEXT;"
  "UPDATE members SET email_unique = email_key WHERE email_key <> ''"
  "  AND id = (SELECT min (m.id) FROM members m WHERE m.email_key = members.email_key);"
  "CREATE UNIQUE INDEX members_by_email_unique ON members (email_unique) WHERE email_unique IS NOT NULL;",
  /* 9: the membership's settings, such as the invoice issuer (acr-store-sqlite-settings.c). */
  _acr_store_sqlite_settings_schema,
  /* 10: the words of the family names, given names and cities (acr_search_foreach_word ()),
   *     so that a one-shot lookup (the CLI) finds members by prefix from the database
   *     without reading them all into the search index (acr-store-sqlite-search.c). The
   *     members a database already holds get theirs in the same step (after_migration ()).
   *     The table only mirrors the keys: one left by a later version is made again. */
  "DROP TABLE IF EXISTS member_words;"
  "CREATE TABLE member_words ("
  "  word TEXT NOT NULL,"
  "  member_id INTEGER NOT NULL,"
  "  PRIMARY KEY (word, member_id)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ACR_STORE_SQLITE_SCHEMA_VERSION);

gboolean
_acr_store_sqlite_read_user_version (AcrStoreSqlite  *self,
                                     int             *version,
                                     GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _acr_store_sqlite_set_error (self, rc, error);
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* What a step needs done in C, in its transaction, after its SQL. */
static gboolean
after_migration (AcrStoreSqlite  *self,
                 int              version,
                 GError         **error)
{
  switch (version)
    {
    case 10:
      return _acr_store_sqlite_fill_words (self, error);
    default:
      return TRUE;
    }
}

/* Takes the database from its version to ACR_STORE_SQLITE_SCHEMA_VERSION, one step per transaction. */
gboolean
_acr_store_sqlite_migrate (AcrStoreSqlite  *self,
                           GError         **error)
{
  for (;;)
    {
      int version;
      g_autofree char *bump = NULL;

      if (!_acr_store_sqlite_begin_immediate (self, error))
        return FALSE;
      /* Read again inside the write lock: another process may have migrated meanwhile. */
      if (!_acr_store_sqlite_read_user_version (self, &version, error))
        goto fail;
      if (version >= ACR_STORE_SQLITE_SCHEMA_VERSION)
        {
          self->schema_version = version;
          return _acr_store_sqlite_exec (self, "COMMIT", error);
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!_acr_store_sqlite_exec (self, migrations[version], error) ||
          !after_migration (self, version + 1, error) ||
          !_acr_store_sqlite_exec (self, bump, error))
        goto fail;
      if (!_acr_store_sqlite_exec (self, "COMMIT", error))
        goto fail;
      g_debug ("%s: migrated to schema version %d", self->path, version + 1);
      continue;

    fail:
      _acr_store_sqlite_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
}
