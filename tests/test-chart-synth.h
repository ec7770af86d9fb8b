/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-chart-synth.h: synthetic traces of any size for the chart tests and the render benchmark. */
#pragma once

#include "trace/hs-trace.h"
#include "trace/hs-trace-store.h"

/*
 * Cycle i (from 0) is "gc i+1" at @T = (i+1) × @step_ms ms; heap at start 100 + (i mod 7) × 10
 * MB, at end the same, live 80 + (i mod 5) × 3 MB, goal 2 × live; stop-the-world 50 + 50 µs;
 * concurrent mark 500 µs; 8 P. Appended in batches of @batch cycles, as the loader does.
 */
static inline void
synth_record (HsGcRecord *r,
              guint64     i,
              guint64     step_ms)
{
  memset (r, 0, sizeof *r);
  r->number = i + 1;
  r->time_ms = (i + 1) * step_ms;
  r->cpu_percent = 1;
  r->clock_us[HS_CLOCK_SWEEP_TERM] = 50;
  r->clock_us[HS_CLOCK_MARK] = 500;
  r->clock_us[HS_CLOCK_MARK_TERM] = 50;
  r->cpu_us[HS_CPU_SWEEP_TERM] = 100;
  r->cpu_us[HS_CPU_ASSIST] = 200;
  r->cpu_us[HS_CPU_BACKGROUND] = 1000;
  r->cpu_us[HS_CPU_IDLE] = 300;
  r->cpu_us[HS_CPU_MARK_TERM] = 100;
  r->heap_before_mb = 100 + (i % 7) * 10;
  r->heap_after_mb = r->heap_before_mb;
  r->heap_live_mb = 80 + (i % 5) * 3;
  r->heap_goal_mb = 2 * r->heap_live_mb;
  r->procs = 8;
  r->format = HS_GC_FORMAT_GO16;
}

typedef void (*SynthEditFunc) (guint64 i, HsGcRecord *r, gpointer user_data);

static inline HsTrace *
synth_trace (guint64        n_cycles,
             guint64        step_ms,
             guint64        batch,
             SynthEditFunc  edit,
             gpointer       user_data)
{
  HsTrace *trace = hs_trace_new ("synthetic");

  for (guint64 first = 0; first < n_cycles; first += batch)
    {
      g_autoptr(HsTraceStore) store = hs_trace_store_new ();
      guint64 end = MIN (n_cycles, first + batch);

      for (guint64 i = first; i < end; i++)
        {
          HsGcRecord r;

          synth_record (&r, i, step_ms);
          if (edit != NULL)
            edit (i, &r, user_data);
          hs_trace_store_append_gc (store, &r, i - first + 1, 0, 0);
          store->counts.lines++;
          store->counts.gc++;
        }
      hs_trace_append_store (trace, store, first);
    }

  return trace;
}

/*
 * Memory samples over the trace's span, as a process watched for that long would give:
 * /proc (RES, VIRT) every @proc_ms and memstats (the heap fields, GCCPUFraction) every
 * @poll_ms, appended in batches of 1024 like the samplers' timers would, a few at a time.
 * RES is 200 + (k mod 11) × 5 MiB, HeapAlloc 90 + (k mod 13) × 4 MiB for the k-th sample.
 */
static inline void
synth_samples (HsTrace *trace,
               double   end_s,
               guint    proc_ms,
               guint    poll_ms)
{
  const double mib = 1048576.0;
  g_autoptr(HsSampleTable) batch = hs_sample_table_new ();
  guint64 k = 0;

  for (guint64 t_ms = 0; t_ms <= end_s * 1000.0; t_ms += proc_ms, k++)
    {
      guint row = hs_sample_table_append_row (batch, t_ms / 1000.0, 1700000000000000 + (gint64) t_ms * 1000,
                                              HS_SAMPLE_SOURCE_PROC);

      hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_RSS, (200 + (k % 11) * 5) * mib);
      hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_VM_SIZE, 1500 * mib);
      if (t_ms % poll_ms == 0)
        {
          row = hs_sample_table_append_row (batch, t_ms / 1000.0, 1700000000000000 + (gint64) t_ms * 1000,
                                            HS_SAMPLE_SOURCE_EXPVAR);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_HEAP_ALLOC, (90 + (k % 13) * 4) * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_HEAP_INUSE, (100 + (k % 13) * 4) * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_HEAP_IDLE, 60 * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_HEAP_RELEASED, 40 * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_HEAP_SYS, 220 * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_SYS, 260 * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_NEXT_GC, 180 * mib);
          hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 0.01);
        }
      if (hs_sample_table_get_n_rows (batch) >= 1024)
        {
          hs_trace_append_samples (trace, batch);
          hs_sample_table_clear (batch);
          hs_sample_table_init (batch);
        }
    }
  if (hs_sample_table_get_n_rows (batch) > 0)
    hs_trace_append_samples (trace, batch);
}
