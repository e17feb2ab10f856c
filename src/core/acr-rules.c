#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-category-private.h"
#include "acr-chapter-private.h"
#include "acr-criterion-private.h"
#include "acr-decision-private.h"
#include "acr-dues-quote-private.h"
#include "acr-json-reader-private.h"
#include "acr-rules.h"
#include "acr-rules-resources.h"

#define BUNDLE_FORMAT 1
#define DEFAULT_SOURCE_NAME "acr-rules.json"
#define MAX_LADDER_YEARS 10

typedef struct
{
  gint64    cents;
  gboolean  placeholder;
} Amount;

typedef struct
{
  AcrCategory *category;  /* borrowed from the rules */
  Amount       amount;    /* flat dues, or full dues after the ladder */
  GArray      *ladder;    /* of Amount: years one, two, … of the ladder; NULL for flat dues */
} NationalDues;

typedef struct
{
  int        year;
  GPtrArray *national;  /* of NationalDues */
} DuesYear;

typedef struct
{
  char      *code;
  char      *description;
  int        percent;
  GPtrArray *when;  /* of AcrCondition */
  char      *source;
} Discount;

typedef struct
{
  char      *code;
  char      *description;
  GPtrArray *when;
  char      *source;
} Refund;

typedef struct
{
  char          *fact;
  AcrDateOffset  plus;
  gboolean       first_full;  /* the first membership year that starts on or after the date */
} LadderStart;

typedef struct
{
  char      *id;
  char      *text;
  char      *source;
  GPtrArray *when;
} Review;

struct _AcrRules
{
  GObject      parent_instance;

  char        *source_name;
  char        *title;
  char        *currency;
  GListStore  *categories;     /* of AcrCategory, bundle order */
  GPtrArray   *category_array; /* the same, for evaluation without a reference per item */
  GPtrArray   *precedence;     /* of AcrCategory (borrowed): which eligible category is the decision */
  GListStore  *chapters;       /* of AcrChapter */
  GHashTable  *chapter_index;  /* code → AcrChapter (borrowed from chapters) */
  GHashTable  *chapter_countries;  /* countries that have chapters */
  guint        max_chapters;   /* 0: no limit beyond AcrPerson's */
  GStrv        chapter_where;  /* facts a chosen chapter must match; NULL: any chapter */
  char        *chapter_default;  /* fact naming the chapter billed when none is chosen */
  char        *chapter_source;
  GPtrArray   *reviews;        /* of Review */
  GPtrArray   *ladder_start;   /* of LadderStart */
  char        *ladder_source;
  GPtrArray   *discounts;      /* of Discount */
  GPtrArray   *waiver_when;    /* of AcrCondition; NULL: nobody may waive chapters */
  char        *waiver_source;
  char        *waiver_waived;   /* line description when the waiver is granted */
  char        *waiver_refused;  /* … and when it is asked for but not allowed */
  GPtrArray   *refunds;        /* of Refund */
  GPtrArray   *years;          /* of DuesYear, ascending */
};

/* What the rules say about a person on one day. */
typedef struct
{
  AcrCategory  *category;        /* the decision, or NULL */
  AcrCriterion *criterion;       /* the criterion that admitted it */
  GPtrArray    *eligible;        /* of AcrCategory, bundle order */
  GPtrArray    *eligible_why;    /* of AcrCriterion, parallel to eligible */
  GPtrArray    *missing;         /* of fact names */
  GPtrArray    *not_eligible;    /* of AcrCategory the person fails */
  GPtrArray    *closest;         /* of AcrCriterion, parallel: the nearest miss */
  gboolean      rights[ACR_N_RIGHTS];
} Evaluation;

enum {
  PROP_0,
  PROP_SOURCE_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const root_keys[] = {
  "format", "title", "currency", "precedence", "precedence_source", "categories", "reviews",
  "ladder", "discounts", "chapter_waiver", "refunds", "chapter_choice", "chapters", "dues", NULL
};
static const char * const category_keys[] = { "id", "name", "description", "criteria", "rights", "dues", NULL };
static const char * const rights_keys[] = { "committees", "elective_office", "board_of_chancellors", "source", NULL };
static const char * const right_rule_keys[] = { "all", NULL };
static const char * const category_dues_keys[] = { "kind", "chapter_dues", "source", NULL };
static const char * const chapter_keys[] = { "code", "name", "country", NULL };
static const char * const year_keys[] = { "year", "national", "chapters", NULL };
static const char * const flat_keys[] = { "amount", NULL };
static const char * const ladder_dues_keys[] = { "ladder", "full", NULL };
static const char * const amount_keys[] = { "amount_cents", "placeholder", "note", NULL };
static const char * const discount_keys[] = { "code", "description", "applies_to", "percent", "when", "source", NULL };
static const char * const choice_keys[] = { "max", "where", "default", "source", NULL };
static const char * const waiver_keys[] = { "when", "waived", "refused", "source", NULL };
static const char * const refund_keys[] = { "code", "description", "when", "source", NULL };
static const char * const ladder_keys[] = { "source", "start", NULL };
static const char * const ladder_start_keys[] = { "fact", "plus", "year", NULL };
static const char * const review_keys[] = { "id", "text", "source", "all", NULL };
static const char * const dues_kinds[] = { "free", "flat", "ladder", NULL };

G_DEFINE_FINAL_TYPE (AcrRules, acr_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-rules-error-quark, acr_rules_error)

/* Plain structures of the bundle */

static void
national_dues_free (NationalDues *dues)
{
  g_clear_pointer (&dues->ladder, g_array_unref);
  g_free (dues);
}

static void
dues_year_free (DuesYear *year)
{
  g_clear_pointer (&year->national, g_ptr_array_unref);
  g_free (year);
}

static void
discount_free (Discount *discount)
{
  g_free (discount->code);
  g_free (discount->description);
  g_clear_pointer (&discount->when, g_ptr_array_unref);
  g_free (discount->source);
  g_free (discount);
}

static void
refund_free (Refund *refund)
{
  g_free (refund->code);
  g_free (refund->description);
  g_clear_pointer (&refund->when, g_ptr_array_unref);
  g_free (refund->source);
  g_free (refund);
}

static void
ladder_start_free (LadderStart *start)
{
  g_free (start->fact);
  g_free (start);
}

static void
review_free (Review *review)
{
  g_free (review->id);
  g_free (review->text);
  g_free (review->source);
  g_clear_pointer (&review->when, g_ptr_array_unref);
  g_free (review);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NationalDues, national_dues_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DuesYear, dues_year_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Discount, discount_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refund, refund_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LadderStart, ladder_start_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Review, review_free)

/* Loading */

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

/* An amount is a whole number of cents, or {"amount_cents": N,
 * "placeholder": true, "note": "…"} for an amount the seed does not give. */
static gboolean
read_amount (const AcrJsonReader  *reader,
             JsonNode             *node,
             const char           *path,
             Amount               *amount,
             GError              **error)
{
  JsonObject *object;
  JsonNode *cents_node;
  g_autofree char *note = NULL;
  g_autofree char *cents_path = NULL;

  amount->placeholder = FALSE;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      object = json_node_get_object (node);
      if (!_acr_json_check_keys (reader, object, path, amount_keys, error) ||
          !(cents_node = _acr_json_require (reader, object, path, "amount_cents", error)) ||
          !_acr_json_read_boolean (reader, object, path, "placeholder", FALSE, &amount->placeholder, error) ||
          !_acr_json_read_string (reader, object, path, "note", FALSE, &note, error))
        return FALSE;

      cents_path = _acr_json_path_member (path, "amount_cents");
      path = cents_path;
      node = cents_node;
    }

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *got = _acr_json_describe (node);

