/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session-recorder.h: a live tab's session, spooled to a cache file, saved on request. */
#pragma once

#include <gio/gio.h>

#include "trace/hs-session-writer.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_SESSION_RECORDER (hs_session_recorder_get_type ())

G_DECLARE_FINAL_TYPE (HsSessionRecorder, hs_session_recorder, HS, SESSION_RECORDER, GObject)

HsSessionRecorder *hs_session_recorder_new         (HsTrace            *trace,
                                                    const char         *kind,
                                                    const char         *detail,
                                                    GError            **error);
HsSessionWriter   *hs_session_recorder_get_writer  (HsSessionRecorder  *self);
GFile             *hs_session_recorder_get_spool   (HsSessionRecorder  *self);
gboolean           hs_session_recorder_set_prefix  (HsSessionRecorder  *self,
                                                    GFile              *file,
                                                    guint64             len,
                                                    GError            **error);
void               hs_session_recorder_check_prefix (HsSessionRecorder *self,
                                                     const char        *path);
void               hs_session_recorder_save_async  (HsSessionRecorder  *self,
                                                    GFile              *file,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean           hs_session_recorder_save_finish (HsSessionRecorder  *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);
void               hs_session_recorder_remove_stale_spools (const char *dir);

G_END_DECLS
