/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-findings.c: detectors for what goes wrong with Go memory, each with its thresholds. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "hs-findings.h"
#include "hs-summary.h"

/*
 * Every threshold is a named constant with the reason for its value. A healthy, steady
 * service must trigger none of the warnings; each detector has a sample or a synthetic
 * trace in the tests that must trigger it.
 */

/* Memory held from the OS: a runtime keeping 4× its live heap, and at least 64 MB more,
 * costs real RAM (RES in top) that another process could use. */
#define HELD_RATIO                4.0
#define HELD_MIN_EXCESS_MB        64.0
/* ...for longer than a GC cycle or two of a busy program: one minute. */
#define HELD_MIN_SECONDS          60.0
/* 8× for 2 minutes is what makes people ask "why is my RSS 1.7 GB" */
#define HELD_PROBLEM_RATIO        8.0
#define HELD_PROBLEM_SECONDS      120.0
/* scavtrace's util: below a quarter of the retained heap in use, most of it is idle. */
#define UTIL_LOW_PERCENT          25
/* RES above the live heap while the scavenger reports returning half the difference or more:
 * the memory left the runtime but not RES. Half, because RES also counts what the runtime
 * still holds on purpose (the scavenger keeps ~10 % over the goal). */
#define RETURNED_SHARE_OF_EXCESS  0.5
#define UTIL_MIN_RETAINED_MB      64.0

/* GC CPU: the Go team's pacer aims at 25 % during a cycle; a program-wide 10 % is costly. */
#define GC_CPU_WARNING_PERCENT    10
#define GC_CPU_PROBLEM_PERCENT    25
/* windows of 20 cycles and at least 1 s, so one busy cycle is not a trend */
#define CPU_WINDOW_CYCLES         20
#define CPU_WINDOW_MIN_SECONDS    1.0
#define CPU_WINDOW_WARNING        0.25
/* assists slow down the goroutines that allocate: a quarter of mark CPU is a lot */
#define ASSIST_SHARE_WARNING      0.25
#define ASSIST_MIN_TOTAL_MS       100.0

/* GC too often: more than 20 per second at a heap goal below 64 MB means GOGC (or the
 * allocation rate) keeps the heap far smaller than memory would allow. */
#define FREQUENT_INTERVAL_S       0.05
#define FREQUENT_SMALL_GOAL_MB    64
#define FREQUENT_MIN_CYCLES       100
#define FREQUENT_MIN_SHARE        0.5
#define FREQUENT_MIN_SECONDS      5.0

/* Stop-the-world pauses: 10 ms is visible in request latency, 100 ms is an outage. */
#define PAUSE_WARNING_US          10000
#define PAUSE_PROBLEM_US          100000
#define WORST_PAUSES_NAMED        3

/* Live heap growing: three thirds of a run each higher than the last, the last 50 % and
 * 16 MB above the first, over at least 30 cycles and 30 s. */
#define GROWTH_MIN_CYCLES         30
#define GROWTH_MIN_SECONDS        30.0
#define GROWTH_MIN_RATIO          1.5
#define GROWTH_MIN_MB             16.0

/* A goal within 10 % of the live heap for 20 cycles in a row: GOGC=100 would give 100 %;
 * only a memory limit (or a tiny GOGC) squeezes the headroom that far. */
#define PINNED_HEADROOM           1.10
#define PINNED_MIN_CYCLES         20
#define PINNED_PROBLEM_RATE       10.0   /* GCs per second */
/* GOGC=off prints a goal of ~2^43 or 2^44 MB */
#define GOGC_OFF_GOAL_MB          (G_GUINT64_CONSTANT (1) << 40)

/* Forced GCs: a tenth of all cycles is a habit, not an accident. */
#define FORCED_WARNING_SHARE      0.10
#define FORCED_WARNING_MIN        10

/* Roots: stacks or globals half the live heap (and 64 MB) dominate mark work. */
#define ROOTS_SHARE               0.5
#define ROOTS_MIN_MB              64

typedef enum
{
  ERA_UNKNOWN,
  ERA_SYSMON_SCAVENGER,   /* Go 1.5–1.12: scavenging every 2.5 min of spans idle 5 min */
  ERA_GO113,              /* background scavenger, MADV_FREE */
  ERA_GO114_118,
  ERA_GO119_PLUS,         /* memory limit */
} Era;

typedef struct
{
  HsTrace   *trace;
  GPtrArray *findings;
  Era        era;
  guint      n;
} Analysis;

void
hs_finding_free (HsFinding *finding)
{
  g_free (finding->title);
  g_free (finding->detail);
  g_free (finding->advice);
  g_free (finding);
}

const char *
hs_severity_to_string (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return "problem";
    case HS_SEVERITY_WARNING: return "warning";
    case HS_SEVERITY_INFO:
    default: return "info";
    }
}

static HsFinding *
add_finding (Analysis   *a,
             const char *id,
             HsSeverity  severity,
             guint       first_cycle,
             guint       last_cycle)
{
  HsFinding *f = g_new0 (HsFinding, 1);

  f->id = id;
  f->severity = severity;
  f->first_cycle = first_cycle;
  f->last_cycle = last_cycle;
  f->t_start = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_TIME, first_cycle);
  f->t_end = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_TIME, last_cycle);
  g_ptr_array_add (a->findings, f);

  return f;
}

static Era
detect_era (HsTrace *trace)
{
  guint gc = hs_trace_get_gc_formats (trace);
  guint scav = hs_trace_get_scav_formats (trace);

  if (scav & HS_SCAV_FORMAT_SCAV_121)
    return ERA_GO119_PLUS;
  if ((scav & HS_SCAV_FORMAT_SCAV_114) && (gc & HS_GC_FORMAT_GO118))
    return ERA_GO119_PLUS;
  if (scav & (HS_SCAV_FORMAT_SCAV_GEN | HS_SCAV_FORMAT_SCAV_114))
    return ERA_GO114_118;
  if (scav & HS_SCAV_FORMAT_SCVG_113)
    return ERA_GO113;
  if (scav & (HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_HEX))
    return ERA_SYSMON_SCAVENGER;
  return ERA_UNKNOWN;
}

