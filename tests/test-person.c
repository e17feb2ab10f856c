#include "config.h"

#include <string.h>

#include "acr-person.h"

static AcrPerson *
person_from (const char  *json,
             GError     **error)
{
  return acr_person_new_from_data (json, -1, "person.json", error);
}

static void
assert_refused (const char *json,
                int         code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) person = person_from (json, &error);

  g_assert_null (person);
  g_assert_error (error, ACR_PERSON_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_person_reads_every_fact_of_the_person_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) person = NULL;
  GDate end;

  person = person_from ("{\"given_name\": \"Hélène\", \"family_name\": \"Lefèvre\","
                        " \"email\": \"h.lefevre@example.ca\", \"profession\": \"physician\","
                        " \"discipline\": \"radiology\", \"certifications\": [\"RCPSC\", \"CMQ\"],"
                        " \"country\": \"CA\", \"region\": \"QC\", \"practice_region\": \"QC\","
                        " \"in_practice\": false, \"training\": {\"stage\": \"residency\","
                        " \"approved\": true, \"country\": \"CA\", \"end\": \"2028-06-30\"},"
                        " \"chapters\": [\"QC\"], \"military\": null, \"good_standing\": true}",
                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);

  g_assert_cmpstr (acr_person_get_string (person, "family_name"), ==, "Lefèvre");
  g_assert_cmpstr (acr_person_get_string (person, "training.stage"), ==, "residency");
  g_assert_true (acr_person_has_code (person, "certifications", "CMQ"));
  g_assert_false (acr_person_has_code (person, "certifications", "ABR"));
  g_assert_false (acr_person_get_boolean (person, "in_practice", TRUE));
  g_assert_true (acr_person_get_boolean (person, "training.approved", FALSE));
  g_assert_true (acr_person_get_date (person, "training.end", &end));
  g_assert_cmpint (g_date_get_year (&end), ==, 2028);
  g_assert_cmpint (g_date_get_month (&end), ==, G_DATE_JUNE);
  g_assert_cmpint (g_date_get_day (&end), ==, 30);

  /* null means unknown, like an absent key */
  g_assert_false (acr_person_has_fact (person, "military"));
  g_assert_false (acr_person_has_fact (person, "retired_on"));
  g_assert_cmpint (acr_person_get_int (person, "training.school_years", -1), ==, -1);
}

static void
test_person_round_trips_through_json (void)
{
  const char *json = "{\"given_name\":\"Minh\",\"family_name\":\"Nguyễn\",\"profession\":\"medical-student\","
                     "\"certifications\":[],\"country\":\"VN\",\"training\":{\"stage\":\"medical-school\","
                     "\"school_years\":6,\"end\":\"2029-05-31\"},\"good_standing\":true}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) person = person_from (json, &error);
  g_autoptr(AcrPerson) again = NULL;
  g_autoptr(AcrPerson) copy = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  written = acr_person_to_json_string (person);
  g_assert_cmpstr (written, ==, json);

  again = person_from (written, &error);
  g_assert_no_error (error);
  g_assert_true (acr_person_equal (person, again));

  copy = acr_person_copy (person);
  g_assert_true (acr_person_equal (person, copy));
  acr_person_unset_fact (copy, "country");
  g_assert_false (acr_person_equal (person, copy));
  g_assert_cmpstr (acr_person_get_string (person, "country"), ==, "VN");
}

static void
test_person_refuses_unknown_keys (void)
{
  assert_refused ("{\"colour\": \"blue\"}", ACR_PERSON_ERROR_UNKNOWN_KEY,
                  "person.json: colour: unknown key");
  assert_refused ("{\"training\": {\"stage\": \"residency\", \"hospital\": \"X\"}}",
                  ACR_PERSON_ERROR_UNKNOWN_KEY, "person.json: training.hospital: unknown key");
}

