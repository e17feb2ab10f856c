#pragma once

/* Runs a person through a rules bundle the way `classify` and `quote` do,
 * so the person and rules targets reach the engine and not only the parser. */

#include "acr-rules.h"

static inline void
fuzz_check_person (AcrRules  *rules,
                   AcrPerson *person)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  g_autoptr (JsonNode) decision_json = NULL;
  g_autofree int *years = NULL;
  guint n_years = 0;
  GDate on;

  if (!acr_rules_validate_person (rules, person, "fuzz", &error))
    {
      g_assert_nonnull (error);
      return;
    }

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 1, G_DATE_JULY, 2026);
  decision = acr_rules_classify (rules, person, &on, &error);
  g_assert_true ((decision == NULL) == (error != NULL));
  if (decision == NULL)
    return;
  decision_json = acr_decision_to_json (decision);
  g_assert_nonnull (decision_json);

  years = acr_rules_list_years (rules, &n_years);
  for (guint i = 0; i < n_years && i < 3; i++)
    {
      g_autoptr (GError) quote_error = NULL;
      g_autoptr (AcrDuesQuote) quote = NULL;
      GDate billed_on;

      if (years[i] < 1 || years[i] > 9999)
        continue;
      g_date_clear (&billed_on, 1);
      g_date_set_dmy (&billed_on, 1, G_DATE_JANUARY, (GDateYear) years[i]);
      quote = acr_rules_quote (rules, person, years[i], &billed_on, &quote_error);
      g_assert_true ((quote == NULL) == (quote_error != NULL));
      if (quote != NULL)
        {
          g_autoptr (JsonNode) quote_json = acr_dues_quote_to_json (quote);
          g_assert_nonnull (quote_json);
        }
    }
}
