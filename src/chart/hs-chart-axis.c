/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-chart-axis.c: clean tick values and unit scaling for the charts' axes. */

#include "config.h"

#include <math.h>

#include "hs-chart-axis.h"

/* The smallest "clean" step (1, 2, 2.5 or 5 times a power of ten) at least @raw. */
static double
nice_step (double raw)
{
  static const double mantissas[] = { 1.0, 2.0, 2.5, 5.0, 10.0 };
  double power;

  if (!(raw > 0.0) || !isfinite (raw))
    return 1.0;

  power = pow (10.0, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (mantissas); i++)
    {
      /* a little slack so that 0.3 / 0.1 does not round up to the next mantissa */
      if (mantissas[i] * power >= raw * (1.0 - 1e-9))
        return mantissas[i] * power;
    }

  return 10.0 * power;
}

static int
decimals_for_step (double step)
{
  int decimals = 0;

  /* 2.5 needs one digit, 0.25 two: count until the step is a whole number */
  while (decimals < 6 && fabs (step - round (step)) > step * 1e-6)
    {
      step *= 10.0;
      decimals++;
    }

  return decimals;
}

static void
pick_unit (HsChartUnit  unit,
           double       max_value,
           double      *scale,
           const char **name)
{
  switch (unit)
    {
    case HS_CHART_UNIT_BYTES:
      {
        static const char * const names[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
        guint i = 0;

        *scale = 1.0;
        while (i + 1 < G_N_ELEMENTS (names) && max_value >= *scale * 1024.0)
          {
            *scale *= 1024.0;
            i++;
          }
        *name = names[i];
      }
      break;

    case HS_CHART_UNIT_MS:
      if (max_value < 1.0)
        {
          *scale = 0.001;
          *name = "µs";
        }
      else if (max_value < 1000.0)
        {
          *scale = 1.0;
          *name = "ms";
        }
      else
        {
          *scale = 1000.0;
          *name = "s";
        }
      break;

    case HS_CHART_UNIT_PERCENT:
    default:
      *scale = 1.0;
      *name = "%";
      break;
    }
}

/*
 * An axis from 0 to at least @max_value with at most @max_ticks + 1 clean ticks, in the
 * unit that keeps the numbers short.
 */
void
hs_value_axis_init (HsValueAxis *axis,
                    HsChartUnit  unit,
                    double       max_value,
                    guint        max_ticks)
{
  double top;

  g_return_if_fail (axis != NULL);

  if (!(max_value > 0.0) || !isfinite (max_value))
    {
      /* nothing to show: one unit of the smallest sensible kind */
      max_value = unit == HS_CHART_UNIT_BYTES ? 1048576.0 :
                  unit == HS_CHART_UNIT_MS ? 1.0 : 100.0;
    }

  max_ticks = CLAMP (max_ticks, 1, HS_CHART_MAX_TICKS - 1);
  pick_unit (unit, max_value, &axis->scale, &axis->unit);

  top = max_value / axis->scale;
  axis->step = nice_step (top / max_ticks);
  axis->n_ticks = (guint) ceil (top / axis->step - 1e-9) + 1;
  if (axis->n_ticks > HS_CHART_MAX_TICKS)
    axis->n_ticks = HS_CHART_MAX_TICKS;
  axis->max = axis->step * (axis->n_ticks - 1) * axis->scale;
  axis->decimals = decimals_for_step (axis->step);
  axis->step *= axis->scale;
}

/* "512 MiB", "1.5 GiB", "250 µs": the label of a tick, in the axis's unit. */
char *
hs_value_axis_format_tick (const HsValueAxis *axis,
                           double             value)
{
  double shown = value / axis->scale;

  if (fabs (shown) < 1e-12)
    shown = 0.0;

  return g_strdup_printf ("%.*f %s", axis->decimals, shown, axis->unit);
}

/* One value with three significant digits in its own best unit, for tooltips and legends. */
char *
hs_chart_format_value (HsChartUnit unit,
                       double      value)
{
  double scale;
  const char *name;
  double shown;
  int decimals;

  if (isnan (value))
    return g_strdup ("–");

  pick_unit (unit, fabs (value), &scale, &name);
  shown = value / scale;
  if (unit == HS_CHART_UNIT_BYTES && scale == 1.0)
    decimals = 0;
  else if (fabs (shown) >= 100.0 || shown == 0.0)
    decimals = 0;
  else if (fabs (shown) >= 10.0)
    decimals = 1;
  else
    decimals = 2;

  return g_strdup_printf ("%.*f %s", decimals, shown, name);
}

/* Clean time steps: sub-second powers, then seconds, minutes, hours and days. */
static double
nice_time_step (double raw)
{
  static const double steps[] = {
    1, 2, 5, 10, 15, 30,                            /* s */
    60, 120, 300, 600, 900, 1800,                   /* min */
    3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600,      /* h */
    86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400,
  };

  if (raw < 1.0)
    return MIN (nice_step (raw), 1.0);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] >= raw)
      return steps[i];

  return nice_step (raw / 86400.0) * 86400.0;
}

