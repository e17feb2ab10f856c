#define G_LOG_DOMAIN "test-ui-members"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "acr-invoice-create-dialog.h"
#include "acr-invoice-renderer.h"
#include "acr-member-pane.h"
#include "acr-money.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* Member lookup on a temporary database, driven through the search entry,
 * the filter dropdowns, the empty-state buttons and row activation. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

static guint
count_inscriptions_containing (GtkWidget  *widget,
                               const char *text)
{
  guint n = 0;

  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL &&
      strstr (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) != NULL)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_inscriptions_containing (child, text);

  return n;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "last-view", "members");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);

  fixture->window = acr_test_ui_show_window (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  acr_test_ui_close_window (fixture->window, fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static AcrMembersPage *
page (Fixture *fixture)
{
  return acr_window_get_members_page (fixture->window);
}

/* The member's details and the actions on them. */
static GtkWidget *
pane (Fixture *fixture)
{
  return acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), ACR_TYPE_MEMBER_PANE, NULL);
}

static void
load_sample (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (fixture)), "members.load-sample", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
type_search (Fixture    *fixture,
             const char *text)
{
  GtkWidget *entry = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* search-changed is emitted from a timeout even with no delay */
  while (g_strcmp0 (acr_search_results_get_text (acr_members_page_get_results (page (fixture))), text) != 0)
    g_main_context_iteration (NULL, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_members_empty_database_offers_sample_data (Fixture       *fixture,
                                                gconstpointer  data)
{
  GListModel *results = G_LIST_MODEL (acr_members_page_get_results (page (fixture)));

  g_assert_cmpstr (acr_members_page_get_state (page (fixture)), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);

  load_sample (fixture);
  g_assert_cmpstr (acr_members_page_get_state (page (fixture)), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2000);
}

/* A large membership reads its search index in a thread: meanwhile the list
 * shows the members in name order from the store, and what staff type is
 * searched once the index is there. */
static void
test_members_list_shows_members_while_the_index_is_read (Fixture       *fixture,
                                                         gconstpointer  data)
{
  GtkWidget *entry = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkColumnView *view = GTK_COLUMN_VIEW (acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_COLUMN_VIEW, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) first_ids = NULL;
  g_autoptr (AcrMember) first = NULL;
  g_autofree char *first_name = NULL;
  g_autoptr (GObject) row = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "members.db", NULL);
  g_autoptr (AcrStore) reopened = NULL;
  gint64 deadline;

  load_sample (fixture);
  /* The same file opened again: a store whose index is not read yet. */
  reopened = acr_store_open (path, &error);
  g_assert_no_error (error);
  _acr_members_page_set_index_in_thread_from (page (fixture), 0);
  acr_window_set_store (fixture->window, reopened, NULL);

  /* At once: no search yet, but every member in the list, the first by name first. */
  g_assert_null (acr_members_page_get_results (page (fixture)));
  g_assert_cmpstr (acr_members_page_get_state (page (fixture)), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 2000);
  first_ids = acr_store_list_ids_by_name (reopened, 0, 1, &error);
  g_assert_no_error (error);
  first = acr_store_lookup_member_by_id (reopened, g_array_index (first_ids, guint32, 0), &error);
  g_assert_no_error (error);
  first_name = acr_member_dup_display_name (first);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_cmpuint (count_inscriptions_containing (GTK_WIDGET (page (fixture)), first_name), >, 0);
  row = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 0);

  /* Typed while the index is read: searched when it is ready. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "smith");
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (acr_members_page_get_results (page (fixture)) == NULL ||
         g_strcmp0 (acr_search_results_get_text (acr_members_page_get_results (page (fixture))), "smith") != 0)
    {
      /* Not blocking: a change that never comes must reach the deadline. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (acr_members_page_get_results (page (fixture)))), <, 2000);

  /* The rows were filled again, not rebuilt. */
  {
    g_autoptr (GObject) again = g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), 0);

    g_assert_true (again == row);
  }
}

