/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-table.c: filter expressions, radix sort, the table model and CSV rows. */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "trace/hs-csv.h"
#include "trace/hs-filter.h"
#include "trace/hs-sort.h"
#include "trace/hs-table-model.h"
#include "trace/hs-trace-loader.h"
#include "trace/hs-trace-reader.h"
#include "trace/hs-trace-row.h"
#include "hs-test-utils.h"

/* Counts computed with Python's Decimal over the sample's lines (pause = 1st + 3rd clock). */
static void
test_filter_counts (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");

  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, ""), ==, 114);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause > 1ms"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause > 1000us"), ==, 2);
  /* two cycles pause exactly 0.150 ms: ">" must leave them out */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause > 0.15ms and heap >= 5"), ==, 14);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause>0.15 heap>=5MB"), ==, 14);
  /* two pause exactly 0.050 ms: "<=" keeps them, across the µs to ms conversion */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "pause <= 50us"), ==, 13);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "heap > 1GiB"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "goal >= 1 GB"), ==, 3);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "periodic"), ==, 2);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "periodic or pause > 1ms"), ==, 4);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "not (live < 3)"), ==, 85);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "!periodic"), ==, 112);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "forced"), ==, 0);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "91"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "gc 91"), ==, 1);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "run 1"), ==, 114);
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "run 2"), ==, 0);
  /* awk: @T >= 600 s on 23 gc lines */
  g_assert_cmpuint (hs_test_count_matches (trace, HS_FILTER_CYCLES, "time >= 10 min"), ==, 23);
}

static void
check_filter_error (const char *text,
                    int         code,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsFilter) filter = hs_filter_parse (text, HS_FILTER_CYCLES, &error);

  g_assert_null (filter);
  g_assert_error (error, HS_FILTER_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", text, error->message, fragment);
}

static void
test_filter_errors (void)
{
  check_filter_error ("pauze > 5ms", HS_FILTER_ERROR_UNKNOWN_FIELD, "“pauze” at column 1");
  check_filter_error ("pause > 5kb", HS_FILTER_ERROR_BAD_UNIT, "“kb”");
  check_filter_error ("heap > 5ms", HS_FILTER_ERROR_BAD_UNIT, "MiB");
  check_filter_error ("pause >", HS_FILTER_ERROR_SYNTAX, "column 8");
  check_filter_error ("(forced", HS_FILTER_ERROR_SYNTAX, "“)”");
  check_filter_error ("forced )", HS_FILTER_ERROR_SYNTAX, "column 8");
  check_filter_error ("forced and", HS_FILTER_ERROR_SYNTAX, "ends too early");
}

static void
test_filter_events (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(GError) error = NULL;
  g_autoptr(HsFilter) released = hs_filter_parse ("released > 1GiB", HS_FILTER_EVENTS, &error);
  g_autoptr(HsFilter) idle = hs_filter_parse ("idle > 1000", HS_FILTER_EVENTS, &error);
  guint n_released = 0, n_idle = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hs_trace_get_n_events (trace); i++)
    {
      n_released += hs_filter_matches (released, trace, i);
      n_idle += hs_filter_matches (idle, trace, i);
    }

  /* scvg3 released 1767 MB; idle was 142, 1781, 1778, 1778 MB */
  g_assert_cmpuint (n_released, ==, 1);
  g_assert_cmpuint (n_idle, ==, 3);
}

static void
test_sort_radix (void)
{
  const double keys[] = { 3.5, -1.0, NAN, 0.0, 3.5, -0.5, 1e300, -INFINITY, 2.0 };
  guint32 idx[G_N_ELEMENTS (keys)];
  const guint32 ascending[] = { 7, 1, 5, 3, 8, 0, 4, 6, 2 };
  const guint32 descending[] = { 6, 0, 4, 8, 3, 5, 1, 7, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    idx[i] = i;
  hs_sort_indices_by_key (keys, idx, G_N_ELEMENTS (keys), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpuint (idx[i], ==, ascending[i]);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    idx[i] = i;
  hs_sort_indices_by_key (keys, idx, G_N_ELEMENTS (keys), TRUE);
  /* NaN stays last, equal keys keep their order (0 before 4) */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_cmpuint (idx[i], ==, descending[i]);
}

static void
test_sort_random (void)
{
  const gsize n = 200000;
  g_autofree double *keys = g_new (double, n);
  g_autofree guint32 *idx = g_new (guint32, n);
  GRand *rand = g_rand_new_with_seed (42);

  for (gsize i = 0; i < n; i++)
    {
      /* few distinct values, so stability is exercised */
      keys[i] = (double) g_rand_int_range (rand, -500, 500) / 8.0;
      idx[i] = (guint32) i;
    }
  hs_sort_indices_by_key (keys, idx, n, FALSE);
  for (gsize i = 1; i < n; i++)
    {
      g_assert_cmpfloat (keys[idx[i - 1]], <=, keys[idx[i]]);
      if (keys[idx[i - 1]] == keys[idx[i]])
        g_assert_cmpuint (idx[i - 1], <, idx[i]);
    }
  g_rand_free (rand);
}

static void
test_model_filter_sort (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(HsTableModel) model = hs_table_model_new (trace, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTraceRow) row = NULL;
  guint position;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 114);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == HS_TYPE_TRACE_ROW);

  hs_table_model_set_sort (model, HS_GC_FIELD_PAUSE, TRUE);
  hs_test_wait_until_idle (model);
  /* largest pauses: gc 3 (1.945 ms), gc 101 (1.047), gc 77 (0.244) */
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER,
                                            hs_table_model_get_trace_index (model, 0)), ==, 3);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER,
                                            hs_table_model_get_trace_index (model, 1)), ==, 101);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER,
                                            hs_table_model_get_trace_index (model, 2)), ==, 77);

  g_assert_true (hs_table_model_set_filter_text (model, "pause > 1ms", &error));
  g_assert_no_error (error);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  row = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, hs_trace_row_get_index (row)), ==, 101);

  /* a filter that does not parse keeps the table as it was */
  g_assert_false (hs_table_model_set_filter_text (model, "pause >", &error));
  g_assert_error (error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_clear_error (&error);

  /* gc 3 is cycle index 2 and shows first */
  g_assert_true (hs_table_model_find_position (model, 2, &position));
  g_assert_cmpuint (position, ==, 0);
  g_assert_false (hs_table_model_find_position (model, 0, &position));

  /* only the rows in view: gc 101 is at 649.007 s (its line says @649.007s) */
  hs_table_model_set_time_range (model, 600.0, 700.0);
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  hs_table_model_set_time_range (model, NAN, NAN);
  hs_table_model_set_sort (model, HS_TABLE_SORT_NONE, FALSE);
  g_assert_true (hs_table_model_set_filter_text (model, "", &error));
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 114);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 7), ==, 7);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->calls++;
}

