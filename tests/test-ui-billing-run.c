#define G_LOG_DOMAIN "test-ui-billing-run"

#include "config.h"

#include <adwaita.h>

#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* What a billing run from the Billing view must tell the rest of the app:
 * the window's Print Invoice follows the invoices selected after the run
 * (the page's can-print property and its notification), and a member list
 * on screen shows the balances the run billed without being shown again. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;       /* on Billing */
  AcrWindow *other_window; /* on Members, when the test asks for one */
} Fixture;

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

static AcrBillingPage *
page (Fixture *fixture)
{
  return acr_window_get_billing_page (fixture->window);
}

/* Iterates the main loop, without blocking, until @done says so; a change
 * that never comes fails at the deadline (within meson's 30 s). */
static void
wait_for (gboolean (*done) (gpointer data),
          gpointer   data,
          guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static AcrWindow *
open_window (Fixture    *fixture,
             const char *view)
{
  AcrWindow *window = g_object_ref (acr_window_new (NULL));

  acr_window_set_store (window, fixture->store, NULL);
  acr_window_set_view (window, view);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  g_assert_true (acr_sample_data_generate (fixture->store, 300, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  if (GPOINTER_TO_INT (data))
    fixture->other_window = open_window (fixture, "members");
  fixture->window = open_window (fixture, "billing");
  acr_test_ui_wait_for_billing (page (fixture));
}

static void
close_window (AcrWindow **window)
{
  if (*window != NULL)
    acr_test_ui_close_window (g_steal_pointer (window), NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* No preview thread may outlive the test: the page would outlive the window. */
  acr_test_ui_wait_for_billing (page (fixture));
  close_window (&fixture->window);
  close_window (&fixture->other_window);
  g_assert_finalize_object (fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* Start Billing, confirmed as staff confirm it, and wait for the run to end. */
static void
run_billing (Fixture *fixture)
{
  GtkWidget *start = acr_test_ui_find_action_button (GTK_WIDGET (page (fixture)), "billing.start");
  AdwMessageDialog *dialog;

  g_assert_nonnull (start);
  g_signal_emit_by_name (start, "clicked");
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "bill");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (acr_billing_page_get_busy (page (fixture)));
  acr_test_ui_wait_for_billing (page (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (acr_billing_page_get_invoices (page (fixture))), >, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The window's Print Invoice (Ctrl+P) is enabled from the page's
 * can-print: selecting invoices after a run must notify it, or the command
 * stays off with invoices selected (and on with none). A button for
 * win.print-invoice placed in the window shows what staff see. */
static void
test_billing_run_can_print_follows_the_selection (Fixture       *fixture,
                                                  gconstpointer  data)
{
  GtkWidget *view = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkWidget *box = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_BOX, NULL);
  GtkWidget *print = gtk_button_new_with_label ("Print");
  GtkSelectionModel *selection;
  guint notified = 0;

  g_assert_nonnull (view);
  g_assert_nonnull (box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "win.print-invoice");
  gtk_box_append (GTK_BOX (box), print);

  run_billing (fixture);
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  g_assert_false (acr_billing_page_get_can_print (page (fixture)));
  g_assert_false (gtk_widget_get_sensitive (print));

  g_signal_connect (page (fixture), "notify::can-print", G_CALLBACK (count_notify_cb), &notified);

  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  g_assert_true (acr_billing_page_get_can_print (page (fixture)));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (print));

  /* A second invoice: still printable, nothing to tell. */
  g_assert_true (gtk_selection_model_select_item (selection, 1, FALSE));
  g_assert_cmpuint (notified, ==, 1);

  g_assert_true (gtk_selection_model_unselect_all (selection));
  g_assert_false (acr_billing_page_get_can_print (page (fixture)));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_get_sensitive (print));

  g_signal_handlers_disconnect_by_func (page (fixture), count_notify_cb, &notified);
  gtk_box_remove (GTK_BOX (box), print);
}

typedef struct
{
  GtkWidget *members;
  char      *zero;
  guint      zeros_before;
} Balances;

static gboolean
balances_changed (gpointer data)
{
  Balances *balances = data;

  return count_cells_reading (balances->members, balances->zero) < balances->zeros_before / 2;
}

/* A member list on screen while Billing runs in another window (the run
 * writes on a connection of its own): its balances, zero before, show what
 * the run billed, without the list being shown again. */
static void
test_billing_run_refreshes_member_balances_on_screen (Fixture       *fixture,
                                                      gconstpointer  data)
{
  g_autofree char *zero = acr_money_format (0, NULL);
  Balances balances = { GTK_WIDGET (acr_window_get_members_page (fixture->other_window)), zero, 0 };

  g_assert_true (gtk_widget_get_mapped (balances.members));
  balances.zeros_before = count_cells_reading (balances.members, zero);
  g_assert_cmpuint (balances.zeros_before, >, 10);

  run_billing (fixture);

  g_assert_true (gtk_widget_get_mapped (balances.members));
  wait_for (balances_changed, &balances, 5);
}

/* Void… asks for a reason, voids the chosen invoice with it, and the list
 * shows the invoice void. */
static void
test_billing_run_void_asks_then_voids (Fixture       *fixture,
                                       gconstpointer  data)
{
  GtkWidget *view = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), GTK_TYPE_COLUMN_VIEW, NULL);
  g_autoptr (AcrInvoice) chosen = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  GtkSelectionModel *selection;
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  run_billing (fixture);
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (view));
  g_assert_true (gtk_selection_model_select_item (selection, 0, TRUE));
  chosen = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page (fixture)), "billing.void", NULL));
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "void"));
  reason = acr_test_ui_find_widget (adw_message_dialog_get_extra_child (dialog), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (reason);
  gtk_editable_set_text (GTK_EDITABLE (reason), "sent twice");
  adw_message_dialog_response (dialog, "void");
  gtk_window_destroy (GTK_WINDOW (dialog));

  rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  billing = acr_billing_new (fixture->store, rules);
  stored = acr_billing_lookup_invoice (billing, acr_invoice_get_number (chosen), &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (stored), ==, ACR_INVOICE_STATUS_VOID);
  g_assert_cmpstr (acr_invoice_get_void_reason (stored), ==, "sent twice");
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add ("/acr/ui/billing-run/can-print-follows-the-selection", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_billing_run_can_print_follows_the_selection, fixture_tear_down);
  g_test_add ("/acr/ui/billing-run/void-asks-then-voids", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_billing_run_void_asks_then_voids, fixture_tear_down);
  g_test_add ("/acr/ui/billing-run/refreshes-member-balances-on-screen", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_billing_run_refreshes_member_balances_on_screen, fixture_tear_down);

  return g_test_run ();
}
