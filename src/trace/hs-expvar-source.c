/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-expvar-source.c: reads runtime.MemStats from expvar JSON; the PauseEnd ring gives exact GC cycles. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hs-expvar-source.h"
#include "hs-json.h"
#include "hs-http-source-private.h"

struct _HsExpvarSource
{
  HsHttpSource parent_instance;

  gboolean     seen;           /* an answer was read */
  guint64      last_num_gc;
  gint64       last_end_ns;    /* PauseEnd of cycle last_num_gc: tells a restart apart */
};

G_DEFINE_FINAL_TYPE (HsExpvarSource, hs_expvar_source, HS_TYPE_HTTP_SOURCE)

static const struct {
  const char *name;
  guint       field;
} memstats_fields[] = {
  { "HeapAlloc", HS_SAMPLE_FIELD_HEAP_ALLOC },
  { "HeapInuse", HS_SAMPLE_FIELD_HEAP_INUSE },
  { "HeapIdle", HS_SAMPLE_FIELD_HEAP_IDLE },
  { "HeapReleased", HS_SAMPLE_FIELD_HEAP_RELEASED },
  { "HeapSys", HS_SAMPLE_FIELD_HEAP_SYS },
  { "Sys", HS_SAMPLE_FIELD_SYS },
  { "NextGC", HS_SAMPLE_FIELD_NEXT_GC },
  { "GCCPUFraction", HS_SAMPLE_FIELD_GC_CPU_FRACTION },
  { "NumGC", HS_SAMPLE_FIELD_NUM_GC },
};

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *value)
{
  return hs_json_node_get_number (json_object_get_member (object, name), value);
}

/* PauseNs and PauseEnd: 256 unsigned integers each */
static JsonArray *
get_ring (JsonObject *memstats,
          const char *name)
{
  JsonNode *node = json_object_get_member (memstats, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  if (json_array_get_length (array) != HS_EXPVAR_RING_SIZE)
    return NULL;

  for (guint i = 0; i < HS_EXPVAR_RING_SIZE; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          json_node_get_int (element) < 0)
        return NULL;
    }

  return array;
}

/* The ring entry of cycle @number (counting from 1): the most recent is at (NumGC + 255) % 256. */
static gint64
ring_get (JsonArray *ring,
          guint64    number)
{
  return json_array_get_int_element (ring, (guint) ((number + HS_EXPVAR_RING_SIZE - 1) % HS_EXPVAR_RING_SIZE));
}

static gboolean
is_mapped (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (memstats_fields); i++)
    if (strcmp (name, memstats_fields[i].name) == 0)
      return TRUE;

  return FALSE;
}

/*
 * The other numbers of runtime.MemStats (StackInuse, GCSys, Mallocs, PauseTotalNs …) as
 * "memstats.NAME", for tables; arrays (the rings, BySize) are not samples.
 */
static void
add_other_memstats (HsSampleTable *batch,
                    guint          row,
                    JsonObject    *memstats)
{
  g_autoptr(GList) names = json_object_get_members (memstats);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *field = NULL;
      double value;

      if (is_mapped (l->data) || !get_number (memstats, l->data, &value))
        continue;
      field = g_strconcat ("memstats.", l->data, NULL);
      hs_sample_table_set_value (batch, row, hs_sample_table_intern_field (batch, field), value);
    }
}

