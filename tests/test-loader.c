/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-loader.c: the chunked parallel loader gives what one sequential parser gives, on any input. */

#include "config.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hs-test-utils.h"
#include "trace/hs-trace-loader.h"
#include "trace/hs-trace-reader.h"

/*
 * hs-trace-loader.c reads 2 bytes (the gzip magic), then READ_SIZE = 256 KiB at a time, and
 * cuts a chunk once it holds BLOCK_SIZE = 4 MiB: at the last newline, or before the last
 * line when that line waits for the next one. With full reads from a plain file, the cuts
 * therefore fall at the last line break before 2 + k × 16 × 256 KiB. The synthetic file puts
 * the lines that depend on their neighbours exactly there.
 */
#define READ_SIZE 262144
#define CUT(k) (2 + (gsize) (k) * 16 * READ_SIZE)

static char *tmp_dir;
static char *big_path;
static GBytes *big_data;

typedef struct
{
  GString *text;
  guint    number;
  guint64  time_ms;
} Builder;

static void
add_gc (Builder    *b,
        const char *prefix,
        const char *suffix)
{
  b->number++;
  b->time_ms += 1 + b->number % 7;
  g_string_append_printf (b->text,
                          "%sgc %u @%" G_GUINT64_FORMAT ".%03us %u%%: 0.%03u+%u.%u+0.0%02u ms clock, "
                          "0.%03u+0.%u/%u.%u/0+0.0%02u ms cpu, %u->%u->%u MB, %u MB goal, %u P%s\n",
                          prefix, b->number, b->time_ms / 1000, (guint) (b->time_ms % 1000),
                          b->number % 5, 10 + b->number % 900, b->number % 40, b->number % 10,
                          10 + b->number % 89, 20 + b->number % 900, b->number % 10,
                          b->number % 7, b->number % 10, 10 + b->number % 89,
                          4 + b->number % 50, 5 + b->number % 50, 2 + b->number % 20,
                          6 + b->number % 50, 1 + b->number % 8, suffix);
}

/* Ordinary lines of every kind, varied by @i. */
static void
add_filler (Builder *b,
            guint    i)
{
  switch (i % 13)
    {
    case 3:
      g_string_append (b->text, "BenchmarkInsert-4   \t 1000000\t      1234 ns/op\n");
      break;
    case 5:
      add_gc (b, "pod/web-1: ", "");
      break;
    case 7:
      g_string_append_printf (b->text, "scav %u KiB work, %u KiB total, %u%% util\n", i % 4096, i, i % 100);
      break;
    case 9:
      add_gc (b, "", " (forced)");
      break;
    case 11:
      g_string_append (b->text, "pacer: assist ratio=+4.076850e-001 (scan 0 MB in 6->8 MB) workers=2+0\n");
      break;
    default:
      add_gc (b, "", "");
      break;
    }
}

/* Fills up to where @tail must start for it to end exactly at @end. */
static void
fill_until (Builder    *b,
            gsize       end,
            const char *tail)
{
  gsize tail_len = strlen (tail);
  guint i = 0;

  g_assert_cmpuint (b->text->len + tail_len + 400, <, end);
  while (b->text->len + tail_len + 400 < end)
    add_filler (b, i++);

  /* a foreign line of the exact length left */
  {
    gsize pad = end - tail_len - b->text->len;

    g_assert_cmpuint (pad, >=, 2);
    for (gsize j = 0; j + 1 < pad; j++)
      g_string_append_c (b->text, 'a' + (char) (j % 26));
    g_string_append_c (b->text, '\n');
  }
  g_string_append (b->text, tail);
  g_assert_cmpuint (b->text->len, ==, end);
}

