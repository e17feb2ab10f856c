#pragma once

#include <adwaita.h>

#include "acr-person.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_APPLICATION_PAGE (acr_application_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrApplicationPage, acr_application_page, ACR, APPLICATION_PAGE, GtkWidget)

AcrRules  *acr_application_page_get_rules   (AcrApplicationPage *self);
void       acr_application_page_set_rules   (AcrApplicationPage *self,
                                             AcrRules           *rules);
void       acr_application_page_set_store   (AcrApplicationPage *self,
                                             AcrStore           *store);
AcrPerson *acr_application_page_get_person  (AcrApplicationPage *self);
AcrMember *acr_application_page_get_contact (AcrApplicationPage *self);
void       acr_application_page_start_new   (AcrApplicationPage *self);
gboolean   acr_application_page_submit      (AcrApplicationPage *self,
                                             AcrMember         **member,
                                             GError            **error);

G_END_DECLS