      return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                             _("expected an amount in cents, got %s"), got);
    }

  amount->cents = json_node_get_int (node);
  if (amount->cents < 0)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                           _("an amount must not be negative, got %lld"), (long long) amount->cents);

  /* A billion dollars is not a membership fee; it is a typo, and keeping
   * amounts small keeps every sum far from overflow. */
  if (amount->cents > G_GINT64_CONSTANT (100000000000))
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                           _("amount %lld is out of range"), (long long) amount->cents);

  return TRUE;
}

static AcrCategory *
find_category (AcrRules   *self,
               const char *id)
{
  for (guint i = 0; i < self->category_array->len; i++)
    {
      AcrCategory *category = self->category_array->pdata[i];

      if (g_str_equal (category->id, id))
        return category;
    }

  return NULL;
}

static AcrChapter *
find_chapter (AcrRules   *self,
              const char *code)
{
  return g_hash_table_lookup (self->chapter_index, code);
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
          JsonNode *all;

          if (!_acr_json_check_keys (reader, rule, where, right_rule_keys, error) ||
              !(all = _acr_json_require (reader, rule, where, "all", error)) ||
              !(category->rights[i].conditions = _acr_conditions_parse (reader, all, all_path, error)))
            return FALSE;
        }
      else if (JSON_NODE_HOLDS_VALUE (right) && json_node_get_value_type (right) == G_TYPE_BOOLEAN)
        {
          category->rights[i].value = json_node_get_boolean (right);
        }
      else
        {
          g_autofree char *got = _acr_json_describe (right);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where,
                                 _("expected true, false or {\"all\": [conditions]}, got %s"), got);
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
          !_acr_json_read_string (reader, object, path, "description", TRUE, &category->description, error))
        return FALSE;

      if (!is_identifier (category->id))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, id_path,
                               _("“%s” is not an identifier (lower-case letters, digits and “-”)"), category->id);

      if (find_category (self, category->id) != NULL)
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
      AcrCategory *category = find_category (self, ids[i]);

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
      if (find_chapter (self, code) != NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, code_path,
                               _("chapter “%s” is defined twice"), code);

      chapter = _acr_chapter_new (code, name, country);
      g_list_store_append (self->chapters, chapter);
      g_hash_table_insert (self->chapter_index, (gpointer) acr_chapter_get_code (chapter), chapter);
      g_hash_table_add (self->chapter_countries, (gpointer) acr_chapter_get_country (chapter));
    }

  return TRUE;
}

static NationalDues *
load_national_dues (const AcrJsonReader  *reader,
                    AcrCategory          *category,
                    JsonNode             *node,
                    const char           *path,
                    GError              **error)
{
  g_autoptr(NationalDues) dues = g_new0 (NationalDues, 1);
  JsonObject *object;

  dues->category = category;

  if (category->dues_kind == ACR_DUES_FREE)
    {
      _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, path,
                      _("category “%s” is free and has no dues"), category->id);
      return NULL;
    }

  if (!(object = _acr_json_expect_object (reader, node, path, error)))
    return NULL;

  if (category->dues_kind == ACR_DUES_FLAT)
    {
      g_autofree char *amount_path = _acr_json_path_member (path, "amount");
      JsonNode *amount;

      if (!_acr_json_check_keys (reader, object, path, flat_keys, error) ||
          !(amount = _acr_json_require (reader, object, path, "amount", error)) ||
          !read_amount (reader, amount, amount_path, &dues->amount, error))
        return NULL;
    }
  else
    {
      g_autofree char *ladder_path = _acr_json_path_member (path, "ladder");
      g_autofree char *full_path = _acr_json_path_member (path, "full");
      JsonNode *ladder_node, *full;
      JsonArray *ladder;

      if (!_acr_json_check_keys (reader, object, path, ladder_dues_keys, error) ||
          !(ladder_node = _acr_json_require (reader, object, path, "ladder", error)) ||
          !(ladder = _acr_json_expect_array (reader, ladder_node, ladder_path, FALSE, error)) ||
          !(full = _acr_json_require (reader, object, path, "full", error)) ||
          !read_amount (reader, full, full_path, &dues->amount, error))
        return NULL;

      if (json_array_get_length (ladder) > MAX_LADDER_YEARS)
        {
          _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, ladder_path,
                          _("at most %d years, got %u"), MAX_LADDER_YEARS, json_array_get_length (ladder));
          return NULL;
        }

      dues->ladder = g_array_new (FALSE, FALSE, sizeof (Amount));
      for (guint i = 0; i < json_array_get_length (ladder); i++)
        {
          g_autofree char *where = _acr_json_path_index (ladder_path, i);
          Amount amount;

          if (!read_amount (reader, json_array_get_element (ladder, i), where, &amount, error))
            return NULL;

          /* "Member dues increase incrementally during the first four years
           * of practice": each rung at least the one before, none above
           * full dues. */
          if (i > 0 && amount.cents < g_array_index (dues->ladder, Amount, i - 1).cents)
            {
              _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                              _("%lld is less than the year before (%lld)"),
                              (long long) amount.cents, (long long) g_array_index (dues->ladder, Amount, i - 1).cents);
              return NULL;
            }

          if (amount.cents > dues->amount.cents)
            {
              _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                              _("%lld is more than the full dues (%lld)"),
                              (long long) amount.cents, (long long) dues->amount.cents);
              return NULL;
            }

          g_array_append_val (dues->ladder, amount);
        }
    }

  return g_steal_pointer (&dues);
}

