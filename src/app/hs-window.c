/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-window.c: the main window: welcome page, tabs, header bar, actions, drops and pastes. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-window.h"
#include "trace/hs-http-source.h"

#define EXAMPLE_URI "resource:///io/github/heapscope/Heapscope/examples/go1.9-scavenger-release.log"
/* How many recent traces the welcome page and the Open Recent menu list. */
#define MAX_RECENT 5

struct _HsWindow
{
  GtkApplicationWindow  parent_instance;

  /* template */
  GtkWidget            *stack;
  GtkWidget            *notebook;
  GtkWidget            *recent_box;
  GtkWidget            *recent_list;
  GMenu                *recent_menu;

  GSettings            *settings;
  GtkRecentManager     *recent_manager;
  GtkFileChooserNative *chooser;
  GtkWidget            *run_dialog;
  GtkWidget            *connect_dialog;
};

G_DEFINE_FINAL_TYPE (HsWindow, hs_window, GTK_TYPE_APPLICATION_WINDOW)

static void
update_actions (HsWindow *self)
{
  HsTracePage *page = hs_window_get_current_page (self);
  HsLiveSource *live = page != NULL ? hs_trace_page_get_live_source (page) : NULL;
  HsPollSource *poll = page != NULL ? hs_trace_page_get_poll_source (page) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-tab", page != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 page != NULL && hs_trace_page_can_reload (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-session",
                                 page != NULL && hs_trace_page_can_save_session (page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop",
                                 (live != NULL && hs_live_source_get_active (live) &&
                                  hs_live_source_get_kind (live) == HS_LIVE_SOURCE_PROGRAM) ||
                                 (poll != NULL && hs_poll_source_get_active (poll)));
}

static void
update_title (HsWindow *self)
{
  HsTracePage *page = hs_window_get_current_page (self);

  if (page != NULL && hs_trace_page_get_title (page) != NULL)
    {
      /* TRANSLATORS: the window title: the current trace's name, then the app's */
      g_autofree char *title = g_strdup_printf (_("%s — Heapscope"), hs_trace_page_get_title (page));

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Heapscope"));
    }
}

static void
show_welcome (HsWindow *self,
              gboolean  welcome)
{
  /* an empty tab strip measures below zero in GTK 4.8's theme while the stack fades it out */
  gtk_notebook_set_show_tabs (GTK_NOTEBOOK (self->notebook), !welcome);
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), welcome ? "welcome" : "traces");
  update_title (self);
  update_actions (self);
}

gboolean
hs_window_get_welcome_visible (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->stack)), "welcome") == 0;
}

guint
hs_window_get_n_pages (HsWindow *self)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), 0);

  return (guint) gtk_notebook_get_n_pages (GTK_NOTEBOOK (self->notebook));
}

HsTracePage *
hs_window_get_page (HsWindow *self,
                    guint     n)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  return HS_TRACE_PAGE (gtk_notebook_get_nth_page (GTK_NOTEBOOK (self->notebook), (int) n));
}

HsTracePage *
hs_window_get_current_page (HsWindow *self)
{
  int n;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  n = gtk_notebook_get_current_page (GTK_NOTEBOOK (self->notebook));
  if (n < 0)
    return NULL;

  return HS_TRACE_PAGE (gtk_notebook_get_nth_page (GTK_NOTEBOOK (self->notebook), n));
}

void
hs_window_close_page (HsWindow    *self,
                      HsTracePage *page)
{
  int n;

  g_return_if_fail (HS_IS_WINDOW (self));
  g_return_if_fail (HS_IS_TRACE_PAGE (page));

  n = gtk_notebook_page_num (GTK_NOTEBOOK (self->notebook), GTK_WIDGET (page));
  if (n < 0)
    return;

  /* a program still running gets SIGTERM; a pipe or a followed file stops being read */
  hs_trace_page_stop (page);
  gtk_notebook_remove_page (GTK_NOTEBOOK (self->notebook), n);
  if (hs_window_get_n_pages (self) == 0)
    show_welcome (self, TRUE);
  update_title (self);
  update_actions (self);
}

static void
close_button_clicked_cb (GtkButton *button,
                         HsWindow  *self)
{
  HsTracePage *page = g_object_get_data (G_OBJECT (button), "page");

  hs_window_close_page (self, page);
}

