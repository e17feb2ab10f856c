#define G_LOG_DOMAIN "acr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-application.h"
#include "acr-backup.h"
#include "acr-preferences-window.h"
#include "acr-store-sqlite.h"
#include "acr-timing.h"
#include "acr-window.h"

struct _AcrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  AcrRules       *rules;
  AcrStore       *store;
  GError         *store_error;
  char           *rules_problem;  /* why the chosen rules file is not in use */
  char           *issuer_problem; /* why this workstation's issuer was not copied into the database */
  char           *backup_problem; /* why today's backup failed, until a window shows it */
};

G_DEFINE_FINAL_TYPE (AcrApplication, acr_application, ADW_TYPE_APPLICATION)

/* The rules file chosen in Preferences was checked when it was chosen, but
 * it may have changed or gone since: then the bundled rules are used and
 * the window says why. */
static void
load_rules (AcrApplication *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "rules-file");
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->rules_problem, g_free);

  if (path[0] != '\0')
    {
      rules = acr_rules_new_from_file (path, &error);
      if (rules == NULL)
        {
          self->rules_problem = g_strdup_printf (_("Using the bundled rules: %s"), error->message);
          g_clear_error (&error);
        }
    }

  if (rules == NULL)
    rules = acr_rules_new_default (&error);

  /* The bundle is compiled in and tested: failing here is a build bug. */
  if (rules == NULL)
    g_error ("The bundled rules do not load: %s", error->message);

  g_set_object (&self->rules, rules);
}

static void
open_store (AcrApplication *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "database-path");

  g_autoptr (GError) error = NULL;

  g_clear_error (&self->store_error);
  g_clear_pointer (&self->issuer_problem, g_free);
  self->store = acr_store_open (path[0] != '\0' ? path : NULL, &self->store_error);
  /* The next start reads the lookup index from one file beside the database. */
  if (self->store != NULL)
    acr_store_set_keep_search_index_file (self->store, TRUE);

  if (self->store != NULL && !acr_preferences_import_issuer (self->settings, self->store, &error))
    self->issuer_problem = g_strdup_printf (_("The invoice issuer of this workstation was not copied into the database: %s"),
                                            error->message);
}

/* The backup folder chosen in Preferences, for every backup this process takes. */
static void
backup_folder_changed_cb (AcrApplication *self,
                          const char     *key,
                          GSettings      *settings)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  acr_backup_set_folder (folder);
}

/* A failed backup stays on screen until staff dismiss it. */
static void
announce_backup_problem (AcrApplication *self)
{
  gboolean shown = FALSE;

  if (self->backup_problem == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ACR_IS_WINDOW (l->data))
        {
          AdwToast *toast = adw_toast_new (self->backup_problem);

          adw_toast_set_timeout (toast, 0);
          adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
          acr_window_add_toast (l->data, toast);
          shown = TRUE;
        }
    }
  if (shown)
    g_clear_pointer (&self->backup_problem, g_free);
}

static void
daily_backup_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr (AcrBackupInfo) info = NULL;
  GError *error = NULL;

  info = acr_backup_ensure_daily (task_data, NULL, NULL, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
daily_backup_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  AcrApplication *self = ACR_APPLICATION (object);
  g_autoptr (GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  g_free (self->backup_problem);
  self->backup_problem = g_strdup_printf (_("Today’s backup failed: %s"), error->message);
  announce_backup_problem (self);
}

/* The first start of the day takes a backup, in a thread: the window opens meanwhile. */
static void
start_daily_backup (AcrApplication *self)
{
  g_autoptr (GTask) task = NULL;

  if (self->store == NULL || !ACR_IS_STORE_SQLITE (acr_store_get_backend (self->store)))
    return;
  task = g_task_new (self, NULL, daily_backup_done_cb, NULL);
  g_task_set_source_tag (task, start_daily_backup);
  g_task_set_task_data (task, g_strdup (acr_store_get_location (self->store)), g_free);
  g_task_run_in_thread (task, daily_backup_thread);
}

static void
announce_rules_problem (AcrApplication *self,
                        AcrWindow      *window)
{
  if (self->rules_problem != NULL)
    acr_window_add_toast (window, adw_toast_new (self->rules_problem));
}

static void
rules_file_changed_cb (AcrApplication *self,
                       const char     *key,
                       GSettings      *settings)
{
  load_rules (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ACR_IS_WINDOW (l->data))
        {
          acr_window_set_rules (l->data, self->rules);
          announce_rules_problem (self, l->data);
        }
    }
}

