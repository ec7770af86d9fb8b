/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-watch.c: tabs that watch a running program under Xvfb: --pid from /proc, --expvar and --metrics over HTTP. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/hs-application.h"
#include "app/hs-trace-page.h"
#include "app/hs-window.h"
#include "hs-app-test-utils.h"
#include "hs-test-server.h"
#include "hs-test-utils.h"
#include "trace/hs-findings.h"
#include "trace/hs-summary.h"

static HsApplication *app;
static HsWindow *window;
static char *tmpdir;

/* ---- the page ---- */

typedef struct
{
  HsTracePage *page;
  guint        n;
  const char  *needle;
  double       rss_at_least;
} Wait;

static gboolean
has_samples (gpointer data)
{
  Wait *w = data;

  return hs_trace_get_n_samples (hs_trace_page_get_trace (w->page)) >= w->n;
}

static gboolean
has_cycles_and_samples (gpointer data)
{
  Wait *w = data;
  HsTrace *trace = hs_trace_page_get_trace (w->page);

  return hs_trace_get_n_cycles (trace) >= w->n && hs_trace_get_n_samples (trace) >= 4;
}

static gboolean
last_rss_at_least (gpointer data)
{
  Wait *w = data;
  HsTrace *trace = hs_trace_page_get_trace (w->page);
  guint n = hs_trace_get_n_samples (trace);

  return n > 0 && hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, n - 1) >= w->rss_at_least;
}

static gboolean
page_done (gpointer data)
{
  Wait *w = data;

  return hs_trace_page_get_state (w->page) == HS_TRACE_PAGE_DONE;
}

static gboolean
page_failed (gpointer data)
{
  Wait *w = data;

  return hs_trace_page_get_state (w->page) == HS_TRACE_PAGE_FAILED;
}

static gboolean
banner_shown (gpointer data)
{
  Wait *w = data;

  return has_banner (w->page, w->needle);
}

static gboolean
banner_gone (gpointer data)
{
  return !banner_shown (data);
}

static void
set_intervals (guint proc_ms,
               guint http_ms)
{
  GSettings *settings = hs_application_get_settings (app);

  g_settings_set_uint (settings, "proc-sample-interval", proc_ms);
  g_settings_set_uint (settings, "http-poll-interval", http_ms);
}

/* ---- sessions of watched programs ---- */

/* heapscope ARGS…, which must succeed: its output. */
static char *
run_heapscope (const char * const *args)
{
  char *out = NULL;

  g_assert_cmpint (app_test_run_heapscope (args, &out, NULL), ==, 0);
  return out;
}

/*
 * Saves @page's session, opens it in a new tab and compares the samples and the polled
 * cycles value by value; the headless commands read it too.
 */
