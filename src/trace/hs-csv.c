/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-csv.c: CSV (and tab-separated copies) of GC cycles and scavenger events. */

#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "hs-csv.h"

/*
 * Values are written exactly as the runtime printed them: phases are whole microseconds
 * printed as milliseconds with three decimals (0.417, never 0.41699999), heap sizes in MB.
 * The same function writes the "Copy" of table rows (tab-separated) and the CSV export.
 */

static const char * const cycle_columns[] = {
  "run", "gc", "line", "time_s", "process_time_s", "wall_time", "gc_cpu_percent",
  "sweep_term_ms", "mark_ms", "mark_term_ms", "pause_ms",
  "cpu_sweep_term_ms", "cpu_assist_ms", "cpu_background_ms", "cpu_idle_ms", "cpu_mark_term_ms",
  "heap_before_mb", "heap_after_mb", "heap_live_mb", "heap_goal_mb", "stacks_mb", "globals_mb",
  "procs", "cause", "prefix",
};

static const char * const event_columns[] = {
  "event", "line", "after_gc", "time_s", "time_estimated", "kind", "sequence", "forced",
  "controller_reset", "released_now_mb", "inuse_mb", "idle_mb", "sys_mb", "released_mb",
  "consumed_mb", "work_kib", "eager_kib", "retained_kib", "util_percent",
};

void
hs_format_us_as_ms (guint64  us,
                    GString *out)
{
  g_string_append_printf (out, "%" PRIu64 ".%03u", us / 1000, (guint) (us % 1000));
}

const char *
hs_gc_cause_to_string (guint flags)
{
  if (flags & HS_GC_FLAG_SAMPLED)
    return "polled";
  if (flags & HS_GC_FLAG_FORCED)
    return "forced";
  if (flags & HS_GC_FLAG_PERIODIC)
    return "periodic";
  return "normal";
}

static void
append_field (GString    *out,
              const char *text,
              char        separator)
{
  gboolean quote = separator == ',' && strpbrk (text, ",\"\r\n") != NULL;

  if (separator == '\t')
    {
      /* a tab inside a copied cell would shift every column after it */
      for (const char *p = text; *p != '\0'; p++)
        g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
      return;
    }

  if (!quote)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static const char *
line_end (char separator)
{
  /* RFC 4180 ends records with CRLF; a clipboard copy uses plain newlines */
  return separator == ',' ? "\r\n" : "\n";
}

static void
append_header (GString            *out,
               const char * const *columns,
               guint               n,
               char                separator)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      g_string_append (out, columns[i]);
    }
  g_string_append (out, line_end (separator));
}

static void
append_seconds (GString *out,
                double   seconds)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* the runtime prints @T with millisecond resolution */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.3f", seconds));
}

static void
append_wall_time (GString *out,
                  HsTrace *trace,
                  guint    cycle)
{
  double wall = hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, cycle);
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *text = NULL;

  if (isnan (wall))
    return;

  dt = g_date_time_new_from_unix_utc ((gint64) floor (wall));
  if (dt == NULL)
    return;
  dt = g_date_time_add (g_steal_pointer (&dt),
                        (GTimeSpan) llround ((wall - floor (wall)) * G_USEC_PER_SEC));
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_string_append (out, text);
}

/*
 * The memory sample columns, in the order of the Memory Samples table. RES and VIRT come
 * first: the cycles table has them too, each cycle's from the sample nearest to it.
 */
static const struct
{
  const char    *name;
  HsSampleField  field;
} sample_columns[] = {
  { "rss_bytes", HS_SAMPLE_FIELD_RSS },
  { "virt_bytes", HS_SAMPLE_FIELD_VM_SIZE },
  { "rss_anon_bytes", HS_SAMPLE_FIELD_RSS_ANON },
  { "rss_file_bytes", HS_SAMPLE_FIELD_RSS_FILE },
  { "heap_alloc_bytes", HS_SAMPLE_FIELD_HEAP_ALLOC },
  { "heap_inuse_bytes", HS_SAMPLE_FIELD_HEAP_INUSE },
  { "heap_idle_bytes", HS_SAMPLE_FIELD_HEAP_IDLE },
  { "heap_released_bytes", HS_SAMPLE_FIELD_HEAP_RELEASED },
  { "heap_sys_bytes", HS_SAMPLE_FIELD_HEAP_SYS },
  { "sys_bytes", HS_SAMPLE_FIELD_SYS },
  { "next_gc_bytes", HS_SAMPLE_FIELD_NEXT_GC },
  { "gc_cpu_fraction", HS_SAMPLE_FIELD_GC_CPU_FRACTION },
};

