/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace.c: the columnar trace model that every view reads. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-trace.h"

/* Go 1.4–1.12 sysmon runs the scavenger every scavengelimit/2 = 150 s after start */
#define SYSMON_SCAVENGE_PERIOD_S 150.0

struct _HsTrace
{
  GObject       parent_instance;

  char         *name;
  HsTraceStore  store;
  HsSampleTable samples;
  GArray       *runs;                 /* HsRun */
  gboolean      periodic_pending;     /* the last chunk ended with "GC forced" */

  /* Only the main thread appends. Worker threads (sorting a table) read under this lock,
   * because an append may move the columns' memory. */
  GRWLock       lock;

  char         *content_key;
};

G_DEFINE_FINAL_TYPE (HsTrace, hs_trace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_N_CYCLES,
  PROP_N_EVENTS,
  PROP_N_SAMPLES,
  PROP_CONTENT_KEY,
  N_PROPS
};

enum {
  ITEMS_APPENDED,
  SAMPLES_APPENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hs_trace_finalize (GObject *object)
{
  HsTrace *self = (HsTrace *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->content_key, g_free);
  g_clear_pointer (&self->runs, g_array_unref);
  hs_trace_store_clear (&self->store);
  hs_sample_table_clear (&self->samples);
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (hs_trace_parent_class)->finalize (object);
}

static void
hs_trace_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HsTrace *self = HS_TRACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_N_CYCLES:
      g_value_set_uint (value, hs_trace_get_n_cycles (self));
      break;
    case PROP_N_EVENTS:
      g_value_set_uint (value, hs_trace_get_n_events (self));
      break;
    case PROP_N_SAMPLES:
      g_value_set_uint (value, hs_trace_get_n_samples (self));
      break;
    case PROP_CONTENT_KEY:
      g_value_set_string (value, self->content_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_trace_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HsTrace *self = HS_TRACE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_trace_class_init (HsTraceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hs_trace_finalize;
  object_class->get_property = hs_trace_get_property;
  object_class->set_property = hs_trace_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CYCLES] =
    g_param_spec_uint ("n-cycles", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_EVENTS] =
    g_param_spec_uint ("n-events", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SAMPLES] =
    g_param_spec_uint ("n-samples", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT_KEY] =
    g_param_spec_string ("content-key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HsTrace::items-appended:
   * @first_cycle: index of the first new GC cycle
   * @n_cycles: how many cycles were appended
   * @first_event: index of the first new scavenger event
   * @n_events: how many events were appended
   *
   * Emitted once per appended batch, after the lines were counted too.
   */
  signals[ITEMS_APPENDED] =
    g_signal_new ("items-appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * HsTrace::samples-appended:
   * @first_sample: index of the first new memory sample
   * @n_samples: how many samples were appended
   *
   * Emitted once per appended batch of samples; fields first seen in it already have ids.
   */
  signals[SAMPLES_APPENDED] =
    g_signal_new ("samples-appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
hs_trace_init (HsTrace *self)
{
  hs_trace_store_init (&self->store);
  hs_sample_table_init (&self->samples);
  self->runs = g_array_new (FALSE, FALSE, sizeof (HsRun));
  g_rw_lock_init (&self->lock);
}

/*
 * For threads other than the one that appends: hold this while reading cycles, and not for
 * long (appends wait for it). The appending thread itself needs no lock to read.
 */
void
hs_trace_read_lock (HsTrace *self)
{
  g_rw_lock_reader_lock (&self->lock);
}

void
hs_trace_read_unlock (HsTrace *self)
{
  g_rw_lock_reader_unlock (&self->lock);
}

HsTrace *
hs_trace_new (const char *name)
{
  return g_object_new (HS_TYPE_TRACE, "name", name, NULL);
}

const char *
hs_trace_get_name (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);

  return self->name;
}

guint
hs_trace_get_n_cycles (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return (guint) hs_trace_store_get_n_cycles (&self->store);
}

guint
hs_trace_get_n_events (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return (guint) hs_trace_store_get_n_events (&self->store);
}

guint
hs_trace_get_n_runs (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return self->runs->len;
}

const HsRun *
hs_trace_get_run (HsTrace *self,
                  guint    run)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);
  g_return_val_if_fail (run < self->runs->len, NULL);

  return &g_array_index (self->runs, HsRun, run);
}

guint
hs_trace_get_run_of_cycle (HsTrace *self,
                           guint    cycle)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  if (self->runs->len == 0)
    return 0;

  hi = self->runs->len - 1;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (g_array_index (self->runs, HsRun, mid).first_cycle <= cycle)
        lo = mid;
      else
        hi = mid - 1;
    }

  return lo;
}

static double
run_time_s (HsTrace *self,
            guint    cycle)
{
  return (double) hs_i64_column_get (&self->store.time_ms, cycle) / 1000.0;
}

static void
start_run (HsTrace *self,
           guint    first_cycle)
{
  HsRun run = { 0 };

  /* a live parser and the trace may both see the same restart */
  if (self->runs->len > 0 &&
      g_array_index (self->runs, HsRun, self->runs->len - 1).first_cycle == first_cycle)
    return;

  run.first_cycle = first_cycle;
  run.first_line = hs_column_get (&self->store.line, first_cycle);

  if (self->runs->len > 0)
    {
      HsRun *previous = &g_array_index (self->runs, HsRun, self->runs->len - 1);

      previous->n_cycles = first_cycle - previous->first_cycle;
      /* the new run starts where the last one ended, plus its own @T */
      run.time_offset = previous->time_offset + run_time_s (self, first_cycle - 1);
    }

  g_array_append_val (self->runs, run);
}

