/* PDF exports: one file per document into a folder, on threads. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-invoice-renderer.h"
#include "acr-test-invoices.h"

#define N_INVOICES 8
#define N_ROUNDS   10

static char *tmpdir;

typedef struct
{
  AcrInvoiceRenderer *renderer;
  AcrInvoice        **invoices;
  char               *directory;
  gboolean            ok;
  GError             *error;
  int                 done;
} ExportRun;

static gpointer
export_thread (gpointer data)
{
  ExportRun *run = data;

  run->ok = acr_invoice_renderer_export_folder (run->renderer, run->invoices, N_INVOICES, run->directory,
                                                ACR_FILE_WRITER_NONE, 4, NULL, &run->error);
  g_atomic_int_set (&run->done, 1);
  return NULL;
}

/* The PDF's Author entry: the issuer name the page was drawn with. */
static char *
pdf_author (const char *path)
{
  static const char key[] = "/Author (";
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i + sizeof key - 1 < length; i++)
    {
      if (memcmp (data + i, key, sizeof key - 1) == 0)
        {
          const char *start = data + i + sizeof key - 1;
          const char *end = memchr (start, ')', length - (start - data));

          g_assert_nonnull (end);
          return g_strndup (start, end - start);
        }
    }

  g_error ("%s: no /Author entry", path);
  return NULL;
}

/* The issuer changes again and again while a folder export runs on four
 * threads: every file of one export is drawn with one issuer, the one
 * copied when the export began, never a mix and never a freed string. */
static void
test_export_folder_setting_changed_meanwhile_never_mixes (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  AcrInvoice *invoices[N_INVOICES];
  const char *names[] = { "Issuer One", "Issuer Two" };
  const char *addresses[] = { "1 First Street\nReston, VA 20191", "2 Second Avenue\nWashington, DC 20004" };

  for (guint i = 0; i < N_INVOICES; i++)
    invoices[i] = acr_test_invoice_new_generated (i, 2027);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autofree char *base = g_strdup_printf ("round-%u", round);
      ExportRun run = { renderer, invoices, g_build_filename (tmpdir, base, NULL), FALSE, NULL, 0 };
      g_autofree char *first = NULL;
      GThread *thread;
      guint changes = 0;

      thread = g_thread_new ("export", export_thread, &run);
      while (!g_atomic_int_get (&run.done))
        {
          acr_invoice_renderer_set_issuer_name (renderer, names[changes % 2]);
          acr_invoice_renderer_set_issuer_address (renderer, addresses[changes % 2]);
          changes++;
        }
      g_thread_join (thread);
      g_assert_no_error (run.error);
      g_assert_true (run.ok);

      for (guint i = 0; i < N_INVOICES; i++)
        {
          g_autofree char *name = acr_invoice_renderer_dup_file_name (invoices[i]);
          g_autofree char *path = g_build_filename (run.directory, name, NULL);
          g_autofree char *author = pdf_author (path);

          if (first == NULL)
            first = g_strdup (author);
          g_assert_cmpstr (author, ==, first);
          g_remove (path);
        }
      g_assert_true (g_strv_contains ((const char * const[]) { "American College of Radiology", names[0], names[1], NULL },
                                      first));
      g_rmdir (run.directory);
      g_free (run.directory);
    }

  for (guint i = 0; i < N_INVOICES; i++)
    g_object_unref (invoices[i]);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("acr-export-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/acr/invoice-export/folder-setting-changed-meanwhile-never-mixes",
                   test_export_folder_setting_changed_meanwhile_never_mixes);

  status = g_test_run ();
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
