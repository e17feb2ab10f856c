#define G_LOG_DOMAIN "acr-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "acr-backup.h"
#include "acr-file-writer.h"
#include "acr-store-sqlite.h"

/* How long reading the source waits for a writer that holds the file (a
 * database not in WAL mode yet, or a WAL being recovered). */
#define BUSY_TIMEOUT_MS 20000
/* Backups of the last two days (today and yesterday) are all kept. */
#define KEEP_ALL_DAYS 2
/* A partial copy older than this was left by a backup that was killed. */
#define STALE_PARTIAL_SECONDS (24 * 3600)

G_DEFINE_QUARK (acr-backup-error-quark, acr_backup_error)

static GMutex folder_lock;
static char *folder_override;

void
acr_backup_info_free (AcrBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->record_path);
  g_clear_pointer (&info->taken_at, g_date_time_unref);
  g_free (info->reason);
  g_free (info->source);
  g_free (info->problem);
  g_free (info);
}

/* --- Where backups go --- */

/* "members.db" → "members". */
static char *
dup_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * acr_backup_default_folder:
 * Beside the database: DIR/STEM-backups for DIR/STEM.db.
 */
char *
acr_backup_default_folder (const char *path)
{
  g_autofree char *db_path = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *stem = dup_stem (db_path);
  g_autofree char *name = g_strconcat (stem, "-backups", NULL);

  return g_build_filename (dir, name, NULL);
}

/**
 * acr_backup_set_folder:
 * @folder: (nullable): where this process puts its automatic backups; NULL
 *   for the default beside the database. The application sets the folder
 *   staff chose in Preferences.
 */
void
acr_backup_set_folder (const char *folder)
{
  g_mutex_lock (&folder_lock);
  g_free (folder_override);
  folder_override = (folder != NULL && *folder != '\0') ? g_strdup (folder) : NULL;
  g_mutex_unlock (&folder_lock);
}

char *
acr_backup_dup_folder (const char *db_path)
{
  char *folder;

  g_mutex_lock (&folder_lock);
  folder = folder_override ? g_strdup (folder_override) : acr_backup_default_folder (db_path);
  g_mutex_unlock (&folder_lock);
  return folder;
}

/* --- SQLite helpers --- */

static gboolean
set_db_error (GError     **error,
              int          code,
              const char  *path,
              sqlite3     *db,
              int          rc)
{
  const char *why = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if ((rc & 0xff) == SQLITE_FULL)
    why = _("the disk is full");
  g_set_error (error, ACR_BACKUP_ERROR, code, "%s: %s", path, why);
  return FALSE;
}

static sqlite3 *
open_db (const char  *path,
         int          flags,
         int          code,
         GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      set_db_error (error, code, path, db, rc);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, TRUE);
  return db;
}

static void
close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close (db);
}

typedef sqlite3 AcrBackupDb;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrBackupDb, close_db)

static int
exec (sqlite3    *db,
      const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* The first column of the first row of @sql, as an integer or (with @text) a string. */
static int
query_one (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           char       **text)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (value != NULL)
        *value = sqlite3_column_int64 (stmt, 0);
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    rc = SQLITE_OK;
  sqlite3_finalize (stmt);
  return rc;
}

typedef struct
{
  gint64 members;
  gint64 invoices;
  gint64 payments;
  gint64 schema;
} Counts;

/* Rows of @table, 0 when the table does not exist yet (a database from before billing). */
static int
count_table (sqlite3    *db,
             const char *table,
             gint64     *count)
{
  g_autofree char *exists_sql =
    g_strdup_printf ("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'", table);
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  gint64 exists = 0;
  int rc;

  *count = 0;
  if ((rc = query_one (db, exists_sql, &exists, NULL)) != SQLITE_OK || exists == 0)
    return rc;
  return query_one (db, count_sql, count, NULL);
}

static int
read_counts (sqlite3 *db,
             Counts  *counts)
{
  int rc;

  if ((rc = count_table (db, "members", &counts->members)) != SQLITE_OK ||
      (rc = count_table (db, "invoices", &counts->invoices)) != SQLITE_OK ||
      (rc = count_table (db, "invoice_payments", &counts->payments)) != SQLITE_OK)
    return rc;
  return query_one (db, "PRAGMA user_version", &counts->schema, NULL);
}

