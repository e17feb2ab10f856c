/*
 * Benchmark of the dues-schedule what-if (meson test --benchmark what-if):
 * every active member of ACR_BENCH_MEMBERS sample members (default 40,000,
 * the College's size; the cached bench-members-<count>.db) quoted under the
 * rules in use and under a proposed schedule (general full dues up $100).
 *
 * The baseline, measured in the same run over the same members: reading
 * each active member and quoting it once under one schedule, which is what
 * a billing dry run costs. A what-if quotes twice, so about 2× the quoting
 * and 1× the reading is the honest expectation. Best of three rounds each;
 * peak RSS and the build type are printed beside the times.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "acr-bench.h"

#include "acr-member.h"
#include "acr-store.h"
#include "acr-test-utils.h"
#include "acr-what-if.h"

#define YEAR 2027
#define ROUNDS 3

/* The baseline: read every active member and quote it once. */
static double
quote_everyone_once (AcrStore    *store,
                     AcrRules    *rules,
                     const GDate *on,
                     gint64      *total_cents)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = NULL;
  gint64 start = g_get_monotonic_time ();

  *total_cents = 0;
  ids = acr_store_list_ids_by_status (store, "active", &error);
  if (ids == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member_by_id (store, g_array_index (ids, gint64, i), &error);
      g_autoptr (AcrPerson) person = NULL;
      g_autoptr (AcrDuesQuote) quote = NULL;

      if (member == NULL)
        g_error ("%s", error->message);
      person = acr_member_dup_person (member, NULL);
      if (person != NULL)
        quote = acr_rules_quote (rules, person, YEAR, on, NULL);
      if (quote != NULL && acr_dues_quote_get_reason (quote) == NULL && acr_dues_quote_get_total_cents (quote) > 0)
        *total_cents += acr_dues_quote_get_total_cents (quote);
    }
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  guint count = g_getenv ("ACR_BENCH_MEMBERS") ? (guint) atoi (g_getenv ("ACR_BENCH_MEMBERS")) : 40000;
  g_autofree char *name = g_strdup_printf ("bench-members-%u.db", count);
  g_autofree char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-bench-what-if-XXXXXX", &error);
  g_autofree char *proposed_path = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) current = NULL;
  g_autoptr (AcrRules) proposed = NULL;
  double best_baseline = G_MAXDOUBLE, best_what_if = G_MAXDOUBLE;
  gint64 baseline_cents = 0;
  guint n_members = 0;
  GDate on;

  if (dir == NULL)
    g_error ("%s", error->message);
  acr_bench_print_header ("what-if");
  acr_test_ensure_sample_database (path, count);
  /* General full dues for YEAR up $100.00. */
  proposed_path = acr_test_write_changed_rules (dir, "proposed.json", YEAR, 10000, 0);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 1, G_DATE_DECEMBER, YEAR - 1);

  if ((store = acr_store_open (path, &error)) == NULL ||
      (current = acr_rules_new_default (&error)) == NULL ||
      (proposed = acr_rules_new_from_file (proposed_path, &error)) == NULL)
    g_error ("%s", error->message);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr (AcrWhatIf) what_if = acr_what_if_new (store, current, proposed, YEAR, &on);
      gint64 start;
      double seconds;

      best_baseline = MIN (best_baseline, quote_everyone_once (store, current, &on, &baseline_cents));

      start = g_get_monotonic_time ();
      if (!acr_what_if_execute (what_if, NULL, &error))
        g_error ("%s", error->message);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      best_what_if = MIN (best_what_if, seconds);
      n_members = acr_what_if_get_n_done (what_if);
      /* The two sides must be the same work: the what-if's "now" is the baseline's money. */
      if (acr_what_if_get_total_now_cents (what_if) != baseline_cents)
        g_error ("the what-if's total under the rules in use differs from the baseline's");
    }

  printf ("what-if, %u sample members (%u active), best of %d rounds\n", count, n_members, ROUNDS);
  printf ("  baseline: read and quote everyone once   %8.3f s  (%.0f members/s)\n",
          best_baseline, n_members / best_baseline);
  printf ("  what-if: both schedules, with totals     %8.3f s  (%.0f members/s)\n",
          best_what_if, n_members / best_what_if);
  printf ("  ratio what-if / baseline                 %8.2f×\n", best_what_if / best_baseline);
  printf ("  peak RSS                                 %8.1f MB\n", acr_bench_peak_rss_mb (RUSAGE_SELF));

  g_clear_object (&store);
  acr_test_remove_tree (dir);
  return EXIT_SUCCESS;
}
