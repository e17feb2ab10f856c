/*
 * Every file the application writes (invoice PDFs, per-invoice folders, CSV
 * exports) is complete or absent, private (0600), never one of the open
 * database's files, replaces an existing file only when asked, and keeps
 * spreadsheets from running a member's text as a formula. A full disk is
 * simulated with RLIMIT_FSIZE in a child process (writes then fail EFBIG).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acr-csv-reader.h"
#include "acr-csv-writer.h"
#include "acr-file-writer.h"
#include "acr-invoice-renderer.h"
#include "acr-store.h"
#include "acr-test-invoices.h"
#include "acr-test-utils.h"

/* What a full disk does to a write, here with 48 KiB left. */
#define DISK_LEFT (48 * 1024)

static void
fill_the_disk (void)
{
  struct rlimit limit = { DISK_LEFT, DISK_LEFT };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
fill_the_disk_cb (gpointer user_data)
{
  struct rlimit limit = { DISK_LEFT, DISK_LEFT };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* @message names @path itself, not a temporary "PATH.part". */
static void
assert_names (const char *message,
              const char *path)
{
  const char *named = strstr (message, path);

  if (named == NULL || strchr (": ;\n", named[strlen (path)]) == NULL)
    g_error ("the error does not name %s: %s", path, message);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
assert_whole_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_nonnull (g_strstr_len (data + len - 32, 32, "%%EOF"));
  /* One document, not two interleaved: one trailer. */
  g_assert_true (g_strstr_len (data, len, "%%EOF") == g_strrstr_len (data, len, "%%EOF"));
}

static GPtrArray *
generated_invoices (guint n)
{
  GPtrArray *invoices = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (invoices, acr_test_invoice_new_generated (i, 2027));
  return invoices;
}

/* --- the file writer --- */

static void
test_file_writer_full_disk (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = acr_test_make_temp_dir ();
      g_autofree char *path = g_build_filename (dir, "big.csv", NULL);
      g_autoptr (AcrFileWriter) out = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *block = g_strnfill (1024, 'x');
      g_autofree char *left = NULL;
      gboolean ok = TRUE;

      fill_the_disk ();
      out = acr_file_writer_new (path, ACR_FILE_WRITER_NONE, &error);
      g_assert_no_error (error);
      for (guint i = 0; ok && i < 200; i++)
        ok = g_output_stream_write_all (G_OUTPUT_STREAM (out), block, 1024, NULL, NULL, &error);
      g_assert_false (ok);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      assert_names (error->message, path);
      g_clear_error (&error);

      /* Closing after a failed write commits nothing. */
      g_assert_false (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
      g_assert_nonnull (error);
      assert_names (error->message, path);
      left = list_dir (dir);
      g_assert_cmpstr (left, ==, "");
      acr_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_file_writer_dropped_leaves_nothing (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *left = NULL;
  AcrFileWriter *out = acr_file_writer_new (path, ACR_FILE_WRITER_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "half", 4, NULL, NULL, &error));
  g_object_unref (out);
  left = list_dir (dir);
  g_assert_cmpstr (left, ==, "");
  acr_test_remove_tree (dir);
}

static void
test_file_writer_replaces_only_when_asked (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrFileWriter) first = NULL;
  g_autoptr (AcrFileWriter) second = NULL;
  g_autoptr (AcrFileWriter) late = NULL;
  g_autoptr (AcrFileWriter) third = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *left = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_null (acr_file_writer_new (path, ACR_FILE_WRITER_NONE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  second = acr_file_writer_new (path, ACR_FILE_WRITER_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (second), "new", 3, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (second), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");
  g_assert_cmpuint (file_mode (path), ==, 0600);

  /* A file that appears while the writer writes is not replaced either. */
  g_unlink (path);
  late = acr_file_writer_new (path, ACR_FILE_WRITER_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (late), "mine", 4, NULL, NULL, &error));
  g_assert_true (g_file_set_contents (path, "theirs", -1, NULL));
  g_assert_false (g_output_stream_close (G_OUTPUT_STREAM (late), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "theirs");
  left = list_dir (dir);
  g_assert_cmpstr (left, ==, "out.txt");

  /* A folder is not a file to write. */
  g_assert_null (acr_file_writer_new (dir, ACR_FILE_WRITER_REPLACE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  acr_test_remove_tree (dir);
}

static void
test_file_writer_never_writes_the_database (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autofree char *db = g_build_filename (dir, "members.db", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *soft = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard.pdf", NULL);
  g_autofree char *cwd = g_get_current_dir ();
  const char *targets[] = { "members.db", "./members.db", "sub/../members.db", "members.db-wal",
                            "./members.db-shm", "members.db-journal", "link.pdf", "hard.pdf" };
  g_autofree char *journal = g_strconcat (db, "-journal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (db, soft), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);
  acr_file_writer_protect (acr_store_get_location (store));
  g_assert_true (g_file_get_contents (db, &before, &before_len, NULL));

  g_assert_cmpint (g_chdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrFileWriter) out = acr_file_writer_new (targets[i], ACR_FILE_WRITER_REPLACE, &error);

      if (out != NULL)
        g_error ("%s: a writer for a file of the open database", targets[i]);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      g_assert_nonnull (strstr (error->message, targets[i]));
    }
  g_assert_cmpint (g_chdir (cwd), ==, 0);

  g_assert_true (g_file_get_contents (db, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (acr_store_count_members (store, NULL), ==, 0);
  g_clear_object (&store);
  acr_test_remove_tree (sub);
  acr_test_remove_tree (dir);
}

/* --- the invoice PDFs --- */

static void
test_pdf_full_disk (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = acr_test_make_temp_dir ();
      g_autofree char *path = g_build_filename (dir, "mailing.pdf", NULL);
      g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
      g_autoptr (GPtrArray) invoices = generated_invoices (40);
      g_autoptr (GError) error = NULL;
      g_autofree char *left = NULL;

      fill_the_disk ();
      g_assert_false (acr_invoice_renderer_export_combined (renderer, (AcrInvoice * const *) invoices->pdata,
                                                            invoices->len, path, ACR_FILE_WRITER_NONE,
                                                            NULL, &error));
      g_assert_nonnull (error);
      assert_names (error->message, path);
      g_clear_error (&error);
      left = list_dir (dir);
      g_assert_cmpstr (left, ==, "");

      /* One invoice fits. */
      g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoices->pdata[0], path,
                                                      ACR_FILE_WRITER_NONE, &error));
      g_assert_no_error (error);
      assert_whole_pdf (path);
      acr_test_remove_tree (dir);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_pdf_files_are_private (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *one = g_build_filename (dir, "one.pdf", NULL);
  g_autofree char *combined = g_build_filename (dir, "combined.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "each", NULL);
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GPtrArray) invoices = generated_invoices (3);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = acr_invoice_renderer_dup_file_name (invoices->pdata[1]);
  g_autofree char *in_folder = g_build_filename (folder, name, NULL);
  mode_t mask = umask (022);

  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoices->pdata[0], one, ACR_FILE_WRITER_NONE, &error));
  g_assert_true (acr_invoice_renderer_export_combined (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                                       combined, ACR_FILE_WRITER_NONE, NULL, &error));
  g_assert_true (acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                                     folder, ACR_FILE_WRITER_NONE, 2, NULL, &error));
  g_assert_no_error (error);
  umask (mask);

  g_assert_cmpuint (file_mode (one), ==, 0600);
  g_assert_cmpuint (file_mode (combined), ==, 0600);
  g_assert_cmpuint (file_mode (in_folder), ==, 0600);
  g_assert_cmpuint (file_mode (folder), ==, 0700);
  assert_whole_pdf (in_folder);

  /* Again into the same folder: refused before anything is written,
   * unless replacing was asked for. */
  g_assert_false (acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                                      folder, ACR_FILE_WRITER_NONE, 2, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                                     folder, ACR_FILE_WRITER_REPLACE, 2, NULL, &error));
  g_assert_no_error (error);
  acr_test_remove_tree (dir);
}

static void
test_pdf_folder_same_invoice_twice (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_generated (7, 2027);
  g_autofree char *name = acr_invoice_renderer_dup_file_name (invoice);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *left = NULL;
  AcrInvoice *same[8];

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    same[i] = invoice;

  /* Before, the threads shared one temporary file "NAME.pdf.part": one
   * renamed it away under the others, or the PDF came out interleaved. */
  for (guint round = 0; round < 5; round++)
    {
      g_assert_true (acr_invoice_renderer_export_folder (renderer, same, G_N_ELEMENTS (same), dir,
                                                         ACR_FILE_WRITER_REPLACE, 4, NULL, &error));
      g_assert_no_error (error);
      assert_whole_pdf (path);
      g_clear_pointer (&left, g_free);
      left = list_dir (dir);
      g_assert_cmpstr (left, ==, name);
    }
  acr_test_remove_tree (dir);
}

/* --- CSV and formulas --- */

static const char * const hostile[] = {
  "=1+1", "+1 229 555 6192", "-Smith", "@SUM(A1:A9)", "\tTab", "\rReturn",
  "=HYPERLINK(\"http://example.com\",\"x\")", "'", "''", "'t Hooft", "'=1+1", "'-5",
  "-1250", "-12.50", "-", "+", "=", "@", "O'Brien", "plain", "", " edge ", "a,b",
};

static void
test_csv_guards_formulas (void)
{
  g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr (AcrCsvWriter) writer = acr_csv_writer_new (stream);
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) fields = NULL;
  g_auto (GStrv) cells = NULL;
  const char *row[G_N_ELEMENTS (hostile) + 1];
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    row[i] = hostile[i];
  row[G_N_ELEMENTS (hostile)] = NULL;
  g_assert_true (acr_csv_writer_write_row (writer, row, &error));
  g_assert_true (acr_csv_writer_close (writer, &error));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* No cell a spreadsheet would evaluate: each starts with ' or is a
   * negative number. */
  g_assert_nonnull (strstr (text, "\"'=1+1\""));
  g_assert_nonnull (strstr (text, "\"'+1 229 555 6192\""));
  g_assert_nonnull (strstr (text, "\"''t Hooft\""));
  g_assert_nonnull (strstr (text, ",-1250,"));
  reader = acr_csv_reader_new (bytes, "hostile.csv");
  g_assert_true (acr_csv_reader_next (reader, &fields, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (fields), ==, G_N_ELEMENTS (hostile));
  cells = g_strsplit (text, ",", -1);
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      /* Every string reads back exactly. */
      g_assert_cmpstr (fields[i], ==, hostile[i]);
    }
  for (guint i = 0; cells[i] != NULL; i++)
    {
      const char *cell = cells[i][0] == '"' ? cells[i] + 1 : cells[i];

      if (cell[0] != '\0' && strchr ("=+@\t\r", cell[0]) != NULL)
        g_error ("a cell a spreadsheet runs: %s", cells[i]);
      if (cell[0] == '-' && !g_str_has_prefix (cell, "-1250") && !g_str_has_prefix (cell, "-12.50"))
        g_error ("a cell a spreadsheet runs: %s", cells[i]);
    }
}

static void
test_csv_foreign_quote_kept (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("'t Hooft,'Neill,'=2\r\n", 21);
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (bytes, "foreign.csv");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) fields = NULL;

  g_assert_true (acr_csv_reader_next (reader, &fields, &error));
  g_assert_cmpstr (fields[0], ==, "'t Hooft");
  g_assert_cmpstr (fields[1], ==, "'Neill");
  g_assert_cmpstr (fields[2], ==, "=2");
}

/* --- the CLI --- */

/* Runs the CLI on the database @db; with @full_disk, where a full disk stops its writes. */
static void
run_cli_full (const char          *db,
              gboolean             full_disk,
              AcrTestRun          *run,
              const char * const  *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, db);

  acr_test_run_cli (run, NULL, full_disk ? fill_the_disk_cb : NULL, (const char * const *) argv->pdata);
}

#define CLI(db, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli_full (db, FALSE, run, args_); \
  } G_STMT_END

#define CLI_FULL_DISK(db, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli_full (db, TRUE, run, args_); \
  } G_STMT_END

