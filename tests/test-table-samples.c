/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-table-samples.c: RES and VIRT per cycle in the tables, and cycles polled from expvar/Prometheus. */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "trace/hs-csv.h"
#include "trace/hs-filter.h"
#include "trace/hs-table-model.h"
#include "trace/hs-trace-row.h"
#include "hs-test-utils.h"

#define MIB 1048576.0

/*
 * Five cycles at 1, 2, 4, 9 and 20 s; gc 2 and gc 4 were polled (only the number, the end
 * and the whole pause are known). Process samples at 0.5, 1.75, 2.5, 3, 5, 8 and 12 s, and
 * one expvar sample at 8.9 s that has no RSS.
 */
static const double proc_times[] = { 0.5, 1.75, 2.5, 3.0, 5.0, 8.0, 12.0 };
static const double proc_rss_mib[] = { 300, 100, 250, 50, 400, 200, 150 };
static const double proc_virt_mib[] = { 1000, 1200, 900, 1100, 2048, 800, 1500 };

/*
 * The proc sample nearest to each cycle, picked by hand from the times above:
 * 1 s: 0.5 (0.5 away) beats 1.75 (0.75); 2 s: 1.75 (0.25) beats 2.5 (0.5);
 * 4 s: 3 and 5 are both 1 s away, the later wins; 9 s: 8 (1 s) — the expvar sample at 8.9 s
 * has no RSS and is passed over — beats 12 (3 s); 20 s: 12, the last.
 */
static const guint nearest_proc[] = { 0, 1, 4, 5, 6 };

/* RSS of proc sample k is proc_rss_mib[k] MiB + k × 4096 bytes (not a whole MiB), by hand: */
static const guint64 expected_rss[] = { 314572800, 104861696, 419446784, 209735680, 157310976 };
static const guint64 expected_virt[] = { 1048576000, 1258291200, 2147483648, 838860800, 1572864000 };

static void
append_gstring (GString *text,
                GString *whole)
{
  g_string_append_len (whole, text->str, text->len);
}

