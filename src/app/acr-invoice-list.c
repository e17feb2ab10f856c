#define G_LOG_DOMAIN "acr-invoice-list"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-format.h"
#include "acr-invoice-list.h"
#include "acr-invoice-search.h"
#include "acr-money.h"
#include "acr-search-fold.h"
#include "acr-window.h"

/*
 * The invoices of one membership year on the Billing page: a search (invoice
 * number, member number, name) and a status filter, a column view with
 * several selected, the count, and the buttons for the page's billing.*
 * actions. The page decides what the actions do; this list shows and
 * tells it when the selection changes.
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

struct _AcrInvoiceList
{
  GtkWidget             parent_instance;

  AcrBilling           *billing;
  int                   year;

  GListStore           *invoices;
  GtkCustomFilter      *search_filter;
  GtkFilterListModel   *filtered;
  GtkMultiSelection    *selection;
  char                 *search_text;    /* folded (acr_search_fold) */

  GtkSearchEntry       *invoice_search;
  GtkDropDown          *status_dropdown;
  GtkStack             *invoice_stack;
  AdwStatusPage        *invoices_empty_page;
  GtkColumnView        *invoice_view;
  GtkLabel             *invoice_count_label;
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrInvoiceList, acr_invoice_list, GTK_TYPE_WIDGET)

static const char * const status_codes[] = { "open", "partially-paid", "paid", "void", "refunded", NULL };

static void
update_state (AcrInvoiceList *self)
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
  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

/**
 * acr_invoice_list_reload:
 *
 * Reads the invoices of the year again, with the status chosen.
 */
void
acr_invoice_list_reload (AcrInvoiceList *self)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  guint status;
  AcrInvoiceFilter filter = { .year = 0 };

  g_return_if_fail (ACR_IS_INVOICE_LIST (self));

  status = gtk_drop_down_get_selected (self->status_dropdown);
  /* AcrInvoiceFilter's year 0 is every year. */
  filter.year = self->year == ACR_INVOICE_LIST_ALL_YEARS ? 0 : self->year;
  filter.status = status > 0 && status != GTK_INVALID_LIST_POSITION ? status_codes[status - 1] : NULL;

  if (self->billing == NULL || self->year == 0)
    {
      g_list_store_remove_all (self->invoices);
      update_state (self);
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
    g_autofree char *description = filter.year != 0
      ? g_strdup_printf (_("Start the billing run for %d to issue its invoices."), filter.year)
      : g_strdup (_("No invoice has been issued yet: choose a year and start its billing run."));

    adw_status_page_set_description (self->invoices_empty_page, description);
  }
  update_state (self);
}

static gboolean
invoice_matches (gpointer item,
                 gpointer user_data)
{
  AcrInvoiceList *self = user_data;

  /* Folded as member search folds: "menard" finds "Ménard". */
  return acr_invoice_matches_search (ACR_INVOICE (item), self->search_text);
}

static void
invoice_search_changed_cb (AcrInvoiceList *self)
{
  g_free (self->search_text);
  self->search_text = acr_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->invoice_search)));
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
status_changed_cb (AcrInvoiceList *self)
{
  acr_invoice_list_reload (self);
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
add_column (AcrInvoiceList *self,
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

static void
selection_changed_cb (AcrInvoiceList *self)
{
  g_signal_emit (self, signals [SELECTION_CHANGED], 0);
}

static void
acr_invoice_list_dispose (GObject *object)
{
  AcrInvoiceList *self = ACR_INVOICE_LIST (object);
  GtkWidget *child;

  if (self->invoice_view != NULL)
    gtk_column_view_set_model (self->invoice_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_INVOICE_LIST);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->invoices);
  g_clear_object (&self->billing);

  G_OBJECT_CLASS (acr_invoice_list_parent_class)->dispose (object);
}

static void
acr_invoice_list_finalize (GObject *object)
{
  AcrInvoiceList *self = ACR_INVOICE_LIST (object);

  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (acr_invoice_list_parent_class)->finalize (object);
}

static void
acr_invoice_list_class_init (AcrInvoiceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_invoice_list_dispose;
  object_class->finalize = acr_invoice_list_finalize;

  /**
   * AcrInvoiceList::selection-changed:
   * Emitted when the invoices selected, or the invoices shown, changed.
   */
  signals [SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-invoice-list.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, invoice_search);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, invoice_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, invoices_empty_page);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, invoice_view);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceList, invoice_count_label);
  gtk_widget_class_bind_template_callback (widget_class, invoice_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
}