static gboolean
starts_new_run (HsTrace *self,
                guint    cycle)
{
  guint64 number = hs_trace_store_get_number (&self->store, cycle);
  guint64 previous = hs_trace_store_get_number (&self->store, cycle - 1);

  return number <= previous ||
         hs_i64_column_get (&self->store.time_ms, cycle) <
         hs_i64_column_get (&self->store.time_ms, cycle - 1);
}

/*
 * Appends what a parser produced for the next part of the input. Line numbers in @store
 * count from the part's start: @line_offset is the number of lines before it.
 */
void
hs_trace_append_store (HsTrace            *self,
                       const HsTraceStore *store,
                       guint64             line_offset)
{
  guint first_cycle;
  guint first_event;
  guint n_cycles;
  guint n_events;

  g_return_if_fail (HS_IS_TRACE (self));

  first_cycle = hs_trace_get_n_cycles (self);
  first_event = hs_trace_get_n_events (self);

  g_rw_lock_writer_lock (&self->lock);
  hs_trace_store_append_store (&self->store, store, line_offset);

  n_cycles = hs_trace_get_n_cycles (self) - first_cycle;
  n_events = hs_trace_get_n_events (self) - first_event;

  if (n_cycles > 0)
    {
      if (self->periodic_pending)
        {
          guint64 flags = hs_step_column_get (&self->store.flags, first_cycle);

          hs_step_column_set (&self->store.flags, first_cycle, flags | HS_GC_FLAG_PERIODIC);
        }

      if (first_cycle == 0 || starts_new_run (self, first_cycle))
        start_run (self, first_cycle);

      for (guint i = 0; i < store->run_starts->len; i++)
        start_run (self, first_cycle + (guint) g_array_index (store->run_starts, guint64, i));

      g_array_index (self->runs, HsRun, self->runs->len - 1).n_cycles =
        hs_trace_get_n_cycles (self) - g_array_index (self->runs, HsRun, self->runs->len - 1).first_cycle;

      self->periodic_pending = store->ends_with_periodic_marker;
    }
  else
    {
      self->periodic_pending = self->periodic_pending || store->ends_with_periodic_marker;
    }
  g_rw_lock_writer_unlock (&self->lock);

  if (n_cycles > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CYCLES]);
  if (n_events > 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_EVENTS]);

  g_signal_emit (self, signals[ITEMS_APPENDED], 0, first_cycle, n_cycles, first_event, n_events);
}

/*
 * Appends everything @other holds (cycles, events, line accounting, samples) as the next
 * part of this trace, in one step: what hs_trace_cut() hands over in several.
 */
void
hs_trace_append_trace (HsTrace *self,
                       HsTrace *other)
{
  g_autoptr(GPtrArray) slices = NULL;
  guint64 line_offset;

  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail (HS_IS_TRACE (other));

  line_offset = hs_trace_get_line_counts (self)->lines;
  slices = hs_trace_cut (other, G_MAXUINT, G_MAXUINT);
  for (guint i = 0; i < slices->len; i++)
    {
      HsTraceSlice *slice = g_ptr_array_index (slices, i);

      hs_trace_append_store (self, slice->store, line_offset);
      hs_trace_append_samples (self, slice->samples);
    }
  if (self->content_key == NULL && other->content_key != NULL)
    hs_trace_set_content_key (self, other->content_key);
}

void
hs_trace_slice_free (HsTraceSlice *slice)
{
  /* either may have been taken by whoever appends the slice */
  g_clear_pointer (&slice->store, hs_trace_store_free);
  g_clear_pointer (&slice->samples, hs_sample_table_free);
  g_free (slice);
}

/*
 * Cuts what @self holds into slices of at most @max_cycles cycles (with the scavenger
 * events among them) and @max_samples samples, to be appended one after the other with
 * hs_trace_append_store() and hs_trace_append_samples(): the same trace as
 * hs_trace_append_trace() gives, in steps a main loop can take between two frames. The
 * last slice carries the line accounting, the malformed lines and the pending periodic
 * marker. Runs are carried over as @self found them. Returns an array of HsTraceSlice.
 */
GPtrArray *
hs_trace_cut (HsTrace *self,
              guint    max_cycles,
              guint    max_samples)
{
  GPtrArray *slices = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_trace_slice_free);
  guint n_cycles, n_events, n_samples, run = 1;
  guint cycle = 0, event = 0, sample = 0;

  g_return_val_if_fail (HS_IS_TRACE (self), NULL);
  g_return_val_if_fail (max_cycles > 0 && max_samples > 0, NULL);

  n_cycles = hs_trace_get_n_cycles (self);
  n_events = hs_trace_get_n_events (self);
  n_samples = hs_trace_get_n_samples (self);

  do
    {
      HsTraceSlice *slice = g_new0 (HsTraceSlice, 1);
      guint cycles = MIN (max_cycles, n_cycles - cycle);
      guint samples = MIN (max_samples, n_samples - sample);
      guint end_event = event;
      gboolean last;

      /* the events after this slice's cycles: those the next slice's first cycle follows */
      while (end_event < n_events &&
             hs_column_get (&self->store.scav_cycle, end_event) <= (guint64) cycle + cycles)
        end_event++;
      last = cycle + cycles == n_cycles && sample + samples == n_samples;
      if (last)
        end_event = n_events;

      slice->store = hs_trace_store_new ();
      hs_trace_store_append_rows (slice->store, &self->store, cycle, cycles, event, end_event - event);
      for (; run < self->runs->len &&
             g_array_index (self->runs, HsRun, run).first_cycle < cycle + cycles; run++)
        {
          guint64 row = g_array_index (self->runs, HsRun, run).first_cycle - cycle;

          g_array_append_val (slice->store->run_starts, row);
        }
      slice->samples = hs_sample_table_new ();
      hs_sample_table_append_rows (slice->samples, &self->samples, sample, samples);

      if (last)
        {
          hs_trace_store_append_accounting (slice->store, &self->store, 0);
          slice->store->ends_with_periodic_marker = self->periodic_pending;
        }

      g_ptr_array_add (slices, slice);
      cycle += cycles;
      sample += samples;
      event = end_event;
    }
  while (cycle < n_cycles || sample < n_samples);

  return slices;
}

