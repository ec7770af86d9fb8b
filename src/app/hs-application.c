/* SPDX-License-Identifier: GPL-3.0-or-later */
/* hs-application.c: command line, app actions, settings; files open as tabs of one window. */

#include "config.h"

#include <glib/gi18n.h>
#include <malloc.h>
#include <string.h>

#include "hs-application.h"
#include "hs-window.h"
#include "trace/hs-http-source.h"

struct _HsApplication
{
  GtkApplication  parent_instance;

  GSettings      *settings;
  GDBusProxy     *portal_settings;
};

G_DEFINE_FINAL_TYPE (HsApplication, hs_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "follow", 'f', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open FILE and keep reading it as it grows, like tail -F"), N_("FILE") },
  { "run", 'r', 0, G_OPTION_ARG_NONE, NULL,
    N_("Start the program given after -- with the GC trace on and show it live"), NULL },
  { "pid", 'p', 0, G_OPTION_ARG_STRING, NULL,
    N_("Sample the memory (RES, VIRT) of the running process PID; with --follow, next to its log"), N_("PID") },
  { "expvar", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Poll a Go program’s expvar endpoint (http://HOST:PORT/debug/vars) for memstats and GC cycles"), N_("URL") },
  { "metrics", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Poll a Go program’s Prometheus endpoint (http://HOST:PORT/metrics) for memstats and GC cycles"), N_("URL") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE|-…]") },
  { NULL }
};

/*
 * Standard input and a program's output belong to the process that was started with them,
 * and so does the terminal a program's output is forwarded to: those run as their own
 * instance rather than handing over to a running window.
 */
gboolean
hs_application_needs_own_instance (int    argc,
                                   char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "-") == 0 ||
          strcmp (argv[i], "--run") == 0 ||
          strcmp (argv[i], "-r") == 0)
        return TRUE;
      if (strcmp (argv[i], "--") == 0)
        break;
    }

  return FALSE;
}

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

#ifdef HS_BUILD_SCHEMA_DIR
  /* run from the build tree, before `meson install`: the schema compiled there */
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = NULL;

      build = g_settings_schema_source_new_from_directory (HS_BUILD_SCHEMA_DIR, source, FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, APP_ID, TRUE);
    }
#endif

  return schema;
}

GSettings *
hs_application_get_settings (HsApplication *self)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    {
      g_autoptr(GSettingsSchema) schema = lookup_schema ();

      if (schema == NULL)
        g_error ("The GSettings schema %s is not installed; run `meson install` or set GSETTINGS_SCHEMA_DIR",
                 APP_ID);
      self->settings = g_settings_new_full (schema, NULL, NULL);
    }

  return self->settings;
}

static HsWindow *
get_window (HsApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (HS_IS_WINDOW (window))
    return HS_WINDOW (window);

  return hs_window_new (self);
}

static void
hs_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (HS_APPLICATION (app))));
}

static void
hs_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  HsApplication *self = HS_APPLICATION (app);
  HsWindow *window = get_window (self);
  gboolean follow = g_settings_get_boolean (hs_application_get_settings (self), "follow-by-default");

  for (int i = 0; i < n_files; i++)
    hs_window_open_file (window, files[i], follow);

  gtk_window_present (GTK_WINDOW (window));
}

/* A URL given on the command line is checked before any window opens. */
static gboolean
check_url_option (GApplicationCommandLine *cmdline,
                  const char              *option,
                  const char              *url)
{
  g_autoptr(GError) error = NULL;

  if (url == NULL || hs_http_source_check_url (url, &error))
    return TRUE;

  /* TRANSLATORS: "heapscope: --expvar: “localhost:6060” is not an http:// or https:// URL" */
  g_application_command_line_printerr (cmdline, "heapscope: %s: %s\n", option, error->message);
  return FALSE;
}

