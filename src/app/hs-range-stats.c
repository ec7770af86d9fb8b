/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-range-stats.c: statistics over the cycles in view, computed on a worker as the user zooms. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>

#include "hs-range-stats.h"

/* Zooming emits many ranges a second: compute for the one the user stops at. */
#define RECOMPUTE_DELAY_MS 150

struct _HsRangeStats
{
  GtkWidget     parent_instance;

  HsTrace      *trace;
  double        start;
  double        end;
  HsSummary     summary;
  gboolean      has_summary;
  gboolean      busy;
  gboolean      again;
  guint         timeout_id;
  GCancellable *cancellable;
  char         *title_text;

  GtkWidget    *title;
  GtkWidget    *grid;
  GtkWidget    *histogram;
  GPtrArray    *values;        /* GtkLabel per row */
};

G_DEFINE_FINAL_TYPE (HsRangeStats, hs_range_stats, GTK_TYPE_WIDGET)

enum
{
  ROW_RATE,
  ROW_PAUSES,
  ROW_PERCENTILES,
  ROW_CPU,
  ROW_ALLOC,
  ROW_HEAP,
  ROW_OS,
  N_ROWS
};

static const char * const row_titles[N_ROWS] = {
  N_("Cycles"),
  N_("Pauses"),
  N_("Percentiles"),
  N_("GC CPU"),
  N_("Allocation"),
  N_("Heap peaks"),
  N_("OS memory"),
};

typedef struct
{
  HsTrace *trace;
  guint    first;
  guint    n;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->trace);
  g_free (job);
}

static void
set_row (HsRangeStats *self,
         guint         row,
         char         *text)
{
  gtk_label_set_text (g_ptr_array_index (self->values, row), text);
  g_free (text);
}

static void
show_summary (HsRangeStats *self)
{
  const HsSummary *s = &self->summary;
  g_autofree char *total = hs_format_pause (s->pause_total_us);
  g_autofree char *max = hs_format_pause (s->pause_max_us);
  g_autofree char *p50 = hs_format_pause (s->pause_p50_us);
  g_autofree char *p90 = hs_format_pause (s->pause_p90_us);
  g_autofree char *p99 = hs_format_pause (s->pause_p99_us);
  g_autofree char *p999 = hs_format_pause (s->pause_p999_us);

  set_row (self, ROW_RATE, g_strdup_printf (_("%u (%u forced, %u periodic), %.1f a minute"),
                                            s->n_cycles, s->forced_cycles, s->periodic_cycles,
                                            s->cycles_per_minute));
  set_row (self, ROW_PAUSES, g_strdup_printf (_("total %s, longest %s"), total, max));
  set_row (self, ROW_PERCENTILES, g_strdup_printf (_("p50 %s, p90 %s, p99 %s, p99.9 %s"), p50, p90, p99, p999));
  if (!hs_summary_is_polled_only (s))
    {
      set_row (self, ROW_CPU, g_strdup_printf (_("%.2f %% of all processors (%" PRIu64 " %% reported since start)"),
                                               s->gc_cpu_computed, s->cpu_percent_last));
      set_row (self, ROW_ALLOC, g_strdup_printf (_("%.1f MB/s"), s->alloc_rate / 1048576.0));
      set_row (self, ROW_HEAP, g_strdup_printf (_("heap %" PRIu64 " MB, live %" PRIu64 " MB, goal %" PRIu64 " MB"),
                                                s->heap_peak_mb, s->live_peak_mb, s->goal_peak_mb));
    }
  else
    {
      /* cycles polled from memstats carry their pause alone; the heap is in the samples */
      set_row (self, ROW_CPU, g_strdup (_("not in polled cycles")));
      set_row (self, ROW_ALLOC, g_strdup (_("not in polled cycles")));
      set_row (self, ROW_HEAP, g_strdup (_("not in polled cycles")));
    }
  if (s->os_held_peak_kib > 0)
    set_row (self, ROW_OS, g_strdup_printf (_("held at most %.0f MB, %.1f MB returned"),
                                            (double) s->os_held_peak_kib / 1024.0, (double) s->released_kib / 1024.0));
  else
    set_row (self, ROW_OS, g_strdup_printf (_("%.1f MB returned"), (double) s->released_kib / 1024.0));

  gtk_widget_queue_draw (self->histogram);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  HsSummary *summary = g_new0 (HsSummary, 1);

  hs_trace_read_lock (job->trace);
  hs_summary_compute (job->trace, job->first, job->n, summary);
  hs_trace_read_unlock (job->trace);

  g_task_return_pointer (task, summary, g_free);
}

