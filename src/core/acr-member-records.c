#define G_LOG_DOMAIN "acr-member"

#include "config.h"

#include "acr-member-change.h"
#include "acr-member-records.h"

/* Whether @id names a category of the rules whose members are in practice. */
static gboolean
is_practice_category (AcrRules   *rules,
                      const char *id)
{
  AcrCategory *category = id != NULL ? acr_rules_lookup_category (rules, id) : NULL;

  return category != NULL && acr_category_get_in_practice (category);
}

/**
 * acr_member_records_apply_facts:
 * @person: the member's person, as classification will read it
 *
 * Sets on @person the facts the member's own records decide:
 * `prior_member_in_practice` is %TRUE when the member holds, or ever held
 * (the category changes of their history), a category whose members are in
 * practice (`"in_practice": true` in the rules bundle), and %FALSE
 * otherwise, whatever the person file said. An applicant's file is left as
 * it is: an applicant has no records yet.
 *
 * Classification does not query the store; callers that classify a member
 * (the lifecycle run) call this first.
 *
 * Returns: %FALSE with @error set if the history could not be read.
 */
gboolean
acr_member_records_apply_facts (AcrStore   *store,
                                AcrRules   *rules,
                                AcrMember  *member,
                                AcrPerson  *person,
                                GError    **error)
{
  g_autoptr(GPtrArray) history = NULL;
  gboolean in_practice;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ACR_IS_RULES (rules), FALSE);
  g_return_val_if_fail (ACR_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (ACR_IS_PERSON (person), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_strcmp0 (acr_member_get_status (member), "applicant") == 0)
    return TRUE;

  /* The current category answers for most members without reading history. */
  in_practice = is_practice_category (rules, acr_member_get_category (member));

  if (!in_practice)
    {
      history = acr_store_list_history (store, member, error);
      if (history == NULL)
        return FALSE;

      for (guint i = 0; i < history->len && !in_practice; i++)
        {
          const AcrMemberChange *change = history->pdata[i];

          if (g_strcmp0 (change->field, "category") == 0)
            in_practice = is_practice_category (rules, change->old_value) ||
                          is_practice_category (rules, change->new_value);
        }
    }

  return acr_person_set_fact (person, "prior_member_in_practice", g_variant_new_boolean (in_practice), error);
}