static char *
format_duration (double seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf (_("%.0f h %.0f min"), floor (seconds / 3600), fmod (floor (seconds / 60), 60));
  if (seconds >= 60)
    return g_strdup_printf (_("%.0f min %.0f s"), floor (seconds / 60), fmod (floor (seconds), 60));
  return g_strdup_printf (_("%.1f s"), seconds);
}

static double
cycle_time (Analysis *a,
            guint     cycle)
{
  return hs_trace_get_gc_value (a->trace, HS_GC_FIELD_TIME, cycle);
}

static guint64
live_mb (Analysis *a,
         guint     cycle)
{
  return (guint64) (hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_LIVE, cycle) / 1048576.0);
}

/* @madv_free_seen: the trace shows RES kept pages the scavenger had returned, whatever the era */
static char *
held_memory_advice (Analysis *a,
                    gboolean  madv_free_seen)
{
  g_autoptr(GString) advice = g_string_new (NULL);

  switch (a->era)
    {
    case ERA_SYSMON_SCAVENGER:
      g_string_append (advice, _("Before Go 1.13 the runtime returns memory only from spans idle for "
                                 "5 minutes, and looks every 2.5 minutes. Call debug.FreeOSMemory() "
                                 "after dropping a large structure, or move to Go 1.13 or later, "
                                 "whose background scavenger returns memory continuously."));
      break;
    case ERA_GO113:
    case ERA_GO114_118:
      g_string_append (advice, _("The background scavenger returns idle memory slowly, about one percent "
                                 "of a CPU's worth. debug.FreeOSMemory() returns it at once; "
                                 "Go 1.19 adds a memory limit (GOMEMLIMIT) that makes the "
                                 "scavenger return memory as the process nears it."));
      break;
    case ERA_GO119_PLUS:
      g_string_append (advice, _("Set a memory limit (GOMEMLIMIT=… or debug.SetMemoryLimit) a "
                                 "little above the memory you want to keep: the scavenger then "
                                 "returns idle memory as the process nears it. "
                                 "debug.FreeOSMemory() returns it at once."));
      break;
    case ERA_UNKNOWN:
    default:
      g_string_append (advice, _("debug.FreeOSMemory() returns idle memory at once; from Go 1.19 a "
                                 "memory limit (GOMEMLIMIT) makes the scavenger return it sooner."));
      break;
    }

  if (madv_free_seen || a->era == ERA_GO113 || a->era == ERA_GO114_118 || a->era == ERA_SYSMON_SCAVENGER)
    {
      g_string_append_c (advice, ' ');
      g_string_append (advice, _("On Linux, Go 1.12 to 1.15 return memory with MADV_FREE: the kernel "
                                 "takes the pages back only under memory pressure, so RES in top "
                                 "and htop stays high even after the runtime released them. "
                                 "GODEBUG=madvdontneed=1 makes RES drop at once (the default "
                                 "from Go 1.16)."));
    }

  g_string_append_c (advice, ' ');
  g_string_append (advice, _("Until memory is returned, top and htop count it in RES although "
                             "the Go heap is small."));

  return g_string_free (g_steal_pointer (&advice), FALSE);
}

/* scvg traces say how much the runtime holds (sys − released): compare with the live heap. */
static void
detect_held_memory_scvg (Analysis *a)
{
  guint n_events = hs_trace_get_n_events (a->trace);
  gint start_event = -1;
  double peak_held = 0;

  for (guint e = 0; e <= n_events; e++)
    {
      gboolean held = FALSE;
      HsScavRecord r = { 0 };
      guint cycle = 0;

      if (e < n_events)
        {
          hs_trace_get_scav_record (a->trace, e, &r);
          cycle = hs_trace_get_scav_cycle (a->trace, e);
          if (r.kind == HS_SCAV_KIND_SCVG && cycle > 0)
            {
              double held_mb = (double) r.consumed_kib / 1024.0;
              double live = (double) live_mb (a, cycle - 1);

              held = held_mb - live >= HELD_MIN_EXCESS_MB && held_mb >= HELD_RATIO * MAX (live, 1.0);
              if (held)
                peak_held = MAX (peak_held, held_mb);
            }
          else if (r.kind != HS_SCAV_KIND_SCVG)
            continue;
        }

      if (held && start_event < 0)
        start_event = (gint) e;

      if (!held && start_event >= 0)
        {
          HsScavRecord first;
          guint first_cycle = hs_trace_get_scav_cycle (a->trace, (guint) start_event) - 1;
          guint end_cycle = e < n_events && cycle > 0 ? cycle - 1 : a->n - 1;
          double t_end = e < n_events ? hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_TIME, e)
                                      : cycle_time (a, a->n - 1);
          guint64 max_live = 0;
          guint64 last_live;
          double t_start, seconds;
          HsFinding *f;
          g_autofree char *duration = NULL;
          g_autofree char *released = NULL;

          hs_trace_get_scav_record (a->trace, (guint) start_event, &first);

          /* the memory was held from the cycle after which the live heap stayed small */
          while (first_cycle > 0 && live_mb (a, first_cycle - 1) * HELD_RATIO <= peak_held &&
                 hs_trace_get_run_of_cycle (a->trace, first_cycle - 1) ==
                 hs_trace_get_run_of_cycle (a->trace, first_cycle))
            first_cycle--;
          for (guint c = first_cycle; c <= end_cycle; c++)
            max_live = MAX (max_live, live_mb (a, c));
          last_live = live_mb (a, end_cycle);

          t_start = cycle_time (a, first_cycle);
          seconds = t_end - t_start;
          start_event = -1;
          if (seconds < HELD_MIN_SECONDS)
            {
              peak_held = 0;
              continue;
            }

          f = add_finding (a, "os-memory-held",
                           peak_held >= HELD_PROBLEM_RATIO * MAX ((double) max_live, 1.0) &&
                           seconds >= HELD_PROBLEM_SECONDS ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                           first_cycle, end_cycle);
          f->t_end = t_end;
          duration = format_duration (seconds);
          f->title = g_strdup_printf (_("The runtime held %.0f MB from the OS for %s while the live heap was at most %" PRIu64 " MB"),
                                      peak_held, duration, max_live);
          if (e < n_events && (r.flags & HS_SCAV_FLAG_HAS_RELEASED_NOW))
            released = g_strdup_printf (_("At %.1f s the scavenger returned %" PRIu64 " MB to the OS (scvg%" PRId64 ")."),
                                        t_end, r.released_now_kib >> 10, r.sequence);
          else if (e < n_events)
            released = g_strdup_printf (_("At %.1f s the memory held fell to %" PRIu64 " MB."),
                                        t_end, r.consumed_kib >> 10);
          else
            released = g_strdup (_("It was still held when the trace ends."));
          f->detail = g_strdup_printf (_("From %.1f s to %.1f s the scavenger reported %.0f MB held from the OS "
                                         "(sys − released), while the live heap after GC was at most %"
                                         PRIu64 " MB and %" PRIu64 " MB at the end. %s"),
                                       t_start, t_end, peak_held, max_live, last_live, released);
          f->advice = held_memory_advice (a, FALSE);
          peak_held = 0;
        }
    }
}

