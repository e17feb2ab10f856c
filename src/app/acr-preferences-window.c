#define G_LOG_DOMAIN "acr-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-application.h"
#include "acr-backup.h"
#include "acr-preferences-window.h"
#include "acr-store-sqlite.h"
#include "acr-rules.h"
#include "acr-store-settings.h"
#include "acr-window.h"

struct _AcrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkFileChooserNative *chooser;
  AcrStore             *store;          /* holds the issuer; NULL: nothing to edit */
  gboolean              loading_issuer;

  AdwActionRow         *database_row;
  GtkButton            *database_reset_button;
  AdwActionRow         *rules_row;
  GtkButton            *rules_reset_button;
  GtkRevealer          *rules_error_revealer;
  GtkLabel             *rules_error_label;
  AdwEntryRow          *issuer_name_row;
  AdwComboRow          *paper_size_row;
  GtkTextView          *issuer_address_view;
  AdwActionRow         *backup_folder_row;
  GtkButton            *backup_folder_reset_button;
  AdwActionRow         *last_backup_row;
  GtkButton            *backup_now_button;
  GtkButton            *restore_button;
};

G_DEFINE_FINAL_TYPE (AcrPreferencesWindow, acr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Paper sizes in the order of the combo row's model. */
static const char *paper_sizes[] = { "letter", "a4" };

static gboolean
paper_size_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  const char *size = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (paper_sizes); i++)
    {
      if (g_str_equal (size, paper_sizes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
paper_size_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (paper_sizes))
    return NULL;

  return g_variant_new_string (paper_sizes[i]);
}

static void
update_database_row (AcrPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "database-path");

  if (path[0] == '\0')
    adw_action_row_set_subtitle (self->database_row, _("Default location in your data folder"));
  else
    adw_action_row_set_subtitle (self->database_row, path);

  gtk_widget_set_visible (GTK_WIDGET (self->database_reset_button), path[0] != '\0');
}

static void
update_rules_row (AcrPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "rules-file");

  if (path[0] == '\0')
    adw_action_row_set_subtitle (self->rules_row, _("Bundled rules"));
  else
    adw_action_row_set_subtitle (self->rules_row, path);

  gtk_widget_set_visible (GTK_WIDGET (self->rules_reset_button), path[0] != '\0');
}

static void
show_rules_error (AcrPreferencesWindow *self,
                  const char           *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (self->rules_error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->rules_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->rules_row), "error");

  gtk_revealer_set_reveal_child (self->rules_error_revealer, message != NULL);
}

/* --- Backups --- */

/* The database backed up: the open one, if it is an SQLite file. */
static const char *
backup_database (AcrPreferencesWindow *self)
{
  if (self->store == NULL || !ACR_IS_STORE_SQLITE (acr_store_get_backend (self->store)))
    return NULL;
  return acr_store_get_location (self->store);
}

static char *
dup_backup_folder (AcrPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "backup-folder");
  const char *db = backup_database (self);

  if (chosen[0] != '\0')
    return g_steal_pointer (&chosen);
  return db != NULL ? acr_backup_default_folder (db) : NULL;
}

static void
update_backup_rows (AcrPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "backup-folder");
  g_autofree char *folder = dup_backup_folder (self);
  g_autoptr (AcrBackupInfo) last = NULL;
  const char *db = backup_database (self);

  if (chosen[0] != '\0')
    adw_action_row_set_subtitle (self->backup_folder_row, chosen);
  else if (folder != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Beside the database: %s"), folder);

      adw_action_row_set_subtitle (self->backup_folder_row, text);
    }
  else
    adw_action_row_set_subtitle (self->backup_folder_row, _("Beside the database"));
  gtk_widget_set_visible (GTK_WIDGET (self->backup_folder_reset_button), chosen[0] != '\0');

  if (db != NULL && folder != NULL)
    last = acr_backup_find_last_verified (folder, db);
  if (last != NULL)
    {
      g_autoptr (GDateTime) local = g_date_time_to_local (last->taken_at);
      g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autofree char *text = g_strdup_printf (_("%s — %lld members, %lld invoices, %lld payments"), when,
                                               (long long) last->members, (long long) last->invoices,
                                               (long long) last->payments);

      adw_action_row_set_subtitle (self->last_backup_row, text);
    }
  else
    adw_action_row_set_subtitle (self->last_backup_row, db != NULL ? _("No verified backup yet")
                                                                   : _("No database is open"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_now_button), db != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), db != NULL);
}

