/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-summary.c: heapscope --summary [--json]: statistics without a window. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "hs-cli.h"
#include "hs-cli-input.h"
#include "trace/hs-findings.h"
#include "trace/hs-summary.h"

static double
us_to_ms (guint64 us)
{
  return (double) us / 1000.0;
}

static void
add_int (JsonBuilder *builder,
         const char  *key,
         guint64      value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

static void
add_double (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_double_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
summary_to_json (HsTrace         *trace,
                 const HsSummary *s,
                 GPtrArray       *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *version = hs_trace_describe_format (trace);
  const HsLineCounts *counts = hs_trace_get_line_counts (trace);
  const HsMalformedLine *malformed;
  guint n_kept;

  json_builder_begin_object (builder);
  add_string (builder, "name", hs_trace_get_name (trace));
  add_int (builder, "lines", counts->lines);
  add_int (builder, "parsed_lines", hs_trace_get_parsed_lines (trace));
  add_int (builder, "skipped_lines", counts->foreign);
  add_int (builder, "malformed_lines", counts->malformed);
  add_int (builder, "unsupported_lines", counts->legacy);
  add_int (builder, "joined_records", counts->joined);
  add_int (builder, "gc_cycles", s->n_cycles);
  add_int (builder, "forced_cycles", s->forced_cycles);
  add_int (builder, "periodic_cycles", s->periodic_cycles);
  add_int (builder, "scavenger_events", s->n_events);
  add_int (builder, "runs", hs_trace_get_n_runs (trace));
  add_string (builder, "format", hs_gc_format_to_string (hs_trace_get_gc_formats (trace)));
  add_string (builder, "scavenger_format", hs_scav_format_to_string (hs_trace_get_scav_formats (trace)));
  add_string (builder, "go_version", version);
  add_double (builder, "duration_s", s->duration_s);

  add_int (builder, "polled_cycles", s->sampled_cycles);
  json_builder_set_member_name (builder, "heap_mb");
  /* cycles polled from memstats carry no heap sizes: unknown, not 0 */
  if (hs_summary_is_polled_only (s))
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_int (builder, "peak", s->heap_peak_mb);
      add_int (builder, "live_peak", s->live_peak_mb);
      add_int (builder, "goal_peak", s->goal_peak_mb);
      add_int (builder, "stacks_peak", s->stacks_peak_mb);
      add_int (builder, "globals_peak", s->globals_peak_mb);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "pause_ms");
  json_builder_begin_object (builder);
  add_double (builder, "total", us_to_ms (s->pause_total_us));
  add_double (builder, "max", us_to_ms (s->pause_max_us));
  add_double (builder, "p50", us_to_ms (s->pause_p50_us));
  add_double (builder, "p90", us_to_ms (s->pause_p90_us));
  add_double (builder, "p95", us_to_ms (s->pause_p95_us));
  add_double (builder, "p99", us_to_ms (s->pause_p99_us));
  add_double (builder, "p99_9", us_to_ms (s->pause_p999_us));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "gc_cpu_percent");
  if (s->has_cpu_percent)
    json_builder_add_int_value (builder, (gint64) s->cpu_percent_last);
  else
    json_builder_add_null_value (builder);

  add_double (builder, "released_mb", (double) s->released_kib / 1024.0);
  add_double (builder, "os_held_peak_mb", (double) s->os_held_peak_kib / 1024.0);
  add_double (builder, "cycles_per_minute", s->cycles_per_minute);
  if (hs_summary_is_polled_only (s))
    {
      /* polled cycles: unknown, not 0 */
      json_builder_set_member_name (builder, "alloc_rate_mb_s");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "gc_cpu_computed_percent");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "gomaxprocs_changes");
      json_builder_add_null_value (builder);
    }
  else
    {
      add_double (builder, "alloc_rate_mb_s", s->alloc_rate / 1048576.0);
      add_double (builder, "gc_cpu_computed_percent", s->gc_cpu_computed);
      add_int (builder, "gomaxprocs_changes", s->procs_changes);
    }

  json_builder_set_member_name (builder, "pause_histogram");
  json_builder_begin_array (builder);
  for (guint b = 0; b < HS_PAUSE_BUCKETS; b++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "below_ms");
      if (b < HS_PAUSE_BUCKETS - 1)
        json_builder_add_double_value (builder, hs_pause_bucket_upper_ms[b]);
      else
        json_builder_add_null_value (builder);
      add_int (builder, "count", s->pause_histogram[b]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "malformed");
  json_builder_begin_array (builder);
  malformed = hs_trace_get_malformed (trace, &n_kept);
  for (guint i = 0; i < n_kept; i++)
    {
      json_builder_begin_object (builder);
      add_int (builder, "line", malformed[i].line);
      add_string (builder, "reason", malformed[i].reason);
      add_string (builder, "text", malformed[i].text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      add_string (builder, "id", f->id);
      add_string (builder, "severity", hs_severity_to_string (f->severity));
      add_double (builder, "t_start_s", f->t_start);
      add_double (builder, "t_end_s", f->t_end);
      add_string (builder, "title", f->title);
      add_string (builder, "detail", f->detail);
      add_string (builder, "advice", f->advice);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}

static const char *
severity_label (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return _("Problem");
    case HS_SEVERITY_WARNING: return _("Warning");
    case HS_SEVERITY_INFO:
    default: return _("Note");
    }
}

