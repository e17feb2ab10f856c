/*
 * How the SQLite engine ends its queries: _acr_store_sqlite_each_row () and
 * g_auto (AcrStoreSqliteQuery) reset a statement on every path, including
 * a row that fails and an early return, and the bind checks still name a
 * value that is too long. A statement left running would keep its read
 * snapshot (the connection would not see other connections' commits) and
 * its binds.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "acr-store.h"
#include "acr-store-private.h"
#include "acr-store-sqlite.h"
#include "acr-store-sqlite-private.h"
#include "acr-test-utils.h"

typedef struct
{
  char           *dir;
  AcrStoreSqlite *engine;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db;

  f->dir = acr_test_make_temp_dir ();
  path = g_build_filename (f->dir, "members.db", NULL);
  f->engine = acr_store_sqlite_open (path, &error);
  g_assert_no_error (error);

  db = _acr_store_sqlite_get_db (f->engine);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TEMP TABLE t (x INTEGER NOT NULL CHECK (x < 10), note TEXT);"
                                 "INSERT INTO t (x) VALUES (1), (2), (3);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->engine);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* No statement of @db is between its first step and its reset. */
static void
assert_no_statement_running (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    {
      if (sqlite3_stmt_busy (stmt))
        g_error ("still running: %s", sqlite3_sql (stmt));
    }
}

typedef struct
{
  guint n_rows;
  gint64 fail_at;
} Rows;

static gboolean
count_rows_until (sqlite3_stmt  *stmt,
                  gpointer       user_data,
                  GError       **error)
{
  Rows *rows = user_data;

  rows->n_rows++;
  if (sqlite3_column_int64 (stmt, 0) == rows->fail_at)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "row %" G_GINT64_FORMAT " refused", rows->fail_at);
      return FALSE;
    }
  return TRUE;
}

static void
test_each_row_reads_every_row_then_resets (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (f->engine, "SELECT x FROM t ORDER BY x", &error);
  Rows rows = { 0, -1 };

  g_assert_no_error (error);
  g_assert_true (_acr_store_sqlite_each_row (f->engine, stmt, count_rows_until, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows.n_rows, ==, 3);
  g_assert_false (sqlite3_stmt_busy (stmt));
}

static void
test_each_row_stops_at_a_refused_row_and_resets (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (f->engine, "SELECT x FROM t ORDER BY x", &error);
  Rows rows = { 0, 2 };

  g_assert_no_error (error);
  g_assert_false (_acr_store_sqlite_each_row (f->engine, stmt, count_rows_until, &rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "row 2 refused");
  g_assert_cmpuint (rows.n_rows, ==, 2);
  g_assert_false (sqlite3_stmt_busy (stmt));
  assert_no_statement_running (_acr_store_sqlite_get_db (f->engine));
}

static void
test_each_row_maps_a_failed_step_and_resets (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (f->engine, "INSERT INTO t (x) VALUES (?1)", &error);

  g_assert_no_error (error);
  _acr_store_sqlite_bind_int64 (f->engine, stmt, 1, 11);
  g_assert_false (_acr_store_sqlite_each_row (f->engine, stmt, NULL, NULL, &error));
  /* A constraint: bad input, in the store's words, naming the file. */
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "members.db"));
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_assert_false (sqlite3_stmt_busy (stmt));
}

static void
test_each_row_keeps_the_bind_check (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_note = g_strnfill (200, 'n');
  sqlite3_stmt *stmt;
  Rows rows = { 0, -1 };

  sqlite3_limit (_acr_store_sqlite_get_db (f->engine), SQLITE_LIMIT_LENGTH, 100);
  stmt = _acr_store_sqlite_get_statement (f->engine, "INSERT INTO t (x, note) VALUES (?1, ?2)", &error);
  g_assert_no_error (error);
  _acr_store_sqlite_bind_int64 (f->engine, stmt, 1, 4);
  _acr_store_sqlite_bind_text (f->engine, stmt, 2, long_note, "note");
  g_assert_false (_acr_store_sqlite_each_row (f->engine, stmt, NULL, NULL, &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "note: too long (200 bytes"));
  g_assert_false (sqlite3_stmt_busy (stmt));
  g_clear_error (&error);

  /* Nothing was stored in its place. */
  stmt = _acr_store_sqlite_get_statement (f->engine, "SELECT x FROM t ORDER BY x", &error);
  g_assert_true (_acr_store_sqlite_each_row (f->engine, stmt, count_rows_until, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows.n_rows, ==, 3);
}

static void
test_query_scope_resets_on_leaving (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *seen = NULL;

  {
    g_auto (AcrStoreSqliteQuery) stmt = _acr_store_sqlite_get_statement (f->engine, "SELECT x FROM t ORDER BY x", &error);

    g_assert_no_error (error);
    g_assert_cmpint (_acr_store_sqlite_step (f->engine, stmt), ==, SQLITE_ROW);
    g_assert_true (sqlite3_stmt_busy (stmt));
    seen = stmt;
  }
  g_assert_false (sqlite3_stmt_busy (seen));
}

/* Members who shared an address before schema 8: a lookup by that address
 * stops at the second row with an error, and leaves no statement running. */
static void
test_refused_lookup_leaves_no_statement_running (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = _acr_store_sqlite_get_db (ACR_STORE_SQLITE (acr_store_get_backend (store)));
  const char *emails[] = { "ada@example.org", "grace@example.org" };
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autoptr (AcrMember) member = acr_member_new ();
      g_autofree char *json = g_strdup_printf ("{\"given_name\": \"A\", \"family_name\": \"B%u\", \"email\": \"%s\"}",
                                               i, emails[i]);

      g_assert_true (acr_member_set_person_json (member, json, &error));
      g_assert_no_error (error);
      g_assert_true (acr_store_add_member (store, member, "test", &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (sqlite3_exec (db, "UPDATE members SET email_unique = NULL;"
                                     "UPDATE members SET email_key = 'ada@example.org'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  id = _acr_store_find_member (store, "ada@example.org", NULL, NULL, NULL, &error);
  g_assert_cmpint (id, ==, -1);
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  assert_no_statement_running (db);
  g_clear_error (&error);

  /* And a member that is not there: the early return of a one-row query. */
  g_assert_null (acr_store_lookup_member (store, 9999, &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);
  assert_no_statement_running (db);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/acr/store-sqlite/each-row-reads-every-row-then-resets", test_each_row_reads_every_row_then_resets);
  ADD ("/acr/store-sqlite/each-row-stops-at-a-refused-row-and-resets", test_each_row_stops_at_a_refused_row_and_resets);
  ADD ("/acr/store-sqlite/each-row-maps-a-failed-step-and-resets", test_each_row_maps_a_failed_step_and_resets);
  ADD ("/acr/store-sqlite/each-row-keeps-the-bind-check", test_each_row_keeps_the_bind_check);
  ADD ("/acr/store-sqlite/query-scope-resets-on-leaving", test_query_scope_resets_on_leaving);
  g_test_add_func ("/acr/store-sqlite/refused-lookup-leaves-no-statement-running",
                   test_refused_lookup_leaves_no_statement_running);

  return g_test_run ();
}
