/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-session-app.c: under Xvfb: live tabs record, Save Session writes a file, it opens again equal. */

#include "config.h"

#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <utime.h>

#include "app/hs-application.h"
#include "app/hs-session-recorder.h"
#include "app/hs-trace-page.h"
#include "app/hs-window.h"
#include "hs-app-test-utils.h"
#include "hs-test-utils.h"

#define SAMPLE "go1.9-scavenger-release.log"

static HsApplication *app;
static HsWindow *window;
static char *tmpdir;

static void
close_all_pages (void)
{
  while (hs_window_get_n_pages (window) > 0)
    hs_window_close_page (window, hs_window_get_page (window, 0));
}

/* Independent count: lines of @path matching @pattern, as grep -c would. */
static guint
grep_count (const char *path,
            const char *pattern)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_regex_match (regex, lines[i], 0, NULL))
      n++;

  return n;
}

/* The spool files of live tabs, in the test's own XDG_CACHE_HOME. */
static guint
count_spool_files (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "heapscope", "sessions", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;

  return n;
}

/* Equal, or both absent (NAN). */
static void
assert_same_value (double a,
                   double b)
{
  if (!isnan (a) || !isnan (b))
    g_assert_cmpfloat (a, ==, b);
}

/*
 * Everything a tab shows, compared field by field between the live trace and the reopened
 * one: the trace tests' comparison for cycles, events, runs and lines, then the samples.
 */
static void
assert_traces_equal (HsTrace  *live,
                     HsTrace  *reopened,
                     gboolean  same_key)
{
  hs_test_assert_traces_equal (live, reopened);
  for (guint i = 0; i < hs_trace_get_n_cycles (live); i++)
    for (guint f = 0; f < HS_N_GC_FIELDS; f++)
      assert_same_value (hs_trace_get_gc_value (live, f, i), hs_trace_get_gc_value (reopened, f, i));
  /* notes find the session by the key its raw log has */
  if (same_key)
    g_assert_cmpstr (hs_trace_get_content_key (reopened), ==, hs_trace_get_content_key (live));

  g_assert_cmpuint (hs_trace_get_n_samples (reopened), ==, hs_trace_get_n_samples (live));
  for (guint i = 0; i < hs_trace_get_n_samples (live); i++)
    {
      g_assert_cmpfloat (hs_trace_get_sample_time (reopened, i), ==, hs_trace_get_sample_time (live, i));
      g_assert_cmpint (hs_trace_get_sample_wall_time (reopened, i), ==, hs_trace_get_sample_wall_time (live, i));
      g_assert_cmpint (hs_trace_get_sample_source (reopened, i), ==, hs_trace_get_sample_source (live, i));
      for (guint f = 0; f < hs_trace_get_n_sample_fields (live); f++)
        {
          const char *name = hs_trace_get_sample_field_name (live, f);
          int g = hs_trace_lookup_sample_field (reopened, name);
          double value = hs_trace_get_sample_value (live, f, i);

          if (!hs_trace_has_sample_field (live, f) || isnan (value))
            {
              /* an absent value is not written, and reads back absent */
              g_assert_true (g < 0 || isnan (hs_trace_get_sample_value (reopened, (guint) g, i)));
              continue;
            }
          g_assert_cmpint (g, >=, 0);
          g_assert_cmpfloat (hs_trace_get_sample_value (reopened, (guint) g, i), ==, value);
        }
    }
}

static void
save_session (HsTracePage *page,
              const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  app_test_save_session (page, file);
  assert_banner (page, "The session was saved to");
}

static HsTracePage *
open_settled (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsTracePage *page = hs_window_open_file (window, file, FALSE);

  wait_for (page_settled, page, path);
  return page;
}

/* Feeds a pipe with a file's bytes, a few at a time, from the main loop. */
typedef struct
{
  int         fd;
  const char *data;
  gsize       len;
  gsize       done;
  gsize       stop_at;    /* pauses here until moved on */
} Feeder;

