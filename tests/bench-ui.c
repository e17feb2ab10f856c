/*
 * Benchmarks of the desktop application with its real widgets and real
 * frames (meson test --benchmark ui, under xvfb-run -a):
 *
 *  1. the real acr-membership (ACR_APP: GApplication, settings, the
 *     window) started LAUNCH_RUNS times warm and as many cold (the database
 *     evicted from the page cache first), on 40,000 and on the large
 *     database, each launch timed from exec to the lines the application
 *     prints with ACR_TIMING=1: its first frame, its first frame with
 *     member rows, search ready; and its peak RSS;
 *  2. re-sorting 1,000,000 members from the column headers
 *     (gtk_column_view_sort_by_column () on Number, then Name), each timed
 *     until the first frame painted after the model changed;
 *  3. keystroke to list redrawn at 1,000,000 members: a fixed script typed
 *     into the members search entry a character at a time, as a keyboard
 *     does (press_keys_to ()), one keystroke every 60 ms or so, each timed until the first frame painted
 *     after the search model changed; then the same keystrokes through a
 *     GtkColumnView (as many columns) over GtkFilterListModel +
 *     GtkStringFilter on a GtkStringList of the same display names, typed
 *     into a search entry too: every keystroke, as many rounds.
 *
 * Each wait has a timeout, and a section stops after an action slower than
 * ACTION_BUDGET_MS (it says so). The program fails only when something does
 * not work (no frame, no rows, rows that do not match the model, a child
 * that crashes); a missed target is printed, not failed. The databases are
 * the ones bench-members caches in the build directory
 * (bench-members-<count>.db). ACR_BENCH_MEMBERS or --members N changes the large count,
 * ACR_BENCH_VERBOSE=1 prints every keystroke, ACR_BENCH_ONLY=launch,sort,
 * typing,baseline runs only the sections named (the baseline needs typing).
 */
#define G_LOG_DOMAIN "bench-ui"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-bench.h"
#include "acr-sample-data.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

#define SMALL_COUNT 40000
#define LAUNCH_RUNS 5
#define TYPING_ROUNDS 3
#define TYPING_PAUSE_MS 60        /* a quick typist: about 16 keys a second */
#define SORT_ROUNDS 3
#define WAIT_TIMEOUT_MS 30000
#define BASELINE_COLUMNS 6        /* the members page's columns, each showing the name here */
#define ACTION_BUDGET_MS 3000     /* a section stops after an action this slow */

/* Typed one character at a time after an empty entry: names, an accented
 * name, a number prefix, an e-mail prefix, a city, a postal code. */
static const char * const words[] = {
  "house",
  "houston",
  "lefèv",
  "lefevre",
  "nguyen th",
  "müller",
  "josé ga",
  "0012345",
  "4213",
  "marie.co",
  "montréal",
  "h2x 1",
};

/* Frames of one window, seen through its GdkFrameClock. */
typedef struct
{
  GdkFrameClock *clock;
  gulong         handlers[6];
  guint          n_paints;        /* after-paint signals so far */
  gint64         frame_start;     /* first phase of the frame being drawn */
  gint64         last_paint;      /* time of the last after-paint */
  double         last_frame_ms;   /* its duration, first phase to after-paint */
  double         max_frame_ms;    /* longest frame since the last reset */
  GtkWidget     *rows_of;         /* when set: note the first frame showing rows */
  gint64         rows_shown_at;
  gint64         first_paint_at;  /* the window's first frame, whatever it shows */
} FrameWatch;

/* What the search model did since the last keystroke or click. */
typedef struct
{
  gboolean changed;
  gint64   changed_at;
  guint    paints_at_change;
  gboolean text_notified;
  gpointer model;           /* the search model, for the emission hook */
  gint64   first_emitted_at; /* its first items-changed, before any handler ran */
} ModelWatch;

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

/* Nearest-rank percentiles of a copy of @values. */
static void
percentiles (GArray *values,
             double *p50,
             double *p95,
             double *max)
{
  g_autoptr (GArray) sorted = g_array_copy (values);
  double *v = (double *) sorted->data;

  g_assert (sorted->len > 0);
  qsort (v, sorted->len, sizeof (double), compare_double);
  *p50 = v[(sorted->len - 1) / 2];
  *p95 = v[MIN (sorted->len - 1, (guint) (sorted->len * 0.95))];
  *max = v[sorted->len - 1];
}

static void
print_machine (void)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *loadavg = NULL;
  const char *model = NULL;
  g_autofree char *model_name = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL) &&
      (model = strstr (cpuinfo, "model name")) != NULL &&
      (model = strchr (model, ':')) != NULL)
    model_name = g_strstrip (g_strndup (model + 1, strcspn (model + 1, "\n")));
  g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL);

  printf ("machine: nproc %u, %s, load average %s", g_get_num_processors (),
          model_name != NULL ? model_name : "unknown CPU",
          loadavg != NULL ? loadavg : "unknown\n");
  fflush (stdout);
}

/* Whether a list row cell on screen shows @text (any text when NULL):
 * mapped, allocated and filled by the factory's bind. */
static gboolean
shows_cell (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) && gtk_widget_get_height (widget) > 0)
    {
      const char *shown = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      if (shown != NULL && shown[0] != '\0' && (text == NULL || g_str_equal (shown, text)))
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_cell (child, text))
      return TRUE;

  return FALSE;
}

static void
frame_phase_cb (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  if (watch->frame_start == 0)
    watch->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameWatch    *watch)
{
  gint64 now = g_get_monotonic_time ();

  if (watch->n_paints++ == 0)
    watch->first_paint_at = now;
  watch->last_paint = now;
  watch->last_frame_ms = watch->frame_start != 0 ? (now - watch->frame_start) / 1000.0 : 0;
  watch->max_frame_ms = MAX (watch->max_frame_ms, watch->last_frame_ms);
  watch->frame_start = 0;

  /* The frame is painted; looking at the widgets now costs it nothing. */
  if (watch->rows_of != NULL && watch->rows_shown_at == 0 && shows_cell (watch->rows_of, NULL))
    watch->rows_shown_at = now;
}

