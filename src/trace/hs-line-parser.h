/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-line-parser.h: classifies one line of Go runtime output and reads the record in it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What one input line turned out to be. Every line gets exactly one of these. */
typedef enum
{
  HS_LINE_FOREIGN,          /* program output, build headers, blank lines: skipped */
  HS_LINE_GC,               /* a GC cycle of Go 1.5 or later */
  HS_LINE_GC_LEGACY,        /* gcN(P): … of Go 1.0–1.4, recognised but not read */
  HS_LINE_SCAVENGER,        /* scvg… or scav … */
  HS_LINE_PERIODIC_MARKER,  /* "GC forced" or "scvgN: GC forced" */
  HS_LINE_OTHER_RUNTIME,    /* pacer:, init … @, SCHED, scheddetail lines, trace*() */
  HS_LINE_MALFORMED,        /* looked like a runtime record but could not be read */
} HsLineKind;

/* The shape of a GC line, which also tells the Go version that printed it. */
typedef enum
{
  HS_GC_FORMAT_NONE = 0,
  HS_GC_FORMAT_GO15_BETA = 1 << 0,  /* gc #N @…, five clock phases */
  HS_GC_FORMAT_GO15 = 1 << 1,       /* five clock phases */
  HS_GC_FORMAT_GO16 = 1 << 2,       /* three clock phases, no stacks (1.6–1.17) */
  HS_GC_FORMAT_GO118 = 1 << 3,      /* with MB stacks and MB globals */
  HS_GC_FORMAT_LEGACY = 1 << 4,     /* Go 1.0–1.4, not read */
} HsGcFormat;

typedef enum
{
  HS_SCAV_FORMAT_NONE = 0,
  HS_SCAV_FORMAT_SCVG = 1 << 0,        /* scvgN: inuse … (Go 1.0–1.12) */
  HS_SCAV_FORMAT_SCVG_HEX = 1 << 1,    /* scvgN: 0x12 MB released (Go 1.0–1.1) */
  HS_SCAV_FORMAT_SCVG_113 = 1 << 2,    /* scvg: / forced scvg: (Go 1.13) */
  HS_SCAV_FORMAT_SCAV_114 = 1 << 3,    /* scav R KiB work, T KiB total (1.14, 1.19–1.20) */
  HS_SCAV_FORMAT_SCAV_GEN = 1 << 4,    /* scav GEN R KiB work … (1.15–1.18) */
  HS_SCAV_FORMAT_SCAV_121 = 1 << 5,    /* (bg), (eager), KiB now (1.21+) */
} HsScavFormat;

typedef enum
{
  HS_GC_FLAG_FORCED = 1 << 0,    /* " (forced)": runtime.GC, FreeOSMemory, gcstoptheworld */
  HS_GC_FLAG_PERIODIC = 1 << 1,  /* came after "GC forced": sysmon's 2-minute GC */
  HS_GC_FLAG_JOINED = 1 << 2,    /* rebuilt from a line torn by the program's own output */
  HS_GC_FLAG_NEW_RUN = 1 << 3,   /* first cycle of a run (set by the trace) */
  /*
   * Not from a gctrace line but from memstats polled over HTTP (expvar, Prometheus): only
   * the number, the end time (wall time) and the whole stop-the-world pause are known. The
   * pause is kept as the sweep-termination clock (so HS_GC_FIELD_PAUSE is right); every
   * other phase, CPU and heap field is 0, meaning unknown.
   */
  HS_GC_FLAG_SAMPLED = 1 << 4,
  HS_GC_FLAG_TIME_ESTIMATED = 1 << 5,  /* sampled: end time spread between two polls */
  HS_GC_FLAG_PAUSE_AVERAGED = 1 << 6,  /* sampled: mean pause of the cycles between two polls */
} HsGcFlags;

/* Clock phases, wall time. Go 1.5 prints five; Go 1.6+ three. */
enum
{
  HS_CLOCK_SWEEP_TERM,   /* stop-the-world */
  HS_CLOCK_SCAN,         /* Go 1.5 only */
  HS_CLOCK_INSTALL_WB,   /* Go 1.5 only */
  HS_CLOCK_MARK,         /* concurrent mark (and scan, from 1.6) */
  HS_CLOCK_MARK_TERM,    /* stop-the-world */
  HS_N_CLOCK
};

