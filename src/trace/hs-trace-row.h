/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-row.h: one row of a table: a GC cycle, a scavenger event or a memory sample of a trace. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_ROW (hs_trace_row_get_type ())

/* What a table's rows are; FALSE and TRUE stand for cycles and events where a flag was used. */
typedef enum
{
  HS_TABLE_ROWS_CYCLES,
  HS_TABLE_ROWS_EVENTS,
  HS_TABLE_ROWS_SAMPLES,
} HsTableRows;

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
                                     HsTableRows rows,
                                     guint       index);
HsTrace    *hs_trace_row_get_trace  (HsTraceRow *self);
guint       hs_trace_row_get_index  (HsTraceRow *self);
gboolean    hs_trace_row_is_event   (HsTraceRow *self);
HsTableRows hs_trace_row_get_kind   (HsTraceRow *self);

guint       hs_table_rows_count     (HsTrace    *trace,
                                     HsTableRows rows);
double      hs_table_rows_time      (HsTrace    *trace,
                                     HsTableRows rows,
                                     guint       row);

double      hs_trace_row_get_cycle_value (HsTrace *trace,
                                          int      field,
                                          guint    cycle);

G_END_DECLS
