/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-report.c: the report as a multi-page PDF through cairo, or one HTML file with inline SVG. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chart/hs-chart-renderer.h"
#include "hs-report.h"
#include "trace/hs-findings.h"
#include "trace/hs-summary.h"

/*
 * A person takes this to the team: the trace's facts and statistics, every finding with
 * the charts zoomed to its time range, and the notes. The PDF and the HTML show the same
 * content; both are single files with nothing to fetch.
 */

#define PAGE_WIDTH   595.276   /* A4 in points */
#define PAGE_HEIGHT  841.890
#define MARGIN       48.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
/* charts are drawn at twice the point size, so their text is as small as the report's */
#define CHART_SCALE  0.5
/* a finding's range gets a little context on both sides */
#define RANGE_MARGIN 0.15

typedef struct
{
  HsTrace         *trace;
  HsAnnotations   *notes;
  HsChartRenderer *renderer;
  HsSummary        summary;
  GPtrArray       *findings;
} Report;

static void
report_clear (Report *report)
{
  g_clear_object (&report->renderer);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
}

gboolean
hs_report_format_from_path (const char     *path,
                            HsReportFormat *format)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    *format = HS_REPORT_PDF;
  else if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *format = HS_REPORT_HTML;
  else
    return FALSE;

  return TRUE;
}

static const char *
severity_title (HsSeverity severity)
{
  switch (severity)
    {
    case HS_SEVERITY_PROBLEM: return _("Problem");
    case HS_SEVERITY_WARNING: return _("Warning");
    case HS_SEVERITY_INFO:
    default: return _("Note");
    }
}

/* The statistics of the report as label/value pairs, in the order shown. */
static GPtrArray *
statistics_rows (Report *report)
{
  const HsSummary *s = &report->summary;
  const HsLineCounts *counts = hs_trace_get_line_counts (report->trace);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *version = hs_trace_describe_format (report->trace);
  g_autofree char *total = hs_format_pause (s->pause_total_us);
  g_autofree char *max = hs_format_pause (s->pause_max_us);
  g_autofree char *p50 = hs_format_pause (s->pause_p50_us);
  g_autofree char *p99 = hs_format_pause (s->pause_p99_us);
  g_autofree char *p999 = hs_format_pause (s->pause_p999_us);

#define ROW(label, ...) G_STMT_START { \
    g_ptr_array_add (rows, g_strdup (label)); \
    g_ptr_array_add (rows, g_strdup_printf (__VA_ARGS__)); \
  } G_STMT_END

  ROW (_("Go version"), "%s", version != NULL ? version : _("unknown"));
  ROW (_("Duration"), _("%.1f s"), s->duration_s);
  ROW (_("GC cycles"), _("%u (%u forced, %u periodic), %.1f a minute"),
       s->n_cycles, s->forced_cycles, s->periodic_cycles, s->cycles_per_minute);
  ROW (_("Runs"), "%u", hs_trace_get_n_runs (report->trace));
  /* cycles polled from memstats know their pauses alone: no heap, CPU or allocation figures */
  if (hs_summary_is_polled_only (s))
    ROW (_("Heap peak"), "%s", _("not in polled cycles"));
  else
    ROW (_("Heap peak"), _("%" PRIu64 " MB (live %" PRIu64 " MB, goal %" PRIu64 " MB)"),
         s->heap_peak_mb, s->live_peak_mb, s->goal_peak_mb);
  ROW (_("Pauses"), _("total %s, max %s, p50 %s, p99 %s, p99.9 %s"), total, max, p50, p99, p999);
  if (hs_summary_is_polled_only (s))
    {
      ROW (_("GC CPU"), "%s", _("not in polled cycles"));
      ROW (_("Allocation rate"), "%s", _("not in polled cycles"));
    }
  else
    {
      ROW (_("GC CPU"), _("%" PRIu64 " %% reported, %.2f %% from the phases"),
           s->cpu_percent_last, s->gc_cpu_computed);
      ROW (_("Allocation rate"), _("%.1f MB/s"), s->alloc_rate / 1048576.0);
    }
  if (s->os_held_peak_kib > 0)
    ROW (_("Held from the OS"), _("at most %.0f MB"), (double) s->os_held_peak_kib / 1024.0);
  ROW (_("Returned to the OS"), _("%.1f MB in %u scavenger events"),
       (double) s->released_kib / 1024.0, s->n_events);
  ROW (_("Lines"), _("%" PRIu64 " read, %" PRIu64 " runtime, %" PRIu64 " skipped, %" PRIu64 " malformed"),
       counts->lines, hs_trace_get_parsed_lines (report->trace), counts->foreign, counts->malformed);
