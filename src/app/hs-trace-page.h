/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-page.h: one tab: a trace, where it comes from, its banners and its content. */
#pragma once

#include <gtk/gtk.h>

#include "hs-live-source.h"
#include "hs-poll-source.h"
#include "trace/hs-session.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_TRACE_PAGE (hs_trace_page_get_type ())

G_DECLARE_FINAL_TYPE (HsTracePage, hs_trace_page, HS, TRACE_PAGE, GtkWidget)

typedef enum
{
  HS_TRACE_PAGE_EMPTY,      /* nothing opened yet */
  HS_TRACE_PAGE_LOADING,    /* a file is being read with progress */
  HS_TRACE_PAGE_LIVE,       /* a pipe, a followed file or a program is being read */
  HS_TRACE_PAGE_DONE,       /* everything there was is read (or loading was cancelled) */
  HS_TRACE_PAGE_FAILED,     /* nothing could be read at all */
} HsTracePageState;

HsTracePage      *hs_trace_page_new            (void);
void              hs_trace_page_open_file      (HsTracePage        *self,
                                                GFile              *file,
                                                gboolean            follow);
void              hs_trace_page_open_stream    (HsTracePage        *self,
                                                GInputStream       *stream,
                                                const char         *title);
void              hs_trace_page_open_text      (HsTracePage        *self,
                                                const char         *text,
                                                gssize              len);
void              hs_trace_page_open_bytes     (HsTracePage        *self,
                                                GBytes             *bytes,
                                                const char         *title);
void              hs_trace_page_run_program    (HsTracePage        *self,
                                                const char * const *argv,
                                                const char         *cwd);
void              hs_trace_page_watch_process  (HsTracePage        *self,
                                                GPid                pid,
                                                GFile              *log);
void              hs_trace_page_connect        (HsTracePage        *self,
                                                HsPollSourceKind    kind,
                                                const char         *url);
gboolean          hs_trace_page_can_reload     (HsTracePage        *self);
void              hs_trace_page_reload         (HsTracePage        *self);
void              hs_trace_page_cancel         (HsTracePage        *self);
void              hs_trace_page_stop           (HsTracePage        *self);
gboolean          hs_trace_page_can_save_session (HsTracePage      *self);
char             *hs_trace_page_suggest_session_name (HsTracePage  *self);
void              hs_trace_page_save_session_async (HsTracePage    *self,
                                                    GFile          *file,
                                                    GAsyncReadyCallback callback,
                                                    gpointer        user_data);
gboolean          hs_trace_page_save_session_finish (HsTracePage   *self,
                                                     GAsyncResult  *result,
                                                     GError       **error);
const HsSessionInfo *hs_trace_page_get_session_info (HsTracePage   *self);
gboolean          hs_trace_page_can_follow     (HsTracePage        *self);
void              hs_trace_page_set_follow     (HsTracePage        *self,
                                                gboolean            follow);
gboolean          hs_trace_page_get_follow     (HsTracePage        *self);
const char       *hs_trace_page_get_title      (HsTracePage        *self);
const char       *hs_trace_page_get_subtitle   (HsTracePage        *self);
GFile            *hs_trace_page_get_file       (HsTracePage        *self);
HsTrace          *hs_trace_page_get_trace      (HsTracePage        *self);
HsTracePageState  hs_trace_page_get_state      (HsTracePage        *self);
HsLiveSource     *hs_trace_page_get_live_source (HsTracePage       *self);
HsPollSource     *hs_trace_page_get_poll_source (HsTracePage       *self);
double            hs_trace_page_get_progress   (HsTracePage        *self);
void              hs_trace_page_set_content    (HsTracePage        *self,
                                                GtkWidget          *content);
GtkWidget        *hs_trace_page_get_stats_panel (HsTracePage       *self);
char            **hs_trace_page_get_banners    (HsTracePage        *self);
void              hs_trace_page_show_malformed (HsTracePage        *self);

G_END_DECLS
