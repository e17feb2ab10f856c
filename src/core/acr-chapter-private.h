#pragma once

#include "acr-chapter.h"

G_BEGIN_DECLS

AcrChapter *_acr_chapter_new      (const char *code,
                                   const char *name,
                                   const char *country);
void        _acr_chapter_set_dues (AcrChapter *self,
                                   int         year,
                                   gint64      amount_cents,
                                   gboolean    placeholder);

G_END_DECLS