/* PRAGMA integrity_check: NULL when it says "ok", else what it says (first lines). */
static char *
check_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  guint lines = 0;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check(20)", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (lines++ < 3)
        g_string_append_printf (report, "%s%s", report->len ? "; " : "", line ? line : "");
    }
  if (rc != SQLITE_DONE)
    {
      g_autofree char *why = g_strdup (sqlite3_errmsg (db));

      sqlite3_finalize (stmt);
      return g_steal_pointer (&why);
    }
  sqlite3_finalize (stmt);
  if (lines == 1 && g_str_equal (report->str, "ok"))
    return NULL;
  return g_string_free (g_steal_pointer (&report), FALSE);
}

static gboolean
sync_path (const char  *path,
           gboolean     directory,
           GError     **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC, 0);
  int saved;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("%s: cannot sync to disk: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * acr_backup_verify_file:
 * Checks that @path is a whole ACR Membership database that this version
 * can open: PRAGMA integrity_check says "ok", and its schema is not newer.
 * Returns its counts of members, invoices and payments.
 */
gboolean
acr_backup_verify_file (const char  *path,
                        gint64      *members,
                        gint64      *invoices,
                        gint64      *payments,
                        GError     **error)
{
  g_autoptr (AcrBackupDb) db = NULL;
  g_autofree char *problem = NULL;
  Counts counts = { 0, };
  gint64 has_members = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_INVALID, _("%s: no such backup file"), path);
      return FALSE;
    }
  if ((db = open_db (path, SQLITE_OPEN_READONLY, ACR_BACKUP_ERROR_INVALID, error)) == NULL)
    return FALSE;
  if ((problem = check_integrity (db)) != NULL)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_INVALID,
                   _("%s is damaged (integrity check: %s); choose another backup"), path, problem);
      return FALSE;
    }
  if ((rc = query_one (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'members'",
                       &has_members, NULL)) != SQLITE_OK ||
      (rc = read_counts (db, &counts)) != SQLITE_OK)
    return set_db_error (error, ACR_BACKUP_ERROR_INVALID, path, db, rc);
  if (has_members == 0)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_INVALID,
                   _("%s is not an ACR Membership database (it has no members table); choose another backup"), path);
      return FALSE;
    }
  if (counts.schema > ACR_STORE_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_INVALID,
                   _("%s was written by a newer version of ACR Membership (schema %d; this version reads up to %d); "
                     "restore it with that version"),
                   path, (int) counts.schema, ACR_STORE_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }
  if (members != NULL)
    *members = counts.members;
  if (invoices != NULL)
    *invoices = counts.invoices;
  if (payments != NULL)
    *payments = counts.payments;
  return TRUE;
}

/* --- Records --- */

static gboolean
write_record (AcrBackupInfo  *info,
              gint64          schema,
              GError        **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (AcrFileWriter) writer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = g_date_time_format_iso8601 (info->taken_at);
  g_autofree char *file = g_path_get_basename (info->path);
  gsize written = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "taken_at");
  json_builder_add_string_value (builder, when);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, info->reason);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, info->source);
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, info->verified);
  json_builder_set_member_name (builder, "problem");
  if (info->problem != NULL)
    json_builder_add_string_value (builder, info->problem);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, schema);
  json_builder_set_member_name (builder, "members");
  json_builder_add_int_value (builder, info->members);
  json_builder_set_member_name (builder, "invoices");
  json_builder_add_int_value (builder, info->invoices);
  json_builder_set_member_name (builder, "payments");
  json_builder_add_int_value (builder, info->payments);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, info->size);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  if ((writer = acr_file_writer_new (info->record_path, ACR_FILE_WRITER_REPLACE, error)) == NULL)
    return FALSE;
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (writer), text, strlen (text), &written, NULL, error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (writer), "\n", 1, &written, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (writer), NULL, error))
    return FALSE;
  return TRUE;
}