static int
hs_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  HsApplication *self = HS_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autofree const char **files = NULL;
  const char *follow = NULL;
  const char *expvar = NULL;
  const char *metrics = NULL;
  const char *pid_text = NULL;
  gboolean run = FALSE;
  gint64 pid = 0;
  gboolean follow_by_default;
  HsWindow *window;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "follow", "^&ay", &follow);
  g_variant_dict_lookup (options, "run", "b", &run);
  g_variant_dict_lookup (options, "pid", "&s", &pid_text);
  g_variant_dict_lookup (options, "expvar", "&s", &expvar);
  g_variant_dict_lookup (options, "metrics", "&s", &metrics);

  if (!check_url_option (cmdline, "--expvar", expvar) || !check_url_option (cmdline, "--metrics", metrics))
    return 2;
  /* a string, not G_OPTION_ARG_INT: GApplication drops an int option equal to 0, and "abc" deserves a message */
  if (pid_text != NULL &&
      (!g_ascii_string_to_signed (pid_text, 10, 1, G_MAXINT, &pid, NULL)))
    {
      g_application_command_line_printerr (cmdline, "heapscope: %s\n",
                                           _("--pid needs a process ID: heapscope --pid 1234 [--follow LOG]"));
      return 2;
    }

  if (run && (files == NULL || files[0] == NULL))
    {
      g_application_command_line_printerr (cmdline, "heapscope: %s\n",
                                           _("--run needs a program: heapscope --run -- PROGRAM [ARGS…]"));
      return 2;
    }

  window = get_window (self);
  follow_by_default = g_settings_get_boolean (hs_application_get_settings (self), "follow-by-default");

  if (run)
    {
      hs_window_run_program (window, files, g_application_command_line_get_cwd (cmdline));
    }
  else
    {
      for (guint i = 0; files != NULL && files[i] != NULL; i++)
        {
          if (strcmp (files[i], "-") == 0)
            {
              g_autoptr(GInputStream) in = g_application_command_line_get_stdin (cmdline);

              if (in != NULL)
                hs_window_open_stream (window, in, _("Standard input"));
            }
          else
            {
              g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, files[i]);

              hs_window_open_file (window, file, follow_by_default);
            }
        }

      if (pid > 0)
        {
          /* the log goes with the process: its samples are drawn on the log's axis */
          g_autoptr(GFile) file = follow != NULL ? g_application_command_line_create_file_for_arg (cmdline, follow) : NULL;

          hs_window_watch_process (window, (GPid) pid, file);
        }
      else if (follow != NULL)
        {
          g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, follow);

          hs_window_open_file (window, file, TRUE);
        }

      if (expvar != NULL)
        hs_window_connect (window, HS_POLL_SOURCE_EXPVAR, expvar);
      if (metrics != NULL)
        hs_window_connect (window, HS_POLL_SOURCE_METRICS, metrics);
    }

  gtk_window_present (GTK_WINDOW (window));

  return 0;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* closing through the window saves its size */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *authors[] = { _("The Heapscope authors"), NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (app),
                         "program-name", _("Heapscope"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("See what the Go garbage collector did"),
                         "website", "https://github.com/heapscope/heapscope",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         /* TRANSLATORS: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/*
 * Dark or light as the desktop says: the settings portal's color-scheme (1 prefers dark).
 * GTK 4.8 does not follow it by itself; libadwaita would, but it is not in the stack.
 */
static void
apply_color_scheme (GVariant *value)   /* (transfer full) */
{
  g_autoptr(GVariant) v = value;
  guint32 scheme = 0;

  /* Read() wraps the value in one more variant than SettingChanged does */
  while (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (v);

      g_variant_unref (v);
      v = inner;
    }
  if (v != NULL && g_variant_is_of_type (v, G_VARIANT_TYPE_UINT32))
    scheme = g_variant_get_uint32 (v);

  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", scheme == 1, NULL);
}

static void
portal_setting_changed_cb (GDBusProxy *proxy,
                           const char *sender,
                           const char *signal,
                           GVariant   *parameters,
                           gpointer    user_data)
{
  const char *namespace;
  const char *key;
  g_autoptr(GVariant) value = NULL;

  if (g_strcmp0 (signal, "SettingChanged") != 0)
    return;

  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, "org.freedesktop.appearance") && g_str_equal (key, "color-scheme"))
    apply_color_scheme (g_steal_pointer (&value));
}

static void
portal_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GVariant) reply = g_dbus_proxy_call_finish (G_DBUS_PROXY (object), result, NULL);
  GVariant *value = NULL;

  if (reply == NULL)
    return;   /* no portal, or an old one: GTK's own default stays */

  g_variant_get (reply, "(v)", &value);
  apply_color_scheme (value);
}

