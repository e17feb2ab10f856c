#define G_LOG_DOMAIN "acr-invoice-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "acr-cairo-stream-private.h"
#include "acr-invoice-export.h"
#include "acr-invoice-renderer-private.h"
#include "acr-postal-address.h"

/*
 * The renderer's PDF exports: one document to a file, many documents to
 * one file in mailing order, or one file per document into a folder on
 * several threads. Every PDF is written through AcrFileWriter, so it is
 * complete or absent. The pages are drawn by painters (acr-invoice-painter.c):
 * the renderer's own, behind its lock, on the calling thread; one per
 * thread, from one copy of the renderer's configuration, for a folder.
 */

/* Where cairo writes a PDF: a file writer, through a stream sink that keeps its first error. */
typedef struct
{
  AcrFileWriter  *out;
  AcrCairoStream  stream;
} PdfSink;

/* A PDF surface writing to a temporary file of its own for @path. */
static cairo_surface_t *
pdf_begin (PdfSink             *sink,
           AcrInvoicePainter   *p,
           const char          *path,
           AcrFileWriterFlags   flags,
           GError             **error)
{
  cairo_surface_t *surface;
  double width;
  double height;

  _acr_cairo_stream_init (&sink->stream, NULL);
  sink->out = acr_file_writer_new (path, flags, error);
  if (sink->out == NULL)
    return NULL;
  sink->stream.stream = G_OUTPUT_STREAM (sink->out);

  acr_invoice_painter_get_page_size (p, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &sink->stream, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, acr_invoice_painter_get_issuer_name (p));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  return surface;
}

/* Finishes @surface (@ok: whether every page was drawn, else @error is set).
 * Only a PDF that cairo finished and that was written, synced and closed
 * without an error is moved into place; anything else is removed. */
static gboolean
pdf_end (PdfSink          *sink,
         cairo_surface_t  *surface,
         gboolean          ok,
         GError          **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && !_acr_cairo_stream_take_error (&sink->stream, error))
    ok = FALSE;
  else if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: cannot write the PDF: %s"), acr_file_writer_get_path (sink->out),
                   cairo_status_to_string (status));
      ok = FALSE;
    }

  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (sink->out), NULL, error);

  g_clear_error (&sink->stream.error);
  g_clear_object (&sink->out);  /* not closed: its temporary file goes */
  return ok;
}

/* Writes @invoice as a one-page PDF at @path: complete, or not at all. */
static gboolean
painter_export_one (AcrInvoicePainter   *p,
                    AcrInvoice          *invoice,
                    const char          *path,
                    AcrFileWriterFlags   flags,
                    GError             **error)
{
  PdfSink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  surface = pdf_begin (&sink, p, path, flags, error);
  if (surface == NULL)
    return FALSE;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, acr_invoice_get_number (invoice));
  cr = cairo_create (surface);
  ok = acr_invoice_painter_paint (p, cr, invoice, error);
  cairo_show_page (cr);
  cairo_destroy (cr);

  return pdf_end (&sink, surface, ok, error);
}


typedef struct
{
  char       *key;
  AcrInvoice *invoice;
} SortEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *ea = a;
  const SortEntry *eb = b;
  int cmp;

  /* Invoices without a postal code go last. */
  if ((*ea->key == '\0') != (*eb->key == '\0'))
    return *ea->key == '\0' ? 1 : -1;

  cmp = strcmp (ea->key, eb->key);
  if (cmp != 0)
    return cmp;

  return strcmp (acr_invoice_get_number (ea->invoice), acr_invoice_get_number (eb->invoice));
}

typedef struct
{
  AcrInvoice * const       *invoices;
  guint                     n_invoices;
  const char               *directory;
  AcrFileWriterFlags        flags;
  AcrInvoiceRendererConfig *config;  /* copied when the export began */
  GCancellable             *cancellable;
  int                       next;
  int                       stop;
  GMutex                    lock;
  GError                   *error;
} FolderJob;

static void
folder_job_fail (FolderJob *job,
                 GError    *error)
{
  g_mutex_lock (&job->lock);
  if (job->error == NULL)
    job->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&job->lock);
  g_atomic_int_set (&job->stop, 1);
}

