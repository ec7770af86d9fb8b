/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart.c: the chart renderer: axes, the min/max pyramid, real pixels, export, --export. */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "chart/hs-chart-export.h"
#include "chart/hs-chart-renderer.h"
#include "chart/hs-time-viewport.h"
#include "trace/hs-trace-loader.h"
#include "test-chart-synth.h"

/* Axes */

static void
test_axis_bytes (void)
{
  HsValueAxis axis;
  g_autofree char *l0 = NULL, *l1 = NULL, *top = NULL;

  /* 1000 MiB in at most 5 ticks: 1000 / 5 = 200, a clean step already: 0 … 1000 MiB */
  hs_value_axis_init (&axis, HS_CHART_UNIT_BYTES, 1000.0 * 1048576, 5);
  g_assert_cmpstr (axis.unit, ==, "MiB");
  g_assert_cmpfloat (axis.step, ==, 200.0 * 1048576);
  g_assert_cmpuint (axis.n_ticks, ==, 6);
  g_assert_cmpfloat (axis.max, ==, 1000.0 * 1048576);
  l0 = hs_value_axis_format_tick (&axis, 0);
  l1 = hs_value_axis_format_tick (&axis, axis.step);
  top = hs_value_axis_format_tick (&axis, axis.max);
  g_assert_cmpstr (l0, ==, "0 MiB");
  g_assert_cmpstr (l1, ==, "200 MiB");
  g_assert_cmpstr (top, ==, "1000 MiB");

  /* 1.8 GiB in at most 4: 0.45 rounds up to 0.5 GiB; ticks 0, 0.5 … 2.0 GiB */
  hs_value_axis_init (&axis, HS_CHART_UNIT_BYTES, 1.8 * 1073741824.0, 4);
  g_assert_cmpstr (axis.unit, ==, "GiB");
  g_assert_cmpfloat (axis.step, ==, 0.5 * 1073741824.0);
  g_assert_cmpuint (axis.n_ticks, ==, 5);
  g_clear_pointer (&l1, g_free);
  l1 = hs_value_axis_format_tick (&axis, axis.step * 3);
  g_assert_cmpstr (l1, ==, "1.5 GiB");

  /* 3000 bytes: KiB (2.93 KiB), step 1 KiB in 3 ticks */
  hs_value_axis_init (&axis, HS_CHART_UNIT_BYTES, 3000.0, 3);
  g_assert_cmpstr (axis.unit, ==, "KiB");
  g_assert_cmpfloat (axis.step, ==, 1024.0);
  g_assert_cmpfloat (axis.max, ==, 3072.0);
}

static void
test_axis_ms (void)
{
  HsValueAxis axis;
  g_autofree char *label = NULL;

  /* 0.4 ms is shown in µs: 400 / 4 = 100 µs steps */
  hs_value_axis_init (&axis, HS_CHART_UNIT_MS, 0.4, 4);
  g_assert_cmpstr (axis.unit, ==, "µs");
  g_assert_cmpfloat_with_epsilon (axis.step, 0.1, 1e-12);
  label = hs_value_axis_format_tick (&axis, 0.3);
  g_assert_cmpstr (label, ==, "300 µs");
  g_clear_pointer (&label, g_free);

  /* 7 ms in at most 3: 2.33 → 2.5 ms, ticks up to 7.5 ms */
  hs_value_axis_init (&axis, HS_CHART_UNIT_MS, 7.0, 3);
  g_assert_cmpstr (axis.unit, ==, "ms");
  g_assert_cmpfloat (axis.step, ==, 2.5);
  g_assert_cmpfloat (axis.max, ==, 7.5);
  label = hs_value_axis_format_tick (&axis, 5.0);
  g_assert_cmpstr (label, ==, "5.0 ms");
  g_clear_pointer (&label, g_free);

  /* 12 s = 12000 ms: seconds, steps of 5 s */
  hs_value_axis_init (&axis, HS_CHART_UNIT_MS, 12000.0, 3);
  g_assert_cmpstr (axis.unit, ==, "s");
  g_assert_cmpfloat (axis.step, ==, 5000.0);
  label = hs_value_axis_format_tick (&axis, 10000.0);
  g_assert_cmpstr (label, ==, "10 s");
}

static void
test_axis_time (void)
{
  static const struct { double t, step; const char *text; } cases[] = {
    { 0.0, 1.0, "0s" },
    { 0.25, 0.05, "250ms" },
    { 1.5, 0.5, "1.5s" },
    { 45.0, 15.0, "45s" },
    { 90.0, 30.0, "1m30s" },
    { 3600.0, 600.0, "1h" },
    { 3900.0, 300.0, "1h5m" },
    { 700.0, 1.0, "11m40s" },
  };
  HsTimeAxis axis;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_chart_format_duration (cases[i].t, cases[i].step);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* 700 s in at most 6 ticks: 116.7 s → 2 min steps at 0, 2m … 10m */
  hs_time_axis_init (&axis, 0.0, 700.0, 6);
  g_assert_cmpfloat (axis.step, ==, 120.0);
  g_assert_cmpfloat (axis.first, ==, 0.0);
  g_assert_cmpuint (axis.n_ticks, ==, 6);

  /* from 13 s to 47 s in at most 4: 8.5 → 10 s steps at 20, 30, 40 */
  hs_time_axis_init (&axis, 13.0, 47.0, 4);
  g_assert_cmpfloat (axis.step, ==, 10.0);
  g_assert_cmpfloat (axis.first, ==, 20.0);
  g_assert_cmpuint (axis.n_ticks, ==, 3);
}

/* The pyramid */

static void
fetch_array (gpointer  data,
             guint     first,
             guint     n,
             double   *out)
{
  memcpy (out, (double *) data + first, n * sizeof (double));
}

