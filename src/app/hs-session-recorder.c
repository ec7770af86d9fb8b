/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-session-recorder.c: records a live tab into a spool file and copies it out as a session. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hs-session-recorder.h"

/*
 * A live tab records from its start into a file under $XDG_CACHE_HOME/heapscope/sessions/,
 * through HsSessionWriter: memory does not grow with the session, and a crash leaves a
 * session that opens (cut short). The spool is only ever appended to, on the main thread;
 * saving copies the bytes written so far on a worker thread, through a file descriptor of
 * its own, and adds the end record, so the recording goes on while a copy is made.
 *
 * A followed file's loaded part was read by the loader, not by the live source: it is
 * taken from the followed file at save time, through a descriptor opened when following
 * started, so a log rotated away (renamed or deleted) still gives it; only a log truncated
 * in place (copytruncate) loses it, and saving then says so.
 */

#define COPY_SIZE (256u << 10)

struct _HsSessionRecorder
{
  GObject          parent_instance;

  HsSessionWriter *writer;
  GOutputStream   *stream;
  char            *spool_path;
  GFile           *spool;
  int              fd;            /* the spool, as written; owned by @stream */
  guint64          header_len;    /* header and source records: the prefix goes after them */
  int              prefix_fd;     /* the followed file, or -1 */
  guint64          prefix_len;
  gboolean         prefix_lost;   /* the followed file was truncated in place (copytruncate) */
};

G_DEFINE_FINAL_TYPE (HsSessionRecorder, hs_session_recorder, G_TYPE_OBJECT)

static void
hs_session_recorder_dispose (GObject *object)
{
  HsSessionRecorder *self = (HsSessionRecorder *) object;

  g_clear_object (&self->writer);
  /* a live source may still hold the writer: what it writes now fails quietly */
  if (self->stream != NULL)
    g_output_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->stream);
  if (self->spool_path != NULL)
    g_unlink (self->spool_path);
  g_clear_pointer (&self->spool_path, g_free);
  g_clear_object (&self->spool);
  if (self->prefix_fd >= 0)
    close (self->prefix_fd);
  self->prefix_fd = -1;

  G_OBJECT_CLASS (hs_session_recorder_parent_class)->dispose (object);
}

static void
hs_session_recorder_class_init (HsSessionRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hs_session_recorder_dispose;
}

static void
hs_session_recorder_init (HsSessionRecorder *self)
{
  self->fd = -1;
  self->prefix_fd = -1;
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", name, g_strerror (saved_errno));
}

/* A recording left behind is kept this long after its last write, to be copied by hand. */
#define STALE_SPOOL_AGE_S (24 * 60 * 60)

/* Whether a Heapscope holds @path's lock (flock is dropped by the kernel when it dies). */
static gboolean
spool_in_use (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean in_use;

  if (fd < 0)
    return FALSE;
  in_use = flock (fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);   /* releases the lock taken to look */

  return in_use;
}

/*
 * Spools of a Heapscope that did not close (it crashed, the machine went down) are no
 * longer locked: a day after their last write they go. A running Heapscope holds the lock
 * of each of its spools for as long as the tab records, however idle it is.
 */
void
hs_session_recorder_remove_stale_spools (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;
  gint64 now_s = g_get_real_time () / G_USEC_PER_SEC;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (!g_str_has_prefix (name, "session-") || !g_str_has_suffix (name, ".heapscope-session") ||
          g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (now_s - (gint64) st.st_mtime < STALE_SPOOL_AGE_S || spool_in_use (path))
        continue;
      g_unlink (path);
    }
}

