#define G_LOG_DOMAIN "acr-members-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing.h"
#include "acr-csv-import.h"
#include "acr-csv-reader.h"
#include "acr-format.h"
#include "acr-invoice-documents.h"
#include "acr-lifecycle.h"
#include "acr-member-rows.h"
#include "acr-members-by-name.h"
#include "acr-members-page.h"
#include "acr-money.h"
#include "acr-sample-data.h"
#include "acr-window.h"

/*
 * Member lookup: a search entry and filters over the store's lazy search
 * model (AcrSearchResults holds only the matching ids and reads a member
 * when a row asks for it), shown in a GtkColumnView, with the selected
 * member's details in a pane that folds away on a narrow window.
 */

#define SAMPLE_DATA_COUNT 2000

/* Above this many members the lookup index (about 2 s at a million) is read
 * in a thread while the window shows; below, reading it is quicker than a
 * loading page would be on screen. */
#define INDEX_IN_THREAD_FROM 100000

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

struct _AcrMembersPage
{
  GtkWidget           parent_instance;

  AcrStore           *store;
  AcrRules           *rules;
  AcrBilling         *billing;  /* for the balance column; made when first needed */
  GCancellable       *loading;  /* while a large membership's index is read in a thread */
  guint               index_in_thread_from;
  gboolean            has_members;
  GtkSpinner         *loading_spinner;
  AcrSearchResults   *results;
  AcrMemberRows      *rows;            /* positions over results: see AcrMemberRows */
  AcrMembersByName   *by_name;         /* what the rows show while the index is read */
  GtkSingleSelection *selection;
  AcrMember          *shown_member;
  GPtrArray          *shown_invoices;  /* of AcrInvoice: the member pane's, for its buttons */
  gulong              committed_id;
  guint               refresh_id;      /* balances to read again after a commit */
  GPtrArray          *detail_rows;     /* rows added to facts_group */
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *name_column;
  GObject            *probe_a;         /* see read_view_sort () */
  GObject            *probe_b;
  int                 probed_sort;
  gboolean            updating_sort;
  GtkFileChooserNative *chooser;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *category_dropdown;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *chapter_dropdown;
  GtkStack           *stack;
  AdwStatusPage      *unavailable_page;
  GtkColumnView      *column_view;
  GtkLabel           *count_label;
  GtkStack           *detail_stack;
  GtkLabel           *detail_number_label;
  GtkLabel           *detail_name_label;
  GtkLabel           *detail_category_label;
  AdwPreferencesGroup *facts_group;
  AdwPreferencesGroup *invoices_group;
  GtkListBox         *invoices_list;
  AdwPreferencesGroup *history_group;
  GtkListBox         *history_list;
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
add_detail_row (AcrMembersPage *self,
                const char     *title,
                const char     *value)
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
add_person_rows (AcrMembersPage *self,
                 AcrMember      *member)
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
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

static GtkWidget *
create_invoice_row (AcrInvoice *invoice)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), NULL);
  g_autofree char *balance = acr_money_format (acr_invoice_get_balance_cents (invoice), NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *status = acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_CREDIT_NOTE
                       ? _("Credit note")
                       : acr_format_invoice_status (acr_invoice_status_to_string (acr_invoice_get_status (invoice)));

  title = g_strdup_printf ("%s · %d", acr_invoice_get_number (invoice), acr_invoice_get_year (invoice));
  subtitle = g_strdup_printf (_("%s · total %s · balance %s"), status, total, balance);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  add_invoice_button (row, "x-office-document-symbolic", _("Open as PDF"), "members.open-invoice", invoice);
  add_invoice_button (row, "printer-symbolic", _("Print"), "members.print-invoice", invoice);
  add_invoice_button (row, "document-save-symbolic", _("Export as PDF…"), "members.export-invoice", invoice);

  return row;
}

static AcrBilling *
get_billing (AcrMembersPage *self)
{
  if (self->billing == NULL && self->store != NULL && self->rules != NULL)
    self->billing = acr_billing_new (self->store, self->rules);

  return self->billing;
}