static GBytes *
make_big_trace (void)
{
  Builder b = { g_string_new (NULL), 0, 0 };

  /* chunk 1 ends with "GC forced": the first cycle of chunk 2 is periodic, and a new run */
  fill_until (&b, CUT (1), "GC forced\n");
  b.number = 0;
  b.time_ms = 0;
  add_gc (&b, "", "");
  g_string_append (b.text, "scvg: 0 MB released\n");

  /* chunk 2 ends before a torn record: its head waits for the next line */
  fill_until (&b, CUT (2), "gc 1000000 @99999.000s 1%: my own log line\n");
  b.number = 1000000;
  b.time_ms = 99999000;
  g_string_append (b.text, "0.015+1.3+0.004 ms clock, 0.030+0.6/1.1/0+0.008 ms cpu, 4->5->2 MB, 5 MB goal, 2 P\n");
  g_string_append (b.text, "scav 1088 KiB, 624 KiB total, 80% util\n");

  /* chunk 3 ends before a released line, whose inuse line opens chunk 4 */
  fill_until (&b, CUT (3), "scvg5: 1767 MB released\n");
  g_string_append (b.text, "scvg5: inuse: 5, idle: 1778, sys: 1784, released: 1767, consumed: 17 (MB)\n");

  /* program output between the released and the inuse line, across the cut */
  fill_until (&b, CUT (4), "scvg6: 3 MB released\nprogram output\n");
  g_string_append (b.text, "scvg6: inuse: 5, idle: 1775, sys: 1784, released: 1770, consumed: 14 (MB)\n");

  for (guint i = 0; i < 2000; i++)
    add_filler (&b, i);
  /* a last line without a newline */
  g_string_append (b.text, "GC forced\n");
  add_gc (&b, "", "");
  g_string_truncate (b.text, b.text->len - 1);

  return g_string_free_to_bytes (b.text);
}

static char *
write_temp (const char *name,
            const void *data,
            gsize       len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
gzip_bytes (const void *data,
            gsize       len,
            int         level)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, level);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;

  out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static HsTrace *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_test_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  hs_test_assert_accounted (trace);
  return trace;
}

static void
assert_loads_like_sequential (const char *path,
                              const void *data,
                              gsize       len)
{
  g_autoptr(HsTrace) loaded = load_path (path);
  g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);

  hs_test_assert_traces_equal (loaded, sequential);
}

/* Chunked parallel load = sequential feed, field by field, over cuts placed on purpose. */
static void
test_chunked_equals_sequential (void)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(HsTrace) loaded = load_path (big_path);
  g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);
  guint64 n_lines = 1;

  g_assert_cmpuint (len, >, 16u << 20);
  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      n_lines++;

  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->lines, ==, n_lines);
  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->joined, ==, 1);
  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->malformed, ==, 1);
  /* one restart: gc 1 after the first cut (gc 1000000 continues that run: its number and time grow) */
  g_assert_cmpuint (hs_trace_get_n_runs (loaded), ==, 2);
  hs_test_assert_traces_equal (loaded, sequential);
}

/* The first cycle of chunk 2 follows "GC forced" and restarts the counter. */
static void
test_chunk_boundary_flags (void)
{
  g_autoptr(HsTrace) loaded = load_path (big_path);
  const HsRun *run = hs_trace_get_run (loaded, 1);
  guint flags = hs_trace_get_gc_flags (loaded, run->first_cycle);

  g_assert_cmpfloat (hs_trace_get_gc_value (loaded, HS_GC_FIELD_NUMBER, run->first_cycle), ==, 1.0);
  g_assert_cmpuint (flags & HS_GC_FLAG_PERIODIC, !=, 0);
  g_assert_cmpuint (flags & HS_GC_FLAG_NEW_RUN, !=, 0);
}

static void
test_gzip (void)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(GBytes) gz = gzip_bytes (data, len, 6);
  g_autofree char *path = write_temp ("big.log.gz", g_bytes_get_data (gz, NULL), g_bytes_get_size (gz));

  assert_loads_like_sequential (path, data, len);
}