#define N_CYCLE_SAMPLE_COLUMNS 2

/* Which of the first @n sample columns the trace has values of; their names go to @header. */
static void
find_sample_columns (HsTrace  *trace,
                     guint     n,
                     gboolean *present,
                     GString  *header,
                     char      separator)
{
  for (guint c = 0; c < n; c++)
    {
      present[c] = hs_trace_has_sample_field (trace, sample_columns[c].field);
      if (present[c] && header != NULL)
        g_string_append_printf (header, "%c%s", separator, sample_columns[c].name);
    }
}

/* Bytes as exact integers (whole numbers below 2^53, exact in a double); the GC CPU fraction
 * in the shortest form that reads back the same; nothing for a value the row lacks. */
static void
append_sample_value (GString       *out,
                     HsSampleField  field,
                     double         value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;
  if (field == HS_SAMPLE_FIELD_GC_CPU_FRACTION)
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
  else
    g_string_append_printf (out, "%" PRIu64, (guint64) value);
}

/* run … pause_ms … procs of a cycle read from a trace line: every value as printed */
static void
append_cycle_values (GString          *out,
                     HsTrace          *trace,
                     guint             i,
                     const HsGcRecord *r,
                     char              sep)
{
  g_string_append_printf (out, "%u%c%" PRIu64 "%c%" PRIu64 "%c",
                          hs_trace_get_run_of_cycle (trace, i) + 1, sep,
                          r->number, sep, hs_trace_get_gc_line (trace, i), sep);
  append_seconds (out, hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i));
  g_string_append_c (out, sep);
  append_seconds (out, (double) r->time_ms / 1000.0);
  g_string_append_c (out, sep);
  append_wall_time (out, trace, i);
  g_string_append_printf (out, "%c%" PRIu64 "%c", sep, r->cpu_percent, sep);

  hs_format_us_as_ms (r->clock_us[HS_CLOCK_SWEEP_TERM], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->clock_us[HS_CLOCK_SCAN] + r->clock_us[HS_CLOCK_INSTALL_WB] +
                      r->clock_us[HS_CLOCK_MARK], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->clock_us[HS_CLOCK_MARK_TERM], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->clock_us[HS_CLOCK_SWEEP_TERM] + r->clock_us[HS_CLOCK_MARK_TERM], out);
  g_string_append_c (out, sep);

  hs_format_us_as_ms (r->cpu_us[HS_CPU_SWEEP_TERM], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->cpu_us[HS_CPU_ASSIST], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->cpu_us[HS_CPU_SCAN] + r->cpu_us[HS_CPU_INSTALL_WB] +
                      r->cpu_us[HS_CPU_BACKGROUND], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->cpu_us[HS_CPU_IDLE], out);
  g_string_append_c (out, sep);
  hs_format_us_as_ms (r->cpu_us[HS_CPU_MARK_TERM], out);

  g_string_append_printf (out, "%c%" PRIu64 "%c%" PRIu64 "%c%" PRIu64 "%c%" PRIu64
                          "%c%" PRIu64 "%c%" PRIu64 "%c%" PRIu64,
                          sep, r->heap_before_mb, sep, r->heap_after_mb, sep, r->heap_live_mb,
                          sep, r->heap_goal_mb, sep, r->stacks_mb, sep, r->globals_mb,
                          sep, r->procs);
}

/*
 * The same columns of a cycle polled from expvar or Prometheus: it knows its number, times
 * and whole pause; every other field is empty, since its 0 means unknown.
 */
static void
append_polled_cycle_values (GString          *out,
                            HsTrace          *trace,
                            guint             i,
                            const HsGcRecord *r,
                            char              sep)
{
  g_string_append_printf (out, "%u%c%" PRIu64 "%c%c", hs_trace_get_run_of_cycle (trace, i) + 1, sep,
                          r->number, sep, sep);
  append_seconds (out, hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i));
  g_string_append_c (out, sep);
  append_seconds (out, (double) r->time_ms / 1000.0);
  g_string_append_c (out, sep);
  append_wall_time (out, trace, i);
  /* gc_cpu_percent, sweep_term_ms, mark_ms, mark_term_ms */
  g_string_append_printf (out, "%c%c%c%c%c", sep, sep, sep, sep, sep);
  hs_format_us_as_ms (r->clock_us[HS_CLOCK_SWEEP_TERM] + r->clock_us[HS_CLOCK_MARK_TERM], out);
  /* five CPU phases, four heap sizes, stacks, globals, procs */
  for (guint k = 0; k < 12; k++)
    g_string_append_c (out, sep);
}

