#pragma once

#include "acr-billing.h"

G_BEGIN_DECLS

/* For AcrBillingRun: the steps of acr_billing_create_invoice, the transaction left to the caller. */
AcrDuesQuote *_acr_billing_quote_member (AcrBilling    *self,
                                         AcrMember     *member,
                                         int            year,
                                         const GDate   *issued_on,
                                         GError       **error);
AcrInvoice   *_acr_billing_issue        (AcrBilling    *self,
                                         AcrMember     *member,
                                         AcrDuesQuote  *quote,
                                         const GDate   *issued_on,
                                         GError       **error);

G_END_DECLS
