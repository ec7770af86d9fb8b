/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-http-source.c: GET on a timer with libsoup, time-outs, back-off, and the samples' time axis. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <libsoup/soup.h>

#include "hs-http-source-private.h"

#define NO_ORIGIN G_MININT64

typedef struct
{
  HsTrace      *trace;
  char         *url;
  GUri         *uri;
  guint         interval_ms;
  guint         timeout_ms;
  guint         max_backoff_ms;

  GMainContext *context;
  SoupSession  *session;
  GSource      *timer;          /* the next poll, or the current one's time-out */
  GCancellable *cancellable;    /* of the GET in flight; NULL when none */
  gboolean      running;
  gboolean      timed_out;
  guint         failures;       /* in a row */
  guint         retry_delay_ms;
  GError       *error;
  guint64       n_answers;
  guint64       lost_cycles;

  gint64        origin_us;      /* Unix µs that is 0 s on the trace's axis */
  gint64        run_origin_us;  /* Unix µs that is @T 0 of the current run's cycles */
  guint64       last_time_ms;   /* @T of the last cycle appended */
  gboolean      has_cycles;
} HsHttpSourcePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HsHttpSource, hs_http_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_URL,
  PROP_INTERVAL,
  PROP_TIMEOUT,
  PROP_MAX_BACKOFF,
  PROP_RUNNING,
  PROP_ERROR,
  PROP_N_ANSWERS,
  PROP_LOST_CYCLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_now (HsHttpSource *self);

static void
clear_timer (HsHttpSourcePrivate *priv)
{
  if (priv->timer != NULL)
    g_source_destroy (priv->timer);
  g_clear_pointer (&priv->timer, g_source_unref);
}

static void
hs_http_source_dispose (GObject *object)
{
  HsHttpSource *self = (HsHttpSource *) object;
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  clear_timer (priv);
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->session);
  g_clear_pointer (&priv->context, g_main_context_unref);
  g_clear_object (&priv->trace);

  G_OBJECT_CLASS (hs_http_source_parent_class)->dispose (object);
}

static void
hs_http_source_finalize (GObject *object)
{
  HsHttpSource *self = (HsHttpSource *) object;
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_clear_pointer (&priv->url, g_free);
  g_clear_pointer (&priv->uri, g_uri_unref);
  g_clear_error (&priv->error);

  G_OBJECT_CLASS (hs_http_source_parent_class)->finalize (object);
}

static void
hs_http_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsHttpSource *self = HS_HTTP_SOURCE (object);
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, priv->trace);
      break;
    case PROP_URL:
      g_value_set_string (value, priv->url);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, priv->interval_ms);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, priv->timeout_ms);
      break;
    case PROP_MAX_BACKOFF:
      g_value_set_uint (value, priv->max_backoff_ms);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, priv->running);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, priv->error);
      break;
    case PROP_N_ANSWERS:
      g_value_set_uint64 (value, priv->n_answers);
      break;
    case PROP_LOST_CYCLES:
      g_value_set_uint64 (value, priv->lost_cycles);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_http_source_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HsHttpSource *self = HS_HTTP_SOURCE (object);
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_TRACE:
      priv->trace = g_value_dup_object (value);
      break;
    case PROP_URL:
      priv->url = g_value_dup_string (value);
      priv->uri = g_uri_parse (priv->url, SOUP_HTTP_URI_FLAGS, NULL);
      break;
    case PROP_INTERVAL:
      hs_http_source_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      hs_http_source_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_BACKOFF:
      hs_http_source_set_max_backoff (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_http_source_class_init (HsHttpSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_http_source_dispose;
  object_class->finalize = hs_http_source_finalize;
  object_class->get_property = hs_http_source_get_property;
  object_class->set_property = hs_http_source_set_property;

  klass->accept = "*/*";

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, HS_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* ms between the end of one answer and the next GET */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 10, 3600000, HS_HTTP_SOURCE_DEFAULT_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* ms to wait for a whole answer */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 10, 3600000, HS_HTTP_SOURCE_DEFAULT_TIMEOUT_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the longest wait between retries after failures */
  properties[PROP_MAX_BACKOFF] =
    g_param_spec_uint ("max-backoff", NULL, NULL, 10, 3600000, HS_HTTP_SOURCE_DEFAULT_MAX_BACKOFF_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* why the last poll failed; NULL once one succeeds again */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANSWERS] =
    g_param_spec_uint64 ("n-answers", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* GC cycles that happened between two polls but were no longer in the answer */
  properties[PROP_LOST_CYCLES] =
    g_param_spec_uint64 ("lost-cycles", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_http_source_init (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  priv->interval_ms = HS_HTTP_SOURCE_DEFAULT_INTERVAL_MS;
  priv->timeout_ms = HS_HTTP_SOURCE_DEFAULT_TIMEOUT_MS;
  priv->max_backoff_ms = HS_HTTP_SOURCE_DEFAULT_MAX_BACKOFF_MS;
  priv->origin_us = NO_ORIGIN;
}

/* Only http and https URLs with a host: nothing else is contacted. */
gboolean
hs_http_source_check_url (const char  *url,
                          GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("No URL was given"));
      return FALSE;
    }

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an http:// or https:// URL"), url);
      return FALSE;
    }

  return TRUE;
}

HsTrace *
hs_http_source_get_trace (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), NULL);

  return priv->trace;
}

