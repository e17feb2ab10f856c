#define G_LOG_DOMAIN "test-ui-application"

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-decision-view.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* Application entry driven through the real form rows: typed text,
 * combo selections and ticked boxes, then the decision pane is read. */

static guint
count_widgets (GtkWidget  *widget,
               GType       type,
               const char *name)
{
  guint n = 0;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type, name);

  return n;
}

static GtkWidget *
row (AcrWindow  *window,
     const char *fact)
{
  GtkWidget *page = GTK_WIDGET (acr_window_get_applicant_form (window));
  GtkWidget *found = acr_test_ui_find_widget (page, ADW_TYPE_PREFERENCES_ROW, fact);

  g_assert_nonnull (found);
  return found;
}

static void
type_text (AcrWindow  *window,
           const char *fact,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (window, fact)), text);
}

/* Selects the item whose label is @label, as a click in the popover does. */
static void
choose (AcrWindow  *window,
        const char *fact,
        const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (window, fact));
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

/* Ticks the box of the row titled @title inside @container. */
static void
tick (GtkWidget  *container,
      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (container);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          GtkWidget *check = acr_test_ui_find_widget (child, GTK_TYPE_CHECK_BUTTON, NULL);

          g_assert_nonnull (check);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          return;
        }

      tick (child, title);
    }
}

static AcrWindow *
create_window (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "last-view", "applications");
  return acr_test_ui_show_window (NULL);
}

static AcrDecisionView *
decision_view (AcrWindow *window)
{
  return ACR_DECISION_VIEW (acr_test_ui_find_widget (GTK_WIDGET (window), ACR_TYPE_DECISION_VIEW, NULL));
}

static void
test_application_certified_physician_is_general (void)
{
  AcrWindow *window = create_window ();
  AcrDecisionView *view = decision_view (window);
  AcrPerson *person = acr_applicant_form_get_person (acr_window_get_applicant_form (window));
  AcrDuesQuote *quote;
  guint n_placeholders = 0;
  GListModel *lines;

  g_assert_cmpstr (acr_decision_view_get_title (view), ==, "No Category Yet");

  type_text (window, "given_name", "Ada");
  type_text (window, "family_name", "Moreau");
  type_text (window, "country", "us");
  type_text (window, "region", "VA");
  choose (window, "profession", "Physician");
  choose (window, "discipline", "Radiology");
  tick (row (window, "certifications"), "American Board of Radiology (ABR)");
  choose (window, "in_practice", "Yes");
  type_text (window, "practice_start", "2020-07-01");

  /* The rows wrote the person … */
  g_assert_cmpstr (acr_person_get_string (person, "country"), ==, "US");
  g_assert_true (acr_person_has_code (person, "certifications", "ABR"));
  g_assert_true (acr_person_get_boolean (person, "in_practice", FALSE));

  /* … and the pane shows the rules engine's answer. */
  g_assert_cmpstr (acr_decision_get_category_id (acr_decision_view_get_decision (view)), ==, "general");
  g_assert_cmpstr (acr_decision_view_get_title (view), ==, "General member");

  /* The quote is shown line by line, placeholders flagged. */
  quote = acr_decision_view_get_quote (view);
  g_assert_nonnull (quote);
  lines = acr_dues_quote_get_lines (quote);
  g_assert_cmpuint (g_list_model_get_n_items (lines), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

      n_placeholders += acr_dues_line_get_placeholder (line);
    }
  g_assert_cmpuint (count_widgets (GTK_WIDGET (view), GTK_TYPE_LIST_BOX_ROW, NULL), >=, g_list_model_get_n_items (lines));
  g_assert_cmpuint (count_widgets (GTK_WIDGET (view), GTK_TYPE_LABEL, "placeholder"), ==, n_placeholders);

  acr_test_ui_close_window (window, NULL);
}

static void
test_application_impossible_date_is_refused_on_the_row (void)
{
  AcrWindow *window = create_window ();
  AcrPerson *person = acr_applicant_form_get_person (acr_window_get_applicant_form (window));
  GtkWidget *end = row (window, "training.end");

  type_text (window, "training.end", "2027-02-28");
  g_assert_true (acr_person_has_fact (person, "training.end"));
  g_assert_false (gtk_widget_has_css_class (end, "error"));

  type_text (window, "training.end", "2027-02-30");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_false (acr_person_has_fact (person, "training.end"));

  type_text (window, "training.end", "2027-02-27");
  g_assert_false (gtk_widget_has_css_class (end, "error"));
  g_assert_true (acr_person_has_fact (person, "training.end"));

  acr_test_ui_close_window (window, NULL);
}

