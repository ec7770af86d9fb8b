/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-annotations.c: notes are saved per trace in the data folder and come back. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "trace/hs-annotations.h"

static void
test_round_trip (void)
{
  g_autoptr(HsAnnotations) notes = hs_annotations_new ("abc123");
  g_autoptr(HsAnnotations) again = hs_annotations_new ("abc123");
  g_autoptr(HsAnnotations) other = hs_annotations_new ("def456");
  g_autoptr(GFile) file = hs_annotations_get_file (notes);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "heapscope", "notes",
                                                "abc123.json", NULL);
  g_autofree char *path = g_file_get_path (file);
  guint first, second;

  g_assert_cmpstr (path, ==, expected);

  /* nothing saved yet: no notes, no error */
  g_assert_true (hs_annotations_load (notes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hs_annotations_get_n_notes (notes), ==, 0);

  second = hs_annotations_add (notes, 600.0, 600.0, "scvg3 finally releases 1767 MB");
  first = hs_annotations_add (notes, 300.0, 170.6, "heap is small, RSS is not");
  g_assert_cmpuint (first, !=, second);
  g_assert_true (hs_annotations_edit (notes, first, "heap is 3 MB, RSS 1.7 GB"));
  g_assert_true (hs_annotations_save (notes, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (file, NULL));

  g_assert_true (hs_annotations_load (again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hs_annotations_get_n_notes (again), ==, 2);
  /* ordered by time, the range kept with its ends in order */
  g_assert_cmpfloat (hs_annotations_get_note (again, 0)->t_start, ==, 170.6);
  g_assert_cmpfloat (hs_annotations_get_note (again, 0)->t_end, ==, 300.0);
  g_assert_cmpstr (hs_annotations_get_note (again, 0)->text, ==, "heap is 3 MB, RSS 1.7 GB");
  g_assert_cmpstr (hs_annotations_get_note (again, 1)->text, ==, "scvg3 finally releases 1767 MB");
  /* a new note does not reuse an id */
  g_assert_cmpuint (hs_annotations_add (again, 1, 1, "x"), >, MAX (first, second));

  /* another trace has its own notes */
  g_assert_true (hs_annotations_load (other, &error));
  g_assert_cmpuint (hs_annotations_get_n_notes (other), ==, 0);

  /* deleting every note deletes the file */
  g_assert_true (hs_annotations_remove (notes, first));
  g_assert_true (hs_annotations_remove (notes, second));
  g_assert_false (hs_annotations_remove (notes, second));
  g_assert_true (hs_annotations_save (notes, &error));
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
test_invalid_file (void)
{
  g_autoptr(HsAnnotations) notes = hs_annotations_new ("broken");
  g_autoptr(GFile) file = hs_annotations_get_file (notes);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_assert_true (g_file_replace_contents (file, "[1, 2]", 6, NULL, FALSE, 0, NULL, NULL, NULL));
  g_assert_false (hs_annotations_load (notes, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("heapscope-notes-XXXXXX", NULL);
  int status;

  /* never the real data folder of whoever runs the tests; set before GLib caches it
   * (G_TEST_OPTION_ISOLATE_DIRS would do this, but leaks in GLib 2.74 under LeakSanitizer) */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/annotations/HsAnnotations/round-trip", test_round_trip);
  g_test_add_func ("/annotations/HsAnnotations/invalid-file", test_invalid_file);

  status = g_test_run ();

  /* what the tests left: the notes folder tree, each level empty by now */
  {
    g_autofree char *notes = g_build_filename (data_home, "heapscope", "notes", NULL);
    g_autofree char *app = g_build_filename (data_home, "heapscope", NULL);

    g_rmdir (notes);
    g_rmdir (app);
    g_rmdir (data_home);
  }
  return status;
}
