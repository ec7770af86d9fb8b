/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-column.c: compact append-only columns (see hs-column.h for why they look like this). */

#include "config.h"

#include <string.h>

#include "hs-column.h"

#define BLOCK HS_COLUMN_BLOCK

static gsize
grow_capacity (gsize cap,
               gsize needed,
               gsize minimum)
{
  gsize new_cap = MAX (cap, minimum);

  while (new_cap < needed)
    new_cap = new_cap + new_cap / 2;

  return new_cap;
}

/*
 * Blocks lie in the byte array in row order, so their offsets never decrease (a block of
 * equal rows has no bytes and the offset where its rows would start): hs_column_set() moves
 * only the blocks after the one it re-encodes.
 */
static inline guint
block_width (const HsColumnBlock *block)
{
  return (guint) (block->offset & 0xf);
}

/* NULL for a block of equal rows, which has no bytes (and the column perhaps none at all) */
static inline const guint8 *
block_rows (const HsColumn      *column,
            const HsColumnBlock *block)
{
  return block_width (block) != 0 ? column->bytes + (block->offset >> 4) : NULL;
}

static inline gsize
n_full_blocks (const HsColumn *column)
{
  return column->len / BLOCK;
}

void
hs_column_clear (HsColumn *column)
{
  g_clear_pointer (&column->bytes, g_free);
  g_clear_pointer (&column->blocks, g_free);
  column->n_bytes = 0;
  column->bytes_cap = 0;
  column->blocks_cap = 0;
  column->len = 0;
  column->nonzero = FALSE;
}

/* Room for @n_blocks headers; the blocks of an all-zero column become real zero blocks. */
static void
reserve_blocks (HsColumn *column,
                gsize     n_blocks)
{
  gboolean was_virtual = column->blocks == NULL;

  if (n_blocks > column->blocks_cap)
    {
      column->blocks_cap = grow_capacity (column->blocks_cap, n_blocks, 16);
      column->blocks = g_renew (HsColumnBlock, column->blocks, column->blocks_cap);
    }

  if (was_virtual)
    memset (column->blocks, 0, n_full_blocks (column) * sizeof (HsColumnBlock));
}

static void
reserve_bytes (HsColumn *column,
               gsize     extra)
{
  if (column->n_bytes + extra <= column->bytes_cap)
    return;

  column->bytes_cap = grow_capacity (column->bytes_cap, column->n_bytes + extra, 1024);
  column->bytes = g_realloc (column->bytes, column->bytes_cap);
}

static inline guint
width_for_range (guint64 range)
{
  if (range == 0)
    return 0;
  if (range <= G_MAXUINT8)
    return 1;
  if (range <= G_MAXUINT16)
    return 2;
  if (range <= G_MAXUINT32)
    return 4;
  return 8;
}

/* Writes the rows of a block at byte @start; a block of equal rows writes nothing. */
static void
pack_rows (HsColumn      *column,
           gsize          start,
           const guint64 *values,
           guint64        base,
           guint          width)
{
  guint8 *out;

  if (width == 0)
    return;

  out = column->bytes + start;
  switch (width)
    {
    case 1:
      for (guint i = 0; i < BLOCK; i++)
        out[i] = (guint8) (values[i] - base);
      break;
    case 2:
      for (guint i = 0; i < BLOCK; i++)
        {
          guint16 v = (guint16) (values[i] - base);

          memcpy (out + 2 * i, &v, 2);
        }
      break;
    case 4:
      for (guint i = 0; i < BLOCK; i++)
        {
          guint32 v = (guint32) (values[i] - base);

          memcpy (out + 4 * i, &v, 4);
        }
      break;
    case 8:
      for (guint i = 0; i < BLOCK; i++)
        {
          guint64 v = values[i] - base;

          memcpy (out + 8 * i, &v, 8);
        }
      break;
    default:
      break;
    }
}

static inline guint64
unpack_row (const guint8 *rows,
            guint         width,
            gsize         i)
{
  switch (width)
    {
    case 1:
      return rows[i];
    case 2:
      {
        guint16 v;

        memcpy (&v, rows + 2 * i, 2);
        return v;
      }
    case 4:
      {
        guint32 v;

        memcpy (&v, rows + 4 * i, 4);
        return v;
      }
    case 8:
      {
        guint64 v;

        memcpy (&v, rows + 8 * i, 8);
        return v;
      }
    default:
      return 0;
    }
}