/* Rotated logs concatenated: several gzip members are one stream. */
static void
test_gzip_multi_member (void)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  gsize half = (gsize) ((const char *) memchr (data + len / 3, '\n', len - len / 3) - data) + 1;
  g_autoptr(GBytes) first = gzip_bytes (data, half, 6);
  g_autoptr(GBytes) second = gzip_bytes (data + half, len - half, 1);
  g_autoptr(GByteArray) both = g_byte_array_new ();
  g_autofree char *path = NULL;

  g_byte_array_append (both, g_bytes_get_data (first, NULL), (guint) g_bytes_get_size (first));
  g_byte_array_append (both, g_bytes_get_data (second, NULL), (guint) g_bytes_get_size (second));
  path = write_temp ("multi.log.gz", both->data, both->len);

  assert_loads_like_sequential (path, data, len);
}

/* Text of exactly @len bytes: GC lines and a last padding line. */
static GString *
text_of_length (gsize len)
{
  Builder b = { g_string_new (NULL), 0, 0 };

  fill_until (&b, len, "GC forced\n");
  return b.text;
}

/*
 * A member boundary one byte before the end of a 256 KiB read: the second member's magic
 * is split across two reads. The first member is stored (level 0) so that its size can be
 * steered byte by byte: it must be 2 + 256 Ki − 1 bytes long.
 */
static void
test_gzip_member_split_magic (void)
{
  const gsize target = 2 + READ_SIZE - 1;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GString) text = NULL;
  gsize len = target - 200;

  for (guint attempt = 0; attempt < 64; attempt++)
    {
      gsize size;

      g_clear_pointer (&first, g_bytes_unref);
      if (text != NULL)
        g_string_free (g_steal_pointer (&text), TRUE);
      text = text_of_length (len);
      first = gzip_bytes (text->str, text->len, 0);
      size = g_bytes_get_size (first);
      if (size == target)
        break;
      len = size < target ? len + (target - size) : len - (size - target);
      if (attempt == 63)
        g_test_skip ("no stored gzip member of the needed size");
    }

  if (g_bytes_get_size (first) == target)
    {
      const char *tail = "gc 7 @1.000s 0%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";
      g_autoptr(GBytes) second = gzip_bytes (tail, strlen (tail), 6);
      g_autoptr(GByteArray) both = g_byte_array_new ();
      g_autoptr(GString) all = g_string_new (text->str);
      g_autofree char *path = NULL;

      g_byte_array_append (both, g_bytes_get_data (first, NULL), (guint) g_bytes_get_size (first));
      g_byte_array_append (both, g_bytes_get_data (second, NULL), (guint) g_bytes_get_size (second));
      path = write_temp ("split-magic.log.gz", both->data, both->len);
      g_string_append (all, tail);

      assert_loads_like_sequential (path, all->str, all->len);
    }
}

/* A .gz cut short: an error, and the complete lines before the cut are kept. */
static void
test_gzip_truncated (void)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(GBytes) gz = gzip_bytes (data, len, 6);
  g_autofree char *path = write_temp ("truncated.log.gz", g_bytes_get_data (gz, NULL),
                                      g_bytes_get_size (gz) / 2);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) loaded = hs_trace_new (path);
  g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_false (hs_trace_load_file_sync (loaded, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  hs_test_assert_accounted (loaded);

  n = hs_trace_get_n_cycles (loaded);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, hs_trace_get_n_cycles (sequential));
  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->lines, <,
                    hs_trace_get_line_counts (sequential)->lines);
  /* all but the last cycle are the same as in the whole file (the last may await a marker) */
  for (guint i = 0; i + 1 < n; i++)
    hs_test_assert_cycle_equal (loaded, i, sequential, i);
}

static void
test_empty (void)
{
  g_autofree char *path = write_temp ("empty.log", "", 0);
  g_autoptr(HsTrace) loaded = load_path (path);

  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->lines, ==, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (loaded), ==, 0);
  g_assert_cmpuint (hs_trace_get_n_events (loaded), ==, 0);
  g_assert_cmpuint (hs_trace_get_n_runs (loaded), ==, 0);
}

