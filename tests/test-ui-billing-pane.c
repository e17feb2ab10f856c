#define G_LOG_DOMAIN "test-ui-billing-pane"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "acr-decision-view.h"
#include "acr-format.h"
#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* The Billing pane as staff read it (issue 13 item 18, issue 11's
 * placeholders): the years offered and "All years", Start highlighted only
 * when someone is to be billed, a confirmation with the count, the total
 * and the placeholders, skip reasons in words in English and French,
 * counts with digit grouping. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

typedef struct
{
  const char *language;
  guint       n_members;
  int         older_year;  /* a numbering year with documents before the rules' years; 0: none */
} Setup;

static AcrBillingPage *
page (Fixture *fixture)
{
  return acr_window_get_billing_page (fixture->window);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const Setup *setup = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  /* The interface's language, as test-ui-payment sets it. */
  if (setup->language != NULL)
    g_setenv ("LANGUAGE", setup->language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);

  g_settings_set_string (settings, "last-view", "billing");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);
  if (setup->n_members > 0)
    {
      g_assert_true (acr_sample_data_generate (fixture->store, setup->n_members, 7, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  if (setup->older_year != 0)
    {
      g_autofree char *path = g_strdup (acr_store_get_location (fixture->store));
      g_autofree char *sql = g_strdup_printf ("INSERT INTO invoice_counters (year, last) VALUES (%d, 1)",
                                              setup->older_year);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);
    }

  fixture->window = acr_test_ui_show_window (fixture->store);
  acr_test_ui_wait_for_billing (page (fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *dialog = acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  acr_test_ui_wait_for_billing (page (fixture));
  acr_test_ui_close_window (fixture->window, fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
}

/* The first label under @widget whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
year_row (Fixture *fixture)
{
  GtkWidget *row = acr_test_ui_find_widget (GTK_WIDGET (page (fixture)), ADW_TYPE_COMBO_ROW, NULL);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

static GtkWidget *
start_button (Fixture *fixture)
{
  GtkWidget *button = acr_test_ui_find_action_button (GTK_WIDGET (page (fixture)), "billing.start");

  g_assert_nonnull (button);
  return button;
}

/* The year list: the rules' years, an older year with invoices, and "All years". */
static void
test_billing_years_include_older_invoices_and_all_years (Fixture       *fixture,
                                                         gconstpointer  data)
{
  GListModel *model = adw_combo_row_get_model (year_row (fixture));
  guint n = g_list_model_get_n_items (model);
  g_autoptr (GtkStringObject) first = NULL;
  g_autoptr (GtkStringObject) last = NULL;

  g_assert_cmpuint (n, >=, 6);  /* 2024 … 2028 and All years */
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, n - 1);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "2024");
  g_assert_cmpstr (gtk_string_object_get_string (last), ==, "All years");

  /* All years lists invoices; a run needs one year. */
  adw_combo_row_set_selected (year_row (fixture), n - 1);
  acr_test_ui_wait_for_billing (page (fixture));
  g_assert_cmpint (acr_billing_page_get_year (page (fixture)), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (start_button (fixture)));
  g_assert_false (gtk_widget_has_css_class (start_button (fixture), "suggested-action"));
  g_assert_nonnull (find_label (GTK_WIDGET (page (fixture)), "Choose a membership year"));

  /* Back to a year: the run can start again. */
  g_assert_true (acr_billing_page_set_year (page (fixture), 2027));
  acr_test_ui_wait_for_billing (page (fixture));
  g_assert_true (gtk_widget_is_sensitive (start_button (fixture)));
}

/* Nobody to bill: Start is not the suggested action. */
static void
test_billing_start_not_suggested_with_nobody_to_bill (Fixture       *fixture,
                                                      gconstpointer  data)
{
  g_assert_cmpint (acr_billing_page_get_year (page (fixture)), >, 2000);
  g_assert_nonnull (find_label (GTK_WIDGET (page (fixture)), "Would bill 0 members"));
  g_assert_false (gtk_widget_has_css_class (start_button (fixture), "suggested-action"));
}

/* Someone to bill: Start is the suggested action, and the confirmation
 * names the count, the total and the placeholder invoices; confirming it
 * bills them (the explicit acceptance). */
static void
test_billing_confirmation_names_count_total_and_placeholders (Fixture       *fixture,
                                                              gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *body;
  GtkLabel *count_label;
  guint n_invoices;

  g_assert_true (gtk_widget_has_css_class (start_button (fixture), "suggested-action"));
  count_label = find_label (GTK_WIDGET (page (fixture)), "Would bill ");
  g_assert_nonnull (count_label);

  g_signal_emit_by_name (start_button (fixture), "clicked");
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  /* "Would bill 1,234 members" and "1,234 invoices will be issued, $X in all." */
  {
    const char *count = gtk_label_get_text (count_label) + strlen ("Would bill ");
    g_autofree char *n = g_strndup (count, strstr (count, " member") - count);
    g_autofree char *issued = g_strdup_printf ("%s invoices will be issued, ", n);

    g_assert_nonnull (strstr (body, issued));
  }
  g_assert_nonnull (strstr (body, " in all."));
  g_assert_nonnull (strstr (body, "placeholder amounts ("));
  g_assert_nonnull (strstr (body, "in placeholder lines"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "bill"), ==, "_Bill With Placeholder Amounts");

  adw_message_dialog_response (dialog, "bill");
  gtk_window_destroy (GTK_WINDOW (dialog));
  acr_test_ui_wait_for_billing (page (fixture));
  n_invoices = g_list_model_get_n_items (acr_billing_page_get_invoices (page (fixture)));
  g_assert_cmpuint (n_invoices, >, 0);

  /* Everyone is billed now: nothing to suggest. */
  g_assert_false (gtk_widget_has_css_class (start_button (fixture), "suggested-action"));
}

/* Skip reasons are words, translated: no raw status or category codes. */
static void
test_billing_skip_reasons_are_words_in_french (Fixture       *fixture,
                                               gconstpointer  data)
{
  GtkLabel *skipped = find_label (GTK_WIDGET (page (fixture)), "Non facturés");
  const char *text;

  if (skipped == NULL)
    skipped = find_label (GTK_WIDGET (page (fixture)), "Not billed");
  g_assert_nonnull (skipped);
  text = gtk_label_get_text (skipped);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Non facturés"));
  g_assert_null (strstr (text, "applicant"));
  g_assert_null (strstr (text, "lapsed"));
  g_assert_null (strstr (text, "member-in-training"));
  g_assert_null (strstr (text, "not active"));
  g_assert_null (strstr (text, "pas actif :"));
  g_assert_nonnull (strstr (text, "Pas membre actif ("));
}

/* The applicant's pane quotes the year Approve bills first (the rules'
 * cut-off), not always the current year. */
static void
test_applicant_pane_quotes_the_first_invoice_year (Fixture       *fixture,
                                                   gconstpointer  data)
{
  GtkWidget *form = GTK_WIDGET (acr_window_get_applicant_form (fixture->window));
  AcrDecisionView *view = ACR_DECISION_VIEW (acr_test_ui_find_widget (form, ACR_TYPE_DECISION_VIEW, NULL));
  AdwComboRow *profession = ADW_COMBO_ROW (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "profession"));
  AdwComboRow *discipline = ADW_COMBO_ROW (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "discipline"));
  AcrDuesQuote *quote;
  GDate today;

  acr_window_set_view (fixture->window, "applications");
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "country")), "US");
  /* The first item of each list is “not said”; physician and radiology come first after it. */
  adw_combo_row_set_selected (profession, 1);
  adw_combo_row_set_selected (discipline, 1);

  acr_date_today (&today);
  quote = acr_decision_view_get_quote (view);
  g_assert_nonnull (quote);
  g_assert_cmpint (acr_dues_quote_get_year (quote), ==,
                   acr_rules_get_first_invoice_year (acr_window_get_rules (fixture->window), &today));
}

