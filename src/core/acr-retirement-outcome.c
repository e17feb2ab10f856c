#define G_LOG_DOMAIN "acr-retirement-outcome"

#include "config.h"

#include "acr-retirement-outcome.h"

AcrRetirementOutcome *
acr_retirement_outcome_new (const char          *invoice_number,
                            int                  year,
                            AcrRetirementEffect  effect,
                            gint64               amount_cents,
                            gint64               total_cents)
{
  AcrRetirementOutcome *outcome = g_new0 (AcrRetirementOutcome, 1);

  g_return_val_if_fail (invoice_number != NULL, NULL);

  outcome->invoice_number = g_strdup (invoice_number);
  outcome->year = year;
  outcome->effect = effect;
  outcome->amount_cents = amount_cents;
  outcome->total_cents = total_cents;
  return outcome;
}

void
acr_retirement_outcome_free (AcrRetirementOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->invoice_number);
  g_free (outcome);
}
