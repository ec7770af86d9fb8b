/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-renderer.c: draws the charts of a trace into any cairo context, without GTK. */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "hs-chart-renderer.h"
#include <string.h>

struct _HsChartRenderer
{
  GObject         parent_instance;

  HsTrace        *trace;
  HsChartData    *data;
  HsChartPalette  palette;
  gboolean        hidden[HS_N_SERIES];

  PangoContext   *pango;
  GHashTable     *layouts;       /* font + "\x1f" + text → PangoLayout, laid out once */

  GArray         *marks;         /* HsChartMark, labels owned */
};

/* Tick labels repeat from frame to frame; laying text out is most of what text costs. */
#define MAX_CACHED_LAYOUTS 2048

G_DEFINE_FINAL_TYPE (HsChartRenderer, hs_chart_renderer, G_TYPE_OBJECT)

#define TITLE_HEIGHT 40.0
#define HEADER_HEIGHT 24.0
#define COMPACT_HEADER_HEIGHT 10.0
/* Up to this many values per pixel column, a column's values are read in one go. */
#define BULK_PER_COLUMN 8
#define TIME_AXIS_HEIGHT 22.0
#define CHART_GAP 10.0
#define FONT "Sans 8.5"
#define LEGEND_SWATCH 16.0       /* the line or box before a name, and the space after it */
#define LEGEND_GAP 14.0
#define LEGEND_LINE_HEIGHT 16.0
#define TITLE_FONT "Sans Bold 9.5"
#define BIG_TITLE_FONT "Sans Bold 12"


static void
clear_mark (gpointer data)
{
  HsChartMark *mark = data;

  g_free ((char *) mark->label);
}

static void
hs_chart_renderer_dispose (GObject *object)
{
  HsChartRenderer *self = HS_CHART_RENDERER (object);

  g_clear_pointer (&self->data, hs_chart_data_free);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_object (&self->pango);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_chart_renderer_parent_class)->dispose (object);
}

static void
hs_chart_renderer_class_init (HsChartRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hs_chart_renderer_dispose;
}

static void
hs_chart_renderer_init (HsChartRenderer *self)
{
  hs_chart_palette_init (&self->palette, FALSE);
  for (guint s = 0; s < HS_N_SERIES; s++)
    self->hidden[s] = hs_chart_series_get_info (s)->hidden_by_default;

  /* one context for every target, at 96 dpi: a PNG and a PDF get the same layout */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->pango, 96.0);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
items_appended_cb (HsChartRenderer *self)
{
  hs_chart_data_update (self->data);
}

/*
 * The renderer keeps the trace's pyramids up to date itself: each appended batch costs
 * only its own values.
 */
HsChartRenderer *
hs_chart_renderer_new (HsTrace *trace)
{
  HsChartRenderer *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  self = g_object_new (HS_TYPE_CHART_RENDERER, NULL);
  self->trace = g_object_ref (trace);
  self->data = hs_chart_data_new (trace);
  g_signal_connect_object (trace, "items-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (trace, "samples-appended", G_CALLBACK (items_appended_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

HsTrace *
hs_chart_renderer_get_trace (HsChartRenderer *self)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);
  return self->trace;
}

HsChartData *
hs_chart_renderer_get_data (HsChartRenderer *self)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);
  return self->data;
}

void
hs_chart_renderer_set_palette (HsChartRenderer      *self,
                               const HsChartPalette *palette)
{
  g_return_if_fail (HS_IS_CHART_RENDERER (self));
  self->palette = *palette;
}

const HsChartPalette *
hs_chart_renderer_get_palette (HsChartRenderer *self)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);
  return &self->palette;
}

void
hs_chart_renderer_set_series_visible (HsChartRenderer *self,
                                      HsChartSeries    series,
                                      gboolean         visible)
{
  g_return_if_fail (HS_IS_CHART_RENDERER (self));
  g_return_if_fail (series < HS_N_SERIES);
  self->hidden[series] = !visible;
}

gboolean
hs_chart_renderer_get_series_visible (HsChartRenderer *self,
                                      HsChartSeries    series)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), FALSE);
  g_return_val_if_fail (series < HS_N_SERIES, FALSE);
  return !self->hidden[series];
}

gboolean
hs_chart_renderer_has_series (HsChartRenderer *self,
                              HsChartSeries    series)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), FALSE);
  return hs_chart_data_has_series (self->data, series);
}

/* The whole trace, from the start of the first process to its last cycle or event. */
void
hs_chart_renderer_get_time_range (HsChartRenderer *self,
                                  double          *start,
                                  double          *end)
{
  guint n_cycles = hs_chart_data_get_count (self->data, HS_CHART_SOURCE_CYCLES);
  guint n_events = hs_chart_data_get_count (self->data, HS_CHART_SOURCE_EVENTS);
  guint n_samples = hs_chart_data_get_count (self->data, HS_CHART_SOURCE_SAMPLES);
  double last = 0.0;

  if (n_cycles > 0)
    last = hs_chart_data_get_time (self->data, HS_CHART_SOURCE_CYCLES, n_cycles - 1);
  if (n_events > 0)
    last = MAX (last, hs_chart_data_get_time (self->data, HS_CHART_SOURCE_EVENTS, n_events - 1));
  if (n_samples > 0)
    last = MAX (last, hs_chart_data_get_time (self->data, HS_CHART_SOURCE_SAMPLES, n_samples - 1));

  *start = 0.0;
  *end = last > 0.0 ? last * 1.01 : 1.0;
}

void
hs_chart_renderer_options_init (HsChartRenderer      *self,
                                HsChartRenderOptions *options)
{
  memset (options, 0, sizeof *options);
  hs_chart_renderer_get_time_range (self, &options->start, &options->end);
  options->charts = HS_CHART_MASK_ALL;
  options->flags = HS_CHART_RENDER_EXPORT;
  options->hover_cycle = -1;
  options->hover_event = -1;
  options->selected_cycle = -1;
}

/* Layout */

typedef struct
{
  HsChartKind kind;
  HsChartRect area;
  HsChartRect plot;
} ChartLayout;

static PangoLayout *get_layout   (HsChartRenderer *self,
                                  const char      *font,
                                  const char      *text);
static gboolean     series_shown (HsChartRenderer *self,
                                  HsChartSeries    series);

static double
text_width (HsChartRenderer *self,
            const char      *font,
            const char      *text)
{
  int w, h;

  pango_layout_get_pixel_size (get_layout (self, font, text), &w, &h);
  return w;
}

/*
 * Where each name of a chart's legend goes, beside its title: @x and @line per series
 * (-1: not in the legend). A line that would run past the right edge wraps under the
 * first name: memstats beside a gctrace make a dozen names. Returns the number of lines.
 */
static guint
place_legend (HsChartRenderer *self,
              HsChartKind      kind,
              int              width,
              double          *x,
              int             *line)
{
  double first = MAX (12.0 + text_width (self, TITLE_FONT, hs_chart_kind_get_title (kind)) + 20.0,
                      HS_CHART_PLOT_LEFT);
  double right = width - HS_CHART_PLOT_RIGHT;
  double at = first;
  guint lines = 1;

  /* in reverse drawing order: what is on top is named first */
  for (int s = HS_N_SERIES - 1; s >= 0; s--)
    {
      double w;

      line[s] = -1;
      if (hs_chart_series_get_info (s)->chart != kind || !series_shown (self, s))
        continue;

      w = LEGEND_SWATCH + text_width (self, FONT, _(hs_chart_series_get_info (s)->label));
      if (at > first && at + w > right)
        {
          at = first;
          lines++;
        }
      x[s] = at;
      line[s] = lines - 1;
      at += w + LEGEND_GAP;
    }

  return lines;
}

static double
header_height (HsChartRenderer            *self,
               const HsChartRenderOptions *options,
               HsChartKind                 kind,
               int                         width)
{
  double x[HS_N_SERIES];
  int line[HS_N_SERIES];

  if (options->flags & HS_CHART_RENDER_NO_HEADER)
    return COMPACT_HEADER_HEIGHT;
  if (!(options->flags & HS_CHART_RENDER_LEGEND))
    return HEADER_HEIGHT;

  return HEADER_HEIGHT + (place_legend (self, kind, width, x, line) - 1) * LEGEND_LINE_HEIGHT;
}

