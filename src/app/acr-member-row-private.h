#pragma once

#include "acr-member-row.h"

G_BEGIN_DECLS

AcrMemberRow *_acr_member_row_new        (guint         position,
                                          AcrMember    *member);
void          _acr_member_row_set_member (AcrMemberRow *self,
                                          AcrMember    *member);

G_END_DECLS
