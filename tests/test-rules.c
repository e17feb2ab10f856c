#include "config.h"

#include "acr-rules.h"
#include "acr-rules-resources.h"

/* Loading the rules bundle: the built-in one, files, and every kind of
 * malformed or inconsistent bundle, each refused with the file, the JSON path
 * and what is wrong. */

typedef struct
{
  const char *file;
  int         code;
  const char *message;
} Malformed;

static const Malformed malformed[] = {
  { "not-json.json", ACR_RULES_ERROR_PARSE, NULL },
  { "not-utf8.json", ACR_RULES_ERROR_PARSE, "not-utf8.json: not UTF-8 text" },
  { "not-object.json", ACR_RULES_ERROR_SCHEMA, "not-object.json: expected an object, got an array" },
  { "amount-string.json", ACR_RULES_ERROR_SCHEMA,
    "amount-string.json: dues[0].national.member.ladder[0]: expected an amount in cents, got \"77.00\"" },
  { "amount-fraction.json", ACR_RULES_ERROR_SCHEMA,
    "amount-fraction.json: dues[0].national.member.full: expected an amount in cents, got 200.5" },
  { "amount-negative.json", ACR_RULES_ERROR_SCHEMA,
    "amount-negative.json: dues[0].chapters.VA: an amount must not be negative, got -5" },
  { "amount-object-string.json", ACR_RULES_ERROR_SCHEMA,
    "amount-object-string.json: dues[0].chapters.MD.amount_cents: expected an amount in cents, got \"20.02\"" },
  { "unknown-root-key.json", ACR_RULES_ERROR_SCHEMA, "unknown-root-key.json: colour: unknown key" },
  { "unknown-condition-key.json", ACR_RULES_ERROR_SCHEMA,
    "unknown-condition-key.json: categories[0].criteria[0].all[0].maybe: unknown key" },
  { "unknown-fact.json", ACR_RULES_ERROR_SCHEMA,
    "unknown-fact.json: categories[0].criteria[0].all[0].fact: unknown fact “colour”" },
  { "unknown-code.json", ACR_RULES_ERROR_SCHEMA,
    "unknown-code.json: categories[0].criteria[0].all[0].in[1]: unknown code “surgeon” for profession "
    "(known: physician, medical-physicist, therapy-physicist, medical-student, mri-scientist, radiologist-assistant)" },
  { "operator-wrong-type.json", ACR_RULES_ERROR_SCHEMA,
    "operator-wrong-type.json: categories[0].criteria[0].all[0].any: does not apply to profession, a code fact" },
  { "two-operators.json", ACR_RULES_ERROR_SCHEMA,
    "two-operators.json: categories[0].criteria[0].all[0]: has two operators, “in” and “not_in”; a condition has exactly one" },
  { "no-operator.json", ACR_RULES_ERROR_SCHEMA,
    "no-operator.json: categories[0].criteria[0].all[0]: has no operator (one of in, not_in, any, none, is, "
    "at_least, at_most, before, on_or_before, after, on_or_after)" },
  { "empty-codes.json", ACR_RULES_ERROR_SCHEMA, "empty-codes.json: categories[0].criteria[0].all[0].in: must not be empty" },
  { "bad-country-code.json", ACR_RULES_ERROR_SCHEMA,
    "bad-country-code.json: categories[0].criteria[0].all[0].not_in[0]: “USA” is not an ISO 3166 country code (two capital letters)" },
  { "bad-date-reference.json", ACR_RULES_ERROR_SCHEMA,
    "bad-date-reference.json: categories[0].criteria[0].all[0].after: expected “decision_date” or “year:MM-DD”, got \"tomorrow\"" },
  { "impossible-year-day.json", ACR_RULES_ERROR_SCHEMA,
    "impossible-year-day.json: categories[0].criteria[0].all[0].on_or_before: expected “decision_date” or “year:MM-DD”, got \"year:02-30\"" },
  { "offset-on-code-fact.json", ACR_RULES_ERROR_SCHEMA,
    "offset-on-code-fact.json: categories[0].criteria[0].all[0].plus: only a date condition can have an offset" },
  { "ask-without-if-unknown.json", ACR_RULES_ERROR_SCHEMA,
    "ask-without-if-unknown.json: categories[0].criteria[0].all[0].ask: “ask” needs “if_unknown”: an unknown fact is already listed as missing" },
  { "boolean-as-string.json", ACR_RULES_ERROR_SCHEMA,
    "boolean-as-string.json: categories[0].criteria[0].all[0].is: expected true or false, got \"yes\"" },
  { "duplicate-category.json", ACR_RULES_ERROR_INCONSISTENT,
    "duplicate-category.json: categories[1].id: category “member” is defined twice" },
  { "bad-category-id.json", ACR_RULES_ERROR_SCHEMA,
    "bad-category-id.json: categories[1].id: “Student Member” is not an identifier (lower-case letters, digits and “-”)" },
  { "duplicate-criterion.json", ACR_RULES_ERROR_INCONSISTENT,
    "duplicate-criterion.json: categories[1].criteria[0].id: criterion “member-physician” is defined twice" },
  { "empty-criteria.json", ACR_RULES_ERROR_SCHEMA, "empty-criteria.json: categories[0].criteria: must not be empty" },
  { "missing-explanation.json", ACR_RULES_ERROR_SCHEMA,
    "missing-explanation.json: categories[0].criteria[0].explanation: missing" },
  { "precedence-unknown.json", ACR_RULES_ERROR_INCONSISTENT, "precedence-unknown.json: precedence[2]: unknown category “ghost”" },
  { "precedence-incomplete.json", ACR_RULES_ERROR_INCONSISTENT,
    "precedence-incomplete.json: precedence: category “student” is missing" },
  { "right-wrong-type.json", ACR_RULES_ERROR_SCHEMA,
    "right-wrong-type.json: categories[0].rights.committees: expected true, false, \"not-stated\" or {\"all\": [conditions]}, got \"yes\"" },
  { "right-missing.json", ACR_RULES_ERROR_SCHEMA, "right-missing.json: categories[0].rights.board_of_chancellors: missing" },
  { "dues-kind-unknown.json", ACR_RULES_ERROR_SCHEMA,
    "dues-kind-unknown.json: categories[0].dues.kind: expected “free”, “flat” or “ladder”, got “monthly”" },
  { "free-with-chapter-dues.json", ACR_RULES_ERROR_INCONSISTENT,
    "free-with-chapter-dues.json: categories[1].dues.chapter_dues: a free category cannot owe chapter dues" },
  { "national-missing.json", ACR_RULES_ERROR_INCONSISTENT,
    "national-missing.json: dues[0].national: no dues for category “member”" },
  { "national-for-free-category.json", ACR_RULES_ERROR_INCONSISTENT,
    "national-for-free-category.json: dues[0].national.student: category “student” is free and has no dues" },
  { "national-unknown-category.json", ACR_RULES_ERROR_INCONSISTENT,
    "national-unknown-category.json: dues[0].national.ghost: unknown category “ghost”" },
  { "ladder-shape-for-flat.json", ACR_RULES_ERROR_SCHEMA,
    "ladder-shape-for-flat.json: dues[0].national.member.amount: unknown key" },
  { "chapter-dues-missing.json", ACR_RULES_ERROR_INCONSISTENT,
    "chapter-dues-missing.json: dues[0].chapters: no dues for chapter “VA”" },
  { "chapter-dues-unknown.json", ACR_RULES_ERROR_INCONSISTENT,
    "chapter-dues-unknown.json: dues[0].chapters.XX: unknown chapter “XX”" },
  { "duplicate-year.json", ACR_RULES_ERROR_INCONSISTENT,
    "duplicate-year.json: dues[1].year: the schedule for 2026 is given twice" },
  { "year-out-of-range.json", ACR_RULES_ERROR_SCHEMA,
    "year-out-of-range.json: dues[0].year: 26 is out of range (1900–2999)" },
  { "duplicate-chapter.json", ACR_RULES_ERROR_INCONSISTENT,
    "duplicate-chapter.json: chapters[1].code: chapter “VA” is defined twice" },
  { "chapter-bad-country.json", ACR_RULES_ERROR_SCHEMA,
    "chapter-bad-country.json: chapters[0].country: “USA” is not an ISO 3166 country code (two capital letters)" },
  { "format-2.json", ACR_RULES_ERROR_SCHEMA, "format-2.json: format: unsupported format 2 (this program reads format 1)" },
  { "currency-missing.json", ACR_RULES_ERROR_SCHEMA, "currency-missing.json: currency: missing" },
  { "ladder-missing.json", ACR_RULES_ERROR_INCONSISTENT,
    "ladder-missing.json: ladder: missing, but category “member” pays ladder dues" },
  { "ladder-start-not-a-date.json", ACR_RULES_ERROR_SCHEMA,
    "ladder-start-not-a-date.json: ladder.start[0].fact: “profession” is not a date fact" },
  { "discount-percent-out-of-range.json", ACR_RULES_ERROR_SCHEMA,
    "discount-percent-out-of-range.json: discounts[0].percent: 150 is out of range (1–100)" },
  { "discount-not-national.json", ACR_RULES_ERROR_SCHEMA,
    "discount-not-national.json: discounts[0].applies_to: expected “national”, got “chapters”" },
  { "dues-empty.json", ACR_RULES_ERROR_SCHEMA, "dues-empty.json: dues: must not be empty" },
  { "chapter-choice-not-a-region.json", ACR_RULES_ERROR_SCHEMA,
    "chapter-choice-not-a-region.json: chapter_choice.where[2]: “in_practice” is not a text fact (a state or province)" },
  { "chapter-choice-max-zero.json", ACR_RULES_ERROR_SCHEMA,
    "chapter-choice-max-zero.json: chapter_choice.max: 0 is out of range (1–100)" },
  { "ladder-decreasing.json", ACR_RULES_ERROR_INCONSISTENT,
    "ladder-decreasing.json: dues[0].national.member.ladder[2]: 9000 is less than the year before (15001)" },
  { "ladder-above-full-dues.json", ACR_RULES_ERROR_INCONSISTENT,
    "ladder-above-full-dues.json: dues[0].national.member.ladder[2]: 30000 is more than the full dues (20001)" },
  { "discount-reserved-code.json", ACR_RULES_ERROR_INCONSISTENT,
    "discount-reserved-code.json: discounts[0].code: “chapter:VA” is a line code the engine uses itself" },
  { "discount-code-twice.json", ACR_RULES_ERROR_INCONSISTENT,
    "discount-code-twice.json: discounts[1].code: line code “military-discount” is used twice" },
  { "waiver-without-description.json", ACR_RULES_ERROR_SCHEMA,
    "waiver-without-description.json: chapter_waiver.waived: missing" },
  { "waiver-condition-unknown-code.json", ACR_RULES_ERROR_SCHEMA,
    "waiver-condition-unknown-code.json: chapter_waiver.when[0].in[0]: unknown code “navy” for military "
    "(known: active-duty, va, usphs)" },
};

