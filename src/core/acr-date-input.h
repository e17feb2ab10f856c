#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Dates as staff type them, in the interface's language: the usual form of
 * the language, "06/30/2028" (month first) in English and "30/06/2028"
 * (day first; also "30.06.2028" and "30-06-2028") in French, or the ISO
 * form "2028-06-30" in either. Days and months take one or two digits, the
 * year four. Refusals are ACR_PERSON_ERROR_INVALID with a message in the
 * words staff use (the form to type, an example, the days the month has),
 * never a fact's key. @language: "en", "fr", or NULL for the interface's.
 */

gboolean  acr_date_parse_for_language  (const char   *text,
                                        const char   *language,
                                        GDate        *date,
                                        GError      **error);
char     *acr_date_format_for_input    (const GDate  *date,
                                        const char   *language);
const char *acr_date_input_hint        (const char   *language);

G_END_DECLS
