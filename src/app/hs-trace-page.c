/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-page.c: one tab: opens its source, shows progress and banners, holds the content. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chart/hs-chart-axis.h"
#include "hs-application.h"
#include "hs-session-recorder.h"
#include "hs-stats-panel.h"
#include "hs-trace-page.h"
#include "hs-trace-view.h"
#include "trace/hs-trace-loader.h"

/* Banners and the source bar follow a live trace at most this often. */
#define STATUS_REFRESH_MS 200

struct _HsTracePage
{
  GtkWidget         parent_instance;

  /* template */
  GtkWidget        *banners;
  GtkWidget        *progress_revealer;
  GtkWidget        *progress_bar;
  GtkWidget        *source_bar;
  GtkWidget        *source_icon;
  GtkWidget        *source_label;
  GtkWidget        *follow_box;
  GtkWidget        *follow_switch;
  GtkWidget        *stop_button;
  GtkWidget        *content;
  GtkWidget        *stats_panel;
  GtkWidget        *failed_box;
  GtkWidget        *main_content;   /* the statistics panel, or what replaced it */
  GtkWidget        *panel_ref;      /* keeps the panel alive while something replaces it */
  GtkWidget        *view;           /* the HsTraceView of the current trace, if shown */

  HsTrace          *trace;
  GFile            *file;
  GBytes           *bytes;          /* pasted or dropped text, for reload */
  HsLiveSource     *live;
  HsPollSource     *poll;           /* a process sampled or a server polled, while the tab shows it */
  GPid              watch_pid;      /* --pid with a log: sampled once the log is loaded */
  GSettings        *settings;       /* the sampling and polling intervals */
  HsSessionRecorder *recorder;      /* a tab that is or was live records its session */
  gboolean          recording_log;  /* the recording holds the followed log's loaded part */
  gboolean          recording_failed; /* not recorded again until the tab opens something else */
  HsSessionInfo    *session;        /* what was opened is a session file */
  GCancellable     *cancellable;
  GHashTable       *banner_table;   /* key → banner box */
  GtkWidget        *malformed_window;
  char             *title;
  char             *subtitle;
  HsTracePageState  state;
  guint64           bytes_loaded;   /* where following would go on, in the file at the path now */
  guint64           lines_loaded;   /* lines before that point */
  double            progress;
  guint             status_id;
  gboolean          follow;
  gboolean          is_regular_file;
};

G_DEFINE_FINAL_TYPE (HsTracePage, hs_trace_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_STATE,
  PROP_TRACE,
  PROP_FOLLOW,
  PROP_CAN_SAVE_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_following (HsTracePage *self);
static void start_watching_after_load (HsTracePage *self);
static gboolean poll_is_active (HsTracePage *self);
static void start_recording (HsTracePage *self,
                             const char  *kind,
                             const char  *detail);

/* Charts, findings, statistics and tables of the new trace; the statistics panel moves in. */
static void
show_new_view (HsTracePage *self)
{
  GtkWidget *view;

  if (self->view != NULL)
    hs_trace_view_release_stats (HS_TRACE_VIEW (self->view));
  else if (self->main_content == self->stats_panel)
    {
      gtk_box_remove (GTK_BOX (self->content), self->stats_panel);
      self->main_content = NULL;
    }
  self->view = NULL;

  view = hs_trace_view_new (self->trace, self->stats_panel);
  self->view = view;
  hs_trace_page_set_content (self, view);
}

static void update_status (HsTracePage *self);

static void
set_state (HsTracePage      *self,
           HsTracePageState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  /* what waits for the whole trace (the findings of a large one) can run now */
  if (state == HS_TRACE_PAGE_DONE && self->view != NULL)
    hs_trace_view_loaded (HS_TRACE_VIEW (self->view));
  /* nothing read: no empty statistics, a plain statement and a way to try again */
  gtk_widget_set_visible (self->failed_box, state == HS_TRACE_PAGE_FAILED);
  gtk_widget_set_visible (self->main_content, state != HS_TRACE_PAGE_FAILED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_title (HsTracePage *self,
           const char  *title,
           const char  *subtitle)
{
  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/* Banners: non-modal messages over the content, one per key, replaced when the key repeats. */

typedef void (*BannerAction) (HsTracePage *self);

typedef enum
{
  BANNER_INFO,
  BANNER_WARNING,
  BANNER_ERROR,
} BannerType;

static const char * const banner_classes[] = { "info", "warning", "error" };

static void
banner_action_cb (GtkButton   *button,
                  HsTracePage *self)
{
  BannerAction action = g_object_get_data (G_OBJECT (button), "action");

  action (self);
}

static void
banner_close_cb (GtkButton   *button,
                 HsTracePage *self)
{
  GtkWidget *bar = gtk_widget_get_parent (GTK_WIDGET (button));

  g_hash_table_remove (self->banner_table, g_object_get_data (G_OBJECT (bar), "key"));
  gtk_box_remove (GTK_BOX (self->banners), bar);
}

static void
set_banner_type (GtkWidget  *bar,
                 BannerType  type)
{
  for (guint i = 0; i < G_N_ELEMENTS (banner_classes); i++)
    gtk_widget_remove_css_class (bar, banner_classes[i]);
  gtk_widget_add_css_class (bar, banner_classes[type]);
}

static void
show_banner (HsTracePage  *self,
             const char   *key,
             BannerType    type,
             const char   *text,
             const char   *action_label,
             BannerAction  action)
{
  GtkWidget *bar = g_hash_table_lookup (self->banner_table, key);
  GtkWidget *label;
  GtkWidget *close;

  if (bar != NULL)
    {
      set_banner_type (bar, type);
      label = g_object_get_data (G_OBJECT (bar), "label");
      gtk_label_set_text (GTK_LABEL (label), text);
      return;
    }

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (bar, "hs-banner");
  set_banner_type (bar, type);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (bar), label);

  if (action_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (action_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "action", action);
      g_signal_connect (button, "clicked", G_CALLBACK (banner_action_cb), self);
      gtk_box_append (GTK_BOX (bar), button);
    }

  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  g_signal_connect (close, "clicked", G_CALLBACK (banner_close_cb), self);
  gtk_box_append (GTK_BOX (bar), close);

  g_object_set_data_full (G_OBJECT (bar), "key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (bar), "label", label);

  g_hash_table_insert (self->banner_table, g_strdup (key), bar);
  gtk_box_append (GTK_BOX (self->banners), bar);
}

static void
hide_banner (HsTracePage *self,
             const char  *key)
{
  GtkWidget *bar = g_hash_table_lookup (self->banner_table, key);

  if (bar == NULL)
    return;

  g_hash_table_remove (self->banner_table, key);
  gtk_box_remove (GTK_BOX (self->banners), bar);
}

static void
clear_banners (HsTracePage *self)
{
  GtkWidget *child;

  g_hash_table_remove_all (self->banner_table);
  while ((child = gtk_widget_get_first_child (self->banners)) != NULL)
    gtk_box_remove (GTK_BOX (self->banners), child);
}

/* The texts of the banners shown, top to bottom; for tests and for accessibility checks. */
char **
hs_trace_page_get_banners (HsTracePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->banners);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = g_object_get_data (G_OBJECT (child), "label");

      g_strv_builder_add (builder, gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_strv_builder_end (builder);
}

/* The malformed lines, with their numbers, in a window of their own. */
void
hs_trace_page_show_malformed (HsTracePage *self)
{
  const HsMalformedLine *malformed;
  const HsLineCounts *counts;
  GtkWidget *scroller;
  GtkWidget *list;
  GtkWidget *box;
  GtkWidget *header;
  guint n_kept;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));

  if (self->malformed_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->malformed_window));

  counts = hs_trace_get_line_counts (self->trace);
  malformed = hs_trace_get_malformed (self->trace, &n_kept);

  self->malformed_window = gtk_window_new ();
  g_object_add_weak_pointer (G_OBJECT (self->malformed_window), (gpointer *) &self->malformed_window);
  gtk_window_set_title (GTK_WINDOW (self->malformed_window), _("Malformed Lines"));
  gtk_window_set_titlebar (GTK_WINDOW (self->malformed_window), gtk_header_bar_new ());
  gtk_window_set_default_size (GTK_WINDOW (self->malformed_window), 720, 420);
  gtk_window_set_transient_for (GTK_WINDOW (self->malformed_window),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self->malformed_window), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (box, "hs-malformed");
  header = gtk_label_new (NULL);
  {
    g_autofree char *text = NULL;

    if (counts->malformed > n_kept)
      text = g_strdup_printf (ngettext ("%s: %llu malformed line; the first %u are listed.",
                                        "%s: %llu malformed lines; the first %u are listed.",
                                        counts->malformed),
                              self->title, (unsigned long long) counts->malformed, n_kept);
    else
      text = g_strdup_printf (ngettext ("%s: %llu malformed line.",
                                        "%s: %llu malformed lines.",
                                        counts->malformed),
                              self->title, (unsigned long long) counts->malformed);
    gtk_label_set_text (GTK_LABEL (header), text);
  }
  gtk_label_set_xalign (GTK_LABEL (header), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (header), TRUE);
  gtk_box_append (GTK_BOX (box), header);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "hs-list");
  for (guint i = 0; i < n_kept; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *where = g_strdup_printf (_("Line %llu: %s"),
                                                (unsigned long long) malformed[i].line, _(malformed[i].reason));
      GtkWidget *where_label = gtk_label_new (where);
      GtkWidget *text_label = gtk_label_new (malformed[i].text);

      gtk_label_set_xalign (GTK_LABEL (where_label), 0.0f);
      gtk_widget_add_css_class (where_label, "heading");
      gtk_label_set_xalign (GTK_LABEL (text_label), 0.0f);
      gtk_label_set_selectable (GTK_LABEL (text_label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_CHAR);
      gtk_widget_add_css_class (text_label, "monospace");
      gtk_box_append (GTK_BOX (row), where_label);
      gtk_box_append (GTK_BOX (row), text_label);
      gtk_widget_add_css_class (row, "hs-row");
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  gtk_window_set_child (GTK_WINDOW (self->malformed_window), box);
  gtk_window_present (GTK_WINDOW (self->malformed_window));
}

/* Line accounting banners: malformed lines and Go 1.0–1.4 lines, kept current while live. */
static void
update_line_banners (HsTracePage *self)
{
  const HsLineCounts *counts = hs_trace_get_line_counts (self->trace);

  if (counts->malformed > 0)
    {
      const HsMalformedLine *malformed;
      g_autofree char *text = NULL;
      guint n_kept;

      malformed = hs_trace_get_malformed (self->trace, &n_kept);
      text = g_strdup_printf (ngettext ("%llu malformed line could not be read (first at line %llu). Everything else was read.",
                                        "%llu malformed lines could not be read (first at line %llu). Everything else was read.",
                                        counts->malformed),
                              (unsigned long long) counts->malformed,
                              (unsigned long long) (n_kept > 0 ? malformed[0].line : 0));
      show_banner (self, "malformed", BANNER_WARNING, text, _("Show Lines"),
                   hs_trace_page_show_malformed);
    }

  if (counts->legacy > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%llu line is in the Go 1.0–1.4 format (“gcN(P): …”), which Heapscope does not read; the first is line %llu.",
                                   "%llu lines are in the Go 1.0–1.4 format (“gcN(P): …”), which Heapscope does not read; the first is line %llu.",
                                   counts->legacy),
                         (unsigned long long) counts->legacy,
                         (unsigned long long) hs_trace_get_first_legacy_line (self->trace));

      show_banner (self, "legacy", BANNER_WARNING, text, NULL, NULL);
    }
}