static void
test_person_refuses_wrong_types (void)
{
  assert_refused ("{\"in_practice\": \"yes\"}", ACR_PERSON_ERROR_WRONG_TYPE,
                  "person.json: in_practice: expected true or false, got a string");
  assert_refused ("{\"certifications\": \"ABR\"}", ACR_PERSON_ERROR_WRONG_TYPE,
                  "person.json: certifications: expected an array of codes, got a string");
  assert_refused ("{\"certifications\": [\"ABR\", 3]}", ACR_PERSON_ERROR_WRONG_TYPE,
                  "person.json: certifications[1]: expected a code (string), got a whole number");
  assert_refused ("{\"training\": \"residency\"}", ACR_PERSON_ERROR_WRONG_TYPE,
                  "person.json: training: expected an object, got a string");
  assert_refused ("{\"training\": {\"school_years\": 4.5}}", ACR_PERSON_ERROR_WRONG_TYPE,
                  "person.json: training.school_years: expected a whole number, got a decimal number");
  assert_refused ("[1, 2]", ACR_PERSON_ERROR_PARSE,
                  "person.json: expected a JSON object, got an array");
}

static void
test_person_refuses_impossible_dates (void)
{
  assert_refused ("{\"training\": {\"end\": \"2027-02-30\"}}", ACR_PERSON_ERROR_INVALID,
                  "person.json: training.end: impossible date “2027-02-30” (expected YYYY-MM-DD)");
  assert_refused ("{\"retired_on\": \"2027-02-29\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: retired_on: impossible date “2027-02-29” (expected YYYY-MM-DD)");
  assert_refused ("{\"practice_start\": \"2027-1-5\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: practice_start: impossible date “2027-1-5” (expected YYYY-MM-DD)");
}

static void
test_person_accepts_february_29_of_leap_years (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) person = person_from ("{\"retired_on\": \"2028-02-29\"}", &error);
  GDate date;

  g_assert_no_error (error);
  g_assert_true (acr_person_get_date (person, "retired_on", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
}

static void
test_person_refuses_unknown_codes (void)
{
  assert_refused ("{\"profession\": \"dentist\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: profession: unknown code “dentist”");
  assert_refused ("{\"certifications\": [\"ABR\", \"ABX\"]}", ACR_PERSON_ERROR_INVALID,
                  "person.json: certifications[1]: unknown code “ABX”");
  assert_refused ("{\"country\": \"XX\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: country: “XX” is not an ISO 3166 country code");
  assert_refused ("{\"country\": \"usa\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: country: “usa” is not an ISO 3166 country code");
  assert_refused ("{\"military\": \"navy-reserve\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: military: unknown code “navy-reserve”");
  assert_refused ("{\"certifications\": [\"ABR\", \"ABR\"]}", ACR_PERSON_ERROR_INVALID,
                  "person.json: certifications[1]: “ABR” is listed twice");
  assert_refused ("{\"email\": \"not an address\"}", ACR_PERSON_ERROR_INVALID,
                  "person.json: email: “not an address” is not an e-mail address");
}

/* How many chapters may be chosen is the rules bundle's (test-rules.c);
 * AcrPerson checks only the shape of each code. */
static void
test_person_refuses_bad_chapter_codes (void)
{
  assert_refused ("{\"chapters\": [\"va\"]}", ACR_PERSON_ERROR_INVALID,
                  "person.json: chapters[0]: “va” is not a chapter code");
}

static void
test_person_reports_syntax_errors_with_the_file_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) person = person_from ("{\"given_name\": ", &error);

  g_assert_null (person);
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE);
  /* file:line:column, as compilers say it */
  g_assert_true (g_str_has_prefix (error->message, "person.json:1:"));
  g_assert_null (strstr (error->message, "<data>"));

  g_clear_error (&error);
  person = person_from ("", &error);
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE);
}

static void
changed_cb (AcrPerson *person,
            guint     *count)
{
  (*count)++;
}

