/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-pyramid.h: min/max pyramid of one series, so drawing costs pixels, not cycles. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @n raw values of a series, starting at @first, into @out. */
typedef void (*HsChartFetchFunc) (gpointer  data,
                                  guint     first,
                                  guint     n,
                                  double   *out);

/* Buckets of level k cover HS_CHART_PYRAMID_FANOUT^(k+1) values. */
#define HS_CHART_PYRAMID_FANOUT 16
#define HS_CHART_PYRAMID_MAX_LEVELS 8

typedef struct
{
  float min;
  float max;
} HsChartBucket;

typedef struct
{
  guint             n_values;
  guint             n_levels;
  GArray           *levels[HS_CHART_PYRAMID_MAX_LEVELS];   /* HsChartBucket */
  HsChartFetchFunc  fetch;
  gpointer          fetch_data;
} HsChartPyramid;

HsChartPyramid *hs_chart_pyramid_new     (HsChartFetchFunc      fetch,
                                          gpointer              fetch_data);
void            hs_chart_pyramid_free    (HsChartPyramid       *self);
void            hs_chart_pyramid_extend  (HsChartPyramid       *self,
                                          guint                 n_values);
gboolean        hs_chart_pyramid_query   (const HsChartPyramid *self,
                                          guint                 first,
                                          guint                 end,
                                          double               *min,
                                          double               *max);
gsize           hs_chart_pyramid_get_memory (const HsChartPyramid *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsChartPyramid, hs_chart_pyramid_free)

G_END_DECLS