static const char * const seed_categories[] = {
  "general", "associate", "allied-health", "member-in-training",
  "international-member-in-training", "international", "retired", NULL
};

static AcrRules *
load_default (void)
{
  g_autoptr(GError) error = NULL;
  AcrRules *rules = acr_rules_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

static void
test_malformed_bundle_is_refused (gconstpointer data)
{
  const Malformed *m = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", m->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file (path, &error);

  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, m->code);
  if (m->message != NULL)
    g_assert_cmpstr (error->message, ==, m->message);
  else
    g_assert_true (g_str_has_prefix (error->message, m->file));
}

/* "not-json.json: not valid JSON: …" names the line where it went wrong. */
static void
test_not_json_names_the_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", "not-json.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file (path, &error);

  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "not-json.json: not valid JSON: "));
}

static void
test_missing_file_is_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file ("/nonexistent/rules.json", &error);

  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "rules.json: cannot read the rules: "));
}

static void
test_empty_bytes_are_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("", 0);
  g_autoptr(AcrRules) rules = acr_rules_new_from_bytes (bytes, "empty.json", &error);

  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE);
}

static void
test_minimal_bundle_loads (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", "minimal.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file (path, &error);
  AcrChapter *md;
  gint64 cents = 0;
  gboolean placeholder = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (acr_rules_get_source_name (rules), ==, "minimal.json");
  g_assert_cmpuint (g_list_model_get_n_items (acr_rules_get_categories (rules)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (acr_rules_get_chapters (rules)), ==, 2);
  g_assert_true (acr_rules_has_year (rules, 2026));
  g_assert_false (acr_rules_has_year (rules, 2027));

  md = acr_rules_lookup_chapter (rules, "MD");
  g_assert_nonnull (md);
  g_assert_true (acr_chapter_get_dues (md, 2026, &cents, &placeholder));
  g_assert_cmpint (cents, ==, 2002);
  g_assert_true (placeholder);
  g_assert_false (acr_chapter_get_dues (md, 2027, &cents, &placeholder));
}

/* A bundle may move dates backwards, from the earliest dates a person file
 * may hold (1900); that must neither crash nor warn. */
static void
test_negative_offsets_stay_in_the_calendar (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", "negative-offsets.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file (path, &error);
  const char *ends[] = { "1900-01-01", "1900-06-30", "1901-03-01", "2026-06-30" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"profession\": \"physician\", \"training\": {\"end\": \"%s\"}}", ends[i]);
      g_autoptr(AcrPerson) person = acr_person_new_from_data (json, -1, "person.json", &error);
      g_autoptr(AcrDecision) decision = NULL;
      GDate on;

      g_assert_no_error (error);
      g_date_clear (&on, 1);
      g_date_set_dmy (&on, 26, G_DATE_NOVEMBER, 2026);
      decision = acr_rules_classify (rules, person, &on, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "member");
    }
}

