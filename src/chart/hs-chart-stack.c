/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-stack.c: the four charts on one time axis, with the overview strip and the legend. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "hs-chart-overview.h"
#include "hs-chart-stack-private.h"
#include "hs-chart-view.h"

struct _HsChartStack
{
  GtkWidget        parent_instance;

  HsTrace         *trace;
  HsChartRenderer *renderer;
  HsTimeViewport  *viewport;

  GtkWidget       *box;
  GtkWidget       *legends[HS_N_CHARTS];
  GtkWidget       *views[HS_N_CHARTS];
  GtkWidget       *overview;
  GtkWidget       *toggles[HS_N_SERIES];
  guint64          present;      /* bit per series the trace has, as the legend shows them */

  gint64           hover_cycle;
  gint64           hover_event;
  double           hover_time;   /* NAN: none; what a samples-only session's tooltip is about */
  gint64           selected_cycle;
  GdkRGBA          foreground;   /* of the style the palette was made from */
  double           scale;        /* > 1 draws the plots larger (presenting) */
};

G_DEFINE_FINAL_TYPE (HsChartStack, hs_chart_stack, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TRACE,
  PROP_SELECTED_CYCLE,
  PROP_HOVER_CYCLE,
  PROP_HIDDEN_SERIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
redraw (HsChartStack *self)
{
  for (guint k = 0; k < HS_N_CHARTS; k++)
    gtk_widget_queue_draw (self->views[k]);
  gtk_widget_queue_draw (self->overview);
}

/* Findings and notes to mark on every chart (see hs_chart_renderer_set_marks). */
void
hs_chart_stack_set_marks (HsChartStack      *self,
                          const HsChartMark *marks,
                          guint              n_marks)
{
  g_return_if_fail (HS_IS_CHART_STACK (self));

  hs_chart_renderer_set_marks (self->renderer, marks, n_marks);
  redraw (self);
}

/*
 * Draws the plots' text and lines @scale times larger, for presenting on a projector;
 * the legends and titles are GTK widgets and follow the style instead.
 */
void
hs_chart_stack_set_scale (HsChartStack *self,
                          double        scale)
{
  g_return_if_fail (HS_IS_CHART_STACK (self));
  g_return_if_fail (scale >= 1.0 && scale <= 4.0);

  if (self->scale == scale)
    return;

  self->scale = scale;
  redraw (self);
}

double
_hs_chart_stack_get_scale (HsChartStack *self)
{
  return self->scale;
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  HsChartStack *self = g_object_get_data (G_OBJECT (area), "stack");
  HsChartSeries series = GPOINTER_TO_UINT (user_data);
  const HsChartColor *c = &hs_chart_renderer_get_palette (self->renderer)->series[series];

  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
  cairo_rectangle (cr, 1, (height - 10) / 2.0, 10, 10);
  cairo_fill (cr);
}

static void
toggle_cb (GtkCheckButton *button,
           HsChartStack   *self)
{
  HsChartSeries series = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "series"));

  hs_chart_renderer_set_series_visible (self->renderer, series, gtk_check_button_get_active (button));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_SERIES]);
  redraw (self);
}

