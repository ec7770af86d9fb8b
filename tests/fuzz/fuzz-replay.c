/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay.c: runs a fuzz target over files and folders of inputs, without libFuzzer. */

#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static void
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree guint8 *exact = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      exit (EXIT_FAILURE);
    }

  /* A copy without the NUL g_file_get_contents adds, so a read past the end is caught
   * under AddressSanitizer as it would be by libFuzzer. */
  exact = g_memdup2 (contents, len);
  g_print ("%s\n", path);
  LLVMFuzzerTestOneInput (exact, len);
}

static guint
run_path (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  guint n = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      run_file (path);
      return 1;
    }

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_printerr ("%s: cannot open folder\n", path);
      exit (EXIT_FAILURE);
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    n += run_path (g_ptr_array_index (names, i));

  return n;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 2)
    {
      g_printerr ("usage: %s FILE|FOLDER…\n", argv[0]);
      return EXIT_FAILURE;
    }

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);

  /* an empty corpus would make this test pass without testing anything */
  if (n == 0)
    {
      g_printerr ("no inputs found\n");
      return EXIT_FAILURE;
    }

  g_print ("%u inputs passed\n", n);
  return EXIT_SUCCESS;
}
