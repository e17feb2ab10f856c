/*
 * Backups of the embedded database (acr-backup.h): taken while another
 * process bills, verified, kept by the retention rule, restored after
 * corruption; a kill -9 or a full disk during a backup or a restore leaves
 * the database as it was.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-backup.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = acr_test_make_temp_dir ();
  f->db = g_build_filename (f->dir, "m.db", NULL);
  f->folder = g_build_filename (f->dir, "backups", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->folder);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static char *
query_text (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* A damaged file may fail already here: what it says is the answer. */
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    text = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
make_database (Fixture *f,
               guint    count)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (f->db, &error);

  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, count, 1, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
run_cli (AcrTestRun           *run,
         GSpawnChildSetupFunc  setup,
         const char * const   *args,
         const char           *db)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, db);

  acr_test_run_cli (run, NULL, setup, (const char * const *) argv->pdata);
}

/* A copy that holds together: the whole file checks, references hold, every
 * invoice has all its lines and they add up, and its record's counts are its own. */
static void
assert_consistent_copy (const AcrBackupInfo *info)
{
  g_autofree char *integrity = query_text (info->path, "PRAGMA integrity_check");
  g_autofree char *fk = query_text (info->path, "SELECT count(*) FROM pragma_foreign_key_check");

  g_assert_true (info->verified);
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpstr (fk, ==, "0");
  g_assert_cmpint (query_int (info->path,
                              "SELECT count(*) FROM invoices i WHERE i.n_lines <> "
                              "(SELECT count(*) FROM invoice_lines l WHERE l.invoice_id = i.id) OR i.total_cents <> "
                              "(SELECT coalesce (sum (amount_cents), 0) FROM invoice_lines l WHERE l.invoice_id = i.id)"),
                   ==, 0);
  g_assert_cmpint (query_int (info->path, "SELECT count(*) FROM members"), ==, info->members);
  g_assert_cmpint (query_int (info->path, "SELECT count(*) FROM invoices"), ==, info->invoices);
  g_assert_cmpint (query_int (info->path, "SELECT count(*) FROM invoice_payments"), ==, info->payments);
}