static void
unpack_block (const HsColumn      *column,
              const HsColumnBlock *block,
              guint64             *values)
{
  guint64 base = block->base;
  const guint8 *rows = block_rows (column, block);

  /* one loop per width, so that each is a plain widening loop */
  switch (block_width (block))
    {
    case 1:
      for (guint i = 0; i < BLOCK; i++)
        values[i] = base + rows[i];
      break;
    case 2:
      for (guint i = 0; i < BLOCK; i++)
        values[i] = base + unpack_row (rows, 2, i);
      break;
    case 4:
      for (guint i = 0; i < BLOCK; i++)
        values[i] = base + unpack_row (rows, 4, i);
      break;
    case 8:
      for (guint i = 0; i < BLOCK; i++)
        values[i] = base + unpack_row (rows, 8, i);
      break;
    default:
      for (guint i = 0; i < BLOCK; i++)
        values[i] = base;
      break;
    }
}

static void
block_range (const guint64 *values,
             guint64       *min,
             guint64       *max)
{
  guint64 lo = values[0];
  guint64 hi = values[0];

  for (guint i = 1; i < BLOCK; i++)
    {
      lo = MIN (lo, values[i]);
      hi = MAX (hi, values[i]);
    }

  *min = lo;
  *max = hi;
}

/* Encodes the full tail as a new block after the others. */
static void
flush_tail (HsColumn *column)
{
  gsize index = n_full_blocks (column) - 1;
  HsColumnBlock *block;
  guint64 min, max;
  guint width;

  if (!column->nonzero)
    return;   /* still all zero: the block stays virtual */

  reserve_blocks (column, index + 1);
  block_range (column->tail, &min, &max);
  width = width_for_range (max - min);
  reserve_bytes (column, (gsize) width * BLOCK);

  block = &column->blocks[index];
  block->base = min;
  block->offset = (guint64) column->n_bytes << 4 | width;
  pack_rows (column, column->n_bytes, column->tail, min, width);
  column->n_bytes += (gsize) width * BLOCK;
}

void
hs_column_append (HsColumn *column,
                  guint64   value)
{
  column->tail[column->len % BLOCK] = value;
  column->nonzero |= value != 0;
  column->len++;

  if (column->len % BLOCK == 0)
    flush_tail (column);
}

void
hs_column_append_values (HsColumn      *column,
                         const guint64 *values,
                         gsize          n_values)
{
  while (n_values > 0)
    {
      gsize i = column->len % BLOCK;
      gsize n = MIN (n_values, BLOCK - i);

      memcpy (column->tail + i, values, n * sizeof (guint64));
      for (gsize j = 0; j < n && !column->nonzero; j++)
        column->nonzero = values[j] != 0;
      column->len += n;
      values += n;
      n_values -= n;

      if (column->len % BLOCK == 0)
        flush_tail (column);
    }
}

void
hs_column_reserve (HsColumn *column,
                   gsize     n_rows)
{
  /* only a column that holds values grows: an all-zero one allocates nothing */
  if (column->blocks != NULL)
    reserve_blocks (column, n_rows / BLOCK);
}

guint64
hs_column_get (const HsColumn *column,
               gsize           row)
{
  const HsColumnBlock *block;

  g_return_val_if_fail (row < column->len, 0);

  if (row >= n_full_blocks (column) * BLOCK)
    return column->tail[row % BLOCK];
  if (column->blocks == NULL)
    return 0;

  block = &column->blocks[row / BLOCK];
  return block->base + unpack_row (block_rows (column, block), block_width (block), row % BLOCK);
}

/*
 * Adds rows [@first, @first + @n) to @sums, in 64-bit integers as the single-row reads do:
 * the bulk read that charts and statistics use, one block at a time instead of a call and
 * a lookup per row. (Summing in doubles would round values past 2^53.)
 */
