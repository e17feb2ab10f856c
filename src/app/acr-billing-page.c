#define G_LOG_DOMAIN "acr-billing-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing-page.h"
#include "acr-billing-run.h"
#include "acr-format.h"
#include "acr-invoice-documents.h"
#include "acr-money.h"
#include "acr-payment-dialog.h"
#include "acr-window.h"

/*
 * Billing: choose the membership year, see the dry run (by category, with
 * placeholders flagged), start the run (in a thread, with progress
 * and Cancel), then work with the invoices: search and status filter,
 * open as PDF, print, export, record a payment, void. AcrBilling and
 * AcrBillingRun decide everything; this page shows and asks.
 */

typedef enum
{
  INVOICE_COLUMN_NUMBER,
  INVOICE_COLUMN_MEMBER,
  INVOICE_COLUMN_NAME,
  INVOICE_COLUMN_STATUS,
  INVOICE_COLUMN_TOTAL,
  INVOICE_COLUMN_BALANCE,
} InvoiceColumn;

struct _AcrBillingPage
{
  GtkWidget             parent_instance;

  AcrStore             *store;
  AcrRules             *rules;
  AcrBilling           *billing;
  int                  *years;
  guint                 n_years;

  GListStore           *invoices;
  GtkCustomFilter      *search_filter;
  GtkFilterListModel   *filtered;
  GtkMultiSelection    *selection;
  char                 *search_text;    /* casefolded */

  GCancellable         *preview_cancellable;
  gboolean              preview_stale;  /* wanted while the page was hidden */
  gboolean              changed_while_hidden; /* a commit elsewhere (a member's pane) */
  GSignalGroup         *store_signals;  /* follow the store the page shows */
  gboolean              can_print;      /* as last notified */
  GCancellable         *run_cancellable;
  AcrBillingRun        *run;            /* the real run while it works */

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
  GtkSearchEntry       *invoice_search;
  GtkDropDown          *status_dropdown;
  GtkStack             *invoice_stack;
  AdwStatusPage        *invoices_empty_page;
  GtkColumnView        *invoice_view;
  GtkLabel             *invoice_count_label;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_CAN_PRINT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrBillingPage, acr_billing_page, GTK_TYPE_WIDGET)

static const char * const status_codes[] = { "open", "partially-paid", "paid", "void", "refunded", NULL };

static void refresh_preview (AcrBillingPage *self);
static void reload_invoices (AcrBillingPage *self);

static void
today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

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

static GPtrArray *
selected_invoices (AcrBillingPage *self)
{
  GPtrArray *invoices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return invoices;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (invoices, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return invoices;
}

static void
update_actions (AcrBillingPage *self)
{
  g_autoptr (GPtrArray) selected = selected_invoices (self);
  AcrInvoice *one = selected->len == 1 ? g_ptr_array_index (selected, 0) : NULL;
  gboolean is_invoice = one != NULL && acr_invoice_get_kind (one) == ACR_INVOICE_KIND_INVOICE;
  AcrInvoiceStatus status = one != NULL ? acr_invoice_get_status (one) : ACR_INVOICE_STATUS_VOID;
  gboolean usable = self->billing != NULL;
  gboolean can_print = usable && selected->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "billing.start",
                                 usable && !is_running (self) && self->n_years > 0);
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
  today (&issued_on);

  return acr_billing_run_new (billing, acr_billing_page_get_year (self), &issued_on);
}

static GtkWidget *
create_category_row (AcrBillingPage              *self,
                     const AcrBillingRunCategory *category)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = acr_money_format (category->total_cents, NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *label = gtk_label_new (amount);

  if (category->n_placeholder > 0)
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u member, %u with placeholder amounts",
                                             "%u members, %u with placeholder amounts", category->n_members),
                                category->n_members, category->n_placeholder);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "%u member", "%u members", category->n_members),
                                category->n_members);

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

