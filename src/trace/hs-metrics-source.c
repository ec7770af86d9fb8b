/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-metrics-source.c: go_memstats_* and go_gc_* from Prometheus text into samples and GC cycles. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hs-metrics-source.h"
#include "hs-http-source-private.h"
#include "hs-prom-parser.h"

struct _HsMetricsSource
{
  HsHttpSource parent_instance;

  gboolean     seen;            /* an answer with the GC summary was read */
  guint64      last_count;      /* go_gc_duration_seconds_count */
  double       last_sum_s;      /* go_gc_duration_seconds_sum */
  double       last_gc_s;       /* go_memstats_last_gc_time_seconds, or NAN */
  gint64       last_wall_us;
  gboolean     restarted;
};

G_DEFINE_FINAL_TYPE (HsMetricsSource, hs_metrics_source, HS_TYPE_HTTP_SOURCE)

static const struct {
  const char *name;
  guint       field;
} memstats_metrics[] = {
  { "go_memstats_heap_alloc_bytes", HS_SAMPLE_FIELD_HEAP_ALLOC },
  { "go_memstats_heap_inuse_bytes", HS_SAMPLE_FIELD_HEAP_INUSE },
  { "go_memstats_heap_idle_bytes", HS_SAMPLE_FIELD_HEAP_IDLE },
  { "go_memstats_heap_released_bytes", HS_SAMPLE_FIELD_HEAP_RELEASED },
  { "go_memstats_heap_sys_bytes", HS_SAMPLE_FIELD_HEAP_SYS },
  { "go_memstats_sys_bytes", HS_SAMPLE_FIELD_SYS },
  { "go_memstats_next_gc_bytes", HS_SAMPLE_FIELD_NEXT_GC },
  { "go_memstats_gc_cpu_fraction", HS_SAMPLE_FIELD_GC_CPU_FRACTION },
  { "go_gc_duration_seconds_count", HS_SAMPLE_FIELD_NUM_GC },
};

/*
 * Other memory and GC values, kept under their own name: go_memstats_* not mapped above,
 * go_gc_* (runtime/metrics: heap goal, GOGC, memory limit …) and go_memory_classes_*.
 * Labelled samples (histogram buckets, quantiles) are not: a name must say what it is.
 */
static gboolean
is_extra_metric (const HsPromSample *sample)
{
  const char *name = sample->name;

  if (sample->labels != NULL)
    return FALSE;
  if (!g_str_has_prefix (name, "go_memstats_") && !g_str_has_prefix (name, "go_gc_") &&
      !g_str_has_prefix (name, "go_memory_classes_"))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (memstats_metrics); i++)
    if (strcmp (name, memstats_metrics[i].name) == 0)
      return FALSE;

  return TRUE;
}

static double
find_value (const HsPromSet *set,
            const char      *name)
{
  const HsPromSample *sample = hs_prom_set_find (set, name, NULL, NULL);

  return sample != NULL ? sample->value : NAN;
}

static void
add_samples (HsMetricsSource *self,
             const HsPromSet *set,
             gint64           wall_time_us)
{
  HsHttpSource *source = HS_HTTP_SOURCE (self);
  g_autoptr(HsSampleTable) batch = hs_sample_table_new ();
  guint row;

  row = hs_sample_table_append_row (batch, _hs_http_source_time (source, wall_time_us), wall_time_us,
                                    HS_SAMPLE_SOURCE_METRICS);

  for (guint i = 0; i < G_N_ELEMENTS (memstats_metrics); i++)
    {
      double value = find_value (set, memstats_metrics[i].name);

      if (!isnan (value))
        hs_sample_table_set_value (batch, row, memstats_metrics[i].field, value);
    }

  for (guint i = 0; i < set->samples->len; i++)
    {
      const HsPromSample *sample = &g_array_index (set->samples, HsPromSample, i);
      const char *quantile;

      if (is_extra_metric (sample))
        {
          hs_sample_table_set_value (batch, row, hs_sample_table_intern_field (batch, sample->name),
                                     sample->value);
        }
      else if (strcmp (sample->name, "go_gc_duration_seconds") == 0 &&
               (quantile = hs_prom_sample_get_label (sample, "quantile")) != NULL)
        {
          g_autofree char *name = g_strdup_printf ("go_gc_duration_seconds{quantile=\"%s\"}", quantile);

          hs_sample_table_set_value (batch, row, hs_sample_table_intern_field (batch, name), sample->value);
        }
    }

  hs_trace_append_samples (hs_http_source_get_trace (source), batch);
}

/*
 * The summary's count and sum say how many cycles ended since the last poll and how long
 * they paused in all; go_memstats_last_gc_time_seconds says when the last one ended. One
 * new cycle is exact; of several, the earlier ones get times spread evenly since the last
 * known end, and each the mean pause, flagged as such.
 */