/* One byte, and two bytes that are not the gzip magic */
static void
test_tiny (void)
{
  const char *inputs[] = { "x", "\x1f", "\x1f\x8a", "\n" };
  const guint64 lines[] = { 1, 1, 1, 1 };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = write_temp ("tiny.log", inputs[i], strlen (inputs[i]));
      g_autoptr(HsTrace) loaded = load_path (path);

      g_assert_cmpuint (hs_trace_get_line_counts (loaded)->lines, ==, lines[i]);
      g_assert_cmpuint (hs_trace_get_line_counts (loaded)->foreign, ==, lines[i]);
    }
}

#define GC_LINE "gc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P"

static void
test_no_trailing_newline (void)
{
  const char text[] = GC_LINE "\n" "gc 4 @0.005s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P";
  g_autofree char *path = write_temp ("no-newline.log", text, sizeof text - 1);
  g_autoptr(HsTrace) loaded = load_path (path);

  g_assert_cmpuint (hs_trace_get_line_counts (loaded)->lines, ==, 2);
  g_assert_cmpuint (hs_trace_get_n_cycles (loaded), ==, 2);
  g_assert_cmpfloat (hs_trace_get_gc_value (loaded, HS_GC_FIELD_NUMBER, 1), ==, 4.0);
}

/* NUL bytes and invalid UTF-8: lines of bytes like any other */
static void
test_nul_and_invalid_utf8 (void)
{
  const char text[] = "\0" GC_LINE "\n"
                      "\xff\xfe\xfd not text\n"
                      "gc 5 @0.1\0s 0%: torn\n"
                      "scav \xff\xfe\n";
  g_autofree char *path = write_temp ("binary-lines.log", text, sizeof text - 1);
  g_autoptr(HsTrace) loaded = load_path (path);
  const HsLineCounts *c = hs_trace_get_line_counts (loaded);
  const HsMalformedLine *m;
  guint n_kept;

  /* line 1: GC after a NUL; 2: foreign; 3: a head line 4 does not complete; 4: foreign */
  g_assert_cmpuint (c->lines, ==, 4);
  g_assert_cmpuint (c->gc, ==, 1);
  g_assert_cmpuint (c->foreign, ==, 2);
  g_assert_cmpuint (c->malformed, ==, 1);
  m = hs_trace_get_malformed (loaded, &n_kept);
  g_assert_cmpuint (n_kept, ==, 1);
  g_assert_cmpuint (m[0].line, ==, 3);
  /* the NUL is shown as U+FFFD rather than ending the text */
  g_assert_cmpstr (m[0].text, ==, "gc 5 @0.1\xef\xbf\xbds 0%: torn");
  assert_loads_like_sequential (path, text, sizeof text - 1);
}

/* A 20 MB line is cut, not held whole; the lines around it still count. */
static void
test_long_line (void)
{
  gsize long_len = 20u << 20;
  g_autoptr(GString) text = g_string_sized_new (long_len + 512);
  g_autofree char *path = NULL;
  g_autoptr(HsTrace) loaded = NULL;
  const HsLineCounts *c;

  g_string_append (text, GC_LINE "\n");
  for (gsize i = 0; i < long_len; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\n" GC_LINE "\n");
  path = write_temp ("long-line.log", text->str, text->len);

  loaded = load_path (path);
  c = hs_trace_get_line_counts (loaded);
  g_assert_cmpuint (c->lines, ==, 3);
  g_assert_cmpuint (c->gc, ==, 2);
  g_assert_cmpuint (c->foreign, ==, 1);
  g_assert_cmpuint (hs_trace_get_gc_line (loaded, 1), ==, 3);
}

static void
test_random_binary (void)
{
  gsize len = 3u << 20;
  g_autofree char *data = g_malloc (len);
  g_autofree char *path = NULL;

  for (gsize i = 0; i < len; i++)
    data[i] = (char) g_test_rand_int_range (0, 256);
  data[0] = 'x';
  path = write_temp ("random.bin", data, len);

  assert_loads_like_sequential (path, data, len);
}

typedef struct
{
  GCancellable *cancellable;
  guint64       last_done;
  guint64       total;
  guint         n_calls;
  gboolean      monotonic;
  gboolean      cancel_on_first;
  gboolean      done;
  gboolean      ok;
  GError       *error;
} AsyncLoad;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  AsyncLoad *load = user_data;

  if (done < load->last_done)
    load->monotonic = FALSE;
  load->last_done = done;
  load->total = total;
  load->n_calls++;
  if (load->cancel_on_first)
    g_cancellable_cancel (load->cancellable);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncLoad *load = user_data;

  load->ok = hs_trace_load_finish (HS_TRACE (object), result, &load->error);
  load->done = TRUE;
}

