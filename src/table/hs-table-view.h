/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-table-view.h: the base of the cycle, scavenger and sample tables: columns, filter bar, selection, copy, export. */
#pragma once

#include <gtk/gtk.h>

#include "trace/hs-table-model.h"

G_BEGIN_DECLS

#define HS_TYPE_TABLE_VIEW (hs_table_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (HsTableView, hs_table_view, HS, TABLE_VIEW, GtkWidget)

/* How a column's raw integer is shown; the unit of the scaled kinds follows the column's largest value. */
typedef enum
{
  HS_TABLE_CELL_TEXT,       /* the text as given */
  HS_TABLE_CELL_INTEGER,    /* as is */
  HS_TABLE_CELL_MS_AS_S,    /* milliseconds shown as seconds with three decimals */
  HS_TABLE_CELL_US,         /* microseconds: µs, ms or s */
  HS_TABLE_CELL_MB,         /* whole MB: MB or GB */
  HS_TABLE_CELL_KIB,        /* KiB: KiB, MiB or GiB */
  HS_TABLE_CELL_BYTES,      /* bytes: MB or GB (MiB, as the runtime's MB), with decimals */
} HsTableCellKind;

typedef struct
{
  const char      *title;        /* N_() */
  const char      *unit;         /* fixed unit for the header, or NULL */
  const char      *tooltip;      /* N_(), or NULL */
  HsTableCellKind  kind;
  int              sort_field;   /* HsGcField / HsScavField / HS_TABLE_SORT_* / HS_TABLE_SAMPLE_FIELD ();
                                  * _NONE: not sortable. A sample field's column shows once the
                                  * trace has samples of it */
  int              scale_field;  /* the field whose largest value picks the unit; -1 none */
  guint            formats;      /* HsGcFormat / HsScavFormat mask the column needs; 0: always */
  gboolean         wall_time;    /* shown only when the trace has wall-clock times */
} HsTableColumn;

struct _HsTableViewClass
{
  GtkWidgetClass parent_class;

  /* set by the subclass in class_init */
  HsTableRows          rows;
  const char          *csv_name;      /* file name suggested by "Export CSV…", e.g. "cycles" */
  const HsTableColumn *columns;
  guint                n_columns;
  GParamSpec          *selected_pspec;

  /* fills @value or @text for the cell; FALSE: the cell shows @text as is (empty, or “—”
   * for a value the row does not know) */
  gboolean (*get_cell)       (HsTableView *self,
                              guint        index,
                              guint        column,
                              guint64     *value,
                              GString     *text);
  char    *(*describe_count) (HsTableView *self,
                              guint        shown,
                              guint        total,
                              gboolean     filtered);
  /* hs_csv_write_cycle_rows, _event_rows or _sample_rows */
  void     (*write_rows)     (HsTrace     *trace,
                              const guint *indices,
                              guint        first,
                              guint        n,
                              gboolean     header,
                              char         separator,
                              GString     *out);
};

HsTrace        *hs_table_view_get_trace          (HsTableView    *self);
void            hs_table_view_append_local_time  (GString        *text,
                                                  double          unix_s);
HsTableModel   *hs_table_view_get_model          (HsTableView    *self);
GtkColumnView  *hs_table_view_get_column_view    (HsTableView    *self);
GtkSearchEntry *hs_table_view_get_search_entry   (HsTableView    *self);
const char     *hs_table_view_get_count_text     (HsTableView    *self);
const char     *hs_table_view_get_error_text     (HsTableView    *self);
gint64          hs_table_view_get_selected       (HsTableView    *self);
void            hs_table_view_set_selected       (HsTableView    *self,
                                                  gint64          index);
void            hs_table_view_set_visible_range  (HsTableView    *self,
                                                  double          start,
                                                  double          end);
void            hs_table_view_set_only_in_view   (HsTableView    *self,
                                                  gboolean        only_in_view);
char           *hs_table_view_dup_selected_text  (HsTableView    *self);
void            hs_table_view_export_async       (HsTableView    *self,
                                                  GFile          *file,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
gboolean        hs_table_view_export_finish      (HsTableView    *self,
                                                  GAsyncResult   *result,
                                                  GError        **error);

G_END_DECLS
