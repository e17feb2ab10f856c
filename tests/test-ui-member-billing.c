#define G_LOG_DOMAIN "test-ui-member-billing"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-credit-note-dialog.h"
#include "acr-invoice-create-dialog.h"
#include "acr-member-pane.h"
#include "acr-money.h"
#include "acr-payment-dialog.h"
#include "acr-retire-dialog.h"
#include "acr-store-apply.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* Money on one member from the member pane, in English and in French
 * (issue 13, items 3 to 5): the pane lists each invoice's payments,
 * refunds and credit notes; Refund… and Issue Credit Note… record them
 * with the CLI's rules; Create Invoice shows the year, lines and total
 * before issuing and says in words that a year is already billed; Retire…
 * asks the notice date and shows what it does before confirming. */

#define NBSP "\xc2\xa0"

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrBilling *billing;
  AcrWindow  *window;
  GtkWidget  *pane;
  guint       number;   /* Ruth, a general member */
  int         year;     /* this year */
} Fixture;

static const char general_json[] =
  "{\"given_name\":\"Ruth\",\"family_name\":\"Côté\",\"email\":\"ruth@example.com\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"in_practice\":true,\"practice_start\":\"1990-07-01\"}";

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *language = data;
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  AcrMembersPage *page;
  GDate joined;

  g_setenv ("LANGUAGE", language, TRUE);
  textdomain (GETTEXT_PACKAGE);

  g_settings_set_string (settings, "last-view", "members");
  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  f->window = acr_test_ui_show_window (f->store);
  f->billing = acr_billing_new (f->store, acr_window_get_rules (f->window));

  person = acr_person_new_from_data (general_json, -1, "person.json", &error);
  g_assert_no_error (error);
  acr_date_today (&joined);
  f->year = g_date_get_year (&joined);
  g_date_set_dmy (&joined, 2, G_DATE_JANUARY, f->year - 1);
  g_assert_true (acr_store_apply (f->store, acr_window_get_rules (f->window), person, NULL, &joined,
                                  &member, &decision, &error));
  g_assert_no_error (error);
  f->number = acr_member_get_number (member);

  page = acr_window_get_members_page (f->window);
  f->pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  g_assert_nonnull (f->pane);
  iterate ();
  acr_members_page_show_member (page, f->number);
  iterate ();
  g_assert_nonnull (acr_member_pane_get_member (ACR_MEMBER_PANE (f->pane)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GType types[] = { ACR_TYPE_PAYMENT_DIALOG, ACR_TYPE_CREDIT_NOTE_DIALOG, ACR_TYPE_RETIRE_DIALOG,
                    ACR_TYPE_INVOICE_CREATE_DIALOG };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWindow *dialog = acr_test_ui_find_toplevel (types[i]);

      if (dialog != NULL)
        gtk_window_destroy (dialog);
    }
  iterate ();
  g_clear_object (&f->billing);
  acr_test_ui_close_window (f->window, f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_unsetenv ("LANGUAGE");
}

/* --- helpers --- */

static const char *
text_of (gpointer    dialog,
         const char *name)
{
  GtkWidget *widget = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name);

  g_assert_nonnull (widget);
  if (GTK_IS_LABEL (widget))
    return gtk_widget_get_visible (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "";
  return gtk_editable_get_text (GTK_EDITABLE (widget));
}

static void
type (gpointer    dialog,
      const char *name,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name)), text);
  iterate ();
}

static gboolean
shows_error (gpointer    dialog,
             const char *name)
{
  GtkWidget *label = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name);

  return gtk_widget_get_visible (label) && gtk_widget_has_css_class (label, "error");
}

static gboolean
can_confirm (gpointer    dialog,
             const char *name)
{
  return gtk_widget_get_sensitive (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name));
}

static void
click (gpointer    dialog,
       const char *name)
{
  g_assert_true (can_confirm (dialog, name));
  g_signal_emit_by_name (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_WIDGET, name), "clicked");
  iterate ();
}

/* Whether a label under @widget reads @text exactly. */
static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;

  return FALSE;
}

static GDate
date_in_year (Fixture *f,
              int      day,
              int      month)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, f->year);
  return date;
}

static char *
iso_in_year (Fixture *f,
             int      day,
             int      month)
{
  GDate date = date_in_year (f, day, month);

  return acr_date_format_iso (&date);
}

/* This year's invoice, issued on January 5, paid with @paid cents on
 * January 20 (-1: in full). Returns its number. */
