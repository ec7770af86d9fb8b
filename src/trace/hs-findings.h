/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-findings.h: what happened in a trace, in words: problems found, with numbers and advice. */
#pragma once

#include "hs-trace.h"

G_BEGIN_DECLS

typedef enum
{
  HS_SEVERITY_INFO,
  HS_SEVERITY_WARNING,
  HS_SEVERITY_PROBLEM,
} HsSeverity;

typedef struct
{
  const char *id;           /* stable, e.g. "os-memory-held" */
  HsSeverity  severity;
  double      t_start;      /* s on the trace's axis */
  double      t_end;
  guint       first_cycle;  /* the cycles it covers */
  guint       last_cycle;
  char       *title;        /* one line, translated */
  char       *detail;       /* what happened, with this trace's numbers, translated */
  char       *advice;       /* what to do about it, for the Go version of the trace */
} HsFinding;

GPtrArray  *hs_findings_analyze          (HsTrace    *trace);
void        hs_finding_free              (HsFinding  *finding);
const char *hs_severity_to_string        (HsSeverity  severity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HsFinding, hs_finding_free)

G_END_DECLS
