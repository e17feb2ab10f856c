#include "config.h"

#include <glib/gstdio.h>

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
