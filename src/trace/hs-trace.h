/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace.h: a whole GC trace: cycles, scavenger events, runs and line accounting. */
#pragma once

#include <glib-object.h>

#include "hs-line-parser.h"
#include "hs-sample-table.h"
#include "hs-trace-store.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE (hs_trace_get_type ())

G_DECLARE_FINAL_TYPE (HsTrace, hs_trace, HS, TRACE, GObject)

/* Values of a GC cycle as doubles, in the units charts and statistics want. */
typedef enum
{
  HS_GC_FIELD_NUMBER,
  HS_GC_FIELD_TIME,              /* s on the trace's axis: later runs follow earlier ones */
  HS_GC_FIELD_RUN_TIME,          /* s since the process started (@T) */
  HS_GC_FIELD_WALL_TIME,         /* Unix time in s from the log prefix; NAN when none */
  HS_GC_FIELD_CPU_PERCENT,       /* cumulative GC CPU %, as printed */
  HS_GC_FIELD_CLOCK_SWEEP_TERM,  /* ms, stop-the-world */
  HS_GC_FIELD_CLOCK_MARK,        /* ms, concurrent (Go 1.5: scan + install WB + mark) */
  HS_GC_FIELD_CLOCK_MARK_TERM,   /* ms, stop-the-world */
  HS_GC_FIELD_PAUSE,             /* ms, sweep termination + mark termination */
  HS_GC_FIELD_CPU_SWEEP_TERM,    /* ms of CPU */
  HS_GC_FIELD_CPU_ASSIST,
  HS_GC_FIELD_CPU_BACKGROUND,    /* (Go 1.5: scan + install WB + background) */
  HS_GC_FIELD_CPU_IDLE,
  HS_GC_FIELD_CPU_MARK_TERM,
  HS_GC_FIELD_HEAP_BEFORE,       /* bytes (the runtime prints whole MiB) */
  HS_GC_FIELD_HEAP_AFTER,
  HS_GC_FIELD_HEAP_LIVE,
  HS_GC_FIELD_HEAP_GOAL,
  HS_GC_FIELD_STACKS,
  HS_GC_FIELD_GLOBALS,
  HS_GC_FIELD_PROCS,
  HS_GC_FIELD_LINE,
  HS_GC_FIELD_RUN,               /* index of the run, from 0 */
  HS_N_GC_FIELDS
} HsGcField;

typedef enum
{
  HS_SCAV_FIELD_TIME,            /* s on the trace's axis, estimated */
  HS_SCAV_FIELD_RELEASED_NOW,    /* bytes returned to the OS by this event */
  HS_SCAV_FIELD_INUSE,           /* bytes (scvg) */
  HS_SCAV_FIELD_IDLE,
  HS_SCAV_FIELD_SYS,
  HS_SCAV_FIELD_RELEASED,        /* bytes released so far (scvg) */
  HS_SCAV_FIELD_CONSUMED,        /* bytes held from the OS: sys − released (scvg) */
  HS_SCAV_FIELD_WORK,            /* bytes (scav; 1.21+: background work) */
  HS_SCAV_FIELD_EAGER,           /* bytes (scav 1.21+) */
  HS_SCAV_FIELD_RETAINED,        /* bytes returned and not reused: KiB total / KiB now (scav) */
  HS_SCAV_FIELD_UTIL,            /* % */
  HS_SCAV_FIELD_LINE,
  HS_N_SCAV_FIELDS
} HsScavField;

typedef struct
{
  guint   first_cycle;
  guint   n_cycles;
  guint64 first_line;
  double  time_offset;           /* s added to @T to place this run on the trace's axis */
} HsRun;

HsTrace            *hs_trace_new                 (const char         *name);
const char         *hs_trace_get_name            (HsTrace            *self);

guint               hs_trace_get_n_cycles        (HsTrace            *self);
guint               hs_trace_get_n_events        (HsTrace            *self);
guint               hs_trace_get_n_runs          (HsTrace            *self);
const HsRun        *hs_trace_get_run             (HsTrace            *self,
                                                  guint               run);
guint               hs_trace_get_run_of_cycle    (HsTrace            *self,
                                                  guint               cycle);

double              hs_trace_get_gc_value        (HsTrace            *self,
                                                  HsGcField           field,
                                                  guint               cycle);
void                hs_trace_get_gc_values       (HsTrace            *self,
                                                  HsGcField           field,
                                                  guint               first,
                                                  guint               n,
                                                  double             *values);
