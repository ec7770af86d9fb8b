/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session-writer.c: one JSON line per trace chunk, sample and polled cycle, as they arrive. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hs-session-writer.h"

struct _HsSessionWriter
{
  GObject        parent_instance;

  HsTrace       *trace;
  GOutputStream *stream;
  GError        *error;      /* the first write that failed: nothing is written after it */
  gboolean       closed;
  guint64        n_samples;
  guint64        n_cycles;
  guint64        n_bytes;
};

G_DEFINE_FINAL_TYPE (HsSessionWriter, hs_session_writer, G_TYPE_OBJECT)

static void
hs_session_writer_dispose (GObject *object)
{
  HsSessionWriter *self = (HsSessionWriter *) object;

  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (hs_session_writer_parent_class)->dispose (object);
}

static void
hs_session_writer_finalize (GObject *object)
{
  HsSessionWriter *self = (HsSessionWriter *) object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (hs_session_writer_parent_class)->finalize (object);
}

static void
hs_session_writer_class_init (HsSessionWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_session_writer_dispose;
  object_class->finalize = hs_session_writer_finalize;
}

static void
hs_session_writer_init (HsSessionWriter *self)
{
}

/* One record as it is written: compact JSON and its newline. */
static char *
record_to_line (JsonBuilder *builder,
                gsize       *len)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize text_len;
  char *line;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &text_len);
  line = g_malloc (text_len + 2);
  memcpy (line, text, text_len);
  line[text_len] = '\n';
  line[text_len + 1] = '\0';
  *len = text_len + 1;

  return line;
}

/* Writes one record as a line; after a failure, nothing more. */
static void
write_record (HsSessionWriter *self,
              JsonBuilder     *builder)
{
  g_autofree char *line = NULL;
  gsize len;
  GError *error = NULL;

  if (self->error != NULL || self->closed)
    return;

  line = record_to_line (builder, &len);
  if (!g_output_stream_write_all (self->stream, line, len, NULL, NULL, &error))
    self->error = error;
}

/* Non-finite values are not JSON numbers: they are written as the Prometheus spellings. */
static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (isnan (value))
    json_builder_add_string_value (builder, "NaN");
  else if (isinf (value))
    json_builder_add_string_value (builder, value > 0 ? "+Inf" : "-Inf");
  else
    json_builder_add_double_value (builder, value);
}

static void
add_uint_member (JsonBuilder *builder,
                 const char  *name,
                 guint64      value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, (gint64) MIN (value, (guint64) G_MAXINT64));
}

static void
write_sample (HsSessionWriter *self,
              guint            sample)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_fields = hs_trace_get_n_sample_fields (self->trace);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sample");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "t");
  add_number (builder, hs_trace_get_sample_time (self->trace, sample));
  json_builder_set_member_name (builder, "wall_us");
  json_builder_add_int_value (builder, hs_trace_get_sample_wall_time (self->trace, sample));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, hs_sample_source_to_string (hs_trace_get_sample_source (self->trace, sample)));
  json_builder_set_member_name (builder, "values");
  json_builder_begin_object (builder);
  for (guint f = 0; f < n_fields; f++)
    {
      double value;

      if (!hs_trace_has_sample_field (self->trace, f))
        continue;
      value = hs_trace_get_sample_value (self->trace, f, sample);
      /* an absent value is NAN in the table and absent in the file */
      if (isnan (value))
        continue;
      json_builder_set_member_name (builder, hs_trace_get_sample_field_name (self->trace, f));
      add_number (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  write_record (self, builder);
  self->n_samples++;
}

static void
write_cycle (HsSessionWriter *self,
             guint            cycle)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  HsGcRecord record;

  hs_trace_get_gc_record (self->trace, cycle, &record);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cycle");
  json_builder_begin_object (builder);
  add_uint_member (builder, "number", record.number);
  add_uint_member (builder, "time_ms", record.time_ms);
  json_builder_set_member_name (builder, "wall_us");
  json_builder_add_int_value (builder, hs_trace_get_gc_wall_time_us (self->trace, cycle));
  json_builder_set_member_name (builder, "new_run");
  json_builder_add_boolean_value (builder, (record.flags & HS_GC_FLAG_NEW_RUN) != 0 && cycle > 0);
  add_uint_member (builder, "flags", record.flags & ~(guint) HS_GC_FLAG_NEW_RUN);
  add_uint_member (builder, "cpu_percent", record.cpu_percent);
  json_builder_set_member_name (builder, "clock_us");
  json_builder_begin_array (builder);
  for (guint i = 0; i < HS_N_CLOCK; i++)
    json_builder_add_int_value (builder, (gint64) MIN (record.clock_us[i], (guint64) G_MAXINT64));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cpu_us");
  json_builder_begin_array (builder);
  for (guint i = 0; i < HS_N_CPU; i++)
    json_builder_add_int_value (builder, (gint64) MIN (record.cpu_us[i], (guint64) G_MAXINT64));
  json_builder_end_array (builder);
  add_uint_member (builder, "heap_before_mb", record.heap_before_mb);
  add_uint_member (builder, "heap_after_mb", record.heap_after_mb);
  add_uint_member (builder, "heap_live_mb", record.heap_live_mb);
  add_uint_member (builder, "heap_goal_mb", record.heap_goal_mb);
  add_uint_member (builder, "stacks_mb", record.stacks_mb);
  add_uint_member (builder, "globals_mb", record.globals_mb);
  add_uint_member (builder, "procs", record.procs);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  write_record (self, builder);
  self->n_cycles++;
}

