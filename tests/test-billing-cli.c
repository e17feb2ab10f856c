/*
 * The billing commands of acr-membership-cli, end to end, and a billing run
 * killed (SIGKILL) at several points: the numbering stays gapless and
 * unique, and running it again finishes the rest, billing nobody twice.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-money.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
run_cli (Fixture            *f,
         AcrTestRun         *run,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->path);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

#define CLI(f, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli (f, run, args_); \
  } G_STMT_END

static JsonArray *
parse_array (JsonParser *parser,
             const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  return out;
}

/* pdftotext gives the no-break spaces of French amounts as plain spaces. */
static char *
money_as_extracted (gint64      cents,
                    const char *language)
{
  g_autofree char *text = acr_money_format (cents, language);
  g_auto (GStrv) parts = g_strsplit (text, "\u00a0", -1);
  g_autofree char *joined = g_strjoinv (" ", parts);
  g_auto (GStrv) narrow = g_strsplit (joined, "\u202f", -1);

  return g_strjoinv (" ", narrow);
}

/* Every amount of @invoice (each line, the total, what was paid) is in @text, formatted for its language. */
static void
assert_pdf_shows (const char *text,
                  JsonObject *invoice)
{
  const char *language = json_object_get_string_member (invoice, "language");
  JsonArray *lines = json_object_get_array_member (invoice, "lines");
  gint64 paid_cents = json_object_get_int_member (invoice, "paid_cents");
  g_autofree char *total = money_as_extracted (json_object_get_int_member (invoice, "total_cents"), language);
  g_autofree char *paid = money_as_extracted (paid_cents, language);

  if (!strstr (text, json_object_get_string_member (invoice, "number")) ||
      !strstr (text, json_object_get_string_member (invoice, "name")) ||
      !strstr (text, total) || (paid_cents != 0 && !strstr (text, paid)))
    g_error ("the PDF of %s lacks its number, name, total %s or paid %s:\n%s",
             json_object_get_string_member (invoice, "number"), total, paid, text);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *amount = money_as_extracted (json_object_get_int_member (line, "amount_cents"), language);

      if (strstr (text, amount) == NULL)
        g_error ("the PDF lacks the line amount %s:\n%s", amount, text);
    }
}

static JsonObject *
find_invoice (JsonArray  *invoices,
              const char *language)
{
  for (guint i = 0; i < json_array_get_length (invoices); i++)
    {
      JsonObject *invoice = json_array_get_object_element (invoices, i);
      if (g_str_equal (json_object_get_string_member (invoice, "language"), language))
        return invoice;
    }
  return NULL;
}

