/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-table.c: sorting and filtering the cycle table's model over a synthetic trace of 10^7 cycles. */

#include "config.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "test-chart-synth.h"
#include "trace/hs-table-model.h"

/*
 * Not a test: run it by hand on an idle machine, ./_build/bench/bench-table [ROWS]. The table
 * widgets only ever show what HsTableModel computes, so the model's time and memory are the
 * table's: a click on a column header costs one of the sorts measured here.
 */

static void
random_edit (guint64     i,
             HsGcRecord *r,
             gpointer    user_data)
{
  guint64 *state = user_data;

  /* xorshift: every cycle gets its own pause and heap, so the sort has real work */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  r->clock_us[HS_CLOCK_SWEEP_TERM] = *state % 5000;
  r->clock_us[HS_CLOCK_MARK_TERM] = (*state >> 16) % 5000;
  r->heap_before_mb = (*state >> 32) % 65536;
  r->heap_after_mb = r->heap_before_mb;
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1e3 + usage.ru_utime.tv_usec / 1e3 +
         usage.ru_stime.tv_sec * 1e3 + usage.ru_stime.tv_usec / 1e3;
}

static double last_cpu_ms;

/* Wall time of one computation; its CPU time (worker and main thread) goes to last_cpu_ms,
 * which is what counts on a machine shared with other work. */
static double
run (HsTableModel *model,
     int           field,
     gboolean      descending,
     const char   *filter)
{
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  if (filter != NULL)
    g_assert_true (hs_table_model_set_filter_text (model, filter, NULL));
  else
    hs_table_model_set_sort (model, field, descending);
  while (hs_table_model_get_busy (model))
    g_main_context_iteration (NULL, TRUE);

  last_cpu_ms = cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint64 n = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 10000000;
  guint64 state = 0x9e3779b97f4a7c15;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(HsTableModel) model = NULL;
  gint64 start;
  glong rss_trace, rss_sorted;
  double t;

  start = g_get_monotonic_time ();
  trace = synth_trace (n, 10, 65536, random_edit, &state);
  g_print ("trace of %" G_GUINT64_FORMAT " cycles built in %.0f ms, %.0f MiB\n", n,
           (g_get_monotonic_time () - start) / 1000.0, hs_trace_get_memory (trace) / 1048576.0);

  model = hs_table_model_new (trace, FALSE);
  rss_trace = max_rss_kib ();

  t = run (model, HS_GC_FIELD_PAUSE, TRUE, NULL);
  rss_sorted = max_rss_kib ();
  g_print ("sort by pause, descending:  %8.0f ms wall, %6.0f ms CPU\n", t, last_cpu_ms);
  t = run (model, HS_GC_FIELD_HEAP_BEFORE, FALSE, NULL);
  g_print ("sort by heap, ascending:    %8.0f ms wall, %6.0f ms CPU\n", t, last_cpu_ms);
  t = run (model, HS_GC_FIELD_PAUSE, FALSE, NULL);
  g_print ("sort by pause, ascending:   %8.0f ms wall, %6.0f ms CPU\n", t, last_cpu_ms);
  t = run (model, HS_TABLE_SORT_NONE, FALSE, NULL);
  g_print ("back to trace order:        %8.0f ms wall, %6.0f ms CPU\n", t, last_cpu_ms);
  t = run (model, 0, FALSE, "pause > 5ms");
  g_print ("filter \"pause > 5ms\":       %8.0f ms wall, %6.0f ms CPU, %u rows\n", t, last_cpu_ms,
           g_list_model_get_n_items (G_LIST_MODEL (model)));
  t = run (model, HS_GC_FIELD_HEAP_BEFORE, TRUE, NULL);
  g_print ("filtered, sort by heap:     %8.0f ms wall, %6.0f ms CPU\n", t, last_cpu_ms);

  /* the model keeps one guint32 per shown row; a sort borrows one double per trace row meanwhile */
  g_print ("index array: %.1f MiB for %" G_GUINT64_FORMAT " rows (4 bytes a row); "
           "sort keys while sorting: %.1f MiB\n", n * 4 / 1048576.0, n, n * 8 / 1048576.0);
  g_print ("peak RSS: %.0f MiB with the trace, %.0f MiB after the first sort (+%.0f MiB)\n",
           rss_trace / 1024.0, rss_sorted / 1024.0, (rss_sorted - rss_trace) / 1024.0);

  return 0;
}
