/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-http-source.h: the base of live sources that poll a Go program's memory statistics over HTTP. */
#pragma once

#include <gio/gio.h>

#include "hs-trace.h"

G_BEGIN_DECLS

#define HS_TYPE_HTTP_SOURCE (hs_http_source_get_type ())

G_DECLARE_DERIVABLE_TYPE (HsHttpSource, hs_http_source, HS, HTTP_SOURCE, GObject)

#define HS_HTTP_SOURCE_DEFAULT_INTERVAL_MS 1000
#define HS_HTTP_SOURCE_DEFAULT_TIMEOUT_MS 5000
#define HS_HTTP_SOURCE_DEFAULT_MAX_BACKOFF_MS 30000

struct _HsHttpSourceClass
{
  GObjectClass parent_class;

  const char *accept;   /* the Accept header of every GET */

  /*
   * Reads one answer taken at @wall_time_us (Unix µs, the client's clock) and appends its
   * samples and cycles to the trace; FALSE with @error when it is not what was expected.
   */
  gboolean (*read_answer) (HsHttpSource  *self,
                           GBytes        *body,
                           gint64         wall_time_us,
                           GError       **error);

  gpointer padding[4];
};

HsTrace      *hs_http_source_get_trace       (HsHttpSource  *self);
const char   *hs_http_source_get_url         (HsHttpSource  *self);
guint         hs_http_source_get_interval    (HsHttpSource  *self);
void          hs_http_source_set_interval    (HsHttpSource  *self,
                                              guint          interval_ms);
guint         hs_http_source_get_timeout     (HsHttpSource  *self);
void          hs_http_source_set_timeout     (HsHttpSource  *self,
                                              guint          timeout_ms);
guint         hs_http_source_get_max_backoff (HsHttpSource  *self);
void          hs_http_source_set_max_backoff (HsHttpSource  *self,
                                              guint          max_backoff_ms);
gboolean      hs_http_source_get_running     (HsHttpSource  *self);
const GError *hs_http_source_get_error       (HsHttpSource  *self);
guint         hs_http_source_get_retry_delay (HsHttpSource  *self);
guint64       hs_http_source_get_n_answers   (HsHttpSource  *self);
guint64       hs_http_source_get_lost_cycles (HsHttpSource  *self);
gint64        hs_http_source_get_origin      (HsHttpSource  *self);
char         *hs_http_source_describe_lost   (HsHttpSource  *self);

void          hs_http_source_start           (HsHttpSource  *self);
void          hs_http_source_stop            (HsHttpSource  *self);

gboolean      hs_http_source_check_url       (const char    *url,
                                              GError       **error);

G_END_DECLS
