#include "config.h"

#include "acr-rules-test-helpers.h"

/*
 * Classification: every category and rule of the College's membership page,
 * one test per sentence (quoted in the comment), the date boundaries, and each
 * ambiguity resolved in data/rules/README.md.
 */

#define ABR_RADIOLOGIST \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US'," \
  " 'region': 'VA', 'in_practice': true}"

/* General membership */

/* "Physicians certified in a radiological discipline by: American Board of
 * Radiology. American Osteopathic Board of Radiology." */
static void
test_general_abr_aobr_physician (void)
{
  g_autoptr(AcrDecision) decision = classify_on (ABR_RADIOLOGIST, "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "general");
  /* Nothing is missing for the category; the dues ask when the ladder starts
   * (issue 11: “missing asks for the facts that would change … the dues”). */
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_missing (decision)), ==, 2);
  g_assert_true (strv_has (acr_decision_get_missing (decision), "training.end"));
  g_assert_true (strv_has (acr_decision_get_missing (decision), "practice_start"));
  g_assert_null (acr_decision_get_next_change_date (decision));

  assert_category ("{'profession': 'physician', 'discipline': 'radiation-oncology', 'certifications': ['AOBR']}",
                   "2026-11-26", "general");
  /* The ABR certifies radiological disciplines only: no discipline needed. */
  assert_category ("{'profession': 'physician', 'certifications': ['ABR']}", "2026-11-26", "general");
}

/* "Royal College of Physicians and Surgeons of Canada or the Collège des
 * médecins du Québec." */
static void
test_general_rcpsc_cmq_radiologist (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['RCPSC'], 'country': 'CA'}",
                   "2026-11-26", "general");
  assert_category ("{'profession': 'physician', 'discipline': 'radiation-oncology', 'certifications': ['CMQ'], 'country': 'CA'}",
                   "2026-11-26", "general");
}

/* README ambiguity 11: the RCPSC and the CMQ certify every specialty, so
 * "certified in a radiological discipline" needs a radiological discipline. */
static void
test_rcpsc_cardiologist_is_not_general (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'other', 'certifications': ['RCPSC'], 'country': 'CA',"
                 " 'in_practice': true}", "2026-11-26");

  g_assert_false (acr_decision_is_eligible (decision, "general"));
  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "allied-health");

  /* Without a discipline the RCPSC certificate leaves general undecided. */
  {
    g_autoptr(AcrDecision) unknown =
      classify_on ("{'profession': 'physician', 'certifications': ['RCPSC'], 'in_practice': true}", "2026-11-26");

    g_assert_true (strv_has (acr_decision_get_missing (unknown), "discipline"));
  }
}

/* "Physicians engaged in nuclear medicine and certified by a specialty board
 * that is a member of the American Board of Medical Specialties or its
 * Canadian equivalent." */
static void
test_general_nuclear_medicine_abms (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['ABMS'],"
                   " 'in_practice': true}", "2026-11-26", "general");
}

/* README ambiguity 13: the Canadian equivalent of an ABMS board is the RCPSC
 * or the CMQ. */
static void
test_nuclear_medicine_rcpsc_is_general (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['RCPSC'],"
                   " 'in_practice': true, 'country': 'CA'}", "2026-11-26", "general");
}

/* "Medical physicists certified by the American Board of Radiology or
 * equivalent." */
static void
test_general_certified_physicist (void)
{
  assert_category ("{'profession': 'medical-physicist', 'discipline': 'medical-physics', 'certifications': ['ABR']}",
                   "2026-11-26", "general");
  assert_category ("{'profession': 'therapy-physicist', 'certifications': ['ABR']}", "2026-11-26", "general");
}

/* README ambiguity 12: "or equivalent" is the ABMS code. */
static void
test_physicist_abms_equivalent_is_general (void)
{
  assert_category ("{'profession': 'medical-physicist', 'certifications': ['ABMS']}", "2026-11-26", "general");
  assert_category ("{'profession': 'medical-physicist', 'certifications': ['ARRT'], 'in_practice': true}",
                   "2026-11-26", "associate");
}

/* Associate membership */

