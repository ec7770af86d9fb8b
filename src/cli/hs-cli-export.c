/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-export.c: heapscope --export OUT.png|svg|pdf: the charts drawn without a display. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hs-cli.h"
#include "hs-cli-input.h"
#include "chart/hs-chart-export.h"

#define DEFAULT_WIDTH 1600
#define DEFAULT_HEIGHT 1000

/*
 * Every argument is checked before the trace is read, so a typo costs nothing even on
 * a trace of millions of cycles.
 */
int
hs_cli_export (const HsCliExportOptions *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(HsChartRenderer) renderer = NULL;
  HsChartRenderOptions options;
  HsChartFormat format;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  double start = NAN, end = NAN;
  guint charts = HS_CHART_MASK_ALL;
  int status;

  if (!hs_chart_format_from_path (o->output, &format))
    {
      g_printerr ("heapscope: %s\n", _("unknown export format: the output file must end in .png, .svg or .pdf"));
      return HS_EXIT_UNREADABLE;
    }

  if ((o->size != NULL && !hs_chart_parse_size (o->size, &width, &height, &error)) ||
      (o->range != NULL && !hs_chart_parse_range (o->range, &start, &end, &error)) ||
      (o->charts != NULL && !hs_chart_parse_charts (o->charts, &charts, &error)))
    {
      g_printerr ("heapscope: %s\n", error->message);
      return HS_EXIT_UNREADABLE;
    }

  trace = hs_cli_open_trace (o->input, &status);
  if (trace == NULL)
    return status;

  renderer = hs_chart_renderer_new (trace);
  hs_chart_renderer_options_init (renderer, &options);
  options.charts = charts;
  if (!isnan (start))
    options.start = start;
  if (!isnan (end))
    options.end = end;
  if (!(options.end > options.start))
    {
      g_printerr ("heapscope: %s\n", _("bad range: it starts after the end of the trace"));
      return HS_EXIT_UNREADABLE;
    }

  if (!hs_chart_export_to_file (renderer, &options, format, width, height, o->dark, o->output, &error))
    {
      g_printerr ("heapscope: %s\n", error->message);
      return HS_EXIT_UNREADABLE;
    }

  return HS_EXIT_OK;
}
