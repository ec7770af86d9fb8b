/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-bench-gen.c: a deterministic generator of Go gctrace logs mixed with program output. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-bench-gen.h"

/*
 * The log imitates a busy server: a live heap that drifts between tens of MiB and a few
 * GiB, pacer goals at GOGC=100, phase times spread over three orders of magnitude (so the
 * numbers take every printed shape: "0.005", "0.56", "1.9", "12"), scavenger lines about
 * once per cycle, a few percent of the program's own log lines, and now and then a
 * periodic "GC forced" cycle or a runtime.GC() "(forced)" one. splitmix64 keeps the output
 * identical on every machine for a given seed.
 */

typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += 0x9e3779b97f4a7c15ull);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static guint64
rng_below (Rng     *rng,
           guint64  n)
{
  return n > 0 ? rng_next (rng) % n : 0;
}

static double
rng_unit (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) / (double) (1ull << 53);
}

/* Log-uniform in [lo, hi): phase times are spread over magnitudes, not around a mean. */
static guint64
rng_log_range (Rng     *rng,
               guint64  lo,
               guint64  hi)
{
  double l = (double) lo;

  return (guint64) (l * exp (rng_unit (rng) * log ((double) hi / l)));
}

/* runtime.fmtNSAsMS: whole ms from 10 ms on, else two significant digits, ≤ 3 decimals. */
static int
format_ns_as_ms (char    *buf,
                 gsize    size,
                 guint64  ns)
{
  guint64 x;
  int dec = 3;
  guint64 div = 1000;

  if (ns >= 10000000)
    return g_snprintf (buf, size, "%" G_GUINT64_FORMAT, ns / 1000000);

  x = ns / 1000;
  if (x == 0)
    return g_snprintf (buf, size, "0");

  while (x >= 100)
    {
      x /= 10;
      dec--;
      div /= 10;
    }

  if (dec == 0)
    return g_snprintf (buf, size, "%" G_GUINT64_FORMAT, x);

  return g_snprintf (buf, size, "%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                     x / div, dec, x % div);
}

static const char * const app_messages[] = {
  "INFO handled request method=GET path=/api/v1/items status=200",
  "INFO handled request method=POST path=/api/v1/orders status=201",
  "WARN slow query table=events rows=%u",
  "INFO cache flush entries=%u",
  "ERROR upstream timeout host=10.0.3.%u:8080",
  "DEBUG worker pool resized workers=%u",
};

typedef struct
{
  FILE            *out;
  HsBenchFormat    format;
  HsBenchPrefix    prefix;
  Rng              rng;
  HsBenchGenStats *stats;
  gboolean         ok;
  guint64          t_ms;        /* since the process started */
  guint64          gc_cpu_ns;   /* for the cumulative GC CPU % */
  guint64          live_mb;
  guint64          goal_mb;
  guint64          procs;
  guint64          stacks_mb;
  guint64          globals_mb;
  guint64          scav_total_kib;
  guint64          scvg_count;
  guint64          sys_mb;
  guint64          released_mb;
  guint64          next_scvg_ms;
} Gen;

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* The collector's time stamp: the process started 2026-11-30 00:00:00 UTC. */
static int
format_prefix (Gen  *gen,
               char *buf,
               gsize size)
{
  guint64 ms = gen->t_ms;
  guint64 secs = ms / 1000;
  guint hour = (guint) (secs / 3600 % 24);
  guint minute = (guint) (secs / 60 % 60);
  guint second = (guint) (secs % 60);
  guint day = 30 + (guint) (secs / 86400);

  switch (gen->prefix)
    {
    case HS_BENCH_PREFIX_DOCKER:
      /* past the end of the month the day rolls over in December: a valid date either way */
      return g_snprintf (buf, size, "2026-%02u-%02uT%02u:%02u:%02u.%03u%06uZ ",
                         day > 30 ? 12u : 11u, day > 30 ? (day - 30 - 1) % 31 + 1 : day,
                         hour, minute, second, (guint) (ms % 1000),
                         /* not from the generator's sequence: every prefix, same log */
                         (guint) (gen->stats->lines * 2654435761u % 1000000));
    case HS_BENCH_PREFIX_SYSLOG:
      return g_snprintf (buf, size, "%s %2u %02u:%02u:%02u web-3 gosrv[4242]: ",
                         month_names[day > 30 ? 11 : 10], day > 30 ? (day - 30 - 1) % 31 + 1 : day,
                         hour, minute, second);
    case HS_BENCH_PREFIX_NONE:
    default:
      return 0;
    }
}

static void
emit (Gen        *gen,
      const char *line,
      int         len)
{
  char prefix[96];
  int prefix_len = format_prefix (gen, prefix, sizeof prefix);

  if (len < 0 || prefix_len < 0 ||
      fwrite (prefix, 1, (gsize) prefix_len, gen->out) != (gsize) prefix_len ||
      fwrite (line, 1, (gsize) len, gen->out) != (gsize) len)
    gen->ok = FALSE;
  gen->stats->bytes += (guint64) len + (guint64) prefix_len;
  gen->stats->lines++;
}

static void
emit_app_line (Gen *gen)
{
  char msg[160];
  char line[256];
  guint64 secs = 1764460800 + gen->t_ms / 1000;
  guint i = (guint) rng_below (&gen->rng, G_N_ELEMENTS (app_messages));
  int len;
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) secs);
  g_autofree char *stamp = g_date_time_format (dt, "%Y/%m/%d %H:%M:%S");

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_snprintf (msg, sizeof msg, app_messages[i], (guint) rng_below (&gen->rng, 100000));
#pragma GCC diagnostic pop
  len = g_snprintf (line, sizeof line, "%s %s dur=%" G_GUINT64_FORMAT "us\n",
                    stamp, msg, rng_log_range (&gen->rng, 50, 2000000));
  emit (gen, line, len);
  gen->stats->app_lines++;
}

