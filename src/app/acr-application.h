#pragma once

#include <adwaita.h>

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_APPLICATION (acr_application_get_type ())

G_DECLARE_FINAL_TYPE (AcrApplication, acr_application, ACR, APPLICATION, AdwApplication)

AcrApplication *acr_application_new             (void);
AcrRules       *acr_application_get_rules       (AcrApplication *self);
AcrStore       *acr_application_get_store       (AcrApplication *self);
const GError   *acr_application_get_store_error (AcrApplication *self);
gboolean        acr_application_restore_backup  (AcrApplication *self,
                                                 const char     *backup_path,
                                                 GError        **error);

G_END_DECLS
