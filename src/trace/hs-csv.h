/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-csv.h: the cycles and scavenger tables as RFC 4180 CSV, with exact values. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

typedef enum
{
  HS_CSV_CYCLES,
  HS_CSV_SCAVENGER,
  HS_CSV_SAMPLES,
} HsCsvTable;

typedef void (*HsCsvFlushFunc) (GString  *text,
                                gpointer  user_data);

void  hs_csv_write             (HsTrace    *trace,
                                HsCsvTable  table,
                                HsCsvFlushFunc flush,
                                gpointer    user_data);
void  hs_csv_write_cycle_rows  (HsTrace    *trace,
                                const guint *cycles,
                                guint       first,
                                guint       n,
                                gboolean    header,
                                char        separator,
                                GString    *out);
void  hs_csv_write_event_rows  (HsTrace    *trace,
                                const guint *events,
                                guint       first,
                                guint       n,
                                gboolean    header,
                                char        separator,
                                GString    *out);
void  hs_csv_write_sample_rows (HsTrace    *trace,
                                const guint *samples,
                                guint       first,
                                guint       n,
                                gboolean    header,
                                char        separator,
                                GString    *out);
void  hs_format_us_as_ms       (guint64     us,
                                GString    *out);
const char *hs_gc_cause_to_string (guint    flags);

G_END_DECLS
