/* acr-test-ui.c: one environment for every UI test, whatever the machine has
 *
 * A UI test must not depend on what happens to be installed or set where it
 * runs: the GL driver, the fonts, the theme, the user's settings or language.
 * acr_test_ui_init () fixes all of them before GTK reads any, then starts GTK
 * and libadwaita.
 */

#include "config.h"

#include "acr-test-ui.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include <adwaita.h>
#include <gtk/gtk.h>

#include "acr-test-utils.h"

static char *ui_home;

static void
remove_ui_home (void)
{
  if (ui_home != NULL)
    acr_test_remove_tree (ui_home);
  g_clear_pointer (&ui_home, g_free);
}

static void
fix_environment (void)
{
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *fonts = NULL;

  /* Software rendering through cairo, and no GL at all: GDK's X11 backend
   * otherwise loads the machine's Mesa driver to pick a visual even when GSK
   * draws with cairo, and that driver's allocations are not ours to answer
   * for (on a fresh Debian 12 they failed five tests under LeakSanitizer). */
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("GTK_THEME");
  g_unsetenv ("GTK_DEBUG");
  g_unsetenv ("GDK_SCALE");
  g_unsetenv ("GDK_DPI_SCALE");
  g_unsetenv ("GTK_IM_MODULE");
  g_unsetenv ("ADW_DEBUG_COLOR_SCHEME");
  g_unsetenv ("ADW_DEBUG_HIGH_CONTRAST");

  /* Only the fonts of the packages build-aux/install-deps installs. */
  fonts = g_build_filename (ACR_TESTS_SRCDIR, "fonts.conf", NULL);
  g_setenv ("FONTCONFIG_FILE", fonts, TRUE);

  /* A home of its own: no settings.ini, recent files or caches of the user's. */
  ui_home = acr_test_make_temp_dir ();
  config = g_build_filename (ui_home, "config", NULL);
  data = g_build_filename (ui_home, "data", NULL);
  cache = g_build_filename (ui_home, "cache", NULL);
  g_setenv ("HOME", ui_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_CONFIG_DIRS", config, TRUE);
  g_setenv ("XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  atexit (remove_ui_home);
}

void
acr_test_ui_init (int    *argc,
                  char ***argv)
{
  fix_environment ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* A new main window (a reference of the caller's) on @store unless it is
 * NULL, shown and drawn once. */
AcrWindow *
acr_test_ui_show_window (AcrStore *store)
{
  AcrWindow *window = g_object_ref (acr_window_new (NULL));

  if (store != NULL)
    acr_window_set_store (window, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* Destroys @window and asserts that it, and @store unless NULL, are
 * finalized with the caller's last reference: nothing kept them alive. */
void
acr_test_ui_close_window (AcrWindow *window,
                          AcrStore  *store)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  if (store != NULL)
    g_assert_finalize_object (store);
}

/* Waits (a minute at most) until the billing page is no longer busy: no
 * preview or run left in its threads. */
void
acr_test_ui_wait_for_billing (AcrBillingPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (acr_billing_page_get_busy (page))
    {
      /* Not blocking: a change that never comes must reach the deadline. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/*
 * The first of @widget and its descendants (depth first) that is a @type
 * and, unless @name is NULL, has the widget name @name; NULL if none is.
 */
GtkWidget *
acr_test_ui_find_widget (GtkWidget  *widget,
                         GType       type,
                         const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = acr_test_ui_find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first button below @widget (or @widget) whose action is @action, shown or not. */
GtkWidget *
acr_test_ui_find_action_button (GtkWidget  *widget,
                                const char *action)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = acr_test_ui_find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A visible toplevel window of @type (a dialog), or NULL. */
GtkWindow *
acr_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

/* Waits (ten seconds at most) for a visible toplevel of @type; NULL if none came. */
GtkWindow *
acr_test_ui_wait_for_toplevel (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWindow *window;

  while ((window = acr_test_ui_find_toplevel (type)) == NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return window;
}

/* For tests in both languages: gtk_test_init () sets the "C" locale, under
 * which gettext ignores LANGUAGE; C.UTF-8 lets a test choose French with
 * LANGUAGE, from the build tree's catalogs (as build-aux/run gives the
 * application). */
void
acr_test_ui_use_build_catalogs (void)
{
  g_autofree char *locale_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