static AcrBackupInfo *
read_record (const char *folder,
             const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (AcrBackupInfo) info = NULL;
  JsonObject *object;
  const char *file;
  const char *when;
  GStatBuf st;

  if (!json_parser_load_from_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  file = json_object_get_string_member_with_default (object, "file", NULL);
  when = json_object_get_string_member_with_default (object, "taken_at", NULL);
  if (file == NULL || when == NULL || strchr (file, '/') != NULL)
    return NULL;

  info = g_new0 (AcrBackupInfo, 1);
  info->taken_at = g_date_time_new_from_iso8601 (when, NULL);
  if (info->taken_at == NULL)
    return NULL;
  info->path = g_build_filename (folder, file, NULL);
  info->record_path = g_steal_pointer (&path);
  info->reason = g_strdup (json_object_get_string_member_with_default (object, "reason", ""));
  info->source = g_strdup (json_object_get_string_member_with_default (object, "source", ""));
  info->verified = json_object_get_boolean_member_with_default (object, "verified", FALSE);
  info->problem = g_strdup (json_object_get_string_member_with_default (object, "problem", NULL));
  info->members = json_object_get_int_member_with_default (object, "members", 0);
  info->invoices = json_object_get_int_member_with_default (object, "invoices", 0);
  info->payments = json_object_get_int_member_with_default (object, "payments", 0);
  info->size = g_stat (info->path, &st) == 0 ? (gint64) st.st_size : -1;
  /* A verified backup whose file is gone or changed size is no longer one. */
  if (info->verified && info->size != json_object_get_int_member_with_default (object, "size", -2))
    {
      info->verified = FALSE;
      g_free (info->problem);
      info->problem = g_strdup (info->size < 0 ? _("the backup file is missing") : _("the backup file was changed since it was verified"));
    }
  return g_steal_pointer (&info);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const AcrBackupInfo *x = *(AcrBackupInfo * const *) a;
  const AcrBackupInfo *y = *(AcrBackupInfo * const *) b;
  int order = g_date_time_compare (y->taken_at, x->taken_at);

  return order != 0 ? order : g_strcmp0 (y->path, x->path);
}

/**
 * acr_backup_list:
 * The backups recorded in @folder, newest first (an absent folder has none).
 * Returns: (element-type AcrBackupInfo): a new array
 */
GPtrArray *
acr_backup_list (const char  *folder,
                 GError     **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_backup_info_free);
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&list);
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot read the backup folder %s: %s"),
                   folder, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      AcrBackupInfo *info;

      if (name[0] == '.' || !g_str_has_suffix (name, ".json"))
        continue;
      if ((info = read_record (folder, name)) != NULL)
        g_ptr_array_add (list, info);
    }
  g_ptr_array_sort (list, compare_newest_first);
  return g_steal_pointer (&list);
}

static AcrBackupInfo *
info_copy (const AcrBackupInfo *info)
{
  AcrBackupInfo *copy = g_memdup2 (info, sizeof *info);

  copy->path = g_strdup (info->path);
  copy->record_path = g_strdup (info->record_path);
  copy->taken_at = g_date_time_ref (info->taken_at);
  copy->reason = g_strdup (info->reason);
  copy->source = g_strdup (info->source);
  copy->problem = g_strdup (info->problem);
  return copy;
}

/**
 * acr_backup_find_last_verified:
 * @db_path: (nullable): only backups of this database
 * Returns: (nullable): the newest verified backup in @folder
 */
AcrBackupInfo *
acr_backup_find_last_verified (const char *folder,
                               const char *db_path)
{
  g_autoptr (GPtrArray) list = acr_backup_list (folder, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      AcrBackupInfo *info = g_ptr_array_index (list, i);

      if (info->verified && (db_path == NULL || g_strcmp0 (info->source, db_path) == 0))
        return info_copy (info);
    }
  return NULL;
}

/* --- Retention --- */

static GDate
local_date (GDateTime *time,
            GDateTime *now)
{
  g_autoptr (GDateTime) local = g_date_time_to_timezone (time, g_date_time_get_timezone (now));
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return date;
}

