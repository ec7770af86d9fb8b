/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-proc-sampler.c: reads /proc/PID/status and smaps_rollup on a timer into the trace's samples. */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hs-proc-sampler.h"

/* include/linux/sched.h */
#define PF_KTHREAD 0x00200000

struct _HsProcSampler
{
  GObject       parent_instance;

  HsTrace      *trace;
  GPid          pid;
  guint64       start_ticks;     /* /proc/PID/stat starttime: tells a reused PID apart */
  gint64        origin_wall_us;  /* Unix time of 0 s on the trace's axis */
  gint64        origin_mono_us;  /* the same instant on the monotonic clock */
  guint         interval_ms;

  GMainContext *context;
  GSource      *timer;
  GError       *error;
  guint         pss_field;
  guint         swap_field;
};

G_DEFINE_FINAL_TYPE (HsProcSampler, hs_proc_sampler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRACE,
  PROP_PID,
  PROP_INTERVAL,
  PROP_ORIGIN,
  PROP_RUNNING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hs_proc_sampler_dispose (GObject *object)
{
  HsProcSampler *self = (HsProcSampler *) object;

  if (self->timer != NULL)
    g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->trace);

  G_OBJECT_CLASS (hs_proc_sampler_parent_class)->dispose (object);
}

static void
hs_proc_sampler_finalize (GObject *object)
{
  HsProcSampler *self = (HsProcSampler *) object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (hs_proc_sampler_parent_class)->finalize (object);
}

static void
hs_proc_sampler_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HsProcSampler *self = HS_PROC_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      g_value_set_object (value, self->trace);
      break;
    case PROP_PID:
      g_value_set_int (value, self->pid);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_ORIGIN:
      g_value_set_int64 (value, self->origin_wall_us);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->timer != NULL);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_proc_sampler_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HsProcSampler *self = HS_PROC_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_TRACE:
      self->trace = g_value_dup_object (value);
      break;
    case PROP_PID:
      self->pid = g_value_get_int (value);
      break;
    case PROP_INTERVAL:
      hs_proc_sampler_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_ORIGIN:
      hs_proc_sampler_set_origin (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hs_proc_sampler_class_init (HsProcSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_proc_sampler_dispose;
  object_class->finalize = hs_proc_sampler_finalize;
  object_class->get_property = hs_proc_sampler_get_property;
  object_class->set_property = hs_proc_sampler_set_property;

  properties[PROP_TRACE] =
    g_param_spec_object ("trace", NULL, NULL, HS_TYPE_TRACE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PID] =
    g_param_spec_int ("pid", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* how often to sample, in ms */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 10, 3600000, HS_PROC_SAMPLER_DEFAULT_INTERVAL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Unix time in µs that is 0 s on the trace's axis */
  properties[PROP_ORIGIN] =
    g_param_spec_int64 ("origin", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* why sampling stopped; NULL while it goes on */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hs_proc_sampler_init (HsProcSampler *self)
{
  self->interval_ms = HS_PROC_SAMPLER_DEFAULT_INTERVAL_MS;
  self->origin_wall_us = g_get_real_time ();
  self->origin_mono_us = g_get_monotonic_time ();
}

/* Turns a failed read of /proc/PID/… into what the user should read. */
static void
set_read_error (GError **error,
                GPid     pid,
                int      saved_errno)
{
  if (saved_errno == EACCES || saved_errno == EPERM)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("No permission to read the memory of process %d (it belongs to another user)"),
                 (int) pid);
  else if (saved_errno == ENOENT || saved_errno == ESRCH)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("process %d exited"), (int) pid);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not read the memory of process %d: %s"), (int) pid,
                 g_strerror (saved_errno));
}

static char *
read_proc_file (GPid         pid,
                const char  *name,
                GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", (int) pid, name);
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      int saved_errno = ENOENT;

      if (local_error->code == G_FILE_ERROR_ACCES || local_error->code == G_FILE_ERROR_PERM)
        saved_errno = EACCES;
      else if (local_error->code != G_FILE_ERROR_NOENT)
        saved_errno = EIO;
      set_read_error (error, pid, saved_errno);
      return NULL;
    }

  return contents;
}

