#define G_LOG_DOMAIN "acr-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

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
 * acr_count_format:
 * @language: (nullable): "en" or "fr"; %NULL for the interface's language
 *
 * Returns: (transfer full): a count with its digits grouped as amounts group
 *   them: "12,345" in English, "12 345" (no-break space) in French.
 */
char *
acr_count_format (gint64      value,
                  const char *language)
{
  GString *out = g_string_new (NULL);

  if (language == NULL)
    language = interface_language ();
  if (value < 0)
    g_string_append_c (out, '-');
  /* Negate in unsigned arithmetic so G_MININT64 has a magnitude too. */
  append_grouped (out, value < 0 ? (guint64) 0 - (guint64) value : (guint64) value,
                  is_french (language) ? NBSP : ",");
  return g_string_free (out, FALSE);
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

/* ---- reading typed amounts ---- */

G_DEFINE_QUARK (acr-money-error-quark, acr_money_error)

/**
 * acr_language_of_interface:
 *
 * Returns: "fr" when the interface speaks French, "en" otherwise: the
 *   language of acr_money_format (…, NULL), for reading what staff type.
 */
const char *
acr_language_of_interface (void)
{
  return interface_language ();
}

static void
language_marks (const char *language,
                char       *decimal_mark,
                char       *group_mark)
{
  if (language == NULL)
    language = interface_language ();

  *decimal_mark = is_french (language) ? ',' : '.';
  *group_mark = is_french (language) ? ' ' : ',';
}

/* "1,234.00" or "1 234,00" (no-break space): @cents as typed in the
 * convention of the marks, without a currency sign. */
static char *
format_with_marks (guint64 cents,
                   char    decimal_mark,
                   char    group_mark)
{
  GString *out = g_string_sized_new (24);

  append_grouped (out, cents / 100, group_mark == ' ' ? NBSP : (char []) { group_mark, '\0' });
  g_string_append_printf (out, "%c%02u", decimal_mark, (guint) (cents % 100));

  return g_string_free (out, FALSE);
}

/**
 * acr_money_format_amount:
 * @cents: an amount in cents
 * @language: (nullable): "en" or "fr"; %NULL for the interface's language
 *
 * Returns: (transfer full): the amount without a currency sign, as staff
 *   type it: "1,234.56" or "1 234,56"; acr_money_parse_for_language () reads
 *   it back.
 */
char *
acr_money_format_amount (gint64      cents,
                         const char *language)
{
  guint64 magnitude = cents < 0 ? (guint64) 0 - (guint64) cents : (guint64) cents;
  g_autofree char *text = NULL;
  char decimal_mark;
  char group_mark;

  language_marks (language, &decimal_mark, &group_mark);
  text = format_with_marks (magnitude, decimal_mark, group_mark);

  return cents < 0 ? g_strconcat ("-", text, NULL) : g_steal_pointer (&text);
}

/* Spaces typed or pasted between digits: space, no-break space, narrow
 * no-break space, thin space, figure space. */
static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

static gboolean
strip_prefix (GString    *s,
              const char *prefix)
{
  gsize n = strlen (prefix);

  if (s->len < n || g_ascii_strncasecmp (s->str, prefix, n) != 0)
    return FALSE;
  g_string_erase (s, 0, n);
  return TRUE;
}

static gboolean
strip_suffix (GString    *s,
              const char *suffix)
{
  gsize n = strlen (suffix);

  if (s->len < n || g_ascii_strcasecmp (s->str + s->len - n, suffix) != 0)
    return FALSE;
  g_string_truncate (s, s->len - n);
  return TRUE;
}

static void
strip_spaces (GString *s)
{
  g_strstrip (s->str);
  s->len = strlen (s->str);
}

/* Digits grouped by @mark: "1", "12,345", "1,234,567"; not "12,34" or ",123". */
static gboolean
grouping_is_valid (const char *digits,
                   gsize       len,
                   char        mark)
{
  gsize group = 0;
  gboolean first = TRUE;

  if (memchr (digits, mark, len) == NULL)
    return TRUE;
  if (digits[0] == '0')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (digits[i] == mark)
        {
          if (group == 0 || group > 3 || (!first && group != 3))
            return FALSE;
          first = FALSE;
          group = 0;
        }
      else
        group++;
    }

  return group == 3;
}

/**
 * acr_money_parse:
 * @text: what staff typed
 * @decimal_mark: '.' or ','
 * @group_mark: ',', '.' or ' ' (any space)
 * @cents: (out): the amount in cents, set on success
 *
 * Reads a non-negative amount of US dollars as the header comment of
 * acr-money.h describes; refuses anything it would have to guess.
 */
