#define G_LOG_DOMAIN "acr-member"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "acr-member.h"
#include "acr-person.h"
#include "acr-member-private.h"
#include "acr-json-reader-private.h"

typedef enum
{
  FIELD_PERSON,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_ADDRESS,
  FIELD_CITY,
  FIELD_REGION,
  FIELD_POSTAL_CODE,
  FIELD_COUNTRY,
  FIELD_NPI,
  FIELD_LANGUAGE,
  FIELD_CATEGORY,
  FIELD_STATUS,
  FIELD_CHAPTERS,
  FIELD_PROGRAM,
  FIELD_REVIEW,
  FIELD_JOINED,
  N_FIELDS
} Field;

/* Field names as the CLI, CSV headers and history use them. */
static const char * const field_names[N_FIELDS + 1] = {
  "person", "email", "phone", "address", "city", "region", "postal_code", "country",
  "npi", "language", "category", "status", "chapters", "program", "review", "joined",
  NULL
};

/* Indexed by AcrMemberStatus; as the store and CSV files write them. */
static const char * const statuses[] = {
  "applicant", "active", "lapsed", "retired", "resigned", "deceased", NULL
};

/* What staff read for each of statuses[], in the same order. */
static const char * const status_labels[] = {
  N_("Applicant"), N_("Active"), N_("Lapsed"), N_("Retired"), N_("Resigned"), N_("Deceased"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == G_N_ELEMENTS (statuses) - 1);

struct _AcrMember
{
  GObject  parent_instance;

  gint64   id;
  guint    number;
  gint64   revision;
  char    *updated_at;
  char    *given_name;
  char    *family_name;
  char    *fields[N_FIELDS];
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_REVISION,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_FIRST_FIELD,
  N_PROPS = PROP_FIRST_FIELD + N_FIELDS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrMember, acr_member, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (AcrMemberStatus, acr_member_status,
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_APPLICANT, "applicant"),
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_ACTIVE, "active"),
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_LAPSED, "lapsed"),
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_RETIRED, "retired"),
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_RESIGNED, "resigned"),
                    G_DEFINE_ENUM_VALUE (ACR_MEMBER_STATUS_DECEASED, "deceased"))

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == ACR_MEMBER_STATUS_DECEASED + 2);

G_DEFINE_QUARK (acr-member-error-quark, acr_member_error)

static int
lookup_field (const char *name)
{
  if (name == NULL)
    return -1;
  for (int i = 0; i < N_FIELDS; i++)
    if (strcmp (field_names[i], name) == 0)
      return i;
  /* Property spelling too. */
  if (strcmp (name, "postal-code") == 0)
    return FIELD_POSTAL_CODE;
  return -1;
}

static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');

  return at != NULL && at != email && strchr (at + 1, '@') == NULL &&
         at[1] != '\0' && strchr (at + 1, '.') != NULL && strchr (email, ' ') == NULL;
}

static gboolean
extract_names (const char  *json,
               char       **given,
               char       **family,
               GError     **error)
{
  g_autoptr (JsonNode) root = NULL;
  JsonObject *object;

  if (!_acr_json_parse (json, -1, &root, error))
    return FALSE;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID,
                   _("person: expected a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);
  *given = g_strdup (json_object_get_string_member_with_default (object, "given_name", ""));
  *family = g_strdup (json_object_get_string_member_with_default (object, "family_name", ""));
  return TRUE;
}

/* "joined: 1899-12-31 is out of range: …", in the member's error domain. */
static gboolean
refuse_field (Field         field,
              const GError *local_error,
              GError      **error)
{
  g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID,
               "%s: %s", field_names[field], local_error->message);
  return FALSE;
}