HsSessionRecorder *
hs_session_recorder_new (HsTrace     *trace,
                         const char  *kind,
                         const char  *detail,
                         GError     **error)
{
  g_autoptr(HsSessionRecorder) self = g_object_new (HS_TYPE_SESSION_RECORDER, NULL);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "heapscope", "sessions", NULL);
  static gsize stale_checked = 0;
  off_t position;

  g_return_val_if_fail (HS_IS_TRACE (trace), NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, errno, dir);
      return NULL;
    }

  /* once per process, when its first recording starts */
  if (g_once_init_enter (&stale_checked))
    {
      hs_session_recorder_remove_stale_spools (dir);
      g_once_init_leave (&stale_checked, 1);
    }
  {
    /* named after this process, so a person can tell whose recording a spool is */
    g_autofree char *name = g_strdup_printf ("session-%d-XXXXXX.heapscope-session", (int) getpid ());

    self->spool_path = g_build_filename (dir, name, NULL);
  }
  self->fd = g_mkstemp_full (self->spool_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_errno_error (error, errno, self->spool_path);
      g_clear_pointer (&self->spool_path, g_free);
      return NULL;
    }
  /* held while this tab records: another Heapscope's clean-up leaves the spool alone */
  if (flock (self->fd, LOCK_EX | LOCK_NB) != 0)
    g_debug ("could not lock %s: %s", self->spool_path, g_strerror (errno));
  self->spool = g_file_new_for_path (self->spool_path);
  self->stream = g_unix_output_stream_new (self->fd, TRUE);

  self->writer = hs_session_writer_new (trace, self->stream, error);
  if (self->writer == NULL)
    return NULL;
  hs_session_writer_add_source (self->writer, kind, detail);

  position = lseek (self->fd, 0, SEEK_CUR);
  if (position < 0 || hs_session_writer_get_error (self->writer) != NULL)
    {
      if (hs_session_writer_get_error (self->writer) != NULL)
        g_propagate_error (error, g_error_copy (hs_session_writer_get_error (self->writer)));
      else
        set_errno_error (error, errno, self->spool_path);
      return NULL;
    }
  self->header_len = (guint64) position;

  return g_steal_pointer (&self);
}

/* What records the session: hand it to the live source (hs_live_source_set_recorder). */
HsSessionWriter *
hs_session_recorder_get_writer (HsSessionRecorder *self)
{
  g_return_val_if_fail (HS_IS_SESSION_RECORDER (self), NULL);

  return self->writer;
}

GFile *
hs_session_recorder_get_spool (HsSessionRecorder *self)
{
  g_return_val_if_fail (HS_IS_SESSION_RECORDER (self), NULL);

  return self->spool;
}

/*
 * The session began with the first @len bytes of @file, read before recording started (a
 * followed log's loaded part): a saved session holds them ahead of what was recorded.
 */
gboolean
hs_session_recorder_set_prefix (HsSessionRecorder  *self,
                                GFile              *file,
                                guint64             len,
                                GError            **error)
{
  g_autofree char *path = NULL;
  int fd;

  g_return_val_if_fail (HS_IS_SESSION_RECORDER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("only local files can be recorded"));
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }

  if (self->prefix_fd >= 0)
    close (self->prefix_fd);
  self->prefix_fd = fd;
  self->prefix_len = len;
  return TRUE;
}

/* Saving: a copy of the spool made on a worker thread, with the end record after it. */

typedef struct
{
  int      spool_fd;
  guint64  spool_len;
  guint64  header_len;
  int      prefix_fd;
  guint64  prefix_len;
  char    *end;
  gsize    end_len;
  GFile   *file;
} Save;

static void
save_free (gpointer data)
{
  Save *save = data;

  if (save->spool_fd >= 0)
    close (save->spool_fd);
  if (save->prefix_fd >= 0)
    close (save->prefix_fd);
  g_free (save->end);
  g_clear_object (&save->file);
  g_free (save);
}

/* pread until @len bytes are in @buf; FALSE at an error or an early end (errno 0). */
static gboolean
read_at (int      fd,
         char    *buf,
         gsize    len,
         guint64  offset)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = pread (fd, buf + done, len - done, (off_t) (offset + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (n == 0)
            errno = 0;
          return FALSE;
        }
      done += (gsize) n;
    }

  return TRUE;
}

static gboolean
copy_spool (Save           *save,
            GOutputStream  *out,
            guint64         from,
            guint64         to,
            char           *buf,
            GCancellable   *cancellable,
            GError        **error)
{
  for (guint64 offset = from; offset < to; )
    {
      gsize n = (gsize) MIN ((guint64) COPY_SIZE, to - offset);

      if (!read_at (save->spool_fd, buf, n, offset))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("the recording could not be read back (%s)"),
                       errno != 0 ? g_strerror (errno) : _("it is shorter than written"));
          return FALSE;
        }
      if (!g_output_stream_write_all (out, buf, n, NULL, cancellable, error))
        return FALSE;
      offset += n;
    }

  return TRUE;
}

