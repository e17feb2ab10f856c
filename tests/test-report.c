/*
 * Reports: every figure is checked against sums computed here directly from
 * the invoices, payments and members, and the chart against its table.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-report.h"
#include "acr-billing-run.h"
#include "acr-date.h"
#include "acr-member.h"
#include "acr-payment.h"
#include "acr-report.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define N_SAMPLE 300

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
} Fixture;

static GDate
date_of (int year,
         int month,
         int day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static void
bill_year (Fixture *f,
           int      year,
           GDate    issued_on)
{
  g_autoptr (AcrBillingRun) run = acr_billing_run_new (f->billing, year, &issued_on);
  g_autoptr (GError) error = NULL;

  /* The bundle's schedule holds placeholder amounts: accepted on purpose here. */
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_assert_true (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (run), >, 0);
}

/* Two billed years; in 2026 every third invoice paid in full, every fifth
 * paid in part, one voided and one credited. */
/* Built once: the tests only read. */
static Fixture shared;

static void
fixture_set_up (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  AcrInvoiceFilter filter = { .year = 2026, .kind = "invoice" };
  GDate paid_on = date_of (2026, 3, 1);

  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  g_assert_true (acr_sample_data_generate (f->store, N_SAMPLE, 3, NULL, NULL, &error));
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
  bill_year (f, 2026, date_of (2026, 1, 10));
  bill_year (f, 2027, date_of (2026, 11, 20));

  invoices = acr_billing_list_invoices (f->billing, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < invoices->len; i++)
    {
      AcrInvoice *invoice = invoices->pdata[i];
      const char *number = acr_invoice_get_number (invoice);
      g_autoptr (AcrInvoice) after = NULL;

      if (i == 1)
        after = acr_billing_void_invoice (f->billing, number, "sent to the wrong member", &error);
      else if (i == 2)
        after = acr_billing_issue_credit_note (f->billing, number, &paid_on, &error);
      else if (i % 3 == 0 || i % 5 == 0)
        {
          gint64 amount = i % 3 == 0 ? acr_invoice_get_balance_cents (invoice) : acr_invoice_get_balance_cents (invoice) / 2;
          g_autoptr (AcrPayment) payment = acr_payment_new (amount, &paid_on, ACR_PAYMENT_METHOD_CHECK, NULL);

          after = acr_billing_record_payment (f->billing, number, payment, &error);
        }
      else
        continue;
      g_assert_no_error (error);
      g_assert_nonnull (after);
    }
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->billing);
  g_clear_object (&f->rules);
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