static gboolean
validate_field (Field        field,
                const char  *value,
                GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *problem = NULL;

  if (value == NULL)
    {
      if (field == FIELD_LANGUAGE || field == FIELD_STATUS || field == FIELD_PERSON)
        problem = _("cannot be empty");
    }
  else if (!acr_text_check_utf8 (value, -1, &local_error))
    return refuse_field (field, local_error, error);
  else
    switch (field)
      {
      case FIELD_EMAIL:
        if (!email_is_valid (value))
          problem = _("is not an e-mail address (one “@” with text on both sides and a dot in the domain)");
        break;
      case FIELD_NPI:
        if (!acr_npi_is_valid (value))
          problem = _("is not a valid NPI (ten digits whose last is the check digit)");
        break;
      case FIELD_LANGUAGE:
        if (strcmp (value, "en") != 0 && strcmp (value, "fr") != 0)
          problem = _("must be “en” or “fr”");
        break;
      case FIELD_STATUS:
        if (!acr_member_status_is_valid (value))
          problem = _("must be one of applicant, active, lapsed, retired, resigned, deceased");
        break;
      case FIELD_COUNTRY:
        if (strlen (value) != 2 || !g_ascii_isupper (value[0]) || !g_ascii_isupper (value[1]))
          problem = _("must be a two-letter ISO 3166 country code in capitals (“US”, “CA”)");
        break;
      case FIELD_JOINED:
        {
          GDate joined;

          if (!acr_date_parse (value, &joined, &local_error))
            return refuse_field (field, local_error, error);
        }
        break;
      case FIELD_CATEGORY:
        for (const char *p = value; *p; p++)
          if (!g_ascii_islower (*p) && *p != '-')
            {
              problem = _("is not a category id");
              break;
            }
        break;
      case FIELD_CHAPTERS:
        {
          g_auto (GStrv) parts = g_strsplit (value, ",", -1);
          if (g_strv_length (parts) > 2)
            problem = _("has more than two chapters");
          for (guint i = 0; problem == NULL && parts[i]; i++)
            if (*g_strstrip (parts[i]) == '\0')
              problem = _("has an empty chapter code");
        }
        break;
      case FIELD_PERSON:
        {
          g_autofree char *given = NULL;
          g_autofree char *family = NULL;

          if (!extract_names (value, &given, &family, &local_error))
            return refuse_field (field, local_error, error);
        }
        break;
      default:
        break;
      }

  if (problem != NULL)
    {
      g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID,
                   _("%s: “%s” %s"), field_names[field], value ? value : "", problem);
      return FALSE;
    }
  return TRUE;
}

/* Stores @value (empty = unset) and notifies; returns whether it changed. */
static gboolean
store_field (AcrMember  *self,
             Field       field,
             const char *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (self->fields[field], value) == 0)
    return FALSE;
  g_free (self->fields[field]);
  self->fields[field] = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FIRST_FIELD + field]);
  return TRUE;
}

static void
set_names (AcrMember  *self,
           const char *given,
           const char *family)
{
  if (g_strcmp0 (self->given_name, given) != 0)
    {
      g_free (self->given_name);
      self->given_name = g_strdup (given);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GIVEN_NAME]);
    }
  if (g_strcmp0 (self->family_name, family) != 0)
    {
      g_free (self->family_name);
      self->family_name = g_strdup (family);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FAMILY_NAME]);
    }
}

static void
acr_member_finalize (GObject *object)
{
  AcrMember *self = ACR_MEMBER (object);

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_pointer (&self->fields[i], g_free);
  g_clear_pointer (&self->updated_at, g_free);
  g_clear_pointer (&self->given_name, g_free);
  g_clear_pointer (&self->family_name, g_free);

  G_OBJECT_CLASS (acr_member_parent_class)->finalize (object);
}

