/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-table-widgets.c: the cycle and scavenger tables driven with real X events (xdotool) under Xvfb. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "table/hs-cycle-table.h"
#include "table/hs-memory-sample-table.h"
#include "table/hs-scavenger-table.h"
#include "trace/hs-trace-loader.h"
#include "trace/hs-trace-reader.h"
#include "test-chart-synth.h"

#define TITLE "heapscope-table-widget-test"

static HsTrace *trace;

typedef struct
{
  GtkWidget   *window;
  HsTableView *table;
  char        *window_id;
} Fixture;

static void
iterate (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @cond holds, for at most 5 s. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    for (guint wait_ = 0; wait_ < 500 && !(cond); wait_++) \
      iterate (10); \
  } G_STMT_END

static void
xdotool (const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);

  command = g_strdup_printf ("xdotool %s", args);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* let the X events arrive and be handled */
  iterate (150);
}

/* Shows @table alone in a window of its own and finds that window for xdotool. */
static void
fixture_show (Fixture   *fixture,
              GtkWidget *table)
{
  static guint serial;
  g_autofree char *title = g_strdup_printf ("%s-%u", TITLE, ++serial);
  g_autofree char *command = g_strdup_printf ("xdotool search --sync --name %s$", title);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), title);
  gtk_window_set_decorated (GTK_WINDOW (fixture->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 700);
  fixture->table = HS_TABLE_VIEW (table);
  gtk_window_set_child (GTK_WINDOW (fixture->window), table);
  gtk_window_present (GTK_WINDOW (fixture->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (hs_table_view_get_column_view (fixture->table))));
  iterate (300);

  g_assert_true (g_spawn_command_line_sync (command, &out, NULL, &status, &error));
  g_assert_no_error (error);
  fixture->window_id = g_strdup (g_strstrip (out));
  g_assert_cmpstr (fixture->window_id, !=, "");
  g_assert_null (strchr (fixture->window_id, '\n'));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  gboolean events = GPOINTER_TO_INT (data);

  fixture_show (fixture, events ? hs_scavenger_table_new (trace) : hs_cycle_table_new (trace));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_free (fixture->window_id);
  iterate (50);
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (hs_table_view_get_model (fixture->table)));
}

static gboolean
idle_with_rows (Fixture *fixture,
                guint    n)
{
  return !hs_table_model_get_busy (hs_table_view_get_model (fixture->table)) && n_rows (fixture) == n;
}

static GtkWidget *
find_list_view (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (hs_table_view_get_column_view (fixture->table));

  for (GtkWidget *child = gtk_widget_get_first_child (view); child; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;

  g_assert_not_reached ();
}

/* The position of @title among the visible columns. */
static int
visible_column (Fixture    *fixture,
                const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (hs_table_view_get_column_view (fixture->table));
  int k = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (!gtk_column_view_column_get_visible (column))
        continue;
      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return k;
      k++;
    }

  return -1;
}

static const char *
visible_column_title (Fixture *fixture,
                      int      n)
{
  GListModel *columns = gtk_column_view_get_columns (hs_table_view_get_column_view (fixture->table));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column) && n-- == 0)
        return gtk_column_view_column_get_title (column);
    }

  return NULL;
}

static GtkWidget *
nth_visible_child (GtkWidget *widget,
                   int        n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && n-- == 0)
      return child;

  return NULL;
}

static double
center_x (GtkWidget *widget,
          GtkWidget *window)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0, 0), &p));
  return p.x;
}

/* The header title of the column called @title (the header holds one per column, in order). */
static GtkWidget *
column_title (Fixture    *fixture,
              const char *title)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (hs_table_view_get_column_view (fixture->table)));
  GListModel *columns = gtk_column_view_get_columns (hs_table_view_get_column_view (fixture->table));
  GtkWidget *widget = gtk_widget_get_first_child (header);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++, widget = gtk_widget_get_next_sibling (widget))
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_nonnull (widget);
      if (gtk_column_view_column_get_visible (column) &&
          g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return widget;
    }

  return NULL;
}

/* The label under column @title in the row on screen whose first column reads @key. Cells are
 * found by position: GTK 4.8 appends the cells of a column shown later at the row's end. */
