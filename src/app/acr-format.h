#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Presentation helpers shared by the views.
 *
 * acr_format_code: staff-facing names of the codes of the person facts ("medical-physicist"
 * reads "Medical physicist"). Presentation only: the codes themselves and
 * what they mean for a decision belong to AcrPerson and the rules. */
const char *acr_format_code  (const char *fact,
                              const char *code);
char       *acr_format_money (gint64      cents,
                              const char *currency);

G_END_DECLS
