/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c: the PDF and HTML reports hold the facts, every finding with its charts, and the notes. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "report/hs-report.h"
#include "trace/hs-findings.h"
#include "trace/hs-trace-loader.h"
#include "hs-test-utils.h"

static char *
run (const char *command)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_command_line_sync (command, &out, &err, &status, &error))
    g_error ("%s: %s", command, error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", command, err);

  return g_steal_pointer (&out);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_pdf (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(HsAnnotations) notes = hs_annotations_new ("report-test");
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("heapscope-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *command = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pages = NULL;

  hs_annotations_add (notes, 290.0, 600.0, "Heap is 3 MB here, RSS stays 1.7 GB");

  g_assert_true (hs_report_write (trace, notes, HS_REPORT_PDF, path, &error));
  g_assert_no_error (error);

  command = g_strdup_printf ("pdfinfo %s", path);
  info = run (command);
  /* a first page, one page per finding (held memory, periodic GCs), one for the notes */
  g_assert_cmpuint (findings->len, ==, 2);
  pages = g_strdup_printf ("Pages:           %u\n", 1 + findings->len + 1);
  g_assert_nonnull (strstr (info, pages));

  g_free (command);
  command = g_strdup_printf ("pdftotext -layout %s -", path);
  text = run (command);
  g_assert_nonnull (strstr (text, "Findings"));
  g_assert_nonnull (strstr (text, "1784 MB"));
  g_assert_nonnull (strstr (text, "scvg3"));
  g_assert_nonnull (strstr (text, "Heap is 3 MB here, RSS stays 1.7 GB"));
  g_assert_nonnull (strstr (text, "Go 1.6–1.12"));

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  guint depth;
  guint max_depth;
  guint svg;
} Walk;

static void
start_element (GMarkupParseContext  *context,
               const char           *name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  Walk *walk = user_data;

  walk->depth++;
  walk->max_depth = MAX (walk->max_depth, walk->depth);
  if (strcmp (name, "svg") == 0)
    walk->svg++;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *name,
             gpointer              user_data,
             GError              **error)
{
  ((Walk *) user_data)->depth--;
}

static void
test_html (void)
{
  g_autoptr(HsTrace) trace = hs_test_load_sample ("go1.9-scavenger-release.log");
  g_autoptr(HsAnnotations) notes = hs_annotations_new ("report-test");
  g_autoptr(GPtrArray) findings = hs_findings_analyze (trace);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("heapscope-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *html = NULL;
  const GMarkupParser parser = { start_element, end_element, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  Walk walk = { 0 };
  gsize len;

  hs_annotations_add (notes, 600.0, 600.0, "scvg3 <releases> 1767 MB & RSS drops");
  g_assert_true (hs_report_write (trace, notes, HS_REPORT_HTML, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &html, &len, NULL));

  /* well-formed: every element closed, text escaped, the inline SVG included */
  context = g_markup_parse_context_new (&parser, 0, &walk, NULL);
  g_assert_true (g_markup_parse_context_parse (context, html, (gssize) len, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (walk.depth, ==, 0);

  /* the whole trace and one chart per finding; nothing fetched from elsewhere */
  g_assert_cmpuint (walk.svg, ==, 1 + findings->len);
  g_assert_null (strstr (html, "src=\"http"));
  g_assert_null (strstr (html, "<link"));
  g_assert_nonnull (strstr (html, "scvg3 &lt;releases&gt; 1767 MB &amp; RSS drops"));
  g_assert_cmpuint (count (html, "<section class="), ==, findings->len);
  g_assert_nonnull (strstr (html, "class=\"warning\" id=\"os-memory-held-1\""));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_format_from_path (void)
{
  HsReportFormat format;

  g_assert_true (hs_report_format_from_path ("a/b.PDF", &format));
  g_assert_cmpint (format, ==, HS_REPORT_PDF);
  g_assert_true (hs_report_format_from_path ("x.html", &format));
  g_assert_cmpint (format, ==, HS_REPORT_HTML);
  g_assert_false (hs_report_format_from_path ("x.png", &format));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/pdf", test_pdf);
  g_test_add_func ("/report/html", test_html);
  g_test_add_func ("/report/format", test_format_from_path);

  return g_test_run ();
}
