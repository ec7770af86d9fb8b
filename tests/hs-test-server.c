/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-test-server.c: a libsoup server on 127.0.0.1 that serves recorded Go answers and fails on purpose. */

#include "config.h"

#include <string.h>

#include "hs-test-server.h"

/* ---- the server: recorded answers that change with every request, and failing endpoints ---- */

GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "live", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
answer (SoupServerMessage *message,
        guint              status,
        const char        *type,
        const char        *body,
        gsize              len)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, len);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);

  server->n_requests++;
  if (strcmp (soup_server_message_get_method (message), "GET") != 0 || request_body->length != 0)
    server->only_get = FALSE;
  g_free (server->last_accept);
  server->last_accept = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                                "Accept"));
  g_free (server->last_path);
  server->last_path = g_strdup (path);

  if (strcmp (path, "/debug/vars") == 0 || strcmp (path, "/metrics") == 0)
    {
      GBytes *bytes = g_ptr_array_index (server->answers, MIN (server->next, server->answers->len - 1));
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);

      server->next++;
      answer (message, 200, strcmp (path, "/metrics") == 0 ? "text/plain; version=0.0.4" : "application/json",
              data, len);
    }
  else if (strcmp (path, "/slow") == 0)
    {
      /* never answers: the client's time-out must end the wait */
      soup_server_message_pause (message);
    }
  else if (strcmp (path, "/500") == 0)
    {
      answer (message, 500, "text/plain", "oops\n", 5);
    }
  else if (strcmp (path, "/html") == 0)
    {
      const char *html = "<!DOCTYPE html>\n<html><body>It works!</body></html>\n";

      answer (message, 200, "text/html", html, strlen (html));
    }
  else if (strcmp (path, "/no-memstats") == 0)
    {
      const char *json = "{\"cmdline\": [\"/srv/app\"], \"requests\": 12}\n";

      answer (message, 200, "application/json", json, strlen (json));
    }
  else if (strcmp (path, "/short-ring") == 0)
    {
      const char *json = "{\"memstats\": {\"HeapAlloc\": 1, \"NumGC\": 1, \"PauseNs\": [1], \"PauseEnd\": [2]}}";

      answer (message, 200, "application/json", json, strlen (json));
    }
  else if (strcmp (path, "/garbage") == 0)
    {
      const char *text = "hello world\n";

      answer (message, 200, "text/plain", text, strlen (text));
    }
  else if (strcmp (path, "/not-go") == 0)
    {
      const char *text = "# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12.5\n";

      answer (message, 200, "text/plain", text, strlen (text));
    }
  else if (strcmp (path, "/redirect") == 0)
    {
      soup_server_message_set_redirect (message, 302, "/debug/vars");
    }
  else
    {
      answer (message, 404, "text/plain", "not found\n", 10);
    }
}

void
server_listen (Server *server,
               guint   port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  GSList *uris;

  soup_server_listen (server->server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  g_assert_nonnull (uris);
  server->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

Server *
server_new (const char * const *answers)
{
  Server *server = g_new0 (Server, 1);

  server->server = soup_server_new (NULL, NULL);
  server->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  server->only_get = TRUE;
  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    g_ptr_array_add (server->answers, read_data (answers[i]));
  soup_server_add_handler (server->server, NULL, handler_cb, server, NULL);
  server_listen (server, 0);

  return server;
}

char *
server_url (Server     *server,
            const char *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", server->port, path);
}

void
server_free (Server *server)
{
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_ptr_array_unref (server->answers);
  g_free (server->last_accept);
  g_free (server->last_path);
  g_free (server);
}

/* ---- waiting on the main context ---- */

void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
source_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Stops and drops the source, and lets the cancelled GET finish, so nothing leaks. */
void
finish_source (HsHttpSource *source)
{
  gpointer weak = source;

  hs_http_source_stop (source);
  g_object_add_weak_pointer (G_OBJECT (source), &weak);
  g_object_unref (source);
  wait_until (source_gone, &weak);
}

typedef struct
{
  HsHttpSource *source;
  guint64       n_answers;
} StopAt;

/* Stops polling as soon as the wanted answer was read, so the test knows how many there were. */
static void
n_answers_cb (HsHttpSource *source,
              GParamSpec   *pspec,
              StopAt       *stop)
{
  if (hs_http_source_get_n_answers (source) == stop->n_answers)
    hs_http_source_stop (source);
}

static gboolean
is_stopped (gpointer data)
{
  return !hs_http_source_get_running (data);
}

void
run_until_answers (HsHttpSource *source,
                   guint64       n_answers)
{
  StopAt stop = { source, n_answers };
  gulong id = g_signal_connect (source, "notify::n-answers", G_CALLBACK (n_answers_cb), &stop);

  hs_http_source_start (source);
  wait_until (is_stopped, source);
  g_signal_handler_disconnect (source, id);
  g_assert_cmpuint (hs_http_source_get_n_answers (source), ==, n_answers);
}

