/*
 * acr-ui-screenshot: renders the main window in a given state to a PNG, for
 * data/screenshots/ and for looking at every view while working on it.
 *
 *   xvfb-run -a -s '-screen 0 1280x800x24' env GSETTINGS_SCHEMA_DIR=_build/data \
 *     GSETTINGS_BACKEND=memory GTK_A11Y=none _build/tests/acr-ui-screenshot \
 *     --db /tmp/m.db --view members --search smith --select 0 --out members.png
 *
 * It drives the real widgets the way the UI tests do.
 */
#define G_LOG_DOMAIN "acr-ui-screenshot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdlib.h>

#include "acr-catalog.h"
#include "acr-credit-note-dialog.h"
#include "acr-invoice-create-dialog.h"
#include "acr-member-pane.h"
#include "acr-payment-dialog.h"
#include "acr-retire-dialog.h"
#include "acr-preferences-window.h"
#include "acr-what-if-dialog.h"
#include "acr-reports-page.h"
#include "acr-window.h"
#include "acr-test-ui.h"

static void
wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
set_text (GtkWidget  *page,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (page, ADW_TYPE_PREFERENCES_ROW, name)), text);
}

static void
select_item (GtkWidget  *page,
             const char *name,
             guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (acr_test_ui_find_widget (page, ADW_TYPE_PREFERENCES_ROW, name)), position);
}

static gboolean
tick_title (GtkWidget  *widget,
            const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (acr_test_ui_find_widget (child, GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
          return TRUE;
        }
      if (tick_title (child, title))
        return TRUE;
    }

  return FALSE;
}

/* A certified radiologist in practice in Virginia: the example application. */
static void
fill_application (AcrWindow *window)
{
  GtkWidget *page = GTK_WIDGET (acr_window_get_applicant_form (window));

  set_text (page, "given_name", "Ada");
  set_text (page, "family_name", "Moreau");
  set_text (page, "email", "ada.moreau@example.org");
  set_text (page, "city", "Richmond");
  set_text (page, "region", "VA");
  set_text (page, "country", "US");
  select_item (page, "profession", 1);
  select_item (page, "discipline", 1);
  tick_title (acr_test_ui_find_widget (page, ADW_TYPE_PREFERENCES_ROW, "certifications"), "American Board of Radiology (ABR)");
  select_item (page, "in_practice", 1);
  set_text (page, "practice_start", "2024-07-01");
  tick_title (page, "Virginia Chapter");
}

