#pragma once

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

gboolean acr_store_apply (AcrStore     *store,
                          AcrRules     *rules,
                          AcrPerson    *person,
                          AcrMember    *contact,
                          const GDate  *applied_on,
                          AcrMember   **member,
                          AcrDecision **decision,
                          GError      **error);

G_END_DECLS