static double
time_on_axis (HsTrace *self,
              guint    cycle)
{
  const HsRun *run = &g_array_index (self->runs, HsRun, hs_trace_get_run_of_cycle (self, cycle));

  return run->time_offset + run_time_s (self, cycle);
}

static inline double
us_to_ms (guint64 us)
{
  return (double) us / 1000.0;
}

static inline double
mib_to_bytes (guint64 mib)
{
  return (double) mib * 1048576.0;
}

double
hs_trace_get_gc_value (HsTrace   *self,
                       HsGcField  field,
                       guint      cycle)
{
  const HsTraceStore *s;

  g_return_val_if_fail (HS_IS_TRACE (self), NAN);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), NAN);

  s = &self->store;

  switch (field)
    {
    case HS_GC_FIELD_NUMBER:
      return (double) hs_trace_store_get_number (s, cycle);
    case HS_GC_FIELD_TIME:
      return time_on_axis (self, cycle);
    case HS_GC_FIELD_RUN_TIME:
      return run_time_s (self, cycle);
    case HS_GC_FIELD_WALL_TIME:
      {
        gint64 us = hs_i64_column_get (&s->wall_time_us, cycle);

        return us != 0 ? (double) us / G_USEC_PER_SEC : NAN;
      }
    case HS_GC_FIELD_CPU_PERCENT:
      return (double) hs_step_column_get (&s->cpu_percent, cycle);
    case HS_GC_FIELD_CLOCK_SWEEP_TERM:
      return us_to_ms (hs_column_get (&s->clock_us[HS_CLOCK_SWEEP_TERM], cycle));
    case HS_GC_FIELD_CLOCK_MARK:
      return us_to_ms (hs_column_get (&s->clock_us[HS_CLOCK_SCAN], cycle) +
                       hs_column_get (&s->clock_us[HS_CLOCK_INSTALL_WB], cycle) +
                       hs_column_get (&s->clock_us[HS_CLOCK_MARK], cycle));
    case HS_GC_FIELD_CLOCK_MARK_TERM:
      return us_to_ms (hs_column_get (&s->clock_us[HS_CLOCK_MARK_TERM], cycle));
    case HS_GC_FIELD_PAUSE:
      return us_to_ms (hs_column_get (&s->clock_us[HS_CLOCK_SWEEP_TERM], cycle) +
                       hs_column_get (&s->clock_us[HS_CLOCK_MARK_TERM], cycle));
    case HS_GC_FIELD_CPU_SWEEP_TERM:
      return us_to_ms (hs_column_get (&s->cpu_us[HS_CPU_SWEEP_TERM], cycle));
    case HS_GC_FIELD_CPU_ASSIST:
      return us_to_ms (hs_column_get (&s->cpu_us[HS_CPU_ASSIST], cycle));
    case HS_GC_FIELD_CPU_BACKGROUND:
      return us_to_ms (hs_column_get (&s->cpu_us[HS_CPU_SCAN], cycle) +
                       hs_column_get (&s->cpu_us[HS_CPU_INSTALL_WB], cycle) +
                       hs_column_get (&s->cpu_us[HS_CPU_BACKGROUND], cycle));
    case HS_GC_FIELD_CPU_IDLE:
      return us_to_ms (hs_column_get (&s->cpu_us[HS_CPU_IDLE], cycle));
    case HS_GC_FIELD_CPU_MARK_TERM:
      return us_to_ms (hs_column_get (&s->cpu_us[HS_CPU_MARK_TERM], cycle));
    case HS_GC_FIELD_HEAP_BEFORE:
      return mib_to_bytes (hs_column_get (&s->heap_before_mb, cycle));
    case HS_GC_FIELD_HEAP_AFTER:
      return mib_to_bytes (hs_column_get (&s->heap_after_mb, cycle));
    case HS_GC_FIELD_HEAP_LIVE:
      return mib_to_bytes (hs_column_get (&s->heap_live_mb, cycle));
    case HS_GC_FIELD_HEAP_GOAL:
      return mib_to_bytes (hs_column_get (&s->heap_goal_mb, cycle));
    case HS_GC_FIELD_STACKS:
      return mib_to_bytes (hs_step_column_get (&s->stacks_mb, cycle));
    case HS_GC_FIELD_GLOBALS:
      return mib_to_bytes (hs_step_column_get (&s->globals_mb, cycle));
    case HS_GC_FIELD_PROCS:
      return (double) hs_step_column_get (&s->procs, cycle);
    case HS_GC_FIELD_LINE:
      return (double) hs_column_get (&s->line, cycle);
    case HS_GC_FIELD_RUN:
      return (double) hs_trace_get_run_of_cycle (self, cycle);
    case HS_N_GC_FIELDS:
    default:
      g_return_val_if_reached (NAN);
    }
}

