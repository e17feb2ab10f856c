#include "config.h"

#include "acr-rules-resources.h"
#include "acr-rules-test-helpers.h"

/*
 * Issue 11, "where": chapters belong to a country, the chapter choice is the
 * bundle's, the category of a person practising abroad follows where they
 * practise, whose military service earns the discount, rights the seed does
 * not state, and "also eligible". Each choice is written down, with its seed
 * sentence, in data/rules/README.md.
 */

#define RADIOLOGIST_IN(country, extra) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': '" country "'," \
  " 'in_practice': true, 'practice_start': '2010-07-01'" extra "}"

static gboolean
has_line (AcrDuesQuote *quote,
          const char   *code)
{
  return acr_dues_quote_find_line (quote, code) != NULL;
}

static guint
count_chapter_lines (AcrDuesQuote *quote)
{
  GListModel *lines = acr_dues_quote_get_lines (quote);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(AcrDuesLine) line = g_list_model_get_item (lines, i);

      if (g_str_has_prefix (acr_dues_line_get_code (line), "chapter:"))
        n++;
    }

  return n;
}

/* Refused by validation with @message (which names the field), and so by
 * classify and quote. */
static void
assert_person_refused (const char *json,
                       const char *message)
{
  g_autoptr(AcrPerson) person = person_new (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(AcrDuesQuote) quote = NULL;
  GDate on = date_of ("2026-11-26");

  g_assert_false (acr_rules_validate_person (rules_default (), person, "person.json", &error));
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  decision = acr_rules_classify (rules_default (), person, &on, &error);
  g_assert_null (decision);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_clear_error (&error);

  quote = acr_rules_quote (rules_default (), person, 2027, &on, &error);
  g_assert_null (quote);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
}

static void
assert_person_valid (const char *json)
{
  g_autoptr(AcrPerson) person = person_new (json);
  g_autoptr(GError) error = NULL;

  g_assert_true (acr_rules_validate_person (rules_default (), person, "person.json", &error));
  g_assert_no_error (error);
}

/* Item 1. Every chapter of the bundle belongs to the US or Canada, and the
 * two countries' codes are looked up apart. */
static void
test_chapters_belong_to_a_country (void)
{
  AcrRules *rules = rules_default ();
  GListModel *chapters = acr_rules_get_chapters (rules);

  for (guint i = 0; i < g_list_model_get_n_items (chapters); i++)
    {
      g_autoptr(AcrChapter) chapter = g_list_model_get_item (chapters, i);
      const char *country = acr_chapter_get_country (chapter);

      g_assert_true (g_str_equal (country, "US") || g_str_equal (country, "CA"));
      g_assert_true (acr_rules_lookup_chapter_in (rules, country, acr_chapter_get_code (chapter)) == chapter);
    }

  g_assert_nonnull (acr_rules_lookup_chapter_in (rules, "US", "CA"));
  g_assert_null (acr_rules_lookup_chapter_in (rules, "CA", "CA"));
  g_assert_null (acr_rules_lookup_chapter_in (rules, "IT", "MI"));
  g_assert_null (acr_rules_lookup_chapter_in (rules, NULL, "MI"));
  g_assert_nonnull (acr_rules_lookup_chapter_in (rules, "CA", "QC"));
  g_assert_null (acr_rules_lookup_chapter_in (rules, "US", "QC"));
  g_assert_true (acr_rules_country_has_chapters (rules, "US"));
  g_assert_true (acr_rules_country_has_chapters (rules, "CA"));
  g_assert_false (acr_rules_country_has_chapters (rules, "IT"));
  g_assert_false (acr_rules_country_has_chapters (rules, NULL));
}

/* Item 1: an Italian radiologist living in Milan (“MI”) is not billed the
 * Michigan chapter; abroad the region is free text and there is no chapter. */
static void
test_italian_region_mi_is_not_michigan (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (RADIOLOGIST_IN ("IT", ", 'certifications': ['NATIONAL'], 'region': 'MI'"), 2027, "2026-11-26");

  g_autoptr(AcrDuesQuote) mri =
    quote_on ("{'profession': 'mri-scientist', 'country': 'IT', 'region': 'MI', 'practice_start': '2010-07-01'}",
              2027, "2026-11-26");

  assert_person_valid (RADIOLOGIST_IN ("IT", ", 'region': 'MI'"));
  g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "international");
  g_assert_false (has_line (quote, "chapter:MI"));
  g_assert_cmpuint (count_chapter_lines (quote), ==, 0);
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 39100);

  /* A category that owes chapter dues: still no Michigan chapter. */
  g_assert_cmpstr (acr_dues_quote_get_category_id (mri), ==, "allied-health");
  g_assert_false (has_line (mri, "chapter:MI"));
  g_assert_cmpuint (count_chapter_lines (mri), ==, 0);
}

