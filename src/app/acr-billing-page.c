#define G_LOG_DOMAIN "acr-billing-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing-page.h"
#include "acr-billing-run.h"
#include "acr-confirm.h"
#include "acr-format.h"
#include "acr-invoice-documents.h"
#include "acr-invoice-list.h"
#include "acr-money.h"
#include "acr-payment-dialog.h"
#include "acr-window.h"

/*
 * Billing: choose the membership year, see the dry run (by category, with
 * placeholders flagged), start the run (in a thread, with progress
 * and Cancel), then work with the invoices the AcrInvoiceList shows
 * (search and status filter): open as PDF, print, export, record a
 * payment, void. AcrBilling and AcrBillingRun decide everything; this
 * page shows and asks.
 */

struct _AcrBillingPage
{
  GtkWidget             parent_instance;

  AcrStore             *store;
  AcrRules             *rules;
  AcrBilling           *billing;
  int                  *years;
  guint                 n_years;

  GCancellable         *preview_cancellable;
  gboolean              preview_stale;  /* wanted while the page was hidden */
  gboolean              changed_while_hidden; /* a commit elsewhere (a member's pane) */
  GSignalGroup         *store_signals;  /* follow the store the page shows */
  gboolean              can_print;      /* as last notified */
  GCancellable         *run_cancellable;
  AcrBillingRun        *run;            /* the real run while it works */
  AcrInvoice           *voiding;        /* asked about in the Void dialog */
  /* The last preview: what the confirmation tells, and whether Start is highlighted. */
  gboolean              preview_ready;
  guint                 preview_n_billed;
  gint64                preview_cents;
  guint                 preview_n_placeholder;
  gint64                preview_placeholder_cents;
  gboolean              accept_placeholders;  /* staff confirmed billing them */
  GtkEditable          *void_reason;    /* that dialog's reason row */

  GtkStack             *page_stack;
  AdwStatusPage        *unavailable_page;
  AdwLeaflet           *leaflet;
  AdwComboRow          *year_row;
  GtkStringList        *year_model;
  AdwPreferencesGroup  *preview_group;
  GtkStack             *preview_stack;
  GtkSpinner           *preview_spinner;
  GtkListBox           *category_list;
  GtkLabel             *total_count_label;
  GtkLabel             *total_amount_label;
  GtkLabel             *placeholder_label;
  GtkLabel             *skipped_label;
  GtkLabel             *preview_error_label;
  GtkButton            *start_button;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  AcrInvoiceList       *invoice_list;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CAN_PRINT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrBillingPage, acr_billing_page, GTK_TYPE_WIDGET)

static void refresh_preview (AcrBillingPage *self);

static GtkWindow *
parent_window (AcrBillingPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
category_name (AcrBillingPage *self,
               const char     *id)
{
  AcrCategory *category = self->rules != NULL && id != NULL ? acr_rules_lookup_category (self->rules, id) : NULL;

  return category != NULL ? acr_category_get_name (category) : (id != NULL ? id : "");
}

static gboolean
is_running (AcrBillingPage *self)
{
  return self->run != NULL;
}

static void
update_actions (AcrBillingPage *self)
{
  g_autoptr (GPtrArray) selected = acr_invoice_list_dup_selected (self->invoice_list);
  AcrInvoice *one = selected->len == 1 ? g_ptr_array_index (selected, 0) : NULL;
  gboolean is_invoice = one != NULL && acr_invoice_get_kind (one) == ACR_INVOICE_KIND_INVOICE;
  AcrInvoiceStatus status = one != NULL ? acr_invoice_get_status (one) : ACR_INVOICE_STATUS_VOID;
  gboolean usable = self->billing != NULL;
  gboolean can_print = usable && selected->len > 0;

  gboolean has_year = acr_billing_page_get_year (self) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.start",
                                 usable && !is_running (self) && has_year);
  /* The run is the suggested action only when it would bill someone. */
  if (usable && has_year && self->preview_ready && self->preview_n_billed > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.cancel", is_running (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.open-pdf", usable && one != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.print", usable && selected->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.export", usable && selected->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.record-payment",
                                 usable && is_invoice &&
                                 (status == ACR_INVOICE_STATUS_OPEN || status == ACR_INVOICE_STATUS_PARTIALLY_PAID));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.void",
                                 usable && is_invoice && status != ACR_INVOICE_STATUS_VOID);

  /* The window's Print Invoice follows this property. */
  if (self->can_print != can_print)
    {
      self->can_print = can_print;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAN_PRINT]);
    }
}

