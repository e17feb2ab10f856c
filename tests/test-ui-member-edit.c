#define G_LOG_DOMAIN "test-ui-member-edit"

#include "config.h"

#include <adwaita.h>

#include "acr-member-edit-dialog.h"
#include "acr-member-pane.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* Editing a member through the member pane's dialog, on a temporary
 * database with sample members: what the dialog saves is what the rules
 * make of the edited facts, not only the facts. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

static gboolean
has_label_starting_with (GtkWidget  *widget,
                         const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_starting_with (child, prefix))
      return TRUE;

  return FALSE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;

  g_settings_set_string (settings, "last-view", "members");
  fixture->dir = acr_test_make_temp_dir ();
  fixture->store = acr_test_open_store (fixture->dir);

  fixture->window = acr_test_ui_show_window (fixture->store);

  g_assert_true (acr_members_page_load_sample_data (acr_window_get_members_page (fixture->window), 300, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  acr_test_ui_close_window (fixture->window, fixture->store);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* A resident or fellow in the sample: the end of their training moves them on. */
static guint
find_trainee (Fixture *fixture)
{
  GListModel *results = G_LIST_MODEL (acr_members_page_get_results (acr_window_get_members_page (fixture->window)));

  for (guint i = 0; i < g_list_model_get_n_items (results) && i < 300; i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (results, i);
      g_autoptr (AcrPerson) person = NULL;

      if (g_strcmp0 (acr_member_get_category (member), "member-in-training") != 0)
        continue;
      person = acr_member_dup_person (member, NULL);
      if (person != NULL && g_strcmp0 (acr_person_get_string (person, "profession"), "physician") == 0)
        return acr_member_get_number (member);
    }

  return 0;
}

/* As staff would: open the member, open the dialog, type in one row, save. */
static void
edit_member (Fixture    *fixture,
             guint       number,
             const char *row,
             const char *text)
{
  AcrMembersPage *page = acr_window_get_members_page (fixture->window);
  GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  AcrMemberEditDialog *dialog;
  GtkWidget *entry;

  g_assert_nonnull (pane);
  acr_members_page_show_member (page, number);
  g_assert_true (gtk_widget_activate_action (pane, "members.edit", NULL));
  dialog = ACR_MEMBER_EDIT_DIALOG (acr_test_ui_find_toplevel (ACR_TYPE_MEMBER_EDIT_DIALOG));
  g_assert_nonnull (dialog);
  entry = acr_test_ui_find_widget (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)), ADW_TYPE_ENTRY_ROW, row);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_member_edit_ending_training_reclassifies (Fixture       *fixture,
                                               gconstpointer  data)
{
  AcrMembersPage *page = acr_window_get_members_page (fixture->window);
  GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  AcrRules *rules = acr_window_get_rules (fixture->window);
  g_autoptr (AcrMember) stored = NULL;
  g_autofree char *heading = NULL;
  AcrCategory *category;
  AcrMember *shown;
  guint number;

  g_assert_nonnull (pane);
  g_assert_nonnull (rules);
  number = find_trainee (fixture);
  g_assert_cmpuint (number, !=, 0);

  /* Training ended years ago: member-in-training ended six months after. */
  edit_member (fixture, number, "training.end", "2020-06-30");

  /* The store holds the new category … */
  stored = acr_store_lookup_member (fixture->store, number, NULL);
  g_assert_nonnull (stored);
  g_assert_nonnull (acr_member_get_category (stored));
  g_assert_cmpstr (acr_member_get_category (stored), !=, "member-in-training");
  category = acr_rules_lookup_category (rules, acr_member_get_category (stored));
  g_assert_nonnull (category);

  /* … and the pane shows it, in the line under the name ("category · status"). */
  shown = acr_members_page_get_shown_member (page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (acr_member_get_number (shown), ==, number);
  g_assert_cmpstr (acr_member_get_category (shown), ==, acr_member_get_category (stored));
  heading = g_strconcat (acr_category_get_name (category), " · ", NULL);
  g_assert_true (has_label_starting_with (pane, heading));
}

/* Contact details alone leave the category where it was. */
static void
test_member_edit_of_contact_keeps_the_category (Fixture       *fixture,
                                                gconstpointer  data)
{
  AcrMembersPage *page = acr_window_get_members_page (fixture->window);
  g_autoptr (AcrMember) stored = NULL;
  guint number = find_trainee (fixture);

  g_assert_cmpuint (number, !=, 0);
  edit_member (fixture, number, "city", "Charlottesville");

  stored = acr_store_lookup_member (fixture->store, number, NULL);
  g_assert_cmpstr (acr_member_get_city (stored), ==, "Charlottesville");
  g_assert_cmpstr (acr_member_get_category (stored), ==, "member-in-training");
  g_assert_cmpstr (acr_member_get_category (acr_members_page_get_shown_member (page)), ==, "member-in-training");
}

/* Issue 11, item 5: staff can say whose military service it is on an old
 * record (the dues of a member with "military" but no military_country are
 * refused until they do). */
static void
test_member_edit_sets_military_country (Fixture       *fixture,
                                        gconstpointer  data)
{
  g_autoptr (AcrMember) stored = NULL;
  g_autoptr (AcrPerson) person = NULL;
  guint number = find_trainee (fixture);

  g_assert_cmpuint (number, !=, 0);
  edit_member (fixture, number, "military_country", "us");

  stored = acr_store_lookup_member (fixture->store, number, NULL);
  person = acr_member_dup_person (stored, NULL);
  g_assert_nonnull (person);
  g_assert_cmpstr (acr_person_get_string (person, "military_country"), ==, "US");
}

/* Anonymise… asks twice, the second time for the reason recorded; then the pane shows the anonymised member. */
static void
test_member_anonymise_is_confirmed_twice (Fixture       *fixture,
                                          gconstpointer  data)
{
  AcrMembersPage *page = acr_window_get_members_page (fixture->window);
  GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  g_autoptr (AcrMember) stored = NULL;
  AdwMessageDialog *first, *second;
  GtkWidget *reason;

  g_assert_nonnull (pane);
  acr_members_page_show_member (page, 5);
  g_assert_true (gtk_widget_activate_action (pane, "members.anonymise", NULL));
  first = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (first), "Anonymise "));
  adw_message_dialog_response (first, "continue");
  gtk_window_destroy (GTK_WINDOW (first));

  /* Nothing is done before the second answer. */
  stored = acr_store_lookup_member (fixture->store, 5, NULL);
  g_assert_cmpstr (acr_member_get_family_name (stored), !=, "Anonymised member 0000005");
  g_clear_object (&stored);

  second = ADW_MESSAGE_DIALOG (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_false (adw_message_dialog_get_response_enabled (second, "anonymise"));
  reason = adw_message_dialog_get_extra_child (second);
  gtk_editable_set_text (GTK_EDITABLE (reason), "Request by letter of 2026-12-01");
  g_assert_true (adw_message_dialog_get_response_enabled (second, "anonymise"));
  adw_message_dialog_response (second, "anonymise");
  gtk_window_destroy (GTK_WINDOW (second));

  stored = acr_store_lookup_member (fixture->store, 5, NULL);
  g_assert_cmpstr (acr_member_get_family_name (stored), ==, "Anonymised member 0000005");
  g_assert_cmpstr (acr_member_get_family_name (acr_members_page_get_shown_member (page)), ==, "Anonymised member 0000005");
  /* Not twice: the action is off, no dialog opens. */
  gtk_widget_activate_action (pane, "members.anonymise", NULL);
  g_assert_null (acr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add ("/acr/ui/member-edit/ending-training-reclassifies", Fixture, NULL,
              fixture_set_up, test_member_edit_ending_training_reclassifies, fixture_tear_down);
  g_test_add ("/acr/ui/member-edit/contact-edit-keeps-the-category", Fixture, NULL,
              fixture_set_up, test_member_edit_of_contact_keeps_the_category, fixture_tear_down);
  g_test_add ("/acr/ui/member-edit/sets-military-country", Fixture, NULL,
              fixture_set_up, test_member_edit_sets_military_country, fixture_tear_down);

  g_test_add ("/acr/ui/member-edit/anonymise-is-confirmed-twice", Fixture, NULL,
              fixture_set_up, test_member_anonymise_is_confirmed_twice, fixture_tear_down);

  return g_test_run ();
}
