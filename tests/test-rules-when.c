#include "config.h"

#include <string.h>

#include "acr-member-records.h"
#include "acr-rules-test-helpers.h"
#include "acr-test-utils.h"

/*
 * Issue 11, the items about *when*: the review at the end of international
 * training, the first-years ladder, the facts as they stood on the day that
 * decides a year, and a retired member's elective office. Each test quotes
 * the seed sentence it holds the rules to; data/rules/README.md gives the
 * reading chosen.
 */

static gint64
national_cents (AcrDuesQuote *quote)
{
  AcrDuesLine *line = acr_dues_quote_find_line (quote, "national");

  if (line == NULL)
    g_error ("no national line in the quote for %d", acr_dues_quote_get_year (quote));

  return acr_dues_line_get_amount_cents (line);
}

static const char *
national_description (AcrDuesQuote *quote)
{
  AcrDuesLine *line = acr_dues_quote_find_line (quote, "national");

  g_assert_nonnull (line);
  return acr_dues_line_get_description (line);
}

static guint
n_reviews (AcrDecision *decision)
{
  return g_strv_length ((char **) acr_decision_get_review (decision));
}

/* Item 2. "International member-in-training status normally terminates
 * within six months following completion of the period of training but may
 * be considered for transition to membership in the appropriate class."
 * The review is about those whose international member-in-training status
 * ended, not about everyone who trained abroad. */

/* A radiologist certified by the ABR who trained in Britain and practises in
 * Virginia is a general member: no review, years after training. */
static void
test_imit_review_not_for_radiologist_trained_abroad (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                 " 'country': 'US', 'region': 'VA', 'in_practice': true,"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'GB', 'end': '2012-06-30'}}",
                 "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "general");
  g_assert_cmpuint (n_reviews (decision), ==, 0);
}

/* A radiologist who trained and practises in Germany is an international
 * member: nothing left for staff to consider. */
static void
test_imit_review_not_for_international_member (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                 " 'country': 'DE', 'in_practice': true,"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2015-06-30'}}",
                 "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "international");
  g_assert_cmpuint (n_reviews (decision), ==, 0);
}

/* A physician whose training abroad was never international
 * member-in-training training (a cardiology residency) gets no review. */
static void
test_imit_review_not_for_non_radiological_training (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'other', 'country': 'IT', 'in_practice': false,"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'IT', 'end': '2020-06-30'}}",
                 "2026-11-26");

  g_assert_cmpuint (n_reviews (decision), ==, 0);
}

/* … and it still comes for an international resident whose status ended
 * with no class to go to, from the day it ends. */
static void
test_imit_review_for_former_international_resident (void)
{
  const char *fellow = "{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': false,"
                       " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'BR', 'end': '2026-03-31'}}";
  g_autoptr(AcrDecision) last_day = classify_on (fellow, "2026-09-29");
  g_autoptr(AcrDecision) after = classify_on (fellow, "2026-09-30");

  g_assert_cmpstr (acr_decision_get_category_id (last_day), ==, "international-member-in-training");
  g_assert_cmpuint (n_reviews (last_day), ==, 0);
  g_assert_null (acr_decision_get_category_id (after));
  g_assert_cmpuint (n_reviews (after), ==, 1);
}

/* … and for one whom the rules place only in allied health (a physician not
 * in practice): that is no class to transition to. */
static void
test_imit_review_for_former_international_resident_not_in_practice (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'country': 'DE', 'in_practice': false,"
                 " 'prior_member_in_practice': false,"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2026-01-31'}}",
                 "2026-09-01");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "allied-health");
  g_assert_cmpuint (n_reviews (decision), ==, 1);
}

/* Item 3. "ACR prorates your membership for the first four years after
 * you've secured a paid position. That first year is only $77." */

#define OTHER_RESIDENT \
  "{'profession': 'physician', 'discipline': 'other', 'country': 'US', 'region': 'OH', 'in_practice': false," \
  " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2027-06-30'}}"

/* A cardiology resident is an allied-health member ("physicians who are not
 * engaged in the practice of radiology"), but no ladder year is counted
 * while in training: year one is 2028, the first year after training. */
static void
test_ladder_not_counted_in_training (void)
{
  static const gint64 full[] = { 40000, 41000 };

  for (int year = 2026; year <= 2027; year++)
    {
      g_autoptr(AcrDuesQuote) quote = quote_on (OTHER_RESIDENT, year, "2026-01-05");

      g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "allied-health");
      g_assert_null (strstr (national_description (quote), "year 1"));
      g_assert_nonnull (strstr (national_description (quote), "the first-years ladder begins in 2028"));
      g_assert_cmpint (national_cents (quote), ==, full[year - 2026]);
    }

  {
    g_autoptr(AcrDuesQuote) y2028 = quote_on (OTHER_RESIDENT, 2028, "2027-11-26");

    g_assert_cmpint (national_cents (y2028), ==, 7700);
    g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
  }
}

