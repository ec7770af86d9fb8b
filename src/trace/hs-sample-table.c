/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-sample-table.c: appending and reading memory samples, one column per value. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "hs-sample-table.h"

/* The names are also the keys of the session format: do not change them. */
static const char * const field_names[HS_N_SAMPLE_FIELDS] = {
  [HS_SAMPLE_FIELD_RSS] = "rss",
  [HS_SAMPLE_FIELD_RSS_ANON] = "rss_anon",
  [HS_SAMPLE_FIELD_RSS_FILE] = "rss_file",
  [HS_SAMPLE_FIELD_VM_SIZE] = "vm_size",
  [HS_SAMPLE_FIELD_HEAP_ALLOC] = "heap_alloc",
  [HS_SAMPLE_FIELD_HEAP_INUSE] = "heap_inuse",
  [HS_SAMPLE_FIELD_HEAP_IDLE] = "heap_idle",
  [HS_SAMPLE_FIELD_HEAP_RELEASED] = "heap_released",
  [HS_SAMPLE_FIELD_HEAP_SYS] = "heap_sys",
  [HS_SAMPLE_FIELD_SYS] = "sys",
  [HS_SAMPLE_FIELD_NEXT_GC] = "next_gc",
  [HS_SAMPLE_FIELD_GC_CPU_FRACTION] = "gc_cpu_fraction",
  [HS_SAMPLE_FIELD_NUM_GC] = "num_gc",
};

static const char * const source_names[HS_N_SAMPLE_SOURCES] = {
  [HS_SAMPLE_SOURCE_PROC] = "proc",
  [HS_SAMPLE_SOURCE_EXPVAR] = "expvar",
  [HS_SAMPLE_SOURCE_METRICS] = "metrics",
};

static void
value_column_free (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

void
hs_sample_table_init (HsSampleTable *table)
{
  memset (table, 0, sizeof *table);
  table->time_s = g_array_new (FALSE, FALSE, sizeof (double));
  table->wall_time_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  table->source = g_array_new (FALSE, FALSE, sizeof (guint8));
  table->names = g_ptr_array_new_with_free_func (g_free);
  table->values = g_ptr_array_new_with_free_func (value_column_free);
  table->ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < HS_N_SAMPLE_FIELDS; i++)
    hs_sample_table_intern_field (table, field_names[i]);
}

void
hs_sample_table_clear (HsSampleTable *table)
{
  g_clear_pointer (&table->time_s, g_array_unref);
  g_clear_pointer (&table->wall_time_us, g_array_unref);
  g_clear_pointer (&table->source, g_array_unref);
  g_clear_pointer (&table->ids, g_hash_table_unref);
  g_clear_pointer (&table->values, g_ptr_array_unref);
  g_clear_pointer (&table->names, g_ptr_array_unref);
}

HsSampleTable *
hs_sample_table_new (void)
{
  HsSampleTable *table = g_new (HsSampleTable, 1);

  hs_sample_table_init (table);
  return table;
}

void
hs_sample_table_free (HsSampleTable *table)
{
  if (table == NULL)
    return;

  hs_sample_table_clear (table);
  g_free (table);
}

guint
hs_sample_table_get_n_rows (const HsSampleTable *table)
{
  return table->time_s->len;
}

guint
hs_sample_table_append_row (HsSampleTable  *table,
                            double          time_s,
                            gint64          wall_time_us,
                            HsSampleSource  source)
{
  guint8 s = (guint8) source;
  double missing = NAN;

  g_return_val_if_fail (source < HS_N_SAMPLE_SOURCES, 0);

  g_array_append_val (table->time_s, time_s);
  g_array_append_val (table->wall_time_us, wall_time_us);
  g_array_append_val (table->source, s);

  for (guint i = 0; i < table->values->len; i++)
    {
      GArray *column = g_ptr_array_index (table->values, i);

      if (column != NULL)
        g_array_append_val (column, missing);
    }

  return table->time_s->len - 1;
}

void
hs_sample_table_set_value (HsSampleTable *table,
                           guint          row,
                           guint          field,
                           double         value)
{
  GArray *column;

  g_return_if_fail (row < hs_sample_table_get_n_rows (table));
  g_return_if_fail (field < table->names->len);

  column = g_ptr_array_index (table->values, field);
  if (column == NULL)
    {
      double missing = NAN;

      column = g_array_sized_new (FALSE, FALSE, sizeof (double), table->time_s->len);
      for (guint i = 0; i < table->time_s->len; i++)
        g_array_append_val (column, missing);
      table->values->pdata[field] = column;
    }

  g_array_index (column, double, row) = value;
}

double
hs_sample_table_get_value (const HsSampleTable *table,
                           guint                field,
                           guint                row)
{
  GArray *column;

  g_return_val_if_fail (row < hs_sample_table_get_n_rows (table), NAN);

  if (field >= table->values->len)
    return NAN;

  column = g_ptr_array_index (table->values, field);
  return column != NULL ? g_array_index (column, double, row) : NAN;
}