static GtkLabel *
cell_label (Fixture    *fixture,
            const char *key,
            const char *title)
{
  GtkWidget *first_title = column_title (fixture, visible_column_title (fixture, 0));
  GtkWidget *wanted = column_title (fixture, title);

  g_assert_nonnull (wanted);
  for (GtkWidget *row = gtk_widget_get_first_child (find_list_view (fixture)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkLabel *first = NULL;
      GtkLabel *found = NULL;

      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell; cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *label = gtk_widget_get_first_child (cell);
          double x;

          if (!gtk_widget_get_visible (cell) || !GTK_IS_LABEL (label))
            continue;
          x = center_x (cell, fixture->window);
          if (fabs (x - center_x (first_title, fixture->window)) < 2)
            first = GTK_LABEL (label);
          if (fabs (x - center_x (wanted, fixture->window)) < 2)
            found = GTK_LABEL (label);
        }

      if (first != NULL && g_strcmp0 (gtk_label_get_text (first), key) == 0)
        {
          g_assert_nonnull (found);
          return found;
        }
    }

  return NULL;
}

static void
assert_cell (Fixture    *fixture,
             const char *key,
             const char *title,
             const char *expected)
{
  GtkLabel *label = cell_label (fixture, key, title);

  if (label == NULL)
    g_error ("no row “%s” on screen", key);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
}

/* Clicks the middle of @widget, holding @modifier (an xdotool key name) unless NULL. */
static void
click_widget_with (Fixture    *fixture,
                   GtkWidget  *widget,
                   const char *modifier)
{
  graphene_point_t p;

  g_assert_true (gtk_widget_compute_point (widget, fixture->window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &p));
  if (modifier != NULL)
    xdotool ("mousemove --window %s %d %d keydown %s click 1 keyup %s", fixture->window_id,
             (int) p.x, (int) p.y, modifier, modifier);
  else
    xdotool ("mousemove --window %s %d %d click 1", fixture->window_id, (int) p.x, (int) p.y);
  iterate (300);   /* past the double-click time */
}

static void
click_widget (Fixture   *fixture,
              GtkWidget *widget)
{
  click_widget_with (fixture, widget, NULL);
}

static guint
gc_number_at (Fixture *fixture,
              guint    position)
{
  HsTableModel *model = hs_table_view_get_model (fixture->table);

  return (guint) hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, hs_table_model_get_trace_index (model, position));
}

