/*
 * What-if: a proposed rules bundle tried on every active member. Its figures
 * are checked against acr_rules_quote () run per member, and against a
 * billing dry run, never against numbers written here.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-date.h"
#include "acr-member.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"
#include "acr-what-if.h"

#define YEAR 2027
#define N_SAMPLE 400

typedef struct
{
  char     *dir;
  char     *path;
  AcrStore *store;
  AcrRules *current;
  GDate     on;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (f->store, N_SAMPLE, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  f->current = acr_rules_new_default (&error);
  g_assert_no_error (error);
  g_date_clear (&f->on, 1);
  g_date_set_dmy (&f->on, 1, G_DATE_DECEMBER, YEAR - 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->current);
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Next year's schedule with general full dues up $100.00 and the first
 * chapter's dues down $5.00. */
static char *
write_raised_bundle (Fixture *f)
{
  return acr_test_write_changed_rules (f->dir, "raised.json", YEAR, 10000, -500);
}

static AcrRules *
load_rules (const char *path)
{
  g_autoptr (GError) error = NULL;
  AcrRules *rules = acr_rules_new_from_file (path, &error);

  g_assert_no_error (error);
  return rules;
}

/* What a billing run would bill one member under @rules (0: nothing). */
static gint64
billable_cents (AcrRules     *rules,
                AcrPerson    *person,
                const GDate  *on,
                char        **category)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrDuesQuote) quote = acr_rules_quote (rules, person, YEAR, on, &error);

  g_assert_no_error (error);
  *category = g_strdup (acr_dues_quote_get_category_id (quote));
  if (acr_dues_quote_get_reason (quote) != NULL || acr_dues_quote_get_total_cents (quote) <= 0)
    return 0;
  return acr_dues_quote_get_total_cents (quote);
}

static AcrWhatIfTotal *
find_total (GPtrArray  *totals,
            const char *key)
{
  for (guint i = 0; i < totals->len; i++)
    {
      AcrWhatIfTotal *total = totals->pdata[i];

      if (g_str_equal (total->key, key))
        return total;
    }
  g_error ("no total for “%s”", key);
}

static AcrWhatIf *
run_what_if (Fixture  *f,
             AcrRules *proposed)
{
  g_autoptr (GError) error = NULL;
  AcrWhatIf *what_if = acr_what_if_new (f->store, f->current, proposed, YEAR, &f->on);

  g_assert_true (acr_what_if_execute (what_if, NULL, &error));
  g_assert_no_error (error);
  return what_if;
}