void
hs_column_add_to (const HsColumn *column,
                  gsize           first,
                  gsize           n,
                  guint64        *sums)
{
  gsize end = first + n;
  gsize full = n_full_blocks (column) * BLOCK;
  gsize row = first;

  g_return_if_fail (end <= column->len);

  if (!column->nonzero)
    return;

  while (row < end)
    {
      const HsColumnBlock *block;
      const guint8 *rows;
      guint width;
      gsize block_end;

      if (row >= full)
        {
          sums[row - first] += column->tail[row % BLOCK];
          row++;
          continue;
        }

      /* no blocks: every row of the full blocks is 0 */
      if (column->blocks == NULL)
        {
          row = MIN (end, full);
          continue;
        }

      block = &column->blocks[row / BLOCK];
      rows = block_rows (column, block);
      width = block_width (block);
      block_end = MIN (end, (row / BLOCK + 1) * BLOCK);
      for (; row < block_end; row++)
        sums[row - first] += block->base + unpack_row (rows, width, row % BLOCK);
    }
}

/* Rows are set only by rare fix-ups: re-encode the block, moving the blocks after it. */
void
hs_column_set (HsColumn *column,
               gsize     row,
               guint64   value)
{
  guint64 values[BLOCK];
  HsColumnBlock *block;
  guint64 min, max;
  guint old_width, width;
  gsize start;

  g_return_if_fail (row < column->len);

  if (row >= n_full_blocks (column) * BLOCK)
    {
      column->tail[row % BLOCK] = value;
      column->nonzero |= value != 0;
      return;
    }

  if (column->blocks == NULL)
    {
      if (value == 0)
        return;
      reserve_blocks (column, n_full_blocks (column));
      column->nonzero = TRUE;
    }

  block = &column->blocks[row / BLOCK];
  unpack_block (column, block, values);
  values[row % BLOCK] = value;
  column->nonzero |= value != 0;

  block_range (values, &min, &max);
  old_width = block_width (block);
  width = width_for_range (max - min);
  start = (gsize) (block->offset >> 4);

  if (width != old_width)
    {
      gsize old_size = (gsize) old_width * BLOCK;
      gsize new_size = (gsize) width * BLOCK;

      if (new_size > old_size)
        reserve_bytes (column, new_size - old_size);
      if (column->n_bytes > start + old_size)
        memmove (column->bytes + start + new_size, column->bytes + start + old_size,
                 column->n_bytes - start - old_size);
      column->n_bytes = column->n_bytes + new_size - old_size;

      for (gsize i = row / BLOCK + 1; i < n_full_blocks (column); i++)
        {
          HsColumnBlock *later = &column->blocks[i];
          gsize later_start = (gsize) (later->offset >> 4) + new_size - old_size;

          later->offset = (guint64) later_start << 4 | block_width (later);
        }
    }

  block->base = min;
  block->offset = (guint64) start << 4 | width;
  pack_rows (column, start, values, min, width);
}

/*
 * Appends the rows of @other, each plus @offset (line numbers of a later chunk). When our
 * rows end on a block boundary, its blocks are copied as they are: their rows only hold
 * differences to the base, which takes the offset.
 */
void
hs_column_append_column_shifted (HsColumn       *column,
                                 const HsColumn *other,
                                 guint64         offset)
{
  gsize other_blocks = n_full_blocks (other);
  guint64 values[BLOCK];
  gsize n_tail = other->len % BLOCK;

  if (other->len == 0)
    return;

  if (!column->nonzero && !other->nonzero && offset == 0)
    {
      /* zeros after zeros: nothing to encode, only the rows of the new tail to clear */
      column->len += other->len;
      memset (column->tail, 0, (column->len % BLOCK) * sizeof (guint64));
      return;
    }

  if (column->len % BLOCK != 0)
    {
      /* the blocks do not line up: re-encode the other's rows after ours */
      for (gsize b = 0; b < other_blocks; b++)
        {
          if (other->blocks != NULL)
            unpack_block (other, &other->blocks[b], values);
          else
            memset (values, 0, sizeof values);
          for (guint i = 0; i < BLOCK; i++)
            values[i] += offset;
          hs_column_append_values (column, values, BLOCK);
        }
    }
  else if (other_blocks > 0 && (other->blocks != NULL || offset != 0))
    {
      gsize first = n_full_blocks (column);
      gsize byte_base = column->n_bytes;

      column->nonzero = TRUE;
      reserve_blocks (column, first + other_blocks);
      if (other->n_bytes > 0)
        {
          reserve_bytes (column, other->n_bytes);
          memcpy (column->bytes + byte_base, other->bytes, other->n_bytes);
          column->n_bytes += other->n_bytes;
        }
      for (gsize b = 0; b < other_blocks; b++)
        {
          HsColumnBlock block = { 0, 0 };

          if (other->blocks != NULL)
            block = other->blocks[b];
          block.base += offset;
          block.offset += (guint64) byte_base << 4;
          column->blocks[first + b] = block;
        }
      column->len += other_blocks * BLOCK;
    }
  else
    {
      /* zero blocks stay virtual in a column that has only those */
      if (column->blocks != NULL)
        {
          gsize first = n_full_blocks (column);
          HsColumnBlock zero = { 0, (guint64) column->n_bytes << 4 };

          reserve_blocks (column, first + other_blocks);
          for (gsize b = 0; b < other_blocks; b++)
            column->blocks[first + b] = zero;
        }
      column->len += other_blocks * BLOCK;
    }

  for (gsize i = 0; i < n_tail; i++)
    values[i] = other->tail[i] + offset;
  hs_column_append_values (column, values, n_tail);
}

