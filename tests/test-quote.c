#include "config.h"

#include "acr-rules-test-helpers.h"

/*
 * Dues quotes: the ladder, the flat international amounts, the free
 * categories, the military discount (and its rounding), chapters and the
 * waiver, the retirement refund window, and placeholder amounts.
 */

#define GENERAL_AFTER(end, extra) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US'," \
  " 'region': 'VA', 'in_practice': true" extra "," \
  " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '" end "'}}"

static gint64
line_amount (AcrDuesQuote *quote,
             const char   *code)
{
  AcrDuesLine *line = acr_dues_quote_find_line (quote, code);

  if (line == NULL)
    g_error ("no line “%s” in the quote", code);

  return acr_dues_line_get_amount_cents (line);
}

static gboolean
has_line (AcrDuesQuote *quote,
          const char   *code)
{
  return acr_dues_quote_find_line (quote, code) != NULL;
}

static const char *
line_description (AcrDuesQuote *quote,
                  const char   *code)
{
  return acr_dues_line_get_description (acr_dues_quote_find_line (quote, code));
}

/* "ACR prorates your membership for the first four years after you've
 * secured a paid position. That first year is only $77." / "Members in
 * their first year of practice pay just $77 for ACR dues." README ambiguity
 * 2: training ending June 30 makes 2027 year one. */
