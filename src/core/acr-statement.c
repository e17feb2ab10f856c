#define G_LOG_DOMAIN "acr-statement"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "acr-cairo-stream-private.h"
#include "acr-catalog.h"
#include "acr-date.h"
#include "acr-member.h"
#include "acr-money.h"
#include "acr-payment.h"
#include "acr-postal-address.h"
#include "acr-statement.h"

struct _AcrStatement
{
  GObject     parent_instance;

  AcrMember  *member;
  GDate       from;
  GDate       to;
  gint64      opening_cents;
  gint64      closing_cents;
  GPtrArray  *entries;   /* AcrStatementEntry, in the period */
  gint64      ageing[ACR_AGEING_N_BUCKETS];
};

G_DEFINE_FINAL_TYPE (AcrStatement, acr_statement, G_TYPE_OBJECT)

static void
entry_free (AcrStatementEntry *entry)
{
  g_free (entry->document);
  g_free (entry->reference);
  g_free (entry);
}

static void
acr_statement_finalize (GObject *object)
{
  AcrStatement *self = ACR_STATEMENT (object);

  g_clear_object (&self->member);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_statement_parent_class)->finalize (object);
}

static void
acr_statement_class_init (AcrStatementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = acr_statement_finalize;
}

static void
acr_statement_init (AcrStatement *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  g_date_clear (&self->from, 1);
  g_date_clear (&self->to, 1);
}

static AcrStatementEntry *
entry_new (const GDate           *date,
           AcrStatementEntryKind  kind,
           const char            *document,
           const char            *reference,
           gint64                 amount)
{
  AcrStatementEntry *entry = g_new0 (AcrStatementEntry, 1);

  entry->date = *date;
  entry->kind = kind;
  entry->document = g_strdup (document);
  entry->reference = g_strdup (reference);
  entry->amount_cents = amount;
  return entry;
}

/* Date order; on one day, documents before the money paid on them. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const AcrStatementEntry *x = *(AcrStatementEntry * const *) a;
  const AcrStatementEntry *y = *(AcrStatementEntry * const *) b;
  int by_date = g_date_compare (&x->date, &y->date);

  if (by_date != 0)
    return by_date;
  if (x->kind != y->kind)
    return (int) x->kind - (int) y->kind;
  return g_strcmp0 (x->document, y->document);
}

static GDate
min_date (GDate a,
          GDate b)
{
  return g_date_compare (&a, &b) <= 0 ? a : b;
}


static AcrAgeingBucket
bucket_of (int days)
{
  return days < 30 ? ACR_AGEING_CURRENT : days < 60 ? ACR_AGEING_30 : days < 90 ? ACR_AGEING_60 : ACR_AGEING_90;
}

/**
 * acr_statement_new:
 * @from: (nullable): the first day of the period; %NULL: the day of the
 *   member's first document (the whole account)
 * @to: the last day (the ageing is counted to it)
 *
 * Returns: (transfer full): the member's statement, or NULL with @error set
 *   (an unknown member, a period that ends before it begins)
 */