void
hs_column_append_column (HsColumn       *column,
                         const HsColumn *other)
{
  hs_column_append_column_shifted (column, other, 0);
}

gsize
hs_column_get_memory (const HsColumn *column)
{
  if (!column->nonzero)
    return 0;

  return column->n_bytes +
         (column->blocks != NULL ? n_full_blocks (column) * sizeof (HsColumnBlock) : 0) +
         (column->len % BLOCK) * sizeof (guint64);
}

/* HsStepColumn */

void
hs_step_column_clear (HsStepColumn *column)
{
  g_clear_pointer (&column->steps, g_array_unref);
  column->len = 0;
}

static void
push_step (HsStepColumn *column,
           guint64       row,
           guint64       value)
{
  HsStep step = { row, value };

  if (column->steps == NULL)
    column->steps = g_array_new (FALSE, FALSE, sizeof (HsStep));

  g_array_append_val (column->steps, step);
}

guint64
hs_step_column_get_last (const HsStepColumn *column)
{
  if (column->steps == NULL || column->steps->len == 0)
    return 0;

  return g_array_index (column->steps, HsStep, column->steps->len - 1).value;
}

void
hs_step_column_append (HsStepColumn *column,
                       guint64       value)
{
  /* most rows repeat the last value: compare with it without a call */
  if G_LIKELY (column->steps != NULL && column->steps->len > 0 &&
               g_array_index (column->steps, HsStep, column->steps->len - 1).value == value)
    {
      column->len++;
      return;
    }

  if (value != hs_step_column_get_last (column))
    push_step (column, column->len, value);

  column->len++;
}

/* Index of the last step at or before @row, or -1 when the row precedes every step. */
static gssize
find_step (const HsStepColumn *column,
           gsize               row)
{
  gssize lo = 0;
  gssize hi;

  if (column->steps == NULL)
    return -1;

  hi = (gssize) column->steps->len - 1;
  while (lo <= hi)
    {
      gssize mid = lo + (hi - lo) / 2;

      if (g_array_index (column->steps, HsStep, mid).row <= row)
        lo = mid + 1;
      else
        hi = mid - 1;
    }

  return hi;
}

guint64
hs_step_column_get (const HsStepColumn *column,
                    gsize               row)
{
  gssize i;

  g_return_val_if_fail (row < column->len, 0);

  i = find_step (column, row);
  return i < 0 ? 0 : g_array_index (column->steps, HsStep, i).value;
}

/* Bulk read of a step column: one search for the first row, then a walk along the steps. */
void
hs_step_column_get_scaled (const HsStepColumn *column,
                           gsize               first,
                           gsize               n,
                           double              scale,
                           double             *out)
{
  gssize step;
  guint64 value;
  gsize next_row;

  g_return_if_fail (first + n <= column->len);

  step = find_step (column, first);
  value = step < 0 ? 0 : g_array_index (column->steps, HsStep, step).value;
  next_row = column->steps != NULL && step + 1 < (gssize) column->steps->len ?
             g_array_index (column->steps, HsStep, step + 1).row : G_MAXSIZE;

  for (gsize i = 0; i < n; i++)
    {
      while (first + i >= next_row)
        {
          step++;
          value = g_array_index (column->steps, HsStep, step).value;
          next_row = step + 1 < (gssize) column->steps->len ?
                     g_array_index (column->steps, HsStep, step + 1).row : G_MAXSIZE;
        }
      out[i] = (double) value * scale;
    }
}