static AcrReport *
build (Fixture       *f,
       AcrReportKind  kind,
       int            year,
       GDate          on)
{
  g_autoptr (GError) error = NULL;
  AcrReport *report = acr_report_build (f->billing, kind, year, &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static guint
column_named (AcrReport  *report,
              const char *title)
{
  for (guint c = 0; c < acr_report_get_n_columns (report); c++)
    if (g_str_equal (acr_report_get_column_title (report, c), title))
      return c;
  g_assert_not_reached ();
}

static guint
row_named (AcrReport  *report,
           const char *text)
{
  for (guint r = 0; r < acr_report_get_n_rows (report); r++)
    {
      g_autofree char *cell = acr_report_format_cell (report, r, 0, "en");

      if (g_str_equal (cell, text))
        return r;
    }
  g_assert_not_reached ();
}

typedef struct
{
  guint  n;
  gint64 billed, credited, paid, outstanding;
} Sums;

/* Straight from the invoices: voided ones are not billed. */
static Sums
sum_invoices (Fixture *f,
              int      year)
{
  AcrInvoiceFilter filter = { .year = year, .kind = "invoice" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) invoices = acr_billing_list_invoices (f->billing, &filter, &error);
  Sums sums = { 0, };

  g_assert_no_error (error);
  for (guint i = 0; i < invoices->len; i++)
    {
      AcrInvoice *invoice = invoices->pdata[i];

      /* Voided, not credited (a credited invoice also reads "void"). */
      if (acr_invoice_get_void_reason (invoice) != NULL)
        continue;
      sums.n++;
      sums.billed += acr_invoice_get_total_cents (invoice);
      sums.credited += acr_invoice_get_credited_cents (invoice);
      sums.paid += acr_invoice_get_paid_cents (invoice);
      sums.outstanding += MAX (acr_invoice_get_balance_cents (invoice), 0);
    }
  return sums;
}

static void
test_report_dues_by_year_equals_the_invoices (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_DUES_BY_YEAR, 0, date_of (2026, 12, 6));
  AcrChart *chart = acr_report_get_chart (report);

  g_assert_cmpuint (acr_report_get_n_rows (report), ==, 2);
  for (int year = 2026; year <= 2027; year++)
    {
      g_autofree char *label = g_strdup_printf ("%d", year);
      guint row = row_named (report, label);
      Sums sums = sum_invoices (f, year);

      g_assert_cmpint (acr_report_get_value (report, row, column_named (report, "Invoices")), ==, sums.n);
      g_assert_cmpint (acr_report_get_value (report, row, column_named (report, "Billed")), ==, sums.billed);
      g_assert_cmpint (acr_report_get_value (report, row, column_named (report, "Credited")), ==, sums.credited);
      g_assert_cmpint (acr_report_get_value (report, row, column_named (report, "Paid")), ==, sums.paid);
      g_assert_cmpint (acr_report_get_value (report, row, column_named (report, "Outstanding")), ==, sums.outstanding);

      /* The chart stacks paid, outstanding and credited: the table's figures. */
      g_assert_cmpstr (acr_chart_get_category (chart, row), ==, label);
      g_assert_cmpint (acr_chart_get_value (chart, 0, row), ==, sums.paid);
      g_assert_cmpint (acr_chart_get_value (chart, 1, row), ==, sums.outstanding);
      g_assert_cmpint (acr_chart_get_value (chart, 2, row), ==, sums.credited);
    }
  g_assert_cmpint (sum_invoices (f, 2026).paid, >, 0);
  g_assert_cmpint (sum_invoices (f, 2026).credited, >, 0);
}

static void
test_report_dues_by_category_adds_up_to_the_year (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_DUES_BY_CATEGORY, 2026, date_of (2026, 12, 6));
  g_autoptr (AcrReport) all_years = build (f, ACR_REPORT_DUES_BY_CATEGORY, 0, date_of (2026, 12, 6));
  Sums sums = sum_invoices (f, 2026);
  Sums both = sum_invoices (f, 2027);
  gint64 billed = 0, outstanding = 0, billed_all = 0;

  for (guint r = 0; r < acr_report_get_n_rows (report); r++)
    {
      billed += acr_report_get_value (report, r, column_named (report, "Billed"));
      outstanding += acr_report_get_value (report, r, column_named (report, "Outstanding"));
    }
  g_assert_cmpuint (acr_report_get_n_rows (report), >, 1);
  g_assert_cmpint (billed, ==, sums.billed);
  g_assert_cmpint (outstanding, ==, sums.outstanding);

  /* All years: one row per category, the years added. */
  for (guint r = 0; r < acr_report_get_n_rows (all_years); r++)
    billed_all += acr_report_get_value (all_years, r, column_named (all_years, "Billed"));
  g_assert_cmpint (billed_all, ==, sums.billed + both.billed);
  g_assert_cmpuint (acr_report_get_n_rows (all_years), ==, acr_report_get_n_rows (report));
}

