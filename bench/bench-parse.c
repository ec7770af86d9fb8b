/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-parse.c: parse throughput and memory of the trace loader against `wc -l`. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "hs-bench-gen.h"
#include "hs-parser.h"
#include "hs-trace-loader.h"
#include "hs-trace.h"

/*
 * For each size: generate a log (or take --file), warm the page cache, time `wc -l` and a
 * full hs_trace_load_file_sync() best of --runs, check the parser found every cycle, event
 * and line the generator wrote, and print one row. Peak resident memory is VmHWM, reset
 * before each size through /proc/self/clear_refs so each row shows its own peak.
 */

static int opt_runs = 3;
static gint64 opt_seed = 1;
static char *opt_format = NULL;
static char *opt_prefix = NULL;
static char *opt_dir = NULL;
static char *opt_file = NULL;
static gboolean opt_keep = FALSE;
static gboolean opt_single = FALSE;

static const GOptionEntry entries[] = {
  { "runs", 'r', 0, G_OPTION_ARG_INT, &opt_runs, "Best of N runs (default 3)", "N" },
  { "seed", 's', 0, G_OPTION_ARG_INT64, &opt_seed, "Generator seed (default 1)", "SEED" },
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format, "go1.19 (default) or go1.9", "FORMAT" },
  { "prefix", 'p', 0, G_OPTION_ARG_STRING, &opt_prefix, "Log collector prefix on every line: none (default), docker or syslog", "PREFIX" },
  { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where to write the logs (default: a new temporary directory)", "DIR" },
  { "keep", 'k', 0, G_OPTION_ARG_NONE, &opt_keep, "Keep the generated logs", NULL },
  { "file", 0, 0, G_OPTION_ARG_FILENAME, &opt_file, "Measure this existing log instead of generating", "FILE" },
  { "single-thread", 0, 0, G_OPTION_ARG_NONE, &opt_single, "Time only the line parser, on one thread, over the file in memory (for profiling)", NULL },
  { NULL }
};

static double
now_s (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

/* CPU seconds (user + system) of this process's threads, or of its waited-for children. */
static double
cpu_s (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return 0.0;

  return (double) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         (double) (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / G_USEC_PER_SEC;
}

/* A field of /proc/self/status in KiB, or 0 when unavailable. */
static guint64
proc_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;

  p = strstr (status, field);
  if (p == NULL)
    return 0;

  return g_ascii_strtoull (p + strlen (field) + 1, NULL, 10);
}

/* Starts a new peak: Linux resets VmHWM to the current RSS when "5" is written here. */
static gboolean
reset_peak_rss (void)
{
  int fd;
  gboolean ok;

  malloc_trim (0);
  fd = g_open ("/proc/self/clear_refs", O_WRONLY, 0);
  if (fd < 0)
    return FALSE;
  ok = write (fd, "5", 1) == 1;
  return g_close (fd, NULL) && ok;
}

typedef struct
{
  guint64 bytes;
  double  wc_s;
  guint64 wc_lines;
  double  parse_s;
  double  wc_cpu_s;
  double  parse_cpu_s;
  guint   n_cycles;
  guint   n_events;
  guint64 lines;
  gsize   model_bytes;
  guint64 peak_kib;
  gboolean peak_reset;
} Measure;

/* Runs `wc -l` on @path and keeps its best wall and CPU times in @m. */
static gboolean
time_wc (const char  *path,
         Measure     *m,
         GError     **error)
{
  const char *argv[] = { "wc", "-l", path, NULL };
  g_autofree char *out = NULL;
  int status;
  double cpu_start = cpu_s (RUSAGE_CHILDREN);
  double start = now_s ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, error))
    return FALSE;
  m->wc_s = MIN (m->wc_s, now_s () - start);
  m->wc_cpu_s = MIN (m->wc_cpu_s, cpu_s (RUSAGE_CHILDREN) - cpu_start);

  if (!g_spawn_check_wait_status (status, error))
    return FALSE;
  m->wc_lines = g_ascii_strtoull (out, NULL, 10);
  return TRUE;
}

typedef struct
{
  double wall;
  double cpu;
} Stopwatch;

static void
stopwatch_start (Stopwatch *watch)
{
  watch->cpu = cpu_s (RUSAGE_SELF);
  watch->wall = now_s ();
}

