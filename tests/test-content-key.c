/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-content-key.c: the key that finds a trace's notes depends on its content, not its path. */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>

#include "trace/hs-trace-loader.h"
#include "trace/hs-trace-reader.h"

static char *
load_key (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) trace = hs_trace_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);
  return g_strdup (hs_trace_get_content_key (trace));
}

static char *
feed_key (const char *data,
          gsize       len,
          gsize       piece)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("fed");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);

  for (gsize at = 0; at < len; at += piece)
    hs_trace_reader_feed (reader, data + at, MIN (piece, len - at));
  hs_trace_reader_finish (reader);
  return g_strdup (hs_trace_get_content_key (trace));
}

static void
test_small_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "samples",
                                                 "go1.9-scavenger-release.log", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *fed = NULL;
  g_autofree char *gz_path = NULL;
  g_autofree char *gz_key = NULL;
  g_autoptr(GConverter) compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6));
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(GOutputStream) zout = NULL;
  gsize len;
  int fd;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* shorter than the key's span: the hash of the whole file */
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);

  loaded = load_key (path);
  fed = feed_key (contents, len, 7);
  g_assert_cmpstr (loaded, ==, expected);
  g_assert_cmpstr (fed, ==, expected);

  /* the same content compressed has the same key */
  fd = g_file_open_tmp ("heapscope-key-XXXXXX.gz", &gz_path, NULL);
  g_assert_cmpint (fd, >=, 0);
  out = g_unix_output_stream_new (fd, TRUE);
  zout = g_converter_output_stream_new (out, compressor);
  g_assert_true (g_output_stream_write_all (zout, contents, len, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (zout, NULL, NULL));
  gz_key = load_key (gz_path);
  g_assert_cmpstr (gz_key, ==, expected);
  g_unlink (gz_path);
}

static void
test_large_content (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *loaded = NULL;
  g_autofree char *fed = NULL;
  g_autofree char *grown = NULL;
  guint n = 0;

  /* 10 MiB over several loader blocks */
  while (text->len < 10u << 20)
    {
      n++;
      g_string_append_printf (text, "gc %u @%u.%03us 1%%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, "
                              "4->4->1 MB, 5 MB goal, 2 P\n", n, n / 1000, n % 1000);
    }

  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str, HS_CONTENT_KEY_BYTES);
  g_assert_true (g_file_open_tmp ("heapscope-key-XXXXXX.log", &path, NULL) >= 0);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));

  loaded = load_key (path);
  fed = feed_key (text->str, text->len, 65521);
  g_assert_cmpstr (loaded, ==, expected);
  g_assert_cmpstr (fed, ==, expected);

  /* a log that grew keeps its key: only the start counts */
  g_string_append (text, "more output\n");
  grown = feed_key (text->str, text->len, 4096);
  g_assert_cmpstr (grown, ==, expected);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-key/small-file", test_small_file);
  g_test_add_func ("/content-key/large-content", test_large_content);

  return g_test_run ();
}
