/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-view.c: lays out a trace's charts, findings, statistics and tables, and links them. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-export-dialog.h"
#include "hs-note-dialog.h"
#include "hs-range-stats.h"
#include "hs-trace-view.h"
#include "table/hs-cycle-table.h"
#include "table/hs-memory-sample-table.h"
#include "table/hs-scavenger-table.h"

/* The strip below the charts (statistics, tables) starts this tall; the divider moves it. */
#define BOTTOM_HEIGHT 200
#define CHARTS_MIN_WIDTH 720
/* presenting: the plots' text and lines this much larger, for the back of the room */
#define PRESENT_SCALE 1.6

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
  GtkWidget  *samples;        /* the Memory Samples tab, shown once the trace has samples */
  GtkWidget  *range_stats;
  HsAnnotations *notes;          /* this trace's notes, once its content key is known */
  GSettings  *settings;
  GtkWidget  *notes_list;
  GtkWidget  *notes_empty;

  /* presenting: full screen, the findings and notes one after the other with a caption */
  gboolean    presenting;
  int         present_index;
  GPtrArray  *hidden;            /* GtkWidget hidden for presenting, shown again after */
  GtkWidget  *caption;
  GtkWidget  *caption_title;
  GtkWidget  *caption_detail;

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

/* The Memory Samples tab is there for traces with samples: a process or a server watched. */
static void
update_samples_tab (HsTraceView *self)
{
  GtkStackPage *page = gtk_stack_get_page (GTK_STACK (self->bottom_stack), self->samples);

  gtk_stack_page_set_visible (page, hs_trace_get_n_samples (self->trace) > 0);
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
  hs_memory_sample_table_set_visible_range (HS_MEMORY_SAMPLE_TABLE (self->samples), start, end);
  if (hs_time_viewport_is_whole (viewport))
    hs_range_stats_set_range (HS_RANGE_STATS (self->range_stats), NAN, NAN);
  else
    hs_range_stats_set_range (HS_RANGE_STATS (self->range_stats), start, end);
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
static void notes_changed_cb (HsTraceView *self);

static void
content_key_cb (HsTraceView *self)
{
  const char *key = hs_trace_get_content_key (self->trace);
  g_autoptr(GError) error = NULL;

  if (key == NULL || (self->notes != NULL && g_strcmp0 (hs_annotations_get_key (self->notes), key) == 0))
    return;

  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  g_clear_object (&self->notes);
  self->notes = hs_annotations_new (key);
  g_signal_connect_object (self->notes, "changed", G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  if (!hs_annotations_load (self->notes, &error))
    g_warning ("%s", error->message);
  notes_changed_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.add-note", TRUE);
}

HsAnnotations *
hs_trace_view_get_notes (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->notes;
}

static HsChartMarkKind
mark_kind (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return HS_CHART_MARK_PROBLEM;
    case HS_SEVERITY_WARNING: return HS_CHART_MARK_WARNING;
    case HS_SEVERITY_INFO:
    default: return HS_CHART_MARK_INFO;
    }
}

/* Findings and notes as bands on the charts, redrawn whenever either changes. */
static void
update_marks (HsTraceView *self)
{
  HsFindingsList *findings = HS_FINDINGS_LIST (self->findings);
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (HsChartMark));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < hs_findings_list_get_n_findings (findings); i++)
    {
      const HsFinding *f = hs_findings_list_get_finding (findings, i);
      HsChartMark mark = { f->t_start, f->t_end, mark_kind (f->severity), NULL };

      /* notes of the whole trace would shade everything: only findings with a place */
      if (f->severity == HS_SEVERITY_INFO)
        continue;
      g_array_append_val (marks, mark);
    }

  if (self->notes != NULL)
    for (guint i = 0; i < hs_annotations_get_n_notes (self->notes); i++)
      {
        const HsAnnotation *note = hs_annotations_get_note (self->notes, i);
        char *label = g_strdup_printf ("✎ %u", i + 1);
        HsChartMark mark = { note->t_start, note->t_end, HS_CHART_MARK_NOTE, label };

        g_ptr_array_add (labels, label);
        g_array_append_val (marks, mark);
      }

  hs_chart_stack_set_marks (HS_CHART_STACK (self->charts), (const HsChartMark *) (gpointer) marks->data, marks->len);
}

static GtkWidget *
note_row (const HsAnnotation *note,
          guint               number)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_label_new (note->text);
  g_autofree char *when = note->t_end > note->t_start
                          ? g_strdup_printf (_("✎ %u · %.1f s – %.1f s"), number, note->t_start, note->t_end)
                          : g_strdup_printf (_("✎ %u · at %.1f s"), number, note->t_start);
  GtkWidget *where = gtk_label_new (when);

  gtk_label_set_xalign (GTK_LABEL (where), 0.0f);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), text);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "note-id", GUINT_TO_POINTER (note->id));

  return row;
}

