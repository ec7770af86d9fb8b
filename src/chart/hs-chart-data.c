/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-data.c: the series the charts draw, their pyramids and the time index of a trace. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-chart-data.h"

#define BLOCK HS_CHART_PYRAMID_FANOUT
#define CHUNK 256

static const HsChartSeriesInfo series_info[HS_N_SERIES] = {
  [HS_SERIES_HEAP_HELD] = { "held", N_("Held from the OS"), HS_CHART_HEAP, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP_AREA, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_SYS] = { "sys", N_("Obtained from the OS"), HS_CHART_HEAP, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_RETURNED] = { "returned", N_("Returned to the OS"), HS_CHART_HEAP, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_VM_SIZE] = { "virt", N_("Virtual size (VIRT)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_DASHED, HS_CHART_UNIT_BYTES },
  [HS_SERIES_RSS] = { "rss", N_("Resident (RES in top)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_START] = { "heap-start", N_("Heap at GC start"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_LIVE] = { "live", N_("Live heap"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_END] = { "heap-end", N_("Heap at GC end"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_GOAL] = { "goal", N_("Heap goal"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_DASHED, HS_CHART_UNIT_BYTES },
  [HS_SERIES_HEAP_LIMIT] = { "memory-limit", N_("Goal capped by a memory limit"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_GLOBALS] = { "globals", N_("Globals"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_BYTES },
  [HS_SERIES_STACKS] = { "stacks", N_("Stacks"), HS_CHART_HEAP, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_BYTES },
  /*
   * The memstats series are named as runtime.MemStats names them, what a Go developer
   * reads on /debug/vars. HeapSys and HeapIdle start hidden: both follow from lines that
   * are shown (HeapIdle = HeapSys − HeapInuse, and HeapSys runs just under Sys, which adds
   * only the runtime's smaller spans), and two more lines in that band crowd it. Each is
   * one click away in the legend.
   */
  [HS_SERIES_MEMSTATS_SYS] = { "memstats-sys", N_("Sys (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_MEMSTATS_HEAP_SYS] = { "memstats-heap-sys", N_("HeapSys (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_DASHED, HS_CHART_UNIT_BYTES, TRUE },
  [HS_SERIES_MEMSTATS_HEAP_IDLE] = { "memstats-heap-idle", N_("HeapIdle (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_DASHED, HS_CHART_UNIT_BYTES, TRUE },
  [HS_SERIES_MEMSTATS_HEAP_RELEASED] = { "memstats-heap-released", N_("HeapReleased (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_MEMSTATS_HEAP_INUSE] = { "memstats-heap-inuse", N_("HeapInuse (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_MEMSTATS_HEAP_ALLOC] = { "memstats-heap-alloc", N_("HeapAlloc (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_BYTES },
  [HS_SERIES_MEMSTATS_NEXT_GC] = { "memstats-next-gc", N_("NextGC, the heap goal (memstats)"), HS_CHART_HEAP, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_DASHED, HS_CHART_UNIT_BYTES },
  [HS_SERIES_MARK] = { "mark", N_("Concurrent mark"), HS_CHART_PAUSES, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_MS },
  [HS_SERIES_PAUSE] = { "pause", N_("Stop-the-world pause"), HS_CHART_PAUSES, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_BARS, HS_CHART_UNIT_MS },
  [HS_SERIES_PAUSE_FORCED] = { "forced", N_("Forced cycle"), HS_CHART_PAUSES, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_MARKERS, HS_CHART_UNIT_MS },
  [HS_SERIES_PAUSE_PERIODIC] = { "periodic", N_("Periodic cycle"), HS_CHART_PAUSES, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_MARKERS, HS_CHART_UNIT_MS },
  [HS_SERIES_CPU_IDLE] = { "cpu-idle", N_("Idle mark workers"), HS_CHART_CPU, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_PERCENT },
  [HS_SERIES_CPU_BACKGROUND] = { "cpu-background", N_("Background mark workers"), HS_CHART_CPU, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_PERCENT },
  [HS_SERIES_CPU_ASSIST] = { "cpu-assist", N_("Mark assists"), HS_CHART_CPU, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_AREA, HS_CHART_UNIT_PERCENT },
  [HS_SERIES_CPU_TOTAL] = { "cpu-total", N_("GC CPU since start"), HS_CHART_CPU, HS_CHART_SOURCE_CYCLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_PERCENT },
  [HS_SERIES_MEMSTATS_GC_CPU] = { "memstats-gc-cpu", N_("GCCPUFraction (memstats)"), HS_CHART_CPU, HS_CHART_SOURCE_SAMPLES, HS_CHART_STYLE_LINE, HS_CHART_UNIT_PERCENT },
  [HS_SERIES_SCAV_TOTAL] = { "released-total", N_("Released in total"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP_AREA, HS_CHART_UNIT_BYTES },
  [HS_SERIES_SCAV_SYS] = { "scav-sys", N_("Sys"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_SCAV_IDLE] = { "scav-idle", N_("Idle"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_SCAV_INUSE] = { "scav-inuse", N_("In use"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_SCAV_RETAINED] = { "scav-returned", N_("Returned, not reused"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_STEP, HS_CHART_UNIT_BYTES },
  [HS_SERIES_SCAV_RELEASED] = { "released", N_("Released by the event"), HS_CHART_SCAVENGER, HS_CHART_SOURCE_EVENTS, HS_CHART_STYLE_BARS, HS_CHART_UNIT_BYTES },
};

const HsChartSeriesInfo *
hs_chart_series_get_info (HsChartSeries series)
{
  g_return_val_if_fail (series < HS_N_SERIES, NULL);

  return &series_info[series];
}

static const struct
{
  const char  *id;
  const char  *title;
  HsChartUnit  unit;
} chart_info[HS_N_CHARTS] = {
  [HS_CHART_HEAP] = { "heap", N_("Heap"), HS_CHART_UNIT_BYTES },
  [HS_CHART_PAUSES] = { "pauses", N_("Pauses"), HS_CHART_UNIT_MS },
  [HS_CHART_CPU] = { "cpu", N_("GC CPU"), HS_CHART_UNIT_PERCENT },
  [HS_CHART_SCAVENGER] = { "scavenger", N_("Scavenger"), HS_CHART_UNIT_BYTES },
};

const char *
hs_chart_kind_get_id (HsChartKind kind)
{
  g_return_val_if_fail (kind < HS_N_CHARTS, NULL);
  return chart_info[kind].id;
}

const char *
hs_chart_kind_get_title (HsChartKind kind)
{
  g_return_val_if_fail (kind < HS_N_CHARTS, NULL);
  return _(chart_info[kind].title);
}

HsChartUnit
hs_chart_kind_get_unit (HsChartKind kind)
{
  g_return_val_if_fail (kind < HS_N_CHARTS, HS_CHART_UNIT_BYTES);
  return chart_info[kind].unit;
}

typedef struct
{
  HsChartData   *data;
  HsChartSeries  series;
} SeriesSource;

typedef struct
{
  double total;                  /* released in the run so far, before the block's first event */
  guint  run;
} ReleasedState;

struct _HsChartData
{
  HsTrace        *trace;
  guint           count[HS_N_CHART_SOURCES];
  GArray         *block_time[HS_N_CHART_SOURCES];  /* double: time of index k × BLOCK */
  GArray         *released_state;                  /* ReleasedState per block of events */
  ReleasedState   released_end;                    /* after the last event */
  SeriesSource    sources[HS_N_SERIES];
  HsChartPyramid *pyramids[HS_N_SERIES];
  guint           n_sampled_cycles;                /* polled from memstats: most fields unknown */
};

/* Raw reads, one function per kind of derivation */

static void
fetch_times (HsChartData   *self,
             HsChartSource  source,
             guint          first,
             guint          n,
             double        *out)
{
  if (source == HS_CHART_SOURCE_CYCLES)
    {
      hs_trace_get_gc_values (self->trace, HS_GC_FIELD_TIME, first, n, out);
      return;
    }
  if (source == HS_CHART_SOURCE_SAMPLES)
    {
      hs_trace_get_sample_times (self->trace, first, n, out);
      return;
    }

  for (guint i = 0; i < n; i++)
    out[i] = hs_trace_get_scav_value (self->trace, HS_SCAV_FIELD_TIME, first + i);
}

guint
hs_chart_data_get_event_run (HsChartData *self,
                             guint        event)
{
  guint cycle = hs_trace_get_scav_cycle (self->trace, event);

  if (hs_trace_get_n_cycles (self->trace) == 0)
    return 0;

  /* the event follows cycle − 1; one before the first cycle belongs to the first run */
  return hs_trace_get_run_of_cycle (self->trace, cycle > 0 ? cycle - 1 : 0);
}

static double
released_by_event (HsTrace *trace,
                   guint    event)
{
  /* only one family of fields is set on an event: scvg "MB released", or scav work */
  return hs_trace_get_scav_value (trace, HS_SCAV_FIELD_RELEASED_NOW, event) +
         hs_trace_get_scav_value (trace, HS_SCAV_FIELD_WORK, event) +
         hs_trace_get_scav_value (trace, HS_SCAV_FIELD_EAGER, event);
}

/* The running total restarts with each run: a new process has released nothing yet. */
static void
fetch_released_total (HsChartData *self,
                      guint        first,
                      guint        n,
                      double      *out)
{
  guint block = first / BLOCK;
  const ReleasedState *state = &g_array_index (self->released_state, ReleasedState, block);
  double total = state->total;
  guint run = state->run;

  for (guint e = block * BLOCK; e < first + n; e++)
    {
      guint r = hs_chart_data_get_event_run (self, e);

      if (r != run)
        {
          total = 0.0;
          run = r;
        }
      total += released_by_event (self->trace, e);
      if (e >= first)
        out[e - first] = total;
    }
}

static void
fetch_gc_sum (HsTrace         *trace,
              const HsGcField *fields,
              guint            n_fields,
              guint            first,
              guint            n,
              double          *out)
{
  double tmp[CHUNK];

  hs_trace_get_gc_values (trace, fields[0], first, n, out);
  for (guint f = 1; f < n_fields; f++)
    for (guint done = 0; done < n; done += CHUNK)
      {
        guint m = MIN (CHUNK, n - done);

        hs_trace_get_gc_values (trace, fields[f], first + done, m, tmp);
        for (guint i = 0; i < m; i++)
          out[done + i] += tmp[i];
      }
}

/*
 * GC CPU of one cycle as a share of the CPU time available since the previous cycle
 * (wall time × GOMAXPROCS), cumulated over the mark phases: assist, then background,
 * then idle workers. @T is printed in ms, so two cycles a few ms apart make a ratio
 * above 100 % that only measures the rounding: it is capped at 100.
 */
static void
fetch_cpu_share (HsChartData *self,
                 guint        n_fields,
                 guint        first,
                 guint        n,
                 double      *out)
{
  static const HsGcField fields[] = { HS_GC_FIELD_CPU_ASSIST, HS_GC_FIELD_CPU_BACKGROUND, HS_GC_FIELD_CPU_IDLE };
  double cpu[CHUNK], time[CHUNK + 1], procs[CHUNK];
  guint run = hs_trace_get_run_of_cycle (self->trace, first);
  guint n_runs = hs_trace_get_n_runs (self->trace);
  guint run_first = hs_trace_get_run (self->trace, run)->first_cycle;
  guint next_run_first = run + 1 < n_runs ? hs_trace_get_run (self->trace, run + 1)->first_cycle : G_MAXUINT;

  for (guint done = 0; done < n; done += CHUNK)
    {
      guint m = MIN (CHUNK, n - done);
      guint start = first + done;

      fetch_gc_sum (self->trace, fields, n_fields, start, m, cpu);
      hs_trace_get_gc_values (self->trace, HS_GC_FIELD_TIME, start, m, time + 1);
      time[0] = start > 0 ? hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, start - 1) : 0.0;
      hs_trace_get_gc_values (self->trace, HS_GC_FIELD_PROCS, start, m, procs);

      for (guint i = 0; i < m; i++)
        {
          guint cycle = start + i;
          double dt, available_ms;

          /* the runs are walked, not searched: the first cycle of one starts from @0 */
          while (cycle >= next_run_first)
            {
              run++;
              run_first = next_run_first;
              next_run_first = run + 1 < n_runs ? hs_trace_get_run (self->trace, run + 1)->first_cycle : G_MAXUINT;
            }
          if (run_first == cycle)
            dt = hs_trace_get_gc_value (self->trace, HS_GC_FIELD_RUN_TIME, cycle);
          else
            dt = time[i + 1] - time[i];

          available_ms = dt * 1000.0 * MAX (procs[i], 1.0);
          out[done + i] = available_ms > 0.0 ? MIN (100.0 * cpu[i] / available_ms, 100.0) : NAN;
        }
    }
}

/*
 * The trace does not print GOMEMLIMIT, but it shows its effect. A cycle's goal is set from
 * the heap marked live by the cycle before: with GOGC it is at least that × (1 + GOGC/100)
 * (plus stacks and globals from Go 1.18), about twice by default. A goal below 1.4 × the
 * previous live heap means something else held it down, which from Go 1.19 is the memory
 * limit. Only traces with the Go 1.18+ line shape are considered, and never a forced cycle
 * or the first of a run; a GOGC below 40 would be taken for a limit too, hence "inferred".
 */
gboolean
hs_chart_goal_is_capped (double     goal,
                         double     previous_live,
                         HsGcFormat formats)
{
  return (formats & HS_GC_FORMAT_GO118) != 0 && previous_live > 0.0 && goal < 1.4 * previous_live;
}

static void
fetch_memory_limit (HsChartData *self,
                    guint        first,
                    guint        n,
                    double      *out)
{
  HsGcFormat formats = hs_trace_get_gc_formats (self->trace);
  double live[CHUNK + 1];
  guint flags[CHUNK];

  for (guint done = 0; done < n; done += CHUNK)
    {
      guint m = MIN (CHUNK, n - done);
      guint start = first + done;

      hs_trace_get_gc_values (self->trace, HS_GC_FIELD_HEAP_GOAL, start, m, out + done);
      live[0] = NAN;
      if (start > 0)
        hs_trace_get_gc_values (self->trace, HS_GC_FIELD_HEAP_LIVE, start - 1, m + 1, live);
      else
        hs_trace_get_gc_values (self->trace, HS_GC_FIELD_HEAP_LIVE, 0, m, live + 1);

      hs_trace_get_gc_flags_range (self->trace, start, m, flags);
      for (guint i = 0; i < m; i++)
        {
          if ((flags[i] & (HS_GC_FLAG_FORCED | HS_GC_FLAG_NEW_RUN)) != 0 ||
              !hs_chart_goal_is_capped (out[done + i], live[i], formats))
            out[done + i] = NAN;
        }
    }
}

static void
fetch_flagged_pause (HsChartData *self,
                     guint        flag,
                     guint        first,
                     guint        n,
                     double      *out)
{
  guint flags[CHUNK];

  hs_trace_get_gc_values (self->trace, HS_GC_FIELD_PAUSE, first, n, out);
  for (guint done = 0; done < n; done += CHUNK)
    {
      guint m = MIN (CHUNK, n - done);

      hs_trace_get_gc_flags_range (self->trace, first + done, m, flags);
      for (guint i = 0; i < m; i++)
        if ((flags[i] & flag) == 0)
          out[done + i] = NAN;
    }
}

static void
fetch_scav_field (HsChartData *self,
                  HsScavField  field,
                  guint        first,
                  guint        n,
                  double      *out)
{
  for (guint i = 0; i < n; i++)
    out[i] = hs_trace_get_scav_value (self->trace, field, first + i);
}

/* The sample table's field a series of memory samples draws; -1 for the others. */
int
hs_chart_series_get_sample_field (HsChartSeries series)
{
  switch (series)
    {
    case HS_SERIES_RSS: return HS_SAMPLE_FIELD_RSS;
    case HS_SERIES_VM_SIZE: return HS_SAMPLE_FIELD_VM_SIZE;
    case HS_SERIES_MEMSTATS_SYS: return HS_SAMPLE_FIELD_SYS;
    case HS_SERIES_MEMSTATS_HEAP_SYS: return HS_SAMPLE_FIELD_HEAP_SYS;
    case HS_SERIES_MEMSTATS_HEAP_IDLE: return HS_SAMPLE_FIELD_HEAP_IDLE;
    case HS_SERIES_MEMSTATS_HEAP_RELEASED: return HS_SAMPLE_FIELD_HEAP_RELEASED;
    case HS_SERIES_MEMSTATS_HEAP_INUSE: return HS_SAMPLE_FIELD_HEAP_INUSE;
    case HS_SERIES_MEMSTATS_HEAP_ALLOC: return HS_SAMPLE_FIELD_HEAP_ALLOC;
    case HS_SERIES_MEMSTATS_NEXT_GC: return HS_SAMPLE_FIELD_NEXT_GC;
    case HS_SERIES_MEMSTATS_GC_CPU: return HS_SAMPLE_FIELD_GC_CPU_FRACTION;
    default: return -1;
    }
}

static void
fetch_sample_field (HsChartData   *self,
                    HsSampleField  field,
                    double         scale,
                    guint          first,
                    guint          n,
                    double        *out)
{
  hs_trace_get_sample_values (self->trace, field, first, n, out);
  if (scale != 1.0)
    for (guint i = 0; i < n; i++)
      out[i] *= scale;
}

/*
 * A cycle polled from memstats knows its number, end time and whole pause; its heap,
 * phase and CPU fields hold 0 for "unknown". Drawn as 0 they would pull every line down
 * to the baseline at each polled cycle, and the pyramids' minimum with them: they are NaN.
 */
static gboolean
known_when_sampled (HsChartSeries series)
{
  return series == HS_SERIES_PAUSE || series == HS_SERIES_PAUSE_FORCED || series == HS_SERIES_PAUSE_PERIODIC;
}

static void
mask_sampled_cycles (HsChartData *self,
                     guint        first,
                     guint        n,
                     double      *out)
{
  guint flags[CHUNK];

  for (guint done = 0; done < n; done += CHUNK)
    {
      guint m = MIN (CHUNK, n - done);

      hs_trace_get_gc_flags_range (self->trace, first + done, m, flags);
      for (guint i = 0; i < m; i++)
        if (flags[i] & HS_GC_FLAG_SAMPLED)
          out[done + i] = NAN;
    }
}

gboolean
hs_chart_data_is_sampled_cycle (HsChartData *self,
                                guint        cycle)
{
  return self->n_sampled_cycles > 0 && (hs_trace_get_gc_flags (self->trace, cycle) & HS_GC_FLAG_SAMPLED) != 0;
}

static void
fetch_series (gpointer  user_data,
              guint     first,
              guint     n,
              double   *out)
{
  SeriesSource *source = user_data;
  HsChartData *self = source->data;
  HsTrace *trace = self->trace;

  switch (source->series)
    {
    case HS_SERIES_HEAP_HELD:
      fetch_scav_field (self, HS_SCAV_FIELD_CONSUMED, first, n, out);
      break;
    case HS_SERIES_HEAP_SYS:
    case HS_SERIES_SCAV_SYS:
      fetch_scav_field (self, HS_SCAV_FIELD_SYS, first, n, out);
      break;
    case HS_SERIES_HEAP_RETURNED:
    case HS_SERIES_SCAV_RETAINED:
      fetch_scav_field (self, HS_SCAV_FIELD_RETAINED, first, n, out);
      break;
    case HS_SERIES_SCAV_IDLE:
      fetch_scav_field (self, HS_SCAV_FIELD_IDLE, first, n, out);
      break;
    case HS_SERIES_SCAV_INUSE:
      fetch_scav_field (self, HS_SCAV_FIELD_INUSE, first, n, out);
      break;
    case HS_SERIES_SCAV_RELEASED:
      for (guint i = 0; i < n; i++)
        out[i] = released_by_event (trace, first + i);
      break;
    case HS_SERIES_SCAV_TOTAL:
      fetch_released_total (self, first, n, out);
      break;
    case HS_SERIES_RSS:
    case HS_SERIES_VM_SIZE:
    case HS_SERIES_MEMSTATS_SYS:
    case HS_SERIES_MEMSTATS_HEAP_SYS:
    case HS_SERIES_MEMSTATS_HEAP_IDLE:
    case HS_SERIES_MEMSTATS_HEAP_RELEASED:
    case HS_SERIES_MEMSTATS_HEAP_INUSE:
    case HS_SERIES_MEMSTATS_HEAP_ALLOC:
    case HS_SERIES_MEMSTATS_NEXT_GC:
      fetch_sample_field (self, hs_chart_series_get_sample_field (source->series), 1.0, first, n, out);
      break;
    case HS_SERIES_MEMSTATS_GC_CPU:
      /* a fraction of the CPU since the program started: gctrace's "N %", unrounded */
      fetch_sample_field (self, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 100.0, first, n, out);
      break;
    case HS_SERIES_HEAP_START:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_HEAP_BEFORE, first, n, out);
      break;
    case HS_SERIES_HEAP_LIVE:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_HEAP_LIVE, first, n, out);
      break;
    case HS_SERIES_HEAP_END:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_HEAP_AFTER, first, n, out);
      break;
    case HS_SERIES_HEAP_GOAL:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_HEAP_GOAL, first, n, out);
      for (guint i = 0; i < n; i++)
        if (out[i] >= HS_CHART_NO_GOAL_BYTES)
          out[i] = NAN;
      break;
    case HS_SERIES_HEAP_LIMIT:
      fetch_memory_limit (self, first, n, out);
      break;
    case HS_SERIES_STACKS:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_STACKS, first, n, out);
      break;
    case HS_SERIES_GLOBALS:
      {
        static const HsGcField fields[] = { HS_GC_FIELD_STACKS, HS_GC_FIELD_GLOBALS };

        fetch_gc_sum (trace, fields, G_N_ELEMENTS (fields), first, n, out);
      }
      break;
    case HS_SERIES_MARK:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_CLOCK_MARK, first, n, out);
      break;
    case HS_SERIES_PAUSE:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_PAUSE, first, n, out);
      break;
    case HS_SERIES_PAUSE_FORCED:
      fetch_flagged_pause (self, HS_GC_FLAG_FORCED, first, n, out);
      break;
    case HS_SERIES_PAUSE_PERIODIC:
      fetch_flagged_pause (self, HS_GC_FLAG_PERIODIC, first, n, out);
      break;
    case HS_SERIES_CPU_ASSIST:
      fetch_cpu_share (self, 1, first, n, out);
      break;
    case HS_SERIES_CPU_BACKGROUND:
      fetch_cpu_share (self, 2, first, n, out);
      break;
    case HS_SERIES_CPU_IDLE:
      fetch_cpu_share (self, 3, first, n, out);
      break;
    case HS_SERIES_CPU_TOTAL:
      hs_trace_get_gc_values (trace, HS_GC_FIELD_CPU_PERCENT, first, n, out);
      break;
    case HS_N_SERIES:
    default:
      g_assert_not_reached ();
    }

  if (self->n_sampled_cycles > 0 && series_info[source->series].source == HS_CHART_SOURCE_CYCLES &&
      !known_when_sampled (source->series))
    mask_sampled_cycles (self, first, n, out);
}

HsChartData *
hs_chart_data_new (HsTrace *trace)
{
  HsChartData *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_new0 (HsChartData, 1);
  self->trace = g_object_ref (trace);
  for (guint s = 0; s < HS_N_CHART_SOURCES; s++)
    self->block_time[s] = g_array_new (FALSE, FALSE, sizeof (double));
  self->released_state = g_array_new (FALSE, FALSE, sizeof (ReleasedState));
  for (guint i = 0; i < HS_N_SERIES; i++)
    {
      self->sources[i].data = self;
      self->sources[i].series = i;
      self->pyramids[i] = hs_chart_pyramid_new (fetch_series, &self->sources[i]);
    }

  hs_chart_data_update (self);

  return self;
}

void
hs_chart_data_free (HsChartData *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < HS_N_SERIES; i++)
    hs_chart_pyramid_free (self->pyramids[i]);
  for (guint s = 0; s < HS_N_CHART_SOURCES; s++)
    g_array_unref (self->block_time[s]);
  g_array_unref (self->released_state);
  g_object_unref (self->trace);
  g_free (self);
}

HsTrace *
hs_chart_data_get_trace (HsChartData *self)
{
  return self->trace;
}

static void
update_block_times (HsChartData   *self,
                    HsChartSource  source,
                    guint          first_block,
                    guint          n)
{
  GArray *blocks = self->block_time[source];
  guint n_blocks = (n + BLOCK - 1) / BLOCK;

  g_array_set_size (blocks, n_blocks);
  for (guint b = first_block; b < n_blocks; b++)
    fetch_times (self, source, b * BLOCK, 1, &g_array_index (blocks, double, b));
}

/*
 * Takes in what was appended to the trace since the last call. Only the new values are
 * read; the pyramids grow at their ends.
 */
void
hs_chart_data_update (HsChartData *self)
{
  guint n_cycles = hs_trace_get_n_cycles (self->trace);
  guint n_events = hs_trace_get_n_events (self->trace);
  guint old_cycles = self->count[HS_CHART_SOURCE_CYCLES];
  guint old_events = self->count[HS_CHART_SOURCE_EVENTS];
  guint n_samples = hs_trace_get_n_samples (self->trace);
  guint old_samples = self->count[HS_CHART_SOURCE_SAMPLES];
  guint first_event_block;

  if (n_cycles == old_cycles && n_events == old_events && n_samples == old_samples)
    return;

  update_block_times (self, HS_CHART_SOURCE_CYCLES, old_cycles / BLOCK, n_cycles);

  /*
   * An event after the last known cycle was timed from the cycle before it only; now
   * that later cycles exist its estimate may move, so its block is timed again.
   */
  first_event_block = old_events / BLOCK;
  while (first_event_block > 0 &&
         hs_trace_get_scav_cycle (self->trace, (first_event_block - 1) * BLOCK) >= old_cycles)
    first_event_block--;
  update_block_times (self, HS_CHART_SOURCE_EVENTS, first_event_block, n_events);
  update_block_times (self, HS_CHART_SOURCE_SAMPLES, old_samples / BLOCK, n_samples);

  /* the flags in bulk: a call per cycle cost more than the rest of an append */
  for (guint c = old_cycles; c < n_cycles; c += CHUNK)
    {
      guint flags[CHUNK];
      guint m = MIN (CHUNK, n_cycles - c);

      hs_trace_get_gc_flags_range (self->trace, c, m, flags);
      for (guint i = 0; i < m; i++)
        if (flags[i] & HS_GC_FLAG_SAMPLED)
          self->n_sampled_cycles++;
    }

  /* the running total of released memory, remembered at the start of every block */
  for (guint e = old_events; e < n_events; e++)
    {
      guint run = hs_chart_data_get_event_run (self, e);

      if (e % BLOCK == 0)
        g_array_append_val (self->released_state, self->released_end);
      if (run != self->released_end.run)
        {
          self->released_end.total = 0.0;
          self->released_end.run = run;
        }
      self->released_end.total += released_by_event (self->trace, e);
    }

  self->count[HS_CHART_SOURCE_CYCLES] = n_cycles;
  self->count[HS_CHART_SOURCE_EVENTS] = n_events;
  self->count[HS_CHART_SOURCE_SAMPLES] = n_samples;

  for (guint i = 0; i < HS_N_SERIES; i++)
    hs_chart_pyramid_extend (self->pyramids[i], self->count[series_info[i].source]);
}

guint
hs_chart_data_get_count (HsChartData   *self,
                         HsChartSource  source)
{
  return self->count[source];
}

gboolean
hs_chart_data_has_series (HsChartData   *self,
                          HsChartSeries  series)
{
  const HsChartSeriesInfo *info = &series_info[series];
  double min, max;

  if (series == HS_SERIES_STACKS || series == HS_SERIES_GLOBALS)
    return (hs_trace_get_gc_formats (self->trace) & HS_GC_FORMAT_GO118) != 0;

  if (!hs_chart_pyramid_query (self->pyramids[series], 0, self->count[info->source], &min, &max))
    return FALSE;

  /*
   * columns an older format never fills read as zeros; forced and periodic pauses may be
   * 0, and so may GCCPUFraction; a sample field nobody polled reads as NaN
   */
  return info->source != HS_CHART_SOURCE_EVENTS || max > 0.0;
}

double
hs_chart_data_get_time (HsChartData   *self,
                        HsChartSource  source,
                        guint          index)
{
  double t;

  if (index % BLOCK == 0 && index / BLOCK < self->block_time[source]->len)
    return g_array_index (self->block_time[source], double, index / BLOCK);

  fetch_times (self, source, index, 1, &t);
  return t;
}

/* The first index whose time is at or after @time (the count when there is none). */
guint
hs_chart_data_lower_bound (HsChartData   *self,
                           HsChartSource  source,
                           double         time)
{
  GArray *blocks = self->block_time[source];
  const double *bt = (const double *) (gpointer) blocks->data;
  guint n = self->count[source];
  guint lo = 0, hi = blocks->len;
  double times[BLOCK];
  guint block, first, m;

  /* the last block that starts before @time; its successor starts at or after it */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (bt[mid] < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo == 0)
    return 0;

  block = lo - 1;
  first = block * BLOCK + 1;
  m = MIN (n, (block + 1) * BLOCK) - first;
  if (m == 0)
    return first;

  fetch_times (self, source, first, m, times);
  for (guint i = 0; i < m; i++)
    if (times[i] >= time)
      return first + i;

  return first + m;
}

gboolean
hs_chart_data_query (HsChartData   *self,
                     HsChartSeries  series,
                     guint          first,
                     guint          end,
                     double        *min,
                     double        *max)
{
  return hs_chart_pyramid_query (self->pyramids[series], first, end, min, max);
}

double
hs_chart_data_get_value (HsChartData   *self,
                         HsChartSeries  series,
                         guint          index)
{
  double v;

  fetch_series (&self->sources[series], index, 1, &v);
  return v;
}

void
hs_chart_data_get_values (HsChartData   *self,
                          HsChartSeries  series,
                          guint          first,
                          guint          n,
                          double        *values)
{
  fetch_series (&self->sources[series], first, n, values);
}

gsize
hs_chart_data_get_memory (HsChartData *self)
{
  gsize bytes = sizeof *self;

  for (guint i = 0; i < HS_N_SERIES; i++)
    bytes += hs_chart_pyramid_get_memory (self->pyramids[i]);
  for (guint s = 0; s < HS_N_CHART_SOURCES; s++)
    bytes += self->block_time[s]->len * sizeof (double);
  bytes += self->released_state->len * sizeof (ReleasedState);

  return bytes;
}
