#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-json-reader-private.h"
#include "acr-rules.h"

char *
_acr_json_path_member (const char *path,
                       const char *member)
{
  if (path == NULL || path[0] == '\0')
    return g_strdup (member);

  return g_strdup_printf ("%s.%s", path, member);
}

char *
_acr_json_path_index (const char *path,
                      guint       index)
{
  return g_strdup_printf ("%s[%u]", path ? path : "", index);
}

/* A short account of a JSON value for "got …" in messages: strings and
 * numbers as written, containers by kind. */
char *
_acr_json_describe (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  if (JSON_NODE_HOLDS_ARRAY (node))
    return g_strdup (_("an array"));

  return json_to_string (node, FALSE);
}

gboolean
_acr_json_fail (const AcrJsonReader  *reader,
                GError              **error,
                int                   code,
                const char           *path,
                const char           *format,
                ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL && path[0] != '\0')
    g_set_error (error, ACR_RULES_ERROR, code, "%s: %s: %s", reader->source, path, what);
  else
    g_set_error (error, ACR_RULES_ERROR, code, "%s: %s", reader->source, what);

  return FALSE;
}

JsonObject *
_acr_json_expect_object (const AcrJsonReader  *reader,
                         JsonNode             *node,
                         const char           *path,
                         GError              **error)
{
  g_autofree char *got = NULL;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  got = _acr_json_describe (node);
  _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("expected an object, got %s"), got);
  return NULL;
}

JsonArray *
_acr_json_expect_array (const AcrJsonReader  *reader,
                        JsonNode             *node,
                        const char           *path,
                        gboolean              allow_empty,
                        GError              **error)
{
  g_autofree char *got = NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (!allow_empty && json_array_get_length (array) == 0)
        {
          _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("must not be empty"));
          return NULL;
        }

      return array;
    }

  got = _acr_json_describe (node);
  _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("expected an array, got %s"), got);
  return NULL;
}

gboolean
_acr_json_check_keys (const AcrJsonReader  *reader,
                      JsonObject           *object,
                      const char           *path,
                      const char * const   *allowed,
                      GError              **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *where = _acr_json_path_member (path, l->data);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("unknown key"));
        }
    }

  return TRUE;
}

JsonNode *
_acr_json_require (const AcrJsonReader  *reader,
                   JsonObject           *object,
                   const char           *path,
                   const char           *member,
                   GError              **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    {
      g_autofree char *where = _acr_json_path_member (path, member);

      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("missing"));
    }

  return node;
}

gboolean
_acr_json_read_string (const AcrJsonReader  *reader,
                       JsonObject           *object,
                       const char           *path,
                       const char           *member,
                       gboolean              required,
                       char                **out,
                       GError              **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = _acr_json_path_member (path, member);

  if (node == NULL)
    {
      if (required)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("missing"));
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *got = _acr_json_describe (node);

      return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("expected a string, got %s"), got);
    }

  if (json_node_get_string (node)[0] == '\0')
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("must not be empty"));

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
_acr_json_read_boolean (const AcrJsonReader  *reader,
                        JsonObject           *object,
                        const char           *path,
                        const char           *member,
                        gboolean              required,
                        gboolean             *out,
                        GError              **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = _acr_json_path_member (path, member);

  if (node == NULL)
    {
      if (required)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("missing"));
      return TRUE;  /* *out keeps its default */
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *got = _acr_json_describe (node);

      return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("expected true or false, got %s"), got);
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_acr_json_read_int (const AcrJsonReader  *reader,
                    JsonObject           *object,
                    const char           *path,
                    const char           *member,
                    gboolean              required,
                    gint64                min,
                    gint64                max,
                    gint64               *out,
                    GError              **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = _acr_json_path_member (path, member);
  gint64 value;

  if (node == NULL)
    {
      if (required)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("missing"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *got = _acr_json_describe (node);

      return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("expected a whole number, got %s"), got);
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where,
                           _("%lld is out of range (%lld–%lld)"),
                           (long long) value, (long long) min, (long long) max);

  *out = value;
  return TRUE;
}

/* A non-empty array of non-empty strings, without duplicates. */
gboolean
_acr_json_read_strv (const AcrJsonReader  *reader,
                     JsonNode             *node,
                     const char           *path,
                     GStrv                *out,
                     GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  JsonArray *array;
  guint n;

  if (!(array = _acr_json_expect_array (reader, node, path, FALSE, error)))
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *where = _acr_json_path_index (path, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_autofree char *got = _acr_json_describe (item);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("expected a string, got %s"), got);
        }

      text = json_node_get_string (item);
      if (text[0] == '\0')
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("must not be empty"));

      for (guint j = 0; j < seen->len; j++)
        {
          if (g_str_equal (seen->pdata[j], text))
            return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where, _("“%s” appears twice"), text);
        }

      g_ptr_array_add (seen, (gpointer) text);
      g_strv_builder_add (builder, text);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}
