/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-parser.c: line-to-line state of trace parsing (torn records, scvg pairs, runs). */

#include "config.h"

#include <string.h>

#include "hs-parser.h"

struct _HsParser
{
  HsTraceStore *store;
  guint64       line;              /* number of the line being read, from 1 */

  /* A GC record that stopped part-way: its start, waiting for the next line. */
  GString      *torn_head;
  guint64       torn_line;
  HsLinePrefix  torn_prefix;
  const char   *torn_reason;
  GString      *torn_text;
  /* the prefix's label as text: the store it would be interned in may be stolen before
   * the next line comes (HsTraceReader publishes after every read) */
  char         *torn_label;

  /* "scvgN: X MB released", waiting for its "scvgN: inuse: …" line */
  gboolean      has_released;
  HsScavRecord  released;
  guint64       released_line;
  gint64        released_wall_time_us;

  gboolean      periodic_pending;

  gboolean      has_previous;
  guint64       previous_number;
  guint64       previous_time_ms;

  /* The prefix bytes (around its time) of the last labelled line and the label they gave:
   * a prefixed log repeats its prefix on every line, and a label costs allocations. */
  GString      *label_key;
  gsize         label_key_split;    /* bytes before the time; the rest follow it */
  gboolean      label_key_has_time;
  guint         label_key_id;
  gboolean      label_key_valid;
};

HsParser *
hs_parser_new (void)
{
  HsParser *parser = g_new0 (HsParser, 1);

  parser->store = hs_trace_store_new ();
  parser->torn_head = g_string_new (NULL);
  parser->torn_text = g_string_new (NULL);
  parser->label_key = g_string_new (NULL);

  return parser;
}

void
hs_parser_free (HsParser *parser)
{
  g_clear_pointer (&parser->store, hs_trace_store_free);
  g_string_free (parser->torn_head, TRUE);
  g_string_free (parser->torn_text, TRUE);
  g_free (parser->torn_label);
  g_string_free (parser->label_key, TRUE);
  g_free (parser);
}

HsTraceStore *
hs_parser_get_store (HsParser *parser)
{
  return parser->store;
}

/* Hands over what was parsed so far; the parser goes on with an empty store. */
HsTraceStore *
hs_parser_steal_store (HsParser *parser)
{
  HsTraceStore *store = g_steal_pointer (&parser->store);

  parser->store = hs_trace_store_new ();
  /* label ids belong to the store that was handed over */
  parser->label_key_valid = FALSE;
  return store;
}

guint64
hs_parser_get_lines (HsParser *parser)
{
  return parser->line;
}

static guint
label_for (HsParser           *parser,
           const char         *line,
           const HsLinePrefix *prefix)
{
  g_autofree char *label = NULL;
  const char *after;
  gsize before_len, after_len;

  if (prefix->record_offset == 0)
    return 0;

  /* the label is made of the prefix without its time: the bytes before and after it */
  if (prefix->has_wall_time)
    {
      before_len = prefix->time_start;
      after = line + prefix->time_start + prefix->time_length;
      after_len = prefix->record_offset - prefix->time_start - prefix->time_length;
    }
  else
    {
      before_len = prefix->record_offset;
      after = line + prefix->record_offset;
      after_len = 0;
    }

  if (parser->label_key_valid &&
      parser->label_key_has_time == prefix->has_wall_time &&
      parser->label_key_split == before_len &&
      parser->label_key->len == before_len + after_len &&
      memcmp (parser->label_key->str, line, before_len) == 0 &&
      memcmp (parser->label_key->str + before_len, after, after_len) == 0)
    return parser->label_key_id;

  label = hs_line_prefix_label (line, prefix);

  g_string_truncate (parser->label_key, 0);
  g_string_append_len (parser->label_key, line, (gssize) before_len);
  g_string_append_len (parser->label_key, after, (gssize) after_len);
  parser->label_key_split = before_len;
  parser->label_key_has_time = prefix->has_wall_time;
  parser->label_key_id = hs_trace_store_intern_label (parser->store, label);
  parser->label_key_valid = TRUE;

  return parser->label_key_id;
}