static char *
bill_and_pay (Fixture *f,
              gint64   paid)
{
  g_autoptr (GError) error = NULL;
  GDate issued = date_in_year (f, 5, G_DATE_JANUARY);
  GDate on = date_in_year (f, 20, G_DATE_JANUARY);
  g_autoptr (AcrInvoice) invoice = acr_billing_create_invoice (f->billing, f->number, f->year, &issued, &error);
  g_autoptr (AcrPayment) payment = NULL;
  g_autoptr (AcrInvoice) paid_invoice = NULL;

  g_assert_no_error (error);
  if (paid != 0)
    {
      payment = acr_payment_new (paid < 0 ? acr_invoice_get_total_cents (invoice) : paid, &on,
                                 ACR_PAYMENT_METHOD_CHECK, "4471");
      paid_invoice = acr_billing_record_payment (f->billing, acr_invoice_get_number (invoice), payment, &error);
      g_assert_no_error (error);
    }
  iterate ();
  return g_strdup (acr_invoice_get_number (invoice));
}

static AcrInvoice *
lookup (Fixture    *f,
        const char *number)
{
  g_autoptr (GError) error = NULL;
  AcrInvoice *invoice = acr_billing_lookup_invoice (f->billing, number, &error);

  g_assert_no_error (error);
  return invoice;
}

static GPtrArray *
member_invoices (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *invoices = acr_billing_list_member_invoices (f->billing, f->number, NULL, &error);

  g_assert_no_error (error);
  return invoices;
}

static GtkWidget *
invoice_row (Fixture    *f,
             const char *number)
{
  return acr_test_ui_find_widget (f->pane, ADW_TYPE_EXPANDER_ROW, number);
}

/* --- item 3: payments, refunds and credit notes on the pane --- */

/* The pane lists the payment under its invoice, with the date, method and
 * reference; a credit note from the pane cancels the invoice, says what is
 * then owed back, and is listed under it. */
static void
test_credit_note_from_the_pane (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *number = bill_and_pay (f, 10000);
  g_autoptr (AcrInvoice) credited = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autofree char *before = NULL;
  g_autofree char *held = acr_money_format (10000, NULL);
  AcrCreditNoteDialog *dialog;
  GtkWidget *row = invoice_row (f, number);

  g_assert_nonnull (row);
  g_assert_true (has_label (row, _("Payment")));
  g_assert_true (has_label (row, held));

  g_assert_true (gtk_widget_activate_action (f->pane, "members.credit-invoice", "s", number));
  dialog = ACR_CREDIT_NOTE_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_CREDIT_NOTE_DIALOG));
  g_assert_nonnull (dialog);
  iterate ();
  /* What it does, in the interface's language, before anything is written. */
  g_assert_nonnull (strstr (text_of (dialog, "consequence"), held));
  g_assert_cmpuint ((invoices = member_invoices (f))->len, ==, 1);
  g_clear_pointer (&invoices, g_ptr_array_unref);

  /* A date before the invoice: refused beside the date, dialog kept. */
  before = iso_in_year (f, 1, G_DATE_JANUARY);
  type (dialog, "date", before);
  click (dialog, "confirm");
  g_assert_true (acr_test_ui_find_toplevel (ACR_TYPE_CREDIT_NOTE_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_false (can_confirm (dialog, "confirm"));
  g_assert_cmpstr (text_of (dialog, "date"), ==, before);

  type (dialog, "date", "not a date");
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_null (strstr (text_of (dialog, "date-feedback"), "training"));

  {
    g_autofree char *later = iso_in_year (f, 1, G_DATE_FEBRUARY);

    type (dialog, "date", later);
  }
  g_assert_false (shows_error (dialog, "date-feedback"));
  click (dialog, "confirm");
  g_assert_null (acr_test_ui_find_toplevel (ACR_TYPE_CREDIT_NOTE_DIALOG));

  credited = lookup (f, number);
  g_assert_cmpint (acr_invoice_get_credited_cents (credited), ==, acr_invoice_get_total_cents (credited));
  g_assert_cmpint (acr_invoice_get_balance_cents (credited), ==, -10000);
  invoices = member_invoices (f);
  g_assert_cmpuint (invoices->len, ==, 2);
  {
    g_autofree char *title = g_strdup_printf (_("Credit note %s"), acr_invoice_get_number (invoices->pdata[1]));

    iterate ();
    g_assert_true (has_label (invoice_row (f, number), title));
  }
}

/* Refund… on a credited invoice: the amount typed the interface's way, shown
 * back, more than held refused in place, then recorded as the CLI records it. */
static void
test_refund_from_the_pane (Fixture       *f,
                           gconstpointer  data)
{
  const char *language = data;
  gboolean french = g_str_equal (language, "fr");
  g_autofree char *number = bill_and_pay (f, -1);
  g_autoptr (AcrInvoice) paid = lookup (f, number);
  gint64 total = acr_invoice_get_total_cents (paid);
  g_autoptr (AcrInvoice) refunded = NULL;
  g_autofree char *amount = acr_money_format (1250, language);
  AcrPaymentDialog *dialog;
  GListModel *payments;

  g_assert_true (gtk_widget_activate_action (f->pane, "members.refund-invoice", "s", number));
  dialog = ACR_PAYMENT_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_PAYMENT_DIALOG));
  g_assert_nonnull (dialog);
  iterate ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, _("Record Refund"));

  /* More than the invoice holds: refused beside the amount. */
  type (dialog, "amount", french ? "99 999,00" : "99,999.00");
  g_assert_true (shows_error (dialog, "amount-feedback"));
  g_assert_false (can_confirm (dialog, "record"));

  type (dialog, "amount", french ? "12,50" : "12.50");
  g_assert_false (shows_error (dialog, "amount-feedback"));
  g_assert_true (g_str_has_prefix (text_of (dialog, "amount-feedback"), amount));
  click (dialog, "record");
  g_assert_null (acr_test_ui_find_toplevel (ACR_TYPE_PAYMENT_DIALOG));

  refunded = lookup (f, number);
  g_assert_cmpint (acr_invoice_get_refunded_cents (refunded), ==, 1250);
  g_assert_cmpint (acr_invoice_get_paid_cents (refunded), ==, total - 1250);
  payments = acr_invoice_get_payments (refunded);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 2);
  iterate ();
  g_assert_true (has_label (invoice_row (f, number), _("Refund")));
}