static void
save_and_check_session (HsTracePage *page,
                        const char  *kind)
{
  g_autofree char *path = g_build_filename (tmpdir, "watched.heapscope-session", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *source = g_strdup_printf ("{\"source\":{\"kind\":\"%s\"", kind);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) csv_lines = NULL;
  g_autofree char *polled = NULL;
  HsTrace *live = hs_trace_page_get_trace (page);
  HsTracePage *reopened;
  HsTrace *trace;
  guint n_samples, n_cycles;

  g_assert_true (hs_trace_page_can_save_session (page));
  app_test_save_session (page, file);
  /* what was polled can go on; the file holds what there was when it was saved */
  n_samples = hs_trace_get_n_samples (live);
  n_cycles = hs_trace_get_n_cycles (live);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, source));

  reopened = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, reopened, "the saved session to open");
  trace = hs_trace_page_get_trace (reopened);
  g_assert_false (has_banner (reopened, "No Go GC trace lines"));
  g_assert_cmpuint (hs_trace_get_n_samples (trace), <=, n_samples);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), >, 0);
  for (guint i = 0; i < hs_trace_get_n_samples (trace); i++)
    {
      g_assert_cmpfloat (hs_trace_get_sample_time (trace, i), ==, hs_trace_get_sample_time (live, i));
      for (guint field = 0; field < HS_N_SAMPLE_FIELDS; field++)
        {
          double a = hs_trace_get_sample_value (live, field, i);
          double b = hs_trace_get_sample_value (trace, field, i);

          g_assert_true ((isnan (a) && isnan (b)) || a == b);
        }
    }
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), <=, n_cycles);
  for (guint i = 0; i < hs_trace_get_n_cycles (trace); i++)
    {
      g_assert_cmpuint (hs_trace_get_gc_flags (trace, i), ==, hs_trace_get_gc_flags (live, i));
      g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_PAUSE, i), ==,
                         hs_trace_get_gc_value (live, HS_GC_FIELD_PAUSE, i));
      g_assert_cmpfloat (hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, i), ==,
                         hs_trace_get_gc_value (live, HS_GC_FIELD_NUMBER, i));
    }

  /* headless: a header and a line per sample; the polled cycles counted, their heap unknown */
  csv = run_heapscope ((const char *[]) { "--csv", "samples", path, NULL });
  csv_lines = g_strsplit (g_strchomp (csv), "\n", -1);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, hs_trace_get_n_samples (trace) + 1);
  json = run_heapscope ((const char *[]) { "--summary", "--json", path, NULL });
  polled = g_strdup_printf ("\"polled_cycles\" : %u", hs_trace_get_n_cycles (trace));
  if (hs_trace_get_n_cycles (trace) > 0)
    {
      g_autofree char *report_path = g_build_filename (tmpdir, "watched.html", NULL);
      g_autofree char *report = NULL;
      g_autofree char *out = NULL;

      g_assert_nonnull (strstr (json, polled));
      g_assert_nonnull (strstr (json, "\"heap_mb\" : null"));
      g_assert_nonnull (strstr (json, "\"alloc_rate_mb_s\" : null"));
      g_assert_nonnull (strstr (json, "\"gc_cpu_computed_percent\" : null"));
      /* the report says the heap is unknown rather than 0 MB */
      out = run_heapscope ((const char *[]) { "--report", report_path, path, NULL });
      g_assert_true (g_file_get_contents (report_path, &report, NULL, NULL));
      g_assert_nonnull (strstr (report, "not in polled cycles"));
      g_assert_null (strstr (report, "0 MB (live 0 MB"));
      g_unlink (report_path);
    }

  hs_window_close_page (window, reopened);
  g_unlink (path);
}

/* RES of a process Heapscope did not start, sampled until it exits; what was sampled stays. */
static void
test_pid (void)
{
  HsTestChild child = { 0 };
  HsTracePage *page;
  HsTrace *trace;
  Wait wait = { 0 };
  g_autofree char *title = NULL;
  double before, grown;
  guint n;

  set_intervals (50, 1000);
  hs_test_child_start (&child);
  page = hs_window_watch_process (window, child.pid, NULL);
  wait.page = page;

  title = g_strdup_printf ("hs-rss-child (pid %d)", (int) child.pid);
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, title);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  g_assert_nonnull (hs_trace_page_get_poll_source (page));
  g_assert_cmpuint (hs_poll_source_get_interval (hs_trace_page_get_poll_source (page)), ==, 50);

  wait.n = 3;
  wait_until (has_samples, &wait);
  trace = hs_trace_page_get_trace (page);
  /* the axis counts from the process start, as gctrace's @T does: the child is seconds old */
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >=, 0.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <=,
                     (double) (g_get_real_time () - child.spawned_us) / G_USEC_PER_SEC + 1.0);
  g_assert_cmpint (hs_trace_get_sample_source (trace, 0), ==, HS_SAMPLE_SOURCE_PROC);

  /* the child maps and touches 100 MiB: RES follows */
  before = hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, hs_trace_get_n_samples (trace) - 1);
  hs_test_child_command (&child, "alloc 100", "allocated");
  wait.rss_at_least = before + 100.0 * 1048576.0;
  wait_until (last_rss_at_least, &wait);
  grown = hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, hs_trace_get_n_samples (trace) - 1);
  g_assert_cmpfloat (grown, <, before + 110.0 * 1048576.0);

  /* the interval setting applies to the running sampler */
  set_intervals (100, 1000);
  g_assert_cmpuint (hs_poll_source_get_interval (hs_trace_page_get_poll_source (page)), ==, 100);

  save_and_check_session (page, "pid");

  /* it exits: a message, the samples kept, sampling over */
  hs_test_child_command (&child, "exit", NULL);
  g_subprocess_wait (child.child, NULL, NULL);
  wait_until (page_done, &wait);
  n = hs_trace_get_n_samples (trace);
  g_assert_cmpuint (n, >=, 4);
  assert_banner (page, title);
  assert_banner (page, "exited at");
  assert_banner (page, "samples taken are kept");
  g_assert_false (hs_poll_source_get_active (hs_trace_page_get_poll_source (page)));
  g_assert_true (hs_poll_source_get_exited (hs_trace_page_get_poll_source (page)));

  hs_test_child_clear (&child);
  hs_window_close_page (window, page);
}

