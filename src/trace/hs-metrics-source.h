/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-metrics-source.h: polls the Prometheus /metrics endpoint of a Go program (client_golang). */
#pragma once

#include "hs-http-source.h"

G_BEGIN_DECLS

#define HS_TYPE_METRICS_SOURCE (hs_metrics_source_get_type ())

G_DECLARE_FINAL_TYPE (HsMetricsSource, hs_metrics_source, HS, METRICS_SOURCE, HsHttpSource)

HsMetricsSource *hs_metrics_source_new (HsTrace     *trace,
                                        const char  *url,
                                        GError     **error);

G_END_DECLS