#undef ROW

  return rows;
}

static void
finding_range (Report          *report,
               const HsFinding *f,
               double          *start,
               double          *end)
{
  double t0, t1, span, pad;

  hs_chart_renderer_get_time_range (report->renderer, &t0, &t1);
  span = MAX (f->t_end - f->t_start, (t1 - t0) * 0.02);
  pad = span * RANGE_MARGIN;
  *start = MAX (t0, f->t_start - pad);
  *end = MIN (t1, f->t_start + span + pad);
  if (*end <= *start)
    {
      *start = t0;
      *end = t1;
    }
}

static void
plot_span (HsChartRect                *top,
           HsChartRect                *bottom,
           const HsChartRenderOptions *options,
           double                      t_start,
           double                      t_end,
           double                     *x0,
           double                     *x1)
{
  double scale = top->width / (options->end - options->start);

  *x0 = top->x + (MAX (t_start, options->start) - options->start) * scale;
  *x1 = top->x + (MIN (t_end, options->end) - options->start) * scale;
}

/* The finding's time range, shaded over every chart, so the eye goes to it first. */
static void
draw_highlight (Report                     *report,
                cairo_t                    *cr,
                int                         width,
                int                         height,
                const HsChartRenderOptions *options,
                double                      t_start,
                double                      t_end)
{
  HsChartRect top, bottom;
  double x0, x1;
  guint last = HS_N_CHARTS - 1;

  if (!hs_chart_renderer_get_plot_rect (report->renderer, width, height, options, HS_CHART_HEAP, &top))
    return;
  while (last > 0 && !hs_chart_renderer_get_plot_rect (report->renderer, width, height, options, last, &bottom))
    last--;
  if (last == 0)
    bottom = top;

  plot_span (&top, &bottom, options, t_start, t_end, &x0, &x1);
  if (x1 - x0 < 2)
    {
      x0 -= 1;
      x1 = x0 + 2;
    }

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0.90, 0.20, 0.15, 0.08);
  cairo_rectangle (cr, x0, top.y, x1 - x0, bottom.y + bottom.height - top.y);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 0.90, 0.20, 0.15, 0.55);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, x0, top.y);
  cairo_line_to (cr, x0, bottom.y + bottom.height);
  cairo_move_to (cr, x1, top.y);
  cairo_line_to (cr, x1, bottom.y + bottom.height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Notes in the range drawn as labelled dashed lines over the charts. */
static void
draw_notes (Report                     *report,
            cairo_t                    *cr,
            int                         width,
            int                         height,
            const HsChartRenderOptions *options)
{
  HsChartRect top, bottom;

  if (report->notes == NULL || hs_annotations_get_n_notes (report->notes) == 0)
    return;

  if (!hs_chart_renderer_get_plot_rect (report->renderer, width, height, options, HS_CHART_HEAP, &top) ||
      !hs_chart_renderer_get_plot_rect (report->renderer, width, height, options, HS_CHART_PAUSES, &bottom))
    return;

  for (guint i = 0; i < hs_annotations_get_n_notes (report->notes); i++)
    {
      const HsAnnotation *note = hs_annotations_get_note (report->notes, i);
      double x0, x1;
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *label = g_strdup_printf ("✎ %u", i + 1);

      if (note->t_end < options->start || note->t_start > options->end)
        continue;

      plot_span (&top, &bottom, options, note->t_start, note->t_end, &x0, &x1);

      cairo_save (cr);
      if (x1 - x0 >= 1)
        {
          cairo_set_source_rgba (cr, 0.95, 0.70, 0.10, 0.15);
          cairo_rectangle (cr, x0, top.y, x1 - x0, bottom.y + bottom.height - top.y);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0.80, 0.50, 0.0);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, (double[]) { 6, 4 }, 2, 0);
      cairo_move_to (cr, x0, top.y);
      cairo_line_to (cr, x0, bottom.y + bottom.height);
      cairo_stroke (cr);

      layout = pango_cairo_create_layout (cr);
      pango_layout_set_text (layout, label, -1);
      cairo_move_to (cr, x0 + 3, top.y + 2);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }
}

