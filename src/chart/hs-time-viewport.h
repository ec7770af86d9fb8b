/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-time-viewport.h: the visible time range that every chart shares; gestures only change it. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define HS_TYPE_TIME_VIEWPORT (hs_time_viewport_get_type ())

G_DECLARE_FINAL_TYPE (HsTimeViewport, hs_time_viewport, HS, TIME_VIEWPORT, GObject)

HsTimeViewport *hs_time_viewport_new         (void);
double          hs_time_viewport_get_start   (HsTimeViewport *self);
double          hs_time_viewport_get_end     (HsTimeViewport *self);
double          hs_time_viewport_get_lower   (HsTimeViewport *self);
double          hs_time_viewport_get_upper   (HsTimeViewport *self);
gboolean        hs_time_viewport_is_whole    (HsTimeViewport *self);
void            hs_time_viewport_set_limits  (HsTimeViewport *self,
                                              double          lower,
                                              double          upper);
void            hs_time_viewport_set_range   (HsTimeViewport *self,
                                              double          start,
                                              double          end);
void            hs_time_viewport_zoom        (HsTimeViewport *self,
                                              double          factor,
                                              double          anchor);
void            hs_time_viewport_pan         (HsTimeViewport *self,
                                              double          seconds);
void            hs_time_viewport_reset       (HsTimeViewport *self);

G_END_DECLS
