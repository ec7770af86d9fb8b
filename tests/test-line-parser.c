/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-line-parser.c: hs_line_parse against every line shape of /work/shared/gctrace-formats.md. */

#include "config.h"

#include <string.h>

#include "trace/hs-line-parser.h"

/*
 * Every expected value below was read by hand off the line it belongs to, using the unit
 * rules of gctrace-formats.md section 4: "ms" times are kept in µs (0.37 ms = 370 µs),
 * "MB" scavenger amounts in KiB (MB × 1024), "@T s" in ms.
 */

typedef struct
{
  const char *line;
  guint64     number;
  guint64     time_ms;
  guint64     cpu_percent;
  guint64     clock_us[HS_N_CLOCK];  /* sweep-term, scan, install-wb, mark, mark-term */
  guint64     cpu_us[HS_N_CPU];      /* sweep-term, scan, install-wb, assist, bg, idle, mark-term */
  guint64     heap[4];               /* before, after, live, goal (MiB) */
  guint64     stacks_mb;
  guint64     globals_mb;
  guint64     procs;
  HsGcFormat  format;
  guint       flags;
} GcCase;

static const GcCase gc_cases[] = {
  /* 2.6, real Go 1.5 (golang/go#12228): five clock phases */
  { "gc 3 @0.966s 0%: 0+1.0+1.0+0+1.0 ms clock, 0+1.0+0+1.0/0/0+3.0 ms cpu, 6->7->5 MB, 7 MB goal, 8 P",
    3, 966, 0, { 0, 1000, 1000, 0, 1000 }, { 0, 1000, 0, 1000, 0, 0, 3000 },
    { 6, 7, 5, 7 }, 0, 0, 8, HS_GC_FORMAT_GO15, 0 },
  /* 2.5, go1.5beta2: gc #N */
  { "gc #1 @0.021s 2%: 0.15+0.41+0.010+1.2+0.32 ms clock, 0.30+0.41+0+0.12/0.78/0.45+0.64 ms cpu, 4->4->1 MB, 4 MB goal, 2 P",
    1, 21, 2, { 150, 410, 10, 1200, 320 }, { 300, 410, 0, 120, 780, 450, 640 },
    { 4, 4, 1, 4 }, 0, 0, 2, HS_GC_FORMAT_GO15_BETA, 0 },
  /* 2.7, real go1.9 (golang/go#14812) */
  { "gc 290 @256.195s 3%: 0.25+100+0.10 ms clock, 2.0+208/199/0+0.84 ms cpu, 400->410->210 MB, 420 MB goal, 8 P",
    290, 256195, 3, { 250, 0, 0, 100000, 100 }, { 2000, 0, 0, 208000, 199000, 0, 840 },
    { 400, 410, 210, 420 }, 0, 0, 8, HS_GC_FORMAT_GO16, 0 },
  /* 2.7, real Go 1.13 */
  { "gc 1 @0.035s 2%: 0.020+6.4+0.005 ms clock, 0.020+1.0/0/0+0.005 ms cpu, 4->4->0 MB, 5 MB goal, 1 P",
    1, 35, 2, { 20, 0, 0, 6400, 5 }, { 20, 0, 0, 1000, 0, 0, 5 },
    { 4, 4, 0, 5 }, 0, 0, 1, HS_GC_FORMAT_GO16, 0 },
  /* 2.8, real go1.19.8 */
  { "gc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P",
    3, 4, 5, { 8, 0, 0, 370, 1 }, { 16, 0, 0, 130, 10, 0, 2 },
    { 10, 12, 6, 12 }, 0, 0, 2, HS_GC_FORMAT_GO118, 0 },
  /* 2.8, real go1.19.8 runtime.GC(): (forced) */
  { "gc 15 @0.518s 0%: 0.088+0.50+0.093 ms clock, 0.17+0/0.28/0.022+0.18 ms cpu, 5->5->5 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)",
    15, 518, 0, { 88, 0, 0, 500, 93 }, { 170, 0, 0, 0, 280, 22, 180 },
    { 5, 5, 5, 10 }, 0, 0, 2, HS_GC_FORMAT_GO118, HS_GC_FLAG_FORCED },
  /* 2.8, real go1.19 (golang/go#54649): 66 MB stacks */
  { "gc 1 @0.016s 19%: 0.053+36+0.016 ms clock, 0.21+36/4.9/39+0.066 ms cpu, 3->3->3 MB, 4 MB goal, 66 MB stacks, 0 MB globals, 4 P",
    1, 16, 19, { 53, 0, 0, 36000, 16 }, { 210, 0, 0, 36000, 4900, 39000, 66 },
    { 3, 3, 3, 4 }, 66, 0, 4, HS_GC_FORMAT_GO118, 0 },
  /* 2.8, real Go 1.25 development (golang/go#73581) */
  { "gc 1 @0.005s 1%: 0.052+1.1+0.12 ms clock, 3.3+0.093/0.92/0+7.7 ms cpu, 3->4->1 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 64 P",
    1, 5, 1, { 52, 0, 0, 1100, 120 }, { 3300, 0, 0, 93, 920, 0, 7700 },
    { 3, 4, 1, 4 }, 0, 0, 64, HS_GC_FORMAT_GO118, 0 },
  /* 2.9, real 1.19-dev race (golang/go#52515) */
  { "gc 1 @0.124s 16%: 0.040+242+0.002 ms clock, 0.32+0.11/484/1447+0.020 ms cpu, 1526->1526->1525 MB, 1526 MB goal, 0 MB stacks, 0 MB globals, 8 P (forced)",
    1, 124, 16, { 40, 0, 0, 242000, 2 }, { 320, 0, 0, 110, 484000, 1447000, 20 },
    { 1526, 1526, 1525, 1526 }, 0, 0, 8, HS_GC_FORMAT_GO118, HS_GC_FLAG_FORCED },
  { "gc 2 @0.367s 18%: 0.037+111+0.002 ms clock, 0.29+0/223/658+0.018 ms cpu, 1525->1525->1525 MB, 3052 MB goal, 0 MB stacks, 0 MB globals, 8 P",
    2, 367, 18, { 37, 0, 0, 111000, 2 }, { 290, 0, 0, 0, 223000, 658000, 18 },
    { 1525, 1525, 1525, 3052 }, 0, 0, 8, HS_GC_FORMAT_GO118, 0 },
  /* 3.6, the real go1.19.8 stream */
  { "gc 1 @0.001s 5%: 0.006+0.22+0.001 ms clock, 0.013+0.15/0/0+0.003 ms cpu, 3->4->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P",
    1, 1, 5, { 6, 0, 0, 220, 1 }, { 13, 0, 0, 150, 0, 0, 3 },
    { 3, 4, 3, 4 }, 0, 0, 2, HS_GC_FORMAT_GO118, 0 },
  { "gc 2 @0.002s 5%: 0.006+0.30+0.001 ms clock, 0.013+0.17/0.023/0+0.003 ms cpu, 6->7->6 MB, 7 MB goal, 0 MB stacks, 0 MB globals, 2 P",
    2, 2, 5, { 6, 0, 0, 300, 1 }, { 13, 0, 0, 170, 23, 0, 3 },
    { 6, 7, 6, 7 }, 0, 0, 2, HS_GC_FORMAT_GO118, 0 },
  { "gc 16 @0.519s 1%: 0.13+0.50+0.002 ms clock, 0.26+0/0.17/0+0.004 ms cpu, 5->5->5 MB, 10 MB goal, 0 MB stacks, 0 MB globals, 2 P (forced)",
    16, 519, 1, { 130, 0, 0, 500, 2 }, { 260, 0, 0, 0, 170, 0, 4 },
    { 5, 5, 5, 10 }, 0, 0, 2, HS_GC_FORMAT_GO118, HS_GC_FLAG_FORCED },
  /* 3.5, real go1.19.8 idle program */
  { "gc 5 @121.022s 0%: 3.4+1.5+0.003 ms clock, 6.9+0/2.7/0+0.007 ms cpu, 1->1->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P",
    5, 121022, 0, { 3400, 0, 0, 1500, 3 }, { 6900, 0, 0, 0, 2700, 0, 7 },
    { 1, 1, 0, 4 }, 0, 0, 2, HS_GC_FORMAT_GO118, 0 },
  /* 4: GOGC=off in go1.19.8 prints the default memory limit in MiB (2^43 - 17), beyond 32 bits */
  { "gc 7 @1.000s 0%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 400->400->10 MB, 8796093022191 MB goal, 0 MB stacks, 16 MB globals, 2 P",
    7, 1000, 0, { 10, 0, 0, 1000, 10 }, { 20, 0, 0, 0, 1000, 0, 20 },
    { 400, 400, 10, G_GUINT64_CONSTANT (8796093022191) }, 0, 16, 2, HS_GC_FORMAT_GO118, 0 },
  /* 4: GOGC=off in 1.9–1.18 prints ^uint64(0) >> 20 = 2^44 - 1 */
  { "gc 8 @2.500s 1%: 0.010+1.0+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 400->400->10 MB, 17592186044415 MB goal, 4 P",
    8, 2500, 1, { 10, 0, 0, 1000, 10 }, { 20, 0, 0, 0, 1000, 0, 20 },
    { 400, 400, 10, G_GUINT64_CONSTANT (17592186044415) }, 0, 0, 4, HS_GC_FORMAT_GO16, 0 },
  /* more decimals than fmtNSAsMS prints are tolerated and truncated */
  { "gc 9 @3.000s 1%: 0.0129+1.99999+0.010 ms clock, 0.020+0/1.0/0+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 4 P",
    9, 3000, 1, { 12, 0, 0, 1999, 10 }, { 20, 0, 0, 0, 1000, 0, 20 },
    { 4, 4, 1, 5 }, 0, 0, 4, HS_GC_FORMAT_GO16, 0 },
};