static void
render_charts (Report          *report,
               cairo_t         *cr,
               int              width,
               int              height,
               double           start,
               double           end,
               guint            charts,
               const HsFinding *highlight)
{
  HsChartRenderOptions options;

  hs_chart_renderer_options_init (report->renderer, &options);
  options.start = start;
  options.end = end;
  options.charts = charts;
  options.flags = HS_CHART_RENDER_TIME_LABELS | HS_CHART_RENDER_LEGEND | HS_CHART_RENDER_RUN_LABELS;
  hs_chart_renderer_render (report->renderer, cr, width, height, &options);
  if (highlight != NULL)
    draw_highlight (report, cr, width, height, &options, highlight->t_start, highlight->t_end);
  draw_notes (report, cr, width, height, &options);
}

/* PDF */

typedef struct
{
  cairo_t *cr;
  double   y;
} Page;

static double
show_text (Page       *page,
           const char *text,
           const char *font,
           double      x,
           double      width,
           double      r,
           double      g,
           double      b)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (page->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);
  int w, h;

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgb (page->cr, r, g, b);
  cairo_move_to (page->cr, x, page->y);
  pango_cairo_show_layout (page->cr, layout);
  pango_layout_get_size (layout, &w, &h);

  return (double) h / PANGO_SCALE;
}

static void
paragraph (Page       *page,
           const char *text,
           const char *font,
           double      gap)
{
  page->y += show_text (page, text, font, MARGIN, CONTENT_WIDTH, 0.13, 0.13, 0.15) + gap;
}

static void
new_page (Page *page)
{
  cairo_show_page (page->cr);
  page->y = MARGIN;
}

static void
pdf_charts (Report          *report,
            Page            *page,
            double           height,
            double           start,
            double           end,
            guint            charts,
            const HsFinding *highlight)
{
  cairo_save (page->cr);
  /* the renderer paints its background over everything it is given: give it its box only */
  cairo_rectangle (page->cr, MARGIN, page->y, CONTENT_WIDTH, height);
  cairo_clip (page->cr);
  cairo_translate (page->cr, MARGIN, page->y);
  cairo_scale (page->cr, CHART_SCALE, CHART_SCALE);
  render_charts (report, page->cr, (int) (CONTENT_WIDTH / CHART_SCALE), (int) (height / CHART_SCALE),
                 start, end, charts, highlight);
  cairo_restore (page->cr);
  page->y += height + 12;
}

static double
severity_red (HsSeverity s)
{
  return s == HS_SEVERITY_PROBLEM ? 0.75 : s == HS_SEVERITY_WARNING ? 0.70 : 0.20;
}

