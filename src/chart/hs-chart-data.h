/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-data.h: the series the charts draw, their pyramids and the time index of a trace. */
#pragma once

#include "trace/hs-trace.h"
#include "hs-chart-axis.h"
#include "hs-chart-pyramid.h"

G_BEGIN_DECLS

/* GOGC=off prints a goal of 2^44 MB: a marker of "no goal", not a size to scale to. */
#define HS_CHART_NO_GOAL_BYTES 1.0e18

typedef enum
{
  HS_CHART_HEAP,
  HS_CHART_PAUSES,
  HS_CHART_CPU,
  HS_CHART_SCAVENGER,
  HS_N_CHARTS
} HsChartKind;

/* Charts as bits, for choosing which to draw */
#define HS_CHART_MASK(kind) (1u << (kind))
#define HS_CHART_MASK_ALL ((1u << HS_N_CHARTS) - 1)

typedef enum
{
  HS_CHART_SOURCE_CYCLES,
  HS_CHART_SOURCE_EVENTS,        /* scavenger events */
  HS_CHART_SOURCE_SAMPLES,       /* memory samples: /proc of a process, memstats polled over HTTP */
  HS_N_CHART_SOURCES
} HsChartSource;

typedef enum
{
  HS_CHART_STYLE_LINE,
  HS_CHART_STYLE_DASHED,
  HS_CHART_STYLE_AREA,           /* filled down to zero, line on top */
  HS_CHART_STYLE_STEP,           /* holds its value until the next point */
  HS_CHART_STYLE_STEP_AREA,
  HS_CHART_STYLE_BARS,           /* one bar or lollipop per point */
  HS_CHART_STYLE_MARKERS,        /* dots on top of the bars of the same chart */
} HsChartStyle;

/* In drawing order inside each chart: what comes later is drawn on top. */
typedef enum
{
  HS_SERIES_HEAP_HELD,           /* scvg: sys − released, what the runtime holds from the OS */
  HS_SERIES_HEAP_SYS,            /* scvg: sys */
  HS_SERIES_HEAP_RETURNED,       /* scav: returned to the OS and not reused ("KiB total/now") */
  HS_SERIES_VM_SIZE,             /* /proc VmSize: VIRT in top */
  HS_SERIES_RSS,                 /* /proc VmRSS: RES in top, what the puzzle starts with */
  HS_SERIES_GLOBALS,             /* drawn as stacks + globals: the band on top of stacks */
  HS_SERIES_STACKS,              /* behind the heap's lines, which they would hide */
  /* runtime.MemStats polled from expvar or Prometheus: under the lines of the GC's own trace */
  HS_SERIES_MEMSTATS_SYS,        /* Sys: everything the runtime obtained from the OS */
  HS_SERIES_MEMSTATS_HEAP_SYS,   /* HeapSys = HeapInuse + HeapIdle */
  HS_SERIES_MEMSTATS_HEAP_IDLE,
  HS_SERIES_MEMSTATS_HEAP_RELEASED, /* part of HeapIdle returned to the OS */
  HS_SERIES_MEMSTATS_HEAP_INUSE,
  HS_SERIES_MEMSTATS_HEAP_ALLOC, /* what gctrace calls the heap */
  HS_SERIES_MEMSTATS_NEXT_GC,    /* the heap goal */
  HS_SERIES_HEAP_START,          /* heap at GC start */
  HS_SERIES_HEAP_LIVE,           /* marked */
  HS_SERIES_HEAP_END,            /* heap at GC end */
  HS_SERIES_HEAP_LIMIT,          /* the goal where a memory limit held it down (inferred) */
  HS_SERIES_HEAP_GOAL,
  HS_SERIES_MARK,                /* concurrent mark, wall clock */
  HS_SERIES_PAUSE,               /* stop-the-world: sweep termination + mark termination */
  HS_SERIES_PAUSE_FORCED,
  HS_SERIES_PAUSE_PERIODIC,
  HS_SERIES_CPU_IDLE,            /* drawn cumulated: assist + background + idle */
  HS_SERIES_CPU_BACKGROUND,      /* assist + background */
  HS_SERIES_CPU_ASSIST,
  HS_SERIES_CPU_TOTAL,           /* cumulative GC CPU %, as printed */
  HS_SERIES_MEMSTATS_GC_CPU,     /* GCCPUFraction × 100: the same cumulative share, polled */
  HS_SERIES_SCAV_TOTAL,          /* running total of what was released */
  HS_SERIES_SCAV_SYS,
  HS_SERIES_SCAV_IDLE,
  HS_SERIES_SCAV_INUSE,
  HS_SERIES_SCAV_RETAINED,       /* scav: "KiB total/now" */
  HS_SERIES_SCAV_RELEASED,       /* released by this event (scvg "MB released", scav work) */
  HS_N_SERIES
} HsChartSeries;

typedef struct
{
  const char    *id;             /* stable, for settings and --charts */
  const char    *label;          /* untranslated; N_() marked */
  HsChartKind    chart;
  HsChartSource  source;
  HsChartStyle   style;
  HsChartUnit    unit;
  gboolean       hidden_by_default;
} HsChartSeriesInfo;

const HsChartSeriesInfo *hs_chart_series_get_info   (HsChartSeries series);
const char              *hs_chart_kind_get_id       (HsChartKind   kind);
const char              *hs_chart_kind_get_title    (HsChartKind   kind);
HsChartUnit              hs_chart_kind_get_unit     (HsChartKind   kind);

typedef struct _HsChartData HsChartData;

HsChartData *hs_chart_data_new             (HsTrace       *trace);
void         hs_chart_data_free            (HsChartData   *self);
void         hs_chart_data_update          (HsChartData   *self);
HsTrace     *hs_chart_data_get_trace       (HsChartData   *self);
guint        hs_chart_data_get_count       (HsChartData   *self,
                                            HsChartSource  source);
gboolean     hs_chart_data_has_series      (HsChartData   *self,
                                            HsChartSeries  series);
double       hs_chart_data_get_time        (HsChartData   *self,
                                            HsChartSource  source,
                                            guint          index);
guint        hs_chart_data_lower_bound     (HsChartData   *self,
                                            HsChartSource  source,
                                            double         time);
gboolean     hs_chart_data_query           (HsChartData   *self,
                                            HsChartSeries  series,
                                            guint          first,
                                            guint          end,
                                            double        *min,
                                            double        *max);
double       hs_chart_data_get_value       (HsChartData   *self,
                                            HsChartSeries  series,
                                            guint          index);
void         hs_chart_data_get_values      (HsChartData   *self,
                                            HsChartSeries  series,
                                            guint          first,
                                            guint          n,
                                            double        *values);
gboolean     hs_chart_goal_is_capped       (double         goal,
                                            double         previous_live,
                                            HsGcFormat     formats);
gboolean     hs_chart_data_is_sampled_cycle (HsChartData *self,
                                             guint        cycle);
guint        hs_chart_data_get_event_run   (HsChartData   *self,
                                            guint          event);
gsize        hs_chart_data_get_memory      (HsChartData   *self);

int          hs_chart_series_get_sample_field (HsChartSeries series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsChartData, hs_chart_data_free)

G_END_DECLS