/* Reads field @field (counting from 1, as proc(5) does) of /proc/PID/stat as a number. */
static gboolean
read_stat_field (GPid      pid,
                 guint     field,
                 guint64  *value,
                 GError  **error)
{
  g_autofree char *stat = read_proc_file (pid, "stat", error);
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (stat == NULL)
    return FALSE;

  /* the command name in parentheses may hold spaces and ')' itself */
  after = strrchr (stat, ')');
  if (after != NULL)
    fields = g_strsplit (g_strstrip ((char *) after + 1), " ", 0);

  /* after ") " comes field 3 (state) */
  if (fields == NULL || g_strv_length (fields) < field - 2 ||
      !g_ascii_string_to_unsigned (fields[field - 3], 10, 0, G_MAXUINT64, value, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Could not read field %u of /proc/%d/stat"), field, (int) pid);
      return FALSE;
    }

  return TRUE;
}

/* starttime: clock ticks after boot */
static gboolean
read_start_ticks (GPid      pid,
                  guint64  *ticks,
                  GError  **error)
{
  return read_stat_field (pid, 22, ticks, error);
}

static gboolean
read_boot_time (gint64  *boot_s,
                GError **error)
{
  g_autofree char *stat = NULL;
  const char *line;
  guint64 value = 0;

  if (!g_file_get_contents ("/proc/stat", &stat, NULL, error))
    return FALSE;

  line = strstr (stat, "\nbtime ");
  if (line != NULL)
    {
      char *end = NULL;

      value = g_ascii_strtoull (line + strlen ("\nbtime "), &end, 10);
      if (end == line + strlen ("\nbtime ") || (*end != '\n' && *end != '\0'))
        line = NULL;
    }
  if (line == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Could not read the boot time from /proc/stat"));
      return FALSE;
    }

  *boot_s = (gint64) value;
  return TRUE;
}

/*
 * When a process started, as Unix time in µs: boot time plus /proc/PID/stat's starttime.
 * Its resolution is a clock tick (10 ms on most kernels).
 */
gboolean
hs_proc_read_start_time (GPid      pid,
                         gint64   *wall_time_us,
                         guint64  *start_ticks,
                         GError  **error)
{
  long ticks_per_s = sysconf (_SC_CLK_TCK);
  guint64 ticks;
  gint64 boot_s;

  if (!read_start_ticks (pid, &ticks, error) || !read_boot_time (&boot_s, error))
    return FALSE;

  if (ticks_per_s <= 0)
    ticks_per_s = 100;

  if (wall_time_us != NULL)
    *wall_time_us = boot_s * G_USEC_PER_SEC + (gint64) (ticks * G_USEC_PER_SEC / (guint64) ticks_per_s);
  if (start_ticks != NULL)
    *start_ticks = ticks;

  return TRUE;
}

static HsProcSampler *
proc_sampler_new (HsTrace *trace,
                  GPid     pid)
{
  return g_object_new (HS_TYPE_PROC_SAMPLER, "trace", trace, "pid", (int) pid, NULL);
}

/*
 * For a program Heapscope has just started: 0 s on the trace's axis is now, when the
 * sampler is made, which is where the program's gctrace @T starts too.
 */
HsProcSampler *
hs_proc_sampler_new_for_child (HsTrace *trace,
                               GPid     pid)
{
  HsProcSampler *self;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);
  g_return_val_if_fail (pid > 0, NULL);

  self = proc_sampler_new (trace, pid);
  /* a child that already exited is reported by the first sample */
  if (!read_start_ticks (pid, &self->start_ticks, NULL))
    self->start_ticks = 0;

  return self;
}

/*
 * For a process that already runs: 0 s on the trace's axis is when it started, from
 * /proc/PID/stat, as the @T of its gctrace lines counts.
 */
HsProcSampler *
hs_proc_sampler_new_for_pid (HsTrace  *trace,
                             GPid      pid,
                             GError  **error)
{
  g_autoptr(HsProcSampler) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 start_us;
  guint64 ticks;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  if (pid <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%d is not a process ID"), (int) pid);
      return NULL;
    }

  if (!hs_proc_read_start_time (pid, &start_us, &ticks, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no process %d"), (int) pid);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  self = proc_sampler_new (trace, pid);
  self->start_ticks = ticks;
  hs_proc_sampler_set_origin (self, start_us);

  return g_steal_pointer (&self);
}

HsTrace *
hs_proc_sampler_get_trace (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), NULL);

  return self->trace;
}