static guint
layout_charts (HsChartRenderer            *self,
               int                         width,
               int                         height,
               const HsChartRenderOptions *options,
               ChartLayout                *out)
{
  double top = (options->flags & HS_CHART_RENDER_TITLE) ? TITLE_HEIGHT : 0.0;
  double bottom = (options->flags & HS_CHART_RENDER_TIME_LABELS) ? TIME_AXIS_HEIGHT : 4.0;
  double weights = 0.0, y, available;
  guint n = 0;

  for (guint k = 0; k < HS_N_CHARTS; k++)
    if (options->charts & HS_CHART_MASK (k))
      weights += k == HS_CHART_HEAP ? 2.0 : 1.0;
  if (weights == 0.0)
    return 0;

  available = height - top - bottom;
  for (guint k = 0; k < HS_N_CHARTS; k++)
    if (options->charts & HS_CHART_MASK (k))
      available -= n++ > 0 ? CHART_GAP : 0.0;

  y = top;
  n = 0;
  for (guint k = 0; k < HS_N_CHARTS; k++)
    {
      double h, header;

      if (!(options->charts & HS_CHART_MASK (k)))
        continue;

      h = available * (k == HS_CHART_HEAP ? 2.0 : 1.0) / weights;
      header = header_height (self, options, k, width);
      out[n].kind = k;
      out[n].area = (HsChartRect) { 0, y, width, h };
      out[n].plot = (HsChartRect) { HS_CHART_PLOT_LEFT, y + header,
                                    MAX (1.0, width - HS_CHART_PLOT_LEFT - HS_CHART_PLOT_RIGHT),
                                    MAX (1.0, h - header) };
      y += h + CHART_GAP;
      n++;
    }

  return n;
}

gboolean
hs_chart_renderer_get_plot_rect (HsChartRenderer            *self,
                                 int                         width,
                                 int                         height,
                                 const HsChartRenderOptions *options,
                                 HsChartKind                 kind,
                                 HsChartRect                *rect)
{
  ChartLayout layout[HS_N_CHARTS];
  guint n = layout_charts (self, width, height, options, layout);

  for (guint i = 0; i < n; i++)
    if (layout[i].kind == kind)
      {
        *rect = layout[i].plot;
        return TRUE;
      }

  return FALSE;
}

/* One frame: what every chart of it shares */

typedef struct
{
  guint  first_cycle;
  guint  end_cycle;
  guint  first_event;
  guint  end_event;
  double start;                  /* the process started: @0 */
  double last;                   /* its last cycle */
} RunSpan;

typedef struct
{
  HsChartRenderer            *self;
  cairo_t                    *cr;
  const HsChartRenderOptions *options;
  double                      t0, t1;
  double                      plot_x, plot_w;
  guint                       n_cols;
  guint                      *bounds[HS_N_CHART_SOURCES];   /* n_cols + 1 each */
  RunSpan                    *runs;
  guint                       n_runs;
} Frame;

typedef struct
{
  double x;
  double lo, hi, last;
} Point;

static inline double
time_to_x (const Frame *f,
           double       t)
{
  return f->plot_x + (t - f->t0) / (f->t1 - f->t0) * f->plot_w;
}

static inline double
value_to_y (const HsChartRect  *plot,
            const HsValueAxis  *axis,
            double              v)
{
  return plot->y + plot->height * (1.0 - v / axis->max);
}

static void
set_color (cairo_t            *cr,
           const HsChartColor *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

static void
set_color_alpha (cairo_t            *cr,
                 const HsChartColor *c,
                 double              alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* A band of a stack is painted opaque, as the colour mixed into the background. */
static void
set_color_mixed (cairo_t              *cr,
                 const HsChartPalette *palette,
                 const HsChartColor   *c,
                 double                amount)
{
  const HsChartColor *bg = &palette->background;

  cairo_set_source_rgb (cr,
                        c->red * amount + bg->red * (1.0 - amount),
                        c->green * amount + bg->green * (1.0 - amount),
                        c->blue * amount + bg->blue * (1.0 - amount));
}

static void
frame_init (Frame                      *f,
            HsChartRenderer            *self,
            cairo_t                    *cr,
            int                         width,
            const HsChartRenderOptions *options)
{
  HsChartData *data = self->data;
  guint n_runs = hs_trace_get_n_runs (self->trace);

  memset (f, 0, sizeof *f);
  f->self = self;
  f->cr = cr;
  f->options = options;
  f->t0 = options->start;
  f->t1 = options->end > options->start ? options->end : options->start + 1.0;
  f->plot_x = HS_CHART_PLOT_LEFT;
  f->plot_w = MAX (1.0, width - HS_CHART_PLOT_LEFT - HS_CHART_PLOT_RIGHT);
  f->n_cols = (guint) ceil (f->plot_w);

  /* which cycles and events fall into each pixel column: one binary search per column */
  for (guint s = 0; s < HS_N_CHART_SOURCES; s++)
    {
      guint *b = f->bounds[s] = g_new (guint, f->n_cols + 1);
      guint grain = 1;
      guint per_column;

      for (guint c = 0; c <= f->n_cols; c++)
        b[c] = hs_chart_data_lower_bound (data, s, f->t0 + c * (f->t1 - f->t0) / f->plot_w);

      /*
       * With many values per column, the boundaries move to the nearest pyramid bucket,
       * so that no column reads raw values: a boundary moves by at most half a bucket,
       * a quarter of a column, and every value still lands in exactly one column, so no
       * spike is lost.
       */
      per_column = (b[f->n_cols] - b[0]) / f->n_cols;
      while ((guint64) grain * HS_CHART_PYRAMID_FANOUT * 2 <= per_column &&
             grain < G_MAXUINT / (HS_CHART_PYRAMID_FANOUT * 16))
        grain *= HS_CHART_PYRAMID_FANOUT;
      if (grain > 1)
        for (guint c = 1; c < f->n_cols; c++)
          b[c] = CLAMP ((b[c] + grain / 2) / grain * grain, b[c - 1], b[f->n_cols]);
    }

  f->n_runs = n_runs;
  f->runs = g_new0 (RunSpan, MAX (n_runs, 1));
  for (guint r = 0; r < n_runs; r++)
    {
      const HsRun *run = hs_trace_get_run (self->trace, r);
      RunSpan *span = &f->runs[r];

      span->first_cycle = run->first_cycle;
      span->end_cycle = run->first_cycle + run->n_cycles;
      span->start = run->time_offset;
      span->last = run->n_cycles > 0 ?
        hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, span->end_cycle - 1) : span->start;
      span->first_event = r == 0 ? 0 :
        hs_chart_data_lower_bound (data, HS_CHART_SOURCE_EVENTS,
                                   hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, span->first_cycle));
      if (r > 0)
        f->runs[r - 1].end_event = span->first_event;
    }
  if (n_runs > 0)
    f->runs[n_runs - 1].end_event = hs_chart_data_get_count (data, HS_CHART_SOURCE_EVENTS);

}

static void
frame_clear (Frame *f)
{
  for (guint s = 0; s < HS_N_CHART_SOURCES; s++)
    g_free (f->bounds[s]);
  g_free (f->runs);
}

/* Text */

