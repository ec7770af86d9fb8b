/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-trace-loader.c: chunked, parallel reading of a trace file (plain or gzip). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zlib.h>

#include "hs-parser.h"
#include "hs-session.h"
#include "hs-trace-loader.h"

/*
 * One reader thread reads (and inflates) the input in blocks, cuts each block at a line
 * boundary and hands it to a pool of parser threads, one per core. Parsed chunks come back
 * out of order; they are appended to the trace in order on the caller's main context, one
 * "items-appended" per chunk, so a window stays responsive and shows the trace growing.
 * The reader waits while too many chunks are in flight, which bounds memory whatever the
 * file's size.
 */

#define BLOCK_SIZE       (1u << 20)
/* A line longer than this is cut: no runtime record is that long, and memory stays bounded. */
#define MAX_LINE_LENGTH  (16u << 20)
#define KEPT_LINE_PREFIX (64u << 10)
#define READ_SIZE        (256u << 10)
/* How many lines of program output a cut looks back over for a "MB released" line */
#define MAX_FOREIGN_LOOKBACK 1000

typedef struct
{
  gatomicrefcount     ref_count;

  HsTrace            *trace;
  GMainContext       *context;
  GCancellable       *cancellable;
  HsLoadProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_destroy;
  guint64             bytes_total;

  GThreadPool        *pool;           /* freed by the reader thread when it is done */
  guint               max_in_flight;

  GMutex              lock;
  GCond               cond;
  GHashTable         *ready;          /* seq → Result, parsed but not appended yet */
  guint               produced;
  guint               delivered;
  gboolean            delivery_scheduled;
  gboolean            cancelled;

  /* main context only */
  guint64             line_offset;
} Load;

typedef struct
{
  guint   seq;
  char   *data;
  gsize   len;
  guint64 bytes_done;
  char   *content_key;   /* set on the chunk after which the key was known */
} Chunk;

typedef struct
{
  guint          seq;
  HsTraceStore  *store;
  HsSampleTable *samples;      /* a slice of a session file's samples, or NULL */
  gboolean       keep_offset;  /* a session slice: its line numbers count from the session's start */
  guint64        n_lines;
  guint64        bytes_done;
  char          *content_key;
} Result;

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->store, hs_trace_store_free);
  g_clear_pointer (&result->samples, hs_sample_table_free);
  g_free (result->content_key);
  g_free (result);
}

static Load *
load_ref (Load *load)
{
  g_atomic_ref_count_inc (&load->ref_count);
  return load;
}

static void
load_unref (Load *load)
{
  if (!g_atomic_ref_count_dec (&load->ref_count))
    return;

  g_clear_object (&load->trace);
  g_clear_pointer (&load->context, g_main_context_unref);
  g_clear_object (&load->cancellable);
  if (load->progress_destroy != NULL)
    load->progress_destroy (load->progress_data);
  g_clear_pointer (&load->ready, g_hash_table_unref);
  g_mutex_clear (&load->lock);
  g_cond_clear (&load->cond);
  g_free (load);
}

/* The main thread appends batches for at most this long before it draws a frame again. */
#define DELIVERY_BUDGET_US (8 * G_TIME_SPAN_MILLISECOND)

static gboolean
deliver_ready_cb (gpointer user_data)
{
  Load *load = user_data;
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      Result *result;
      gboolean cancelled;

      if (g_get_monotonic_time () - start > DELIVERY_BUDGET_US)
        return G_SOURCE_CONTINUE;   /* still scheduled: the rest comes after a frame */

      g_mutex_lock (&load->lock);
      result = g_hash_table_lookup (load->ready, GUINT_TO_POINTER (load->delivered));
      if (result != NULL)
        g_hash_table_steal (load->ready, GUINT_TO_POINTER (load->delivered));
      else
        load->delivery_scheduled = FALSE;
      cancelled = load->cancelled;
      g_mutex_unlock (&load->lock);

      if (result == NULL)
        break;

      if (!cancelled)
        {
          hs_trace_append_store (load->trace, result->store, load->line_offset);
          if (result->samples != NULL)
            hs_trace_append_samples (load->trace, result->samples);
          if (result->content_key != NULL)
            hs_trace_set_content_key (load->trace, result->content_key);
          if (!result->keep_offset)
            load->line_offset += result->n_lines;
          if (load->progress != NULL)
            load->progress (result->bytes_done, load->bytes_total, load->progress_data);
        }
      result_free (result);

      g_mutex_lock (&load->lock);
      load->delivered++;
      g_cond_broadcast (&load->cond);
      g_mutex_unlock (&load->lock);
    }

  return G_SOURCE_REMOVE;
}

