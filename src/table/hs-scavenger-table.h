/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-scavenger-table.h: the table of a trace's scavenger events, linked to the charts by "selected-event". */
#pragma once

#include "hs-table-view.h"

G_BEGIN_DECLS

#define HS_TYPE_SCAVENGER_TABLE (hs_scavenger_table_get_type ())

G_DECLARE_FINAL_TYPE (HsScavengerTable, hs_scavenger_table, HS, SCAVENGER_TABLE, HsTableView)

GtkWidget *hs_scavenger_table_new                (HsTrace          *trace);
gint64     hs_scavenger_table_get_selected_event (HsScavengerTable *self);
void       hs_scavenger_table_set_selected_event (HsScavengerTable *self,
                                                  gint64            event);
void       hs_scavenger_table_set_visible_range  (HsScavengerTable *self,
                                                  double            start,
                                                  double            end);

G_END_DECLS