AcrStatement *
acr_statement_new (AcrBilling   *billing,
                   guint         member_number,
                   const GDate  *from,
                   const GDate  *to,
                   GError      **error)
{
  g_autoptr (AcrStatement) self = NULL;
  g_autoptr (GPtrArray) documents = NULL;
  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  gint64 balance = 0;

  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (from == NULL || g_date_valid (from), NULL);
  g_return_val_if_fail (to != NULL && g_date_valid (to), NULL);

  if (from != NULL && g_date_compare (from, to) > 0)
    {
      g_autofree char *first = acr_date_format_iso (from);
      g_autofree char *last = acr_date_format_iso (to);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("the period ends (%s) before it begins (%s)"), last, first);
      return NULL;
    }

  self = g_object_new (ACR_TYPE_STATEMENT, NULL);
  self->member = acr_store_lookup_member (acr_billing_get_store (billing), member_number, error);
  if (self->member == NULL)
    return NULL;
  documents = acr_billing_list_member_invoices (billing, member_number, NULL, error);
  if (documents == NULL)
    return NULL;
  self->to = *to;

  for (guint i = 0; i < documents->len; i++)
    {
      AcrInvoice *document = documents->pdata[i];
      const GDate *issued = acr_invoice_get_issued_on (document);
      GListModel *payments = acr_invoice_get_payments (document);

      if (acr_invoice_get_kind (document) == ACR_INVOICE_KIND_CREDIT_NOTE)
        {
          g_ptr_array_add (all, entry_new (issued, ACR_STATEMENT_CREDIT_NOTE, acr_invoice_get_number (document),
                                           acr_invoice_get_reference_number (document),
                                           acr_invoice_get_total_cents (document)));
          continue;
        }
      if (acr_invoice_get_kind (document) != ACR_INVOICE_KIND_INVOICE)
        continue;
      /* A voided invoice owes nothing (and never held money). */
      if (acr_invoice_get_void_reason (document) != NULL)
        {
          g_ptr_array_add (all, entry_new (issued, ACR_STATEMENT_VOIDED, acr_invoice_get_number (document),
                                           acr_invoice_get_void_reason (document), 0));
          continue;
        }
      g_ptr_array_add (all, entry_new (issued, ACR_STATEMENT_INVOICE, acr_invoice_get_number (document), NULL,
                                       acr_invoice_get_total_cents (document)));
      for (guint p = 0; p < g_list_model_get_n_items (payments); p++)
        {
          g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, p);

          g_ptr_array_add (all, entry_new (acr_payment_get_date (payment),
                                           acr_payment_is_refund (payment) ? ACR_STATEMENT_REFUND : ACR_STATEMENT_PAYMENT,
                                           acr_invoice_get_number (document), acr_payment_get_reference (payment),
                                           -acr_payment_get_amount_cents (payment)));
        }

      /* What is still owed on the last day, by the invoice's age then. */
      if (g_date_compare (issued, to) <= 0)
        {
          gint64 owed = acr_invoice_get_total_cents (document);
          int days = g_date_days_between (issued, to);

          for (guint p = 0; p < g_list_model_get_n_items (payments); p++)
            {
              g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, p);

              if (g_date_compare (acr_payment_get_date (payment), to) <= 0)
                owed -= acr_payment_get_amount_cents (payment);
            }
          owed -= acr_invoice_get_credited_cents (document);
          if (owed > 0)
            self->ageing[bucket_of (days)] += owed;
        }
    }

  g_ptr_array_sort (all, compare_entries);
  if (from != NULL)
    self->from = *from;
  else
    self->from = all->len > 0 ? min_date (((AcrStatementEntry *) all->pdata[0])->date, *to) : *to;
  for (guint i = 0; i < all->len; i++)
    {
      AcrStatementEntry *entry = all->pdata[i];

      if (g_date_compare (&entry->date, to) > 0)
        break;
      balance += entry->amount_cents;
      entry->balance_cents = balance;
      if (g_date_compare (&entry->date, &self->from) < 0)
        self->opening_cents = balance;
      else
        g_ptr_array_add (self->entries, g_ptr_array_steal_index (all, i--));
    }
  self->closing_cents = balance;
  return g_steal_pointer (&self);
}

AcrMember *
acr_statement_get_member (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), NULL);
  return self->member;
}

const GDate *
acr_statement_get_from (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), NULL);
  return &self->from;
}

const GDate *
acr_statement_get_to (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), NULL);
  return &self->to;
}

/* The balance before the first day. */
gint64
acr_statement_get_opening_cents (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), 0);
  return self->opening_cents;
}

/* The balance at the end of the last day. */
gint64
acr_statement_get_closing_cents (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), 0);
  return self->closing_cents;
}

/* Returns: (transfer none) (element-type AcrStatementEntry): the period's entries, in date order */
GPtrArray *
acr_statement_get_entries (AcrStatement *self)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), NULL);
  return self->entries;
}