/* Queues @result for the main context, which appends results in their order. */
static void
result_ready (Load   *load,
              Result *result)
{
  gboolean schedule;

  g_mutex_lock (&load->lock);
  g_hash_table_insert (load->ready, GUINT_TO_POINTER (result->seq), result);
  schedule = result->seq == load->delivered && !load->delivery_scheduled;
  if (schedule)
    load->delivery_scheduled = TRUE;
  g_mutex_unlock (&load->lock);

  if (schedule)
    g_main_context_invoke_full (load->context, G_PRIORITY_DEFAULT, deliver_ready_cb,
                                load_ref (load), (GDestroyNotify) load_unref);
}

static void
parse_chunk (gpointer data,
             gpointer user_data)
{
  Chunk *chunk = data;
  Load *load = user_data;
  Result *result = g_new0 (Result, 1);
  g_autoptr(HsParser) parser = hs_parser_new ();

  if (!g_atomic_int_get (&load->cancelled))
    {
      hs_parser_feed_lines (parser, chunk->data, chunk->len);
      hs_parser_finish (parser);
    }

  result->seq = chunk->seq;
  result->store = hs_parser_steal_store (parser);
  result->n_lines = hs_parser_get_lines (parser);
  result->bytes_done = chunk->bytes_done;
  result->content_key = g_steal_pointer (&chunk->content_key);
  g_free (chunk->data);
  g_free (chunk->content_key);
  g_free (chunk);

  result_ready (load, result);
  load_unref (load);
}

/* The raw or inflated bytes of the input, READ_SIZE at a time. */
typedef struct
{
  GInputStream *stream;
  gboolean      gzip;
  gboolean      gzip_done;
  z_stream      z;
  guchar       *in;
  gsize         in_len;
  guint64       raw_bytes;
  gboolean      eof;
} Source;

/* Reads until at least @needed raw bytes wait for inflate (fewer only at the end). */
static gboolean
source_fill_raw (Source        *src,
                 gsize          needed,
                 GCancellable  *cancellable,
                 GError       **error)
{
  while (src->z.avail_in < needed && !src->eof)
    {
      gssize n;

      /* keep the bytes not inflated yet: a gzip magic may be split across two reads */
      memmove (src->in, src->z.next_in, src->z.avail_in);
      src->z.next_in = src->in;
      n = g_input_stream_read (src->stream, src->in + src->z.avail_in,
                               READ_SIZE - src->z.avail_in, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        src->eof = TRUE;

      src->raw_bytes += (guint64) n;
      src->z.avail_in += (uInt) n;
    }

  return TRUE;
}

/* Reads up to @len bytes into @out; returns how many, 0 at the end, -1 on error. */
static gssize
source_read (Source        *src,
             char          *out,
             gsize          len,
             GCancellable  *cancellable,
             GError       **error)
{
  if (!src->gzip)
    {
      gssize n;

      /* the bytes read to look for the gzip magic come first */
      if (src->z.avail_in > 0)
        {
          n = (gssize) MIN (len, src->z.avail_in);
          memcpy (out, src->z.next_in, (gsize) n);
          src->z.next_in += n;
          src->z.avail_in -= (uInt) n;
          return n;
        }

      n = g_input_stream_read (src->stream, out, len, cancellable, error);

      if (n > 0)
        src->raw_bytes += (guint64) n;
      return n;
    }

  src->z.next_out = (Bytef *) out;
  src->z.avail_out = (uInt) MIN (len, G_MAXUINT);

  while (src->z.avail_out == len && !src->gzip_done)
    {
      int status;

      if (!source_fill_raw (src, 1, cancellable, error))
        return -1;
      if (src->eof && src->z.avail_in == 0)
        {
          /* a truncated .gz: keep what inflated, say so */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                       _("the compressed data ends early"));
          return -1;
        }

      status = inflate (&src->z, Z_NO_FLUSH);
      if (status == Z_STREAM_END)
        {
          /* .gz files may hold several members, as rotated logs concatenated do */
          if (!source_fill_raw (src, 2, cancellable, error))
            return -1;
          if (src->z.avail_in >= 2 && src->z.next_in[0] == 0x1f && src->z.next_in[1] == 0x8b)
            inflateReset (&src->z);
          else
            src->gzip_done = TRUE;
        }
      else if (status != Z_OK && status != Z_BUF_ERROR)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("the compressed data is corrupt (%s)"),
                       src->z.msg != NULL ? src->z.msg : "zlib");
          return -1;
        }
    }

  return (gssize) (len - src->z.avail_out);
}