static void
test_members_search_filters_as_you_type (Fixture       *fixture,
                                         gconstpointer  data)
{
  GListModel *results;
  guint n_smith;

  load_sample (fixture);
  results = G_LIST_MODEL (acr_members_page_get_results (page (fixture)));

  type_search (fixture, "smith");
  n_smith = g_list_model_get_n_items (results);
  g_assert_cmpuint (n_smith, >, 0);
  g_assert_cmpuint (n_smith, <, 2000);
  for (guint i = 0; i < MIN (n_smith, 20); i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (results, i);
      g_autofree char *display_name = acr_member_dup_display_name (member);
      g_autofree char *name = g_utf8_strdown (display_name, -1);
      g_autofree char *email = g_utf8_strdown (acr_member_get_email (member) ? acr_member_get_email (member) : "", -1);

      g_assert_true (strstr (name, "smith") != NULL || strstr (email, "smith") != NULL);
    }
  /* The rows on screen show the matches. */
  g_assert_cmpuint (count_inscriptions_containing (GTK_WIDGET (page (fixture)), "Smith"), >, 0);
  g_assert_cmpuint (count_inscriptions_containing (GTK_WIDGET (page (fixture)), "Adams"), ==, 0);

  type_search (fixture, "zzqqxxnothing");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  g_assert_cmpstr (acr_members_page_get_state (page (fixture)), ==, "no-results");

  type_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2000);
  g_assert_cmpstr (acr_members_page_get_state (page (fixture)), ==, "list");
}

static void
test_members_status_filter_keeps_only_that_status (Fixture       *fixture,
                                                   gconstpointer  data)
{
  GtkWidget *dropdown = NULL;
  GListModel *results, *model;
  guint n;

  load_sample (fixture);
  results = G_LIST_MODEL (acr_members_page_get_results (page (fixture)));

  /* The status dropdown is the one whose items name statuses. */
  for (GtkWidget *w = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_DROP_DOWN, NULL);
       w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      g_autoptr (GtkStringObject) first = g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (w)), 0);

      if (g_str_equal (gtk_string_object_get_string (first), "All statuses"))
        dropdown = w;
    }
  g_assert_nonnull (dropdown);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), "Retired"))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
    }

  n = g_list_model_get_n_items (results);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 2000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (results, i);

      g_assert_cmpstr (acr_member_get_status (member), ==, "retired");
    }

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2000);
}

static void
test_members_activating_a_row_opens_the_member (Fixture       *fixture,
                                                gconstpointer  data)
{
  GtkWidget *column_view;
  g_autoptr (AcrMember) third = NULL;
  AcrMember *shown;

  load_sample (fixture);
  column_view = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_COLUMN_VIEW, NULL);
  third = g_list_model_get_item (G_LIST_MODEL (acr_members_page_get_results (page (fixture))), 2);

  g_assert_null (acr_members_page_get_shown_member (page (fixture)));
  g_signal_emit_by_name (column_view, "activate", 2u);
  shown = acr_members_page_get_shown_member (page (fixture));
  g_assert_nonnull (shown);
  g_assert_cmpuint (acr_member_get_number (shown), ==, acr_member_get_number (third));
}

static void
test_members_search_shortcut_focuses_the_entry (Fixture       *fixture,
                                                gconstpointer  data)
{
  GtkWidget *entry = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_SEARCH_ENTRY, NULL);

  acr_window_set_view (fixture->window, "applications");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL));
  g_assert_cmpstr (acr_window_get_view (fixture->window), ==, "members");
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_has_focus (gtk_widget_get_first_child (entry)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));
}

/* As a click on a response button: the response, then the dialog goes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_members_edit_conflict_offers_reload (Fixture       *fixture,
                                          gconstpointer  data)
{
  GtkWidget *column_view;
  AdwMessageDialog *dialog;
  g_autoptr (AcrMember) other = NULL;
  g_autoptr (GError) error = NULL;
  AcrMember *shown;
  guint number;

  load_sample (fixture);
  column_view = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_COLUMN_VIEW, NULL);
  g_signal_emit_by_name (column_view, "activate", 0u);
  shown = acr_members_page_get_shown_member (page (fixture));
  g_assert_nonnull (shown);
  number = acr_member_get_number (shown);

  /* Staff opens the editor … */
  g_assert_true (gtk_widget_activate_action (pane (fixture), "members.edit", NULL));
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ENTRY_ROW, "city")),
                         "Charlottesville");

  /* … while someone else saves the same member. */
  other = acr_store_lookup_member (fixture->store, number, &error);
  g_assert_no_error (error);
  g_assert_true (acr_member_set_field (other, "city", "Norfolk", &error));
  g_assert_true (acr_store_save_member (fixture->store, other, "phone call", &error));
  g_assert_no_error (error);

  /* Saving is refused and says so in a dialog that offers to reload. */
  respond (dialog, "save");
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed by Someone Else");
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  {
    g_autoptr (AcrMember) stored = acr_store_lookup_member (fixture->store, number, NULL);

    g_assert_cmpstr (acr_member_get_city (stored), ==, "Norfolk");
  }

  respond (dialog, "reload");
  shown = acr_members_page_get_shown_member (page (fixture));
  g_assert_cmpstr (acr_member_get_city (shown), ==, "Norfolk");
  g_assert_cmpint (acr_member_get_revision (shown), ==, acr_member_get_revision (other));

  /* Editing again from the reloaded member works. */
  g_assert_true (gtk_widget_activate_action (pane (fixture), "members.edit", NULL));
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ENTRY_ROW, "city")),
                         "Charlottesville");
  respond (dialog, "save");
  g_assert_cmpstr (acr_member_get_city (acr_members_page_get_shown_member (page (fixture))), ==, "Charlottesville");
}