static void
test_ladder_year_one_after_june_training (void)
{
  const char *fellow = GENERAL_AFTER ("2026-06-30", "");
  g_autoptr(AcrDuesQuote) y2026 = quote_on (fellow, 2026, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (fellow, 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2028 = quote_on (fellow, 2028, "2027-11-26");

  /* "This category is free." while in training on January 1, 2026 */
  g_assert_cmpstr (acr_dues_quote_get_category_id (y2026), ==, "member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2026), ==, 0);
  g_assert_true (has_line (y2026, "not-billable"));
  g_assert_nonnull (acr_dues_quote_get_reason (y2026));

  g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "general");
  g_assert_cmpint (line_amount (y2027, "national"), ==, 7700);
  g_assert_nonnull (strstr (line_description (y2027, "national"), "year 1 of 4"));
  g_assert_cmpint (line_amount (y2027, "chapter:VA"), ==, 11000);  /* placeholder chapter dues */
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 7700 + 11000);

  /* "Member dues increase incrementally during the first four years of
   * practice." */
  g_assert_cmpint (line_amount (y2028, "national"), >, 7700);
  g_assert_nonnull (strstr (line_description (y2028, "national"), "year 2 of 4"));
}

/* "Yes, once an ACR member completes their training (which includes
 * residency and fellowship), they will transition into a dues-paying ACR
 * member." / "Note: ACR membership runs from January 1 to December 31. The
 * first ACR dues payment after completing training will be owed for the
 * following year beginning in January." README ambiguity 2 (issue 11):
 * training ending August 31, 2026 makes a full member on February 28, 2027,
 * and 2027, the year after training, is year one, billed in full; training
 * that ends in 2027 leaves 2027 free and says when the dues begin. */
static void
test_transition_year_is_free (void)
{
  const char *resident = GENERAL_AFTER ("2026-08-31", "");
  const char *later = GENERAL_AFTER ("2027-03-31", "");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (resident, 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2028 = quote_on (resident, 2028, "2027-11-26");
  g_autoptr(AcrDuesQuote) later_2027 = quote_on (later, 2027, "2026-11-26");

  g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "general");
  g_assert_cmpint (line_amount (y2027, "national"), ==, 7700);
  g_assert_nonnull (strstr (line_description (y2028, "national"), "year 2 of 4"));

  g_assert_cmpstr (acr_dues_quote_get_category_id (later_2027), ==, "member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (later_2027), ==, 0);
  g_assert_nonnull (strstr (acr_dues_quote_get_reason (later_2027),
                            "becomes General member on 2027-09-30, and the first dues are owed for 2028"));
}

/* December 31 / January 1: training ending July 1 makes a full member on
 * January 1, ending July 2 on January 2; both complete training in 2026, so
 * 2027 is billed either way (no one-day cliff, issue 11). */
static void
test_transition_on_january_1_is_billed (void)
{
  g_autoptr(AcrDuesQuote) july_1 = quote_on (GENERAL_AFTER ("2026-07-01", ""), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) july_2 = quote_on (GENERAL_AFTER ("2026-07-02", ""), 2027, "2026-11-26");

  g_assert_cmpint (line_amount (july_1, "national"), ==, 7700);
  g_assert_cmpint (line_amount (july_2, "national"), ==, 7700);
}

/* README ambiguity 3 (issue 11 item 3): "ACR prorates your membership for
 * the first four years after you've secured a paid position": year one is
 * the later of the first year after training and the year of the first
 * paid position; a year before it counts no ladder year. */
static void
test_ladder_counts_from_the_later_of_training_and_practice_start (void)
{
  const char *member = GENERAL_AFTER ("2025-06-30", ", 'practice_start': '2027-03-01'");
  g_autoptr(AcrDuesQuote) y2026 = quote_on (member, 2026, "2026-01-10");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (member, 2027, "2026-11-26");

  g_assert_cmpint (line_amount (y2026, "national"), ==, 100000);
  g_assert_nonnull (strstr (line_description (y2026, "national"), "the first-years ladder begins in 2027"));
  g_assert_cmpint (line_amount (y2027, "national"), ==, 7700);
  g_assert_nonnull (strstr (line_description (y2027, "national"), "year 1 of 4"));
}

/* … and from the first paid position when there is no training record. */
static void
test_ladder_from_practice_start_without_training (void)
{
  const char *member = "{'profession': 'physician', 'certifications': ['ABR'], 'practice_start': '2026-09-01'}";
  g_autoptr(AcrDuesQuote) y2026 = quote_on (member, 2026, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2029 = quote_on (member, 2028, "2026-11-26");

  g_assert_cmpint (line_amount (y2026, "national"), ==, 7700);
  g_assert_nonnull (strstr (line_description (y2029, "national"), "year 3 of 4"));
}

static void
test_ladder_unknown_bills_full_dues (void)
{
  g_autoptr(AcrDuesQuote) quote = quote_on ("{'profession': 'physician', 'certifications': ['ABR']}", 2026, "2026-11-26");

  g_assert_cmpint (line_amount (quote, "national"), ==, 100000);
  /* How the line was decided is a note for staff, not the invoice's text. */
  g_assert_nonnull (strstr (acr_dues_line_get_note (acr_dues_quote_find_line (quote, "national")), "could not be applied"));
  g_assert_null (strstr (line_description (quote, "national"), "could not be applied"));
  g_assert_true (acr_dues_quote_get_placeholder (quote));
}

/* A year before the first paid position counts no ladder year, so year one
 * is never billed twice. */
static void
test_year_before_ladder_start_is_full_dues (void)
{
  const char *member = "{'profession': 'physician', 'certifications': ['ABR'], 'practice_start': '2027-03-01'}";
  g_autoptr(AcrDuesQuote) y2026 = quote_on (member, 2026, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (member, 2027, "2026-11-26");

  g_assert_cmpint (line_amount (y2026, "national"), ==, 100000);
  g_assert_cmpint (line_amount (y2027, "national"), ==, 7700);
}

/* "…dues increase each year to full dues in year five" (issue 2). */
static void
test_year_five_is_full_dues (void)
{
  g_autoptr(AcrDuesQuote) year4 = quote_on (GENERAL_AFTER ("2022-06-30", ""), 2026, "2026-01-10");
  g_autoptr(AcrDuesQuote) year5 = quote_on (GENERAL_AFTER ("2021-06-30", ""), 2026, "2026-01-10");

  g_assert_nonnull (strstr (line_description (year4, "national"), "year 4 of 4"));
  g_assert_cmpint (line_amount (year4, "national"), ==, 75000);
  g_assert_nonnull (strstr (line_description (year5, "national"), "full dues"));
  g_assert_cmpint (line_amount (year5, "national"), ==, 100000);
}

/* README ambiguity 4: associates climb the same ladder. */
static void
test_associate_climbs_the_ladder (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [], 'in_practice': true,"
              " 'residency_completed': true, 'region': 'TX', 'country': 'US',"
              " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2026-06-30'}}",
              2027, "2026-11-26");

  g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "associate");
  g_assert_cmpint (line_amount (quote, "national"), ==, 7700);
  g_assert_true (has_line (quote, "chapter:TX"));
}

/* "Upon completion of training, international member dues are $391 per
 * year." */
static void
test_international_391 (void)
{
  const char *member = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                       " 'country': 'FR', 'region': 'Occitanie', 'in_practice': true}";

  for (int year = 2026; year <= 2028; year++)
    {
      g_autoptr(AcrDuesQuote) quote = quote_on (member, year, "2026-11-26");
      GListModel *lines = acr_dues_quote_get_lines (quote);

      g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "international");
      g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
      g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 39100);
      g_assert_false (acr_dues_quote_get_placeholder (quote));
    }
}

