/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: heapscope's entry point: a headless command, or the viewer. */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "app/hs-application.h"
#include "cli/hs-cli.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Told apart before anything of GTK is touched, so that the headless commands run
   * where there is no display at all (CI, servers, ssh sessions). */
  if (hs_cli_is_headless (argc, argv))
    return hs_cli_main (argc, argv);

  {
    g_autoptr(HsApplication) app = hs_application_new ();

    if (hs_application_needs_own_instance (argc, argv))
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
