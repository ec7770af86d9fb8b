/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-export.h: the charts as a PNG, SVG or PDF file, or PNG bytes for the clipboard. */
#pragma once

#include <gio/gio.h>

#include "hs-chart-renderer.h"

G_BEGIN_DECLS

typedef enum
{
  HS_CHART_FORMAT_PNG,
  HS_CHART_FORMAT_SVG,
  HS_CHART_FORMAT_PDF,
} HsChartFormat;

#define HS_CHART_EXPORT_MIN_SIZE 200
#define HS_CHART_EXPORT_MAX_SIZE 16384

gboolean  hs_chart_format_from_path   (const char                 *path,
                                       HsChartFormat              *format);
gboolean  hs_chart_parse_size         (const char                 *text,
                                       int                        *width,
                                       int                        *height,
                                       GError                    **error);
gboolean  hs_chart_parse_range        (const char                 *text,
                                       double                     *start,
                                       double                     *end,
                                       GError                    **error);
gboolean  hs_chart_parse_charts       (const char                 *text,
                                       guint                      *charts,
                                       GError                    **error);
gboolean  hs_chart_export_to_file     (HsChartRenderer            *renderer,
                                       const HsChartRenderOptions *options,
                                       HsChartFormat               format,
                                       int                         width,
                                       int                         height,
                                       gboolean                    dark,
                                       const char                 *path,
                                       GError                    **error);
GBytes   *hs_chart_export_png_bytes   (HsChartRenderer            *renderer,
                                       const HsChartRenderOptions *options,
                                       int                         width,
                                       int                         height,
                                       gboolean                    dark,
                                       GError                    **error);

G_END_DECLS
