#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * AcrDuesLine: one line of dues (national dues, a discount, a chapter, a
 * refund…), in a quote and, frozen at issue, on an invoice or credit note.
 * Immutable: every property is construct-only. The description is the source
 * (English) text; a document renders it in the member's language. A line
 * of a quote may carry a note for staff (how it was decided: the chapter
 * defaulted, the ladder not applied); a note is never frozen on an invoice.
 */

#define ACR_TYPE_DUES_LINE (acr_dues_line_get_type ())

G_DECLARE_FINAL_TYPE (AcrDuesLine, acr_dues_line, ACR, DUES_LINE, GObject)

AcrDuesLine *acr_dues_line_new             (const char  *code,
                                            const char  *description,
                                            gint64       amount_cents,
                                            gboolean     placeholder);
AcrDuesLine *acr_dues_line_new_with_note   (const char  *code,
                                            const char  *description,
                                            gint64       amount_cents,
                                            gboolean     placeholder,
                                            const char  *note);
const char  *acr_dues_line_get_code        (AcrDuesLine *self);
const char  *acr_dues_line_get_description (AcrDuesLine *self);
gint64       acr_dues_line_get_amount_cents (AcrDuesLine *self);
gboolean     acr_dues_line_get_placeholder (AcrDuesLine *self);
const char  *acr_dues_line_get_note        (AcrDuesLine *self);

G_END_DECLS