/* The member's invoices and balance, as AcrBilling keeps them. */
static void
show_invoices (AcrMembersPage *self,
               AcrMember      *member)
{
  AcrBilling *billing = get_billing (self);
  GPtrArray *invoices;
  g_autofree char *description = NULL;
  g_autofree char *balance_text = NULL;
  gint64 balance = 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->invoices_list))) != NULL)
    gtk_list_box_remove (self->invoices_list, child);
  g_clear_pointer (&self->shown_invoices, g_ptr_array_unref);
  if (billing == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), FALSE);
      return;
    }

  self->shown_invoices = acr_billing_list_member_invoices (billing, acr_member_get_number (member), &balance, NULL);
  invoices = self->shown_invoices;
  if (invoices == NULL || invoices->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), FALSE);
      return;
    }

  for (guint i = 0; i < invoices->len; i++)
    gtk_list_box_append (self->invoices_list, create_invoice_row (g_ptr_array_index (invoices, i)));

  balance_text = acr_money_format (balance, NULL);
  description = g_strdup_printf (_("Balance: %s"), balance_text);
  adw_preferences_group_set_description (self->invoices_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->invoices_group), TRUE);
}

static GtkWidget *
create_history_row (AcrMemberChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *field = acr_format_member_field (change->field);

  if (g_str_equal (change->field, "member"))
    title = g_strdup (change->reason != NULL ? change->reason : _("Member added"));
  else if (change->old_value == NULL)
    title = g_strdup_printf (_("%s set to “%s”"), field, change->new_value ? change->new_value : "");
  else if (change->new_value == NULL)
    title = g_strdup_printf (_("%s cleared (was “%s”)"), field, change->old_value);
  else
    title = g_strdup_printf (_("%s: “%s” → “%s”"), field, change->old_value, change->new_value);

  if (change->reason != NULL && !g_str_equal (change->field, "member"))
    subtitle = g_strdup_printf ("%s · %s · %s", change->time, change->account, change->reason);
  else
    subtitle = g_strdup_printf ("%s · %s", change->time, change->account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void update_member_actions (AcrMembersPage *self);

static void
show_member (AcrMembersPage *self,
             AcrMember      *member)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *chapters = NULL;
  GtkWidget *child;

  g_set_object (&self->shown_member, member);

  for (guint i = 0; i < self->detail_rows->len; i++)
    adw_preferences_group_remove (self->facts_group, g_ptr_array_index (self->detail_rows, i));
  g_ptr_array_set_size (self->detail_rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  update_member_actions (self);
  if (member == NULL)
    {
      g_clear_pointer (&self->shown_invoices, g_ptr_array_unref);
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
selection_changed_cb (AcrMembersPage *self)
{
  AcrMemberRow *selected = gtk_single_selection_get_selected_item (self->selection);

  /* A search or a store change refreshes the list and drops the
   * selection: the member stays open until another one is chosen. */
  if (selected != NULL && acr_member_row_get_member (selected) != NULL)
    show_member (self, acr_member_row_get_member (selected));
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
  if (self->results == NULL || self->updating_sort || self->column_view == NULL || self->loading != NULL)
    return;

  self->probed_sort = -1;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (self->column_view), self->probe_a, self->probe_b);

  if (self->probed_sort < 0)
    {
      acr_search_results_set_sort (self->results, ACR_SEARCH_SORT_FAMILY_NAME);
      return;
    }

  /* The search index sorts one way only: a second click keeps it ascending. */
  if (order == GTK_ORDERING_LARGER)
    {
      self->updating_sort = TRUE;
      gtk_column_view_sort_by_column (self->column_view,
                                      self->probed_sort == ACR_SEARCH_SORT_NUMBER ? self->number_column : self->name_column,
                                      GTK_SORT_ASCENDING);
      self->updating_sort = FALSE;
    }

  acr_search_results_set_sort (self->results, self->probed_sort);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), column == COLUMN_NUMBER ? 7 : 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (inscription),
                                 column == COLUMN_NAME ? 28 :
                                 column == COLUMN_CATEGORY ? 30 :
                                 column == COLUMN_NUMBER ? 8 : 12);
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
  add_column (self, _("Category"), COLUMN_CATEGORY, TRUE, -1);
  add_column (self, _("Status"), COLUMN_STATUS, FALSE, -1);
  add_column (self, _("Chapters"), COLUMN_CHAPTERS, FALSE, -1);
  add_column (self, _("City"), COLUMN_CITY, TRUE, -1);
  add_column (self, _("Balance"), COLUMN_BALANCE, FALSE, -1);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (view_sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static AcrWindow *
get_window (AcrMembersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return ACR_IS_WINDOW (root) ? ACR_WINDOW (root) : NULL;
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

      if (path != NULL && !acr_members_page_import_file (self, path, &error))
        {
          AcrWindow *window = get_window (self);
          GtkWidget *dialog;

          /* The import is all or nothing: say what was wrong, nothing changed. */
          dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Nothing Was Imported"), error->message);
          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
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

/* ---- member actions ---- */

static gboolean
refresh_balances_cb (gpointer data)
{
  AcrMembersPage *self = data;

  self->refresh_id = 0;
  if (self->rows != NULL)
    acr_member_rows_refresh (self->rows);
  if (self->shown_member != NULL)
    show_invoices (self, self->shown_member);

  return G_SOURCE_REMOVE;
}

/* An invoice, a payment or a void anywhere (Billing, this pane, a billing
 * run's batches): balances are read again once the commits settle. */
static void
store_committed_cb (AcrMembersPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_balances_cb, self);
}

static void
reload_shown_member (AcrMembersPage *self)
{
  g_autoptr (AcrMember) fresh = NULL;

  if (self->shown_member == NULL)
    return;

  fresh = acr_store_lookup_member (self->store, acr_member_get_number (self->shown_member), NULL);
  show_member (self, fresh);
}

static void
update_member_actions (AcrMembersPage *self)
{
  gboolean shown = self->shown_member != NULL && self->store != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.edit", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.create-invoice", shown && self->rules != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "members.retire",
                                 shown && self->rules != NULL &&
                                 !acr_member_has_status (self->shown_member, ACR_MEMBER_STATUS_RETIRED));
}

static void
conflict_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      AcrMembersPage   *self)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload_shown_member (self);
}

static void
show_conflict (AcrMembersPage *self,
               const GError   *error)
{
  GtkWidget *dialog;
  g_autofree char *body = g_strdup_printf (_("%s\n\nYour changes were not saved. Reload the member to see what changed, then edit again."),
                                           error->message);

  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), _("Changed by Someone Else"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reload");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char * const editable_fields[] = {
  "email", "phone", "address", "city", "region", "postal_code", NULL
};

static void
edit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AcrMembersPage   *self)
{
  AcrMember *read = g_object_get_data (G_OBJECT (dialog), "acr-member");
  AdwComboRow *military_row = g_object_get_data (G_OBJECT (dialog), "acr-military");
  GtkEditable *training_row = g_object_get_data (G_OBJECT (dialog), "acr-training-end");
  const AcrFactInfo *military = acr_person_lookup_fact ("military");
  g_autoptr (AcrMember) edited = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (GError) error = NULL;
  guint selected;

  if (g_strcmp0 (response, "save") != 0)
    return;

  /* Edit the member as it was read: the store then knows the revision
   * the change starts from and refuses it if someone saved in between. */
  edited = acr_member_copy (read);
  for (guint i = 0; editable_fields[i] != NULL; i++)
    {
      GtkEditable *row = g_object_get_data (G_OBJECT (dialog), editable_fields[i]);
      const char *text = gtk_editable_get_text (row);

      if (!acr_member_set_field (edited, editable_fields[i], text[0] != '\0' ? text : NULL, &error))
        {
          acr_window_toast_for (GTK_WIDGET (self), error->message);
          return;
        }
    }

  person = acr_member_get_person_json (read) != NULL
           ? acr_person_new_from_data (acr_member_get_person_json (read), -1, "member", &error)
           : acr_person_new ();
  if (person == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  selected = adw_combo_row_get_selected (military_row);
  if (!acr_person_set_fact_from_string (person, "military",
                                        selected > 0 && selected != GTK_INVALID_LIST_POSITION ? military->codes[selected - 1] : NULL,
                                        &error) ||
      !acr_person_set_fact_from_string (person, "training.end", gtk_editable_get_text (training_row), &error))
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }
  acr_member_set_person (edited, person);

  /* The category follows the facts, as the rules decide today; when they
   * decide none the category stays as it was. */
  {
    GDate date;

    acr_date_today (&date);
    if (!acr_lifecycle_classify_member (self->rules, edited, &date, NULL))
      g_debug ("member %u keeps its category", acr_member_get_number (edited));
  }

  if (!acr_store_save_member (self->store, edited, _("Edited in ACR Membership"), &error))
    {
      if (g_error_matches (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT))
        show_conflict (self, error);
      else
        acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  acr_window_toast_for (GTK_WIDGET (self), _("Member saved"));
  reload_shown_member (self);
}

static GtkWidget *
add_entry_row (GtkWidget  *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

static void
acr_members_page_edit (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  const AcrFactInfo *military = acr_person_lookup_fact ("military");
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (GtkStringList) military_model = gtk_string_list_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *training_end = NULL;
  GtkWidget *dialog, *list, *military_row, *training_row;
  const char *service;

  if (self->shown_member == NULL)
    return;

  name = acr_member_dup_display_name (self->shown_member);
  heading = g_strdup_printf (_("Edit %s"), name);
  if (acr_member_get_person_json (self->shown_member) != NULL)
    person = acr_person_new_from_data (acr_member_get_person_json (self->shown_member), -1, "member", NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading, NULL);
  for (guint i = 0; editable_fields[i] != NULL; i++)
    {
      GtkWidget *row = add_entry_row (list, acr_format_member_field (editable_fields[i]),
                                      acr_member_get_field (self->shown_member, editable_fields[i]));

      gtk_widget_set_name (row, editable_fields[i]);
      g_object_set_data (G_OBJECT (dialog), editable_fields[i], row);
    }

  /* Military service: a change of status halves national dues or not. */
  gtk_string_list_append (military_model, _("None"));
  for (guint i = 0; military->codes[i] != NULL; i++)
    gtk_string_list_append (military_model, acr_format_code ("military", military->codes[i]));
  military_row = adw_combo_row_new ();
  gtk_widget_set_name (military_row, "military");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (military_row), _(military->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (military_row), G_LIST_MODEL (military_model));
  service = person != NULL ? acr_person_get_string (person, "military") : NULL;
  for (guint i = 0; service != NULL && military->codes[i] != NULL; i++)
    if (g_str_equal (military->codes[i], service))
      adw_combo_row_set_selected (ADW_COMBO_ROW (military_row), i + 1);
  gtk_list_box_append (GTK_LIST_BOX (list), military_row);

  /* Training completion: the end of training moves a member-in-training on. */
  training_end = person != NULL ? acr_person_format_fact (person, "training.end") : NULL;
  training_row = add_entry_row (list, _("End of training (YYYY-MM-DD)"), training_end);
  gtk_widget_set_name (training_row, "training.end");

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "acr-member", g_object_ref (self->shown_member), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "acr-military", military_row);
  g_object_set_data (G_OBJECT (dialog), "acr-training-end", training_row);
  g_signal_connect_object (dialog, "response", G_CALLBACK (edit_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The invoice of the member pane whose number the action carries, in a list of one. */
static GPtrArray *
shown_invoice (AcrMembersPage *self,
               GVariant       *parameter)
{
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);
  const char *number = g_variant_get_string (parameter, NULL);

  for (guint i = 0; self->shown_invoices != NULL && i < self->shown_invoices->len; i++)
    {
      AcrInvoice *invoice = g_ptr_array_index (self->shown_invoices, i);

      if (g_strcmp0 (acr_invoice_get_number (invoice), number) == 0)
        {
          g_ptr_array_add (found, g_object_ref (invoice));
          break;
        }
    }

  return found;
}

static void
acr_members_page_open_invoice (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = shown_invoice (ACR_MEMBERS_PAGE (widget), parameter);
  g_autoptr (GError) error = NULL;

  if (invoice->len > 0 && !acr_invoice_documents_open_pdf (widget, g_ptr_array_index (invoice, 0), &error))
    acr_window_toast_for (widget, error->message);
}

static void
acr_members_page_print_invoice (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = shown_invoice (ACR_MEMBERS_PAGE (widget), parameter);

  acr_invoice_documents_print (widget, invoice);
}

static void
acr_members_page_export_invoice (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  g_autoptr (GPtrArray) invoice = shown_invoice (ACR_MEMBERS_PAGE (widget), parameter);

  acr_invoice_documents_export (widget, invoice, NULL);
}

static void
acr_members_page_create_invoice (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  AcrBilling *billing = get_billing (self);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  if (self->shown_member == NULL || billing == NULL)
    return;

  /* This year's dues; AcrBilling refuses a second standing invoice. */
  acr_date_today (&date);
  invoice = acr_billing_create_invoice (billing, acr_member_get_number (self->shown_member),
                                        g_date_get_year (&date), &date, &error);
  if (invoice == NULL)
    acr_window_toast_for (GTK_WIDGET (self), error->message);
  else
    {
      g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), NULL);
      g_autofree char *text = g_strdup_printf (_("Invoice %s issued: %s"), acr_invoice_get_number (invoice), total);

      acr_window_toast_for (GTK_WIDGET (self), text);
      reload_shown_member (self);
    }
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    AcrMembersPage   *self)
{
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;

  if (g_strcmp0 (response, "retire") != 0 || self->shown_member == NULL)
    return;

  acr_date_today (&date);
  billing = acr_billing_new (self->store, self->rules);
  notes = acr_billing_retire_member (billing, acr_member_get_number (self->shown_member), &date, &error);
  if (notes == NULL)
    {
      acr_window_toast_for (GTK_WIDGET (self), error->message);
      return;
    }

  if (notes->len > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Retirement recorded; %u credit note issued",
                                                            "Retirement recorded; %u credit notes issued", notes->len),
                                               notes->len);

      acr_window_toast_for (GTK_WIDGET (self), text);
    }
  else
    acr_window_toast_for (GTK_WIDGET (self), _("Retirement recorded"));
  reload_shown_member (self);
}

