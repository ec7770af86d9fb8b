/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-summary.c: statistics over a range of GC cycles. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-summary.h"

/*
 * Nearest-rank percentile of @sorted: the smallest value with at least @percent % of the
 * values at or below it (rank ⌈p/100 · n⌉). It is always one of the values, never an
 * interpolation, so "p99 = 1.2 ms" names a pause that happened.
 */
guint64
hs_percentile_nearest_rank (guint64 *sorted,
                            gsize    n,
                            double   percent)
{
  gsize rank;

  if (n == 0)
    return 0;

  /* the small epsilon keeps 0.95 · 100 from becoming 95.000000000001 */
  rank = (gsize) ceil (percent / 100.0 * (double) n - 1e-9);
  rank = CLAMP (rank, 1, n);

  return sorted[rank - 1];
}

static int
compare_u64 (gconstpointer a,
             gconstpointer b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
summarize_events (HsTrace   *trace,
                  HsSummary *summary)
{
  guint n_events = hs_trace_get_n_events (trace);
  guint end = summary->first_cycle + summary->n_cycles;
  gboolean whole = summary->first_cycle == 0 && end == hs_trace_get_n_cycles (trace);

  for (guint i = 0; i < n_events; i++)
    {
      guint cycle = hs_trace_get_scav_cycle (trace, i);
      HsScavRecord record;

      /* an event belongs to the range of the cycle it follows */
      if (!whole && (cycle == 0 || cycle - 1 < summary->first_cycle || cycle - 1 >= end))
        continue;

      hs_trace_get_scav_record (trace, i, &record);
      summary->n_events++;
      summary->released_kib += record.released_now_kib + record.work_kib + record.eager_kib;
    }
}

void
hs_summary_compute (HsTrace   *trace,
                    guint      first_cycle,
                    guint      n_cycles,
                    HsSummary *summary)
{
  g_autofree guint64 *pauses = NULL;
  guint end;

  g_return_if_fail (HS_IS_TRACE (trace));
  g_return_if_fail ((guint64) first_cycle + n_cycles <= hs_trace_get_n_cycles (trace));

  memset (summary, 0, sizeof *summary);
  summary->first_cycle = first_cycle;
  summary->n_cycles = n_cycles;
  end = first_cycle + n_cycles;

  summarize_events (trace, summary);

  if (n_cycles == 0)
    return;

  pauses = g_new (guint64, n_cycles);
  summary->procs_min = G_MAXUINT64;

  for (guint i = first_cycle; i < end; i++)
    {
      HsGcRecord r;
      guint64 pause;

      hs_trace_get_gc_record (trace, i, &r);
      pause = r.clock_us[HS_CLOCK_SWEEP_TERM] + r.clock_us[HS_CLOCK_MARK_TERM];
      pauses[i - first_cycle] = pause;
      summary->pause_total_us += pause;
      if (pause > summary->pause_max_us || i == first_cycle)
        {
          summary->pause_max_us = pause;
          summary->pause_max_cycle = i;
        }

      summary->heap_peak_mb = MAX (summary->heap_peak_mb, MAX (r.heap_before_mb, r.heap_after_mb));
      summary->live_peak_mb = MAX (summary->live_peak_mb, r.heap_live_mb);
      summary->goal_peak_mb = MAX (summary->goal_peak_mb, r.heap_goal_mb);
      summary->stacks_peak_mb = MAX (summary->stacks_peak_mb, r.stacks_mb);
      summary->globals_peak_mb = MAX (summary->globals_peak_mb, r.globals_mb);
      summary->procs_min = MIN (summary->procs_min, r.procs);
      summary->procs_max = MAX (summary->procs_max, r.procs);

      if (r.flags & HS_GC_FLAG_FORCED)
        summary->forced_cycles++;
      if (r.flags & HS_GC_FLAG_PERIODIC)
        summary->periodic_cycles++;
      if (r.flags & HS_GC_FLAG_JOINED)
        summary->joined_cycles++;
    }

  qsort (pauses, n_cycles, sizeof (guint64), compare_u64);
  summary->pause_p50_us = hs_percentile_nearest_rank (pauses, n_cycles, 50);
  summary->pause_p90_us = hs_percentile_nearest_rank (pauses, n_cycles, 90);
  summary->pause_p95_us = hs_percentile_nearest_rank (pauses, n_cycles, 95);
  summary->pause_p99_us = hs_percentile_nearest_rank (pauses, n_cycles, 99);
  summary->pause_p999_us = hs_percentile_nearest_rank (pauses, n_cycles, 99.9);

  summary->has_cpu_percent = TRUE;
  /* from the exact record: a double of a printed 64-bit value may not convert back */
  {
    HsGcRecord last;

    hs_trace_get_gc_record (trace, end - 1, &last);
    summary->cpu_percent_last = last.cpu_percent;
  }

  summary->n_runs = hs_trace_get_run_of_cycle (trace, end - 1) -
                    hs_trace_get_run_of_cycle (trace, first_cycle) + 1;

  /* A trace starts when its first process started, not at its first GC. */
  summary->start_s = first_cycle == 0 ? 0.0 : hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, first_cycle);
  summary->end_s = hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, end - 1);
  summary->duration_s = summary->end_s - summary->start_s;
}
