#define G_LOG_DOMAIN "acr-invoice-painter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "acr-catalog.h"
#include "acr-invoice-painter-private.h"
#include "acr-money.h"
#include "acr-postal-address.h"

/*
 * The page of an invoice, a credit note or a receipt, drawn part by part:
 * header (issuer, title, the address in the envelope window), summary box,
 * reference band, lines, totals with payments, notes, footer. A painter is
 * used by one thread at a time; AcrInvoiceRenderer owns one behind its lock
 * and the folder export makes one per thread.
 */

/* Points per inch: the page is drawn in points. */
#define INCH 72.0

/* A US #10 window envelope: the window is 4.5 × 1.125 in, 7/8 in from the
 * left edge and 2 in from the top of the folded letter. */
#define WINDOW_X      (0.875 * INCH)
#define WINDOW_Y      (2.0 * INCH)
#define WINDOW_WIDTH  (4.5 * INCH)
#define WINDOW_HEIGHT (1.125 * INCH)
/* Kept clear inside the window so a letter that slides still shows it all. */
#define WINDOW_INSET_X 9.0
#define WINDOW_INSET_Y 6.0

#define MARGIN_LEFT   (1.0 * INCH)
#define MARGIN_RIGHT  (0.75 * INCH)
#define AMOUNT_WIDTH  110.0

#define MAX_ROWS   12  /* lines of the document */
#define MAX_TOTALS 10  /* total, payments, refunds, credit, balance */
#define META_COLUMNS 4

typedef enum
{
  SLOT_ISSUER_NAME,
  SLOT_ISSUER_ADDRESS,
  SLOT_TITLE,
  SLOT_NUMBER,
  SLOT_ADDRESS,
  SLOT_SUMMARY_LABEL,
  SLOT_SUMMARY_AMOUNT,
  SLOT_SUMMARY_NOTE,
  SLOT_META_LABEL,
  SLOT_META_VALUE = SLOT_META_LABEL + META_COLUMNS,
  SLOT_HEAD_DESCRIPTION = SLOT_META_VALUE + META_COLUMNS,
  SLOT_HEAD_AMOUNT,
  SLOT_ROW_DESCRIPTION,
  SLOT_ROW_AMOUNT = SLOT_ROW_DESCRIPTION + MAX_ROWS,
  SLOT_TOTAL_LABEL = SLOT_ROW_AMOUNT + MAX_ROWS,
  SLOT_TOTAL_AMOUNT = SLOT_TOTAL_LABEL + MAX_TOTALS,
  SLOT_NOTE = SLOT_TOTAL_AMOUNT + MAX_TOTALS,
  SLOT_INSTRUCTIONS_HEAD,
  SLOT_INSTRUCTIONS_BODY,
  SLOT_FOOTER,
  SLOT_WATERMARK,
  N_SLOTS
} Slot;

typedef enum
{
  FONT_BODY,
  FONT_STRONG,
  FONT_SMALL,
  FONT_NOTE,
  FONT_LABEL,
  FONT_TITLE,
  FONT_ISSUER,
  FONT_BIG,
  FONT_WATERMARK,
  N_FONTS
} Font;

static const char * const font_names[N_FONTS] = {
  [FONT_BODY] = "Cantarell 10",
  [FONT_STRONG] = "Cantarell Bold 10",
  [FONT_SMALL] = "Cantarell 8",
  [FONT_NOTE] = "Cantarell 9",
  [FONT_LABEL] = "Cantarell Bold 7",
  [FONT_TITLE] = "Cantarell Bold 24",
  [FONT_ISSUER] = "Cantarell Bold 13",
  [FONT_BIG] = "Cantarell Bold 18",
  [FONT_WATERMARK] = "Cantarell Bold 110",
};

/* The address is set in the largest of these sizes that fits the window;
 * below 8 points postal scanners and readers struggle. */
static const int address_sizes[] = { 10, 9, 8 };

typedef struct { double r, g, b; } Color;

static const Color color_text = { 0.10, 0.10, 0.11 };
static const Color color_muted = { 0.38, 0.39, 0.42 };
static const Color color_accent = { 0.09, 0.23, 0.42 };
static const Color color_rule = { 0.72, 0.73, 0.75 };
static const Color color_fill = { 0.94, 0.95, 0.96 };

/*
 * Everything one thread needs to draw pages: its own font map (Pango font
 * maps are not thread-safe), a context at 72 dpi so one Pango point is one
 * cairo unit, and one layout per text slot of the page. A layout keeps its
 * shaped text until the text changes, so labels that are the same on every
 * page are shaped once per language rather than once per page.
 */
struct _AcrInvoicePainter
{
  AcrInvoiceRendererConfig  config;
  double                    width;
  double                    height;
  double                    left;
  double                    right;
  double                    summary_x;  /* the box beside the address window */