static void
acr_members_page_retire (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->shown_member == NULL)
    return;

  name = acr_member_dup_display_name (self->shown_member);
  heading = g_strdup_printf (_("Record the Retirement of %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading,
                                   _("Retirement is recorded as notified today. The category becomes what the rules decide, "
                                     "and dues the rules no longer owe are credited."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "retire", _("_Record Retirement"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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
  if (self->store != NULL)
    g_clear_signal_handler (&self->committed_id, self->store);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->results);
  g_clear_object (&self->by_name);
  g_clear_object (&self->shown_member);
  g_clear_pointer (&self->shown_invoices, g_ptr_array_unref);
  g_clear_object (&self->billing);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (acr_members_page_parent_class)->dispose (object);
}

/* Back on the lookup: payments or a billing run from another workstation
 * or connection show in the balances. */
static void
acr_members_page_map (GtkWidget *widget)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);

  GTK_WIDGET_CLASS (acr_members_page_parent_class)->map (widget);

  if (self->store != NULL)
    acr_store_notice_other_commits (self->store);
}

static void
acr_members_page_finalize (GObject *object)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (object);

  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_members_page_parent_class)->finalize (object);
}

static void
acr_members_page_class_init (AcrMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_members_page_dispose;
  object_class->finalize = acr_members_page_finalize;
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
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, detail_number_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, detail_name_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, detail_category_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, facts_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, invoices_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, invoices_list);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "members.show-list", NULL, acr_members_page_show_list);
  gtk_widget_class_install_action (widget_class, "members.import", NULL, acr_members_page_import);
  gtk_widget_class_install_action (widget_class, "members.load-sample", NULL, acr_members_page_load_sample);
  gtk_widget_class_install_action (widget_class, "members.edit", NULL, acr_members_page_edit);
  gtk_widget_class_install_action (widget_class, "members.create-invoice", NULL, acr_members_page_create_invoice);
  gtk_widget_class_install_action (widget_class, "members.open-invoice", "s", acr_members_page_open_invoice);
  gtk_widget_class_install_action (widget_class, "members.print-invoice", "s", acr_members_page_print_invoice);
  gtk_widget_class_install_action (widget_class, "members.export-invoice", "s", acr_members_page_export_invoice);
  gtk_widget_class_install_action (widget_class, "members.retire", NULL, acr_members_page_retire);
}