static void
frame_watch_start (FrameWatch *watch,
                   GtkWidget  *window)
{
  const char *phases[] = { "flush-events", "before-paint", "update", "layout", "paint" };

  memset (watch, 0, sizeof *watch);
  watch->clock = g_object_ref (gtk_widget_get_frame_clock (window));
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    watch->handlers[i] = g_signal_connect (watch->clock, phases[i], G_CALLBACK (frame_phase_cb), watch);
  watch->handlers[5] = g_signal_connect (watch->clock, "after-paint", G_CALLBACK (after_paint_cb), watch);
}

static void
frame_watch_stop (FrameWatch *watch)
{
  for (guint i = 0; i < G_N_ELEMENTS (watch->handlers); i++)
    g_clear_signal_handler (&watch->handlers[i], watch->clock);
  g_clear_object (&watch->clock);
}

static gboolean
wake_up_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until *@flag or @timeout_ms; FALSE on timeout. */
static gboolean
wait_for (const gboolean *flag,
          guint           timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (20, wake_up_cb, NULL);

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return *flag;
}

static gboolean
wait_for_paint_after (FrameWatch *watch,
                      guint       n_paints,
                      guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (20, wake_up_cb, NULL);

  while (watch->n_paints <= n_paints && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return watch->n_paints > n_paints;
}

static void
spin_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake = g_timeout_add (5, wake_up_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
wait_for_rows (FrameWatch *watch,
               GtkWidget  *list)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  guint wake = g_timeout_add (20, wake_up_cb, NULL);

  watch->rows_of = list;
  watch->rows_shown_at = 0;
  while (watch->rows_shown_at == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  watch->rows_of = NULL;

  return watch->rows_shown_at != 0;
}

static void
model_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  ModelWatch *watch = user_data;
  FrameWatch *frames = g_object_get_data (G_OBJECT (model), "bench-frames");

  watch->changed = TRUE;
  watch->changed_at = g_get_monotonic_time ();
  watch->paints_at_change = frames->n_paints;
}

/* AcrSearchResults notifies "text" after its query, whether or not the
 * rows changed (a search with no match after one with no match). */
static void
model_text_notified_cb (GObject    *model,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  ModelWatch *watch = user_data;
  FrameWatch *frames = g_object_get_data (model, "bench-frames");

  watch->changed = TRUE;
  watch->text_notified = TRUE;
  watch->changed_at = g_get_monotonic_time ();
  watch->paints_at_change = frames->n_paints;
}

/* The application window as main () of the application builds it: open the
 * store, create the window with it on the Members view, present it. */
typedef struct
{
  AcrStore  *store;
  AcrWindow *window;
  GtkWidget *column_view;
  gint64     opened_at;
  gint64     created_at;
  gint64     built_at;
  gint64     presented_at;
} AppWindow;

static gboolean
open_app_window (AppWindow  *app,
                 FrameWatch *watch,
                 const char *path)
{
  g_autoptr (GError) error = NULL;

  app->store = acr_store_open (path, &error);
  if (app->store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return FALSE;
    }
  app->opened_at = g_get_monotonic_time ();

  app->window = g_object_ref_sink (acr_window_new (NULL));
  acr_window_set_view (app->window, "members");
  app->created_at = g_get_monotonic_time ();
  acr_window_set_store (app->window, app->store, NULL);
  app->built_at = g_get_monotonic_time ();

  app->column_view = acr_test_ui_find_widget (GTK_WIDGET (acr_window_get_members_page (app->window)), GTK_TYPE_COLUMN_VIEW, NULL);
  if (app->column_view == NULL)
    {
      g_printerr ("the members page has no GtkColumnView\n");
      return FALSE;
    }

  gtk_window_present (GTK_WINDOW (app->window));
  app->presented_at = g_get_monotonic_time ();
  frame_watch_start (watch, GTK_WIDGET (app->window));

  if (!wait_for_rows (watch, app->column_view))
    {
      g_printerr ("no frame showed member rows within %u ms\n", WAIT_TIMEOUT_MS);
      return FALSE;
    }

  return TRUE;
}

static void
close_app_window (AppWindow  *app,
                  FrameWatch *watch)
{
  frame_watch_stop (watch);

  /* Work around a crash in the members page (main at 19:40): disposing its
   * template removes the columns, the view's sorter reports a change, and
   * the page's handler then uses the disposed column view. It only happens
   * once a column was sorted; cut that handler before closing. */
  if (app->column_view != NULL)
    g_signal_handlers_disconnect_matched (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (app->column_view)),
                                          G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                          acr_window_get_members_page (app->window));
  if (app->window != NULL)
    gtk_window_destroy (GTK_WINDOW (app->window));
  g_clear_object (&app->window);
  g_clear_object (&app->store);
}

/* Rows show before the search index is read (a large store reads it in a
 * thread): sorting and typing wait for it. */
static gboolean
wait_for_search (AppWindow *app)
{
  AcrMembersPage *page = acr_window_get_members_page (app->window);
  gint64 deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;

  while (acr_members_page_get_results (page) == NULL && g_get_monotonic_time () < deadline)
    spin_ms (20);
  if (acr_members_page_get_results (page) == NULL)
    {
      g_printerr ("the search index was not ready within %u ms\n", WAIT_TIMEOUT_MS);
      return FALSE;
    }

  return TRUE;
}

/* One start of the real acr-membership, timed from outside: exec to the
 * lines it prints with ACR_TIMING=1 (src/app/acr-timing.h). */
typedef struct
{
  double main_ms;        /* exec → main () */
  double startup_ms;     /* exec → GApplication startup, GTK initialised */
  double store_ms;       /* exec → rules loaded and the store open */
  double window_ms;      /* exec → the window built, about to be presented */
  double first_frame_ms; /* exec → the members page's first frame painted */
  double rows_ms;        /* exec → the first frame painted with member rows */
  double search_ms;      /* exec → the search index attached: typing searches */
  double peak_rss_mb;    /* the application's VmHWM once both are there */
} AppLaunch;