static void
acr_member_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AcrMember *self = ACR_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;
    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;
    default:
      if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
        g_value_set_string (value, self->fields[prop_id - PROP_FIRST_FIELD]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  AcrMember *self = ACR_MEMBER (object);

  if (prop_id >= PROP_FIRST_FIELD && prop_id < N_PROPS)
    {
      g_autoptr (GError) error = NULL;

      if (!acr_member_set_field (self, field_names[prop_id - PROP_FIRST_FIELD],
                                 g_value_get_string (value), &error))
        g_critical ("%s", error->message);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
acr_member_class_init (AcrMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_member_finalize;
  object_class->get_property = acr_member_get_property;
  object_class->set_property = acr_member_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GIVEN_NAME] =
    g_param_spec_string ("given-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Property names are the field names with '-' for '_' ("postal-code"). */
  {
    static const char * const prop_names[N_FIELDS] = {
      "person", "email", "phone", "address", "city", "region", "postal-code", "country",
      "npi", "language", "category", "status", "chapters", "program", "review", "joined",
    };
    for (guint i = 0; i < N_FIELDS; i++)
      properties [PROP_FIRST_FIELD + i] =
        g_param_spec_string (prop_names[i], NULL, NULL, NULL,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_member_init (AcrMember *self)
{
  self->fields[FIELD_PERSON] = g_strdup ("{}");
  self->fields[FIELD_LANGUAGE] = g_strdup ("en");
  self->fields[FIELD_STATUS] = g_strdup ("applicant");
  self->given_name = g_strdup ("");
  self->family_name = g_strdup ("");
}

AcrMember *
acr_member_new (void)
{
  return g_object_new (ACR_TYPE_MEMBER, NULL);
}

AcrMember *
acr_member_copy (AcrMember *self)
{
  AcrMember *copy;

  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  copy = acr_member_new ();
  copy->id = self->id;
  copy->number = self->number;
  copy->revision = self->revision;
  copy->updated_at = g_strdup (self->updated_at);
  g_free (copy->given_name);
  copy->given_name = g_strdup (self->given_name);
  g_free (copy->family_name);
  copy->family_name = g_strdup (self->family_name);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_free (copy->fields[i]);
      copy->fields[i] = g_strdup (self->fields[i]);
    }
  return copy;
}

gint64
acr_member_get_id (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), 0);
  return self->id;
}

/* 0 until the store assigns it. */
guint
acr_member_get_number (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), 0);
  return self->number;
}

/* The member number as printed everywhere: seven digits, zero-padded. */
char *
acr_member_dup_number_text (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);
  return g_strdup_printf ("%07u", self->number);
}

gint64
acr_member_get_revision (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), 0);
  return self->revision;
}

const char * const *
acr_member_list_fields (void)
{
  return field_names;
}

gboolean
acr_member_has_field (const char *name)
{
  return lookup_field (name) >= 0;
}

const char *
acr_member_get_field (AcrMember  *self,
                      const char *name)
{
  int field;

  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  field = lookup_field (name);
  if (field < 0)
    return NULL;
  return self->fields[field];
}

/*
 * acr_member_set_field:
 * Sets a field from text as staff type it; "" or NULL unsets it. Checks the
 * value (e-mail shape, NPI check digit, language, status, date…) and leaves
 * the member unchanged on error.
 */
gboolean
acr_member_set_field (AcrMember   *self,
                      const char  *name,
                      const char  *value,
                      GError     **error)
{
  int field;

  g_return_val_if_fail (ACR_IS_MEMBER (self), FALSE);

  field = lookup_field (name);
  if (field < 0)
    {
      g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_UNKNOWN_FIELD,
                   _("%s: unknown member field"), name ? name : "(null)");
      return FALSE;
    }

  if (value != NULL && *value == '\0')
    value = NULL;
  if (!validate_field (field, value, error))
    return FALSE;

  if (field == FIELD_PERSON)
    return acr_member_set_person_json (self, value, error);

  store_field (self, field, value);
  return TRUE;
}

/* Names of the fields whose values differ between @a and @b (NULL-terminated). */
char **
acr_member_diff (AcrMember *a,
                 AcrMember *b)
{
  GPtrArray *names = g_ptr_array_new ();

  g_return_val_if_fail (ACR_IS_MEMBER (a) && ACR_IS_MEMBER (b), NULL);

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_strcmp0 (a->fields[i], b->fields[i]) != 0)
      g_ptr_array_add (names, g_strdup (field_names[i]));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

const char *
acr_member_get_person_json (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);
  return self->fields[FIELD_PERSON];
}

gboolean
acr_member_set_person_json (AcrMember   *self,
                            const char  *json,
                            GError     **error)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (ACR_IS_MEMBER (self), FALSE);

  if (json != NULL)
    {
      /* The person facts are AcrPerson's to check: unknown keys, codes, dates. */
      g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "person", &local_error);
      if (person == NULL)
        {
          g_set_error_literal (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID, local_error->message);
          return FALSE;
        }
    }
  if (json == NULL || !extract_names (json, &given, &family, &local_error))
    {
      g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID,
                   _("person: %s"), local_error ? local_error->message : _("cannot be empty"));
      return FALSE;
    }

  store_field (self, FIELD_PERSON, json);
  set_names (self, given, family);
  return TRUE;
}

