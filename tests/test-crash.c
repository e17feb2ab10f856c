/*
 * A process killed (SIGKILL) in the middle of an import or a lifecycle run
 * leaves the database consistent (PRAGMA integrity_check says "ok") with the
 * operation wholly applied or wholly absent.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-csv-import.h"
#include "acr-lifecycle.h"
#include "acr-store-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define IMPORT_ROWS 300
#define TRAINEES 40

typedef struct
{
  char *dir;
  char *path;
  char *csv_path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("given_name,family_name,email,city\n");

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->csv_path = g_build_filename (f->dir, "members.csv", NULL);
  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (csv, "Given%u,Lefèvre%u,m%u@example.org,Montréal\n", i, i, i);
  g_assert_true (g_file_set_contents (f->csv_path, csv->str, csv->len, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->csv_path);
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Opens the database the way the application does (recovering the WAL) and checks it. */
static void
assert_consistent (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autofree char *report = NULL;

  g_assert_no_error (error);
  report = acr_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
  /* Every member has its creation line; numbers and the sequence agree. */
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM members m WHERE NOT EXISTS"
                                    " (SELECT 1 FROM member_history h WHERE h.member_id = m.id AND h.field = 'member')"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT (SELECT next FROM sequences) - 1 - coalesce ((SELECT max (number) FROM members), 0)"), ==, 0);
}

static void
kill_self_at (guint    row,
              guint    n_rows,
              gpointer user_data)
{
  if (row == GPOINTER_TO_UINT (user_data))
    kill (getpid (), SIGKILL);
}

static void
seed_database (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (f->path, &error);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("given_name,family_name\nFirst,Member\n", 35);
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (bytes, "seed.csv");

  g_assert_no_error (error);
  g_assert_true (acr_csv_import_members (store, reader, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_import_killed_in_process (Fixture       *f,
                               gconstpointer  data)
{
  /* Progress counts CSV rows: the header is row 1, the data rows 2 … IMPORT_ROWS + 1; the last point is past the end. */
  const guint points[] = { 2, 3, IMPORT_ROWS / 2, IMPORT_ROWS, IMPORT_ROWS + 1, G_MAXUINT };

  seed_database (f);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      pid_t pid = fork ();
      int status;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          /* The child imports and dies at the chosen row, inside the transaction. */
          AcrStore *store = acr_store_open (f->path, NULL);
          AcrCsvReader *reader = acr_csv_reader_new_for_path (f->csv_path, NULL);
          acr_csv_import_members (store, reader, NULL, kill_self_at, GUINT_TO_POINTER (points[i]), NULL);
          _exit (3);  /* only when the import ended before the chosen row */
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      assert_consistent (f->path);
      if (points[i] <= IMPORT_ROWS + 1)
        {
          g_assert_true (WIFSIGNALED (status));
          g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM members"), ==, 1);
        }
      else
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM members"), ==, 1 + IMPORT_ROWS);
        }
    }
}

static void
test_import_cli_killed_at_random_times (Fixture       *f,
                                        gconstpointer  data)
{
  const char *cli = g_getenv ("ACR_CLI");
  const guint delays_ms[] = { 0, 5, 15, 30, 60, 120 };
  int expected = 1;

  if (cli == NULL)
    {
      g_test_skip ("ACR_CLI is not set");
      return;
    }
  seed_database (f);
  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *db_arg = g_strdup_printf ("--db=%s", f->path);
      const char *argv[] = { cli, "import", db_arg, "members", f->csv_path, NULL };
      GPid pid;
      int status, count;

      /* Each import is the same file: matched by e-mail, so it adds rows once, then changes nothing. */
      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_usleep (delays_ms[i] * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);

      assert_consistent (f->path);
      count = query_int (f->path, "SELECT count(*) FROM members");
      g_assert_true (count == 1 || count == 1 + IMPORT_ROWS);
      g_assert_cmpint (count, >=, expected);  /* a committed import never disappears */
      expected = count;
    }
}

static void
test_lifecycle_killed_in_process (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const guint points[] = { 1, TRAINEES / 2, TRAINEES, G_MAXUINT };

  {
    g_autoptr (AcrStore) store = acr_store_open (f->path, &error);
    g_autoptr (AcrRules) rules = acr_rules_new_default (&error);
    GDate applied;

    g_assert_no_error (error);
    g_date_clear (&applied, 1);
    g_date_set_dmy (&applied, 1, 9, 2025);
    for (guint i = 0; i < TRAINEES; i++)
      {
        g_autofree char *json = g_strdup_printf (
          "{\"given_name\":\"T%u\",\"family_name\":\"Trainee\",\"profession\":\"physician\",\"discipline\":\"radiology\","
          "\"certifications\":[\"ABR\"],\"country\":\"US\",\"in_practice\":false,"
          "\"training\":{\"stage\":\"residency\",\"approved\":true,\"country\":\"US\",\"end\":\"2026-06-30\"}}", i);
        g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "p", &error);
        g_autoptr (AcrMember) member = NULL;

        g_assert_true (acr_store_apply (store, rules, person, NULL, &applied, &member, NULL, &error));
        g_assert_nonnull (member);
      }
  }

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      pid_t pid = fork ();
      int status, promoted;

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          AcrStore *store = acr_store_open (f->path, NULL);
          AcrRules *rules = acr_rules_new_default (NULL);
          GDate on;

          g_date_clear (&on, 1);
          g_date_set_dmy (&on, 15, 1, 2027);
          acr_lifecycle_run (store, rules, &on, FALSE, kill_self_at, GUINT_TO_POINTER (points[i]), NULL);
          _exit (3);
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      assert_consistent (f->path);
      promoted = query_int (f->path, "SELECT count(*) FROM members WHERE category = 'general'");
      if (points[i] <= TRAINEES)
        {
          g_assert_true (WIFSIGNALED (status));
          g_assert_cmpint (promoted, ==, 0);
          g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_history WHERE field = 'category'"), ==, 0);
        }
      else
        {
          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (promoted, ==, TRAINEES);
          g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM member_history WHERE field = 'category'"), ==, TRAINEES);
        }
    }
  /* The last point lies beyond the run: it completed. */
  g_assert_cmpint (query_int (f->path, "SELECT count(*) FROM members WHERE category = 'general'"), ==, TRAINEES);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/acr/crash/import-killed-at-any-row-leaves-nothing", test_import_killed_in_process);
  ADD ("/acr/crash/cli-import-killed-at-random-times-is-all-or-nothing", test_import_cli_killed_at_random_times);
  ADD ("/acr/crash/lifecycle-killed-at-any-member-is-all-or-nothing", test_lifecycle_killed_in_process);
#undef ADD

  return g_test_run ();
}