static void
test_what_if_under_the_same_rules_changes_nothing_and_totals_the_billing_dry_run (Fixture       *f,
                                                                                 gconstpointer  data)
{
  g_autoptr (AcrWhatIf) what_if = run_what_if (f, f->current);
  g_autoptr (AcrBilling) billing = acr_billing_new (f->store, f->current);
  g_autoptr (AcrBillingRun) run = acr_billing_run_new (billing, YEAR, &f->on);
  g_autoptr (GError) error = NULL;
  GPtrArray *by_category = acr_what_if_get_by_category (what_if);
  GPtrArray *run_categories;

  g_assert_true (acr_billing_run_execute (run, TRUE, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (acr_what_if_get_n_total (what_if), >, N_SAMPLE / 2);
  g_assert_cmpuint (acr_what_if_get_n_done (what_if), ==, acr_what_if_get_n_total (what_if));
  g_assert_cmpuint (acr_what_if_get_n_more (what_if), ==, 0);
  g_assert_cmpuint (acr_what_if_get_n_less (what_if), ==, 0);
  g_assert_cmpuint (acr_what_if_get_n_same (what_if) + acr_what_if_get_n_unquoted_now (what_if),
                    ==, acr_what_if_get_n_total (what_if));
  g_assert_cmpuint (acr_what_if_get_n_category_changes (what_if), ==, 0);
  g_assert_cmpuint (acr_what_if_get_largest_changes (what_if)->len, ==, 0);
  g_assert_cmpint (acr_what_if_get_total_now_cents (what_if), ==, acr_what_if_get_total_then_cents (what_if));

  /* The same money, category by category, as a billing dry run. */
  g_assert_cmpint (acr_what_if_get_total_now_cents (what_if), ==, acr_billing_run_get_billed_cents (run));
  g_assert_cmpint (acr_what_if_get_total_now_cents (what_if), >, 0);
  run_categories = acr_billing_run_get_categories (run);
  g_assert_cmpuint (run_categories->len, >, 0);
  for (guint i = 0; i < run_categories->len; i++)
    {
      AcrBillingRunCategory *billed = run_categories->pdata[i];
      AcrWhatIfTotal *total = find_total (by_category, billed->category);

      g_assert_cmpint (total->now_cents, ==, billed->total_cents);
      g_assert_cmpint (total->then_cents, ==, billed->total_cents);
    }
  g_assert_cmpuint (acr_what_if_get_n_placeholder_now (what_if), ==, acr_billing_run_get_n_placeholder (run));
}

static void
test_what_if_figures_equal_quote_run_per_member (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autofree char *raised_path = write_raised_bundle (f);
  g_autoptr (AcrRules) proposed = load_rules (raised_path);
  g_autoptr (AcrWhatIf) what_if = run_what_if (f, proposed);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GHashTable) now_by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) then_by_category = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  GPtrArray *largest = acr_what_if_get_largest_changes (what_if);
  GPtrArray *by_category = acr_what_if_get_by_category (what_if);
  gint64 total_now = 0, total_then = 0, biggest = 0;
  guint more = 0, less = 0, same = 0, changed_category = 0;

  ids = acr_store_list_ids_by_status (f->store, "active", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, acr_what_if_get_n_total (what_if));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member_by_id (f->store, g_array_index (ids, gint64, i), &error);
      g_autoptr (AcrPerson) person = NULL;
      g_autofree char *category_now = NULL;
      g_autofree char *category_then = NULL;
      gint64 now, then;

      g_assert_no_error (error);
      person = acr_member_dup_person (member, &error);
      g_assert_no_error (error);
      now = billable_cents (f->current, person, &f->on, &category_now);
      then = billable_cents (proposed, person, &f->on, &category_then);
      total_now += now;
      total_then += then;
      more += then > now;
      less += then < now;
      same += then == now;
      changed_category += g_strcmp0 (category_now, category_then) != 0;
      biggest = MAX (biggest, ABS (then - now));
      if (category_now != NULL)
        {
          gpointer sum = g_hash_table_lookup (now_by_category, category_now);
          g_hash_table_replace (now_by_category, g_strdup (category_now),
                                GSIZE_TO_POINTER (GPOINTER_TO_SIZE (sum) + (gsize) now));
        }
      if (category_then != NULL)
        {
          gpointer sum = g_hash_table_lookup (then_by_category, category_then);
          g_hash_table_replace (then_by_category, g_strdup (category_then),
                                GSIZE_TO_POINTER (GPOINTER_TO_SIZE (sum) + (gsize) then));
        }
    }

  /* The sample has general members at full dues: the raise shows. */
  g_assert_cmpuint (more, >, 0);
  g_assert_cmpint (total_then, !=, total_now);
  g_assert_cmpint (acr_what_if_get_total_now_cents (what_if), ==, total_now);
  g_assert_cmpint (acr_what_if_get_total_then_cents (what_if), ==, total_then);
  g_assert_cmpuint (acr_what_if_get_n_more (what_if), ==, more);
  g_assert_cmpuint (acr_what_if_get_n_less (what_if), ==, less);
  g_assert_cmpuint (acr_what_if_get_n_same (what_if), ==, same);
  g_assert_cmpuint (acr_what_if_get_n_category_changes (what_if), ==, changed_category);

  for (guint i = 0; i < by_category->len; i++)
    {
      AcrWhatIfTotal *total = by_category->pdata[i];

      g_assert_cmpint (total->now_cents, ==, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (now_by_category, total->key)));
      g_assert_cmpint (total->then_cents, ==, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (then_by_category, total->key)));
      if (i > 0)
        g_assert_cmpstr (((AcrWhatIfTotal *) by_category->pdata[i - 1])->key, <, total->key);
    }

  /* Largest first, the first one the largest of all. */
  g_assert_cmpuint (largest->len, >, 0);
  g_assert_cmpuint (largest->len, <=, ACR_WHAT_IF_N_LARGEST);
  for (guint i = 0; i < largest->len; i++)
    {
      AcrWhatIfMember *m = largest->pdata[i];
      gint64 change = ABS (m->dues_then_cents - m->dues_now_cents);

      g_assert_cmpint (change, >, 0);
      if (i == 0)
        g_assert_cmpint (change, ==, biggest);
      else
        {
          AcrWhatIfMember *before = largest->pdata[i - 1];
          g_assert_cmpint (ABS (before->dues_then_cents - before->dues_now_cents), >=, change);
        }
    }
}

