#define G_LOG_DOMAIN "test-ui-member-rows"

#include "config.h"

#include <gio/gio.h>

#include "acr-member-rows.h"
#include "acr-test-ui.h"

/* AcrMemberRows: positions over a list of members, which a new search
 * updates in place. */

static guint n_changes, last_position, last_removed, last_added;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  n_changes++;
  last_position = position;
  last_removed = removed;
  last_added = added;
}

static GListStore *
members_named (const char * const *names)
{
  GListStore *store = g_list_store_new (ACR_TYPE_MEMBER);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (AcrMember) member = acr_member_new ();

      g_assert_true (acr_member_set_field (member, "city", names[i], NULL));
      g_list_store_append (store, member);
    }

  return store;
}

static const char *
city_at (GListModel *rows,
         guint       position)
{
  g_autoptr (AcrMemberRow) row = g_list_model_get_item (rows, position);

  return acr_member_get_city (acr_member_row_get_member (row));
}

static void
test_member_rows_follow_a_new_search_in_place (void)
{
  static const char * const first[] = { "Boston", "Denver", "Miami", "Ottawa", NULL };
  static const char * const second[] = { "Quebec", "Richmond", NULL };
  g_autoptr (GListStore) members = members_named (first);
  g_autoptr (GListStore) narrower = members_named (second);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  g_autoptr (AcrMemberRow) held = NULL;
  gpointer all[4];

  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  g_assert_cmpstr (city_at (G_LIST_MODEL (rows), 2), ==, "Miami");

  /* A view holds the row at position 1. */
  held = g_list_model_get_item (G_LIST_MODEL (rows), 1);
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (held)), ==, "Denver");

  /* The search now finds two members: the held row shows the new second
   * member, and only the two positions past the end are removed. */
  n_changes = 0;
  for (guint i = 0; i < 2; i++)
    all[i] = g_list_model_get_item (G_LIST_MODEL (narrower), i);
  g_list_store_splice (members, 0, 4, all, 2);
  for (guint i = 0; i < 2; i++)
    g_object_unref (all[i]);

  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (held)), ==, "Richmond");
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (last_position, ==, 2);
  g_assert_cmpuint (last_removed, ==, 2);
  g_assert_cmpuint (last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 2));

  /* The same position asked again is the same row while it is held. */
  {
    g_autoptr (AcrMemberRow) again = g_list_model_get_item (G_LIST_MODEL (rows), 1);

    g_assert_true (again == held);
  }
}

static void
test_member_rows_keep_no_row_nobody_holds (void)
{
  static const char * const names[] = { "Boston", "Denver", NULL };
  g_autoptr (GListStore) members = members_named (names);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  AcrMemberRow *row = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  AcrMemberRow *again;

  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);
  g_object_unref (row);
  g_assert_null (row);

  again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (again)), ==, "Boston");
  g_assert_finalize_object (again);
}

static void
on_member_notified (GObject    *row,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
replace_all (GListStore         *members,
             const char * const *names)
{
  g_autoptr (GListStore) fresh = members_named (names);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  g_autofree gpointer *all = g_new (gpointer, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    all[i] = g_list_model_get_item (G_LIST_MODEL (fresh), i);
  g_list_store_splice (members, 0, g_list_model_get_n_items (G_LIST_MODEL (members)), all, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (all[i]);
}

/* A row off screen shows its new member after the frame, or as soon as it
 * is asked; a row on screen at once. */
static void
test_member_rows_fill_rows_on_screen_first (void)
{
  static const char * const first[] = { "Boston", "Denver", "Miami", "Ottawa", "Quebec", "Richmond",
                                        "Seattle", "Tampa", "Utica", "Vancouver", "Windsor", "York", NULL };
  static const char * const second[] = { "Albany", "Bangor", "Camden", "Dover", "Erie", "Fargo",
                                         "Gary", "Helena", "Irving", "Juneau", "Kent", "Laredo", NULL };
  g_autoptr (GListStore) members = members_named (first);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  g_autoptr (AcrMemberRow) on_screen = NULL;
  g_autoptr (AcrMemberRow) off_screen = NULL;
  guint on_notified = 0, off_notified = 0;

  /* Positions 0–1 are on screen (with the margin, 0–5). */
  acr_member_rows_set_visible_range (rows, 0, 2);
  on_screen = g_list_model_get_item (G_LIST_MODEL (rows), 1);
  off_screen = g_list_model_get_item (G_LIST_MODEL (rows), 10);
  g_signal_connect (on_screen, "notify::member", G_CALLBACK (on_member_notified), &on_notified);
  g_signal_connect (off_screen, "notify::member", G_CALLBACK (on_member_notified), &off_notified);

  replace_all (members, second);
  g_assert_cmpuint (on_notified, ==, 1);
  g_assert_cmpuint (off_notified, ==, 0);

  /* Asked, the row off screen answers with its new member. */
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (off_screen)), ==, "Kent");
  g_assert_cmpuint (off_notified, ==, 1);

  /* Unasked, it follows in an idle. */
  replace_all (members, first);
  g_assert_cmpuint (off_notified, ==, 1);
  while (off_notified == 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (off_screen)), ==, "Windsor");

  /* Scrolled to, it is filled before the next frame. */
  replace_all (members, second);
  acr_member_rows_set_visible_range (rows, 9, 3);
  g_assert_cmpuint (off_notified, ==, 3);
}

