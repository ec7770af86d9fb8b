/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-live-source.c: reads a pipe, a growing file or a child's stderr into a trace as it comes. */

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hs-live-source.h"
#include "trace/hs-proc-sampler.h"
#include "trace/hs-trace-reader.h"

/* Small enough that one chunk parses in well under a frame on the main thread. */
#define READ_SIZE (64 * 1024)
/*
 * The file monitor reports a first change at once but rate-limits the ones after it (by
 * up to ~200 ms here), and some file systems have no inotify at all: a stat() this often
 * keeps a written line within 200 ms of showing, for a few syscalls a second.
 */
#define POLL_INTERVAL_MS 40
/* The file monitor coalesces changes to one event per this many ms. */
#define MONITOR_RATE_LIMIT_MS 50
/* How long a program gets to end after SIGTERM before it is killed. */
#define STOP_GRACE_MS 3000

struct _HsLiveSource
{
  GObject           parent_instance;

  HsLiveSourceKind  kind;
  HsTrace          *trace;
  HsTraceReader    *reader;
  HsSessionWriter  *recorder;      /* gets every chunk before the reader does */
  GInputStream     *stream;
  GCancellable     *cancellable;
  guint64           bytes_read;
  gboolean          active;
  gboolean          reading;
  gboolean          forward_stderr;

  /* following a file */
  GFile            *file;
  GFileMonitor     *monitor;
  guint             poll_id;
  guint64           offset;        /* in the file being read now */
  guint64           lines;         /* newlines before offset in that file */
  guint64           inode;
  guint64           device;
  gboolean          recheck;
  gboolean          switch_pending;
  gboolean          vanished;

  /* running a program */
  GStrv             argv;
  char             *cwd;
  GSubprocess      *subprocess;
  HsProcSampler    *sampler;       /* RES and VIRT of the program, on the trace's time axis */
  guint             sample_interval_ms;
  guint             kill_id;
  gboolean          exited;
  gboolean          stopped;
};

G_DEFINE_FINAL_TYPE (HsLiveSource, hs_live_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

enum {
  ENDED,
  NOTICE,
  EXITED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void read_next (HsLiveSource *self);
static void follow_check (HsLiveSource *self);

static void
set_active (HsLiveSource *self,
            gboolean      active)
{
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

static void
update_active (HsLiveSource *self)
{
  if (self->kind == HS_LIVE_SOURCE_PROGRAM)
    set_active (self, !self->exited || self->stream != NULL);
}

static void
hs_live_source_dispose (GObject *object)
{
  HsLiveSource *self = (HsLiveSource *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->subprocess != NULL && !self->exited)
    g_subprocess_force_exit (self->subprocess);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->kill_id, g_source_remove);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->stream);
  g_clear_object (&self->sampler);   /* its dispose removes its timer */
  g_clear_object (&self->subprocess);
  g_clear_object (&self->reader);
  g_clear_object (&self->recorder);
  g_clear_object (&self->trace);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (hs_live_source_parent_class)->dispose (object);
}

static void
hs_live_source_finalize (GObject *object)
{
  HsLiveSource *self = (HsLiveSource *) object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->argv, g_strfreev);
  g_clear_pointer (&self->cwd, g_free);

  G_OBJECT_CLASS (hs_live_source_parent_class)->finalize (object);
}