  PangoFontMap             *font_map;
  PangoContext             *context;
  PangoFontDescription     *fonts[N_FONTS];
  PangoFontDescription     *address_fonts[G_N_ELEMENTS (address_sizes)];
  PangoLayout              *layouts[N_SLOTS];
  char                     *texts[N_SLOTS];       /* as given, before uppercasing */
  gboolean                  uppercase[N_SLOTS];
  int                       address_size;
};

/* The size of @paper in points. */
void
acr_paper_get_size (AcrPaper  paper,
                    double   *width,
                    double   *height)
{
  if (paper == ACR_PAPER_A4)
    {
      *width = 210.0 / 25.4 * INCH;
      *height = 297.0 / 25.4 * INCH;
    }
  else
    {
      *width = 8.5 * INCH;
      *height = 11.0 * INCH;
    }
}

void
acr_invoice_renderer_config_copy (AcrInvoiceRendererConfig       *dest,
                                  const AcrInvoiceRendererConfig *src)
{
  dest->paper = src->paper;
  dest->issuer_name = g_strdup (src->issuer_name);
  dest->issuer_address = g_strdup (src->issuer_address);
}

void
acr_invoice_renderer_config_clear (AcrInvoiceRendererConfig *config)
{
  g_clear_pointer (&config->issuer_name, g_free);
  g_clear_pointer (&config->issuer_address, g_free);
}

static void
setup_slot (AcrInvoicePainter *p,
            Slot               slot,
            Font               font,
            double             width,
            PangoAlignment     alignment,
            int                max_lines,
            gboolean           tabular,
            gboolean           uppercase)
{
  PangoLayout *layout = pango_layout_new (p->context);
  g_autoptr (PangoAttrList) attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, p->fonts[font]);
  pango_layout_set_alignment (layout, alignment);

  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      /* Nothing is clipped: a text longer than its box is wrapped up to
       * max_lines lines per paragraph, then ends with an ellipsis. */
      pango_layout_set_ellipsize (layout, max_lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height (layout, max_lines > 0 ? -max_lines : -1);
    }

  /* Tabular figures: every digit has the same advance, so right-aligned
   * amounts line up digit by digit down the column. */
  if (tabular)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  /* Small labels in capitals, tracked out a little. The capitals are in
   * the text itself (see set_text()) rather than a text-transform
   * attribute: a transformed glyph makes cairo write an ActualText span
   * around it in the PDF, several per label, on every page. */
  if (uppercase)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (pango_units_from_double (0.6)));
  pango_layout_set_attributes (layout, attrs);

  p->layouts[slot] = layout;
  p->uppercase[slot] = uppercase;
}