const char *
hs_http_source_get_url (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), NULL);

  return priv->url;
}

guint
hs_http_source_get_interval (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->interval_ms;
}

void
hs_http_source_set_interval (HsHttpSource *self,
                             guint         interval_ms)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_if_fail (HS_IS_HTTP_SOURCE (self));

  if (priv->interval_ms == interval_ms)
    return;

  /* the next poll keeps its time; the one after follows the new interval */
  priv->interval_ms = interval_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
hs_http_source_get_timeout (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->timeout_ms;
}

void
hs_http_source_set_timeout (HsHttpSource *self,
                            guint         timeout_ms)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_if_fail (HS_IS_HTTP_SOURCE (self));

  if (priv->timeout_ms == timeout_ms)
    return;

  priv->timeout_ms = timeout_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
hs_http_source_get_max_backoff (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->max_backoff_ms;
}

void
hs_http_source_set_max_backoff (HsHttpSource *self,
                                guint         max_backoff_ms)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_if_fail (HS_IS_HTTP_SOURCE (self));

  if (priv->max_backoff_ms == max_backoff_ms)
    return;

  priv->max_backoff_ms = max_backoff_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BACKOFF]);
}

gboolean
hs_http_source_get_running (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), FALSE);

  return priv->running;
}

const GError *
hs_http_source_get_error (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), NULL);

  return priv->error;
}

/* ms until the next try after the last failure; 0 while polls succeed */
guint
hs_http_source_get_retry_delay (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->failures > 0 ? priv->retry_delay_ms : 0;
}

guint64
hs_http_source_get_n_answers (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->n_answers;
}

guint64
hs_http_source_get_lost_cycles (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), 0);

  return priv->lost_cycles;
}

/* Unix µs that is 0 s on the trace's axis; G_MININT64 before the first answer */
gint64
hs_http_source_get_origin (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), NO_ORIGIN);

  return priv->origin_us;
}

/* What to tell the user about cycles missed between polls; NULL when none were. */
char *
hs_http_source_describe_lost (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_val_if_fail (HS_IS_HTTP_SOURCE (self), NULL);

  if (priv->lost_cycles == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%" PRIu64 " GC cycle is missing: more happened between two polls than the runtime remembers; poll more often.",
                                       "%" PRIu64 " GC cycles are missing: more happened between two polls than the runtime remembers; poll more often.",
                                       priv->lost_cycles),
                          priv->lost_cycles);
}

static void
set_error (HsHttpSource *self,
           GError       *error)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  if (error == NULL && priv->error == NULL)
    return;

  g_clear_error (&priv->error);
  priv->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
