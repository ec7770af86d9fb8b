/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-poll-source.c: one tab's watch on a running program, sampled from /proc or polled over HTTP. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-poll-source.h"
#include "trace/hs-expvar-source.h"
#include "trace/hs-metrics-source.h"
#include "trace/hs-proc-sampler.h"

struct _HsPollSource
{
  GObject           parent_instance;

  HsPollSourceKind  kind;
  HsTrace          *trace;
  HsProcSampler    *sampler;    /* HS_POLL_SOURCE_PROCESS */
  HsHttpSource     *http;       /* HS_POLL_SOURCE_EXPVAR, HS_POLL_SOURCE_METRICS */
  char             *name;       /* what the tab is called: "server (pid 1234)", "localhost:6060" */
  char             *detail;     /* the process ID or the URL, as a session file records it */
  GDateTime        *ended_at;   /* when sampling stopped on its own (the process exited) */
  gboolean          stopped;    /* stopped by the person */
};

G_DEFINE_FINAL_TYPE (HsPollSource, hs_poll_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hs_poll_source_dispose (GObject *object)
{
  HsPollSource *self = (HsPollSource *) object;

  if (self->sampler != NULL)
    g_signal_handlers_disconnect_by_data (self->sampler, self);
  if (self->http != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->http, self);
      hs_http_source_stop (self->http);   /* cancels a GET in flight */
    }
  g_clear_object (&self->sampler);     /* its dispose removes its timer */
  g_clear_object (&self->http);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_poll_source_parent_class)->dispose (object);
}

static void
hs_poll_source_finalize (GObject *object)
{
  HsPollSource *self = (HsPollSource *) object;

  g_free (self->name);
  g_free (self->detail);
  g_clear_pointer (&self->ended_at, g_date_time_unref);

  G_OBJECT_CLASS (hs_poll_source_parent_class)->finalize (object);
}

