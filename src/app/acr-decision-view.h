#pragma once

#include <adwaita.h>

#include "acr-rules.h"

G_BEGIN_DECLS

#define ACR_TYPE_DECISION_VIEW (acr_decision_view_get_type ())

G_DECLARE_FINAL_TYPE (AcrDecisionView, acr_decision_view, ACR, DECISION_VIEW, GtkWidget)

void         acr_decision_view_show         (AcrDecisionView *self,
                                             AcrRules        *rules,
                                             AcrDecision     *decision,
                                             AcrDuesQuote    *quote,
                                             const GError    *error);
AcrDecision *acr_decision_view_get_decision (AcrDecisionView *self);
AcrDuesQuote *acr_decision_view_get_quote   (AcrDecisionView *self);
const char  *acr_decision_view_get_title    (AcrDecisionView *self);

G_END_DECLS