/* Unlike acr_test_ui_find_action_button (), only a button on screen (mapped):
 * the invoice buttons count once the pane shows them. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Create Invoice asks the year and shows the lines first: issue this
 * year's invoice when the dialog allows it, else close it. */
static void
create_invoice_from_pane (Fixture *fixture)
{
  GtkWindow *dialog;
  GtkWidget *confirm;

  g_assert_true (gtk_widget_activate_action (pane (fixture), "members.create-invoice", NULL));
  dialog = acr_test_ui_find_toplevel (ACR_TYPE_INVOICE_CREATE_DIALOG);
  g_assert_nonnull (dialog);
  confirm = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "confirm");
  g_assert_nonnull (confirm);
  if (gtk_widget_get_sensitive (confirm))
    g_signal_emit_by_name (confirm, "clicked");
  else
    gtk_window_destroy (dialog);
}

/* A member's invoice can be opened as a PDF, printed and exported from the
 * member pane, each from a button on the invoice's row. */
static void
test_members_pane_offers_the_invoice_as_a_document (Fixture       *fixture,
                                                    gconstpointer  data)
{
  GListModel *results;
  GtkWidget *open_button = NULL;
  g_autofree char *number = NULL;
  g_autofree char *path = NULL;
  g_autofree char *file_name = NULL;
  AcrInvoice *shown = NULL;

  load_sample (fixture);
  results = G_LIST_MODEL (acr_members_page_get_results (page (fixture)));

  /* The first member who owes dues this year gets an invoice from the pane. */
  for (guint i = 0; i < 50 && open_button == NULL; i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (results, i);

      acr_members_page_show_member (page (fixture), acr_member_get_number (member));
      create_invoice_from_pane (fixture);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
      open_button = find_action_button (GTK_WIDGET (page (fixture)), "members.open-invoice");
    }
  g_assert_nonnull (open_button);
  g_assert_nonnull (find_action_button (GTK_WIDGET (page (fixture)), "members.print-invoice"));
  g_assert_nonnull (find_action_button (GTK_WIDGET (page (fixture)), "members.export-invoice"));
  g_assert_true (gtk_widget_is_sensitive (open_button));

  /* Open as PDF writes the invoice where the viewer is pointed (no viewer runs here). */
  number = g_variant_dup_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open_button)), NULL);
  {
    g_autoptr (AcrBilling) billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));
    g_autoptr (GPtrArray) invoices = acr_billing_list_member_invoices (billing,
                                                                        acr_member_get_number (acr_members_page_get_shown_member (page (fixture))),
                                                                        NULL, NULL);

    for (guint i = 0; i < invoices->len; i++)
      if (g_str_equal (acr_invoice_get_number (g_ptr_array_index (invoices, i)), number))
        shown = g_ptr_array_index (invoices, i);
    g_assert_nonnull (shown);
    file_name = acr_invoice_renderer_dup_file_name (shown);
  }
  path = g_build_filename (g_get_user_cache_dir (), "acr-membership", "invoices", file_name, NULL);
  g_unlink (path);
  g_signal_emit_by_name (open_button, "clicked");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_unlink (path);
}

