#define G_LOG_DOMAIN "acr-members-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing.h"
#include "acr-confirm.h"
#include "acr-csv-import.h"
#include "acr-csv-reader.h"
#include "acr-format.h"
#include "acr-member-pane.h"
#include "acr-member-rows.h"
#include "acr-members-by-name.h"
#include "acr-members-page.h"
#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-timing.h"
#include "acr-window.h"

/*
 * Member lookup: a search entry and filters over the store's lazy search
 * model (AcrSearchResults holds only the matching ids and reads a member
 * when a row asks for it), shown in a GtkColumnView, with the selected
 * member's details in an AcrMemberPane that folds away on a narrow window.
 *
 * About 1,000 lines: the column cells, the sort probe and the threaded
 * index load all read and reset the same list state (results, rows,
 * selection, loading), so they stay together with it.
 */

#define SAMPLE_DATA_COUNT 2000

/* Above this many members the lookup index (about 2 s at a million, 0.3-0.6 s
 * at 40,000) is read in a thread while the window shows the members in name
 * order from the store; below, reading it takes less than a frame or two. */
#define INDEX_IN_THREAD_FROM 10000

/* Above this many members the first rows come before GTK's others: the
 * list view is told of the rows on screen, the rest after the first frame
 * (see acr_member_rows_set_grow_after_frame ()). */
#define ROWS_AFTER_FIRST_FRAME_FROM 10000

typedef enum
{
  COLUMN_NUMBER,
  COLUMN_NAME,
  COLUMN_CATEGORY,
  COLUMN_STATUS,
  COLUMN_CHAPTERS,
  COLUMN_CITY,
  COLUMN_BALANCE,
} Column;

/* A column sorter's "acr-sort": an AcrSearchSort, or SORT_BY_KEY + an AcrSearchKey. */
#define SORT_BY_KEY 100

struct _AcrMembersPage
{
  GtkWidget           parent_instance;

  AcrStore           *store;
  AcrRules           *rules;
  AcrBilling         *billing;  /* for the balance column; made when first needed */
  GCancellable       *loading;  /* while a large membership's index is read in a thread */
  guint               index_in_thread_from;
  guint               rows_after_frame_from;
  gboolean            has_members;
  GtkSpinner         *loading_spinner;
  AcrSearchResults   *results;
  AcrMemberRows      *rows;            /* positions over results: see AcrMemberRows */
  AcrMembersByName   *by_name;         /* what the rows show while the index is read */
  GtkSingleSelection *selection;
  GSignalGroup       *store_signals;
  guint               refresh_id;      /* balances to read again after a commit */
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *name_column;
  GObject            *probe_a;         /* see read_view_sort () */
  GObject            *probe_b;
  int                 probed_sort;
  GtkFileChooserNative *chooser;
  gulong              timing_paint_id; /* with ACR_TIMING=1: watches for the first frame with rows */

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *chapter_dropdown;
  GtkStack           *stack;
  AdwStatusPage      *unavailable_page;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  AcrMemberPane      *member_pane;
};

G_DEFINE_FINAL_TYPE (AcrMembersPage, acr_members_page, GTK_TYPE_WIDGET)

static const char *
category_name (AcrMembersPage *self,
               const char     *id)
{
  AcrCategory *category;

  if (id == NULL)
    return "";

  category = self->rules != NULL ? acr_rules_lookup_category (self->rules, id) : NULL;
  return category != NULL ? acr_category_get_name (category) : id;
}

/* For the balance column. */
static AcrBilling *
get_billing (AcrMembersPage *self)
{
  if (self->billing == NULL && self->store != NULL && self->rules != NULL)
    self->billing = acr_billing_new (self->store, self->rules);

  return self->billing;
}

/* Filter dropdowns hold "code\tlabel" strings: item 0 is "any". */
static const char *
dropdown_code (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);
  const char *text;

  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;

  text = g_object_get_data (G_OBJECT (item), "acr-code");
  return text;
}

