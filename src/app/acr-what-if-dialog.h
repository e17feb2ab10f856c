#pragma once

#include <adwaita.h>

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_WHAT_IF_DIALOG (acr_what_if_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrWhatIfDialog, acr_what_if_dialog, ACR, WHAT_IF_DIALOG, AdwWindow)

AcrWhatIfDialog *acr_what_if_dialog_new               (GtkWindow       *parent,
                                                       AcrStore        *store,
                                                       AcrRules        *rules);
void             acr_what_if_dialog_set_proposed_file (AcrWhatIfDialog *self,
                                                       GFile           *file);
void             acr_what_if_dialog_set_year          (AcrWhatIfDialog *self,
                                                       int              year);
void             acr_what_if_dialog_compare           (AcrWhatIfDialog *self);
gboolean         acr_what_if_dialog_get_running       (AcrWhatIfDialog *self);

G_END_DECLS