/* Selects the item labelled @label of the form's row for @fact. */
static void
choose (GtkWidget  *form,
        const char *fact,
        const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, fact));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_error ("%s has no item “%s”", fact, label);
}

/* Ticks the check of the row titled @title inside @container. */
static gboolean
tick (GtkWidget  *container,
      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (container); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (acr_test_ui_find_widget (child, GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
          return TRUE;
        }
      if (tick (child, title))
        return TRUE;
    }
  return FALSE;
}

/* Staff choose the first invoice's year in the First invoice row: the
 * pane quotes it and Approve bills it. */
static void
test_approve_bills_the_year_staff_choose (Fixture       *fixture,
                                          gconstpointer  data)
{
  GtkWidget *form = GTK_WIDGET (acr_window_get_applicant_form (fixture->window));
  AcrDecisionView *view = ACR_DECISION_VIEW (acr_test_ui_find_widget (form, ACR_TYPE_DECISION_VIEW, NULL));
  AdwComboRow *first_year = ADW_COMBO_ROW (acr_test_ui_find_widget (form, ADW_TYPE_COMBO_ROW, "first-invoice-year"));
  GListModel *years = adw_combo_row_get_model (first_year);
  g_autoptr (AcrBilling) billing = acr_billing_new (fixture->store, acr_window_get_rules (fixture->window));
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;
  guint last = g_list_model_get_n_items (years) - 1;
  g_autoptr (GtkStringObject) item = g_list_model_get_item (years, last);
  int year = atoi (gtk_string_object_get_string (item));
  AcrInvoiceFilter filter = { 0 };

  g_assert_cmpuint (g_list_model_get_n_items (years), >=, 2);
  acr_window_set_view (fixture->window, "applications");
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "family_name")), "Moreau");
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "country")), "US");
  choose (form, "profession", "Physician");
  choose (form, "discipline", "Radiology");
  g_assert_true (tick (acr_test_ui_find_widget (form, ADW_TYPE_PREFERENCES_ROW, "certifications"),
                       "American Board of Radiology (ABR)"));
  adw_combo_row_set_selected (first_year, last);
  g_assert_cmpint (acr_dues_quote_get_year (acr_decision_view_get_quote (view)), ==, year);

  /* A general member: Approve adds the member and bills the year chosen. */
  g_assert_true (gtk_widget_get_sensitive (acr_test_ui_find_action_button (form, "application.approve")));
  g_assert_true (gtk_widget_activate_action (form, "application.approve", NULL));
  g_assert_cmpint (acr_store_count_members (fixture->store, NULL), ==, 1);

  invoices = acr_billing_list_invoices (billing, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoices->len, ==, 1);
  for (guint i = 0; i < invoices->len; i++)
    g_assert_cmpint (acr_invoice_get_year (invoices->pdata[i]), ==, year);
  /* The row is back at the rules' default for the next application. */
  g_assert_cmpuint (adw_combo_row_get_selected (first_year), !=, last);
}

