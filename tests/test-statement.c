/*
 * Statements of account (issue 15, part 3): the running balance ends at the
 * member's balance, a period carries the balance brought forward, what is
 * owed is aged by the invoice's age on the last day, and the PDF speaks the
 * member's language.
 */
#include "config.h"

#include <string.h>

#include "acr-billing-run.h"
#include "acr-payment.h"
#include "acr-sample-data.h"
#include "acr-statement.h"
#include "acr-test-utils.h"

typedef struct
{
  char       *dir;
  char       *path;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
} Fixture;

static GDate
day (int year, int month, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, month, year);
  return date;
}

/* 2026 billed on January 10; of its invoices the 2nd voided, the 3rd credited
 * after a part payment, every 4th paid in full, every 5th in part. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  AcrInvoiceFilter filter = { .year = 2026, .kind = "invoice" };
  GDate billed = day (2026, 1, 10), paid = day (2026, 2, 15), credited = day (2026, 3, 1);

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (f->store, 80, 9, NULL, NULL, &error));
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
  run = acr_billing_run_new (f->billing, 2026, &billed);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_assert_true (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_no_error (error);

  invoices = acr_billing_list_invoices (f->billing, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < invoices->len; i++)
    {
      const char *number = acr_invoice_get_number (invoices->pdata[i]);
      gint64 balance = acr_invoice_get_balance_cents (invoices->pdata[i]);
      g_autoptr (AcrInvoice) after = NULL;

      if (i == 1)
        after = acr_billing_void_invoice (f->billing, number, "wrong member", &error);
      else if (i == 2 || i % 4 == 0 || i % 5 == 0)
        {
          g_autoptr (AcrPayment) payment = acr_payment_new (i % 4 == 0 ? balance : balance / 2, &paid,
                                                            ACR_PAYMENT_METHOD_CHECK, "chq 12");

          after = acr_billing_record_payment (f->billing, number, payment, &error);
          g_assert_no_error (error);
          if (i == 2)
            {
              g_clear_object (&after);
              after = acr_billing_issue_credit_note (f->billing, number, &credited, &error);
            }
        }
      else
        continue;
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->billing);
  g_clear_object (&f->rules);
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_statement_running_balance_ends_at_the_members_balance (Fixture       *f,
                                                            gconstpointer  data)
{
  GDate end = day (2999, 12, 31);
  guint n_checked = 0;

  for (guint number = 1; number <= 80; number++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) invoices = NULL;
      g_autoptr (AcrStatement) statement = NULL;
      GPtrArray *entries;
      gint64 balance = 0, running;

      invoices = acr_billing_list_member_invoices (f->billing, number, &balance, &error);
      g_assert_no_error (error);
      if (invoices->len == 0)
        continue;
      statement = acr_statement_new (f->billing, number, NULL, &end, &error);
      g_assert_no_error (error);
      entries = acr_statement_get_entries (statement);
      g_assert_cmpint (acr_statement_get_opening_cents (statement), ==, 0);
      running = 0;
      for (guint i = 0; i < entries->len; i++)
        {
          const AcrStatementEntry *entry = entries->pdata[i];

          running += entry->amount_cents;
          g_assert_cmpint (entry->balance_cents, ==, running);
          if (i > 0)
            g_assert_cmpint (g_date_compare (&((AcrStatementEntry *) entries->pdata[i - 1])->date, &entry->date), <=, 0);
        }
      g_assert_cmpint (acr_statement_get_closing_cents (statement), ==, balance);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 10);
}

static void
test_statement_period_brings_the_balance_forward (Fixture       *f,
                                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GDate from = day (2026, 2, 1), to = day (2026, 12, 31);
  guint found = 0;

  for (guint number = 1; number <= 80 && found == 0; number++)
    {
      g_autoptr (AcrStatement) whole = acr_statement_new (f->billing, number, NULL, &to, NULL);
      g_autoptr (AcrStatement) period = NULL;
      GPtrArray *entries;

      if (whole == NULL || acr_statement_get_entries (whole)->len < 2)
        continue;
      period = acr_statement_new (f->billing, number, &from, &to, &error);
      g_assert_no_error (error);
      entries = acr_statement_get_entries (period);
      /* The invoice of January 10 is before the period: it is brought forward. */
      g_assert_cmpint (acr_statement_get_opening_cents (period), >, 0);
      for (guint i = 0; i < entries->len; i++)
        g_assert_cmpint (g_date_compare (&((AcrStatementEntry *) entries->pdata[i])->date, &from), >=, 0);
      g_assert_cmpint (acr_statement_get_closing_cents (period), ==, acr_statement_get_closing_cents (whole));
      found++;
    }
  g_assert_cmpuint (found, ==, 1);

  /* A period that ends before it begins is refused. */
  g_assert_null (acr_statement_new (f->billing, 1, &to, &from, &error));
  g_assert_nonnull (error);
}