/* Drop steps that repeat the value before them, so lookups stay short after edits. */
static void
compact_steps (HsStepColumn *column)
{
  guint out = 0;
  guint64 previous = 0;

  if (column->steps == NULL)
    return;

  for (guint i = 0; i < column->steps->len; i++)
    {
      HsStep step = g_array_index (column->steps, HsStep, i);

      if (step.value == previous)
        continue;
      if (out > 0 && g_array_index (column->steps, HsStep, out - 1).row == step.row)
        out--;
      g_array_index (column->steps, HsStep, out++) = step;
      previous = step.value;
    }

  g_array_set_size (column->steps, out);
}

void
hs_step_column_set (HsStepColumn *column,
                    gsize         row,
                    guint64       value)
{
  guint64 old_value;
  gssize i;
  HsStep step = { row, value };

  g_return_if_fail (row < column->len);

  old_value = hs_step_column_get (column, row);
  if (old_value == value)
    return;

  if (column->steps == NULL)
    column->steps = g_array_new (FALSE, FALSE, sizeof (HsStep));

  /* The next row keeps its value: give it a step of its own if it has none. */
  if (row + 1 < column->len)
    {
      gssize next = find_step (column, row + 1);

      if (next < 0 || g_array_index (column->steps, HsStep, next).row != row + 1)
        {
          HsStep keep = { row + 1, old_value };

          g_array_insert_val (column->steps, next + 1, keep);
        }
    }

  i = find_step (column, row);
  if (i >= 0 && g_array_index (column->steps, HsStep, i).row == row)
    g_array_index (column->steps, HsStep, i).value = value;
  else
    g_array_insert_val (column->steps, i + 1, step);

  compact_steps (column);
}

/*
 * Appends the rows of @other, each value passed through @map (NULL: unchanged). Walks the
 * steps, not the rows, so appending a chunk of a trace costs its number of changes.
 */
void
hs_step_column_append_mapped (HsStepColumn       *column,
                              const HsStepColumn *other,
                              HsStepMapFunc       map,
                              gpointer            user_data)
{
  gsize base = column->len;
  guint64 previous = hs_step_column_get_last (column);
  guint n_steps = other->steps != NULL ? other->steps->len : 0;

  if (other->len == 0)
    return;

  /* Rows before the other column's first step hold 0 there. */
  if (n_steps == 0 || g_array_index (other->steps, HsStep, 0).row > 0)
    {
      guint64 value = map != NULL ? map (0, user_data) : 0;

      if (value != previous)
        push_step (column, base, value);
      previous = value;
    }

  for (guint i = 0; i < n_steps; i++)
    {
      HsStep step = g_array_index (other->steps, HsStep, i);
      guint64 value = map != NULL ? map (step.value, user_data) : step.value;

      if (value == previous)
        continue;
      if (column->steps != NULL && column->steps->len > 0 &&
          g_array_index (column->steps, HsStep, column->steps->len - 1).row == base + step.row)
        g_array_index (column->steps, HsStep, column->steps->len - 1).value = value;
      else
        push_step (column, base + step.row, value);
      previous = value;
    }

  column->len += other->len;
}

void
hs_step_column_append_column (HsStepColumn       *column,
                              const HsStepColumn *other)
{
  hs_step_column_append_mapped (column, other, NULL, NULL);
}

gsize
hs_step_column_get_memory (const HsStepColumn *column)
{
  return column->steps != NULL ? column->steps->len * sizeof (HsStep) : 0;
}

/* HsI64Column */

void
hs_i64_column_clear (HsI64Column *column)
{
  hs_column_clear (&column->column);
}

void
hs_i64_column_reserve (HsI64Column *column,
                       gsize        n_rows)
{
  hs_column_reserve (&column->column, n_rows);
}

void
hs_i64_column_append (HsI64Column *column,
                      gint64       value)
{
  hs_column_append (&column->column, (guint64) value);
}

gint64
hs_i64_column_get (const HsI64Column *column,
                   gsize              row)
{
  g_return_val_if_fail (row < column->column.len, 0);

  return (gint64) hs_column_get (&column->column, row);
}

void
hs_i64_column_append_column (HsI64Column       *column,
                             const HsI64Column *other)
{
  hs_column_append_column (&column->column, &other->column);
}

gboolean
hs_i64_column_is_empty (const HsI64Column *column)
{
  return !column->column.nonzero;
}

gsize
hs_i64_column_get_memory (const HsI64Column *column)
{
  return hs_column_get_memory (&column->column);
}