typedef enum
{
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

static PangoLayout *
get_layout (HsChartRenderer *self,
            const char      *font,
            const char      *text)
{
  g_autofree char *key = g_strconcat (font, "\x1f", text, NULL);
  PangoLayout *layout = g_hash_table_lookup (self->layouts, key);
  PangoFontDescription *desc;

  if (layout != NULL)
    return layout;

  if (g_hash_table_size (self->layouts) >= MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (self->layouts);

  layout = pango_layout_new (self->pango);
  desc = pango_font_description_from_string (font);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);

  return layout;
}

static double
draw_text (Frame              *f,
           const char         *font,
           const HsChartColor *color,
           const char         *text,
           double              x,
           double              y,       /* vertical centre */
           Align               align)
{
  PangoLayout *layout = get_layout (f->self, font, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);

  if (align == ALIGN_CENTER)
    x -= w / 2.0;
  else if (align == ALIGN_RIGHT)
    x -= w;

  set_color (f->cr, color);
  cairo_move_to (f->cr, round (x), round (y - h / 2.0));
  pango_cairo_show_layout (f->cr, layout);

  return w;
}

/* Collecting the points of a series: exact when zoomed in, per pixel column when not */

static guint
collect_points (Frame         *f,
                HsChartSeries  series,
                guint          lo,
                guint          hi,
                gboolean       need_last,
                Point         *points,
                gboolean      *exact)
{
  HsChartData *data = f->self->data;
  HsChartSource source = hs_chart_series_get_info (series)->source;
  const guint *b = f->bounds[source];
  guint first = CLAMP (b[0], lo, hi);
  guint end = CLAMP (b[f->n_cols], lo, hi);
  guint n = 0;

  if (lo >= hi)
    return 0;

  /* one point beyond each edge, so that lines run on out of the plot */
  *exact = end - first <= f->n_cols / 2;
  if (*exact)
    {
      guint from = first > lo ? first - 1 : first;
      guint to = end < hi ? end + 1 : end;
      double values[f->n_cols / 2 + 2];

      hs_chart_data_get_values (data, series, from, to - from, values);
      for (guint i = from; i < to; i++)
        {
          Point *p;

          /*
           * A sample without this value (another source's row) or a cycle polled from
           * memstats says nothing about the series: the line runs on past it. Other NaN
           * (no goal under GOGC=off, no memory limit) are a break in the line.
           */
          if (isnan (values[i - from]) &&
              (source == HS_CHART_SOURCE_SAMPLES ||
               (source == HS_CHART_SOURCE_CYCLES && hs_chart_data_is_sampled_cycle (data, i))))
            continue;

          p = &points[n++];
          p->x = time_to_x (f, hs_chart_data_get_time (data, source, i));
          p->lo = p->hi = p->last = values[i - from];
        }
      return n;
    }

  if (first > lo)
    {
      Point *p = &points[n++];

      p->x = time_to_x (f, hs_chart_data_get_time (data, source, first - 1));
      p->lo = p->hi = p->last = hs_chart_data_get_value (data, series, first - 1);
    }

  if (end - first <= f->n_cols * BULK_PER_COLUMN)
    {
      /*
       * A few values per column: one read of them all costs less than the pyramid's
       * partial buckets, read a handful at a time in every column.
       */
      g_autofree double *values = g_new (double, end - first);

      hs_chart_data_get_values (data, series, first, end - first, values);
      for (guint c = 0; c < f->n_cols; c++)
        {
          guint a = CLAMP (b[c], lo, hi);
          guint z = CLAMP (b[c + 1], lo, hi);
          Point *p = &points[n];
          double min = INFINITY, max = -INFINITY;

          for (guint i = a; i < z; i++)
            {
              double v = values[i - first];

              /* NaN fails both comparisons: a value the line did not carry is skipped */
              if (v < min)
                min = v;
              if (v > max)
                max = v;
            }
          if (min > max)
            continue;
          p->x = f->plot_x + c + 0.5;
          p->lo = min;
          p->hi = max;
          p->last = values[z - 1 - first];
          if (isnan (p->last))
            p->last = max;
          n++;
        }
    }
  else
    {
      for (guint c = 0; c < f->n_cols; c++)
        {
          guint a = CLAMP (b[c], lo, hi);
          guint z = CLAMP (b[c + 1], lo, hi);
          Point *p = &points[n];

          if (a >= z || !hs_chart_data_query (data, series, a, z, &p->lo, &p->hi))
            continue;
          p->x = f->plot_x + c + 0.5;
          p->last = need_last ? hs_chart_data_get_value (data, series, z - 1) : p->hi;
          n++;
        }
    }

  if (end < hi)
    {
      Point *p = &points[n++];

      p->x = time_to_x (f, hs_chart_data_get_time (data, source, end));
      p->lo = p->hi = p->last = hs_chart_data_get_value (data, series, end);
    }

  return n;
}

static gboolean
is_stacked (HsChartSeries series)
{
  switch (series)
    {
    case HS_SERIES_STACKS:
    case HS_SERIES_GLOBALS:
    case HS_SERIES_CPU_ASSIST:
    case HS_SERIES_CPU_BACKGROUND:
    case HS_SERIES_CPU_IDLE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The path along a series; in column mode it runs down and up each column's extent. */
static void
path_line (cairo_t           *cr,
           const Point       *points,
           guint              n,
           const HsChartRect *plot,
           const HsValueAxis *axis,
           gboolean           step,
           double             step_end_x,
           gboolean           top_only)
{
  gboolean pen_down = FALSE;
  double prev_y = 0.0;

  for (guint i = 0; i < n; i++)
    {
      const Point *p = &points[i];
      double y_hi, y_lo, y_last;

      if (isnan (p->hi))
        {
          pen_down = FALSE;
          continue;
        }

      y_hi = value_to_y (plot, axis, p->hi);
      y_lo = top_only ? y_hi : value_to_y (plot, axis, p->lo);
      y_last = top_only ? y_hi : value_to_y (plot, axis, p->last);

      if (!pen_down)
        {
          cairo_move_to (cr, p->x, step ? y_last : y_hi);
          if (!step && y_lo != y_hi)
            cairo_line_to (cr, p->x, y_lo);
          pen_down = TRUE;
          prev_y = step ? y_last : y_lo;
          continue;
        }

      if (step)
        {
          cairo_line_to (cr, p->x, prev_y);
          cairo_line_to (cr, p->x, y_hi);
          cairo_line_to (cr, p->x, y_lo);
          cairo_line_to (cr, p->x, y_last);
          prev_y = y_last;
        }
      else if (fabs (prev_y - y_hi) < fabs (prev_y - y_lo))
        {
          cairo_line_to (cr, p->x, y_hi);
          cairo_line_to (cr, p->x, y_lo);
          prev_y = y_lo;
        }
      else
        {
          cairo_line_to (cr, p->x, y_lo);
          cairo_line_to (cr, p->x, y_hi);
          prev_y = y_hi;
        }
    }

  /* a step holds its last value until the process's last cycle */
  if (step && pen_down && step_end_x > points[n - 1].x)
    cairo_line_to (cr, step_end_x, prev_y);
}

/*
 * A line through thousands of columns, each spanning its min to its max, as one-pixel
 * boxes: stroking such a zigzag makes cairo intersect every segment with its neighbours
 * (tens of ms a line at 1920 px), while boxes that never overlap take the fast path. Each
 * box reaches to the previous column's span, so the line has no gaps; @dashed leaves
 * out every other run of five columns.
 */
static void
draw_column_line (cairo_t           *cr,
                  const Point       *points,
                  guint              n,
                  const HsChartRect *plot,
                  const HsValueAxis *axis,
                  double             width,
                  gboolean           dashed)
{
  double prev_top = NAN, prev_bottom = NAN;

  for (guint i = 0; i < n; i++)
    {
      const Point *p = &points[i];
      double top, bottom, x = floor (p->x);

      if (isnan (p->hi))
        {
          prev_top = prev_bottom = NAN;
          continue;
        }

      top = value_to_y (plot, axis, p->hi);
      bottom = value_to_y (plot, axis, p->lo);
      if (!isnan (prev_top))
        {
          top = MIN (top, prev_bottom);
          bottom = MAX (bottom, prev_top);
        }
      prev_top = value_to_y (plot, axis, p->hi);
      prev_bottom = value_to_y (plot, axis, p->lo);

      if (dashed && ((guint) x / 5) % 2 == 1)
        continue;
      cairo_rectangle (cr, x, top - width / 2.0, 1.0, bottom - top + width);
    }
  cairo_fill (cr);
}

static void
close_area (cairo_t           *cr,
            const HsChartRect *plot)
{
  double x1, y1, x2, y2;

  if (!cairo_has_current_point (cr))
    return;

  /* down to the baseline and back along it, under the whole extent of the path */
  cairo_path_extents (cr, &x1, &y1, &x2, &y2);
  cairo_get_current_point (cr, &x2, &y2);
  cairo_line_to (cr, x2, plot->y + plot->height);
  cairo_line_to (cr, x1, plot->y + plot->height);
  cairo_close_path (cr);
}

static void
draw_bars (Frame             *f,
           const Point       *points,
           guint              n,
           gboolean           exact,
           const HsChartRect *plot,
           const HsValueAxis *axis,
           const HsChartColor *color)
{
  cairo_t *cr = f->cr;
  double base = plot->y + plot->height;
  double spacing = n > 1 ? (points[n - 1].x - points[0].x) / (n - 1) : f->plot_w;

  set_color (cr, color);
  if (exact && spacing >= 6.0)
    {
      /* lollipops: a stem and a head per cycle */
      double radius = CLAMP (spacing / 5.0, 2.0, 3.5);

      cairo_set_line_width (cr, 1.5);
      for (guint i = 0; i < n; i++)
        {
          if (isnan (points[i].hi))
            continue;
          cairo_move_to (cr, points[i].x, base);
          cairo_line_to (cr, points[i].x, value_to_y (plot, axis, points[i].hi));
        }
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          if (isnan (points[i].hi))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, points[i].x, value_to_y (plot, axis, points[i].hi), radius, 0, 2 * G_PI);
        }
      cairo_fill (cr);
      return;
    }

  /* one pixel-wide bar per column: the tallest value in it, so no spike is lost */
  for (guint i = 0; i < n; i++)
    {
      double y;

      if (isnan (points[i].hi))
        continue;
      /* whole pixels: aligned boxes are what cairo fills fastest */
      y = MIN (round (value_to_y (plot, axis, points[i].hi)), round (base) - 1.0);
      cairo_rectangle (cr, floor (points[i].x), y, 1.0, round (base) - y);
    }
  cairo_fill (cr);
}

static void
draw_markers (Frame              *f,
              HsChartSeries       series,
              const Point        *points,
              guint               n,
              const HsChartRect  *plot,
              const HsValueAxis  *axis,
              const HsChartColor *color)
{
  cairo_t *cr = f->cr;
  const HsChartPalette *palette = &f->self->palette;

  for (guint i = 0; i < n; i++)
    {
      double x = points[i].x, y, r = 4.0;

      if (isnan (points[i].hi))
        continue;
      y = value_to_y (plot, axis, points[i].hi);

      cairo_new_sub_path (cr);
      if (series == HS_SERIES_PAUSE_FORCED)
        {
          /* forced cycles: a diamond */
          cairo_move_to (cr, x, y - r - 1);
          cairo_line_to (cr, x + r + 1, y);
          cairo_line_to (cr, x, y + r + 1);
          cairo_line_to (cr, x - r - 1, y);
          cairo_close_path (cr);
        }
      else
        {
          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
        }
    }

  set_color (cr, color);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->background);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static double
line_width (HsChartSeries series)
{
  /* the inferred limit is a band behind the goal it caps, not one more thin line */
  if (series == HS_SERIES_HEAP_LIMIT)
    return 5.0;

  return hs_chart_series_get_info (series)->style == HS_CHART_STYLE_LINE ? 1.5 : 2.0;
}

/* Values [@lo, @hi) of @series as one line, area or set of bars; steps hold until @last (s). */
static void
draw_span (Frame             *f,
           HsChartSeries      series,
           const HsChartRect *plot,
           const HsValueAxis *axis,
           guint              lo,
           guint              hi,
           double             last,
           Point             *points)
{
  const HsChartSeriesInfo *info = hs_chart_series_get_info (series);
  const HsChartPalette *palette = &f->self->palette;
  const HsChartColor *color = &palette->series[series];
  cairo_t *cr = f->cr;
  gboolean step = info->style == HS_CHART_STYLE_STEP || info->style == HS_CHART_STYLE_STEP_AREA;
  gboolean exact = FALSE;
  guint n;

  n = collect_points (f, series, lo, hi, step, points, &exact);
  if (n == 0)
    return;

  cairo_new_path (cr);
  switch (info->style)
    {
    case HS_CHART_STYLE_BARS:
      draw_bars (f, points, n, exact, plot, axis, color);
      break;

    case HS_CHART_STYLE_MARKERS:
      draw_markers (f, series, points, n, plot, axis, color);
      break;

    case HS_CHART_STYLE_AREA:
      if (is_stacked (series))
        {
          path_line (cr, points, n, plot, axis, FALSE, 0, TRUE);
          close_area (cr, plot);
          /* stacks and globals sit behind the heap's lines: paler than the CPU bands */
          set_color_mixed (cr, palette, color,
                           info->chart == HS_CHART_HEAP ? (palette->dark ? 0.45 : 0.3)
                                                        : (palette->dark ? 0.75 : 0.6));
          cairo_fill (cr);
          break;
        }
      path_line (cr, points, n, plot, axis, FALSE, 0, TRUE);
      close_area (cr, plot);
      set_color_alpha (cr, color, 0.18);
      cairo_fill (cr);
      set_color (cr, color);
      if (!exact)
        {
          draw_column_line (cr, points, n, plot, axis, 1.5, FALSE);
          break;
        }
      path_line (cr, points, n, plot, axis, FALSE, 0, FALSE);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      break;

    case HS_CHART_STYLE_STEP_AREA:
      path_line (cr, points, n, plot, axis, TRUE, time_to_x (f, last), FALSE);
      close_area (cr, plot);
      set_color_alpha (cr, color, 0.12);
      cairo_fill (cr);
      G_GNUC_FALLTHROUGH;

    case HS_CHART_STYLE_LINE:
    case HS_CHART_STYLE_DASHED:
      if (!exact)
        {
          set_color (cr, color);
          draw_column_line (cr, points, n, plot, axis, line_width (series),
                            info->style == HS_CHART_STYLE_DASHED);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case HS_CHART_STYLE_STEP:
    default:
      path_line (cr, points, n, plot, axis, step, time_to_x (f, last), FALSE);
      set_color (cr, color);
      cairo_set_line_width (cr, line_width (series));
      if (info->style == HS_CHART_STYLE_DASHED ||
          series == HS_SERIES_HEAP_SYS || series == HS_SERIES_HEAP_RETURNED)
        {
          static const double dashes[] = { 6.0, 4.0 };

          cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    }
}

static void
draw_series (Frame             *f,
             HsChartSeries      series,
             const HsChartRect *plot,
             const HsValueAxis *axis)
{
  const HsChartSeriesInfo *info = hs_chart_series_get_info (series);
  g_autofree Point *points = g_new (Point, f->n_cols + 4);

  /* samples come from one process watched from outside: they are one line across runs */
  if (info->source == HS_CHART_SOURCE_SAMPLES)
    {
      guint n_samples = hs_chart_data_get_count (f->self->data, HS_CHART_SOURCE_SAMPLES);

      if (n_samples > 0)
        draw_span (f, series, plot, axis, 0, n_samples,
                   hs_chart_data_get_time (f->self->data, HS_CHART_SOURCE_SAMPLES, n_samples - 1), points);
      return;
    }

  for (guint r = 0; r < f->n_runs; r++)
    {
      const RunSpan *run = &f->runs[r];
      guint lo = info->source == HS_CHART_SOURCE_CYCLES ? run->first_cycle : run->first_event;
      guint hi = info->source == HS_CHART_SOURCE_CYCLES ? run->end_cycle : run->end_event;

      /* runs are drawn apart, so no line joins one process to the next */
      if (run->last < f->t0 && r + 1 < f->n_runs && f->runs[r + 1].start <= f->t0)
        continue;
      if (run->start > f->t1)
        break;

      draw_span (f, series, plot, axis, lo, hi, run->last, points);
    }
}

/* Axes */

static gboolean
is_step_style (HsChartStyle style)
{
  return style == HS_CHART_STYLE_STEP || style == HS_CHART_STYLE_STEP_AREA;
}

static gboolean
series_shown (HsChartRenderer *self,
              HsChartSeries    series)
{
  return !self->hidden[series] && hs_chart_data_has_series (self->data, series);
}

/*
 * Concurrent mark runs for ten times as long as the pauses: on one axis the pauses, the
 * point of the chart, would be flat. While both are shown, mark gets an axis of its own
 * on the right.
 */
static guint
series_axis (HsChartRenderer *self,
             HsChartSeries    series)
{
  return series == HS_SERIES_MARK && series_shown (self, HS_SERIES_PAUSE) ? 1 : 0;
}

/* The Y axis fits what is visible: the largest value of every shown series in the view. */
static double
visible_max (Frame       *f,
             HsChartKind  kind,
             guint        axis_index)
{
  HsChartData *data = f->self->data;
  double top = 0.0;

  for (guint s = 0; s < HS_N_SERIES; s++)
    {
      const HsChartSeriesInfo *info = hs_chart_series_get_info (s);
      const guint *b = f->bounds[info->source];
      guint count = hs_chart_data_get_count (data, info->source);
      guint first = b[0];
      guint end = b[f->n_cols];
      double min, max;

      if (info->chart != kind || !series_shown (f->self, s) || series_axis (f->self, s) != axis_index)
        continue;

      /*
       * A step holds its value: the last event before the view still shows in it. When
       * the view falls between two points, the line joining them is what shows.
       */
      if ((is_step_style (info->style) || first >= end) && first > 0)
        first--;
      if (first >= end || end == b[0])
        end = MIN (end + 1, count);

      if (hs_chart_data_query (data, s, first, end, &min, &max) && max < HS_CHART_NO_GOAL_BYTES)
        top = MAX (top, max);
    }

  return top;
}

static void
draw_grid (Frame             *f,
           const HsChartRect *plot,
           const HsValueAxis *axis,
           const HsTimeAxis  *time_axis)
{
  const HsChartPalette *palette = &f->self->palette;
  cairo_t *cr = f->cr;

  cairo_set_line_width (cr, 1.0);
  set_color (cr, &palette->grid);
  for (guint i = 1; i < axis->n_ticks; i++)
    {
      double y = round (value_to_y (plot, axis, i * axis->step)) + 0.5;

      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  for (guint i = 0; i < time_axis->n_ticks; i++)
    {
      double x = round (time_to_x (f, time_axis->first + i * time_axis->step)) + 0.5;

      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
    }
  cairo_stroke (cr);

  /* the baseline */
  set_color (cr, &palette->frame);
  cairo_move_to (cr, plot->x, round (plot->y + plot->height) - 0.5);
  cairo_line_to (cr, plot->x + plot->width, round (plot->y + plot->height) - 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      g_autofree char *label = hs_value_axis_format_tick (axis, i * axis->step);

      draw_text (f, FONT, &palette->dim, label, plot->x - 8, value_to_y (plot, axis, i * axis->step),
                 ALIGN_RIGHT);
    }
}

/* The right-hand axis, its labels inside the plot in the colour of its series. */
static void
draw_secondary_ticks (Frame              *f,
                      const HsChartRect  *plot,
                      const HsValueAxis  *axis,
                      const HsChartColor *color)
{
  for (guint i = 1; i < axis->n_ticks; i++)
    {
      g_autofree char *label = hs_value_axis_format_tick (axis, i * axis->step);

      draw_text (f, FONT, color, label, plot->x + plot->width - 4, value_to_y (plot, axis, i * axis->step) + 7,
                 ALIGN_RIGHT);
    }
}

/* Wall-clock labels when the log's prefixes carry the time; seconds on the trace's axis otherwise. */
static gboolean
wall_offset (Frame  *f,
             double *offset)
{
  HsChartData *data = f->self->data;
  guint n = hs_chart_data_get_count (data, HS_CHART_SOURCE_CYCLES);
  guint c;
  double wall;

  /* memory sampled before the first cycle (or of a program with no trace): their clock */
  if (n == 0)
    {
      guint n_samples = hs_chart_data_get_count (data, HS_CHART_SOURCE_SAMPLES);
      gint64 us;

      if (n_samples == 0)
        return FALSE;
      c = MIN (f->bounds[HS_CHART_SOURCE_SAMPLES][0], n_samples - 1);
      us = hs_trace_get_sample_wall_time (f->self->trace, c);
      if (us == 0)
        return FALSE;
      *offset = (double) us / G_USEC_PER_SEC - hs_chart_data_get_time (data, HS_CHART_SOURCE_SAMPLES, c);
      return TRUE;
    }
  if (!hs_trace_has_wall_time (f->self->trace))
    return FALSE;

  c = MIN (f->bounds[HS_CHART_SOURCE_CYCLES][0], n - 1);
  wall = hs_trace_get_gc_value (f->self->trace, HS_GC_FIELD_WALL_TIME, c);
  if (isnan (wall))
    return FALSE;

  *offset = wall - hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, c);
  return TRUE;
}

static void
time_axis_init (Frame      *f,
                HsTimeAxis *axis,
                double     *offset,
                gboolean   *wall)
{
  *offset = 0.0;
  *wall = wall_offset (f, offset);
  hs_time_axis_init (axis, f->t0 + *offset, f->t1 + *offset, MAX (2, (guint) (f->plot_w / 110.0)));
  axis->first -= *offset;
}

/*
 * The trace's axis puts a restarted process right after the previous one, while the
 * clock may have moved on between them: each run's own offset turns its ticks into the
 * wall-clock time its log lines carry.
 */
static double
run_wall_offset (Frame  *f,
                 double  t,
                 double  fallback)
{
  HsChartData *data = f->self->data;

  for (guint r = f->n_runs; r-- > 0; )
    {
      const RunSpan *run = &f->runs[r];
      double wall;

      if (run->start > t || run->end_cycle == run->first_cycle)
        continue;

      wall = hs_trace_get_gc_value (f->self->trace, HS_GC_FIELD_WALL_TIME, run->first_cycle);
      return isnan (wall) ? fallback
                          : wall - hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, run->first_cycle);
    }

  return fallback;
}

static void
draw_time_labels (Frame             *f,
                  const HsChartRect *plot,
                  const HsTimeAxis  *axis,
                  double             offset,
                  gboolean           wall)
{
  const HsChartPalette *palette = &f->self->palette;
  double y = plot->y + plot->height + TIME_AXIS_HEIGHT / 2.0 + 1.0;

  for (guint i = 0; i < axis->n_ticks; i++)
    {
      double t = axis->first + i * axis->step;
      double x = time_to_x (f, t);
      g_autofree char *label = wall ? hs_chart_format_wall_time (t + run_wall_offset (f, t, offset), axis->step)
                                    : hs_chart_format_duration (t, axis->step);

      draw_text (f, FONT, &palette->dim, label, x, y, ALIGN_CENTER);
    }
}

static void
mark_color (HsChartMarkKind kind,
            double         *r,
            double         *g,
            double         *b)
{
  /* GNOME's palette: red 3, yellow 5, blue 3, orange 3 */
  switch (kind)
    {
    case HS_CHART_MARK_PROBLEM: *r = 0.88; *g = 0.11; *b = 0.14; break;
    case HS_CHART_MARK_WARNING: *r = 0.90; *g = 0.65; *b = 0.04; break;
    case HS_CHART_MARK_INFO: *r = 0.21; *g = 0.52; *b = 0.89; break;
    case HS_CHART_MARK_NOTE:
    default: *r = 1.00; *g = 0.47; *b = 0.00; break;
    }
}

/*
 * Findings and notes: a light band over their range behind the series, with edges, so the
 * eye finds "where" before reading "what"; a point (a note on one cycle) is a line.
 */
static void
draw_marks (Frame             *f,
            const HsChartRect *plot,
            gboolean           labels)
{
  GArray *marks = f->self->marks;
  cairo_t *cr = f->cr;

  if (marks == NULL)
    return;

  for (guint i = 0; i < marks->len; i++)
    {
      const HsChartMark *m = &g_array_index (marks, HsChartMark, i);
      double x0 = time_to_x (f, m->start);
      double x1 = time_to_x (f, m->end);
      double r, g, b;

      if (x1 < plot->x || x0 > plot->x + plot->width)
        continue;
      x0 = MAX (x0, plot->x);
      x1 = MIN (x1, plot->x + plot->width);
      mark_color (m->kind, &r, &g, &b);

      if (!labels)
        {
          if (x1 - x0 >= 1.0)
            {
              cairo_set_source_rgba (cr, r, g, b, f->self->palette.dark ? 0.16 : 0.09);
              cairo_rectangle (cr, x0, plot->y, x1 - x0, plot->height);
              cairo_fill (cr);
            }
          cairo_set_source_rgba (cr, r, g, b, 0.6);
          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, round (x0) + 0.5, plot->y);
          cairo_line_to (cr, round (x0) + 0.5, plot->y + plot->height);
          if (x1 - x0 >= 1.0)
            {
              cairo_move_to (cr, round (x1) - 0.5, plot->y);
              cairo_line_to (cr, round (x1) - 0.5, plot->y + plot->height);
            }
          cairo_stroke (cr);
        }
      else if (m->label != NULL)
        {
          HsChartColor color = { r, g, b, 1.0 };

          draw_text (f, FONT, &color, m->label, x0 + 4, plot->y + 8, ALIGN_LEFT);
        }
    }
}

/* Replaces the marked ranges; the labels are copied. */
void
hs_chart_renderer_set_marks (HsChartRenderer   *self,
                             const HsChartMark *marks,
                             guint              n_marks)
{
  g_return_if_fail (HS_IS_CHART_RENDERER (self));

  g_clear_pointer (&self->marks, g_array_unref);
  if (n_marks == 0)
    return;

  self->marks = g_array_sized_new (FALSE, FALSE, sizeof (HsChartMark), n_marks);
  g_array_set_clear_func (self->marks, clear_mark);
  for (guint i = 0; i < n_marks; i++)
    {
      HsChartMark copy = marks[i];

      copy.start = MIN (marks[i].start, marks[i].end);
      copy.end = MAX (marks[i].start, marks[i].end);
      copy.label = g_strdup (marks[i].label);
      g_array_append_val (self->marks, copy);
    }
}

static void
draw_run_breaks (Frame             *f,
                 const HsChartRect *plot,
                 gboolean           lines,
                 gboolean           labels)
{
  const HsChartPalette *palette = &f->self->palette;
  static const double dashes[] = { 3.0, 3.0 };
  cairo_t *cr = f->cr;

  if (f->n_runs < 2)
    return;

  for (guint r = 0; r < f->n_runs; r++)
    {
      double x = round (time_to_x (f, f->runs[r].start)) + 0.5;

      if (x < plot->x - 60 || x > plot->x + plot->width)
        continue;

      if (lines && r > 0 && x >= plot->x)
        {
          cairo_set_dash (cr, dashes, 2, 0);
          cairo_set_line_width (cr, 1.0);
          set_color (cr, &palette->run_break);
          cairo_move_to (cr, x, plot->y);
          cairo_line_to (cr, x, plot->y + plot->height);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }

      if (labels)
        {
          g_autofree char *label = g_strdup_printf (_("Run %u"), r + 1);

          draw_text (f, FONT, &palette->dim, label, MAX (x, plot->x) + 4, plot->y + 8, ALIGN_LEFT);
        }
    }
}

static void
draw_legend_entry (Frame         *f,
                   HsChartSeries  series,
                   double         x,
                   double         y)
{
  const HsChartPalette *palette = &f->self->palette;
  const HsChartSeriesInfo *info = hs_chart_series_get_info (series);
  cairo_t *cr = f->cr;

  set_color (cr, &palette->series[series]);
  switch (info->style)
    {
    case HS_CHART_STYLE_MARKERS:
      cairo_arc (cr, x + 5, y, 4, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case HS_CHART_STYLE_LINE:
    case HS_CHART_STYLE_DASHED:
    case HS_CHART_STYLE_STEP:
      cairo_set_line_width (cr, 2.5);
      if (info->style != HS_CHART_STYLE_LINE)
        {
          static const double dashes[] = { 4.0, 2.0 };

          cairo_set_dash (cr, dashes, 2, 0);
        }
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 12, y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    default:
      cairo_rectangle (cr, x + 1, y - 5, 10, 10);
      cairo_fill (cr);
      break;
    }

  draw_text (f, FONT, &palette->foreground, _(info->label), x + LEGEND_SWATCH, y, ALIGN_LEFT);
}

static void
draw_header (Frame             *f,
             HsChartKind        kind,
             const HsChartRect *area)
{
  const HsChartPalette *palette = &f->self->palette;
  double y = area->y + HEADER_HEIGHT / 2.0 - 2.0;
  double x[HS_N_SERIES];
  int line[HS_N_SERIES];

  draw_text (f, TITLE_FONT, &palette->foreground, hs_chart_kind_get_title (kind), 12.0, y, ALIGN_LEFT);

  if (!(f->options->flags & HS_CHART_RENDER_LEGEND))
    return;

  place_legend (f->self, kind, (int) area->width, x, line);
  for (int s = HS_N_SERIES - 1; s >= 0; s--)
    if (line[s] >= 0)
      draw_legend_entry (f, s, x[s], y + line[s] * LEGEND_LINE_HEIGHT);
}

static gint64
find_nearest (HsChartRenderer *self,
              HsChartSource    source,
              double           time)
{
  guint n = hs_chart_data_get_count (self->data, source);
  guint i;

  if (n == 0)
    return -1;

  i = hs_chart_data_lower_bound (self->data, source, time);
  if (i >= n)
    return n - 1;
  if (i > 0 && time - hs_chart_data_get_time (self->data, source, i - 1) <
               hs_chart_data_get_time (self->data, source, i) - time)
    return i - 1;

  return i;
}

/*
 * The sample nearest to @time that has a value of @series: a /proc sample and a poll of
 * memstats are rows of one table, each without the other's values.
 */
static gint64
find_nearest_sample (HsChartRenderer *self,
                     HsChartSeries    series,
                     double           time)
{
  int field = hs_chart_series_get_sample_field (series);

  /* the trace's lookup: the tables' RES and VIRT columns show the same sample */
  return field >= 0 ? hs_trace_find_sample (self->trace, (guint) field, time) : -1;
}

static void
draw_hover_dot (Frame              *f,
                const HsChartRect  *plot,
                const HsValueAxis  *axis,
                HsChartSeries       series,
                double              x,
                double              v)
{
  const HsChartPalette *palette = &f->self->palette;
  cairo_t *cr = f->cr;

  if (isnan (v) || v > axis->max)
    return;

  cairo_arc (cr, x, value_to_y (plot, axis, v), 4.0, 0, 2 * G_PI);
  set_color (cr, &palette->series[series]);
  cairo_fill_preserve (cr);
  set_color (cr, &palette->background);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
draw_hover (Frame             *f,
            HsChartKind        kind,
            const HsChartRect *plot,
            const HsValueAxis *axes)
{
  const HsChartPalette *palette = &f->self->palette;
  HsChartData *data = f->self->data;
  const HsChartRenderOptions *o = f->options;
  cairo_t *cr = f->cr;

  if (o->selected_cycle >= 0 && o->selected_cycle < hs_chart_data_get_count (data, HS_CHART_SOURCE_CYCLES))
    {
      double x = round (time_to_x (f, hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, o->selected_cycle))) + 0.5;

      set_color (cr, &palette->selection);
      cairo_set_line_width (cr, 2.0);
      cairo_move_to (cr, x, plot->y);
      cairo_line_to (cr, x, plot->y + plot->height);
      cairo_stroke (cr);
    }

  for (guint source = 0; source < HS_N_CHART_SOURCES; source++)
    {
      gint64 index = source == HS_CHART_SOURCE_CYCLES ? o->hover_cycle : o->hover_event;
      double x;

      /* samples: below, the one nearest the hovered cycle */
      if (source == HS_CHART_SOURCE_SAMPLES || index < 0 || index >= hs_chart_data_get_count (data, source))
        continue;

      x = round (time_to_x (f, hs_chart_data_get_time (data, source, index))) + 0.5;
      if (source == HS_CHART_SOURCE_CYCLES)
        {
          set_color (cr, &palette->crosshair);
          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, x, plot->y);
          cairo_line_to (cr, x, plot->y + plot->height);
          cairo_stroke (cr);
        }

      for (guint s = 0; s < HS_N_SERIES; s++)
        {
          const HsChartSeriesInfo *info = hs_chart_series_get_info (s);

          if (info->chart != kind || info->source != source || !series_shown (f->self, s))
            continue;
          draw_hover_dot (f, plot, &axes[series_axis (f->self, s)], s, x, hs_chart_data_get_value (data, s, index));
        }
    }

  if (o->hover_cycle >= 0 && o->hover_cycle < hs_chart_data_get_count (data, HS_CHART_SOURCE_CYCLES))
    {
      double t = hs_chart_data_get_time (data, HS_CHART_SOURCE_CYCLES, o->hover_cycle);

      for (guint s = 0; s < HS_N_SERIES; s++)
        {
          const HsChartSeriesInfo *info = hs_chart_series_get_info (s);
          gint64 sample;

          if (info->chart != kind || info->source != HS_CHART_SOURCE_SAMPLES || !series_shown (f->self, s))
            continue;
          sample = find_nearest_sample (f->self, s, t);
          if (sample >= 0)
            draw_hover_dot (f, plot, &axes[series_axis (f->self, s)], s,
                            time_to_x (f, hs_chart_data_get_time (data, HS_CHART_SOURCE_SAMPLES, sample)),
                            hs_chart_data_get_value (data, s, sample));
        }
    }
}

static void
draw_chart (Frame             *f,
            const ChartLayout *layout,
            gboolean           last)
{
  HsChartKind kind = layout->kind;
  const HsChartRect *plot = &layout->plot;
  cairo_t *cr = f->cr;
  HsValueAxis axes[2];
  HsTimeAxis time_axis;
  double offset;
  gboolean wall;
  guint max_ticks = MAX (1, (guint) (plot->height / 36.0));

  for (guint a = 0; a < G_N_ELEMENTS (axes); a++)
    hs_value_axis_init (&axes[a], hs_chart_kind_get_unit (kind), visible_max (f, kind, a) * 1.05, max_ticks);
  time_axis_init (f, &time_axis, &offset, &wall);

  if (!(f->options->flags & HS_CHART_RENDER_NO_HEADER))
    draw_header (f, kind, &layout->area);
  draw_grid (f, plot, &axes[0], &time_axis);
  draw_marks (f, plot, FALSE);
  if (kind == HS_CHART_PAUSES && series_shown (f->self, HS_SERIES_MARK) && series_axis (f->self, HS_SERIES_MARK) == 1)
    draw_secondary_ticks (f, plot, &axes[1], &f->self->palette.series[HS_SERIES_MARK]);

  cairo_save (cr);
  /* a little room above the top so a line on the top tick is not cut in half */
  cairo_rectangle (cr, plot->x, plot->y - 4, plot->width, plot->height + 4);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  for (guint s = 0; s < HS_N_SERIES; s++)
    if (hs_chart_series_get_info (s)->chart == kind && series_shown (f->self, s))
      draw_series (f, s, plot, &axes[series_axis (f->self, s)]);
  draw_run_breaks (f, plot, TRUE, FALSE);
  draw_hover (f, kind, plot, axes);
  cairo_restore (cr);

  if (last && (f->options->flags & HS_CHART_RENDER_TIME_LABELS))
    draw_time_labels (f, plot, &time_axis, offset, wall);
}

static void
draw_title (Frame *f,
            int    width)
{
  const HsChartPalette *palette = &f->self->palette;
  HsTrace *trace = f->self->trace;
  g_autofree char *format = hs_trace_describe_format (trace);
  g_autofree char *from = hs_chart_format_duration (f->t0, 1.0);
  g_autofree char *to = hs_chart_format_duration (f->t1, 1.0);
  g_autofree char *range = g_strdup_printf ("%s – %s", from, to);
  g_autofree char *details = NULL;
  double x = 12.0;

  if (hs_trace_get_n_cycles (trace) == 0 && hs_trace_get_n_events (trace) == 0 && hs_trace_get_n_samples (trace) > 0)
    /* a process watched, or memstats polled, before any trace line: what there is instead */
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u memory sample", "%u memory samples",
                                            hs_trace_get_n_samples (trace)),
                               hs_trace_get_n_samples (trace));
  else
    details = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u GC cycle", "%s · %u GC cycles",
                                            hs_trace_get_n_cycles (trace)),
                               format != NULL ? format : _("Go GC trace"), hs_trace_get_n_cycles (trace));
  x += draw_text (f, BIG_TITLE_FONT, &palette->foreground, hs_trace_get_name (trace), x, TITLE_HEIGHT / 2.0, ALIGN_LEFT);
  draw_text (f, FONT, &palette->dim, details, x + 12.0, TITLE_HEIGHT / 2.0 + 1.0, ALIGN_LEFT);
  draw_text (f, FONT, &palette->dim, range, width - HS_CHART_PLOT_RIGHT, TITLE_HEIGHT / 2.0 + 1.0, ALIGN_RIGHT);
}