/* CPU phases. Go 1.5: a+b+c+d/e/f+g; Go 1.6+: a+d/e/f+g. */
enum
{
  HS_CPU_SWEEP_TERM,
  HS_CPU_SCAN,           /* Go 1.5 only */
  HS_CPU_INSTALL_WB,     /* Go 1.5 only */
  HS_CPU_ASSIST,
  HS_CPU_BACKGROUND,
  HS_CPU_IDLE,
  HS_CPU_MARK_TERM,
  HS_N_CPU
};

typedef struct
{
  guint64    number;              /* gc N */
  guint64    time_ms;             /* @T s, milliseconds since the runtime started */
  guint64    cpu_percent;         /* cumulative GC CPU share, truncated integer % */
  guint64    clock_us[HS_N_CLOCK];
  guint64    cpu_us[HS_N_CPU];
  guint64    heap_before_mb;
  guint64    heap_after_mb;
  guint64    heap_live_mb;
  guint64    heap_goal_mb;
  guint64    stacks_mb;
  guint64    globals_mb;
  guint64    procs;
  HsGcFormat format;
  guint      flags;               /* HsGcFlags */
} HsGcRecord;

typedef enum
{
  HS_SCAV_KIND_SCVG,            /* scvgN: inuse: … (with its released line when printed) */
  HS_SCAV_KIND_SCVG_RELEASED,   /* scvgN: X MB released without an inuse line after it */
  HS_SCAV_KIND_SCAV,            /* scav … (scavtrace) */
} HsScavKind;

typedef enum
{
  HS_SCAV_FLAG_FORCED = 1 << 0,            /* FreeOSMemory: scvg-1, forced scvg:, scav … (forced) */
  HS_SCAV_FLAG_CONTROLLER_RESET = 1 << 1,  /* [controller reset] */
  HS_SCAV_FLAG_HAS_RELEASED_NOW = 1 << 2,  /* a "MB released" line belongs to this event */
  HS_SCAV_FLAG_HAS_SEQUENCE = 1 << 3,      /* scvgN or scav GEN printed a number */
} HsScavFlags;

/* Values are kept in KiB whatever the unit printed (MB lines are exact multiples). */
typedef struct
{
  HsScavKind   kind;
  HsScavFormat format;
  guint        flags;           /* HsScavFlags */
  gint64       sequence;        /* scvg N (-1: FreeOSMemory) or scav generation */
  guint64      released_now_kib; /* scvg: "X MB released" this time */
  guint64      inuse_kib;
  guint64      idle_kib;
  guint64      sys_kib;
  guint64      released_kib;    /* scvg: total released so far */
  guint64      consumed_kib;
  guint64      work_kib;        /* scav: released since the last line (≤1.20: all work; 1.21+: bg) */
  guint64      eager_kib;       /* scav 1.21+: eager work */
  guint64      retained_kib;    /* scav: "KiB total" (≤1.20) / "KiB now" (1.21+): returned and not reused */
  guint64      util_percent;
} HsScavRecord;

/* A prefix in front of the record: its wall-clock time, when it holds one. */
typedef struct
{
  gsize    record_offset;   /* where the record starts in the line */
  gboolean has_wall_time;
  gint64   wall_time_us;    /* Unix time, microseconds */
  gsize    time_start;      /* where the time is within the prefix */
  gsize    time_length;
} HsLinePrefix;

typedef struct
{
  HsLineKind   kind;
  HsLinePrefix prefix;
  union
  {
    HsGcRecord   gc;
    HsScavRecord scav;
  };
  /* For HS_LINE_MALFORMED: why, untranslated (callers translate through hs_malformed_reason_to_string). */
  const char  *reason;
  /* For a GC line that stopped part-way: how far it read, relative to the record start. A line
   * torn by program output can be completed by appending the next line here. */
  gsize        good_length;
  gboolean     incomplete;
} HsLineResult;

void         hs_line_parse             (const char   *line,
                                        gsize         len,
                                        HsLineResult *result);
gboolean     hs_line_find_prefix_time  (const char   *line,
                                        gsize         len,
                                        HsLinePrefix *prefix);
char        *hs_line_prefix_label      (const char   *line,
                                        const HsLinePrefix *prefix);
const char  *hs_gc_format_to_string    (HsGcFormat    format);
const char  *hs_scav_format_to_string  (HsScavFormat  format);

G_END_DECLS
