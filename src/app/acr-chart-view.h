#pragma once

#include <gtk/gtk.h>

#include "acr-chart.h"

G_BEGIN_DECLS

#define ACR_TYPE_CHART_VIEW (acr_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (AcrChartView, acr_chart_view, ACR, CHART_VIEW, GtkWidget)

GtkWidget *acr_chart_view_new              (void);
AcrChart  *acr_chart_view_get_chart        (AcrChartView *self);
void       acr_chart_view_set_chart        (AcrChartView *self,
                                            AcrChart     *chart);
gboolean   acr_chart_view_get_focused_point (AcrChartView *self,
                                            guint        *series,
                                            guint        *category);

G_END_DECLS