gboolean
acr_money_parse (const char  *text,
                 char         decimal_mark,
                 char         group_mark,
                 gint64      *cents,
                 GError     **error)
{
  g_autoptr (GString) body = g_string_new (NULL);
  g_autofree char *shown = NULL;
  g_autofree char *example = NULL;
  g_autofree char *thousands = NULL;
  const char *p;
  gboolean negative = FALSE;
  gboolean currency = FALSE;
  gboolean has_space;
  guint n_dots = 0, n_commas = 0;
  char mark = '\0';
  gssize mark_at = -1;
  gsize int_len;
  const char *fraction = "";
  gsize fraction_len = 0;
  guint64 dollars = 0;
  guint64 fraction_cents = 0;

  g_return_val_if_fail (decimal_mark == '.' || decimal_mark == ',', FALSE);
  g_return_val_if_fail (group_mark == '.' || group_mark == ',' || group_mark == ' ', FALSE);
  g_return_val_if_fail (decimal_mark != group_mark, FALSE);
  g_return_val_if_fail (cents != NULL, FALSE);

  example = format_with_marks (123450, decimal_mark, group_mark);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                   _("The amount is not valid UTF-8 text: type it again, such as %s"), example);
      return FALSE;
    }
  shown = g_strstrip (g_strdup (text));

  /* One ASCII spelling: spaces of every kind become ' ', minus signs '-'. */
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        g_string_append_c (body, ' ');
      else if (c == 0x2212 || c == 0x2013)
        g_string_append_c (body, '-');
      else if (c < 0x80)
        g_string_append_c (body, (char) c);
      else
        g_string_append_c (body, '?');
    }
  strip_spaces (body);

  if (body->len == 0)
    {
      g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_EMPTY,
                   _("No amount: type the amount received, such as %s"), example);
      return FALSE;
    }

  /* "-12", "-$12", "$-12", "US$ -12". */
  if (body->str[0] == '-')
    negative = TRUE;
  else
    {
      currency = strip_prefix (body, "US$") || strip_prefix (body, "USD") || strip_prefix (body, "$");
      strip_spaces (body);
      negative = body->str[0] == '-';
    }
  if (negative)
    {
      g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_NEGATIVE,
                   _("“%s” is negative: type the amount received, without a minus sign"), shown);
      return FALSE;
    }
  if (!currency)
    {
      /* "12 $ US", "12 $US", "12 US$", "12 USD", "12 $". */
      if (strip_suffix (body, "$ US") || strip_suffix (body, "$US") || strip_suffix (body, "US$") ||
          strip_suffix (body, "USD") || strip_suffix (body, "$"))
        strip_spaces (body);
    }

  /* What is left: digits, '.', ',' and single spaces between digits. */
  for (gsize i = 0; i < body->len; i++)
    {
      char c = body->str[i];

      if (c == '.')
        {
          n_dots++;
          mark = c;
          mark_at = i;
        }
      else if (c == ',')
        {
          n_commas++;
          mark = c;
          mark_at = i;
        }
      else if (!g_ascii_isdigit (c) && c != ' ')
        {
          g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                       _("“%s” is not an amount: type digits and the cents, such as %s"), shown, example);
          return FALSE;
        }
      if (!g_ascii_isdigit (c) && i > 0 && !g_ascii_isdigit (body->str[i - 1]))
        {
          g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                       _("“%s” is not an amount: type digits and the cents, such as %s"), shown, example);
          return FALSE;
        }
    }

  /* ",50" is "0,50" where the comma is the decimal mark. */
  if (body->len > 0 && body->str[0] == decimal_mark)
    {
      g_string_prepend_c (body, '0');
      mark_at++;
    }

  if (body->len == 0 || !g_ascii_isdigit (body->str[0]) || !g_ascii_isdigit (body->str[body->len - 1]))
    {
      g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                   _("“%s” is not an amount: type digits and the cents, such as %s"), shown, example);
      return FALSE;
    }

  int_len = body->len;
  if (mark != '\0')
    {
      gboolean decimal;
      gsize after = body->len - (gsize) mark_at - 1;
      gboolean spaces_before = memchr (body->str, ' ', mark_at) != NULL;

      if (n_dots > 0 && n_commas > 0)
        decimal = (mark == '.' ? n_dots : n_commas) == 1;
      else if (n_dots + n_commas > 1)
        decimal = FALSE;
      else if (after != 3)
        decimal = TRUE;
      else if (spaces_before || mark_at > 3 || (mark_at == 1 && body->str[0] == '0'))
        decimal = TRUE;     /* "1 234,567", "1234.567", "0.125": three decimals */
      else if (mark == group_mark)
        decimal = FALSE;    /* "1,234" in English */
      else
        {
          thousands = format_with_marks ((guint64) g_ascii_strtoull (body->str, NULL, 10) * 100000
                                         + g_ascii_strtoull (body->str + mark_at + 1, NULL, 10) * 100,
                                         decimal_mark, group_mark);
          g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_AMBIGUOUS,
                       _("“%s” is ambiguous: the three digits after “%c” could be thousands or decimals; "
                         "type %s for thousands, or two decimals at most"),
                       shown, mark, thousands);
          return FALSE;
        }

      if (decimal)
        {
          int_len = mark_at;
          fraction = body->str + mark_at + 1;
          fraction_len = after;
          if (memchr (fraction, ' ', fraction_len) != NULL)
            {
              g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                           _("“%s” is not an amount: type digits and the cents, such as %s"), shown, example);
              return FALSE;
            }
          if (fraction_len > 2)
            {
              g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_DECIMALS,
                           _("“%s” has more than two decimals: type dollars and cents, such as %s"), shown, example);
              return FALSE;
            }
        }
    }

  /* The whole dollars: grouped by one kind of mark only. */
  has_space = memchr (body->str, ' ', int_len) != NULL;
  {
    char grouping = '\0';
    gboolean valid = TRUE;

    for (gsize i = 0; i < int_len; i++)
      {
        if (g_ascii_isdigit (body->str[i]))
          continue;
        if (grouping == '\0')
          grouping = body->str[i];
        else if (body->str[i] != grouping)
          valid = FALSE;
      }
    if (has_space && grouping != ' ')
      valid = FALSE;
    if (valid && grouping != '\0')
      valid = grouping_is_valid (body->str, int_len, grouping);
    if (!valid)
      {
        g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_INVALID,
                     _("“%s” is not an amount: thousands are grouped by three digits, such as %s"), shown, example);
        return FALSE;
      }
  }

  for (gsize i = 0; i < int_len; i++)
    {
      if (!g_ascii_isdigit (body->str[i]))
        continue;
      /* Never more than G_MAXINT64 / 100 before this step: no wrapping. */
      dollars = dollars * 10 + (guint64) (body->str[i] - '0');
      if (dollars > G_MAXINT64 / 100)
        {
          g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_TOO_LARGE,
                       _("“%s” is too large an amount"), shown);
          return FALSE;
        }
    }
  for (gsize i = 0; i < 2; i++)
    fraction_cents = fraction_cents * 10 + (i < fraction_len ? (guint64) (fraction[i] - '0') : 0);

  if (dollars > ((guint64) G_MAXINT64 - fraction_cents) / 100)
    {
      g_set_error (error, ACR_MONEY_ERROR, ACR_MONEY_ERROR_TOO_LARGE,
                   _("“%s” is too large an amount"), shown);
      return FALSE;
    }

  *cents = (gint64) (dollars * 100 + fraction_cents);
  return TRUE;
}