static void
test_backup_is_private_verified_and_recorded (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) info = NULL;
  g_autoptr (GPtrArray) list = NULL;
  AcrBackupInfo *listed;
  GStatBuf st;

  make_database (f, 120);
  info = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_true (info->verified);
  g_assert_cmpint (info->members, ==, 120);
  g_assert_true (g_str_has_prefix (info->path, f->folder));
  g_assert_cmpint (g_stat (info->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (info->record_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (f->folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  assert_consistent_copy (info);

  list = acr_backup_list (f->folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  listed = g_ptr_array_index (list, 0);
  g_assert_cmpstr (listed->path, ==, info->path);
  g_assert_true (listed->verified);
  g_assert_cmpint (listed->members, ==, 120);

  /* A backup whose file was changed afterwards is no longer listed as verified. */
  g_assert_true (g_file_set_contents (info->path, "garbage", -1, NULL));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = acr_backup_list (f->folder, &error);
  g_assert_false (((AcrBackupInfo *) g_ptr_array_index (list, 0))->verified);
}

static void
test_backup_during_billing_run_in_another_process_is_consistent (Fixture       *f,
                                                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_arg = NULL;
  const char *cli = g_getenv ("ACR_CLI");
  gint64 final_invoices;
  guint taken = 0;
  guint mid_run = 0;
  GPid pid;
  int status;

  make_database (f, 1500);
  db_arg = g_strdup_printf ("--db=%s", f->db);
  {
    const char *argv[] = { cli, "bill", db_arg, "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };

    g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                  G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                  NULL, NULL, &pid, &error));
    g_assert_no_error (error);
  }
  /* Back up again and again while the run writes (bounded: it ends, or 200 backups). */
  while (taken < 200)
    {
      g_autoptr (AcrBackupInfo) info = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
      pid_t done;

      g_assert_no_error (error);
      assert_consistent_copy (info);
      taken++;
      if (info->invoices > 0)
        mid_run++;
      /* Retention keeps every backup of today: remove it ourselves to keep the folder small. */
      g_unlink (info->path);
      g_unlink (info->record_path);
      done = waitpid (pid, &status, WNOHANG);
      g_assert_cmpint (done, >=, 0);
      if (done == pid)
        break;
    }
  if (taken == 200)
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  final_invoices = query_int (f->db, "SELECT count(*) FROM invoices");
  g_assert_cmpint (final_invoices, >, 0);
  g_test_message ("%u backups during the run, %u with some of its invoices", taken, mid_run);
  g_assert_cmpuint (taken, >, 0);
}

static void
test_restore_after_corruption_brings_back_last_verified_state (Fixture       *f,
                                                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) first = NULL;
  g_autoptr (AcrBackupInfo) last = NULL;
  g_autoptr (AcrBackupInfo) kept = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *after = NULL;
  guint added_number;
  gboolean restored;
  GStatBuf st;
  FILE *file;

  make_database (f, 300);
  first = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
  g_assert_no_error (error);

  /* A change after the backup, then bytes overwritten in the middle of the file. */
  {
    g_autoptr (AcrStore) store = acr_store_open (f->db, &error);
    g_autoptr (AcrMember) m = acr_test_make_member ("Zelda", "Later", "zelda.later@example.org", NULL);

    g_assert_no_error (error);
    g_assert_true (acr_store_add_member (store, m, "test", &error));
    g_assert_no_error (error);
    added_number = acr_member_get_number (m);
  }
  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  file = fopen (f->db, "r+b");
  g_assert_nonnull (file);
  for (goffset page = 2; page * 4096 < st.st_size - 4096; page += 3)
    {
      char junk[512];

      memset (junk, 0xA5, sizeof junk);
      g_assert_cmpint (fseek (file, page * 4096 + 100, SEEK_SET), ==, 0);
      g_assert_cmpuint (fwrite (junk, 1, sizeof junk, file), ==, sizeof junk);
    }
  g_assert_cmpint (fclose (file), ==, 0);
  integrity = query_text (f->db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, !=, "ok");

  last = acr_backup_find_last_verified (f->folder, f->db);
  g_assert_nonnull (last);
  g_assert_cmpstr (last->path, ==, first->path);
  restored = acr_backup_restore (f->db, last->path, f->folder, NULL, &kept, &error);
  g_assert_no_error (error);
  g_assert_true (restored);

  /* The damaged database is kept, recorded as damaged. */
  g_assert_nonnull (kept);
  g_assert_false (kept->verified);
  g_assert_true (g_file_test (kept->path, G_FILE_TEST_IS_REGULAR));

  after = query_text (f->db, "PRAGMA integrity_check");
  g_assert_cmpstr (after, ==, "ok");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM members"), ==, 300);
  {
    g_autoptr (AcrStore) store = acr_store_open (f->db, &error);
    g_autoptr (AcrMember) gone = NULL;

    g_assert_no_error (error);
    gone = acr_store_lookup_member (store, added_number, &error);
    g_assert_null (gone);
    g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);
  }
}

static void
test_restore_refused_while_another_process_has_it_open (Fixture       *f,
                                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) info = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int ready[2], go[2];
  pid_t pid;
  int status;
  char byte = 0;

  make_database (f, 50);
  info = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
  g_assert_no_error (error);
  before = acr_test_hash_file (f->db);

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (go), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* Another program: opens the database, reads a member, then waits. */
      AcrStore *store = acr_store_open (f->db, NULL);
      AcrMember *m = store ? acr_store_lookup_member (store, 1, NULL) : NULL;

      if (write (ready[1], "r", 1) != 1 || read (go[0], &byte, 1) != 1)
        _exit (2);
      _exit (m != NULL ? 0 : 1);
    }
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  g_assert_false (acr_backup_restore (f->db, info->path, f->folder, NULL, NULL, &error));
  g_assert_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, f->db));
  g_clear_error (&error);

  g_assert_cmpint (write (go[1], "g", 1), ==, 1);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (ready[0]);
  close (ready[1]);
  close (go[0]);
  close (go[1]);
  after = acr_test_hash_file (f->db);
  g_assert_cmpstr (before, ==, after);

  /* This process's own store counts as well. */
  {
    g_autoptr (AcrStore) store = acr_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_false (acr_backup_restore (f->db, info->path, f->folder, NULL, NULL, &error));
    g_assert_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_IN_USE);
    g_clear_error (&error);
  }

  /* Alone, it works. */
  g_assert_true (acr_backup_restore (f->db, info->path, f->folder, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* --- Retention --- */

/* A recorded backup without the cost of copying a database: the retention reads only records. */
static void
add_fake_backup_of (const char *folder,
                    GDateTime  *when,
                    gboolean    verified,
                    const char *stem)
{
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%d-%H%M%S");
  g_autofree char *iso = g_date_time_format_iso8601 (when);
  g_autofree char *db_name = g_strdup_printf ("%s-%s.db", stem, stamp);
  g_autofree char *db_path = g_build_filename (folder, db_name, NULL);
  g_autofree char *record_name = g_strdup_printf ("%s-%s.json", stem, stamp);
  g_autofree char *record_path = g_build_filename (folder, record_name, NULL);
  g_autofree char *record = g_strdup_printf ("{\"file\": \"%s\", \"taken_at\": \"%s\", \"reason\": \"daily\", "
                                             "\"source\": \"/x/%s.db\", \"verified\": %s, \"problem\": %s, "
                                             "\"members\": 1, \"invoices\": 0, \"payments\": 0, \"size\": 10}",
                                             db_name, iso, stem, verified ? "true" : "false",
                                             verified ? "null" : "\"failed\"");

  g_assert_true (g_file_set_contents (db_path, "0123456789", 10, NULL));
  g_assert_true (g_file_set_contents (record_path, record, -1, NULL));
}

static void
add_fake_backup (const char *folder,
                 GDateTime  *when,
                 gboolean    verified)
{
  add_fake_backup_of (folder, when, verified, "m");
}

static char *
list_kept (const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = acr_backup_list (folder, &error);
  g_autoptr (GString) kept = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = list->len; i > 0; i--)
    {
      AcrBackupInfo *info = g_ptr_array_index (list, i - 1);
      g_autofree char *stamp = g_date_time_format (info->taken_at, "%Y-%m-%d %H");

      g_assert_true (g_file_test (info->path, G_FILE_TEST_EXISTS));
      g_string_append_printf (kept, "%s%s", kept->len ? ", " : "", stamp);
    }
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static void
test_retention_keeps_exactly_what_it_promises (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) day = g_date_time_new (utc, 2025, 6, 1, 0, 0, 0);
  g_autoptr (GDateTime) last = g_date_time_new (utc, 2026, 12, 6, 0, 0, 0);
  g_autofree char *kept = NULL;
  /* Today 2026-12-06 is a Sunday: all of today and yesterday; the newest of each of the 12 days
   * before; the newest of each of the 6 weeks (Monday to Sunday) not already kept; the newest of
   * each month back to January 2026. Nothing of 2025. */
  const char *expected =
    "2026-01-31 14, 2026-02-28 14, 2026-03-31 14, 2026-04-30 14, 2026-05-31 14, 2026-06-30 14, "
    "2026-07-31 14, 2026-08-31 14, 2026-09-30 14, 2026-10-18 14, 2026-10-25 14, 2026-10-31 14, "
    "2026-11-01 14, 2026-11-08 14, 2026-11-15 14, 2026-11-22 14, 2026-11-23 14, 2026-11-24 14, "
    "2026-11-25 14, 2026-11-26 14, 2026-11-27 14, 2026-11-28 14, 2026-11-29 14, 2026-11-30 14, "
    "2026-12-01 14, 2026-12-02 14, 2026-12-03 14, 2026-12-04 14, "
    "2026-12-05 02, 2026-12-05 14, 2026-12-06 02, 2026-12-06 14";

  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  /* Two backups a day for a year and a half, the retention applied after each day's second one. */
  while (g_date_time_compare (day, last) <= 0)
    {
      g_autoptr (GDateTime) night = g_date_time_add_hours (day, 2);
      g_autoptr (GDateTime) afternoon = g_date_time_add_hours (day, 14);
      g_autoptr (GDateTime) now = g_date_time_add_seconds (afternoon, 1);
      g_autoptr (GError) error = NULL;
      GDateTime *next;

      add_fake_backup (f->folder, night, TRUE);
      add_fake_backup (f->folder, afternoon, TRUE);
      g_assert_true (acr_backup_apply_retention (f->folder, now, NULL, &error));
      g_assert_no_error (error);
      next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  kept = list_kept (f->folder);
  g_assert_cmpstr (kept, ==, expected);
}

static void
test_retention_keeps_newest_and_recent_failures (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) now = g_date_time_new (utc, 2026, 12, 6, 12, 0, 0);
  g_autoptr (GDateTime) old = g_date_time_new (utc, 2024, 3, 1, 2, 0, 0);
  g_autoptr (GDateTime) older = g_date_time_new (utc, 2024, 2, 1, 2, 0, 0);
  g_autoptr (GDateTime) failed_recent = g_date_time_new (utc, 2026, 11, 28, 2, 0, 0);
  g_autoptr (GDateTime) failed_old = g_date_time_new (utc, 2026, 11, 1, 2, 0, 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  guint removed = 0;

  g_autoptr (GDateTime) other_same_month = g_date_time_new (utc, 2026, 10, 3, 2, 0, 0);
  g_autoptr (GDateTime) mine_same_month = g_date_time_new (utc, 2026, 10, 2, 2, 0, 0);

  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  add_fake_backup (f->folder, older, TRUE);
  add_fake_backup (f->folder, old, TRUE);
  add_fake_backup (f->folder, failed_old, FALSE);
  add_fake_backup (f->folder, failed_recent, FALSE);
  g_assert_true (acr_backup_apply_retention (f->folder, now, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 2);
  kept = list_kept (f->folder);
  /* The newest verified backup is never removed, however old; a failure stays 14 days. */
  g_assert_cmpstr (kept, ==, "2024-03-01 02, 2026-11-28 02");

  /* Another database's backups in the same folder do not take this one's places. */
  add_fake_backup (f->folder, mine_same_month, TRUE);
  add_fake_backup_of (f->folder, other_same_month, TRUE, "other");
  g_assert_true (acr_backup_apply_retention (f->folder, now, &removed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, g_free);
  kept = list_kept (f->folder);
  /* 2024-03-01 is no longer the newest of m.db: removed. */
  g_assert_cmpstr (kept, ==, "2026-10-02 02, 2026-10-03 02, 2026-11-28 02");
}

/* --- Kill -9 and full disk --- */

static GPid
spawn_cli (const char * const *args,
           const char         *db)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, db);
  g_autoptr (GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static void
kill_after (GPid  pid,
            guint delay_us)
{
  int status;

  g_usleep (delay_us);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
}

static void
test_killed_backup_leaves_database_untouched (Fixture       *f,
                                              gconstpointer  data)
{
  const guint delays_us[] = { 0, 2000, 5000, 10000, 20000, 40000, 80000 };
  const char *args[] = { "backup", "--to", NULL, NULL };
  g_autofree char *before = NULL;
  g_autoptr (GError) error = NULL;

  make_database (f, 2000);
  before = acr_test_hash_file (f->db);
  args[2] = f->folder;
  for (guint i = 0; i < G_N_ELEMENTS (delays_us); i++)
    {
      g_autofree char *after = NULL;
      g_autofree char *integrity = NULL;
      g_autoptr (GPtrArray) list = NULL;

      kill_after (spawn_cli (args, f->db), delays_us[i]);
      after = acr_test_hash_file (f->db);
      g_assert_cmpstr (before, ==, after);
      integrity = query_text (f->db, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      /* Only whole, verified backups are listed. */
      list = acr_backup_list (f->folder, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j++)
        assert_consistent_copy (g_ptr_array_index (list, j));
    }
}

static void
test_killed_restore_leaves_database_as_it_was_or_restored (Fixture       *f,
                                                           gconstpointer  data)
{
  const guint delays_us[] = { 0, 3000, 8000, 15000, 30000, 60000, 120000 };
  const char *bill[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };
  const char *args[] = { "restore", NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) unbilled = NULL;
  g_autoptr (AcrBackupInfo) billed = NULL;
  g_auto (AcrTestRun) run = { 0 };
  gint64 billed_invoices;
  guint restored = 0;

  make_database (f, 2000);
  unbilled = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
  g_assert_no_error (error);
  run_cli (&run, NULL, bill, f->db);
  g_assert_cmpint (run.status, ==, 0);
  billed_invoices = query_int (f->db, "SELECT count(*) FROM invoices");
  g_assert_cmpint (billed_invoices, >, 0);
  billed = acr_backup_create (f->db, f->folder, "manual", NULL, &error);
  g_assert_no_error (error);

  args[1] = unbilled->path;
  for (guint i = 0; i < G_N_ELEMENTS (delays_us); i++)
    {
      g_autofree char *integrity = NULL;
      gint64 invoices;

      kill_after (spawn_cli (args, f->db), delays_us[i]);
      integrity = query_text (f->db, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      /* All of one or all of the other: never a mix. */
      invoices = query_int (f->db, "SELECT count(*) FROM invoices");
      g_assert_true (invoices == 0 || invoices == billed_invoices);
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM members"), ==, 2000);
      if (invoices == 0)
        {
          restored++;
          g_assert_true (acr_backup_restore (f->db, billed->path, f->folder, NULL, NULL, &error));
          g_assert_no_error (error);
        }
    }
  g_test_message ("%u of %zu killed restores had finished", restored, G_N_ELEMENTS (delays_us));
}

static rlim_t file_size_limit;

/* In the child: a "disk" that takes no file larger than file_size_limit (write () fails with EFBIG). */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { file_size_limit, file_size_limit };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_full_disk_leaves_database_untouched (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) big = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *big_db = g_build_filename (f->dir, "big.db", NULL);
  g_autofree char *big_folder = g_build_filename (f->dir, "big-backups", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto (AcrTestRun) run = { 0 };
  const char *backup[] = { "backup", "--to", NULL, NULL };
  const char *restore[] = { "restore", NULL, "--folder", NULL, NULL };
  GStatBuf small_st, big_st;

  /* A backup of 2,000 members to make; the database has 40. */
  {
    g_autoptr (AcrStore) store = acr_store_open (big_db, &error);

    g_assert_no_error (error);
    g_assert_true (acr_sample_data_generate (store, 2000, 7, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  big = acr_backup_create (big_db, big_folder, "manual", NULL, &error);
  g_assert_no_error (error);
  make_database (f, 40);
  before = acr_test_hash_file (f->db);
  g_assert_cmpint (g_stat (f->db, &small_st), ==, 0);
  g_assert_cmpint (g_stat (big->path, &big_st), ==, 0);
  g_assert_cmpint (big_st.st_size, >, 4 * small_st.st_size);

  /* The backup does not fit. */
  file_size_limit = small_st.st_size / 2;
  backup[2] = f->folder;
  run_cli (&run, limit_file_size, backup, f->db);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  after = acr_test_hash_file (f->db);
  g_assert_cmpstr (before, ==, after);
  list = acr_backup_list (f->folder, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_assert_false (((AcrBackupInfo *) g_ptr_array_index (list, i))->verified);

  /* A restore whose copy of the current database does not fit changes nothing. */
  restore[1] = big->path;
  restore[3] = f->folder;
  run_cli (&run, limit_file_size, restore, f->db);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_clear_pointer (&after, g_free);
  after = acr_test_hash_file (f->db);
  g_assert_cmpstr (before, ==, after);

  /* A restore where the copy fits but the restored database does not: it is left as it was. */
  file_size_limit = small_st.st_size + (big_st.st_size - small_st.st_size) / 2;
  run_cli (&run, limit_file_size, restore, f->db);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM members"), ==, 40);
  {
    g_autofree char *integrity = query_text (f->db, "PRAGMA integrity_check");

    g_assert_cmpstr (integrity, ==, "ok");
  }

  /* With room, the same restore works. */
  run_cli (&run, NULL, restore, f->db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM members"), ==, 2000);
}

static void
test_cli_backup_and_backups (Fixture       *f,
                             gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *default_folder = g_build_filename (f->dir, "m-backups", NULL);
  const char *backup[] = { "backup", NULL };
  const char *backups[] = { "backups", NULL };
  const char *restore_missing[] = { "restore", "/nonexistent/x.db", NULL };

  make_database (f, 30);
  run_cli (&run, NULL, backup, f->db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, default_folder));
  run_cli (&run, NULL, backups, f->db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "verified"));
  g_assert_nonnull (strstr (run.out, "30/0/0"));
  run_cli (&run, NULL, restore_missing, f->db);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "/nonexistent/x.db"));

  /* A database that is gone is created from the backup, private. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (AcrBackupInfo) last = acr_backup_find_last_verified (default_folder, f->db);
    g_autofree char *gone = g_build_filename (f->dir, "gone", "m.db", NULL);
    GStatBuf st;

    g_assert_nonnull (last);
    g_assert_true (acr_backup_restore (gone, last->path, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (gone, "SELECT count(*) FROM members"), ==, 30);
    g_assert_cmpint (g_stat (gone, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_backup_taken_before_lifecycle_and_billing (Fixture       *f,
                                                gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *default_folder = g_build_filename (f->dir, "m-backups", NULL);
  const char *dry[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--dry-run", NULL };
  const char *bill[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };
  const char *lifecycle[] = { "lifecycle", "--date", "2026-12-01", NULL };

  make_database (f, 30);
  run_cli (&run, NULL, dry, f->db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_false (g_file_test (default_folder, G_FILE_TEST_EXISTS));
  run_cli (&run, NULL, bill, f->db);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (&run, NULL, lifecycle, f->db);
  g_assert_cmpint (run.status, ==, 0);
  list = acr_backup_list (default_folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((AcrBackupInfo *) g_ptr_array_index (list, 1))->reason, ==, "before billing run");
  g_assert_cmpint (((AcrBackupInfo *) g_ptr_array_index (list, 1))->invoices, ==, 0);
  g_assert_cmpstr (((AcrBackupInfo *) g_ptr_array_index (list, 0))->reason, ==, "before lifecycle run");
  g_assert_cmpint (((AcrBackupInfo *) g_ptr_array_index (list, 0))->invoices, >, 0);
}

/* A backup that cannot be taken stops the billing run before it writes anything, with one line on stderr. */
static void
test_failed_backup_stops_the_billing_run (Fixture       *f,
                                          gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *default_folder = g_build_filename (f->dir, "m-backups", NULL);
  const char *bill[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };

  make_database (f, 30);
  /* A file where the backup folder should be: the folder cannot be made. */
  g_assert_true (g_file_set_contents (default_folder, "in the way", -1, NULL));
  run_cli (&run, NULL, bill, f->db);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "billing run not started"));
  g_assert_nonnull (strstr (run.err, default_folder));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM invoices"), ==, 0);

  /* With the way clear, the same run works. */
  g_assert_cmpint (g_unlink (default_folder), ==, 0);
  run_cli (&run, NULL, bill, f->db);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM invoices"), >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/backup/is-private-verified-and-recorded", test_backup_is_private_verified_and_recorded);
  ADD ("/acr/backup/during-billing-run-in-another-process-is-consistent",
       test_backup_during_billing_run_in_another_process_is_consistent);
  ADD ("/acr/backup/restore-after-corruption-brings-back-last-verified-state",
       test_restore_after_corruption_brings_back_last_verified_state);
  ADD ("/acr/backup/restore-refused-while-another-process-has-it-open",
       test_restore_refused_while_another_process_has_it_open);
  ADD ("/acr/backup/retention-keeps-exactly-what-it-promises", test_retention_keeps_exactly_what_it_promises);
  ADD ("/acr/backup/retention-keeps-newest-and-recent-failures", test_retention_keeps_newest_and_recent_failures);
  ADD ("/acr/backup/killed-backup-leaves-database-untouched", test_killed_backup_leaves_database_untouched);
  ADD ("/acr/backup/killed-restore-leaves-database-as-it-was-or-restored",
       test_killed_restore_leaves_database_as_it_was_or_restored);
  ADD ("/acr/backup/full-disk-leaves-database-untouched", test_full_disk_leaves_database_untouched);
  ADD ("/acr/backup/cli-backup-and-backups", test_cli_backup_and_backups);
  ADD ("/acr/backup/taken-before-lifecycle-and-billing", test_backup_taken_before_lifecycle_and_billing);
  ADD ("/acr/backup/failed-backup-stops-the-billing-run", test_failed_backup_stops_the_billing_run);
#undef ADD

  return g_test_run ();
}