/**
 * hs_chart_renderer_render:
 *
 * Draws the charts chosen in @options, stacked on one time axis, into @cr at (0, 0)
 * with the given size. The cost depends on @width, not on the number of cycles.
 */
void
hs_chart_renderer_render (HsChartRenderer            *self,
                          cairo_t                    *cr,
                          int                         width,
                          int                         height,
                          const HsChartRenderOptions *options)
{
  ChartLayout layout[HS_N_CHARTS];
  Frame f;
  guint n;

  g_return_if_fail (HS_IS_CHART_RENDERER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (options != NULL);

  cairo_save (cr);
  if (self->palette.fill_background)
    {
      set_color (cr, &self->palette.background);
      cairo_paint (cr);
    }

  n = layout_charts (self, width, height, options, layout);
  frame_init (&f, self, cr, width, options);

  if (options->flags & HS_CHART_RENDER_TITLE)
    draw_title (&f, width);

  for (guint i = 0; i < n; i++)
    {
      draw_chart (&f, &layout[i], i + 1 == n);
      /* run labels and mark labels only once, in the top chart */
      if (i == 0)
        {
          draw_run_breaks (&f, &layout[i].plot, FALSE, (options->flags & HS_CHART_RENDER_RUN_LABELS) != 0);
          draw_marks (&f, &layout[i].plot, TRUE);
        }
    }

  frame_clear (&f);
  cairo_restore (cr);
}

/* The whole trace in a strip, with the visible window marked on it. */
void
hs_chart_renderer_render_overview (HsChartRenderer *self,
                                   cairo_t         *cr,
                                   int              width,
                                   int              height,
                                   double           visible_start,
                                   double           visible_end)
{
  const HsChartPalette *palette = &self->palette;
  HsChartRenderOptions options;
  HsChartRect plot;
  HsValueAxis axis;
  double x0, x1;
  Frame f;

  g_return_if_fail (HS_IS_CHART_RENDERER (self));

  hs_chart_renderer_options_init (self, &options);
  options.flags = 0;
  frame_init (&f, self, cr, width, &options);
  plot = (HsChartRect) { HS_CHART_PLOT_LEFT, 2, f.plot_w, MAX (1, height - 4) };

  cairo_save (cr);
  if (palette->fill_background)
    {
      set_color (cr, &palette->background);
      cairo_paint (cr);
    }

  hs_value_axis_init (&axis, HS_CHART_UNIT_BYTES, visible_max (&f, HS_CHART_HEAP, 0), 1);
  cairo_rectangle (cr, plot.x, plot.y, plot.width, plot.height);
  cairo_clip (cr);
  for (guint s = 0; s < HS_N_SERIES; s++)
    if ((s == HS_SERIES_HEAP_HELD || s == HS_SERIES_HEAP_START || s == HS_SERIES_HEAP_LIVE) &&
        series_shown (self, s))
      draw_series (&f, s, &plot, &axis);
  /* memstats polled without a trace: their heap is the only one there is; a process watched
   * from /proc alone has only its resident size */
  if (!series_shown (self, HS_SERIES_HEAP_START) && series_shown (self, HS_SERIES_MEMSTATS_HEAP_ALLOC))
    draw_series (&f, HS_SERIES_MEMSTATS_HEAP_ALLOC, &plot, &axis);
  else if (!series_shown (self, HS_SERIES_HEAP_START) && series_shown (self, HS_SERIES_RSS))
    draw_series (&f, HS_SERIES_RSS, &plot, &axis);
  draw_run_breaks (&f, &plot, TRUE, FALSE);
  cairo_reset_clip (cr);

  /* what is outside the window is dimmed; the window has an outline */
  x0 = CLAMP (time_to_x (&f, visible_start), plot.x, plot.x + plot.width);
  x1 = CLAMP (time_to_x (&f, visible_end), plot.x, plot.x + plot.width);
  set_color_alpha (cr, &palette->background, 0.6);
  cairo_rectangle (cr, plot.x, plot.y, x0 - plot.x, plot.height);
  cairo_rectangle (cr, x1, plot.y, plot.x + plot.width - x1, plot.height);
  cairo_fill (cr);
  set_color (cr, &palette->frame);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, plot.x + 0.5, plot.y + 0.5, plot.width - 1, plot.height - 1);
  cairo_stroke (cr);
  set_color (cr, &palette->selection);
  cairo_set_line_width (cr, 2.0);
  cairo_rectangle (cr, x0 + 1, plot.y + 1, MAX (x1 - x0 - 2, 1), plot.height - 2);
  cairo_stroke (cr);

  frame_clear (&f);
  cairo_restore (cr);
}

