#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include "acr-store-backend.h"

G_DEFINE_INTERFACE (AcrStoreBackend, acr_store_backend, G_TYPE_OBJECT)

static void
acr_store_backend_default_init (AcrStoreBackendInterface *iface)
{
}

void
acr_invoice_ref_free (AcrInvoiceRef *ref)
{
  if (ref == NULL)
    return;
  g_free (ref->number);
  g_free (ref->kind);
  g_free (ref->postal_code);
  g_free (ref);
}