/* Item 1: a Canadian whose region is “CA” is refused (there is no province
 * CA), not billed California; a US region for a Canadian likewise. */
static void
test_canadian_region_ca_is_refused (void)
{
  assert_person_refused ("{'country': 'CA', 'region': 'CA'}",
                         "person.json: region: “CA” is not a state or province of the person’s country CA"
                         " (it is California, US)");
  assert_person_refused ("{'country': 'CA', 'region': 'ON', 'practice_region': 'MI'}",
                         "person.json: practice_region: “MI” is not a state or province of the person’s country CA"
                         " (it is Michigan, US)");
  assert_person_refused ("{'country': 'US', 'region': 'QC'}",
                         "person.json: region: “QC” is not a state or province of the person’s country US"
                         " (it is Quebec, CA)");
  assert_person_valid ("{'country': 'CA', 'region': 'ON', 'practice_region': 'QC', 'chapters': ['ON', 'QC']}");
  assert_person_valid ("{'country': 'US', 'region': 'CA', 'chapters': ['CA']}");
}

/* Item 1: a member outside the US and Canada has no chapter, and a chapter
 * chosen without the country is refused (the region means nothing alone). */
static void
test_chapters_need_a_country_with_chapters (void)
{
  assert_person_refused ("{'country': 'IT', 'region': 'MI', 'chapters': ['MI']}",
                         "person.json: chapters: the person’s country IT has no ACR chapters; remove the chapters");
  assert_person_refused ("{'region': 'VA', 'chapters': ['VA']}",
                         "person.json: chapters: the person’s country is not given; a state or province means"
                         " something only with its country, so give the country");
}

/* Item 1: with no chapter chosen, the chapter of the region is billed only
 * when the region is in the person's country; a region without a country
 * bills no chapter. */
static void
test_default_chapter_is_in_the_persons_country (void)
{
  g_autoptr(AcrDuesQuote) us = quote_on (RADIOLOGIST_IN ("US", ", 'region': 'MI'"), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) unknown = NULL;

  g_assert_cmpstr (acr_dues_quote_get_category_id (us), ==, "general");
  g_assert_true (has_line (us, "chapter:MI"));

  unknown = quote_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                      " 'in_practice': true, 'practice_start': '2010-07-01', 'region': 'MI'}", 2027, "2026-11-26");
  g_assert_cmpuint (count_chapter_lines (unknown), ==, 0);
}

/* One policy: how many chapters is the bundle's chapter_choice.max, read
 * through AcrRules; AcrPerson takes any number, the rules refuse a third. */
static void
test_chapter_maximum_comes_from_the_bundle (void)
{
  g_autoptr(AcrPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (acr_rules_get_max_chapters (rules_default ()), ==, 2);

  person = acr_person_new_from_data ("{\"country\": \"US\", \"region\": \"VA\", \"chapters\": [\"VA\", \"MD\", \"DC\"]}",
                                     -1, "person.json", &error);
  g_assert_no_error (error);
  g_assert_false (acr_rules_validate_person (rules_default (), person, "person.json", &error));
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==, "person.json: chapters: at most 2 chapters, got 3");
}

