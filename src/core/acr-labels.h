#pragma once

#include <gio/gio.h>

#include "acr-store.h"

G_BEGIN_DECLS

/*
 * Mailing labels: the addresses of a lookup's members, in postal-code
 * order (what bulk mail wants), formatted as invoices print them
 * (acr-postal-address.h: a country line for an address abroad), on a
 * sheet of self-adhesive labels:
 *
 *   avery-5160   US Letter, 3 × 10 labels of 2⅝ × 1 in (30 a sheet)
 *   l7163        A4, 2 × 7 labels of 99.1 × 38.1 mm (14 a sheet)
 */

typedef enum
{
  ACR_LABEL_SHEET_AVERY_5160,
  ACR_LABEL_SHEET_L7163,
} AcrLabelSheet;

typedef struct
{
  char *collate_key;  /* the postal code, as it sorts */
  char *address;      /* the lines of the label */
} AcrLabel;

void        acr_label_free               (AcrLabel       *label);
gboolean    acr_label_sheet_from_string  (const char     *text,
                                          AcrLabelSheet  *sheet);
const char *acr_label_sheet_to_string    (AcrLabelSheet   sheet);
guint       acr_label_sheet_get_per_page (AcrLabelSheet   sheet);

GPtrArray  *acr_labels_collect           (AcrStore       *store,
                                          GArray         *ids,
                                          GError        **error);
gboolean    acr_labels_write_pdf         (GPtrArray      *labels,
                                          AcrLabelSheet   sheet,
                                          GOutputStream  *stream,
                                          GError        **error);

G_END_DECLS