/* The person facts as an AcrPerson (a new object; changes need acr_member_set_person ()). */
AcrPerson *
acr_member_dup_person (AcrMember  *self,
                       GError    **error)
{
  g_autofree char *source = NULL;

  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  source = self->number ? g_strdup_printf ("member %07u", self->number) : g_strdup ("person");
  return acr_person_new_from_data (self->fields[FIELD_PERSON], -1, source, error);
}

void
acr_member_set_person (AcrMember *self,
                       AcrPerson *person)
{
  g_autofree char *json = NULL;
  const char *given, *family;

  g_return_if_fail (ACR_IS_MEMBER (self));
  g_return_if_fail (ACR_IS_PERSON (person));

  json = acr_person_to_json_string (person);
  given = acr_person_get_string (person, "given_name");
  family = acr_person_get_string (person, "family_name");
  store_field (self, FIELD_PERSON, json);
  set_names (self, given ? given : "", family ? family : "");
}

const char *
acr_member_get_given_name (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);
  return self->given_name;
}

const char *
acr_member_get_family_name (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);
  return self->family_name;
}

/* "Family, Given" as lists show it. */
char *
acr_member_dup_display_name (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  if (*self->given_name == '\0')
    return g_strdup (self->family_name);
  if (*self->family_name == '\0')
    return g_strdup (self->given_name);
  return g_strdup_printf ("%s, %s", self->family_name, self->given_name);
}

/* The name as an address or an invoice reads it: "Given Family". */
char *
acr_member_dup_postal_name (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  if (*self->given_name == '\0')
    return g_strdup (self->family_name);
  if (*self->family_name == '\0')
    return g_strdup (self->given_name);
  return g_strdup_printf ("%s %s", self->given_name, self->family_name);
}

#define GETTER(fn, field) \
const char * \
acr_member_get_##fn (AcrMember *self) \
{ \
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL); \
  return self->fields[field]; \
}

GETTER (email, FIELD_EMAIL)
GETTER (city, FIELD_CITY)
GETTER (country, FIELD_COUNTRY)
GETTER (npi, FIELD_NPI)
GETTER (language, FIELD_LANGUAGE)
GETTER (category, FIELD_CATEGORY)
GETTER (status, FIELD_STATUS)
GETTER (chapters, FIELD_CHAPTERS)
GETTER (program, FIELD_PROGRAM)
GETTER (review, FIELD_REVIEW)
GETTER (joined, FIELD_JOINED)

#undef GETTER

const char *
acr_member_get_updated_at (AcrMember *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);
  return self->updated_at;
}

