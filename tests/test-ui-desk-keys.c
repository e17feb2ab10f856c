#define G_LOG_DOMAIN "test-ui-desk-keys"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "acr-applicant-form.h"
#include "acr-billing.h"
#include "acr-billing-page.h"
#include "acr-member-pane.h"
#include "acr-store-apply.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* Finding and the keyboard (issue 13, items 15 and 16): invoice search
 * folds accents and case as member search does; Ctrl+F searches the view
 * staff are in; Enter on a member number opens the member; the shortcuts
 * window lists Alt+A and Alt+R; Ctrl+N starts at the top, in the first
 * field; the decision's texts are not Tab stops on the way to Refuse.
 * Shortcuts are pressed through the window's own shortcut controllers. */

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrWindow  *window;
  guint       menard;    /* member numbers */
  guint       lefevre;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static guint
add_member (Fixture    *f,
            const char *given,
            const char *family,
            const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"given_name\":\"%s\",\"family_name\":\"%s\",\"email\":\"%s\","
                                           "\"profession\":\"physician\",\"discipline\":\"radiology\","
                                           "\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\","
                                           "\"chapters\":[\"VA\"],\"in_practice\":true,\"practice_start\":\"1990-07-01\"}",
                                           given, family, email);
  g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "person.json", &error);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  GDate on;

  g_assert_no_error (error);
  acr_date_today (&on);
  g_date_subtract_years (&on, 1);
  g_assert_true (acr_store_apply (f->store, acr_window_get_rules (f->window), person, NULL, &on, &member,
                                  &decision, &error));
  g_assert_no_error (error);
  return acr_member_get_number (member);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (AcrBilling) billing = NULL;
  AcrBillingPage *page;
  guint numbers[2];
  GDate today;

  g_settings_set_string (settings, "last-view", "members");
  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  f->window = acr_test_ui_show_window (f->store);
  f->menard = add_member (f, "Luc", "Ménard", "luc@example.com");
  f->lefevre = add_member (f, "Anne", "Lefèvre", "anne@example.com");
  numbers[0] = f->menard;
  numbers[1] = f->lefevre;

  /* Both billed for the year Billing shows. */
  page = acr_window_get_billing_page (f->window);
  billing = acr_billing_new (f->store, acr_window_get_rules (f->window));
  acr_date_today (&today);
  g_date_set_day (&today, 1);
  g_date_set_month (&today, G_DATE_JANUARY);
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrInvoice) invoice = acr_billing_create_invoice (billing, numbers[i],
                                                                   acr_billing_page_get_year (page), &today, &error);

      g_assert_no_error (error);
    }
  iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_ui_wait_for_billing (acr_window_get_billing_page (f->window));
  acr_test_ui_close_window (f->window, f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Presses @keyval with @modifiers as the window's shortcut controllers
 * would handle it; fails if no shortcut of the window takes it. */
static void
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !done; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !done; j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != modifiers)
            continue;
          done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (f->window), gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_true (done);
  iterate ();
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* Whether the keyboard focus is @widget or inside it. */
static gboolean
has_focus_in (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *focused = focus (f);

  return focused != NULL && (focused == widget || gtk_widget_is_ancestor (focused, widget));
}

/* --- item 15 --- */

static guint
shown_invoices (Fixture *f)
{
  return g_list_model_get_n_items (acr_billing_page_get_invoices (acr_window_get_billing_page (f->window)));
}

/* Types @text in the invoice search and waits (seconds at most) for the
 * search to run: GtkSearchEntry reports changes after a short delay. */
static guint
search_invoices (Fixture    *f,
                 GtkWidget  *search,
                 const char *text,
                 guint       expected)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  while (shown_invoices (f) != expected && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return shown_invoices (f);
}

