#define G_LOG_DOMAIN "acr-application"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-application.h"
#include "acr-preferences-window.h"
#include "acr-window.h"

struct _AcrApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (AcrApplication, acr_application, ADW_TYPE_APPLICATION)

static void
acr_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  AcrApplication *self = user_data;
  GList *windows;

  /* Closing each window (rather than g_application_quit) lets every window
   * save its size and state through its close-request handler. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
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

  gtk_application_set_accels_for_action (gtk_app, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (gtk_app, "app.shortcuts", (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.search", (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.new-application", (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (gtk_app, "win.print-invoice", (const char *[]) { "<Control>p", NULL });
}

static void
acr_application_activate (GApplication *application)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (acr_window_new (ADW_APPLICATION (application)));

  gtk_window_present (window);
}

static void
acr_application_class_init (AcrApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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
