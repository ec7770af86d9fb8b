/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-filter.h: the filter expressions of the cycle and scavenger tables ("pause > 5ms and forced"). */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

typedef enum
{
  HS_FILTER_CYCLES,
  HS_FILTER_EVENTS,
  HS_FILTER_SAMPLES,    /* the values of HsTableRows */
} HsFilterTarget;

#define HS_FILTER_ERROR (hs_filter_error_quark ())

typedef enum
{
  HS_FILTER_ERROR_SYNTAX,
  HS_FILTER_ERROR_UNKNOWN_FIELD,
  HS_FILTER_ERROR_BAD_UNIT,
} HsFilterError;

typedef struct _HsFilter HsFilter;

GQuark     hs_filter_error_quark   (void);
HsFilter  *hs_filter_parse         (const char     *text,
                                    HsFilterTarget  target,
                                    GError        **error);
void       hs_filter_free          (HsFilter       *filter);
gboolean   hs_filter_matches       (const HsFilter *filter,
                                    HsTrace        *trace,
                                    guint           row);
gboolean   hs_filter_uses_samples  (const HsFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsFilter, hs_filter_free)

G_END_DECLS