static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("could not write %s", path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db = NULL;
  g_autofree char *view = NULL;
  g_autofree char *out = NULL;
  g_autofree char *search = NULL;
  g_autofree char *scroll_to = NULL;
  g_autofree char *dialog = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *report = NULL;
  int year = 0;
  gboolean dark = FALSE, application = FALSE;
  int width = 1280, height = 800, select = -1;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Member database", "PATH" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view, "applications, members or billing", "VIEW" },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, "PNG to write", "PATH" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PX" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
    { "application", 0, 0, G_OPTION_ARG_NONE, &application, "Type the example application", NULL },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, "Type this in the member search", "TEXT" },
    { "select", 0, 0, G_OPTION_ARG_INT, &select, "Open the member at this row", "N" },
    { "scroll-to", 0, 0, G_OPTION_ARG_STRING, &scroll_to, "Scroll the form to this fact's row", "FACT" },
    { "dialog", 0, 0, G_OPTION_ARG_STRING, &dialog, "Render this window instead: preferences, shortcuts, payment, what-if, or from the member opened: retire, create-invoice, credit-note, refund", "NAME" },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, "Billing year to show", "YEAR" },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, "Type this in the payment dialog's amount", "TEXT" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, "Type this in the payment dialog's date", "TEXT" },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules, "The what-if dialog's proposed rules (compared before the shot)", "FILE" },
    { "report", 0, 0, G_OPTION_ARG_STRING, &report, "Show this report (with --year) in the Reports view", "KIND" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  AcrWindow *window;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  bindtextdomain (GETTEXT_PACKAGE, acr_catalog_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_init ();
  adw_init ();
  /* GNOME's own title-bar buttons (the X server here has no desktop settings). */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);
  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  window = acr_window_new (NULL);
  if (db != NULL)
    {
      store = acr_store_open (db, &error);
      if (store == NULL)
        g_error ("%s", error->message);
    }
  acr_window_set_store (window, store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (300);

  /* The default size counts the client-side shadow: grow the window until
   * its content has the size asked for. */
  if (gtk_widget_get_width (GTK_WIDGET (window)) != width || gtk_widget_get_height (GTK_WIDGET (window)) != height)
    {
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   2 * width - gtk_widget_get_width (GTK_WIDGET (window)),
                                   2 * height - gtk_widget_get_height (GTK_WIDGET (window)));
      wait_ms (300);
    }

  if (application)
    fill_application (window);
  if (view != NULL)
    acr_window_set_view (window, view);
  if (year != 0 && report == NULL)
    acr_billing_page_set_year (acr_window_get_billing_page (window), year);
  /* The preview of a loaded machine takes longer than the waits below. */
  if (view != NULL && g_str_equal (view, "billing"))
    acr_test_ui_wait_for_billing (acr_window_get_billing_page (window));
  if (report != NULL)
    {
      AcrReportsPage *reports = ACR_REPORTS_PAGE (acr_test_ui_find_widget (GTK_WIDGET (window), ACR_TYPE_REPORTS_PAGE, NULL));
      AcrReportKind kind;

      if (!acr_report_kind_from_string (report, &kind))
        g_error ("--report: unknown report “%s”", report);
      acr_window_set_view (window, "reports");
      acr_reports_page_show_report (reports, kind, year);
      while (acr_reports_page_get_loading (reports))
        g_main_context_iteration (NULL, TRUE);
    }
  if (search != NULL)
    {
      GtkWidget *entry = acr_test_ui_find_widget (GTK_WIDGET (acr_window_get_members_page (window)), GTK_TYPE_SEARCH_ENTRY, NULL);

      gtk_editable_set_text (GTK_EDITABLE (entry), search);
    }
  wait_ms (300);
  if (select >= 0)
    {
      GtkWidget *column_view = acr_test_ui_find_widget (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL);

      g_signal_emit_by_name (column_view, "activate", (guint) select);
    }
  if (scroll_to != NULL)
    {
      GtkWidget *row = acr_test_ui_find_widget (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_ROW, scroll_to);

      gtk_widget_grab_focus (row);
    }

  wait_ms (700);
  if (dialog != NULL)
    {
      GtkWindow *other = NULL;
      g_autoptr (GtkBuilder) builder = NULL;

      if (g_str_equal (dialog, "preferences"))
        other = GTK_WINDOW (acr_preferences_window_new (GTK_WINDOW (window)));
      else if (g_str_equal (dialog, "payment"))
        {
          /* Record Payment… on the first invoice of Billing, as staff open it. */
          GtkWidget *page = GTK_WIDGET (acr_window_get_billing_page (window));
          GtkColumnView *invoices = GTK_COLUMN_VIEW (acr_test_ui_find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL));
          GListModel *toplevels = gtk_window_get_toplevels ();

          acr_window_set_view (window, "billing");
          wait_ms (300);
          gtk_selection_model_select_item (gtk_column_view_get_model (invoices), 0, TRUE);
          if (!gtk_widget_activate_action (page, "billing.record-payment", NULL))
            g_error ("Record Payment… is not available on the first invoice");
          for (guint i = 0; i < g_list_model_get_n_items (toplevels) && other == NULL; i++)
            {
              g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

              if (ACR_IS_PAYMENT_DIALOG (toplevel))
                other = GTK_WINDOW (toplevel);
            }
          if (amount != NULL)
            gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (other), ADW_TYPE_PREFERENCES_ROW, "amount")), amount);
          if (date != NULL)
            gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (other), ADW_TYPE_PREFERENCES_ROW, "date")), date);
          if (width < 460)
            gtk_window_set_default_size (other, width, -1);
        }
      else if (g_str_equal (dialog, "what-if"))
        {
          AcrWhatIfDialog *what_if = acr_what_if_dialog_new (GTK_WINDOW (window), store, acr_window_get_rules (window));

          other = GTK_WINDOW (what_if);
          gtk_window_set_default_size (other, MIN (width, 720), height);
          if (year != 0)
            acr_what_if_dialog_set_year (what_if, year);
          if (rules != NULL)
            {
              g_autoptr (GFile) file = g_file_new_for_commandline_arg (rules);

              acr_what_if_dialog_set_proposed_file (what_if, file);
              acr_what_if_dialog_compare (what_if);
              while (acr_what_if_dialog_get_running (what_if))
                g_main_context_iteration (NULL, TRUE);
            }
        }
      else if (g_str_equal (dialog, "retire") || g_str_equal (dialog, "create-invoice") ||
               g_str_equal (dialog, "credit-note") || g_str_equal (dialog, "refund"))
        {
          /* From the member pane of the member opened with --select. */
          GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (window), ACR_TYPE_MEMBER_PANE, NULL);
          GListModel *toplevels = gtk_window_get_toplevels ();
          GtkWidget *invoice_row = acr_test_ui_find_widget (pane, ADW_TYPE_EXPANDER_ROW, NULL);
          const char *number = invoice_row != NULL ? gtk_widget_get_name (invoice_row) : "";
          GType type;
          gboolean done;

          if (g_str_equal (dialog, "retire"))
            {
              done = gtk_widget_activate_action (pane, "members.retire", NULL);
              type = ACR_TYPE_RETIRE_DIALOG;
            }
          else if (g_str_equal (dialog, "create-invoice"))
            {
              done = gtk_widget_activate_action (pane, "members.create-invoice", NULL);
              type = ACR_TYPE_INVOICE_CREATE_DIALOG;
            }
          else if (g_str_equal (dialog, "credit-note"))
            {
              done = gtk_widget_activate_action (pane, "members.credit-invoice", "s", number);
              type = ACR_TYPE_CREDIT_NOTE_DIALOG;
            }
          else
            {
              done = gtk_widget_activate_action (pane, "members.refund-invoice", "s", number);
              type = ACR_TYPE_PAYMENT_DIALOG;
            }
          if (!done)
            g_error ("%s is not available on the member shown", dialog);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels) && other == NULL; i++)
            {
              g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

              if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
                other = GTK_WINDOW (toplevel);
            }
          if (other == NULL)
            g_error ("no %s dialog", dialog);
          if (amount != NULL)
            gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (other), ADW_TYPE_PREFERENCES_ROW, "amount")), amount);
          if (date != NULL)
            gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (other), ADW_TYPE_PREFERENCES_ROW, "date")), date);
          if (width < 460)
            gtk_window_set_default_size (other, width, -1);
        }
      else
        {
          builder = gtk_builder_new_from_resource ("/org/acr/Membership/ui/acr-shortcuts-window.ui");
          other = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
        }
      gtk_window_present (other);
      wait_ms (700);
      save_png (GTK_WIDGET (other), out != NULL ? out : "screenshot.png");
      gtk_window_destroy (other);
    }
  else
    save_png (GTK_WIDGET (window), out != NULL ? out : "screenshot.png");
  gtk_window_destroy (GTK_WINDOW (window));

  return EXIT_SUCCESS;
}
