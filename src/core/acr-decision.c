#define G_LOG_DOMAIN "acr-decision"

#include "config.h"

#include "acr-decision-private.h"
#include "acr-person.h"

enum {
  PROP_0,
  PROP_DATE,
  PROP_CATEGORY_ID,
  PROP_CATEGORY,
  PROP_ELIGIBLE,
  PROP_REASONS,
  PROP_MISSING,
  PROP_REVIEW,
  PROP_COMMITTEES,
  PROP_ELECTIVE_OFFICE,
  PROP_BOARD_OF_CHANCELLORS,
  PROP_NEXT_CHANGE_DATE,
  PROP_NEXT_CHANGE_CATEGORY,
  PROP_NEXT_CHANGE_REASON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const empty_strv[] = { NULL };

G_DEFINE_FINAL_TYPE (AcrDecision, acr_decision, G_TYPE_OBJECT)

static const char * const *
strv_or_empty (GStrv strv)
{
  return strv != NULL ? (const char * const *) strv : empty_strv;
}

static void
add_strv (JsonBuilder *builder,
          const char  *member,
          GStrv        strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
acr_decision_dispose (GObject *object)
{
  AcrDecision *self = (AcrDecision *) object;

  g_clear_object (&self->category);

  G_OBJECT_CLASS (acr_decision_parent_class)->dispose (object);
}

static void
acr_decision_finalize (GObject *object)
{
  AcrDecision *self = (AcrDecision *) object;

  g_clear_pointer (&self->eligible, g_strfreev);
  g_clear_pointer (&self->reasons, g_strfreev);
  g_clear_pointer (&self->missing, g_strfreev);
  g_clear_pointer (&self->review, g_strfreev);
  g_clear_pointer (&self->rights_not_stated, g_strfreev);
  g_clear_pointer (&self->next_change_date, g_date_free);
  g_clear_pointer (&self->next_change_category, g_free);
  g_clear_pointer (&self->next_change_reason, g_free);

  G_OBJECT_CLASS (acr_decision_parent_class)->finalize (object);
}

static void
acr_decision_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AcrDecision *self = ACR_DECISION (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, &self->date);
      break;
    case PROP_CATEGORY_ID:
      g_value_set_string (value, acr_decision_get_category_id (self));
      break;
    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;
    case PROP_ELIGIBLE:
      g_value_set_boxed (value, strv_or_empty (self->eligible));
      break;
    case PROP_REASONS:
      g_value_set_boxed (value, strv_or_empty (self->reasons));
      break;
    case PROP_MISSING:
      g_value_set_boxed (value, strv_or_empty (self->missing));
      break;
    case PROP_REVIEW:
      g_value_set_boxed (value, strv_or_empty (self->review));
      break;
    case PROP_COMMITTEES:
      g_value_set_boolean (value, self->committees);
      break;
    case PROP_ELECTIVE_OFFICE:
      g_value_set_boolean (value, self->elective_office);
      break;
    case PROP_BOARD_OF_CHANCELLORS:
      g_value_set_boolean (value, self->board_of_chancellors);
      break;
    case PROP_NEXT_CHANGE_DATE:
      g_value_set_boxed (value, self->next_change_date);
      break;
    case PROP_NEXT_CHANGE_CATEGORY:
      g_value_set_string (value, self->next_change_category);
      break;
    case PROP_NEXT_CHANGE_REASON:
      g_value_set_string (value, self->next_change_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_decision_class_init (AcrDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = acr_decision_dispose;
  object_class->finalize = acr_decision_finalize;
  object_class->get_property = acr_decision_get_property;

  properties [PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, flags);
  properties [PROP_CATEGORY_ID] = g_param_spec_string ("category-id", NULL, NULL, NULL, flags);
  properties [PROP_CATEGORY] = g_param_spec_object ("category", NULL, NULL, ACR_TYPE_CATEGORY, flags);
  properties [PROP_ELIGIBLE] = g_param_spec_boxed ("eligible", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_REASONS] = g_param_spec_boxed ("reasons", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_MISSING] = g_param_spec_boxed ("missing", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_REVIEW] = g_param_spec_boxed ("review", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_COMMITTEES] = g_param_spec_boolean ("committees", NULL, NULL, FALSE, flags);
  properties [PROP_ELECTIVE_OFFICE] = g_param_spec_boolean ("elective-office", NULL, NULL, FALSE, flags);
  properties [PROP_BOARD_OF_CHANCELLORS] = g_param_spec_boolean ("board-of-chancellors", NULL, NULL, FALSE, flags);
  properties [PROP_NEXT_CHANGE_DATE] = g_param_spec_boxed ("next-change-date", NULL, NULL, G_TYPE_DATE, flags);
  properties [PROP_NEXT_CHANGE_CATEGORY] = g_param_spec_string ("next-change-category", NULL, NULL, NULL, flags);
  properties [PROP_NEXT_CHANGE_REASON] = g_param_spec_string ("next-change-reason", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_decision_init (AcrDecision *self)
{
  g_date_clear (&self->date, 1);
}

AcrDecision *
_acr_decision_new (const GDate *date)
{
  AcrDecision *self = g_object_new (ACR_TYPE_DECISION, NULL);

  self->date = *date;

  return self;
}

const GDate *
acr_decision_get_date (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return &self->date;
}

/* NULL when the person is eligible for no category. */
const char *
acr_decision_get_category_id (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return self->category != NULL ? acr_category_get_id (self->category) : NULL;
}

AcrCategory *
acr_decision_get_category (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return self->category;
}

const char * const *
acr_decision_get_eligible (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return strv_or_empty (self->eligible);
}

gboolean
acr_decision_is_eligible (AcrDecision *self,
                          const char  *category_id)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), FALSE);
  g_return_val_if_fail (category_id != NULL, FALSE);

  return g_strv_contains (strv_or_empty (self->eligible), category_id);
}

const char * const *
acr_decision_get_reasons (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return strv_or_empty (self->reasons);
}

const char * const *
acr_decision_get_missing (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return strv_or_empty (self->missing);
}

const char * const *
acr_decision_get_review (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return strv_or_empty (self->review);
}

gboolean
acr_decision_get_committees (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), FALSE);

