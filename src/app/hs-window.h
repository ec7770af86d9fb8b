/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-window.h: the main window: a welcome page, then one tab per trace. */
#pragma once

#include <gtk/gtk.h>

#include "hs-application.h"
#include "hs-trace-page.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())

G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, GtkApplicationWindow)

HsWindow    *hs_window_new              (HsApplication      *application);
HsTracePage *hs_window_open_file        (HsWindow           *self,
                                         GFile              *file,
                                         gboolean            follow);
HsTracePage *hs_window_open_stream      (HsWindow           *self,
                                         GInputStream       *stream,
                                         const char         *title);
HsTracePage *hs_window_open_text        (HsWindow           *self,
                                         const char         *text,
                                         gssize              len);
HsTracePage *hs_window_open_example     (HsWindow           *self);
HsTracePage *hs_window_run_program      (HsWindow           *self,
                                         const char * const *argv,
                                         const char         *cwd);
HsTracePage *hs_window_watch_process    (HsWindow           *self,
                                         GPid                pid,
                                         GFile              *log);
HsTracePage *hs_window_connect          (HsWindow           *self,
                                         HsPollSourceKind    kind,
                                         const char         *url);
gboolean     hs_window_handle_drop      (HsWindow           *self,
                                         const GValue       *value);
guint        hs_window_get_n_pages      (HsWindow           *self);
HsTracePage *hs_window_get_page         (HsWindow           *self,
                                         guint               n);
HsTracePage *hs_window_get_current_page (HsWindow           *self);
void         hs_window_close_page       (HsWindow           *self,
                                         HsTracePage        *page);
gboolean     hs_window_get_welcome_visible (HsWindow        *self);

G_END_DECLS
