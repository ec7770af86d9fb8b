/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-memory-samples.c: the trace's third table, memory samples: values, fields, signal, memory. */

#include "config.h"

#include <math.h>

#include "trace/hs-trace.h"

typedef struct
{
  guint calls;
  guint first;
  guint n;
} Appended;

static void
samples_appended_cb (HsTrace  *trace,
                     guint     first,
                     guint     n,
                     Appended *appended)
{
  appended->calls++;
  appended->first = first;
  appended->n = n;
}

static void
test_samples_append (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("samples");
  g_autoptr(HsSampleTable) proc = hs_sample_table_new ();
  g_autoptr(HsSampleTable) expvar = hs_sample_table_new ();
  Appended appended = { 0 };
  double values[3];
  guint row;
  guint extra;
  int id;

  g_signal_connect (trace, "samples-appended", G_CALLBACK (samples_appended_cb), &appended);

  for (guint i = 0; i < 3; i++)
    {
      row = hs_sample_table_append_row (proc, 0.25 * i, 1700000000000000 + 250000 * i,
                                        HS_SAMPLE_SOURCE_PROC);
      hs_sample_table_set_value (proc, row, HS_SAMPLE_FIELD_RSS, 1048576.0 * (10 + i));
      hs_sample_table_set_value (proc, row, HS_SAMPLE_FIELD_VM_SIZE, 1048576.0 * 700);
    }
  hs_trace_append_samples (trace, proc);
  g_assert_cmpuint (appended.calls, ==, 1);
  g_assert_cmpuint (appended.first, ==, 0);
  g_assert_cmpuint (appended.n, ==, 3);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 3);
  g_assert_true (hs_trace_has_sample_field (trace, HS_SAMPLE_FIELD_RSS));
  g_assert_false (hs_trace_has_sample_field (trace, HS_SAMPLE_FIELD_HEAP_ALLOC));

  /* a batch with other fields and one the trace has not seen yet */
  row = hs_sample_table_append_row (expvar, 1.0, 1700000001000000, HS_SAMPLE_SOURCE_EXPVAR);
  hs_sample_table_set_value (expvar, row, HS_SAMPLE_FIELD_HEAP_ALLOC, 4096.0);
  hs_sample_table_set_value (expvar, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 0.015625);
  extra = hs_sample_table_intern_field (expvar, "go_memory_classes_os_stacks_bytes");
  g_assert_cmpuint (extra, ==, HS_N_SAMPLE_FIELDS);
  hs_sample_table_set_value (expvar, row, extra, 65536.0);
  hs_trace_append_samples (trace, expvar);

  g_assert_cmpuint (appended.calls, ==, 2);
  g_assert_cmpuint (appended.first, ==, 3);
  g_assert_cmpuint (appended.n, ==, 1);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 4);

  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, 2), ==, 12.0 * 1048576);
  g_assert_true (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, 3)));
  g_assert_true (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 0)));
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 3), ==, 4096.0);
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 3), ==, 0.015625);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 1), ==, 0.25);
  g_assert_cmpint (hs_trace_get_sample_wall_time (trace, 3), ==, 1700000001000000);
  g_assert_cmpint (hs_trace_get_sample_source (trace, 0), ==, HS_SAMPLE_SOURCE_PROC);
  g_assert_cmpint (hs_trace_get_sample_source (trace, 3), ==, HS_SAMPLE_SOURCE_EXPVAR);

  id = hs_trace_lookup_sample_field (trace, "go_memory_classes_os_stacks_bytes");
  g_assert_cmpint (id, >=, HS_N_SAMPLE_FIELDS);
  g_assert_cmpstr (hs_trace_get_sample_field_name (trace, (guint) id), ==, "go_memory_classes_os_stacks_bytes");
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) id, 3), ==, 65536.0);
  g_assert_true (isnan (hs_trace_get_sample_value (trace, (guint) id, 0)));
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "rss"), ==, HS_SAMPLE_FIELD_RSS);
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "no_such_value"), ==, -1);
  g_assert_cmpuint (hs_trace_get_n_sample_fields (trace), ==, HS_N_SAMPLE_FIELDS + 1);

  hs_trace_get_sample_values (trace, HS_SAMPLE_FIELD_RSS, 0, 3, values);
  g_assert_cmpfloat (values[0], ==, 10.0 * 1048576);
  g_assert_cmpfloat (values[1], ==, 11.0 * 1048576);
  hs_trace_get_sample_times (trace, 1, 3, values);
  g_assert_cmpfloat (values[0], ==, 0.25);
  g_assert_cmpfloat (values[1], ==, 0.5);
  g_assert_cmpfloat (values[2], ==, 1.0);

  /* an empty batch is no append */
  {
    g_autoptr(HsSampleTable) empty = hs_sample_table_new ();

    hs_trace_append_samples (trace, empty);
    g_assert_cmpuint (appended.calls, ==, 2);
  }
}

/* Memory grows with the samples and only with the columns that hold values. */
static void
test_samples_memory (void)
{
  g_autoptr(HsSampleTable) table = hs_sample_table_new ();
  gsize empty = hs_sample_table_get_memory (table);
  gsize one_column, two_columns;

  for (guint i = 0; i < 100000; i++)
    {
      guint row = hs_sample_table_append_row (table, i * 0.25, 0, HS_SAMPLE_SOURCE_PROC);

      hs_sample_table_set_value (table, row, HS_SAMPLE_FIELD_RSS, i);
    }
  one_column = hs_sample_table_get_memory (table) - empty;
  /* time, wall time, source and one value: 8 + 8 + 1 + 8 bytes a sample */
  g_assert_cmpuint (one_column, ==, 100000 * 25);

  hs_sample_table_set_value (table, 5, HS_SAMPLE_FIELD_VM_SIZE, 1.0);
  two_columns = hs_sample_table_get_memory (table) - empty;
  g_assert_cmpuint (two_columns, ==, 100000 * 33);
}

static void
test_sample_sources (void)
{
  HsSampleSource source;

  for (guint i = 0; i < HS_N_SAMPLE_SOURCES; i++)
    {
      g_assert_true (hs_sample_source_from_string (hs_sample_source_to_string (i), &source));
      g_assert_cmpint (source, ==, i);
    }
  g_assert_false (hs_sample_source_from_string ("pipe", &source));
  g_assert_cmpstr (hs_sample_source_to_string (HS_SAMPLE_SOURCE_METRICS), ==, "metrics");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/samples/HsTrace/append", test_samples_append);
  g_test_add_func ("/samples/HsSampleTable/memory", test_samples_memory);
  g_test_add_func ("/samples/HsSampleTable/sources", test_sample_sources);

  return g_test_run ();
}