/* One toggle per series the trace has, grouped by chart; rebuilt only when that set changes. */
static void
update_legend (HsChartStack *self)
{
  guint64 present = 0;
  GtkWidget *child;

  G_STATIC_ASSERT (HS_N_SERIES <= 64);
  for (guint s = 0; s < HS_N_SERIES; s++)
    if (hs_chart_renderer_has_series (self->renderer, s))
      present |= G_GUINT64_CONSTANT (1) << s;
  if (present == self->present && gtk_widget_get_first_child (self->legends[0]) != NULL)
    return;
  self->present = present;

  memset (self->toggles, 0, sizeof self->toggles);
  for (guint k = 0; k < HS_N_CHARTS; k++)
    {
      while ((child = gtk_widget_get_first_child (self->legends[k])) != NULL)
        gtk_flow_box_remove (GTK_FLOW_BOX (self->legends[k]), child);

      for (int s = HS_N_SERIES - 1; s >= 0; s--)
        {
          const HsChartSeriesInfo *info = hs_chart_series_get_info (s);
          g_autofree char *tooltip = NULL;
          GtkWidget *button, *box, *swatch, *label;

          if (info->chart != k || !(present & (G_GUINT64_CONSTANT (1) << s)))
            continue;

          box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 5);
          swatch = gtk_drawing_area_new ();
          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
          gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (swatch), "stack", self);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw, GUINT_TO_POINTER (s), NULL);
          gtk_box_append (GTK_BOX (box), swatch);
          label = gtk_label_new (_(info->label));
          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);

          button = gtk_check_button_new ();
          gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                       hs_chart_renderer_get_series_visible (self->renderer, s));
          tooltip = g_strdup_printf (_("Show “%s” in the %s chart"), _(info->label), hs_chart_kind_get_title (k));
          gtk_widget_set_tooltip_text (button, tooltip);
          g_object_set_data (G_OBJECT (button), "series", GUINT_TO_POINTER (s));
          g_signal_connect_object (button, "toggled", G_CALLBACK (toggle_cb), self, 0);
          gtk_flow_box_append (GTK_FLOW_BOX (self->legends[k]), button);
          self->toggles[s] = button;
        }
    }
}

static void
update_limits (HsChartStack *self)
{
  double start, end;

  hs_chart_renderer_get_time_range (self->renderer, &start, &end);
  hs_time_viewport_set_limits (self->viewport, start, end);
}

static void
items_appended_cb (HsChartStack *self)
{
  /* the renderer took in the new items first: it connected before the stack did */
  update_limits (self);
  update_legend (self);
  redraw (self);
}

static void
viewport_changed_cb (HsChartStack *self)
{
  redraw (self);
}

void
_hs_chart_stack_update_palette (HsChartStack *self,
                                GtkWidget    *widget)
{
  GdkRGBA fg;
  HsChartPalette palette;
  HsChartColor color;
  gboolean dark;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (gdk_rgba_equal (&fg, &self->foreground))
    return;
  self->foreground = fg;

  /* light text means a dark style */
  dark = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
  hs_chart_palette_init (&palette, dark);
  palette.fill_background = FALSE;
  color = (HsChartColor) { fg.red, fg.green, fg.blue, 1.0 };
  hs_chart_palette_set_foreground (&palette, &color);
  if (dark)
    palette.background = (HsChartColor) { 0.14, 0.14, 0.14, 1.0 };
  hs_chart_renderer_set_palette (self->renderer, &palette);
  redraw (self);
}

static void
announce (HsChartStack *self,
          gint64        cycle)
{
  g_autofree char *text = NULL;

  if (cycle < 0)
    return;

  /* the values as text, for screen readers, on every chart */
  text = hs_chart_renderer_describe_cycle (self->renderer, cycle);
  for (guint k = 0; k < HS_N_CHARTS; k++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->views[k]),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
_hs_chart_stack_set_hover (HsChartStack *self,
                           double        time)
{
  gint64 cycle = hs_chart_renderer_find_cycle (self->renderer, time);
  gint64 event = hs_chart_renderer_find_event (self->renderer, time);

  self->hover_time = time;
  if (cycle == self->hover_cycle && event == self->hover_event)
    return;

  self->hover_cycle = cycle;
  self->hover_event = event;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_CYCLE]);
  redraw (self);
}

void
_hs_chart_stack_clear_hover (HsChartStack *self)
{
  self->hover_time = NAN;
  if (self->hover_cycle < 0 && self->hover_event < 0)
    return;

  self->hover_cycle = -1;
  self->hover_event = -1;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_CYCLE]);
  redraw (self);
}

gint64
_hs_chart_stack_get_hover_event (HsChartStack *self)
{
  return self->hover_event;
}

double
_hs_chart_stack_get_hover_time (HsChartStack *self)
{
  return self->hover_time;
}

void
_hs_chart_stack_select_at (HsChartStack *self,
                           double        time)
{
  hs_chart_stack_set_selected_cycle (self, hs_chart_renderer_find_cycle (self->renderer, time));
}

/* Actions: what the keyboard does */

