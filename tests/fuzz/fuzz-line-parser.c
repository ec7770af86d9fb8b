/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-line-parser.c: the input as one line to hs_line_parse, then as lines to HsParser. */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "hs-parser.h"

/* µs as the runtime prints ms; always 3 decimals, which the parser reads exactly */
static void
append_ms (GString *s,
           guint64  us)
{
  g_string_append_printf (s, "%" G_GUINT64_FORMAT ".%03u", us / 1000, (guint) (us % 1000));
}

/* Phases @index of @us, in ms, joined by one character of @separators each. */
static void
append_phases (GString       *s,
               const guint64 *us,
               const guint   *index,
               const char    *separators)
{
  append_ms (s, us[index[0]]);
  for (guint i = 0; separators[i] != '\0'; i++)
    {
      g_string_append_c (s, separators[i]);
      append_ms (s, us[index[i + 1]]);
    }
}

/* The line the runtime would print for @gc, in @gc's format. */
static GString *
print_gc (const HsGcRecord *gc)
{
  static const guint clock_go15[] = { HS_CLOCK_SWEEP_TERM, HS_CLOCK_SCAN, HS_CLOCK_INSTALL_WB,
                                      HS_CLOCK_MARK, HS_CLOCK_MARK_TERM };
  static const guint clock_go16[] = { HS_CLOCK_SWEEP_TERM, HS_CLOCK_MARK, HS_CLOCK_MARK_TERM };
  static const guint cpu_go15[] = { HS_CPU_SWEEP_TERM, HS_CPU_SCAN, HS_CPU_INSTALL_WB, HS_CPU_ASSIST,
                                    HS_CPU_BACKGROUND, HS_CPU_IDLE, HS_CPU_MARK_TERM };
  static const guint cpu_go16[] = { HS_CPU_SWEEP_TERM, HS_CPU_ASSIST, HS_CPU_BACKGROUND, HS_CPU_IDLE,
                                    HS_CPU_MARK_TERM };
  GString *s = g_string_new (NULL);
  gboolean go15 = gc->format == HS_GC_FORMAT_GO15 || gc->format == HS_GC_FORMAT_GO15_BETA;

  g_string_append_printf (s, "gc %s%" G_GUINT64_FORMAT " @", gc->format == HS_GC_FORMAT_GO15_BETA ? "#" : "",
                          gc->number);
  append_ms (s, gc->time_ms);
  g_string_append_printf (s, "s %" G_GUINT64_FORMAT "%%: ", gc->cpu_percent);
  append_phases (s, gc->clock_us, go15 ? clock_go15 : clock_go16, go15 ? "++++" : "++");
  g_string_append (s, " ms clock, ");
  append_phases (s, gc->cpu_us, go15 ? cpu_go15 : cpu_go16, go15 ? "+++//+" : "+//+");
  g_string_append_printf (s, " ms cpu, %" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT
                          " MB, %" G_GUINT64_FORMAT " MB goal, ",
                          gc->heap_before_mb, gc->heap_after_mb, gc->heap_live_mb, gc->heap_goal_mb);
  if (gc->format == HS_GC_FORMAT_GO118)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " MB stacks, %" G_GUINT64_FORMAT " MB globals, ",
                            gc->stacks_mb, gc->globals_mb);
  g_string_append_printf (s, "%" G_GUINT64_FORMAT " P%s", gc->procs,
                          (gc->flags & HS_GC_FLAG_FORCED) ? " (forced)" : "");

  return s;
}

/* The scavtrace line (Go 1.14+) the runtime would print for @scav. */
static GString *
print_scav (const HsScavRecord *scav)
{
  GString *s = g_string_new ("scav ");

  if (scav->format == HS_SCAV_FORMAT_SCAV_GEN)
    g_string_append_printf (s, "%" G_GINT64_FORMAT " ", scav->sequence);
  if (scav->format == HS_SCAV_FORMAT_SCAV_121)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " KiB work (bg), %" G_GUINT64_FORMAT
                            " KiB work (eager), %" G_GUINT64_FORMAT " KiB now, ",
                            scav->work_kib, scav->eager_kib, scav->retained_kib);
  else
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " KiB work, %" G_GUINT64_FORMAT " KiB total, ",
                            scav->work_kib, scav->retained_kib);
  g_string_append_printf (s, "%" G_GUINT64_FORMAT "%% util%s", scav->util_percent,
                          (scav->flags & HS_SCAV_FLAG_FORCED) ? " (forced)" :
                          (scav->flags & HS_SCAV_FLAG_CONTROLLER_RESET) ? " [controller reset]" : "");

  return s;
}

