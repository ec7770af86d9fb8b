/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-scavenger-table.c: the table of a trace's scavenger events, linked to the charts by "selected-event". */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-scavenger-table.h"
#include "trace/hs-csv.h"

struct _HsScavengerTable
{
  HsTableView parent_instance;
};

G_DEFINE_FINAL_TYPE (HsScavengerTable, hs_scavenger_table, HS_TYPE_TABLE_VIEW)

enum {
  PROP_0,
  PROP_SELECTED_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COL_EVENT,
  COL_TIME,
  COL_AFTER_GC,
  COL_SEQUENCE,
  COL_RELEASED_NOW,
  COL_INUSE,
  COL_IDLE,
  COL_SYS,
  COL_RELEASED,
  COL_CONSUMED,
  COL_WORK,
  COL_EAGER,
  COL_RETAINED,
  COL_UTIL,
  COL_FORCED,
  COL_LINE,
  N_COLUMNS
};

/* Which lines carry which values (see gctrace-formats.md) */
#define SCVG_ANY   (HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_HEX | HS_SCAV_FORMAT_SCVG_113)
#define SCVG_STATS (HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_113)
#define SCAV_ANY   (HS_SCAV_FORMAT_SCAV_114 | HS_SCAV_FORMAT_SCAV_GEN | HS_SCAV_FORMAT_SCAV_121)

#define SIZE(title, tooltip, kind, field, formats) \
  { title, NULL, tooltip, kind, field, field, formats, FALSE }

static const HsTableColumn columns[N_COLUMNS] = {
  [COL_EVENT] = { N_("Event"), NULL, N_("The event’s number in the trace"),
                  HS_TABLE_CELL_INTEGER, HS_SCAV_FIELD_LINE, -1, 0, FALSE },
  [COL_TIME] = { N_("Time"), "s",
                 N_("Estimated: scavenger lines carry no time, so the event is placed between the GC cycles around it"),
                 HS_TABLE_CELL_MS_AS_S, HS_SCAV_FIELD_TIME, -1, 0, FALSE },
  [COL_AFTER_GC] = { N_("After GC"), NULL, N_("The GC cycle printed last before the event"),
                     HS_TABLE_CELL_INTEGER, HS_TABLE_SORT_NONE, -1, 0, FALSE },
  [COL_SEQUENCE] = { N_("Seq."), NULL, N_("The number the runtime printed: scvgN or the scav generation"),
                     HS_TABLE_CELL_INTEGER, HS_TABLE_SORT_NONE, -1, 0, FALSE },
  [COL_RELEASED_NOW] = SIZE (N_("Released Now"), N_("Returned to the operating system by this event"),
                             HS_TABLE_CELL_MB, HS_SCAV_FIELD_RELEASED_NOW, SCVG_ANY),
  [COL_INUSE] = SIZE (N_("In Use"), N_("Heap spans in use"), HS_TABLE_CELL_MB, HS_SCAV_FIELD_INUSE, SCVG_STATS),
  [COL_IDLE] = SIZE (N_("Idle"), N_("Heap spans held but unused"), HS_TABLE_CELL_MB, HS_SCAV_FIELD_IDLE, SCVG_STATS),
  [COL_SYS] = SIZE (N_("Sys"), N_("Heap memory obtained from the operating system"),
                    HS_TABLE_CELL_MB, HS_SCAV_FIELD_SYS, SCVG_STATS),
  [COL_RELEASED] = SIZE (N_("Released"), N_("Returned to the operating system so far"),
                         HS_TABLE_CELL_MB, HS_SCAV_FIELD_RELEASED, SCVG_STATS),
  [COL_CONSUMED] = SIZE (N_("Consumed"), N_("Held from the operating system: sys − released"),
                         HS_TABLE_CELL_MB, HS_SCAV_FIELD_CONSUMED, SCVG_STATS),
  [COL_WORK] = SIZE (N_("Work"), N_("Released since the last line (Go 1.21 and later: by the background scavenger)"),
                     HS_TABLE_CELL_KIB, HS_SCAV_FIELD_WORK, SCAV_ANY),
  [COL_EAGER] = SIZE (N_("Eager"), N_("Released eagerly, on allocation (Go 1.21 and later)"),
                      HS_TABLE_CELL_KIB, HS_SCAV_FIELD_EAGER, HS_SCAV_FORMAT_SCAV_121),
  [COL_RETAINED] = SIZE (N_("Total / Now"),
                         N_("Returned and not reused since the process started (“total”, before Go 1.21) or now (“now”)"),
                         HS_TABLE_CELL_KIB, HS_SCAV_FIELD_RETAINED, SCAV_ANY),
  [COL_UTIL] = { N_("Util"), "%", N_("Heap utilization the scavenger aims for"),
                 HS_TABLE_CELL_INTEGER, HS_SCAV_FIELD_UTIL, -1, SCAV_ANY, FALSE },
  [COL_FORCED] = { N_("Forced"), NULL, N_("Run by debug.FreeOSMemory"),
                   HS_TABLE_CELL_TEXT, HS_TABLE_SORT_NONE, -1, 0, FALSE },
  [COL_LINE] = { N_("Line"), NULL, N_("Line number in the input"),
                 HS_TABLE_CELL_INTEGER, HS_SCAV_FIELD_LINE, -1, 0, FALSE },
};

#undef SIZE