static double
view_span (HsChartStack *self)
{
  return hs_time_viewport_get_end (self->viewport) - hs_time_viewport_get_start (self->viewport);
}

static double
view_center (HsChartStack *self)
{
  return (hs_time_viewport_get_start (self->viewport) + hs_time_viewport_get_end (self->viewport)) / 2.0;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  HsChartStack *self = HS_CHART_STACK (widget);

  hs_time_viewport_zoom (self->viewport, 1.0 / 1.5, view_center (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  HsChartStack *self = HS_CHART_STACK (widget);

  hs_time_viewport_zoom (self->viewport, 1.5, view_center (self));
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  hs_time_viewport_reset (HS_CHART_STACK (widget)->viewport);
}

static void
pan_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  HsChartStack *self = HS_CHART_STACK (widget);

  hs_time_viewport_pan (self->viewport, g_variant_get_double (param) * view_span (self));
}

static void
select_step_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  HsChartStack *self = HS_CHART_STACK (widget);
  gint64 n = hs_trace_get_n_cycles (self->trace);
  gint64 cycle;
  double t;

  if (n == 0)
    return;

  /* from the selection, or from the middle of the view when there is none */
  if (self->selected_cycle < 0)
    cycle = hs_chart_renderer_find_cycle (self->renderer, view_center (self));
  else
    cycle = CLAMP (self->selected_cycle + g_variant_get_int32 (param), 0, n - 1);
  hs_chart_stack_set_selected_cycle (self, cycle);

  /* keep it in view */
  t = hs_chart_data_get_time (hs_chart_renderer_get_data (self->renderer), HS_CHART_SOURCE_CYCLES, cycle);
  if (t < hs_time_viewport_get_start (self->viewport) || t > hs_time_viewport_get_end (self->viewport))
    hs_time_viewport_pan (self->viewport, t - view_center (self));
}

static void
copy_image_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  g_autoptr(GError) error = NULL;

  if (!hs_chart_stack_copy_image (HS_CHART_STACK (widget), &error))
    g_warning ("%s", error->message);
}

/* GObject */

static void
hs_chart_stack_dispose (GObject *object)
{
  HsChartStack *self = HS_CHART_STACK (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->viewport);
  g_clear_object (&self->renderer);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_chart_stack_parent_class)->dispose (object);
}

