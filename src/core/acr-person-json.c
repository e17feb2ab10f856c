#define G_LOG_DOMAIN "acr-person"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-json-reader-private.h"
#include "acr-person-private.h"

/*
 * The person file: AcrPerson read from JSON and written back. Each member
 * is converted to its fact's type here and then set through
 * acr_person_set_fact (), which checks it as every other way in does.
 */

static const char *
json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          return _("true or false");
        case G_TYPE_INT64:
          return _("a whole number");
        case G_TYPE_DOUBLE:
          return _("a decimal number");
        case G_TYPE_STRING:
          return _("a string");
        default:
          return _("a value");
        }
    default:
      return _("a value");
    }
}

static gboolean
is_string_node (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Converts one JSON member to a GVariant of the fact's type, or NULL for null. */
static gboolean
variant_from_json (const AcrFactInfo  *info,
                   JsonNode           *node,
                   GVariant          **out_value,
                   GError            **error)
{
  *out_value = NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  switch (info->type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      if (is_string_node (node))
        {
          g_autofree char *text = NULL;

          if (!_acr_person_check_text (info->name, json_node_get_string (node), error))
            return FALSE;

          text = g_strstrip (g_strdup (json_node_get_string (node)));

          if (*text != '\0')
            *out_value = g_variant_ref_sink (g_variant_new_string (text));
          return TRUE;
        }
      break;

    case ACR_FACT_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        {
          *out_value = g_variant_ref_sink (g_variant_new_boolean (json_node_get_boolean (node)));
          return TRUE;
        }
      break;

    case ACR_FACT_INT:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 n = json_node_get_int (node);

          if (n < 0 || n > MAX_SCHOOL_YEARS)
            {
              g_autofree char *given = g_strdup_printf ("%" G_GINT64_FORMAT, n);

              g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                           _("%s: %s is out of range (0 to %d)"), info->name, given, MAX_SCHOOL_YEARS);
              return FALSE;
            }
          *out_value = g_variant_ref_sink (g_variant_new_int32 ((gint32) n));
          return TRUE;
        }
      break;

    case ACR_FACT_CODE_LIST:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) codes = NULL;

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (!is_string_node (element))
                {
                  g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                               _("%s[%u]: expected a code (string), got %s"),
                               info->name, i, json_type_name (element));
                  return FALSE;
                }
              if (!_acr_person_check_text (info->name, json_node_get_string (element), error))
                return FALSE;
              g_strv_builder_add (builder, json_node_get_string (element));
            }

          codes = g_strv_builder_end (builder);
          *out_value = g_variant_ref_sink (g_variant_new_strv ((const char * const *) codes, -1));
          return TRUE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
               _("%s: expected %s, got %s"),
               info->name, _acr_person_expected_for (info->type), json_type_name (node));
  return FALSE;
}

static gboolean
read_member (AcrPerson   *self,
             const char  *path,
             JsonNode    *node,
             GError     **error)
{
  const AcrFactInfo *info = acr_person_lookup_fact (path);
  g_autoptr(GVariant) value = NULL;

  if (info == NULL)
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_UNKNOWN_KEY,
                   _("%s: unknown key"), path);
      return FALSE;
    }

  if (!variant_from_json (info, node, &value, error))
    return FALSE;

  /* Checks the value as every other way in does, and stores it (NULL: unknown).
   * acr_person_set_fact () takes a reference of its own: @value keeps ours. */
  return acr_person_set_fact (self, path, value, error);
}

/* One training period: an object of training.* facts ({"stage", "end", …}). */
static gboolean
read_training (AcrPerson   *self,
               JsonNode    *node,
               const char  *key,
               GError     **error)
{
  JsonObjectIter iter;
  const char *training_key;
  JsonNode *training_node;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                   _("%s: expected an object, got %s"), key, json_type_name (node));
      return FALSE;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &training_key, &training_node))
    {
      g_autofree char *path = g_strconcat ("training.", training_key, NULL);

      if (!read_member (self, path, training_node, error))
        return FALSE;
    }

  return TRUE;
}

/* "training_history": the earlier training periods, oldest first. */
static gboolean
read_training_history (AcrPerson   *self,
                       JsonNode    *node,
                       GError     **error)
{
  g_autoptr(GPtrArray) periods = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                   _("training_history: expected an array, got %s"), json_type_name (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(AcrPerson) period = acr_person_new ();
      g_autofree char *where = g_strdup_printf ("training_history[%u]", i);
      g_autoptr(GError) local_error = NULL;

      if (!read_training (period, json_array_get_element (array, i), where, &local_error))
        {
          if (!g_str_has_prefix (local_error->message, where))
            g_prefix_error (&local_error, "%s: ", where);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_ptr_array_add (periods, g_steal_pointer (&period));
    }

  _acr_person_take_training_history (self, g_steal_pointer (&periods));
  return TRUE;
}

static gboolean
read_object (AcrPerson   *self,
             JsonObject  *object,
             GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      if (g_str_equal (key, "training"))
        {
          if (JSON_NODE_HOLDS_NULL (node))
            continue;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            {
              g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                           _("training: expected an object, got %s"), json_type_name (node));
              return FALSE;
            }

          if (!read_training (self, node, key, error))
            return FALSE;
          continue;
        }

      if (g_str_equal (key, "training_history"))
        {
          if (!read_training_history (self, node, error))
            return FALSE;
          continue;
        }

      if (!read_member (self, key, node, error))
        return FALSE;
    }

  return TRUE;
}

