/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-prom-parser.c: a strict reader of Prometheus text exposition, line by line. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hs-prom-parser.h"

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Cursor;

static void
prom_sample_clear (gpointer data)
{
  HsPromSample *sample = data;

  g_clear_pointer (&sample->name, g_free);
  g_clear_pointer (&sample->labels, g_strfreev);
}

void
hs_prom_set_free (HsPromSet *set)
{
  if (set == NULL)
    return;

  g_clear_pointer (&set->samples, g_array_unref);
  g_clear_pointer (&set->types, g_hash_table_unref);
  g_clear_pointer (&set->help, g_hash_table_unref);
  g_free (set);
}

static gboolean
is_name_start (char c,
               gboolean colon)
{
  return g_ascii_isalpha (c) || c == '_' || (colon && c == ':');
}

static gboolean
is_name_char (char c,
              gboolean colon)
{
  return is_name_start (c, colon) || g_ascii_isdigit (c);
}

static void
skip_blanks (Cursor *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
    c->p++;
}

static gboolean
fail (Cursor      *c,
      GError     **error,
      const char  *expected)
{
  g_autofree char *found = NULL;

  if (c->p >= c->end)
    found = g_strdup (_("the end of the line"));
  else
    found = g_strdup_printf ("“%.*s”", (int) MIN ((gsize) (c->end - c->p), 20), c->p);

  /* TRANSLATORS: "line 3: expected a label value in quotes, found “abc”" */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("line %u: expected %s, found %s"),
               c->line, expected, found);
  return FALSE;
}

static char *
read_name (Cursor   *c,
           gboolean  colon)
{
  const char *start = c->p;

  if (c->p >= c->end || !is_name_start (*c->p, colon))
    return NULL;
  while (c->p < c->end && is_name_char (*c->p, colon))
    c->p++;

  return g_strndup (start, c->p - start);
}

/* A label value: "…" with \\, \" and \n escaped. */
static char *
read_quoted (Cursor  *c,
             GError **error)
{
  GString *value;

  if (c->p >= c->end || *c->p != '"')
    {
      fail (c, error, _("a label value in quotes"));
      return NULL;
    }
  c->p++;

  value = g_string_new (NULL);
  while (c->p < c->end && *c->p != '"')
    {
      if (*c->p == '\\')
        {
          c->p++;
          if (c->p >= c->end || (*c->p != '\\' && *c->p != '"' && *c->p != 'n'))
            {
              g_string_free (value, TRUE);
              fail (c, error, _("\\\\, \\\" or \\n after a backslash"));
              return NULL;
            }
          g_string_append_c (value, *c->p == 'n' ? '\n' : *c->p);
        }
      else
        {
          g_string_append_c (value, *c->p);
        }
      c->p++;
    }

  if (c->p >= c->end)
    {
      g_string_free (value, TRUE);
      fail (c, error, _("a closing quote"));
      return NULL;
    }
  c->p++;

  return g_string_free (value, FALSE);
}

static char *
read_token (Cursor *c)
{
  const char *start = c->p;

  while (c->p < c->end && *c->p != ' ' && *c->p != '\t')
    c->p++;

  return g_strndup (start, c->p - start);
}

/* Go's strconv.ParseFloat spellings: NaN, +Inf, -Inf, Inf, and decimal or hex floats. */
static gboolean
parse_value (const char *token,
             double     *value)
{
  char *end = NULL;

  if (*token == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (token, "nan") == 0)
    {
      *value = NAN;
      return TRUE;
    }
  if (g_ascii_strcasecmp (token, "+inf") == 0 || g_ascii_strcasecmp (token, "inf") == 0)
    {
      *value = INFINITY;
      return TRUE;
    }
  if (g_ascii_strcasecmp (token, "-inf") == 0)
    {
      *value = -INFINITY;
      return TRUE;
    }

  *value = g_ascii_strtod (token, &end);
  /* g_ascii_strtod also takes "infinity" and "nan(…)": the cases above are the valid ones */
  return end != token && *end == '\0' && isfinite (*value);
}

static gboolean
parse_labels (Cursor     *c,
              GPtrArray  *labels,
              GError    **error)
{
  /* after '{' */
  for (;;)
    {
      g_autofree char *name = NULL;
      char *value;

      skip_blanks (c);
      if (c->p < c->end && *c->p == '}')
        {
          c->p++;
          return TRUE;
        }

      name = read_name (c, FALSE);
      if (name == NULL)
        return fail (c, error, _("a label name"));
      skip_blanks (c);
      if (c->p >= c->end || *c->p != '=')
        return fail (c, error, "“=”");
      c->p++;
      skip_blanks (c);
      value = read_quoted (c, error);
      if (value == NULL)
        return FALSE;

      g_ptr_array_add (labels, g_steal_pointer (&name));
      g_ptr_array_add (labels, value);

      skip_blanks (c);
      if (c->p < c->end && *c->p == ',')
        c->p++;
      else if (c->p >= c->end || *c->p != '}')
        return fail (c, error, _("“,” or “}”"));
    }
}

