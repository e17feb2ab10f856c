/*
 * The store under bad input and faults: values over SQLite's length limit,
 * duplicate e-mail addresses, a billing run that fails half-way, and
 * invoices voided or credited before a run.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-csv-import.h"
#include "acr-csv-reader.h"
#include "acr-store.h"
#include "acr-store-sqlite.h"
#include "acr-store-sqlite-private.h"
#include "acr-test-utils.h"

static sqlite3 *
store_db (AcrStore *store)
{
  return _acr_store_sqlite_get_db (ACR_STORE_SQLITE (acr_store_get_backend (store)));
}

/* A general member in Virginia since 1990: billable. */
static AcrMember *
make_member (const char *given,
             const char *family,
             const char *email)
{
  return acr_test_make_member (given, family, email,
                               "\"profession\": \"physician\", \"discipline\": \"radiology\","
                               " \"certifications\": [\"ABR\"], \"country\": \"US\", \"region\": \"VA\","
                               " \"in_practice\": true, \"practice_start\": \"1990-07-01\"");
}

static AcrMember *
add (AcrStore   *store,
     const char *given,
     const char *family,
     const char *email)
{
  g_autoptr (GError) error = NULL;
  AcrMember *member = make_member (given, family, email);

  g_assert_true (acr_store_add_member (store, member, "test", &error));
  g_assert_no_error (error);
  return member;
}

static gboolean
import_text (AcrStore         *store,
             const char       *csv,
             AcrImportReport  *report,
             GError          **error)
{
  g_autoptr (GBytes) data = g_bytes_new (csv, strlen (csv));
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (data, "members.csv");

  return acr_csv_import_members (store, reader, report, NULL, NULL, error);
}

static gint64
query_int (AcrStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (store_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* --- values over the length limit --- */

static void
test_too_long_field_is_refused_naming_row_and_column (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("given_name,family_name,email,address\n"
                                          "Ada,Okafor,ada@example.org,1 Main St\n"
                                          "Ben,Kim,ben@example.org,");
  g_autoptr (AcrMember) member = make_member ("Cy", "Long", "cy@example.org");
  AcrImportReport report = { 0 };

  /* The limit of this connection, small enough for a test (the default is a billion bytes). */
  sqlite3_limit (store_db (store), SQLITE_LIMIT_LENGTH, 4000);
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (csv, 'x');
  g_string_append_c (csv, '\n');

  g_assert_false (import_text (store, csv->str, &report, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, ":3: column 4 (address)"));
  g_assert_nonnull (strstr (error->message, "too long"));
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);
  g_clear_error (&error);

  /* The same through the store's own API: refused, nothing stored, not a NULL address. */
  {
    g_autoptr (GString) address = g_string_new (NULL);

    for (guint i = 0; i < 5000; i++)
      g_string_append_c (address, 'y');
    g_assert_true (acr_member_set_field (member, "address", address->str, &error));
    g_assert_no_error (error);
  }
  g_assert_false (acr_store_add_member (store, member, "test", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "address"));
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);
  g_clear_error (&error);

  /* Each value under the limit, the record over it: the step refuses (SQLITE_TOOBIG). */
  sqlite3_limit (store_db (store), SQLITE_LIMIT_LENGTH, 6000);
  {
    g_autoptr (AcrMember) wide = make_member ("Di", "Wide", "di@example.org");
    g_autofree char *part = g_strnfill (3500, 'z');

    g_assert_true (acr_member_set_field (wide, "address", part, NULL));
    g_assert_true (acr_member_set_field (wide, "city", part, NULL));
    g_assert_false (acr_store_add_member (store, wide, "test", &error));
    g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "too long"));
  }
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* --- unique e-mail addresses --- */

