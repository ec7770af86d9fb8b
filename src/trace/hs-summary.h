/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-summary.h: the headline numbers of a trace, or of a range of its cycles. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

/* Pause histogram buckets: < 0.1 ms, then up to 0.3, 1, 3, 10, 30, 100 ms, and beyond. */
#define HS_PAUSE_BUCKETS 8

extern const double hs_pause_bucket_upper_ms[HS_PAUSE_BUCKETS - 1];

typedef struct
{
  guint   first_cycle;
  guint   n_cycles;
  guint   forced_cycles;     /* " (forced)": runtime.GC, debug.FreeOSMemory */
  guint   periodic_cycles;   /* after "GC forced": the 2-minute periodic GC */
  guint   joined_cycles;
  guint   sampled_cycles;    /* polled from memstats: only their end time and pause are known */
  gboolean has_heap;         /* a cycle of the range has heap sizes, CPU and procs (not all polled) */
  guint   n_events;          /* scavenger events in the range */
  guint   n_runs;            /* runs the range touches */
  double  start_s;           /* trace axis */
  double  end_s;
  double  duration_s;
  guint64 heap_peak_mb;      /* largest heap before or after a cycle */
  guint64 live_peak_mb;
  guint64 goal_peak_mb;
  guint64 stacks_peak_mb;
  guint64 globals_peak_mb;
  guint64 procs_min;
  guint64 procs_max;
  guint64 pause_total_us;    /* pause = sweep termination + mark termination (stop-the-world) */
  guint64 pause_max_us;
  guint   pause_max_cycle;
  guint64 pause_p50_us;      /* nearest-rank percentiles */
  guint64 pause_p90_us;
  guint64 pause_p95_us;
  guint64 pause_p99_us;
  guint64 pause_p999_us;
  gboolean has_cpu_percent;
  guint64 cpu_percent_last;  /* the cumulative GC CPU % the last cycle reports */
  guint64 released_kib;      /* returned to the OS per the scavenger lines */
  guint64 os_held_peak_kib;  /* scvg: sys − released, the most the runtime held from the OS */
  double  cycles_per_minute;
  double  alloc_rate;        /* bytes/s: heap before a cycle − live after the one before */
  double  gc_cpu_computed;   /* % of all processors' time in GC phases (without idle marking) */
  guint   procs_changes;     /* how often GOMAXPROCS changed within a run */
  guint   pause_histogram[HS_PAUSE_BUCKETS];
} HsSummary;

void     hs_summary_compute          (HsTrace   *trace,
                                      guint      first_cycle,
                                      guint      n_cycles,
                                      HsSummary *summary);
/* Every cycle of the range was polled from memstats: no heap sizes, GC CPU or GOMAXPROCS. */
static inline gboolean
hs_summary_is_polled_only (const HsSummary *summary)
{
  return summary->n_cycles > 0 && !summary->has_heap;
}

char    *hs_format_pause             (guint64    us);
guint64  hs_percentile_nearest_rank  (guint64   *sorted,
                                      gsize      n,
                                      double     percent);

G_END_DECLS
