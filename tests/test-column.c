/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-column.c: the block-encoded columns hold exactly what a plain array of the rows holds. */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "trace/hs-column.h"

/*
 * Every check compares the column with a plain guint64 array that received the same
 * appends, sets and offsets: the expected values never come from the column itself.
 */

typedef struct
{
  guint64 *rows;
  gsize    len;
} Model;

static void
assert_same (const HsColumn *column,
             const Model    *model)
{
  g_assert_cmpuint (column->len, ==, model->len);
  for (gsize i = 0; i < model->len; i++)
    {
      if (hs_column_get (column, i) != model->rows[i])
        g_error ("row %" G_GSIZE_FORMAT ": column %" G_GUINT64_FORMAT ", expected %" G_GUINT64_FORMAT,
                 i, hs_column_get (column, i), model->rows[i]);
    }
}

/* Values of every width a block can take, zeros, and the ends of the uint64 range. */
static guint64
random_value (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      return 0;
    case 1:
      return (guint64) g_rand_int_range (rand, 0, 200);
    case 2:
      return 1000 + (guint64) g_rand_int_range (rand, 0, 60000);
    case 3:
      return (guint64) g_rand_int (rand) << 32 | g_rand_int (rand);
    case 4:
      return G_MAXUINT64 - (guint64) g_rand_int_range (rand, 0, 3);
    case 5:
      return 17592186044415;   /* the heap goal GOGC=off prints, in MB */
    default:
      return g_rand_int (rand);
    }
}

/* A run of rows shaped like a real column: all zero, zeros then values, constant, or mixed. */
static void
fill (GRand    *rand,
      HsColumn *column,
      Model    *model,
      gsize     n)
{
  gint shape = g_rand_int_range (rand, 0, 4);
  gboolean bulk = g_rand_boolean (rand);
  g_autofree guint64 *values = g_new0 (guint64, n + 1);

  for (gsize i = 0; i < n; i++)
    {
      switch (shape)
        {
        case 0:
          values[i] = 0;
          break;
        case 1:
          values[i] = i > n / 2 ? random_value (rand) : 0;
          break;
        case 2:
          values[i] = 7;
          break;
        default:
          values[i] = random_value (rand);
          break;
        }
    }

  if (bulk)
    hs_column_append_values (column, values, n);
  else
    for (gsize i = 0; i < n; i++)
      hs_column_append (column, values[i]);

  memcpy (model->rows + model->len, values, n * sizeof (guint64));
  model->len += n;
}

static void
set_some (GRand    *rand,
          HsColumn *column,
          Model    *model)
{
  for (guint k = 0; k < 5 && model->len > 0; k++)
    {
      gsize row = (gsize) g_rand_int_range (rand, 0, (gint32) model->len);
      guint64 value = random_value (rand);

      hs_column_set (column, row, value);
      model->rows[row] = value;
      assert_same (column, model);
    }
}

static void
test_column_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint iter = 0; iter < 2000; iter++)
    {
      HsColumn a = { 0, };
      HsColumn b = { 0, };
      gsize n_a = (gsize) g_rand_int_range (rand, 0, 400);
      gsize n_b = (gsize) g_rand_int_range (rand, 0, 400);
      Model model_a = { NULL, 0 };
      Model model_b = { NULL, 0 };
      guint64 offset;
      gboolean any = FALSE;

      /* whole blocks sometimes, so that merges that line up are tested too */
      if (iter % 4 == 0)
        n_a = HS_COLUMN_BLOCK * (gsize) g_rand_int_range (rand, 0, 5);

      model_a.rows = g_new0 (guint64, n_a + n_b + 1);
      model_b.rows = g_new0 (guint64, n_b + 1);
      fill (rand, &a, &model_a, n_a);
      fill (rand, &b, &model_b, n_b);
      assert_same (&a, &model_a);
      assert_same (&b, &model_b);
      set_some (rand, &a, &model_a);

      offset = g_rand_boolean (rand) ? 0 : g_rand_boolean (rand) ? 1000 : G_MAXUINT64 - 5;
      hs_column_append_column_shifted (&a, &b, offset);
      for (gsize i = 0; i < n_b; i++)
        model_a.rows[model_a.len++] = model_b.rows[i] + offset;   /* wraps like the column */
      assert_same (&a, &model_a);
      set_some (rand, &a, &model_a);

      for (gsize i = 0; i < model_a.len; i++)
        any = any || model_a.rows[i] != 0;
      if (!any)
        {
          /* an all-zero column allocates nothing */
          g_assert_null (a.blocks);
          g_assert_null (a.bytes);
          g_assert_cmpuint (hs_column_get_memory (&a), ==, 0);
        }

      hs_column_clear (&a);
      hs_column_clear (&b);
      g_free (model_a.rows);
      g_free (model_b.rows);
    }
}

/* Neighbouring values in a block take the bytes their range needs, not their size. */
static void
test_column_compact (void)
{
  HsColumn line = { 0, };
  HsColumn goal = { 0, };

  /* line numbers two apart: a range of 126 per 64-row block, 1 byte per row */
  for (guint64 i = 0; i < 64 * 100; i++)
    hs_column_append (&line, 1000000 + 2 * i);
  g_assert_cmpuint (hs_column_get_memory (&line), ==, 100 * (64 + sizeof (HsColumnBlock)));
  g_assert_cmpuint (hs_column_get (&line, 64 * 100 - 1), ==, 1000000 + 2 * (64 * 100 - 1));

  /* one huge value widens its own block only: 8 bytes a row there, 0 in the other */
  for (guint i = 0; i < 2 * 64; i++)
    hs_column_append (&goal, i == 70 ? 17592186044415 : 4);
  g_assert_cmpuint (hs_column_get_memory (&goal), ==, 64 * 8 + 2 * sizeof (HsColumnBlock));
  g_assert_cmpuint (hs_column_get (&goal, 70), ==, 17592186044415);
  g_assert_cmpuint (hs_column_get (&goal, 71), ==, 4);

  hs_column_clear (&line);
  hs_column_clear (&goal);
}

static void
test_i64_column (void)
{
  HsI64Column column = { 0, };
  HsI64Column other = { 0, };

  hs_i64_column_append (&column, 0);
  g_assert_true (hs_i64_column_is_empty (&column));
  hs_i64_column_append (&column, -5);
  hs_i64_column_append (&column, G_MININT64);
  hs_i64_column_append (&column, G_MAXINT64);
  g_assert_false (hs_i64_column_is_empty (&column));
  for (guint i = 0; i < 100; i++)
    hs_i64_column_append (&other, 1764460800000000 + 7 * (gint64) i);
  hs_i64_column_append_column (&column, &other);

  g_assert_cmpint (hs_i64_column_get (&column, 0), ==, 0);
  g_assert_cmpint (hs_i64_column_get (&column, 1), ==, -5);
  g_assert_cmpint (hs_i64_column_get (&column, 2), ==, G_MININT64);
  g_assert_cmpint (hs_i64_column_get (&column, 3), ==, G_MAXINT64);
  g_assert_cmpint (hs_i64_column_get (&column, 4 + 99), ==, 1764460800000000 + 7 * 99);

  hs_i64_column_clear (&column);
  hs_i64_column_clear (&other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/column/random", test_column_random);
  g_test_add_func ("/column/compact", test_column_compact);
  g_test_add_func ("/column/i64", test_i64_column);

  return g_test_run ();
}