/*
 * The fields that are one column, or the sum of a few, read a whole range at once: the
 * charts build their pyramids from every value of every field, so a call per value would
 * dominate opening a trace of millions of cycles.
 */
#define STORE_COLUMN(member) G_STRUCT_OFFSET (HsTraceStore, member)

/* The fields that are a column, or the sum of up to three, of the store; 0 ends a list. */
static const struct
{
  HsGcField field;
  glong     columns[3];
  gboolean  mib;                 /* heap: MiB → bytes; otherwise phases: µs → ms */
} column_fields[] = {
  { HS_GC_FIELD_CLOCK_SWEEP_TERM, { STORE_COLUMN (clock_us[HS_CLOCK_SWEEP_TERM]) }, FALSE },
  { HS_GC_FIELD_CLOCK_MARK, { STORE_COLUMN (clock_us[HS_CLOCK_SCAN]), STORE_COLUMN (clock_us[HS_CLOCK_INSTALL_WB]),
                              STORE_COLUMN (clock_us[HS_CLOCK_MARK]) }, FALSE },
  { HS_GC_FIELD_CLOCK_MARK_TERM, { STORE_COLUMN (clock_us[HS_CLOCK_MARK_TERM]) }, FALSE },
  { HS_GC_FIELD_PAUSE, { STORE_COLUMN (clock_us[HS_CLOCK_SWEEP_TERM]), STORE_COLUMN (clock_us[HS_CLOCK_MARK_TERM]) }, FALSE },
  { HS_GC_FIELD_CPU_SWEEP_TERM, { STORE_COLUMN (cpu_us[HS_CPU_SWEEP_TERM]) }, FALSE },
  { HS_GC_FIELD_CPU_ASSIST, { STORE_COLUMN (cpu_us[HS_CPU_ASSIST]) }, FALSE },
  { HS_GC_FIELD_CPU_BACKGROUND, { STORE_COLUMN (cpu_us[HS_CPU_SCAN]), STORE_COLUMN (cpu_us[HS_CPU_INSTALL_WB]),
                                  STORE_COLUMN (cpu_us[HS_CPU_BACKGROUND]) }, FALSE },
  { HS_GC_FIELD_CPU_IDLE, { STORE_COLUMN (cpu_us[HS_CPU_IDLE]) }, FALSE },
  { HS_GC_FIELD_CPU_MARK_TERM, { STORE_COLUMN (cpu_us[HS_CPU_MARK_TERM]) }, FALSE },
  { HS_GC_FIELD_HEAP_BEFORE, { STORE_COLUMN (heap_before_mb) }, TRUE },
  { HS_GC_FIELD_HEAP_AFTER, { STORE_COLUMN (heap_after_mb) }, TRUE },
  { HS_GC_FIELD_HEAP_LIVE, { STORE_COLUMN (heap_live_mb) }, TRUE },
  { HS_GC_FIELD_HEAP_GOAL, { STORE_COLUMN (heap_goal_mb) }, TRUE },
};

/*
 * The fields that are one column, or the sum of a few, read a whole range at once: the
 * charts build their pyramids from every value of every field, so a call per value would
 * dominate opening a trace of millions of cycles.
 */
#define BULK_BLOCK 1024

static gboolean
bulk_gc_values (HsTrace   *self,
                HsGcField  field,
                guint      first,
                guint      n,
                double    *values)
{
  const HsTraceStore *s = &self->store;
  const HsStepColumn *steps = NULL;
  double step_scale = 1.0;

  switch (field)
    {
    case HS_GC_FIELD_CPU_PERCENT:
      steps = &s->cpu_percent;
      break;
    case HS_GC_FIELD_STACKS:
      steps = &s->stacks_mb;
      step_scale = 1048576.0;
      break;
    case HS_GC_FIELD_GLOBALS:
      steps = &s->globals_mb;
      step_scale = 1048576.0;
      break;
    case HS_GC_FIELD_PROCS:
      steps = &s->procs;
      break;
    default:
      break;
    }
  if (steps != NULL)
    {
      hs_step_column_get_scaled (steps, first, n, step_scale, values);
      return TRUE;
    }

  for (guint f = 0; f < G_N_ELEMENTS (column_fields); f++)
    {
      if (column_fields[f].field != field)
        continue;

      /* the same arithmetic as hs_trace_get_gc_value: the whole sum in 64-bit integers
       * first, then one conversion; in blocks so the sums take little memory */
      for (guint done = 0; done < n; done += BULK_BLOCK)
        {
          guint64 sums[BULK_BLOCK] = { 0 };
          guint m = MIN (BULK_BLOCK, n - done);

          for (guint c = 0; c < G_N_ELEMENTS (column_fields[f].columns) && column_fields[f].columns[c] != 0; c++)
            hs_column_add_to (G_STRUCT_MEMBER_P (s, column_fields[f].columns[c]), first + done, m, sums);
          for (guint i = 0; i < m; i++)
            values[done + i] = column_fields[f].mib ? mib_to_bytes (sums[i]) : us_to_ms (sums[i]);
        }
      return TRUE;
    }

  return FALSE;
}

