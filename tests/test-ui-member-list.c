#define G_LOG_DOMAIN "test-ui-member-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "acr-billing.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-search-results.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* The member list (issue 13, item 14): every column resizes and sorts both
 * ways, Balance too; a cell too narrow for its text ends in an ellipsis
 * with the whole text in its tooltip; amounts are never cut ("l 120,00 $"
 * was "1 120,00 $" with its first digit gone). English and French. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

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
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  guint billed = 0;
  GDate on;

  g_setenv ("LANGUAGE", data, TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_settings_set_string (settings, "last-view", "members");
  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  g_assert_true (acr_sample_data_generate (f->store, 120, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  f->window = acr_test_ui_show_window (f->store);

  /* Balances of all sizes: $1,000 and more owed by some. */
  billing = acr_billing_new (f->store, acr_window_get_rules (f->window));
  acr_date_today (&on);
  for (guint number = 1; number <= 120 && billed < 12; number++)
    {
      g_autoptr (AcrInvoice) invoice = acr_billing_create_invoice (billing, number, g_date_get_year (&on), &on, NULL);

      billed += invoice != NULL;
    }
  g_assert_cmpuint (billed, ==, 12);
  iterate ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_ui_close_window (f->window, f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_unsetenv ("LANGUAGE");
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (acr_test_ui_find_widget (GTK_WIDGET (acr_window_get_members_page (f->window)),
                                                   GTK_TYPE_COLUMN_VIEW, NULL));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
  return NULL;
}

static AcrMember *
member_at (Fixture *f,
           guint    position)
{
  GListModel *results = G_LIST_MODEL (acr_members_page_get_results (acr_window_get_members_page (f->window)));

  return g_list_model_get_item (results, position);
}

static void
sort_by (Fixture              *f,
         const char           *title,
         GtkSortType           direction)
{
  gtk_column_view_sort_by_column (column_view (f), column_titled (f, title), direction);
  iterate ();
}

static gint64
balance_at (Fixture *f,
            guint    position)
{
  g_autoptr (AcrBilling) billing = acr_billing_new (f->store, acr_window_get_rules (f->window));
  g_autoptr (AcrMember) member = member_at (f, position);
  gint64 balance = 0;

  g_assert_true (acr_billing_get_member_balance (billing, member, &balance, NULL));
  return balance;
}

static void
test_every_column_sorts_and_resizes (Fixture       *f,
                                     gconstpointer  data)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 7);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
      g_assert_true (gtk_column_view_column_get_resizable (column));
    }
}

static void
test_balance_sorts_both_ways (Fixture       *f,
                              gconstpointer  data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (acr_members_page_get_results (acr_window_get_members_page (f->window))));

  g_assert_cmpuint (n, ==, 120);
  sort_by (f, _("Balance"), GTK_SORT_DESCENDING);
  g_assert_cmpint (balance_at (f, 0), >, 0);
  g_assert_cmpint (balance_at (f, 0), >=, balance_at (f, 1));
  g_assert_cmpint (balance_at (f, n - 1), ==, 0);

  sort_by (f, _("Balance"), GTK_SORT_ASCENDING);
  g_assert_cmpint (balance_at (f, 0), ==, 0);
  g_assert_cmpint (balance_at (f, n - 1), >, 0);
}

static void
test_number_sorts_both_ways (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (AcrMember) first = NULL;

  sort_by (f, _("Number"), GTK_SORT_DESCENDING);
  first = member_at (f, 0);
  g_assert_cmpuint (acr_member_get_number (first), ==, 120);
  g_clear_object (&first);
  sort_by (f, _("Number"), GTK_SORT_ASCENDING);
  first = member_at (f, 0);
  g_assert_cmpuint (acr_member_get_number (first), ==, 1);
  g_clear_object (&first);

  sort_by (f, _("City"), GTK_SORT_DESCENDING);
  {
    g_autoptr (AcrMember) a = member_at (f, 0);
    g_autoptr (AcrMember) b = member_at (f, 1);

    g_autofree char *city_a = acr_search_fold (acr_member_get_city (a));
    g_autofree char *city_b = acr_search_fold (acr_member_get_city (b));

    g_assert_cmpstr (city_a, >=, city_b);
  }
}

/* Every cell shown ends in an ellipsis when cut, carries its whole text as
 * a tooltip, and an amount's cell is wide enough for the amount. */
static void
check_cells (GtkWidget *widget,
             guint     *n_cells,
             guint     *n_amounts)
{
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

      g_assert_cmpint (gtk_inscription_get_text_overflow (GTK_INSCRIPTION (widget)), ==,
                       GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      if (text != NULL && *text != '\0')
        {
          g_assert_cmpstr (gtk_widget_get_tooltip_text (widget), ==, text);
          (*n_cells)++;
          if (g_utf8_strchr (text, -1, '$') != NULL)
            {
              g_assert_cmpuint (gtk_inscription_get_min_chars (GTK_INSCRIPTION (widget)), >=,
                                g_utf8_strlen (text, -1));
              (*n_amounts)++;
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    check_cells (child, n_cells, n_amounts);
}

static void
test_cells_ellipsize_with_tooltip (Fixture       *f,
                                   gconstpointer  data)
{
  guint n_cells = 0, n_amounts = 0;

  sort_by (f, _("Balance"), GTK_SORT_DESCENDING);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  check_cells (GTK_WIDGET (column_view (f)), &n_cells, &n_amounts);
  g_assert_cmpuint (n_cells, >, 20);
  g_assert_cmpuint (n_amounts, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  acr_test_ui_use_build_catalogs ();

#define ADD(path, language, func) g_test_add (path, Fixture, language, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/ui/member-list/every-column-sorts-and-resizes", "en", test_every_column_sorts_and_resizes);
  ADD ("/acr/ui/member-list/balance-sorts-both-ways", "en", test_balance_sorts_both_ways);
  ADD ("/acr/ui/member-list/number-sorts-both-ways", "en", test_number_sorts_both_ways);
  ADD ("/acr/ui/member-list/cells-ellipsize-with-tooltip", "en", test_cells_ellipsize_with_tooltip);
  ADD ("/acr/ui/member-list/cells-ellipsize-with-tooltip-french", "fr", test_cells_ellipsize_with_tooltip);
#undef ADD

  return g_test_run ();
}
