/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-table-view.c: the base of the cycle and scavenger tables: columns, filter bar, selection, copy, export. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "hs-table-resources.h"
#include "hs-table-view.h"
#include "trace/hs-trace-row.h"

/*
 * The table shows an HsTableModel, which filters and sorts on a worker thread; the column
 * view never sorts anything itself. Its column sorters only tell which header was clicked:
 * GTK 4.8 has no public call to read the column view's sort column, so every column gets a
 * custom sorter that records its own number when it is asked to compare, and one compare
 * through the column view's sorter then names the primary column and, by the sign of the
 * result, its direction.
 *
 * Cells are labels filled in the factory's bind callback from the trace's exact integers,
 * formatted into one scratch string, so a row costs no allocation beyond GTK's own widgets.
 */

#define RESOURCE_PATH    "/io/github/heapscope/Heapscope/table/"
#define SEARCH_DELAY_MS  300
#define EXPORT_BLOCK     8192

typedef struct
{
  HsTableView         *view;        /* unowned: the view owns the columns */
  guint                id;
  GtkColumnViewColumn *column;
  guint                scale;       /* 0: smallest unit of the kind */
  GHashTable          *bound;       /* GtkListItems on screen, to show them in a new unit */
  double               max;         /* largest value of the scale field seen so far */
} Column;

typedef struct
{
  HsTrace           *trace;
  HsTableModel      *model;
  GtkMultiSelection *selection;

  GtkWidget         *count_label;
  GtkWidget         *spinner;
  GtkWidget         *busy_label;
  GtkWidget         *status_label;
  GtkWidget         *only_in_view_button;
  GtkWidget         *search_bar;
  GtkWidget         *search_entry;
  GtkWidget         *error_label;
  GtkWidget         *scrolled;
  GtkWidget         *column_view;

  Column            *columns;
  GString           *scratch;
  int                probe_column;
  int                sort_column;
  gint64             selected;
  gboolean           syncing_selection;
  GtkBitset         *last_selection;    /* to tell which rows a change added */
  guint              selection_idle_id;
  guint              reveal_id;         /* brings the selected row into view once first shown */
  double             range_start;
  double             range_end;
  gboolean           only_in_view;
} HsTableViewPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HsTableView, hs_table_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TRACE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const us_units[] = { "µs", "ms", "s" };
static const char * const mb_units[] = { "MB", "GB" };
static const char * const kib_units[] = { "KiB", "MiB", "GiB" };

static const HsTableColumn *
column_spec (Column *column)
{
  return &HS_TABLE_VIEW_GET_CLASS (column->view)->columns[column->id];
}

/* The unit for a column's largest value, in the field's units (ms for times, bytes for sizes). */
static guint
pick_scale (HsTableCellKind kind,
            double          max)
{
  switch (kind)
    {
    case HS_TABLE_CELL_US:
      return max < 1.0 ? 0 : max < 10000.0 ? 1 : 2;
    case HS_TABLE_CELL_MB:
      return max < 10.0 * (1 << 30) ? 0 : 1;
    case HS_TABLE_CELL_KIB:
      return max < 10.0 * (1 << 20) ? 0 : max < 10.0 * (1 << 30) ? 1 : 2;
    case HS_TABLE_CELL_BYTES:
      return max < 10.0 * (1 << 30) ? 0 : 1;
    case HS_TABLE_CELL_TEXT:
    case HS_TABLE_CELL_INTEGER:
    case HS_TABLE_CELL_MS_AS_S:
    default:
      return 0;
    }
}

static const char *
column_unit (Column *column)
{
  const HsTableColumn *spec = column_spec (column);

  switch (spec->kind)
    {
    case HS_TABLE_CELL_US:
      return us_units[column->scale];
    case HS_TABLE_CELL_MB:
    case HS_TABLE_CELL_BYTES:
      return mb_units[column->scale];
    case HS_TABLE_CELL_KIB:
      return kib_units[column->scale];
    case HS_TABLE_CELL_TEXT:
    case HS_TABLE_CELL_INTEGER:
    case HS_TABLE_CELL_MS_AS_S:
    default:
      return spec->unit;
    }
}

/* Integer arithmetic only, so a cell shows what the runtime printed, never a rounding artefact. */
static void
append_fixed (GString *out,
              guint64  value,
              guint64  divisor,
              guint    decimals)
{
  guint64 scale = decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
  guint64 scaled = (value * scale + divisor / 2) / divisor;

  g_string_append_printf (out, "%" PRIu64 ".%0*" PRIu64, scaled / scale, (int) decimals, scaled % scale);
}

