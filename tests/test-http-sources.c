/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-http-sources.c: expvar and Prometheus sources against a real libsoup server in this process. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "hs-test-server.h"
#include "trace/hs-expvar-source.h"
#include "trace/hs-metrics-source.h"

/* ---- what the recorded answers hold, read here with json-glib and by hand ---- */

static JsonObject *
memstats_of (JsonParser *parser,
             const char *name)
{
  g_autoptr(GBytes) bytes = read_data (name);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, (gssize) len, &error);
  g_assert_no_error (error);
  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "memstats");
}

/* PauseEnd (Unix ns) and PauseNs of cycle @number in the ring of the answer @name. */
static void
ring_entry (const char *name,
            guint64     number,
            gint64     *end_ns,
            gint64     *pause_ns)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *memstats = memstats_of (parser, name);
  guint index = (guint) ((number - 1) % 256);

  *end_ns = json_array_get_int_element (json_object_get_array_member (memstats, "PauseEnd"), index);
  *pause_ns = json_array_get_int_element (json_object_get_array_member (memstats, "PauseNs"), index);
}

static gint64
memstats_int (const char *name,
              const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_object_get_int_member (memstats_of (parser, name), member);
}

static double
memstats_double (const char *name,
                 const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_object_get_double_member (memstats_of (parser, name), member);
}

/* The value on the line "METRIC VALUE" of a recorded /metrics answer. */
static double
metric_of (const char *name,
           const char *metric)
{
  g_autoptr(GBytes) bytes = read_data (name);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *needle = g_strconcat ("\n", metric, " ", NULL);
  const char *line = strstr (text, needle);

  g_assert_nonnull (line);
  return g_ascii_strtod (line + strlen (needle), NULL);
}

/* ---- expvar ---- */

static void
assert_cycle_from (HsTrace    *trace,
                   guint       cycle,
                   guint64     number,
                   const char *answer_name,
                   gint64      origin_us)
{
  gint64 end_ns, pause_ns;
  HsGcRecord record;

  ring_entry (answer_name, number, &end_ns, &pause_ns);
  hs_trace_get_gc_record (trace, cycle, &record);
  g_assert_cmpuint (record.number, ==, number);
  g_assert_cmpuint (record.flags & HS_GC_FLAG_SAMPLED, !=, 0);
  g_assert_cmpuint (record.flags & (HS_GC_FLAG_TIME_ESTIMATED | HS_GC_FLAG_PAUSE_AVERAGED), ==, 0);
  /* the wall time keeps µs; the pause keeps µs, rounded */
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, cycle), ==, (double) (end_ns / 1000) / G_USEC_PER_SEC);
  g_assert_cmpuint (record.clock_us[HS_CLOCK_SWEEP_TERM], ==, (guint64) (pause_ns + 500) / 1000);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, cycle), ==, (double) ((pause_ns + 500) / 1000) / 1000.0);
  g_assert_cmpuint (record.heap_goal_mb, ==, 0);
  /* on the axis: seconds since the origin, to the ms */
  g_assert_cmpfloat (fabs (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, cycle) -
                           (double) (end_ns / 1000 - origin_us) / G_USEC_PER_SEC), <=, 0.0005 + 1e-9);
}

