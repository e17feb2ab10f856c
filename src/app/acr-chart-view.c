#define G_LOG_DOMAIN "acr-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "acr-chart-view.h"

/*
 * AcrChartView: an AcrChart on screen, drawn by the same code as its PDF
 * and PNG. It takes keyboard focus: Left and Right move between categories,
 * Up and Down between series, Home and End to the first and last; the point
 * with focus is outlined and is the widget's accessible description ("2027,
 * Paid: $12,345.00"), so a screen reader reads values, not shapes. The
 * table beside it holds the same figures.
 */

struct _AcrChartView
{
  GtkWidget  parent_instance;

  AcrChart  *chart;
  guint      series;    /* the point with keyboard focus */
  guint      category;
};

enum {
  PROP_0,
  PROP_CHART,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrChartView, acr_chart_view, GTK_TYPE_WIDGET)

static gboolean
has_points (AcrChartView *self)
{
  return self->chart != NULL && acr_chart_get_n_series (self->chart) > 0 &&
         acr_chart_get_n_categories (self->chart) > 0;
}

static void
update_accessible (AcrChartView *self)
{
  g_autofree char *description = NULL;

  if (!has_points (self))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->chart != NULL ? acr_chart_get_title (self->chart) : _("Chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No figures"),
                                      -1);
      return;
    }
  description = acr_chart_describe_point (self->chart, self->series, self->category, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, acr_chart_get_title (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
}

static void
move_focus (AcrChartView *self,
            int           d_series,
            int           d_category)
{
  int n_series, n_categories;

  if (!has_points (self))
    return;
  n_series = acr_chart_get_n_series (self->chart);
  n_categories = acr_chart_get_n_categories (self->chart);
  self->series = CLAMP ((int) self->series + d_series, 0, n_series - 1);
  self->category = CLAMP ((int) self->category + d_category, 0, n_categories - 1);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AcrChartView          *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_focus (self, 0, -1);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_focus (self, 0, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_focus (self, -1, 0);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_focus (self, 1, 0);
      return TRUE;
    case GDK_KEY_Home:
      move_focus (self, 0, -G_MAXINT / 2);
      return TRUE;
    case GDK_KEY_End:
      move_focus (self, 0, G_MAXINT / 2);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
focus_changed_cb (AcrChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
acr_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  AcrChartView *self = ACR_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;
  AcrChartStyle style = { NULL, adw_style_manager_get_dark (adw_style_manager_get_default ()), -1, -1 };

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  if (gtk_widget_has_focus (widget) && has_points (self))
    {
      style.focused_series = self->series;
      style.focused_category = self->category;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  acr_chart_paint (self->chart, cr, width, height, &style);
  cairo_destroy (cr);
}

static void
acr_chart_view_dispose (GObject *object)
{
  AcrChartView *self = ACR_CHART_VIEW (object);

  g_clear_object (&self->chart);

  G_OBJECT_CLASS (acr_chart_view_parent_class)->dispose (object);
}

static void
acr_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcrChartView *self = ACR_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  AcrChartView *self = ACR_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      acr_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_chart_view_class_init (AcrChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_chart_view_dispose;
  object_class->get_property = acr_chart_view_get_property;
  object_class->set_property = acr_chart_view_set_property;
  widget_class->snapshot = acr_chart_view_snapshot;

  properties [PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, ACR_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
acr_chart_view_init (AcrChartView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, 260);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
acr_chart_view_new (void)
{
  return g_object_new (ACR_TYPE_CHART_VIEW, NULL);
}

AcrChart *
acr_chart_view_get_chart (AcrChartView *self)
{
  g_return_val_if_fail (ACR_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

/* A new chart keeps the focused point where it still exists. */
void
acr_chart_view_set_chart (AcrChartView *self,
                          AcrChart     *chart)
{
  g_return_if_fail (ACR_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || ACR_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;
  move_focus (self, 0, 0);
  if (has_points (self))
    {
      self->series = MIN (self->series, acr_chart_get_n_series (chart) - 1);
      self->category = MIN (self->category, acr_chart_get_n_categories (chart) - 1);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHART]);
}

/* Returns: whether a point has focus (the chart has figures), and which */
gboolean
acr_chart_view_get_focused_point (AcrChartView *self,
                                  guint        *series,
                                  guint        *category)
{
  g_return_val_if_fail (ACR_IS_CHART_VIEW (self), FALSE);

  if (!has_points (self))
    return FALSE;
  *series = self->series;
  *category = self->category;
  return TRUE;
}
