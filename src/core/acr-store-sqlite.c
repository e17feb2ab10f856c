#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "acr-member-private.h"
#include "acr-store.h"
#include "acr-store-sqlite.h"
#include "acr-store-sqlite-private.h"

/* Page cache sizes (negative: KiB). The member indexes are written in name, e-mail and
 * postal order, not insertion order, so a big batch touches pages all over them: during
 * one, a larger cache keeps those pages in memory instead of spilling them to the WAL. */
#define NORMAL_CACHE_KIB -32768
#define BULK_CACHE_KIB -262144

/* How long a writer waits for another one (a billing run commits a batch
 * well within a second) before it gives up with ACR_STORE_ERROR_BUSY. */
#define BUSY_TIMEOUT_MS 20000

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

static void acr_store_sqlite_backend_init (AcrStoreBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcrStoreSqlite, acr_store_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ACR_TYPE_STORE_BACKEND, acr_store_sqlite_backend_init))

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
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == ACR_STORE_SQLITE_SCHEMA_VERSION);

static const char * const member_columns[] = {
  "person", "email", "phone", "address", "city", "region", "postal_code", "country",
  "npi", "language", "category", "status", "chapters", "program", "review", "joined",
};

#define SELECT_MEMBER \
  "SELECT id, number, given_name, family_name, revision, updated_at, person, email, phone, address, city," \
  " region, postal_code, country, npi, language, category, status, chapters, program, review, joined FROM members "
#define SELECT_MEMBER_FIRST_FIELD 6

/*
 * Why SQLite may not write @path although it was opened for writing: the
 * directory (where the -wal, -shm and journal files are made) or the file
 * itself is read-only. NULL when both look writable.
 */
static char *
describe_unwritable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *base = g_path_get_basename (path);

  if (access (dir, W_OK | X_OK) != 0 && errno != ENOENT)
    return g_strdup_printf (_("cannot write in %s (read-only directory): SQLite needs to create %s-wal there; "
                              "make the directory writable or move the database"), dir, base);
  if (access (path, W_OK) != 0 && errno != ENOENT)
    return g_strdup_printf (_("%s is read-only: make the file writable (chmod u+w) or use another database"), path);
  if (g_file_test (wal, G_FILE_TEST_EXISTS) && access (wal, W_OK) != 0)
    return g_strdup_printf (_("%s is read-only: make it writable like the database beside it"), wal);
  return NULL;
}

/* Sets @error for the SQLite result @rc (extended codes), in words that say what to do. */
static gboolean
set_sqlite_error_message (AcrStoreSqlite  *self,
                          int              rc,
                          const char      *message,
                          GError         **error)
{
  g_autofree char *why = NULL;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_BUSY,
                   _("%s: another program kept the database busy for %d seconds; try again when it is done"),
                   self->path, BUSY_TIMEOUT_MS / 1000);
      return FALSE;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
                   _("%s is not an ACR Membership database or is damaged: check the path, or restore it from a backup"),
                   self->path);
      return FALSE;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      if ((why = describe_unwritable (self->path)) != NULL)
        {
          g_set_error_literal (error, ACR_STORE_ERROR, ACR_STORE_ERROR_IO, why);
          return FALSE;
        }
      break;
    case SQLITE_TOOBIG:
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: a record is too long to store (the database takes at most %d bytes); shorten the longest value"),
                   self->path, self->db ? sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, -1) : 0);
      return FALSE;
    case SQLITE_CONSTRAINT:
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID, "%s: %s", self->path, message);
      return FALSE;
    default:
      break;
    }
  g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_IO, "%s: %s", self->path, message);
  return FALSE;
}

static gboolean
set_sqlite_error (AcrStoreSqlite  *self,
                  int              rc,
                  GError         **error)
{
  /* A failed bind, reported by the step that refused to run with it. */
  if (self->failed_bind_rc != SQLITE_OK && rc == self->failed_bind_rc)
    {
      int bind_rc = self->failed_bind_rc;

      self->failed_bind_rc = SQLITE_OK;
      if (bind_rc == SQLITE_TOOBIG)
        {
          g_autofree char *what = self->failed_bind_what != NULL
            ? g_strdup (self->failed_bind_what)
            : g_strdup_printf (_("value %d"), self->failed_bind_index);

          g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                       _("%s: too long (%lu bytes; the database takes at most %d): shorten it"),
                       what, (unsigned long) self->failed_bind_length, sqlite3_limit (self->db, SQLITE_LIMIT_LENGTH, -1));
          return FALSE;
        }
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_IO, _("%s: cannot pass %s to the database: %s"),
                   self->path, self->failed_bind_what ? self->failed_bind_what : "?", sqlite3_errstr (bind_rc));
      return FALSE;
    }
  return set_sqlite_error_message (self, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), error);
}