static void start_compute (HsRangeStats *self);

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HsRangeStats *self = HS_RANGE_STATS (object);
  g_autofree HsSummary *summary = g_task_propagate_pointer (G_TASK (result), NULL);

  if (summary == NULL)
    return;

  self->busy = FALSE;
  self->summary = *summary;
  self->has_summary = TRUE;
  show_summary (self);

  if (self->again)
    {
      self->again = FALSE;
      start_compute (self);
    }
}

/* The cycles whose time is in [start, end]: a binary search, times only grow. */
static void
cycle_range (HsRangeStats *self,
             guint        *first,
             guint        *n)
{
  guint count = hs_trace_get_n_cycles (self->trace);
  guint lo = 0, hi = count;
  guint end;

  if (isnan (self->start))
    {
      *first = 0;
      *n = count;
      return;
    }

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, mid) < self->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;

  hi = count;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, mid) <= self->end)
        lo = mid + 1;
      else
        hi = mid;
    }
  end = lo;
  *n = end - *first;
}

static void
start_compute (HsRangeStats *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (self->busy)
    {
      self->again = TRUE;
      return;
    }

  job = g_new0 (Job, 1);
  job->trace = g_object_ref (self->trace);
  cycle_range (self, &job->first, &job->n);

  g_free (self->title_text);
  if (isnan (self->start))
    self->title_text = g_strdup_printf (_("The whole trace: %u cycles"), job->n);
  else
    self->title_text = g_strdup_printf (_("In view, %.1f s – %.1f s: %u cycles"), self->start, self->end, job->n);
  gtk_label_set_text (GTK_LABEL (self->title), self->title_text);

  self->busy = TRUE;
  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
recompute_cb (gpointer user_data)
{
  HsRangeStats *self = user_data;

  self->timeout_id = 0;
  start_compute (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (HsRangeStats *self)
{
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (RECOMPUTE_DELAY_MS, recompute_cb, self);
}

/* [@start, @end] on the trace's axis; NAN for the whole trace. */
void
hs_range_stats_set_range (HsRangeStats *self,
                          double        start,
                          double        end)
{
  g_return_if_fail (HS_IS_RANGE_STATS (self));

  self->start = start;
  self->end = end;
  schedule (self);
}

const HsSummary *
hs_range_stats_get_summary (HsRangeStats *self)
{
  g_return_val_if_fail (HS_IS_RANGE_STATS (self), NULL);

  return self->has_summary ? &self->summary : NULL;
}

const char *
hs_range_stats_get_title (HsRangeStats *self)
{
  g_return_val_if_fail (HS_IS_RANGE_STATS (self), NULL);

  return self->title_text;
}

gboolean
hs_range_stats_get_busy (HsRangeStats *self)
{
  g_return_val_if_fail (HS_IS_RANGE_STATS (self), FALSE);

  return self->busy || self->timeout_id != 0;
}

/* Bars per bucket of pause length, their count on top, the bucket's bound below. */
static void
histogram_draw (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  HsRangeStats *self = user_data;
  GdkRGBA fg;
  guint max = 1;
  double slot = (double) width / HS_PAUSE_BUCKETS;
  double bars = height - 34.0;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  if (!self->has_summary)
    return;

  /* GTK 4.8 has no gtk_widget_get_color: the style context still gives it */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint b = 0; b < HS_PAUSE_BUCKETS; b++)
    max = MAX (max, self->summary.pause_histogram[b]);

  for (guint b = 0; b < HS_PAUSE_BUCKETS; b++)
    {
      guint count = self->summary.pause_histogram[b];
      double h = count > 0 ? MAX (2.0, bars * count / max) : 0.0;
      g_autofree char *bound = b + 1 < HS_PAUSE_BUCKETS
                               ? g_strdup_printf ("< %g ms", hs_pause_bucket_upper_ms[b])
                               : g_strdup_printf ("≥ %g ms", hs_pause_bucket_upper_ms[b - 1]);
      g_autofree char *number = g_strdup_printf ("%u", count);
      int tw, th;

      /* GNOME blue 3 */
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.85);
      cairo_rectangle (cr, b * slot + 6, 16 + bars - h, slot - 12, h);
      cairo_fill (cr);

      gdk_cairo_set_source_rgba (cr, &fg);
      pango_layout_set_text (layout, number, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, b * slot + (slot - tw) / 2, 14 + bars - h - th);
      pango_cairo_show_layout (cr, layout);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      pango_layout_set_text (layout, bound, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, b * slot + (slot - tw) / 2, height - th);
      pango_cairo_show_layout (cr, layout);
    }
}

static void
hs_range_stats_dispose (GObject *object)
{
  HsRangeStats *self = (HsRangeStats *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->title_text, g_free);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hs_range_stats_parent_class)->dispose (object);
}

