#pragma once

#include "acr-member.h"
#include "acr-person.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * The facts the rules take from a member's own records rather than from a
 * flag staff set by hand: whether the person has been an ACR member in
 * practice ("who have never been ACR members in practice") is what the
 * member's categories, now and in their history, say.
 */

gboolean acr_member_records_apply_facts (AcrStore   *store,
                                         AcrRules   *rules,
                                         AcrMember  *member,
                                         AcrPerson  *person,
                                         GError    **error);

G_END_DECLS