AcrInvoicePainter *
acr_invoice_painter_new (const AcrInvoiceRendererConfig *config)
{
  AcrInvoicePainter *p = g_new0 (AcrInvoicePainter, 1);
  cairo_font_options_t *options;
  double content;
  double column;

  acr_invoice_renderer_config_copy (&p->config, config);
  acr_paper_get_size (config->paper, &p->width, &p->height);
  p->left = MARGIN_LEFT;
  p->right = p->width - MARGIN_RIGHT;
  p->summary_x = WINDOW_X + WINDOW_WIDTH + 18;
  content = p->right - p->left;
  column = content / META_COLUMNS;

  p->font_map = pango_cairo_font_map_new ();
  p->context = pango_font_map_create_context (p->font_map);
  pango_cairo_context_set_resolution (p->context, INCH);
  /* Unhinted metrics and unrounded positions: the same line breaks and
   * widths on paper, in a PDF and on screen. */
  pango_context_set_round_glyph_positions (p->context, FALSE);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (p->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < N_FONTS; i++)
    p->fonts[i] = pango_font_description_from_string (font_names[i]);
  for (guint i = 0; i < G_N_ELEMENTS (address_sizes); i++)
    {
      p->address_fonts[i] = pango_font_description_from_string ("Cantarell");
      pango_font_description_set_size (p->address_fonts[i], address_sizes[i] * PANGO_SCALE);
    }

  setup_slot (p, SLOT_ISSUER_NAME, FONT_ISSUER, WINDOW_WIDTH, PANGO_ALIGN_LEFT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_ISSUER_ADDRESS, FONT_SMALL, WINDOW_WIDTH, PANGO_ALIGN_LEFT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_TITLE, FONT_TITLE, 220, PANGO_ALIGN_RIGHT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_NUMBER, FONT_BODY, 220, PANGO_ALIGN_RIGHT, 1, TRUE, FALSE);
  setup_slot (p, SLOT_ADDRESS, FONT_BODY, WINDOW_WIDTH - 2 * WINDOW_INSET_X, PANGO_ALIGN_LEFT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_SUMMARY_LABEL, FONT_LABEL, p->right - p->summary_x - 20, PANGO_ALIGN_LEFT, 1, FALSE, TRUE);
  setup_slot (p, SLOT_SUMMARY_AMOUNT, FONT_BIG, p->right - p->summary_x - 20, PANGO_ALIGN_LEFT, 1, TRUE, FALSE);
  setup_slot (p, SLOT_SUMMARY_NOTE, FONT_SMALL, p->right - p->summary_x - 20, PANGO_ALIGN_LEFT, 2, FALSE, FALSE);
  for (guint i = 0; i < META_COLUMNS; i++)
    {
      setup_slot (p, SLOT_META_LABEL + i, FONT_LABEL, column - 8, PANGO_ALIGN_LEFT, 1, FALSE, TRUE);
      setup_slot (p, SLOT_META_VALUE + i, FONT_BODY, column - 8, PANGO_ALIGN_LEFT, 1, TRUE, FALSE);
    }
  setup_slot (p, SLOT_HEAD_DESCRIPTION, FONT_LABEL, content - AMOUNT_WIDTH - 20, PANGO_ALIGN_LEFT, 1, FALSE, TRUE);
  setup_slot (p, SLOT_HEAD_AMOUNT, FONT_LABEL, AMOUNT_WIDTH, PANGO_ALIGN_RIGHT, 1, FALSE, TRUE);
  for (guint i = 0; i < MAX_ROWS; i++)
    {
      setup_slot (p, SLOT_ROW_DESCRIPTION + i, FONT_BODY, content - AMOUNT_WIDTH - 20, PANGO_ALIGN_LEFT, 2, FALSE, FALSE);
      setup_slot (p, SLOT_ROW_AMOUNT + i, FONT_BODY, AMOUNT_WIDTH, PANGO_ALIGN_RIGHT, 1, TRUE, FALSE);
    }
  for (guint i = 0; i < MAX_TOTALS; i++)
    {
      gboolean last = i == MAX_TOTALS - 1;

      /* The last total slot is the balance: set in bold. */
      setup_slot (p, SLOT_TOTAL_LABEL + i, last ? FONT_STRONG : FONT_BODY, content - AMOUNT_WIDTH - 20,
                  PANGO_ALIGN_RIGHT, 1, FALSE, FALSE);
      setup_slot (p, SLOT_TOTAL_AMOUNT + i, last ? FONT_STRONG : FONT_BODY, AMOUNT_WIDTH,
                  PANGO_ALIGN_RIGHT, 1, TRUE, FALSE);
    }
  setup_slot (p, SLOT_NOTE, FONT_NOTE, content, PANGO_ALIGN_LEFT, 0, FALSE, FALSE);
  setup_slot (p, SLOT_INSTRUCTIONS_HEAD, FONT_STRONG, content - 24, PANGO_ALIGN_LEFT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_INSTRUCTIONS_BODY, FONT_NOTE, content - 24, PANGO_ALIGN_LEFT, 0, FALSE, FALSE);
  setup_slot (p, SLOT_FOOTER, FONT_SMALL, content, PANGO_ALIGN_LEFT, 1, FALSE, FALSE);
  setup_slot (p, SLOT_WATERMARK, FONT_WATERMARK, -1, PANGO_ALIGN_LEFT, 0, FALSE, FALSE);

  return p;
}

void
acr_invoice_painter_free (AcrInvoicePainter *p)
{
  if (p == NULL)
    return;

  for (guint i = 0; i < N_SLOTS; i++)
    {
      g_clear_object (&p->layouts[i]);
      g_clear_pointer (&p->texts[i], g_free);
    }
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_pointer (&p->fonts[i], pango_font_description_free);
  for (guint i = 0; i < G_N_ELEMENTS (address_sizes); i++)
    g_clear_pointer (&p->address_fonts[i], pango_font_description_free);
  g_clear_object (&p->context);
  g_clear_object (&p->font_map);
  acr_invoice_renderer_config_clear (&p->config);
  g_free (p);
}

