#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* AcrMemberChange: one line of a member's history (append-only). */

#define ACR_TYPE_MEMBER_CHANGE (acr_member_change_get_type ())

typedef struct
{
  gint64  revision;    /* the member's revision this change produced */
  char   *time;        /* ISO 8601 UTC, "2026-11-26T19:05:00Z" */
  char   *account;     /* staff account (g_get_user_name ()) */
  char   *field;       /* "email", "status", … or "member" for creation */
  char   *old_value;   /* NULL = unset */
  char   *new_value;
  char   *reason;
} AcrMemberChange;

GType            acr_member_change_get_type (void) G_GNUC_CONST;
AcrMemberChange *acr_member_change_new      (gint64                 revision,
                                             const char            *time,
                                             const char            *account,
                                             const char            *field,
                                             const char            *old_value,
                                             const char            *new_value,
                                             const char            *reason);
AcrMemberChange *acr_member_change_copy     (const AcrMemberChange *self);
void             acr_member_change_free     (AcrMemberChange       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrMemberChange, acr_member_change_free)

G_END_DECLS
