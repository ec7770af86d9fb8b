/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-test-utils.c: helpers the trace tests share: reference parses and field-by-field comparison. */

#include "config.h"

#include <math.h>

#include "hs-test-utils.h"
#include "trace/hs-parser.h"
#include "trace/hs-trace-loader.h"

char *
hs_test_sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "samples", name, NULL);
}

/* The reference every faster path is held to: one HsParser over all of it, in one batch. */
HsTrace *
hs_test_parse_sequential (const char *data,
                          gsize       len)
{
  g_autoptr(HsParser) parser = hs_parser_new ();
  HsTrace *trace = hs_trace_new ("sequential");

  hs_parser_feed_lines (parser, data, len);
  hs_parser_finish (parser);
  hs_trace_append_store (trace, hs_parser_get_store (parser), 0);

  return trace;
}

HsTrace *
hs_test_load_file (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) trace = hs_trace_new (path);

  if (!hs_trace_load_file_sync (trace, file, NULL, error))
    return NULL;

  return g_steal_pointer (&trace);
}

/* A sample of tests/data/samples/, which must load. */
HsTrace *
hs_test_load_sample (const char *name)
{
  g_autofree char *path = hs_test_sample_path (name);
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_test_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

/* lines = parsed + skipped + malformed, and each kind of line in exactly one counter */
void
hs_test_assert_accounted (HsTrace *trace)
{
  const HsLineCounts *c = hs_trace_get_line_counts (trace);

  g_assert_cmpuint (hs_trace_get_parsed_lines (trace) + c->foreign + c->malformed, ==, c->lines);
  g_assert_cmpuint (c->gc + c->scavenger + c->markers + c->other_runtime + c->legacy, ==,
                    hs_trace_get_parsed_lines (trace));
}

static void
assert_double_equal (double a,
                     double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

void
hs_test_assert_cycle_equal (HsTrace *a,
                            guint    cycle_a,
                            HsTrace *b,
                            guint    cycle_b)
{
  HsGcRecord ra, rb;

  hs_trace_get_gc_record (a, cycle_a, &ra);
  hs_trace_get_gc_record (b, cycle_b, &rb);
  g_assert_cmpuint (ra.number, ==, rb.number);
  g_assert_cmpuint (ra.time_ms, ==, rb.time_ms);
  g_assert_cmpuint (ra.cpu_percent, ==, rb.cpu_percent);
  for (guint j = 0; j < HS_N_CLOCK; j++)
    g_assert_cmpuint (ra.clock_us[j], ==, rb.clock_us[j]);
  for (guint j = 0; j < HS_N_CPU; j++)
    g_assert_cmpuint (ra.cpu_us[j], ==, rb.cpu_us[j]);
  g_assert_cmpuint (ra.heap_before_mb, ==, rb.heap_before_mb);
  g_assert_cmpuint (ra.heap_after_mb, ==, rb.heap_after_mb);
  g_assert_cmpuint (ra.heap_live_mb, ==, rb.heap_live_mb);
  g_assert_cmpuint (ra.heap_goal_mb, ==, rb.heap_goal_mb);
  g_assert_cmpuint (ra.stacks_mb, ==, rb.stacks_mb);
  g_assert_cmpuint (ra.globals_mb, ==, rb.globals_mb);
  g_assert_cmpuint (ra.procs, ==, rb.procs);
  g_assert_cmpuint (ra.flags, ==, rb.flags);
  g_assert_cmpuint (hs_trace_get_gc_flags (a, cycle_a), ==, hs_trace_get_gc_flags (b, cycle_b));
  g_assert_cmpuint (hs_trace_get_gc_line (a, cycle_a), ==, hs_trace_get_gc_line (b, cycle_b));
  g_assert_cmpstr (hs_trace_get_gc_label (a, cycle_a), ==, hs_trace_get_gc_label (b, cycle_b));
  assert_double_equal (hs_trace_get_gc_value (a, HS_GC_FIELD_WALL_TIME, cycle_a),
                       hs_trace_get_gc_value (b, HS_GC_FIELD_WALL_TIME, cycle_b));
}

/* Every cycle, event, run, count and malformed line, field by field. */
void
hs_test_assert_traces_equal (HsTrace *a,
                             HsTrace *b)
{
  const HsLineCounts *ca = hs_trace_get_line_counts (a);
  const HsLineCounts *cb = hs_trace_get_line_counts (b);
  const HsMalformedLine *ma, *mb;
  guint na, nb;

  g_assert_cmpuint (ca->lines, ==, cb->lines);
  g_assert_cmpuint (ca->gc, ==, cb->gc);
  g_assert_cmpuint (ca->scavenger, ==, cb->scavenger);
  g_assert_cmpuint (ca->markers, ==, cb->markers);
  g_assert_cmpuint (ca->other_runtime, ==, cb->other_runtime);
  g_assert_cmpuint (ca->legacy, ==, cb->legacy);
  g_assert_cmpuint (ca->foreign, ==, cb->foreign);
  g_assert_cmpuint (ca->malformed, ==, cb->malformed);
  g_assert_cmpuint (ca->joined, ==, cb->joined);
  g_assert_cmpuint (hs_trace_get_first_legacy_line (a), ==, hs_trace_get_first_legacy_line (b));
  g_assert_cmpuint (hs_trace_get_gc_formats (a), ==, hs_trace_get_gc_formats (b));
  g_assert_cmpuint (hs_trace_get_scav_formats (a), ==, hs_trace_get_scav_formats (b));
  g_assert_cmpint (hs_trace_has_wall_time (a), ==, hs_trace_has_wall_time (b));

  g_assert_cmpuint (hs_trace_get_n_cycles (a), ==, hs_trace_get_n_cycles (b));
  for (guint i = 0; i < hs_trace_get_n_cycles (a); i++)
    {
      hs_test_assert_cycle_equal (a, i, b, i);
      g_assert_cmpfloat (hs_trace_get_gc_value (a, HS_GC_FIELD_TIME, i), ==,
                         hs_trace_get_gc_value (b, HS_GC_FIELD_TIME, i));
    }

  g_assert_cmpuint (hs_trace_get_n_runs (a), ==, hs_trace_get_n_runs (b));
  for (guint i = 0; i < hs_trace_get_n_runs (a); i++)
    {
      const HsRun *ra = hs_trace_get_run (a, i);
      const HsRun *rb = hs_trace_get_run (b, i);

      g_assert_cmpuint (ra->first_cycle, ==, rb->first_cycle);
      g_assert_cmpuint (ra->n_cycles, ==, rb->n_cycles);
      g_assert_cmpuint (ra->first_line, ==, rb->first_line);
      g_assert_cmpfloat (ra->time_offset, ==, rb->time_offset);
    }

  g_assert_cmpuint (hs_trace_get_n_events (a), ==, hs_trace_get_n_events (b));
  for (guint i = 0; i < hs_trace_get_n_events (a); i++)
    {
      HsScavRecord sa, sb;

      hs_trace_get_scav_record (a, i, &sa);
      hs_trace_get_scav_record (b, i, &sb);
      g_assert_cmpint (sa.kind, ==, sb.kind);
      g_assert_cmpint (sa.format, ==, sb.format);
      g_assert_cmpuint (sa.flags, ==, sb.flags);
      g_assert_cmpint (sa.sequence, ==, sb.sequence);
      g_assert_cmpuint (sa.released_now_kib, ==, sb.released_now_kib);
      g_assert_cmpuint (sa.inuse_kib, ==, sb.inuse_kib);
      g_assert_cmpuint (sa.idle_kib, ==, sb.idle_kib);
      g_assert_cmpuint (sa.sys_kib, ==, sb.sys_kib);
      g_assert_cmpuint (sa.released_kib, ==, sb.released_kib);
      g_assert_cmpuint (sa.consumed_kib, ==, sb.consumed_kib);
      g_assert_cmpuint (sa.work_kib, ==, sb.work_kib);
      g_assert_cmpuint (sa.eager_kib, ==, sb.eager_kib);
      g_assert_cmpuint (sa.retained_kib, ==, sb.retained_kib);
      g_assert_cmpuint (sa.util_percent, ==, sb.util_percent);
      g_assert_cmpuint (hs_trace_get_scav_cycle (a, i), ==, hs_trace_get_scav_cycle (b, i));
      g_assert_cmpuint (hs_trace_get_scav_line (a, i), ==, hs_trace_get_scav_line (b, i));
      g_assert_cmpfloat (hs_trace_get_scav_value (a, HS_SCAV_FIELD_TIME, i), ==,
                         hs_trace_get_scav_value (b, HS_SCAV_FIELD_TIME, i));
    }

  ma = hs_trace_get_malformed (a, &na);
  mb = hs_trace_get_malformed (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpuint (ma[i].line, ==, mb[i].line);
      g_assert_cmpstr (ma[i].reason, ==, mb[i].reason);
      g_assert_cmpstr (ma[i].text, ==, mb[i].text);
    }
}

/* How many rows of @trace the filter @text (which must parse) lets through. */
guint
hs_test_count_matches (HsTrace        *trace,
                       HsFilterTarget  target,
                       const char     *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsFilter) filter = hs_filter_parse (text, target, &error);
  guint rows = target == HS_FILTER_CYCLES ? hs_trace_get_n_cycles (trace) :
               target == HS_FILTER_EVENTS ? hs_trace_get_n_events (trace) : hs_trace_get_n_samples (trace);
  guint n = 0;

  g_assert_no_error (error);
  g_assert_nonnull (filter);
  for (guint i = 0; i < rows; i++)
    n += hs_filter_matches (filter, trace, i);

  return n;
}

/* Runs the main loop until the model's filtering and sorting is done. */
void
hs_test_wait_until_idle (HsTableModel *model)
{
  while (hs_table_model_get_busy (model))
    g_main_context_iteration (NULL, TRUE);
}

/* ---- a process whose resident memory a test drives (tests/hs-rss-child.c) ---- */


void
hs_test_child_start (HsTestChild *c)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "hs-rss-child", NULL);

  hs_test_child_start_as (c, path);
}