static gboolean
feed_cb (gpointer user_data)
{
  Feeder *feeder = user_data;
  /* odd sizes: chunks end inside lines, as real pipes do */
  gsize n = MIN (MIN ((gsize) 777, feeder->len - feeder->done), feeder->stop_at - feeder->done);

  if (n > 0)
    {
      gssize written = write (feeder->fd, feeder->data + feeder->done, n);

      g_assert_cmpint (written, >, 0);
      feeder->done += (gsize) written;
    }

  return feeder->done < feeder->len ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
feeder_paused (gpointer data)
{
  Feeder *feeder = data;

  return feeder->done >= feeder->stop_at;
}

typedef struct
{
  HsTracePage *page;
  guint64      lines;
} LinesWait;

static gboolean
has_lines (gpointer data)
{
  LinesWait *wait = data;

  return hs_trace_get_line_counts (hs_trace_page_get_trace (wait->page))->lines >= wait->lines;
}

static guint
count_newlines (const char *data,
                gsize       len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    n += data[i] == '\n';
  return n;
}

/* Runs `heapscope --summary --json PATH` and returns its gc_cycles. */
static gint64
cli_cycles (const char *path)
{
  const char *args[] = { "--summary", "--json", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("\"gc_cycles\" : ([0-9]+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  if (app_test_run_heapscope (args, &out, &err) != 0)
    g_error ("heapscope --summary --json %s failed: %s", path, err);
  g_assert_true (g_regex_match (regex, out, 0, &match));
  number = g_match_info_fetch (match, 1);

  return g_ascii_strtoll (number, NULL, 10);
}

static void
test_pipe_save_reopen (void)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autofree char *half_path = g_build_filename (tmpdir, "half.heapscope-session", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "saved.heapscope-session", NULL);
  g_autofree char *cut_path = g_build_filename (tmpdir, "cut.heapscope-session", NULL);
  g_autofree char *raw = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_auto(GStrv) records = NULL;
  const HsSessionInfo *info;
  HsTracePage *live, *reopened, *half, *cut;
  guint gc_lines = grep_count (raw_path, "^gc [0-9]+ @[0-9.]+s [0-9]+%:");
  guint scvg_events = grep_count (raw_path, "^scvg[0-9]+: inuse:");
  Feeder feeder = { -1 };
  LinesWait lines_wait;
  guint half_lines;
  gsize raw_len;
  int fds[2];

  /* the sample, counted independently: 114 GC lines, 4 scavenger summaries */
  g_assert_cmpuint (gc_lines, ==, 114);
  g_assert_cmpuint (scvg_events, ==, 4);

  close_all_pages ();
  g_assert_cmpuint (count_spool_files (), ==, 0);
  g_assert_true (g_file_get_contents (raw_path, &raw, &raw_len, NULL));

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  in = g_unix_input_stream_new (fds[0], TRUE);
  live = hs_window_open_stream (window, in, "Standard input");
  g_assert_true (hs_trace_page_can_save_session (live));
  g_assert_cmpuint (count_spool_files (), ==, 1);

  /* half the log, then a save while the pipe stays open */
  feeder.fd = fds[1];
  feeder.data = raw;
  feeder.len = raw_len;
  feeder.stop_at = raw_len / 2;
  g_timeout_add (2, feed_cb, &feeder);
  wait_for (feeder_paused, &feeder, "half the log to be written");
  half_lines = count_newlines (raw, raw_len / 2);
  lines_wait.page = live;
  lines_wait.lines = half_lines;
  wait_for (has_lines, &lines_wait, "half the lines to be read");
  save_session (live, half_path);

  /* the rest, then the writer closes; recording went on after the first save */
  feeder.stop_at = raw_len;
  wait_for (feeder_paused, &feeder, "the whole log to be written");
  close (fds[1]);
  wait_for (page_settled, live, "the end of the stream");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (live)), ==, gc_lines);
  g_assert_cmpuint (hs_trace_get_n_events (hs_trace_page_get_trace (live)), ==, scvg_events);
  g_assert_true (hs_trace_page_can_save_session (live));
  save_session (live, saved_path);

  /* the saved file: a header, the pipe as its source, the bytes, an end record */
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  g_assert_true (g_str_has_prefix (saved, "{\"heapscope-session\":1,"));
  records = g_strsplit (saved, "\n", -1);
  g_assert_cmpuint (g_strv_length (records), >=, 4);
  g_assert_cmpstr (records[1], ==, "{\"source\":{\"kind\":\"pipe\",\"detail\":\"Standard input\"}}");
  {
    g_autofree char *end = g_strdup_printf ("{\"end\":{\"samples\":0,\"cycles\":0,\"bytes\":%" G_GSIZE_FORMAT "}}", raw_len);

    g_assert_cmpstr (records[g_strv_length (records) - 2], ==, end);
  }

  /* opened again in a tab of its own: the same trace, field by field */
  reopened = open_settled (saved_path);
  g_assert_cmpint (hs_trace_page_get_state (reopened), ==, HS_TRACE_PAGE_DONE);
  assert_traces_equal (hs_trace_page_get_trace (live), hs_trace_page_get_trace (reopened), TRUE);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (reopened)), ==, gc_lines);
  g_assert_cmpuint (hs_trace_get_n_events (hs_trace_page_get_trace (reopened)), ==, scvg_events);
  info = hs_trace_page_get_session_info (reopened);
  g_assert_nonnull (info);
  g_assert_true (info->complete);
  g_assert_cmpstr (info->name, ==, "Standard input");
  g_assert_cmpuint (info->sources->len, ==, 1);
  g_assert_false (has_banner (reopened, "incomplete"));
  g_assert_false (hs_trace_page_can_follow (reopened));
  g_assert_false (hs_trace_page_can_save_session (reopened));

  /* the save made halfway holds the first half: as many lines as were written by then */
  half = open_settled (half_path);
  g_assert_true (hs_trace_page_get_session_info (half)->complete);
  g_assert_cmpuint (hs_trace_get_line_counts (hs_trace_page_get_trace (half))->lines, >=, half_lines);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (half)), <, gc_lines);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (half)), >, 0);

  /* head -n: the header, the source and two chunks; no end record */
  {
    g_autofree char *head = g_strjoin ("\n", records[0], records[1], records[2], records[3], "", NULL);

    g_file_set_contents (cut_path, head, -1, NULL);
  }
  cut = open_settled (cut_path);
  g_assert_cmpint (hs_trace_page_get_state (cut), ==, HS_TRACE_PAGE_DONE);
  g_assert_false (hs_trace_page_get_session_info (cut)->complete);
  assert_banner (cut, "This recording is incomplete");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (cut)), <, gc_lines);

  /* the command line reads the session as it reads the raw log */
  g_assert_cmpint (cli_cycles (saved_path), ==, gc_lines);
  g_assert_cmpint (cli_cycles (raw_path), ==, gc_lines);

  /* closing the live tab deletes its spool */
  g_assert_cmpuint (count_spool_files (), ==, 1);
  hs_window_close_page (window, live);
  g_assert_cmpuint (count_spool_files (), ==, 0);
}

