#pragma once

#include <glib.h>

G_BEGIN_DECLS

void acr_test_ui_init (int    *argc,
                       char ***argv);

G_END_DECLS