/* The same child started through @path, e.g. a symbolic link with another name. */
void
hs_test_child_start_as (HsTestChild *c,
                        const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  c->spawned_us = g_get_real_time ();
  c->child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error, path, NULL);
  g_assert_no_error (error);
  c->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (c->child), NULL, 10);
  c->in = g_object_ref (g_subprocess_get_stdin_pipe (c->child));
  c->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->child));

  line = g_data_input_stream_read_line (c->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
}

void
hs_test_child_command (HsTestChild      *c,
               const char *command,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (command, "\n", NULL);
  g_autofree char *line = NULL;

  g_output_stream_write_all (c->in, text, strlen (text), NULL, NULL, &error);
  g_assert_no_error (error);
  if (expected == NULL)
    return;

  line = g_data_input_stream_read_line (c->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, expected);
}

GPid
hs_test_child_pid (HsTestChild *c)
{
  return c->pid;
}

void
hs_test_child_clear (HsTestChild *c)
{
  if (c->child != NULL && g_subprocess_get_identifier (c->child) != NULL)
    g_subprocess_force_exit (c->child);
  if (c->child != NULL)
    g_subprocess_wait (c->child, NULL, NULL);
  g_clear_object (&c->in);
  g_clear_object (&c->out);
  g_clear_object (&c->child);
}