static void
fill_dropdown (GtkDropDown        *dropdown,
               const char         *any_label,
               const char * const *codes,
               const char * const *labels)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, any_label);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autoptr (GtkStringObject) item = NULL;

      gtk_string_list_append (model, labels[i]);
      item = g_list_model_get_item (G_LIST_MODEL (model), i + 1);
      g_object_set_data_full (G_OBJECT (item), "acr-code", g_strdup (codes[i]), g_free);
    }

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
fill_rule_dropdowns (AcrMembersPage *self)
{
  g_autoptr (GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) code_v = NULL;
  g_auto (GStrv) label_v = NULL;
  GListModel *categories, *chapters;

  if (self->rules == NULL)
    return;

  categories = acr_rules_get_categories (self->rules);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr (AcrCategory) category = g_list_model_get_item (categories, i);

      g_strv_builder_add (codes, acr_category_get_id (category));
      g_strv_builder_add (labels, acr_category_get_name (category));
    }
  code_v = g_strv_builder_end (codes);
  label_v = g_strv_builder_end (labels);
  fill_dropdown (self->category_dropdown, _("All categories"),
                 (const char * const *) code_v, (const char * const *) label_v);
  g_clear_pointer (&code_v, g_strfreev);
  g_clear_pointer (&label_v, g_strfreev);

  chapters = acr_rules_get_chapters (self->rules);
  for (guint i = 0; i < g_list_model_get_n_items (chapters); i++)
    {
      g_autoptr (AcrChapter) chapter = g_list_model_get_item (chapters, i);

      g_strv_builder_add (codes, acr_chapter_get_code (chapter));
      g_strv_builder_add (labels, acr_chapter_get_name (chapter));
    }
  code_v = g_strv_builder_end (codes);
  label_v = g_strv_builder_end (labels);
  fill_dropdown (self->chapter_dropdown, _("All chapters"),
                 (const char * const *) code_v, (const char * const *) label_v);
}

static void
fill_status_dropdown (AcrMembersPage *self)
{
  const char * const *statuses = acr_member_list_statuses ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; statuses[i] != NULL; i++)
    g_ptr_array_add (labels, (gpointer) acr_format_status (statuses[i]));
  g_ptr_array_add (labels, NULL);

  fill_dropdown (self->status_dropdown, _("All statuses"), statuses,
                 (const char * const *) labels->pdata);
}

/* Members are never deleted, so once the store has one it always will: no
 * need to count a million rows again on every search that finds nobody. */
static gboolean
store_has_members (AcrMembersPage *self)
{
  if (!self->has_members)
    self->has_members = acr_store_count_members (self->store, NULL) > 0;

  return self->has_members;
}

static void
update_state (AcrMembersPage *self)
{
  guint n;
  g_autofree char *count = NULL;

  gtk_spinner_set_spinning (self->loading_spinner, self->loading != NULL);
  if (self->loading != NULL)
    {
      /* The members in name order are there at once; searching waits for the index. */
      gboolean browsing = self->by_name != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->by_name)) > 0;

      gtk_stack_set_visible_child_name (self->stack, browsing ? "list" : "loading");
      gtk_label_set_text (self->count_label, browsing ? _("Reading the search index…") : "");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), browsing);
      return;
    }

  if (self->results == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "unavailable");
      gtk_label_set_text (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (!store_has_members (self))
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "no-results");

  count = g_strdup_printf (g_dngettext (NULL, "%u member", "%u members", n), n);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
}

static void
results_changed_cb (AcrMembersPage *self)
{
  /* The selected position now shows another member. */
  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  update_state (self);
}

static void
selection_changed_cb (AcrMembersPage *self)
{
  AcrMemberRow *selected = gtk_single_selection_get_selected_item (self->selection);

  /* A search or a store change refreshes the list and drops the
   * selection: the member stays open until another one is chosen. */
  if (selected != NULL && acr_member_row_get_member (selected) != NULL)
    acr_member_pane_set_member (self->member_pane, acr_member_row_get_member (selected));
}