static gboolean
hs_scavenger_table_get_cell (HsTableView *view,
                             guint        index,
                             guint        column,
                             guint64     *value,
                             GString     *text)
{
  HsTrace *trace = hs_table_view_get_trace (view);
  guint n_cycles = hs_trace_get_n_cycles (trace);
  gboolean scvg, scav;
  HsScavRecord r;

  switch (column)
    {
    case COL_EVENT:
      *value = (guint64) index + 1;
      return TRUE;
    case COL_TIME:
      {
        double t = hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, index);

        /* with no GC cycle there is nothing to place the event by */
        if (n_cycles == 0 || isnan (t) || t < 0)
          return FALSE;
        *value = (guint64) llround (t * 1000.0);
        return TRUE;
      }
    case COL_AFTER_GC:
      {
        guint cycle = hs_trace_get_scav_cycle (trace, index);

        if (cycle == 0 || cycle > n_cycles)
          return FALSE;
        *value = (guint64) hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, cycle - 1);
        return TRUE;
      }
    case COL_LINE:
      *value = hs_trace_get_scav_line (trace, index);
      return TRUE;
    default:
      break;
    }

  hs_trace_get_scav_record (trace, index, &r);
  scvg = (r.format & SCVG_ANY) != 0;
  scav = (r.format & SCAV_ANY) != 0;
  switch (column)
    {
    case COL_SEQUENCE:
      *value = (guint64) r.sequence;
      return (r.flags & HS_SCAV_FLAG_HAS_SEQUENCE) != 0 && r.sequence >= 0;
    case COL_RELEASED_NOW:
      /* scvg printed whole MB: the KiB kept are exact multiples */
      *value = r.released_now_kib >> 10;
      return scvg && (r.flags & HS_SCAV_FLAG_HAS_RELEASED_NOW) != 0;
    case COL_INUSE:
      *value = r.inuse_kib >> 10;
      return scvg && r.kind == HS_SCAV_KIND_SCVG;
    case COL_IDLE:
      *value = r.idle_kib >> 10;
      return scvg && r.kind == HS_SCAV_KIND_SCVG;
    case COL_SYS:
      *value = r.sys_kib >> 10;
      return scvg && r.kind == HS_SCAV_KIND_SCVG;
    case COL_RELEASED:
      *value = r.released_kib >> 10;
      return scvg && r.kind == HS_SCAV_KIND_SCVG;
    case COL_CONSUMED:
      *value = r.consumed_kib >> 10;
      return scvg && r.kind == HS_SCAV_KIND_SCVG;
    case COL_WORK:
      *value = r.work_kib;
      return scav;
    case COL_EAGER:
      *value = r.eager_kib;
      return (r.format & HS_SCAV_FORMAT_SCAV_121) != 0;
    case COL_RETAINED:
      *value = r.retained_kib;
      return scav;
    case COL_UTIL:
      *value = r.util_percent;
      return scav;
    case COL_FORCED:
      if (r.flags & HS_SCAV_FLAG_FORCED)
        g_string_append (text, _("forced"));
      return TRUE;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static char *
hs_scavenger_table_describe_count (HsTableView *view,
                                   guint        shown,
                                   guint        total,
                                   gboolean     filtered)
{
  if (filtered)
    return g_strdup_printf (ngettext ("%'u of %'u scavenger event", "%'u of %'u scavenger events", total),
                            shown, total);

  return g_strdup_printf (ngettext ("%'u scavenger event", "%'u scavenger events", total), total);
}

static void
hs_scavenger_table_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_EVENT:
      g_value_set_int64 (value, hs_table_view_get_selected (HS_TABLE_VIEW (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_scavenger_table_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED_EVENT:
      hs_table_view_set_selected (HS_TABLE_VIEW (object), g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_scavenger_table_class_init (HsScavengerTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  HsTableViewClass *view_class = HS_TABLE_VIEW_CLASS (klass);

  object_class->get_property = hs_scavenger_table_get_property;
  object_class->set_property = hs_scavenger_table_set_property;

  /**
   * HsScavengerTable:selected-event:
   *
   * The index of the selected scavenger event, -1 for none. Selecting a row sets it; setting
   * it selects the event's row and scrolls to it.
   */
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_int64 ("selected-event", NULL, NULL, -1, G_MAXUINT32, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  view_class->rows = HS_TABLE_ROWS_EVENTS;
  view_class->csv_name = "scavenger";
  view_class->columns = columns;
  view_class->n_columns = N_COLUMNS;
  view_class->selected_pspec = properties[PROP_SELECTED_EVENT];
  view_class->get_cell = hs_scavenger_table_get_cell;
  view_class->describe_count = hs_scavenger_table_describe_count;
  view_class->write_rows = hs_csv_write_event_rows;
}

static void
hs_scavenger_table_init (HsScavengerTable *self)
{
}

GtkWidget *
hs_scavenger_table_new (HsTrace *trace)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  return g_object_new (HS_TYPE_SCAVENGER_TABLE, "trace", trace, NULL);
}

gint64
hs_scavenger_table_get_selected_event (HsScavengerTable *self)
{
  g_return_val_if_fail (HS_IS_SCAVENGER_TABLE (self), -1);

  return hs_table_view_get_selected (HS_TABLE_VIEW (self));
}

void
hs_scavenger_table_set_selected_event (HsScavengerTable *self,
                                       gint64            event)
{
  g_return_if_fail (HS_IS_SCAVENGER_TABLE (self));

  hs_table_view_set_selected (HS_TABLE_VIEW (self), event);
}

/* The charts' visible range in seconds on the trace's axis, for "Only Rows in View". */
void
hs_scavenger_table_set_visible_range (HsScavengerTable *self,
                                      double            start,
                                      double            end)
{
  g_return_if_fail (HS_IS_SCAVENGER_TABLE (self));

  hs_table_view_set_visible_range (HS_TABLE_VIEW (self), start, end);
}