static void
test_what_if_chapter_totals_follow_the_chapter_lines (Fixture       *f,
                                                      gconstpointer  data)
{
  g_autofree char *raised_path = write_raised_bundle (f);
  g_autoptr (AcrRules) proposed = load_rules (raised_path);
  g_autoptr (AcrWhatIf) what_if = run_what_if (f, proposed);
  GPtrArray *chapters = acr_what_if_get_by_chapter (what_if);
  guint n_lower = 0;

  g_assert_cmpuint (chapters->len, >, 0);
  for (guint i = 0; i < chapters->len; i++)
    {
      AcrWhatIfTotal *chapter = chapters->pdata[i];

      g_assert_cmpuint (chapter->n_members_now, >, 0);
      g_assert_cmpint (chapter->now_cents, >, 0);
      /* One chapter was lowered by $5.00 for each of its members billed. */
      if (chapter->then_cents != chapter->now_cents)
        {
          n_lower++;
          g_assert_cmpuint (chapter->n_members_then, ==, chapter->n_members_now);
          g_assert_cmpint (chapter->now_cents - chapter->then_cents, ==, 500 * (gint64) chapter->n_members_now);
        }
    }
  g_assert_cmpuint (n_lower, <=, 1);
}

static void
test_what_if_reports_a_category_that_changes (Fixture       *f,
                                              gconstpointer  data)
{
  g_autoptr (JsonNode) bundle = acr_test_load_rules_json ();
  JsonArray *precedence = json_object_get_array_member (json_node_get_object (bundle), "precedence");
  g_autoptr (JsonArray) reversed = json_array_new ();
  g_autofree char *path = NULL;
  g_autoptr (AcrRules) proposed = NULL;
  g_autoptr (AcrWhatIf) what_if = NULL;
  GPtrArray *changes;

  /* The same categories, tried in the opposite order: whoever fits two changes. */
  for (guint i = json_array_get_length (precedence); i > 0; i--)
    json_array_add_string_element (reversed, json_array_get_string_element (precedence, i - 1));
  json_object_set_array_member (json_node_get_object (bundle), "precedence", json_array_ref (reversed));
  path = acr_test_write_rules_json (bundle, f->dir, "reversed.json");
  proposed = load_rules (path);
  what_if = run_what_if (f, proposed);
  changes = acr_what_if_get_category_changes (what_if);

  g_assert_cmpuint (acr_what_if_get_n_category_changes (what_if), >, 0);
  g_assert_cmpuint (changes->len, ==, MIN (acr_what_if_get_n_category_changes (what_if), ACR_WHAT_IF_N_CATEGORY_CHANGES));
  for (guint i = 0; i < changes->len; i++)
    {
      AcrWhatIfMember *m = changes->pdata[i];

      g_assert_cmpstr (m->category_now, !=, m->category_then);
      if (i > 0)
        g_assert_cmpuint (((AcrWhatIfMember *) changes->pdata[i - 1])->number, <, m->number);
    }
}

static void
test_what_if_refuses_a_year_the_proposed_rules_do_not_schedule (Fixture       *f,
                                                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrWhatIf) what_if = acr_what_if_new (f->store, f->current, f->current, 1999, &f->on);

  g_assert_false (acr_what_if_execute (what_if, NULL, &error));
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE);
  g_assert_nonnull (strstr (error->message, "1999"));
  g_assert_nonnull (strstr (error->message, acr_rules_get_source_name (f->current)));
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GThread      *main_thread;
  guint         n_reports;
  guint         n_rows;
  GError       *error;
} AsyncRun;

static void
count_report_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  AsyncRun *async = user_data;

  g_assert_true (g_thread_self () == async->main_thread);
  async->n_reports++;
}

/* In the what-if's thread: staff press Cancel after the tenth member. */
static void
cancel_after_ten_rows_cb (const AcrWhatIfRow *row,
                          gpointer            user_data)
{
  AsyncRun *async = user_data;

  g_assert_false (g_thread_self () == async->main_thread);
  if (++async->n_rows == 10)
    g_cancellable_cancel (async->cancellable);
}

static void
executed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncRun *async = user_data;

  acr_what_if_execute_finish (ACR_WHAT_IF (source), result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_what_if_async_reports_progress_in_the_main_context_and_can_be_cancelled (Fixture       *f,
                                                                              gconstpointer  data)
{
  g_autoptr (AcrWhatIf) what_if = acr_what_if_new (f->store, f->current, f->current, YEAR, &f->on);
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AsyncRun async = { loop, cancellable, g_thread_self (), 0, 0, NULL };

  acr_what_if_set_progress_func (what_if, count_report_cb, &async);
  acr_what_if_set_row_func (what_if, cancel_after_ten_rows_cb, &async);
  acr_what_if_execute_async (what_if, cancellable, executed_cb, &async);
  g_main_loop_run (loop);

  g_assert_cmpuint (async.n_reports, >, 0);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&async.error);
  /* It stopped at the next member, and says how far it went. */
  g_assert_cmpuint (async.n_rows, ==, 10);
  g_assert_cmpuint (acr_what_if_get_n_done (what_if), ==, 10);
  g_assert_cmpuint (acr_what_if_get_n_total (what_if), >, 10);
}