static void
samples_appended_cb (HsSessionWriter *self,
                     guint            first,
                     guint            n,
                     HsTrace         *trace)
{
  for (guint i = 0; i < n; i++)
    write_sample (self, first + i);
}

/* Cycles read from lines come back from the lines: only polled ones are written. */
static void
items_appended_cb (HsSessionWriter *self,
                   guint            first_cycle,
                   guint            n_cycles,
                   guint            first_event,
                   guint            n_events,
                   HsTrace         *trace)
{
  for (guint i = 0; i < n_cycles; i++)
    if (hs_trace_get_gc_flags (self->trace, first_cycle + i) & HS_GC_FLAG_SAMPLED)
      write_cycle (self, first_cycle + i);
}

/*
 * Starts a session file on @stream: the header now, then every record as the trace gets
 * it. Samples and polled cycles the trace already holds are written at once; trace lines
 * must be handed over with hs_session_writer_add_lines() as they are read, so make the
 * writer when the session starts.
 */
HsSessionWriter *
hs_session_writer_new (HsTrace        *trace,
                       GOutputStream  *stream,
                       GError        **error)
{
  g_autoptr(HsSessionWriter) self = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *generator = g_strdup_printf ("heapscope %s", PACKAGE_VERSION);

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_object_new (HS_TYPE_SESSION_WRITER, NULL);
  self->trace = g_object_ref (trace);
  self->stream = g_object_ref (stream);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "heapscope-session");
  json_builder_add_int_value (builder, HS_SESSION_FORMAT_VERSION);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, hs_trace_get_name (trace) != NULL ? hs_trace_get_name (trace) : "");
  json_builder_set_member_name (builder, "created_unix_us");
  json_builder_add_int_value (builder, g_get_real_time ());
  json_builder_set_member_name (builder, "generator");
  json_builder_add_string_value (builder, generator);
  json_builder_end_object (builder);
  write_record (self, builder);

  for (guint i = 0; i < hs_trace_get_n_cycles (trace); i++)
    if (hs_trace_get_gc_flags (trace, i) & HS_GC_FLAG_SAMPLED)
      write_cycle (self, i);
  for (guint i = 0; i < hs_trace_get_n_samples (trace); i++)
    write_sample (self, i);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }

  g_signal_connect_object (trace, "samples-appended", G_CALLBACK (samples_appended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (trace, "items-appended", G_CALLBACK (items_appended_cb), self, G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

HsSessionWriter *
hs_session_writer_new_for_file (HsTrace  *trace,
                                GFile    *file,
                                GError  **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return NULL;

  return hs_session_writer_new (trace, G_OUTPUT_STREAM (stream), error);
}

/* @kind: file, pipe, run, pid, proc, expvar or metrics; @detail: path, command, PID or URL */
void
hs_session_writer_add_source (HsSessionWriter *self,
                              const char      *kind,
                              const char      *detail)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_if_fail (HS_IS_SESSION_WRITER (self));
  g_return_if_fail (kind != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, detail != NULL ? detail : "");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  write_record (self, builder);
}

/*
 * A `lines` record (or `lines_base64`, for bytes that are not a JSON string) of @data, with
 * its newline; for code that copies trace bytes into a session file itself.
 */
char *
hs_session_format_lines_record (const char *data,
                                 gsize       len,
                                 gsize      *record_len)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  /* JSON strings must be UTF-8, and a NUL (\u0000) would cut the C string read back */
  if (g_utf8_validate_len (data, len, NULL) && memchr (data, '\0', len) == NULL)
    {
      g_autofree char *text = g_strndup (data, len);

      json_builder_set_member_name (builder, "lines");
      json_builder_add_string_value (builder, text);
    }
  else
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) data, len);

      json_builder_set_member_name (builder, "lines_base64");
      json_builder_add_string_value (builder, encoded);
    }
  json_builder_end_object (builder);

  return record_to_line (builder, record_len);
}

