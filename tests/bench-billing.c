/*
 * Benchmark of the billing run (meson test --benchmark): bill
 * ACR_BENCH_MEMBERS (default 40,000, the College's size) sample members for
 * a membership year into a fresh store, in batches of 500 invoices per
 * transaction, and print invoices per second. The dry run over the same
 * members (quotes only, nothing written) is printed beside it, so the cost
 * of writing the invoices is visible. Generating the members is not timed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "acr-bench.h"
#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-sample-data.h"
#include "acr-store.h"

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (path, suffixes[i], NULL);
      g_unlink (p);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *env = g_getenv ("ACR_BENCH_MEMBERS");
  guint count = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 40000;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-bench-billing-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrBillingRun) dry = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (AcrBillingRun) again = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  double seconds;
  GDate on;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  acr_bench_print_header ("bench-billing");
  path = g_build_filename (dir, "members.db", NULL);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, G_DATE_NOVEMBER, 2026);

  store = acr_store_open (path, &error);
  rules = store ? acr_rules_new_default (&error) : NULL;
  if (rules == NULL || !acr_sample_data_generate (store, count, 1, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  printf ("machine: %s, %u sample members (generation not timed)\n", g_get_host_name (), count);
  billing = acr_billing_new (store, rules);

  dry = acr_billing_run_new (billing, 2027, &on);
  g_timer_start (timer);
  if (!acr_billing_run_execute (dry, TRUE, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  seconds = g_timer_elapsed (timer, NULL);
  printf ("dry run (quotes only)      members=%u  would bill=%u  %.2f s  %.0f members/s\n",
          count, acr_billing_run_get_n_billed (dry), seconds, count / seconds);

  run = acr_billing_run_new (billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_timer_start (timer);
  if (!acr_billing_run_execute (run, FALSE, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }
  seconds = g_timer_elapsed (timer, NULL);
  printf ("billing run (batches of %u) invoices=%u  %.2f s  %.0f invoices/s\n",
          acr_billing_run_get_batch_size (run), acr_billing_run_get_n_billed (run), seconds,
          acr_billing_run_get_n_billed (run) / seconds);

  again = acr_billing_run_new (billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (again, TRUE);
  g_timer_start (timer);
  if (!acr_billing_run_execute (again, FALSE, NULL, &error) || acr_billing_run_get_n_billed (again) != 0)
    {
      g_printerr ("second run: %s\n", error ? error->message : "billed members twice");
      return EXIT_FAILURE;
    }
  seconds = g_timer_elapsed (timer, NULL);
  printf ("second run (bills nobody)  members=%u  %.2f s\n", count, seconds);
  printf ("peak RSS %.0f MB (the members generated, the runs)\n", acr_bench_peak_rss_mb (RUSAGE_SELF));

  g_clear_object (&billing);
  g_clear_object (&store);
  remove_database (path);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
