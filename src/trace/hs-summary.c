/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-summary.c: statistics over a range of GC cycles. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "hs-summary.h"

const double hs_pause_bucket_upper_ms[HS_PAUSE_BUCKETS - 1] = { 0.1, 0.3, 1, 3, 10, 30, 100 };

static guint
pause_bucket (guint64 us)
{
  guint b = 0;

  while (b < HS_PAUSE_BUCKETS - 1 && (double) us >= hs_pause_bucket_upper_ms[b] * 1000.0)
    b++;

  return b;
}

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
      if (record.kind == HS_SCAV_KIND_SCVG)
        summary->os_held_peak_kib = MAX (summary->os_held_peak_kib, record.consumed_kib);
      summary->released_kib += record.released_now_kib + record.work_kib + record.eager_kib;
    }
}

/*
 * A pause as every view prints it: whole µs under a millisecond ("52 µs"), at most three
 * significant digits in ms up to a second ("1.23 ms", "14.9 ms", "312 ms", "2 ms"), then s.
 */
char *
hs_format_pause (guint64 us)
{
  /* from 999.5 ms, "%.3g" would round to "1e+03" */
  if (us >= 999500)
    return g_strdup_printf (_("%.2f s"), (double) us / 1e6);
  if (us >= 1000)
    return g_strdup_printf (_("%.3g ms"), (double) us / 1e3);
  return g_strdup_printf (_("%" PRIu64 " µs"), us);
}

void
hs_summary_compute (HsTrace   *trace,
                    guint      first_cycle,
                    guint      n_cycles,
                    HsSummary *summary)
{
  g_autofree guint64 *pauses = NULL;
  double allocated_mb = 0, run_seconds = 0, measured_seconds = 0, gc_cpu_ms = 0, cpu_capacity_ms = 0;
  guint n_intervals = 0;
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
      gboolean continues_run = i > first_cycle && !(hs_trace_get_gc_flags (trace, i) & HS_GC_FLAG_NEW_RUN);

      gboolean sampled;

      hs_trace_get_gc_record (trace, i, &r);
      sampled = (r.flags & HS_GC_FLAG_SAMPLED) != 0;

      if (continues_run)
        {
          double span = hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i) -
                        hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i - 1);

          run_seconds += span;
          n_intervals++;
        }
      /* a polled cycle knows its time and pause; its zeros elsewhere mean "unknown" */
      if (continues_run && !sampled && !(hs_trace_get_gc_flags (trace, i - 1) & HS_GC_FLAG_SAMPLED))
        {
          double span = hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i) -
                        hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i - 1);
          guint64 previous_live = (guint64) (hs_trace_get_gc_value (trace, HS_GC_FIELD_HEAP_LIVE, i - 1) / 1048576.0);
          guint64 previous_procs = (guint64) hs_trace_get_gc_value (trace, HS_GC_FIELD_PROCS, i - 1);

          /* a heap smaller than the live heap before it means freeing we cannot see: count 0 */
          if (r.heap_before_mb > previous_live)
            allocated_mb += (double) (r.heap_before_mb - previous_live);
          measured_seconds += span;
          gc_cpu_ms += (double) (r.cpu_us[HS_CPU_SWEEP_TERM] + r.cpu_us[HS_CPU_SCAN] +
                                 r.cpu_us[HS_CPU_INSTALL_WB] + r.cpu_us[HS_CPU_ASSIST] +
                                 r.cpu_us[HS_CPU_BACKGROUND] + r.cpu_us[HS_CPU_MARK_TERM]) / 1000.0;
          cpu_capacity_ms += span * 1000.0 * (double) MAX (r.procs, 1);
          if (r.procs != previous_procs)
            summary->procs_changes++;
        }
      pause = r.clock_us[HS_CLOCK_SWEEP_TERM] + r.clock_us[HS_CLOCK_MARK_TERM];
      pauses[i - first_cycle] = pause;
      summary->pause_histogram[pause_bucket (pause)]++;
      summary->pause_total_us += pause;
      if (pause > summary->pause_max_us || i == first_cycle)
        {
          summary->pause_max_us = pause;
          summary->pause_max_cycle = i;
        }

      if (r.flags & HS_GC_FLAG_FORCED)
        summary->forced_cycles++;
      if (r.flags & HS_GC_FLAG_PERIODIC)
        summary->periodic_cycles++;
      if (r.flags & HS_GC_FLAG_JOINED)
        summary->joined_cycles++;
      if (sampled)
        {
          summary->sampled_cycles++;
          continue;
        }

      summary->has_heap = TRUE;
      summary->heap_peak_mb = MAX (summary->heap_peak_mb, MAX (r.heap_before_mb, r.heap_after_mb));
      summary->live_peak_mb = MAX (summary->live_peak_mb, r.heap_live_mb);
      summary->goal_peak_mb = MAX (summary->goal_peak_mb, r.heap_goal_mb);
      summary->stacks_peak_mb = MAX (summary->stacks_peak_mb, r.stacks_mb);
      summary->globals_peak_mb = MAX (summary->globals_peak_mb, r.globals_mb);
      summary->procs_min = MIN (summary->procs_min, r.procs);
      summary->procs_max = MAX (summary->procs_max, r.procs);
      /* from the exact record: through a double, values past 2^53 would be rounded */
      summary->cpu_percent_last = r.cpu_percent;
    }

  qsort (pauses, n_cycles, sizeof (guint64), compare_u64);
  summary->pause_p50_us = hs_percentile_nearest_rank (pauses, n_cycles, 50);
  summary->pause_p90_us = hs_percentile_nearest_rank (pauses, n_cycles, 90);
  summary->pause_p95_us = hs_percentile_nearest_rank (pauses, n_cycles, 95);
  summary->pause_p99_us = hs_percentile_nearest_rank (pauses, n_cycles, 99);
  summary->pause_p999_us = hs_percentile_nearest_rank (pauses, n_cycles, 99.9);

  summary->has_cpu_percent = summary->has_heap;
  if (!summary->has_heap)
    summary->procs_min = 0;

  summary->n_runs = hs_trace_get_run_of_cycle (trace, end - 1) -
                    hs_trace_get_run_of_cycle (trace, first_cycle) + 1;

  /* A trace starts when its first process started, not at its first GC. */
  summary->start_s = first_cycle == 0 ? 0.0 : hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, first_cycle);
  summary->end_s = hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, end - 1);
  summary->duration_s = summary->end_s - summary->start_s;

  /* rates over the time between cycles of one run: a restart is not time the program ran */
  if (run_seconds > 0)
    summary->cycles_per_minute = (double) n_intervals / run_seconds * 60.0;
  if (measured_seconds > 0)
    {
      summary->alloc_rate = allocated_mb * 1048576.0 / measured_seconds;
      summary->gc_cpu_computed = 100.0 * gc_cpu_ms / cpu_capacity_ms;
    }
}
