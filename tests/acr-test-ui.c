/* acr-test-ui.c: one environment for every UI test, whatever the machine has
 *
 * A UI test must not depend on what happens to be installed or set where it
 * runs: the GL driver, the fonts, the theme, the user's settings or language.
 * acr_test_ui_init () fixes all of them before GTK reads any, then starts GTK
 * and libadwaita.
 */

#include "acr-test-ui.h"

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
