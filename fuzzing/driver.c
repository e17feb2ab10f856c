/*
 * driver.c: a main () for builds without libFuzzer (gcc). Feeds every file
 * named on the command line, and every file inside every directory named
 * there (sorted, not recursive), to LLVMFuzzerTestOneInput once, so the
 * committed corpus runs as an ordinary meson test. A crash, a sanitizer
 * report or a GLib-CRITICAL fails the test; the last "replaying" line says
 * which input did it.
 */

#include "config.h"

#include <stdio.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char  *path,
             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  printf ("replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  fflush (stdout);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return TRUE;
}

static gboolean
replay_path (const char  *path,
             guint       *n_inputs,
             GError     **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!replay_file (path, error))
        return FALSE;
      (*n_inputs)++;
      return TRUE;
    }

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!replay_file (file, error))
        return FALSE;
      (*n_inputs)++;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-DIRECTORY…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (GError) error = NULL;

      if (!replay_path (argv[i], &n_inputs, &error))
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          return 1;
        }
    }

  if (n_inputs == 0)
    {
      fprintf (stderr, "%s: no inputs to replay\n", argv[0]);
      return 1;
    }

  printf ("%u inputs replayed\n", n_inputs);
  return 0;
}
