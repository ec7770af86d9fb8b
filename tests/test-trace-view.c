/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trace-view.c: the tab's view: findings beside the charts, zooming to one, exporting. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "app/hs-export-dialog.h"
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view/HsTraceView/findings-zoom", test_findings_zoom);
  g_test_add_func ("/view/HsExportDialog/export", test_export);
  g_test_add_func ("/view/HsTraceView/selection-linked", test_selection_linked);

  return g_test_run ();
}
