#define G_LOG_DOMAIN "acr-member-card"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <string.h>

#include "acr-cairo-stream-private.h"
#include "acr-catalog.h"
#include "acr-member-card.h"
#include "acr-money.h"

#define POINTS_PER_INCH 72.0
#define CARD_WIDTH (3.5 * POINTS_PER_INCH)
#define CARD_HEIGHT (2 * POINTS_PER_INCH)
#define PADDING (0.15 * POINTS_PER_INCH)
/* The QR code's side, quiet zone included (4 modules each side, as the standard asks). */
#define QR_SIDE (1.1 * POINTS_PER_INCH)
#define QR_QUIET_MODULES 4

typedef struct
{
  const char *name;
  double      page_width;
  double      page_height;
  guint       columns;
  guint       rows;
  double      left;
  double      top;
} Layout;

static const Layout layouts[] = {
  /* Avery 5371: 2 × 5 cards of 3½ × 2 in, ¾ in side margins, ½ in top. */
  [ACR_CARD_LAYOUT_AVERY_5371] = { "avery-5371", 8.5 * POINTS_PER_INCH, 11 * POINTS_PER_INCH, 2, 5,
                                   0.75 * POINTS_PER_INCH, 0.5 * POINTS_PER_INCH },
  [ACR_CARD_LAYOUT_SINGLE] = { "single", CARD_WIDTH, CARD_HEIGHT, 1, 1, 0, 0 },
};

gboolean
acr_card_layout_from_string (const char    *text,
                             AcrCardLayout *layout)
{
  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    if (g_strcmp0 (text, layouts[i].name) == 0)
      {
        if (layout != NULL)
          *layout = i;
        return TRUE;
      }
  return FALSE;
}

guint
acr_card_layout_get_per_page (AcrCardLayout layout)
{
  g_return_val_if_fail (layout < G_N_ELEMENTS (layouts), 0);
  return layouts[layout].columns * layouts[layout].rows;
}

/**
 * acr_member_card_qr_modules:
 * @modules: (out): @width × @width bytes, row by row, 1 for a dark module
 *
 * The QR code of @text (error correction level M, 8-bit mode), as a card
 * prints it, quiet zone excluded.
 */
gboolean
acr_member_card_qr_modules (const char  *text,
                            GBytes     **modules,
                            guint       *width,
                            GError     **error)
{
  QRcode *code;
  guint8 *dark;

  g_return_val_if_fail (text != NULL && modules != NULL && width != NULL, FALSE);

  code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("“%s” could not be made into a QR code: %s"), text, g_strerror (saved));
      return FALSE;
    }
  dark = g_malloc ((gsize) code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    dark[i] = code->data[i] & 1;
  *width = code->width;
  *modules = g_bytes_new_take (dark, (gsize) code->width * code->width);
  QRcode_free (code);
  return TRUE;
}

static void
paint_qr (cairo_t     *cr,
          const char  *text,
          double       x,
          double       y,
          GError     **error)
{
  g_autoptr (GBytes) modules = NULL;
  const guint8 *dark;
  guint width;
  double module;

  if (!acr_member_card_qr_modules (text, &modules, &width, error))
    return;
  dark = g_bytes_get_data (modules, NULL);
  module = QR_SIDE / (width + 2 * QR_QUIET_MODULES);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, QR_SIDE, QR_SIDE);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint row = 0; row < width; row++)
    for (guint column = 0; column < width; column++)
      if (dark[row * width + column])
        cairo_rectangle (cr, x + (column + QR_QUIET_MODULES) * module, y + (row + QR_QUIET_MODULES) * module,
                         module, module);
  cairo_fill (cr);
}

/* Sets @text from (@x, *@y) in at most @max_lines lines, and moves *@y below it. */
static void
show_text (cairo_t    *cr,
           const char *text,
           double      points,
           gboolean    bold,
           int         max_lines,
           double      x,
           double     *y,
           double      width)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int height;

  pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -max_lines);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, *y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  *y += height;
}

