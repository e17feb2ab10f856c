#pragma once

#include <adwaita.h>

#include "acr-member.h"

G_BEGIN_DECLS

#define ACR_TYPE_MEMBER_EDIT_DIALOG (acr_member_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrMemberEditDialog, acr_member_edit_dialog, ACR, MEMBER_EDIT_DIALOG, AdwMessageDialog)

AcrMemberEditDialog *acr_member_edit_dialog_new        (GtkWindow            *parent,
                                                        AcrMember            *member);
AcrMember           *acr_member_edit_dialog_get_member (AcrMemberEditDialog  *self);
AcrMember           *acr_member_edit_dialog_dup_edited (AcrMemberEditDialog  *self,
                                                        GError              **error);

G_END_DECLS