static gboolean
source_open (Source        *src,
             GInputStream  *stream,
             GCancellable  *cancellable,
             GError       **error)
{
  gssize n;

  memset (src, 0, sizeof *src);
  src->stream = stream;
  src->in = g_malloc (READ_SIZE);

  /* gzip is told by its magic bytes, not by the file's name */
  n = g_input_stream_read (stream, src->in, 2, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 1)
    {
      gssize m = g_input_stream_read (stream, src->in + 1, 1, cancellable, error);

      if (m < 0)
        return FALSE;
      n += m;
    }

  src->raw_bytes = (guint64) n;
  src->gzip = n == 2 && src->in[0] == 0x1f && src->in[1] == 0x8b;
  src->z.next_in = src->in;
  src->z.avail_in = (uInt) n;

  if (src->gzip)
    {
      if (inflateInit2 (&src->z, 15 + 16) != Z_OK)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "zlib");
          return FALSE;
        }
    }
  else if (n == 0)
    {
      src->eof = TRUE;
    }

  return TRUE;
}

static void
source_close (Source *src)
{
  if (src->gzip)
    inflateEnd (&src->z);
  g_clear_pointer (&src->in, g_free);
}

typedef struct
{
  char  *data;
  gsize  len;
  gsize  cap;
} Buffer;

static void
buffer_reserve (Buffer *buf,
                gsize   extra)
{
  if (buf->len + extra <= buf->cap)
    return;

  buf->cap = MAX (buf->len + extra, buf->cap * 2);
  buf->data = g_realloc (buf->data, buf->cap);
}

/* The content key: a hash of the input's first bytes, in the order chunks go out. */
typedef struct
{
  GChecksum *checksum;
  gsize      hashed;
} KeyHasher;

static char *
key_hasher_take (KeyHasher  *hasher,
                 const char *data,
                 gsize       len,
                 gboolean    last)
{
  gsize n;

  if (hasher->checksum == NULL)
    return NULL;

  n = MIN (len, HS_CONTENT_KEY_BYTES - hasher->hashed);
  g_checksum_update (hasher->checksum, (const guchar *) data, (gssize) n);
  hasher->hashed += n;

  if (hasher->hashed == HS_CONTENT_KEY_BYTES || last)
    {
      char *key = g_strdup (g_checksum_get_string (hasher->checksum));

      g_clear_pointer (&hasher->checksum, g_checksum_free);
      return key;
    }

  return NULL;
}

static void
dispatch_chunk (Load      *load,
                Buffer    *buf,
                gsize      split,
                guint64    bytes_done,
                KeyHasher *hasher,
                gboolean   last)
{
  Chunk *chunk = g_new0 (Chunk, 1);
  gsize rest = buf->len - split;

  g_mutex_lock (&load->lock);
  while (load->produced - load->delivered >= load->max_in_flight && !load->cancelled)
    g_cond_wait (&load->cond, &load->lock);
  chunk->seq = load->produced++;
  g_mutex_unlock (&load->lock);

  /* hand the block over and keep only what follows the split */
  chunk->data = buf->data;
  chunk->len = split;
  chunk->bytes_done = bytes_done;
  chunk->content_key = key_hasher_take (hasher, chunk->data, split, last);

  buf->cap = MAX (BLOCK_SIZE + READ_SIZE, rest + READ_SIZE);
  buf->data = g_malloc (buf->cap);
  memcpy (buf->data, chunk->data + split, rest);
  buf->len = rest;

  /* the chunk's reference, taken before a worker can parse the chunk and drop it */
  load_ref (load);
  g_thread_pool_push (load->pool, chunk, NULL);
}

static const char *
memrchr_nl (const char *data,
            gsize       len)
{
  for (gsize i = len; i > 0; i--)
    if (data[i - 1] == '\n')
      return data + i - 1;
  return NULL;
}

