#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "acr-backup.h"
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

static void acr_store_sqlite_backend_init (AcrStoreBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcrStoreSqlite, acr_store_sqlite, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ACR_TYPE_STORE_BACKEND, acr_store_sqlite_backend_init))

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
  iface->save_draft = sqlite_save_draft;
  iface->load_draft = sqlite_load_draft;
  iface->delete_draft = sqlite_delete_draft;
  iface->list_drafts = sqlite_list_drafts;
  iface->insert_application = sqlite_insert_application;
  iface->check_integrity = sqlite_check_integrity;
  iface->get_data_version = sqlite_get_data_version;
  iface->get_members_version = sqlite_get_members_version;
  _acr_store_sqlite_members_init (iface);
  _acr_store_sqlite_billing_init (iface);
  _acr_store_sqlite_settings_init (iface);
  _acr_store_sqlite_search_init (iface);
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

  if (!_acr_store_sqlite_read_user_version (self, &version, error))
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
      !exec_sql (self, "PRAGMA cache_size = " G_STRINGIFY (NORMAL_CACHE_KIB), error) ||
      !exec_sql (self, "PRAGMA temp_store = MEMORY", error))
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
      /* A database of an older version is kept as it was before it is upgraded. */
      if (version > 0 && !acr_backup_before_change_path (path, _("database upgrade"), error))
        return NULL;
      if (!exec_sql (self, "PRAGMA journal_mode = WAL", error) || !_acr_store_sqlite_migrate (self, error))
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

/* Member text (acr-store-sqlite-members.c) is bound without a copy. */
void
_acr_store_sqlite_bind_static_text (AcrStoreSqlite *self,
                                    sqlite3_stmt   *stmt,
                                    int             index,
                                    const char     *text,
                                    const char     *what)
{
  bind_text_kept (self, stmt, index, text, what, SQLITE_STATIC);
}

gboolean
_acr_store_sqlite_exec (AcrStoreSqlite  *self,
                        const char      *sql,
                        GError         **error)
{
  return exec_sql (self, sql, error);
}

gboolean
_acr_store_sqlite_begin_immediate (AcrStoreSqlite  *self,
                                   GError         **error)
{
  return begin_immediate (self, error);
}