/* Drops @path (and its -wal, -shm, the lookup index's file) from the page cache: the next read comes from disk. */
static void
evict_from_page_cache (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", ".search-index" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      int fd = open (file, O_RDONLY);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static double
vm_hwm_mb (GPid pid)
{
  g_autofree char *file = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (file, &status, NULL, NULL) || (line = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

/* Settings the application reads at start: this database, the Members view. */
static char *
make_config_dir (const char *db_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-bench-ui-XXXXXX", &error);
  g_autofree char *settings_dir = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *quoted = NULL;

  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return NULL;
    }
  settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (settings_dir, "keyfile", NULL);
  quoted = g_strescape (db_path, NULL);
  contents = g_strdup_printf ("[org/acr/Membership]\ndatabase-path='%s'\nlast-view='members'\n", quoted);
  if (g_mkdir_with_parents (settings_dir, 0700) != 0 ||
      !g_file_set_contents (keyfile, contents, -1, &error))
    {
      g_printerr ("%s: %s\n", keyfile, error != NULL ? error->message : g_strerror (errno));
      return NULL;
    }

  return g_steal_pointer (&dir);
}

static void
remove_config_dir (const char *dir)
{
  g_autofree char *keyfile = g_build_filename (dir, "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *settings_dir = g_build_filename (dir, "glib-2.0", "settings", NULL);
  g_autofree char *glib_dir = g_build_filename (dir, "glib-2.0", NULL);

  g_unlink (keyfile);
  g_rmdir (settings_dir);
  g_rmdir (glib_dir);
  g_rmdir (dir);
}

/* Starts @app_path on @db_path (evicted from the page cache first when
 * @cold), reads its timing lines until rows are shown and search is ready,
 * then ends it. -1 on a failure, 0 with @launch filled. */
static int
measure_app_launch (const char *app_path,
                    const char *config_dir,
                    const char *db_path,
                    gboolean    cold,
                    AppLaunch  *launch)
{
  const char *argv[] = { app_path, NULL };
  g_auto (GStrv) envp = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) err = g_string_new (NULL);
  gint64 spawn_at, main_at = 0, first_frame_at = 0, rows_at = 0, search_at = 0;
  gint64 startup_at = 0, store_at = 0, window_at = 0;
  gint64 deadline;
  GPid pid;
  int err_fd, status;
  gsize scanned = 0;

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_dir, TRUE);
  envp = g_environ_setenv (envp, "ACR_TIMING", "1", TRUE);
  envp = g_environ_unsetenv (envp, "G_DEBUG");
  envp = g_environ_unsetenv (envp, "MALLOC_CHECK_");
  envp = g_environ_unsetenv (envp, "MALLOC_PERTURB_");

  if (cold)
    evict_from_page_cache (db_path);

  spawn_at = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, envp,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, &pid, NULL, NULL, &err_fd, &error))
    {
      g_printerr ("could not start %s: %s\n", app_path, error->message);
      return -1;
    }

  /* Its stderr, line by line, until both events or the timeout. */
  deadline = g_get_monotonic_time () + (gint64) WAIT_TIMEOUT_MS * 1000;
  while ((rows_at == 0 || search_at == 0) && g_get_monotonic_time () < deadline)
    {
      struct pollfd pfd = { .fd = err_fd, .events = POLLIN };
      char buffer[4096];
      ssize_t n;
      char *newline;

      if (poll (&pfd, 1, 100) <= 0)
        continue;
      n = read (err_fd, buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (err, buffer, n);
      while ((newline = strchr (err->str + scanned, '\n')) != NULL)
        {
          const char *line = err->str + scanned;
          char event[32];
          gint64 at;

          if (sscanf (line, "acr-timing: %31s %" G_GINT64_FORMAT, event, &at) == 2)
            {
              if (g_str_equal (event, "main"))
                main_at = at;
              else if (g_str_equal (event, "startup"))
                startup_at = at;
              else if (g_str_equal (event, "store-open"))
                store_at = at;
              else if (g_str_equal (event, "window-built"))
                window_at = at;
              else if (g_str_equal (event, "first-frame"))
                first_frame_at = at;
              else if (g_str_equal (event, "rows-shown"))
                rows_at = at;
              else if (g_str_equal (event, "search-ready"))
                search_at = at;
            }
          scanned = newline + 1 - err->str;
        }
    }

  /* What it holds once searching: a moment more for the work that follows. */
  if (rows_at != 0 && search_at != 0)
    spin_ms (200);
  launch->peak_rss_mb = vm_hwm_mb (pid);
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  close (err_fd);

  if (rows_at == 0 || search_at == 0)
    {
      g_printerr ("%s on %s: no rows shown or search not ready within %u ms (status %d):\n%s",
                  app_path, db_path, WAIT_TIMEOUT_MS, status, err->str);
      return -1;
    }

  launch->main_ms = main_at != 0 ? (main_at - spawn_at) / 1000.0 : -1;
  launch->startup_ms = startup_at != 0 ? (startup_at - spawn_at) / 1000.0 : -1;
  launch->store_ms = store_at != 0 ? (store_at - spawn_at) / 1000.0 : -1;
  launch->window_ms = window_at != 0 ? (window_at - spawn_at) / 1000.0 : -1;
  launch->first_frame_ms = first_frame_at != 0 ? (first_frame_at - spawn_at) / 1000.0 : -1;
  launch->rows_ms = (rows_at - spawn_at) / 1000.0;
  launch->search_ms = (search_at - spawn_at) / 1000.0;
  return 0;
}

static void
print_launch_field (const char      *label,
                    const AppLaunch *runs,
                    guint            n,
                    gsize            offset,
                    const char      *unit)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double p50, p95, max, min;

  for (guint i = 0; i < n; i++)
    g_array_append_val (values, G_STRUCT_MEMBER (double, &runs[i], offset));
  percentiles (values, &p50, &p95, &max);
  min = max;
  for (guint i = 0; i < n; i++)
    min = MIN (min, g_array_index (values, double, i));
  printf ("    %-34s median %7.0f %s, range %.0f–%.0f %s\n", label, p50, unit, min, max, unit);
}

static double
median_field (const AppLaunch *runs,
              guint            n,
              gsize            offset)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double p50, p95, max;

  for (guint i = 0; i < n; i++)
    g_array_append_val (values, G_STRUCT_MEMBER (double, &runs[i], offset));
  percentiles (values, &p50, &p95, &max);
  return p50;
}

