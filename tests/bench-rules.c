#include "config.h"

#include <stdio.h>

#include "acr-bench.h"
#include "acr-rules.h"

/*
 * Speed of the rules engine, run with `meson test --benchmark`: loading the
 * built-in bundle, classifying and quoting a membership-sized batch (the
 * College has about 40,000 members).
 */

#define N_MEMBERS 40000

static const char * const people[] = {
  "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"ABR\"], \"country\": \"US\","
  " \"region\": \"VA\", \"practice_region\": \"DC\", \"chapters\": [\"VA\", \"DC\"], \"in_practice\": true,"
  " \"training\": {\"stage\": \"fellowship\", \"approved\": true, \"country\": \"US\", \"end\": \"2024-06-30\"}}",
  "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"country\": \"US\", \"region\": \"TX\","
  " \"training\": {\"stage\": \"residency\", \"approved\": true, \"country\": \"US\", \"end\": \"2028-06-30\"}}",
  "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"NATIONAL\"], \"country\": \"FR\","
  " \"in_practice\": true}",
  "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"ABR\"], \"country\": \"US\","
  " \"region\": \"OH\", \"retired_on\": \"2021-02-01\", \"military\": \"va\", \"military_country\": \"US\"}",
};

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) persons = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(AcrRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  GDate on;
  gint64 start;
  gint64 total = 0;

  acr_bench_print_header ("bench-rules");
  start = g_get_monotonic_time ();
  for (int i = 0; i < 100; i++)
    {
      g_clear_object (&rules);
      rules = acr_rules_new_default (&error);
      g_assert_no_error (error);
    }
  printf ("load built-in bundle: %.3f ms\n", seconds_since (start) * 1000 / 100);

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_ptr_array_add (persons, acr_person_new_from_data (people[i], -1, "bench.json", &error));
      g_assert_no_error (error);
    }

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 26, G_DATE_NOVEMBER, 2026);

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_MEMBERS; i++)
    {
      g_autoptr(AcrDecision) decision = acr_rules_classify (rules, persons->pdata[i % persons->len], &on, &error);

      g_assert_no_error (error);
    }
  printf ("classify %d members: %.3f s (%.1f µs each)\n", N_MEMBERS, seconds_since (start),
          seconds_since (start) * 1e6 / N_MEMBERS);

  start = g_get_monotonic_time ();
  for (int i = 0; i < N_MEMBERS; i++)
    {
      g_autoptr(AcrDuesQuote) quote = acr_rules_quote (rules, persons->pdata[i % persons->len], 2027, &on, &error);

      g_assert_no_error (error);
      total += acr_dues_quote_get_total_cents (quote);
    }
  printf ("quote 2027 for %d members: %.3f s (%.1f µs each), billed %" G_GINT64_FORMAT " cents\n",
          N_MEMBERS, seconds_since (start), seconds_since (start) * 1e6 / N_MEMBERS, total);

  printf ("peak RSS %.0f MB\n", acr_bench_peak_rss_mb (RUSAGE_SELF));
  return 0;
}
