#pragma once

#include "acr-member.h"

G_BEGIN_DECLS

void _acr_member_set_id              (AcrMember  *self,
                                      gint64      id);
void _acr_member_set_number          (AcrMember  *self,
                                      guint       number);
void _acr_member_set_revision        (AcrMember  *self,
                                      gint64      revision);
void _acr_member_set_updated_at      (AcrMember  *self,
                                      const char *updated_at);
/* For the store and bulk loaders: no validation, names given instead of parsed from the JSON. */
void _acr_member_set_raw             (AcrMember  *self,
                                      const char *name,
                                      const char *value);
void _acr_member_set_status          (AcrMember       *self,
                                      AcrMemberStatus  status);
void _acr_member_set_person_raw      (AcrMember  *self,
                                      const char *json,
                                      const char *given_name,
                                      const char *family_name);

G_END_DECLS
