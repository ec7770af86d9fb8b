/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-overview.c: the whole trace in a strip; the visible window on it can be dragged. */

#include "config.h"

#include <glib/gi18n.h>

#include "hs-chart-overview.h"
#include "hs-chart-stack-private.h"

struct _HsChartOverview
{
  GtkWidget     parent_instance;

  HsChartStack *stack;           /* not owned */
};

G_DEFINE_FINAL_TYPE (HsChartOverview, hs_chart_overview, GTK_TYPE_WIDGET)

static void
hs_chart_overview_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HsChartOverview *self = HS_CHART_OVERVIEW (widget);
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  _hs_chart_stack_update_palette (self->stack, widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  hs_chart_renderer_render_overview (hs_chart_stack_get_renderer (self->stack), cr, width, height,
                                     hs_time_viewport_get_start (viewport),
                                     hs_time_viewport_get_end (viewport));
  cairo_destroy (cr);
}

/* The window is centred where the pointer is, its width kept. */
static void
center_at (HsChartOverview *self,
           double           x)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  double lower = hs_time_viewport_get_lower (viewport);
  double upper = hs_time_viewport_get_upper (viewport);
  double span = hs_time_viewport_get_end (viewport) - hs_time_viewport_get_start (viewport);
  double w = MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - HS_CHART_PLOT_LEFT - HS_CHART_PLOT_RIGHT);
  double t = lower + (x - HS_CHART_PLOT_LEFT) / w * (upper - lower);

  hs_time_viewport_set_range (viewport, t - span / 2.0, t + span / 2.0);
}

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           x,
               double           y,
               HsChartOverview *self)
{
  center_at (self, x);
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           dx,
                double           dy,
                HsChartOverview *self)
{
  double x, y;

  if (gtk_gesture_drag_get_start_point (gesture, &x, &y))
    center_at (self, x + dx);
}

static void
hs_chart_overview_class_init (HsChartOverviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = hs_chart_overview_snapshot;
  gtk_widget_class_set_css_name (widget_class, "chartoverview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hs_chart_overview_init (HsChartOverview *self)
{
  GtkGesture *gesture = gtk_gesture_drag_new ();

  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, 44);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overview of the whole trace"), -1);
}

GtkWidget *
hs_chart_overview_new (HsChartStack *stack)
{
  HsChartOverview *self = g_object_new (HS_TYPE_CHART_OVERVIEW, NULL);

  self->stack = stack;
  return GTK_WIDGET (self);
}