/* "Physicians engaged in the practice of radiology who have completed an
 * approved residency program in radiology but have not been certified by any
 * of the following: The American Board of Radiology, The American
 * Osteopathic Board of Radiology, The Royal College of Physicians and
 * Surgeons of Canada, The Collège des Médecins du Québec" */
static void
test_associate_uncertified_radiologist (void)
{
  g_autoptr(AcrDecision) decision = NULL;

  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [], 'in_practice': true,"
                   " 'residency_completed': true}", "2026-11-26", "associate");

  /* Not in practice: not an associate. */
  decision = classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                          " 'in_practice': false, 'residency_completed': true}", "2026-11-26");
  g_assert_false (acr_decision_is_eligible (decision, "associate"));

  /* Whether they practise is asked when it is not known. */
  g_clear_object (&decision);
  decision = classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                          " 'residency_completed': true}", "2026-11-26");
  g_assert_null (acr_decision_get_category_id (decision));
  g_assert_true (strv_has (acr_decision_get_missing (decision), "in_practice"));
}

/* README ambiguity 25: the practice of radiology includes radiation oncology. */
static void
test_associate_radiation_oncologist (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'radiation-oncology', 'certifications': [],"
                   " 'in_practice': true, 'residency_completed': true}", "2026-11-26", "associate");
}

/* "Physicians engaged in nuclear medicine but not certified by a specialty
 * board that is a member of the American Board of Medical Specialties or its
 * Canadian equivalent" */
static void
test_associate_uncertified_nuclear_medicine (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['ECFMG'],"
                   " 'in_practice': true}", "2026-11-26", "associate");
}

/* "Medical physicists engaged in the practice of medical physics and
 * otherwise eligible for membership in the College who have not been
 * certified by the American Board of Radiology or its equivalent" */
static void
test_associate_uncertified_physicist (void)
{
  assert_category ("{'profession': 'medical-physicist', 'certifications': [], 'in_practice': true}",
                   "2026-11-26", "associate");
}

/* Allied health */

/* "MRI scientists and Registered Radiologist Assistants (RRA) with
 * certification from the American Registry of Radiologic Technologists
 * (ARRT) are eligible to be ACR members." README ambiguity 23. */
static void
test_mri_scientist_needs_no_arrt (void)
{
  assert_category ("{'profession': 'mri-scientist'}", "2026-11-26", "allied-health");
}

static void
test_rra_needs_arrt (void)
{
  assert_category ("{'profession': 'radiologist-assistant', 'certifications': ['ARRT']}", "2026-11-26", "allied-health");
  assert_category ("{'profession': 'radiologist-assistant', 'certifications': []}", "2026-11-26", "");
}

/* "This category of membership is also open to physicians who are not
 * engaged in the practice of radiology." README ambiguity 24. */
static void
test_allied_health_physicians (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'other', 'in_practice': true}", "2026-11-26",
                   "allied-health");
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': [],"
                   " 'in_practice': false, 'residency_completed': false}", "2026-11-26", "allied-health");
}

/* Members in training */

/* "This category is open to residents and fellows in-training who are
 * physicians in an approved radiology residency or fellowship in the United
 * States or Canada" / "This category is free." */
static void
test_mit_resident_or_fellow (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'country': 'US',"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2028-06-30'}}",
                 "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "member-in-training");
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_missing (decision)), ==, 0);

  assert_category ("{'profession': 'physician', 'discipline': 'radiation-oncology',"
                   " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'CA', 'end': '2027-06-30'}}",
                   "2026-11-26", "member-in-training");
  /* not approved */
  assert_category ("{'profession': 'physician', 'discipline': 'radiology',"
                   " 'training': {'stage': 'residency', 'approved': false, 'country': 'US', 'end': '2028-06-30'}}",
                   "2026-11-26", "");
  /* not a radiology residency: a physician of another specialty */
  assert_category ("{'profession': 'physician', 'discipline': 'other',"
                   " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2028-06-30'}}",
                   "2026-11-26", "allied-health");
}

/* "…or registered in a formal educational program at a Liaison Committee on
 * Medical Education (LCME)." / "Medical students in accredited U.S. and
 * Canadian medical schools are eligible for complimentary ACR
 * member-In-training (MIT) membership." */
