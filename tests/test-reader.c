/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reader.c: HsTraceReader, bytes in as a pipe delivers them, gives what the file loader gives. */

#include "config.h"

#include <string.h>

#include "hs-test-utils.h"
#include "trace/hs-trace-reader.h"

static const char *samples[] = {
  "go1.9-scavenger-release.log",
  "go1.7-benchmark-long.log",
  "go1.19/freeosmem.log",
};

#define GC_LINE "gc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P"

static HsTrace *
load_sample (const char  *name,
             char       **contents,
             gsize       *len)
{
  g_autofree char *path = hs_test_sample_path (name);
  g_autoptr(GError) error = NULL;
  HsTrace *trace;

  g_file_get_contents (path, contents, len, &error);
  g_assert_no_error (error);
  trace = hs_test_load_file (path, &error);
  g_assert_no_error (error);

  return trace;
}

static void
test_byte_by_byte (gconstpointer data)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(HsTrace) loaded = load_sample (data, &contents, &len);
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);

  for (gsize i = 0; i < len; i++)
    hs_trace_reader_feed (reader, contents + i, 1);
  hs_trace_reader_finish (reader);

  hs_test_assert_accounted (trace);
  hs_test_assert_traces_equal (trace, loaded);
}

static void
test_random_pieces (gconstpointer data)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(HsTrace) loaded = load_sample (data, &contents, &len);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(HsTrace) trace = hs_trace_new ("live");
      g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
      gsize done = 0;

      while (done < len)
        {
          /* not inside MIN (), which would draw twice */
          gsize piece = (gsize) g_test_rand_int_range (1, 4097);

          piece = MIN (piece, len - done);
          hs_trace_reader_feed (reader, contents + done, piece);
          done += piece;
        }
      hs_trace_reader_finish (reader);

      hs_test_assert_traces_equal (trace, loaded);
    }
}

static void
count_appended_cb (HsTrace *trace,
                   guint    first_cycle,
                   guint    n_cycles,
                   guint    first_event,
                   guint    n_events,
                   guint   *n_signals)
{
  (*n_signals)++;
}

/* A partial last line waits for its newline; nothing is announced for it. */
static void
test_partial_line_waits (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  guint n_signals = 0;

  g_signal_connect (trace, "items-appended", G_CALLBACK (count_appended_cb), &n_signals);

  hs_trace_reader_feed (reader, GC_LINE, 40);
  g_assert_cmpuint (hs_trace_reader_get_pending (reader), ==, 40);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->lines, ==, 0);
  g_assert_cmpuint (n_signals, ==, 0);

  hs_trace_reader_feed (reader, GC_LINE + 40, strlen (GC_LINE) - 40);
  g_assert_cmpuint (hs_trace_reader_get_pending (reader), ==, strlen (GC_LINE));
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 0);

  hs_trace_reader_feed (reader, "\n", 1);
  g_assert_cmpuint (hs_trace_reader_get_pending (reader), ==, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 1);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->lines, ==, 1);
  g_assert_cmpuint (n_signals, ==, 1);
}

/* finish: the last line without a newline counts, and what waited for a next line is settled. */
static void
test_finish_flushes (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  const char *text = "scvg3: 12 MB released\n" GC_LINE;

  hs_trace_reader_feed (reader, text, strlen (text));
  /* the released line waits for its inuse line, the GC line for its newline */
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 0);

  hs_trace_reader_finish (reader);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 1);
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, 1);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->lines, ==, 2);
  g_assert_cmpfloat (hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RELEASED_NOW, 0), ==, 12.0 * 1048576);
  hs_test_assert_accounted (trace);

  /* a second finish changes nothing */
  hs_trace_reader_finish (reader);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->lines, ==, 2);
}

static void
test_finish_torn (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  const char *text = "gc 24 @0.446s 0%: my log line\n";
  const HsMalformedLine *m;
  guint n_kept;

  hs_trace_reader_feed (reader, text, strlen (text));
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->malformed, ==, 0);
  hs_trace_reader_finish (reader);
  g_assert_cmpuint (hs_trace_get_line_counts (trace)->malformed, ==, 1);
  m = hs_trace_get_malformed (trace, &n_kept);
  g_assert_cmpuint (n_kept, ==, 1);
  g_assert_cmpuint (m[0].line, ==, 1);
  hs_test_assert_accounted (trace);
}

/*
 * A record torn after a log prefix, its two halves in two reads: the prefix's label was
 * interned in the batch of the first read and must still name the cycle.
 */
static void
test_torn_across_feeds (void)
{
  const char *head = "BenchmarkX-16 \tgc 24 @0.446s 0%: my log line\n";
  const char *tail = "0.015+1.3+0.004 ms clock, 0.030+0.6/1.1/0+0.008 ms cpu, 4->5->2 MB, 5 MB goal, 2 P\n";
  g_autoptr(GString) all = g_string_new (head);
  g_autoptr(HsTrace) trace = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(HsTrace) sequential = NULL;

  g_string_append (all, tail);
  sequential = hs_test_parse_sequential (all->str, all->len);
  g_assert_cmpstr (hs_trace_get_gc_label (sequential, 0), ==, "BenchmarkX-16");

  hs_trace_reader_feed (reader, head, strlen (head));
  hs_trace_reader_feed (reader, tail, strlen (tail));
  hs_trace_reader_finish (reader);

  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 1);
  g_assert_cmpstr (hs_trace_get_gc_label (trace, 0), ==, "BenchmarkX-16");
  hs_test_assert_traces_equal (trace, sequential);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *bytes = g_strdup_printf ("/reader/HsTraceReader/byte-by-byte/%s", samples[i]);
      g_autofree char *pieces = g_strdup_printf ("/reader/HsTraceReader/random-pieces/%s", samples[i]);

      g_test_add_data_func (bytes, samples[i], test_byte_by_byte);
      g_test_add_data_func (pieces, samples[i], test_random_pieces);
    }
  g_test_add_func ("/reader/HsTraceReader/partial-line-waits", test_partial_line_waits);
  g_test_add_func ("/reader/HsTraceReader/finish-flushes", test_finish_flushes);
  g_test_add_func ("/reader/HsTraceReader/finish-torn", test_finish_torn);
  g_test_add_func ("/reader/HsTraceReader/torn-across-feeds", test_torn_across_feeds);

  return g_test_run ();
}