/* Item 7: an ABR-certified radiologist practising in Germany is an
 * international member ($391, no chapter), decided by where they practise;
 * the same radiologist practising in the US is a general member. */
static void
test_abr_radiologist_in_germany_is_international (void)
{
  g_autoptr(AcrDecision) germany = classify_on (RADIOLOGIST_IN ("DE", ", 'region': 'Bayern'"), "2026-11-26");
  g_autoptr(AcrDecision) us = classify_on (RADIOLOGIST_IN ("US", ", 'region': 'VA'"), "2026-11-26");
  g_autoptr(AcrDuesQuote) quote = quote_on (RADIOLOGIST_IN ("DE", ", 'region': 'Bayern'"), 2027, "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (germany), ==, "international");
  g_assert_false (acr_decision_is_eligible (germany, "general"));
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 39100);
  g_assert_cmpuint (count_chapter_lines (quote), ==, 0);

  g_assert_cmpstr (acr_decision_get_category_id (us), ==, "general");
  g_assert_false (acr_decision_is_eligible (us, "international"));

  /* Where they practise is asked when not given. */
  {
    g_autoptr(AcrDecision) unknown =
      classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                   " 'in_practice': true}", "2026-11-26");

    g_assert_cmpstr (acr_decision_get_category_id (unknown), ==, "general");
    g_assert_true (strv_has (acr_decision_get_missing (unknown), "country"));
  }
}

/* Item 8: a French nuclear medicine physician without certification is not
 * a US associate member ($810): the seed's only category for physicians
 * practising outside the US and Canada is the international one, which needs
 * radiology, radiation oncology or medical physics and a certification. */
static void
test_uncertified_physician_abroad_is_not_an_associate (void)
{
  const char *french = "{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': [], 'country': 'FR',"
                       " 'in_practice': true, 'residency_completed': true, 'practice_start': '2015-01-01'}";
  g_autoptr(AcrDecision) decision = classify_on (french, "2026-11-26");
  g_autoptr(AcrDuesQuote) quote = quote_on (french, 2027, "2026-11-26");
  g_autoptr(AcrDecision) radiologist =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [], 'country': 'FR', 'in_practice': true,"
                 " 'residency_completed': true}", "2026-11-26");
  g_autoptr(AcrDecision) us =
    classify_on ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': [], 'country': 'US',"
                 " 'region': 'VA', 'in_practice': true}", "2026-11-26");

  g_assert_null (acr_decision_get_category_id (decision));
  g_assert_false (acr_decision_is_eligible (decision, "associate"));
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 0);

  g_assert_null (acr_decision_get_category_id (radiologist));
  g_assert_false (acr_decision_is_eligible (radiologist, "associate"));

  g_assert_cmpstr (acr_decision_get_category_id (us), ==, "associate");
}

/* Item 5: "active duty U.S. military": a Canadian active-duty radiologist
 * gets neither the 50% discount nor the chapter waiver; a U.S. one both. */
#define SERVING(service, country) \
  RADIOLOGIST_IN ("US", ", 'region': 'VA', 'chapters': ['VA'], 'waive_chapters': true, 'military': '" service "'" country)

static void
test_only_us_military_earn_the_discount (void)
{
  g_autoptr(AcrDuesQuote) canadian = quote_on (SERVING ("active-duty", ", 'military_country': 'CA'"), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) american = quote_on (SERVING ("active-duty", ", 'military_country': 'US'"), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) va = quote_on (SERVING ("va", ", 'military_country': 'US'"), 2027, "2026-11-26");

  g_assert_false (has_line (canadian, "military-discount"));
  g_assert_false (has_line (canadian, "chapters-waived"));
  g_assert_true (has_line (canadian, "chapter-waiver-refused"));
  g_assert_true (has_line (canadian, "chapter:VA"));

  g_assert_true (has_line (american, "military-discount"));
  g_assert_true (has_line (american, "chapters-waived"));
  g_assert_false (has_line (american, "chapter:VA"));

  g_assert_true (has_line (va, "military-discount"));
  g_assert_true (has_line (va, "chapter-waiver-refused"));
}