/*
 * Where to cut @buf: after its last newline, unless the last line waits for the line after
 * it (a torn GC record, "scvgN: X MB released"); then before that line. A released line
 * also waits across program output (the parser pairs it with the next scvg line whatever
 * foreign lines come between), so the cut goes before it when only foreign lines follow
 * it; up to MAX_FOREIGN_LOOKBACK of them, which keeps the cost of a cut bounded. 0 means
 * not yet.
 */
static gsize
find_split (const Buffer *buf)
{
  const char *last_nl = memrchr_nl (buf->data, buf->len);
  const char *line_end = last_nl;

  if (last_nl == NULL)
    return 0;

  for (guint n = 0; n < MAX_FOREIGN_LOOKBACK; n++)
    {
      const char *prev_nl = memrchr_nl (buf->data, (gsize) (line_end - buf->data));
      const char *line_start = prev_nl != NULL ? prev_nl + 1 : buf->data;
      HsLineResult result;

      if (n == 0 && hs_parser_line_waits_for_next (line_start, (gsize) (line_end - line_start)))
        return (gsize) (line_start - buf->data);

      hs_line_parse (line_start, (gsize) (line_end - line_start), &result);
      /* a released line at the very start would hold the whole buffer back: cut anyway */
      if (n > 0 && prev_nl != NULL && result.kind == HS_LINE_SCAVENGER &&
          result.scav.kind == HS_SCAV_KIND_SCVG_RELEASED)
        return (gsize) (line_start - buf->data);
      if (result.kind != HS_LINE_FOREIGN || prev_nl == NULL)
        break;
      line_end = prev_nl;
    }

  return (gsize) (last_nl - buf->data) + 1;
}

static GInputStream *
open_input (GTask         *task,
            Load          *load,
            GCancellable  *cancellable,
            GError       **error)
{
  GInputStream *stream = g_object_get_data (G_OBJECT (task), "stream");
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(GFileInputStream) file_stream = NULL;
  g_autoptr(GFileInfo) info = NULL;

  if (stream != NULL)
    return g_object_ref (stream);

  file_stream = g_file_read (file, cancellable, error);
  if (file_stream == NULL)
    return NULL;

  info = g_file_input_stream_query_info (file_stream, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                         cancellable, NULL);
  g_mutex_lock (&load->lock);
  if (info != NULL)
    load->bytes_total = (guint64) g_file_info_get_size (info);
  g_mutex_unlock (&load->lock);

  return G_INPUT_STREAM (g_steal_pointer (&file_stream));
}

/* A session's slices: about what a chunk of a log holds; 8192 samples are 34 minutes at 250 ms. */
#define SESSION_SLICE_CYCLES 8192
#define SESSION_SLICE_SAMPLES 8192

/* The first bytes of a session file (docs/session-format.md); shorter input is a trace. */
#define SESSION_SNIFF_BYTES (sizeof "{\"heapscope-session\":" - 1)

/*
 * A session file, recognised by its first bytes in @buf: the rest is read, replayed into a
 * trace of its own on this thread and handed to the main context as one result.
 */
