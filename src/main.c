/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: heapscope's entry point: headless commands, or the viewer. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "cli/hs-cli.h"

/*
 * The headless commands are told apart here, before anything of GTK is touched, so that
 * they run where there is no display at all (CI, servers, ssh sessions).
 */

static gboolean opt_summary;
static gboolean opt_json;
static gboolean opt_version;
static char **opt_files;

static const GOptionEntry entries[] = {
  { "summary", 0, 0, G_OPTION_ARG_NONE, &opt_summary,
    N_("Print statistics of the trace and exit, without a window"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json,
    N_("With --summary: print one JSON object"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
    N_("Show the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_files, NULL,
    N_("[FILE|-]…") },
  { NULL }
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status = HS_EXIT_OK;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

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

  if (opt_version)
    {
      g_print ("heapscope %s\n", PACKAGE_VERSION);
      return HS_EXIT_OK;
    }

  if (opt_json && !opt_summary)
    {
      g_printerr ("heapscope: %s\n", _("--json goes with --summary"));
      return HS_EXIT_UNREADABLE;
    }

  if (opt_files == NULL || opt_files[0] == NULL)
    {
      g_printerr ("heapscope: %s\n", _("name a trace file, or - for standard input"));
      return HS_EXIT_UNREADABLE;
    }

  /* Until the viewer's window exists, every invocation summarises its files. */
  for (guint i = 0; opt_files[i] != NULL; i++)
    {
      int file_status = hs_cli_summary (opt_files[i], opt_json);

      status = MAX (status, file_status);
    }

  g_strfreev (opt_files);
  return status;
}