/* The default bundle comes from the GResource compiled into libacr-core,
 * referenced explicitly so the static library never loses it. */
static void
test_default_bundle_is_compiled_in (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AcrRules) rules = NULL;

  bytes = g_resource_lookup_data (acr_rules_get_resource (), ACR_RULES_DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);

  rules = load_default ();
  g_assert_cmpstr (acr_rules_get_source_name (rules), ==, "acr-rules.json");
  g_assert_cmpstr (acr_rules_get_currency (rules), ==, "USD");
}

/* The file in data/rules and the compiled-in copy are the same bundle. */
static void
test_bundle_file_loads_like_default (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "acr-rules.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) from_file = acr_rules_new_from_file (path, &error);
  g_autoptr(AcrRules) builtin = load_default ();
  GListModel *a, *b;

  g_assert_no_error (error);
  a = acr_rules_get_categories (from_file);
  b = acr_rules_get_categories (builtin);
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(AcrCategory) ca = g_list_model_get_item (a, i);
      g_autoptr(AcrCategory) cb = g_list_model_get_item (b, i);

      g_assert_cmpstr (acr_category_get_id (ca), ==, acr_category_get_id (cb));
      g_assert_cmpuint (acr_category_get_n_criteria (ca), ==, acr_category_get_n_criteria (cb));
    }
}

