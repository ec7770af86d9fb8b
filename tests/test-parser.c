/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-parser.c: HsParser's state between lines: torn records, scvg pairs, periodic GCs, runs. */

#include "config.h"

#include <string.h>

#include "trace/hs-parser.h"

#define GC23 "gc 23 @0.400s 0%: 0.011+1.2+0.003 ms clock, 0.022+0.5/1.0/0+0.006 ms cpu, 4->4->2 MB, 5 MB goal, 2 P"
#define GC24_HEAD "gc 24 @0.446s 0%: "
#define GC24_TAIL "0.015+1.3+0.004 ms clock, 0.030+0.6/1.1/0+0.008 ms cpu, 4->5->2 MB, 5 MB goal, 2 P"
#define GC25 "gc 25 @0.500s 0%: 0.010+1.0+0.002 ms clock, 0.020+0.4/0.9/0+0.004 ms cpu, 5->5->2 MB, 6 MB goal, 2 P"

/* Feeds @text (lines separated by \n), finishes, and checks that every line is accounted for. */
static HsTraceStore *
parse_text (const char *text)
{
  g_autoptr(HsParser) parser = hs_parser_new ();
  HsTraceStore *store;
  const HsLineCounts *c;

  hs_parser_feed_lines (parser, text, strlen (text));
  hs_parser_finish (parser);
  store = hs_parser_steal_store (parser);

  c = &store->counts;
  g_assert_cmpuint (c->lines, ==, hs_parser_get_lines (parser));
  g_assert_cmpuint (c->gc + c->scavenger + c->markers + c->other_runtime + c->legacy +
                    c->foreign + c->malformed, ==, c->lines);

  return store;
}

static guint64
cycle_flags (HsTraceStore *store,
             gsize         row)
{
  return hs_step_column_get (&store->flags, row);
}

static void
test_torn_joined (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC23 "\n" GC24_HEAD "my log line\n" GC24_TAIL "\n" GC25 "\n");

  /* lines 1, 2+3 joined, 4 */
  g_assert_cmpuint (store->counts.lines, ==, 4);
  g_assert_cmpuint (store->counts.gc, ==, 4);
  g_assert_cmpuint (store->counts.joined, ==, 1);
  g_assert_cmpuint (store->counts.malformed, ==, 0);
  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 3);

  g_assert_cmpuint (hs_trace_store_get_number (store, 1), ==, 24);
  g_assert_cmpint (hs_i64_column_get (&store->time_ms, 1), ==, 446);
  g_assert_cmpuint (hs_column_get (&store->clock_us[HS_CLOCK_SWEEP_TERM], 1), ==, 15);
  g_assert_cmpuint (hs_column_get (&store->clock_us[HS_CLOCK_MARK], 1), ==, 1300);
  g_assert_cmpuint (hs_column_get (&store->heap_after_mb, 1), ==, 5);
  g_assert_cmpuint (hs_column_get (&store->line, 1), ==, 2);
  g_assert_cmpuint (hs_column_get (&store->line, 2), ==, 4);
  g_assert_cmpuint (cycle_flags (store, 0), ==, 0);
  g_assert_cmpuint (cycle_flags (store, 1), ==, HS_GC_FLAG_JOINED);
  g_assert_cmpuint (cycle_flags (store, 2), ==, 0);
  g_assert_cmpuint (store->run_starts->len, ==, 0);
}

/* The torn record alone: two lines, both counted as GC lines, one record. */
static void
test_torn_only (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC24_HEAD "my log line\n" GC24_TAIL);

  g_assert_cmpuint (store->counts.lines, ==, 2);
  g_assert_cmpuint (store->counts.gc, ==, 2);
  g_assert_cmpuint (store->counts.joined, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 1);
  g_assert_cmpuint (cycle_flags (store, 0), ==, HS_GC_FLAG_JOINED);
}

/* A torn head the next line does not complete is malformed, with its own line number. */
static void
test_torn_no_continuation (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC23 "\n" GC24_HEAD "my log line\nsomething else\n" GC25 "\n");
  const HsMalformedLine *m;

  g_assert_cmpuint (store->counts.lines, ==, 4);
  g_assert_cmpuint (store->counts.gc, ==, 2);
  g_assert_cmpuint (store->counts.foreign, ==, 1);
  g_assert_cmpuint (store->counts.malformed, ==, 1);
  g_assert_cmpuint (store->counts.joined, ==, 0);
  g_assert_cmpuint (store->malformed->len, ==, 1);
  m = &g_array_index (store->malformed, HsMalformedLine, 0);
  g_assert_cmpuint (m->line, ==, 2);
  g_assert_cmpstr (m->reason, ==, "expected a clock phase time in ms");
  g_assert_cmpstr (m->text, ==, GC24_HEAD "my log line");
  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 2);
}

/* At the end of the input the head waits for nothing. */
static void
test_torn_at_end (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC23 "\n" GC24_HEAD "my log line\n");
  const HsMalformedLine *m;

  g_assert_cmpuint (store->counts.lines, ==, 2);
  g_assert_cmpuint (store->counts.malformed, ==, 1);
  m = &g_array_index (store->malformed, HsMalformedLine, 0);
  g_assert_cmpuint (m->line, ==, 2);
}

/* Two torn heads in a row: the second line does not complete the first, and waits itself. */
static void
test_torn_twice (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC24_HEAD "one\n" GC24_HEAD "two\n" GC24_TAIL "\n");

  g_assert_cmpuint (store->counts.lines, ==, 3);
  g_assert_cmpuint (store->counts.malformed, ==, 1);
  g_assert_cmpuint (store->counts.gc, ==, 2);
  g_assert_cmpuint (g_array_index (store->malformed, HsMalformedLine, 0).line, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 1);
  g_assert_cmpuint (hs_column_get (&store->line, 0), ==, 2);
}

static void
test_scvg_pair (void)
{
  /* lines 102–104 of the go1.9 sample */
  g_autoptr(HsTraceStore) store = parse_text ("# 释放了!!!!!!!!!!!!!!!!!!\n"
                                              "scvg3: 1767 MB released\n"
                                              "scvg3: inuse: 5, idle: 1778, sys: 1784, released: 1767, consumed: 17 (MB)\n");
  guint64 kind;

  g_assert_cmpuint (store->counts.scavenger, ==, 2);
  g_assert_cmpuint (store->counts.foreign, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_events (store), ==, 1);
  /* the event is placed at its first line */
  g_assert_cmpuint (hs_column_get (&store->scav_line, 0), ==, 2);
  /* MiB × 1024 */
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 0), ==, 1767 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_inuse_kib, 0), ==, 5 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_idle_kib, 0), ==, 1778 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_sys_kib, 0), ==, 1784 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_released_kib, 0), ==, 1767 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_consumed_kib, 0), ==, 17 * 1024);
  kind = hs_step_column_get (&store->scav_kind, 0);
  g_assert_cmpuint (kind & 0xff, ==, HS_SCAV_KIND_SCVG);
  g_assert_cmpuint ((kind >> 16) & HS_SCAV_FLAG_HAS_RELEASED_NOW, !=, 0);
  g_assert_cmpint ((gint64) hs_step_column_get (&store->scav_sequence, 0), ==, 3);
}

/* A released line whose inuse line never comes is an event of its own. */
static void
test_scvg_released_alone (void)
{
  g_autoptr(HsTraceStore) store = parse_text ("scvg5: 12 MB released\n" GC25 "\n");

  g_assert_cmpuint (store->counts.scavenger, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_events (store), ==, 1);
  g_assert_cmpuint (hs_step_column_get (&store->scav_kind, 0) & 0xff, ==, HS_SCAV_KIND_SCVG_RELEASED);
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 0), ==, 12 * 1024);
  /* it came before the first cycle */
  g_assert_cmpuint (hs_column_get (&store->scav_cycle, 0), ==, 0);

  {
    g_autoptr(HsTraceStore) at_end = parse_text (GC25 "\nscvg5: 12 MB released");

    g_assert_cmpuint (hs_trace_store_get_n_events (at_end), ==, 1);
    g_assert_cmpuint (hs_column_get (&at_end->scav_cycle, 0), ==, 1);
  }
}