static PangoLayout *
set_text (AcrInvoicePainter *p,
          Slot               slot,
          const char        *text)
{
  PangoLayout *layout = p->layouts[slot];

  g_assert (layout != NULL);

  /* Same text as on the previous page: keep the layout and its shaping. */
  if (g_strcmp0 (p->texts[slot], text) != 0)
    {
      g_free (p->texts[slot]);
      p->texts[slot] = g_strdup (text);
      if (p->uppercase[slot])
        {
          g_autofree char *capitals = g_utf8_strup (text, -1);

          pango_layout_set_text (layout, capitals, -1);
        }
      else
        pango_layout_set_text (layout, text, -1);
    }

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

/* Draws @text in @slot with its top-left corner at (@x, @y); returns the
 * height it took. */
static double
show (AcrInvoicePainter *p,
      cairo_t           *cr,
      Slot               slot,
      const char        *text,
      double             x,
      double             y,
      const Color       *color)
{
  PangoLayout *layout = set_text (p, slot, text);

  cairo_set_source_rgb (cr, color->r, color->g, color->b);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  return layout_height (layout);
}

static void
rule (cairo_t     *cr,
      double       x1,
      double       x2,
      double       y,
      double       width,
      const Color *color)
{
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

/* The member's postal address, as the envelope window shows it. */
static char *
build_address (AcrInvoice *invoice,
               gboolean    join_streets)
{
  return acr_postal_address_format (acr_invoice_get_member_name (invoice),
                                    acr_invoice_get_address_lines (invoice),
                                    acr_invoice_get_city (invoice),
                                    acr_invoice_get_region (invoice),
                                    acr_invoice_get_postal_code (invoice),
                                    acr_invoice_get_country (invoice),
                                    join_streets);
}

/* Sets the address in the largest size whose lines all fit the window. An
 * address with more lines than the window holds, even in the smallest size,
 * gets its street lines run together into one paragraph of at most two
 * lines, so that the name, the city and postal code line and the country
 * always show through. No line runs past the window's edge: each ends with
 * an ellipsis if it must. */
static void
draw_address (AcrInvoicePainter *p,
              cairo_t           *cr,
              AcrInvoice        *invoice)
{
  const double room = WINDOW_HEIGHT - 2 * WINDOW_INSET_Y;
  PangoLayout *layout = NULL;

  for (int join = 0; join <= 1; join++)
    {
      g_autofree char *text = build_address (invoice, join);

      layout = set_text (p, SLOT_ADDRESS, text);
      if (pango_layout_get_height (layout) != (join ? -2 : -1))
        pango_layout_set_height (layout, join ? -2 : -1);

      for (guint size = 0; size < G_N_ELEMENTS (address_sizes); size++)
        {
          if (p->address_size != address_sizes[size])
            {
              pango_layout_set_font_description (layout, p->address_fonts[size]);
              p->address_size = address_sizes[size];
            }
          if (layout_height (layout) <= room)
            goto fits;
        }
    }

fits:
  cairo_save (cr);
  cairo_rectangle (cr, WINDOW_X, WINDOW_Y, WINDOW_WIDTH, WINDOW_HEIGHT);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, color_text.r, color_text.g, color_text.b);
  cairo_move_to (cr, WINDOW_X + WINDOW_INSET_X, WINDOW_Y + WINDOW_INSET_Y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_fold_marks (AcrInvoicePainter *p,
                 cairo_t           *cr)
{
  /* Tri-fold marks at a third and two thirds of the page, in the margin. */
  for (int i = 1; i <= 2; i++)
    rule (cr, 14, 24, p->height * i / 3.0, 0.5, &color_rule);
}

/*
 * The description of a line in the member's language. The description frozen
 * on the invoice is the English source text of the dues line; the catalog
 * translates it when the rules' own message is translated. When it is not,
 * a line of a well-known kind still gets a description in the member's
 * language from its code, rather than English on a French invoice.
 */
static char *
describe_line (AcrCatalog  *catalog,
               const char  *language,
               AcrDuesLine *line)
{
  const char *description = acr_dues_line_get_description (line);
  const char *code = acr_dues_line_get_code (line);
  const char *translated = acr_catalog_gettext (catalog, description);

  if (translated != description || g_str_equal (language, "en"))
    return g_strdup (translated);

  if (g_str_equal (code, "national"))
    return g_strdup (acr_catalog_gettext (catalog, N_("National dues")));
  if (g_str_equal (code, "military-discount"))
    return g_strdup (acr_catalog_gettext (catalog, N_("Military discount")));
  if (g_str_equal (code, "refund"))
    return g_strdup (acr_catalog_gettext (catalog, N_("Refund")));
  if (g_str_has_prefix (code, "chapter:"))
    return g_strdup_printf (acr_catalog_gettext (catalog, N_("Chapter dues (%s)")), code + strlen ("chapter:"));

  return g_strdup (description);
}

typedef struct
{
  const char *label;
  char       *amount;
} Total;

/* What every part of one page needs to know about the document. */
typedef struct
{
  AcrInvoice       *invoice;
  AcrCatalog       *catalog;
  const char       *lang;
  AcrInvoiceKind    kind;
  AcrInvoiceStatus  status;
  char             *issued;
  char             *due;
  char             *title_number;     /* "No. 2027-000001", also in the footer */
  char             *issuer_sentence;  /* the issuer's address on one line, with commas */
} Page;

#define T(s) acr_catalog_gettext (page->catalog, (s))

/* Issuer top left, title and number top right, fold marks, and the
 * member's address in the envelope window. */
static void
paint_header (AcrInvoicePainter *p,
              cairo_t           *cr,
              Page              *page)
{
  AcrInvoice *invoice = page->invoice;
  g_auto (GStrv) parts = g_strsplit (p->config.issuer_address, "\n", -1);
  g_autofree char *issuer_line = g_strjoinv (" · ", parts);
  const char *title;
  double y;
  double h;

  page->issuer_sentence = g_strjoinv (", ", parts);

  y = 0.5 * INCH;
  y += show (p, cr, SLOT_ISSUER_NAME, p->config.issuer_name, p->left, y, &color_accent) + 2;
  show (p, cr, SLOT_ISSUER_ADDRESS, issuer_line, p->left, y, &color_muted);

  switch (page->kind)
    {
    case ACR_INVOICE_KIND_CREDIT_NOTE:
      title = T (N_("Credit note"));
      break;
    case ACR_INVOICE_KIND_RECEIPT:
      title = T (N_("Receipt"));
      break;
    case ACR_INVOICE_KIND_INVOICE:
    default:
      title = T (N_("Invoice"));
      break;
    }
  h = show (p, cr, SLOT_TITLE, title, p->right - 220, 0.5 * INCH - 6, &color_accent);
  page->title_number = g_strdup_printf (T (N_("No. %s")), acr_invoice_get_number (invoice));
  show (p, cr, SLOT_NUMBER, page->title_number, p->right - 220, 0.5 * INCH - 6 + h, &color_text);

  draw_fold_marks (p, cr);
  draw_address (p, cr, invoice);
}

/* The figure that matters, in a box beside the address. */
static void
paint_summary (AcrInvoicePainter *p,
               cairo_t           *cr,
               Page              *page)
{
  AcrInvoice *invoice = page->invoice;
  const double summary_x = p->summary_x;
  g_autofree char *summary_amount = NULL;
  g_autofree char *summary_note = NULL;
  const char *summary_label;
  double y;

  switch (page->kind)
    {
    case ACR_INVOICE_KIND_CREDIT_NOTE:
      summary_label = T (N_("Amount credited"));
      summary_amount = acr_money_format_for_document (-acr_invoice_get_total_cents (invoice), page->lang);
      summary_note = g_strdup_printf (T (N_("Cancels invoice %s")), acr_invoice_get_reference_number (invoice));
      break;
    case ACR_INVOICE_KIND_RECEIPT:
      summary_label = T (N_("Amount paid"));
      summary_amount = acr_money_format_for_document (acr_invoice_get_paid_cents (invoice), page->lang);
      summary_note = g_strdup (T (N_("Thank you for your payment.")));
      break;
    case ACR_INVOICE_KIND_INVOICE:
    default:
      summary_label = T (N_("Amount due"));
      summary_amount = acr_money_format_for_document (MAX (acr_invoice_get_balance_cents (invoice), 0), page->lang);
      if (page->status == ACR_INVOICE_STATUS_VOID)
        summary_note = g_strdup (T (N_("This invoice is void. Nothing is due.")));
      else if (acr_invoice_get_balance_cents (invoice) <= 0)
        summary_note = g_strdup (T (N_("Nothing is due. Thank you.")));
      else
        summary_note = g_strdup_printf (T (N_("Please pay by %s")), page->due);
      break;
    }

  cairo_set_source_rgb (cr, color_fill.r, color_fill.g, color_fill.b);
  cairo_rectangle (cr, summary_x, WINDOW_Y, p->right - summary_x, WINDOW_HEIGHT);
  cairo_fill (cr);
  y = WINDOW_Y + 9;
  y += show (p, cr, SLOT_SUMMARY_LABEL, summary_label, summary_x + 10, y, &color_muted) + 3;
  y += show (p, cr, SLOT_SUMMARY_AMOUNT, summary_amount, summary_x + 10, y, &color_accent) + 3;
  show (p, cr, SLOT_SUMMARY_NOTE, summary_note, summary_x + 10, y, &color_text);
}

/* Reference data in a band of four columns under the address; returns
 * the top of the band. */
static double
paint_reference_band (AcrInvoicePainter *p,
                      cairo_t           *cr,
                      Page              *page)
{
  AcrInvoice *invoice = page->invoice;
  g_autofree char *year = g_strdup_printf ("%d", acr_invoice_get_year (invoice));
  const char *labels[META_COLUMNS];
  const char *values[META_COLUMNS];
  double y;

  labels[0] = T (N_("Member number"));
  values[0] = acr_invoice_get_member_number (invoice);
  labels[3] = T (N_("Membership year"));
  values[3] = year;
  switch (page->kind)
    {
    case ACR_INVOICE_KIND_CREDIT_NOTE:
      labels[1] = T (N_("Date of issue"));
      values[1] = page->issued;
      labels[2] = T (N_("Invoice credited"));
      values[2] = acr_invoice_get_reference_number (invoice);
      break;
    case ACR_INVOICE_KIND_RECEIPT:
      labels[1] = T (N_("Date of issue"));
      values[1] = page->issued;
      labels[2] = T (N_("Invoice"));
      values[2] = acr_invoice_get_reference_number (invoice);
      break;
    case ACR_INVOICE_KIND_INVOICE:
    default:
      labels[1] = T (N_("Invoice date"));
      values[1] = page->issued;
      labels[2] = T (N_("Due date"));
      values[2] = page->due;
      break;
    }

  y = WINDOW_Y + WINDOW_HEIGHT + 22;
  rule (cr, p->left, p->right, y, 0.75, &color_rule);
  y += 8;
  for (guint i = 0; i < META_COLUMNS; i++)
    {
      double x = p->left + i * (p->right - p->left) / META_COLUMNS;
      double h = show (p, cr, SLOT_META_LABEL + i, labels[i], x, y, &color_muted);

      show (p, cr, SLOT_META_VALUE + i, values[i], x, y + h + 2, &color_text);
    }

  return y;
}

/* The lines of the document under a heading, from @y; returns where the
 * rule under the last line is. */
static double
paint_lines (AcrInvoicePainter *p,
             cairo_t           *cr,
             Page              *page,
             double             y)
{
  GListModel *lines = acr_invoice_get_lines (page->invoice);
  guint n_lines = g_list_model_get_n_items (lines);
  double h;

  h = show (p, cr, SLOT_HEAD_DESCRIPTION, T (N_("Description")), p->left, y, &color_muted);
  show (p, cr, SLOT_HEAD_AMOUNT, T (N_("Amount")), p->right - AMOUNT_WIDTH, y, &color_muted);
  y += h + 5;
  rule (cr, p->left, p->right, y, 1.0, &color_text);
  y += 7;

  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = acr_money_format_for_document (acr_dues_line_get_amount_cents (line), page->lang);
      g_autofree char *described = describe_line (page->catalog, page->lang, line);
      g_autofree char *description = NULL;
      double hd;
      double ha;

      /* The star points to the note on provisional amounts below: only an
       * invoice asks for money that may change. A no-break space keeps it
       * on the line of the description's last word. */
      if (acr_dues_line_get_placeholder (line) && page->kind == ACR_INVOICE_KIND_INVOICE)
        description = g_strconcat (described, "\xc2\xa0*", NULL);
      else
        description = g_steal_pointer (&described);

      hd = show (p, cr, SLOT_ROW_DESCRIPTION + i, description, p->left, y, &color_text);
      ha = show (p, cr, SLOT_ROW_AMOUNT + i, amount, p->right - AMOUNT_WIDTH, y, &color_text);
      y += MAX (hd, ha) + 6;
      if (i + 1 < n_lines)
        rule (cr, p->left, p->right, y - 3, 0.35, &color_rule);
    }

  rule (cr, p->left, p->right, y, 1.0, &color_text);

  return y;
}

/* The rows for what moved since the document was issued: each payment and
 * refund, then any credit note, appended to @totals. The labels are kept
 * in @labels. */
static void
collect_payments (Page      *page,
                  Total     *totals,
                  guint     *n_totals,
                  GPtrArray *labels)
{
  AcrInvoice *invoice = page->invoice;
  GListModel *payments = acr_invoice_get_payments (invoice);
  guint n_payments = g_list_model_get_n_items (payments);

  for (guint i = 0; i < n_payments; i++)
    {
      g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, i);
      g_autofree char *date = acr_date_format_long (acr_payment_get_date (payment), page->lang);
      const char *reference = acr_payment_get_reference (payment);
      const char *method_label = T (acr_payment_method_get_label (acr_payment_get_method (payment)));
      g_autofree char *method = NULL;
      char *label;

      /* "Check 1187": the member finds the payment in their records. */
      if (reference != NULL && *reference != '\0')
        method = g_strdup_printf ("%s %s", method_label, reference);
      else
        method = g_strdup (method_label);

      if (acr_payment_is_refund (payment))
        label = g_strdup_printf (T (N_("Refunded %s (%s)")), date, method);
      else
        label = g_strdup_printf (T (N_("Paid %s (%s)")), date, method);
      g_ptr_array_add (labels, label);
      /* Money received lowers the balance; a refund raises it back. */
      totals[(*n_totals)++] = (Total) { label, acr_money_format_for_document (-acr_payment_get_amount_cents (payment), page->lang) };
    }

  if (acr_invoice_get_credited_cents (invoice) != 0)
    totals[(*n_totals)++] = (Total) { T (N_("Credited")), acr_money_format_for_document (-acr_invoice_get_credited_cents (invoice), page->lang) };
}

/* What was billed, what moved since, what is left; from @y, returns the
 * bottom of the last row. */
static double
paint_totals (AcrInvoicePainter *p,
              cairo_t           *cr,
              Page              *page,
              double             y)
{
  AcrInvoice *invoice = page->invoice;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  Total totals[MAX_TOTALS];
  guint n_totals = 0;
  double h;

  totals[n_totals++] = (Total) {
    page->kind == ACR_INVOICE_KIND_CREDIT_NOTE ? T (N_("Total credit (USD)")) : T (N_("Total (USD)")),
    acr_money_format_for_document (acr_invoice_get_total_cents (invoice), page->lang)
  };
  if (page->kind != ACR_INVOICE_KIND_CREDIT_NOTE)
    collect_payments (page, totals, &n_totals, labels);

  for (guint i = 0; i < n_totals; i++)
    {
      h = show (p, cr, SLOT_TOTAL_LABEL + i, totals[i].label, p->left, y, &color_text);
      show (p, cr, SLOT_TOTAL_AMOUNT + i, totals[i].amount, p->right - AMOUNT_WIDTH, y, &color_text);
      y += h + 4;
      g_free (totals[i].amount);
    }

  if (page->kind != ACR_INVOICE_KIND_CREDIT_NOTE)
    {
      g_autofree char *balance = acr_money_format_for_document (acr_invoice_get_balance_cents (invoice), page->lang);

      y += 2;
      rule (cr, p->right - AMOUNT_WIDTH - 170, p->right, y, 1.0, &color_text);
      y += 5;
      h = show (p, cr, SLOT_TOTAL_LABEL + MAX_TOTALS - 1, T (N_("Balance due")), p->left, y, &color_text);
      show (p, cr, SLOT_TOTAL_AMOUNT + MAX_TOTALS - 1, balance, p->right - AMOUNT_WIDTH, y, &color_text);
      y += h;
    }

  return y;
}

/* Notes on provisional amounts or voiding, then how to pay or what the
 * document means (nothing when nothing is due), from @y. Fails if the
 * box would run into the footer. */
static gboolean
paint_notes (AcrInvoicePainter  *p,
             cairo_t            *cr,
             Page               *page,
             double              y,
             GError            **error)
{
  AcrInvoice *invoice = page->invoice;
  g_autofree char *instructions = NULL;
  const char *head;
  double box_top;
  double box_height;

  if (page->status == ACR_INVOICE_STATUS_VOID && acr_invoice_get_void_reason (invoice) != NULL)
    {
      g_autofree char *note = g_strdup_printf (T (N_("Void: %s")), acr_invoice_get_void_reason (invoice));
      y += show (p, cr, SLOT_NOTE, note, p->left, y, &color_muted) + 12;
    }
  else if (acr_invoice_get_placeholder (invoice) && page->kind == ACR_INVOICE_KIND_INVOICE)
    {
      g_autofree char *note = g_strdup_printf (T (N_("* Provisional amount: the %d dues on the lines marked * are not yet final. "
                                                        "If a final amount differs, you will receive a corrected invoice or a credit note.")),
                                               acr_invoice_get_year (invoice));
      y += show (p, cr, SLOT_NOTE, note, p->left, y, &color_muted) + 12;
    }

  if (page->kind == ACR_INVOICE_KIND_INVOICE && acr_invoice_get_balance_cents (invoice) <= 0)
    return TRUE;

  if (page->kind == ACR_INVOICE_KIND_CREDIT_NOTE)
    {
      head = T (N_("About this credit note"));
      instructions = g_strdup_printf (T (N_("This credit note cancels invoice %s. Any amount you paid on it "
                                            "is refunded to you by the method you paid with.")),
                                      acr_invoice_get_reference_number (invoice));
    }
  else if (page->kind == ACR_INVOICE_KIND_RECEIPT)
    {
      head = T (N_("About this receipt"));
      instructions = g_strdup_printf (T (N_("This receipt confirms the payments received on invoice %s for "
                                            "membership year %d. Please keep it for your records.")),
                                      acr_invoice_get_reference_number (invoice), acr_invoice_get_year (invoice));
    }
  else
    {
      head = T (N_("How to pay"));
      instructions = g_strdup_printf (T (N_("By check: make it payable to %s, write invoice number %s on it, "
                                            "and mail it to %s, %s.\n"
                                            "By card or bank transfer: contact Member Services and quote "
                                            "invoice number %s and member number %s.")),
                                      p->config.issuer_name, acr_invoice_get_number (invoice),
                                      p->config.issuer_name, page->issuer_sentence,
                                      acr_invoice_get_number (invoice), acr_invoice_get_member_number (invoice));
    }

  box_top = y;
  set_text (p, SLOT_INSTRUCTIONS_HEAD, head);
  set_text (p, SLOT_INSTRUCTIONS_BODY, instructions);
  box_height = layout_height (p->layouts[SLOT_INSTRUCTIONS_HEAD]) + layout_height (p->layouts[SLOT_INSTRUCTIONS_BODY]) + 28;

  if (box_top + box_height > p->height - 0.75 * INCH)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: the document does not fit on one page"), acr_invoice_get_number (invoice));
      return FALSE;
    }

  cairo_set_source_rgb (cr, color_accent.r, color_accent.g, color_accent.b);
  cairo_rectangle (cr, p->left, box_top, 2.5, box_height);
  cairo_fill (cr);
  y = box_top + 10;
  y += show (p, cr, SLOT_INSTRUCTIONS_HEAD, head, p->left + 14, y, &color_text) + 4;
  show (p, cr, SLOT_INSTRUCTIONS_BODY, instructions, p->left + 14, y, &color_text);

  return TRUE;
}