/* The invoices of the year chosen, read again. */
static gboolean
all_years_chosen (AcrBillingPage *self)
{
  guint selected = adw_combo_row_get_selected (self->year_row);

  return selected != GTK_INVALID_LIST_POSITION && selected == self->n_years;
}

static void
reload_invoices (AcrBillingPage *self)
{
  acr_invoice_list_set_billing (self->invoice_list, self->billing,
                                all_years_chosen (self) ? ACR_INVOICE_LIST_ALL_YEARS : acr_billing_page_get_year (self));
}

/* ---- preview (dry run) ---- */

/* A run works in a thread of its own on its own connection to the database:
 * the store's connection (and its prepared statements) belongs to the main
 * thread, which keeps reading members while the run goes on; SQLite's WAL
 * lets both proceed. */
static AcrBillingRun *
create_thread_run (AcrBillingPage  *self,
                   GError         **error)
{
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  GDate issued_on;

  store = acr_store_open (acr_store_get_location (self->store), error);
  if (store == NULL)
    return NULL;

  billing = acr_billing_new (store, self->rules);
  acr_date_today (&issued_on);

  return acr_billing_run_new (billing, acr_billing_page_get_year (self), &issued_on);
}

static GtkWidget *
create_category_row (AcrBillingPage              *self,
                     const AcrBillingRunCategory *category)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = acr_money_format (category->total_cents, NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *members = acr_format_count (category->n_members);
  g_autofree char *placeholders = acr_format_count (category->n_placeholder);
  GtkWidget *label = gtk_label_new (amount);

  if (category->n_placeholder > 0)
    subtitle = g_strdup_printf (g_dngettext (NULL, "%s member, %s with placeholder amounts",
                                             "%s members, %s with placeholder amounts", category->n_members),
                                members, placeholders);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%s member", "%s members", category->n_members), members);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category_name (self, category->category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  if (category->n_placeholder > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("Placeholder amounts: load the College’s official dues schedule before billing"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

/* Why members are not billed, in staff's words. */
static char *
describe_skip (AcrBillingPage               *self,
               const AcrBillingRunSkipCount *skip,
               int                           year)
{
  switch (skip->kind)
    {
    case ACR_BILLING_RUN_SKIP_NOT_ACTIVE:
      /* Translators: %s is a member status such as “Applicant” or “Retired” */
      return g_strdup_printf (_("Not an active member (%s)"), acr_format_status (skip->detail));
    case ACR_BILLING_RUN_SKIP_ALREADY_BILLED:
      return g_strdup_printf (_("Already billed for %d"), year);
    case ACR_BILLING_RUN_SKIP_CANCELLED:
      return g_strdup_printf (_("Invoice for %d voided or credited (bill them from the member)"), year);
    case ACR_BILLING_RUN_SKIP_OWES_NOTHING:
      if (skip->detail == NULL)
        return g_strdup (_("Eligible for no category on January 1"));
      /* Translators: %s is a membership category such as “Member-in-training” */
      return g_strdup_printf (_("Owes no dues (%s)"), category_name (self, skip->detail));
    case ACR_BILLING_RUN_SKIP_NOTHING_TO_BILL:
      return g_strdup (_("Nothing to bill after discounts and refunds"));
    case ACR_BILLING_RUN_SKIP_CANNOT_QUOTE:
      return g_strdup (_("Dues cannot be worked out (see the member’s record)"));
    case ACR_BILLING_RUN_SKIP_PLACEHOLDER:
      return g_strdup (_("Placeholder amounts not accepted"));
    default:
      g_assert_not_reached ();
    }
}

static void
show_preview (AcrBillingPage *self,
              AcrBillingRun  *run)
{
  GPtrArray *categories = acr_billing_run_get_categories (run);
  g_autoptr (GPtrArray) skips = acr_billing_run_dup_skip_summary (run);
  g_autoptr (GString) skipped = g_string_new (NULL);
  g_autofree char *count = NULL;
  g_autofree char *n_text = NULL;
  g_autofree char *amount = NULL;
  guint n_placeholder = acr_billing_run_get_n_placeholder (run);
  GtkWidget *child;

  self->preview_ready = TRUE;
  self->preview_n_billed = acr_billing_run_get_n_billed (run);
  self->preview_cents = acr_billing_run_get_billed_cents (run);
  self->preview_n_placeholder = n_placeholder;
  self->preview_placeholder_cents = acr_billing_run_get_placeholder_cents (run);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_list))) != NULL)
    gtk_list_box_remove (self->category_list, child);

  for (guint i = 0; i < categories->len; i++)
    gtk_list_box_append (self->category_list, create_category_row (self, g_ptr_array_index (categories, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->category_list), categories->len > 0);

  n_text = acr_format_count (acr_billing_run_get_n_billed (run));
  count = g_strdup_printf (g_dngettext (NULL, "Would bill %s member", "Would bill %s members",
                                        acr_billing_run_get_n_billed (run)),
                           n_text);
  amount = acr_money_format (acr_billing_run_get_billed_cents (run), NULL);
  gtk_label_set_text (self->total_count_label, count);
  gtk_label_set_text (self->total_amount_label, amount);

  if (n_placeholder > 0)
    {
      g_autofree char *n = acr_format_count (n_placeholder);
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL,
                                                            "%s invoice would use placeholder amounts: load the College’s official dues schedule first.",
                                                            "%s invoices would use placeholder amounts: load the College’s official dues schedule first.",
                                                            n_placeholder),
                                               n);

      gtk_label_set_text (self->placeholder_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), n_placeholder > 0);

  for (guint i = 0; i < skips->len; i++)
    {
      const AcrBillingRunSkipCount *skip = g_ptr_array_index (skips, i);
      g_autofree char *why = describe_skip (self, skip, acr_billing_run_get_year (run));
      g_autofree char *n = acr_format_count (skip->count);

      /* Translators: a reason members are not billed, and how many */
      g_string_append_printf (skipped, "%s", skipped->len > 0 ? "\n" : "");
      g_string_append_printf (skipped, _("%s: %s"), why, n);
    }
  if (skipped->len > 0)
    g_string_prepend (skipped, _("Not billed:\n"));
  gtk_label_set_text (self->skipped_label, skipped->str);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), skipped->len > 0);

  gtk_stack_set_visible_child_name (self->preview_stack, "summary");
  update_actions (self);
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (AcrBillingPage) self = user_data;
  AcrBillingRun *run = ACR_BILLING_RUN (object);
  g_autoptr (GError) error = NULL;

  /* The window may have closed meanwhile (dispose cancels and clears the
   * widgets), or a newer preview replaced this one (cancelled it). */
  if (!acr_billing_run_execute_finish (run, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->preview_stack == NULL)
        return;
      gtk_spinner_stop (self->preview_spinner);
      gtk_label_set_text (self->preview_error_label, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }

  gtk_spinner_stop (self->preview_spinner);
  show_preview (self, run);
}