static void
acr_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AcrApplication *self = user_data;
  g_autoptr (GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window (rather than g_application_quit) lets every window
   * save its size, view and draft through its close-request handler. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
acr_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  AcrApplication *self = user_data;
  static const char *developers[] = { "ACR Membership contributors", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("ACR Membership"),
                        "application-icon", APP_ID,
                        "developer-name", _("ACR Membership contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Application entry, member lookup and dues invoicing for the membership staff of the American College of Radiology"),
                        "developers", developers,
                        "copyright", "© 2026 ACR Membership contributors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        NULL);
  gtk_window_present (about);
}

static void
acr_application_preferences_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  AcrApplication *self = user_data;
  AcrPreferencesWindow *preferences;

  preferences = acr_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
acr_application_shortcuts_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  AcrApplication *self = user_data;
  g_autoptr (GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/org/acr/Membership/ui/acr-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "quit", acr_application_quit_action },
  { "about", acr_application_about_action },
  { "preferences", acr_application_preferences_action },
  { "shortcuts", acr_application_shortcuts_action },
};

static void
acr_application_startup (GApplication *application)
{
  AcrApplication *self = ACR_APPLICATION (application);
  GtkApplication *gtk_app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (acr_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  self->settings = g_settings_new (APP_ID);
  acr_timing_mark ("startup");
  load_rules (self);
  backup_folder_changed_cb (self, "backup-folder", self->settings);
  g_signal_connect_object (self->settings, "changed::backup-folder",
                           G_CALLBACK (backup_folder_changed_cb), self,
                           G_CONNECT_SWAPPED);
  open_store (self);
  start_daily_backup (self);
  acr_timing_mark ("store-open");
  g_signal_connect_object (self->settings, "changed::rules-file",
                           G_CALLBACK (rules_file_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.shortcuts", (const char *[]) { "<Control>question", NULL });
}

static void
acr_application_activate (GApplication *application)
{
  AcrApplication *self = ACR_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    {
      window = GTK_WINDOW (acr_window_new (ADW_APPLICATION (application)));
      announce_rules_problem (self, ACR_WINDOW (window));
      if (self->issuer_problem != NULL)
        acr_window_add_toast (ACR_WINDOW (window), adw_toast_new (self->issuer_problem));
      announce_backup_problem (self);
    }

  acr_timing_mark ("window-built");
  gtk_window_present (window);
}

static void
acr_application_dispose (GObject *object)
{
  AcrApplication *self = ACR_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (acr_application_parent_class)->dispose (object);
}

static void
acr_application_finalize (GObject *object)
{
  AcrApplication *self = ACR_APPLICATION (object);

  g_clear_pointer (&self->rules_problem, g_free);
  g_clear_pointer (&self->issuer_problem, g_free);
  g_clear_pointer (&self->backup_problem, g_free);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (acr_application_parent_class)->finalize (object);
}

static void
acr_application_class_init (AcrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = acr_application_dispose;
  object_class->finalize = acr_application_finalize;

  app_class->startup = acr_application_startup;
  app_class->activate = acr_application_activate;
}

static void
acr_application_init (AcrApplication *self)
{
}

AcrApplication *
acr_application_new (void)
{
  return g_object_new (ACR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * acr_application_get_rules:
 *
 * Returns: (transfer none): the rules in use: the file chosen in
 *   Preferences, or the bundled rules
 */
AcrRules *
acr_application_get_rules (AcrApplication *self)
{
  g_return_val_if_fail (ACR_IS_APPLICATION (self), NULL);

  return self->rules;
}

/**
 * acr_application_get_store:
 *
 * Returns: (transfer none) (nullable): the member store, opened at startup
 *   at the Preferences location (else the default one), or %NULL when it
 *   could not be opened (see acr_application_get_store_error())
 */
AcrStore *
acr_application_get_store (AcrApplication *self)
{
  g_return_val_if_fail (ACR_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
acr_application_get_store_error (AcrApplication *self)
{
  g_return_val_if_fail (ACR_IS_APPLICATION (self), NULL);

  return self->store_error;
}

/**
 * acr_application_restore_backup:
 * Replaces the open database with @backup_path (acr_backup_restore ():
 * verified first, the current database kept as a backup): the windows let
 * go of the store, the database is restored, and the store is opened again
 * at the same place and given back to the windows, whatever the outcome.
 * Refused (and nothing changed) while anything else has the database open:
 * another program, or a billing run of this one.
 */
gboolean
acr_application_restore_backup (AcrApplication  *self,
                                const char      *backup_path,
                                GError         **error)
{
  g_autofree char *path = NULL;
  gboolean ok;

  g_return_val_if_fail (ACR_IS_APPLICATION (self), FALSE);

  if (self->store == NULL)
    {
      g_set_error_literal (error, ACR_BACKUP_ERROR, ACR_BACKUP_ERROR_FAILED,
                           _("No database is open: choose its location in Preferences first"));
      return FALSE;
    }
  path = g_strdup (acr_store_get_location (self->store));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ACR_IS_WINDOW (l->data))
        acr_window_set_store (l->data, NULL, NULL);
    }
  g_clear_object (&self->store);

  ok = acr_backup_restore (path, backup_path, NULL, NULL, NULL, error);

  g_clear_error (&self->store_error);
  self->store = acr_store_open (path, &self->store_error);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ACR_IS_WINDOW (l->data))
        acr_window_set_store (l->data, self->store, self->store_error);
    }
  return ok;
}
