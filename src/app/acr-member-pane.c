#define G_LOG_DOMAIN "acr-member-pane"

#include "config.h"

#include <glib/gi18n.h>
#include <pwd.h>
#include <string.h>

#include "acr-anonymise.h"
#include "acr-accessible.h"
#include "acr-billing.h"
#include "acr-billing-apply.h"
#include "acr-confirm.h"
#include "acr-credit-note-dialog.h"
#include "acr-format.h"
#include "acr-invoice-create-dialog.h"
#include "acr-invoice-documents.h"
#include "acr-lifecycle.h"
#include "acr-member-edit-dialog.h"
#include "acr-member-pane.h"
#include "acr-member-card.h"
#include "acr-date.h"
#include "acr-file-writer.h"
#include "acr-statement.h"
#include "acr-money.h"
#include "acr-store-sqlite.h"
#include "acr-payment-dialog.h"
#include "acr-retire-dialog.h"
#include "acr-window.h"

/*
 * One member in detail: their facts, invoices and history, and what staff
 * do to them from there (edit, invoice, retire). The members page shows
 * the member chosen in its list here.
 */

struct _AcrMemberPane
{
  GtkWidget            parent_instance;

  AcrStore            *store;
  AcrRules            *rules;
  AcrBilling          *billing;         /* made when first needed */
  GSignalGroup        *store_signals;
  AcrMember           *member;
  GPtrArray           *invoices;        /* of AcrInvoice: those shown, for their buttons */
  GPtrArray           *detail_rows;     /* rows added to facts_group */
  guint                refresh_id;      /* invoices to read again after a commit */

  GtkStack            *detail_stack;
  GtkLabel            *detail_number_label;
  GtkLabel            *detail_name_label;
  GtkLabel            *detail_category_label;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *invoices_group;
  GtkListBox          *invoices_list;
  AdwPreferencesGroup *history_group;
  GtkListBox          *history_list;
};

G_DEFINE_FINAL_TYPE (AcrMemberPane, acr_member_pane, GTK_TYPE_WIDGET)

static AcrBilling *
get_billing (AcrMemberPane *self)
{
  if (self->billing == NULL && self->store != NULL && self->rules != NULL)
    self->billing = acr_billing_new (self->store, self->rules);

  return self->billing;
}

static void
add_detail_row (AcrMemberPane *self,
                const char    *title,
                const char    *value)
{
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (self->facts_group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static void
add_person_rows (AcrMemberPane *self,
                 AcrMember     *member)
{
  const char *json = acr_member_get_person_json (member);
  g_autoptr (AcrPerson) person = NULL;
  const AcrFactInfo *facts;
  guint n_facts;

  if (json == NULL)
    return;

  /* The store wrote it, so it reads; if not, there is nothing to show. */
  person = acr_person_new_from_data (json, -1, "member", NULL);
  if (person == NULL)
    return;

  facts = acr_person_list_facts (&n_facts);
  for (guint i = 0; i < n_facts; i++)
    {
      g_autofree char *value = NULL;

      /* Names, e-mail and chapters already have rows of their own. */
      if (g_str_equal (facts[i].name, "given_name") || g_str_equal (facts[i].name, "family_name") ||
          g_str_equal (facts[i].name, "email") || g_str_equal (facts[i].name, "chapters") ||
          g_str_equal (facts[i].name, "country"))
        continue;

      if (facts[i].type == ACR_FACT_CODE && acr_person_has_fact (person, facts[i].name))
        value = g_strdup (acr_format_code (facts[i].name, acr_person_get_string (person, facts[i].name)));
      else
        value = acr_person_format_fact (person, facts[i].name);

      add_detail_row (self, _(facts[i].label), value);
    }
}

static void
add_invoice_button (GtkWidget  *row,
                    const char *icon_name,
                    const char *label,
                    const char *action_name,
                    AcrInvoice *invoice)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", acr_invoice_get_number (invoice));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), button);
}

static gboolean
add_text_button (GtkWidget  *box,
                 const char *label,
                 const char *action_name,
                 AcrInvoice *invoice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", acr_invoice_get_number (invoice));
  gtk_flow_box_append (GTK_FLOW_BOX (box), button);
  /* The button takes the focus, not the flow box's child around it. */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  return TRUE;
}

/* One payment, refund or credit note under the invoice it concerns. */
static void
add_entry_row (GtkWidget  *row,
               const char *title,
               const char *subtitle,
               gint64      cents)
{
  GtkWidget *entry = adw_action_row_new ();
  g_autofree char *amount = acr_money_format (cents, NULL);
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (entry), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (entry), label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), entry);
}

