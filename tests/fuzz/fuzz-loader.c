/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-loader.c: the input written to a file and loaded, as it is and gzip-compressed. */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "hs-parser.h"
#include "hs-session.h"
#include "hs-trace-loader.h"

static GBytes *
gzip_compress (const guint8 *data,
               gsize         size)
{
  z_stream z;
  gsize room = compressBound ((uLong) size) + 64;
  guint8 *out = g_malloc (room);
  int ret;

  memset (&z, 0, sizeof z);
  /* 16 + 15 window bits: a gzip header and trailer around the deflate stream */
  FUZZ_CHECK (deflateInit2 (&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + 15, 8,
                            Z_DEFAULT_STRATEGY) == Z_OK);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) size;
  z.next_out = out;
  z.avail_out = (uInt) room;
  ret = deflate (&z, Z_FINISH);
  FUZZ_CHECK (ret == Z_STREAM_END);
  deflateEnd (&z);

  return g_bytes_new_take (out, z.total_out);
}

static HsTrace *
load (const guint8  *data,
      gsize          size,
      GError       **error)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("fuzz");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  gboolean ok;
  int fd;

  fd = g_file_open_tmp ("heapscope-fuzz-XXXXXX", &path, NULL);
  FUZZ_CHECK (fd >= 0);
  FUZZ_CHECK (write (fd, data, size) == (gssize) size);
  close (fd);

  file = g_file_new_for_path (path);
  ok = hs_trace_load_file_sync (trace, file, NULL, error);
  g_unlink (path);

  return ok ? g_steal_pointer (&trace) : NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(HsTrace) gz_trace = NULL;
  g_autoptr(HsTrace) reference = hs_trace_new ("reference");
  g_autoptr(HsParser) parser = hs_parser_new ();
  g_autoptr(GBytes) gz = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  /* a session file (docs/session-format.md) is read as one, not as trace lines */
  gboolean is_session = hs_session_sniff ((const char *) data, size);

  trace = load (data, size, &error);

  if (is_gzip || is_session)
    {
      /* fuzzed compressed bytes or session records: a clean error or a trace, never a crash */
      FUZZ_CHECK ((trace == NULL) == (error != NULL));
      if (trace != NULL)
        {
          const HsLineCounts *c = hs_trace_get_line_counts (trace);

          FUZZ_CHECK (c->lines == c->gc + c->scavenger + c->markers + c->other_runtime +
                                  c->legacy + c->foreign + c->malformed);
          fuzz_exercise_trace (trace);
        }
      return 0;
    }

  /* plain text always loads, and reads as one pass of the parser over it */
  FUZZ_CHECK (trace != NULL);
  hs_parser_feed_lines (parser, (const char *) data, size);
  hs_parser_finish (parser);
  hs_trace_append_store (reference, hs_parser_get_store (parser), 0);
  fuzz_check_line_counts (hs_trace_get_line_counts (trace), fuzz_count_lines ((const char *) data, size));
  fuzz_check_same_trace (trace, reference);
  fuzz_exercise_trace (trace);

  /* the same text compressed reads the same */
  gz = gzip_compress (data, size);
  gz_trace = load (g_bytes_get_data (gz, NULL), g_bytes_get_size (gz), &error);
  FUZZ_CHECK (gz_trace != NULL);
  fuzz_check_same_trace (gz_trace, reference);

  return 0;
}
