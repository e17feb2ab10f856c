/*
 * Benchmarks of the desktop application (meson test --benchmark, under a
 * display such as xvfb-run), on ACR_BENCH_MEMBERS sample members (default
 * 40,000; the database is cached in the build directory, shared with
 * bench-members, so ACR_BENCH_MEMBERS=1000000 reuses its file):
 *  1. open the store and show the window until its first frame is painted;
 *  2. a keystroke in the member search until the list is painted again:
 *     p50/p95/max over a typing script;
 *  3. a column-header sort (number, then name) until the list is painted.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "acr-sample-data.h"
#include "acr-window.h"

static const char * const script[] = {
  "h", "ho", "hou", "hous", "houst", "housto", "houston",
  "l", "le", "lef", "lefe", "lefev",
  "n", "ng", "ngu", "nguy", "nguye", "nguyen",
  "m", "mu", "mül", "müll", "mülle", "müller",
  "0", "00", "001", "0012", "00123",
  "montr", "montré", "montréal",
  "",
};

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Runs the main loop until the window paints a frame (or @limit_ms passes,
 * when nothing changed on screen). */
static void
wait_for_paint (double limit_ms)
{
  double end = now_ms () + limit_ms;

  painted = FALSE;
  while (!painted && now_ms () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
ensure_database (const char *path,
                 guint       count)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  printf ("generating %u sample members in %s…\n", count, path);
  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, count, 1, NULL, NULL, &error));
}

int
main (int    argc,
      char **argv)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  guint count = g_getenv ("ACR_BENCH_MEMBERS") ? atoi (g_getenv ("ACR_BENCH_MEMBERS")) : 40000;
  g_autofree char *name = g_strdup_printf ("bench-members-%u.db", count);
  g_autofree char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GListModel) columns = NULL;
  g_autoptr (GtkColumnViewColumn) number_column = NULL;
  g_autoptr (GtkColumnViewColumn) name_column = NULL;
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  AcrWindow *window;
  GtkWidget *entry, *view;
  double start, launch_ms;

  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  adw_init ();
  ensure_database (path, count);

  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "last-view", "members");

  /* 1. Launch: open the store, build the window, first frame painted. */
  start = now_ms ();
  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  window = acr_window_new (NULL);
  acr_window_set_store (window, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  wait_for_paint (60000);
  launch_ms = now_ms () - start;
  printf ("members: %u\n", g_list_model_get_n_items (G_LIST_MODEL (acr_members_page_get_results (acr_window_get_members_page (window)))));
  printf ("launch to first frame (store open + window)   %.0f ms\n", launch_ms);

  /* 2. Keystrokes in the search, each until the list is painted. */
  entry = find_widget (GTK_WIDGET (acr_window_get_members_page (window)), GTK_TYPE_SEARCH_ENTRY);
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (script); i++)
      {
        double t;

        start = now_ms ();
        gtk_editable_set_text (GTK_EDITABLE (entry), script[i]);
        while (g_strcmp0 (acr_search_results_get_text (acr_members_page_get_results (acr_window_get_members_page (window))), script[i]) != 0)
          g_main_context_iteration (NULL, TRUE);
        wait_for_paint (500);
        t = now_ms () - start;

        g_array_append_val (times, t);
      }
  g_array_sort (times, compare_double);
  printf ("keystroke to list painted, %u keystrokes   p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
          times->len,
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, (guint) (times->len * 0.95)),
          g_array_index (times, double, times->len - 1));

  /* 3. Column-header sorts, as a click on the header does. */
  view = find_widget (GTK_WIDGET (acr_window_get_members_page (window)), GTK_TYPE_COLUMN_VIEW);
  columns = g_object_ref (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)));
  number_column = g_list_model_get_item (columns, 0);
  name_column = g_list_model_get_item (columns, 1);

  start = now_ms ();
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), number_column, GTK_SORT_ASCENDING);
  wait_for_paint (60000);
  printf ("sort %u members by number, until painted    %.0f ms\n", count, now_ms () - start);

  start = now_ms ();
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name_column, GTK_SORT_ASCENDING);
  wait_for_paint (60000);
  printf ("sort %u members by name, until painted      %.0f ms\n", count, now_ms () - start);

  g_array_unref (times);
  gtk_window_destroy (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}