/* Bulk access for charts and statistics: one field over a range of cycles. */
void
hs_trace_get_gc_values (HsTrace   *self,
                        HsGcField  field,
                        guint      first,
                        guint      n,
                        double    *values)
{
  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail ((guint64) first + n <= hs_trace_get_n_cycles (self));

  if (field == HS_GC_FIELD_TIME)
    {
      /* walk the runs instead of searching them for every cycle */
      guint run = n > 0 ? hs_trace_get_run_of_cycle (self, first) : 0;

      for (guint i = 0; i < n; i++)
        {
          guint cycle = first + i;

          while (run + 1 < self->runs->len &&
                 g_array_index (self->runs, HsRun, run + 1).first_cycle <= cycle)
            run++;
          values[i] = g_array_index (self->runs, HsRun, run).time_offset + run_time_s (self, cycle);
        }
      return;
    }

  if (bulk_gc_values (self, field, first, n, values))
    return;

  for (guint i = 0; i < n; i++)
    values[i] = hs_trace_get_gc_value (self, field, first + i);
}

void
hs_trace_get_gc_record (HsTrace    *self,
                        guint       cycle,
                        HsGcRecord *record)
{
  const HsTraceStore *s;

  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail (cycle < hs_trace_get_n_cycles (self));

  s = &self->store;
  record->number = hs_trace_store_get_number (s, cycle);
  record->time_ms = (guint64) hs_i64_column_get (&s->time_ms, cycle);
  record->cpu_percent = hs_step_column_get (&s->cpu_percent, cycle);
  for (guint i = 0; i < HS_N_CLOCK; i++)
    record->clock_us[i] = hs_column_get (&s->clock_us[i], cycle);
  for (guint i = 0; i < HS_N_CPU; i++)
    record->cpu_us[i] = hs_column_get (&s->cpu_us[i], cycle);
  record->heap_before_mb = hs_column_get (&s->heap_before_mb, cycle);
  record->heap_after_mb = hs_column_get (&s->heap_after_mb, cycle);
  record->heap_live_mb = hs_column_get (&s->heap_live_mb, cycle);
  record->heap_goal_mb = hs_column_get (&s->heap_goal_mb, cycle);
  record->stacks_mb = hs_step_column_get (&s->stacks_mb, cycle);
  record->globals_mb = hs_step_column_get (&s->globals_mb, cycle);
  record->procs = hs_step_column_get (&s->procs, cycle);
  record->flags = (guint) hs_step_column_get (&s->flags, cycle);
  record->format = HS_GC_FORMAT_NONE;
  if (hs_trace_get_run (self, hs_trace_get_run_of_cycle (self, cycle))->first_cycle == cycle)
    record->flags |= HS_GC_FLAG_NEW_RUN;
}

guint64
hs_trace_get_gc_line (HsTrace *self,
                      guint    cycle)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), 0);

  return hs_column_get (&self->store.line, cycle);
}

guint
hs_trace_get_gc_flags (HsTrace *self,
                       guint    cycle)
{
  guint flags;

  g_return_val_if_fail (HS_IS_TRACE (self), 0);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), 0);

  flags = (guint) hs_step_column_get (&self->store.flags, cycle);
  if (hs_trace_get_run (self, hs_trace_get_run_of_cycle (self, cycle))->first_cycle == cycle)
    flags |= HS_GC_FLAG_NEW_RUN;

  return flags;
}

/* Flags of a range of cycles at once, NEW_RUN included: one search, then a walk. */
void
hs_trace_get_gc_flags_range (HsTrace *self,
                             guint    first,
                             guint    n,
                             guint   *flags)
{
  double chunk[256];
  guint run;

  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail ((guint64) first + n <= hs_trace_get_n_cycles (self));

  if (n == 0)
    return;

  run = hs_trace_get_run_of_cycle (self, first);
  for (guint done = 0; done < n; done += G_N_ELEMENTS (chunk))
    {
      guint m = MIN (G_N_ELEMENTS (chunk), n - done);

      hs_step_column_get_scaled (&self->store.flags, first + done, m, 1.0, chunk);
      for (guint i = 0; i < m; i++)
        {
          guint cycle = first + done + i;

          while (run + 1 < self->runs->len && g_array_index (self->runs, HsRun, run + 1).first_cycle <= cycle)
            run++;
          flags[done + i] = (guint) chunk[i];
          if (g_array_index (self->runs, HsRun, run).first_cycle == cycle)
            flags[done + i] |= HS_GC_FLAG_NEW_RUN;
        }
    }
}

/* The log prefix in front of the cycle's line, without its time; NULL when there was none. */
const char *
hs_trace_get_gc_label (HsTrace *self,
                       guint    cycle)
{
  guint64 id;

  g_return_val_if_fail (HS_IS_TRACE (self), NULL);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), NULL);

  id = hs_step_column_get (&self->store.label, cycle);
  return id == 0 ? NULL : g_ptr_array_index (self->store.labels, id - 1);
}

gboolean
hs_trace_has_wall_time (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), FALSE);

  return !hs_i64_column_is_empty (&self->store.wall_time_us);
}

/* The exact Unix time in µs of the cycle (a log prefix's, or a polled end time); 0 when none. */
gint64
hs_trace_get_gc_wall_time_us (HsTrace *self,
                              guint    cycle)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), 0);

  return hs_i64_column_get (&self->store.wall_time_us, cycle);
}