/* After the input ended: say so when it held no trace at all. */
static void
check_found_trace (HsTracePage *self)
{
  const HsLineCounts *counts = hs_trace_get_line_counts (self->trace);
  g_autofree char *text = NULL;

  update_line_banners (self);

  /* a session of a process or a server watched holds samples and no trace line */
  if (hs_trace_get_n_cycles (self->trace) > 0 || hs_trace_get_n_events (self->trace) > 0 ||
      hs_trace_get_n_samples (self->trace) > 0)
    {
      hide_banner (self, "no-trace");
      return;
    }

  text = g_strdup_printf (ngettext ("No Go GC trace lines found in %s (%llu line read). "
                                    "Traces are printed by Go programs run with GODEBUG=gctrace=1.",
                                    "No Go GC trace lines found in %s (%llu lines read). "
                                    "Traces are printed by Go programs run with GODEBUG=gctrace=1.",
                                    counts->lines),
                          self->title, (unsigned long long) counts->lines);
  show_banner (self, "no-trace", BANNER_ERROR, text, NULL, NULL);
}

static char *
describe_open_error (HsTracePage  *self,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_strdup_printf (_("Could not open %s: there is no such file."), self->subtitle);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    return g_strdup_printf (_("Could not open %s: you are not allowed to read it."), self->subtitle);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    return g_strdup_printf (_("Could not open %s: it is a folder, not a trace file."), self->subtitle);

  return g_strdup_printf (_("Could not open %s: %s"), self->subtitle, error->message);
}

/* Nothing could be opened: @text says why, and the tab offers to try again. */
static void
fail_with_text (HsTracePage *self,
                const char  *text)
{
  show_banner (self, "open", BANNER_ERROR, text, NULL, NULL);
  set_state (self, HS_TRACE_PAGE_FAILED);
  update_status (self);
}

static void
fail (HsTracePage  *self,
      const GError *error)
{
  g_autofree char *text = describe_open_error (self, error);

  fail_with_text (self, text);
  if (self->watch_pid != 0)
    {
      /* --pid with --follow: no log, no axis to put the samples on; say so rather than sample alone */
      g_autofree char *watch = g_strdup_printf (_("Process %d is not sampled: its log could not be read. "
                                                  "Watch it alone with Connect to a Running Program…, or reload once the log exists."),
                                                (int) self->watch_pid);

      show_banner (self, "poll", BANNER_WARNING, watch, NULL, NULL);
    }
}

/* A process Heapscope samples: what top shows for it now (or last showed). */
static void
append_resident (HsTracePage  *self,
                 char        **text)
{
  guint n = hs_trace_get_n_samples (self->trace);
  double rss = n > 0 ? hs_trace_get_sample_value (self->trace, HS_SAMPLE_FIELD_RSS, n - 1) : NAN;
  g_autofree char *value = NULL;
  char *with;

  if (isnan (rss))
    return;

  value = hs_chart_format_value (HS_CHART_UNIT_BYTES, rss);
  /* TRANSLATORS: the source bar, then the resident size of the process: "… · RES 626 MiB" */
  with = g_strdup_printf (_("%s · RES %s"), *text, value);
  g_free (*text);
  *text = with;
}

