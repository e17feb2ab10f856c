#define G_LOG_DOMAIN "test-ui-preferences"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "acr-application.h"
#include "acr-backup.h"
#include "acr-preferences-window.h"
#include "acr-rules.h"
#include "acr-store-settings.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

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
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *stored = NULL;
  AcrPreferencesWindow *preferences = create_preferences ();
  GtkWidget *issuer = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW, "Issuer Name");
  GtkWidget *paper = find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, "Paper Size");

  g_assert_nonnull (issuer);
  g_assert_nonnull (paper);

  /* The issuer is the membership's: without a database, nothing to edit. */
  g_assert_false (gtk_widget_get_sensitive (issuer));
  acr_preferences_window_set_store (preferences, store);
  g_assert_true (gtk_widget_get_sensitive (issuer));
  gtk_editable_set_text (GTK_EDITABLE (issuer), "ACR Membership Office");
  stored = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "ACR Membership Office");
  assert_setting (settings, "issuer-name", "American College of Radiology");

  adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 1);
  assert_setting (settings, "paper-size", "a4");
  g_settings_set_string (settings, "paper-size", "letter");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (paper)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_assert_finalize_object (preferences);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* A workstation's issuer from before it moved into the database is copied
 * into a database that has none, once; a database that has one keeps it. */
static void
test_preferences_import_issuer_into_a_database_without_one (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *other_dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrStore) other = acr_test_open_store (other_dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autofree char *kept = NULL;

  /* Defaults only: nothing to copy, the renderer has them too. */
  g_settings_reset (settings, "issuer-name");
  g_settings_reset (settings, "issuer-address");
  g_assert_true (acr_preferences_import_issuer (settings, store, &error));
  g_assert_no_error (error);
  name = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_NAME, &error);
  g_assert_null (name);

  g_settings_set_string (settings, "issuer-name", "ACR Reston Office");
  g_settings_set_string (settings, "issuer-address", "1891 Preston White Drive\nReston, VA 20191-4326");
  g_assert_true (acr_preferences_import_issuer (settings, store, &error));
  g_assert_no_error (error);
  name = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_NAME, &error);
  address = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_ADDRESS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "ACR Reston Office");
  g_assert_cmpstr (address, ==, "1891 Preston White Drive\nReston, VA 20191-4326");

  /* Another database already names its issuer: this workstation's value
   * does not overwrite it. */
  g_assert_true (acr_store_set_setting (other, ACR_STORE_SETTING_ISSUER_NAME, "ACR Foundation", &error));
  g_assert_true (acr_preferences_import_issuer (settings, other, &error));
  g_assert_no_error (error);
  kept = acr_store_dup_setting (other, ACR_STORE_SETTING_ISSUER_NAME, &error);
  g_assert_cmpstr (kept, ==, "ACR Foundation");

  g_settings_reset (settings, "issuer-name");
  g_settings_reset (settings, "issuer-address");
  g_clear_object (&store);
  g_clear_object (&other);
  acr_test_remove_tree (dir);
  acr_test_remove_tree (other_dir);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Preferences shows the last verified backup of the open database, and Back Up Now adds one. */
static void
test_preferences_show_last_good_backup_and_back_up_now (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrMember) member = acr_test_make_member ("Ada", "Backup", "ada.backup@example.org", NULL);
  g_autoptr (AcrBackupInfo) first = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  AcrPreferencesWindow *preferences;
  GtkWidget *row, *button;
  gint64 deadline;

  g_settings_reset (settings, "backup-folder");
  g_assert_true (acr_store_add_member (store, member, "test", &error));
  g_assert_no_error (error);
  folder = acr_backup_default_folder (acr_store_get_location (store));

  preferences = create_preferences ();
  acr_preferences_window_set_store (preferences, store);
  row = find_widget (GTK_WIDGET (preferences), ADW_TYPE_ACTION_ROW, "Last Good Backup");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "No verified backup yet");

  first = acr_backup_create (acr_store_get_location (store), folder, "manual", NULL, &error);
  g_assert_no_error (error);
  acr_preferences_window_set_store (preferences, NULL);
  acr_preferences_window_set_store (preferences, store);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "1 members, 0 invoices, 0 payments"));

  button = find_button (GTK_WIDGET (preferences), "_Back Up Now");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!gtk_widget_get_sensitive (button) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (button));
  list = acr_backup_list (folder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (((AcrBackupInfo *) g_ptr_array_index (list, 0))->verified);

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_object_unref (preferences);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* The application's Restore: the store is let go, restored and opened again; refused, and still
 * working, while another connection has the database open. */
static void
test_application_restore_reopens_the_store (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "members.db", NULL);
  g_autofree char *folder = acr_backup_default_folder (db);
  g_autoptr (AcrApplication) app = acr_application_new ();
  g_autoptr (AcrMember) first = acr_test_make_member ("Ada", "Before", "ada.before@example.org", NULL);
  g_autoptr (AcrMember) later = acr_test_make_member ("Bea", "After", "bea.after@example.org", NULL);
  g_autoptr (AcrBackupInfo) backup = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrMember) found = NULL;
  AcrStore *store;

  g_settings_set_string (settings, "database-path", db);
  g_settings_reset (settings, "backup-folder");
  g_object_set (app, "flags", G_APPLICATION_NON_UNIQUE, NULL);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  /* The first start of the day takes a backup, in a thread (bounded wait). */
  for (gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; g_get_monotonic_time () < deadline;)
    {
      g_autoptr (AcrBackupInfo) daily = acr_backup_find_last_verified (folder, db);

      if (daily != NULL)
        {
          g_assert_cmpstr (daily->reason, ==, "daily");
          break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  {
    g_autoptr (AcrBackupInfo) daily = acr_backup_find_last_verified (folder, db);

    g_assert_nonnull (daily);
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  store = acr_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_true (acr_store_add_member (store, first, "test", &error));
  g_assert_no_error (error);
  backup = acr_backup_create (db, folder, "manual", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (acr_store_add_member (store, later, "test", &error));
  g_assert_no_error (error);

  /* Another connection holds the database: refused, and the application's store works on. */
  {
    g_autoptr (AcrStore) other = acr_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_false (acr_application_restore_backup (app, backup->path, &error));
    g_assert_error (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_IN_USE);
    g_clear_error (&error);
  }
  store = acr_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 2);

  g_assert_true (acr_application_restore_backup (app, backup->path, &error));
  g_assert_no_error (error);
  store = acr_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 1);
  found = acr_store_lookup_member (store, acr_member_get_number (later), &error);
  g_assert_null (found);
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_settings_reset (settings, "database-path");
  g_clear_object (&app);
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/preferences/refuses-a-bad-rules-file-in-place", test_preferences_refuses_a_bad_rules_file_in_place);
  g_test_add_func ("/acr/ui/preferences/write-invoice-settings", test_preferences_write_invoice_settings);
  g_test_add_func ("/acr/ui/preferences/import-issuer-into-a-database-without-one",
                   test_preferences_import_issuer_into_a_database_without_one);

  g_test_add_func ("/acr/ui/preferences/show-last-good-backup-and-back-up-now",
                   test_preferences_show_last_good_backup_and_back_up_now);

  g_test_add_func ("/acr/ui/preferences/application-restore-reopens-the-store",
                   test_application_restore_reopens_the_store);

  return g_test_run ();
}