/* The count never repeats: each year from year one is one rung higher, up to
 * full dues. */
static void
test_ladder_count_never_repeats (void)
{
  static const struct
  {
    const char *end;
    const char *practice_start;
    const char *expected[3];  /* 2026, 2027, 2028 */
  } cases[] = {
    { "2025-06-30", "2025-08-01", { "year 1 of 4", "year 2 of 4", "year 3 of 4" } },
    { "2023-06-30", "2023-09-01", { "year 3 of 4", "year 4 of 4", "full dues" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *member =
        g_strdup_printf ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                         " 'country': 'US', 'region': 'VA', 'in_practice': true, 'practice_start': '%s',"
                         " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '%s'}}",
                         cases[i].practice_start, cases[i].end);

      for (int year = 2026; year <= 2028; year++)
        {
          g_autoptr(AcrDuesQuote) quote = quote_on (member, year, "2026-01-05");

          g_assert_nonnull (strstr (national_description (quote), cases[i].expected[year - 2026]));
        }
    }
}

/* Year one is the membership year of the first paid position when training
 * is not recorded; December 31 / January 1 decide which. */
static void
test_ladder_from_paid_position_december_31_january_1 (void)
{
  const char *dec31 = "{'profession': 'physician', 'certifications': ['ABR'], 'practice_start': '2026-12-31'}";
  const char *jan1 = "{'profession': 'physician', 'certifications': ['ABR'], 'practice_start': '2027-01-01'}";
  g_autoptr(AcrDuesQuote) dec31_2026 = quote_on (dec31, 2026, "2026-12-31");
  g_autoptr(AcrDuesQuote) dec31_2027 = quote_on (dec31, 2027, "2026-12-31");
  g_autoptr(AcrDuesQuote) jan1_2026 = quote_on (jan1, 2026, "2026-12-31");
  g_autoptr(AcrDuesQuote) jan1_2027 = quote_on (jan1, 2027, "2026-12-31");

  g_assert_nonnull (strstr (national_description (dec31_2026), "year 1 of 4"));
  g_assert_nonnull (strstr (national_description (dec31_2027), "year 2 of 4"));
  g_assert_cmpint (national_cents (jan1_2026), ==, 100000);
  g_assert_nonnull (strstr (national_description (jan1_2026), "the first-years ladder begins in 2027"));
  g_assert_nonnull (strstr (national_description (jan1_2027), "year 1 of 4"));
}

/* A first paid position on February 29, 2028 makes 2028 year one. */
static void
test_ladder_leap_day_paid_position (void)
{
  const char *member = "{'profession': 'physician', 'certifications': ['ABR'], 'practice_start': '2028-02-29'}";
  g_autoptr(AcrDuesQuote) y2027 = quote_on (member, 2027, "2027-11-26");
  g_autoptr(AcrDuesQuote) y2028 = quote_on (member, 2028, "2027-11-26");

  g_assert_nonnull (strstr (national_description (y2027), "the first-years ladder begins in 2028"));
  g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
}

/* Disputed reading: the ladder is for members coming out of training ("once
 * an ACR member completes their training … Member dues increase
 * incrementally during the first four years of practice"); MRI scientists
 * and registered radiologist assistants never were members-in-training and
 * pay the full allied-health dues. */
static void
test_ladder_not_for_mri_scientists_and_rras (void)
{
  const char *people[] = {
    "{'profession': 'mri-scientist', 'practice_start': '2026-01-05', 'country': 'US', 'region': 'VA'}",
    "{'profession': 'radiologist-assistant', 'certifications': ['ARRT'], 'practice_start': '2026-01-05',"
    " 'country': 'US', 'region': 'VA'}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(AcrDuesQuote) quote = quote_on (people[i], 2026, "2026-11-26");

      g_assert_cmpstr (acr_dues_quote_get_category_id (quote), ==, "allied-health");
      g_assert_cmpint (national_cents (quote), ==, 40000);
      g_assert_nonnull (strstr (national_description (quote), "full dues"));
    }
}

/* Disputed reading: "The first ACR dues payment after completing training
 * will be owed for the following year beginning in January." The year after
 * the year training ends is owed, whatever the day training ends: no free
 * year for ending on July 2 rather than July 1. */

#define US_FELLOW(end) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US'," \
  " 'region': 'VA', 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '" end "'}}"

static void
test_owed_no_one_day_cliff (void)
{
  const char *ends[] = { "2026-06-30", "2026-07-01", "2026-07-02", "2026-08-31", "2026-12-31" };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      g_autofree char *json = g_strdup_printf (US_FELLOW ("%s"), ends[i]);
      g_autoptr(AcrDuesQuote) y2026 = quote_on (json, 2026, "2026-01-05");
      g_autoptr(AcrDuesQuote) y2027 = quote_on (json, 2027, "2026-11-26");
      g_autoptr(AcrDuesQuote) y2028 = quote_on (json, 2028, "2027-11-26");

      g_test_message ("training ends %s", ends[i]);
      g_assert_cmpint (acr_dues_quote_get_total_cents (y2026), ==, 0);
      g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "general");
      g_assert_cmpint (national_cents (y2027), ==, 7700);
      g_assert_nonnull (strstr (national_description (y2027), "year 1 of 4"));
      g_assert_nonnull (strstr (national_description (y2028), "year 2 of 4"));
    }
}