static gboolean
remove_backup (AcrBackupInfo  *info,
               GError        **error)
{
  if (g_unlink (info->path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot remove the old backup %s: %s"),
                   info->path, g_strerror (saved));
      return FALSE;
    }
  if (g_unlink (info->record_path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot remove the old backup record %s: %s"),
                   info->record_path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * acr_backup_apply_retention:
 * @now: (nullable): the moment to count back from (default: now, local time)
 * @removed: (out) (optional): how many backups were removed
 *
 * Removes the backups in @folder the retention rule (top of acr-backup.h)
 * does not keep. Only files this module recorded are ever removed.
 */
gboolean
acr_backup_apply_retention (const char  *folder,
                            GDateTime   *now,
                            guint       *removed,
                            GError     **error)
{
  g_autoptr (GDateTime) local_now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr (GPtrArray) list = NULL;
  /* Buckets already holding a newer verified backup, per database: "SOURCE\nd3", "SOURCE\nw1", "SOURCE\nnewest". */
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GDate today = local_date (local_now, local_now);
  guint today_julian = g_date_get_julian (&today);
  guint monday_julian = today_julian - (g_date_get_weekday (&today) - G_DATE_MONDAY);
  int this_month = g_date_get_year (&today) * 12 + g_date_get_month (&today) - 1;
  guint count = 0;

  if (removed != NULL)
    *removed = 0;
  if ((list = acr_backup_list (folder, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      AcrBackupInfo *info = g_ptr_array_index (list, i);
      GDate date = local_date (info->taken_at, local_now);
      gint64 age = (gint64) today_julian - g_date_get_julian (&date);
      gint64 week = ((gint64) monday_julian - (gint64) g_date_get_julian (&date) + 6) / 7;
      gint64 month = this_month - (g_date_get_year (&date) * 12 + g_date_get_month (&date) - 1);
      g_autofree char *day_key = g_strdup_printf ("%s\nd%d", info->source, (int) MAX (age, 0));
      g_autofree char *week_key = g_strdup_printf ("%s\nw%d", info->source, (int) MAX (week, 0));
      g_autofree char *month_key = g_strdup_printf ("%s\nm%d", info->source, (int) MAX (month, 0));
      g_autofree char *newest_key = g_strdup_printf ("%s\nnewest", info->source);
      gboolean keep = FALSE;

      if (age < KEEP_ALL_DAYS)
        keep = TRUE;  /* today, yesterday, or dated in the future (a clock set back) */
      else if (!info->verified)
        keep = age < ACR_BACKUP_KEEP_DAYS;  /* a failed or damaged one, kept to be looked at */
      else
        {
          if (!g_hash_table_contains (taken, newest_key))
            keep = TRUE;
          if (age < ACR_BACKUP_KEEP_DAYS && !g_hash_table_contains (taken, day_key))
            keep = TRUE;
          if (week < ACR_BACKUP_KEEP_WEEKS && !g_hash_table_contains (taken, week_key))
            keep = TRUE;
          if (month < ACR_BACKUP_KEEP_MONTHS && !g_hash_table_contains (taken, month_key))
            keep = TRUE;
        }
      if (info->verified)
        {
          /* The newest of its day, week and month (the list is newest first). */
          g_hash_table_add (taken, g_steal_pointer (&newest_key));
          g_hash_table_add (taken, g_steal_pointer (&day_key));
          g_hash_table_add (taken, g_steal_pointer (&week_key));
          g_hash_table_add (taken, g_steal_pointer (&month_key));
        }
      if (keep)
        continue;
      if (!remove_backup (info, error))
        return FALSE;
      count++;
    }
  if (removed != NULL)
    *removed = count;
  return TRUE;
}

/* Partial copies left by a backup that was killed (a running one is younger). */
static void
remove_stale_partials (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (name[0] != '.' || strstr (name, ".partial-") == NULL)
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) == 0 && now - (gint64) st.st_mtime > STALE_PARTIAL_SECONDS)
        g_unlink (path);
    }
}

/* --- Taking a backup --- */

/*
 * The copy keeps the source's file format numbers (header bytes 18 and 19),
 * 2 for a WAL database: set them to 1 (rollback journal), as PRAGMA
 * journal_mode = DELETE would without reading the schema (a damaged copy
 * has to be kept too), so the copy opens read-only on its own, without a
 * -wal or -shm file. Then sync it.
 */
static gboolean
make_standalone_and_sync (const char  *path,
                          GError     **error)
{
  static const unsigned char legacy[2] = { 1, 1 };
  unsigned char header[20];
  int fd = g_open (path, O_RDWR | O_CLOEXEC, 0);
  int saved = 0;

  if (fd < 0)
    saved = errno;
  else if (pread (fd, header, sizeof header, 0) == (ssize_t) sizeof header && (header[18] != 1 || header[19] != 1) &&
           pwrite (fd, legacy, sizeof legacy, 18) != (ssize_t) sizeof legacy)
    saved = errno ? errno : EIO;
  else if (fsync (fd) != 0)
    saved = errno;
  if (fd >= 0 && close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved != 0)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("%s: cannot write: %s"), path,
                   saved == ENOSPC ? _("the disk is full") : g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* The side files SQLite may leave beside a copy it wrote. */
static void
remove_sqlite_files (const char *path)
{
  static const char * const suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_unlink (side);
    }
}

/*
 * Copies the database open on @src (any connection, no transaction open)
 * into @folder, verifies the copy and records it. With @keep_unverified, a
 * copy that fails verification (a damaged database kept before a restore)
 * is kept and recorded as such, and the result is returned with
 * verified = FALSE instead of an error.
 */
static AcrBackupInfo *
backup_connection (sqlite3      *src,
                   const char   *db_path,
                   const char   *folder,
                   const char   *reason,
                   GDateTime    *now,
                   gboolean      keep_unverified,
                   GError      **error)
{
  g_autoptr (AcrBackupInfo) info = g_new0 (AcrBackupInfo, 1);
  g_autoptr (GDateTime) taken_at = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autoptr (AcrBackupDb) dst = NULL;
  g_autoptr (AcrBackupDb) check = NULL;
  g_autofree char *stem = dup_stem (db_path);
  g_autofree char *stamp = g_date_time_format (taken_at, "%Y-%m-%d-%H%M%S");
  g_autofree char *partial = NULL;
  g_autofree char *partial_name = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *source_problem = NULL;
  sqlite3_backup *backup;
  Counts source = { 0, };
  Counts copy = { 0, };
  GStatBuf st;
  int fd;
  int rc;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED,
                   _("cannot create the backup folder %s: %s; choose another folder"), folder, g_strerror (saved));
      return NULL;
    }
  remove_stale_partials (folder);

  for (guint i = 1; i < 1000 && info->path == NULL; i++)
    {
      g_autofree char *name = i == 1 ? g_strdup_printf ("%s-%s", stem, stamp)
                                     : g_strdup_printf ("%s-%s-%u", stem, stamp, i);
      g_autofree char *file = g_strconcat (name, ".db", NULL);
      g_autofree char *record = g_strconcat (name, ".json", NULL);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *record_path = g_build_filename (folder, record, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (record_path, G_FILE_TEST_EXISTS))
        {
          info->path = g_steal_pointer (&path);
          info->record_path = g_steal_pointer (&record_path);
          partial_name = g_strconcat (".", file, ".partial-XXXXXX", NULL);
        }
    }
  if (info->path == NULL)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("%s: too many backups taken in the same second"),
                   folder);
      return NULL;
    }
  info->taken_at = g_steal_pointer (&taken_at);
  info->reason = g_strdup (reason);
  info->source = g_strdup (db_path);

  partial = g_build_filename (folder, partial_name, NULL);
  fd = g_mkstemp_full (partial, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot write in the backup folder %s: %s"),
                   folder, g_strerror (saved));
      return NULL;
    }
  close (fd);

  /* The copy and the counts come from one read transaction: the same moment. */
  if ((dst = open_db (partial, SQLITE_OPEN_READWRITE, ACR_BACKUP_ERROR_FAILED, &local_error)) == NULL)
    goto failed;
  if ((rc = exec (src, "BEGIN")) != SQLITE_OK || (rc = read_counts (src, &source)) != SQLITE_OK)
    {
      /* A damaged database kept before a restore is copied page by page all the same. */
      if (!keep_unverified || (rc & 0xff) != SQLITE_CORRUPT)
        {
          set_db_error (&local_error, ACR_BACKUP_ERROR_FAILED, db_path, src, rc);
          exec (src, "ROLLBACK");
          goto failed;
        }
      source_problem = g_strdup (sqlite3_errmsg (src));
    }
  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      set_db_error (&local_error, ACR_BACKUP_ERROR_FAILED, info->path, dst, sqlite3_errcode (dst));
      exec (src, "ROLLBACK");
      goto failed;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  exec (src, "ROLLBACK");
  if (rc != SQLITE_DONE)
    {
      set_db_error (&local_error, ACR_BACKUP_ERROR_FAILED, info->path, NULL, rc);
      goto failed;
    }
  g_clear_pointer (&dst, close_db);
  remove_sqlite_files (partial);
  if (!make_standalone_and_sync (partial, &local_error))
    goto failed;

  /* Verify the copy as written. */
  if ((check = open_db (partial, SQLITE_OPEN_READONLY, ACR_BACKUP_ERROR_UNVERIFIED, &local_error)) == NULL)
    goto failed;
  info->problem = check_integrity (check);
  if (info->problem == NULL && (rc = read_counts (check, &copy)) != SQLITE_OK)
    info->problem = g_strdup (sqlite3_errmsg (check));
  else if (info->problem == NULL && (copy.members != source.members || copy.invoices != source.invoices ||
                                     copy.payments != source.payments))
    info->problem = g_strdup_printf (_("the copy holds %lld members, %lld invoices and %lld payments; "
                                       "the database held %lld, %lld and %lld"),
                                     (long long) copy.members, (long long) copy.invoices, (long long) copy.payments,
                                     (long long) source.members, (long long) source.invoices,
                                     (long long) source.payments);
  g_clear_pointer (&check, close_db);
  if (source_problem != NULL)
    {
      g_free (info->problem);
      info->problem = g_steal_pointer (&source_problem);
    }
  info->verified = info->problem == NULL;
  info->members = source.members;
  info->invoices = source.invoices;
  info->payments = source.payments;
  if (!info->verified && !keep_unverified)
    {
      g_set_error (&local_error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_UNVERIFIED,
                   _("the backup of %s failed its check and was removed (%s); check the disk and the database"),
                   db_path, info->problem);
      goto failed;
    }

  if (g_rename (partial, info->path) != 0)
    {
      int saved = errno;

      g_set_error (&local_error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot name the backup %s: %s"),
                   info->path, g_strerror (saved));
      goto failed;
    }
  g_clear_pointer (&partial, g_free);
  info->size = g_stat (info->path, &st) == 0 ? (gint64) st.st_size : -1;
  if (!sync_path (folder, TRUE, &local_error) || !write_record (info, source.schema, &local_error))
    {
      g_unlink (info->path);
      goto failed;
    }
  return g_steal_pointer (&info);

