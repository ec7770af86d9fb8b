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
