/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-axis.h: clean tick values and unit scaling for the charts' axes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a value axis measures; the unit shown is picked from the range. */
typedef enum
{
  HS_CHART_UNIT_BYTES,     /* B, KiB, MiB, GiB, TiB (powers of 1024) */
  HS_CHART_UNIT_MS,        /* µs, ms, s (values are given in ms) */
  HS_CHART_UNIT_PERCENT,
} HsChartUnit;

#define HS_CHART_MAX_TICKS 32

typedef struct
{
  double      max;               /* the top of the axis, a multiple of step */
  double      step;              /* distance between ticks, in the value's own unit */
  guint       n_ticks;           /* ticks at 0, step, 2 step … max */
  double      scale;             /* divide a value by this to get it in the shown unit */
  const char *unit;              /* "MiB", "ms", "%" */
  int         decimals;          /* digits after the point the labels need */
} HsValueAxis;

void    hs_value_axis_init          (HsValueAxis  *axis,
                                     HsChartUnit   unit,
                                     double        max_value,
                                     guint         max_ticks);
char   *hs_value_axis_format_tick   (const HsValueAxis *axis,
                                     double        value);
char   *hs_chart_format_value       (HsChartUnit   unit,
                                     double        value);

/* Time ticks: seconds on the trace's axis, as Go durations or as wall-clock times. */
typedef struct
{
  double first;                  /* first tick at or after the start */
  double step;                   /* s */
  guint  n_ticks;
} HsTimeAxis;

void    hs_time_axis_init           (HsTimeAxis   *axis,
                                     double        start,
                                     double        end,
                                     guint         max_ticks);
char   *hs_chart_format_duration    (double        seconds,
                                     double        step);
char   *hs_chart_format_wall_time   (double        unix_seconds,
                                     double        step);

G_END_DECLS