static void
emit_gc_line (Gen     *gen,
              guint64  number,
              gboolean forced)
{
  char clock[3][24];
  char cpu[5][24];
  char line[512];
  guint64 sweep_ns = rng_below (&gen->rng, 50) == 0 ? rng_log_range (&gen->rng, 1000000, 40000000)
                                                     : rng_log_range (&gen->rng, 2000, 300000);
  guint64 mark_ns = rng_log_range (&gen->rng, 150000, 60000000);
  guint64 term_ns = rng_log_range (&gen->rng, 3000, 900000);
  guint64 assist_ns = rng_below (&gen->rng, 3) == 0 ? 0 : rng_below (&gen->rng, mark_ns);
  guint64 bg_ns = mark_ns * gen->procs / 4;
  guint64 idle_ns = rng_below (&gen->rng, 4) == 0 ? 0 : rng_below (&gen->rng, mark_ns * gen->procs);
  guint64 before_mb, after_mb, cpu_percent;
  int len;

  /* the live heap drifts: a random walk with a pull back from the edges */
  if (gen->live_mb < 64 || rng_below (&gen->rng, 2) == 0)
    gen->live_mb += rng_below (&gen->rng, 1 + gen->live_mb / 20);
  else
    gen->live_mb -= rng_below (&gen->rng, 1 + gen->live_mb / 20);
  gen->live_mb = CLAMP (gen->live_mb, 4, 3000);

  before_mb = gen->goal_mb - rng_below (&gen->rng, 1 + gen->goal_mb / 16);
  after_mb = before_mb + rng_below (&gen->rng, 1 + before_mb / 50);

  gen->t_ms += rng_log_range (&gen->rng, 2, 4000);
  gen->gc_cpu_ns += (sweep_ns + term_ns) * gen->procs + assist_ns + bg_ns + idle_ns;
  cpu_percent = gen->gc_cpu_ns / 10000 / MAX (1, gen->t_ms * gen->procs);

  format_ns_as_ms (clock[0], sizeof clock[0], sweep_ns);
  format_ns_as_ms (clock[1], sizeof clock[1], mark_ns);
  format_ns_as_ms (clock[2], sizeof clock[2], term_ns);
  format_ns_as_ms (cpu[0], sizeof cpu[0], sweep_ns * gen->procs);
  format_ns_as_ms (cpu[1], sizeof cpu[1], assist_ns);
  format_ns_as_ms (cpu[2], sizeof cpu[2], bg_ns);
  format_ns_as_ms (cpu[3], sizeof cpu[3], idle_ns);
  format_ns_as_ms (cpu[4], sizeof cpu[4], term_ns * gen->procs);

  if (gen->format == HS_BENCH_FORMAT_GO119)
    len = g_snprintf (line, sizeof line,
                      "gc %" G_GUINT64_FORMAT " @%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT
                      "s %" G_GUINT64_FORMAT "%%: %s+%s+%s ms clock, %s+%s/%s/%s+%s ms cpu, "
                      "%" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT " MB, "
                      "%" G_GUINT64_FORMAT " MB goal, %" G_GUINT64_FORMAT " MB stacks, "
                      "%" G_GUINT64_FORMAT " MB globals, %" G_GUINT64_FORMAT " P%s\n",
                      number, gen->t_ms / 1000, gen->t_ms % 1000, cpu_percent,
                      clock[0], clock[1], clock[2], cpu[0], cpu[1], cpu[2], cpu[3], cpu[4],
                      before_mb, after_mb, gen->live_mb, gen->goal_mb, gen->stacks_mb,
                      gen->globals_mb, gen->procs, forced ? " (forced)" : "");
  else
    len = g_snprintf (line, sizeof line,
                      "gc %" G_GUINT64_FORMAT " @%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT
                      "s %" G_GUINT64_FORMAT "%%: %s+%s+%s ms clock, %s+%s/%s/%s+%s ms cpu, "
                      "%" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT "->%" G_GUINT64_FORMAT " MB, "
                      "%" G_GUINT64_FORMAT " MB goal, %" G_GUINT64_FORMAT " P%s\n",
                      number, gen->t_ms / 1000, gen->t_ms % 1000, cpu_percent,
                      clock[0], clock[1], clock[2], cpu[0], cpu[1], cpu[2], cpu[3], cpu[4],
                      before_mb, after_mb, gen->live_mb, gen->goal_mb, gen->procs,
                      forced ? " (forced)" : "");
  emit (gen, line, len);
  gen->stats->cycles++;

  gen->goal_mb = MAX (4, gen->live_mb * 2);
  gen->sys_mb = MAX (gen->sys_mb, gen->goal_mb + gen->goal_mb / 8);
  if (rng_below (&gen->rng, 500) == 0)
    gen->stacks_mb = rng_below (&gen->rng, 6);
}