static void
test_report_ageing_buckets_follow_the_issue_date (void)
{
  Fixture *f = &shared;
  /* 2026's invoices were issued on January 10, 2027's on November 20, 2026:
   * on December 6, 2026 the first are 330 days old, the second 16. */
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_AGEING, 0, date_of (2026, 12, 6));
  g_autoptr (AcrReport) before = build (f, ACR_REPORT_AGEING, 0, date_of (2026, 1, 9));
  g_autoptr (AcrReport) in_30 = build (f, ACR_REPORT_AGEING, 2026, date_of (2026, 2, 9));
  guint amount = column_named (report, "Outstanding");
  guint count = column_named (report, "Invoices");

  g_assert_cmpuint (acr_report_get_n_rows (report), ==, ACR_AGEING_N_BUCKETS);
  g_assert_cmpint (acr_report_get_value (report, ACR_AGEING_CURRENT, amount), ==, sum_invoices (f, 2027).outstanding);
  g_assert_cmpint (acr_report_get_value (report, ACR_AGEING_90, amount), ==, sum_invoices (f, 2026).outstanding);
  g_assert_cmpint (acr_report_get_value (report, ACR_AGEING_30, amount), ==, 0);
  g_assert_cmpint (acr_report_get_value (report, ACR_AGEING_60, amount), ==, 0);

  /* Nothing issued yet on January 9: nothing owed. */
  for (guint b = 0; b < ACR_AGEING_N_BUCKETS; b++)
    g_assert_cmpint (acr_report_get_value (before, b, count), ==, 0);

  /* 30 days after January 10 is February 9: the 30-day bucket starts there. */
  g_assert_cmpint (acr_report_get_value (in_30, ACR_AGEING_30, amount), ==, sum_invoices (f, 2026).outstanding);
  g_assert_cmpint (acr_report_get_value (in_30, ACR_AGEING_CURRENT, amount), ==, 0);
}

static void
test_report_membership_counts_every_member_once (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_MEMBERSHIP, 0, date_of (2026, 12, 6));
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = acr_store_list_ids_by_name (f->store, 0, (guint) acr_store_count_members (f->store, NULL), &error);
  guint total_column = column_named (report, "Total");
  guint active_column = column_named (report, "Active");
  gint64 total = 0, n_active = 0, active = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member_by_id (f->store, g_array_index (ids, guint32, i), &error);

      g_assert_no_error (error);
      active += acr_member_has_status (member, ACR_MEMBER_STATUS_ACTIVE);
    }
  for (guint r = 0; r < acr_report_get_n_rows (report); r++)
    {
      gint64 statuses = 0;

      for (guint c = 1; c < total_column; c++)
        statuses += acr_report_get_value (report, r, c);
      g_assert_cmpint (statuses, ==, acr_report_get_value (report, r, total_column));
      total += acr_report_get_value (report, r, total_column);
      n_active += acr_report_get_value (report, r, active_column);
    }
  g_assert_cmpint (total, ==, acr_store_count_members (f->store, NULL));
  g_assert_cmpint (n_active, ==, active);
  g_assert_cmpint (active, >, 0);
}

static void
test_report_numbering_proves_each_year_gapless (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_NUMBERING, 0, date_of (2026, 12, 6));
  guint gapless = column_named (report, "Gapless");
  guint documents = column_named (report, "Documents");
  AcrInvoiceFilter filter = { .year = 2026 };
  g_autoptr (GPtrArray) all_2026 = acr_billing_list_invoices (f->billing, &filter, NULL);

  g_assert_cmpuint (acr_report_get_n_rows (report), ==, 2);
  for (guint r = 0; r < 2; r++)
    {
      g_autofree char *cell = acr_report_format_cell (report, r, gapless, "en");
      g_assert_cmpstr (cell, ==, "Yes");
    }
  /* Invoices and the credit note share the series. */
  g_assert_cmpint (acr_report_get_value (report, row_named (report, "2026"), documents), ==, all_2026->len);
}

static void
test_report_csv_has_cents_and_one_line_per_row (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_CHAPTERS, 2026, date_of (2026, 12, 6));
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint billed = column_named (report, "Billed");

  g_assert_cmpuint (acr_report_get_n_rows (report), >, 0);
  g_assert_true (acr_report_write_csv (report, stream, &error));
  g_assert_no_error (error);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "Chapter,Code,Invoices,Billed (cents),Collected (cents)");
  g_assert_cmpuint (g_strv_length (lines), ==, acr_report_get_n_rows (report) + 2);  /* and the empty last */
  {
    g_auto (GStrv) first = g_strsplit (lines[1], ",", -1);
    g_autofree char *cents = g_strdup_printf ("%" G_GINT64_FORMAT, acr_report_get_value (report, 0, billed));

    g_assert_cmpstr (first[3], ==, cents);
  }
}