static gboolean
read_session (GTask         *task,
              Load          *load,
              Source        *src,
              Buffer        *buf,
              GCancellable  *cancellable,
              GError       **error)
{
  HsSessionInfo *info = NULL;
  g_autoptr(GPtrArray) slices = NULL;
  Result *result;
  HsTrace *trace;
  gssize n;

  do
    {
      buffer_reserve (buf, READ_SIZE);
      n = source_read (src, buf->data + buf->len, READ_SIZE, cancellable, error);
      if (n > 0)
        buf->len += (gsize) n;
    }
  while (n > 0);
  if (n < 0)
    return FALSE;

  trace = hs_session_load_data (buf->data, buf->len, NULL, &info, cancellable, error);
  if (trace == NULL)
    return FALSE;
  g_object_set_data_full (G_OBJECT (task), "session-info", info, (GDestroyNotify) hs_session_info_free);

  /*
   * Handed over in slices, like the chunks of a log: appending it whole, with everything
   * that follows the trace (charts, tables, findings), would stop the window for as long.
   */
  slices = hs_trace_cut (trace, SESSION_SLICE_CYCLES, SESSION_SLICE_SAMPLES);
  for (guint i = 0; i < slices->len; i++)
    {
      HsTraceSlice *slice = g_ptr_array_index (slices, i);
      gboolean last = i + 1 == slices->len;

      g_mutex_lock (&load->lock);
      result = g_new0 (Result, 1);
      result->seq = load->produced++;
      g_mutex_unlock (&load->lock);
      result->store = g_steal_pointer (&slice->store);
      result->samples = g_steal_pointer (&slice->samples);
      result->keep_offset = TRUE;
      /* progress: the file was read; the slices are the rest of the way */
      result->bytes_done = src->raw_bytes * (i + 1) / slices->len;
      if (last && hs_trace_get_content_key (trace) != NULL)
        result->content_key = g_strdup (hs_trace_get_content_key (trace));
      result_ready (load, result);
    }
  g_object_unref (trace);

  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  Buffer buf = { 0 };
  Source src = { 0 };
  KeyHasher hasher = { g_checksum_new (G_CHECKSUM_SHA256), 0 };
  gboolean skipping = FALSE;   /* inside a line longer than MAX_LINE_LENGTH */
  gboolean sniffed = FALSE;    /* whether the input was told a session file or a trace */
  gsize line_start = 0;        /* start of the unfinished last line in buf */

  stream = open_input (task, load, cancellable, &error);
  if (stream == NULL || !source_open (&src, stream, cancellable, &error))
    goto out;

  buf.cap = BLOCK_SIZE + READ_SIZE;
  buf.data = g_malloc (buf.cap);

  for (;;)
    {
      gsize new_start = buf.len;
      const char *nl;
      gssize n;

      buffer_reserve (&buf, READ_SIZE);
      n = source_read (&src, buf.data + buf.len, READ_SIZE, cancellable, &error);
      if (n <= 0)
        break;

      if (skipping)
        {
          /* drop the middle of an overlong line, up to its newline */
          char *found = memchr (buf.data + buf.len, '\n', (gsize) n);

          if (found == NULL)
            continue;
          n = buf.data + buf.len + n - found;
          memmove (buf.data + buf.len, found, (gsize) n);
          skipping = FALSE;
        }
      buf.len += (gsize) n;

      /* a session file is told by its first bytes, not by its name (it may be plain or .gz) */
      if (!sniffed)
        {
          if (buf.len < SESSION_SNIFF_BYTES)
            continue;
          sniffed = TRUE;
          if (hs_session_sniff (buf.data, buf.len))
            {
              read_session (task, load, &src, &buf, cancellable, &error);
              buf.len = 0;
              break;
            }
          new_start = 0;
        }

      nl = memrchr_nl (buf.data + new_start, buf.len - new_start);
      if (nl != NULL)
        {
          line_start = (gsize) (nl - buf.data) + 1;
        }
      else if (buf.len - line_start > MAX_LINE_LENGTH)
        {
          buf.len = line_start + KEPT_LINE_PREFIX;
          skipping = TRUE;
          continue;
        }

      if (buf.len >= BLOCK_SIZE)
        {
          gsize split = find_split (&buf);

          if (split > 0)
            {
              dispatch_chunk (load, &buf, split, src.raw_bytes, &hasher, FALSE);
              line_start = line_start >= split ? line_start - split : 0;
            }
        }

      if (g_cancellable_is_cancelled (cancellable))
        break;
    }

  if (buf.len > 0 && !g_cancellable_is_cancelled (cancellable))
    {
      if (error == NULL)
        {
          /* what is left, including a last line without a newline */
          dispatch_chunk (load, &buf, buf.len, src.raw_bytes, &hasher, TRUE);
        }
      else
        {
          /* keep every complete line read before the error */
          const char *nl = memrchr_nl (buf.data, buf.len);

          if (nl != NULL)
            dispatch_chunk (load, &buf, (gsize) (nl - buf.data) + 1, src.raw_bytes, &hasher, TRUE);
        }
    }

out:
  source_close (&src);
  g_free (buf.data);
  g_clear_pointer (&hasher.checksum, g_checksum_free);

  /* wait until every chunk was appended, so the task completes after the last batch */
  g_mutex_lock (&load->lock);
  while (load->delivered < load->produced)
    {
      gint64 deadline = g_get_monotonic_time () + 50 * G_TIME_SPAN_MILLISECOND;

      if (g_cancellable_is_cancelled (cancellable))
        load->cancelled = TRUE;
      g_cond_wait_until (&load->cond, &load->lock, deadline);
    }
  g_mutex_unlock (&load->lock);
  g_thread_pool_free (g_steal_pointer (&load->pool), FALSE, TRUE);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
load_stream (HsTrace             *trace,
             GInputStream        *stream,
             GFile               *file,
             guint64              size_hint,
             GCancellable        *cancellable,
             HsLoadProgressFunc   progress,
             gpointer             progress_data,
             GDestroyNotify       progress_destroy,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load = g_new0 (Load, 1);
  guint n_threads = MAX (1, g_get_num_processors ());

  g_atomic_ref_count_init (&load->ref_count);
  load->trace = g_object_ref (trace);
  load->context = g_main_context_ref_thread_default ();
  load->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  load->progress = progress;
  load->progress_data = progress_data;
  load->progress_destroy = progress_destroy;
  load->bytes_total = size_hint;
  load->max_in_flight = 2 * n_threads + 2;
  load->ready = g_hash_table_new (NULL, NULL);
  g_mutex_init (&load->lock);
  g_cond_init (&load->cond);
  load->pool = g_thread_pool_new (parse_chunk, load, (gint) n_threads, FALSE, NULL);

  task = g_task_new (trace, cancellable, callback, user_data);
  g_task_set_source_tag (task, load_stream);
  g_task_set_task_data (task, load, NULL);
  if (stream != NULL)
    g_object_set_data_full (G_OBJECT (task), "stream", g_object_ref (stream), g_object_unref);
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "load", load, (GDestroyNotify) load_unref);
  g_task_run_in_thread (task, read_thread);
}