static gpointer
folder_worker (gpointer data)
{
  FolderJob *job = data;
  AcrInvoicePainter *p = acr_invoice_painter_new (job->config);

  while (!g_atomic_int_get (&job->stop))
    {
      guint i = (guint) g_atomic_int_add (&job->next, 1);
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      GError *error = NULL;

      if (i >= job->n_invoices)
        break;

      if (g_cancellable_set_error_if_cancelled (job->cancellable, &error))
        {
          folder_job_fail (job, error);
          break;
        }

      name = acr_invoice_renderer_dup_file_name (job->invoices[i]);
      path = g_build_filename (job->directory, name, NULL);
      if (!painter_export_one (p, job->invoices[i], path, job->flags, &error))
        {
          folder_job_fail (job, error);
          break;
        }
    }

  acr_invoice_painter_free (p);
  return NULL;
}


/**
 * acr_invoice_renderer_dup_file_name:
 * @invoice: a document
 *
 * Returns: (transfer full): "2027-000001.pdf"; a receipt, which shares the
 * number of its invoice, is "2027-000001-receipt.pdf".
 */
char *
acr_invoice_renderer_dup_file_name (AcrInvoice *invoice)
{
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);

  if (acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_RECEIPT)
    return g_strconcat (acr_invoice_get_number (invoice), "-receipt.pdf", NULL);

  return g_strconcat (acr_invoice_get_number (invoice), ".pdf", NULL);
}

/**
 * acr_invoice_renderer_export_pdf:
 * @self: a renderer
 * @invoice: the document
 * @path: the PDF to write
 * @flags: ACR_FILE_WRITER_REPLACE to replace an existing file
 * @error: return location for an error naming @path
 */
gboolean
acr_invoice_renderer_export_pdf (AcrInvoiceRenderer  *self,
                                 AcrInvoice          *invoice,
                                 const char          *path,
                                 AcrFileWriterFlags   flags,
                                 GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), FALSE);
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ok = painter_export_one (acr_invoice_renderer_lock_painter (self), invoice, path, flags, error);
  acr_invoice_renderer_unlock_painter (self);

  return ok;
}

/**
 * acr_invoices_sort_by_postal_code:
 * @invoices: (array length=n_invoices): sorted in place
 * @n_invoices: how many
 *
 * Mailing order: by postal code (letters and digits only, case-insensitive),
 * then by number; documents without a postal code last.
 */
void
acr_invoices_sort_by_postal_code (AcrInvoice **invoices,
                                  guint        n_invoices)
{
  g_autofree SortEntry *entries = g_new (SortEntry, n_invoices);

  for (guint i = 0; i < n_invoices; i++)
    {
      entries[i].key = acr_postal_code_collate_key (acr_invoice_get_postal_code (invoices[i]));
      entries[i].invoice = invoices[i];
    }

  qsort (entries, n_invoices, sizeof (SortEntry), compare_entries);

  for (guint i = 0; i < n_invoices; i++)
    {
      invoices[i] = entries[i].invoice;
      g_free (entries[i].key);
    }
}

/**
 * acr_invoice_renderer_export_combined:
 * @self: a renderer
 * @invoices: (array length=n_invoices): the documents
 * @n_invoices: how many
 * @path: the PDF to write
 * @flags: ACR_FILE_WRITER_REPLACE to replace an existing file
 * @cancellable: (nullable): checked between pages
 * @error: return location for an error
 *
 * Writes every document into one PDF, one page each, in mailing order (see
 * acr_invoices_sort_by_postal_code()).
 */
gboolean
acr_invoice_renderer_export_combined (AcrInvoiceRenderer  *self,
                                      AcrInvoice * const  *invoices,
                                      guint                n_invoices,
                                      const char          *path,
                                      AcrFileWriterFlags   flags,
                                      GCancellable        *cancellable,
                                      GError             **error)
{
  g_autofree AcrInvoice **sorted = NULL;
  PdfSink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  AcrInvoicePainter *p;
  gboolean ok = TRUE;

  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), FALSE);
  g_return_val_if_fail (invoices != NULL || n_invoices == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_invoices == 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: no invoice to export"), path);
      return FALSE;
    }

  sorted = g_memdup2 (invoices, sizeof (AcrInvoice *) * n_invoices);
  acr_invoices_sort_by_postal_code (sorted, n_invoices);

  p = acr_invoice_renderer_lock_painter (self);
  surface = pdf_begin (&sink, p, path, flags, error);
  if (surface == NULL)
    {
      acr_invoice_renderer_unlock_painter (self);
      return FALSE;
    }
  cr = cairo_create (surface);

  for (guint i = 0; ok && i < n_invoices; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = acr_invoice_painter_paint (p, cr, sorted[i], error);
      if (ok)
        cairo_show_page (cr);
    }

  cairo_destroy (cr);
  ok = pdf_end (&sink, surface, ok, error);
  acr_invoice_renderer_unlock_painter (self);

  return ok;
}

