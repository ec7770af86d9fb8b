/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-reader.c: feeds a pipe's, a growing file's or a child's output to a trace. */

#include "config.h"

#include <string.h>

#include "hs-parser.h"
#include "hs-trace-reader.h"

/* As in the file loader: past this, a line is cut and the rest of it dropped. */
#define MAX_LINE_LENGTH  (16u << 20)
#define KEPT_LINE_PREFIX (64u << 10)

struct _HsTraceReader
{
  GObject   parent_instance;

  HsTrace  *trace;
  HsParser *parser;
  GString  *partial;     /* the last line, waiting for its newline */
  gboolean  skipping;    /* inside an overlong line */
  gboolean  finished;

  GChecksum *checksum;   /* of the first HS_CONTENT_KEY_BYTES, for hs_trace_get_content_key */
  gsize      hashed;
  guint64   line_offset; /* lines of the input read before this reader took over */
};

G_DEFINE_FINAL_TYPE (HsTraceReader, hs_trace_reader, G_TYPE_OBJECT)

static void
hs_trace_reader_finalize (GObject *object)
{
  HsTraceReader *self = (HsTraceReader *) object;

  g_clear_object (&self->trace);
  g_clear_pointer (&self->parser, hs_parser_free);
  g_string_free (self->partial, TRUE);
  g_clear_pointer (&self->checksum, g_checksum_free);

  G_OBJECT_CLASS (hs_trace_reader_parent_class)->finalize (object);
}

static void
hs_trace_reader_class_init (HsTraceReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_trace_reader_finalize;
}

static void
hs_trace_reader_init (HsTraceReader *self)
{
  self->parser = hs_parser_new ();
  self->partial = g_string_new (NULL);
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static void
hash_content (HsTraceReader *self,
              const char    *data,
              gsize          len,
              gboolean       last)
{
  gsize n;

  if (self->checksum == NULL)
    return;

  n = MIN (len, HS_CONTENT_KEY_BYTES - self->hashed);
  g_checksum_update (self->checksum, (const guchar *) data, (gssize) n);
  self->hashed += n;

  /* nothing read at all: no content, no key */
  if (self->hashed == HS_CONTENT_KEY_BYTES || (last && self->hashed > 0))
    {
      hs_trace_set_content_key (self->trace, g_checksum_get_string (self->checksum));
      g_clear_pointer (&self->checksum, g_checksum_free);
    }
}

HsTraceReader *
hs_trace_reader_new (HsTrace *trace)
{
  HsTraceReader *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_object_new (HS_TYPE_TRACE_READER, NULL);
  self->trace = g_object_ref (trace);

  return self;
}

HsTrace *
hs_trace_reader_get_trace (HsTraceReader *self)
{
  g_return_val_if_fail (HS_IS_TRACE_READER (self), NULL);

  return self->trace;
}

/* Line numbers in the parser's store count from this reader's first line. */
static void
publish (HsTraceReader *self)
{
  g_autoptr(HsTraceStore) store = hs_parser_steal_store (self->parser);

  if (store->counts.lines == 0 && store->counts.malformed == 0 &&
      hs_trace_store_get_n_cycles (store) == 0 && hs_trace_store_get_n_events (store) == 0 &&
      !store->ends_with_periodic_marker)
    return;

  hs_trace_append_store (self->trace, store, self->line_offset);
}

/*
 * Parses every complete line in @data (with what was left of the last call) and appends
 * the result to the trace in one batch. A partial last line waits for its newline.
 */
void
hs_trace_reader_feed (HsTraceReader *self,
                      const char    *data,
                      gsize          len)
{
  const char *p = data;
  const char *end = data + len;

  g_return_if_fail (HS_IS_TRACE_READER (self));
  g_return_if_fail (!self->finished);

  hash_content (self, data, len, FALSE);

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));

      if (nl == NULL)
        {
          if (!self->skipping)
            {
              gsize room = MAX_LINE_LENGTH - MIN (self->partial->len, MAX_LINE_LENGTH);

              g_string_append_len (self->partial, p, (gssize) MIN ((gsize) (end - p), room));
              if (self->partial->len >= MAX_LINE_LENGTH)
                {
                  g_string_truncate (self->partial, KEPT_LINE_PREFIX);
                  self->skipping = TRUE;
                }
            }
          break;
        }

      if (self->partial->len > 0 || self->skipping)
        {
          if (!self->skipping)
            g_string_append_len (self->partial, p, (gssize) (nl - p));
          hs_parser_feed_line (self->parser, self->partial->str, self->partial->len);
          g_string_truncate (self->partial, 0);
          self->skipping = FALSE;
        }
      else
        {
          hs_parser_feed_line (self->parser, p, (gsize) (nl - p));
        }

      p = nl + 1;
    }

  publish (self);
}

/* The source ended: a last line without a newline counts, and nothing waits any more. */
void
hs_trace_reader_finish (HsTraceReader *self)
{
  g_return_if_fail (HS_IS_TRACE_READER (self));

  if (self->finished)
    return;

  if (self->partial->len > 0 || self->skipping)
    hs_parser_feed_line (self->parser, self->partial->str, self->partial->len);
  g_string_truncate (self->partial, 0);
  self->skipping = FALSE;
  hs_parser_finish (self->parser);
  self->finished = TRUE;
  publish (self);
  hash_content (self, NULL, 0, TRUE);
}

/*
 * The input's first @line_offset lines were read by someone else (the file loader, before
 * the viewer started following the file): number this reader's lines after them.
 */
void
hs_trace_reader_set_line_offset (HsTraceReader *self,
                                 guint64        line_offset)
{
  g_return_if_fail (HS_IS_TRACE_READER (self));

  self->line_offset = line_offset;
}

/* Bytes of an unfinished last line held back. */
gsize
hs_trace_reader_get_pending (HsTraceReader *self)
{
  g_return_val_if_fail (HS_IS_TRACE_READER (self), 0);

  return self->partial->len;
}