static void
add_fact_to_builder (JsonBuilder       *builder,
                     const AcrFactInfo *info,
                     GVariant          *value)
{
  const char *dot = strchr (info->name, '.');

  json_builder_set_member_name (builder, dot != NULL ? dot + 1 : info->name);

  switch (info->type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      json_builder_add_string_value (builder, g_variant_get_string (value, NULL));
      break;
    case ACR_FACT_BOOLEAN:
      json_builder_add_boolean_value (builder, g_variant_get_boolean (value));
      break;
    case ACR_FACT_INT:
      json_builder_add_int_value (builder, g_variant_get_int32 (value));
      break;
    case ACR_FACT_CODE_LIST:
      {
        g_autofree const char **codes = g_variant_get_strv (value, NULL);

        json_builder_begin_array (builder);
        for (guint i = 0; codes[i] != NULL; i++)
          json_builder_add_string_value (builder, codes[i]);
        json_builder_end_array (builder);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * acr_person_new_from_json:
 * @node: the person file's root
 * @source_name: (nullable): the file name that prefixes error messages
 * @error: return location for an %ACR_PERSON_ERROR
 *
 * Returns: (transfer full): the person, or %NULL with @error naming the key
 *   and what is wrong with it.
 */
AcrPerson *
acr_person_new_from_json (JsonNode    *node,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr(AcrPerson) self = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE,
                   _("%s: expected a JSON object, got %s"),
                   source_name != NULL ? source_name : "person", json_type_name (node));
      return NULL;
    }

  self = acr_person_new ();
  if (!read_object (self, json_node_get_object (node), &local_error))
    {
      if (source_name != NULL)
        g_prefix_error (&local_error, "%s: ", source_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&self);
}

AcrPerson *
acr_person_new_from_data (const char  *data,
                          gssize       length,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_acr_json_parse (data, length, &root, &local_error))
    {
      /* json-glib names in-memory data "<data>"; the file name says more. */
      const char *message = local_error->message;
      const char *separator = ": ";

      if (g_str_has_prefix (message, "<data>:"))
        {
          message += strlen ("<data>:");
          separator = ":";
        }

      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE,
                   "%s%s%s", source_name != NULL ? source_name : "person", separator, message);
      return NULL;
    }

  if (root == NULL)
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE,
                   _("%s: the file is empty"), source_name != NULL ? source_name : "person");
      return NULL;
    }

  return acr_person_new_from_json (root, source_name, error);
}

AcrPerson *
acr_person_new_from_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  basename = g_path_get_basename (path);
  return acr_person_new_from_data (contents, length, basename, error);
}

/**
 * acr_person_to_json:
 *
 * Returns: (transfer full): the known facts in the person file's shape.
 */
JsonNode *
acr_person_to_json (AcrPerson *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  gboolean in_training = FALSE;
  const AcrFactInfo *facts;
  guint n_facts;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  facts = acr_person_list_facts (&n_facts);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n_facts; i++)
    {
      gboolean is_training = g_str_has_prefix (facts[i].name, "training.");
      GVariant *value = _acr_person_get_fact_at (self, i);

      if (value == NULL)
        continue;

      if (is_training && !in_training)
        {
          json_builder_set_member_name (builder, "training");
          json_builder_begin_object (builder);
          in_training = TRUE;
        }
      else if (!is_training && in_training)
        {
          json_builder_end_object (builder);
          in_training = FALSE;
        }

      add_fact_to_builder (builder, &facts[i], value);
    }
  if (in_training)
    json_builder_end_object (builder);

  if (acr_person_get_n_training_periods (self) > 0)
    {
      json_builder_set_member_name (builder, "training_history");
      json_builder_begin_array (builder);
      for (guint p = 0; p < acr_person_get_n_training_periods (self); p++)
        {
          AcrPerson *period = acr_person_get_training_period (self, p);

          json_builder_begin_object (builder);
          for (guint i = 0; i < n_facts; i++)
            {
              GVariant *value = _acr_person_get_fact_at (period, i);

              if (value != NULL)
                add_fact_to_builder (builder, &facts[i], value);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
acr_person_to_json_string (AcrPerson *self)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  root = acr_person_to_json (self);
  return json_to_string (root, FALSE);
}
