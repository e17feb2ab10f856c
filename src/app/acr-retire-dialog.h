#pragma once

#include <adwaita.h>

#include "acr-billing.h"
#include "acr-member.h"

G_BEGIN_DECLS

#define ACR_TYPE_RETIRE_DIALOG (acr_retire_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrRetireDialog, acr_retire_dialog, ACR, RETIRE_DIALOG, AdwWindow)

AcrRetireDialog *acr_retire_dialog_new        (GtkWindow       *parent,
                                               AcrBilling      *billing,
                                               AcrMember       *member);
const char      *acr_retire_dialog_get_consequence (AcrRetireDialog *self);

G_END_DECLS
