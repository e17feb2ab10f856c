#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Folding for lookup: what staff type and what is stored are compared after
 * both are folded, so "Lefèvre", "LEFEVRE" and "lefevre" are one key.
 */

char     *acr_search_fold        (const char *text);
char     *acr_search_fold_postal (const char *text);
gboolean  acr_search_is_digits   (const char *text);

/* Called for each word of a folded key, as the lookup indexes it. */
typedef void (*AcrSearchWordFunc) (const char *word,
                                   gsize       length,
                                   gpointer    user_data);

void      acr_search_foreach_word (const char        *key,
                                   AcrSearchWordFunc  func,
                                   gpointer           user_data);

G_END_DECLS