/* A damaged session (its end record counts other records): an error naming the line. */
static void
test_damaged (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "damaged.heapscope-session", NULL);
  const char *text =
    "{\"heapscope-session\":1,\"name\":\"x\",\"created_unix_us\":1796047372774396,\"generator\":\"test\"}\n"
    "{\"lines\":\"gc 1 @0.011s 2%: 0.015+0.41+0.003 ms clock, 0.060+0.23/0.32/0.10+0.012 ms cpu, 4->4->0 MB, 4 MB goal, 4 P\\n\"}\n"
    "{\"end\":{\"samples\":0,\"cycles\":0,\"bytes\":5}}\n";
  HsTracePage *page;

  close_all_pages ();
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  page = open_settled (path);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  assert_banner (page, "damaged.heapscope-session");
  assert_banner (page, "line 3: the end record counts other records");
}

/* --run: the program's output and its /proc samples, saved after it exited, read back equal. */
static void
test_run_save_reopen (void)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autofree char *saved_path = g_build_filename (tmpdir, "run.heapscope-session", NULL);
  g_autofree char *script = g_strdup_printf ("cat '%s' >&2; sleep 1", raw_path);
  const char *argv[] = { "/bin/sh", "-c", script, NULL };
  g_autofree char *saved = NULL;
  HsTracePage *live, *reopened;
  HsTrace *trace;
  const HsSessionInfo *info;

  close_all_pages ();
  live = hs_window_run_program (window, argv, tmpdir);
  g_assert_true (hs_trace_page_can_save_session (live));
  wait_for (page_settled, live, "the program to end");
  trace = hs_trace_page_get_trace (live);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, grep_count (raw_path, "^gc [0-9]+ @[0-9.]+s [0-9]+%:"));
  /* sampled every 250 ms for a second */
  g_assert_cmpuint (hs_trace_get_n_samples (trace), >=, 2);
  save_session (live, saved_path);

  /* one sample record per sample, counted in the file itself */
  g_assert_cmpuint (grep_count (saved_path, "^\\{\"sample\":"), ==, hs_trace_get_n_samples (trace));
  g_assert_cmpuint (grep_count (saved_path, "^\\{\"source\":\\{\"kind\":\"run\""), ==, 1);
  g_assert_cmpuint (grep_count (saved_path, "^\\{\"source\":\\{\"kind\":\"proc\""), ==, 1);

  reopened = open_settled (saved_path);
  assert_traces_equal (trace, hs_trace_page_get_trace (reopened), TRUE);
  info = hs_trace_page_get_session_info (reopened);
  g_assert_nonnull (info);
  g_assert_cmpuint (info->sources->len, ==, 2);
  g_assert_cmpstr (((HsSessionSource *) g_ptr_array_index (info->sources, 0))->kind, ==, "run");
}

