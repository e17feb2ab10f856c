#define G_LOG_DOMAIN "acr-invoice-documents"

#include "config.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n.h>

#include "acr-invoice-documents.h"
#include "acr-invoice-export.h"
#include "acr-store-settings.h"
#include "acr-window.h"

#define EXPORT_KEY "acr-invoice-export"

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The paper is this workstation's (GSettings); the issuer is the
 * membership's, read from the database of @widget's window as the CLI
 * reads it. A database that cannot be read leaves the default issuer, and
 * staff are told. */
AcrInvoiceRenderer *
acr_invoice_documents_new_renderer (GtkWidget *widget)
{
  AcrInvoiceRenderer *renderer = acr_invoice_renderer_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *paper = g_settings_get_string (settings, "paper-size");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GError) error = NULL;

  acr_invoice_renderer_set_paper (renderer, g_str_equal (paper, "a4") ? ACR_PAPER_A4 : ACR_PAPER_LETTER);
  if (ACR_IS_WINDOW (root) && acr_window_get_store (ACR_WINDOW (root)) != NULL &&
      !acr_store_configure_renderer (acr_window_get_store (ACR_WINDOW (root)), renderer, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The invoice issuer could not be read: %s"), error->message);

      acr_window_toast_for (widget, text);
    }

  return renderer;
}

static void
open_pdf_launched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GWeakRef *view = user_data;
  g_autoptr (GtkWidget) widget = g_weak_ref_get (view);
  g_autoptr (GError) error = NULL;

  /* A view closed meanwhile has nobody to tell. */
  if (!g_app_info_launch_default_for_uri_finish (result, &error) && widget != NULL)
    acr_window_toast_for (widget, error->message);
  g_weak_ref_clear (view);
  g_free (view);
}

/**
 * acr_invoice_documents_open_pdf:
 *
 * Writes @invoice as a PDF in the cache directory and opens it in the
 * desktop's viewer; a viewer that cannot start is told in a toast.
 *
 * Returns: whether the file was written
 */
gboolean
acr_invoice_documents_open_pdf (GtkWidget   *widget,
                                AcrInvoice  *invoice,
                                GError     **error)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_documents_new_renderer (widget);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "acr-membership", "invoices", NULL);
  g_autofree char *name = acr_invoice_renderer_dup_file_name (invoice);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *uri = NULL;
  GWeakRef *view;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Our own copy in the cache: replaced freely. */
  if (!acr_invoice_renderer_export_pdf (renderer, invoice, path, ACR_FILE_WRITER_REPLACE, error))
    return FALSE;

  uri = g_filename_to_uri (path, NULL, NULL);
  view = g_new0 (GWeakRef, 1);
  g_weak_ref_init (view, widget);
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, open_pdf_launched_cb, view);
  return TRUE;
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              GtkWidget         *widget)
{
  GPtrArray *invoices = g_object_get_data (G_OBJECT (operation), "acr-invoices");
  AcrInvoiceRenderer *renderer = g_object_get_data (G_OBJECT (operation), "acr-renderer");
  g_autoptr (GError) error = NULL;

  if (!acr_invoice_renderer_draw_page (renderer, gtk_print_context_get_cairo_context (context),
                                       g_ptr_array_index (invoices, page_nr), &error))
    acr_window_toast_for (widget, error->message);
}

/**
 * acr_invoice_documents_print:
 * @invoices: (element-type AcrInvoice): one page each
 *
 * The print dialog (with its preview and "Print to File") over the pages
 * the PDF export draws.
 */
void
acr_invoice_documents_print (GtkWidget *widget,
                             GPtrArray *invoices)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) paper = NULL;
  g_autoptr (GError) error = NULL;
  AcrInvoiceRenderer *renderer;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invoices == NULL || invoices->len == 0)
    return;

  renderer = acr_invoice_documents_new_renderer (widget);
  paper = gtk_paper_size_new (acr_invoice_renderer_get_paper (renderer) == ACR_PAPER_A4
                              ? GTK_PAPER_NAME_A4 : GTK_PAPER_NAME_LETTER);
  gtk_page_setup_set_paper_size (setup, paper);

  /* The renderer draws in points from the top-left corner of the sheet,
   * exactly as in the PDF export. */
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, invoices->len);
  gtk_print_operation_set_job_name (operation, acr_invoice_get_number (g_ptr_array_index (invoices, 0)));
  g_object_set_data_full (G_OBJECT (operation), "acr-invoices", g_ptr_array_ref (invoices),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (operation), "acr-renderer", renderer, g_object_unref);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), widget, 0);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent_window (widget), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    acr_window_toast_for (widget, error->message);
}

