/*
 * fuzz-money: amounts and the numbers staff type next to them. The whole
 * input is read as an amount typed in English and in French
 * (acr_money_parse_for_language ()): it parses to zero or more cents, or is
 * refused with an AcrMoneyError, and what parses formats back to text that
 * parses to the same cents in that language. The first
 * eight bytes are an amount in cents: in both languages it prints as valid
 * UTF-8 whose digits are exactly the amount, signed as the amount is. The
 * whole input is also read as an invoice number ("2026-000123") and as a
 * member number ("0001234"); what parses prints back as the same number.
 */

#include "config.h"

#include "acr-invoice.h"
#include "acr-money.h"
#include "acr-store.h"
#include "fuzz.h"

static void
check_amount (gint64      cents,
              const char *language)
{
  g_autofree char *text = acr_money_format (cents, language);
  g_autoptr (GString) digits = g_string_new (NULL);
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  const char *p;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true ((text[0] == '-') == (cents < 0));

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  /* "$0.05" has the digits "005": compare without the leading zeros. */
  p = digits->str;
  while (p[0] == '0' && p[1] != '\0')
    p++;
  g_assert_cmpstr (p, ==, expected);
}

static void
check_typed_amount (const char *text,
                    const char *language)
{
  g_autoptr (GError) error = NULL;
  gint64 cents = -1;

  if (!acr_money_parse_for_language (text, language, &cents, &error))
    {
      g_assert_error (error, ACR_MONEY_ERROR, error->code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpint (cents, >=, 0);
  {
    g_autofree char *again = acr_money_format_amount (cents, language);
    gint64 again_cents = -1;

    g_assert_true (acr_money_parse_for_language (again, language, &again_cents, &error));
    g_assert_no_error (error);
    g_assert_cmpint (again_cents, ==, cents);
  }
}

static void
check_invoice_number (const char *text)
{
  int year = 0;
  guint sequence = 0;

  if (acr_invoice_number_parse (text, &year, &sequence))
    {
      g_autofree char *again = g_strdup_printf ("%04d-%06u", year, sequence);

      g_assert_cmpint (year, >=, 1000);
      g_assert_cmpuint (sequence, >, 0);
      g_assert_cmpstr (again, ==, text);
    }
}

static void
check_member_number (const char *text)
{
  guint number = acr_store_parse_number (text);

  if (number != 0)
    {
      g_assert_cmpuint (number, <=, 9999999);
      g_assert_cmpuint (g_ascii_strtoull (text, NULL, 10), ==, number);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  fuzz_init ();

  if (size >= sizeof (gint64))
    {
      gint64 cents;

      memcpy (&cents, data, sizeof cents);
      check_amount (cents, "en");
      check_amount (cents, "fr");
    }

  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = fuzz_dup_string (data, size);
  if (g_utf8_validate (text, -1, NULL))
    {
      check_typed_amount (text, "en");
      check_typed_amount (text, "fr");
    }
  check_invoice_number (text);
  check_member_number (text);
  return 0;
}
