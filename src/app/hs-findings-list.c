/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-findings-list.c: findings computed off the main thread, listed as rows with their advice. */

#include "config.h"

#include <glib/gi18n.h>

#include "hs-findings-list.h"

/* A growing trace is analysed again at most this often… */
#define REANALYZE_DELAY_MS 2000
/* …while it is small: the analysis holds the trace's read lock, which holds up appends on
 * the main thread; a large trace is analysed when its owner calls refresh (loaded). */
#define LIVE_ANALYSIS_MAX_CYCLES 100000

struct _HsFindingsList
{
  GtkWidget     parent_instance;

  HsTrace      *trace;
  GtkWidget    *scrolled;
  GtkWidget    *list;
  GtkWidget    *status;
  GPtrArray    *findings;      /* HsFinding, shown */
  GCancellable *cancellable;
  guint         reanalyze_id;
  gboolean      running;
  gboolean      again;
};

G_DEFINE_FINAL_TYPE (HsFindingsList, hs_findings_list, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  FINDINGS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
severity_icon (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return "dialog-error-symbolic";
    case HS_SEVERITY_WARNING: return "dialog-warning-symbolic";
    case HS_SEVERITY_INFO:
    default: return "dialog-information-symbolic";
    }
}

static const char *
severity_class (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return "error";
    case HS_SEVERITY_WARNING: return "warning";
    case HS_SEVERITY_INFO:
    default: return "accent";
    }
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
make_row (const HsFinding *f)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (f->severity));
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *more = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *range = g_strdup_printf (_("%.1f s – %.1f s"), f->t_start, f->t_end);

  gtk_widget_add_css_class (icon, severity_class (f->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_box_append (GTK_BOX (box), icon);

  gtk_box_append (GTK_BOX (text), make_label (f->title, "heading"));
  gtk_box_append (GTK_BOX (text), make_label (range, "dim-label"));
  gtk_box_append (GTK_BOX (more), make_label (f->detail, NULL));
  gtk_box_append (GTK_BOX (more), make_label (f->advice, "hs-advice"));
  gtk_revealer_set_child (GTK_REVEALER (revealer), more);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (text), revealer);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "revealer", revealer);

  /* screen readers read the title and the whole explanation */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, f->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, f->detail,
                                  -1);
  return row;
}

static void
show_findings (HsFindingsList *self,
               GPtrArray      *findings)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->list), child);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = g_ptr_array_ref (findings);

  for (guint i = 0; i < findings->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (self->list), make_row (g_ptr_array_index (findings, i)));

  if (hs_trace_get_n_cycles (self->trace) == 0)
    gtk_label_set_text (GTK_LABEL (self->status), _("No GC cycles yet."));
  else if (findings->len == 0 && (hs_trace_get_gc_flags (self->trace, 0) & HS_GC_FLAG_SAMPLED))
    /* the findings on heap sizes and GC CPU need trace lines: do not call the heap healthy */
    gtk_label_set_text (GTK_LABEL (self->status),
                        _("Nothing to report on the pauses or the memory held from the OS. Cycles polled from "
                          "memstats carry no heap sizes or GC CPU: the findings about the live heap, the heap "
                          "goal and GC CPU need the program’s GODEBUG=gctrace=1 output."));
  else if (findings->len == 0)
    gtk_label_set_text (GTK_LABEL (self->status), _("Nothing to report: the GC looks healthy in this trace."));
  gtk_widget_set_visible (self->status, findings->len == 0);
  gtk_widget_set_visible (self->scrolled, findings->len > 0);
  g_signal_emit (self, signals[FINDINGS_CHANGED], 0);
}

static void
analyze_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  HsTrace *trace = task_data;
  GPtrArray *findings;

  /* the trace may grow meanwhile: read it under its lock */
  hs_trace_read_lock (trace);
  findings = hs_findings_analyze (trace);
  hs_trace_read_unlock (trace);

  g_task_return_pointer (task, findings, (GDestroyNotify) g_ptr_array_unref);
}

static void start_analysis (HsFindingsList *self);

static void
analyze_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HsFindingsList *self = HS_FINDINGS_LIST (object);
  g_autoptr(GPtrArray) findings = g_task_propagate_pointer (G_TASK (result), NULL);

  if (findings == NULL)
    return;

  self->running = FALSE;
  show_findings (self, findings);

  if (self->again)
    {
      self->again = FALSE;
      start_analysis (self);
    }
}