static void
test_expvar_answers (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json", "run-debug-vars-3.json",
                            "run-debug-vars-4.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autoptr(HsTrace) trace = hs_trace_new ("expvar");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = server_url (server, "/debug/vars");
  g_autofree char *lost = NULL;
  HsExpvarSource *source;
  gint64 origin, end_ns, pause_ns;
  guint cycle = 0;

  source = hs_expvar_source_new (trace, url, &error);
  g_assert_no_error (error);
  hs_http_source_set_interval (HS_HTTP_SOURCE (source), 20);
  run_until_answers (HS_HTTP_SOURCE (source), 4);

  g_assert_null (hs_http_source_get_error (HS_HTTP_SOURCE (source)));
  g_assert_cmpuint (server->n_requests, ==, 4);
  g_assert_true (server->only_get);
  g_assert_cmpstr (server->last_path, ==, "/debug/vars");
  g_assert_cmpstr (server->last_accept, ==, "application/json");

  /* the answers held 5, 105, 405 and 406 cycles: 5 + 100 + the 256 of the ring + 1 */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 5 + 100 + 256 + 1);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 1);
  g_assert_cmpuint (hs_http_source_get_lost_cycles (HS_HTTP_SOURCE (source)), ==, 405 - 105 - 256);
  lost = hs_http_source_describe_lost (HS_HTTP_SOURCE (source));
  g_assert_nonnull (strstr (lost, "44 GC cycles are missing"));

  /* the axis starts at the oldest cycle of the first answer, which came before the poll */
  ring_entry ("run-debug-vars-1.json", 1, &end_ns, &pause_ns);
  origin = hs_http_source_get_origin (HS_HTTP_SOURCE (source));
  g_assert_cmpint (origin, ==, end_ns / 1000);

  for (guint64 n = 1; n <= 5; n++)
    assert_cycle_from (trace, cycle++, n, "run-debug-vars-1.json", origin);
  for (guint64 n = 6; n <= 105; n++)
    assert_cycle_from (trace, cycle++, n, "run-debug-vars-2.json", origin);
  for (guint64 n = 150; n <= 405; n++)
    assert_cycle_from (trace, cycle++, n, "run-debug-vars-3.json", origin);
  assert_cycle_from (trace, cycle++, 406, "run-debug-vars-4.json", origin);
  g_assert_cmpuint (cycle, ==, hs_trace_get_n_cycles (trace));

  /* booleans and arrays are no samples */
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "memstats.EnableGC"), ==, -1);
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "memstats.PauseNs"), ==, -1);
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "memstats.HeapAlloc"), ==, -1);

  /* one sample per answer, with memstats as they were */
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const char *name = answers[i];

      g_assert_cmpint (hs_trace_get_sample_source (trace, i), ==, HS_SAMPLE_SOURCE_EXPVAR);
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, i), ==, memstats_int (name, "HeapAlloc"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_INUSE, i), ==, memstats_int (name, "HeapInuse"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_IDLE, i), ==, memstats_int (name, "HeapIdle"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_RELEASED, i), ==, memstats_int (name, "HeapReleased"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_SYS, i), ==, memstats_int (name, "HeapSys"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_SYS, i), ==, memstats_int (name, "Sys"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_NEXT_GC, i), ==, memstats_int (name, "NextGC"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_GC_CPU_FRACTION, i), ==,
                         memstats_double (name, "GCCPUFraction"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_NUM_GC, i), ==, memstats_int (name, "NumGC"));
      g_assert_true (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, i)));
      /* the other numbers under their Go names */
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) hs_trace_lookup_sample_field (trace, "memstats.StackInuse"), i), ==,
                         memstats_int (name, "StackInuse"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) hs_trace_lookup_sample_field (trace, "memstats.PauseTotalNs"), i), ==,
                         memstats_int (name, "PauseTotalNs"));

      /* sampled now, on the same axis */
      g_assert_cmpfloat (fabs (hs_trace_get_sample_time (trace, i) -
                               (double) (hs_trace_get_sample_wall_time (trace, i) - origin) / G_USEC_PER_SEC), <, 1e-6);
      if (i > 0)
        g_assert_cmpfloat (hs_trace_get_sample_time (trace, i), >, hs_trace_get_sample_time (trace, i - 1));
    }

  finish_source (HS_HTTP_SOURCE (source));
}

/* A restarted program counts its cycles from 1 again: a new run, on the same axis. */
static void
test_expvar_restart (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json",
                            "restart-debug-vars-1.json", "restart-debug-vars-2.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autoptr(HsTrace) trace = hs_trace_new ("restart");
  g_autofree char *url = server_url (server, "/debug/vars");
  HsExpvarSource *source = hs_expvar_source_new (trace, url, NULL);
  gint64 origin;

  hs_http_source_set_interval (HS_HTTP_SOURCE (source), 20);
  run_until_answers (HS_HTTP_SOURCE (source), 4);
  origin = hs_http_source_get_origin (HS_HTTP_SOURCE (source));

  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 105 + 105);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 2);
  g_assert_cmpuint (hs_trace_get_run (trace, 1)->first_cycle, ==, 105);
  g_assert_cmpuint (hs_http_source_get_lost_cycles (HS_HTTP_SOURCE (source)), ==, 0);
  g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, 105), ==, 1);
  g_assert_true (hs_trace_get_gc_flags (trace, 105) & HS_GC_FLAG_NEW_RUN);

  /* every cycle of both runs sits at its own end time since the origin */
  for (guint64 n = 1; n <= 105; n++)
    assert_cycle_from (trace, 104 + (guint) n, n, n <= 5 ? "restart-debug-vars-1.json" : "restart-debug-vars-2.json",
                       origin);
  for (guint i = 1; i < hs_trace_get_n_cycles (trace); i++)
    g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i), >=,
                       hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i - 1));

  finish_source (HS_HTTP_SOURCE (source));
}

