/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-cli-input.h: opening the command line's input (a path or - for stdin) into a trace. */
#pragma once

#include "trace/hs-trace.h"

G_BEGIN_DECLS

HsTrace *hs_cli_open_trace        (const char *path,
                                   int        *exit_status);
HsTrace *hs_cli_load_trace        (const char *path,
                                   int        *exit_status);
char    *hs_cli_display_name      (const char *path);
void     hs_cli_report_problems   (HsTrace    *trace,
                                   const char *display_name);
gboolean hs_cli_check_has_cycles  (HsTrace    *trace,
                                   const char *display_name);

G_END_DECLS
