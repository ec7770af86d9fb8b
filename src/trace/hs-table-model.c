/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-table-model.c: rows of a table on demand, filtering and sorting on a worker thread. */

#include "config.h"

#include <math.h>

#include "hs-filter.h"
#include "hs-sort.h"
#include "hs-table-model.h"
#include "hs-trace-row.h"

/*
 * The model holds one index array (the trace rows that pass the filter, in sort order) and
 * creates a row object only when a view asks for an item, so a table of 10^7 cycles costs
 * 40 MB of indices and nothing per row. With no filter, range or sort it holds nothing at
 * all. Filtering and sorting read the trace on a worker thread, a block at a time under the
 * trace's read lock, so a live trace keeps growing meanwhile.
 */

#define BLOCK_ROWS       65536
#define RESORT_DELAY_MS  300

struct _HsTableModel
{
  GObject       parent_instance;

  HsTrace      *trace;
  HsTableRows   rows_kind;

  char         *filter_text;
  HsFilter     *filter;
  int           sort_field;
  gboolean      descending;
  double        range_start;
  double        range_end;

  GArray       *rows;            /* guint32 trace indices; NULL: every row in trace order */
  guint         n_items;
  guint         generation;      /* bumped when the settings change */
  GCancellable *cancellable;
  gboolean      busy;
  gboolean      again;           /* settings changed while a computation ran */
  guint         resort_id;
};

static void hs_table_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HsTableModel, hs_table_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, hs_table_model_list_model_init))

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
hs_table_model_get_item_type (GListModel *model)
{
  return HS_TYPE_TRACE_ROW;
}

static guint
hs_table_model_get_n_items (GListModel *model)
{
  return HS_TABLE_MODEL (model)->n_items;
}

static gpointer
hs_table_model_get_item (GListModel *model,
                         guint       position)
{
  HsTableModel *self = HS_TABLE_MODEL (model);

  if (position >= self->n_items)
    return NULL;

  return hs_trace_row_new (self->trace, self->rows_kind, hs_table_model_get_trace_index (self, position));
}

static void
hs_table_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = hs_table_model_get_item_type;
  iface->get_n_items = hs_table_model_get_n_items;
  iface->get_item = hs_table_model_get_item;
}

static guint
trace_rows (HsTableModel *self)
{
  return hs_table_rows_count (self->trace, self->rows_kind);
}

static gboolean
is_identity (HsTableModel *self)
{
  return self->filter == NULL && self->sort_field == HS_TABLE_SORT_NONE && isnan (self->range_start);
}

