/*
 * Benchmarks of the member store (meson test --benchmark):
 *  1. open a database of ACR_BENCH_MEMBERS (default 1,000,000) members and be
 *     ready to search: time and peak memory (VmHWM);
 *  2. search as you type: a fixed keystroke script, each keystroke timed
 *     from the new text to the visible rows read (the first VISIBLE_ROWS
 *     answers, as a list on screen reads them), through three searches
 *     given the same keystrokes and the same number of rounds:
 *      - AcrSearchResults (the application's lookup);
 *      - the real limit: a plain scan of the same strings, folded once in
 *        advance with acr_search_fold (), every word a substring;
 *      - GTK's own GtkFilterListModel + GtkStringFilter over a GtkStringList,
 *        which folds every string again on every keystroke;
 *     p50/p95/max for each and the ratio of each to AcrSearchResults;
 *  3. CSV import of 100,000 rows: rows per second.
 * Peak RSS (getrusage) is printed after each part. ACR_BENCH_ROUNDS sets the
 * rounds of the script (default 3). The generated database is kept in the
 * build directory between runs.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-bench.h"
#include "acr-csv-import.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-search-results.h"
#include "acr-store.h"
#include "acr-store-search-private.h"
#include "acr-test-utils.h"

static const char * const script[] = {
  "h", "ho", "hou", "hous", "houst", "housto", "houston",
  "l", "le", "lef", "lefe", "lefev", "lefevr", "lefevre",
  "n", "ng", "ngu", "nguy", "nguye", "nguyen", "nguyen t", "nguyen th",
  "m", "mu", "mül", "müll", "mülle", "müller",
  "j", "jo", "jos", "josé", "josé g", "josé ga",
  "0", "00", "001", "0012", "00123", "001234", "0012345",
  "4", "42", "421", "4213",
  "ma", "mar", "mari", "marie", "marie.", "marie.c", "marie.co",
  "montr", "montré", "montréal",
  "h2x", "h2x 1",
};

#define VISIBLE_ROWS 30  /* rows a members list shows on screen */

typedef struct
{
  double p50, p95, max;
} Stats;

/* The real limit: every member's searchable text folded once, scanned for each keystroke. */
typedef struct
{
  GString *display;   /* the strings as shown, NUL-separated */
  GString *folded;    /* the same strings folded, NUL-separated */
  GArray  *display_at;
  GArray  *folded_at;
  GArray  *matches;   /* positions of the last answer */
  char   **words;     /* the last query, folded, split */
} FoldedScan;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
percentiles (GArray *times,
             double *p50,
             double *p95,
             double *max)
{
  double *v = (double *) times->data;

  qsort (v, times->len, sizeof (double), compare_double);
  *p50 = v[times->len / 2];
  *p95 = v[MIN (times->len - 1, (guint) (times->len * 0.95))];
  *max = v[times->len - 1];
}

/* Types @text, reads what the list shows, returns how many match. */
typedef guint (*SearchFunc) (gpointer model, const char *text);

static Stats
run_script (const char *label,
            SearchFunc  search,
            gpointer    model,
            guint       rounds)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Stats stats;

  for (guint r = 0; r < rounds; r++)
    {
      search (model, "");
      for (guint i = 0; i < G_N_ELEMENTS (script); i++)
        {
          double start = now_ms ();
          double elapsed;
          guint n;

          n = search (model, script[i]);
          elapsed = now_ms () - start;
          g_array_append_val (times, elapsed);
          if (r == 0 && g_getenv ("ACR_BENCH_VERBOSE"))
            printf ("  %-12s %8u  %7.2f ms\n", script[i], n, elapsed);
        }
    }
  percentiles (times, &stats.p50, &stats.p95, &stats.max);
  printf ("%-34s keystrokes=%u  p50=%.2f ms  p95=%.2f ms  max=%.2f ms  (peak RSS %.0f MB)\n",
          label, times->len, stats.p50, stats.p95, stats.max, acr_bench_peak_rss_mb (RUSAGE_SELF));
  return stats;
}

static void
print_ratio (const char  *label,
             const Stats *theirs,
             const Stats *ours)
{
  printf ("ratio %-28s p50 %.1f×  p95 %.1f×  max %.1f×\n", label,
          theirs->p50 / ours->p50, theirs->p95 / ours->p95, theirs->max / ours->max);
}

