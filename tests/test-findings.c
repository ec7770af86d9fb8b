/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-findings.c: each detector fires on a trace with its problem and stays quiet on healthy ones. */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "trace/hs-findings.h"
#include "trace/hs-trace-loader.h"
#include "trace/hs-trace-reader.h"
#include "trace/hs-trace-store.h"
#include "hs-test-utils.h"

static const HsFinding *
find (GPtrArray  *findings,
      const char *id)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (findings, i);

      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static void
assert_quiet (GPtrArray *findings)
{
  for (guint i = 0; i < findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (findings, i);

      g_test_message ("unexpected finding %s: %s", f->id, f->title);
    }
  g_assert_cmpuint (findings->len, ==, 0);
}

/* A synthetic Go 1.19 trace: one cycle every @interval s with the given sizes (MB) and times (ms). */
typedef struct
{
  guint   n;
  double  interval;
  guint   live_start;
  double  live_growth;    /* MB per cycle */
  guint   goal_factor100; /* goal = live × factor / 100 */
  double  pause_ms;       /* split over the two STW phases */
  double  assist_ms;
  double  background_ms;
  guint   cpu_percent;
  guint   stacks;
  guint   globals;
  guint   procs;
  guint   returned_kib;   /* scav "KiB total"; 1024 when 0 */
} Shape;

static HsTrace *
synthesize (const Shape *s)
{
  HsTrace *trace = hs_trace_new ("synthetic");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < s->n; i++)
    {
      guint live = s->live_start + (guint) (s->live_growth * i);
      guint goal = live * s->goal_factor100 / 100;
      guint64 t_ms = (guint64) llround ((i + 1) * s->interval * 1000);
      char t[32], p1[16], p2[16], a[16], b[16];

      g_snprintf (t, sizeof t, "%" G_GUINT64_FORMAT ".%03u", t_ms / 1000, (guint) (t_ms % 1000));
      g_ascii_formatd (p1, sizeof p1, "%.3f", s->pause_ms / 2);
      g_ascii_formatd (p2, sizeof p2, "%.3f", s->pause_ms / 2);
      g_ascii_formatd (a, sizeof a, "%.3f", s->assist_ms);
      g_ascii_formatd (b, sizeof b, "%.3f", s->background_ms);
      g_string_append_printf (text, "gc %u @%ss %u%%: %s+1.0+%s ms clock, %s+%s/%s/0+%s ms cpu, "
                              "%u->%u->%u MB, %u MB goal, %u MB stacks, %u MB globals, %u P\n",
                              i + 1, t, s->cpu_percent, p1, p2, p1, a, b, p2,
                              goal, goal + 1, live, goal, s->stacks, s->globals, s->procs);
      g_string_append_printf (text, "scav 64 KiB work, %u KiB total, 90%% util\n",
                              s->returned_kib > 0 ? s->returned_kib : 1024);
    }

  hs_trace_reader_feed (reader, text->str, text->len);
  hs_trace_reader_finish (reader);
  return trace;
}

static const Shape healthy = {
  .n = 600, .interval = 1.0, .live_start = 50, .live_growth = 0, .goal_factor100 = 200,
  .pause_ms = 0.2, .assist_ms = 0.1, .background_ms = 3.0, .cpu_percent = 1,
  .stacks = 1, .globals = 1, .procs = 4,
};

static void
test_healthy_samples (void)
{
  const char *names[] = { "go1.19/steady.log", "go1.19/cacheexpire.log" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HsTrace) trace = hs_test_load_sample (names[i]);
      g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);

      assert_quiet (findings);
    }
}

static void
test_healthy_synthetic (void)
{
  g_autoptr(HsTrace) trace = synthesize (&healthy);
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);

  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 600);
  assert_quiet (findings);
}

static void
test_held_memory (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  const HsFinding *f = find (findings, "os-memory-held");

  g_assert_nonnull (f);
  /* gc 12 had 1536 MB live; from gc 13 (170.610 s) live ≤ 381 MB while 1784 MB were held,
   * until scvg3 released 1767 MB, placed at 600 s */
  g_assert_cmpfloat_with_epsilon (f->t_start, 170.610, 1e-6);
  g_assert_cmpfloat_with_epsilon (f->t_end, 600.0, 1e-6);
  g_assert_nonnull (strstr (f->title, "1784 MB"));
  g_assert_nonnull (strstr (f->detail, "1767 MB"));
  g_assert_nonnull (strstr (f->advice, "FreeOSMemory"));
  g_assert_nonnull (find (findings, "periodic-gc"));
  g_assert_null (find (findings, "long-pauses"));
}

/* RES sampled each second of the healthy shape (50 MB live): @rss_mb from 100 s to 300 s, 120 MB otherwise. */
static void
add_rss_samples (HsTrace *trace,
                 double   rss_mb)
{
  HsSampleTable *samples = hs_sample_table_new ();

  for (guint t = 0; t <= 600; t++)
    {
      guint row = hs_sample_table_append_row (samples, t, 0, HS_SAMPLE_SOURCE_PROC);
      double mb = t >= 100 && t <= 300 ? rss_mb : 120.0;

      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, mb * 1048576.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 4 * mb * 1048576.0);
    }
  hs_trace_append_samples (trace, samples);
  hs_sample_table_free (samples);
}

