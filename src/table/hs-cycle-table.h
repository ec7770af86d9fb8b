/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cycle-table.h: the table of a trace's GC cycles, linked to the charts by "selected-cycle". */
#pragma once

#include "hs-table-view.h"

G_BEGIN_DECLS

#define HS_TYPE_CYCLE_TABLE (hs_cycle_table_get_type ())

G_DECLARE_FINAL_TYPE (HsCycleTable, hs_cycle_table, HS, CYCLE_TABLE, HsTableView)

GtkWidget *hs_cycle_table_new                (HsTrace      *trace);
gint64     hs_cycle_table_get_selected_cycle (HsCycleTable *self);
void       hs_cycle_table_set_selected_cycle (HsCycleTable *self,
                                              gint64        cycle);
void       hs_cycle_table_set_visible_range  (HsCycleTable *self,
                                              double        start,
                                              double        end);

G_END_DECLS