/* Stop ends a program Heapscope started; a process or a server watched only stops being asked. */
static void
update_stop_button (HsTracePage *self)
{
  gboolean watch_only = self->poll != NULL &&
                        (self->live == NULL || hs_live_source_get_kind (self->live) != HS_LIVE_SOURCE_PROGRAM);

  if (!watch_only)
    {
      gtk_widget_set_tooltip_text (self->stop_button, _("End the program (SIGTERM)"));
      gtk_widget_add_css_class (self->stop_button, "destructive-action");
    }
  else
    {
      gtk_widget_set_tooltip_text (self->stop_button,
                                   hs_poll_source_get_kind (self->poll) != HS_POLL_SOURCE_PROCESS
                                   ? _("Stop polling; everything polled is kept")
                                   : self->live != NULL
                                   ? _("Stop sampling the process (it keeps running) and following its log; everything read is kept")
                                   : _("Stop sampling the process (it keeps running); the samples are kept"));
      gtk_widget_remove_css_class (self->stop_button, "destructive-action");
    }
}

/* "Session recorded 30 Nov 2026 15:40 from ./server (pid 1234)": when, and from what. */
static char *
describe_session (const HsSessionInfo *info)
{
  g_autoptr(GString) from = g_string_new (NULL);
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *when = NULL;

  for (guint i = 0; i < info->sources->len; i++)
    {
      const HsSessionSource *source = g_ptr_array_index (info->sources, i);

      if (source->detail == NULL || *source->detail == '\0')
        continue;
      if (from->len > 0)
        g_string_append_c (from, ' ');
      if (g_strcmp0 (source->kind, "proc") == 0 || g_strcmp0 (source->kind, "pid") == 0)
        /* TRANSLATORS: a process ID in the source bar of a session: "(pid 1234)" */
        g_string_append_printf (from, _("(pid %s)"), source->detail);
      else
        g_string_append (from, source->detail);
    }
  if (from->len == 0 && info->name != NULL)
    g_string_append (from, info->name);

  created = info->created_unix_us > 0 ? g_date_time_new_from_unix_local (info->created_unix_us / G_USEC_PER_SEC) : NULL;
  /* TRANSLATORS: when a session was recorded, as in "30 Nov 2026 15:40"; see g_date_time_format() */
  when = created != NULL ? g_date_time_format (created, _("%e %b %Y %H:%M")) : NULL;
  if (when != NULL)
    g_strstrip (when);

  if (when != NULL && from->len > 0)
    /* TRANSLATORS: "Session recorded 30 Nov 2026 15:40 from ./server (pid 1234)" */
    return g_strdup_printf (_("Session recorded %s from %s"), when, from->str);
  if (from->len > 0)
    return g_strdup_printf (_("Session recorded from %s"), from->str);
  return g_strdup (_("Recorded session"));
}

/* The source bar: what is being read, how much, and the Follow and Stop controls. */
static void
update_status (HsTracePage *self)
{
  const HsLineCounts *counts = self->trace != NULL ? hs_trace_get_line_counts (self->trace) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *cycles = NULL;
  const char *icon = "document-open-symbolic";
  gboolean live = self->live != NULL && hs_live_source_get_active (self->live);
  gboolean running = FALSE;

  if (counts == NULL)
    return;

  cycles = g_strdup_printf (ngettext ("%u GC cycle", "%u GC cycles", hs_trace_get_n_cycles (self->trace)),
                            hs_trace_get_n_cycles (self->trace));

  if (self->poll != NULL && self->live == NULL)
    {
      g_autofree char *watch = hs_poll_source_describe_status (self->poll);

      running = hs_poll_source_get_active (self->poll);
      icon = hs_poll_source_get_kind (self->poll) == HS_POLL_SOURCE_PROCESS
             ? "computer-symbolic" : "network-transmit-receive-symbolic";
      /* polled cycles: expvar's and Prometheus' GC count and pauses */
      if (hs_trace_get_n_cycles (self->trace) > 0)
        text = g_strdup_printf ("%s · %s", watch, cycles);
      else
        text = g_steal_pointer (&watch);
    }
  else if (self->live != NULL && hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_PROGRAM)
    {
      gboolean failed;
      g_autofree char *exit = hs_live_source_describe_exit (self->live, &failed);

      running = exit == NULL;
      icon = "system-run-symbolic";
      if (exit == NULL)
        /* TRANSLATORS: "Running ./server (pid 1234) · 12 GC cycles from 400 lines" */
        text = g_strdup_printf (ngettext ("Running %s (pid %d) · %s from %llu line",
                                          "Running %s (pid %d) · %s from %llu lines",
                                          counts->lines),
                                self->title, (int) hs_live_source_get_pid (self->live), cycles, (unsigned long long) counts->lines);
      else
        text = g_strdup_printf (ngettext ("%s %s · %s from %llu line",
                                          "%s %s · %s from %llu lines",
                                          counts->lines),
                                self->title, exit, cycles, (unsigned long long) counts->lines);
    }
  else if (live && hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_FOLLOW)
    {
      icon = "view-refresh-symbolic";
      text = g_strdup_printf (ngettext ("Following %s · %s from %llu line",
                                        "Following %s · %s from %llu lines",
                                        counts->lines),
                              self->title, cycles, (unsigned long long) counts->lines);
    }
  else if (live)
    {
      icon = "network-receive-symbolic";
      text = g_strdup_printf (ngettext ("Reading %s live · %s from %llu line",
                                        "Reading %s live · %s from %llu lines",
                                        counts->lines),
                              self->title, cycles, (unsigned long long) counts->lines);
    }
  else if (self->live != NULL && hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_STREAM)
    {
      icon = "media-playback-stop-symbolic";
      text = g_strdup_printf (ngettext ("%s ended · %s from %llu line",
                                        "%s ended · %s from %llu lines",
                                        counts->lines),
                              self->title, cycles, (unsigned long long) counts->lines);
    }
  else if (self->session != NULL)
    {
      g_autofree char *what = describe_session (self->session);

      icon = "media-record-symbolic";
      text = g_strdup_printf (ngettext ("%s · %s from %llu line",
                                        "%s · %s from %llu lines",
                                        counts->lines),
                              what, cycles, (unsigned long long) counts->lines);
    }
  else
    {
      text = g_strdup_printf (ngettext ("%s · %s from %llu line",
                                        "%s · %s from %llu lines",
                                        counts->lines),
                              self->subtitle != NULL ? self->subtitle : self->title, cycles, (unsigned long long) counts->lines);
    }

  if (self->poll != NULL && self->live != NULL)
    {
      g_autofree char *watch = hs_poll_source_describe_status (self->poll);
      char *with = g_strdup_printf ("%s · %s", text, watch);

      g_free (text);
      text = with;
      running |= hs_poll_source_get_active (self->poll);
    }

  append_resident (self, &text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->source_icon), icon);
  gtk_label_set_text (GTK_LABEL (self->source_label), text);
  gtk_widget_set_visible (self->stop_button, running);
  update_stop_button (self);
  gtk_widget_set_visible (self->follow_box, hs_trace_page_can_follow (self));
  if (gtk_switch_get_active (GTK_SWITCH (self->follow_switch)) != self->follow)
    gtk_switch_set_active (GTK_SWITCH (self->follow_switch), self->follow);
  gtk_widget_set_visible (self->source_bar, self->state != HS_TRACE_PAGE_FAILED &&
                                            self->state != HS_TRACE_PAGE_EMPTY);
}