static void
notes_changed_cb (HsTraceView *self)
{
  GtkWidget *child;
  guint n = self->notes != NULL ? hs_annotations_get_n_notes (self->notes) : 0;

  while ((child = gtk_widget_get_first_child (self->notes_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->notes_list), child);

  for (guint i = 0; i < n; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->notes_list), note_row (hs_annotations_get_note (self->notes, i), i + 1));

  gtk_widget_set_visible (self->notes_empty, n == 0);
  gtk_widget_set_visible (self->notes_list, n > 0);
  update_marks (self);
}

static GtkWindow *
parent_window (HsTraceView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/*
 * Where a new note goes: the selected cycle, else the zoomed-in range; a note on the
 * whole trace is a note on its start.
 */
void
hs_trace_view_note_range (HsTraceView *self,
                          double      *t_start,
                          double      *t_end)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts));
  gint64 cycle = hs_chart_stack_get_selected_cycle (HS_CHART_STACK (self->charts));

  if (cycle >= 0)
    {
      *t_start = *t_end = hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, (guint) cycle);
    }
  else if (!hs_time_viewport_is_whole (viewport))
    {
      *t_start = hs_time_viewport_get_start (viewport);
      *t_end = hs_time_viewport_get_end (viewport);
    }
  else
    {
      *t_start = *t_end = hs_time_viewport_get_lower (viewport);
    }
}

static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HsTraceView *self = HS_TRACE_VIEW (widget);
  double t_start, t_end;

  if (self->notes == NULL)
    return;

  hs_trace_view_note_range (self, &t_start, &t_end);
  gtk_window_present (GTK_WINDOW (hs_note_dialog_new (parent_window (self), self->notes, 0, t_start, t_end)));
}

static void
note_activated_cb (HsTraceView   *self,
                   GtkListBoxRow *row)
{
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "note-id"));

  gtk_window_present (GTK_WINDOW (hs_note_dialog_new (parent_window (self), self->notes, id, 0, 0)));
}

/* Presenting */

static guint
n_present_items (HsTraceView *self)
{
  return hs_findings_list_get_n_findings (HS_FINDINGS_LIST (self->findings)) +
         (self->notes != NULL ? hs_annotations_get_n_notes (self->notes) : 0);
}

static void
show_present_item (HsTraceView *self)
{
  HsFindingsList *findings = HS_FINDINGS_LIST (self->findings);
  guint n_findings = hs_findings_list_get_n_findings (findings);
  guint n = n_present_items (self);
  guint i;

  if (n == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->caption_title), _("Nothing to report: the GC looks healthy in this trace."));
      gtk_label_set_text (GTK_LABEL (self->caption_detail), "");
      return;
    }

  self->present_index = CLAMP (self->present_index, 0, (int) n - 1);
  i = (guint) self->present_index;

  if (i < n_findings)
    {
      const HsFinding *f = hs_findings_list_get_finding (findings, i);

      gtk_label_set_text (GTK_LABEL (self->caption_title), f->title);
      gtk_label_set_text (GTK_LABEL (self->caption_detail), f->detail);
      hs_trace_view_show_range (self, f->t_start, f->t_end);
    }
  else
    {
      const HsAnnotation *note = hs_annotations_get_note (self->notes, i - n_findings);
      double pad = MAX (note->t_end - note->t_start, 1.0);

      gtk_label_set_text (GTK_LABEL (self->caption_title), note->text);
      gtk_label_set_text (GTK_LABEL (self->caption_detail), "");
      hs_trace_view_show_range (self, note->t_start - pad, note->t_end + pad);
    }
}

/* Hides everything around the view up to the window: tabs, bars, banners, header bar. */
static void
hide_chrome (HsTraceView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWindow *window = parent_window (self);

  for (GtkWidget *w = widget; w != NULL && !GTK_IS_WINDOW (w); w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      if (GTK_IS_NOTEBOOK (parent) && gtk_notebook_get_show_tabs (GTK_NOTEBOOK (parent)))
        {
          gtk_notebook_set_show_tabs (GTK_NOTEBOOK (parent), FALSE);
          g_object_set_data (G_OBJECT (parent), "hs-tabs-hidden", GINT_TO_POINTER (1));
          g_ptr_array_add (self->hidden, g_object_ref (parent));
          continue;
        }
      /* boxes, and widgets laid out like one (the tab page): their other children are chrome */
      if (!GTK_IS_BOX (parent) && !GTK_IS_BOX_LAYOUT (gtk_widget_get_layout_manager (parent)))
        continue;
      for (GtkWidget *sibling = gtk_widget_get_first_child (parent); sibling != NULL;
           sibling = gtk_widget_get_next_sibling (sibling))
        if (sibling != w && gtk_widget_get_visible (sibling))
          {
            gtk_widget_set_visible (sibling, FALSE);
            g_ptr_array_add (self->hidden, g_object_ref (sibling));
          }
    }

  if (window != NULL && gtk_window_get_titlebar (window) != NULL &&
      gtk_widget_get_visible (gtk_window_get_titlebar (window)))
    {
      gtk_widget_set_visible (gtk_window_get_titlebar (window), FALSE);
      g_ptr_array_add (self->hidden, g_object_ref (gtk_window_get_titlebar (window)));
    }
}