static void
refresh_preview (AcrBillingPage *self)
{
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GError) error = NULL;
  int year = acr_billing_page_get_year (self);

  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_ready = FALSE;
  update_actions (self);

  if (self->billing != NULL && year == 0 && all_years_chosen (self))
    {
      gtk_spinner_stop (self->preview_spinner);
      gtk_label_set_text (self->preview_error_label, _("Choose a membership year to see who would be billed."));
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }
  if (self->billing == NULL || year == 0 || is_running (self))
    return;

  /* A dry run reads every member: at a million that is seconds of a core
   * taken from the lookup staff are typing in. Only when it is looked at. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->preview_stale = TRUE;
      gtk_spinner_stop (self->preview_spinner);
      gtk_stack_set_visible_child_name (self->preview_stack, "computing");
      return;
    }
  self->preview_stale = FALSE;

  run = create_thread_run (self, &error);
  if (run == NULL)
    {
      gtk_label_set_text (self->preview_error_label, error->message);
      gtk_stack_set_visible_child_name (self->preview_stack, "error");
      return;
    }
  self->preview_cancellable = g_cancellable_new ();

  gtk_stack_set_visible_child_name (self->preview_stack, "computing");
  gtk_spinner_start (self->preview_spinner);

  acr_billing_run_execute_async (run, TRUE, self->preview_cancellable, preview_done_cb, g_object_ref (self));
}

/* ---- the real run ---- */

