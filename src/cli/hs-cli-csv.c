/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-csv.c: heapscope --csv cycles|scavenger|samples: the tables as RFC 4180 CSV on stdout. */

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hs-cli.h"
#include "hs-cli-input.h"
#include "trace/hs-csv.h"

static void
write_stdout (GString  *text,
              gpointer  user_data)
{
  fwrite (text->str, 1, text->len, stdout);
}

int
hs_cli_csv (const char *table,
            const char *path)
{
  g_autoptr(HsTrace) trace = NULL;
  HsCsvTable which;
  int status;

  if (g_strcmp0 (table, "cycles") == 0)
    which = HS_CSV_CYCLES;
  else if (g_strcmp0 (table, "scavenger") == 0)
    which = HS_CSV_SCAVENGER;
  else if (g_strcmp0 (table, "samples") == 0)
    which = HS_CSV_SAMPLES;
  else
    {
      g_printerr (_("heapscope: unknown table “%s” for --csv (expected cycles, scavenger or samples)\n"), table);
      return HS_EXIT_UNREADABLE;
    }

  trace = hs_cli_open_trace (path, &status);
  if (trace == NULL)
    return status;

  hs_csv_write (trace, which, write_stdout, NULL);
  if (fflush (stdout) != 0)
    {
      g_printerr ("heapscope: %s\n", g_strerror (errno));
      return HS_EXIT_UNREADABLE;
    }

  return HS_EXIT_OK;
}
