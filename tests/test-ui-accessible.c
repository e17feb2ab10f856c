#define G_LOG_DOMAIN "test-ui-accessible"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "acr-applicant-form.h"
#include "acr-member-pane.h"
#include "acr-retire-dialog.h"
#include "acr-sample-data.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"
#include "acr-window.h"

/* What screen readers hear (issue 13, item 24): buttons are named without
 * their raw mnemonic (GTK 4.8 said "_Refuse Refuse"), and the calendar
 * buttons of date fields without "on on". GTK's test accessibility backend
 * records the properties set. */

typedef struct
{
  char      *dir;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GError) error = NULL;

  g_settings_set_string (settings, "last-view", "applications");
  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  g_assert_true (acr_sample_data_generate (f->store, 30, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  f->window = acr_test_ui_show_window (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog = acr_test_ui_find_toplevel (ACR_TYPE_RETIRE_DIALOG);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  acr_test_ui_close_window (f->window, f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Every button below @widget with a mnemonic is named by its label without
 * it; returns how many were checked. */
static guint
check_buttons (GtkWidget *widget)
{
  guint n = 0;

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      strchr (gtk_button_get_label (GTK_BUTTON (widget)), '_') != NULL)
    {
      g_autoptr (GString) expected = g_string_new (gtk_button_get_label (GTK_BUTTON (widget)));
      g_autofree char *wrong = NULL;

      g_string_replace (expected, "_", "", 1);
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, expected->str);
      if (wrong != NULL)
        g_test_message ("button “%s” is named “%s”", gtk_button_get_label (GTK_BUTTON (widget)), wrong);
      g_assert_null (wrong);
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += check_buttons (child);
  return n;
}

static void
test_window_buttons_named_without_mnemonics (Fixture       *f,
                                             gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *refuse = acr_test_ui_find_action_button (GTK_WIDGET (form), "application.refuse");
  g_autofree char *wrong = NULL;

  g_assert_nonnull (refuse);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (refuse), GTK_ACCESSIBLE_PROPERTY_LABEL, "Refuse");
  g_assert_null (wrong);
  /* Applications, Members (with a member open) and Billing. */
  acr_members_page_show_member (acr_window_get_members_page (f->window), 1);
  g_assert_cmpuint (check_buttons (GTK_WIDGET (f->window)), >, 5);
}

static void
test_dialog_buttons_named_without_mnemonics (Fixture       *f,
                                             gconstpointer  data)
{
  AcrMembersPage *page = acr_window_get_members_page (f->window);
  GtkWidget *pane = acr_test_ui_find_widget (GTK_WIDGET (page), ACR_TYPE_MEMBER_PANE, NULL);
  GtkWindow *dialog;
  guint number = 0;

  /* An active member to retire. */
  for (guint i = 1; i <= 30 && number == 0; i++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, i, NULL);

      if (member != NULL && acr_member_has_status (member, ACR_MEMBER_STATUS_ACTIVE))
        number = i;
    }
  g_assert_cmpuint (number, !=, 0);
  acr_members_page_show_member (page, number);
  g_assert_true (gtk_widget_activate_action (pane, "members.retire", NULL));
  dialog = acr_test_ui_find_toplevel (ACR_TYPE_RETIRE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (check_buttons (GTK_WIDGET (dialog)), ==, 2);
}

/* The calendar button of "Retirement notified on" is not "Choose
 * Retirement notified on on a Calendar". */
static void
test_calendar_button_named_once (Fixture       *f,
                                 gconstpointer  data)
{
  AcrApplicantForm *form = acr_window_get_applicant_form (f->window);
  GtkWidget *row = acr_test_ui_find_widget (GTK_WIDGET (form), ADW_TYPE_ENTRY_ROW, "retired_on");
  GtkWidget *button = NULL;
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();
  g_autofree char *wrong = NULL;

  g_assert_nonnull (row);
  g_ptr_array_add (todo, row);
  while (todo->len > 0 && button == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (todo, todo->len - 1);

      if (GTK_IS_MENU_BUTTON (widget) || (GTK_IS_BUTTON (widget) && gtk_widget_get_tooltip_text (widget) != NULL))
        button = widget;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_assert_nonnull (button);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Retirement notified on: choose on a calendar");
  g_assert_null (wrong);
}

/* The About window's icon is found from the build tree too. */
static void
test_about_icon_found (Fixture       *f,
                       gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (f->window)));
  g_autoptr (GtkIconPaintable) icon = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_true (g_str_has_suffix (uri, "org.acr.Membership.svg"));
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);
  /* Record accessible properties (acr_test_ui_init turns accessibility off). */
  g_setenv ("GTK_A11Y", "test", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/ui/accessible/window-buttons-named-without-mnemonics", test_window_buttons_named_without_mnemonics);
  ADD ("/acr/ui/accessible/dialog-buttons-named-without-mnemonics", test_dialog_buttons_named_without_mnemonics);
  ADD ("/acr/ui/accessible/calendar-button-named-once", test_calendar_button_named_once);
  ADD ("/acr/ui/accessible/about-icon-found", test_about_icon_found);
#undef ADD

  return g_test_run ();
}
