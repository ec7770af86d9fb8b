/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-test-server.h: the HTTP server and main-loop helpers the live-source tests share. */
#pragma once

#include <libsoup/soup.h>

#include "trace/hs-http-source.h"

G_BEGIN_DECLS

/*
 * Paths: /debug/vars and /metrics serve the recorded answers in turn (the last one stays);
 * /slow never answers, /500 fails, /html, /no-memstats, /short-ring, /garbage and /not-go
 * answer what their names say, /redirect redirects to /debug/vars.
 */
typedef struct
{
  SoupServer *server;
  guint       port;
  GPtrArray  *answers;       /* GBytes */
  guint       next;
  guint       n_requests;
  gboolean    only_get;      /* every request was a GET without a body */
  char       *last_accept;
  char       *last_path;
} Server;

typedef gboolean (*Condition) (gpointer data);

GBytes  *read_data          (const char         *name);
Server  *server_new         (const char * const *answers);
void     server_listen      (Server             *server,
                             guint               port);
char    *server_url         (Server             *server,
                             const char         *path);
void     server_free        (Server             *server);
void     wait_until         (Condition           condition,
                             gpointer            data);
void     finish_source      (HsHttpSource       *source);
void     run_until_answers  (HsHttpSource       *source,
                             guint64             n_answers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

G_END_DECLS
