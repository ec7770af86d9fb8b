/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-trace.c: HsTrace accessors, units, runs on one time axis, scavenger times, signals. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-test-utils.h"
#include "trace/hs-parser.h"

#define MIB 1048576.0

static HsTrace *
trace_from_text (const char *text)
{
  HsTrace *trace = hs_test_parse_sequential (text, strlen (text));

  hs_test_assert_accounted (trace);
  return trace;
}

/* Values and units, read off the go1.19.8 runtime.GC() line of gctrace-formats.md 2.8. */
static void
test_units (void)
{
  g_autoptr(HsTrace) trace =
    trace_from_text ("gc 15 @0.518s 7%: 0.088+0.50+0.093 ms clock, 0.17+0.01/0.28/0.022+0.18 ms cpu, 5->6->4 MB, 10 MB goal, 66 MB stacks, 3 MB globals, 2 P (forced)\n"
                     "gc 3 @0.966s 0%: 0+1.0+2.0+0.5+1.0 ms clock, 0+1.0+0.5+1.0/2.0/0.25+3.0 ms cpu, 6->7->5 MB, 7 MB goal, 8 P\n");
  HsGcRecord record;
  double values[2];

  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 2);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, 0), ==, 15);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, 0), 0.518, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_RUN_TIME, 0), 0.518, 1e-12);
  g_assert_true (isnan (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, 0)));
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_PERCENT, 0), ==, 7);
  /* ms */
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CLOCK_SWEEP_TERM, 0), 0.088, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CLOCK_MARK, 0), 0.50, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CLOCK_MARK_TERM, 0), 0.093, 1e-12);
  /* pause = sweep termination + mark termination = 0.088 + 0.093 */
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, 0), 0.181, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_SWEEP_TERM, 0), 0.17, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_ASSIST, 0), 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_BACKGROUND, 0), 0.28, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_IDLE, 0), 0.022, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_MARK_TERM, 0), 0.18, 1e-12);
  /* bytes */
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_BEFORE, 0), ==, 5 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_AFTER, 0), ==, 6 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_LIVE, 0), ==, 4 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_GOAL, 0), ==, 10 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_STACKS, 0), ==, 66 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_GLOBALS, 0), ==, 3 * MIB);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_PROCS, 0), ==, 2);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_LINE, 0), ==, 1);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_RUN, 0), ==, 0);

  /* Go 1.5: the mark is scan + install WB + mark (1.0 + 2.0 + 0.5), the background CPU
   * scan + install WB + background (1.0 + 0.5 + 2.0) */
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CLOCK_MARK, 1), 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_BACKGROUND, 1), 3.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_CPU_IDLE, 1), 0.25, 1e-12);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, 1), 1.0, 1e-12);
  /* number 3 after 15: a new run */
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_RUN, 1), ==, 1);

  hs_trace_get_gc_record (trace, 0, &record);
  g_assert_cmpuint (record.number, ==, 15);
  g_assert_cmpuint (record.time_ms, ==, 518);
  g_assert_cmpuint (record.clock_us[HS_CLOCK_SWEEP_TERM], ==, 88);
  g_assert_cmpuint (record.clock_us[HS_CLOCK_MARK], ==, 500);
  g_assert_cmpuint (record.stacks_mb, ==, 66);
  g_assert_cmpuint (record.globals_mb, ==, 3);
  g_assert_cmpuint (record.flags, ==, HS_GC_FLAG_FORCED | HS_GC_FLAG_NEW_RUN);

  hs_trace_get_gc_values (trace, HS_GC_FIELD_HEAP_GOAL, 0, 2, values);
  g_assert_cmpfloat (values[0], ==, 10 * MIB);
  g_assert_cmpfloat (values[1], ==, 7 * MIB);

  g_assert_cmpuint (hs_trace_get_gc_formats (trace), ==, HS_GC_FORMAT_GO15 | HS_GC_FORMAT_GO118);
  {
    g_autofree char *version = hs_trace_describe_format (trace);

    g_assert_cmpstr (version, ==, "several Go versions");
  }
}

