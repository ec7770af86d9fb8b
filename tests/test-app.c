/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-app.c: the viewer under Xvfb: files, drops, pastes, pipes, FIFOs, followed files, programs, errors. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>
#include <time.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/hs-application.h"
#include "app/hs-live-source.h"
#include "app/hs-stats-panel.h"
#include "app/hs-trace-page.h"
#include "app/hs-window.h"
#include "hs-app-test-utils.h"
#include "trace/hs-summary.h"

static HsApplication *app;
static HsWindow *window;
static char *tmpdir;

static gboolean
page_live (gpointer data)
{
  return hs_trace_page_get_state (data) == HS_TRACE_PAGE_LIVE;
}

typedef struct
{
  HsTracePage *page;
  guint        n_cycles;
} CycleWait;

static gboolean
has_cycles (gpointer data)
{
  CycleWait *wait = data;

  return hs_trace_get_n_cycles (hs_trace_page_get_trace (wait->page)) >= wait->n_cycles;
}

static void
wait_for_cycles (HsTracePage *page,
                 guint        n_cycles)
{
  CycleWait wait = { page, n_cycles };
  g_autofree char *what = g_strdup_printf ("%u cycles", n_cycles);

  wait_for (has_cycles, &wait, what);
}

typedef struct
{
  HsTracePage *page;
  const char  *needle;
} BannerWait;

static gboolean
banner_shown (gpointer data)
{
  BannerWait *wait = data;

  return has_banner (wait->page, wait->needle);
}

static void
wait_for_banner (HsTracePage *page,
                 const char  *needle)
{
  BannerWait wait = { page, needle };

  wait_for (banner_shown, &wait, needle);
}

static char *
sample_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "samples", name, NULL);
}

/* A GC line of the Go 1.6–1.17 format; numbers chosen so that each field is easy to check. */
static char *
gc_line (guint n)
{
  return g_strdup_printf ("gc %u @%u.%03us 1%%: 0.010+0.50+0.020 ms clock, "
                          "0.040+0.10/0.40/0.30+0.080 ms cpu, 4->4->1 MB, 5 MB goal, 4 P\n",
                          n, n / 10, (n % 10) * 100);
}

static char *
gc_lines (guint first,
          guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *line = gc_line (i);

      g_string_append (text, line);
    }

  return g_string_free (text, FALSE);
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Truncates in place, as `> file` or copytruncate do: same inode, size 0, then new lines. */
static void
rewrite_file (const char *path,
              const char *text)
{
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  fputs (text, f);
  fclose (f);
}

static void
append_file (const char *path,
             const char *text)
{
  FILE *f = fopen (path, "a");

  g_assert_nonnull (f);
  fputs (text, f);
  fclose (f);
}

/* Independent count: lines of @path that begin a GC record of the 1.6+ format. */
static guint
count_gc_lines (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^gc [0-9]+ @[0-9.]+s [0-9]+%:", 0, 0, NULL);
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_regex_match (regex, lines[i], 0, NULL))
      n++;

  return n;
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

static void
close_all_pages (void)
{
  while (hs_window_get_n_pages (window) > 0)
    hs_window_close_page (window, hs_window_get_page (window, 0));
}

static const char *
stat_value (HsTracePage *page,
            const char  *key)
{
  HsStatsPanel *panel = HS_STATS_PANEL (hs_trace_page_get_stats_panel (page));

  hs_stats_panel_refresh (panel);
  return hs_stats_panel_get_value (panel, key);
}

/*
 * The panel builds its statistics batch by batch; they must equal hs_summary_compute ()
 * over the whole trace at once.
 */
