/*
 * Forgetting a person on request (acr-anonymise.h): an anonymised member
 * cannot be found by any search key they had, no personal value is left in
 * their history, application or invoices, while the accounting (invoice
 * numbering, receivables) is unchanged; refused applications past their
 * retention are anonymised by the lifecycle run, with a dry run.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "acr-anonymise.h"
#include "acr-search-cache.h"
#include "acr-sample-data.h"
#include "acr-search-results.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = acr_test_make_temp_dir ();
  f->db = g_build_filename (f->dir, "m.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
cli_out (Fixture            *f,
         const char * const *args)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->db);

  acr_test_run_cli (&run, NULL, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static gint64
count_containing (const char *path,
                  const char *sql,
                  gint64      member_id,
                  const char *value)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Whether a search for @text in @store lists member @id. */
static gboolean
search_finds (AcrStore   *store,
              const char *text,
              gint64      id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  guint n;

  g_assert_true (acr_store_prepare_search (store, &error));
  g_assert_no_error (error);
  results = acr_search_results_new (store);
  acr_search_results_set_text (results, text);
  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  for (guint i = 0; i < n; i++)
    {
      if (acr_search_results_get_id (results, i) == id)
        return TRUE;
    }
  return FALSE;
}

static void
test_anonymised_member_cannot_be_found_and_accounts_are_unchanged (Fixture       *f,
                                                                   gconstpointer  data)
{
  const char *bill[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };
  const char *pay[] = { "pay", NULL, "--amount", "1000", "--method", "check", "--date", "2026-11-20", NULL };
  const char *receivables[] = { "report", "receivables", "--year", "2027", NULL };
  const char *numbering[] = { "report", "numbering", "--year", "2027", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrMember) before = NULL;
  g_autoptr (AcrMember) after = NULL;
  g_autofree char *receivables_before = NULL;
  g_autofree char *numbering_before = NULL;
  g_autofree char *receivables_after = NULL;
  g_autofree char *numbering_after = NULL;
  g_autofree char *invoice_number = NULL;
  g_autofree char *out = NULL;
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  const char *tables[] = {
    "SELECT count(*) FROM member_history WHERE member_id = ?1 AND (instr (old_value, ?2) OR instr (new_value, ?2))",
    "SELECT count(*) FROM applications WHERE member_id = ?1 AND (instr (person, ?2) OR instr (contact, ?2))",
    "SELECT count(*) FROM invoices WHERE member_id = ?1 AND (instr (member_name, ?2) OR instr (address, ?2)"
    " OR instr (city, ?2) OR instr (postal_code, ?2))",
  };
  guint number = 0;
  gint64 id;

  store = acr_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, 60, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  out = cli_out (f, bill);
  g_clear_pointer (&out, g_free);

  /* A billed member with every contact field, and a payment on their invoice. */
  store = acr_store_open (f->db, &error);
  g_assert_no_error (error);
  for (guint n = 1; n <= 60 && number == 0; n++)
    {
      g_autoptr (AcrMember) m = acr_store_lookup_member (store, n, NULL);
      g_autofree char *number_text = g_strdup_printf ("%u", n);
      g_autofree char *invoices = NULL;
      const char *balance[] = { "invoices", "--member", number_text, "--json", NULL };

      if (m == NULL || acr_member_get_npi (m) == NULL || acr_member_get_email (m) == NULL ||
          acr_member_get_field (m, "postal_code") == NULL || acr_member_get_field (m, "phone") == NULL ||
          !acr_member_has_status (m, ACR_MEMBER_STATUS_ACTIVE))
        continue;
      invoices = cli_out (f, balance);
      if (strstr (invoices, "\"number\"") == NULL)
        continue;
      number = n;
      invoice_number = g_strndup (strstr (invoices, "\"number\"") + strlen ("\"number\" : \""), strlen ("2027-000001"));
    }
  g_assert_cmpuint (number, >, 0);
  g_clear_object (&store);
  pay[1] = invoice_number;
  out = cli_out (f, pay);
  g_clear_pointer (&out, g_free);

  store = acr_store_open (f->db, &error);
  g_assert_no_error (error);
  before = acr_store_lookup_member (store, number, &error);
  g_assert_no_error (error);
  id = acr_member_get_id (before);
  g_ptr_array_add (keys, g_strdup (acr_member_get_given_name (before)));
  g_ptr_array_add (keys, g_strdup (acr_member_get_family_name (before)));
  g_ptr_array_add (keys, g_strdup (acr_member_get_email (before)));
  g_ptr_array_add (keys, g_strdup (acr_member_get_npi (before)));
  g_ptr_array_add (keys, g_strdup (acr_member_get_field (before, "postal_code")));
  g_ptr_array_add (keys, g_strdup (acr_member_get_field (before, "phone")));
  g_ptr_array_add (keys, g_strdup (acr_member_get_field (before, "address")));
  for (guint i = 0; i < 4; i++)
    g_assert_true (search_finds (store, g_ptr_array_index (keys, i), id));

  receivables_before = cli_out (f, receivables);
  numbering_before = cli_out (f, numbering);

  /* The lookup's file beside the database holds the keys too (acr-search-cache.h). */
  {
    g_autofree char *cache = acr_search_cache_path (f->db);

    g_assert_true (g_file_set_contents (cache, "old keys", -1, NULL));
    g_assert_true (acr_anonymise_member (store, number, "request of 2026-12-01, ref. 42", &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }

  /* Not found by any key it had: by this store's index, and by a fresh one. */
  for (guint i = 0; i < 4; i++)
    g_assert_false (search_finds (store, g_ptr_array_index (keys, i), id));
  {
    g_autoptr (AcrStore) fresh = acr_store_open (f->db, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 4; i++)
      g_assert_false (search_finds (fresh, g_ptr_array_index (keys, i), id));
    g_assert_true (search_finds (fresh, "Anonymised", id));
  }
  /* Nowhere in the history, the application or the invoices either. */
  for (guint i = 0; i < keys->len; i++)
    for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
      g_assert_cmpint (count_containing (f->db, tables[t], id, g_ptr_array_index (keys, i)), ==, 0);

  after = acr_store_lookup_member (store, number, &error);
  g_assert_no_error (error);
  {
    g_autofree char *name = g_strdup_printf ("Anonymised member %07u", number);
    g_autofree char *display = acr_member_dup_display_name (after);

    g_assert_cmpstr (acr_member_get_family_name (after), ==, name);
    g_assert_cmpstr (display, ==, name);
  }
  g_assert_null (acr_member_get_email (after));
  g_assert_null (acr_member_get_npi (after));
  g_assert_cmpstr (acr_member_get_status (after), ==, "resigned");
  {
    g_autofree char *name = g_strdup_printf ("Anonymised member %07u", number);

    g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM invoices WHERE member_id = ?1 AND member_name <> ?2",
                                       id, name), ==, 0);
    g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM invoices WHERE member_id = ?1 AND member_name = ?2",
                                       id, name), >, 0);
  }

  /* The accounts and the numbering are those of before. */
  receivables_after = cli_out (f, receivables);
  numbering_after = cli_out (f, numbering);
  g_assert_cmpstr (receivables_before, ==, receivables_after);
  g_assert_cmpstr (numbering_before, ==, numbering_after);

  /* The act is recorded, and it cannot be done twice. */
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM anonymisations WHERE member_id = ?1 AND reason = ?2",
                                     id, "request of 2026-12-01, ref. 42"), ==, 1);
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM member_history WHERE member_id = ?1"
                                            " AND field = 'anonymised' AND reason = ?2",
                                     id, "request of 2026-12-01, ref. 42"), ==, 1);
  g_assert_true (acr_anonymise_is_member_anonymised (store, number, &error));
  g_assert_false (acr_anonymise_member (store, number, "again", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The guards on history and invoices are back in place. */
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND ?1 = ?1 AND name IN"
                                            " ('member_history_no_update', 'applications_no_update', ?2)",
                                     0, "invoices_frozen"), ==, 3);
}