static void
test_duplicate_email_is_refused_naming_the_other_member (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) zoe = add (store, "Zoë", "Roy", "zoe.roy@example.org");
  g_autoptr (AcrMember) ann = add (store, "Ann", "Lee", "ann@example.org");
  g_autoptr (AcrMember) copy = make_member ("Zoe", "Roy", "ZOË.Roy@Example.org");
  g_autoptr (GError) error = NULL;
  g_autofree char *number = acr_member_dup_number_text (zoe);

  /* Adding: the same address, case- and accent-folded. */
  g_assert_false (acr_store_add_member (store, copy, "test", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, number));
  g_assert_cmpint (acr_member_get_number (copy), ==, 0);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 2);
  g_clear_error (&error);

  /* Editing: Ann takes Zoë's address. */
  g_assert_true (acr_member_set_field (ann, "email", "Zoe.Roy@example.org", &error));
  g_assert_false (acr_store_save_member (store, ann, "test", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);

  /* Saving a member with its own address, and another field changed, is fine. */
  g_assert_true (acr_member_set_field (zoe, "phone", "+1 555 0100", &error));
  g_assert_true (acr_store_save_member (store, zoe, "test", &error));
  g_assert_no_error (error);

  /* The engine's unique index backs the store's check. */
  {
    char *message = NULL;
    int rc = sqlite3_exec (store_db (store),
                           "UPDATE members SET email_unique = 'zoe.roy@example.org' WHERE number = 2",
                           NULL, NULL, &message);
    g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
    sqlite3_free (message);
  }

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_import_row_matching_two_members_is_refused (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) ada = add (store, "Ada", "Okafor", "ada@example.org");
  g_autoptr (AcrMember) ben = add (store, "Ben", "Kim", "ben@example.org");
  g_autoptr (AcrMember) again = NULL;
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };

  /* Ben's number, Ada's address: which member is meant? */
  g_assert_false (import_text (store,
                               "number,given_name,family_name,email,phone\n"
                               "0000002,Ben,Kim,ADA@example.org,+1 555 0101\n", &report, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_assert_nonnull (strstr (error->message, "0000001"));
  g_assert_nonnull (strstr (error->message, "0000002"));
  g_clear_error (&error);

  /* A new row with an existing address updates that member, never adds a twin. */
  g_assert_true (import_text (store,
                              "given_name,family_name,email,phone\n"
                              "Ada,Okafor,ada@EXAMPLE.org,+1 555 0102\n", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 2);
  again = acr_store_lookup_member (store, 1, &error);
  g_assert_cmpstr (acr_member_get_field (again, "phone"), ==, "+1 555 0102");
  g_clear_object (&again);

  /* Giving Ada's address to Ben by number is refused, naming the row. */
  g_assert_false (import_text (store,
                               "number,given_name,family_name,email\n"
                               "0000002,Ben,Kim,ada@example.org\n", &report, &error));
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_clear_error (&error);
  again = acr_store_lookup_member (store, 2, &error);
  g_assert_cmpstr (acr_member_get_email (again), ==, "ben@example.org");

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static gboolean
import_roster_text (AcrStore         *store,
                    const char       *csv,
                    AcrImportReport  *report,
                    GError          **error)
{
  g_autoptr (GBytes) data = g_bytes_new (csv, strlen (csv));
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (data, "roster.csv");

  return acr_csv_import_roster (store, reader, NULL, report, NULL, NULL, error);
}

/* The roster matches by e-mail, else by name and program: both, to two members, is refused. */
static void
test_roster_row_matching_two_members_is_refused (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) ada = add (store, "Ada", "Okafor", "ada@example.org");
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };

  g_assert_true (import_roster_text (store,
                                     "resident_name,email,program,country,training_stage,expected_completion_date\n"
                                     "Ben Kim,ben@example.org,Baylor Radiology,US,residency,2028-06-30\n",
                                     &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);

  /* Ben by name and program, Ada by address. */
  g_assert_false (import_roster_text (store,
                                      "resident_name,email,program,country,training_stage,expected_completion_date\n"
                                      "Ben Kim,Ada@Example.org,Baylor Radiology,US,fellowship,2029-06-30\n",
                                      &report, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, ":2: column 2 (email)"));
  g_assert_nonnull (strstr (error->message, "0000001"));
  g_assert_nonnull (strstr (error->message, "0000002"));

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* A database from before schema 8 that already holds two members with one
 * address: it opens, both keep it, and no third member can take it. */
static void
test_existing_duplicates_are_kept_and_new_ones_refused (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) first = add (store, "Ada", "Okafor", "ada@example.org");
  g_autoptr (AcrMember) second = add (store, "Ben", "Kim", "ben@example.org");
  g_autoptr (AcrMember) third = NULL;
  g_autoptr (AcrMember) reread = NULL;
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };

  /* Back to schema 7, as a version without the rule left it. */
  g_assert_cmpint (sqlite3_exec (store_db (store),
                                 "DROP INDEX members_by_email_unique;"
                                 "ALTER TABLE members DROP COLUMN email_unique;"
                                 "UPDATE members SET email = 'shared@example.org', email_key = 'shared@example.org';"
                                 "PRAGMA user_version = 7;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&store);

  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 2);

  third = make_member ("Cy", "Diaz", "Shared@example.org");
  g_assert_false (acr_store_add_member (store, third, "test", &error));
  g_assert_nonnull (strstr (error->message, "0000001"));
  g_clear_error (&error);

  /* The second of the pair still saves its other fields, and can be given its own address. */
  reread = acr_store_lookup_member (store, 2, &error);
  g_assert_true (acr_member_set_field (reread, "phone", "+1 555 0103", NULL));
  g_assert_true (acr_store_save_member (store, reread, "test", &error));
  g_assert_no_error (error);

  /* An import row matched by that address is ambiguous: refused, naming both. */
  g_assert_false (import_text (store,
                               "given_name,family_name,email\n"
                               "Ada,Okafor,shared@example.org\n", &report, &error));
  g_assert_nonnull (strstr (error->message, ":2: "));
  g_assert_nonnull (strstr (error->message, "0000001"));
  g_assert_nonnull (strstr (error->message, "0000002"));
  g_clear_error (&error);

  g_assert_true (acr_member_set_field (reread, "email", "ben@example.org", NULL));
  g_assert_true (acr_store_save_member (store, reread, "test", &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* --- billing --- */

static AcrBilling *
open_billing (AcrStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_default (&error);

  g_assert_no_error (error);
  return acr_billing_new (store, rules);
}

static GDate
billing_date (void)
{
  GDate on;

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, 11, 2026);
  return on;
}

/* The run fails when the disk fills (max_page_count): it reports what was committed, not what it tried. */
static void
test_billed_count_is_what_committed (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *billed_line = NULL;
  GDate on = billing_date ();
  gint64 pages;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *given = g_strdup_printf ("Given%u", i);
      g_autofree char *email = g_strdup_printf ("m%u@example.org", i);
      g_autoptr (AcrMember) member = add (store, given, "Family", email);
    }
  billing = open_billing (store);

  /* Room for a few batches of ten, not for all of them. */
  pages = query_int (store, "PRAGMA page_count");
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);
    g_assert_cmpint (sqlite3_exec (store_db (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  run = acr_billing_run_new (billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  acr_billing_run_set_batch_size (run, 10);
  g_assert_false (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (error);
  g_test_message ("%s; %u billed", error->message, acr_billing_run_get_n_billed (run));

  g_assert_cmpint (acr_billing_run_get_n_billed (run), ==, query_int (store, "SELECT count (*) FROM invoices"));
  g_assert_cmpint (acr_billing_run_get_n_billed (run) % 10, ==, 0);
  g_assert_cmpint (acr_billing_run_get_n_billed (run), <, 120);
  g_assert_cmpint (acr_billing_run_get_billed_cents (run), ==,
                   query_int (store, "SELECT coalesce (sum (total_cents), 0) FROM invoices"));
  summary = acr_billing_run_format_summary (run, FALSE);
  billed_line = g_strdup_printf ("Billed %u", acr_billing_run_get_n_billed (run));
  {
    g_autoptr (GRegex) spaces = g_regex_new (" +", 0, 0, NULL);
    g_autofree char *flat = g_regex_replace_literal (spaces, summary, -1, 0, " ", 0, NULL);
    g_assert_nonnull (strstr (flat, billed_line));
  }

  g_clear_object (&run);
  g_clear_object (&billing);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_voided_or_credited_member_is_not_billed_again (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) ada = add (store, "Ada", "Okafor", "ada@example.org");
  g_autoptr (AcrMember) ben = add (store, "Ben", "Kim", "ben@example.org");
  g_autoptr (AcrMember) cy = add (store, "Cy", "Diaz", "cy@example.org");
  g_autoptr (AcrBilling) billing = open_billing (store);
  g_autoptr (AcrBillingRun) dry = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (AcrInvoice) first_ada = NULL;
  g_autoptr (AcrInvoice) first_ben = NULL;
  g_autoptr (AcrInvoice) credit = NULL;
  g_autoptr (AcrInvoice) voided = NULL;
  g_autoptr (AcrInvoice) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  GPtrArray *skipped;
  GDate on = billing_date ();

  first_ada = acr_billing_create_invoice (billing, acr_member_get_number (ada), 2027, &on, &error);
  g_assert_no_error (error);
  first_ben = acr_billing_create_invoice (billing, acr_member_get_number (ben), 2027, &on, &error);
  g_assert_no_error (error);
  voided = acr_billing_void_invoice (billing, acr_invoice_get_number (first_ada), "sent in error", &error);
  g_assert_no_error (error);
  credit = acr_billing_issue_credit_note (billing, acr_invoice_get_number (first_ben), &on, &error);
  g_assert_no_error (error);

  /* The dry run names them, with a count. */
  key = g_strdup_printf ("voided or credited for %d (bill from the member)", 2027);
  dry = acr_billing_run_new (billing, 2027, &on);
  g_assert_true (acr_billing_run_execute (dry, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (dry), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (acr_billing_run_get_skip_counts (dry), key)), ==, 2);
  skipped = acr_billing_run_get_skipped (dry);
  g_assert_cmpuint (skipped->len, ==, 2);

  /* The real run bills only Cy. */
  run = acr_billing_run_new (billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_assert_true (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (run), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM invoices WHERE kind = 'invoice'"), ==, 3);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM invoices WHERE kind = 'invoice' AND member_id = 3"), ==, 1);

  /* Staff bill Ada again on purpose, from the member. */
  again = acr_billing_create_invoice (billing, acr_member_get_number (ada), 2027, &on, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  (void) cy;

  g_clear_object (&billing);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/store-trust/too-long-field-is-refused-naming-row-and-column",
                   test_too_long_field_is_refused_naming_row_and_column);
  g_test_add_func ("/acr/store-trust/duplicate-email-is-refused-naming-the-other-member",
                   test_duplicate_email_is_refused_naming_the_other_member);
  g_test_add_func ("/acr/store-trust/import-row-matching-two-members-is-refused",
                   test_import_row_matching_two_members_is_refused);
  g_test_add_func ("/acr/store-trust/roster-row-matching-two-members-is-refused",
                   test_roster_row_matching_two_members_is_refused);
  g_test_add_func ("/acr/store-trust/existing-duplicate-emails-are-kept-and-new-ones-refused",
                   test_existing_duplicates_are_kept_and_new_ones_refused);
  g_test_add_func ("/acr/store-trust/billed-count-is-what-committed",
                   test_billed_count_is_what_committed);
  g_test_add_func ("/acr/store-trust/voided-or-credited-member-is-not-billed-again",
                   test_voided_or_credited_member_is_not_billed_again);

  return g_test_run ();
}