static void
assert_panel_matches_summary (HsTracePage *page)
{
  HsStatsPanel *panel = HS_STATS_PANEL (hs_trace_page_get_stats_panel (page));
  HsTrace *trace = hs_trace_page_get_trace (page);
  const HsSummary *got;
  HsSummary want;

  hs_stats_panel_refresh (panel);
  got = hs_stats_panel_get_summary (panel);
  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &want);

  g_assert_cmpuint (got->n_cycles, ==, want.n_cycles);
  g_assert_cmpuint (got->forced_cycles, ==, want.forced_cycles);
  g_assert_cmpuint (got->periodic_cycles, ==, want.periodic_cycles);
  g_assert_cmpuint (got->n_events, ==, want.n_events);
  g_assert_cmpuint (got->heap_peak_mb, ==, want.heap_peak_mb);
  g_assert_cmpuint (got->live_peak_mb, ==, want.live_peak_mb);
  g_assert_cmpuint (got->goal_peak_mb, ==, want.goal_peak_mb);
  g_assert_cmpuint (got->procs_min, ==, want.procs_min);
  g_assert_cmpuint (got->procs_max, ==, want.procs_max);
  g_assert_cmpuint (got->pause_total_us, ==, want.pause_total_us);
  g_assert_cmpuint (got->pause_max_us, ==, want.pause_max_us);
  g_assert_cmpuint (got->pause_max_cycle, ==, want.pause_max_cycle);
  g_assert_cmpuint (got->pause_p50_us, ==, want.pause_p50_us);
  g_assert_cmpuint (got->pause_p90_us, ==, want.pause_p90_us);
  g_assert_cmpuint (got->pause_p95_us, ==, want.pause_p95_us);
  g_assert_cmpuint (got->pause_p99_us, ==, want.pause_p99_us);
  g_assert_cmpuint (got->pause_p999_us, ==, want.pause_p999_us);
  g_assert_cmpuint (got->cpu_percent_last, ==, want.cpu_percent_last);
  g_assert_cmpuint (got->released_kib, ==, want.released_kib);
  g_assert_cmpfloat (got->duration_s, ==, want.duration_s);
}

/* Tests */

static void
test_welcome (void)
{
  close_all_pages ();
  g_assert_true (hs_window_get_welcome_visible (window));
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 0);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Heapscope");
  /* Ctrl+W with no tab does nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL);
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 0);
}

static void
test_open_file (void)
{
  g_autofree char *path = sample_path ("go1.9-scavenger-release.log");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *cycles = NULL;
  g_autofree char *lines = NULL;
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, page, "the file to load");

  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  g_assert_false (hs_window_get_welcome_visible (window));
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, count_gc_lines (path));
  g_assert_cmpuint (hs_trace_get_line_counts (hs_trace_page_get_trace (page))->lines, ==, count_lines (path));
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, "go1.9-scavenger-release.log");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "go1.9-scavenger-release.log — Heapscope");

  /* the statistics panel shows the same counts, and peaks read off the file by hand */
  cycles = g_strdup_printf ("%u", count_gc_lines (path));
  lines = g_strdup_printf ("%u", count_lines (path));
  g_assert_cmpstr (stat_value (page, "cycles"), ==, cycles);
  g_assert_cmpstr (stat_value (page, "lines"), ==, lines);
  /* the largest A or B of "A->B->C MB" (awk over the file): 1783 MiB = 1.74 GiB */
  g_assert_cmpstr (stat_value (page, "heap-peak"), ==, "1.7\u00a0GiB");   /* g_format_size joins with a no-break space */
  /* the Memory Units menu: 1783 MiB = 1869.6 MB = 1.9 GB */
  g_action_group_activate_action (G_ACTION_GROUP (app), "memory-units", g_variant_new_string ("decimal"));
  g_assert_cmpstr (stat_value (page, "heap-peak"), ==, "1.9\u00a0GB");
  g_action_group_activate_action (G_ACTION_GROUP (app), "memory-units", g_variant_new_string ("binary"));
  g_assert_cmpstr (stat_value (page, "heap-peak"), ==, "1.7\u00a0GiB");
  g_assert_cmpstr (stat_value (page, "malformed"), ==, "0");
  assert_panel_matches_summary (page);
  {
    g_auto(GStrv) banners = hs_trace_page_get_banners (page);

    g_assert_cmpuint (g_strv_length (banners), ==, 0);
  }

  /* opening it again switches to its tab instead of a second one */
  g_assert_true (hs_window_open_file (window, file, FALSE) == page);
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 1);

  /* it is a recent trace now, and Open Recent opens it */
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autoptr(GtkRecentInfo) info = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, NULL);

    g_assert_nonnull (info);
    g_assert_true (gtk_recent_info_has_application (info, "heapscope"));
    close_all_pages ();
    spin (50);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
    g_assert_cmpuint (hs_window_get_n_pages (window), ==, 1);
    g_assert_cmpstr (hs_trace_page_get_title (hs_window_get_current_page (window)), ==,
                     "go1.9-scavenger-release.log");
    wait_for (page_settled, hs_window_get_current_page (window), "the recent file");
  }
}