static gboolean
hs_expvar_source_read_answer (HsHttpSource  *source,
                              GBytes        *body,
                              gint64         wall_time_us,
                              GError       **error)
{
  HsExpvarSource *self = HS_EXPVAR_SOURCE (source);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(HsSampleTable) batch = NULL;
  g_autoptr(GArray) cycles = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonArray *pause_ns, *pause_end;
  JsonObject *memstats;
  JsonNode *root, *node;
  gboolean restarted = FALSE;
  guint64 first, num_gc;
  double value;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  guint row;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) len, &json_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("it is not JSON (%s)"), json_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  node = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ?
         json_object_get_member (json_node_get_object (root), "memstats") : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("it has no “memstats”: is this a Go program’s /debug/vars?"));
      return FALSE;
    }
  memstats = json_node_get_object (node);

  pause_ns = get_ring (memstats, "PauseNs");
  pause_end = get_ring (memstats, "PauseEnd");
  if (!get_number (memstats, "NumGC", &value) || value < 0 || pause_ns == NULL || pause_end == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("its memstats lack NumGC, PauseNs or PauseEnd (256 numbers each)"));
      return FALSE;
    }
  num_gc = (guint64) value;

  /* a new process: fewer cycles than before, or another end time for the last one seen */
  if (self->seen &&
      (num_gc < self->last_num_gc ||
       (self->last_num_gc > 0 && num_gc - self->last_num_gc < HS_EXPVAR_RING_SIZE &&
        ring_get (pause_end, self->last_num_gc) != self->last_end_ns)))
    restarted = TRUE;

  /* the first answer brings the cycles the runtime still remembers */
  first = self->seen && !restarted ? self->last_num_gc + 1 : 1;
  if (num_gc >= HS_EXPVAR_RING_SIZE && first + HS_EXPVAR_RING_SIZE <= num_gc)
    {
      guint64 oldest = num_gc - HS_EXPVAR_RING_SIZE + 1;

      /* history before the first answer was not lost; cycles between two polls were */
      if (self->seen)
        _hs_http_source_add_lost (source, oldest - first);
      first = oldest;
    }

  cycles = g_array_new (FALSE, FALSE, sizeof (HsSampledCycle));
  for (guint64 n = first; n <= num_gc; n++)
    {
      HsSampledCycle cycle = { 0 };

      cycle.number = n;
      cycle.end_us = ring_get (pause_end, n) / 1000;
      cycle.pause_ns = (guint64) ring_get (pause_ns, n);
      g_array_append_val (cycles, cycle);
    }

  /* the axis starts with the first answer, or with the oldest cycle it remembers */
  if (cycles->len > 0)
    _hs_http_source_ensure_origin (source, MIN (wall_time_us, g_array_index (cycles, HsSampledCycle, 0).end_us));
  _hs_http_source_append_cycles (source, (HsSampledCycle *) (gpointer) cycles->data, cycles->len, restarted);

  batch = hs_sample_table_new ();
  row = hs_sample_table_append_row (batch, _hs_http_source_time (source, wall_time_us), wall_time_us,
                                    HS_SAMPLE_SOURCE_EXPVAR);
  for (guint i = 0; i < G_N_ELEMENTS (memstats_fields); i++)
    if (get_number (memstats, memstats_fields[i].name, &value))
      hs_sample_table_set_value (batch, row, memstats_fields[i].field, value);
  add_other_memstats (batch, row, memstats);
  hs_trace_append_samples (hs_http_source_get_trace (source), batch);

  self->seen = TRUE;
  self->last_num_gc = num_gc;
  self->last_end_ns = num_gc > 0 ? ring_get (pause_end, num_gc) : 0;

  return TRUE;
}

static void
hs_expvar_source_class_init (HsExpvarSourceClass *klass)
{
  HsHttpSourceClass *source_class = HS_HTTP_SOURCE_CLASS (klass);

  source_class->accept = "application/json";
  source_class->read_answer = hs_expvar_source_read_answer;
}

static void
hs_expvar_source_init (HsExpvarSource *self)
{
}

/* @url: the whole URL of the endpoint, as http://host:port/debug/vars */
HsExpvarSource *
hs_expvar_source_new (HsTrace     *trace,
                      const char  *url,
                      GError     **error)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  if (!hs_http_source_check_url (url, error))
    return NULL;

  return g_object_new (HS_TYPE_EXPVAR_SOURCE, "trace", trace, "url", url, NULL);
}