static void
test_application_chapters_follow_regions (void)
{
  AcrWindow *window = create_window ();
  AcrPerson *person = acr_applicant_form_get_person (acr_window_get_applicant_form (window));
  GtkWidget *page = GTK_WIDGET (acr_window_get_applicant_form (window));
  const char * const *chapters;

  /* No region, no chapter to choose. */
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 0);

  /* A region means something only with its country (test below). */
  type_text (window, "country", "US");
  type_text (window, "region", "VA");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 1);
  type_text (window, "practice_region", "DC");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 2);

  tick (page, "Virginia Chapter");
  tick (page, "District of Columbia Chapter");
  chapters = acr_person_get_codes (person, "chapters");
  g_assert_cmpuint (g_strv_length ((char **) chapters), ==, 2);
  g_assert_true (acr_person_has_code (person, "chapters", "VA"));
  g_assert_true (acr_person_has_code (person, "chapters", "DC"));

  /* Same region twice offers one chapter, not two. */
  type_text (window, "practice_region", "VA");
  g_assert_true (acr_person_has_code (person, "chapters", "DC"));
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 2);

  acr_test_ui_close_window (window, NULL);
}

static void
test_application_new_clears_the_form (void)
{
  AcrWindow *window = create_window ();
  AcrPerson *first = acr_applicant_form_get_person (acr_window_get_applicant_form (window));
  AcrPerson *second;

  type_text (window, "given_name", "Ada");
  choose (window, "profession", "Medical student");
  g_assert_true (acr_person_has_fact (first, "profession"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-application", NULL));
  second = acr_applicant_form_get_person (acr_window_get_applicant_form (window));
  g_assert_false (acr_person_has_fact (second, "given_name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "given_name"))), ==, "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row (window, "profession"))), ==, 0);
  g_assert_cmpstr (acr_decision_view_get_title (decision_view (window)), ==, "No Category Yet");

  acr_test_ui_close_window (window, NULL);
}

static char *
make_database_path (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();

  return g_build_filename (dir, "members.db", NULL);
}

static void
remove_database (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  acr_test_remove_tree (dir);
}

static AcrWindow *
create_window_on (AcrStore *store)
{
  AcrWindow *window = create_window ();

  acr_window_set_store (window, store, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
test_application_approve_adds_the_member_and_opens_it (void)
{
  g_autofree char *path = make_database_path ();
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AcrWindow *window;
  AcrMember *shown;
  GtkWidget *page;

  g_assert_no_error (error);
  window = create_window_on (store);
  page = GTK_WIDGET (acr_window_get_applicant_form (window));

  /* An empty form is not an application: neither Approve nor Refuse. */
  g_assert_false (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.approve")));
  g_assert_false (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.refuse")));

  /* Named but eligible for nothing yet: it can be refused, not approved. */
  type_text (window, "given_name", "Ada");
  type_text (window, "family_name", "Moreau");
  g_assert_false (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.approve")));
  g_assert_true (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.refuse")));
  type_text (window, "city", "Richmond");
  type_text (window, "country", "US");
  choose (window, "profession", "Physician");
  choose (window, "discipline", "Radiology");
  tick (row (window, "certifications"), "American Board of Radiology (ABR)");

  g_assert_true (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.approve")));
  g_assert_false (gtk_widget_get_sensitive (acr_test_ui_find_action_button (page, "application.refuse")));
  g_signal_emit_by_name (acr_test_ui_find_action_button (page, "application.approve"), "clicked");
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 1);

  /* The new member is opened, and the form is ready for the next one. */
  g_assert_cmpstr (acr_window_get_view (window), ==, "members");
  shown = acr_members_page_get_shown_member (acr_window_get_members_page (window));
  g_assert_nonnull (shown);
  g_assert_cmpstr (acr_member_get_family_name (shown), ==, "Moreau");
  g_assert_cmpstr (acr_member_get_category (shown), ==, "general");
  g_assert_cmpstr (acr_member_get_city (shown), ==, "Richmond");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "given_name"))), ==, "");
  g_assert_null (acr_store_load_draft (store, "application", NULL));

  /* A general member owes dues: the year's first invoice was issued. */
  {
    g_autoptr (AcrBilling) billing = acr_billing_new (store, acr_window_get_rules (window));
    g_autoptr (GPtrArray) invoices = NULL;
    gint64 balance = 0;

    invoices = acr_billing_list_member_invoices (billing, acr_member_get_number (shown), &balance, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (invoices->len, ==, 1);
    g_assert_cmpint (balance, >, 0);
  }

  acr_test_ui_close_window (window, store);
  remove_database (path);
}

static void
test_application_draft_survives_closing_the_window (void)
{
  g_autofree char *path = make_database_path ();
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AcrWindow *window;

  g_assert_no_error (error);
  window = create_window_on (store);
  type_text (window, "given_name", "Ada");
  type_text (window, "phone", "+1 804 555 0100");
  choose (window, "profession", "Medical student");
  type_text (window, "training.end", "2027-05-31");

  /* Closed at once, before the autosave delay: nothing may be lost. */
  acr_test_ui_close_window (window, store);

  /* As after a restart: a new store on the same file, a new window. */
  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  window = create_window_on (store);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "given_name"))), ==, "Ada");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "phone"))), ==, "+1 804 555 0100");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "training.end"))), ==, "2027-05-31");
  g_assert_cmpstr (acr_person_get_string (acr_applicant_form_get_person (acr_window_get_applicant_form (window)), "profession"),
                   ==, "medical-student");

  acr_test_ui_close_window (window, store);
  remove_database (path);
}