static void
assert_gc (const GcCase     *expected,
           const HsGcRecord *gc)
{
  g_assert_cmpuint (gc->number, ==, expected->number);
  g_assert_cmpuint (gc->time_ms, ==, expected->time_ms);
  g_assert_cmpuint (gc->cpu_percent, ==, expected->cpu_percent);
  for (guint i = 0; i < HS_N_CLOCK; i++)
    g_assert_cmpuint (gc->clock_us[i], ==, expected->clock_us[i]);
  for (guint i = 0; i < HS_N_CPU; i++)
    g_assert_cmpuint (gc->cpu_us[i], ==, expected->cpu_us[i]);
  g_assert_cmpuint (gc->heap_before_mb, ==, expected->heap[0]);
  g_assert_cmpuint (gc->heap_after_mb, ==, expected->heap[1]);
  g_assert_cmpuint (gc->heap_live_mb, ==, expected->heap[2]);
  g_assert_cmpuint (gc->heap_goal_mb, ==, expected->heap[3]);
  g_assert_cmpuint (gc->stacks_mb, ==, expected->stacks_mb);
  g_assert_cmpuint (gc->globals_mb, ==, expected->globals_mb);
  g_assert_cmpuint (gc->procs, ==, expected->procs);
  g_assert_cmpint (gc->format, ==, expected->format);
  g_assert_cmpuint (gc->flags, ==, expected->flags);
}