void
hs_trace_get_scav_record (HsTrace      *self,
                          guint         event,
                          HsScavRecord *record)
{
  const HsTraceStore *s;
  guint64 kind;

  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail (event < hs_trace_get_n_events (self));

  s = &self->store;
  kind = hs_step_column_get (&s->scav_kind, event);
  record->kind = (HsScavKind) (kind & 0xff);
  record->format = (HsScavFormat) ((kind >> 8) & 0xff);
  record->flags = (guint) (kind >> 16);
  record->sequence = (gint64) hs_step_column_get (&s->scav_sequence, event);
  record->released_now_kib = hs_column_get (&s->scav_released_now_kib, event);
  record->inuse_kib = hs_column_get (&s->scav_inuse_kib, event);
  record->idle_kib = hs_column_get (&s->scav_idle_kib, event);
  record->sys_kib = hs_column_get (&s->scav_sys_kib, event);
  record->released_kib = hs_column_get (&s->scav_released_kib, event);
  record->consumed_kib = hs_column_get (&s->scav_consumed_kib, event);
  record->work_kib = hs_column_get (&s->scav_work_kib, event);
  record->eager_kib = hs_column_get (&s->scav_eager_kib, event);
  record->retained_kib = hs_column_get (&s->scav_retained_kib, event);
  record->util_percent = hs_column_get (&s->scav_util_percent, event);
}

guint
hs_trace_get_scav_cycle (HsTrace *self,
                         guint    event)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);
  g_return_val_if_fail (event < hs_trace_get_n_events (self), 0);

  return (guint) hs_column_get (&self->store.scav_cycle, event);
}

guint64
hs_trace_get_scav_line (HsTrace *self,
                        guint    event)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);
  g_return_val_if_fail (event < hs_trace_get_n_events (self), 0);

  return hs_column_get (&self->store.scav_line, event);
}

/*
 * Scavenger lines carry no time. An event gets the time of the GC cycle before it (or the
 * one after, when it came first). Numbered scvg lines of Go 1.4–1.12 come from sysmon every
 * 150 s, so scvgN ran near (N + 1) × 150 s: that time is used when it falls between the two
 * cycles around the event, which makes the estimate much closer on an idle program.
 */
static double
estimate_scav_time (HsTrace *self,
                    guint    event)
{
  guint n_cycles = hs_trace_get_n_cycles (self);
  guint next = hs_trace_get_scav_cycle (self, event);
  HsScavRecord record;
  double before, after;
  guint run;

  if (n_cycles == 0)
    return 0.0;

  if (next == 0)
    return time_on_axis (self, 0);

  before = time_on_axis (self, next - 1);
  run = hs_trace_get_run_of_cycle (self, next - 1);
  if (next >= n_cycles || hs_trace_get_run_of_cycle (self, next) != run)
    return before;

  after = time_on_axis (self, next);
  hs_trace_get_scav_record (self, event, &record);

  if ((record.format & HS_SCAV_FORMAT_SCVG) != 0 && (record.flags & HS_SCAV_FLAG_HAS_SEQUENCE) != 0 &&
      record.sequence >= 0)
    {
      double guess = hs_trace_get_run (self, run)->time_offset +
                     ((double) record.sequence + 1.0) * SYSMON_SCAVENGE_PERIOD_S;

      if (guess >= before && guess <= after)
        return guess;
    }

  return before;
}

double
hs_trace_get_scav_value (HsTrace     *self,
                         HsScavField  field,
                         guint        event)
{
  const HsTraceStore *s;

  g_return_val_if_fail (HS_IS_TRACE (self), NAN);
  g_return_val_if_fail (event < hs_trace_get_n_events (self), NAN);

  s = &self->store;

  switch (field)
    {
    case HS_SCAV_FIELD_TIME:
      return estimate_scav_time (self, event);
    case HS_SCAV_FIELD_RELEASED_NOW:
      return (double) hs_column_get (&s->scav_released_now_kib, event) * 1024.0;
    case HS_SCAV_FIELD_INUSE:
      return (double) hs_column_get (&s->scav_inuse_kib, event) * 1024.0;
    case HS_SCAV_FIELD_IDLE:
      return (double) hs_column_get (&s->scav_idle_kib, event) * 1024.0;
    case HS_SCAV_FIELD_SYS:
      return (double) hs_column_get (&s->scav_sys_kib, event) * 1024.0;
    case HS_SCAV_FIELD_RELEASED:
      return (double) hs_column_get (&s->scav_released_kib, event) * 1024.0;
    case HS_SCAV_FIELD_CONSUMED:
      return (double) hs_column_get (&s->scav_consumed_kib, event) * 1024.0;
    case HS_SCAV_FIELD_WORK:
      return (double) hs_column_get (&s->scav_work_kib, event) * 1024.0;
    case HS_SCAV_FIELD_EAGER:
      return (double) hs_column_get (&s->scav_eager_kib, event) * 1024.0;
    case HS_SCAV_FIELD_RETAINED:
      return (double) hs_column_get (&s->scav_retained_kib, event) * 1024.0;
    case HS_SCAV_FIELD_UTIL:
      return (double) hs_column_get (&s->scav_util_percent, event);
    case HS_SCAV_FIELD_LINE:
      return (double) hs_column_get (&s->scav_line, event);
    case HS_N_SCAV_FIELDS:
    default:
      g_return_val_if_reached (NAN);
    }
}

const HsLineCounts *
hs_trace_get_line_counts (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);

  return &self->store.counts;
}

/* Lines read as runtime output: GC, scavenger, markers, other runtime lines and legacy. */
guint64
hs_trace_get_parsed_lines (HsTrace *self)
{
  const HsLineCounts *c = &self->store.counts;

  return c->gc + c->scavenger + c->markers + c->other_runtime + c->legacy;
}