static void
test_mit_medical_student (void)
{
  assert_category ("{'profession': 'medical-student', 'country': 'US',"
                   " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2028-05-31'}}",
                   "2026-11-26", "member-in-training");
  assert_category ("{'profession': 'medical-student',"
                   " 'training': {'stage': 'medical-school', 'approved': false, 'country': 'CA', 'end': '2028-05-31'}}",
                   "2026-11-26", "");
}

/* "No, enrollment verification is not necessary if you are a student in good
 * standing." */
static void
test_mit_medical_student_good_standing (void)
{
  assert_category ("{'profession': 'medical-student', 'good_standing': false,"
                   " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2028-05-31'}}",
                   "2026-11-26", "");
}

/* "What if I am not yet committed to choosing radiology? You can still apply
 * for membership" — README ambiguity 30. */
static void
test_mit_medical_student_any_discipline (void)
{
  assert_category ("{'profession': 'medical-student', 'discipline': 'other',"
                   " 'training': {'stage': 'medical-school', 'approved': true, 'country': 'US', 'end': '2028-05-31'}}",
                   "2026-11-26", "member-in-training");
}

/* "The category is also open to medical and therapy physicists who are
 * registered in a formal educational program in medical physics in the
 * United States or Canada." README ambiguity 28: no approval needed. */
static void
test_mit_physics_student (void)
{
  assert_category ("{'profession': 'therapy-physicist',"
                   " 'training': {'stage': 'physics-program', 'country': 'CA', 'end': '2027-08-31'}}",
                   "2026-11-26", "member-in-training");
}

/* "If you are going to fellow in-training, your free membership status
 * continues throughout your training." */
static void
test_mit_continues_through_fellowship (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                 " 'residency_completed': true,"
                 " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '2028-06-30'}}",
                 "2028-01-15");
  g_autofree char *next = NULL;

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "member-in-training");
  next = acr_date_format_iso (acr_decision_get_next_change_date (decision));
  g_assert_cmpstr (next, ==, "2028-12-30");
  g_assert_cmpstr (acr_decision_get_next_change_category (decision), ==, "general");
}

/* README ambiguity 15: a board-certified fellow stays a member in training. */
static void
test_certified_fellow_stays_in_training (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                 " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '2027-06-30'}}",
                 "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "member-in-training");
  g_assert_true (acr_decision_is_eligible (decision, "general"));
  g_assert_true (strv_has (acr_decision_get_eligible (decision), "member-in-training"));
}

/* "Six months after you complete your training, you'll automatically become
 * a full member of ACR in the appropriate category." */
static void
test_mit_ends_six_months_after_training (void)
{
  const char *fellow = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                       " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '2026-06-30'}}";
  g_autoptr(AcrDecision) before = classify_on (fellow, "2026-12-29");
  g_autoptr(AcrDecision) after = classify_on (fellow, "2026-12-30");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (before));

  g_assert_cmpstr (acr_decision_get_category_id (before), ==, "member-in-training");
  g_assert_cmpstr (next, ==, "2026-12-30");
  g_assert_cmpstr (acr_decision_get_next_change_category (before), ==, "general");
  g_assert_nonnull (strstr (acr_decision_get_next_change_reason (before), "six months after training"));
  g_assert_cmpstr (acr_decision_get_category_id (after), ==, "general");
  g_assert_true (acr_decision_get_board_of_chancellors (after));
}

/* README ambiguity 1: six months after August 31 is February 28. */
static void
test_mit_six_months_after_august_31 (void)
{
  const char *resident = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                         " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2026-08-31'}}";
  g_autoptr(AcrDecision) decision = classify_on (resident, "2026-11-26");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (decision));

  g_assert_cmpstr (next, ==, "2027-02-28");
  assert_category (resident, "2027-02-27", "member-in-training");
  assert_category (resident, "2027-02-28", "general");
}

/* … and February 29 in a leap year. */
static void
test_mit_six_months_after_august_31_leap_year (void)
{
  const char *resident = "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'],"
                         " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2027-08-31'}}";
  g_autoptr(AcrDecision) decision = classify_on (resident, "2027-09-01");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (decision));

  g_assert_cmpstr (next, ==, "2028-02-29");
  assert_category (resident, "2028-02-28", "member-in-training");
  assert_category (resident, "2028-02-29", "general");
}

