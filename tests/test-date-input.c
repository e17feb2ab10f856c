/*
 * Dates as staff type them (acr_date_parse_for_language ()): the usual form
 * of the language, month first in English and day first in French, or
 * ISO in either; refusals in staff words, naming the form to type and
 * never a fact's key.
 */
#include "config.h"

#include <string.h>

#include "acr-date.h"
#include "acr-date-input.h"
#include "acr-person.h"

static void
assert_reads (const char *typed,
              const char *language,
              const char *iso)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_for_language (typed, language, &date, &error));
  g_assert_no_error (error);
  text = acr_date_format_iso (&date);
  g_assert_cmpstr (text, ==, iso);
}

static char *
refusal (const char *typed,
         const char *language)
{
  g_autoptr (GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_assert_false (acr_date_parse_for_language (typed, language, &date, &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
  g_assert_null (strstr (error->message, "training"));
  g_assert_null (strchr (error->message, '\n'));
  return g_strdup (error->message);
}

static void
test_english_is_month_first (void)
{
  g_autofree char *message = NULL;

  assert_reads ("06/30/2028", "en", "2028-06-30");
  assert_reads ("6/3/2028", "en", "2028-06-03");
  assert_reads (" 12/31/1999 ", "en", "1999-12-31");
  assert_reads ("2028-06-30", "en", "2028-06-30");
  /* Day first is not a month in English: refused, saying the form. */
  message = refusal ("30/06/2028", "en");
  g_assert_nonnull (strstr (message, "MM/DD/YYYY"));
  g_assert_nonnull (strstr (message, "06/30/2028"));
}

static void
test_french_is_day_first (void)
{
  assert_reads ("30/06/2028", "fr", "2028-06-30");
  assert_reads ("30.06.2028", "fr", "2028-06-30");
  assert_reads ("30-06-2028", "fr", "2028-06-30");
  assert_reads ("6/3/2028", "fr", "2028-03-06");
  assert_reads ("2028-06-30", "fr", "2028-06-30");
  g_free (refusal ("06/30/2028", "fr"));
}

static void
test_refusals_in_staff_words (void)
{
  g_autofree char *empty = refusal ("", "en");
  g_autofree char *short_year = refusal ("06/30/28", "en");
  g_autofree char *no_day = refusal ("31/06/2028", "fr");
  g_autofree char *leap = refusal ("2027-02-29", "en");
  g_autofree char *range = refusal ("12/31/1899", "en");
  g_autofree char *mixed = refusal ("06/30-2028", "en");
  g_autofree char *words = refusal ("June 30", "en");

  g_assert_nonnull (strstr (empty, "No date"));
  g_assert_nonnull (strstr (short_year, "four digits"));
  g_assert_nonnull (strstr (no_day, "30 days"));
  g_assert_nonnull (strstr (leap, "28 days"));
  g_assert_nonnull (strstr (range, "1900"));
  g_assert_nonnull (strstr (mixed, "MM/DD/YYYY"));
  g_assert_nonnull (strstr (words, "is not a date"));
  assert_reads ("2028-02-29", "en", "2028-02-29");
}

static void
test_format_for_input (void)
{
  g_autofree char *en = NULL;
  g_autofree char *fr = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 3, G_DATE_JUNE, 2028);
  en = acr_date_format_for_input (&date, "en");
  fr = acr_date_format_for_input (&date, "fr");
  g_assert_cmpstr (en, ==, "06/03/2028");
  g_assert_cmpstr (fr, ==, "03/06/2028");
  /* What is written reads back as the same day. */
  assert_reads (en, "en", "2028-06-03");
  assert_reads (fr, "fr", "2028-06-03");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/date-input/english-is-month-first", test_english_is_month_first);
  g_test_add_func ("/acr/date-input/french-is-day-first", test_french_is_day_first);
  g_test_add_func ("/acr/date-input/refusals-in-staff-words", test_refusals_in_staff_words);
  g_test_add_func ("/acr/date-input/format-for-input", test_format_for_input);

  return g_test_run ();
}
