#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Money and dates as the member reads them, by language ("en" or "fr"),
 * independent of the process locale: an invoice for a French-speaking member
 * prints the same on every workstation. Money is integer cents; no floating
 * point is involved anywhere.
 *
 *   acr_money_format (123456, "en")  → "$1,234.56"
 *   acr_money_format (123456, "fr")  → "1 234,56 $"   (U+00A0 no-break spaces)
 *   acr_money_format (-5000, "en")   → "-$50.00"
 *   acr_date_format_long (2026-11-26, "fr") → "26 novembre 2026"
 *
 * Any language other than "fr" (including NULL) is formatted as English.
 */

gboolean    acr_language_is_supported (const char   *language);
const char *acr_language_normalize    (const char   *language);

char       *acr_count_format          (gint64        value,
                                       const char   *language);
char       *acr_money_format          (gint64        cents,
                                       const char   *language);
char       *acr_date_format_long      (const GDate  *date,
                                       const char   *language);

/*
 * Reading an amount typed by staff: acr_money_parse ().
 *
 * The caller gives the decimal and grouping marks of the interface's
 * language ('.' and ',' in English; ',' and ' ' in French), so the result
 * never depends on the process locale. acr_money_parse_for_language () looks
 * them up for "en" or "fr" (NULL: the interface's language, as
 * acr_money_format () uses). Integer arithmetic only; at most 2 decimals.
 *
 * Accepted, in either language:
 *   - digits, with or without cents: "12", "12.5", "12.50", "1234.56";
 *   - a currency sign before or after, once: "$12", "US$ 12", "USD 12",
 *     "12 $", "1 120,00 $", "12 $ US", "12 USD";
 *   - spaces as grouping: U+0020, U+00A0 (no-break) and U+202F (narrow
 *     no-break), as French writes "1 234,56";
 *   - both marks: the last one is the decimal mark, met once, and the other
 *     groups thousands: "1,234.56" and "1.234,56" are both 1234.56.
 * With only one kind of mark, '.' or ',':
 *   - met twice or more, it groups thousands: "1,234,567", "1.234.567";
 *   - met once with 1 or 2 digits after it, it is the decimal mark whatever
 *     the language (grouping always takes 3 digits): "1,50" and "1.50" are
 *     1.50 in English and in French;
 *   - met once with exactly 3 digits after it, it groups thousands when it
 *     is the language's grouping mark ("1,234" in English is 1234); otherwise
 *     it is ACR_MONEY_ERROR_AMBIGUOUS: "1,234" in French or "1.234" in either
 *     language could be thousands or decimals. "0.125" is refused for its
 *     three decimals, and so is "1 234,567" (spaces already group);
 *   - met once with 4 digits or more after it: ACR_MONEY_ERROR_DECIMALS.
 * Grouped digits come in threes after a first group of one to three
 * ("12,34,567" is refused); a leading decimal mark reads as "0" (",50").
 * Refused: nothing typed (EMPTY), a minus sign (NEGATIVE), letters, other
 * signs, mixed grouping or a mark at the end (INVALID), more than
 * G_MAXINT64 cents (TOO_LARGE). Zero is an amount; callers that need more
 * than zero say so themselves.
 */
#define ACR_MONEY_ERROR (acr_money_error_quark ())

typedef enum
{
  ACR_MONEY_ERROR_EMPTY,
  ACR_MONEY_ERROR_INVALID,
  ACR_MONEY_ERROR_NEGATIVE,
  ACR_MONEY_ERROR_DECIMALS,
  ACR_MONEY_ERROR_AMBIGUOUS,
  ACR_MONEY_ERROR_TOO_LARGE,
} AcrMoneyError;

GQuark      acr_money_error_quark         (void);
const char *acr_language_of_interface     (void);
gboolean    acr_money_parse               (const char   *text,
                                           char          decimal_mark,
                                           char          group_mark,
                                           gint64       *cents,
                                           GError      **error);
gboolean    acr_money_parse_for_language  (const char   *text,
                                           const char   *language,
                                           gint64       *cents,
                                           GError      **error);
char       *acr_money_format_for_document (gint64        cents,
                                           const char   *language);
char       *acr_money_format_amount       (gint64        cents,
                                           const char   *language);

G_END_DECLS