static void
hs_chart_stack_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsChartStack *self = HS_CHART_STACK (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_SELECTED_CYCLE:
      g_value_set_int64 (value, self->selected_cycle);
      break;
    case PROP_HOVER_CYCLE:
      g_value_set_int64 (value, self->hover_cycle);
      break;
    case PROP_HIDDEN_SERIES:
      g_value_take_boxed (value, hs_chart_stack_get_hidden_series (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_chart_stack_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsChartStack *self = HS_CHART_STACK (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      self->trace = g_value_dup_object (value);
      break;
    case PROP_SELECTED_CYCLE:
      hs_chart_stack_set_selected_cycle (self, g_value_get_int64 (value));
      break;
    case PROP_HIDDEN_SERIES:
      hs_chart_stack_set_hidden_series (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_chart_stack_constructed (GObject *object)
{
  HsChartStack *self = HS_CHART_STACK (object);
  GtkWidget *frame;

  G_OBJECT_CLASS (hs_chart_stack_parent_class)->constructed (object);

  g_assert (self->trace != NULL);
  self->renderer = hs_chart_renderer_new (self->trace);
  self->viewport = hs_time_viewport_new ();
  update_limits (self);
  hs_time_viewport_reset (self->viewport);
  g_signal_connect_object (self->trace, "items-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trace, "samples-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->viewport, "changed", G_CALLBACK (viewport_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  for (guint k = 0; k < HS_N_CHARTS; k++)
    {
      guint flags = HS_CHART_RENDER_NO_HEADER;
      GtkWidget *header, *title;
      g_autofree char *legend_label = g_strdup_printf (_("Series of the %s chart"), hs_chart_kind_get_title (k));

      /* each chart's title with the switches of its series, above it */
      header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      gtk_widget_set_margin_start (header, 12);
      gtk_widget_set_margin_end (header, 12);
      gtk_widget_set_margin_top (header, k == 0 ? 6 : 2);
      title = gtk_label_new (hs_chart_kind_get_title (k));
      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0.0);
      gtk_widget_set_size_request (title, (int) HS_CHART_PLOT_LEFT - 24, -1);
      gtk_widget_set_valign (title, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (header), title);

      self->legends[k] = gtk_flow_box_new ();
      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->legends[k]), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->legends[k]), 8);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->legends[k]), 0);
      gtk_widget_set_hexpand (self->legends[k], TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->legends[k]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      legend_label, -1);
      gtk_box_append (GTK_BOX (header), self->legends[k]);
      gtk_box_append (GTK_BOX (self->box), header);

      if (k + 1 == HS_N_CHARTS)
        flags |= HS_CHART_RENDER_TIME_LABELS;
      if (k == 0)
        flags |= HS_CHART_RENDER_RUN_LABELS;
      self->views[k] = hs_chart_view_new (self, k, flags);
      gtk_box_append (GTK_BOX (self->box), self->views[k]);
    }

  frame = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_box_append (GTK_BOX (self->box), frame);
  self->overview = hs_chart_overview_new (self);
  gtk_widget_set_margin_bottom (self->overview, 4);
  gtk_box_append (GTK_BOX (self->box), self->overview);

  update_legend (self);
}

static void
hs_chart_stack_class_init (HsChartStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_chart_stack_dispose;
  object_class->constructed = hs_chart_stack_constructed;
  object_class->get_property = hs_chart_stack_get_property;
  object_class->set_property = hs_chart_stack_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, HS_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * HsChartStack:selected-cycle:
   *
   * The cycle the user clicked or picked with the keyboard, -1 for none. The tables
   * follow it, and setting it from a table marks the cycle on every chart.
   */
  properties[PROP_SELECTED_CYCLE] =
    g_param_spec_int64 ("selected-cycle", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER_CYCLE] =
    g_param_spec_int64 ("hover-cycle", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * HsChartStack:hidden-series:
   *
   * Ids of the series switched off in the legend, to bind to a GSettings key.
   */
  properties[PROP_HIDDEN_SERIES] =
    g_param_spec_boxed ("hidden-series", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartstack");

  gtk_widget_class_install_action (widget_class, "chart.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "chart.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "chart.pan", "d", pan_action);
  gtk_widget_class_install_action (widget_class, "chart.select-step", "i", select_step_action);
  gtk_widget_class_install_action (widget_class, "chart.copy-image", NULL, copy_image_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "chart.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "chart.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "chart.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "chart.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.pan", "d", -0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.pan", "d", 0.1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "chart.select-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "chart.select-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "chart.copy-image", NULL);
}

static void
hs_chart_stack_init (HsChartStack *self)
{
  self->hover_time = NAN;
  self->hover_cycle = -1;
  self->hover_event = -1;
  self->selected_cycle = -1;
  self->scale = 1.0;
}

/**
 * hs_chart_stack_new:
 *
 * The charts of @trace, zoomed out to the whole trace; they follow it as it grows.
 */
GtkWidget *
hs_chart_stack_new (HsTrace *trace)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  return g_object_new (HS_TYPE_CHART_STACK, "trace", trace, NULL);
}

HsChartRenderer *
hs_chart_stack_get_renderer (HsChartStack *self)
{
  g_return_val_if_fail (HS_IS_CHART_STACK (self), NULL);
  return self->renderer;
}

HsTimeViewport *
hs_chart_stack_get_viewport (HsChartStack *self)
{
  g_return_val_if_fail (HS_IS_CHART_STACK (self), NULL);
  return self->viewport;
}

/* The chart of @kind, an HsChartView: for tests, and for the window's focus handling. */
GtkWidget *
hs_chart_stack_get_view (HsChartStack *self,
                         HsChartKind   kind)
{
  g_return_val_if_fail (HS_IS_CHART_STACK (self), NULL);
  g_return_val_if_fail (kind < HS_N_CHARTS, NULL);
  return self->views[kind];
}

gint64
hs_chart_stack_get_selected_cycle (HsChartStack *self)
{
  g_return_val_if_fail (HS_IS_CHART_STACK (self), -1);
  return self->selected_cycle;
}

void
hs_chart_stack_set_selected_cycle (HsChartStack *self,
                                   gint64        cycle)
{
  g_return_if_fail (HS_IS_CHART_STACK (self));

  if (cycle >= hs_trace_get_n_cycles (self->trace))
    cycle = -1;
  if (cycle < 0)
    cycle = -1;
  if (cycle == self->selected_cycle)
    return;

  self->selected_cycle = cycle;
  announce (self, cycle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CYCLE]);
  redraw (self);
}

gint64
hs_chart_stack_get_hover_cycle (HsChartStack *self)
{
  g_return_val_if_fail (HS_IS_CHART_STACK (self), -1);
  return self->hover_cycle;
}

char **
hs_chart_stack_get_hidden_series (HsChartStack *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HS_IS_CHART_STACK (self), NULL);

  for (guint s = 0; s < HS_N_SERIES; s++)
    if (!hs_chart_renderer_get_series_visible (self->renderer, s))
      g_strv_builder_add (builder, hs_chart_series_get_info (s)->id);

  return g_strv_builder_end (builder);
}