/* --- the CLI --- */

static void
run_cli (AcrTestRun          *run,
         Fixture             *f,
         const char * const  *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->path);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

static void
test_what_if_cli_writes_one_csv_row_per_member_and_nothing_to_the_database (Fixture       *f,
                                                                            gconstpointer  data)
{
  g_autofree char *raised_path = write_raised_bundle (f);
  g_autofree char *csv_path = g_build_filename (f->dir, "what-if.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr (AcrRules) proposed = load_rules (raised_path);
  g_autoptr (AcrWhatIf) what_if = run_what_if (f, proposed);
  g_autofree char *more = g_strdup_printf ("Pay more: %u ", acr_what_if_get_n_more (what_if));
  guint n_total = acr_what_if_get_n_total (what_if);
  gint64 change = acr_what_if_get_total_then_cents (what_if) - acr_what_if_get_total_now_cents (what_if);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (AcrTestRun) run = { 0, };
  const char *args[] = { "what-if", "--rules", raised_path, "--year", "2027", "--date", "2026-12-01",
                         "--csv", csv_path, NULL };
  gint64 sum_difference = 0;
  guint n_rows = 0;

  /* Every connection closed: the file is whole, its write-ahead log folded in. */
  g_clear_object (&what_if);
  g_clear_object (&f->store);
  hash_before = acr_test_hash_file (f->path);
  run_cli (&run, f, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  hash_after = acr_test_hash_file (f->path);
  g_assert_cmpstr (hash_before, ==, hash_after);

  /* The summary says the same as the core. */
  g_assert_nonnull (strstr (run.out, "What-if for 2027"));
  g_assert_nonnull (strstr (run.out, more));

  g_file_get_contents (csv_path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "number,name,category_now,category_then,dues_now_cents,dues_then_cents,difference_cents,note");
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], ",", -1);
      guint n = g_strv_length (fields);
      gint64 now, then, difference;

      /* Names may hold commas (quoted): the amounts are the last three numbers before the note. */
      g_assert_cmpuint (n, >=, 8);
      now = g_ascii_strtoll (fields[n - 4], NULL, 10);
      then = g_ascii_strtoll (fields[n - 3], NULL, 10);
      difference = g_ascii_strtoll (fields[n - 2], NULL, 10);
      g_assert_cmpint (difference, ==, then - now);
      sum_difference += difference;
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, n_total);
  g_assert_cmpint (sum_difference, ==, change);

  /* Run again: the CSV is not replaced without --force. */
  acr_test_run_clear (&run);
  run_cli (&run, f, args);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, csv_path));
}

static void
test_what_if_cli_refuses_an_invalid_proposed_bundle_naming_it (Fixture       *f,
                                                              gconstpointer  data)
{
  g_autofree char *bad_path = g_build_filename (f->dir, "proposed.json", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (AcrTestRun) run = { 0, };
  const char *args[] = { "what-if", "--rules", bad_path, "--year", "2027", NULL };

  g_file_set_contents (bad_path, "{\"format\": 1, \"dues\": [", -1, &error);
  g_assert_no_error (error);
  g_clear_object (&f->store);
  run_cli (&run, f, args);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "proposed.json"));
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_what_if_cli_needs_rules_and_year (Fixture       *f,
                                       gconstpointer  data)
{
  const char *no_year[] = { "what-if", "--rules", "x.json", NULL };
  const char *no_rules[] = { "what-if", "--year", "2027", NULL };
  const char *bad_year[] = { "what-if", "--rules", "x.json", "--year", "twenty", NULL };
  const char * const *cases[] = { no_year, no_rules, bad_year };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (AcrTestRun) run = { 0, };

      run_cli (&run, f, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      acr_test_assert_one_line (run.err);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name) g_test_add ("/what-if/" #name, Fixture, NULL, fixture_set_up, test_what_if_##name, fixture_tear_down)
  ADD (under_the_same_rules_changes_nothing_and_totals_the_billing_dry_run);
  ADD (figures_equal_quote_run_per_member);
  ADD (chapter_totals_follow_the_chapter_lines);
  ADD (reports_a_category_that_changes);
  ADD (refuses_a_year_the_proposed_rules_do_not_schedule);
  ADD (async_reports_progress_in_the_main_context_and_can_be_cancelled);
  ADD (cli_writes_one_csv_row_per_member_and_nothing_to_the_database);
  ADD (cli_refuses_an_invalid_proposed_bundle_naming_it);
  ADD (cli_needs_rules_and_year);
#undef ADD

  return g_test_run ();
}
