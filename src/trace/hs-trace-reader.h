/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-reader.h: incremental reading for live sources: bytes in, cycles out. */
#pragma once

#include <glib-object.h>

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_READER (hs_trace_reader_get_type ())

G_DECLARE_FINAL_TYPE (HsTraceReader, hs_trace_reader, HS, TRACE_READER, GObject)

HsTraceReader *hs_trace_reader_new         (HsTrace       *trace);
HsTrace       *hs_trace_reader_get_trace   (HsTraceReader *self);
void           hs_trace_reader_feed        (HsTraceReader *self,
                                            const char    *data,
                                            gsize          len);
void           hs_trace_reader_finish      (HsTraceReader *self);
gsize          hs_trace_reader_get_pending (HsTraceReader *self);
void           hs_trace_reader_set_line_offset (HsTraceReader *self,
                                                guint64        line_offset);

G_END_DECLS
