/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-filter.c: a small expression language for table filters, compiled once, run per row. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hs-filter.h"
#include "hs-trace-row.h"

/*
 * Grammar (case-insensitive):
 *   expr    := and ( ("or" | "||") and )*
 *   and     := unary ( ["and" | "&&"] unary )*        two terms side by side mean "and"
 *   unary   := ("not" | "!") unary | "(" expr ")" | test
 *   test    := FIELD OP NUMBER [UNIT] | FIELD NUMBER [UNIT] | FLAG | NUMBER
 * A bare number is a GC number (for scavenger events: the GC cycle they follow; samples have none).
 * Sizes are in MB by default (the runtime's MB are MiB), durations in ms, times in s.
 * A value a row does not know (a polled cycle's heap, RES with no sample) matches no
 * comparison, and neither does its negation: "heap > 0", "heap <= 0" and "not heap > 0"
 * all leave polled cycles out.
 */

G_DEFINE_QUARK (hs-filter-error-quark, hs_filter_error)

typedef enum
{
  DIM_COUNT,
  DIM_DURATION,   /* ms */
  DIM_TIME,       /* s */
  DIM_BYTES,      /* bytes */
  DIM_PERCENT,
} Dimension;

typedef enum
{
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_COMPARE,
  NODE_FLAG,
} NodeType;

typedef enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE } Op;

typedef struct _Node Node;
struct _Node
{
  NodeType type;
  Node    *left;
  Node    *right;
  int      field;      /* HsGcField / HsScavField, or a pseudo field below */
  Op       op;
  double   value;
  guint    flag;
};

struct _HsFilter
{
  HsFilterTarget target;
  Node          *root;
};

/* pseudo fields that are not columns of the trace */
enum
{
  FIELD_RUN_1 = 1000,   /* runs counted from 1, as shown */
  FIELD_EVENT_GC,       /* the GC number an event follows */
  FIELD_SAMPLE_TIME,
  FIELD_SAMPLE_CPU_PERCENT,   /* GCCPUFraction as % */
};

enum
{
  FLAG_FORCED = 1,
  FLAG_PERIODIC,
  FLAG_NORMAL,
  FLAG_JOINED,
  FLAG_POLLED,
  FLAG_EVENT_FORCED,
  FLAG_EVENT_RESET,
  FLAG_SAMPLE_PROC,
  FLAG_SAMPLE_EXPVAR,
  FLAG_SAMPLE_METRICS,
};

typedef struct
{
  const char *name;
  int         field;
  Dimension   dim;
} FieldName;

static const FieldName cycle_fields[] = {
  { "gc", HS_GC_FIELD_NUMBER, DIM_COUNT },
  { "cycle", HS_GC_FIELD_NUMBER, DIM_COUNT },
  { "run", FIELD_RUN_1, DIM_COUNT },
  { "line", HS_GC_FIELD_LINE, DIM_COUNT },
  { "time", HS_GC_FIELD_TIME, DIM_TIME },
  { "t", HS_GC_FIELD_TIME, DIM_TIME },
  { "cpu", HS_GC_FIELD_CPU_PERCENT, DIM_PERCENT },
  { "procs", HS_GC_FIELD_PROCS, DIM_COUNT },
  { "p", HS_GC_FIELD_PROCS, DIM_COUNT },
  { "pause", HS_GC_FIELD_PAUSE, DIM_DURATION },
  { "stw", HS_GC_FIELD_PAUSE, DIM_DURATION },
  { "sweep", HS_GC_FIELD_CLOCK_SWEEP_TERM, DIM_DURATION },
  { "mark", HS_GC_FIELD_CLOCK_MARK, DIM_DURATION },
  { "markterm", HS_GC_FIELD_CLOCK_MARK_TERM, DIM_DURATION },
  { "assist", HS_GC_FIELD_CPU_ASSIST, DIM_DURATION },
  { "background", HS_GC_FIELD_CPU_BACKGROUND, DIM_DURATION },
  { "bg", HS_GC_FIELD_CPU_BACKGROUND, DIM_DURATION },
  { "idle", HS_GC_FIELD_CPU_IDLE, DIM_DURATION },
  { "heap", HS_GC_FIELD_HEAP_BEFORE, DIM_BYTES },
  { "before", HS_GC_FIELD_HEAP_BEFORE, DIM_BYTES },
  { "after", HS_GC_FIELD_HEAP_AFTER, DIM_BYTES },
  { "live", HS_GC_FIELD_HEAP_LIVE, DIM_BYTES },
  { "goal", HS_GC_FIELD_HEAP_GOAL, DIM_BYTES },
  { "stacks", HS_GC_FIELD_STACKS, DIM_BYTES },
  { "globals", HS_GC_FIELD_GLOBALS, DIM_BYTES },
  { "rss", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), DIM_BYTES },
  { "res", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), DIM_BYTES },
  { "virt", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_VM_SIZE), DIM_BYTES },
};

