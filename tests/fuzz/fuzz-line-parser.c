/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-line-parser.c: the input as one line to hs_line_parse, then as lines to HsParser. */

#include "config.h"

#include "fuzz-common.h"
#include "hs-parser.h"

static void
check_one_line (const char *line,
                gsize       len)
{
  HsLineResult result;

  hs_line_parse (line, len, &result);

  FUZZ_CHECK (result.kind <= HS_LINE_MALFORMED);
  FUZZ_CHECK (result.prefix.record_offset <= len);
  FUZZ_CHECK (result.kind != HS_LINE_MALFORMED || result.reason != NULL);
  FUZZ_CHECK (!result.incomplete || result.kind == HS_LINE_MALFORMED);
  FUZZ_CHECK (!result.incomplete || result.good_length <= len - result.prefix.record_offset);
  if (result.prefix.has_wall_time)
    FUZZ_CHECK (result.prefix.time_start + result.prefix.time_length <= result.prefix.record_offset);

  switch (result.kind)
    {
    case HS_LINE_GC:
      /* one line has exactly one shape, and a legacy line is not read as a cycle */
      FUZZ_CHECK (result.gc.format != HS_GC_FORMAT_NONE && result.gc.format != HS_GC_FORMAT_LEGACY);
      FUZZ_CHECK ((result.gc.format & (result.gc.format - 1)) == 0);
      FUZZ_CHECK ((result.gc.flags & ~(guint) HS_GC_FLAG_FORCED) == 0);
      break;
    case HS_LINE_SCAVENGER:
      FUZZ_CHECK (result.scav.format != HS_SCAV_FORMAT_NONE);
      FUZZ_CHECK ((result.scav.format & ~(guint) (HS_SCAV_FORMAT_SCAV_121 * 2 - 1)) == 0);
      FUZZ_CHECK (result.scav.kind <= HS_SCAV_KIND_SCAV);
      break;
    case HS_LINE_FOREIGN:
    case HS_LINE_GC_LEGACY:
    case HS_LINE_PERIODIC_MARKER:
    case HS_LINE_OTHER_RUNTIME:
    case HS_LINE_MALFORMED:
    default:
      break;
    }

  if (result.prefix.record_offset > 0)
    {
      g_autofree char *label = hs_line_prefix_label (line, &result.prefix);
      HsLinePrefix prefix;

      FUZZ_CHECK (g_utf8_validate (label, -1, NULL));
      (void) hs_line_find_prefix_time (line, result.prefix.record_offset, &prefix);
    }

  (void) hs_parser_line_waits_for_next (line, len);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(HsParser) parser = hs_parser_new ();
  HsTraceStore *store;

  check_one_line (text, size);

  hs_parser_feed_lines (parser, text, size);
  hs_parser_finish (parser);
  store = hs_parser_get_store (parser);

  fuzz_check_line_counts (&store->counts, fuzz_count_lines (text, size));
  FUZZ_CHECK (hs_parser_get_lines (parser) == store->counts.lines);
  FUZZ_CHECK (hs_trace_store_get_n_cycles (store) == store->counts.gc - store->counts.joined);
  FUZZ_CHECK (store->malformed->len == MIN (store->counts.malformed, HS_MAX_MALFORMED_KEPT));

  return 0;
}
