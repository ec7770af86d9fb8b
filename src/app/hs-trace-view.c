/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-view.c: lays out a trace's charts, findings, statistics and tables, and links them. */

#include "config.h"

#include <glib/gi18n.h>

#include "hs-export-dialog.h"
#include "hs-trace-view.h"
#include "table/hs-cycle-table.h"
#include "table/hs-scavenger-table.h"

/* The strip below the charts (statistics, tables) starts this tall; the divider moves it. */
#define BOTTOM_HEIGHT 200
#define CHARTS_MIN_WIDTH 720

/* A finding's range is shown with this much of its surroundings, as a share of its length. */
#define RANGE_CONTEXT 0.15

struct _HsTraceView
{
  GtkWidget   parent_instance;

  HsTrace    *trace;
  GtkWidget  *charts;
  GtkWidget  *findings;
  GtkWidget  *stats;
  GtkWidget  *stats_scrolled;
  GtkWidget  *cycles;
  GtkWidget  *events;
  HsAnnotations *notes;          /* this trace's notes, once its content key is known */
  GSettings  *settings;

  GtkWidget  *vertical;
  GtkWidget  *horizontal;
  GtkWidget  *charts_box;
  GtkWidget  *sidebar;
  GtkWidget  *bottom_stack;
};

G_DEFINE_FINAL_TYPE (HsTraceView, hs_trace_view, GTK_TYPE_WIDGET)

/* Shows [start, end] with some context on both sides, within the trace. */
void
hs_trace_view_show_range (HsTraceView *self,
                          double       start,
                          double       end)
{
  HsTimeViewport *viewport;
  double lower, upper, pad;

  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  viewport = hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts));
  lower = hs_time_viewport_get_lower (viewport);
  upper = hs_time_viewport_get_upper (viewport);
  pad = MAX (end - start, (upper - lower) * 0.01) * RANGE_CONTEXT;

  hs_time_viewport_set_range (viewport, MAX (lower, start - pad), MIN (upper, end + pad));
}

/* Once the paned knows its size, give the charts all but the bottom strip. */
static void
max_position_cb (HsTraceView *self)
{
  int max = 0;

  g_object_get (self->vertical, "max-position", &max, NULL);

  if (max <= 0)
    return;

  gtk_paned_set_position (GTK_PANED (self->vertical), MAX (max / 2, max - BOTTOM_HEIGHT));
  g_signal_handlers_disconnect_by_func (self->vertical, max_position_cb, self);
}

/* A cycle chosen in a table comes into view on the charts, the zoom kept. */
static void
reveal_time (HsTraceView *self,
             double       t)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts));
  double start = hs_time_viewport_get_start (viewport);
  double end = hs_time_viewport_get_end (viewport);

  if (t >= start && t <= end)
    return;

  hs_time_viewport_set_range (viewport, t - (end - start) / 2, t + (end - start) / 2);
}

static void
chart_selected_cb (HsTraceView *self)
{
  gint64 cycle = hs_chart_stack_get_selected_cycle (HS_CHART_STACK (self->charts));

  if (hs_cycle_table_get_selected_cycle (HS_CYCLE_TABLE (self->cycles)) != cycle)
    hs_cycle_table_set_selected_cycle (HS_CYCLE_TABLE (self->cycles), cycle);
}

static void
cycle_row_selected_cb (HsTraceView *self)
{
  gint64 cycle = hs_cycle_table_get_selected_cycle (HS_CYCLE_TABLE (self->cycles));

  if (cycle < 0 || hs_chart_stack_get_selected_cycle (HS_CHART_STACK (self->charts)) == cycle)
    return;

  hs_chart_stack_set_selected_cycle (HS_CHART_STACK (self->charts), cycle);
  reveal_time (self, hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, (guint) cycle));
}

/* A scavenger event has no cycle of its own: the charts show the cycle it follows. */
static void
event_row_selected_cb (HsTraceView *self)
{
  gint64 event = hs_scavenger_table_get_selected_event (HS_SCAVENGER_TABLE (self->events));
  guint after;

  if (event < 0)
    return;

  after = hs_trace_get_scav_cycle (self->trace, (guint) event);
  if (after > 0)
    hs_chart_stack_set_selected_cycle (HS_CHART_STACK (self->charts), after - 1);
  reveal_time (self, hs_trace_get_scav_value (self->trace, HS_SCAV_FIELD_TIME, (guint) event));
}

/* "Only rows in view" in the tables follows the charts' zoom. */
static void
viewport_changed_cb (HsTraceView *self)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts));
  double start = hs_time_viewport_get_start (viewport);
  double end = hs_time_viewport_get_end (viewport);

  hs_cycle_table_set_visible_range (HS_CYCLE_TABLE (self->cycles), start, end);
  hs_scavenger_table_set_visible_range (HS_SCAVENGER_TABLE (self->events), start, end);
}

static void
finding_activated_cb (HsTraceView *self,
                      double       start,
                      double       end)
{
  hs_trace_view_show_range (self, start, end);
}

static void
open_export_dialog (HsTraceView *self,
                    gboolean     report)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  HsExportDialog *dialog = hs_export_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 HS_CHART_STACK (self->charts), self->notes);

  hs_export_dialog_set_report (dialog, report);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_export_dialog (HS_TRACE_VIEW (widget), FALSE);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_export_dialog (HS_TRACE_VIEW (widget), TRUE);
}

