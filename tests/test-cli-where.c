#include "config.h"

#include <json-glib/json-glib.h>

#include "acr-test-utils.h"

/*
 * Issue 11, "where", through acr-membership-cli classify and quote ($ACR_CLI),
 * on person files written to a temporary directory: chapters belong to a
 * country, the bundle's chapter limit, practice abroad, whose military
 * service earns the discount, and rights the seed does not state. The same
 * persons go through the core in test-rules-where.c.
 */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = acr_test_make_temp_dir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Writes @json (' for ") as @name in the fixture's directory. */
static char *
write_person (Fixture    *f,
              const char *name,
              const char *json)
{
  g_autofree char *text = g_strdelimit (g_strdup (json), "'", '"');
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs the CLI with @args; "@" stands for the person file @path. */
static void
run_cli (AcrTestRun         *run,
         const char         *path,
         const char * const *args)
{
  g_autoptr(GPtrArray) resolved = g_ptr_array_new ();
  g_autoptr(GPtrArray) argv = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (resolved, (gpointer) (g_str_equal (args[i], "@") ? path : args[i]));
  g_ptr_array_add (resolved, NULL);

  argv = acr_test_cli_argv (NULL, (const char * const *) resolved->pdata, NULL);
  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

static JsonObject *
parse_output (JsonParser *parser,
              AcrTestRun *run)
{
  g_autoptr(GError) error = NULL;

  if (run->status != 0)
    g_error ("exit %d: %s", run->status, run->err);

  g_assert_cmpstr (run->err, ==, "");
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
classify (Fixture    *f,
          JsonParser *parser,
          AcrTestRun *run,
          const char *json)
{
  g_autofree char *path = write_person (f, "person.json", json);
  const char *args[] = { "classify", "--date", "2026-11-26", "@", NULL };

  run_cli (run, path, args);
  return parse_output (parser, run);
}

static JsonObject *
quote (Fixture    *f,
       JsonParser *parser,
       AcrTestRun *run,
       const char *json)
{
  g_autofree char *path = write_person (f, "person.json", json);
  const char *args[] = { "quote", "--year", "2027", "--date", "2026-11-26", "@", NULL };

  run_cli (run, path, args);
  return parse_output (parser, run);
}

/* Exit 1 and @message, one line, on stderr. */
static void
assert_refused (Fixture    *f,
                const char *command,
                const char *json,
                const char *message)
{
  g_autofree char *path = write_person (f, "person.json", json);
  const char *classify_args[] = { "classify", "--date", "2026-11-26", "@", NULL };
  const char *quote_args[] = { "quote", "--year", "2027", "--date", "2026-11-26", "@", NULL };
  g_auto(AcrTestRun) run = { 0, };

  run_cli (&run, path, g_str_equal (command, "classify") ? classify_args : quote_args);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  acr_test_assert_one_line (run.err);
  g_assert_cmpstr (run.err, ==, message);
}

static gboolean
has_line (JsonObject *object,
          const char *code)
{
  JsonArray *lines = json_object_get_array_member (object, "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "code"), code))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_chapter_line (JsonObject *object)
{
  JsonArray *lines = json_object_get_array_member (object, "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_has_prefix (json_object_get_string_member (line, "code"), "chapter:"))
        return TRUE;
    }

  return FALSE;
}

#define RADIOLOGIST_IN(country, extra) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': '" country "'," \
  " 'in_practice': true, 'practice_start': '2010-07-01'" extra "}"

/* Item 1: Milan is not Michigan, for a category that owes chapter dues (an
 * MRI scientist, allied health) as for one that does not. */
static void
test_italian_region_mi_has_no_chapter (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) mri_parser = json_parser_new ();
  g_auto(AcrTestRun) run = { 0, };
  g_auto(AcrTestRun) mri_run = { 0, };
  JsonObject *object = quote (f, parser, &run,
                              RADIOLOGIST_IN ("IT", ", 'certifications': ['NATIONAL'], 'region': 'MI'"));
  JsonObject *mri = quote (f, mri_parser, &mri_run,
                           "{'profession': 'mri-scientist', 'country': 'IT', 'region': 'MI',"
                           " 'practice_start': '2010-07-01'}");

  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "international");
  g_assert_false (has_chapter_line (object));
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 39100);

  g_assert_cmpstr (json_object_get_string_member (mri, "category"), ==, "allied-health");
  g_assert_false (has_line (mri, "chapter:MI"));
  g_assert_false (has_chapter_line (mri));
}

/* Item 1: a Canadian in “CA” is refused, not billed California; a chapter
 * chosen abroad is refused. */
static void
test_region_of_another_country_is_refused (Fixture       *f,
                                           gconstpointer  data)
{
  assert_refused (f, "classify", RADIOLOGIST_IN ("CA", ", 'region': 'CA'"),
                  "acr-membership-cli: person.json: region: “CA” is not a state or province of the person’s "
                  "country CA (it is California, US)\n");
  assert_refused (f, "quote", RADIOLOGIST_IN ("IT", ", 'region': 'MI', 'chapters': ['MI']"),
                  "acr-membership-cli: person.json: chapters: the person’s country IT has no ACR chapters; "
                  "remove the chapters\n");
}

/* The chapter limit is the bundle's: a third chapter is refused by the
 * rules, with the bundle's number. */
static void
test_third_chapter_refused_by_the_bundle (Fixture       *f,
                                          gconstpointer  data)
{
  assert_refused (f, "classify",
                  RADIOLOGIST_IN ("US", ", 'region': 'VA', 'practice_region': 'MD', 'chapters': ['VA', 'MD', 'DC']"),
                  "acr-membership-cli: person.json: chapters: at most 2 chapters, got 3\n");
}

/* Items 7 and 8: where the person practises decides. */
static void
test_practice_abroad (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonParser) germany_parser = json_parser_new ();
  g_autoptr(JsonParser) france_parser = json_parser_new ();
  g_auto(AcrTestRun) germany_run = { 0, };
  g_auto(AcrTestRun) france_run = { 0, };
  JsonObject *germany = classify (f, germany_parser, &germany_run, RADIOLOGIST_IN ("DE", ""));
  JsonObject *france = classify (f, france_parser, &france_run,
                                 "{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': [],"
                                 " 'country': 'FR', 'in_practice': true, 'residency_completed': true}");

  g_assert_cmpstr (json_object_get_string_member (germany, "category"), ==, "international");
  g_assert_true (json_object_get_null_member (france, "category"));
}

/* Item 5: a Canadian active-duty radiologist gets no discount and no
 * waiver; an old file without military_country is refused naming the
 * field and the file. */
static void
test_only_us_military (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) us_parser = json_parser_new ();
  g_auto(AcrTestRun) run = { 0, };
  g_auto(AcrTestRun) us_run = { 0, };
  JsonObject *canadian = quote (f, parser, &run,
                                RADIOLOGIST_IN ("CA", ", 'region': 'ON', 'military': 'active-duty',"
                                                " 'military_country': 'CA', 'waive_chapters': true"));
  JsonObject *american = quote (f, us_parser, &us_run,
                                RADIOLOGIST_IN ("US", ", 'region': 'VA', 'military': 'active-duty',"
                                                " 'military_country': 'US', 'waive_chapters': true"));

  g_assert_false (has_line (canadian, "military-discount"));
  g_assert_true (has_line (canadian, "chapter-waiver-refused"));
  g_assert_true (has_line (canadian, "chapter:ON"));
  g_assert_true (has_line (american, "military-discount"));
  g_assert_true (has_line (american, "chapters-waived"));

  assert_refused (f, "quote", RADIOLOGIST_IN ("US", ", 'region': 'VA', 'military': 'active-duty'"),
                  "acr-membership-cli: person.json: military_country (Country of the military or federal service) "
                  "is not given and the dues depend on it (50% discount on national dues for active-duty U.S. "
                  "military, Department of Veterans Affairs and U.S. Public Health Service); give it to quote "
                  "the dues\n");
}

/* Rights the seed does not state are null, not false. */
static void
test_rights_not_stated_are_null (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) associate_parser = json_parser_new ();
  g_auto(AcrTestRun) run = { 0, };
  g_auto(AcrTestRun) associate_run = { 0, };
  JsonObject *object = classify (f, parser, &run, "{'profession': 'mri-scientist', 'country': 'US'}");
  JsonObject *rights = json_object_get_object_member (object, "rights");
  JsonObject *associate = classify (f, associate_parser, &associate_run,
                                    "{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                                    " 'country': 'US', 'in_practice': true, 'residency_completed': true}");
  JsonObject *associate_rights = json_object_get_object_member (associate, "rights");

  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "allied-health");
  g_assert_true (json_object_get_null_member (rights, "committees"));
  g_assert_true (json_object_get_null_member (rights, "elective_office"));
  g_assert_true (json_object_get_null_member (rights, "board_of_chancellors"));

  g_assert_cmpstr (json_object_get_string_member (associate, "category"), ==, "associate");
  g_assert_true (json_object_get_boolean_member (associate_rights, "committees"));
  g_assert_false (json_object_get_null_member (associate_rights, "elective_office"));
  g_assert_false (json_object_get_boolean_member (associate_rights, "elective_office"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/acr/cli-where/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("italian-region-mi-has-no-chapter", test_italian_region_mi_has_no_chapter);
  ADD ("region-of-another-country-is-refused", test_region_of_another_country_is_refused);
  ADD ("third-chapter-refused-by-the-bundle", test_third_chapter_refused_by_the_bundle);
  ADD ("practice-abroad", test_practice_abroad);
  ADD ("only-us-military", test_only_us_military);
  ADD ("rights-not-stated-are-null", test_rights_not_stated_are_null);
#undef ADD

  return g_test_run ();
}
