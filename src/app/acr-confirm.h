#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef enum
{
  ACR_CONFIRM_SUGGESTED       = 0,
  ACR_CONFIRM_DESTRUCTIVE     = 1 << 0,
  ACR_CONFIRM_DEFAULT_CONFIRM = 1 << 1,
} AcrConfirmFlags;

AdwMessageDialog *acr_confirm (GtkWidget       *widget,
                               const char      *heading,
                               const char      *body,
                               const char      *response,
                               const char      *label,
                               AcrConfirmFlags  flags,
                               GCallback        confirmed,
                               gpointer         object);
AdwMessageDialog *acr_alert   (GtkWidget       *widget,
                               const char      *heading,
                               const char      *body);

G_END_DECLS