/* In the main context (see acr_billing_run_execute_async ()). */
static void
run_progress_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  AcrBillingPage *self = user_data;
  g_autofree char *text = NULL;

  /* Closed while running: the widgets are gone. */
  if (self->progress_bar == NULL)
    return;

  text = g_strdup_printf (_("%u of %u members"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (AcrBillingPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *amount = NULL;
  gboolean ok = acr_billing_run_execute_finish (ACR_BILLING_RUN (object), result, &error);
  guint n_billed;

  acr_billing_run_set_progress_func (self->run, NULL, NULL);

  /* Closed while running: the committed batches are kept; nothing to show. */
  if (self->progress_bar == NULL)
    {
      g_clear_object (&self->run);
      return;
    }

  n_billed = acr_billing_run_get_n_billed (self->run);
  amount = acr_money_format (acr_billing_run_get_billed_cents (self->run), NULL);

  if (ok)
    text = g_strdup_printf (g_dngettext (NULL, "%u invoice issued for %d, %s in all",
                                         "%u invoices issued for %d, %s in all", n_billed),
                            n_billed, acr_billing_run_get_year (self->run), amount);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf (g_dngettext (NULL, "Billing run cancelled: %u invoice was kept; running it again finishes the rest",
                                         "Billing run cancelled: %u invoices were kept; running it again finishes the rest", n_billed),
                            n_billed);
  else
    text = g_strdup_printf (_("The billing run stopped: %s"), error->message);

  g_clear_object (&self->run);
  g_clear_object (&self->run_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);

  acr_window_toast_for (GTK_WIDGET (self), text);
  /* The run wrote on a connection of its own: the views of this one (balances) catch up. */
  if (self->store != NULL)
    acr_store_notice_other_commits (self->store);
  reload_invoices (self);
  refresh_preview (self);
  update_actions (self);
}

static void
start_run (AcrBillingPage *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (!is_running (self));

  /* The preview would race the run for the same members. */
  g_cancellable_cancel (self->preview_cancellable);

  self->run = create_thread_run (self, &error);
  if (self->run == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }
  self->run_cancellable = g_cancellable_new ();

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), FALSE);

  /* Only what staff confirmed: placeholders named in the confirmation. */
  acr_billing_run_set_accept_placeholders (self->run, self->accept_placeholders);
  self->accept_placeholders = FALSE;
  acr_billing_run_set_progress_func (self->run, run_progress_cb, self);
  acr_billing_run_execute_async (self->run, FALSE, self->run_cancellable, run_done_cb, g_object_ref (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  update_actions (self);
}

static void
start_confirmed_cb (AcrBillingPage *self)
{
  if (!is_running (self) && self->billing != NULL)
    start_run (self);
}

static void
acr_billing_page_start (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  int year = acr_billing_page_get_year (self);
  g_autofree char *heading = g_strdup_printf (_("Bill %d Dues?"), year);
  g_autoptr (GString) body = g_string_new (NULL);
  const char *never_edited = _("Issued invoices are never edited: a mistake is corrected by voiding or a credit note.");

  if (year == 0)
    return;

  self->accept_placeholders = FALSE;
  if (!self->preview_ready)
    {
      g_string_append (body, _("Every active member who owes dues for the year and has no invoice for it yet gets one."));
      g_string_append_printf (body, " %s", never_edited);
      acr_confirm (widget, heading, body->str, "bill", _("_Start Billing"), ACR_CONFIRM_SUGGESTED,
                   G_CALLBACK (start_confirmed_cb), self);
      return;
    }

  {
    g_autofree char *count = acr_format_count (self->preview_n_billed);
    g_autofree char *total = acr_money_format (self->preview_cents, NULL);

    g_string_append_printf (body, g_dngettext (NULL, "%s invoice will be issued, %s in all.",
                                               "%s invoices will be issued, %s in all.", self->preview_n_billed),
                            count, total);
  }

  if (self->preview_n_placeholder == 0)
    {
      g_string_append_printf (body, " %s", never_edited);
      acr_confirm (widget, heading, body->str, "bill", _("_Start Billing"), ACR_CONFIRM_SUGGESTED,
                   G_CALLBACK (start_confirmed_cb), self);
      return;
    }

  {
    g_autofree char *count = acr_format_count (self->preview_n_placeholder);
    g_autofree char *total = acr_money_format (self->preview_placeholder_cents, NULL);

    g_string_append (body, " ");
    g_string_append_printf (body, g_dngettext (NULL,
                                               "%s of them uses placeholder amounts (%s in placeholder lines), "
                                               "not the College’s official dues.",
                                               "%s of them use placeholder amounts (%s in placeholder lines), "
                                               "not the College’s official dues.",
                                               self->preview_n_placeholder),
                            count, total);
    g_string_append_printf (body, " %s",
                            _("Issued invoices are never edited: these amounts can only be corrected by credit notes. "
                              "Load the official dues schedule in Preferences first, unless the placeholders are meant."));
  }

  /* Confirming this dialog is the explicit acceptance the run requires. */
  self->accept_placeholders = TRUE;
  acr_confirm (widget, heading, body->str, "bill", _("_Bill With Placeholder Amounts"), ACR_CONFIRM_DESTRUCTIVE,
               G_CALLBACK (start_confirmed_cb), self);
}

static void
acr_billing_page_cancel (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);

  g_cancellable_cancel (self->run_cancellable);
}

/* ---- the year shown ---- */

static void
year_changed_cb (AcrBillingPage *self)
{
  reload_invoices (self);
  refresh_preview (self);
}

/* ---- documents ---- */

static void
acr_billing_page_open_pdf (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = acr_invoice_list_dup_selected (self->invoice_list);
  g_autoptr (GError) error = NULL;

  if (selected->len > 0 && !acr_invoice_documents_open_pdf (widget, g_ptr_array_index (selected, 0), &error))
    acr_window_toast_for (GTK_WIDGET (self), error->message);
}

void
acr_billing_page_print_selected (AcrBillingPage *self)
{
  g_autoptr (GPtrArray) selected = NULL;

  g_return_if_fail (ACR_IS_BILLING_PAGE (self));

  selected = acr_invoice_list_dup_selected (self->invoice_list);
  acr_invoice_documents_print (GTK_WIDGET (self), selected);
}

static void
acr_billing_page_print (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  acr_billing_page_print_selected (ACR_BILLING_PAGE (widget));
}

static void
acr_billing_page_export (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = acr_invoice_list_dup_selected (self->invoice_list);
  g_autofree char *combined_name = g_strdup_printf ("invoices-%d.pdf", acr_billing_page_get_year (self));

  acr_invoice_documents_export (widget, selected, combined_name);
}

/* ---- payments and voiding ---- */

static void
payment_recorded_cb (AcrPaymentDialog *dialog,
                     AcrInvoice       *updated,
                     AcrPayment       *payment,
                     AcrBillingPage   *self)
{
  AcrInvoice *invoice = acr_payment_dialog_get_invoice (dialog);
  g_autofree char *amount = acr_money_format (acr_payment_get_amount_cents (payment), NULL);
  g_autofree char *text = g_strdup_printf (_("Payment of %s recorded on %s"), amount, acr_invoice_get_number (invoice));

  acr_window_toast_for (GTK_WIDGET (self), text);
  acr_invoice_list_replace (self->invoice_list, invoice, updated);
}

static GtkWidget *
create_form_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static void
acr_billing_page_record_payment (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = acr_invoice_list_dup_selected (self->invoice_list);
  AcrPaymentDialog *dialog;

  if (selected->len != 1 || self->billing == NULL)
    return;

  dialog = acr_payment_dialog_new (parent_window (self), self->billing, g_ptr_array_index (selected, 0));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (payment_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
void_confirmed_cb (AcrBillingPage *self)
{
  g_autoptr (AcrInvoice) invoice = g_steal_pointer (&self->voiding);
  g_autoptr (AcrInvoice) updated = NULL;
  g_autoptr (GError) error = NULL;
  const char *reason;

  if (invoice == NULL || self->void_reason == NULL)
    return;
  reason = gtk_editable_get_text (self->void_reason);
  updated = acr_billing_void_invoice (self->billing, acr_invoice_get_number (invoice),
                                      reason[0] != '\0' ? reason : NULL, &error);
  if (updated == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  {
    g_autofree char *text = g_strdup_printf (_("Invoice %s voided"), acr_invoice_get_number (invoice));

    acr_window_toast_for (GTK_WIDGET (self), text);
  }
  acr_invoice_list_replace (self->invoice_list, invoice, updated);
}

static void
acr_billing_page_void (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = acr_invoice_list_dup_selected (self->invoice_list);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  AcrInvoice *invoice;
  GtkWidget *list, *reason;

  if (selected->len != 1)
    return;
  invoice = g_ptr_array_index (selected, 0);
  heading = g_strdup_printf (_("Void Invoice %s?"), acr_invoice_get_number (invoice));

  list = create_form_list ();
  reason = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), reason);

  g_set_object (&self->voiding, invoice);
  g_set_weak_pointer (&self->void_reason, GTK_EDITABLE (reason));
  dialog = acr_confirm (widget, heading,
                        _("A void invoice stays in the records with its number and is owed by no one. "
                          "An invoice with money held cannot be voided until the money is refunded."),
                        "void", _("_Void"), ACR_CONFIRM_DESTRUCTIVE,
                        G_CALLBACK (void_confirmed_cb), self);
  adw_message_dialog_set_extra_child (dialog, list);
}

static void
acr_billing_page_show_invoices (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (ACR_BILLING_PAGE (widget)->leaflet, "invoices");
}

static void
acr_billing_page_show_run (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (ACR_BILLING_PAGE (widget)->leaflet, "run");
}

/*
 * The years offered: those of the rules, those that have invoices, this
 * year and the next (acr_billing_list_years ()), then “All years” for the
 * invoice list. The year chosen stays chosen; otherwise the latest year up
 * to next year that the rules can bill (billing is usually done ahead).
 */
static void
fill_years (AcrBillingPage *self)
{
  g_autoptr (GError) error = NULL;
  int previous = acr_billing_page_get_year (self);
  gboolean was_all = self->n_years > 0 && all_years_chosen (self);
  guint chosen = GTK_INVALID_LIST_POSITION;
  GDate today;
  int next_year;

  acr_date_today (&today);
  next_year = g_date_get_year (&today) + 1;

  g_clear_pointer (&self->years, g_free);
  self->n_years = 0;
  if (self->billing != NULL)
    self->years = acr_billing_list_years (self->billing, &today, &self->n_years, &error);
  if (self->years == NULL && self->rules != NULL)
    {
      if (error != NULL)
        g_warning ("the years with invoices could not be read: %s", error->message);
      self->years = acr_rules_list_years (self->rules, &self->n_years);
    }

  g_signal_handlers_block_by_func (self->year_row, year_changed_cb, self);
  gtk_string_list_splice (self->year_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_model)), NULL);
  for (guint i = 0; i < self->n_years; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->years[i]);

      gtk_string_list_append (self->year_model, text);
      if (self->years[i] == previous)
        chosen = i;
    }
  if (self->n_years > 0)
    gtk_string_list_append (self->year_model, _("All years"));

  if (was_all)
    chosen = self->n_years;
  for (guint i = 0; chosen == GTK_INVALID_LIST_POSITION && i < self->n_years; i++)
    if (self->years[self->n_years - 1 - i] <= next_year && self->rules != NULL &&
        acr_rules_has_year (self->rules, self->years[self->n_years - 1 - i]))
      chosen = self->n_years - 1 - i;
  if (chosen == GTK_INVALID_LIST_POSITION && self->n_years > 0)
    chosen = 0;
  adw_combo_row_set_selected (self->year_row, chosen);
  g_signal_handlers_unblock_by_func (self->year_row, year_changed_cb, self);
}