static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkLabel *label;

  g_assert_cmpuint (n_rows (fixture), ==, 114);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "114 cycles");

  /* gc 3 @0.214s 1%: 1.9+0.71+0.045 ms clock, 3.8+0.39/0/2.6+0.091 ms cpu, 12->13->11 MB, 13 MB goal, 2 P;
   * the sample's phases reach 1.9 ms (shown in ms), its heaps 1784 MB (in MB) */
  label = cell_label (fixture, "3", "Pause (ms)");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "1.945");
  assert_cell (fixture, "3", "Time (s)", "0.214");
  assert_cell (fixture, "3", "Heap Before (MB)", "12");
  assert_cell (fixture, "3", "Live (MB)", "11");
  assert_cell (fixture, "3", "Background CPU (ms)", "0.000");
  assert_cell (fixture, "3", "Cause", "normal");
  assert_cell (fixture, "3", "Line", "4");
  g_assert_cmpfloat (gtk_label_get_xalign (label), ==, 1.0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "numeric"));

  /* Go 1.9 printed no stacks or globals, and the sample has no log prefix with a time */
  g_assert_cmpint (visible_column (fixture, "Stacks (MB)"), ==, -1);
  g_assert_cmpint (visible_column (fixture, "Wall Clock"), ==, -1);
  g_assert_cmpint (visible_column (fixture, "Sweep Term. (ms)"), >=, 0);
  /* the header says what a column means and aligns numbers' titles with them */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (column_title (fixture, "Pause (ms)")), ==,
                   "Time the program stood still: sweep termination + mark termination");
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  xdotool ("mousemove --window %s 600 400 click 1", fixture->window_id);
  xdotool ("key ctrl+f");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         GTK_WIDGET (hs_table_view_get_search_entry (fixture->table))));
  xdotool ("type --delay 30 'pause > 1ms'");
  WAIT_FOR (idle_with_rows (fixture, 2));
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  /* gc 3 (1.9 + 0.045 ms) and gc 101 (1.0 + 0.047 ms), in trace order */
  g_assert_cmpuint (gc_number_at (fixture, 0), ==, 3);
  g_assert_cmpuint (gc_number_at (fixture, 1), ==, 101);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "2 of 114 cycles");
  g_assert_cmpstr (hs_table_view_get_error_text (fixture->table), ==, "");

  /* an expression cut short says why and keeps the rows */
  xdotool ("type --delay 30 ' and'");
  WAIT_FOR (hs_table_view_get_error_text (fixture->table)[0] != '\0');
  g_assert_nonnull (strstr (hs_table_view_get_error_text (fixture->table), "ends too early"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hs_table_view_get_search_entry (fixture->table)), "error"));
  iterate (300);
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "2 of 114 cycles");

  /* finishing it clears the error */
  xdotool ("type --delay 30 ' heap < 5'");
  WAIT_FOR (hs_table_view_get_error_text (fixture->table)[0] == '\0' && idle_with_rows (fixture, 1));
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  g_assert_cmpuint (gc_number_at (fixture, 0), ==, 101);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "1 of 114 cycles");
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_select (Fixture       *fixture,
             gconstpointer  data)
{
  HsCycleTable *table = HS_CYCLE_TABLE (fixture->table);
  GtkSelectionModel *selection = gtk_column_view_get_model (hs_table_view_get_column_view (fixture->table));
  GtkAdjustment *vadjustment;
  GtkWidget *scrolled;
  guint notified = 0;

  g_signal_connect (table, "notify::selected-cycle", G_CALLBACK (notify_count_cb), &notified);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, -1);

  /* a click on gc 5's row selects cycle index 4 */
  click_widget (fixture, GTK_WIDGET (cell_label (fixture, "5", "Mark (ms)")));
  WAIT_FOR (hs_cycle_table_get_selected_cycle (table) == 4);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 4);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, 4));

  /* the keyboard moves it on */
  xdotool ("key Down");
  WAIT_FOR (hs_cycle_table_get_selected_cycle (table) == 5);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 5);

  /* shift+down extends the selection: the row it adds is the one shown on the charts */
  xdotool ("key shift+Down");
  WAIT_FOR (hs_cycle_table_get_selected_cycle (table) == 6);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 6);
  g_assert_true (gtk_selection_model_is_selected (selection, 5));
  g_assert_true (gtk_selection_model_is_selected (selection, 6));

  /* ctrl+click takes a row out again; the selection's first row is shown */
  click_widget_with (fixture, GTK_WIDGET (cell_label (fixture, "7", "GC")), "ctrl");
  WAIT_FOR (!gtk_selection_model_is_selected (selection, 6));
  g_assert_false (gtk_selection_model_is_selected (selection, 6));
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 5);

  /* a chart picks gc 110 (index 109): its row is selected and scrolled into view */
  scrolled = gtk_widget_get_parent (GTK_WIDGET (hs_table_view_get_column_view (fixture->table)));
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0.0);
  g_object_set (table, "selected-cycle", (gint64) 109, NULL);
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 109);
  g_assert_true (gtk_selection_model_is_selected (selection, 109));
  g_assert_false (gtk_selection_model_is_selected (selection, 5));
  iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0.0);
  g_assert_nonnull (cell_label (fixture, "110", "GC"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cell_label (fixture, "110", "GC"))));

  /* a filter that hides the row keeps the cycle selected; lifting it brings the row back */
  hs_table_model_set_filter_text (hs_table_view_get_model (fixture->table), "pause > 1ms", NULL);
  WAIT_FOR (idle_with_rows (fixture, 2));
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (table), ==, 109);
  hs_table_model_set_filter_text (hs_table_view_get_model (fixture->table), "", NULL);
  WAIT_FOR (idle_with_rows (fixture, 114));
  g_assert_true (gtk_selection_model_is_selected (selection, 109));

  hs_cycle_table_set_selected_cycle (table, -1);
  g_assert_false (gtk_selection_model_is_selected (selection, 109));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *header = NULL;
  GtkWidget *view = GTK_WIDGET (hs_table_view_get_column_view (fixture->table));
  int column = visible_column (fixture, "Pause (ms)");

  /* the header row is the column view's first child, its buttons in column order */
  header = nth_visible_child (gtk_widget_get_first_child (view), column);
  g_assert_nonnull (header);

  click_widget (fixture, header);
  WAIT_FOR (idle_with_rows (fixture, 114) && gc_number_at (fixture, 0) != 1);
  /* awk over the sample: the shortest pauses are gc 5 (0.012 ms) and gc 9 (0.023 ms) */
  g_assert_cmpuint (gc_number_at (fixture, 0), ==, 5);
  g_assert_cmpuint (gc_number_at (fixture, 1), ==, 9);

  click_widget (fixture, header);
  WAIT_FOR (idle_with_rows (fixture, 114) && gc_number_at (fixture, 0) != 5);
  /* the longest: gc 3 (1.945 ms), gc 101 (1.047 ms) */
  g_assert_cmpuint (gc_number_at (fixture, 0), ==, 3);
  g_assert_cmpuint (gc_number_at (fixture, 1), ==, 101);
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

