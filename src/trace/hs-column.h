/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-column.h: compact append-only columns that the trace and its batches are made of. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * HsColumn: one unsigned 64-bit value per row, exact, in 1 to 2 bytes per row for most fields.
 *
 * Rows are stored in blocks of HS_COLUMN_BLOCK: each full block keeps its smallest value
 * and every row as the difference to it, in the fewest whole bytes (0, 1, 2, 4 or 8) that
 * hold the block's range. Neighbouring GC cycles print similar numbers (heap sizes, phase
 * times, line numbers, @T), so most blocks need 1 or 2 bytes per row, and the rare uint64
 * the runtime prints (GOGC=off: a goal of 17592186044415 MB) only widens its own block.
 * Rows after the last full block wait in @tail as printed. Any row is read in constant time.
 *
 * A column whose rows are all zero allocates nothing: optional fields (the Go 1.5 extra
 * phases, stacks before Go 1.18) cost no memory in traces that lack them.
 */
#define HS_COLUMN_BLOCK 64

typedef struct
{
  guint64 base;       /* smallest value of the block */
  guint64 offset;     /* of its rows in bytes << 4 | bytes per row (0, 1, 2, 4, 8) */
} HsColumnBlock;

typedef struct
{
  guint8        *bytes;       /* the packed rows of every full block */
  gsize          n_bytes;
  gsize          bytes_cap;
  HsColumnBlock *blocks;      /* NULL while every row of the full blocks is 0 */
  gsize          blocks_cap;
  gsize          len;
  gboolean       nonzero;     /* some row is not 0 */
  guint64        tail[HS_COLUMN_BLOCK];  /* rows len − len % HS_COLUMN_BLOCK … len − 1 */
} HsColumn;

/*
 * HsStepColumn: a value that changes rarely (GOMAXPROCS, globals, the GC number minus its
 * row, flags). Only the rows where the value changes are stored.
 */
typedef struct
{
  GArray *steps;      /* HsStep, sorted by row */
  gsize   len;
} HsStepColumn;

/* HsI64Column: signed 64-bit values, stored as their two's complement in an HsColumn. */
typedef struct
{
  HsColumn column;
} HsI64Column;

typedef struct
{
  guint64 row;
  guint64 value;
} HsStep;

void     hs_column_clear          (HsColumn       *column);
void     hs_column_append         (HsColumn       *column,
                                   guint64         value);
void     hs_column_append_values  (HsColumn       *column,
                                   const guint64  *values,
                                   gsize           n_values);
guint64  hs_column_get            (const HsColumn *column,
                                   gsize           row);
void     hs_column_add_to         (const HsColumn *column,
                                   gsize           first,
                                   gsize           n,
                                   guint64        *sums);
void     hs_column_set            (HsColumn       *column,
                                   gsize           row,
                                   guint64         value);
void     hs_column_append_column  (HsColumn       *column,
                                   const HsColumn *other);
void     hs_column_append_column_shifted (HsColumn       *column,
                                          const HsColumn *other,
                                          guint64         offset);
void     hs_column_reserve        (HsColumn       *column,
                                   gsize           n_rows);
gsize    hs_column_get_memory     (const HsColumn *column);

/*
 * hs_column_append() without a call unless the row completes a block: the store appends
 * some 25 values per GC line.
 */
static inline void
hs_column_push (HsColumn *column,
                guint64   value)
{
  gsize i = column->len % HS_COLUMN_BLOCK;

  if G_LIKELY (i < HS_COLUMN_BLOCK - 1)
    {
      column->tail[i] = value;
      column->nonzero |= value != 0;
      column->len++;
    }
  else
    {
      hs_column_append (column, value);
    }
}

typedef guint64 (*HsStepMapFunc) (guint64  value,
                                  gpointer user_data);

void     hs_step_column_clear         (HsStepColumn       *column);
void     hs_step_column_append        (HsStepColumn       *column,
                                       guint64             value);
guint64  hs_step_column_get           (const HsStepColumn *column,
                                       gsize               row);
guint64  hs_step_column_get_last      (const HsStepColumn *column);
void     hs_step_column_get_scaled    (const HsStepColumn *column,
                                       gsize               first,
                                       gsize               n,
                                       double              scale,
                                       double             *out);
void     hs_step_column_set           (HsStepColumn       *column,
                                       gsize               row,
                                       guint64             value);
void     hs_step_column_append_column (HsStepColumn       *column,
                                       const HsStepColumn *other);
void     hs_step_column_append_mapped (HsStepColumn       *column,
                                       const HsStepColumn *other,
                                       HsStepMapFunc       map,
                                       gpointer            user_data);
gsize    hs_step_column_get_memory    (const HsStepColumn *column);

void     hs_i64_column_clear          (HsI64Column       *column);
void     hs_i64_column_append         (HsI64Column       *column,
                                       gint64             value);
gint64   hs_i64_column_get            (const HsI64Column *column,
                                       gsize              row);
void     hs_i64_column_append_column  (HsI64Column       *column,
                                       const HsI64Column *other);
void     hs_i64_column_reserve        (HsI64Column       *column,
                                       gsize              n_rows);
gboolean hs_i64_column_is_empty       (const HsI64Column *column);
gsize    hs_i64_column_get_memory     (const HsI64Column *column);

G_END_DECLS