static void
forget_binds (AcrStoreSqlite *self)
{
  self->bind_rc = SQLITE_OK;
  self->failed_bind_rc = SQLITE_OK;
}

static sqlite3_stmt *
get_statement (AcrStoreSqlite  *self,
               const char      *sql,
               GError         **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  forget_binds (self);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

/*
 * Binding: a bind that fails (a text over SQLite's length limit, which would
 * otherwise leave the parameter NULL) is remembered, and the next step
 * refuses to run with it; set_sqlite_error () then names @what.
 */
static void
note_bind (AcrStoreSqlite *self,
           sqlite3_stmt   *stmt,
           int             rc,
           int             index,
           const char     *what,
           gsize           length)
{
  if (rc == SQLITE_OK || (self->bind_rc != SQLITE_OK && self->bind_stmt == stmt))
    return;
  self->bind_rc = rc;
  self->bind_stmt = stmt;
  self->bind_index = index;
  self->bind_what = what;
  self->bind_length = length;
}

static void
bind_text_kept (AcrStoreSqlite         *self,
                sqlite3_stmt           *stmt,
                int                     index,
                const char             *text,
                const char             *what,
                sqlite3_destructor_type keep)
{
  if (text == NULL)
    note_bind (self, stmt, sqlite3_bind_null (stmt, index), index, what, 0);
  else
    note_bind (self, stmt, sqlite3_bind_text (stmt, index, text, -1, keep), index, what, strlen (text));
}

static void
bind_named_text (AcrStoreSqlite *self,
                 sqlite3_stmt   *stmt,
                 int             index,
                 const char     *text,
                 const char     *what)
{
  bind_text_kept (self, stmt, index, text, what, SQLITE_STATIC);
}

static void
bind_text (AcrStoreSqlite *self,
           sqlite3_stmt   *stmt,
           int             index,
           const char     *text)
{
  bind_named_text (self, stmt, index, text, NULL);
}

static void
bind_int64 (AcrStoreSqlite *self,
            sqlite3_stmt   *stmt,
            int             index,
            gint64          value)
{
  note_bind (self, stmt, sqlite3_bind_int64 (stmt, index, value), index, NULL, 0);
}

/* sqlite3_step (), unless a bind failed: then that failure, for set_sqlite_error (). */
static int
step (AcrStoreSqlite *self,
      sqlite3_stmt   *stmt)
{
  if (self->bind_rc != SQLITE_OK && self->bind_stmt == stmt)
    {
      self->failed_bind_rc = self->bind_rc;
      self->failed_bind_index = self->bind_index;
      self->failed_bind_what = self->bind_what;
      self->failed_bind_length = self->bind_length;
      self->bind_rc = SQLITE_OK;
      return self->failed_bind_rc;
    }
  self->failed_bind_rc = SQLITE_OK;
  return sqlite3_step (stmt);
}

gboolean
_acr_store_sqlite_each_row (AcrStoreSqlite         *self,
                            sqlite3_stmt           *stmt,
                            AcrStoreSqliteRowFunc   func,
                            gpointer                user_data,
                            GError                **error)
{
  g_auto (AcrStoreSqliteQuery) query = stmt;
  int rc;

  while ((rc = step (self, query)) == SQLITE_ROW)
    {
      if (func != NULL && !func (query, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
_acr_store_sqlite_row_append_int64 (sqlite3_stmt  *stmt,
                                    gpointer       user_data,
                                    GError       **error)
{
  gint64 value = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, value);
  return TRUE;
}

gboolean
_acr_store_sqlite_row_add_text (sqlite3_stmt  *stmt,
                                gpointer       user_data,
                                GError       **error)
{
  g_strv_builder_add (user_data, (const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
exec_sql (AcrStoreSqlite  *self,
          const char      *sql,
          GError         **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error_message (self, rc, message ? message : sqlite3_errstr (rc), error);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/*
 * BEGIN IMMEDIATE: takes the write lock now. The busy handler waits for
 * another writer; some busy answers (a WAL being recovered) skip it, so
 * retry those too, within the same bound.
 */
static gboolean
begin_immediate (AcrStoreSqlite  *self,
                 GError         **error)
{
  gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * (gint64) 1000;
  guint pause_us = 1000;

  for (;;)
    {
      int rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

      if (rc == SQLITE_OK)
        return TRUE;
      if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () >= deadline)
        return set_sqlite_error (self, rc, error);
      g_usleep (pause_us);
      pause_us = MIN (pause_us * 2, 50000);
    }
}

static gboolean
read_user_version (AcrStoreSqlite  *self,
                   int             *version,
                   GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, rc, error);
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
migrate (AcrStoreSqlite  *self,
         GError         **error)
{
  for (;;)
    {
      int version;
      g_autofree char *bump = NULL;

      if (!begin_immediate (self, error))
        return FALSE;
      /* Read again inside the write lock: another process may have migrated meanwhile. */
      if (!read_user_version (self, &version, error))
        goto fail;
      if (version >= ACR_STORE_SQLITE_SCHEMA_VERSION)
        {
          self->schema_version = version;
          return exec_sql (self, "COMMIT", error);
        }

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!exec_sql (self, migrations[version], error) || !exec_sql (self, bump, error))
        goto fail;
      if (!exec_sql (self, "COMMIT", error))
        goto fail;
      g_debug ("%s: migrated to schema version %d", self->path, version + 1);
      continue;

    fail:
      exec_sql (self, "ROLLBACK", NULL);
      return FALSE;
    }
}

static void
acr_store_sqlite_finalize (GObject *object)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (acr_store_sqlite_parent_class)->finalize (object);
}

static void
acr_store_sqlite_class_init (AcrStoreSqliteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = acr_store_sqlite_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
acr_store_sqlite_init (AcrStoreSqlite *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* --- AcrStoreBackend --- */

static const char *
sqlite_get_location (AcrStoreBackend *backend)
{
  return ACR_STORE_SQLITE (backend)->path;
}

static gboolean
sqlite_begin (AcrStoreBackend  *backend,
              GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);

  self->next_number = 0;
  self->number_dirty = FALSE;
  /* IMMEDIATE takes the write lock now, so a read-check-write in the transaction cannot race another process. */
  return begin_immediate (self, error);
}

static gboolean
sqlite_commit (AcrStoreBackend  *backend,
               GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);

  if (self->number_dirty)
    {
      sqlite3_stmt *stmt = get_statement (self, "UPDATE sequences SET next = ?1 WHERE name = 'member_number'", error);

      if (stmt == NULL)
        return FALSE;
      bind_int64 (self, stmt, 1, self->next_number);
      if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
        return FALSE;
      self->number_dirty = FALSE;
    }
  self->next_number = 0;
  if (!exec_sql (self, "COMMIT", error))
    return FALSE;
  if (self->bulk)
    {
      self->bulk = FALSE;
      exec_sql (self, "PRAGMA cache_size = " G_STRINGIFY (NORMAL_CACHE_KIB), NULL);
    }
  return TRUE;
}

static void
sqlite_set_bulk (AcrStoreBackend *backend)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);

  self->bulk = TRUE;
  exec_sql (self, "PRAGMA cache_size = " G_STRINGIFY (BULK_CACHE_KIB), NULL);
}

static void
sqlite_rollback (AcrStoreBackend *backend)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);

  self->next_number = 0;
  self->number_dirty = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    exec_sql (self, "ROLLBACK", NULL);
  if (self->bulk)
    {
      self->bulk = FALSE;
      exec_sql (self, "PRAGMA cache_size = " G_STRINGIFY (NORMAL_CACHE_KIB), NULL);
    }
}

/*
 * The sequence row is read once per transaction and written back at the
 * commit: the write lock is held throughout (BEGIN IMMEDIATE), so no other
 * writer can take a number in between, and a rollback gives none away.
 */
static guint
sqlite_next_member_number (AcrStoreBackend  *backend,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  guint number;

  if (self->next_number == 0)
    {
      g_auto (AcrStoreSqliteQuery) stmt = get_statement (self, "SELECT next FROM sequences WHERE name = 'member_number'", error);
      int rc;

      if (stmt == NULL)
        return 0;
      rc = step (self, stmt);
      if (rc != SQLITE_ROW)
        {
          set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
          return 0;
        }
      self->next_number = sqlite3_column_int64 (stmt, 0);
    }

  number = self->next_number;
  if (number < 1 || number > 9999999)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: member numbers are exhausted (seven digits)"), self->path);
      return 0;
    }
  self->next_number++;
  self->number_dirty = TRUE;
  return number;
}