/*
 * Whatever spelling the parser accepted (leading zeros, extra decimals, a prefix), the
 * record printed back in the runtime's own form must read as the same record.
 */
static void
check_reprint (const HsLineResult *result)
{
  g_autoptr(GString) line = NULL;
  HsLineResult again;

  if (result->kind == HS_LINE_GC)
    line = print_gc (&result->gc);
  else if (result->kind == HS_LINE_SCAVENGER && result->scav.kind == HS_SCAV_KIND_SCAV)
    line = print_scav (&result->scav);
  else
    return;

  hs_line_parse (line->str, line->len, &again);
  FUZZ_CHECK (again.kind == result->kind);
  FUZZ_CHECK (again.prefix.record_offset == 0);
  if (result->kind == HS_LINE_GC)
    FUZZ_CHECK (memcmp (&again.gc, &result->gc, sizeof (HsGcRecord)) == 0);
  else
    FUZZ_CHECK (memcmp (&again.scav, &result->scav, sizeof (HsScavRecord)) == 0);
}

static void
check_one_line (const char *line,
                gsize       len)
{
  HsLineResult result;

  hs_line_parse (line, len, &result);

  FUZZ_CHECK (result.kind <= HS_LINE_MALFORMED);
  FUZZ_CHECK (result.prefix.record_offset <= len);
  FUZZ_CHECK (result.kind != HS_LINE_MALFORMED || result.reason != NULL);
  FUZZ_CHECK (!result.incomplete || result.kind == HS_LINE_MALFORMED);
  FUZZ_CHECK (!result.incomplete || result.good_length <= len - result.prefix.record_offset);
  if (result.prefix.has_wall_time)
    FUZZ_CHECK (result.prefix.time_start + result.prefix.time_length <= result.prefix.record_offset);

  switch (result.kind)
    {
    case HS_LINE_GC:
      /* one line has exactly one shape, and a legacy line is not read as a cycle */
      FUZZ_CHECK (result.gc.format != HS_GC_FORMAT_NONE && result.gc.format != HS_GC_FORMAT_LEGACY);
      FUZZ_CHECK ((result.gc.format & (result.gc.format - 1)) == 0);
      FUZZ_CHECK ((result.gc.flags & ~(guint) HS_GC_FLAG_FORCED) == 0);
      break;
    case HS_LINE_SCAVENGER:
      FUZZ_CHECK (result.scav.format != HS_SCAV_FORMAT_NONE);
      FUZZ_CHECK ((result.scav.format & ~(guint) (HS_SCAV_FORMAT_SCAV_121 * 2 - 1)) == 0);
      FUZZ_CHECK (result.scav.kind <= HS_SCAV_KIND_SCAV);
      break;
    case HS_LINE_FOREIGN:
    case HS_LINE_GC_LEGACY:
    case HS_LINE_PERIODIC_MARKER:
    case HS_LINE_OTHER_RUNTIME:
    case HS_LINE_MALFORMED:
    default:
      break;
    }

  if (result.prefix.record_offset > 0)
    {
      g_autofree char *label = hs_line_prefix_label (line, &result.prefix);
      HsLinePrefix prefix;

      FUZZ_CHECK (g_utf8_validate (label, -1, NULL));
      (void) hs_line_find_prefix_time (line, result.prefix.record_offset, &prefix);
    }

  check_reprint (&result);
  (void) hs_parser_line_waits_for_next (line, len);
}

/* Line @number (from 1) of @text, as the parser split it. */
static const char *
nth_line (const char *text,
          gsize       size,
          guint64     number,
          gsize      *len)
{
  const char *p = text;
  const char *end = text + size;
  const char *nl;

  for (guint64 i = 1; i < number; i++)
    {
      nl = memchr (p, '\n', (gsize) (end - p));
      FUZZ_CHECK (nl != NULL);
      p = nl + 1;
    }

  nl = memchr (p, '\n', (gsize) (end - p));
  *len = (gsize) ((nl != NULL ? nl : end) - p);
  return p;
}

/*
 * What the columns give back for every cycle and event is what its own line says: the
 * compact columns lose nothing (a joined record is left out: its line alone is torn).
 */