static void
format_value (Column  *column,
              guint64  value,
              GString *out)
{
  const HsTableColumn *spec = column_spec (column);

  switch (spec->kind)
    {
    case HS_TABLE_CELL_MS_AS_S:
      g_string_append_printf (out, "%" PRIu64 ".%03u", value / 1000, (guint) (value % 1000));
      break;
    case HS_TABLE_CELL_US:
      if (column->scale == 0)
        g_string_append_printf (out, "%" PRIu64, value);
      else if (column->scale == 1)
        g_string_append_printf (out, "%" PRIu64 ".%03u", value / 1000, (guint) (value % 1000));
      else
        append_fixed (out, value, 1000000, 3);
      break;
    case HS_TABLE_CELL_MB:
      if (column->scale == 0)
        g_string_append_printf (out, "%" PRIu64, value);
      else
        append_fixed (out, value, 1024, 2);
      break;
    case HS_TABLE_CELL_KIB:
      if (column->scale == 0)
        g_string_append_printf (out, "%" PRIu64, value);
      else
        append_fixed (out, value, column->scale == 1 ? 1024 : 1024 * 1024, column->scale == 1 ? 1 : 2);
      break;
    case HS_TABLE_CELL_BYTES:
      append_fixed (out, value, column->scale == 0 ? 1 << 20 : 1 << 30, column->scale == 0 ? 1 : 2);
      break;
    case HS_TABLE_CELL_INTEGER:
    case HS_TABLE_CELL_TEXT:
    default:
      g_string_append_printf (out, "%" PRIu64, value);
      break;
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               Column                   *column)
{
  GtkWidget *label = gtk_label_new (NULL);
  const HsTableColumn *spec = column_spec (column);

  if (spec->kind == HS_TABLE_CELL_TEXT)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
    }
  /* GTK 4.8 gives a cell its own click handling on top of its row's, so a ctrl+click
   * toggled a row twice (no change): only rows select */
  gtk_list_item_set_selectable (item, FALSE);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              Column                   *column)
{
  HsTableView *self = column->view;
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTraceRow *row = gtk_list_item_get_item (item);
  guint64 value = 0;

  g_string_truncate (priv->scratch, 0);
  if (HS_TABLE_VIEW_GET_CLASS (self)->get_cell (self, hs_trace_row_get_index (row), column->id,
                                                &value, priv->scratch) &&
      column_spec (column)->kind != HS_TABLE_CELL_TEXT)
    format_value (column, value, priv->scratch);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), priv->scratch->str);
  g_hash_table_add (column->bound, item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                Column                   *column)
{
  g_hash_table_remove (column->bound, item);
}

static GtkListItemFactory *
column_factory_new (Column *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), column);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), column);
  return factory;
}

static void
update_title (Column *column)
{
  const HsTableColumn *spec = column_spec (column);
  const char *unit = column_unit (column);
  g_autofree char *title = NULL;

  if (unit != NULL)
    /* Translators: a table column title and its unit, e.g. "Pause (ms)" */
    title = g_strdup_printf (_("%s (%s)"), _(spec->title), unit);
  gtk_column_view_column_set_title (column->column, title != NULL ? title : _(spec->title));
}

/* Columns show when the trace has their data: stacks only from Go 1.18, scav fields for scav lines. */
static void
update_visibility (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  guint formats = klass->rows == HS_TABLE_ROWS_EVENTS ? (guint) hs_trace_get_scav_formats (priv->trace)
                                : (guint) hs_trace_get_gc_formats (priv->trace);
  gboolean wall = hs_trace_has_wall_time (priv->trace);

  for (guint i = 0; i < klass->n_columns; i++)
    {
      const HsTableColumn *spec = &klass->columns[i];
      GtkColumnViewColumn *column = priv->columns[i].column;
      gboolean visible = (spec->formats == 0 || (formats & spec->formats) != 0) &&
                         (!spec->wall_time || wall) &&
                         (!HS_TABLE_FIELD_IS_SAMPLE (spec->sort_field) ||
                          hs_trace_has_sample_field (priv->trace, HS_TABLE_FIELD_TO_SAMPLE (spec->sort_field)));

      if (visible != gtk_column_view_column_get_visible (column))
        gtk_column_view_column_set_visible (column, visible);
    }

}

