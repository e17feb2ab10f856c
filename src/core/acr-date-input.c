#define G_LOG_DOMAIN "acr-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-date.h"
#include "acr-date-input.h"
#include "acr-money.h"
#include "acr-person.h"

static gboolean
day_first (const char *language)
{
  if (language == NULL)
    language = acr_language_of_interface ();
  return g_str_equal (acr_language_normalize (language), "fr");
}

/**
 * acr_date_input_hint:
 *
 * Returns: the form dates are typed in, for a field's title: "MM/DD/YYYY"
 *   in English, "JJ/MM/AAAA" in French (translated)
 */
const char *
acr_date_input_hint (const char *language)
{
  /* Translators: how a date is typed in English, month first. */
  return day_first (language) ? _("DD/MM/YYYY") : _("MM/DD/YYYY");
}

/**
 * acr_date_format_for_input:
 *
 * Returns: (transfer full): @date as staff type it in @language:
 *   "06/30/2028" or "30/06/2028"
 */
char *
acr_date_format_for_input (const GDate *date,
                           const char  *language)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (day_first (language))
    return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date), g_date_get_year (date));
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_month (date), g_date_get_day (date), g_date_get_year (date));
}

/* Digits only, @min to @max of them; their value. */
static gboolean
read_number (const char *text,
             gsize       length,
             gsize       min,
             gsize       max,
             guint      *value)
{
  if (length < min || length > max)
    return FALSE;
  *value = 0;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) (text[i] - '0');
    }
  return TRUE;
}

static gboolean
refuse_form (const char  *typed,
             const char  *language,
             GError     **error)
{
  GDate example;
  g_autofree char *sample = NULL;

  g_date_clear (&example, 1);
  g_date_set_dmy (&example, 30, G_DATE_JUNE, 2028);
  sample = acr_date_format_for_input (&example, language);
  if (*typed == '\0')
    g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                 _("No date: type it as %s, such as %s"), acr_date_input_hint (language), sample);
  else
    g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                 _("“%s” is not a date: type it as %s, such as %s"), typed, acr_date_input_hint (language), sample);
  return FALSE;
}

/**
 * acr_date_parse_for_language:
 * @date: (out caller-allocates): set on success
 *
 * Reads a date typed by staff (see acr-date-input.h): a real calendar day
 * from 1900 to 2999.
 */
gboolean
acr_date_parse_for_language (const char  *text,
                             const char  *language,
                             GDate       *date,
                             GError     **error)
{
  g_autofree char *typed = g_strstrip (g_strdup (text != NULL ? text : ""));
  guint parts[3] = { 0, 0, 0 };
  gsize lengths[3] = { 0, 0, 0 };
  const char *starts[3] = { NULL, NULL, NULL };
  guint n = 0;
  char separator = 0;
  guint day, month, year;
  GDate parsed;

  g_return_val_if_fail (date != NULL, FALSE);

  /* Three groups of digits with one separator, the same both times. */
  starts[0] = typed;
  for (const char *p = typed; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        continue;
      if ((*p != '/' && *p != '.' && *p != '-') || (separator != 0 && *p != separator) || n >= 2)
        return refuse_form (typed, language, error);
      separator = *p;
      lengths[n] = (gsize) (p - starts[n]);
      starts[++n] = p + 1;
    }
  if (n != 2)
    return refuse_form (typed, language, error);
  lengths[2] = strlen (starts[2]);

  if (separator == '-' && lengths[0] == 4)
    {
      /* ISO: 2028-06-30. */
      if (!read_number (starts[0], lengths[0], 4, 4, &parts[0]) ||
          !read_number (starts[1], lengths[1], 1, 2, &parts[1]) ||
          !read_number (starts[2], lengths[2], 1, 2, &parts[2]))
        return refuse_form (typed, language, error);
      year = parts[0];
      month = parts[1];
      day = parts[2];
    }
  else
    {
      if (!read_number (starts[0], lengths[0], 1, 2, &parts[0]) ||
          !read_number (starts[1], lengths[1], 1, 2, &parts[1]))
        return refuse_form (typed, language, error);
      if (!read_number (starts[2], lengths[2], 4, 4, &parts[2]))
        {
          if (read_number (starts[2], lengths[2], 1, 2, &parts[2]))
            {
              g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                           _("“%s”: type the year in full, with four digits"), typed);
              return FALSE;
            }
          return refuse_form (typed, language, error);
        }
      year = parts[2];
      day = day_first (language) ? parts[0] : parts[1];
      month = day_first (language) ? parts[1] : parts[0];
    }

  if (month < 1 || month > 12 || day < 1)
    return refuse_form (typed, language, error);
  if (year < ACR_DATE_MIN_YEAR || year > ACR_DATE_MAX_YEAR)
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                   _("“%s” is out of range: dates run from the year %d to %d"), typed,
                   ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR);
      return FALSE;
    }
  if (day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                   _("“%s” is not a day of the calendar: that month has %u days"), typed,
                   (guint) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      return FALSE;
    }

  g_date_clear (&parsed, 1);
  g_date_set_dmy (&parsed, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  *date = parsed;
  return TRUE;
}
