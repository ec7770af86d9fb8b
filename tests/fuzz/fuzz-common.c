/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.c: checks every fuzz target runs on what the trace core made of its input. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "hs-summary.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A failed precondition (g_return_if_fail) on valid indices is a bug too: make it crash. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

void
fuzz_fail (const char *file,
           int         line,
           const char *what)
{
  g_printerr ("%s:%d: check failed: %s\n", file, line, what);
  abort ();
}

/* Lines as the parser and the reader split them: at '\n', and a last one without it. */
guint64
fuzz_count_lines (const char *data,
                  gsize       len)
{
  guint64 n = 0;

  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      n++;

  if (len > 0 && data[len - 1] != '\n')
    n++;

  return n;
}

void
fuzz_check_line_counts (const HsLineCounts *counts,
                        guint64             expected_lines)
{
  FUZZ_CHECK (counts->lines == expected_lines);
  FUZZ_CHECK (counts->lines == counts->gc + counts->scavenger + counts->markers +
                               counts->other_runtime + counts->legacy + counts->foreign +
                               counts->malformed);
  /* a joined record counts both its lines as gc lines */
  FUZZ_CHECK (counts->joined * 2 <= counts->gc);
}

static void
check_same_double (double a,
                   double b)
{
  FUZZ_CHECK ((isnan (a) && isnan (b)) || a == b);
}

/* Two traces read from the same bytes, however they were cut, must hold the same. */
void
fuzz_check_same_trace (HsTrace *trace,
                       HsTrace *reference)
{
  guint n_cycles = hs_trace_get_n_cycles (reference);
  guint n_events = hs_trace_get_n_events (reference);
  const HsMalformedLine *m, *m_ref;
  guint n_kept, n_kept_ref;

  FUZZ_CHECK (memcmp (hs_trace_get_line_counts (trace), hs_trace_get_line_counts (reference),
                      sizeof (HsLineCounts)) == 0);
  FUZZ_CHECK (hs_trace_get_n_cycles (trace) == n_cycles);
  FUZZ_CHECK (hs_trace_get_n_events (trace) == n_events);
  FUZZ_CHECK (hs_trace_get_n_runs (trace) == hs_trace_get_n_runs (reference));
  FUZZ_CHECK (hs_trace_get_gc_formats (trace) == hs_trace_get_gc_formats (reference));
  FUZZ_CHECK (hs_trace_get_scav_formats (trace) == hs_trace_get_scav_formats (reference));
  FUZZ_CHECK (hs_trace_get_first_legacy_line (trace) == hs_trace_get_first_legacy_line (reference));

  for (guint r = 0; r < hs_trace_get_n_runs (reference); r++)
    {
      const HsRun *run = hs_trace_get_run (trace, r);
      const HsRun *run_ref = hs_trace_get_run (reference, r);

      FUZZ_CHECK (run->first_cycle == run_ref->first_cycle);
      FUZZ_CHECK (run->n_cycles == run_ref->n_cycles);
      FUZZ_CHECK (run->first_line == run_ref->first_line);
      check_same_double (run->time_offset, run_ref->time_offset);
    }

  for (guint i = 0; i < n_cycles; i++)
    {
      HsGcRecord a, b;
      const char *label = hs_trace_get_gc_label (trace, i);
      const char *label_ref = hs_trace_get_gc_label (reference, i);

      memset (&a, 0, sizeof a);
      memset (&b, 0, sizeof b);
      hs_trace_get_gc_record (trace, i, &a);
      hs_trace_get_gc_record (reference, i, &b);
      FUZZ_CHECK (memcmp (&a, &b, sizeof a) == 0);
      FUZZ_CHECK (hs_trace_get_gc_line (trace, i) == hs_trace_get_gc_line (reference, i));
      FUZZ_CHECK (hs_trace_get_gc_flags (trace, i) == hs_trace_get_gc_flags (reference, i));
      FUZZ_CHECK (g_strcmp0 (label, label_ref) == 0);
      check_same_double (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, i),
                         hs_trace_get_gc_value (reference, HS_GC_FIELD_WALL_TIME, i));
    }

  for (guint i = 0; i < n_events; i++)
    {
      HsScavRecord a, b;

      memset (&a, 0, sizeof a);
      memset (&b, 0, sizeof b);
      hs_trace_get_scav_record (trace, i, &a);
      hs_trace_get_scav_record (reference, i, &b);
      FUZZ_CHECK (memcmp (&a, &b, sizeof a) == 0);
      FUZZ_CHECK (hs_trace_get_scav_line (trace, i) == hs_trace_get_scav_line (reference, i));
      FUZZ_CHECK (hs_trace_get_scav_cycle (trace, i) == hs_trace_get_scav_cycle (reference, i));
    }

  m = hs_trace_get_malformed (trace, &n_kept);
  m_ref = hs_trace_get_malformed (reference, &n_kept_ref);
  FUZZ_CHECK (n_kept == n_kept_ref);
  for (guint i = 0; i < n_kept; i++)
    {
      FUZZ_CHECK (m[i].line == m_ref[i].line);
      FUZZ_CHECK (g_strcmp0 (m[i].reason, m_ref[i].reason) == 0);
      FUZZ_CHECK (g_strcmp0 (m[i].text, m_ref[i].text) == 0);
    }
}