static void
test_open_example (void)
{
  HsTracePage *page;

  close_all_pages ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-example", NULL));
  page = hs_window_get_current_page (window);
  g_assert_nonnull (page);
  wait_for (page_settled, page, "the example to load");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  /* the bundled copy is the shared sample: 114 "gc N @" lines (grep -c '^gc [0-9]* @') */
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 114);
  g_assert_false (hs_trace_page_can_follow (page));
}

static void
test_close_tab (void)
{
  g_autofree char *path = sample_path ("go1.19/steady.log");
  g_autofree char *path2 = sample_path ("go1.19/gogc800.log");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  HsTracePage *first;
  HsTracePage *second;

  close_all_pages ();
  first = hs_window_open_file (window, file, FALSE);
  second = hs_window_open_file (window, file2, FALSE);
  wait_for (page_settled, first, "the first file");
  wait_for (page_settled, second, "the second file");
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 2);
  assert_panel_matches_summary (first);
  assert_panel_matches_summary (second);
  g_assert_true (hs_window_get_current_page (window) == second);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "gogc800.log — Heapscope");

  /* Ctrl+W closes the current tab; the title follows the one left */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 1);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "steady.log — Heapscope");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-tab", NULL));
  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 0);
  g_assert_true (hs_window_get_welcome_visible (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Heapscope");
}

static void
test_error_missing (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "no-such-trace.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, page, "the missing file");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  assert_banner (page, "no-such-trace.log: there is no such file");
}

static void
test_error_directory (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (tmpdir);
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, page, "the folder");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  assert_banner (page, "it is a folder, not a trace file");
}

static void
test_error_not_a_trace (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsTracePage *page;

  close_all_pages ();
  write_file (path, "shopping list\nmilk\nbread\n");
  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, page, "the text file");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  assert_banner (page, "No Go GC trace lines found in notes.txt (3 lines read)");
}

static void
test_error_malformed (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "malformed.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *good = gc_lines (1, 3);
  g_autofree char *text = NULL;
  HsTracePage *page;

  close_all_pages ();
  /* line 4 starts like a GC record and then is not one */
  text = g_strconcat (good, "gc 4 @0.400s 1%: garbage\n", NULL);
  write_file (path, text);
  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_settled, page, "the file with a malformed line");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 3);
  assert_banner (page, "1 malformed line could not be read (first at line 4)");

  /* Show Lines lists it with its number */
  hs_trace_page_show_malformed (page);
  spin (50);
  g_assert_cmpstr (stat_value (page, "malformed"), ==, "1");
}

static gboolean
page_loading (gpointer data)
{
  return hs_trace_page_get_state (data) != HS_TRACE_PAGE_EMPTY;
}

static void
test_cancel (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "large.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) text = g_string_new (NULL);
  HsTracePage *page;
  guint n_cycles;

  close_all_pages ();
  /* 40 MB: long enough to cancel while it loads */
  for (guint i = 1; i <= 400000; i++)
    {
      g_autofree char *line = gc_line (i);

      g_string_append (text, line);
    }
  write_file (path, text->str);

  page = hs_window_open_file (window, file, FALSE);
  wait_for (page_loading, page, "loading to start");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LOADING);
  hs_trace_page_cancel (page);
  wait_for (page_settled, page, "loading to stop");

  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  assert_banner (page, "Loading was cancelled");
  n_cycles = hs_trace_get_n_cycles (hs_trace_page_get_trace (page));
  g_assert_cmpuint (n_cycles, <, 400000);

  /* Reload reads it all */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  spin (1);
  wait_for (page_settled, page, "the reload");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 400000);
  g_assert_false (has_banner (page, "cancelled"));
  g_assert_cmpfloat (hs_trace_page_get_progress (page), ==, 1.0);
  assert_panel_matches_summary (page);
}