/* An empty answer keeps the rows for the next one when asked to. */
static void
test_member_rows_hold_an_empty_answer (void)
{
  static const char * const first[] = { "Boston", "Denver", "Miami", NULL };
  static const char * const none[] = { NULL };
  static const char * const second[] = { "Quebec", "Richmond", NULL };
  g_autoptr (GListStore) members = members_named (first);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  g_autoptr (AcrMemberRow) held = g_list_model_get_item (G_LIST_MODEL (rows), 0);

  acr_member_rows_set_hold_when_empty (rows, TRUE);
  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  n_changes = 0;

  replace_all (members, none);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);

  /* The next answer fills the same rows and drops only the surplus. */
  replace_all (members, second);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (last_position, ==, 2);
  g_assert_cmpuint (last_removed, ==, 1);
  g_assert_cmpuint (last_added, ==, 0);
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (held)), ==, "Quebec");

  /* Without the hold, an empty answer is an empty list. */
  replace_all (members, none);
  g_assert_cmpuint (n_changes, ==, 1);
  acr_member_rows_set_hold_when_empty (rows, FALSE);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
}

/* With shrink-after-frame, a shorter answer first blanks the positions past
 * it, and removes them in an idle (after the frame that shows the answer). */
static void
test_member_rows_shrink_after_the_frame (void)
{
  static const char * const first[] = { "Boston", "Denver", "Miami", "Ottawa", "Quebec", "Richmond", NULL };
  static const char * const shorter[] = { "Albany", "Bangor", NULL };
  static const char * const longer[] = { "Camden", "Dover", "Erie", NULL };
  g_autoptr (GListStore) members = members_named (first);
  g_autoptr (AcrMemberRows) rows = acr_member_rows_new (G_LIST_MODEL (members));
  g_autoptr (AcrMemberRow) past = g_list_model_get_item (G_LIST_MODEL (rows), 4);

  acr_member_rows_set_shrink_after_frame (rows, TRUE);
  g_signal_connect (rows, "items-changed", G_CALLBACK (items_changed_cb), NULL);
  n_changes = 0;

  replace_all (members, shorter);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 6);
  g_assert_null (acr_member_row_get_member (past));
  g_assert_cmpstr (city_at (G_LIST_MODEL (rows), 1), ==, "Bangor");
  while (n_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (last_position, ==, 2);
  g_assert_cmpuint (last_removed, ==, 4);
  g_assert_cmpuint (last_added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);

  /* Another answer before the idle: the positions it fills are filled, only the rest removed. */
  replace_all (members, first);
  n_changes = 0;
  replace_all (members, shorter);
  replace_all (members, longer);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpstr (city_at (G_LIST_MODEL (rows), 2), ==, "Erie");
  g_assert_null (acr_member_row_get_member (past));
  while (n_changes == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (last_position, ==, 3);
  g_assert_cmpuint (last_removed, ==, 3);

  /* As long an answer as before, before the idle: nothing to remove at all. */
  replace_all (members, first);
  n_changes = 0;
  replace_all (members, shorter);
  replace_all (members, first);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 6);
  g_assert_cmpstr (acr_member_get_city (acr_member_row_get_member (past)), ==, "Quebec");
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/member-rows/follow-a-new-search-in-place", test_member_rows_follow_a_new_search_in_place);
  g_test_add_func ("/acr/ui/member-rows/keep-no-row-nobody-holds", test_member_rows_keep_no_row_nobody_holds);
  g_test_add_func ("/acr/ui/member-rows/fill-rows-on-screen-first", test_member_rows_fill_rows_on_screen_first);
  g_test_add_func ("/acr/ui/member-rows/hold-an-empty-answer", test_member_rows_hold_an_empty_answer);
  g_test_add_func ("/acr/ui/member-rows/shrink-after-the-frame", test_member_rows_shrink_after_the_frame);

  return g_test_run ();
}
