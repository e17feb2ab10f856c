/*
 * fuzz-member-import: `import members.csv` into an empty store (the reader,
 * the column names, every field's check, the `person` JSON column, the
 * matching of rows and the one transaction). An import succeeds and counts
 * every row, or fails with an error and leaves the store empty; what it
 * imported exports as CSV that imports back with every member unchanged.
 */

#include "config.h"

#include "acr-csv-import.h"
#include "acr-search-results.h"
#include "fuzz.h"
#include "fuzz-store.h"

/* What was imported exports to a file that imports back unchanged. */
static void
check_export_round_trip (AcrStore *store,
                         gint64    n_members)
{
  g_autoptr (AcrSearchResults) results = acr_search_results_new (store);
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) exported = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { 0 };
  AcrImportReport report = { 0 };

  acr_search_results_set_query (results, &query);
  g_assert_true (acr_csv_export_members (results, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  exported = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

  reader = acr_csv_reader_new (exported, "export.csv");
  if (!acr_csv_import_members (store, reader, &report, NULL, NULL, &error))
    g_error ("the export does not import back: %s\n%.*s", error->message,
             (int) g_bytes_get_size (exported), (const char *) g_bytes_get_data (exported, NULL));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, n_members);
}

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

  if (ok)
    check_export_round_trip (store, n_members);

  return 0;
}
