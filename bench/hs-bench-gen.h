/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-bench-gen.h: writes synthetic but realistic gctrace logs for the benchmarks. */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HS_BENCH_FORMAT_GO119,   /* gc … MB stacks, … MB globals, N P + "scav … KiB total" lines */
  HS_BENCH_FORMAT_GO19,    /* gc … N P + "scvgN: inuse: …" pairs */
} HsBenchFormat;

typedef enum
{
  HS_BENCH_PREFIX_NONE,    /* the runtime's lines as it prints them */
  HS_BENCH_PREFIX_DOCKER,  /* docker logs -t / kubectl --timestamps: RFC 3339 UTC, ns */
  HS_BENCH_PREFIX_SYSLOG,  /* journald/syslog: "Nov 30 13:33:10 host app[pid]: " */
} HsBenchPrefix;

/* What was written, so a benchmark can check the parser read all of it. */
typedef struct
{
  guint64 bytes;
  guint64 lines;
  guint64 cycles;
  guint64 scav_events;   /* one per scav line, one per scvgN: inuse line */
  guint64 scav_lines;    /* scvgN: released lines belong to the event after them */
  guint64 app_lines;
  guint64 forced_markers;
} HsBenchGenStats;

gboolean hs_bench_format_from_string (const char      *name,
                                      HsBenchFormat   *format);
const char *hs_bench_format_to_string (HsBenchFormat   format);

gboolean hs_bench_prefix_from_string (const char    *name,
                                      HsBenchPrefix *prefix);
const char *hs_bench_prefix_to_string (HsBenchPrefix prefix);

gboolean hs_bench_generate (FILE            *out,
                            HsBenchFormat    format,
                            HsBenchPrefix    prefix,
                            guint64          n_cycles,
                            guint64          seed,
                            HsBenchGenStats *stats);

G_END_DECLS
