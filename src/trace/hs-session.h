/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session.h: opens a heapscope-session file (docs/session-format.md) into a trace. */
#pragma once

#include <gio/gio.h>

#include "hs-trace.h"

G_BEGIN_DECLS

typedef struct
{
  char *kind;       /* file, pipe, run, pid, proc, expvar, metrics */
  char *detail;     /* path, command line, process ID or URL */
} HsSessionSource;

typedef struct
{
  guint      version;
  char      *name;
  gint64     created_unix_us;
  GPtrArray *sources;       /* HsSessionSource */
  gboolean   complete;      /* FALSE: the recording was cut short (no end record) */
} HsSessionInfo;

gboolean  hs_session_sniff        (const char     *data,
                                   gsize           len);
HsTrace  *hs_session_load         (GFile          *file,
                                   HsSessionInfo **info,
                                   GCancellable   *cancellable,
                                   GError        **error);
HsTrace  *hs_session_load_stream  (GInputStream   *stream,
                                   const char     *display_name,
                                   HsSessionInfo **info,
                                   GCancellable   *cancellable,
                                   GError        **error);
HsTrace  *hs_session_load_data    (const char     *text,
                                   gsize           len,
                                   const char     *display_name,
                                   HsSessionInfo **info,
                                   GCancellable   *cancellable,
                                   GError        **error);
void      hs_session_info_free    (HsSessionInfo  *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsSessionInfo, hs_session_info_free)

G_END_DECLS