/* Numbers that differ belong to two scavenger passes. */
static void
test_scvg_mismatched (void)
{
  g_autoptr(HsTraceStore) store = parse_text ("scvg3: 12 MB released\n"
                                              "scvg4: inuse: 5, idle: 1, sys: 20, released: 14, consumed: 6 (MB)\n"
                                              "scvg-1: 7 MB released\n"
                                              "scvg-1: inuse: 5, idle: 1, sys: 20, released: 21, consumed: 0 (MB)\n");

  g_assert_cmpuint (store->counts.scavenger, ==, 4);
  g_assert_cmpuint (hs_trace_store_get_n_events (store), ==, 3);
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 0), ==, 12 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_inuse_kib, 0), ==, 0);
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 1), ==, 0);
  g_assert_cmpuint (hs_column_get (&store->scav_inuse_kib, 1), ==, 5 * 1024);
  /* FreeOSMemory's pair still pairs */
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 2), ==, 7 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_released_kib, 2), ==, 21 * 1024);
  g_assert_cmpint ((gint64) hs_step_column_get (&store->scav_sequence, 2), ==, -1);
  g_assert_cmpuint (hs_column_get (&store->scav_line, 2), ==, 3);
}

/* Go 1.13's numberless pair, with program output in between */
static void
test_scvg_113_pair (void)
{
  g_autoptr(HsTraceStore) store = parse_text ("scvg: 3 MB released\n"
                                              "hello from the program\n"
                                              "scvg: inuse: 2, idle: 61, sys: 63, released: 59, consumed: 4 (MB)\n"
                                              "forced scvg: 12 MB released\n"
                                              "forced scvg: inuse: 2, idle: 0, sys: 14, released: 12, consumed: 2 (MB)\n");

  g_assert_cmpuint (store->counts.scavenger, ==, 4);
  g_assert_cmpuint (store->counts.foreign, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_events (store), ==, 2);
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 0), ==, 3 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_released_kib, 0), ==, 59 * 1024);
  g_assert_cmpuint (hs_column_get (&store->scav_released_now_kib, 1), ==, 12 * 1024);
  g_assert_cmpuint ((hs_step_column_get (&store->scav_kind, 1) >> 16) & HS_SCAV_FLAG_FORCED, !=, 0);
}

static void
test_periodic (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC23 "\nGC forced\nsome output\n" GC24_HEAD GC24_TAIL "\n" GC25 "\n");

  g_assert_cmpuint (store->counts.markers, ==, 1);
  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 3);
  g_assert_cmpuint (cycle_flags (store, 0), ==, 0);
  g_assert_cmpuint (cycle_flags (store, 1), ==, HS_GC_FLAG_PERIODIC);
  g_assert_cmpuint (cycle_flags (store, 2), ==, 0);
  g_assert_false (store->ends_with_periodic_marker);
}

static void
test_periodic_at_end (void)
{
  g_autoptr(HsTraceStore) store = parse_text (GC23 "\nGC forced\n");

  g_assert_cmpuint (cycle_flags (store, 0), ==, 0);
  g_assert_true (store->ends_with_periodic_marker);
}

/* A restarting counter and a clock that goes backwards each start a run. */
static void
test_runs (void)
{
  g_autoptr(HsTraceStore) store =
    parse_text (GC23 "\n" GC25 "\n"
                "gc 1 @0.010s 0%: 0.010+1.0+0.002 ms clock, 0.020+0.4/0.9/0+0.004 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
                "gc 2 @0.020s 0%: 0.010+1.0+0.002 ms clock, 0.020+0.4/0.9/0+0.004 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
                /* the number goes on but the clock goes back: another process */
                "gc 3 @0.005s 0%: 0.010+1.0+0.002 ms clock, 0.020+0.4/0.9/0+0.004 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
                /* the same number again */
                "gc 3 @0.006s 0%: 0.010+1.0+0.002 ms clock, 0.020+0.4/0.9/0+0.004 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n");

  g_assert_cmpuint (hs_trace_store_get_n_cycles (store), ==, 6);
  g_assert_cmpuint (store->run_starts->len, ==, 3);
  g_assert_cmpuint (g_array_index (store->run_starts, guint64, 0), ==, 2);
  g_assert_cmpuint (g_array_index (store->run_starts, guint64, 1), ==, 4);
  g_assert_cmpuint (g_array_index (store->run_starts, guint64, 2), ==, 5);
  g_assert_cmpuint (hs_trace_store_get_number (store, 0), ==, 23);
  g_assert_cmpuint (hs_trace_store_get_number (store, 1), ==, 25);
  g_assert_cmpuint (hs_trace_store_get_number (store, 2), ==, 1);
  g_assert_cmpuint (hs_trace_store_get_number (store, 5), ==, 3);
}

