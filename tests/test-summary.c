/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-summary.c: nearest-rank percentiles and the summary of a real trace, checked with awk. */

#include "config.h"

#include <string.h>

#include "hs-test-utils.h"
#include "trace/hs-summary.h"

static void
test_percentile_hand (void)
{
  guint64 one[] = { 7 };
  guint64 ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  guint64 four[] = { 10, 20, 30, 40 };

  g_assert_cmpuint (hs_percentile_nearest_rank (one, 0, 50), ==, 0);
  g_assert_cmpuint (hs_percentile_nearest_rank (one, 1, 0), ==, 7);
  g_assert_cmpuint (hs_percentile_nearest_rank (one, 1, 99.9), ==, 7);
  /* rank ⌈p/100 · n⌉: p50 of 10 → 5th; p95 → ⌈9.5⌉ = 10th; p90 → 9th exactly; p10 → 1st */
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 50), ==, 5);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 95), ==, 10);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 90), ==, 9);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 10), ==, 1);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 11), ==, 2);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 100), ==, 10);
  g_assert_cmpuint (hs_percentile_nearest_rank (ten, 10, 0), ==, 1);
  /* p25 of 4 → 1st, p50 → 2nd, p75 → 3rd, p76 → 4th */
  g_assert_cmpuint (hs_percentile_nearest_rank (four, 4, 25), ==, 10);
  g_assert_cmpuint (hs_percentile_nearest_rank (four, 4, 50), ==, 20);
  g_assert_cmpuint (hs_percentile_nearest_rank (four, 4, 75), ==, 30);
  g_assert_cmpuint (hs_percentile_nearest_rank (four, 4, 76), ==, 40);
}

/*
 * go1.9-scavenger-release.log, computed with awk on the file:
 *   grep -c '^gc [0-9]'                                   → 114 cycles
 *   grep -c '^GC forced'                                  → 2 periodic cycles; no "(forced)"
 *   scvg0..scvg3 inuse lines                              → 4 events; "scvg3: 1767 MB released"
 *   pauses = clock phases 1 + 3 ($5 split on "+"), sorted:
 *     awk '/^gc [0-9]+ @/ {split($5,c,"+"); print c[1]+c[3]}' | sort -g
 *     total 14.891 ms, max 1.945 ms, ranks ⌈0.5·114⌉ = 57 → 0.097 ms,
 *     ⌈0.95·114⌉ = 109 → 0.199 ms, ⌈0.99·114⌉ = 113 → 1.047 ms
 *   heap peak max(H0, H1) = 1783 MB, live peak 1536 MB, goal peak 3072 MB
 *   last cycle "gc 114 @700.043s 0%:" → 700.043 s, 0 %
 */
static void
test_sample (void)
{
  g_autofree char *path = hs_test_sample_path ("go1.9-scavenger-release.log");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = hs_test_load_file (path, &error);
  HsSummary s;

  g_assert_no_error (error);
  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &s);

  g_assert_cmpuint (s.n_cycles, ==, 114);
  g_assert_cmpuint (s.n_events, ==, 4);
  g_assert_cmpuint (s.released_kib, ==, 1767 * 1024);
  g_assert_cmpuint (s.forced_cycles, ==, 0);
  g_assert_cmpuint (s.periodic_cycles, ==, 2);
  g_assert_cmpuint (s.joined_cycles, ==, 0);
  g_assert_cmpuint (s.n_runs, ==, 1);
  g_assert_cmpuint (s.pause_total_us, ==, 14891);
  g_assert_cmpuint (s.pause_max_us, ==, 1945);
  g_assert_cmpuint (s.pause_p50_us, ==, 97);
  g_assert_cmpuint (s.pause_p95_us, ==, 199);
  g_assert_cmpuint (s.pause_p99_us, ==, 1047);
  g_assert_cmpuint (s.heap_peak_mb, ==, 1783);
  g_assert_cmpuint (s.live_peak_mb, ==, 1536);
  g_assert_cmpuint (s.goal_peak_mb, ==, 3072);
  g_assert_cmpuint (s.procs_min, ==, 2);
  g_assert_cmpuint (s.procs_max, ==, 2);
  g_assert_true (s.has_cpu_percent);
  g_assert_cmpuint (s.cpu_percent_last, ==, 0);
  g_assert_cmpfloat_with_epsilon (s.start_s, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.duration_s, 700.043, 1e-9);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, s.pause_max_cycle), ==,
                     s.pause_max_cycle + 1.0);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, s.pause_max_cycle),
                                  1.945, 1e-9);
}

/* A range: cycles 13–15 (gc 14–16) hold one scavenger event, scvg1 after gc 16. */
static void
test_range (void)
{
  g_autofree char *path = hs_test_sample_path ("go1.9-scavenger-release.log");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = hs_test_load_file (path, &error);
  HsSummary s;

  g_assert_no_error (error);
  hs_summary_compute (trace, 13, 3, &s);
  g_assert_cmpuint (s.n_cycles, ==, 3);
  g_assert_cmpuint (s.n_events, ==, 1);
  g_assert_cmpuint (s.released_kib, ==, 0);
  /* gc 14 follows the second "GC forced" */
  g_assert_cmpuint (s.periodic_cycles, ==, 1);
  /* gc 14 @290.810s to gc 16 @297.784s */
  g_assert_cmpfloat_with_epsilon (s.start_s, 290.810, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.duration_s, 297.784 - 290.810, 1e-9);

  hs_summary_compute (trace, 0, 0, &s);
  g_assert_cmpuint (s.n_cycles, ==, 0);
  g_assert_cmpuint (s.pause_total_us, ==, 0);
}

/* The GC CPU share the last cycle printed, exact even where a double is not (2^53 + 1). */
static void
test_cpu_percent_exact (void)
{
  const char *text = "gc 1 @0.100s 9007199254740993%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";
  g_autoptr(HsTrace) trace = hs_test_parse_sequential (text, strlen (text));
  HsSummary s;

  hs_summary_compute (trace, 0, 1, &s);
  g_assert_cmpuint (s.cpu_percent_last, ==, G_GUINT64_CONSTANT (9007199254740993));
}

/* Pauses as every view prints them, at the edges of each unit. */
static void
test_format_pause (void)
{
  const struct {
    guint64     us;
    const char *text;
  } cases[] = {
    { 0, "0 µs" },
    { 52, "52 µs" },
    { 999, "999 µs" },
    { 1000, "1 ms" },
    { 1234, "1.23 ms" },
    { 2500, "2.5 ms" },
    { 14900, "14.9 ms" },
    { 312000, "312 ms" },
    { 999499, "999 ms" },
    { 999500, "1.00 s" },   /* not "1e+03 ms" */
    { 1200000, "1.20 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = hs_format_pause (cases[i].us);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary/percentile/hand", test_percentile_hand);
  g_test_add_func ("/summary/format-pause", test_format_pause);
  g_test_add_func ("/summary/HsSummary/sample", test_sample);
  g_test_add_func ("/summary/HsSummary/range", test_range);
  g_test_add_func ("/summary/HsSummary/cpu-percent-exact", test_cpu_percent_exact);

  return g_test_run ();
}