static gboolean
load_dues_year (AcrRules             *self,
                const AcrJsonReader  *reader,
                JsonNode             *node,
                const char           *path,
                GError              **error)
{
  g_autoptr(DuesYear) year = g_new0 (DuesYear, 1);
  g_autofree char *year_path = _acr_json_path_member (path, "year");
  g_autofree char *national_path = _acr_json_path_member (path, "national");
  g_autofree char *chapters_path = _acr_json_path_member (path, "chapters");
  g_autoptr(GList) members = NULL;
  guint n_categories = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  guint n_chapters = g_list_model_get_n_items (G_LIST_MODEL (self->chapters));
  JsonObject *object, *national, *chapters;
  JsonNode *member;
  gint64 number = 0;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, year_keys, error) ||
      !_acr_json_read_int (reader, object, path, "year", TRUE, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &number, error))
    return FALSE;

  year->year = (int) number;
  year->national = g_ptr_array_new_with_free_func ((GDestroyNotify) national_dues_free);

  for (guint i = 0; i < self->years->len; i++)
    {
      if (((DuesYear *) self->years->pdata[i])->year == year->year)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, year_path,
                               _("the schedule for %d is given twice"), year->year);
    }

  if (!(member = _acr_json_require (reader, object, path, "national", error)) ||
      !(national = _acr_json_expect_object (reader, member, national_path, error)))
    return FALSE;

  members = json_object_get_members (national);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *where = _acr_json_path_member (national_path, l->data);
      AcrCategory *category = find_category (self, l->data);
      NationalDues *dues;

      if (category == NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                               _("unknown category “%s”"), (const char *) l->data);

      if (!(dues = load_national_dues (reader, category, json_object_get_member (national, l->data), where, error)))
        return FALSE;

      g_ptr_array_add (year->national, dues);
    }

  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(AcrCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);

      if (category->dues_kind != ACR_DUES_FREE && !json_object_has_member (national, category->id))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, national_path,
                               _("no dues for category “%s”"), category->id);
    }

  if (!(member = _acr_json_require (reader, object, path, "chapters", error)) ||
      !(chapters = _acr_json_expect_object (reader, member, chapters_path, error)))
    return FALSE;

  g_clear_pointer (&members, g_list_free);
  members = json_object_get_members (chapters);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *where = _acr_json_path_member (chapters_path, l->data);
      AcrChapter *chapter = find_chapter (self, l->data);
      Amount amount;

      if (chapter == NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, where,
                               _("unknown chapter “%s”"), (const char *) l->data);

      if (!read_amount (reader, json_object_get_member (chapters, l->data), where, &amount, error))
        return FALSE;

      _acr_chapter_set_dues (chapter, year->year, amount.cents, amount.placeholder);
    }

  for (guint i = 0; i < n_chapters; i++)
    {
      g_autoptr(AcrChapter) chapter = g_list_model_get_item (G_LIST_MODEL (self->chapters), i);

      if (!json_object_has_member (chapters, acr_chapter_get_code (chapter)))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, chapters_path,
                               _("no dues for chapter “%s”"), acr_chapter_get_code (chapter));
    }

  g_ptr_array_add (self->years, g_steal_pointer (&year));
  return TRUE;
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  const DuesYear *ya = *(DuesYear * const *) a;
  const DuesYear *yb = *(DuesYear * const *) b;

  return (ya->year > yb->year) - (ya->year < yb->year);
}

static gboolean
load_dues (AcrRules             *self,
           const AcrJsonReader  *reader,
           JsonNode             *node,
           GError              **error)
{
  JsonArray *array;

  if (!(array = _acr_json_expect_array (reader, node, "dues", FALSE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = _acr_json_path_index ("dues", i);

      if (!load_dues_year (self, reader, json_array_get_element (array, i), path, error))
        return FALSE;
    }

  g_ptr_array_sort (self->years, compare_years);
  return TRUE;
}

/* Line codes the engine writes itself; a discount or refund must not take
 * one, nor another's. */
static gboolean
check_line_code (AcrRules             *self,
                 const AcrJsonReader  *reader,
                 const char           *code,
                 const char           *path,
                 GError              **error)
{
  static const char * const reserved[] = {
    "national", "not-billable", "chapters-waived", "chapter-waiver-refused", NULL
  };

  if (g_strv_contains (reserved, code) || g_str_has_prefix (code, "chapter:"))
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, path,
                           _("“%s” is a line code the engine uses itself"), code);

  for (guint i = 0; i < self->discounts->len; i++)
    {
      if (g_str_equal (((Discount *) self->discounts->pdata[i])->code, code))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, path,
                               _("line code “%s” is used twice"), code);
    }

  for (guint i = 0; i < self->refunds->len; i++)
    {
      if (g_str_equal (((Refund *) self->refunds->pdata[i])->code, code))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_INCONSISTENT, path,
                               _("line code “%s” is used twice"), code);
    }

  return TRUE;
}

static gboolean
load_discounts (AcrRules             *self,
                const AcrJsonReader  *reader,
                JsonNode             *node,
                GError              **error)
{
  JsonArray *array;

  if (!(array = _acr_json_expect_array (reader, node, "discounts", TRUE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(Discount) discount = g_new0 (Discount, 1);
      g_autofree char *path = _acr_json_path_index ("discounts", i);
      g_autofree char *applies_path = _acr_json_path_member (path, "applies_to");
      g_autofree char *code_path = _acr_json_path_member (path, "code");
      g_autofree char *when_path = _acr_json_path_member (path, "when");
      g_autofree char *applies_to = NULL;
      JsonObject *object;
      JsonNode *when;
      gint64 percent = 0;

      if (!(object = _acr_json_expect_object (reader, json_array_get_element (array, i), path, error)) ||
          !_acr_json_check_keys (reader, object, path, discount_keys, error) ||
          !_acr_json_read_string (reader, object, path, "code", TRUE, &discount->code, error) ||
          !_acr_json_read_string (reader, object, path, "description", TRUE, &discount->description, error) ||
          !_acr_json_read_string (reader, object, path, "applies_to", TRUE, &applies_to, error) ||
          !_acr_json_read_int (reader, object, path, "percent", TRUE, 1, 100, &percent, error) ||
          !(when = _acr_json_require (reader, object, path, "when", error)) ||
          !(discount->when = _acr_conditions_parse (reader, when, when_path, error)) ||
          !_acr_json_read_string (reader, object, path, "source", TRUE, &discount->source, error) ||
          !check_line_code (self, reader, discount->code, code_path, error))
        return FALSE;

      /* The seed only discounts national dues. */
      if (!g_str_equal (applies_to, "national"))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, applies_path,
                               _("expected “national”, got “%s”"), applies_to);

      discount->percent = (int) percent;
      g_ptr_array_add (self->discounts, g_steal_pointer (&discount));
    }

  return TRUE;
}

static gboolean
load_refunds (AcrRules             *self,
              const AcrJsonReader  *reader,
              JsonNode             *node,
              GError              **error)
{
  JsonArray *array;

  if (!(array = _acr_json_expect_array (reader, node, "refunds", TRUE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(Refund) refund = g_new0 (Refund, 1);
      g_autofree char *path = _acr_json_path_index ("refunds", i);
      g_autofree char *when_path = _acr_json_path_member (path, "when");
      g_autofree char *code_path = _acr_json_path_member (path, "code");
      JsonObject *object;
      JsonNode *when;

      if (!(object = _acr_json_expect_object (reader, json_array_get_element (array, i), path, error)) ||
          !_acr_json_check_keys (reader, object, path, refund_keys, error) ||
          !_acr_json_read_string (reader, object, path, "code", TRUE, &refund->code, error) ||
          !_acr_json_read_string (reader, object, path, "description", TRUE, &refund->description, error) ||
          !(when = _acr_json_require (reader, object, path, "when", error)) ||
          !(refund->when = _acr_conditions_parse (reader, when, when_path, error)) ||
          !_acr_json_read_string (reader, object, path, "source", TRUE, &refund->source, error) ||
          !check_line_code (self, reader, refund->code, code_path, error))
        return FALSE;

      g_ptr_array_add (self->refunds, g_steal_pointer (&refund));
    }

  return TRUE;
}

static gboolean
load_waiver (AcrRules             *self,
             const AcrJsonReader  *reader,
             JsonNode             *node,
             GError              **error)
{
  JsonObject *object;
  JsonNode *when;

  if (!(object = _acr_json_expect_object (reader, node, "chapter_waiver", error)) ||
      !_acr_json_check_keys (reader, object, "chapter_waiver", waiver_keys, error) ||
      !(when = _acr_json_require (reader, object, "chapter_waiver", "when", error)) ||
      !(self->waiver_when = _acr_conditions_parse (reader, when, "chapter_waiver.when", error)) ||
      !_acr_json_read_string (reader, object, "chapter_waiver", "waived", TRUE, &self->waiver_waived, error) ||
      !_acr_json_read_string (reader, object, "chapter_waiver", "refused", TRUE, &self->waiver_refused, error) ||
      !_acr_json_read_string (reader, object, "chapter_waiver", "source", TRUE, &self->waiver_source, error))
    return FALSE;

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
load_ladder (AcrRules             *self,
             const AcrJsonReader  *reader,
             JsonNode             *node,
             GError              **error)
{
  JsonObject *object;
  JsonArray *starts;
  JsonNode *member;

  if (!(object = _acr_json_expect_object (reader, node, "ladder", error)) ||
      !_acr_json_check_keys (reader, object, "ladder", ladder_keys, error) ||
      !_acr_json_read_string (reader, object, "ladder", "source", TRUE, &self->ladder_source, error) ||
      !(member = _acr_json_require (reader, object, "ladder", "start", error)) ||
      !(starts = _acr_json_expect_array (reader, member, "ladder.start", FALSE, error)))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (starts); i++)
    {
      g_autoptr(LadderStart) start = g_new0 (LadderStart, 1);
      g_autofree char *path = _acr_json_path_index ("ladder.start", i);
      g_autofree char *fact_path = _acr_json_path_member (path, "fact");
      g_autofree char *year_path = _acr_json_path_member (path, "year");
      g_autofree char *plus_path = _acr_json_path_member (path, "plus");
      g_autofree char *year = NULL;
      const AcrFactInfo *info;
      JsonObject *item;
      JsonNode *plus;

      if (!(item = _acr_json_expect_object (reader, json_array_get_element (starts, i), path, error)) ||
          !_acr_json_check_keys (reader, item, path, ladder_start_keys, error) ||
          !_acr_json_read_string (reader, item, path, "fact", TRUE, &start->fact, error) ||
          !_acr_json_read_string (reader, item, path, "year", TRUE, &year, error))
        return FALSE;

      info = acr_person_lookup_fact (start->fact);
      if (info == NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, fact_path,
                               _("unknown fact “%s”"), start->fact);
      if (info->type != ACR_FACT_DATE)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, fact_path,
                               _("“%s” is not a date fact"), start->fact);

      if (g_str_equal (year, "first_full"))
        start->first_full = TRUE;
      else if (!g_str_equal (year, "same"))
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, year_path,
                               _("expected “first_full” or “same”, got “%s”"), year);

      plus = json_object_get_member (item, "plus");
      if (plus != NULL && !_acr_date_offset_parse (reader, plus, plus_path, &start->plus, error))
        return FALSE;

      g_ptr_array_add (self->ladder_start, g_steal_pointer (&start));
    }

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

      g_ptr_array_add (self->reviews, g_steal_pointer (&review));
    }

  return TRUE;
}