/*
 * RES that stays high although the scavenger says it returned the memory is the kernel's
 * doing: pages returned with MADV_FREE stay counted in RES until memory runs short. Said
 * when the scavenger reported returning at least half of the excess during the stretch.
 */
static gboolean
returned_while_resident (Analysis  *a,
                         HsFinding *f,
                         double     t_start,
                         double     t_end,
                         double     excess_mb)
{
  guint n_events = hs_trace_get_n_events (a->trace);
  double returned_mb = 0.0;
  g_autofree char *sentence = NULL;
  char *detail;

  for (guint e = 0; e < n_events; e++)
    {
      double t = hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_TIME, e);
      double returned = MAX (hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_RETAINED, e),
                             hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_RELEASED, e));

      if (t >= t_start && t <= t_end && !isnan (returned))
        returned_mb = MAX (returned_mb, returned / 1048576.0);
    }

  if (returned_mb < HELD_MIN_EXCESS_MB || returned_mb < RETURNED_SHARE_OF_EXCESS * excess_mb)
    return FALSE;

  sentence = g_strdup_printf (_("Meanwhile the scavenger reported %.0f MB returned to the OS: the kernel "
                                "still counted those pages in RES, as it does for memory returned with "
                                "MADV_FREE until it runs short of memory."),
                              returned_mb);
  detail = g_strconcat (f->detail, " ", sentence, NULL);
  g_free (f->detail);
  f->detail = detail;
  return TRUE;
}

/*
 * What top showed, when Heapscope sampled the process (--run, --pid): RES against the live
 * heap at the time, with the thresholds of memory held from the OS, since RES is that
 * memory plus the binary and the C heap as the kernel counts it.
 */
static void
detect_resident_above_live (Analysis *a)
{
  guint n_samples = hs_trace_get_n_samples (a->trace);
  gint start = -1;
  guint start_cycle = 0, cycle = 0;
  double peak_rss = 0.0;
  guint64 max_live = 0;

  for (guint s = 0; s <= n_samples; s++)
    {
      double t = s < n_samples ? hs_trace_get_sample_time (a->trace, s) : G_MAXDOUBLE;
      double rss_mb = s < n_samples ? hs_trace_get_sample_value (a->trace, HS_SAMPLE_FIELD_RSS, s) / 1048576.0 : NAN;
      gboolean above = FALSE;

      if (s < n_samples && isnan (rss_mb))
        continue;   /* an expvar or metrics sample: no RES in it */

      /* the live heap known at the sample: that of the last cycle before it */
      while (cycle + 1 < a->n && cycle_time (a, cycle + 1) <= t)
        cycle++;
      if (s < n_samples && cycle_time (a, cycle) <= t)
        {
          double live = (double) live_mb (a, cycle);

          above = rss_mb - live >= HELD_MIN_EXCESS_MB && rss_mb >= HELD_RATIO * MAX (live, 1.0);
        }

      if (above)
        {
          if (start < 0)
            {
              start = (gint) s;
              start_cycle = cycle;
              max_live = 0;
              peak_rss = 0.0;
            }
          peak_rss = MAX (peak_rss, rss_mb);
          max_live = MAX (max_live, live_mb (a, cycle));
          continue;
        }

      if (start >= 0)
        {
          double t_start = hs_trace_get_sample_time (a->trace, (guint) start);
          double t_end = s < n_samples ? t : hs_trace_get_sample_time (a->trace, n_samples - 1);
          g_autofree char *duration = NULL;
          g_autofree char *end = NULL;
          gboolean madv_free_seen;
          HsFinding *f;

          start = -1;
          if (t_end - t_start < HELD_MIN_SECONDS)
            continue;

          f = add_finding (a, "resident-above-live",
                           peak_rss >= HELD_PROBLEM_RATIO * MAX ((double) max_live, 1.0) &&
                           t_end - t_start >= HELD_PROBLEM_SECONDS ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                           start_cycle, cycle);
          f->t_start = t_start;
          f->t_end = t_end;
          duration = format_duration (t_end - t_start);
          /* gctrace prints whole MB: 0 MB live is a heap under 1 MB */
          if (max_live == 0)
            f->title = g_strdup_printf (_("The process kept %.0f MB resident (RES in top) for %s while the live heap was under 1 MB"),
                                        peak_rss, duration);
          else
            f->title = g_strdup_printf (_("The process kept %.0f MB resident (RES in top) for %s while the live heap was at most %" PRIu64 " MB"),
                                        peak_rss, duration, max_live);
          end = s < n_samples ?
            g_strdup_printf (_("At %.1f s RES fell to %.0f MB."), t_end, rss_mb) :
            g_strdup (_("It was still resident when the sampling ended."));
          f->detail = g_strdup_printf (_("From %.1f s to %.1f s /proc showed up to %.0f MB resident, while the "
                                         "live heap after GC was at most %" PRIu64 " MB. %s"),
                                       t_start, t_end, peak_rss, max_live, end);
          madv_free_seen = returned_while_resident (a, f, t_start, t_end, peak_rss - (double) max_live);
          f->advice = held_memory_advice (a, madv_free_seen);
        }
    }
}