static void
print_findings (GPtrArray *findings)
{
  if (findings->len == 0)
    {
      g_print (_("  Findings:    none; the GC looks healthy in this trace\n"));
      return;
    }

  g_print (_("  Findings:\n"));
  for (guint i = 0; i < findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (findings, i);

      g_print ("\n    %s: %s\n", severity_label (f->severity), f->title);
      g_print (_("      %.1f s – %.1f s\n"), f->t_start, f->t_end);
      g_print ("      %s\n", f->detail);
      g_print ("      → %s\n", f->advice);
    }
}

static void
print_text (HsTrace         *trace,
            const HsSummary *s)
{
  const HsLineCounts *counts = hs_trace_get_line_counts (trace);
  g_autofree char *version = hs_trace_describe_format (trace);
  g_autofree char *total = hs_format_pause (s->pause_total_us);
  g_autofree char *max = hs_format_pause (s->pause_max_us);
  g_autofree char *p50 = hs_format_pause (s->pause_p50_us);
  g_autofree char *p95 = hs_format_pause (s->pause_p95_us);
  g_autofree char *p99 = hs_format_pause (s->pause_p99_us);
  const HsMalformedLine *malformed;
  guint n_kept;

  g_print ("%s\n", hs_trace_get_name (trace));
  if (version != NULL)
    g_print (_("  Format:      %s (%s)\n"), version,
             hs_gc_format_to_string (hs_trace_get_gc_formats (trace)));
  g_print (_("  Lines:       %" PRIu64 " read, %" PRIu64 " runtime, %"
             PRIu64 " skipped, %" PRIu64 " malformed, %" PRIu64
             " unsupported\n"),
           counts->lines, hs_trace_get_parsed_lines (trace), counts->foreign,
           counts->malformed, counts->legacy);
  g_print (_("  GC cycles:   %u (%u forced, %u periodic) in %u runs over %.3f s\n"),
           s->n_cycles, s->forced_cycles, s->periodic_cycles, hs_trace_get_n_runs (trace),
           s->duration_s);
  if (s->sampled_cycles > 0)
    g_print (ngettext ("  Polled:      %u GC cycle polled from memstats (its end time and pause only)\n",
                       "  Polled:      %u GC cycles polled from memstats (their end times and pauses only)\n",
                       s->sampled_cycles),
             s->sampled_cycles);
  if (s->has_heap)
    {
      g_print (_("  Heap:        peak %" PRIu64 " MB, live peak %" PRIu64
                 " MB, goal peak %" PRIu64 " MB\n"),
               s->heap_peak_mb, s->live_peak_mb, s->goal_peak_mb);
      if (s->stacks_peak_mb > 0 || s->globals_peak_mb > 0)
        g_print (_("  Roots:       stacks peak %" PRIu64 " MB, globals peak %"
                   PRIu64 " MB\n"),
                 s->stacks_peak_mb, s->globals_peak_mb);
    }
  if (s->n_cycles > 0)
    g_print (_("  Pauses:      total %s, max %s (gc %.0f), p50 %s, p95 %s, p99 %s\n"),
             total, max, hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, s->pause_max_cycle),
             p50, p95, p99);
  if (s->has_heap)
    {
      g_print (_("  GC CPU:      %" PRIu64 "%% (cumulative, as last reported), %.1f%% computed from the phases\n"),
               s->cpu_percent_last, s->gc_cpu_computed);
      g_print (_("  Rate:        %.1f cycles a minute, %.1f MB/s allocated\n"),
               s->cycles_per_minute, s->alloc_rate / 1048576.0);
    }
  g_print (_("  Scavenger:   %u events, %.1f MB returned to the OS\n"),
           s->n_events, (double) s->released_kib / 1024.0);

  malformed = hs_trace_get_malformed (trace, &n_kept);
  for (guint i = 0; i < MIN (n_kept, 5); i++)
    g_print (_("  Malformed:   line %" PRIu64 ": %s\n"), malformed[i].line,
             _(malformed[i].reason));
}

int
hs_cli_summary (const char *path,
                gboolean    json)
{
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  HsSummary summary;
  int status;

  trace = hs_cli_open_trace (path, &status);
  if (trace == NULL)
    return status;

  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &summary);
  findings = hs_findings_analyze (trace);

  if (json)
    {
      g_autofree char *text = summary_to_json (trace, &summary, findings);

      g_print ("%s\n", text);
    }
  else
    {
      print_text (trace, &summary);
      print_findings (findings);
    }

  return HS_EXIT_OK;
}