static void
invoice_selection_changed_cb (AcrBillingPage *self)
{
  update_actions (self);
}

static void
acr_billing_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, acr_billing_page_get_busy (self));
      break;
    case PROP_CAN_PRINT:
      g_value_set_boolean (value, acr_billing_page_get_can_print (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_billing_page_dispose (GObject *object)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->preview_cancellable);
  g_cancellable_cancel (self->run_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_BILLING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->billing);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_object (&self->voiding);
  g_clear_weak_pointer (&self->void_reason);

  G_OBJECT_CLASS (acr_billing_page_parent_class)->dispose (object);
}

static void
acr_billing_page_map (GtkWidget *widget)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);

  GTK_WIDGET_CLASS (acr_billing_page_parent_class)->map (widget);

  if (self->changed_while_hidden)
    {
      /* An invoice or payment from the member pane: the list and the dry run follow. */
      self->changed_while_hidden = FALSE;
      reload_invoices (self);
      refresh_preview (self);
    }
  else if (self->preview_stale)
    refresh_preview (self);
}

/* While the page is shown its own actions keep the list current; a reload
 * here would read every invoice of the year after each payment. */
static void
store_committed_cb (AcrBillingPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->changed_while_hidden = TRUE;
}

static void
acr_billing_page_finalize (GObject *object)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (object);

  g_clear_pointer (&self->years, g_free);

  G_OBJECT_CLASS (acr_billing_page_parent_class)->finalize (object);
}