/* Tells the rows which positions are on screen: those show a new answer first. */
static void
update_visible_range (AcrMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  guint n = self->rows != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->rows)) : 0;
  double upper, row_height;

  if (adjustment == NULL || n == 0 || (upper = gtk_adjustment_get_upper (adjustment)) <= 0)
    return;

  /* One line per row: every row is as high as the next. */
  row_height = upper / n;
  acr_member_rows_set_visible_range (self->rows,
                                     (guint) (gtk_adjustment_get_value (adjustment) / row_height),
                                     (guint) (gtk_adjustment_get_page_size (adjustment) / row_height) + 1);
}

static void
watch_visible_range (AcrMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (update_visible_range), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (update_visible_range), self, G_CONNECT_SWAPPED);
}

/* A new search or filter starts at the top of its answer. */
static void
scroll_to_top (AcrMembersPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
search_changed_cb (AcrMembersPage *self)
{
  /* Searching now would read the index on this thread; the query runs when it is ready. */
  if (self->loading != NULL)
    return;

  if (self->results != NULL)
    {
      scroll_to_top (self);
      acr_search_results_set_text (self->results, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
}

/* Enter in the search on an exact member number ("1870", "0001870") opens
 * that member, whatever else the search finds. */
static void
search_activated_cb (AcrMembersPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr (AcrMember) member = NULL;
  guint number = acr_store_parse_number (text);

  if (number == 0 || self->store == NULL)
    return;

  member = acr_store_lookup_member (self->store, number, NULL);
  if (member == NULL)
    return;

  acr_member_pane_set_member (self->member_pane, member);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
filter_changed_cb (AcrMembersPage *self)
{
  if (self->results == NULL || self->loading != NULL)
    return;

  scroll_to_top (self);
  acr_search_results_set_category (self->results, dropdown_code (self->category_dropdown));
  acr_search_results_set_status (self->results, dropdown_code (self->status_dropdown));
  acr_search_results_set_chapter (self->results, dropdown_code (self->chapter_dropdown));
}

static void
row_activated_cb (AcrMembersPage *self,
                  guint           position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* GTK 4.8 cannot say which column the view sorts by (GtkColumnViewSorter
 * is public from 4.10): each column sorter notes the sort it stands for
 * when it is asked first, so comparing two probe objects through the
 * view's sorter reveals the primary column and its direction. */
static int
column_sort_cb (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AcrMembersPage *self = g_object_get_data (G_OBJECT (user_data), "acr-page");

  if (self->probed_sort < 0)
    self->probed_sort = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "acr-sort"));

  return GTK_ORDERING_SMALLER;
}

static void
view_sorter_changed_cb (AcrMembersPage *self)
{
  GtkOrdering order;

  /* Also reached while the view is torn down. */
  if (self->results == NULL || self->column_view == NULL || self->loading != NULL)
    return;

  self->probed_sort = -1;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), self->probe_a, self->probe_b);

  if (self->probed_sort < 0)
    {
      acr_search_results_set_sort (self->results, ACR_SEARCH_SORT_FAMILY_NAME);
      return;
    }

  /* A second click on the header sorts the other way: the probe then
   * compares larger. Number and Name are the index's own orders; the other
   * columns order by their value (acr-search-order.h). */
  if (self->probed_sort >= SORT_BY_KEY)
    acr_search_results_set_order (self->results, ACR_SEARCH_SORT_FAMILY_NAME,
                                  (AcrSearchKey) (self->probed_sort - SORT_BY_KEY),
                                  order == GTK_ORDERING_LARGER);
  else
    acr_search_results_set_order (self->results, (AcrSearchSort) self->probed_sort, ACR_SEARCH_KEY_NONE,
                                  order == GTK_ORDERING_LARGER);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  /* Wide enough for what the column usually holds; a longer text ends
   * in an ellipsis, whole in the cell's tooltip. Numbers and amounts are
   * never cut: "-12 345,00 $ US" fits. */
  static const int min_chars[] = { 7, 12, 10, 6, 4, 6, 15 };
  static const int nat_chars[] = { 7, 28, 24, 9, 6, 14, 15 };

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), min_chars[column]);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription), nat_chars[column]);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_NUMBER || column == COLUMN_BALANCE)
    gtk_widget_add_css_class (inscription, "numeric");
  if (column == COLUMN_BALANCE)
    gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);

  gtk_list_item_set_child (item, inscription);
}