void
hs_chart_stack_set_hidden_series (HsChartStack       *self,
                                  const char * const *ids)
{
  g_return_if_fail (HS_IS_CHART_STACK (self));

  /* NULL: each series as it starts out (the setting's default lists the same ones) */
  for (guint s = 0; s < HS_N_SERIES; s++)
    {
      const HsChartSeriesInfo *info = hs_chart_series_get_info (s);
      gboolean visible = ids == NULL ? !info->hidden_by_default : !g_strv_contains (ids, info->id);

      hs_chart_renderer_set_series_visible (self->renderer, s, visible);
      if (self->toggles[s] != NULL)
        {
          g_signal_handlers_block_by_func (self->toggles[s], toggle_cb, self);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (self->toggles[s]), visible);
          g_signal_handlers_unblock_by_func (self->toggles[s], toggle_cb, self);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDDEN_SERIES]);
  redraw (self);
}

static void
export_options (HsChartStack         *self,
                gboolean              whole_trace,
                HsChartRenderOptions *options)
{
  hs_chart_renderer_options_init (self->renderer, options);
  if (!whole_trace)
    {
      options->start = hs_time_viewport_get_start (self->viewport);
      options->end = hs_time_viewport_get_end (self->viewport);
    }
  options->selected_cycle = self->selected_cycle;
}

/**
 * hs_chart_stack_export:
 *
 * Writes the charts to @path, its format chosen by the extension (.png, .svg, .pdf), for
 * the window's Export dialog: the visible range or the whole trace, light or dark.
 */
gboolean
hs_chart_stack_export (HsChartStack  *self,
                       const char    *path,
                       int            width,
                       int            height,
                       gboolean       dark,
                       gboolean       whole_trace,
                       GError       **error)
{
  HsChartRenderOptions options;
  HsChartFormat format;

  g_return_val_if_fail (HS_IS_CHART_STACK (self), FALSE);

  if (!hs_chart_format_from_path (path, &format))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown export format: the file name must end in .png, .svg or .pdf"));
      return FALSE;
    }

  export_options (self, whole_trace, &options);
  return hs_chart_export_to_file (self->renderer, &options, format, width, height, dark, path, error);
}

/* Copy Image: the visible range as a PNG on the clipboard, in the current style. */
gboolean
hs_chart_stack_copy_image (HsChartStack  *self,
                           GError       **error)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  HsChartRenderOptions options;
  int width, height;

  g_return_val_if_fail (HS_IS_CHART_STACK (self), FALSE);

  width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 800);
  height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 600);
  export_options (self, FALSE, &options);
  png = hs_chart_export_png_bytes (self->renderer, &options, width, height,
                                   hs_chart_renderer_get_palette (self->renderer)->dark, error);
  if (png == NULL)
    return FALSE;

  provider = gdk_content_provider_new_for_bytes ("image/png", png);
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);
  return TRUE;
}