static HsTrace *
make_trace (gboolean with_samples)
{
  HsTrace *trace = hs_trace_new ("synthetic");
  g_autoptr(HsTraceStore) store = hs_trace_store_new ();
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();
  HsGcRecord r;

  /* gc 1 @1.000s 7%: 0.100+0.500+0.200 ms clock, …, 10->12->5 MB, 10 MB goal, 4 P */
  memset (&r, 0, sizeof r);
  r.number = 1;
  r.time_ms = 1000;
  r.cpu_percent = 7;
  r.clock_us[HS_CLOCK_SWEEP_TERM] = 100;
  r.clock_us[HS_CLOCK_MARK] = 500;
  r.clock_us[HS_CLOCK_MARK_TERM] = 200;
  r.cpu_us[HS_CPU_ASSIST] = 50;
  r.heap_before_mb = 10;
  r.heap_after_mb = 12;
  r.heap_live_mb = 5;
  r.heap_goal_mb = 10;
  r.procs = 4;
  hs_trace_store_append_gc (store, &r, 1, 0, 0);

  /* gc 2 polled at 2 s, pause 1.5 ms; ended at Unix 1700000002 s */
  memset (&r, 0, sizeof r);
  r.number = 2;
  r.time_ms = 2000;
  r.clock_us[HS_CLOCK_SWEEP_TERM] = 1500;
  r.flags = HS_GC_FLAG_SAMPLED;
  hs_trace_store_append_gc (store, &r, 0, G_GINT64_CONSTANT (1700000002000000), 0);

  /* gc 3 @4.000s: 0.050+1+0.030 ms clock, 20->22->8 MB, 16 MB goal, 4 P */
  memset (&r, 0, sizeof r);
  r.number = 3;
  r.time_ms = 4000;
  r.cpu_percent = 6;
  r.clock_us[HS_CLOCK_SWEEP_TERM] = 50;
  r.clock_us[HS_CLOCK_MARK] = 1000;
  r.clock_us[HS_CLOCK_MARK_TERM] = 30;
  r.heap_before_mb = 20;
  r.heap_after_mb = 22;
  r.heap_live_mb = 8;
  r.heap_goal_mb = 16;
  r.procs = 4;
  hs_trace_store_append_gc (store, &r, 3, 0, 0);

  /* gc 4 polled at 9 s, pause 0.7 ms */
  memset (&r, 0, sizeof r);
  r.number = 4;
  r.time_ms = 9000;
  r.clock_us[HS_CLOCK_SWEEP_TERM] = 700;
  r.flags = HS_GC_FLAG_SAMPLED;
  hs_trace_store_append_gc (store, &r, 0, G_GINT64_CONSTANT (1700000009000000), 0);

  /* gc 5 @20.000s: 2+3+1 ms clock, 40->41->30 MB, 60 MB goal, 4 P */
  memset (&r, 0, sizeof r);
  r.number = 5;
  r.time_ms = 20000;
  r.cpu_percent = 5;
  r.clock_us[HS_CLOCK_SWEEP_TERM] = 2000;
  r.clock_us[HS_CLOCK_MARK] = 3000;
  r.clock_us[HS_CLOCK_MARK_TERM] = 1000;
  r.heap_before_mb = 40;
  r.heap_after_mb = 41;
  r.heap_live_mb = 30;
  r.heap_goal_mb = 60;
  r.procs = 4;
  hs_trace_store_append_gc (store, &r, 5, 0, 0);

  hs_trace_append_store (trace, store, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 5);

  if (!with_samples)
    return trace;

  for (guint k = 0; k < G_N_ELEMENTS (proc_times); k++)
    {
      guint row;

      if (proc_times[k] == 12.0)
        {
          row = hs_sample_table_append_row (samples, 8.9, 0, HS_SAMPLE_SOURCE_EXPVAR);
          hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, 123456789.0);
        }
      row = hs_sample_table_append_row (samples, proc_times[k], 0, HS_SAMPLE_SOURCE_PROC);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, proc_rss_mib[k] * MIB + k * 4096.0);
      hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, proc_virt_mib[k] * MIB);
    }
  hs_trace_append_samples (trace, samples);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 8);

  return trace;
}

static void
test_nearest (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);

  for (guint c = 0; c < 5; c++)
    {
      /* trace rows: proc samples before 12 s keep their index, the one at 12 s is row 7 */
      guint row = nearest_proc[c] == 6 ? 7 : nearest_proc[c];

      g_assert_cmpint (hs_trace_find_sample (trace, HS_SAMPLE_FIELD_RSS,
                                             hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, c)), ==, row);
      g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), c),
                         ==, (double) expected_rss[c]);
      g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_VM_SIZE), c),
                         ==, (double) expected_virt[c]);
    }

  /* HeapAlloc is only in the expvar sample: every cycle reads that one */
  g_assert_cmpint (hs_trace_find_sample (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 0.0), ==, 6);
  g_assert_cmpint (hs_trace_find_sample (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 100.0), ==, 6);
  /* a field no sample has, and a trace without samples: none */
  g_assert_cmpint (hs_trace_find_sample (trace, HS_SAMPLE_FIELD_SYS, 1.0), ==, -1);
  {
    g_autoptr(HsTrace) plain = make_trace (FALSE);

    g_assert_cmpint (hs_trace_find_sample (plain, HS_SAMPLE_FIELD_RSS, 1.0), ==, -1);
    g_assert_true (isnan (hs_trace_row_get_cycle_value (plain, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), 0)));
  }
}

/* Polled cycles know their number, times and pause; the rest is unknown (NAN), not 0. */
static void
test_unknown_values (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);

  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_NUMBER, 1), ==, 2);
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_TIME, 1), ==, 2.0);
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_PAUSE, 1), ==, 1.5);
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_WALL_TIME, 1), ==, 1700000002.0);
  g_assert_true (isnan (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_HEAP_LIVE, 1)));
  g_assert_true (isnan (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_CLOCK_SWEEP_TERM, 1)));
  g_assert_true (isnan (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_PROCS, 3)));
  g_assert_true (isnan (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_LINE, 3)));
  /* a cycle from a trace line knows its zeros */
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_CPU_ASSIST, 2), ==, 0.0);
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_GC_FIELD_HEAP_LIVE, 2), ==, 8.0 * MIB);
}