/* A goal printed beyond 32 bits comes back exact, in bytes as a double (2^43 - 17 MiB). */
static void
test_huge_goal (void)
{
  g_autoptr(HsTrace) trace =
    trace_from_text ("gc 7 @1.000s 0%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 400->400->10 MB, 8796093022191 MB goal, 0 MB stacks, 0 MB globals, 2 P\n");
  HsGcRecord record;

  hs_trace_get_gc_record (trace, 0, &record);
  g_assert_cmpuint (record.heap_goal_mb, ==, G_GUINT64_CONSTANT (8796093022191));
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_GOAL, 0), ==, 8796093022191.0 * MIB);
}

#define RUN_LINE(n, t) "gc " #n " @" t "s 0%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"

/* Later runs follow earlier ones on the time axis: run k starts where run k−1's last cycle was. */
static void
test_runs (void)
{
  g_autoptr(HsTrace) trace =
    trace_from_text ("# go test ./a\n"
                     RUN_LINE (1, "1.000") RUN_LINE (2, "2.500")
                     "# go test ./b\n"
                     RUN_LINE (1, "0.100") RUN_LINE (2, "0.300")
                     /* the number grows, the clock goes back */
                     RUN_LINE (3, "0.050"));
  const HsRun *run;
  double times[5];
  /* by hand: run 0 offset 0; run 1 offset 2.5; run 2 offset 2.5 + 0.3 = 2.8 */
  const double expected[5] = { 1.0, 2.5, 2.6, 2.8, 2.85 };

  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 3);
  run = hs_trace_get_run (trace, 0);
  g_assert_cmpuint (run->first_cycle, ==, 0);
  g_assert_cmpuint (run->n_cycles, ==, 2);
  g_assert_cmpuint (run->first_line, ==, 2);
  g_assert_cmpfloat (run->time_offset, ==, 0.0);
  run = hs_trace_get_run (trace, 1);
  g_assert_cmpuint (run->first_cycle, ==, 2);
  g_assert_cmpuint (run->n_cycles, ==, 2);
  g_assert_cmpuint (run->first_line, ==, 5);
  g_assert_cmpfloat_with_epsilon (run->time_offset, 2.5, 1e-12);
  run = hs_trace_get_run (trace, 2);
  g_assert_cmpuint (run->first_cycle, ==, 4);
  g_assert_cmpuint (run->n_cycles, ==, 1);
  g_assert_cmpfloat_with_epsilon (run->time_offset, 2.8, 1e-12);

  hs_trace_get_gc_values (trace, HS_GC_FIELD_TIME, 0, 5, times);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpfloat_with_epsilon (times[i], expected[i], 1e-12);
      g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i), ==, times[i]);
    }
  /* a range that starts inside a run */
  hs_trace_get_gc_values (trace, HS_GC_FIELD_TIME, 3, 2, times);
  g_assert_cmpfloat_with_epsilon (times[0], 2.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (times[1], 2.85, 1e-12);

  g_assert_cmpuint (hs_trace_get_run_of_cycle (trace, 0), ==, 0);
  g_assert_cmpuint (hs_trace_get_run_of_cycle (trace, 1), ==, 0);
  g_assert_cmpuint (hs_trace_get_run_of_cycle (trace, 2), ==, 1);
  g_assert_cmpuint (hs_trace_get_run_of_cycle (trace, 3), ==, 1);
  g_assert_cmpuint (hs_trace_get_run_of_cycle (trace, 4), ==, 2);

  /* NEW_RUN on the first cycle of each run, and only there */
  for (guint i = 0; i < 5; i++)
    {
      gboolean first = i == 0 || i == 2 || i == 4;
      HsGcRecord record;

      g_assert_cmpuint (hs_trace_get_gc_flags (trace, i) & HS_GC_FLAG_NEW_RUN, ==, first ? HS_GC_FLAG_NEW_RUN : 0);
      hs_trace_get_gc_record (trace, i, &record);
      g_assert_cmpuint (record.flags & HS_GC_FLAG_NEW_RUN, ==, first ? HS_GC_FLAG_NEW_RUN : 0);
    }
}