static const FieldName event_fields[] = {
  { "gc", FIELD_EVENT_GC, DIM_COUNT },
  { "line", HS_SCAV_FIELD_LINE, DIM_COUNT },
  { "time", HS_SCAV_FIELD_TIME, DIM_TIME },
  { "t", HS_SCAV_FIELD_TIME, DIM_TIME },
  { "released", HS_SCAV_FIELD_RELEASED_NOW, DIM_BYTES },
  { "inuse", HS_SCAV_FIELD_INUSE, DIM_BYTES },
  { "idle", HS_SCAV_FIELD_IDLE, DIM_BYTES },
  { "sys", HS_SCAV_FIELD_SYS, DIM_BYTES },
  { "consumed", HS_SCAV_FIELD_CONSUMED, DIM_BYTES },
  { "work", HS_SCAV_FIELD_WORK, DIM_BYTES },
  { "eager", HS_SCAV_FIELD_EAGER, DIM_BYTES },
  { "retained", HS_SCAV_FIELD_RETAINED, DIM_BYTES },
  { "total", HS_SCAV_FIELD_RETAINED, DIM_BYTES },
  { "now", HS_SCAV_FIELD_RETAINED, DIM_BYTES },
  { "util", HS_SCAV_FIELD_UTIL, DIM_PERCENT },
};

/* a sample's values are bytes; a field the sample lacks matches no comparison */
static const FieldName sample_fields[] = {
  { "time", FIELD_SAMPLE_TIME, DIM_TIME },
  { "t", FIELD_SAMPLE_TIME, DIM_TIME },
  { "rss", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), DIM_BYTES },
  { "res", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS), DIM_BYTES },
  { "virt", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_VM_SIZE), DIM_BYTES },
  { "anon", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS_ANON), DIM_BYTES },
  { "file", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_RSS_FILE), DIM_BYTES },
  { "alloc", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_ALLOC), DIM_BYTES },
  { "heapalloc", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_ALLOC), DIM_BYTES },
  { "inuse", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_INUSE), DIM_BYTES },
  { "idle", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_IDLE), DIM_BYTES },
  { "released", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_RELEASED), DIM_BYTES },
  { "heapsys", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_HEAP_SYS), DIM_BYTES },
  { "sys", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_SYS), DIM_BYTES },
  { "nextgc", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_NEXT_GC), DIM_BYTES },
  { "goal", HS_TABLE_SAMPLE_FIELD (HS_SAMPLE_FIELD_NEXT_GC), DIM_BYTES },
  { "cpu", FIELD_SAMPLE_CPU_PERCENT, DIM_PERCENT },
};

typedef struct
{
  const char *name;
  guint       flag;
} FlagName;

static const FlagName cycle_flags[] = {
  { "forced", FLAG_FORCED },
  { "periodic", FLAG_PERIODIC },
  { "normal", FLAG_NORMAL },
  { "joined", FLAG_JOINED },
  { "torn", FLAG_JOINED },
  { "polled", FLAG_POLLED },
};

static const FlagName event_flags[] = {
  { "forced", FLAG_EVENT_FORCED },
  { "reset", FLAG_EVENT_RESET },
};

static const FlagName sample_flags[] = {
  { "proc", FLAG_SAMPLE_PROC },
  { "expvar", FLAG_SAMPLE_EXPVAR },
  { "metrics", FLAG_SAMPLE_METRICS },
  { "prometheus", FLAG_SAMPLE_METRICS },
};

static const FieldName *
target_fields (HsFilterTarget  target,
               guint          *n)
{
  switch (target)
    {
    case HS_FILTER_EVENTS:
      *n = G_N_ELEMENTS (event_fields);
      return event_fields;
    case HS_FILTER_SAMPLES:
      *n = G_N_ELEMENTS (sample_fields);
      return sample_fields;
    case HS_FILTER_CYCLES:
    default:
      *n = G_N_ELEMENTS (cycle_fields);
      return cycle_fields;
    }
}

