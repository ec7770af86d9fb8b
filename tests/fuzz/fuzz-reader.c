/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-reader.c: the input fed to HsTraceReader in pieces cut where its first bytes say. */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"
#include "hs-parser.h"
#include "hs-trace-reader.h"

#define MAX_CUTS 8

static int
compare_size (gconstpointer a,
              gconstpointer b)
{
  gsize x = *(const gsize *) a;
  gsize y = *(const gsize *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * Input layout: byte 0 gives the number of cuts (mod MAX_CUTS + 1), then two bytes per cut
 * give its position within the rest, which is the text fed to the reader.
 */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("fuzz");
  g_autoptr(HsTrace) reference = hs_trace_new ("reference");
  g_autoptr(HsTraceReader) reader = NULL;
  g_autoptr(HsParser) parser = hs_parser_new ();
  gsize cuts[MAX_CUTS + 1];
  guint n_cuts;
  gsize header;
  const char *text;
  gsize len;
  gsize done = 0;

  if (size == 0)
    return 0;

  n_cuts = data[0] % (MAX_CUTS + 1);
  header = 1 + 2 * (gsize) n_cuts;
  if (size < header)
    return 0;
  text = (const char *) data + header;
  len = size - header;

  for (guint i = 0; i < n_cuts; i++)
    cuts[i] = ((gsize) data[1 + 2 * i] | (gsize) data[2 + 2 * i] << 8) % (len + 1);
  qsort (cuts, n_cuts, sizeof (gsize), compare_size);
  cuts[n_cuts] = len;

  reader = hs_trace_reader_new (trace);
  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize line_start = cuts[i];

      hs_trace_reader_feed (reader, text + done, cuts[i] - done);
      done = cuts[i];

      /* what is held back is exactly the text after the last newline fed */
      while (line_start > 0 && text[line_start - 1] != '\n')
        line_start--;
      FUZZ_CHECK (hs_trace_reader_get_pending (reader) == done - line_start);
    }
  hs_trace_reader_finish (reader);
  FUZZ_CHECK (hs_trace_reader_get_pending (reader) == 0);
  FUZZ_CHECK (hs_trace_reader_get_trace (reader) == trace);

  fuzz_check_line_counts (hs_trace_get_line_counts (trace), fuzz_count_lines (text, len));

  /* However the bytes were cut, the trace is the one a single pass makes. */
  hs_parser_feed_lines (parser, text, len);
  hs_parser_finish (parser);
  hs_trace_append_store (reference, hs_parser_get_store (parser), 0);
  fuzz_check_same_trace (trace, reference);

  fuzz_exercise_trace (trace);

  return 0;
}
