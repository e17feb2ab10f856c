#pragma once

#include "acr-billing.h"
#include "acr-decision.h"

G_BEGIN_DECLS

/*
 * Approving an application and editing a member: the policy both fronts
 * (the app and the CLI) follow, so that they cannot disagree.
 *
 * acr_billing_apply () records the application as acr_store_apply () does
 * and, when the person becomes a member, issues the first invoice in the
 * same transaction: either both are written or neither.
 *
 * The first invoice is for @first_year, or when it is 0 for the rules'
 * default (acr_rules_get_first_invoice_year (): the year of approval
 * before the bundle's cut-off day, the next year from it on). It is issued
 * only in the category the member was approved in: when the rules place
 * the person in another category on January 1 of that year (a radiologist
 * who retired before joining was a general member then; a resident was in
 * training) no invoice is issued, and *@no_invoice_reason says why. The
 * same holds when the year owes nothing, or the member was already billed.
 */

gboolean  acr_billing_apply        (AcrBilling    *self,
                                    AcrPerson     *person,
                                    AcrMember     *contact,
                                    const GDate   *applied_on,
                                    int            first_year,
                                    AcrMember    **member,
                                    AcrDecision  **decision,
                                    AcrInvoice   **invoice,
                                    char         **no_invoice_reason,
                                    GError       **error);

gboolean  acr_billing_save_edit    (AcrBilling    *self,
                                    AcrMember     *member,
                                    const GDate   *on,
                                    const char    *reason,
                                    GError       **error);

G_END_DECLS
