/*
 * fuzz-csv-reader: the RFC 4180 reader under every CSV import. Records come
 * out as valid UTF-8, all with the first record's number of fields, row
 * numbers grow, and the reader always reaches an end or an error.
 */

#include "config.h"

#include "acr-csv-reader.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) fields = NULL;
  guint n_columns = 0;
  guint n_records = 0;
  guint last_row = 0;

  fuzz_init ();

  bytes = g_bytes_new (data, size);
  reader = acr_csv_reader_new (bytes, "fuzz.csv");

  while (acr_csv_reader_next (reader, &fields, &error))
    {
      guint n = g_strv_length (fields);
      guint row = acr_csv_reader_get_row (reader);

      /* Every record takes at least one byte: no endless loop. */
      g_assert_cmpuint (++n_records, <=, size + 1);
      g_assert_cmpuint (row, >, last_row);
      last_row = row;

      g_assert_cmpuint (n, >, 0);
      if (n_columns == 0)
        n_columns = n;
      g_assert_cmpuint (n, ==, n_columns);

      for (guint i = 0; i < n; i++)
        g_assert_true (g_utf8_validate (fields[i], -1, NULL));

      g_clear_pointer (&fields, g_strfreev);
    }

  g_assert_null (fields);
  if (error != NULL)
    g_assert_true (error->domain == ACR_CSV_ERROR);

  return 0;
}