/* Training ending on January 1, 2027 is completed in 2027: 2027 is free,
 * 2028 is year one. */
static void
test_owed_training_ending_january_1 (void)
{
  g_autoptr(AcrDuesQuote) y2027 = quote_on (US_FELLOW ("2027-01-01"), 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2028 = quote_on (US_FELLOW ("2027-01-01"), 2028, "2027-11-26");

  g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 0);
  g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
}

/* Training ending August 31, 2027 makes a full member on February 29, 2028
 * (leap year); 2028 is owed as year one. */
static void
test_owed_leap_year (void)
{
  g_autoptr(AcrDuesQuote) y2028 = quote_on (US_FELLOW ("2027-08-31"), 2028, "2027-11-26");
  g_autoptr(AcrDecision) feb_28 = classify_on (US_FELLOW ("2027-08-31"), "2028-02-28");
  g_autoptr(AcrDecision) feb_29 = classify_on (US_FELLOW ("2027-08-31"), "2028-02-29");

  g_assert_cmpstr (acr_decision_get_category_id (feb_28), ==, "member-in-training");
  g_assert_cmpstr (acr_decision_get_category_id (feb_29), ==, "general");
  g_assert_cmpstr (acr_dues_quote_get_category_id (y2028), ==, "general");
  g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
}

/* "International MIT medical students' dues are $138 per year until they
 * complete training. Upon completion of training, international member dues
 * are $391 per year." An international resident whose training ended in
 * August 2026 owes $391 for 2027, not $138. */
static void
test_owed_international_391_after_training (void)
{
  const char *resident = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                         " 'country': 'FR', 'in_practice': true, 'prior_member_in_practice': false,"
                         " 'training': {'stage': 'residency', 'approved': true, 'country': 'FR', 'end': '2026-08-31'}}";
  g_autoptr(AcrDuesQuote) y2026 = quote_on (resident, 2026, "2026-01-05");
  g_autoptr(AcrDuesQuote) y2027 = quote_on (resident, 2027, "2026-11-26");

  g_assert_cmpstr (acr_dues_quote_get_category_id (y2026), ==, "international-member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2026), ==, 13800);
  g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, "international");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 39100);
}

/* Item 4. The category of a year is the one held on January 1, with the
 * facts as they stood then: "You earn retired member status after fully
 * retiring from professional practice" — before retiring, the person
 * practised. "Retired members who have paid their membership dues and then
 * notify us of retirement between January 1 and March 31 of the same year,
 * will receive a full refund. After that, your dues are free." */

typedef struct
{
  const char *what;
  const char *person;  /* without retired_on, in_practice false: as the file reads after retiring */
  const char *category;
  gint64      national_2027;
} RetiringCase;

static const RetiringCase retiring_cases[] = {
  { "French radiologist", "'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'], 'country': 'FR'",
    "international", 39100 },
  { "US radiologist", "'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US',"
    " 'region': 'VA', 'practice_start': '2000-08-01'", "general", 101000 },
  { "nuclear medicine physician", "'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['ABMS'],"
    " 'country': 'US', 'region': 'VA'", "general", 101000 },
  { "uncertified radiologist", "'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
    " 'residency_completed': true, 'country': 'US', 'region': 'VA', 'practice_start': '2010-08-01'", "associate", 81000 },
  { "uncertified physicist", "'profession': 'medical-physicist', 'certifications': [], 'country': 'US', 'region': 'VA'",
    "associate", 81000 },
  { "cardiologist", "'profession': 'physician', 'discipline': 'other', 'country': 'US', 'region': 'VA'",
    "allied-health", 41000 },
  { "MRI scientist", "'profession': 'mri-scientist', 'country': 'US', 'region': 'VA'", "allied-health", 41000 },
};

static char *
retiring_person (const RetiringCase *c,
                 const char         *retired_on)
{
  return g_strdup_printf ("{%s, 'in_practice': false, 'retired_on': '%s'}", c->person, retired_on);
}

/* Retirement notified April 1, 2027: 2027 is owed in the category held on
 * January 1, 2027, without refund; 2028 is free. */
