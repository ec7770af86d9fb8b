/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-view.c: one chart on screen: input becomes viewport changes, drawing is the renderer's. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-chart-stack-private.h"
#include "hs-chart-view.h"

/* Movement below this many pixels is a click, not a drag. */
#define DRAG_THRESHOLD 4.0

struct _HsChartView
{
  GtkWidget     parent_instance;

  HsChartStack *stack;           /* not owned: the stack owns its views */
  HsChartKind   kind;
  guint         flags;           /* HsChartRenderFlags */

  double        pointer_x;
  gboolean      rubber_band;
  double        drag_x;
  double        drag_dx;
  double        drag_start;
  double        drag_end;
  double        zoom_start;
  double        zoom_end;
};

G_DEFINE_FINAL_TYPE (HsChartView, hs_chart_view, GTK_TYPE_WIDGET)

/* The renderer draws at 1/scale of the widget's size, scaled up: margins grow with it. */
static double
plot_left (HsChartView *self)
{
  return HS_CHART_PLOT_LEFT * _hs_chart_stack_get_scale (self->stack);
}

static double
plot_width (HsChartView *self)
{
  double scale = _hs_chart_stack_get_scale (self->stack);

  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - (HS_CHART_PLOT_LEFT + HS_CHART_PLOT_RIGHT) * scale);
}

double
hs_chart_view_x_to_time (HsChartView *self,
                         double       x)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  double start = hs_time_viewport_get_start (viewport);
  double end = hs_time_viewport_get_end (viewport);

  return start + (x - plot_left (self)) / plot_width (self) * (end - start);
}

double
hs_chart_view_time_to_x (HsChartView *self,
                         double       time)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  double start = hs_time_viewport_get_start (viewport);
  double end = hs_time_viewport_get_end (viewport);

  return plot_left (self) + (time - start) / (end - start) * plot_width (self);
}

