/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-store.c: appending records and whole stores to the columnar store. */

#include "config.h"

#include <string.h>

#include "hs-trace-store.h"

#define MALFORMED_TEXT_MAX 200

static void
malformed_line_clear (gpointer data)
{
  HsMalformedLine *m = data;

  g_clear_pointer (&m->text, g_free);
}

void
hs_trace_store_init (HsTraceStore *store)
{
  memset (store, 0, sizeof *store);
  store->labels = g_ptr_array_new_with_free_func (g_free);
  store->label_ids = g_hash_table_new (g_str_hash, g_str_equal);
  store->malformed = g_array_new (FALSE, FALSE, sizeof (HsMalformedLine));
  g_array_set_clear_func (store->malformed, malformed_line_clear);
  store->run_starts = g_array_new (FALSE, FALSE, sizeof (guint64));
}

void
hs_trace_store_clear (HsTraceStore *store)
{
  hs_i64_column_clear (&store->time_ms);
  for (guint i = 0; i < HS_N_CLOCK; i++)
    hs_column_clear (&store->clock_us[i]);
  for (guint i = 0; i < HS_N_CPU; i++)
    hs_column_clear (&store->cpu_us[i]);
  hs_column_clear (&store->heap_before_mb);
  hs_column_clear (&store->heap_after_mb);
  hs_column_clear (&store->heap_live_mb);
  hs_column_clear (&store->heap_goal_mb);
  hs_column_clear (&store->line);
  hs_step_column_clear (&store->number_minus_row);
  hs_step_column_clear (&store->cpu_percent);
  hs_step_column_clear (&store->procs);
  hs_step_column_clear (&store->stacks_mb);
  hs_step_column_clear (&store->globals_mb);
  hs_step_column_clear (&store->flags);
  hs_step_column_clear (&store->label);
  hs_i64_column_clear (&store->wall_time_us);

  hs_column_clear (&store->scav_line);
  hs_column_clear (&store->scav_cycle);
  hs_step_column_clear (&store->scav_kind);
  hs_step_column_clear (&store->scav_sequence);
  hs_column_clear (&store->scav_released_now_kib);
  hs_column_clear (&store->scav_inuse_kib);
  hs_column_clear (&store->scav_idle_kib);
  hs_column_clear (&store->scav_sys_kib);
  hs_column_clear (&store->scav_released_kib);
  hs_column_clear (&store->scav_consumed_kib);
  hs_column_clear (&store->scav_work_kib);
  hs_column_clear (&store->scav_eager_kib);
  hs_column_clear (&store->scav_retained_kib);
  hs_column_clear (&store->scav_util_percent);
  hs_i64_column_clear (&store->scav_wall_time_us);

  g_clear_pointer (&store->label_ids, g_hash_table_unref);
  g_clear_pointer (&store->labels, g_ptr_array_unref);
  g_clear_pointer (&store->malformed, g_array_unref);
  g_clear_pointer (&store->run_starts, g_array_unref);
}

HsTraceStore *
hs_trace_store_new (void)
{
  HsTraceStore *store = g_new (HsTraceStore, 1);

  hs_trace_store_init (store);
  return store;
}

void
hs_trace_store_free (HsTraceStore *store)
{
  hs_trace_store_clear (store);
  g_free (store);
}

gsize
hs_trace_store_get_n_cycles (const HsTraceStore *store)
{
  return store->time_ms.column.len;
}

gsize
hs_trace_store_get_n_events (const HsTraceStore *store)
{
  return store->scav_line.len;
}

guint64
hs_trace_store_get_number (const HsTraceStore *store,
                           gsize               row)
{
  return (guint64) row + hs_step_column_get (&store->number_minus_row, row);
}

/*
 * The common cases of the column appends, inlined: a GC line appends some 25 values and the
 * calls cost more than the stores. Everything else goes to hs-column.c.
 */
static inline void
push (HsColumn *column,
      guint64   value)
{
  hs_column_push (column, value);
}

static inline void
push_i64 (HsI64Column *column,
          gint64       value)
{
  hs_column_push (&column->column, (guint64) value);
}