static void
show_preview (AcrBillingPage *self,
              AcrBillingRun  *run)
{
  GPtrArray *categories = acr_billing_run_get_categories (run);
  GHashTable *skips = acr_billing_run_get_skip_counts (run);
  g_autoptr (GString) skipped = g_string_new (NULL);
  g_autofree char *count = NULL;
  g_autofree char *amount = NULL;
  g_autoptr (GList) keys = NULL;
  guint n_placeholder = acr_billing_run_get_n_placeholder (run);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->category_list))) != NULL)
    gtk_list_box_remove (self->category_list, child);

  for (guint i = 0; i < categories->len; i++)
    gtk_list_box_append (self->category_list, create_category_row (self, g_ptr_array_index (categories, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->category_list), categories->len > 0);

  count = g_strdup_printf (g_dngettext (NULL, "Would bill %u member", "Would bill %u members",
                                        acr_billing_run_get_n_billed (run)),
                           acr_billing_run_get_n_billed (run));
  amount = acr_money_format (acr_billing_run_get_billed_cents (run), NULL);
  gtk_label_set_text (self->total_count_label, count);
  gtk_label_set_text (self->total_amount_label, amount);

  if (n_placeholder > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL,
                                                            "%u invoice would use placeholder amounts: load the College’s official dues schedule first.",
                                                            "%u invoices would use placeholder amounts: load the College’s official dues schedule first.",
                                                            n_placeholder),
                                               n_placeholder);

      gtk_label_set_text (self->placeholder_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), n_placeholder > 0);

  keys = g_hash_table_get_keys (skips);
  keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    g_string_append_printf (skipped, "%s%s: %u", skipped->len > 0 ? "\n" : "",
                            (const char *) l->data,
                            GPOINTER_TO_UINT (g_hash_table_lookup (skips, l->data)));
  if (skipped->len > 0)
    g_string_prepend (skipped, _("Not billed:\n"));
  gtk_label_set_text (self->skipped_label, skipped->str);
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), skipped->len > 0);

  gtk_stack_set_visible_child_name (self->preview_stack, "summary");
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

  acr_billing_run_set_progress_func (self->run, run_progress_cb, self);
  acr_billing_run_execute_async (self->run, FALSE, self->run_cancellable, run_done_cb, g_object_ref (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
  update_actions (self);
}

static void
start_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   AcrBillingPage   *self)
{
  if (g_strcmp0 (response, "bill") == 0 && !is_running (self) && self->billing != NULL)
    start_run (self);
}

static void
acr_billing_page_start (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autofree char *heading = g_strdup_printf (_("Bill %d Dues?"), acr_billing_page_get_year (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("Every active member who owes dues for the year and has no invoice for it yet gets one. "
                                     "Issued invoices are never edited: a mistake is corrected by voiding or a credit note."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "bill", _("_Start Billing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "bill", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (start_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
acr_billing_page_cancel (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);

  g_cancellable_cancel (self->run_cancellable);
}

/* ---- invoices ---- */

static void
update_invoice_state (AcrBillingPage *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->invoices));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = g_strdup_printf (g_dngettext (NULL, "%u invoice", "%u invoices", n), n);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->invoice_stack, "list");
  else if (n_all == 0 && gtk_drop_down_get_selected (self->status_dropdown) == 0)
    gtk_stack_set_visible_child_name (self->invoice_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->invoice_stack, "no-results");

  gtk_label_set_text (self->invoice_count_label, n > 0 ? count : "");
  update_actions (self);
}

static void
reload_invoices (AcrBillingPage *self)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  AcrInvoiceFilter filter = {
    .year = acr_billing_page_get_year (self),
    .status = status > 0 && status != GTK_INVALID_LIST_POSITION ? status_codes[status - 1] : NULL,
  };

  if (self->billing == NULL || filter.year == 0)
    {
      g_list_store_remove_all (self->invoices);
      update_invoice_state (self);
      return;
    }

  list = acr_billing_list_invoices (self->billing, &filter, &error);
  if (list == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      list = g_ptr_array_new ();
    }

  g_list_store_splice (self->invoices, 0, g_list_model_get_n_items (G_LIST_MODEL (self->invoices)),
                       list->pdata, list->len);

  {
    g_autofree char *description = g_strdup_printf (_("Start the billing run for %d to issue its invoices."), filter.year);

    adw_status_page_set_description (self->invoices_empty_page, description);
  }
  update_invoice_state (self);
}

static gboolean
invoice_matches (gpointer item,
                 gpointer user_data)
{
  AcrBillingPage *self = user_data;
  AcrInvoice *invoice = item;
  g_autofree char *name = NULL;

  if (self->search_text == NULL || self->search_text[0] == '\0')
    return TRUE;

  if (strstr (acr_invoice_get_number (invoice), self->search_text) != NULL)
    return TRUE;
  if (acr_invoice_get_member_number (invoice) != NULL &&
      strstr (acr_invoice_get_member_number (invoice), self->search_text) != NULL)
    return TRUE;

  name = g_utf8_casefold (acr_invoice_get_member_name (invoice) ? acr_invoice_get_member_name (invoice) : "", -1);
  return strstr (name, self->search_text) != NULL;
}

static void
invoice_search_changed_cb (AcrBillingPage *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->invoice_search)));

  g_free (self->search_text);
  self->search_text = g_utf8_casefold (g_strstrip (text), -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_invoice_state (self);
}

static void
status_changed_cb (AcrBillingPage *self)
{
  reload_invoices (self);
}

