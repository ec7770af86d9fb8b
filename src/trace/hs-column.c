/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-column.c: compact append-only columns (see hs-column.h for why they look like this). */

#include "config.h"

#include <string.h>

#include "hs-column.h"

#define ESCAPE G_MAXUINT32

static gsize
grow_capacity (gsize cap,
               gsize needed)
{
  gsize new_cap = MAX (cap, 1024);

  while (new_cap < needed)
    new_cap = new_cap + new_cap / 2;

  return new_cap;
}

void
hs_column_clear (HsColumn *column)
{
  g_clear_pointer (&column->data, g_free);
  g_clear_pointer (&column->overflow, g_array_unref);
  column->len = 0;
  column->cap = 0;
}

void
hs_column_reserve (HsColumn *column,
                   gsize     n_rows)
{
  if (column->data == NULL || n_rows <= column->cap)
    return;

  column->data = g_renew (guint32, column->data, n_rows);
  column->cap = n_rows;
}

/*
 * The first non-zero value allocates the array and fills the rows before it with 0. Rows at
 * or past len are not read before they are appended, so growing leaves them uninitialised.
 */
static void
materialize (HsColumn *column,
             gsize     needed)
{
  if (column->data == NULL)
    {
      column->cap = grow_capacity (0, needed);
      column->data = g_new0 (guint32, column->cap);
    }
  else if (needed > column->cap)
    {
      column->cap = grow_capacity (column->cap, needed);
      column->data = g_renew (guint32, column->data, column->cap);
    }
}

static void
add_overflow (HsColumn *column,
              gsize     row,
              guint64   value)
{
  HsColumnOverflow entry = { row, value };

  if (column->overflow == NULL)
    column->overflow = g_array_new (FALSE, FALSE, sizeof (HsColumnOverflow));

  g_array_append_val (column->overflow, entry);
}