static void
assert_one_line_naming (const AcrTestRun *run,
                        const char       *path)
{
  g_assert_cmpint (run->status, ==, 1);
  assert_names (run->err, path);
  acr_test_assert_one_line (run->err);
}

typedef struct
{
  char  *dir;
  char  *db;
  GStrv  numbers;  /* a few invoice numbers */
} Billed;

static void
billed_clear (Billed *b)
{
  acr_test_remove_tree (b->dir);
  g_clear_pointer (&b->dir, g_free);
  g_clear_pointer (&b->db, g_free);
  g_clear_pointer (&b->numbers, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Billed, billed_clear)

/* A database of 150 members billed for 2027. */
static void
billed_init (Billed *b)
{
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) numbers = g_ptr_array_new ();
  JsonArray *invoices;

  b->dir = acr_test_make_temp_dir ();
  b->db = g_build_filename (b->dir, "m.db", NULL);
  CLI (b->db, &run, "sample-data", "--count", "150", "--seed", "3");
  g_assert_cmpint (run.status, ==, 0);
  CLI (b->db, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (run.status, ==, 0);
  CLI (b->db, &run, "invoices", "--year", "2027", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  invoices = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (invoices), >=, 40);
  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (numbers, g_strdup (json_object_get_string_member (json_array_get_object_element (invoices, i),
                                                                       "number")));
  g_ptr_array_add (numbers, NULL);
  b->numbers = (GStrv) g_ptr_array_free (g_steal_pointer (&numbers), FALSE);
}

static void
test_cli_full_disk (void)
{
  g_auto (Billed) b = { 0 };
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *db_hash = NULL;
  g_autofree char *left = NULL;
  g_autofree char *db_after = NULL;

  billed_init (&b);
  out = g_build_filename (b.dir, "mailing.pdf", NULL);
  csv = g_build_filename (b.dir, "members.csv", NULL);
  folder = g_build_filename (b.dir, "each", NULL);
  db_hash = acr_test_hash_file (b.db);

  /* Forty invoices in one PDF do not fit in what is left. */
  g_ptr_array_add (args, "invoice-pdf");
  for (guint i = 0; b.numbers[i] != NULL; i++)
    g_ptr_array_add (args, b.numbers[i]);
  g_ptr_array_add (args, "-o");
  g_ptr_array_add (args, out);
  g_ptr_array_add (args, NULL);
  run_cli_full (b.db, TRUE, &run, (const char * const *) args->pdata);
  assert_one_line_naming (&run, out);

  CLI_FULL_DISK (b.db, &run, "export", csv);
  assert_one_line_naming (&run, csv);

  left = list_dir (b.dir);
  /* m-backups: the backup taken before the billing run of billed_init (). */
  g_assert_cmpstr (left, ==, "m-backups m.db");
  db_after = acr_test_hash_file (b.db);
  g_assert_cmpstr (db_hash, ==, db_after);

  /* With room, the same commands work. */
  run_cli_full (b.db, FALSE, &run, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  assert_whole_pdf (out);
  CLI (b.db, &run, "export", csv);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_never_writes_the_database (void)
{
  g_auto (Billed) b = { 0 };
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *db_hash = NULL;
  g_autofree char *dotted = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *link = NULL;
  g_autofree char *left = NULL;
  g_autofree char *db_after = NULL;

  billed_init (&b);
  dotted = g_build_filename (b.dir, ".", "m.db", NULL);
  wal = g_strconcat (b.db, "-wal", NULL);
  link = g_build_filename (b.dir, "link.csv", NULL);
  g_assert_cmpint (symlink (b.db, link), ==, 0);
  db_hash = acr_test_hash_file (b.db);

  CLI (b.db, &run, "invoice-pdf", b.numbers[0], "-o", b.db);
  assert_one_line_naming (&run, b.db);
  g_assert_nonnull (strstr (run.err, "database"));
  CLI (b.db, &run, "invoice-pdf", b.numbers[0], "-o", dotted, "--force");
  assert_one_line_naming (&run, dotted);
  CLI (b.db, &run, "invoice-pdf", b.numbers[0], b.numbers[1], "-o", wal, "--force");
  assert_one_line_naming (&run, wal);
  CLI (b.db, &run, "export", b.db);
  assert_one_line_naming (&run, b.db);
  CLI (b.db, &run, "export", "--force", dotted);
  assert_one_line_naming (&run, dotted);
  CLI (b.db, &run, "export", "--force", link);
  assert_one_line_naming (&run, link);

  db_after = acr_test_hash_file (b.db);
  g_assert_cmpstr (db_hash, ==, db_after);
  left = list_dir (b.dir);
  g_assert_cmpstr (left, ==, "link.csv m-backups m.db");  /* m-backups: taken before the billing run */
  CLI (b.db, &run, "invoices", "--year", "2027");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_existing_file_needs_force (void)
{
  g_auto (Billed) b = { 0 };
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *pdf = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_slash = NULL;
  g_autofree char *in_folder = NULL;
  g_autofree char *not_written = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *left = NULL;

  billed_init (&b);
  pdf = g_build_filename (b.dir, "one.pdf", NULL);
  csv = g_build_filename (b.dir, "members.csv", NULL);
  folder = g_build_filename (b.dir, "each", NULL);
  folder_slash = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
  in_folder = g_strconcat (folder_slash, b.numbers[0], ".pdf", NULL);
  not_written = g_strconcat (folder_slash, b.numbers[2], ".pdf", NULL);

  /* First time: written, private. */
  CLI (b.db, &run, "invoice-pdf", b.numbers[0], "-o", pdf);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (file_mode (pdf), ==, 0600);
  CLI (b.db, &run, "export", csv);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (file_mode (csv), ==, 0600);
  /* The same invoice twice into a folder: written once, no temporary left. */
  CLI (b.db, &run, "invoice-pdf", b.numbers[0], b.numbers[1], b.numbers[0], "-o", folder_slash);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (file_mode (in_folder), ==, 0600);
  assert_whole_pdf (in_folder);
  left = list_dir (folder);
  expected = g_strdup_printf ("%s.pdf %s.pdf", b.numbers[0], b.numbers[1]);
  g_assert_cmpstr (left, ==, expected);

  /* Again: refused with one line, left as they are. */
  g_assert_true (g_file_set_contents (csv, "keep", -1, NULL));
  CLI (b.db, &run, "invoice-pdf", b.numbers[1], "-o", pdf);
  assert_one_line_naming (&run, pdf);
  g_assert_nonnull (strstr (run.err, "exists; use --force to replace it"));
  CLI (b.db, &run, "export", csv);
  assert_one_line_naming (&run, csv);
  g_assert_nonnull (strstr (run.err, "exists; use --force to replace it"));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "keep");
  CLI (b.db, &run, "invoice-pdf", b.numbers[2], b.numbers[0], "-o", folder_slash);
  assert_one_line_naming (&run, in_folder);
  g_assert_false (g_file_test (not_written, G_FILE_TEST_EXISTS));

  /* With --force: replaced. */
  CLI (b.db, &run, "invoice-pdf", b.numbers[1], "-o", pdf, "--force");
  g_assert_cmpint (run.status, ==, 0);
  assert_whole_pdf (pdf);
  CLI (b.db, &run, "export", "--force", csv);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "number,"));
  g_assert_cmpuint (file_mode (csv), ==, 0600);
  CLI (b.db, &run, "invoice-pdf", b.numbers[2], b.numbers[0], "-o", folder_slash, "--force");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_export_import_round_trip (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "m.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (AcrTestRun) run = { 0 };
  JsonObject *member;

  CLI (db, &run, "sample-data", "--count", "3", "--seed", "5");
  g_assert_cmpint (run.status, ==, 0);
  CLI (db, &run, "edit", "1", "phone=+1 229 555 6192", "address==1+1", "city=-Smith", "region=@SUM(A1:A9)",
       "--reason", "formula test");
  g_assert_cmpint (run.status, ==, 0);
  CLI (db, &run, "edit", "2", "address='t Hooft", "city='=1+1", "phone=-1250", "--reason", "formula test");
  g_assert_cmpint (run.status, ==, 0);

  CLI (db, &run, "export", first);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (first, &first_text, NULL, NULL));
  g_assert_nonnull (strstr (first_text, ",\"'=1+1\","));
  g_assert_nonnull (strstr (first_text, ",\"'+1 229 555 6192\","));
  g_assert_nonnull (strstr (first_text, ",\"'-Smith\","));
  g_assert_nonnull (strstr (first_text, ",\"''t Hooft\","));
  g_assert_null (strstr (first_text, ",=1+1"));

  /* Imported back: nothing changes, and the values are the ones typed. */
  CLI (db, &run, "import", "members", first);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0 added, 0 updated"));
  CLI (db, &run, "export", second);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (second, &second_text, NULL, NULL));
  g_assert_cmpstr (first_text, ==, second_text);

  CLI (db, &run, "show", "1", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  member = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (member, "phone"), ==, "+1 229 555 6192");
  g_assert_cmpstr (json_object_get_string_member (member, "address"), ==, "=1+1");
  g_assert_cmpstr (json_object_get_string_member (member, "city"), ==, "-Smith");
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/writers/file/full-disk-leaves-nothing", test_file_writer_full_disk);
  g_test_add_func ("/acr/writers/file/dropped-unfinished-leaves-nothing", test_file_writer_dropped_leaves_nothing);
  g_test_add_func ("/acr/writers/file/replaces-only-when-asked", test_file_writer_replaces_only_when_asked);
  g_test_add_func ("/acr/writers/file/never-writes-the-open-database", test_file_writer_never_writes_the_database);
  g_test_add_func ("/acr/writers/pdf/full-disk-fails-naming-the-file", test_pdf_full_disk);
  g_test_add_func ("/acr/writers/pdf/files-are-0600", test_pdf_files_are_private);
  g_test_add_func ("/acr/writers/pdf/folder-same-invoice-twice-written-once", test_pdf_folder_same_invoice_twice);
  g_test_add_func ("/acr/writers/csv/formulas-guarded-and-read-back", test_csv_guards_formulas);
  g_test_add_func ("/acr/writers/csv/foreign-leading-quote-kept", test_csv_foreign_quote_kept);
  g_test_add_func ("/acr/writers/cli/full-disk-exit-1-nothing-left", test_cli_full_disk);
  g_test_add_func ("/acr/writers/cli/never-writes-the-database", test_cli_never_writes_the_database);
  g_test_add_func ("/acr/writers/cli/existing-file-needs-force", test_cli_existing_file_needs_force);
  g_test_add_func ("/acr/writers/cli/export-import-export-round-trip", test_cli_export_import_round_trip);

  return g_test_run ();
}
