#define G_LOG_DOMAIN "test-ui-billing"

#include "config.h"

#include <adwaita.h>

#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* Billing on sample members: the preview, a run started through its
 * button and confirmation dialog, then the invoice list's search and
 * status filter. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

static AcrBillingPage *
page (Fixture *fixture)
{
  return acr_window_get_billing_page (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "last-view", data != NULL ? data : "billing");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  g_assert_true (acr_sample_data_generate (fixture->store, 300, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->window = acr_test_ui_show_window (fixture->store);
  acr_test_ui_wait_for_billing (page (fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* No preview thread may outlive the test: the page would outlive the window. */
  acr_test_ui_wait_for_billing (page (fixture));
  acr_test_ui_close_window (fixture->window, fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
run_billing (Fixture *fixture)
{
  AdwMessageDialog *dialog;

  g_signal_emit_by_name (acr_test_ui_find_action_button (GTK_WIDGET (page (fixture)), "billing.start"), "clicked");
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* As a click on the button: the dialog emits the response and closes. */
  adw_message_dialog_response (dialog, "bill");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (acr_billing_page_get_busy (page (fixture)));
  acr_test_ui_wait_for_billing (page (fixture));
}

static void
test_billing_preview_shows_categories_before_the_run (Fixture       *fixture,
                                                      gconstpointer  data)
{
  GtkListBox *categories = GTK_LIST_BOX (acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_WIDGET, "category-list"));

  g_assert_cmpint (acr_billing_page_get_year (page (fixture)), >, 2000);
  g_assert_nonnull (gtk_list_box_get_row_at_index (categories, 0));
  /* A dry run writes nothing. */
  g_assert_cmpuint (g_list_model_get_n_items (acr_billing_page_get_invoices (page (fixture))), ==, 0);
}

/* The dry run reads every member: nobody looking at Billing, no dry run. */
static void
test_billing_preview_waits_until_the_page_is_shown (Fixture       *fixture,
                                                    gconstpointer  data)
{
  GtkListBox *categories = GTK_LIST_BOX (acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_WIDGET, "category-list"));

  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page (fixture))));
  g_assert_false (acr_billing_page_get_busy (page (fixture)));
  g_assert_null (gtk_list_box_get_row_at_index (categories, 0));

  acr_window_set_view (fixture->window, "billing");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page (fixture))));
  g_assert_true (acr_billing_page_get_busy (page (fixture)));
  acr_test_ui_wait_for_billing (page (fixture));
  g_assert_nonnull (gtk_list_box_get_row_at_index (categories, 0));
}

/* An invoice issued while Billing is hidden (from a member's pane, say) is
 * in its list when it is shown again. */
static void
test_billing_list_follows_invoices_issued_elsewhere (Fixture       *fixture,
                                                     gconstpointer  data)
{
  GListModel *invoices = acr_billing_page_get_invoices (page (fixture));
  g_autoptr (AcrBilling) billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));
  g_autoptr (AcrInvoice) issued = NULL;
  int year = acr_billing_page_get_year (page (fixture));
  GDate date;

  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 0);
  acr_window_set_view (fixture->window, "members");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page (fixture))));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_JANUARY, year);
  for (guint number = 1; number <= 300 && issued == NULL; number++)
    issued = acr_billing_create_invoice (billing, number, year, &date, NULL);
  g_assert_nonnull (issued);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 0);

  acr_window_set_view (fixture->window, "billing");
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 1);
  {
    g_autoptr (AcrInvoice) listed = g_list_model_get_item (invoices, 0);

    g_assert_cmpstr (acr_invoice_get_number (listed), ==, acr_invoice_get_number (issued));
  }
  acr_test_ui_wait_for_billing (page (fixture));
}

static guint
count_cells_reading (GtkWidget  *widget,
                     const char *text)
{
  guint n = GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
            g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_cells_reading (child, text);
  return n;
}

/* The run writes on a connection of its own; the member list's balances,
 * all zero before it, show what the run billed when staff look again. */