static gboolean
copy_prefix (Save           *save,
             GOutputStream  *out,
             char           *buf,
             GCancellable   *cancellable,
             GError        **error)
{
  for (guint64 offset = 0; offset < save->prefix_len; )
    {
      gsize n = (gsize) MIN ((guint64) COPY_SIZE, save->prefix_len - offset);
      g_autofree char *record = NULL;
      gsize record_len;

      if (!read_at (save->prefix_fd, buf, n, offset))
        {
          if (errno == 0)
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                 _("the followed log was truncated since it was loaded, so its first part is lost"));
          else
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         _("the followed log could not be read (%s)"), g_strerror (errno));
          return FALSE;
        }

      record = hs_session_format_lines_record (buf, n, &record_len);
      if (!g_output_stream_write_all (out, record, record_len, NULL, cancellable, error))
        return FALSE;
      offset += n;
    }

  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Save *save = task_data;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autofree char *buf = g_malloc (COPY_SIZE);
  GOutputStream *stream;
  GError *error = NULL;
  gboolean existed = g_file_query_exists (save->file, NULL);

  out = g_file_replace (save->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  if (out == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  stream = G_OUTPUT_STREAM (out);

  if (copy_spool (save, stream, 0, save->header_len, buf, cancellable, &error) &&
      (save->prefix_fd < 0 || copy_prefix (save, stream, buf, cancellable, &error)) &&
      copy_spool (save, stream, save->header_len, save->spool_len, buf, cancellable, &error) &&
      g_output_stream_write_all (stream, save->end, save->end_len, NULL, cancellable, &error) &&
      g_output_stream_close (stream, cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /*
   * Closing with a cancelled cancellable drops the temporary file that replaces an existing
   * one; a new file is written in place, and is removed: no half session is left.
   */
  {
    g_autoptr(GCancellable) abort = g_cancellable_new ();

    g_cancellable_cancel (abort);
    g_output_stream_close (stream, abort, NULL);
    if (!existed)
      g_file_delete (save->file, NULL, NULL);
  }
  g_task_return_error (task, error);
}

/*
 * Writes a complete session to @file: everything recorded so far, and an end record. The
 * recording goes on meanwhile; what arrives during the copy is in the next save.
 */
void
hs_session_recorder_save_async (HsSessionRecorder   *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const GError *write_error;
  guint64 samples, cycles, bytes;
  Save *save;
  off_t position;

  g_return_if_fail (HS_IS_SESSION_RECORDER (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hs_session_recorder_save_async);

  write_error = self->writer != NULL ? hs_session_writer_get_error (self->writer) : NULL;
  if (write_error != NULL)
    {
      g_task_return_new_error (task, write_error->domain, write_error->code,
                               _("the recording stopped: %s"), write_error->message);
      return;
    }

  save = g_new0 (Save, 1);
  save->spool_fd = -1;
  save->prefix_fd = -1;
  save->file = g_object_ref (file);
  g_task_set_task_data (task, save, save_free);

  /* the spool is written without buffering: its end now is the end of whole records */
  position = lseek (self->fd, 0, SEEK_CUR);
  save->spool_fd = g_open (self->spool_path, O_RDONLY | O_CLOEXEC, 0);
  if (position < 0 || save->spool_fd < 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("the recording could not be read back (%s)"), g_strerror (saved));
      return;
    }
  save->spool_len = (guint64) position;
  save->header_len = self->header_len;

  if (self->prefix_lost)
    {
      /* the file now starts with lines read again after the truncation, not the ones loaded */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, "%s",
                               _("the followed log was truncated since it was loaded, so its first part is lost"));
      return;
    }

  if (self->prefix_fd >= 0)
    {
      save->prefix_fd = dup (self->prefix_fd);
      save->prefix_len = self->prefix_len;
      if (save->prefix_fd < 0)
        {
          int saved = errno;

          g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                                   _("the followed log could not be read (%s)"), g_strerror (saved));
          return;
        }
    }

  hs_session_writer_get_counts (self->writer, &samples, &cycles, &bytes);
  save->end = hs_session_format_end_record (samples, cycles, bytes + save->prefix_len, &save->end_len);

  g_task_run_in_thread (task, save_thread);
}

/*
 * The followed log at @path was found shorter than what was read of it. When it is the
 * file the loaded part is kept from, it was truncated in place (copytruncate): that part is
 * gone from it, and whatever it grows back to is not that part; saving says so from now on.
 * A new file at the path (a rotation) leaves the old one, and the loaded part, intact.
 */
void
hs_session_recorder_check_prefix (HsSessionRecorder *self,
                                  const char        *path)
{
  GStatBuf at_path;
  struct stat kept;

  g_return_if_fail (HS_IS_SESSION_RECORDER (self));

  if (self->prefix_fd < 0 || fstat (self->prefix_fd, &kept) != 0)
    return;
  if (path != NULL && g_stat (path, &at_path) == 0 &&
      (at_path.st_ino != kept.st_ino || at_path.st_dev != kept.st_dev))
    return;

  close (self->prefix_fd);
  self->prefix_fd = -1;
  self->prefix_lost = TRUE;
}

gboolean
hs_session_recorder_save_finish (HsSessionRecorder  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
