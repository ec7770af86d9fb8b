/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-input.c: reads the input of a headless command and reports what went wrong. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <inttypes.h>
#include <gio/gunixinputstream.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hs-cli.h"
#include "hs-cli-input.h"
#include "trace/hs-trace-loader.h"

/* How many malformed lines the command line names on stderr before it only counts them. */
#define MALFORMED_REPORTED 10

char *
hs_cli_display_name (const char *path)
{
  if (g_strcmp0 (path, "-") == 0)
    return g_strdup (_("standard input"));

  return g_filename_display_name (path);
}

/*
 * Opens the input itself rather than through GFile, so that errors read like every other
 * command's: "heapscope: FILE: No such file or directory".
 */
HsTrace *
hs_cli_load_trace (const char *path,
                   int        *exit_status)
{
  g_autofree char *name = hs_cli_display_name (path);
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_stdin = g_strcmp0 (path, "-") == 0;
  struct stat st;
  int fd;

  fd = is_stdin ? STDIN_FILENO : open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_printerr ("heapscope: %s: %s\n", name, g_strerror (saved));
      *exit_status = HS_EXIT_UNREADABLE;
      return NULL;
    }

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_printerr ("heapscope: %s: %s\n", name, g_strerror (EISDIR));
      if (!is_stdin)
        close (fd);
      *exit_status = HS_EXIT_UNREADABLE;
      return NULL;
    }

  trace = hs_trace_new (name);
  stream = g_unix_input_stream_new (fd, !is_stdin);

  if (!hs_trace_load_stream_sync (trace, stream, NULL, &error))
    {
      /* what was read before the error is kept: report, then go on with it */
      g_printerr ("heapscope: %s: %s\n", name, error->message);
      if (hs_trace_get_line_counts (trace)->lines == 0)
        {
          *exit_status = HS_EXIT_UNREADABLE;
          return NULL;
        }
    }

  *exit_status = HS_EXIT_OK;
  return g_steal_pointer (&trace);
}

/* Malformed and legacy lines go to stderr as FILE:LINE: messages. */
void
hs_cli_report_problems (HsTrace    *trace,
                        const char *display_name)
{
  const HsLineCounts *counts = hs_trace_get_line_counts (trace);
  const HsMalformedLine *malformed;
  guint n_kept;

  if (counts->legacy > 0)
    g_printerr (ngettext ("heapscope: %s:%" PRIu64 ": %" PRIu64 " line in the Go 1.0–1.4 format (“gcN(P): …”), which Heapscope does not read\n",
                          "heapscope: %s:%" PRIu64 ": %" PRIu64 " lines in the Go 1.0–1.4 format (“gcN(P): …”), which Heapscope does not read\n",
                          counts->legacy),
                display_name, hs_trace_get_first_legacy_line (trace), counts->legacy);

  malformed = hs_trace_get_malformed (trace, &n_kept);
  for (guint i = 0; i < MIN (n_kept, MALFORMED_REPORTED); i++)
    g_printerr (_("heapscope: %s:%" PRIu64 ": malformed line: %s\n"),
                display_name, malformed[i].line, _(malformed[i].reason));
  if (counts->malformed > MALFORMED_REPORTED)
    g_printerr (ngettext ("heapscope: %s: %" PRIu64 " more malformed line\n",
                          "heapscope: %s: %" PRIu64 " more malformed lines\n",
                          counts->malformed - MALFORMED_REPORTED),
                display_name, counts->malformed - MALFORMED_REPORTED);
}

gboolean
hs_cli_check_has_cycles (HsTrace    *trace,
                         const char *display_name)
{
  const HsLineCounts *counts = hs_trace_get_line_counts (trace);

  /* a scavtrace-only log is still a trace of the runtime's memory, and so are the samples
   * of a session that watched a process or a server */
  if (hs_trace_get_n_cycles (trace) > 0 || hs_trace_get_n_events (trace) > 0 ||
      hs_trace_get_n_samples (trace) > 0)
    return TRUE;

  g_printerr (ngettext ("heapscope: %s: no Go GC trace lines found (%" PRIu64 " line read)\n",
                        "heapscope: %s: no Go GC trace lines found (%" PRIu64 " lines read)\n",
                        counts->lines),
              display_name, counts->lines);
  return FALSE;
}

/*
 * What every headless command starts with: the input loaded, its malformed and legacy lines
 * reported on stderr, and a check that it holds a trace at all. NULL, with the exit status
 * to return, when it cannot be used.
 */
HsTrace *
hs_cli_open_trace (const char *path,
                   int        *exit_status)
{
  g_autofree char *name = hs_cli_display_name (path);
  g_autoptr(HsTrace) trace = hs_cli_load_trace (path, exit_status);

  if (trace == NULL)
    return NULL;

  hs_cli_report_problems (trace, name);
  if (!hs_cli_check_has_cycles (trace, name))
    {
      *exit_status = HS_EXIT_NO_TRACE;
      return NULL;
    }

  return g_steal_pointer (&trace);
}