timer_cb (gpointer user_data)
{
  HsHttpSource *self = user_data;
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_clear_pointer (&priv->timer, g_source_unref);
  poll_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (HsHttpSource *self,
          guint         delay_ms)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  clear_timer (priv);
  priv->timer = g_timeout_source_new (delay_ms);
  g_source_set_static_name (priv->timer, "[heapscope] HTTP poll");
  g_source_set_callback (priv->timer, timer_cb, self, NULL);
  g_source_attach (priv->timer, priv->context);
}

static gboolean
timeout_cb (gpointer user_data)
{
  HsHttpSource *self = user_data;
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_clear_pointer (&priv->timer, g_source_unref);
  priv->timed_out = TRUE;
  g_cancellable_cancel (priv->cancellable);

  return G_SOURCE_REMOVE;
}

static void
poll_finished (HsHttpSource *self,
               GError       *error)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  if (error == NULL)
    {
      priv->failures = 0;
      priv->retry_delay_ms = 0;
      priv->n_answers++;
      set_error (self, NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERS]);
      schedule (self, priv->interval_ms);
      return;
    }

  /* exponential back-off: an endpoint that is down is not hammered, and is found again */
  priv->failures++;
  if (priv->failures == 1)
    priv->retry_delay_ms = priv->interval_ms;
  else
    priv->retry_delay_ms = (guint) MIN ((guint64) priv->retry_delay_ms * 2, (guint64) priv->max_backoff_ms);
  priv->retry_delay_ms = MIN (priv->retry_delay_ms, priv->max_backoff_ms);
  set_error (self, error);
  schedule (self, priv->retry_delay_ms);
}

static GError *
describe_failure (HsHttpSource *self,
                  GError       *error)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  if (priv->timed_out)
    return g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, _("No answer from %s within %.1f s"),
                        priv->url, priv->timeout_ms / 1000.0);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                        _("%s refused the connection: is the program running and listening there?"),
                        priv->url);

  return g_error_new (error->domain, error->code, _("Could not read %s: %s"), priv->url, error->message);
}

/* One GET in flight; a late answer to an earlier GET is told apart by its cancellable. */
typedef struct
{
  HsHttpSource *self;
  GCancellable *cancellable;
} PollData;

static void
poll_data_free (PollData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PollData, poll_data_free)

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PollData) data = user_data;
  HsHttpSource *self = data->self;
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 wall_us = g_get_real_time ();
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  /* stopped (or stopped and started again) while the GET was in flight: nothing to report */
  if (!priv->running || priv->cancellable != data->cancellable)
    return;

  clear_timer (priv);
  g_clear_object (&priv->cancellable);

  if (body == NULL)
    {
      poll_finished (self, describe_failure (self, error));
      return;
    }

  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (message);

      /* a redirect is an error too: only the URL the user gave is contacted */
      poll_finished (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("%s answered HTTP %u %s"),
                                        priv->url, status, reason != NULL ? reason : ""));
      return;
    }

  if (!HS_HTTP_SOURCE_GET_CLASS (self)->read_answer (self, body, wall_us, &error))
    {
      poll_finished (self, g_error_new (error->domain, error->code, _("The answer from %s is not usable: %s"),
                                        priv->url, error->message));
      return;
    }

  poll_finished (self, NULL);
}

static void
poll_now (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;
  PollData *data;

  g_return_if_fail (priv->cancellable == NULL);

  /* only a GET, only to this URL: no redirects, no proxy, no cookies */
  message = soup_message_new_from_uri (SOUP_METHOD_GET, priv->uri);
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", HS_HTTP_SOURCE_GET_CLASS (self)->accept);

  priv->timed_out = FALSE;
  priv->cancellable = g_cancellable_new ();
  clear_timer (priv);
  priv->timer = g_timeout_source_new (priv->timeout_ms);
  g_source_set_static_name (priv->timer, "[heapscope] HTTP time-out");
  g_source_set_callback (priv->timer, timeout_cb, self, NULL);
  g_source_attach (priv->timer, priv->context);

  data = g_new0 (PollData, 1);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (priv->cancellable);
  soup_session_send_and_read_async (priv->session, message, G_PRIORITY_DEFAULT, priv->cancellable,
                                    send_cb, data);
}