static void
test_retirement_after_march_31_every_category (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (retiring_cases); i++)
    {
      const RetiringCase *c = &retiring_cases[i];
      g_autofree char *person = retiring_person (c, "2027-04-01");
      g_autoptr(AcrDuesQuote) y2027 = quote_on (person, 2027, "2027-04-15");
      g_autoptr(AcrDuesQuote) y2028 = quote_on (person, 2028, "2027-11-26");
      g_autoptr(AcrDecision) march_31 = classify_on (person, "2027-03-31");
      g_autoptr(AcrDecision) april_1 = classify_on (person, "2027-04-01");

      g_test_message ("%s", c->what);
      g_assert_cmpstr (acr_decision_get_category_id (march_31), ==, c->category);
      g_assert_cmpstr (acr_decision_get_next_change_category (march_31), ==, "retired");
      g_assert_cmpstr (acr_decision_get_category_id (april_1), ==, "retired");

      g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, c->category);
      g_assert_cmpint (national_cents (y2027), ==, c->national_2027);
      g_assert_null (acr_dues_quote_find_line (y2027, "refund"));
      g_assert_cmpstr (acr_dues_quote_get_category_id (y2028), ==, "retired");
      g_assert_cmpint (acr_dues_quote_get_total_cents (y2028), ==, 0);
    }
}

/* Notified March 31, 2027: the same category for 2027, refunded in full. */
static void
test_retirement_march_31_refunds_every_category (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (retiring_cases); i++)
    {
      const RetiringCase *c = &retiring_cases[i];
      g_autofree char *person = retiring_person (c, "2027-03-31");
      g_autoptr(AcrDuesQuote) y2027 = quote_on (person, 2027, "2027-04-15");

      g_test_message ("%s", c->what);
      g_assert_cmpstr (acr_dues_quote_get_category_id (y2027), ==, c->category);
      g_assert_cmpint (national_cents (y2027), ==, c->national_2027);
      g_assert_nonnull (acr_dues_quote_find_line (y2027, "refund"));
      g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 0);
    }
}

/* The French radiologist of the issue, quoted before the retirement was
 * notified and after: $391 for 2027 either way. */
static void
test_french_radiologist_retiring_april_1_pays_391 (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                       " 'country': 'FR', 'in_practice': false, 'retired_on': '2027-04-01'}";
  g_autoptr(AcrDuesQuote) before = quote_on (person, 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) after = quote_on (person, 2027, "2027-06-01");

  g_assert_cmpstr (acr_dues_quote_get_category_id (before), ==, "international");
  g_assert_cmpint (acr_dues_quote_get_total_cents (before), ==, 39100);
  g_assert_cmpstr (acr_dues_quote_get_category_id (after), ==, "international");
  g_assert_cmpint (acr_dues_quote_get_total_cents (after), ==, 39100);
  g_assert_false (acr_dues_quote_get_placeholder (after));
}

/* A first paid position is a dated fact too: before it, the person was not
 * yet in practice (an uncertified radiologist is no associate member then). */
static void
test_not_in_practice_before_paid_position (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                       " 'residency_completed': true, 'in_practice': true, 'practice_start': '2027-01-01',"
                       " 'country': 'US', 'region': 'VA'}";
  g_autoptr(AcrDecision) dec31 = classify_on (person, "2026-12-31");
  g_autoptr(AcrDecision) jan1 = classify_on (person, "2027-01-01");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (dec31));

  g_assert_cmpstr (acr_decision_get_category_id (dec31), !=, "associate");
  g_assert_cmpstr (next, ==, "2027-01-01");
  g_assert_cmpstr (acr_decision_get_category_id (jan1), ==, "associate");
}

/* Item 6. "You can serve in elected office during the first six years
 * following your retirement": only a member who held elective office
 * before retiring keeps it. */
