#pragma once

#include "acr-member-row.h"

G_BEGIN_DECLS

typedef struct _AcrMemberRows AcrMemberRows;

AcrMemberRow *_acr_member_row_new        (AcrMemberRows *rows,
                                          guint          position,
                                          AcrMember     *member);
void          _acr_member_row_set_member (AcrMemberRow *self,
                                          AcrMember    *member);

void          _acr_member_rows_refresh_row (AcrMemberRows *self,
                                            guint          position);

G_END_DECLS
