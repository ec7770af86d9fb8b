/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-stack.h: the four charts on one time axis, with the overview strip and the legend. */
#pragma once

#include <gtk/gtk.h>

#include "hs-chart-export.h"
#include "hs-chart-renderer.h"
#include "hs-time-viewport.h"

G_BEGIN_DECLS

#define HS_TYPE_CHART_STACK (hs_chart_stack_get_type ())

G_DECLARE_FINAL_TYPE (HsChartStack, hs_chart_stack, HS, CHART_STACK, GtkWidget)

GtkWidget       *hs_chart_stack_new                (HsTrace         *trace);
HsChartRenderer *hs_chart_stack_get_renderer       (HsChartStack    *self);
HsTimeViewport  *hs_chart_stack_get_viewport       (HsChartStack    *self);
GtkWidget       *hs_chart_stack_get_view           (HsChartStack    *self,
                                                    HsChartKind      kind);
gint64           hs_chart_stack_get_selected_cycle (HsChartStack    *self);
void             hs_chart_stack_set_selected_cycle (HsChartStack    *self,
                                                    gint64           cycle);
gint64           hs_chart_stack_get_hover_cycle    (HsChartStack    *self);
char           **hs_chart_stack_get_hidden_series  (HsChartStack    *self);
void             hs_chart_stack_set_hidden_series  (HsChartStack    *self,
                                                    const char * const *ids);
gboolean         hs_chart_stack_export             (HsChartStack    *self,
                                                    const char      *path,
                                                    int              width,
                                                    int              height,
                                                    gboolean         dark,
                                                    gboolean         whole_trace,
                                                    GError         **error);
void             hs_chart_stack_set_marks          (HsChartStack      *self,
                                                    const HsChartMark *marks,
                                                    guint              n_marks);
void             hs_chart_stack_set_scale          (HsChartStack    *self,
                                                    double           scale);
gboolean         hs_chart_stack_copy_image         (HsChartStack    *self,
                                                    GError         **error);

G_END_DECLS
