/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-export-dialog.c: choose what and how to export, then where, with the native file chooser. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-export-dialog.h"
#include "report/hs-report.h"

struct _HsExportDialog
{
  GtkWindow             parent_instance;

  HsChartStack         *charts;
  HsAnnotations        *notes;
  GtkFileChooserNative *chooser;

  GtkWidget            *export_button;
  GtkWidget            *charts_check;
  GtkWidget            *report_check;
  GtkWidget            *range_label;
  GtkWidget            *range_box;
  GtkWidget            *visible_check;
  GtkWidget            *whole_check;
  GtkWidget            *size_label;
  GtkWidget            *size_box;
  GtkWidget            *width_spin;
  GtkWidget            *height_spin;
  GtkWidget            *style_label;
  GtkWidget            *style_box;
  GtkWidget            *light_check;
  GtkWidget            *dark_check;
  GtkWidget            *error_label;
};

G_DEFINE_FINAL_TYPE (HsExportDialog, hs_export_dialog, GTK_TYPE_WINDOW)

static gboolean
is_report (HsExportDialog *self)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (self->report_check));
}

/* A report has its own layout: range, size and style are the charts' only. */
static void
kind_toggled_cb (HsExportDialog *self)
{
  gboolean charts = !is_report (self);

  gtk_widget_set_sensitive (self->range_label, charts);
  gtk_widget_set_sensitive (self->range_box, charts);
  gtk_widget_set_sensitive (self->size_label, charts);
  gtk_widget_set_sensitive (self->size_box, charts);
  gtk_widget_set_sensitive (self->style_label, charts);
  gtk_widget_set_sensitive (self->style_box, charts);
}

void
hs_export_dialog_set_report (HsExportDialog *self,
                             gboolean        report)
{
  g_return_if_fail (HS_IS_EXPORT_DIALOG (self));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (report ? self->report_check : self->charts_check), TRUE);
  kind_toggled_cb (self);
}

static void
show_error (HsExportDialog *self,
            const char     *message)
{
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/*
 * Writes the chosen export to @path: the charts (the format from the extension) or the
 * report (.pdf or .html). Also what the tests call, without a file chooser.
 */
gboolean
hs_export_dialog_export_to (HsExportDialog  *self,
                            const char      *path,
                            GError         **error)
{
  g_return_val_if_fail (HS_IS_EXPORT_DIALOG (self), FALSE);

  if (is_report (self))
    {
      HsReportFormat format;

      if (!hs_report_format_from_path (path, &format))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("A report is a .pdf or an .html file"));
          return FALSE;
        }
      return hs_report_write (hs_chart_renderer_get_trace (hs_chart_stack_get_renderer (self->charts)),
                              self->notes, format, path, error);
    }

  return hs_chart_stack_export (self->charts, path,
                                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->width_spin)),
                                gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->height_spin)),
                                gtk_check_button_get_active (GTK_CHECK_BUTTON (self->dark_check)),
                                gtk_check_button_get_active (GTK_CHECK_BUTTON (self->whole_check)),
                                error);
}

static void
chooser_response_cb (HsExportDialog *self,
                     int             response)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL || !hs_export_dialog_export_to (self, path, &error))
    {
      show_error (self, error != NULL ? error->message : _("Only local files can be written"));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_clicked_cb (HsExportDialog *self)
{
  HsTrace *trace = hs_chart_renderer_get_trace (hs_chart_stack_get_renderer (self->charts));
  g_autofree char *base = g_path_get_basename (hs_trace_get_name (trace));
  g_autofree char *suggested = NULL;
  char *dot;

  show_error (self, NULL);

  if ((dot = strrchr (base, '.')) != NULL && dot != base)
    *dot = '\0';
  suggested = g_strconcat (base, is_report (self) ? "-report.pdf" : "-charts.png", NULL);

  self->chooser = gtk_file_chooser_native_new (is_report (self) ? _("Export Report") : _("Export Charts"),
                                               GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  if (is_report (self))
    {
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document"), "*.pdf");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("Web page"), "*.html");
    }
  else
    {
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG image"), "*.png");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG image"), "*.svg");
      add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF document"), "*.pdf");
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
hs_export_dialog_dispose (GObject *object)
{
  HsExportDialog *self = (HsExportDialog *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->charts);
  g_clear_object (&self->notes);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (hs_export_dialog_parent_class)->dispose (object);
}

static void
hs_export_dialog_class_init (HsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hs_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/heapscope/Heapscope/hs-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, charts_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, report_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, range_label);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, range_box);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, visible_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, whole_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, size_box);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, style_label);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, style_box);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, light_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, dark_check);
  gtk_widget_class_bind_template_child (widget_class, HsExportDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hs_export_dialog_init (HsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HsExportDialog *
hs_export_dialog_new (GtkWindow     *parent,
                      HsChartStack  *charts,
                      HsAnnotations *notes)
{
  HsExportDialog *self;

  g_return_val_if_fail (HS_IS_CHART_STACK (charts), NULL);

  self = g_object_new (HS_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->charts = g_object_ref (charts);
  self->notes = notes != NULL ? g_object_ref (notes) : NULL;

  return self;
}
