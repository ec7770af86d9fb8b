/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-memory-sample-table.c: the table of a trace's memory samples (/proc, expvar, Prometheus). */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-memory-sample-table.h"
#include "trace/hs-csv.h"

struct _HsMemorySampleTable
{
  HsTableView parent_instance;
};

G_DEFINE_FINAL_TYPE (HsMemorySampleTable, hs_memory_sample_table, HS_TYPE_TABLE_VIEW)

enum {
  PROP_0,
  PROP_SELECTED_SAMPLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COL_TIME,
  COL_WALL_TIME,
  COL_SOURCE,
  COL_RSS,
  COL_VM_SIZE,
  COL_RSS_ANON,
  COL_RSS_FILE,
  COL_HEAP_ALLOC,
  COL_HEAP_INUSE,
  COL_HEAP_IDLE,
  COL_HEAP_RELEASED,
  COL_HEAP_SYS,
  COL_SYS,
  COL_NEXT_GC,
  COL_GC_CPU,
  N_COLUMNS
};

/* a column per value; it shows once the trace has samples with that value */
#define BYTES(title, tooltip, field) \
  { title, NULL, tooltip, HS_TABLE_CELL_BYTES, HS_TABLE_SAMPLE_FIELD (field), -1, 0, FALSE }

static const HsTableColumn columns[N_COLUMNS] = {
  [COL_TIME] = { N_("Time"), "s", N_("When the sample was taken, on the trace’s time axis"),
                 HS_TABLE_CELL_MS_AS_S, HS_TABLE_SORT_TIME, -1, 0, FALSE },
  [COL_WALL_TIME] = { N_("Wall Clock"), NULL, N_("Local time the sample was taken"),
                      HS_TABLE_CELL_TEXT, HS_TABLE_SORT_TIME, -1, 0, FALSE },
  [COL_SOURCE] = { N_("Source"), NULL,
                   N_("proc: /proc of the process; expvar: its /debug/vars; metrics: its Prometheus endpoint"),
                   HS_TABLE_CELL_TEXT, HS_TABLE_SORT_SOURCE, -1, 0, FALSE },
  [COL_RSS] = BYTES (N_("RES"), N_("Resident size (RES in top): VmRSS"), HS_SAMPLE_FIELD_RSS),
  [COL_VM_SIZE] = BYTES (N_("VIRT"), N_("Virtual size (VIRT in top): VmSize"), HS_SAMPLE_FIELD_VM_SIZE),
  [COL_RSS_ANON] = BYTES (N_("RssAnon"), N_("Resident anonymous memory: the heap, stacks and other allocations"),
                          HS_SAMPLE_FIELD_RSS_ANON),
  [COL_RSS_FILE] = BYTES (N_("RssFile"), N_("Resident file-backed memory: the binary and mapped files"),
                          HS_SAMPLE_FIELD_RSS_FILE),
  [COL_HEAP_ALLOC] = BYTES (N_("HeapAlloc"), N_("Bytes of allocated heap objects, reachable or not yet swept"),
                            HS_SAMPLE_FIELD_HEAP_ALLOC),
  [COL_HEAP_INUSE] = BYTES (N_("HeapInuse"), N_("Bytes in heap spans that hold at least one object"),
                            HS_SAMPLE_FIELD_HEAP_INUSE),
  [COL_HEAP_IDLE] = BYTES (N_("HeapIdle"), N_("Bytes in heap spans that hold no object"),
                           HS_SAMPLE_FIELD_HEAP_IDLE),
  [COL_HEAP_RELEASED] = BYTES (N_("HeapReleased"), N_("Bytes of idle spans returned to the operating system"),
                               HS_SAMPLE_FIELD_HEAP_RELEASED),
  [COL_HEAP_SYS] = BYTES (N_("HeapSys"), N_("Bytes of heap memory obtained from the operating system"),
                          HS_SAMPLE_FIELD_HEAP_SYS),
  [COL_SYS] = BYTES (N_("Sys"), N_("All memory the Go runtime obtained from the operating system"),
                     HS_SAMPLE_FIELD_SYS),
  [COL_NEXT_GC] = BYTES (N_("NextGC"), N_("Heap size at which the next cycle is due"),
                         HS_SAMPLE_FIELD_NEXT_GC),
  [COL_GC_CPU] = { N_("GCCPUFraction"), "%", N_("Share of the program’s CPU time spent in GC since it started"),
                   HS_TABLE_CELL_INTEGER, HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_GC_CPU_FRACTION), -1, 0, FALSE },
};