/* ---- Prometheus ---- */

static void
test_metrics_answers (void)
{
  const char *answers[] = { "run-metrics-1.txt", "run-metrics-2.txt", "run-metrics-3.txt",
                            "run-metrics-4.txt", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autoptr(HsTrace) trace = hs_trace_new ("metrics");
  g_autoptr(GError) error = NULL;
  g_autofree char *url = server_url (server, "/metrics");
  HsMetricsSource *source;
  double sum_before, sum_after, last_gc, count;
  guint64 number = 6;
  HsGcRecord record;
  int goal, total, median;

  source = hs_metrics_source_new (trace, url, &error);
  g_assert_no_error (error);
  hs_http_source_set_interval (HS_HTTP_SOURCE (source), 20);
  run_until_answers (HS_HTTP_SOURCE (source), 4);

  g_assert_null (hs_http_source_get_error (HS_HTTP_SOURCE (source)));
  g_assert_true (server->only_get);
  g_assert_nonnull (strstr (server->last_accept, "text/plain;version=0.0.4"));

  /* the first answer is the baseline; then 100, 300 and 1 new cycles */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 100 + 300 + 1);
  g_assert_cmpuint (hs_http_source_get_lost_cycles (HS_HTTP_SOURCE (source)), ==, 0);

  for (guint a = 1; a < 4; a++)
    {
      sum_before = metric_of (answers[a - 1], "go_gc_duration_seconds_sum");
      sum_after = metric_of (answers[a], "go_gc_duration_seconds_sum");
      count = metric_of (answers[a], "go_gc_duration_seconds_count") -
              metric_of (answers[a - 1], "go_gc_duration_seconds_count");
      last_gc = metric_of (answers[a], "go_memstats_last_gc_time_seconds");

      for (guint i = 0; i < (guint) count; i++, number++)
        {
          guint cycle = (guint) number - 6;
          gboolean last = i + 1 == (guint) count;

          hs_trace_get_gc_record (trace, cycle, &record);
          g_assert_cmpuint (record.number, ==, number);
          g_assert_cmpuint (record.flags & HS_GC_FLAG_SAMPLED, !=, 0);
          /* the mean pause over the interval, exact for a single cycle (to the µs) */
          g_assert_cmpfloat (fabs ((double) record.clock_us[HS_CLOCK_SWEEP_TERM] -
                                   (sum_after - sum_before) * 1e6 / count), <=, 0.5 + 1e-6);
          g_assert_cmpint (!!(record.flags & HS_GC_FLAG_PAUSE_AVERAGED), ==, count > 1);
          g_assert_cmpint (!!(record.flags & HS_GC_FLAG_TIME_ESTIMATED), ==, !last);
          if (last)
            g_assert_cmpfloat (fabs (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, cycle) - last_gc), <, 2e-6);
        }
    }

  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 4);
  goal = hs_trace_lookup_sample_field (trace, "go_gc_heap_goal_bytes");
  total = hs_trace_lookup_sample_field (trace, "go_memory_classes_total_bytes");
  median = hs_trace_lookup_sample_field (trace, "go_gc_duration_seconds{quantile=\"0.5\"}");
  g_assert_cmpint (goal, >=, 0);
  g_assert_cmpint (total, >=, 0);
  g_assert_cmpint (median, >=, 0);
  /* mapped names are not kept twice, nor labelled ones under their bare name */
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "go_memstats_heap_alloc_bytes"), ==, -1);
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "go_gc_duration_seconds"), ==, -1);
  g_assert_cmpint (hs_trace_lookup_sample_field (trace, "go_goroutines"), ==, -1);
  for (guint i = 0; i < 4; i++)
    {
      const char *name = answers[i];

      g_assert_cmpint (hs_trace_get_sample_source (trace, i), ==, HS_SAMPLE_SOURCE_METRICS);
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, i), ==, metric_of (name, "go_memstats_heap_alloc_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_INUSE, i), ==, metric_of (name, "go_memstats_heap_inuse_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_IDLE, i), ==, metric_of (name, "go_memstats_heap_idle_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_RELEASED, i), ==, metric_of (name, "go_memstats_heap_released_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_SYS, i), ==, metric_of (name, "go_memstats_heap_sys_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_SYS, i), ==, metric_of (name, "go_memstats_sys_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_NEXT_GC, i), ==, metric_of (name, "go_memstats_next_gc_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_GC_CPU_FRACTION, i), ==, metric_of (name, "go_memstats_gc_cpu_fraction"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_NUM_GC, i), ==, metric_of (name, "go_gc_duration_seconds_count"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) goal, i), ==, metric_of (name, "go_gc_heap_goal_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) total, i), ==, metric_of (name, "go_memory_classes_total_bytes"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) hs_trace_lookup_sample_field (trace, "go_memstats_last_gc_time_seconds"), i), ==,
                         metric_of (name, "go_memstats_last_gc_time_seconds"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) hs_trace_lookup_sample_field (trace, "go_gc_duration_seconds_sum"), i), ==,
                         metric_of (name, "go_gc_duration_seconds_sum"));
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, (guint) median, i), ==,
                         metric_of (name, "go_gc_duration_seconds{quantile=\"0.5\"}"));
    }

  finish_source (HS_HTTP_SOURCE (source));
}