/**
 * acr_invoice_renderer_export_folder:
 * @self: a renderer
 * @invoices: (array length=n_invoices): the documents
 * @n_invoices: how many
 * @directory: created if missing; each document becomes
 *   acr_invoice_renderer_dup_file_name() in it
 * @flags: ACR_FILE_WRITER_REPLACE to replace existing files
 * @n_threads: rendering threads; 0 for one per processor
 * @cancellable: (nullable): checked between documents
 * @error: return location for an error
 *
 * Each thread draws with its own font map, context and layouts, so the
 * threads share nothing but the (read-only) invoices, and each file is
 * written through a temporary file of its own. A document listed twice is
 * written once. Without ACR_FILE_WRITER_REPLACE an existing file refuses
 * the export before anything is written. On error the files already
 * written stay; none is left half-written.
 */
gboolean
acr_invoice_renderer_export_folder (AcrInvoiceRenderer  *self,
                                    AcrInvoice * const  *invoices,
                                    guint                n_invoices,
                                    const char          *directory,
                                    AcrFileWriterFlags   flags,
                                    guint                n_threads,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  FolderJob job = { 0 };
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  g_autoptr (GPtrArray) unique = g_ptr_array_new ();
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), FALSE);
  g_return_val_if_fail (invoices != NULL || n_invoices == 0, FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: cannot create the folder: %s"), directory, g_strerror (saved));
      return FALSE;
    }

  /* Each file once, and every target checked before the first is written. */
  for (guint i = 0; i < n_invoices; i++)
    {
      g_autofree char *name = acr_invoice_renderer_dup_file_name (invoices[i]);
      g_autofree char *path = NULL;

      if (g_hash_table_contains (names, name))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (!acr_file_writer_check_target (path, flags, error))
        return FALSE;
      g_hash_table_add (names, g_steal_pointer (&name));
      g_ptr_array_add (unique, invoices[i]);
    }

  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, MAX (unique->len, 1));

  job.invoices = (AcrInvoice * const *) unique->pdata;
  job.n_invoices = unique->len;
  job.directory = directory;
  job.flags = flags;
  job.cancellable = cancellable;
  /* Every thread draws with this copy: a setting changed meanwhile waits
   * for the next export rather than reaching some files and not others. */
  job.config = acr_invoice_renderer_dup_config (self);
  g_mutex_init (&job.lock);

  /* The calling thread works too: one thread needs no thread at all. */
  for (guint i = 1; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("acr-invoice-export", folder_worker, &job));
  folder_worker (&job);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  g_mutex_clear (&job.lock);
  acr_invoice_renderer_config_free (job.config);

  if (job.error != NULL)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }

  return TRUE;
}

/**
 * acr_invoice_renderer_export_stream:
 * @self: a renderer
 * @next: gives the documents one at a time, in the order of the pages
 * @user_data: for @next
 * @path: the PDF to write
 * @flags: ACR_FILE_WRITER_REPLACE to replace an existing file
 * @cancellable: (nullable): checked between pages
 * @error: return location for an error
 *
 * Writes the documents @next gives into one PDF, one page each, holding
 * one document at a time: a year of a large membership is exported in the
 * memory of one invoice. An error from @next or from a page leaves no file.
 */
gboolean
acr_invoice_renderer_export_stream (AcrInvoiceRenderer  *self,
                                    AcrInvoiceNextFunc   next,
                                    gpointer             user_data,
                                    const char          *path,
                                    AcrFileWriterFlags   flags,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  PdfSink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  AcrInvoicePainter *p;
  gboolean ok = TRUE;
  guint n_pages = 0;

  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), FALSE);
  g_return_val_if_fail (next != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  p = acr_invoice_renderer_lock_painter (self);
  surface = pdf_begin (&sink, p, path, flags, error);
  if (surface == NULL)
    {
      acr_invoice_renderer_unlock_painter (self);
      return FALSE;
    }
  cr = cairo_create (surface);

  while (ok)
    {
      g_autoptr (AcrInvoice) invoice = NULL;
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      invoice = next (user_data, &local_error);
      if (invoice == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              ok = FALSE;
            }
          break;
        }
      ok = acr_invoice_painter_paint (p, cr, invoice, error);
      if (ok)
        {
          cairo_show_page (cr);
          n_pages++;
        }
    }

  if (ok && n_pages == 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: no invoice to export"), path);
      ok = FALSE;
    }

  cairo_destroy (cr);
  ok = pdf_end (&sink, surface, ok, error);
  acr_invoice_renderer_unlock_painter (self);

  return ok;
}
