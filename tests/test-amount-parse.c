#define G_LOG_DOMAIN "test-amount-parse"

#include "config.h"

#include <string.h>

#include "acr-money.h"

/* Amounts typed by staff, read with the marks of the interface's language
 * (acr-money.h says the rule): every accepted form in English and French,
 * every refusal, and the edges of gint64 cents. */

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static void
assert_reads (const char *language,
              const char *text,
              gint64      expected)
{
  g_autoptr (GError) error = NULL;
  gint64 cents = -1;

  if (!acr_money_parse_for_language (text, language, &cents, &error))
    g_error ("“%s” in %s: %s", text, language, error->message);
  g_assert_cmpint (cents, ==, expected);
}

static void
assert_refused (const char   *language,
                const char   *text,
                AcrMoneyError code)
{
  g_autoptr (GError) error = NULL;
  gint64 cents = 4242;

  g_assert_false (acr_money_parse_for_language (text, language, &cents, &error));
  g_assert_error (error, ACR_MONEY_ERROR, (int) code);
  /* Nothing changes on a refusal, and the message is one line. */
  g_assert_cmpint (cents, ==, 4242);
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_amount_english_forms (void)
{
  assert_reads ("en", "12", 1200);
  assert_reads ("en", "12.5", 1250);
  assert_reads ("en", "12.50", 1250);
  assert_reads ("en", "1234.5", 123450);
  assert_reads ("en", "1234.56", 123456);
  assert_reads ("en", "1,234.56", 123456);
  assert_reads ("en", "$1,234.56", 123456);
  assert_reads ("en", "$ 1,234.56", 123456);
  assert_reads ("en", "US$ 12", 1200);
  assert_reads ("en", "US$12.05", 1205);
  assert_reads ("en", "USD 12", 1200);
  assert_reads ("en", "12 USD", 1200);
  assert_reads ("en", "12$", 1200);
  assert_reads ("en", "  870.00  ", 87000);
  assert_reads ("en", "1,234", 123400);          /* the English grouping mark */
  assert_reads ("en", "1,234,567", 123456700);
  assert_reads ("en", "1.234.567", 123456700);   /* only grouping can repeat */
  assert_reads ("en", "1.234,56", 123456);       /* both marks: the last is decimal */
  assert_reads ("en", "1 234.56", 123456);
  assert_reads ("en", "1" NBSP "234.56", 123456);
  assert_reads ("en", ".5", 50);
  assert_reads ("en", "0.01", 1);
  assert_reads ("en", "0", 0);
  assert_reads ("en", "007", 700);
}

static void
test_amount_french_forms (void)
{
  assert_reads ("fr", "12", 1200);
  assert_reads ("fr", "12,5", 1250);
  assert_reads ("fr", "12,50", 1250);
  assert_reads ("fr", "5,25", 525);
  assert_reads ("fr", "1 234,56", 123456);
  assert_reads ("fr", "1" NBSP "234,56", 123456);
  assert_reads ("fr", "1" NNBSP "234,56", 123456);
  assert_reads ("fr", "1 120,00 $", 112000);
  assert_reads ("fr", "1" NBSP "120,00" NBSP "$", 112000);
  assert_reads ("fr", "1 120,00 $ US", 112000);
  assert_reads ("fr", "1 120,00 $US", 112000);
  assert_reads ("fr", "1.234,56", 123456);
  assert_reads ("fr", "1,234.56", 123456);
  assert_reads ("fr", "$1,234.56", 123456);
  assert_reads ("fr", "US$ 12", 1200);
  assert_reads ("fr", "1 234 567", 123456700);
  assert_reads ("fr", "1.234.567", 123456700);
  assert_reads ("fr", ",50", 50);
  assert_reads ("fr", "870,00", 87000);
}

/* The misreadings of the issue: "1,50" was $150.00, "12,50" $1,250. A mark
 * followed by one or two digits can only be the decimal mark. */
static void
test_amount_one_or_two_digits_after_a_mark_are_cents (void)
{
  assert_reads ("en", "1,50", 150);
  assert_reads ("en", "12,50", 1250);
  assert_reads ("fr", "1,50", 150);
  assert_reads ("fr", "12,50", 1250);
  assert_reads ("fr", "1.50", 150);
  assert_reads ("en", "1.5", 150);
}

/* Three digits after a single mark: thousands only where that mark groups
 * thousands in the language; otherwise it could be either, and is refused. */
static void
test_amount_three_digits_after_one_mark (void)
{
  g_autoptr (GError) error = NULL;
  gint64 cents;

  assert_reads ("en", "1,234", 123400);
  assert_refused ("en", "1.234", ACR_MONEY_ERROR_AMBIGUOUS);
  assert_refused ("fr", "1,234", ACR_MONEY_ERROR_AMBIGUOUS);
  assert_refused ("fr", "1.234", ACR_MONEY_ERROR_AMBIGUOUS);
  assert_refused ("fr", "12,345", ACR_MONEY_ERROR_AMBIGUOUS);

  /* Where the thousands reading is impossible: three decimals. */
  assert_refused ("en", "0.125", ACR_MONEY_ERROR_DECIMALS);
  assert_refused ("fr", "0,125", ACR_MONEY_ERROR_DECIMALS);
  assert_refused ("fr", "1 234,567", ACR_MONEY_ERROR_DECIMALS);
  assert_refused ("en", "1234.567", ACR_MONEY_ERROR_DECIMALS);
  assert_refused ("en", "1,234.567", ACR_MONEY_ERROR_DECIMALS);

  /* The message offers the thousands reading in the language's convention. */
  g_assert_false (acr_money_parse_for_language ("1,234", "fr", &cents, &error));
  g_assert_nonnull (strstr (error->message, "1" NBSP "234,00"));
}

static void
test_amount_refusals (void)
{
  const char *languages[] = { "en", "fr" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *l = languages[i];

      assert_refused (l, "", ACR_MONEY_ERROR_EMPTY);
      assert_refused (l, NULL, ACR_MONEY_ERROR_EMPTY);
      assert_refused (l, "   ", ACR_MONEY_ERROR_EMPTY);
      assert_refused (l, NBSP, ACR_MONEY_ERROR_EMPTY);
      assert_refused (l, "-5", ACR_MONEY_ERROR_NEGATIVE);
      assert_refused (l, "-$5.00", ACR_MONEY_ERROR_NEGATIVE);
      assert_refused (l, "$-5.00", ACR_MONEY_ERROR_NEGATIVE);
      assert_refused (l, "\xe2\x88\x92" "5", ACR_MONEY_ERROR_NEGATIVE);   /* U+2212 */
      assert_refused (l, "1.505", ACR_MONEY_ERROR_AMBIGUOUS);
      assert_refused (l, "1.5055", ACR_MONEY_ERROR_DECIMALS);
      assert_refused (l, "1,5055", ACR_MONEY_ERROR_DECIMALS);
      assert_refused (l, "12.345,678", ACR_MONEY_ERROR_DECIMALS);
      assert_refused (l, "abc", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12abc", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1O0", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12 CAD", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "€12", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "+12", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1e3", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12.", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12,", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1..5", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1,,5", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1 ,50", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1  234", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12 34", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "12,34,567", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1,2345,678", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "0,123,456", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1 234,567.89", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1,234,56", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1,23.45", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "$12$", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "$", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "1,50 4", ACR_MONEY_ERROR_INVALID);
      assert_refused (l, "\xff" "12", ACR_MONEY_ERROR_INVALID);
    }

  /* A leading mark that is not the language's decimal mark. */
  assert_refused ("en", ",50", ACR_MONEY_ERROR_INVALID);
  assert_refused ("fr", ".50", ACR_MONEY_ERROR_INVALID);
}

/* G_MAXINT64 cents is $92,233,720,368,547,758.07; one cent more is refused,
 * never wrapped. */
static void
test_amount_boundaries_of_gint64 (void)
{
  assert_reads ("en", "92233720368547758.07", G_MAXINT64);
  assert_reads ("en", "$92,233,720,368,547,758.07", G_MAXINT64);
  assert_reads ("fr", "92 233 720 368 547 758,07", G_MAXINT64);
  assert_reads ("en", "92233720368547758", G_MAXINT64 - 7);
  assert_refused ("en", "92233720368547758.08", ACR_MONEY_ERROR_TOO_LARGE);
  assert_refused ("en", "92233720368547759", ACR_MONEY_ERROR_TOO_LARGE);
  assert_refused ("fr", "92 233 720 368 547 758,08", ACR_MONEY_ERROR_TOO_LARGE);
  assert_refused ("en", "184467440737095516160", ACR_MONEY_ERROR_TOO_LARGE);
  assert_refused ("en", "99999999999999999999999999999999999999.99", ACR_MONEY_ERROR_TOO_LARGE);
  assert_reads ("en", "0000000000000000000000000000000001.00", 100);
}

/* The marks come from the caller, not the process locale. */
static void
test_amount_marks_given_by_the_caller (void)
{
  g_autoptr (GError) error = NULL;
  gint64 cents = 0;

  g_assert_true (acr_money_parse ("1.234", '.', ',', &cents, &error) == FALSE);
  g_assert_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  /* Where '.' groups thousands (German, say), "1.234" is 1234. */
  g_assert_true (acr_money_parse ("1.234", ',', '.', &cents, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cents, ==, 123400);
}

/* NULL is the interface's language, as for acr_money_format (). */
static void
test_amount_null_language_follows_the_interface (void)
{
  gint64 cents = 0;

  g_unsetenv ("LANGUAGE");
  g_assert_cmpstr (acr_language_of_interface (), ==, "en");
  g_assert_true (acr_money_parse_for_language ("1,234", NULL, &cents, NULL));
  g_assert_cmpint (cents, ==, 123400);

  g_setenv ("LANGUAGE", "fr_CA:fr", TRUE);
  g_assert_cmpstr (acr_language_of_interface (), ==, "fr");
  g_assert_false (acr_money_parse_for_language ("1,234", NULL, &cents, NULL));
  g_assert_true (acr_money_parse_for_language ("1 234,5", NULL, &cents, NULL));
  g_assert_cmpint (cents, ==, 123450);
  g_unsetenv ("LANGUAGE");
}

/* What the payment dialog prefills is read back to the same cents. */
static void
test_amount_format_amount_reads_back (void)
{
  const gint64 amounts[] = { 0, 1, 99, 100, 87000, 112000, 123456, 100000000, G_MAXINT64 };
  const char *languages[] = { "en", "fr" };
  g_autofree char *en = acr_money_format_amount (87000, "en");
  g_autofree char *fr = acr_money_format_amount (112000, "fr");

  g_assert_cmpstr (en, ==, "870.00");
  g_assert_cmpstr (fr, ==, "1" NBSP "120,00");

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autofree char *text = acr_money_format_amount (amounts[i], languages[l]);
        g_autofree char *with_sign = acr_money_format (amounts[i], languages[l]);

        assert_reads (languages[l], text, amounts[i]);
        assert_reads (languages[l], with_sign, amounts[i]);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/money/parse/english-forms", test_amount_english_forms);
  g_test_add_func ("/acr/money/parse/french-forms", test_amount_french_forms);
  g_test_add_func ("/acr/money/parse/one-or-two-digits-after-a-mark-are-cents",
                   test_amount_one_or_two_digits_after_a_mark_are_cents);
  g_test_add_func ("/acr/money/parse/three-digits-after-one-mark", test_amount_three_digits_after_one_mark);
  g_test_add_func ("/acr/money/parse/refusals", test_amount_refusals);
  g_test_add_func ("/acr/money/parse/boundaries-of-gint64", test_amount_boundaries_of_gint64);
  g_test_add_func ("/acr/money/parse/marks-given-by-the-caller", test_amount_marks_given_by_the_caller);
  g_test_add_func ("/acr/money/parse/null-language-follows-the-interface",
                   test_amount_null_language_follows_the_interface);
  g_test_add_func ("/acr/money/parse/format-amount-reads-back", test_amount_format_amount_reads_back);

  return g_test_run ();
}
