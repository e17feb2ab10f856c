#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-csv-import.h"
#include "acr-lifecycle.h"
#include "acr-store-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char     *dir;
  char     *path;
  AcrStore *store;
  AcrRules *rules;
} Fixture;

static const char trainee_json[] =
  "{\"given_name\":\"Anne\",\"family_name\":\"Lefèvre\",\"email\":\"anne@example.org\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"training\":{\"stage\":\"residency\",\"approved\":true,\"country\":\"US\",\"end\":\"2026-06-30\"},\"in_practice\":false}";
static const char international_json[] =
  "{\"given_name\":\"Hans\",\"family_name\":\"Müller\",\"email\":\"hans@example.de\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"country\":\"DE\",\"prior_member_in_practice\":false,"
  "\"training\":{\"stage\":\"residency\",\"approved\":true,\"country\":\"DE\",\"end\":\"2026-01-31\"},\"in_practice\":false}";
static const char general_json[] =
  "{\"given_name\":\"Ruth\",\"family_name\":\"Côté\",\"email\":\"ruth@example.com\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"in_practice\":true,\"practice_start\":\"1990-07-01\"}";
/* A therapy physicist in practice abroad, certified by no board: eligible for nothing. */
static const char nobody_json[] =
  "{\"given_name\":\"Max\",\"family_name\":\"Muster\",\"email\":\"max@example.org\",\"profession\":\"therapy-physicist\","
  "\"country\":\"DE\",\"in_practice\":true}";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (text, &date));
  return date;
}

static AcrMember *
apply (Fixture    *f,
       const char *json,
       const char *on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "person.json", &error);
  g_autoptr (AcrDecision) decision = NULL;
  AcrMember *member = NULL;
  GDate date = date_of (on);

  g_assert_no_error (error);
  g_assert_true (acr_store_apply (f->store, f->rules, person, NULL, &date, &member, &decision, &error));
  g_assert_no_error (error);
  g_assert_nonnull (decision);
  return member;
}

static int
count_rows (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_apply_accepts_with_decided_category (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (AcrMember) trainee = apply (f, trainee_json, "2025-09-01");
  g_autoptr (AcrMember) stored = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (trainee);
  g_assert_cmpuint (acr_member_get_number (trainee), ==, 1);
  stored = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_category (stored), ==, "member-in-training");
  g_assert_cmpstr (acr_member_get_status (stored), ==, "active");
  g_assert_cmpstr (acr_member_get_joined (stored), ==, "2025-09-01");
  g_assert_cmpstr (acr_member_get_email (stored), ==, "anne@example.org");
  g_assert_cmpstr (acr_member_get_chapters (stored), ==, "VA");
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM applications WHERE outcome = 'accepted' AND member_id = 1"), ==, 1);
}

static void
test_apply_keeps_refused_application (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr (AcrMember) nobody = apply (f, nobody_json, "2025-09-01");

  g_assert_null (nobody);
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM applications WHERE outcome = 'refused' AND member_id IS NULL"
                                  " AND json_array_length (json_extract (reasons, '$.reasons')) > 0"), ==, 1);
}

static void
test_apply_refuses_invalid_person (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = acr_person_new_from_data ("{\"given_name\":\"X\",\"family_name\":\"Y\",\"chapters\":[\"ZZ\"]}",
                                                           -1, "p.json", &error);
  g_autoptr (AcrMember) member = NULL;
  GDate date = date_of ("2025-09-01");

  g_assert_no_error (error);
  g_assert_false (acr_store_apply (f->store, f->rules, person, NULL, &date, &member, NULL, &error));
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM applications"), ==, 0);
}