static gboolean
page_recording (gpointer data)
{
  return hs_trace_page_can_save_session (data);
}

/*
 * The sample's first third (to a line's end, as a log being written usually is) in
 * @log_path, opened and followed; @raw and @raw_len get the whole sample, @first the length
 * written.
 */
static HsTracePage *
follow_first_third (const char  *log_path,
                    char       **raw,
                    gsize       *raw_len,
                    gsize       *first)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autoptr(GFile) log_file = g_file_new_for_path (log_path);
  HsTracePage *live;

  close_all_pages ();
  g_assert_true (g_file_get_contents (raw_path, raw, raw_len, NULL));
  *first = (gsize) (strchr (*raw + *raw_len / 3, '\n') - *raw) + 1;
  g_assert_true (g_file_set_contents (log_path, *raw, (gssize) *first, NULL));

  live = hs_window_open_file (window, log_file, TRUE);
  wait_for (page_recording, live, "following to start");

  return live;
}

/* --follow: the part loaded before following began is in the saved session too. */
static void
test_follow_save_reopen (void)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autofree char *log_path = g_build_filename (tmpdir, "followed.log", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "followed.heapscope-session", NULL);
  g_autofree char *raw = NULL;
  HsTracePage *live, *reopened;
  gsize raw_len, first;
  LinesWait lines_wait;
  FILE *f;

  live = follow_first_third (log_path, &raw, &raw_len, &first);

  f = fopen (log_path, "a");
  g_assert_nonnull (f);
  fwrite (raw + first, 1, raw_len - first, f);
  fclose (f);
  lines_wait.page = live;
  lines_wait.lines = count_newlines (raw, raw_len);
  wait_for (has_lines, &lines_wait, "the appended lines");

  save_session (live, saved_path);
  reopened = open_settled (saved_path);
  /* a followed log under 1 MiB keeps the key of the part loaded first; the session's is of all of it */
  assert_traces_equal (hs_trace_page_get_trace (live), hs_trace_page_get_trace (reopened), FALSE);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (reopened)), ==,
                    grep_count (raw_path, "^gc [0-9]+ @[0-9.]+s [0-9]+%:"));
  {
    g_autofree char *end = g_strdup_printf ("\"bytes\":%" G_GSIZE_FORMAT "}}", raw_len);
    g_autofree char *saved = NULL;

    g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
    g_assert_nonnull (strstr (saved, end));
  }
  hs_trace_page_set_follow (live, FALSE);
}

