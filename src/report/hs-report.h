/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-report.h: a self-contained report of a trace: facts, statistics, findings with charts, notes. */
#pragma once

#include <gio/gio.h>

#include "trace/hs-annotations.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

typedef enum
{
  HS_REPORT_PDF,
  HS_REPORT_HTML,
} HsReportFormat;

gboolean  hs_report_format_from_path  (const char      *path,
                                       HsReportFormat  *format);
gboolean  hs_report_write             (HsTrace         *trace,
                                       HsAnnotations   *notes,
                                       HsReportFormat   format,
                                       const char      *path,
                                       GError         **error);

G_END_DECLS