/* Notes are found by the trace's content, known once its first MiB (or all of it) is read. */
static void
content_key_cb (HsTraceView *self)
{
  const char *key = hs_trace_get_content_key (self->trace);
  g_autoptr(GError) error = NULL;

  if (key == NULL || (self->notes != NULL && g_strcmp0 (hs_annotations_get_key (self->notes), key) == 0))
    return;

  g_clear_object (&self->notes);
  g_clear_object (&self->settings);
  self->notes = hs_annotations_new (key);
  if (!hs_annotations_load (self->notes, &error))
    g_warning ("%s", error->message);
}

HsAnnotations *
hs_trace_view_get_notes (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->notes;
}

/* Gives the statistics panel back (unparented) before this view goes, for the next view. */
void
hs_trace_view_release_stats (HsTraceView *self)
{
  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  if (self->stats != NULL)
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->stats_scrolled), NULL);
  self->stats = NULL;
}

/* The file finished loading: what waited for the whole trace can run now. */
void
hs_trace_view_loaded (HsTraceView *self)
{
  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  hs_findings_list_refresh (HS_FINDINGS_LIST (self->findings));
}

HsTrace *
hs_trace_view_get_trace (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->trace;
}

HsChartStack *
hs_trace_view_get_charts (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return HS_CHART_STACK (self->charts);
}

GtkWidget *
hs_trace_view_get_cycle_table (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->cycles;
}

GtkWidget *
hs_trace_view_get_scavenger_table (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->events;
}

HsFindingsList *
hs_trace_view_get_findings (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return HS_FINDINGS_LIST (self->findings);
}

static void
hs_trace_view_dispose (GObject *object)
{
  HsTraceView *self = (HsTraceView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_TRACE_VIEW);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  g_clear_object (&self->notes);

  G_OBJECT_CLASS (hs_trace_view_parent_class)->dispose (object);
}

/*
 * The view fills whatever the tab gives it and scrolls inside: its height does not depend
 * on its width. Saying so spares GTK a height-for-width pass through the panes, whose
 * rounding at extreme widths differed by a pixel and made GTK complain.
 */
static GtkSizeRequestMode
hs_trace_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
hs_trace_view_class_init (HsTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_trace_view_dispose;
  widget_class->get_request_mode = hs_trace_view_get_request_mode;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heapscope/Heapscope/hs-trace-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HsTraceView, vertical);
  gtk_widget_class_bind_template_child (widget_class, HsTraceView, horizontal);
  gtk_widget_class_bind_template_child (widget_class, HsTraceView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, HsTraceView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HsTraceView, bottom_stack);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hs-trace-view");

  gtk_widget_class_install_action (widget_class, "view.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "view.export-report", NULL, export_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "view.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.export-report", NULL);
}

static void
hs_trace_view_init (HsTraceView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->vertical, "notify::max-position", G_CALLBACK (max_position_cb),
                           self, G_CONNECT_SWAPPED);
}

/* @stats: the page's statistics panel, which outlives views: it is shown below the charts. */
GtkWidget *
hs_trace_view_new (HsTrace   *trace,
                   GtkWidget *stats)
{
  HsTraceView *self;
  GtkWidget *stats_scrolled;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (stats) && gtk_widget_get_parent (stats) == NULL, NULL);

  self = g_object_new (HS_TYPE_TRACE_VIEW, NULL);
  self->trace = g_object_ref (trace);
  g_signal_connect_object (trace, "notify::content-key", G_CALLBACK (content_key_cb), self,
                           G_CONNECT_SWAPPED);
  content_key_cb (self);

  /* At their narrowest the legends would wrap to a line per series and make the window
   * taller than a laptop's screen: the charts are at least this wide instead. */
  self->charts = hs_chart_stack_new (trace);
  gtk_widget_set_vexpand (self->charts, TRUE);
  gtk_widget_set_size_request (self->charts, CHARTS_MIN_WIDTH, -1);
  gtk_box_append (GTK_BOX (self->charts_box), self->charts);

  self->findings = hs_findings_list_new (trace);
  gtk_widget_set_vexpand (self->findings, TRUE);
  gtk_box_append (GTK_BOX (self->sidebar), self->findings);
  g_signal_connect_object (self->findings, "finding-activated", G_CALLBACK (finding_activated_cb),
                           self, G_CONNECT_SWAPPED);

  self->stats = stats;
  stats_scrolled = self->stats_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (stats_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (stats_scrolled), self->stats);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), stats_scrolled, "statistics", _("Statistics"));

  self->cycles = hs_cycle_table_new (trace);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), self->cycles, "cycles", _("GC Cycles"));
  self->events = hs_scavenger_table_new (trace);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), self->events, "scavenger", _("Scavenger"));

  /* the legends' switches are remembered for every trace */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "hidden-series", self->charts, "hidden-series", G_SETTINGS_BIND_DEFAULT);

  /* one selection for the charts and the tables, and the tables know the charts' range */
  g_signal_connect_object (self->charts, "notify::selected-cycle", G_CALLBACK (chart_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cycles, "notify::selected-cycle", G_CALLBACK (cycle_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->events, "notify::selected-event", G_CALLBACK (event_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts)), "changed",
                           G_CALLBACK (viewport_changed_cb), self, G_CONNECT_SWAPPED);


  return GTK_WIDGET (self);
}