static void
restore_chrome (HsTraceView *self)
{
  for (guint i = 0; i < self->hidden->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (self->hidden, i);

      if (g_object_get_data (G_OBJECT (w), "hs-tabs-hidden") != NULL)
        {
          gtk_notebook_set_show_tabs (GTK_NOTEBOOK (w), TRUE);
          g_object_set_data (G_OBJECT (w), "hs-tabs-hidden", NULL);
        }
      else
        {
          gtk_widget_set_visible (w, TRUE);
        }
    }
  g_ptr_array_set_size (self->hidden, 0);
}

/* Presentation mode: full screen, larger charts, the findings and notes one at a time. */
void
hs_trace_view_set_presenting (HsTraceView *self,
                              gboolean     presenting)
{
  GtkWindow *window;

  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  if (self->presenting == presenting)
    return;

  self->presenting = presenting;
  window = parent_window (self);

  gtk_widget_set_visible (self->sidebar, !presenting);
  gtk_widget_set_visible (gtk_paned_get_end_child (GTK_PANED (self->vertical)), !presenting);
  gtk_widget_set_visible (self->caption, presenting);
  hs_chart_stack_set_scale (HS_CHART_STACK (self->charts), presenting ? PRESENT_SCALE : 1.0);

  if (presenting)
    {
      hide_chrome (self);
      gtk_widget_add_css_class (GTK_WIDGET (self), "hs-presenting");
      if (window != NULL)
        gtk_window_fullscreen (window);
      self->present_index = 0;
      show_present_item (self);
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
  else
    {
      restore_chrome (self);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "hs-presenting");
      if (window != NULL)
        gtk_window_unfullscreen (window);
      hs_time_viewport_reset (hs_chart_stack_get_viewport (HS_CHART_STACK (self->charts)));
    }
}

gboolean
hs_trace_view_get_presenting (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), FALSE);

  return self->presenting;
}

/* The next (@step 1) or previous (−1) finding or note while presenting. */
void
hs_trace_view_present_step (HsTraceView *self,
                            int          step)
{
  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  if (!self->presenting || n_present_items (self) == 0)
    return;

  self->present_index = CLAMP (self->present_index + step, 0, (int) n_present_items (self) - 1);
  show_present_item (self);
}

const char *
hs_trace_view_get_caption (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->caption_title));
}

static void
present_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsTraceView *self = HS_TRACE_VIEW (widget);

  hs_trace_view_set_presenting (self, !self->presenting);
}

/* While presenting, the arrows step through the story instead of panning. */
static gboolean
present_key_cb (HsTraceView     *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (!self->presenting)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right: case GDK_KEY_Page_Down: case GDK_KEY_space: case GDK_KEY_Down:
      hs_trace_view_present_step (self, 1);
      return TRUE;
    case GDK_KEY_Left: case GDK_KEY_Page_Up: case GDK_KEY_BackSpace: case GDK_KEY_Up:
      hs_trace_view_present_step (self, -1);
      return TRUE;
    case GDK_KEY_Escape:
      hs_trace_view_set_presenting (self, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Gives the statistics panel back (unparented) before this view goes, for the next view. */
void
hs_trace_view_release_stats (HsTraceView *self)
{
  g_return_if_fail (HS_IS_TRACE_VIEW (self));

  if (self->stats != NULL)
    gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->stats)), self->stats);
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
hs_trace_view_get_range_stats (HsTraceView *self)
{
  g_return_val_if_fail (HS_IS_TRACE_VIEW (self), NULL);

  return self->range_stats;
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

  if (self->presenting)
    hs_trace_view_set_presenting (self, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_TRACE_VIEW);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  if (self->notes != NULL)
    g_signal_handlers_disconnect_by_data (self->notes, self);
  g_clear_object (&self->notes);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);

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
  gtk_widget_class_install_action (widget_class, "view.add-note", NULL, add_note_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "view.add-note", NULL);
  gtk_widget_class_install_action (widget_class, "view.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "view.present", NULL);
}