static void
test_pyramid_query (void)
{
  const guint n = 200000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(HsChartPyramid) pyramid = hs_chart_pyramid_new (fetch_array, values);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n; i++)
    values[i] = g_rand_int_range (rand, 0, 1000000);

  /* grown in uneven pieces, as a live trace grows */
  for (guint have = 0; have < n; )
    {
      guint step = g_rand_int_range (rand, 1, 5000);   /* not inside MIN (): it would run twice */

      have = MIN (n, have + step);
      hs_chart_pyramid_extend (pyramid, have);
    }

  for (guint k = 0; k < 2000; k++)
    {
      guint a = g_rand_int_range (rand, 0, n);
      guint near = a + g_rand_int_range (rand, 1, 40);
      guint b = k % 2 ? MIN (n, near) : (guint) g_rand_int_range (rand, a + 1, n + 1);
      double min = INFINITY, max = -INFINITY, qmin, qmax;

      for (guint i = a; i < b; i++)
        {
          min = MIN (min, values[i]);
          max = MAX (max, values[i]);
        }
      g_assert_true (hs_chart_pyramid_query (pyramid, a, b, &qmin, &qmax));
      g_assert_cmpfloat (qmin, ==, min);
      g_assert_cmpfloat (qmax, ==, max);
    }

  /* roughly half a byte per value: 16-value buckets of two floats, and their parents */
  g_assert_cmpuint (hs_chart_pyramid_get_memory (pyramid), <, n * 0.6 + 1024);
}

/* Pixels */

typedef struct
{
  guint8 r, g, b;
} Rgb;

static Rgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 p = ((const guint32 *) (gconstpointer) row)[x];
  Rgb c = { (p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff };

  return c;
}

static gboolean
is_white (Rgb c)
{
  return c.r > 245 && c.g > 245 && c.b > 245;
}

/* The light palette's live heap (#1c71d8) and pause (#1c71d8) blue, antialiased at most a little */
static gboolean
is_blue (Rgb c)
{
  return c.b > 170 && c.r < 110 && c.g < 160;
}

static void
only_series (HsChartRenderer *renderer,
             HsChartSeries    keep)
{
  for (guint s = 0; s < HS_N_SERIES; s++)
    hs_chart_renderer_set_series_visible (renderer, s, s == keep);
}

/* @kind alone over [@start, @end], without labels or legend, as the pixel tests read it */
static void
render_one_chart (HsChartRenderer *renderer,
                  cairo_surface_t *surface,
                  HsChartKind      kind,
                  double           start,
                  double           end)
{
  cairo_t *cr = cairo_create (surface);
  HsChartRenderOptions options;

  hs_chart_renderer_options_init (renderer, &options);
  options.start = start;
  options.end = end;
  options.charts = HS_CHART_MASK (kind);
  options.flags = 0;
  hs_chart_renderer_render (renderer, cr, cairo_image_surface_get_width (surface),
                            cairo_image_surface_get_height (surface), &options);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
}

static void
live_800_then_200 (guint64     i,
                    HsGcRecord *r,
                    gpointer    user_data)
{
  r->heap_live_mb = i < 50 ? 800 : 200;
}

/*
 * 100 cycles, one a second, live heap 800 MiB for cycles 1–50 and 200 MiB after. The heap
 * chart alone, 1102 × 388 pixels: the plot is 1010 px wide from x = 76 (one pixel per
 * 0.1 s over 0–101 s) and 360 px high from y = 24 (a 24 px header, 4 px under it). At most
 * 360 / 36 = 10 ticks for 840 MiB (the 5 % headroom) gives steps of 100 MiB up to 900,
 * so 800 MiB is row 24 + 360 × (1 − 800/900) = 64 and 200 MiB row 304.
 */
static void
test_render_series_rows (void)
{
  g_autoptr(HsTrace) trace = synth_trace (100, 1000, 100, live_800_then_200, NULL);
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1102, 388);
  HsChartRenderOptions options;
  HsChartRect plot;

  only_series (renderer, HS_SERIES_HEAP_LIVE);
  render_one_chart (renderer, surface, HS_CHART_HEAP, 0.0, 101.0);

  hs_chart_renderer_options_init (renderer, &options);
  options.charts = HS_CHART_MASK (HS_CHART_HEAP);
  options.flags = 0;
  g_assert_true (hs_chart_renderer_get_plot_rect (renderer, 1102, 388, &options, HS_CHART_HEAP, &plot));
  g_assert_cmpfloat (plot.x, ==, 76.0);
  g_assert_cmpfloat (plot.width, ==, 1010.0);

  /* cycle 20 at 20 s: x = 276; the line at row 64, white space above it */
  g_assert_true (is_blue (pixel (surface, 276, 64)) || is_blue (pixel (surface, 276, 63)));
  g_assert_true (is_white (pixel (surface, 276, 54)));
  g_assert_false (is_white (pixel (surface, 276, 200)));   /* the area under the line is tinted */

  /* cycle 80 at 80 s: x = 876; line at row 304, white above */
  g_assert_true (is_blue (pixel (surface, 876, 304)) || is_blue (pixel (surface, 876, 303)));
  g_assert_true (is_white (pixel (surface, 876, 290)));
  g_assert_true (is_white (pixel (surface, 876, 54)));

  /* nothing left of the first cycle (1 s, x = 86) but the plot's white */
  g_assert_true (is_white (pixel (surface, 80, 200)));

  cairo_surface_destroy (surface);
}

static void
one_spike (guint64     i,
           HsGcRecord *r,
           gpointer    user_data)
{
  if (i == GPOINTER_TO_UINT (user_data))
    r->clock_us[HS_CLOCK_MARK_TERM] = 50000 - 50;   /* a 50 ms pause */
}

/*
 * One 50 ms pause among 10^6 pauses of 0.1 ms, drawn 876 px wide: over 1000 cycles per
 * pixel. The axis must reach 50 ms and the spike's column must hold a bar to the top.
 */