static void
bind_member (AcrStoreSqlite      *self,
             sqlite3_stmt        *stmt,
             AcrMember           *member,
             const AcrSearchKeys *keys)
{
  /* ?1 id/number … see the statements below: fields from ?3, keys from ?19. */
  for (guint i = 0; i < G_N_ELEMENTS (member_columns); i++)
    bind_named_text (self, stmt, 3 + i, acr_member_get_field (member, member_columns[i]), member_columns[i]);
  bind_named_text (self, stmt, 19, acr_member_get_given_name (member), "given_name");
  bind_named_text (self, stmt, 20, acr_member_get_family_name (member), "family_name");
  bind_int64 (self, stmt, 21, acr_member_get_revision (member));
  bind_text (self, stmt, 22, acr_member_get_updated_at (member));
  bind_text (self, stmt, 23, keys->family_key);
  bind_text (self, stmt, 24, keys->given_key);
  bind_text (self, stmt, 25, keys->email_key);
  bind_text (self, stmt, 26, keys->city_key);
  bind_text (self, stmt, 27, keys->postal_key);
  if (acr_member_get_field (member, "chapters") == NULL)
    bind_text (self, stmt, 15, "");
}

static gboolean
sqlite_insert_member (AcrStoreBackend      *backend,
                      AcrMember            *member,
                      const AcrSearchKeys  *keys,
                      GError              **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "INSERT INTO members (number, person, email, phone, address, city, region, postal_code,"
                        " country, npi, language, category, status, chapters, program, review, joined,"
                        " given_name, family_name, revision, updated_at,"
                        " family_key, given_key, email_key, city_key, postal_key, email_unique)"
                        " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                        " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, nullif (?25, ''))", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (self, stmt, 2, acr_member_get_number (member));
  bind_member (self, stmt, member, keys);
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  _acr_member_set_id (member, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

static gboolean
sqlite_update_member (AcrStoreBackend      *backend,
                      AcrMember            *member,
                      const AcrSearchKeys  *keys,
                      gint64                from_revision,
                      GError              **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "UPDATE members SET person = ?3, email = ?4, phone = ?5, address = ?6, city = ?7,"
                        " region = ?8, postal_code = ?9, country = ?10, npi = ?11, language = ?12,"
                        " category = ?13, status = ?14, chapters = ?15, program = ?16, review = ?17, joined = ?18,"
                        " given_name = ?19, family_name = ?20, revision = ?21, updated_at = ?22,"
                        " family_key = ?23, given_key = ?24, email_key = ?25, city_key = ?26, postal_key = ?27,"
                        /* An address kept from before schema 8 stays as it was until it changes. */
                        " email_unique = CASE WHEN ?25 = email_key THEN email_unique ELSE nullif (?25, '') END"
                        " WHERE id = ?1 AND revision = ?2", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (self, stmt, 1, acr_member_get_id (member));
  bind_int64 (self, stmt, 2, from_revision);
  bind_member (self, stmt, member, keys);
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT,
                   _("member %07u was changed since revision %lld"),
                   acr_member_get_number (member), (long long) from_revision);
      return FALSE;
    }
  return TRUE;
}

