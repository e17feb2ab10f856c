#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "acr-test-utils.h"

/*
 * Issue 11, the items about *when*, through acr-membership-cli classify and
 * quote: the command line gives the answers the core gives
 * (tests/test-rules-when.c), since both go through libacr-core.
 */

/* Runs the CLI with @args, the person given on standard input, and returns
 * its JSON output. */
static JsonObject *
run_with_person (JsonParser         *parser,
                 const char * const *args,
                 const char         *person)
{
  g_autoptr(GPtrArray) argv = acr_test_cli_argv (NULL, args, NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = g_strdelimit (g_strdup (person), "'", '"');

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, json, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("exit %d: %s", g_subprocess_get_exit_status (process), err);
  g_assert_cmpstr (err, ==, "");

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
quote (JsonParser *parser,
       const char *year,
       const char *date,
       const char *person)
{
  const char *args[] = { "quote", "--year", year, "--date", date, "-", NULL };

  return run_with_person (parser, args, person);
}

static JsonObject *
classify (JsonParser *parser,
          const char *date,
          const char *person)
{
  const char *args[] = { "classify", "--date", date, "-", NULL };

  return run_with_person (parser, args, person);
}

static const char *
national_description (JsonObject *quote_object)
{
  JsonArray *lines = json_object_get_array_member (quote_object, "lines");

  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_str_equal (json_object_get_string_member (line, "code"), "national"))
        return json_object_get_string_member (line, "description");
    }

  g_error ("no national line");
}

/* Item 4: “not in practice” after retiring is not applied to January 1. */
static void
test_french_radiologist_retiring_april_1 (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                       " 'country': 'FR', 'in_practice': false, 'retired_on': '2027-04-01'}";
  g_autoptr(JsonParser) p2027 = json_parser_new ();
  g_autoptr(JsonParser) p2028 = json_parser_new ();
  JsonObject *y2027 = quote (p2027, "2027", "2027-04-15", person);
  JsonObject *y2028 = quote (p2028, "2028", "2027-11-26", person);

  g_assert_cmpstr (json_object_get_string_member (y2027, "category"), ==, "international");
  g_assert_cmpint (json_object_get_int_member (y2027, "total_cents"), ==, 39100);
  g_assert_cmpstr (json_object_get_string_member (y2028, "category"), ==, "retired");
  g_assert_cmpint (json_object_get_int_member (y2028, "total_cents"), ==, 0);
}

/* Item 3: a cardiology resident is not billed “year 1” while in training,
 * and year one comes once. */
static void
test_resident_ladder_not_counted_in_training (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'other', 'country': 'US', 'region': 'OH',"
                       " 'in_practice': false,"
                       " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2027-06-30'}}";
  g_autoptr(JsonParser) p2026 = json_parser_new ();
  g_autoptr(JsonParser) p2027 = json_parser_new ();
  g_autoptr(JsonParser) p2028 = json_parser_new ();
  JsonObject *y2026 = quote (p2026, "2026", "2026-01-05", person);
  JsonObject *y2027 = quote (p2027, "2027", "2026-11-26", person);
  JsonObject *y2028 = quote (p2028, "2028", "2027-11-26", person);

  g_assert_null (strstr (national_description (y2026), "year 1"));
  g_assert_null (strstr (national_description (y2027), "year 1"));
  g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
}

/* Item 6: a retired associate never had elective office. */
static void
test_retired_associate_has_no_elective_office (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                       " 'residency_completed': true, 'country': 'US', 'region': 'VA', 'in_practice': false,"
                       " 'retired_on': '2024-02-29'}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *decision = classify (parser, "2026-11-26", person);
  JsonObject *rights = json_object_get_object_member (decision, "rights");

  g_assert_cmpstr (json_object_get_string_member (decision, "category"), ==, "retired");
  g_assert_false (json_object_get_boolean_member (rights, "elective_office"));
  g_assert_true (json_object_get_boolean_member (rights, "committees"));
}

/* Item 2: a general member who trained abroad gets no staff review. */
static void
test_no_review_for_radiologist_trained_abroad (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                       " 'country': 'US', 'region': 'VA', 'in_practice': true,"
                       " 'training': {'stage': 'residency', 'approved': true, 'country': 'GB', 'end': '2012-06-30'}}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *decision = classify (parser, "2026-11-26", person);
  JsonArray *reasons = json_object_get_array_member (decision, "reasons");

  g_assert_cmpstr (json_object_get_string_member (decision, "category"), ==, "general");
  for (guint i = 0; i < json_array_get_length (reasons); i++)
    g_assert_null (strstr (json_array_get_string_element (reasons, i), "For staff review"));
}

/* Disputed reading: training ending July 2 leaves no free year ("The first
 * ACR dues payment after completing training will be owed for the following
 * year beginning in January"). */
static void
test_training_ending_july_2_owes_next_year (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                       " 'country': 'US', 'region': 'VA',"
                       " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '2026-07-02'}}";
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *y2027 = quote (parser, "2027", "2026-11-26", person);

  g_assert_cmpstr (json_object_get_string_member (y2027, "category"), ==, "general");
  g_assert_nonnull (strstr (national_description (y2027), "year 1 of 4"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/cli-rules-when/french-radiologist-retiring-april-1", test_french_radiologist_retiring_april_1);
  g_test_add_func ("/acr/cli-rules-when/resident-ladder-not-counted-in-training",
                   test_resident_ladder_not_counted_in_training);
  g_test_add_func ("/acr/cli-rules-when/retired-associate-has-no-elective-office",
                   test_retired_associate_has_no_elective_office);
  g_test_add_func ("/acr/cli-rules-when/no-review-for-radiologist-trained-abroad",
                   test_no_review_for_radiologist_trained_abroad);

  g_test_add_func ("/acr/cli-rules-when/training-ending-july-2-owes-next-year",
                   test_training_ending_july_2_owes_next_year);

  return g_test_run ();
}