static void
acr_billing_page_class_init (AcrBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = acr_billing_page_get_property;
  object_class->dispose = acr_billing_page_dispose;
  object_class->finalize = acr_billing_page_finalize;

  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CAN_PRINT] =
    g_param_spec_boolean ("can-print", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = acr_billing_page_map;

  g_type_ensure (ACR_TYPE_INVOICE_LIST);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-billing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, year_model);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, category_list);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, total_count_label);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, total_amount_label);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, preview_error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoice_list);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invoice_selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "billing.start", NULL, acr_billing_page_start);
  gtk_widget_class_install_action (widget_class, "billing.cancel", NULL, acr_billing_page_cancel);
  gtk_widget_class_install_action (widget_class, "billing.open-pdf", NULL, acr_billing_page_open_pdf);
  gtk_widget_class_install_action (widget_class, "billing.print", NULL, acr_billing_page_print);
  gtk_widget_class_install_action (widget_class, "billing.export", NULL, acr_billing_page_export);
  gtk_widget_class_install_action (widget_class, "billing.record-payment", NULL, acr_billing_page_record_payment);
  gtk_widget_class_install_action (widget_class, "billing.void", NULL, acr_billing_page_void);
  gtk_widget_class_install_action (widget_class, "billing.show-run", NULL, acr_billing_page_show_run);
  gtk_widget_class_install_action (widget_class, "billing.show-invoices", NULL, acr_billing_page_show_invoices);
}

