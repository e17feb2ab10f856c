#define G_LOG_DOMAIN "acr-invoice-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-invoice-batch.h"
#include "acr-postal-address.h"
#include "acr-store.h"

#define FOLDER_BATCH 256  /* documents loaded at once for a folder: enough to keep every thread busy */

/* A document in mailing order: its postal code's collation key, then its number. */
typedef struct
{
  char          *key;
  AcrInvoiceRef *ref;
} MailingEntry;

static int
compare_mailing (gconstpointer a,
                 gconstpointer b)
{
  const MailingEntry *ea = a;
  const MailingEntry *eb = b;
  int cmp;

  /* As acr_invoices_sort_by_postal_code (): documents without a postal code go last. */
  if ((*ea->key == '\0') != (*eb->key == '\0'))
    return *ea->key == '\0' ? 1 : -1;
  if ((cmp = strcmp (ea->key, eb->key)) != 0)
    return cmp;
  return strcmp (ea->ref->number, eb->ref->number);
}

/* Reorders @refs (of AcrInvoiceRef) for mailing. */
static void
sort_for_mailing (GPtrArray *refs)
{
  g_autofree MailingEntry *entries = g_new (MailingEntry, MAX (refs->len, 1));

  for (guint i = 0; i < refs->len; i++)
    {
      entries[i].ref = refs->pdata[i];
      entries[i].key = acr_postal_code_collate_key (entries[i].ref->postal_code);
    }
  qsort (entries, refs->len, sizeof (MailingEntry), compare_mailing);
  for (guint i = 0; i < refs->len; i++)
    {
      refs->pdata[i] = entries[i].ref;
      g_free (entries[i].key);
    }
}

typedef struct
{
  AcrBilling *billing;
  GPtrArray  *refs;
  guint       next;
} Stream;

static AcrInvoice *
next_invoice (gpointer   user_data,
              GError   **error)
{
  Stream *stream = user_data;
  AcrInvoiceRef *ref;

  if (stream->next >= stream->refs->len)
    return NULL;
  ref = stream->refs->pdata[stream->next++];
  return acr_billing_lookup_invoice (stream->billing, ref->number, error);
}

/* The file acr_invoice_renderer_dup_file_name () gives the document @ref, known before it is loaded. */
static char *
dup_file_name (const AcrInvoiceRef *ref)
{
  return g_strconcat (ref->number, g_strcmp0 (ref->kind, "receipt") == 0 ? "-receipt.pdf" : ".pdf", NULL);
}

static gboolean
export_folder (AcrBilling          *billing,
               AcrInvoiceRenderer  *renderer,
               GPtrArray           *refs,
               const char          *directory,
               AcrFileWriterFlags   flags,
               GError             **error)
{
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: cannot create the folder: %s"), directory, g_strerror (saved));
      return FALSE;
    }

  /* Every target is checked before the first file is written, as for a list of documents. */
  for (guint i = 0; i < refs->len; i++)
    {
      g_autofree char *name = dup_file_name (refs->pdata[i]);
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (!acr_file_writer_check_target (path, flags, error))
        return FALSE;
    }

  for (guint start = 0; start < refs->len; start += FOLDER_BATCH)
    {
      g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = start; i < refs->len && i < start + FOLDER_BATCH; i++)
        {
          AcrInvoiceRef *ref = refs->pdata[i];
          AcrInvoice *invoice = acr_billing_lookup_invoice (billing, ref->number, error);

          if (invoice == NULL)
            return FALSE;
          g_ptr_array_add (batch, invoice);
        }
      if (!acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) batch->pdata, batch->len,
                                               directory, flags, 0, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * acr_invoice_batch_export:
 * @billing: the billing of the store to read from
 * @renderer: draws the pages
 * @filter: which documents (year, member, status, kind; 0 and NULL: any)
 * @output: the PDF, or the folder when @to_folder
 * @to_folder: one PDF per document in @output (named as
 *   acr_invoice_renderer_dup_file_name ()), else one PDF of them all in
 *   mailing order (see acr_invoices_sort_by_postal_code ())
 * @flags: ACR_FILE_WRITER_REPLACE to replace existing files
 * @n_exported: (out) (optional): how many documents were written
 * @error: return location for an error
 *
 * Exports the documents @filter selects, loading them a few at a time.
 * Nothing selected is an error. As with the exports of a list, a PDF is
 * complete or absent, and without ACR_FILE_WRITER_REPLACE an existing
 * file refuses the export before anything is written.
 */
gboolean
acr_invoice_batch_export (AcrBilling              *billing,
                          AcrInvoiceRenderer      *renderer,
                          const AcrInvoiceFilter  *filter,
                          const char              *output,
                          gboolean                 to_folder,
                          AcrFileWriterFlags       flags,
                          guint                   *n_exported,
                          GError                 **error)
{
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (GPtrArray) refs = NULL;
  AcrInvoiceStatus status;
  AcrInvoiceKind kind;
  gboolean ok;

  g_return_val_if_fail (ACR_IS_BILLING (billing), FALSE);
  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (renderer), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);

  if (filter->status != NULL && !acr_invoice_status_from_string (filter->status, &status))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("unknown invoice status “%s” (open, paid, partially-paid, void, refunded)"), filter->status);
      return FALSE;
    }
  if (filter->kind != NULL && !acr_invoice_kind_from_string (filter->kind, &kind))
    {
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("unknown document kind “%s” (invoice, credit-note, receipt)"), filter->kind);
      return FALSE;
    }

  backend = acr_store_get_backend (acr_billing_get_store (billing));
  iface = ACR_STORE_BACKEND_GET_IFACE (backend);
  g_return_val_if_fail (iface->list_invoice_refs != NULL, FALSE);
  refs = iface->list_invoice_refs (backend, filter, error);
  if (refs == NULL)
    return FALSE;
  if (refs->len == 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: no invoice to export"), output);
      return FALSE;
    }

  if (to_folder)
    ok = export_folder (billing, renderer, refs, output, flags, error);
  else
    {
      Stream stream = { billing, refs, 0 };

      sort_for_mailing (refs);
      ok = acr_invoice_renderer_export_stream (renderer, next_invoice, &stream, output, flags, NULL, error);
    }
  if (ok && n_exported != NULL)
    *n_exported = refs->len;
  return ok;
}