/* README ambiguity 22: a trainee without an end date is still a member in
 * training, and staff are asked for the date. */
static void
test_trainee_without_end_date_asks (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology',"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'US'}}", "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "member-in-training");
  g_assert_true (strv_has (acr_decision_get_missing (decision), "training.end"));
  g_assert_null (acr_decision_get_next_change_date (decision));
}

/* "International medical graduates who match and begin their U.S. residency
 * program will qualify for complimentary MIT membership." */
static void
test_mit_matched_international_graduate (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ECFMG'], 'country': 'US',"
                   " 'training': {'stage': 'residency', 'country': 'US', 'end': '2030-06-30'}}",
                   "2026-11-26", "member-in-training");
}

/* International members in training */

#define IMIT_STUDENT(extra) \
  "{'profession': 'medical-student', 'country': 'IN'" extra "," \
  " 'training': {'stage': 'medical-school', 'country': 'IN', 'school_years': 5, 'end': '2028-07-31'}}"

/* "International medical students at a four year or greater medical school
 * outside of the United States and Canada … are eligible to apply for
 * international member-in-training membership." */
static void
test_imit_medical_student (void)
{
  assert_category (IMIT_STUDENT (""), "2026-11-26", "international-member-in-training");
  assert_category ("{'profession': 'medical-student',"
                   " 'training': {'stage': 'medical-school', 'country': 'FR', 'school_years': 4, 'end': '2028-07-31'}}",
                   "2026-11-26", "international-member-in-training");
  assert_category ("{'profession': 'medical-student',"
                   " 'training': {'stage': 'medical-school', 'country': 'FR', 'school_years': 3, 'end': '2028-07-31'}}",
                   "2026-11-26", "");
}

/* "…in good ethical standing in their respective countries" — README
 * ambiguity 20: unknown counts as good, false excludes. */
static void
test_imit_good_standing_default_and_false (void)
{
  assert_category (IMIT_STUDENT (", 'good_standing': true"), "2026-11-26", "international-member-in-training");
  assert_category (IMIT_STUDENT (", 'good_standing': false"), "2026-11-26", "");
}

/* "…or international medical school graduates who are currently certified by
 * ECFMG and are waiting to match into a U.S. residency program in a
 * radiologic discipline including nuclear medicine and are in good ethical
 * standing in their respective countries are eligible to apply for
 * international member-in-training membership." */
static void
test_imit_awaiting_match (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['ECFMG'],"
                   " 'awaiting_us_match': true, 'country': 'EG'}", "2026-11-26", "international-member-in-training");
  assert_category ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': [],"
                   " 'awaiting_us_match': true, 'country': 'EG'}", "2026-11-26", "");
}

/* "International members-in-training are physicians and medical physicists
 * who have never been ACR members in practice, occupy approved residency or
 * fellowship programs or are registered in a formal educational program in
 * medical physics outside the United States and Canada, and are in good
 * ethical standing in their respective countries." */
static void
test_imit_resident_and_physics_student_abroad (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': false,"
                   " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2028-09-30'}}",
                   "2026-11-26", "international-member-in-training");
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': true,"
                   " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2028-09-30'}}",
                   "2026-11-26", "");
  assert_category ("{'profession': 'medical-physicist', 'prior_member_in_practice': false,"
                   " 'training': {'stage': 'physics-program', 'country': 'AU', 'end': '2027-12-31'}}",
                   "2026-11-26", "international-member-in-training");
}

/* README ambiguity 21: "never been ACR members in practice" unknown is
 * assumed but asked. */
static void
test_imit_prior_member_asked (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'radiology',"
                 " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2028-09-30'}}",
                 "2026-11-26");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "international-member-in-training");
  g_assert_true (strv_has (acr_decision_get_missing (decision), "prior_member_in_practice"));
}

/* README ambiguity 27. */
static void
test_imit_resident_needs_radiological_discipline (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'other', 'prior_member_in_practice': false,"
                   " 'in_practice': false,"
                   " 'training': {'stage': 'residency', 'approved': true, 'country': 'DE', 'end': '2028-09-30'}}",
                   "2026-11-26", "allied-health");
}