void                hs_trace_get_gc_record       (HsTrace            *self,
                                                  guint               cycle,
                                                  HsGcRecord         *record);
guint64             hs_trace_get_gc_line         (HsTrace            *self,
                                                  guint               cycle);
guint               hs_trace_get_gc_flags        (HsTrace            *self,
                                                  guint               cycle);
void                hs_trace_get_gc_flags_range  (HsTrace            *self,
                                                  guint               first,
                                                  guint               n,
                                                  guint              *flags);
const char         *hs_trace_get_gc_label        (HsTrace            *self,
                                                  guint               cycle);
gboolean            hs_trace_has_wall_time       (HsTrace            *self);
gint64              hs_trace_get_gc_wall_time_us (HsTrace            *self,
                                                  guint               cycle);

double              hs_trace_get_scav_value      (HsTrace            *self,
                                                  HsScavField         field,
                                                  guint               event);
void                hs_trace_get_scav_record     (HsTrace            *self,
                                                  guint               event,
                                                  HsScavRecord       *record);
guint               hs_trace_get_scav_cycle      (HsTrace            *self,
                                                  guint               event);
guint64             hs_trace_get_scav_line       (HsTrace            *self,
                                                  guint               event);

const HsLineCounts *hs_trace_get_line_counts     (HsTrace            *self);
guint64             hs_trace_get_parsed_lines    (HsTrace            *self);
const HsMalformedLine *hs_trace_get_malformed    (HsTrace            *self,
                                                  guint              *n_kept);
guint64             hs_trace_get_first_legacy_line (HsTrace          *self);
HsGcFormat          hs_trace_get_gc_formats      (HsTrace            *self);
HsScavFormat        hs_trace_get_scav_formats    (HsTrace            *self);
char               *hs_trace_describe_format     (HsTrace            *self);
#define HS_CONTENT_KEY_BYTES (1u << 20)

const char         *hs_trace_get_content_key     (HsTrace            *self);
void                hs_trace_set_content_key     (HsTrace            *self,
                                                  const char         *key);
gsize               hs_trace_get_memory          (HsTrace            *self);

void                hs_trace_read_lock           (HsTrace            *self);
void                hs_trace_read_unlock         (HsTrace            *self);

void                hs_trace_append_store        (HsTrace            *self,
                                                  const HsTraceStore *store,
                                                  guint64             line_offset);
void                hs_trace_append_trace        (HsTrace            *self,
                                                  HsTrace            *other);

/* Memory samples (/proc, expvar, Prometheus): a third table beside cycles and events. */
guint               hs_trace_get_n_samples       (HsTrace            *self);
double              hs_trace_get_sample_time     (HsTrace            *self,
                                                  guint               sample);
gint64              hs_trace_get_sample_wall_time (HsTrace           *self,
                                                  guint               sample);
HsSampleSource      hs_trace_get_sample_source   (HsTrace            *self,
                                                  guint               sample);
double              hs_trace_get_sample_value    (HsTrace            *self,
                                                  guint               field,
                                                  guint               sample);
void                hs_trace_get_sample_values   (HsTrace            *self,
                                                  guint               field,
                                                  guint               first,
                                                  guint               n,
                                                  double             *values);
void                hs_trace_get_sample_times    (HsTrace            *self,
                                                  guint               first,
                                                  guint               n,
                                                  double             *times);
guint               hs_trace_get_n_sample_fields (HsTrace            *self);
const char         *hs_trace_get_sample_field_name (HsTrace          *self,
                                                  guint               field);
int                 hs_trace_lookup_sample_field (HsTrace            *self,
                                                  const char         *name);
gboolean            hs_trace_has_sample_field    (HsTrace            *self,
                                                  guint               field);
void                hs_trace_append_samples      (HsTrace            *self,
                                                  const HsSampleTable *samples);
gint64              hs_trace_find_sample         (HsTrace            *self,
                                                  guint               field,
                                                  double              time);
double              hs_trace_get_cycle_sample_value (HsTrace         *self,
                                                  guint               field,
                                                  guint               cycle);

gboolean            hs_gc_field_is_known         (HsGcField           field,
                                                  guint               flags);

/* A part of a trace read on a worker, appended in a step of its own (hs_trace_cut). */
typedef struct
{
  HsTraceStore  *store;
  HsSampleTable *samples;
} HsTraceSlice;

GPtrArray          *hs_trace_cut                 (HsTrace            *self,
                                                  guint               max_cycles,
                                                  guint               max_samples);
void                hs_trace_slice_free          (HsTraceSlice       *slice);

G_END_DECLS
