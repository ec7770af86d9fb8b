/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cycle-table.c: the table of a trace's GC cycles, linked to the charts by "selected-cycle". */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-cycle-table.h"
#include "trace/hs-csv.h"
#include "trace/hs-trace-row.h"

struct _HsCycleTable
{
  HsTableView parent_instance;
};

G_DEFINE_FINAL_TYPE (HsCycleTable, hs_cycle_table, HS_TYPE_TABLE_VIEW)

enum {
  PROP_0,
  PROP_SELECTED_CYCLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COL_NUMBER,
  COL_RUN,
  COL_TIME,
  COL_WALL_TIME,
  COL_CPU_PERCENT,
  COL_SWEEP_TERM,
  COL_MARK,
  COL_MARK_TERM,
  COL_PAUSE,
  COL_ASSIST,
  COL_BACKGROUND,
  COL_IDLE,
  COL_HEAP_BEFORE,
  COL_HEAP_AFTER,
  COL_HEAP_LIVE,
  COL_HEAP_GOAL,
  COL_STACKS,
  COL_GLOBALS,
  COL_RSS,
  COL_VM_SIZE,
  COL_PROCS,
  COL_CAUSE,
  COL_LINE,
  N_COLUMNS
};

#define US(title, tooltip, field) \
  { title, NULL, tooltip, HS_TABLE_CELL_US, field, field, 0, FALSE }
#define MB(title, tooltip, field, formats) \
  { title, NULL, tooltip, HS_TABLE_CELL_MB, field, field, formats, FALSE }

static const HsTableColumn columns[N_COLUMNS] = {
  [COL_NUMBER] = { N_("GC"), NULL, N_("The cycle’s number, as printed (gc N)"),
                   HS_TABLE_CELL_INTEGER, HS_GC_FIELD_NUMBER, -1, 0, FALSE },
  [COL_RUN] = { N_("Run"), NULL, N_("The process run the cycle belongs to: the count restarts at gc 1"),
                HS_TABLE_CELL_INTEGER, HS_GC_FIELD_RUN, -1, 0, FALSE },
  [COL_TIME] = { N_("Time"), "s", N_("Seconds since the process started (@T)"),
                 HS_TABLE_CELL_MS_AS_S, HS_GC_FIELD_TIME, -1, 0, FALSE },
  [COL_WALL_TIME] = { N_("Wall Clock"), NULL, N_("Local time from the log line’s prefix"),
                      HS_TABLE_CELL_TEXT, HS_GC_FIELD_WALL_TIME, -1, 0, TRUE },
  [COL_CPU_PERCENT] = { N_("GC CPU"), "%", N_("Share of CPU time spent in GC since the process started"),
                        HS_TABLE_CELL_INTEGER, HS_GC_FIELD_CPU_PERCENT, -1, 0, FALSE },
  [COL_SWEEP_TERM] = US (N_("Sweep Term."), N_("Stop-the-world sweep termination, wall clock"),
                         HS_GC_FIELD_CLOCK_SWEEP_TERM),
  [COL_MARK] = US (N_("Mark"), N_("Concurrent mark and scan, wall clock"), HS_GC_FIELD_CLOCK_MARK),
  [COL_MARK_TERM] = US (N_("Mark Term."), N_("Stop-the-world mark termination, wall clock"),
                        HS_GC_FIELD_CLOCK_MARK_TERM),
  [COL_PAUSE] = US (N_("Pause"), N_("Time the program stood still: sweep termination + mark termination"),
                    HS_GC_FIELD_PAUSE),
  [COL_ASSIST] = US (N_("Assist CPU"), N_("CPU time goroutines spent assisting the marking"),
                     HS_GC_FIELD_CPU_ASSIST),
  [COL_BACKGROUND] = US (N_("Background CPU"), N_("CPU time of the dedicated and fractional mark workers"),
                         HS_GC_FIELD_CPU_BACKGROUND),
  [COL_IDLE] = US (N_("Idle CPU"), N_("CPU time of mark workers on otherwise idle processors"),
                   HS_GC_FIELD_CPU_IDLE),
  [COL_HEAP_BEFORE] = MB (N_("Heap Before"), N_("Heap size when the cycle started"), HS_GC_FIELD_HEAP_BEFORE, 0),
  [COL_HEAP_AFTER] = MB (N_("After"), N_("Heap size when marking ended"), HS_GC_FIELD_HEAP_AFTER, 0),
  [COL_HEAP_LIVE] = MB (N_("Live"), N_("Heap marked live by this cycle"), HS_GC_FIELD_HEAP_LIVE, 0),
  [COL_HEAP_GOAL] = MB (N_("Goal"), N_("Heap size at which the next cycle is due"), HS_GC_FIELD_HEAP_GOAL, 0),
  [COL_STACKS] = MB (N_("Stacks"), N_("Scannable goroutine stacks (Go 1.18 and later)"), HS_GC_FIELD_STACKS,
                     HS_GC_FORMAT_GO118),
  [COL_GLOBALS] = MB (N_("Globals"), N_("Scannable globals (Go 1.18 and later)"), HS_GC_FIELD_GLOBALS,
                      HS_GC_FORMAT_GO118),
  [COL_RSS] = { N_("RES"), NULL,
                N_("Resident size (RES in top) sampled nearest to this cycle"),
                HS_TABLE_CELL_BYTES, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), -1, 0, FALSE },
  [COL_VM_SIZE] = { N_("VIRT"), NULL,
                    N_("Virtual size (VIRT in top) sampled nearest to this cycle"),
                    HS_TABLE_CELL_BYTES, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_VM_SIZE), -1, 0, FALSE },
  [COL_PROCS] = { N_("P"), NULL, N_("Processors (GOMAXPROCS)"),
                  HS_TABLE_CELL_INTEGER, HS_GC_FIELD_PROCS, -1, 0, FALSE },
  [COL_CAUSE] = { N_("Cause"), NULL,
                  N_("Forced: runtime.GC or debug.FreeOSMemory; periodic: the 2-minute GC; polled: read from expvar or Prometheus, which give only the number, end and pause"),
                  HS_TABLE_CELL_TEXT, HS_TABLE_SORT_CAUSE, -1, 0, FALSE },
  [COL_LINE] = { N_("Line"), NULL, N_("Line number in the input"),
                 HS_TABLE_CELL_INTEGER, HS_GC_FIELD_LINE, -1, 0, FALSE },
};