static gboolean
status_cb (gpointer user_data)
{
  HsTracePage *self = user_data;

  self->status_id = 0;
  update_status (self);
  if (self->state == HS_TRACE_PAGE_LIVE)
    update_line_banners (self);

  return G_SOURCE_REMOVE;
}

static void
items_appended_cb (HsTracePage *self)
{
  if (self->status_id == 0)
    self->status_id = g_timeout_add (STATUS_REFRESH_MS, status_cb, self);
}

/* Processes sampled and servers polled */

static gboolean
poll_is_active (HsTracePage *self)
{
  return self->poll != NULL && hs_poll_source_get_active (self->poll);
}

static void
update_poll_banners (HsTracePage *self)
{
  gboolean ended;
  g_autofree char *problem = hs_poll_source_describe_problem (self->poll, &ended);
  g_autofree char *lost = hs_poll_source_describe_lost (self->poll);

  if (problem == NULL)
    hide_banner (self, "poll");
  else if (!ended)
    show_banner (self, "poll", BANNER_WARNING, problem, NULL, NULL);
  else
    show_banner (self, "poll", hs_poll_source_get_exited (self->poll) ? BANNER_INFO : BANNER_ERROR,
                 problem, NULL, NULL);

  if (lost != NULL)
    show_banner (self, "lost-cycles", BANNER_WARNING, lost, NULL, NULL);
}

static void
poll_changed_cb (HsTracePage *self)
{
  update_poll_banners (self);
  update_status (self);
}

static void
poll_active_cb (HsTracePage *self)
{
  gboolean live = self->live != NULL && hs_live_source_get_active (self->live);

  if (!hs_poll_source_get_active (self->poll) && !live && self->state == HS_TRACE_PAGE_LIVE)
    set_state (self, HS_TRACE_PAGE_DONE);
  update_poll_banners (self);
  update_status (self);
}

static guint
poll_interval_setting (HsTracePage *self)
{
  const char *key = hs_poll_source_get_kind (self->poll) == HS_POLL_SOURCE_PROCESS
                    ? "proc-sample-interval" : "http-poll-interval";

  return g_settings_get_uint (self->settings, key);
}

static void
interval_changed_cb (HsTracePage *self)
{
  if (self->poll != NULL)
    hs_poll_source_set_interval (self->poll, poll_interval_setting (self));
  if (self->live != NULL)
    hs_live_source_set_sample_interval (self->live, g_settings_get_uint (self->settings, "proc-sample-interval"));
  update_status (self);
}

static void
detach_poll (HsTracePage *self)
{
  if (self->poll == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->poll, self);
  hs_poll_source_stop (self->poll);
  g_clear_object (&self->poll);
}

/* Starts sampling or polling with @poll (transfer full) for as long as the tab shows it. */
static void
attach_poll (HsTracePage  *self,
             HsPollSource *poll)
{
  self->poll = poll;
  hs_poll_source_set_interval (poll, poll_interval_setting (self));
  g_signal_connect_object (poll, "changed", G_CALLBACK (poll_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (poll, "notify::active", G_CALLBACK (poll_active_cb), self, G_CONNECT_SWAPPED);

  /* a process sampled next to its log adds to the log's recording */
  if (self->recorder != NULL)
    hs_session_writer_add_source (hs_session_recorder_get_writer (self->recorder),
                                  hs_poll_source_get_session_kind (poll), hs_poll_source_get_detail (poll));
  else
    start_recording (self, hs_poll_source_get_session_kind (poll), hs_poll_source_get_detail (poll));

  hs_poll_source_start (poll);
  if (hs_poll_source_get_active (poll))
    set_state (self, HS_TRACE_PAGE_LIVE);
  else if (self->state == HS_TRACE_PAGE_EMPTY)
    set_state (self, HS_TRACE_PAGE_DONE);
  update_poll_banners (self);
  update_status (self);
}

/* --pid with --follow: the log is loaded, its axis known; the process is sampled on it. */
static void
start_watching_after_load (HsTracePage *self)
{
  g_autoptr(GError) error = NULL;
  HsPollSource *poll;
  GPid pid = self->watch_pid;

  self->watch_pid = 0;
  poll = hs_poll_source_new_for_pid (self->trace, pid, &error);
  if (poll == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not sample process %d: %s. The log is shown without it."),
                                               (int) pid, error->message);

      show_banner (self, "poll", BANNER_ERROR, text, NULL, NULL);
      return;
    }

  if (!hs_poll_source_align_to_trace (poll))
    {
      g_autofree char *text =
        g_strdup_printf (_("%s has no wall-clock times, so the samples of process %d are placed by the "
                           "process start time. That is right when the log was written by this run of the process."),
                         self->title, (int) pid);

      show_banner (self, "align", BANNER_INFO, text, NULL, NULL);
    }
  attach_poll (self, poll);
}

/* Sessions: what a live tab recorded (hs-session-recorder.c), and session files opened. */

static void
stop_recording (HsTracePage *self)
{
  if (self->recorder == NULL)
    return;

  if (self->live != NULL)
    hs_live_source_set_recorder (self->live, NULL);
  /* the spool file goes with it */
  g_clear_object (&self->recorder);
  self->recording_log = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE_SESSION]);
}

/* A recording that went wrong is not started again: a later one would miss what came before. */
static void
fail_recording (HsTracePage  *self,
                const GError *error)
{
  g_autofree char *text = g_strdup_printf (_("This session cannot be saved: recording it failed (%s)."),
                                           error->message);

  show_banner (self, "recording", BANNER_WARNING, text, NULL, NULL);
  stop_recording (self);
  self->recording_failed = TRUE;
}

/*
 * Records the live source of this tab from now on into a spool file, for Save Session.
 * @kind as in docs/session-format.md (pipe, run, pid, proc, expvar, metrics, file); @detail
 * the path, command line, process ID or URL. Call it when the source starts, before it
 * reads anything: the live source (if any) hands every chunk to the recording first.
 */
static void
start_recording (HsTracePage *self,
                 const char  *kind,
                 const char  *detail)
{
  g_autoptr(GError) error = NULL;

  stop_recording (self);
  if (self->recording_failed)
    return;
  self->recorder = hs_session_recorder_new (self->trace, kind, detail, &error);
  if (self->recorder == NULL)
    {
      fail_recording (self, error);
      return;
    }

  if (self->live != NULL)
    hs_live_source_set_recorder (self->live, hs_session_recorder_get_writer (self->recorder));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SAVE_SESSION]);
}

static void
reset (HsTracePage *self,
       const char  *name)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      hs_live_source_stop (self->live);
      g_clear_object (&self->live);
    }

  detach_poll (self);
  self->watch_pid = 0;
  stop_recording (self);
  self->recording_failed = FALSE;
  g_clear_pointer (&self->session, hs_session_info_free);

  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  self->trace = hs_trace_new (name);
  g_signal_connect_object (self->trace, "items-appended", G_CALLBACK (items_appended_cb),
                           self, G_CONNECT_SWAPPED);
  /* a process watched without its log, or a server polled, has samples and nothing else */
  g_signal_connect_object (self->trace, "samples-appended", G_CALLBACK (items_appended_cb),
                           self, G_CONNECT_SWAPPED);
  hs_stats_panel_set_trace (HS_STATS_PANEL (self->stats_panel), self->trace);
  show_new_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRACE]);

  clear_banners (self);
  self->bytes_loaded = 0;
  self->lines_loaded = 0;
  self->progress = 0.0;
  set_state (self, HS_TRACE_PAGE_EMPTY);
}