static void
hs_range_stats_class_init (HsRangeStatsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hs_range_stats_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hs-range-stats");
}

static void
hs_range_stats_init (HsRangeStats *self)
{
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *histogram_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *histogram_title = gtk_label_new (_("Pauses by length"));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->start = self->end = NAN;
  self->cancellable = g_cancellable_new ();
  self->values = g_ptr_array_new ();

  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0.0f);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_margin_bottom (self->title, 6);
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 18);
  for (guint r = 0; r < N_ROWS; r++)
    {
      GtkWidget *name = gtk_label_new (_(row_titles[r]));
      GtkWidget *value = gtk_label_new ("—");

      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (value), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_add_css_class (value, "numeric");
      gtk_grid_attach (GTK_GRID (self->grid), name, 0, (int) r, 1, 1);
      gtk_grid_attach (GTK_GRID (self->grid), value, 1, (int) r, 1, 1);
      g_ptr_array_add (self->values, value);
    }
  gtk_box_append (GTK_BOX (columns), self->grid);

  gtk_label_set_xalign (GTK_LABEL (histogram_title), 0.0f);
  gtk_widget_add_css_class (histogram_title, "dim-label");
  self->histogram = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->histogram), 480);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->histogram), 130);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->histogram), histogram_draw, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->histogram), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Pauses by length"), -1);
  gtk_box_append (GTK_BOX (histogram_box), histogram_title);
  gtk_box_append (GTK_BOX (histogram_box), self->histogram);
  gtk_widget_set_hexpand (histogram_box, TRUE);
  gtk_box_append (GTK_BOX (columns), histogram_box);
  gtk_widget_set_parent (columns, GTK_WIDGET (self));

  gtk_widget_set_margin_start (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 24);
  gtk_widget_set_margin_top (GTK_WIDGET (self), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), 12);
}

GtkWidget *
hs_range_stats_new (HsTrace *trace)
{
  HsRangeStats *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_object_new (HS_TYPE_RANGE_STATS, NULL);
  self->trace = g_object_ref (trace);
  g_signal_connect_object (trace, "items-appended", G_CALLBACK (schedule), self, G_CONNECT_SWAPPED);
  schedule (self);

  return GTK_WIDGET (self);
}