/*
 * 900 MB resident against 50 MB live for 201 s (100 s to the first sample below, 301 s):
 * 18× for over 2 minutes, a problem. 120 MB (2.4×) is what a healthy process shows, and
 * 190 MB (3.8×) stays under the 4× threshold.
 */
static void
test_resident_above_live (void)
{
  g_autoptr(HsTrace) trace = synthesize (&healthy);
  g_autoptr(HsTrace) quiet = synthesize (&healthy);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const HsFinding *f;

  add_rss_samples (trace, 900.0);
  findings = hs_findings_analyze (trace);
  f = find (findings, "resident-above-live");
  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, HS_SEVERITY_PROBLEM);
  g_assert_cmpfloat (f->t_start, ==, 100.0);
  g_assert_cmpfloat (f->t_end, ==, 301.0);
  g_assert_nonnull (strstr (f->title, "900 MB resident"));
  g_assert_nonnull (strstr (f->title, "at most 50 MB"));
  g_assert_nonnull (strstr (f->detail, "RES fell to 120 MB"));
  g_assert_cmpuint (findings->len, ==, 1);

  g_assert_null (strstr (f->detail, "MADV_FREE"));

  add_rss_samples (quiet, 190.0);
  none = hs_findings_analyze (quiet);
  assert_quiet (none);
}

/* The scavenger says 800 MB went back to the OS while RES stayed at 900 MB: MADV_FREE. */
static void
test_resident_after_release (void)
{
  Shape shape = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const HsFinding *f;

  shape.returned_kib = 800 * 1024;
  trace = synthesize (&shape);
  add_rss_samples (trace, 900.0);
  findings = hs_findings_analyze (trace);
  f = find (findings, "resident-above-live");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->detail, "reported 800 MB returned to the OS"));
  g_assert_nonnull (strstr (f->advice, "madvdontneed=1"));
}

static void
test_pinned_goal (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.19/memlimit.log");
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  const HsFinding *f = find (findings, "goal-pinned");

  g_assert_nonnull (f);
  /* 22 GCs a second against the limit: a problem */
  g_assert_cmpint (f->severity, ==, HS_SEVERITY_PROBLEM);
  g_assert_nonnull (strstr (f->advice, "GOMEMLIMIT"));
}

static void
test_large_stacks (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.19/bigstacks.log");
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  const HsFinding *f = find (findings, "large-stacks");

  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->title, "500 MB"));
}

static void
test_forced_and_runs (void)
{
  g_autoptr(HsTrace) freeosmem = hs_test_load_sample ("go1.19/freeosmem.log");
  g_autoptr(GPtrArray) few = hs_findings_analyze (freeosmem);
  g_autoptr(HsTrace) bench = hs_test_load_sample ("go1.7-benchmark-long.log");
  g_autoptr(GPtrArray) many = hs_findings_analyze (bench);

  /* grep -c '(forced)$': 6 of 32 cycles; 985 of 1462 in the benchmark log */
  g_assert_nonnull (find (few, "forced-gc"));
  /* six are fewer than the ten that make a habit */
  g_assert_cmpint (find (few, "forced-gc")->severity, ==, HS_SEVERITY_INFO);
  g_assert_nonnull (strstr (find (few, "forced-gc")->title, "6 forced"));
  g_assert_cmpint (find (many, "forced-gc")->severity, ==, HS_SEVERITY_WARNING);
  g_assert_nonnull (find (many, "process-restarts"));
  /* its longest pause: gc 1383, 0.14 + 38 ms */
  g_assert_nonnull (find (many, "long-pauses"));
  g_assert_nonnull (strstr (find (many, "long-pauses")->detail, "gc 1383"));
}

static void
test_gc_cpu (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  s.cpu_percent = 30;
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "gc-cpu-high"));
  g_assert_cmpint (find (findings, "gc-cpu-high")->severity, ==, HS_SEVERITY_PROBLEM);
}

static void
test_gc_cpu_window (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  /* 4 P for 1 s per cycle: 1200 ms of background marking is 30 % of the processors */
  s.background_ms = 1200;
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "gc-cpu-high"));
  g_assert_cmpint (find (findings, "gc-cpu-high")->severity, ==, HS_SEVERITY_WARNING);
}

static void
test_assists (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  s.assist_ms = 2.0;   /* 2 of 5 ms of marking: 40 % */
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "gc-assist-heavy"));
  g_assert_null (find (findings, "gc-cpu-high"));
}

static void
test_frequent (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  s.interval = 0.02;
  s.live_start = 4;
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "gc-too-frequent"));
  g_assert_nonnull (strstr (find (findings, "gc-too-frequent")->title, "50 times a second"));
}

static void
test_pauses (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  s.pause_ms = 150;
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "long-pauses"));
  g_assert_cmpint (find (findings, "long-pauses")->severity, ==, HS_SEVERITY_PROBLEM);
}

