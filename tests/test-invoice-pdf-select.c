/*
 * invoice-pdf with a selection (--year, --member, --status, --kind) instead
 * of numbers: the documents selected, and only they, in one PDF or one
 * file each; bad selections refused with one line and nothing written.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/wait.h>

#include "acr-test-utils.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
run_cli (Fixture            *f,
         AcrTestRun         *run,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->path);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

#define CLI(f, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    acr_test_run_clear (run); \
    run_cli (f, run, args_); \
  } G_STMT_END

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);
  return out;
}

/* pdftotext ends every page with a form feed. */
static guint
count_pages (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\f';
  return n;
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
assert_refused (AcrTestRun *run,
                int         status,
                const char *words)
{
  if (run->status != status || strstr (run->err, words) == NULL)
    g_error ("expected exit %d and “%s”, got %d: %s", status, words, run->status, run->err);
  acr_test_assert_one_line (run->err);
}

static void
test_selections (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  Fixture fixture = { dir, g_build_filename (dir, "members.db", NULL) };
  Fixture *f = &fixture;
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *all = g_build_filename (dir, "all.pdf", NULL);
  g_autofree char *one = g_build_filename (dir, "one.pdf", NULL);
  g_autofree char *paid = g_build_filename (dir, "paid.pdf", NULL);
  g_autofree char *none = g_build_filename (dir, "none.pdf", NULL);
  g_autofree char *folder = g_build_filename (dir, "pdfs", NULL);
  g_autofree char *folder_arg = g_strconcat (folder, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  g_autofree char *member = NULL;
  g_autofree char *first = NULL;
  g_autofree char *total = NULL;
  g_autoptr (GError) error = NULL;
  JsonArray *invoices;
  guint n;

  CLI (f, &run, "sample-data", "--count", "80", "--seed", "11");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "invoices", "--year", "2027", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  invoices = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (invoices);
  g_assert_cmpuint (n, >, 20);
  first = g_strdup (json_object_get_string_member (json_array_get_object_element (invoices, 0), "number"));
  member = g_strdup (json_object_get_string_member (json_array_get_object_element (invoices, 0), "member"));
  total = g_strdup_printf ("%" G_GINT64_FORMAT,
                           json_object_get_int_member (json_array_get_object_element (invoices, 0), "total_cents"));

  /* The whole year in one PDF: every invoice once, one page each. */
  CLI (f, &run, "invoice-pdf", "--year", "2027", "-o", all);
  g_assert_cmpint (run.status, ==, 0);
  written = g_strdup_printf ("%u documents written to %s", n, all);
  g_assert_nonnull (strstr (run.out, written));
  text = pdf_text (all);
  g_assert_cmpuint (count_pages (text), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_nonnull (strstr (text, json_object_get_string_member (json_array_get_object_element (invoices, i), "number")));
  g_clear_pointer (&text, g_free);

  /* One member's. */
  CLI (f, &run, "invoice-pdf", "--member", member, "--year", "2027", "-o", one);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (one);
  g_assert_cmpuint (count_pages (text), ==, 1);
  g_assert_nonnull (strstr (text, first));
  g_clear_pointer (&text, g_free);

  /* By status: none paid yet, then the one just paid. */
  CLI (f, &run, "invoice-pdf", "--status", "paid", "-o", paid);
  assert_refused (&run, 1, "no invoice to export");
  g_assert_false (g_file_test (paid, G_FILE_TEST_EXISTS));
  CLI (f, &run, "pay", first, "--amount", total, "--method", "check", "--date", "2026-12-01");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "invoice-pdf", "--status", "paid", "--kind", "invoice", "-o", paid);
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (paid);
  g_assert_cmpuint (count_pages (text), ==, 1);
  g_assert_nonnull (strstr (text, first));
  g_clear_pointer (&text, g_free);

  /* One file per document in a folder; again without --force writes nothing. */
  CLI (f, &run, "invoice-pdf", "--year", "2027", "-o", folder_arg);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, n);
  CLI (f, &run, "invoice-pdf", "--year", "2027", "-o", folder_arg);
  assert_refused (&run, 1, "--force");
  g_assert_cmpuint (count_files (folder), ==, n);
  CLI (f, &run, "invoice-pdf", "--year", "2027", "--force", "-o", folder_arg);
  g_assert_cmpint (run.status, ==, 0);

  /* Bad selections: one line, nothing written. */
  CLI (f, &run, "invoice-pdf", "--status", "settled", "-o", none);
  assert_refused (&run, 1, "settled");
  CLI (f, &run, "invoice-pdf", "--kind", "letter", "-o", none);
  assert_refused (&run, 1, "letter");
  CLI (f, &run, "invoice-pdf", "--year", "20x7", "-o", none);
  assert_refused (&run, 2, "--year");
  CLI (f, &run, "invoice-pdf", "--year", "12027", "-o", none);
  assert_refused (&run, 2, "--year");
  CLI (f, &run, "invoice-pdf", "--year", "2031", "-o", none);
  assert_refused (&run, 1, "no invoice to export");
  CLI (f, &run, "invoice-pdf", "--member", "abc", "-o", none);
  assert_refused (&run, 2, "abc");
  CLI (f, &run, "invoice-pdf", "--year", "2027", first, "-o", none);
  assert_refused (&run, 2, "not both");
  CLI (f, &run, "invoice-pdf", "-o", none);
  assert_refused (&run, 2, "--year");
  g_assert_false (g_file_test (none, G_FILE_TEST_EXISTS));

  acr_test_remove_tree (dir);
  g_free (fixture.path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/invoice-pdf/selections-and-bad-input", test_selections);

  return g_test_run ();
}