static void
year_changed_cb (AcrBillingPage *self)
{
  reload_invoices (self);
  refresh_preview (self);
}

static void
setup_invoice_cell_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  InvoiceColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), column == INVOICE_COLUMN_NAME ? 24 : 11);
  if (column == INVOICE_COLUMN_TOTAL || column == INVOICE_COLUMN_BALANCE)
    gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
  if (column != INVOICE_COLUMN_NAME && column != INVOICE_COLUMN_STATUS)
    gtk_widget_add_css_class (inscription, "numeric");

  gtk_list_item_set_child (item, inscription);
}

static void
bind_invoice_cell_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  InvoiceColumn column = GPOINTER_TO_INT (user_data);
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  AcrInvoice *invoice = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case INVOICE_COLUMN_NUMBER:
      gtk_inscription_set_text (inscription, acr_invoice_get_number (invoice));
      break;
    case INVOICE_COLUMN_MEMBER:
      gtk_inscription_set_text (inscription, acr_invoice_get_member_number (invoice));
      break;
    case INVOICE_COLUMN_NAME:
      gtk_inscription_set_text (inscription, acr_invoice_get_member_name (invoice));
      break;
    case INVOICE_COLUMN_STATUS:
      if (acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_CREDIT_NOTE)
        gtk_inscription_set_text (inscription, _("Credit note"));
      else
        gtk_inscription_set_text (inscription,
                                  acr_format_invoice_status (acr_invoice_status_to_string (acr_invoice_get_status (invoice))));
      break;
    case INVOICE_COLUMN_TOTAL:
      text = acr_money_format (acr_invoice_get_total_cents (invoice), NULL);
      gtk_inscription_set_text (inscription, text);
      break;
    case INVOICE_COLUMN_BALANCE:
      text = acr_money_format (acr_invoice_get_balance_cents (invoice), NULL);
      gtk_inscription_set_text (inscription, text);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
add_invoice_column (AcrBillingPage *self,
                    const char     *title,
                    InvoiceColumn   column,
                    gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_invoice_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_invoice_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->invoice_view, view_column);
  g_object_unref (view_column);
}

/* ---- documents ---- */

static void
acr_billing_page_open_pdf (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = selected_invoices (self);
  g_autoptr (GError) error = NULL;

  if (selected->len > 0 && !acr_invoice_documents_open_pdf (widget, g_ptr_array_index (selected, 0), &error))
    acr_window_toast_for (GTK_WIDGET (self), error->message);
}

void
acr_billing_page_print_selected (AcrBillingPage *self)
{
  g_autoptr (GPtrArray) selected = NULL;

  g_return_if_fail (ACR_IS_BILLING_PAGE (self));

  selected = selected_invoices (self);
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
  g_autoptr (GPtrArray) selected = selected_invoices (self);
  g_autofree char *combined_name = g_strdup_printf ("invoices-%d.pdf", acr_billing_page_get_year (self));

  acr_invoice_documents_export (widget, selected, combined_name);
}

/* ---- payments and voiding ---- */

static void
replace_invoice (AcrBillingPage *self,
                 AcrInvoice     *old_invoice,
                 AcrInvoice     *new_invoice)
{
  guint position;

  if (g_list_store_find (self->invoices, old_invoice, &position))
    g_list_store_splice (self->invoices, position, 1, (gpointer *) &new_invoice, 1);
  update_invoice_state (self);
}

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
  replace_invoice (self, invoice, updated);
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
  g_autoptr (GPtrArray) selected = selected_invoices (self);
  AcrPaymentDialog *dialog;

  if (selected->len != 1 || self->billing == NULL)
    return;

  dialog = acr_payment_dialog_new (parent_window (self), self->billing, g_ptr_array_index (selected, 0));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (payment_recorded_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
void_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AcrBillingPage   *self)
{
  AcrInvoice *invoice = g_object_get_data (G_OBJECT (dialog), "acr-invoice");
  GtkEditable *reason_row = g_object_get_data (G_OBJECT (dialog), "acr-reason");
  g_autoptr (AcrInvoice) updated = NULL;
  g_autoptr (GError) error = NULL;
  const char *reason = gtk_editable_get_text (reason_row);

  if (g_strcmp0 (response, "void") != 0)
    return;

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
  replace_invoice (self, invoice, updated);
}