#undef BYTES

static gboolean
hs_memory_sample_table_get_cell (HsTableView *view,
                                 guint        index,
                                 guint        column,
                                 guint64     *value,
                                 GString     *text)
{
  HsTrace *trace = hs_table_view_get_trace (view);
  double v;

  switch (column)
    {
    case COL_TIME:
      *value = (guint64) llround (fmax (hs_trace_get_sample_time (trace, index), 0.0) * 1000.0);
      return TRUE;
    case COL_WALL_TIME:
      {
        gint64 us = hs_trace_get_sample_wall_time (trace, index);

        if (us == 0)
          return FALSE;
        hs_table_view_append_local_time (text, (double) us / G_USEC_PER_SEC);
        return TRUE;
      }
    case COL_SOURCE:
      g_string_append (text, hs_sample_source_to_string (hs_trace_get_sample_source (trace, index)));
      return TRUE;
    default:
      break;
    }

  v = hs_trace_get_sample_value (trace, HS_TABLE_FIELD_TO_SAMPLE (columns[column].sort_field), index);
  if (isnan (v))
    {
      /* a sample from another source: this value was not read */
      g_string_append (text, "—");
      return FALSE;
    }

  if (column == COL_GC_CPU)
    {
      /* a fraction of 0–1, shown as a percentage with three decimals */
      g_string_append_printf (text, "%.3f", v * 100.0);
      return FALSE;
    }

  *value = (guint64) v;
  return TRUE;
}

static char *
hs_memory_sample_table_describe_count (HsTableView *view,
                                       guint        shown,
                                       guint        total,
                                       gboolean     filtered)
{
  if (filtered)
    return g_strdup_printf (ngettext ("%'u of %'u memory sample", "%'u of %'u memory samples", total),
                            shown, total);

  return g_strdup_printf (ngettext ("%'u memory sample", "%'u memory samples", total), total);
}

static void
hs_memory_sample_table_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_SAMPLE:
      g_value_set_int64 (value, hs_table_view_get_selected (HS_TABLE_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_memory_sample_table_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_SAMPLE:
      hs_table_view_set_selected (HS_TABLE_VIEW (object), g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_memory_sample_table_class_init (HsMemorySampleTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HsTableViewClass *view_class = HS_TABLE_VIEW_CLASS (klass);

  object_class->get_property = hs_memory_sample_table_get_property;
  object_class->set_property = hs_memory_sample_table_set_property;

  /**
   * HsMemorySampleTable:selected-sample:
   *
   * The index of the selected memory sample, -1 for none. Selecting a row sets it; setting
   * it selects the sample's row and scrolls to it.
   */
  properties[PROP_SELECTED_SAMPLE] =
    g_param_spec_int64 ("selected-sample", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  view_class->rows = HS_TABLE_ROWS_SAMPLES;
  view_class->csv_name = "memory-samples";
  view_class->columns = columns;
  view_class->n_columns = N_COLUMNS;
  view_class->selected_pspec = properties[PROP_SELECTED_SAMPLE];
  view_class->get_cell = hs_memory_sample_table_get_cell;
  view_class->describe_count = hs_memory_sample_table_describe_count;
  view_class->write_rows = hs_csv_write_sample_rows;
}

static void
hs_memory_sample_table_init (HsMemorySampleTable *self)
{
}

GtkWidget *
hs_memory_sample_table_new (HsTrace *trace)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  return g_object_new (HS_TYPE_MEMORY_SAMPLE_TABLE, "trace", trace, NULL);
}

gint64
hs_memory_sample_table_get_selected_sample (HsMemorySampleTable *self)
{
  g_return_val_if_fail (HS_IS_MEMORY_SAMPLE_TABLE (self), -1);

  return hs_table_view_get_selected (HS_TABLE_VIEW (self));
}

void
hs_memory_sample_table_set_selected_sample (HsMemorySampleTable *self,
                                            gint64               sample)
{
  g_return_if_fail (HS_IS_MEMORY_SAMPLE_TABLE (self));

  hs_table_view_set_selected (HS_TABLE_VIEW (self), sample);
}

/* The charts' visible range in seconds on the trace's axis, for "Only Rows in View". */
void
hs_memory_sample_table_set_visible_range (HsMemorySampleTable *self,
                                          double               start,
                                          double               end)
{
  g_return_if_fail (HS_IS_MEMORY_SAMPLE_TABLE (self));

  hs_table_view_set_visible_range (HS_TABLE_VIEW (self), start, end);
}
