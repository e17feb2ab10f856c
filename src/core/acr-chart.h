#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrChart: the figures of a report as a chart, and its drawing with cairo
 * and Pango. The same drawing goes to the screen (AcrChartView), to PDF and
 * to PNG, so that what is exported is what staff saw.
 *
 * A chart has categories along the x axis (years, categories, chapters…)
 * and one or more series of integer values (cents or counts). Bars put the
 * series side by side, stacked bars on top of each other, a line chart joins
 * each series' points. Values are never floating point until they become
 * a position on the page.
 */

typedef enum
{
  ACR_CHART_BARS,
  ACR_CHART_STACKED_BARS,
  ACR_CHART_LINES,
} AcrChartKind;

typedef enum
{
  ACR_CHART_UNIT_CENTS,
  ACR_CHART_UNIT_COUNT,
} AcrChartUnit;

/* How a chart is drawn: colours follow the light or dark style. */
typedef struct
{
  const char *language;        /* "en" or "fr": digits, money and labels */
  gboolean    dark;
  int         focused_series;  /* the data point with keyboard focus, or -1 */
  int         focused_category;
} AcrChartStyle;

#define ACR_TYPE_CHART (acr_chart_get_type ())

G_DECLARE_FINAL_TYPE (AcrChart, acr_chart, ACR, CHART, GObject)

AcrChart     *acr_chart_new                (AcrChartKind         kind,
                                            AcrChartUnit         unit,
                                            const char          *title);
AcrChartKind  acr_chart_get_kind           (AcrChart            *self);
AcrChartUnit  acr_chart_get_unit           (AcrChart            *self);
const char   *acr_chart_get_title          (AcrChart            *self);
void          acr_chart_add_category       (AcrChart            *self,
                                            const char          *label);
guint         acr_chart_get_n_categories   (AcrChart            *self);
const char   *acr_chart_get_category       (AcrChart            *self,
                                            guint                index);
guint         acr_chart_add_series         (AcrChart            *self,
                                            const char          *name);
guint         acr_chart_get_n_series       (AcrChart            *self);
const char   *acr_chart_get_series_name    (AcrChart            *self,
                                            guint                series);
void          acr_chart_set_value          (AcrChart            *self,
                                            guint                series,
                                            guint                category,
                                            gint64               value);
gint64        acr_chart_get_value          (AcrChart            *self,
                                            guint                series,
                                            guint                category);
char         *acr_chart_format_value       (AcrChart            *self,
                                            gint64               value,
                                            const char          *language);
char         *acr_chart_describe_point     (AcrChart            *self,
                                            guint                series,
                                            guint                category,
                                            const char          *language);

void          acr_chart_paint              (AcrChart            *self,
                                            cairo_t             *cr,
                                            double               width,
                                            double               height,
                                            const AcrChartStyle *style);
gboolean      acr_chart_write_png          (AcrChart            *self,
                                            GOutputStream       *stream,
                                            int                  width,
                                            int                  height,
                                            const char          *language,
                                            GError             **error);
gboolean      acr_chart_write_pdf          (AcrChart            *self,
                                            GOutputStream       *stream,
                                            double               width_pt,
                                            double               height_pt,
                                            const char          *language,
                                            GError             **error);

G_END_DECLS