static volatile gsize shown_bytes;  /* what the rows read, so the reading is not optimized away */

static guint
results_search (gpointer    model,
                const char *text)
{
  guint n;

  acr_search_results_set_text (model, text);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < MIN (n, VISIBLE_ROWS); i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (model, i);

      shown_bytes += acr_member_get_number (member) + strlen (acr_member_get_family_name (member)) +
                     strlen (acr_member_get_given_name (member)) + strlen (acr_member_get_city (member));
    }
  return n;
}

static guint
filter_search (gpointer    model,
               const char *text)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (model);
  guint n;

  gtk_string_filter_set_search (GTK_STRING_FILTER (filter), text);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < MIN (n, VISIBLE_ROWS); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      shown_bytes += strlen (gtk_string_object_get_string (item));
    }
  return n;
}

static void
folded_scan_add (FoldedScan *scan,
                 const char *display)
{
  g_autofree char *folded = acr_search_fold (display);
  guint at = scan->display->len;

  g_array_append_val (scan->display_at, at);
  g_string_append_len (scan->display, display, strlen (display) + 1);
  at = scan->folded->len;
  g_array_append_val (scan->folded_at, at);
  g_string_append_len (scan->folded, folded, strlen (folded) + 1);
}

static guint
folded_scan_search (gpointer    model,
                    const char *text)
{
  FoldedScan *scan = model;
  g_autofree char *folded = acr_search_fold (text);
  const guint *at = (const guint *) scan->folded_at->data;
  const char *strings = scan->folded->str;
  guint n = scan->folded_at->len;
  guint n_words = 0;

  g_strfreev (scan->words);
  scan->words = g_strsplit (folded, " ", -1);
  /* Keep the words, drop the empty pieces between spaces. */
  for (guint i = 0; scan->words[i] != NULL; i++)
    {
      if (*scan->words[i] != '\0')
        scan->words[n_words++] = scan->words[i];
      else
        g_free (scan->words[i]);
    }
  scan->words[n_words] = NULL;

  g_array_set_size (scan->matches, 0);
  for (guint row = 0; row < n; row++)
    {
      const char *haystack = strings + at[row];
      guint w = 0;

      while (w < n_words && strstr (haystack, scan->words[w]) != NULL)
        w++;
      if (w == n_words)
        g_array_append_val (scan->matches, row);
    }

  for (guint i = 0; i < MIN (scan->matches->len, VISIBLE_ROWS); i++)
    {
      guint row = g_array_index (scan->matches, guint, i);

      shown_bytes += strlen (scan->display->str + g_array_index (scan->display_at, guint, row));
    }
  return scan->matches->len;
}

static void
folded_scan_clear (FoldedScan *scan)
{
  g_string_free (scan->display, TRUE);
  g_string_free (scan->folded, TRUE);
  g_array_unref (scan->display_at);
  g_array_unref (scan->folded_at);
  g_array_unref (scan->matches);
  g_strfreev (scan->words);
}