static gboolean
load_bundle (AcrRules             *self,
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
      !load_dues (self, reader, member, error))
    return FALSE;

  if ((member = json_object_get_member (object, "reviews")) && !load_reviews (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "discounts")) && !load_discounts (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "refunds")) && !load_refunds (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "chapter_waiver")) && !load_waiver (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "ladder")) && !load_ladder (self, reader, member, error))
    return FALSE;
  if ((member = json_object_get_member (object, "chapter_choice")) &&
      !load_chapter_choice (self, reader, member, error))
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

/* Evaluation */

static void
evaluation_init (Evaluation *ev)
{
  memset (ev, 0, sizeof *ev);
  ev->eligible = g_ptr_array_new ();
  ev->eligible_why = g_ptr_array_new ();
  ev->missing = g_ptr_array_new ();
  ev->not_eligible = g_ptr_array_new ();
  ev->closest = g_ptr_array_new ();
}

static void
evaluation_clear (Evaluation *ev)
{
  g_clear_pointer (&ev->eligible, g_ptr_array_unref);
  g_clear_pointer (&ev->eligible_why, g_ptr_array_unref);
  g_clear_pointer (&ev->missing, g_ptr_array_unref);
  g_clear_pointer (&ev->not_eligible, g_ptr_array_unref);
  g_clear_pointer (&ev->closest, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Evaluation, evaluation_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AcrFactNotes, _acr_fact_notes_clear)

typedef struct
{
  AcrTruth      truth;
  AcrCriterion *criterion;  /* the first that holds, else the nearest miss */
  GPtrArray    *unknown;    /* facts that left a criterion undecided */
  GPtrArray    *ask;        /* facts assumed by the criterion that holds */
} CategoryResult;

static void
evaluate (AcrRules    *self,
          AcrPerson   *person,
          const GDate *on,
          int          year,
          Evaluation  *ev)
{
  AcrEvalContext context = { person, *on, year };
  GPtrArray *order = self->category_array;
  guint n_categories = order->len;
  g_autofree CategoryResult *results = g_new0 (CategoryResult, n_categories);

  evaluation_init (ev);

  for (guint i = 0; i < n_categories; i++)
    {
      AcrCategory *category = order->pdata[i];
      CategoryResult *result = &results[i];
      guint best_false = G_MAXUINT;

      result->truth = ACR_TRUTH_FALSE;
      result->unknown = g_ptr_array_new ();
      result->ask = g_ptr_array_new ();

      for (guint j = 0; j < category->criteria->len; j++)
        {
          AcrCriterion *criterion = category->criteria->pdata[j];
          g_auto(AcrFactNotes) notes = { NULL, NULL, 0 };
          AcrTruth truth;

          _acr_fact_notes_init (&notes);
          truth = _acr_conditions_evaluate (criterion->conditions, &context, &notes);

          if (truth == ACR_TRUTH_TRUE)
            {
              result->truth = ACR_TRUTH_TRUE;
              result->criterion = criterion;
              for (guint k = 0; k < notes.ask->len; k++)
                _acr_fact_list_add (result->ask, notes.ask->pdata[k]);
              break;
            }

          if (truth == ACR_TRUTH_UNKNOWN)
            {
              result->truth = ACR_TRUTH_UNKNOWN;
              for (guint k = 0; k < notes.unknown->len; k++)
                _acr_fact_list_add (result->unknown, notes.unknown->pdata[k]);
            }

          if (notes.n_false < best_false)
            {
              best_false = notes.n_false;
              result->criterion = criterion;
            }
        }

      if (result->truth == ACR_TRUTH_TRUE)
        {
          g_ptr_array_add (ev->eligible, category);
          g_ptr_array_add (ev->eligible_why, result->criterion);
        }
      else
        {
          g_ptr_array_add (ev->not_eligible, category);
          g_ptr_array_add (ev->closest, result->criterion);
        }
    }

  /* The decision is the first eligible category in order of precedence;
   * what is unknown about a category that would come first is missing. */
  for (guint p = 0; p < self->precedence->len && ev->category == NULL; p++)
    {
      AcrCategory *category = self->precedence->pdata[p];
      guint i;

      if (!g_ptr_array_find (order, category, &i))
        g_assert_not_reached ();

      if (results[i].truth == ACR_TRUTH_TRUE)
        {
          ev->category = category;
          ev->criterion = results[i].criterion;
          for (guint k = 0; k < results[i].ask->len; k++)
            _acr_fact_list_add (ev->missing, results[i].ask->pdata[k]);
        }
      else if (results[i].truth == ACR_TRUTH_UNKNOWN)
        {
          for (guint k = 0; k < results[i].unknown->len; k++)
            _acr_fact_list_add (ev->missing, results[i].unknown->pdata[k]);
        }
    }

  if (ev->category != NULL)
    {
      for (guint r = 0; r < ACR_N_RIGHTS; r++)
        {
          const AcrRightRule *rule = &ev->category->rights[r];

          if (rule->conditions != NULL)
            ev->rights[r] = _acr_conditions_evaluate (rule->conditions, &context, NULL) == ACR_TRUTH_TRUE;
          else
            ev->rights[r] = rule->value;
        }
    }

  for (guint i = 0; i < n_categories; i++)
    {
      g_ptr_array_unref (results[i].unknown);
      g_ptr_array_unref (results[i].ask);
    }
}

static gboolean
same_outcome (const Evaluation *a,
              const Evaluation *b)
{
  if (a->category != b->category)
    return FALSE;

  for (guint r = 0; r < ACR_N_RIGHTS; r++)
    {
      if (a->rights[r] != b->rights[r])
        return FALSE;
    }

  return TRUE;
}

static void
collect_change_days (GPtrArray   *conditions,
                     AcrPerson   *person,
                     const GDate *after,
                     GArray      *days)
{
  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      GDate day;

      if (_acr_condition_get_change_day (conditions->pdata[i], person, &day) &&
          g_date_compare (&day, after) > 0)
        g_array_append_val (days, day);
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return g_date_compare (a, b);
}

/* The note of a condition among @conditions that turns over on @day. */
static const char *
note_for_day (GPtrArray   *conditions,
              AcrPerson   *person,
              const GDate *day)
{
  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      const AcrCondition *condition = conditions->pdata[i];
      GDate change;

      if (condition->note != NULL &&
          _acr_condition_get_change_day (condition, person, &change) &&
          g_date_compare (&change, day) == 0)
        return _(condition->note);
    }

  return NULL;
}