  return self->committees;
}

gboolean
acr_decision_get_elective_office (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), FALSE);

  return self->elective_office;
}

gboolean
acr_decision_get_board_of_chancellors (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), FALSE);

  return self->board_of_chancellors;
}

/**
 * acr_decision_get_right_stated:
 * @right: "committees", "elective_office" or "board_of_chancellors"
 *
 * Whether the College's page states @right for the decided category. A
 * right it does not state reads FALSE from the getters above but is not a
 * prohibition: show it as "Not stated — confirm with the bylaws".
 */
gboolean
acr_decision_get_right_stated (AcrDecision *self,
                               const char  *right)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), TRUE);
  g_return_val_if_fail (right != NULL, TRUE);

  return self->rights_not_stated == NULL ||
         !g_strv_contains ((const char * const *) self->rights_not_stated, right);
}

/* NULL when nothing changes by itself. */
const GDate *
acr_decision_get_next_change_date (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return self->next_change_date;
}

const char *
acr_decision_get_next_change_category (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return self->next_change_category;
}

const char *
acr_decision_get_next_change_reason (AcrDecision *self)
{
  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  return self->next_change_reason;
}

/* true, false, or null for a right the seed does not state (neither
 * granted nor denied: confirm with the bylaws). */
static void
add_right (JsonBuilder *builder,
           AcrDecision *self,
           const char  *name,
           gboolean     holds)
{
  json_builder_set_member_name (builder, name);
  if (acr_decision_get_right_stated (self, name))
    json_builder_add_boolean_value (builder, holds);
  else
    json_builder_add_null_value (builder);
}

/* The object the CLI's `classify` prints. Matters for staff review are part
 * of "reasons" (the contract has no other place for them). */
JsonNode *
acr_decision_to_json (AcrDecision *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *category_id;

  g_return_val_if_fail (ACR_IS_DECISION (self), NULL);

  category_id = acr_decision_get_category_id (self);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "category");
  if (category_id != NULL)
    json_builder_add_string_value (builder, category_id);
  else
    json_builder_add_null_value (builder);
  add_strv (builder, "eligible", self->eligible);
  add_strv (builder, "reasons", self->reasons);
  add_strv (builder, "missing", self->missing);

  json_builder_set_member_name (builder, "rights");
  json_builder_begin_object (builder);
  add_right (builder, self, "committees", self->committees);
  add_right (builder, self, "elective_office", self->elective_office);
  add_right (builder, self, "board_of_chancellors", self->board_of_chancellors);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "next_change");
  if (self->next_change_date != NULL)
    {
      g_autofree char *date = acr_date_format_iso (self->next_change_date);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "category");
      if (self->next_change_category != NULL)
        json_builder_add_string_value (builder, self->next_change_category);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, self->next_change_reason);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
