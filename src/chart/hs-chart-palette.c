/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-palette.c: the colours of the charts, light and dark. */

#include "config.h"

#include "hs-chart-palette.h"

static HsChartColor
rgb (guint32 hex)
{
  HsChartColor c = { ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0, 1.0 };

  return c;
}

static HsChartColor
with_alpha (HsChartColor c,
            double       alpha)
{
  c.alpha = alpha;
  return c;
}

/*
 * The GNOME palette (the HIG's named colours): the lighter shades on a dark background,
 * the stronger ones on a light one, so that every series keeps its contrast.
 */
void
hs_chart_palette_init (HsChartPalette *palette,
                       gboolean        dark)
{
  HsChartColor *s = palette->series;
  HsChartColor fg = dark ? rgb (0xffffff) : rgb (0x241f31);

  palette->dark = dark;
  palette->fill_background = TRUE;
  palette->background = dark ? rgb (0x1e1e1e) : rgb (0xffffff);
  hs_chart_palette_set_foreground (palette, &fg);
  palette->selection = dark ? rgb (0x78aeed) : rgb (0x1c71d8);

  s[HS_SERIES_HEAP_HELD] = dark ? rgb (0xc061cb) : rgb (0x9141ac);
  s[HS_SERIES_HEAP_SYS] = dark ? rgb (0xdc8add) : rgb (0xc061cb);
  s[HS_SERIES_HEAP_RETURNED] = dark ? rgb (0xf66151) : rgb (0xc01c28);
  s[HS_SERIES_VM_SIZE] = dark ? rgb (0x9a9996) : rgb (0x77767b);
  s[HS_SERIES_RSS] = dark ? rgb (0xf6f5f4) : rgb (0x241f31);
  s[HS_SERIES_HEAP_START] = dark ? rgb (0x99c1f1) : rgb (0x62a0ea);
  s[HS_SERIES_HEAP_LIVE] = dark ? rgb (0x3584e4) : rgb (0x1c71d8);
  s[HS_SERIES_HEAP_END] = dark ? rgb (0x57e389) : rgb (0x26a269);
  s[HS_SERIES_HEAP_GOAL] = dark ? rgb (0xffa348) : rgb (0xe66100);
  s[HS_SERIES_HEAP_LIMIT] = with_alpha (dark ? rgb (0xf66151) : rgb (0xe01b24), 0.45);
  s[HS_SERIES_STACKS] = dark ? rgb (0xb5835a) : rgb (0x986a44);
  s[HS_SERIES_GLOBALS] = dark ? rgb (0xf8e45c) : rgb (0xe5a50a);
  /*
   * memstats: hues the GC's own lines do not use, so a polled line is never taken for the
   * trace's: HeapAlloc, the one to read beside the trace's heap, in pink, the strongest of
   * them (and GCCPUFraction with it on the CPU chart); NextGC is dashed like the trace's
   * goal but amber, not orange. HeapSys and HeapIdle start hidden.
   */
  s[HS_SERIES_MEMSTATS_SYS] = dark ? rgb (0xc061cb) : rgb (0x813d9c);
  s[HS_SERIES_MEMSTATS_HEAP_SYS] = dark ? rgb (0x4fd1de) : rgb (0x0f7b8a);
  s[HS_SERIES_MEMSTATS_HEAP_IDLE] = dark ? rgb (0xa8bacb) : rgb (0x6f8396);
  s[HS_SERIES_MEMSTATS_HEAP_RELEASED] = dark ? rgb (0xc8d85a) : rgb (0x7a8500);
  s[HS_SERIES_MEMSTATS_HEAP_INUSE] = dark ? rgb (0xa7a4f5) : rgb (0x3d3a9e);
  s[HS_SERIES_MEMSTATS_HEAP_ALLOC] = dark ? rgb (0xf49ac1) : rgb (0xc0467f);
  s[HS_SERIES_MEMSTATS_NEXT_GC] = dark ? rgb (0xf9f06b) : rgb (0x9c6a00);
  s[HS_SERIES_MEMSTATS_GC_CPU] = dark ? rgb (0xf49ac1) : rgb (0xc0467f);
  s[HS_SERIES_MARK] = dark ? rgb (0x9a9996) : rgb (0x77767b);
  s[HS_SERIES_PAUSE] = dark ? rgb (0x62a0ea) : rgb (0x1c71d8);
  s[HS_SERIES_PAUSE_FORCED] = dark ? rgb (0xffa348) : rgb (0xe66100);
  s[HS_SERIES_PAUSE_PERIODIC] = dark ? rgb (0xc061cb) : rgb (0x9141ac);
  s[HS_SERIES_CPU_ASSIST] = dark ? rgb (0xf66151) : rgb (0xe01b24);
  s[HS_SERIES_CPU_BACKGROUND] = dark ? rgb (0x62a0ea) : rgb (0x3584e4);
  s[HS_SERIES_CPU_IDLE] = dark ? rgb (0x5e5c64) : rgb (0xc0bfbc);
  s[HS_SERIES_CPU_TOTAL] = dark ? rgb (0xffa348) : rgb (0xe66100);
  s[HS_SERIES_SCAV_TOTAL] = dark ? rgb (0xc061cb) : rgb (0x9141ac);
  s[HS_SERIES_SCAV_SYS] = dark ? rgb (0xdc8add) : rgb (0xc061cb);
  s[HS_SERIES_SCAV_IDLE] = dark ? rgb (0xf8e45c) : rgb (0xe5a50a);
  s[HS_SERIES_SCAV_INUSE] = dark ? rgb (0x62a0ea) : rgb (0x1c71d8);
  s[HS_SERIES_SCAV_RETAINED] = dark ? rgb (0xf66151) : rgb (0xc01c28);
  s[HS_SERIES_SCAV_RELEASED] = dark ? rgb (0x57e389) : rgb (0x26a269);
}

/* Derives the text, grid and frame colours from the text colour of the widget's style. */
void
hs_chart_palette_set_foreground (HsChartPalette     *palette,
                                 const HsChartColor *foreground)
{
  HsChartColor fg = *foreground;

  fg.alpha = 1.0;
  palette->foreground = with_alpha (fg, 0.87);
  palette->dim = with_alpha (fg, 0.6);
  palette->grid = with_alpha (fg, palette->dark ? 0.10 : 0.08);
  palette->frame = with_alpha (fg, 0.22);
  palette->crosshair = with_alpha (fg, 0.5);
  palette->run_break = with_alpha (fg, 0.45);
}