static void
show_backup_failure (AcrPreferencesWindow *self,
                     const char           *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* A failed backup stays until it is dismissed. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

typedef struct
{
  char *db;
  char *folder;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db);
  g_free (job->folder);
  g_free (job);
}

static void
backup_now_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;
  AcrBackupInfo *info = acr_backup_create (job->db, job->folder, "manual", NULL, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) acr_backup_info_free);
}

static void
backup_now_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AcrPreferencesWindow *self = ACR_PREFERENCES_WINDOW (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBackupInfo) info = g_task_propagate_pointer (G_TASK (result), &error);

  if (info == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The backup failed: %s"), error->message);

      show_backup_failure (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Backup written and verified: %s"), info->path);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_now_button), TRUE);
  update_backup_rows (self);
}

static void
backup_now_clicked_cb (AcrPreferencesWindow *self)
{
  g_autoptr (GTask) task = NULL;
  BackupJob *job;

  if (backup_database (self) == NULL)
    return;
  job = g_new0 (BackupJob, 1);
  job->db = g_strdup (backup_database (self));
  job->folder = dup_backup_folder (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_now_button), FALSE);
  task = g_task_new (self, NULL, backup_now_done_cb, NULL);
  g_task_set_source_tag (task, backup_now_clicked_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_now_thread);
}

static void
backup_folder_chooser_response_cb (AcrPreferencesWindow *self,
                                   int                   response,
                                   GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder", path);
    }
  g_clear_object (&self->chooser);
}

static void
backup_folder_choose_clicked_cb (AcrPreferencesWindow *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Backup Folder"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (backup_folder_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
backup_folder_reset_clicked_cb (AcrPreferencesWindow *self)
{
  g_settings_reset (self->settings, "backup-folder");
}

/* After the confirmation: the application lets go of the database, restores it and opens it again. */
static void
restore_confirmed_cb (AcrPreferencesWindow *self,
                      const char           *response,
                      AdwMessageDialog     *dialog)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  GApplication *application = g_application_get_default ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;
  if (!ACR_IS_APPLICATION (application))
    {
      show_backup_failure (self, _("The database can only be restored from the application window"));
      return;
    }
  acr_preferences_window_set_store (self, NULL);
  if (acr_application_restore_backup (ACR_APPLICATION (application), path, &error))
    text = g_strdup_printf (_("The database was restored from %s; the one it replaced is kept as a backup"), path);
  acr_preferences_window_set_store (self, acr_application_get_store (ACR_APPLICATION (application)));
  if (error != NULL)
    {
      g_autofree char *failure = g_strdup_printf (_("Nothing was restored: %s"), error->message);

      show_backup_failure (self, failure);
    }
  else
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
restore_chooser_response_cb (AcrPreferencesWindow *self,
                             int                   response,
                             GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  AdwMessageDialog *dialog;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  base = g_path_get_basename (path);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The database will be replaced by the backup %s. It is checked first, and the "
                                    "current database is kept as a backup. Every other program using the database "
                                    "must be closed."),
                                  base);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_steal_pointer (&path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirmed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_clicked_cb (AcrPreferencesWindow *self)
{
  g_autofree char *folder = dup_backup_folder (self);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL || folder == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Restore a Backup"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Backups"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) dir = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
    }
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (restore_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
settings_changed_cb (AcrPreferencesWindow *self,
                     const char           *key,
                     GSettings            *settings)
{
  if (g_strcmp0 (key, "backup-folder") == 0)
    update_backup_rows (self);
  else if (g_strcmp0 (key, "database-path") == 0)
    update_database_row (self);
  else if (g_strcmp0 (key, "rules-file") == 0)
    update_rules_row (self);
}

static void
database_chooser_response_cb (AcrPreferencesWindow *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (self->settings, "database-path", path);
    }

  g_clear_object (&self->chooser);
}