static void
page_changed_cb (HsWindow    *self,
                 GParamSpec  *pspec,
                 HsTracePage *page)
{
  GtkWidget *tab = gtk_notebook_get_tab_label (GTK_NOTEBOOK (self->notebook), GTK_WIDGET (page));
  GtkWidget *label = g_object_get_data (G_OBJECT (tab), "label");
  GtkWidget *live_icon = g_object_get_data (G_OBJECT (tab), "live_icon");
  HsTracePageState state = hs_trace_page_get_state (page);
  const char *subtitle = hs_trace_page_get_subtitle (page);

  gtk_label_set_text (GTK_LABEL (label), hs_trace_page_get_title (page));
  gtk_widget_set_tooltip_text (tab, subtitle != NULL ? subtitle : hs_trace_page_get_title (page));
  gtk_widget_set_visible (live_icon, state == HS_TRACE_PAGE_LOADING || state == HS_TRACE_PAGE_LIVE);

  if (page == hs_window_get_current_page (self))
    {
      update_title (self);
      update_actions (self);
    }
}

static HsTracePage *
add_page (HsWindow *self)
{
  HsTracePage *page = hs_trace_page_new ();
  GtkWidget *tab = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *live_icon = gtk_image_new_from_icon_name ("media-record-symbolic");
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  int n;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (live_icon, FALSE);
  gtk_widget_add_css_class (live_icon, "hs-live-dot");
  gtk_widget_set_tooltip_text (live_icon, _("Reading"));
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "hs-tab-close");
  gtk_widget_set_tooltip_text (close, _("Close Tab"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close Tab"), -1);
  g_object_set_data (G_OBJECT (close), "page", page);
  g_signal_connect (close, "clicked", G_CALLBACK (close_button_clicked_cb), self);

  gtk_box_append (GTK_BOX (tab), live_icon);
  gtk_box_append (GTK_BOX (tab), label);
  gtk_box_append (GTK_BOX (tab), close);
  g_object_set_data (G_OBJECT (tab), "label", label);
  g_object_set_data (G_OBJECT (tab), "live_icon", live_icon);

  n = gtk_notebook_append_page (GTK_NOTEBOOK (self->notebook), GTK_WIDGET (page), tab);
  gtk_notebook_set_tab_reorderable (GTK_NOTEBOOK (self->notebook), GTK_WIDGET (page), TRUE);

  g_signal_connect_object (page, "notify::title", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::state", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "notify::can-save-session", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);

  show_welcome (self, FALSE);
  gtk_notebook_set_current_page (GTK_NOTEBOOK (self->notebook), n);

  return page;
}

static HsTracePage *
find_page_for_file (HsWindow *self,
                    GFile    *file)
{
  for (guint i = 0; i < hs_window_get_n_pages (self); i++)
    {
      HsTracePage *page = hs_window_get_page (self, i);
      GFile *other = hs_trace_page_get_file (page);

      if (other != NULL && g_file_equal (other, file))
        return page;
    }

  return NULL;
}

/* A file already open switches to its tab (and starts following it when asked to). */
HsTracePage *
hs_window_open_file (HsWindow *self,
                     GFile    *file,
                     gboolean  follow)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  page = find_page_for_file (self, file);
  if (page != NULL && hs_trace_page_get_state (page) != HS_TRACE_PAGE_FAILED)
    {
      gtk_notebook_set_current_page (GTK_NOTEBOOK (self->notebook),
                                     gtk_notebook_page_num (GTK_NOTEBOOK (self->notebook), GTK_WIDGET (page)));
      if (follow)
        hs_trace_page_set_follow (page, TRUE);
      return page;
    }

  if (page == NULL)
    page = add_page (self);
  hs_trace_page_open_file (page, file, follow);
  page_changed_cb (self, NULL, page);

  return page;
}

HsTracePage *
hs_window_open_stream (HsWindow     *self,
                       GInputStream *stream,
                       const char   *title)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  page = add_page (self);
  hs_trace_page_open_stream (page, stream, title);
  page_changed_cb (self, NULL, page);

  return page;
}

HsTracePage *
hs_window_open_text (HsWindow   *self,
                     const char *text,
                     gssize      len)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  page = add_page (self);
  hs_trace_page_open_text (page, text, len);
  page_changed_cb (self, NULL, page);

  return page;
}

HsTracePage *
hs_window_open_example (HsWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (EXAMPLE_URI);

  return hs_window_open_file (self, file, FALSE);
}