static void
test_billing_run_shows_in_the_member_balances (Fixture       *fixture,
                                               gconstpointer  data)
{
  GtkWidget *members = GTK_WIDGET (acr_window_get_members_page (fixture->window));
  g_autofree char *zero = acr_money_format (0, NULL);
  gint64 deadline;
  guint zeros_before;

  acr_window_set_view (fixture->window, "members");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  zeros_before = count_cells_reading (members, zero);
  g_assert_cmpuint (zeros_before, >, 10);

  acr_window_set_view (fixture->window, "billing");
  run_billing (fixture);
  acr_window_set_view (fixture->window, "members");

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (count_cells_reading (members, zero) >= zeros_before / 2)
    {
      /* Not blocking: a change that never comes must reach the deadline. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_billing_run_fills_the_invoice_list (Fixture       *fixture,
                                         gconstpointer  data)
{
  GListModel *invoices = acr_billing_page_get_invoices (page (fixture));
  g_autoptr (AcrBilling) billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));
  AcrInvoiceFilter filter = { .year = acr_billing_page_get_year (page (fixture)) };
  g_autoptr (GPtrArray) stored = NULL;
  guint n;

  run_billing (fixture);

  stored = acr_billing_list_invoices (billing, &filter, NULL);
  n = g_list_model_get_n_items (invoices);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, ==, stored->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrInvoice) invoice = g_list_model_get_item (invoices, i);

      g_assert_cmpint (acr_invoice_get_year (invoice), ==, filter.year);
      g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_OPEN);
    }

  /* A second run bills nobody twice. */
  run_billing (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, n);
}

static void
test_billing_search_and_status_filter_the_invoices (Fixture       *fixture,
                                                    gconstpointer  data)
{
  GListModel *invoices = acr_billing_page_get_invoices (page (fixture));
  GtkWidget *search = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkDropDown *status = GTK_DROP_DOWN (acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_DROP_DOWN, NULL));
  g_autoptr (AcrInvoice) first = NULL;
  g_autofree char *number = NULL;

  run_billing (fixture);
  first = g_list_model_get_item (invoices, 0);
  number = g_strdup (acr_invoice_get_number (first));

  gtk_editable_set_text (GTK_EDITABLE (search), number);
  while (g_list_model_get_n_items (invoices) != 1)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr (AcrInvoice) found = g_list_model_get_item (invoices, 0);

    g_assert_cmpstr (acr_invoice_get_number (found), ==, number);
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  while (g_list_model_get_n_items (invoices) <= 1)
    g_main_context_iteration (NULL, TRUE);

  /* "Paid": none yet. Items: All, Open, Partially paid, Paid, … */
  gtk_drop_down_set_selected (status, 3);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), ==, 0);
  gtk_drop_down_set_selected (status, 1);
  g_assert_cmpuint (g_list_model_get_n_items (invoices), >, 0);
}

/* Issue 13 item 19: at 360 px the invoice list is a page of its own, and
 * the run pane leads to it (and back). */
static void
test_billing_invoices_reachable_at_360_pixels (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  AcrWindow *window;
  GtkWidget *page;
  AdwLeaflet *leaflet;
  GtkWidget *button;
  gint64 deadline;

  g_assert_true (acr_sample_data_generate (store, 20, 3, NULL, NULL, &error));
  g_assert_no_error (error);

  /* A window opened at 360 px, as the last one was left. */
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "last-view", "billing");
  window = acr_test_ui_show_window (store);
  page = GTK_WIDGET (acr_window_get_billing_page (window));
  leaflet = ADW_LEAFLET (acr_test_ui_find_widget (page, ADW_TYPE_LEAFLET, NULL));
  button = acr_test_ui_find_widget (page, GTK_TYPE_BUTTON, "show-invoices");
  acr_window_set_view (window, "billing");
  deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;
  while (!adw_leaflet_get_folded (leaflet) && g_get_monotonic_time () < deadline)
    {
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 400);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "run");
  g_assert_true (gtk_widget_get_visible (button));

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "invoices");
  g_assert_true (gtk_widget_activate_action (page, "billing.show-run", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "run");

  acr_test_ui_wait_for_billing (ACR_BILLING_PAGE (page));
  acr_test_ui_close_window (window, NULL);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-view");
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add ("/acr/ui/billing/preview-shows-categories-before-the-run", Fixture, NULL,
              fixture_set_up, test_billing_preview_shows_categories_before_the_run, fixture_tear_down);
  g_test_add ("/acr/ui/billing/preview-waits-until-the-page-is-shown", Fixture, "members",
              fixture_set_up, test_billing_preview_waits_until_the_page_is_shown, fixture_tear_down);
  g_test_add ("/acr/ui/billing/list-follows-invoices-issued-elsewhere", Fixture, NULL,
              fixture_set_up, test_billing_list_follows_invoices_issued_elsewhere, fixture_tear_down);
  g_test_add ("/acr/ui/billing/run-shows-in-the-member-balances", Fixture, NULL,
              fixture_set_up, test_billing_run_shows_in_the_member_balances, fixture_tear_down);
  g_test_add ("/acr/ui/billing/run-fills-the-invoice-list", Fixture, NULL,
              fixture_set_up, test_billing_run_fills_the_invoice_list, fixture_tear_down);
  g_test_add ("/acr/ui/billing/search-and-status-filter-the-invoices", Fixture, NULL,
              fixture_set_up, test_billing_search_and_status_filter_the_invoices, fixture_tear_down);

  g_test_add_func ("/acr/ui/billing/invoices-reachable-at-360-pixels", test_billing_invoices_reachable_at_360_pixels);

  return g_test_run ();
}