/* The next day after @on on which the category or the rights change by
 * themselves, as dates in the person's facts come and go. Only the days on
 * which some date condition turns over can change anything, so only those
 * are evaluated. */
static gboolean
find_next_change (AcrRules          *self,
                  AcrPerson         *person,
                  const GDate       *on,
                  const Evaluation  *now,
                  GDate             *change_day,
                  AcrCategory      **change_category,
                  const char       **change_reason)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));

  for (guint i = 0; i < self->category_array->len; i++)
    {
      AcrCategory *category = self->category_array->pdata[i];

      for (guint j = 0; j < category->criteria->len; j++)
        collect_change_days (((AcrCriterion *) category->criteria->pdata[j])->conditions, person, on, days);
      for (guint r = 0; r < ACR_N_RIGHTS; r++)
        collect_change_days (category->rights[r].conditions, person, on, days);
    }

  g_array_sort (days, compare_days);

  for (guint d = 0; d < days->len; d++)
    {
      const GDate *day = &g_array_index (days, GDate, d);
      g_auto(Evaluation) then = { NULL, };
      const char *reason = NULL;

      if (d > 0 && g_date_compare (day, &g_array_index (days, GDate, d - 1)) == 0)
        continue;

      /* Dates run to 2999-12-31 (acr_date_check_range()): a change after
       * that is none that could be written down or read back, so the
       * decision foresees no change rather than inventing one on the last day. */
      if (g_date_get_year (day) > ACR_DATE_MAX_YEAR)
        break;

      evaluate (self, person, day, g_date_get_year (day), &then);
      if (same_outcome (now, &then))
        continue;

      /* Say why in the words of the rule that turned over: the one that
       * admitted the person until now, the one that admits them from
       * then, or one of the rights. */
      if (now->criterion != NULL)
        reason = note_for_day (now->criterion->conditions, person, day);
      if (reason == NULL && then.criterion != NULL)
        reason = note_for_day (then.criterion->conditions, person, day);
      for (guint r = 0; reason == NULL && now->category != NULL && r < ACR_N_RIGHTS; r++)
        reason = note_for_day (now->category->rights[r].conditions, person, day);

      *change_day = *day;
      *change_category = then.category;
      *change_reason = reason;
      return TRUE;
    }

  return FALSE;
}

/* g_strv_builder_take() is GLib 2.80. */
static void
take_string (GStrvBuilder *builder,
             char         *string)
{
  g_strv_builder_add (builder, string);
  g_free (string);
}

static GStrv
fact_list_to_strv (GPtrArray *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (builder, list->pdata[i]);

  return g_strv_builder_end (builder);
}

/* GObject */

static void
acr_rules_dispose (GObject *object)
{
  AcrRules *self = (AcrRules *) object;

  g_clear_pointer (&self->precedence, g_ptr_array_unref);
  g_clear_pointer (&self->years, g_ptr_array_unref);
  g_clear_pointer (&self->chapter_index, g_hash_table_unref);
  g_clear_pointer (&self->chapter_countries, g_hash_table_unref);
  g_clear_pointer (&self->category_array, g_ptr_array_unref);
  g_clear_object (&self->categories);
  g_clear_object (&self->chapters);

  G_OBJECT_CLASS (acr_rules_parent_class)->dispose (object);
}

static void
acr_rules_finalize (GObject *object)
{
  AcrRules *self = (AcrRules *) object;

  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->ladder_start, g_ptr_array_unref);
  g_clear_pointer (&self->ladder_source, g_free);
  g_clear_pointer (&self->discounts, g_ptr_array_unref);
  g_clear_pointer (&self->waiver_when, g_ptr_array_unref);
  g_clear_pointer (&self->waiver_source, g_free);
  g_clear_pointer (&self->chapter_where, g_strfreev);
  g_clear_pointer (&self->chapter_default, g_free);
  g_clear_pointer (&self->chapter_source, g_free);
  g_clear_pointer (&self->waiver_waived, g_free);
  g_clear_pointer (&self->waiver_refused, g_free);
  g_clear_pointer (&self->refunds, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_rules_parent_class)->finalize (object);
}

