#pragma once

#include <gio/gio.h>

#include "acr-member-row.h"

G_BEGIN_DECLS

#define ACR_TYPE_MEMBER_ROWS (acr_member_rows_get_type ())

G_DECLARE_FINAL_TYPE (AcrMemberRows, acr_member_rows, ACR, MEMBER_ROWS, GObject)

AcrMemberRows *acr_member_rows_new                  (GListModel    *members);
void           acr_member_rows_set_members          (AcrMemberRows *self,
                                                     GListModel    *members);
void           acr_member_rows_refresh              (AcrMemberRows *self);
void           acr_member_rows_set_visible_range    (AcrMemberRows *self,
                                                     guint          first,
                                                     guint          count);
gboolean       acr_member_rows_get_hold_when_empty  (AcrMemberRows *self);
void           acr_member_rows_set_hold_when_empty  (AcrMemberRows *self,
                                                     gboolean       hold_when_empty);
gboolean       acr_member_rows_get_shrink_after_frame (AcrMemberRows *self);
void           acr_member_rows_set_shrink_after_frame (AcrMemberRows *self,
                                                       gboolean       shrink_after_frame);
gboolean       acr_member_rows_get_grow_after_frame (AcrMemberRows *self);
void           acr_member_rows_set_grow_after_frame (AcrMemberRows *self,
                                                     gboolean       grow_after_frame);

G_END_DECLS
