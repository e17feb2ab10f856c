#define G_LOG_DOMAIN "acr-member-row"

#include "config.h"

#include "acr-member-row-private.h"

/*
 * AcrMemberRow: one position of the member list, showing whichever member
 * the search puts there. See AcrMemberRows for why positions, not members,
 * are the list's items.
 */

struct _AcrMemberRow
{
  GObject    parent_instance;

  AcrMemberRows *rows;     /* weak: asked first whether the member is still to come */
  guint      position;
  AcrMember *member;
};

enum {
  PROP_0,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrMemberRow, acr_member_row, G_TYPE_OBJECT)

static void
acr_member_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AcrMemberRow *self = ACR_MEMBER_ROW (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      g_value_set_object (value, acr_member_row_get_member (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_row_finalize (GObject *object)
{
  AcrMemberRow *self = ACR_MEMBER_ROW (object);

  g_clear_weak_pointer (&self->rows);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (acr_member_row_parent_class)->finalize (object);
}

static void
acr_member_row_class_init (AcrMemberRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = acr_member_row_get_property;
  object_class->finalize = acr_member_row_finalize;

  properties [PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         ACR_TYPE_MEMBER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_member_row_init (AcrMemberRow *self)
{
}

AcrMemberRow *
_acr_member_row_new (AcrMemberRows *rows,
                     guint          position,
                     AcrMember     *member)
{
  AcrMemberRow *self = g_object_new (ACR_TYPE_MEMBER_ROW, NULL);

  g_set_weak_pointer (&self->rows, rows);
  self->position = position;
  self->member = member != NULL ? g_object_ref (member) : NULL;

  return self;
}

void
_acr_member_row_set_member (AcrMemberRow *self,
                            AcrMember    *member)
{
  g_return_if_fail (ACR_IS_MEMBER_ROW (self));

  if (g_set_object (&self->member, member))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MEMBER]);
}

AcrMember *
acr_member_row_get_member (AcrMemberRow *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_ROW (self), NULL);

  /* A row off screen may not show its member yet (see AcrMemberRows). */
  if (self->rows != NULL)
    _acr_member_rows_refresh_row (self->rows, self->position);

  return self->member;
}

guint
acr_member_row_get_position (AcrMemberRow *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_ROW (self), 0);

  return self->position;
}
