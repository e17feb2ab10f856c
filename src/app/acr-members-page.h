#pragma once

#include <adwaita.h>

#include "acr-rules.h"
#include "acr-search-results.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_MEMBERS_PAGE (acr_members_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrMembersPage, acr_members_page, ACR, MEMBERS_PAGE, GtkWidget)

void              acr_members_page_set_store         (AcrMembersPage *self,
                                                      AcrStore       *store,
                                                      const GError   *error);
void              acr_members_page_set_rules         (AcrMembersPage *self,
                                                      AcrRules       *rules);
AcrSearchResults *acr_members_page_get_results       (AcrMembersPage *self);
AcrMember        *acr_members_page_get_shown_member  (AcrMembersPage *self);
const char       *acr_members_page_get_state         (AcrMembersPage *self);
void              acr_members_page_show_member       (AcrMembersPage *self,
                                                      guint           number);
void              acr_members_page_focus_search      (AcrMembersPage *self);
gboolean          acr_members_page_load_sample_data  (AcrMembersPage *self,
                                                      guint           count,
                                                      GError        **error);
gboolean          acr_members_page_import_file       (AcrMembersPage *self,
                                                      const char     *path,
                                                      GError        **error);

void              _acr_members_page_set_index_in_thread_from (AcrMembersPage *self,
                                                              guint           count);
void              _acr_members_page_set_rows_after_frame_from (AcrMembersPage *self,
                                                               guint           count);

G_END_DECLS