static void
fill_cell (AcrMembersPage *self,
           GtkInscription *inscription,
           Column          column,
           AcrMember      *member)
{
  if (member == NULL)
    {
      gtk_inscription_set_text (inscription, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (inscription), NULL);
      return;
    }

  switch (column)
    {
    case COLUMN_NUMBER:
      {
        g_autofree char *number = acr_member_dup_number_text (member);

        gtk_inscription_set_text (inscription, number);
        break;
      }
    case COLUMN_NAME:
      {
        g_autofree char *name = acr_member_dup_display_name (member);

        gtk_inscription_set_text (inscription, name);
        break;
      }
    case COLUMN_CATEGORY:
      gtk_inscription_set_text (inscription, category_name (self, acr_member_get_category (member)));
      break;
    case COLUMN_STATUS:
      gtk_inscription_set_text (inscription, acr_format_status (acr_member_get_status (member)));
      break;
    case COLUMN_CHAPTERS:
      gtk_inscription_set_text (inscription, acr_member_get_chapters (member));
      break;
    case COLUMN_CITY:
      gtk_inscription_set_text (inscription, acr_member_get_city (member));
      break;
    case COLUMN_BALANCE:
      {
        AcrBilling *billing = get_billing (self);
        g_autofree char *amount = NULL;
        gint64 balance = 0;

        if (billing == NULL || !acr_billing_get_member_balance (billing, member, &balance, NULL))
          {
            gtk_inscription_set_text (inscription, NULL);
            break;
          }
        amount = acr_money_format (balance, NULL);
        gtk_inscription_set_text (inscription, amount);
        /* Zero is the usual answer: let what is owed stand out. */
        if (balance == 0)
          gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
        else
          gtk_widget_remove_css_class (GTK_WIDGET (inscription), "dim-label");
        break;
      }
    default:
      g_assert_not_reached ();
    }

  /* The whole text, where the cell ends in an ellipsis. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (inscription), gtk_inscription_get_text (inscription));
}

static void
row_member_changed_cb (AcrMemberRow *row,
                       GParamSpec   *pspec,
                       GtkListItem  *item)
{
  AcrMembersPage *self = g_object_get_data (G_OBJECT (item), "acr-page");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "acr-column"));

  fill_cell (self, GTK_INSCRIPTION (gtk_list_item_get_child (item)), column, acr_member_row_get_member (row));
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  AcrMembersPage *self = g_object_get_data (G_OBJECT (factory), "acr-page");
  AcrMemberRow *row = gtk_list_item_get_item (item);

  g_object_set_data (G_OBJECT (item), "acr-page", self);
  g_object_set_data (G_OBJECT (item), "acr-column", user_data);
  g_signal_connect (row, "notify::member", G_CALLBACK (row_member_changed_cb), item);
  row_member_changed_cb (row, NULL, item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  AcrMemberRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_member_changed_cb, item);
}

static GtkColumnViewColumn *
add_column (AcrMembersPage *self,
            const char     *title,
            Column          column,
            gboolean        expand,
            int             sort)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "acr-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);

  if (sort >= 0)
    {
      GtkCustomSorter *sorter = gtk_custom_sorter_new (NULL, NULL, NULL);

      /* The sorter's data lives on the sorter, which the column owns. */
      g_object_set_data (G_OBJECT (sorter), "acr-page", self);
      g_object_set_data (G_OBJECT (sorter), "acr-sort", GINT_TO_POINTER (sort));
      gtk_custom_sorter_set_sort_func (sorter, column_sort_cb, sorter, NULL);
      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
      g_object_unref (sorter);
    }

  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);

  return view_column;
}