/* The GC cycle closest in time to @time, -1 when there is none. */
gint64
hs_chart_renderer_find_cycle (HsChartRenderer *self,
                              double           time)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), -1);
  return find_nearest (self, HS_CHART_SOURCE_CYCLES, time);
}

gint64
hs_chart_renderer_find_event (HsChartRenderer *self,
                              double           time)
{
  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), -1);
  return find_nearest (self, HS_CHART_SOURCE_EVENTS, time);
}

static char *
format_us (guint64 us)
{
  return hs_chart_format_value (HS_CHART_UNIT_MS, us / 1000.0);
}

static char *
format_mb (guint64 mb)
{
  return hs_chart_format_value (HS_CHART_UNIT_BYTES, (double) mb * 1048576.0);
}

/* What top showed for the process at the sample nearest to @time. */
static void
append_process_line (HsChartRenderer *self,
                     GString         *out,
                     double           time)
{
  gint64 sample = find_nearest_sample (self, HS_SERIES_RSS, time);
  g_autofree char *res = NULL, *virt = NULL, *sampled = NULL;

  if (sample < 0)
    return;

  res = hs_chart_format_value (HS_CHART_UNIT_BYTES, hs_chart_data_get_value (self->data, HS_SERIES_RSS, sample));
  virt = hs_chart_format_value (HS_CHART_UNIT_BYTES, hs_chart_data_get_value (self->data, HS_SERIES_VM_SIZE, sample));
  sampled = hs_chart_format_duration (hs_chart_data_get_time (self->data, HS_CHART_SOURCE_SAMPLES, sample), 0.001);
  g_string_append_printf (out, "\n%s", _("Process"));
  g_string_append_printf (out, _(": RES %s, VIRT %s (sampled at %s)"), res, virt, sampled);
}

