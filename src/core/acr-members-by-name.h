#pragma once

#include <gio/gio.h>

#include "acr-store.h"

G_BEGIN_DECLS

/*
 * AcrMembersByName: every member in family-name order as a GListModel of
 * AcrMember, read from the store a page of ids at a time. It is what the
 * lookup shows while a large membership's search index is still being
 * read: the same members in the same order as an empty search, without
 * waiting for the index.
 */

#define ACR_TYPE_MEMBERS_BY_NAME (acr_members_by_name_get_type ())

G_DECLARE_FINAL_TYPE (AcrMembersByName, acr_members_by_name, ACR, MEMBERS_BY_NAME, GObject)

AcrMembersByName *acr_members_by_name_new (AcrStore *store);

G_END_DECLS