static const FlagName *
target_flags (HsFilterTarget  target,
              guint          *n)
{
  switch (target)
    {
    case HS_FILTER_EVENTS:
      *n = G_N_ELEMENTS (event_flags);
      return event_flags;
    case HS_FILTER_SAMPLES:
      *n = G_N_ELEMENTS (sample_flags);
      return sample_flags;
    case HS_FILTER_CYCLES:
    default:
      *n = G_N_ELEMENTS (cycle_flags);
      return cycle_flags;
    }
}

typedef struct
{
  const char     *text;
  const char     *p;
  HsFilterTarget  target;
  GError        **error;
} Parser;

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  node_free (node->left);
  node_free (node->right);
  g_free (node);
}

void
hs_filter_free (HsFilter *filter)
{
  node_free (filter->root);
  g_free (filter);
}

static void
skip_space (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static guint
column (Parser *parser)
{
  return (guint) g_utf8_strlen (parser->text, parser->p - parser->text) + 1;
}

/* A word: letters, digits after the first letter, "_" and "µ". */
static gsize
word_length (const char *p)
{
  const char *q = p;

  if (!(g_ascii_isalpha (*q) || *q == '_' || g_str_has_prefix (q, "µ")))
    return 0;

  while (g_ascii_isalnum (*q) || *q == '_' || g_str_has_prefix (q, "µ"))
    q += g_str_has_prefix (q, "µ") ? strlen ("µ") : 1;

  return (gsize) (q - p);
}

static gboolean
take_word (Parser     *parser,
           const char *word)
{
  gsize len;

  skip_space (parser);
  len = word_length (parser->p);
  if (len != strlen (word) || g_ascii_strncasecmp (parser->p, word, len) != 0)
    return FALSE;

  parser->p += len;
  return TRUE;
}

static gboolean
take_symbol (Parser     *parser,
             const char *symbol)
{
  skip_space (parser);
  if (!g_str_has_prefix (parser->p, symbol))
    return FALSE;

  parser->p += strlen (symbol);
  return TRUE;
}

static gboolean
unit_scale (Dimension   dim,
            const char *unit,
            gsize       len,
            double     *scale)
{
  static const struct { Dimension dim; const char *name; double scale; } units[] = {
    { DIM_DURATION, "ns", 1e-6 }, { DIM_DURATION, "us", 1e-3 }, { DIM_DURATION, "µs", 1e-3 },
    { DIM_DURATION, "ms", 1 }, { DIM_DURATION, "s", 1e3 }, { DIM_DURATION, "m", 60e3 },
    { DIM_TIME, "ms", 1e-3 }, { DIM_TIME, "s", 1 }, { DIM_TIME, "m", 60 },
    { DIM_TIME, "min", 60 }, { DIM_TIME, "h", 3600 },
    { DIM_BYTES, "b", 1 }, { DIM_BYTES, "k", 1024.0 }, { DIM_BYTES, "kb", 1024.0 },
    { DIM_BYTES, "kib", 1024.0 }, { DIM_BYTES, "m", 1048576.0 }, { DIM_BYTES, "mb", 1048576.0 },
    { DIM_BYTES, "mib", 1048576.0 }, { DIM_BYTES, "g", 1073741824.0 },
    { DIM_BYTES, "gb", 1073741824.0 }, { DIM_BYTES, "gib", 1073741824.0 },
    { DIM_BYTES, "t", 1099511627776.0 }, { DIM_BYTES, "tb", 1099511627776.0 },
    { DIM_BYTES, "tib", 1099511627776.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i].dim == dim && strlen (units[i].name) == len &&
        g_ascii_strncasecmp (units[i].name, unit, len) == 0)
      {
        *scale = units[i].scale;
        return TRUE;
      }

  return FALSE;
}

static double
default_scale (Dimension dim)
{
  /* the runtime prints sizes in MB (MiB) and phases in ms */
  return dim == DIM_BYTES ? 1048576.0 : 1.0;
}

static gboolean
parse_value (Parser    *parser,
             Dimension  dim,
             double    *value)
{
  char *end = NULL;
  double scale = default_scale (dim);
  gsize len;

  skip_space (parser);
  if (!g_ascii_isdigit (*parser->p) && *parser->p != '.')
    {
      g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX,
                   _("expected a number at column %u"), column (parser));
      return FALSE;
    }

  *value = g_ascii_strtod (parser->p, &end);
  parser->p = end;

  /* a unit right after the number, or after one space */
  if (*parser->p == ' ' && word_length (parser->p + 1) > 0)
    {
      double s;
      gsize l = word_length (parser->p + 1);

      if (unit_scale (dim, parser->p + 1, l, &s))
        parser->p++;
    }

  if (*parser->p == '%' && dim == DIM_PERCENT)
    {
      parser->p++;
    }
  else if ((len = word_length (parser->p)) > 0)
    {
      g_autofree char *unit = g_strndup (parser->p, len);

      if (!unit_scale (dim, parser->p, len, &scale))
        {
          const char *hint = dim == DIM_BYTES ? _("B, KiB, MiB, GiB") :
                             dim == DIM_DURATION ? _("ns, µs, ms, s") :
                             dim == DIM_TIME ? _("ms, s, min, h") : _("none");

          g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_BAD_UNIT,
                       _("“%s” is not a unit for this field (units: %s)"), unit, hint);
          return FALSE;
        }
      parser->p += len;
    }

  *value *= scale;
  return TRUE;
}

