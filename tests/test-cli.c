/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c: the heapscope binary's headless --summary: output, JSON keys, exit status, stderr. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

/* meson passes the built binary in HEAPSCOPE */
static const char *heapscope;
static char *tmp_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs heapscope with @args, no display in its environment, @input on its stdin. */
static void
run_heapscope (Run                *run,
               const char         *input,
               const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  /* headless commands must not need a display */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  g_ptr_array_add (argv, (gpointer) heapscope);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

static char *
sample_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "samples", "go1.9-scavenger-release.log", NULL);
}

static char *
write_temp (const char *name,
            const char *text,
            gssize      len)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

/*
 * The go1.9 sample, counted with grep and awk (see test-summary.c): 127 lines, of which
 * 121 start with "gc N", "scvg" or "GC forced" and 6 are "#" comments.
 */
static void
test_summary_text (void)
{
  g_autofree char *path = sample_path ();
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, path));
  g_assert_nonnull (strstr (run.out, "  Lines:       127 read, 121 runtime, 6 skipped, 0 malformed, 0 unsupported\n"));
  g_assert_nonnull (strstr (run.out, "  GC cycles:   114 (0 forced, 2 periodic) in 1 runs over 700.043 s\n"));
  g_assert_nonnull (strstr (run.out, "  Heap:        peak 1783 MB, live peak 1536 MB, goal peak 3072 MB\n"));
  /* the longest pause, 1.9 + 0.045 ms, is gc 3's */
  g_assert_nonnull (strstr (run.out, "max 1.95 ms (gc 3), p50 97 µs, p95 199 µs, p99 1.05 ms\n"));
  g_assert_nonnull (strstr (run.out, "  Scavenger:   4 events, 1767.0 MB returned to the OS\n"));
}

static JsonObject *
parse_json (JsonParser *parser,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_int_member (JsonObject *object,
                   const char *key,
                   gint64      expected)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("no “%s” in the JSON", key);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double_member (JsonObject *object,
                      const char *key,
                      double      expected)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    g_error ("no “%s” in the JSON", key);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (node), expected, 1e-9);
}

/* Every key the issue lists, with the values of the sample. */
static void
assert_sample_json (const char *text,
                    const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_json (parser, text);
  JsonObject *heap, *pause;
  JsonArray *malformed;

  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, name);
  assert_int_member (root, "lines", 127);
  assert_int_member (root, "parsed_lines", 121);
  assert_int_member (root, "skipped_lines", 6);
  assert_int_member (root, "malformed_lines", 0);
  assert_int_member (root, "unsupported_lines", 0);
  assert_int_member (root, "gc_cycles", 114);
  assert_int_member (root, "forced_cycles", 0);
  assert_int_member (root, "periodic_cycles", 2);
  assert_int_member (root, "scavenger_events", 4);
  assert_int_member (root, "runs", 1);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "go1.6-1.17");
  assert_double_member (root, "duration_s", 700.043);

  heap = json_object_get_object_member (root, "heap_mb");
  g_assert_nonnull (heap);
  assert_int_member (heap, "peak", 1783);
  assert_int_member (heap, "live_peak", 1536);
  assert_int_member (heap, "goal_peak", 3072);

  pause = json_object_get_object_member (root, "pause_ms");
  g_assert_nonnull (pause);
  assert_double_member (pause, "total", 14.891);
  assert_double_member (pause, "max", 1.945);
  assert_double_member (pause, "p50", 0.097);
  assert_double_member (pause, "p95", 0.199);
  assert_double_member (pause, "p99", 1.047);

  assert_int_member (root, "gc_cpu_percent", 0);
  assert_double_member (root, "released_mb", 1767.0);
  malformed = json_object_get_array_member (root, "malformed");
  g_assert_nonnull (malformed);
  g_assert_cmpuint (json_array_get_length (malformed), ==, 0);
}

static void
test_summary_json (void)
{
  g_autofree char *path = sample_path ();
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", "--json", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_sample_json (run.out, path);
}

