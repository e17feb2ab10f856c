#define G_LOG_DOMAIN "acr-invoice-search"

#include "config.h"

#include <string.h>

#include "acr-invoice-search.h"
#include "acr-search-fold.h"

/**
 * acr_invoice_matches_search:
 * @folded_query: what staff typed, folded with acr_search_fold ()
 *
 * Whether every word of @folded_query is found, in any order, in
 * @invoice's number, its member number or its member's folded name. An
 * empty query matches every invoice.
 */
gboolean
acr_invoice_matches_search (AcrInvoice *invoice,
                            const char *folded_query)
{
  g_autofree char *name = NULL;
  g_auto (GStrv) words = NULL;
  const char *member_number;

  g_return_val_if_fail (ACR_IS_INVOICE (invoice), FALSE);

  if (folded_query == NULL || *folded_query == '\0')
    return TRUE;

  name = acr_search_fold (acr_invoice_get_member_name (invoice));
  member_number = acr_invoice_get_member_number (invoice);
  words = g_strsplit (folded_query, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];

      if (*word == '\0')
        continue;
      if (strstr (acr_invoice_get_number (invoice), word) == NULL &&
          (member_number == NULL || strstr (member_number, word) == NULL) &&
          strstr (name, word) == NULL)
        return FALSE;
    }

  return TRUE;
}