#define HEADER "run\tgc\tline\ttime_s\tprocess_time_s\twall_time\tgc_cpu_percent\tsweep_term_ms\tmark_ms\t" \
               "mark_term_ms\tpause_ms\tcpu_sweep_term_ms\tcpu_assist_ms\tcpu_background_ms\tcpu_idle_ms\t" \
               "cpu_mark_term_ms\theap_before_mb\theap_after_mb\theap_live_mb\theap_goal_mb\tstacks_mb\t" \
               "globals_mb\tprocs\tcause\tprefix\n"
/* typed from lines 4 and 114 of the sample:
 * gc 3 @0.214s 1%: 1.9+0.71+0.045 ms clock, 3.8+0.39/0/2.6+0.091 ms cpu, 12->13->11 MB, 13 MB goal, 2 P
 * gc 101 @649.007s 0%: 1.0+0.76+0.047 ms clock, 2.1+0.22/1.8/0+0.094 ms cpu, 4->5->3 MB, 5 MB goal, 2 P */
#define GC3 "1\t3\t4\t0.214\t0.214\t\t1\t1.900\t0.710\t0.045\t1.945\t3.800\t0.390\t0.000\t2.600\t0.091\t" \
            "12\t13\t11\t13\t0\t0\t2\tnormal\t\n"
#define GC101 "1\t101\t114\t649.007\t649.007\t\t0\t1.000\t0.760\t0.047\t1.047\t2.100\t0.220\t1.800\t0.000\t" \
              "0.094\t4\t5\t3\t5\t0\t0\t2\tnormal\t\n"

