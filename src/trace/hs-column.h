/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-column.h: compact append-only columns that the trace and its batches are made of. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * HsColumn: one unsigned 64-bit value per row, stored in 32 bits.
 *
 * Nearly every value in a GC trace fits in 32 bits (MiB of heap, µs of a phase), but the
 * runtime prints uint64 and a few real values do not fit (GOGC=off prints a goal of
 * 17592186044415 MB). Those rows hold the escape value and their exact value lives in a
 * sorted side array, so the column stays 4 bytes per row and still exact.
 *
 * A column whose rows are all zero allocates nothing: optional fields (the Go 1.5 extra
 * phases, stacks before Go 1.18) cost no memory in traces that lack them.
 */
typedef struct
{
  guint32 *data;      /* NULL while every row is 0 */
  gsize    len;
  gsize    cap;
  GArray  *overflow;  /* HsColumnOverflow, sorted by row; NULL when none */
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

/* HsI64Column: signed 64-bit values, allocated on the first non-zero row. */
typedef struct
{
  gint64 *data;
  gsize   len;
  gsize   cap;
} HsI64Column;

typedef struct
{
  guint64 row;
  guint64 value;
} HsColumnOverflow;

typedef struct
{
  guint64 row;
  guint64 value;
} HsStep;

void     hs_column_clear          (HsColumn       *column);
void     hs_column_append         (HsColumn       *column,
                                   guint64         value);
guint64  hs_column_get            (const HsColumn *column,
                                   gsize           row);
void     hs_column_add_scaled     (const HsColumn *column,
                                   gsize           first,
                                   gsize           n,
                                   double          scale,
                                   double         *out);
void     hs_column_set            (HsColumn       *column,
                                   gsize           row,
                                   guint64         value);
void     hs_column_append_column  (HsColumn       *column,
                                   const HsColumn *other);
void     hs_column_reserve        (HsColumn       *column,
                                   gsize           n_rows);
gsize    hs_column_get_memory     (const HsColumn *column);

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