static void
acr_rules_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  AcrRules *self = ACR_RULES (object);

  switch (prop_id)
    {
    case PROP_SOURCE_NAME:
      g_value_set_string (value, self->source_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_rules_class_init (AcrRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_rules_dispose;
  object_class->finalize = acr_rules_finalize;
  object_class->get_property = acr_rules_get_property;

  properties [PROP_SOURCE_NAME] =
    g_param_spec_string ("source-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_rules_init (AcrRules *self)
{
  self->categories = g_list_store_new (ACR_TYPE_CATEGORY);
  self->category_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->chapters = g_list_store_new (ACR_TYPE_CHAPTER);
  self->chapter_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->chapter_countries = g_hash_table_new (g_str_hash, g_str_equal);
  self->precedence = g_ptr_array_new ();
  self->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) review_free);
  self->ladder_start = g_ptr_array_new_with_free_func ((GDestroyNotify) ladder_start_free);
  self->discounts = g_ptr_array_new_with_free_func ((GDestroyNotify) discount_free);
  self->refunds = g_ptr_array_new_with_free_func ((GDestroyNotify) refund_free);
  self->years = g_ptr_array_new_with_free_func ((GDestroyNotify) dues_year_free);
}

/* Public API: loading */

/**
 * acr_rules_new_from_bytes:
 * @bytes: the bundle's JSON text
 * @source_name: the name errors show, e.g. "acr-rules.json"
 *
 * Reads and checks a rules bundle. A bundle that is malformed or inconsistent
 * is refused as a whole with an ACR_RULES_ERROR naming @source_name, the JSON
 * path and what is wrong.
 */
AcrRules *
acr_rules_new_from_bytes (GBytes      *bytes,
                          const char  *source_name,
                          GError     **error)
{
  g_autoptr(AcrRules) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  AcrJsonReader reader = { source_name };
  gsize size;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (source_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size > G_MAXSSIZE)
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE, _("%s: too large"), source_name);
      return NULL;
    }

  if (!g_utf8_validate (data, (gssize) size, NULL))
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE, _("%s: not UTF-8 text"), source_name);
      return NULL;
    }

  if (!_acr_json_parse (data != NULL ? data : "", (gssize) size, &root, &local_error))
    {
      /* json-glib's own messages begin "<data>:LINE:COLUMN"; ours say what is wrong. */
      if (g_str_has_prefix (local_error->message, "<data>:"))
        g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE,
                     _("%s: not valid JSON: %s"), source_name, local_error->message);
      else
        g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE,
                     "%s: %s", source_name, local_error->message);
      return NULL;
    }

  if (root == NULL)
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE, _("%s: empty, not a rules bundle"), source_name);
      return NULL;
    }

  self = g_object_new (ACR_TYPE_RULES, NULL);
  self->source_name = g_strdup (source_name);

  if (!load_bundle (self, &reader, root, error))
    return NULL;

  return g_steal_pointer (&self);
}

AcrRules *
acr_rules_new_from_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  basename = g_path_get_basename (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE,
                   _("%s: cannot read the rules: %s"), basename, local_error->message);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return acr_rules_new_from_bytes (bytes, basename, error);
}

/**
 * acr_rules_new_default:
 *
 * Loads the bundle compiled into libacr-core. The resource is referenced
 * through acr_rules_get_resource() so the linker always keeps it in the
 * static library's users, and read in place (it is stored uncompressed).
 */
AcrRules *
acr_rules_new_default (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resource_lookup_data (acr_rules_get_resource (), ACR_RULES_DEFAULT_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE,
                   _("%s: the built-in rules are missing: %s"), DEFAULT_SOURCE_NAME, local_error->message);
      return NULL;
    }

  return acr_rules_new_from_bytes (bytes, DEFAULT_SOURCE_NAME, error);
}

const char *
acr_rules_get_source_name (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  return self->source_name;
}

const char *
acr_rules_get_title (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  return self->title;
}

const char *
acr_rules_get_currency (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  return self->currency;
}

GListModel *
acr_rules_get_categories (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  return G_LIST_MODEL (self->categories);
}

AcrCategory *
acr_rules_lookup_category (AcrRules   *self,
                           const char *id)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return find_category (self, id);
}

GListModel *
acr_rules_get_chapters (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);

  return G_LIST_MODEL (self->chapters);
}

AcrChapter *
acr_rules_lookup_chapter (AcrRules   *self,
                          const char *code)
{
  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return find_chapter (self, code);
}

static DuesYear *
find_year (AcrRules *self,
           int       year)
{
  for (guint i = 0; i < self->years->len; i++)
    {
      DuesYear *y = self->years->pdata[i];

      if (y->year == year)
        return y;
    }

  return NULL;
}

gboolean
acr_rules_has_year (AcrRules *self,
                    int       year)
{
  g_return_val_if_fail (ACR_IS_RULES (self), FALSE);

  return find_year (self, year) != NULL;
}

/* The membership years the dues schedule covers, ascending; free with g_free(). */
int *
acr_rules_list_years (AcrRules *self,
                      guint    *n_years)
{
  int *years;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (n_years != NULL, NULL);

  *n_years = self->years->len;
  years = g_new (int, self->years->len + 1);
  for (guint i = 0; i < self->years->len; i++)
    years[i] = ((DuesYear *) self->years->pdata[i])->year;
  years[self->years->len] = 0;

  return years;
}

/* Public API: the person against the bundle */

/* "region (VA) or practice_region (not given)" */
static char *
describe_where (AcrRules  *self,
                AcrPerson *person)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; self->chapter_where[i] != NULL; i++)
    {
      const char *value = acr_person_get_string (person, self->chapter_where[i]);

      if (i > 0)
        g_string_append (text, _(" or "));
      g_string_append_printf (text, "%s (%s)", self->chapter_where[i], value != NULL ? value : _("not given"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * acr_rules_validate_person:
 * @source_name: the name errors show, e.g. "person.json"
 *
 * Checks what AcrPerson cannot check alone, as the bundle's chapter_choice
 * says: chapter codes exist, there are not too many, each matches one of the
 * person's regions, and for a person in a country that has chapters, each
 * region is a chapter code the bundle knows.
 */
gboolean
acr_rules_validate_person (AcrRules    *self,
                           AcrPerson   *person,
                           const char  *source_name,
                           GError     **error)
{
  const char * const *chapters;
  const char *country;
  guint n;

  g_return_val_if_fail (ACR_IS_RULES (self), FALSE);
  g_return_val_if_fail (ACR_IS_PERSON (person), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (source_name == NULL)
    source_name = "person";

  country = acr_person_get_string (person, "country");
  if (country != NULL && self->chapter_where != NULL && g_hash_table_contains (self->chapter_countries, country))
    {
      for (guint i = 0; self->chapter_where[i] != NULL; i++)
        {
          const char *value = acr_person_get_string (person, self->chapter_where[i]);

          if (value != NULL && find_chapter (self, value) == NULL)
            {
              g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                           _("%s: %s: unknown state or province “%s”"), source_name, self->chapter_where[i], value);
              return FALSE;
            }
        }
    }

  chapters = acr_person_get_codes (person, "chapters");
  n = g_strv_length ((char **) chapters);
  if (self->max_chapters > 0 && n > self->max_chapters)
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                   _("%s: chapters: at most %u chapters, got %u"), source_name, self->max_chapters, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      const char *code = chapters[i];
      gboolean matches = self->chapter_where == NULL;

      if (find_chapter (self, code) == NULL)
        {
          g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                       _("%s: chapters[%u]: unknown chapter “%s”"), source_name, i, code);
          return FALSE;
        }

      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (chapters[j], code))
            {
              g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                           _("%s: chapters[%u]: chapter “%s” appears twice"), source_name, i, code);
              return FALSE;
            }
        }

      for (guint k = 0; !matches && self->chapter_where[k] != NULL; k++)
        matches = g_strcmp0 (code, acr_person_get_string (person, self->chapter_where[k])) == 0;

      if (!matches)
        {
          g_autofree char *where = describe_where (self, person);

          g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                       _("%s: chapters[%u]: chapter “%s” is not the person’s %s"), source_name, i, code, where);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * acr_rules_classify:
 * @on: the decision date
 *
 * Decides the person's category on @on, with every category they qualify
 * for, the reasons, the facts still to ask for, the rights on that date and
 * the next date on which the decision changes by itself.
 */
