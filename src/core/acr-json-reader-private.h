#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Helpers for reading the rules bundle: each one checks a JSON value at a
 * path and, when it is wrong, fails with an ACR_RULES_ERROR that says
 * "SOURCE: PATH: what is wrong". Paths look like "categories[3].dues.kind".
 */

typedef struct
{
  const char *source;  /* file name shown in messages, e.g. "acr-rules.json" */
} AcrJsonReader;

/*
 * Every JSON text the core reads goes through _acr_json_parse(): it refuses,
 * before json-glib sees them, documents nested more than
 * ACR_JSON_MAX_DEPTH arrays and objects deep (json-glib's parser recurses
 * without a limit and overflows the stack), bytes that are not UTF-8, and
 * escapes that are malformed or half a character (json-glib 1.6 decodes a
 * lone "\ud800" into invalid bytes or leaks on it), so every key and string
 * it returns is valid UTF-8. Its errors are
 * JSON_PARSER_ERROR_INVALID_DATA with a message that does not name the source,
 * as json-glib's own; *root is NULL for an empty document.
 */
#define ACR_JSON_MAX_DEPTH 64

gboolean    _acr_json_parse          (const char     *data,
                                      gssize          length,
                                      JsonNode      **root,
                                      GError        **error);
gboolean    _acr_json_check_depth    (const char     *data,
                                      gsize           length,
                                      GError        **error);

char       *_acr_json_path_member    (const char     *path,
                                      const char     *member);
char       *_acr_json_path_index     (const char     *path,
                                      guint           index);
char       *_acr_json_describe       (JsonNode       *node);

gboolean    _acr_json_fail           (const AcrJsonReader *reader,
                                      GError        **error,
                                      int             code,
                                      const char     *path,
                                      const char     *format,
                                      ...) G_GNUC_PRINTF (5, 6);

JsonObject *_acr_json_expect_object  (const AcrJsonReader *reader,
                                      JsonNode       *node,
                                      const char     *path,
                                      GError        **error);
JsonArray  *_acr_json_expect_array   (const AcrJsonReader *reader,
                                      JsonNode       *node,
                                      const char     *path,
                                      gboolean        allow_empty,
                                      GError        **error);
gboolean    _acr_json_check_keys     (const AcrJsonReader *reader,
                                      JsonObject     *object,
                                      const char     *path,
                                      const char * const *allowed,
                                      GError        **error);
JsonNode   *_acr_json_require        (const AcrJsonReader *reader,
                                      JsonObject     *object,
                                      const char     *path,
                                      const char     *member,
                                      GError        **error);
gboolean    _acr_json_read_string    (const AcrJsonReader *reader,
                                      JsonObject     *object,
                                      const char     *path,
                                      const char     *member,
                                      gboolean        required,
                                      char          **out,
                                      GError        **error);
gboolean    _acr_json_read_boolean   (const AcrJsonReader *reader,
                                      JsonObject     *object,
                                      const char     *path,
                                      const char     *member,
                                      gboolean        required,
                                      gboolean       *out,
                                      GError        **error);
gboolean    _acr_json_read_int       (const AcrJsonReader *reader,
                                      JsonObject     *object,
                                      const char     *path,
                                      const char     *member,
                                      gboolean        required,
                                      gint64          min,
                                      gint64          max,
                                      gint64         *out,
                                      GError        **error);
gboolean    _acr_json_read_strv      (const AcrJsonReader *reader,
                                      JsonNode       *node,
                                      const char     *path,
                                      GStrv          *out,
                                      GError        **error);

G_END_DECLS