static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->table));
  g_autofree char *text = NULL;

  g_assert_true (hs_table_model_set_filter_text (hs_table_view_get_model (fixture->table), "pause > 1ms", NULL));
  WAIT_FOR (idle_with_rows (fixture, 2));
  iterate (200);

  /* click gc 3, ctrl+click gc 101, ctrl+c */
  WAIT_FOR (cell_label (fixture, "101", "GC") != NULL);
  click_widget (fixture, GTK_WIDGET (cell_label (fixture, "3", "GC")));
  click_widget_with (fixture, GTK_WIDGET (cell_label (fixture, "101", "GC")), "ctrl");
  WAIT_FOR (hs_cycle_table_get_selected_cycle (HS_CYCLE_TABLE (fixture->table)) == 100);
  g_assert_true (gtk_selection_model_is_selected (gtk_column_view_get_model (hs_table_view_get_column_view (fixture->table)), 0));
  g_assert_cmpint (hs_cycle_table_get_selected_cycle (HS_CYCLE_TABLE (fixture->table)), ==, 100);
  xdotool ("key ctrl+c");

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &text);
  WAIT_FOR (text != NULL);
  g_assert_cmpstr (text, ==, HEADER GC3 GC101);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  int *done = user_data;
  g_autoptr(GError) error = NULL;

  *done = hs_table_view_export_finish (HS_TABLE_VIEW (object), result, &error) ? 1 : -1;
  g_assert_no_error (error);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("hs-table-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  int done = 0;

  /* filtered and sorted, written in the order shown: gc 101 (0.760 ms mark) before gc 3 (0.710) */
  g_assert_true (hs_table_model_set_filter_text (hs_table_view_get_model (fixture->table), "pause > 1ms", NULL));
  hs_table_model_set_sort (hs_table_view_get_model (fixture->table), HS_GC_FIELD_CLOCK_MARK, TRUE);
  WAIT_FOR (idle_with_rows (fixture, 2));

  hs_table_view_export_async (fixture->table, file, NULL, export_done_cb, &done);
  WAIT_FOR (done != 0);
  g_assert_cmpint (done, ==, 1);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  /* CSV: the copy's rows with commas and CRLF */
  lines = g_strsplit (HEADER GC101 GC3, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strdelimit (lines[i], "\t", ',');
  expected = g_strjoinv ("\r\n", lines);
  g_assert_cmpstr (contents, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_only_in_view (Fixture       *fixture,
                   gconstpointer  data)
{
  /* awk: 23 gc lines have @T >= 600 s */
  hs_cycle_table_set_visible_range (HS_CYCLE_TABLE (fixture->table), 600.0, 1e9);
  g_assert_cmpuint (n_rows (fixture), ==, 114);
  hs_table_view_set_only_in_view (fixture->table, TRUE);
  WAIT_FOR (idle_with_rows (fixture, 23));
  g_assert_cmpuint (n_rows (fixture), ==, 23);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "23 of 114 cycles");

  /* the range follows the charts while the toggle is on */
  hs_cycle_table_set_visible_range (HS_CYCLE_TABLE (fixture->table), 0.0, 0.1);
  WAIT_FOR (idle_with_rows (fixture, 2));
  g_assert_cmpuint (n_rows (fixture), ==, 2);   /* gc 1 @0.008s, gc 2 @0.059s */

  hs_table_view_set_only_in_view (fixture->table, FALSE);
  WAIT_FOR (idle_with_rows (fixture, 114));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "114 cycles");
}

static void
test_scavenger (Fixture       *fixture,
                gconstpointer  data)
{
  g_assert_cmpuint (n_rows (fixture), ==, 4);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "4 scavenger events");

  /* scvg3: 1767 MB released / scvg3: inuse: 5, idle: 1778, sys: 1784, released: 1767, consumed: 17 (MB),
   * after gc 91 (line 102), the 4th event */
  assert_cell (fixture, "4", "Released (MB)", "1767");
  assert_cell (fixture, "4", "Released Now (MB)", "1767");
  assert_cell (fixture, "4", "Consumed (MB)", "17");
  assert_cell (fixture, "4", "After GC", "91");
  assert_cell (fixture, "4", "Seq.", "3");
  /* the event starts at its "released" line */
  assert_cell (fixture, "4", "Line", "103");
  /* scvg0 released nothing on its own line */
  assert_cell (fixture, "1", "Released Now (MB)", "");
  assert_cell (fixture, "1", "In Use (MB)", "1642");

  /* scvg lines only: no scav columns */
  g_assert_cmpint (visible_column (fixture, "Work (KiB)"), ==, -1);
  g_assert_cmpint (visible_column (fixture, "Util (%)"), ==, -1);

  hs_table_model_set_filter_text (hs_table_view_get_model (fixture->table), "released > 1GiB", NULL);
  WAIT_FOR (idle_with_rows (fixture, 1));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture->table), ==, "1 of 4 scavenger events");

  WAIT_FOR (cell_label (fixture, "4", "Event") != NULL);
  click_widget (fixture, GTK_WIDGET (cell_label (fixture, "4", "Event")));
  WAIT_FOR (hs_scavenger_table_get_selected_event (HS_SCAVENGER_TABLE (fixture->table)) == 3);
  g_assert_cmpint (hs_scavenger_table_get_selected_event (HS_SCAVENGER_TABLE (fixture->table)), ==, 3);
}

