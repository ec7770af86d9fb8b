/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session.c: heapscope-session files: record live sessions, open them again, compare everything. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "hs-test-server.h"
#include "hs-test-utils.h"
#include "trace/hs-expvar-source.h"
#include "trace/hs-metrics-source.h"
#include "trace/hs-proc-sampler.h"
#include "trace/hs-session.h"
#include "trace/hs-session-writer.h"
#include "trace/hs-trace-reader.h"

/* Every sample, field by field: times, wall times, sources, every named value (NAN too). */
static void
assert_samples_equal (HsTrace *a,
                      HsTrace *b)
{
  g_assert_cmpuint (hs_trace_get_n_samples (a), ==, hs_trace_get_n_samples (b));

  for (guint f = 0; f < hs_trace_get_n_sample_fields (a); f++)
    {
      const char *name = hs_trace_get_sample_field_name (a, f);
      int g = hs_trace_lookup_sample_field (b, name);

      if (!hs_trace_has_sample_field (a, f))
        continue;
      if (g < 0)
        g_error ("the reopened session lacks the value “%s”", name);
      g_assert_true (hs_trace_has_sample_field (b, (guint) g));

      for (guint i = 0; i < hs_trace_get_n_samples (a); i++)
        {
          double va = hs_trace_get_sample_value (a, f, i);
          double vb = hs_trace_get_sample_value (b, (guint) g, i);

          if (isnan (va))
            g_assert_true (isnan (vb));
          else
            g_assert_cmpfloat (va, ==, vb);
        }
    }
  /* and nothing more */
  for (guint g = 0; g < hs_trace_get_n_sample_fields (b); g++)
    if (hs_trace_has_sample_field (b, g))
      g_assert_cmpint (hs_trace_lookup_sample_field (a, hs_trace_get_sample_field_name (b, g)), >=, 0);

  for (guint i = 0; i < hs_trace_get_n_samples (a); i++)
    {
      g_assert_cmpfloat (hs_trace_get_sample_time (a, i), ==, hs_trace_get_sample_time (b, i));
      g_assert_cmpint (hs_trace_get_sample_wall_time (a, i), ==, hs_trace_get_sample_wall_time (b, i));
      g_assert_cmpint (hs_trace_get_sample_source (a, i), ==, hs_trace_get_sample_source (b, i));
    }
}

static void
assert_sessions_equal (HsTrace *a,
                       HsTrace *b)
{
  hs_test_assert_traces_equal (a, b);
  for (guint i = 0; i < hs_trace_get_n_cycles (a); i++)
    g_assert_cmpint (hs_trace_get_gc_wall_time_us (a, i), ==, hs_trace_get_gc_wall_time_us (b, i));
  g_assert_cmpstr (hs_trace_get_content_key (a), ==, hs_trace_get_content_key (b));
  assert_samples_equal (a, b);
}

/*
 * A session is handed to the window in slices (hs_trace_cut): small ones, with cuts inside
 * runs and between a cycle and the scavenger events after it, give the trace one append
 * of it all does, label for label and sample for sample.
 */
static void
assert_slices_rebuild (HsTrace *other)
{
  g_autoptr(HsTrace) whole = hs_trace_new ("whole");
  g_autoptr(HsTrace) sliced = hs_trace_new ("sliced");
  g_autoptr(GPtrArray) slices = hs_trace_cut (other, 7, 5);

  hs_trace_append_trace (whole, other);
  g_assert_cmpuint (slices->len, >, 1);
  for (guint i = 0; i < slices->len; i++)
    {
      HsTraceSlice *slice = g_ptr_array_index (slices, i);

      hs_trace_append_store (sliced, slice->store, 0);
      hs_trace_append_samples (sliced, slice->samples);
    }
  hs_trace_set_content_key (sliced, hs_trace_get_content_key (other));

  assert_sessions_equal (other, whole);
  assert_sessions_equal (other, sliced);
  for (guint i = 0; i < hs_trace_get_n_cycles (other); i++)
    g_assert_cmpstr (hs_trace_get_gc_label (other, i), ==, hs_trace_get_gc_label (sliced, i));
  for (guint e = 0; e < hs_trace_get_n_events (other); e++)
    g_assert_cmpuint (hs_trace_get_scav_cycle (other, e), ==, hs_trace_get_scav_cycle (sliced, e));
}