static void
print_app_launches (guint            count,
                    const char      *kind,
                    const AppLaunch *runs,
                    guint            n)
{
  printf ("  %u members, %s start (%u launches of acr-membership):\n", count, kind, n);
  print_launch_field ("exec to main ()", runs, n, G_STRUCT_OFFSET (AppLaunch, main_ms), "ms");
  print_launch_field ("exec to startup (GTK initialised)", runs, n, G_STRUCT_OFFSET (AppLaunch, startup_ms), "ms");
  print_launch_field ("exec to rules and store open", runs, n, G_STRUCT_OFFSET (AppLaunch, store_ms), "ms");
  print_launch_field ("exec to window built", runs, n, G_STRUCT_OFFSET (AppLaunch, window_ms), "ms");
  print_launch_field ("exec to first frame", runs, n, G_STRUCT_OFFSET (AppLaunch, first_frame_ms), "ms");
  print_launch_field ("exec to first frame with rows", runs, n, G_STRUCT_OFFSET (AppLaunch, rows_ms), "ms");
  print_launch_field ("exec to search ready", runs, n, G_STRUCT_OFFSET (AppLaunch, search_ms), "ms");
  print_launch_field ("peak RSS of the application", runs, n, G_STRUCT_OFFSET (AppLaunch, peak_rss_mb), "MB");
}

