#define G_LOG_DOMAIN "test-ui-members-clear"

#include "config.h"

#include <adwaita.h>

#include "acr-member-rows.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* A cleared search shows every member again. At a million members GTK 4.8
 * built its 200 rows (1,400 cells) before the first frame (p95 113-123 ms);
 * now only the rows on screen come first, the others after the frame
 * (AcrMemberRows "grow-after-frame"). */

#define DEADLINE_US (30 * G_USEC_PER_SEC)

static guint n_changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  n_changes++;
}

static GListStore *
members_in (const char *city,
            guint       count)
{
  GListStore *store = g_list_store_new (ACR_TYPE_MEMBER);

  for (guint i = 0; i < count; i++)
    {
      g_autoptr (AcrMember) member = acr_member_new ();

      g_assert_true (acr_member_set_field (member, "city", city, NULL));
      g_list_store_append (store, member);
    }

  return store;
}

/* Runs the main loop until @rows holds @n positions, within the deadline. */
static void
wait_for_n_items (GListModel *rows,
                  guint       n)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_US;

  while (g_list_model_get_n_items (rows) != n)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_member_rows_grow_after_the_frame (void)
{
  g_autoptr (GListStore) members = members_in ("Boston", 2);
  g_autoptr (GListStore) everyone = members_in ("Denver", 1000);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  guint n;

  acr_member_rows_set_grow_after_frame (rows, TRUE);
  acr_member_rows_set_visible_range (rows, 0, 20);
  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), NULL);

  /* A thousand matches after two: at once, the positions on screen only. */
  n_changes = 0;
  acr_member_rows_set_members (rows, G_LIST_MODEL (everyone));
  n = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_assert_cmpuint (n, >=, 20);
  g_assert_cmpuint (n, <=, 24);

  /* The others after the frame, in steps: every position in the end. */
  wait_for_n_items (G_LIST_MODEL (rows), 1000);
  g_assert_cmpuint (n_changes, >, 2);
  {
    g_autoptr (AcrMemberRow) last = g_list_model_get_item (G_LIST_MODEL (rows), 999);

    g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (last)), ==, "Denver");
  }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 1000));
}

static void
test_member_rows_shorter_answer_stops_growing (void)
{
  g_autoptr (GListStore) members = members_in ("Boston", 1);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  g_autoptr (GListStore) many = members_in ("Denver", 500);
  g_autoptr (GListStore) few = members_in ("Miami", 3);

  acr_member_rows_set_grow_after_frame (rows, TRUE);
  acr_member_rows_set_visible_range (rows, 0, 10);

  acr_member_rows_set_members (rows, G_LIST_MODEL (many));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 500);

  /* Typed again before the rest came: three it is, and stays. */
  acr_member_rows_set_members (rows, G_LIST_MODEL (few));
  wait_for_n_items (G_LIST_MODEL (rows), 3);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);

  /* Turned off while growing: the rest at once. */
  acr_member_rows_set_members (rows, G_LIST_MODEL (many));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), <, 500);
  acr_member_rows_set_grow_after_frame (rows, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 500);
}

/* The page: a search down to one member, then cleared. */
static void
test_members_cleared_search_shows_rows_on_screen_first (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  AcrStore *store;
  AcrWindow *window;
  AcrMembersPage *page;
  GListModel *results, *shown;
  GtkColumnView *view;
  g_autoptr (AcrMember) first = NULL;
  g_autofree char *number = NULL;
  gint64 deadline;

  g_settings_set_string (settings, "last-view", "members");
  store = acr_test_open_store (dir);
  window = acr_test_ui_show_window (store);
  page = acr_window_get_members_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.load-sample", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  results = G_LIST_MODEL (acr_members_page_get_results (page));
  view = GTK_COLUMN_VIEW (acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL));
  shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2000);

  /* One member: their number. */
  first = g_list_model_get_item (results, 0);
  number = g_strdup_printf ("%07u", acr_member_get_number (first));
  acr_search_results_set_text (ACR_SEARCH_RESULTS (results), number);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);

  /* Cleared: the list view is told of the rows on screen, not of 2,000. */
  acr_search_results_set_text (ACR_SEARCH_RESULTS (results), "");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 100);

  /* After the frames: every member, the first at the top. */
  deadline = g_get_monotonic_time () + DEADLINE_US;
  while (g_list_model_get_n_items (shown) != 2000)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (acr_members_page_get_state (page), ==, "list");
  {
    g_autoptr (GObject) row = g_list_model_get_item (shown, 0);
    AcrMember *member = acr_member_row_get_member (ACR_MEMBER_ROW (row));

    g_assert_cmpuint (acr_member_get_number (member), ==, acr_member_get_number (first));
  }

  acr_test_ui_close_window (window, store);
  acr_test_remove_tree (dir);
}

/* A large membership opened: the rows on screen before GTK's others, the
 * search index read meanwhile in a thread. */
static void
test_members_large_store_shows_rows_on_screen_first (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) reopened = NULL;
  AcrStore *store;
  AcrWindow *window;
  AcrMembersPage *page;
  GListModel *shown;
  GtkColumnView *view;
  gint64 deadline;

  g_settings_set_string (settings, "last-view", "members");
  store = acr_test_open_store (dir);
  window = acr_test_ui_show_window (store);
  page = acr_window_get_members_page (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "members.load-sample", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  view = GTK_COLUMN_VIEW (acr_test_ui_find_widget (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, NULL));

  /* 2,000 members count as many here; the same file opened again. */
  _acr_members_page_set_index_in_thread_from (page, 0);
  _acr_members_page_set_rows_after_frame_from (page, 0);
  reopened = acr_store_open (path, &error);
  g_assert_no_error (error);
  acr_window_set_store (window, reopened, NULL);

  shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_assert_cmpstr (acr_members_page_get_state (page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, 100);

  deadline = g_get_monotonic_time () + DEADLINE_US;
  while (g_list_model_get_n_items (shown) != 2000 || acr_members_page_get_results (page) == NULL)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (acr_members_page_get_results (page))), ==, 2000);

  acr_test_ui_close_window (window, store);
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/member-rows/grow-after-the-frame", test_member_rows_grow_after_the_frame);
  g_test_add_func ("/acr/ui/member-rows/shorter-answer-stops-growing", test_member_rows_shorter_answer_stops_growing);
  g_test_add_func ("/acr/ui/members/cleared-search-shows-rows-on-screen-first",
                   test_members_cleared_search_shows_rows_on_screen_first);
  g_test_add_func ("/acr/ui/members/large-store-shows-rows-on-screen-first",
                   test_members_large_store_shows_rows_on_screen_first);

  return g_test_run ();
}
