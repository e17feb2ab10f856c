#define G_LOG_DOMAIN "acr-person"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-person-private.h"

/*
 * The facts live in one table: the JSON reader, the writer, the GObject
 * properties and the rules engine all walk it, so adding a fact is one line.
 * That table, its validation and the GObject around it are one concern; the
 * JSON reading and writing are in acr-person-json.c, the dates in acr-date.c.
 * What remains is about 1,000 lines because the table itself is long.
 */

static const char * const profession_codes[] = {
  "physician", "medical-physicist", "therapy-physicist", "medical-student",
  "mri-scientist", "radiologist-assistant", NULL
};

static const char * const discipline_codes[] = {
  "radiology", "radiation-oncology", "nuclear-medicine", "medical-physics", "other", NULL
};

static const char * const certification_codes[] = {
  "ABR", "AOBR", "RCPSC", "CMQ", "ABMS", "ARRT", "ECFMG", "NATIONAL", NULL
};

static const char * const training_stage_codes[] = {
  "medical-school", "residency", "fellowship", "physics-program", NULL
};

static const char * const military_codes[] = {
  "active-duty", "va", "usphs", NULL
};

static const AcrFactInfo fact_table[] = {
  { "given_name",               "given-name",               ACR_FACT_STRING,    NULL,                 N_("Given name") },
  { "family_name",              "family-name",              ACR_FACT_STRING,    NULL,                 N_("Family name") },
  { "email",                    "email",                    ACR_FACT_STRING,    NULL,                 N_("E-mail") },
  { "profession",               "profession",               ACR_FACT_CODE,      profession_codes,     N_("Profession") },
  { "discipline",               "discipline",               ACR_FACT_CODE,      discipline_codes,     N_("Discipline") },
  { "certifications",           "certifications",           ACR_FACT_CODE_LIST, certification_codes,  N_("Certifications") },
  { "country",                  "country",                  ACR_FACT_COUNTRY,   NULL,                 N_("Country") },
  { "region",                   "region",                   ACR_FACT_STRING,    NULL,                 N_("State or province of residence") },
  { "practice_region",          "practice-region",          ACR_FACT_STRING,    NULL,                 N_("State or province of practice") },
  { "in_practice",              "in-practice",              ACR_FACT_BOOLEAN,   NULL,                 N_("Engaged in practice") },
  { "practice_start",           "practice-start",           ACR_FACT_DATE,      NULL,                 N_("First paid position") },
  { "training.stage",           "training-stage",           ACR_FACT_CODE,      training_stage_codes, N_("Training stage") },
  { "training.approved",        "training-approved",        ACR_FACT_BOOLEAN,   NULL,                 N_("Approved programme") },
  { "training.country",         "training-country",         ACR_FACT_COUNTRY,   NULL,                 N_("Country of training") },
  { "training.school_years",    "training-school-years",    ACR_FACT_INT,       NULL,                 N_("Years of medical school") },
  { "training.start",           "training-start",           ACR_FACT_DATE,      NULL,                 N_("Start of training") },
  { "training.end",             "training-end",             ACR_FACT_DATE,      NULL,                 N_("End of training") },
  { "residency_completed",      "residency-completed",      ACR_FACT_BOOLEAN,   NULL,                 N_("Residency completed") },
  { "awaiting_us_match",        "awaiting-us-match",        ACR_FACT_BOOLEAN,   NULL,                 N_("Awaiting a US residency match") },
  { "military",                 "military",                 ACR_FACT_CODE,      military_codes,       N_("Military or federal service") },
  { "military_country",         "military-country",         ACR_FACT_COUNTRY,   NULL,                 N_("Country of the military or federal service") },
  /* Three senses of "good standing" (data/rules/README.md): dues paid up (from the member's
   * invoices, not a fact of the file), a student's standing, ethical standing abroad.
   * good_standing, from older files, stands for the latter two when they are not given. */
  { "good_standing",            "good-standing",            ACR_FACT_BOOLEAN,   NULL,                 N_("In good standing (older person files)") },
  { "student_standing",         "student-standing",         ACR_FACT_BOOLEAN,   NULL,                 N_("Student in good standing") },
  { "ethical_standing",         "ethical-standing",         ACR_FACT_BOOLEAN,   NULL,                 N_("In good ethical standing in their country") },
  { "prior_member_in_practice", "prior-member-in-practice", ACR_FACT_BOOLEAN,   NULL,                 N_("Was an ACR member in practice") },
  { "retired_on",               "retired-on",               ACR_FACT_DATE,      NULL,                 N_("Retirement notified on") },
  { "chapters",                 "chapters",                 ACR_FACT_CODE_LIST, NULL,                 N_("Chapters") },
  { "waive_chapters",           "waive-chapters",           ACR_FACT_BOOLEAN,   NULL,                 N_("Waive chapter membership") },
};

