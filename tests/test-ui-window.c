#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "acr-window.h"
#include "acr-test-ui.h"

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_window_has_four_views (void)
{
  AcrWindow *window = acr_test_ui_show_window (NULL);
  AdwViewStack *stack = ADW_VIEW_STACK (acr_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_autoptr (GtkSelectionModel) pages = NULL;
  const char *expected[] = { "applications", "members", "billing", "reports" };
  const char *titles[] = { "Applications", "Members", "Billing", "Reports" };

  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, expected[i]);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
    }

  acr_test_ui_close_window (window, NULL);
}

static void
test_window_switches_views_and_remembers (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  AcrWindow *window;
  AdwViewStack *stack;
  g_autoptr (GtkSelectionModel) pages = NULL;

  g_settings_set_string (settings, "last-view", "applications");
  window = acr_test_ui_show_window (NULL);
  stack = ADW_VIEW_STACK (acr_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "applications");

  /* Through the window action, as the Alt+2 shortcut does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "members"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "members");
  g_assert_cmpstr (acr_window_get_view (window), ==, "members");

  /* Through the pages selection model, as the view switcher does. */
  pages = adw_view_stack_get_pages (stack);
  gtk_selection_model_select_item (pages, 2, TRUE);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "billing");
  assert_setting (settings, "last-view", "billing");

  /* An unknown view name changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "nowhere"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "billing");

  acr_test_ui_close_window (window, NULL);

  /* A new window opens on the last view. */
  window = acr_test_ui_show_window (NULL);
  g_assert_cmpstr (acr_window_get_view (window), ==, "billing");
  acr_test_ui_close_window (window, NULL);
}

static void
test_window_remembers_size (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  AcrWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 600);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = acr_test_ui_show_window (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 600);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_finalize_object (window);
}

static void
test_window_search_shortcut_opens_members (void)
{
  AcrWindow *window = acr_test_ui_show_window (NULL);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "applications"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_cmpstr (acr_window_get_view (window), ==, "members");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-application", NULL));
  g_assert_cmpstr (acr_window_get_view (window), ==, "applications");

  acr_test_ui_close_window (window, NULL);
}

/* The HIG's narrowest width: every view, folded, fits 360 pixels (with
 * GNOME's title-bar buttons). */
static void
test_window_fits_360_pixels (void)
{
  AcrWindow *window;
  GtkWidget *content;
  int minimum = 0;

  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  window = acr_test_ui_show_window (NULL);
  content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  acr_test_ui_close_window (window, NULL);
}

/* French labels are longer ("Inscrire la retraite…"): every view still fits. */
static void
test_window_fits_360_pixels_in_french (void)
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("_Retire…"), !=, "_Retire…");
  test_window_fits_360_pixels ();
  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

  g_test_add_func ("/acr/ui/window/has-four-views", test_window_has_four_views);
  g_test_add_func ("/acr/ui/window/switches-views-and-remembers", test_window_switches_views_and_remembers);
  g_test_add_func ("/acr/ui/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/acr/ui/window/search-shortcut-opens-members", test_window_search_shortcut_opens_members);

  g_test_add_func ("/acr/ui/window/fits-360-pixels", test_window_fits_360_pixels);
  g_test_add_func ("/acr/ui/window/fits-360-pixels-in-french", test_window_fits_360_pixels_in_french);

  return g_test_run ();
}
