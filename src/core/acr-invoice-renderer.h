#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "acr-file-writer.h"
#include "acr-invoice.h"

G_BEGIN_DECLS

/*
 * AcrInvoiceRenderer: draws invoices, credit notes and receipts with cairo
 * and Pango. One renderer serves printing (draw a page on the cairo_t of a
 * GtkPrintContext) and PDF export (one file per document, or many documents
 * in one file for mailing). Text is Pango text, so it stays selectable and
 * searchable in the PDF, with the fonts embedded by cairo.
 *
 * The page is drawn in points (1/72 inch) with the origin at the top-left
 * corner of the paper: a print operation uses GTK_UNIT_POINTS and the full
 * page. The member's address falls in the window of a US #10 window envelope
 * when the page is folded in three.
 *
 * Every export writes through AcrFileWriter: a PDF is complete or absent,
 * mode 0600, never one of an open database's files, and an existing file
 * is replaced only with ACR_FILE_WRITER_REPLACE.
 *
 * Each document is rendered in its own language (acr_invoice_get_language()),
 * whatever the process locale: see AcrCatalog.
 *
 * The configuration (paper, issuer) is set and read on the thread that owns
 * the renderer; pages may be drawn and exported on any thread. Each page and
 * each export uses the configuration as it was when it began: a setting
 * changed meanwhile applies to the next one.
 */

typedef enum
{
  ACR_PAPER_LETTER,  /* 8.5 × 11 in */
  ACR_PAPER_A4,      /* 210 × 297 mm */
} AcrPaper;

#define ACR_TYPE_PAPER (acr_paper_get_type ())
GType acr_paper_get_type (void);

#define ACR_TYPE_INVOICE_RENDERER (acr_invoice_renderer_get_type ())

G_DECLARE_FINAL_TYPE (AcrInvoiceRenderer, acr_invoice_renderer, ACR, INVOICE_RENDERER, GObject)

AcrInvoiceRenderer *acr_invoice_renderer_new                (void);

AcrPaper            acr_invoice_renderer_get_paper          (AcrInvoiceRenderer  *self);
void                acr_invoice_renderer_set_paper          (AcrInvoiceRenderer  *self,
                                                             AcrPaper             paper);
const char         *acr_invoice_renderer_get_issuer_name    (AcrInvoiceRenderer  *self);
void                acr_invoice_renderer_set_issuer_name    (AcrInvoiceRenderer  *self,
                                                             const char          *name);
const char         *acr_invoice_renderer_get_issuer_address (AcrInvoiceRenderer  *self);
void                acr_invoice_renderer_set_issuer_address (AcrInvoiceRenderer  *self,
                                                             const char          *address);
void                acr_invoice_renderer_get_page_size      (AcrInvoiceRenderer  *self,
                                                             double              *width,
                                                             double              *height);

gboolean            acr_invoice_renderer_draw_page          (AcrInvoiceRenderer  *self,
                                                             cairo_t             *cr,
                                                             AcrInvoice          *invoice,
                                                             GError             **error);

char               *acr_invoice_renderer_dup_file_name      (AcrInvoice          *invoice);

/* The PDF exports: see acr-invoice-export.c. */
gboolean            acr_invoice_renderer_export_pdf         (AcrInvoiceRenderer  *self,
                                                             AcrInvoice          *invoice,
                                                             const char          *path,
                                                             AcrFileWriterFlags   flags,
                                                             GError             **error);
gboolean            acr_invoice_renderer_export_combined    (AcrInvoiceRenderer  *self,
                                                             AcrInvoice * const  *invoices,
                                                             guint                n_invoices,
                                                             const char          *path,
                                                             AcrFileWriterFlags   flags,
                                                             GCancellable        *cancellable,
                                                             GError             **error);
gboolean            acr_invoice_renderer_export_folder      (AcrInvoiceRenderer  *self,
                                                             AcrInvoice * const  *invoices,
                                                             guint                n_invoices,
                                                             const char          *directory,
                                                             AcrFileWriterFlags   flags,
                                                             guint                n_threads,
                                                             GCancellable        *cancellable,
                                                             GError             **error);

/* Gives the next document of a stream (a new reference), or NULL at its end or with @error set. */
typedef AcrInvoice *(*AcrInvoiceNextFunc) (gpointer   user_data,
                                           GError   **error);

gboolean            acr_invoice_renderer_export_stream      (AcrInvoiceRenderer  *self,
                                                             AcrInvoiceNextFunc   next,
                                                             gpointer             user_data,
                                                             const char          *path,
                                                             AcrFileWriterFlags   flags,
                                                             GCancellable        *cancellable,
                                                             GError             **error);

G_END_DECLS
