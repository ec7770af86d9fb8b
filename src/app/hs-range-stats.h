/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-range-stats.h: the statistics of the cycles in view, with a pause histogram; follows the zoom. */
#pragma once

#include <gtk/gtk.h>

#include "trace/hs-summary.h"

G_BEGIN_DECLS

#define HS_TYPE_RANGE_STATS (hs_range_stats_get_type ())

G_DECLARE_FINAL_TYPE (HsRangeStats, hs_range_stats, HS, RANGE_STATS, GtkWidget)

GtkWidget       *hs_range_stats_new          (HsTrace      *trace);
void             hs_range_stats_set_range    (HsRangeStats *self,
                                              double        start,
                                              double        end);
const HsSummary *hs_range_stats_get_summary  (HsRangeStats *self);
const char      *hs_range_stats_get_title    (HsRangeStats *self);
gboolean         hs_range_stats_get_busy     (HsRangeStats *self);

G_END_DECLS