/* --- item 4: Create Invoice --- */

static void
test_create_invoice_previews_then_issues (Fixture       *f,
                                          gconstpointer  data)
{
  AcrInvoiceCreateDialog *dialog;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autofree char *year = g_strdup_printf ("%d", f->year);
  g_autofree char *next = g_strdup_printf ("%d", f->year + 1);
  GtkWidget *lines;

  g_assert_true (gtk_widget_activate_action (f->pane, "members.create-invoice", NULL));
  dialog = ACR_INVOICE_CREATE_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_INVOICE_CREATE_DIALOG));
  /* Nothing issued before staff confirm. */
  g_assert_nonnull (dialog);
  g_assert_cmpuint ((invoices = member_invoices (f))->len, ==, 0);
  g_clear_pointer (&invoices, g_ptr_array_unref);
  iterate ();
  g_assert_cmpstr (text_of (dialog, "year"), ==, year);
  lines = acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "lines");
  g_assert_true (gtk_widget_is_visible (lines));
  g_assert_true (has_label (lines, _("Total")));

  type (dialog, "year", "twenty");
  g_assert_true (shows_error (dialog, "year-feedback"));
  g_assert_false (can_confirm (dialog, "confirm"));
  type (dialog, "year", year);
  click (dialog, "confirm");
  g_assert_null (acr_test_ui_find_toplevel (ACR_TYPE_INVOICE_CREATE_DIALOG));
  invoices = member_invoices (f);
  g_assert_cmpuint (invoices->len, ==, 1);
  g_assert_cmpint (acr_invoice_get_year (invoices->pdata[0]), ==, f->year);
  {
    g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoices->pdata[0]), NULL);
    (void) total;
  }
  g_clear_pointer (&invoices, g_ptr_array_unref);

  /* Again: the year is said to be billed, in words, naming the invoice; no
   * raw "member 0000001 is already billed". Another year can be billed. */
  g_assert_true (gtk_widget_activate_action (f->pane, "members.create-invoice", NULL));
  dialog = ACR_INVOICE_CREATE_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_INVOICE_CREATE_DIALOG));
  g_assert_nonnull (dialog);
  iterate ();
  g_assert_true (shows_error (dialog, "year-feedback"));
  g_assert_null (strstr (text_of (dialog, "year-feedback"), "member 0"));
  {
    g_autoptr (GPtrArray) now = member_invoices (f);

    g_assert_nonnull (strstr (text_of (dialog, "year-feedback"), acr_invoice_get_number (now->pdata[0])));
  }
  g_assert_false (can_confirm (dialog, "confirm"));
  g_assert_false (gtk_widget_is_visible (acr_test_ui_find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, "lines")));
  type (dialog, "year", next);
  g_assert_false (shows_error (dialog, "year-feedback"));
  g_assert_true (can_confirm (dialog, "confirm"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  iterate ();
  g_assert_cmpuint ((invoices = member_invoices (f))->len, ==, 1);
}

/* --- item 5: Retire… --- */

static void
test_retire_shows_consequence_by_date (Fixture       *f,
                                       gconstpointer  data)
{
  const char *language = data;
  g_autofree char *number = bill_and_pay (f, -1);
  g_autoptr (AcrInvoice) paid = lookup (f, number);
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (paid), language);
  g_autofree char *march = iso_in_year (f, 31, G_DATE_MARCH);
  g_autofree char *april = iso_in_year (f, 1, G_DATE_APRIL);
  g_autoptr (AcrMember) retired = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  AcrRetireDialog *dialog;

  g_assert_true (gtk_widget_activate_action (f->pane, "members.retire", NULL));
  dialog = ACR_RETIRE_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_RETIRE_DIALOG));
  g_assert_nonnull (dialog);
  iterate ();

  /* Notice by March 31: the year is refunded, the amount said. */
  type (dialog, "date", march);
  g_assert_false (shows_error (dialog, "date-feedback"));
  g_assert_nonnull (strstr (text_of (dialog, "consequence"), total));
  g_assert_nonnull (strstr (text_of (dialog, "consequence"), number));

  /* From April 1: the year stands, nothing refunded. */
  type (dialog, "date", april);
  g_assert_null (strstr (text_of (dialog, "consequence"), total));
  g_assert_nonnull (strstr (text_of (dialog, "consequence"), number));

  /* A bad date is refused beside the field, in words, and blocks confirming. */
  type (dialog, "date", "31/13/2027");
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_false (can_confirm (dialog, "confirm"));

  /* Previewing wrote nothing. */
  {
    g_autoptr (AcrMember) still = acr_store_lookup_member (f->store, f->number, NULL);

    g_assert_cmpstr (acr_member_get_status (still), ==, "active");
  }

  type (dialog, "date", march);
  click (dialog, "confirm");
  g_assert_null (acr_test_ui_find_toplevel (ACR_TYPE_RETIRE_DIALOG));

  retired = acr_store_lookup_member (f->store, f->number, NULL);
  g_assert_cmpstr (acr_member_get_status (retired), ==, "retired");
  person = acr_member_dup_person (retired, NULL);
  g_assert_cmpstr (acr_person_get_string (person, "retired_on"), ==, march);
  invoices = member_invoices (f);
  g_assert_cmpuint (invoices->len, ==, 2);
  g_assert_cmpint (acr_invoice_get_kind (invoices->pdata[1]), ==, ACR_INVOICE_KIND_CREDIT_NOTE);
}

