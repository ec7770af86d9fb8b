/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-view.h: what a tab shows of its trace: charts, findings, statistics and tables. */
#pragma once

#include <gtk/gtk.h>

#include "chart/hs-chart-stack.h"
#include "hs-findings-list.h"
#include "trace/hs-annotations.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_VIEW (hs_trace_view_get_type ())

G_DECLARE_FINAL_TYPE (HsTraceView, hs_trace_view, HS, TRACE_VIEW, GtkWidget)

GtkWidget      *hs_trace_view_new              (HsTrace     *trace,
                                                GtkWidget   *stats);
HsTrace        *hs_trace_view_get_trace        (HsTraceView *self);
HsChartStack   *hs_trace_view_get_charts       (HsTraceView *self);
HsFindingsList *hs_trace_view_get_findings     (HsTraceView *self);
GtkWidget      *hs_trace_view_get_cycle_table  (HsTraceView *self);
GtkWidget      *hs_trace_view_get_range_stats  (HsTraceView *self);
GtkWidget      *hs_trace_view_get_scavenger_table (HsTraceView *self);
HsAnnotations  *hs_trace_view_get_notes        (HsTraceView *self);
void            hs_trace_view_show_range       (HsTraceView *self,
                                                double       start,
                                                double       end);
void            hs_trace_view_release_stats    (HsTraceView *self);
void            hs_trace_view_note_range       (HsTraceView *self,
                                                double      *t_start,
                                                double      *t_end);
void            hs_trace_view_set_presenting   (HsTraceView *self,
                                                gboolean     presenting);
gboolean        hs_trace_view_get_presenting   (HsTraceView *self);
void            hs_trace_view_present_step     (HsTraceView *self,
                                                int          step);
const char     *hs_trace_view_get_caption      (HsTraceView *self);
void            hs_trace_view_loaded           (HsTraceView *self);

G_END_DECLS
