/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-proc-sampler.c: /proc sampling of a real child whose resident memory the test drives. */

#include "config.h"

#include <math.h>
#include <gio/gio.h>

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "hs-test-utils.h"
#include "trace/hs-proc-sampler.h"
#include "trace/hs-trace-reader.h"

#define MIB 1048576.0

/* Runs the main context until the trace holds @n samples (fails after 10 s). */
static void
wait_for_samples (HsTrace *trace,
                  guint    n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (hs_trace_get_n_samples (trace) < n)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static double
last_value (HsTrace *trace,
            guint    field)
{
  return hs_trace_get_sample_value (trace, field, hs_trace_get_n_samples (trace) - 1);
}

static void
test_rss_follows_child (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("child");
  g_autoptr(HsProcSampler) sampler = NULL;
  HsTestChild c = { 0 };
  double rss0, anon0, vm0, rss1, anon1, vm1, rss2, anon2, vm2;
  guint n;

  hs_test_child_start (&c);
  sampler = hs_proc_sampler_new_for_child (trace, hs_test_child_pid (&c));
  hs_proc_sampler_set_interval (sampler, 40);
  hs_proc_sampler_start (sampler);
  g_assert_true (hs_proc_sampler_get_running (sampler));
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 1);  /* the first one at once */

  wait_for_samples (trace, 3);
  rss0 = last_value (trace, HS_SAMPLE_FIELD_RSS);
  anon0 = last_value (trace, HS_SAMPLE_FIELD_RSS_ANON);
  vm0 = last_value (trace, HS_SAMPLE_FIELD_VM_SIZE);
  g_assert_cmpfloat (rss0, >, 0);
  g_assert_cmpfloat (rss0, <, 20 * MIB);

  hs_test_child_command (&c, "alloc 100", "allocated");
  n = hs_trace_get_n_samples (trace);
  wait_for_samples (trace, n + 2);
  rss1 = last_value (trace, HS_SAMPLE_FIELD_RSS);
  anon1 = last_value (trace, HS_SAMPLE_FIELD_RSS_ANON);
  vm1 = last_value (trace, HS_SAMPLE_FIELD_VM_SIZE);
  /* 100 MiB touched: all resident and anonymous; the mapping is 100 MiB of VIRT */
  g_assert_cmpfloat (rss1 - rss0, >=, 99 * MIB);
  g_assert_cmpfloat (rss1 - rss0, <=, 104 * MIB);
  g_assert_cmpfloat (anon1 - anon0, >=, 99 * MIB);
  g_assert_cmpfloat (anon1 - anon0, <=, 104 * MIB);
  g_assert_cmpfloat (vm1 - vm0, ==, 100 * MIB);

  hs_test_child_command (&c, "free", "freed");
  n = hs_trace_get_n_samples (trace);
  wait_for_samples (trace, n + 2);
  rss2 = last_value (trace, HS_SAMPLE_FIELD_RSS);
  anon2 = last_value (trace, HS_SAMPLE_FIELD_RSS_ANON);
  vm2 = last_value (trace, HS_SAMPLE_FIELD_VM_SIZE);
  g_assert_cmpfloat (fabs (rss2 - rss0), <=, 2 * MIB);
  g_assert_cmpfloat (fabs (anon2 - anon0), <=, 2 * MIB);
  g_assert_cmpfloat (vm2, ==, vm0);

  /* times on the axis: from 0 at the start, increasing, about one interval apart */
  n = hs_trace_get_n_samples (trace);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >=, 0.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <, 0.5);
  for (guint i = 1; i < n; i++)
    {
      double step = hs_trace_get_sample_time (trace, i) - hs_trace_get_sample_time (trace, i - 1);

      g_assert_cmpfloat (step, >, 0.0);
      g_assert_cmpint (hs_trace_get_sample_source (trace, i), ==, HS_SAMPLE_SOURCE_PROC);
    }
  /* the wall time moves with the axis time */
  g_assert_cmpfloat (fabs ((double) (hs_trace_get_sample_wall_time (trace, n - 1) -
                                     hs_trace_get_sample_wall_time (trace, 0)) / G_USEC_PER_SEC -
                           (hs_trace_get_sample_time (trace, n - 1) - hs_trace_get_sample_time (trace, 0))),
                     <, 0.05);

  /* the process exits: a clear error, sampling stops, the samples stay */
  hs_test_child_command (&c, "exit", NULL);
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    g_autofree char *expected = g_strdup_printf ("process %d exited", (int) hs_test_child_pid (&c));

    while (hs_proc_sampler_get_running (sampler))
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_error (hs_proc_sampler_get_error (sampler), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpstr (hs_proc_sampler_get_error (sampler)->message, ==, expected);
    g_assert_cmpuint (hs_trace_get_n_samples (trace), >=, n);
  }

  hs_test_child_clear (&c);
}