static void
test_end_to_end (Fixture       *f,
                 gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonParser) after_parser = json_parser_new ();
  g_autofree char *pdf_en = g_build_filename (f->dir, "en.pdf", NULL);
  g_autofree char *pdf_fr = g_build_filename (f->dir, "fr.pdf", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "pdfs", NULL);
  g_autofree char *in_folder = NULL;
  g_autofree char *text_en = NULL;
  g_autofree char *text_fr = NULL;
  g_autofree char *number_en = NULL;
  g_autofree char *number_fr = NULL;
  g_autofree char *half = NULL;
  JsonArray *invoices;
  JsonObject *en, *fr;
  gint64 total;

  CLI (f, &run, "sample-data", "--count", "300", "--seed", "11");
  g_assert_cmpint (run.status, ==, 0);

  CLI (f, &run, "bill", "--year", "2027", "--date", "2026-11-02", "--dry-run");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "nothing was written"));
  g_assert_nonnull (strstr (run.out, "placeholder amounts"));
  g_assert_nonnull (strstr (run.out, "not active: retired"));
  CLI (f, &run, "invoices", "--year", "2027", "--json");
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");

  CLI (f, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "invoices", "--year", "2027", "--json");
  g_assert_cmpint (run.status, ==, 0);
  invoices = parse_array (parser, run.out);
  g_assert_cmpuint (json_array_get_length (invoices), >, 100);
  en = find_invoice (invoices, "en");
  fr = find_invoice (invoices, "fr");
  g_assert_nonnull (en);
  g_assert_nonnull (fr);
  number_en = g_strdup (json_object_get_string_member (en, "number"));
  number_fr = g_strdup (json_object_get_string_member (fr, "number"));
  g_assert_true (g_str_has_prefix (number_en, "2027-"));
  g_assert_cmpstr (json_object_get_string_member (en, "status"), ==, "open");

  /* A partial payment, then an overpayment refused with one clear line. */
  total = json_object_get_int_member (en, "total_cents");
  half = g_strdup_printf ("%" G_GINT64_FORMAT, total / 2);
  CLI (f, &run, "pay", number_en, "--amount", half, "--method", "check", "--date", "2026-12-01", "--reference", "1042");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "partially-paid"));
  CLI (f, &run, "pay", number_en, "--amount", "99999999", "--method", "card");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "overpayment refused"));
  g_assert_cmpuint (strlen (run.err), ==, strchr (run.err, '\n') - run.err + 1);
  CLI (f, &run, "pay", number_en, "--amount", "100", "--method", "cash");
  g_assert_cmpint (run.status, ==, 2);
  CLI (f, &run, "pay", "2027-999999", "--amount", "100", "--method", "card");
  g_assert_cmpint (run.status, ==, 1);
  CLI (f, &run, "void", number_en, "--reason", "wrong address");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "refund them before voiding"));

  CLI (f, &run, "invoices", "--member", json_object_get_string_member (en, "member"), "--json");
  invoices = parse_array (after_parser, run.out);
  g_assert_cmpuint (json_array_get_length (invoices), ==, 1);
  en = json_array_get_object_element (invoices, 0);
  g_assert_cmpstr (json_object_get_string_member (en, "status"), ==, "partially-paid");
  g_assert_cmpint (json_object_get_int_member (en, "paid_cents"), ==, total / 2);

  /* The PDFs, in English and in French. */
  CLI (f, &run, "invoice-pdf", number_en, "-o", pdf_en);
  g_assert_cmpint (run.status, ==, 0);
  text_en = pdf_text (pdf_en);
  assert_pdf_shows (text_en, en);
  g_assert_nonnull (strstr (text_en, "Invoice"));

  CLI (f, &run, "invoice-pdf", number_fr, "-o", pdf_fr, "--paper", "a4");
  g_assert_cmpint (run.status, ==, 0);
  text_fr = pdf_text (pdf_fr);
  assert_pdf_shows (text_fr, fr);
  g_assert_nonnull (strstr (text_fr, "Facture"));

  /* One file per invoice in a folder, named by number. */
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  CLI (f, &run, "invoice-pdf", number_en, number_fr, "-o", folder);
  g_assert_cmpint (run.status, ==, 0);
  in_folder = g_strdup_printf ("%s/%s.pdf", folder, number_fr);
  g_assert_true (g_file_test (in_folder, G_FILE_TEST_EXISTS));
  g_clear_pointer (&in_folder, g_free);
  in_folder = g_strdup_printf ("%s/%s.pdf", folder, number_en);
  g_unlink (in_folder);
  g_clear_pointer (&in_folder, g_free);
  in_folder = g_strdup_printf ("%s/%s.pdf", folder, number_fr);
  g_unlink (in_folder);
  g_rmdir (folder);

  /* Reports. */
  CLI (f, &run, "report", "numbering", "--year", "2027");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "gapless, no duplicate"));
  CLI (f, &run, "report", "receivables", "--year", "2027", "--csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "year,category,invoices,billed_cents"));
  CLI (f, &run, "report", "chapters", "--year", "2027", "--csv");
  g_assert_true (g_str_has_prefix (run.out, "chapter,invoices,billed_cents,collected_cents\r\n"));
  CLI (f, &run, "report", "profits", "--year", "2027");
  g_assert_cmpint (run.status, ==, 2);

  CLI (f, &run, "balance", json_object_get_string_member (en, "member"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, number_en));
}

/* --- killed and restarted --- */

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_numbering_sound (const char *path)
{
  gint64 n = query_int (path, "SELECT count (*) FROM invoices WHERE series = 2027");

  /* Gapless: numbers 1 … n, each once, and the counter at n. */
  g_assert_cmpint (query_int (path, "SELECT count (DISTINCT sequence) FROM invoices WHERE series = 2027"), ==, n);
  g_assert_cmpint (query_int (path, "SELECT coalesce (max (sequence), 0) FROM invoices WHERE series = 2027"), ==, n);
  g_assert_cmpint (query_int (path, "SELECT coalesce ((SELECT last FROM invoice_counters WHERE year = 2027), 0)"), ==, n);
  /* Nobody billed twice, every invoice whole. */
  g_assert_cmpint (query_int (path, "SELECT count (*) FROM (SELECT member_id FROM invoices WHERE year = 2027"
                                    " GROUP BY member_id HAVING count (*) > 1)"), ==, 0);
  g_assert_cmpint (query_int (path, "SELECT count (*) FROM invoices i WHERE n_lines <>"
                                    " (SELECT count (*) FROM invoice_lines WHERE invoice_id = i.id)"), ==, 0);
}