gint64
acr_statement_get_ageing_cents (AcrStatement    *self,
                                AcrAgeingBucket  bucket)
{
  g_return_val_if_fail (ACR_IS_STATEMENT (self), 0);
  g_return_val_if_fail (bucket < ACR_AGEING_N_BUCKETS, 0);
  return self->ageing[bucket];
}

/* --- the document --- */

#define PAGE_WIDTH (8.5 * 72)
#define PAGE_HEIGHT (11 * 72)
#define MARGIN 54.0
#define ROW 15.0

typedef struct
{
  cairo_t     *cr;
  AcrCatalog  *catalog;
  const char  *language;
  double       y;
} Page;

static const char *
tr (Page       *page,
    const char *msgid)
{
  return acr_catalog_gettext (page->catalog, msgid);
}

/* Sets @text at (@x, y) in a column @width wide, aligned left (0) or right (1). */
static void
cell (Page       *page,
      const char *text,
      double      x,
      double      width,
      double      align,
      double      points,
      gboolean    bold)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (page->cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int w;

  pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  cairo_move_to (page->cr, x + (width - MIN (w, width)) * align, page->y);
  pango_cairo_show_layout (page->cr, layout);
}

/* The columns of the table: date, document, what, amount, balance. */
static const double column_x[] = { MARGIN, MARGIN + 110, MARGIN + 200, MARGIN + 370, MARGIN + 440 };
static const double column_width[] = { 105, 85, 165, 65, 64 };

static void
table_row (Page       *page,
           const char *date,
           const char *document,
           const char *what,
           const char *amount,
           const char *balance,
           gboolean    bold)
{
  if (page->y + ROW > PAGE_HEIGHT - MARGIN)
    {
      cairo_show_page (page->cr);
      page->y = MARGIN;
    }
  cell (page, date, column_x[0], column_width[0], 0, 9, bold);
  cell (page, document, column_x[1], column_width[1], 0, 9, bold);
  cell (page, what, column_x[2], column_width[2], 0, 9, bold);
  cell (page, amount, column_x[3], column_width[3], 1, 9, bold);
  cell (page, balance, column_x[4], column_width[4], 1, 9, bold);
  page->y += ROW;
}

static char *
describe (Page                    *page,
          const AcrStatementEntry *entry)
{
  switch (entry->kind)
    {
    case ACR_STATEMENT_INVOICE:
      return g_strdup (tr (page, N_("Invoice")));
    case ACR_STATEMENT_CREDIT_NOTE:
      return g_strdup_printf (acr_catalog_gettext (page->catalog, N_("Credit note for %s")), entry->reference);
    case ACR_STATEMENT_PAYMENT:
      return entry->reference != NULL && *entry->reference != '\0'
             ? g_strdup_printf (acr_catalog_gettext (page->catalog, N_("Payment, ref. %s")), entry->reference)
             : g_strdup (tr (page, N_("Payment")));
    case ACR_STATEMENT_REFUND:
      return g_strdup (tr (page, N_("Refund")));
    case ACR_STATEMENT_VOIDED:
    default:
      return g_strdup (tr (page, N_("Invoice voided (owes nothing)")));
    }
}

/**
 * acr_statement_write_pdf:
 *
 * The statement as a Letter PDF in the member's language.
 */
