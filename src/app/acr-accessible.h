#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char *acr_accessible_strip_mnemonic   (const char *label);
void  acr_accessible_name_mnemonics   (GtkWidget  *widget);

G_END_DECLS