/*
 * A Go server polled over expvar or Prometheus says itself what it holds: HeapSys −
 * HeapReleased is heap memory taken from the OS and not given back, against HeapAlloc, the
 * heap in use. Same thresholds as the scvg traces' "sys − released" against the live heap.
 */
static void
detect_held_memory_memstats (Analysis *a)
{
  guint n_samples = hs_trace_get_n_samples (a->trace);
  gint start = -1;
  guint start_cycle = 0, cycle = 0;
  double peak_held = 0.0, max_alloc = 0.0, held_mb = NAN, alloc_mb = NAN, last_t = 0.0;

  for (guint s = 0; s <= n_samples; s++)
    {
      double t = s < n_samples ? hs_trace_get_sample_time (a->trace, s) : G_MAXDOUBLE;
      gboolean above = FALSE;

      if (s < n_samples)
        {
          double sys = hs_trace_get_sample_value (a->trace, HS_SAMPLE_FIELD_HEAP_SYS, s);
          double released = hs_trace_get_sample_value (a->trace, HS_SAMPLE_FIELD_HEAP_RELEASED, s);
          double alloc = hs_trace_get_sample_value (a->trace, HS_SAMPLE_FIELD_HEAP_ALLOC, s);

          if (isnan (sys) || isnan (released) || isnan (alloc))
            continue;   /* a /proc sample, or a poll without these */
          held_mb = (sys - released) / 1048576.0;
          alloc_mb = alloc / 1048576.0;
          above = held_mb - alloc_mb >= HELD_MIN_EXCESS_MB && held_mb >= HELD_RATIO * MAX (alloc_mb, 1.0);
          while (cycle + 1 < a->n && cycle_time (a, cycle + 1) <= t)
            cycle++;
        }

      if (above)
        {
          if (start < 0)
            {
              start = (gint) s;
              start_cycle = cycle;
              peak_held = 0.0;
              max_alloc = 0.0;
            }
          peak_held = MAX (peak_held, held_mb);
          max_alloc = MAX (max_alloc, alloc_mb);
          last_t = t;
          continue;
        }

      if (start >= 0)
        {
          double t_start = hs_trace_get_sample_time (a->trace, (guint) start);
          double t_end = s < n_samples ? t : last_t;
          g_autofree char *duration = NULL;
          g_autofree char *end = NULL;
          HsFinding *f;

          start = -1;
          if (t_end - t_start < HELD_MIN_SECONDS)
            continue;

          f = add_finding (a, "os-memory-held",
                           peak_held >= HELD_PROBLEM_RATIO * MAX (max_alloc, 1.0) &&
                           t_end - t_start >= HELD_PROBLEM_SECONDS ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                           start_cycle, cycle);
          f->t_start = t_start;
          f->t_end = t_end;
          duration = format_duration (t_end - t_start);
          f->title = g_strdup_printf (_("The runtime held %.0f MB of heap memory from the OS for %s while "
                                        "at most %.0f MB was allocated"),
                                      peak_held, duration, max_alloc);
          end = s < n_samples ?
            g_strdup_printf (_("At %.1f s it held %.0f MB."), t_end, held_mb) :
            g_strdup (_("It still held it when polling ended."));
          f->detail = g_strdup_printf (_("From %.1f s to %.1f s memstats showed up to %.0f MB of heap "
                                         "memory taken from the OS and not returned (HeapSys − HeapReleased), "
                                         "while HeapAlloc was at most %.0f MB. %s"),
                                       t_start, t_end, peak_held, max_alloc, end);
          f->advice = held_memory_advice (a, FALSE);
        }
    }
}

/* scavtrace (Go 1.14+) gives the share of retained heap memory in use. */
static void
detect_idle_retained_scav (Analysis *a)
{
  guint n_events = hs_trace_get_n_events (a->trace);
  guint run_start = 0, run_len = 0, best_start = 0, best_len = 0;
  guint64 min_util = 100;

  for (guint e = 0; e < n_events; e++)
    {
      HsScavRecord r;
      guint cycle = hs_trace_get_scav_cycle (a->trace, e);
      gboolean low;

      hs_trace_get_scav_record (a->trace, e, &r);
      if (r.kind != HS_SCAV_KIND_SCAV || (r.flags & HS_SCAV_FLAG_FORCED))
        continue;

      /* the heap the runtime keeps is at least the heap at the last GC */
      low = r.util_percent < UTIL_LOW_PERCENT && cycle > 0 &&
            hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_AFTER, cycle - 1) / 1048576.0 >= UTIL_MIN_RETAINED_MB;
      if (low)
        {
          if (run_len == 0)
            run_start = e;
          run_len++;
          if (run_len > best_len)
            {
              best_len = run_len;
              best_start = run_start;
            }
        }
      else
        {
          run_len = 0;
        }
    }

  if (best_len >= 2)
    {
      guint last = best_start + best_len - 1;
      double t0 = hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_TIME, best_start);
      double t1 = hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_TIME, last);
      guint c0 = MAX (hs_trace_get_scav_cycle (a->trace, best_start), 1) - 1;
      guint c1 = MAX (hs_trace_get_scav_cycle (a->trace, last), 1) - 1;
      g_autofree char *duration = format_duration (t1 - t0);
      HsFinding *f;

      if (t1 - t0 < HELD_MIN_SECONDS / 2)
        return;

      for (guint e = best_start; e <= last; e++)
        min_util = MIN (min_util, (guint64) hs_trace_get_scav_value (a->trace, HS_SCAV_FIELD_UTIL, e));

      f = add_finding (a, "os-memory-held", HS_SEVERITY_WARNING, c0, c1);
      f->t_start = t0;
      f->t_end = t1;
      f->title = g_strdup_printf (_("Most of the heap memory the runtime keeps was idle for %s"), duration);
      f->detail = g_strdup_printf (_("From %.1f s to %.1f s the scavenger reported that as little as %"
                                     PRIu64 " %% of the heap memory it retains from the OS was in use. "
                                     "The rest counts in RES although no Go object lives there."),
                                   t0, t1, min_util);
      f->advice = held_memory_advice (a, FALSE);
    }
}

