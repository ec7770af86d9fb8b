/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-store.h: the columns of GC cycles and scavenger events, and how lines were counted. */
#pragma once

#include <glib.h>

#include "hs-column.h"
#include "hs-line-parser.h"

G_BEGIN_DECLS

/* How many malformed lines are kept with their number and reason; the rest are only counted. */
#define HS_MAX_MALFORMED_KEPT 100

/* Every line read lands in exactly one of these counters. */
typedef struct
{
  guint64 lines;
  guint64 gc;            /* lines that made GC cycles (a torn record counts both its lines) */
  guint64 scavenger;
  guint64 markers;       /* GC forced */
  guint64 other_runtime; /* pacer:, init, SCHED … */
  guint64 legacy;        /* Go ≤1.4 gc lines: recognised, not read */
  guint64 foreign;       /* skipped: program output */
  guint64 malformed;
  guint64 joined;        /* records rebuilt from two torn lines */
} HsLineCounts;

typedef struct
{
  guint64     line;
  const char *reason;    /* untranslated; translate with _() to show it */
  char       *text;      /* the line, valid UTF-8, shortened */
} HsMalformedLine;

/*
 * Columnar storage. Cycle i is row i of every GC column. Times are kept exactly as
 * printed: @T in ms, phases in µs, heap in MiB; scavenger amounts in KiB.
 */
typedef struct
{
  /* GC cycles */
  HsI64Column  time_ms;
  HsColumn     clock_us[HS_N_CLOCK];
  HsColumn     cpu_us[HS_N_CPU];
  HsColumn     heap_before_mb;
  HsColumn     heap_after_mb;
  HsColumn     heap_live_mb;
  HsColumn     heap_goal_mb;
  HsColumn     line;
  HsStepColumn number_minus_row;  /* gc N − row: one step per run while no cycle is missing */
  HsStepColumn cpu_percent;
  HsStepColumn procs;
  HsStepColumn stacks_mb;
  HsStepColumn globals_mb;
  HsStepColumn flags;             /* HsGcFlags */
  HsStepColumn label;             /* index + 1 into labels; 0: no prefix */
  HsI64Column  wall_time_us;      /* from log prefixes; all 0 when they carry no time */

  /* Scavenger events */
  HsColumn     scav_line;
  HsColumn     scav_cycle;        /* how many GC cycles came before it: it follows cycle − 1 */
  HsStepColumn scav_kind;         /* kind | format << 8 | flags << 16 */
  HsStepColumn scav_sequence;     /* scvg N or scav generation, as gint64 */
  HsColumn     scav_released_now_kib;
  HsColumn     scav_inuse_kib;
  HsColumn     scav_idle_kib;
  HsColumn     scav_sys_kib;
  HsColumn     scav_released_kib;
  HsColumn     scav_consumed_kib;
  HsColumn     scav_work_kib;
  HsColumn     scav_eager_kib;
  HsColumn     scav_retained_kib;
  HsColumn     scav_util_percent;
  HsI64Column  scav_wall_time_us;

  GPtrArray   *labels;            /* prefix labels, interned */
  GHashTable  *label_ids;         /* label → index + 1 */

  HsLineCounts counts;
  GArray      *malformed;         /* HsMalformedLine, the first HS_MAX_MALFORMED_KEPT */
  guint64      first_legacy_line;
  guint        gc_formats;        /* HsGcFormat bits seen */
  guint        scav_formats;      /* HsScavFormat bits seen */
  GArray      *run_starts;        /* guint64 rows where a new run begins (after row 0) */
  gboolean     ends_with_periodic_marker;
} HsTraceStore;

void     hs_trace_store_init             (HsTraceStore       *store);
void     hs_trace_store_clear            (HsTraceStore       *store);
HsTraceStore *hs_trace_store_new         (void);
void     hs_trace_store_free             (HsTraceStore       *store);

gsize    hs_trace_store_get_n_cycles     (const HsTraceStore *store);
gsize    hs_trace_store_get_n_events     (const HsTraceStore *store);

void     hs_trace_store_append_gc        (HsTraceStore       *store,
                                          const HsGcRecord   *gc,
                                          guint64             line,
                                          gint64              wall_time_us,
                                          guint               label);
void     hs_trace_store_append_scav      (HsTraceStore       *store,
                                          const HsScavRecord *scav,
                                          guint64             line,
                                          gint64              wall_time_us);
guint    hs_trace_store_intern_label     (HsTraceStore       *store,
                                          const char         *label);
void     hs_trace_store_add_malformed    (HsTraceStore       *store,
                                          guint64             line,
                                          const char         *reason,
                                          const char         *text,
                                          gsize               len);
guint64  hs_trace_store_get_number       (const HsTraceStore *store,
                                          gsize               row);
void     hs_trace_store_append_store     (HsTraceStore       *store,
                                          const HsTraceStore *other,
                                          guint64             line_offset);
void     hs_trace_store_append_accounting (HsTraceStore      *store,
                                          const HsTraceStore *other,
                                          guint64             line_offset);
void     hs_trace_store_append_rows      (HsTraceStore       *store,
                                          const HsTraceStore *other,
                                          gsize               first_cycle,
                                          gsize               n_cycles,
                                          gsize               first_event,
                                          gsize               n_events);
gsize    hs_trace_store_get_memory       (const HsTraceStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsTraceStore, hs_trace_store_free)

G_END_DECLS
