#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-rules-private.h"

/* AcrRules: reading and checking the bundle — its root, the categories
 * with their criteria and rights, precedence, chapters, chapter choice and
 * reviews. What is paid is read by acr-rules-load-dues.c. Any fault refuses
 * the whole bundle with an error naming the JSON path. */

#define BUNDLE_FORMAT 1

static const char * const root_keys[] = {
  "format", "title", "currency", "precedence", "precedence_source", "categories", "reviews",
  "ladder", "discounts", "chapter_waiver", "refunds", "chapter_choice", "chapters", "dues", "first_invoice", NULL
};
static const char * const category_keys[] = { "id", "name", "description", "criteria", "rights", "dues",
                                               "in_practice", NULL };
static const char * const rights_keys[] = { "committees", "elective_office", "board_of_chancellors", "source", NULL };
static const char * const right_rule_keys[] = { "all", "held_before", NULL };
static const char * const category_dues_keys[] = { "kind", "chapter_dues", "source", NULL };
static const char * const chapter_keys[] = { "code", "name", "country", NULL };
static const char * const choice_keys[] = { "max", "where", "default", "source", NULL };
static const char * const review_keys[] = { "id", "text", "source", "all", "held", "unless_category", NULL };
static const char * const held_keys[] = { "category", "on", NULL };
static const char * const dues_kinds[] = { "free", "flat", "ladder", NULL };

static gboolean
is_identifier (const char *text)
{
  if (!g_ascii_islower (text[0]))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_chapter_code (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > 8)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_country_code (const char *text)
{
  return strlen (text) == 2 && g_ascii_isupper (text[0]) && g_ascii_isupper (text[1]);
}

/* A fact named by the bundle that must be a date of the person file. */
static gboolean
check_date_fact (const AcrJsonReader  *reader,
                 const char           *fact,
                 const char           *path,
                 GError              **error)
{
  const AcrFactInfo *info = acr_person_lookup_fact (fact);

  if (info == NULL)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("unknown fact “%s”"), fact);
  if (info->type != ACR_FACT_DATE)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("“%s” is not a date fact"), fact);

  return TRUE;
}

static gboolean
load_rights (AcrRules             *self,
             const AcrJsonReader  *reader,
             AcrCategory          *category,
             JsonNode             *node,
             const char           *path,
             GError              **error)
{
  JsonObject *object;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, rights_keys, error) ||
      !_acr_json_read_string (reader, object, path, "source", TRUE, &category->rights_source, error))
    return FALSE;

  for (guint i = 0; i < ACR_N_RIGHTS; i++)
    {
      g_autofree char *where = _acr_json_path_member (path, _acr_right_names[i]);
      JsonNode *right = _acr_json_require (reader, object, path, _acr_right_names[i], error);

      if (right == NULL)
        return FALSE;

      if (JSON_NODE_HOLDS_OBJECT (right))
        {
          JsonObject *rule = json_node_get_object (right);
          g_autofree char *all_path = _acr_json_path_member (where, "all");
          g_autofree char *held_path = _acr_json_path_member (where, "held_before");
          JsonNode *all;

          if (!_acr_json_check_keys (reader, rule, where, right_rule_keys, error) ||
              !(all = _acr_json_require (reader, rule, where, "all", error)) ||
              !(category->rights[i].conditions = _acr_conditions_parse (reader, all, all_path, error)) ||
              !_acr_json_read_string (reader, rule, where, "held_before", FALSE,
                                      &category->rights[i].held_before, error))
            return FALSE;

          if (category->rights[i].held_before != NULL &&
              !check_date_fact (reader, category->rights[i].held_before, held_path, error))
            return FALSE;
        }
      else if (JSON_NODE_HOLDS_VALUE (right) && json_node_get_value_type (right) == G_TYPE_BOOLEAN)
        {
          category->rights[i].value = json_node_get_boolean (right);
        }
      else if (JSON_NODE_HOLDS_VALUE (right) && json_node_get_value_type (right) == G_TYPE_STRING &&
               g_strcmp0 (json_node_get_string (right), "not-stated") == 0)
        {
          /* A right the seed does not state: not granted, but not denied
           * either; staff confirm it with the bylaws. */
          category->rights[i].value = FALSE;
          category->rights[i].not_stated = TRUE;
        }
      else
        {
          g_autofree char *got = _acr_json_describe (right);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where,
                                 _("expected true, false, \"not-stated\" or {\"all\": [conditions]}, got %s"), got);
        }
    }

  return TRUE;
}