static void
test_render_spike (void)
{
  const guint spike = 612345;
  g_autoptr(HsTrace) trace = synth_trace (1000000, 10, 100000, one_spike, GUINT_TO_POINTER (spike));
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 968, 208);
  double x, top;
  gboolean found = FALSE;
  guint blue_columns = 0;

  only_series (renderer, HS_SERIES_PAUSE);
  render_one_chart (renderer, surface, HS_CHART_PAUSES, 0.0, 10000.0);   /* 10^6 cycles 10 ms apart */

  /* plot 876 px from x = 76, 180 px from y = 24; the spike at (612345 + 1) × 10 ms */
  x = 76 + (spike + 1) * 0.010 / 10000.0 * 876.0;
  /* 52.5 ms in at most 5 ticks: steps of 20 ms up to 60 ms; 45 ms is row 24 + 180 × 15/60 */
  top = 24 + 180.0 * (1.0 - 45.0 / 60.0);
  for (int dx = -1; dx <= 1; dx++)
    found = found || is_blue (pixel (surface, (int) x + dx, (int) top));
  g_assert_true (found);

  /* everywhere else the bars are 0.1 ms: 0.3 px high, nothing at 45 ms */
  for (int col = 76; col < 76 + 876; col++)
    if (is_blue (pixel (surface, col, (int) top)))
      blue_columns++;
  g_assert_cmpuint (blue_columns, <=, 2);

  cairo_surface_destroy (surface);
}

/* A trace that grows draws the same as one read at once. */
static void
test_render_live_append (void)
{
  g_autoptr(HsTrace) whole = synth_trace (5000, 100, 5000, NULL, NULL);
  g_autoptr(HsTrace) live = hs_trace_new ("live");
  g_autoptr(HsChartRenderer) r1 = hs_chart_renderer_new (whole);
  g_autoptr(HsChartRenderer) r2 = hs_chart_renderer_new (live);
  HsChartData *d1 = hs_chart_renderer_get_data (r1);
  HsChartData *d2 = hs_chart_renderer_get_data (r2);

  for (guint first = 0; first < 5000; first += 37)
    {
      g_autoptr(HsTraceStore) store = hs_trace_store_new ();

      for (guint i = first; i < MIN (5000u, first + 37); i++)
        {
          HsGcRecord r;

          synth_record (&r, i, 100);
          hs_trace_store_append_gc (store, &r, i + 1, 0, 0);
        }
      hs_trace_append_store (live, store, first);
    }

  g_assert_cmpuint (hs_chart_data_get_count (d2, HS_CHART_SOURCE_CYCLES), ==, 5000);
  for (guint s = 0; s < HS_N_SERIES; s++)
    {
      double min1, max1, min2, max2;
      gboolean has1, has2;

      if (hs_chart_series_get_info (s)->source != HS_CHART_SOURCE_CYCLES)
        continue;
      for (guint a = 0; a < 5000; a += 611)
        {
          has1 = hs_chart_data_query (d1, s, a, 5000, &min1, &max1);
          has2 = hs_chart_data_query (d2, s, a, 5000, &min2, &max2);
          g_assert_cmpint (has1, ==, has2);
          if (has1)
            {
              g_assert_cmpfloat (min1, ==, min2);
              g_assert_cmpfloat (max1, ==, max2);
            }
        }
    }
  g_assert_cmpuint (hs_chart_data_lower_bound (d2, HS_CHART_SOURCE_CYCLES, 250.05), ==, 2500);
}

/* Series of the real samples */

static HsTrace *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "samples", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_trace_new (name);

  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);
  return trace;
}

/*
 * The seed story: "consumed" of the four scvg lines (grep consumed): 1784, 1784, 1784,
 * then 17 MB once scvg3 released 1767 MB, which is also the running total released.
 */
static void
test_series_scavenger_story (void)
{
  g_autoptr(HsTrace) trace = load_sample ("go1.9-scavenger-release.log");
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  static const double held_mib[] = { 1784, 1784, 1784, 17 };
  double values[4];

  g_assert_cmpuint (hs_chart_data_get_count (data, HS_CHART_SOURCE_EVENTS), ==, 4);
  g_assert_true (hs_chart_data_has_series (data, HS_SERIES_HEAP_HELD));
  g_assert_false (hs_chart_data_has_series (data, HS_SERIES_HEAP_RETURNED));
  g_assert_false (hs_chart_data_has_series (data, HS_SERIES_STACKS));
  hs_chart_data_get_values (data, HS_SERIES_HEAP_HELD, 0, 4, values);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (values[i], ==, held_mib[i] * 1048576.0);
  hs_chart_data_get_values (data, HS_SERIES_SCAV_TOTAL, 0, 4, values);
  g_assert_cmpfloat (values[2], ==, 0.0);
  g_assert_cmpfloat (values[3], ==, 1767.0 * 1048576.0);
}

/*
 * RES and VIRT of a watched process: samples at 0, 100 and 200 s (RES 100, 200, 300 MiB,
 * VIRT twice that) on the seed story's axis. The cycle nearest to 190 s is gc 13 at 170.6 s
 * (the next is past 260 s: grep '^gc'), whose nearest sample is the one at 200 s; the time range reaches 900 s once a
 * sample is taken after the last cycle (700 s).
 */
static void
test_series_process_memory (void)
{
  g_autoptr(HsTrace) trace = load_sample ("go1.9-scavenger-release.log");
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  HsSampleTable *samples = hs_sample_table_new ();
  g_autofree char *text = NULL;
  double values[3], start, end;
  gint64 cycle;

  g_assert_false (hs_chart_data_has_series (data, HS_SERIES_RSS));
  for (guint i = 0; i < 3; i++)
    {
      guint row = hs_sample_table_append_row (samples, 100.0 * i, 0, HS_SAMPLE_SOURCE_PROC);

      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, 100.0 * (i + 1) * 1048576.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 200.0 * (i + 1) * 1048576.0);
    }
  hs_trace_append_samples (trace, samples);
  hs_sample_table_free (samples);

  g_assert_cmpuint (hs_chart_data_get_count (data, HS_CHART_SOURCE_SAMPLES), ==, 3);
  g_assert_true (hs_chart_data_has_series (data, HS_SERIES_RSS));
  g_assert_true (hs_chart_data_has_series (data, HS_SERIES_VM_SIZE));
  hs_chart_data_get_values (data, HS_SERIES_RSS, 0, 3, values);
  g_assert_cmpfloat (values[2], ==, 300.0 * 1048576.0);
  g_assert_cmpfloat (hs_chart_data_get_time (data, HS_CHART_SOURCE_SAMPLES, 1), ==, 100.0);

  cycle = hs_chart_renderer_find_cycle (renderer, 190.0);
  g_assert_cmpint (cycle, ==, 12);
  text = hs_chart_renderer_describe_cycle (renderer, cycle);
  g_assert_nonnull (strstr (text, "RES 300 MiB, VIRT 600 MiB"));

  samples = hs_sample_table_new ();
  hs_sample_table_set_value (samples, hs_sample_table_append_row (samples, 900.0, 0, HS_SAMPLE_SOURCE_PROC),
                             HS_SAMPLE_FIELD_RSS, 50.0 * 1048576.0);
  hs_trace_append_samples (trace, samples);
  hs_sample_table_free (samples);
  hs_chart_renderer_get_time_range (renderer, &start, &end);
  g_assert_cmpfloat (end, >=, 900.0);
  g_assert_cmpfloat (hs_chart_data_get_value (data, HS_SERIES_VM_SIZE, 3), !=, hs_chart_data_get_value (data, HS_SERIES_VM_SIZE, 3));
}