const HsMalformedLine *
hs_trace_get_malformed (HsTrace *self,
                        guint   *n_kept)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);

  *n_kept = self->store.malformed->len;
  return (const HsMalformedLine *) (gpointer) self->store.malformed->data;
}

guint64
hs_trace_get_first_legacy_line (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return self->store.first_legacy_line;
}

HsGcFormat
hs_trace_get_gc_formats (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), HS_GC_FORMAT_NONE);

  return (HsGcFormat) self->store.gc_formats;
}

HsScavFormat
hs_trace_get_scav_formats (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), HS_SCAV_FORMAT_NONE);

  return (HsScavFormat) self->store.scav_formats;
}

/*
 * The Go versions whose runtime prints what this trace holds: the GC line's shape narrows
 * it to a range, the scavenger lines narrow it further.
 */
char *
hs_trace_describe_format (HsTrace *self)
{
  guint gc = self->store.gc_formats & ~HS_GC_FORMAT_LEGACY;
  guint scav = self->store.scav_formats;
  const char *version = NULL;

  if (gc == HS_GC_FORMAT_GO16)
    {
      if (scav & HS_SCAV_FORMAT_SCVG_113)
        version = "Go 1.13";
      else if (scav & HS_SCAV_FORMAT_SCVG)
        version = "Go 1.6–1.12";
      else if (scav & HS_SCAV_FORMAT_SCAV_GEN)
        version = "Go 1.15–1.17";
      else if (scav & HS_SCAV_FORMAT_SCAV_114)
        version = "Go 1.14";
      else
        version = "Go 1.6–1.17";
    }
  else if (gc == HS_GC_FORMAT_GO118)
    {
      if (scav & HS_SCAV_FORMAT_SCAV_121)
        version = "Go 1.21+";
      else if (scav & HS_SCAV_FORMAT_SCAV_GEN)
        version = "Go 1.18";
      else if (scav & HS_SCAV_FORMAT_SCAV_114)
        version = "Go 1.19–1.20";
      else
        version = "Go 1.18+";
    }
  else if (gc == HS_GC_FORMAT_GO15)
    version = "Go 1.5";
  else if (gc == HS_GC_FORMAT_GO15_BETA)
    version = "Go 1.5 beta";
  else if (gc == HS_GC_FORMAT_NONE && (self->store.gc_formats & HS_GC_FORMAT_LEGACY))
    version = "Go 1.0–1.4";
  else if (gc == HS_GC_FORMAT_NONE)
    version = NULL;
  else
    version = "several Go versions";

  return g_strdup (version);
}

/*
 * A key for what the trace holds, to find notes saved for it: the SHA-256 of its first
 * HS_CONTENT_KEY_BYTES bytes (or of all of it, when shorter). Only the start counts, so a
 * log that keeps growing keeps its key. NULL until that much was read.
 */
const char *
hs_trace_get_content_key (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);

  return self->content_key;
}

void
hs_trace_set_content_key (HsTrace    *self,
                          const char *key)
{
  g_return_if_fail (HS_IS_TRACE (self));

  if (g_strcmp0 (self->content_key, key) == 0)
    return;

  g_free (self->content_key);
  self->content_key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT_KEY]);
}

gsize
hs_trace_get_memory (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return hs_trace_store_get_memory (&self->store) + hs_sample_table_get_memory (&self->samples);
}

guint
hs_trace_get_n_samples (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return hs_sample_table_get_n_rows (&self->samples);
}

/* s on the trace's axis, the axis of HS_GC_FIELD_TIME */
double
hs_trace_get_sample_time (HsTrace *self,
                          guint    sample)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NAN);

  return hs_sample_table_get_time (&self->samples, sample);
}

/* Unix time in µs when the sample was taken */
gint64
hs_trace_get_sample_wall_time (HsTrace *self,
                               guint    sample)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return hs_sample_table_get_wall_time (&self->samples, sample);
}

HsSampleSource
hs_trace_get_sample_source (HsTrace *self,
                            guint    sample)
{
  g_return_val_if_fail (HS_IS_TRACE (self), HS_SAMPLE_SOURCE_PROC);

  return hs_sample_table_get_source (&self->samples, sample);
}

/* @field: an HsSampleField or an id from hs_trace_lookup_sample_field(); NAN when absent */
double
hs_trace_get_sample_value (HsTrace *self,
                           guint    field,
                           guint    sample)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NAN);

  return hs_sample_table_get_value (&self->samples, field, sample);
}

void
hs_trace_get_sample_values (HsTrace *self,
                            guint    field,
                            guint    first,
                            guint    n,
                            double  *values)
{
  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail ((guint64) first + n <= hs_trace_get_n_samples (self));

  for (guint i = 0; i < n; i++)
    values[i] = hs_sample_table_get_value (&self->samples, field, first + i);
}

/* Bulk access to the samples' times on the trace's axis, for charts. */
void
hs_trace_get_sample_times (HsTrace *self,
                           guint    first,
                           guint    n,
                           double  *times)
{
  g_return_if_fail (HS_IS_TRACE (self));
  g_return_if_fail ((guint64) first + n <= hs_trace_get_n_samples (self));

  if (n > 0)
    memcpy (times, &g_array_index (self->samples.time_s, double, first), n * sizeof (double));
}