static void
test_lifecycle_anonymises_old_refused_applications (Fixture       *f,
                                                    gconstpointer  data)
{
  g_autofree char *nobody = g_test_build_filename (G_TEST_DIST, "fixtures", "persons", "nobody.json", NULL);
  const char *old_refusal[] = { "apply", "--date", "2024-01-10", "--email", "old.refusal@example.org",
                                "--phone", "+1 555 0100", nobody, NULL };
  const char *recent_refusal[] = { "apply", "--date", "2026-06-01", "--email", "recent.refusal@example.org",
                                   nobody, NULL };
  const char *dry[] = { "lifecycle", "--date", "2026-12-06", "--dry-run", NULL };
  const char *run[] = { "lifecycle", "--date", "2026-12-06", NULL };
  g_autofree char *out = NULL;

  out = cli_out (f, old_refusal);
  g_clear_pointer (&out, g_free);
  out = cli_out (f, recent_refusal);
  g_clear_pointer (&out, g_free);

  out = cli_out (f, dry);
  g_assert_nonnull (strstr (out, "older than 24 months: 1 would be anonymised"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM applications WHERE ?1 = 0 AND instr (contact, ?2)",
                                     0, "old.refusal@example.org"), ==, 1);

  out = cli_out (f, run);
  g_assert_nonnull (strstr (out, "older than 24 months: 1 anonymised"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM applications WHERE ?1 = 0 AND (instr (contact, ?2)"
                                            " OR instr (contact, '555 0100'))",
                                     0, "old.refusal@example.org"), ==, 0);
  g_assert_cmpint (count_containing (f->db, "SELECT count(*) FROM applications WHERE ?1 = 0 AND instr (contact, ?2)",
                                     0, "recent.refusal@example.org"), ==, 1);

  /* Repeatable: nothing more to do the second time. */
  out = cli_out (f, run);
  g_assert_nonnull (strstr (out, "older than 24 months: 0 anonymised"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/anonymise/member-cannot-be-found-and-accounts-are-unchanged",
       test_anonymised_member_cannot_be_found_and_accounts_are_unchanged);
  ADD ("/acr/anonymise/lifecycle-anonymises-old-refused-applications",
       test_lifecycle_anonymises_old_refused_applications);
#undef ADD

  return g_test_run ();
}
