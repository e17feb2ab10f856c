#pragma once

#include <adwaita.h>

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_MEMBER_PANE (acr_member_pane_get_type ())

G_DECLARE_FINAL_TYPE (AcrMemberPane, acr_member_pane, ACR, MEMBER_PANE, GtkWidget)

void       acr_member_pane_set_store  (AcrMemberPane *self,
                                       AcrStore      *store);
void       acr_member_pane_set_rules  (AcrMemberPane *self,
                                       AcrRules      *rules);
AcrMember *acr_member_pane_get_member (AcrMemberPane *self);
void       acr_member_pane_set_member (AcrMemberPane *self,
                                       AcrMember     *member);

G_END_DECLS
