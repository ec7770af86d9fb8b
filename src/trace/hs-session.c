/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session.c: replays a session file's records into a trace, in the order they were recorded. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hs-json.h"
#include "hs-session.h"
#include "hs-session-writer.h"
#include "hs-trace-reader.h"

#define MAGIC "{\"heapscope-session\":"

typedef struct
{
  const char     *name;
  guint           line;
  HsTrace        *trace;
  HsTraceReader  *reader;
  HsSampleTable  *samples;     /* waiting to be appended in one batch */
  HsTraceStore   *cycles;      /* polled cycles waiting, appended before the next lines */
  HsSessionInfo  *info;
  JsonParser     *parser;      /* one for every line: making one costs more than a line */
  guint64         n_samples;
  guint64         n_cycles;
  guint64         n_bytes;
} Loader;

static void
session_source_free (gpointer data)
{
  HsSessionSource *source = data;

  g_free (source->kind);
  g_free (source->detail);
  g_free (source);
}

void
hs_session_info_free (HsSessionInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_clear_pointer (&info->sources, g_ptr_array_unref);
  g_free (info);
}

/* Whether @data (the start of a file) is a session file rather than a trace. */
gboolean
hs_session_sniff (const char *data,
                  gsize       len)
{
  return len >= strlen (MAGIC) && memcmp (data, MAGIC, strlen (MAGIC)) == 0;
}

/* Without a name (the trace loader's callers say which file), only the line is named. */
static gboolean
bad_record (Loader      *loader,
            GError     **error,
            const char  *what)
{
  if (loader->name != NULL)
    /* TRANSLATORS: "FILE: line 12: a sample needs a number “t”" */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: line %u: %s"), loader->name, loader->line, what);
  else
    /* TRANSLATORS: "line 12: a sample needs a number “t”" */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %u: %s"), loader->line, what);
  return FALSE;
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_uint (JsonObject *object,
          const char *member,
          guint64    *value)
{
  gint64 v;

  if (!get_int (object, member, &v) || v < 0)
    return FALSE;

  *value = (guint64) v;
  return TRUE;
}

static gboolean
get_uint_array (JsonObject *object,
                const char *member,
                guint64    *values,
                guint       n)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          json_node_get_int (element) < 0)
        return FALSE;
      values[i] = (guint64) json_node_get_int (element);
    }

  return TRUE;
}

static void
flush_cycles (Loader *loader)
{
  if (hs_trace_store_get_n_cycles (loader->cycles) == 0)
    return;

  hs_trace_append_store (loader->trace, loader->cycles, 0);
  hs_trace_store_free (loader->cycles);
  loader->cycles = hs_trace_store_new ();
}

static gboolean
read_header (Loader      *loader,
             JsonObject  *object,
             GError     **error)
{
  gint64 version;
  JsonNode *name;

  if (!get_int (object, "heapscope-session", &version))
    return bad_record (loader, error, _("this is not a Heapscope session file"));
  if (version != HS_SESSION_FORMAT_VERSION)
    {
      g_autofree char *what =
        g_strdup_printf (_("the session format version %" PRId64 " is not known to this Heapscope, which reads version %d"),
                         version, HS_SESSION_FORMAT_VERSION);

      if (loader->name != NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s: %s", loader->name, what);
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, what);
      return FALSE;
    }

  loader->info->version = (guint) version;
  name = json_object_get_member (object, "name");
  if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
    loader->info->name = g_strdup (json_node_get_string (name));
  get_int (object, "created_unix_us", &loader->info->created_unix_us);

  return TRUE;
}

static gboolean
read_sample (Loader      *loader,
             JsonObject  *sample,
             GError     **error)
{
  JsonNode *values_node = json_object_get_member (sample, "values");
  JsonNode *source_node = json_object_get_member (sample, "source");
  g_autoptr(GList) names = NULL;
  HsSampleSource source;
  JsonObject *values;
  gint64 wall_us;
  double t;
  guint row;

  if (!hs_json_node_get_number (json_object_get_member (sample, "t"), &t))
    return bad_record (loader, error, _("a sample needs a number “t”"));
  if (!get_int (sample, "wall_us", &wall_us))
    return bad_record (loader, error, _("a sample needs an integer “wall_us”"));
  if (source_node == NULL || !JSON_NODE_HOLDS_VALUE (source_node) ||
      json_node_get_value_type (source_node) != G_TYPE_STRING ||
      !hs_sample_source_from_string (json_node_get_string (source_node), &source))
    return bad_record (loader, error, _("a sample needs a “source”: proc, expvar or metrics"));
  if (values_node == NULL || !JSON_NODE_HOLDS_OBJECT (values_node))
    return bad_record (loader, error, _("a sample needs an object “values”"));

  row = hs_sample_table_append_row (loader->samples, t, wall_us, source);
  values = json_node_get_object (values_node);
  names = json_object_get_members (values);
  for (GList *l = names; l != NULL; l = l->next)
    {
      double value;

      if (!hs_json_node_get_number (json_object_get_member (values, l->data), &value))
        return bad_record (loader, error, _("a sample value must be a number"));
      hs_sample_table_set_value (loader->samples, row, hs_sample_table_intern_field (loader->samples, l->data), value);
    }

  loader->n_samples++;
  return TRUE;
}