/* Failures that staff must hear about: a draft the store refuses (a toast)
 * and a member added without the year's first invoice (a dialog). The
 * store is made to fail by removing, from a second connection, the one
 * table the failing write needs. */

static void
drop_table (const char *path,
            const char *table)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("DROP TABLE %s", table);
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
}

static GtkWidget *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Spins the main loop until a label starting with @prefix shows, for at most 5 s. */
static GtkWidget *
wait_for_label (GtkWidget  *widget,
                const char *prefix)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *found;

  while ((found = find_label_starting (widget, prefix)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  return found;
}

static void
test_application_failed_draft_save_is_toasted (void)
{
  g_autofree char *path = make_database_path ();
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AcrWindow *window;

  g_assert_no_error (error);
  window = create_window_on (store);
  drop_table (path, "drafts");

  type_text (window, "given_name", "Ada");
  g_assert_nonnull (wait_for_label (GTK_WIDGET (window), "The application could not be kept as a draft: "));

  acr_test_ui_close_window (window, store);
  remove_database (path);
}

/* The member and the first invoice are one transaction (the core's
 * acr_billing_apply ()): when the invoice cannot be written, neither is
 * the member, and staff are told the application was not recorded. */
static void
test_application_not_recorded_when_first_invoice_fails (void)
{
  g_autofree char *path = make_database_path ();
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AdwMessageDialog *dialog;
  AcrWindow *window;

  g_assert_no_error (error);
  window = create_window_on (store);
  type_text (window, "given_name", "Ada");
  type_text (window, "family_name", "Moreau");
  type_text (window, "country", "US");
  choose (window, "profession", "Physician");
  choose (window, "discipline", "Radiology");
  tick (row (window, "certifications"), "American Board of Radiology (ABR)");

  /* Invoices cannot be numbered any more: the approval writes nothing. */
  drop_table (path, "invoice_counters");
  gtk_widget_activate_action (GTK_WIDGET (acr_window_get_applicant_form (window)), "application.approve", NULL);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);

  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Application Was Not Recorded");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "invoice_counters"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  acr_test_ui_close_window (window, store);
  remove_database (path);
}

/* Refuse asks first; only the confirming answer records the refusal and clears the form. */
static void
test_application_refuse_asks_then_clears_the_form (void)
{
  g_autofree char *path = make_database_path ();
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AdwMessageDialog *dialog;
  AcrWindow *window;
  GtkWidget *page;

  g_assert_no_error (error);
  window = create_window_on (store);
  page = GTK_WIDGET (acr_window_get_applicant_form (window));
  type_text (window, "given_name", "Ada");
  type_text (window, "family_name", "Moreau");

  /* Cancel: nothing happens. */
  gtk_widget_activate_action (page, "application.refuse", NULL);
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "given_name"))), ==, "Ada");

  /* Refuse: kept as refused (no member), and the form starts anew. */
  gtk_widget_activate_action (page, "application.refuse", NULL);
  dialog = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "refuse"), ==, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_response (dialog, "refuse");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (window, "given_name"))), ==, "");

  acr_test_ui_close_window (window, store);
  remove_database (path);
}