static void
test_model_live (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(HsTableModel) model = hs_table_model_new (trace, FALSE);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0 };
  const char *lines =
    "gc 1 @0.010s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
    "gc 2 @0.020s 1%: 0.010+1.0+2.000 ms clock, 0.020+0/1.0/0+4.000 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  hs_trace_reader_feed (reader, lines, strlen (lines));
  g_assert_cmpuint (changes.calls, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);

  g_assert_true (hs_table_model_set_filter_text (model, "pause > 1ms", &error));
  hs_test_wait_until_idle (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* a new matching cycle shows up at once, a non-matching one does not */
  lines = "gc 3 @0.030s 1%: 5.0+1.0+0.020 ms clock, 10+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
          "gc 4 @0.040s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";
  hs_trace_reader_feed (reader, lines, strlen (lines));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (hs_table_model_get_trace_index (model, 1), ==, 2);
}

/* Expected fields typed from the sample's lines 4 and 103–104 by hand. */
static void
test_csv_rows (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const guint cycle = 2;
  const guint event = 3;

  hs_csv_write_cycle_rows (trace, &cycle, 0, 1, TRUE, ',', out);
  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  lines = g_strsplit (out->str, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==,
                   "run,gc,line,time_s,process_time_s,wall_time,gc_cpu_percent,"
                   "sweep_term_ms,mark_ms,mark_term_ms,pause_ms,cpu_sweep_term_ms,cpu_assist_ms,"
                   "cpu_background_ms,cpu_idle_ms,cpu_mark_term_ms,heap_before_mb,heap_after_mb,"
                   "heap_live_mb,heap_goal_mb,stacks_mb,globals_mb,procs,cause,prefix");
  /* gc 3 @0.214s 1%: 1.9+0.71+0.045 ms clock, 3.8+0.39/0/2.6+0.091 ms cpu, 12->13->11 MB, 13 MB goal, 2 P */
  g_assert_cmpstr (lines[1], ==,
                   "1,3,4,0.214,0.214,,1,1.900,0.710,0.045,1.945,3.800,0.390,0.000,2.600,0.091,"
                   "12,13,11,13,0,0,2,normal,");
  g_clear_pointer (&lines, g_strfreev);

  g_string_truncate (out, 0);
  hs_csv_write_event_rows (trace, &event, 0, 1, FALSE, ',', out);
  /* scvg3: 1767 MB released / inuse: 5, idle: 1778, sys: 1784, released: 1767, consumed: 17,
   * at lines 103–104, after gc 91, placed at (3 + 1) × 150 s */
  g_assert_cmpstr (out->str, ==, "4,103,91,600.000,true,scvg,3,false,false,1767,5,1778,1784,1767,17,,,,\r\n");

  g_string_truncate (out, 0);
  hs_csv_write_event_rows (trace, &event, 0, 1, TRUE, '\t', out);
  g_assert_true (g_str_has_prefix (out->str, "event\tline\tafter_gc\t"));
  g_assert_true (g_str_has_suffix (out->str, "\t1767\t5\t1778\t1784\t1767\t17\t\t\t\t\n"));
}

static void
test_csv_quoting (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("prefix");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *line = "pod \"a,b\" says: gc 7 @1.500s 2%: 0.1+2+0.3 ms clock, 0.2+0.5/1/2+0.6 ms cpu, "
                     "9->10->4 MB, 11 MB goal, 1 MB stacks, 2 MB globals, 4 P (forced)\n";

  hs_trace_reader_feed (reader, line, strlen (line));
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 1);
  hs_csv_write_cycle_rows (trace, NULL, 0, 1, FALSE, ',', out);
  g_assert_cmpstr (out->str, ==,
                   "1,7,1,1.500,1.500,,2,0.100,2.000,0.300,0.400,0.200,0.500,1.000,2.000,0.600,"
                   "9,10,4,11,1,2,4,forced,\"pod \"\"a,b\"\" says\"\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/table/HsFilter/counts", test_filter_counts);
  g_test_add_func ("/table/HsFilter/errors", test_filter_errors);
  g_test_add_func ("/table/HsFilter/events", test_filter_events);
  g_test_add_func ("/table/sort/radix", test_sort_radix);
  g_test_add_func ("/table/sort/random", test_sort_random);
  g_test_add_func ("/table/HsTableModel/filter-sort", test_model_filter_sort);
  g_test_add_func ("/table/HsTableModel/live", test_model_live);
  g_test_add_func ("/table/csv/rows", test_csv_rows);
  g_test_add_func ("/table/csv/quoting", test_csv_quoting);

  return g_test_run ();
}
