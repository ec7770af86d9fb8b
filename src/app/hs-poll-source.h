/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-poll-source.h: a running program watched from outside: its /proc memory, or its expvar or Prometheus endpoint. */
#pragma once

#include <gio/gio.h>

#include "trace/hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_POLL_SOURCE (hs_poll_source_get_type ())

G_DECLARE_FINAL_TYPE (HsPollSource, hs_poll_source, HS, POLL_SOURCE, GObject)

typedef enum
{
  HS_POLL_SOURCE_PROCESS,   /* /proc/PID: RES and VIRT of a process Heapscope did not start */
  HS_POLL_SOURCE_EXPVAR,    /* a Go server's /debug/vars */
  HS_POLL_SOURCE_METRICS,   /* a Go server's Prometheus /metrics */
} HsPollSourceKind;

HsPollSource     *hs_poll_source_new_for_pid     (HsTrace           *trace,
                                                  GPid               pid,
                                                  GError           **error);
HsPollSource     *hs_poll_source_new_for_url     (HsTrace           *trace,
                                                  HsPollSourceKind   kind,
                                                  const char        *url,
                                                  GError           **error);
HsPollSourceKind  hs_poll_source_guess_kind      (const char        *text);
char             *hs_poll_source_name_for_pid    (GPid               pid);
char             *hs_poll_source_name_for_url    (HsPollSourceKind   kind,
                                                  const char        *url);

HsPollSourceKind  hs_poll_source_get_kind        (HsPollSource      *self);
const char       *hs_poll_source_get_name        (HsPollSource      *self);
const char       *hs_poll_source_get_detail      (HsPollSource      *self);
const char       *hs_poll_source_get_session_kind (HsPollSource     *self);
GPid              hs_poll_source_get_pid         (HsPollSource      *self);
gboolean          hs_poll_source_get_active      (HsPollSource      *self);
gboolean          hs_poll_source_get_exited      (HsPollSource      *self);
guint             hs_poll_source_get_interval    (HsPollSource      *self);
void              hs_poll_source_set_interval    (HsPollSource      *self,
                                                  guint              interval_ms);
gboolean          hs_poll_source_align_to_trace  (HsPollSource      *self);
void              hs_poll_source_start           (HsPollSource      *self);
void              hs_poll_source_stop            (HsPollSource      *self);
char             *hs_poll_source_describe_status (HsPollSource      *self);
char             *hs_poll_source_describe_problem (HsPollSource     *self,
                                                  gboolean          *ended);
char             *hs_poll_source_describe_lost   (HsPollSource      *self);

G_END_DECLS