static void
hs_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HsChartView *self = HS_CHART_VIEW (widget);
  HsChartRenderer *renderer = hs_chart_stack_get_renderer (self->stack);
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  HsChartRenderOptions options;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  _hs_chart_stack_update_palette (self->stack, widget);
  hs_chart_renderer_options_init (renderer, &options);
  options.start = hs_time_viewport_get_start (viewport);
  options.end = hs_time_viewport_get_end (viewport);
  options.charts = HS_CHART_MASK (self->kind);
  options.flags = self->flags;
  options.hover_cycle = hs_chart_stack_get_hover_cycle (self->stack);
  options.hover_event = _hs_chart_stack_get_hover_event (self->stack);
  options.selected_cycle = hs_chart_stack_get_selected_cycle (self->stack);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  {
    double scale = _hs_chart_stack_get_scale (self->stack);

    cairo_scale (cr, scale, scale);
    hs_chart_renderer_render (renderer, cr, (int) (width / scale), (int) (height / scale), &options);
  }
  cairo_destroy (cr);

  if (self->rubber_band && fabs (self->drag_dx) >= DRAG_THRESHOLD)
    {
      const HsChartPalette *palette = hs_chart_renderer_get_palette (renderer);
      GdkRGBA fill = { palette->selection.red, palette->selection.green, palette->selection.blue, 0.2 };
      double x0 = MIN (self->drag_x, self->drag_x + self->drag_dx);

      gtk_snapshot_append_color (snapshot, &fill,
                                 &GRAPHENE_RECT_INIT (x0, 0, fabs (self->drag_dx), height));
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HsChartView              *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double span = hs_time_viewport_get_end (viewport) - hs_time_viewport_get_start (viewport);

  if (state & GDK_CONTROL_MASK)
    hs_time_viewport_zoom (viewport, pow (1.2, dy), hs_chart_view_x_to_time (self, self->pointer_x));
  else
    hs_time_viewport_pan (viewport, (fabs (dx) > fabs (dy) ? dx : dy) * span * 0.1);

  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               HsChartView      *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);

  self->zoom_start = hs_time_viewport_get_start (viewport);
  self->zoom_end = hs_time_viewport_get_end (viewport);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       HsChartView    *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  double x, y, anchor;

  if (!(scale > 0.0) || !gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  anchor = self->zoom_start + (x - plot_left (self)) / plot_width (self) * (self->zoom_end - self->zoom_start);
  hs_time_viewport_set_range (viewport,
                              anchor - (anchor - self->zoom_start) / scale,
                              anchor + (self->zoom_end - anchor) / scale);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HsChartView    *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* shift or the secondary button draws a range to zoom to; a plain drag pans */
  self->rubber_band = (state & GDK_SHIFT_MASK) != 0 || button == GDK_BUTTON_SECONDARY;
  self->drag_x = x;
  self->drag_dx = 0.0;
  self->drag_start = hs_time_viewport_get_start (viewport);
  self->drag_end = hs_time_viewport_get_end (viewport);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                HsChartView    *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (self->stack);
  double shift;

  self->drag_dx = dx;
  if (self->rubber_band)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  shift = -dx / plot_width (self) * (self->drag_end - self->drag_start);
  hs_time_viewport_set_range (viewport, self->drag_start + shift, self->drag_end + shift);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             HsChartView    *self)
{
  if (self->rubber_band && fabs (dx) >= DRAG_THRESHOLD)
    {
      double a = hs_chart_view_x_to_time (self, self->drag_x);
      double b = hs_chart_view_x_to_time (self, self->drag_x + dx);

      hs_time_viewport_set_range (hs_chart_stack_get_viewport (self->stack), MIN (a, b), MAX (a, b));
    }
  self->rubber_band = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   HsChartView     *self)
{
  if (fabs (self->drag_dx) >= DRAG_THRESHOLD)
    return;

  if (n_press == 2)
    hs_time_viewport_reset (hs_chart_stack_get_viewport (self->stack));
  else if (n_press == 1 && x >= plot_left (self))
    _hs_chart_stack_select_at (self->stack, hs_chart_view_x_to_time (self, x));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HsChartView              *self)
{
  self->pointer_x = x;
  if (x >= plot_left (self))
    _hs_chart_stack_set_hover (self->stack, hs_chart_view_x_to_time (self, x));
  else
    _hs_chart_stack_clear_hover (self->stack);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          HsChartView              *self)
{
  _hs_chart_stack_clear_hover (self->stack);
}

static gboolean
query_tooltip_cb (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  HsChartView *self)
{
  HsChartRenderer *renderer = hs_chart_stack_get_renderer (self->stack);
  gint64 cycle = keyboard ? hs_chart_stack_get_selected_cycle (self->stack)
                          : hs_chart_stack_get_hover_cycle (self->stack);
  g_autofree char *text = NULL;

  if (cycle >= 0)
    text = hs_chart_renderer_describe_cycle (renderer, cycle);
  else if (!keyboard)
    /* memory sampled before any cycle: what the samples under the pointer say */
    text = hs_chart_renderer_describe_samples (renderer, _hs_chart_stack_get_hover_time (self->stack));
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hs_chart_view_class_init (HsChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = hs_chart_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hs_chart_view_init (HsChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
hs_chart_view_new (HsChartStack *stack,
                   HsChartKind   kind,
                   guint         flags)
{
  HsChartView *self = g_object_new (HS_TYPE_CHART_VIEW, NULL);
  g_autofree char *label = g_strdup_printf (_("%s chart"), hs_chart_kind_get_title (kind));

  self->stack = stack;
  self->kind = kind;
  self->flags = flags;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_size_request (GTK_WIDGET (self), 300, kind == HS_CHART_HEAP ? 120 : 64);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  return GTK_WIDGET (self);
}

HsChartKind
hs_chart_view_get_kind (HsChartView *self)
{
  g_return_val_if_fail (HS_IS_CHART_VIEW (self), HS_CHART_HEAP);
  return self->kind;
}