static void
detect_gc_cpu (Analysis *a)
{
  guint last = a->n - 1;
  guint64 cpu = (guint64) hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_PERCENT, last);
  double assist = 0, background = 0;
  double worst = 0;
  guint worst_start = 0;

  for (guint i = 0; i < a->n; i++)
    {
      assist += hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_ASSIST, i);
      background += hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_BACKGROUND, i);
    }

  /* per-window GC CPU from the phases: (sweep + assist + background + mark term) / (span × P).
   * Idle marking is left out: it uses processors that had nothing else to do. A running sum
   * keeps this linear in the number of cycles. */
  {
    g_autofree double *spent = g_new0 (double, a->n);
    double window = 0;

    for (guint k = 0; k < a->n; k++)
      spent[k] = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_SWEEP_TERM, k) +
                 hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_ASSIST, k) +
                 hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_BACKGROUND, k) +
                 hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_MARK_TERM, k);

    for (guint k = 1; k <= MIN (CPU_WINDOW_CYCLES, a->n - 1); k++)
      window += spent[k];

    for (guint i = 0; i + CPU_WINDOW_CYCLES < a->n; i++)
      {
        guint j = i + CPU_WINDOW_CYCLES;
        double span = cycle_time (a, j) - cycle_time (a, i);
        double procs = MAX (hs_trace_get_gc_value (a->trace, HS_GC_FIELD_PROCS, j), 1.0);
        double share;

        /* window holds spent[i + 1 … j] */
        if (i > 0)
          window += spent[j] - spent[i];

        if (span < CPU_WINDOW_MIN_SECONDS ||
            hs_trace_get_run_of_cycle (a->trace, i) != hs_trace_get_run_of_cycle (a->trace, j))
          continue;

        share = window / (1000.0 * span * procs);
        if (share > worst)
          {
            worst = share;
            worst_start = i;
          }
      }
  }

  if (cpu >= GC_CPU_WARNING_PERCENT)
    {
      HsFinding *f = add_finding (a, "gc-cpu-high",
                                  cpu >= GC_CPU_PROBLEM_PERCENT ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                                  0, last);

      f->title = g_strdup_printf (_("The GC used %" PRIu64 " %% of the program's CPU"), cpu);
      f->detail = g_strdup_printf (_("The last GC line reports that %" PRIu64 " %% of the CPU time "
                                     "since the program started went to garbage collection."), cpu);
      f->advice = g_strdup (_("Allocate less (reuse buffers, sync.Pool, fewer pointers), or give the "
                              "heap more room: a higher GOGC, or GOMEMLIMIT with GOGC raised or off "
                              "(Go 1.19+)."));
    }
  else if (worst >= CPU_WINDOW_WARNING)
    {
      guint end = worst_start + CPU_WINDOW_CYCLES;
      HsFinding *f = add_finding (a, "gc-cpu-high", HS_SEVERITY_WARNING, worst_start, end);

      f->title = g_strdup_printf (_("The GC used about %.0f %% of the CPU for a while"), worst * 100);
      f->detail = g_strdup_printf (_("Between %.1f s and %.1f s the GC phases of %u cycles added up to "
                                     "%.0f %% of the time of all %.0f processors."),
                                   f->t_start, f->t_end, CPU_WINDOW_CYCLES, worst * 100,
                                   hs_trace_get_gc_value (a->trace, HS_GC_FIELD_PROCS, end));
      f->advice = g_strdup (_("Look at what allocates in that moment; a higher GOGC or a memory "
                              "limit with more room makes cycles rarer."));
    }

  if (assist >= ASSIST_MIN_TOTAL_MS && assist / MAX (assist + background, 1e-9) >= ASSIST_SHARE_WARNING)
    {
      HsFinding *f = add_finding (a, "gc-assist-heavy", HS_SEVERITY_WARNING, 0, last);

      f->title = g_strdup_printf (_("Mark assists did %.0f %% of the marking"),
                                  100 * assist / (assist + background));
      f->detail = g_strdup_printf (_("Goroutines that allocate during a GC had to help mark for %.0f ms in "
                                     "all, against %.0f ms of background marking: allocation "
                                     "outpaces the collector, and those goroutines run slower."),
                                   assist, background);
      f->advice = g_strdup (_("Reduce the allocation rate in the hot path, or raise GOGC so cycles "
                              "start with more room."));
    }
}

