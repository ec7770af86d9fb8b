/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-overview.h: the whole trace in a strip; the visible window on it can be dragged. */
#pragma once

#include <gtk/gtk.h>

#include "hs-chart-stack.h"

G_BEGIN_DECLS

#define HS_TYPE_CHART_OVERVIEW (hs_chart_overview_get_type ())

G_DECLARE_FINAL_TYPE (HsChartOverview, hs_chart_overview, HS, CHART_OVERVIEW, GtkWidget)

GtkWidget *hs_chart_overview_new (HsChartStack *stack);

G_END_DECLS