static void
run_async (HsTrace   *trace,
           AsyncLoad *load)
{
  g_autoptr(GFile) file = g_file_new_for_path (big_path);

  hs_trace_load_file_async (trace, file, load->cancellable, progress_cb, load, NULL, loaded_cb, load);
  while (!load->done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  guint n_signals;
  guint n_cycles;
  guint n_events;
  gboolean in_order;
} Appended;

static void
items_appended_cb (HsTrace  *trace,
                   guint     first_cycle,
                   guint     n_cycles,
                   guint     first_event,
                   guint     n_events,
                   Appended *appended)
{
  /* batches come in order, each right after the one before */
  if (first_cycle != appended->n_cycles || first_event != appended->n_events)
    appended->in_order = FALSE;
  appended->n_signals++;
  appended->n_cycles += n_cycles;
  appended->n_events += n_events;
}

static void
test_progress (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("progress");
  AsyncLoad load = { .monotonic = TRUE };
  Appended appended = { .in_order = TRUE };

  g_signal_connect (trace, "items-appended", G_CALLBACK (items_appended_cb), &appended);
  run_async (trace, &load);
  /* one "items-appended" per batch, each followed by a progress report */
  g_assert_cmpuint (appended.n_signals, ==, load.n_calls);
  g_assert_true (appended.in_order);
  g_assert_cmpuint (appended.n_cycles, ==, hs_trace_get_n_cycles (trace));
  g_assert_cmpuint (appended.n_events, ==, hs_trace_get_n_events (trace));
  g_assert_no_error (load.error);
  g_assert_true (load.ok);
  g_assert_true (load.monotonic);
  /* one call per chunk: five cuts, six chunks */
  g_assert_cmpuint (load.n_calls, >=, 5);
  g_assert_cmpuint (load.last_done, ==, g_bytes_get_size (big_data));
  g_assert_cmpuint (load.total, ==, g_bytes_get_size (big_data));
}

static void
test_cancel (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("cancel");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);
  AsyncLoad load = { .monotonic = TRUE, .cancel_on_first = TRUE };
  guint n;

  load.cancellable = cancellable;
  run_async (trace, &load);
  g_assert_false (load.ok);
  g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&load.error);

  /* what was appended before the cancellation stays, and is right */
  n = hs_trace_get_n_cycles (trace);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, hs_trace_get_n_cycles (sequential));
  hs_test_assert_accounted (trace);
  for (guint i = 0; i < n; i++)
    hs_test_assert_cycle_equal (trace, i, sequential, i);
}

/*
 * Many small loads: a worker that parses a chunk at once must not drop the last reference
 * to the load before the reader thread took the chunk's own.
 */
static void
test_many_small_loads (void)
{
  g_autofree char *path = write_temp ("small.log", GC_LINE "\n", strlen (GC_LINE) + 1);

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(HsTrace) loaded = load_path (path);

      g_assert_cmpuint (hs_trace_get_n_cycles (loaded), ==, 1);
    }
}