static gboolean
write_pdf (Report      *report,
           const char  *path,
           GError     **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  g_autoptr(GPtrArray) rows = statistics_rows (report);
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  cairo_status_t status;
  double t0, t1;
  Page page;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, hs_trace_get_name (report->trace));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Heapscope " PACKAGE_VERSION);

  page.cr = cairo_create (surface);
  page.y = MARGIN;
  hs_chart_renderer_get_time_range (report->renderer, &t0, &t1);

  /* Page 1: what this is, the numbers, the findings in one line each, the whole trace. */
  paragraph (&page, _("Go GC trace report"), "Sans 9", 2);
  paragraph (&page, hs_trace_get_name (report->trace), "Sans Bold 18", 4);
  when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  subtitle = g_strdup_printf (_("Made with Heapscope %s on %s"), PACKAGE_VERSION, when);
  paragraph (&page, subtitle, "Sans 9", 14);

  for (guint i = 0; i + 1 < rows->len; i += 2)
    {
      double h = show_text (&page, g_ptr_array_index (rows, i), "Sans Bold 9.5", MARGIN, 130, 0.35, 0.35, 0.40);

      h = MAX (h, show_text (&page, g_ptr_array_index (rows, i + 1), "Sans 9.5", MARGIN + 135,
                             CONTENT_WIDTH - 135, 0.13, 0.13, 0.15));
      page.y += h + 3;
    }
  page.y += 10;

  paragraph (&page, _("Findings"), "Sans Bold 12", 4);
  if (report->findings->len == 0)
    paragraph (&page, _("None: the GC looks healthy in this trace."), "Sans 9.5", 4);
  for (guint i = 0; i < report->findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (report->findings, i);
      g_autofree char *line = g_strdup_printf ("%u. %s — %s", i + 1, severity_title (f->severity), f->title);

      page.y += show_text (&page, line, "Sans 9.5", MARGIN, CONTENT_WIDTH,
                           severity_red (f->severity), 0.20, 0.20) + 2;
    }
  page.y += 10;

  if (hs_trace_get_n_cycles (report->trace) > 0)
    pdf_charts (report, &page, PAGE_HEIGHT - MARGIN - page.y, t0, t1, HS_CHART_MASK_ALL, NULL);

  /* One page per finding, its charts zoomed to its range. */
  for (guint i = 0; i < report->findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (report->findings, i);
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, f->title);
      g_autofree char *range = g_strdup_printf (_("%s · %.1f s to %.1f s"), severity_title (f->severity),
                                                f->t_start, f->t_end);
      double start, end;

      new_page (&page);
      page.y += show_text (&page, heading, "Sans Bold 13", MARGIN, CONTENT_WIDTH,
                           severity_red (f->severity), 0.15, 0.15) + 3;
      paragraph (&page, range, "Sans 9", 10);
      paragraph (&page, f->detail, "Sans 10", 8);
      paragraph (&page, f->advice, "Sans Italic 10", 14);
      finding_range (report, f, &start, &end);
      pdf_charts (report, &page, MIN (520, PAGE_HEIGHT - MARGIN - page.y), start, end, HS_CHART_MASK_ALL, f);
    }

  /* The notes a person added */
  if (report->notes != NULL && hs_annotations_get_n_notes (report->notes) > 0)
    {
      new_page (&page);
      paragraph (&page, _("Notes"), "Sans Bold 13", 8);
      for (guint i = 0; i < hs_annotations_get_n_notes (report->notes); i++)
        {
          const HsAnnotation *note = hs_annotations_get_note (report->notes, i);
          g_autofree char *where = note->t_end > note->t_start
                                   ? g_strdup_printf (_("✎ %u · %.1f s to %.1f s"), i + 1, note->t_start, note->t_end)
                                   : g_strdup_printf (_("✎ %u · at %.1f s"), i + 1, note->t_start);

          if (page.y > PAGE_HEIGHT - MARGIN - 60)
            new_page (&page);
          paragraph (&page, where, "Sans Bold 9.5", 2);
          paragraph (&page, note->text, "Sans 10", 10);
        }
    }

  cairo_destroy (page.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

/* HTML */

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Inline SVG: the XML declaration is left out, it may not stand inside HTML. */
static void
append_svg_charts (Report          *report,
                   GString         *html,
                   double           start,
                   double           end,
                   const HsFinding *highlight)
{
  const int width = 1200, height = 900;
  g_autoptr(GString) svg = g_string_new (NULL);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
  cairo_t *cr = cairo_create (surface);
  const char *open;

  render_charts (report, cr, width, height, start, end, HS_CHART_MASK_ALL, highlight);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  open = strstr (svg->str, "<svg");
  if (open == NULL)
    return;
  g_string_append (html, "<figure class=\"charts\">");
  g_string_append (html, open);
  g_string_append (html, "</figure>\n");
}

static void
append_escaped (GString    *html,
                const char *format,
                ...) G_GNUC_PRINTF (2, 3);

static void
append_escaped (GString    *html,
                const char *format,
                ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);
  g_string_append (html, text);
}

static const char css[] =
  "body{font-family:Cantarell,'Noto Sans',sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
  "color:#1e1e22;background:#fafafa;line-height:1.45}"
  "h1{margin:.2rem 0 .2rem;font-size:1.7rem}.kicker,.made{color:#66666e;font-size:.85rem}"
  "table{border-collapse:collapse;margin:1rem 0}th{text-align:left;color:#55555e;padding:.2rem 1.2rem .2rem 0;"
  "font-weight:600;vertical-align:top}td{padding:.2rem 0}"
  "section{background:#fff;border:1px solid #e0e0e4;border-radius:10px;padding:1rem 1.2rem;margin:1.2rem 0}"
  "section.problem{border-left:6px solid #c01c28}section.warning{border-left:6px solid #e5a50a}"
  "section.info{border-left:6px solid #3584e4}.severity{font-size:.8rem;text-transform:uppercase;"
  "letter-spacing:.05em;color:#66666e}.advice{font-style:italic}figure{margin:.8rem 0 0}"
  "figure svg{width:100%;height:auto}"
  "@media (prefers-color-scheme:dark){body{background:#1e1e22;color:#eee}section{background:#2a2a2e;"
  "border-color:#3a3a40}th,.kicker,.made,.severity{color:#aaa}figure svg{background:#fff;border-radius:6px}}";