/* memstats polled over HTTP, beside a gctrace */

#define MIB 1048576.0

/* Cycles 4 and 7 (i = 3, 6) were polled from memstats: number, @T and a 2.5 ms pause only. */
static void
polled_cycles (guint64     i,
               HsGcRecord *r,
               gpointer    user_data)
{
  guint64 number = r->number, time_ms = r->time_ms;

  if (i != 3 && i != 6)
    return;

  memset (r, 0, sizeof *r);
  r->number = number;
  r->time_ms = time_ms;
  r->clock_us[HS_CLOCK_SWEEP_TERM] = 2500;
  r->flags = HS_GC_FLAG_SAMPLED;
}

/*
 * Five polls k = 0 … 4 at 0, 2.5, 5, 7.5 and 10 s: HeapAlloc 50 + 10k MiB, HeapInuse
 * HeapAlloc + 8, HeapIdle 40 − 5k, HeapReleased 5k, HeapSys = HeapInuse + HeapIdle, Sys
 * HeapSys + 12, NextGC 120 + 10k MiB, GCCPUFraction (k + 1) / 1000; and between them two
 * /proc samples at 1 and 6 s (RES 300 and 320 MiB), rows without any memstats value.
 * @wall_us: the Unix time of 0 s on the trace's axis.
 */
static void
append_memstats (HsTrace *trace,
                 gint64   wall_us)
{
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();

  for (guint k = 0; k < 5; k++)
    {
      double t = 2.5 * k;
      double alloc = (50 + 10 * k) * MIB, inuse = alloc + 8 * MIB, idle = (40 - 5.0 * k) * MIB;
      guint row;

      if (k == 1 || k == 3)
        {
          row = hs_sample_table_append_row (samples, k == 1 ? 1.0 : 6.0,
                                            wall_us + (k == 1 ? 1 : 6) * G_USEC_PER_SEC, HS_SAMPLE_SOURCE_PROC);
          hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, (k == 1 ? 300 : 320) * MIB);
          hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 1000 * MIB);
        }
      row = hs_sample_table_append_row (samples, t, wall_us + (gint64) (t * G_USEC_PER_SEC), HS_SAMPLE_SOURCE_EXPVAR);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, alloc);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_INUSE, inuse);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_IDLE, idle);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_RELEASED, 5.0 * k * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_SYS, inuse + idle);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_SYS, inuse + idle + 12 * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_NEXT_GC, (120 + 10 * k) * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, (k + 1) / 1000.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_NUM_GC, 2 * k);
    }
  hs_trace_append_samples (trace, samples);
}

static void
assert_extent (HsChartData   *data,
               HsChartSeries  series,
               double         min,
               double         max)
{
  HsChartSource source = hs_chart_series_get_info (series)->source;
  double lo, hi;

  g_assert_true (hs_chart_data_query (data, series, 0, hs_chart_data_get_count (data, source), &lo, &hi));
  /* the pyramids keep floats: MiB multiples up to 2^24 MiB are exact */
  g_assert_cmpfloat_with_epsilon (lo, min, max * 1e-6);
  g_assert_cmpfloat_with_epsilon (hi, max, max * 1e-6);
}

/*
 * Ten cycles a second apart (test-chart-synth.h), gc 4 and gc 7 polled. Without the polled
 * ones, by hand: heap at start 100 + (i mod 7) × 10 MiB over i = 0 1 2 4 5 7 8 9 is 100 …
 * 150 MiB (160, at i = 6, is polled); live 80 + (i mod 5) × 3 is 80 … 92 MiB, goal twice
 * that; "1 %" GC CPU; mark 0.5 ms. The pauses take the polled 2.5 ms in: 0.1 … 2.5 ms.
 */