static void
test_drop_files (void)
{
  g_autofree char *path1 = sample_path ("go1.19/steady.log");
  g_autofree char *path2 = sample_path ("go1.19/memlimit.log");
  g_autoptr(GFile) file1 = g_file_new_for_path (path1);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  GSList *list = NULL;
  GValue value = G_VALUE_INIT;

  close_all_pages ();
  list = g_slist_append (list, file1);
  list = g_slist_append (list, file2);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, list);
  g_assert_true (hs_window_handle_drop (window, &value));
  g_value_unset (&value);
  g_slist_free (list);

  g_assert_cmpuint (hs_window_get_n_pages (window), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      HsTracePage *page = hs_window_get_page (window, i);
      const char *path = i == 0 ? path1 : path2;

      wait_for (page_settled, page, "a dropped file");
      g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, count_gc_lines (path));
    }
  g_assert_cmpstr (hs_trace_page_get_title (hs_window_get_page (window, 1)), ==, "memlimit.log");
}

static void
test_drop_text (void)
{
  g_autofree char *lines = gc_lines (1, 7);
  g_autofree char *text = g_strconcat ("$ GODEBUG=gctrace=1 ./server\nlistening on :8080\n", lines, NULL);
  GValue value = G_VALUE_INIT;
  HsTracePage *page;

  close_all_pages ();
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  g_assert_true (hs_window_handle_drop (window, &value));
  g_value_unset (&value);

  page = hs_window_get_current_page (window);
  wait_for (page_settled, page, "the dropped text");
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, "Untitled trace");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 7);
  g_assert_cmpuint (hs_trace_get_line_counts (hs_trace_page_get_trace (page))->foreign, ==, 2);
}

static void
test_paste (void)
{
  g_autofree char *text = gc_lines (1, 4);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  HsTracePage *page;

  close_all_pages ();
  gdk_clipboard_set_text (clipboard, text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.paste", NULL));
  while (hs_window_get_n_pages (window) == 0)
    g_main_context_iteration (NULL, TRUE);

  page = hs_window_get_current_page (window);
  wait_for (page_settled, page, "the pasted text");
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, "Untitled trace");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 4);
}

typedef struct
{
  int   fd;
  guint next;
  guint last;
} Writer;

/* Writes one GC line every tick, as a Go program would; closes the pipe after the last. */
static gboolean
writer_tick_cb (gpointer data)
{
  Writer *writer = data;
  g_autofree char *line = gc_line (writer->next);

  g_assert_cmpint (write (writer->fd, line, strlen (line)), ==, (gssize) strlen (line));
  writer->next++;

  return writer->next <= writer->last ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_live_pipe (void)
{
  g_autoptr(GInputStream) in = NULL;
  Writer writer = { -1, 1, 6 };
  int fds[2];
  HsTracePage *page;

  close_all_pages ();
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  writer.fd = fds[1];
  in = g_unix_input_stream_new (fds[0], TRUE);
  page = hs_window_open_stream (window, in, "Standard input");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);

  /* lines come over time and show as they arrive */
  g_timeout_add (30, writer_tick_cb, &writer);
  wait_for_cycles (page, 3);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  wait_for_cycles (page, 6);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);

  /* a half-written line waits for its newline */
  g_assert_cmpint (write (writer.fd, "gc 7 @0.7", 9), ==, 9);
  spin (100);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 6);
  {
    const char *rest = "00s 1%: 0.010+0.50+0.020 ms clock, 0.040+0.10/0.40/0.30+0.080 ms cpu, 4->4->1 MB, 5 MB goal, 4 P\n";

    g_assert_cmpint (write (writer.fd, rest, strlen (rest)), ==, (gssize) strlen (rest));
  }
  wait_for_cycles (page, 7);

  /* the writer closes: the tab says so and keeps everything */
  close (writer.fd);
  wait_for (page_settled, page, "the end of the stream");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 7);
  assert_banner (page, "The stream ended");
  assert_panel_matches_summary (page);
}

