#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "acr-category.h"

G_BEGIN_DECLS

/* The result of classifying a person on a date: the category, every category
 * the person qualifies for, why, what staff still need to ask, the rights on
 * that date and the next date on which the decision changes by itself. */

#define ACR_TYPE_DECISION (acr_decision_get_type ())

G_DECLARE_FINAL_TYPE (AcrDecision, acr_decision, ACR, DECISION, GObject)

const GDate        *acr_decision_get_date                 (AcrDecision *self);
const char         *acr_decision_get_category_id          (AcrDecision *self);
AcrCategory        *acr_decision_get_category             (AcrDecision *self);
const char * const *acr_decision_get_eligible             (AcrDecision *self);
gboolean            acr_decision_is_eligible              (AcrDecision *self,
                                                           const char  *category_id);
const char * const *acr_decision_get_reasons              (AcrDecision *self);
const char * const *acr_decision_get_missing              (AcrDecision *self);
const char * const *acr_decision_get_review               (AcrDecision *self);
gboolean            acr_decision_get_committees           (AcrDecision *self);
gboolean            acr_decision_get_elective_office      (AcrDecision *self);
gboolean            acr_decision_get_board_of_chancellors (AcrDecision *self);
gboolean            acr_decision_get_right_stated         (AcrDecision *self,
                                                           const char  *right);
const GDate        *acr_decision_get_next_change_date     (AcrDecision *self);
const char         *acr_decision_get_next_change_category (AcrDecision *self);
const char         *acr_decision_get_next_change_reason   (AcrDecision *self);
JsonNode           *acr_decision_to_json                  (AcrDecision *self);

G_END_DECLS