static void
add_gc (HsParser           *parser,
        HsGcRecord         *gc,
        guint64             line,
        const HsLinePrefix *prefix,
        guint               label)
{
  if (parser->periodic_pending)
    {
      gc->flags |= HS_GC_FLAG_PERIODIC;
      parser->periodic_pending = FALSE;
    }

  /* A counter that restarts or goes backwards, or a clock that does, is another process. */
  if (parser->has_previous &&
      (gc->number <= parser->previous_number || gc->time_ms < parser->previous_time_ms))
    {
      guint64 row = hs_trace_store_get_n_cycles (parser->store);

      g_array_append_val (parser->store->run_starts, row);
    }

  parser->has_previous = TRUE;
  parser->previous_number = gc->number;
  parser->previous_time_ms = gc->time_ms;

  hs_trace_store_append_gc (parser->store, gc, line,
                            prefix->has_wall_time ? prefix->wall_time_us : 0, label);
}

static void
flush_released (HsParser *parser)
{
  if (!parser->has_released)
    return;

  hs_trace_store_append_scav (parser->store, &parser->released, parser->released_line,
                              parser->released_wall_time_us);
  parser->has_released = FALSE;
}

static void
flush_torn_as_malformed (HsParser *parser)
{
  if (parser->torn_head->len == 0)
    return;

  hs_trace_store_add_malformed (parser->store, parser->torn_line, parser->torn_reason,
                                parser->torn_text->str, parser->torn_text->len);
  g_string_truncate (parser->torn_head, 0);
  g_string_truncate (parser->torn_text, 0);
}

static gboolean
try_join_torn (HsParser   *parser,
               const char *line,
               gsize       len)
{
  HsLineResult joined;
  gsize head_len = parser->torn_head->len;

  g_string_append_len (parser->torn_head, line, (gssize) len);
  hs_line_parse (parser->torn_head->str, parser->torn_head->len, &joined);
  g_string_truncate (parser->torn_head, head_len);

  if (joined.kind != HS_LINE_GC || joined.prefix.record_offset != 0)
    return FALSE;

  joined.gc.flags |= HS_GC_FLAG_JOINED;
  add_gc (parser, &joined.gc, parser->torn_line, &parser->torn_prefix,
          hs_trace_store_intern_label (parser->store, parser->torn_label));
  parser->store->counts.gc += 2;
  parser->store->counts.joined++;
  g_string_truncate (parser->torn_head, 0);
  g_string_truncate (parser->torn_text, 0);

  return TRUE;
}

static void
handle_scavenger (HsParser     *parser,
                  HsLineResult *result)
{
  gint64 wall = result->prefix.has_wall_time ? result->prefix.wall_time_us : 0;

  parser->store->counts.scavenger++;

  if (result->scav.kind == HS_SCAV_KIND_SCVG_RELEASED)
    {
      flush_released (parser);
      parser->has_released = TRUE;
      parser->released = result->scav;
      parser->released_line = parser->line;
      parser->released_wall_time_us = wall;
      return;
    }

  /* The released line and the inuse line of one scavenger pass share its number. */
  if (parser->has_released && result->scav.kind == HS_SCAV_KIND_SCVG &&
      parser->released.sequence == result->scav.sequence &&
      (result->scav.format & (HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_113)) != 0 &&
      (parser->released.flags & HS_SCAV_FLAG_FORCED) == (result->scav.flags & HS_SCAV_FLAG_FORCED))
    {
      result->scav.released_now_kib = parser->released.released_now_kib;
      result->scav.flags |= HS_SCAV_FLAG_HAS_RELEASED_NOW;
      result->scav.format |= parser->released.format;
      hs_trace_store_append_scav (parser->store, &result->scav, parser->released_line,
                                  parser->released_wall_time_us != 0 ? parser->released_wall_time_us : wall);
      parser->has_released = FALSE;
      return;
    }

  flush_released (parser);
  hs_trace_store_append_scav (parser->store, &result->scav, parser->line, wall);
}