/* The memstats of the poll nearest to @time, by their names in runtime.MemStats. */
static void
append_memstats_line (HsChartRenderer *self,
                      GString         *out,
                      double           time)
{
  static const struct
  {
    HsChartSeries  series;
    const char    *name;
  } fields[] = {
    { HS_SERIES_MEMSTATS_HEAP_ALLOC, "HeapAlloc" },
    { HS_SERIES_MEMSTATS_HEAP_INUSE, "HeapInuse" },
    { HS_SERIES_MEMSTATS_HEAP_IDLE, "HeapIdle" },
    { HS_SERIES_MEMSTATS_HEAP_RELEASED, "HeapReleased" },
    { HS_SERIES_MEMSTATS_HEAP_SYS, "HeapSys" },
    { HS_SERIES_MEMSTATS_SYS, "Sys" },
    { HS_SERIES_MEMSTATS_NEXT_GC, "NextGC" },
  };
  g_autofree char *polled = NULL;
  gint64 sample = -1;
  const char *separator = ": ";
  double fraction;

  /* a Prometheus endpoint may lack some: the poll is the nearest one with any of them */
  for (guint i = 0; i < G_N_ELEMENTS (fields) && sample < 0; i++)
    sample = find_nearest_sample (self, fields[i].series, time);
  if (sample < 0)
    return;

  g_string_append_printf (out, "\n%s", _("Go memstats"));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      double v = hs_chart_data_get_value (self->data, fields[i].series, sample);
      g_autofree char *value = NULL;

      if (isnan (v))
        continue;
      value = hs_chart_format_value (HS_CHART_UNIT_BYTES, v);
      g_string_append_printf (out, "%s%s %s", separator, fields[i].name, value);
      separator = ", ";
    }
  fraction = hs_chart_data_get_value (self->data, HS_SERIES_MEMSTATS_GC_CPU, sample);
  if (!isnan (fraction))
    g_string_append_printf (out, "%sGCCPUFraction %.2f %%", separator, fraction);

  polled = hs_chart_format_duration (hs_chart_data_get_time (self->data, HS_CHART_SOURCE_SAMPLES, sample), 0.001);
  g_string_append_printf (out, _(" (polled at %s)"), polled);
}

