#pragma once

#include <glib.h>

#include "acr-store.h"

G_BEGIN_DECLS

/* Helpers shared by the test programs. */

char     *acr_test_make_temp_dir (void);
void      acr_test_remove_tree   (const char *dir);
AcrStore *acr_test_open_store    (const char *dir);
void      acr_test_ensure_sample_database (const char *path,
                                           guint       count);

G_END_DECLS
