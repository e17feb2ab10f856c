#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Staff-facing names for the codes, fields and statuses of the core types
 * ("medical-physicist" reads "Medical physicist"). Presentation only: what
 * the codes mean belongs to AcrPerson, AcrMember and the rules. */
const char *acr_format_code           (const char *fact,
                                       const char *code);
const char *acr_format_member_field   (const char *name);
const char *acr_format_status         (const char *status);
const char *acr_format_invoice_status (const char *status);

void        acr_drop_down_make_compact (GtkDropDown *drop_down);

char       *acr_format_count          (guint       n);

G_END_DECLS