static void
hs_live_source_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HsLiveSource *self = HS_LIVE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_live_source_class_init (HsLiveSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_live_source_dispose;
  object_class->finalize = hs_live_source_finalize;
  object_class->get_property = hs_live_source_get_property;

  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The input ended: the writer closed the pipe (error NULL) or reading failed. */
  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Something happened to a followed file: an HsLiveNotice. */
  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* The program ended; see hs_live_source_describe_exit(). */
  signals[EXITED] = g_signal_new ("exited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_live_source_init (HsLiveSource *self)
{
  self->cancellable = g_cancellable_new ();
  self->sample_interval_ms = HS_PROC_SAMPLER_DEFAULT_INTERVAL_MS;
}

static HsLiveSource *
live_source_new (HsTrace          *trace,
                 HsLiveSourceKind  kind)
{
  HsLiveSource *self = g_object_new (HS_TYPE_LIVE_SOURCE, NULL);

  self->kind = kind;
  self->trace = g_object_ref (trace);
  self->reader = hs_trace_reader_new (trace);

  return self;
}

HsLiveSource *
hs_live_source_new_for_stream (HsTrace      *trace,
                               GInputStream *stream)
{
  HsLiveSource *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = live_source_new (trace, HS_LIVE_SOURCE_STREAM);
  self->stream = g_object_ref (stream);

  return self;
}

/* Reading starts at @offset, where the file loader stopped after @line_offset lines. */
HsLiveSource *
hs_live_source_new_for_file (HsTrace *trace,
                             GFile   *file,
                             guint64  offset,
                             guint64  line_offset)
{
  HsLiveSource *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = live_source_new (trace, HS_LIVE_SOURCE_FOLLOW);
  self->file = g_object_ref (file);
  self->offset = offset;
  self->lines = line_offset;
  hs_trace_reader_set_line_offset (self->reader, line_offset);

  return self;
}

HsLiveSource *
hs_live_source_new_for_program (HsTrace            *trace,
                                const char * const *argv,
                                const char         *cwd)
{
  HsLiveSource *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  self = live_source_new (trace, HS_LIVE_SOURCE_PROGRAM);
  self->argv = g_strdupv ((char **) argv);
  self->cwd = g_strdup (cwd);
  /* "forwarded unchanged when started from a terminal" */
  self->forward_stderr = isatty (STDERR_FILENO);

  return self;
}

/*
 * GODEBUG with gctrace=1 and scavtrace=1, keeping every other setting the user has. Their
 * own gctrace/scavtrace entries are dropped rather than left to compete with ours.
 */
char **
hs_live_source_build_environment (const char * const *envp)
{
  char **env = g_strdupv ((char **) envp);
  const char *old = g_environ_getenv (env, "GODEBUG");
  g_autoptr(GString) value = g_string_new (NULL);

  if (old != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (old, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (parts[i][0] == '\0' ||
              g_str_has_prefix (parts[i], "gctrace=") ||
              g_str_has_prefix (parts[i], "scavtrace="))
            continue;
          g_string_append (value, parts[i]);
          g_string_append_c (value, ',');
        }
    }
  g_string_append (value, "gctrace=1,scavtrace=1");

  return g_environ_setenv (env, "GODEBUG", value->str, TRUE);
}

static void
finish_stream (HsLiveSource *self,
               const GError *error)
{
  g_clear_object (&self->stream);
  hs_trace_reader_finish (self->reader);
  if (self->kind == HS_LIVE_SOURCE_PROGRAM)
    update_active (self);
  else
    set_active (self, FALSE);
  g_signal_emit (self, signals[ENDED], 0, error);
}

static void
switch_to_new_file (HsLiveSource *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;

  self->switch_pending = FALSE;
  in = g_file_read (self->file, NULL, &error);
  if (in == NULL)
    return;   /* gone again between the check and here: the next event tries again */

  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_UNIX_DEVICE,
                                         NULL, NULL);
  if (info != NULL)
    {
      self->inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
      self->device = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE);
    }

  g_set_object (&self->stream, G_INPUT_STREAM (in));
  self->offset = 0;
  self->lines = 0;
  self->vanished = FALSE;
  /* the new file's lines are its own: a fresh reader, numbering from 1 */
  hs_trace_reader_finish (self->reader);
  g_clear_object (&self->reader);
  self->reader = hs_trace_reader_new (self->trace);
  g_signal_emit (self, signals[NOTICE], 0, HS_LIVE_NOTICE_REPLACED);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HsLiveSource) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  self->reading = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (bytes == NULL)
    {
      finish_stream (self, error);
      return;
    }

  data = g_bytes_get_data (bytes, &len);

  if (len == 0)
    {
      if (self->kind != HS_LIVE_SOURCE_FOLLOW)
        {
          finish_stream (self, NULL);
          return;
        }

      /* a followed file waits at its end for the monitor to say it grew */
      if (self->switch_pending)
        {
          switch_to_new_file (self);
          self->recheck = TRUE;
        }
      if (self->recheck)
        {
          self->recheck = FALSE;
          follow_check (self);
        }
      return;
    }

  if (self->forward_stderr)
    {
      /* the program's stderr, unchanged, on the terminal heapscope was started from */
      gsize done = 0;

      while (done < len)
        {
          gssize n = write (STDERR_FILENO, data + done, len - done);

          if (n <= 0)
            break;
          done += (gsize) n;
        }
    }

  self->bytes_read += len;
  self->offset += len;
  for (const char *p = data, *end = data + len; (p = memchr (p, '\n', (gsize) (end - p))) != NULL; p++)
    self->lines++;
  if (self->recorder != NULL)
    hs_session_writer_add_lines (self->recorder, data, len);
  hs_trace_reader_feed (self->reader, data, len);

  read_next (self);
}

static void
read_next (HsLiveSource *self)
{
  if (self->stream == NULL || self->reading)
    return;

  self->reading = TRUE;
  g_input_stream_read_bytes_async (self->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   self->cancellable, read_cb, g_object_ref (self));
}

