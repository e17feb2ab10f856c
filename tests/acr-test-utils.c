#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-rules.h"
#include "acr-sample-data.h"
#include "acr-test-utils.h"

/* A fresh directory under the system's temporary directory; free with g_free. */
char *
acr_test_make_temp_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("acr-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @dir and everything below it. */
void
acr_test_remove_tree (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        acr_test_remove_tree (path);
      else
        g_unlink (path);
    }

  g_rmdir (dir);
}

/* The SHA-256 of the file at @path, in hex: whether a file changed. */
char *
acr_test_hash_file (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Opens (creating) the database members.db in @dir. */
AcrStore *
acr_test_open_store (const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  AcrStore *store = acr_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/*
 * A new member, not yet stored: @given @family with the address @email,
 * active and general. Its person is {"given_name", "family_name", "email"},
 * then @more_person (unless NULL): more of the person's JSON members, such
 * as "\"profession\": \"physician\"".
 */
AcrMember *
acr_test_make_member (const char *given,
                      const char *family,
                      const char *email,
                      const char *more_person)
{
  g_autoptr (AcrMember) member = acr_member_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"given_name\": \"%s\", \"family_name\": \"%s\", \"email\": \"%s\"%s%s}",
                                           given, family, email,
                                           more_person != NULL ? ", " : "",
                                           more_person != NULL ? more_person : "");

  acr_member_set_person_json (member, json, &error);
  g_assert_no_error (error);
  acr_member_set_field (member, "email", email, &error);
  g_assert_no_error (error);
  acr_member_set_field (member, "status", "active", &error);
  g_assert_no_error (error);
  acr_member_set_field (member, "category", "general", &error);
  g_assert_no_error (error);
  return g_steal_pointer (&member);
}

/*
 * Makes the benchmarks' database of @count sample members (seed 1) at @path
 * unless it is there already: generating a million takes most of a minute,
 * so the build directory keeps it. The work is done in a child process, so
 * its memory does not count in the benchmark's own peak.
 */
void
acr_test_ensure_sample_database (const char *path,
                                 guint       count)
{
  pid_t pid;
  int status;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  printf ("generating %u sample members in %s …\n", count, path);
  fflush (stdout);
  pid = fork ();
  if (pid == 0)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
      gint64 start = g_get_monotonic_time ();
      double seconds;
      AcrStore *store;

      g_unlink (tmp);
      store = acr_store_open (tmp, &error);
      if (store == NULL || !acr_sample_data_generate (store, count, 1, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          _exit (1);
        }
      g_object_unref (store);
      if (g_rename (tmp, path) != 0)
        _exit (1);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      printf ("generated %u members in %.1f s (%.0f members/s)\n", count, seconds, count / seconds);
      fflush (stdout);
      _exit (0);
    }

  if (pid < 0 || waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("could not generate the benchmark database %s\n", path);
      exit (EXIT_FAILURE);
    }
}

/* Frees what @run holds and zeroes it, ready for another run. */
void
acr_test_run_clear (AcrTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = 0;
}

/*
 * The command line of the CLI: @cli (NULL: $ACR_CLI, the build's), then
 * @args (NULL-terminated), then "--db @db" unless @db is NULL. A
 * NULL-terminated array of strings it owns, for acr_test_run_cli () or
 * g_spawn_async ().
 */
GPtrArray *
acr_test_cli_argv (const char         *cli,
                   const char * const *args,
                   const char         *db)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  if (cli == NULL)
    cli = g_getenv ("ACR_CLI");
  g_assert_nonnull (cli);
  g_ptr_array_add (argv, g_strdup (cli));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  if (db != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (db));
    }
  g_ptr_array_add (argv, NULL);
  return argv;
}

/*
 * Runs @argv (argv[0] is the program's path) in the folder @cwd (NULL: this
 * one), with the caller's environment and no input, calling @setup (unless
 * NULL) in the child before it starts the program; waits for it, asserts it
 * exited rather than died of a signal, and keeps its exit status, stdout and
 * stderr in @run, freeing what @run held before.
 */
void
acr_test_run_cli (AcrTestRun           *run,
                  const char           *cwd,
                  GSpawnChildSetupFunc  setup,
                  const char * const   *argv)
{
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  acr_test_run_clear (run);
  g_spawn_sync (cwd, (char **) argv, NULL, G_SPAWN_DEFAULT, setup, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* Whether @text is one line: a newline at its end and nowhere else. */
gboolean
acr_test_is_one_line (const char *text)
{
  const char *newline = strchr (text, '\n');

  return newline != NULL && newline[1] == '\0';
}

/* Asserts that @text (a CLI's stderr) is one line, ending in a newline. */
void
acr_test_assert_one_line (const char *text)
{
  g_assert_nonnull (text);
  if (!acr_test_is_one_line (text))
    {
      g_autofree char *message = g_strdup_printf ("expected one line ending in a newline, got “%s”", text);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

/* The built-in rules bundle, as JSON to change (what-if tests and benchmark). */
JsonNode *
acr_test_load_rules_json (void)
{
  g_autoptr (GBytes) bytes = g_resources_lookup_data (ACR_RULES_DEFAULT_RESOURCE, 0, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Writes @bundle to DIR/NAME; returns the path. */
char *
acr_test_write_rules_json (JsonNode   *bundle,
                           const char *dir,
                           const char *name)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  json_generator_set_root (generator, bundle);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return path;
}

static void
add_cents (JsonObject *amount,
           gint64      cents)
{
  json_object_set_int_member (amount, "amount_cents", json_object_get_int_member (amount, "amount_cents") + cents);
}

/* A proposed schedule: the built-in bundle with @year's general full dues
 * and its first chapter's dues changed by these amounts, in DIR/NAME. */
char *
acr_test_write_changed_rules (const char *dir,
                              const char *name,
                              int         year,
                              gint64      general_full_cents,
                              gint64      first_chapter_cents)
{
  g_autoptr (JsonNode) bundle = acr_test_load_rules_json ();
  JsonArray *dues = json_object_get_array_member (json_node_get_object (bundle), "dues");

  for (guint i = 0; i < json_array_get_length (dues); i++)
    {
      JsonObject *schedule = json_array_get_object_element (dues, i);
      JsonObject *national, *chapters;
      g_autoptr (GList) codes = NULL;

      if (json_object_get_int_member (schedule, "year") != year)
        continue;
      national = json_object_get_object_member (schedule, "national");
      chapters = json_object_get_object_member (schedule, "chapters");
      codes = json_object_get_members (chapters);
      add_cents (json_object_get_object_member (json_object_get_object_member (national, "general"), "full"),
                 general_full_cents);
      add_cents (json_object_get_object_member (chapters, codes->data), first_chapter_cents);
      return acr_test_write_rules_json (bundle, dir, name);
    }
  g_error ("the built-in rules have no schedule for %d", year);
}
