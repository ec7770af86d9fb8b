/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-column.c: HsColumn (32-bit rows with exact 64-bit escapes), HsStepColumn, HsI64Column. */

#include "config.h"

#include <string.h>

#include "trace/hs-column.h"

/* Values around the 32-bit escape: G_MAXUINT32 itself must escape too. */
static const guint64 wide_values[] = {
  0, 1, G_MAXUINT32 - 1, G_MAXUINT32, (guint64) G_MAXUINT32 + 1,
  G_GUINT64_CONSTANT (8796093022191), G_GUINT64_CONSTANT (17592186044415), G_MAXUINT64, 7,
};

static void
test_column_overflow (void)
{
  HsColumn column = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (wide_values); i++)
    hs_column_append (&column, wide_values[i]);

  g_assert_cmpuint (column.len, ==, G_N_ELEMENTS (wide_values));
  for (guint i = 0; i < G_N_ELEMENTS (wide_values); i++)
    g_assert_cmpuint (hs_column_get (&column, i), ==, wide_values[i]);
  /* rows 3–7 escape: five side entries */

  hs_column_clear (&column);
  g_assert_cmpuint (column.len, ==, 0);
  g_assert_cmpuint (hs_column_get_memory (&column), ==, 0);
}

/* A column of zeros allocates nothing, however long, until a value arrives. */
static void
test_column_lazy (void)
{
  HsColumn column = { 0 };

  for (guint i = 0; i < 5000; i++)
    hs_column_append (&column, 0);
  g_assert_cmpuint (hs_column_get_memory (&column), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 4999), ==, 0);

  hs_column_append (&column, 42);
  g_assert_cmpuint (hs_column_get_memory (&column), >, 0);
  g_assert_cmpuint (column.len, ==, 5001);
  g_assert_cmpuint (hs_column_get (&column, 0), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 4999), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 5000), ==, 42);
  /* 78 blocks of zeros take no row bytes; far less than a row of 4 bytes each */
  g_assert_cmpuint (hs_column_get_memory (&column), <, 5001);

  hs_column_clear (&column);
}

static void
test_column_set (void)
{
  HsColumn column = { 0 };

  for (guint i = 0; i < 10; i++)
    hs_column_append (&column, 0);

  /* 0 into a lazy column changes nothing */
  hs_column_set (&column, 3, 0);
  g_assert_cmpuint (hs_column_get_memory (&column), ==, 0);

  hs_column_set (&column, 3, 9);
  hs_column_set (&column, 8, G_MAXUINT64);
  hs_column_set (&column, 1, (guint64) G_MAXUINT32 + 5);
  g_assert_cmpuint (hs_column_get (&column, 1), ==, (guint64) G_MAXUINT32 + 5);
  g_assert_cmpuint (hs_column_get (&column, 3), ==, 9);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, G_MAXUINT64);
  /* sorted by row, so both are found */

  /* a wide value replaced by a wide one, then by a narrow one */
  hs_column_set (&column, 8, G_MAXUINT32);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, G_MAXUINT32);
  hs_column_set (&column, 8, 12);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, 12);
  g_assert_cmpuint (hs_column_get (&column, 1), ==, (guint64) G_MAXUINT32 + 5);
  for (guint i = 0; i < 10; i++)
    if (i != 1 && i != 3 && i != 8)
      g_assert_cmpuint (hs_column_get (&column, i), ==, 0);

  hs_column_clear (&column);
}

static void
test_column_append_column (void)
{
  HsColumn a = { 0 };
  HsColumn b = { 0 };
  HsColumn zeros = { 0 };

  hs_column_append (&a, 5);
  hs_column_append (&a, G_MAXUINT64 - 1);
  hs_column_append (&b, G_GUINT64_CONSTANT (17592186044415));
  hs_column_append (&b, 3);
  hs_column_append (&zeros, 0);
  hs_column_append (&zeros, 0);

  hs_column_append_column (&a, &b);
  hs_column_append_column (&a, &zeros);
  g_assert_cmpuint (a.len, ==, 6);
  g_assert_cmpuint (hs_column_get (&a, 0), ==, 5);
  g_assert_cmpuint (hs_column_get (&a, 1), ==, G_MAXUINT64 - 1);
  g_assert_cmpuint (hs_column_get (&a, 2), ==, G_GUINT64_CONSTANT (17592186044415));
  g_assert_cmpuint (hs_column_get (&a, 3), ==, 3);
  g_assert_cmpuint (hs_column_get (&a, 4), ==, 0);
  g_assert_cmpuint (hs_column_get (&a, 5), ==, 0);

  /* a lazy column followed by a real one keeps its zeros */
  hs_column_append_column (&zeros, &b);
  g_assert_cmpuint (zeros.len, ==, 4);
  g_assert_cmpuint (hs_column_get (&zeros, 0), ==, 0);
  g_assert_cmpuint (hs_column_get (&zeros, 2), ==, G_GUINT64_CONSTANT (17592186044415));
  g_assert_cmpuint (hs_column_get (&zeros, 3), ==, 3);

  hs_column_clear (&a);
  hs_column_clear (&b);
  hs_column_clear (&zeros);
}