static void
check_summary (HsTrace *trace,
               guint    first,
               guint    n)
{
  HsSummary summary;
  guint64 pause_max = 0;
  guint64 heap_peak = 0;
  guint forced = 0;
  guint polled = 0;
  guint64 cpu_percent_last = 0;
  HsGcRecord r = { 0 };

  hs_summary_compute (trace, first, n, &summary);

  /* recomputed here from the exact records; a polled cycle has no heap or CPU % */
  for (guint i = first; i < first + n; i++)
    {
      hs_trace_get_gc_record (trace, i, &r);
      pause_max = MAX (pause_max, r.clock_us[HS_CLOCK_SWEEP_TERM] + r.clock_us[HS_CLOCK_MARK_TERM]);
      forced += (r.flags & HS_GC_FLAG_FORCED) != 0;
      if (r.flags & HS_GC_FLAG_SAMPLED)
        {
          polled++;
          continue;
        }
      heap_peak = MAX (heap_peak, MAX (r.heap_before_mb, r.heap_after_mb));
      cpu_percent_last = r.cpu_percent;
    }
  FUZZ_CHECK (summary.pause_max_us == pause_max);
  FUZZ_CHECK (summary.heap_peak_mb == heap_peak);
  FUZZ_CHECK (summary.forced_cycles == forced);
  FUZZ_CHECK (summary.sampled_cycles == polled);
  FUZZ_CHECK (summary.has_heap == (n > polled));
  FUZZ_CHECK (summary.cpu_percent_last == cpu_percent_last);

  FUZZ_CHECK (summary.first_cycle == first);
  FUZZ_CHECK (summary.n_cycles == n);
  FUZZ_CHECK (summary.forced_cycles <= n && summary.periodic_cycles <= n && summary.joined_cycles <= n);
  FUZZ_CHECK (summary.n_events <= hs_trace_get_n_events (trace));
  if (n > 0)
    {
      FUZZ_CHECK (summary.pause_p50_us <= summary.pause_p90_us);
      FUZZ_CHECK (summary.pause_p90_us <= summary.pause_p95_us);
      FUZZ_CHECK (summary.pause_p95_us <= summary.pause_p99_us);
      FUZZ_CHECK (summary.pause_p99_us <= summary.pause_p999_us);
      FUZZ_CHECK (summary.pause_p999_us <= summary.pause_max_us);
      FUZZ_CHECK (summary.pause_max_cycle >= first && summary.pause_max_cycle < first + n);
      FUZZ_CHECK (summary.procs_min <= summary.procs_max);
      FUZZ_CHECK (summary.n_runs >= 1 && summary.n_runs <= hs_trace_get_n_runs (trace));
    }
}

/* Every accessor over every cycle and event: none may crash, read out of bounds or complain. */
void
fuzz_exercise_trace (HsTrace *trace)
{
  guint n_cycles = hs_trace_get_n_cycles (trace);
  guint n_events = hs_trace_get_n_events (trace);
  guint n_runs = hs_trace_get_n_runs (trace);
  g_autofree double *values = g_new (double, MAX (n_cycles, 1));
  g_autofree char *format = hs_trace_describe_format (trace);
  guint covered = 0;
  guint n_kept;

  FUZZ_CHECK ((n_cycles == 0) == (n_runs == 0));
  /* a version is named whenever any GC line, read or legacy, was seen */
  FUZZ_CHECK ((format == NULL) == (hs_trace_get_gc_formats (trace) == HS_GC_FORMAT_NONE));
  for (guint r = 0; r < n_runs; r++)
    {
      const HsRun *run = hs_trace_get_run (trace, r);

      FUZZ_CHECK (run->first_cycle == covered);
      FUZZ_CHECK (run->n_cycles > 0);
      FUZZ_CHECK (hs_trace_get_run_of_cycle (trace, run->first_cycle) == r);
      covered += run->n_cycles;
    }
  FUZZ_CHECK (covered == n_cycles);

  for (HsGcField field = 0; field < HS_N_GC_FIELDS; field++)
    {
      hs_trace_get_gc_values (trace, field, 0, n_cycles, values);
      for (guint i = 0; i < n_cycles; i++)
        check_same_double (values[i], hs_trace_get_gc_value (trace, field, i));
    }

  for (guint i = 0; i < n_cycles; i++)
    {
      HsGcRecord record;

      hs_trace_get_gc_record (trace, i, &record);
      FUZZ_CHECK (((record.flags & HS_GC_FLAG_NEW_RUN) != 0) ==
                  (hs_trace_get_run (trace, hs_trace_get_run_of_cycle (trace, i))->first_cycle == i));
      (void) hs_trace_get_gc_label (trace, i);
      FUZZ_CHECK (hs_trace_get_gc_flags (trace, i) == record.flags);
    }

  for (guint i = 0; i < n_events; i++)
    {
      HsScavRecord record;

      for (HsScavField field = 0; field < HS_N_SCAV_FIELDS; field++)
        (void) hs_trace_get_scav_value (trace, field, i);
      hs_trace_get_scav_record (trace, i, &record);
      FUZZ_CHECK (hs_trace_get_scav_cycle (trace, i) <= n_cycles);
    }

  (void) hs_trace_get_malformed (trace, &n_kept);
  FUZZ_CHECK (n_kept <= HS_MAX_MALFORMED_KEPT);
  FUZZ_CHECK (n_kept <= hs_trace_get_line_counts (trace)->malformed);
  (void) hs_trace_get_memory (trace);
  (void) hs_trace_has_wall_time (trace);

  check_summary (trace, 0, n_cycles);
  if (n_cycles > 1)
    {
      check_summary (trace, 1, n_cycles - 1);
      check_summary (trace, n_cycles / 2, 1);
      check_summary (trace, 0, 0);
    }
}