/* Issue 11: the chapters on offer are the states or provinces of the
 * applicant's country (an Italian in “MI” is not offered Michigan, a
 * Canadian in “CA” not California), and the group's text gives the
 * bundle's number of chapters rather than a hard-coded "two". */
static void
test_application_chapters_follow_the_country (void)
{
  AcrWindow *window = create_window ();
  GtkWidget *page = GTK_WIDGET (acr_window_get_applicant_form (window));

  g_assert_nonnull (find_label_starting (page, "Up to 2 local chapters, where the applicant lives or practices."));

  type_text (window, "country", "IT");
  type_text (window, "region", "MI");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 0);
  g_assert_nonnull (find_label_starting (page, "The College has no chapters in this country"));

  type_text (window, "country", "CA");
  type_text (window, "region", "CA");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 0);

  type_text (window, "region", "QC");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 1);
  g_assert_nonnull (find_label_starting (page, "Quebec Chapter"));

  type_text (window, "country", "US");
  type_text (window, "region", "MI");
  g_assert_cmpuint (count_widgets (page, ADW_TYPE_ACTION_ROW, "chapter"), ==, 1);
  g_assert_nonnull (find_label_starting (page, "Michigan Chapter"));

  acr_test_ui_close_window (window, NULL);
}

/* Issue 11: the decision pane shows a right the College's page does not
 * state as "Not stated — confirm with the bylaws", not "No", and "Also
 * eligible" never lists the category decided. */
static void
test_application_rights_not_stated_and_also_eligible (void)
{
  AcrWindow *window = create_window ();
  AcrDecisionView *view = decision_view (window);
  GtkWidget *also;

  type_text (window, "country", "US");
  type_text (window, "region", "VA");
  choose (window, "profession", "MRI scientist");
  g_assert_cmpstr (acr_decision_view_get_title (view), ==, "Allied health member");
  g_assert_nonnull (find_label_starting (GTK_WIDGET (view), "Not stated — confirm with the bylaws"));

  /* A radiologist not in practice: general, and also allied health. */
  choose (window, "profession", "Physician");
  choose (window, "discipline", "Radiology");
  tick (row (window, "certifications"), "American Board of Radiology (ABR)");
  choose (window, "in_practice", "No");
  g_assert_cmpstr (acr_decision_view_get_title (view), ==, "General member");
  g_assert_null (find_label_starting (GTK_WIDGET (view), "Not stated"));
  also = find_label_starting (GTK_WIDGET (view), "Also eligible:");
  g_assert_nonnull (also);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (also)), ==, "Also eligible: Allied health member");

  acr_test_ui_close_window (window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/application/certified-physician-is-general", test_application_certified_physician_is_general);
  g_test_add_func ("/acr/ui/application/impossible-date-is-refused-on-the-row", test_application_impossible_date_is_refused_on_the_row);
  g_test_add_func ("/acr/ui/application/chapters-follow-regions", test_application_chapters_follow_regions);
  g_test_add_func ("/acr/ui/application/new-clears-the-form", test_application_new_clears_the_form);

  g_test_add_func ("/acr/ui/application/approve-adds-the-member-and-opens-it", test_application_approve_adds_the_member_and_opens_it);
  g_test_add_func ("/acr/ui/application/draft-survives-closing-the-window", test_application_draft_survives_closing_the_window);
  g_test_add_func ("/acr/ui/application/failed-draft-save-is-toasted", test_application_failed_draft_save_is_toasted);
  g_test_add_func ("/acr/ui/application/not-recorded-when-first-invoice-fails", test_application_not_recorded_when_first_invoice_fails);
  g_test_add_func ("/acr/ui/application/refuse-asks-then-clears-the-form", test_application_refuse_asks_then_clears_the_form);

  g_test_add_func ("/acr/ui/application/chapters-follow-the-country", test_application_chapters_follow_the_country);
  g_test_add_func ("/acr/ui/application/rights-not-stated-and-also-eligible", test_application_rights_not_stated_and_also_eligible);

  return g_test_run ();
}