static void
test_filter (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);
  g_autoptr(HsFilter) filter = NULL;

  /* RES by cycle: 300, 100 + 4 KiB, 400 + 16 KiB, 200 + 20 KiB, 150 + 24 KiB MiB */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "rss > 220MB"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "res > 220"), ==, 2);
  /* gc 2's 100 MiB + 4096 bytes is above 100 MiB */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "rss > 100MB"), ==, 5);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "rss <= 100MB"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "rss < 110000KiB"), ==, 1);
  /* VIRT: 1000, 1200, 2048, 800, 1500 MiB */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "virt > 1GB"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "virt >= 2GB"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "virt > 1GB and polled"), ==, 1);

  /* polled cycles: their pause is known, their heap matches no comparison either way */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "polled"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "normal"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause > 1ms"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "live > 0"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "live <= 0"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "live == 0"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "live != 5"), ==, 2);
  /* three-valued: not of unknown is unknown; or with a known truth decides. "live > 0 and
   * polled" is no for the 3 traced cycles (not polled) and unknown for the 2 polled ones */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "not live > 0"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "not (live > 0 and polled)"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "live > 0 or polled"), ==, 5);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "not (live > 0 or normal)"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "not live > 0 or pause > 1ms"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "procs 4"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "sweep < 1"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "line > 0"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "cpu >= 0"), ==, 3);

  filter = hs_filter_parse ("rss > 1GB or pause > 1", HS_FILTER_CYCLES, NULL);
  g_assert_true (hs_filter_uses_samples (filter));
  g_clear_pointer (&filter, hs_filter_free);
  filter = hs_filter_parse ("live > 1", HS_FILTER_CYCLES, NULL);
  g_assert_false (hs_filter_uses_samples (filter));
}

static void
assert_order (HsTableModel *model,
              int           field,
              gboolean      descending,
              const guint  *expected)
{
  hs_table_model_set_sort (model, field, descending);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  for (guint i = 0; i < 5; i++)
    if (hs_table_model_get_trace_index (model, i) != expected[i])
      g_error ("sort by %d %s: row %u is cycle %u, expected %u", field, descending ? "down" : "up", i,
               hs_table_model_get_trace_index (model, i), expected[i]);
}

static void
test_sort (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);
  g_autoptr(HsTableModel) model = hs_table_model_new (trace, FALSE);
  /* by RES: 100 (c1) < 150 (c4) < 200 (c3) < 300 (c0) < 400 (c2) */
  const guint rss_up[] = { 1, 4, 3, 0, 2 };
  const guint rss_down[] = { 2, 0, 3, 4, 1 };
  /* by VIRT: 800 (c3) < 1000 (c0) < 1200 (c1) < 1500 (c4) < 2048 (c2) */
  const guint virt_up[] = { 3, 0, 1, 4, 2 };
  /* live heap 5 (c0), 8 (c2), 30 (c4); the polled c1 and c3 last either way, in trace order */
  const guint live_up[] = { 0, 2, 4, 1, 3 };
  const guint live_down[] = { 4, 2, 0, 1, 3 };
  /* pauses 0.3, 1.5, 0.08, 0.7, 3 ms: polled cycles' pauses are known and sort among the rest */
  const guint pause_up[] = { 2, 0, 3, 1, 4 };
  /* cause: normal before polled */
  const guint cause_up[] = { 0, 2, 4, 1, 3 };

  assert_order (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), FALSE, rss_up);
  assert_order (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), TRUE, rss_down);
  assert_order (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_VM_SIZE), FALSE, virt_up);
  assert_order (model, HS_GC_FIELD_HEAP_LIVE, FALSE, live_up);
  assert_order (model, HS_GC_FIELD_HEAP_LIVE, TRUE, live_down);
  assert_order (model, HS_GC_FIELD_PAUSE, FALSE, pause_up);
  assert_order (model, HS_TABLE_SORT_CAUSE, FALSE, cause_up);
}