static gboolean
load_category_dues (const AcrJsonReader  *reader,
                    AcrCategory          *category,
                    JsonNode             *node,
                    const char           *path,
                    GError              **error)
{
  g_autofree char *kind = NULL;
  g_autofree char *kind_path = _acr_json_path_member (path, "kind");
  JsonObject *object;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, category_dues_keys, error) ||
      !_acr_json_read_string (reader, object, path, "kind", TRUE, &kind, error) ||
      !_acr_json_read_boolean (reader, object, path, "chapter_dues", FALSE, &category->chapter_dues, error) ||
      !_acr_json_read_string (reader, object, path, "source", TRUE, &category->dues_source, error))
    return FALSE;

  if (!g_strv_contains (dues_kinds, kind))
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, kind_path,
                           _("expected “free”, “flat” or “ladder”, got “%s”"), kind);

  category->dues_kind = g_str_equal (kind, "free") ? ACR_DUES_FREE :
                        g_str_equal (kind, "flat") ? ACR_DUES_FLAT : ACR_DUES_LADDER;

  if (category->dues_kind == ACR_DUES_FREE && category->chapter_dues)
    {
      g_autofree char *where = _acr_json_path_member (path, "chapter_dues");

      return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                             _("a free category cannot owe chapter dues"));
    }

  return TRUE;
}

static gboolean
load_categories (AcrRules             *self,
                 const AcrJsonReader  *reader,
                 JsonNode             *node,
                 GError              **error)
{
  g_autoptr(GHashTable) criterion_ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (!(array = _acr_json_expect_array (reader, node, "categories", FALSE, error)))
    return FALSE;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AcrCategory) category = _acr_category_new ();
      g_autofree char *path = _acr_json_path_index ("categories", i);
      g_autofree char *id_path = _acr_json_path_member (path, "id");
      g_autofree char *criteria_path = _acr_json_path_member (path, "criteria");
      g_autofree char *rights_path = _acr_json_path_member (path, "rights");
      g_autofree char *dues_path = _acr_json_path_member (path, "dues");
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      JsonArray *criteria;
      JsonNode *member;

      if (!(object = _acr_json_expect_object (reader, element, path, error)) ||
          !_acr_json_check_keys (reader, object, path, category_keys, error) ||
          !_acr_json_read_string (reader, object, path, "id", TRUE, &category->id, error) ||
          !_acr_json_read_string (reader, object, path, "name", TRUE, &category->name, error) ||
          !_acr_json_read_string (reader, object, path, "description", TRUE, &category->description, error) ||
          !_acr_json_read_boolean (reader, object, path, "in_practice", FALSE, &category->in_practice, error))
        return FALSE;

      if (!is_identifier (category->id))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, id_path,
                               _("“%s” is not an identifier (lower-case letters, digits and “-”)"), category->id);

      if (_acr_rules_find_category (self, category->id) != NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, id_path,
                               _("category “%s” is defined twice"), category->id);

      if (!(member = _acr_json_require (reader, object, path, "criteria", error)) ||
          !(criteria = _acr_json_expect_array (reader, member, criteria_path, FALSE, error)))
        return FALSE;

      for (guint j = 0; j < json_array_get_length (criteria); j++)
        {
          g_autofree char *where = _acr_json_path_index (criteria_path, j);
          AcrCriterion *criterion = _acr_criterion_parse (reader, json_array_get_element (criteria, j), where, error);

          if (criterion == NULL)
            return FALSE;

          g_ptr_array_add (category->criteria, criterion);

          if (g_hash_table_contains (criterion_ids, criterion->id))
            {
              g_autofree char *criterion_id_path = _acr_json_path_member (where, "id");

              return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, criterion_id_path,
                                     _("criterion “%s” is defined twice"), criterion->id);
            }
          g_hash_table_add (criterion_ids, criterion->id);
        }

      if (!(member = _acr_json_require (reader, object, path, "rights", error)) ||
          !load_rights (self, reader, category, member, rights_path, error) ||
          !(member = _acr_json_require (reader, object, path, "dues", error)) ||
          !load_category_dues (reader, category, member, dues_path, error))
        return FALSE;

      g_list_store_append (self->categories, category);
      g_ptr_array_add (self->category_array, g_object_ref (category));
    }

  return TRUE;
}

static gboolean
load_precedence (AcrRules             *self,
                 const AcrJsonReader  *reader,
                 JsonNode             *node,
                 GError              **error)
{
  g_auto(GStrv) ids = NULL;
  guint n_categories = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  if (!_acr_json_read_strv (reader, node, "precedence", &ids, error))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      AcrCategory *category = _acr_rules_find_category (self, ids[i]);

      if (category == NULL)
        {
          g_autofree char *where = _acr_json_path_index ("precedence", i);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                                 _("unknown category “%s”"), ids[i]);
        }

      g_ptr_array_add (self->precedence, category);
    }

  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(AcrCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);

      if (!g_strv_contains ((const char * const *) ids, category->id))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, "precedence",
                               _("category “%s” is missing"), category->id);
    }

  return TRUE;
}

