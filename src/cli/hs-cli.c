/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli.c: option parsing and dispatch of the headless commands. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-cli.h"

/* The options that make heapscope a command-line tool instead of a window; the ones that
 * only qualify a headless command are here too, so that alone they get the command line's
 * error ("--json goes with --summary"), not the viewer. */
static const char * const headless_options[] = {
  "--summary",
  "--csv",
  "--export",
  "--report",
  "--json",
  "--size",
  "--range",
  "--charts",
  "--dark",
  NULL
};

gboolean
hs_cli_is_headless (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        break;
      for (guint j = 0; headless_options[j] != NULL; j++)
        {
          gsize len = strlen (headless_options[j]);

          if (strncmp (argv[i], headless_options[j], len) == 0 &&
              (argv[i][len] == '\0' || argv[i][len] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

int
hs_cli_main (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  gboolean summary = FALSE;
  gboolean json = FALSE;
  g_autofree char *csv = NULL;
  g_autofree char *export = NULL;
  g_autofree char *report = NULL;
  g_autofree char *size = NULL;
  g_autofree char *range = NULL;
  g_autofree char *charts = NULL;
  gboolean dark = FALSE;
  int status = HS_EXIT_OK;
  const GOptionEntry entries[] = {
    { "summary", 0, 0, G_OPTION_ARG_NONE, &summary,
      N_("Print statistics of the trace and exit, without a window"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("With --summary: print one JSON object"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_STRING, &csv,
      N_("Print a table as CSV and exit: cycles, scavenger or samples (memory samples of a session)"), N_("TABLE") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export,
      N_("Draw the charts into OUT (.png, .svg or .pdf) and exit, without a window"), N_("OUT") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("With --export: the picture's size in pixels (default 1600x1000)"), N_("WxH") },
    { "range", 0, 0, G_OPTION_ARG_STRING, &range,
      N_("With --export: the time range, in seconds since the start (default: all)"), N_("T0:T1") },
    { "charts", 0, 0, G_OPTION_ARG_STRING, &charts,
      N_("With --export: which charts, of heap,pauses,cpu,scavenger (default: all)"), N_("LIST") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark,
      N_("With --export: light text on a dark background"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report,
      N_("Write a report of statistics, findings, charts and notes to OUT (.pdf or .html) and exit"),
      N_("OUT") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE|-") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Heapscope shows what the Go garbage collector did, "
                                           "from the trace of GODEBUG=gctrace=1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("heapscope: %s\n", error->message);
      return HS_EXIT_UNREADABLE;
    }

  if (json && !summary)
    {
      g_printerr ("heapscope: %s\n", _("--json goes with --summary"));
      return HS_EXIT_UNREADABLE;
    }

  if ((size != NULL || range != NULL || charts != NULL || dark) && export == NULL)
    {
      g_printerr ("heapscope: %s\n", _("--size, --range, --charts and --dark go with --export"));
      return HS_EXIT_UNREADABLE;
    }

  if (export != NULL && summary)
    {
      g_printerr ("heapscope: %s\n", _("--export and --summary cannot be combined"));
      return HS_EXIT_UNREADABLE;
    }

  if (files == NULL || files[0] == NULL)
    {
      g_printerr ("heapscope: %s\n", _("name a trace file, or - for standard input"));
      return HS_EXIT_UNREADABLE;
    }

  if (csv != NULL)
    {
      if (files[1] != NULL)
        {
          g_printerr ("heapscope: %s\n", _("--csv reads one file"));
          return HS_EXIT_UNREADABLE;
        }
      return hs_cli_csv (csv, files[0]);
    }

  if (report != NULL)
    {
      if (files[1] != NULL)
        {
          g_printerr ("heapscope: %s\n", _("--report describes one trace: name a single FILE or -"));
          return HS_EXIT_UNREADABLE;
        }
      return hs_cli_report (report, files[0]);
    }

  if (export != NULL)
    {
      HsCliExportOptions options = { export, files[0], size, range, charts, dark };

      if (files[1] != NULL)
        {
          g_printerr ("heapscope: %s\n", _("--export draws one trace: name a single FILE or -"));
          return HS_EXIT_UNREADABLE;
        }

      return hs_cli_export (&options);
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      /* not inside MAX (), which would run the command twice */
      int file_status = hs_cli_summary (files[i], json);

      status = MAX (status, file_status);
    }

  return status;
}