static void
test_growth (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  const HsFinding *f;

  s.live_growth = 0.5;   /* 0.5 MB a cycle, one cycle a second: 30 MB a minute */
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  f = find (findings, "live-heap-growth");
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (f->title, "30.0 MB a minute"));
}

static void
test_globals (void)
{
  Shape s = healthy;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;

  s.globals = 200;
  trace = synthesize (&s);
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "large-globals"));
  g_assert_null (find (findings, "large-stacks"));
}

static void
test_gogc_off (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("off");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(GPtrArray) findings = NULL;
  const char *line = "gc 1 @1.000s 0%: 0.1+1+0.1 ms clock, 0.2+0/1/0+0.2 ms cpu, "
                     "400->400->100 MB, 8796093022191 MB goal, 0 MB stacks, 0 MB globals, 2 P\n";

  hs_trace_reader_feed (reader, line, strlen (line));
  findings = hs_findings_analyze (trace);
  g_assert_nonnull (find (findings, "gogc-off"));
}

/*
 * A server polled over expvar: GC cycles with only their pauses (every 10 s), and memstats
 * every second. From 100 s to 300 s HeapSys − HeapReleased is @held_mb against 20 MB
 * allocated; before and after, 100 MB held against 40 MB (2.5×).
 */
static HsTrace *
polled_server (double held_mb)
{
  HsTrace *trace = hs_trace_new ("expvar");
  g_autoptr(HsTraceStore) store = hs_trace_store_new ();
  HsSampleTable *samples = hs_sample_table_new ();

  for (guint i = 0; i <= 60; i++)
    {
      HsGcRecord r = { 0 };

      r.number = i + 1;
      r.time_ms = i * 10000;
      r.clock_us[HS_CLOCK_SWEEP_TERM] = 100;
      r.flags = HS_GC_FLAG_SAMPLED;
      hs_trace_store_append_gc (store, &r, 0, 1700000000000000 + (gint64) r.time_ms * 1000, 0);
    }
  hs_trace_append_store (trace, store, 0);

  for (guint t = 0; t <= 600; t++)
    {
      guint row = hs_sample_table_append_row (samples, t, 0, HS_SAMPLE_SOURCE_EXPVAR);
      gboolean window = t >= 100 && t <= 300;

      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_SYS, 1000 * 1048576.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_RELEASED,
                                 (1000 - (window ? held_mb : 100)) * 1048576.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, (window ? 20 : 40) * 1048576.0);
    }
  hs_trace_append_samples (trace, samples);
  hs_sample_table_free (samples);

  return trace;
}

/* 1000 MB held against 20 MB for 201 s: 50×, a problem; 75 MB against 20 MB (3.75×): nothing. */
static void
test_held_memory_memstats (void)
{
  g_autoptr(HsTrace) trace = polled_server (1000.0);
  g_autoptr(HsTrace) quiet = polled_server (75.0);
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  g_autoptr(GPtrArray) none = hs_findings_analyze (quiet);
  const HsFinding *f = find (findings, "os-memory-held");

  g_assert_nonnull (f);
  g_assert_cmpint (f->severity, ==, HS_SEVERITY_PROBLEM);
  g_assert_cmpfloat (f->t_start, ==, 100.0);
  g_assert_cmpfloat (f->t_end, ==, 301.0);
  /* the cycles of the range: gc 11 at 100 s to gc 31 at 300 s */
  g_assert_cmpuint (f->first_cycle, ==, 10);
  g_assert_cmpuint (f->last_cycle, ==, 30);
  g_assert_nonnull (strstr (f->title, "1000 MB of heap memory"));
  g_assert_nonnull (strstr (f->title, "at most 20 MB"));
  g_assert_nonnull (strstr (f->detail, "At 301.0 s it held 100 MB."));
  /* polled cycles carry no heap: no other heap finding reads their zeros */
  g_assert_cmpuint (findings->len, ==, 1);

  assert_quiet (none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/findings/healthy/samples", test_healthy_samples);
  g_test_add_func ("/findings/healthy/synthetic", test_healthy_synthetic);
  g_test_add_func ("/findings/os-memory-held", test_held_memory);
  g_test_add_func ("/findings/os-memory-held/memstats", test_held_memory_memstats);
  g_test_add_func ("/findings/resident-above-live", test_resident_above_live);
  g_test_add_func ("/findings/resident-after-release", test_resident_after_release);
  g_test_add_func ("/findings/goal-pinned", test_pinned_goal);
  g_test_add_func ("/findings/large-stacks", test_large_stacks);
  g_test_add_func ("/findings/forced-and-runs", test_forced_and_runs);
  g_test_add_func ("/findings/gc-cpu/reported", test_gc_cpu);
  g_test_add_func ("/findings/gc-cpu/window", test_gc_cpu_window);
  g_test_add_func ("/findings/gc-assist-heavy", test_assists);
  g_test_add_func ("/findings/gc-too-frequent", test_frequent);
  g_test_add_func ("/findings/long-pauses", test_pauses);
  g_test_add_func ("/findings/live-heap-growth", test_growth);
  g_test_add_func ("/findings/large-globals", test_globals);
  g_test_add_func ("/findings/gogc-off", test_gogc_off);

  return g_test_run ();
}
