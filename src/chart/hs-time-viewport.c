/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-time-viewport.c: the visible time range that every chart shares; gestures only change it. */

#include "config.h"

#include <math.h>

#include "hs-time-viewport.h"

/* Closer than a microsecond there is nothing left to see in a trace printed in µs. */
#define MIN_SPAN 1e-6

struct _HsTimeViewport
{
  GObject parent_instance;

  double  start;
  double  end;
  double  lower;
  double  upper;
};

G_DEFINE_FINAL_TYPE (HsTimeViewport, hs_time_viewport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_START,
  PROP_END,
  PROP_LOWER,
  PROP_UPPER,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hs_time_viewport_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HsTimeViewport *self = HS_TIME_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_double (value, self->start);
      break;
    case PROP_END:
      g_value_set_double (value, self->end);
      break;
    case PROP_LOWER:
      g_value_set_double (value, self->lower);
      break;
    case PROP_UPPER:
      g_value_set_double (value, self->upper);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_time_viewport_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HsTimeViewport *self = HS_TIME_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_START:
      hs_time_viewport_set_range (self, g_value_get_double (value), self->end);
      break;
    case PROP_END:
      hs_time_viewport_set_range (self, self->start, g_value_get_double (value));
      break;
    case PROP_LOWER:
      hs_time_viewport_set_limits (self, g_value_get_double (value), self->upper);
      break;
    case PROP_UPPER:
      hs_time_viewport_set_limits (self, self->lower, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_time_viewport_class_init (HsTimeViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = hs_time_viewport_get_property;
  object_class->set_property = hs_time_viewport_set_property;

  properties[PROP_START] =
    g_param_spec_double ("start", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_double ("end", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOWER] =
    g_param_spec_double ("lower", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER] =
    g_param_spec_double ("upper", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HsTimeViewport::changed:
   *
   * Emitted once after the range or the limits changed, however many properties did.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_time_viewport_init (HsTimeViewport *self)
{
  self->end = self->upper = 1.0;
}

HsTimeViewport *
hs_time_viewport_new (void)
{
  return g_object_new (HS_TYPE_TIME_VIEWPORT, NULL);
}

double
hs_time_viewport_get_start (HsTimeViewport *self)
{
  g_return_val_if_fail (HS_IS_TIME_VIEWPORT (self), 0);
  return self->start;
}

double
hs_time_viewport_get_end (HsTimeViewport *self)
{
  g_return_val_if_fail (HS_IS_TIME_VIEWPORT (self), 0);
  return self->end;
}

double
hs_time_viewport_get_lower (HsTimeViewport *self)
{
  g_return_val_if_fail (HS_IS_TIME_VIEWPORT (self), 0);
  return self->lower;
}

double
hs_time_viewport_get_upper (HsTimeViewport *self)
{
  g_return_val_if_fail (HS_IS_TIME_VIEWPORT (self), 0);
  return self->upper;
}

/* TRUE when the whole trace is in view, so that a live trace keeps being followed. */
gboolean
hs_time_viewport_is_whole (HsTimeViewport *self)
{
  g_return_val_if_fail (HS_IS_TIME_VIEWPORT (self), FALSE);
  return self->start <= self->lower && self->end >= self->upper;
}

/* Applies a range kept inside the limits, its span kept when it has to move. */
static void
apply (HsTimeViewport *self,
       double          start,
       double          end,
       double          lower,
       double          upper)
{
  double span;
  gboolean changed = FALSE;

  if (!(upper > lower))
    upper = lower + 1.0;
  if (!isfinite (start) || !isfinite (end))
    return;

  span = CLAMP (end - start, MIN_SPAN, upper - lower);
  if (start < lower)
    start = lower;
  if (start + span > upper)
    start = upper - span;
  end = start + span;

  g_object_freeze_notify (G_OBJECT (self));
#define SET(field, prop) \
  if (self->field != field) \
    { \
      self->field = field; \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      changed = TRUE; \
    }
  SET (lower, PROP_LOWER);
  SET (upper, PROP_UPPER);
  SET (start, PROP_START);
  SET (end, PROP_END);
#undef SET
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

void
hs_time_viewport_set_limits (HsTimeViewport *self,
                             double          lower,
                             double          upper)
{
  g_return_if_fail (HS_IS_TIME_VIEWPORT (self));

  /* a view of everything grows with the trace */
  if (hs_time_viewport_is_whole (self))
    apply (self, lower, upper, lower, upper);
  else
    apply (self, self->start, self->end, lower, upper);
}

void
hs_time_viewport_set_range (HsTimeViewport *self,
                            double          start,
                            double          end)
{
  g_return_if_fail (HS_IS_TIME_VIEWPORT (self));

  if (end < start)
    {
      double t = start;

      start = end;
      end = t;
    }
  apply (self, start, end, self->lower, self->upper);
}

/* @factor < 1 zooms in; @anchor stays where it is on screen. */
void
hs_time_viewport_zoom (HsTimeViewport *self,
                       double          factor,
                       double          anchor)
{
  g_return_if_fail (HS_IS_TIME_VIEWPORT (self));
  g_return_if_fail (factor > 0);

  hs_time_viewport_set_range (self,
                              anchor - (anchor - self->start) * factor,
                              anchor + (self->end - anchor) * factor);
}

void
hs_time_viewport_pan (HsTimeViewport *self,
                      double          seconds)
{
  g_return_if_fail (HS_IS_TIME_VIEWPORT (self));
  hs_time_viewport_set_range (self, self->start + seconds, self->end + seconds);
}

void
hs_time_viewport_reset (HsTimeViewport *self)
{
  g_return_if_fail (HS_IS_TIME_VIEWPORT (self));
  apply (self, self->lower, self->upper, self->lower, self->upper);
}
