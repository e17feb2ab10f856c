#define G_LOG_DOMAIN "acr-labels"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "acr-cairo-stream-private.h"
#include "acr-labels.h"
#include "acr-member.h"
#include "acr-postal-address.h"

#define POINTS_PER_INCH 72.0
#define POINTS_PER_MM (72.0 / 25.4)

/* A sheet's geometry, in points, from its maker's template. */
typedef struct
{
  const char *name;
  double      page_width;
  double      page_height;
  guint       columns;
  guint       rows;
  double      label_width;
  double      label_height;
  double      left;          /* page edge to the first label */
  double      top;
  double      column_pitch;  /* label to label, edge to edge */
  double      row_pitch;
  double      padding;       /* inside a label, kept clear of the die cut */
} SheetGeometry;

static const SheetGeometry sheets[] = {
  [ACR_LABEL_SHEET_AVERY_5160] = {
    "avery-5160", 8.5 * POINTS_PER_INCH, 11 * POINTS_PER_INCH, 3, 10,
    2.625 * POINTS_PER_INCH, 1 * POINTS_PER_INCH,
    0.1875 * POINTS_PER_INCH, 0.5 * POINTS_PER_INCH,
    2.75 * POINTS_PER_INCH, 1 * POINTS_PER_INCH,
    0.1 * POINTS_PER_INCH,
  },
  [ACR_LABEL_SHEET_L7163] = {
    "l7163", 210 * POINTS_PER_MM, 297 * POINTS_PER_MM, 2, 7,
    99.1 * POINTS_PER_MM, 38.1 * POINTS_PER_MM,
    4.65 * POINTS_PER_MM, 15.15 * POINTS_PER_MM,
    101.6 * POINTS_PER_MM, 38.1 * POINTS_PER_MM,
    3 * POINTS_PER_MM,
  },
};

/* The largest and smallest type an address is set in; a long one shrinks. */
#define FONT_POINTS 9.0
#define MIN_FONT_POINTS 6.0

void
acr_label_free (AcrLabel *label)
{
  if (label == NULL)
    return;
  g_free (label->collate_key);
  g_free (label->address);
  g_free (label);
}

gboolean
acr_label_sheet_from_string (const char    *text,
                             AcrLabelSheet *sheet)
{
  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (g_strcmp0 (text, sheets[i].name) == 0)
      {
        if (sheet != NULL)
          *sheet = i;
        return TRUE;
      }
  return FALSE;
}

const char *
acr_label_sheet_to_string (AcrLabelSheet sheet)
{
  g_return_val_if_fail (sheet < G_N_ELEMENTS (sheets), NULL);
  return sheets[sheet].name;
}

guint
acr_label_sheet_get_per_page (AcrLabelSheet sheet)
{
  g_return_val_if_fail (sheet < G_N_ELEMENTS (sheets), 0);
  return sheets[sheet].columns * sheets[sheet].rows;
}

static gboolean
collect_member_cb (AcrMember  *member,
                   gpointer    user_data,
                   GError    **error)
{
  GPtrArray *labels = user_data;
  const char *address = acr_member_get_field (member, "address");
  g_auto (GStrv) streets = address != NULL ? g_strsplit (address, "\n", -1) : NULL;
  g_autofree char *name = acr_member_dup_postal_name (member);
  AcrLabel *label = g_new0 (AcrLabel, 1);

  label->collate_key = acr_postal_code_collate_key (acr_member_get_field (member, "postal_code"));
  label->address = acr_postal_address_format (name, (const char * const *) streets, acr_member_get_city (member),
                                              acr_member_get_field (member, "region"),
                                              acr_member_get_field (member, "postal_code"),
                                              acr_member_get_country (member), FALSE);
  g_ptr_array_add (labels, label);
  return TRUE;
}

/* Postal-code order; within a code, the address (name first) decides. */
static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  const AcrLabel *x = *(AcrLabel * const *) a;
  const AcrLabel *y = *(AcrLabel * const *) b;
  int by_code = g_strcmp0 (x->collate_key, y->collate_key);

  return by_code != 0 ? by_code : g_utf8_collate (x->address, y->address);
}

/**
 * acr_labels_collect:
 * @ids: member ids (guint32), as acr_store_search_ids () gives them
 *
 * Returns: (transfer full) (element-type AcrLabel): the members' labels in
 *   postal-code order, or NULL with @error set
 */
GPtrArray *
acr_labels_collect (AcrStore  *store,
                    GArray    *ids,
                    GError   **error)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_label_free);

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if (!acr_store_foreach_member (store, ids, collect_member_cb, labels, error))
    return NULL;
  g_ptr_array_sort (labels, compare_labels);
  return g_steal_pointer (&labels);
}

/* Sets @text in the box, shrinking the type until every line fits. */
static void
paint_label (cairo_t             *cr,
             PangoLayout         *layout,
             PangoFontDescription *font,
             const char          *text,
             double               x,
             double               y,
             double               width,
             double               height)
{
  double points = FONT_POINTS;
  int text_width, text_height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  for (;;)
    {
      pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      if (text_height <= height || points <= MIN_FONT_POINTS)
        break;
      points -= 0.5;
    }
  /* Centred from top to bottom, as a label is read. */
  cairo_move_to (cr, x, y + MAX (0, (height - text_height) / 2));
  pango_cairo_show_layout (cr, layout);
}

/**
 * acr_labels_write_pdf:
 * @labels: (element-type AcrLabel): in the order they are to be printed
 *
 * Writes the labels as a PDF of @sheet's pages, left to right, top to
 * bottom; a last sheet that is not full leaves its remaining labels blank.
 */
gboolean
acr_labels_write_pdf (GPtrArray      *labels,
                      AcrLabelSheet   sheet,
                      GOutputStream  *stream,
                      GError        **error)
{
  const SheetGeometry *geometry;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");
  guint per_page;
  cairo_status_t status;
  AcrCairoStream sink;

  g_return_val_if_fail (labels != NULL, FALSE);
  g_return_val_if_fail (sheet < G_N_ELEMENTS (sheets), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  geometry = &sheets[sheet];
  per_page = geometry->columns * geometry->rows;
  _acr_cairo_stream_init (&sink, stream);
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &sink, geometry->page_width, geometry->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Mailing labels"));
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);

  for (guint i = 0; i < labels->len; i++)
    {
      const AcrLabel *label = labels->pdata[i];
      guint slot = i % per_page;
      double x = geometry->left + (slot % geometry->columns) * geometry->column_pitch + geometry->padding;
      double y = geometry->top + (slot / geometry->columns) * geometry->row_pitch + geometry->padding;

      if (i > 0 && slot == 0)
        cairo_show_page (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      paint_label (cr, layout, font, label->address, x, y,
                   geometry->label_width - 2 * geometry->padding, geometry->label_height - 2 * geometry->padding);
    }
  /* No labels: one blank sheet rather than an unreadable file. */
  cairo_show_page (cr);

  g_clear_object (&layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!_acr_cairo_stream_take_error (&sink, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the labels could not be written as PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
