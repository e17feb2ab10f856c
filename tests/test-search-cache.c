#define G_LOG_DOMAIN "test-search-cache"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "acr-sample-data.h"
#include "acr-search-cache.h"
#include "acr-search-results.h"
#include "acr-store-search-private.h"
#include "acr-test-utils.h"

/* The lookup index's file beside the database (acr-search-cache.h): written
 * 0600 by a store that keeps it, read by the next, and never used when it
 * is stale or corrupt. */

static const char * const queries[] = { "", "s", "smi", "ma", "0000", "jo m", "montr", "zzzq" };

typedef struct
{
  char *dir;
  char *db;
  char *file;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->db = g_build_filename (f->dir, "members.db", NULL);
  f->file = acr_search_cache_path (f->db);
  store = acr_test_open_store (f->dir);
  g_assert_true (acr_sample_data_generate (store, 300, 1, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->file);
}

/* Opens the database, reads its index; @from_file says where it came from. */
static AcrStore *
open_and_prepare (Fixture  *f,
                  gboolean  keep,
                  gboolean *from_file)
{
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (f->db, &error);

  g_assert_no_error (error);
  acr_store_set_keep_search_index_file (store, keep);
  g_assert_true (acr_store_prepare_search (store, &error));
  g_assert_no_error (error);
  *from_file = _acr_store_search_index_from_file (store);
  return store;
}

/* Every answer to the queries in every order, as one string of ids. */
static char *
answers (AcrStore *store)
{
  g_autoptr (AcrSearchResults) results = acr_search_results_new (store);
  GString *all = g_string_new (NULL);

  for (AcrSearchSort sort = ACR_SEARCH_SORT_FAMILY_NAME; sort <= ACR_SEARCH_SORT_NUMBER; sort++)
    {
      acr_search_results_set_sort (results, sort);
      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          guint n;

          acr_search_results_set_text (results, queries[q]);
          n = g_list_model_get_n_items (G_LIST_MODEL (results));
          g_string_append_printf (all, "%u“%s”:", sort, queries[q]);
          for (guint i = 0; i < n; i++)
            g_string_append_printf (all, " %" G_GINT64_FORMAT, acr_search_results_get_id (results, i));
          g_string_append_c (all, '\n');
        }
    }

  return g_string_free (all, FALSE);
}

static void
test_search_cache_written_0600_and_read_next_time (Fixture       *f,
                                                    gconstpointer  data)
{
  g_autoptr (AcrStore) first = NULL;
  g_autoptr (AcrStore) second = NULL;
  g_autofree char *from_db = NULL;
  g_autofree char *from_file = NULL;
  gboolean cached;
  GStatBuf buf;

  /* A store that does not keep the file writes none. */
  first = open_and_prepare (f, FALSE, &cached);
  g_assert_false (cached);
  g_assert_false (g_file_test (f->file, G_FILE_TEST_EXISTS));
  g_clear_object (&first);

  first = open_and_prepare (f, TRUE, &cached);
  g_assert_false (cached);
  g_assert_cmpint (g_stat (f->file, &buf), ==, 0);
  g_assert_cmpint (buf.st_mode & 0777, ==, 0600);
  from_db = answers (first);
  g_clear_object (&first);

  second = open_and_prepare (f, FALSE, &cached);
  g_assert_true (cached);
  from_file = answers (second);
  g_assert_cmpstr (from_file, ==, from_db);
}

static void
test_search_cache_stale_file_is_not_used (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrStore) writer = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  gboolean cached;

  store = open_and_prepare (f, TRUE, &cached);
  g_clear_object (&store);

  /* Members added by another connection: the file is for the members before. */
  writer = acr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (writer, 5, 99, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&writer);

  store = open_and_prepare (f, TRUE, &cached);
  g_assert_false (cached);
  results = acr_search_results_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 305);
  g_clear_object (&results);
  g_clear_object (&store);

  /* Written again for the members now. */
  store = open_and_prepare (f, FALSE, &cached);
  g_assert_true (cached);
  results = acr_search_results_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 305);
}

/* Damages the file with @damage, then checks it is not used and answers stay right. */
static void
check_damaged (Fixture    *f,
               const char *expected,
               void      (*damage) (const char *path))
{
  g_autoptr (AcrStore) store = NULL;
  g_autofree char *got = NULL;
  gboolean cached;

  damage (f->file);
  store = open_and_prepare (f, FALSE, &cached);
  g_assert_false (cached);
  got = answers (store);
  g_assert_cmpstr (got, ==, expected);
}

static void
flip_a_byte (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[len / 2] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

static void
cut_short (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (path, contents, len - 100, NULL));
}

static void
replace_with_text (const char *path)
{
  g_assert_true (g_file_set_contents (path, "not an index\n", -1, NULL));
}

static void
test_search_cache_corrupt_file_is_not_used (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr (AcrStore) store = NULL;
  g_autofree char *expected = NULL;
  void (*damages[]) (const char *) = { flip_a_byte, cut_short, replace_with_text };
  gboolean cached;

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      /* A good file first, then damaged. */
      store = open_and_prepare (f, TRUE, &cached);
      if (expected == NULL)
        expected = answers (store);
      g_clear_object (&store);
      check_damaged (f, expected, damages[i]);
    }
}

static void
prepared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (acr_store_prepare_search_finish (ACR_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* As the desktop application reads it: in a thread, on a connection of its own. */
static AcrStore *
open_and_prepare_async (Fixture  *f,
                        gboolean *from_file)
{
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open (f->db, &error);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gboolean done = FALSE;

  g_assert_no_error (error);
  acr_store_set_keep_search_index_file (store, TRUE);
  acr_store_prepare_search_async (store, NULL, prepared_cb, &done);
  while (!done)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  g_assert_true (acr_store_has_search_index (store));
  *from_file = _acr_store_search_index_from_file (store);
  return store;
}

static void
test_search_cache_kept_by_the_thread_that_reads_the_index (Fixture       *f,
                                                           gconstpointer  data)
{
  g_autoptr (AcrStore) store = NULL;
  g_autofree char *from_db = NULL;
  g_autofree char *from_file = NULL;
  gboolean cached;

  store = open_and_prepare_async (f, &cached);
  g_assert_false (cached);
  g_assert_true (g_file_test (f->file, G_FILE_TEST_IS_REGULAR));
  from_db = answers (store);
  g_clear_object (&store);

  store = open_and_prepare_async (f, &cached);
  g_assert_true (cached);
  from_file = answers (store);
  g_assert_cmpstr (from_file, ==, from_db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/acr/search-cache/written-0600-and-read-next-time", Fixture, NULL,
              fixture_set_up, test_search_cache_written_0600_and_read_next_time, fixture_tear_down);
  g_test_add ("/acr/search-cache/stale-file-is-not-used", Fixture, NULL,
              fixture_set_up, test_search_cache_stale_file_is_not_used, fixture_tear_down);
  g_test_add ("/acr/search-cache/corrupt-file-is-not-used", Fixture, NULL,
              fixture_set_up, test_search_cache_corrupt_file_is_not_used, fixture_tear_down);
  g_test_add ("/acr/search-cache/kept-by-the-thread-that-reads-the-index", Fixture, NULL,
              fixture_set_up, test_search_cache_kept_by_the_thread_that_reads_the_index, fixture_tear_down);

  return g_test_run ();
}