/* Every category the seed describes, in bundle order. */
static void
test_default_has_every_category_of_the_seed (void)
{
  g_autoptr(AcrRules) rules = load_default ();
  GListModel *categories = acr_rules_get_categories (rules);

  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, g_strv_length ((char **) seed_categories));
  for (guint i = 0; seed_categories[i] != NULL; i++)
    {
      g_autoptr(AcrCategory) category = g_list_model_get_item (categories, i);

      g_assert_cmpstr (acr_category_get_id (category), ==, seed_categories[i]);
      g_assert_true (acr_rules_lookup_category (rules, seed_categories[i]) == category);
      g_assert_cmpuint (acr_category_get_n_criteria (category), >, 0);
      for (guint j = 0; j < acr_category_get_n_criteria (category); j++)
        {
          g_assert_cmpstr (acr_category_get_criterion_explanation (category, j), !=, "");
          g_assert_cmpstr (acr_category_get_criterion_source (category, j), !=, "");
        }
    }

  g_assert_null (acr_rules_lookup_category (rules, "honorary"));
}

static void
test_category_properties (void)
{
  g_autoptr(AcrRules) rules = load_default ();
  AcrCategory *retired = acr_rules_lookup_category (rules, "retired");
  AcrCategory *international = acr_rules_lookup_category (rules, "international");
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  gboolean committees, elective, board;

  g_object_get (retired, "name", &name, "committees", &committees, "elective-office", &elective,
                "board-of-chancellors", &board, "dues-kind", &kind, NULL);
  g_assert_cmpstr (name, ==, "Retired member");
  g_assert_true (committees);
  g_assert_true (elective);  /* a standing right, held during the first six years */
  g_assert_false (board);
  g_assert_cmpstr (kind, ==, "free");

  g_assert_true (acr_category_get_committees (international));
  g_assert_false (acr_category_get_elective_office (international));
  g_assert_false (acr_category_get_board_of_chancellors (international));
  g_assert_cmpstr (acr_category_get_dues_kind (international), ==, "flat");
  g_assert_false (acr_category_get_chapter_dues (international));
}