/* One random line, or two for a torn record, from every kind the parser tells apart. */
static void
add_random_line (Builder *b)
{
  guint kind = (guint) g_test_rand_int_range (0, 100);
  guint k = (guint) g_test_rand_int_range (0, 4);

  if (kind < 40)
    add_gc (b, "", "");
  else if (kind < 45)
    add_gc (b, "pod-a: ", k == 0 ? " (forced)" : "");
  else if (kind < 47)
    {
      /* another process: the counter restarts */
      b->number = 0;
      b->time_ms = 0;
      add_gc (b, "", "");
    }
  else if (kind < 50)
    g_string_append (b->text, "GC forced\n");
  else if (kind < 55)
    {
      b->number++;
      b->time_ms += 3;
      g_string_append_printf (b->text, "gc %u @%" G_GUINT64_FORMAT ".%03us 1%%: program output\n",
                              b->number, b->time_ms / 1000, (guint) (b->time_ms % 1000));
      /* mostly completed by the next line; sometimes not */
      if (k != 0)
        g_string_append (b->text, "0.015+1.3+0.004 ms clock, 0.030+0.6/1.1/0+0.008 ms cpu, 4->5->2 MB, 5 MB goal, 2 P\n");
    }
  else if (kind < 62)
    g_string_append_printf (b->text, "scvg%u: %u MB released\n", k, kind);
  else if (kind < 70)
    g_string_append_printf (b->text, "scvg%u: inuse: %u, idle: 1, sys: 20, released: 14, consumed: 6 (MB)\n", k, kind);
  else if (kind < 73)
    g_string_append (b->text, "scav 1088 KiB work, 624 KiB, 80% util\n");
  else if (kind < 76)
    g_string_append (b->text, "scav 1088 KiB work, 624 KiB total, 80% util\n");
  else if (kind < 78)
    g_string_append (b->text, "gc6(5): 0+0+0+1000 us, 0 -> 0 MB, 2118 (2655-537) objects, 85 goroutines, 109/0/0 sweeps, 8(66) handoff, 11(38) steal, 103/4/0 yields\n");
  else if (kind < 80)
    g_string_append (b->text, "\n");
  else
    g_string_append_printf (b->text, "program output %u: the gc ran, scav and scvg are words\n", kind);
}

/*
 * Lines of every kind in random order over three blocks and more: wherever the cuts fall,
 * the parallel load must equal one sequential parse, and so must the live reader.
 */
