/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-export-dialog.h: Export… for the charts (PNG, SVG, PDF) and for the report (PDF, HTML). */
#pragma once

#include <gtk/gtk.h>

#include "chart/hs-chart-stack.h"
#include "trace/hs-annotations.h"

G_BEGIN_DECLS

#define HS_TYPE_EXPORT_DIALOG (hs_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HsExportDialog, hs_export_dialog, HS, EXPORT_DIALOG, GtkWindow)

HsExportDialog *hs_export_dialog_new          (GtkWindow    *parent,
                                               HsChartStack *charts,
                                               HsAnnotations *notes);
gboolean        hs_export_dialog_export_to    (HsExportDialog *self,
                                               const char     *path,
                                               GError        **error);
void            hs_export_dialog_set_report   (HsExportDialog *self,
                                               gboolean        report);

G_END_DECLS
