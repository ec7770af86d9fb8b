/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-http-source-private.h: what the HTTP sources share with their base: the axis and GC cycles. */
#pragma once

#include "hs-http-source.h"

G_BEGIN_DECLS

/* A GC cycle as memstats tell it: its counter, when it ended and how long it stopped the world. */
typedef struct
{
  guint64 number;      /* NumGC after the cycle: 1 for the first one */
  gint64  end_us;      /* Unix time in µs (the server's clock) */
  guint64 pause_ns;    /* whole stop-the-world time of the cycle */
  guint   flags;       /* HS_GC_FLAG_TIME_ESTIMATED, HS_GC_FLAG_PAUSE_AVERAGED */
} HsSampledCycle;

void     _hs_http_source_ensure_origin (HsHttpSource         *self,
                                        gint64                wall_time_us);
double   _hs_http_source_time          (HsHttpSource         *self,
                                        gint64                wall_time_us);
void     _hs_http_source_append_cycles (HsHttpSource         *self,
                                        const HsSampledCycle *cycles,
                                        guint                 n_cycles,
                                        gboolean              restarted);
void     _hs_http_source_add_lost      (HsHttpSource         *self,
                                        guint64               n_cycles);

G_END_DECLS