static guint
count_inscriptions (GtkWidget *widget)
{
  guint n = GTK_IS_INSCRIPTION (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_inscriptions (child);
  return n;
}

static GtkWidget *
find_inscription (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_inscription (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether the list row showing member @number shows @text in one of its seven cells. */
static gboolean
list_row_shows (Fixture    *fixture,
                const char *number,
                const char *text)
{
  GtkWidget *row = find_inscription (GTK_WIDGET (page (fixture)), number);

  while (row != NULL && count_inscriptions (row) < 7)
    row = gtk_widget_get_parent (row);

  return row != NULL && count_inscriptions (row) == 7 && find_inscription (row, text) != NULL;
}

/* An invoice issued from the pane and a payment recorded elsewhere (here:
 * straight through AcrBilling, as Billing does) show in the list's balance
 * at once, without a new search. */
static void
test_members_balances_follow_a_payment (Fixture       *fixture,
                                        gconstpointer  data)
{
  GListModel *results;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoice) paid = NULL;
  g_autoptr (AcrPayment) payment = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *owed = NULL;
  g_autofree char *zero = acr_money_format (0, NULL);
  AcrInvoice *invoice = NULL;
  gint64 balance = 0;
  gint64 deadline;
  GDate date;

  load_sample (fixture);
  results = G_LIST_MODEL (acr_members_page_get_results (page (fixture)));
  billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));

  /* The first member on screen with nothing owed who gets an invoice from the pane. */
  for (guint i = 0; i < 20 && invoice == NULL; i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (results, i);

      g_assert_true (acr_billing_get_member_balance (billing, member, &balance, NULL));
      if (balance != 0)
        continue;
      acr_members_page_show_member (page (fixture), acr_member_get_number (member));
      create_invoice_from_pane (fixture);
      g_clear_pointer (&invoices, g_ptr_array_unref);
      invoices = acr_billing_list_member_invoices (billing, acr_member_get_number (member), &balance, NULL);
      if (invoices != NULL && invoices->len > 0 && balance > 0)
        {
          invoice = g_ptr_array_index (invoices, 0);
          number = acr_member_dup_number_text (member);
        }
    }
  g_assert_nonnull (invoice);
  owed = acr_money_format (balance, NULL);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!list_row_shows (fixture, number, owed))
    {
      /* Not blocking: a change that never comes must reach the deadline. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }

  /* Paid the day it was issued: a payment is never dated before its invoice. */
  date = *acr_invoice_get_issued_on (invoice);
  payment = acr_payment_new (balance, &date, ACR_PAYMENT_METHOD_CHECK, "12345");
  paid = acr_billing_record_payment (billing, acr_invoice_get_number (invoice), payment, &error);
  g_assert_no_error (error);

  while (!list_row_shows (fixture, number, zero))
    {
      /* Not blocking: a change that never comes must reach the deadline. */
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add ("/acr/ui/members/empty-database-offers-sample-data", Fixture, NULL,
              fixture_set_up, test_members_empty_database_offers_sample_data, fixture_tear_down);
  g_test_add ("/acr/ui/members/list-shows-members-while-the-index-is-read", Fixture, NULL,
              fixture_set_up, test_members_list_shows_members_while_the_index_is_read, fixture_tear_down);
  g_test_add ("/acr/ui/members/search-filters-as-you-type", Fixture, NULL,
              fixture_set_up, test_members_search_filters_as_you_type, fixture_tear_down);
  g_test_add ("/acr/ui/members/status-filter-keeps-only-that-status", Fixture, NULL,
              fixture_set_up, test_members_status_filter_keeps_only_that_status, fixture_tear_down);
  g_test_add ("/acr/ui/members/activating-a-row-opens-the-member", Fixture, NULL,
              fixture_set_up, test_members_activating_a_row_opens_the_member, fixture_tear_down);
  g_test_add ("/acr/ui/members/search-shortcut-focuses-the-entry", Fixture, NULL,
              fixture_set_up, test_members_search_shortcut_focuses_the_entry, fixture_tear_down);

  g_test_add ("/acr/ui/members/pane-offers-the-invoice-as-a-document", Fixture, NULL,
              fixture_set_up, test_members_pane_offers_the_invoice_as_a_document, fixture_tear_down);
  g_test_add ("/acr/ui/members/balances-follow-a-payment", Fixture, NULL,
              fixture_set_up, test_members_balances_follow_a_payment, fixture_tear_down);
  g_test_add ("/acr/ui/members/edit-conflict-offers-reload", Fixture, NULL,
              fixture_set_up, test_members_edit_conflict_offers_reload, fixture_tear_down);

  return g_test_run ();
}
