#pragma once

#include <adwaita.h>

#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_PREFERENCES_WINDOW (acr_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AcrPreferencesWindow, acr_preferences_window, ACR, PREFERENCES_WINDOW, AdwPreferencesWindow)

AcrPreferencesWindow *acr_preferences_window_new              (GtkWindow            *transient_for);
gboolean              acr_preferences_window_choose_rules_file (AcrPreferencesWindow *self,
                                                                const char           *path);
void                  acr_preferences_window_set_store         (AcrPreferencesWindow *self,
                                                                AcrStore             *store);

gboolean              acr_preferences_import_issuer            (GSettings            *settings,
                                                                AcrStore             *store,
                                                                GError              **error);

G_END_DECLS