static void
start_analysis (HsFindingsList *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->running)
    {
      self->again = TRUE;
      return;
    }

  self->running = TRUE;
  task = g_task_new (self, self->cancellable, analyze_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (self->trace), g_object_unref);
  g_task_run_in_thread (task, analyze_thread);
}

static gboolean
reanalyze_cb (gpointer user_data)
{
  HsFindingsList *self = user_data;

  self->reanalyze_id = 0;
  start_analysis (self);
  return G_SOURCE_REMOVE;
}

static void
items_appended_cb (HsFindingsList *self)
{
  if (hs_trace_get_n_cycles (self->trace) > LIVE_ANALYSIS_MAX_CYCLES)
    return;

  if (self->reanalyze_id == 0)
    self->reanalyze_id = g_timeout_add (REANALYZE_DELAY_MS, reanalyze_cb, self);
}

/* Refresh now, for example when a file finished loading. */
void
hs_findings_list_refresh (HsFindingsList *self)
{
  g_return_if_fail (HS_IS_FINDINGS_LIST (self));

  g_clear_handle_id (&self->reanalyze_id, g_source_remove);
  start_analysis (self);
}

static void
row_activated_cb (HsFindingsList *self,
                  GtkListBoxRow  *row)
{
  hs_findings_list_activate (self, (guint) gtk_list_box_row_get_index (row));
}

/* Shows the finding's explanation and asks the owner to show its time range. */
void
hs_findings_list_activate (HsFindingsList *self,
                           guint           index)
{
  const HsFinding *f;
  GtkListBoxRow *row;

  g_return_if_fail (HS_IS_FINDINGS_LIST (self));

  if (self->findings == NULL || index >= self->findings->len)
    return;

  f = g_ptr_array_index (self->findings, index);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), i)) != NULL; i++)
    gtk_revealer_set_reveal_child (g_object_get_data (G_OBJECT (row), "revealer"), (guint) i == index);
  gtk_list_box_select_row (GTK_LIST_BOX (self->list), gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->list), (int) index));

  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, f->t_start, f->t_end);
}

guint
hs_findings_list_get_n_findings (HsFindingsList *self)
{
  g_return_val_if_fail (HS_IS_FINDINGS_LIST (self), 0);

  return self->findings != NULL ? self->findings->len : 0;
}

const HsFinding *
hs_findings_list_get_finding (HsFindingsList *self,
                              guint           index)
{
  g_return_val_if_fail (HS_IS_FINDINGS_LIST (self), NULL);
  g_return_val_if_fail (self->findings != NULL && index < self->findings->len, NULL);

  return g_ptr_array_index (self->findings, index);
}

static void
hs_findings_list_dispose (GObject *object)
{
  HsFindingsList *self = (HsFindingsList *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reanalyze_id, g_source_remove);
  if (self->trace != NULL)
    g_signal_handlers_disconnect_by_data (self->trace, self);
  g_clear_object (&self->trace);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hs_findings_list_parent_class)->dispose (object);
}

static void
hs_findings_list_class_init (HsFindingsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_findings_list_dispose;

  /**
   * HsFindingsList::finding-activated:
   * @t_start: the start of the finding's range, s on the trace's axis
   * @t_end: its end
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  /**
   * HsFindingsList::findings-changed:
   * The analysis finished (again): the findings may be new.
   */
  signals[FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hs-findings-list");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hs_findings_list_init (HsFindingsList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->cancellable = g_cancellable_new ();

  self->status = gtk_label_new (_("Looking for findings…"));
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_widget_set_margin_top (self->status, 24);
  gtk_widget_set_margin_start (self->status, 12);
  gtk_widget_set_margin_end (self->status, 12);
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));

  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_SINGLE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (self->list), TRUE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->list);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_visible (self->scrolled, FALSE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
hs_findings_list_new (HsTrace *trace)
{
  HsFindingsList *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_object_new (HS_TYPE_FINDINGS_LIST, NULL);
  self->trace = g_object_ref (trace);
  g_signal_connect_object (trace, "items-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  /* RES sampled from /proc has a finding of its own */
  g_signal_connect_object (trace, "samples-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  start_analysis (self);

  return GTK_WIDGET (self);
}
