#include "config.h"

#include "acr-money.h"

#define NBSP "\xc2\xa0"

static void
assert_money (gint64      cents,
              const char *language,
              const char *expected)
{
  g_autofree char *text = acr_money_format (cents, language);

  g_assert_cmpstr (text, ==, expected);
}


static void
test_money_english_groups_thousands (void)
{
  assert_money (0, "en", "$0.00");
  assert_money (5, "en", "$0.05");
  assert_money (100, "en", "$1.00");
  assert_money (99999, "en", "$999.99");
  assert_money (123456, "en", "$1,234.56");
  assert_money (100000000, "en", "$1,000,000.00");
}

static void
test_money_english_negative (void)
{
  assert_money (-1, "en", "-$0.01");
  assert_money (-50000, "en", "-$500.00");
  assert_money (-123456, "en", "-$1,234.56");
}

static void
test_money_french_comma_and_no_break_spaces (void)
{
  assert_money (0, "fr", "0,00" NBSP "$");
  assert_money (7, "fr", "0,07" NBSP "$");
  assert_money (99999, "fr", "999,99" NBSP "$");
  assert_money (123456, "fr", "1" NBSP "234,56" NBSP "$");
  assert_money (100000000, "fr", "1" NBSP "000" NBSP "000,00" NBSP "$");
  assert_money (-123456, "fr", "-1" NBSP "234,56" NBSP "$");
}

static void
test_money_extremes_of_gint64 (void)
{
  assert_money (G_MAXINT64, "en", "$92,233,720,368,547,758.07");
  assert_money (G_MININT64, "en", "-$92,233,720,368,547,758.08");
  assert_money (G_MININT64, "fr", "-92" NBSP "233" NBSP "720" NBSP "368" NBSP "547" NBSP "758,08" NBSP "$");
}

static void
test_money_language_variants (void)
{
  /* Locale names and regional variants of French are French; anything
   * else (including no language) is English. */
  assert_money (123456, "fr_CA.UTF-8", "1" NBSP "234,56" NBSP "$");
  assert_money (123456, "fr-CA", "1" NBSP "234,56" NBSP "$");
  assert_money (123456, NULL, "$1,234.56");
  assert_money (123456, "de", "$1,234.56");
  assert_money (123456, "fry", "$1,234.56");

  g_assert_cmpstr (acr_language_normalize ("fr_CA"), ==, "fr");
  g_assert_cmpstr (acr_language_normalize ("en_US.UTF-8"), ==, "en");
  g_assert_cmpstr (acr_language_normalize (NULL), ==, "en");
  g_assert_true (acr_language_is_supported ("fr"));
  g_assert_true (acr_language_is_supported ("en"));
  g_assert_false (acr_language_is_supported ("de"));
  g_assert_false (acr_language_is_supported (NULL));
}

/* Staff's views pass no language: amounts follow the interface's. */
static void
test_money_null_language_follows_the_interface (void)
{
  g_autofree char *english = NULL;
  g_autofree char *french = NULL;

  g_unsetenv ("LANGUAGE");
  english = acr_money_format (123456, NULL);
  g_assert_cmpstr (english, ==, "$1,234.56");

  g_setenv ("LANGUAGE", "fr_CA:fr", TRUE);
  french = acr_money_format (123456, NULL);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (french, ==, "1" NBSP "234,56" NBSP "$");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/money/english-groups-thousands", test_money_english_groups_thousands);
  g_test_add_func ("/acr/money/null-language-follows-the-interface", test_money_null_language_follows_the_interface);
  g_test_add_func ("/acr/money/english-negative", test_money_english_negative);
  g_test_add_func ("/acr/money/french-comma-and-no-break-spaces", test_money_french_comma_and_no_break_spaces);
  g_test_add_func ("/acr/money/extremes-of-gint64", test_money_extremes_of_gint64);
  g_test_add_func ("/acr/money/language-variants", test_money_language_variants);

  return g_test_run ();
}