/* A trace that grows while the table shows it: rows, columns and units follow. */
static void
test_live (void)
{
  g_autoptr(HsTrace) live = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (live);
  Fixture fixture = { 0 };
  const char *lines =
    "gc 1 @0.010s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";

  fixture_show (&fixture, hs_cycle_table_new (live));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "0 cycles");

  hs_trace_reader_feed (reader, lines, strlen (lines));
  iterate (300);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "1 cycle");
  /* 0.010 + 0.020 ms: below a millisecond, the column counts µs */
  assert_cell (&fixture, "1", "Pause (µs)", "30");
  assert_cell (&fixture, "1", "Heap Before (MB)", "4");
  g_assert_cmpint (visible_column (&fixture, "Stacks (MB)"), ==, -1);

  /* a 5 ms pause and a 20000 MB heap: the columns switch to ms and GB, old rows with them;
   * Go 1.18's stacks and globals appear */
  lines = "gc 2 @0.020s 1%: 5.0+1.0+0.020 ms clock, 10+0/1.0/0+0.040 ms cpu, 20000->20480->1 MB, "
          "5 MB goal, 3 MB stacks, 1 MB globals, 2 P (forced)\n";
  hs_trace_reader_feed (reader, lines, strlen (lines));
  iterate (300);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "2 cycles");
  g_assert_cmpint (visible_column (&fixture, "Pause (µs)"), ==, -1);
  assert_cell (&fixture, "1", "Pause (ms)", "0.030");
  assert_cell (&fixture, "2", "Pause (ms)", "5.020");
  /* 4 / 1024 = 0.0039 GB; 20000 / 1024 = 19.53125; 20480 / 1024 = 20 */
  assert_cell (&fixture, "1", "Heap Before (GB)", "0.00");
  assert_cell (&fixture, "2", "Heap Before (GB)", "19.53");
  assert_cell (&fixture, "2", "After (GB)", "20.00");
  /* the goal stays small: its column keeps MB */
  assert_cell (&fixture, "2", "Goal (MB)", "5");
  assert_cell (&fixture, "2", "Stacks (MB)", "3");
  /* like the CSV: gc 1's line printed no stacks */
  assert_cell (&fixture, "1", "Stacks (MB)", "0");
  assert_cell (&fixture, "2", "Cause", "forced");

  /* a log prefix with a time brings the wall clock column (in local time: TZ=UTC here) */
  g_assert_cmpint (visible_column (&fixture, "Wall Clock"), ==, -1);
  lines = "2024-05-01T10:00:00.123Z app: gc 3 @0.030s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, "
          "4->4->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 2 P\n";
  hs_trace_reader_feed (reader, lines, strlen (lines));
  iterate (300);
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "3 cycles");
  assert_cell (&fixture, "3", "Wall Clock", "2024-05-01 10:00:00.123");
  assert_cell (&fixture, "2", "Wall Clock", "");

  fixture_teardown (&fixture, NULL);
}

static void
append_proc_sample (HsTrace *live,
                    double   time,
                    double   rss,
                    double   virt)
{
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();
  guint row = hs_sample_table_append_row (samples, time, 0, HS_SAMPLE_SOURCE_PROC);

  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, rss);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, virt);
  hs_trace_append_samples (live, samples);
}

/*
 * RES and VIRT appear with the first process samples and show the sample nearest to each
 * cycle; a cycle polled from expvar shows “—” for what it does not know.
 */