static gboolean
parse_op (Parser *parser,
          Op     *op)
{
  static const struct { const char *symbol; Op op; } ops[] = {
    { ">=", OP_GE }, { "<=", OP_LE }, { "!=", OP_NE }, { "==", OP_EQ },
    { ">", OP_GT }, { "<", OP_LT }, { "=", OP_EQ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    if (take_symbol (parser, ops[i].symbol))
      {
        *op = ops[i].op;
        return TRUE;
      }

  /* "run 2" and "gc 17" mean equality */
  *op = OP_EQ;
  return TRUE;
}

static Node *parse_or (Parser *parser);

static char *
list_field_names (HsFilterTarget target)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n, n_flags;
  const FieldName *fields = target_fields (target, &n);
  const FlagName *flags = target_flags (target, &n_flags);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", fields[i].name);
  for (guint i = 0; i < n_flags; i++)
    g_string_append_printf (names, ", %s", flags[i].name);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static Node *
parse_test (Parser *parser)
{
  guint n_fields, n_flags;
  const FieldName *fields = target_fields (parser->target, &n_fields);
  const FlagName *flags = target_flags (parser->target, &n_flags);
  g_autofree Node *node = g_new0 (Node, 1);
  gsize len;

  skip_space (parser);

  if (g_ascii_isdigit (*parser->p) && parser->target != HS_FILTER_SAMPLES)
    {
      node->type = NODE_COMPARE;
      node->field = parser->target == HS_FILTER_CYCLES ? HS_GC_FIELD_NUMBER : FIELD_EVENT_GC;
      node->op = OP_EQ;
      if (!parse_value (parser, DIM_COUNT, &node->value))
        return NULL;
      return g_steal_pointer (&node);
    }

  len = word_length (parser->p);
  if (len == 0)
    {
      if (*parser->p == '\0')
        g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX,
                     _("the expression ends too early"));
      else
        g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX,
                     _("unexpected “%.1s” at column %u"), parser->p, column (parser));
      return NULL;
    }

  for (guint i = 0; i < n_flags; i++)
    if (strlen (flags[i].name) == len && g_ascii_strncasecmp (flags[i].name, parser->p, len) == 0)
      {
        parser->p += len;
        node->type = NODE_FLAG;
        node->flag = flags[i].flag;
        return g_steal_pointer (&node);
      }

  for (guint i = 0; i < n_fields; i++)
    if (strlen (fields[i].name) == len && g_ascii_strncasecmp (fields[i].name, parser->p, len) == 0)
      {
        parser->p += len;
        node->type = NODE_COMPARE;
        node->field = fields[i].field;
        if (!parse_op (parser, &node->op) || !parse_value (parser, fields[i].dim, &node->value))
          return NULL;
        return g_steal_pointer (&node);
      }

  {
    g_autofree char *word = g_strndup (parser->p, len);
    g_autofree char *names = list_field_names (parser->target);

    g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_UNKNOWN_FIELD,
                 _("unknown word “%s” at column %u; known: %s"), word, column (parser), names);
  }
  return NULL;
}

static Node *
make_binary (NodeType  type,
             Node     *left,
             Node     *right)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  node->left = left;
  node->right = right;
  return node;
}