static void
test_stdin (void)
{
  g_autofree char *path = sample_path ();
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };

  g_file_get_contents (path, &contents, NULL, NULL);
  run_heapscope (&run, contents, (const char *[]) { "--summary", "--json", "-", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_sample_json (run.out, "standard input");
}

/* The sample, gzip-compressed, its first @keep_percent % written to @name. */
static char *
write_sample_gzip (const char *name,
                   guint       keep_percent)
{
  g_autofree char *path = sample_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, NULL);
  g_output_stream_write_all (out, contents, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  len = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory));
  return write_temp (name, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                     (gssize) (len * keep_percent / 100));
}

static void
test_gzip (void)
{
  /* the name says .txt: gzip is told by its content */
  g_autofree char *gz_path = write_sample_gzip ("trace.txt", 100);
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", "--json", gz_path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_sample_json (run.out, gz_path);
}

/* A .gz cut short: said on stderr, and the lines before the cut are summarised. */
static void
test_gzip_truncated (void)
{
  g_autofree char *gz_path = write_sample_gzip ("truncated.log.gz", 60);
  g_autofree char *expected = g_strdup_printf ("heapscope: %s: the compressed data ends early\n", gz_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", "--json", gz_path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, expected);
  root = parse_json (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (root, "gc_cycles"), >, 0);
  g_assert_cmpint (json_object_get_int_member (root, "gc_cycles"), <, 114);
}

/* gzip magic, then nothing inflate can read: unreadable */
static void
test_gzip_corrupt (void)
{
  static const char data[] = "\x1f\x8b\x08\x00garbage that is not deflate";
  g_autofree char *path = write_temp ("corrupt.gz", data, sizeof data - 1);
  g_autofree char *prefix = g_strdup_printf ("heapscope: %s: the compressed data is corrupt (", path);
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, prefix));
  g_assert_true (g_str_has_suffix (run.err, ")\n"));
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "missing.log", NULL);
  g_autofree char *expected = g_strdup_printf ("heapscope: %s: No such file or directory\n", path);
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_directory (void)
{
  g_autofree char *expected = g_strdup_printf ("heapscope: %s: Is a directory\n", tmp_dir);
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", "--json", tmp_dir, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_permission_denied (void)
{
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_auto(Run) run = { 0 };

  if (geteuid () == 0)
    {
      g_test_skip ("root reads a file of mode 000: no permission error to test");
      return;
    }

  path = write_temp ("secret.log", "GC forced\n", -1);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  expected = g_strdup_printf ("heapscope: %s: Permission denied\n", path);

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, expected);
  g_chmod (path, 0600);
}

/* Go 1.0–1.4 lines only: named as unsupported, and no trace. */
static void
test_legacy_only (void)
{
  g_autofree char *path = write_temp ("legacy.log",
                                      "started\n"
                                      "gc7(4): 14+3+0 ms, 48 -> 24 MB 310042 -> 158200 (2841007-2682807) objects, 12(340) handoff, 8(95) steal, 210/41/3 yields\n"
                                      "gc8(4): 15+3+0 ms, 48 -> 24 MB 310042 -> 158200 (2841007-2682807) objects, 12(340) handoff, 8(95) steal, 210/41/3 yields\n",
                                      -1);
  g_autofree char *expected =
    g_strdup_printf ("heapscope: %s:2: 2 lines in the Go 1.0–1.4 format (“gcN(P): …”), which Heapscope does not read\n"
                     "heapscope: %s: no Go GC trace lines found (3 lines read)\n", path, path);
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_no_trace (void)
{
  g_autofree char *path = write_temp ("prose.log", "hello\nworld\n", -1);
  g_autofree char *empty = write_temp ("empty.log", "", 0);
  g_autofree char *expected = g_strdup_printf ("heapscope: %s: no Go GC trace lines found (2 lines read)\n", path);
  g_autofree char *expected_empty = g_strdup_printf ("heapscope: %s: no Go GC trace lines found (0 lines read)\n", empty);
  g_auto(Run) run = { 0 };
  g_auto(Run) run_empty = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, expected);

  run_heapscope (&run_empty, NULL, (const char *[]) { "--summary", "--json", empty, NULL });
  g_assert_cmpint (run_empty.status, ==, 1);
  g_assert_cmpstr (run_empty.err, ==, expected_empty);
  g_assert_cmpstr (run_empty.out, ==, "");
}