static char *
temp_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("heapscope-session-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static HsTrace *
reopen (const char     *path,
        HsSessionInfo **info)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_session_load (file, info, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

/*
 * The --run case: a gctrace log read in chunks that cut lines (with a line that is not
 * UTF-8 and one with a NUL byte), and /proc samples of a real process in between.
 */
static void
test_session_log_and_proc (void)
{
  g_autofree char *sample = hs_test_sample_path ("go1.9-scavenger-release.log");
  g_autofree char *path = temp_path ("run.heapscope-session");
  g_autofree char *log = NULL;
  g_autoptr(GString) input = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) live = hs_trace_new ("./server");
  g_autoptr(HsTrace) reference = NULL;
  g_autoptr(HsTrace) reopened = NULL;
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (live);
  g_autoptr(HsProcSampler) sampler = hs_proc_sampler_new_for_child (live, getpid ());
  g_autoptr(HsSessionWriter) writer = NULL;
  g_autoptr(HsSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, offset = 0, chunk = 1;

  g_assert_true (g_file_get_contents (sample, &log, &len, NULL));
  input = g_string_new_len (log, (gssize) len);
  g_string_append_len (input, "program output \xff\xfe not UTF-8\n", 28);
  g_string_append_len (input, "a NUL \0 byte\n", 13);
  g_string_append_len (input, log, (gssize) MIN (len, 2000));   /* a second run */

  writer = hs_session_writer_new_for_file (live, file, &error);
  g_assert_no_error (error);
  hs_session_writer_add_source (writer, "run", "./server -port 8080");
  hs_session_writer_add_source (writer, "proc", "4242");

  /* chunks of 1, 2, 3 … 97 bytes, as a pipe gives them, a sample between every few */
  while (offset < input->len)
    {
      gsize n = MIN (chunk, input->len - offset);

      hs_session_writer_add_lines (writer, input->str + offset, n);
      hs_trace_reader_feed (reader, input->str + offset, n);
      offset += n;
      chunk = chunk % 97 + 1;
      if (chunk % 7 == 0)
        {
          g_assert_true (hs_proc_sampler_sample (sampler, &error));
          g_assert_no_error (error);
        }
    }
  hs_trace_reader_finish (reader);
  g_assert_true (hs_session_writer_close (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hs_trace_get_n_samples (live), >, 30);
  g_assert_cmpuint (hs_trace_get_n_runs (live), ==, 2);

  reopened = reopen (path, &info);
  assert_sessions_equal (live, reopened);
  assert_slices_rebuild (reopened);

  /* independently: the log parsed in one go gives the same cycles and events */
  reference = hs_test_parse_sequential (input->str, input->len);
  hs_test_assert_traces_equal (reference, reopened);

  g_assert_cmpuint (info->version, ==, 1);
  g_assert_cmpstr (info->name, ==, "./server");
  g_assert_true (info->complete);
  g_assert_cmpuint (info->sources->len, ==, 2);
  g_assert_cmpstr (((HsSessionSource *) g_ptr_array_index (info->sources, 0))->kind, ==, "run");
  g_assert_cmpstr (((HsSessionSource *) g_ptr_array_index (info->sources, 0))->detail, ==, "./server -port 8080");
  g_assert_cmpstr (((HsSessionSource *) g_ptr_array_index (info->sources, 1))->kind, ==, "proc");
  g_assert_cmpint (llabs (info->created_unix_us - g_get_real_time ()), <, 60 * G_USEC_PER_SEC);

  remove_temp (path);
}

/* The --expvar case: polled cycles of two runs of the program, and memstats samples. */
static void
test_session_expvar (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json", "run-debug-vars-3.json",
                            "restart-debug-vars-1.json", "restart-debug-vars-2.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/debug/vars");
  g_autofree char *path = temp_path ("expvar.heapscope-session");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) live = hs_trace_new ("expvar");
  g_autoptr(HsTrace) reopened = NULL;
  g_autoptr(HsSessionWriter) writer = NULL;
  g_autoptr(HsSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  HsExpvarSource *source;

  source = hs_expvar_source_new (live, url, &error);
  g_assert_no_error (error);
  writer = hs_session_writer_new_for_file (live, file, &error);
  g_assert_no_error (error);
  hs_session_writer_add_source (writer, "expvar", url);

  hs_http_source_set_interval (HS_HTTP_SOURCE (source), 20);
  run_until_answers (HS_HTTP_SOURCE (source), 5);
  finish_source (HS_HTTP_SOURCE (source));
  g_assert_true (hs_session_writer_close (writer, &error));

  g_assert_cmpuint (hs_trace_get_n_cycles (live), ==, 5 + 100 + 256 + 105);
  g_assert_cmpuint (hs_trace_get_n_runs (live), ==, 2);

  reopened = reopen (path, &info);
  assert_sessions_equal (live, reopened);
  assert_slices_rebuild (reopened);
  g_assert_true (info->complete);
  g_assert_cmpstr (((HsSessionSource *) g_ptr_array_index (info->sources, 0))->detail, ==, url);

  remove_temp (path);
}

/* The --metrics case: estimated times, averaged pauses, extra names; and a writer made late. */
static void
test_session_metrics (void)
{
  const char *answers[] = { "run-metrics-1.txt", "run-metrics-2.txt", "run-metrics-3.txt", "run-metrics-4.txt", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/metrics");
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(HsTrace) live = hs_trace_new ("metrics");
  g_autoptr(HsTrace) reopened = NULL;
  g_autoptr(HsSessionWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  HsMetricsSource *source;
  gsize size;

  source = hs_metrics_source_new (live, url, &error);
  hs_http_source_set_interval (HS_HTTP_SOURCE (source), 20);
  run_until_answers (HS_HTTP_SOURCE (source), 2);

  /* made after two answers: what the trace holds is written first */
  writer = hs_session_writer_new (live, memory, &error);
  g_assert_no_error (error);
  run_until_answers (HS_HTTP_SOURCE (source), 4);
  finish_source (HS_HTTP_SOURCE (source));
  g_assert_true (hs_session_writer_close (writer, &error));

  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  in = g_memory_input_stream_new_from_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), (gssize) size, NULL);
  reopened = hs_session_load_stream (in, "metrics", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hs_trace_get_n_cycles (live), ==, 401);
  assert_sessions_equal (live, reopened);
}

/* Values that are not finite, and extra names, come back too. */
static void
test_session_values (void)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(HsTrace) live = hs_trace_new ("values");
  g_autoptr(HsTrace) reopened = NULL;
  g_autoptr(HsSessionWriter) writer = NULL;
  g_autoptr(HsSampleTable) batch = hs_sample_table_new ();
  g_autoptr(GError) error = NULL;
  const double values[] = { INFINITY, -INFINITY, 0.1, 1e300, 5e-324, -0.0, 123456789012345678.0 };
  guint row, field = hs_sample_table_intern_field (batch, "go_gc_duration_seconds{quantile=\"1\"}");
  gsize size;

  writer = hs_session_writer_new (live, memory, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      row = hs_sample_table_append_row (batch, i / 3.0, 1796047372774396 + i, HS_SAMPLE_SOURCE_METRICS);
      hs_sample_table_set_value (batch, row, field, values[i]);
      if (i % 2 == 0)
        hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 1.0 / (i + 3));
    }
  hs_trace_append_samples (live, batch);
  g_assert_true (hs_session_writer_close (writer, &error));

  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  in = g_memory_input_stream_new_from_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), (gssize) size, NULL);
  reopened = hs_session_load_stream (in, "values", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_samples_equal (live, reopened);
  g_assert_true (signbit (hs_trace_get_sample_value (reopened, (guint) hs_trace_lookup_sample_field (reopened, "go_gc_duration_seconds{quantile=\"1\"}"), 5)));
}