static void
test_statement_ages_what_is_owed_on_the_last_day (Fixture       *f,
                                                  gconstpointer  data)
{
  GDate in_30 = day (2026, 2, 9), in_90 = day (2026, 4, 10), before = day (2026, 1, 9);
  guint checked = 0;

  for (guint number = 1; number <= 80; number++)
    {
      g_autoptr (AcrStatement) at_30 = acr_statement_new (f->billing, number, NULL, &in_30, NULL);
      g_autoptr (AcrStatement) at_90 = acr_statement_new (f->billing, number, NULL, &in_90, NULL);
      g_autoptr (AcrStatement) early = acr_statement_new (f->billing, number, NULL, &before, NULL);
      gint64 sum = 0;

      if (at_90 == NULL || acr_statement_get_closing_cents (at_90) <= 0)
        continue;
      /* 30 days after January 10 is February 9; 90 days is April 10. */
      g_assert_cmpint (acr_statement_get_ageing_cents (at_30, ACR_AGEING_30), >, 0);
      g_assert_cmpint (acr_statement_get_ageing_cents (at_30, ACR_AGEING_CURRENT), ==, 0);
      g_assert_cmpint (acr_statement_get_ageing_cents (at_90, ACR_AGEING_90), ==, acr_statement_get_closing_cents (at_90));
      for (guint b = 0; b < ACR_AGEING_N_BUCKETS; b++)
        sum += acr_statement_get_ageing_cents (early, b);
      g_assert_cmpint (sum, ==, 0);
      checked++;
    }
  g_assert_cmpuint (checked, >, 5);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

static void
test_statement_pdf_speaks_the_members_language (Fixture       *f,
                                                gconstpointer  data)
{
  GDate end = day (2026, 12, 31);
  gboolean seen[2] = { FALSE, FALSE };

  for (guint number = 1; number <= 80 && !(seen[0] && seen[1]); number++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, number, NULL);
      g_autoptr (AcrStatement) statement = acr_statement_new (f->billing, number, NULL, &end, NULL);
      gboolean french = g_strcmp0 (acr_member_get_language (member), "fr") == 0;
      g_autofree char *path = g_build_filename (f->dir, "statement.pdf", NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GOutputStream) stream = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *text = NULL;

      if (statement == NULL || acr_statement_get_entries (statement)->len == 0 || seen[french])
        continue;
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (acr_statement_write_pdf (statement, stream, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (stream, NULL, &error));
      text = pdf_text (path);
      if (french)
        {
          g_assert_nonnull (strstr (text, "Relevé de compte"));
          g_assert_nonnull (strstr (text, "US"));
        }
      else
        g_assert_nonnull (strstr (text, "Statement of account"));
      seen[french] = TRUE;
    }
  g_assert_true (seen[0] && seen[1]);
}

static void
test_statement_cli_refuses_bad_input (Fixture       *f,
                                      gconstpointer  data)
{
  const char *unknown[] = { "statement", "9999999", NULL };
  const char *backwards[] = { "statement", "1", "--from", "2026-12-31", "--to", "2026-01-01", NULL };
  const char *bad_date[] = { "statement", "1", "--to", "2026-02-30", NULL };
  const char *ok[] = { "statement", "1", "--to", "2026-12-31", NULL };
  const char * const *refused[] = { unknown, backwards };

  g_clear_object (&f->billing);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto (AcrTestRun) run = { 0, };
      g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, refused[i], f->path);

      acr_test_run_cli (&run, NULL, NULL, (const char * const *) argv->pdata);
      g_assert_cmpint (run.status, ==, 1);
      acr_test_assert_one_line (run.err);
    }
  {
    g_auto (AcrTestRun) run = { 0, };
    g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, bad_date, f->path);

    acr_test_run_cli (&run, NULL, NULL, (const char * const *) argv->pdata);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (AcrTestRun) run = { 0, };
    g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, ok, f->path);

    acr_test_run_cli (&run, NULL, NULL, (const char * const *) argv->pdata);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "brought forward"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name) g_test_add ("/statement/" #name, Fixture, NULL, fixture_set_up, test_statement_##name, fixture_tear_down)
  ADD (running_balance_ends_at_the_members_balance);
  ADD (period_brings_the_balance_forward);
  ADD (ages_what_is_owed_on_the_last_day);
  ADD (pdf_speaks_the_members_language);
  ADD (cli_refuses_bad_input);
#undef ADD

  return g_test_run ();
}
