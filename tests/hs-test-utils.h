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

G_END_DECLS