/* "International MITs who continue their training outside the U.S. or
 * Canada will remain qualified for international MIT membership status
 * throughout their international residency and fellowship." */
static void
test_imit_continues_through_fellowship_abroad (void)
{
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': false,"
                   " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'BR', 'end': '2027-12-31'}}",
                   "2027-06-01", "international-member-in-training");
}

/* "International member-in-training status normally terminates within six
 * months following completion of the period of training but may be
 * considered for transition to membership in the appropriate class." */
static void
test_imit_ends_with_review (void)
{
  const char *fellow = "{'profession': 'physician', 'discipline': 'radiology', 'prior_member_in_practice': false,"
                       " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'BR', 'end': '2026-03-31'}}";
  g_autoptr(AcrDecision) during = classify_on (fellow, "2026-09-29");
  g_autoptr(AcrDecision) after = classify_on (fellow, "2026-09-30");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (during));

  g_assert_cmpstr (acr_decision_get_category_id (during), ==, "international-member-in-training");
  g_assert_cmpstr (next, ==, "2026-09-30");
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_review (during)), ==, 0);

  g_assert_null (acr_decision_get_category_id (after));
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_review (after)), ==, 1);
  g_assert_nonnull (strstr (acr_decision_get_review (after)[0], "may be considered for transition"));
}

/* International members */

#define INTERNATIONAL(extra) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'], 'country': 'FR'," \
  " 'in_practice': true" extra "}"

/* "Yes, provided that you're a physician or medical physicist practicing the
 * specialty of radiology, radiation oncology or medical physics outside the
 * United States and Canada who is certified in radiology or medical physics
 * and is in good ethical standing in your country." */
static void
test_international_practitioner (void)
{
  assert_category (INTERNATIONAL (""), "2026-11-26", "international");
  assert_category (INTERNATIONAL (", 'good_standing': false"), "2026-11-26", "");
  assert_category ("{'profession': 'medical-physicist', 'discipline': 'medical-physics', 'certifications': ['NATIONAL'],"
                   " 'country': 'JP', 'in_practice': true}", "2026-11-26", "international");
  /* practising in the United States: not international */
  assert_category ("{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['NATIONAL'],"
                   " 'country': 'US', 'in_practice': true, 'residency_completed': false}", "2026-11-26", "");
}

/* README ambiguity 26: nuclear medicine is not one of the three specialties. */
static void
test_international_nuclear_medicine_is_not_listed (void)
{
  g_autoptr(AcrDecision) decision =
    classify_on ("{'profession': 'physician', 'discipline': 'nuclear-medicine', 'certifications': ['NATIONAL'],"
                 " 'country': 'FR', 'in_practice': true}", "2026-11-26");

  g_assert_false (acr_decision_is_eligible (decision, "international"));
}

/* README ambiguity 14 (an ABR-certified radiologist practising abroad) is
 * tested in test-rules-where.c. */

/* Retired members */

#define RETIRED(on) \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'in_practice': false," \
  " 'retired_on': '" on "'}"

/* "You earn retired member status after fully retiring from professional
 * practice." README ambiguity 18: from the day retirement is notified. */
static void
test_retired_from_notification_day (void)
{
  g_autoptr(AcrDecision) before = classify_on (RETIRED ("2026-12-31"), "2026-12-30");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (before));

  g_assert_cmpstr (acr_decision_get_category_id (before), ==, "general");
  g_assert_cmpstr (next, ==, "2026-12-31");
  g_assert_cmpstr (acr_decision_get_next_change_category (before), ==, "retired");
  assert_category (RETIRED ("2026-12-31"), "2026-12-31", "retired");
  assert_category (RETIRED ("2026-12-31"), "2027-01-01", "retired");
}

/* README ambiguity 15: retirement comes before every other category. */
static void
test_retired_takes_precedence (void)
{
  g_autoptr(AcrDecision) decision = classify_on (RETIRED ("2020-05-10"), "2026-01-01");

  g_assert_cmpstr (acr_decision_get_category_id (decision), ==, "retired");
  g_assert_true (acr_decision_is_eligible (decision, "general"));
}