static void
test_series_polled_cycles (void)
{
  g_autoptr(HsTrace) trace = synth_trace (10, 1000, 10, polled_cycles, NULL);
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  static const HsChartSeries unknown[] = {
    HS_SERIES_HEAP_START, HS_SERIES_HEAP_LIVE, HS_SERIES_HEAP_END, HS_SERIES_HEAP_GOAL, HS_SERIES_HEAP_LIMIT,
    HS_SERIES_STACKS, HS_SERIES_GLOBALS, HS_SERIES_MARK, HS_SERIES_CPU_ASSIST, HS_SERIES_CPU_BACKGROUND,
    HS_SERIES_CPU_IDLE, HS_SERIES_CPU_TOTAL,
  };
  g_autofree char *polled = NULL, *traced = NULL;
  double min, max;
  const char *memstats;

  append_memstats (trace, 0);

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_assert_true (isnan (hs_chart_data_get_value (data, unknown[i], 3)));
      g_assert_true (isnan (hs_chart_data_get_value (data, unknown[i], 6)));
    }
  g_assert_cmpfloat (hs_chart_data_get_value (data, HS_SERIES_HEAP_START, 2), ==, 120 * MIB);
  assert_extent (data, HS_SERIES_HEAP_START, 100 * MIB, 150 * MIB);
  assert_extent (data, HS_SERIES_HEAP_END, 100 * MIB, 150 * MIB);
  assert_extent (data, HS_SERIES_HEAP_LIVE, 80 * MIB, 92 * MIB);
  assert_extent (data, HS_SERIES_HEAP_GOAL, 160 * MIB, 184 * MIB);
  assert_extent (data, HS_SERIES_CPU_TOTAL, 1, 1);
  assert_extent (data, HS_SERIES_MARK, 0.5, 0.5);
  /* 0.2 ms of assists in 1 s × 8 P: 0.0025 %, never 0 */
  g_assert_true (hs_chart_data_query (data, HS_SERIES_CPU_ASSIST, 0, 10, &min, &max));
  g_assert_cmpfloat_with_epsilon (min, 0.0025, 1e-9);
  /* a polled cycle's pause is known */
  g_assert_cmpfloat (hs_chart_data_get_value (data, HS_SERIES_PAUSE, 3), ==, 2.5);
  assert_extent (data, HS_SERIES_PAUSE, 0.1, 2.5);
  /* the first query of the pyramid's range: only polled cycles hold no heap */
  g_assert_false (hs_chart_data_query (data, HS_SERIES_HEAP_LIVE, 6, 7, &min, &max));
  g_assert_true (hs_chart_data_query (data, HS_SERIES_PAUSE, 6, 7, &min, &max));

  /* gc 4, polled at 4 s: the poll nearest in time is at 5 s, the nearest RES at 6 s */
  polled = hs_chart_renderer_describe_cycle (renderer, 3);
  g_test_message ("%s", polled);
  g_assert_true (g_str_has_prefix (polled, "GC 4 (polled from memstats) at 4.000s\n"));
  g_assert_nonnull (strstr (polled, "\nPauses: stop-the-world 2.50 ms\n"));
  memstats = strstr (polled, "\nProcess: ");
  g_assert_nonnull (memstats);
  /* no heap, phase or CPU figure of the cycle itself: nothing in bytes before the samples */
  g_assert_null (g_strstr_len (polled, memstats - polled, "iB"));
  g_assert_null (strstr (polled, "GC CPU:"));
  g_assert_null (strstr (polled, "line"));
  g_assert_null (strstr (polled, "sweep termination"));
  g_assert_nonnull (strstr (polled, "\nProcess: RES 320 MiB, VIRT 1000 MiB (sampled at 6.000s)"));
  g_assert_nonnull (strstr (polled, "\nGo memstats: HeapAlloc 70.0 MiB, HeapInuse 78.0 MiB, HeapIdle 30.0 MiB, "
                                    "HeapReleased 10.0 MiB, HeapSys 108 MiB, Sys 120 MiB, NextGC 140 MiB, "
                                    "GCCPUFraction 0.30 % (polled at 5.000s)"));

  /* gc 3 of the trace keeps its line, heap figures and all */
  traced = hs_chart_renderer_describe_cycle (renderer, 2);
  g_assert_nonnull (strstr (traced, "\nHeap: 120 MiB at start, 120 MiB at end, 86.0 MiB live, goal 172 MiB"));
  g_assert_nonnull (strstr (traced, "GC CPU: 1 % since start"));
}

/*
 * The memstats series themselves, from append_memstats: values at known times, extents by
 * hand (HeapAlloc 50 … 90 MiB, HeapReleased 0 … 20 MiB, a real 0 kept; Sys 118 … 130 MiB;
 * GCCPUFraction 0.1 … 0.5 %), the /proc rows in between skipped, not read as 0.
 */
static void
test_series_memstats (void)
{
  g_autoptr(HsTrace) trace = synth_trace (10, 1000, 10, polled_cycles, NULL);
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  guint at5;

  for (guint s = HS_SERIES_MEMSTATS_SYS; s <= HS_SERIES_MEMSTATS_NEXT_GC; s++)
    g_assert_false (hs_chart_data_has_series (data, s));
  g_assert_false (hs_chart_data_has_series (data, HS_SERIES_MEMSTATS_GC_CPU));
  append_memstats (trace, 0);
  g_assert_cmpuint (hs_chart_data_get_count (data, HS_CHART_SOURCE_SAMPLES), ==, 7);
  for (guint s = HS_SERIES_MEMSTATS_SYS; s <= HS_SERIES_MEMSTATS_NEXT_GC; s++)
    {
      g_assert_true (hs_chart_data_has_series (data, s));
      g_assert_cmpint (hs_chart_series_get_info (s)->chart, ==, HS_CHART_HEAP);
    }
  g_assert_true (hs_chart_data_has_series (data, HS_SERIES_MEMSTATS_GC_CPU));
  g_assert_cmpint (hs_chart_series_get_info (HS_SERIES_MEMSTATS_GC_CPU)->chart, ==, HS_CHART_CPU);
  g_assert_cmpint (hs_chart_series_get_info (HS_SERIES_MEMSTATS_GC_CPU)->unit, ==, HS_CHART_UNIT_PERCENT);
  g_assert_cmpstr (hs_chart_series_get_info (HS_SERIES_MEMSTATS_HEAP_ALLOC)->label, ==, "HeapAlloc (memstats)");

  /* the poll at 5 s is row 3 (rows: 0, 1 proc, 2.5, 5, 6 proc, 7.5, 10) */
  at5 = hs_chart_data_lower_bound (data, HS_CHART_SOURCE_SAMPLES, 5.0);
  g_assert_cmpuint (at5, ==, 3);
  g_assert_cmpfloat (hs_chart_data_get_value (data, HS_SERIES_MEMSTATS_HEAP_ALLOC, at5), ==, 70 * MIB);
  g_assert_cmpfloat (hs_chart_data_get_value (data, HS_SERIES_MEMSTATS_NEXT_GC, at5), ==, 140 * MIB);
  g_assert_cmpfloat_with_epsilon (hs_chart_data_get_value (data, HS_SERIES_MEMSTATS_GC_CPU, at5), 0.3, 1e-12);
  g_assert_true (isnan (hs_chart_data_get_value (data, HS_SERIES_MEMSTATS_HEAP_ALLOC, 4)));
  g_assert_true (isnan (hs_chart_data_get_value (data, HS_SERIES_RSS, at5)));

  assert_extent (data, HS_SERIES_MEMSTATS_HEAP_ALLOC, 50 * MIB, 90 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_HEAP_INUSE, 58 * MIB, 98 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_HEAP_IDLE, 20 * MIB, 40 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_HEAP_RELEASED, 0, 20 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_HEAP_SYS, 98 * MIB, 118 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_SYS, 110 * MIB, 130 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_NEXT_GC, 120 * MIB, 160 * MIB);
  assert_extent (data, HS_SERIES_MEMSTATS_GC_CPU, 0.1, 0.5);
  assert_extent (data, HS_SERIES_RSS, 300 * MIB, 320 * MIB);

  /* derivable ones start hidden, the others shown */
  g_assert_false (hs_chart_renderer_get_series_visible (renderer, HS_SERIES_MEMSTATS_HEAP_SYS));
  g_assert_false (hs_chart_renderer_get_series_visible (renderer, HS_SERIES_MEMSTATS_HEAP_IDLE));
  g_assert_true (hs_chart_renderer_get_series_visible (renderer, HS_SERIES_MEMSTATS_HEAP_ALLOC));
  g_assert_true (hs_chart_renderer_get_series_visible (renderer, HS_SERIES_MEMSTATS_NEXT_GC));
}