/* "International MIT medical students' dues are $138 per year until they
 * complete training." */
static void
test_international_mit_138 (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on ("{'profession': 'medical-student',"
              " 'training': {'stage': 'medical-school', 'country': 'IN', 'school_years': 5, 'end': '2029-07-31'}}",
              2027, "2026-11-26");

  g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "international-member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 13800);
  g_assert_false (acr_dues_quote_get_placeholder (quote));
}

/* README ambiguity 5: every international member in training pays $138. */
static void
test_international_mit_resident_138 (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on ("{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': false,"
              " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2029-09-30'}}",
              2027, "2026-11-26");

  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 13800);
}

/* "Retired members who have paid their membership dues and then notify us of
 * retirement between January 1 and March 31 of the same year, will receive a
 * full refund." README ambiguity 6. */
static void
test_refund_retired_march_31 (void)
{
  const char *member = GENERAL_AFTER ("2015-06-30", ", 'chapters': ['VA'], 'retired_on': '2026-03-31'");
  g_autoptr(AcrDuesQuote) refunded = quote_on (member, 2026, "2026-04-15");
  g_autoptr(AcrDuesQuote) before_notice = quote_on (member, 2026, "2026-01-05");
  gint64 billed;

  billed = line_amount (refunded, "national") + line_amount (refunded, "chapter:VA");
  g_assert_cmpint (billed, >, 0);
  g_assert_cmpint (line_amount (refunded, "refund"), ==, -billed);
  g_assert_cmpint (acr_dues_quote_get_total_cents (refunded), ==, 0);
  g_assert_nonnull (strstr (acr_dues_quote_get_reason (refunded), "Full refund"));

  /* Billed before the notice: nothing to refund yet. */
  g_assert_false (has_line (before_notice, "refund"));
  g_assert_cmpint (acr_dues_quote_get_total_cents (before_notice), ==, billed);
}

/* March 31 / April 1: notice on April 1 leaves the year owed; "After that,
 * your dues are free." */
static void
test_no_refund_retired_april_1 (void)
{
  const char *member = GENERAL_AFTER ("2015-06-30", ", 'retired_on': '2026-04-01'");
  g_autoptr(AcrDuesQuote) y2026 = quote_on (member, 2026, "2026-04-15");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (member, 2027, "2026-11-26");

  g_assert_false (has_line (y2026, "refund"));
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2026), >, 0);
  g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "retired");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 0);
}

/* December 31 / January 1 for retirement. */
static void
test_retired_december_31_free_next_year (void)
{
  g_autoptr(AcrDuesQuote) y2025 =
    quote_on (GENERAL_AFTER ("2015-06-30", ", 'retired_on': '2025-12-31'"), 2026, "2026-01-10");

  g_assert_cmpstr (acr_dues_quote_get_category_id (y2025), ==, "retired");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2025), ==, 0);
  g_assert_true (has_line (y2025, "not-billable"));
}

static void
test_retired_january_1_year_is_free (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2015-06-30", ", 'retired_on': '2026-01-01'"), 2026, "2026-01-10");

  g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "retired");
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 0);
}

/* "ACR offers a 50% discount on national dues* for active duty U.S. military
 * as well as employees of the Department of Veterans Affairs and the U.S.
 * Public Health Service." */