static double
field_value (HsTableView *self,
             int          field,
             guint        row)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  return HS_TABLE_VIEW_GET_CLASS (self)->rows == HS_TABLE_ROWS_EVENTS
         ? hs_trace_get_scav_value (priv->trace, (HsScavField) field, row)
         : hs_trace_get_gc_value (priv->trace, (HsGcField) field, row);
}

/* The cells on screen are shown again in a new unit, or with new values when @rebind. */
static void
set_scale (Column   *column,
           guint     scale,
           gboolean  rebind)
{
  GHashTableIter iter;
  gpointer item;

  if (scale != column->scale)
    {
      column->scale = scale;
      update_title (column);
      rebind = TRUE;
    }

  if (!rebind)
    return;

  g_hash_table_iter_init (&iter, column->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    bind_cell_cb (NULL, item, column);
}

/* Units only grow: the cells on screen are shown again when new rows need a larger one. */
static void
update_scales (HsTableView *self,
               guint        first,
               guint        n)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  double block[4096];
  guint flags[G_N_ELEMENTS (block)];

  for (guint i = 0; i < klass->n_columns; i++)
    {
      const HsTableColumn *spec = &klass->columns[i];
      Column *column = &priv->columns[i];

      if (spec->scale_field < 0)
        continue;

      if (klass->rows == HS_TABLE_ROWS_EVENTS)
        {
          for (guint row = first; row < first + n; row++)
            column->max = fmax (column->max, field_value (self, spec->scale_field, row));
        }
      else
        {
          for (guint start = first; start < first + n; start += G_N_ELEMENTS (block))
            {
              guint count = MIN (G_N_ELEMENTS (block), first + n - start);

              hs_trace_get_gc_values (priv->trace, (HsGcField) spec->scale_field, start, count, block);
              hs_trace_get_gc_flags_range (priv->trace, start, count, flags);
              /* a polled cycle's sweep termination holds its whole pause: shown as “—”, it
               * picks no unit */
              for (guint k = 0; k < count; k++)
                if (hs_gc_field_is_known ((HsGcField) spec->scale_field, flags[k]))
                  column->max = fmax (column->max, block[k]);
            }
        }

      set_scale (column, pick_scale (spec->kind, column->max), FALSE);
    }
}

static void update_count (HsTableView *self);

/*
 * New memory samples: a sample column shows with the first of its field, its unit follows
 * the largest sample, and the rows on screen are shown again, since the sample nearest to
 * the latest cycles may now be a newer one.
 */
static void
trace_samples_appended_cb (HsTableView *self,
                           guint        first,
                           guint        n)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);

  update_visibility (self);
  if (klass->rows == HS_TABLE_ROWS_SAMPLES)
    update_count (self);
  for (guint i = 0; i < klass->n_columns; i++)
    {
      const HsTableColumn *spec = &klass->columns[i];
      Column *column = &priv->columns[i];
      guint field;

      if (!HS_TABLE_FIELD_IS_SAMPLE (spec->sort_field))
        continue;

      field = HS_TABLE_FIELD_TO_SAMPLE (spec->sort_field);
      for (guint row = first; row < first + n; row++)
        column->max = fmax (column->max, hs_trace_get_sample_value (priv->trace, field, row));
      set_scale (column, pick_scale (spec->kind, column->max), TRUE);
    }
}

static void
update_count (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  guint total = hs_table_rows_count (priv->trace, klass->rows);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (priv->model));
  gboolean filtered = hs_table_model_get_filter_text (priv->model) != NULL || priv->only_in_view;
  g_autofree char *text = klass->describe_count (self, shown, total, filtered);

  gtk_label_set_text (GTK_LABEL (priv->count_label), text);
}

static void
trace_items_appended_cb (HsTableView *self,
                         guint        first_cycle,
                         guint        n_cycles,
                         guint        first_event,
                         guint        n_events)
{
  HsTableRows rows = HS_TABLE_VIEW_GET_CLASS (self)->rows;

  if (rows == HS_TABLE_ROWS_SAMPLES)
    return;
  update_visibility (self);
  update_scales (self, rows == HS_TABLE_ROWS_EVENTS ? first_event : first_cycle,
                 rows == HS_TABLE_ROWS_EVENTS ? n_events : n_cycles);
  update_count (self);
}