/* One export under way for a view: its invoices and the file chooser asked. */
typedef struct
{
  GtkWidget            *widget;   /* not a reference: the job is the widget's data */
  GPtrArray            *invoices;
  char                 *combined_name;
  GtkFileChooserNative *chooser;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  if (job->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (job->chooser));
  g_clear_object (&job->chooser);
  g_clear_pointer (&job->invoices, g_ptr_array_unref);
  g_free (job->combined_name);
  g_free (job);
}

static void
export_response_cb (GtkFileChooserNative *chooser,
                    int                   response,
                    ExportJob            *job)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_documents_new_renderer (job->widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  GtkWidget *widget = job->widget;
  GPtrArray *invoices = job->invoices;
  GtkWindow *window = parent_window (widget);
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL)
    goto out;

  /* Whatever the chooser allowed, never the member database. */
  if (ACR_IS_WINDOW (window) && acr_window_get_store (ACR_WINDOW (window)) != NULL)
    acr_file_writer_protect (acr_store_get_location (acr_window_get_store (ACR_WINDOW (window))));

  /* The save dialog asked before replacing its file; a folder's files are
   * never replaced, as nobody confirmed that. */
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    ok = acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                             path, ACR_FILE_WRITER_NONE, 0, NULL, &error);
  else if (invoices->len == 1)
    ok = acr_invoice_renderer_export_pdf (renderer, g_ptr_array_index (invoices, 0), path,
                                          ACR_FILE_WRITER_REPLACE, &error);
  else
    {
      /* For mailing: one file, in postal-code order. */
      acr_invoices_sort_by_postal_code ((AcrInvoice **) invoices->pdata, invoices->len);
      ok = acr_invoice_renderer_export_combined (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                                 path, ACR_FILE_WRITER_REPLACE, NULL, &error);
    }

  if (ok)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u invoice exported", "%u invoices exported",
                                                            invoices->len),
                                               invoices->len);

      acr_window_toast_for (widget, text);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *text = g_strdup_printf (_("%s; choose an empty folder"), error->message);

      acr_window_toast_for (widget, text);
    }
  else
    acr_window_toast_for (widget, error->message);

out:
  /* The chooser answered: the job ends without destroying it again. */
  g_clear_object (&job->chooser);
  g_object_set_data (G_OBJECT (widget), EXPORT_KEY, NULL);
}

static void
choose_export_file (ExportJob            *job,
                    GtkFileChooserAction  action)
{
  job->chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                              ? _("Export Invoices to a Folder") : _("Export Invoices"),
                                              parent_window (job->widget), action, _("_Export"), _("_Cancel"));
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *name = job->invoices->len == 1
                              ? acr_invoice_renderer_dup_file_name (g_ptr_array_index (job->invoices, 0))
                              : g_strdup (job->combined_name);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
    }

  g_signal_connect (job->chooser, "response", G_CALLBACK (export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}

static void
export_kind_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         GtkWidget        *widget)
{
  ExportJob *job = g_object_get_data (G_OBJECT (widget), EXPORT_KEY);

  if (job == NULL || job->chooser != NULL)
    return;

  if (g_strcmp0 (response, "each") == 0)
    choose_export_file (job, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  else if (g_strcmp0 (response, "combined") == 0)
    choose_export_file (job, GTK_FILE_CHOOSER_ACTION_SAVE);
  else
    g_object_set_data (G_OBJECT (widget), EXPORT_KEY, NULL);
}

/**
 * acr_invoice_documents_export:
 * @invoices: (element-type AcrInvoice): what to export
 * @combined_name: the file name offered for one combined file
 *
 * One invoice: a file chooser for its PDF. Several: asks whether one file
 * each (into a folder) or one combined file in postal-code order for
 * mailing. A new export from the same view replaces one still asking.
 */
void
acr_invoice_documents_export (GtkWidget  *widget,
                              GPtrArray  *invoices,
                              const char *combined_name)
{
  ExportJob *job;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invoices == NULL || invoices->len == 0)
    return;

  job = g_new0 (ExportJob, 1);
  job->widget = widget;
  job->invoices = g_ptr_array_ref (invoices);
  job->combined_name = g_strdup (combined_name);
  g_object_set_data_full (G_OBJECT (widget), EXPORT_KEY, job, export_job_free);

  if (invoices->len == 1)
    {
      choose_export_file (job, GTK_FILE_CHOOSER_ACTION_SAVE);
      return;
    }

  dialog = adw_message_dialog_new (parent_window (widget), _("Export the Selected Invoices"),
                                   _("One PDF file for each invoice, or one combined file in postal-code order for mailing."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "each", _("One File _Each"),
                                    "combined", _("One _Combined File"),
                                    NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_kind_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