/* Chapters: the 50 states, DC, and the 13 Canadian provinces and territories. */
static void
test_default_chapters_cover_us_dc_and_canada (void)
{
  g_autoptr(AcrRules) rules = load_default ();
  GListModel *chapters = acr_rules_get_chapters (rules);
  guint us = 0, ca = 0;

  for (guint i = 0; i < g_list_model_get_n_items (chapters); i++)
    {
      g_autoptr(AcrChapter) chapter = g_list_model_get_item (chapters, i);
      gint64 cents;
      gboolean placeholder;

      if (g_str_equal (acr_chapter_get_country (chapter), "US"))
        us++;
      else if (g_str_equal (acr_chapter_get_country (chapter), "CA"))
        ca++;
      else
        g_assert_not_reached ();

      /* The seed gives no chapter's dues: every one is a placeholder. */
      for (int year = 2026; year <= 2028; year++)
        {
          g_assert_true (acr_chapter_get_dues (chapter, year, &cents, &placeholder));
          g_assert_true (placeholder);
          g_assert_cmpint (cents, >, 0);
        }
    }

  g_assert_cmpuint (us, ==, 51);
  g_assert_cmpuint (ca, ==, 13);
  g_assert_cmpstr (acr_chapter_get_name (acr_rules_lookup_chapter (rules, "DC")), ==, "District of Columbia");
  g_assert_cmpstr (acr_chapter_get_name (acr_rules_lookup_chapter (rules, "QC")), ==, "Quebec");
  g_assert_cmpstr (acr_chapter_get_country (acr_rules_lookup_chapter (rules, "NU")), ==, "CA");
  g_assert_null (acr_rules_lookup_chapter (rules, "XX"));
}

static void
test_default_covers_2026_to_2028 (void)
{
  g_autoptr(AcrRules) rules = load_default ();
  g_autofree int *years = NULL;
  guint n_years;

  years = acr_rules_list_years (rules, &n_years);
  g_assert_cmpuint (n_years, >=, 3);
  g_assert_cmpint (years[0], ==, 2026);
  g_assert_true (acr_rules_has_year (rules, 2027));
  g_assert_true (acr_rules_has_year (rules, 2028));
  g_assert_false (acr_rules_has_year (rules, 2025));
}

static void
collect_sources (JsonNode   *node,
                 const char *path,
                 GPtrArray  *sources)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *child = json_object_get_member (object, l->data);
          g_autofree char *where = g_strdup_printf ("%s.%s", path, (const char *) l->data);

          if (g_str_has_suffix (l->data, "source") && JSON_NODE_HOLDS_VALUE (child))
            g_ptr_array_add (sources, g_strdup_printf ("%s\t%s", where, json_node_get_string (child)));
          else
            collect_sources (child, where, sources);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *where = g_strdup_printf ("%s[%u]", path, i);

          collect_sources (json_array_get_element (array, i), where, sources);
        }
    }
}