static void
model_busy_cb (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  gboolean busy = hs_table_model_get_busy (priv->model);

  gtk_label_set_text (GTK_LABEL (priv->busy_label), priv->sort_column >= 0 ? _("Sorting…") : _("Filtering…"));
  gtk_widget_set_visible (priv->spinner, busy);
  gtk_widget_set_visible (priv->busy_label, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (priv->spinner), busy);
}

static void
scroll_to_position (HsTableView *self,
                    guint        position)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  GtkAdjustment *adjustment;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));
  double row_height, page, value;

  /* the column view's list scrolls an item into view itself (the GtkListBase action, in 4.8) */
  for (GtkWidget *child = gtk_widget_get_first_child (priv->column_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child) &&
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position))
      return;

  /* otherwise place it by the average row height */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (priv->scrolled));
  if (n == 0)
    return;
  row_height = gtk_adjustment_get_upper (adjustment) / n;
  page = gtk_adjustment_get_page_size (adjustment);
  value = position * row_height - (page - row_height) / 2.0;
  gtk_adjustment_set_value (adjustment, CLAMP (value, 0.0, gtk_adjustment_get_upper (adjustment) - page));
}

/* Shows the selected trace row as the selected table row, when the filter lets it in. */
static void
sync_selection (HsTableView *self,
                gboolean     scroll)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (priv->selection);
  g_autoptr(GtkBitset) last = NULL;
  guint position;

  g_clear_handle_id (&priv->selection_idle_id, g_source_remove);
  g_clear_handle_id (&priv->reveal_id, g_source_remove);
  priv->syncing_selection = TRUE;
  if (priv->selected >= 0 &&
      hs_table_model_find_position (priv->model, (guint) priv->selected, &position))
    {
      gtk_selection_model_select_item (selection, position, TRUE);
      if (scroll)
        scroll_to_position (self, position);
    }
  else
    {
      gtk_selection_model_unselect_all (selection);
    }
  g_clear_pointer (&priv->last_selection, gtk_bitset_unref);
  last = gtk_selection_model_get_selection (selection);
  priv->last_selection = gtk_bitset_copy (last);
  priv->syncing_selection = FALSE;
}

static void
set_selected_internal (HsTableView *self,
                       gint64       index)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  if (priv->selected == index)
    return;

  priv->selected = index;
  g_object_notify_by_pspec (G_OBJECT (self), HS_TABLE_VIEW_GET_CLASS (self)->selected_pspec);
}

static gboolean
update_selected_cb (gpointer user_data)
{
  HsTableView *self = user_data;
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  g_autoptr(GtkBitset) all = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (priv->selection));
  g_autoptr(GtkBitset) added = gtk_bitset_copy (all);
  guint current;

  priv->selection_idle_id = 0;

  /* the row just added to the selection (a click, ctrl+click, shift+arrow) is the one to show */
  if (priv->last_selection != NULL)
    gtk_bitset_subtract (added, priv->last_selection);
  g_clear_pointer (&priv->last_selection, gtk_bitset_unref);
  /* a copy: GtkMultiSelection hands out its own, live bitset */
  priv->last_selection = gtk_bitset_copy (all);

  if (!gtk_bitset_is_empty (added))
    set_selected_internal (self, hs_table_model_get_trace_index (priv->model, gtk_bitset_get_minimum (added)));
  else if (gtk_bitset_is_empty (all))
    set_selected_internal (self, -1);
  else if (priv->selected < 0 ||
           !hs_table_model_find_position (priv->model, (guint) priv->selected, &current) ||
           !gtk_bitset_contains (all, current))
    set_selected_internal (self, hs_table_model_get_trace_index (priv->model, gtk_bitset_get_minimum (all)));

  return G_SOURCE_REMOVE;
}

static void
selection_changed_cb (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  if (priv->syncing_selection)
    return;

  /* GtkListBase extends a selection in two steps (clear, then select the range): look once
   * both are done, so the charts see neither the empty selection nor the wrong row */
  if (priv->selection_idle_id == 0)
    priv->selection_idle_id = g_idle_add (update_selected_cb, self);
}

