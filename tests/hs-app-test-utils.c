/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-app-test-utils.c: what the viewer's tests under Xvfb share: waiting on the main loop, banners. */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "hs-app-test-utils.h"

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @condition holds; fails the test after @seconds. */
void
wait_for_seconds (Condition   condition,
                  gpointer    data,
                  const char *what,
                  guint       seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("timed out waiting for %s", what);
  g_source_remove (id);
}

void
wait_for (Condition   condition,
          gpointer    data,
          const char *what)
{
  wait_for_seconds (condition, data, what, WAIT_TIMEOUT_S);
}

/* Runs the main loop for @ms, whatever happens. */
void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
page_settled (gpointer data)
{
  HsTracePageState state = hs_trace_page_get_state (data);

  return state == HS_TRACE_PAGE_DONE || state == HS_TRACE_PAGE_FAILED;
}

/* TRUE when a banner of @page contains @needle. */
gboolean
has_banner (HsTracePage *page,
            const char  *needle)
{
  g_auto(GStrv) banners = hs_trace_page_get_banners (page);

  for (guint i = 0; banners[i] != NULL; i++)
    if (strstr (banners[i], needle) != NULL)
      return TRUE;

  return FALSE;
}

void
assert_banner (HsTracePage *page,
               const char  *needle)
{
  if (!has_banner (page, needle))
    {
      g_auto(GStrv) banners = hs_trace_page_get_banners (page);
      g_autofree char *all = g_strjoinv ("\n  ", banners);

      g_error ("no banner with “%s”; the banners are:\n  %s", needle, all);
    }
}

/*
 * What every viewer test starts with: GTK under the test's display, an application that
 * owns no bus name, its window, and a temporary folder named after the test.
 */
HsWindow *
app_test_start (int            *argc,
                char         ***argv,
                const char     *name,
                HsApplication **app,
                char          **tmpdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("heapscope-%s-XXXXXX", name);
  HsWindow *window;

  *tmpdir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);

  gtk_test_init (argc, argv, NULL);

  *app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (*app), NULL, &error));
  g_assert_no_error (error);
  window = hs_window_new (*app);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

/* Closes the window (its tabs stop what they run), drops the app, empties and removes @tmpdir. */
void
app_test_finish (HsApplication *app,
                 HsWindow      *window,
                 char          *tmpdir)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_object_unref (app);

  dir = g_dir_open (tmpdir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (tmpdir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (tmpdir);
  g_free (tmpdir);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} SaveWait;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveWait *wait = user_data;

  wait->ok = hs_trace_page_save_session_finish (HS_TRACE_PAGE (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveWait *) data)->done;
}

/* Save Session of @page to @file, waited for: whether it was saved, and why not. */
gboolean
app_test_try_save_session (HsTracePage  *page,
                           GFile        *file,
                           GError      **error)
{
  SaveWait wait = { FALSE, FALSE, NULL };

  hs_trace_page_save_session_async (page, file, save_cb, &wait);
  wait_for (save_done, &wait, "the session to be saved");
  g_assert_true (wait.ok == (wait.error == NULL));
  if (wait.error != NULL)
    g_propagate_error (error, wait.error);

  return wait.ok;
}

/* The same, failing the test when it fails. */
void
app_test_save_session (HsTracePage *page,
                       GFile       *file)
{
  g_autoptr(GError) error = NULL;

  app_test_try_save_session (page, file, &error);
  g_assert_no_error (error);
}

/*
 * Runs the heapscope binary the tests were built with ($HEAPSCOPE) with @args (NULL
 * ended); its output and error output go to @out and @err when given. Returns its status.
 */
int
app_test_run_heapscope (const char * const *args,
                        char              **out,
                        char              **err)
{
  const char *heapscope = g_getenv ("HEAPSCOPE");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (heapscope);
  g_ptr_array_add (argv, (gpointer) heapscope);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               (out != NULL ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : G_SUBPROCESS_FLAGS_STDOUT_SILENCE) |
                               (err != NULL ? G_SUBPROCESS_FLAGS_STDERR_PIPE : G_SUBPROCESS_FLAGS_STDERR_SILENCE),
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}
