#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A local chapter of the College (a US state, DC, a Canadian province or
 * territory) and its dues for each membership year of the bundle. */

#define ACR_TYPE_CHAPTER (acr_chapter_get_type ())

G_DECLARE_FINAL_TYPE (AcrChapter, acr_chapter, ACR, CHAPTER, GObject)

const char *acr_chapter_get_code    (AcrChapter *self);
const char *acr_chapter_get_name    (AcrChapter *self);
const char *acr_chapter_get_country (AcrChapter *self);
gboolean    acr_chapter_get_dues    (AcrChapter *self,
                                     int         year,
                                     gint64     *amount_cents,
                                     gboolean   *placeholder);

G_END_DECLS