/* The member as the CLI's --json prints it. */
JsonNode *
acr_member_to_json (AcrMember *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autofree char *number = NULL;

  g_return_val_if_fail (ACR_IS_MEMBER (self), NULL);

  number = acr_member_dup_number_text (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "number");
  json_builder_add_string_value (builder, number);
  json_builder_set_member_name (builder, "given_name");
  json_builder_add_string_value (builder, self->given_name);
  json_builder_set_member_name (builder, "family_name");
  json_builder_add_string_value (builder, self->family_name);
  for (guint i = 0; i < N_FIELDS; i++)
    {
      json_builder_set_member_name (builder, field_names[i]);
      if (i == FIELD_PERSON)
        {
          g_autoptr (JsonNode) person = json_from_string (self->fields[i], NULL);
          if (person != NULL)
            json_builder_add_value (builder, g_steal_pointer (&person));
          else
            json_builder_add_null_value (builder);
        }
      else if (self->fields[i] != NULL)
        json_builder_add_string_value (builder, self->fields[i]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, self->revision);
  json_builder_set_member_name (builder, "updated_at");
  if (self->updated_at)
    json_builder_add_string_value (builder, self->updated_at);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/*
 * acr_npi_check_digit_for:
 * The NPI check digit is the Luhn digit of the nine identifier digits
 * prefixed with 80840 (the NPI's ISO 7812 issuer prefix), as the NPI
 * standard specifies. Returns it as one character string, or NULL if
 * @first_nine is not nine digits.
 */
char *
acr_npi_check_digit_for (const char *first_nine)
{
  char digits[15];
  guint sum = 0;

  if (first_nine == NULL || strlen (first_nine) != 9)
    return NULL;
  for (guint i = 0; i < 9; i++)
    if (!g_ascii_isdigit (first_nine[i]))
      return NULL;

  memcpy (digits, "80840", 5);
  memcpy (digits + 5, first_nine, 9);
  /* Luhn: double every second digit from the right of the payload (the check digit will sit right of it). */
  for (int i = 13, k = 0; i >= 0; i--, k++)
    {
      guint d = digits[i] - '0';
      if (k % 2 == 0)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  return g_strdup_printf ("%u", (10 - sum % 10) % 10);
}

gboolean
acr_npi_is_valid (const char *npi)
{
  g_autofree char *check = NULL;
  g_autofree char *first = NULL;

  if (npi == NULL || strlen (npi) != 10)
    return FALSE;
  first = g_strndup (npi, 9);
  check = acr_npi_check_digit_for (first);
  return check != NULL && check[0] == npi[9] && g_ascii_isdigit (npi[9]);
}

/**
 * acr_member_status_to_string:
 *
 * Returns: the status as the store and CSV files write it ("active").
 */
const char *
acr_member_status_to_string (AcrMemberStatus status)
{
  g_return_val_if_fail ((guint) status <= ACR_MEMBER_STATUS_DECEASED, NULL);
  return statuses[status];
}

/**
 * acr_member_status_get_label:
 *
 * Returns: the translated label of a status as stored ("active" reads
 *   "Active"), or @status itself when it is none of them
 */
const char *
acr_member_status_get_label (const char *status)
{
  if (status == NULL)
    return "";
  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_str_equal (statuses[i], status))
      return _(status_labels[i]);
  return status;
}

/**
 * acr_member_status_from_string:
 * @status: (out) (optional): set when @text names a status
 *
 * Returns: %TRUE if @text is one of the statuses, spelt exactly.
 */
gboolean
acr_member_status_from_string (const char      *text,
                               AcrMemberStatus *status)
{
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      if (g_strcmp0 (text, statuses[i]) == 0)
        {
          if (status != NULL)
            *status = (AcrMemberStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
acr_member_status_is_valid (const char *status)
{
  return acr_member_status_from_string (status, NULL);
}

/**
 * acr_member_has_status:
 *
 * Returns: %TRUE if @self's status is @status (a member with no status, or
 *   one the store holds misspelt, has none of them).
 */
gboolean
acr_member_has_status (AcrMember       *self,
                       AcrMemberStatus  status)
{
  AcrMemberStatus own;

  g_return_val_if_fail (ACR_IS_MEMBER (self), FALSE);

  return acr_member_status_from_string (self->fields[FIELD_STATUS], &own) && own == status;
}

const char * const *
acr_member_list_statuses (void)
{
  return statuses;
}

void
_acr_member_set_id (AcrMember *self,
                    gint64     id)
{
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

void
_acr_member_set_number (AcrMember *self,
                        guint      number)
{
  if (self->number == number)
    return;
  self->number = number;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NUMBER]);
}

void
_acr_member_set_revision (AcrMember *self,
                          gint64     revision)
{
  if (self->revision == revision)
    return;
  self->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVISION]);
}

void
_acr_member_set_updated_at (AcrMember  *self,
                            const char *updated_at)
{
  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
}

void
_acr_member_set_raw (AcrMember  *self,
                     const char *name,
                     const char *value)
{
  int field = lookup_field (name);

  g_return_if_fail (field >= 0);
  store_field (self, field, value);
}

void
_acr_member_set_status (AcrMember       *self,
                        AcrMemberStatus  status)
{
  store_field (self, FIELD_STATUS, acr_member_status_to_string (status));
}

void
_acr_member_set_person_raw (AcrMember  *self,
                            const char *json,
                            const char *given_name,
                            const char *family_name)
{
  store_field (self, FIELD_PERSON, json);
  set_names (self, given_name ? given_name : "", family_name ? family_name : "");
}