gboolean
acr_statement_write_pdf (AcrStatement   *self,
                         GOutputStream  *stream,
                         GError        **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  AcrCairoStream sink;
  Page page = { 0 };
  const char *street = acr_member_get_field (self->member, "address");
  g_auto (GStrv) streets = street != NULL ? g_strsplit (street, "\n", -1) : NULL;
  g_autofree char *name = acr_member_dup_postal_name (self->member);
  g_autofree char *address = NULL;
  g_autofree char *number = acr_member_dup_number_text (self->member);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  g_autofree char *member_line = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  g_auto (GStrv) address_lines = NULL;

  g_return_val_if_fail (ACR_IS_STATEMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  page.language = acr_language_normalize (acr_member_get_language (self->member));
  page.catalog = acr_catalog_get_for_language (page.language);
  _acr_cairo_stream_init (&sink, stream);
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, tr (&page, N_("Statement of account")));
  page.cr = cairo_create (surface);
  page.y = MARGIN;
  cairo_set_source_rgb (page.cr, 0, 0, 0);

  /* The College, the title, the member's address (as an envelope's window shows it). */
  cell (&page, "American College of Radiology", MARGIN, PAGE_WIDTH - 2 * MARGIN, 0, 11, TRUE);
  page.y += 18;
  cell (&page, tr (&page, N_("Statement of account")), MARGIN, PAGE_WIDTH - 2 * MARGIN, 0, 16, TRUE);
  page.y += 30;
  address = acr_postal_address_format (name, (const char * const *) streets, acr_member_get_city (self->member),
                                       acr_member_get_field (self->member, "region"),
                                       acr_member_get_field (self->member, "postal_code"),
                                       acr_member_get_country (self->member), FALSE);
  address_lines = g_strsplit (address, "\n", -1);
  for (guint i = 0; address_lines[i] != NULL; i++)
    {
      cell (&page, address_lines[i], MARGIN, 300, 0, 10, FALSE);
      page.y += 13;
    }
  page.y += 12;
  from = acr_date_format_long (&self->from, page.language);
  to = acr_date_format_long (&self->to, page.language);
  member_line = g_strdup_printf (acr_catalog_gettext (page.catalog, N_("Member no. %s")), number);
  period = g_strdup_printf (acr_catalog_gettext (page.catalog, N_("From %s to %s")), from, to);
  cell (&page, member_line, MARGIN, 300, 0, 10, FALSE);
  page.y += 14;
  cell (&page, period, MARGIN, 400, 0, 10, FALSE);
  page.y += 26;

  table_row (&page, tr (&page, N_("Date")), tr (&page, N_("Document")), tr (&page, N_("Description")),
             tr (&page, N_("Amount (USD)")), tr (&page, N_("Balance")), TRUE);
  opening = acr_money_format_for_document (self->opening_cents, page.language);
  table_row (&page, from, "", tr (&page, N_("Balance brought forward")), "", opening, FALSE);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const AcrStatementEntry *entry = self->entries->pdata[i];
      g_autofree char *date = acr_date_format_long (&entry->date, page.language);
      g_autofree char *what = describe (&page, entry);
      g_autofree char *amount = entry->kind == ACR_STATEMENT_VOIDED ? g_strdup ("")
                                                                     : acr_money_format_for_document (entry->amount_cents, page.language);
      g_autofree char *balance = acr_money_format_for_document (entry->balance_cents, page.language);

      table_row (&page, date, entry->document, what, amount, balance, FALSE);
    }
  closing = acr_money_format_for_document (self->closing_cents, page.language);
  table_row (&page, to, "", self->closing_cents >= 0 ? tr (&page, N_("Balance due")) : tr (&page, N_("Owed to you")),
             "", closing, TRUE);

  /* What is still owed, by age. */
  page.y += 20;
  table_row (&page, tr (&page, N_("Age of what is owed")), "", "", "", "", TRUE);
  {
    static const char * const buckets[ACR_AGEING_N_BUCKETS] = {
      N_("Under 30 days"), N_("30 to 59 days"), N_("60 to 89 days"), N_("90 days and more"),
    };

    for (guint b = 0; b < ACR_AGEING_N_BUCKETS; b++)
      {
        g_autofree char *owed = acr_money_format_for_document (self->ageing[b], page.language);

        table_row (&page, tr (&page, buckets[b]), "", "", "", owed, FALSE);
      }
  }

  cairo_show_page (page.cr);
  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!_acr_cairo_stream_take_error (&sink, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the statement could not be written as PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
