#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "acr-date.h"

G_BEGIN_DECLS

/*
 * AcrPerson: the facts staff collect about an applicant or member, as read by
 * the rules engine. A fact is either known or unknown: unknown facts are what
 * the decision lists as "missing". Facts are named by their JSON path in the
 * person file ("profession", "training.end"); each also has a GObject property
 * ("profession", "training-end") so views can bind to it.
 */

#define ACR_PERSON_ERROR (acr_person_error_quark ())

typedef enum
{
  ACR_PERSON_ERROR_PARSE,        /* not JSON, or not an object */
  ACR_PERSON_ERROR_UNKNOWN_KEY,  /* a key the person file does not have */
  ACR_PERSON_ERROR_WRONG_TYPE,   /* a string where a boolean belongs, … */
  ACR_PERSON_ERROR_INVALID,      /* an unknown code, an impossible date, … */
} AcrPersonError;

typedef enum
{
  ACR_FACT_STRING,     /* free text: names, e-mail, region */
  ACR_FACT_CODE,       /* one code of a fixed vocabulary */
  ACR_FACT_CODE_LIST,  /* a set of codes of a fixed vocabulary (or chapters) */
  ACR_FACT_BOOLEAN,
  ACR_FACT_DATE,       /* a calendar day, YYYY-MM-DD */
  ACR_FACT_INT,        /* a small non-negative count */
  ACR_FACT_COUNTRY,    /* ISO 3166-1 alpha-2 */
} AcrFactType;

typedef struct
{
  const char         *name;      /* JSON path: "training.end" */
  const char         *property;  /* GObject property: "training-end" */
  AcrFactType         type;
  const char * const *codes;     /* allowed codes for CODE and CODE_LIST, NULL-terminated; NULL = any */
  const char         *label;     /* staff-facing name, translatable (N_()) */
} AcrFactInfo;

#define ACR_TYPE_PERSON (acr_person_get_type ())

G_DECLARE_FINAL_TYPE (AcrPerson, acr_person, ACR, PERSON, GObject)

GQuark             acr_person_error_quark       (void);

const AcrFactInfo *acr_person_list_facts        (guint        *n_facts);
const AcrFactInfo *acr_person_lookup_fact       (const char   *name);

AcrPerson         *acr_person_new               (void);
AcrPerson         *acr_person_new_from_json     (JsonNode     *node,
                                                 const char   *source_name,
                                                 GError      **error);
AcrPerson         *acr_person_new_from_data     (const char   *data,
                                                 gssize        length,
                                                 const char   *source_name,
                                                 GError      **error);
AcrPerson         *acr_person_new_from_file     (const char   *path,
                                                 GError      **error);
AcrPerson         *acr_person_copy              (AcrPerson    *self);
JsonNode          *acr_person_to_json           (AcrPerson    *self);
char              *acr_person_to_json_string    (AcrPerson    *self);
gboolean           acr_person_equal             (AcrPerson    *a,
                                                 AcrPerson    *b);

gboolean           acr_person_has_fact          (AcrPerson    *self,
                                                 const char   *name);
GVariant          *acr_person_get_fact          (AcrPerson    *self,
                                                 const char   *name);
gboolean           acr_person_set_fact          (AcrPerson    *self,
                                                 const char   *name,
                                                 GVariant     *value,
                                                 GError      **error);
gboolean           acr_person_set_fact_from_string (AcrPerson *self,
                                                 const char   *name,
                                                 const char   *text,
                                                 GError      **error);
void               acr_person_unset_fact        (AcrPerson    *self,
                                                 const char   *name);
char              *acr_person_format_fact       (AcrPerson    *self,
                                                 const char   *name);

const char        *acr_person_get_string        (AcrPerson    *self,
                                                 const char   *name);
gboolean           acr_person_get_boolean       (AcrPerson    *self,
                                                 const char   *name,
                                                 gboolean      if_unknown);
gboolean           acr_person_get_date          (AcrPerson    *self,
                                                 const char   *name,
                                                 GDate        *date);
int                acr_person_get_int           (AcrPerson    *self,
                                                 const char   *name,
                                                 int           if_unknown);
gboolean           acr_person_has_code          (AcrPerson    *self,
                                                 const char   *name,
                                                 const char   *code);
const char * const *acr_person_get_codes        (AcrPerson    *self,
                                                 const char   *name);

char              *acr_person_dup_display_name  (AcrPerson    *self);

/*
 * The text check every reader shares, as the date checks in acr-date.h: an
 * ACR_PERSON_ERROR_INVALID whose message does not name the field.
 */
gboolean           acr_text_check_utf8          (const char   *text,
                                                 gssize        length,
                                                 GError      **error);

/* Dated facts (acr-person-as-of.c): the person as they stood on a day. */
AcrPerson         *acr_person_dup_as_of         (AcrPerson    *self,
                                                 const GDate  *on);
AcrPerson         *acr_person_dup_resolved      (AcrPerson    *self);

/* Earlier training periods ("training_history" in the person file). */
guint              acr_person_get_n_training_periods (AcrPerson *self);
AcrPerson         *acr_person_get_training_period (AcrPerson  *self,
                                                 guint        index);
gboolean           acr_person_get_next_dated_change (AcrPerson *self,
                                                 const GDate  *after,
                                                 GDate        *day);

G_END_DECLS