static void
build_columns (AcrMembersPage *self)
{
  self->number_column = add_column (self, _("Number"), COLUMN_NUMBER, FALSE, ACR_SEARCH_SORT_NUMBER);
  self->name_column = add_column (self, _("Name"), COLUMN_NAME, TRUE, ACR_SEARCH_SORT_FAMILY_NAME);
  add_column (self, _("Category"), COLUMN_CATEGORY, TRUE, SORT_BY_KEY + ACR_SEARCH_KEY_CATEGORY);
  add_column (self, _("Status"), COLUMN_STATUS, FALSE, SORT_BY_KEY + ACR_SEARCH_KEY_STATUS);
  add_column (self, _("Chapters"), COLUMN_CHAPTERS, FALSE, SORT_BY_KEY + ACR_SEARCH_KEY_CHAPTERS);
  add_column (self, _("City"), COLUMN_CITY, TRUE, SORT_BY_KEY + ACR_SEARCH_KEY_CITY);
  add_column (self, _("Balance"), COLUMN_BALANCE, FALSE, SORT_BY_KEY + ACR_SEARCH_KEY_BALANCE);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
import_response_cb (AcrMembersPage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr (GError) error = NULL;

      /* The import is all or nothing: say what was wrong, nothing changed. */
      if (path != NULL && !acr_members_page_import_file (self, path, &error))
        acr_alert (GTK_WIDGET (self), _("Nothing Was Imported"), error->message);
    }

  g_clear_object (&self->chooser);
}

static void
acr_members_page_import (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Members"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
acr_members_page_load_sample (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (!acr_members_page_load_sample_data (self, SAMPLE_DATA_COUNT, &error))
    acr_window_toast_for (GTK_WIDGET (self), error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("%u sample members added"), SAMPLE_DATA_COUNT);

      acr_window_toast_for (GTK_WIDGET (self), text);
    }
}

static gboolean
refresh_balances_cb (gpointer data)
{
  AcrMembersPage *self = data;

  self->refresh_id = 0;
  if (self->rows != NULL)
    acr_member_rows_refresh (self->rows);

  return G_SOURCE_REMOVE;
}

/* An invoice, a payment or a void anywhere (Billing, the member pane, a
 * billing run's batches): balances are read again once the commits settle. */
static void
store_committed_cb (AcrMembersPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_balances_cb, self);
}

static void
acr_members_page_show_list (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
acr_members_page_dispose (GObject *object)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (object);
  GtkWidget *child;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_MEMBERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->results);
  g_clear_object (&self->by_name);
  g_clear_object (&self->billing);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (acr_members_page_parent_class)->dispose (object);
}

/* With ACR_TIMING=1: the first frame painted, and the first one showing member rows. */
static void
timing_after_paint_cb (AcrMembersPage *self,
                       GdkFrameClock  *clock)
{
  g_autoptr (AcrMemberRow) first = NULL;

  acr_timing_mark ("first-frame");
  if (self->rows == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") != 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->column_view)) ||
      g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    return;

  first = g_list_model_get_item (G_LIST_MODEL (self->rows), 0);
  if (first == NULL || acr_member_row_get_member (first) == NULL)
    return;

  acr_timing_mark ("rows-shown");
  g_clear_signal_handler (&self->timing_paint_id, clock);
}

/* Back on the lookup: payments or a billing run from another workstation
 * or connection show in the balances. */
static void
acr_members_page_map (GtkWidget *widget)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  static gboolean timing_watched;

  GTK_WIDGET_CLASS (acr_members_page_parent_class)->map (widget);

  if (self->store != NULL)
    acr_store_notice_other_commits (self->store);

  /* Once per process: the start-up frames only. */
  if (acr_timing_enabled () && !timing_watched)
    {
      timing_watched = TRUE;
      self->timing_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                                                       G_CALLBACK (timing_after_paint_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
acr_members_page_class_init (AcrMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_members_page_dispose;
  widget_class->map = acr_members_page_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, chapter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, member_pane);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "members.show-list", NULL, acr_members_page_show_list);
  gtk_widget_class_install_action (widget_class, "members.import", NULL, acr_members_page_import);
  gtk_widget_class_install_action (widget_class, "members.load-sample", NULL, acr_members_page_load_sample);

  g_type_ensure (ACR_TYPE_MEMBER_PANE);
}

static void
acr_members_page_init (AcrMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (ACR_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "committed", G_CALLBACK (store_committed_cb),
                                 self, G_CONNECT_SWAPPED);
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  build_columns (self);
  watch_visible_range (self);
  acr_drop_down_make_compact (self->category_dropdown);
  acr_drop_down_make_compact (self->status_dropdown);
  acr_drop_down_make_compact (self->chapter_dropdown);
  fill_status_dropdown (self);
  self->index_in_thread_from = INDEX_IN_THREAD_FROM;
  self->rows_after_frame_from = ROWS_AFTER_FIRST_FRAME_FROM;
  acr_members_page_set_store (self, NULL, NULL);
}

/* For tests: a store with more members than @count reads its index in a thread. */
void
_acr_members_page_set_index_in_thread_from (AcrMembersPage *self,
                                            guint           count)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));
  self->index_in_thread_from = count;
}

