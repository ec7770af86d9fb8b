/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gen-gctrace.c: writes a synthetic gctrace log, for profiling the parser by hand. */

#include "config.h"

#include <stdio.h>

#include "hs-bench-gen.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("CYCLES");
  g_autoptr(GError) error = NULL;
  gint64 seed = 1;
  char *format_name = NULL;
  char *prefix_name = NULL;
  HsBenchFormat format = HS_BENCH_FORMAT_GO119;
  HsBenchPrefix prefix = HS_BENCH_PREFIX_NONE;
  HsBenchGenStats stats;
  guint64 n;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Generator seed (default 1)", "SEED" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, "go1.19 (default) or go1.9", "FORMAT" },
    { "prefix", 'p', 0, G_OPTION_ARG_STRING, &prefix_name, "Log collector prefix: none (default), docker or syslog", "PREFIX" },
    { NULL }
  };

  g_option_context_set_summary (context, "Writes a gctrace log of CYCLES GC cycles to stdout.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (format_name != NULL && !hs_bench_format_from_string (format_name, &format))
    {
      g_printerr ("unknown format “%s”: use go1.19 or go1.9\n", format_name);
      return 2;
    }
  if (prefix_name != NULL && !hs_bench_prefix_from_string (prefix_name, &prefix))
    {
      g_printerr ("unknown prefix “%s”: use none, docker or syslog\n", prefix_name);
      return 2;
    }
  if (argc != 2 || (n = g_ascii_strtoull (argv[1], NULL, 10)) == 0)
    {
      g_printerr ("usage: %s [--format=go1.19|go1.9] [--prefix=none|docker|syslog] [--seed=SEED] CYCLES > FILE\n", argv[0]);
      return 2;
    }

  if (!hs_bench_generate (stdout, format, prefix, n, (guint64) seed, &stats) || fflush (stdout) != 0)
    {
      g_printerr ("write failed\n");
      return 1;
    }

  g_printerr ("%" G_GUINT64_FORMAT " bytes, %" G_GUINT64_FORMAT " lines, %" G_GUINT64_FORMAT
              " cycles, %" G_GUINT64_FORMAT " scavenger events, %" G_GUINT64_FORMAT
              " program lines, %" G_GUINT64_FORMAT " GC forced\n",
              stats.bytes, stats.lines, stats.cycles, stats.scav_events, stats.app_lines,
              stats.forced_markers);
  return 0;
}