/* The light palette's HeapAlloc pink (#c0467f), antialiased at most a little */
static gboolean
is_pink (Rgb c)
{
  return c.r > 160 && c.g < 130 && c.b > 100 && c.b < 180 && c.r > c.b;
}

static gboolean
pink_near (cairo_surface_t *surface,
           int              x,
           int              y)
{
  for (int dy = -1; dy <= 1; dy++)
    if (is_pink (pixel (surface, x, y + dy)))
      return TRUE;
  return FALSE;
}

static void
write_png (HsChartRenderer *renderer,
           const char      *name,
           gboolean         dark)
{
  const char *dir = g_getenv ("HS_CHART_PNG_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  HsChartRenderOptions options;

  /* for a person to look at: HS_CHART_PNG_DIR=/tmp meson test test-chart */
  if (dir == NULL)
    return;

  path = g_build_filename (dir, name, NULL);
  hs_chart_renderer_options_init (renderer, &options);
  g_assert_true (hs_chart_export_to_file (renderer, &options, HS_CHART_FORMAT_PNG, 1200, 900, dark, path, &error));
  g_assert_no_error (error);
  g_test_message ("wrote %s", path);
}

/*
 * Only polls, no cycle yet (a server just connected to): the heap chart still draws them,
 * on a time axis the samples make. 1102 × 388, the heap chart alone, 0 … 10.1 s: 100 px
 * per second from x = 76; plot rows 24 … 384. HeapAlloc up to 90 MiB + 5 % in at most 10
 * ticks: steps of 10 MiB up to 100 MiB, so v MiB is row 24 + 360 × (1 − v/100). At 5 s
 * (x = 576) 70 MiB: row 132. At 1 s (x = 176), a /proc row without HeapAlloc, the line
 * from 50 MiB at 0 s to 60 at 2.5 s passes 54 MiB: row 189.6; it is not broken there.
 */
static void
test_render_samples_only (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("polled");
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1102, 388);
  double start, end;

  /* 2026-11-30 12:00:00 UTC at 0 s */
  append_memstats (trace, G_GINT64_CONSTANT (1796040000) * G_USEC_PER_SEC);
  hs_chart_renderer_get_time_range (renderer, &start, &end);
  g_assert_cmpfloat (start, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (end, 10.1, 1e-9);
  g_assert_true (hs_chart_renderer_has_series (renderer, HS_SERIES_MEMSTATS_HEAP_ALLOC));
  g_assert_false (hs_chart_renderer_has_series (renderer, HS_SERIES_HEAP_START));

  only_series (renderer, HS_SERIES_MEMSTATS_HEAP_ALLOC);
  render_one_chart (renderer, surface, HS_CHART_HEAP, 0.0, 10.1);

  g_assert_true (pink_near (surface, 576, 132));
  g_assert_true (is_white (pixel (surface, 576, 120)));
  g_assert_true (is_white (pixel (surface, 576, 145)));
  g_assert_true (pink_near (surface, 176, 190));
  g_assert_true (is_white (pixel (surface, 176, 175)));

  cairo_surface_destroy (surface);

  /* no cycle to describe: the tooltip says what the samples nearest the pointer say */
  {
    g_autofree char *text = hs_chart_renderer_describe_samples (renderer, 5.2);
    g_autoptr(HsTrace) empty = hs_trace_new ("empty");
    g_autoptr(HsChartRenderer) nothing = hs_chart_renderer_new (empty);

    g_assert_cmpstr (text, ==, "Process: RES 320 MiB, VIRT 1000 MiB (sampled at 6.000s)\n"
                               "Go memstats: HeapAlloc 70.0 MiB, HeapInuse 78.0 MiB, HeapIdle 30.0 MiB, "
                               "HeapReleased 10.0 MiB, HeapSys 108 MiB, Sys 120 MiB, NextGC 140 MiB, "
                               "GCCPUFraction 0.30 % (polled at 5.000s)");
    g_assert_null (hs_chart_renderer_describe_samples (nothing, 5.2));
  }

  for (guint s = 0; s < HS_N_SERIES; s++)
    hs_chart_renderer_set_series_visible (renderer, s, !hs_chart_series_get_info (s)->hidden_by_default);
  write_png (renderer, "heapscope-memstats-only.png", FALSE);
}

/*
 * A story to look at: a gctrace of 120 cycles half a second apart with every fifth cycle
 * polled instead (a sawtooth of 100 … 160 MiB), and polls every quarter second whose
 * HeapAlloc follows the same sawtooth, HeapReleased climbing as the scavenger returns idle
 * memory. Written as PNG, light and dark, when HS_CHART_PNG_DIR is set.
 */
static void
story_cycle (guint64     i,
             HsGcRecord *r,
             gpointer    user_data)
{
  if (i % 5 == 4)
    polled_cycles (3, r, NULL);
}

static void
test_render_memstats_story (void)
{
  g_autoptr(HsTrace) trace = synth_trace (120, 500, 40, story_cycle, NULL);
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  HsChartRenderOptions options;
  HsChartRect plot;
  double min, max;

  /* the heap chart's legend, four names, fits beside its title: plot under 40 + 24 px */
  hs_chart_renderer_options_init (renderer, &options);
  g_assert_true (hs_chart_renderer_get_plot_rect (renderer, 1200, 900, &options, HS_CHART_HEAP, &plot));
  g_assert_cmpfloat (plot.y, ==, 64.0);

  for (guint k = 0; k <= 240; k++)
    {
      double t = 0.25 * k;
      double phase = fmod (t, 3.5) / 3.5;    /* the synthetic heap's period: 7 cycles */
      double alloc = (100 + 60 * phase) * MIB;
      double released = MIN (t, 40.0) * MIB;
      double sys = 260 * MIB;
      guint row = hs_sample_table_append_row (samples, t, 0, HS_SAMPLE_SOURCE_EXPVAR);

      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, alloc);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_INUSE, alloc + 10 * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_SYS, 240 * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_IDLE, 240 * MIB - alloc - 10 * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_RELEASED, released);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_SYS, sys);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_NEXT_GC, 176 * MIB);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 0.008 + 0.004 * t / 60.0);
    }
  hs_trace_append_samples (trace, samples);

  /* nine names (five of memstats) do not fit in 1200 px: one more line of 16 px; in 4000 px they do */
  g_assert_true (hs_chart_renderer_get_plot_rect (renderer, 1200, 900, &options, HS_CHART_HEAP, &plot));
  g_assert_cmpfloat (plot.y, ==, 80.0);
  g_assert_true (hs_chart_renderer_get_plot_rect (renderer, 4000, 900, &options, HS_CHART_HEAP, &plot));
  g_assert_cmpfloat (plot.y, ==, 64.0);

  /* every fifth cycle polled: 24 of them, none in the heap's extent */
  g_assert_true (hs_chart_data_query (data, HS_SERIES_HEAP_START, 0, 120, &min, &max));
  g_assert_cmpfloat (min, ==, 100 * MIB);
  g_assert_true (hs_chart_data_query (data, HS_SERIES_CPU_TOTAL, 0, 120, &min, &max));
  g_assert_cmpfloat (min, ==, 1.0);

  write_png (renderer, "heapscope-memstats-story.png", FALSE);
  write_png (renderer, "heapscope-memstats-story-dark.png", TRUE);
}