static void
hs_poll_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsPollSource *self = HS_POLL_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, hs_poll_source_get_active (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_poll_source_class_init (HsPollSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_poll_source_dispose;
  object_class->finalize = hs_poll_source_finalize;
  object_class->get_property = hs_poll_source_get_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* something the tab says about the source changed: an error came or went, cycles went missing */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_poll_source_init (HsPollSource *self)
{
}

static void
running_changed_cb (HsPollSource *self)
{
  if (self->sampler != NULL && !hs_proc_sampler_get_running (self->sampler) &&
      hs_proc_sampler_get_error (self->sampler) != NULL && self->ended_at == NULL)
    self->ended_at = g_date_time_new_now_local ();

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
changed_cb (HsPollSource *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/*
 * The program @pid runs: the base name of its argv[0] (/proc/PID/cmdline) when it extends
 * its command name, which the kernel cuts to 15 bytes ("hold-and-releas"); else the command
 * name (a process that rewrote its arguments, setproctitle style). NULL when it is gone.
 */
static char *
read_process_name (GPid pid)
{
  g_autofree char *comm_path = g_strdup_printf ("/proc/%d/comm", (int) pid);
  g_autofree char *cmdline_path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  g_autofree char *comm = NULL;
  g_autofree char *cmdline = NULL;
  gsize len = 0;

  if (!g_file_get_contents (comm_path, &comm, NULL, NULL))
    return NULL;
  g_strstrip (comm);

  /* argv[0] ends at the first NUL; a kernel thread has an empty cmdline */
  if (g_file_get_contents (cmdline_path, &cmdline, &len, NULL) && len > 0 && cmdline[0] != '\0')
    {
      g_autofree char *base = g_path_get_basename (cmdline);

      if (g_str_has_prefix (base, comm) && g_utf8_validate (base, -1, NULL))
        return g_steal_pointer (&base);
    }

  return g_steal_pointer (&comm);
}

/* What a tab watching process @pid is called: "server (pid 1234)". */
char *
hs_poll_source_name_for_pid (GPid pid)
{
  g_autofree char *comm = read_process_name (pid);

  /* TRANSLATORS: a process watched: its command name and process ID, "server (pid 1234)" */
  return comm != NULL ? g_strdup_printf (_("%s (pid %d)"), comm, (int) pid)
                      : g_strdup_printf (_("Process %d"), (int) pid);
}

/*
 * Watches process @pid: samples are placed on an axis counting from the process start,
 * which is where the @T of its gctrace lines counts from too.
 */
HsPollSource *
hs_poll_source_new_for_pid (HsTrace  *trace,
                            GPid      pid,
                            GError  **error)
{
  g_autoptr(HsPollSource) self = NULL;
  g_autoptr(HsProcSampler) sampler = NULL;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  sampler = hs_proc_sampler_new_for_pid (trace, pid, error);
  if (sampler == NULL)
    return NULL;

  self = g_object_new (HS_TYPE_POLL_SOURCE, NULL);
  self->kind = HS_POLL_SOURCE_PROCESS;
  self->trace = g_object_ref (trace);
  self->sampler = g_steal_pointer (&sampler);
  self->detail = g_strdup_printf ("%d", (int) pid);
  self->name = hs_poll_source_name_for_pid (pid);

  g_signal_connect_object (self->sampler, "notify::running", G_CALLBACK (running_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sampler, "notify::error", G_CALLBACK (changed_cb), self,
                           G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

/* What a tab polling @url is called: its host and port, the path when it is not the usual one. */
char *
hs_poll_source_name_for_url (HsPollSourceKind  kind,
                             const char       *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *usual = kind == HS_POLL_SOURCE_METRICS ? "/metrics" : "/debug/vars";
  const char *path;
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (url);

  port = g_uri_get_port (uri);
  path = g_uri_get_path (uri);
  if (path != NULL && *path != '\0' && strcmp (path, usual) != 0 && strcmp (path, "/") != 0)
    return port > 0 ? g_strdup_printf ("%s:%d%s", g_uri_get_host (uri), port, path)
                    : g_strdup_printf ("%s%s", g_uri_get_host (uri), path);

  return port > 0 ? g_strdup_printf ("%s:%d", g_uri_get_host (uri), port)
                  : g_strdup (g_uri_get_host (uri));
}

HsPollSource *
hs_poll_source_new_for_url (HsTrace           *trace,
                            HsPollSourceKind   kind,
                            const char        *url,
                            GError           **error)
{
  g_autoptr(HsPollSource) self = NULL;
  HsHttpSource *http;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (kind == HS_POLL_SOURCE_EXPVAR || kind == HS_POLL_SOURCE_METRICS, NULL);

  if (kind == HS_POLL_SOURCE_EXPVAR)
    http = (HsHttpSource *) hs_expvar_source_new (trace, url, error);
  else
    http = (HsHttpSource *) hs_metrics_source_new (trace, url, error);
  if (http == NULL)
    return NULL;

  self = g_object_new (HS_TYPE_POLL_SOURCE, NULL);
  self->kind = kind;
  self->trace = g_object_ref (trace);
  self->http = http;
  self->detail = g_strdup (url);
  self->name = hs_poll_source_name_for_url (kind, url);

  g_signal_connect_object (http, "notify::running", G_CALLBACK (running_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (http, "notify::error", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (http, "notify::lost-cycles", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);

  return g_steal_pointer (&self);
}

/*
 * What a person typed in Connect…: a number is a process ID, a URL whose path says metrics
 * is a Prometheus endpoint, any other URL an expvar one (a Go server's usual /debug/vars).
 */
HsPollSourceKind
hs_poll_source_guess_kind (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *path;
  const char *p;

  if (text == NULL)
    return HS_POLL_SOURCE_EXPVAR;

  while (g_ascii_isspace (*text))
    text++;
  for (p = text; g_ascii_isdigit (*p); p++)
    ;
  if (p != text && (*p == '\0' || g_ascii_isspace (*p)))
    return HS_POLL_SOURCE_PROCESS;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  path = uri != NULL ? g_uri_get_path (uri) : NULL;
  if (path != NULL && strstr (path, "metrics") != NULL)
    return HS_POLL_SOURCE_METRICS;

  return HS_POLL_SOURCE_EXPVAR;
}

HsPollSourceKind
hs_poll_source_get_kind (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), HS_POLL_SOURCE_PROCESS);

  return self->kind;
}

const char *
hs_poll_source_get_name (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  return self->name;
}

/* The process ID or the URL. */
const char *
hs_poll_source_get_detail (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  return self->detail;
}

/* The source kind as docs/session-format.md names it. */
const char *
hs_poll_source_get_session_kind (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  switch (self->kind)
    {
    case HS_POLL_SOURCE_PROCESS:
      return "pid";
    case HS_POLL_SOURCE_EXPVAR:
      return "expvar";
    case HS_POLL_SOURCE_METRICS:
      return "metrics";
    default:
      g_assert_not_reached ();
    }
}

GPid
hs_poll_source_get_pid (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), 0);

  return self->sampler != NULL ? hs_proc_sampler_get_pid (self->sampler) : 0;
}

gboolean
hs_poll_source_get_active (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), FALSE);

  if (self->sampler != NULL)
    return hs_proc_sampler_get_running (self->sampler);

  return hs_http_source_get_running (self->http);
}

guint
hs_poll_source_get_interval (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), 0);

  if (self->sampler != NULL)
    return hs_proc_sampler_get_interval (self->sampler);

  return hs_http_source_get_interval (self->http);
}

void
hs_poll_source_set_interval (HsPollSource *self,
                             guint         interval_ms)
{
  g_return_if_fail (HS_IS_POLL_SOURCE (self));

  if (self->sampler != NULL)
    hs_proc_sampler_set_interval (self->sampler, interval_ms);
  else
    hs_http_source_set_interval (self->http, interval_ms);
}

/*
 * For a process whose log is read too: puts the samples on the log's axis by the log's
 * wall-clock prefixes. Without prefixes the process start time stays the origin, which is
 * where gctrace's @T counts from. Call before starting: samples taken keep their times.
 */
gboolean
hs_poll_source_align_to_trace (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), FALSE);

  return self->sampler != NULL && hs_proc_sampler_align_to_trace (self->sampler);
}