static void
set_rows (HsTableModel *self,
          GArray       *rows)
{
  guint old_n = self->n_items;

  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = rows;
  self->n_items = rows != NULL ? rows->len : trace_rows (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
set_busy (HsTableModel *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static double
sort_key (HsTrace     *trace,
          HsTableRows  rows,
          int          field,
          guint        row)
{
  if (field == HS_TABLE_SORT_TIME)
    return hs_table_rows_time (trace, rows, row);

  if (rows == HS_TABLE_ROWS_SAMPLES)
    return field == HS_TABLE_SORT_SOURCE ? (double) hs_trace_get_sample_source (trace, row)
                                         : hs_trace_get_sample_value (trace, HS_TABLE_FIELD_TO_SAMPLE (field), row);

  if (field == HS_TABLE_SORT_CAUSE && rows == HS_TABLE_ROWS_CYCLES)
    {
      guint flags = hs_trace_get_gc_flags (trace, row);

      return (flags & HS_GC_FLAG_SAMPLED) ? 3 : (flags & HS_GC_FLAG_FORCED) ? 2 :
             (flags & HS_GC_FLAG_PERIODIC) ? 1 : 0;
    }

  if (rows == HS_TABLE_ROWS_EVENTS)
    return hs_trace_get_scav_value (trace, (HsScavField) field, row);

  return hs_trace_row_get_cycle_value (trace, field, row);
}

/* What a computation works from: a copy of the settings, so they may change meanwhile. */
typedef struct
{
  HsTrace  *trace;
  HsTableRows rows;
  char     *filter_text;
  int       sort_field;
  gboolean  descending;
  double    range_start;
  double    range_end;
  guint     n_rows;
  guint     generation;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->trace);
  g_free (job->filter_text);
  g_free (job);
}

static gboolean
in_range (const Job *job,
          guint      row)
{
  double t;

  if (isnan (job->range_start))
    return TRUE;

  t = hs_table_rows_time (job->trace, job->rows, row);
  return t >= job->range_start && t <= job->range_end;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(HsFilter) filter = NULL;
  g_autoptr(GArray) rows = g_array_sized_new (FALSE, FALSE, sizeof (guint32), job->n_rows);

  if (job->filter_text != NULL)
    filter = hs_filter_parse (job->filter_text, (HsFilterTarget) job->rows, NULL);

  for (guint first = 0; first < job->n_rows; first += BLOCK_ROWS)
    {
      guint end = MIN (job->n_rows, first + BLOCK_ROWS);

      if (g_task_return_error_if_cancelled (task))
        return;

      hs_trace_read_lock (job->trace);
      for (guint32 row = first; row < end; row++)
        if (in_range (job, row) && (filter == NULL || hs_filter_matches (filter, job->trace, row)))
          g_array_append_val (rows, row);
      hs_trace_read_unlock (job->trace);
    }

  if (job->sort_field != HS_TABLE_SORT_NONE && rows->len > 1)
    {
      g_autofree double *keys = g_new (double, job->n_rows);
      guint32 *indices = (guint32 *) (gpointer) rows->data;

      for (guint first = 0; first < rows->len; first += BLOCK_ROWS)
        {
          guint end = MIN (rows->len, first + BLOCK_ROWS);

          if (g_task_return_error_if_cancelled (task))
            return;

          hs_trace_read_lock (job->trace);
          for (guint i = first; i < end; i++)
            keys[indices[i]] = sort_key (job->trace, job->rows, job->sort_field, indices[i]);
          hs_trace_read_unlock (job->trace);
        }

      hs_sort_indices_by_key (keys, indices, rows->len, job->descending);
    }

  g_task_return_pointer (task, g_steal_pointer (&rows), (GDestroyNotify) g_array_unref);
}

static void start_computation (HsTableModel *self);

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HsTableModel *self = HS_TABLE_MODEL (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GArray *rows;

  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (rows == NULL)
    return;   /* cancelled: a newer computation owns the model */

  if (job->generation != self->generation)
    {
      g_array_unref (rows);
      return;
    }

  set_busy (self, FALSE);
  set_rows (self, rows);

  /* rows appended while this ran, or settings changed: go again */
  if (self->again || job->n_rows != trace_rows (self))
    {
      self->again = FALSE;
      start_computation (self);
    }
}

static void
start_computation (HsTableModel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;

  if (is_identity (self))
    {
      set_busy (self, FALSE);
      set_rows (self, NULL);
      return;
    }

  job = g_new0 (Job, 1);
  job->trace = g_object_ref (self->trace);
  job->rows = self->rows_kind;
  job->filter_text = g_strdup (self->filter_text);
  job->sort_field = self->sort_field;
  job->descending = self->descending;
  job->range_start = self->range_start;
  job->range_end = self->range_end;
  job->n_rows = trace_rows (self);
  job->generation = self->generation;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, compute_done_cb, NULL);
  g_task_set_source_tag (task, start_computation);
  g_task_set_task_data (task, job, job_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
resort_cb (gpointer user_data)
{
  HsTableModel *self = user_data;

  self->resort_id = 0;
  start_computation (self);
  return G_SOURCE_REMOVE;
}

static void
rows_appended (HsTableModel *self,
               guint         first,
               guint         n)
{
  guint old_n = self->n_items;

  if (n == 0)
    return;

  if (self->rows == NULL && is_identity (self))
    {
      self->n_items += n;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
      return;
    }

  if (self->busy)
    return;   /* the running computation goes again when it sees the trace grew */

  /* Filtered, not sorted: test the new rows here, they are few per batch. A sorted table
   * shows them at its end until the re-sort a moment later puts them in place. */
  for (guint32 row = first; row < first + n; row++)
    {
      Job probe = { self->trace, self->rows_kind, NULL, 0, FALSE, self->range_start, self->range_end, 0, 0 };

      if (in_range (&probe, row) && (self->filter == NULL || hs_filter_matches (self->filter, self->trace, row)))
        g_array_append_val (self->rows, row);
    }

  self->n_items = self->rows->len;
  if (self->n_items != old_n)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_items - old_n);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  if (self->sort_field != HS_TABLE_SORT_NONE && self->resort_id == 0)
    self->resort_id = g_timeout_add (RESORT_DELAY_MS, resort_cb, self);
}

static void
items_appended_cb (HsTableModel *self,
                   guint         first_cycle,
                   guint         n_cycles,
                   guint         first_event,
                   guint         n_events)
{
  if (self->rows_kind == HS_TABLE_ROWS_CYCLES)
    rows_appended (self, first_cycle, n_cycles);
  else if (self->rows_kind == HS_TABLE_ROWS_EVENTS)
    rows_appended (self, first_event, n_events);
}

/*
 * New samples move the sample nearest to the latest cycles: a table sorted or filtered by
 * RES or VIRT is computed again a moment later, like a sorted table after new rows.
 */
static void
samples_appended_cb (HsTableModel *self,
                     guint         first,
                     guint         n)
{
  if (self->rows_kind == HS_TABLE_ROWS_SAMPLES)
    {
      rows_appended (self, first, n);
      return;
    }
  if (self->rows_kind != HS_TABLE_ROWS_CYCLES)
    return;
  if (!HS_TABLE_FIELD_IS_SAMPLE (self->sort_field) &&
      (self->filter == NULL || !hs_filter_uses_samples (self->filter)))
    return;

  if (self->resort_id == 0 && !self->busy)
    self->resort_id = g_timeout_add (RESORT_DELAY_MS, resort_cb, self);
  else if (self->busy)
    self->again = TRUE;
}

static void
hs_table_model_dispose (GObject *object)
{
  HsTableModel *self = (HsTableModel *) object;

  g_clear_handle_id (&self->resort_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_table_model_parent_class)->dispose (object);
}

static void
hs_table_model_finalize (GObject *object)
{
  HsTableModel *self = (HsTableModel *) object;

  g_clear_pointer (&self->filter, hs_filter_free);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (hs_table_model_parent_class)->finalize (object);
}

static void
hs_table_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsTableModel *self = HS_TABLE_MODEL (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_table_model_class_init (HsTableModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_table_model_dispose;
  object_class->finalize = hs_table_model_finalize;
  object_class->get_property = hs_table_model_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_table_model_init (HsTableModel *self)
{
  self->sort_field = HS_TABLE_SORT_NONE;
  self->range_start = NAN;
  self->range_end = NAN;
}

/* @rows: HS_TABLE_ROWS_CYCLES (FALSE), _EVENTS (TRUE) or _SAMPLES */
HsTableModel *
hs_table_model_new (HsTrace     *trace,
                    HsTableRows  rows)
{
  HsTableModel *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_object_new (HS_TYPE_TABLE_MODEL, NULL);
  self->trace = g_object_ref (trace);
  self->rows_kind = rows;
  self->n_items = trace_rows (self);
  g_signal_connect_object (trace, "items-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (trace, "samples-appended", G_CALLBACK (samples_appended_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

HsTrace *
hs_table_model_get_trace (HsTableModel *self)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), NULL);

  return self->trace;
}

gboolean
hs_table_model_is_events (HsTableModel *self)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), FALSE);

  return self->rows_kind == HS_TABLE_ROWS_EVENTS;
}

