/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-findings-list.h: the findings of a trace, problems first; choosing one shows its time range. */
#pragma once

#include <gtk/gtk.h>

#include "trace/hs-findings.h"

G_BEGIN_DECLS

#define HS_TYPE_FINDINGS_LIST (hs_findings_list_get_type ())

G_DECLARE_FINAL_TYPE (HsFindingsList, hs_findings_list, HS, FINDINGS_LIST, GtkWidget)

GtkWidget       *hs_findings_list_new            (HsTrace        *trace);
guint            hs_findings_list_get_n_findings (HsFindingsList *self);
const HsFinding *hs_findings_list_get_finding    (HsFindingsList *self,
                                                  guint           index);
void             hs_findings_list_activate       (HsFindingsList *self,
                                                  guint           index);
void             hs_findings_list_refresh        (HsFindingsList *self);

G_END_DECLS