/* Runs found at the seams between appended batches, as the loader appends them. */
static void
test_runs_across_batches (void)
{
  const char *batches[] = {
    RUN_LINE (1, "1.000") RUN_LINE (2, "2.500"),
    RUN_LINE (1, "0.100"),
    "GC forced\n",
    RUN_LINE (2, "0.300"),
  };
  g_autoptr(HsTrace) trace = hs_trace_new ("batches");
  guint64 line_offset = 0;

  for (guint i = 0; i < G_N_ELEMENTS (batches); i++)
    {
      g_autoptr(HsParser) parser = hs_parser_new ();

      hs_parser_feed_lines (parser, batches[i], strlen (batches[i]));
      hs_parser_finish (parser);
      hs_trace_append_store (trace, hs_parser_get_store (parser), line_offset);
      line_offset += hs_parser_get_lines (parser);
    }

  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 2);
  g_assert_cmpuint (hs_trace_get_run (trace, 1)->first_cycle, ==, 2);
  g_assert_cmpuint (hs_trace_get_run (trace, 1)->n_cycles, ==, 2);
  g_assert_cmpfloat_with_epsilon (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, 3), 2.8, 1e-12);
  /* "GC forced" alone in a batch still marks the next batch's first cycle */
  g_assert_cmpuint (hs_trace_get_gc_flags (trace, 3), ==, HS_GC_FLAG_PERIODIC);
  g_assert_cmpuint (hs_trace_get_gc_flags (trace, 2), ==, HS_GC_FLAG_NEW_RUN);
  g_assert_cmpuint (hs_trace_get_gc_line (trace, 3), ==, 5);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->lines, ==, 5);
}

/*
 * go1.9-scavenger-release.log: scvgN of Go 1.4–1.12 runs near (N + 1) × 150 s. With awk:
 * scvg0 follows cycle 12 (@50.471s, next @170.610s) → 150 s; scvg1 follows cycle 16
 * (@297.784s, next @309.790s) → 300 s; scvg2 cycle 51 (@447.882s, next @450.884s) → 450 s;
 * scvg3 cycle 91 (@594.979s, next @603.984s) → 600 s.
 */
static void
test_scavenger_time (void)
{
  g_autofree char *path = hs_test_sample_path ("go1.9-scavenger-release.log");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = hs_test_load_file (path, &error);
  const double times[] = { 150, 300, 450, 600 };
  const guint cycles[] = { 12, 16, 51, 91 };
  const guint64 lines[] = { 14, 24, 61, 103 };

  g_assert_no_error (error);
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      HsScavRecord record;

      g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, i), ==, times[i]);
      g_assert_cmpuint (hs_trace_get_scav_cycle (trace, i), ==, cycles[i]);
      g_assert_cmpuint (hs_trace_get_scav_line (trace, i), ==, lines[i]);
      hs_trace_get_scav_record (trace, i, &record);
      g_assert_cmpint (record.sequence, ==, i);
    }

  /* scvg3: 1767 MB released, inuse 5, idle 1778, sys 1784, released 1767, consumed 17 */
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RELEASED_NOW, 3), ==, 1767 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_INUSE, 3), ==, 5 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_IDLE, 3), ==, 1778 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_SYS, 3), ==, 1784 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RELEASED, 3), ==, 1767 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_CONSUMED, 3), ==, 17 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_LINE, 3), ==, 103);
  /* scvg0: inuse 1642, released 0, nothing released this time */
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_INUSE, 0), ==, 1642 * MIB);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RELEASED_NOW, 0), ==, 0);

  {
    g_autofree char *version = hs_trace_describe_format (trace);

    g_assert_cmpstr (version, ==, "Go 1.6–1.12");
  }
}

/* Outside its window the guess is not used: the time of the cycle before is. */
static void
test_scavenger_time_fallback (void)
{
  g_autoptr(HsTrace) trace =
    trace_from_text ("scav 0 KiB work, 3736 KiB total, 92% util\n"
                     RUN_LINE (1, "10.000")
                     "scvg5: inuse: 1, idle: 0, sys: 3, released: 0, consumed: 3 (MB)\n"
                     RUN_LINE (2, "20.000")
                     "scav 64 KiB work, 3800 KiB total, 92% util\n");

  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, 3);
  /* before the first cycle: that cycle's time */
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, 0), ==, 10.0);
  /* scvg5 would be 900 s, not between 10 and 20 s */
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, 1), ==, 10.0);
  /* after the last cycle */
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, 2), ==, 20.0);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_WORK, 2), ==, 64 * 1024.0);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RETAINED, 2), ==, 3800 * 1024.0);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_UTIL, 2), ==, 92);
}

