#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "acr-backup.h"
#include "acr-member-private.h"
#include "acr-search-results.h"
#include "acr-store.h"
#include "acr-store-sqlite.h"
#include "acr-store-sqlite-private.h"
#include "acr-test-utils.h"

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
test_creates_private_file (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "members.db", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  struct stat st;

  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_default_path_is_under_user_data_dir (void)
{
  g_autofree char *path = acr_store_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "acr-membership", "members.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_numbers_sequential_fixed_width (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrMember) a = acr_test_make_member ("Anne", "Lefèvre", "anne@example.org", NULL);
  g_autoptr (AcrMember) b = acr_test_make_member ("Bruno", "Keller", "bruno@example.org", NULL);
  g_autoptr (AcrMember) bad = acr_test_make_member ("Carl", "Bad", "carl@example.org", NULL);
  g_autoptr (AcrMember) c = acr_test_make_member ("Dora", "Nguyễn", "dora@example.org", NULL);
  g_autoptr (AcrMember) again = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (acr_store_add_member (store, a, "test", &error));
  g_assert_no_error (error);
  g_assert_true (acr_store_add_member (store, b, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_member_get_number (a), ==, 1);
  g_assert_cmpuint (acr_member_get_number (b), ==, 2);
  text = acr_member_dup_number_text (b);
  g_assert_cmpstr (text, ==, "0000002");

  /* A refused write changes nothing, and the next member still gets the next number. */
  _acr_member_set_raw (bad, "language", "de");
  g_assert_false (acr_store_add_member (store, bad, "test", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (acr_member_get_number (bad), ==, 0);
  g_assert_true (acr_store_add_member (store, c, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_member_get_number (c), ==, 3);

  again = acr_store_lookup_member (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_family_name (again), ==, "Lefèvre");
  g_assert_cmpstr (acr_member_get_email (again), ==, "anne@example.org");
  g_assert_cmpint (acr_member_get_revision (again), ==, 1);

  g_assert_null (acr_store_lookup_member (store, 99, &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_save_records_history (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrMember) m = acr_test_make_member ("Anne", "Lefèvre", "anne@example.org", NULL);
  g_autoptr (GPtrArray) history = NULL;
  AcrMemberChange *change;

  g_assert_true (acr_store_add_member (store, m, "application", &error));
  g_assert_no_error (error);

  g_assert_true (acr_member_set_field (m, "city", "Montréal", &error));
  g_assert_true (acr_member_set_field (m, "email", "anne.lefevre@example.org", &error));
  g_assert_true (acr_member_set_person_json (m, "{\"given_name\": \"Anne\", \"family_name\": \"Lefèvre\", \"training\": {\"end\": \"2027-06-30\"}}", &error));
  g_assert_true (acr_store_save_member (store, m, "moved", &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_member_get_revision (m), ==, 2);

  /* Saving without a change is not a change. */
  g_assert_true (acr_store_save_member (store, m, "nothing", &error));
  g_assert_cmpint (acr_member_get_revision (m), ==, 2);

  history = acr_store_list_history (store, m, &error);
  g_assert_no_error (error);
  /* created; then in field order: person.email (removed), person.training.end (added), email, city */
  g_assert_cmpuint (history->len, ==, 5);
  change = history->pdata[0];
  g_assert_cmpstr (change->field, ==, "member");
  g_assert_cmpstr (change->new_value, ==, "0000001");
  g_assert_cmpstr (change->reason, ==, "application");
  change = history->pdata[1];
  g_assert_cmpstr (change->field, ==, "person.email");
  g_assert_cmpstr (change->old_value, ==, "anne@example.org");
  g_assert_null (change->new_value);
  change = history->pdata[2];
  g_assert_cmpstr (change->field, ==, "person.training.end");
  g_assert_null (change->old_value);
  g_assert_cmpstr (change->new_value, ==, "2027-06-30");
  change = history->pdata[3];
  g_assert_cmpstr (change->field, ==, "email");
  g_assert_cmpstr (change->old_value, ==, "anne@example.org");
  g_assert_cmpstr (change->new_value, ==, "anne.lefevre@example.org");
  g_assert_cmpstr (change->account, ==, g_get_user_name ());
  g_assert_cmpstr (change->reason, ==, "moved");
  g_assert_cmpint (change->revision, ==, 2);
  change = history->pdata[4];
  g_assert_cmpstr (change->field, ==, "city");
  g_assert_null (change->old_value);
  g_assert_cmpstr (change->new_value, ==, "Montréal");

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_stale_revision_conflicts (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrStore) other_store = NULL;
  g_autoptr (AcrMember) m = acr_test_make_member ("Anne", "Lefèvre", "anne@example.org", NULL);
  g_autoptr (AcrMember) first = NULL;
  g_autoptr (AcrMember) second = NULL;
  g_autoptr (AcrMember) now = NULL;

  g_assert_true (acr_store_add_member (store, m, NULL, &error));
  g_assert_no_error (error);

  /* Two staff open the same member, each through their own connection. */
  other_store = acr_store_open (path, &error);
  g_assert_no_error (error);
  first = acr_store_lookup_member (store, 1, &error);
  second = acr_store_lookup_member (other_store, 1, &error);
  g_assert_no_error (error);

  g_assert_true (acr_member_set_field (first, "phone", "+1 514 555 0100", &error));
  g_assert_true (acr_member_set_field (first, "city", "Québec", &error));
  g_assert_true (acr_store_save_member (store, first, "called", &error));
  g_assert_no_error (error);

  g_assert_true (acr_member_set_field (second, "city", "Laval", &error));
  g_assert_false (acr_store_save_member (other_store, second, "typo", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "phone"));
  g_assert_nonnull (strstr (error->message, "city"));
  g_assert_nonnull (strstr (error->message, "0000001"));
  g_assert_cmpint (acr_member_get_revision (second), ==, 1);
  g_clear_error (&error);

  now = acr_store_lookup_member (store, 1, &error);
  g_assert_cmpstr (acr_member_get_city (now), ==, "Québec");
  g_assert_cmpint (acr_member_get_revision (now), ==, 2);

  g_clear_object (&store);
  g_clear_object (&other_store);
  acr_test_remove_tree (dir);
}

static void
test_history_append_only (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrMember) m = acr_test_make_member ("Anne", "Lefèvre", "anne@example.org", NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (acr_store_add_member (store, m, NULL, &error));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_exec (db, "UPDATE member_history SET reason = 'forged'", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM member_history", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM members", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE members SET number = 5", NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  sqlite3_close (db);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_newer_schema_refused_untouched (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  AcrStore *store;

  exec_raw (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  store = acr_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer"));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  acr_test_remove_tree (dir);
}

static void
test_not_a_database_is_corrupt (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  char junk[4096];

  memset (junk, 'x', sizeof junk);
  g_assert_true (g_file_set_contents (path, junk, sizeof junk, NULL));
  g_assert_null (acr_store_open (path, &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT);
  acr_test_remove_tree (dir);
}

/* The schema as each earlier version created it, kept here verbatim. */
static const char schema_v1[] =
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
  "CREATE TRIGGER member_history_no_update BEFORE UPDATE ON member_history"
  "  BEGIN SELECT RAISE (ABORT, 'member history is append-only'); END;"
  "CREATE TRIGGER member_history_no_delete BEFORE DELETE ON member_history"
  "  BEGIN SELECT RAISE (ABORT, 'member history is append-only'); END;"
  "CREATE TRIGGER members_no_delete BEFORE DELETE ON members"
  "  BEGIN SELECT RAISE (ABORT, 'members are never deleted; change their status'); END;"
  "CREATE TRIGGER members_number_fixed BEFORE UPDATE OF number ON members WHEN NEW.number <> OLD.number"
  "  BEGIN SELECT RAISE (ABORT, 'a member number never changes'); END;"
  "PRAGMA user_version = 1;";

static const char schema_v2[] =
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
  "  BEGIN SELECT RAISE (ABORT, 'applications are kept as decided'); END;"
  "PRAGMA user_version = 2;";

static const char schema_v3[] =
  "ALTER TABLE members ADD COLUMN program TEXT;"
  "ALTER TABLE members ADD COLUMN review TEXT;"
  "PRAGMA user_version = 3;";

static const char schema_v4[] =
  "DROP INDEX members_by_family;"
  "CREATE INDEX members_lookup ON members (family_key, given_key, number, email_key, city_key,"
  "  postal_key, npi, category, status, chapters);"
  "PRAGMA user_version = 4;";

/* Steps 5 and later are the billing's, kept verbatim in the engine (a released step never changes). */
#define schema_v5 _acr_store_sqlite_billing_schema, "PRAGMA user_version = 5;"

/* A member written by version 1, with its history and the sequence moved on. */
static const char data_v1[] =
  "INSERT INTO members (id, number, person, given_name, family_name, email, status, category, revision,"
  " updated_at, family_key, given_key, email_key, city, city_key)"
  " VALUES (1, 41, '{\"given_name\":\"Élise\",\"family_name\":\"Côté\"}', 'Élise', 'Côté', 'elise@example.ca',"
  " 'active', 'general', 1, '2025-01-01T00:00:00Z', 'cote', 'elise', 'elise@example.ca', 'Trois-Rivières', 'trois-rivieres');"
  "INSERT INTO member_history (member_id, revision, changed_at, account, field, new_value)"
  " VALUES (1, 1, '2025-01-01T00:00:00Z', 'old', 'member', '0000041');"
  "UPDATE sequences SET next = 42;";

static void
check_migrated (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrMember) old = NULL;
  g_autoptr (AcrMember) fresh = acr_test_make_member ("Hà", "Trần", "ha@example.vn", NULL);
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *draft = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (acr_store_sqlite_get_schema_version (ACR_STORE_SQLITE (acr_store_get_backend (store))), ==,
                   ACR_STORE_SQLITE_SCHEMA_VERSION);

  old = acr_store_lookup_member (store, 41, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_family_name (old), ==, "Côté");
  history = acr_store_list_history (store, old, &error);
  g_assert_cmpuint (history->len, ==, 1);

  /* Version 3 columns work on old rows, version 2 tables exist, the sequence continues. */
  g_assert_true (acr_member_set_field (old, "program", "McGill Diagnostic Radiology", &error));
  g_assert_true (acr_store_save_member (store, old, "roster", &error));
  g_assert_no_error (error);
  g_assert_true (acr_store_save_draft (store, "form-1", "{\"given_name\": \"X\"}", &error));
  draft = acr_store_load_draft (store, "form-1", &error);
  g_assert_cmpstr (draft, ==, "{\"given_name\": \"X\"}");
  g_assert_true (acr_store_add_member (store, fresh, NULL, &error));
  g_assert_cmpuint (acr_member_get_number (fresh), ==, 42);

  /* The lookup reads the migrated indexes. */
  {
    g_autoptr (AcrSearchResults) results = acr_search_results_new (store);
    acr_search_results_set_text (results, "COTE eli");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);
    acr_search_results_set_text (results, "tran");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);
  }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, ACR_STORE_SQLITE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);

  /* Version 5: the invoice tables exist and are empty. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM invoices", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  /* … with their lines, payments and number counters. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count (*) FROM sqlite_master WHERE type = 'table' AND name IN"
                                           " ('invoices', 'invoice_lines', 'invoice_payments', 'invoice_counters')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 4);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_migrates_from_v1 (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, NULL);

  exec_raw (path, sql);
  check_migrated (path);
  acr_test_remove_tree (dir);
}

static void
test_migrates_from_v2 (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, schema_v2,
                                      "INSERT INTO drafts VALUES ('old', '{}', '2025-01-01T00:00:00Z');", NULL);

  exec_raw (path, sql);
  check_migrated (path);
  acr_test_remove_tree (dir);
}

static void
test_migrates_from_v3 (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, schema_v2, schema_v3,
                                      "UPDATE members SET program = 'Laval' WHERE id = 1;", NULL);

  exec_raw (path, sql);
  check_migrated (path);
  acr_test_remove_tree (dir);
}

static void
test_migrates_from_v4 (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, schema_v2, schema_v3, schema_v4, NULL);

  exec_raw (path, sql);
  check_migrated (path);
  acr_test_remove_tree (dir);
}

static void
test_migrates_from_v5 (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, schema_v2, schema_v3, schema_v4, schema_v5, NULL);

  exec_raw (path, sql);
  check_migrated (path);
  acr_test_remove_tree (dir);
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (acr_store_prepare_search_finish (ACR_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static guint
count_matches (AcrStore   *store,
               const char *text)
{
  g_autoptr (AcrSearchResults) results = acr_search_results_new (store);

  acr_search_results_set_text (results, text);
  return g_list_model_get_n_items (G_LIST_MODEL (results));
}

/* A large membership is read in a worker thread while the window shows. */
static void
test_search_index_built_in_a_thread (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) a = acr_test_make_member ("Élise", "Côté", "elise@example.ca", NULL);
  g_autoptr (AcrMember) b = acr_test_make_member ("Hà", "Trần", "ha@example.vn", NULL);
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;

  g_assert_true (acr_store_add_member (store, a, "test", &error));
  g_assert_true (acr_store_add_member (store, b, "test", &error));
  g_assert_no_error (error);
  g_assert_false (acr_store_has_search_index (store));

  acr_store_prepare_search_async (store, NULL, prepared_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (acr_store_has_search_index (store));
  g_assert_cmpuint (count_matches (store, "cote"), ==, 1);
  g_assert_cmpuint (count_matches (store, "tran"), ==, 1);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* A member added while the thread reads is not lost: that index is dropped
 * and the next search reads one with the member in it. */
static void
test_search_index_from_a_thread_never_misses_a_change (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) a = acr_test_make_member ("Élise", "Côté", "elise@example.ca", NULL);
  g_autoptr (AcrMember) late = acr_test_make_member ("Jürgen", "Müller", "jm@example.de", NULL);
  g_autoptr (GError) error = NULL;
  gboolean done = FALSE;

  g_assert_true (acr_store_add_member (store, a, "test", &error));
  acr_store_prepare_search_async (store, NULL, prepared_cb, &done);
  g_assert_true (acr_store_add_member (store, late, "test", &error));
  g_assert_no_error (error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count_matches (store, "muller"), ==, 1);
  g_assert_cmpuint (count_matches (store, "cote"), ==, 1);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_drafts (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autofree char *json = NULL;
  g_auto (GStrv) keys = NULL;

  g_assert_true (acr_store_save_draft (store, "a", "{\"step\": 1}", &error));
  g_assert_true (acr_store_save_draft (store, "a", "{\"step\": 2}", &error));
  g_assert_no_error (error);
  json = acr_store_load_draft (store, "a", &error);
  g_assert_cmpstr (json, ==, "{\"step\": 2}");
  keys = acr_store_list_drafts (store, &error);
  g_assert_cmpuint (g_strv_length (keys), ==, 1);

  g_assert_false (acr_store_save_draft (store, "b", "{not json", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (acr_store_delete_draft (store, "a", &error));
  g_assert_null (acr_store_load_draft (store, "a", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* A database of an older version is backed up, as it was, before it is upgraded. */
static void
test_backup_before_migration (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sql = g_strconcat (schema_v1, data_v1, NULL);
  g_autofree char *folder = acr_backup_default_folder (path);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  AcrBackupInfo *info;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  exec_raw (path, sql);
  check_migrated (path);
  list = acr_backup_list (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_true (info->verified);
  g_assert_cmpstr (info->reason, ==, "before database upgrade");
  g_assert_cmpint (info->members, >, 0);
  g_assert_cmpint (sqlite3_open_v2 (info->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  acr_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/store/creates-private-file-and-directory", test_creates_private_file);
  g_test_add_func ("/acr/store/default-path-is-under-user-data-dir", test_default_path_is_under_user_data_dir);
  g_test_add_func ("/acr/store/numbers-are-sequential-fixed-width-and-not-consumed-by-failures", test_numbers_sequential_fixed_width);
  g_test_add_func ("/acr/store/save-records-history-per-field", test_save_records_history);
  g_test_add_func ("/acr/store/stale-revision-save-conflicts-naming-fields", test_stale_revision_conflicts);
  g_test_add_func ("/acr/store/history-is-append-only", test_history_append_only);
  g_test_add_func ("/acr/store/newer-schema-is-refused-and-left-untouched", test_newer_schema_refused_untouched);
  g_test_add_func ("/acr/store/not-a-database-is-corrupt", test_not_a_database_is_corrupt);
  g_test_add_func ("/acr/store/migrates-from-schema-1", test_migrates_from_v1);
  g_test_add_func ("/acr/store/migrates-from-schema-2", test_migrates_from_v2);
  g_test_add_func ("/acr/store/migrates-from-schema-3", test_migrates_from_v3);
  g_test_add_func ("/acr/store/migrates-from-schema-4", test_migrates_from_v4);
  g_test_add_func ("/acr/store/search-index-built-in-a-thread", test_search_index_built_in_a_thread);
  g_test_add_func ("/acr/store/search-index-from-a-thread-never-misses-a-change",
                   test_search_index_from_a_thread_never_misses_a_change);
  g_test_add_func ("/acr/store/migrates-from-schema-5", test_migrates_from_v5);
  g_test_add_func ("/acr/store/drafts-save-load-delete", test_drafts);
  g_test_add_func ("/acr/store/backup-before-migration", test_backup_before_migration);

  return g_test_run ();
}