static void
database_choose_clicked_cb (AcrPreferencesWindow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);

  /* SAVE lets staff name a new database as well as pick an existing one. */
  self->chooser = gtk_file_chooser_native_new (_("Choose the Database File"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Choose"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Membership databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "acr-membership.db");

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (database_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
database_reset_clicked_cb (AcrPreferencesWindow *self)
{
  g_settings_reset (self->settings, "database-path");
}

static void
rules_chooser_response_cb (AcrPreferencesWindow *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        acr_preferences_window_choose_rules_file (self, path);
    }

  g_clear_object (&self->chooser);
}

static void
rules_choose_clicked_cb (AcrPreferencesWindow *self)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Choose a Rules File"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Rules files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (rules_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
rules_reset_clicked_cb (AcrPreferencesWindow *self)
{
  show_rules_error (self, NULL);
  g_settings_reset (self->settings, "rules-file");
}

/* The issuer is the membership's (the database), not this workstation's:
 * the rows read it from the store and write each change back to it. */
static void
save_issuer_setting (AcrPreferencesWindow *self,
                     const char           *key,
                     const char           *value)
{
  g_autoptr (GError) error = NULL;

  if (self->loading_issuer || self->store == NULL)
    return;

  if (!acr_store_set_setting (self->store, key, value, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The invoice issuer was not saved: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
    }
}

static void
issuer_name_changed_cb (AcrPreferencesWindow *self,
                        GtkEditable          *editable)
{
  save_issuer_setting (self, ACR_STORE_SETTING_ISSUER_NAME, gtk_editable_get_text (editable));
}

static void
issuer_address_changed_cb (AcrPreferencesWindow *self,
                           GtkTextBuffer        *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  save_issuer_setting (self, ACR_STORE_SETTING_ISSUER_ADDRESS, text);
}

/* What the membership prints: its setting, or the renderer's default. */
static void
load_issuer (AcrPreferencesWindow *self)
{
  g_autoptr (AcrInvoiceRenderer) defaults = acr_invoice_renderer_new ();
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autoptr (GError) error = NULL;

  if (self->store != NULL)
    {
      name = acr_store_dup_setting (self->store, ACR_STORE_SETTING_ISSUER_NAME, &error);
      if (error == NULL)
        address = acr_store_dup_setting (self->store, ACR_STORE_SETTING_ISSUER_ADDRESS, &error);
    }

  self->loading_issuer = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->issuer_name_row),
                         name != NULL && name[0] != '\0' ? name : acr_invoice_renderer_get_issuer_name (defaults));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->issuer_address_view),
                            address != NULL && address[0] != '\0' ? address : acr_invoice_renderer_get_issuer_address (defaults),
                            -1);
  self->loading_issuer = FALSE;

  /* Without a database (or with one that cannot be read) there is no
   * issuer to edit: the rows show the default and stay insensitive. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->issuer_name_row), self->store != NULL && error == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->issuer_address_view), self->store != NULL && error == NULL);
  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The invoice issuer could not be read: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
    }
}

static void
acr_preferences_window_dispose (GObject *object)
{
  AcrPreferencesWindow *self = ACR_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (acr_preferences_window_parent_class)->dispose (object);
}

static void
acr_preferences_window_finalize (GObject *object)
{
  AcrPreferencesWindow *self = ACR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (acr_preferences_window_parent_class)->finalize (object);
}

static void
acr_preferences_window_class_init (AcrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_preferences_window_dispose;
  object_class->finalize = acr_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, database_reset_button);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, issuer_name_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, paper_size_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, issuer_address_view);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, rules_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, rules_reset_button);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, rules_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, rules_error_label);
  gtk_widget_class_bind_template_callback (widget_class, database_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_reset_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, backup_folder_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, backup_folder_reset_button);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, backup_now_button);
  gtk_widget_class_bind_template_child (widget_class, AcrPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, backup_folder_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_folder_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_now_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_preferences_window_init (AcrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_signal_connect_object (self->issuer_name_row, "changed",
                           G_CALLBACK (issuer_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->issuer_address_view), "changed",
                           G_CALLBACK (issuer_address_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (self->settings, "paper-size", self->paper_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                paper_size_get_mapping, paper_size_set_mapping,
                                NULL, NULL);

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_database_row (self);
  update_rules_row (self);
  update_backup_rows (self);
  load_issuer (self);
}

/**
 * acr_preferences_window_new:
 * @transient_for: (nullable): the window it belongs to; an AcrWindow also
 *   gives the database whose invoice issuer the window edits
 */