typedef struct
{
  const char *path;
  int         fd;
} FifoOpen;

static gboolean
fifo_opened (gpointer data)
{
  FifoOpen *open_data = data;

  /* without a reader yet, a non-blocking open for writing fails with ENXIO */
  open_data->fd = open (open_data->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (open_data->fd < 0)
    g_assert_cmpint (errno, ==, ENXIO);

  return open_data->fd >= 0;
}

static void
test_live_fifo (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "trace.fifo", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *lines = gc_lines (1, 5);
  FifoOpen open_data = { path, -1 };
  HsTracePage *page;

  close_all_pages ();
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  page = hs_window_open_file (window, file, FALSE);

  /* the window does not wait for the writer: it keeps drawing meanwhile */
  spin (100);
  g_assert_cmpint (hs_trace_page_get_state (page), !=, HS_TRACE_PAGE_LOADING);

  wait_for (fifo_opened, &open_data, "the FIFO's reader");
  wait_for (page_live, page, "the FIFO to be read live");
  g_assert_cmpint (write (open_data.fd, lines, strlen (lines)), ==, (gssize) strlen (lines));
  wait_for_cycles (page, 5);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  g_assert_false (hs_trace_page_can_follow (page));

  close (open_data.fd);
  wait_for (page_settled, page, "the FIFO's end");
  assert_banner (page, "The stream ended");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 5);
  g_unlink (path);
}

static void
test_follow (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "growing.log", NULL);
  g_autofree char *moved = g_build_filename (tmpdir, "growing.log.1", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first = gc_lines (1, 3);
  g_autofree char *more = gc_lines (4, 2);
  g_autofree char *restart = gc_lines (1, 2);
  g_autofree char *rotated = gc_lines (1, 4);
  HsTracePage *page;
  HsTrace *trace;
  gint64 start;
  gint64 latency_us;

  close_all_pages ();
  write_file (path, first);
  page = hs_window_open_file (window, file, TRUE);
  wait_for (page_live, page, "following to start");
  trace = hs_trace_page_get_trace (page);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 3);
  g_assert_true (hs_trace_page_get_follow (page));

  /* lines appended show, numbered after those the loader read (how fast is for a benchmark
   * to say, not a test on a loaded CI machine: the latency is only reported here) */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *line = gc_line (4 + i);

      spin (20 + 70 * i);
      start = g_get_monotonic_time ();
      append_file (path, line);
      wait_for_cycles (page, 4 + i);
      latency_us = g_get_monotonic_time () - start;
      g_test_message ("appended line shown after %.1f ms", latency_us / 1000.0);
    }
  g_assert_cmpuint (hs_trace_get_gc_line (trace, 4), ==, 5);

  /* truncated and written again by a restarted process: a new run, nothing lost */
  rewrite_file (path, restart);
  wait_for_banner (page, "was truncated");
  wait_for_cycles (page, 7);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 2);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);

  /* rotated: renamed away, a new file in its place */
  g_assert_cmpint (g_rename (path, moved), ==, 0);
  write_file (path, rotated);
  wait_for_banner (page, "was replaced by a new file");
  wait_for_cycles (page, 11);
  g_assert_cmpuint (hs_trace_get_n_runs (trace), ==, 3);

  /* the Follow switch off: no more reading */
  hs_trace_page_set_follow (page, FALSE);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  append_file (path, more);
  spin (300);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 11);

  /* …and on again: goes on where it stopped */
  hs_trace_page_set_follow (page, TRUE);
  wait_for_cycles (page, 13);
  g_assert_cmpuint (hs_trace_get_n_cycles (trace), ==, 13);
  assert_panel_matches_summary (page);
  hs_trace_page_set_follow (page, FALSE);
}

static char *
program_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "gctrace-program.sh", NULL);
}