/* The money moved on @invoice (payments, refunds) and the credit notes
 * among @invoices that cancel it, oldest first; returns how many. */
static guint
add_entries (GtkWidget  *row,
             AcrInvoice *invoice,
             GPtrArray  *invoices)
{
  GListModel *payments = acr_invoice_get_payments (invoice);
  guint n = g_list_model_get_n_items (payments);
  guint added = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, i);
      g_autofree char *date = acr_date_format_long (acr_payment_get_date (payment), NULL);
      const char *method = _(acr_payment_method_get_label (acr_payment_get_method (payment)));
      const char *reference = acr_payment_get_reference (payment);
      g_autofree char *subtitle = reference != NULL && *reference != '\0'
                                  ? g_strdup_printf ("%s · %s · %s", date, method, reference)
                                  : g_strdup_printf ("%s · %s", date, method);

      add_entry_row (row, acr_payment_is_refund (payment) ? _("Refund") : _("Payment"), subtitle,
                     acr_payment_get_amount_cents (payment));
      added++;
    }

  for (guint i = 0; i < invoices->len; i++)
    {
      AcrInvoice *note = g_ptr_array_index (invoices, i);
      g_autofree char *title = NULL;
      g_autofree char *date = NULL;

      if (acr_invoice_get_kind (note) != ACR_INVOICE_KIND_CREDIT_NOTE ||
          g_strcmp0 (acr_invoice_get_reference_number (note), acr_invoice_get_number (invoice)) != 0)
        continue;
      title = g_strdup_printf (_("Credit note %s"), acr_invoice_get_number (note));
      date = acr_date_format_long (acr_invoice_get_issued_on (note), NULL);
      add_entry_row (row, title, date, acr_invoice_get_total_cents (note));
      added++;
    }

  return added;
}