static void
test_retired_elective_office_only_if_held (void)
{
  static const struct
  {
    const char *what;
    const char *person;
    gboolean    elective_office;
  } cases[] = {
    { "general member", "'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
      " 'country': 'US', 'region': 'VA'", TRUE },
    { "former medical student", "'profession': 'medical-student',"
      " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2020-05-31'}", FALSE },
    { "associate member", "'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
      " 'residency_completed': true, 'country': 'US', 'region': 'VA'", FALSE },
    { "international member", "'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
      " 'country': 'FR'", FALSE },
    { "allied-health member", "'profession': 'mri-scientist', 'country': 'US', 'region': 'VA'", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *person = g_strdup_printf ("{%s, 'in_practice': false, 'retired_on': '2024-02-29'}",
                                                 cases[i].person);
      g_autoptr(AcrDecision) retired = classify_on (person, "2026-11-26");

      g_test_message ("%s", cases[i].what);
      g_assert_cmpstr (acr_decision_get_category_id (retired), ==, "retired");
      g_assert_cmpint (acr_decision_get_elective_office (retired), ==, cases[i].elective_office);
      g_assert_true (acr_decision_get_committees (retired));
    }
}

/* … for six years from a February 29 retirement: until February 28, 2030. */
static void
test_retired_elective_office_six_years_from_february_29 (void)
{
  const char *person = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                       " 'country': 'US', 'region': 'VA', 'in_practice': false, 'retired_on': '2024-02-29'}";
  g_autoptr(AcrDecision) last = classify_on (person, "2030-02-27");
  g_autoptr(AcrDecision) over = classify_on (person, "2030-02-28");

  g_assert_true (acr_decision_get_elective_office (last));
  g_assert_false (acr_decision_get_elective_office (over));
}

/* Explanations. A "not eligible" reason names the fact that failed instead
 * of quoting the whole rule: "International medical students at a four
 * year or greater medical school outside of the United States and Canada". */
static void
test_explain_not_eligible_names_the_failed_fact (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'medical-student',"
                 " 'training': {'stage': 'medical-school', 'country': 'IN', 'school_years': 3, 'end': '2028-05-31'}}",
                 "2026-11-26");
  const char * const *reasons = acr_decision_get_reasons (decision);
  gboolean found = FALSE;

  g_assert_null (acr_decision_get_category_id (decision));
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_assert_null (strstr (reasons[i], "the nearest rule is"));
      if (g_str_equal (reasons[i], "Not eligible as International member-in-training: "
                                   "Years of medical school is 3; this rule requires at least 4"))
        found = TRUE;
    }
  g_assert_true (found);
}

/* `missing` asks for the facts that would change the dues: when the ladder
 * starts (end of training, first paid position) and the region whose
 * chapter is billed when none is chosen. */
static void
test_explain_missing_asks_for_dues_facts (void)
{
  g_autoptr(AcrDecision) unknown =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US'}",
                 "2026-11-26");
  g_autoptr(AcrDecision) known =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US',"
                 " 'region': 'VA', 'practice_start': '2020-09-01'}",
                 "2026-11-26");
  g_autoptr(AcrDecision) international =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                 " 'country': 'FR', 'in_practice': true}", "2026-11-26");
  const char * const *missing = acr_decision_get_missing (unknown);

  g_assert_cmpstr (acr_decision_get_category_id (unknown), ==, "general");
  g_assert_true (strv_has (missing, "training.end"));
  g_assert_true (strv_has (missing, "practice_start"));
  g_assert_true (strv_has (missing, "region"));
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_missing (known)), ==, 0);
  /* flat dues, no chapter: nothing to ask */
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_missing (international)), ==, 0);
}

/* `next_change` says what follows, and never "becomes a full member in the
 * appropriate category" when nothing follows. */
static void
test_explain_next_change_to_no_category (void)
{
  g_autoptr(AcrDecision) student =
    classify_on ("{'profession': 'medical-student',"
                 " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2026-05-31'}}",
                 "2026-09-01");
  g_autoptr(AcrDecision) fellow = classify_on (US_FELLOW ("2026-06-30"), "2026-09-01");
  g_autofree char *student_day = acr_date_format_iso (acr_decision_get_next_change_date (student));

  g_assert_cmpstr (acr_decision_get_category_id (student), ==, "member-in-training");
  g_assert_cmpstr (student_day, ==, "2026-11-30");
  g_assert_null (acr_decision_get_next_change_category (student));
  g_assert_null (strstr (acr_decision_get_next_change_reason (student), "appropriate category"));
  g_assert_nonnull (strstr (acr_decision_get_next_change_reason (student), "no membership category"));

  g_assert_cmpstr (acr_decision_get_next_change_category (fellow), ==, "general");
  g_assert_nonnull (strstr (acr_decision_get_next_change_reason (fellow), "From this date: General member."));
}

/* Disputed reading: "good standing" is three facts. "To be a member in good
 * standing with ACR, you must pay national and chapter dues" (dues paid
 * up: the member's invoices), "enrollment verification is not necessary if
 * you are a student in good standing" (student_standing) and "in good
 * ethical standing in their respective countries" (ethical_standing). */

#define US_STUDENT(extra) \
  "{'profession': 'medical-student', 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US'," \
  " 'end': '2028-05-31'}" extra "}"
#define FRENCH_RADIOLOGIST(extra) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'], 'country': 'FR'," \
  " 'in_practice': true" extra "}"

