/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-app-test-utils.h: what the viewer's tests under Xvfb share: waiting on the main loop, banners. */
#pragma once

#include "app/hs-application.h"
#include "app/hs-trace-page.h"
#include "app/hs-window.h"

G_BEGIN_DECLS

/* Generous: the sanitizer build runs several times slower. */
#define WAIT_TIMEOUT_S 30

typedef gboolean (*Condition) (gpointer data);

void     wait_for_seconds (Condition    condition,
                           gpointer     data,
                           const char  *what,
                           guint        seconds);
void     wait_for         (Condition    condition,
                           gpointer     data,
                           const char  *what);
void     spin             (guint        ms);
gboolean page_settled     (gpointer     page);
gboolean has_banner       (HsTracePage *page,
                           const char  *needle);
void     assert_banner    (HsTracePage *page,
                           const char  *needle);

HsWindow *app_test_start       (int            *argc,
                                char         ***argv,
                                const char     *name,
                                HsApplication **app,
                                char          **tmpdir);
void      app_test_finish      (HsApplication  *app,
                                HsWindow       *window,
                                char           *tmpdir);
gboolean  app_test_try_save_session (HsTracePage  *page,
                                     GFile        *file,
                                     GError      **error);
void      app_test_save_session (HsTracePage   *page,
                                 GFile         *file);
int       app_test_run_heapscope (const char * const *args,
                                  char              **out,
                                  char              **err);

G_END_DECLS