static Node *
parse_unary (Parser *parser)
{
  if (take_word (parser, "not") || take_symbol (parser, "!"))
    {
      Node *inner = parse_unary (parser);

      return inner != NULL ? make_binary (NODE_NOT, inner, NULL) : NULL;
    }

  if (take_symbol (parser, "("))
    {
      Node *inner = parse_or (parser);

      if (inner == NULL)
        return NULL;
      if (!take_symbol (parser, ")"))
        {
          node_free (inner);
          g_set_error (parser->error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX,
                       _("expected “)” at column %u"), column (parser));
          return NULL;
        }
      return inner;
    }

  return parse_test (parser);
}

static gboolean
at_term_end (Parser *parser)
{
  const char *save = parser->p;
  gboolean end;

  skip_space (parser);
  end = *parser->p == '\0' || *parser->p == ')' || g_str_has_prefix (parser->p, "||") ||
        take_word (parser, "or");
  parser->p = save;

  return end;
}

static Node *
parse_and (Parser *parser)
{
  Node *left = parse_unary (parser);

  while (left != NULL && !at_term_end (parser))
    {
      Node *right;

      if (!take_word (parser, "and"))
        take_symbol (parser, "&&");
      right = parse_unary (parser);
      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = make_binary (NODE_AND, left, right);
    }

  return left;
}

static Node *
parse_or (Parser *parser)
{
  Node *left = parse_and (parser);

  while (left != NULL && (take_word (parser, "or") || take_symbol (parser, "||")))
    {
      Node *right = parse_and (parser);

      if (right == NULL)
        {
          node_free (left);
          return NULL;
        }
      left = make_binary (NODE_OR, left, right);
    }

  return left;
}

/**
 * hs_filter_parse:
 * Returns: (transfer full) (nullable): the compiled filter, or %NULL with @error set to a
 * message that names the column and what was expected. An empty text matches every row.
 */
HsFilter *
hs_filter_parse (const char      *text,
                 HsFilterTarget   target,
                 GError         **error)
{
  Parser parser = { text, text, target, error };
  HsFilter *filter;
  Node *root = NULL;

  skip_space (&parser);
  if (*parser.p != '\0')
    {
      root = parse_or (&parser);
      if (root == NULL)
        return NULL;
      skip_space (&parser);
      if (*parser.p != '\0')
        {
          node_free (root);
          g_set_error (error, HS_FILTER_ERROR, HS_FILTER_ERROR_SYNTAX,
                       _("unexpected “%s” at column %u"), parser.p, column (&parser));
          return NULL;
        }
    }

  filter = g_new0 (HsFilter, 1);
  filter->target = target;
  filter->root = root;
  return filter;
}

static double
field_value (const HsFilter *filter,
             HsTrace        *trace,
             guint           row,
             int             field)
{
  if (field == FIELD_RUN_1)
    return (double) hs_trace_get_run_of_cycle (trace, row) + 1;

  if (field == FIELD_EVENT_GC)
    {
      guint cycle = hs_trace_get_scav_cycle (trace, row);

      return cycle > 0 ? hs_trace_get_gc_value (trace, HS_GC_FIELD_NUMBER, cycle - 1) : -1;
    }

  if (field == FIELD_SAMPLE_TIME)
    return hs_trace_get_sample_time (trace, row);

  if (field == FIELD_SAMPLE_CPU_PERCENT)
    return 100.0 * hs_trace_get_sample_value (trace, HS_SAMPLE_FIELD_GC_CPU_FRACTION, row);

  if (filter->target == HS_FILTER_SAMPLES)
    return hs_trace_get_sample_value (trace, HS_TABLE_FIELD_TO_SAMPLE (field), row);

  if (filter->target == HS_FILTER_CYCLES)
    return hs_trace_row_get_cycle_value (trace, field, row);

  return hs_trace_get_scav_value (trace, (HsScavField) field, row);
}

static gboolean
compare (Op     op,
         double a,
         double b)
{
  /* values that were printed with 3 decimals compare equal across unit conversions */
  double tolerance = 1e-9 * MAX (1.0, fabs (b));

  switch (op)
    {
    case OP_LT: return a < b - tolerance;
    case OP_LE: return a <= b + tolerance;
    case OP_GT: return a > b + tolerance;
    case OP_GE: return a >= b - tolerance;
    case OP_EQ: return fabs (a - b) <= tolerance;
    case OP_NE: return fabs (a - b) > tolerance;
    default: g_return_val_if_reached (FALSE);
    }
}