static void
test_standing_three_facts_apart (void)
{
  /* A student's standing decides for the student, ethical standing abroad
   * for the international member; neither stands for the other. */
  assert_category (US_STUDENT (", 'student_standing': true, 'ethical_standing': false"), "2026-11-26",
                   "member-in-training");
  assert_category (US_STUDENT (", 'student_standing': false"), "2026-11-26", "");
  assert_category (FRENCH_RADIOLOGIST (", 'student_standing': false"), "2026-11-26", "international");
  assert_category (FRENCH_RADIOLOGIST (", 'ethical_standing': false"), "2026-11-26", "");
}

/* An older file's good_standing is read as both, unless a new fact says
 * otherwise; it is kept as written. */
static void
test_standing_old_flag_means_both (void)
{
  g_autoptr(AcrPerson) person = person_new (FRENCH_RADIOLOGIST (", 'good_standing': false"));
  g_autofree char *json = acr_person_to_json_string (person);

  assert_category (US_STUDENT (", 'good_standing': false"), "2026-11-26", "");
  assert_category (FRENCH_RADIOLOGIST (", 'good_standing': false"), "2026-11-26", "");
  assert_category (FRENCH_RADIOLOGIST (", 'good_standing': true"), "2026-11-26", "international");
  assert_category (FRENCH_RADIOLOGIST (", 'good_standing': false, 'ethical_standing': true"), "2026-11-26",
                   "international");
  assert_category (US_STUDENT (", 'good_standing': false, 'student_standing': true"), "2026-11-26",
                   "member-in-training");

  g_assert_nonnull (strstr (json, "\"good_standing\""));
  g_assert_null (strstr (json, "ethical_standing"));
}

/* Disputed reading: "International members-in-training are physicians and
 * medical physicists who have never been ACR members in practice": for a
 * member, the member's own records say it (the categories held, now and in
 * the history), not a flag set by hand. */

#define GERMAN_FELLOW(prior) \
  "\"profession\": \"physician\", \"discipline\": \"radiology\", \"country\": \"DE\"," \
  " \"prior_member_in_practice\": " prior "," \
  " \"training\": {\"stage\": \"fellowship\", \"approved\": true, \"country\": \"DE\", \"end\": \"2028-06-30\"}"

static const char *
category_from_records (AcrStore  *store,
                       AcrMember *member)
{
  g_autoptr(AcrPerson) person = NULL;
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  GDate on = date_of ("2026-11-26");
  const char *id;

  person = acr_member_dup_person (member, &error);
  g_assert_no_error (error);
  g_assert_true (acr_member_records_apply_facts (store, rules_default (), member, person, &error));
  g_assert_no_error (error);
  decision = acr_rules_classify (rules_default (), person, &on, &error);
  g_assert_no_error (error);

  id = acr_decision_get_category_id (decision);
  return g_intern_string (id != NULL ? id : "");
}

