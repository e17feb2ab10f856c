/*
 * Benchmarks of the member store (meson test --benchmark):
 *  1. open a database of ACR_BENCH_MEMBERS (default 1,000,000) members and be
 *     ready to search: time and peak memory (VmHWM);
 *  2. search as you type: a fixed keystroke script through AcrSearchResults,
 *     p50/p95/max per keystroke, and the same keystrokes through a
 *     GtkFilterListModel + GtkStringFilter over a GtkStringList of the same
 *     names, with the ratio;
 *  3. CSV import of 100,000 rows: rows per second.
 * The generated database is kept in the build directory between runs.
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

#include "acr-csv-import.h"
#include "acr-sample-data.h"
#include "acr-search-results.h"
#include "acr-store.h"
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

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static long
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) : -1;
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

static void
run_script (const char *label,
            void      (*set_text) (gpointer, const char *),
            guint     (*n_items) (gpointer),
            gpointer    model,
            guint       rounds,
            double     *out_p95)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double p50, p95, max;
  guint last_n = 0;

  for (guint r = 0; r < rounds; r++)
    {
      set_text (model, "");
      for (guint i = 0; i < G_N_ELEMENTS (script); i++)
        {
          double start = now_ms ();
          double elapsed;

          set_text (model, script[i]);
          last_n = n_items (model);
          elapsed = now_ms () - start;
          g_array_append_val (times, elapsed);
          if (r == 0 && g_getenv ("ACR_BENCH_VERBOSE"))
            printf ("  %-12s %8u  %7.2f ms\n", script[i], last_n, elapsed);
        }
    }
  percentiles (times, &p50, &p95, &max);
  printf ("%-34s keystrokes=%u  p50=%.2f ms  p95=%.2f ms  max=%.2f ms\n", label, times->len, p50, p95, max);
  *out_p95 = p95;
}

static void
results_set_text (gpointer model, const char *text)
{
  acr_search_results_set_text (model, text);
}

static guint
model_n_items (gpointer model)
{
  return g_list_model_get_n_items (model);
}

static void
filter_set_text (gpointer model, const char *text)
{
  GtkFilter *filter = gtk_filter_list_model_get_filter (model);
  gtk_string_filter_set_search (GTK_STRING_FILTER (filter), text);
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
  g_autofree char *name = g_strdup_printf ("bench-members-%u.db", count);
  g_autofree char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  g_autoptr (GtkStringList) names = NULL;
  g_autoptr (GtkFilterListModel) filtered = NULL;
  GtkStringFilter *filter;
  double start, open_ms, ours_p95, gtk_p95, build_ms;
  long hwm_before, hwm_after;
  guint rounds = 5;

  acr_test_ensure_sample_database (path, count);

  /* 1. Open and be ready to search. */
  hwm_before = vm_hwm_kb ();
  start = now_ms ();
  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (acr_store_prepare_search (store, &error));
  results = acr_search_results_new (store);
  open_ms = now_ms () - start;
  hwm_after = vm_hwm_kb ();
  printf ("machine: %s\n", g_get_host_name ());
  printf ("open %u members, ready to search   %.0f ms, peak RSS %.1f MB (%.1f MB before open)\n",
          g_list_model_get_n_items (G_LIST_MODEL (results)), open_ms, hwm_after / 1024.0, hwm_before / 1024.0);

  /* 2. Search as you type. */
  run_script ("AcrSearchResults", results_set_text, model_n_items, results, rounds, &ours_p95);

  /* The baseline: GTK's own filter over the same display names. */
  start = now_ms ();
  names = gtk_string_list_new (NULL);
  {
    /* Read straight from the file: one string per member, what the lookup searches. */
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
  filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_ignore_case (filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)), GTK_FILTER (filter));
  build_ms = now_ms () - start;
  printf ("baseline GtkStringList of %u members built in %.0f ms (substring match, ignore case)\n",
          g_list_model_get_n_items (G_LIST_MODEL (names)), build_ms);
  run_script ("GtkFilterListModel+GtkStringFilter", filter_set_text, model_n_items, filtered, 1, &gtk_p95);
  printf ("(the baseline does not fold accents: “lefev” misses “Lefèvre” there)\n");
  printf ("ratio p95 baseline / ours          %.1f×\n", gtk_p95 / ours_p95);
  printf ("target p95 < 16 ms: %s\n", ours_p95 < 16.0 ? "met" : "NOT met");

  g_clear_object (&filtered);
  g_clear_object (&names);
  g_clear_object (&results);
  g_clear_object (&store);

  /* 3. CSV import. */
  bench_import ();
  return 0;
}