/* Every "source" in the bundle quotes the College's page word for word, and
 * every criterion, set of rights and kind of dues has one. */
static void
test_sources_quote_the_seed (void)
{
  g_autofree char *seed_path = g_test_build_filename (G_TEST_DIST, "fixtures", "acr-membership-page.txt", NULL);
  g_autofree char *bundle_path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "acr-rules.json", NULL);
  g_autofree char *seed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);

  g_file_get_contents (seed_path, &seed, NULL, &error);
  g_assert_no_error (error);
  json_parser_load_from_file (parser, bundle_path, &error);
  g_assert_no_error (error);

  collect_sources (json_parser_get_root (parser), "", sources);
  /* 25 criteria, 7 rights, 7 dues, plus ladder, discount, waiver, refund, review, precedence */
  g_assert_cmpuint (sources->len, >=, 40);

  for (guint i = 0; i < sources->len; i++)
    {
      const char *entry = sources->pdata[i];
      const char *quote = strchr (entry, '\t') + 1;

      if (strstr (seed, quote) == NULL)
        g_error ("%s is not a quote of the seed", entry);
    }
}

/* Issue 12 §3, "the chapter maximum off by one". The seed: "You can choose
 * up to two local chapters depending on where you live or practice." The
 * bundle's chapter_choice.max is inclusive: that many chapters are accepted
 * and one more is refused, by every call that takes a person. */

#define CHAPTER_PERSON \
  "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"ABR\"]," \
  " \"country\": \"US\", \"region\": \"VA\", \"practice_region\": \"MD\", \"in_practice\": true," \
  " \"training\": {\"stage\": \"fellowship\", \"approved\": true, \"country\": \"US\", \"end\": \"2021-06-30\"}," \
  " \"chapters\": [%s]}"

static AcrPerson *
chapter_person_new (const char  *chapters,
                    GError     **error)
{
  g_autofree char *json = g_strdup_printf (CHAPTER_PERSON, chapters);

  return acr_person_new_from_data (json, -1, "person.json", error);
}

/* The built-in bundle with chapter_choice.max set to @max. */
static AcrRules *
rules_with_chapter_max (gint64 max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  AcrRules *rules;
  JsonObject *choice;
  const char *data;
  gsize size;

  bytes = g_resource_lookup_data (acr_rules_get_resource (), ACR_RULES_DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);

  choice = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "chapter_choice");
  g_assert_nonnull (choice);
  g_assert_cmpint (json_object_get_int_member (choice, "max"), ==, 2);
  json_object_set_int_member (choice, "max", max);

  text = json_to_string (json_parser_get_root (parser), FALSE);
  size = strlen (text);
  edited = g_bytes_new_take (g_steal_pointer (&text), size);

  rules = acr_rules_new_from_bytes (edited, "chapter-max.json", &error);
  g_assert_no_error (error);
  return rules;
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

/* The day the chapter-maximum cases are decided and billed on. */
static GDate
chapter_test_day (void)
{
  GDate on;

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 26, G_DATE_NOVEMBER, 2026);
  return on;
}

/* Validated, classified, and billed for each of its @n_chapters chapters. */
static void
assert_chapters_accepted (AcrRules  *rules,
                          AcrPerson *person,
                          guint      n_chapters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(AcrDuesQuote) quote = NULL;
  GDate on = chapter_test_day ();

  g_assert_true (acr_rules_validate_person (rules, person, "person.json", &error));
  g_assert_no_error (error);

  decision = acr_rules_classify (rules, person, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "general");

  quote = acr_rules_quote (rules, person, 2026, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_chapter_lines (quote), ==, n_chapters);
}