/* The `end` record, with its newline, for the counts given. */
char *
hs_session_format_end_record (guint64  samples,
                              guint64  cycles,
                              guint64  bytes,
                              gsize   *record_len)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "end");
  json_builder_begin_object (builder);
  add_uint_member (builder, "samples", samples);
  add_uint_member (builder, "cycles", cycles);
  add_uint_member (builder, "bytes", bytes);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return record_to_line (builder, record_len);
}

/*
 * Records trace bytes exactly as they are given to the trace's reader, and before it gets
 * them, so that the file lists them ahead of the cycles they make.
 */
void
hs_session_writer_add_lines (HsSessionWriter *self,
                             const char      *data,
                             gsize            len)
{
  g_autofree char *line = NULL;
  gsize line_len;
  GError *error = NULL;

  g_return_if_fail (HS_IS_SESSION_WRITER (self));

  if (len == 0 || self->error != NULL || self->closed)
    return;

  line = hs_session_format_lines_record (data, len, &line_len);
  if (!g_output_stream_write_all (self->stream, line, line_len, NULL, NULL, &error))
    self->error = error;
  self->n_bytes += len;
}

/* What the end record would count if the file were closed now. */
void
hs_session_writer_get_counts (HsSessionWriter *self,
                              guint64         *samples,
                              guint64         *cycles,
                              guint64         *bytes)
{
  g_return_if_fail (HS_IS_SESSION_WRITER (self));

  *samples = self->n_samples;
  *cycles = self->n_cycles;
  *bytes = self->n_bytes;
}

const GError *
hs_session_writer_get_error (HsSessionWriter *self)
{
  g_return_val_if_fail (HS_IS_SESSION_WRITER (self), NULL);

  return self->error;
}

/* Writes the end record and closes the stream; FALSE with the first write error there was. */
gboolean
hs_session_writer_close (HsSessionWriter  *self,
                         GError          **error)
{
  g_return_val_if_fail (HS_IS_SESSION_WRITER (self), FALSE);

  if (self->closed)
    return TRUE;

  if (self->error == NULL)
    {
      g_autofree char *line = NULL;
      gsize len;
      GError *write_error = NULL;

      line = hs_session_format_end_record (self->n_samples, self->n_cycles, self->n_bytes, &len);
      if (!g_output_stream_write_all (self->stream, line, len, NULL, NULL, &write_error))
        self->error = write_error;
    }

  self->closed = TRUE;
  g_signal_handlers_disconnect_by_data (self->trace, self);

  if (self->error == NULL)
    {
      GError *close_error = NULL;

      if (!g_output_stream_close (self->stream, NULL, &close_error))
        self->error = close_error;
    }

  if (self->error != NULL)
    {
      g_set_error (error, self->error->domain, self->error->code,
                   _("Could not save the session: %s"), self->error->message);
      return FALSE;
    }

  return TRUE;
}
