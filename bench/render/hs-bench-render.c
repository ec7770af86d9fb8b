/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-bench-render.c: frame times of the four charts at 1920x1080 for 10^3 .. 10^7 cycles. */

#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "chart/hs-chart-renderer.h"
#include "test-chart-synth.h"

#define WIDTH 1920
#define HEIGHT 1080
#define FRAMES 15

/*
 * CPU time of this thread, in µs: the machine is shared, and wall time would measure the
 * other processes too. Rendering is single-threaded, so this is the frame's cost.
 */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median frame time in ms of rendering [start, end), panned by @pan of the span per frame. */
static double
frame_ms (HsChartRenderer *renderer,
          cairo_t         *cr,
          double           start,
          double           end,
          double           pan)
{
  double times[FRAMES];
  HsChartRenderOptions options;

  hs_chart_renderer_options_init (renderer, &options);
  options.flags = HS_CHART_RENDER_TIME_LABELS | HS_CHART_RENDER_LEGEND | HS_CHART_RENDER_RUN_LABELS;
  for (guint i = 0; i < FRAMES; i++)
    {
      gint64 t0;

      options.start = start + i * pan * (end - start);
      options.end = end + i * pan * (end - start);
      options.hover_cycle = 1;
      t0 = cpu_time_us ();
      hs_chart_renderer_render (renderer, cr, WIDTH, HEIGHT, &options);
      cairo_surface_flush (cairo_get_target (cr));
      times[i] = (cpu_time_us () - t0) / 1000.0;
    }

  qsort (times, FRAMES, sizeof (double), compare_doubles);
  return times[FRAMES / 2];
}

/* Builds a renderer for @trace and prints its row: pyramids, then the three frame times. */
static void
print_row (cairo_t    *cr,
           HsTrace    *trace,
           guint64     n_cycles,
           const char *samples_column)
{
  g_autoptr(HsChartRenderer) renderer = NULL;
  double start, end, whole, zoomed, panning, build;
  gint64 t0;

  t0 = cpu_time_us ();
  renderer = hs_chart_renderer_new (trace);
  build = (cpu_time_us () - t0) / 1000.0;

  hs_chart_renderer_get_time_range (renderer, &start, &end);
  whole = frame_ms (renderer, cr, start, end, 0.0);
  zoomed = frame_ms (renderer, cr, start + (end - start) * 0.495, start + (end - start) * 0.505, 0.0);
  panning = frame_ms (renderer, cr, start + (end - start) * 0.3, start + (end - start) * 0.4, 0.01);

  g_print ("| 10^%d |%s %.0f ms | %.2f ms | %.2f ms | %.2f ms | %.1f MiB |\n",
           (int) (log10 ((double) n_cycles) + 0.5), samples_column, build, whole, zoomed, panning,
           hs_chart_data_get_memory (hs_chart_renderer_get_data (renderer)) / 1048576.0);
}

int
main (int   argc,
      char *argv[])
{
  guint64 max_cycles = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 10000000;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  g_print ("| cycles | build pyramids | zoomed out | zoomed in (1 %%) | panning (10 %% view) | pyramid memory |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|\n");

  for (guint64 n = 1000; n <= max_cycles; n *= 10)
    {
      g_autoptr(HsTrace) trace = synth_trace (n, 100, 100000, NULL, NULL);

      print_row (cr, trace, n, "");
    }

  /*
   * The same traces watched all along: /proc every 250 ms and memstats every second (an
   * hour is 14,400 + 3,600 samples), nine sample series more on the heap and CPU charts.
   */
  g_print ("\nWith memory samples (/proc every 250 ms, memstats every 1 s):\n\n");
  g_print ("| cycles | samples | build pyramids | zoomed out | zoomed in (1 %%) | panning (10 %% view) | pyramid memory |\n");
  g_print ("|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint64 n = 1000; n <= MIN (max_cycles, 1000000); n *= 10)
    {
      g_autoptr(HsTrace) trace = synth_trace (n, 100, 100000, NULL, NULL);
      g_autofree char *samples = NULL;

      synth_samples (trace, hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, (guint) n - 1), 250, 1000);
      samples = g_strdup_printf (" %u |", hs_trace_get_n_samples (trace));
      print_row (cr, trace, n, samples);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
