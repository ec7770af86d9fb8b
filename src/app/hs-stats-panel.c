/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-stats-panel.c: cards of statistics (pauses, heap, lines) over the whole trace. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "hs-application.h"
#include "hs-stats-panel.h"
#include "trace/hs-summary.h"

/* A growing trace refreshes at most this often. */
#define REFRESH_MS 250
/* Catching up with many new cycles gives the main thread back after this long… */
#define SLICE_BUDGET_US (12 * 1000)
/* …checking the clock every this many cycles. */
#define SLICE_CYCLES 16384

typedef enum
{
  GROUP_TRACE,
  GROUP_GC,
  GROUP_PAUSES,
  GROUP_HEAP,
  GROUP_SCAVENGER,
  N_GROUPS
} Group;

typedef struct
{
  const char *key;        /* stable name, for tests and for whoever wants one value */
  Group       group;
  const char *title;
  const char *tooltip;
} Row;

static const char * const group_titles[N_GROUPS] = {
  N_("Trace"),
  N_("Garbage Collection"),
  N_("Stop-the-World Pauses"),
  N_("Heap"),
  N_("Scavenger"),
};

static const Row rows[] = {
  { "source", GROUP_TRACE, N_("Source"), NULL },
  { "format", GROUP_TRACE, N_("Format"), N_("The Go versions whose runtime prints lines like these") },
  { "lines", GROUP_TRACE, N_("Lines read"), NULL },
  { "parsed", GROUP_TRACE, N_("Runtime lines"), N_("GC cycles, scavenger events, GC forced markers and other runtime lines") },
  { "skipped", GROUP_TRACE, N_("Other output"), N_("Lines of the program’s own output, skipped") },
  { "malformed", GROUP_TRACE, N_("Malformed"), N_("Lines that look like the runtime’s but could not be read") },
  { "unsupported", GROUP_TRACE, N_("Go 1.0–1.4 lines"), N_("Recognised, but not read") },
  { "runs", GROUP_TRACE, N_("Runs"), N_("Process lifetimes: the GC counter restarting starts a new run") },
  { "duration", GROUP_GC, N_("Duration"), N_("From the start of the first process to the last GC cycle") },
  { "cycles", GROUP_GC, N_("GC cycles"), NULL },
  { "forced", GROUP_GC, N_("Forced"), N_("runtime.GC() or debug.FreeOSMemory()") },
  { "periodic", GROUP_GC, N_("Periodic"), N_("Started by the runtime after two minutes without a GC") },
  { "gc-cpu", GROUP_GC, N_("GC CPU"), N_("Share of the CPU time since the start spent in GC, as the last cycle reports it") },
  { "procs", GROUP_GC, N_("GOMAXPROCS"), NULL },
  { "pause-total", GROUP_PAUSES, N_("Total"), N_("Sweep termination plus mark termination, over every cycle") },
  { "pause-max", GROUP_PAUSES, N_("Longest"), NULL },
  { "pause-p50", GROUP_PAUSES, N_("Median"), NULL },
  { "pause-p95", GROUP_PAUSES, N_("95th percentile"), NULL },
  { "pause-p99", GROUP_PAUSES, N_("99th percentile"), NULL },
  { "pause-p999", GROUP_PAUSES, N_("99.9th percentile"), NULL },
  { "heap-peak", GROUP_HEAP, N_("Peak heap"), N_("The largest heap size at the start or end of a cycle") },
  { "live-peak", GROUP_HEAP, N_("Peak live heap"), N_("The largest heap marked live by a cycle") },
  { "goal-peak", GROUP_HEAP, N_("Peak heap goal"), NULL },
  { "stacks-peak", GROUP_HEAP, N_("Peak stacks"), N_("Go 1.18 and later") },
  { "globals-peak", GROUP_HEAP, N_("Peak globals"), N_("Go 1.18 and later") },
  { "events", GROUP_SCAVENGER, N_("Events"), NULL },
  { "released", GROUP_SCAVENGER, N_("Returned to the OS"), N_("Memory the scavenger gave back to the operating system") },
};

struct _HsStatsPanel
{
  GtkWidget   parent_instance;

  GtkWidget  *scroller;
  GtkWidget  *values[G_N_ELEMENTS (rows)];
  GtkWidget  *empty_label;
  GtkWidget  *flow;