/* The footer line, and across the page the watermark of a void document. */
static void
paint_footer (AcrInvoicePainter *p,
              cairo_t           *cr,
              Page              *page)
{
  g_autofree char *footer = NULL;

  footer = g_strdup_printf (T (N_("%s · %s · Member %s · %s")), p->config.issuer_name,
                            page->title_number, acr_invoice_get_member_number (page->invoice), page->issued);
  rule (cr, p->left, p->right, p->height - 0.6 * INCH, 0.5, &color_rule);
  show (p, cr, SLOT_FOOTER, footer, p->left, p->height - 0.6 * INCH + 5, &color_muted);

  if (page->status == ACR_INVOICE_STATUS_VOID)
    {
      PangoLayout *layout = set_text (p, SLOT_WATERMARK, T (N_("VOID")));
      int w;
      int wh;

      pango_layout_get_size (layout, &w, &wh);
      cairo_save (cr);
      cairo_translate (cr, p->width / 2, p->height / 2);
      cairo_rotate (cr, -G_PI / 6);
      cairo_move_to (cr, -pango_units_to_double (w) / 2, -pango_units_to_double (wh) / 2);
      cairo_set_source_rgba (cr, 0.75, 0.1, 0.1, 0.22);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

#undef T

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->issued, g_free);
  g_clear_pointer (&page->due, g_free);
  g_clear_pointer (&page->title_number, g_free);
  g_clear_pointer (&page->issuer_sentence, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

gboolean
acr_invoice_painter_paint (AcrInvoicePainter  *p,
                           cairo_t            *cr,
                           AcrInvoice         *invoice,
                           GError            **error)
{
  g_auto (Page) page = { 0 };
  guint n_lines = g_list_model_get_n_items (acr_invoice_get_lines (invoice));
  guint n_payments = g_list_model_get_n_items (acr_invoice_get_payments (invoice));
  gboolean ok;
  double y;

  if (n_lines > MAX_ROWS || n_payments > MAX_TOTALS - 3)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER,
                   _("%s: %u lines and %u payments do not fit on one page (at most %d and %d)"),
                   acr_invoice_get_number (invoice), n_lines, n_payments, MAX_ROWS, MAX_TOTALS - 3);
      return FALSE;
    }

  page.invoice = invoice;
  page.lang = acr_invoice_get_language (invoice);
  page.catalog = acr_catalog_get_for_language (page.lang);
  page.kind = acr_invoice_get_kind (invoice);
  page.status = acr_invoice_get_status (invoice);
  page.issued = acr_date_format_long (acr_invoice_get_issued_on (invoice), page.lang);
  if (acr_invoice_get_due_on (invoice) != NULL)
    page.due = acr_date_format_long (acr_invoice_get_due_on (invoice), page.lang);

  pango_cairo_update_context (cr, p->context);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  paint_header (p, cr, &page);
  paint_summary (p, cr, &page);
  y = paint_reference_band (p, cr, &page);
  y = paint_lines (p, cr, &page, y + 52);
  y = paint_totals (p, cr, &page, y + 8);
  ok = paint_notes (p, cr, &page, y + 18, error);
  if (ok)
    paint_footer (p, cr, &page);

  cairo_restore (cr);

  return ok;
}

void
acr_invoice_painter_get_page_size (AcrInvoicePainter *p,
                                   double            *width,
                                   double            *height)
{
  *width = p->width;
  *height = p->height;
}

const char *
acr_invoice_painter_get_issuer_name (AcrInvoicePainter *p)
{
  return p->config.issuer_name;
}