static void
test_random_mixture (void)
{
  Builder b = { g_string_new (NULL), 0, 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;

  while (b.text->len < 13u << 20)
    add_random_line (&b);
  bytes = g_string_free_to_bytes (b.text);
  path = write_temp ("mixture.log", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  assert_loads_like_sequential (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* and so must the live reader, fed in pieces of random size */
  {
    gsize len;
    const char *data = g_bytes_get_data (bytes, &len);
    g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);
    g_autoptr(HsTrace) live = hs_trace_new ("live");
    g_autoptr(HsTraceReader) reader = hs_trace_reader_new (live);

    for (gsize done = 0; done < len;)
      {
        gsize piece = (gsize) g_test_rand_int_range (1, 200000);

        piece = MIN (piece, len - done);
        hs_trace_reader_feed (reader, data + done, piece);
        done += piece;
      }
    hs_trace_reader_finish (reader);
    hs_test_assert_traces_equal (live, sequential);
  }
}

typedef struct
{
  int          fd;
  GBytes      *bytes;
  const guint *pieces;
  guint        n_pieces;
} PipeWriter;

static gpointer
pipe_writer_thread (gpointer data)
{
  PipeWriter *writer = data;
  gsize len;
  const char *p = g_bytes_get_data (writer->bytes, &len);
  gsize done = 0;

  for (guint i = 0; done < len; i = (i + 1) % writer->n_pieces)
    {
      gsize piece = MIN (writer->pieces[i], len - done);

      while (piece > 0)
        {
          gssize n = write (writer->fd, p + done, piece);

          if (n < 0 && errno == EINTR)
            continue;
          g_assert_cmpint (n, >, 0);
          done += (gsize) n;
          piece -= (gsize) n;
        }
    }
  close (writer->fd);

  return NULL;
}

/* Reads from a pipe written in pieces of random size: reads come back short and uneven. */
static HsTrace *
load_through_pipe (GBytes *bytes)
{
  guint pieces[64];
  int fds[2];
  PipeWriter writer;
  GThread *thread;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  HsTrace *trace = hs_trace_new ("pipe");

  for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
    pieces[i] = (guint) g_test_rand_int_range (1, 300000);
  g_assert_cmpint (pipe (fds), ==, 0);
  writer = (PipeWriter) { fds[1], bytes, pieces, G_N_ELEMENTS (pieces) };
  thread = g_thread_new ("pipe-writer", pipe_writer_thread, &writer);

  stream = g_unix_input_stream_new (fds[0], TRUE);
  g_assert_true (hs_trace_load_stream_sync (trace, stream, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  hs_test_assert_accounted (trace);

  return trace;
}

static void
assert_like_big_sequential (HsTrace *trace)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(HsTrace) sequential = hs_test_parse_sequential (data, len);

  hs_test_assert_traces_equal (trace, sequential);
}

static void
test_pipe_plain (void)
{
  g_autoptr(HsTrace) piped = load_through_pipe (big_data);

  assert_like_big_sequential (piped);
}

/* Five gzip members through a pipe: member boundaries land anywhere in a read. */
static void
test_pipe_gzip_members (void)
{
  gsize len;
  const char *data = g_bytes_get_data (big_data, &len);
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(HsTrace) piped = NULL;
  gsize start = 0;

  for (guint i = 1; i <= 5; i++)
    {
      gsize end = i == 5 ? len : (gsize) ((const char *) memchr (data + len * i / 5, '\n', len - len * i / 5) - data) + 1;
      g_autoptr(GBytes) member = gzip_bytes (data + start, end - start, 1);

      g_byte_array_append (all, g_bytes_get_data (member, NULL), (guint) g_bytes_get_size (member));
      start = end;
    }
  gz = g_byte_array_free_to_bytes (g_steal_pointer (&all));

  piped = load_through_pipe (gz);
  assert_like_big_sequential (piped);
}

static void
test_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "does-not-exist.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = hs_test_load_file (path, &error);

  g_assert_null (trace);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  gsize len;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("heapscope-test-loader-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  big_data = make_big_trace ();
  big_path = write_temp ("big.log", g_bytes_get_data (big_data, &len), g_bytes_get_size (big_data));

  g_test_add_func ("/loader/chunks/equals-sequential", test_chunked_equals_sequential);
  g_test_add_func ("/loader/chunks/boundary-flags", test_chunk_boundary_flags);
  g_test_add_func ("/loader/chunks/random-mixture", test_random_mixture);
  g_test_add_func ("/loader/gzip/whole", test_gzip);
  g_test_add_func ("/loader/gzip/multi-member", test_gzip_multi_member);
  g_test_add_func ("/loader/gzip/member-split-magic", test_gzip_member_split_magic);
  g_test_add_func ("/loader/gzip/truncated", test_gzip_truncated);
  g_test_add_func ("/loader/input/empty", test_empty);
  g_test_add_func ("/loader/input/tiny", test_tiny);
  g_test_add_func ("/loader/input/no-trailing-newline", test_no_trailing_newline);
  g_test_add_func ("/loader/input/nul-and-invalid-utf8", test_nul_and_invalid_utf8);
  g_test_add_func ("/loader/input/long-line", test_long_line);
  g_test_add_func ("/loader/input/random-binary", test_random_binary);
  g_test_add_func ("/loader/input/missing", test_missing);
  g_test_add_func ("/loader/stream/pipe-plain", test_pipe_plain);
  g_test_add_func ("/loader/stream/pipe-gzip-members", test_pipe_gzip_members);
  g_test_add_func ("/loader/async/progress", test_progress);
  g_test_add_func ("/loader/async/cancel", test_cancel);
  g_test_add_func ("/loader/async/many-small-loads", test_many_small_loads);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_clear_pointer (&big_data, g_bytes_unref);
  g_clear_pointer (&big_path, g_free);
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