/* What top showed for a program Heapscope ran: sampled from /proc from the moment it started. */
static void
assert_process_sampled (HsTrace *trace)
{
  g_assert_cmpuint (hs_trace_get_n_samples (trace), >=, 1);
  g_assert_cmpint (hs_trace_get_sample_source (trace, 0), ==, HS_SAMPLE_SOURCE_PROC);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), >=, 0.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (trace, 0), <, 1.0);
  /* the first sample may catch the child in exec, with a few pages resident: not zero */
  for (guint i = 0; i < hs_trace_get_n_samples (trace); i++)
    {
      double rss = hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_RSS, i);

      g_assert_cmpfloat (rss, >, 0.0);
      g_assert_cmpfloat (hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_VM_SIZE, i), >=, rss);
    }
}

static gboolean
sampled_twice (gpointer data)
{
  return hs_trace_get_n_samples (hs_trace_page_get_trace (data)) >= 2;
}

static void
test_run_exit (void)
{
  g_autofree char *program = program_path ();
  const char *argv[] = { program, "4", "0.05", "3", NULL };
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_run_program (window, argv, tmpdir);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  g_assert_cmpstr (hs_trace_page_get_title (page), ==, "gctrace-program.sh");
  wait_for (page_settled, page, "the program to end");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_DONE);
  /* the script prints 4 GC lines and 4 lines of its own to stderr */
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 4);
  g_assert_cmpuint (hs_trace_get_line_counts (hs_trace_page_get_trace (page))->foreign, ==, 4);
  assert_banner (page, "gctrace-program.sh exited with status 3");
  assert_process_sampled (hs_trace_page_get_trace (page));
}

static void
test_run_stop (void)
{
  g_autofree char *program = program_path ();
  const char *argv[] = { program, "3", "0.05", "wait", NULL };
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_run_program (window, argv, NULL);
  wait_for_cycles (page, 3);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_LIVE);
  /* every 250 ms while it runs; by the second sample the shell runs: more than 64 KiB resident */
  wait_for (sampled_twice, page, "a second memory sample");
  g_assert_cmpfloat (hs_trace_get_sample_value (hs_trace_page_get_trace (page), HS_SAMPLE_FIELD_RSS, 1), >, 64.0 * 1024.0);
  g_assert_cmpfloat (hs_trace_get_sample_time (hs_trace_page_get_trace (page), 1), >,
                     hs_trace_get_sample_time (hs_trace_page_get_trace (page), 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  wait_for (page_settled, page, "the program to stop");
  assert_banner (page, "gctrace-program.sh was stopped");
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, 3);
}

static void
test_run_missing (void)
{
  const char *argv[] = { "/nonexistent/go-server", "--port", "8080", NULL };
  HsTracePage *page;

  close_all_pages ();
  page = hs_window_run_program (window, argv, NULL);
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  assert_banner (page, "Could not start /nonexistent/go-server --port 8080");
}

typedef struct
{
  gint64 last_tick;
  gint64 max_gap;
  gint64 last_cpu;
  gint64 max_cpu_gap;
  gint64 frame_start;
  gint64 max_frame;
  guint  n_frames;
} Responsiveness;