/* "As a retired member, you can be appointed to commissions and committees
 * and task forces but do not have the right to be a member of the ACR Board
 * of Chancellors." / "You can serve in elected office during the first six
 * years following your retirement." */
static void
test_retired_elective_office_six_years (void)
{
  g_autoptr(AcrDecision) last_day = classify_on (RETIRED ("2020-05-10"), "2026-05-09");
  g_autoptr(AcrDecision) sixth_anniversary = classify_on (RETIRED ("2020-05-10"), "2026-05-10");
  g_autofree char *next = acr_date_format_iso (acr_decision_get_next_change_date (last_day));

  g_assert_true (acr_decision_get_committees (last_day));
  g_assert_true (acr_decision_get_elective_office (last_day));
  g_assert_false (acr_decision_get_board_of_chancellors (last_day));
  g_assert_cmpstr (next, ==, "2026-05-10");
  g_assert_cmpstr (acr_decision_get_next_change_category (last_day), ==, "retired");
  g_assert_nonnull (strstr (acr_decision_get_next_change_reason (last_day), "first six years"));

  g_assert_cmpstr (acr_decision_get_category_id (sixth_anniversary), ==, "retired");
  g_assert_true (acr_decision_get_committees (sixth_anniversary));
  g_assert_false (acr_decision_get_elective_office (sixth_anniversary));
  g_assert_null (acr_decision_get_next_change_date (sixth_anniversary));
}

/* Rights */

/* "Associate members have the right to be appointed to ACR commissions and
 * committees but cannot hold elective office or be a member of the ACR Board
 * of Chancellors." / "As an international member, you can be appointed to
 * commissions and committees and task forces but cannot hold elective
 * office or be a member of the ACR Board of Chancellors." README ambiguity
 * 16 for the categories the seed says nothing about. */
static void
test_rights_per_category (void)
{
  const struct
  {
    const char *json;
    const char *category;
    gboolean    committees, elective, board;
  } cases[] = {
    { ABR_RADIOLOGIST, "general", TRUE, TRUE, TRUE },
    { "{'profession': 'physician', 'discipline': 'radiology', 'certifications': [], 'in_practice': true,"
      " 'residency_completed': true}", "associate", TRUE, FALSE, FALSE },
    { INTERNATIONAL (""), "international", TRUE, FALSE, FALSE },
    { "{'profession': 'mri-scientist'}", "allied-health", FALSE, FALSE, FALSE },
    { "{'profession': 'physician', 'discipline': 'radiology',"
      " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2028-06-30'}}",
      "member-in-training", FALSE, FALSE, FALSE },
    { IMIT_STUDENT (""), "international-member-in-training", FALSE, FALSE, FALSE },
    { "{}", "", FALSE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AcrDecision) decision = classify_on (cases[i].json, "2026-11-26");
      const char *id = acr_decision_get_category_id (decision);

      g_assert_cmpstr (id ? id : "", ==, cases[i].category);
      g_assert_cmpint (acr_decision_get_committees (decision), ==, cases[i].committees);
      g_assert_cmpint (acr_decision_get_elective_office (decision), ==, cases[i].elective);
      g_assert_cmpint (acr_decision_get_board_of_chancellors (decision), ==, cases[i].board);
    }
}

/* The decision as a whole */

static void
test_eligible_for_none (void)
{
  g_autoptr(AcrDecision) decision = classify_on ("{'given_name': 'Sam'}", "2026-11-26");
  const char * const *reasons = acr_decision_get_reasons (decision);

  g_assert_null (acr_decision_get_category_id (decision));
  g_assert_null (acr_decision_get_category (decision));
  g_assert_cmpuint (g_strv_length ((char **) acr_decision_get_eligible (decision)), ==, 0);
  g_assert_cmpstr (reasons[0], ==, "Not eligible for any membership category.");
  g_assert_cmpuint (g_strv_length ((char **) reasons), ==, 8);  /* plus one per category */
  g_assert_true (strv_has (acr_decision_get_missing (decision), "profession"));
}

