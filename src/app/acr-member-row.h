#pragma once

#include <gio/gio.h>

#include "acr-member.h"

G_BEGIN_DECLS

#define ACR_TYPE_MEMBER_ROW (acr_member_row_get_type ())

G_DECLARE_FINAL_TYPE (AcrMemberRow, acr_member_row, ACR, MEMBER_ROW, GObject)

AcrMember *acr_member_row_get_member   (AcrMemberRow *self);
guint      acr_member_row_get_position (AcrMemberRow *self);

G_END_DECLS