static void
acr_billing_page_void (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AcrBillingPage *self = ACR_BILLING_PAGE (widget);
  g_autoptr (GPtrArray) selected = selected_invoices (self);
  g_autofree char *heading = NULL;
  AcrInvoice *invoice;
  GtkWidget *dialog, *list, *reason;

  if (selected->len != 1)
    return;
  invoice = g_ptr_array_index (selected, 0);
  heading = g_strdup_printf (_("Void Invoice %s?"), acr_invoice_get_number (invoice));

  list = create_form_list ();
  reason = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  gtk_list_box_append (GTK_LIST_BOX (list), reason);

  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("A void invoice stays in the records with its number and is owed by no one. "
                                     "An invoice with money held cannot be voided until the money is refunded."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "void", _("_Void"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "void", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "acr-invoice", g_object_ref (invoice), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "acr-reason", reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (void_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
acr_billing_page_show_run (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  adw_leaflet_set_visible_child_name (ACR_BILLING_PAGE (widget)->leaflet, "run");
}

static void
fill_years (AcrBillingPage *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int next_year = g_date_time_get_year (now) + 1;
  guint chosen = 0;

  g_clear_pointer (&self->years, g_free);
  self->n_years = 0;
  if (self->rules != NULL)
    self->years = acr_rules_list_years (self->rules, &self->n_years);

  g_signal_handlers_block_by_func (self->year_row, year_changed_cb, self);
  gtk_string_list_splice (self->year_model, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_model)), NULL);
  for (guint i = 0; i < self->n_years; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", self->years[i]);

      gtk_string_list_append (self->year_model, text);
      /* Billing is usually done ahead, for next year. */
      if (self->years[i] <= next_year)
        chosen = i;
    }
  adw_combo_row_set_selected (self->year_row, self->n_years > 0 ? chosen : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->year_row, year_changed_cb, self);
}

static void
selection_changed_cb (AcrBillingPage *self)
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

  if (self->invoice_view != NULL)
    gtk_column_view_set_model (self->invoice_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_BILLING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->invoices);
  g_clear_object (&self->billing);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->run_cancellable);

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
  g_clear_pointer (&self->search_text, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoice_search);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoice_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoices_empty_page);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoice_view);
  gtk_widget_class_bind_template_child (widget_class, AcrBillingPage, invoice_count_label);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, invoice_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);

  gtk_widget_class_install_action (widget_class, "billing.start", NULL, acr_billing_page_start);
  gtk_widget_class_install_action (widget_class, "billing.cancel", NULL, acr_billing_page_cancel);
  gtk_widget_class_install_action (widget_class, "billing.open-pdf", NULL, acr_billing_page_open_pdf);
  gtk_widget_class_install_action (widget_class, "billing.print", NULL, acr_billing_page_print);
  gtk_widget_class_install_action (widget_class, "billing.export", NULL, acr_billing_page_export);
  gtk_widget_class_install_action (widget_class, "billing.record-payment", NULL, acr_billing_page_record_payment);
  gtk_widget_class_install_action (widget_class, "billing.void", NULL, acr_billing_page_void);
  gtk_widget_class_install_action (widget_class, "billing.show-run", NULL, acr_billing_page_show_run);
}

static void
acr_billing_page_init (AcrBillingPage *self)
{
  g_autoptr (GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->invoices = g_list_store_new (ACR_TYPE_INVOICE);
  self->search_filter = gtk_custom_filter_new (invoice_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->invoices)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  add_invoice_column (self, _("Invoice"), INVOICE_COLUMN_NUMBER, FALSE);
  add_invoice_column (self, _("Member"), INVOICE_COLUMN_MEMBER, FALSE);
  add_invoice_column (self, _("Name"), INVOICE_COLUMN_NAME, TRUE);
  add_invoice_column (self, _("Status"), INVOICE_COLUMN_STATUS, FALSE);
  add_invoice_column (self, _("Total"), INVOICE_COLUMN_TOTAL, FALSE);
  add_invoice_column (self, _("Balance"), INVOICE_COLUMN_BALANCE, FALSE);
  gtk_column_view_set_model (self->invoice_view, GTK_SELECTION_MODEL (self->selection));

  self->store_signals = g_signal_group_new (ACR_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "committed", G_CALLBACK (store_committed_cb),
                                 self, G_CONNECT_SWAPPED);

  acr_drop_down_make_compact (self->status_dropdown);
  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; status_codes[i] != NULL; i++)
    gtk_string_list_append (statuses, acr_format_invoice_status (status_codes[i]));
  g_signal_handlers_block_by_func (self->status_dropdown, status_changed_cb, self);
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_signal_handlers_unblock_by_func (self->status_dropdown, status_changed_cb, self);

  acr_billing_page_set_store (self, NULL, NULL);
}

static void
rebuild_billing (AcrBillingPage *self)
{
  g_clear_object (&self->billing);
  if (self->store != NULL && self->rules != NULL)
    self->billing = acr_billing_new (self->store, self->rules);

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

  fill_years (self);
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

  return G_LIST_MODEL (self->filtered);
}