static void
detect_frequent_gc (Analysis *a)
{
  guint frequent = 0, considered = 0;
  guint first = G_MAXUINT, last = 0;
  double goal_sum = 0;

  for (guint i = 1; i < a->n; i++)
    {
      guint flags = hs_trace_get_gc_flags (a->trace, i);
      double interval;
      double goal_mb;

      if ((flags & (HS_GC_FLAG_FORCED | HS_GC_FLAG_NEW_RUN)) != 0)
        continue;
      considered++;
      interval = cycle_time (a, i) - cycle_time (a, i - 1);
      goal_mb = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_GOAL, i) / 1048576.0;
      if (interval < FREQUENT_INTERVAL_S && goal_mb < FREQUENT_SMALL_GOAL_MB)
        {
          frequent++;
          goal_sum += goal_mb;
          first = MIN (first, i);
          last = i;
        }
    }

  if (frequent >= FREQUENT_MIN_CYCLES && frequent >= FREQUENT_MIN_SHARE * considered &&
      cycle_time (a, last) - cycle_time (a, first) >= FREQUENT_MIN_SECONDS)
    {
      HsFinding *f = add_finding (a, "gc-too-frequent", HS_SEVERITY_WARNING, first, last);
      double rate = frequent / (f->t_end - f->t_start);

      f->title = g_strdup_printf (_("The GC ran %.0f times a second at a heap of about %.0f MB"),
                                  rate, goal_sum / frequent);
      f->detail = g_strdup_printf (_("%u of %u cycles started less than %.0f ms after the one before, "
                                     "with a heap goal under %d MB: the heap is kept small for the "
                                     "rate this program allocates at."),
                                   frequent, considered, FREQUENT_INTERVAL_S * 1000, FREQUENT_SMALL_GOAL_MB);
      f->advice = g_strdup (a->era == ERA_GO119_PLUS
                            ? _("Raise GOGC (for example GOGC=200 halves the number of cycles), or set "
                                "GOMEMLIMIT to the memory you can spare and GOGC higher or off.")
                            : _("Raise GOGC (for example GOGC=200 halves the number of cycles); from "
                                "Go 1.19 a memory limit lets you do so safely."));
    }
}

static int
compare_pause_desc (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  HsTrace *trace = user_data;
  double pa = hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, *(const guint *) a);
  double pb = hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, *(const guint *) b);

  return pa < pb ? 1 : pa > pb ? -1 : 0;
}

static void
detect_long_pauses (Analysis *a)
{
  g_autoptr(GArray) long_ones = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) worst = g_string_new (NULL);
  guint64 max_us = 0;
  HsFinding *f;

  for (guint i = 0; i < a->n; i++)
    {
      guint64 us = (guint64) llround (hs_trace_get_gc_value (a->trace, HS_GC_FIELD_PAUSE, i) * 1000);

      if (us >= PAUSE_WARNING_US)
        g_array_append_val (long_ones, i);
      max_us = MAX (max_us, us);
    }

  if (long_ones->len == 0)
    return;

  g_array_sort_with_data (long_ones, compare_pause_desc, a->trace);
  for (guint k = 0; k < MIN (long_ones->len, WORST_PAUSES_NAMED); k++)
    {
      guint i = g_array_index (long_ones, guint, k);
      g_autofree char *pause = hs_format_pause ((guint64) llround (hs_trace_get_gc_value (a->trace, HS_GC_FIELD_PAUSE, i) * 1000));

      g_string_append_printf (worst, "%s%s", k > 0 ? ", " : "", "");
      g_string_append_printf (worst, _("gc %.0f at %.1f s (%s)"),
                              hs_trace_get_gc_value (a->trace, HS_GC_FIELD_NUMBER, i), cycle_time (a, i), pause);
    }

  {
    guint first = g_array_index (long_ones, guint, 0);
    g_autofree char *max = hs_format_pause (max_us);

    f = add_finding (a, "long-pauses", max_us >= PAUSE_PROBLEM_US ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                     first, first);
    f->title = g_strdup_printf (ngettext ("%u stop-the-world pause of 10 ms or more, up to %s",
                                          "%u stop-the-world pauses of 10 ms or more, up to %s",
                                          long_ones->len),
                                long_ones->len, max);
    f->detail = g_strdup_printf (_("Sweep termination plus mark termination stopped every goroutine; "
                                   "the longest: %s."), worst->str);
    f->advice = g_strdup (_("Long stop-the-world phases usually come from goroutines that do not reach "
                            "a preemption point (tight loops before Go 1.14), huge numbers of "
                            "goroutines or timers, or an overloaded machine (a pause also waits for "
                            "the OS to run the GC's threads). Check CPU throttling and GOMAXPROCS "
                            "against the CPU quota."));
  }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median_live (Analysis *a,
             guint     first,
             guint     end)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = first; i < end; i++)
    if (!(hs_trace_get_gc_flags (a->trace, i) & HS_GC_FLAG_FORCED))
      {
        double v = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_LIVE, i) / 1048576.0;

        g_array_append_val (values, v);
      }

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

static void
detect_live_growth (Analysis *a)
{
  for (guint run = 0; run < hs_trace_get_n_runs (a->trace); run++)
    {
      const HsRun *r = hs_trace_get_run (a->trace, run);
      guint first = r->first_cycle, n = r->n_cycles, third = n / 3;
      double m1, m2, m3, tail, t1, t3, rate;
      HsFinding *f;

      if (n < GROWTH_MIN_CYCLES ||
          cycle_time (a, first + n - 1) - cycle_time (a, first) < GROWTH_MIN_SECONDS)
        continue;

      m1 = median_live (a, first, first + third);
      m2 = median_live (a, first + third, first + 2 * third);
      m3 = median_live (a, first + 2 * third, first + n);
      /* a leak keeps what it grew to: the last tenth must not have dropped back */
      tail = median_live (a, first + n - MAX (n / 10, 1), first + n);
      if (!(m1 < m2 && m2 < m3) || m3 < GROWTH_MIN_RATIO * m1 || m3 - m1 < GROWTH_MIN_MB ||
          tail < m3 * 0.9)
        continue;

      t1 = cycle_time (a, first + third / 2);
      t3 = cycle_time (a, first + 2 * third + (n - 2 * third) / 2);
      rate = (m3 - m1) / MAX (t3 - t1, 1e-3) * 60.0;

      f = add_finding (a, "live-heap-growth", HS_SEVERITY_WARNING, first, first + n - 1);
      f->title = g_strdup_printf (_("The live heap kept growing, about %.1f MB a minute"), rate);
      f->detail = g_strdup_printf (_("After each GC, the median live heap was %.0f MB in the first third "
                                     "of the run, %.0f MB in the second and %.0f MB in the last, and it "
                                     "did not come back down: something keeps references to more and "
                                     "more memory."),
                                   m1, m2, m3);
      f->advice = g_strdup (_("Take two heap profiles some minutes apart (go tool pprof -base "
                              "old.pb.gz new.pb.gz, inuse_space) to see which allocation sites "
                              "grow: caches without a bound, maps that are never pruned, "
                              "goroutines that never exit."));
    }
}