static gint64
count_invoices (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = 0;

  /* The child holds the write lock; a WAL reader is never blocked by it. */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "SELECT count (*) FROM invoices", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

#define N_KILLS 4

static void
test_killed_run_is_gapless_and_finishes (Fixture       *f,
                                         gconstpointer  data)
{
  const char *bill_args[] = { "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02", "--batch-size", "20", NULL };
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrBillingRun) dry = NULL;
  GDate on;
  guint expected;
  gint64 previous = 0;
  guint n_partial = 0;

  CLI (f, &run, "sample-data", "--count", "2500", "--seed", "5");
  g_assert_cmpint (run.status, ==, 0);

  /* What a whole run bills, from a dry run that writes nothing. */
  store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  rules = acr_rules_new_default (&error);
  billing = acr_billing_new (store, rules);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, 11, 2026);
  dry = acr_billing_run_new (billing, 2027, &on);
  g_assert_true (acr_billing_run_execute (dry, TRUE, NULL, &error));
  expected = acr_billing_run_get_n_billed (dry);
  g_assert_cmpuint (expected, >, 1000);
  g_clear_object (&billing);
  g_clear_object (&store);

  /*
   * Kill points: right after the start (before any commit), then each time
   * the run has written about another quarter of what remains, watched from
   * here as a second reader of the database.
   */
  for (guint k = 0; k < N_KILLS; k++)
    {
      g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, bill_args, f->path);
      gint64 target = k == 0 ? 0 : previous + (expected - previous) / 4 + 1;
      GPid pid;
      int wait_status = 0;
      gint64 now;

      g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      if (k == 0)
        g_usleep (5000);
      else
        while (count_invoices (f->path) < target && waitpid (pid, &wait_status, WNOHANG) == 0)
          g_usleep (1000);
      kill (pid, SIGKILL);
      waitpid (pid, &wait_status, 0);
      g_spawn_close_pid (pid);

      assert_numbering_sound (f->path);
      now = count_invoices (f->path);
      g_assert_cmpint (now, <=, expected);
      g_assert_cmpint (now, >=, previous);
      if (WIFSIGNALED (wait_status) && now > previous && now < expected)
        n_partial++;
      previous = now;
    }
  /* Kills landed in the middle of the run, after some batches were committed. */
  g_test_message ("%u of %u kills stopped the run half-way", n_partial, N_KILLS);
  g_assert_cmpuint (n_partial, >=, 2);

  run_cli (f, &run, bill_args);
  g_assert_cmpint (run.status, ==, 0);
  assert_numbering_sound (f->path);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM invoices"), ==, expected);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM invoices WHERE status = 'open'"), ==, expected);

  CLI (f, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (query_int (f->path, "SELECT count (*) FROM invoices"), ==, expected);
  g_assert_nonnull (strstr (run.out, "already billed for 2027"));

  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_retire_prints_refund (Fixture       *f,
                           gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *member = NULL;
  g_autofree char *number = NULL;
  g_autofree char *total = NULL;
  JsonArray *invoices;
  JsonObject *first;

  CLI (f, &run, "sample-data", "--count", "60", "--seed", "2");
  CLI (f, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "invoices", "--json");
  invoices = parse_array (parser, run.out);
  first = json_array_get_object_element (invoices, 0);
  member = g_strdup (json_object_get_string_member (first, "member"));
  number = g_strdup (json_object_get_string_member (first, "number"));
  total = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (first, "total_cents"));

  CLI (f, &run, "pay", number, "--amount", total, "--method", "bank-transfer", "--date", "2027-01-10");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "retire", member, "--date", "2027-03-31");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "refund due to the member"));
  CLI (f, &run, "refund", number, "--amount", total, "--method", "bank-transfer", "--date", "2027-04-05");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "status refunded"));
  CLI (f, &run, "balance", member);
  g_assert_nonnull (strstr (run.out, "credit-note"));
  g_assert_nonnull (strstr (run.out, "$0.00"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/acr/billing-cli/bill-invoices-pay-pdf-in-english-and-french", Fixture, NULL,
              fixture_set_up, test_end_to_end, fixture_tear_down);
  g_test_add ("/acr/billing-cli/killed-run-is-gapless-and-finishes-when-run-again", Fixture, NULL,
              fixture_set_up, test_killed_run_is_gapless_and_finishes, fixture_tear_down);
  g_test_add ("/acr/billing-cli/retire-credits-and-refunds", Fixture, NULL,
              fixture_set_up, test_retire_prints_refund, fixture_tear_down);

  return g_test_run ();
}
