#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-person.h"
#include "acr-store-backend.h"
#include "acr-store-settings.h"

static const char * const known_keys[] = {
  ACR_STORE_SETTING_ISSUER_NAME,
  ACR_STORE_SETTING_ISSUER_ADDRESS,
  ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS,
  NULL
};

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (g_strv_contains (known_keys, key))
    return TRUE;

  g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
               _("“%s” is not a setting of the membership"), key);
  return FALSE;
}

/**
 * acr_store_dup_setting:
 * @key: one of the ACR_STORE_SETTING_ keys
 *
 * Returns: (transfer full) (nullable): the value, or %NULL (without an
 *   error) when the membership has none
 */
char *
acr_store_dup_setting (AcrStore    *self,
                       const char  *key,
                       GError     **error)
{
  AcrStoreBackend *backend;

  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!check_key (key, error))
    return NULL;

  backend = acr_store_get_backend (self);
  return ACR_STORE_BACKEND_GET_IFACE (backend)->get_setting (backend, key, error);
}

/**
 * acr_store_set_setting:
 * @key: one of the ACR_STORE_SETTING_ keys
 * @value: UTF-8 text of at most %ACR_STORE_SETTING_MAX_LENGTH bytes; ""
 *   means the built-in default (as for the issuer)
 *
 * Writes @value for every workstation. A refused value changes nothing.
 */
gboolean
acr_store_set_setting (AcrStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  AcrStoreBackend *backend;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;

  if (!acr_text_check_utf8 (value, -1, &local_error))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID, "%s: %s", key, local_error->message);
      return FALSE;
    }
  if (strlen (value) > ACR_STORE_SETTING_MAX_LENGTH)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: longer than %d bytes; shorten it"), key, ACR_STORE_SETTING_MAX_LENGTH);
      return FALSE;
    }

  backend = acr_store_get_backend (self);
  return ACR_STORE_BACKEND_GET_IFACE (backend)->set_setting (backend, key, value, error);
}

/**
 * acr_store_configure_renderer:
 *
 * Gives @renderer the issuer name and address of the membership; one left
 * unset or empty keeps the renderer's built-in default.
 */
gboolean
acr_store_configure_renderer (AcrStore            *self,
                              AcrInvoiceRenderer  *renderer,
                              GError             **error)
{
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (renderer), FALSE);

  name = acr_store_dup_setting (self, ACR_STORE_SETTING_ISSUER_NAME, &local_error);
  if (local_error == NULL)
    address = acr_store_dup_setting (self, ACR_STORE_SETTING_ISSUER_ADDRESS, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (name != NULL && name[0] != '\0')
    acr_invoice_renderer_set_issuer_name (renderer, name);
  if (address != NULL && address[0] != '\0')
    acr_invoice_renderer_set_issuer_address (renderer, address);

  return TRUE;
}
