#pragma once

#include <adwaita.h>

#include "acr-applicant-form.h"
#include "acr-billing-page.h"
#include "acr-members-page.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_WINDOW (acr_window_get_type ())

G_DECLARE_FINAL_TYPE (AcrWindow, acr_window, ACR, WINDOW, AdwApplicationWindow)

AcrWindow          *acr_window_new                  (AdwApplication *application);
AcrRules           *acr_window_get_rules            (AcrWindow      *self);
void                acr_window_set_rules            (AcrWindow      *self,
                                                     AcrRules       *rules);
AcrStore           *acr_window_get_store            (AcrWindow      *self);
void                acr_window_set_store            (AcrWindow      *self,
                                                     AcrStore       *store,
                                                     const GError   *error);
const char         *acr_window_get_view             (AcrWindow      *self);
void                acr_window_set_view             (AcrWindow      *self,
                                                     const char     *view);
void                acr_window_add_toast            (AcrWindow      *self,
                                                     AdwToast       *toast);
void                acr_window_toast_for            (GtkWidget      *widget,
                                                     const char     *text);
AcrApplicantForm   *acr_window_get_applicant_form   (AcrWindow      *self);
AcrMembersPage     *acr_window_get_members_page     (AcrWindow      *self);
AcrBillingPage     *acr_window_get_billing_page     (AcrWindow      *self);

G_END_DECLS