HsTracePage *
hs_window_run_program (HsWindow           *self,
                       const char * const *argv,
                       const char         *cwd)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  page = add_page (self);
  hs_trace_page_run_program (page, argv, cwd);
  page_changed_cb (self, NULL, page);

  return page;
}

/* Samples process @pid in a new tab; with @log, next to the trace it writes there. */
HsTracePage *
hs_window_watch_process (HsWindow *self,
                         GPid      pid,
                         GFile    *log)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  page = add_page (self);
  hs_trace_page_watch_process (page, pid, log);
  page_changed_cb (self, NULL, page);

  return page;
}

/* Polls a Go server's expvar or Prometheus endpoint in a new tab. */
HsTracePage *
hs_window_connect (HsWindow         *self,
                   HsPollSourceKind  kind,
                   const char       *url)
{
  HsTracePage *page;

  g_return_val_if_fail (HS_IS_WINDOW (self), NULL);

  page = add_page (self);
  hs_trace_page_connect (page, kind, url);
  page_changed_cb (self, NULL, page);

  return page;
}

/* Drops: a file list opens one tab per file; plain text opens as an untitled trace. */
gboolean
hs_window_handle_drop (HsWindow     *self,
                       const GValue *value)
{
  g_return_val_if_fail (HS_IS_WINDOW (self), FALSE);

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);
      gboolean follow = g_settings_get_boolean (self->settings, "follow-by-default");

      if (files == NULL)
        return FALSE;
      for (GSList *l = files; l != NULL; l = l->next)
        hs_window_open_file (self, l->data, follow);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      const char *text = g_value_get_string (value);

      if (text == NULL || *text == '\0')
        return FALSE;
      hs_window_open_text (self, text, -1);
      return TRUE;
    }

  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         HsWindow      *self)
{
  return hs_window_handle_drop (self, value);
}

/* Recent traces: the welcome page's list and the Open Recent menu. */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo * const *) a;
  GtkRecentInfo *y = *(GtkRecentInfo * const *) b;
  g_autoptr(GDateTime) dx = g_date_time_ref (gtk_recent_info_get_modified (x));
  g_autoptr(GDateTime) dy = g_date_time_ref (gtk_recent_info_get_modified (y));

  return g_date_time_compare (dy, dx);
}

static void
recent_row_activated_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         HsWindow      *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  hs_window_open_file (self, file, g_settings_get_boolean (self->settings, "follow-by-default"));
}

static void
update_recent (HsWindow *self)
{
  GList *items = gtk_recent_manager_get_items (self->recent_manager);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  GtkWidget *child;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, "heapscope") && gtk_recent_info_is_local (info) &&
          gtk_recent_info_exists (info))
        g_ptr_array_add (mine, info);
    }
  g_ptr_array_sort (mine, compare_recent);

  while ((child = gtk_widget_get_first_child (self->recent_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->recent_list), child);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < MIN (mine->len, MAX_RECENT); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (mine, i);
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      g_autoptr(GFile) parent = g_file_get_parent (file);
      g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
      const char *home = g_get_home_dir ();
      g_autofree char *detailed = NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (gtk_recent_info_get_display_name (info));
      GtkWidget *where;

      /* ~/traces rather than /home/someone/traces, as Files shows it */
      if (g_str_has_prefix (folder, home) && (folder[strlen (home)] == '/' || folder[strlen (home)] == '\0'))
        {
          char *tilde = g_strconcat ("~", folder + strlen (home), NULL);

          g_free (folder);
          folder = tilde;
        }
      where = gtk_label_new (folder);

      gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_xalign (GTK_LABEL (where), 0.0f);
      gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (where, "dim-label");
      gtk_widget_add_css_class (where, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), where);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->recent_list), row);

      detailed = g_action_print_detailed_name ("win.open-recent", g_variant_new_string (uri));
      g_menu_append (self->recent_menu, gtk_recent_info_get_display_name (info), detailed);
    }

  /* the action stays enabled: it opens the URI it is given, and the recent manager reports a
   * new item only from a timeout, so a freshly opened file would otherwise be refused */
  gtk_widget_set_visible (self->recent_box, mine->len > 0);
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* Actions */

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     HsWindow        *self)
{
  gboolean follow = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "follow"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));

      if (folder != NULL)
        {
          g_autofree char *uri = g_file_get_uri (folder);

          g_settings_set_string (self->settings, "last-folder", uri);
        }

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          hs_window_open_file (self, file, follow);
        }
    }

  g_clear_object (&self->chooser);
}

