#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-member-private.h"
#include "acr-store-apply.h"
#include "acr-store-apply-private.h"
#include "acr-store-private.h"

/*
 * Recording an application: the store's one write that asks the rules
 * first. It lives apart from acr-store.c so the store itself needs no rules
 * engine, and apart from acr-lifecycle.c, which changes members already in
 * the store.
 */

/*
 * _acr_store_apply_locked:
 * acr_store_apply () inside a transaction the caller began, commits and
 * rolls back: the caller may write more in it (the first invoice). On
 * success *@member is the new member (NULL when the rules refused) and
 * *@decision the rules' decision.
 */
gboolean
_acr_store_apply_locked (AcrStore     *store,
                         AcrRules     *rules,
                         AcrPerson    *person,
                         AcrMember    *contact,
                         const GDate  *applied_on,
                         AcrMember   **member,
                         AcrDecision **decision,
                         GError      **error)
{
  AcrStoreBackendInterface *iface;
  g_autoptr (AcrDecision) d = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (JsonNode) reasons = NULL;
  g_autoptr (JsonNode) contact_node = NULL;
  g_autofree char *reasons_json = NULL;
  g_autofree char *contact_json = NULL;
  g_autofree char *person_json = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = _acr_store_now ();
  g_autofree char *reason = NULL;
  const char *category;

  *member = NULL;
  *decision = NULL;

  if (!acr_rules_validate_person (rules, person, "person", error))
    return FALSE;
  d = acr_rules_classify (rules, person, applied_on, error);
  if (d == NULL)
    return FALSE;

  category = acr_decision_get_category_id (d);
  date = acr_date_format_iso (applied_on);
  reasons = acr_decision_to_json (d);
  reasons_json = json_to_string (reasons, FALSE);
  person_json = acr_person_to_json_string (person);

  m = contact ? acr_member_copy (contact) : acr_member_new ();
  acr_member_set_person (m, person);
  if (acr_member_get_email (m) == NULL && acr_person_get_string (person, "email") != NULL &&
      !acr_member_set_field (m, "email", acr_person_get_string (person, "email"), error))
    return FALSE;
  if (acr_member_get_country (m) == NULL && acr_person_get_string (person, "country") != NULL)
    _acr_member_set_raw (m, "country", acr_person_get_string (person, "country"));
  if (acr_member_get_chapters (m) == NULL)
    {
      g_autofree char *chapters = g_strjoinv (",", (char **) acr_person_get_codes (person, "chapters"));
      _acr_member_set_raw (m, "chapters", chapters);
    }
  contact_node = acr_member_to_json (m);
  contact_json = json_to_string (contact_node, FALSE);

  iface = ACR_STORE_BACKEND_GET_IFACE (acr_store_get_backend (store));

  if (category != NULL)
    {
      _acr_member_set_raw (m, "category", category);
      _acr_member_set_status (m, ACR_MEMBER_STATUS_ACTIVE);
      _acr_member_set_raw (m, "joined", date);
      reason = g_strdup_printf (_("application of %s"), date);
      if (!_acr_store_insert (store, m, reason, time, error) ||
          iface->insert_application (acr_store_get_backend (store), date, person_json, contact_json, "accepted",
                                     reasons_json, acr_member_get_id (m), g_get_user_name (), error) < 0)
        return FALSE;
      *member = g_steal_pointer (&m);
    }
  else if (iface->insert_application (acr_store_get_backend (store), date, person_json, contact_json, "refused",
                                      reasons_json, 0, g_get_user_name (), error) < 0)
    return FALSE;

  *decision = g_steal_pointer (&d);
  return TRUE;
}

/**
 * acr_store_apply:
 *
 * Classifies @person on @applied_on. If the rules decide a category, the
 * person becomes a member of it (status active, joined that day, with the
 * contact details of @contact, which may be NULL) and *@member is set;
 * otherwise the application is kept as refused, with the rules' reasons,
 * and *@member is NULL. Either way the application is recorded, in one
 * transaction. Returns FALSE only on an error (invalid person, storage).
 *
 * No invoice is issued: the fronts approve through acr_billing_apply ()
 * (acr-billing-apply.h), which issues the first invoice in the same
 * transaction.
 */
gboolean
acr_store_apply (AcrStore     *store,
                 AcrRules     *rules,
                 AcrPerson    *person,
                 AcrMember    *contact,
                 const GDate  *applied_on,
                 AcrMember   **member,
                 AcrDecision **decision,
                 GError      **error)
{
  g_autoptr (AcrDecision) d = NULL;
  g_autoptr (AcrMember) m = NULL;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ACR_IS_RULES (rules), FALSE);
  g_return_val_if_fail (ACR_IS_PERSON (person), FALSE);
  g_return_val_if_fail (applied_on != NULL && g_date_valid (applied_on), FALSE);

  if (member)
    *member = NULL;
  if (decision)
    *decision = NULL;

  if (!_acr_store_begin (store, error))
    return FALSE;
  if (!_acr_store_apply_locked (store, rules, person, contact, applied_on, &m, &d, error) ||
      !_acr_store_commit (store, error))
    {
      _acr_store_rollback (store);
      return FALSE;
    }

  if (member)
    *member = g_steal_pointer (&m);
  if (decision)
    *decision = g_steal_pointer (&d);
  return TRUE;
}