/* Keeps the best wall and CPU times of the load in @m. */
static void
stopwatch_stop (const Stopwatch *watch,
                Measure         *m)
{
  m->parse_s = MIN (m->parse_s, now_s () - watch->wall);
  m->parse_cpu_s = MIN (m->parse_cpu_s, cpu_s (RUSAGE_SELF) - watch->cpu);
}

/* Every time starts unmeasured: the best of the runs is kept. */
static void
measure_init (Measure *m,
              guint64  bytes)
{
  memset (m, 0, sizeof *m);
  m->bytes = bytes;
  m->wc_s = G_MAXDOUBLE;
  m->parse_s = G_MAXDOUBLE;
  m->wc_cpu_s = G_MAXDOUBLE;
  m->parse_cpu_s = G_MAXDOUBLE;
}

/*
 * The parser alone, on this thread, over the whole file already in memory: no reader, no
 * pool, no merge. Its CPU cost per line is what the loader spreads over the cores.
 */
static gboolean
measure_single_thread (const char  *path,
                       Measure     *m,
                       GError     **error)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, error);
  const char *data;
  gsize len;

  if (mapped == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  measure_init (m, len);

  m->peak_reset = reset_peak_rss ();
  for (int run = 0; run < opt_runs; run++)
    {
      g_autoptr(HsParser) parser = hs_parser_new ();
      g_autoptr(HsTraceStore) store = NULL;
      Stopwatch watch;

      if (!time_wc (path, m, error))
        return FALSE;

      stopwatch_start (&watch);
      hs_parser_feed_lines (parser, data, len);
      hs_parser_finish (parser);
      stopwatch_stop (&watch, m);

      store = hs_parser_steal_store (parser);
      m->n_cycles = hs_trace_store_get_n_cycles (store);
      m->n_events = hs_trace_store_get_n_events (store);
      m->lines = store->counts.lines;
      m->model_bytes = hs_trace_store_get_memory (store);
    }
  m->peak_kib = proc_status_kib ("VmHWM:");

  return TRUE;
}

static gboolean
measure (const char  *path,
         Measure     *m,
         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GStatBuf st;

  if (opt_single)
    return measure_single_thread (path, m, error);
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  /* warm the page cache; the first wc run is not counted */
  measure_init (m, (guint64) st.st_size);
  if (!time_wc (path, m, error))
    return FALSE;
  measure_init (m, (guint64) st.st_size);

  m->peak_reset = reset_peak_rss ();
  for (int run = 0; run < opt_runs; run++)
    {
      g_autoptr(HsTrace) trace = hs_trace_new (path);
      Stopwatch watch;

      if (!time_wc (path, m, error))
        return FALSE;

      stopwatch_start (&watch);
      if (!hs_trace_load_file_sync (trace, file, NULL, error))
        return FALSE;
      stopwatch_stop (&watch, m);

      m->n_cycles = hs_trace_get_n_cycles (trace);
      m->n_events = hs_trace_get_n_events (trace);
      m->lines = hs_trace_get_line_counts (trace)->lines;
      m->model_bytes = hs_trace_get_memory (trace);
    }
  m->peak_kib = proc_status_kib ("VmHWM:");

  return TRUE;
}

static void
print_header (void)
{
  g_print ("| %-8s | %-13s | %7s | %9s | %7s | %7s | %6s | %7s | %7s | %6s | %7s | %9s | %7s | %8s |\n",
           "cycles", "log", "MB", "lines", "wc -l s", "parse s", "ratio", "wc CPU", "CPU s",
           "CPU/wc", "MB/s", "cycles/s", "B/cycle", "peak MiB");
  g_print ("|----------|---------------|---------|-----------|---------|---------|--------|"
           "---------|---------|--------|---------|-----------|---------|----------|\n");
}

static void
print_row (const char    *label,
           const char    *log,
           const Measure *m)
{
  double mb = (double) m->bytes / 1e6;

  g_print ("| %-8s | %-13s | %7.1f | %9" G_GUINT64_FORMAT " | %7.3f | %7.3f | %5.1fx | %7.3f | %7.3f | %5.1fx | %7.1f | %9.0f | %7.1f | %7.1f%s |\n",
           label, log, mb, m->lines, m->wc_s, m->parse_s, m->parse_s / m->wc_s,
           m->wc_cpu_s, m->parse_cpu_s, m->parse_cpu_s / MAX (m->wc_cpu_s, 1e-6),
           mb / m->parse_s, m->n_cycles / m->parse_s,
           m->n_cycles > 0 ? (double) m->model_bytes / m->n_cycles : 0.0,
           (double) m->peak_kib / 1024.0, m->peak_reset ? "" : "*");
}

