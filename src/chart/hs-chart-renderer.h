/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-renderer.h: draws the charts of a trace into any cairo context, without GTK. */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "hs-chart-data.h"
#include "hs-chart-palette.h"

G_BEGIN_DECLS

#define HS_TYPE_CHART_RENDERER (hs_chart_renderer_get_type ())

G_DECLARE_FINAL_TYPE (HsChartRenderer, hs_chart_renderer, HS, CHART_RENDERER, GObject)

typedef enum
{
  HS_CHART_RENDER_TIME_LABELS = 1 << 0,  /* tick labels under the last chart */
  HS_CHART_RENDER_LEGEND = 1 << 1,       /* series names beside each chart's title */
  HS_CHART_RENDER_TITLE = 1 << 2,        /* the trace's name on top (export) */
  HS_CHART_RENDER_RUN_LABELS = 1 << 3,   /* "Run 2" beside each process restart */
  HS_CHART_RENDER_NO_HEADER = 1 << 4,    /* no title row: the widget shows its own */
} HsChartRenderFlags;

#define HS_CHART_RENDER_EXPORT (HS_CHART_RENDER_TIME_LABELS | HS_CHART_RENDER_LEGEND | \
                                HS_CHART_RENDER_TITLE | HS_CHART_RENDER_RUN_LABELS)

typedef struct
{
  double  start;                 /* visible time range, s on the trace's axis */
  double  end;
  guint   charts;                /* HS_CHART_MASK bits, drawn top to bottom */
  guint   flags;                 /* HsChartRenderFlags */
  gint64  hover_cycle;           /* -1: none */
  gint64  hover_event;           /* -1: none */
  gint64  selected_cycle;        /* -1: none */
} HsChartRenderOptions;

typedef struct
{
  double x, y, width, height;
} HsChartRect;

/* A time range marked on every chart: a finding, or a note a person made. */
typedef enum
{
  HS_CHART_MARK_PROBLEM,
  HS_CHART_MARK_WARNING,
  HS_CHART_MARK_INFO,
  HS_CHART_MARK_NOTE,
} HsChartMarkKind;

typedef struct
{
  double           start;   /* s on the trace's axis; a point when end == start */
  double           end;
  HsChartMarkKind  kind;
  const char      *label;   /* drawn at the top of the first chart; may be NULL */
} HsChartMark;

/* Space around the plots; the widget maps pointer positions with the same numbers. */
#define HS_CHART_PLOT_LEFT 76.0
#define HS_CHART_PLOT_RIGHT 16.0

HsChartRenderer *hs_chart_renderer_new              (HsTrace                    *trace);
HsTrace         *hs_chart_renderer_get_trace        (HsChartRenderer            *self);
HsChartData     *hs_chart_renderer_get_data         (HsChartRenderer            *self);
void             hs_chart_renderer_set_marks        (HsChartRenderer            *self,
                                                     const HsChartMark          *marks,
                                                     guint                       n_marks);
void             hs_chart_renderer_set_palette      (HsChartRenderer            *self,
                                                     const HsChartPalette       *palette);
const HsChartPalette *hs_chart_renderer_get_palette (HsChartRenderer            *self);
void             hs_chart_renderer_set_series_visible (HsChartRenderer          *self,
                                                     HsChartSeries               series,
                                                     gboolean                    visible);
gboolean         hs_chart_renderer_get_series_visible (HsChartRenderer          *self,
                                                     HsChartSeries               series);
gboolean         hs_chart_renderer_has_series       (HsChartRenderer            *self,
                                                     HsChartSeries               series);
void             hs_chart_renderer_options_init     (HsChartRenderer            *self,
                                                     HsChartRenderOptions       *options);
void             hs_chart_renderer_get_time_range   (HsChartRenderer            *self,
                                                     double                     *start,
                                                     double                     *end);
void             hs_chart_renderer_render           (HsChartRenderer            *self,
                                                     cairo_t                    *cr,
                                                     int                         width,
                                                     int                         height,
                                                     const HsChartRenderOptions *options);
void             hs_chart_renderer_render_overview  (HsChartRenderer            *self,
                                                     cairo_t                    *cr,
                                                     int                         width,
                                                     int                         height,
                                                     double                      visible_start,
                                                     double                      visible_end);
gboolean         hs_chart_renderer_get_plot_rect    (HsChartRenderer            *self,
                                                     int                         width,
                                                     int                         height,
                                                     const HsChartRenderOptions *options,
                                                     HsChartKind                 kind,
                                                     HsChartRect                *rect);
gint64           hs_chart_renderer_find_cycle       (HsChartRenderer            *self,
                                                     double                      time);
gint64           hs_chart_renderer_find_event       (HsChartRenderer            *self,
                                                     double                      time);
char            *hs_chart_renderer_describe_cycle   (HsChartRenderer            *self,
                                                     guint                       cycle);
char            *hs_chart_renderer_describe_event   (HsChartRenderer            *self,
                                                     guint                       event);
char            *hs_chart_renderer_describe_samples (HsChartRenderer            *self,
                                                     double                      time);

G_END_DECLS