/* 1. The real application, each launch a fresh process, warm and cold: 0 or -1. */
static int
bench_launch (const char *app_path,
              const char *small_path,
              const char *large_path,
              guint       large_count)
{
  const char *paths[] = { small_path, large_path };
  const guint counts[] = { SMALL_COUNT, large_count };

  if (app_path == NULL || !g_file_test (app_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("ACR_APP does not name the acr-membership program (%s)\n", app_path ? app_path : "unset");
      return -1;
    }

  printf ("launch of the real acr-membership (GApplication, settings, window), %u launches each;"
          " cold = the database, its -wal, -shm and .search-index evicted from the page cache (posix_fadvise DONTNEED) first:\n",
          LAUNCH_RUNS);
  for (guint d = 0; d < G_N_ELEMENTS (paths); d++)
    {
      g_autofree char *config_dir = make_config_dir (paths[d]);
      AppLaunch warm[LAUNCH_RUNS], cold[LAUNCH_RUNS], first;
      double cold_rows, cold_search, warm_search, peak;

      if (config_dir == NULL)
        return -1;
      /* Not counted: the store may migrate an older cached database. */
      if (measure_app_launch (app_path, config_dir, paths[d], FALSE, &first) != 0)
        return -1;
      for (guint i = 0; i < LAUNCH_RUNS; i++)
        if (measure_app_launch (app_path, config_dir, paths[d], FALSE, &warm[i]) != 0 ||
            measure_app_launch (app_path, config_dir, paths[d], TRUE, &cold[i]) != 0)
          return -1;
      remove_config_dir (config_dir);

      print_app_launches (counts[d], "warm", warm, LAUNCH_RUNS);
      print_app_launches (counts[d], "cold", cold, LAUNCH_RUNS);
      cold_rows = median_field (cold, LAUNCH_RUNS, G_STRUCT_OFFSET (AppLaunch, rows_ms));
      cold_search = median_field (cold, LAUNCH_RUNS, G_STRUCT_OFFSET (AppLaunch, search_ms));
      warm_search = median_field (warm, LAUNCH_RUNS, G_STRUCT_OFFSET (AppLaunch, search_ms));
      peak = MAX (median_field (cold, LAUNCH_RUNS, G_STRUCT_OFFSET (AppLaunch, peak_rss_mb)),
                  median_field (warm, LAUNCH_RUNS, G_STRUCT_OFFSET (AppLaunch, peak_rss_mb)));
      printf ("  target window with rows < 500 ms cold at %u members: %s (%.0f ms)\n", counts[d],
              cold_rows < 500 ? "met" : "NOT met", cold_rows);
      if (d == 1)
        {
          printf ("  target search ready < 2 s cold, < 1 s warm at %u members: %s (%.0f ms cold, %.0f ms warm)\n",
                  counts[d], cold_search < 2000 && warm_search < 1000 ? "met" : "NOT met", cold_search, warm_search);
          printf ("  target peak memory < 250 MB at %u members: %s (%.0f MB)\n", counts[d],
                  peak < 250 ? "met" : "NOT met", peak);
        }
      fflush (stdout);
    }

  return 0;
}

/* One timed keystroke or click on the application window. */
typedef struct
{
  double total_ms;   /* action → first frame painted after the model changed */
  double model_ms;   /* action → model changed and the list view followed */
  double query_ms;   /* action → first items-changed emitted (the query), or -1 */
  double frame_ms;   /* that frame's own duration */
} Sample;

static void
record (GArray       *totals,
        GArray       *models,
        GArray       *frames,
        const Sample *sample)
{
  g_array_append_val (totals, sample->total_ms);
  if (models != NULL)
    g_array_append_val (models, sample->model_ms);
  if (frames != NULL)
    g_array_append_val (frames, sample->frame_ms);
}

static void
print_stats (const char *label,
             GArray     *values)
{
  double p50, p95, max;

  percentiles (values, &p50, &p95, &max);
  printf ("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%u samples)\n", label, p50, p95, max, values->len);
}

/* Whether the frame just painted shows what the model's first row holds,
 * or the empty state when nothing matched. */
static gboolean
screen_matches_model (AppWindow *app)
{
  AcrMembersPage *page = acr_window_get_members_page (app->window);
  GListModel *model = G_LIST_MODEL (acr_members_page_get_results (page));
  g_autoptr (AcrMember) first = NULL;
  g_autofree char *name = NULL;

  if (g_list_model_get_n_items (model) == 0)
    return g_strcmp0 (acr_members_page_get_state (page), "list") != 0;

  first = g_list_model_get_item (model, 0);
  name = acr_member_dup_display_name (first);
  return shows_cell (app->column_view, name);
}

/* What a keyboard does to the entry to make it read @text: a key typed at
 * the end inserts its character at the cursor (one "changed"), emptying it
 * (Ctrl+A, Delete) deletes the whole text. gtk_editable_set_text () would
 * delete and insert, two changes and two searches for one key. */
static void
press_keys_to (GtkWidget  *entry,
               const char *text)
{
  const char *current = gtk_editable_get_text (GTK_EDITABLE (entry));
  gsize length = strlen (current);

  if (text[0] == '\0')
    gtk_editable_delete_text (GTK_EDITABLE (entry), 0, -1);
  else if (strlen (text) > length && strncmp (text, current, length) == 0)
    {
      int position = g_utf8_strlen (current, -1);

      gtk_editable_insert_text (GTK_EDITABLE (entry), text + length, -1, &position);
      gtk_editable_set_position (GTK_EDITABLE (entry), position);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* Types @text into the search entry and times it to the next frame. */
static gboolean
type_keystroke (AppWindow  *app,
                FrameWatch *frames,
                ModelWatch *model,
                GtkWidget  *entry,
                const char *text,
                Sample     *sample)
{
  gint64 start;
  gpointer results = model->model;

  memset (model, 0, sizeof *model);
  model->model = results;
  start = g_get_monotonic_time ();
  press_keys_to (entry, text);

  if (!wait_for (&model->text_notified, WAIT_TIMEOUT_MS))
    {
      g_printerr ("“%s”: the search model did not change within %u ms\n", text, WAIT_TIMEOUT_MS);
      return FALSE;
    }
  if (!wait_for_paint_after (frames, model->paints_at_change, WAIT_TIMEOUT_MS))
    {
      g_printerr ("“%s”: no frame painted within %u ms\n", text, WAIT_TIMEOUT_MS);
      return FALSE;
    }

  sample->total_ms = (frames->last_paint - start) / 1000.0;
  sample->model_ms = (model->changed_at - start) / 1000.0;
  sample->query_ms = model->first_emitted_at != 0 ? (model->first_emitted_at - start) / 1000.0 : -1;
  sample->frame_ms = frames->last_frame_ms;
  return TRUE;
}

/* Runs before the handlers of every items-changed (the selection model and
 * the list view are connected before us): the time the query was done. */
static gboolean
items_changed_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_params,
                       const GValue          *params,
                       gpointer               user_data)
{
  ModelWatch *watch = user_data;

  if (watch->first_emitted_at == 0 && g_value_peek_pointer (&params[0]) == watch->model)
    watch->first_emitted_at = g_get_monotonic_time ();

  return TRUE;
}

/* 2a. Search as you type in the application at a million members. */
static gboolean
bench_typing (AppWindow  *app,
              FrameWatch *frames,
              GArray     *typed_totals)
{
  AcrSearchResults *results = acr_members_page_get_results (acr_window_get_members_page (app->window));
  GtkWidget *entry = acr_test_ui_find_widget (GTK_WIDGET (acr_window_get_members_page (app->window)), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_autoptr (GArray) models = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) clears = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) queries = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) view_updates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *over_budget = NULL;
  ModelWatch model = { 0 };
  gulong items_id, text_id, hook_id;
  guint items_changed_signal = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  guint checked = 0, matched = 0, planned = 0;
  gboolean ok = TRUE;

  if (entry == NULL)
    {
      g_printerr ("the members page has no GtkSearchEntry\n");
      return FALSE;
    }

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    planned += g_utf8_strlen (words[w], -1);
  planned *= TYPING_ROUNDS;

  g_object_set_data (G_OBJECT (results), "bench-frames", frames);
  items_id = g_signal_connect (results, "items-changed", G_CALLBACK (model_items_changed_cb), &model);
  text_id = g_signal_connect (results, "notify::text", G_CALLBACK (model_text_notified_cb), &model);
  model.model = results;
  hook_id = g_signal_add_emission_hook (items_changed_signal, 0, items_changed_hook_cb, &model, NULL);

  for (guint round = 0; round < TYPING_ROUNDS && ok && over_budget == NULL; round++)
    for (guint w = 0; w < G_N_ELEMENTS (words) && ok && over_budget == NULL; w++)
      {
        const char *word = words[w];
        Sample sample;

        /* Clearing the entry is a keystroke too, timed apart: it shows every member. */
        if (*gtk_editable_get_text (GTK_EDITABLE (entry)) != '\0')
          {
            if (!(ok = type_keystroke (app, frames, &model, entry, "", &sample)))
              break;
            g_array_append_val (clears, sample.total_ms);
            if (g_getenv ("ACR_BENCH_VERBOSE"))
              printf ("  (clear)    %8u rows  %6.1f ms (search %.1f ms, frame %.1f ms)\n",
                      g_list_model_get_n_items (G_LIST_MODEL (results)), sample.total_ms, sample.model_ms, sample.frame_ms);
            if (sample.total_ms > ACTION_BUDGET_MS)
              {
                over_budget = g_strdup_printf ("clearing the entry took %.1f s", sample.total_ms / 1000);
                break;
              }
            spin_ms (TYPING_PAUSE_MS);
          }

        for (const char *end = g_utf8_next_char (word); ok; end = g_utf8_next_char (end))
          {
            g_autofree char *prefix = g_strndup (word, end - word);

            if (!(ok = type_keystroke (app, frames, &model, entry, prefix, &sample)))
              break;
            record (typed_totals, models, frame_times, &sample);
            if (sample.query_ms >= 0)
              {
                g_array_append_val (queries, sample.query_ms);
                g_array_append_vals (view_updates, &(double) { sample.model_ms - sample.query_ms }, 1);
              }
            checked++;
            if (screen_matches_model (app))
              matched++;
            else
              g_printerr ("“%s”: the frame painted does not show the first matching member\n", prefix);
            if (round == 0 && g_getenv ("ACR_BENCH_VERBOSE"))
              printf ("  %-10s %8u rows  %6.1f ms (query %.1f ms, model and view %.1f ms, frame %.1f ms)\n", prefix,
                      g_list_model_get_n_items (G_LIST_MODEL (results)), sample.total_ms, sample.query_ms,
                      sample.model_ms, sample.frame_ms);
            if (sample.total_ms > ACTION_BUDGET_MS)
              {
                over_budget = g_strdup_printf ("keystroke “%s” took %.1f s", prefix, sample.total_ms / 1000);
                break;
              }
            spin_ms (TYPING_PAUSE_MS);
            if (*end == '\0')
              break;
          }
      }

  g_clear_signal_handler (&items_id, results);
  g_clear_signal_handler (&text_id, results);
  g_signal_remove_emission_hook (items_changed_signal, hook_id);
  if (!ok || typed_totals->len == 0)
    return FALSE;

  printf ("keystroke to list redrawn, %u members, %u of %u keystrokes (%u rounds of %u words, one key every ~%u ms):\n",
          (guint) acr_store_count_members (app->store, NULL), typed_totals->len, planned, TYPING_ROUNDS,
          (guint) G_N_ELEMENTS (words), TYPING_PAUSE_MS);
  if (over_budget != NULL)
    printf ("  STOPPED: %s, over the %u ms budget per action; the rest was not typed\n", over_budget, ACTION_BUDGET_MS);
  print_stats ("  keystroke to frame painted", typed_totals);
  print_stats ("  of which keystroke to model changed (search + view update)", models);
  if (queries->len > 0)
    {
      print_stats ("    keystroke to items-changed emitted (entry, query)", queries);
      print_stats ("    items-changed handlers (selection, list view rows, page)", view_updates);
    }
  print_stats ("  duration of that frame (layout + paint)", frame_times);
  if (clears->len > 0)
    print_stats ("  clearing the entry (all members shown again)", clears);
  printf ("  rows painted matched the model's first row after %u of %u keystrokes\n", matched, checked);
  {
    double p50, p95, max;

    percentiles (typed_totals, &p50, &p95, &max);
    printf ("target keystroke p95 < 16 ms: %s (p95 %.1f ms)\n", p95 < 16 ? "met" : "NOT met", p95);
  }
  fflush (stdout);

  return matched == checked;
}