static void
emit_scav (Gen *gen)
{
  char line[256];
  int len;

  if (gen->format == HS_BENCH_FORMAT_GO119)
    {
      guint64 work = rng_below (&gen->rng, 8) == 0 ? rng_below (&gen->rng, 65536) : 0;

      /* KiB total: returned to the OS and not reused yet, so it falls as the heap grows */
      if (rng_below (&gen->rng, 2) == 0)
        gen->scav_total_kib += work + rng_below (&gen->rng, 512);
      else
        gen->scav_total_kib -= MIN (gen->scav_total_kib, rng_below (&gen->rng, 600));
      len = g_snprintf (line, sizeof line,
                        "scav %" G_GUINT64_FORMAT " KiB work, %" G_GUINT64_FORMAT " KiB total, "
                        "%" G_GUINT64_FORMAT "%% util\n",
                        work, gen->scav_total_kib, rng_below (&gen->rng, 100));
      emit (gen, line, len);
    }
  else
    {
      guint64 inuse = gen->live_mb + rng_below (&gen->rng, 1 + gen->live_mb / 4);
      guint64 idle = gen->sys_mb > inuse ? gen->sys_mb - inuse : 0;
      guint64 released_now = rng_below (&gen->rng, 3) == 0 ? rng_below (&gen->rng, 1 + idle / 2) : 0;

      if (released_now > 0)
        {
          len = g_snprintf (line, sizeof line, "scvg%" G_GUINT64_FORMAT ": %" G_GUINT64_FORMAT
                            " MB released\n", gen->scvg_count, released_now);
          emit (gen, line, len);
          gen->stats->scav_lines++;
        }
      gen->released_mb = MIN (gen->sys_mb, gen->released_mb + released_now);
      len = g_snprintf (line, sizeof line,
                        "scvg%" G_GUINT64_FORMAT ": inuse: %" G_GUINT64_FORMAT ", idle: %"
                        G_GUINT64_FORMAT ", sys: %" G_GUINT64_FORMAT ", released: %"
                        G_GUINT64_FORMAT ", consumed: %" G_GUINT64_FORMAT " (MB)\n",
                        gen->scvg_count, inuse, idle, inuse + idle, gen->released_mb,
                        inuse + idle - MIN (inuse + idle, gen->released_mb));
      emit (gen, line, len);
      gen->scvg_count++;
    }

  gen->stats->scav_lines++;
  gen->stats->scav_events++;
}