/* --- item 17: dates as staff write them; history in local time --- */

/* Retire… takes the notice date as the language writes it: "03/31/YYYY" in
 * English, "31/03/YYYY" in French, and says in words, naming that form,
 * why another form is refused. */
static void
test_retire_reads_dates_the_language_way (Fixture       *f,
                                          gconstpointer  data)
{
  const char *language = data;
  gboolean french = g_str_equal (language, "fr");
  g_autofree char *number = bill_and_pay (f, -1);
  g_autoptr (AcrInvoice) paid = lookup (f, number);
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (paid), language);
  g_autofree char *local = g_strdup_printf (french ? "31/03/%d" : "03/31/%d", f->year);
  g_autofree char *other = g_strdup_printf (french ? "03/31/%d" : "31/03/%d", f->year);
  g_autofree char *today_text = NULL;
  AcrRetireDialog *dialog;
  GDate today;

  g_assert_true (gtk_widget_activate_action (f->pane, "members.retire", NULL));
  dialog = ACR_RETIRE_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_RETIRE_DIALOG));
  g_assert_nonnull (dialog);
  iterate ();

  /* Prefilled with today, written the language's way. */
  acr_date_today (&today);
  today_text = g_strdup_printf (french ? "%02u/%02u/%04u" : "%02u/%02u/%04u",
                                french ? g_date_get_day (&today) : g_date_get_month (&today),
                                french ? g_date_get_month (&today) : g_date_get_day (&today),
                                g_date_get_year (&today));
  g_assert_cmpstr (text_of (dialog, "date"), ==, today_text);

  type (dialog, "date", local);
  g_assert_false (shows_error (dialog, "date-feedback"));
  g_assert_nonnull (strstr (text_of (dialog, "consequence"), total));

  type (dialog, "date", other);
  g_assert_true (shows_error (dialog, "date-feedback"));
  g_assert_nonnull (strstr (text_of (dialog, "date-feedback"), french ? "JJ/MM/AAAA" : "MM/DD/YYYY"));
  g_assert_null (strstr (text_of (dialog, "date-feedback"), "retired_on"));
  g_assert_false (can_confirm (dialog, "confirm"));
}

