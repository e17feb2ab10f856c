#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * AcrRetirementOutcome: what recording a retirement on a given notice date
 * does to one of the member's standing invoices, as
 * acr_billing_preview_retirement () works it out with the same rules as
 * acr_billing_retire_member (). Staff see it before they confirm.
 */

typedef enum
{
  ACR_RETIREMENT_DUES_STILL_OWED,   /* the rules still owe the year: the invoice stands, @amount_cents still due */
  ACR_RETIREMENT_INVOICE_STANDS,    /* the rules still owe the year and it is paid: nothing changes */
  ACR_RETIREMENT_INVOICE_CANCELLED, /* a credit note cancels it; no money was held, nothing is owed back */
  ACR_RETIREMENT_REFUND_DUE,        /* a credit note cancels it; @amount_cents held is owed back to the member */
} AcrRetirementEffect;

typedef struct
{
  char                *invoice_number;
  int                  year;
  AcrRetirementEffect  effect;
  gint64               amount_cents;   /* see AcrRetirementEffect; 0 for INVOICE_STANDS */
  gint64               total_cents;    /* the invoice's total */
} AcrRetirementOutcome;

AcrRetirementOutcome *acr_retirement_outcome_new  (const char           *invoice_number,
                                                   int                   year,
                                                   AcrRetirementEffect   effect,
                                                   gint64                amount_cents,
                                                   gint64                total_cents);
void                  acr_retirement_outcome_free (AcrRetirementOutcome *outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrRetirementOutcome, acr_retirement_outcome_free)

G_END_DECLS