static void
add_cycles (HsMetricsSource *self,
            const HsPromSet *set,
            gint64           wall_time_us)
{
  double count_value = find_value (set, "go_gc_duration_seconds_count");
  double sum_s = find_value (set, "go_gc_duration_seconds_sum");
  double last_gc_s = find_value (set, "go_memstats_last_gc_time_seconds");
  g_autoptr(GArray) cycles = NULL;
  guint64 count, first, n;
  double pause_ns, from_us, to_us;
  guint flags = 0;

  if (isnan (count_value) || isnan (sum_s) || count_value < 0)
    return;
  count = (guint64) count_value;

  if (self->seen && count < self->last_count)
    {
      /* the program restarted: its cycles count from 1 again */
      self->restarted = TRUE;
      self->last_count = 0;
      self->last_sum_s = 0;
      self->last_gc_s = NAN;
    }

  if (!self->seen || count == self->last_count)
    goto remember;

  first = self->last_count + 1;
  n = count - self->last_count;
  pause_ns = MAX (sum_s - self->last_sum_s, 0.0) * 1e9 / (double) n;
  to_us = !isnan (last_gc_s) && last_gc_s > 0 ? last_gc_s * 1e6 : (double) wall_time_us;
  from_us = !isnan (self->last_gc_s) && self->last_gc_s > 0 ? self->last_gc_s * 1e6 : (double) self->last_wall_us;
  /* our clock and the server's may disagree: the spread never runs backwards */
  from_us = MIN (from_us, to_us);
  if (n > 1)
    flags |= HS_GC_FLAG_PAUSE_AVERAGED;

  cycles = g_array_new (FALSE, FALSE, sizeof (HsSampledCycle));
  for (guint64 i = 1; i <= n; i++)
    {
      HsSampledCycle cycle = { 0 };

      cycle.number = first + i - 1;
      cycle.end_us = (gint64) llround (from_us + (to_us - from_us) * (double) i / (double) n);
      cycle.pause_ns = (guint64) llround (pause_ns);
      cycle.flags = flags;
      if (i < n || isnan (last_gc_s) || last_gc_s <= 0)
        cycle.flags |= HS_GC_FLAG_TIME_ESTIMATED;
      g_array_append_val (cycles, cycle);
    }
  _hs_http_source_append_cycles (HS_HTTP_SOURCE (self), (HsSampledCycle *) (gpointer) cycles->data,
                                 cycles->len, self->restarted);
  self->restarted = FALSE;

remember:
  self->seen = TRUE;
  self->last_count = count;
  self->last_sum_s = sum_s;
  self->last_gc_s = last_gc_s;
  self->last_wall_us = wall_time_us;
}

static gboolean
hs_metrics_source_read_answer (HsHttpSource  *source,
                               GBytes        *body,
                               gint64         wall_time_us,
                               GError       **error)
{
  HsMetricsSource *self = HS_METRICS_SOURCE (source);
  g_autoptr(HsPromSet) set = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean has_go = FALSE;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  set = hs_prom_parse (data != NULL ? data : "", len, &parse_error);
  if (set == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not Prometheus text metrics (%s)"),
                   parse_error->message);
      return FALSE;
    }

  for (guint i = 0; i < set->samples->len && !has_go; i++)
    {
      const char *name = g_array_index (set->samples, HsPromSample, i).name;

      has_go = g_str_has_prefix (name, "go_memstats_") || g_str_has_prefix (name, "go_gc_") ||
               g_str_has_prefix (name, "go_memory_classes_");
    }
  if (!has_go)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it has no Go memory metrics (go_memstats_*, go_gc_*): is this a Go program’s /metrics?"));
      return FALSE;
    }

  _hs_http_source_ensure_origin (source, wall_time_us);
  add_cycles (self, set, wall_time_us);
  add_samples (self, set, wall_time_us);

  return TRUE;
}

static void
hs_metrics_source_class_init (HsMetricsSourceClass *klass)
{
  HsHttpSourceClass *source_class = HS_HTTP_SOURCE_CLASS (klass);

  /* the text format: a client that negotiates would otherwise answer in protobuf */
  source_class->accept = "text/plain;version=0.0.4;q=1,*/*;q=0.1";
  source_class->read_answer = hs_metrics_source_read_answer;
}

static void
hs_metrics_source_init (HsMetricsSource *self)
{
  self->last_gc_s = NAN;
}

/* @url: the whole URL of the endpoint, as http://host:port/metrics */
HsMetricsSource *
hs_metrics_source_new (HsTrace     *trace,
                       const char  *url,
                       GError     **error)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  if (!hs_http_source_check_url (url, error))
    return NULL;

  return g_object_new (HS_TYPE_METRICS_SOURCE, "trace", trace, "url", url, NULL);
}
