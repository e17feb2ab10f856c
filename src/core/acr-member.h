#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "acr-person.h"

G_BEGIN_DECLS

/*
 * AcrMember: one member (or applicant) of the College as the store keeps it:
 * the person facts the rules read (as the person file's JSON), contact
 * details, NPI, language, category, status, dates and the revision the
 * record was read at. Fields are named like the CLI and the history name
 * them ("email", "postal_code", "status"…); each is also a GObject property.
 */

/*
 * Where a member stands. The store, the CSV files and the CLI write it as
 * its string ("active"); code compares the enum.
 */
typedef enum
{
  ACR_MEMBER_STATUS_APPLICANT,
  ACR_MEMBER_STATUS_ACTIVE,
  ACR_MEMBER_STATUS_LAPSED,
  ACR_MEMBER_STATUS_RETIRED,
  ACR_MEMBER_STATUS_RESIGNED,
  ACR_MEMBER_STATUS_DECEASED,
} AcrMemberStatus;

#define ACR_TYPE_MEMBER_STATUS (acr_member_status_get_type ())
GType acr_member_status_get_type (void);

#define ACR_TYPE_MEMBER (acr_member_get_type ())

G_DECLARE_FINAL_TYPE (AcrMember, acr_member, ACR, MEMBER, GObject)

#define ACR_MEMBER_ERROR (acr_member_error_quark ())

typedef enum
{
  ACR_MEMBER_ERROR_UNKNOWN_FIELD,
  ACR_MEMBER_ERROR_INVALID,
} AcrMemberError;

GQuark               acr_member_error_quark     (void);

AcrMember           *acr_member_new             (void);
AcrMember           *acr_member_copy            (AcrMember   *self);

gint64               acr_member_get_id          (AcrMember   *self);
guint                acr_member_get_number      (AcrMember   *self);
char                *acr_member_dup_number_text (AcrMember   *self);
gint64               acr_member_get_revision    (AcrMember   *self);

const char * const  *acr_member_list_fields     (void);
gboolean             acr_member_has_field       (const char  *name);
const char          *acr_member_get_field       (AcrMember   *self,
                                                 const char  *name);
gboolean             acr_member_set_field       (AcrMember   *self,
                                                 const char  *name,
                                                 const char  *value,
                                                 GError     **error);
char               **acr_member_diff            (AcrMember   *a,
                                                 AcrMember   *b);

const char          *acr_member_get_person_json (AcrMember   *self);
gboolean             acr_member_set_person_json (AcrMember   *self,
                                                 const char  *json,
                                                 GError     **error);
AcrPerson           *acr_member_dup_person      (AcrMember   *self,
                                                 GError     **error);
void                 acr_member_set_person      (AcrMember   *self,
                                                 AcrPerson   *person);
const char          *acr_member_get_given_name  (AcrMember   *self);
const char          *acr_member_get_family_name (AcrMember   *self);
char                *acr_member_dup_display_name (AcrMember  *self);
char                *acr_member_dup_postal_name (AcrMember   *self);
const char          *acr_member_get_email       (AcrMember   *self);
const char          *acr_member_get_city        (AcrMember   *self);
const char          *acr_member_get_country     (AcrMember   *self);
const char          *acr_member_get_npi         (AcrMember   *self);
const char          *acr_member_get_language    (AcrMember   *self);
const char          *acr_member_get_category    (AcrMember   *self);
const char          *acr_member_get_status      (AcrMember   *self);
gboolean             acr_member_has_status      (AcrMember   *self,
                                                 AcrMemberStatus status);
const char          *acr_member_get_chapters    (AcrMember   *self);
const char          *acr_member_get_program     (AcrMember   *self);
const char          *acr_member_get_review      (AcrMember   *self);
const char          *acr_member_get_joined      (AcrMember   *self);
const char          *acr_member_get_updated_at  (AcrMember   *self);

JsonNode            *acr_member_to_json         (AcrMember   *self);

gboolean             acr_npi_is_valid           (const char  *npi);
char                *acr_npi_check_digit_for    (const char  *first_nine);
const char          *acr_member_status_to_string   (AcrMemberStatus  status);
const char          *acr_member_status_get_label   (const char      *status);
gboolean             acr_member_status_from_string (const char      *text,
                                                    AcrMemberStatus *status);
gboolean             acr_member_status_is_valid    (const char      *status);
const char * const  *acr_member_list_statuses      (void);

G_END_DECLS