  HsTrace    *trace;
  GSettings  *settings;
  guint       refresh_id;

  /*
   * Statistics kept up to date incrementally, so that no refresh walks the whole trace:
   * cycles [0, next_cycle) and events [0, next_event) are in them.
   */
  HsSummary   totals;
  GTree      *pauses;       /* pause in µs → how many cycles had it */
  guint       next_cycle;
  guint       next_event;
};

G_DEFINE_FINAL_TYPE (HsStatsPanel, hs_stats_panel, GTK_TYPE_WIDGET)

static void
set_value (HsStatsPanel *self,
           const char   *key,
           const char   *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key))
      {
        gtk_label_set_text (GTK_LABEL (self->values[i]), text);
        return;
      }
  g_assert_not_reached ();
}

static void
set_value_take (HsStatsPanel *self,
                const char   *key,
                char         *text)
{
  set_value (self, key, text);
  g_free (text);
}

const char *
hs_stats_panel_get_value (HsStatsPanel *self,
                          const char   *key)
{
  g_return_val_if_fail (HS_IS_STATS_PANEL (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].key, key))
      return gtk_label_get_text (GTK_LABEL (self->values[i]));

  return NULL;
}

static char *
format_count (guint64 n)
{
  /* digit grouping of the user's locale */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static char *
format_duration (double s)
{
  if (s >= 3600.0)
    return g_strdup_printf (_("%u h %02u min"), (guint) (s / 3600.0), (guint) (s / 60.0) % 60);
  if (s >= 60.0)
    return g_strdup_printf (_("%u min %02u s"), (guint) (s / 60.0), (guint) s % 60);
  return g_strdup_printf (_("%.3f s"), s);
}

static char *
format_memory (HsStatsPanel *self,
               guint64       bytes)
{
  GFormatSizeFlags flags = G_FORMAT_SIZE_IEC_UNITS;

  if (self->settings != NULL &&
      g_settings_get_enum (self->settings, "memory-units") == HS_MEMORY_UNITS_DECIMAL)
    flags = G_FORMAT_SIZE_DEFAULT;

  return g_format_size_full (bytes, flags);
}

static char *
format_mb (HsStatsPanel *self,
           guint64       mb)
{
  /* the runtime's "MB" are MiB */
  return format_memory (self, mb << 20);
}

static int
compare_u64_keys (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
reset_totals (HsStatsPanel *self)
{
  memset (&self->totals, 0, sizeof self->totals);
  g_clear_pointer (&self->pauses, g_tree_unref);
  self->pauses = g_tree_new_full (compare_u64_keys, NULL, g_free, g_free);
  self->next_cycle = 0;
  self->next_event = 0;
}

/* Adds cycles [first, first + n) to the totals: hs_summary_compute on them, merged. */
static void
add_cycles (HsStatsPanel *self,
            guint         first,
            guint         n)
{
  HsSummary *t = &self->totals;
  HsSummary b;

  hs_summary_compute (self->trace, first, n, &b);

  if (t->n_cycles == 0)
    {
      t->pause_max_us = b.pause_max_us;
      t->pause_max_cycle = b.pause_max_cycle;
    }
  else if (b.pause_max_us > t->pause_max_us)
    {
      /* strictly greater: the first of equal maxima wins, as over the whole trace */
      t->pause_max_us = b.pause_max_us;
      t->pause_max_cycle = b.pause_max_cycle;
    }

  t->n_cycles += b.n_cycles;
  t->forced_cycles += b.forced_cycles;
  t->periodic_cycles += b.periodic_cycles;
  t->joined_cycles += b.joined_cycles;
  t->heap_peak_mb = MAX (t->heap_peak_mb, b.heap_peak_mb);
  t->live_peak_mb = MAX (t->live_peak_mb, b.live_peak_mb);
  t->goal_peak_mb = MAX (t->goal_peak_mb, b.goal_peak_mb);
  t->stacks_peak_mb = MAX (t->stacks_peak_mb, b.stacks_peak_mb);
  t->globals_peak_mb = MAX (t->globals_peak_mb, b.globals_peak_mb);
  t->sampled_cycles += b.sampled_cycles;
  /* polled cycles have no GOMAXPROCS or CPU %: only cycles from trace lines count */
  if (b.has_heap)
    {
      t->procs_min = t->has_heap ? MIN (t->procs_min, b.procs_min) : b.procs_min;
      t->procs_max = MAX (t->procs_max, b.procs_max);
      t->has_cpu_percent = b.has_cpu_percent;
      t->cpu_percent_last = b.cpu_percent_last;
      t->has_heap = TRUE;
    }
  t->pause_total_us += b.pause_total_us;
  /* a trace starts when its first process started, not at its first GC */
  t->start_s = 0.0;
  t->end_s = b.end_s;
  t->duration_s = b.end_s;

  /* the exact pauses, counted by value: percentiles without keeping or sorting every cycle */
  for (guint i = first; i < first + n; i++)
    {
      HsGcRecord r;
      guint64 pause;
      guint64 *count;

      hs_trace_get_gc_record (self->trace, i, &r);
      pause = r.clock_us[HS_CLOCK_SWEEP_TERM] + r.clock_us[HS_CLOCK_MARK_TERM];
      count = g_tree_lookup (self->pauses, &pause);
      if (count == NULL)
        {
          count = g_new0 (guint64, 1);
          g_tree_insert (self->pauses, g_memdup2 (&pause, sizeof pause), count);
        }
      (*count)++;
    }
}

typedef struct
{
  const double *percents;
  guint64      *values;
  guint         n_percents;
  guint         next;
  guint64       n;
  guint64       seen;
} PercentileWalk;

static gboolean
percentile_walk_cb (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  PercentileWalk *walk = user_data;

  walk->seen += *(guint64 *) value;
  while (walk->next < walk->n_percents)
    {
      /* nearest rank, as hs_percentile_nearest_rank () counts it */
      guint64 rank = (guint64) ceil (walk->percents[walk->next] / 100.0 * (double) walk->n - 1e-9);

      rank = CLAMP (rank, 1, walk->n);
      if (rank > walk->seen)
        break;
      walk->values[walk->next++] = *(guint64 *) key;
    }

  return walk->next == walk->n_percents;
}

static void
compute_percentiles (HsStatsPanel *self)
{
  static const double percents[] = { 50, 90, 95, 99, 99.9 };
  guint64 values[G_N_ELEMENTS (percents)] = { 0 };
  PercentileWalk walk = { percents, values, G_N_ELEMENTS (percents), 0, self->totals.n_cycles, 0 };

  if (self->totals.n_cycles > 0)
    g_tree_foreach (self->pauses, percentile_walk_cb, &walk);

  self->totals.pause_p50_us = values[0];
  self->totals.pause_p90_us = values[1];
  self->totals.pause_p95_us = values[2];
  self->totals.pause_p99_us = values[3];
  self->totals.pause_p999_us = values[4];
}

/*
 * Takes in what was appended since the last time, for at most SLICE_BUDGET_US; returns
 * FALSE when cycles are left for the next slice.
 */
static gboolean
catch_up (HsStatsPanel *self)
{
  gint64 start = g_get_monotonic_time ();
  guint n_cycles = hs_trace_get_n_cycles (self->trace);
  guint n_events = hs_trace_get_n_events (self->trace);

  while (self->next_cycle < n_cycles)
    {
      guint n = MIN (n_cycles - self->next_cycle, SLICE_CYCLES);

      add_cycles (self, self->next_cycle, n);
      self->next_cycle += n;
      if (g_get_monotonic_time () - start > SLICE_BUDGET_US && self->next_cycle < n_cycles)
        return FALSE;
    }

  /* what the scavenger returned, by the same sum hs_summary_compute () makes */
  for (; self->next_event < n_events; self->next_event++)
    {
      HsScavRecord record;

      hs_trace_get_scav_record (self->trace, self->next_event, &record);
      self->totals.released_kib += record.released_now_kib + record.work_kib + record.eager_kib;
    }
  self->totals.n_events = n_events;
  self->totals.n_runs = hs_trace_get_n_runs (self->trace);
  compute_percentiles (self);

  return TRUE;
}

static void schedule_refresh (HsStatsPanel *self,
                              guint         delay_ms);

/* GC CPU, GOMAXPROCS and the heap's peaks: what cycles polled from memstats do not carry. */
static void
show_cycle_sizes (HsStatsPanel    *self,
                  const HsSummary *s)
{
  static const char * const keys[] = { "gc-cpu", "procs", "heap-peak", "live-peak", "goal-peak",
                                       "stacks-peak", "globals-peak" };

  if (!s->has_heap)
    {
      /* expvar and Prometheus give the heap as samples, charted; their cycles carry none */
      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        set_value (self, keys[i], _("not in polled cycles"));
      return;
    }

  set_value_take (self, "gc-cpu", g_strdup_printf ("%" G_GUINT64_FORMAT " %%", s->cpu_percent_last));
  if (s->procs_min == s->procs_max)
    set_value_take (self, "procs", format_count (s->procs_max));
  else
    set_value_take (self, "procs", g_strdup_printf ("%" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT,
                                                    s->procs_min, s->procs_max));
  set_value_take (self, "heap-peak", format_mb (self, s->heap_peak_mb));
  set_value_take (self, "live-peak", format_mb (self, s->live_peak_mb));
  set_value_take (self, "goal-peak", format_mb (self, s->goal_peak_mb));
  if (s->stacks_peak_mb > 0 || s->globals_peak_mb > 0)
    {
      set_value_take (self, "stacks-peak", format_mb (self, s->stacks_peak_mb));
      set_value_take (self, "globals-peak", format_mb (self, s->globals_peak_mb));
    }
  else
    {
      set_value (self, "stacks-peak", _("not in this format"));
      set_value (self, "globals-peak", _("not in this format"));
    }
}

static void
update (HsStatsPanel *self)
{
  const HsLineCounts *counts;
  g_autofree char *format = NULL;
  const HsSummary *s = &self->totals;
  guint n_cycles;

  gtk_widget_set_visible (self->empty_label, self->trace == NULL);
  gtk_widget_set_visible (self->flow, self->trace != NULL);
  if (self->trace == NULL)
    return;

  counts = hs_trace_get_line_counts (self->trace);
  n_cycles = hs_trace_get_n_cycles (self->trace);

  set_value (self, "source", hs_trace_get_name (self->trace));
  format = hs_trace_describe_format (self->trace);
  if (format != NULL)
    set_value (self, "format", format);
  else
    set_value (self, "format", _("none found"));
  set_value_take (self, "lines", format_count (counts->lines));
  set_value_take (self, "parsed", format_count (hs_trace_get_parsed_lines (self->trace)));
  set_value_take (self, "skipped", format_count (counts->foreign));
  set_value_take (self, "malformed", format_count (counts->malformed));
  set_value_take (self, "unsupported", format_count (counts->legacy));
  set_value_take (self, "runs", format_count (hs_trace_get_n_runs (self->trace)));
  set_value_take (self, "cycles", format_count (n_cycles));
  set_value_take (self, "events", format_count (hs_trace_get_n_events (self->trace)));

  /* a big batch is taken in over several main loop iterations; the values wait for the end */
  if (!catch_up (self))
    {
      schedule_refresh (self, 0);
      return;
    }

  if (n_cycles == 0)
    {
      const char *keys[] = { "duration", "forced", "periodic", "gc-cpu", "procs", "pause-total",
                             "pause-max", "pause-p50", "pause-p95", "pause-p99", "pause-p999",
                             "heap-peak", "live-peak", "goal-peak", "stacks-peak", "globals-peak" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        set_value (self, keys[i], "—");
    }
  else
    {
      set_value_take (self, "duration", format_duration (s->duration_s));
      set_value_take (self, "forced", format_count (s->forced_cycles));
      set_value_take (self, "periodic", format_count (s->periodic_cycles));
      show_cycle_sizes (self, s);
      set_value_take (self, "pause-total", hs_format_pause (s->pause_total_us));
      {
        g_autofree char *max = hs_format_pause (s->pause_max_us);

        /* TRANSLATORS: a pause length and the GC cycle it happened in, e.g. "3.1 ms (gc 42)" */
        set_value_take (self, "pause-max", g_strdup_printf (_("%s (gc %.0f)"), max,
                                                            hs_trace_get_gc_value (self->trace, HS_GC_FIELD_NUMBER,
                                                                                   s->pause_max_cycle)));
      }
      set_value_take (self, "pause-p50", hs_format_pause (s->pause_p50_us));
      set_value_take (self, "pause-p95", hs_format_pause (s->pause_p95_us));
      set_value_take (self, "pause-p99", hs_format_pause (s->pause_p99_us));
      set_value_take (self, "pause-p999", hs_format_pause (s->pause_p999_us));
    }

  set_value_take (self, "released", format_memory (self, s->released_kib << 10));
}

static gboolean
refresh_cb (gpointer user_data)
{
  HsStatsPanel *self = user_data;

  self->refresh_id = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (HsStatsPanel *self,
                  guint         delay_ms)
{
  if (self->refresh_id != 0)
    return;

  if (delay_ms == 0)
    self->refresh_id = g_idle_add (refresh_cb, self);
  else
    self->refresh_id = g_timeout_add (delay_ms, refresh_cb, self);
}

/* Throttled: a live trace appends many small batches a second. */
static void
items_appended_cb (HsStatsPanel *self)
{
  schedule_refresh (self, REFRESH_MS);
}

static void
settings_changed_cb (HsStatsPanel *self)
{
  update (self);
}

static GtkWidget *
build_card (HsStatsPanel *self,
            Group         group)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (_(group_titles[group]));
  GtkWidget *grid = gtk_grid_new ();
  int row = 0;

  gtk_widget_add_css_class (card, "hs-card");
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_box_append (GTK_BOX (card), heading);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_box_append (GTK_BOX (card), grid);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *name;
      GtkWidget *value;

      if (rows[i].group != group)
        continue;

      name = gtk_label_new (_(rows[i].title));
      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_set_hexpand (name, TRUE);

      value = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 36);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_focusable (value, FALSE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (value),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL, -1);
      if (rows[i].tooltip != NULL)
        {
          gtk_widget_set_tooltip_text (name, _(rows[i].tooltip));
          gtk_widget_set_tooltip_text (value, _(rows[i].tooltip));
        }

      gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, row, 1, 1);
      self->values[i] = value;
      row++;
    }

  return card;
}