static HsTrace *
load_text (const char      *text,
           HsSessionInfo  **info,
           GError         **error)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (text, (gssize) strlen (text), NULL);

  return hs_session_load_stream (in, "s.heapscope-session", info, NULL, error);
}

#define HEADER "{\"heapscope-session\":1,\"name\":\"n\",\"created_unix_us\":1}\n"
#define SAMPLE "{\"sample\":{\"t\":1.5,\"wall_us\":7,\"source\":\"proc\",\"values\":{\"rss\":4096}}}\n"
#define LINE "{\"lines\":\"gc 1 @0.011s 2%: 0.015+0.41+0.003 ms clock, 0.060+0.23/0.32/0.10+0.012 ms cpu, 4->4->0 MB, 4 MB goal, 4 P\\n\"}\n"

/* A recording cut short opens with what it has; its last, unfinished record is dropped. */
static void
test_session_cut_short (void)
{
  g_autoptr(HsSessionInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = NULL;
  const char *text = HEADER LINE SAMPLE SAMPLE "{\"sample\":{\"t\":2.5,\"wall_";

  trace = load_text (text, &info, &error);
  g_assert_no_error (error);
  g_assert_false (info->complete);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 2);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 1);
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, 1), ==, 4096);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 1), ==, 1.5);
  g_assert_cmpint (hs_trace_get_sample_wall_time (trace, 1), ==, 7);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_GOAL, 0), ==, 4 * 1048576.0);
}