static void
test_wall_time_and_label (void)
{
  g_autoptr(HsTrace) trace =
    trace_from_text ("2024-01-02T15:04:05.5Z " RUN_LINE (1, "1.000")
                     "pod-a: " RUN_LINE (2, "2.000"));

  g_assert_true (hs_trace_has_wall_time (trace));
  /* date -u -d 2024-01-02T15:04:05Z +%s = 1704207845 */
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, 0), ==, 1704207845.5);
  g_assert_true (isnan (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, 1)));
  g_assert_null (hs_trace_get_gc_label (trace, 0));
  g_assert_cmpstr (hs_trace_get_gc_label (trace, 1), ==, "pod-a");
}

typedef struct
{
  guint n;
  guint args[8][4];
} Emissions;

static void
items_appended_cb (HsTrace   *trace,
                   guint      first_cycle,
                   guint      n_cycles,
                   guint      first_event,
                   guint      n_events,
                   Emissions *emissions)
{
  g_assert_cmpuint (emissions->n, <, G_N_ELEMENTS (emissions->args));
  /* the trace already holds what is announced */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, first_cycle + n_cycles);
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, first_event + n_events);
  emissions->args[emissions->n][0] = first_cycle;
  emissions->args[emissions->n][1] = n_cycles;
  emissions->args[emissions->n][2] = first_event;
  emissions->args[emissions->n][3] = n_events;
  emissions->n++;
}

static void
test_items_appended (void)
{
  const char *batches[] = {
    RUN_LINE (1, "1.000") "scav 0 KiB work, 3736 KiB total, 92% util\n" RUN_LINE (2, "2.000"),
    "hello\n",
    "scav 0 KiB work, 3736 KiB total, 92% util\nscav 0 KiB work, 3736 KiB total, 92% util\n" RUN_LINE (3, "3.000"),
  };
  const guint expected[3][4] = { { 0, 2, 0, 1 }, { 2, 0, 1, 0 }, { 2, 1, 1, 2 } };
  g_autoptr(HsTrace) trace = hs_trace_new ("signals");
  Emissions emissions = { 0 };
  guint64 line_offset = 0;

  g_signal_connect (trace, "items-appended", G_CALLBACK (items_appended_cb), &emissions);
  for (guint i = 0; i < G_N_ELEMENTS (batches); i++)
    {
      g_autoptr(HsParser) parser = hs_parser_new ();

      hs_parser_feed_lines (parser, batches[i], strlen (batches[i]));
      hs_parser_finish (parser);
      hs_trace_append_store (trace, hs_parser_get_store (parser), line_offset);
      line_offset += hs_parser_get_lines (parser);
      g_assert_cmpuint (emissions.n, ==, i + 1);
    }

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 4; j++)
      g_assert_cmpuint (emissions.args[i][j], ==, expected[i][j]);
  g_assert_cmpuint (hs_trace_get_scav_line (trace, 1), ==, 5);
  g_assert_cmpuint (hs_trace_get_scav_line (trace, 2), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trace/HsTrace/units", test_units);
  g_test_add_func ("/trace/HsTrace/huge-goal", test_huge_goal);
  g_test_add_func ("/trace/HsTrace/runs", test_runs);
  g_test_add_func ("/trace/HsTrace/runs-across-batches", test_runs_across_batches);
  g_test_add_func ("/trace/HsTrace/scavenger-time", test_scavenger_time);
  g_test_add_func ("/trace/HsTrace/scavenger-time-fallback", test_scavenger_time_fallback);
  g_test_add_func ("/trace/HsTrace/wall-time-and-label", test_wall_time_and_label);
  g_test_add_func ("/trace/HsTrace/items-appended", test_items_appended);

  return g_test_run ();
}
