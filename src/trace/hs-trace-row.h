/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-row.h: one row of a table: a GC cycle or a scavenger event of a trace. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_ROW (hs_trace_row_get_type ())

G_DECLARE_FINAL_TYPE (HsTraceRow, hs_trace_row, HS, TRACE_ROW, GObject)

HsTraceRow *hs_trace_row_new        (HsTrace    *trace,
                                     gboolean    is_event,
                                     guint       index);
HsTrace    *hs_trace_row_get_trace  (HsTraceRow *self);
guint       hs_trace_row_get_index  (HsTraceRow *self);
gboolean    hs_trace_row_is_event   (HsTraceRow *self);

G_END_DECLS
