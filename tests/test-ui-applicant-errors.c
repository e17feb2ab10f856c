#define G_LOG_DOMAIN "test-ui-applicant-errors"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-window.h"
#include "acr-test-ui.h"

/* Failures of the applicant form that staff must hear about: a draft the
 * store refuses (a toast) and a member added without the year's first
 * invoice (a dialog). The store is made to fail by removing, from a second
 * connection, the one table the failing write needs. */

static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
row (AcrWindow  *window,
     const char *name)
{
  GtkWidget *found = find_widget (GTK_WIDGET (acr_window_get_applicant_form (window)),
                                  ADW_TYPE_PREFERENCES_ROW, name);

  g_assert_nonnull (found);
  return found;
}

static void
choose (AcrWindow  *window,
        const char *fact,
        const char *label)
{
  AdwComboRow *combo = ADW_COMBO_ROW (row (window, fact));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }

  g_error ("%s has no item “%s”", fact, label);
}

static void
tick (GtkWidget  *container,
      const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (container);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (child, GTK_TYPE_CHECK_BUTTON, NULL)), TRUE);
          return;
        }

      tick (child, title);
    }
}

static void
drop_table (const char *path,
            const char *table)
{
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("DROP TABLE %s", table);
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  g_assert_null (message);
  sqlite3_close (db);
}

static AcrWindow *
create_window_on (AcrStore *store)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  AcrWindow *window;

  g_settings_set_string (settings, "last-view", "applications");
  window = g_object_ref (acr_window_new (NULL));
  acr_window_set_store (window, store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

/* Spins the main loop until @prefix shows in @widget, for at most 5 s. */
static GtkWidget *
wait_for_label (GtkWidget  *widget,
                const char *prefix)
{
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *found;

  while ((found = find_label_starting (widget, prefix)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  return found;
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)), heading) == 0)
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static char *
make_database (char **dir)
{
  g_autoptr (GError) error = NULL;

  *dir = g_dir_make_tmp ("acr-ui-applicant-errors-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*dir, "members.db", NULL);
}

static void
remove_database (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_applicant_form_failed_draft_save_is_toasted (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AcrWindow *window;

  g_assert_no_error (error);
  window = create_window_on (store);
  drop_table (path, "drafts");

  gtk_editable_set_text (GTK_EDITABLE (row (window, "given_name")), "Ada");
  g_assert_nonnull (wait_for_label (GTK_WIDGET (window), "The application could not be kept as a draft: "));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  remove_database (dir);
}

static void
test_applicant_form_member_without_first_invoice_is_told (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_database (&dir);
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (path, &error);
  AcrWindow *window;
  AdwMessageDialog *dialog;

  g_assert_no_error (error);
  window = create_window_on (store);

  gtk_editable_set_text (GTK_EDITABLE (row (window, "given_name")), "Ada");
  gtk_editable_set_text (GTK_EDITABLE (row (window, "family_name")), "Moreau");
  gtk_editable_set_text (GTK_EDITABLE (row (window, "country")), "US");
  choose (window, "profession", "Physician");
  choose (window, "discipline", "Radiology");
  tick (row (window, "certifications"), "American Board of Radiology (ABR)");

  /* Invoices cannot be numbered any more; members can still be added. */
  drop_table (path, "invoice_counters");
  gtk_widget_activate_action (GTK_WIDGET (acr_window_get_applicant_form (window)), "application.approve", NULL);
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 1);

  dialog = find_dialog ("No First Invoice");
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "Member "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "first invoice was not created"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_assert_finalize_object (store);
  remove_database (dir);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add_func ("/acr/ui/applicant-form/failed-draft-save-is-toasted",
                   test_applicant_form_failed_draft_save_is_toasted);
  g_test_add_func ("/acr/ui/applicant-form/member-without-first-invoice-is-told",
                   test_applicant_form_member_without_first_invoice_is_told);

  return g_test_run ();
}