#define N_FACTS G_N_ELEMENTS (fact_table)

/* ISO 3166-1 alpha-2, officially assigned codes. */
static const char iso_countries[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
  "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
  "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
  "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
  "NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
  "QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
  "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ "
  "VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

struct _AcrPerson
{
  GObject   parent_instance;

  /* One slot per row of fact_table; NULL while the fact is unknown. */
  GVariant    *facts[N_FACTS];

  /* For list facts, the strings of facts[i] as a strv (pointing into the
   * variant), so acr_person_get_codes() costs nothing per call. */
  const char **codes[N_FACTS];

  /* Earlier training periods (medical school before residency, …), oldest
   * first: AcrPersons holding training.* facts only. Never modified once
   * set, so copies share it. NULL: none. */
  GPtrArray   *training_history;
};

enum {
  PROP_0,
  /* One property per fact, numbered from 1 in table order. */
  N_PROPS = N_FACTS + 1
};

static GParamSpec *properties [N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char * const empty_strv[] = { NULL };

G_DEFINE_FINAL_TYPE (AcrPerson, acr_person, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-person-error-quark, acr_person_error)

static int
fact_index (const char *name)
{
  for (guint i = 0; i < N_FACTS; i++)
    {
      if (g_str_equal (fact_table[i].name, name))
        return (int) i;
    }

  return -1;
}

static const GVariantType *
variant_type_for (AcrFactType type)
{
  switch (type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      return G_VARIANT_TYPE_STRING;
    case ACR_FACT_CODE_LIST:
      return G_VARIANT_TYPE_STRING_ARRAY;
    case ACR_FACT_BOOLEAN:
      return G_VARIANT_TYPE_BOOLEAN;
    case ACR_FACT_INT:
      return G_VARIANT_TYPE_INT32;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_country_code (const char *code)
{
  const char *found;

  if (strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
    return FALSE;

  /* Codes sit on even offsets, three characters apart. */
  found = strstr (iso_countries, code);
  return found != NULL && (found - iso_countries) % 3 == 0;
}

static gboolean
is_chapter_code (const char *code)
{
  gsize length = strlen (code);

  if (length == 0 || length > 8)
    return FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (!g_ascii_isupper (*p) && !g_ascii_isdigit (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strpbrk (text, " \t\r\n,;<>") != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

static gboolean
check_code (const AcrFactInfo  *info,
            const char         *code,
            const char         *path,
            GError            **error)
{
  if (info->codes != NULL)
    {
      if (g_strv_contains ((const char * const *) info->codes, code))
        return TRUE;

      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                   _("%s: unknown code “%s”"), path, code);
      return FALSE;
    }

  /* Chapters: the vocabulary is the rules bundle's; here only the shape. */
  if (!is_chapter_code (code))
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                   _("%s: “%s” is not a chapter code"), path, code);
      return FALSE;
    }

  return TRUE;
}

/* Checks a value of the right GVariant type against the fact's vocabulary. */
static gboolean
validate_value (const AcrFactInfo  *info,
                GVariant           *value,
                GError            **error)
{
  switch (info->type)
    {
    case ACR_FACT_STRING:
      if (g_str_equal (info->name, "email") && !is_email (g_variant_get_string (value, NULL)))
        {
          g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                       _("%s: “%s” is not an e-mail address"),
                       info->name, g_variant_get_string (value, NULL));
          return FALSE;
        }
      return TRUE;

    case ACR_FACT_CODE:
      return check_code (info, g_variant_get_string (value, NULL), info->name, error);

    case ACR_FACT_COUNTRY:
      if (!is_country_code (g_variant_get_string (value, NULL)))
        {
          g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                       _("%s: “%s” is not an ISO 3166 country code"),
                       info->name, g_variant_get_string (value, NULL));
          return FALSE;
        }
      return TRUE;

    case ACR_FACT_DATE:
      {
        GDate date;

        if (!acr_date_parse_iso (g_variant_get_string (value, NULL), &date))
          {
            g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                         _("%s: impossible date “%s” (expected YYYY-MM-DD)"),
                         info->name, g_variant_get_string (value, NULL));
            return FALSE;
          }
        if (!acr_date_check_range (&date, error))
          {
            g_prefix_error (error, "%s: ", info->name);
            return FALSE;
          }
        return TRUE;
      }

    case ACR_FACT_CODE_LIST:
      {
        g_autofree const char **codes = g_variant_get_strv (value, NULL);

        for (guint i = 0; codes[i] != NULL; i++)
          {
            g_autofree char *path = g_strdup_printf ("%s[%u]", info->name, i);

            if (!check_code (info, codes[i], path, error))
              return FALSE;

            for (guint j = 0; j < i; j++)
              {
                if (g_str_equal (codes[i], codes[j]))
                  {
                    g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                                 _("%s: “%s” is listed twice"), path, codes[i]);
                    return FALSE;
                  }
              }
          }

        /* How many chapters a person may choose is the rules bundle's
         * (chapter_choice.max), checked by acr_rules_validate_person (). */
        return TRUE;
      }

    case ACR_FACT_INT:
      {
        gint32 n = g_variant_get_int32 (value);

        if (n < 0 || n > MAX_SCHOOL_YEARS)
          {
            g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                         _("%s: %d is out of range (0 to %d)"),
                         info->name, n, MAX_SCHOOL_YEARS);
            return FALSE;
          }
        return TRUE;
      }

    case ACR_FACT_BOOLEAN:
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* Stores an already validated value (or NULL) and tells observers. Takes
 * @value, floating or not: every caller hands over the reference it holds. */
static void
store_fact (AcrPerson *self,
            guint      index,
            GVariant  *value)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_take_ref (value) : NULL;

  if (self->facts[index] == NULL && sunk == NULL)
    return;
  if (self->facts[index] != NULL && sunk != NULL && g_variant_equal (self->facts[index], sunk))
    return;

  g_clear_pointer (&self->codes[index], g_free);
  g_clear_pointer (&self->facts[index], g_variant_unref);
  self->facts[index] = g_steal_pointer (&sunk);
  if (self->facts[index] != NULL && fact_table[index].type == ACR_FACT_CODE_LIST)
    self->codes[index] = g_variant_get_strv (self->facts[index], NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties [index + 1]);
  g_signal_emit (self, signals [CHANGED], 0);
}

const char *
_acr_person_expected_for (AcrFactType type)
{
  switch (type)
    {
    case ACR_FACT_STRING:
      return _("a string");
    case ACR_FACT_CODE:
      return _("a code (string)");
    case ACR_FACT_COUNTRY:
      return _("a country code (string)");
    case ACR_FACT_DATE:
      return _("a date “YYYY-MM-DD”");
    case ACR_FACT_CODE_LIST:
      return _("an array of codes");
    case ACR_FACT_BOOLEAN:
      return _("true or false");
    case ACR_FACT_INT:
      return _("a whole number");
    default:
      g_assert_not_reached ();
    }
}

/* "given_name: not valid UTF-8 text" */
gboolean
_acr_person_check_text (const char  *name,
                        const char  *text,
                        GError     **error)
{
  if (acr_text_check_utf8 (text, -1, error))
    return TRUE;

  g_prefix_error (error, "%s: ", name);
  return FALSE;
}

static void
acr_person_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AcrPerson *self = ACR_PERSON (object);
  guint index = prop_id - 1;
  GVariant *fact;

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  fact = self->facts[index];

  switch (fact_table[index].type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      g_value_set_string (value, fact != NULL ? g_variant_get_string (fact, NULL) : NULL);
      break;
    case ACR_FACT_BOOLEAN:
      g_value_set_boolean (value, fact != NULL && g_variant_get_boolean (fact));
      break;
    case ACR_FACT_INT:
      g_value_set_int (value, fact != NULL ? g_variant_get_int32 (fact) : -1);
      break;
    case ACR_FACT_CODE_LIST:
      g_value_take_boxed (value, fact != NULL ? g_variant_dup_strv (fact, NULL) : NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
acr_person_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AcrPerson *self = ACR_PERSON (object);
  const AcrFactInfo *info;
  g_autoptr(GError) error = NULL;
  GVariant *fact = NULL;

  if (prop_id == 0 || prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  info = &fact_table[prop_id - 1];

  switch (info->type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      if (g_value_get_string (value) != NULL && *g_value_get_string (value) != '\0')
        fact = g_variant_new_string (g_value_get_string (value));
      break;
    case ACR_FACT_BOOLEAN:
      fact = g_variant_new_boolean (g_value_get_boolean (value));
      break;
    case ACR_FACT_INT:
      if (g_value_get_int (value) >= 0)
        fact = g_variant_new_int32 (g_value_get_int (value));
      break;
    case ACR_FACT_CODE_LIST:
      if (g_value_get_boxed (value) != NULL)
        fact = g_variant_new_strv (g_value_get_boxed (value), -1);
      break;
    default:
      g_assert_not_reached ();
    }

  /* Setting a property is a programmer's act; staff input goes through
   * acr_person_set_fact_from_string(), which reports the error instead. */
  if (!acr_person_set_fact (self, info->name, fact, &error))
    g_critical ("Cannot set %s: %s", info->name, error->message);
}

static void
acr_person_finalize (GObject *object)
{
  AcrPerson *self = ACR_PERSON (object);

  for (guint i = 0; i < N_FACTS; i++)
    {
      g_clear_pointer (&self->codes[i], g_free);
      g_clear_pointer (&self->facts[i], g_variant_unref);
    }
  g_clear_pointer (&self->training_history, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_person_parent_class)->finalize (object);
}

static void
acr_person_class_init (AcrPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_person_finalize;
  object_class->get_property = acr_person_get_property;
  object_class->set_property = acr_person_set_property;

  for (guint i = 0; i < N_FACTS; i++)
    {
      const AcrFactInfo *info = &fact_table[i];
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

      switch (info->type)
        {
        case ACR_FACT_STRING:
        case ACR_FACT_CODE:
        case ACR_FACT_COUNTRY:
        case ACR_FACT_DATE:
          properties [i + 1] = g_param_spec_string (info->property, NULL, NULL, NULL, flags);
          break;
        case ACR_FACT_BOOLEAN:
          properties [i + 1] = g_param_spec_boolean (info->property, NULL, NULL, FALSE, flags);
          break;
        case ACR_FACT_INT:
          properties [i + 1] = g_param_spec_int (info->property, NULL, NULL, -1, MAX_SCHOOL_YEARS, -1, flags);
          break;
        case ACR_FACT_CODE_LIST:
          properties [i + 1] = g_param_spec_boxed (info->property, NULL, NULL, G_TYPE_STRV, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcrPerson::changed:
   *
   * Emitted once for every fact that changes, after its property's notify.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
acr_person_init (AcrPerson *self)
{
}

const AcrFactInfo *
acr_person_list_facts (guint *n_facts)
{
  if (n_facts != NULL)
    *n_facts = N_FACTS;

  return fact_table;
}

const AcrFactInfo *
acr_person_lookup_fact (const char *name)
{
  int index;

  g_return_val_if_fail (name != NULL, NULL);

  index = fact_index (name);
  return index >= 0 ? &fact_table[index] : NULL;
}

AcrPerson *
acr_person_new (void)
{
  return g_object_new (ACR_TYPE_PERSON, NULL);
}

AcrPerson *
acr_person_copy (AcrPerson *self)
{
  AcrPerson *copy;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  copy = acr_person_new ();
  for (guint i = 0; i < N_FACTS; i++)
    {
      if (self->facts[i] == NULL)
        continue;
      copy->facts[i] = g_variant_ref (self->facts[i]);
      if (fact_table[i].type == ACR_FACT_CODE_LIST)
        copy->codes[i] = g_variant_get_strv (copy->facts[i], NULL);
    }
  if (self->training_history != NULL)
    copy->training_history = g_ptr_array_ref (self->training_history);

  return copy;
}

GVariant *
_acr_person_get_fact_at (AcrPerson *self,
                         guint      index)
{
  g_assert (index < N_FACTS);

  return self->facts[index];
}

gboolean
acr_person_equal (AcrPerson *a,
                  AcrPerson *b)
{
  g_return_val_if_fail (ACR_IS_PERSON (a), FALSE);
  g_return_val_if_fail (ACR_IS_PERSON (b), FALSE);

  for (guint i = 0; i < N_FACTS; i++)
    {
      if ((a->facts[i] == NULL) != (b->facts[i] == NULL))
        return FALSE;
      if (a->facts[i] != NULL && !g_variant_equal (a->facts[i], b->facts[i]))
        return FALSE;
    }

  if (acr_person_get_n_training_periods (a) != acr_person_get_n_training_periods (b))
    return FALSE;
  for (guint i = 0; i < acr_person_get_n_training_periods (a); i++)
    {
      if (!acr_person_equal (a->training_history->pdata[i], b->training_history->pdata[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
acr_person_has_fact (AcrPerson  *self,
                     const char *name)
{
  int index;

  g_return_val_if_fail (ACR_IS_PERSON (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  index = fact_index (name);
  g_return_val_if_fail (index >= 0, FALSE);

  return self->facts[index] != NULL;
}

/**
 * acr_person_get_fact:
 *
 * Returns: (transfer none) (nullable): the fact's value, or %NULL while unknown.
 */
GVariant *
acr_person_get_fact (AcrPerson  *self,
                     const char *name)
{
  int index;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = fact_index (name);
  g_return_val_if_fail (index >= 0, NULL);

  return self->facts[index];
}

/**
 * acr_person_set_fact:
 * @value: (nullable) (transfer floating): the new value, %NULL to make the fact unknown
 *
 * Returns: %TRUE if @value was valid and is now the fact's value.
 */
gboolean
acr_person_set_fact (AcrPerson   *self,
                     const char  *name,
                     GVariant    *value,
                     GError     **error)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  const AcrFactInfo *info;
  int index;

  g_return_val_if_fail (ACR_IS_PERSON (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  index = fact_index (name);
  if (index < 0)
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_UNKNOWN_KEY,
                   _("%s: unknown key"), name);
      return FALSE;
    }
  info = &fact_table[index];

  if (sunk != NULL)
    {
      if (!g_variant_is_of_type (sunk, variant_type_for (info->type)))
        {
          g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                       _("%s: expected %s"), name, _acr_person_expected_for (info->type));
          return FALSE;
        }

      if (!validate_value (info, sunk, error))
        return FALSE;
    }

  store_fact (self, index, g_steal_pointer (&sunk));
  return TRUE;
}

static gboolean
parse_boolean_text (const char *text,
                    gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "y", "1", NULL };
  static const char * const no[] = { "false", "no", "n", "0", NULL };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (g_strv_contains (yes, lower))
    *out = TRUE;
  else if (g_strv_contains (no, lower))
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

/**
 * acr_person_set_fact_from_string:
 * @text: (nullable): what staff typed; empty or %NULL makes the fact unknown
 *
 * Parses @text for the fact's type ("2027-02-30" is refused; "true"/"yes";
 * comma-separated codes for lists) and sets it.
 */
gboolean
acr_person_set_fact_from_string (AcrPerson   *self,
                                 const char  *name,
                                 const char  *text,
                                 GError     **error)
{
  const AcrFactInfo *info;
  g_autofree char *stripped = NULL;
  GVariant *value = NULL;

  g_return_val_if_fail (ACR_IS_PERSON (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  info = acr_person_lookup_fact (name);
  if (info == NULL)
    {
      g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_UNKNOWN_KEY,
                   _("%s: unknown key"), name);
      return FALSE;
    }

  if (!_acr_person_check_text (name, text, error))
    return FALSE;

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    return acr_person_set_fact (self, name, NULL, error);

  switch (info->type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_DATE:
      value = g_variant_new_string (stripped);
      break;

    case ACR_FACT_COUNTRY:
      {
        g_autofree char *upper = g_ascii_strup (stripped, -1);

        value = g_variant_new_string (upper);
        break;
      }

    case ACR_FACT_BOOLEAN:
      {
        gboolean b;

        if (!parse_boolean_text (stripped, &b))
          {
            g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_WRONG_TYPE,
                         _("%s: expected yes or no, got “%s”"), name, stripped);
            return FALSE;
          }
        value = g_variant_new_boolean (b);
        break;
      }

    case ACR_FACT_INT:
      {
        guint64 n;

        if (!g_ascii_string_to_unsigned (stripped, 10, 0, MAX_SCHOOL_YEARS, &n, NULL))
          {
            g_set_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                         _("%s: expected a whole number from 0 to %d, got “%s”"),
                         name, MAX_SCHOOL_YEARS, stripped);
            return FALSE;
          }
        value = g_variant_new_int32 ((gint32) n);
        break;
      }

    case ACR_FACT_CODE_LIST:
      {
        g_auto(GStrv) parts = g_strsplit (stripped, ",", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) codes = NULL;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            g_strstrip (parts[i]);
            if (*parts[i] != '\0')
              g_strv_builder_add (builder, parts[i]);
          }
        codes = g_strv_builder_end (builder);
        value = g_variant_new_strv ((const char * const *) codes, -1);
        break;
      }

    default:
      g_assert_not_reached ();
    }

  return acr_person_set_fact (self, name, value, error);
}

void
acr_person_unset_fact (AcrPerson  *self,
                       const char *name)
{
  int index;

  g_return_if_fail (ACR_IS_PERSON (self));
  g_return_if_fail (name != NULL);

  index = fact_index (name);
  g_return_if_fail (index >= 0);

  store_fact (self, index, NULL);
}

/**
 * acr_person_format_fact:
 *
 * Returns: (transfer full) (nullable): the fact as staff read it
 *   ("2027-06-30", "ABR, RCPSC", "yes"), or %NULL while unknown.
 */
char *
acr_person_format_fact (AcrPerson  *self,
                        const char *name)
{
  const AcrFactInfo *info;
  GVariant *value;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  info = acr_person_lookup_fact (name);
  g_return_val_if_fail (info != NULL, NULL);

  value = acr_person_get_fact (self, name);
  if (value == NULL)
    return NULL;

  switch (info->type)
    {
    case ACR_FACT_STRING:
    case ACR_FACT_CODE:
    case ACR_FACT_COUNTRY:
    case ACR_FACT_DATE:
      return g_variant_dup_string (value, NULL);
    case ACR_FACT_BOOLEAN:
      return g_strdup (g_variant_get_boolean (value) ? _("yes") : _("no"));
    case ACR_FACT_INT:
      return g_strdup_printf ("%d", g_variant_get_int32 (value));
    case ACR_FACT_CODE_LIST:
      {
        g_autofree const char **codes = g_variant_get_strv (value, NULL);

        return g_strjoinv (", ", (char **) codes);
      }
    default:
      g_assert_not_reached ();
    }
}

/**
 * acr_person_get_string:
 *
 * Returns: (nullable): a string, code, country or date fact, or %NULL while unknown.
 */
const char *
acr_person_get_string (AcrPerson  *self,
                       const char *name)
{
  GVariant *value = acr_person_get_fact (self, name);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;

  return g_variant_get_string (value, NULL);
}

gboolean
acr_person_get_boolean (AcrPerson  *self,
                        const char *name,
                        gboolean    if_unknown)
{
  GVariant *value = acr_person_get_fact (self, name);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return if_unknown;

  return g_variant_get_boolean (value);
}

gboolean
acr_person_get_date (AcrPerson  *self,
                     const char *name,
                     GDate      *date)
{
  const AcrFactInfo *info = acr_person_lookup_fact (name);
  const char *text;

  g_return_val_if_fail (info != NULL && info->type == ACR_FACT_DATE, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  text = acr_person_get_string (self, name);
  if (text == NULL)
    return FALSE;

  return acr_date_parse_iso (text, date);
}

int
acr_person_get_int (AcrPerson  *self,
                    const char *name,
                    int         if_unknown)
{
  GVariant *value = acr_person_get_fact (self, name);

  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return if_unknown;

  return g_variant_get_int32 (value);
}

gboolean
acr_person_has_code (AcrPerson  *self,
                     const char *name,
                     const char *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  return g_strv_contains (acr_person_get_codes (self, name), code);
}

/**
 * acr_person_get_codes:
 *
 * Returns: (transfer none): the codes of a list fact, empty while unknown.
 *   Valid until the fact changes.
 */
const char * const *
acr_person_get_codes (AcrPerson  *self,
                      const char *name)
{
  int index;

  g_return_val_if_fail (ACR_IS_PERSON (self), empty_strv);
  g_return_val_if_fail (name != NULL, empty_strv);

  index = fact_index (name);
  g_return_val_if_fail (index >= 0, empty_strv);

  if (self->codes[index] == NULL)
    return empty_strv;

  return self->codes[index];
}

char *
acr_person_dup_display_name (AcrPerson *self)
{
  const char *given;
  const char *family;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  given = acr_person_get_string (self, "given_name");
  family = acr_person_get_string (self, "family_name");

  if (given != NULL && family != NULL)
    return g_strdup_printf ("%s %s", given, family);
  if (family != NULL)
    return g_strdup (family);
  if (given != NULL)
    return g_strdup (given);

  return g_strdup (_("Unnamed applicant"));
}

/**
 * acr_text_check_utf8:
 * @length: bytes of @text, or -1 if it ends with a NUL
 *
 * Refuses text that is not valid UTF-8 (or holds a NUL within @length), with
 * "not valid UTF-8 text"; the text itself is not echoed, since it cannot be printed.
 */
gboolean
acr_text_check_utf8 (const char  *text,
                     gssize       length,
                     GError     **error)
{
  if (text == NULL || g_utf8_validate (text, length, NULL))
    return TRUE;

  g_set_error_literal (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID,
                       _("not valid UTF-8 text"));
  return FALSE;
}

/**
 * acr_person_get_n_training_periods:
 *
 * Returns: the number of earlier training periods (`training_history`).
 */
guint
acr_person_get_n_training_periods (AcrPerson *self)
{
  g_return_val_if_fail (ACR_IS_PERSON (self), 0);

  return self->training_history != NULL ? self->training_history->len : 0;
}

/**
 * acr_person_get_training_period:
 * @index: less than acr_person_get_n_training_periods ()
 *
 * Returns: (transfer none): an earlier training period, oldest first: a
 *   person holding only training.* facts.
 */
AcrPerson *
acr_person_get_training_period (AcrPerson *self,
                                guint      index)
{
  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);
  g_return_val_if_fail (index < acr_person_get_n_training_periods (self), NULL);

  return self->training_history->pdata[index];
}

/* Takes @periods (of AcrPerson, oldest first; NULL or empty: none). */
void
_acr_person_take_training_history (AcrPerson *self,
                                   GPtrArray *periods)
{
  g_return_if_fail (ACR_IS_PERSON (self));

  g_clear_pointer (&self->training_history, g_ptr_array_unref);
  if (periods != NULL && periods->len > 0)
    self->training_history = periods;
  else if (periods != NULL)
    g_ptr_array_unref (periods);
}