static gboolean
write_html (Report      *report,
            const char  *path,
            GError     **error)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = statistics_rows (report);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  double t0, t1;

  hs_chart_renderer_get_time_range (report->renderer, &t0, &t1);

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
  append_escaped (html, "<title>%s — %s</title>\n", hs_trace_get_name (report->trace), _("Go GC trace report"));
  g_string_append_printf (html, "<style>%s</style>\n</head>\n<body>\n", css);

  append_escaped (html, "<p class=\"kicker\">%s</p>\n<h1>%s</h1>\n", _("Go GC trace report"),
                  hs_trace_get_name (report->trace));
  {
    g_autofree char *made = g_strdup_printf (_("Made with Heapscope %s on %s"), PACKAGE_VERSION, when);

    append_escaped (html, "<p class=\"made\">%s</p>\n", made);
  }

  g_string_append (html, "<table>\n");
  for (guint i = 0; i + 1 < rows->len; i += 2)
    append_escaped (html, "<tr><th>%s</th><td>%s</td></tr>\n",
                    (const char *) g_ptr_array_index (rows, i), (const char *) g_ptr_array_index (rows, i + 1));
  g_string_append (html, "</table>\n");

  if (hs_trace_get_n_cycles (report->trace) > 0)
    append_svg_charts (report, html, t0, t1, NULL);

  append_escaped (html, "<h2>%s</h2>\n", _("Findings"));
  if (report->findings->len == 0)
    append_escaped (html, "<p>%s</p>\n", _("None: the GC looks healthy in this trace."));

  for (guint i = 0; i < report->findings->len; i++)
    {
      const HsFinding *f = g_ptr_array_index (report->findings, i);
      double start, end;

      finding_range (report, f, &start, &end);
      append_escaped (html, "<section class=\"%s\" id=\"%s-%u\">\n<p class=\"severity\">%s · %.1f s – %.1f s</p>\n"
                            "<h3>%s</h3>\n<p>%s</p>\n<p class=\"advice\">%s</p>\n",
                      hs_severity_to_string (f->severity), f->id, i + 1, severity_title (f->severity),
                      f->t_start, f->t_end, f->title, f->detail, f->advice);
      append_svg_charts (report, html, start, end, f);
      g_string_append (html, "</section>\n");
    }

  if (report->notes != NULL && hs_annotations_get_n_notes (report->notes) > 0)
    {
      append_escaped (html, "<h2>%s</h2>\n<ol>\n", _("Notes"));
      for (guint i = 0; i < hs_annotations_get_n_notes (report->notes); i++)
        {
          const HsAnnotation *note = hs_annotations_get_note (report->notes, i);

          if (note->t_end > note->t_start)
            append_escaped (html, "<li><strong>%.1f s – %.1f s</strong>: %s</li>\n",
                            note->t_start, note->t_end, note->text);
          else
            append_escaped (html, "<li><strong>%.1f s</strong>: %s</li>\n", note->t_start, note->text);
        }
      g_string_append (html, "</ol>\n");
    }

  g_string_append (html, "</body>\n</html>\n");

  return g_file_set_contents (path, html->str, (gssize) html->len, error);
}

gboolean
hs_report_write (HsTrace         *trace,
                 HsAnnotations   *notes,
                 HsReportFormat   format,
                 const char      *path,
                 GError         **error)
{
  Report report = { 0 };
  gboolean ok;

  g_return_val_if_fail (HS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (notes == NULL || HS_IS_ANNOTATIONS (notes), FALSE);

  report.trace = trace;
  report.notes = notes;
  report.renderer = hs_chart_renderer_new (trace);
  report.findings = hs_findings_analyze (trace);
  hs_summary_compute (trace, 0, hs_trace_get_n_cycles (trace), &report.summary);

  ok = format == HS_REPORT_PDF ? write_pdf (&report, path, error) : write_html (&report, path, error);
  report_clear (&report);

  return ok;
}