static void
test_session_errors (void)
{
  static const struct {
    const char *text;
    int         code;
    const char *message;
  } cases[] = {
    { "gc 1 @0.011s 2%: 0.015+0.41+0.003 ms clock\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: this is not a Heapscope session file" },
    { "", G_IO_ERROR_INVALID_DATA, "s.heapscope-session: this is not a Heapscope session file" },
    { "{\"heapscope-session\":2,\"name\":\"n\"}\n", G_IO_ERROR_NOT_SUPPORTED,
      "s.heapscope-session: the session format version 2 is not known to this Heapscope, which reads version 1" },
    { "{\"heapscope-session\":\"1\"}\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 1: this is not a Heapscope session file" },
    { HEADER SAMPLE "not json\n" SAMPLE, G_IO_ERROR_INVALID_DATA, "s.heapscope-session: line 3: not a JSON record" },
    { HEADER "[1, 2]\n", G_IO_ERROR_INVALID_DATA, "s.heapscope-session: line 2: a record must be a JSON object" },
    { HEADER "{\"sample\":{\"t\":\"x\",\"wall_us\":7,\"source\":\"proc\",\"values\":{}}}\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 2: a sample needs a number “t”" },
    { HEADER "{\"sample\":{\"t\":1,\"wall_us\":7,\"source\":\"pipe\",\"values\":{}}}\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 2: a sample needs a “source”: proc, expvar or metrics" },
    { HEADER "{\"sample\":{\"t\":1,\"wall_us\":7,\"source\":\"proc\",\"values\":{\"rss\":\"big\"}}}\n",
      G_IO_ERROR_INVALID_DATA, "s.heapscope-session: line 2: a sample value must be a number" },
    { HEADER "{\"cycle\":{\"number\":1}}\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 2: a cycle lacks a field or has one of the wrong type" },
    { HEADER "{\"lines\":3}\n", G_IO_ERROR_INVALID_DATA, "s.heapscope-session: line 2: “lines” must be a string" },
    { HEADER SAMPLE "{\"end\":{\"samples\":2,\"cycles\":0,\"bytes\":0}}\n", G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 3: the end record counts other records than the file holds: it is damaged" },
    { HEADER SAMPLE "{\"end\":{\"samples\":1,\"cycles\":0,\"bytes\":0}}\n" SAMPLE, G_IO_ERROR_INVALID_DATA,
      "s.heapscope-session: line 4: there are records after the end record" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsTrace) trace = load_text (cases[i].text, NULL, &error);

      g_assert_null (trace);
      g_assert_error (error, G_IO_ERROR, cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_error ("case %u: “%s” does not start with “%s”", i, error->message, cases[i].message);
    }

  /* unknown records and keys are skipped; a complete file with an end record */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HsSessionInfo) info = NULL;
    g_autoptr(HsTrace) trace = load_text (HEADER "{\"annotation\":{\"text\":\"later\"}}\n" SAMPLE
                                          "{\"end\":{\"samples\":1,\"cycles\":0,\"bytes\":0}}\n", &info, &error);

    g_assert_no_error (error);
    g_assert_true (info->complete);
    g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 1);
  }
}

