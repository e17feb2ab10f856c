#define G_LOG_DOMAIN "test-ui-rules-when"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "acr-decision-view.h"
#include "acr-rules.h"
#include "acr-test-ui.h"

/* Issue 11: the decision pane never shows a blank category for the next
 * change; a change to no category says so. */

static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
next_change_shown (const char *json,
                   const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_default (&error);
  g_autoptr(AcrPerson) person = NULL;
  g_autoptr(AcrDecision) decision = NULL;
  GtkWidget *view;
  AdwActionRow *row;
  GDate on;
  char *subtitle;

  g_assert_no_error (error);
  person = acr_person_new_from_data (json, -1, "person.json", &error);
  g_assert_no_error (error);
  g_date_clear (&on, 1);
  g_assert_true (acr_date_parse_iso (iso, &on));
  decision = acr_rules_classify (rules, person, &on, &error);
  g_assert_no_error (error);

  view = g_object_ref_sink (g_object_new (ACR_TYPE_DECISION_VIEW, NULL));
  acr_decision_view_show (ACR_DECISION_VIEW (view), rules, decision, NULL, NULL);
  row = find_row (view, "Next change");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  subtitle = g_strdup (adw_action_row_get_subtitle (row));
  g_object_unref (view);

  return subtitle;
}

static void
test_next_change_to_no_category_is_named (void)
{
  g_autofree char *student =
    next_change_shown ("{\"profession\": \"medical-student\", \"training\": {\"stage\": \"medical-school\","
                       " \"approved\": true, \"country\": \"US\", \"end\": \"2026-05-31\"}}", "2026-09-01");
  g_autofree char *fellow =
    next_change_shown ("{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"ABR\"],"
                       " \"country\": \"US\", \"region\": \"VA\", \"training\": {\"stage\": \"fellowship\","
                       " \"approved\": true, \"country\": \"US\", \"end\": \"2026-06-30\"}}", "2026-09-01");

  g_assert_true (g_str_has_prefix (student, "No category from 2026-11-30: "));
  g_assert_null (strstr (student, "appropriate category"));
  g_assert_true (g_str_has_prefix (fellow, "General member from 2026-12-30: "));
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/rules-when/next-change-to-no-category-is-named", test_next_change_to_no_category_is_named);

  return g_test_run ();
}