static void
selection_items_changed_cb (HsTableView *self,
                            guint        position,
                            guint        removed,
                            guint        added)
{
  update_count (self);
  /* a new filter or order replaces every row and with them the selection: put it back */
  if (removed > 0)
    sync_selection (self, TRUE);
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Column *column = user_data;
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (column->view);

  priv->probe_column = (int) column->id;
  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (HsTableView *self,
                   GtkSorterChange change,
                   GtkSorter   *sorter)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  GtkOrdering order;

  priv->probe_column = -1;
  /* two distinct items: gtk_sorter_compare answers "equal" for an item and itself without asking */
  order = gtk_sorter_compare (sorter, self, priv->column_view);
  if (order == GTK_ORDERING_EQUAL || priv->probe_column < 0)
    {
      priv->sort_column = -1;
      hs_table_model_set_sort (priv->model, HS_TABLE_SORT_NONE, FALSE);
      return;
    }

  priv->sort_column = priv->probe_column;
  hs_table_model_set_sort (priv->model, klass->columns[priv->sort_column].sort_field,
                           order == GTK_ORDERING_LARGER);
}

static void
search_changed_cb (HsTableView    *self,
                   GtkSearchEntry *entry)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  g_autoptr(GError) error = NULL;

  if (hs_table_model_set_filter_text (priv->model, gtk_editable_get_text (GTK_EDITABLE (entry)), &error))
    {
      gtk_widget_set_visible (priv->error_label, FALSE);
      gtk_label_set_text (GTK_LABEL (priv->error_label), "");
      gtk_widget_remove_css_class (priv->search_entry, "error");
      update_count (self);
      return;
    }

  /* the table keeps the last filter that worked */
  gtk_label_set_text (GTK_LABEL (priv->error_label), error->message);
  gtk_widget_set_visible (priv->error_label, TRUE);
  gtk_widget_add_css_class (priv->search_entry, "error");
}

static void
apply_range (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  if (priv->only_in_view)
    hs_table_model_set_time_range (priv->model, priv->range_start, priv->range_end);
  else
    hs_table_model_set_time_range (priv->model, NAN, NAN);
  update_count (self);
}

static void
only_in_view_toggled_cb (HsTableView     *self,
                         GtkToggleButton *button)
{
  hs_table_view_set_only_in_view (self, gtk_toggle_button_get_active (button));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsTableView *self = HS_TABLE_VIEW (widget);
  g_autofree char *text = hs_table_view_dup_selected_text (self);

  if (text != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (HS_TABLE_VIEW (widget));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (priv->search_bar), TRUE);
  gtk_widget_grab_focus (priv->search_entry);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  HsTableView *self = HS_TABLE_VIEW (object);
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  gboolean ok = hs_table_view_export_finish (self, result, &error);

  if (priv->column_view == NULL)
    return;   /* the table went away while the file was written */

  if (ok)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));

      message = g_strdup_printf (ngettext ("Exported %'u row to “%s”", "Exported %'u rows to “%s”", n), n, name);
      gtk_widget_remove_css_class (priv->status_label, "error");
    }
  else
    {
      message = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
      gtk_widget_add_css_class (priv->status_label, "error");
    }
  gtk_label_set_text (GTK_LABEL (priv->status_label), message);
  gtk_widget_set_visible (priv->status_label, TRUE);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    HsTableView     *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  if (response == GTK_RESPONSE_ACCEPT && priv->column_view != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        hs_table_view_export_async (self, file, NULL, export_done_cb, g_object_ref (file));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HsTableView *self = HS_TABLE_VIEW (widget);
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;
  g_autofree char *base = g_path_get_basename (hs_trace_get_name (priv->trace));
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-%s.csv", base, HS_TABLE_VIEW_GET_CLASS (self)->csv_name);

  native = gtk_file_chooser_native_new (_("Export CSV"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static GtkCssProvider *
table_css (void)
{
  static GtkCssProvider *provider;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "hs-table-view.css");
    }

  return provider;
}

static void
hs_table_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (hs_table_view_parent_class)->realize (widget);

  /* adding the same provider twice is a no-op for GTK */
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (widget),
                                              GTK_STYLE_PROVIDER (table_css ()),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/*
 * Numbers are right-aligned, so their titles should be too, and a title says in its tooltip
 * what the column means. GTK 4.8 has no API for either: the header holds one title per
 * column, in column order, each a box of label and sort arrow filling the title, so the label
 * takes the spare width and aligns its text to the end. If a GTK version builds the header
 * differently, the titles simply stay as GTK makes them.
 */
static void
decorate_titles (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  GtkWidget *header = gtk_widget_get_first_child (priv->column_view);
  GtkWidget *title;
  guint i = 0;

  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return;

  for (title = gtk_widget_get_first_child (header); title != NULL; title = gtk_widget_get_next_sibling (title))
    i++;
  if (i != klass->n_columns)
    return;

  i = 0;
  for (title = gtk_widget_get_first_child (header); title != NULL; title = gtk_widget_get_next_sibling (title), i++)
    {
      GtkWidget *box = gtk_widget_get_first_child (title);
      GtkWidget *label = box != NULL ? gtk_widget_get_first_child (box) : NULL;

      if (klass->columns[i].tooltip != NULL)
        gtk_widget_set_tooltip_text (title, _(klass->columns[i].tooltip));

      if (GTK_IS_BOX (box) && GTK_IS_LABEL (label) && klass->columns[i].kind != HS_TABLE_CELL_TEXT)
        {
          gtk_widget_set_hexpand (label, TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 1.0);
        }
    }
}

static void
build_columns (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);
  GtkColumnView *view = GTK_COLUMN_VIEW (priv->column_view);

  priv->columns = g_new0 (Column, klass->n_columns);
  for (guint i = 0; i < klass->n_columns; i++)
    {
      const HsTableColumn *spec = &klass->columns[i];
      Column *column = &priv->columns[i];
      g_autoptr(GtkListItemFactory) factory = NULL;

      column->view = self;
      column->id = i;
      column->bound = g_hash_table_new (NULL, NULL);
      factory = column_factory_new (column);
      column->column = gtk_column_view_column_new (NULL, g_steal_pointer (&factory));
      gtk_column_view_column_set_resizable (column->column, TRUE);
      if (spec->sort_field != HS_TABLE_SORT_NONE)
        {
          g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, column, NULL));

          gtk_column_view_column_set_sorter (column->column, sorter);
        }
      update_title (column);
      /* the last text column takes the spare width: a narrower table leaves its scrolled
       * window out of range, which GTK draws as an overshoot shadow at the edge */
      if (spec->kind == HS_TABLE_CELL_TEXT && !spec->wall_time)
        gtk_column_view_column_set_expand (column->column, TRUE);
      gtk_column_view_append_column (view, column->column);
      g_object_unref (column->column);   /* the column view holds it */
    }
}

