/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-sample-table.h: the columns of memory samples taken from /proc, expvar and Prometheus. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where a sample came from. */
typedef enum
{
  HS_SAMPLE_SOURCE_PROC,      /* /proc/PID/status and smaps_rollup */
  HS_SAMPLE_SOURCE_EXPVAR,    /* Go expvar /debug/vars memstats */
  HS_SAMPLE_SOURCE_METRICS,   /* Prometheus text exposition of the Go client */
  HS_N_SAMPLE_SOURCES
} HsSampleSource;

/*
 * Values every table knows, by id. Other names (go_memory_classes_*, go_gc_heap_goal_bytes …)
 * get ids after these when first seen. Memory values are bytes; the fraction is 0–1.
 */
typedef enum
{
  HS_SAMPLE_FIELD_RSS,               /* VmRSS: RES in top/htop */
  HS_SAMPLE_FIELD_RSS_ANON,          /* RssAnon */
  HS_SAMPLE_FIELD_RSS_FILE,          /* RssFile (+ RssShmem is not included) */
  HS_SAMPLE_FIELD_VM_SIZE,           /* VmSize: VIRT */
  HS_SAMPLE_FIELD_HEAP_ALLOC,
  HS_SAMPLE_FIELD_HEAP_INUSE,
  HS_SAMPLE_FIELD_HEAP_IDLE,
  HS_SAMPLE_FIELD_HEAP_RELEASED,
  HS_SAMPLE_FIELD_HEAP_SYS,
  HS_SAMPLE_FIELD_SYS,
  HS_SAMPLE_FIELD_NEXT_GC,
  HS_SAMPLE_FIELD_GC_CPU_FRACTION,
  HS_SAMPLE_FIELD_NUM_GC,            /* GC cycles completed so far, as the runtime counts */
  HS_N_SAMPLE_FIELDS
} HsSampleField;

/*
 * Columnar, append-only. Row i of every column is sample i. A value column is allocated on
 * its first value, so a table of /proc samples holds no expvar columns; rows without a
 * value hold NAN.
 */
typedef struct
{
  GArray     *time_s;        /* double: s on the trace's axis */
  GArray     *wall_time_us;  /* gint64: Unix time in µs */
  GArray     *source;        /* guint8: HsSampleSource */
  GPtrArray  *names;         /* field id → name */
  GPtrArray  *values;        /* field id → GArray of double, or NULL */
  GHashTable *ids;           /* name → id + 1 */
} HsSampleTable;

void         hs_sample_table_init          (HsSampleTable       *table);
void         hs_sample_table_clear         (HsSampleTable       *table);
HsSampleTable *hs_sample_table_new         (void);
void         hs_sample_table_free          (HsSampleTable       *table);

guint        hs_sample_table_get_n_rows    (const HsSampleTable *table);
guint        hs_sample_table_append_row    (HsSampleTable       *table,
                                            double               time_s,
                                            gint64               wall_time_us,
                                            HsSampleSource       source);
void         hs_sample_table_set_value     (HsSampleTable       *table,
                                            guint                row,
                                            guint                field,
                                            double               value);
double       hs_sample_table_get_value     (const HsSampleTable *table,
                                            guint                field,
                                            guint                row);
double       hs_sample_table_get_time      (const HsSampleTable *table,
                                            guint                row);
gint64       hs_sample_table_get_wall_time (const HsSampleTable *table,
                                            guint                row);
HsSampleSource hs_sample_table_get_source  (const HsSampleTable *table,
                                            guint                row);

guint        hs_sample_table_intern_field  (HsSampleTable       *table,
                                            const char          *name);
int          hs_sample_table_lookup_field  (const HsSampleTable *table,
                                            const char          *name);
guint        hs_sample_table_get_n_fields  (const HsSampleTable *table);
const char  *hs_sample_table_get_field_name (const HsSampleTable *table,
                                            guint                field);
gboolean     hs_sample_table_has_field     (const HsSampleTable *table,
                                            guint                field);

void         hs_sample_table_append_table  (HsSampleTable       *table,
                                            const HsSampleTable *other);
void         hs_sample_table_append_rows   (HsSampleTable       *table,
                                            const HsSampleTable *other,
                                            guint                from,
                                            guint                n);
gsize        hs_sample_table_get_memory    (const HsSampleTable *table);

const char  *hs_sample_source_to_string    (HsSampleSource       source);
gboolean     hs_sample_source_from_string  (const char          *name,
                                            HsSampleSource      *source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsSampleTable, hs_sample_table_free)

G_END_DECLS
