#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ACR_TYPE_WINDOW (acr_window_get_type ())

G_DECLARE_FINAL_TYPE (AcrWindow, acr_window, ACR, WINDOW, AdwApplicationWindow)

AcrWindow  *acr_window_new            (AdwApplication *application);
const char *acr_window_get_view       (AcrWindow      *self);
void        acr_window_set_view       (AcrWindow      *self,
                                       const char     *view);
void        acr_window_add_toast      (AcrWindow      *self,
                                       AdwToast       *toast);

G_END_DECLS