static gboolean
read_cycle (Loader      *loader,
            JsonObject  *cycle,
            GError     **error)
{
  HsGcRecord record = { 0 };
  JsonNode *new_run = json_object_get_member (cycle, "new_run");
  guint64 flags;
  gint64 wall_us;

  if (!get_uint (cycle, "number", &record.number) ||
      !get_uint (cycle, "time_ms", &record.time_ms) ||
      !get_int (cycle, "wall_us", &wall_us) ||
      !get_uint (cycle, "flags", &flags) ||
      !get_uint (cycle, "cpu_percent", &record.cpu_percent) ||
      !get_uint_array (cycle, "clock_us", record.clock_us, HS_N_CLOCK) ||
      !get_uint_array (cycle, "cpu_us", record.cpu_us, HS_N_CPU) ||
      !get_uint (cycle, "heap_before_mb", &record.heap_before_mb) ||
      !get_uint (cycle, "heap_after_mb", &record.heap_after_mb) ||
      !get_uint (cycle, "heap_live_mb", &record.heap_live_mb) ||
      !get_uint (cycle, "heap_goal_mb", &record.heap_goal_mb) ||
      !get_uint (cycle, "stacks_mb", &record.stacks_mb) ||
      !get_uint (cycle, "globals_mb", &record.globals_mb) ||
      !get_uint (cycle, "procs", &record.procs) ||
      new_run == NULL || !JSON_NODE_HOLDS_VALUE (new_run) ||
      json_node_get_value_type (new_run) != G_TYPE_BOOLEAN)
    return bad_record (loader, error, _("a cycle lacks a field or has one of the wrong type"));

  record.flags = (guint) flags & ~(guint) HS_GC_FLAG_NEW_RUN;
  if (json_node_get_boolean (new_run))
    {
      guint64 row = hs_trace_store_get_n_cycles (loader->cycles);

      g_array_append_val (loader->cycles->run_starts, row);
    }
  hs_trace_store_append_gc (loader->cycles, &record, 0, wall_us, 0);

  loader->n_cycles++;
  return TRUE;
}

static gboolean
read_lines (Loader      *loader,
            JsonNode    *node,
            gboolean     base64,
            GError     **error)
{
  const char *text;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return bad_record (loader, error, _("“lines” must be a string"));

  /* the cycles polled before these lines came before their cycles */
  flush_cycles (loader);

  text = json_node_get_string (node);
  if (base64)
    {
      gsize len;
      g_autofree guchar *data = g_base64_decode (text, &len);

      hs_trace_reader_feed (loader->reader, (const char *) data, len);
      loader->n_bytes += len;
    }
  else
    {
      hs_trace_reader_feed (loader->reader, text, strlen (text));
      loader->n_bytes += strlen (text);
    }

  return TRUE;
}

static gboolean
read_end (Loader      *loader,
          JsonObject  *end,
          GError     **error)
{
  guint64 samples, cycles, bytes;

  if (!get_uint (end, "samples", &samples) || !get_uint (end, "cycles", &cycles) ||
      !get_uint (end, "bytes", &bytes))
    return bad_record (loader, error, _("the end record needs the counts “samples”, “cycles” and “bytes”"));

  if (samples != loader->n_samples || cycles != loader->n_cycles || bytes != loader->n_bytes)
    return bad_record (loader, error, _("the end record counts other records than the file holds: it is damaged"));

  loader->info->complete = TRUE;
  return TRUE;
}