static void
notify_cb (AcrPerson  *person,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_person_notifies_only_real_changes (void)
{
  g_autoptr(AcrPerson) person = acr_person_new ();
  g_autoptr(GError) error = NULL;
  guint changed = 0, notified = 0;
  g_autofree char *profession = NULL;

  g_signal_connect (person, "changed", G_CALLBACK (changed_cb), &changed);
  g_signal_connect (person, "notify::training-end", G_CALLBACK (notify_cb), &notified);

  g_assert_true (acr_person_set_fact_from_string (person, "training.end", "2027-06-30", &error));
  g_assert_no_error (error);
  g_assert_true (acr_person_set_fact_from_string (person, "training.end", "2027-06-30", &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (notified, ==, 1);

  /* What staff type wrong is refused and changes nothing. */
  g_assert_false (acr_person_set_fact_from_string (person, "training.end", "2027-02-30", &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (acr_person_get_string (person, "training.end"), ==, "2027-06-30");
  g_assert_cmpuint (changed, ==, 1);

  /* Emptying a field makes the fact unknown again. */
  g_assert_true (acr_person_set_fact_from_string (person, "training.end", "  ", &error));
  g_assert_false (acr_person_has_fact (person, "training.end"));
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (person, "profession", "medical-physicist", NULL);
  g_object_get (person, "profession", &profession, NULL);
  g_assert_cmpstr (profession, ==, "medical-physicist");
  g_assert_cmpuint (changed, ==, 3);
}

static void
test_person_parses_what_staff_type (void)
{
  g_autoptr(AcrPerson) person = acr_person_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *formatted = NULL;

  g_assert_true (acr_person_set_fact_from_string (person, "certifications", "ABR, ABMS", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "in_practice", "Yes", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "country", "ca", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "training.school_years", "4", &error));
  g_assert_no_error (error);

  formatted = acr_person_format_fact (person, "certifications");
  g_assert_cmpstr (formatted, ==, "ABR, ABMS");
  g_assert_true (acr_person_get_boolean (person, "in_practice", FALSE));
  g_assert_cmpstr (acr_person_get_string (person, "country"), ==, "CA");
  g_assert_cmpint (acr_person_get_int (person, "training.school_years", -1), ==, 4);

  g_assert_false (acr_person_set_fact_from_string (person, "in_practice", "perhaps", &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE);
  g_clear_error (&error);
  g_assert_false (acr_person_set_fact_from_string (person, "training.school_years", "-1", &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
}

static void
test_person_fact_table_matches_properties (void)
{
  g_autoptr(AcrPerson) person = acr_person_new ();
  const AcrFactInfo *facts;
  guint n_facts;

  facts = acr_person_list_facts (&n_facts);
  g_assert_cmpuint (n_facts, ==, 28);

  for (guint i = 0; i < n_facts; i++)
    {
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (person), facts[i].property));
      g_assert_true (acr_person_lookup_fact (facts[i].name) == &facts[i]);
      g_assert_nonnull (facts[i].label);
    }

  g_assert_null (acr_person_lookup_fact ("colour"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/person/reads-every-fact-of-the-person-file", test_person_reads_every_fact_of_the_person_file);
  g_test_add_func ("/acr/person/round-trips-through-json", test_person_round_trips_through_json);
  g_test_add_func ("/acr/person/refuses-unknown-keys", test_person_refuses_unknown_keys);
  g_test_add_func ("/acr/person/refuses-wrong-types", test_person_refuses_wrong_types);
  g_test_add_func ("/acr/person/refuses-impossible-dates", test_person_refuses_impossible_dates);
  g_test_add_func ("/acr/person/accepts-february-29-of-leap-years", test_person_accepts_february_29_of_leap_years);
  g_test_add_func ("/acr/person/refuses-unknown-codes", test_person_refuses_unknown_codes);
  g_test_add_func ("/acr/person/refuses-bad-chapter-codes", test_person_refuses_bad_chapter_codes);
  g_test_add_func ("/acr/person/reports-syntax-errors-with-the-file-name", test_person_reports_syntax_errors_with_the_file_name);
  g_test_add_func ("/acr/person/notifies-only-real-changes", test_person_notifies_only_real_changes);
  g_test_add_func ("/acr/person/parses-what-staff-type", test_person_parses_what_staff_type);
  g_test_add_func ("/acr/person/fact-table-matches-properties", test_person_fact_table_matches_properties);

  return g_test_run ();
}