static AcrMember *
sqlite_load_member (AcrStoreBackend  *backend,
                    gint64            id,
                    guint             number,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  AcrMember *member;
  int rc;

  if (id > 0)
    stmt = get_statement (self, SELECT_MEMBER "WHERE id = ?1", error);
  else
    stmt = get_statement (self, SELECT_MEMBER "WHERE number = ?1", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, id > 0 ? id : (gint64) number);

  rc = step (self, stmt);
  if (rc == SQLITE_DONE)
    {
      if (id > 0)
        g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                     _("no member with id %lld"), (long long) id);
      else
        g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                     _("no member number %07u"), number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }

  member = acr_member_new ();
  _acr_member_set_id (member, sqlite3_column_int64 (stmt, 0));
  _acr_member_set_number (member, sqlite3_column_int64 (stmt, 1));
  _acr_member_set_revision (member, sqlite3_column_int64 (stmt, 4));
  _acr_member_set_updated_at (member, (const char *) sqlite3_column_text (stmt, 5));
  _acr_member_set_person_raw (member, (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3));
  for (guint i = 1; i < G_N_ELEMENTS (member_columns); i++)
    _acr_member_set_raw (member, member_columns[i],
                         (const char *) sqlite3_column_text (stmt, SELECT_MEMBER_FIRST_FIELD + i));
  return member;
}