static void
test_records_prior_member_in_practice (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr(AcrStore) store = acr_test_open_store (dir);
  g_autoptr(AcrMember) former = acr_test_make_member ("Anna", "Becker", "anna@example.de", GERMAN_FELLOW ("false"));
  g_autoptr(AcrMember) never = acr_test_make_member ("Jonas", "Weber", "jonas@example.de", GERMAN_FELLOW ("true"));
  g_autoptr(GError) error = NULL;

  /* Anna was an international member, then went back to a fellowship; the
   * hand-set flag says she never was a member in practice. */
  g_assert_true (acr_member_set_field (former, "category", "international", &error));
  g_assert_true (acr_store_add_member (store, former, "test", &error));
  g_assert_true (acr_member_set_field (former, "category", "international-member-in-training", &error));
  g_assert_true (acr_store_save_member (store, former, "back to training", &error));
  g_assert_no_error (error);

  /* Jonas has only ever been an international member-in-training; the flag
   * says otherwise. */
  g_assert_true (acr_member_set_field (never, "category", "international-member-in-training", &error));
  g_assert_true (acr_store_add_member (store, never, "test", &error));
  g_assert_no_error (error);

  g_assert_cmpstr (category_from_records (store, former), !=, "international-member-in-training");
  g_assert_cmpstr (category_from_records (store, never), ==, "international-member-in-training");

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* The bundle's new keys are checked like the others: a mistake is refused
 * naming the file, the JSON path and what is wrong. */

typedef struct
{
  const char    *from;
  const char    *to;
  AcrRulesError  code;
  const char    *message;
} BundleEdit;

static const BundleEdit bundle_edits[] = {
  { "\"held_before\": \"retired_on\"", "\"held_before\": \"profession\"", ACR_RULES_ERROR_SCHEMA,
    "acr-rules.json: categories[6].rights.elective_office.held_before: “profession” is not a date fact" },
  { "\"held\": {\"category\": \"international-member-in-training\"", "\"held\": {\"category\": \"imit\"", ACR_RULES_ERROR_INCONSISTENT,
    "acr-rules.json: reviews[0].held.category: unknown category “imit”" },
  { "\"unless_category\": [\"general\"", "\"unless_category\": [\"generals\"", ACR_RULES_ERROR_INCONSISTENT,
    "acr-rules.json: reviews[0].unless_category[0]: unknown category “generals”" },
  { "\"owed_after\": \"training.end\"", "\"owed_after\": \"training.stage\"", ACR_RULES_ERROR_SCHEMA,
    "acr-rules.json: ladder.owed_after: “training.stage” is not a date fact" },
  { "\"when_source\":", "\"when_sources\":", ACR_RULES_ERROR_SCHEMA,
    "acr-rules.json: ladder.when_sources: unknown key" },
  { "\"in_practice\": true,\n", "\"in_practice\": \"yes\",\n", ACR_RULES_ERROR_SCHEMA, NULL },
};

static void
test_bundle_new_keys_are_checked (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "acr-rules.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bundle_edits); i++)
    {
      const BundleEdit *edit = &bundle_edits[i];
      g_autoptr(GString) edited = g_string_new (text);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(AcrRules) rules = NULL;
      g_autoptr(GError) load_error = NULL;

      g_assert_cmpuint (g_string_replace (edited, edit->from, edit->to, 1), ==, 1);
      bytes = g_bytes_new (edited->str, edited->len);
      rules = acr_rules_new_from_bytes (bytes, "acr-rules.json", &load_error);

      g_assert_null (rules);
      g_assert_error (load_error, ACR_RULES_ERROR, (gint) edit->code);
      if (edit->message != NULL)
        g_assert_cmpstr (load_error->message, ==, edit->message);
      g_assert_nonnull (strstr (load_error->message, "acr-rules.json: "));
    }
}

/* Disputed reading: training continuity. "If you are going to fellow
 * in-training, your free membership status continues throughout your
 * training." A person has a history of training periods (medical school →
 * residency → fellowship): the current one in `training` (with its start),
 * the earlier ones in `training_history`. */

#define GRADUATE(history) \
  "{'profession': 'physician', 'discipline': 'radiology', 'country': 'US'," \
  " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'start': '2026-07-01', 'end': '2031-06-30'}" \
  history "}"
#define MEDICAL_SCHOOL \
  ", 'training_history': [{'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2026-05-31'}]"

/* Between medical school and residency the graduate stays a
 * member-in-training: with one training record, they had no category. */
static void
test_training_graduate_continues_between_periods (void)
{
  g_autoptr(AcrDecision) june = classify_on (GRADUATE (MEDICAL_SCHOOL), "2026-06-15");
  g_autoptr(AcrDecision) december = classify_on (GRADUATE (MEDICAL_SCHOOL), "2026-12-15");
  g_autoptr(AcrDecision) june_alone = classify_on (GRADUATE (""), "2026-06-15");

  g_assert_cmpstr (acr_decision_get_category_id (june), ==, "member-in-training");
  g_assert_cmpstr (acr_decision_get_category_id (december), ==, "member-in-training");
  /* Before the residency starts, with no earlier period: not yet in training. */
  g_assert_null (acr_decision_get_category_id (june_alone));
}

/* The dues follow the last period: year one after the fellowship. */
static void
test_training_history_ladder_after_last_period (void)
{
  const char *fellow = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                       " 'country': 'US', 'region': 'VA',"
                       " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US',"
                       " 'start': '2026-07-01', 'end': '2027-06-30'},"
                       " 'training_history': [{'stage': 'residency', 'approved': true, 'country': 'US',"
                       " 'start': '2022-07-01', 'end': '2026-06-30'}]}";
  g_autoptr(AcrDuesQuote) y2027 = quote_on (fellow, 2027, "2026-11-26");
  g_autoptr(AcrDuesQuote) y2028 = quote_on (fellow, 2028, "2027-11-26");
  g_autoptr(AcrDecision) between = classify_on (fellow, "2026-06-30");

  g_assert_cmpstr (acr_decision_get_category_id (between), ==, "member-in-training");
  g_assert_cmpint (acr_dues_quote_get_total_cents (y2027), ==, 0);
  g_assert_nonnull (strstr (national_description (y2028), "year 1 of 4"));
}

/* The history is read, checked like the current record, and written back. */
static void
test_training_history_read_and_written (void)
{
  g_autoptr(AcrPerson) person = person_new (GRADUATE (MEDICAL_SCHOOL));
  g_autofree char *json = acr_person_to_json_string (person);
  g_autoptr(AcrPerson) again = acr_person_new_from_data (json, -1, "again.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AcrPerson) not_array = NULL;
  g_autoptr(AcrPerson) bad_date = NULL;

  g_assert_cmpuint (acr_person_get_n_training_periods (person), ==, 1);
  g_assert_cmpstr (acr_person_get_string (acr_person_get_training_period (person, 0), "training.stage"), ==,
                   "medical-school");
  g_assert_nonnull (strstr (json, "\"training_history\":[{\"stage\":\"medical-school\""));
  g_assert_nonnull (again);
  g_assert_true (acr_person_equal (person, again));

  not_array = acr_person_new_from_data ("{\"training_history\": {}}", -1, "person.json", &error);
  g_assert_null (not_array);
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE);
  g_assert_cmpstr (error->message, ==, "person.json: training_history: expected an array, got an object");
  g_clear_error (&error);

  bad_date = acr_person_new_from_data ("{\"training_history\": [{\"end\": \"2026-02-30\"}]}", -1,
                                       "person.json", &error);
  g_assert_null (bad_date);
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "person.json: training_history[0]: training.end: "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/rules-when/imit-review/not-for-radiologist-trained-abroad",
                   test_imit_review_not_for_radiologist_trained_abroad);
  g_test_add_func ("/acr/rules-when/imit-review/not-for-international-member",
                   test_imit_review_not_for_international_member);
  g_test_add_func ("/acr/rules-when/imit-review/not-for-non-radiological-training",
                   test_imit_review_not_for_non_radiological_training);
  g_test_add_func ("/acr/rules-when/imit-review/for-former-international-resident",
                   test_imit_review_for_former_international_resident);
  g_test_add_func ("/acr/rules-when/imit-review/for-former-international-resident-not-in-practice",
                   test_imit_review_for_former_international_resident_not_in_practice);
  g_test_add_func ("/acr/rules-when/ladder/not-counted-in-training", test_ladder_not_counted_in_training);
  g_test_add_func ("/acr/rules-when/ladder/count-never-repeats", test_ladder_count_never_repeats);
  g_test_add_func ("/acr/rules-when/ladder/from-paid-position-december-31-january-1",
                   test_ladder_from_paid_position_december_31_january_1);
  g_test_add_func ("/acr/rules-when/ladder/leap-day-paid-position", test_ladder_leap_day_paid_position);
  g_test_add_func ("/acr/rules-when/ladder/not-for-mri-scientists-and-rras", test_ladder_not_for_mri_scientists_and_rras);
  g_test_add_func ("/acr/rules-when/owed/no-one-day-cliff", test_owed_no_one_day_cliff);
  g_test_add_func ("/acr/rules-when/owed/training-ending-january-1", test_owed_training_ending_january_1);
  g_test_add_func ("/acr/rules-when/owed/leap-year", test_owed_leap_year);
  g_test_add_func ("/acr/rules-when/owed/international-391-after-training", test_owed_international_391_after_training);
  g_test_add_func ("/acr/rules-when/dated/retirement-after-march-31-every-category",
                   test_retirement_after_march_31_every_category);
  g_test_add_func ("/acr/rules-when/dated/retirement-march-31-refunds-every-category",
                   test_retirement_march_31_refunds_every_category);
  g_test_add_func ("/acr/rules-when/dated/french-radiologist-retiring-april-1-pays-391",
                   test_french_radiologist_retiring_april_1_pays_391);
  g_test_add_func ("/acr/rules-when/dated/not-in-practice-before-paid-position",
                   test_not_in_practice_before_paid_position);
  g_test_add_func ("/acr/rules-when/retired/elective-office-only-if-held", test_retired_elective_office_only_if_held);
  g_test_add_func ("/acr/rules-when/retired/elective-office-six-years-from-february-29",
                   test_retired_elective_office_six_years_from_february_29);

  g_test_add_func ("/acr/rules-when/explain/not-eligible-names-the-failed-fact",
                   test_explain_not_eligible_names_the_failed_fact);
  g_test_add_func ("/acr/rules-when/explain/missing-asks-for-dues-facts", test_explain_missing_asks_for_dues_facts);
  g_test_add_func ("/acr/rules-when/explain/next-change-to-no-category", test_explain_next_change_to_no_category);

  g_test_add_func ("/acr/rules-when/standing/three-facts-apart", test_standing_three_facts_apart);
  g_test_add_func ("/acr/rules-when/standing/old-flag-means-both", test_standing_old_flag_means_both);

  g_test_add_func ("/acr/rules-when/records/prior-member-in-practice", test_records_prior_member_in_practice);

  g_test_add_func ("/acr/rules-when/bundle/new-keys-are-checked", test_bundle_new_keys_are_checked);

  g_test_add_func ("/acr/rules-when/training/graduate-continues-between-periods",
                   test_training_graduate_continues_between_periods);
  g_test_add_func ("/acr/rules-when/training/history-ladder-after-last-period",
                   test_training_history_ladder_after_last_period);
  g_test_add_func ("/acr/rules-when/training/history-read-and-written", test_training_history_read_and_written);

  return g_test_run ();
}