static void
hs_trace_view_init (HsTraceView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->vertical, "notify::max-position", G_CALLBACK (max_position_cb),
                           self, G_CONNECT_SWAPPED);
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (present_key_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  /* notes need the trace's content key first */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.add-note", FALSE);
}

static void
build_notes_section (HsTraceView *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Notes"));
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (add, "flat");
  gtk_widget_set_tooltip_text (add, _("Add a Note on the Selected Cycle or the Visible Range (Ctrl+M)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "view.add-note");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (header), add);
  gtk_widget_set_margin_start (header, 14);
  gtk_widget_set_margin_end (header, 8);
  gtk_widget_set_margin_top (header, 6);
  gtk_box_append (GTK_BOX (self->sidebar), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->sidebar), header);

  self->notes_empty = gtk_label_new (_("Select a cycle or zoom in, then add a note: it is kept with this trace."));
  gtk_label_set_wrap (GTK_LABEL (self->notes_empty), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->notes_empty), 36);
  gtk_widget_add_css_class (self->notes_empty, "dim-label");
  gtk_widget_set_margin_start (self->notes_empty, 14);
  gtk_widget_set_margin_end (self->notes_empty, 14);
  gtk_widget_set_margin_bottom (self->notes_empty, 12);
  gtk_box_append (GTK_BOX (self->sidebar), self->notes_empty);

  self->notes_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->notes_list, "navigation-sidebar");
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->notes_list), TRUE);
  g_signal_connect_object (self->notes_list, "row-activated", G_CALLBACK (note_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->notes_list);
  gtk_widget_set_visible (self->notes_list, FALSE);
  gtk_box_append (GTK_BOX (self->sidebar), scrolled);
}

/* The caption under the charts while presenting: what this part of the story says. */
static void
build_caption (HsTraceView *self)
{
  self->caption = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  self->caption_title = gtk_label_new (NULL);
  self->caption_detail = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (self->caption_title), TRUE);
  gtk_label_set_wrap (GTK_LABEL (self->caption_detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->caption_title), 0.0f);
  gtk_label_set_xalign (GTK_LABEL (self->caption_detail), 0.0f);
  gtk_widget_add_css_class (self->caption_title, "title-1");
  gtk_widget_add_css_class (self->caption_detail, "hs-caption-detail");
  gtk_box_append (GTK_BOX (self->caption), self->caption_title);
  gtk_box_append (GTK_BOX (self->caption), self->caption_detail);
  gtk_widget_set_margin_start (self->caption, 48);
  gtk_widget_set_margin_end (self->caption, 48);
  gtk_widget_set_margin_top (self->caption, 12);
  gtk_widget_set_margin_bottom (self->caption, 24);
  gtk_widget_set_visible (self->caption, FALSE);
  gtk_box_append (GTK_BOX (self->charts_box), self->caption);
}

/* @stats: the page's statistics panel, which outlives views: it is shown below the charts. */
GtkWidget *
hs_trace_view_new (HsTrace   *trace,
                   GtkWidget *stats)
{
  HsTraceView *self;
  GtkWidget *stats_scrolled;
  GtkWidget *stats_box;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (stats) && gtk_widget_get_parent (stats) == NULL, NULL);

  self = g_object_new (HS_TYPE_TRACE_VIEW, NULL);
  self->trace = g_object_ref (trace);
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
  g_signal_connect_object (self->findings, "findings-changed", G_CALLBACK (update_marks),
                           self, G_CONNECT_SWAPPED);
  build_notes_section (self);
  build_caption (self);

  /* the statistics of what is in view first (they follow the zoom), then the whole trace's */
  self->stats = stats;
  self->range_stats = hs_range_stats_new (trace);
  stats_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (stats_box), self->range_stats);
  gtk_box_append (GTK_BOX (stats_box), self->stats);
  stats_scrolled = self->stats_scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (stats_scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (stats_scrolled), stats_box);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), stats_scrolled, "statistics", _("Statistics"));

  self->cycles = hs_cycle_table_new (trace);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), self->cycles, "cycles", _("GC Cycles"));
  self->events = hs_scavenger_table_new (trace);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), self->events, "scavenger", _("Scavenger"));
  self->samples = hs_memory_sample_table_new (trace);
  gtk_stack_add_titled (GTK_STACK (self->bottom_stack), self->samples, "samples", _("Memory Samples"));
  update_samples_tab (self);
  g_signal_connect_object (trace, "samples-appended", G_CALLBACK (update_samples_tab), self, G_CONNECT_SWAPPED);

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

  /* the notes, once the trace's first MiB says which they are */
  g_signal_connect_object (trace, "notify::content-key", G_CALLBACK (content_key_cb), self,
                           G_CONNECT_SWAPPED);
  content_key_cb (self);

  return GTK_WIDGET (self);
}