/* Files: the parallel loader, with progress and Cancel. */

/* What a load's progress reports go to: the page, while it still shows that trace. */
typedef struct
{
  GWeakRef  page;
  HsTrace  *trace;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_weak_ref_clear (&progress->page);
  g_object_unref (progress->trace);
  g_free (progress);
}

static void
load_progress_cb (guint64  bytes_done,
                  guint64  bytes_total,
                  gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(HsTracePage) self = g_weak_ref_get (&progress->page);
  g_autofree char *text = NULL;

  /* closed, or reloaded: this load's news concern nobody any more */
  if (self == NULL || self->trace != progress->trace || self->state != HS_TRACE_PAGE_LOADING)
    return;

  self->bytes_loaded = bytes_done;
  if (bytes_total > 0)
    {
      self->progress = MIN (1.0, (double) bytes_done / (double) bytes_total);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), self->progress);
      /* TRANSLATORS: "Loading trace.log… 42 %" */
      text = g_strdup_printf (_("Loading %s… %.0f %%"), self->title, self->progress * 100.0);
    }
  else
    {
      g_autofree char *size = g_format_size (bytes_done);

      gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->progress_bar));
      text = g_strdup_printf (_("Loading %s… %s"), self->title, size);
    }
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
}

static void
add_to_recent (HsTracePage *self)
{
  g_autofree char *uri = NULL;
  GtkRecentData data = { 0 };
  char *groups[] = { (char *) "heapscope", NULL };

  if (self->file == NULL || !self->is_regular_file || !g_file_is_native (self->file))
    return;

  uri = g_file_get_uri (self->file);
  data.display_name = NULL;
  data.mime_type = (char *) (self->session != NULL ? "application/x-heapscope-session" : "text/plain");
  data.app_name = (char *) "heapscope";
  data.app_exec = (char *) "heapscope %f";
  data.groups = groups;
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* A session file was read: it is not followed; one cut short says so. */
static void
opened_session (HsTracePage   *self,
                HsSessionInfo *info)
{
  g_clear_pointer (&self->session, hs_session_info_free);
  self->session = info;
  if (info == NULL)
    return;

  self->follow = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
  if (!info->complete)
    show_banner (self, "incomplete", BANNER_INFO,
                 _("This recording is incomplete: it was cut short before it was closed. "
                   "Everything recorded up to its last whole line is shown."),
                 NULL, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HsTracePage) self = user_data;
  g_autoptr(GError) error = NULL;
  HsTrace *trace = HS_TRACE (object);
  const HsLineCounts *counts;

  hs_trace_load_finish (trace, result, &error);
  if (trace != self->trace)
    return;   /* reloaded or closed meanwhile */
  opened_session (self, hs_trace_load_steal_session_info (result));

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->progress_revealer), FALSE);
  counts = hs_trace_get_line_counts (trace);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("Loading was cancelled at %.0f %%. The %u GC cycle read so far is shown.",
                                   "Loading was cancelled at %.0f %%. The %u GC cycles read so far are shown.",
                                   hs_trace_get_n_cycles (trace)),
                         self->progress * 100.0, hs_trace_get_n_cycles (trace));

      show_banner (self, "cancelled", BANNER_INFO, text, _("Reload"), hs_trace_page_reload);
      self->follow = FALSE;
      set_state (self, HS_TRACE_PAGE_DONE);
      update_line_banners (self);
      /* the load was cancelled, not the watch: the process is sampled on what was read */
      if (self->watch_pid != 0)
        start_watching_after_load (self);
      update_status (self);
      return;
    }

  if (error != NULL && counts->lines == 0)
    {
      fail (self, error);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("Could not read all of %s: %s. The %llu line read before is kept.",
                                   "Could not read all of %s: %s. The %llu lines read before are kept.",
                                   counts->lines),
                         self->title, error->message, (unsigned long long) counts->lines);

      show_banner (self, "read-error", BANNER_ERROR, text, NULL, NULL);
      self->follow = FALSE;
    }

  set_state (self, HS_TRACE_PAGE_DONE);
  self->lines_loaded = counts->lines;
  check_found_trace (self);
  add_to_recent (self);

  if (self->follow)
    start_following (self);
  if (self->watch_pid != 0)
    start_watching_after_load (self);
  update_status (self);
}

static void
start_load (HsTracePage  *self,
            GInputStream *stream)
{
  g_autofree char *text = g_strdup_printf (_("Loading %s…"), self->title);
  Progress *progress;

  set_state (self, HS_TRACE_PAGE_LOADING);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar), 0.0);
  gtk_progress_bar_set_text (GTK_PROGRESS_BAR (self->progress_bar), text);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->progress_revealer), TRUE);

  progress = g_new0 (Progress, 1);
  g_weak_ref_init (&progress->page, self);
  progress->trace = g_object_ref (self->trace);

  if (stream != NULL)
    hs_trace_load_stream_async (self->trace, stream, 0, self->cancellable,
                                load_progress_cb, progress, progress_free, load_cb, g_object_ref (self));
  else
    hs_trace_load_file_async (self->trace, self->file, self->cancellable,
                              load_progress_cb, progress, progress_free, load_cb, g_object_ref (self));
  update_status (self);
}

/* Live sources */

/* Drops the follower of the log; following again goes on where it stopped, in whatever file is at the path then. */
static void
forget_follower (HsTracePage *self)
{
  g_signal_handlers_disconnect_by_data (self->live, self);
  hs_live_source_set_recorder (self->live, NULL);
  self->bytes_loaded = hs_live_source_get_offset (self->live);
  self->lines_loaded = hs_live_source_get_lines (self->live);
  g_clear_object (&self->live);
}

static void
live_ended_cb (HsTracePage  *self,
               const GError *error)
{
  if (hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_PROGRAM)
    {
      if (error != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Reading the output of %s failed: %s"),
                                                   self->title, error->message);

          show_banner (self, "read-error", BANNER_ERROR, text, NULL, NULL);
        }
      update_status (self);
      return;
    }

  if (error != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("Reading %s failed: %s. The %llu line read before is kept.",
                                   "Reading %s failed: %s. The %llu lines read before are kept.",
                                   hs_trace_get_line_counts (self->trace)->lines),
                         self->title, error->message, (unsigned long long) hs_trace_get_line_counts (self->trace)->lines);

      show_banner (self, "read-error", BANNER_ERROR, text, NULL, NULL);
    }
  else if (hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_STREAM)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("The stream ended: the writer closed %s. Everything read is kept (%u GC cycle).",
                                   "The stream ended: the writer closed %s. Everything read is kept (%u GC cycles).",
                                   hs_trace_get_n_cycles (self->trace)),
                         self->title, hs_trace_get_n_cycles (self->trace));

      show_banner (self, "ended", BANNER_INFO, text, NULL, NULL);
    }

  /* following ended (a read error): Follow on again goes on from where it stopped */
  if (hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_FOLLOW)
    forget_follower (self);
  self->follow = FALSE;
  set_state (self, poll_is_active (self) ? HS_TRACE_PAGE_LIVE : HS_TRACE_PAGE_DONE);
  check_found_trace (self);
  update_status (self);
}

