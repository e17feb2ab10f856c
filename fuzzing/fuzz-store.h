#pragma once

/* A fresh, empty store for each input of the import targets, so every input
 * runs alone and a crash replays from its file: a copy of an empty store
 * made once per process, in one temporary directory removed at exit. With
 * TMPDIR on a tmpfs (build-aux/fuzz uses /dev/shm) the per-input open and
 * the import's synchronous commit cost little. */

#include <glib/gstdio.h>

#include "acr-store.h"

static char *fuzz_store_dir = NULL;

static void
fuzz_store_remove_files (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("members.db", suffixes[i], NULL);
      g_autofree char *path = g_build_filename (fuzz_store_dir, name, NULL);

      g_unlink (path);
    }
}

static void
fuzz_store_remove_dir (void)
{
  fuzz_store_remove_files ();
  g_rmdir (fuzz_store_dir);
}

/* An empty store of the current schema, made once: migrating a new file
 * for every input would cost more than the import. */
static GBytes *
fuzz_store_template (const char *path)
{
  static GBytes *template = NULL;

  if (template == NULL)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrStore) store = acr_store_open (path, &error);
      char *contents = NULL;
      gsize length = 0;

      g_assert_no_error (error);
      g_clear_object (&store);  /* the last connection checkpoints the WAL */
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      template = g_bytes_new_take (contents, length);
    }
  return template;
}

static inline AcrStore *
fuzz_store_open_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  GBytes *template;
  AcrStore *store;

  if (fuzz_store_dir == NULL)
    {
      fuzz_store_dir = g_dir_make_tmp ("acr-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (fuzz_store_remove_dir);
    }

  fuzz_store_remove_files ();
  path = g_build_filename (fuzz_store_dir, "members.db", NULL);
  template = fuzz_store_template (path);
  fuzz_store_remove_files ();
  g_file_set_contents_full (path, g_bytes_get_data (template, NULL), (gssize) g_bytes_get_size (template),
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  store = acr_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}
