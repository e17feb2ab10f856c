#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-rules-private.h"

/* AcrRules: what the bundle says about billing beyond the dues of one
 * person — which amounts of a year are placeholders, and for which year a
 * new member's first invoice is made (the bundle's "first_invoice"). */

static const char * const first_invoice_keys[] = { "next_year_from", "assumption", NULL };

/* "MM-DD", a day every year has (February 29 is refused). */
static gboolean
parse_month_day (const char *text,
                 int        *month,
                 int        *day)
{
  if (text == NULL || strlen (text) != 5 || text[2] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  *month = (text[0] - '0') * 10 + (text[1] - '0');
  *day = (text[3] - '0') * 10 + (text[4] - '0');

  /* 2001 is not a leap year: February 29 fails. */
  return *month >= 1 && *month <= 12 && g_date_valid_dmy (*day, *month, 2001);
}

gboolean
_acr_rules_load_first_invoice (AcrRules             *self,
                               const AcrJsonReader  *reader,
                               JsonNode             *node,
                               GError              **error)
{
  const char *path = "first_invoice";
  g_autofree char *from = NULL;
  JsonObject *object;
  int month = 0, day = 0;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, first_invoice_keys, error) ||
      !_acr_json_read_string (reader, object, path, "next_year_from", TRUE, &from, error) ||
      !_acr_json_read_string (reader, object, path, "assumption", TRUE, &self->first_invoice_source, error))
    return FALSE;

  if (!parse_month_day (from, &month, &day))
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, "first_invoice.next_year_from",
                           _("expected a day of the year as MM-DD such as “10-01” (not 02-29), got “%s”"), from);

  self->first_invoice_month = month;
  self->first_invoice_day = day;
  return TRUE;
}

/**
 * acr_rules_get_first_invoice_year:
 * @approved_on: the day the application is approved
 *
 * The membership year a new member's first invoice is for, unless staff
 * choose another: the year of @approved_on before the bundle's cut-off day
 * ("first_invoice.next_year_from"), the next year from that day on. A
 * bundle without a cut-off bills the year of approval.
 */
int
acr_rules_get_first_invoice_year (AcrRules    *self,
                                  const GDate *approved_on)
{
  int year;

  g_return_val_if_fail (ACR_IS_RULES (self), 0);
  g_return_val_if_fail (approved_on != NULL && g_date_valid (approved_on), 0);

  year = g_date_get_year (approved_on);
  if (self->first_invoice_month == 0)
    return year;

  if ((int) g_date_get_month (approved_on) > self->first_invoice_month ||
      ((int) g_date_get_month (approved_on) == self->first_invoice_month &&
       (int) g_date_get_day (approved_on) >= self->first_invoice_day))
    return year + 1;

  return year;
}

/**
 * acr_rules_get_first_invoice_cutoff:
 * @month: (out) (optional): 1–12, or 0 when the bundle sets no cut-off
 * @day: (out) (optional): 1–31
 *
 * Returns: (nullable): the bundle's reason for the cut-off
 */
const char *
acr_rules_get_first_invoice_cutoff (AcrRules *self,
                                    int      *month,
                                    int      *day)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  if (month != NULL)
    *month = self->first_invoice_month;
  if (day != NULL)
    *day = self->first_invoice_day;
  return self->first_invoice_source;
}

/**
 * acr_rules_year_has_placeholders:
 *
 * Whether any amount of @year's schedule (national dues, ladder years,
 * chapter dues) is a placeholder: then a quote for the year may use one.
 * FALSE for a year the rules do not cover.
 */
gboolean
acr_rules_year_has_placeholders (AcrRules *self,
                                 int       year)
{
  DuesYear *schedule;
  guint n_chapters;

  g_return_val_if_fail (ACR_IS_RULES (self), FALSE);

  if ((schedule = _acr_rules_find_year (self, year)) == NULL)
    return FALSE;

  for (guint i = 0; i < schedule->national->len; i++)
    {
      NationalDues *dues = schedule->national->pdata[i];

      if (dues->amount.placeholder)
        return TRUE;
      for (guint j = 0; dues->ladder != NULL && j < dues->ladder->len; j++)
        if (g_array_index (dues->ladder, Amount, j).placeholder)
          return TRUE;
    }

  n_chapters = g_list_model_get_n_items (G_LIST_MODEL (self->chapters));
  for (guint i = 0; i < n_chapters; i++)
    {
      g_autoptr(AcrChapter) chapter = g_list_model_get_item (G_LIST_MODEL (self->chapters), i);
      gboolean placeholder = FALSE;

      if (acr_chapter_get_dues (chapter, year, NULL, &placeholder) && placeholder)
        return TRUE;
    }

  return FALSE;
}
