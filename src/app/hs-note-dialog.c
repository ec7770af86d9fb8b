/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-note-dialog.c: a small window with the note's time and its text; saved at once to disk. */

#include "config.h"

#include <glib/gi18n.h>

#include "hs-note-dialog.h"

struct _HsNoteDialog
{
  GtkWindow      parent_instance;

  HsAnnotations *notes;
  guint          note_id;     /* 0: a new note */
  double         t_start;
  double         t_end;

  GtkWidget     *text_view;
  GtkWidget     *error_label;
  GtkWidget     *delete_button;
};

G_DEFINE_FINAL_TYPE (HsNoteDialog, hs_note_dialog, GTK_TYPE_WINDOW)

static char *
current_text (HsNoteDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
hs_note_dialog_set_text (HsNoteDialog *self,
                         const char   *text)
{
  g_return_if_fail (HS_IS_NOTE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->text_view)), text, -1);
}

/* Adds or edits the note and writes the notes file; an empty text deletes the note. */
gboolean
hs_note_dialog_save (HsNoteDialog  *self,
                     GError       **error)
{
  g_autofree char *text = current_text (self);

  g_return_val_if_fail (HS_IS_NOTE_DIALOG (self), FALSE);

  if (*text == '\0')
    return self->note_id == 0 || hs_note_dialog_delete (self, error);

  if (self->note_id == 0)
    self->note_id = hs_annotations_add (self->notes, self->t_start, self->t_end, text);
  else
    hs_annotations_edit (self->notes, self->note_id, text);

  return hs_annotations_save (self->notes, error);
}

gboolean
hs_note_dialog_delete (HsNoteDialog  *self,
                       GError       **error)
{
  g_return_val_if_fail (HS_IS_NOTE_DIALOG (self), FALSE);

  if (self->note_id != 0)
    hs_annotations_remove (self->notes, self->note_id);
  self->note_id = 0;

  return hs_annotations_save (self->notes, error);
}

static void
finish (HsNoteDialog *self,
        gboolean      ok,
        GError       *error)
{
  if (!ok)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (HsNoteDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = hs_note_dialog_save (self, &error);

  finish (self, ok, error);
}

static void
delete_clicked_cb (HsNoteDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = hs_note_dialog_delete (self, &error);

  finish (self, ok, error);
}

static void
hs_note_dialog_dispose (GObject *object)
{
  HsNoteDialog *self = (HsNoteDialog *) object;

  g_clear_object (&self->notes);

  G_OBJECT_CLASS (hs_note_dialog_parent_class)->dispose (object);
}

static void
hs_note_dialog_class_init (HsNoteDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hs_note_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hs_note_dialog_init (HsNoteDialog *self)
{
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 420, 260);

  gtk_header_bar_set_show_title_buttons (GTK_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_header_bar_pack_start (GTK_HEADER_BAR (header), cancel);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), save);
  self->delete_button = gtk_button_new_with_mnemonic (_("_Delete"));
  gtk_widget_add_css_class (self->delete_button, "destructive-action");
  g_signal_connect_swapped (self->delete_button, "clicked", G_CALLBACK (delete_clicked_cb), self);
  gtk_header_bar_pack_end (GTK_HEADER_BAR (header), self->delete_button);
  gtk_window_set_titlebar (GTK_WINDOW (self), header);

  self->text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->text_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->text_view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->text_view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "frame");

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);

  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_window_set_child (GTK_WINDOW (self), box);
}

/* @note_id: the note to edit, or 0 for a new one on [@t_start, @t_end]. */
HsNoteDialog *
hs_note_dialog_new (GtkWindow     *parent,
                    HsAnnotations *notes,
                    guint          note_id,
                    double         t_start,
                    double         t_end)
{
  HsNoteDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (notes), NULL);

  self = g_object_new (HS_TYPE_NOTE_DIALOG, "transient-for", parent, NULL);
  self->notes = g_object_ref (notes);
  self->note_id = note_id;
  self->t_start = t_start;
  self->t_end = t_end;

  for (guint i = 0; i < hs_annotations_get_n_notes (notes); i++)
    {
      const HsAnnotation *note = hs_annotations_get_note (notes, i);

      if (note->id == note_id)
        {
          self->t_start = note->t_start;
          self->t_end = note->t_end;
          hs_note_dialog_set_text (self, note->text);
        }
    }

  title = self->t_end > self->t_start
          ? g_strdup_printf (_("Note on %.1f s – %.1f s"), self->t_start, self->t_end)
          : g_strdup_printf (_("Note at %.1f s"), self->t_start);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->delete_button, note_id != 0);

  return self;
}
