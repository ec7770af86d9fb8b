/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-view.h: one chart on screen: input becomes viewport changes, drawing is the renderer's. */
#pragma once

#include <gtk/gtk.h>

#include "hs-chart-stack.h"

G_BEGIN_DECLS

#define HS_TYPE_CHART_VIEW (hs_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (HsChartView, hs_chart_view, HS, CHART_VIEW, GtkWidget)

GtkWidget   *hs_chart_view_new        (HsChartStack *stack,
                                       HsChartKind   kind,
                                       guint         flags);
HsChartKind  hs_chart_view_get_kind   (HsChartView  *self);
double       hs_chart_view_x_to_time  (HsChartView  *self,
                                       double        x);
double       hs_chart_view_time_to_x  (HsChartView  *self,
                                       double        time);

G_END_DECLS