static void
detect_pinned_goal (Analysis *a)
{
  guint streak = 0, best = 0, best_end = 0;
  gboolean gogc_off = FALSE;
  guint gogc_off_cycle = 0;

  for (guint i = 0; i < a->n; i++)
    {
      HsGcRecord r;

      hs_trace_get_gc_record (a->trace, i, &r);
      if (r.heap_goal_mb >= GOGC_OFF_GOAL_MB && !gogc_off)
        {
          gogc_off = TRUE;
          gogc_off_cycle = i;
        }

      if (!(r.flags & HS_GC_FLAG_FORCED) && r.heap_live_mb > 0 &&
          (double) r.heap_goal_mb <= PINNED_HEADROOM * (double) r.heap_live_mb)
        {
          streak++;
          if (streak > best)
            {
              best = streak;
              best_end = i;
            }
        }
      else
        {
          streak = 0;
        }
    }

  if (best >= PINNED_MIN_CYCLES)
    {
      guint first = best_end + 1 - best;
      double seconds = cycle_time (a, best_end) - cycle_time (a, first);
      double rate = seconds > 0 ? (best - 1) / seconds : 0;
      double cpu0 = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_PERCENT, first);
      double cpu1 = hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_PERCENT, best_end);
      HsFinding *f;

      f = add_finding (a, "goal-pinned", rate >= PINNED_PROBLEM_RATE || cpu1 >= cpu0 + 10
                                         ? HS_SEVERITY_PROBLEM : HS_SEVERITY_WARNING,
                       first, best_end);
      f->title = g_strdup_printf (_("The heap goal stayed within 10 %% of the live heap for %u cycles"), best);
      f->detail = g_strdup_printf (_("From %.1f s to %.1f s the goal was at most %.0f %% above the live heap "
                                     "(%.0f MB goal for %.0f MB live at the end) and the GC ran %.1f times "
                                     "a second; GC CPU went from %.0f %% to %.0f %%. The heap is pressed "
                                     "against a memory limit: close to the limit, the GC runs almost "
                                     "continuously (a \"death spiral\")."),
                                   f->t_start, f->t_end, (PINNED_HEADROOM - 1) * 100,
                                   hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_GOAL, best_end) / 1048576.0,
                                   hs_trace_get_gc_value (a->trace, HS_GC_FIELD_HEAP_LIVE, best_end) / 1048576.0,
                                   rate, cpu0, cpu1);
      f->advice = g_strdup (_("The live heap has nearly reached the memory limit (GOMEMLIMIT or "
                              "debug.SetMemoryLimit). Raise the limit, or reduce what stays live; "
                              "with GOGC=off the limit alone decides, so leave GOGC on as a "
                              "safety net if the live heap can grow."));
    }

  if (gogc_off)
    {
      HsFinding *f = add_finding (a, "gogc-off", HS_SEVERITY_INFO, gogc_off_cycle, a->n - 1);

      f->title = g_strdup (_("GOGC is off: only a memory limit or runtime.GC starts a cycle"));
      f->detail = g_strdup (_("The heap goal printed is the largest possible value, which the "
                              "runtime shows when GOGC=off."));
      f->advice = g_strdup (_("Keep a memory limit (GOMEMLIMIT) set with GOGC=off, or the heap grows "
                              "until the process is killed."));
    }
}

