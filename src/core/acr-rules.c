#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-rules-private.h"
#include "acr-rules-resources.h"

/* The type and its public API; loading, classifying and quoting live in
 * the files acr-rules-private.h lists. */

#define DEFAULT_SOURCE_NAME "acr-rules.json"

enum {
  PROP_0,
  PROP_SOURCE_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrRules, acr_rules, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-rules-error-quark, acr_rules_error)

/* Plain structures of the bundle */

void
_acr_national_dues_free (NationalDues *dues)
{
  g_clear_pointer (&dues->ladder, g_array_unref);
  g_free (dues);
}

void
_acr_dues_year_free (DuesYear *year)
{
  g_clear_pointer (&year->national, g_ptr_array_unref);
  g_free (year);
}

void
_acr_discount_free (Discount *discount)
{
  g_free (discount->code);
  g_free (discount->description);
  g_clear_pointer (&discount->when, g_ptr_array_unref);
  g_free (discount->source);
  g_free (discount);
}

void
_acr_refund_free (Refund *refund)
{
  g_free (refund->code);
  g_free (refund->description);
  g_clear_pointer (&refund->when, g_ptr_array_unref);
  g_free (refund->source);
  g_free (refund);
}

void
_acr_ladder_start_free (LadderStart *start)
{
  g_free (start->fact);
  g_free (start);
}

void
_acr_review_free (Review *review)
{
  g_free (review->id);
  g_free (review->text);
  g_free (review->source);
  g_free (review->held_on);
  g_clear_pointer (&review->unless_category, g_ptr_array_unref);
  g_clear_pointer (&review->when, g_ptr_array_unref);
  g_free (review);
}

/* Lookups shared by the parts of AcrRules */

AcrCategory *
_acr_rules_find_category (AcrRules   *self,
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

AcrChapter *
_acr_rules_find_chapter (AcrRules   *self,
                         const char *code)
{
  return g_hash_table_lookup (self->chapter_index, code);
}

DuesYear *
_acr_rules_find_year (AcrRules *self,
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
  g_clear_pointer (&self->ladder_when, g_ptr_array_unref);
  g_clear_pointer (&self->ladder_when_source, g_free);
  g_clear_pointer (&self->owed_after, g_free);
  g_clear_pointer (&self->owed_after_source, g_free);
  g_clear_pointer (&self->discounts, g_ptr_array_unref);
  g_clear_pointer (&self->waiver_when, g_ptr_array_unref);
  g_clear_pointer (&self->waiver_source, g_free);
  g_clear_pointer (&self->chapter_where, g_strfreev);
  g_clear_pointer (&self->chapter_default, g_free);
  g_clear_pointer (&self->chapter_source, g_free);
  g_clear_pointer (&self->waiver_waived, g_free);
  g_clear_pointer (&self->waiver_refused, g_free);
  g_clear_pointer (&self->refunds, g_ptr_array_unref);
  g_clear_pointer (&self->first_invoice_source, g_free);

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
  self->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_review_free);
  self->ladder_start = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_ladder_start_free);
  self->discounts = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_discount_free);
  self->refunds = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_refund_free);
  self->years = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_dues_year_free);
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

  if (!_acr_rules_load_bundle (self, &reader, root, error))
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

  return _acr_rules_find_category (self, id);
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

  return _acr_rules_find_chapter (self, code);
}

/**
 * acr_rules_lookup_chapter_in:
 * @country: (nullable): the person's ISO 3166 country code
 *
 * The chapter of the state or province @code of @country: a region means
 * something only with its country (“MI” in Italy is not Michigan, “CA” in
 * Canada is not California).
 *
 * Returns: (transfer none) (nullable): the chapter, or %NULL when @country
 *   is unknown or has no chapter @code
 */
AcrChapter *
acr_rules_lookup_chapter_in (AcrRules   *self,
                             const char *country,
                             const char *code)
{
  AcrChapter *chapter;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (country == NULL)
    return NULL;

  chapter = _acr_rules_find_chapter (self, code);
  if (chapter == NULL || g_strcmp0 (acr_chapter_get_country (chapter), country) != 0)
    return NULL;

  return chapter;
}

/* Whether the bundle has chapters in @country (the US and Canada). */
gboolean
acr_rules_country_has_chapters (AcrRules   *self,
                                const char *country)
{
  g_return_val_if_fail (ACR_IS_RULES (self), FALSE);

  return country != NULL && g_hash_table_contains (self->chapter_countries, country);
}

/* How many chapters a person may choose (the bundle's chapter_choice.max);
 * 0 when the bundle sets no limit. */
guint
acr_rules_get_max_chapters (AcrRules *self)
{
  g_return_val_if_fail (ACR_IS_RULES (self), 0);

  return self->max_chapters;
}

gboolean
acr_rules_has_year (AcrRules *self,
                    int       year)
{
  g_return_val_if_fail (ACR_IS_RULES (self), FALSE);

  return _acr_rules_find_year (self, year) != NULL;
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

/**
 * acr_rules_validate_person:
 * @source_name: the name errors show, e.g. "person.json"
 *
 * Checks what AcrPerson cannot check alone, as the bundle's chapter_choice
 * says: chapter codes exist, there are not too many, each matches one of the
 * person's regions, and for a person in a country that has chapters, each
 * region is a state or province of that country the bundle knows. A region
 * means something only with its country: a person whose country has no
 * chapters, or whose country is not given, chooses no chapter.
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

          AcrChapter *chapter;

          if (value == NULL)
            continue;

          chapter = _acr_rules_find_chapter (self, value);
          if (chapter == NULL)
            {
              g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                           _("%s: %s: unknown state or province “%s”"), source_name, self->chapter_where[i], value);
              return FALSE;
            }
          if (!g_str_equal (acr_chapter_get_country (chapter), country))
            {
              g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                           _("%s: %s: “%s” is not a state or province of the person’s country %s (it is %s, %s)"),
                           source_name, self->chapter_where[i], value, country,
                           acr_chapter_get_name (chapter), acr_chapter_get_country (chapter));
              return FALSE;
            }
        }
    }

  chapters = acr_person_get_codes (person, "chapters");
  n = g_strv_length ((char **) chapters);
  if (n > 0 && country == NULL)
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                   _("%s: chapters: the person’s country is not given; a state or province means something only with its country, so give the country"),
                   source_name);
      return FALSE;
    }
  if (n > 0 && !g_hash_table_contains (self->chapter_countries, country))
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                   _("%s: chapters: the person’s country %s has no ACR chapters; remove the chapters"),
                   source_name, country);
      return FALSE;
    }
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

      AcrChapter *chapter = _acr_rules_find_chapter (self, code);

      if (chapter == NULL)
        {
          g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                       _("%s: chapters[%u]: unknown chapter “%s”"), source_name, i, code);
          return FALSE;
        }
      if (!g_str_equal (acr_chapter_get_country (chapter), country))
        {
          g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
                       _("%s: chapters[%u]: chapter “%s” (%s, %s) is not in the person’s country %s"),
                       source_name, i, code, acr_chapter_get_name (chapter), acr_chapter_get_country (chapter), country);
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
