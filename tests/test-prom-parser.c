/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-prom-parser.c: the Prometheus text format reader: every construct, and what it refuses. */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "trace/hs-prom-parser.h"

static HsPromSet *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  HsPromSet *set = hs_prom_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (set);
  return set;
}

static void
test_prom_format (void)
{
  const char *text =
    "# HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.\n"
    "# TYPE go_gc_duration_seconds summary\n"
    "go_gc_duration_seconds{quantile=\"0\"} 2.7e-05\n"
    "go_gc_duration_seconds{quantile=\"0.5\"} 6.1e-05\n"
    "go_gc_duration_seconds{quantile=\"1\"} 0.000301\n"
    "go_gc_duration_seconds_sum 0.0123\n"
    "go_gc_duration_seconds_count 42\n"
    "\n"
    "# a plain comment, then blanks and tabs\n"
    "   \t\n"
    "# HELP odd_help Backslash \\\\ and\\nnewline.\n"
    "odd_labels{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\\n\",} NaN\n"
    "spaced { a = \"1\" , b=\"2\" } +Inf 1700000000123\n"
    "negative_inf -Inf\n"
    "with_crlf 3\r\n"
    "colon:name_total 1.5e+09 -5\n"
    "last_line_without_newline 0x10";
  g_autoptr(HsPromSet) set = parse (text);
  const HsPromSample *s;

  g_assert_cmpuint (set->samples->len, ==, 11);
  g_assert_cmpstr (g_hash_table_lookup (set->types, "go_gc_duration_seconds"), ==, "summary");
  g_assert_cmpstr (g_hash_table_lookup (set->help, "odd_help"), ==, "Backslash \\ and\nnewline.");

  s = hs_prom_set_find (set, "go_gc_duration_seconds", "quantile", "0.5");
  g_assert_nonnull (s);
  g_assert_cmpfloat (s->value, ==, 6.1e-05);
  g_assert_cmpuint (s->line, ==, 4);
  g_assert_false (s->has_timestamp);
  s = hs_prom_set_find (set, "go_gc_duration_seconds", "quantile", "1");
  g_assert_cmpfloat (s->value, ==, 0.000301);
  g_assert_null (hs_prom_set_find (set, "go_gc_duration_seconds", "quantile", "0.75"));
  g_assert_cmpfloat (hs_prom_set_find (set, "go_gc_duration_seconds_count", NULL, NULL)->value, ==, 42);

  s = hs_prom_set_find (set, "odd_labels", NULL, NULL);
  g_assert_true (isnan (s->value));
  g_assert_cmpstr (hs_prom_sample_get_label (s, "path"), ==, "C:\\dir");
  g_assert_cmpstr (hs_prom_sample_get_label (s, "msg"), ==, "say \"hi\"\n");
  g_assert_null (hs_prom_sample_get_label (s, "other"));

  s = hs_prom_set_find (set, "spaced", "b", "2");
  g_assert_nonnull (s);
  g_assert_true (isinf (s->value) && s->value > 0);
  g_assert_true (s->has_timestamp);
  g_assert_cmpint (s->timestamp_ms, ==, 1700000000123);
  g_assert_cmpstr (hs_prom_sample_get_label (s, "a"), ==, "1");

  s = hs_prom_set_find (set, "negative_inf", NULL, NULL);
  g_assert_true (isinf (s->value) && s->value < 0);
  g_assert_cmpfloat (hs_prom_set_find (set, "with_crlf", NULL, NULL)->value, ==, 3);
  s = hs_prom_set_find (set, "colon:name_total", NULL, NULL);
  g_assert_cmpfloat (s->value, ==, 1.5e9);
  g_assert_cmpint (s->timestamp_ms, ==, -5);
  g_assert_cmpfloat (hs_prom_set_find (set, "last_line_without_newline", NULL, NULL)->value, ==, 16);
  g_assert_null (hs_prom_set_find (set, "missing", NULL, NULL));
}

static void
test_prom_empty (void)
{
  g_autoptr(HsPromSet) set = parse ("# only comments\n\n");

  g_assert_cmpuint (set->samples->len, ==, 0);
}

static void
test_prom_errors (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "<!DOCTYPE html>\n<html></html>\n", "line 1: expected a metric name, found “<!DOCTYPE html>”" },
    { "{\"memstats\": {}}\n", "line 1: expected a metric name, found “{\"memstats\": {}}”" },
    { "ok 1\nno_value\n", "line 2: expected a number, NaN, +Inf or -Inf, found the end of the line" },
    { "m{a=\"x} 1\n", "line 1: expected a closing quote, found the end of the line" },
    { "m{a=x} 1\n", "line 1: expected a label value in quotes, found “x} 1”" },
    { "m{a=\"\\t\"} 1\n", "line 1: expected \\\\, \\\" or \\n after a backslash, found “t\"} 1”" },
    { "m{a=\"1\" b=\"2\"} 1\n", "line 1: expected “,” or “}”, found “b=\"2\"} 1”" },
    { "m{1a=\"1\"} 1\n", "line 1: expected a label name, found “1a=\"1\"} 1”" },
    { "m 12abc\n", "line 1: expected a number, NaN, +Inf or -Inf, found “12abc”" },
    { "m 1 12.5\n", "line 1: expected a timestamp in milliseconds, found “12.5”" },
    { "m 1 12 extra\n", "line 1: expected the end of the line, found “extra”" },
    { "m infinity\n", "line 1: expected a number, NaN, +Inf or -Inf, found “infinity”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HsPromSet) set = hs_prom_parse (cases[i].text, strlen (cases[i].text), &error);

      g_assert_null (set);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* binary is not text */
  {
    g_autoptr(GError) error = NULL;
    const char binary[] = { 'm', ' ', '1', '\0', '\xff' };

    g_assert_null (hs_prom_parse (binary, sizeof binary, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/prom/parser/format", test_prom_format);
  g_test_add_func ("/prom/parser/empty", test_prom_empty);
  g_test_add_func ("/prom/parser/errors", test_prom_errors);

  return g_test_run ();
}
