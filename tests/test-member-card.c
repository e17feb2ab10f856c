/*
 * Member cards (issue 15, part 5): a QR code of the member number, the
 * member's language, ten cards a Letter sheet or one a page.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-member-card.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char     *dir;
  char     *path;
  AcrStore *store;
  AcrRules *rules;
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
  g_assert_true (acr_sample_data_generate (f->store, 40, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->rules);
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs poppler's @tool on @pdf; its standard output. */
static char *
poppler (const char *tool,
         const char *pdf)
{
  const char *argv[] = { tool, pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int wait_status = 0;

  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return out;
}

static guint
pages_of (const char *pdf)
{
  g_autofree char *info = poppler ("pdfinfo", pdf);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static char *
write_cards (Fixture       *f,
             GPtrArray     *members,
             AcrCardLayout  layout,
             const char    *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (acr_member_cards_write_pdf (members, f->rules, 2027, layout, stream, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  return g_steal_pointer (&path);
}

static AcrMember *
member_speaking (Fixture    *f,
                 const char *language)
{
  for (guint number = 1; number <= 40; number++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, number, NULL);

      if (member != NULL && acr_member_get_category (member) != NULL &&
          g_strcmp0 (acr_member_get_language (member), language) == 0)
        return g_steal_pointer (&member);
    }
  g_assert_not_reached ();
}

static void
test_card_qr_modules_start_with_a_finder_pattern (void)
{
  g_autoptr (GBytes) modules = NULL;
  g_autoptr (GError) error = NULL;
  const guint8 *dark;
  guint width = 0;

  g_assert_true (acr_member_card_qr_modules ("0001234", &modules, &width, &error));
  g_assert_no_error (error);
  /* Version 1 at least (21 modules), square, and the top-left finder: a dark
   * 7-module border around a light ring around a dark 3 × 3 centre. */
  g_assert_cmpuint (width, >=, 21);
  g_assert_cmpuint (g_bytes_get_size (modules), ==, width * width);
  dark = g_bytes_get_data (modules, NULL);
  for (guint i = 0; i < 7; i++)
    {
      g_assert_cmpuint (dark[i], ==, 1);                     /* top edge */
      g_assert_cmpuint (dark[6 * width + i], ==, 1);         /* bottom edge */
      g_assert_cmpuint (dark[i * width], ==, 1);             /* left edge */
    }
  g_assert_cmpuint (dark[1 * width + 1], ==, 0);
  g_assert_cmpuint (dark[3 * width + 3], ==, 1);
  g_assert_cmpuint (dark[7], ==, 0);                         /* the separator */
}

static void
test_cards_are_in_the_members_language (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  AcrMember *english, *french;
  g_autofree char *english_number = NULL;
  g_autofree char *french_number = NULL;
  g_autofree char *french_line = NULL;

  english = member_speaking (f, "en");
  french = member_speaking (f, "fr");
  g_ptr_array_add (members, english);
  g_ptr_array_add (members, french);
  pdf = write_cards (f, members, ACR_CARD_LAYOUT_SINGLE, "two.pdf");
  text = poppler ("pdftotext", pdf);

  english_number = acr_member_dup_number_text (english);
  french_number = acr_member_dup_number_text (french);
  g_assert_nonnull (strstr (text, "Membership card 2027"));
  g_assert_nonnull (strstr (text, english_number));
  g_assert_nonnull (strstr (text, "Carte de membre 2027"));
  french_line = g_strdup_printf ("Membre nº %s", french_number);
  g_assert_nonnull (strstr (text, french_line));
  g_assert_cmpuint (pages_of (pdf), ==, 2);
}

static void
test_cards_fill_ten_a_sheet (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pdf = NULL;

  for (guint number = 1; number <= 21; number++)
    g_ptr_array_add (members, acr_store_lookup_member (f->store, number, NULL));
  g_assert_cmpuint (acr_card_layout_get_per_page (ACR_CARD_LAYOUT_AVERY_5371), ==, 10);
  pdf = write_cards (f, members, ACR_CARD_LAYOUT_AVERY_5371, "sheet.pdf");
  g_assert_cmpuint (pages_of (pdf), ==, 3);
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
test_cards_cli_needs_a_year_and_a_known_layout (Fixture       *f,
                                                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "cards.pdf", NULL);
  const char *ok[] = { "cards", pdf, "--year", "2027", NULL };
  const char *no_year[] = { "cards", pdf, NULL };
  const char *bad_layout[] = { "cards", pdf, "--year", "2027", "--layout", "wallet", NULL };
  const char *nobody[] = { "cards", pdf, "--year", "2027", "--force", "zzzzqqqq", NULL };
  g_auto (AcrTestRun) written = { 0, };
  g_auto (AcrTestRun) usage = { 0, };
  g_auto (AcrTestRun) layout = { 0, };
  g_auto (AcrTestRun) none = { 0, };
  GStatBuf st;

  g_clear_object (&f->store);
  run_cli (&written, f, ok);
  g_assert_cmpint (written.status, ==, 0);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (pages_of (pdf), ==, 4);
  run_cli (&usage, f, no_year);
  g_assert_cmpint (usage.status, ==, 2);
  acr_test_assert_one_line (usage.err);
  run_cli (&layout, f, bad_layout);
  g_assert_cmpint (layout.status, ==, 2);
  g_assert_nonnull (strstr (layout.err, "wallet"));
  run_cli (&none, f, nobody);
  g_assert_cmpint (none.status, ==, 1);
  acr_test_assert_one_line (none.err);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/member-card/qr-modules-start-with-a-finder-pattern", test_card_qr_modules_start_with_a_finder_pattern);
  g_test_add ("/member-card/in-the-members-language", Fixture, NULL, fixture_set_up,
              test_cards_are_in_the_members_language, fixture_tear_down);
  g_test_add ("/member-card/ten-a-sheet", Fixture, NULL, fixture_set_up, test_cards_fill_ten_a_sheet, fixture_tear_down);
  g_test_add ("/member-card/cli-needs-a-year-and-a-known-layout", Fixture, NULL, fixture_set_up,
              test_cards_cli_needs_a_year_and_a_known_layout, fixture_tear_down);

  return g_test_run ();
}