static HsColumnOverflow *
find_overflow (const HsColumn *column,
               gsize           row)
{
  guint lo = 0;
  guint hi;

  if (column->overflow == NULL)
    return NULL;

  hi = column->overflow->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      HsColumnOverflow *entry = &g_array_index (column->overflow, HsColumnOverflow, mid);

      if (entry->row == row)
        return entry;
      if (entry->row < row)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

void
hs_column_append (HsColumn *column,
                  guint64   value)
{
  gsize row = column->len;

  /* the common case, kept free of calls: this runs for every value of every line */
  if G_LIKELY (row < column->cap && value < ESCAPE)
    {
      column->data[row] = (guint32) value;
      column->len = row + 1;
      return;
    }

  if (value == 0 && column->data == NULL)
    {
      column->len++;
      return;
    }

  materialize (column, row + 1);

  if (value >= ESCAPE)
    {
      column->data[row] = ESCAPE;
      add_overflow (column, row, value);
    }
  else
    {
      column->data[row] = (guint32) value;
    }

  column->len++;
}

guint64
hs_column_get (const HsColumn *column,
               gsize           row)
{
  guint32 v;

  g_return_val_if_fail (row < column->len, 0);

  if (column->data == NULL)
    return 0;

  v = column->data[row];
  if G_UNLIKELY (v == ESCAPE)
    {
      HsColumnOverflow *entry = find_overflow (column, row);

      return entry != NULL ? entry->value : ESCAPE;
    }

  return v;
}

void
hs_column_set (HsColumn *column,
               gsize     row,
               guint64   value)
{
  HsColumnOverflow *entry;

  g_return_if_fail (row < column->len);

  if (value == 0 && column->data == NULL)
    return;

  materialize (column, column->len);
  entry = find_overflow (column, row);

  if (value >= ESCAPE)
    {
      column->data[row] = ESCAPE;
      if (entry != NULL)
        {
          entry->value = value;
        }
      else
        {
          /* Rows are set out of order only by fix-ups near the end: keep the array sorted. */
          HsColumnOverflow new_entry = { row, value };
          guint i;

          if (column->overflow == NULL)
            column->overflow = g_array_new (FALSE, FALSE, sizeof (HsColumnOverflow));
          for (i = column->overflow->len; i > 0; i--)
            if (g_array_index (column->overflow, HsColumnOverflow, i - 1).row < row)
              break;
          g_array_insert_val (column->overflow, i, new_entry);
        }
    }
  else
    {
      column->data[row] = (guint32) value;
      if (entry != NULL)
        g_array_remove_index (column->overflow,
                              entry - &g_array_index (column->overflow, HsColumnOverflow, 0));
    }
}

void
hs_column_append_column (HsColumn       *column,
                         const HsColumn *other)
{
  gsize base = column->len;

  if (other->len == 0)
    return;

  if (other->data == NULL)
    {
      if (column->data != NULL)
        {
          materialize (column, base + other->len);
          memset (column->data + base, 0, other->len * sizeof (guint32));
        }
      column->len += other->len;
      return;
    }

  materialize (column, base + other->len);
  memcpy (column->data + base, other->data, other->len * sizeof (guint32));
  column->len += other->len;

  if (other->overflow != NULL)
    {
      for (guint i = 0; i < other->overflow->len; i++)
        {
          const HsColumnOverflow *entry = &g_array_index (other->overflow, HsColumnOverflow, i);

          add_overflow (column, base + entry->row, entry->value);
        }
    }
}

gsize
hs_column_get_memory (const HsColumn *column)
{
  gsize bytes = column->data != NULL ? column->len * sizeof (guint32) : 0;

  if (column->overflow != NULL)
    bytes += column->overflow->len * sizeof (HsColumnOverflow);

  return bytes;
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
  g_clear_pointer (&column->data, g_free);
  column->len = 0;
  column->cap = 0;
}

void
hs_i64_column_reserve (HsI64Column *column,
                       gsize        n_rows)
{
  if (column->data == NULL || n_rows <= column->cap)
    return;

  column->data = g_renew (gint64, column->data, n_rows);
  column->cap = n_rows;
}

static void
i64_materialize (HsI64Column *column,
                 gsize        needed)
{
  if (column->data == NULL)
    {
      column->cap = grow_capacity (0, needed);
      column->data = g_new0 (gint64, column->cap);
    }
  else if (needed > column->cap)
    {
      /* as in materialize(): rows past len are written before they are read */
      column->cap = grow_capacity (column->cap, needed);
      column->data = g_renew (gint64, column->data, column->cap);
    }
}

void
hs_i64_column_append (HsI64Column *column,
                      gint64       value)
{
  if G_LIKELY (column->len < column->cap)
    {
      column->data[column->len++] = value;
      return;
    }

  if (value == 0 && column->data == NULL)
    {
      column->len++;
      return;
    }

  i64_materialize (column, column->len + 1);
  column->data[column->len++] = value;
}

gint64
hs_i64_column_get (const HsI64Column *column,
                   gsize              row)
{
  g_return_val_if_fail (row < column->len, 0);

  return column->data != NULL ? column->data[row] : 0;
}

void
hs_i64_column_append_column (HsI64Column       *column,
                             const HsI64Column *other)
{
  gsize base = column->len;

  if (other->len == 0)
    return;

  if (other->data == NULL)
    {
      if (column->data != NULL)
        {
          i64_materialize (column, base + other->len);
          memset (column->data + base, 0, other->len * sizeof (gint64));
        }
      column->len += other->len;
      return;
    }

  i64_materialize (column, base + other->len);
  memcpy (column->data + base, other->data, other->len * sizeof (gint64));
  column->len += other->len;
}

gboolean
hs_i64_column_is_empty (const HsI64Column *column)
{
  return column->data == NULL;
}

gsize
hs_i64_column_get_memory (const HsI64Column *column)
{
  return column->data != NULL ? column->len * sizeof (gint64) : 0;
}
