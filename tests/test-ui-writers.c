#define G_LOG_DOMAIN "test-ui-writers"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "acr-invoice-documents.h"
#include "acr-test-invoices.h"
#include "acr-window.h"
#include "acr-test-ui.h"
#include "acr-test-utils.h"

/* The application's invoice export goes through the save dialog, which
 * asks before replacing a file; even when the user confirms, it never
 * replaces the open database, and what it writes is 0600. */

typedef struct
{
  char      *dir;
  char      *cwd;
  char      *db;
  AcrStore  *store;
  AcrWindow *window;
} Fixture;

/* Exports one invoice to @path through the save dialog, as a user who
 * types the name and confirms replacing an existing file would. */
static void
export_through_dialog (Fixture    *fixture,
                       const char *path)
{
  g_autoptr (GPtrArray) invoices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) chosen = NULL;
  g_autofree char *name = g_file_get_basename (file);
  gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWindow *chooser;

  g_ptr_array_add (invoices, acr_test_invoice_new_generated (3, 2027));
  acr_invoice_documents_export (GTK_WIDGET (fixture->window), invoices, "mailing.pdf");
  chooser = acr_test_ui_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The dialog starts in the current folder, the fixture's: the name
   * alone chooses the file, as typed. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  while (((chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL ||
          !g_file_equal (chosen, file)) && g_get_monotonic_time () < deadline)
    {
      g_clear_object (&chosen);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  if (chosen == NULL || !g_file_equal (chosen, file))
    g_error ("the dialog chose %s, not %s", chosen ? g_file_peek_path (chosen) : "nothing", path);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (exists)
    {
      /* GTK's own question: replace the file? Yes. */
      GtkWindow *confirm = acr_test_ui_wait_for_toplevel (GTK_TYPE_MESSAGE_DIALOG);

      g_assert_nonnull (confirm);
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }

  /* The export ran when the job is gone. */
  while (g_object_get_data (G_OBJECT (fixture->window), "acr-invoice-export") != NULL &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (g_object_get_data (G_OBJECT (fixture->window), "acr-invoice-export"));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = acr_test_make_temp_dir ();
  fixture->cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  fixture->db = g_build_filename (fixture->dir, "members.db", NULL);
  fixture->store = acr_test_open_store (fixture->dir);

  fixture->window = acr_test_ui_show_window (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  acr_test_ui_close_window (fixture->window, fixture->store);
  g_assert_cmpint (g_chdir (fixture->cwd), ==, 0);
  acr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->cwd);
  g_free (fixture->db);
}

static void
test_export_never_replaces_the_database (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autofree char *before = acr_test_hash_file (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "one.pdf", NULL);
  g_autofree char *contents = NULL;
  GStatBuf st;

  /* An ordinary file first: written, private. */
  export_through_dialog (fixture, pdf);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* The database, confirmed in the dialog: refused all the same. */
  export_through_dialog (fixture, fixture->db);
  after = acr_test_hash_file (fixture->db);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (acr_store_count_members (fixture->store, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  acr_test_ui_init (&argc, &argv);

  g_test_add ("/acr/ui/writers/export-never-replaces-the-database", Fixture, NULL,
              fixture_set_up, test_export_never_replaces_the_database, fixture_tear_down);

  return g_test_run ();
}