static gboolean
load_chapters (AcrRules             *self,
               const AcrJsonReader  *reader,
               JsonNode             *node,
               GError              **error)
{
  JsonArray *array;

  if (!(array = _acr_json_expect_array (reader, node, "chapters", FALSE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = _acr_json_path_index ("chapters", i);
      g_autofree char *code_path = _acr_json_path_member (path, "code");
      g_autofree char *country_path = _acr_json_path_member (path, "country");
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *country = NULL;
      g_autoptr(AcrChapter) chapter = NULL;
      JsonObject *object;

      if (!(object = _acr_json_expect_object (reader, json_array_get_element (array, i), path, error)) ||
          !_acr_json_check_keys (reader, object, path, chapter_keys, error) ||
          !_acr_json_read_string (reader, object, path, "code", TRUE, &code, error) ||
          !_acr_json_read_string (reader, object, path, "name", TRUE, &name, error) ||
          !_acr_json_read_string (reader, object, path, "country", TRUE, &country, error))
        return FALSE;

      if (!is_chapter_code (code))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, code_path,
                               _("“%s” is not a chapter code (capital letters, digits and “-”, at most 8)"), code);
      if (!is_country_code (country))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, country_path,
                               _("“%s” is not an ISO 3166 country code (two capital letters)"), country);
      if (_acr_rules_find_chapter (self, code) != NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, code_path,
                               _("chapter “%s” is defined twice"), code);

      chapter = _acr_chapter_new (code, name, country);
      g_list_store_append (self->chapters, chapter);
      g_hash_table_insert (self->chapter_index, (gpointer) acr_chapter_get_code (chapter), chapter);
      g_hash_table_add (self->chapter_countries, (gpointer) acr_chapter_get_country (chapter));
    }

  return TRUE;
}

static gboolean
check_text_fact (const AcrJsonReader  *reader,
                 const char           *fact,
                 const char           *path,
                 GError              **error)
{
  const AcrFactInfo *info = acr_person_lookup_fact (fact);

  if (info == NULL)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path, _("unknown fact “%s”"), fact);
  if (info->type != ACR_FACT_STRING)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                           _("“%s” is not a text fact (a state or province)"), fact);

  return TRUE;
}

static gboolean
load_chapter_choice (AcrRules             *self,
                     const AcrJsonReader  *reader,
                     JsonNode             *node,
                     GError              **error)
{
  const char *path = "chapter_choice";
  JsonObject *object;
  JsonNode *where;
  gint64 max = 0;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, choice_keys, error) ||
      !_acr_json_read_int (reader, object, path, "max", FALSE, 1, 100, &max, error) ||
      !_acr_json_read_string (reader, object, path, "default", FALSE, &self->chapter_default, error) ||
      !_acr_json_read_string (reader, object, path, "source", TRUE, &self->chapter_source, error))
    return FALSE;

  self->max_chapters = (guint) max;

  if ((where = json_object_get_member (object, "where")) != NULL)
    {
      if (!_acr_json_read_strv (reader, where, "chapter_choice.where", &self->chapter_where, error))
        return FALSE;

      for (guint i = 0; self->chapter_where[i] != NULL; i++)
        {
          g_autofree char *item = _acr_json_path_index ("chapter_choice.where", i);

          if (!check_text_fact (reader, self->chapter_where[i], item, error))
            return FALSE;
        }
    }

  if (self->chapter_default != NULL &&
      !check_text_fact (reader, self->chapter_default, "chapter_choice.default", error))
    return FALSE;

  return TRUE;
}

