#pragma once

#include <gtk/gtk.h>

#include "acr-window.h"

G_BEGIN_DECLS

void       acr_test_ui_init               (int             *argc,
                                           char          ***argv);
void       acr_test_ui_use_build_catalogs (void);

AcrWindow *acr_test_ui_show_window        (AcrStore        *store);
void       acr_test_ui_close_window       (AcrWindow       *window,
                                           AcrStore        *store);
void       acr_test_ui_wait_for_billing   (AcrBillingPage  *page);

GtkWidget *acr_test_ui_find_widget        (GtkWidget       *widget,
                                           GType            type,
                                           const char      *name);
GtkWidget *acr_test_ui_find_action_button (GtkWidget       *widget,
                                           const char      *action);
GtkWindow *acr_test_ui_find_toplevel      (GType            type);
GtkWindow *acr_test_ui_wait_for_toplevel  (GType            type);

G_END_DECLS