gboolean
hs_bench_format_from_string (const char    *name,
                             HsBenchFormat *format)
{
  if (g_strcmp0 (name, "go1.19") == 0)
    *format = HS_BENCH_FORMAT_GO119;
  else if (g_strcmp0 (name, "go1.9") == 0)
    *format = HS_BENCH_FORMAT_GO19;
  else
    return FALSE;

  return TRUE;
}

const char *
hs_bench_format_to_string (HsBenchFormat format)
{
  return format == HS_BENCH_FORMAT_GO119 ? "go1.19" : "go1.9";
}

gboolean
hs_bench_prefix_from_string (const char    *name,
                             HsBenchPrefix *prefix)
{
  if (g_strcmp0 (name, "none") == 0)
    *prefix = HS_BENCH_PREFIX_NONE;
  else if (g_strcmp0 (name, "docker") == 0)
    *prefix = HS_BENCH_PREFIX_DOCKER;
  else if (g_strcmp0 (name, "syslog") == 0)
    *prefix = HS_BENCH_PREFIX_SYSLOG;
  else
    return FALSE;

  return TRUE;
}

const char *
hs_bench_prefix_to_string (HsBenchPrefix prefix)
{
  switch (prefix)
    {
    case HS_BENCH_PREFIX_DOCKER: return "docker";
    case HS_BENCH_PREFIX_SYSLOG: return "syslog";
    case HS_BENCH_PREFIX_NONE:
    default: return "none";
    }
}

/*
 * Writes @n_cycles GC cycles to @out, each line after @prefix. Per cycle: ~6% chance of a program log line before
 * it, 0.2% of a "GC forced" marker (the next cycle is the periodic one), 0.05% of a
 * runtime.GC() "(forced)" cycle, and after it 0, 1 or 2 scav lines (1 on average) for Go
 * 1.19, or a scvgN pair when 2.5 minutes of run time have passed for Go 1.9.
 */
gboolean
hs_bench_generate (FILE            *out,
                   HsBenchFormat    format,
                   HsBenchPrefix    prefix,
                   guint64          n_cycles,
                   guint64          seed,
                   HsBenchGenStats *stats)
{
  Gen gen = { 0, };

  memset (stats, 0, sizeof *stats);
  gen.out = out;
  gen.format = format;
  gen.prefix = prefix;
  gen.rng.state = seed;
  gen.stats = stats;
  gen.ok = TRUE;
  gen.live_mb = 200;
  gen.goal_mb = 400;
  gen.procs = 8;
  gen.globals_mb = 1;
  gen.sys_mb = 450;
  gen.next_scvg_ms = 150000;

  for (guint64 n = 1; n <= n_cycles && gen.ok; n++)
    {
      guint64 r = rng_below (&gen.rng, 1000);
      guint64 n_scav;

      while (r < 60)
        {
          emit_app_line (&gen);
          r = rng_below (&gen.rng, 1000) + 20;
        }

      if (rng_below (&gen.rng, 500) == 0)
        {
          emit (&gen, "GC forced\n", 10);
          stats->forced_markers++;
          gen.t_ms += 120000;
        }

      emit_gc_line (&gen, n, rng_below (&gen.rng, 2000) == 0);

      if (format == HS_BENCH_FORMAT_GO119)
        {
          r = rng_below (&gen.rng, 100);
          n_scav = r < 15 ? 0 : r < 85 ? 1 : 2;
        }
      else
        {
          /* the Go 1.9 scavenger wakes every 2.5 minutes of run time */
          for (n_scav = 0; gen.t_ms >= gen.next_scvg_ms; n_scav++)
            gen.next_scvg_ms += 150000;
          n_scav = MIN (n_scav, 1);
        }
      for (guint64 i = 0; i < n_scav; i++)
        emit_scav (&gen);
    }

  return gen.ok;
}