/* Session files: by their type, or by their name where the type is not installed. */
static void
add_session_types (GtkFileFilter *filter)
{
  gtk_file_filter_add_mime_type (filter, "application/x-heapscope-session");
  gtk_file_filter_add_suffix (filter, "heapscope-session");
}

static void
run_chooser (HsWindow *self,
             gboolean  follow)
{
  g_autoptr(GtkFileFilter) traces = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) compressed = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) sessions = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *last = g_settings_get_string (self->settings, "last-folder");

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (follow ? _("Follow a Growing Log") : _("Open Traces"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               follow ? _("_Follow") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), !follow);
  g_object_set_data (G_OBJECT (self->chooser), "follow", GINT_TO_POINTER (follow));

  gtk_file_filter_set_name (traces, _("Logs and GC traces"));
  gtk_file_filter_add_mime_type (traces, "text/plain");
  gtk_file_filter_add_mime_type (traces, "text/x-log");
  gtk_file_filter_add_mime_type (traces, "application/gzip");
  gtk_file_filter_add_mime_type (traces, "application/x-gctrace");
  gtk_file_filter_add_suffix (traces, "log");
  gtk_file_filter_add_suffix (traces, "txt");
  gtk_file_filter_add_suffix (traces, "gctrace");
  gtk_file_filter_add_suffix (traces, "gz");
  add_session_types (traces);
  gtk_file_filter_set_name (sessions, _("Heapscope sessions"));
  add_session_types (sessions);
  gtk_file_filter_set_name (compressed, _("Compressed logs (.gz)"));
  gtk_file_filter_add_suffix (compressed, "gz");
  gtk_file_filter_add_mime_type (compressed, "application/gzip");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), traces);
  if (!follow)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), sessions);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), compressed);
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  if (last != NULL && *last != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (last);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_session_response_cb (GtkNativeDialog *dialog,
                          int              response,
                          HsWindow        *self)
{
  HsTracePage *page = g_object_get_data (G_OBJECT (dialog), "page");

  if (response == GTK_RESPONSE_ACCEPT && gtk_widget_get_parent (GTK_WIDGET (page)) != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        hs_trace_page_save_session_async (page, file, NULL, NULL);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Save Session…: what the current live tab recorded, as a file that opens again later. */
static void
save_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  HsTracePage *page = hs_window_get_current_page (self);
  g_autoptr(GtkFileFilter) sessions = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (page == NULL || !hs_trace_page_can_save_session (page))
    return;

  dialog = gtk_file_chooser_native_new (_("Save Session"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  name = hs_trace_page_suggest_session_name (page);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (sessions, _("Heapscope sessions"));
  add_session_types (sessions);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), sessions);
  g_object_set_data_full (G_OBJECT (dialog), "page", g_object_ref (page), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (save_session_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  run_chooser (HS_WINDOW (widget), FALSE);
}

static void
follow_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_chooser (HS_WINDOW (widget), TRUE);
}

static void
open_example_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hs_window_open_example (HS_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  hs_window_open_file (self, file, g_settings_get_boolean (self->settings, "follow-by-default"));
}

static void
close_tab_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  HsTracePage *page = hs_window_get_current_page (self);

  if (page != NULL)
    hs_window_close_page (self, page);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HsTracePage *page = hs_window_get_current_page (HS_WINDOW (widget));

  if (page != NULL)
    hs_trace_page_reload (page);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HsTracePage *page = hs_window_get_current_page (HS_WINDOW (widget));

  if (page != NULL)
    hs_trace_page_stop (page);
}

static void
paste_files_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, NULL);

  if (value != NULL)
    hs_window_handle_drop (self, value);
}

static void
paste_text_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HsWindow) self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);

  if (text != NULL && *text != '\0')
    hs_window_open_text (self, text, -1);
}

/* Ctrl+V: copied files open as tabs; copied log lines as an untitled trace. */
static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT, NULL,
                                    paste_files_cb, g_object_ref (widget));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, paste_text_cb, g_object_ref (widget));
}

/* A dialog's error line (its "error" label) says what is wrong with what was typed. */
static void
dialog_show_error (GtkWidget  *dialog,
                   const char *text)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (dialog), "error");

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_visible (label, TRUE);
}

/*
 * Builds the one-entry dialog of @resource for @slot (NULL again once it is closed), with
 * Enter and its @accept_id button calling @accept, Cancel closing it; NULL when it is open
 * already, brought to the front. The caller connects the rest and presents it.
 */