/**
 * acr_money_parse_for_language:
 * @text: what staff typed
 * @language: (nullable): "en" or "fr"; %NULL for the interface's language
 * @cents: (out): the amount in cents
 *
 * acr_money_parse () with the marks of @language.
 */
gboolean
acr_money_parse_for_language (const char  *text,
                              const char  *language,
                              gint64      *cents,
                              GError     **error)
{
  char decimal_mark;
  char group_mark;

  language_marks (language, &decimal_mark, &group_mark);

  return acr_money_parse (text, decimal_mark, group_mark, cents, error);
}

/**
 * acr_money_format_for_document:
 *
 * An amount as a document sent to a member prints it. The dollars are US
 * dollars. A reader in Québec takes "1 120,00 $" for Canadian dollars, so
 * every amount on a French document says "$ US" (as the OQLF writes it,
 * with no-break spaces); the totals line of every document, in either
 * language, says "USD" once more. An English reader sees "$1,120.00" and
 * that totals line.
 */
char *
acr_money_format_for_document (gint64      cents,
                               const char *language)
{
  g_autofree char *text = acr_money_format (cents, language);

  if (g_str_equal (acr_language_normalize (language), "fr"))
    return g_strconcat (text, "\xc2\xa0" "US", NULL);

  return g_steal_pointer (&text);
}