static gboolean
reveal_selected_cb (gpointer user_data)
{
  HsTableView *self = user_data;
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  priv->reveal_id = 0;
  if (priv->selected >= 0)
    sync_selection (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
attach_rows_once (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_signal_handlers_disconnect_by_func (self, attach_rows_once, NULL);
  gtk_column_view_set_model (GTK_COLUMN_VIEW (priv->column_view), GTK_SELECTION_MODEL (priv->selection));
  /* a row selected on the charts before the table was shown is brought into view, once the
   * list has its rows (selecting while it maps them crashes GTK 4.8) */
  if (priv->selected >= 0 && priv->reveal_id == 0)
    priv->reveal_id = g_idle_add (reveal_selected_cb, self);
}

static void
hs_table_view_constructed (GObject *object)
{
  HsTableView *self = HS_TABLE_VIEW (object);
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  HsTableViewClass *klass = HS_TABLE_VIEW_GET_CLASS (self);

  G_OBJECT_CLASS (hs_table_view_parent_class)->constructed (object);

  g_assert (priv->trace != NULL);
  priv->model = hs_table_model_new (priv->trace, klass->rows);
  priv->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (priv->model)));

  /*
   * The column view gets its rows when the table is first shown: GTK 4.8's list views make
   * widgets for up to 200 rows as soon as they have items, visible or not, which for a
   * cycle table of 26 columns is ~200 ms on the main thread when a trace's first batch
   * arrives (the slow responsiveness test saw it).
   */
  g_signal_connect (self, "map", G_CALLBACK (attach_rows_once), NULL);
  build_columns (self);
  decorate_titles (self);

  g_signal_connect_object (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (priv->column_view)), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* after the column view's own handler, which is connected later (when the table is shown):
   * selecting in the middle of its update crashes GTK 4.8 */
  g_signal_connect_object (priv->selection, "items-changed", G_CALLBACK (selection_items_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (priv->model, "notify::busy", G_CALLBACK (model_busy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->trace, "items-appended", G_CALLBACK (trace_items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (priv->trace, "samples-appended", G_CALLBACK (trace_samples_appended_cb), self,
                           G_CONNECT_SWAPPED);

  update_visibility (self);
  update_scales (self, 0, hs_table_rows_count (priv->trace, klass->rows));
  trace_samples_appended_cb (self, 0, hs_trace_get_n_samples (priv->trace));
  update_count (self);
}

static void
hs_table_view_dispose (GObject *object)
{
  HsTableView *self = HS_TABLE_VIEW (object);
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  GtkWidget *child;

  g_clear_handle_id (&priv->selection_idle_id, g_source_remove);
  g_clear_handle_id (&priv->reveal_id, g_source_remove);
  /* a computation may still finish while the children go */
  if (priv->model != NULL)
    g_signal_handlers_disconnect_by_data (priv->model, self);
  if (priv->selection != NULL)
    g_signal_handlers_disconnect_by_data (priv->selection, self);
  /* the column view's sorter changes as its columns go */
  if (priv->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (GTK_COLUMN_VIEW (priv->column_view)), self);
  /* not gtk_widget_dispose_template: GTK 4.8 looks for the template on the subclass */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  priv->column_view = NULL;
  g_clear_object (&priv->selection);
  g_clear_object (&priv->model);
  if (priv->trace != NULL)
    g_signal_handlers_disconnect_by_data (priv->trace, self);
  g_clear_object (&priv->trace);

  G_OBJECT_CLASS (hs_table_view_parent_class)->dispose (object);
}

static void
hs_table_view_finalize (GObject *object)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (HS_TABLE_VIEW (object));

  for (guint i = 0; priv->columns != NULL && i < HS_TABLE_VIEW_GET_CLASS (object)->n_columns; i++)
    g_clear_pointer (&priv->columns[i].bound, g_hash_table_unref);
  g_clear_pointer (&priv->columns, g_free);
  g_clear_pointer (&priv->last_selection, gtk_bitset_unref);
  g_string_free (priv->scratch, TRUE);

  G_OBJECT_CLASS (hs_table_view_parent_class)->finalize (object);
}

static void
hs_table_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (HS_TABLE_VIEW (object));

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, priv->trace);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_table_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (HS_TABLE_VIEW (object));

  switch (prop_id)
    {
    case PROP_TRACE:
      priv->trace = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_table_view_class_init (HsTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GBytes) template = NULL;

  object_class->constructed = hs_table_view_constructed;
  object_class->dispose = hs_table_view_dispose;
  object_class->finalize = hs_table_view_finalize;
  object_class->get_property = hs_table_view_get_property;
  object_class->set_property = hs_table_view_set_property;
  widget_class->realize = hs_table_view_realize;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, HS_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "table.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "table.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "table.export-csv", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "table.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "table.find", NULL);

  /* looked up in this library's own resource, which also links that resource in */
  template = g_resource_lookup_data (hs_table_get_resource (), RESOURCE_PATH "hs-table-view.ui", 0, NULL);
  gtk_widget_class_set_template (widget_class, template);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, count_label);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, busy_label);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, status_label);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, only_in_view_button);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, search_bar);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, search_entry);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, error_label);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, scrolled);
  gtk_widget_class_bind_template_child_private (widget_class, HsTableView, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, only_in_view_toggled_cb);
  gtk_widget_class_set_css_name (widget_class, "hs-table-view");
}

