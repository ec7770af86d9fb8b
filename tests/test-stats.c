/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-stats.c: the statistics panel's numbers against values computed from the sample by Python. */

#include "config.h"

#include <gio/gio.h>

#include "trace/hs-summary.h"
#include "trace/hs-trace-loader.h"
#include "hs-test-utils.h"

/*
 * From go1.9-scavenger-release.log with Python's Decimal: 113 intervals over 700.035 s
 * (gc 1 @0.008 s to gc 114 @700.043 s); Σ max(0, before[i] − live[i−1]) = 2438 MB;
 * GC CPU without idle marking / (interval × P) = 0.0078114665695 %; pauses by bucket
 * (< 0.1, < 0.3, < 1, < 3, … ms) = 60, 52, 0, 2, 0, 0, 0, 0; scvg sys − released peaks at 1784 MB.
 */
static void
test_whole_trace (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  const guint histogram[HS_PAUSE_BUCKETS] = { 60, 52, 0, 2, 0, 0, 0, 0 };
  HsSummary s;

  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &s);
  g_assert_cmpfloat_with_epsilon (s.cycles_per_minute, 113 / 700.035 * 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.alloc_rate, 2438 * 1048576.0 / 700.035, 1e-3);
  g_assert_cmpfloat_with_epsilon (s.gc_cpu_computed, 0.0078114665695, 1e-9);
  g_assert_cmpuint (s.os_held_peak_kib, ==, 1784 * 1024);
  g_assert_cmpuint (s.procs_changes, ==, 0);
  for (guint b = 0; b < HS_PAUSE_BUCKETS; b++)
    g_assert_cmpuint (s.pause_histogram[b], ==, histogram[b]);
}

/* The visible range: cycles 13 to 22 (index 12 … 21), typed from the file. */
static void
test_range (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  HsSummary s;

  hs_summary_compute (trace, 12, 10, &s);
  g_assert_cmpuint (s.n_cycles, ==, 10);
  /* gc 13 @170.610 … gc 22 @330.808 */
  g_assert_cmpfloat_with_epsilon (s.start_s, 170.610, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.duration_s, 330.808 - 170.610, 1e-9);
  /* gc 13 and gc 14 came after "GC forced" */
  g_assert_cmpuint (s.periodic_cycles, ==, 2);
  /* heap before: 1650 (gc 13) is the largest in range; live 381 (gc 13) */
  g_assert_cmpuint (s.heap_peak_mb, ==, 1650);
  g_assert_cmpuint (s.live_peak_mb, ==, 381);
  /* scvg1 (after gc 16) is the only scavenger event in range */
  g_assert_cmpuint (s.n_events, ==, 1);
  /* 9 intervals in range */
  g_assert_cmpfloat_with_epsilon (s.cycles_per_minute, 9 / (330.808 - 170.610) * 60, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/HsSummary/whole-trace", test_whole_trace);
  g_test_add_func ("/stats/HsSummary/range", test_range);

  return g_test_run ();
}