/* Item 5: an old person file that says "military" without whose service it
 * is still reads and classifies, but its dues are refused (naming the
 * field) rather than guessed either way; a person who does not serve needs
 * no military_country. */
static void
test_military_without_country_is_refused_not_guessed (void)
{
  const char * const services[] = { "active-duty", "va", "usphs" };

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *json = g_strdup_printf (RADIOLOGIST_IN ("US", ", 'region': 'VA', 'military': '%s'"), services[i]);
      g_autoptr(AcrPerson) person = person_new (json);
      g_autoptr(GError) error = NULL;
      g_autoptr(AcrDecision) decision = NULL;
      g_autoptr(AcrDuesQuote) quote = NULL;
      GDate on = date_of ("2026-11-26");

      decision = acr_rules_classify (rules_default (), person, &on, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "general");

      quote = acr_rules_quote (rules_default (), person, 2027, &on, &error);
      g_assert_null (quote);
      g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
      g_assert_true (g_str_has_prefix (error->message,
                                       "military_country (Country of the military or federal service) is not "
                                       "given and the dues depend on it (50% discount"));
    }

  {
    g_autoptr(AcrDuesQuote) civilian = quote_on (RADIOLOGIST_IN ("US", ", 'region': 'VA'"), 2027, "2026-11-26");

    g_assert_false (has_line (civilian, "military-discount"));
  }
}

/* Disputed reading: the seed states no right for members-in-training,
 * international members-in-training or allied-health members. They read
 * FALSE (not granted) but are "not stated", and classify's JSON gives null
 * rather than false, which would read as a prohibition. Stated rights,
 * granted or refused, stay true and false. */
static void
test_rights_not_stated_are_not_no (void)
{
  const struct
  {
    const char *json;
    const char *category;
    gboolean    stated;
  } cases[] = {
    { "{'profession': 'mri-scientist', 'country': 'US'}", "allied-health", FALSE },
    { "{'profession': 'physician', 'discipline': 'radiology', 'country': 'US',"
      " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2028-06-30'}}",
      "member-in-training", FALSE },
    { "{'profession': 'medical-student', 'country': 'IN',"
      " 'training': {'stage': 'medical-school', 'country': 'IN', 'school_years': 5, 'end': '2029-05-31'}}",
      "international-member-in-training", FALSE },
    { RADIOLOGIST_IN ("US", ", 'region': 'VA'"), "general", TRUE },
    { RADIOLOGIST_IN ("FR", ", 'certifications': ['NATIONAL']"), "international", TRUE },
  };
  const char * const rights[] = { "committees", "elective_office", "board_of_chancellors" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AcrDecision) decision = classify_on (cases[i].json, "2026-11-26");
      g_autoptr(JsonNode) node = acr_decision_to_json (decision);
      JsonObject *json_rights = json_object_get_object_member (json_node_get_object (node), "rights");

      g_assert_cmpstr (acr_decision_get_category_id (decision), ==, cases[i].category);
      for (guint r = 0; r < G_N_ELEMENTS (rights); r++)
        {
          g_assert_cmpint (acr_decision_get_right_stated (decision, rights[r]), ==, cases[i].stated);
          g_assert_cmpint (json_object_get_null_member (json_rights, rights[r]), ==, !cases[i].stated);
        }
    }

  /* International: committees yes, elective office and the Board no. */
  {
    g_autoptr(AcrDecision) decision = classify_on (RADIOLOGIST_IN ("FR", ", 'certifications': ['NATIONAL']"),
                                                   "2026-11-26");
    g_autoptr(JsonNode) node = acr_decision_to_json (decision);
    JsonObject *json_rights = json_object_get_object_member (json_node_get_object (node), "rights");

    g_assert_true (json_object_get_boolean_member (json_rights, "committees"));
    g_assert_false (json_object_get_boolean_member (json_rights, "elective_office"));
    g_assert_false (json_object_get_null_member (json_rights, "elective_office"));
  }
}

