/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trace-view.c: the tab's view: findings beside the charts, zooming to one, exporting. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "app/hs-export-dialog.h"
#include "app/hs-note-dialog.h"
#include "app/hs-range-stats.h"
#include "app/hs-stats-panel.h"
#include "app/hs-trace-view.h"
#include "table/hs-cycle-table.h"
#include "table/hs-scavenger-table.h"
#include "trace/hs-trace-loader.h"

static HsTrace *
load_sample (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "samples",
                                                 "go1.9-scavenger-release.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_trace_new ("go1.9-scavenger-release.log");

  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);
  return trace;
}

static void
wait_for_findings (HsFindingsList *list,
                   guint           n)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (hs_findings_list_get_n_findings (list) < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_findings_zoom (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  GtkWidget *panel = g_object_ref_sink (hs_stats_panel_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = hs_trace_view_new (trace, panel);
  HsFindingsList *list = hs_trace_view_get_findings (HS_TRACE_VIEW (view));
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (hs_trace_view_get_charts (HS_TRACE_VIEW (view)));
  const HsFinding *held;
  double pad;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* the analysis runs on a worker: the scavenger story and the periodic GCs */
  wait_for_findings (list, 2);
  g_assert_cmpuint (hs_findings_list_get_n_findings (list), ==, 2);
  held = hs_findings_list_get_finding (list, 0);
  g_assert_cmpstr (held->id, ==, "os-memory-held");

  /* choosing it shows 170.61 s … 600 s with 15 % of its length on each side */
  hs_findings_list_activate (list, 0);
  pad = (600.0 - 170.610) * 0.15;
  g_assert_cmpfloat_with_epsilon (hs_time_viewport_get_start (viewport), 170.610 - pad, 1e-6);
  g_assert_cmpfloat_with_epsilon (hs_time_viewport_get_end (viewport), 600.0 + pad, 1e-6);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (panel);
}

static gboolean
file_starts_with (const char *path,
                  const char *magic,
                  gsize       len)
{
  g_autofree char *data = NULL;
  gsize size;

  return g_file_get_contents (path, &data, &size, NULL) && size > len && memcmp (data, magic, len) == 0;
}

static void
test_export (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  GtkWidget *panel = g_object_ref_sink (hs_stats_panel_new ());
  GtkWidget *view = g_object_ref_sink (hs_trace_view_new (trace, panel));
  g_autoptr(HsAnnotations) notes = hs_annotations_new ("view-test");
  HsExportDialog *dialog = hs_export_dialog_new (NULL, hs_trace_view_get_charts (HS_TRACE_VIEW (view)), notes);
  g_autofree char *dir = g_dir_make_tmp ("heapscope-view-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "charts.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *bad = g_build_filename (dir, "report.png", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_export_dialog_export_to (dialog, png, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (png, "\x89PNG", 4));

  hs_export_dialog_set_report (dialog, TRUE);
  g_assert_true (hs_export_dialog_export_to (dialog, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (file_starts_with (pdf, "%PDF", 4));

  /* a report is never a picture */
  g_assert_false (hs_export_dialog_export_to (dialog, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (view);
  g_object_unref (panel);
  g_unlink (png);
  g_unlink (pdf);
  g_rmdir (dir);
}

/* One selection: a cycle chosen on the charts is the table's row, and the other way round. */
static void
test_selection_linked (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  GtkWidget *panel = g_object_ref_sink (hs_stats_panel_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = hs_trace_view_new (trace, panel);
  HsChartStack *charts = hs_trace_view_get_charts (HS_TRACE_VIEW (view));
  HsCycleTable *cycles = HS_CYCLE_TABLE (hs_trace_view_get_cycle_table (HS_TRACE_VIEW (view)));
  HsScavengerTable *events = HS_SCAVENGER_TABLE (hs_trace_view_get_scavenger_table (HS_TRACE_VIEW (view)));
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (charts);

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  hs_chart_stack_set_selected_cycle (charts, 40);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (cycles), ==, 40);

  /* a row outside the visible range brings its cycle into view, the zoom kept:
   * gc 101 (index 100) ran at 649.007 s (its line says @649.007s) */
  hs_time_viewport_set_range (viewport, 0.0, 60.0);
  hs_cycle_table_set_selected_cycle (cycles, 100);
  g_assert_cmpint (hs_chart_stack_get_selected_cycle (charts), ==, 100);
  g_assert_cmpfloat_with_epsilon (hs_time_viewport_get_end (viewport) - hs_time_viewport_get_start (viewport), 60.0, 1e-6);
  g_assert_cmpfloat (hs_time_viewport_get_start (viewport), <=, 649.007);
  g_assert_cmpfloat (hs_time_viewport_get_end (viewport), >=, 649.007);

  /* scvg3 (event 3) came after gc 91 (index 90) and is placed at 600 s */
  hs_scavenger_table_set_selected_event (events, 3);
  g_assert_cmpint (hs_chart_stack_get_selected_cycle (charts), ==, 90);
  g_assert_cmpfloat (hs_time_viewport_get_start (viewport), <=, 600.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (viewport), >=, 600.0);

  /* the legends' switches persist: hiding a series is saved, and a new view starts with it */
  {
    const char * const hidden[] = { "goal", NULL };
    g_autoptr(GSettings) settings = g_settings_new ("io.github.heapscope.Heapscope");
    g_auto(GStrv) saved = NULL;
    g_auto(GStrv) restored = NULL;
    GtkWidget *again_panel = g_object_ref_sink (hs_stats_panel_new ());
    GtkWidget *again;

    hs_chart_stack_set_hidden_series (charts, hidden);
    saved = g_settings_get_strv (settings, "hidden-series");
    g_assert_cmpstrv (saved, hidden);

    again = g_object_ref_sink (hs_trace_view_new (trace, again_panel));
    restored = hs_chart_stack_get_hidden_series (hs_trace_view_get_charts (HS_TRACE_VIEW (again)));
    g_assert_cmpstrv (restored, hidden);
    g_settings_reset (settings, "hidden-series");
    g_object_unref (again);
    g_object_unref (again_panel);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (panel);
}

/* A marked range is shaded on the charts: red for a problem, nothing outside it. */
static void
test_marks_drawn (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  const HsChartMark mark = { 100.0, 200.0, HS_CHART_MARK_PROBLEM, NULL };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 600);
  cairo_t *cr = cairo_create (surface);
  HsChartRenderOptions options;
  HsChartRect plot;
  guint8 *data;
  int stride, y;
  guint32 inside, outside;

  hs_chart_renderer_options_init (renderer, &options);
  options.start = 0.0;
  options.end = 700.0;
  options.charts = HS_CHART_MASK (HS_CHART_CPU);
  options.flags = 0;
  hs_chart_renderer_set_marks (renderer, &mark, 1);
  hs_chart_renderer_render (renderer, cr, 800, 600, &options);
  cairo_surface_flush (surface);
  g_assert_true (hs_chart_renderer_get_plot_rect (renderer, 800, 600, &options, HS_CHART_CPU, &plot));

  /* mid-height of the GC CPU chart, at 150 s (inside) and 400 s (outside, off the grid):
   * the sample's GC CPU is 0 % there, so only the background and the band are drawn */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  y = (int) (plot.y + plot.height / 2);
  inside = *(guint32 *) (gpointer) (data + y * stride + 4 * (int) (plot.x + 150.0 / 700.0 * plot.width));
  outside = *(guint32 *) (gpointer) (data + y * stride + 4 * (int) (plot.x + 400.0 / 700.0 * plot.width));

  /* RGB24: 0x00RRGGBB; the band tints red over the light background */
  g_assert_cmpuint ((inside >> 16) & 0xff, >, (inside & 0xff) + 10);
  g_assert_cmpuint ((outside >> 16) & 0xff, <=, (outside & 0xff) + 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_notes_and_presenting (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  GtkWidget *panel = g_object_ref_sink (hs_stats_panel_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = hs_trace_view_new (trace, panel);
  HsFindingsList *list = hs_trace_view_get_findings (HS_TRACE_VIEW (view));
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (hs_trace_view_get_charts (HS_TRACE_VIEW (view)));
  HsAnnotations *notes = hs_trace_view_get_notes (HS_TRACE_VIEW (view));
  g_autoptr(GError) error = NULL;
  HsNoteDialog *dialog;
  double t0, t1;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_findings (list, 2);

  /* the file is whole: its content key is known and notes can be written */
  g_assert_nonnull (notes);
  g_assert_cmpuint (hs_annotations_get_n_notes (notes), ==, 0);

  /* a note goes on the selected cycle: gc 91 (index 90) at 594.979 s */
  hs_chart_stack_set_selected_cycle (hs_trace_view_get_charts (HS_TRACE_VIEW (view)), 90);
  hs_trace_view_note_range (HS_TRACE_VIEW (view), &t0, &t1);
  g_assert_cmpfloat_with_epsilon (t0, 594.979, 1e-6);
  g_assert_cmpfloat (t0, ==, t1);
  dialog = hs_note_dialog_new (GTK_WINDOW (window), notes, 0, t0, t1);
  hs_note_dialog_set_text (dialog, "the scavenger is about to run");
  g_assert_true (hs_note_dialog_save (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (hs_annotations_get_n_notes (notes), ==, 1);

  /* editing it, then emptying its text, deletes it: nothing is left on disk */
  dialog = hs_note_dialog_new (GTK_WINDOW (window), notes, hs_annotations_get_note (notes, 0)->id, 0, 0);
  hs_note_dialog_set_text (dialog, "scvg3 releases 1767 MB right after this");
  g_assert_true (hs_note_dialog_save (dialog, &error));
  g_assert_cmpstr (hs_annotations_get_note (notes, 0)->text, ==, "scvg3 releases 1767 MB right after this");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* presenting: the findings first, then the note; each shows its range */
  hs_trace_view_set_presenting (HS_TRACE_VIEW (view), TRUE);
  g_assert_true (hs_trace_view_get_presenting (HS_TRACE_VIEW (view)));
  g_assert_cmpstr (hs_trace_view_get_caption (HS_TRACE_VIEW (view)), ==,
                   hs_findings_list_get_finding (list, 0)->title);
  g_assert_cmpfloat (hs_time_viewport_get_start (viewport), <=, 170.610);
  g_assert_cmpfloat (hs_time_viewport_get_end (viewport), >=, 600.0);
  hs_trace_view_present_step (HS_TRACE_VIEW (view), 1);
  g_assert_cmpstr (hs_trace_view_get_caption (HS_TRACE_VIEW (view)), ==,
                   hs_findings_list_get_finding (list, 1)->title);
  hs_trace_view_present_step (HS_TRACE_VIEW (view), 1);
  g_assert_cmpstr (hs_trace_view_get_caption (HS_TRACE_VIEW (view)), ==, "scvg3 releases 1767 MB right after this");
  g_assert_cmpfloat (hs_time_viewport_get_start (viewport), <, 594.979);
  g_assert_cmpfloat (hs_time_viewport_get_end (viewport), >, 594.979);
  /* past the last item it stays there */
  hs_trace_view_present_step (HS_TRACE_VIEW (view), 1);
  g_assert_cmpstr (hs_trace_view_get_caption (HS_TRACE_VIEW (view)), ==, "scvg3 releases 1767 MB right after this");

  hs_trace_view_set_presenting (HS_TRACE_VIEW (view), FALSE);
  g_assert_true (hs_time_viewport_is_whole (viewport));

  dialog = hs_note_dialog_new (GTK_WINDOW (window), notes, hs_annotations_get_note (notes, 0)->id, 0, 0);
  g_assert_true (hs_note_dialog_delete (dialog, &error));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (hs_annotations_get_n_notes (notes), ==, 0);
  {
    g_autoptr(GFile) file = hs_annotations_get_file (notes);

    g_assert_false (g_file_query_exists (file, NULL));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (panel);
}

static void
wait_for_range_stats (HsRangeStats *stats)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((hs_range_stats_get_busy (stats) || hs_range_stats_get_summary (stats) == NULL) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

/* The statistics in view follow the zoom: gc 13 @170.610 s … gc 22 @330.808 s is 10 cycles. */
static void
test_range_stats (void)
{
  g_autoptr(HsTrace) trace = load_sample ();
  GtkWidget *panel = g_object_ref_sink (hs_stats_panel_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = hs_trace_view_new (trace, panel);
  HsRangeStats *stats = HS_RANGE_STATS (hs_trace_view_get_range_stats (HS_TRACE_VIEW (view)));
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (hs_trace_view_get_charts (HS_TRACE_VIEW (view)));

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  wait_for_range_stats (stats);
  g_assert_cmpuint (hs_range_stats_get_summary (stats)->n_cycles, ==, 114);
  g_assert_cmpstr (hs_range_stats_get_title (stats), ==, "The whole trace: 114 cycles");

  hs_time_viewport_set_range (viewport, 170.0, 331.0);
  wait_for_range_stats (stats);
  g_assert_cmpuint (hs_range_stats_get_summary (stats)->n_cycles, ==, 10);
  g_assert_cmpuint (hs_range_stats_get_summary (stats)->periodic_cycles, ==, 2);
  g_assert_cmpuint (hs_range_stats_get_summary (stats)->heap_peak_mb, ==, 1650);
  /* pauses (awk: 1st + 3rd clock) 0.122, 0.059, 0.176, 0.072, 0.079, 0.079, 0.103, 0.085, 0.050,
   * 0.064 ms: none of 0.3 ms or more */
  g_assert_cmpuint (hs_range_stats_get_summary (stats)->pause_histogram[0] +
                    hs_range_stats_get_summary (stats)->pause_histogram[1], ==, 10);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (panel);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/HsTraceView/findings-zoom", test_findings_zoom);
  g_test_add_func ("/view/HsExportDialog/export", test_export);
  g_test_add_func ("/view/HsTraceView/selection-linked", test_selection_linked);
  g_test_add_func ("/view/HsChartRenderer/marks", test_marks_drawn);
  g_test_add_func ("/view/HsTraceView/notes-and-presenting", test_notes_and_presenting);
  g_test_add_func ("/view/HsRangeStats/follows-zoom", test_range_stats);

  return g_test_run ();
}