static gboolean
flag_matches (HsTrace *trace,
              guint    row,
              guint    flag)
{
  if (flag == FLAG_SAMPLE_PROC || flag == FLAG_SAMPLE_EXPVAR || flag == FLAG_SAMPLE_METRICS)
    {
      HsSampleSource source = hs_trace_get_sample_source (trace, row);

      return (flag == FLAG_SAMPLE_PROC && source == HS_SAMPLE_SOURCE_PROC) ||
             (flag == FLAG_SAMPLE_EXPVAR && source == HS_SAMPLE_SOURCE_EXPVAR) ||
             (flag == FLAG_SAMPLE_METRICS && source == HS_SAMPLE_SOURCE_METRICS);
    }

  if (flag == FLAG_EVENT_FORCED || flag == FLAG_EVENT_RESET)
    {
      HsScavRecord record;

      hs_trace_get_scav_record (trace, row, &record);
      return (record.flags & (flag == FLAG_EVENT_FORCED ? HS_SCAV_FLAG_FORCED : HS_SCAV_FLAG_CONTROLLER_RESET)) != 0;
    }
  else
    {
      guint flags = hs_trace_get_gc_flags (trace, row);

      switch (flag)
        {
        case FLAG_FORCED: return (flags & HS_GC_FLAG_FORCED) != 0;
        case FLAG_PERIODIC: return (flags & HS_GC_FLAG_PERIODIC) != 0;
        case FLAG_NORMAL: return (flags & (HS_GC_FLAG_FORCED | HS_GC_FLAG_PERIODIC | HS_GC_FLAG_SAMPLED)) == 0;
        case FLAG_JOINED: return (flags & HS_GC_FLAG_JOINED) != 0;
        case FLAG_POLLED: return (flags & HS_GC_FLAG_SAMPLED) != 0;
        default: g_return_val_if_reached (FALSE);
        }
    }
}

/*
 * Three-valued, as in SQL: a comparison on a value the row does not know is unknown, and
 * "not" of unknown stays unknown, so "not heap > 0" does not pick polled cycles either.
 */
typedef enum
{
  TRUTH_NO,
  TRUTH_UNKNOWN,
  TRUTH_YES,
} Truth;

static Truth
truth_of (gboolean value)
{
  return value ? TRUTH_YES : TRUTH_NO;
}

static Truth
eval (const HsFilter *filter,
      const Node     *node,
      HsTrace        *trace,
      guint           row)
{
  double value;

  switch (node->type)
    {
    case NODE_AND:
      {
        Truth left = eval (filter, node->left, trace, row);

        /* Kleene's and: the lesser of the two, NO < UNKNOWN < YES */
        return left == TRUTH_NO ? TRUTH_NO : MIN (left, eval (filter, node->right, trace, row));
      }
    case NODE_OR:
      {
        Truth left = eval (filter, node->left, trace, row);

        return left == TRUTH_YES ? TRUTH_YES : MAX (left, eval (filter, node->right, trace, row));
      }
    case NODE_NOT:
      return TRUTH_YES - eval (filter, node->left, trace, row);
    case NODE_COMPARE:
      value = field_value (filter, trace, row, node->field);
      return isnan (value) ? TRUTH_UNKNOWN : truth_of (compare (node->op, value, node->value));
    case NODE_FLAG:
      return truth_of (flag_matches (trace, row, node->flag));
    default:
      g_return_val_if_reached (TRUTH_NO);
    }
}

gboolean
hs_filter_matches (const HsFilter *filter,
                   HsTrace        *trace,
                   guint           row)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->root == NULL || eval (filter, filter->root, trace, row) == TRUTH_YES;
}

static gboolean
node_uses_samples (const Node *node)
{
  if (node == NULL)
    return FALSE;
  if (node->type == NODE_COMPARE)
    return HS_TABLE_FIELD_IS_SAMPLE (node->field);

  return node_uses_samples (node->left) || node_uses_samples (node->right);
}

/* Whether a cycle filter reads memory samples (rss, virt): new samples may change what it matches. */
gboolean
hs_filter_uses_samples (const HsFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->target == HS_FILTER_CYCLES && node_uses_samples (filter->root);
}
