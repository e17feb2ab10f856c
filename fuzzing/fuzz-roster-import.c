/*
 * fuzz-roster-import: `import --roster roster.csv` into an empty store, each
 * new trainee classified by the built-in rules as the CLI does. An import
 * succeeds and counts every row, or fails with an error and leaves the store
 * empty.
 */

#include "config.h"

#include "acr-csv-import.h"
#include "acr-lifecycle.h"
#include "acr-rules.h"
#include "fuzz.h"
#include "fuzz-store.h"

static gboolean
classify_trainee (AcrMember  *member,
                  gpointer    user_data,
                  GError    **error)
{
  AcrRules *rules = user_data;
  GDate on;

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 1, G_DATE_JULY, 2026);
  return acr_lifecycle_classify_member (NULL, rules, member, &on, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static AcrRules *rules = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };
  gint64 n_members;
  gboolean ok;

  fuzz_init ();

  if (rules == NULL)
    {
      rules = acr_rules_new_default (&error);
      g_assert_no_error (error);
    }

  store = fuzz_store_open_empty ();
  bytes = g_bytes_new (data, size);
  reader = acr_csv_reader_new (bytes, "roster.csv");

  ok = acr_csv_import_roster (store, reader, classify_trainee, &report, NULL, rules, &error);
  g_assert_true (ok == (error == NULL));
  if (ok)
    g_debug ("imported: %u added, %u updated, %u unchanged", report.added, report.updated, report.unchanged);
  else
    g_debug ("rejected: %s", error->message);

  n_members = acr_store_count_members (store, NULL);
  if (ok)
    g_assert_cmpint (n_members, ==, report.added);
  else
    g_assert_cmpint (n_members, ==, 0);

  return 0;
}