/*
 * GOMEMLIMIT=300MiB: counted with a script over the lines, 422 of the 442 cycles have a
 * goal below 1.4 × the live heap of the cycle before (none is forced), from gc 21 on;
 * the GOGC=100 samples have none.
 */
static void
test_series_memory_limit (void)
{
  g_autoptr(HsTrace) trace = load_sample ("go1.19/memlimit.log");
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  HsChartData *data = hs_chart_renderer_get_data (renderer);
  guint n = hs_chart_data_get_count (data, HS_CHART_SOURCE_CYCLES);
  g_autofree double *values = g_new (double, n);
  guint capped = 0, first = 0;
  static const char * const plain[] = { "go1.19/steady.log", "go1.19/freeosmem.log", "go1.19/gogc800.log",
                                        "go1.19/bigstacks.log", "go1.19/cacheexpire.log" };

  g_assert_cmpuint (n, ==, 442);
  hs_chart_data_get_values (data, HS_SERIES_HEAP_LIMIT, 0, n, values);
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        if (capped++ == 0)
          first = i;
        g_assert_cmpfloat (values[i], ==, 279.0 * 1048576.0);
      }
  g_assert_cmpuint (capped, ==, 422);
  g_assert_cmpuint (first, ==, 20);   /* gc 21 */

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autoptr(HsTrace) other = load_sample (plain[i]);
      g_autoptr(HsChartRenderer) r = hs_chart_renderer_new (other);

      g_assert_false (hs_chart_renderer_has_series (r, HS_SERIES_HEAP_LIMIT));
    }
}

/* The shared viewport */

static void
count_cb (HsTimeViewport *viewport,
          guint          *count)
{
  (*count)++;
}

static void
test_viewport (void)
{
  g_autoptr(HsTimeViewport) v = hs_time_viewport_new ();
  guint changed = 0;

  g_signal_connect (v, "changed", G_CALLBACK (count_cb), &changed);
  hs_time_viewport_set_limits (v, 0.0, 100.0);
  hs_time_viewport_reset (v);
  g_assert_cmpfloat (hs_time_viewport_get_start (v), ==, 0.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 100.0);
  g_assert_true (hs_time_viewport_is_whole (v));

  /* zooming in by 4 around t = 20 keeps 20 where it was: a quarter of the way */
  hs_time_viewport_zoom (v, 0.25, 20.0);
  g_assert_cmpfloat (hs_time_viewport_get_start (v), ==, 15.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 40.0);

  /* panning past the start stops at the start, keeping the span */
  hs_time_viewport_pan (v, -50.0);
  g_assert_cmpfloat (hs_time_viewport_get_start (v), ==, 0.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 25.0);

  /* a zoomed view stays put while the trace grows; a whole view grows with it */
  hs_time_viewport_set_limits (v, 0.0, 200.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 25.0);
  hs_time_viewport_reset (v);
  hs_time_viewport_set_limits (v, 0.0, 300.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 300.0);

  /* zooming out never goes beyond the trace; a reversed range is put right */
  hs_time_viewport_zoom (v, 10.0, 150.0);
  g_assert_true (hs_time_viewport_is_whole (v));
  hs_time_viewport_set_range (v, 90.0, 30.0);
  g_assert_cmpfloat (hs_time_viewport_get_start (v), ==, 30.0);
  g_assert_cmpfloat (hs_time_viewport_get_end (v), ==, 90.0);

  /* one signal per change, none when nothing changed */
  changed = 0;
  hs_time_viewport_set_range (v, 30.0, 90.0);
  g_assert_cmpuint (changed, ==, 0);
  hs_time_viewport_pan (v, 1.0);
  g_assert_cmpuint (changed, ==, 1);
}

/* Export */

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "samples", name, NULL);
}