static void
test_session_sniff (void)
{
  g_assert_true (hs_session_sniff (HEADER, strlen (HEADER)));
  g_assert_false (hs_session_sniff ("{\"heapscope", 11));
  g_assert_false (hs_session_sniff ("gc 1 @0.011s", 12));
}

/* A write that fails (the disk is full) is reported by close; the session itself goes on. */
static void
test_session_write_error (void)
{
  static char buffer[300];
  g_autoptr(GOutputStream) small = g_memory_output_stream_new (buffer, sizeof buffer, NULL, NULL);
  g_autoptr(HsTrace) live = hs_trace_new ("full");
  g_autoptr(HsSessionWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  /* room for the header, not for ten samples */
  writer = hs_session_writer_new (live, small, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(HsSampleTable) batch = hs_sample_table_new ();
      guint row = hs_sample_table_append_row (batch, i, 1796047372774396, HS_SAMPLE_SOURCE_PROC);

      hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_RSS, 1e9);
      hs_trace_append_samples (live, batch);
    }
  g_assert_cmpuint (hs_trace_get_n_samples (live), ==, 10);
  g_assert_error ((GError *) hs_session_writer_get_error (writer), G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_false (hs_session_writer_close (writer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_true (g_str_has_prefix (error->message, "Could not save the session: "));
}

/* Slices of a trace with what slices could lose: labels, malformed lines, restarts, a pending "GC forced". */
static void
test_session_slices (void)
{
  g_autofree char *sample = hs_test_sample_path ("go1.19/memlimit.log");
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(HsTrace) trace = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (sample, &log, &len, NULL));
  lines = g_strsplit (log, "\n", -1);
  /* two services' journald prefixes in turn (two labels), a torn-off malformed record, a restart */
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_string_append_printf (input, "Nov 30 13:%02u:%02u host %s[42]: %s\n", i / 60 % 60, i % 60,
                            i % 3 == 0 ? "api" : "worker", lines[i]);
  g_string_append (input, "gc 77 @1.000s 5%: garbage\n");
  g_string_append (input, log);
  g_string_append (input, "GC forced\n");
  trace = hs_test_parse_sequential (input->str, input->len);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), >=, 2);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->malformed, >=, 1);
  g_assert_nonnull (hs_trace_get_gc_label (trace, 0));

  assert_slices_rebuild (trace);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/round-trip/log-and-proc", test_session_log_and_proc);
  g_test_add_func ("/session/round-trip/expvar", test_session_expvar);
  g_test_add_func ("/session/round-trip/metrics", test_session_metrics);
  g_test_add_func ("/session/round-trip/values", test_session_values);
  g_test_add_func ("/session/load/cut-short", test_session_cut_short);
  g_test_add_func ("/session/load/slices", test_session_slices);
  g_test_add_func ("/session/load/errors", test_session_errors);
  g_test_add_func ("/session/load/sniff", test_session_sniff);
  g_test_add_func ("/session/write/error", test_session_write_error);

  return g_test_run ();
}