static gboolean
load_reviews (AcrRules             *self,
              const AcrJsonReader  *reader,
              JsonNode             *node,
              GError              **error)
{
  JsonArray *array;

  if (!(array = _acr_json_expect_array (reader, node, "reviews", TRUE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(Review) review = g_new0 (Review, 1);
      g_autofree char *path = _acr_json_path_index ("reviews", i);
      g_autofree char *all_path = _acr_json_path_member (path, "all");
      JsonObject *object;
      JsonNode *all;

      if (!(object = _acr_json_expect_object (reader, json_array_get_element (array, i), path, error)) ||
          !_acr_json_check_keys (reader, object, path, review_keys, error) ||
          !_acr_json_read_string (reader, object, path, "id", TRUE, &review->id, error) ||
          !_acr_json_read_string (reader, object, path, "text", TRUE, &review->text, error) ||
          !_acr_json_read_string (reader, object, path, "source", TRUE, &review->source, error) ||
          !(all = _acr_json_require (reader, object, path, "all", error)) ||
          !(review->when = _acr_conditions_parse (reader, all, all_path, error)))
        return FALSE;

      /* "unless_category": the decision already is a class to go to. */
      if (json_object_has_member (object, "unless_category"))
        {
          g_autofree char *unless_path = _acr_json_path_member (path, "unless_category");
          g_auto(GStrv) ids = NULL;

          if (!_acr_json_read_strv (reader, json_object_get_member (object, "unless_category"), unless_path, &ids, error))
            return FALSE;

          review->unless_category = g_ptr_array_new ();
          for (guint j = 0; ids[j] != NULL; j++)
            {
              g_autofree char *where = _acr_json_path_index (unless_path, j);
              AcrCategory *category = _acr_rules_find_category (self, ids[j]);

              if (category == NULL)
                return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                                       _("unknown category “%s”"), ids[j]);
              g_ptr_array_add (review->unless_category, category);
            }
        }

      /* "held": the review concerns only people who held a category on
       * the day of a date fact (international members-in-training at the
       * end of their training). */
      if (json_object_has_member (object, "held"))
        {
          g_autofree char *held_path = _acr_json_path_member (path, "held");
          g_autofree char *category_path = _acr_json_path_member (held_path, "category");
          g_autofree char *on_path = _acr_json_path_member (held_path, "on");
          g_autofree char *category_id = NULL;
          JsonObject *held;

          if (!(held = _acr_json_expect_object (reader, json_object_get_member (object, "held"), held_path, error)) ||
              !_acr_json_check_keys (reader, held, held_path, held_keys, error) ||
              !_acr_json_read_string (reader, held, held_path, "category", TRUE, &category_id, error) ||
              !_acr_json_read_string (reader, held, held_path, "on", TRUE, &review->held_on, error) ||
              !check_date_fact (reader, review->held_on, on_path, error))
            return FALSE;

          review->held_category = _acr_rules_find_category (self, category_id);
          if (review->held_category == NULL)
            return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, category_path,
                                   _("unknown category “%s”"), category_id);
        }

      g_ptr_array_add (self->reviews, g_steal_pointer (&review));
    }

  return TRUE;
}

gboolean
_acr_rules_load_bundle (AcrRules             *self,
                        const AcrJsonReader  *reader,
                        JsonNode             *root,
                        GError              **error)
{
  g_autofree char *precedence_source = NULL;
  JsonObject *object;
  JsonNode *member;
  gint64 format = 0;
  guint n_categories;

  if (!(object = _acr_json_expect_object (reader, root, NULL, error)) ||
      !_acr_json_check_keys (reader, object, NULL, root_keys, error) ||
      !_acr_json_read_int (reader, object, NULL, "format", TRUE, 0, G_MAXINT32, &format, error))
    return FALSE;

  if (format != BUNDLE_FORMAT)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, "format",
                           _("unsupported format %lld (this program reads format %d)"),
                           (long long) format, BUNDLE_FORMAT);

  if (!_acr_json_read_string (reader, object, NULL, "title", FALSE, &self->title, error) ||
      !_acr_json_read_string (reader, object, NULL, "currency", TRUE, &self->currency, error) ||
      !_acr_json_read_string (reader, object, NULL, "precedence_source", FALSE, &precedence_source, error))
    return FALSE;

  if (strlen (self->currency) != 3 || !g_ascii_isupper (self->currency[0]) ||
      !g_ascii_isupper (self->currency[1]) || !g_ascii_isupper (self->currency[2]))
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, "currency",
                           _("expected an ISO 4217 code such as “USD”, got “%s”"), self->currency);

  if (!(member = _acr_json_require (reader, object, NULL, "categories", error)) ||
      !load_categories (self, reader, member, error) ||
      !(member = _acr_json_require (reader, object, NULL, "precedence", error)) ||
      !load_precedence (self, reader, member, error) ||
      !(member = _acr_json_require (reader, object, NULL, "chapters", error)) ||
      !load_chapters (self, reader, member, error) ||
      !(member = _acr_json_require (reader, object, NULL, "dues", error)) ||
      !_acr_rules_load_dues (self, reader, member, error))
    return FALSE;

  if ((member = json_object_get_member (object, "reviews")) && !load_reviews (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "discounts")) && !_acr_rules_load_discounts (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "refunds")) && !_acr_rules_load_refunds (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "chapter_waiver")) && !_acr_rules_load_waiver (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "ladder")) && !_acr_rules_load_ladder (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "chapter_choice")) &&
      !load_chapter_choice (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "first_invoice")) &&
      !_acr_rules_load_first_invoice (self, reader, member, error))
    return FALSE;

  n_categories = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(AcrCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);

      if (category->dues_kind == ACR_DUES_LADDER && self->ladder_start->len == 0)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, "ladder",
                               _("missing, but category “%s” pays ladder dues"), category->id);
    }

  return TRUE;
}
