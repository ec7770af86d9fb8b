/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-palette.h: the colours of the charts, light and dark. */
#pragma once

#include <glib.h>

#include "hs-chart-data.h"

G_BEGIN_DECLS

typedef struct
{
  double red, green, blue, alpha;
} HsChartColor;

typedef struct
{
  gboolean     dark;
  gboolean     fill_background;  /* FALSE in the widget: the window's own background shows */
  HsChartColor background;
  HsChartColor foreground;       /* titles */
  HsChartColor dim;              /* tick labels */
  HsChartColor grid;
  HsChartColor frame;
  HsChartColor crosshair;
  HsChartColor selection;
  HsChartColor run_break;
  HsChartColor series[HS_N_SERIES];
} HsChartPalette;

void hs_chart_palette_init            (HsChartPalette     *palette,
                                       gboolean            dark);
void hs_chart_palette_set_foreground  (HsChartPalette     *palette,
                                       const HsChartColor *foreground);

G_END_DECLS