static void
check_columns (HsTrace    *trace,
               const char *text,
               gsize       size)
{
  for (guint i = 0; i < hs_trace_get_n_cycles (trace); i++)
    {
      HsGcRecord stored;
      HsLineResult line;
      const HsGcRecord *gc = &line.gc;
      const char *start;
      gsize len;

      hs_trace_get_gc_record (trace, i, &stored);
      if (stored.flags & HS_GC_FLAG_JOINED)
        continue;

      start = nth_line (text, size, hs_trace_get_gc_line (trace, i), &len);
      hs_line_parse (start, len, &line);
      FUZZ_CHECK (line.kind == HS_LINE_GC);
      FUZZ_CHECK (stored.number == gc->number);
      /* the time column is signed: larger times are kept as G_MAXINT64 */
      FUZZ_CHECK (stored.time_ms == MIN (gc->time_ms, (guint64) G_MAXINT64));
      FUZZ_CHECK (stored.cpu_percent == gc->cpu_percent);
      FUZZ_CHECK (memcmp (stored.clock_us, gc->clock_us, sizeof stored.clock_us) == 0);
      FUZZ_CHECK (memcmp (stored.cpu_us, gc->cpu_us, sizeof stored.cpu_us) == 0);
      FUZZ_CHECK (stored.heap_before_mb == gc->heap_before_mb);
      FUZZ_CHECK (stored.heap_after_mb == gc->heap_after_mb);
      FUZZ_CHECK (stored.heap_live_mb == gc->heap_live_mb);
      FUZZ_CHECK (stored.heap_goal_mb == gc->heap_goal_mb);
      FUZZ_CHECK (stored.stacks_mb == gc->stacks_mb);
      FUZZ_CHECK (stored.globals_mb == gc->globals_mb);
      FUZZ_CHECK (stored.procs == gc->procs);
      FUZZ_CHECK ((stored.flags & HS_GC_FLAG_FORCED) == (gc->flags & HS_GC_FLAG_FORCED));
    }

  for (guint i = 0; i < hs_trace_get_n_events (trace); i++)
    {
      HsScavRecord stored;
      HsLineResult line;
      const HsScavRecord *scav = &line.scav;
      const char *start;
      gsize len;

      hs_trace_get_scav_record (trace, i, &stored);
      /* a scvg pair is kept at its released line, with values from both */
      if (stored.kind == HS_SCAV_KIND_SCVG && (stored.flags & HS_SCAV_FLAG_HAS_RELEASED_NOW))
        continue;

      start = nth_line (text, size, hs_trace_get_scav_line (trace, i), &len);
      hs_line_parse (start, len, &line);
      FUZZ_CHECK (line.kind == HS_LINE_SCAVENGER);
      FUZZ_CHECK (stored.kind == scav->kind);
      FUZZ_CHECK (stored.format == scav->format);
      FUZZ_CHECK (stored.flags == scav->flags);
      FUZZ_CHECK (stored.sequence == scav->sequence);
      FUZZ_CHECK (stored.released_now_kib == scav->released_now_kib);
      FUZZ_CHECK (stored.inuse_kib == scav->inuse_kib);
      FUZZ_CHECK (stored.idle_kib == scav->idle_kib);
      FUZZ_CHECK (stored.sys_kib == scav->sys_kib);
      FUZZ_CHECK (stored.released_kib == scav->released_kib);
      FUZZ_CHECK (stored.consumed_kib == scav->consumed_kib);
      FUZZ_CHECK (stored.work_kib == scav->work_kib);
      FUZZ_CHECK (stored.eager_kib == scav->eager_kib);
      FUZZ_CHECK (stored.retained_kib == scav->retained_kib);
      FUZZ_CHECK (stored.util_percent == scav->util_percent);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(HsParser) parser = hs_parser_new ();
  g_autoptr(HsTrace) trace = hs_trace_new ("fuzz");
  HsTraceStore *store;

  check_one_line (text, size);

  hs_parser_feed_lines (parser, text, size);
  hs_parser_finish (parser);
  store = hs_parser_get_store (parser);

  fuzz_check_line_counts (&store->counts, fuzz_count_lines (text, size));
  FUZZ_CHECK (hs_parser_get_lines (parser) == store->counts.lines);
  FUZZ_CHECK (hs_trace_store_get_n_cycles (store) == store->counts.gc - store->counts.joined);
  FUZZ_CHECK (store->malformed->len == MIN (store->counts.malformed, HS_MAX_MALFORMED_KEPT));

  hs_trace_append_store (trace, store, 0);
  check_columns (trace, text, size);

  return 0;
}
