#define G_LOG_DOMAIN "acr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-application.h"
#include "acr-applicant-form.h"
#include "acr-billing-page.h"
#include "acr-what-if-dialog.h"
#include "acr-reports-page.h"
#include "acr-members-page.h"
#include "acr-window.h"

struct _AcrWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  AcrRules             *rules;
  AcrStore             *store;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  AdwViewSwitcherTitle *switcher_title;
  AcrApplicantForm     *applicant_form;
  AcrMembersPage       *members_page;
  AcrBillingPage       *billing_page;
  AcrReportsPage       *reports_page;
};

G_DEFINE_FINAL_TYPE (AcrWindow, acr_window, ADW_TYPE_APPLICATION_WINDOW)

static void
restore_state (AcrWindow *self)
{
  g_autofree char *view = NULL;
  int width, height;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "last-view");
  acr_window_set_view (self, view);
}

static void
save_state (AcrWindow *self)
{
  gboolean maximized;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  /* The unmaximized size is what staff chose; a maximized size would
   * only come back as an oversized window. */
  if (!maximized)
    {
      int width, height;

      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
visible_child_changed_cb (AcrWindow  *self,
                          GParamSpec *pspec,
                          AdwViewStack *stack)
{
  const char *name = adw_view_stack_get_visible_child_name (stack);

  if (name != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

static void
acr_window_show_view (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  acr_window_set_view (ACR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
acr_window_search (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AcrWindow *self = ACR_WINDOW (widget);

  /* The view staff are in: Billing searches its invoices; elsewhere
   * (Members, and Applications, which has no search) the members. */
  if (g_strcmp0 (acr_window_get_view (self), "billing") == 0)
    {
      acr_billing_page_focus_search (self->billing_page);
      return;
    }

  acr_window_set_view (self, "members");
  acr_members_page_focus_search (self->members_page);
}

static void
acr_window_new_application (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AcrWindow *self = ACR_WINDOW (widget);

  acr_window_set_view (self, "applications");
  acr_applicant_form_start_new (self->applicant_form);
}

static void
acr_window_print_invoice (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AcrWindow *self = ACR_WINDOW (widget);

  acr_billing_page_print_selected (self->billing_page);
}

static void
acr_window_try_what_if (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AcrWindow *self = ACR_WINDOW (widget);
  AcrWhatIfDialog *dialog;

  if (self->store == NULL || self->rules == NULL)
    return;
  dialog = acr_what_if_dialog_new (GTK_WINDOW (self), self->store, self->rules);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
can_print_changed_cb (AcrWindow      *self,
                      GParamSpec     *pspec,
                      AcrBillingPage *page)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-invoice",
                                 acr_billing_page_get_can_print (page));
}

static gboolean
acr_window_close_request (GtkWindow *window)
{
  save_state (ACR_WINDOW (window));

  return GTK_WINDOW_CLASS (acr_window_parent_class)->close_request (window);
}

static void
acr_window_dispose (GObject *object)
{
  AcrWindow *self = ACR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_WINDOW);

  G_OBJECT_CLASS (acr_window_parent_class)->dispose (object);
}

static void
acr_window_finalize (GObject *object)
{
  AcrWindow *self = ACR_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (acr_window_parent_class)->finalize (object);
}

static void
acr_window_class_init (AcrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = acr_window_dispose;
  object_class->finalize = acr_window_finalize;
  window_class->close_request = acr_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, applicant_form);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, members_page);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, billing_page);
  gtk_widget_class_bind_template_child (widget_class, AcrWindow, reports_page);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", acr_window_show_view);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, acr_window_search);
  gtk_widget_class_install_action (widget_class, "win.new-application", NULL, acr_window_new_application);
  gtk_widget_class_install_action (widget_class, "win.print-invoice", NULL, acr_window_print_invoice);
  gtk_widget_class_install_action (widget_class, "win.what-if", NULL, acr_window_try_what_if);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-application", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-invoice", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.show-view", "s", "applications");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.show-view", "s", "members");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.show-view", "s", "billing");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.show-view", "s", "reports");

  g_type_ensure (ACR_TYPE_APPLICANT_FORM);
  g_type_ensure (ACR_TYPE_MEMBERS_PAGE);
  g_type_ensure (ACR_TYPE_BILLING_PAGE);
  g_type_ensure (ACR_TYPE_REPORTS_PAGE);
}

