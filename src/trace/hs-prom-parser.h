/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-prom-parser.h: reads the Prometheus text exposition format (version 0.0.4). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *name;
  char   **labels;         /* name, value, name, value …, NULL-terminated; NULL when none */
  double   value;          /* NaN and ±Inf as written */
  gboolean has_timestamp;
  gint64   timestamp_ms;
  guint    line;
} HsPromSample;

typedef struct
{
  GArray     *samples;     /* HsPromSample, in the order read */
  GHashTable *types;       /* metric family → "counter", "gauge", "summary", "histogram", "untyped" */
  GHashTable *help;        /* metric family → help text, unescaped */
} HsPromSet;

HsPromSet   *hs_prom_parse            (const char      *text,
                                       gsize            len,
                                       GError         **error);
void         hs_prom_set_free         (HsPromSet       *set);
const HsPromSample *hs_prom_set_find  (const HsPromSet *set,
                                       const char      *name,
                                       const char      *label,
                                       const char      *label_value);
const char  *hs_prom_sample_get_label (const HsPromSample *sample,
                                       const char      *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsPromSet, hs_prom_set_free)

G_END_DECLS
