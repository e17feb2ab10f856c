#define G_LOG_DOMAIN "test-ui-payment"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "acr-date-input.h"
#include "acr-money.h"
#include "acr-payment-dialog.h"
#include "acr-person.h"
#include "acr-sample-data.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* Record Payment… from the Billing view, in English and in French: what is
 * typed is read in the interface's language and shown back before saving;
 * what is refused, live or by the core on saving, stays in the dialog with
 * what was typed. The fixture's data is the interface language. */

#define NBSP "\xc2\xa0"

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrBilling *billing;
  AcrWindow  *window;
  char       *number;     /* the invoice paid */
  gint64      balance;
  GDate       issued_on;
} Fixture;

/* The payment dialog on screen, or NULL. */
static AcrPaymentDialog *
find_payment_dialog (void)
{
  return ACR_PAYMENT_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_PAYMENT_DIALOG));
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *language = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year;

  /* The interface's language: gettext and acr_money_format (…, NULL) both
   * follow LANGUAGE, as in the application. */
  g_setenv ("LANGUAGE", language, TRUE);
  /* glibc caches translations per locale, not per LANGUAGE: textdomain ()
   * empties that cache. */
  textdomain (GETTEXT_PACKAGE);

  g_settings_set_string (settings, "last-view", "members");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  g_assert_true (acr_sample_data_generate (fixture->store, 120, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  fixture->window = acr_test_ui_show_window (fixture->store);
  fixture->billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));

  /* One invoice of the year Billing shows, issued early this year so that
   * today, the dialog's default date, is on or after it. */
  year = acr_billing_page_get_year (acr_window_get_billing_page (fixture->window));
  g_date_clear (&fixture->issued_on, 1);
  g_date_set_dmy (&fixture->issued_on, 5, G_DATE_JANUARY, g_date_time_get_year (now));
  for (guint number = 1; number <= 120 && invoice == NULL; number++)
    invoice = acr_billing_create_invoice (fixture->billing, number, year, &fixture->issued_on, NULL);
  g_assert_nonnull (invoice);
  fixture->number = g_strdup (acr_invoice_get_number (invoice));
  fixture->balance = acr_invoice_get_balance_cents (invoice);
  g_assert_cmpint (fixture->balance, >, 1000);

  acr_window_set_view (fixture->window, "billing");
  acr_test_ui_wait_for_billing (acr_window_get_billing_page (fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (acr_billing_page_get_invoices (acr_window_get_billing_page (fixture->window))), ==, 1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  AcrPaymentDialog *dialog = find_payment_dialog ();

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  acr_test_ui_wait_for_billing (acr_window_get_billing_page (fixture->window));
  acr_test_ui_close_window (fixture->window, NULL);
  g_clear_object (&fixture->billing);
  g_assert_finalize_object (fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->number);
  g_unsetenv ("LANGUAGE");
}

/* Selects the invoice and chooses Record Payment…, as staff do. */
static AcrPaymentDialog *
open_dialog (Fixture *fixture)
{
  GtkWidget *page = GTK_WIDGET (acr_window_get_billing_page (fixture->window));
  GtkColumnView *view = GTK_COLUMN_VIEW (acr_test_ui_find_widget (page, GTK_TYPE_COLUMN_VIEW, NULL));
  AcrPaymentDialog *dialog;

  g_assert_true (gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE));
  g_assert_true (gtk_widget_activate_action (page, "billing.record-payment", NULL));
  dialog = find_payment_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (acr_invoice_get_number (acr_payment_dialog_get_invoice (dialog)), ==, fixture->number);
  iterate ();

  return dialog;
}

static const char *
text_of (AcrPaymentDialog *dialog,
         const char       *name)
{
  GtkWidget *widget = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name);

  g_assert_nonnull (widget);
  if (GTK_IS_LABEL (widget))
    return gtk_widget_get_visible (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "";
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
type (AcrPaymentDialog *dialog,
      const char       *name,
      const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name)), text);
  iterate ();
}

static gboolean
shows_error (AcrPaymentDialog *dialog,
             const char       *name)
{
  GtkWidget *label = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name);

  return gtk_widget_get_visible (label) && gtk_widget_has_css_class (label, "error");
}

static gboolean
can_record (AcrPaymentDialog *dialog)
{
  return gtk_widget_get_sensitive (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "record"));
}

static void
click_record (AcrPaymentDialog *dialog)
{
  g_assert_true (can_record (dialog));
  g_signal_emit_by_name (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "record"), "clicked");
  iterate ();
}

/* Enter in the amount field: the GtkText inside the row is activated. */
static void
press_enter_in_amount (AcrPaymentDialog *dialog)
{
  GtkWidget *text = acr_test_ui_find_widget (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "amount"), GTK_TYPE_TEXT, NULL);

  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
  iterate ();
}

static gint64
paid_cents (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = acr_billing_lookup_invoice (fixture->billing, fixture->number, &error);

  g_assert_no_error (error);
  return acr_invoice_get_paid_cents (invoice);
}