static void
test_decision_properties_for_binding (void)
{
  g_autoptr(AcrDecision) decision = classify_on (RETIRED ("2020-05-10"), "2026-01-01");
  g_autoptr(AcrCategory) category = NULL;
  g_autofree char *id = NULL;
  g_autofree char *next_category = NULL;
  g_auto(GStrv) eligible = NULL;
  g_autoptr(GDate) next = NULL;
  gboolean elective;

  g_object_get (decision, "category-id", &id, "category", &category, "eligible", &eligible,
                "elective-office", &elective, "next-change-date", &next,
                "next-change-category", &next_category, NULL);
  g_assert_cmpstr (id, ==, "retired");
  g_assert_cmpstr (acr_category_get_name (category), ==, "Retired member");
  g_assert_true (g_strv_contains ((const char * const *) eligible, "retired"));
  g_assert_true (elective);
  g_assert_cmpint (g_date_get_year (next), ==, 2026);
  g_assert_cmpstr (next_category, ==, "retired");
}

/* The JSON the CLI prints: exactly the keys of the contract. */
static void
test_decision_json_shape (void)
{
  g_autoptr(AcrDecision) decision = classify_on (RETIRED ("2020-05-10"), "2026-01-01");
  g_autoptr(JsonNode) node = acr_decision_to_json (decision);
  JsonObject *object = json_node_get_object (node);
  JsonObject *rights, *next;
  g_autoptr(GList) members = json_object_get_members (object);
  const char *keys[] = { "category", "eligible", "reasons", "missing", "rights", "next_change" };

  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (object, keys[i]));

  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "retired");
  rights = json_object_get_object_member (object, "rights");
  g_assert_cmpuint (json_object_get_size (rights), ==, 3);
  g_assert_true (json_object_get_boolean_member (rights, "elective_office"));
  next = json_object_get_object_member (object, "next_change");
  g_assert_cmpstr (json_object_get_string_member (next, "date"), ==, "2026-05-10");
  g_assert_cmpstr (json_object_get_string_member (next, "category"), ==, "retired");
  g_assert_nonnull (json_object_get_string_member (next, "reason"));
}