/* Malformed and legacy lines, and the other runtime lines, are counted where they belong. */
static void
test_counts (void)
{
  g_autoptr(HsTraceStore) store =
    parse_text ("gc6(5): 0+0+0+1000 us, 0 -> 0 MB, 2118 (2655-537) objects, 85 goroutines, 109/0/0 sweeps, 8(66) handoff, 11(38) steal, 103/4/0 yields\n"
                "pacer: assist ratio=+4.076850e-001 (scan 0 MB in 6->8 MB) workers=2+0\n"
                "SCHED 101ms: gomaxprocs=2 idleprocs=2 threads=5 spinningthreads=0 idlethreads=3 runqueue=0 [0 0]\n"
                "scav 1088 KiB work, 624 KiB, 80% util\n"
                "\n"
                "gc12(2): 3+1+0 ms 24 -> 12 MB 201934 -> 101210 (1504302-1403092) objects 17 handoff\n"
                "scav 1088 KiB work, 624 KiB total, 80% util\n");
  const HsMalformedLine *m;

  g_assert_cmpuint (store->counts.lines, ==, 7);
  g_assert_cmpuint (store->counts.legacy, ==, 2);
  g_assert_cmpuint (store->first_legacy_line, ==, 1);
  g_assert_cmpuint (store->counts.other_runtime, ==, 2);
  g_assert_cmpuint (store->counts.malformed, ==, 1);
  g_assert_cmpuint (store->counts.foreign, ==, 1);
  g_assert_cmpuint (store->counts.scavenger, ==, 1);
  g_assert_cmpuint (store->gc_formats, ==, HS_GC_FORMAT_LEGACY);
  g_assert_cmpuint (store->scav_formats, ==, HS_SCAV_FORMAT_SCAV_114);
  m = &g_array_index (store->malformed, HsMalformedLine, 0);
  g_assert_cmpuint (m->line, ==, 4);
  g_assert_cmpstr (m->reason, ==, "expected “, T KiB total, ” in a scav line");
}

/* Only the first HS_MAX_MALFORMED_KEPT malformed lines are kept; all are counted. */
static void
test_malformed_kept (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(HsTraceStore) store = NULL;

  for (guint i = 0; i < 250; i++)
    g_string_append (text, "scav 1 KiB work\n");
  store = parse_text (text->str);
  g_assert_cmpuint (store->counts.malformed, ==, 250);
  g_assert_cmpuint (store->malformed->len, ==, HS_MAX_MALFORMED_KEPT);
  g_assert_cmpuint (g_array_index (store->malformed, HsMalformedLine, 99).line, ==, 100);
}

/* hs_parser_line_waits_for_next: the lines a chunk of a file must not end with */
static void
test_waits_for_next (void)
{
  const char *torn = GC24_HEAD "my log line";
  const char *released = "scvg3: 1767 MB released";
  const char *complete = GC25;

  g_assert_true (hs_parser_line_waits_for_next (torn, strlen (torn)));
  g_assert_true (hs_parser_line_waits_for_next (released, strlen (released)));
  g_assert_false (hs_parser_line_waits_for_next (complete, strlen (complete)));
  g_assert_false (hs_parser_line_waits_for_next ("hello", 5));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parser/torn/joined", test_torn_joined);
  g_test_add_func ("/parser/torn/only", test_torn_only);
  g_test_add_func ("/parser/torn/no-continuation", test_torn_no_continuation);
  g_test_add_func ("/parser/torn/at-end", test_torn_at_end);
  g_test_add_func ("/parser/torn/twice", test_torn_twice);
  g_test_add_func ("/parser/scvg/pair", test_scvg_pair);
  g_test_add_func ("/parser/scvg/released-alone", test_scvg_released_alone);
  g_test_add_func ("/parser/scvg/mismatched", test_scvg_mismatched);
  g_test_add_func ("/parser/scvg/go113-pair", test_scvg_113_pair);
  g_test_add_func ("/parser/periodic/next-cycle", test_periodic);
  g_test_add_func ("/parser/periodic/at-end", test_periodic_at_end);
  g_test_add_func ("/parser/runs/restart", test_runs);
  g_test_add_func ("/parser/counts/kinds", test_counts);
  g_test_add_func ("/parser/counts/malformed-kept", test_malformed_kept);
  g_test_add_func ("/parser/chunking/waits-for-next", test_waits_for_next);

  return g_test_run ();
}
