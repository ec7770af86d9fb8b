/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-line-parser.c: a hand-written scanner for every line shape the Go runtime prints. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hs-line-parser.h"

/*
 * No regular expressions and no allocation: a 1,000,000-cycle log must parse in a few times
 * the time `wc -l` takes to count its lines, so each line is read once, left to right.
 */

typedef struct
{
  const char *p;
  const char *end;
} Cursor;

static inline gboolean
at_end (const Cursor *c)
{
  return c->p >= c->end;
}

static inline gboolean
is_digit (char ch)
{
  return ch >= '0' && ch <= '9';
}

static inline gboolean
is_word_char (char ch)
{
  return g_ascii_isalnum (ch) || ch == '_';
}

/*
 * The literals are short and known at compile time. Once inlined, this compares them a word
 * at a time against constants, where a call to memcmp per literal cost more than the
 * comparison itself.
 */
static G_ALWAYS_INLINE inline gboolean
same_bytes (const char *p,
            const char *text,
            gsize       len)
{
  while (len >= 8)
    {
      guint64 a, b;

      memcpy (&a, p, 8);
      memcpy (&b, text, 8);
      if (a != b)
        return FALSE;
      p += 8;
      text += 8;
      len -= 8;
    }
  if (len >= 4)
    {
      guint32 a, b;

      memcpy (&a, p, 4);
      memcpy (&b, text, 4);
      if (a != b)
        return FALSE;
      p += 4;
      text += 4;
      len -= 4;
    }
  if (len >= 2)
    {
      guint16 a, b;

      memcpy (&a, p, 2);
      memcpy (&b, text, 2);
      if (a != b)
        return FALSE;
      p += 2;
      text += 2;
      len -= 2;
    }

  return len == 0 || *p == *text;
}

static G_ALWAYS_INLINE inline gboolean
literal (Cursor     *c,
         const char *text,
         gsize       len)
{
  if ((gsize) (c->end - c->p) < len || !same_bytes (c->p, text, len))
    return FALSE;

  c->p += len;
  return TRUE;
}

#define LIT(c, s) literal ((c), (s), sizeof (s) - 1)

static G_ALWAYS_INLINE inline gboolean
peek_literal (const Cursor *c,
              const char   *text,
              gsize         len)
{
  return (gsize) (c->end - c->p) >= len && same_bytes (c->p, text, len);
}

#define PEEK(c, s) peek_literal ((c), (s), sizeof (s) - 1)

/* 19 decimal digits always fit in 64 bits: only longer numbers need the overflow check. */
#define SAFE_DIGITS 19