/* One card, its top left corner at (@x, @y). */
static gboolean
paint_card (cairo_t    *cr,
            AcrMember  *member,
            AcrRules   *rules,
            int         year,
            double      x,
            double      y,
            GError    **error)
{
  const char *language = acr_language_normalize (acr_member_get_language (member));
  AcrCatalog *catalog = acr_catalog_get_for_language (language);
  AcrCategory *category = acr_member_get_category (member) != NULL
                          ? acr_rules_lookup_category (rules, acr_member_get_category (member)) : NULL;
  g_autofree char *number = acr_member_dup_number_text (member);
  g_autofree char *name = acr_member_dup_postal_name (member);
  g_autofree char *title = g_strdup_printf (acr_catalog_gettext (catalog, N_("Membership card %d")), year);
  g_autofree char *number_line = g_strdup_printf (acr_catalog_gettext (catalog, N_("Member no. %s")), number);
  double text_width = CARD_WIDTH - 3 * PADDING - QR_SIDE;
  double line_y = y + PADDING;
  g_autoptr (GError) qr_error = NULL;

  /* The cut line, faint: a card printed on plain paper is cut along it. */
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x + 0.25, y + 0.25, CARD_WIDTH - 0.5, CARD_HEIGHT - 0.5);
  cairo_stroke (cr);

  /* The College's name is a proper name: the same in both languages. */
  cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
  show_text (cr, "American College of Radiology", 9, TRUE, 1, x + PADDING, &line_y, CARD_WIDTH - 2 * PADDING);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  show_text (cr, title, 8, FALSE, 1, x + PADDING, &line_y, text_width);
  line_y += 0.15 * POINTS_PER_INCH;
  cairo_set_source_rgb (cr, 0, 0, 0);
  show_text (cr, name, 12, TRUE, 2, x + PADDING, &line_y, text_width);
  show_text (cr, number_line, 9, FALSE, 1, x + PADDING, &line_y, text_width);
  if (category != NULL)
    show_text (cr, acr_catalog_gettext (catalog, acr_category_get_source_name (category)), 9, FALSE, 2,
               x + PADDING, &line_y, text_width);

  paint_qr (cr, number, x + CARD_WIDTH - PADDING - QR_SIDE, y + CARD_HEIGHT - PADDING - QR_SIDE, &qr_error);
  if (qr_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&qr_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * acr_member_cards_write_pdf:
 * @members: (element-type AcrMember): in the order they are printed
 * @year: the membership year the cards are for
 *
 * Writes one card per member, on card sheets or a page each.
 */
gboolean
acr_member_cards_write_pdf (GPtrArray      *members,
                            AcrRules       *rules,
                            int             year,
                            AcrCardLayout   layout,
                            GOutputStream  *stream,
                            GError        **error)
{
  const Layout *geometry;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  AcrCairoStream sink;
  guint per_page;
  gboolean ok = TRUE;

  g_return_val_if_fail (members != NULL, FALSE);
  g_return_val_if_fail (ACR_IS_RULES (rules), FALSE);
  g_return_val_if_fail (layout < G_N_ELEMENTS (layouts), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  geometry = &layouts[layout];
  per_page = geometry->columns * geometry->rows;
  _acr_cairo_stream_init (&sink, stream);
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &sink, geometry->page_width, geometry->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Member cards"));
  cr = cairo_create (surface);

  for (guint i = 0; ok && i < members->len; i++)
    {
      guint slot = i % per_page;

      if (i > 0 && slot == 0)
        cairo_show_page (cr);
      ok = paint_card (cr, members->pdata[i], rules, year,
                       geometry->left + (slot % geometry->columns) * CARD_WIDTH,
                       geometry->top + (slot / geometry->columns) * CARD_HEIGHT, error);
    }
  cairo_show_page (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* A card that could not be drawn has said why; the stream's error is then secondary. */
  if (!ok)
    {
      g_clear_error (&sink.error);
      return FALSE;
    }
  if (!_acr_cairo_stream_take_error (&sink, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the cards could not be written as PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
