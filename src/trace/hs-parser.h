/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-parser.h: turns a sequence of lines into a trace store, keeping state between lines. */
#pragma once

#include <glib.h>

#include "hs-trace-store.h"

G_BEGIN_DECLS

/*
 * HsParser reads lines in order. It joins a GC record torn in two by the program's own
 * output, pairs "scvgN: X MB released" with the "scvgN: inuse: …" line after it, marks the
 * cycle after "GC forced" as periodic, and starts a new run when the GC counter or its clock
 * goes backwards. Each of those needs at most the next line, so a chunk of a file can be
 * parsed on its own once its split point avoids the lines that wait (see
 * hs_parser_line_waits_for_next).
 *
 * Not thread-safe; one parser per thread.
 */
typedef struct _HsParser HsParser;

HsParser     *hs_parser_new                  (void);
void          hs_parser_free                 (HsParser     *parser);
void          hs_parser_feed_line            (HsParser     *parser,
                                              const char   *line,
                                              gsize         len);
void          hs_parser_feed_lines           (HsParser     *parser,
                                              const char   *data,
                                              gsize         len);
void          hs_parser_finish               (HsParser     *parser);
HsTraceStore *hs_parser_get_store            (HsParser     *parser);
HsTraceStore *hs_parser_steal_store          (HsParser     *parser);
guint64       hs_parser_get_lines            (HsParser     *parser);
gboolean      hs_parser_line_waits_for_next  (const char   *line,
                                              gsize         len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsParser, hs_parser_free)

G_END_DECLS