/* Refused with @message by validation, and by classify and quote. */
static void
assert_chapters_refused (AcrRules   *rules,
                         AcrPerson  *person,
                         const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(AcrDuesQuote) quote = NULL;
  GDate on = chapter_test_day ();

  g_assert_false (acr_rules_validate_person (rules, person, "person.json", &error));
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==, message);
  g_clear_error (&error);

  decision = acr_rules_classify (rules, person, &on, &error);
  g_assert_null (decision);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
  g_clear_error (&error);

  quote = acr_rules_quote (rules, person, 2026, &on, &error);
  g_assert_null (quote);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
}

/* The built-in bundle: two chapters (where the person lives and where they
 * practise) are accepted and both billed; a third is refused by the rules
 * (the limit is the bundle's chapter_choice.max, not AcrPerson's). */
static void
test_chapter_maximum_two_accepted_three_refused (void)
{
  g_autoptr(AcrRules) rules = load_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) two = chapter_person_new ("\"VA\", \"MD\"", &error);
  g_autoptr(AcrPerson) three = NULL;

  g_assert_no_error (error);
  assert_chapters_accepted (rules, two, 2);

  three = chapter_person_new ("\"VA\", \"MD\", \"DC\"", &error);
  g_assert_no_error (error);
  assert_chapters_refused (rules, three, "person.json: chapters: at most 2 chapters, got 3");
}

/* The limit is the bundle's, checked by the rules: with "max": 1 one chapter
 * is accepted and two are refused, though AcrPerson would take two. A limit
 * off by one either way fails here or in the test above. */
static void
test_chapter_maximum_is_the_bundles_and_inclusive (void)
{
  g_autoptr(AcrRules) rules = rules_with_chapter_max (1);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) one = chapter_person_new ("\"VA\"", &error);
  g_autoptr(AcrPerson) two = NULL;

  g_assert_no_error (error);
  assert_chapters_accepted (rules, one, 1);

  two = chapter_person_new ("\"VA\", \"MD\"", &error);
  g_assert_no_error (error);
  assert_chapters_refused (rules, two, "person.json: chapters: at most 1 chapters, got 2");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/rules/default-bundle-is-compiled-in", test_default_bundle_is_compiled_in);
  g_test_add_func ("/acr/rules/bundle-file-loads-like-default", test_bundle_file_loads_like_default);
  g_test_add_func ("/acr/rules/default-has-every-category-of-the-seed", test_default_has_every_category_of_the_seed);
  g_test_add_func ("/acr/rules/category-properties", test_category_properties);
  g_test_add_func ("/acr/rules/default-chapters-cover-us-dc-and-canada", test_default_chapters_cover_us_dc_and_canada);
  g_test_add_func ("/acr/rules/default-covers-2026-to-2028", test_default_covers_2026_to_2028);
  g_test_add_func ("/acr/rules/sources-quote-the-seed", test_sources_quote_the_seed);
  g_test_add_func ("/acr/rules/minimal-bundle-loads", test_minimal_bundle_loads);
  g_test_add_func ("/acr/rules/not-json-names-the-file", test_not_json_names_the_file);
  g_test_add_func ("/acr/rules/missing-file-is-refused", test_missing_file_is_refused);
  g_test_add_func ("/acr/rules/empty-bytes-are-refused", test_empty_bytes_are_refused);
  g_test_add_func ("/acr/rules/negative-offsets-stay-in-the-calendar", test_negative_offsets_stay_in_the_calendar);
  g_test_add_func ("/acr/rules/chapter-maximum/two-accepted-three-refused",
                   test_chapter_maximum_two_accepted_three_refused);
  g_test_add_func ("/acr/rules/chapter-maximum/is-the-bundles-and-inclusive",
                   test_chapter_maximum_is_the_bundles_and_inclusive);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *name = g_strndup (malformed[i].file, strlen (malformed[i].file) - strlen (".json"));
      g_autofree char *path = g_strdup_printf ("/acr/rules/malformed/%s", name);

      g_test_add_data_func (path, &malformed[i], test_malformed_bundle_is_refused);
    }

  return g_test_run ();
}