/* An already running process: the axis starts when it started, from /proc/PID/stat. */
static void
test_running_process (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("pid");
  g_autoptr(HsProcSampler) sampler = NULL;
  g_autoptr(GError) error = NULL;
  HsTestChild c = { 0 };
  gint64 started;

  hs_test_child_start (&c);
  g_usleep (300000);

  sampler = hs_proc_sampler_new_for_pid (trace, hs_test_child_pid (&c), &error);
  g_assert_no_error (error);
  started = hs_proc_sampler_get_origin (sampler);
  /* /proc/stat's btime has whole seconds, starttime clock ticks */
  g_assert_cmpint (llabs (started - c.spawned_us), <, 1100000);

  g_assert_true (hs_proc_sampler_sample (sampler, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 1);
  /* it was sampled about 0.3 s after it started */
  g_assert_cmpfloat (fabs (hs_trace_get_sample_time (trace, 0) -
                           (double) (hs_trace_get_sample_wall_time (trace, 0) - started) / G_USEC_PER_SEC),
                     <, 0.01);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >, 0.3 - 1.1);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <, 0.3 + 1.1);
  g_assert_false (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, 0)));

  /* moving the origin moves later samples by as much */
  hs_proc_sampler_set_origin (sampler, started - 10 * G_USEC_PER_SEC);
  g_assert_true (hs_proc_sampler_sample (sampler, &error));
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 1) - hs_trace_get_sample_time (trace, 0), >, 10.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 1) - hs_trace_get_sample_time (trace, 0), <, 10.5);

  hs_test_child_clear (&c);

  /* gone and reaped: the next sample says so */
  g_assert_false (hs_proc_sampler_sample (sampler, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 2);
}

/* --pid with --follow LOG: a log with wall-clock prefixes places the samples by them. */
static void
test_align_to_log (void)
{
  /* date -u -d 2026-11-30T14:00:00Z +%s = 1796047200; @T 1.000 s at 14:00:01.250: started at 14:00:00.250 */
  const char *log =
    "2026-11-30T14:00:01.250Z gc 1 @1.000s 1%: 0.010+0.50+0.005 ms clock, 0.040+0.10/0.20/0.30+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 4 P\n"
    "2026-11-30T14:00:03.250Z gc 2 @3.000s 1%: 0.010+0.50+0.005 ms clock, 0.040+0.10/0.20/0.30+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 4 P\n"
    "2026-11-30T14:00:09.000Z gc 3 @4.000s 1%: 0.010+0.50+0.005 ms clock, 0.040+0.10/0.20/0.30+0.020 ms cpu, 4->4->1 MB, 5 MB goal, 4 P\n";
  g_autoptr(HsTrace) trace = hs_trace_new ("log");
  g_autoptr(HsTrace) bare = hs_trace_new ("bare");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (trace);
  g_autoptr(HsTraceReader) bare_reader = hs_trace_reader_new (bare);
  g_autoptr(HsProcSampler) sampler = hs_proc_sampler_new_for_child (trace, getpid ());
  g_autoptr(HsProcSampler) unaligned = hs_proc_sampler_new_for_child (bare, getpid ());
  g_autoptr(GError) error = NULL;
  gint64 origin;

  hs_trace_reader_feed (reader, log, strlen (log));
  hs_trace_reader_finish (reader);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 3);

  /* two prefixes agree, the third (written late) is outvoted */
  g_assert_true (hs_proc_sampler_align_to_trace (sampler));
  g_assert_cmpint (hs_proc_sampler_get_origin (sampler), ==, G_GINT64_CONSTANT (1796047200250000));

  g_assert_true (hs_proc_sampler_sample (sampler, &error));
  g_assert_cmpfloat (fabs (hs_trace_get_sample_time (trace, 0) -
                           (double) (hs_trace_get_sample_wall_time (trace, 0) - G_GINT64_CONSTANT (1796047200250000)) / G_USEC_PER_SEC),
                     <, 0.01);

  /* no wall-clock times: the origin stays */
  {
    g_auto(GStrv) lines = g_strsplit (log, "\n", -1);

    /* the same lines without their prefixes */
    for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
      {
        hs_trace_reader_feed (bare_reader, lines[i] + strlen ("2026-11-30T14:00:01.250Z "),
                              strlen (lines[i]) - strlen ("2026-11-30T14:00:01.250Z "));
        hs_trace_reader_feed (bare_reader, "\n", 1);
      }
  }
  hs_trace_reader_finish (bare_reader);
  g_assert_cmpuint (hs_trace_get_n_cycles (bare), ==, 3);
  g_assert_false (hs_trace_has_wall_time (bare));
  origin = hs_proc_sampler_get_origin (unaligned);
  g_assert_false (hs_proc_sampler_align_to_trace (unaligned));
  g_assert_cmpint (hs_proc_sampler_get_origin (unaligned), ==, origin);
}

