/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-memory-sample-table.h: the table of a trace's memory samples (/proc, expvar, Prometheus). */
#pragma once

#include "hs-table-view.h"

G_BEGIN_DECLS

#define HS_TYPE_MEMORY_SAMPLE_TABLE (hs_memory_sample_table_get_type ())

G_DECLARE_FINAL_TYPE (HsMemorySampleTable, hs_memory_sample_table, HS, MEMORY_SAMPLE_TABLE, HsTableView)

GtkWidget *hs_memory_sample_table_new                 (HsTrace             *trace);
gint64     hs_memory_sample_table_get_selected_sample (HsMemorySampleTable *self);
void       hs_memory_sample_table_set_selected_sample (HsMemorySampleTable *self,
                                                       gint64               sample);
void       hs_memory_sample_table_set_visible_range   (HsMemorySampleTable *self,
                                                       double               start,
                                                       double               end);

G_END_DECLS