static void
portal_proxy_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HsApplication) self = user_data;
  GDBusProxy *proxy = g_dbus_proxy_new_for_bus_finish (result, NULL);

  if (proxy == NULL)
    return;

  self->portal_settings = proxy;
  g_signal_connect (proxy, "g-signal", G_CALLBACK (portal_setting_changed_cb), NULL);
  g_dbus_proxy_call (proxy, "Read", g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
                     G_DBUS_CALL_FLAGS_NONE, 2000, NULL, portal_read_cb, NULL);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
};

static void
hs_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.close-tab", { "<Control>w", NULL } },
    { "win.reload", { "<Control>r", NULL } },
    { "win.save-session", { "<Control><Shift>s", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.run-program", { "<Control><Shift>r", NULL } },
    { "win.connect", { "<Control><Shift>o", NULL } },
  };

  G_APPLICATION_CLASS (hs_application_parent_class)->startup (app);

  /*
   * A trace's columns grow by realloc while a big file loads on the main thread. glibc's
   * adaptive threshold would keep columns of up to 32 MB on the heap, where growing one
   * copies it (hundreds of ms per batch for a few million cycles); mapped, they grow by
   * mremap without a copy.
   */
#ifdef M_MMAP_THRESHOLD
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);

  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/heapscope/Heapscope/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  if (g_application_get_dbus_connection (app) != NULL)
    g_dbus_proxy_new_for_bus (G_BUS_TYPE_SESSION, G_DBUS_PROXY_FLAGS_DO_NOT_LOAD_PROPERTIES, NULL,
                              "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                              "org.freedesktop.portal.Settings", NULL, portal_proxy_cb,
                              g_object_ref (app));

  /* settings read early, so a missing schema is reported before any window shows */
  hs_application_get_settings (HS_APPLICATION (app));

  /*
   * the preferences a menu can hold: app.memory-units ('binary'/'decimal'),
   * app.follow-by-default, app.proc-sample-interval and app.http-poll-interval (ms)
   */
  {
    g_autoptr(GAction) units = g_settings_create_action (HS_APPLICATION (app)->settings, "memory-units");
    g_autoptr(GAction) follow = g_settings_create_action (HS_APPLICATION (app)->settings, "follow-by-default");

    g_autoptr(GAction) sample = g_settings_create_action (HS_APPLICATION (app)->settings, "proc-sample-interval");
    g_autoptr(GAction) poll = g_settings_create_action (HS_APPLICATION (app)->settings, "http-poll-interval");

    g_action_map_add_action (G_ACTION_MAP (app), units);
    g_action_map_add_action (G_ACTION_MAP (app), follow);
    g_action_map_add_action (G_ACTION_MAP (app), sample);
    g_action_map_add_action (G_ACTION_MAP (app), poll);
  }
}

static void
hs_application_dispose (GObject *object)
{
  HsApplication *self = (HsApplication *) object;

  g_clear_object (&self->settings);
  g_clear_object (&self->portal_settings);

  G_OBJECT_CLASS (hs_application_parent_class)->dispose (object);
}

static void
hs_application_class_init (HsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = hs_application_dispose;
  app_class->activate = hs_application_activate;
  app_class->open = hs_application_open;
  app_class->command_line = hs_application_command_line;
  app_class->startup = hs_application_startup;
}

static void
hs_application_init (HsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE|-…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Heapscope shows what the Go garbage collector did, "
                                              "from the trace of GODEBUG=gctrace=1.\n\n"
                                              "  heapscope FILE…                 open traces\n"
                                              "  … 2>&1 | heapscope -            read standard input live\n"
                                              "  heapscope --follow FILE         keep reading a growing log\n"
                                              "  heapscope --run -- PROGRAM …    start PROGRAM with the trace on\n"
                                              "  heapscope --pid PID             sample a running process; --follow LOG adds its log\n"
                                              "  heapscope --expvar URL          poll a Go server’s /debug/vars\n"
                                              "  heapscope --metrics URL         poll a Go server’s /metrics\n"
                                              "  heapscope --summary FILE        statistics, without a window"));
}

HsApplication *
hs_application_new (void)
{
  return g_object_new (HS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/heapscope/Heapscope",
                       NULL);
}