static gboolean
truncation_seen (gpointer data)
{
  return has_banner (data, "was truncated");
}

/*
 * copytruncate: the followed log is emptied in place and grows back past what was loaded.
 * Its loaded part is gone from it, so saving says so instead of writing the new lines twice.
 */
static void
test_follow_copytruncate (void)
{
  g_autofree char *log_path = g_build_filename (tmpdir, "rotated.log", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "rotated.heapscope-session", NULL);
  g_autofree char *raw = NULL;
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autoptr(GError) error = NULL;
  HsTracePage *live;
  gsize raw_len, first;
  FILE *f;

  live = follow_first_third (log_path, &raw, &raw_len, &first);

  /* emptied in place, then written again with more than was loaded */
  f = fopen (log_path, "w");
  g_assert_nonnull (f);
  fclose (f);
  wait_for (truncation_seen, live, "the truncation to be noticed");
  /* the same file (inode) grows back, as copytruncate leaves it for the program to write */
  f = fopen (log_path, "a");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (raw, 1, raw_len, f), ==, raw_len);
  fclose (f);

  g_assert_false (app_test_try_save_session (live, saved_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_assert_false (g_file_test (saved_path, G_FILE_TEST_EXISTS));
  hs_trace_page_set_follow (live, FALSE);
}

/* Spools a crashed Heapscope left: unlocked, they go a day after their last write. */
static void
test_stale_spools (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "spools", NULL);
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;
  const struct {
    gboolean    locked;        /* a running Heapscope records into it */
    gint64      age_s;
    gboolean    kept;
  } cases[] = {
    { FALSE, 2 * 24 * 3600, FALSE },  /* left by a crash, two days ago */
    { FALSE, 3600, TRUE },            /* an hour ago: a day to copy it by hand */
    { TRUE, 8 * 24 * 3600, TRUE },    /* an idle tab of a running Heapscope, however old */
  };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *other = NULL;
  int lock_fd = -1;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char *path = g_strdup_printf ("%s/session-%u-case%u.heapscope-session", dir, 4000000 + i, i);
      struct utimbuf times = { now_s - cases[i].age_s, now_s - cases[i].age_s };

      g_assert_true (g_file_set_contents (path, "{\"heapscope-session\":1}\n", -1, NULL));
      g_assert_cmpint (g_utime (path, &times), ==, 0);
      if (cases[i].locked)
        {
          lock_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
          g_assert_cmpint (flock (lock_fd, LOCK_EX | LOCK_NB), ==, 0);
        }
      g_ptr_array_add (paths, path);
    }
  /* not a spool: never touched */
  other = g_build_filename (dir, "notes.json", NULL);
  g_assert_true (g_file_set_contents (other, "{}", -1, NULL));

  hs_session_recorder_remove_stale_spools (dir);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (g_file_test (g_ptr_array_index (paths, i), G_FILE_TEST_EXISTS), ==, cases[i].kept);
      g_unlink (g_ptr_array_index (paths, i));
    }
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
  close (lock_fd);
  g_unlink (other);
  g_rmdir (dir);
}