static void
test_export_formats (void)
{
  g_autofree char *dir = g_dir_make_tmp ("heapscope-chart-XXXXXX", NULL);
  g_autoptr(HsTrace) trace = synth_trace (300, 1000, 300, NULL, NULL);
  g_autoptr(HsChartRenderer) renderer = hs_chart_renderer_new (trace);
  static const struct { const char *name; const char *magic; gsize len; } files[] = {
    { "a.png", "\x89PNG", 4 },
    { "a.svg", "<?xml", 5 },
    { "a.PDF", "%PDF-", 5 },
  };
  HsChartRenderOptions options;

  hs_chart_renderer_options_init (renderer, &options);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      HsChartFormat format;
      gsize len;

      g_assert_true (hs_chart_format_from_path (path, &format));
      g_assert_true (hs_chart_export_to_file (renderer, &options, format, 640, 480, i == 1, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_cmpmem (contents, files[i].len, files[i].magic, files[i].len);
      if (format == HS_CHART_FORMAT_PNG)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 640);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 480);
          cairo_surface_destroy (png);
        }
      g_unlink (path);
    }
  g_rmdir (dir);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = hs_chart_export_png_bytes (renderer, &options, 320, 240, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x89PNG", 4);
  }
}

static void
test_parse_arguments (void)
{
  int w, h;
  double a, b;
  guint charts;
  HsChartFormat format;

  g_assert_true (hs_chart_parse_size ("1920x1080", &w, &h, NULL));
  g_assert_cmpint (w, ==, 1920);
  g_assert_cmpint (h, ==, 1080);
  g_assert_false (hs_chart_parse_size ("1920", &w, &h, NULL));
  g_assert_false (hs_chart_parse_size ("1920x", &w, &h, NULL));
  g_assert_false (hs_chart_parse_size ("-5x100", &w, &h, NULL));
  g_assert_false (hs_chart_parse_size ("10x10", &w, &h, NULL));
  g_assert_false (hs_chart_parse_size ("99999x1000", &w, &h, NULL));

  g_assert_true (hs_chart_parse_range ("60:300", &a, &b, NULL));
  g_assert_cmpfloat (a, ==, 60.0);
  g_assert_cmpfloat (b, ==, 300.0);
  g_assert_true (hs_chart_parse_range ("1m:2.5m", &a, &b, NULL));
  g_assert_cmpfloat (a, ==, 60.0);
  g_assert_cmpfloat (b, ==, 150.0);
  g_assert_true (hs_chart_parse_range (":500ms", &a, &b, NULL));
  g_assert_true (isnan (a));
  g_assert_cmpfloat (b, ==, 0.5);
  g_assert_false (hs_chart_parse_range ("300:60", &a, &b, NULL));
  g_assert_false (hs_chart_parse_range ("abc", &a, &b, NULL));
  g_assert_false (hs_chart_parse_range ("1:2:3", &a, &b, NULL));
  g_assert_false (hs_chart_parse_range ("1x:2", &a, &b, NULL));

  g_assert_true (hs_chart_parse_charts ("heap,cpu", &charts, NULL));
  g_assert_cmpuint (charts, ==, HS_CHART_MASK (HS_CHART_HEAP) | HS_CHART_MASK (HS_CHART_CPU));
  g_assert_false (hs_chart_parse_charts ("heap,memory", &charts, NULL));

  g_assert_false (hs_chart_format_from_path ("out.jpg", &format));
  g_assert_false (hs_chart_format_from_path ("out", &format));
}

/* heapscope --export, as a user runs it, with no display at all */

static int
run_heapscope (const char * const *args,
               char              **err)
{
  const char *binary = g_getenv ("HEAPSCOPE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_nonnull (binary);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli_export (void)
{
  g_autofree char *dir = g_dir_make_tmp ("heapscope-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "seed.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "seed.gif", NULL);
  g_autofree char *input = sample_path ("go1.9-scavenger-release.log");
  struct { const char *args[9]; int status; } cases[] = {
    { { "--export", out, "--size", "800x600", "--range", "100:700", "--charts", "heap,scavenger", NULL }, 0 },
    { { "--export", bad, NULL }, 2 },
    { { "--export", out, "--size", "800by600", NULL }, 2 },
    { { "--export", out, "--range", "700:100", NULL }, 2 },
    { { "--export", out, "--charts", "heap,bogus", NULL }, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      const char *args[12];
      guint n = 0;
      int status;

      for (; cases[i].args[n] != NULL; n++)
        args[n] = cases[i].args[n];
      args[n++] = input;
      args[n] = NULL;

      status = run_heapscope (args, &err);
      g_assert_cmpint (status, ==, cases[i].status);
      if (status == 0)
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (out);

          g_assert_cmpstr (err, ==, "");
          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800);
          g_assert_cmpint (cairo_image_surface_get_height (png), ==, 600);
          cairo_surface_destroy (png);
        }
      else
        {
          /* one line, naming the problem */
          g_assert_true (g_str_has_prefix (err, "heapscope: "));
          g_assert_nonnull (strchr (err, '\n'));
          g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
        }
    }

  g_unlink (out);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/axis/bytes", test_axis_bytes);
  g_test_add_func ("/chart/axis/ms", test_axis_ms);
  g_test_add_func ("/chart/axis/time", test_axis_time);
  g_test_add_func ("/chart/pyramid/query", test_pyramid_query);
  g_test_add_func ("/chart/render/series-rows", test_render_series_rows);
  g_test_add_func ("/chart/render/spike", test_render_spike);
  g_test_add_func ("/chart/render/live-append", test_render_live_append);
  g_test_add_func ("/chart/series/scavenger-story", test_series_scavenger_story);
  g_test_add_func ("/chart/series/memory-limit", test_series_memory_limit);
  g_test_add_func ("/chart/series/process-memory", test_series_process_memory);
  g_test_add_func ("/chart/series/polled-cycles", test_series_polled_cycles);
  g_test_add_func ("/chart/series/memstats", test_series_memstats);
  g_test_add_func ("/chart/render/samples-only", test_render_samples_only);
  g_test_add_func ("/chart/render/memstats-story", test_render_memstats_story);
  g_test_add_func ("/chart/viewport/gestures", test_viewport);
  g_test_add_func ("/chart/export/formats", test_export_formats);
  g_test_add_func ("/chart/export/arguments", test_parse_arguments);
  g_test_add_func ("/chart/export/cli", test_cli_export);

  return g_test_run ();
}
