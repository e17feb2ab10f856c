#define G_LOG_DOMAIN "test-ui-what-if"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "acr-date.h"
#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-what-if.h"
#include "acr-what-if-dialog.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* Try a Proposed Dues Schedule… from the primary menu: the dialog shows
 * the figures the core computes for the same file, in the interface's
 * language; a bad file is shown in place and the dialog stays. The
 * fixture's data is the interface language. */

#define YEAR 2027

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
  char      *proposed_path;
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

  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);

  g_settings_set_string (settings, "last-view", "members");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  g_assert_true (acr_sample_data_generate (fixture->store, 150, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  /* General full dues for YEAR up $100.00. */
  fixture->proposed_path = acr_test_write_changed_rules (fixture->dir, "proposed.json", YEAR, 10000, 0);
  fixture->window = acr_test_ui_show_window (fixture->store);
}

static AcrWhatIfDialog *
find_dialog (void)
{
  return ACR_WHAT_IF_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_WHAT_IF_DIALOG));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AcrWhatIfDialog *dialog = find_dialog ();

  if (dialog != NULL)
    {
      while (acr_what_if_dialog_get_running (dialog))
        g_main_context_iteration (NULL, TRUE);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  iterate ();
  acr_test_ui_close_window (fixture->window, NULL);
  g_assert_finalize_object (fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->proposed_path);
  g_unsetenv ("LANGUAGE");
}

/* The primary menu's item, as staff choose it. */
static AcrWhatIfDialog *
open_dialog (Fixture *fixture)
{
  AcrWhatIfDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.what-if", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  iterate ();
  return dialog;
}

/* Chooses the file (as the file chooser does), then presses Compare and waits. */
static void
compare (AcrWhatIfDialog *dialog,
         const char      *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWidget *button;

  acr_what_if_dialog_set_proposed_file (dialog, file);
  acr_what_if_dialog_set_year (dialog, YEAR);
  button = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "compare");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  while (acr_what_if_dialog_get_running (dialog))
    g_main_context_iteration (NULL, TRUE);
  iterate ();
}

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found;

      if (ADW_IS_ACTION_ROW (child) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return ADW_ACTION_ROW (child);
      if ((found = find_row (child, title)) != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_value_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "numeric"))
        return child;
      if ((found = find_value_label (child)) != NULL)
        return found;
    }
  return NULL;
}

/* The value a result row shows at its end. */
static const char *
value_of (AcrWhatIfDialog *dialog,
          const char      *title)
{
  AdwActionRow *row = find_row (GTK_WIDGET (dialog), title);
  GtkWidget *label;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (row)));
  label = find_value_label (GTK_WIDGET (row));
  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The core's figures for the same file, members and day. */
static AcrWhatIf *
core_what_if (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) proposed = acr_rules_new_from_file (fixture->proposed_path, &error);
  AcrWhatIf *what_if;
  GDate today;

  g_assert_no_error (error);
  acr_date_today (&today);
  what_if = acr_what_if_new (fixture->store, acr_window_get_rules (fixture->window), proposed, YEAR, &today);
  g_assert_true (acr_what_if_execute (what_if, NULL, &error));
  g_assert_no_error (error);
  return what_if;
}

static void
test_what_if_shows_the_core_figures (Fixture       *fixture,
                                     gconstpointer  data)
{
  AcrWhatIfDialog *dialog = open_dialog (fixture);
  g_autoptr (AcrWhatIf) expected = core_what_if (fixture);
  g_autofree char *now = acr_money_format (acr_what_if_get_total_now_cents (expected), NULL);
  g_autofree char *then = acr_money_format (acr_what_if_get_total_then_cents (expected), NULL);
  g_autofree char *more = g_strdup_printf ("%u", acr_what_if_get_n_more (expected));
  g_autofree char *same = g_strdup_printf ("%u", acr_what_if_get_n_same (expected));
  const char *language = data;

  compare (dialog, fixture->proposed_path);

  g_assert_false (gtk_widget_get_visible (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error")));
  g_assert_true (gtk_widget_get_visible (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BOX, "results")));
  g_assert_cmpint (acr_what_if_get_total_then_cents (expected), >, acr_what_if_get_total_now_cents (expected));
  if (g_str_equal (language, "fr"))
    {
      g_assert_cmpstr (value_of (dialog, "Facturé selon les règles en vigueur"), ==, now);
      g_assert_cmpstr (value_of (dialog, "Facturé selon les règles proposées"), ==, then);
      g_assert_cmpstr (value_of (dialog, "Membres qui paieraient plus"), ==, more);
      g_assert_cmpstr (value_of (dialog, "Membres qui paieraient autant"), ==, same);
      g_assert_nonnull (g_strrstr (now, ",00"));
    }
  else
    {
      g_assert_cmpstr (value_of (dialog, "Billed under the rules in use"), ==, now);
      g_assert_cmpstr (value_of (dialog, "Billed under the proposed rules"), ==, then);
      g_assert_cmpstr (value_of (dialog, "Members who would pay more"), ==, more);
      g_assert_cmpstr (value_of (dialog, "Members who would pay the same"), ==, same);
      g_assert_true (g_str_has_prefix (now, "$"));
    }
}

static void
test_what_if_bad_file_is_shown_in_place_and_the_dialog_stays (Fixture       *fixture,
                                                              gconstpointer  data)
{
  AcrWhatIfDialog *dialog = open_dialog (fixture);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "next-year.json", NULL);
  g_autoptr (GError) error = NULL;
  GtkWidget *error_label;

  g_assert_true (g_file_set_contents (bad_path, "{\"format\": 1, \"dues\": [}", -1, &error));
  compare (dialog, bad_path);

  g_assert_true (find_dialog () == dialog);
  error_label = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "next-year.json"));
  g_assert_false (gtk_widget_get_visible (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BOX, "results")));

  /* A good file afterwards clears the error and compares. */
  compare (dialog, fixture->proposed_path);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_get_visible (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BOX, "results")));
}

static void
test_what_if_compare_waits_for_a_file (Fixture       *fixture,
                                       gconstpointer  data)
{
  AcrWhatIfDialog *dialog = open_dialog (fixture);
  GtkWidget *button = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "compare");

  g_assert_false (gtk_widget_get_sensitive (button));
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

  g_test_add ("/acr/ui/what-if/shows-the-core-figures", Fixture, "en",
              fixture_set_up, test_what_if_shows_the_core_figures, fixture_tear_down);
  g_test_add ("/acr/ui/what-if/shows-the-core-figures-in-french", Fixture, "fr",
              fixture_set_up, test_what_if_shows_the_core_figures, fixture_tear_down);
  g_test_add ("/acr/ui/what-if/bad-file-is-shown-in-place-and-the-dialog-stays", Fixture, "en",
              fixture_set_up, test_what_if_bad_file_is_shown_in_place_and_the_dialog_stays, fixture_tear_down);
  g_test_add ("/acr/ui/what-if/compare-waits-for-a-file", Fixture, "en",
              fixture_set_up, test_what_if_compare_waits_for_a_file, fixture_tear_down);

  return g_test_run ();
}