/* A restarted program: go_gc_duration_seconds_count goes down, a new run begins. */
static void
test_metrics_restart (void)
{
  const char *answers[] = { "run-metrics-1.txt", "run-metrics-2.txt", "restart-metrics-1.txt",
                            "restart-metrics-2.txt", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autoptr(HsTrace) trace = hs_trace_new ("metrics-restart");
  g_autofree char *url = server_url (server, "/metrics");
  HsHttpSource *source = HS_HTTP_SOURCE (hs_metrics_source_new (trace, url, NULL));
  HsGcRecord record;

  hs_http_source_set_interval (source, 20);
  run_until_answers (source, 4);

  /* 100 cycles, then the new process's 5 (since it started) and 100 more */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 100 + 5 + 100);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 2);
  g_assert_cmpuint (hs_trace_get_run (trace, 1)->first_cycle, ==, 100);
  for (guint i = 0; i < 105; i++)
    {
      hs_trace_get_gc_record (trace, 100 + i, &record);
      g_assert_cmpuint (record.number, ==, i + 1);
    }
  g_assert_cmpfloat (fabs (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, 104) -
                           metric_of ("restart-metrics-1.txt", "go_memstats_last_gc_time_seconds")), <, 2e-6);
  g_assert_cmpfloat (fabs (hs_trace_get_gc_value (trace, HS_GC_FIELD_WALL_TIME, 204) -
                           metric_of ("restart-metrics-2.txt", "go_memstats_last_gc_time_seconds")), <, 2e-6);
  /* the first run's pauses: the mean over its 100 cycles */
  hs_trace_get_gc_record (trace, 0, &record);
  g_assert_cmpfloat (fabs ((double) record.clock_us[HS_CLOCK_SWEEP_TERM] -
                           (metric_of ("run-metrics-2.txt", "go_gc_duration_seconds_sum") -
                            metric_of ("run-metrics-1.txt", "go_gc_duration_seconds_sum")) * 1e6 / 100), <=, 0.5 + 1e-6);
  /* the new process's first 5: their whole pause since it started */
  hs_trace_get_gc_record (trace, 100, &record);
  g_assert_cmpfloat (fabs ((double) record.clock_us[HS_CLOCK_SWEEP_TERM] -
                           metric_of ("restart-metrics-1.txt", "go_gc_duration_seconds_sum") * 1e6 / 5), <=, 0.5 + 1e-6);
  for (guint i = 1; i < hs_trace_get_n_cycles (trace); i++)
    g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i), >=,
                       hs_trace_get_gc_value (trace, HS_GC_FIELD_TIME, i - 1));

  finish_source (source);
}

/* ---- failures ---- */

