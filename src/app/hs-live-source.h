/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-live-source.h: feeds a trace live from a pipe, a growing file or a program it starts. */
#pragma once

#include <gio/gio.h>

#include "trace/hs-session-writer.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_LIVE_SOURCE (hs_live_source_get_type ())

G_DECLARE_FINAL_TYPE (HsLiveSource, hs_live_source, HS, LIVE_SOURCE, GObject)

typedef enum
{
  HS_LIVE_SOURCE_STREAM,    /* standard input, a FIFO, pasted text */
  HS_LIVE_SOURCE_FOLLOW,    /* a growing file, like tail -F */
  HS_LIVE_SOURCE_PROGRAM,   /* the standard error of a program started here */
} HsLiveSourceKind;

typedef enum
{
  HS_LIVE_NOTICE_TRUNCATED,
  HS_LIVE_NOTICE_REPLACED,
  HS_LIVE_NOTICE_VANISHED,
} HsLiveNotice;

HsLiveSource     *hs_live_source_new_for_stream   (HsTrace             *trace,
                                                   GInputStream        *stream);
HsLiveSource     *hs_live_source_new_for_file     (HsTrace             *trace,
                                                   GFile               *file,
                                                   guint64              offset,
                                                   guint64              line_offset);
HsLiveSource     *hs_live_source_new_for_program  (HsTrace             *trace,
                                                   const char * const  *argv,
                                                   const char          *cwd);
gboolean          hs_live_source_start            (HsLiveSource        *self,
                                                   GError             **error);
void              hs_live_source_stop             (HsLiveSource        *self);
HsLiveSourceKind  hs_live_source_get_kind         (HsLiveSource        *self);
void              hs_live_source_set_recorder     (HsLiveSource        *self,
                                                   HsSessionWriter     *recorder);
gboolean          hs_live_source_get_active       (HsLiveSource        *self);
guint64           hs_live_source_get_bytes_read   (HsLiveSource        *self);
guint64           hs_live_source_get_offset       (HsLiveSource        *self);
guint64           hs_live_source_get_lines        (HsLiveSource        *self);
GPid              hs_live_source_get_pid          (HsLiveSource        *self);
void              hs_live_source_set_sample_interval (HsLiveSource    *self,
                                                   guint               interval_ms);
char             *hs_live_source_describe_exit    (HsLiveSource        *self,
                                                   gboolean            *failed);
char            **hs_live_source_build_environment (const char * const *envp);

G_END_DECLS