/* The parser must have seen exactly what the generator wrote, or the timing means nothing. */
static gboolean
check_counts (const Measure         *m,
              const HsBenchGenStats *stats,
              GError               **error)
{
  if (m->n_cycles != stats->cycles || m->n_events != stats->scav_events ||
      m->lines != stats->lines || m->wc_lines != stats->lines || m->bytes != stats->bytes)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "parsed %u cycles, %u events, %" G_GUINT64_FORMAT " lines (wc -l: %"
                   G_GUINT64_FORMAT "); generated %" G_GUINT64_FORMAT " cycles, %"
                   G_GUINT64_FORMAT " events, %" G_GUINT64_FORMAT " lines",
                   m->n_cycles, m->n_events, m->lines, m->wc_lines, stats->cycles,
                   stats->scav_events, stats->lines);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_size (const char    *dir,
          HsBenchFormat  format,
          HsBenchPrefix  prefix,
          guint64        n_cycles,
          GError       **error)
{
  g_autofree char *log = prefix == HS_BENCH_PREFIX_NONE ?
    g_strdup (hs_bench_format_to_string (format)) :
    g_strdup_printf ("%s+%s", hs_bench_format_to_string (format), hs_bench_prefix_to_string (prefix));
  g_autofree char *name = g_strdup_printf ("gctrace-%s-%" G_GUINT64_FORMAT ".log", log, n_cycles);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *label = g_strdup_printf ("%" G_GUINT64_FORMAT, n_cycles);
  HsBenchGenStats stats;
  Measure m;
  FILE *out;
  gboolean ok;

  out = g_fopen (path, "w");
  if (out == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  ok = hs_bench_generate (out, format, prefix, n_cycles, (guint64) opt_seed, &stats);
  if (fclose (out) != 0 || !ok)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "%s: write failed", path);
      g_unlink (path);
      return FALSE;
    }

  ok = measure (path, &m, error) && check_counts (&m, &stats, error);
  if (ok)
    print_row (label, log, &m);

  if (!opt_keep)
    g_unlink (path);

  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("[CYCLES…]");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = NULL;
  HsBenchFormat format = HS_BENCH_FORMAT_GO119;
  HsBenchPrefix prefix = HS_BENCH_PREFIX_NONE;
  const char *dir;

  g_option_context_set_summary (context,
                                "Generates gctrace logs of CYCLES GC cycles (default 10000 100000 "
                                "1000000) and measures how fast they load, against wc -l.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_format != NULL && !hs_bench_format_from_string (opt_format, &format))
    {
      g_printerr ("unknown format “%s”: use go1.19 or go1.9\n", opt_format);
      return 2;
    }
  if (opt_prefix != NULL && !hs_bench_prefix_from_string (opt_prefix, &prefix))
    {
      g_printerr ("unknown prefix “%s”: use none, docker or syslog\n", opt_prefix);
      return 2;
    }
  opt_runs = MAX (1, opt_runs);

  print_header ();

  if (opt_file != NULL)
    {
      Measure m;

      if (!measure (opt_file, &m, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      print_row ("(file)", "-", &m);
      return 0;
    }

  if (opt_dir != NULL)
    {
      dir = opt_dir;
    }
  else
    {
      tmp_dir = g_dir_make_tmp ("heapscope-bench-XXXXXX", &error);
      if (tmp_dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      dir = tmp_dir;
    }

  for (int i = 1; i < argc || i == 1; i++)
    {
      static const guint64 defaults[] = { 10000, 100000, 1000000 };
      guint n_sizes = argc > 1 ? 1 : G_N_ELEMENTS (defaults);

      for (guint j = 0; j < n_sizes; j++)
        {
          guint64 n = argc > 1 ? g_ascii_strtoull (argv[i], NULL, 10) : defaults[j];

          if (n == 0)
            {
              g_printerr ("not a number of cycles: “%s”\n", argv[i]);
              return 2;
            }
          if (!run_size (dir, format, prefix, n, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
        }
    }

  if (tmp_dir != NULL && !opt_keep)
    g_rmdir (tmp_dir);

  return 0;
}
