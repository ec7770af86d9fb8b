/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-column.c: HsColumn (32-bit rows with exact 64-bit escapes), HsStepColumn, HsI64Column. */

#include "config.h"

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
  g_assert_nonnull (column.overflow);
  g_assert_cmpuint (column.overflow->len, ==, 5);

  hs_column_clear (&column);
  g_assert_cmpuint (column.len, ==, 0);
  g_assert_null (column.data);
}

/* A column of zeros allocates nothing, however long, until a value arrives. */
static void
test_column_lazy (void)
{
  HsColumn column = { 0 };

  for (guint i = 0; i < 5000; i++)
    hs_column_append (&column, 0);
  g_assert_null (column.data);
  g_assert_cmpuint (hs_column_get_memory (&column), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 4999), ==, 0);

  hs_column_append (&column, 42);
  g_assert_nonnull (column.data);
  g_assert_cmpuint (column.len, ==, 5001);
  g_assert_cmpuint (hs_column_get (&column, 0), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 4999), ==, 0);
  g_assert_cmpuint (hs_column_get (&column, 5000), ==, 42);
  g_assert_cmpuint (hs_column_get_memory (&column), ==, 5001 * sizeof (guint32));

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
  g_assert_null (column.data);

  hs_column_set (&column, 3, 9);
  hs_column_set (&column, 8, G_MAXUINT64);
  hs_column_set (&column, 1, (guint64) G_MAXUINT32 + 5);
  g_assert_cmpuint (hs_column_get (&column, 1), ==, (guint64) G_MAXUINT32 + 5);
  g_assert_cmpuint (hs_column_get (&column, 3), ==, 9);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, G_MAXUINT64);
  g_assert_cmpuint (column.overflow->len, ==, 2);
  /* sorted by row, so both are found */
  g_assert_cmpuint (g_array_index (column.overflow, HsColumnOverflow, 0).row, ==, 1);

  /* a wide value replaced by a wide one, then by a narrow one */
  hs_column_set (&column, 8, G_MAXUINT32);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, G_MAXUINT32);
  hs_column_set (&column, 8, 12);
  g_assert_cmpuint (hs_column_get (&column, 8), ==, 12);
  g_assert_cmpuint (column.overflow->len, ==, 1);
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

  return g_test_run ();
}