AcrDecision *
acr_rules_classify (AcrRules     *self,
                    AcrPerson    *person,
                    const GDate  *on,
                    GError      **error)
{
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(GStrvBuilder) eligible = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) review = g_strv_builder_new ();
  g_auto(Evaluation) ev = { NULL, };
  AcrEvalContext context;
  GDate change_day;
  AcrCategory *change_category = NULL;
  const char *change_reason = NULL;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (ACR_IS_PERSON (person), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!acr_rules_validate_person (self, person, NULL, error))
    return NULL;

  evaluate (self, person, on, g_date_get_year (on), &ev);
  decision = _acr_decision_new (on);

  if (ev.category != NULL)
    {
      decision->category = g_object_ref (ev.category);
      /* The bundle's texts are in the catalog (po/acr-rules-strings.h): staff read them in their language.
       * TRANSLATORS: a category and why the person belongs to it: “General member: A physician certified…”. */
      take_string (reasons, g_strdup_printf (C_("category: why", "%s: %s"),
                                             _(ev.category->name), _(ev.criterion->explanation)));
    }
  else
    {
      g_strv_builder_add (reasons, _("Not eligible for any membership category."));
      for (guint i = 0; i < ev.not_eligible->len; i++)
        {
          AcrCategory *category = ev.not_eligible->pdata[i];
          AcrCriterion *closest = ev.closest->pdata[i];

          take_string (reasons, g_strdup_printf (_("Not eligible as %s: the nearest rule is “%s”"),
                                                 _(category->name), _(closest->explanation)));
        }
    }

  for (guint i = 0; i < ev.eligible->len; i++)
    {
      AcrCategory *category = ev.eligible->pdata[i];
      AcrCriterion *why = ev.eligible_why->pdata[i];

      g_strv_builder_add (eligible, category->id);
      if (category != ev.category)
        take_string (reasons, g_strdup_printf (_("Also eligible as %s: %s"), _(category->name), _(why->explanation)));
    }

  context.person = person;
  context.on = *on;
  context.year = g_date_get_year (on);
  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *r = self->reviews->pdata[i];

      if (_acr_conditions_evaluate (r->when, &context, NULL) == ACR_TRUTH_TRUE)
        {
          g_strv_builder_add (review, _(r->text));
          take_string (reasons, g_strdup_printf (_("For staff review: %s"), _(r->text)));
        }
    }

  decision->eligible = g_strv_builder_end (eligible);
  decision->reasons = g_strv_builder_end (reasons);
  decision->review = g_strv_builder_end (review);
  decision->missing = fact_list_to_strv (ev.missing);
  decision->committees = ev.rights[ACR_RIGHT_COMMITTEES];
  decision->elective_office = ev.rights[ACR_RIGHT_ELECTIVE_OFFICE];
  decision->board_of_chancellors = ev.rights[ACR_RIGHT_BOARD_OF_CHANCELLORS];

  if (find_next_change (self, person, on, &ev, &change_day, &change_category, &change_reason))
    {
      decision->next_change_date = g_date_copy (&change_day);
      decision->next_change_category = change_category != NULL ? g_strdup (change_category->id) : NULL;
      decision->next_change_reason = g_strdup (change_reason != NULL ? change_reason
                                                                     : _("The decision changes on this date."));
    }

  return g_steal_pointer (&decision);
}

/* Quotes
 *
 * A line's description is frozen into the invoice and rendered in the
 * member's language, not the staff's: it is composed from the English source
 * texts (N_), whatever the process locale. */

static void
add_line (AcrDuesQuote *quote,
          const char   *code,
          const char   *description,
          gint64        amount_cents,
          gboolean      placeholder)
{
  g_autoptr(AcrDuesLine) line = acr_dues_line_new (code, description, amount_cents, placeholder);

  _acr_dues_quote_add_line (quote, line);
}

static NationalDues *
find_national (DuesYear    *year,
               AcrCategory *category)
{
  for (guint i = 0; i < year->national->len; i++)
    {
      NationalDues *dues = year->national->pdata[i];

      if (dues->category == category)
        return dues;
    }

  return NULL;
}

/* The membership year that is year one of the ladder, from the first fact
 * of ladder.start the person has; 0 when none is known. */
static int
ladder_first_year (AcrRules  *self,
                   AcrPerson *person)
{
  for (guint i = 0; i < self->ladder_start->len; i++)
    {
      LadderStart *start = self->ladder_start->pdata[i];
      GDate date;

      g_date_clear (&date, 1);
      if (!acr_person_get_date (person, start->fact, &date))
        continue;

      _acr_date_add_offset (&date, &start->plus);

      if (start->first_full && !(g_date_get_month (&date) == G_DATE_JANUARY && g_date_get_day (&date) == 1))
        return g_date_get_year (&date) + 1;

      return g_date_get_year (&date);
    }

  return 0;
}

static void
quote_national (AcrRules     *self,
                AcrPerson    *person,
                AcrCategory  *category,
                NationalDues *dues,
                int           year,
                AcrDuesQuote *quote,
                gint64       *national_cents)
{
  g_autofree char *description = NULL;
  const Amount *amount = &dues->amount;

  if (dues->ladder == NULL)
    {
      g_autofree char *what = g_strdup_printf (N_("National dues — %s"), category->name);

      description = g_steal_pointer (&what);
    }
  else
    {
      int first = ladder_first_year (self, person);
      g_autofree char *what = NULL;

      if (first == 0)
        {
          g_autoptr(GString) facts = g_string_new (NULL);

          for (guint i = 0; i < self->ladder_start->len; i++)
            {
              if (i > 0)
                g_string_append (facts, N_(" and "));
              g_string_append (facts, ((LadderStart *) self->ladder_start->pdata[i])->fact);
            }

          what = g_strdup_printf (N_("National dues — %s, full dues (the first-years ladder could not be "
                                    "applied: %s unknown)"),
                                  category->name, facts->str);
        }
      else
        {
          /* A year before year one can only be billed when the category
           * has no training period at all; it counts as year one. */
          int rung = MAX (year - first + 1, 1);

          if ((guint) rung <= dues->ladder->len)
            {
              amount = &g_array_index (dues->ladder, Amount, rung - 1);
              what = g_strdup_printf (N_("National dues — %s, year %d of %u after training"),
                                      category->name, rung, dues->ladder->len);
            }
          else
            {
              what = g_strdup_printf (N_("National dues — %s, full dues"), category->name);
            }
        }

      description = g_steal_pointer (&what);
    }

  add_line (quote, "national", description, amount->cents, amount->placeholder);
  *national_cents = amount->cents;
}

static GPtrArray *
chapters_to_bill (AcrRules   *self,
                  AcrPerson  *person,
                  gboolean   *defaulted)
{
  GPtrArray *chapters = g_ptr_array_new ();
  const char * const *codes = acr_person_get_codes (person, "chapters");
  const char *region;
  AcrChapter *chapter;

  *defaulted = FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if ((chapter = find_chapter (self, codes[i])) != NULL)
        g_ptr_array_add (chapters, chapter);
    }

  /* A member must pay chapter dues; with no chapter chosen, the chapter
   * named by the bundle's default fact (where they live) is billed. */
  if (chapters->len == 0 && self->chapter_default != NULL &&
      (region = acr_person_get_string (person, self->chapter_default)) != NULL &&
      (chapter = find_chapter (self, region)) != NULL)
    {
      g_ptr_array_add (chapters, chapter);
      *defaulted = TRUE;
    }

  return chapters;
}

