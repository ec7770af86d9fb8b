/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-expvar-source.h: polls a Go program's expvar endpoint (/debug/vars) for memstats and GC cycles. */
#pragma once

#include "hs-http-source.h"

G_BEGIN_DECLS

#define HS_TYPE_EXPVAR_SOURCE (hs_expvar_source_get_type ())

G_DECLARE_FINAL_TYPE (HsExpvarSource, hs_expvar_source, HS, EXPVAR_SOURCE, HsHttpSource)

/* How many recent GC cycles memstats remember (PauseNs and PauseEnd). */
#define HS_EXPVAR_RING_SIZE 256

HsExpvarSource *hs_expvar_source_new (HsTrace     *trace,
                                      const char  *url,
                                      GError     **error);

G_END_DECLS
