#pragma once

#include <adwaita.h>

#include "acr-person.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_APPLICANT_FORM (acr_applicant_form_get_type ())

G_DECLARE_FINAL_TYPE (AcrApplicantForm, acr_applicant_form, ACR, APPLICANT_FORM, GtkWidget)

AcrRules  *acr_applicant_form_get_rules   (AcrApplicantForm  *self);
void       acr_applicant_form_set_rules   (AcrApplicantForm  *self,
                                           AcrRules          *rules);
void       acr_applicant_form_set_store   (AcrApplicantForm  *self,
                                           AcrStore          *store);
AcrPerson *acr_applicant_form_get_person  (AcrApplicantForm  *self);
AcrMember *acr_applicant_form_get_contact (AcrApplicantForm  *self);
void       acr_applicant_form_start_new   (AcrApplicantForm  *self);
gboolean   acr_applicant_form_submit      (AcrApplicantForm  *self,
                                           AcrMember        **member,
                                           GError           **error);

G_END_DECLS