static gint64
sqlite_find_member (AcrStoreBackend  *backend,
                    const char       *email_key,
                    const char       *family_key,
                    const char       *given_key,
                    const char       *program,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  gint64 id = 0;
  gint64 number = 0;
  int rc;

  if (email_key != NULL && *email_key != '\0')
    {
      /* Two rows: members who shared an address before schema 8. */
      stmt = get_statement (self, "SELECT id, number FROM members WHERE email_key = ?1 ORDER BY id LIMIT 2", error);
      if (stmt == NULL)
        return -1;
      bind_text (self, stmt, 1, email_key);
    }
  else
    {
      stmt = get_statement (self,
                            "SELECT id, number FROM members WHERE family_key = ?1 AND given_key = ?2"
                            " AND program IS ?3 ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        return -1;
      bind_text (self, stmt, 1, family_key);
      bind_text (self, stmt, 2, given_key);
      bind_text (self, stmt, 3, program);
    }

  rc = step (self, stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      number = sqlite3_column_int64 (stmt, 1);
      rc = step (self, stmt);
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                       _("members %07u and %07u have the same e-mail address; give one of them another address first"),
                       (guint) number, (guint) sqlite3_column_int64 (stmt, 1));
          return -1;
        }
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, rc, error);
      return -1;
    }
  return id;
}