/*
 * Polls now and then every interval on the thread-default main context until stopped.
 * Failures set "error" and polling goes on with back-off; samples taken stay in the trace.
 */
void
hs_http_source_start (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_if_fail (HS_IS_HTTP_SOURCE (self));
  g_return_if_fail (priv->uri != NULL);

  if (priv->running)
    return;

  g_clear_pointer (&priv->context, g_main_context_unref);
  priv->context = g_main_context_ref_thread_default ();
  if (priv->session == NULL)
    {
      g_autofree char *agent = g_strdup_printf ("heapscope/%s", PACKAGE_VERSION);

      priv->session = soup_session_new_with_options ("user-agent", agent, "timeout", 0, NULL);
      soup_session_set_proxy_resolver (priv->session, NULL);
    }

  priv->running = TRUE;
  priv->failures = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  poll_now (self);
}

void
hs_http_source_stop (HsHttpSource *self)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  g_return_if_fail (HS_IS_HTTP_SOURCE (self));

  if (!priv->running)
    return;

  priv->running = FALSE;
  clear_timer (priv);
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* The first answer fixes the axis: @wall_time_us becomes 0 s unless it already was set. */
void
_hs_http_source_ensure_origin (HsHttpSource *self,
                               gint64        wall_time_us)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  if (priv->origin_us != NO_ORIGIN)
    return;

  priv->origin_us = wall_time_us;
  priv->run_origin_us = wall_time_us;
}

double
_hs_http_source_time (HsHttpSource *self,
                      gint64        wall_time_us)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  _hs_http_source_ensure_origin (self, wall_time_us);
  return (double) (wall_time_us - priv->origin_us) / G_USEC_PER_SEC;
}

/*
 * Appends cycles as the trace's own rows, flagged HS_GC_FLAG_SAMPLED. Their @T counts from
 * the run's origin, so that the trace's axis (run offset + @T) is Unix time − origin for
 * every run. @restarted: the program was restarted, these cycles start a new run.
 */
void
_hs_http_source_append_cycles (HsHttpSource         *self,
                               const HsSampledCycle *cycles,
                               guint                 n_cycles,
                               gboolean              restarted)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);
  g_autoptr(HsTraceStore) store = NULL;

  if (n_cycles == 0)
    return;

  _hs_http_source_ensure_origin (self, cycles[0].end_us);
  store = hs_trace_store_new ();

  if (restarted && priv->has_cycles)
    {
      guint64 row = 0;

      /* the trace starts the new run where the last one's last cycle ended */
      priv->run_origin_us += (gint64) priv->last_time_ms * 1000;
      g_array_append_val (store->run_starts, row);
    }

  for (guint i = 0; i < n_cycles; i++)
    {
      HsGcRecord record = { 0 };
      gint64 since = cycles[i].end_us - priv->run_origin_us;

      record.number = cycles[i].number;
      /* a server clock behind ours could put a cycle before the origin */
      record.time_ms = since > 0 ? (guint64) (since + 500) / 1000 : 0;
      /* the runtime sums both stop-the-world pauses in one figure */
      record.clock_us[HS_CLOCK_SWEEP_TERM] = (cycles[i].pause_ns + 500) / 1000;
      record.flags = HS_GC_FLAG_SAMPLED | cycles[i].flags;
      hs_trace_store_append_gc (store, &record, 0, cycles[i].end_us, 0);
      priv->last_time_ms = record.time_ms;
    }
  priv->has_cycles = TRUE;

  hs_trace_append_store (priv->trace, store, 0);
}

void
_hs_http_source_add_lost (HsHttpSource *self,
                          guint64       n_cycles)
{
  HsHttpSourcePrivate *priv = hs_http_source_get_instance_private (self);

  if (n_cycles == 0)
    return;

  priv->lost_cycles += n_cycles;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_CYCLES]);
}
