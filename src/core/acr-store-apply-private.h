#pragma once

#include "acr-store-apply.h"

G_BEGIN_DECLS

/* For acr_billing_apply (): acr_store_apply () in the caller's transaction. */
gboolean _acr_store_apply_locked (AcrStore     *store,
                                  AcrRules     *rules,
                                  AcrPerson    *person,
                                  AcrMember    *contact,
                                  const GDate  *applied_on,
                                  AcrMember   **member,
                                  AcrDecision **decision,
                                  GError      **error);

G_END_DECLS