static inline void
push_step (HsStepColumn *column,
           guint64       value)
{
  if G_LIKELY (column->steps != NULL && column->steps->len > 0 &&
               g_array_index (column->steps, HsStep, column->steps->len - 1).value == value)
    column->len++;
  else
    hs_step_column_append (column, value);
}

void
hs_trace_store_append_gc (HsTraceStore     *store,
                          const HsGcRecord *gc,
                          guint64           line,
                          gint64            wall_time_us,
                          guint             label)
{
  gsize row = store->time_ms.column.len;

  push_i64 (&store->time_ms, (gint64) MIN (gc->time_ms, (guint64) G_MAXINT64));
  for (guint i = 0; i < HS_N_CLOCK; i++)
    push (&store->clock_us[i], gc->clock_us[i]);
  for (guint i = 0; i < HS_N_CPU; i++)
    push (&store->cpu_us[i], gc->cpu_us[i]);
  push (&store->heap_before_mb, gc->heap_before_mb);
  push (&store->heap_after_mb, gc->heap_after_mb);
  push (&store->heap_live_mb, gc->heap_live_mb);
  push (&store->heap_goal_mb, gc->heap_goal_mb);
  push (&store->line, line);
  /* unsigned wrap-around is intended: number − row is often "negative" after a restart */
  push_step (&store->number_minus_row, gc->number - (guint64) row);
  push_step (&store->cpu_percent, gc->cpu_percent);
  push_step (&store->procs, gc->procs);
  push_step (&store->stacks_mb, gc->stacks_mb);
  push_step (&store->globals_mb, gc->globals_mb);
  push_step (&store->flags, gc->flags);
  push_step (&store->label, label);
  push_i64 (&store->wall_time_us, wall_time_us);

  store->gc_formats |= gc->format;
}

void
hs_trace_store_append_scav (HsTraceStore       *store,
                            const HsScavRecord *scav,
                            guint64             line,
                            gint64              wall_time_us)
{
  push (&store->scav_line, line);
  push (&store->scav_cycle, hs_trace_store_get_n_cycles (store));
  push_step (&store->scav_kind,
             (guint64) scav->kind | (guint64) scav->format << 8 | (guint64) scav->flags << 16);
  push_step (&store->scav_sequence, (guint64) scav->sequence);
  push (&store->scav_released_now_kib, scav->released_now_kib);
  push (&store->scav_inuse_kib, scav->inuse_kib);
  push (&store->scav_idle_kib, scav->idle_kib);
  push (&store->scav_sys_kib, scav->sys_kib);
  push (&store->scav_released_kib, scav->released_kib);
  push (&store->scav_consumed_kib, scav->consumed_kib);
  push (&store->scav_work_kib, scav->work_kib);
  push (&store->scav_eager_kib, scav->eager_kib);
  push (&store->scav_retained_kib, scav->retained_kib);
  push (&store->scav_util_percent, scav->util_percent);
  push_i64 (&store->scav_wall_time_us, wall_time_us);

  store->scav_formats |= scav->format;
}

guint
hs_trace_store_intern_label (HsTraceStore *store,
                             const char   *label)
{
  gpointer id;

  if (label == NULL || *label == '\0')
    return 0;

  if (g_hash_table_lookup_extended (store->label_ids, label, NULL, &id))
    return GPOINTER_TO_UINT (id);

  g_ptr_array_add (store->labels, g_strdup (label));
  g_hash_table_insert (store->label_ids, g_ptr_array_index (store->labels, store->labels->len - 1),
                       GUINT_TO_POINTER (store->labels->len));
  return store->labels->len;
}

void
hs_trace_store_add_malformed (HsTraceStore *store,
                              guint64       line,
                              const char   *reason,
                              const char   *text,
                              gsize         len)
{
  HsMalformedLine m;

  store->counts.malformed++;
  if (store->malformed->len >= HS_MAX_MALFORMED_KEPT)
    return;

  m.line = line;
  m.reason = reason;
  m.text = g_utf8_make_valid (text, (gssize) MIN (len, MALFORMED_TEXT_MAX));
  /* NUL bytes would cut the text short wherever it is shown */
  for (char *p = m.text; p < m.text + strlen (m.text); p++)
    if (*p == '\t')
      *p = ' ';
  g_array_append_val (store->malformed, m);
}

