#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ACR_TYPE_MEMBERS_PAGE (acr_members_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrMembersPage, acr_members_page, ACR, MEMBERS_PAGE, GtkWidget)
void acr_members_page_focus_search (AcrMembersPage *self);

G_END_DECLS