/* The application's icon (About) from the resources, installed or not: as
 * GtkApplication does for its resource base path, also for a window made
 * without one. */
static void
add_icon_resource_path (GtkWidget *widget)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_auto (GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  if (paths == NULL || !g_strv_contains ((const char * const *) paths, "/org/acr/Membership/icons"))
    gtk_icon_theme_add_resource_path (theme, "/org/acr/Membership/icons");
}

static void
acr_window_init (AcrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_accessible_name_mnemonics (GTK_WIDGET (self));
  add_icon_resource_path (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  restore_state (self);

  /* Connected after restoring, so restoring does not write back. */
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (visible_child_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Ctrl+P prints the invoices selected in Billing, when there are any. */
  g_signal_connect_object (self->billing_page, "notify::can-print",
                           G_CALLBACK (can_print_changed_cb), self,
                           G_CONNECT_SWAPPED);
  can_print_changed_cb (self, NULL, self->billing_page);
}

/**
 * acr_window_new:
 * @application: (nullable): the application, whose rules the window uses
 *
 * Without an AcrApplication (in tests) the window uses the bundled rules
 * and no store until acr_window_set_store() is called.
 */
AcrWindow *
acr_window_new (AdwApplication *application)
{
  AcrWindow *self;
  g_autoptr (AcrRules) rules = NULL;

  self = g_object_new (ACR_TYPE_WINDOW,
                       "application", application,
                       NULL);

  if (ACR_IS_APPLICATION (application))
    rules = g_object_ref (acr_application_get_rules (ACR_APPLICATION (application)));
  else
    {
      g_autoptr (GError) error = NULL;

      rules = acr_rules_new_default (&error);
      if (rules == NULL)
        g_critical ("The bundled rules do not load: %s", error->message);
    }
  acr_window_set_rules (self, rules);

  if (ACR_IS_APPLICATION (application))
    acr_window_set_store (self,
                          acr_application_get_store (ACR_APPLICATION (application)),
                          acr_application_get_store_error (ACR_APPLICATION (application)));

  return self;
}

AcrRules *
acr_window_get_rules (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return self->rules;
}

void
acr_window_set_rules (AcrWindow *self,
                      AcrRules  *rules)
{
  g_return_if_fail (ACR_IS_WINDOW (self));
  g_return_if_fail (rules == NULL || ACR_IS_RULES (rules));

  if (!g_set_object (&self->rules, rules))
    return;

  acr_applicant_form_set_rules (self->applicant_form, rules);
  acr_members_page_set_rules (self->members_page, rules);
  acr_billing_page_set_rules (self->billing_page, rules);
  acr_reports_page_set_rules (self->reports_page, rules);
}

AcrStore *
acr_window_get_store (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * acr_window_set_store:
 * @store: (nullable): the member store
 * @error: (nullable): why there is none, shown where members would be
 */
void
acr_window_set_store (AcrWindow    *self,
                      AcrStore     *store,
                      const GError *error)
{
  g_return_if_fail (ACR_IS_WINDOW (self));
  g_return_if_fail (store == NULL || ACR_IS_STORE (store));

  g_set_object (&self->store, store);
  acr_members_page_set_store (self->members_page, store, error);
  acr_applicant_form_set_store (self->applicant_form, store);
  acr_billing_page_set_store (self->billing_page, store, error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.what-if", store != NULL);
  acr_reports_page_set_store (self->reports_page, store);
}

AcrApplicantForm *
acr_window_get_applicant_form (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return self->applicant_form;
}

AcrBillingPage *
acr_window_get_billing_page (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return self->billing_page;
}

AcrMembersPage *
acr_window_get_members_page (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return self->members_page;
}

const char *
acr_window_get_view (AcrWindow *self)
{
  g_return_val_if_fail (ACR_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

void
acr_window_set_view (AcrWindow  *self,
                     const char *view)
{
  g_return_if_fail (ACR_IS_WINDOW (self));

  if (view != NULL && adw_view_stack_get_child_by_name (self->stack, view) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, view);
}

void
acr_window_add_toast (AcrWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (ACR_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * acr_window_toast_for:
 * @widget: a view inside an AcrWindow
 *
 * Shows @text as a toast on the window holding @widget; a view not (or no
 * longer) in one has nobody to tell.
 */
void
acr_window_toast_for (GtkWidget  *widget,
                      const char *text)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  if (ACR_IS_WINDOW (root))
    acr_window_add_toast (ACR_WINDOW (root), adw_toast_new (text));
}
