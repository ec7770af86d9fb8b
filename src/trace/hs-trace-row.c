/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-row.c: the small object a table row stands for; created only for rows on screen. */

#include "config.h"

#include <math.h>

#include "hs-trace-row.h"

struct _HsTraceRow
{
  GObject   parent_instance;

  HsTrace  *trace;
  guint        index;
  HsTableRows  kind;
};

G_DEFINE_FINAL_TYPE (HsTraceRow, hs_trace_row, G_TYPE_OBJECT)

static void
hs_trace_row_dispose (GObject *object)
{
  HsTraceRow *self = (HsTraceRow *) object;

  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_trace_row_parent_class)->dispose (object);
}

static void
hs_trace_row_class_init (HsTraceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hs_trace_row_dispose;
}

static void
hs_trace_row_init (HsTraceRow *self)
{
}

HsTraceRow *
hs_trace_row_new (HsTrace     *trace,
                  HsTableRows  rows,
                  guint        index)
{
  HsTraceRow *self = g_object_new (HS_TYPE_TRACE_ROW, NULL);

  self->trace = g_object_ref (trace);
  self->kind = rows;
  self->index = index;

  return self;
}

HsTrace *
hs_trace_row_get_trace (HsTraceRow *self)
{
  g_return_val_if_fail (HS_IS_TRACE_ROW (self), NULL);

  return self->trace;
}

/* The cycle (or event) index in the trace, not the row's position in a sorted table. */
guint
hs_trace_row_get_index (HsTraceRow *self)
{
  g_return_val_if_fail (HS_IS_TRACE_ROW (self), 0);

  return self->index;
}

gboolean
hs_trace_row_is_event (HsTraceRow *self)
{
  g_return_val_if_fail (HS_IS_TRACE_ROW (self), FALSE);

  return self->kind == HS_TABLE_ROWS_EVENTS;
}

HsTableRows
hs_trace_row_get_kind (HsTraceRow *self)
{
  g_return_val_if_fail (HS_IS_TRACE_ROW (self), HS_TABLE_ROWS_CYCLES);

  return self->kind;
}

/* How many rows a table of @rows has. */
guint
hs_table_rows_count (HsTrace     *trace,
                     HsTableRows  rows)
{
  switch (rows)
    {
    case HS_TABLE_ROWS_EVENTS:
      return hs_trace_get_n_events (trace);
    case HS_TABLE_ROWS_SAMPLES:
      return hs_trace_get_n_samples (trace);
    case HS_TABLE_ROWS_CYCLES:
    default:
      return hs_trace_get_n_cycles (trace);
    }
}

/* A row's time in s on the trace's axis, for "Only Rows in View". */
double
hs_table_rows_time (HsTrace     *trace,
                    HsTableRows  rows,
                    guint        row)
{
  switch (rows)
    {
    case HS_TABLE_ROWS_EVENTS:
      return hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, row);
    case HS_TABLE_ROWS_SAMPLES:
      return hs_trace_get_sample_time (trace, row);
    case HS_TABLE_ROWS_CYCLES:
    default:
      return hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, row);
    }
}

/*
 * A cycle's value as the tables sort and filter it: @field is an HsGcField (in its
 * hs_trace_get_gc_value() units) or HS_TABLE_SAMPLE_FIELD(). NAN when the cycle does not
 * know it (a polled cycle's heap, a cycle with no sample near it), so that unknown values
 * sort last and match no comparison instead of passing for 0.
 */
double
hs_trace_row_get_cycle_value (HsTrace *trace,
                              int      field,
                              guint    cycle)
{
  if (HS_TABLE_FIELD_IS_SAMPLE (field))
    return hs_trace_get_cycle_sample_value (trace, HS_TABLE_FIELD_TO_SAMPLE (field), cycle);

  /* the flags cost a lookup: only fields a polled cycle may lack need them */
  if (!hs_gc_field_is_known ((HsGcField) field, HS_GC_FLAG_SAMPLED) &&
      !hs_gc_field_is_known ((HsGcField) field, hs_trace_get_gc_flags (trace, cycle)))
    return NAN;

  return hs_trace_get_gc_value (trace, (HsGcField) field, cycle);
}