static void
test_samples (void)
{
  g_autoptr(HsTrace) live = hs_trace_new ("live");
  g_autoptr(HsTraceReader) reader = hs_trace_reader_new (live);
  g_autoptr(HsTraceStore) store = hs_trace_store_new ();
  Fixture fixture = { 0 };
  HsGcRecord polled = { 0 };
  const char *lines =
    "gc 1 @1.000s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n"
    "gc 2 @2.000s 1%: 0.010+1.0+0.020 ms clock, 0.020+0/1.0/0+0.040 ms cpu, 4->4->1 MB, 5 MB goal, 2 P\n";

  hs_trace_reader_feed (reader, lines, strlen (lines));
  /* gc 3 polled at 3 s, a 1.5 ms pause */
  polled.number = 3;
  polled.time_ms = 3000;
  polled.clock_us[HS_CLOCK_SWEEP_TERM] = 1500;
  polled.flags = HS_GC_FLAG_SAMPLED;
  hs_trace_store_append_gc (store, &polled, 0, 0, 0);
  hs_trace_append_store (live, store, 0);

  fixture_show (&fixture, hs_cycle_table_new (live));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "3 cycles");
  g_assert_cmpint (visible_column (&fixture, "RES (MB)"), ==, -1);
  g_assert_cmpint (visible_column (&fixture, "VIRT (MB)"), ==, -1);
  assert_cell (&fixture, "3", "Pause (ms)", "1.500");
  /* known phases are 10 and 20 µs: gc 3's 1.5 ms, its whole pause, does not make the sweep
   * termination column count ms */
  assert_cell (&fixture, "3", "Sweep Term. (µs)", "—");
  assert_cell (&fixture, "3", "Mark Term. (µs)", "—");
  assert_cell (&fixture, "2", "Sweep Term. (µs)", "10");
  assert_cell (&fixture, "3", "Heap Before (MB)", "—");
  assert_cell (&fixture, "3", "P", "—");
  assert_cell (&fixture, "3", "Line", "—");
  assert_cell (&fixture, "3", "Cause", "polled");
  assert_cell (&fixture, "2", "Heap Before (MB)", "4");
  assert_cell (&fixture, "2", "Cause", "normal");

  /* 300.5 MiB at 0.9 s, 512 MiB at 2.9 s: gc 1 (1 s) reads the first; gc 2 (2 s, 1.1 s
   * from the first, 0.9 s from the second) and gc 3 the second */
  append_proc_sample (live, 0.9, 300.5 * 1048576, 1000.0 * 1048576);
  append_proc_sample (live, 2.9, 512.0 * 1048576, 1001.25 * 1048576);
  iterate (300);
  g_assert_cmpint (visible_column (&fixture, "RES (MB)"), >=, 0);
  assert_cell (&fixture, "1", "RES (MB)", "300.5");
  assert_cell (&fixture, "2", "RES (MB)", "512.0");
  assert_cell (&fixture, "3", "RES (MB)", "512.0");
  assert_cell (&fixture, "1", "VIRT (MB)", "1000.0");
  /* 1001.25 shows with one decimal, rounded half up */
  assert_cell (&fixture, "3", "VIRT (MB)", "1001.3");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (column_title (&fixture, "RES (MB)")), ==,
                   "Resident size (RES in top) sampled nearest to this cycle");

  /* a 20 GiB VIRT at 2.99 s: the column switches to GB, and gc 3 (3 s) reads the new sample */
  append_proc_sample (live, 2.99, 600.0 * 1048576, 20480.0 * 1048576);
  iterate (300);
  g_assert_cmpint (visible_column (&fixture, "VIRT (MB)"), ==, -1);
  /* 1000 / 1024 = 0.9766; 20480 / 1024 = 20 */
  assert_cell (&fixture, "1", "VIRT (GB)", "0.98");
  assert_cell (&fixture, "3", "VIRT (GB)", "20.00");
  assert_cell (&fixture, "3", "RES (MB)", "600.0");
  assert_cell (&fixture, "2", "RES (MB)", "512.0");

  fixture_teardown (&fixture, NULL);
}

/* The Memory Samples table: a column per value some sample has, “—” where a sample lacks it. */
static void
test_memory_samples (void)
{
  g_autoptr(HsTrace) live = hs_trace_new ("samples");
  g_autoptr(HsSampleTable) samples = hs_sample_table_new ();
  Fixture fixture = { 0 };
  guint row;

  fixture_show (&fixture, hs_memory_sample_table_new (live));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "0 memory samples");
  g_assert_cmpint (visible_column (&fixture, "RES (MB)"), ==, -1);

  row = hs_sample_table_append_row (samples, 0.25, G_GINT64_CONSTANT (1700000000250000), HS_SAMPLE_SOURCE_PROC);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_RSS, 7340032.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_VM_SIZE, 1258291200.0);
  row = hs_sample_table_append_row (samples, 1.0, G_GINT64_CONSTANT (1700000001000000), HS_SAMPLE_SOURCE_EXPVAR);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_HEAP_ALLOC, 4194321.0);
  hs_sample_table_set_value (samples, row, HS_SAMPLE_FIELD_GC_CPU_FRACTION, 0.0123456);
  hs_trace_append_samples (live, samples);
  iterate (300);

  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "2 memory samples");
  g_assert_cmpint (visible_column (&fixture, "RES (MB)"), >=, 0);
  g_assert_cmpint (visible_column (&fixture, "HeapAlloc (MB)"), >=, 0);
  g_assert_cmpint (visible_column (&fixture, "HeapIdle (MB)"), ==, -1);
  g_assert_cmpint (visible_column (&fixture, "RssAnon (MB)"), ==, -1);
  assert_cell (&fixture, "0.250", "Source", "proc");
  assert_cell (&fixture, "0.250", "Wall Clock", "2023-11-14 22:13:20.250");
  assert_cell (&fixture, "0.250", "RES (MB)", "7.0");
  assert_cell (&fixture, "0.250", "VIRT (MB)", "1200.0");
  assert_cell (&fixture, "0.250", "HeapAlloc (MB)", "—");
  assert_cell (&fixture, "0.250", "GCCPUFraction (%)", "—");
  assert_cell (&fixture, "1.000", "Source", "expvar");
  assert_cell (&fixture, "1.000", "RES (MB)", "—");
  /* 4194321 / 1048576 = 4.00002 */
  assert_cell (&fixture, "1.000", "HeapAlloc (MB)", "4.0");
  assert_cell (&fixture, "1.000", "GCCPUFraction (%)", "1.235");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (column_title (&fixture, "RES (MB)")), ==,
                   "Resident size (RES in top): VmRSS");

  fixture_teardown (&fixture, NULL);
}