/* A tab is named after argv[0], not the kernel's command name cut to 15 bytes. */
static void
test_pid_long_name (void)
{
  g_autofree char *target = g_test_build_filename (G_TEST_BUILT, "hs-rss-child", NULL);
  g_autofree char *link = g_build_filename (tmpdir, "memory-hungry-server", NULL);
  g_autofree char *title = NULL;
  HsTestChild child = { 0 };
  HsTracePage *page;

  g_assert_cmpint (symlink (target, link), ==, 0);
  hs_test_child_start_as (&child, link);
  page = hs_window_watch_process (window, child.pid, NULL);
  title = g_strdup_printf ("memory-hungry-server (pid %d)", (int) child.pid);
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, title);

  hs_test_child_clear (&child);
  hs_window_close_page (window, page);
}

/* A process ID nobody has: a clear message, no tab pretending to watch. */
static void
test_pid_missing (void)
{
  HsTracePage *page;
  GPid pid;

  /* a process that existed and is gone, reaped: its ID is free */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, NULL, 0), ==, pid);

  page = hs_window_watch_process (window, pid, NULL);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  assert_banner (page, "Could not sample process");
  assert_banner (page, "There is no process");
  hs_window_close_page (window, page);
}

/* --pid with --follow LOG: the log loads, then the process is sampled on the log's axis. */
static void
test_pid_with_log (void)
{
  g_autofree char *log_path = g_build_filename (tmpdir, "server.log", NULL);
  g_autoptr(GFile) log = g_file_new_for_path (log_path);
  g_autoptr(GError) error = NULL;
  const char *lines =
    "gc 1 @0.011s 2%: 0.015+0.41+0.003 ms clock, 0.060+0.23/0.32/0.10+0.012 ms cpu, 4->4->0 MB, 5 MB goal, 4 P\n"
    "gc 2 @0.052s 3%: 0.014+0.52+0.004 ms clock, 0.056+0.20/0.40/0.12+0.016 ms cpu, 4->5->1 MB, 5 MB goal, 4 P\n";
  HsTestChild child = { 0 };
  HsTracePage *page;
  Wait wait = { 0 };
  HsTrace *trace;

  g_file_set_contents (log_path, lines, -1, &error);
  g_assert_no_error (error);
  set_intervals (50, 1000);
  hs_test_child_start (&child);

  page = hs_window_watch_process (window, child.pid, log);
  wait.page = page;
  wait.n = 2;
  wait_until (has_samples, &wait);
  trace = hs_trace_page_get_trace (page);

  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 2);
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, "server.log");
  /* no prefixes in the log: placed by the process start, and the page says so */
  assert_banner (page, "no wall-clock times");
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >=, 0.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <=,
                     (double) (g_get_real_time () - child.spawned_us) / G_USEC_PER_SEC + 1.0);
  g_assert_true (hs_trace_page_get_follow (page));

  /* following switched off: the process is still sampled, the tab still live */
  hs_trace_page_set_follow (page, FALSE);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  g_assert_true (hs_poll_source_get_active (hs_trace_page_get_poll_source (page)));
  /* and on again */
  hs_trace_page_set_follow (page, TRUE);
  g_assert_nonnull (hs_trace_page_get_live_source (page));
  g_assert_true (hs_live_source_get_active (hs_trace_page_get_live_source (page)));

  /* Stop stops sampling and following; the process runs on */
  hs_trace_page_stop (page);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  g_assert_false (hs_poll_source_get_active (hs_trace_page_get_poll_source (page)));
  g_assert_nonnull (g_subprocess_get_identifier (child.child));

  hs_test_child_clear (&child);
  hs_window_close_page (window, page);
}

