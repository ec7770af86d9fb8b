/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-row.h: one row of a table: a GC cycle or a scavenger event of a trace. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_ROW (hs_trace_row_get_type ())

G_DECLARE_FINAL_TYPE (HsTraceRow, hs_trace_row, HS, TRACE_ROW, GObject)

/*
 * Values of a cycle's row beyond HsGcField: the process's memory (an HsSampleField) at the
 * sample nearest to the cycle, e.g. HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS) for RES.
 */
#define HS_TABLE_SAMPLE_FIRST            2000
#define HS_TABLE_SAMPLE_FIELD(field)     (HS_TABLE_SAMPLE_FIRST + (int) (field))
#define HS_TABLE_FIELD_IS_SAMPLE(field)  ((field) >= HS_TABLE_SAMPLE_FIRST)
#define HS_TABLE_FIELD_TO_SAMPLE(field)  ((guint) ((field) - HS_TABLE_SAMPLE_FIRST))

HsTraceRow *hs_trace_row_new        (HsTrace    *trace,
                                     gboolean    is_event,
                                     guint       index);
HsTrace    *hs_trace_row_get_trace  (HsTraceRow *self);
guint       hs_trace_row_get_index  (HsTraceRow *self);
gboolean    hs_trace_row_is_event   (HsTraceRow *self);

double      hs_trace_row_get_cycle_value (HsTrace *trace,
                                          int      field,
                                          guint    cycle);

G_END_DECLS
