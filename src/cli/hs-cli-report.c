/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-report.c: heapscope --report OUT.pdf|html FILE: the report without a window. */

#include "config.h"

#include <glib/gi18n.h>

#include "hs-cli.h"
#include "hs-cli-input.h"
#include "report/hs-report.h"

int
hs_cli_report (const char *out,
               const char *path)
{
  g_autoptr(HsTrace) trace = NULL;
  g_autoptr(HsAnnotations) notes = NULL;
  g_autoptr(GError) error = NULL;
  HsReportFormat format;
  int status;

  if (!hs_report_format_from_path (out, &format))
    {
      g_printerr ("heapscope: %s\n", _("unknown report format: the output file must end in .pdf or .html"));
      return HS_EXIT_UNREADABLE;
    }

  trace = hs_cli_open_trace (path, &status);
  if (trace == NULL)
    return status;

  /* the notes a person made on this trace in the viewer belong in its report */
  if (hs_trace_get_content_key (trace) != NULL)
    {
      notes = hs_annotations_new (hs_trace_get_content_key (trace));
      if (!hs_annotations_load (notes, &error))
        {
          g_printerr ("heapscope: %s\n", error->message);
          g_clear_error (&error);
          g_clear_object (&notes);
        }
    }

  if (!hs_report_write (trace, notes, format, out, &error))
    {
      g_printerr (_("heapscope: could not write %s: %s\n"), out, error->message);
      return HS_EXIT_UNREADABLE;
    }

  return HS_EXIT_OK;
}