static GtkBuilder *
build_entry_dialog (HsWindow    *self,
                    const char  *resource,
                    GtkWidget  **slot,
                    const char  *accept_id,
                    GCallback    accept)
{
  GtkBuilder *builder;
  GObject *entry;

  if (*slot != NULL)
    {
      gtk_window_present (GTK_WINDOW (*slot));
      return NULL;
    }

  builder = gtk_builder_new_from_resource (resource);
  *slot = GTK_WIDGET (gtk_builder_get_object (builder, "dialog"));
  g_object_add_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  entry = gtk_builder_get_object (builder, "entry");
  g_object_set_data (G_OBJECT (*slot), "entry", entry);
  g_object_set_data (G_OBJECT (*slot), "error", gtk_builder_get_object (builder, "error"));

  g_signal_connect_swapped (entry, "activate", accept, self);
  g_signal_connect_swapped (gtk_builder_get_object (builder, accept_id), "clicked", accept, self);
  g_signal_connect_swapped (gtk_builder_get_object (builder, "cancel"), "clicked",
                            G_CALLBACK (gtk_window_destroy), *slot);
  gtk_window_set_transient_for (GTK_WINDOW (*slot), GTK_WINDOW (self));

  return builder;
}

static void
run_dialog_run (HsWindow *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (self->run_dialog), "entry");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  if (!g_shell_parse_argv (gtk_editable_get_text (GTK_EDITABLE (entry)), NULL, &argv, &error))
    {
      dialog_show_error (self->run_dialog,
                         g_error_matches (error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING)
                         ? _("Type the program to run and its arguments.")
                         : error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self->run_dialog));
  hs_window_run_program (self, (const char * const *) argv, cwd);
}

static void
run_dialog_choose_cb (GtkNativeDialog *chooser,
                      int              response,
                      GtkWidget       *entry)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *quoted = path != NULL ? g_shell_quote (path) : NULL;

      if (quoted != NULL)
        gtk_editable_set_text (GTK_EDITABLE (entry), quoted);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
run_dialog_choose (GtkWidget *button,
                   GtkWidget *entry)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Program"),
                                         GTK_WINDOW (gtk_widget_get_root (button)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (run_dialog_choose_cb), entry);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
run_program_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autoptr(GtkBuilder) builder = build_entry_dialog (self, "/io/github/heapscope/Heapscope/hs-run-dialog.ui",
                                                      &self->run_dialog, "run", G_CALLBACK (run_dialog_run));

  if (builder == NULL)
    return;

  g_signal_connect (gtk_builder_get_object (builder, "choose"), "clicked",
                    G_CALLBACK (run_dialog_choose), gtk_builder_get_object (builder, "entry"));
  gtk_window_present (GTK_WINDOW (self->run_dialog));
}

/* Connect…: a process ID, an expvar URL or a Prometheus URL, told apart as it is typed. */

static const char * const connect_placeholders[] = {
  [HS_POLL_SOURCE_PROCESS] = "1234",
  [HS_POLL_SOURCE_EXPVAR] = "http://localhost:6060/debug/vars",
  [HS_POLL_SOURCE_METRICS] = "http://localhost:2112/metrics",
};

static void
connect_dialog_kind_cb (GtkDropDown *kind,
                        GParamSpec  *pspec,
                        GtkEntry    *entry)
{
  guint selected = gtk_drop_down_get_selected (kind);

  if (selected < G_N_ELEMENTS (connect_placeholders))
    gtk_entry_set_placeholder_text (entry, connect_placeholders[selected]);
  gtk_entry_set_input_purpose (entry, selected == HS_POLL_SOURCE_PROCESS ? GTK_INPUT_PURPOSE_DIGITS
                                                                        : GTK_INPUT_PURPOSE_URL);
}

static void
connect_dialog_text_cb (GtkEditable *entry,
                        GtkDropDown *kind)
{
  const char *text = gtk_editable_get_text (entry);

  /* a person typing a number means a process, a /metrics path Prometheus */
  if (*text != '\0')
    gtk_drop_down_set_selected (kind, hs_poll_source_guess_kind (text));
}