static GtkWidget *
create_invoice_row (AcrInvoice *invoice,
                    GPtrArray  *invoices)
{
  GtkWidget *row = adw_expander_row_new ();
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), NULL);
  g_autofree char *balance = acr_money_format (acr_invoice_get_balance_cents (invoice), NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean is_invoice = acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_INVOICE;
  const char *status = !is_invoice
                       ? _("Credit note")
                       : acr_format_invoice_status (acr_invoice_status_to_string (acr_invoice_get_status (invoice)));
  guint entries;

  title = g_strdup_printf ("%s · %d", acr_invoice_get_number (invoice), acr_invoice_get_year (invoice));
  subtitle = g_strdup_printf (_("%s · total %s · balance %s"), status, total, balance);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_name (row, acr_invoice_get_number (invoice));

  add_invoice_button (row, "x-office-document-symbolic", _("Open as PDF"), "members.open-invoice", invoice);
  add_invoice_button (row, "printer-symbolic", _("Print"), "members.print-invoice", invoice);
  add_invoice_button (row, "document-save-symbolic", _("Export as PDF…"), "members.export-invoice", invoice);

  entries = is_invoice ? add_entries (row, invoice, invoices) : 0;

  /* Refund… while the invoice holds money; Issue Credit Note… while it
   * stands: the same conditions the core checks, under the invoice's
   * payments. */
  if (is_invoice)
    {
      /* Side by side, or one above the other when the pane is narrow. */
      GtkWidget *buttons = gtk_flow_box_new ();
      gboolean any = FALSE;

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 2);

      gtk_widget_set_margin_top (buttons, 6);
      gtk_widget_set_margin_bottom (buttons, 6);
      gtk_widget_set_margin_start (buttons, 6);
      gtk_widget_set_margin_end (buttons, 6);
      if (acr_invoice_get_paid_cents (invoice) > 0)
        any |= add_text_button (buttons, _("Record _Refund…"), "members.refund-invoice", invoice);
      if (acr_invoice_get_status (invoice) != ACR_INVOICE_STATUS_VOID &&
          acr_invoice_get_credited_cents (invoice) < acr_invoice_get_total_cents (invoice))
        any |= add_text_button (buttons, _("Issue Credit _Note…"), "members.credit-invoice", invoice);
      if (any)
        {
          GtkWidget *actions = gtk_list_box_row_new ();

          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (actions), buttons);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (actions), FALSE);
          gtk_widget_set_focusable (actions, FALSE);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);
          entries++;
        }
      else
        g_object_unref (g_object_ref_sink (buttons));
    }

  acr_accessible_name_mnemonics (row);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), entries > 0);
  /* Open where money moved: its payments, refunds and credit notes show. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 is_invoice && (acr_invoice_get_paid_cents (invoice) != 0 ||
                                                acr_invoice_get_refunded_cents (invoice) != 0 ||
                                                acr_invoice_get_credited_cents (invoice) != 0));

  return row;
}

/* The member's invoices and balance, as AcrBilling keeps them. */
static void
show_invoices (AcrMemberPane *self,
               AcrMember     *member)
{
  AcrBilling *billing = get_billing (self);
  GPtrArray *invoices;
  g_autofree char *description = NULL;
  g_autofree char *balance_text = NULL;
  gint64 balance = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->invoices_list))) != NULL)
    gtk_list_box_remove (self->invoices_list, child);
  g_clear_pointer (&self->invoices, g_ptr_array_unref);
  if (billing == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), FALSE);
      return;
    }

  self->invoices = acr_billing_list_member_invoices (billing, acr_member_get_number (member), &balance, NULL);
  invoices = self->invoices;
  if (invoices == NULL || invoices->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), FALSE);
      return;
    }

  for (guint i = 0; i < invoices->len; i++)
    gtk_list_box_append (self->invoices_list, create_invoice_row (g_ptr_array_index (invoices, i), invoices));

  balance_text = acr_money_format (balance, NULL);
  description = g_strdup_printf (_("Balance: %s"), balance_text);
  adw_preferences_group_set_description (self->invoices_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), TRUE);
}

/* When a change was made, in the workstation's time zone and the
 * interface's language ("December 6, 2026 at 04:52"); the stored text when
 * it is not a time. */
static char *
format_change_time (const char *time)
{
  g_autoptr (GDateTime) utc = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (utc == NULL)
    return g_strdup (time != NULL ? time : "");

  local = g_date_time_to_local (utc);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  day = acr_date_format_long (&date, NULL);
  /* Translators: a change's day and time in the member's history: "December 6, 2026 at 04:52". */
  return g_strdup_printf (_("%s at %02d:%02d"), day, g_date_time_get_hour (local), g_date_time_get_minute (local));
}

/* Who made a change: the staff member's full name from the system's
 * accounts, or the account name when it has none. */