static gboolean
parse_comment (HsPromSet *set,
               Cursor    *c)
{
  g_autofree char *keyword = NULL;
  g_autofree char *name = NULL;

  /* after '#': "HELP name text" and "TYPE name type"; anything else is a comment */
  skip_blanks (c);
  keyword = read_name (c, FALSE);
  if (keyword == NULL || (strcmp (keyword, "HELP") != 0 && strcmp (keyword, "TYPE") != 0))
    return TRUE;
  skip_blanks (c);
  name = read_name (c, TRUE);
  if (name == NULL)
    return TRUE;
  skip_blanks (c);

  if (strcmp (keyword, "TYPE") == 0)
    {
      g_autofree char *type = read_token (c);

      g_hash_table_replace (set->types, g_steal_pointer (&name), g_steal_pointer (&type));
    }
  else
    {
      GString *help = g_string_new (NULL);

      /* help text escapes \\ and \n only */
      for (; c->p < c->end; c->p++)
        {
          if (*c->p == '\\' && c->p + 1 < c->end && (c->p[1] == '\\' || c->p[1] == 'n'))
            {
              c->p++;
              g_string_append_c (help, *c->p == 'n' ? '\n' : '\\');
            }
          else
            {
              g_string_append_c (help, *c->p);
            }
        }
      g_hash_table_replace (set->help, g_steal_pointer (&name), g_string_free (help, FALSE));
    }

  return TRUE;
}

static gboolean
parse_sample (HsPromSet  *set,
              Cursor     *c,
              GError    **error)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = read_name (c, TRUE);
  g_autofree char *value_text = NULL;
  HsPromSample sample = { 0 };

  if (name == NULL)
    return fail (c, error, _("a metric name"));

  skip_blanks (c);
  if (c->p < c->end && *c->p == '{')
    {
      c->p++;
      if (!parse_labels (c, labels, error))
        return FALSE;
    }

  skip_blanks (c);
  value_text = read_token (c);
  if (!parse_value (value_text, &sample.value))
    {
      c->p -= strlen (value_text);
      return fail (c, error, _("a number, NaN, +Inf or -Inf"));
    }

  skip_blanks (c);
  if (c->p < c->end)
    {
      g_autofree char *stamp = read_token (c);

      if (!g_ascii_string_to_signed (stamp, 10, G_MININT64, G_MAXINT64, &sample.timestamp_ms, NULL))
        {
          c->p -= strlen (stamp);
          return fail (c, error, _("a timestamp in milliseconds"));
        }
      sample.has_timestamp = TRUE;
      skip_blanks (c);
      if (c->p < c->end)
        return fail (c, error, _("the end of the line"));
    }

  sample.name = g_steal_pointer (&name);
  sample.line = c->line;
  if (labels->len > 0)
    {
      g_ptr_array_add (labels, NULL);
      sample.labels = (char **) g_ptr_array_steal (labels, NULL);
    }
  g_array_append_val (set->samples, sample);

  return TRUE;
}

/*
 * Reads a whole exposition. Fails on the first line that is not a comment, a blank line or a
 * sample, with its line number: an HTML error page or a JSON document is not metrics.
 */
HsPromSet *
hs_prom_parse (const char  *text,
               gsize        len,
               GError     **error)
{
  g_autoptr(HsPromSet) set = g_new0 (HsPromSet, 1);
  const char *p = text;
  const char *end = text + len;
  guint line = 0;

  set->samples = g_array_new (FALSE, FALSE, sizeof (HsPromSample));
  g_array_set_clear_func (set->samples, prom_sample_clear);
  set->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  set->help = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (memchr (text, '\0', len) != NULL || !g_utf8_validate (text, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("not text in UTF-8"));
      return NULL;
    }

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      Cursor c;

      line++;
      c.p = p;
      c.end = eol != NULL ? eol : end;
      c.line = line;
      if (c.end > c.p && c.end[-1] == '\r')
        c.end--;

      skip_blanks (&c);
      if (c.p < c.end)
        {
          if (*c.p == '#')
            {
              c.p++;
              parse_comment (set, &c);
            }
          else if (!parse_sample (set, &c, error))
            {
              return NULL;
            }
        }

      p = eol != NULL ? eol + 1 : end;
    }

  return g_steal_pointer (&set);
}

const char *
hs_prom_sample_get_label (const HsPromSample *sample,
                          const char         *label)
{
  if (sample->labels == NULL)
    return NULL;

  for (guint i = 0; sample->labels[i] != NULL; i += 2)
    if (strcmp (sample->labels[i], label) == 0)
      return sample->labels[i + 1];

  return NULL;
}

/* The first sample named @name, with @label = @label_value when @label is given. */
const HsPromSample *
hs_prom_set_find (const HsPromSet *set,
                  const char      *name,
                  const char      *label,
                  const char      *label_value)
{
  for (guint i = 0; i < set->samples->len; i++)
    {
      const HsPromSample *sample = &g_array_index (set->samples, HsPromSample, i);

      if (strcmp (sample->name, name) != 0)
        continue;
      if (label == NULL || g_strcmp0 (hs_prom_sample_get_label (sample, label), label_value) == 0)
        return sample;
    }

  return NULL;
}
