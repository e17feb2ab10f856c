#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-csv-import.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-search-index.h"
#include "acr-store.h"
#include "acr-store-private.h"
#include "acr-store-sqlite-private.h"
#include "acr-test-utils.h"

/*
 * The lookup a one-shot program (the CLI) gets from the database alone
 * (acr_store_search_ids (), the member_words table) gives the app's
 * in-memory index's answer: the same members, in the same order, for every
 * query, filter and sort, and it stays so through every write and from a
 * database of the schema before it.
 */

/* Members whose names, cities, addresses and numbers exercise the folding and the word splitting. */
static const char * const tricky[][7] = {
  /* given, family, email, city, postal, npi, chapters */
  { "Marie-Ève", "D'Amours", "meve@example.ca", "Saint-Jean-sur-Richelieu", "J3B 1A1", NULL, "QC" },
  { "Seán", "O'Brien-Smith", "sean.ob@example.com", "Boston", "02110", "1234567893", "MA,NH" },
  { "José", "de la Fuente", "JOSE@Example.es", "Sevilla", "41001", NULL, NULL },
  { "Thị Hoa", "Đặng", "hoa.dang@example.vn", "Hà Nội", "100000", NULL, NULL },
  { "Jürgen", "Straßer", "js@example.de", "München", "80331", "1987654328", NULL },
  { "Æsa", "Łukasiewicz", "ael@example.pl", "Łódź", "90-001", NULL, "NY,NJ" },
  { "Anne  Claire", "  LEFÈVRE ", "anne.l@example.ca", "Québec", "G1R 4P5", NULL, "QC" },
  { "Œdipe", "L'Écuyer-D'Arcy", "oe@example.fr", "Paris", "75001", NULL, NULL },
};

static void
add_tricky_members (AcrStore *store)
{
  for (guint i = 0; i < G_N_ELEMENTS (tricky); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrMember) member = acr_test_make_member (tricky[i][0], tricky[i][1], tricky[i][2], NULL);

      acr_member_set_field (member, "city", tricky[i][3], &error);
      g_assert_no_error (error);
      acr_member_set_field (member, "postal_code", tricky[i][4], &error);
      g_assert_no_error (error);
      if (tricky[i][5] != NULL)
        acr_member_set_field (member, "npi", tricky[i][5], &error);
      g_assert_no_error (error);
      if (tricky[i][6] != NULL)
        acr_member_set_field (member, "chapters", tricky[i][6], &error);
      g_assert_no_error (error);
      g_assert_true (acr_store_add_member (store, member, "test", &error));
      g_assert_no_error (error);
    }
}

/* Many queries: prefixes of every kind of key of some members, as folded and as typed, and combinations. */
static GPtrArray *
make_queries (AcrStore *store,
              guint     n_members)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  static const char * const fixed[] = {
    "", "a", "Lefèvre", "LEFEVRE", "lef", "d'amours", "amours", "d'", "o'brien", "brien", "smith",
    "o'brien-smith", "marie-eve", "eve", "marie eve", "de la fuente", "fuente de", "la", "dang", "Đặng",
    "thi hoa", "strasser", "strass", "munchen", "münchen", "lodz", "aesa", "lukas", "oedipe", "ecuyer",
    "arcy", "saint-jean", "richelieu", "sur", "j3b", "j3b1", "j3b 1a1", "h2x", "90-001", "90001",
    "1", "12", "123", "0", "00", "000", "0000001", "0000012", "1234567893", "123456", "19876", "198765432",
    "jose@", "jose@example", "hoa.dang@", "@", "example", "1 2", "a b c d e f g h i j", "  ", "é",
    "qu", "québec gen", "zzzz", "'", "-", "ha noi", "noi", "x y", "9", "99", "100", "1000",
  };
  guint step = MAX (n_members / 40, 1);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (queries, g_strdup (fixed[i]));

  for (guint id = 1; id <= n_members; id += step)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrMember) m = acr_store_lookup_member_by_id (store, id, &error);
      g_autofree char *family = NULL;
      g_autofree char *given = NULL;
      const char *email;
      const char *city;

      g_assert_no_error (error);
      family = g_strdup (acr_member_get_family_name (m));
      given = g_strdup (acr_member_get_given_name (m));
      email = acr_member_get_email (m);
      city = acr_member_get_city (m);

      g_ptr_array_add (queries, g_strdup (family));
      g_ptr_array_add (queries, g_utf8_strup (given, -1));
      g_ptr_array_add (queries, g_strdup_printf ("%s %s", given, family));
      g_ptr_array_add (queries, g_utf8_substring (family, 0, MIN (3, g_utf8_strlen (family, -1))));
      if (email != NULL)
        g_ptr_array_add (queries, g_strndup (email, MIN (strlen (email), 6)));
      if (city != NULL)
        g_ptr_array_add (queries, g_strdup_printf ("%s %.2s", city, given));
      g_ptr_array_add (queries, g_strdup_printf ("%07u", acr_member_get_number (m)));
      g_ptr_array_add (queries, g_strdup_printf ("%u", acr_member_get_number (m) / 10));
      if (acr_member_get_npi (m) != NULL)
        g_ptr_array_add (queries, g_strndup (acr_member_get_npi (m), 5));
      if (acr_member_get_field (m, "postal_code") != NULL)
        g_ptr_array_add (queries, g_strndup (acr_member_get_field (m, "postal_code"), 3));
    }
  return queries;
}