static char *
account_full_name (const char *account)
{
  struct passwd *entry;

  if (account == NULL || *account == '\0')
    return g_strdup (_("Unknown"));
  if (g_strcmp0 (account, g_get_user_name ()) == 0 && g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    return g_strdup (g_get_real_name ());

  entry = getpwnam (account);
  if (entry != NULL && entry->pw_gecos != NULL && entry->pw_gecos[0] != '\0' && entry->pw_gecos[0] != ',')
    return g_strndup (entry->pw_gecos, strcspn (entry->pw_gecos, ","));
  return g_strdup (account);
}

static GtkWidget *
create_history_row (AcrMemberChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  const char *field = acr_format_member_field (change->field);

  if (g_str_equal (change->field, "member"))
    title = g_strdup (change->reason != NULL ? change->reason : _("Member added"));
  else if (change->old_value == NULL)
    title = g_strdup_printf (_("%s set to “%s”"), field, change->new_value ? change->new_value : "");
  else if (change->new_value == NULL)
    title = g_strdup_printf (_("%s cleared (was “%s”)"), field, change->old_value);
  else
    title = g_strdup_printf (_("%s: “%s” → “%s”"), field, change->old_value, change->new_value);

  when = format_change_time (change->time);
  who = account_full_name (change->account);
  if (change->reason != NULL && !g_str_equal (change->field, "member"))
    subtitle = g_strdup_printf ("%s · %s · %s", when, who, change->reason);
  else
    subtitle = g_strdup_printf ("%s · %s", when, who);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
update_member_actions (AcrMemberPane *self)
{
  gboolean shown = self->member != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.edit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.create-invoice", shown && self->rules != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.statement", shown && self->rules != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.card", shown && self->rules != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.retire",
                                 shown && self->rules != NULL &&
                                 !acr_member_has_status (self->member, ACR_MEMBER_STATUS_RETIRED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.anonymise",
                                 shown && ACR_IS_STORE_SQLITE (acr_store_get_backend (self->store)) &&
                                 !acr_anonymise_is_member_anonymised (self->store, acr_member_get_number (self->member),
                                                                      NULL));
}

static const char *
category_name (AcrMemberPane *self,
               const char    *id)
{
  AcrCategory *category = self->rules != NULL && id != NULL ? acr_rules_lookup_category (self->rules, id) : NULL;

  if (category != NULL)
    return acr_category_get_name (category);

  return id != NULL ? id : "";
}

static void
show_member (AcrMemberPane *self,
             AcrMember     *member)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *chapters = NULL;
  GtkWidget *child;

  g_set_object (&self->member, member);

  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->facts_group, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  update_member_actions (self);
  if (member == NULL)
    {
      g_clear_pointer (&self->invoices, g_ptr_array_unref);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  number = acr_member_dup_number_text (member);
  name = acr_member_dup_display_name (member);
  subtitle = g_strdup_printf ("%s · %s",
                              category_name (self, acr_member_get_category (member)),
                              acr_format_status (acr_member_get_status (member)));
  gtk_label_set_text (self->detail_number_label, number);
  gtk_label_set_text (self->detail_name_label, name);
  gtk_label_set_text (self->detail_category_label, subtitle);

  if (acr_member_get_chapters (member) != NULL)
    {
      g_auto (GStrv) codes = g_strsplit (acr_member_get_chapters (member), ",", -1);

      chapters = g_strjoinv (", ", codes);
    }

  add_detail_row (self, acr_format_member_field ("email"), acr_member_get_email (member));
  add_detail_row (self, acr_format_member_field ("phone"), acr_member_get_field (member, "phone"));
  add_detail_row (self, acr_format_member_field ("address"), acr_member_get_field (member, "address"));
  add_detail_row (self, acr_format_member_field ("city"), acr_member_get_city (member));
  add_detail_row (self, acr_format_member_field ("region"), acr_member_get_field (member, "region"));
  add_detail_row (self, acr_format_member_field ("postal_code"), acr_member_get_field (member, "postal_code"));
  add_detail_row (self, acr_format_member_field ("country"), acr_member_get_country (member));
  add_detail_row (self, acr_format_member_field ("chapters"), chapters);
  add_detail_row (self, acr_format_member_field ("npi"), acr_member_get_npi (member));
  add_detail_row (self, acr_format_member_field ("program"), acr_member_get_program (member));
  add_detail_row (self, acr_format_member_field ("joined"), acr_member_get_joined (member));
  add_detail_row (self, acr_format_member_field ("review"), acr_member_get_review (member));
  add_person_rows (self, member);
  show_invoices (self, member);

  /* Newest first: the store lists the history oldest first. */
  history = acr_store_list_history (self->store, member, NULL);
  for (guint i = history != NULL ? history->len : 0; i > 0; i--)
    gtk_list_box_append (self->history_list, create_history_row (g_ptr_array_index (history, i - 1)));
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), history != NULL && history->len > 0);

  gtk_stack_set_visible_child_name (self->detail_stack, "member");
}

static void
reload_member (AcrMemberPane *self)
{
  g_autoptr (AcrMember) fresh = NULL;

  if (self->member == NULL)
    return;

  fresh = acr_store_lookup_member (self->store, acr_member_get_number (self->member), NULL);
  show_member (self, fresh);
}