/* Counts have the interface language's digit grouping. */
static void
test_billing_counts_have_digit_grouping (void)
{
  g_autofree char *en = NULL;
  g_autofree char *fr = NULL;

  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
  en = acr_format_count (1234567);
  g_setenv ("LANGUAGE", "fr", TRUE);
  textdomain (GETTEXT_PACKAGE);
  fr = acr_format_count (1234567);
  g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);

  g_assert_cmpstr (en, ==, "1,234,567");
  g_assert_true (g_str_has_prefix (fr, "1"));
  g_assert_true (g_str_has_suffix (fr, "567"));
  g_assert_null (strchr (fr, ','));
  g_assert_cmpuint (strlen (fr), >, strlen ("1234567"));
}

static const Setup older_years = { NULL, 60, 2024 };
static const Setup nobody = { NULL, 0, 0 };
static const Setup some = { NULL, 120, 0 };
static const Setup french = { "fr", 300, 0 };

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

  g_test_add ("/acr/ui/billing-pane/years-include-older-invoices-and-all-years", Fixture, &older_years,
              fixture_set_up, test_billing_years_include_older_invoices_and_all_years, fixture_tear_down);
  g_test_add ("/acr/ui/billing-pane/start-not-suggested-with-nobody-to-bill", Fixture, &nobody,
              fixture_set_up, test_billing_start_not_suggested_with_nobody_to_bill, fixture_tear_down);
  g_test_add ("/acr/ui/billing-pane/confirmation-names-count-total-and-placeholders", Fixture, &some,
              fixture_set_up, test_billing_confirmation_names_count_total_and_placeholders, fixture_tear_down);
  g_test_add ("/acr/ui/billing-pane/skip-reasons-are-words-in-french", Fixture, &french,
              fixture_set_up, test_billing_skip_reasons_are_words_in_french, fixture_tear_down);
  g_test_add_func ("/acr/ui/billing-pane/counts-have-digit-grouping", test_billing_counts_have_digit_grouping);
  g_test_add ("/acr/ui/billing-pane/approve-bills-the-year-staff-choose", Fixture, &nobody,
              fixture_set_up, test_approve_bills_the_year_staff_choose, fixture_tear_down);
  g_test_add ("/acr/ui/billing-pane/applicant-pane-quotes-the-first-invoice-year", Fixture, &nobody,
              fixture_set_up, test_applicant_pane_quotes_the_first_invoice_year, fixture_tear_down);

  return g_test_run ();
}