static GPid
missing_pid (void)
{
  g_autofree char *text = NULL;
  guint64 pid_max;

  /* no process can have a PID above pid_max */
  g_assert_true (g_file_get_contents ("/proc/sys/kernel/pid_max", &text, NULL, NULL));
  g_assert_true (g_ascii_string_to_unsigned (g_strstrip (text), 10, 1, G_MAXINT - 1, &pid_max, NULL));
  return (GPid) pid_max + 1;
}

static void
test_no_such_process (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("none");
  g_autoptr(HsProcSampler) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GPid pid = missing_pid ();
  HsProcSampler *sampler;

  sampler = hs_proc_sampler_new_for_pid (trace, pid, &error);
  g_assert_null (sampler);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expected = g_strdup_printf ("There is no process %d", (int) pid);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_null (hs_proc_sampler_new_for_pid (trace, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  /* a child gone before the first sample: the start reports it and does not run */
  child = hs_proc_sampler_new_for_child (trace, pid);
  hs_proc_sampler_start (child);
  g_assert_false (hs_proc_sampler_get_running (child));
  g_assert_error (hs_proc_sampler_get_error (child), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (hs_trace_get_n_samples (trace), ==, 0);
}

/* A kernel thread has no memory: said so, not "exited". kthreadd is PID 2 on Linux. */
static void
test_kernel_thread (void)
{
  g_autoptr(HsTrace) trace = hs_trace_new ("kthread");
  g_autoptr(HsProcSampler) sampler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *comm = NULL;

  if (!g_file_get_contents ("/proc/2/comm", &comm, NULL, NULL) || strcmp (comm, "kthreadd\n") != 0)
    {
      g_test_skip ("PID 2 is not kthreadd here (a PID namespace?)");
      return;
    }

  sampler = hs_proc_sampler_new_for_pid (trace, 2, &error);
  g_assert_no_error (error);
  g_assert_false (hs_proc_sampler_sample (sampler, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "Process 2 is a kernel thread: it has no memory of its own to sample");
}

/*
 * Another user's process: status is readable, smaps_rollup is not (it needs ptrace
 * access). The sample keeps RSS and VIRT and lacks PSS and swap; it is no error.
 */
static void
test_other_user (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(HsTrace) trace = hs_trace_new ("init");
      g_autoptr(HsProcSampler) sampler = NULL;
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      /* root drops to nobody; anyone else already is another user than init's */
      if (getuid () == 0 && setuid (65534) != 0)
        g_error ("could not become nobody");
      if (g_stat ("/proc/1", &st) != 0 || st.st_uid == getuid ())
        {
          g_test_message ("PID 1 belongs to this user here");
          return;
        }

      sampler = hs_proc_sampler_new_for_pid (trace, 1, &error);
      g_assert_no_error (error);
      g_assert_true (hs_proc_sampler_sample (sampler, &error));
      g_assert_no_error (error);
      g_assert_false (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, 0)));
      g_assert_false (isnan (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_VM_SIZE, 0)));
      g_assert_cmpint (hs_trace_lookup_sample_field (trace, "pss"), ==, -1);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proc/HsProcSampler/rss-follows-child", test_rss_follows_child);
  g_test_add_func ("/proc/HsProcSampler/running-process", test_running_process);
  g_test_add_func ("/proc/HsProcSampler/no-such-process", test_no_such_process);
  g_test_add_func ("/proc/HsProcSampler/align-to-log", test_align_to_log);
  g_test_add_func ("/proc/HsProcSampler/kernel-thread", test_kernel_thread);
  g_test_add_func ("/proc/HsProcSampler/other-user", test_other_user);

  return g_test_run ();
}
