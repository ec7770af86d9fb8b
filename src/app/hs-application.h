/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-application.h: the viewer: one process, one window, a tab per trace. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_APPLICATION (hs_application_get_type ())

G_DECLARE_FINAL_TYPE (HsApplication, hs_application, HS, APPLICATION, GtkApplication)

/* Values of the memory-units setting (the schema's enum). */
typedef enum
{
  HS_MEMORY_UNITS_BINARY = 0,    /* KiB, MiB, GiB: what the runtime means by "MB" */
  HS_MEMORY_UNITS_DECIMAL = 1,   /* kB, MB, GB */
} HsMemoryUnits;

HsApplication *hs_application_new                  (void);
GSettings     *hs_application_get_settings         (HsApplication  *self);
gboolean       hs_application_needs_own_instance   (int             argc,
                                                    char          **argv);

G_END_DECLS