void
hs_parser_feed_line (HsParser   *parser,
                     const char *line,
                     gsize       len)
{
  HsLineResult result;
  HsTraceStore *store = parser->store;

  parser->line++;
  store->counts.lines++;

  if (parser->torn_head->len > 0)
    {
      if (try_join_torn (parser, line, len))
        return;
      flush_torn_as_malformed (parser);
    }

  hs_line_parse (line, len, &result);

  if (result.kind != HS_LINE_SCAVENGER && result.kind != HS_LINE_FOREIGN)
    flush_released (parser);

  switch (result.kind)
    {
    case HS_LINE_GC:
      store->counts.gc++;
      add_gc (parser, &result.gc, parser->line, &result.prefix,
              label_for (parser, line, &result.prefix));
      break;

    case HS_LINE_GC_LEGACY:
      store->counts.legacy++;
      store->gc_formats |= HS_GC_FORMAT_LEGACY;
      if (store->first_legacy_line == 0)
        store->first_legacy_line = parser->line;
      break;

    case HS_LINE_SCAVENGER:
      handle_scavenger (parser, &result);
      break;

    case HS_LINE_PERIODIC_MARKER:
      store->counts.markers++;
      parser->periodic_pending = TRUE;
      break;

    case HS_LINE_OTHER_RUNTIME:
      store->counts.other_runtime++;
      break;

    case HS_LINE_MALFORMED:
      if (result.incomplete)
        {
          /* Perhaps torn: wait for the next line before calling it malformed. */
          const char *record = line + result.prefix.record_offset;

          g_string_assign (parser->torn_head, "");
          g_string_append_len (parser->torn_head, record, (gssize) result.good_length);
          g_string_assign (parser->torn_text, "");
          g_string_append_len (parser->torn_text, line, (gssize) MIN (len, 512));
          parser->torn_line = parser->line;
          parser->torn_prefix = result.prefix;
          parser->torn_reason = result.reason;
          g_free (parser->torn_label);
          parser->torn_label = result.prefix.record_offset > 0 ?
                               hs_line_prefix_label (line, &result.prefix) : NULL;
          /* an empty head cannot be told apart from "nothing pending" */
          if (parser->torn_head->len == 0)
            {
              hs_trace_store_add_malformed (store, parser->line, result.reason, line, len);
            }
        }
      else
        {
          hs_trace_store_add_malformed (store, parser->line, result.reason, line, len);
        }
      break;

    case HS_LINE_FOREIGN:
    default:
      store->counts.foreign++;
      break;
    }
}

/* Feeds every complete line of @data; a last line without a newline is fed too. */
void
hs_parser_feed_lines (HsParser   *parser,
                      const char *data,
                      gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *line_end = nl != NULL ? nl : end;

      hs_parser_feed_line (parser, p, (gsize) (line_end - p));
      p = nl != NULL ? nl + 1 : end;
    }
}

/* End of input (or of a chunk): nothing more will come to complete what waits. */
void
hs_parser_finish (HsParser *parser)
{
  flush_torn_as_malformed (parser);
  flush_released (parser);
  parser->store->ends_with_periodic_marker = parser->periodic_pending;
  parser->periodic_pending = FALSE;
}

/*
 * Whether this line's meaning depends on the line after it. A chunk must not end with
 * such a line, or the two would be parsed apart.
 */
gboolean
hs_parser_line_waits_for_next (const char *line,
                               gsize       len)
{
  HsLineResult result;

  hs_line_parse (line, len, &result);

  return (result.kind == HS_LINE_MALFORMED && result.incomplete) ||
         (result.kind == HS_LINE_SCAVENGER && result.scav.kind == HS_SCAV_KIND_SCVG_RELEASED);
}
