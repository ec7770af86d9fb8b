/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-widget.c: the chart widgets driven with real X events (xdotool) under Xvfb. */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "chart/hs-chart-overview.h"
#include "chart/hs-chart-stack.h"
#include "chart/hs-chart-view.h"
#include "trace/hs-trace-loader.h"

#define TITLE "heapscope-chart-widget-test"

static GtkWidget *window;
static HsChartStack *stack;
static char *window_id;

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
xdotool (const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);

  command = g_strdup_printf ("xdotool %s", args);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* let the X events arrive and be handled */
  iterate (150);
}

/* Window coordinates of a point of the heap chart's plot, as a fraction of its width. */
static void
heap_point (double  fraction,
            int    *x,
            int    *y)
{
  GtkWidget *view = hs_chart_stack_get_view (stack, HS_CHART_HEAP);
  double w = gtk_widget_get_width (view) - HS_CHART_PLOT_LEFT - HS_CHART_PLOT_RIGHT;
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (view, window,
                                           &GRAPHENE_POINT_INIT (HS_CHART_PLOT_LEFT + fraction * w,
                                                                 gtk_widget_get_height (view) / 2.0),
                                           &p));
  *x = (int) round (p.x);
  *y = (int) round (p.y);
}

static double
heap_time_at (int x)
{
  GtkWidget *view = hs_chart_stack_get_view (stack, HS_CHART_HEAP);
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (window, view, &GRAPHENE_POINT_INIT (x, 0), &p));
  return hs_chart_view_x_to_time (HS_CHART_VIEW (view), p.x);
}

static void
get_range (double *start,
           double *end)
{
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (stack);

  *start = hs_time_viewport_get_start (viewport);
  *end = hs_time_viewport_get_end (viewport);
}

static void
test_hover_and_select (void)
{
  int x, y;
  gint64 expected;

  heap_point (0.5, &x, &y);
  xdotool ("mousemove --window %s %d %d", window_id, x, y);
  expected = hs_chart_renderer_find_cycle (hs_chart_stack_get_renderer (stack), heap_time_at (x));
  g_assert_cmpint (expected, >=, 0);
  g_assert_cmpint (hs_chart_stack_get_hover_cycle (stack), ==, expected);

  xdotool ("click 1");
  iterate (400);   /* past the double-click time */
  g_assert_cmpint (hs_chart_stack_get_selected_cycle (stack), ==, expected);

  /* the keyboard moves the selection one cycle on */
  gtk_widget_grab_focus (hs_chart_stack_get_view (stack, HS_CHART_HEAP));
  xdotool ("key shift+Right");
  g_assert_cmpint (hs_chart_stack_get_selected_cycle (stack), ==, expected + 1);
}

static void
test_zoom_and_pan (void)
{
  double s0, e0, s1, e1, anchor;
  int x, y, x2;

  xdotool ("key ctrl+0");
  get_range (&s0, &e0);

  /* ctrl+scroll up zooms in around the pointer: the time under it stays put */
  heap_point (0.25, &x, &y);
  xdotool ("mousemove --window %s %d %d", window_id, x, y);
  anchor = heap_time_at (x);
  xdotool ("keydown ctrl click 4 keyup ctrl");
  get_range (&s1, &e1);
  g_assert_cmpfloat (e1 - s1, <, (e0 - s0) * 0.95);
  g_assert_cmpfloat_with_epsilon (heap_time_at (x), anchor, (e0 - s0) * 0.01);

  /* a drag to the left by a tenth of the plot shows what was to the right */
  get_range (&s0, &e0);
  heap_point (0.6, &x, &y);
  heap_point (0.5, &x2, &y);
  xdotool ("mousemove --window %s %d %d mousedown 1", window_id, x, y);
  xdotool ("mousemove --window %s %d %d", window_id, (x + x2) / 2, y);
  xdotool ("mousemove --window %s %d %d mouseup 1", window_id, x2, y);
  get_range (&s1, &e1);
  g_assert_cmpfloat_with_epsilon (s1 - s0, (e0 - s0) * 0.1, (e0 - s0) * 0.02);
  g_assert_cmpfloat_with_epsilon (e1 - s1, e0 - s0, (e0 - s0) * 1e-6);

  /* the arrow keys pan too */
  get_range (&s0, &e0);
  xdotool ("key Left");
  get_range (&s1, &e1);
  g_assert_cmpfloat (s1, <, s0);

  /* ctrl+minus zooms out, ctrl+0 shows everything again */
  xdotool ("key ctrl+minus");
  get_range (&s1, &e1);
  g_assert_cmpfloat (e1 - s1, >, (e0 - s0) * 1.1);
  xdotool ("key ctrl+0");
  g_assert_true (hs_time_viewport_is_whole (hs_chart_stack_get_viewport (stack)));
}