static void
append_counts (HsLineCounts       *counts,
               const HsLineCounts *other)
{
  counts->lines += other->lines;
  counts->gc += other->gc;
  counts->scavenger += other->scavenger;
  counts->markers += other->markers;
  counts->other_runtime += other->other_runtime;
  counts->legacy += other->legacy;
  counts->foreign += other->foreign;
  counts->malformed += other->malformed;
  counts->joined += other->joined;
}

typedef struct
{
  HsTraceStore       *store;
  const HsTraceStore *other;
} LabelMap;

/* Labels are interned per store: map the other store's ids onto ours. */
static guint64
map_label (guint64  id,
           gpointer user_data)
{
  LabelMap *map = user_data;

  if (id == 0)
    return 0;

  return hs_trace_store_intern_label (map->store, g_ptr_array_index (map->other->labels, id - 1));
}

static guint64
shift_number (guint64  number_minus_row,
              gpointer user_data)
{
  /* the other store's row r is our row n + r: number − (n + r) */
  return number_minus_row - *(const guint64 *) user_data;
}

/*
 * Appends @other after @store: the rows of a later chunk of the same input. Line numbers in
 * @other count from the chunk's start and get @line_offset added.
 */
void
hs_trace_store_append_store (HsTraceStore       *store,
                             const HsTraceStore *other,
                             guint64             line_offset)
{
  gsize n_cycles = hs_trace_store_get_n_cycles (store);
  guint64 shift = n_cycles;
  LabelMap label_map = { store, other };

  hs_i64_column_append_column (&store->time_ms, &other->time_ms);
  for (guint i = 0; i < HS_N_CLOCK; i++)
    hs_column_append_column (&store->clock_us[i], &other->clock_us[i]);
  for (guint i = 0; i < HS_N_CPU; i++)
    hs_column_append_column (&store->cpu_us[i], &other->cpu_us[i]);
  hs_column_append_column (&store->heap_before_mb, &other->heap_before_mb);
  hs_column_append_column (&store->heap_after_mb, &other->heap_after_mb);
  hs_column_append_column (&store->heap_live_mb, &other->heap_live_mb);
  hs_column_append_column (&store->heap_goal_mb, &other->heap_goal_mb);
  hs_column_append_column_shifted (&store->line, &other->line, line_offset);

  hs_step_column_append_mapped (&store->number_minus_row, &other->number_minus_row,
                                shift_number, &shift);

  hs_step_column_append_column (&store->cpu_percent, &other->cpu_percent);
  hs_step_column_append_column (&store->procs, &other->procs);
  hs_step_column_append_column (&store->stacks_mb, &other->stacks_mb);
  hs_step_column_append_column (&store->globals_mb, &other->globals_mb);
  hs_step_column_append_column (&store->flags, &other->flags);
  hs_step_column_append_mapped (&store->label, &other->label, map_label, &label_map);
  hs_i64_column_append_column (&store->wall_time_us, &other->wall_time_us);

  hs_column_append_column_shifted (&store->scav_line, &other->scav_line, line_offset);
  hs_column_append_column_shifted (&store->scav_cycle, &other->scav_cycle, n_cycles);
  hs_step_column_append_column (&store->scav_kind, &other->scav_kind);
  hs_step_column_append_column (&store->scav_sequence, &other->scav_sequence);
  hs_column_append_column (&store->scav_released_now_kib, &other->scav_released_now_kib);
  hs_column_append_column (&store->scav_inuse_kib, &other->scav_inuse_kib);
  hs_column_append_column (&store->scav_idle_kib, &other->scav_idle_kib);
  hs_column_append_column (&store->scav_sys_kib, &other->scav_sys_kib);
  hs_column_append_column (&store->scav_released_kib, &other->scav_released_kib);
  hs_column_append_column (&store->scav_consumed_kib, &other->scav_consumed_kib);
  hs_column_append_column (&store->scav_work_kib, &other->scav_work_kib);
  hs_column_append_column (&store->scav_eager_kib, &other->scav_eager_kib);
  hs_column_append_column (&store->scav_retained_kib, &other->scav_retained_kib);
  hs_column_append_column (&store->scav_util_percent, &other->scav_util_percent);
  hs_i64_column_append_column (&store->scav_wall_time_us, &other->scav_wall_time_us);

  hs_trace_store_append_accounting (store, other, line_offset);

  for (guint i = 0; i < other->run_starts->len; i++)
    {
      guint64 row = g_array_index (other->run_starts, guint64, i) + n_cycles;

      g_array_append_val (store->run_starts, row);
    }

  store->ends_with_periodic_marker = other->ends_with_periodic_marker;
}