static void
live_exited_cb (HsTracePage *self)
{
  gboolean failed;
  g_autofree char *exit = hs_live_source_describe_exit (self->live, &failed);
  g_autofree char *text = NULL;

  /* TRANSLATORS: "./server exited with status 2. Everything read is kept (12 GC cycles)." */
  text = g_strdup_printf (ngettext ("%s %s. Everything read is kept (%u GC cycle).",
                                    "%s %s. Everything read is kept (%u GC cycles).",
                                    hs_trace_get_n_cycles (self->trace)),
                          self->title, exit, hs_trace_get_n_cycles (self->trace));
  show_banner (self, "exited", failed ? BANNER_ERROR : BANNER_INFO, text, NULL, NULL);

  set_state (self, HS_TRACE_PAGE_DONE);
  check_found_trace (self);
  update_status (self);
}

static void
live_notice_cb (HsTracePage *self,
                int          notice)
{
  g_autofree char *text = NULL;

  switch ((HsLiveNotice) notice)
    {
    case HS_LIVE_NOTICE_TRUNCATED:
      text = g_strdup_printf (_("%s was truncated. Reading it again from its first line; the cycles read before are kept."),
                              self->title);
      /* copytruncate: the part loaded before following may be gone from the file */
      if (self->recorder != NULL && self->recording_log)
        {
          g_autofree char *path = g_file_get_path (self->file);

          hs_session_recorder_check_prefix (self->recorder, path);
        }
      break;

    case HS_LIVE_NOTICE_REPLACED:
      text = g_strdup_printf (_("%s was replaced by a new file (log rotation). Reading the new file; the cycles read before are kept."),
                              self->title);
      break;

    case HS_LIVE_NOTICE_VANISHED:
      text = g_strdup_printf (_("%s was removed or renamed. Waiting for it to come back."), self->title);
      break;

    default:
      g_assert_not_reached ();
    }

  show_banner (self, "follow", BANNER_WARNING, text, NULL, NULL);
  update_status (self);
}

static void
live_active_cb (HsTracePage *self)
{
  update_status (self);
}

static gboolean
attach_live (HsTracePage  *self,
             HsLiveSource *live)
{
  g_autoptr(GError) error = NULL;

  self->live = live;
  hs_live_source_set_sample_interval (live, g_settings_get_uint (self->settings, "proc-sample-interval"));
  g_signal_connect_object (live, "ended", G_CALLBACK (live_ended_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "exited", G_CALLBACK (live_exited_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "notice", G_CALLBACK (live_notice_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (live, "notify::active", G_CALLBACK (live_active_cb), self, G_CONNECT_SWAPPED);

  if (!hs_live_source_start (live, &error))
    {
      g_autofree char *text = NULL;

      if (hs_live_source_get_kind (live) == HS_LIVE_SOURCE_PROGRAM)
        {
          text = g_strdup_printf (_("Could not start %s: %s"), self->subtitle, error->message);
          show_banner (self, "open", BANNER_ERROR, text, NULL, NULL);
          set_state (self, HS_TRACE_PAGE_FAILED);
        }
      else
        {
          text = g_strdup_printf (_("Could not follow %s: %s"), self->title, error->message);
          show_banner (self, "follow", BANNER_ERROR, text, NULL, NULL);
          self->follow = FALSE;
        }
      g_signal_handlers_disconnect_by_data (live, self);
      g_clear_object (&self->live);
      update_status (self);
      return FALSE;
    }

  set_state (self, HS_TRACE_PAGE_LIVE);
  update_status (self);
  return TRUE;
}

static gboolean
is_compressed (GFile *file)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guchar magic[2] = { 0 };

  if (in == NULL)
    return FALSE;

  return g_input_stream_read (G_INPUT_STREAM (in), magic, 2, NULL, NULL) == 2 &&
         magic[0] == 0x1f && magic[1] == 0x8b;
}

/*
 * Following goes on in the recording that following began (it may be switched off and on
 * again); the part loaded before it is taken from the file when the session is saved.
 */
static void
record_following (HsTracePage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->recorder == NULL)
    start_recording (self, "file", self->subtitle);
  else if (!self->recording_log)
    /* a process sampled before its log was followed: the log joins that recording */
    hs_session_writer_add_source (hs_session_recorder_get_writer (self->recorder), "file", self->subtitle);
  if (self->recorder == NULL)
    return;

  if (!self->recording_log &&
      !hs_session_recorder_set_prefix (self->recorder, self->file, self->bytes_loaded, &error))
    {
      fail_recording (self, error);
      return;
    }
  /*
   * The follower went back to the file's start: it was found shorter than what was loaded
   * when following began (its truncation notice came before this recording knew the log).
   */
  if (hs_live_source_get_offset (self->live) < self->bytes_loaded)
    {
      g_autofree char *path = g_file_get_path (self->file);

      hs_session_recorder_check_prefix (self->recorder, path);
    }
  self->recording_log = TRUE;
  hs_live_source_set_recorder (self->live, hs_session_recorder_get_writer (self->recorder));
}

/* Goes on reading where the loader stopped: nothing read is parsed again. */
static void
start_following (HsTracePage *self)
{
  if (is_compressed (self->file))
    {
      g_autofree char *text = g_strdup_printf (_("%s is compressed; only plain text logs can be followed."),
                                               self->title);

      show_banner (self, "follow", BANNER_WARNING, text, NULL, NULL);
      self->follow = FALSE;
      update_status (self);
      return;
    }

  hide_banner (self, "follow");
  if (attach_live (self, hs_live_source_new_for_file (self->trace, self->file, self->bytes_loaded,
                                                      self->lines_loaded)))
    record_following (self);
}

static void
special_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HsTracePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = NULL;

  in = g_file_read_finish (G_FILE (object), result, &error);
  if (G_FILE (object) != self->file || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (in == NULL)
    {
      fail (self, error);
      return;
    }

  if (attach_live (self, hs_live_source_new_for_stream (self->trace, G_INPUT_STREAM (in))))
    start_recording (self, "pipe", self->subtitle);
  /* --pid with a FIFO for its log: sampled from now on, placed by the process start time */
  if (self->watch_pid != 0)
    start_watching_after_load (self);
}

static void
query_info_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HsTracePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GFile *file = G_FILE (object);

  info = g_file_query_info_finish (file, result, &error);
  if (file != self->file || g_cancellable_is_cancelled (self->cancellable))
    return;

  if (info == NULL)
    {
      fail (self, error);
      return;
    }

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      {
        g_autoptr(GError) dir_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "");

        fail (self, dir_error);
      }
      return;

    case G_FILE_TYPE_SPECIAL:
      /*
       * A FIFO or a device: a live stream, read as it comes, never as a file of known
       * size. Opening a FIFO waits for its writer, so it opens off the main thread.
       */
      self->follow = FALSE;
      g_file_read_async (file, G_PRIORITY_DEFAULT, self->cancellable, special_read_cb,
                         g_object_ref (self));
      return;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    default:
      self->is_regular_file = TRUE;
      start_load (self, NULL);
      return;
    }
}