static AcrLifecycleReport *
run (Fixture    *f,
     const char *on,
     gboolean    dry_run)
{
  g_autoptr (GError) error = NULL;
  GDate date = date_of (on);
  AcrLifecycleReport *report = acr_lifecycle_run (f->store, f->rules, &date, dry_run, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_lifecycle (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (AcrMember) trainee = apply (f, trainee_json, "2025-09-01");
  g_autoptr (AcrMember) international = apply (f, international_json, "2025-09-01");
  g_autoptr (AcrMember) general = apply (f, general_json, "2025-09-01");
  g_autoptr (AcrLifecycleReport) first = NULL;
  g_autoptr (AcrLifecycleReport) again = NULL;
  g_autoptr (AcrLifecycleReport) dry = NULL;
  g_autoptr (AcrLifecycleReport) later = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  AcrMemberChange *last;

  g_assert_cmpstr (acr_member_get_category (international), ==, "international-member-in-training");
  g_assert_cmpstr (acr_member_get_category (general), ==, "general");

  /* Ruth notifies her retirement on 1 February 2026. */
  {
    g_autoptr (AcrPerson) person = acr_member_dup_person (general, &error);
    g_assert_true (acr_person_set_fact_from_string (person, "retired_on", "2026-02-01", &error));
    g_assert_true (acr_person_set_fact_from_string (person, "in_practice", "false", &error));
    acr_member_set_person (general, person);
    g_assert_true (acr_store_save_member (f->store, general, "retirement letter", &error));
    g_assert_no_error (error);
  }

  first = run (f, "2026-09-01", FALSE);
  g_assert_cmpuint (first->examined, ==, 3);
  g_assert_cmpuint (first->members_changed, ==, 2);
  m = acr_store_lookup_member (f->store, 3, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "retired");
  g_assert_cmpstr (acr_member_get_status (m), ==, "retired");
  g_clear_object (&m);
  /* Past training by more than six months: flagged for staff, category kept. */
  m = acr_store_lookup_member (f->store, 2, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "international-member-in-training");
  g_assert_nonnull (strstr (acr_member_get_review (m), "transition"));
  g_clear_object (&m);
  /* Still within six months of the end of training. */
  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "member-in-training");
  g_clear_object (&m);

  /* The same date again changes nothing. */
  again = run (f, "2026-09-01", FALSE);
  g_assert_cmpuint (again->members_changed, ==, 0);
  g_assert_cmpuint (again->changes->len, ==, 0);

  /* Six months after training: a dry run says so and writes nothing. */
  dry = run (f, "2027-01-15", TRUE);
  g_assert_cmpuint (dry->members_changed, ==, 1);
  g_assert_cmpstr (((AcrLifecycleChange *) dry->changes->pdata[0])->new_value, ==, "general");
  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "member-in-training");
  g_assert_cmpint (acr_member_get_revision (m), ==, 1);
  g_clear_object (&m);

  later = run (f, "2027-01-15", FALSE);
  g_assert_cmpuint (later->members_changed, ==, 1);
  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "general");
  history = acr_store_list_history (f->store, m, &error);
  last = history->pdata[history->len - 1];
  g_assert_cmpstr (last->field, ==, "category");
  g_assert_cmpstr (last->old_value, ==, "member-in-training");
  g_assert_cmpstr (last->new_value, ==, "general");
  g_assert_true (g_str_has_prefix (last->reason, "lifecycle of 2027-01-15"));
}

static gboolean
classify_today (AcrMember  *member,
                gpointer    user_data,
                GError    **error)
{
  Fixture *f = user_data;
  GDate on = date_of ("2026-11-01");

  return acr_lifecycle_classify_member (NULL, f->rules, member, &on, error);
}

static void
test_roster_trainees_are_classified (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  static const char csv[] =
    "resident_name,email,program,country,training_stage,expected_completion_date\n"
    "Anne Lefèvre,anne@example.ca,McGill Diagnostic Radiology,CA,residency,2028-06-30\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (bytes, "roster.csv");
  g_autoptr (AcrMember) m = NULL;
  AcrImportReport report;

  g_assert_true (acr_csv_import_roster (f->store, reader, classify_today, &report, NULL, f, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_category (m), ==, "member-in-training");
  g_assert_cmpstr (acr_member_get_program (m), ==, "McGill Diagnostic Radiology");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/acr/lifecycle/apply-adds-member-with-decided-category", test_apply_accepts_with_decided_category);
  ADD ("/acr/lifecycle/apply-keeps-refused-application-with-reasons", test_apply_keeps_refused_application);
  ADD ("/acr/lifecycle/apply-refuses-invalid-person-and-records-nothing", test_apply_refuses_invalid_person);
  ADD ("/acr/lifecycle/run-promotes-flags-retires-and-is-idempotent", test_lifecycle);
  ADD ("/acr/lifecycle/roster-trainees-get-the-rules-category", test_roster_trainees_are_classified);
#undef ADD

  return g_test_run ();
}