static void
hs_stats_panel_dispose (GObject *object)
{
  HsStatsPanel *self = (HsStatsPanel *) object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pauses, g_tree_unref);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (hs_stats_panel_parent_class)->dispose (object);
}

static void
hs_stats_panel_class_init (HsStatsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_stats_panel_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hsstatspanel");
}

static void
hs_stats_panel_init (HsStatsPanel *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GApplication *app = g_application_get_default ();

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), box);

  self->empty_label = gtk_label_new (_("No trace"));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->empty_label);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 3);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 18);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 18);
  gtk_widget_set_valign (self->flow, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->flow, "hs-cards");
  gtk_box_append (GTK_BOX (box), self->flow);

  for (guint g = 0; g < N_GROUPS; g++)
    {
      GtkWidget *card = build_card (self, g);

      gtk_flow_box_append (GTK_FLOW_BOX (self->flow), card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), FALSE);
    }

  if (HS_IS_APPLICATION (app))
    {
      self->settings = g_object_ref (hs_application_get_settings (HS_APPLICATION (app)));
      g_signal_connect_object (self->settings, "changed::memory-units",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  reset_totals (self);
  update (self);
}

GtkWidget *
hs_stats_panel_new (void)
{
  return g_object_new (HS_TYPE_STATS_PANEL, NULL);
}

void
hs_stats_panel_set_trace (HsStatsPanel *self,
                          HsTrace      *trace)
{
  g_return_if_fail (HS_IS_STATS_PANEL (self));
  g_return_if_fail (trace == NULL || HS_IS_TRACE (trace));

  if (self->trace == trace)
    return;

  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_set_object (&self->trace, trace);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  reset_totals (self);
  if (trace != NULL)
    g_signal_connect_object (trace, "items-appended", G_CALLBACK (items_appended_cb),
                             self, G_CONNECT_SWAPPED);

  update (self);
}

/* Brings every value up to date now, without waiting for the throttle. */
void
hs_stats_panel_refresh (HsStatsPanel *self)
{
  g_return_if_fail (HS_IS_STATS_PANEL (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  while (self->trace != NULL && !catch_up (self))
    ;
  update (self);
}

/* The statistics shown, over every cycle read so far (after a refresh: all of them). */
const HsSummary *
hs_stats_panel_get_summary (HsStatsPanel *self)
{
  g_return_val_if_fail (HS_IS_STATS_PANEL (self), NULL);

  return &self->totals;
}
