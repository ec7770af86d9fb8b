/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-common.h: what the fuzz targets share: libFuzzer's entry points and the checks on a parse. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "hs-trace.h"

G_BEGIN_DECLS

/* Each target defines LLVMFuzzerTestOneInput; fuzz-common.c defines LLVMFuzzerInitialize. */
int      LLVMFuzzerInitialize       (int                 *argc,
                                     char              ***argv);
int      LLVMFuzzerTestOneInput     (const uint8_t       *data,
                                     size_t               size);

/* The checks abort (), which libFuzzer and the corpus replay both report as a crash. */
#define FUZZ_CHECK(cond) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      fuzz_fail (__FILE__, __LINE__, #cond); \
  } G_STMT_END

G_NORETURN void fuzz_fail           (const char          *file,
                                     int                  line,
                                     const char          *what);
guint64  fuzz_count_lines           (const char          *data,
                                     gsize                len);
void     fuzz_check_line_counts     (const HsLineCounts  *counts,
                                     guint64              expected_lines);
void     fuzz_check_same_trace      (HsTrace             *trace,
                                     HsTrace             *reference);
void     fuzz_exercise_trace        (HsTrace             *trace);

G_END_DECLS