static void
hs_table_view_init (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (priv->search_entry), SEARCH_DELAY_MS);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (priv->search_bar), GTK_EDITABLE (priv->search_entry));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (priv->search_bar), GTK_WIDGET (self));
  priv->scratch = g_string_sized_new (64);
  priv->probe_column = -1;
  priv->sort_column = -1;
  priv->selected = -1;
  priv->range_start = NAN;
  priv->range_end = NAN;
}

/* @unix_s in local time with milliseconds, as the Wall Clock columns show it. */
void
hs_table_view_append_local_time (GString *text,
                                 double   unix_s)
{
  gint64 ms = llround (unix_s * 1000.0);
  time_t seconds = (time_t) (ms / 1000);
  struct tm tm;
  char buf[64];

  if (localtime_r (&seconds, &tm) == NULL || strftime (buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm) == 0)
    return;
  g_string_append_printf (text, "%s.%03d", buf, (int) (ms % 1000));
}

HsTrace *
hs_table_view_get_trace (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return priv->trace;
}

HsTableModel *
hs_table_view_get_model (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return priv->model;
}

GtkColumnView *
hs_table_view_get_column_view (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return GTK_COLUMN_VIEW (priv->column_view);
}

GtkSearchEntry *
hs_table_view_get_search_entry (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return GTK_SEARCH_ENTRY (priv->search_entry);
}