/* Decides what the followed file's path holds now: more lines, a truncation or a new file. */
static void
follow_check (HsLiveSource *self)
{
  g_autoptr(GFileInfo) info = NULL;
  guint64 size;

  if (self->reading)
    {
      self->recheck = TRUE;
      return;
    }

  info = g_file_query_info (self->file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_UNIX_DEVICE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL)
    {
      /* rotated away and not yet recreated: what the old file still gets is read */
      if (!self->vanished)
        {
          self->vanished = TRUE;
          g_signal_emit (self, signals[NOTICE], 0, HS_LIVE_NOTICE_VANISHED);
        }
      read_next (self);
      return;
    }

  if (self->stream == NULL ||
      g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE) != self->inode ||
      g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE) != self->device)
    {
      /* a new file at the path (rotation): finish the old one first, then switch */
      if (self->stream == NULL)
        {
          switch_to_new_file (self);
          read_next (self);
          return;
        }
      self->switch_pending = TRUE;
      read_next (self);
      return;
    }

  size = (guint64) g_file_info_get_size (info);
  if (size < self->offset)
    {
      /* truncated in place (copytruncate, > redirection): start again at its first line */
      if (!g_seekable_seek (G_SEEKABLE (self->stream), 0, G_SEEK_SET, NULL, NULL))
        return;
      self->offset = 0;
      self->lines = 0;
      hs_trace_reader_finish (self->reader);
      g_clear_object (&self->reader);
      self->reader = hs_trace_reader_new (self->trace);
      g_signal_emit (self, signals[NOTICE], 0, HS_LIVE_NOTICE_TRUNCATED);
    }

  if (size != self->offset)
    read_next (self);
}

static void
monitor_changed_cb (HsLiveSource      *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  follow_check (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  follow_check (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
start_follow (HsLiveSource  *self,
              GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;

  in = g_file_read (self->file, self->cancellable, error);
  if (in == NULL)
    return FALSE;

  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_UNIX_INODE "," G_FILE_ATTRIBUTE_UNIX_DEVICE,
                                         self->cancellable, error);
  if (info == NULL)
    return FALSE;
  self->inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
  self->device = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE);

  if (self->offset > 0 &&
      !g_seekable_seek (G_SEEKABLE (in), (goffset) self->offset, G_SEEK_SET, self->cancellable, error))
    return FALSE;

  self->stream = G_INPUT_STREAM (g_steal_pointer (&in));

  self->monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_NONE, self->cancellable, NULL);
  if (self->monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->monitor, MONITOR_RATE_LIMIT_MS);
      g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);

  set_active (self, TRUE);
  follow_check (self);

  return TRUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(HsLiveSource) self = user_data;

  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL))
    return;   /* only when cancelled: the source is being disposed */

  self->exited = TRUE;
  /* the process is gone: what was sampled stays, a read now would only fail */
  if (self->sampler != NULL)
    hs_proc_sampler_stop (self->sampler);
  g_clear_handle_id (&self->kill_id, g_source_remove);
  update_active (self);
  g_signal_emit (self, signals[EXITED], 0);
}

/* In the child, before exec: a viewer that dies takes the program it started with it. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/*
 * From the moment the program starts, what top shows for it is sampled on the same time
 * axis as its gctrace lines (whose @T counts from the process start, as the sampler does).
 */
static void
start_sampling (HsLiveSource *self)
{
  const char *id = g_subprocess_get_identifier (self->subprocess);
  GPid pid = id != NULL ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;

  if (pid <= 0)
    return;
  self->sampler = hs_proc_sampler_new_for_child (self->trace, pid);
  hs_proc_sampler_set_interval (self->sampler, self->sample_interval_ms);
  hs_proc_sampler_start (self->sampler);
}

static gboolean
start_program (HsLiveSource  *self,
               GError       **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) environ = g_get_environ ();
  g_auto(GStrv) env = hs_live_source_build_environment ((const char * const *) environ);

  /* stdout is inherited (the terminal, unchanged); stderr carries the trace */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_environ (launcher, env);
  if (self->cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, self->cwd);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  self->subprocess = g_subprocess_launcher_spawnv (launcher, (const char * const *) self->argv, error);
  if (self->subprocess == NULL)
    return FALSE;

  self->stream = g_object_ref (g_subprocess_get_stderr_pipe (self->subprocess));
  start_sampling (self);
  g_subprocess_wait_async (self->subprocess, self->cancellable, wait_cb, g_object_ref (self));
  set_active (self, TRUE);
  read_next (self);

  return TRUE;
}