AcrPreferencesWindow *
acr_preferences_window_new (GtkWindow *transient_for)
{
  AcrPreferencesWindow *self = g_object_new (ACR_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", transient_for,
                                             NULL);

  if (ACR_IS_WINDOW (transient_for))
    acr_preferences_window_set_store (self, acr_window_get_store (ACR_WINDOW (transient_for)));

  return self;
}

/**
 * acr_preferences_window_set_store:
 * @store: (nullable): the membership database whose settings are edited
 */
void
acr_preferences_window_set_store (AcrPreferencesWindow *self,
                                  AcrStore             *store)
{
  g_return_if_fail (ACR_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || ACR_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  load_issuer (self);
  update_backup_rows (self);
}

/**
 * acr_preferences_import_issuer:
 * @settings: the application's settings (schema APP_ID)
 *
 * The issuer was once kept in each workstation's GSettings. The first time
 * the application opens a database without an issuer, what staff had set
 * on this workstation (not the schema's defaults, which the renderer has
 * too) is copied into the database; afterwards the keys are not read.
 *
 * Returns: %FALSE with @error set if the database could not be read or written
 */
gboolean
acr_preferences_import_issuer (GSettings  *settings,
                               AcrStore   *store,
                               GError    **error)
{
  static const struct { const char *gsettings_key; const char *store_key; } keys[] = {
    { "issuer-name", ACR_STORE_SETTING_ISSUER_NAME },
    { "issuer-address", ACR_STORE_SETTING_ISSUER_ADDRESS },
  };

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr (GVariant) user_value = g_settings_get_user_value (settings, keys[i].gsettings_key);
      g_autofree char *stored = NULL;
      g_autoptr (GError) local_error = NULL;

      if (user_value == NULL)
        continue;

      stored = acr_store_dup_setting (store, keys[i].store_key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (stored != NULL)
        continue;

      if (!acr_store_set_setting (store, keys[i].store_key, g_variant_get_string (user_value, NULL), error))
        return FALSE;
    }

  return TRUE;
}

/**
 * acr_preferences_window_choose_rules_file:
 * @path: the file staff chose
 *
 * Loads and checks @path with the rules engine. A valid file becomes the
 * rules in use; an invalid one changes nothing and its error is shown
 * under the row, naming the file and what is wrong.
 *
 * Returns: whether @path was taken
 */
gboolean
acr_preferences_window_choose_rules_file (AcrPreferencesWindow *self,
                                          const char           *path)
{
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GError) error = NULL;

  g_return_val_if_fail (ACR_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rules = acr_rules_new_from_file (path, &error);
  if (rules == NULL)
    {
      show_rules_error (self, error->message);
      return FALSE;
    }

  show_rules_error (self, NULL);
  g_settings_set_string (self->settings, "rules-file", path);

  return TRUE;
}