failed:
  g_clear_pointer (&dst, close_db);
  g_clear_pointer (&check, close_db);
  if (partial != NULL)
    {
      remove_sqlite_files (partial);
      g_unlink (partial);
    }
  /* Record the failure, for `backups` and Preferences; a full disk may refuse this too. */
  info->verified = FALSE;
  info->size = -1;
  g_free (info->problem);
  info->problem = g_strdup (local_error->message);
  write_record (info, source.schema, NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * acr_backup_create:
 * @folder: (nullable): where to put it (default: acr_backup_dup_folder ())
 * @reason: why it is taken: "manual", "daily", "before billing run", …
 * @now: (nullable): its time (default: now, local time)
 *
 * Takes a verified backup of the database at @db_path while other programs
 * keep working on it, records it, and applies the retention rule.
 * Returns: the new backup, or NULL with @error set
 */
AcrBackupInfo *
acr_backup_create (const char  *path,
                   const char  *folder,
                   const char  *reason,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *db_path = g_canonicalize_filename (path, NULL);
  g_autoptr (AcrBackupDb) src = NULL;
  g_autofree char *chosen = folder ? g_strdup (folder) : acr_backup_dup_folder (db_path);
  g_autoptr (AcrBackupInfo) info = NULL;
  g_autoptr (GError) retention_error = NULL;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("no database at %s"), db_path);
      return NULL;
    }
  if ((src = open_db (db_path, SQLITE_OPEN_READONLY, ACR_BACKUP_ERROR_FAILED, error)) == NULL)
    return NULL;
  sqlite3_busy_timeout (src, BUSY_TIMEOUT_MS);
  if ((info = backup_connection (src, db_path, chosen, reason, now, FALSE, error)) == NULL)
    return NULL;
  /* The backup is good; an old one that cannot be removed is not worth failing it for. */
  if (!acr_backup_apply_retention (chosen, now, NULL, &retention_error))
    g_warning ("%s", retention_error->message);
  return g_steal_pointer (&info);
}