HsTableRows
hs_table_model_get_rows (HsTableModel *self)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), HS_TABLE_ROWS_CYCLES);

  return self->rows_kind;
}

/*
 * Sets the filter. A text that does not parse leaves the current filter in place and
 * returns FALSE with @error saying what is wrong, so the table never empties while typing.
 */
gboolean
hs_table_model_set_filter_text (HsTableModel  *self,
                                const char    *text,
                                GError       **error)
{
  g_autoptr(HsFilter) filter = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_strcmp0 (stripped[0] != '\0' ? stripped : NULL, self->filter_text) == 0)
    return TRUE;

  if (stripped[0] != '\0')
    {
      filter = hs_filter_parse (stripped, (HsFilterTarget) self->rows_kind, error);
      if (filter == NULL)
        return FALSE;
    }

  g_clear_pointer (&self->filter, hs_filter_free);
  g_clear_pointer (&self->filter_text, g_free);
  if (filter != NULL)
    {
      self->filter = g_steal_pointer (&filter);
      self->filter_text = g_steal_pointer (&stripped);
    }

  start_computation (self);
  return TRUE;
}

const char *
hs_table_model_get_filter_text (HsTableModel *self)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), NULL);

  return self->filter_text;
}

/*
 * @field: an HsGcField or HS_TABLE_SAMPLE_FIELD() (cycles), an HsScavField (events),
 * HS_TABLE_SAMPLE_FIELD() (samples), HS_TABLE_SORT_CAUSE (cycles), _SOURCE (samples),
 * _TIME, or _NONE. Unknown values (NAN) go last in both directions.
 */