static void
assert_understood (AcrPaymentDialog *dialog,
                   Fixture          *fixture,
                   const char       *language,
                   gint64            cents)
{
  g_autofree char *amount = acr_money_format (cents, language);
  g_autofree char *after = acr_money_format (fixture->balance - cents, language);
  g_autofree char *expected = NULL;

  if (g_str_equal (language, "fr"))
    expected = g_strdup_printf ("%s — solde après" NBSP ": %s", amount, after);
  else
    expected = g_strdup_printf ("%s — balance after: %s", amount, after);
  g_assert_false (shows_error (dialog, "amount-feedback"));
  g_assert_cmpstr (text_of (dialog, "amount-feedback"), ==, expected);
  g_assert_true (can_record (dialog));
}

/* In French the field is prefilled the French way, and "1,50" is $1.50
 * (it was recorded as $150.00, "5,25" as 525,00 $). */
static void
test_payment_french_comma_is_the_decimal_mark (Fixture       *fixture,
                                               gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);
  g_autofree char *prefill = acr_money_format_amount (fixture->balance, "fr");

  g_assert_cmpstr (text_of (dialog, "amount"), ==, prefill);
  g_assert_null (strchr (text_of (dialog, "amount"), '.'));
  g_assert_nonnull (strchr (text_of (dialog, "amount"), ','));
  assert_understood (dialog, fixture, "fr", fixture->balance);

  type (dialog, "amount", "5,25");
  assert_understood (dialog, fixture, "fr", 525);
  type (dialog, "amount", "1,50");
  assert_understood (dialog, fixture, "fr", 150);
  click_record (dialog);

  g_assert_null (find_payment_dialog ());
  g_assert_cmpint (paid_cents (fixture), ==, 150);
  {
    g_autoptr (AcrInvoice) listed = g_list_model_get_item (acr_billing_page_get_invoices (acr_window_get_billing_page (fixture->window)), 0);

    g_assert_cmpint (acr_invoice_get_balance_cents (listed), ==, fixture->balance - 150);
  }
}

/* "1 234,56" with any of the spaces French groups with; "1,234" is refused
 * in place as ambiguous (thousands or decimals?), and Enter does nothing. */
static void
test_payment_french_grouping_and_ambiguity (Fixture       *fixture,
                                            gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);

  type (dialog, "amount", "1 234,56");
  g_assert_true (g_str_has_prefix (text_of (dialog, "amount-feedback"), "1" NBSP "234,56" NBSP "$"));
  type (dialog, "amount", "10" NBSP "$");
  assert_understood (dialog, fixture, "fr", 1000);

  type (dialog, "amount", "1,234");
  g_assert_true (shows_error (dialog, "amount-feedback"));
  g_assert_nonnull (strstr (text_of (dialog, "amount-feedback"), "ambigu"));
  g_assert_false (can_record (dialog));
  press_enter_in_amount (dialog);
  g_assert_true (find_payment_dialog () == dialog);
  g_assert_cmpstr (text_of (dialog, "amount"), ==, "1,234");
  g_assert_cmpint (paid_cents (fixture), ==, 0);
}

/* In English "1,50" can only be $1.50 (thousands take three digits); it is
 * shown as such before saving, and Enter records it. */
static void
test_payment_english_comma_before_two_digits_is_cents (Fixture       *fixture,
                                                       gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);
  g_autofree char *prefill = acr_money_format_amount (fixture->balance, "en");

  g_assert_cmpstr (text_of (dialog, "amount"), ==, prefill);
  type (dialog, "amount", "1,50");
  assert_understood (dialog, fixture, "en", 150);
  press_enter_in_amount (dialog);

  g_assert_null (find_payment_dialog ());
  g_assert_cmpint (paid_cents (fixture), ==, 150);
}

/* "$1,234.56" is one thousand two hundred…; "12,50" is $12.50. */
static void
test_payment_english_grouped_amount (Fixture       *fixture,
                                     gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);

  type (dialog, "amount", "$1,234.56");
  g_assert_true (g_str_has_prefix (text_of (dialog, "amount-feedback"), "$1,234.56 "));
  type (dialog, "amount", "12,50");
  assert_understood (dialog, fixture, "en", 1250);
  type (dialog, "amount", "-5");
  g_assert_true (shows_error (dialog, "amount-feedback"));
  g_assert_false (can_record (dialog));
  type (dialog, "amount", "0");
  g_assert_true (shows_error (dialog, "amount-feedback"));
  g_assert_false (can_record (dialog));
}

/* A date that is no date is refused in place; one before the invoice's issue
 * date is refused by the core on saving, beside the date; the dialog stays
 * open with the amount as typed, and nothing is recorded. */
