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

char       *acr_money_format          (gint64        cents,
                                       const char   *language);
char       *acr_date_format_long      (const GDate  *date,
                                       const char   *language);

G_END_DECLS