void
hs_csv_write_cycle_rows (HsTrace     *trace,
                         const guint *cycles,
                         guint        first,
                         guint        n,
                         gboolean     header,
                         char         separator,
                         GString     *out)
{
  gboolean sample_column[N_CYCLE_SAMPLE_COLUMNS];

  if (header)
    {
      append_header (out, cycle_columns, G_N_ELEMENTS (cycle_columns), separator);
      /* the header's line end goes after the sample columns */
      g_string_truncate (out, out->len - strlen (line_end (separator)));
    }
  find_sample_columns (trace, N_CYCLE_SAMPLE_COLUMNS, sample_column, header ? out : NULL, separator);
  if (header)
    g_string_append (out, line_end (separator));

  for (guint k = 0; k < n; k++)
    {
      guint i = cycles != NULL ? cycles[k] : first + k;
      HsGcRecord r;
      const char *label;
      char sep = separator;

      hs_trace_get_gc_record (trace, i, &r);
      label = hs_trace_get_gc_label (trace, i);

      if (hs_gc_field_is_known (HS_GC_FIELD_HEAP_LIVE, r.flags))
        append_cycle_values (out, trace, i, &r, sep);
      else
        append_polled_cycle_values (out, trace, i, &r, sep);
      g_string_append_printf (out, "%c%s%c", sep, hs_gc_cause_to_string (r.flags), sep);
      append_field (out, label != NULL ? label : "", separator);

      for (guint c = 0; c < N_CYCLE_SAMPLE_COLUMNS; c++)
        if (sample_column[c])
          {
            g_string_append_c (out, sep);
            append_sample_value (out, sample_columns[c].field,
                                 hs_trace_get_cycle_sample_value (trace, sample_columns[c].field, i));
          }
      g_string_append (out, line_end (separator));
    }
}

static const char *
scav_kind_to_string (const HsScavRecord *r)
{
  if (r->format & (HS_SCAV_FORMAT_SCAV_114 | HS_SCAV_FORMAT_SCAV_GEN | HS_SCAV_FORMAT_SCAV_121))
    return "scav";
  if (r->format & HS_SCAV_FORMAT_SCVG_113)
    return "scvg-1.13";
  return "scvg";
}

static void
append_kib_as_mb (GString *out,
                  guint64  kib)
{
  /* scvg values were printed in whole MB */
  g_string_append_printf (out, "%" PRIu64, kib >> 10);
}

void
hs_csv_write_event_rows (HsTrace     *trace,
                         const guint *events,
                         guint        first,
                         guint        n,
                         gboolean     header,
                         char         separator,
                         GString     *out)
{
  guint n_cycles = hs_trace_get_n_cycles (trace);

  if (header)
    append_header (out, event_columns, G_N_ELEMENTS (event_columns), separator);

  for (guint k = 0; k < n; k++)
    {
      guint i = events != NULL ? events[k] : first + k;
      guint cycle = hs_trace_get_scav_cycle (trace, i);
      gboolean scvg;
      char sep = separator;
      HsScavRecord r;

      hs_trace_get_scav_record (trace, i, &r);
      scvg = (r.format & (HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_HEX | HS_SCAV_FORMAT_SCVG_113)) != 0;

      g_string_append_printf (out, "%u%c%" PRIu64 "%c", i + 1, sep,
                              hs_trace_get_scav_line (trace, i), sep);
      if (cycle > 0 && cycle <= n_cycles)
        g_string_append_printf (out, "%.0f", hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, cycle - 1));
      g_string_append_c (out, sep);
      if (n_cycles > 0)
        append_seconds (out, hs_trace_get_scav_value (trace, HS_SCAV_FIELD_TIME, i));
      g_string_append_printf (out, "%ctrue%c%s%c", sep, sep, scav_kind_to_string (&r), sep);
      if (r.flags & HS_SCAV_FLAG_HAS_SEQUENCE)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, r.sequence);
      g_string_append_printf (out, "%c%s%c%s%c", sep,
                              (r.flags & HS_SCAV_FLAG_FORCED) ? "true" : "false", sep,
                              (r.flags & HS_SCAV_FLAG_CONTROLLER_RESET) ? "true" : "false", sep);

      if (scvg)
        {
          if (r.flags & HS_SCAV_FLAG_HAS_RELEASED_NOW)
            append_kib_as_mb (out, r.released_now_kib);
          g_string_append_c (out, sep);
          if (r.kind == HS_SCAV_KIND_SCVG)
            {
              append_kib_as_mb (out, r.inuse_kib);
              g_string_append_c (out, sep);
              append_kib_as_mb (out, r.idle_kib);
              g_string_append_c (out, sep);
              append_kib_as_mb (out, r.sys_kib);
              g_string_append_c (out, sep);
              append_kib_as_mb (out, r.released_kib);
              g_string_append_c (out, sep);
              append_kib_as_mb (out, r.consumed_kib);
            }
          else
            {
              g_string_append_printf (out, "%c%c%c%c", sep, sep, sep, sep);
            }
          /* work, eager, retained, util belong to scav lines */
          g_string_append_printf (out, "%c%c%c%c", sep, sep, sep, sep);
        }
      else
        {
          g_string_append_printf (out, "%c%c%c%c%c%c", sep, sep, sep, sep, sep, sep);
          g_string_append_printf (out, "%" PRIu64 "%c", r.work_kib, sep);
          if (r.format & HS_SCAV_FORMAT_SCAV_121)
            g_string_append_printf (out, "%" PRIu64, r.eager_kib);
          g_string_append_printf (out, "%c%" PRIu64 "%c%" PRIu64, sep, r.retained_kib, sep,
                                  r.util_percent);
        }

      g_string_append (out, line_end (separator));
    }
}