static gboolean
read_record (Loader      *loader,
             const char  *text,
             gsize        len,
             GError     **error)
{
  JsonParser *parser = loader->parser;
  g_autoptr(GError) json_error = NULL;
  JsonObject *object;
  JsonNode *root, *node;

  if (!json_parser_load_from_data (parser, text, (gssize) len, &json_error))
    {
      g_autofree char *what = g_strdup_printf (_("not a JSON record (%s)"), json_error->message);

      return bad_record (loader, error, what);
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_record (loader, error, _("a record must be a JSON object"));
  object = json_node_get_object (root);

  if (loader->line == 1)
    return read_header (loader, object, error);

  if (loader->info->complete)
    return bad_record (loader, error, _("there are records after the end record"));

  if ((node = json_object_get_member (object, "lines")) != NULL)
    return read_lines (loader, node, FALSE, error);
  if ((node = json_object_get_member (object, "lines_base64")) != NULL)
    return read_lines (loader, node, TRUE, error);

  if ((node = json_object_get_member (object, "sample")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_record (loader, error, _("“sample” must be an object"));
      return read_sample (loader, json_node_get_object (node), error);
    }

  if ((node = json_object_get_member (object, "cycle")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_record (loader, error, _("“cycle” must be an object"));
      return read_cycle (loader, json_node_get_object (node), error);
    }

  if ((node = json_object_get_member (object, "source")) != NULL)
    {
      HsSessionSource *source;
      JsonObject *s;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_record (loader, error, _("“source” must be an object"));
      s = json_node_get_object (node);
      source = g_new0 (HsSessionSource, 1);
      source->kind = g_strdup (json_object_get_string_member_with_default (s, "kind", ""));
      source->detail = g_strdup (json_object_get_string_member_with_default (s, "detail", ""));
      g_ptr_array_add (loader->info->sources, source);
      return TRUE;
    }

  if ((node = json_object_get_member (object, "end")) != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_record (loader, error, _("“end” must be an object"));
      return read_end (loader, json_node_get_object (node), error);
    }

  /* a record of a later revision of version 1: skipped */
  return TRUE;
}

static void
loader_clear (Loader *loader)
{
  g_clear_object (&loader->parser);
  g_clear_object (&loader->reader);
  g_clear_object (&loader->trace);
  g_clear_pointer (&loader->samples, hs_sample_table_free);
  g_clear_pointer (&loader->cycles, hs_trace_store_free);
  g_clear_pointer (&loader->info, hs_session_info_free);
}

/*
 * Replays a whole session file: trace lines go through a reader exactly as they were read
 * live, polled cycles and samples are appended as they were recorded. The trace is made
 * here and touched by nobody else until it is returned, so this may run on any thread.
 * Errors name @display_name, or only the line when it is NULL.
 */
HsTrace *
hs_session_load_data (const char     *text,
                      gsize           len,
                      const char     *display_name,
                      HsSessionInfo **info,
                      GCancellable   *cancellable,
                      GError        **error)
{
  Loader loader = { 0 };
  const char *p = text;
  const char *end = text + len;
  HsTrace *trace;

  loader.name = display_name;
  loader.trace = hs_trace_new (display_name != NULL ? display_name : "");
  loader.reader = hs_trace_reader_new (loader.trace);
  loader.parser = json_parser_new_immutable ();
  loader.samples = hs_sample_table_new ();
  loader.cycles = hs_trace_store_new ();
  loader.info = g_new0 (HsSessionInfo, 1);
  loader.info->sources = g_ptr_array_new_with_free_func (session_source_free);

  if (!hs_session_sniff (text, len))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: this is not a Heapscope session file"),
                   display_name != NULL ? display_name : "");
      loader_clear (&loader);
      return NULL;
    }

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *line_end = nl != NULL ? nl : end;
      GError *local_error = NULL;

      /* a look every 1024 records: a big session can be put down halfway */
      if ((loader.line & 1023) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          loader_clear (&loader);
          return NULL;
        }

      loader.line++;
      if (!read_record (&loader, p, (gsize) (line_end - p), &local_error))
        {
          /* a last line without its newline that does not read: a recording cut mid-write */
          if (nl == NULL && loader.line > 1)
            {
              g_clear_error (&local_error);
              break;
            }
          g_propagate_error (error, local_error);
          loader_clear (&loader);
          return NULL;
        }

      p = nl != NULL ? nl + 1 : end;
    }

  flush_cycles (&loader);
  hs_trace_reader_finish (loader.reader);
  hs_trace_append_samples (loader.trace, loader.samples);

  if (info != NULL)
    *info = g_steal_pointer (&loader.info);
  trace = g_steal_pointer (&loader.trace);
  loader_clear (&loader);

  return trace;
}

HsTrace *
hs_session_load_stream (GInputStream   *stream,
                        const char     *display_name,
                        HsSessionInfo **info,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  if (g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, cancellable, &local_error) < 0)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", display_name, local_error->message);
      return NULL;
    }

  len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  return hs_session_load_data (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)), len, display_name,
                               info, cancellable, error);
}

/* Opens a session file; @info (optional) gets its header, sources and completeness. */
HsTrace *
hs_session_load (GFile          *file,
                 HsSessionInfo **info,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  display_name = g_file_get_parse_name (file);
  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", display_name, local_error->message);
      return NULL;
    }

  return hs_session_load_data (contents, len, display_name, info, cancellable, error);
}