/* "1,234 of 114,000 cycles", as shown above the table. */
const char *
hs_table_view_get_count_text (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (priv->count_label));
}

/* Why the filter text does not parse; "" while it does. */
const char *
hs_table_view_get_error_text (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  return gtk_widget_get_visible (priv->error_label) ? gtk_label_get_text (GTK_LABEL (priv->error_label)) : "";
}

/* The trace index of the selected row; -1: none. */
gint64
hs_table_view_get_selected (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), -1);

  return priv->selected;
}

/* Selects the row of trace row @index (a cycle picked on a chart) and scrolls to it. */
void
hs_table_view_set_selected (HsTableView *self,
                            gint64       index)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_if_fail (HS_IS_TABLE_VIEW (self));

  if (index < 0)
    index = -1;
  if (priv->selected == index)
    return;

  priv->selected = index;
  sync_selection (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), HS_TABLE_VIEW_GET_CLASS (self)->selected_pspec);
}

/* The charts' visible time range, in seconds on the trace's axis; used by "Only Rows in View". */
void
hs_table_view_set_visible_range (HsTableView *self,
                                 double       start,
                                 double       end)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_if_fail (HS_IS_TABLE_VIEW (self));

  priv->range_start = start;
  priv->range_end = end;
  if (priv->only_in_view)
    apply_range (self);
}

void
hs_table_view_set_only_in_view (HsTableView *self,
                                gboolean     only_in_view)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);

  g_return_if_fail (HS_IS_TABLE_VIEW (self));

  only_in_view = !!only_in_view;
  if (priv->only_in_view == only_in_view)
    return;

  priv->only_in_view = only_in_view;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (priv->only_in_view_button), only_in_view);
  apply_range (self);
}

/* The selected rows, in table order, tab-separated with a header: what Ctrl+C copies. NULL: none. */
char *
hs_table_view_dup_selected_text (HsTableView *self)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  g_autoptr(GtkBitset) set = NULL;
  g_autofree guint *indices = NULL;
  GtkBitsetIter iter;
  GString *out;
  guint position;
  guint64 n;
  guint k = 0;

  g_return_val_if_fail (HS_IS_TABLE_VIEW (self), NULL);

  set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (priv->selection));
  n = gtk_bitset_get_size (set);
  if (n == 0)
    return NULL;

  indices = g_new (guint, n);
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    indices[k++] = hs_table_model_get_trace_index (priv->model, position);

  out = g_string_new (NULL);
  HS_TABLE_VIEW_GET_CLASS (self)->write_rows (priv->trace, indices, 0, k, TRUE, '\t', out);
  return g_string_free (out, FALSE);
}

typedef struct
{
  HsTrace *trace;
  guint   *indices;
  guint    n;
  GFile   *file;
  void   (*write_rows) (HsTrace *, const guint *, guint, guint, gboolean, char, GString *);
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->trace);
  g_clear_object (&job->file);
  g_free (job->indices);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GError *error = NULL;

  stream = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* the header goes out even for an empty table */
  for (guint first = 0; first == 0 || first < job->n; first += EXPORT_BLOCK)
    {
      guint count = MIN (EXPORT_BLOCK, job->n - first);

      g_string_truncate (out, 0);
      hs_trace_read_lock (job->trace);
      job->write_rows (job->trace, job->indices + first, 0, count, first == 0, ',', out);
      hs_trace_read_unlock (job->trace);

      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), out->str, out->len, NULL, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (job->n == 0)
        break;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Writes the table as shown (filtered and sorted, in that order) to @file as CSV, off the main thread. */
void
hs_table_view_export_async (HsTableView         *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  HsTableViewPrivate *priv = hs_table_view_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (HS_IS_TABLE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->trace = g_object_ref (priv->trace);
  job->file = g_object_ref (file);
  job->write_rows = HS_TABLE_VIEW_GET_CLASS (self)->write_rows;
  job->n = g_list_model_get_n_items (G_LIST_MODEL (priv->model));
  job->indices = g_new (guint, MAX (job->n, 1));
  for (guint i = 0; i < job->n; i++)
    job->indices[i] = hs_table_model_get_trace_index (priv->model, i);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_table_view_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
hs_table_view_export_finish (HsTableView   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
