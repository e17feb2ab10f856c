#define G_LOG_DOMAIN "acr-category"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-category-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_COMMITTEES,
  PROP_ELECTIVE_OFFICE,
  PROP_BOARD_OF_CHANCELLORS,
  PROP_RIGHTS_SOURCE,
  PROP_DUES_KIND,
  PROP_CHAPTER_DUES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The JSON names of the rights, in AcrRight order. */
const char * const _acr_right_names[ACR_N_RIGHTS] = {
  "committees", "elective_office", "board_of_chancellors",
};

static const char * const dues_kind_names[] = { "free", "flat", "ladder" };

G_DEFINE_FINAL_TYPE (AcrCategory, acr_category, G_TYPE_OBJECT)

/* A right that holds under conditions (a retired member's elective office)
 * is a standing right of the category. */
static gboolean
standing_right (AcrCategory *self,
                AcrRight     right)
{
  return self->rights[right].conditions != NULL || self->rights[right].value;
}

static void
acr_category_finalize (GObject *object)
{
  AcrCategory *self = (AcrCategory *) object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  for (guint i = 0; i < ACR_N_RIGHTS; i++)
    {
      g_clear_pointer (&self->rights[i].conditions, g_ptr_array_unref);
      g_clear_pointer (&self->rights[i].held_before, g_free);
    }
  g_clear_pointer (&self->rights_source, g_free);
  g_clear_pointer (&self->dues_source, g_free);

  G_OBJECT_CLASS (acr_category_parent_class)->finalize (object);
}

static void
acr_category_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AcrCategory *self = ACR_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, acr_category_get_name (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, acr_category_get_description (self));
      break;
    case PROP_COMMITTEES:
      g_value_set_boolean (value, standing_right (self, ACR_RIGHT_COMMITTEES));
      break;
    case PROP_ELECTIVE_OFFICE:
      g_value_set_boolean (value, standing_right (self, ACR_RIGHT_ELECTIVE_OFFICE));
      break;
    case PROP_BOARD_OF_CHANCELLORS:
      g_value_set_boolean (value, standing_right (self, ACR_RIGHT_BOARD_OF_CHANCELLORS));
      break;
    case PROP_RIGHTS_SOURCE:
      g_value_set_string (value, self->rights_source);
      break;
    case PROP_DUES_KIND:
      g_value_set_string (value, acr_category_get_dues_kind (self));
      break;
    case PROP_CHAPTER_DUES:
      g_value_set_boolean (value, self->chapter_dues);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_category_class_init (AcrCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_category_finalize;
  object_class->get_property = acr_category_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COMMITTEES] =
    g_param_spec_boolean ("committees", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ELECTIVE_OFFICE] =
    g_param_spec_boolean ("elective-office", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_BOARD_OF_CHANCELLORS] =
    g_param_spec_boolean ("board-of-chancellors", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RIGHTS_SOURCE] =
    g_param_spec_string ("rights-source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DUES_KIND] =
    g_param_spec_string ("dues-kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHAPTER_DUES] =
    g_param_spec_boolean ("chapter-dues", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_category_init (AcrCategory *self)
{
  self->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_criterion_free);
}

AcrCategory *
_acr_category_new (void)
{
  return g_object_new (ACR_TYPE_CATEGORY, NULL);
}

const char *
acr_category_get_id (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return self->id;
}

/* The name as the bundle writes it (English): a document translates it
 * into the member's language with its own catalog. */
const char *
acr_category_get_source_name (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return self->name;
}

const char *
acr_category_get_name (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  /* In the staff's language: the bundle's texts are in the catalog
   * (gettext of "" would be the catalog's header). */
  return self->name != NULL && *self->name != '\0' ? _(self->name) : self->name;
}

const char *
acr_category_get_description (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return self->description != NULL && *self->description != '\0' ? _(self->description) : self->description;
}

gboolean
acr_category_get_committees (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), FALSE);

  return standing_right (self, ACR_RIGHT_COMMITTEES);
}

gboolean
acr_category_get_elective_office (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), FALSE);

  return standing_right (self, ACR_RIGHT_ELECTIVE_OFFICE);
}

gboolean
acr_category_get_board_of_chancellors (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), FALSE);

  return standing_right (self, ACR_RIGHT_BOARD_OF_CHANCELLORS);
}

const char *
acr_category_get_rights_source (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return self->rights_source;
}

/* "free", "flat" or "ladder". */
const char *
acr_category_get_dues_kind (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return dues_kind_names[self->dues_kind];
}

gboolean
acr_category_get_chapter_dues (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), FALSE);

  return self->chapter_dues;
}

const char *
acr_category_get_dues_source (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);

  return self->dues_source;
}

guint
acr_category_get_n_criteria (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), 0);

  return self->criteria->len;
}

const char *
acr_category_get_criterion_explanation (AcrCategory *self,
                                        guint        index)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->criteria->len, NULL);

  return ((AcrCriterion *) self->criteria->pdata[index])->explanation;
}

const char *
acr_category_get_criterion_source (AcrCategory *self,
                                   guint        index)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), NULL);
  g_return_val_if_fail (index < self->criteria->len, NULL);

  return ((AcrCriterion *) self->criteria->pdata[index])->source;
}

/**
 * acr_category_get_in_practice:
 *
 * Returns: whether a member of this category is an ACR member in practice
 *   (“who have never been ACR members in practice”).
 */
gboolean
acr_category_get_in_practice (AcrCategory *self)
{
  g_return_val_if_fail (ACR_IS_CATEGORY (self), FALSE);

  return self->in_practice;
}