/**
 * acr_backup_ensure_daily:
 * The first backup of the day: takes one unless @folder already holds a
 * verified backup of @db_path taken on @now's day.
 * Returns: that backup (new or existing), or NULL with @error set
 */
AcrBackupInfo *
acr_backup_ensure_daily (const char  *db_path,
                         const char  *folder,
                         GDateTime   *now,
                         GError     **error)
{
  g_autoptr (GDateTime) local_now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autofree char *chosen = folder ? g_strdup (folder) : acr_backup_dup_folder (db_path);
  g_autofree char *source = g_canonicalize_filename (db_path, NULL);
  g_autoptr (AcrBackupInfo) last = acr_backup_find_last_verified (chosen, source);

  if (last != NULL)
    {
      GDate today = local_date (local_now, local_now);
      GDate day = local_date (last->taken_at, local_now);

      if (g_date_compare (&today, &day) == 0)
        return g_steal_pointer (&last);
    }
  return acr_backup_create (db_path, chosen, "daily", local_now, error);
}

/**
 * acr_backup_before_change_path:
 * @what: what is about to change the database, in words for staff
 *   ("billing run")
 *
 * The backup taken before a migration, an import, a billing run or a
 * lifecycle run, in the folder of acr_backup_dup_folder (). An absent or
 * empty database (no members, no invoices) has nothing to keep. A failure
 * says that @what was not started: the caller stops.
 */
