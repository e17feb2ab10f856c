#define G_LOG_DOMAIN "acr-money"

#include "config.h"

#include "acr-money.h"

/* U+00A0 NO-BREAK SPACE. Canadian French groups thousands with a (narrow)
 * no-break space; the plain no-break space is used because the invoice font
 * (Cantarell) has no U+202F glyph, and a fallback font inside an amount
 * would break the tabular alignment of the amount column. */
#define NBSP "\xc2\xa0"

/* Month names are locale data, not prose to translate: keeping them here
 * makes dates independent of which catalogs or glibc locales are installed. */
static const char * const months_en[12] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static const char * const months_fr[12] = {
  "janvier", "février", "mars", "avril", "mai", "juin",
  "juillet", "août", "septembre", "octobre", "novembre", "décembre",
};

static gboolean
is_french (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "fr")
         && (language[2] == '\0' || language[2] == '_' || language[2] == '-' || language[2] == '.');
}

static void
append_grouped (GString    *out,
                guint64     units,
                const char *separator)
{
  char digits[24];
  int n;

  n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, units);
  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
}

/**
 * acr_language_is_supported:
 * @language: a language code, "en" or "fr"
 *
 * Returns: %TRUE if invoices can be rendered in @language.
 */
gboolean
acr_language_is_supported (const char *language)
{
  return g_strcmp0 (language, "en") == 0 || g_strcmp0 (language, "fr") == 0;
}

/* The language the interface speaks (LANGUAGE, LC_ALL, LC_MESSAGES, LANG),
 * for amounts and dates shown to staff rather than printed for a member. */
static const char *
interface_language (void)
{
  const char * const *names = g_get_language_names ();

  return names[0] != NULL && is_french (names[0]) ? "fr" : "en";
}

/**
 * acr_language_normalize:
 * @language: (nullable): a language code or locale name ("fr_CA.UTF-8")
 *
 * Returns: "fr" for any French language or locale, "en" otherwise.
 */
const char *
acr_language_normalize (const char *language)
{
  return is_french (language) ? "fr" : "en";
}

/**
 * acr_money_format:
 * @cents: an amount in cents, negative for credits and discounts
 * @language: (nullable): "en" or "fr"; %NULL for the interface's language
 *   (staff's views, not a member's documents)
 *
 * Returns: (transfer full): the amount in US dollars as written in @language.
 */
char *
acr_money_format (gint64      cents,
                  const char *language)
{
  GString *out = g_string_sized_new (24);
  guint64 magnitude;

  if (language == NULL)
    language = interface_language ();

  /* Negate in unsigned arithmetic so G_MININT64 has a magnitude too. */
  magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;

  if (cents < 0)
    g_string_append_c (out, '-');

  if (is_french (language))
    {
      append_grouped (out, magnitude / 100, NBSP);
      g_string_append_printf (out, ",%02u" NBSP "$", (guint) (magnitude % 100));
    }
  else
    {
      g_string_append_c (out, '$');
      append_grouped (out, magnitude / 100, ",");
      g_string_append_printf (out, ".%02u", (guint) (magnitude % 100));
    }

  return g_string_free (out, FALSE);
}

/**
 * acr_date_format_long:
 * @date: a valid date
 * @language: (nullable): "en" or "fr"
 *
 * Returns: (transfer full): "November 26, 2026" or "26 novembre 2026"
 * ("1er novembre 2026" on the first of the month, as French writes it).
 */
char *
acr_date_format_long (const GDate *date,
                      const char  *language)
{
  guint day;
  guint month;
  guint year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (language == NULL)
    language = interface_language ();

  day = g_date_get_day (date);
  month = g_date_get_month (date);
  year = g_date_get_year (date);

  if (is_french (language))
    return g_strdup_printf ("%u%s %s %u", day, day == 1 ? "er" : "", months_fr[month - 1], year);

  return g_strdup_printf ("%s %u, %u", months_en[month - 1], day, year);
}