static G_ALWAYS_INLINE inline gboolean
read_u64 (Cursor  *c,
          guint64 *value)
{
  guint64 v = 0;
  const char *start = c->p;
  const char *p = start;
  const char *safe_end = (gsize) (c->end - start) > SAFE_DIGITS ? start + SAFE_DIGITS : c->end;
  guint digit;

  while (p < safe_end && (digit = (guint) (guchar) *p - '0') <= 9)
    {
      v = v * 10 + digit;
      p++;
    }

  while (p < c->end && (digit = (guint) (guchar) *p - '0') <= 9)
    {
      if (v > (G_MAXUINT64 - digit) / 10)
        {
          c->p = p;
          return FALSE;
        }
      v = v * 10 + digit;
      p++;
    }

  c->p = p;
  if (p == start)
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
read_hex (Cursor  *c,
          guint64 *value)
{
  guint64 v = 0;
  const char *start = c->p;

  while (c->p < c->end && g_ascii_isxdigit (*c->p))
    {
      if (v > G_MAXUINT64 >> 4)
        return FALSE;
      v = (v << 4) | (guint64) g_ascii_xdigit_value (*c->p);
      c->p++;
    }

  if (c->p == start)
    return FALSE;

  *value = v;
  return TRUE;
}

/*
 * A decimal with an optional fraction, scaled by 10^@decimals and truncated, as the runtime
 * truncates (fmtNSAsMS prints at most 3 decimals; more are tolerated and dropped).
 */
static G_ALWAYS_INLINE inline gboolean
read_fixed (Cursor  *c,
            guint    decimals,
            guint64 *value)
{
  guint64 whole;
  guint64 fraction = 0;
  guint n = 0;
  guint64 scale = 1;
  const char *p;
  guint digit;

  if (!read_u64 (c, &whole))
    return FALSE;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  p = c->p;
  if (p < c->end && *p == '.')
    {
      p++;
      if (p >= c->end || !is_digit (*p))
        {
          c->p = p;
          return FALSE;
        }
      while (p < c->end && (digit = (guint) (guchar) *p - '0') <= 9)
        {
          if (n < decimals)
            {
              fraction = fraction * 10 + digit;
              n++;
            }
          p++;
        }
    }
  c->p = p;

  for (; n < decimals; n++)
    fraction *= 10;

  if (whole > (G_MAXUINT64 - fraction) / scale)
    return FALSE;

  *value = whole * scale + fraction;
  return TRUE;
}

static G_ALWAYS_INLINE inline gboolean
read_ms_as_us (Cursor  *c,
               guint64 *us)
{
  return read_fixed (c, 3, us);
}

static void
fail (HsLineResult *result,
      const Cursor *c,
      const char   *record_start,
      const char   *reason)
{
  result->kind = HS_LINE_MALFORMED;
  result->reason = reason;
  result->good_length = (gsize) (c->p - record_start);
  result->incomplete = TRUE;
}

/* gc N @Ts U%: clock ms clock, cpu ms cpu, H->H->H MB, G MB goal, [S MB stacks, G MB globals, ]P P[ (forced)] */
static void
parse_gc (Cursor       *c,
          HsLineResult *result)
{
  const char *start = c->p;
  HsGcRecord *gc = &result->gc;
  guint64 clock[5];
  guint64 cpu[7];
  guint n_clock = 0;
  guint64 value;

  memset (gc, 0, sizeof *gc);

  if (!LIT (c, "gc "))
    return fail (result, c, start, N_("expected “gc ”"));

  if (c->p < c->end && *c->p == '#')
    {
      c->p++;
      gc->format = HS_GC_FORMAT_GO15_BETA;
    }

  if (!read_u64 (c, &gc->number))
    return fail (result, c, start, N_("expected the GC number after “gc ”"));
  if (!LIT (c, " @") || !read_fixed (c, 3, &gc->time_ms) || !LIT (c, "s "))
    return fail (result, c, start, N_("expected the time “@T.TTTs” after the GC number"));
  if (!read_u64 (c, &gc->cpu_percent) || !LIT (c, "%: "))
    return fail (result, c, start, N_("expected the GC CPU share “N%: ”"));

  do
    {
      if (!read_ms_as_us (c, &clock[n_clock]))
        return fail (result, c, start, N_("expected a clock phase time in ms"));
      n_clock++;
    }
  while (n_clock < 5 && LIT (c, "+"));

  if (n_clock != 3 && n_clock != 5)
    return fail (result, c, start, N_("expected 3 or 5 clock phases"));
  if (!LIT (c, " ms clock, "))
    return fail (result, c, start, N_("expected “ ms clock, ” after the clock phases"));

  if (n_clock == 3)
    {
      if (!read_ms_as_us (c, &cpu[0]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[3]) || !LIT (c, "/") ||
          !read_ms_as_us (c, &cpu[4]) || !LIT (c, "/") ||
          !read_ms_as_us (c, &cpu[5]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[6]))
        return fail (result, c, start, N_("expected CPU phases “a+b/c/d+e”"));
      cpu[1] = cpu[2] = 0;
      gc->clock_us[HS_CLOCK_SWEEP_TERM] = clock[0];
      gc->clock_us[HS_CLOCK_MARK] = clock[1];
      gc->clock_us[HS_CLOCK_MARK_TERM] = clock[2];
    }
  else
    {
      if (!read_ms_as_us (c, &cpu[0]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[1]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[2]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[3]) || !LIT (c, "/") ||
          !read_ms_as_us (c, &cpu[4]) || !LIT (c, "/") ||
          !read_ms_as_us (c, &cpu[5]) || !LIT (c, "+") ||
          !read_ms_as_us (c, &cpu[6]))
        return fail (result, c, start, N_("expected Go 1.5 CPU phases “a+b+c+d/e/f+g”"));
      for (guint i = 0; i < 5; i++)
        gc->clock_us[i] = clock[i];
      if (gc->format != HS_GC_FORMAT_GO15_BETA)
        gc->format = HS_GC_FORMAT_GO15;
    }

  memcpy (gc->cpu_us, cpu, sizeof cpu);

  if (!LIT (c, " ms cpu, "))
    return fail (result, c, start, N_("expected “ ms cpu, ” after the CPU phases"));
  if (!read_u64 (c, &gc->heap_before_mb) || !LIT (c, "->") ||
      !read_u64 (c, &gc->heap_after_mb) || !LIT (c, "->") ||
      !read_u64 (c, &gc->heap_live_mb) || !LIT (c, " MB, "))
    return fail (result, c, start, N_("expected heap sizes “H->H->H MB, ”"));
  if (!read_u64 (c, &gc->heap_goal_mb) || !LIT (c, " MB goal, "))
    return fail (result, c, start, N_("expected the heap goal “G MB goal, ”"));
  if (!read_u64 (c, &value))
    return fail (result, c, start, N_("expected GOMAXPROCS “N P”"));

  if (LIT (c, " MB stacks, "))
    {
      gc->stacks_mb = value;
      if (!read_u64 (c, &gc->globals_mb) || !LIT (c, " MB globals, "))
        return fail (result, c, start, N_("expected “G MB globals, ” after the stacks"));
      if (!read_u64 (c, &value))
        return fail (result, c, start, N_("expected GOMAXPROCS “N P”"));
      if (gc->format == HS_GC_FORMAT_NONE)
        gc->format = HS_GC_FORMAT_GO118;
    }

  if (!LIT (c, " P"))
    return fail (result, c, start, N_("expected GOMAXPROCS “N P”"));
  gc->procs = value;

  if (gc->format == HS_GC_FORMAT_NONE)
    gc->format = HS_GC_FORMAT_GO16;

  if (LIT (c, " (forced)"))
    gc->flags |= HS_GC_FLAG_FORCED;

  if (gc->number > G_MAXUINT32)
    return fail (result, c, start, N_("GC number larger than the runtime can print"));
  if (gc->procs > G_MAXUINT32)
    return fail (result, c, start, N_("GOMAXPROCS larger than the runtime can print"));

  result->kind = HS_LINE_GC;
  result->incomplete = FALSE;
}

static gboolean
parse_scav_suffix (Cursor       *c,
                   HsScavRecord *scav)
{
  if (LIT (c, " (forced)"))
    scav->flags |= HS_SCAV_FLAG_FORCED;
  else if (LIT (c, " [controller reset]"))
    scav->flags |= HS_SCAV_FLAG_CONTROLLER_RESET;

  return TRUE;
}

/* scav [GEN ]R KiB work, T KiB total, U% util | scav BG KiB work (bg), EG KiB work (eager), NOW KiB now, U% util */
static void
parse_scav (Cursor       *c,
            HsLineResult *result)
{
  const char *start = c->p;
  HsScavRecord *scav = &result->scav;
  guint64 first;

  memset (scav, 0, sizeof *scav);
  scav->kind = HS_SCAV_KIND_SCAV;

  if (!LIT (c, "scav ") || !read_u64 (c, &first))
    return fail (result, c, start, N_("expected a number after “scav ”"));

  if (LIT (c, " KiB work"))
    {
      scav->work_kib = first;
    }
  else if (LIT (c, " ") && read_u64 (c, &scav->work_kib) && LIT (c, " KiB work"))
    {
      scav->sequence = (gint64) MIN (first, (guint64) G_MAXINT64);
      scav->flags |= HS_SCAV_FLAG_HAS_SEQUENCE;
      scav->format = HS_SCAV_FORMAT_SCAV_GEN;
    }
  else
    {
      return fail (result, c, start, N_("expected “N KiB work” in a scav line"));
    }

  if (LIT (c, " (bg), "))
    {
      if (scav->format != HS_SCAV_FORMAT_NONE)
        return fail (result, c, start, N_("a Go 1.21 scav line has no generation number"));
      scav->format = HS_SCAV_FORMAT_SCAV_121;
      if (!read_u64 (c, &scav->eager_kib) || !LIT (c, " KiB work (eager), ") ||
          !read_u64 (c, &scav->retained_kib) || !LIT (c, " KiB now, "))
        return fail (result, c, start, N_("expected “E KiB work (eager), N KiB now, ”"));
    }
  else
    {
      if (scav->format == HS_SCAV_FORMAT_NONE)
        scav->format = HS_SCAV_FORMAT_SCAV_114;
      if (!LIT (c, ", ") || !read_u64 (c, &scav->retained_kib) || !LIT (c, " KiB total, "))
        return fail (result, c, start, N_("expected “, T KiB total, ” in a scav line"));
    }

  if (!read_u64 (c, &scav->util_percent) || !LIT (c, "% util"))
    return fail (result, c, start, N_("expected “U% util” in a scav line"));

  parse_scav_suffix (c, scav);
  result->kind = HS_LINE_SCAVENGER;
  result->incomplete = FALSE;
}

static gboolean
read_mb_as_kib (Cursor  *c,
                guint64 *kib)
{
  guint64 mb;

  if (!read_u64 (c, &mb) || mb > G_MAXUINT64 >> 10)
    return FALSE;

  *kib = mb << 10;
  return TRUE;
}

/*
 * scvgN: inuse: A, idle: B, sys: C, released: D, consumed: E (MB)
 * scvgN: X MB released          (X in hex with 0x in Go 1.0/1.1)
 * scvgN: GC forced              (Go ≤1.3 periodic GC marker)
 * scvg: … / forced scvg: …      (Go 1.13, no number)
 */
static void
parse_scvg (Cursor       *c,
            HsLineResult *result)
{
  const char *start = c->p;
  HsScavRecord *scav = &result->scav;

  memset (scav, 0, sizeof *scav);
  scav->kind = HS_SCAV_KIND_SCVG;
  scav->format = HS_SCAV_FORMAT_SCVG;

  if (LIT (c, "forced scvg: "))
    {
      scav->flags |= HS_SCAV_FLAG_FORCED;
      scav->format = HS_SCAV_FORMAT_SCVG_113;
    }
  else if (LIT (c, "scvg: "))
    {
      scav->format = HS_SCAV_FORMAT_SCVG_113;
    }
  else if (LIT (c, "scvg"))
    {
      gboolean negative = LIT (c, "-");
      guint64 n;

      if (!read_u64 (c, &n) || n > G_MAXINT64 || !LIT (c, ": "))
        return fail (result, c, start, N_("expected “scvgN: ”"));
      scav->sequence = negative ? -(gint64) n : (gint64) n;
      scav->flags |= HS_SCAV_FLAG_HAS_SEQUENCE;
      /* scvg-1 is debug.FreeOSMemory */
      if (negative)
        scav->flags |= HS_SCAV_FLAG_FORCED;

      if (LIT (c, "GC forced"))
        {
          result->kind = HS_LINE_PERIODIC_MARKER;
          return;
        }
    }
  else
    {
      return fail (result, c, start, N_("expected “scvg”"));
    }

  if (LIT (c, "inuse: "))
    {
      if (!read_mb_as_kib (c, &scav->inuse_kib) || !LIT (c, ", idle: ") ||
          !read_mb_as_kib (c, &scav->idle_kib) || !LIT (c, ", sys: ") ||
          !read_mb_as_kib (c, &scav->sys_kib) || !LIT (c, ", released: ") ||
          !read_mb_as_kib (c, &scav->released_kib) || !LIT (c, ", consumed: ") ||
          !read_mb_as_kib (c, &scav->consumed_kib) || !LIT (c, " (MB)"))
        return fail (result, c, start,
                     N_("expected “inuse: A, idle: B, sys: C, released: D, consumed: E (MB)”"));
    }
  else
    {
      guint64 mb;

      if (LIT (c, "0x"))
        {
          if (!read_hex (c, &mb))
            return fail (result, c, start, N_("expected a hexadecimal MB count after “0x”"));
          scav->format = HS_SCAV_FORMAT_SCVG_HEX;
        }
      else if (!read_u64 (c, &mb))
        {
          return fail (result, c, start, N_("expected “inuse: …” or “N MB released” after “scvg”"));
        }
      if (!LIT (c, " MB released") || mb > G_MAXUINT64 >> 10)
        return fail (result, c, start, N_("expected “N MB released”"));
      scav->released_now_kib = mb << 10;
      scav->flags |= HS_SCAV_FLAG_HAS_RELEASED_NOW;
      scav->kind = HS_SCAV_KIND_SCVG_RELEASED;
    }

  result->kind = HS_LINE_SCAVENGER;
  result->incomplete = FALSE;
}

static gboolean
only_space_left (const Cursor *c)
{
  for (const char *p = c->p; p < c->end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Anchors: what a runtime record starts with. */
typedef enum
{
  ANCHOR_NONE,
  ANCHOR_GC,
  ANCHOR_GC_LEGACY,
  ANCHOR_SCAV,
  ANCHOR_SCVG,
  ANCHOR_GC_FORCED,
  ANCHOR_OTHER,
} Anchor;

static G_ALWAYS_INLINE inline gboolean
digits_then (const char *p,
             const char *end,
             const char *text,
             gsize       len)
{
  const char *q = p;

  while (q < end && is_digit (*q))
    q++;

  return q > p && (gsize) (end - q) >= len && same_bytes (q, text, len);
}

#define DIGITS_THEN(p, end, s) digits_then ((p), (end), (s), sizeof (s) - 1)

static gboolean
looks_like_init_line (const char *p,
                      const char *end)
{
  const char *q = p + 5;

  while (q < end && *q != ' ')
    q++;

  return q > p + 5 && end - q >= 3 && q[1] == '@' && is_digit (q[2]);
}

/* scheddetail lines: two spaces, then P, M or G with a number and a colon */
static gboolean
looks_like_sched_detail (const char *p,
                         const char *end)
{
  return end - p >= 4 && p[0] == ' ' && p[1] == ' ' &&
         (p[2] == 'P' || p[2] == 'M' || p[2] == 'G') && DIGITS_THEN (p + 3, end, ":");
}

static Anchor
anchor_at (const char *p,
           const char *end)
{
  gsize left = (gsize) (end - p);

#define STARTS(s) (left >= sizeof (s) - 1 && same_bytes (p, (s), sizeof (s) - 1))
  switch (*p)
    {
    case 'g':
      if (STARTS ("gc "))
        {
          const char *q = p + 3;

          if (q < end && *q == '#')
            q++;
          if (DIGITS_THEN (q, end, " @"))
            return ANCHOR_GC;
        }
      else if (STARTS ("gc") && DIGITS_THEN (p + 2, end, "("))
        {
          const char *q = p + 2;

          while (is_digit (*q))
            q++;
          if (DIGITS_THEN (q + 1, end, "): "))
            return ANCHOR_GC_LEGACY;
        }
      break;
    case 's':
      if (STARTS ("scav ") && left > 5 && is_digit (p[5]))
        return ANCHOR_SCAV;
      if (STARTS ("scvg") && left > 4 && (is_digit (p[4]) || p[4] == '-' || p[4] == ':'))
        return ANCHOR_SCVG;
      break;
    case 'f':
      if (STARTS ("forced scvg: "))
        return ANCHOR_SCVG;
      break;
    case 'G':
      if (STARTS ("GC forced"))
        return ANCHOR_GC_FORCED;
      break;
    case 'p':
      if (STARTS ("pacer: "))
        return ANCHOR_OTHER;
      break;
    case 'i':
      if (STARTS ("init ") && looks_like_init_line (p, end))
        return ANCHOR_OTHER;
      break;
    case 'S':
      if (STARTS ("SCHED ") && DIGITS_THEN (p + 6, end, "ms: "))
        return ANCHOR_OTHER;
      break;
    case 't':
      if (STARTS ("tracealloc(") || STARTS ("tracefree(") || STARTS ("tracegc("))
        return ANCHOR_OTHER;
      break;
    default:
      break;
    }
#undef STARTS

  return ANCHOR_NONE;
}

static Anchor
find_anchor (const char *line,
             const char *end,
             const char **where)
{
  Anchor anchor;

  if (line < end)
    {
      if (looks_like_sched_detail (line, end))
        {
          *where = line;
          return ANCHOR_OTHER;
        }
      anchor = anchor_at (line, end);
      if (anchor != ANCHOR_NONE)
        {
          *where = line;
          return anchor;
        }
    }

  for (const char *p = line + 1; p < end; p++)
    {
      switch (*p)
        {
        case 'g': case 's': case 'f': case 'G': case 'p': case 'i': case 'S': case 't':
          if (is_word_char (p[-1]))
            continue;
          anchor = anchor_at (p, end);
          if (anchor != ANCHOR_NONE)
            {
              *where = p;
              return anchor;
            }
          break;
        default:
          break;
        }
    }

  return ANCHOR_NONE;
}

void
hs_line_parse (const char   *line,
               gsize         len,
               HsLineResult *result)
{
  const char *end = line + len;
  const char *record = NULL;
  Anchor anchor;
  Cursor c;
  gboolean strong;

  result->kind = HS_LINE_FOREIGN;
  result->reason = NULL;
  result->good_length = 0;
  result->incomplete = FALSE;
  result->prefix.record_offset = 0;
  result->prefix.has_wall_time = FALSE;
  result->prefix.wall_time_us = 0;
  result->prefix.time_start = 0;
  result->prefix.time_length = 0;

  /* CRLF logs, and trailing blanks some log shippers add */
  while (end > line && (end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
    end--;

  anchor = find_anchor (line, end, &record);
  if (anchor == ANCHOR_NONE)
    return;

  result->prefix.record_offset = (gsize) (record - line);
  if (record > line)
    hs_line_find_prefix_time (line, (gsize) (record - line), &result->prefix);

  /* A word in the middle of someone's log message is not evidence of a runtime record,
   * unless it is a GC line, or follows a log prefix with a time in it. */
  strong = record == line || anchor == ANCHOR_GC || anchor == ANCHOR_GC_LEGACY ||
           result->prefix.has_wall_time;

  c.p = record;
  c.end = end;

  switch (anchor)
    {
    case ANCHOR_GC:
      parse_gc (&c, result);
      return;

    case ANCHOR_GC_LEGACY:
      result->kind = HS_LINE_GC_LEGACY;
      return;

    case ANCHOR_SCAV:
      parse_scav (&c, result);
      break;

    case ANCHOR_SCVG:
      parse_scvg (&c, result);
      break;

    case ANCHOR_GC_FORCED:
      c.p += strlen ("GC forced");
      if (only_space_left (&c))
        result->kind = HS_LINE_PERIODIC_MARKER;
      return;

    case ANCHOR_OTHER:
      result->kind = HS_LINE_OTHER_RUNTIME;
      return;

    case ANCHOR_NONE:
    default:
      g_assert_not_reached ();
    }

  if (result->kind == HS_LINE_MALFORMED)
    {
      result->incomplete = FALSE;
      if (!strong)
        result->kind = HS_LINE_FOREIGN;
    }
}

/* Wall-clock times in log prefixes */

static gboolean
read_n_digits (const char *p,
               const char *end,
               guint       n,
               gint       *value)
{
  gint v = 0;

  if ((gsize) (end - p) < n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (!is_digit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *value = v;
  return TRUE;
}

/* hh:mm:ss[.fraction] → fills the time and returns the length read, or 0 */
static gsize
read_clock_time (const char *p,
                 const char *end,
                 gint       *hour,
                 gint       *minute,
                 gint       *second,
                 gint64     *micros)
{
  const char *q = p;

  if (!read_n_digits (q, end, 2, hour) || q + 2 >= end || q[2] != ':' ||
      !read_n_digits (q + 3, end, 2, minute) || q + 5 >= end || q[5] != ':' ||
      !read_n_digits (q + 6, end, 2, second))
    return 0;
  if (*hour > 23 || *minute > 59 || *second > 60)
    return 0;

  q += 8;
  *micros = 0;
  if (q < end && (*q == '.' || *q == ','))
    {
      gint64 scale = 100000;

      q++;
      while (q < end && is_digit (*q))
        {
          *micros += (*q - '0') * scale;
          scale /= 10;
          q++;
        }
    }

  return (gsize) (q - p);
}

/* Z, +hh:mm, -hhmm; returns the offset in seconds, or G_MININT when there is none */
static gint
read_zone (const char *p,
           const char *end)
{
  gint h, m;

  if (p >= end)
    return G_MININT;
  if (*p == 'Z' || *p == 'z')
    return 0;
  if (*p != '+' && *p != '-')
    return G_MININT;
  if (!read_n_digits (p + 1, end, 2, &h))
    return G_MININT;
  if (p + 3 < end && p[3] == ':')
    {
      if (!read_n_digits (p + 4, end, 2, &m))
        return G_MININT;
    }
  else if (!read_n_digits (p + 3, end, 2, &m))
    {
      m = 0;
    }

  return (*p == '-' ? -1 : 1) * (h * 3600 + m * 60);
}

/*
 * The local time zone and today's date, per thread. GLib 2.74 looks the local zone up again
 * on every g_time_zone_new_local() when TZ is unset (environment, /etc/localtime), and a
 * prefixed log asks for it on every line: that cost 30 times the rest of the line. The
 * zone is looked up again when TZ changes; the date at most a second after it was read.
 */
typedef struct
{
  GTimeZone *tz;
  char      *tz_env;
  gint64     today_read_at;   /* monotonic µs; 0: not yet */
  gint       year;
  gint       month;
  gint       day;
} LocalTime;

static void
local_time_free (gpointer data)
{
  LocalTime *local = data;

  g_clear_pointer (&local->tz, g_time_zone_unref);
  g_free (local->tz_env);
  g_free (local);
}

static GPrivate local_time_key = G_PRIVATE_INIT (local_time_free);

static LocalTime *
get_local_time (void)
{
  LocalTime *local = g_private_get (&local_time_key);
  const char *tz_env = g_getenv ("TZ");

  if (local == NULL)
    {
      local = g_new0 (LocalTime, 1);
      g_private_set (&local_time_key, local);
    }

  if (local->tz == NULL || g_strcmp0 (local->tz_env, tz_env) != 0)
    {
      g_clear_pointer (&local->tz, g_time_zone_unref);
      g_free (local->tz_env);
      local->tz = g_time_zone_new_local ();
      local->tz_env = g_strdup (tz_env);
      local->today_read_at = 0;
    }

  return local;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static gint64
days_from_civil (gint year,
                 gint month,
                 gint day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static gboolean
make_time (gint          year,
           gint          month,
           gint          day,
           gint          hour,
           gint          minute,
           gint          second,
           gint64        micros,
           gint          zone_offset,
           gsize         start,
           gsize         length,
           HsLinePrefix *prefix)
{
  gint64 unix_time;

  /*
   * A fixed offset needs no time zone: the same arithmetic GDateTime does, without two
   * allocations per line. Offsets of 25 h or more (GLib then takes UTC) and the first and
   * last years GDateTime supports still go through GLib.
   */
  if (zone_offset != G_MININT && ABS (zone_offset) < 25 * 3600 && year > 1 && year < 9999)
    {
      if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return FALSE;
      unix_time = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 +
                  MIN (second, 59) - zone_offset;
    }
  else
    {
      g_autoptr(GTimeZone) tz = NULL;
      g_autoptr(GDateTime) dt = NULL;

      if (zone_offset == G_MININT)
        tz = g_time_zone_ref (get_local_time ()->tz);
      else
        tz = g_time_zone_new_offset (zone_offset);

      dt = g_date_time_new (tz, year, month, day, hour, minute, (gdouble) MIN (second, 59));
      if (dt == NULL)
        return FALSE;
      unix_time = g_date_time_to_unix (dt);
    }

  prefix->wall_time_us = unix_time * G_USEC_PER_SEC + micros;
  prefix->has_wall_time = TRUE;
  prefix->time_start = start;
  prefix->time_length = length;
  return TRUE;
}

static const char months[12][4] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* syslog and journald print no year: take the one that puts the time not in the future */
static gint
guess_year (gint month,
            gint day)
{
  LocalTime *local = get_local_time ();
  gint64 now_mono = g_get_monotonic_time ();
  gint year;

  if (local->today_read_at == 0 || now_mono - local->today_read_at >= G_USEC_PER_SEC)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (local->tz);

      g_date_time_get_ymd (now, &local->year, &local->month, &local->day);
      local->today_read_at = now_mono;
    }

  year = local->year;
  if (month > local->month || (month == local->month && day > local->day + 1))
    year--;

  return year;
}

/*
 * Finds the first wall-clock time in a log prefix: RFC 3339 and ISO 8601 (kubectl, docker,
 * most loggers), Go's log package (2009/11/10 23:00:00.000000) and syslog/journald
 * (Sep 01 18:07:11). Times without a zone are local.
 */
gboolean
hs_line_find_prefix_time (const char   *line,
                          gsize         len,
                          HsLinePrefix *prefix)
{
  const char *end = line + len;

  for (const char *p = line; p < end; p++)
    {
      gint year, month, day, hour, minute, second;
      gint64 micros;
      gsize n;

      if (p > line && is_word_char (p[-1]))
        continue;

      if (is_digit (*p) && read_n_digits (p, end, 4, &year) && p + 10 < end &&
          (p[4] == '-' || p[4] == '/') && p[7] == p[4] &&
          read_n_digits (p + 5, end, 2, &month) && read_n_digits (p + 8, end, 2, &day) &&
          (p[10] == 'T' || p[10] == ' ') && month >= 1 && month <= 12 && day >= 1 && day <= 31)
        {
          n = read_clock_time (p + 11, end, &hour, &minute, &second, &micros);
          if (n > 0)
            {
              gint zone = read_zone (p + 11 + n, end);
              gsize zone_len = 0;

              if (zone != G_MININT)
                {
                  const char *z = p + 11 + n;

                  zone_len = 1;
                  while (z + zone_len < end && (is_digit (z[zone_len]) || z[zone_len] == ':'))
                    zone_len++;
                  if (*z == 'Z' || *z == 'z')
                    zone_len = 1;
                }
              return make_time (year, month, day, hour, minute, second, micros, zone,
                                (gsize) (p - line), 11 + n + zone_len, prefix);
            }
        }

      if (g_ascii_isupper (*p) && end - p >= 15 && p[3] == ' ')
        {
          for (month = 1; month <= 12; month++)
            if (memcmp (p, months[month - 1], 3) == 0)
              break;
          if (month > 12)
            continue;
          if (p[4] == ' ')
            day = is_digit (p[5]) ? p[5] - '0' : 0, n = 6;
          else if (read_n_digits (p + 4, end, 2, &day))
            n = 6;
          else
            continue;
          if (day < 1 || day > 31 || p[n] != ' ')
            continue;
          gsize clock_len = read_clock_time (p + n + 1, end, &hour, &minute, &second, &micros);

          if (clock_len > 0)
            return make_time (guess_year (month, day), month, day, hour, minute, second,
                              micros, G_MININT, (gsize) (p - line), n + 1 + clock_len, prefix);
        }
    }

  return FALSE;
}

/* The prefix without its time: a host and process, a pod, a container, a program's own words. */
char *
hs_line_prefix_label (const char         *line,
                      const HsLinePrefix *prefix)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_autofree char *valid = NULL;

  if (prefix->has_wall_time)
    {
      g_string_append_len (label, line, (gssize) prefix->time_start);
      g_string_append_c (label, ' ');
      g_string_append_len (label, line + prefix->time_start + prefix->time_length,
                           (gssize) (prefix->record_offset - prefix->time_start - prefix->time_length));
    }
  else
    {
      g_string_append_len (label, line, (gssize) prefix->record_offset);
    }

  valid = g_utf8_make_valid (label->str, (gssize) label->len);
  g_strstrip (valid);
  /* the colon that ends most prefixes is punctuation, not part of the name */
  while (*valid != '\0' && valid[strlen (valid) - 1] == ':')
    {
      valid[strlen (valid) - 1] = '\0';
      g_strchomp (valid);
    }

  return g_steal_pointer (&valid);
}

const char *
hs_gc_format_to_string (HsGcFormat format)
{
  switch ((guint) format)
    {
    case HS_GC_FORMAT_NONE: return "none";
    case HS_GC_FORMAT_GO15_BETA: return "go1.5beta";
    case HS_GC_FORMAT_GO15: return "go1.5";
    case HS_GC_FORMAT_GO16: return "go1.6-1.17";
    case HS_GC_FORMAT_GO118: return "go1.18+";
    case HS_GC_FORMAT_LEGACY: return "go1.0-1.4";
    default: return "mixed";
    }
}

const char *
hs_scav_format_to_string (HsScavFormat format)
{
  switch ((guint) format)
    {
    case HS_SCAV_FORMAT_NONE: return "none";
    case HS_SCAV_FORMAT_SCVG: return "scvg (go1.2-1.12)";
    case HS_SCAV_FORMAT_SCVG_HEX: return "scvg (go1.0-1.1)";
    case HS_SCAV_FORMAT_SCVG | HS_SCAV_FORMAT_SCVG_HEX: return "scvg (go1.0-1.1)";
    case HS_SCAV_FORMAT_SCVG_113: return "scvg (go1.13)";
    case HS_SCAV_FORMAT_SCAV_114: return "scav (go1.14, go1.19-1.20)";
    case HS_SCAV_FORMAT_SCAV_GEN: return "scav (go1.15-1.18)";
    case HS_SCAV_FORMAT_SCAV_121: return "scav (go1.21+)";
    default: return "mixed";
    }
}
