/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli.h: the headless commands; none of them touches a display. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the headless commands */
enum
{
  HS_EXIT_OK = 0,
  HS_EXIT_NO_TRACE = 1,     /* the input holds no Go GC trace */
  HS_EXIT_UNREADABLE = 2,   /* missing, a directory, no permission, bad arguments */
};

typedef struct
{
  const char *output;       /* OUT.png|svg|pdf */
  const char *input;        /* FILE or - */
  const char *size;         /* WIDTHxHEIGHT, or NULL */
  const char *range;        /* T0:T1, or NULL */
  const char *charts;       /* heap,pauses,cpu,scavenger, or NULL */
  gboolean    dark;
} HsCliExportOptions;

gboolean hs_cli_is_headless (int          argc,
                             char       **argv);
int      hs_cli_main        (int          argc,
                             char       **argv);
int      hs_cli_summary     (const char  *path,
                             gboolean     json);
int      hs_cli_report      (const char  *out,
                             const char  *path);
int      hs_cli_csv         (const char  *table,
                             const char  *path);
int      hs_cli_export      (const HsCliExportOptions *options);

G_END_DECLS
