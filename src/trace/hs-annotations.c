/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-annotations.c: notes stored as JSON in the user's data folder, one file per trace. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hs-annotations.h"

/*
 * Notes are saved next to nothing the user did not ask for: in
 * $XDG_DATA_HOME/heapscope/notes/KEY.json, where KEY identifies the trace's content (see
 * hs_trace_get_content_key), so they come back when the same trace is opened again, from
 * wherever it lies. The file format is versioned: {"version": 1, "notes": [...]}.
 */

#define FORMAT_VERSION 1

struct _HsAnnotations
{
  GObject  parent_instance;

  char    *key;
  GArray  *notes;     /* HsAnnotation, ordered by t_start */
  guint    next_id;
};

G_DEFINE_FINAL_TYPE (HsAnnotations, hs_annotations, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
annotation_clear (gpointer data)
{
  HsAnnotation *note = data;

  g_clear_pointer (&note->text, g_free);
}

static void
hs_annotations_finalize (GObject *object)
{
  HsAnnotations *self = (HsAnnotations *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->notes, g_array_unref);

  G_OBJECT_CLASS (hs_annotations_parent_class)->finalize (object);
}

static void
hs_annotations_class_init (HsAnnotationsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hs_annotations_finalize;

  /**
   * HsAnnotations::changed:
   * Emitted after a note was added, edited or removed, or notes were loaded.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_annotations_init (HsAnnotations *self)
{
  self->notes = g_array_new (FALSE, FALSE, sizeof (HsAnnotation));
  g_array_set_clear_func (self->notes, annotation_clear);
  self->next_id = 1;
}

HsAnnotations *
hs_annotations_new (const char *content_key)
{
  HsAnnotations *self;

  g_return_val_if_fail (content_key != NULL && *content_key != '\0', NULL);
  /* the key names a file: no path separators or dots that could climb out of the folder */
  g_return_val_if_fail (strpbrk (content_key, "/\\.") == NULL, NULL);

  self = g_object_new (HS_TYPE_ANNOTATIONS, NULL);
  self->key = g_strdup (content_key);

  return self;
}

const char *
hs_annotations_get_key (HsAnnotations *self)
{
  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), NULL);

  return self->key;
}

GFile *
hs_annotations_get_file (HsAnnotations *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), NULL);

  name = g_strconcat (self->key, ".json", NULL);
  return g_file_new_build_filename (g_get_user_data_dir (), "heapscope", "notes", name, NULL);
}

static gint
compare_notes (gconstpointer a,
               gconstpointer b)
{
  const HsAnnotation *x = a, *y = b;

  if (x->t_start != y->t_start)
    return x->t_start < y->t_start ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static void
insert_note (HsAnnotations *self,
             guint          id,
             double         t_start,
             double         t_end,
             const char    *text)
{
  HsAnnotation note = { id, MIN (t_start, t_end), MAX (t_start, t_end), g_strdup (text) };

  g_array_append_val (self->notes, note);
  g_array_sort (self->notes, compare_notes);
  self->next_id = MAX (self->next_id, id + 1);
}

/* Reads the notes saved for this trace. No file yet is not an error: there are no notes. */
gboolean
hs_annotations_load (HsAnnotations  *self,
                     GError        **error)
{
  g_autoptr(GFile) file = hs_annotations_get_file (self);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonArray *notes;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), FALSE);

  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != FORMAT_VERSION ||
      !json_object_has_member (root, "notes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "notes")))
    goto invalid;

  g_array_set_size (self->notes, 0);
  notes = json_object_get_array_member (root, "notes");
  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonNode *node = json_array_get_element (notes, i);
      JsonObject *note;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto invalid;
      note = json_node_get_object (node);
      insert_note (self,
                   (guint) json_object_get_int_member_with_default (note, "id", self->next_id),
                   json_object_get_double_member_with_default (note, "t_start", 0),
                   json_object_get_double_member_with_default (note, "t_end", 0),
                   json_object_get_string_member_with_default (note, "text", ""));
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("%s is not a Heapscope notes file"), path);
  return FALSE;
}

gboolean
hs_annotations_save (HsAnnotations  *self,
                     GError        **error)
{
  g_autoptr(GFile) file = hs_annotations_get_file (self);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), FALSE);

  /* the last note deleted: delete the file too, leave nothing behind */
  if (self->notes->len == 0)
    {
      if (!g_file_delete (file, NULL, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->notes->len; i++)
    {
      const HsAnnotation *note = &g_array_index (self->notes, HsAnnotation, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, note->id);
      json_builder_set_member_name (builder, "t_start");
      json_builder_add_double_value (builder, note->t_start);
      json_builder_set_member_name (builder, "t_end");
      json_builder_add_double_value (builder, note->t_end);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, note->text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  data = json_generator_to_data (generator, &len);

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* replace atomically: a crash while saving never leaves half a file */
  return g_file_replace_contents (file, data, len, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                  NULL, error);
}

guint
hs_annotations_get_n_notes (HsAnnotations *self)
{
  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), 0);

  return self->notes->len;
}

const HsAnnotation *
hs_annotations_get_note (HsAnnotations *self,
                         guint          index)
{
  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), NULL);
  g_return_val_if_fail (index < self->notes->len, NULL);

  return &g_array_index (self->notes, HsAnnotation, index);
}

/* Returns the new note's id. A note on a point has @t_end == @t_start. */
guint
hs_annotations_add (HsAnnotations *self,
                    double         t_start,
                    double         t_end,
                    const char    *text)
{
  guint id;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  id = self->next_id;
  insert_note (self, id, t_start, t_end, text);
  g_signal_emit (self, signals[CHANGED], 0);

  return id;
}

static HsAnnotation *
find_note (HsAnnotations *self,
           guint          id,
           guint         *index)
{
  for (guint i = 0; i < self->notes->len; i++)
    if (g_array_index (self->notes, HsAnnotation, i).id == id)
      {
        if (index != NULL)
          *index = i;
        return &g_array_index (self->notes, HsAnnotation, i);
      }

  return NULL;
}

gboolean
hs_annotations_edit (HsAnnotations *self,
                     guint          id,
                     const char    *text)
{
  HsAnnotation *note;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), FALSE);

  note = find_note (self, id, NULL);
  if (note == NULL)
    return FALSE;

  g_free (note->text);
  note->text = g_strdup (text);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

gboolean
hs_annotations_remove (HsAnnotations *self,
                       guint          id)
{
  guint index;

  g_return_val_if_fail (HS_IS_ANNOTATIONS (self), FALSE);

  if (find_note (self, id, &index) == NULL)
    return FALSE;

  g_array_remove_index (self->notes, index);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}
