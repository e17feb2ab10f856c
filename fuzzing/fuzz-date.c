/*
 * fuzz-date: the calendar days people type (`--date`, a person's dates, the
 * roster's completion date): acr_date_parse () (1900 to 2999, what every
 * input goes through), acr_date_parse_iso () and the person's date facts set
 * from text. A day that parses is a valid GDate that prints back
 * as the same text and formats in both invoice languages.
 */

#include "config.h"

#include "acr-money.h"
#include "acr-person.h"
#include "fuzz.h"

static void
check_typed_date (const char *text)
{
  g_autoptr (GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (!acr_date_parse (text, &date, &error))
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  g_assert_true (g_date_valid (&date));
  g_assert_cmpint (g_date_get_year (&date), >=, ACR_DATE_MIN_YEAR);
  g_assert_cmpint (g_date_get_year (&date), <=, ACR_DATE_MAX_YEAR);
  {
    g_autofree char *iso = acr_date_format_iso (&date);
    GDate again;

    g_date_clear (&again, 1);
    g_assert_true (acr_date_parse (iso, &again, NULL));
    g_assert_cmpint (g_date_compare (&date, &again), ==, 0);
  }
}

static void
check_date_text (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (acr_date_parse_iso (text, &date))
    {
      g_autofree char *iso = NULL;
      g_autofree char *english = NULL;
      g_autofree char *french = NULL;

      g_assert_true (g_date_valid (&date));
      iso = acr_date_format_iso (&date);
      g_assert_cmpstr (iso, ==, text);

      english = acr_date_format_long (&date, "en");
      french = acr_date_format_long (&date, "fr");
      g_assert_true (g_utf8_validate (english, -1, NULL));
      g_assert_true (g_utf8_validate (french, -1, NULL));
    }
}

/* The person's setters take UTF-8 (the callers, entries and the CSV
 * reader, guarantee it): other bytes are not a date anyone can type. */
static void
check_date_facts (const char *text)
{
  g_autoptr (AcrPerson) person = acr_person_new ();
  const AcrFactInfo *facts;
  guint n_facts;

  if (!g_utf8_validate (text, -1, NULL))
    return;

  facts = acr_person_list_facts (&n_facts);
  for (guint i = 0; i < n_facts; i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean ok;

      if (facts[i].type != ACR_FACT_DATE)
        continue;

      ok = acr_person_set_fact_from_string (person, facts[i].name, text, &error);
      g_assert_true (ok == (error == NULL));
      if (ok && acr_person_has_fact (person, facts[i].name))
        {
          GDate date;
          g_autofree char *shown = acr_person_format_fact (person, facts[i].name);

          g_date_clear (&date, 1);
          g_assert_true (acr_person_get_date (person, facts[i].name, &date));
          g_assert_true (g_date_valid (&date));
          g_assert_nonnull (shown);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  fuzz_init ();

  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = fuzz_dup_string (data, size);

  check_typed_date (text);
  check_date_text (text);
  check_date_facts (text);
  return 0;
}