gboolean
acr_backup_before_change_path (const char  *db_path,
                               const char  *what,
                               GError     **error)
{
  g_autoptr (AcrBackupInfo) info = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reason = NULL;

  if (db_path == NULL || !g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  {
    g_autoptr (AcrBackupDb) db = open_db (db_path, SQLITE_OPEN_READONLY, ACR_BACKUP_ERROR_FAILED, NULL);
    Counts counts = { 0, };

    if (db != NULL)
      {
        sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
        if (read_counts (db, &counts) == SQLITE_OK && counts.members == 0 && counts.invoices == 0)
          return TRUE;
      }
  }
  reason = g_strdup_printf ("before %s", what);
  info = acr_backup_create (db_path, NULL, reason, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, ACR_BACKUP_ERROR, local_error->code,
                   _("%s not started: the backup taken first failed: %s"), what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
acr_backup_before_change (AcrStore    *store,
                          const char  *what,
                          GError     **error)
{
  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  if (!ACR_IS_STORE_SQLITE (acr_store_get_backend (store)))
    return TRUE;
  return acr_backup_before_change_path (acr_store_get_location (store), what, error);
}

/* --- Restoring --- */

/**
 * acr_backup_restore:
 * @backup_path: a backup (or any copy of an ACR Membership database)
 * @folder: (nullable): where the current database is kept first
 * @kept: (out) (optional): that copy of the current database
 *
 * Replaces the database at @db_path with @backup_path. Refused while
 * another program (or another connection of this one) has the database
 * open: an exclusive lock is taken first and held to the end. @backup_path
 * is verified first; the current database is then kept as a backup
 * (recorded as damaged when it fails its check: it is kept all the same);
 * then the backup is written into the database in one SQLite transaction,
 * so an interruption (kill, power cut, full disk) leaves it as it was.
 */
gboolean
acr_backup_restore (const char      *path,
                    const char      *backup_path,
                    const char      *folder,
                    GDateTime       *now,
                    AcrBackupInfo  **kept,
                    GError         **error)
{
  g_autofree char *db_path = g_canonicalize_filename (path, NULL);
  g_autofree char *chosen = folder ? g_strdup (folder) : acr_backup_dup_folder (db_path);
  g_autoptr (AcrBackupDb) live = NULL;
  g_autoptr (AcrBackupDb) from = NULL;
  g_autoptr (AcrBackupInfo) before = NULL;
  g_autofree char *problem = NULL;
  gboolean existed = g_file_test (db_path, G_FILE_TEST_EXISTS);
  sqlite3_backup *backup;
  Counts wanted = { 0, };
  Counts got = { 0, };
  GStatBuf a, b;
  int rc;

  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;
  if (existed && g_stat (db_path, &a) == 0 && g_stat (backup_path, &b) == 0 && a.st_dev == b.st_dev &&
      a.st_ino == b.st_ino)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_INVALID,
                   _("%s is the database itself; choose a backup to restore"), backup_path);
      return FALSE;
    }
  if (!acr_backup_verify_file (backup_path, &wanted.members, &wanted.invoices, &wanted.payments, error))
    return FALSE;

  /* A database that is gone is created from the backup, private like the store makes it. */
  if (!existed)
    {
      g_autofree char *dir = g_path_get_dirname (db_path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          (fd = g_open (db_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0)
        {
          int saved = errno;

          g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED, _("cannot create %s: %s"), db_path,
                       g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }

  /* Hold the database alone: no other connection may be open, and none may open it until we are done. */
  if ((live = open_db (db_path, SQLITE_OPEN_READWRITE, ACR_BACKUP_ERROR_FAILED, error)) == NULL)
    return FALSE;
  if (!existed && (rc = exec (live, "PRAGMA journal_mode = WAL")) != SQLITE_OK)
    return set_db_error (error, ACR_BACKUP_ERROR_FAILED, db_path, live, rc);
  if ((rc = exec (live, "PRAGMA locking_mode = EXCLUSIVE")) != SQLITE_OK ||
      (rc = exec (live, "BEGIN EXCLUSIVE")) != SQLITE_OK)
    {
      switch (rc & 0xff)
        {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
          g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_IN_USE,
                       _("%s is open in another program (the application or a command); close it, then restore again"),
                       db_path);
          return FALSE;
        case SQLITE_NOTADB:
        case SQLITE_CORRUPT:
          g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED,
                       _("%s is too damaged to be replaced in place; close every program using it, rename it "
                         "(for example to %s.damaged), then restore again: the database is then created from the backup"),
                       db_path, db_path);
          return FALSE;
        default:
          return set_db_error (error, ACR_BACKUP_ERROR_FAILED, db_path, live, rc);
        }
    }
  exec (live, "COMMIT");

  if (existed)
    {
      before = backup_connection (live, db_path, chosen, "before restore", now, TRUE, error);
      if (before == NULL)
        {
          g_prefix_error (error, _("nothing was restored: the current database could not be kept first: "));
          return FALSE;
        }
    }

  if ((from = open_db (backup_path, SQLITE_OPEN_READONLY, ACR_BACKUP_ERROR_INVALID, error)) == NULL)
    return FALSE;
  backup = sqlite3_backup_init (live, "main", from, "main");
  if (backup == NULL)
    return set_db_error (error, ACR_BACKUP_ERROR_FAILED, db_path, live, sqlite3_errcode (live));
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED,
                   _("%s could not be restored into %s (%s); the database was left as it was"), backup_path, db_path,
                   (rc & 0xff) == SQLITE_FULL ? _("the disk is full") : sqlite3_errstr (rc));
      return FALSE;
    }

  /* Check what is now in place. */
  problem = check_integrity (live);
  if (problem == NULL && (rc = read_counts (live, &got)) != SQLITE_OK)
    problem = g_strdup (sqlite3_errmsg (live));
  if (problem == NULL && (got.members != wanted.members || got.invoices != wanted.invoices ||
                          got.payments != wanted.payments))
    problem = g_strdup (_("the counts of members, invoices and payments differ from the backup"));
  if (problem != NULL)
    {
      g_set_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_UNVERIFIED,
                   _("%s was restored but fails its check (%s); restore another backup"), db_path, problem);
      return FALSE;
    }
  exec (live, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (kept != NULL)
    *kept = g_steal_pointer (&before);
  return TRUE;
}
