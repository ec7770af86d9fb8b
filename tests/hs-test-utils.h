/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-test-utils.h: helpers the trace tests share: reference parses and field-by-field comparison. */
#pragma once

#include <gio/gio.h>

#include "trace/hs-filter.h"
#include "trace/hs-table-model.h"
#include "trace/hs-trace.h"

G_BEGIN_DECLS

char    *hs_test_sample_path          (const char  *name);
HsTrace *hs_test_parse_sequential     (const char  *data,
                                       gsize        len);
HsTrace *hs_test_load_file            (const char  *path,
                                       GError     **error);
HsTrace *hs_test_load_sample          (const char  *name);
void     hs_test_assert_accounted     (HsTrace     *trace);
void     hs_test_assert_traces_equal  (HsTrace     *a,
                                       HsTrace     *b);
void     hs_test_assert_cycle_equal   (HsTrace     *a,
                                       guint        cycle_a,
                                       HsTrace     *b,
                                       guint        cycle_b);
guint    hs_test_count_matches        (HsTrace        *trace,
                                       HsFilterTarget  target,
                                       const char     *text);
void     hs_test_wait_until_idle      (HsTableModel   *model);

/* tests/hs-rss-child: "alloc N" maps and touches N MiB, "free" unmaps it, "exit" ends it */
typedef struct
{
  GSubprocess      *child;
  GOutputStream    *in;
  GDataInputStream *out;
  gint64            spawned_us;
  GPid              pid;      /* kept: the subprocess forgets it once the child was reaped */
} HsTestChild;

void     hs_test_child_start          (HsTestChild *c);
void     hs_test_child_start_as       (HsTestChild *c,
                                       const char  *path);
void     hs_test_child_command        (HsTestChild *c,
                                       const char  *command,
                                       const char  *expected);
GPid     hs_test_child_pid            (HsTestChild *c);
void     hs_test_child_clear          (HsTestChild *c);

G_END_DECLS