static void
connect_dialog_connect (HsWindow *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (self->connect_dialog), "entry");
  GtkDropDown *kind = g_object_get_data (G_OBJECT (self->connect_dialog), "kind");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  HsPollSourceKind selected = gtk_drop_down_get_selected (kind);
  g_autoptr(GError) error = NULL;

  if (selected == HS_POLL_SOURCE_PROCESS)
    {
      gint64 pid;

      /* as --pid reads it */
      if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &pid, NULL))
        {
          dialog_show_error (self->connect_dialog, _("Type the ID of a running process, as ps or top show it."));
          return;
        }
      gtk_window_destroy (GTK_WINDOW (self->connect_dialog));
      hs_window_watch_process (self, (GPid) pid, NULL);
      return;
    }

  if (!hs_http_source_check_url (text, &error))
    {
      dialog_show_error (self->connect_dialog, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self->connect_dialog));
  hs_window_connect (self, selected, text);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HsWindow *self = HS_WINDOW (widget);
  g_autoptr(GtkBuilder) builder = build_entry_dialog (self, "/io/github/heapscope/Heapscope/hs-connect-dialog.ui",
                                                      &self->connect_dialog, "connect",
                                                      G_CALLBACK (connect_dialog_connect));
  GObject *entry;
  GObject *kind;

  if (builder == NULL)
    return;

  entry = gtk_builder_get_object (builder, "entry");
  kind = gtk_builder_get_object (builder, "kind");
  g_object_set_data (G_OBJECT (self->connect_dialog), "kind", kind);
  g_signal_connect (kind, "notify::selected", G_CALLBACK (connect_dialog_kind_cb), entry);
  connect_dialog_kind_cb (GTK_DROP_DOWN (kind), NULL, GTK_ENTRY (entry));
  g_signal_connect (entry, "changed", G_CALLBACK (connect_dialog_text_cb), kind);

  /* typing goes to the address at once; the kind follows what is typed */
  gtk_window_set_focus (GTK_WINDOW (self->connect_dialog), GTK_WIDGET (entry));
  gtk_window_present (GTK_WINDOW (self->connect_dialog));
}

/* the notebook's "page" changes after switch-page: this sees the new current page */
static void
notebook_page_notify_cb (HsWindow *self)
{
  update_title (self);
  update_actions (self);
}

static void
notebook_page_removed_cb (HsWindow *self)
{
  update_title (self);
  update_actions (self);
}

static gboolean
hs_window_close_request (GtkWindow *window)
{
  HsWindow *self = HS_WINDOW (window);
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window) && !gtk_window_is_fullscreen (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  /* programs still running are stopped with the window */
  while (hs_window_get_n_pages (self) > 0)
    hs_window_close_page (self, hs_window_get_page (self, 0));

  return GTK_WINDOW_CLASS (hs_window_parent_class)->close_request (window);
}

static void
hs_window_dispose (GObject *object)
{
  HsWindow *self = (HsWindow *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->run_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->run_dialog));
  if (self->connect_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->connect_dialog));
  if (self->recent_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->recent_manager, self);
  g_clear_object (&self->recent_manager);

  /* the pages and the notebook go now: nothing of theirs may call back into a half-gone window */
  if (self->notebook != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->notebook, self);
      for (guint i = 0; i < hs_window_get_n_pages (self); i++)
        g_signal_handlers_disconnect_by_data (hs_window_get_page (self, i), self);
    }

  /* no gtk_widget_dispose_template (): GtkWindow unparents its own child and titlebar */

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hs_window_parent_class)->dispose (object);
}

static void
hs_window_class_init (HsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = hs_window_dispose;
  window_class->close_request = hs_window_close_request;

  g_type_ensure (HS_TYPE_TRACE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heapscope/Heapscope/hs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, HsWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_page_notify_cb);
  gtk_widget_class_bind_template_callback (widget_class, notebook_page_removed_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.follow-file", NULL, follow_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-example", NULL, open_example_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.run-program", NULL, run_program_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.close-tab", NULL, close_tab_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.save-session", NULL, save_session_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");

  /* in the window only: a text field elsewhere keeps its own Ctrl+V */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
}

static void
hs_window_init (HsWindow *self)
{
  GtkDropTarget *drop;
  GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
  GApplication *app = g_application_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_object_ref (hs_application_get_settings (HS_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  self->recent_manager = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->recent_manager, "changed", G_CALLBACK (update_recent),
                           self, G_CONNECT_SWAPPED);
  update_recent (self);

  show_welcome (self, TRUE);
}

HsWindow *
hs_window_new (HsApplication *application)
{
  return g_object_new (HS_TYPE_WINDOW, "application", application, NULL);
}
