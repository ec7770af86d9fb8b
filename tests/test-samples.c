/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-samples.c: every real trace sample is read with nothing malformed and every line counted. */

#include "config.h"

#include <gio/gio.h>

#include "trace/hs-trace.h"
#include "trace/hs-summary.h"
#include "trace/hs-trace-loader.h"

typedef struct
{
  const char *path;
  guint64     lines;
  guint       cycles;
  guint       events;
  guint       runs;
  guint       forced;
  guint       periodic;
  guint64     markers;
} Sample;

/*
 * Computed on the files, independently of the parser:
 *   lines    wc -l (every sample ends with a newline)
 *   cycles   lines with a GC record, also after a prefix such as "BenchmarkX-16 \t":
 *            grep -cE '(^|[^[:alnum:]_])gc #?[0-9]+ @'  (no sample has a torn record:
 *            every such line ends in " P" or " P (forced)")
 *   events   grep -c '^scav ' for Go 1.19; for scvg, the "scvgN: inuse" lines (each
 *            "scvgN: X MB released" line is followed by its inuse line)
 *   runs     1 + cycles whose number is not above, or whose @T is below, the previous one's
 *   forced   GC lines ending in "(forced)"
 *   periodic GC lines that follow a "GC forced" line; markers: grep -c '^GC forced$'
 * with this awk program:
 *   match($0, /(^|[^[:alnum:]_])gc #?[0-9]+ @[0-9.]+s/) { …n, t…; if (cyc++ && (n <= pn || t < pt)) runs++;
 *     pn = n; pt = t; if (pend) { per++; pend = 0 } if (/\(forced\)$/) forced++ }
 *   /^GC forced$/ { pend = 1; mk++ }
 */
static const Sample samples[] = {
  { "samples/go1.7-benchmark-long.log", 2011, 1463, 2, 7, 985, 1, 1 },
  { "samples/go1.9-benchinsert-long.log", 1573, 1240, 5, 12, 661, 4, 4 },
  { "samples/go1.9-benchmark-long.log", 1988, 1444, 2, 7, 971, 1, 1 },
  { "samples/go1.9-scavenger-release.log", 127, 114, 4, 1, 0, 2, 2 },
  { "samples/go1.19/bigstacks.log", 518, 258, 258, 1, 0, 0, 0 },
  { "samples/go1.19/cacheexpire.log", 125, 61, 61, 1, 0, 0, 0 },
  { "samples/go1.19/freeosmem.log", 78, 32, 36, 1, 6, 0, 0 },
  { "samples/go1.19/gogc800.log", 47, 22, 22, 1, 2, 0, 0 },
  { "samples/go1.19/gogcoff.log", 85, 41, 41, 1, 2, 0, 0 },
  { "samples/go1.19/memlimit.log", 886, 442, 442, 1, 0, 0, 0 },
  { "samples/go1.19/steady.log", 962, 479, 479, 1, 0, 0, 0 },
};

static void
test_sample (gconstpointer data)
{
  const Sample *sample = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", sample->path, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(HsTrace) trace = hs_trace_new (path);
  g_autoptr(GError) error = NULL;
  const HsLineCounts *c;
  HsSummary summary;

  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);

  c = hs_trace_get_line_counts (trace);
  g_assert_cmpuint (c->malformed, ==, 0);
  g_assert_cmpuint (c->legacy, ==, 0);
  g_assert_cmpuint (c->lines, ==, sample->lines);
  g_assert_cmpuint (hs_trace_get_parsed_lines (trace) + c->foreign + c->malformed, ==, c->lines);
  g_assert_cmpuint (c->markers, ==, sample->markers);
  g_assert_cmpuint (c->joined, ==, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, sample->cycles);
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, sample->events);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, sample->runs);

  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &summary);
  g_assert_cmpuint (summary.forced_cycles, ==, sample->forced);
  g_assert_cmpuint (summary.periodic_cycles, ==, sample->periodic);
  g_assert_cmpuint (summary.n_runs, ==, sample->runs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *name = g_strdup_printf ("/samples/%s", samples[i].path);

      g_test_add_data_func (name, &samples[i], test_sample);
    }

  return g_test_run ();
}