/* README ambiguity 10: chapters and regions are checked against the bundle. */
static void
test_unknown_region (void)
{
  const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{'country': 'US', 'region': 'XX'}", "person.json: region: unknown state or province “XX”" },
    { "{'country': 'CA', 'region': 'ON', 'practice_region': 'ZZ'}",
      "person.json: practice_region: unknown state or province “ZZ”" },
    { "{'country': 'US', 'region': 'VA', 'chapters': ['XX']}", "person.json: chapters[0]: unknown chapter “XX”" },
    { "{'country': 'US', 'region': 'VA', 'practice_region': 'MD', 'chapters': ['VA', 'TX']}",
      "person.json: chapters[1]: chapter “TX” is not the person’s region (VA) or practice_region (MD)" },
    { "{'country': 'US', 'chapters': ['TX']}",
      "person.json: chapters[0]: chapter “TX” is not the person’s region (not given) or practice_region (not given)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AcrPerson) person = person_new (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(AcrDecision) decision = NULL;
      GDate on = date_of ("2026-11-26");

      g_assert_false (acr_rules_validate_person (rules_default (), person, "person.json", &error));
      g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_clear_error (&error);

      decision = acr_rules_classify (rules_default (), person, &on, &error);
      g_assert_null (decision);
      g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON);
    }

  /* Abroad, the region is free text. */
  {
    g_autoptr(AcrPerson) person = person_new ("{'country': 'DE', 'region': 'Bavaria'}");

    g_assert_true (acr_rules_validate_person (rules_default (), person, "person.json", NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/classify/general-abr-aobr-physician", test_general_abr_aobr_physician);
  g_test_add_func ("/acr/classify/general-rcpsc-cmq-radiologist", test_general_rcpsc_cmq_radiologist);
  g_test_add_func ("/acr/classify/rcpsc-cardiologist-is-not-general", test_rcpsc_cardiologist_is_not_general);
  g_test_add_func ("/acr/classify/general-nuclear-medicine-abms", test_general_nuclear_medicine_abms);
  g_test_add_func ("/acr/classify/nuclear-medicine-rcpsc-is-general", test_nuclear_medicine_rcpsc_is_general);
  g_test_add_func ("/acr/classify/general-certified-physicist", test_general_certified_physicist);
  g_test_add_func ("/acr/classify/physicist-abms-equivalent-is-general", test_physicist_abms_equivalent_is_general);
  g_test_add_func ("/acr/classify/associate-uncertified-radiologist", test_associate_uncertified_radiologist);
  g_test_add_func ("/acr/classify/associate-radiation-oncologist", test_associate_radiation_oncologist);
  g_test_add_func ("/acr/classify/associate-uncertified-nuclear-medicine", test_associate_uncertified_nuclear_medicine);
  g_test_add_func ("/acr/classify/associate-uncertified-physicist", test_associate_uncertified_physicist);
  g_test_add_func ("/acr/classify/mri-scientist-needs-no-arrt", test_mri_scientist_needs_no_arrt);
  g_test_add_func ("/acr/classify/rra-needs-arrt", test_rra_needs_arrt);
  g_test_add_func ("/acr/classify/allied-health-physicians", test_allied_health_physicians);
  g_test_add_func ("/acr/classify/mit-resident-or-fellow", test_mit_resident_or_fellow);
  g_test_add_func ("/acr/classify/mit-medical-student", test_mit_medical_student);
  g_test_add_func ("/acr/classify/mit-medical-student-good-standing", test_mit_medical_student_good_standing);
  g_test_add_func ("/acr/classify/mit-medical-student-any-discipline", test_mit_medical_student_any_discipline);
  g_test_add_func ("/acr/classify/mit-physics-student", test_mit_physics_student);
  g_test_add_func ("/acr/classify/mit-continues-through-fellowship", test_mit_continues_through_fellowship);
  g_test_add_func ("/acr/classify/certified-fellow-stays-in-training", test_certified_fellow_stays_in_training);
  g_test_add_func ("/acr/classify/mit-ends-six-months-after-training", test_mit_ends_six_months_after_training);
  g_test_add_func ("/acr/classify/mit-six-months-after-august-31", test_mit_six_months_after_august_31);
  g_test_add_func ("/acr/classify/mit-six-months-after-august-31-leap-year", test_mit_six_months_after_august_31_leap_year);
  g_test_add_func ("/acr/classify/trainee-without-end-date-asks", test_trainee_without_end_date_asks);
  g_test_add_func ("/acr/classify/mit-matched-international-graduate", test_mit_matched_international_graduate);
  g_test_add_func ("/acr/classify/imit-medical-student", test_imit_medical_student);
  g_test_add_func ("/acr/classify/imit-good-standing-default-and-false", test_imit_good_standing_default_and_false);
  g_test_add_func ("/acr/classify/imit-awaiting-match", test_imit_awaiting_match);
  g_test_add_func ("/acr/classify/imit-resident-and-physics-student-abroad", test_imit_resident_and_physics_student_abroad);
  g_test_add_func ("/acr/classify/imit-prior-member-asked", test_imit_prior_member_asked);
  g_test_add_func ("/acr/classify/imit-resident-needs-radiological-discipline", test_imit_resident_needs_radiological_discipline);
  g_test_add_func ("/acr/classify/imit-continues-through-fellowship-abroad", test_imit_continues_through_fellowship_abroad);
  g_test_add_func ("/acr/classify/imit-ends-with-review", test_imit_ends_with_review);
  g_test_add_func ("/acr/classify/international-practitioner", test_international_practitioner);
  g_test_add_func ("/acr/classify/international-nuclear-medicine-is-not-listed", test_international_nuclear_medicine_is_not_listed);
  g_test_add_func ("/acr/classify/retired-from-notification-day", test_retired_from_notification_day);
  g_test_add_func ("/acr/classify/retired-takes-precedence", test_retired_takes_precedence);
  g_test_add_func ("/acr/classify/retired-elective-office-six-years", test_retired_elective_office_six_years);
  g_test_add_func ("/acr/classify/rights-per-category", test_rights_per_category);
  g_test_add_func ("/acr/classify/eligible-for-none", test_eligible_for_none);
  g_test_add_func ("/acr/classify/decision-properties-for-binding", test_decision_properties_for_binding);
  g_test_add_func ("/acr/classify/decision-json-shape", test_decision_json_shape);
  g_test_add_func ("/acr/classify/unknown-region", test_unknown_region);

  return g_test_run ();
}