/* A live trace sorted by RES sorts again when a newer sample becomes a cycle's nearest. */
static void
test_sort_live (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);
  g_autoptr(HsTableModel) model = hs_table_model_new (trace, FALSE);
  g_autoptr(HsSampleTable) more = hs_sample_table_new ();
  const guint before[] = { 1, 4, 3, 0, 2 };
  guint row;

  assert_order (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), FALSE, before);

  /* at 19 s, 1 MiB: gc 5 (20 s) now reads it and has the smallest RES */
  row = hs_sample_table_append_row (more, 19.0, 0, HS_SAMPLE_SOURCE_PROC);
  hs_sample_table_set_value (more, row, HS_SAMPLE_FIELD_RSS, MIB);
  hs_trace_append_samples (trace, more);
  g_assert_cmpfloat (hs_trace_row_get_cycle_value (trace, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), 4), ==, MIB);

  for (guint i = 0; i < 300 && hs_table_model_get_trace_index (model, 0) != 4; i++)
    g_main_context_iteration (NULL, TRUE);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 0), ==, 4);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 1), ==, 1);
}

static void
test_csv (void)
{
  g_autoptr(HsTrace) trace = make_trace (TRUE);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  hs_csv_write_cycle_rows (trace, NULL, 0, 5, TRUE, ',', out);
  lines = g_strsplit (out->str, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[0], ==,
                   "run,gc,line,time_s,process_time_s,wall_time,gc_cpu_percent,"
                   "sweep_term_ms,mark_ms,mark_term_ms,pause_ms,cpu_sweep_term_ms,cpu_assist_ms,"
                   "cpu_background_ms,cpu_idle_ms,cpu_mark_term_ms,heap_before_mb,heap_after_mb,"
                   "heap_live_mb,heap_goal_mb,stacks_mb,globals_mb,procs,cause,prefix,rss_bytes,virt_bytes");
  g_assert_cmpstr (lines[1], ==,
                   "1,1,1,1.000,1.000,,7,0.100,0.500,0.200,0.300,0.000,0.050,0.000,0.000,0.000,"
                   "10,12,5,10,0,0,4,normal,,314572800,1048576000");
  /* polled: everything but run, number, times and the pause is empty; Unix 1700000002 s is
   * 2023-11-14 22:13:22 UTC */
  g_assert_cmpstr (lines[2], ==,
                   "1,2,,2.000,2.000,2023-11-14T22:13:22.000000Z,,,,,1.500,,,,,,,,,,,,,polled,,"
                   "104861696,1258291200");
  g_assert_cmpstr (lines[3], ==,
                   "1,3,3,4.000,4.000,,6,0.050,1.000,0.030,0.080,0.000,0.000,0.000,0.000,0.000,"
                   "20,22,8,16,0,0,4,normal,,419446784,2147483648");
  g_assert_cmpstr (lines[4], ==,
                   "1,4,,9.000,9.000,2023-11-14T22:13:29.000000Z,,,,,0.700,,,,,,,,,,,,,polled,,"
                   "209735680,838860800");
  g_assert_cmpstr (lines[5], ==,
                   "1,5,5,20.000,20.000,,5,2.000,3.000,1.000,3.000,0.000,0.000,0.000,0.000,0.000,"
                   "40,41,30,60,0,0,4,normal,,157310976,1572864000");
  g_assert_cmpstr (lines[6], ==, "");

  /* the copy: tab-separated, the same empty fields */
  g_string_truncate (out, 0);
  hs_csv_write_cycle_rows (trace, (const guint[]) { 3 }, 0, 1, TRUE, '\t', out);
  g_assert_true (g_str_has_suffix (out->str, "\tprocs\tcause\tprefix\trss_bytes\tvirt_bytes\n"
                                   "1\t4\t\t9.000\t9.000\t2023-11-14T22:13:29.000000Z\t\t\t\t\t0.700\t\t\t\t\t\t"
                                   "\t\t\t\t\t\t\tpolled\t\t209735680\t838860800\n"));
}