typedef struct
{
  HsHttpSource *source;
  Server       *server;
  guint         n_errors;
  guint         delays[3];
} Failures;

static void
error_cb (HsHttpSource *source,
          GParamSpec   *pspec,
          Failures     *failures)
{
  if (hs_http_source_get_error (source) == NULL)
    return;

  if (failures->n_errors < G_N_ELEMENTS (failures->delays))
    failures->delays[failures->n_errors] = hs_http_source_get_retry_delay (source);
  failures->n_errors++;
}

static gboolean
three_failures (gpointer data)
{
  return ((Failures *) data)->n_errors >= 3;
}

/*
 * An endpoint that fails in one way: a clear message, polling goes on and backs off
 * (interval, twice that, then the cap), nothing is sampled.
 */
static void
check_failure (Server         *server,
               HsHttpSource   *source,
               GQuark          domain,
               int             code,
               const char     *message_part)
{
  Failures failures = { source, server, 0, { 0 } };
  HsTrace *trace = hs_http_source_get_trace (source);
  const GError *error;

  hs_http_source_set_interval (source, 40);
  hs_http_source_set_max_backoff (source, 100);
  hs_http_source_set_timeout (source, 200);
  g_signal_connect (source, "notify::error", G_CALLBACK (error_cb), &failures);

  hs_http_source_start (source);
  wait_until (three_failures, &failures);

  error = hs_http_source_get_error (source);
  g_assert_nonnull (error);
  g_assert_error ((GError *) error, domain, code);
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
  g_assert_true (hs_http_source_get_running (source));
  g_assert_cmpuint (failures.delays[0], ==, 40);
  g_assert_cmpuint (failures.delays[1], ==, 80);
  g_assert_cmpuint (failures.delays[2], ==, 100);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 0);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 0);

  g_signal_handlers_disconnect_by_data (source, &failures);
  finish_source (source);
}

static HsHttpSource *
expvar_at (Server     *server,
           HsTrace    *trace,
           const char *path)
{
  g_autofree char *url = server_url (server, path);

  return HS_HTTP_SOURCE (hs_expvar_source_new (trace, url, NULL));
}

static HsHttpSource *
metrics_at (Server     *server,
            HsTrace    *trace,
            const char *path)
{
  g_autofree char *url = server_url (server, path);

  return HS_HTTP_SOURCE (hs_metrics_source_new (trace, url, NULL));
}

static void
test_failures (void)
{
  g_autoptr(Server) server = server_new (NULL);
  g_autoptr(HsTrace) trace = hs_trace_new ("failures");
  g_autofree char *message = NULL;
  guint requests;

  message = g_strdup_printf ("No answer from http://127.0.0.1:%u/slow within 0.2 s", server->port);
  check_failure (server, expvar_at (server, trace, "/slow"), G_IO_ERROR, G_IO_ERROR_TIMED_OUT, message);
  g_clear_pointer (&message, g_free);

  message = g_strdup_printf ("http://127.0.0.1:%u/500 answered HTTP 500 Internal Server Error", server->port);
  check_failure (server, expvar_at (server, trace, "/500"), G_IO_ERROR, G_IO_ERROR_FAILED, message);
  g_clear_pointer (&message, g_free);

  /* only the URL given is contacted: a redirect is not followed */
  requests = server->n_requests;
  check_failure (server, expvar_at (server, trace, "/redirect"), G_IO_ERROR, G_IO_ERROR_FAILED, "answered HTTP 302 Found");
  g_assert_cmpstr (server->last_path, ==, "/redirect");
  g_assert_cmpuint (server->n_requests - requests, >=, 3);

  check_failure (server, expvar_at (server, trace, "/html"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "is not usable: it is not JSON");
  check_failure (server, expvar_at (server, trace, "/no-memstats"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "it has no “memstats”: is this a Go program’s /debug/vars?");
  check_failure (server, expvar_at (server, trace, "/short-ring"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "its memstats lack NumGC, PauseNs or PauseEnd (256 numbers each)");

  check_failure (server, metrics_at (server, trace, "/garbage"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "it is not Prometheus text metrics (line 1: expected a number, NaN, +Inf or -Inf, found “world”)");
  check_failure (server, metrics_at (server, trace, "/html"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "it is not Prometheus text metrics (line 1: expected a metric name");
  check_failure (server, metrics_at (server, trace, "/not-go"), G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "it has no Go memory metrics");
  check_failure (server, metrics_at (server, trace, "/500"), G_IO_ERROR, G_IO_ERROR_FAILED, "answered HTTP 500");
  g_assert_true (server->only_get);
}

static void
test_refused (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("refused");
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *message = NULL;
  guint port;

  /* a port that was free a moment ago and has nobody listening */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  url = g_strdup_printf ("http://127.0.0.1:%u/debug/vars", port);
  message = g_strdup_printf ("%s refused the connection", url);
  check_failure (NULL, HS_HTTP_SOURCE (hs_expvar_source_new (trace, url, NULL)),
                 G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, message);
}

static void
test_bad_urls (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("urls");
  const char *bad[] = { "", "localhost:6060/debug/vars", "ftp://example.com/x", "http:///debug/vars", "not a url" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (hs_expvar_source_new (trace, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      g_assert_null (hs_metrics_source_new (trace, bad[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

/* ---- an endpoint that goes away and comes back ---- */

typedef struct
{
  HsHttpSource *source;
  guint         n_errors;
  guint64       n_answers;
} Watch;

static void
watch_error_cb (HsHttpSource *source,
                GParamSpec   *pspec,
                Watch        *watch)
{
  if (hs_http_source_get_error (source) != NULL)
    watch->n_errors++;
}

static gboolean
has_answers (gpointer data)
{
  Watch *watch = data;

  return hs_http_source_get_n_answers (watch->source) >= watch->n_answers &&
         hs_http_source_get_error (watch->source) == NULL;
}

static gboolean
has_two_errors (gpointer data)
{
  return ((Watch *) data)->n_errors >= 2;
}

static void
test_down_and_up (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json", "run-debug-vars-3.json",
                            "run-debug-vars-4.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autoptr(HsTrace) trace = hs_trace_new ("down");
  g_autofree char *url = server_url (server, "/debug/vars");
  HsHttpSource *source = HS_HTTP_SOURCE (hs_expvar_source_new (trace, url, NULL));
  Watch watch = { source, 0, 2 };
  double first_heap, second_time;
  guint port = server->port;

  hs_http_source_set_interval (source, 30);
  hs_http_source_set_max_backoff (source, 120);
  g_signal_connect (source, "notify::error", G_CALLBACK (watch_error_cb), &watch);

  hs_http_source_start (source);
  wait_until (has_answers, &watch);
  /* stop serving: nobody listens on the port any more */
  soup_server_disconnect (server->server);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 2);
  first_heap = hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 0);
  second_time = hs_trace_get_sample_time (trace, 1);

  wait_until (has_two_errors, &watch);
  g_assert_true (hs_http_source_get_running (source));
  g_assert_error ((GError *) hs_http_source_get_error (source), G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  /* what was sampled stays */
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 2);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 105);

  /* back on the same port: polling finds it, the error clears, the next answers come in */
  server_listen (server, port);
  watch.n_answers = 4;
  wait_until (has_answers, &watch);
  hs_http_source_stop (source);

  g_assert_cmpuint (hs_trace_get_n_samples (trace), >=, 4);
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 0), ==, first_heap);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 1), ==, second_time);
  g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 3), ==,
                     memstats_int ("run-debug-vars-4.json", "HeapAlloc"));
  /* no cycle lost but those the ring could not hold */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 5 + 100 + 256 + 1);
  g_assert_cmpuint (hs_http_source_get_lost_cycles (source), ==, 44);

  g_signal_handlers_disconnect_by_data (source, &watch);
  finish_source (source);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/HsExpvarSource/answers", test_expvar_answers);
  g_test_add_func ("/http/HsExpvarSource/restart", test_expvar_restart);
  g_test_add_func ("/http/HsMetricsSource/answers", test_metrics_answers);
  g_test_add_func ("/http/HsMetricsSource/restart", test_metrics_restart);
  g_test_add_func ("/http/HsHttpSource/failures", test_failures);
  g_test_add_func ("/http/HsHttpSource/refused", test_refused);
  g_test_add_func ("/http/HsHttpSource/bad-urls", test_bad_urls);
  g_test_add_func ("/http/HsHttpSource/down-and-up", test_down_and_up);

  return g_test_run ();
}