static gint64
sqlite_count_members (AcrStoreBackend  *backend,
                      GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = get_statement (self, "SELECT count(*) FROM members", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = step (self, stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static GArray *
sqlite_list_ids_by_status (AcrStoreBackend  *backend,
                           const char       *status,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = get_statement (self, "SELECT id FROM members WHERE status = ?1 ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  bind_text (self, stmt, 1, status);
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_append_int64, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
sqlite_append_change (AcrStoreBackend        *backend,
                      gint64                  member_id,
                      const AcrMemberChange  *change,
                      GError                **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "INSERT INTO member_history (member_id, revision, changed_at, account, field,"
                        " old_value, new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (self, stmt, 1, member_id);
  bind_int64 (self, stmt, 2, change->revision);
  bind_text (self, stmt, 3, change->time);
  bind_text (self, stmt, 4, change->account);
  bind_text (self, stmt, 5, change->field);
  bind_named_text (self, stmt, 6, change->old_value, change->field);
  bind_named_text (self, stmt, 7, change->new_value, change->field);
  bind_named_text (self, stmt, 8, change->reason, "reason");
  return _acr_store_sqlite_each_row (self, stmt, NULL, NULL, error);
}

static gboolean
add_change_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  GPtrArray *changes = user_data;

  g_ptr_array_add (changes,
                   acr_member_change_new (sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          (const char *) sqlite3_column_text (stmt, 5),
                                          (const char *) sqlite3_column_text (stmt, 6)));
  return TRUE;
}

static GPtrArray *
sqlite_list_changes (AcrStoreBackend  *backend,
                     gint64            member_id,
                     gint64            after_revision,
                     GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_member_change_free);
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "SELECT revision, changed_at, account, field, old_value, new_value, reason"
                        " FROM member_history WHERE member_id = ?1 AND revision > ?2 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, member_id);
  bind_int64 (self, stmt, 2, after_revision);
  if (!_acr_store_sqlite_each_row (self, stmt, add_change_row, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

static const char *
column_or_empty (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text ? text : "";
}

typedef struct
{
  AcrStoreSqlite   *self;
  AcrStoreScanFunc  func;
  gpointer          user_data;
} ScanMembers;

static gboolean
scan_member_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  ScanMembers *scan = user_data;
  AcrSearchKeys keys;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  if (id > G_MAXUINT32)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
                   _("%s: member id %lld out of range"), scan->self->path, (long long) id);
      return FALSE;
    }
  keys.id = id;
  keys.number = sqlite3_column_int64 (stmt, 1);
  keys.family_key = column_or_empty (stmt, 2);
  keys.given_key = column_or_empty (stmt, 3);
  keys.email_key = column_or_empty (stmt, 4);
  keys.city_key = column_or_empty (stmt, 5);
  keys.postal_key = column_or_empty (stmt, 6);
  keys.npi = column_or_empty (stmt, 7);
  keys.category = column_or_empty (stmt, 8);
  keys.status = column_or_empty (stmt, 9);
  keys.chapters = column_or_empty (stmt, 10);
  scan->func (&keys, scan->user_data);
  return TRUE;
}

static gboolean
sqlite_scan_members (AcrStoreBackend   *backend,
                     AcrStoreScanFunc   func,
                     gpointer           user_data,
                     GError           **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  ScanMembers scan = { self, func, user_data };
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  /* Prepared for this one walk, not cached: it runs once, at open. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, number, family_key, given_key, email_key, city_key, postal_key,"
                           " npi, category, status, chapters FROM members INDEXED BY members_lookup"
                           " ORDER BY family_key, given_key, number", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, rc, error);
  return _acr_store_sqlite_each_row (self, stmt, scan_member_row, &scan, error);
}

/* One page of the family-name order, read from its index (no table access). */
/* The 32-bit member ids the search index keeps. */
static gboolean
append_id32_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  guint32 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

static GArray *
sqlite_list_ids_by_name (AcrStoreBackend  *backend,
                         guint             offset,
                         guint             limit,
                         GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), limit);
  sqlite3_stmt *stmt;

  stmt = get_statement (self, "SELECT id FROM members ORDER BY family_key, given_key, number LIMIT ?1 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, limit);
  bind_int64 (self, stmt, 2, offset);
  if (!_acr_store_sqlite_each_row (self, stmt, append_id32_row, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
sqlite_scan_ids (AcrStoreBackend  *backend,
                 AcrStoreOrder     order,
                 GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *sql;
  int rc;

  /* Each walks one index, which holds the rowid: no table access, no sort. */
  switch (order)
    {
    case ACR_STORE_ORDER_GIVEN_NAME:
      sql = "SELECT id FROM members ORDER BY given_key, family_key, number";
      break;
    case ACR_STORE_ORDER_EMAIL:
      sql = "SELECT id FROM members ORDER BY email_key";
      break;
    case ACR_STORE_ORDER_POSTAL:
      sql = "SELECT id FROM members ORDER BY postal_key";
      break;
    case ACR_STORE_ORDER_NPI:
    default:
      sql = "SELECT id FROM members WHERE npi IS NOT NULL ORDER BY npi";
      break;
    }

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (!_acr_store_sqlite_each_row (self, stmt, append_id32_row, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
sqlite_save_draft (AcrStoreBackend  *backend,
                   const char       *key,
                   const char       *json,
                   GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  stmt = get_statement (self,
                        "INSERT INTO drafts (key, json, updated_at) VALUES (?1, ?2, ?3)"
                        " ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, key);
  bind_named_text (self, stmt, 2, json, "draft");
  bind_text (self, stmt, 3, time);
  return _acr_store_sqlite_each_row (self, stmt, NULL, NULL, error);
}

static char *
sqlite_load_draft (AcrStoreBackend  *backend,
                   const char       *key,
                   GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = get_statement (self, "SELECT json FROM drafts WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  bind_text (self, stmt, 1, key);
  rc = step (self, stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND, _("no draft “%s”"), key);
  else
    set_sqlite_error (self, rc, error);
  return NULL;
}

static gboolean
sqlite_delete_draft (AcrStoreBackend  *backend,
                     const char       *key,
                     GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt = get_statement (self, "DELETE FROM drafts WHERE key = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, key);
  return _acr_store_sqlite_each_row (self, stmt, NULL, NULL, error);
}

static char **
sqlite_list_drafts (AcrStoreBackend  *backend,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt = get_statement (self, "SELECT key FROM drafts ORDER BY updated_at DESC, key", error);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL)
    return NULL;
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_add_text, builder, error))
    return NULL;
  return g_strv_builder_end (builder);
}

static gint64
sqlite_insert_application (AcrStoreBackend  *backend,
                           const char       *applied_on,
                           const char       *person_json,
                           const char       *contact_json,
                           const char       *outcome,
                           const char       *reasons_json,
                           gint64            member_id,
                           const char       *account,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt;

  stmt = get_statement (self,
                        "INSERT INTO applications (applied_on, person, contact, outcome, reasons, member_id,"
                        " account, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return -1;
  bind_text (self, stmt, 1, applied_on);
  bind_named_text (self, stmt, 2, person_json, "person");
  bind_named_text (self, stmt, 3, contact_json, "contact");
  bind_text (self, stmt, 4, outcome);
  bind_text (self, stmt, 5, reasons_json);
  if (member_id > 0)
    bind_int64 (self, stmt, 6, member_id);
  else
    bind_text (self, stmt, 6, NULL);
  bind_text (self, stmt, 7, account);
  bind_text (self, stmt, 8, time);
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
add_report_line (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  GString *report = user_data;

  if (report->len > 0)
    g_string_append_c (report, '\n');
  g_string_append (report, (const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

static char *
sqlite_check_integrity (AcrStoreBackend  *backend,
                        GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  if (!_acr_store_sqlite_each_row (self, stmt, add_report_line, report, error))
    return NULL;
  return g_string_free (g_steal_pointer (&report), FALSE);
}

/* The one integer @sql reads, or -1. */
static gint64
query_version (AcrStoreSqlite *self,
               const char     *sql)
{
  g_auto (AcrStoreSqliteQuery) stmt = get_statement (self, sql, NULL);

  if (stmt != NULL && step (self, stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return -1;
}

static gint64
sqlite_get_data_version (AcrStoreBackend *backend)
{
  return query_version (ACR_STORE_SQLITE (backend), "PRAGMA data_version");
}

static gint64
sqlite_get_members_version (AcrStoreBackend *backend)
{
  return query_version (ACR_STORE_SQLITE (backend), "SELECT value FROM members_version WHERE id = 1");
}

static void
acr_store_sqlite_backend_init (AcrStoreBackendInterface *iface)
{
  iface->get_location = sqlite_get_location;
  iface->begin = sqlite_begin;
  iface->commit = sqlite_commit;
  iface->rollback = sqlite_rollback;
  iface->set_bulk = sqlite_set_bulk;
  iface->next_member_number = sqlite_next_member_number;
  iface->insert_member = sqlite_insert_member;
  iface->update_member = sqlite_update_member;
  iface->load_member = sqlite_load_member;
  iface->find_member = sqlite_find_member;
  iface->count_members = sqlite_count_members;
  iface->list_ids_by_status = sqlite_list_ids_by_status;
  iface->append_change = sqlite_append_change;
  iface->list_changes = sqlite_list_changes;
  iface->scan_members = sqlite_scan_members;
  iface->scan_ids = sqlite_scan_ids;
  iface->list_ids_by_name = sqlite_list_ids_by_name;
  iface->save_draft = sqlite_save_draft;
  iface->load_draft = sqlite_load_draft;
  iface->delete_draft = sqlite_delete_draft;
  iface->list_drafts = sqlite_list_drafts;
  iface->insert_application = sqlite_insert_application;
  iface->check_integrity = sqlite_check_integrity;
  iface->get_data_version = sqlite_get_data_version;
  iface->get_members_version = sqlite_get_members_version;
  _acr_store_sqlite_billing_init (iface);
}

/* Creates @path (mode 0600) and its directory (0700) when missing. */
static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_IO,
                   _("%s: cannot create the directory: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Member records are personal data: only the staff account may read the file. */
  fd = g_open (path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      close (fd);
      return TRUE;
    }
  if (errno == EEXIST)
    return TRUE;

  {
    int saved_errno = errno;
    g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_IO,
                 _("%s: cannot create the database: %s"), path, g_strerror (saved_errno));
  }
  return FALSE;
}

/*
 * The busy handler: waits for another connection's lock up to
 * BUSY_TIMEOUT_MS, polling every few milliseconds. SQLite's own
 * sqlite3_busy_timeout () polls only every 100 ms after a while, so a
 * writer that commits and begins again at once (a billing run between
 * batches) could keep the lock from a waiting payment for good.
 */
static int
busy_cb (gpointer user_data,
         int      count)
{
  AcrStoreSqlite *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  if (now - self->busy_since >= BUSY_TIMEOUT_MS * (gint64) 1000)
    return 0;
  g_usleep (count < 10 ? 1000 : 3000);
  return 1;
}

/* The journal mode SQLite reports for the connection ("wal", "delete", …), or NULL. */
static char *
read_journal_mode (AcrStoreSqlite  *self,
                   GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/*
 * acr_store_sqlite_open_full:
 * @create: create @path (and its directory) when missing; otherwise a
 *   missing file fails with ACR_STORE_ERROR_NOT_FOUND
 *
 * Opens the database at @path and migrates it forward. A database written
 * by a newer version is refused before anything is written to it, so the
 * newer application still finds it as it left it. A database at the
 * current version is opened with reads only: opening never waits for a
 * writer (WAL lets readers and one writer work at once), and writes wait
 * for another writer up to BUSY_TIMEOUT_MS.
 */
AcrStoreSqlite *
acr_store_sqlite_open_full (const char  *path,
                            gboolean     create,
                            GError     **error)
{
  g_autoptr (AcrStoreSqlite) self = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND, _("no database at %s"), path);
      return NULL;
    }
  if (create && !ensure_file (path, error))
    return NULL;

  self = g_object_new (ACR_TYPE_STORE_SQLITE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_handler (self->db, busy_cb, self);

  if (!read_user_version (self, &version, error))
    return NULL;
  if (version > ACR_STORE_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NEWER_SCHEMA,
                   _("%s: the database was written by a newer version of ACR Membership (schema %d; "
                     "this version reads up to %d). It was left untouched; use the newer version."),
                   path, version, ACR_STORE_SQLITE_SCHEMA_VERSION);
      return NULL;
    }

  /* Settings of this connection only: they write nothing. */
  if (!exec_sql (self, "PRAGMA foreign_keys = ON", error) ||
      !exec_sql (self, "PRAGMA synchronous = FULL", error) ||
      !exec_sql (self, "PRAGMA cache_size = " G_STRINGIFY (NORMAL_CACHE_KIB), error))
    return NULL;

  /*
   * WAL lets the lookup read while a batch writes. synchronous=FULL syncs the
   * WAL at every commit: a committed change to a member survives a power cut,
   * which NORMAL (safe from corruption, but may lose the last commits) would
   * not promise. The mode is kept in the file: set it (a write) only when a
   * new or older file does not have it yet.
   */
  if (version < ACR_STORE_SQLITE_SCHEMA_VERSION)
    {
      if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) || !migrate (self, error))
        return NULL;
    }
  else
    {
      g_autofree char *mode = read_journal_mode (self, error);

      if (mode == NULL)
        return NULL;
      if (g_ascii_strcasecmp (mode, "wal") != 0 && !exec_sql (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
      self->schema_version = version;
    }

  return g_steal_pointer (&self);
}

AcrStoreSqlite *
acr_store_sqlite_open (const char  *path,
                       GError     **error)
{
  return acr_store_sqlite_open_full (path, TRUE, error);
}

int
acr_store_sqlite_get_schema_version (AcrStoreSqlite *self)
{
  g_return_val_if_fail (ACR_IS_STORE_SQLITE (self), 0);
  return self->schema_version;
}

/* --- shared with the other files of the engine (acr-store-sqlite-private.h) --- */

sqlite3 *
_acr_store_sqlite_get_db (AcrStoreSqlite *self)
{
  return self->db;
}

sqlite3_stmt *
_acr_store_sqlite_get_statement (AcrStoreSqlite  *self,
                                 const char      *sql,
                                 GError         **error)
{
  return get_statement (self, sql, error);
}

gboolean
_acr_store_sqlite_set_error (AcrStoreSqlite  *self,
                             int              rc,
                             GError         **error)
{
  return set_sqlite_error (self, rc, error);
}

/* A copy of @text is bound (the billing engine binds temporaries). */
void
_acr_store_sqlite_bind_text (AcrStoreSqlite *self,
                             sqlite3_stmt   *stmt,
                             int             index,
                             const char     *text,
                             const char     *what)
{
  bind_text_kept (self, stmt, index, text, what, SQLITE_TRANSIENT);
}

void
_acr_store_sqlite_bind_int64 (AcrStoreSqlite *self,
                              sqlite3_stmt   *stmt,
                              int             index,
                              gint64          value)
{
  bind_int64 (self, stmt, index, value);
}

int
_acr_store_sqlite_step (AcrStoreSqlite *self,
                        sqlite3_stmt   *stmt)
{
  return step (self, stmt);
}