static void
append_when (HsChartRenderer *self,
             GString         *out,
             guint            cycle,
             double           time)
{
  g_autofree char *when = hs_chart_format_duration (time, 0.001);
  double wall = hs_trace_get_gc_value (self->trace, HS_GC_FIELD_WALL_TIME, cycle);

  g_string_append_printf (out, _(" at %s"), when);
  if (!isnan (wall))
    {
      g_autofree char *clock = hs_chart_format_wall_time (wall, 0.001);

      g_string_append_printf (out, " (%s)", clock);
    }
}

/*
 * A cycle polled from memstats: its number, end time and whole pause are all it has; the
 * rest of its record is 0 for "unknown" and is not shown as if measured.
 */
static void
append_sampled_cycle (HsChartRenderer *self,
                      GString         *out,
                      guint            cycle,
                      const HsGcRecord *r)
{
  g_autofree char *pause = format_us (r->clock_us[HS_CLOCK_SWEEP_TERM] + r->clock_us[HS_CLOCK_MARK_TERM]);

  g_string_append_printf (out, " (%s)", _("polled from memstats"));
  append_when (self, out, cycle, r->time_ms / 1000.0);
  if (r->flags & HS_GC_FLAG_TIME_ESTIMATED)
    g_string_append_printf (out, " (%s)", _("end time estimated between two polls"));

  g_string_append_printf (out, "\n%s", _("Pauses"));
  g_string_append_printf (out, _(": stop-the-world %s"), pause);
  if (r->flags & HS_GC_FLAG_PAUSE_AVERAGED)
    g_string_append_printf (out, " (%s)", _("the mean of the cycles between two polls"));
  g_string_append_printf (out, "\n%s", _("Its heap sizes, phases and GC CPU are not known: memstats keeps only the pauses of past cycles"));
}

