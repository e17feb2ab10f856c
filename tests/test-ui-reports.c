#define G_LOG_DOMAIN "test-ui-reports"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "acr-billing-run.h"
#include "acr-chart-view.h"
#include "acr-reports-page.h"
#include "acr-sample-data.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* The Reports view: Alt+4 opens it; the table shows the core's report in
 * the interface's language; the chart is reached and read by keyboard;
 * exports are written whole. The fixture's data is the interface language. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *language = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  GDate issued_on;

  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);

  g_settings_set_string (settings, "last-view", "members");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  g_assert_true (acr_sample_data_generate (fixture->store, 150, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  billing = acr_billing_new (fixture->store, rules);
  g_date_clear (&issued_on, 1);
  g_date_set_dmy (&issued_on, 10, G_DATE_JANUARY, 2026);
  run = acr_billing_run_new (billing, 2026, &issued_on);
  /* The bundle's schedule holds placeholder amounts: accepted on purpose here. */
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_assert_true (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_no_error (error);

  fixture->window = acr_test_ui_show_window (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AcrReportsPage *page = ACR_REPORTS_PAGE (acr_test_ui_find_widget (GTK_WIDGET (fixture->window), ACR_TYPE_REPORTS_PAGE, NULL));

  while (acr_reports_page_get_loading (page))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  acr_test_ui_close_window (fixture->window, NULL);
  g_assert_finalize_object (fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("LANGUAGE");
}

static AcrReportsPage *
show_report (Fixture       *fixture,
             AcrReportKind  kind,
             int            year)
{
  AcrReportsPage *page;

  /* Alt+4, as the shortcuts window lists it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "reports"));
  g_assert_cmpstr (acr_window_get_view (fixture->window), ==, "reports");
  page = ACR_REPORTS_PAGE (acr_test_ui_find_widget (GTK_WIDGET (fixture->window), ACR_TYPE_REPORTS_PAGE, NULL));
  acr_reports_page_show_report (page, kind, year);
  while (acr_reports_page_get_loading (page))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
  g_assert_nonnull (acr_reports_page_get_report (page));
  g_assert_cmpint (acr_report_get_kind (acr_reports_page_get_report (page)), ==, kind);
  return page;
}

/* A key press as the widget's key controller receives it. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
      return handled;
    }
  return FALSE;
}

static GtkWidget *
table_cell (AcrReportsPage *page,
            int             column,
            int             row)
{
  GtkGrid *table = GTK_GRID (acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_GRID, "table"));

  return gtk_grid_get_child_at (table, column, row);
}

static void
test_reports_table_shows_the_core_report (Fixture       *fixture,
                                          gconstpointer  data)
{
  AcrReportsPage *page = show_report (fixture, ACR_REPORT_DUES_BY_CATEGORY, 2026);
  AcrReport *report = acr_reports_page_get_report (page);
  const char *language = data;

  g_assert_cmpuint (acr_report_get_n_rows (report), >, 1);
  for (guint c = 0; c < acr_report_get_n_columns (report); c++)
    {
      GtkWidget *header = table_cell (page, c, 0);

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, acr_report_get_column_title (report, c));
      for (guint r = 0; r < acr_report_get_n_rows (report); r++)
        {
          g_autofree char *expected = acr_report_format_cell (report, r, c, language);

          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (table_cell (page, c, r + 1))), ==, expected);
        }
    }
  if (g_str_equal (language, "fr"))
    g_assert_cmpstr (acr_report_get_column_title (report, 0), ==, "Catégorie");
}

static void
test_reports_chart_is_read_point_by_point_from_the_keyboard (Fixture       *fixture,
                                                             gconstpointer  data)
{
  AcrReportsPage *page = show_report (fixture, ACR_REPORT_CHAPTERS, 2026);
  AcrChartView *view = ACR_CHART_VIEW (acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_CHART_VIEW, NULL));
  AcrChart *chart = acr_chart_view_get_chart (view);
  g_autofree char *second = NULL;
  const char *tooltip;
  guint series = 99, category = 99;

  g_assert_true (chart == acr_report_get_chart (acr_reports_page_get_report (page)));
  g_assert_cmpuint (acr_chart_get_n_categories (chart), >, 1);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (view)));

  /* Right moves to the next chapter, Down to the next series. */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Right));
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_Down));
  iterate ();
  g_assert_true (acr_chart_view_get_focused_point (view, &series, &category));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (category, ==, 1);

  /* What it says is the point's value, as the table writes it. */
  second = acr_chart_describe_point (chart, 1, 1, NULL);
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (view));
  g_assert_cmpstr (tooltip, ==, second);
  g_assert_nonnull (strstr (second, acr_chart_get_category (chart, 1)));

  /* End goes to the last chapter. */
  g_assert_true (press_key (GTK_WIDGET (view), GDK_KEY_End));
  g_assert_true (acr_chart_view_get_focused_point (view, &series, &category));
  g_assert_cmpuint (category, ==, acr_chart_get_n_categories (chart) - 1);
}

static void
test_reports_exports_are_whole_and_private (Fixture       *fixture,
                                            gconstpointer  data)
{
  AcrReportsPage *page = show_report (fixture, ACR_REPORT_DUES_BY_YEAR, 0);
  const char *formats[] = { "csv", "pdf", "png" };
  const char *magic[] = { "Year,", "%PDF", "\x89PNG" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strconcat ("report.", formats[i], NULL);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;
      GStatBuf st;

      g_assert_true (acr_reports_page_export (page, formats[i], file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_cmpuint (length, >, strlen (magic[i]));
      g_assert_cmpint (memcmp (contents, magic[i], strlen (magic[i])), ==, 0);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
}

static void
test_reports_export_refuses_the_database (Fixture       *fixture,
                                          gconstpointer  data)
{
  AcrReportsPage *page = show_report (fixture, ACR_REPORT_DUES_BY_YEAR, 0);
  g_autoptr (GFile) database = g_file_new_for_path (acr_store_get_location (fixture->store));
  g_autofree char *before = acr_test_hash_file (acr_store_get_location (fixture->store));
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (acr_reports_page_export (page, "csv", database, &error));
  g_assert_nonnull (error);
  after = acr_test_hash_file (acr_store_get_location (fixture->store));
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

  g_test_add ("/acr/ui/reports/table-shows-the-core-report", Fixture, "en",
              fixture_set_up, test_reports_table_shows_the_core_report, fixture_tear_down);
  g_test_add ("/acr/ui/reports/table-shows-the-core-report-in-french", Fixture, "fr",
              fixture_set_up, test_reports_table_shows_the_core_report, fixture_tear_down);
  g_test_add ("/acr/ui/reports/chart-is-read-point-by-point-from-the-keyboard", Fixture, "en",
              fixture_set_up, test_reports_chart_is_read_point_by_point_from_the_keyboard, fixture_tear_down);
  g_test_add ("/acr/ui/reports/exports-are-whole-and-private", Fixture, "en",
              fixture_set_up, test_reports_exports_are_whole_and_private, fixture_tear_down);
  g_test_add ("/acr/ui/reports/export-refuses-the-database", Fixture, "en",
              fixture_set_up, test_reports_export_refuses_the_database, fixture_tear_down);

  return g_test_run ();
}