/* A log with wall-clock prefixes: the samples go where the log's clock says, not by the start time. */
static void
test_pid_with_prefixed_log (void)
{
  g_autofree char *log_path = g_build_filename (tmpdir, "prefixed.log", NULL);
  g_autoptr(GFile) log = g_file_new_for_path (log_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ten_ago = g_date_time_add_seconds (now, -10.0);
  g_autoptr(GDateTime) five_ago = g_date_time_add_seconds (now, -5.0);
  g_autofree char *stamp1 = g_date_time_format (ten_ago, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *stamp2 = g_date_time_format (five_ago, "%Y-%m-%dT%H:%M:%S.%fZ");
  g_autofree char *lines = NULL;
  HsTestChild child = { 0 };
  HsTracePage *page;
  HsTrace *trace;
  Wait wait = { 0 };
  double seconds_since;

  /* gc 1 ended 10 s ago at @1 s, gc 2 five seconds later at @6 s: the axis' 0 is 11 s ago */
  lines = g_strdup_printf ("%s gc 1 @1.000s 2%%: 0.015+0.41+0.003 ms clock, 0.060+0.23/0.32/0.10+0.012 ms cpu, 4->4->0 MB, 5 MB goal, 4 P\n"
                           "%s gc 2 @6.000s 3%%: 0.014+0.52+0.004 ms clock, 0.056+0.20/0.40/0.12+0.016 ms cpu, 4->5->1 MB, 5 MB goal, 4 P\n",
                           stamp1, stamp2);
  g_assert_true (g_file_set_contents (log_path, lines, -1, NULL));
  set_intervals (50, 1000);
  hs_test_child_start (&child);

  page = hs_window_watch_process (window, child.pid, log);
  wait.page = page;
  wait.n = 1;
  wait_until (has_samples, &wait);
  trace = hs_trace_page_get_trace (page);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 2);
  g_assert_false (has_banner (page, "no wall-clock times"));
  /* sampled now: 11 s on the log's axis, plus the time since the log was written */
  seconds_since = (double) (g_get_real_time () - g_date_time_to_unix (now) * G_USEC_PER_SEC -
                            g_date_time_get_microsecond (now)) / G_USEC_PER_SEC;
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >=, 11.0 - 0.01);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <=, 11.0 + seconds_since + 0.01);

  hs_test_child_clear (&child);
  hs_window_close_page (window, page);
}

/* --pid with a log that is not there: the log's error, and a word that the process is not sampled. */
static void
test_pid_with_missing_log (void)
{
  g_autofree char *log_path = g_build_filename (tmpdir, "not-yet.log", NULL);
  g_autoptr(GFile) log = g_file_new_for_path (log_path);
  HsTestChild child = { 0 };
  HsTracePage *page;
  Wait wait = { 0 };
  g_autofree char *needle = NULL;

  hs_test_child_start (&child);
  page = hs_window_watch_process (window, child.pid, log);
  wait.page = page;
  wait_until (page_failed, &wait);
  assert_banner (page, "there is no such file");
  needle = g_strdup_printf ("Process %d is not sampled", (int) child.pid);
  assert_banner (page, needle);
  g_assert_null (hs_trace_page_get_poll_source (page));

  hs_test_child_clear (&child);
  hs_window_close_page (window, page);
}