/* The invoice shown whose number the action carries, in a list of one. */
static GPtrArray *
find_invoice (AcrMemberPane *self,
              GVariant      *parameter)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  const char *number = g_variant_get_string (parameter, NULL);

  for (guint i = 0; self->invoices != NULL && i < self->invoices->len; i++)
    {
      AcrInvoice *invoice = g_ptr_array_index (self->invoices, i);

      if (g_strcmp0 (acr_invoice_get_number (invoice), number) == 0)
        {
          g_ptr_array_add (found, g_object_ref (invoice));
          break;
        }
    }

  return found;
}

static gboolean
refresh_invoices_cb (gpointer data)
{
  AcrMemberPane *self = data;

  self->refresh_id = 0;
  if (self->member != NULL)
    show_invoices (self, self->member);

  return G_SOURCE_REMOVE;
}

/* An invoice, a payment or a void anywhere (Billing, this pane, a billing
 * run's batches): the invoices are read again once the commits settle. */
static void
store_committed_cb (AcrMemberPane *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_invoices_cb, self);
}

static void
reload_confirmed_cb (AcrMemberPane *self)
{
  reload_member (self);
}

static void
show_conflict (AcrMemberPane *self,
               const GError  *error)
{
  g_autofree char *body = g_strdup_printf (_("%s\n\nYour changes were not saved. Reload the member to see what changed, then edit again."),
                                           error->message);

  acr_confirm (GTK_WIDGET (self), _("Changed by Someone Else"), body,
               "reload", _("_Reload"), ACR_CONFIRM_DEFAULT_CONFIRM,
               G_CALLBACK (reload_confirmed_cb), self);
}