/*
 * Adds what @other says about its lines: their counts, the malformed ones kept, the first
 * legacy one, the formats seen. Line numbers in @other count from @line_offset.
 */
void
hs_trace_store_append_accounting (HsTraceStore       *store,
                                  const HsTraceStore *other,
                                  guint64             line_offset)
{
  for (guint i = 0; i < other->malformed->len; i++)
    {
      const HsMalformedLine *m = &g_array_index (other->malformed, HsMalformedLine, i);
      HsMalformedLine copy;

      if (store->malformed->len >= HS_MAX_MALFORMED_KEPT)
        break;
      copy.line = m->line + line_offset;
      copy.reason = m->reason;
      copy.text = g_strdup (m->text);
      g_array_append_val (store->malformed, copy);
    }

  if (store->first_legacy_line == 0 && other->first_legacy_line != 0)
    store->first_legacy_line = other->first_legacy_line + line_offset;

  append_counts (&store->counts, &other->counts);
  store->gc_formats |= other->gc_formats;
  store->scav_formats |= other->scav_formats;
}

/*
 * Appends rows [@first_cycle, +@n_cycles) and events [@first_event, +@n_events) of @other,
 * as they are: line numbers, labels (by their text), the events' place among the cycles
 * (counted from @first_cycle). How a trace read whole on a worker is handed over in slices;
 * line counts, malformed lines, run starts and the periodic marker are the caller's.
 */
void
hs_trace_store_append_rows (HsTraceStore       *store,
                            const HsTraceStore *other,
                            gsize               first_cycle,
                            gsize               n_cycles,
                            gsize               first_event,
                            gsize               n_events)
{
  gsize shift = hs_trace_store_get_n_cycles (store);

  g_return_if_fail (first_cycle + n_cycles <= hs_trace_store_get_n_cycles (other));
  g_return_if_fail (first_event + n_events <= hs_trace_store_get_n_events (other));

  for (gsize r = first_cycle; r < first_cycle + n_cycles; r++)
    {
      gsize row = hs_trace_store_get_n_cycles (store);
      guint label = (guint) hs_step_column_get (&other->label, r);

      push_i64 (&store->time_ms, hs_i64_column_get (&other->time_ms, r));
      for (guint i = 0; i < HS_N_CLOCK; i++)
        push (&store->clock_us[i], hs_column_get (&other->clock_us[i], r));
      for (guint i = 0; i < HS_N_CPU; i++)
        push (&store->cpu_us[i], hs_column_get (&other->cpu_us[i], r));
      push (&store->heap_before_mb, hs_column_get (&other->heap_before_mb, r));
      push (&store->heap_after_mb, hs_column_get (&other->heap_after_mb, r));
      push (&store->heap_live_mb, hs_column_get (&other->heap_live_mb, r));
      push (&store->heap_goal_mb, hs_column_get (&other->heap_goal_mb, r));
      push (&store->line, hs_column_get (&other->line, r));
      push_step (&store->number_minus_row, hs_trace_store_get_number (other, r) - (guint64) row);
      push_step (&store->cpu_percent, hs_step_column_get (&other->cpu_percent, r));
      push_step (&store->procs, hs_step_column_get (&other->procs, r));
      push_step (&store->stacks_mb, hs_step_column_get (&other->stacks_mb, r));
      push_step (&store->globals_mb, hs_step_column_get (&other->globals_mb, r));
      push_step (&store->flags, hs_step_column_get (&other->flags, r));
      push_step (&store->label, label == 0 ? 0 : hs_trace_store_intern_label (store, g_ptr_array_index (other->labels, label - 1)));
      push_i64 (&store->wall_time_us, hs_i64_column_get (&other->wall_time_us, r));
    }

  for (gsize e = first_event; e < first_event + n_events; e++)
    {
      guint64 cycle = hs_column_get (&other->scav_cycle, e);

      push (&store->scav_line, hs_column_get (&other->scav_line, e));
      /* cycles before the event, in this store's rows */
      push (&store->scav_cycle, shift + (cycle > first_cycle ? cycle - first_cycle : 0));
      push_step (&store->scav_kind, hs_step_column_get (&other->scav_kind, e));
      push_step (&store->scav_sequence, hs_step_column_get (&other->scav_sequence, e));
      push (&store->scav_released_now_kib, hs_column_get (&other->scav_released_now_kib, e));
      push (&store->scav_inuse_kib, hs_column_get (&other->scav_inuse_kib, e));
      push (&store->scav_idle_kib, hs_column_get (&other->scav_idle_kib, e));
      push (&store->scav_sys_kib, hs_column_get (&other->scav_sys_kib, e));
      push (&store->scav_released_kib, hs_column_get (&other->scav_released_kib, e));
      push (&store->scav_consumed_kib, hs_column_get (&other->scav_consumed_kib, e));
      push (&store->scav_work_kib, hs_column_get (&other->scav_work_kib, e));
      push (&store->scav_eager_kib, hs_column_get (&other->scav_eager_kib, e));
      push (&store->scav_retained_kib, hs_column_get (&other->scav_retained_kib, e));
      push (&store->scav_util_percent, hs_column_get (&other->scav_util_percent, e));
      push_i64 (&store->scav_wall_time_us, hs_i64_column_get (&other->scav_wall_time_us, e));
    }

  store->gc_formats |= other->gc_formats;
  store->scav_formats |= other->scav_formats;
}

