/*
 * Mailing labels (issue 15, part 5): postal-code order, the invoices'
 * address format, one page per sheet of 30 (Avery 5160) or 14 (L7163).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-labels.h"
#include "acr-member.h"
#include "acr-postal-address.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define N_MEMBERS 61

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
  g_assert_true (acr_sample_data_generate (f->store, N_MEMBERS, 5, NULL, NULL, &error));
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

static GPtrArray *
collect_all (Fixture *f)
{
  AcrSearchQuery query = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = acr_store_search_ids (f->store, &query, 0, NULL, &error);
  GPtrArray *labels;

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, N_MEMBERS);
  labels = acr_labels_collect (f->store, ids, &error);
  g_assert_no_error (error);
  return labels;
}

/* Pages of a PDF, as poppler's pdfinfo counts them. */
static guint
count_pages (const char *dir,
             const char *pdf,
             gsize       length)
{
  g_autofree char *path = g_build_filename (dir, "count.pdf", NULL);
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;
  const char *pages;

  g_assert_true (g_file_set_contents (path, pdf, length, &error));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_labels_follow_postal_codes_and_the_invoice_address (Fixture       *f,
                                                         gconstpointer  data)
{
  g_autoptr (GPtrArray) labels = collect_all (f);
  AcrSearchQuery query = { 0 };
  g_autoptr (GArray) ids = acr_store_search_ids (f->store, &query, 0, NULL, NULL);
  guint n_abroad = 0;

  g_assert_cmpuint (labels->len, ==, N_MEMBERS);
  for (guint i = 1; i < labels->len; i++)
    g_assert_cmpstr (((AcrLabel *) labels->pdata[i - 1])->collate_key, <=, ((AcrLabel *) labels->pdata[i])->collate_key);

  /* Each member's label is the address an invoice prints for them. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member_by_id (f->store, g_array_index (ids, guint32, i), NULL);
      const char *street = acr_member_get_field (member, "address");
      g_auto (GStrv) streets = street != NULL ? g_strsplit (street, "\n", -1) : NULL;
      g_autofree char *name = acr_member_dup_postal_name (member);
      g_autofree char *expected = acr_postal_address_format (name, (const char * const *) streets,
                                                             acr_member_get_city (member),
                                                             acr_member_get_field (member, "region"),
                                                             acr_member_get_field (member, "postal_code"),
                                                             acr_member_get_country (member), FALSE);
      gboolean found = FALSE;

      for (guint j = 0; j < labels->len && !found; j++)
        found = g_str_equal (((AcrLabel *) labels->pdata[j])->address, expected);
      g_assert_true (found);
      if (g_strcmp0 (acr_member_get_country (member), "US") != 0)
        {
          n_abroad++;
          g_assert_nonnull (strstr (expected, acr_postal_country_line (acr_member_get_country (member))));
        }
    }
  /* The sample has members abroad: their labels end with the country. */
  g_assert_cmpuint (n_abroad, >, 0);
}

static void
test_labels_fill_one_page_per_sheet (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GPtrArray) labels = collect_all (f);
  const struct { AcrLabelSheet sheet; guint per_page; } cases[] = {
    { ACR_LABEL_SHEET_AVERY_5160, 30 },
    { ACR_LABEL_SHEET_L7163, 14 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr (GError) error = NULL;
      const char *pdf;
      gsize length;

      g_assert_cmpuint (acr_label_sheet_get_per_page (cases[i].sheet), ==, cases[i].per_page);
      g_assert_true (acr_labels_write_pdf (labels, cases[i].sheet, stream, &error));
      g_assert_no_error (error);
      g_output_stream_close (stream, NULL, NULL);
      pdf = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));
      length = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream));
      g_assert_cmpint (memcmp (pdf, "%PDF", 4), ==, 0);
      g_assert_cmpuint (count_pages (f->dir, pdf, length), ==, (N_MEMBERS + cases[i].per_page - 1) / cases[i].per_page);
    }
}

static void
test_labels_sheet_names (void)
{
  AcrLabelSheet sheet;

  g_assert_true (acr_label_sheet_from_string ("avery-5160", &sheet));
  g_assert_cmpint (sheet, ==, ACR_LABEL_SHEET_AVERY_5160);
  g_assert_true (acr_label_sheet_from_string ("l7163", &sheet));
  g_assert_cmpint (sheet, ==, ACR_LABEL_SHEET_L7163);
  g_assert_false (acr_label_sheet_from_string ("5160", NULL));
  g_assert_false (acr_label_sheet_from_string (NULL, NULL));
}

static void
run_cli (AcrTestRun         *run,
         Fixture            *f,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->path);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

static void
test_labels_cli_writes_a_private_file_and_refuses_bad_input (Fixture       *f,
                                                             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "labels.pdf", NULL);
  const char *write[] = { "labels", pdf, "--sheet", "l7163", NULL };
  const char *bad_sheet[] = { "labels", pdf, "--sheet", "avery-9999", NULL };
  const char *nobody[] = { "labels", pdf, "--force", "zzzzqqqq", NULL };
  const char *no_file[] = { "labels", NULL };
  g_auto (AcrTestRun) first = { 0, };
  g_auto (AcrTestRun) again = { 0, };
  g_auto (AcrTestRun) sheet = { 0, };
  g_auto (AcrTestRun) none = { 0, };
  g_auto (AcrTestRun) usage = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st;

  g_clear_object (&f->store);
  run_cli (&first, f, write);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "61 labels (5 sheets of l7163)"));
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  before = acr_test_hash_file (pdf);

  /* Not replaced without --force; a sheet that does not exist; a lookup that finds nobody. */
  run_cli (&again, f, write);
  g_assert_cmpint (again.status, ==, 1);
  acr_test_assert_one_line (again.err);
  run_cli (&sheet, f, bad_sheet);
  g_assert_cmpint (sheet.status, ==, 2);
  acr_test_assert_one_line (sheet.err);
  g_assert_nonnull (strstr (sheet.err, "avery-9999"));
  run_cli (&none, f, nobody);
  g_assert_cmpint (none.status, ==, 1);
  acr_test_assert_one_line (none.err);
  run_cli (&usage, f, no_file);
  g_assert_cmpint (usage.status, ==, 2);

  after = acr_test_hash_file (pdf);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/labels/follow-postal-codes-and-the-invoice-address", Fixture, NULL, fixture_set_up,
              test_labels_follow_postal_codes_and_the_invoice_address, fixture_tear_down);
  g_test_add ("/labels/fill-one-page-per-sheet", Fixture, NULL, fixture_set_up,
              test_labels_fill_one_page_per_sheet, fixture_tear_down);
  g_test_add_func ("/labels/sheet-names", test_labels_sheet_names);
  g_test_add ("/labels/cli-writes-a-private-file-and-refuses-bad-input", Fixture, NULL, fixture_set_up,
              test_labels_cli_writes_a_private_file_and_refuses_bad_input, fixture_tear_down);

  return g_test_run ();
}