static void
test_military_discount_halves_national (void)
{
  const char *services[] = { "active-duty", "va", "usphs" };

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    {
      g_autofree char *extra = g_strdup_printf (", 'military': '%s', 'military_country': 'US'", services[i]);
      g_autofree char *json = g_strdup_printf (GENERAL_AFTER ("2026-06-30", "%s"), extra);
      g_autoptr(AcrDuesQuote) quote = quote_on (json, 2027, "2026-11-26");

      g_assert_cmpint (line_amount (quote, "military-discount"), ==, -3850);
    }

  {
    g_autoptr(AcrDuesQuote) civilian = quote_on (GENERAL_AFTER ("2026-06-30", ""), 2027, "2026-11-26");

    g_assert_false (has_line (civilian, "military-discount"));
  }
}

/* README ambiguity 7: national × 50 / 100 rounded down, so an odd amount
 * leaves the odd cent with the member (the test bundle bills 7701). */
static void
test_military_discount_odd_cents_rounds_down (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", "minimal.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrRules) rules = acr_rules_new_from_file (path, &error);
  g_autoptr(AcrDuesQuote) quote = NULL;

  g_assert_no_error (error);
  quote = quote_with (rules, "{'profession': 'physician', 'military': 'va', 'military_country': 'US', 'country': 'US', 'region': 'VA',"
                             " 'training': {'end': '2025-06-30'}}", 2026, "2026-11-26");
  g_assert_cmpint (line_amount (quote, "national"), ==, 7701);
  g_assert_cmpint (line_amount (quote, "military-discount"), ==, -3850);
  g_assert_cmpint (line_amount (quote, "chapter:VA"), ==, 1001);
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 3851 + 1001);
}

/* The discount is on national dues, never on chapter dues. */
static void
test_military_discount_not_on_chapters (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2021-06-30", ", 'military': 'usphs', 'military_country': 'US', 'practice_region': 'MD', 'chapters': ['VA', 'MD']"),
              2026, "2026-11-26");

  g_assert_cmpint (line_amount (quote, "military-discount"), ==, -line_amount (quote, "national") / 2);
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==,
                   line_amount (quote, "national") / 2 + line_amount (quote, "chapter:VA") + line_amount (quote, "chapter:MD"));
}

/* "* Active-duty military members are eligible to waive chapter membership."
 * README ambiguity 8. */
static void
test_active_duty_waives_chapters (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2026-06-30", ", 'military': 'active-duty', 'military_country': 'US', 'chapters': ['VA'], 'waive_chapters': true"),
              2027, "2026-11-26");

  g_assert_true (has_line (quote, "chapters-waived"));
  g_assert_cmpint (line_amount (quote, "chapters-waived"), ==, 0);
  g_assert_false (has_line (quote, "chapter:VA"));
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 7700 - 3850);
}

static void
test_va_cannot_waive_chapters (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2026-06-30", ", 'military': 'va', 'military_country': 'US', 'chapters': ['VA'], 'waive_chapters': true"),
              2027, "2026-11-26");

  g_assert_true (has_line (quote, "chapter-waiver-refused"));
  g_assert_cmpint (line_amount (quote, "chapter:VA"), ==, 11000);
  g_assert_false (has_line (quote, "chapters-waived"));
}

/* "You can choose up to two local chapters depending on where you live or
 * practice." */
static void
test_two_chapters (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2021-06-30", ", 'practice_region': 'DC', 'chapters': ['DC', 'VA']"), 2026, "2026-11-26");
  GListModel *lines = acr_dues_quote_get_lines (quote);
  g_autoptr(AcrDuesLine) second = g_list_model_get_item (lines, 1);
  g_autoptr(AcrDuesLine) third = g_list_model_get_item (lines, 2);

  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 3);
  g_assert_cmpstr (acr_dues_line_get_code (second), ==, "chapter:DC");
  g_assert_cmpstr (acr_dues_line_get_code (third), ==, "chapter:VA");
  g_assert_nonnull (strstr (acr_dues_line_get_description (second), "District of Columbia"));
}

/* "To be a member in good standing with ACR, you must pay national and
 * chapter dues." README ambiguity 9. */