/* No samples with RSS or VIRT: the CSV has no such columns, as before samples existed. */
static void
test_csv_without_samples (void)
{
  g_autoptr(HsTrace) trace = make_trace (FALSE);
  g_autoptr(HsSampleTable) expvar = hs_sample_table_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) again = g_string_new (NULL);
  guint row;

  hs_csv_write_cycle_rows (trace, NULL, 0, 1, TRUE, ',', out);
  g_assert_cmpstr (out->str, ==,
                   "run,gc,line,time_s,process_time_s,wall_time,gc_cpu_percent,"
                   "sweep_term_ms,mark_ms,mark_term_ms,pause_ms,cpu_sweep_term_ms,cpu_assist_ms,"
                   "cpu_background_ms,cpu_idle_ms,cpu_mark_term_ms,heap_before_mb,heap_after_mb,"
                   "heap_live_mb,heap_goal_mb,stacks_mb,globals_mb,procs,cause,prefix\r\n"
                   "1,1,1,1.000,1.000,,7,0.100,0.500,0.200,0.300,0.000,0.050,0.000,0.000,0.000,"
                   "10,12,5,10,0,0,4,normal,\r\n");

  /* expvar samples alone (HeapAlloc …) bring no RES or VIRT column */
  row = hs_sample_table_append_row (expvar, 1.0, 0, HS_SAMPLE_SOURCE_EXPVAR);
  hs_sample_table_set_value (expvar, row, HS_SAMPLE_FIELD_HEAP_ALLOC, 4096.0);
  hs_trace_append_samples (trace, expvar);
  hs_csv_write_cycle_rows (trace, NULL, 0, 1, TRUE, ',', again);
  g_assert_cmpstr (again->str, ==, out->str);
}

/* The Memory Samples table's rows: two /proc samples and one from expvar. */
static HsTrace *
make_sample_trace (void)
{
  HsTrace *trace = hs_trace_new ("samples");
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();
  guint row;

  /* Unix 1700000000.25 s, 0.25 s on the axis */
  row = hs_sample_table_append_row (samples, 0.25, G_GINT64_CONSTANT (1700000000250000), HS_SAMPLE_SOURCE_PROC);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, 7340032.0);          /* 7 MiB */
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 1258291200.0);   /* 1200 MiB */
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS_ANON, 5242880.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS_FILE, 2097152.0);
  row = hs_sample_table_append_row (samples, 1.0, G_GINT64_CONSTANT (1700000001000000), HS_SAMPLE_SOURCE_EXPVAR);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, 4194321.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_NEXT_GC, 8388608.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 0.015625);
  row = hs_sample_table_append_row (samples, 1.5, G_GINT64_CONSTANT (1700000001500000), HS_SAMPLE_SOURCE_PROC);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, 3145728.0);          /* 3 MiB */
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 1048576000.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS_ANON, 1048576.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS_FILE, 2097152.0);
  hs_trace_append_samples (trace, samples);

  return trace;
}

static void
test_sample_csv (void)
{
  g_autoptr(HsTrace) trace = make_sample_trace ();
  g_autoptr(GString) out = g_string_new (NULL);
  GString *whole = g_string_new (NULL);

  hs_csv_write_sample_rows (trace, NULL, 0, 3, TRUE, ',', out);
  /* only the fields some sample has; a sample without one leaves it empty; 1700000000 s is
   * 2023-11-14 22:13:20 UTC */
  g_assert_cmpstr (out->str, ==,
                   "time_s,wall_time,source,rss_bytes,virt_bytes,rss_anon_bytes,rss_file_bytes,"
                   "heap_alloc_bytes,next_gc_bytes,gc_cpu_fraction\r\n"
                   "0.250,2023-11-14T22:13:20.250000Z,proc,7340032,1258291200,5242880,2097152,,,\r\n"
                   "1.000,2023-11-14T22:13:21.000000Z,expvar,,,,,4194321,8388608,0.015625\r\n"
                   "1.500,2023-11-14T22:13:21.500000Z,proc,3145728,1048576000,1048576,2097152,,,\r\n");

  /* the whole table, as Export and --csv write it */
  hs_csv_write (trace, HS_CSV_SAMPLES, (HsCsvFlushFunc) append_gstring, whole);
  g_assert_cmpstr (whole->str, ==, out->str);
  g_string_free (whole, TRUE);

  /* a copy of the second row alone */
  g_string_truncate (out, 0);
  hs_csv_write_sample_rows (trace, (const guint[]) { 1 }, 0, 1, FALSE, '\t', out);
  g_assert_cmpstr (out->str, ==, "1.000\t2023-11-14T22:13:21.000000Z\texpvar\t\t\t\t\t4194321\t8388608\t0.015625\n");
}