static GtkWidget *
find_toolbar_child (HsTableView *table,
                    GType        type,
                    const char  *text)
{
  GtkWidget *toolbar = gtk_widget_get_first_child (GTK_WIDGET (table));

  for (GtkWidget *child = gtk_widget_get_first_child (toolbar); child; child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
        (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0))
      return child;

  return NULL;
}

/* A sort of a million rows runs on the worker: the table says so meanwhile and stays usable. */
static void
test_busy (void)
{
  g_autoptr(HsTrace) big = synth_trace (1000000, 10, 65536, NULL, NULL);
  g_autoptr(GtkColumnViewColumn) pause = NULL;
  Fixture fixture = { 0 };
  GtkWidget *spinner, *label;

  fixture_show (&fixture, hs_cycle_table_new (big));
  spinner = find_toolbar_child (fixture.table, GTK_TYPE_SPINNER, NULL);
  g_assert_nonnull (spinner);
  g_assert_false (gtk_widget_get_visible (spinner));

  /* what a click on the Pause header does */
  pause = g_list_model_get_item (gtk_column_view_get_columns (hs_table_view_get_column_view (fixture.table)), 8);
  g_assert_cmpstr (gtk_column_view_column_get_title (pause), ==, "Pause (µs)");
  gtk_column_view_sort_by_column (hs_table_view_get_column_view (fixture.table), pause, GTK_SORT_DESCENDING);
  g_assert_true (hs_table_model_get_busy (hs_table_view_get_model (fixture.table)));
  label = find_toolbar_child (fixture.table, GTK_TYPE_LABEL, "Sorting…");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  for (guint i = 0; i < 6000 && hs_table_model_get_busy (hs_table_view_get_model (fixture.table)); i++)
    iterate (10);
  g_assert_false (hs_table_model_get_busy (hs_table_view_get_model (fixture.table)));
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_cmpstr (hs_table_view_get_count_text (fixture.table), ==, "1000000 cycles");

  fixture_teardown (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  path = g_test_build_filename (G_TEST_DIST, "data", "samples", "go1.9-scavenger-release.log", NULL);
  file = g_file_new_for_path (path);
  trace = hs_trace_new ("go1.9-scavenger-release.log");
  g_assert_true (hs_trace_load_file_sync (trace, file, NULL, &error));
  g_assert_no_error (error);

#define ADD(name, events, func) \
  g_test_add ("/table/widget/" name, Fixture, GINT_TO_POINTER (events), fixture_setup, func, fixture_teardown)
  ADD ("rows", FALSE, test_rows);
  ADD ("filter", FALSE, test_filter);
  ADD ("select", FALSE, test_select);
  ADD ("sort", FALSE, test_sort);
  ADD ("copy", FALSE, test_copy);
  ADD ("export", FALSE, test_export);
  ADD ("only-in-view", FALSE, test_only_in_view);
  ADD ("scavenger", TRUE, test_scavenger);
#undef ADD
  g_test_add_func ("/table/widget/live", test_live);
  g_test_add_func ("/table/widget/samples", test_samples);
  g_test_add_func ("/table/widget/memory-samples", test_memory_samples);
  g_test_add_func ("/table/widget/busy", test_busy);

  status = g_test_run ();
  g_object_unref (trace);
  return status;
}
