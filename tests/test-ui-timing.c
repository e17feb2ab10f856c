#define G_LOG_DOMAIN "test-ui-timing"

#include "config.h"

#include <adwaita.h>

#include "acr-timing.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* The opt-in start-up timing line that tests/bench-ui.c reads from the real
 * application: with ACR_TIMING=1, one line per event, once; without, none. */

static void
show_members (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  AcrStore *store;
  AcrWindow *window;

  g_settings_set_string (settings, "last-view", "members");
  store = acr_test_open_store (dir);
  window = acr_test_ui_show_window (store);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (acr_window_get_members_page (window)),
                                             "members.load-sample", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  acr_timing_mark ("main");
  acr_timing_mark ("main");

  acr_test_ui_close_window (window, store);
  acr_test_remove_tree (dir);
}

static void
test_timing_lines_when_asked (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("ACR_TIMING", "1", TRUE);
      show_members ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*acr-timing: first-frame *");
  g_test_trap_assert_stderr ("*acr-timing: rows-shown *");
  g_test_trap_assert_stderr ("*acr-timing: search-ready *");
  g_test_trap_assert_stderr ("*acr-timing: main *");
  /* Each event once. */
  g_test_trap_assert_stderr_unmatched ("*acr-timing: main *acr-timing: main *");
  g_test_trap_assert_stderr_unmatched ("*acr-timing: rows-shown *acr-timing: rows-shown *");
}

static void
test_timing_silent_by_default (void)
{
  if (g_test_subprocess ())
    {
      g_unsetenv ("ACR_TIMING");
      show_members ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*acr-timing:*");
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/timing/lines-when-asked", test_timing_lines_when_asked);
  g_test_add_func ("/acr/ui/timing/silent-by-default", test_timing_silent_by_default);

  return g_test_run ();
}