/* 2b. The baseline: GTK's own filter over the same names in the same order. */
static GtkStringList *
load_display_names (const char *path)
{
  GtkStringList *names = gtk_string_list_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Read straight from the file, as bench-members does for its baseline;
   * the order is the lookup's default (family name, given name, number). */
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT family_name, given_name FROM members"
                              " ORDER BY family_key, given_key, number", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", path, sqlite3_errmsg (db));
      sqlite3_close (db);
      g_object_unref (names);
      return NULL;
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *family = (const char *) sqlite3_column_text (stmt, 0);
      const char *given = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *name = NULL;

      /* As acr_member_dup_display_name () writes it. */
      family = family != NULL ? family : "";
      given = given != NULL ? given : "";
      if (*given == '\0')
        name = g_strdup (family);
      else if (*family == '\0')
        name = g_strdup (given);
      else
        name = g_strdup_printf ("%s, %s", family, given);
      gtk_string_list_append (names, name);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return names;
}

static void
baseline_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), 28);
  gtk_list_item_set_child (item, inscription);
}

static void
baseline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The baseline's search entry sets the filter, as the page's sets the model. */
typedef struct
{
  GtkStringFilter *filter;
  FrameWatch      *frames;
  ModelWatch       model;
} Baseline;

static void
baseline_search_changed_cb (GtkSearchEntry *entry,
                            Baseline       *baseline)
{
  /* GtkFilterListModel filters at once here (it is not incremental). */
  gtk_string_filter_set_search (baseline->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  baseline->model.changed = TRUE;
  baseline->model.changed_at = g_get_monotonic_time ();
  baseline->model.paints_at_change = baseline->frames->n_paints;
}

static gboolean
bench_baseline (const char *path,
                GArray     *ours)
{
  g_autoptr (GtkStringList) names = NULL;
  g_autoptr (GtkFilterListModel) filtered = NULL;
  g_autoptr (GtkListItemFactory) factory = NULL;
  g_autoptr (GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) models = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ours_same = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkStringFilter *filter;
  GtkWidget *window, *box, *entry, *scrolled, *view;
  FrameWatch frames;
  Baseline baseline = { .frames = &frames };
  guint planned = 0, typed = 0;
  double start, p50, p95, max, ours_p50, ours_p95, ours_max;
  gboolean ok = TRUE;

  start = now_ms ();
  names = load_display_names (path);
  if (names == NULL)
    return FALSE;
  filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)), GTK_FILTER (filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (baseline_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (baseline_bind_cb), NULL);
  view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (filtered)))));
  /* As many columns as the members page has, so the rows cost as many widgets. */
  for (guint i = 0; i < BASELINE_COLUMNS; i++)
    {
      g_autoptr (GtkColumnViewColumn) column = gtk_column_view_column_new ("Name", g_object_ref (factory));

      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  entry = gtk_search_entry_new ();
  g_object_set (entry, "search-delay", 0, NULL);
  baseline.filter = filter;
  g_signal_connect (entry, "search-changed", G_CALLBACK (baseline_search_changed_cb), &baseline);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scrolled);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  frame_watch_start (&frames, window);
  if (!wait_for_rows (&frames, view))
    {
      g_printerr ("baseline: no frame showed rows within %u ms\n", WAIT_TIMEOUT_MS);
      frame_watch_stop (&frames);
      gtk_window_destroy (GTK_WINDOW (window));
      return FALSE;
    }
  printf ("baseline: GtkColumnView (%u columns, each the name) over GtkFilterListModel + GtkStringFilter"
          " (substring, ignore case) on a GtkStringList of %u display names, shown in %.0f ms\n",
          BASELINE_COLUMNS, g_list_model_get_n_items (G_LIST_MODEL (names)), now_ms () - start);
  fflush (stdout);

  /* The same keystrokes in the same order, as many rounds, every one timed. */
  for (guint round = 0; round < TYPING_ROUNDS && ok; round++)
    for (guint w = 0; w < G_N_ELEMENTS (words) && ok; w++)
      {
        const char *word = words[w];

        /* Cleared between words, not timed (a full refilter). */
        baseline.model.changed = FALSE;
        press_keys_to (entry, "");
        wait_for (&baseline.model.changed, WAIT_TIMEOUT_MS);
        spin_ms (TYPING_PAUSE_MS);
        for (const char *end = g_utf8_next_char (word); ; end = g_utf8_next_char (end))
          {
            g_autofree char *prefix = g_strndup (word, end - word);
            gint64 t0;
            guint paints;
            double total;

            planned++;
            memset (&baseline.model, 0, sizeof baseline.model);
            t0 = g_get_monotonic_time ();
            press_keys_to (entry, prefix);
            if (!wait_for (&baseline.model.changed, WAIT_TIMEOUT_MS))
              {
                g_printerr ("baseline “%s”: the filter did not change within %u ms\n", prefix, WAIT_TIMEOUT_MS);
                ok = FALSE;
                break;
              }
            g_array_append_vals (models, &(double) { (baseline.model.changed_at - t0) / 1000.0 }, 1);
            paints = baseline.model.paints_at_change;
            if (!wait_for_paint_after (&frames, paints, WAIT_TIMEOUT_MS))
              {
                g_printerr ("baseline “%s”: no frame painted within %u ms\n", prefix, WAIT_TIMEOUT_MS);
                ok = FALSE;
                break;
              }
            total = (frames.last_paint - t0) / 1000.0;
            g_array_append_val (totals, total);
            g_array_append_val (frame_times, frames.last_frame_ms);
            if (typed < ours->len)
              g_array_append_val (ours_same, g_array_index (ours, double, typed));
            typed++;
            if (round == 0 && g_getenv ("ACR_BENCH_VERBOSE"))
              printf ("  baseline %-10s %8u rows  %8.1f ms (filter %.1f ms, frame %.1f ms)\n", prefix,
                      g_list_model_get_n_items (G_LIST_MODEL (filtered)), total,
                      g_array_index (models, double, models->len - 1), frames.last_frame_ms);
            spin_ms (TYPING_PAUSE_MS);
            if (*end == '\0')
              break;
          }
      }

  frame_watch_stop (&frames);
  gtk_window_destroy (GTK_WINDOW (window));
  if (!ok || totals->len == 0)
    return FALSE;

  printf ("baseline keystroke to list redrawn, %u of %u keystrokes (%u rounds):\n", typed, planned, TYPING_ROUNDS);
  print_stats ("  baseline keystroke to frame painted", totals);
  print_stats ("  of which keystroke to filter changed (GtkStringFilter + view update)", models);
  print_stats ("  duration of that frame (layout + paint)", frame_times);
  percentiles (totals, &p50, &p95, &max);
  if (ours_same->len > 0)
    {
      percentiles (ours_same, &ours_p50, &ours_p95, &ours_max);
      printf ("  ours on the same first %u keystrokes: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n",
              ours_same->len, ours_p50, ours_p95, ours_max);
      printf ("ratio baseline / ours on the same %u keystrokes: p50 %.1f×, p95 %.1f×, max %.1f×\n",
              ours_same->len, p50 / ours_p50, p95 / ours_p95, max / ours_max);
    }
  printf ("(the baseline matches the display name only and does not fold accents:"
          " the number, e-mail and postal prefixes find nothing there, and “lefev” misses “Lefèvre”)\n");
  fflush (stdout);

  return TRUE;
}