static void
test_invoice_search_folds_accents_and_case (Fixture       *f,
                                            gconstpointer  data)
{
  AcrBillingPage *page = acr_window_get_billing_page (f->window);
  GtkWidget *search;

  acr_window_set_view (f->window, "billing");
  acr_test_ui_wait_for_billing (page);
  iterate ();
  g_assert_cmpuint (shown_invoices (f), ==, 2);
  search = acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (search);

  g_assert_cmpuint (search_invoices (f, search, "menard", 1), ==, 1);
  g_assert_cmpuint (search_invoices (f, search, "", 2), ==, 2);
  g_assert_cmpuint (search_invoices (f, search, "LEFEVRE", 1), ==, 1);
  g_assert_cmpuint (search_invoices (f, search, "", 2), ==, 2);
  g_assert_cmpuint (search_invoices (f, search, "anne lefèvre", 1), ==, 1);
  g_assert_cmpuint (search_invoices (f, search, "nobody", 0), ==, 0);
  g_assert_cmpuint (search_invoices (f, search, "", 2), ==, 2);
}

static void
test_ctrl_f_searches_the_view (Fixture       *f,
                               gconstpointer  data)
{
  AcrBillingPage *billing = acr_window_get_billing_page (f->window);
  AcrMembersPage *members = acr_window_get_members_page (f->window);

  acr_window_set_view (f->window, "billing");
  acr_test_ui_wait_for_billing (billing);
  press (f, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_cmpstr (acr_window_get_view (f->window), ==, "billing");
  g_assert_true (has_focus_in (f, acr_test_ui_find_widget (GTK_WIDGET (billing), GTK_TYPE_SEARCH_ENTRY, NULL)));

  acr_window_set_view (f->window, "members");
  press (f, GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_cmpstr (acr_window_get_view (f->window), ==, "members");
  g_assert_true (has_focus_in (f, acr_test_ui_find_widget (GTK_WIDGET (members), GTK_TYPE_SEARCH_ENTRY, NULL)));
}

/* --- item 16 --- */

static void
test_enter_on_member_number_opens_member (Fixture       *f,
                                          gconstpointer  data)
{
  AcrMembersPage *page = acr_window_get_members_page (f->window);
  GtkWidget *search = acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  g_autofree char *padded = g_strdup_printf ("%07u", f->lefevre);
  g_autofree char *plain = g_strdup_printf (" %u ", f->menard);
  AcrMember *shown;

  acr_window_set_view (f->window, "members");
  gtk_editable_set_text (GTK_EDITABLE (search), padded);
  iterate ();
  g_signal_emit_by_name (search, "activate");
  iterate ();
  shown = acr_member_pane_get_member (ACR_MEMBER_PANE (pane));
  g_assert_nonnull (shown);
  g_assert_cmpuint (acr_member_get_number (shown), ==, f->lefevre);

  gtk_editable_set_text (GTK_EDITABLE (search), plain);
  iterate ();
  g_signal_emit_by_name (search, "activate");
  iterate ();
  g_assert_cmpuint (acr_member_get_number (acr_member_pane_get_member (ACR_MEMBER_PANE (pane))), ==, f->menard);

  /* Not a number: Enter opens nobody new. */
  gtk_editable_set_text (GTK_EDITABLE (search), "lefevre");
  iterate ();
  g_signal_emit_by_name (search, "activate");
  iterate ();
  g_assert_cmpuint (acr_member_get_number (acr_member_pane_get_member (ACR_MEMBER_PANE (pane))), ==, f->menard);
}

static void
test_shortcuts_window_lists_approve_and_refuse (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/org/acr/Membership/ui/acr-shortcuts-window.ui");
  GtkWidget *window = GTK_WIDGET (gtk_builder_get_object (builder, "shortcuts_window"));
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  gboolean alt_a = FALSE, alt_r = FALSE, ctrl_p = FALSE;

  g_assert_nonnull (window);
  g_ptr_array_add (stack, window);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
        {
          g_autofree char *accelerator = NULL;

          g_object_get (widget, "accelerator", &accelerator, NULL);
          alt_a |= g_strcmp0 (accelerator, "<Alt>a") == 0;
          alt_r |= g_strcmp0 (accelerator, "<Alt>r") == 0;
          ctrl_p |= g_strcmp0 (accelerator, "<Control>p") == 0;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_true (alt_a);
  g_assert_true (alt_r);
  g_assert_true (ctrl_p);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The Approve and Refuse buttons take Alt+A and Alt+R from their labels. */
static void
test_approve_and_refuse_have_their_mnemonics (Fixture       *f,
                                              gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *approve = acr_test_ui_find_action_button (GTK_WIDGET (form), "application.approve");
  GtkWidget *refuse = acr_test_ui_find_action_button (GTK_WIDGET (form), "application.refuse");

  g_assert_nonnull (approve);
  g_assert_nonnull (refuse);
  g_assert_true (gtk_button_get_use_underline (GTK_BUTTON (approve)));
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (approve)), "_A"));
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (refuse)), "_R"));
}

