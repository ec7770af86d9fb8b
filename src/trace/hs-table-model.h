/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-table-model.h: a GListModel of a trace's cycles or scavenger events, filtered and sorted. */
#pragma once

#include <gio/gio.h>

#include "hs-trace.h"
#include "hs-trace-row.h"

G_BEGIN_DECLS

#define HS_TYPE_TABLE_MODEL (hs_table_model_get_type ())

G_DECLARE_FINAL_TYPE (HsTableModel, hs_table_model, HS, TABLE_MODEL, GObject)

/* Sort keys beyond the trace's fields */
#define HS_TABLE_SORT_NONE  (-1)
#define HS_TABLE_SORT_CAUSE 1000   /* normal < periodic < forced < polled */
#define HS_TABLE_SORT_TIME  1001   /* the row's time on the trace's axis */
#define HS_TABLE_SORT_SOURCE 1002  /* a sample's HsSampleSource */

HsTableModel *hs_table_model_new              (HsTrace      *trace,
                                               HsTableRows   rows);
HsTrace      *hs_table_model_get_trace        (HsTableModel *self);
gboolean      hs_table_model_is_events        (HsTableModel *self);
HsTableRows   hs_table_model_get_rows         (HsTableModel *self);
gboolean      hs_table_model_set_filter_text  (HsTableModel *self,
                                               const char   *text,
                                               GError      **error);
const char   *hs_table_model_get_filter_text  (HsTableModel *self);
void          hs_table_model_set_sort         (HsTableModel *self,
                                               int           field,
                                               gboolean      descending);
void          hs_table_model_set_time_range   (HsTableModel *self,
                                               double        start,
                                               double        end);
gboolean      hs_table_model_get_busy         (HsTableModel *self);
guint         hs_table_model_get_trace_index  (HsTableModel *self,
                                               guint         position);
gboolean      hs_table_model_find_position    (HsTableModel *self,
                                               guint         trace_index,
                                               guint        *position);
guint32      *hs_table_model_dup_indices      (HsTableModel *self,
                                               const guint  *positions,
                                               guint         n_positions);

G_END_DECLS