static void
test_report_cells_group_digits_in_the_language (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_DUES_BY_YEAR, 0, date_of (2026, 12, 6));
  guint billed = column_named (report, "Billed");
  g_autofree char *en = acr_report_format_cell (report, 0, billed, "en");
  g_autofree char *fr = acr_report_format_cell (report, 0, billed, "fr");

  g_assert_true (g_str_has_prefix (en, "$"));
  g_assert_nonnull (strchr (en, ','));
  g_assert_true (g_str_has_suffix (fr, " $") || g_str_has_suffix (fr, "\xc2\xa0$"));
  g_assert_nonnull (strstr (fr, ",00"));
}

static void
test_report_chart_exports_as_png_and_pdf (void)
{
  Fixture *f = &shared;
  g_autoptr (AcrReport) report = build (f, ACR_REPORT_DUES_BY_YEAR, 0, date_of (2026, 12, 6));
  g_autoptr (GOutputStream) png = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) pdf = g_memory_output_stream_new_resizable ();
  g_autoptr (GError) error = NULL;
  const guchar *png_data;
  const char *pdf_data;

  g_assert_true (acr_chart_write_png (acr_report_get_chart (report), png, 800, 500, "en", &error));
  g_assert_no_error (error);
  g_assert_true (acr_chart_write_pdf (acr_report_get_chart (report), pdf, 792, 612, "fr", &error));
  g_assert_no_error (error);
  g_output_stream_close (png, NULL, NULL);
  g_output_stream_close (pdf, NULL, NULL);
  png_data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (png));
  pdf_data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (pdf));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (png)), >, 2000);
  g_assert_cmpint (memcmp (png_data, "\x89PNG", 4), ==, 0);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (pdf)), >, 1000);
  g_assert_cmpint (memcmp (pdf_data, "%PDF", 4), ==, 0);
}

static void
test_report_kind_names_round_trip (void)
{
  for (AcrReportKind kind = 0; kind < ACR_REPORT_N_KINDS; kind++)
    {
      AcrReportKind back;

      g_assert_true (acr_report_kind_from_string (acr_report_kind_to_string (kind), &back));
      g_assert_cmpint (back, ==, kind);
      g_assert_cmpstr (acr_report_kind_get_title (kind), !=, "");
    }
  g_assert_false (acr_report_kind_from_string ("receivables-by-moon", NULL));
}

static void
test_report_chart_groups_counts_and_describes_points (void)
{
  g_autoptr (AcrChart) chart = acr_chart_new (ACR_CHART_BARS, ACR_CHART_UNIT_COUNT, "Members");
  g_autofree char *en = NULL;
  g_autofree char *fr = NULL;
  g_autofree char *point = NULL;
  guint series;

  acr_chart_add_category (chart, "2027");
  series = acr_chart_add_series (chart, "Active");
  acr_chart_set_value (chart, series, 0, 1234567);
  en = acr_chart_format_value (chart, 1234567, "en");
  fr = acr_chart_format_value (chart, 1234567, "fr");
  point = acr_chart_describe_point (chart, 0, 0, "en");

  g_assert_cmpstr (en, ==, "1,234,567");
  g_assert_cmpstr (fr, ==, "1\xc2\xa0" "234\xc2\xa0" "567");
  g_assert_cmpstr (point, ==, "2027, Active: 1,234,567");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name) g_test_add_func ("/report/" #name, test_report_##name)
  ADD (dues_by_year_equals_the_invoices);
  ADD (dues_by_category_adds_up_to_the_year);
  ADD (ageing_buckets_follow_the_issue_date);
  ADD (membership_counts_every_member_once);
  ADD (numbering_proves_each_year_gapless);
  ADD (csv_has_cents_and_one_line_per_row);
  ADD (cells_group_digits_in_the_language);
  ADD (chart_exports_as_png_and_pdf);
#undef ADD
  g_test_add_func ("/report/kind-names-round-trip", test_report_kind_names_round_trip);
  g_test_add_func ("/report/chart-groups-counts-and-describes-points", test_report_chart_groups_counts_and_describes_points);

  fixture_set_up (&shared);
  status = g_test_run ();
  fixture_tear_down (&shared);
  return status;
}