static void
append_unix_us (GString *out,
                gint64   us)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (us / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  if (dt == NULL)
    return;
  dt = g_date_time_add (g_steal_pointer (&dt), us % G_USEC_PER_SEC);
  text = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_string_append (out, text);
}

/*
 * Memory samples: time on the trace's axis, wall clock, source, then one column per field
 * the trace has samples of; a sample without that field leaves it empty.
 */
void
hs_csv_write_sample_rows (HsTrace     *trace,
                          const guint *samples,
                          guint        first,
                          guint        n,
                          gboolean     header,
                          char         separator,
                          GString     *out)
{
  gboolean present[G_N_ELEMENTS (sample_columns)];

  if (header)
    g_string_append_printf (out, "time_s%cwall_time%csource", separator, separator);
  find_sample_columns (trace, G_N_ELEMENTS (sample_columns), present, header ? out : NULL, separator);
  if (header)
    g_string_append (out, line_end (separator));

  for (guint k = 0; k < n; k++)
    {
      guint i = samples != NULL ? samples[k] : first + k;
      gint64 wall = hs_trace_get_sample_wall_time (trace, i);

      append_seconds (out, hs_trace_get_sample_time (trace, i));
      g_string_append_c (out, separator);
      if (wall != 0)
        append_unix_us (out, wall);
      g_string_append_printf (out, "%c%s", separator, hs_sample_source_to_string (hs_trace_get_sample_source (trace, i)));

      for (guint c = 0; c < G_N_ELEMENTS (sample_columns); c++)
        if (present[c])
          {
            g_string_append_c (out, separator);
            append_sample_value (out, sample_columns[c].field,
                                 hs_trace_get_sample_value (trace, sample_columns[c].field, i));
          }
      g_string_append (out, line_end (separator));
    }
}

/* Writes the whole table to @out in pieces, calling @flush after each so memory stays small. */
void
hs_csv_write (HsTrace          *trace,
              HsCsvTable        table,
              HsCsvFlushFunc    flush,
              gpointer          user_data)
{
  const guint block = 8192;
  guint total = table == HS_CSV_CYCLES ? hs_trace_get_n_cycles (trace) :
                table == HS_CSV_SAMPLES ? hs_trace_get_n_samples (trace) : hs_trace_get_n_events (trace);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint first = 0; first < total || first == 0; first += block)
    {
      guint n = MIN (block, total - first);

      if (table == HS_CSV_CYCLES)
        hs_csv_write_cycle_rows (trace, NULL, first, n, first == 0, ',', out);
      else if (table == HS_CSV_SAMPLES)
        hs_csv_write_sample_rows (trace, NULL, first, n, first == 0, ',', out);
      else
        hs_csv_write_event_rows (trace, NULL, first, n, first == 0, ',', out);
      flush (out, user_data);
      g_string_truncate (out, 0);
      if (total == 0)
        break;
    }
}
