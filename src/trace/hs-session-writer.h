/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session-writer.h: records a live session into a heapscope-session file while it runs. */
#pragma once

#include <gio/gio.h>

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_SESSION_WRITER (hs_session_writer_get_type ())

G_DECLARE_FINAL_TYPE (HsSessionWriter, hs_session_writer, HS, SESSION_WRITER, GObject)

#define HS_SESSION_FORMAT_VERSION 1

HsSessionWriter *hs_session_writer_new          (HsTrace          *trace,
                                                 GOutputStream    *stream,
                                                 GError          **error);
HsSessionWriter *hs_session_writer_new_for_file (HsTrace          *trace,
                                                 GFile            *file,
                                                 GError          **error);
void             hs_session_writer_add_source   (HsSessionWriter  *self,
                                                 const char       *kind,
                                                 const char       *detail);
void             hs_session_writer_add_lines    (HsSessionWriter  *self,
                                                 const char       *data,
                                                 gsize             len);
void             hs_session_writer_get_counts   (HsSessionWriter  *self,
                                                 guint64          *samples,
                                                 guint64          *cycles,
                                                 guint64          *bytes);
const GError    *hs_session_writer_get_error    (HsSessionWriter  *self);
gboolean         hs_session_writer_close        (HsSessionWriter  *self,
                                                 GError          **error);

char            *hs_session_format_lines_record (const char       *data,
                                                 gsize             len,
                                                 gsize            *record_len);
char            *hs_session_format_end_record   (guint64           samples,
                                                 guint64           cycles,
                                                 guint64           bytes,
                                                 gsize            *record_len);

G_END_DECLS