/* A Go server's /debug/vars: memstats as samples, the PauseEnd ring as cycles, lost ones said. */
static void
test_expvar (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json", "run-debug-vars-3.json",
                            "run-debug-vars-4.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/debug/vars");
  g_autofree char *name = g_strdup_printf ("127.0.0.1:%u", server->port);
  g_autoptr(GPtrArray) findings = NULL;
  HsSummary summary;
  HsTracePage *page;
  HsTrace *trace;
  Wait wait = { 0 };

  set_intervals (250, 100);
  page = hs_window_connect (window, HS_POLL_SOURCE_EXPVAR, url);
  wait.page = page;
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, name);
  g_assert_cmpstr (hs_trace_page_get_subtitle (page), ==, url);

  /* the answers held 5, 105, 405 and 406 cycles: 5 + 100 + the ring's 256 + 1 */
  wait.n = 5 + 100 + 256 + 1;
  wait_until (has_cycles_and_samples, &wait);
  trace = hs_trace_page_get_trace (page);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 362);
  g_assert_true (server->only_get);
  g_assert_cmpstr (server->last_path, ==, "/debug/vars");
  assert_banner (page, "44 GC cycles are missing");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);

  /* polled cycles know their pause, not their heap: nothing pretends otherwise */
  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &summary);
  g_assert_false (summary.has_heap);
  g_assert_false (summary.has_cpu_percent);
  g_assert_cmpuint (summary.sampled_cycles, ==, 362);
  g_assert_cmpuint (summary.pause_total_us, >, 0);
  findings = hs_findings_analyze (trace);
  for (guint i = 0; i < findings->len; i++)
    {
      HsFinding *f = g_ptr_array_index (findings, i);

      g_assert_true (g_str_equal (f->id, "long-pauses") || g_str_equal (f->id, "forced-gc") ||
                     g_str_equal (f->id, "periodic-gc") || g_str_equal (f->id, "process-restarts"));
    }

  save_and_check_session (page, "expvar");

  hs_trace_page_stop (page);
  wait_until (page_done, &wait);
  g_assert_false (hs_poll_source_get_active (hs_trace_page_get_poll_source (page)));
  hs_window_close_page (window, page);
}

/* An endpoint that goes away and comes back: a message while it is away, nothing lost. */
static void
test_expvar_down_and_up (void)
{
  const char *answers[] = { "run-debug-vars-1.json", "run-debug-vars-2.json", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/debug/vars");
  guint port = server->port;
  HsTracePage *page;
  HsTrace *trace;
  Wait wait = { 0 };
  guint n;

  set_intervals (250, 100);
  page = hs_window_connect (window, HS_POLL_SOURCE_EXPVAR, url);
  wait.page = page;
  wait.n = 1;
  wait_until (has_samples, &wait);
  trace = hs_trace_page_get_trace (page);

  soup_server_disconnect (server->server);
  wait.needle = "refused the connection";
  wait_until (banner_shown, &wait);
  assert_banner (page, "Trying again in");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  n = hs_trace_get_n_samples (trace);
  g_assert_cmpuint (n, >=, 1);

  server_listen (server, port);
  wait_until (banner_gone, &wait);
  wait.n = n + 1;
  wait_until (has_samples, &wait);
  /* both answers' cycles, none twice: 5 then 105 in all */
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 105);

  hs_window_close_page (window, page);
}

/* Prometheus' /metrics of client_golang: go_memstats_* samples and go_gc_duration_seconds cycles. */
static void
test_metrics (void)
{
  const char *answers[] = { "run-metrics-1.txt", "run-metrics-2.txt", "run-metrics-3.txt",
                            "run-metrics-4.txt", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/metrics");
  HsTracePage *page;
  HsTrace *trace;
  Wait wait = { 0 };

  set_intervals (250, 100);
  page = hs_window_connect (window, HS_POLL_SOURCE_METRICS, url);
  wait.page = page;
  wait.n = 4;
  wait_until (has_samples, &wait);
  trace = hs_trace_page_get_trace (page);

  g_assert_cmpstr (server->last_path, ==, "/metrics");
  g_assert_cmpint (hs_trace_get_sample_source (trace, 0), ==, HS_SAMPLE_SOURCE_METRICS);
  g_assert_false (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_HEAP_ALLOC, 3)));
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), >, 0);

  hs_window_close_page (window, page);
}

