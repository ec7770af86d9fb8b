/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-export.c: the charts as a PNG, SVG or PDF file, or PNG bytes for the clipboard. */

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hs-chart-export.h"

/* The format is the file name's extension, in any case. */
gboolean
hs_chart_format_from_path (const char    *path,
                           HsChartFormat *format)
{
  const char *dot = strrchr (path, '.');

  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = HS_CHART_FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = HS_CHART_FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = HS_CHART_FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}

static gboolean
parse_int (const char  *text,
           const char **end,
           gint64      *value)
{
  char *stop;

  if (!g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  *value = g_ascii_strtoll (text, &stop, 10);
  if (errno != 0)
    return FALSE;
  *end = stop;
  return TRUE;
}

/* "1920x1080" */
gboolean
hs_chart_parse_size (const char  *text,
                     int         *width,
                     int         *height,
                     GError     **error)
{
  const char *p = text;
  gint64 w, h;

  if (!parse_int (p, &p, &w) || (*p != 'x' && *p != 'X') || !parse_int (p + 1, &p, &h) || *p != '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("bad size “%s”: expected WIDTHxHEIGHT in pixels, such as 1600x900"), text);
      return FALSE;
    }

  if (w < HS_CHART_EXPORT_MIN_SIZE || h < HS_CHART_EXPORT_MIN_SIZE ||
      w > HS_CHART_EXPORT_MAX_SIZE || h > HS_CHART_EXPORT_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("bad size “%s”: width and height must be between %d and %d pixels"),
                   text, HS_CHART_EXPORT_MIN_SIZE, HS_CHART_EXPORT_MAX_SIZE);
      return FALSE;
    }

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

/* Seconds, with an optional unit: "90", "1.5s", "250ms", "2m", "1h". */
static gboolean
parse_time (const char *text,
            gsize       len,
            double     *seconds)
{
  g_autofree char *copy = g_strndup (text, len);
  char *unit;
  double v;

  g_strstrip (copy);
  if (copy[0] == '\0')
    return FALSE;

  errno = 0;
  v = g_ascii_strtod (copy, &unit);
  if (errno != 0 || unit == copy || !isfinite (v) || v < 0.0)
    return FALSE;

  if (*unit == '\0' || strcmp (unit, "s") == 0)
    *seconds = v;
  else if (strcmp (unit, "ms") == 0)
    *seconds = v / 1000.0;
  else if (strcmp (unit, "m") == 0 || strcmp (unit, "min") == 0)
    *seconds = v * 60.0;
  else if (strcmp (unit, "h") == 0)
    *seconds = v * 3600.0;
  else
    return FALSE;

  return TRUE;
}

/*
 * "T0:T1" in seconds since the start of the trace; either side may be left out for the
 * start or the end of the trace, which are then reported as NAN.
 */
gboolean
hs_chart_parse_range (const char  *text,
                      double      *start,
                      double      *end,
                      GError     **error)
{
  const char *colon = strchr (text, ':');

  *start = NAN;
  *end = NAN;

  if (colon == NULL || strchr (colon + 1, ':') != NULL ||
      (colon > text && !parse_time (text, colon - text, start)) ||
      (colon[1] != '\0' && !parse_time (colon + 1, strlen (colon + 1), end)) ||
      (!isnan (*start) && !isnan (*end) && !(*end > *start)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("bad range “%s”: expected START:END in seconds since the start, "
                     "START before END, such as 60:300 or 1m:5m"), text);
      return FALSE;
    }

  return TRUE;
}

/* "heap,pauses,cpu,scavenger", in any order and any subset. */
gboolean
hs_chart_parse_charts (const char  *text,
                       guint       *charts,
                       GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text, ",", -1);

  *charts = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      gboolean found = FALSE;

      g_strstrip (names[i]);
      for (guint k = 0; k < HS_N_CHARTS; k++)
        if (g_ascii_strcasecmp (names[i], hs_chart_kind_get_id (k)) == 0)
          {
            *charts |= HS_CHART_MASK (k);
            found = TRUE;
          }

      if (!found)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("unknown chart “%s”: choose from heap, pauses, cpu, scavenger"), names[i]);
          return FALSE;
        }
    }

  if (*charts == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("no chart named: choose from heap, pauses, cpu, scavenger"));
      return FALSE;
    }

  return TRUE;
}

static void
render_with_palette (HsChartRenderer            *renderer,
                     cairo_t                    *cr,
                     const HsChartRenderOptions *options,
                     int                         width,
                     int                         height,
                     gboolean                    dark)
{
  HsChartPalette saved = *hs_chart_renderer_get_palette (renderer);
  HsChartPalette palette;

  /* exports are the same whatever the desktop's style: opaque, light or dark as asked */
  hs_chart_palette_init (&palette, dark);
  hs_chart_renderer_set_palette (renderer, &palette);
  hs_chart_renderer_render (renderer, cr, width, height, options);
  hs_chart_renderer_set_palette (renderer, &saved);
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not write %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
hs_chart_export_to_file (HsChartRenderer            *renderer,
                         const HsChartRenderOptions *options,
                         HsChartFormat               format,
                         int                         width,
                         int                         height,
                         gboolean                    dark,
                         const char                 *path,
                         GError                    **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (HS_IS_CHART_RENDERER (renderer), FALSE);

  switch (format)
    {
    case HS_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      break;
    case HS_CHART_FORMAT_PDF:
      /* one pixel is one point: the page is as large as the picture */
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    case HS_CHART_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }

  if (!check_status (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  render_with_palette (renderer, cr, options, width, height, dark);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      if (format == HS_CHART_FORMAT_PNG)
        status = cairo_surface_write_to_png (surface, path);
      else
        {
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);

  return check_status (status, path, error);
}

static cairo_status_t
append_bytes_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* PNG bytes of the charts, for Copy Image. */
GBytes *
hs_chart_export_png_bytes (HsChartRenderer            *renderer,
                           const HsChartRenderOptions *options,
                           int                         width,
                           int                         height,
                           gboolean                    dark,
                           GError                    **error)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (HS_IS_CHART_RENDERER (renderer), NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  render_with_palette (renderer, cr, options, width, height, dark);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_bytes_cb, png);
  cairo_surface_destroy (surface);

  if (!check_status (status, "PNG", error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