void
hs_table_model_set_sort (HsTableModel *self,
                         int           field,
                         gboolean      descending)
{
  g_return_if_fail (HS_IS_TABLE_MODEL (self));

  if (self->sort_field == field && self->descending == descending)
    return;

  self->sort_field = field;
  self->descending = descending;
  start_computation (self);
}

/* Only rows whose time is in [@start, @end] (the charts' visible range); NAN: every row. */
void
hs_table_model_set_time_range (HsTableModel *self,
                               double        start,
                               double        end)
{
  g_return_if_fail (HS_IS_TABLE_MODEL (self));

  if ((isnan (start) && isnan (self->range_start)) ||
      (start == self->range_start && end == self->range_end))
    return;

  self->range_start = isnan (end) ? NAN : start;
  self->range_end = isnan (start) ? NAN : end;
  start_computation (self);
}

gboolean
hs_table_model_get_busy (HsTableModel *self)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), FALSE);

  return self->busy;
}

guint
hs_table_model_get_trace_index (HsTableModel *self,
                                guint         position)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), 0);
  g_return_val_if_fail (position < self->n_items, 0);

  return self->rows != NULL ? g_array_index (self->rows, guint32, position) : position;
}

/* Where a trace row is shown, for selecting the row of a cycle picked on a chart. */
gboolean
hs_table_model_find_position (HsTableModel *self,
                              guint         trace_index,
                              guint        *position)
{
  g_return_val_if_fail (HS_IS_TABLE_MODEL (self), FALSE);

  if (self->rows == NULL)
    {
      if (trace_index >= self->n_items)
        return FALSE;
      *position = trace_index;
      return TRUE;
    }

  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, guint32, i) == trace_index)
      {
        *position = i;
        return TRUE;
      }

  return FALSE;
}

/* The trace indices at @positions, for copying rows. */
guint32 *
hs_table_model_dup_indices (HsTableModel *self,
                            const guint  *positions,
                            guint         n_positions)
{
  guint32 *indices = g_new (guint32, MAX (n_positions, 1));

  for (guint i = 0; i < n_positions; i++)
    indices[i] = hs_table_model_get_trace_index (self, positions[i]);

  return indices;
}