/* The history says when in the workstation's time zone (the test runs in
 * New York, five hours behind UTC in winter) and who by full name, never
 * the raw "2026-12-06T09:52:28Z · root". */
static void
test_history_in_local_time_with_full_name (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, f->number, NULL);
  g_autoptr (GPtrArray) history = acr_store_list_history (f->store, member, NULL);
  AcrMemberChange *change;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *day = NULL;
  GDate date;

  g_assert_nonnull (history);
  g_assert_cmpuint (history->len, >, 0);
  change = g_ptr_array_index (history, history->len - 1);
  utc = g_date_time_new_from_iso8601 (change->time, NULL);
  g_assert_nonnull (utc);
  local = g_date_time_to_local (utc);
  g_assert_cmpint (g_date_time_get_utc_offset (local), ==, -5 * G_TIME_SPAN_HOUR);
  /* "04:52" in English, "04 h 52" in French. */
  clock = g_strdup_printf (g_str_equal (data, "fr") ? "%02d\u00a0h\u00a0%02d" : "%02d:%02d",
                           g_date_time_get_hour (local), g_date_time_get_minute (local));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  day = acr_date_format_long (&date, data);

  {
    g_autofree char *expected = NULL;
    g_autoptr (GPtrArray) todo = g_ptr_array_new ();
    guint rows = 0;
    gboolean newest_shown = FALSE;

    expected = g_strdup (g_strcmp0 (g_get_real_name (), "Unknown") != 0 ? g_get_real_name () : change->account);

    /* Every history row (its subtitle starts with the day): local time, full name. */
    g_ptr_array_add (todo, f->pane);
    while (todo->len > 0)
      {
        GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);
        const char *subtitle = ADW_IS_ACTION_ROW (widget) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) : NULL;

        if (subtitle != NULL && g_str_has_prefix (subtitle, day))
          {
            rows++;
            newest_shown |= strstr (subtitle, clock) != NULL;
            g_assert_null (strstr (subtitle, "Z ·"));
            g_assert_null (strstr (subtitle, "T0"));
            g_assert_null (strstr (subtitle, "T1"));
            g_assert_null (strstr (subtitle, "T2"));
            g_assert_nonnull (strstr (subtitle, expected));
          }
        for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (todo, c);
      }
    g_assert_cmpuint (rows, ==, history->len);
    g_assert_true (newest_shown);
  }
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  /* History times are shown in the workstation's zone: one behind UTC. */
  g_setenv ("TZ", "America/New_York", TRUE);
  acr_test_ui_use_build_catalogs ();

#define ADD(path, language, func) g_test_add (path, Fixture, language, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/ui/member-billing/credit-note-from-the-pane", "en", test_credit_note_from_the_pane);
  ADD ("/acr/ui/member-billing/credit-note-from-the-pane-french", "fr", test_credit_note_from_the_pane);
  ADD ("/acr/ui/member-billing/refund-from-the-pane", "en", test_refund_from_the_pane);
  ADD ("/acr/ui/member-billing/refund-from-the-pane-french", "fr", test_refund_from_the_pane);
  ADD ("/acr/ui/member-billing/create-invoice-previews-then-issues", "en", test_create_invoice_previews_then_issues);
  ADD ("/acr/ui/member-billing/create-invoice-previews-then-issues-french", "fr", test_create_invoice_previews_then_issues);
  ADD ("/acr/ui/member-billing/retire-shows-consequence-by-date", "en", test_retire_shows_consequence_by_date);
  ADD ("/acr/ui/member-billing/retire-shows-consequence-by-date-french", "fr", test_retire_shows_consequence_by_date);
  ADD ("/acr/ui/member-billing/retire-reads-dates-the-language-way", "en", test_retire_reads_dates_the_language_way);
  ADD ("/acr/ui/member-billing/retire-reads-dates-the-language-way-french", "fr", test_retire_reads_dates_the_language_way);
  ADD ("/acr/ui/member-billing/history-in-local-time-with-full-name", "en", test_history_in_local_time_with_full_name);
  ADD ("/acr/ui/member-billing/history-in-local-time-with-full-name-french", "fr", test_history_in_local_time_with_full_name);
#undef ADD

  return g_test_run ();
}
