#include "config.h"

#include "acr-date.h"
#include "acr-money.h"

/* acr_date_today () is the one "today" of the app and the CLI. */

static void
today_in (const char *tz,
          GDate      *date)
{
  g_setenv ("TZ", tz, TRUE);
  acr_date_today (date);
}

static void
test_date_today_is_the_local_day (void)
{
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr (GDateTime) before = g_date_time_new_now_local ();
      g_autoptr (GDateTime) after = NULL;
      GDate today;

      acr_date_today (&today);
      after = g_date_time_new_now_local ();

      /* Midnight passed between the two readings: read again. */
      if (g_date_time_get_day_of_year (before) != g_date_time_get_day_of_year (after))
        continue;

      g_assert_true (g_date_valid (&today));
      g_assert_cmpint (g_date_get_year (&today), ==, g_date_time_get_year (before));
      g_assert_cmpint (g_date_get_month (&today), ==, g_date_time_get_month (before));
      g_assert_cmpint (g_date_get_day (&today), ==, g_date_time_get_day_of_month (before));
      return;
    }

  g_assert_not_reached ();
}

static void
test_date_today_follows_the_time_zone (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  GDate east, west;

  /* UTC+14 and UTC−12 are 26 hours apart: their days always differ, so a
   * "today" read in UTC (or cached from another zone) cannot pass both. */
  today_in ("<+14>-14", &east);
  today_in ("<-12>+12", &west);

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");

  g_assert_true (g_date_valid (&east));
  g_assert_true (g_date_valid (&west));
  g_assert_cmpint (g_date_days_between (&west, &east), >=, 1);
  g_assert_cmpint (g_date_days_between (&west, &east), <=, 2);
}

static void
test_date_format_iso_reads_back (void)
{
  GDate date, back;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 29, G_DATE_FEBRUARY, 2028);
  text = acr_date_format_iso (&date);
  g_assert_cmpstr (text, ==, "2028-02-29");
  g_assert_true (acr_date_parse_iso (text, &back));
  g_assert_cmpint (g_date_compare (&date, &back), ==, 0);
}

static void
assert_date (int         year,
             int         month,
             int         day,
             const char *language,
             const char *expected)
{
  g_autoptr (GDate) date = g_date_new_dmy (day, month, year);
  g_autofree char *text = acr_date_format_long (date, language);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_date_long_english (void)
{
  assert_date (2026, 11, 26, "en", "November 26, 2026");
  assert_date (2027, 1, 1, "en", "January 1, 2027");
  assert_date (2028, 2, 29, "en", "February 29, 2028");
  assert_date (2027, 12, 31, NULL, "December 31, 2027");
}

static void
test_date_long_french (void)
{
  assert_date (2026, 11, 26, "fr", "26 novembre 2026");
  assert_date (2027, 1, 1, "fr", "1er janvier 2027");
  assert_date (2027, 8, 15, "fr", "15 août 2027");
  assert_date (2027, 2, 3, "fr", "3 février 2027");
  assert_date (2027, 12, 31, "fr", "31 décembre 2027");
}

static void
test_date_parse_iso_is_strict (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_assert_true (acr_date_parse_iso ("2024-02-29", &date));
  text = acr_date_format_iso (&date);
  g_assert_cmpstr (text, ==, "2024-02-29");

  g_assert_false (acr_date_parse_iso ("2023-02-29", &date));
  g_assert_false (acr_date_parse_iso ("2027-13-01", &date));
  g_assert_false (acr_date_parse_iso ("2027-00-10", &date));
  g_assert_false (acr_date_parse_iso ("2027-04-31", &date));
  g_assert_false (acr_date_parse_iso ("2027-04-1", &date));
  g_assert_false (acr_date_parse_iso ("2027-04-01T00", &date));
  g_assert_false (acr_date_parse_iso ("２０２７-04-01", &date));
  g_assert_false (acr_date_parse_iso (NULL, &date));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/date/today-is-the-local-day", test_date_today_is_the_local_day);
  g_test_add_func ("/acr/date/today-follows-the-time-zone", test_date_today_follows_the_time_zone);
  g_test_add_func ("/acr/date/format-iso-reads-back", test_date_format_iso_reads_back);

  g_test_add_func ("/acr/date/long-english", test_date_long_english);
  g_test_add_func ("/acr/date/long-french", test_date_long_french);
  g_test_add_func ("/acr/date/parse-iso-is-strict", test_date_parse_iso_is_strict);
  return g_test_run ();
}