/* CPU time of the calling thread: what the main thread itself spent, whatever else runs. */
static gint64
thread_cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A high-priority tick every 5 ms: the longest gap between two is the longest main-thread block. */
static gboolean
tick_cb (gpointer data)
{
  Responsiveness *r = data;
  gint64 now = g_get_monotonic_time ();

  gint64 cpu = thread_cpu_time_us ();

  if (r->last_tick != 0)
    {
      r->max_gap = MAX (r->max_gap, now - r->last_tick);
      r->max_cpu_gap = MAX (r->max_cpu_gap, cpu - r->last_cpu);
      if (cpu - r->last_cpu > 20000 && g_getenv ("HS_DEBUG_GAPS") != NULL)
        g_printerr ("main thread: %.1f ms of CPU (%.1f ms wall) before %u cycles\n",
                    (cpu - r->last_cpu) / 1000.0, (now - r->last_tick) / 1000.0,
                    hs_trace_get_n_cycles (hs_trace_page_get_trace (hs_window_get_current_page (window))));
    }
  r->last_tick = now;
  r->last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
before_paint_cb (GdkFrameClock  *clock,
                 Responsiveness *r)
{
  r->frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock  *clock,
                Responsiveness *r)
{
  r->max_frame = MAX (r->max_frame, g_get_monotonic_time () - r->frame_start);
  r->n_frames++;
}

/*
 * Loading a large file keeps the window responsive: the main thread never works for more
 * than 50 ms at a stretch (its own CPU time between two 5 ms ticks, so that other processes
 * on a busy machine do not count; the wall-clock gaps are printed too). Slow (-m slow);
 * HS_RESPONSIVE_MB sets the file's size (default 256 MB).
 */
static void
test_responsive (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "huge.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *mb_env = g_getenv ("HS_RESPONSIVE_MB");
  guint64 target = (mb_env != NULL ? g_ascii_strtoull (mb_env, NULL, 10) : 256) << 20;
  GdkFrameClock *clock;
  Responsiveness r = { 0 };
  guint64 written = 0;
  guint n_lines = 0;
  gint64 start;
  guint tick_id;
  HsTracePage *page;
  FILE *f;

  if (!g_test_slow ())
    {
      g_test_skip ("a large file: run with -m slow");
      return;
    }

  close_all_pages ();
  f = fopen (path, "w");
  g_assert_nonnull (f);
  while (written < target)
    {
      g_autofree char *line = gc_line (++n_lines);

      written += strlen (line);
      fputs (line, f);
    }
  fclose (f);

  page = hs_window_open_file (window, file, FALSE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &r);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &r);
  tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 5, tick_cb, &r, NULL);
  start = g_get_monotonic_time ();
  wait_for_seconds (page_settled, page, "the large file", 1200);
  g_source_remove (tick_id);
  g_signal_handlers_disconnect_by_data (clock, &r);

  g_test_message ("%.0f MB, %u cycles in %.2f s; longest main-thread stretch %.1f ms of CPU "
                  "(%.1f ms wall clock); %u frames, longest %.1f ms wall clock",
                  written / 1048576.0, n_lines, (g_get_monotonic_time () - start) / 1e6,
                  r.max_cpu_gap / 1000.0, r.max_gap / 1000.0, r.n_frames, r.max_frame / 1000.0);
  g_assert_cmpuint (hs_trace_get_n_cycles (hs_trace_page_get_trace (page)), ==, n_lines);
  g_assert_cmpint (r.max_cpu_gap, <, 50 * 1000);
  close_all_pages ();
  g_unlink (path);
}

/* The charts will replace the statistics panel: the page keeps the panel and its banners. */
static void
test_set_content (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "nothing-here.log", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  HsTracePage *page;
  GtkWidget *panel;
  g_autoptr(GtkWidget) content = g_object_ref_sink (gtk_label_new ("charts"));

  close_all_pages ();
  page = hs_window_open_example (window);
  wait_for (page_settled, page, "the example");
  panel = hs_trace_page_get_stats_panel (page);
  g_assert_true (gtk_widget_get_visible (panel));

  hs_trace_page_set_content (page, content);
  g_assert_true (gtk_widget_get_ancestor (content, HS_TYPE_TRACE_PAGE) == GTK_WIDGET (page));
  g_assert_null (gtk_widget_get_parent (panel));
  g_assert_true (HS_IS_STATS_PANEL (hs_trace_page_get_stats_panel (page)));
  g_assert_cmpstr (stat_value (page, "cycles"), ==, "114");

  /* opening another trace shows that trace's own view, and the panel moves into it */
  hs_trace_page_open_file (page, file, FALSE);
  wait_for (page_settled, page, "the missing file");
  g_assert_cmpint (hs_trace_page_get_state (page), ==, HS_TRACE_PAGE_FAILED);
  g_assert_null (gtk_widget_get_parent (content));
  g_assert_true (gtk_widget_get_ancestor (panel, HS_TYPE_TRACE_PAGE) == GTK_WIDGET (page));
}