static void
edit_saved_cb (AcrMemberPane       *self,
               const char          *response,
               AcrMemberEditDialog *dialog)
{
  g_autoptr (AcrMember) edited = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  edited = acr_member_edit_dialog_dup_edited (dialog, &error);
  if (edited == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  /* The core's policy, as the CLI's edit: the category follows the facts,
   * as the rules decide today; when they decide none it stays as it was. */
  acr_date_today (&date);
  billing = acr_billing_new (self->store, self->rules);
  if (!acr_billing_save_edit (billing, edited, &date, _("Edited in ACR Membership"), &error))
    {
      if (g_error_matches (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT))
        show_conflict (self, error);
      else
        acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  acr_window_toast_for (GTK_WIDGET (self), _("Member saved"));
  reload_member (self);
}

static void
acr_member_pane_edit (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AcrMemberEditDialog *dialog;

  if (self->member == NULL)
    return;

  dialog = acr_member_edit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->member);
  /* Edit the member as it was read: the store then knows the revision
   * the change starts from and refuses it if someone saved in between. */
  g_signal_connect_object (dialog, "response::save", G_CALLBACK (edit_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
acr_member_pane_open_invoice (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = find_invoice (ACR_MEMBER_PANE (widget), parameter);
  g_autoptr (GError) error = NULL;

  if (invoice->len > 0 && !acr_invoice_documents_open_pdf (widget, g_ptr_array_index (invoice, 0), &error))
    acr_window_toast_for (widget, error->message);
}

static void
acr_member_pane_print_invoice (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = find_invoice (ACR_MEMBER_PANE (widget), parameter);

  acr_invoice_documents_print (widget, invoice);
}

static void
acr_member_pane_export_invoice (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = find_invoice (ACR_MEMBER_PANE (widget), parameter);

  acr_invoice_documents_export (widget, invoice, NULL);
}

static void
invoice_issued_cb (AcrMemberPane *self,
                   AcrInvoice    *invoice)
{
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), NULL);
  g_autofree char *text = g_strdup_printf (_("Invoice %s issued: %s"), acr_invoice_get_number (invoice), total);

  acr_window_toast_for (GTK_WIDGET (self), text);
  reload_member (self);
}

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The member's documents saved from the pane: a statement or a card. */
typedef enum
{
  MEMBER_DOCUMENT_STATEMENT,
  MEMBER_DOCUMENT_CARD,
} MemberDocument;

typedef struct
{
  AcrMemberPane  *self;
  MemberDocument  document;
  AcrMember      *member;
} DocumentRequest;

static gboolean
write_member_document (AcrBilling      *billing,
                       DocumentRequest *request,
                       GOutputStream   *stream,
                       GError         **error)
{
  GDate today;

  acr_date_today (&today);
  if (request->document == MEMBER_DOCUMENT_STATEMENT)
    {
      g_autoptr (AcrStatement) statement = acr_statement_new (billing, acr_member_get_number (request->member), NULL,
                                                              &today, error);

      return statement != NULL && acr_statement_write_pdf (statement, stream, error);
    }
  else
    {
      g_autoptr (GPtrArray) members = g_ptr_array_new ();

      g_ptr_array_add (members, request->member);
      return acr_member_cards_write_pdf (members, acr_billing_get_rules (billing), g_date_get_year (&today),
                                         ACR_CARD_LAYOUT_SINGLE, stream, error);
    }
}

static void
document_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  DocumentRequest *request = user_data;
  AcrMemberPane *self = request->self;
  AcrBilling *billing = get_billing (self);
  gboolean statement = request->document == MEMBER_DOCUMENT_STATEMENT;

  if (response == GTK_RESPONSE_ACCEPT && billing != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;
      g_autoptr (GOutputStream) stream = NULL;

      acr_file_writer_protect (acr_store_get_location (acr_billing_get_store (billing)));
      /* The save dialog already asked before replacing a file. */
      if ((stream = G_OUTPUT_STREAM (acr_file_writer_new (path, ACR_FILE_WRITER_REPLACE, &error))) == NULL ||
          !write_member_document (billing, request, stream, &error) ||
          !g_output_stream_close (stream, NULL, &error))
        acr_alert (GTK_WIDGET (self), statement ? _("The statement was not saved") : _("The card was not saved"),
                   error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (statement ? _("Statement saved as %s") : _("Card saved as %s"), name);

          acr_window_toast_for (GTK_WIDGET (self), text);
        }
    }
  g_object_unref (request->member);
  g_object_unref (request->self);
  g_free (request);
  g_object_unref (chooser);
}

static void
save_member_document (AcrMemberPane  *self,
                      MemberDocument  document)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  DocumentRequest *request;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;

  if (self->member == NULL || get_billing (self) == NULL)
    return;
  number = acr_member_dup_number_text (self->member);
  name = g_strdup_printf (document == MEMBER_DOCUMENT_STATEMENT ? "statement-%s.pdf" : "card-%s.pdf", number);
  chooser = gtk_file_chooser_native_new (document == MEMBER_DOCUMENT_STATEMENT ? _("Save Statement") : _("Save Card"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  request = g_new0 (DocumentRequest, 1);
  request->self = g_object_ref (self);
  request->document = document;
  request->member = g_object_ref (self->member);
  g_signal_connect (chooser, "response", G_CALLBACK (document_chosen_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Statement…: the member's whole account to today, as a PDF in their language. */
static void
acr_member_pane_statement (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  save_member_document (ACR_MEMBER_PANE (widget), MEMBER_DOCUMENT_STATEMENT);
}

/* Card…: this year's member card, a page the size of the card, in their language. */
static void
acr_member_pane_card (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  save_member_document (ACR_MEMBER_PANE (widget), MEMBER_DOCUMENT_CARD);
}

/* Create Invoice: a dialog with the year, the lines and the total, then Issue. */
static void
acr_member_pane_create_invoice (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  AcrBilling *billing = get_billing (self);
  AcrInvoiceCreateDialog *dialog;

  if (self->member == NULL || billing == NULL)
    return;

  dialog = acr_invoice_create_dialog_new (parent_window (widget), billing, self->member);
  g_signal_connect_object (dialog, "issued", G_CALLBACK (invoice_issued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refund_recorded_cb (AcrMemberPane *self,
                    AcrInvoice    *invoice,
                    AcrPayment    *refund)
{
  g_autofree char *amount = acr_money_format (-acr_payment_get_amount_cents (refund), NULL);
  g_autofree char *text = g_strdup_printf (_("Refund of %s recorded on invoice %s"), amount,
                                           acr_invoice_get_number (invoice));

  acr_window_toast_for (GTK_WIDGET (self), text);
  reload_member (self);
}

static void
acr_member_pane_refund_invoice (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  g_autoptr (GPtrArray) invoice = find_invoice (self, parameter);
  AcrPaymentDialog *dialog;

  if (invoice->len == 0 || get_billing (self) == NULL)
    return;

  dialog = acr_payment_dialog_new_refund (parent_window (widget), get_billing (self), g_ptr_array_index (invoice, 0));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (refund_recorded_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
credit_note_issued_cb (AcrMemberPane *self,
                       AcrInvoice    *note)
{
  g_autofree char *text = g_strdup_printf (_("Credit note %s issued: invoice %s cancelled"),
                                           acr_invoice_get_number (note), acr_invoice_get_reference_number (note));

  acr_window_toast_for (GTK_WIDGET (self), text);
  reload_member (self);
}

static void
acr_member_pane_credit_invoice (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  g_autoptr (GPtrArray) invoice = find_invoice (self, parameter);
  AcrCreditNoteDialog *dialog;

  if (invoice->len == 0 || get_billing (self) == NULL)
    return;

  dialog = acr_credit_note_dialog_new (parent_window (widget), get_billing (self), g_ptr_array_index (invoice, 0));
  g_signal_connect_object (dialog, "issued", G_CALLBACK (credit_note_issued_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
retired_cb (AcrMemberPane *self,
            guint          n_notes)
{
  if (n_notes > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Retirement recorded; %u credit note issued",
                                                            "Retirement recorded; %u credit notes issued", n_notes),
                                               n_notes);

      acr_window_toast_for (GTK_WIDGET (self), text);
    }
  else
    acr_window_toast_for (GTK_WIDGET (self), _("Retirement recorded"));
  reload_member (self);
}

/* Retire…: the notice date and what it does, from the core, before confirming. */
static void
acr_member_pane_retire (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  AcrBilling *billing = get_billing (self);
  AcrRetireDialog *dialog;

  if (self->member == NULL || billing == NULL)
    return;

  dialog = acr_retire_dialog_new (parent_window (widget), billing, self->member);
  g_signal_connect_object (dialog, "retired", G_CALLBACK (retired_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Second confirmation, with the reason that is recorded. */
static void
anonymise_confirmed_cb (AcrMemberPane    *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  GtkEditable *reason = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->member == NULL)
    return;
  if (!acr_anonymise_member (self->store, acr_member_get_number (self->member), gtk_editable_get_text (reason), &error))
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }
  text = g_strdup_printf (_("Member %07u anonymised"), acr_member_get_number (self->member));
  acr_window_toast_for (GTK_WIDGET (self), text);
  reload_member (self);
}

static void
anonymise_reason_changed_cb (AdwMessageDialog *dialog,
                             GtkEditable      *reason)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (reason));

  adw_message_dialog_set_response_enabled (dialog, "anonymise", *g_strstrip (text) != '\0');
}

static void
anonymise_first_confirmed_cb (AcrMemberPane *self)
{
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *reason;

  if (self->member == NULL)
    return;
  name = acr_member_dup_display_name (self->member);
  heading = g_strdup_printf (_("Anonymise %s for Good?"), name);
  dialog = acr_confirm (GTK_WIDGET (self), heading,
                        _("This cannot be undone. Say why (the person’s request and its date): it is recorded with "
                          "your name and the time."),
                        "anonymise", _("_Anonymise"), ACR_CONFIRM_DESTRUCTIVE,
                        G_CALLBACK (anonymise_confirmed_cb), self);
  reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (dialog, reason);
  adw_message_dialog_set_response_enabled (dialog, "anonymise", FALSE);
  g_signal_connect_object (reason, "changed", G_CALLBACK (anonymise_reason_changed_cb), dialog, G_CONNECT_SWAPPED);
}

static void
acr_member_pane_anonymise (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;

  if (self->member == NULL)
    return;

  name = acr_member_dup_display_name (self->member);
  heading = g_strdup_printf (_("Anonymise %s?"), name);
  acr_confirm (widget, heading,
               _("Their personal data is replaced and scrubbed from the history, their application and their "
                 "invoices; amounts, dates and numbers stay, under the name “Anonymised member”. Their status "
                 "becomes resigned. Old backups keep the data until they age out."),
               "continue", _("C_ontinue…"), ACR_CONFIRM_DESTRUCTIVE,
               G_CALLBACK (anonymise_first_confirmed_cb), self);
}

static void
acr_member_pane_dispose (GObject *object)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_MEMBER_PANE);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->member);
  g_clear_pointer (&self->invoices, g_ptr_array_unref);
  g_clear_object (&self->billing);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);

  G_OBJECT_CLASS (acr_member_pane_parent_class)->dispose (object);
}

static void
acr_member_pane_finalize (GObject *object)
{
  AcrMemberPane *self = ACR_MEMBER_PANE (object);

  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_member_pane_parent_class)->finalize (object);
}

static void
acr_member_pane_class_init (AcrMemberPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_member_pane_dispose;
  object_class->finalize = acr_member_pane_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-member-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, detail_number_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, detail_name_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, detail_category_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, facts_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, invoices_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, invoices_list);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, history_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberPane, history_list);

  /* "members." as on the page around it: the buttons and the tests name them so. */
  gtk_widget_class_install_action (widget_class, "members.edit", NULL, acr_member_pane_edit);
  gtk_widget_class_install_action (widget_class, "members.create-invoice", NULL, acr_member_pane_create_invoice);
  gtk_widget_class_install_action (widget_class, "members.open-invoice", "s", acr_member_pane_open_invoice);
  gtk_widget_class_install_action (widget_class, "members.print-invoice", "s", acr_member_pane_print_invoice);
  gtk_widget_class_install_action (widget_class, "members.export-invoice", "s", acr_member_pane_export_invoice);
  gtk_widget_class_install_action (widget_class, "members.retire", NULL, acr_member_pane_retire);
  gtk_widget_class_install_action (widget_class, "members.statement", NULL, acr_member_pane_statement);
  gtk_widget_class_install_action (widget_class, "members.card", NULL, acr_member_pane_card);
  gtk_widget_class_install_action (widget_class, "members.anonymise", NULL, acr_member_pane_anonymise);
  gtk_widget_class_install_action (widget_class, "members.refund-invoice", "s", acr_member_pane_refund_invoice);
  gtk_widget_class_install_action (widget_class, "members.credit-invoice", "s", acr_member_pane_credit_invoice);
}

static void
acr_member_pane_init (AcrMemberPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->detail_rows = g_ptr_array_new ();
  self->store_signals = g_signal_group_new (ACR_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "committed", G_CALLBACK (store_committed_cb),
                                 self, G_CONNECT_SWAPPED);
  update_member_actions (self);
}

void
acr_member_pane_set_store (AcrMemberPane *self,
                           AcrStore      *store)
{
  g_return_if_fail (ACR_IS_MEMBER_PANE (self));
  g_return_if_fail (store == NULL || ACR_IS_STORE (store));

  show_member (self, NULL);
  g_clear_object (&self->billing);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  update_member_actions (self);
}

void
acr_member_pane_set_rules (AcrMemberPane *self,
                           AcrRules      *rules)
{
  g_return_if_fail (ACR_IS_MEMBER_PANE (self));

  if (!g_set_object (&self->rules, rules))
    return;

  g_clear_object (&self->billing);

  /* Category names and invoices follow the rules: show the member again. */
  if (self->member != NULL)
    {
      g_autoptr (AcrMember) member = g_object_ref (self->member);

      show_member (self, member);
    }
  else
    update_member_actions (self);
}

/**
 * acr_member_pane_get_member:
 *
 * Returns: (transfer none) (nullable): the member shown
 */
AcrMember *
acr_member_pane_get_member (AcrMemberPane *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_PANE (self), NULL);

  return self->member;
}

/**
 * acr_member_pane_set_member:
 * @member: (nullable): the member to show, as read from the pane's store
 */
void
acr_member_pane_set_member (AcrMemberPane *self,
                            AcrMember     *member)
{
  g_return_if_fail (ACR_IS_MEMBER_PANE (self));
  g_return_if_fail (member == NULL || self->store != NULL);

  show_member (self, member);
}
