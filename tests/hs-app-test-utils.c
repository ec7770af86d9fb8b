/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-app-test-utils.c: what the viewer's tests under Xvfb share: waiting on the main loop, banners. */

#include "config.h"

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