static void
test_payment_bad_date_stays_in_the_dialog (Fixture       *fixture,
                                           gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);
  g_autofree char *today = NULL;
  g_autofree char *before = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  /* Prefilled as French writes dates (issue 13, item 17). */
  today = acr_date_format_for_input (&date, "fr");
  g_assert_cmpstr (text_of (dialog, "date"), ==, today);
  g_assert_false (shows_error (dialog, "date-feedback"));

  type (dialog, "amount", "12,50");
  type (dialog, "date", "2027-02-30");
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_false (can_record (dialog));
  type (dialog, "date", "1899-12-31");
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_false (can_record (dialog));

  date = fixture->issued_on;
  g_date_subtract_days (&date, 1);
  before = acr_date_format_iso (&date);
  type (dialog, "date", before);
  g_assert_false (shows_error (dialog, "date-feedback"));
  click_record (dialog);

  g_assert_true (find_payment_dialog () == dialog);
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_nonnull (strstr (text_of (dialog, "date-feedback"), before));
  g_assert_cmpstr (text_of (dialog, "amount"), ==, "12,50");
  g_assert_false (can_record (dialog));
  g_assert_cmpint (paid_cents (fixture), ==, 0);

  /* Corrected, it records. */
  type (dialog, "date", today);
  click_record (dialog);
  g_assert_null (find_payment_dialog ());
  g_assert_cmpint (paid_cents (fixture), ==, 1250);
}

/* More than the balance is refused as typed; and when the balance shrank
 * meanwhile (a payment recorded at another workstation), the core's refusal
 * on saving stays in the dialog beside the amount. */
static void
test_payment_overpayment_stays_in_the_dialog (Fixture       *fixture,
                                              gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);
  g_autofree char *too_much = acr_money_format_amount (fixture->balance + 1, NULL);
  g_autoptr (AcrPayment) elsewhere = NULL;
  g_autoptr (AcrInvoice) after = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  type (dialog, "amount", too_much);
  g_assert_true (shows_error (dialog, "amount-feedback"));
  g_assert_false (can_record (dialog));

  type (dialog, "amount", "10,00");
  g_assert_true (can_record (dialog));

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  elsewhere = acr_payment_new (fixture->balance - 500, &date, ACR_PAYMENT_METHOD_CARD, NULL);
  after = acr_billing_record_payment (fixture->billing, fixture->number, elsewhere, &error);
  g_assert_no_error (error);

  click_record (dialog);
  g_assert_true (find_payment_dialog () == dialog);
  g_assert_true (shows_error (dialog, "amount-feedback"));
  /* With the balance as it now stands, written the French way. */
  {
    g_autofree char *left = acr_money_format (500, "fr");

    g_assert_nonnull (strstr (text_of (dialog, "amount-feedback"), left));
  }
  g_assert_false (can_record (dialog));
  g_assert_cmpstr (text_of (dialog, "amount"), ==, "10,00");
  g_assert_cmpint (paid_cents (fixture), ==, fixture->balance - 500);

  type (dialog, "amount", "5,00");
  click_record (dialog);
  g_assert_null (find_payment_dialog ());
  g_assert_cmpint (paid_cents (fixture), ==, fixture->balance);
}

/* Escape (the window's close action, which the key is bound to) and Cancel
 * record nothing. */
static gboolean
escape_closes (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0 &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "window.close") == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_payment_cancel_records_nothing (Fixture       *fixture,
                                     gconstpointer  data)
{
  AcrPaymentDialog *dialog = open_dialog (fixture);

  g_assert_true (escape_closes (GTK_WIDGET (dialog)));

  type (dialog, "amount", "12.50");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  iterate ();
  g_assert_null (find_payment_dialog ());

  dialog = open_dialog (fixture);
  g_signal_emit_by_name (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, "cancel"), "clicked");
  iterate ();
  g_assert_null (find_payment_dialog ());
  g_assert_cmpint (paid_cents (fixture), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

  g_test_add ("/acr/ui/payment/french-comma-is-the-decimal-mark", Fixture, "fr",
              fixture_set_up, test_payment_french_comma_is_the_decimal_mark, fixture_tear_down);
  g_test_add ("/acr/ui/payment/french-grouping-and-ambiguity", Fixture, "fr",
              fixture_set_up, test_payment_french_grouping_and_ambiguity, fixture_tear_down);
  g_test_add ("/acr/ui/payment/english-comma-before-two-digits-is-cents", Fixture, "en",
              fixture_set_up, test_payment_english_comma_before_two_digits_is_cents, fixture_tear_down);
  g_test_add ("/acr/ui/payment/english-grouped-amount", Fixture, "en",
              fixture_set_up, test_payment_english_grouped_amount, fixture_tear_down);
  g_test_add ("/acr/ui/payment/bad-date-stays-in-the-dialog", Fixture, "fr",
              fixture_set_up, test_payment_bad_date_stays_in_the_dialog, fixture_tear_down);
  g_test_add ("/acr/ui/payment/overpayment-stays-in-the-dialog", Fixture, "fr",
              fixture_set_up, test_payment_overpayment_stays_in_the_dialog, fixture_tear_down);
  g_test_add ("/acr/ui/payment/cancel-records-nothing", Fixture, "en",
              fixture_set_up, test_payment_cancel_records_nothing, fixture_tear_down);

  return g_test_run ();
}