GPid
hs_proc_sampler_get_pid (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), 0);

  return self->pid;
}

guint
hs_proc_sampler_get_interval (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), 0);

  return self->interval_ms;
}

static gboolean timer_cb (gpointer user_data);

static void
schedule (HsProcSampler *self)
{
  if (self->timer != NULL)
    g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);

  self->timer = g_timeout_source_new (self->interval_ms);
  g_source_set_static_name (self->timer, "[heapscope] /proc sampler");
  g_source_set_callback (self->timer, timer_cb, self, NULL);
  g_source_attach (self->timer, self->context);
}

void
hs_proc_sampler_set_interval (HsProcSampler *self,
                              guint          interval_ms)
{
  g_return_if_fail (HS_IS_PROC_SAMPLER (self));
  g_return_if_fail (interval_ms >= 10);

  if (self->interval_ms == interval_ms)
    return;

  self->interval_ms = interval_ms;
  if (self->timer != NULL)
    schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gint64
hs_proc_sampler_get_origin (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), 0);

  return self->origin_wall_us;
}

/*
 * Places the samples on another axis: @wall_time_us becomes 0 s. The app uses it to align
 * the samples with a log whose prefixes carry wall-clock times.
 */
void
hs_proc_sampler_set_origin (HsProcSampler *self,
                            gint64         wall_time_us)
{
  g_return_if_fail (HS_IS_PROC_SAMPLER (self));

  if (self->origin_wall_us == wall_time_us)
    return;

  /* times are measured on the monotonic clock, so a wall-clock step does not bend them */
  self->origin_wall_us = wall_time_us;
  self->origin_mono_us = g_get_monotonic_time () - (g_get_real_time () - wall_time_us);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORIGIN]);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/*
 * For --pid with --follow LOG: when the log's prefixes carry wall-clock times, places the
 * samples on the log's axis by them (the median of wall time − axis time over the last
 * run's cycles, so one odd prefix does not move it) instead of by the process start time.
 * FALSE, and the origin unchanged, when the log has no wall-clock times.
 */
gboolean
hs_proc_sampler_align_to_trace (HsProcSampler *self)
{
  g_autoptr(GArray) offsets = NULL;
  const HsRun *run;
  guint n_runs;

  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), FALSE);

  n_runs = hs_trace_get_n_runs (self->trace);
  if (!hs_trace_has_wall_time (self->trace) || n_runs == 0)
    return FALSE;

  /* the process sampled is the one that wrote the last run */
  run = hs_trace_get_run (self->trace, n_runs - 1);
  offsets = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = run->first_cycle; i < run->first_cycle + run->n_cycles; i++)
    {
      gint64 wall = hs_trace_get_gc_wall_time_us (self->trace, i);
      gint64 offset;

      if (wall == 0)
        continue;
      offset = wall - (gint64) llround (hs_trace_get_gc_value (self->trace, HS_GC_FIELD_TIME, i) * G_USEC_PER_SEC);
      g_array_append_val (offsets, offset);
    }

  if (offsets->len == 0)
    return FALSE;

  g_array_sort (offsets, compare_gint64);
  hs_proc_sampler_set_origin (self, g_array_index (offsets, gint64, offsets->len / 2));

  return TRUE;
}

gboolean
hs_proc_sampler_get_running (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), FALSE);

  return self->timer != NULL;
}

const GError *
hs_proc_sampler_get_error (HsProcSampler *self)
{
  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), NULL);

  return self->error;
}

/* Reads "Key:   1234 kB" lines; FALSE when the key is absent. */
static gboolean
find_kib (const char *text,
          const char *key,
          double     *bytes)
{
  gsize key_len = strlen (key);
  const char *p = text;

  while (p != NULL && *p != '\0')
    {
      if (strncmp (p, key, key_len) == 0 && p[key_len] == ':')
        {
          char *end = NULL;
          guint64 kib = g_ascii_strtoull (p + key_len + 1, &end, 10);

          if (end == p + key_len + 1)
            return FALSE;
          *bytes = (double) kib * 1024.0;
          return TRUE;
        }
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }

  return FALSE;
}