gsize
hs_trace_store_get_memory (const HsTraceStore *store)
{
  gsize bytes = hs_i64_column_get_memory (&store->time_ms);

  for (guint i = 0; i < HS_N_CLOCK; i++)
    bytes += hs_column_get_memory (&store->clock_us[i]);
  for (guint i = 0; i < HS_N_CPU; i++)
    bytes += hs_column_get_memory (&store->cpu_us[i]);
  bytes += hs_column_get_memory (&store->heap_before_mb);
  bytes += hs_column_get_memory (&store->heap_after_mb);
  bytes += hs_column_get_memory (&store->heap_live_mb);
  bytes += hs_column_get_memory (&store->heap_goal_mb);
  bytes += hs_column_get_memory (&store->line);
  bytes += hs_step_column_get_memory (&store->number_minus_row);
  bytes += hs_step_column_get_memory (&store->cpu_percent);
  bytes += hs_step_column_get_memory (&store->procs);
  bytes += hs_step_column_get_memory (&store->stacks_mb);
  bytes += hs_step_column_get_memory (&store->globals_mb);
  bytes += hs_step_column_get_memory (&store->flags);
  bytes += hs_step_column_get_memory (&store->label);
  bytes += hs_i64_column_get_memory (&store->wall_time_us);

  /* the scavenger table is part of the model too */
  bytes += hs_column_get_memory (&store->scav_line);
  bytes += hs_column_get_memory (&store->scav_cycle);
  bytes += hs_step_column_get_memory (&store->scav_kind);
  bytes += hs_step_column_get_memory (&store->scav_sequence);
  bytes += hs_column_get_memory (&store->scav_released_now_kib);
  bytes += hs_column_get_memory (&store->scav_inuse_kib);
  bytes += hs_column_get_memory (&store->scav_idle_kib);
  bytes += hs_column_get_memory (&store->scav_sys_kib);
  bytes += hs_column_get_memory (&store->scav_released_kib);
  bytes += hs_column_get_memory (&store->scav_consumed_kib);
  bytes += hs_column_get_memory (&store->scav_work_kib);
  bytes += hs_column_get_memory (&store->scav_eager_kib);
  bytes += hs_column_get_memory (&store->scav_retained_kib);
  bytes += hs_column_get_memory (&store->scav_util_percent);
  bytes += hs_i64_column_get_memory (&store->scav_wall_time_us);

  for (guint i = 0; i < store->labels->len; i++)
    bytes += strlen (g_ptr_array_index (store->labels, i)) + 1;

  return bytes;
}
