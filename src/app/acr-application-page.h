#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ACR_TYPE_APPLICATION_PAGE (acr_application_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrApplicationPage, acr_application_page, ACR, APPLICATION_PAGE, AdwBin)
void acr_application_page_start_new (AcrApplicationPage *self);

G_END_DECLS