void
hs_poll_source_start (HsPollSource *self)
{
  g_return_if_fail (HS_IS_POLL_SOURCE (self));

  self->stopped = FALSE;
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  if (self->sampler != NULL)
    hs_proc_sampler_start (self->sampler);
  else
    hs_http_source_start (self->http);
}

void
hs_poll_source_stop (HsPollSource *self)
{
  g_return_if_fail (HS_IS_POLL_SOURCE (self));

  self->stopped = TRUE;
  if (self->sampler != NULL)
    hs_proc_sampler_stop (self->sampler);
  else
    hs_http_source_stop (self->http);
}

static char *
format_interval (guint interval_ms)
{
  if (interval_ms % 1000 == 0)
    return g_strdup_printf (_("%u s"), interval_ms / 1000);
  if (interval_ms > 1000)
    return g_strdup_printf (_("%.1f s"), interval_ms / 1000.0);

  return g_strdup_printf (_("%u ms"), interval_ms);
}

/* The process exited (rather than became unreadable, or was stopped). */
gboolean
hs_poll_source_get_exited (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), FALSE);

  return self->sampler != NULL && self->ended_at != NULL &&
         g_error_matches (hs_proc_sampler_get_error (self->sampler), G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* The start of the source bar: what is watched, how, and whether it still is. */
char *
hs_poll_source_describe_status (HsPollSource *self)
{
  guint n_samples;
  g_autofree char *every = NULL;

  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  n_samples = hs_trace_get_n_samples (self->trace);
  every = format_interval (hs_poll_source_get_interval (self));

  if (self->sampler != NULL)
    {
      if (hs_proc_sampler_get_running (self->sampler))
        /* TRANSLATORS: "Sampling server (pid 1234) every 250 ms · 40 samples" */
        return g_strdup_printf (ngettext ("Sampling %s every %s · %u sample",
                                          "Sampling %s every %s · %u samples", n_samples),
                                self->name, every, n_samples);
      if (hs_poll_source_get_exited (self))
        return g_strdup_printf (ngettext ("%s exited · %u sample", "%s exited · %u samples", n_samples),
                                self->name, n_samples);

      return g_strdup_printf (ngettext ("%s · sampling stopped · %u sample",
                                        "%s · sampling stopped · %u samples", n_samples),
                              self->name, n_samples);
    }

  if (hs_http_source_get_running (self->http))
    {
      if (hs_http_source_get_error (self->http) != NULL)
        {
          g_autofree char *retry = format_interval (hs_http_source_get_retry_delay (self->http));

          /* TRANSLATORS: "Polling http://…/debug/vars · not answering, next try in 4 s · 40 samples" */
          return g_strdup_printf (ngettext ("Polling %s · not answering, next try in %s · %u sample",
                                            "Polling %s · not answering, next try in %s · %u samples",
                                            n_samples),
                                  self->detail, retry, n_samples);
        }

      return g_strdup_printf (ngettext ("Polling %s every %s · %u sample",
                                        "Polling %s every %s · %u samples", n_samples),
                              self->detail, every, n_samples);
    }

  return g_strdup_printf (ngettext ("%s · polling stopped · %u sample",
                                    "%s · polling stopped · %u samples", n_samples),
                          self->detail, n_samples);
}

/*
 * What went wrong, for a banner, or NULL when all is well. @ended: the source will not
 * come back by itself (the process exited or cannot be read); an endpoint that does not
 * answer is retried with back-off.
 */
char *
hs_poll_source_describe_problem (HsPollSource *self,
                                 gboolean     *ended)
{
  const GError *error;
  guint n_samples;

  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  *ended = FALSE;
  n_samples = hs_trace_get_n_samples (self->trace);

  if (self->sampler != NULL)
    {
      error = hs_proc_sampler_get_error (self->sampler);
      if (error == NULL)
        return NULL;

      *ended = TRUE;
      if (hs_poll_source_get_exited (self))
        {
          g_autofree char *when = g_date_time_format (self->ended_at, "%X");

          /* TRANSLATORS: "server (pid 1234) exited at 15:42:10. The 312 samples taken are kept." */
          return g_strdup_printf (ngettext ("%s exited at %s. The %u sample taken is kept.",
                                            "%s exited at %s. The %u samples taken are kept.",
                                            n_samples),
                                  self->name, when, n_samples);
        }

      return g_strdup_printf (ngettext ("Sampling %s stopped: %s. The %u sample taken is kept.",
                                        "Sampling %s stopped: %s. The %u samples taken are kept.",
                                        n_samples),
                              self->name, error->message, n_samples);
    }

  error = hs_http_source_get_error (self->http);
  if (error == NULL || !hs_http_source_get_running (self->http))
    return NULL;

  {
    g_autofree char *retry = format_interval (hs_http_source_get_retry_delay (self->http));

    /* TRANSLATORS: the error names the URL; "… Trying again in 4 s; the 40 samples polled are kept." */
    return g_strdup_printf (ngettext ("%s. Trying again in %s; the %u sample polled is kept.",
                                      "%s. Trying again in %s; the %u samples polled are kept.",
                                      n_samples),
                            error->message, retry, n_samples);
  }
}

/* GC cycles that happened between two polls and were lost, for a banner; NULL if none. */
char *
hs_poll_source_describe_lost (HsPollSource *self)
{
  g_return_val_if_fail (HS_IS_POLL_SOURCE (self), NULL);

  return self->http != NULL ? hs_http_source_describe_lost (self->http) : NULL;
}