static void
acr_invoice_list_init (AcrInvoiceList *self)
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

  add_column (self, _("Invoice"), INVOICE_COLUMN_NUMBER, FALSE);
  add_column (self, _("Member"), INVOICE_COLUMN_MEMBER, FALSE);
  add_column (self, _("Name"), INVOICE_COLUMN_NAME, TRUE);
  add_column (self, _("Status"), INVOICE_COLUMN_STATUS, FALSE);
  add_column (self, _("Total"), INVOICE_COLUMN_TOTAL, FALSE);
  add_column (self, _("Balance"), INVOICE_COLUMN_BALANCE, FALSE);
  gtk_column_view_set_model (self->invoice_view, GTK_SELECTION_MODEL (self->selection));

  acr_drop_down_make_compact (self->status_dropdown);
  gtk_string_list_append (statuses, _("All statuses"));
  for (guint i = 0; status_codes[i] != NULL; i++)
    gtk_string_list_append (statuses, acr_format_invoice_status (status_codes[i]));
  g_signal_handlers_block_by_func (self->status_dropdown, status_changed_cb, self);
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  g_signal_handlers_unblock_by_func (self->status_dropdown, status_changed_cb, self);
}

/**
 * acr_invoice_list_set_billing:
 * @billing: (nullable): where the invoices are read
 * @year: the membership year shown (0: none; ACR_INVOICE_LIST_ALL_YEARS:
 *   every year)
 *
 * Shows the invoices of @year, read again.
 */
void
acr_invoice_list_set_billing (AcrInvoiceList *self,
                              AcrBilling     *billing,
                              int             year)
{
  g_return_if_fail (ACR_IS_INVOICE_LIST (self));
  g_return_if_fail (billing == NULL || ACR_IS_BILLING (billing));

  g_set_object (&self->billing, billing);
  self->year = year;
  acr_invoice_list_reload (self);
}

/**
 * acr_invoice_list_get_shown:
 *
 * Returns: (transfer none): the invoices shown, after the search
 */
GListModel *
acr_invoice_list_get_shown (AcrInvoiceList *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE_LIST (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * acr_invoice_list_dup_selected:
 *
 * Returns: (transfer full) (element-type AcrInvoice): the invoices selected
 */
GPtrArray *
acr_invoice_list_dup_selected (AcrInvoiceList *self)
{
  GPtrArray *invoices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (ACR_IS_INVOICE_LIST (self), invoices);

  if (self->selection == NULL)
    return invoices;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (invoices, g_list_model_get_item (G_LIST_MODEL (self->selection), position));

  return invoices;
}

/* An invoice changed by a payment or a void takes the place of the old one. */
void
acr_invoice_list_replace (AcrInvoiceList *self,
                          AcrInvoice     *old_invoice,
                          AcrInvoice     *new_invoice)
{
  guint position;

  g_return_if_fail (ACR_IS_INVOICE_LIST (self));
  g_return_if_fail (ACR_IS_INVOICE (new_invoice));

  if (g_list_store_find (self->invoices, old_invoice, &position))
    g_list_store_splice (self->invoices, position, 1, (gpointer *) &new_invoice, 1);
  update_state (self);
}

/**
 * acr_invoice_list_focus_search:
 *
 * Puts the keyboard focus in the invoice search, its text selected (Ctrl+F
 * in Billing).
 */
void
acr_invoice_list_focus_search (AcrInvoiceList *self)
{
  g_return_if_fail (ACR_IS_INVOICE_LIST (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->invoice_search));
  gtk_editable_select_region (GTK_EDITABLE (self->invoice_search), 0, -1);
}