static void
test_no_chapter_chosen_bills_region (void)
{
  g_autoptr(AcrDuesQuote) quote = quote_on (GENERAL_AFTER ("2021-06-30", ""), 2026, "2026-11-26");

  g_assert_true (has_line (quote, "chapter:VA"));
  g_assert_nonnull (strstr (acr_dues_line_get_note (acr_dues_quote_find_line (quote, "chapter:VA")),
                            "no chapter chosen: the chapter of the person’s region"));
  g_assert_null (strstr (line_description (quote, "chapter:VA"), "no chapter chosen"));
}

/* "This category is free." / "After that, your dues are free." */
static void
test_free_categories (void)
{
  g_autoptr(AcrDuesQuote) mit =
    quote_on ("{'profession': 'medical-student',"
              " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2029-05-31'}}",
              2027, "2026-11-26");
  GListModel *lines = acr_dues_quote_get_lines (mit);

  g_assert_cmpstr (acr_dues_quote_get_category_id (mit), ==, "member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (mit), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 1);
  g_assert_true (has_line (mit, "not-billable"));
  g_assert_false (acr_dues_quote_get_placeholder (mit));
}

/* Amounts the seed does not give are placeholders, and the quote says so. */
static void
test_placeholders_flagged (void)
{
  g_autoptr(AcrDuesQuote) year1 = quote_on (GENERAL_AFTER ("2026-06-30", ", 'military': 'active-duty', 'military_country': 'US', 'waive_chapters': true"),
                                            2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) year2 = quote_on (GENERAL_AFTER ("2025-06-30", ""), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) chapter = quote_on (GENERAL_AFTER ("2026-06-30", ""), 2027, "2026-11-26");
  AcrDuesLine *national = acr_dues_quote_find_line (year2, "national");

  /* $77 and no chapter: nothing invented */
  g_assert_false (acr_dues_quote_get_placeholder (year1));
  g_assert_true (acr_dues_quote_get_placeholder (year2));
  g_assert_true (acr_dues_line_get_placeholder (national));
  /* The line carries the flag; the JSON (the CLI's output) says it in words. */
  g_assert_null (strstr (acr_dues_line_get_description (national), "placeholder"));
  {
    g_autoptr(JsonNode) json = acr_dues_quote_to_json (year2);
    JsonArray *lines = json_object_get_array_member (json_node_get_object (json), "lines");
    JsonObject *first = json_array_get_object_element (lines, 0);

    g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "national");
    g_assert_nonnull (strstr (json_object_get_string_member (first, "description"), "placeholder amount"));
  }
  /* $77 but a placeholder chapter */
  g_assert_true (acr_dues_quote_get_placeholder (chapter));
  g_assert_false (acr_dues_line_get_placeholder (acr_dues_quote_find_line (chapter, "national")));
}

static void
test_not_eligible_is_not_billable (void)
{
  g_autoptr(AcrDuesQuote) quote = quote_on ("{'profession': 'physician'}", 2026, "2026-11-26");

  g_assert_null (acr_dues_quote_get_category_id (quote));
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, 0);
  g_assert_nonnull (strstr (line_description (quote, "not-billable"), "still needed"));
}

static void
test_year_without_schedule_is_refused (void)
{
  g_autoptr(AcrPerson) person = person_new ("{'profession': 'physician', 'certifications': ['ABR']}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrDuesQuote) quote = NULL;
  GDate on = date_of ("2026-11-26");

  quote = acr_rules_quote (rules_default (), person, 2030, &on, &error);
  g_assert_null (quote);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE);
  g_assert_cmpstr (error->message, ==, "acr-rules.json: no dues schedule for 2030 (the rules cover 2026–2028)");
}

/* The JSON the CLI prints: exactly the keys of the contract. */
static void
test_quote_json_shape (void)
{
  g_autoptr(AcrDuesQuote) quote =
    quote_on (GENERAL_AFTER ("2026-06-30", ", 'military': 'va', 'military_country': 'US'"), 2027, "2026-11-26");
  g_autoptr(JsonNode) node = acr_dues_quote_to_json (quote);
  JsonObject *object = json_node_get_object (node);
  JsonArray *lines = json_object_get_array_member (object, "lines");
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *line;

  g_assert_cmpuint (g_list_length (members), ==, 6);
  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, 2027);
  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "general");
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 7700 - 3850 + 11000);
  g_assert_true (json_object_get_boolean_member (object, "placeholder"));

  g_assert_cmpuint (json_array_get_length (lines), ==, 3);
  line = json_array_get_object_element (lines, 1);
  /* code, description, amount_cents, placeholder, note */
  g_assert_cmpuint (json_object_get_size (line), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (line, "code"), ==, "military-discount");
  g_assert_cmpint (json_object_get_int_member (line, "amount_cents"), ==, -3850);
  g_assert_nonnull (json_object_get_string_member (line, "description"));
}