static void
test_sample_filter_sort (void)
{
  g_autoptr(HsTrace) trace = make_sample_trace ();
  g_autoptr(HsTableModel) model = hs_table_model_new (trace, HS_TABLE_ROWS_SAMPLES);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsFilter) bad = NULL;

  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "rss > 5MB"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "rss > 1MB"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "proc"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "expvar"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "metrics"), ==, 0);
  /* 0.015625 is 1.5625 % */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "cpu > 1.5%"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "cpu > 1.6"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "alloc >= 4MB"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "time > 0.5"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_SAMPLES, "file == 2MB"), ==, 2);
  bad = hs_filter_parse ("heap > 1", HS_FILTER_SAMPLES, &error);
  g_assert_null (bad);
  g_assert_error (error, HS_FILTER_ERROR, HS_FILTER_ERROR_UNKNOWN_FIELD);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  {
    /* RES 7 MiB (0), none (1), 3 MiB (2): the expvar sample last both ways */
    const guint up[] = { 2, 0, 1 };
    const guint down[] = { 0, 2, 1 };

    hs_table_model_set_sort (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), FALSE);
    hs_test_wait_until_idle (model);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpuint (hs_table_model_get_trace_index (model, i), ==, up[i]);
    hs_table_model_set_sort (model, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), TRUE);
    hs_test_wait_until_idle (model);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpuint (hs_table_model_get_trace_index (model, i), ==, down[i]);
  }
  {
    /* by source: proc (0) before expvar (1); ties keep time order */
    const guint by_source[] = { 0, 2, 1 };

    hs_table_model_set_sort (model, HS_TABLE_SORT_SOURCE, FALSE);
    hs_test_wait_until_idle (model);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpuint (hs_table_model_get_trace_index (model, i), ==, by_source[i]);
  }
  hs_table_model_set_sort (model, HS_TABLE_SORT_TIME, TRUE);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 0), ==, 2);

  g_assert_true (hs_table_model_set_filter_text (model, "proc", &error));
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  hs_table_model_set_time_range (model, 0.0, 1.2);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 0), ==, 0);
  hs_table_model_set_time_range (model, 1.2, 3.0);
  hs_table_model_set_sort (model, HS_TABLE_SORT_NONE, FALSE);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 0), ==, 2);

  /* a live sample appears in the table; no cycles or events in this trace */
  {
    g_autoptr(HsSampleTable) more = hs_sample_table_new ();
    guint row = hs_sample_table_append_row (more, 2.0, 0, HS_SAMPLE_SOURCE_PROC);

    hs_sample_table_set_value (more, row, HS_SAMPLE_FIELD_RSS, 1.0);
    hs_trace_append_samples (trace, more);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
    g_assert_cmpuint (hs_table_model_get_trace_index (model, 1), ==, 3);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table-samples/nearest", test_nearest);
  g_test_add_func ("/table-samples/unknown-values", test_unknown_values);
  g_test_add_func ("/table-samples/filter", test_filter);
  g_test_add_func ("/table-samples/sort", test_sort);
  g_test_add_func ("/table-samples/sort-live", test_sort_live);
  g_test_add_func ("/table-samples/csv", test_csv);
  g_test_add_func ("/table-samples/csv-without-samples", test_csv_without_samples);
  g_test_add_func ("/table-samples/sample-csv", test_sample_csv);
  g_test_add_func ("/table-samples/sample-filter-sort", test_sample_filter_sort);

  return g_test_run ();
}