static void
assert_same_ids (GArray     *expected,
                 GArray     *got,
                 const char *what)
{
  if (expected->len != got->len)
    g_error ("%s: the index finds %u members, the database %u", what, expected->len, got->len);
  for (guint i = 0; i < expected->len; i++)
    if (g_array_index (expected, guint32, i) != g_array_index (got, guint32, i))
      g_error ("%s: position %u is member id %u in the index, %u from the database", what, i,
               g_array_index (expected, guint32, i), g_array_index (got, guint32, i));
}

/* Compares the database's answer with a fresh index's for every query, filter and sort; returns how many were compared. */
static guint
compare_with_index (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (GPtrArray) queries = NULL;
  gint64 n_members;
  static const char * const filters[][3] = {
    { NULL, NULL, NULL },
    { "general", NULL, NULL },
    { NULL, "active", NULL },
    { NULL, NULL, "QC" },
    { NULL, NULL, "NH" },
    { NULL, NULL, "NJ" },
    { "general", "active", "QC" },
    { "no-such-category", NULL, NULL },
  };
  AcrSearchIndex *index;
  guint compared = 0;

  g_assert_no_error (error);
  n_members = acr_store_count_members (store, &error);
  g_assert_no_error (error);
  queries = make_queries (store, n_members);
  index = _acr_store_get_index (store);

  for (guint q = 0; q < queries->len; q++)
    for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
      for (AcrSearchSort sort = ACR_SEARCH_SORT_FAMILY_NAME; sort <= ACR_SEARCH_SORT_NUMBER; sort++)
        {
          AcrSearchQuery query = {
            .text = queries->pdata[q], .category = filters[f][0], .status = filters[f][1],
            .chapter = filters[f][2], .sort = sort,
          };
          g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_autoptr (GArray) all = NULL;
          g_autoptr (GArray) first = NULL;
          g_autofree char *what = g_strdup_printf ("“%s” (filter %u, sort %d)", query.text, f, sort);
          guint n_all = 0, n_first = 0;

          /* Filters only on every fourth query: they multiply the runs. */
          if (f > 0 && q % 4 != 0)
            continue;
          acr_search_index_query (index, &query, expected);
          all = acr_store_search_ids (store, &query, 0, &n_all, &error);
          g_assert_no_error (error);
          assert_same_ids (expected, all, what);
          g_assert_cmpuint (n_all, ==, expected->len);

          first = acr_store_search_ids (store, &query, 5, &n_first, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (n_first, ==, expected->len);
          g_array_set_size (expected, MIN (expected->len, 5));
          assert_same_ids (expected, first, what);
          compared++;
        }
  return compared;
}

static void
make_sample_store (const char *path,
                   guint       count)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (path, &error);

  g_assert_no_error (error);
  add_tricky_members (store);
  g_assert_true (acr_sample_data_generate (store, count, 7, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_lookup_same_as_index (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  guint compared;

  make_sample_store (path, 1200);
  compared = compare_with_index (path);
  g_assert_cmpuint (compared, >, 500);

  /* The same with every answer ordered by a walk of the whole name index
   * (what a large answer at a million members takes) instead of row reads. */
  _acr_store_sqlite_set_lookup_max (0);
  compare_with_index (path);
  _acr_store_sqlite_set_lookup_max (G_MAXUINT);
  compare_with_index (path);
  _acr_store_sqlite_set_lookup_max (_ACR_STORE_SQLITE_LOOKUP_MAX);

  acr_test_remove_tree (dir);
}

static gboolean
import_csv (AcrStore    *store,
            const char  *text,
            GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (bytes, "test.csv");
  AcrImportReport report = { 0 };

  return acr_csv_import_members (store, reader, &report, NULL, NULL, error);
}

static guint
count_matches (AcrStore   *store,
               const char *text)
{
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { .text = text };
  g_autoptr (GArray) ids = NULL;
  guint n = 0;

  ids = acr_store_search_ids (store, &query, 0, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n);
  return n;
}

/* A rename, a move, an import and a re-import: the database's words follow each. */
static void
test_lookup_kept_by_writes (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrMember) member = NULL;
  guint n_amours;

  make_sample_store (path, 300);
  {
    g_autoptr (AcrStore) store = acr_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (count_matches (store, "quixote"), ==, 0);
    n_amours = count_matches (store, "amours");
    g_assert_cmpuint (n_amours, >, 0);
    member = acr_store_lookup_member_by_id (store, 1, &error);
    g_assert_no_error (error);
    g_assert_true (acr_member_set_field (member, "city", "Quixote-Ville", &error));
    g_assert_true (acr_store_save_member (store, member, "moved", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_matches (store, "quixote"), ==, 1);
    g_assert_cmpuint (count_matches (store, "ville"), ==, 1);
    g_assert_cmpuint (count_matches (store, "richelieu"), ==, 0);

    g_assert_true (acr_member_set_person_json (member, "{\"given_name\": \"Zénobie\", \"family_name\": \"Xérès-Ybarra\"}", &error));
    g_assert_true (acr_store_save_member (store, member, "renamed", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_matches (store, "ybarra zenob"), ==, 1);
    g_assert_cmpuint (count_matches (store, "amours"), ==, n_amours - 1);

    g_assert_true (import_csv (store, "given_name,family_name,email,city\n"
                                      "Quentin,Yzerman,qy@example.com,Quixote\n"
                                      "Zoë,Xavier-Quill,zx@example.com,Trois-Rivières\n", &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_matches (store, "quixote"), ==, 2);
    g_assert_cmpuint (count_matches (store, "quill"), ==, 1);
    import_csv (store, "given_name,family_name,email,city\nQuentin,Yzerman,qy@example.com,Zyxwvu-Ville\n", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_matches (store, "quixote"), ==, 1);
    g_assert_cmpuint (count_matches (store, "zyxw"), ==, 1);
  }
  compare_with_index (path);

  acr_test_remove_tree (dir);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static int
read_user_version (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStoreSqlite) engine = acr_store_sqlite_open (path, &error);

  g_assert_no_error (error);
  return acr_store_sqlite_get_schema_version (engine);
}

/* A database of schema 9 (before the word table) is brought forward at open, its members' words included. */
static void
test_lookup_after_migration (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  sqlite3 *db = NULL;

  make_sample_store (path, 500);

  /* What schema 9 held: the same members, no word table. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "DROP TABLE member_words; PRAGMA user_version = 9;");
  sqlite3_close (db);

  g_assert_cmpint (read_user_version (path), ==, ACR_STORE_SQLITE_SCHEMA_VERSION);
  g_assert_cmpuint (compare_with_index (path), >, 100);

  acr_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-lookup/same-as-index", test_lookup_same_as_index);
  g_test_add_func ("/store-lookup/kept-by-writes", test_lookup_kept_by_writes);
  g_test_add_func ("/store-lookup/after-migration", test_lookup_after_migration);

  return g_test_run ();
}