static void
test_quote_properties_for_binding (void)
{
  g_autoptr(AcrDuesQuote) quote = quote_on (GENERAL_AFTER ("2026-06-30", ""), 2027, "2026-11-26");
  g_autoptr(GListModel) lines = NULL;
  g_autofree char *currency = NULL;
  gint64 total;
  int year;

  g_object_get (quote, "lines", &lines, "total-cents", &total, "year", &year, "currency", &currency, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (lines), ==, 2);
  g_assert_cmpint (total, ==, 18700);
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpstr (currency, ==, "USD");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/quote/ladder-year-one-after-june-training", test_ladder_year_one_after_june_training);
  g_test_add_func ("/acr/quote/transition-year-is-free", test_transition_year_is_free);
  g_test_add_func ("/acr/quote/transition-on-january-1-is-billed", test_transition_on_january_1_is_billed);
  g_test_add_func ("/acr/quote/ladder-counts-from-the-later-of-training-and-practice-start",
                   test_ladder_counts_from_the_later_of_training_and_practice_start);
  g_test_add_func ("/acr/quote/ladder-from-practice-start-without-training", test_ladder_from_practice_start_without_training);
  g_test_add_func ("/acr/quote/ladder-unknown-bills-full-dues", test_ladder_unknown_bills_full_dues);
  g_test_add_func ("/acr/quote/year-before-ladder-start-is-full-dues", test_year_before_ladder_start_is_full_dues);
  g_test_add_func ("/acr/quote/year-five-is-full-dues", test_year_five_is_full_dues);
  g_test_add_func ("/acr/quote/associate-climbs-the-ladder", test_associate_climbs_the_ladder);
  g_test_add_func ("/acr/quote/international-391", test_international_391);
  g_test_add_func ("/acr/quote/international-mit-138", test_international_mit_138);
  g_test_add_func ("/acr/quote/international-mit-resident-138", test_international_mit_resident_138);
  g_test_add_func ("/acr/quote/refund-retired-march-31", test_refund_retired_march_31);
  g_test_add_func ("/acr/quote/no-refund-retired-april-1", test_no_refund_retired_april_1);
  g_test_add_func ("/acr/quote/retired-december-31-free-next-year", test_retired_december_31_free_next_year);
  g_test_add_func ("/acr/quote/retired-january-1-year-is-free", test_retired_january_1_year_is_free);
  g_test_add_func ("/acr/quote/military-discount-halves-national", test_military_discount_halves_national);
  g_test_add_func ("/acr/quote/military-discount-odd-cents-rounds-down", test_military_discount_odd_cents_rounds_down);
  g_test_add_func ("/acr/quote/military-discount-not-on-chapters", test_military_discount_not_on_chapters);
  g_test_add_func ("/acr/quote/active-duty-waives-chapters", test_active_duty_waives_chapters);
  g_test_add_func ("/acr/quote/va-cannot-waive-chapters", test_va_cannot_waive_chapters);
  g_test_add_func ("/acr/quote/two-chapters", test_two_chapters);
  g_test_add_func ("/acr/quote/no-chapter-chosen-bills-region", test_no_chapter_chosen_bills_region);
  g_test_add_func ("/acr/quote/free-categories", test_free_categories);
  g_test_add_func ("/acr/quote/placeholders-flagged", test_placeholders_flagged);
  g_test_add_func ("/acr/quote/not-eligible-is-not-billable", test_not_eligible_is_not_billable);
  g_test_add_func ("/acr/quote/year-without-schedule-is-refused", test_year_without_schedule_is_refused);
  g_test_add_func ("/acr/quote/json-shape", test_quote_json_shape);
  g_test_add_func ("/acr/quote/properties-for-binding", test_quote_properties_for_binding);

  return g_test_run ();
}