void
hs_trace_load_stream_async (HsTrace             *trace,
                            GInputStream        *stream,
                            guint64              size_hint,
                            GCancellable        *cancellable,
                            HsLoadProgressFunc   progress,
                            gpointer             progress_data,
                            GDestroyNotify       progress_destroy,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (HS_IS_TRACE (trace));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  load_stream (trace, stream, NULL, size_hint, cancellable, progress, progress_data,
               progress_destroy, callback, user_data);
}

void
hs_trace_load_file_async (HsTrace             *trace,
                          GFile               *file,
                          GCancellable        *cancellable,
                          HsLoadProgressFunc   progress,
                          gpointer             progress_data,
                          GDestroyNotify       progress_destroy,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (HS_IS_TRACE (trace));
  g_return_if_fail (G_IS_FILE (file));

  load_stream (trace, NULL, file, 0, cancellable, progress, progress_data,
               progress_destroy, callback, user_data);
}

/*
 * After a load that read a session file: its header, sources and whether the recording
 * was complete (transfer full). NULL for a trace or a session that could not be read.
 */
HsSessionInfo *
hs_trace_load_steal_session_info (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_object_steal_data (G_OBJECT (result), "session-info");
}

gboolean
hs_trace_load_finish (HsTrace       *trace,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, trace), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SyncLoad;

static void
sync_load_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncLoad *sync = user_data;

  sync->ok = hs_trace_load_finish (HS_TRACE (object), result, &sync->error);
  sync->done = TRUE;
}

static gboolean
load_sync (HsTrace       *trace,
           GFile         *file,
           GInputStream  *stream,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  SyncLoad sync = { FALSE, FALSE, NULL };

  /* a private context: batches are appended here, without running the caller's sources */
  g_main_context_push_thread_default (context);
  if (file != NULL)
    hs_trace_load_file_async (trace, file, cancellable, NULL, NULL, NULL, sync_load_cb, &sync);
  else
    hs_trace_load_stream_async (trace, stream, 0, cancellable, NULL, NULL, NULL, sync_load_cb, &sync);
  while (!sync.done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  if (sync.error != NULL)
    g_propagate_error (error, sync.error);

  return sync.ok;
}

/* Blocks until @file is read; for the command line, tests and benchmarks. */
gboolean
hs_trace_load_file_sync (HsTrace       *trace,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return load_sync (trace, file, NULL, cancellable, error);
}

gboolean
hs_trace_load_stream_sync (HsTrace       *trace,
                           GInputStream  *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_return_val_if_fail (HS_IS_TRACE (trace), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  return load_sync (trace, NULL, stream, cancellable, error);
}