void
hs_time_axis_init (HsTimeAxis *axis,
                   double      start,
                   double      end,
                   guint       max_ticks)
{
  double span = end - start;

  g_return_if_fail (axis != NULL);

  max_ticks = MAX (max_ticks, 1);
  if (!(span > 0.0))
    span = 1.0;

  axis->step = nice_time_step (span / max_ticks);
  axis->first = ceil (start / axis->step - 1e-9) * axis->step;
  axis->n_ticks = 0;
  for (double t = axis->first; t <= end + axis->step * 1e-9; t += axis->step)
    {
      axis->n_ticks++;
      if (axis->n_ticks > 4 * max_ticks + 4)
        break;
    }
}

/*
 * Go's own duration style, which every reader of a gctrace knows: "250ms", "1.5s",
 * "2m30s", "1h5m". @step says how much precision the label needs.
 */
char *
hs_chart_format_duration (double seconds,
                          double step)
{
  GString *out;
  gint64 whole;

  if (fabs (seconds) < step * 1e-6)
    seconds = 0.0;

  if (seconds < 0.0)
    {
      g_autofree char *positive = hs_chart_format_duration (-seconds, step);

      return g_strconcat ("-", positive, NULL);
    }

  if (seconds == 0.0)
    return g_strdup ("0s");

  if (step < 1.0 && seconds < 1.0)
    {
      double ms = seconds * 1000.0;
      int decimals = decimals_for_step (step * 1000.0);

      return g_strdup_printf ("%.*fms", decimals, ms);
    }

  if (step < 1.0 || seconds < 60.0)
    return g_strdup_printf ("%.*fs", step < 1.0 ? decimals_for_step (step) : 0, seconds);

  whole = (gint64) llround (seconds);
  out = g_string_new (NULL);
  if (whole >= 86400)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "d", whole / 86400);
  if (whole >= 3600 && (whole % 86400) / 3600 != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "h", (whole % 86400) / 3600);
  if ((whole % 3600) / 60 != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "m", (whole % 3600) / 60);
  if (whole % 60 != 0)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "s", whole % 60);

  return g_string_free (out, FALSE);
}

/* Local time of day; seconds only when the ticks are closer than a minute. */
char *
hs_chart_format_wall_time (double unix_seconds,
                           double step)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local ((gint64) floor (unix_seconds));

  if (dt == NULL)
    return g_strdup ("–");

  if (step >= 86400.0)
    return g_date_time_format (dt, "%b %e");
  if (step >= 60.0)
    return g_date_time_format (dt, "%H:%M");
  if (step >= 1.0)
    return g_date_time_format (dt, "%H:%M:%S");

  {
    g_autofree char *hms = g_date_time_format (dt, "%H:%M:%S");

    return g_strdup_printf ("%s.%03d", hms, (int) ((unix_seconds - floor (unix_seconds)) * 1000.0));
  }
}
