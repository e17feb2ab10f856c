#pragma once

#include "acr-rules.h"

/* Small helpers shared by the rules tests: a person from inline JSON, a date
 * from ISO text, a decision or a quote in one call. Header-only (static
 * inline) so each test stays one file. */

static inline AcrRules *
rules_default (void)
{
  static AcrRules *rules;

  /* Loaded once per test program; the bundle is immutable. */
  if (rules == NULL)
    {
      g_autoptr(GError) error = NULL;

      rules = acr_rules_new_default (&error);
      g_assert_no_error (error);
    }

  return rules;
}

/* @json may use ' for " to keep the tests readable. */
static inline AcrPerson *
person_new (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdelimit (g_strdup (json), "'", '"');
  AcrPerson *person = acr_person_new_from_data (text, -1, "person.json", &error);

  g_assert_no_error (error);
  return person;
}

static inline GDate
date_of (const char *iso)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (iso, &date));
  return date;
}

static inline AcrDecision *
classify_on (const char *json,
             const char *iso)
{
  g_autoptr(AcrPerson) person = person_new (json);
  g_autoptr(GError) error = NULL;
  GDate on = date_of (iso);
  AcrDecision *decision = acr_rules_classify (rules_default (), person, &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (decision);
  return decision;
}

static inline AcrDuesQuote *
quote_with (AcrRules   *rules,
            const char *json,
            int         year,
            const char *iso)
{
  g_autoptr(AcrPerson) person = person_new (json);
  g_autoptr(GError) error = NULL;
  GDate on = date_of (iso);
  AcrDuesQuote *quote = acr_rules_quote (rules, person, year, &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (quote);
  return quote;
}

static inline AcrDuesQuote *
quote_on (const char *json,
          int         year,
          const char *iso)
{
  return quote_with (rules_default (), json, year, iso);
}

/* The category decided for @json on @iso ("" for none). */
static inline void
assert_category (const char *json,
                 const char *iso,
                 const char *expected)
{
  g_autoptr(AcrDecision) decision = classify_on (json, iso);
  const char *id = acr_decision_get_category_id (decision);

  g_assert_cmpstr (id != NULL ? id : "", ==, expected);
}

static inline gboolean
strv_has (const char * const *strv,
          const char         *item)
{
  return g_strv_contains (strv, item);
}
