#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-rules-private.h"

/* AcrRules: reading and checking what is paid — the dues schedule of each
 * year, discounts, refunds, the chapter waiver and the first-years ladder.
 * _acr_rules_load_bundle() in acr-rules-load.c calls these in order. */

#define MAX_LADDER_YEARS 10

static const char * const year_keys[] = { "year", "national", "chapters", NULL };
static const char * const flat_keys[] = { "amount", NULL };
static const char * const ladder_dues_keys[] = { "ladder", "full", NULL };
static const char * const amount_keys[] = { "amount_cents", "placeholder", "note", NULL };
static const char * const discount_keys[] = { "code", "description", "applies_to", "percent", "when", "source", NULL };
static const char * const waiver_keys[] = { "when", "waived", "refused", "source", NULL };
static const char * const refund_keys[] = { "code", "description", "when", "source", NULL };
static const char * const ladder_keys[] = { "source", "start", "when", "when_source", "owed_after", "owed_after_source", NULL };
static const char * const ladder_start_keys[] = { "fact", "plus", "year", NULL };

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
  year->national = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_national_dues_free);

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
      AcrCategory *category = _acr_rules_find_category (self, l->data);
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
      AcrChapter *chapter = _acr_rules_find_chapter (self, l->data);
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

gboolean
_acr_rules_load_dues (AcrRules             *self,
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

gboolean
_acr_rules_load_discounts (AcrRules             *self,
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

gboolean
_acr_rules_load_refunds (AcrRules             *self,
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

gboolean
_acr_rules_load_waiver (AcrRules             *self,
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

gboolean
_acr_rules_load_ladder (AcrRules             *self,
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

  /* "when": who climbs the ladder at all; the others pay full dues. */
  if ((member = json_object_get_member (object, "when")) != NULL &&
      (!(self->ladder_when = _acr_conditions_parse (reader, member, "ladder.when", error)) ||
       !_acr_json_read_string (reader, object, "ladder", "when_source", TRUE, &self->ladder_when_source, error)))
    return FALSE;

  /* "owed_after": the date fact after whose year the first dues are owed. */
  if (!_acr_json_read_string (reader, object, "ladder", "owed_after", FALSE, &self->owed_after, error))
    return FALSE;
  if (self->owed_after != NULL)
    {
      const AcrFactInfo *info = acr_person_lookup_fact (self->owed_after);

      if (info == NULL)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, "ladder.owed_after",
                               _("unknown fact “%s”"), self->owed_after);
      if (info->type != ACR_FACT_DATE)
        return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, "ladder.owed_after",
                               _("“%s” is not a date fact"), self->owed_after);
      if (!_acr_json_read_string (reader, object, "ladder", "owed_after_source", TRUE, &self->owed_after_source, error))
        return FALSE;
    }

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