/* Malformed lines: on stderr as FILE:LINE, and in the JSON with line and reason. */
static void
test_malformed (void)
{
  g_autofree char *path = write_temp ("malformed.log",
                                      "gc 1 @0.001s 5%: 0.006+0.22+0.001 ms clock, 0.013+0.15/0/0+0.003 ms cpu, 3->4->3 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P\n"
                                      "scav 1088 KiB work, 624 KiB, 80% util\n"
                                      "gc 2 @0.002s 5%: 0.006+0.30+0.001 ms clock\n"
                                      "hello\n",
                                      -1);
  g_autofree char *expected =
    g_strdup_printf ("heapscope: %s:2: malformed line: expected “, T KiB total, ” in a scav line\n"
                     "heapscope: %s:3: malformed line: expected “ ms clock, ” after the clock phases\n", path, path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *malformed;
  g_auto(Run) run = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--summary", "--json", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, expected);

  root = parse_json (parser, run.out);
  assert_int_member (root, "lines", 4);
  assert_int_member (root, "parsed_lines", 1);
  assert_int_member (root, "skipped_lines", 1);
  assert_int_member (root, "malformed_lines", 2);
  assert_int_member (root, "gc_cycles", 1);
  malformed = json_object_get_array_member (root, "malformed");
  g_assert_cmpuint (json_array_get_length (malformed), ==, 2);
  assert_int_member (json_array_get_object_element (malformed, 0), "line", 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (malformed, 0), "reason"), ==,
                   "expected “, T KiB total, ” in a scav line");
  assert_int_member (json_array_get_object_element (malformed, 1), "line", 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (malformed, 1), "reason"), ==,
                   "expected “ ms clock, ” after the clock phases");
}

/* Ten malformed lines are named, the rest counted. */
static void
test_many_malformed (void)
{
  g_autoptr(GString) text = g_string_new ("scav 0 KiB work, 112 KiB total, 91% util\n");
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_auto(Run) run = { 0 };

  for (guint i = 0; i < 12; i++)
    g_string_append (text, "scav 1 KiB work\n");
  path = write_temp ("many-malformed.log", text->str, -1);
  for (guint i = 0; i < 10; i++)
    g_string_append_printf (expected, "heapscope: %s:%u: malformed line: expected “, T KiB total, ” in a scav line\n",
                            path, i + 2);
  g_string_append_printf (expected, "heapscope: %s: 2 more malformed lines\n", path);

  run_heapscope (&run, NULL, (const char *[]) { "--summary", path, NULL });
  /* a scavtrace-only log is still a trace */
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, expected->str);
}

static void
test_bad_arguments (void)
{
  g_autofree char *path = sample_path ();
  g_auto(Run) run = { 0 };
  g_auto(Run) run_none = { 0 };

  run_heapscope (&run, NULL, (const char *[]) { "--json", path, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "heapscope: --json goes with --summary\n");

  run_heapscope (&run_none, NULL, (const char *[]) { "--summary", NULL });
  g_assert_cmpint (run_none.status, ==, 2);
  g_assert_cmpstr (run_none.err, ==, "heapscope: name a trace file, or - for standard input\n");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  heapscope = g_getenv ("HEAPSCOPE");
  if (heapscope == NULL)
    g_error ("HEAPSCOPE must name the heapscope binary to test");
  tmp_dir = g_dir_make_tmp ("heapscope-test-cli-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/cli/summary/text", test_summary_text);
  g_test_add_func ("/cli/summary/json", test_summary_json);
  g_test_add_func ("/cli/summary/stdin", test_stdin);
  g_test_add_func ("/cli/summary/gzip", test_gzip);
  g_test_add_func ("/cli/summary/gzip-truncated", test_gzip_truncated);
  g_test_add_func ("/cli/summary/many-malformed", test_many_malformed);
  g_test_add_func ("/cli/errors/gzip-corrupt", test_gzip_corrupt);
  g_test_add_func ("/cli/summary/malformed", test_malformed);
  g_test_add_func ("/cli/errors/missing", test_missing);
  g_test_add_func ("/cli/errors/directory", test_directory);
  g_test_add_func ("/cli/errors/permission-denied", test_permission_denied);
  g_test_add_func ("/cli/errors/legacy-only", test_legacy_only);
  g_test_add_func ("/cli/errors/no-trace", test_no_trace);
  g_test_add_func ("/cli/errors/bad-arguments", test_bad_arguments);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