/* Opens @file: a regular file loads with progress, a FIFO reads live, with @follow a growing log. */
void
hs_trace_page_open_file (HsTracePage *self,
                         GFile       *file,
                         gboolean     follow)
{
  g_autofree char *basename = NULL;
  g_autofree char *parse_name = NULL;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  parse_name = g_file_get_parse_name (file);
  if (basename == NULL)
    basename = g_strdup (parse_name);

  {
    g_autofree char *display = g_filename_display_name (basename);

    reset (self, display);
    set_title (self, display, parse_name);
  }

  g_set_object (&self->file, file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->is_regular_file = FALSE;
  self->follow = follow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);

  /* stat first: a FIFO must not be handed to the loader, which would wait for its end */
  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           query_info_cb, g_object_ref (self));
}

/* Standard input or another pipe, read live; @title names it ("Standard input"). */
void
hs_trace_page_open_stream (HsTracePage  *self,
                           GInputStream *stream,
                           const char   *title)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  reset (self, title);
  set_title (self, title, NULL);
  g_clear_object (&self->file);
  self->follow = FALSE;
  if (attach_live (self, hs_live_source_new_for_stream (self->trace, stream)))
    start_recording (self, "pipe", title);
}

/* Dropped or pasted text: an "Untitled trace" that keeps its text for Reload. */
void
hs_trace_page_open_bytes (HsTracePage *self,
                          GBytes      *bytes,
                          const char  *title)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (bytes != NULL);

  if (title == NULL)
    title = _("Untitled trace");

  reset (self, title);
  set_title (self, title, NULL);
  g_clear_object (&self->file);
  if (self->bytes != bytes)
    {
      g_clear_pointer (&self->bytes, g_bytes_unref);
      self->bytes = g_bytes_ref (bytes);
    }
  self->follow = FALSE;

  stream = g_memory_input_stream_new_from_bytes (bytes);
  start_load (self, stream);
}

void
hs_trace_page_open_text (HsTracePage *self,
                         const char  *text,
                         gssize       len)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (text != NULL);

  bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  hs_trace_page_open_bytes (self, bytes, NULL);
}

/* The program's memory is sampled from /proc: its process ID is a source of the session. */
static void
record_pid (HsTracePage *self)
{
  g_autofree char *pid = NULL;

  if (self->recorder == NULL || hs_live_source_get_pid (self->live) <= 0)
    return;

  pid = g_strdup_printf ("%d", (int) hs_live_source_get_pid (self->live));
  hs_session_writer_add_source (hs_session_recorder_get_writer (self->recorder), "proc", pid);
}

/* Starts @argv with the GC trace on and reads its standard error live. */
void
hs_trace_page_run_program (HsTracePage        *self,
                           const char * const *argv,
                           const char         *cwd)
{
  g_autofree char *basename = NULL;
  g_autofree char *command = NULL;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (argv != NULL && argv[0] != NULL);

  basename = g_path_get_basename (argv[0]);
  command = g_strjoinv (" ", (char **) argv);
  reset (self, basename);
  set_title (self, basename, command);
  g_clear_object (&self->file);
  self->follow = FALSE;
  if (attach_live (self, hs_live_source_new_for_program (self->trace, argv, cwd)))
    {
      start_recording (self, "run", command);
      record_pid (self);
    }
}

/* A new trace for a program watched from outside: no file, no bytes, nothing to follow. */
static void
open_watch (HsTracePage *self,
            const char  *name,
            const char  *detail)
{
  reset (self, name);
  set_title (self, name, detail);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->follow = FALSE;
}

/*
 * Samples the memory of process @pid, which Heapscope did not start. With @log (its
 * gctrace, followed as it grows) the samples are drawn on the log's axis; without, the tab
 * shows RES and VIRT alone, from the process start.
 */
void
hs_trace_page_watch_process (HsTracePage *self,
                             GPid         pid,
                             GFile       *log)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;
  HsPollSource *poll;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (log == NULL || G_IS_FILE (log));

  if (log != NULL)
    {
      hs_trace_page_open_file (self, log, TRUE);
      self->watch_pid = pid;
      return;
    }

  name = hs_poll_source_name_for_pid (pid);
  detail = g_strdup_printf ("/proc/%d", (int) pid);
  open_watch (self, name, detail);

  poll = hs_poll_source_new_for_pid (self->trace, pid, &error);
  if (poll == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not sample process %d: %s."), (int) pid, error->message);

      fail_with_text (self, text);
      return;
    }

  attach_poll (self, poll);
}

/* Polls a Go server's expvar (/debug/vars) or Prometheus (/metrics) endpoint at @url. */
void
hs_trace_page_connect (HsTracePage      *self,
                       HsPollSourceKind  kind,
                       const char       *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  HsPollSource *poll;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (kind == HS_POLL_SOURCE_EXPVAR || kind == HS_POLL_SOURCE_METRICS);
  g_return_if_fail (url != NULL);

  name = hs_poll_source_name_for_url (kind, url);
  open_watch (self, name, url);

  poll = hs_poll_source_new_for_url (self->trace, kind, url, &error);
  if (poll == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not poll %s: %s."), url, error->message);

      fail_with_text (self, text);
      return;
    }

  attach_poll (self, poll);
}

HsPollSource *
hs_trace_page_get_poll_source (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->poll;
}

gboolean
hs_trace_page_can_reload (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), FALSE);

  return (self->file != NULL && (self->is_regular_file || self->state == HS_TRACE_PAGE_FAILED)) ||
         self->bytes != NULL;
}

/* Reads the file (or the pasted text) again from the start into a new trace. */
void
hs_trace_page_reload (HsTracePage *self)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));

  if (!hs_trace_page_can_reload (self))
    return;

  if (self->file != NULL)
    {
      g_autoptr(GFile) file = g_object_ref (self->file);
      GPid pid = self->poll != NULL ? hs_poll_source_get_pid (self->poll) : self->watch_pid;

      /* a log read with the process it came from: both again */
      if (pid != 0)
        hs_trace_page_watch_process (self, pid, file);
      else
        hs_trace_page_open_file (self, file, self->follow);
    }
  else
    {
      g_autoptr(GBytes) bytes = g_bytes_ref (self->bytes);
      g_autofree char *title = g_strdup (self->title);

      hs_trace_page_open_bytes (self, bytes, title);
    }
}

/* Cancel of the progress bar: what was read stays. */
void
hs_trace_page_cancel (HsTracePage *self)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));

  if (self->state == HS_TRACE_PAGE_LOADING)
    g_cancellable_cancel (self->cancellable);
}

/* Stop: the program gets SIGTERM, a followed file or a pipe is no longer read. */
void
hs_trace_page_stop (HsTracePage *self)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));

  if (self->poll != NULL)
    hs_poll_source_stop (self->poll);

  if (self->live == NULL)
    return;

  if (hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_PROGRAM)
    {
      hs_live_source_stop (self->live);
      return;
    }

  hs_trace_page_set_follow (self, FALSE);
}

/* Whether this tab is or was live and records its session. */
gboolean
hs_trace_page_can_save_session (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), FALSE);

  return self->recorder != NULL;
}

/* "./server 2026-11-30 15-40.heapscope-session": the tab's title and today. */
char *
hs_trace_page_suggest_session_name (HsTracePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H-%M");
  g_autofree char *title = g_strdup (self->title != NULL ? self->title : "heapscope");

  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  g_strdelimit (title, "/", '-');
  return g_strdup_printf ("%s %s.heapscope-session", title, date);
}

