/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-annotations.h: notes a person adds to a point or a range of a trace, kept between sessions. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HS_TYPE_ANNOTATIONS (hs_annotations_get_type ())

G_DECLARE_FINAL_TYPE (HsAnnotations, hs_annotations, HS, ANNOTATIONS, GObject)

typedef struct
{
  guint   id;
  double  t_start;     /* s on the trace's axis */
  double  t_end;       /* == t_start for a note on a point */
  char   *text;
} HsAnnotation;

HsAnnotations       *hs_annotations_new          (const char     *content_key);
const char          *hs_annotations_get_key      (HsAnnotations  *self);
GFile               *hs_annotations_get_file     (HsAnnotations  *self);
gboolean             hs_annotations_load         (HsAnnotations  *self,
                                                  GError        **error);
gboolean             hs_annotations_save         (HsAnnotations  *self,
                                                  GError        **error);
guint                hs_annotations_get_n_notes  (HsAnnotations  *self);
const HsAnnotation  *hs_annotations_get_note     (HsAnnotations  *self,
                                                  guint           index);
guint                hs_annotations_add          (HsAnnotations  *self,
                                                  double          t_start,
                                                  double          t_end,
                                                  const char     *text);
gboolean             hs_annotations_edit         (HsAnnotations  *self,
                                                  guint           id,
                                                  const char     *text);
gboolean             hs_annotations_remove       (HsAnnotations  *self,
                                                  guint           id);

G_END_DECLS