/* Follow switched on after the log was truncated in place: the loaded part is gone from it. */
static void
test_follow_after_truncation (void)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autofree char *log_path = g_build_filename (tmpdir, "late.log", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "late.heapscope-session", NULL);
  g_autoptr(GFile) log_file = g_file_new_for_path (log_path);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *raw = NULL;
  gsize raw_len, first;
  HsTracePage *page;
  FILE *f;

  close_all_pages ();
  g_assert_true (g_file_get_contents (raw_path, &raw, &raw_len, NULL));
  first = (gsize) (strchr (raw + raw_len / 3, '\n') - raw) + 1;
  g_assert_true (g_file_set_contents (log_path, raw, (gssize) first, NULL));
  page = hs_window_open_file (window, log_file, FALSE);
  wait_for (page_settled, page, "the log to load");

  /* emptied in place while not followed, a few lines written again */
  f = fopen (log_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (raw, 1, 200, f), ==, 200);
  fclose (f);
  hs_trace_page_set_follow (page, TRUE);
  wait_for (page_recording, page, "following to start");
  /* it grows back past what was loaded: the same file, not the loaded part */
  f = fopen (log_path, "a");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (raw + 200, 1, raw_len - 200, f), ==, raw_len - 200);
  fclose (f);

  g_assert_false (app_test_try_save_session (page, saved_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_assert_false (g_file_test (saved_path, G_FILE_TEST_EXISTS));
  hs_trace_page_set_follow (page, FALSE);
}

static gboolean
has_read_new_file (gpointer data)
{
  HsLiveSource *live = hs_trace_page_get_live_source (data);

  return live != NULL && hs_live_source_get_offset (live) == 100;
}

/*
 * The log rotated (renamed, a new one started) while not followed: the loaded part is still
 * in the old file, which the recording kept open, and the session has it and the new lines.
 */
static void
test_follow_after_rotation (void)
{
  g_autofree char *raw_path = hs_test_sample_path (SAMPLE);
  g_autofree char *log_path = g_build_filename (tmpdir, "rotating.log", NULL);
  g_autofree char *old_path = g_build_filename (tmpdir, "rotating.log.1", NULL);
  g_autofree char *saved_path = g_build_filename (tmpdir, "rotating.heapscope-session", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autofree char *raw = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *end = NULL;
  gsize raw_len, first;
  HsTracePage *live;
  FILE *f;

  live = follow_first_third (log_path, &raw, &raw_len, &first);
  hs_trace_page_set_follow (live, FALSE);
  g_assert_cmpint (g_rename (log_path, old_path), ==, 0);
  /* the new log, shorter than where following stopped: read from its start */
  f = fopen (log_path, "w");
  g_assert_nonnull (f);
  g_assert_cmpuint (fwrite (raw, 1, 100, f), ==, 100);
  fclose (f);
  hs_trace_page_set_follow (live, TRUE);
  wait_for (page_recording, live, "following to start again");
  wait_for (has_read_new_file, live, "the new log to be read");

  app_test_save_session (live, saved_file);
  g_assert_true (g_file_get_contents (saved_path, &saved, NULL, NULL));
  /* the loaded part from the old file, then the new file's 100 bytes */
  end = g_strdup_printf ("\"bytes\":%" G_GSIZE_FORMAT "}}", first + 100);
  g_assert_nonnull (strstr (saved, end));
  hs_trace_page_set_follow (live, FALSE);
  g_unlink (old_path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  window = app_test_start (&argc, &argv, "test-session-app", &app, &tmpdir);

  g_test_add_func ("/session-app/pipe/save-reopen", test_pipe_save_reopen);
  g_test_add_func ("/session-app/damaged", test_damaged);
  g_test_add_func ("/session-app/run/save-reopen", test_run_save_reopen);
  g_test_add_func ("/session-app/follow/save-reopen", test_follow_save_reopen);
  g_test_add_func ("/session-app/follow/copytruncate", test_follow_copytruncate);
  g_test_add_func ("/session-app/stale-spools", test_stale_spools);
  g_test_add_func ("/session-app/follow/after-truncation", test_follow_after_truncation);
  g_test_add_func ("/session-app/follow/after-rotation", test_follow_after_rotation);

  status = g_test_run ();

  close_all_pages ();
  app_test_finish (g_steal_pointer (&app), window, g_steal_pointer (&tmpdir));

  return status;
}
