#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-json-reader-private.h"
#include "acr-rules.h"

/* The line of @data that @at is on, counting from 1. */
static guint
line_of (const char *data,
         const char *at)
{
  guint line = 1;

  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        line++;
    }

  return line;
}

/* The number token at *@i: a whole number must fit in 64 bits, since
 * json-glib 1.6 turns 99999999999999999999 into -1 without a word. Leaves
 * *@i on the token's last byte. */
static gboolean
check_number (const char  *data,
              gsize        length,
              gsize       *i,
              GError     **error)
{
  gsize start = *i, end = *i;
  gboolean whole = TRUE;
  g_autofree char *token = NULL;

  while (end < length && (g_ascii_isdigit (data[end]) || strchr ("-+.eE", data[end]) != NULL))
    {
      if (strchr (".eE", data[end]) != NULL)
        whole = FALSE;
      end++;
    }
  *i = end - 1;

  if (!whole)
    return TRUE;

  token = g_strndup (data + start, end - start);
  if (g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, NULL) ||
      strspn (token + (token[0] == '-'), "0123456789") != strlen (token + (token[0] == '-')))
    return TRUE;  /* fits, or is malformed and the parser says so */

  if (strlen (token) > 40)
    strcpy (token + 37, "...");
  g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
               _("line %u: %s is too large for a whole number"), line_of (data, data + start), token);
  return FALSE;
}

/* The four hexadecimal digits at @p, or -1. */
static int
hex4 (const char *p,
      gsize       available)
{
  int value = 0;

  if (available < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      if (!g_ascii_isxdigit (p[k]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[k]);
    }
  return value;
}

/* Whether a \\u escape starts at @at. */
static gboolean
followed_by_u (const char *data,
               gsize       length,
               gsize       at)
{
  return at + 1 < length && data[at] == '\\' && data[at + 1] == 'u';
}

/* The escape at *@i (a backslash inside a string). json-glib 1.6 leaks the
 * string it was reading when an escape is malformed ("\\udnt") and on many
 * a half of a character that the text does not complete ("\\ud83d\\ue00d",
 * "\\ude0d\\ude00", "\\ud833\""), and reads what it keeps of one as invalid
 * text; so these are refused before it reads them: a first half (\\ud800 to
 * \\udbff) must be followed at once by a second half (\\udc00 to \\udfff),
 * and a second half never stands alone. Leaves *@i on the escape's last
 * byte. */
static gboolean
check_escape (const char  *data,
              gsize        length,
              gsize       *i,
              GError     **error)
{
  gsize at = *i;
  int value;

  if (at + 1 >= length || strchr ("\"\\/bfnrtu", data[at + 1]) == NULL || data[at + 1] == '\0')
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("line %u: a backslash in a string must start an escape such as \\n or \\u00e9"),
                   line_of (data, data + at));
      return FALSE;
    }

  if (data[at + 1] != 'u')
    {
      *i = at + 1;
      return TRUE;
    }

  value = hex4 (data + at + 2, length - (at + 2));
  if (value < 0)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("line %u: \\u must be followed by four hexadecimal digits"),
                   line_of (data, data + at));
      return FALSE;
    }

  if (value >= 0xDC00 && value <= 0xDFFF)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("line %u: \\u%.4s is the second half of a character whose first half is missing"),
                   line_of (data, data + at), data + at + 2);
      return FALSE;
    }

  if (value >= 0xD800 && value <= 0xDBFF)
    {
      int second = followed_by_u (data, length, at + 6) ? hex4 (data + at + 8, length - (at + 8)) : -2;

      /* \\u and not four digits: the next escape's own check says so. */
      if (second != -1 && (second < 0xDC00 || second > 0xDFFF))
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("line %u: \\u%.4s must be followed by the second half of its character, \\udc00 to \\udfff"),
                       line_of (data, data + at), data + at + 2);
          return FALSE;
        }
      if (second >= 0)
        {
          *i = at + 11;
          return TRUE;
        }
    }

  *i = at + 5;
  return TRUE;
}

/**
 * _acr_json_check_depth:
 *
 * Counts the arrays and objects open at each byte of @data, outside strings
 * (a backslash escapes the next byte inside a string), and refuses more than
 * %ACR_JSON_MAX_DEPTH of them; refuses as well a malformed escape in a
 * string, a whole number past 64 bits,
 * which json-glib would read as -1, and anything but white space after the
 * first complete value (json-glib 1.6 reads "{…} {…}" and "var x = {…};",
 * keeping the first value and leaking the rest). Other malformed text
 * passes: the parser reports it.
 */
gboolean
_acr_json_check_depth (const char  *data,
                       gsize        length,
                       GError     **error)
{
  gboolean in_string = FALSE;
  gboolean root_seen = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              if (!check_escape (data, length, &i, error))
                return FALSE;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              root_seen = root_seen || depth == 0;
            }
          continue;
        }

      /* json-glib 1.6 also reads 'single-quoted' strings, and leaks when
       * one is followed by another value ("''{}"): JSON has none. */
      if (c == '\'')
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("line %u: JSON strings take double quotes, not single quotes"),
                       line_of (data, data + i));
          return FALSE;
        }

      if (depth == 0 && c != ' ' && c != '\t' && c != '\n' && c != '\r' && root_seen)
        {
          g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                       _("line %u: text after the end of the JSON document"),
                       line_of (data, data + i));
          return FALSE;
        }

      if (c == '-' || g_ascii_isdigit (c))
        {
          if (!check_number (data, length, &i, error))
            return FALSE;
          root_seen = root_seen || depth == 0;
          continue;
        }

      if (depth == 0 && g_ascii_isalpha (c))
        {
          /* true, false, null — or a word json-glib tolerates ("var") */
          while (i + 1 < length && (g_ascii_isalnum (data[i + 1]) || data[i + 1] == '_'))
            i++;
          root_seen = TRUE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > ACR_JSON_MAX_DEPTH)
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           _("line %u: nested too deeply (more than %d arrays and objects inside one another)"),
                           line_of (data, data + i), ACR_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            root_seen = TRUE;
          break;
        default:
          break;
        }
    }

  return TRUE;
}

/**
 * _acr_json_parse:
 * @length: the length of @data in bytes, or -1 if it ends with a NUL
 * @root: (out) (transfer full) (nullable): the document, %NULL when it is empty
 *
 * Parses JSON text from outside the program; see the header for what it refuses.
 */
gboolean
_acr_json_parse (const char  *data,
                 gssize       length,
                 JsonNode   **root,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  const char *end = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  *root = NULL;
  size = length < 0 ? strlen (data) : (gsize) length;

  if (!g_utf8_validate (data, (gssize) size, &end))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _("line %u: not valid UTF-8 text"), line_of (data, end));
      return FALSE;
    }

  if (!_acr_json_check_depth (data, size, error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, error))
    return FALSE;

  if (json_parser_get_root (parser) == NULL)
    return TRUE;

  *root = json_parser_steal_root (parser);
  return TRUE;
}

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