static void
test_rubber_band (void)
{
  double a, b, s, e;
  int x1, x2, y;

  xdotool ("key ctrl+0");
  heap_point (0.2, &x1, &y);
  heap_point (0.4, &x2, &y);
  a = heap_time_at (x1);
  b = heap_time_at (x2);

  xdotool ("mousemove --window %s %d %d keydown shift mousedown 1", window_id, x1, y);
  xdotool ("mousemove --window %s %d %d", window_id, (x1 + x2) / 2, y);
  xdotool ("mousemove --window %s %d %d mouseup 1 keyup shift", window_id, x2, y);
  get_range (&s, &e);
  g_assert_cmpfloat_with_epsilon (s, a, (b - a) * 0.05);
  g_assert_cmpfloat_with_epsilon (e, b, (b - a) * 0.05);

  /* a double click goes back to the whole trace */
  xdotool ("click --repeat 2 --delay 80 1");
  g_assert_true (hs_time_viewport_is_whole (hs_chart_stack_get_viewport (stack)));
}

/* Finds the first widget of @type under @root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
window_center_of (GtkWidget *widget,
                  int       *x,
                  int       *y)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &p));
  *x = (int) round (p.x);
  *y = (int) round (p.y);
}

/* The first switch of the legend is the heap chart's top series; clicking it hides it. */
static void
test_legend_toggle (void)
{
  GtkWidget *toggle = find_widget (GTK_WIDGET (stack), GTK_TYPE_CHECK_BUTTON);
  g_auto(GStrv) hidden = NULL;
  int x, y;

  g_assert_nonnull (toggle);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle)));
  window_center_of (toggle, &x, &y);
  xdotool ("mousemove --window %s %d %d click 1", window_id, x, y);
  iterate (300);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle)));
  hidden = hs_chart_stack_get_hidden_series (stack);
  /* with the two memstats series hidden from the start (HeapSys, HeapIdle) */
  g_assert_cmpuint (g_strv_length (hidden), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) hidden, "goal"));
  g_assert_true (g_strv_contains ((const char * const *) hidden, "memstats-heap-sys"));
  g_assert_true (g_strv_contains ((const char * const *) hidden, "memstats-heap-idle"));
  g_assert_false (hs_chart_renderer_get_series_visible (hs_chart_stack_get_renderer (stack),
                                                        HS_SERIES_HEAP_GOAL));

  /* and back, from the settings side */
  hs_chart_stack_set_hidden_series (stack, NULL);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (toggle)));
}

/* Dragging in the overview strip moves the window over the whole trace. */
static void
test_overview_drag (void)
{
  GtkWidget *overview = find_widget (GTK_WIDGET (stack), HS_TYPE_CHART_OVERVIEW);
  HsTimeViewport *viewport = hs_chart_stack_get_viewport (stack);
  double s0, e0, s1, e1;
  int x, y;

  g_assert_nonnull (overview);
  xdotool ("key ctrl+0");
  gtk_widget_grab_focus (hs_chart_stack_get_view (stack, HS_CHART_HEAP));
  xdotool ("key ctrl+plus");
  xdotool ("key ctrl+plus");
  get_range (&s0, &e0);
  g_assert_cmpfloat (e0 - s0, <, (hs_time_viewport_get_upper (viewport) - hs_time_viewport_get_lower (viewport)) * 0.5);

  /* from the middle of the strip to near its right end: the window follows */
  window_center_of (overview, &x, &y);
  xdotool ("mousemove --window %s %d %d mousedown 1", window_id, x, y);
  xdotool ("mousemove --window %s %d %d", window_id, x + 100, y);
  xdotool ("mousemove --window %s %d %d mouseup 1", window_id, x + 200, y);
  get_range (&s1, &e1);
  g_assert_cmpfloat (s1, >, s0);
  g_assert_cmpfloat_with_epsilon (e1 - s1, e0 - s0, (e0 - s0) * 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HsTrace) trace = hs_trace_new ("go1.9-scavenger-release.log");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  path = g_test_build_filename (G_TEST_DIST, "data", "samples", "go1.9-scavenger-release.log", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), TITLE);
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  stack = HS_CHART_STACK (hs_chart_stack_new (trace));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 0; i < 100 && gtk_widget_get_width (hs_chart_stack_get_view (stack, HS_CHART_HEAP)) <= 0; i++)
    iterate (20);
  iterate (200);

  g_assert_true (g_spawn_command_line_sync ("xdotool search --sync --name " TITLE, &out, NULL, &status, &error));
  g_assert_no_error (error);
  window_id = g_strdup (g_strstrip (out));
  g_assert_cmpstr (window_id, !=, "");

  g_test_add_func ("/chart/widget/hover-select", test_hover_and_select);
  g_test_add_func ("/chart/widget/zoom-pan", test_zoom_and_pan);
  g_test_add_func ("/chart/widget/rubber-band", test_rubber_band);
  g_test_add_func ("/chart/widget/legend-toggle", test_legend_toggle);
  g_test_add_func ("/chart/widget/overview-drag", test_overview_drag);

  status = g_test_run ();

  /* HS_SCREENSHOT=FILE.png keeps a picture of the window as the tests left it */
  if (g_getenv ("HS_SCREENSHOT") != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window %s %s", window_id, g_getenv ("HS_SCREENSHOT"));

      iterate (300);
      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_free (window_id);
  return status;
}