/* Fails only for a file that cannot be opened or a program that cannot be started. */
gboolean
hs_live_source_start (HsLiveSource  *self,
                      GError       **error)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), FALSE);

  switch (self->kind)
    {
    case HS_LIVE_SOURCE_STREAM:
      set_active (self, TRUE);
      read_next (self);
      return TRUE;

    case HS_LIVE_SOURCE_FOLLOW:
      return start_follow (self, error);

    case HS_LIVE_SOURCE_PROGRAM:
      return start_program (self, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
kill_cb (gpointer user_data)
{
  HsLiveSource *self = user_data;

  self->kill_id = 0;
  if (self->subprocess != NULL && !self->exited)
    g_subprocess_force_exit (self->subprocess);

  return G_SOURCE_REMOVE;
}

/*
 * Stops reading. A program gets SIGTERM (and SIGKILL if it is still there a few seconds
 * later); its remaining stderr is still read, so its last lines are kept.
 */
void
hs_live_source_stop (HsLiveSource *self)
{
  g_return_if_fail (HS_IS_LIVE_SOURCE (self));

  if (!self->active)
    return;

  if (self->kind == HS_LIVE_SOURCE_PROGRAM)
    {
      if (self->subprocess != NULL && !self->exited && !self->stopped)
        {
          self->stopped = TRUE;
          g_subprocess_send_signal (self->subprocess, SIGTERM);
          self->kill_id = g_timeout_add (STOP_GRACE_MS, kill_cb, self);
        }
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->monitor != NULL)
    g_file_monitor_cancel (self->monitor);
  self->reading = FALSE;
  g_clear_object (&self->stream);
  hs_trace_reader_finish (self->reader);
  set_active (self, FALSE);
}

HsLiveSourceKind
hs_live_source_get_kind (HsLiveSource *self)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), HS_LIVE_SOURCE_STREAM);

  return self->kind;
}

/*
 * Hands every chunk read from now on to @recorder (a session being recorded), exactly as
 * read and before the trace's reader gets it; NULL stops that.
 */
void
hs_live_source_set_recorder (HsLiveSource    *self,
                             HsSessionWriter *recorder)
{
  g_return_if_fail (HS_IS_LIVE_SOURCE (self));
  g_return_if_fail (recorder == NULL || HS_IS_SESSION_WRITER (recorder));

  g_set_object (&self->recorder, recorder);
}

gboolean
hs_live_source_get_active (HsLiveSource *self)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), FALSE);

  return self->active;
}

guint64
hs_live_source_get_bytes_read (HsLiveSource *self)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), 0);

  return self->bytes_read;
}

/* Where a followed file was read up to, in the file at its path now… */
guint64
hs_live_source_get_offset (HsLiveSource *self)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), 0);

  return self->offset;
}

/* …and how many lines come before that point. */
guint64
hs_live_source_get_lines (HsLiveSource *self)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), 0);

  return self->lines;
}

GPid
hs_live_source_get_pid (HsLiveSource *self)
{
  const char *id;

  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), 0);

  if (self->subprocess == NULL || self->exited)
    return 0;
  id = g_subprocess_get_identifier (self->subprocess);

  return id != NULL ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

/* "exited with status 2", "was stopped", "killed by signal 9 (Killed)"; NULL while it runs. */
char *
hs_live_source_describe_exit (HsLiveSource *self,
                              gboolean     *failed)
{
  g_return_val_if_fail (HS_IS_LIVE_SOURCE (self), NULL);

  *failed = FALSE;
  if (self->subprocess == NULL || !self->exited)
    return NULL;

  if (g_subprocess_get_if_exited (self->subprocess))
    {
      int status = g_subprocess_get_exit_status (self->subprocess);

      *failed = status != 0;
      if (status == 0)
        return g_strdup (_("exited normally (status 0)"));
      return g_strdup_printf (_("exited with status %d"), status);
    }

  if (g_subprocess_get_if_signaled (self->subprocess))
    {
      int sig = g_subprocess_get_term_sig (self->subprocess);

      if (self->stopped && (sig == SIGTERM || sig == SIGKILL))
        return g_strdup (_("was stopped"));
      *failed = TRUE;
      return g_strdup_printf (_("was killed by signal %d (%s)"), sig, g_strsignal (sig));
    }

  *failed = TRUE;
  return g_strdup (_("ended"));
}

/* How often the memory of a program started here is sampled (by default every 250 ms). */
void
hs_live_source_set_sample_interval (HsLiveSource *self,
                                    guint         interval_ms)
{
  g_return_if_fail (HS_IS_LIVE_SOURCE (self));
  g_return_if_fail (interval_ms >= 10);

  self->sample_interval_ms = interval_ms;
  if (self->sampler != NULL)
    hs_proc_sampler_set_interval (self->sampler, interval_ms);
}