/* Connect…: what is typed picks the kind; Connect opens a tab polling that address. */
static void
test_connect_dialog (void)
{
  const char *answers[] = { "run-metrics-1.txt", NULL };
  g_autoptr(Server) server = server_new (answers);
  g_autofree char *url = server_url (server, "/metrics");
  guint n_pages = hs_window_get_n_pages (window);
  GtkWidget *dialog = NULL;
  GObject *entry;
  GObject *kind;
  GObject *error_label;
  HsTracePage *page;
  Wait wait = { 0 };

  set_intervals (250, 100);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", NULL));
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) && g_object_get_data (l->data, "kind") != NULL)
      dialog = l->data;
  g_assert_nonnull (dialog);
  entry = g_object_get_data (G_OBJECT (dialog), "entry");
  kind = g_object_get_data (G_OBJECT (dialog), "kind");
  error_label = g_object_get_data (G_OBJECT (dialog), "error");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == GTK_WIDGET (entry) ||
                 gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)), GTK_WIDGET (entry)));

  /* a number is a process; a bad one is said in the dialog, which stays */
  gtk_editable_set_text (GTK_EDITABLE (entry), "12x");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), ==, HS_POLL_SOURCE_EXPVAR);
  gtk_editable_set_text (GTK_EDITABLE (entry), "4242");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), ==, HS_POLL_SOURCE_PROCESS);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), HS_POLL_SOURCE_EXPVAR);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "is not an http:// or https:// URL"));
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, n_pages);

  /* a /metrics path is Prometheus */
  gtk_editable_set_text (GTK_EDITABLE (entry), url);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), ==, HS_POLL_SOURCE_METRICS);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, n_pages + 1);
  page = hs_window_get_current_page (window);
  g_assert_cmpint (hs_poll_source_get_kind (hs_trace_page_get_poll_source (page)), ==, HS_POLL_SOURCE_METRICS);
  g_assert_cmpstr (hs_trace_page_get_subtitle (page), ==, url);
  wait.page = page;
  wait.n = 1;
  wait_until (has_samples, &wait);
  g_assert_cmpstr (server->last_path, ==, "/metrics");

  hs_window_close_page (window, page);
}

/* Connect… tells a process ID from a URL and Prometheus from expvar as it is typed. */
static void
test_guess_kind (void)
{
  g_assert_cmpint (hs_poll_source_guess_kind ("1234"), ==, HS_POLL_SOURCE_PROCESS);
  g_assert_cmpint (hs_poll_source_guess_kind (" 42 "), ==, HS_POLL_SOURCE_PROCESS);
  g_assert_cmpint (hs_poll_source_guess_kind ("http://localhost:6060/debug/vars"), ==, HS_POLL_SOURCE_EXPVAR);
  g_assert_cmpint (hs_poll_source_guess_kind ("http://10.0.0.5:2112/metrics"), ==, HS_POLL_SOURCE_METRICS);
  g_assert_cmpint (hs_poll_source_guess_kind ("http://localhost:8080/"), ==, HS_POLL_SOURCE_EXPVAR);
  g_assert_cmpint (hs_poll_source_guess_kind ("12ab"), ==, HS_POLL_SOURCE_EXPVAR);
}

/* Bad options end the command with a message and status 2, before any window opens. */
static void
test_command_line_errors (void)
{
  const struct {
    const char *args[3];
    const char *message;
  } cases[] = {
    { { "--expvar", "localhost:6060", NULL }, "--expvar: “localhost:6060” is not an http:// or https:// URL" },
    { { "--metrics", "ftp://host/metrics", NULL }, "--metrics: “ftp://host/metrics” is not an http:// or https:// URL" },
    { { "--pid", "0", NULL }, "--pid needs a process ID" },
    { { "--pid", "server", NULL }, "--pid needs a process ID" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (app_test_run_heapscope (cases[i].args, NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  window = app_test_start (&argc, &argv, "test-watch", &app, &tmpdir);

  g_test_add_func ("/watch/pid", test_pid);
  g_test_add_func ("/watch/pid-long-name", test_pid_long_name);
  g_test_add_func ("/watch/pid-missing", test_pid_missing);
  g_test_add_func ("/watch/pid-with-log", test_pid_with_log);
  g_test_add_func ("/watch/pid-with-missing-log", test_pid_with_missing_log);
  g_test_add_func ("/watch/pid-with-prefixed-log", test_pid_with_prefixed_log);
  g_test_add_func ("/watch/expvar", test_expvar);
  g_test_add_func ("/watch/expvar-down-and-up", test_expvar_down_and_up);
  g_test_add_func ("/watch/metrics", test_metrics);
  g_test_add_func ("/watch/guess-kind", test_guess_kind);
  g_test_add_func ("/watch/connect-dialog", test_connect_dialog);
  g_test_add_func ("/watch/command-line-errors", test_command_line_errors);

  status = g_test_run ();

  app_test_finish (g_steal_pointer (&app), window, g_steal_pointer (&tmpdir));

  return status;
}
