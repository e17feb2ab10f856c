#define G_LOG_DOMAIN "acr-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "acr-cairo-stream-private.h"
#include "acr-chart.h"
#include "acr-money.h"

struct _AcrChart
{
  GObject       parent_instance;

  AcrChartKind  kind;
  AcrChartUnit  unit;
  char         *title;
  GPtrArray    *categories;  /* char * */
  GPtrArray    *series;      /* Series */
};

typedef struct
{
  char   *name;
  GArray *values;  /* gint64, one per category */
} Series;

G_DEFINE_FINAL_TYPE (AcrChart, acr_chart, G_TYPE_OBJECT)

/* GNOME's palette: blue, green, orange, purple, red, yellow, then again. */
static const double palette[][3] = {
  { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0 },
  { 0x2e / 255.0, 0xc2 / 255.0, 0x7e / 255.0 },
  { 0xff / 255.0, 0x78 / 255.0, 0x00 / 255.0 },
  { 0x91 / 255.0, 0x41 / 255.0, 0xac / 255.0 },
  { 0xe0 / 255.0, 0x1b / 255.0, 0x24 / 255.0 },
  { 0xe5 / 255.0, 0xa5 / 255.0, 0x0a / 255.0 },
};

#define MARGIN 12.0
#define AXIS_GAP 6.0
#define N_TICKS 5

static void
series_free (Series *series)
{
  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static void
acr_chart_finalize (GObject *object)
{
  AcrChart *self = ACR_CHART (object);

  g_free (self->title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);

  G_OBJECT_CLASS (acr_chart_parent_class)->finalize (object);
}

static void
acr_chart_class_init (AcrChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = acr_chart_finalize;
}

static void
acr_chart_init (AcrChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
}

AcrChart *
acr_chart_new (AcrChartKind  kind,
               AcrChartUnit  unit,
               const char   *title)
{
  AcrChart *self = g_object_new (ACR_TYPE_CHART, NULL);

  self->kind = kind;
  self->unit = unit;
  self->title = g_strdup (title);
  return self;
}

AcrChartKind
acr_chart_get_kind (AcrChart *self)
{
  g_return_val_if_fail (ACR_IS_CHART (self), ACR_CHART_BARS);
  return self->kind;
}

AcrChartUnit
acr_chart_get_unit (AcrChart *self)
{
  g_return_val_if_fail (ACR_IS_CHART (self), ACR_CHART_UNIT_COUNT);
  return self->unit;
}

const char *
acr_chart_get_title (AcrChart *self)
{
  g_return_val_if_fail (ACR_IS_CHART (self), NULL);
  return self->title;
}

/* Every series gets a value of 0 for the new category. */
void
acr_chart_add_category (AcrChart   *self,
                        const char *label)
{
  g_return_if_fail (ACR_IS_CHART (self));

  g_ptr_array_add (self->categories, g_strdup (label));
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *series = self->series->pdata[i];
      gint64 zero = 0;

      g_array_append_val (series->values, zero);
    }
}

guint
acr_chart_get_n_categories (AcrChart *self)
{
  g_return_val_if_fail (ACR_IS_CHART (self), 0);
  return self->categories->len;
}

const char *
acr_chart_get_category (AcrChart *self,
                        guint     index)
{
  g_return_val_if_fail (ACR_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);
  return self->categories->pdata[index];
}

/* Returns: the new series' index; its values start at 0. */
guint
acr_chart_add_series (AcrChart   *self,
                      const char *name)
{
  Series *series;

  g_return_val_if_fail (ACR_IS_CHART (self), 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->values = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (series->values, self->categories->len);
  g_ptr_array_add (self->series, series);
  return self->series->len - 1;
}

guint
acr_chart_get_n_series (AcrChart *self)
{
  g_return_val_if_fail (ACR_IS_CHART (self), 0);
  return self->series->len;
}

const char *
acr_chart_get_series_name (AcrChart *self,
                           guint     series)
{
  g_return_val_if_fail (ACR_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) self->series->pdata[series])->name;
}