static void
bench_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-bench-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "import.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "members.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("given_name,family_name,email,city,postal_code,country,language,category,status,chapters\r\n");
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  AcrImportReport report;
  const guint rows = 100000;
  const char *given[] = { "Anne", "José", "Jürgen", "Thị Hoa", "Marie-Ève", "Robert" };
  const char *family[] = { "Lefèvre", "Peña", "Müller", "Nguyễn", "Côté", "Smith", "O'Brien" };
  double start;

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "%s,%s,member%u@example.org,\"Montréal, QC\",H2X %uY4,CA,fr,general,active,QC\r\n",
                            given[i % G_N_ELEMENTS (given)], family[i % G_N_ELEMENTS (family)], i, i % 10);
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, NULL));

  store = acr_store_open (db, &error);
  g_assert_no_error (error);
  reader = acr_csv_reader_new_for_path (csv_path, &error);
  g_assert_no_error (error);
  start = now_ms ();
  g_assert_true (acr_csv_import_members (store, reader, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  printf ("CSV import                         rows=%u  %.2f s  %.0f rows/s\n", report.added,
          (now_ms () - start) / 1000, report.added / ((now_ms () - start) / 1000));

  g_clear_object (&store);
  g_unlink (csv_path);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  guint count = g_getenv ("ACR_BENCH_MEMBERS") ? atoi (g_getenv ("ACR_BENCH_MEMBERS")) : 1000000;
  guint rounds = g_getenv ("ACR_BENCH_ROUNDS") ? MAX (atoi (g_getenv ("ACR_BENCH_ROUNDS")), 1) : 3;
  g_autofree char *name = g_strdup_printf ("bench-members-%u.db", count);
  g_autofree char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  g_autoptr (GtkStringList) names = NULL;
  g_autoptr (GtkFilterListModel) filtered = NULL;
  FoldedScan scan = {
    .display = g_string_new (NULL),
    .folded = g_string_new (NULL),
    .display_at = g_array_new (FALSE, FALSE, sizeof (guint)),
    .folded_at = g_array_new (FALSE, FALSE, sizeof (guint)),
    .matches = g_array_new (FALSE, FALSE, sizeof (guint)),
  };
  GtkStringFilter *filter;
  Stats ours, limit, gtk;
  double start, open_ms, build_ms, fold_ms;
  double rss_before;

  /* Each figure as soon as it is known, even into a pipe or a log. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  acr_test_ensure_sample_database (path, count);
  acr_bench_print_header ("bench-members");

  /* 1. Open and be ready to search. */
  rss_before = acr_bench_peak_rss_mb (RUSAGE_SELF);
  start = now_ms ();
  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (acr_store_prepare_search (store, &error));
  results = acr_search_results_new (store);
  open_ms = now_ms () - start;
  printf ("open %u members, ready to search   %.0f ms, peak RSS %.1f MB (%.1f MB before open; index read from %s)\n",
          g_list_model_get_n_items (G_LIST_MODEL (results)), open_ms,
          acr_bench_peak_rss_mb (RUSAGE_SELF), rss_before,
          _acr_store_search_index_from_file (store) ? "its file beside the database" : "the database");

  /* The strings both baselines search: one per member, what the lookup searches. */
  start = now_ms ();
  names = gtk_string_list_new (NULL);
  {
    /* Read straight from the file. */
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT printf ('%07d', number), family_name, given_name,"
                                             " coalesce (email, ''), coalesce (city, ''), coalesce (postal_code, ''),"
                                             " coalesce (npi, '') FROM members ORDER BY family_key, given_key, number",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_autofree char *line = g_strdup_printf ("%s %s %s %s %s %s %s",
                                                 sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                                                 sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                                                 sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5),
                                                 sqlite3_column_text (stmt, 6));
        gtk_string_list_append (names, line);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  build_ms = now_ms () - start;

  start = now_ms ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    folded_scan_add (&scan, gtk_string_list_get_string (names, i));
  fold_ms = now_ms () - start;
  printf ("baselines: %u member strings read in %.0f ms, folded once in %.0f ms\n",
          g_list_model_get_n_items (G_LIST_MODEL (names)), build_ms, fold_ms);

  filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_ignore_case (filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)), GTK_FILTER (filter));

  /* 2. Search as you type: the same keystrokes, the same rounds, each side. */
  printf ("%zu keystrokes × %u rounds each, timed to the first %u rows read\n",
          G_N_ELEMENTS (script), rounds, VISIBLE_ROWS);
  ours = run_script ("AcrSearchResults", results_search, results, rounds);
  limit = run_script ("plain scan of pre-folded strings", folded_scan_search, &scan, rounds);
  gtk = run_script ("GtkFilterListModel+GtkStringFilter", filter_search, filtered, rounds);
  printf ("(the plain scan matches substrings anywhere, the lookup word prefixes; "
          "GtkStringFilter does not fold accents: “lefev” misses “Lefèvre” there)\n");
  print_ratio ("plain scan / ours", &limit, &ours);
  print_ratio ("GtkStringFilter / ours", &gtk, &ours);
  printf ("target p95 < 16 ms: %s\n", ours.p95 < 16.0 ? "met" : "NOT met");

  g_clear_object (&filtered);
  g_clear_object (&names);
  folded_scan_clear (&scan);
  g_clear_object (&results);
  g_clear_object (&store);

  /* 3. CSV import. */
  bench_import ();
  printf ("peak RSS of the whole run %.0f MB\n", acr_bench_peak_rss_mb (RUSAGE_SELF));
  return 0;
}