/* For tests: a list of more than @count members shows its first rows before GTK builds its others. */
void
_acr_members_page_set_rows_after_frame_from (AcrMembersPage *self,
                                             guint           count)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));
  self->rows_after_frame_from = count;
}

/**
 * acr_members_page_set_store:
 * @store: (nullable): the member store
 * @error: (nullable): why there is no store, shown in its place
 */
static void
attach_rows (AcrMembersPage *self,
             GListModel     *members)
{
  gboolean many = g_list_model_get_n_items (members) > self->rows_after_frame_from;
  g_autoptr (GListStore) none = many ? g_list_store_new (ACR_TYPE_MEMBER) : NULL;

  /* A large membership starts from no rows, so that its rows grow after the first frame. */
  self->rows = acr_member_rows_new (many ? G_LIST_MODEL (none) : members);
  /* An empty answer shows a status page, not the list; a shorter one shows
   * first, GTK's rows past it are destroyed after. */
  acr_member_rows_set_hold_when_empty (self->rows, TRUE);
  acr_member_rows_set_shrink_after_frame (self->rows, TRUE);
  /* A cleared search at a million: the rows on screen first, GTK's others after. */
  acr_member_rows_set_grow_after_frame (self->rows, TRUE);
  if (many)
    acr_member_rows_set_members (self->rows, members);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
attach_results (AcrMembersPage *self)
{
  self->results = acr_search_results_new (self->store);
  /* The rows shown while the index was read hold the same members in the
   * same order as an empty search: they are filled again, not rebuilt. */
  if (self->rows != NULL)
    acr_member_rows_set_members (self->rows, G_LIST_MODEL (self->results));
  else
    attach_rows (self, G_LIST_MODEL (self->results));
  g_clear_object (&self->by_name);
  g_signal_connect_object (self->results, "items-changed", G_CALLBACK (results_changed_cb), self, G_CONNECT_SWAPPED);

  search_changed_cb (self);
  filter_changed_cb (self);
  view_sorter_changed_cb (self);
  acr_timing_mark ("search-ready");
}

static void
search_prepared_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (AcrMembersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!acr_store_prepare_search_finish (ACR_STORE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Another database was opened meanwhile: its own load is under way. */
  if (self->store != ACR_STORE (source))
    return;

  /* On error the first search reads the index again and reports it there. */
  g_clear_object (&self->loading);
  attach_results (self);
  update_state (self);
}

void
acr_members_page_set_store (AcrMembersPage *self,
                            AcrStore       *store,
                            const GError   *error)
{
  gboolean usable;

  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->results);
  g_clear_object (&self->by_name);
  g_clear_object (&self->billing);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->has_members = FALSE;
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_set_object (&self->store, store);
  g_signal_group_set_target (self->store_signals, store);
  acr_member_pane_set_store (self->member_pane, store);

  if (store != NULL)
    {
      /* The results model searches as it is made: only once the index is ready. */
      if (!acr_store_has_search_index (store) &&
          acr_store_count_members (store, NULL) > self->index_in_thread_from)
        {
          self->loading = g_cancellable_new ();
          self->by_name = acr_members_by_name_new (store);
          attach_rows (self, G_LIST_MODEL (self->by_name));
          acr_store_prepare_search_async (store, self->loading, search_prepared_cb, g_object_ref (self));
        }
      else
        attach_results (self);
    }
  else
    adw_status_page_set_description (self->unavailable_page,
                                     error != NULL ? error->message : _("No member database is open."));

  usable = store != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), usable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), usable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_dropdown), usable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chapter_dropdown), usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.import", usable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.load-sample", usable);

  update_state (self);
}