#undef US
#undef MB

static gboolean
hs_cycle_table_get_cell (HsTableView *view,
                         guint        index,
                         guint        column,
                         guint64     *value,
                         GString     *text)
{
  HsTrace *trace = hs_table_view_get_trace (view);
  int field = HS_TABLE_VIEW_GET_CLASS (view)->columns[column].sort_field;
  HsGcRecord r;

  if (field >= 0 && field < HS_N_GC_FIELDS &&
      !hs_gc_field_is_known ((HsGcField) field, hs_trace_get_gc_flags (trace, index)))
    {
      /* a polled cycle's heap, phases, CPU and line: not printed, not 0 */
      g_string_append (text, "—");
      return FALSE;
    }

  switch (column)
    {
    case COL_RUN:
      *value = hs_trace_get_run_of_cycle (trace, index) + 1;
      return TRUE;
    case COL_WALL_TIME:
      {
        double wall = hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, index);

        if (isnan (wall))
          return FALSE;
        hs_table_view_append_local_time (text, wall);
        return TRUE;
      }
    case COL_LINE:
      *value = hs_trace_get_gc_line (trace, index);
      return TRUE;
    case COL_RSS:
    case COL_VM_SIZE:
      {
        double bytes = hs_trace_row_get_cycle_value (trace, field, index);

        if (isnan (bytes))
          {
            g_string_append (text, "—");
            return FALSE;
          }
        *value = (guint64) bytes;
        return TRUE;
      }
    case COL_CAUSE:
      {
        guint flags = hs_trace_get_gc_flags (trace, index);

        g_string_append (text, (flags & HS_GC_FLAG_SAMPLED) ? C_("GC cause", "polled")
                               : (flags & HS_GC_FLAG_FORCED) ? C_("GC cause", "forced")
                               : (flags & HS_GC_FLAG_PERIODIC) ? C_("GC cause", "periodic")
                               : C_("GC cause", "normal"));
        return TRUE;
      }
    default:
      break;
    }

  hs_trace_get_gc_record (trace, index, &r);
  switch (column)
    {
    case COL_NUMBER:
      *value = r.number;
      break;
    case COL_TIME:
      *value = r.time_ms;
      break;
    case COL_CPU_PERCENT:
      *value = r.cpu_percent;
      break;
    case COL_SWEEP_TERM:
      *value = r.clock_us[HS_CLOCK_SWEEP_TERM];
      break;
    case COL_MARK:
      /* Go 1.5 printed scan and write-barrier set-up apart: they are part of the concurrent phase */
      *value = r.clock_us[HS_CLOCK_SCAN] + r.clock_us[HS_CLOCK_INSTALL_WB] + r.clock_us[HS_CLOCK_MARK];
      break;
    case COL_MARK_TERM:
      *value = r.clock_us[HS_CLOCK_MARK_TERM];
      break;
    case COL_PAUSE:
      *value = r.clock_us[HS_CLOCK_SWEEP_TERM] + r.clock_us[HS_CLOCK_MARK_TERM];
      break;
    case COL_ASSIST:
      *value = r.cpu_us[HS_CPU_ASSIST];
      break;
    case COL_BACKGROUND:
      *value = r.cpu_us[HS_CPU_SCAN] + r.cpu_us[HS_CPU_INSTALL_WB] + r.cpu_us[HS_CPU_BACKGROUND];
      break;
    case COL_IDLE:
      *value = r.cpu_us[HS_CPU_IDLE];
      break;
    case COL_HEAP_BEFORE:
      *value = r.heap_before_mb;
      break;
    case COL_HEAP_AFTER:
      *value = r.heap_after_mb;
      break;
    case COL_HEAP_LIVE:
      *value = r.heap_live_mb;
      break;
    case COL_HEAP_GOAL:
      *value = r.heap_goal_mb;
      break;
    case COL_STACKS:
      /* the trace keeps no format per cycle: the column shows once any line has stacks */
      *value = r.stacks_mb;
      break;
    case COL_GLOBALS:
      *value = r.globals_mb;
      break;
    case COL_PROCS:
      *value = r.procs;
      break;
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

static char *
hs_cycle_table_describe_count (HsTableView *view,
                               guint        shown,
                               guint        total,
                               gboolean     filtered)
{
  if (filtered)
    return g_strdup_printf (ngettext ("%'u of %'u cycle", "%'u of %'u cycles", total), shown, total);

  return g_strdup_printf (ngettext ("%'u cycle", "%'u cycles", total), total);
}

static void
hs_cycle_table_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_CYCLE:
      g_value_set_int64 (value, hs_table_view_get_selected (HS_TABLE_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_cycle_table_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_CYCLE:
      hs_table_view_set_selected (HS_TABLE_VIEW (object), g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_cycle_table_class_init (HsCycleTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HsTableViewClass *view_class = HS_TABLE_VIEW_CLASS (klass);

  object_class->get_property = hs_cycle_table_get_property;
  object_class->set_property = hs_cycle_table_set_property;

  /**
   * HsCycleTable:selected-cycle:
   *
   * The trace index of the selected cycle, -1 for none. Selecting a row sets it; setting it
   * selects the cycle's row and scrolls to it.
   */
  properties[PROP_SELECTED_CYCLE] =
    g_param_spec_int64 ("selected-cycle", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  view_class->rows = HS_TABLE_ROWS_CYCLES;
  view_class->csv_name = "cycles";
  view_class->columns = columns;
  view_class->n_columns = N_COLUMNS;
  view_class->selected_pspec = properties[PROP_SELECTED_CYCLE];
  view_class->get_cell = hs_cycle_table_get_cell;
  view_class->describe_count = hs_cycle_table_describe_count;
  view_class->write_rows = hs_csv_write_cycle_rows;
}

static void
hs_cycle_table_init (HsCycleTable *self)
{
}

GtkWidget *
hs_cycle_table_new (HsTrace *trace)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  return g_object_new (HS_TYPE_CYCLE_TABLE, "trace", trace, NULL);
}

gint64
hs_cycle_table_get_selected_cycle (HsCycleTable *self)
{
  g_return_val_if_fail (HS_IS_CYCLE_TABLE (self), -1);

  return hs_table_view_get_selected (HS_TABLE_VIEW (self));
}

void
hs_cycle_table_set_selected_cycle (HsCycleTable *self,
                                   gint64        cycle)
{
  g_return_if_fail (HS_IS_CYCLE_TABLE (self));

  hs_table_view_set_selected (HS_TABLE_VIEW (self), cycle);
}

/* The charts' visible range in seconds on the trace's axis, for "Only Rows in View". */
void
hs_cycle_table_set_visible_range (HsCycleTable *self,
                                  double        start,
                                  double        end)
{
  g_return_if_fail (HS_IS_CYCLE_TABLE (self));

  hs_table_view_set_visible_range (HS_TABLE_VIEW (self), start, end);
}