static void
quote_chapters (AcrRules     *self,
                AcrPerson    *person,
                int           year,
                const GDate  *billed_on,
                AcrDuesQuote *quote)
{
  g_autoptr(GPtrArray) chapters = NULL;
  AcrEvalContext context = { person, *billed_on, year };
  gboolean defaulted;

  if (acr_person_get_boolean (person, "waive_chapters", FALSE))
    {
      if (self->waiver_when != NULL &&
          _acr_conditions_evaluate (self->waiver_when, &context, NULL) == ACR_TRUTH_TRUE)
        {
          add_line (quote, "chapters-waived", self->waiver_waived, 0, FALSE);
          return;
        }

      add_line (quote, "chapter-waiver-refused",
                self->waiver_refused != NULL ? self->waiver_refused
                                             : _("These rules let nobody waive chapter membership; chapter dues are billed"),
                0, FALSE);
    }

  chapters = chapters_to_bill (self, person, &defaulted);
  for (guint i = 0; i < chapters->len; i++)
    {
      AcrChapter *chapter = chapters->pdata[i];
      g_autofree char *code = g_strdup_printf ("chapter:%s", acr_chapter_get_code (chapter));
      g_autofree char *what = NULL;
      g_autofree char *description = NULL;
      gint64 cents = 0;
      gboolean placeholder = FALSE;

      if (!acr_chapter_get_dues (chapter, year, &cents, &placeholder))
        g_assert_not_reached ();  /* the loader checked every chapter has dues every year */

      if (defaulted)
        what = g_strdup_printf (N_("Chapter dues — %s (no chapter chosen: the chapter of the person’s %s)"),
                                acr_chapter_get_name (chapter), self->chapter_default);
      else
        what = g_strdup_printf (N_("Chapter dues — %s"), acr_chapter_get_name (chapter));

      description = g_steal_pointer (&what);
      add_line (quote, code, description, cents, placeholder);
    }
}

/**
 * acr_rules_quote:
 * @year: the membership year (January 1 to December 31)
 * @billed_on: the day the bill is made
 *
 * The dues for the whole membership year @year, as billed on @billed_on.
 * The person's category for the year is their category on January 1 of it:
 * a member in training on that day owes nothing for the year (the first dues
 * after training are owed for the following year).
 */
AcrDuesQuote *
acr_rules_quote (AcrRules     *self,
                 AcrPerson    *person,
                 int           year,
                 const GDate  *billed_on,
                 GError      **error)
{
  g_autoptr(AcrDuesQuote) quote = NULL;
  g_auto(Evaluation) ev = { NULL, };
  AcrEvalContext context;
  AcrCategory *category;
  DuesYear *schedule;
  NationalDues *national;
  GDate january_1;
  gint64 national_cents = 0;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (ACR_IS_PERSON (person), NULL);
  g_return_val_if_fail (billed_on != NULL && g_date_valid (billed_on), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schedule = find_year (self, year);
  if (schedule == NULL)
    {
      DuesYear *first = self->years->pdata[0];
      DuesYear *last = self->years->pdata[self->years->len - 1];

      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE,
                   _("%s: no dues schedule for %d (the rules cover %d–%d)"),
                   self->source_name, year, first->year, last->year);
      return NULL;
    }

  if (!acr_rules_validate_person (self, person, NULL, error))
    return NULL;

  g_date_clear (&january_1, 1);
  g_date_set_dmy (&january_1, 1, G_DATE_JANUARY, (GDateYear) year);
  evaluate (self, person, &january_1, year, &ev);
  category = ev.category;

  quote = _acr_dues_quote_new (year, category != NULL ? category->id : NULL, self->currency);

  if (category == NULL)
    {
      g_autofree char *reason = NULL;

      if (ev.missing->len > 0)
        {
          g_autofree char *facts = NULL;

          g_ptr_array_add (ev.missing, NULL);
          facts = g_strjoinv (", ", (char **) ev.missing->pdata);
          g_ptr_array_remove_index (ev.missing, ev.missing->len - 1);
          reason = g_strdup_printf (_("Not billable: on January 1, %d the person is eligible for no membership "
                                      "category on the facts known (still needed: %s)"), year, facts);
        }
      else
        {
          reason = g_strdup_printf (_("Not billable: on January 1, %d the person is eligible "
                                      "for no membership category"), year);
        }

      add_line (quote, "not-billable", reason, 0, FALSE);
      _acr_dues_quote_set_reason (quote, reason);
      return g_steal_pointer (&quote);
    }

  if (category->dues_kind == ACR_DUES_FREE)
    {
      g_autoptr(GString) reason = g_string_new (NULL);
      GDate change_day;
      AcrCategory *change_category = NULL;
      const char *change_reason = NULL;

      g_string_append_printf (reason, _("Not billable: %s on January 1, %d, a category that pays no dues (“%s”)"),
                              category->name, year, category->dues_source);

      /* The year of a transition stays free: say when the dues begin. */
      if (find_next_change (self, person, &january_1, &ev, &change_day, &change_category, &change_reason) &&
          g_date_get_year (&change_day) == year && change_category != NULL &&
          change_category->dues_kind != ACR_DUES_FREE)
        {
          g_autofree char *day = acr_date_format_iso (&change_day);

          g_string_append_printf (reason, _("; becomes %s on %s, and the first dues are owed for %d"),
                                  change_category->name, day, year + 1);
        }

      add_line (quote, "not-billable", reason->str, 0, FALSE);
      _acr_dues_quote_set_reason (quote, reason->str);
      return g_steal_pointer (&quote);
    }

  national = find_national (schedule, category);
  g_assert (national != NULL);  /* the loader checked every paying category has dues every year */
  quote_national (self, person, category, national, year, quote, &national_cents);

  context.person = person;
  context.on = *billed_on;
  context.year = year;

  /* Discounts apply to national dues only. Rounding: the discount is
   * national × percent / 100 in whole cents, rounded down, so an odd amount
   * leaves the extra cent with the member (7701 at 50% → −3850). */
  for (guint i = 0; i < self->discounts->len && national_cents > 0; i++)
    {
      Discount *discount = self->discounts->pdata[i];

      if (_acr_conditions_evaluate (discount->when, &context, NULL) == ACR_TRUTH_TRUE)
        add_line (quote, discount->code, discount->description,
                  -(national_cents * discount->percent / 100), FALSE);
    }

  if (category->chapter_dues)
    quote_chapters (self, person, year, billed_on, quote);

  for (guint i = 0; i < self->refunds->len; i++)
    {
      Refund *refund = self->refunds->pdata[i];
      gint64 total = acr_dues_quote_get_total_cents (quote);

      if (total > 0 && _acr_conditions_evaluate (refund->when, &context, NULL) == ACR_TRUTH_TRUE)
        {
          add_line (quote, refund->code, refund->description, -total, FALSE);
          _acr_dues_quote_set_reason (quote, refund->description);
        }
    }

  return g_steal_pointer (&quote);
}
