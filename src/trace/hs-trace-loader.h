/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-loader.h: reads a whole file or stream into a trace, in parallel, off the main thread. */
#pragma once

#include <gio/gio.h>

#include "hs-session.h"
#include "hs-trace.h"

G_BEGIN_DECLS

/* Called on the caller's main context after each batch was appended to the trace. */
typedef void (*HsLoadProgressFunc) (guint64  bytes_done,
                                    guint64  bytes_total,   /* 0 when unknown */
                                    gpointer user_data);

void     hs_trace_load_file_async    (HsTrace             *trace,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      HsLoadProgressFunc   progress,
                                      gpointer             progress_data,
                                      GDestroyNotify       progress_destroy,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void     hs_trace_load_stream_async  (HsTrace             *trace,
                                      GInputStream        *stream,
                                      guint64              size_hint,
                                      GCancellable        *cancellable,
                                      HsLoadProgressFunc   progress,
                                      gpointer             progress_data,
                                      GDestroyNotify       progress_destroy,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean hs_trace_load_finish        (HsTrace             *trace,
                                      GAsyncResult        *result,
                                      GError             **error);
HsSessionInfo *hs_trace_load_steal_session_info (GAsyncResult *result);

gboolean hs_trace_load_file_sync     (HsTrace             *trace,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GError             **error);
gboolean hs_trace_load_stream_sync   (HsTrace             *trace,
                                      GInputStream        *stream,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS
