/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-samples.c: every real trace sample is read with nothing malformed and every line counted. */

#include "config.h"

#include <gio/gio.h>

#include "trace/hs-trace.h"
#include "trace/hs-trace-loader.h"

typedef struct
{
  const char *path;
  guint       cycles;      /* counted with grep -c '^gc [0-9]' (and the one torn line) */
  guint       events;
} Sample;

/* Expected counts computed with grep on the files, independently of the parser. */
static const Sample samples[] = {
  { "samples/go1.9-scavenger-release.log", 114, 4 },
  { "samples/go1.19/steady.log", 479, 479 },
  { "samples/go1.19/memlimit.log", 442, 442 },
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

  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);

  c = hs_trace_get_line_counts (trace);
  g_assert_cmpuint (c->malformed, ==, 0);
  g_assert_cmpuint (hs_trace_get_parsed_lines (trace) + c->foreign + c->malformed, ==, c->lines);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, sample->cycles);
  g_assert_cmpuint (hs_trace_get_n_events (trace), ==, sample->events);
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
