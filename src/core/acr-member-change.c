#define G_LOG_DOMAIN "acr-member"

#include "config.h"

#include "acr-member-change.h"

G_DEFINE_BOXED_TYPE (AcrMemberChange, acr_member_change, acr_member_change_copy, acr_member_change_free)

AcrMemberChange *
acr_member_change_new (gint64      revision,
                       const char *time,
                       const char *account,
                       const char *field,
                       const char *old_value,
                       const char *new_value,
                       const char *reason)
{
  AcrMemberChange *self = g_new0 (AcrMemberChange, 1);

  self->revision = revision;
  self->time = g_strdup (time);
  self->account = g_strdup (account);
  self->field = g_strdup (field);
  self->old_value = g_strdup (old_value);
  self->new_value = g_strdup (new_value);
  self->reason = g_strdup (reason);
  return self;
}

AcrMemberChange *
acr_member_change_copy (const AcrMemberChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return acr_member_change_new (self->revision, self->time, self->account, self->field,
                                self->old_value, self->new_value, self->reason);
}

void
acr_member_change_free (AcrMemberChange *self)
{
  if (self == NULL)
    return;
  g_free (self->time);
  g_free (self->account);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->reason);
  g_free (self);
}
