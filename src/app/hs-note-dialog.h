/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-note-dialog.h: writing, editing or deleting a note on a point or a range of a trace. */
#pragma once

#include <gtk/gtk.h>

#include "trace/hs-annotations.h"

G_BEGIN_DECLS

#define HS_TYPE_NOTE_DIALOG (hs_note_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HsNoteDialog, hs_note_dialog, HS, NOTE_DIALOG, GtkWindow)

HsNoteDialog *hs_note_dialog_new       (GtkWindow     *parent,
                                        HsAnnotations *notes,
                                        guint          note_id,
                                        double         t_start,
                                        double         t_end);
void          hs_note_dialog_set_text  (HsNoteDialog  *self,
                                        const char    *text);
gboolean      hs_note_dialog_save      (HsNoteDialog  *self,
                                        GError       **error);
gboolean      hs_note_dialog_delete    (HsNoteDialog  *self,
                                        GError       **error);

G_END_DECLS