guint
hs_trace_get_n_sample_fields (HsTrace *self)
{
  g_return_val_if_fail (HS_IS_TRACE (self), 0);

  return hs_sample_table_get_n_fields (&self->samples);
}

const char *
hs_trace_get_sample_field_name (HsTrace *self,
                                guint    field)
{
  g_return_val_if_fail (HS_IS_TRACE (self), NULL);

  return hs_sample_table_get_field_name (&self->samples, field);
}

/* The id of a value by its name ("rss", "go_memory_classes_heap_free_bytes"); -1 when unknown */
int
hs_trace_lookup_sample_field (HsTrace    *self,
                              const char *name)
{
  g_return_val_if_fail (HS_IS_TRACE (self), -1);

  return hs_sample_table_lookup_field (&self->samples, name);
}

/* Whether any sample carries @field: which series a chart can draw. */
gboolean
hs_trace_has_sample_field (HsTrace *self,
                           guint    field)
{
  g_return_val_if_fail (HS_IS_TRACE (self), FALSE);

  return hs_sample_table_has_field (&self->samples, field);
}

void
hs_trace_append_samples (HsTrace             *self,
                         const HsSampleTable *samples)
{
  guint first;
  guint n;

  g_return_if_fail (HS_IS_TRACE (self));

  n = hs_sample_table_get_n_rows (samples);
  if (n == 0)
    return;

  first = hs_trace_get_n_samples (self);
  g_rw_lock_writer_lock (&self->lock);
  hs_sample_table_append_table (&self->samples, samples);
  g_rw_lock_writer_unlock (&self->lock);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
  g_signal_emit (self, signals[SAMPLES_APPENDED], 0, first, n);
}

/*
 * The sample nearest in time to @time that has a value of @field (samples from another
 * source in between are passed over), -1 when there is none. At equal distances the later
 * sample wins. The chart's tooltip and the tables read a cycle's RES and VIRT through this,
 * so both show the same sample. Sample times never decrease.
 */
gint64
hs_trace_find_sample (HsTrace *self,
                      guint    field,
                      double   time)
{
  const HsSampleTable *samples;
  guint n, lo = 0, hi;
  gint64 before;
  guint after;

  g_return_val_if_fail (HS_IS_TRACE (self), -1);

  samples = &self->samples;
  n = hs_sample_table_get_n_rows (samples);
  if (n == 0 || isnan (time) || !hs_sample_table_has_field (samples, field))
    return -1;

  /* the first sample at or after @time */
  hi = n;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (hs_sample_table_get_time (samples, mid) < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  before = (gint64) lo - 1;
  while (before >= 0 && isnan (hs_sample_table_get_value (samples, field, (guint) before)))
    before--;
  after = lo;
  while (after < n && isnan (hs_sample_table_get_value (samples, field, after)))
    after++;

  if (before < 0)
    return after < n ? (gint64) after : -1;
  if (after >= n)
    return before;

  return time - hs_sample_table_get_time (samples, (guint) before) <
         hs_sample_table_get_time (samples, after) - time ? before : (gint64) after;
}

/* @field (bytes, or the fraction) of the sample nearest to @cycle's end; NAN when there is none. */
double
hs_trace_get_cycle_sample_value (HsTrace *self,
                                 guint    field,
                                 guint    cycle)
{
  gint64 sample;

  g_return_val_if_fail (HS_IS_TRACE (self), NAN);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self), NAN);

  sample = hs_trace_find_sample (self, field, hs_trace_get_gc_value (self, HS_GC_FIELD_TIME, cycle));

  return sample >= 0 ? hs_sample_table_get_value (&self->samples, field, (guint) sample) : NAN;
}

/*
 * Whether a cycle with @flags knows @field. A cycle polled from expvar or Prometheus
 * (HS_GC_FLAG_SAMPLED) knows only its number, when it ended and its whole stop-the-world
 * pause; its other fields hold 0, which means unknown, not zero.
 */
gboolean
hs_gc_field_is_known (HsGcField field,
                      guint     flags)
{
  if (!(flags & HS_GC_FLAG_SAMPLED))
    return TRUE;

  switch (field)
    {
    case HS_GC_FIELD_NUMBER:
    case HS_GC_FIELD_TIME:
    case HS_GC_FIELD_RUN_TIME:
    case HS_GC_FIELD_WALL_TIME:
    case HS_GC_FIELD_PAUSE:
    case HS_GC_FIELD_RUN:
      return TRUE;
    case HS_GC_FIELD_CPU_PERCENT:
    case HS_GC_FIELD_CLOCK_SWEEP_TERM:
    case HS_GC_FIELD_CLOCK_MARK:
    case HS_GC_FIELD_CLOCK_MARK_TERM:
    case HS_GC_FIELD_CPU_SWEEP_TERM:
    case HS_GC_FIELD_CPU_ASSIST:
    case HS_GC_FIELD_CPU_BACKGROUND:
    case HS_GC_FIELD_CPU_IDLE:
    case HS_GC_FIELD_CPU_MARK_TERM:
    case HS_GC_FIELD_HEAP_BEFORE:
    case HS_GC_FIELD_HEAP_AFTER:
    case HS_GC_FIELD_HEAP_LIVE:
    case HS_GC_FIELD_HEAP_GOAL:
    case HS_GC_FIELD_STACKS:
    case HS_GC_FIELD_GLOBALS:
    case HS_GC_FIELD_PROCS:
    case HS_GC_FIELD_LINE:
    case HS_N_GC_FIELDS:
    default:
      return FALSE;
    }
}