double
hs_sample_table_get_time (const HsSampleTable *table,
                          guint                row)
{
  g_return_val_if_fail (row < hs_sample_table_get_n_rows (table), NAN);

  return g_array_index (table->time_s, double, row);
}

gint64
hs_sample_table_get_wall_time (const HsSampleTable *table,
                               guint                row)
{
  g_return_val_if_fail (row < hs_sample_table_get_n_rows (table), 0);

  return g_array_index (table->wall_time_us, gint64, row);
}

HsSampleSource
hs_sample_table_get_source (const HsSampleTable *table,
                            guint                row)
{
  g_return_val_if_fail (row < hs_sample_table_get_n_rows (table), HS_SAMPLE_SOURCE_PROC);

  return (HsSampleSource) g_array_index (table->source, guint8, row);
}

guint
hs_sample_table_intern_field (HsSampleTable *table,
                              const char    *name)
{
  gpointer id = g_hash_table_lookup (table->ids, name);
  char *copy;

  if (id != NULL)
    return GPOINTER_TO_UINT (id) - 1;

  copy = g_strdup (name);
  g_ptr_array_add (table->names, copy);
  g_ptr_array_add (table->values, NULL);
  g_hash_table_insert (table->ids, copy, GUINT_TO_POINTER (table->names->len));

  return table->names->len - 1;
}

int
hs_sample_table_lookup_field (const HsSampleTable *table,
                              const char          *name)
{
  gpointer id = g_hash_table_lookup (table->ids, name);

  return id != NULL ? (int) GPOINTER_TO_UINT (id) - 1 : -1;
}

guint
hs_sample_table_get_n_fields (const HsSampleTable *table)
{
  return table->names->len;
}

const char *
hs_sample_table_get_field_name (const HsSampleTable *table,
                                guint                field)
{
  g_return_val_if_fail (field < table->names->len, NULL);

  return g_ptr_array_index (table->names, field);
}

/* Whether any sample has a value for @field. */
gboolean
hs_sample_table_has_field (const HsSampleTable *table,
                           guint                field)
{
  return field < table->values->len && g_ptr_array_index (table->values, field) != NULL;
}

/* Appends rows [@from, +@n) of @other; fields are matched by name. */
void
hs_sample_table_append_rows (HsSampleTable       *table,
                             const HsSampleTable *other,
                             guint                from,
                             guint                n)
{
  guint first = hs_sample_table_get_n_rows (table);

  g_return_if_fail ((guint64) from + n <= hs_sample_table_get_n_rows (other));

  /* an empty table's arrays may have no data at all to point into */
  if (n == 0)
    return;

  g_array_append_vals (table->time_s, &g_array_index (other->time_s, double, from), n);
  g_array_append_vals (table->wall_time_us, &g_array_index (other->wall_time_us, gint64, from), n);
  g_array_append_vals (table->source, &g_array_index (other->source, guint8, from), n);

  /* columns this table has and the other lacks get NAN rows */
  for (guint i = 0; i < table->values->len; i++)
    {
      GArray *column = g_ptr_array_index (table->values, i);
      double missing = NAN;

      if (column != NULL)
        for (guint r = 0; r < n; r++)
          g_array_append_val (column, missing);
    }

  for (guint f = 0; f < other->values->len; f++)
    {
      GArray *source = g_ptr_array_index (other->values, f);
      guint id;

      if (source == NULL)
        continue;

      id = hs_sample_table_intern_field (table, g_ptr_array_index (other->names, f));
      for (guint r = 0; r < n; r++)
        hs_sample_table_set_value (table, first + r, id, g_array_index (source, double, from + r));
    }
}

void
hs_sample_table_append_table (HsSampleTable       *table,
                              const HsSampleTable *other)
{
  hs_sample_table_append_rows (table, other, 0, hs_sample_table_get_n_rows (other));
}

gsize
hs_sample_table_get_memory (const HsSampleTable *table)
{
  gsize bytes = (gsize) table->time_s->len * (sizeof (double) + sizeof (gint64) + sizeof (guint8));

  for (guint i = 0; i < table->values->len; i++)
    if (g_ptr_array_index (table->values, i) != NULL)
      bytes += (gsize) table->time_s->len * sizeof (double);

  return bytes;
}

const char *
hs_sample_source_to_string (HsSampleSource source)
{
  g_return_val_if_fail (source < HS_N_SAMPLE_SOURCES, NULL);

  return source_names[source];
}

gboolean
hs_sample_source_from_string (const char     *name,
                              HsSampleSource *source)
{
  for (guint i = 0; i < HS_N_SAMPLE_SOURCES; i++)
    if (g_strcmp0 (name, source_names[i]) == 0)
      {
        *source = (HsSampleSource) i;
        return TRUE;
      }

  return FALSE;
}