static void
test_step_get (void)
{
  HsStepColumn column = { 0 };
  const guint64 values[] = { 0, 0, 4, 4, 4, 8, 8, 4, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hs_step_column_append (&column, values[i]);

  /* changes at rows 2, 5, 7, 8 */
  g_assert_cmpuint (column.steps->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (hs_step_column_get (&column, i), ==, values[i]);
  g_assert_cmpuint (hs_step_column_get_last (&column), ==, 0);

  hs_step_column_clear (&column);
}

static void
test_step_set (void)
{
  HsStepColumn column = { 0 };
  guint64 values[] = { 1, 1, 1, 2, 2, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    hs_step_column_append (&column, values[i]);

  /* in the middle of a step, at its first row, at the last row, and back */
  hs_step_column_set (&column, 1, 9);
  values[1] = 9;
  hs_step_column_set (&column, 3, 1);
  values[3] = 1;
  hs_step_column_set (&column, 6, 2);
  values[6] = 2;
  hs_step_column_set (&column, 0, 0);
  values[0] = 0;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (hs_step_column_get (&column, i), ==, values[i]);

  hs_step_column_set (&column, 1, 1);
  values[1] = 1;
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpuint (hs_step_column_get (&column, i), ==, values[i]);

  /* 0 1 1 1 2 2 2: two steps (1 from row 1, 2 from row 4), none repeating the one before */
  g_assert_cmpuint (column.steps->len, ==, 2);

  hs_step_column_clear (&column);

  /* setting a row of a column without steps */
  for (guint i = 0; i < 3; i++)
    hs_step_column_append (&column, 0);
  hs_step_column_set (&column, 0, 5);
  g_assert_cmpuint (hs_step_column_get (&column, 0), ==, 5);
  g_assert_cmpuint (hs_step_column_get (&column, 1), ==, 0);
  g_assert_cmpuint (hs_step_column_get (&column, 2), ==, 0);
  hs_step_column_clear (&column);
}

static guint64
add_100 (guint64  value,
         gpointer user_data)
{
  return value + 100;
}

static void
test_step_append_mapped (void)
{
  HsStepColumn column = { 0 };
  HsStepColumn other = { 0 };
  HsStepColumn empty = { 0 };

  hs_step_column_append (&column, 7);
  hs_step_column_append (&column, 7);
  /* other: rows 0–1 before its first step hold 0, then 5, 5, 6 */
  hs_step_column_append (&other, 0);
  hs_step_column_append (&other, 0);
  hs_step_column_append (&other, 5);
  hs_step_column_append (&other, 5);
  hs_step_column_append (&other, 6);
  hs_step_column_append (&empty, 0);

  hs_step_column_append_column (&column, &other);
  g_assert_cmpuint (column.len, ==, 7);
  {
    const guint64 expected[] = { 7, 7, 0, 0, 5, 5, 6 };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpuint (hs_step_column_get (&column, i), ==, expected[i]);
  }

  /* mapped: the rows before the first step map 0 too (0 + 100) */
  hs_step_column_append_mapped (&column, &other, add_100, NULL);
  hs_step_column_append_mapped (&column, &empty, add_100, NULL);
  {
    const guint64 expected[] = { 7, 7, 0, 0, 5, 5, 6, 100, 100, 105, 105, 106, 100 };

    g_assert_cmpuint (column.len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpuint (hs_step_column_get (&column, i), ==, expected[i]);
  }

  /* appending the empty one unmapped leaves 0 */
  hs_step_column_append_column (&column, &empty);
  g_assert_cmpuint (hs_step_column_get (&column, 13), ==, 0);
  g_assert_cmpuint (hs_step_column_get_last (&column), ==, 0);

  hs_step_column_clear (&column);
  hs_step_column_clear (&other);
  hs_step_column_clear (&empty);
}

static void
test_i64 (void)
{
  HsI64Column column = { 0 };
  HsI64Column other = { 0 };

  hs_i64_column_append (&column, 0);
  hs_i64_column_append (&column, 0);
  g_assert_true (hs_i64_column_is_empty (&column));
  hs_i64_column_append (&other, G_MININT64);
  hs_i64_column_append (&other, G_MAXINT64);
  hs_i64_column_append_column (&column, &other);
  g_assert_false (hs_i64_column_is_empty (&column));
  g_assert_cmpint (hs_i64_column_get (&column, 0), ==, 0);
  g_assert_cmpint (hs_i64_column_get (&column, 2), ==, G_MININT64);
  g_assert_cmpint (hs_i64_column_get (&column, 3), ==, G_MAXINT64);
  hs_i64_column_clear (&column);
  hs_i64_column_clear (&other);
}

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
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/column/HsColumn/overflow", test_column_overflow);
  g_test_add_func ("/column/HsColumn/lazy", test_column_lazy);
  g_test_add_func ("/column/HsColumn/set", test_column_set);
  g_test_add_func ("/column/HsColumn/append-column", test_column_append_column);
  g_test_add_func ("/column/HsStepColumn/get", test_step_get);
  g_test_add_func ("/column/HsStepColumn/set", test_step_set);
  g_test_add_func ("/column/HsStepColumn/append-mapped", test_step_append_mapped);
  g_test_add_func ("/column/HsI64Column/append", test_i64);
  g_test_add_func ("/column/HsColumn/random-against-array", test_column_random);
  g_test_add_func ("/column/HsColumn/compact", test_column_compact);
  g_test_add_func ("/column/HsI64Column/blocks", test_i64_column);

  return g_test_run ();
}