void
acr_members_page_set_rules (AcrMembersPage *self,
                            AcrRules       *rules)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));

  if (!g_set_object (&self->rules, rules))
    return;

  g_clear_object (&self->billing);

  fill_rule_dropdowns (self);

  /* Category names come from the rules: bind the visible rows again. */
  if (self->selection != NULL)
    {
      gtk_column_view_set_model (self->column_view, NULL);
      gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
    }
  acr_member_pane_set_rules (self->member_pane, rules);
}

AcrSearchResults *
acr_members_page_get_results (AcrMembersPage *self)
{
  g_return_val_if_fail (ACR_IS_MEMBERS_PAGE (self), NULL);

  return self->results;
}

AcrMember *
acr_members_page_get_shown_member (AcrMembersPage *self)
{
  g_return_val_if_fail (ACR_IS_MEMBERS_PAGE (self), NULL);

  return acr_member_pane_get_member (self->member_pane);
}

/**
 * acr_members_page_get_state:
 *
 * Returns: what the list area shows: "unavailable", "empty", "no-results" or "list"
 */
const char *
acr_members_page_get_state (AcrMembersPage *self)
{
  g_return_val_if_fail (ACR_IS_MEMBERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * acr_members_page_show_member:
 *
 * Shows the member numbered @number in the detail pane (after an
 * application is approved, say), clearing the search so its row is there.
 */
void
acr_members_page_show_member (AcrMembersPage *self,
                              guint           number)
{
  g_autoptr (AcrMember) member = NULL;

  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));

  if (self->store == NULL)
    return;

  member = acr_store_lookup_member (self->store, number, NULL);
  if (member == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  acr_member_pane_set_member (self->member_pane, member);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

void
acr_members_page_focus_search (AcrMembersPage *self)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * acr_members_page_load_sample_data:
 *
 * Adds @count fictional members (the store's deterministic sample) for a
 * demonstration or a first look.
 */
gboolean
acr_members_page_load_sample_data (AcrMembersPage *self,
                                   guint           count,
                                   GError        **error)
{
  g_return_val_if_fail (ACR_IS_MEMBERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!acr_sample_data_generate (self->store, count, 1, NULL, NULL, error))
    return FALSE;

  update_state (self);
  return TRUE;
}

/**
 * acr_members_page_import_file:
 *
 * Imports members from the CSV file at @path, all or nothing, and says how
 * many were added and updated in a toast.
 */
gboolean
acr_members_page_import_file (AcrMembersPage *self,
                              const char     *path,
                              GError        **error)
{
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  AcrImportReport report = { 0 };

  g_return_val_if_fail (ACR_IS_MEMBERS_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  reader = acr_csv_reader_new_for_path (path, error);
  if (reader == NULL)
    return FALSE;

  if (!acr_csv_import_members (self->store, reader, &report, NULL, NULL, error))
    return FALSE;

  text = g_strdup_printf (_("%s: %u added, %u updated, %u unchanged"),
                          acr_csv_reader_get_source_name (reader),
                          report.added, report.updated, report.unchanged);
  acr_window_toast_for (GTK_WIDGET (self), text);
  update_state (self);

  return TRUE;
}
