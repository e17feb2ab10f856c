#pragma once

#include "acr-invoice-renderer.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * Settings of the membership, kept in its database so that every
 * workstation, the application and the CLI, prints the same invoice for
 * the same number. (What belongs to one workstation, such as the paper
 * size or the window size, stays in GSettings.)
 */
#define ACR_STORE_SETTING_ISSUER_NAME    "invoice.issuer-name"
#define ACR_STORE_SETTING_ISSUER_ADDRESS "invoice.issuer-address"
/* Months a refused application is kept before the lifecycle run anonymises it (acr-anonymise.h). */
#define ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS "privacy.refused-application-retention-months"

/* Longest value a setting may hold, in bytes. */
#define ACR_STORE_SETTING_MAX_LENGTH 1000

char     *acr_store_dup_setting          (AcrStore            *self,
                                          const char          *key,
                                          GError             **error);
gboolean  acr_store_set_setting          (AcrStore            *self,
                                          const char          *key,
                                          const char          *value,
                                          GError             **error);
gboolean  acr_store_configure_renderer   (AcrStore            *self,
                                          AcrInvoiceRenderer  *renderer,
                                          GError             **error);

G_END_DECLS