static void
test_gc_line (gconstpointer data)
{
  const GcCase *expected = data;
  HsLineResult result;

  hs_line_parse (expected->line, strlen (expected->line), &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_GC);
  g_assert_cmpuint (result.prefix.record_offset, ==, 0);
  g_assert_false (result.prefix.has_wall_time);
  g_assert_false (result.incomplete);
  assert_gc (expected, &result.gc);
}

/* CRLF logs and blanks a log shipper adds at the end do not change the record. */
static void
test_gc_line_endings (void)
{
  const char *endings[] = { "\r", "   ", "\t \r", " \r" };

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *line = g_strconcat (gc_cases[5].line, endings[i], NULL);
      HsLineResult result;

      hs_line_parse (line, strlen (line), &result);
      g_assert_cmpint (result.kind, ==, HS_LINE_GC);
      assert_gc (&gc_cases[5], &result.gc);
    }
}

/* The length, not a NUL, ends the line: bytes after @len are not read. */
static void
test_gc_line_length (void)
{
  g_autofree char *line = g_strconcat (gc_cases[2].line, " (forced)", NULL);
  HsLineResult result;

  hs_line_parse (line, strlen (gc_cases[2].line), &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_GC);
  assert_gc (&gc_cases[2], &result.gc);
}

/* Go 1.0–1.4 lines (sections 2.1–2.4) are recognised and not read. */
static void
test_legacy (void)
{
  const char *lines[] = {
    /* 1.0 */
    "gc12(2): 3+1+0 ms 24 -> 12 MB 201934 -> 101210 (1504302-1403092) objects 17 handoff",
    /* 1.1–1.2 */
    "gc7(4): 14+3+0 ms, 48 -> 24 MB 310042 -> 158200 (2841007-2682807) objects, 12(340) handoff, 8(95) steal, 210/41/3 yields",
    /* 1.3 */
    "gc15(2): 120+45+8210+35 us, 37 -> 74 MB, 412877 (3021944-2609067) objects, 143/21/0 sweeps, 4(112) handoff, 6(40) steal, 88/12/0 yields",
    /* 1.4, real */
    "gc6(5): 0+0+0+1000 us, 0 -> 0 MB, 2118 (2655-537) objects, 85 goroutines, 109/0/0 sweeps, 8(66) handoff, 11(38) steal, 103/4/0 yields",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      HsLineResult result;

      hs_line_parse (lines[i], strlen (lines[i]), &result);
      g_assert_cmpint (result.kind, ==, HS_LINE_GC_LEGACY);
    }
}

typedef struct
{
  const char  *line;
  HsScavKind   kind;
  HsScavFormat format;
  guint        flags;
  gint64       sequence;
  guint64      released_now_kib;
  guint64      inuse_kib;
  guint64      idle_kib;
  guint64      sys_kib;
  guint64      released_kib;
  guint64      consumed_kib;
  guint64      work_kib;
  guint64      eager_kib;
  guint64      retained_kib;
  guint64      util_percent;
} ScavCase;

#define SEQ HS_SCAV_FLAG_HAS_SEQUENCE
#define REL HS_SCAV_FLAG_HAS_RELEASED_NOW
#define FORCED HS_SCAV_FLAG_FORCED