/* A cycle of the trace: every field its line printed. */
static void
append_traced_cycle (HsChartRenderer  *self,
                     GString          *out,
                     guint             cycle,
                     const HsGcRecord *r)
{
  g_autofree char *before = NULL, *after = NULL, *live = NULL, *goal = NULL;
  g_autofree char *pause = NULL, *stw1 = NULL, *stw2 = NULL, *mark = NULL;

  append_when (self, out, cycle, r->time_ms / 1000.0);
  g_string_append_printf (out, _(", line %" PRIu64), hs_trace_get_gc_line (self->trace, cycle));

  before = format_mb (r->heap_before_mb);
  after = format_mb (r->heap_after_mb);
  live = format_mb (r->heap_live_mb);
  goal = hs_trace_get_gc_value (self->trace, HS_GC_FIELD_HEAP_GOAL, cycle) >= HS_CHART_NO_GOAL_BYTES ?
         g_strdup (_("none (GOGC=off)")) : format_mb (r->heap_goal_mb);
  g_string_append_printf (out, "\n%s", _("Heap"));
  g_string_append_printf (out, _(": %s at start, %s at end, %s live, goal %s"), before, after, live, goal);
  if (!isnan (hs_chart_data_get_value (self->data, HS_SERIES_HEAP_LIMIT, cycle)))
    g_string_append_printf (out, " (%s)", _("held down by a memory limit"));
  if (hs_trace_get_gc_formats (self->trace) & HS_GC_FORMAT_GO118)
    {
      g_autofree char *stacks = format_mb (r->stacks_mb);
      g_autofree char *globals = format_mb (r->globals_mb);

      g_string_append_printf (out, _("; stacks %s, globals %s"), stacks, globals);
    }

  stw1 = format_us (r->clock_us[HS_CLOCK_SWEEP_TERM]);
  stw2 = format_us (r->clock_us[HS_CLOCK_MARK_TERM]);
  pause = format_us (r->clock_us[HS_CLOCK_SWEEP_TERM] + r->clock_us[HS_CLOCK_MARK_TERM]);
  mark = format_us (r->clock_us[HS_CLOCK_SCAN] + r->clock_us[HS_CLOCK_INSTALL_WB] + r->clock_us[HS_CLOCK_MARK]);
  g_string_append_printf (out, "\n%s", _("Pauses"));
  g_string_append_printf (out, _(": stop-the-world %s (sweep termination %s + mark termination %s), concurrent mark %s"),
                          pause, stw1, stw2, mark);

  {
    double assist = hs_chart_data_get_value (self->data, HS_SERIES_CPU_ASSIST, cycle);
    double background = hs_chart_data_get_value (self->data, HS_SERIES_CPU_BACKGROUND, cycle);
    double idle = hs_chart_data_get_value (self->data, HS_SERIES_CPU_IDLE, cycle);

    g_string_append_printf (out, "\n%s", _("GC CPU"));
    g_string_append_printf (out, _(": %" PRIu64 " %% since start; this cycle %.1f %% (assists %.1f %%, background %.1f %%, idle %.1f %%), %" PRIu64 " P"),
                            r->cpu_percent, idle, assist, background - assist, idle - background, r->procs);
  }
}

/* Every value of a cycle as text: the tooltip, and what a screen reader reads. */
char *
hs_chart_renderer_describe_cycle (HsChartRenderer *self,
                                  guint            cycle)
{
  HsGcRecord r;
  GString *out;
  g_autofree char *run = NULL;
  double cycle_time;

  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);
  g_return_val_if_fail (cycle < hs_trace_get_n_cycles (self->trace), NULL);

  hs_trace_get_gc_record (self->trace, cycle, &r);
  out = g_string_new (NULL);

  g_string_append_printf (out, _("GC %" PRIu64), r.number);
  if (r.flags & HS_GC_FLAG_FORCED)
    g_string_append_printf (out, " (%s)", _("forced"));
  if (r.flags & HS_GC_FLAG_PERIODIC)
    g_string_append_printf (out, " (%s)", _("periodic"));
  if (hs_trace_get_n_runs (self->trace) > 1)
    g_string_append_printf (out, " · %s", run = g_strdup_printf (_("run %u"), hs_trace_get_run_of_cycle (self->trace, cycle) + 1));

  cycle_time = hs_chart_data_get_time (self->data, HS_CHART_SOURCE_CYCLES, cycle);

  if (r.flags & HS_GC_FLAG_SAMPLED)
    append_sampled_cycle (self, out, cycle, &r);
  else
    append_traced_cycle (self, out, cycle, &r);

  {
    /* the scavenger event nearest to this cycle in time */
    gint64 event = find_nearest (self, HS_CHART_SOURCE_EVENTS, cycle_time);

    if (event >= 0)
      {
        g_autofree char *scav = hs_chart_renderer_describe_event (self, event);

        g_string_append_printf (out, "\n%s", scav);
      }
  }
  append_process_line (self, out, cycle_time);
  append_memstats_line (self, out, cycle_time);

  return g_string_free (out, FALSE);
}

/*
 * What the samples nearest to @time say (RES and VIRT, memstats), one line each; NULL
 * when there are none: the tooltip of a session with samples and no cycle yet.
 */
char *
hs_chart_renderer_describe_samples (HsChartRenderer *self,
                                    double           time)
{
  GString *out;

  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);

  if (isnan (time))
    return NULL;

  out = g_string_new (NULL);
  append_process_line (self, out, time);
  append_memstats_line (self, out, time);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  /* each line starts with a newline, for after a cycle's */
  g_string_erase (out, 0, 1);
  return g_string_free (out, FALSE);
}

char *
hs_chart_renderer_describe_event (HsChartRenderer *self,
                                  guint            event)
{
  HsScavRecord r;
  GString *out;
  g_autofree char *when = NULL;

  g_return_val_if_fail (HS_IS_CHART_RENDERER (self), NULL);
  g_return_val_if_fail (event < hs_trace_get_n_events (self->trace), NULL);

  hs_trace_get_scav_record (self->trace, event, &r);
  out = g_string_new (_("Scavenger"));
  when = hs_chart_format_duration (hs_chart_data_get_time (self->data, HS_CHART_SOURCE_EVENTS, event), 0.001);
  g_string_append_printf (out, _(" (line %" PRIu64 ", about %s)"),
                          hs_trace_get_scav_line (self->trace, event), when);

  if (r.kind == HS_SCAV_KIND_SCAV)
    {
      g_autofree char *work = hs_chart_format_value (HS_CHART_UNIT_BYTES, (r.work_kib + r.eager_kib) * 1024.0);
      g_autofree char *retained = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.retained_kib * 1024.0);

      g_string_append_printf (out, _(": released %s, %s returned and not reused, %u %% util"),
                              work, retained, (guint) r.util_percent);
    }
  else
    {
      g_autofree char *now = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.released_now_kib * 1024.0);
      g_autofree char *inuse = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.inuse_kib * 1024.0);
      g_autofree char *idle = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.idle_kib * 1024.0);
      g_autofree char *sys = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.sys_kib * 1024.0);
      g_autofree char *released = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.released_kib * 1024.0);
      g_autofree char *consumed = hs_chart_format_value (HS_CHART_UNIT_BYTES, r.consumed_kib * 1024.0);

      g_string_append_printf (out, _(": released now %s; in use %s, idle %s, sys %s, released %s, held %s"),
                              now, inuse, idle, sys, released, consumed);
    }
  if (r.flags & HS_SCAV_FLAG_FORCED)
    g_string_append_printf (out, " (%s)", _("forced"));

  return g_string_free (out, FALSE);
}
