#define G_LOG_DOMAIN "test-ui-preferences"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "acr-preferences-window.h"
#include "acr-rules.h"
#include "acr-test-ui.h"

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (widget) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AcrPreferencesWindow *
create_preferences (void)
{
  AcrPreferencesWindow *preferences = g_object_ref (acr_preferences_window_new (NULL));

  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (preferences));

  return preferences;
}

static void
test_preferences_refuses_a_bad_rules_file_in_place (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_dir_make_tmp ("acr-ui-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken-rules.json", NULL);
  g_autofree char *good = g_build_filename (dir, "rules.json", NULL);
  g_autoptr (GBytes) bundled = NULL;
  AcrPreferencesWindow *preferences;
  GtkWidget *row, *revealer, *label;

  g_settings_reset (settings, "rules-file");
  g_assert_true (g_file_set_contents (bad, "{ \"format\": 1, \"categories\": 7 }", -1, NULL));
  bundled = g_resources_lookup_data (ACR_RULES_DEFAULT_RESOURCE, 0, NULL);
  g_assert_nonnull (bundled);
  g_assert_true (g_file_set_contents (good, g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled), NULL));

  preferences = create_preferences ();
  row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Rules File");
  revealer = find_widget (GTK_WIDGET (preferences), GTK_TYPE_REVEALER, NULL);
  g_assert_nonnull (row);
  g_assert_nonnull (revealer);
  label = gtk_revealer_get_child (GTK_REVEALER (revealer));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Bundled rules");

  /* A file the rules engine refuses: the error shows under the row and the
   * rules in use stay as they were. */
  g_assert_false (acr_preferences_window_choose_rules_file (preferences, bad));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "broken-rules.json"));
  assert_setting (settings, "rules-file", "");

  /* A valid file is taken and the error goes away. */
  g_assert_true (acr_preferences_window_choose_rules_file (preferences, good));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  assert_setting (settings, "rules-file", good);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, good);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);

  g_settings_reset (settings, "rules-file");
  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
}

static void
test_preferences_write_invoice_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  AcrPreferencesWindow *preferences = create_preferences ();
  GtkWidget *issuer = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Issuer Name");
  GtkWidget *paper = find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "Paper Size");

  g_assert_nonnull (issuer);
  g_assert_nonnull (paper);

  gtk_editable_set_text (GTK_EDITABLE (issuer), "ACR Membership Office");
  assert_setting (settings, "issuer-name", "ACR Membership Office");

  adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 1);
  assert_setting (settings, "paper-size", "a4");
  g_settings_set_string (settings, "paper-size", "letter");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/preferences/refuses-a-bad-rules-file-in-place", test_preferences_refuses_a_bad_rules_file_in_place);
  g_test_add_func ("/acr/ui/preferences/write-invoice-settings", test_preferences_write_invoice_settings);

  return g_test_run ();
}