static GtkColumnViewColumn *
find_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

/* Whether the frame shows the model's first row (number and name), and, for
 * Number, whether the first rows really are in order of number. */
static gboolean
sorted_rows_shown (AppWindow  *app,
                   const char *title)
{
  GListModel *model = G_LIST_MODEL (acr_members_page_get_results (acr_window_get_members_page (app->window)));
  g_autoptr (AcrMember) first = g_list_model_get_item (model, 0);
  g_autoptr (AcrMember) second = g_list_model_get_item (model, 1);
  g_autofree char *number = acr_member_dup_number_text (first);
  g_autofree char *name = acr_member_dup_display_name (first);

  if (g_str_equal (title, "Number") && acr_member_get_number (first) >= acr_member_get_number (second))
    return FALSE;

  return shows_cell (app->column_view, number) && shows_cell (app->column_view, name);
}

/* 3. Column-header sorting of every member. */
static gboolean
bench_sort (AppWindow  *app,
            FrameWatch *frames)
{
  AcrSearchResults *results = acr_members_page_get_results (acr_window_get_members_page (app->window));
  GtkColumnView *view = GTK_COLUMN_VIEW (app->column_view);
  const char *titles[] = { "Number", "Name" };
  g_autoptr (GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) calls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *over_budget = NULL;
  ModelWatch model;
  gulong items_id;
  guint unchanged = 0, wrong = 0;
  double max_frame = 0;
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (find_column (view, titles[i]) == NULL || gtk_column_view_column_get_sorter (find_column (view, titles[i])) == NULL)
      {
        printf ("column sorting: the “%s” column has no sorter; nothing to measure\n", titles[i]);
        return TRUE;
      }

  g_object_set_data (G_OBJECT (results), "bench-frames", frames);
  items_id = g_signal_connect (results, "items-changed", G_CALLBACK (model_items_changed_cb), &model);

  for (guint round = 0; round < SORT_ROUNDS && ok && over_budget == NULL; round++)
    for (guint i = 0; i < G_N_ELEMENTS (titles) && ok && over_budget == NULL; i++)
      {
        gint64 start, returned;
        guint paints;

        memset (&model, 0, sizeof model);
        frames->max_frame_ms = 0;
        paints = frames->n_paints;
        start = g_get_monotonic_time ();
        gtk_column_view_sort_by_column (view, find_column (view, titles[i]), GTK_SORT_ASCENDING);
        returned = g_get_monotonic_time ();

        /* The application re-sorts in the sorter's "changed" handler; a
         * model that changes later (idle, in steps) is waited for too. */
        if (!model.changed)
          wait_for (&model.changed, 2000);
        if (!model.changed)
          unchanged++;
        else
          paints = model.paints_at_change;
        if (!wait_for_paint_after (frames, paints, WAIT_TIMEOUT_MS))
          {
            g_printerr ("sort by %s: no frame painted within %u ms\n", titles[i], WAIT_TIMEOUT_MS);
            ok = FALSE;
            break;
          }
        g_array_append_vals (totals, &(double) { (frames->last_paint - start) / 1000.0 }, 1);
        g_array_append_vals (calls, &(double) { (returned - start) / 1000.0 }, 1);
        g_array_append_val (frame_times, frames->last_frame_ms);
        max_frame = MAX (max_frame, frames->max_frame_ms);
        if (!sorted_rows_shown (app, titles[i]))
          {
            wrong++;
            g_printerr ("sort by %s: the frame painted does not show the re-sorted first row\n", titles[i]);
          }
        if (g_getenv ("ACR_BENCH_VERBOSE"))
          printf ("  sort by %-6s %7.1f ms (main loop blocked %.1f ms)\n", titles[i],
                  g_array_index (totals, double, totals->len - 1), g_array_index (calls, double, calls->len - 1));
        if (g_array_index (totals, double, totals->len - 1) > ACTION_BUDGET_MS)
          {
            over_budget = g_strdup_printf ("sorting by %s took %.1f s", titles[i],
                                           g_array_index (totals, double, totals->len - 1) / 1000);
            break;
          }
        spin_ms (200);
      }

  g_clear_signal_handler (&items_id, results);
  if (!ok)
    return FALSE;

  printf ("column-header sort of %u members (Number, Name, alternately, %u times each planned, %u clicks timed):\n",
          g_list_model_get_n_items (G_LIST_MODEL (results)), SORT_ROUNDS, totals->len);
  if (over_budget != NULL)
    printf ("  STOPPED: %s, over the %u ms budget per action; no further clicks\n", over_budget, ACTION_BUDGET_MS);
  print_stats ("  click to re-sorted rows painted", totals);
  print_stats ("  of which main loop blocked in the sort (no frame can be drawn then)", calls);
  print_stats ("  duration of that frame (layout + paint)", frame_times);
  printf ("  longest frame while sorting: %.1f ms\n", max_frame);
  if (unchanged > 0)
    printf ("  %u of %u clicks did not change the model\n", unchanged, totals->len);
  printf ("  re-sorted first row painted after %u of %u clicks\n", totals->len - wrong, totals->len);
  {
    double p50, p95, max;

    percentiles (totals, &p50, &p95, &max);
    printf ("target sort < 300 ms: %s (max %.0f ms)\n", max < 300 ? "met" : "NOT met", max);
  }
  fflush (stdout);

  return wrong == 0 && unchanged == 0;
}