void
acr_chart_set_value (AcrChart *self,
                     guint     series,
                     guint     category,
                     gint64    value)
{
  g_return_if_fail (ACR_IS_CHART (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (category < self->categories->len);
  g_array_index (((Series *) self->series->pdata[series])->values, gint64, category) = value;
}

gint64
acr_chart_get_value (AcrChart *self,
                     guint     series,
                     guint     category)
{
  g_return_val_if_fail (ACR_IS_CHART (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);
  g_return_val_if_fail (category < self->categories->len, 0);
  return g_array_index (((Series *) self->series->pdata[series])->values, gint64, category);
}

/* A value as the tables show it: money, or a count with its digits grouped. */
char *
acr_chart_format_value (AcrChart   *self,
                        gint64      value,
                        const char *language)
{
  g_return_val_if_fail (ACR_IS_CHART (self), NULL);

  if (self->unit == ACR_CHART_UNIT_CENTS)
    return acr_money_format (value, language);
  return acr_count_format (value, language);
}

/* An axis label: whole dollars without their ".00". */
static char *
format_tick (AcrChart   *self,
             gint64      value,
             const char *language)
{
  g_autofree char *text = acr_chart_format_value (self, value, language);
  char *cents;

  if (self->unit != ACR_CHART_UNIT_CENTS || value % 100 != 0)
    return g_steal_pointer (&text);
  cents = strstr (text, g_strcmp0 (acr_language_normalize (language), "fr") == 0 ? ",00" : ".00");
  if (cents != NULL)
    memmove (cents, cents + 3, strlen (cents + 3) + 1);
  return g_steal_pointer (&text);
}

/* What a screen reader says of a data point: "2027, Collected: $12,345.00". */
char *
acr_chart_describe_point (AcrChart   *self,
                          guint       series,
                          guint       category,
                          const char *language)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (ACR_IS_CHART (self), NULL);
  g_return_val_if_fail (series < self->series->len && category < self->categories->len, NULL);

  value = acr_chart_format_value (self, acr_chart_get_value (self, series, category), language);
  return g_strdup_printf ("%s, %s: %s", acr_chart_get_category (self, category),
                          acr_chart_get_series_name (self, series), value);
}

/* The largest value the axis must reach, and the smallest (0 unless a value is negative). */
static void
value_range (AcrChart *self,
             gint64   *min,
             gint64   *max)
{
  *min = 0;
  *max = 0;
  for (guint c = 0; c < self->categories->len; c++)
    {
      gint64 stacked_up = 0, stacked_down = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          gint64 v = acr_chart_get_value (self, s, c);

          if (self->kind == ACR_CHART_STACKED_BARS)
            {
              if (v > 0)
                stacked_up += v;
              else
                stacked_down += v;
            }
          else
            {
              *max = MAX (*max, v);
              *min = MIN (*min, v);
            }
        }
      *max = MAX (*max, stacked_up);
      *min = MIN (*min, stacked_down);
    }
}

/* A round step (1, 2 or 5 times a power of ten, in whole dollars for money)
 * that divides @span into at most N_TICKS parts. */
static gint64
tick_step (AcrChart *self,
           gint64    span)
{
  gint64 unit = self->unit == ACR_CHART_UNIT_CENTS ? 100 : 1;
  gint64 power = unit;

  if (span <= 0)
    return unit;
  while (TRUE)
    {
      static const gint64 factors[] = { 1, 2, 5 };

      for (guint i = 0; i < G_N_ELEMENTS (factors); i++)
        if (power * factors[i] * N_TICKS >= span)
          return power * factors[i];
      if (power > G_MAXINT64 / 100)
        return power;
      power *= 10;
    }
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      points,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

static void
set_color (cairo_t      *cr,
           const double  rgb[3],
           double        alpha)
{
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
}

/**
 * acr_chart_paint:
 * @width: @height: the area to fill, in cairo units (pixels or points)
 *
 * Draws the title, the legend, the value axis with its grid, the bars or
 * lines, and the category labels. The background is left as it is.
 */
void
acr_chart_paint (AcrChart            *self,
                 cairo_t             *cr,
                 double               width,
                 double               height,
                 const AcrChartStyle *style)
{
  const double fg_light[3] = { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0 };
  const double fg_dark[3] = { 1.0, 1.0, 1.0 };
  const double *fg = style->dark ? fg_dark : fg_light;
  const char *language = style->language;
  g_autoptr (PangoLayout) title = NULL;
  double title_w, title_h, y, legend_x, axis_w = 0, label_h = 0, plot_x, plot_y, plot_w, plot_h;
  gint64 min, max, step, axis_min, axis_max;
  guint n_categories = self->categories->len;
  guint n_series = MAX (self->series->len, 1);
  guint label_every = 1;

  g_return_if_fail (ACR_IS_CHART (self));

  cairo_save (cr);

  /* Title. */
  title = make_layout (cr, self->title != NULL ? self->title : "", 15, TRUE);
  text_size (title, &title_w, &title_h);
  set_color (cr, fg, 1.0);
  cairo_move_to (cr, MARGIN, MARGIN);
  pango_cairo_show_layout (cr, title);
  y = MARGIN + title_h + AXIS_GAP;

  /* Legend: a square of each series' colour and its name, wrapping. */
  legend_x = MARGIN;
  for (guint s = 0; s < self->series->len; s++)
    {
      g_autoptr (PangoLayout) name = make_layout (cr, acr_chart_get_series_name (self, s), 12, FALSE);
      double w, h;

      text_size (name, &w, &h);
      if (legend_x + 16 + w > width - MARGIN && legend_x > MARGIN)
        {
          legend_x = MARGIN;
          y += h + 4;
        }
      set_color (cr, palette[s % G_N_ELEMENTS (palette)], 1.0);
      cairo_rectangle (cr, legend_x, y + (h - 10) / 2, 10, 10);
      cairo_fill (cr);
      set_color (cr, fg, 1.0);
      cairo_move_to (cr, legend_x + 14, y);
      pango_cairo_show_layout (cr, name);
      legend_x += 14 + w + 16;
      if (s + 1 == self->series->len)
        y += h + AXIS_GAP;
    }

  value_range (self, &min, &max);
  step = tick_step (self, max - min);
  axis_max = (max + step - 1) / step * step;
  axis_min = min < 0 ? -((-min + step - 1) / step * step) : 0;
  if (axis_max == axis_min)
    axis_max = axis_min + step;

  /* The widest value label sets the plot's left edge. */
  for (gint64 v = axis_min; v <= axis_max; v += step)
    {
      g_autofree char *text = format_tick (self, v, language);
      g_autoptr (PangoLayout) layout = make_layout (cr, text, 11, FALSE);
      double w, h;

      text_size (layout, &w, &h);
      axis_w = MAX (axis_w, w);
      label_h = MAX (label_h, h);
    }

  plot_x = MARGIN + axis_w + AXIS_GAP;
  plot_y = y + label_h / 2;
  plot_w = MAX (width - plot_x - MARGIN, 1);
  plot_h = MAX (height - plot_y - MARGIN - label_h - AXIS_GAP, 1);

  /* Category labels that would overlap are thinned out: every n-th is shown. */
  if (n_categories > 0)
    {
      double widest = 0;

      for (guint c = 0; c < n_categories; c++)
        {
          g_autoptr (PangoLayout) layout = make_layout (cr, acr_chart_get_category (self, c), 11, FALSE);
          double w, h;

          text_size (layout, &w, &h);
          widest = MAX (widest, w);
        }
      while (label_every < n_categories && (widest + 6) * n_categories / label_every > plot_w)
        label_every++;
    }

  /* Grid and value labels. */
  cairo_set_line_width (cr, 1.0);
  for (gint64 v = axis_min; v <= axis_max; v += step)
    {
      double gy = plot_y + plot_h - (double) (v - axis_min) / (axis_max - axis_min) * plot_h;
      g_autofree char *text = format_tick (self, v, language);
      g_autoptr (PangoLayout) layout = make_layout (cr, text, 11, FALSE);
      double w, h;

      set_color (cr, fg, v == 0 ? 0.5 : 0.15);
      cairo_move_to (cr, plot_x, floor (gy) + 0.5);
      cairo_line_to (cr, plot_x + plot_w, floor (gy) + 0.5);
      cairo_stroke (cr);
      text_size (layout, &w, &h);
      set_color (cr, fg, 0.8);
      cairo_move_to (cr, plot_x - AXIS_GAP - w, gy - h / 2);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint c = 0; c < n_categories; c++)
    {
      double slot = plot_w / n_categories;
      double x0 = plot_x + c * slot;
      double bar_w = self->kind == ACR_CHART_BARS ? slot * 0.8 / n_series : slot * 0.6;
      double zero_y = plot_y + plot_h - (double) (0 - axis_min) / (axis_max - axis_min) * plot_h;
      double up = zero_y, down = zero_y;

      for (guint s = 0; s < self->series->len; s++)
        {
          gint64 v = acr_chart_get_value (self, s, c);
          double length = (double) v / (axis_max - axis_min) * plot_h;
          double bx, by, bh;
          gboolean focused = style->focused_series == (int) s && style->focused_category == (int) c;

          if (self->kind == ACR_CHART_LINES)
            continue;
          if (self->kind == ACR_CHART_BARS)
            {
              bx = x0 + slot * 0.1 + s * bar_w;
              by = v >= 0 ? zero_y - length : zero_y;
              bh = fabs (length);
            }
          else
            {
              bx = x0 + slot * 0.2;
              if (v >= 0)
                {
                  up -= length;
                  by = up;
                }
              else
                {
                  by = down;
                  down -= length;
                }
              bh = fabs (length);
            }
          set_color (cr, palette[s % G_N_ELEMENTS (palette)], 1.0);
          cairo_rectangle (cr, bx, by, MAX (bar_w - 1, 1), bh);
          cairo_fill (cr);
          if (focused)
            {
              set_color (cr, fg, 1.0);
              cairo_set_line_width (cr, 2.0);
              cairo_rectangle (cr, bx - 2, by - 2, MAX (bar_w - 1, 1) + 4, bh + 4);
              cairo_stroke (cr);
              cairo_set_line_width (cr, 1.0);
            }
        }

      if (c % label_every == 0)
        {
          g_autoptr (PangoLayout) layout = make_layout (cr, acr_chart_get_category (self, c), 11, FALSE);
          double w, h;

          text_size (layout, &w, &h);
          set_color (cr, fg, 0.8);
          cairo_move_to (cr, x0 + (slot - w) / 2, plot_y + plot_h + AXIS_GAP);
          pango_cairo_show_layout (cr, layout);
        }
    }

  if (self->kind == ACR_CHART_LINES)
    {
      for (guint s = 0; s < self->series->len; s++)
        {
          set_color (cr, palette[s % G_N_ELEMENTS (palette)], 1.0);
          cairo_set_line_width (cr, 2.0);
          for (guint c = 0; c < n_categories; c++)
            {
              double px = plot_x + (c + 0.5) * plot_w / n_categories;
              double py = plot_y + plot_h - (double) (acr_chart_get_value (self, s, c) - axis_min) / (axis_max - axis_min) * plot_h;

              if (c == 0)
                cairo_move_to (cr, px, py);
              else
                cairo_line_to (cr, px, py);
            }
          cairo_stroke (cr);
          for (guint c = 0; c < n_categories; c++)
            {
              double px = plot_x + (c + 0.5) * plot_w / n_categories;
              double py = plot_y + plot_h - (double) (acr_chart_get_value (self, s, c) - axis_min) / (axis_max - axis_min) * plot_h;
              gboolean focused = style->focused_series == (int) s && style->focused_category == (int) c;

              set_color (cr, palette[s % G_N_ELEMENTS (palette)], 1.0);
              cairo_arc (cr, px, py, focused ? 6 : 3.5, 0, 2 * G_PI);
              cairo_fill (cr);
              if (focused)
                {
                  set_color (cr, fg, 1.0);
                  cairo_arc (cr, px, py, 8, 0, 2 * G_PI);
                  cairo_stroke (cr);
                }
            }
        }
    }

  cairo_restore (cr);
}

/* Exports are on white, in the light style, whatever the screen shows. */
static void
paint_on_white (AcrChart   *self,
                cairo_t    *cr,
                double      width,
                double      height,
                const char *language)
{
  AcrChartStyle style = { language, FALSE, -1, -1 };

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  acr_chart_paint (self, cr, width, height, &style);
}

gboolean
acr_chart_write_png (AcrChart       *self,
                     GOutputStream  *stream,
                     int             width,
                     int             height,
                     const char     *language,
                     GError        **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  AcrCairoStream sink;

  g_return_val_if_fail (ACR_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  paint_on_white (self, cr, width, height, language);
  cairo_destroy (cr);
  _acr_cairo_stream_init (&sink, stream);
  status = cairo_surface_write_to_png_stream (surface, _acr_cairo_stream_write, &sink);
  cairo_surface_destroy (surface);
  if (!_acr_cairo_stream_take_error (&sink, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the chart could not be written as PNG: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
acr_chart_write_pdf (AcrChart       *self,
                     GOutputStream  *stream,
                     double          width_pt,
                     double          height_pt,
                     const char     *language,
                     GError        **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  AcrCairoStream sink;

  g_return_val_if_fail (ACR_IS_CHART (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  _acr_cairo_stream_init (&sink, stream);
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &sink, width_pt, height_pt);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title != NULL ? self->title : "");
  cr = cairo_create (surface);
  paint_on_white (self, cr, width_pt, height_pt, language);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!_acr_cairo_stream_take_error (&sink, error))
    return FALSE;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the chart could not be written as PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