static void
acr_members_page_init (AcrMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->detail_rows = g_ptr_array_new ();
  self->probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  self->probe_b = g_object_new (G_TYPE_OBJECT, NULL);

  build_columns (self);
  watch_visible_range (self);
  acr_drop_down_make_compact (self->category_dropdown);
  acr_drop_down_make_compact (self->status_dropdown);
  acr_drop_down_make_compact (self->chapter_dropdown);
  fill_status_dropdown (self);
  self->index_in_thread_from = INDEX_IN_THREAD_FROM;
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

/**
 * acr_members_page_set_store:
 * @store: (nullable): the member store
 * @error: (nullable): why there is no store, shown in its place
 */
static void
attach_rows (AcrMembersPage *self,
             GListModel     *members)
{
  self->rows = acr_member_rows_new (members);
  /* An empty answer shows a status page, not the list; a shorter one shows
   * first, GTK's rows past it are destroyed after. */
  acr_member_rows_set_hold_when_empty (self->rows, TRUE);
  acr_member_rows_set_shrink_after_frame (self->rows, TRUE);
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
  show_member (self, NULL);
  g_clear_object (&self->billing);
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->has_members = FALSE;
  g_clear_signal_handler (&self->committed_id, self->store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->committed_id = g_signal_connect_object (store, "committed", G_CALLBACK (store_committed_cb),
                                                  self, G_CONNECT_SWAPPED);

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
  if (self->shown_member != NULL)
    {
      g_autoptr (AcrMember) member = g_object_ref (self->shown_member);

      show_member (self, member);
    }
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

  return self->shown_member;
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
  show_member (self, member);
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