/* The real binary: heapscope --run forwards the program's stdout and sets GODEBUG. */
static void
test_command_line_run (void)
{
  const char *binary = g_getenv ("HEAPSCOPE");
  g_autofree char *program = program_path ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) viewer = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *rest = NULL;

  if (binary == NULL)
    {
      g_test_skip ("HEAPSCOPE is not set");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "GODEBUG", "madvdontneed=1,gctrace=0", TRUE);
  viewer = g_subprocess_launcher_spawn (launcher, &error, binary, "--run", "--", program, "2", "0.05", "wait", NULL);
  g_assert_no_error (error);

  /* the program's first stdout line, passed through unchanged: its GODEBUG */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (viewer));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "# GODEBUG=madvdontneed=1,gctrace=1,scavtrace=1");

  /* the viewer goes: the program it started goes with it, and its stdout closes */
  g_subprocess_send_signal (viewer, SIGTERM);
  g_assert_true (g_subprocess_wait (viewer, NULL, &error));
  rest = g_data_input_stream_read_upto (out, "", 0, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* heapscope --run without a program says what is missing and fails. */
static void
test_command_line_run_missing (void)
{
  const char *binary = g_getenv ("HEAPSCOPE");
  g_autoptr(GSubprocess) viewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  if (binary == NULL)
    {
      g_test_skip ("HEAPSCOPE is not set");
      return;
    }

  viewer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, binary, "--run", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (viewer, NULL, NULL, NULL, &err, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (viewer), ==, 2);
  g_assert_nonnull (strstr (err, "--run needs a program"));
}

static void
test_environment (void)
{
  const char *env1[] = { "HOME=/root", "GODEBUG=madvdontneed=1,gctrace=0", NULL };
  const char *env2[] = { "HOME=/root", NULL };
  g_auto(GStrv) out1 = hs_live_source_build_environment (env1);
  g_auto(GStrv) out2 = hs_live_source_build_environment (env2);

  g_assert_cmpstr (g_environ_getenv (out1, "GODEBUG"), ==, "madvdontneed=1,gctrace=1,scavtrace=1");
  g_assert_cmpstr (g_environ_getenv (out1, "HOME"), ==, "/root");
  g_assert_cmpstr (g_environ_getenv (out2, "GODEBUG"), ==, "gctrace=1,scavtrace=1");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  window = app_test_start (&argc, &argv, "test-app", &app, &tmpdir);

  g_test_add_func ("/app/window/welcome", test_welcome);
  g_test_add_func ("/app/open/file", test_open_file);
  g_test_add_func ("/app/open/example", test_open_example);
  g_test_add_func ("/app/window/close-tab", test_close_tab);
  g_test_add_func ("/app/error/missing", test_error_missing);
  g_test_add_func ("/app/error/directory", test_error_directory);
  g_test_add_func ("/app/error/not-a-trace", test_error_not_a_trace);
  g_test_add_func ("/app/error/malformed", test_error_malformed);
  g_test_add_func ("/app/open/cancel", test_cancel);
  g_test_add_func ("/app/drop/files", test_drop_files);
  g_test_add_func ("/app/drop/text", test_drop_text);
  g_test_add_func ("/app/paste/text", test_paste);
  g_test_add_func ("/app/live/pipe", test_live_pipe);
  g_test_add_func ("/app/live/fifo", test_live_fifo);
  g_test_add_func ("/app/live/follow", test_follow);
  g_test_add_func ("/app/run/exit", test_run_exit);
  g_test_add_func ("/app/run/stop", test_run_stop);
  g_test_add_func ("/app/run/missing", test_run_missing);
  g_test_add_func ("/app/run/environment", test_environment);
  g_test_add_func ("/app/command-line/run", test_command_line_run);
  g_test_add_func ("/app/command-line/run-missing", test_command_line_run_missing);
  g_test_add_func ("/app/page/set-content", test_set_content);
  g_test_add_func ("/app/open/responsive", test_responsive);

  status = g_test_run ();

  app_test_finish (g_steal_pointer (&app), window, g_steal_pointer (&tmpdir));

  return status;
}