static void
detect_forced_and_runs (Analysis *a)
{
  guint forced = 0, periodic = 0, first_forced = G_MAXUINT, first_periodic = G_MAXUINT;
  double forced_pause = 0, forced_cpu = 0;
  guint runs = hs_trace_get_n_runs (a->trace);

  for (guint i = 0; i < a->n; i++)
    {
      guint flags = hs_trace_get_gc_flags (a->trace, i);

      if (flags & HS_GC_FLAG_FORCED)
        {
          forced++;
          first_forced = MIN (first_forced, i);
          forced_pause += hs_trace_get_gc_value (a->trace, HS_GC_FIELD_PAUSE, i);
          forced_cpu += hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_SWEEP_TERM, i) +
                        hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_ASSIST, i) +
                        hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_BACKGROUND, i) +
                        hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_IDLE, i) +
                        hs_trace_get_gc_value (a->trace, HS_GC_FIELD_CPU_MARK_TERM, i);
        }
      if (flags & HS_GC_FLAG_PERIODIC)
        {
          periodic++;
          first_periodic = MIN (first_periodic, i);
        }
    }

  if (forced > 0)
    {
      gboolean habit = forced >= FORCED_WARNING_MIN && forced >= FORCED_WARNING_SHARE * a->n;
      HsFinding *f = add_finding (a, "forced-gc", habit ? HS_SEVERITY_WARNING : HS_SEVERITY_INFO,
                                  first_forced, a->n - 1);

      f->title = g_strdup_printf (ngettext ("%u forced GC (runtime.GC or debug.FreeOSMemory)",
                                            "%u forced GCs (runtime.GC or debug.FreeOSMemory)", forced),
                                  forced);
      f->detail = g_strdup_printf (_("%u of %u cycles were started by the program, not by the pacer; "
                                     "they cost %.1f ms of stop-the-world pauses and %.1f ms of CPU. A "
                                     "forced GC blocks the goroutine that called it for a whole cycle."),
                                   forced, a->n, forced_pause, forced_cpu);
      f->advice = g_strdup (habit
                            ? _("Calling runtime.GC regularly is rarely needed: the pacer starts "
                                "cycles when they pay off. (go test calls it before each benchmark.)")
                            : _("A few forced GCs are fine, for example before a measurement."));
    }

  if (periodic > 0)
    {
      HsFinding *f = add_finding (a, "periodic-gc", HS_SEVERITY_INFO, first_periodic, a->n - 1);

      f->title = g_strdup_printf (ngettext ("%u periodic GC: the program was idle",
                                            "%u periodic GCs: the program was idle", periodic),
                                  periodic);
      f->detail = g_strdup (_("The runtime forces a GC when none ran for 2 minutes (\"GC forced\" in "
                              "the log), so an idle program still collects and can return memory."));
      f->advice = g_strdup (_("Nothing to do; it shows the program allocated little in between."));
    }

  if (runs > 1)
    {
      HsFinding *f = add_finding (a, "process-restarts", HS_SEVERITY_INFO, 0, a->n - 1);

      f->title = g_strdup_printf (ngettext ("%u process lifetime in one log",
                                            "%u process lifetimes in one log", runs),
                                  runs);
      f->detail = g_strdup (_("The GC counter started again from 1 (or went back): the log holds the "
                              "traces of several processes, such as a restarted service or the go "
                              "command, compiler and test binary of go test."));
      f->advice = g_strdup (_("Look at each run on its own; if the service restarted unexpectedly, "
                              "check its exit status and the OOM killer (dmesg)."));
    }
}

static void
detect_large_roots (Analysis *a)
{
  guint64 stacks = 0, globals = 0, live = 0;
  guint at = 0;

  for (guint i = 0; i < a->n; i++)
    {
      HsGcRecord r;

      hs_trace_get_gc_record (a->trace, i, &r);
      if (r.stacks_mb > stacks)
        at = i;
      stacks = MAX (stacks, r.stacks_mb);
      globals = MAX (globals, r.globals_mb);
      live = MAX (live, r.heap_live_mb);
    }

  if (stacks >= ROOTS_MIN_MB && stacks >= ROOTS_SHARE * live)
    {
      HsFinding *f = add_finding (a, "large-stacks", HS_SEVERITY_WARNING, at, at);

      f->title = g_strdup_printf (_("Goroutine stacks reached %" PRIu64 " MB, against a live heap of at most %" PRIu64 " MB"),
                                  stacks, live);
      f->detail = g_strdup (_("Every GC cycle scans the stacks, and since Go 1.18 they count toward "
                              "the heap goal: many goroutines, or deep recursion, cost memory and "
                              "mark time."));
      f->advice = g_strdup (_("Bound the number of goroutines (a worker pool), and look for deep "
                              "recursion in goroutine profiles (debug/pprof/goroutine)."));
    }

  if (globals >= ROOTS_MIN_MB && globals >= ROOTS_SHARE * live)
    {
      HsFinding *f = add_finding (a, "large-globals", HS_SEVERITY_WARNING, 0, a->n - 1);

      f->title = g_strdup_printf (_("Global variables hold %" PRIu64 " MB of pointers to scan"), globals);
      f->detail = g_strdup (_("Globals with pointers are scanned in every cycle."));
      f->advice = g_strdup (_("Large tables in globals are cheaper without pointers (indices instead "
                              "of pointers, []byte instead of strings)."));
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const HsFinding *fa = *(const HsFinding * const *) a;
  const HsFinding *fb = *(const HsFinding * const *) b;

  if (fa->severity != fb->severity)
    return fa->severity > fb->severity ? -1 : 1;
  return fa->t_start < fb->t_start ? -1 : fa->t_start > fb->t_start ? 1 : 0;
}

static gboolean
has_polled_cycles (HsTrace *trace)
{
  guint n = hs_trace_get_n_cycles (trace);

  /* polled cycles come as whole sessions of them: the first and last tell */
  return n > 0 && ((hs_trace_get_gc_flags (trace, 0) & HS_GC_FLAG_SAMPLED) ||
                   (hs_trace_get_gc_flags (trace, n - 1) & HS_GC_FLAG_SAMPLED));
}

/**
 * hs_findings_analyze:
 * Returns: (transfer full) (element-type HsFinding): the findings, problems first.
 */
GPtrArray *
hs_findings_analyze (HsTrace *trace)
{
  Analysis a = { 0 };
  gboolean polled;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  a.trace = trace;
  a.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) hs_finding_free);
  a.n = hs_trace_get_n_cycles (trace);
  a.era = detect_era (trace);

  if (a.n == 0)
    return a.findings;

  /*
   * Cycles polled from memstats know their time and pause only: the detectors that read
   * heap sizes, GC CPU or GOMAXPROCS would read their zeros as values.
   */
  polled = has_polled_cycles (trace);
  if (!polled)
    {
      detect_held_memory_scvg (&a);
      detect_resident_above_live (&a);
      detect_idle_retained_scav (&a);
      detect_gc_cpu (&a);
      detect_frequent_gc (&a);
    }
  /* what the polled server says of itself */
  detect_held_memory_memstats (&a);
  detect_long_pauses (&a);
  if (!polled)
    {
      detect_live_growth (&a);
      detect_pinned_goal (&a);
    }
  detect_forced_and_runs (&a);
  if (!polled)
    detect_large_roots (&a);

  g_ptr_array_sort (a.findings, compare_findings);
  return a.findings;
}