static void
save_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HsTracePage *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!hs_session_recorder_save_finish (HS_SESSION_RECORDER (object), result, &error))
    {
      text = g_strdup_printf (_("Could not save the session to %s: %s"), name, error->message);
      if (HS_SESSION_RECORDER (object) == self->recorder)
        show_banner (self, "saved", BANNER_ERROR, text, NULL, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  text = g_strdup_printf (_("The session was saved to %s."), name);
  if (HS_SESSION_RECORDER (object) == self->recorder)
    show_banner (self, "saved", BANNER_INFO, text, NULL, NULL);
  g_task_return_boolean (task, TRUE);
}

/*
 * Saves what this tab recorded so far as a complete session file, off the main thread,
 * while the recording goes on; a banner says how it went.
 */
void
hs_trace_page_save_session_async (HsTracePage         *self,
                                  GFile               *file,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, hs_trace_page_save_session_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  if (self->recorder == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("only a live tab records a session"));
      return;
    }

  hs_session_recorder_save_async (self->recorder, file, NULL, save_session_cb, g_steal_pointer (&task));
}

gboolean
hs_trace_page_save_session_finish (HsTracePage   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The header and sources of the session file this tab opened, or NULL. */
const HsSessionInfo *
hs_trace_page_get_session_info (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->session;
}

gboolean
hs_trace_page_can_follow (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), FALSE);

  /* a local file: the example in the resources or a remote one has no growth to watch */
  return self->file != NULL && self->is_regular_file && g_file_is_native (self->file) && self->session == NULL;
}

void
hs_trace_page_set_follow (HsTracePage *self,
                          gboolean     follow)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));

  follow = !!follow;
  if (self->follow == follow)
    return;

  self->follow = follow;

  if (follow && self->live == NULL && hs_trace_page_can_follow (self) &&
      (self->state == HS_TRACE_PAGE_DONE || self->state == HS_TRACE_PAGE_LIVE))
    {
      start_following (self);
    }
  else if (!follow && self->live != NULL &&
           hs_live_source_get_kind (self->live) == HS_LIVE_SOURCE_FOLLOW)
    {
      hs_live_source_stop (self->live);
      forget_follower (self);
      /* a process sampled next to the log goes on being sampled */
      set_state (self, poll_is_active (self) ? HS_TRACE_PAGE_LIVE : HS_TRACE_PAGE_DONE);
    }

  update_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW]);
}

gboolean
hs_trace_page_get_follow (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), FALSE);

  return self->follow;
}

static void
follow_switch_cb (HsTracePage *self)
{
  hs_trace_page_set_follow (self, gtk_switch_get_active (GTK_SWITCH (self->follow_switch)));
}

const char *
hs_trace_page_get_title (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->title;
}

const char *
hs_trace_page_get_subtitle (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->subtitle;
}

GFile *
hs_trace_page_get_file (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->file;
}

HsTrace *
hs_trace_page_get_trace (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->trace;
}

HsTracePageState
hs_trace_page_get_state (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), HS_TRACE_PAGE_EMPTY);

  return self->state;
}

HsLiveSource *
hs_trace_page_get_live_source (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->live;
}

double
hs_trace_page_get_progress (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), 0.0);

  return self->progress;
}

/*
 * Replaces what is shown under the banners (the charts, findings, statistics and tables of
 * the trace) with @content.
 */
void
hs_trace_page_set_content (HsTracePage *self,
                           GtkWidget   *content)
{
  g_return_if_fail (HS_IS_TRACE_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (content));

  if (self->main_content == content)
    return;

  /* a view that goes away gives the statistics panel back first */
  if (self->view != NULL && content != self->view)
    {
      hs_trace_view_release_stats (HS_TRACE_VIEW (self->view));
      self->view = NULL;
    }

  /* the page keeps its own reference on the statistics panel, so it survives this */
  if (self->main_content != NULL)
    gtk_box_remove (GTK_BOX (self->content), self->main_content);
  self->main_content = content;
  gtk_widget_set_vexpand (content, TRUE);
  gtk_widget_set_visible (content, self->state != HS_TRACE_PAGE_FAILED);
  gtk_box_insert_child_after (GTK_BOX (self->content), content, NULL);
}

GtkWidget *
hs_trace_page_get_stats_panel (HsTracePage *self)
{
  g_return_val_if_fail (HS_IS_TRACE_PAGE (self), NULL);

  return self->stats_panel;
}

static void
hs_trace_page_dispose (GObject *object)
{
  HsTracePage *self = (HsTracePage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->status_id, g_source_remove);
  detach_poll (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->recorder);   /* deletes the spool file */
  g_clear_pointer (&self->session, hs_session_info_free);
  if (self->live != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live, self);
      hs_live_source_set_recorder (self->live, NULL);
      hs_live_source_stop (self->live);
      g_clear_object (&self->live);
    }
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  if (self->malformed_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->malformed_window));

  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_TRACE_PAGE);
  g_clear_object (&self->panel_ref);
  self->main_content = NULL;

  g_clear_object (&self->trace);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->banner_table, g_hash_table_unref);

  G_OBJECT_CLASS (hs_trace_page_parent_class)->dispose (object);
}

static void
hs_trace_page_finalize (GObject *object)
{
  HsTracePage *self = (HsTracePage *) object;

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (hs_trace_page_parent_class)->finalize (object);
}

static void
hs_trace_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HsTracePage *self = HS_TRACE_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;

    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;

    case PROP_FOLLOW:
      g_value_set_boolean (value, self->follow);
      break;

    case PROP_CAN_SAVE_SESSION:
      g_value_set_boolean (value, self->recorder != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_trace_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HsTracePage *self = HS_TRACE_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLLOW:
      hs_trace_page_set_follow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_trace_page_class_init (HsTracePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_trace_page_dispose;
  object_class->finalize = hs_trace_page_finalize;
  object_class->get_property = hs_trace_page_get_property;
  object_class->set_property = hs_trace_page_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, HS_TRACE_PAGE_EMPTY, HS_TRACE_PAGE_FAILED, HS_TRACE_PAGE_EMPTY,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, HS_TYPE_TRACE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SAVE_SESSION] =
    g_param_spec_boolean ("can-save-session", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HS_TYPE_STATS_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heapscope/Heapscope/hs-trace-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, banners);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, source_bar);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, source_icon);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, source_label);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, follow_box);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, follow_switch);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, content);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, stats_panel);
  gtk_widget_class_bind_template_child (widget_class, HsTracePage, failed_box);
  gtk_widget_class_bind_template_callback (widget_class, hs_trace_page_cancel);
  gtk_widget_class_bind_template_callback (widget_class, hs_trace_page_stop);
  gtk_widget_class_bind_template_callback (widget_class, follow_switch_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hstracepage");
}

static void
hs_trace_page_init (HsTracePage *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->panel_ref = g_object_ref (self->stats_panel);
  self->main_content = self->stats_panel;
  self->banner_table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  {
    GApplication *app = g_application_get_default ();

    self->settings = HS_IS_APPLICATION (app) ? g_object_ref (hs_application_get_settings (HS_APPLICATION (app)))
                                             : g_settings_new (APP_ID);
    g_signal_connect_object (self->settings, "changed::proc-sample-interval",
                             G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (self->settings, "changed::http-poll-interval",
                             G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
  }
}

HsTracePage *
hs_trace_page_new (void)
{
  return g_object_new (HS_TYPE_TRACE_PAGE, NULL);
}
