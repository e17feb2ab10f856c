/*
 * fuzz-member-import: `import members.csv` into an empty store (the reader,
 * the column names, every field's check, the `person` JSON column, the
 * matching of rows and the one transaction). An import succeeds and counts
 * every row, or fails with an error and leaves the store empty.
 */

#include "config.h"

#include "acr-csv-import.h"
#include "fuzz.h"
#include "fuzz-store.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };
  gint64 n_members;
  gboolean ok;

  fuzz_init ();

  store = fuzz_store_open_empty ();
  bytes = g_bytes_new (data, size);
  reader = acr_csv_reader_new (bytes, "members.csv");

  ok = acr_csv_import_members (store, reader, &report, NULL, NULL, &error);
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