static void
test_ctrl_n_focuses_first_field_at_the_top (Fixture       *f,
                                            gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *given = acr_test_ui_find_widget (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, "given_name");
  GtkWidget *first = gtk_widget_get_ancestor (given, ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *scroller = gtk_widget_get_ancestor (first, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  /* The form's first row, whichever it is. */
  GtkWidget *first_row = acr_test_ui_find_widget (gtk_widget_get_parent (scroller), ADW_TYPE_ENTRY_ROW, NULL);

  acr_window_set_view (f->window, "applications");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_nonnull (first_row);
  /* Staff were at the bottom of the form, in the search of another view. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  gtk_root_set_focus (GTK_ROOT (f->window), NULL);

  press (f, GDK_KEY_n, GDK_CONTROL_MASK);
  g_assert_cmpstr (acr_window_get_view (f->window), ==, "applications");
  g_assert_true (has_focus_in (f, first_row));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
}

/* Labels and list rows under @widget, shown, that would take Tab focus. */
static guint
count_text_stops (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if ((GTK_IS_LABEL (widget) || GTK_IS_LIST_BOX_ROW (widget)) && gtk_widget_get_focusable (widget))
    {
      g_test_message ("a Tab stop on a text of the decision: %s", G_OBJECT_TYPE_NAME (widget));
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_text_stops (child);
  return n;
}

/* The decision's reasons, lines and amounts are read, not stepped
 * through: none of them is a Tab stop, and Tab from the last row of the
 * form's decision side lands on Refuse (or Approve while Refuse is off).
 * (63 Tabs went from Family name to Refuse; the chapter check boxes of the
 * form before it remain the form's own stops.) */
static void
test_decision_texts_are_not_tab_stops (Fixture       *f,
                                       gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *family = acr_test_ui_find_widget (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, "family_name");
  GtkWidget *given = acr_test_ui_find_widget (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, "given_name");
  GtkWidget *refuse = acr_test_ui_find_action_button (GTK_WIDGET (form), "application.refuse");
  GtkWidget *approve = acr_test_ui_find_action_button (GTK_WIDGET (form), "application.approve");
  GtkWidget *decision = acr_test_ui_find_widget (GTK_WIDGET (form), g_type_from_name ("AcrDecisionView"), NULL);

  g_assert_nonnull (decision);
  acr_window_set_view (f->window, "applications");
  press (f, GDK_KEY_n, GDK_CONTROL_MASK);
  /* A radiologist: the decision lists reasons and dues lines. */
  gtk_editable_set_text (GTK_EDITABLE (given), "Ruth");
  gtk_editable_set_text (GTK_EDITABLE (family), "Côté");
  iterate ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_nonnull (acr_test_ui_find_widget (decision, GTK_TYPE_LIST_BOX_ROW, NULL));

  g_assert_cmpuint (count_text_stops (decision), ==, 0);

  /* Backwards from Refuse/Approve, the previous stop is not in the decision. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_is_sensitive (refuse) ? refuse : approve));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  g_assert_false (has_focus_in (f, decision));
}

/* Ctrl+P with an invoice selected in Billing opens the print dialog for it
 * (closed here, by Cancel, as soon as it is shown). */
typedef struct
{
  gboolean  shown;
  char     *job;
} PrintSeen;

static gboolean
close_print_dialog_cb (gpointer data)
{
  PrintSeen *seen = data;
  GType type = g_type_from_name ("GtkPrintUnixDialog");
  GtkWindow *dialog = type != 0 ? acr_test_ui_find_toplevel (type) : NULL;

  if (dialog == NULL)
    return G_SOURCE_CONTINUE;
  seen->shown = TRUE;
  seen->job = g_strdup (gtk_window_get_title (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  return G_SOURCE_REMOVE;
}

static void
test_ctrl_p_prints_selected_invoice (Fixture       *f,
                                     gconstpointer  data)
{
  AcrBillingPage *page = acr_window_get_billing_page (f->window);
  GtkColumnView *view;
  PrintSeen seen = { FALSE, NULL };
  guint watch;

  acr_window_set_view (f->window, "billing");
  acr_test_ui_wait_for_billing (page);
  iterate ();
  view = GTK_COLUMN_VIEW (acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_true (gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE));
  iterate ();
  g_assert_true (acr_billing_page_get_can_print (page));
  gtk_widget_grab_focus (GTK_WIDGET (view));

  watch = g_timeout_add (50, close_print_dialog_cb, &seen);
  press (f, GDK_KEY_p, GDK_CONTROL_MASK);
  if (!seen.shown)
    g_source_remove (watch);
  g_assert_true (seen.shown);
  g_free (seen.job);
}

/* --- item 17 --- */

static GtkWidget *
error_icon_of (GtkWidget *row)
{
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, row);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, "error"))
        return widget;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  return NULL;
}

/* "06/30/2028" is a date in English (it was "an impossible date" naming
 * training.end); a refusal names the form to type, not the fact's key. */
static void
test_form_reads_dates_the_language_way (Fixture       *f,
                                        gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *row = acr_test_ui_find_widget (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, "training.end");
  GtkWidget *icon;

  g_assert_nonnull (row);
  acr_window_set_view (f->window, "applications");
  icon = error_icon_of (row);
  g_assert_nonnull (icon);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "MM/DD/YYYY"));

  gtk_editable_set_text (GTK_EDITABLE (row), "06/30/2028");
  iterate ();
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "30/06/2028");
  iterate ();
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (icon), "MM/DD/YYYY"));
  g_assert_null (strstr (gtk_widget_get_tooltip_text (icon), "training"));

  gtk_editable_set_text (GTK_EDITABLE (row), "2028-06-30");
  iterate ();
  g_assert_false (gtk_widget_get_visible (icon));
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/ui/desk-keys/invoice-search-folds-accents-and-case", test_invoice_search_folds_accents_and_case);
  ADD ("/acr/ui/desk-keys/ctrl-f-searches-the-view", test_ctrl_f_searches_the_view);
  ADD ("/acr/ui/desk-keys/enter-on-member-number-opens-member", test_enter_on_member_number_opens_member);
  ADD ("/acr/ui/desk-keys/shortcuts-window-lists-approve-and-refuse", test_shortcuts_window_lists_approve_and_refuse);
  ADD ("/acr/ui/desk-keys/approve-and-refuse-have-their-mnemonics", test_approve_and_refuse_have_their_mnemonics);
  ADD ("/acr/ui/desk-keys/ctrl-n-focuses-first-field-at-the-top", test_ctrl_n_focuses_first_field_at_the_top);
  ADD ("/acr/ui/desk-keys/decision-texts-are-not-tab-stops", test_decision_texts_are_not_tab_stops);
  ADD ("/acr/ui/desk-keys/ctrl-p-prints-selected-invoice", test_ctrl_p_prints_selected_invoice);
  ADD ("/acr/ui/desk-keys/form-reads-dates-the-language-way", test_form_reads_dates_the_language_way);
#undef ADD

  return g_test_run ();
}