/* ACR_BENCH_ONLY=typing,sort (say) runs only those sections, for profiling. */
static gboolean
section_wanted (const char *section)
{
  const char *only = g_getenv ("ACR_BENCH_ONLY");
  g_auto (GStrv) sections = NULL;

  if (only == NULL || only[0] == '\0')
    return TRUE;
  sections = g_strsplit (only, ",", -1);

  return g_strv_contains ((const char * const *) sections, section);
}

int
main (int    argc,
      char **argv)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  guint large_count = g_getenv ("ACR_BENCH_MEMBERS") ? atoi (g_getenv ("ACR_BENCH_MEMBERS")) : 1000000;
  g_autofree char *small_name = NULL;
  g_autofree char *large_name = NULL;
  g_autofree char *small_path = NULL;
  g_autofree char *large_path = NULL;
  g_autoptr (GArray) typed = g_array_new (FALSE, FALSE, sizeof (double));
  AppWindow app = { 0 };
  FrameWatch frames;
  gboolean ok;
  int rc;

  if (argc == 3 && g_str_equal (argv[1], "--members") && atoi (argv[2]) > 0)
    large_count = atoi (argv[2]);
  else if (argc != 1)
    {
      g_printerr ("usage: %s [--members COUNT]\n", argv[0]);
      return 2;
    }
  small_name = g_strdup_printf ("bench-members-%u.db", SMALL_COUNT);
  large_name = g_strdup_printf ("bench-members-%u.db", large_count);
  small_path = g_build_filename (builddir ? builddir : ".", small_name, NULL);
  large_path = g_build_filename (builddir ? builddir : ".", large_name, NULL);

  acr_bench_print_header ("bench-ui");
  print_machine ();
#ifdef __OPTIMIZE__
  printf ("build: optimized (as the Flatpak builds it)\n");
#else
  printf ("build: not optimized (-O0): the application's own code runs slower than staff will see\n");
#endif
  printf ("GTK %u.%u.%u, libadwaita %u.%u.%u, GSK_RENDERER=%s, GDK_BACKEND=%s\n",
          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)",
          g_getenv ("GDK_BACKEND") ? g_getenv ("GDK_BACKEND") : "(default)");
  fflush (stdout);

  /* Before GTK is initialised: generating forks. */
  acr_test_ensure_sample_database (small_path, SMALL_COUNT);
  acr_test_ensure_sample_database (large_path, large_count);

  if (!gtk_init_check ())
    {
      printf ("no display: run under xvfb-run -a; skipped\n");
      return 77;
    }
  adw_init ();

  /* 1. The application, in fresh processes, before this one holds a big index. */
  rc = section_wanted ("launch") ? bench_launch (g_getenv ("ACR_APP"), small_path, large_path, large_count) : 0;
  if (rc != 0)
    return EXIT_FAILURE;

  /* 2 and 3 in this process, on one window on the large database. */
  if (!open_app_window (&app, &frames, large_path))
    return EXIT_FAILURE;
  if (!wait_for_search (&app))
    return EXIT_FAILURE;
  spin_ms (300);

  /* Sorting first: the list holds every member now, and a search would
   * need the entry cleared (itself a full refresh) before it. */
  ok = (!section_wanted ("sort") || bench_sort (&app, &frames)) &&
       (!section_wanted ("typing") || bench_typing (&app, &frames, typed));
  close_app_window (&app, &frames);
  if (!ok)
    return EXIT_FAILURE;

  spin_ms (100);
  if (section_wanted ("typing") && section_wanted ("baseline") && !bench_baseline (large_path, typed))
    return EXIT_FAILURE;

  printf ("peak RSS of this process (the in-process sections) %.0f MB\n", acr_bench_peak_rss_mb (RUSAGE_SELF));
  return EXIT_SUCCESS;
}
