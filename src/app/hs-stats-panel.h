/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-stats-panel.h: the headline statistics of a trace, kept current as it grows. */
#pragma once

#include <gtk/gtk.h>

#include "trace/hs-summary.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_STATS_PANEL (hs_stats_panel_get_type ())

G_DECLARE_FINAL_TYPE (HsStatsPanel, hs_stats_panel, HS, STATS_PANEL, GtkWidget)

GtkWidget  *hs_stats_panel_new          (void);
void        hs_stats_panel_set_trace    (HsStatsPanel *self,
                                         HsTrace      *trace);
void        hs_stats_panel_refresh      (HsStatsPanel *self);
const char *hs_stats_panel_get_value    (HsStatsPanel *self,
                                         const char   *key);
const HsSummary *hs_stats_panel_get_summary (HsStatsPanel *self);

G_END_DECLS
