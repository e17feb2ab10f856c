#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-csv-import.h"
#include "acr-csv-reader.h"
#include "acr-csv-writer.h"
#include "acr-store.h"
#include "acr-test-utils.h"

static AcrCsvReader *
reader_for (const char *text,
            gssize      len)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, len < 0 ? strlen (text) : (gsize) len);
  return acr_csv_reader_new (bytes, "test.csv");
}

/* All records joined as "a|b|c" lines, or the error message. */
static char *
read_all (const char *text,
          gssize      len,
          GError    **error)
{
  g_autoptr (AcrCsvReader) reader = reader_for (text, len);
  g_autoptr (GString) out = g_string_new (NULL);
  g_auto (GStrv) fields = NULL;

  while (acr_csv_reader_next (reader, &fields, error))
    {
      g_autofree char *joined = g_strjoinv ("|", fields);
      g_string_append_printf (out, "%s\n", joined);
      g_clear_pointer (&fields, g_strfreev);
    }
  if (error && *error)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_reader_rfc4180 (void)
{
  struct { const char *in; const char *out; } cases[] = {
    { "a,b,c\r\n1,2,3\r\n", "a|b|c\n1|2|3\n" },
    { "a,b,c\n1,2,3", "a|b|c\n1|2|3\n" },                              /* LF, no final line end */
    { "\xEF\xBB\xBFname,x\nJosé,1\n", "name|x\nJosé|1\n" },            /* BOM dropped */
    { "a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n", "a|b\nx, y|he said \"hi\"\n" },
    { "a,b\n\"line1\r\nline2\",\"l1\nl2\"\n", "a|b\nline1\r\nline2|l1\nl2\n" },
    { "a,b\n,\n", "a|b\n|\n" },                                       /* empty fields */
    { "a,b\n\n1,2\n\n", "a|b\n1|2\n" },                               /* blank lines skipped */
    { "a,b\n\"\",\"\"\n", "a|b\n|\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *got = read_all (cases[i].in, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_reader_errors (void)
{
  struct { const char *in; gssize len; int code; const char *where; } cases[] = {
    { "a,b\n1,2\n\"open,3\n", -1, ACR_CSV_ERROR_UNTERMINATED_QUOTE, "test.csv:3: column 1" },
    { "a,b\n1,\"x\"y\n", -1, ACR_CSV_ERROR_BAD_QUOTE, "test.csv:2: column 2" },
    { "a,b\n1,x\"y\n", -1, ACR_CSV_ERROR_BAD_QUOTE, "test.csv:2: column 2" },
    { "a,b\n1,2,3\n", -1, ACR_CSV_ERROR_COLUMN_COUNT, "test.csv:2: column 3" },
    { "a,b\n1\n", -1, ACR_CSV_ERROR_COLUMN_COUNT, "test.csv:2: column 2" },
    { "a,b\n1,L\xE9vesque\n", -1, ACR_CSV_ERROR_INVALID_UTF8, "test.csv:2: column 2" },
    { "a,b\n1,ok\x00zero\n", 13, ACR_CSV_ERROR_INVALID_UTF8, "test.csv:2: column 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *got = read_all (cases[i].in, cases[i].len, &error);

      g_assert_null (got);
      g_assert_error (error, ACR_CSV_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].where);
      g_assert_true (g_str_has_prefix (error->message, "test.csv:"));
    }
}

static void
test_writer_round_trip (void)
{
  const char *row[] = { "plain", "with, comma", "with \"quote\"", "two\r\nlines", " edge ", "", "Đặng", NULL };
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (AcrCsvWriter) writer = acr_csv_writer_new (stream);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_auto (GStrv) fields = NULL;

  g_assert_true (acr_csv_writer_write_row (writer, row, &error));
  g_assert_true (acr_csv_writer_write_row (writer, row, &error));
  g_assert_true (acr_csv_writer_close (writer, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "plain,\"with, comma\",\"with \"\"quote\"\"\",\"two\r\nlines\",\" edge \",,Đặng\r\n"));

  reader = acr_csv_reader_new (bytes, "out.csv");
  for (guint r = 0; r < 2; r++)
    {
      g_assert_true (acr_csv_reader_next (reader, &fields, &error));
      g_assert_cmpstrv (fields, row);
      g_clear_pointer (&fields, g_strfreev);
    }
  g_assert_false (acr_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
}

/* --- imports --- */

typedef struct
{
  char     *dir;
  char     *path;
  AcrStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
import_members (Fixture         *f,
                const char      *text,
                AcrImportReport *report,
                GError         **error)
{
  g_autoptr (AcrCsvReader) reader = reader_for (text, -1);
  return acr_csv_import_members (f->store, reader, report, NULL, NULL, error);
}

static gboolean
import_roster (Fixture         *f,
               const char      *text,
               AcrImportReport *report,
               GError         **error)
{
  g_autoptr (AcrCsvReader) reader = reader_for (text, -1);
  return acr_csv_import_roster (f->store, reader, NULL, report, NULL, NULL, error);
}

static void
test_import_members (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  AcrImportReport report;
  g_autoptr (AcrMember) m = NULL;
  const char *csv =
    "Given Name,Family Name,Email,City,Postal Code,Country,NPI,Language,Category,Chapters\r\n"
    "Anne,Lefèvre,anne@example.ca,Montréal,H2X 1Y4,CA,,fr,general,QC\r\n"
    "Minh,Hoang,minh@example.com,Houston,77002,US,1234567893,en,general,TX\r\n";

  g_assert_true (import_members (f, csv, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 2);
  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_cmpstr (acr_member_get_family_name (m), ==, "Lefèvre");
  g_assert_cmpstr (acr_member_get_language (m), ==, "fr");
  g_assert_cmpstr (acr_member_get_status (m), ==, "active");

  /* The same file again: matched by e-mail, nothing changes. */
  g_assert_true (import_members (f, csv, &report, &error));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.unchanged, ==, 2);
}

static void
test_import_fails_on_last_row_changes_nothing (Fixture       *f,
                                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("given_name,family_name,email,npi\n");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  g_assert_true (import_members (f, "given_name,family_name\nOld,Member\n", NULL, &error));
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (csv, "Given%u,Family%u,g%u@example.org,\n", i, i, i);
  g_string_append (csv, "Last,Row,last@example.org,1234567890\n");   /* bad check digit */

  g_assert_true (g_file_get_contents (f->path, &before, &before_len, NULL));
  g_assert_false (import_members (f, csv->str, NULL, &error));
  g_assert_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "test.csv:32: column 4 (npi)"));
  g_assert_nonnull (strstr (error->message, "1 row was rejected"));
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 1);
  g_assert_true (g_file_get_contents (f->path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* The next member still gets number 2: the rejected rows used none. */
  g_clear_error (&error);
  g_assert_true (import_members (f, "given_name,family_name\nNext,One\n", NULL, &error));
  {
    g_autoptr (AcrMember) next = acr_store_lookup_member (f->store, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (acr_member_get_given_name (next), ==, "Next");
  }
}

static void
test_import_lists_every_bad_row (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("given_name,family_name,email,language,status\n");

  g_string_append (csv, "A,Ok,a@example.org,en,active\n");
  g_string_append (csv, "B,Bad,b@example,en,active\n");               /* row 3: email */
  g_string_append (csv, "C,Bad,c@example.org,de,sleeping\n");         /* row 4: language and status */
  g_string_append (csv, "D,Bad,a@example.org,en,active\n");           /* row 5: same e-mail as row 2 */
  g_string_append (csv, "E,Short\n");                                 /* row 6: columns */
  g_string_append (csv, ",,e@example.org,en,active\n");               /* row 7: no name */
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (csv, "X%u,Y,x%u@bad,en,active\n", i, i);

  g_assert_false (import_members (f, csv->str, NULL, &error));
  g_assert_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "65 rows were rejected"));
  g_assert_nonnull (strstr (error->message, "test.csv:3: column 3 (email)"));
  g_assert_nonnull (strstr (error->message, "test.csv:4: column 4 (language)"));
  g_assert_nonnull (strstr (error->message, "test.csv:4: column 5 (status)"));
  g_assert_nonnull (strstr (error->message, "test.csv:5: column 3 (email): the same e-mail address as row 2"));
  g_assert_nonnull (strstr (error->message, "test.csv:6: column 3: expected 5 columns, found 2"));
  g_assert_nonnull (strstr (error->message, "test.csv:7: column 2 (family_name)"));
  g_assert_nonnull (strstr (error->message, "and 16 more problems"));
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

static void
test_import_malformed_files (Fixture       *f,
                             gconstpointer  data)
{
  struct { const char *csv; int code; const char *where; } cases[] = {
    { "", ACR_CSV_ERROR_HEADER, "empty" },
    { "given_name,family_name,colour\n", ACR_CSV_ERROR_HEADER, "column 3: unknown column “colour”" },
    { "given_name,given_name,family_name\n", ACR_CSV_ERROR_HEADER, "appears twice" },
    { "given_name,email\nA,a@example.org\n", ACR_CSV_ERROR_HEADER, "“family_name” is missing" },
    { "given_name,family_name\n", ACR_CSV_ERROR_REJECTED, "no rows" },
    { "given_name,family_name\nA,\"B\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 2: the quoted field is never closed" },
    { "given_name,family_name\nA,B\"C\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 2: a quote inside" },
    { "given_name,family_name\nA,\"B\"C\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 2: text after the closing quote" },
    { "given_name,family_name\nA,L\xE9vesque\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 2: invalid UTF-8" },
    { "given_name,family_name\nA,B,C\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 3: expected 2 columns, found 3" },
    { "given_name,family_name,number\nA,B,0000099\n", ACR_CSV_ERROR_REJECTED, "test.csv:2: column 3 (number): no member number 0000099" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (import_members (f, cases[i].csv, NULL, &error));
      g_assert_error (error, ACR_CSV_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].where) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].where);
    }
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

static void
test_roster_reimport_updates (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (GPtrArray) history = NULL;
  AcrImportReport report;
  const char *first =
    "Resident Name,Email,Program,Country,Training Stage,Expected Completion Date\r\n"
    "Anne Lefèvre,anne@example.ca,McGill Diagnostic Radiology,CA,Residency,2027-06-30\r\n"
    "\"Nguyễn, Văn An\",,Baylor Radiology,US,residency,2026-06-30\r\n"
    "Hans Müller,hans@example.de,Charité Radiologie,DE,fellowship,2026-09-30\r\n";
  const char *second =
    "resident_name,email,program,country,training_stage,expected_completion_date\n"
    "Anne Lefèvre,anne@example.ca,McGill Diagnostic Radiology,CA,fellowship,2028-06-30\n"  /* moved on: updated */
    "\"Nguyễn, Văn An\",,Baylor Radiology,US,residency,2026-06-30\n"                         /* same: by name + program */
    "Hans Müller,hans@example.de,Charité Radiologie,DE,fellowship,2026-09-30\n"            /* same: by e-mail */
    "Sofía Peña,sofia@example.es,Hospital La Paz,ES,residency,2029-05-31\n";               /* new */

  g_assert_true (import_roster (f, first, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 3);

  g_assert_true (import_roster (f, second, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 1);
  g_assert_cmpuint (report.unchanged, ==, 2);
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 4);

  m = acr_store_lookup_member (f->store, 2, &error);
  g_assert_cmpstr (acr_member_get_family_name (m), ==, "Nguyễn");
  g_assert_cmpstr (acr_member_get_given_name (m), ==, "Văn An");
  g_clear_object (&m);

  m = acr_store_lookup_member (f->store, 1, &error);
  g_assert_nonnull (strstr (acr_member_get_person_json (m), "\"end\":\"2028-06-30\""));
  history = acr_store_list_history (f->store, m, &error);
  g_assert_cmpuint (history->len, ==, 3);   /* created, training.end, training.stage */
}

static void
test_roster_rejects_bad_rows (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  const char *csv =
    "resident_name,email,program,country,training_stage,expected_completion_date\n"
    "Anne Lefèvre,anne@example.ca,McGill,CA,residency,2027-06-30\n"
    "Bob Smith,bob@example.com,Baylor,USA,residency,2027-02-30\n"
    "Carl Jones,carl@example.com,,US,intern,2027-06-30\n"
    "Anne Lefèvre,anne@example.ca,McGill,CA,residency,2027-06-30\n";

  g_assert_false (import_roster (f, csv, NULL, &error));
  g_assert_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "test.csv:3: column 4 (country)"));
  g_assert_nonnull (strstr (error->message, "test.csv:3: column 6 (expected_completion_date)"));
  g_assert_nonnull (strstr (error->message, "test.csv:4: column 3 (program)"));
  g_assert_nonnull (strstr (error->message, "test.csv:4: column 5 (training_stage)"));
  g_assert_nonnull (strstr (error->message, "test.csv:5: the same resident as row 2"));
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

static void
test_export_round_trips (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrSearchResults) results = acr_search_results_new (f->store);
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  AcrImportReport report;
  const char *csv =
    "given_name,family_name,email,city,address\n"
    "Anne,Lefèvre,anne@example.ca,Montréal,\"12, rue \"\"Saint\"\"-Denis\nApp. 4\"\n"
    "Éric,Lefebvre,eric@example.ca,Laval,\n"
    "Tomás,Peña,tomas@example.es,Sevilla,\n";

  g_assert_true (import_members (f, csv, NULL, &error));
  acr_search_results_set_text (results, "lefe");
  g_assert_true (acr_csv_export_members (results, stream, &error));
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL),
                                   "number,given_name,family_name,email,phone,address,city,region,postal_code,country,npi,"
                                   "language,category,status,chapters,program,joined,person\r\n0000002,Éric,Lefebvre,"));

  /* Importing the export changes nothing. */
  reader = acr_csv_reader_new (bytes, "export.csv");
  g_assert_true (acr_csv_import_members (f->store, reader, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.unchanged, ==, 2);
  g_assert_cmpuint (report.added + report.updated, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/csv/reader-handles-rfc4180-quoting-bom-and-line-ends", test_reader_rfc4180);
  g_test_add_func ("/acr/csv/reader-errors-name-row-and-column", test_reader_errors);
  g_test_add_func ("/acr/csv/writer-output-reads-back-identically", test_writer_round_trip);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/acr/csv/import-members-adds-then-matches-by-email", test_import_members);
  ADD ("/acr/csv/import-failing-on-last-row-changes-nothing", test_import_fails_on_last_row_changes_nothing);
  ADD ("/acr/csv/import-lists-every-bad-row-column-and-why", test_import_lists_every_bad_row);
  ADD ("/acr/csv/import-rejects-malformed-files", test_import_malformed_files);
  ADD ("/acr/csv/roster-reimport-updates-instead-of-duplicating", test_roster_reimport_updates);
  ADD ("/acr/csv/roster-rejects-bad-rows", test_roster_rejects_bad_rows);
  ADD ("/acr/csv/export-writes-the-lookup-and-reimports-unchanged", test_export_round_trips);
#undef ADD

  return g_test_run ();
}
