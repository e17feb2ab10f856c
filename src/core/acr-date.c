#define G_LOG_DOMAIN "acr-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-date.h"
#include "acr-person.h"

/**
 * acr_date_today:
 * @date: (out caller-allocates): set to today
 *
 * The day it is on this workstation's clock, in its time zone: the default
 * day of a decision, a bill, a payment or a status change.
 */
void
acr_date_today (GDate *date)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_return_if_fail (date != NULL);

  g_date_time_get_ymd (now, &year, &month, &day);
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * acr_date_parse_iso:
 * @text: "YYYY-MM-DD", nothing more
 * @date: (out caller-allocates): set on success
 *
 * Reads a date the program wrote itself (the store's columns). Input from
 * people and files goes through acr_date_parse(), which also checks the range.
 *
 * Returns: %TRUE if @text is a real calendar day ("2027-02-30" is not).
 */
gboolean
acr_date_parse_iso (const char *text,
                    GDate      *date)
{
  guint year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  year = g_ascii_digit_value (text[0]) * 1000 + g_ascii_digit_value (text[1]) * 100
       + g_ascii_digit_value (text[2]) * 10 + g_ascii_digit_value (text[3]);
  month = g_ascii_digit_value (text[5]) * 10 + g_ascii_digit_value (text[6]);
  day = g_ascii_digit_value (text[8]) * 10 + g_ascii_digit_value (text[9]);

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * acr_date_check_range:
 *
 * Refuses a day before 1900-01-01 or after 2999-12-31: no member, invoice or
 * payment has one, so it is a typing mistake (and a year past 9999 cannot
 * even be written as YYYY).
 */
gboolean
acr_date_check_range (const GDate  *date,
                      GError      **error)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (g_date_get_year (date) >= ACR_DATE_MIN_YEAR && g_date_get_year (date) <= ACR_DATE_MAX_YEAR)
    return TRUE;

  g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
               _("%04u-%02u-%02u is out of range: dates run from %d-01-01 to %d-12-31"),
               g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
               ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR);
  return FALSE;
}

/**
 * acr_date_parse:
 * @text: what was typed or read: "YYYY-MM-DD", nothing more
 * @date: (out caller-allocates): set on success
 *
 * The one parser for dates that come in: a real calendar day from 1900-01-01
 * to 2999-12-31.
 */
gboolean
acr_date_parse (const char  *text,
                GDate       *date,
                GError     **error)
{
  GDate parsed;

  g_return_val_if_fail (date != NULL, FALSE);

  if (!acr_text_check_utf8 (text, -1, error))
    return FALSE;

  if (!acr_date_parse_iso (text, &parsed))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                   _("expected a calendar date YYYY-MM-DD, got “%s”"), text != NULL ? text : "");
      return FALSE;
    }

  if (!acr_date_check_range (&parsed, error))
    return FALSE;

  *date = parsed;
  return TRUE;
}

/**
 * acr_date_format_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): "YYYY-MM-DD", as the store, the CSV files and
 *   acr_date_parse_iso () write and read it.
 */
char *
acr_date_format_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}