static const ScavCase scav_cases[] = {
  /* 3.1, Go 1.0–1.1: hex released, 0x12 MB = 18 MiB = 18432 KiB */
  { "scvg4: 0x12 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG_HEX, SEQ | REL, 4,
    18432, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { "scvg0: inuse: 1, idle: 0, sys: 3, released: 0, consumed: 3 (MB)", HS_SCAV_KIND_SCVG,
    HS_SCAV_FORMAT_SCVG, SEQ, 0, 0, 1024, 0, 3072, 0, 3072, 0, 0, 0, 0 },
  /* 3.2, real go1.6 (golang/go#15212) */
  { "scvg0: inuse: 0, idle: 0, sys: 1, released: 0, consumed: 1 (MB)", HS_SCAV_KIND_SCVG,
    HS_SCAV_FORMAT_SCVG, SEQ, 0, 0, 0, 0, 1024, 0, 1024, 0, 0, 0, 0 },
  { "scvg1: 0 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG, SEQ | REL, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  /* 3.2, FreeOSMemory: scvg-1 */
  { "scvg-1: 63 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG, SEQ | REL | FORCED, -1,
    64512, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { "scvg-1: inuse: 2, idle: 64, sys: 67, released: 63, consumed: 3 (MB)", HS_SCAV_KIND_SCVG,
    HS_SCAV_FORMAT_SCVG, SEQ | FORCED, -1, 0, 2048, 65536, 68608, 64512, 3072, 0, 0, 0, 0 },
  /* the go1.9 sample's release */
  { "scvg3: 1767 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG, SEQ | REL, 3,
    1809408, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  /* 3.3, real Go 1.13 */
  { "scvg: 0 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG_113, REL, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { "scvg: inuse: 2, idle: 61, sys: 63, released: 59, consumed: 4 (MB)", HS_SCAV_KIND_SCVG,
    HS_SCAV_FORMAT_SCVG_113, 0, 0, 0, 2048, 62464, 64512, 60416, 4096, 0, 0, 0, 0 },
  { "forced scvg: 12 MB released", HS_SCAV_KIND_SCVG_RELEASED, HS_SCAV_FORMAT_SCVG_113, REL | FORCED, 0,
    12288, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
  { "forced scvg: inuse: 2, idle: 0, sys: 14, released: 12, consumed: 2 (MB)", HS_SCAV_KIND_SCVG,
    HS_SCAV_FORMAT_SCVG_113, FORCED, 0, 0, 2048, 0, 14336, 12288, 2048, 0, 0, 0, 0 },
  /* 3.4, 1.14 */
  { "scav 1088 KiB work, 624 KiB total, 80% util", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114, 0, 0,
    0, 0, 0, 0, 0, 0, 1088, 0, 624, 80 },
  { "scav 1088 KiB work, 624 KiB total, 80% util (forced)", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114,
    FORCED, 0, 0, 0, 0, 0, 0, 0, 1088, 0, 624, 80 },
  /* 1.15–1.17 with the generation */
  { "scav 7 1088 KiB work, 624 KiB total, 80% util", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_GEN, SEQ, 7,
    0, 0, 0, 0, 0, 0, 1088, 0, 624, 80 },
  /* 1.18 controller reset */
  { "scav 3 512 KiB work, 2048 KiB total, 71% util [controller reset]", HS_SCAV_KIND_SCAV,
    HS_SCAV_FORMAT_SCAV_GEN, SEQ | HS_SCAV_FLAG_CONTROLLER_RESET, 3, 0, 0, 0, 0, 0, 0, 512, 0, 2048, 71 },
  /* 1.19–1.20, real go1.19.8 */
  { "scav 37576 KiB work, 96624 KiB total, 98% util (forced)", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114,
    FORCED, 0, 0, 0, 0, 0, 0, 0, 37576, 0, 96624, 98 },
  { "scav 0 KiB work, 3736 KiB total, 92% util", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 3736, 92 },
  { "scav 256 KiB work, 3264 KiB total, 5% util [controller reset]", HS_SCAV_KIND_SCAV,
    HS_SCAV_FORMAT_SCAV_114, HS_SCAV_FLAG_CONTROLLER_RESET, 0, 0, 0, 0, 0, 0, 0, 256, 0, 3264, 5 },
  /* 3.6, real go1.19.8 stream */
  { "scav 0 KiB work, 112 KiB total, 91% util", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 112, 91 },
  { "scav 41160 KiB work, 59048 KiB total, 12% util", HS_SCAV_KIND_SCAV, HS_SCAV_FORMAT_SCAV_114, 0, 0,
    0, 0, 0, 0, 0, 0, 41160, 0, 59048, 12 },
  /* 1.21+ */
  { "scav 960 KiB work (bg), 64 KiB work (eager), 1992 KiB now, 71% util", HS_SCAV_KIND_SCAV,
    HS_SCAV_FORMAT_SCAV_121, 0, 0, 0, 0, 0, 0, 0, 0, 960, 64, 1992, 71 },
  { "scav 0 KiB work (bg), 37576 KiB work (eager), 96624 KiB now, 98% util (forced)", HS_SCAV_KIND_SCAV,
    HS_SCAV_FORMAT_SCAV_121, FORCED, 0, 0, 0, 0, 0, 0, 0, 0, 37576, 96624, 98 },
};

static void
test_scav_line (gconstpointer data)
{
  const ScavCase *e = data;
  HsLineResult result;
  const HsScavRecord *s = &result.scav;

  hs_line_parse (e->line, strlen (e->line), &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_SCAVENGER);
  g_assert_cmpint (s->kind, ==, e->kind);
  g_assert_cmpint (s->format, ==, e->format);
  g_assert_cmpuint (s->flags, ==, e->flags);
  g_assert_cmpint (s->sequence, ==, e->sequence);
  g_assert_cmpuint (s->released_now_kib, ==, e->released_now_kib);
  g_assert_cmpuint (s->inuse_kib, ==, e->inuse_kib);
  g_assert_cmpuint (s->idle_kib, ==, e->idle_kib);
  g_assert_cmpuint (s->sys_kib, ==, e->sys_kib);
  g_assert_cmpuint (s->released_kib, ==, e->released_kib);
  g_assert_cmpuint (s->consumed_kib, ==, e->consumed_kib);
  g_assert_cmpuint (s->work_kib, ==, e->work_kib);
  g_assert_cmpuint (s->eager_kib, ==, e->eager_kib);
  g_assert_cmpuint (s->retained_kib, ==, e->retained_kib);
  g_assert_cmpuint (s->util_percent, ==, e->util_percent);
}

static void
assert_kind (const char *line,
             HsLineKind  kind)
{
  HsLineResult result;

  hs_line_parse (line, strlen (line), &result);
  if (result.kind != kind)
    g_error ("“%s”: kind %d, expected %d", line, result.kind, kind);
}

static void
test_markers (void)
{
  /* 3.5: Go 1.4+ and Go ≤1.3 */
  assert_kind ("GC forced", HS_LINE_PERIODIC_MARKER);
  assert_kind ("GC forced\r", HS_LINE_PERIODIC_MARKER);
  assert_kind ("GC forced  ", HS_LINE_PERIODIC_MARKER);
  assert_kind ("scvg4: GC forced", HS_LINE_PERIODIC_MARKER);
  assert_kind ("scvg12: GC forced", HS_LINE_PERIODIC_MARKER);
  /* a person's words that start the same way are not the marker */
  assert_kind ("GC forced by an operator", HS_LINE_FOREIGN);
}

static void
test_other_runtime (void)
{
  const char *lines[] = {
    /* 6.1 */
    "pacer: assist ratio=+4.076850e-001 (scan 0 MB in 6->8 MB) workers=2+0",
    "pacer: assist ratio=+1.175866e+000 (scan 0 MB in 3->4 MB) workers=0++2.500000e-001",
    "pacer: H_m_prev=5369696 h_t=+4.918251e-001 H_T=6463218 h_a=+4.576438e-001 H_a=7827104 h_g=+1.000000e+000 H_g=10739392 u_a=+2.749985e-001 u_g=+2.500000e-001 W_a=711224 goalΔ=+5.081749e-001 actualΔ=-3.418128e-002 u_a/u_g=+1.099994e+000",
    "pacer: 32% CPU (25 exp.) for 138600+1728+221552 B work (221552 B exp.) in 3997696 B -> 4292608 B (∆goal 98304, cons/mark +0.000000e+000)",
    "pacer: 32% CPU (25 exp.) for 138600+1728+221552 B work (221552 B exp.) in 3997696 B -> 4292608 B (∆goal 10000, cons/mark +0.000000e+000)[controller reset]",
    "pacer: sweep done at heap size 7MB; allocated 1MB during sweep; swept 1024 pages at +1.163456e-004 pages/byte",
    /* 6.2 */
    "init unicode @0.16 ms, 0.023 ms clock, 12456 bytes, 11 allocs",
    /* 6.3 */
    "SCHED 101ms: gomaxprocs=2 idleprocs=2 threads=5 spinningthreads=0 idlethreads=3 runqueue=0 [0 0]",
    "SCHED 1004ms: gomaxprocs=8 idleprocs=8 threads=12 spinningthreads=0 needspinning=0 idlethreads=6 runqueue=0 [0 0 0 0 0 0 0 0]",
    "  P0: status=0 schedtick=0 syscalltick=0 m=-1 runqsize=0 gfreecnt=0 timerslen=0",
    "  M1: p=-1 curg=-1 mallocing=0 throwing=0 preemptoff= locks=2 dying=0 spinning=false blocked=false lockedg=-1",
    "  G2: status=4(force gc (idle)) m=-1 lockedm=-1",
    /* 6.4 */
    "tracealloc(0xc000012345, 0x10, *main.T)",
    "tracefree(0xc000012345, 0x10)",
    "tracegc()",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_kind (lines[i], HS_LINE_OTHER_RUNTIME);
}

static void
test_foreign (void)
{
  const char *lines[] = {
    "",
    "   ",
    "# github.com/example/pkg",
    "# 开始运行程序,疯狂的向内存写入",
    "BenchmarkInsert-4   \t 1000000\t      1234 ns/op",
    "PASS",
    "ok  \tgithub.com/example/rbtree\t12.345s",
    "fatal error: runtime: out of memory",
    "runtime: program exceeds 10000-thread limit",
    /* prose that mentions the runtime's words */
    "the gc is slow today",
    "we ran gc 5 times before lunch",
    "gcc -O2 -o main main.c",
    "scav is short for scavenger",
    "the scavenger ran: scavenging is fine",
    "log: scav 12 things today",
    "the scvg: thing is odd",
    "debugging: scvg-1 is FreeOSMemory, they say",
    "pacer:no space",
    "initialise @ start",
    "SCHEDULE 5ms: later",
    "  P: status",
    "GC forced?",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    assert_kind (lines[i], HS_LINE_FOREIGN);
}

typedef struct
{
  const char *line;
  const char *reason;
  gboolean    incomplete;
  gsize       good_length;   /* strlen of the part of the record that was read */
} MalformedCase;

static const MalformedCase malformed_cases[] = {
  /* a record torn by program output: stops after "%: " (18 bytes), may continue on the next line */
  { "gc 24 @0.446s 0%: my log line", "expected a clock phase time in ms", TRUE, 18 },
  { "gc 24 @0.446s", "expected the time “@T.TTTs” after the GC number", TRUE, 12 },
  { "gc 5 @0.100s 0%: 1+2 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected 3 or 5 clock phases", TRUE, 20 },
  { "gc 5 @0.100s 0%: 1+2+3 ms, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected “ ms clock, ” after the clock phases", TRUE, 22 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2+3 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected CPU phases “a+b/c/d+e”", TRUE, 36 },
  { "gc 5 @0.100s 0%: 1+2+3+4+5 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected Go 1.5 CPU phases “a+b+c+d/e/f+g”", TRUE, 40 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4 MB, 5 MB goal, 2 P",
    "expected heap sizes “H->H->H MB, ”", TRUE, 55 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB, 2 P",
    "expected the heap goal “G MB goal, ”", TRUE, 64 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2",
    "expected GOMAXPROCS “N P”", TRUE, 75 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 0 MB stacks, 2 P",
    "expected “G MB globals, ” after the stacks", TRUE, 88 },
  { "gc 5 @0.100s x%: 1+2+3 ms clock", "expected the GC CPU share “N%: ”", TRUE, 13 },
  /* numbers beyond uint64 (2^64 = 18446744073709551616): reading stops at the 20th digit,
   * the one that overflows, so 19 digits count as read */
  { "gc 18446744073709551616 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected the GC number after “gc ”", TRUE, 22 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 18446744073709551616->4->1 MB, 5 MB goal, 2 P",
    "expected heap sizes “H->H->H MB, ”", TRUE, 70 },
  { "gc 5 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 18446744073709551616 MB goal, 2 P",
    "expected the heap goal “G MB goal, ”", TRUE, 82 },
  /* 18446744073709551615 ms would be 1000× that in µs */
  { "gc 5 @0.100s 0%: 18446744073709551615+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "expected a clock phase time in ms", TRUE, 37 },
  /* values the runtime cannot print: gc N is a uint32 */
  { "gc 4294967296 @0.100s 0%: 1+2+3 ms clock, 1+2/3/4+5 ms cpu, 4->4->1 MB, 5 MB goal, 2 P",
    "GC number larger than the runtime can print", TRUE, 86 },
  /* scavenger lines at the start of a line */
  { "scav 1088 KiB work, 624 KiB, 80% util", "expected “, T KiB total, ” in a scav line", FALSE, 0 },
  { "scav 1088 KiB, 624 KiB total, 80% util", "expected “N KiB work” in a scav line", FALSE, 0 },
  { "scav 1088 KiB work, 624 KiB total, 80%", "expected “U% util” in a scav line", FALSE, 0 },
  { "scav 3 960 KiB work (bg), 64 KiB work (eager), 1992 KiB now, 71% util",
    "a Go 1.21 scav line has no generation number", FALSE, 0 },
  { "scav 960 KiB work (bg), 64 KiB work, 1992 KiB now, 71% util",
    "expected “E KiB work (eager), N KiB now, ”", FALSE, 0 },
  { "scav 18446744073709551616 KiB work, 624 KiB total, 80% util",
    "expected a number after “scav ”", FALSE, 0 },
  { "scvg3: inuse: 1, idle: 0 (MB)",
    "expected “inuse: A, idle: B, sys: C, released: D, consumed: E (MB)”", FALSE, 0 },
  { "scvg3: lots MB released", "expected “inuse: …” or “N MB released” after “scvg”", FALSE, 0 },
  { "scvg3: 0xZZ MB released", "expected a hexadecimal MB count after “0x”", FALSE, 0 },
  { "scvg3: 12 MB", "expected “N MB released”", FALSE, 0 },
  /* 2^54 MiB does not fit 64 bits once in KiB */
  { "scvg3: 18014398509481984 MB released", "expected “N MB released”", FALSE, 0 },
  { "scvg3: 0x10000000000000000 MB released", "expected a hexadecimal MB count after “0x”", FALSE, 0 },
  { "scvg99999999999999999999: inuse: 1, idle: 0, sys: 3, released: 0, consumed: 3 (MB)",
    "expected “scvgN: ”", FALSE, 0 },
};

static void
test_malformed (gconstpointer data)
{
  const MalformedCase *e = data;
  HsLineResult result;

  hs_line_parse (e->line, strlen (e->line), &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_MALFORMED);
  g_assert_cmpstr (result.reason, ==, e->reason);
  g_assert_cmpint (result.incomplete, ==, e->incomplete);
  if (e->incomplete)
    g_assert_cmpuint (result.good_length, ==, e->good_length);
}

typedef struct
{
  const char *line;
  HsLineKind  kind;
  gsize       record_offset;   /* strlen of the prefix */
  gboolean    has_wall_time;
  gint64      wall_time_us;
  const char *label;
} PrefixCase;

#define GC_TAIL "gc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P"
#define SCAV_TAIL "scav 1088 KiB work, 624 KiB total, 80% util"

/* Unix times from `date -u -d TIME +%s`; the test runs with TZ=UTC for prefixes without a zone. */
static const PrefixCase prefix_cases[] = {
  /* RFC 3339: date -u -d 2024-01-02T15:04:05Z +%s = 1704207845 */
  { "2024-01-02T15:04:05Z " GC_TAIL, HS_LINE_GC, 21, TRUE, G_GINT64_CONSTANT (1704207845000000), "" },
  /* date -u -d 2024-01-02T15:04:05+02:00 +%s = 1704200645 */
  { "2024-01-02T15:04:05+02:00 " GC_TAIL, HS_LINE_GC, 26, TRUE, G_GINT64_CONSTANT (1704200645000000), "" },
  /* kubectl --timestamps: nanoseconds, truncated to µs */
  { "2024-01-02T15:04:05.123456789Z " GC_TAIL, HS_LINE_GC, 31, TRUE,
    G_GINT64_CONSTANT (1704207845123456), "" },
  /* Go's log package, local time (TZ=UTC): date -u -d "2009-11-10 23:00:00" +%s = 1257894000 */
  { "2009/11/10 23:00:00 " GC_TAIL, HS_LINE_GC, 20, TRUE, G_GINT64_CONSTANT (1257894000000000), "" },
  { "2009/11/10 23:00:00.250000 " SCAV_TAIL, HS_LINE_SCAVENGER, 27, TRUE,
    G_GINT64_CONSTANT (1257894000250000), "" },
  /* Python logging's comma, local time: date -u -d "2024-01-02 15:04:05" +%s = 1704207845 */
  { "2024-01-02 15:04:05,123 INFO " GC_TAIL, HS_LINE_GC, 29, TRUE, G_GINT64_CONSTANT (1704207845123000), "INFO" },
  /* date -u -d 2024-01-01T00:30:00-01:00 +%s = 1704072600: the day before in the zone */
  { "2024-01-01T00:30:00-01:00 " GC_TAIL, HS_LINE_GC, 26, TRUE, G_GINT64_CONSTANT (1704072600000000), "" },
  /* date -u -d 2024-01-02T15:04:05+0530 +%s = 1704188045 */
  { "2024-01-02T15:04:05.123+0530 " GC_TAIL, HS_LINE_GC, 29, TRUE, G_GINT64_CONSTANT (1704188045123000), "" },
  /* a pod name before the time */
  { "[pod/web-1/app] 2024-01-02T15:04:05Z " SCAV_TAIL, HS_LINE_SCAVENGER, 37, TRUE,
    G_GINT64_CONSTANT (1704207845000000), "[pod/web-1/app]" },
  /* no time */
  { "Stderr when execute [go test -bench .]: " GC_TAIL, HS_LINE_GC, 40, FALSE, 0,
    "Stderr when execute [go test -bench .]" },
  { "BenchmarkX-16 \t" GC_TAIL, HS_LINE_GC, 15, FALSE, 0, "BenchmarkX-16" },
  { "BenchmarkX-16 \tGC forced", HS_LINE_PERIODIC_MARKER, 15, FALSE, 0, "BenchmarkX-16" },
  /* a malformed record after a timed prefix is a malformed runtime line, not prose */
  { "2024-01-02T15:04:05Z scav 1088 KiB work, 80% util", HS_LINE_MALFORMED, 21, TRUE,
    G_GINT64_CONSTANT (1704207845000000), "" },
};

static void
test_prefix (gconstpointer data)
{
  const PrefixCase *e = data;
  HsLineResult result;
  g_autofree char *label = NULL;

  hs_line_parse (e->line, strlen (e->line), &result);
  g_assert_cmpint (result.kind, ==, e->kind);
  g_assert_cmpuint (result.prefix.record_offset, ==, e->record_offset);
  g_assert_cmpint (result.prefix.has_wall_time, ==, e->has_wall_time);
  if (e->has_wall_time)
    g_assert_cmpint (result.prefix.wall_time_us, ==, e->wall_time_us);
  label = hs_line_prefix_label (e->line, &result.prefix);
  g_assert_cmpstr (label, ==, e->label);

  if (e->kind == HS_LINE_GC)
    assert_gc (&gc_cases[4], &result.gc);
}

/* journald prints no year: the one that does not put the time in the future is taken. */
static void
test_prefix_journald (void)
{
  const char *line = "Sep 01 18:07:11 host prog[15450]: " GC_TAIL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) expected = NULL;
  gint year = g_date_time_get_year (now);
  HsLineResult result;
  g_autofree char *label = NULL;

  /* date -u -d "2026-09-01 18:07:11" +%s = 1788286031: checks the arithmetic below */
  if (g_date_time_get_month (now) < 9)
    year--;
  expected = g_date_time_new_utc (year, 9, 1, 18, 7, 11);
  if (year == 2026)
    g_assert_cmpint (g_date_time_to_unix (expected), ==, 1788286031);

  hs_line_parse (line, strlen (line), &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_GC);
  g_assert_cmpuint (result.prefix.record_offset, ==, strlen ("Sep 01 18:07:11 host prog[15450]: "));
  g_assert_true (result.prefix.has_wall_time);
  g_assert_cmpint (result.prefix.wall_time_us, ==, g_date_time_to_unix (expected) * G_USEC_PER_SEC);
  g_assert_cmpuint (result.prefix.time_start, ==, 0);
  g_assert_cmpuint (result.prefix.time_length, ==, strlen ("Sep 01 18:07:11"));
  label = hs_line_prefix_label (line, &result.prefix);
  g_assert_cmpstr (label, ==, "host prog[15450]");
  assert_gc (&gc_cases[4], &result.gc);

  /* syslog pads a one-digit day with a space */
  {
    const char *padded = "Sep  1 18:07:11 host prog[15450]: GC forced";
    g_autofree char *padded_label = NULL;

    hs_line_parse (padded, strlen (padded), &result);
    g_assert_cmpint (result.kind, ==, HS_LINE_PERIODIC_MARKER);
    g_assert_true (result.prefix.has_wall_time);
    g_assert_cmpint (result.prefix.wall_time_us, ==, g_date_time_to_unix (expected) * G_USEC_PER_SEC);
    padded_label = hs_line_prefix_label (padded, &result.prefix);
    g_assert_cmpstr (padded_label, ==, "host prog[15450]");
  }
}

/* A record after a prefix of prose without a time is a runtime line only when it reads. */
static void
test_prefix_prose (void)
{
  assert_kind ("note: " SCAV_TAIL, HS_LINE_SCAVENGER);
  assert_kind ("note: scav 1088 KiB work, 80% util", HS_LINE_FOREIGN);
  assert_kind ("say gc 5 @0.100s 0%: 1+2 ms", HS_LINE_MALFORMED);
  /* the anchor must start a word */
  assert_kind ("xgc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock", HS_LINE_FOREIGN);
}

/* NUL bytes and invalid UTF-8 inside a line are just bytes. */
static void
test_binary (void)
{
  const char line[] = "\0\xff\xfe gc 3 @0.004s 5%: 0.008+0.37+0.001 ms clock, 0.016+0.13/0.010/0+0.002 ms cpu, 10->12->6 MB, 12 MB goal, 0 MB stacks, 0 MB globals, 2 P";
  const char junk[] = "\xff\xfe\0\0gc\0scav\0\x80";
  HsLineResult result;
  g_autofree char *label = NULL;

  hs_line_parse (line, sizeof line - 1, &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_GC);
  g_assert_cmpuint (result.prefix.record_offset, ==, 4);
  assert_gc (&gc_cases[4], &result.gc);
  label = hs_line_prefix_label (line, &result.prefix);
  g_assert_true (g_utf8_validate (label, -1, NULL));

  hs_line_parse (junk, sizeof junk - 1, &result);
  g_assert_cmpint (result.kind, ==, HS_LINE_FOREIGN);
}

static void
test_format_names (void)
{
  g_assert_cmpstr (hs_gc_format_to_string (HS_GC_FORMAT_GO16), ==, "go1.6-1.17");
  g_assert_cmpstr (hs_gc_format_to_string (HS_GC_FORMAT_GO118), ==, "go1.18+");
  g_assert_cmpstr (hs_gc_format_to_string (HS_GC_FORMAT_GO16 | HS_GC_FORMAT_GO118), ==, "mixed");
  g_assert_cmpstr (hs_scav_format_to_string (HS_SCAV_FORMAT_SCAV_121), ==, "scav (go1.21+)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (gc_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/line-parser/gc/%u", i);

      g_test_add_data_func (name, &gc_cases[i], test_gc_line);
    }
  g_test_add_func ("/line-parser/gc/line-endings", test_gc_line_endings);
  g_test_add_func ("/line-parser/gc/length", test_gc_line_length);
  g_test_add_func ("/line-parser/legacy/all", test_legacy);
  for (guint i = 0; i < G_N_ELEMENTS (scav_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/line-parser/scavenger/%u", i);

      g_test_add_data_func (name, &scav_cases[i], test_scav_line);
    }
  g_test_add_func ("/line-parser/marker/all", test_markers);
  g_test_add_func ("/line-parser/other-runtime/all", test_other_runtime);
  g_test_add_func ("/line-parser/foreign/all", test_foreign);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/line-parser/malformed/%u", i);

      g_test_add_data_func (name, &malformed_cases[i], test_malformed);
    }
  for (guint i = 0; i < G_N_ELEMENTS (prefix_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/line-parser/prefix/%u", i);

      g_test_add_data_func (name, &prefix_cases[i], test_prefix);
    }
  g_test_add_func ("/line-parser/prefix/journald", test_prefix_journald);
  g_test_add_func ("/line-parser/prefix/prose", test_prefix_prose);
  g_test_add_func ("/line-parser/binary/nul-and-invalid-utf8", test_binary);
  g_test_add_func ("/line-parser/format/names", test_format_names);

  return g_test_run ();
}