/* Explanations: "also eligible" reasons never name the category decided. */
static void
test_also_eligible_never_lists_the_decision (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US',"
                 " 'region': 'VA', 'in_practice': false}", "2026-11-26");
  const char * const *reasons = acr_decision_get_reasons (decision);
  guint n_also = 0;

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "general");
  g_assert_true (acr_decision_is_eligible (decision, "allied-health"));
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_assert_false (g_str_has_prefix (reasons[i], "Also eligible as General member"));
      n_also += g_str_has_prefix (reasons[i], "Also eligible as Allied health member");
    }
  g_assert_cmpuint (n_also, ==, 1);
}

/* The built-in bundle's text with @from replaced by @to (once, exactly). */
static AcrRules *
rules_edited (const char  *from,
              const char  *to,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = g_resource_lookup_data (acr_rules_get_resource (), ACR_RULES_DEFAULT_RESOURCE,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) edited = NULL;
  gsize size;

  g_assert_no_error (local_error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);
  size = text->len;
  edited = g_bytes_new_take (g_string_free (g_steal_pointer (&text), FALSE), size);

  return acr_rules_new_from_bytes (edited, "edited.json", error);
}

/* The bundle keys behind the choices: "required" (a fact the dues need is
 * never assumed) excludes "if_unknown"; a right is true, false,
 * "not-stated" or conditional, nothing else. */
static void
test_bundle_keys_are_checked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) both = rules_edited ("{\"fact\": \"military_country\", \"in\": [\"US\"], \"required\": true}",
                                           "{\"fact\": \"military_country\", \"in\": [\"US\"], \"required\": true,"
                                           " \"if_unknown\": false}", &error);
  g_autoptr(AcrRules) right = NULL;

  g_assert_null (both);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_SCHEMA);
  g_assert_true (g_str_has_prefix (error->message, "edited.json: discounts[0].when[1].required: "));
  g_clear_error (&error);

  right = rules_edited ("\"committees\": \"not-stated\"", "\"committees\": \"unstated\"", &error);
  g_assert_null (right);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_SCHEMA);
  g_assert_true (g_str_has_suffix (error->message, "expected true, false, \"not-stated\" or {\"all\": [conditions]}, "
                                                   "got \"unstated\""));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/rules-where/chapters-belong-to-a-country", test_chapters_belong_to_a_country);
  g_test_add_func ("/acr/rules-where/italian-region-mi-is-not-michigan", test_italian_region_mi_is_not_michigan);
  g_test_add_func ("/acr/rules-where/canadian-region-ca-is-refused", test_canadian_region_ca_is_refused);
  g_test_add_func ("/acr/rules-where/chapters-need-a-country-with-chapters", test_chapters_need_a_country_with_chapters);
  g_test_add_func ("/acr/rules-where/default-chapter-is-in-the-persons-country",
                   test_default_chapter_is_in_the_persons_country);
  g_test_add_func ("/acr/rules-where/chapter-maximum-comes-from-the-bundle", test_chapter_maximum_comes_from_the_bundle);
  g_test_add_func ("/acr/rules-where/abr-radiologist-in-germany-is-international",
                   test_abr_radiologist_in_germany_is_international);
  g_test_add_func ("/acr/rules-where/uncertified-physician-abroad-is-not-an-associate",
                   test_uncertified_physician_abroad_is_not_an_associate);
  g_test_add_func ("/acr/rules-where/only-us-military-earn-the-discount", test_only_us_military_earn_the_discount);
  g_test_add_func ("/acr/rules-where/military-without-country-is-refused-not-guessed",
                   test_military_without_country_is_refused_not_guessed);
  g_test_add_func ("/acr/rules-where/rights-not-stated-are-not-no", test_rights_not_stated_are_not_no);
  g_test_add_func ("/acr/rules-where/also-eligible-never-lists-the-decision", test_also_eligible_never_lists_the_decision);
  g_test_add_func ("/acr/rules-where/bundle-keys-are-checked", test_bundle_keys_are_checked);

  return g_test_run ();
}