static gboolean
is_zombie (const char *status)
{
  const char *state = strstr (status, "\nState:");

  if (state == NULL)
    return FALSE;
  state += strlen ("\nState:");
  while (*state == ' ' || *state == '\t')
    state++;

  return *state == 'Z' || *state == 'X';
}

/*
 * Takes one sample now and appends it to the trace. Returns FALSE with @error when the
 * process exited (or its PID now belongs to another process) or cannot be read.
 */
gboolean
hs_proc_sampler_sample (HsProcSampler  *self,
                        GError        **error)
{
  g_autoptr(HsSampleTable) batch = NULL;
  g_autofree char *status = NULL;
  g_autofree char *rollup = NULL;
  gint64 mono = g_get_monotonic_time ();
  gint64 wall = g_get_real_time ();
  double rss, anon, file, vm, value;
  guint64 ticks;
  guint row;

  g_return_val_if_fail (HS_IS_PROC_SAMPLER (self), FALSE);

  status = read_proc_file (self->pid, "status", error);
  if (status == NULL)
    return FALSE;

  /* a zombie has no memory left; a new start time means the PID was reused */
  if (is_zombie (status) ||
      (self->start_ticks != 0 &&
       (!read_start_ticks (self->pid, &ticks, NULL) || ticks != self->start_ticks)))
    {
      set_read_error (error, self->pid, ESRCH);
      return FALSE;
    }

  if (!find_kib (status, "VmRSS", &rss) || !find_kib (status, "VmSize", &vm))
    {
      guint64 flags = 0;

      /* no memory: a kernel thread (PF_KTHREAD), or a process in the middle of exiting */
      if (read_stat_field (self->pid, 9, &flags, NULL) && (flags & PF_KTHREAD) != 0)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Process %d is a kernel thread: it has no memory of its own to sample"), (int) self->pid);
      else
        set_read_error (error, self->pid, ESRCH);
      return FALSE;
    }

  batch = hs_sample_table_new ();
  row = hs_sample_table_append_row (batch, (double) (mono - self->origin_mono_us) / G_USEC_PER_SEC,
                                    wall, HS_SAMPLE_SOURCE_PROC);
  hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_RSS, rss);
  hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_VM_SIZE, vm);
  /* RssAnon and RssFile came with Linux 4.5 */
  if (find_kib (status, "RssAnon", &anon))
    hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_RSS_ANON, anon);
  if (find_kib (status, "RssFile", &file))
    hs_sample_table_set_value (batch, row, HS_SAMPLE_FIELD_RSS_FILE, file);

  /*
   * smaps_rollup needs ptrace access, which status does not: without it the sample keeps
   * the values top shows and lacks PSS and swap.
   */
  rollup = read_proc_file (self->pid, "smaps_rollup", NULL);
  if (rollup != NULL)
    {
      if (find_kib (rollup, "Pss", &value))
        hs_sample_table_set_value (batch, row, hs_sample_table_intern_field (batch, "pss"), value);
      if (find_kib (rollup, "Swap", &value))
        hs_sample_table_set_value (batch, row, hs_sample_table_intern_field (batch, "swap"), value);
    }

  hs_trace_append_samples (self->trace, batch);
  return TRUE;
}

static void
stop_with_error (HsProcSampler *self,
                 GError        *error)
{
  g_clear_error (&self->error);
  self->error = error;
  hs_proc_sampler_stop (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
timer_cb (gpointer user_data)
{
  HsProcSampler *self = user_data;
  GError *error = NULL;

  if (!hs_proc_sampler_sample (self, &error))
    {
      g_autoptr(HsProcSampler) hold = g_object_ref (self);

      stop_with_error (self, error);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/*
 * Samples now and then every interval on the thread-default main context, until stopped
 * or until the process cannot be read any more ("error" tells why; samples stay).
 */
void
hs_proc_sampler_start (HsProcSampler *self)
{
  GError *error = NULL;

  g_return_if_fail (HS_IS_PROC_SAMPLER (self));

  if (self->timer != NULL)
    return;

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  if (self->error != NULL)
    {
      g_clear_error (&self->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  if (!hs_proc_sampler_sample (self, &error))
    {
      stop_with_error (self, error);
      return;
    }

  schedule (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

void
hs_proc_sampler_stop (HsProcSampler *self)
{
  g_return_if_fail (HS_IS_PROC_SAMPLER (self));

  if (self->timer == NULL)
    return;

  g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}
