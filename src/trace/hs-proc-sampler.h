/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-proc-sampler.h: samples a process's memory from /proc (RES and VIRT as top shows them). */
#pragma once

#include <gio/gio.h>

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_PROC_SAMPLER (hs_proc_sampler_get_type ())

G_DECLARE_FINAL_TYPE (HsProcSampler, hs_proc_sampler, HS, PROC_SAMPLER, GObject)

#define HS_PROC_SAMPLER_DEFAULT_INTERVAL_MS 250

HsProcSampler *hs_proc_sampler_new_for_child   (HsTrace        *trace,
                                                GPid            pid);
HsProcSampler *hs_proc_sampler_new_for_pid     (HsTrace        *trace,
                                                GPid            pid,
                                                GError        **error);

HsTrace       *hs_proc_sampler_get_trace       (HsProcSampler  *self);
GPid           hs_proc_sampler_get_pid         (HsProcSampler  *self);
guint          hs_proc_sampler_get_interval    (HsProcSampler  *self);
void           hs_proc_sampler_set_interval    (HsProcSampler  *self,
                                                guint           interval_ms);
gint64         hs_proc_sampler_get_origin      (HsProcSampler  *self);
void           hs_proc_sampler_set_origin      (HsProcSampler  *self,
                                                gint64          wall_time_us);
gboolean       hs_proc_sampler_align_to_trace  (HsProcSampler  *self);
gboolean       hs_proc_sampler_get_running     (HsProcSampler  *self);
const GError  *hs_proc_sampler_get_error       (HsProcSampler  *self);

void           hs_proc_sampler_start           (HsProcSampler  *self);
void           hs_proc_sampler_stop            (HsProcSampler  *self);
gboolean       hs_proc_sampler_sample          (HsProcSampler  *self,
                                                GError        **error);

gboolean       hs_proc_read_start_time         (GPid            pid,
                                                gint64         *wall_time_us,
                                                guint64        *start_ticks,
                                                GError        **error);

G_END_DECLS