static void
acr_billing_page_init (AcrBillingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (ACR_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "committed", G_CALLBACK (store_committed_cb),
                                 self, G_CONNECT_SWAPPED);

  acr_billing_page_set_store (self, NULL, NULL);
}

static void
rebuild_billing (AcrBillingPage *self)
{
  g_clear_object (&self->billing);
  if (self->store != NULL && self->rules != NULL)
    self->billing = acr_billing_new (self->store, self->rules);
  fill_years (self);

  gtk_stack_set_visible_child_name (self->page_stack, self->billing != NULL ? "billing" : "unavailable");
  reload_invoices (self);
  refresh_preview (self);
  update_actions (self);
}

/**
 * acr_billing_page_set_store:
 * @store: (nullable): the member store, which keeps the invoices
 * @error: (nullable): why there is none
 */
void
acr_billing_page_set_store (AcrBillingPage *self,
                            AcrStore       *store,
                            const GError   *error)
{
  g_return_if_fail (ACR_IS_BILLING_PAGE (self));

  if (is_running (self))
    return;

  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  self->changed_while_hidden = FALSE;
  adw_status_page_set_description (self->unavailable_page,
                                   error != NULL ? error->message : _("No member database is open."));
  rebuild_billing (self);
}

void
acr_billing_page_set_rules (AcrBillingPage *self,
                            AcrRules       *rules)
{
  g_return_if_fail (ACR_IS_BILLING_PAGE (self));

  if (is_running (self) || !g_set_object (&self->rules, rules))
    return;

  rebuild_billing (self);
}

