/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-stack-private.h: what the chart views and the overview share with their stack. */
#pragma once

#include "hs-chart-stack.h"

G_BEGIN_DECLS

void     _hs_chart_stack_set_hover        (HsChartStack *self,
                                           double        time);
void     _hs_chart_stack_clear_hover      (HsChartStack *self);
double   _hs_chart_stack_get_scale        (HsChartStack *self);
gint64   _hs_chart_stack_get_hover_event  (HsChartStack *self);
double   _hs_chart_stack_get_hover_time   (HsChartStack *self);
void     _hs_chart_stack_select_at        (HsChartStack *self,
                                           double        time);
void     _hs_chart_stack_update_palette   (HsChartStack *self,
                                           GtkWidget    *widget);

G_END_DECLS
