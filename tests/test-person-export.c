/*
 * A person's data on request (acr-person-export.h): one JSON document with
 * the member record, history, applications, invoices and payments, and a
 * readable PDF of the same in the person's language; a refused applicant
 * from their application. Files are private and complete.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "acr-person-export.h"
#include "acr-sample-data.h"
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

static void
cli (Fixture            *f,
     AcrTestRun         *run,
     const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, f->db);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

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

static JsonObject *
load_json (JsonParser *parser,
           const char *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* The first billed member of @language with an invoice, paid in part. */
static guint
billed_member (Fixture    *f,
               const char *language,
               char      **invoice)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open (f->db, &error);
  g_auto (AcrTestRun) run = { 0 };

  g_assert_no_error (error);
  for (guint n = 1; n <= 80; n++)
    {
      g_autoptr (AcrMember) m = acr_store_lookup_member (store, n, NULL);
      g_autofree char *number = g_strdup_printf ("%u", n);
      const char *invoices[] = { "invoices", "--member", number, "--json", NULL };
      const char *found;

      if (m == NULL || g_strcmp0 (acr_member_get_language (m), language) != 0)
        continue;
      cli (f, &run, invoices);
      if (run.status != 0 || (found = strstr (run.out, "\"number\" : \"")) == NULL)
        continue;
      *invoice = g_strndup (found + strlen ("\"number\" : \""), strlen ("2027-000001"));
      return n;
    }
  g_assert_not_reached ();
}

static void
test_member_export_holds_everything_in_json_and_pdf (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *json_path = g_build_filename (f->dir, "person.json", NULL);
  g_autofree char *pdf_path = g_build_filename (f->dir, "person.pdf", NULL);
  g_autofree char *invoice = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *text = NULL;
  const char *bill[] = { "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders", NULL };
  const char *pay[] = { "pay", NULL, "--amount", "2500", "--method", "check", "--date", "2026-11-20", NULL };
  const char *edit[] = { "edit", NULL, "city=Rimouski", "--reason", "moved", NULL };
  const char *export[] = { "person-export", NULL, "--json", json_path, "--pdf", pdf_path, NULL };
  JsonObject *root, *member;
  guint number;

  {
    g_autoptr (AcrStore) store = acr_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_true (acr_sample_data_generate (store, 80, 3, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  cli (f, &run, bill);
  g_assert_cmpint (run.status, ==, 0);
  number = billed_member (f, "fr", &invoice);
  number_text = g_strdup_printf ("%u", number);
  pay[1] = invoice;
  cli (f, &run, pay);
  g_assert_cmpint (run.status, ==, 0);
  edit[1] = number_text;
  cli (f, &run, edit);
  g_assert_cmpint (run.status, ==, 0);

  export[1] = number_text;
  cli (f, &run, export);
  g_assert_cmpint (run.status, ==, 0);
  assert_private (json_path);
  assert_private (pdf_path);

  root = load_json (parser, json_path);
  g_assert_cmpstr (json_object_get_string_member (root, "language"), ==, "fr");
  member = json_object_get_object_member (root, "member");
  g_assert_cmpstr (json_object_get_string_member (member, "city"), ==, "Rimouski");
  g_assert_nonnull (json_object_get_object_member (member, "person"));
  /* The history has the creation and the edit, with the old value. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "history")), >=, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "invoices")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (root, "invoices"), 0), "number"), ==, invoice);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "invoice_lines")), >=, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "payments")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (root, "payments"), 0), "amount_cents"), ==, 2500);

  /* The PDF says the same, in French. */
  text = pdf_text (pdf_path);
  g_assert_nonnull (strstr (text, "Données personnelles conservées sur"));
  g_assert_nonnull (strstr (text, json_object_get_string_member (member, "family_name")));
  g_assert_nonnull (strstr (text, "Rimouski"));
  g_assert_nonnull (strstr (text, invoice));
  g_assert_nonnull (strstr (text, "Paiements"));

  /* An existing file is replaced only with --force. */
  cli (f, &run, export);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
}

static void
test_refused_applicant_export (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *nobody = g_test_build_filename (G_TEST_DIST, "fixtures", "persons", "nobody.json", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "applicant.json", NULL);
  const char *apply[] = { "apply", "--date", "2026-03-01", "--email", "refused.person@example.org", nobody, NULL };
  const char *export[] = { "person-export", "--application", "1", "--json", json_path, NULL };
  const char *missing[] = { "person-export", "--application", "99", "--json", json_path, NULL };
  g_auto (AcrTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *application;

  cli (f, &run, apply);
  g_assert_cmpint (run.status, ==, 0);
  cli (f, &run, export);
  g_assert_cmpint (run.status, ==, 0);
  root = load_json (parser, json_path);
  g_assert_true (json_object_get_null_member (root, "member"));
  application = json_array_get_object_element (json_object_get_array_member (root, "applications"), 0);
  g_assert_cmpstr (json_object_get_string_member (application, "outcome"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (application, "contact"), "email"), ==,
                   "refused.person@example.org");

  cli (f, &run, missing);
  g_assert_cmpint (run.status, ==, 1);
  acr_test_assert_one_line (run.err);
  g_assert_nonnull (strstr (run.err, "99"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/person-export/member-holds-everything-in-json-and-pdf", test_member_export_holds_everything_in_json_and_pdf);
  ADD ("/acr/person-export/refused-applicant", test_refused_applicant_export);
#undef ADD

  return g_test_run ();
}