int
acr_billing_page_get_year (AcrBillingPage *self)
{
  guint selected;

  g_return_val_if_fail (ACR_IS_BILLING_PAGE (self), 0);

  selected = adw_combo_row_get_selected (self->year_row);
  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->n_years)
    return 0;

  return self->years[selected];
}

gboolean
acr_billing_page_set_year (AcrBillingPage *self,
                           int             year)
{
  g_return_val_if_fail (ACR_IS_BILLING_PAGE (self), FALSE);

  for (guint i = 0; i < self->n_years; i++)
    {
      if (self->years[i] == year)
        {
          adw_combo_row_set_selected (self->year_row, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * acr_billing_page_get_busy:
 *
 * Returns: whether a billing run or its preview is working
 */
gboolean
acr_billing_page_get_busy (AcrBillingPage *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_PAGE (self), FALSE);

  /* A preview waiting for the page to be shown is not working yet. */
  return is_running (self) || gtk_spinner_get_spinning (self->preview_spinner);
}

/**
 * acr_billing_page_get_can_print:
 *
 * Returns: whether invoices are selected to print (#AcrBillingPage:can-print)
 */
gboolean
acr_billing_page_get_can_print (AcrBillingPage *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_PAGE (self), FALSE);

  return self->can_print;
}

/**
 * acr_billing_page_get_invoices:
 *
 * Returns: (transfer none): the invoices shown, after the search
 */
GListModel *
acr_billing_page_get_invoices (AcrBillingPage *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_PAGE (self), NULL);

  return acr_invoice_list_get_shown (self->invoice_list);
}

/**
 * acr_billing_page_focus_search:
 *
 * Ctrl+F in Billing: the focus goes to the invoice search.
 */
void
acr_billing_page_focus_search (AcrBillingPage *self)
{
  g_return_if_fail (ACR_IS_BILLING_PAGE (self));

  acr_invoice_list_focus_search (self->invoice_list);
}
