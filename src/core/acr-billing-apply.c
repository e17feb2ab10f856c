#define G_LOG_DOMAIN "acr-billing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-billing-apply.h"
#include "acr-billing-private.h"
#include "acr-lifecycle.h"
#include "acr-store-apply-private.h"
#include "acr-store-private.h"

/* The name of @id in @rules, or @id itself. */
static const char *
category_name (AcrRules   *rules,
               const char *id)
{
  AcrCategory *category = id != NULL ? acr_rules_lookup_category (rules, id) : NULL;

  if (category != NULL)
    return acr_category_get_name (category);
  return id != NULL ? id : _("no category");
}

/*
 * The first invoice of @member, in the open transaction. Returns FALSE on
 * an error that undoes the approval; TRUE with *@invoice NULL and
 * *@no_invoice_reason set when nothing is to be billed.
 */
static gboolean
issue_first_invoice (AcrBilling   *self,
                     AcrMember    *member,
                     int           year,
                     const GDate  *applied_on,
                     AcrInvoice  **invoice,
                     char        **no_invoice_reason,
                     GError      **error)
{
  AcrRules *rules = acr_billing_get_rules (self);
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *approved = acr_member_get_category (member);
  const char *quoted;

  if (!acr_rules_has_year (rules, year))
    {
      *no_invoice_reason = g_strdup_printf (_("no first invoice: the rules have no dues schedule for %d"), year);
      return TRUE;
    }

  /* An invoice is addressed to someone: a record without a name is billed once it has one. */
  if ((acr_member_get_given_name (member) == NULL || *acr_member_get_given_name (member) == '\0') &&
      (acr_member_get_family_name (member) == NULL || *acr_member_get_family_name (member) == '\0'))
    {
      *no_invoice_reason = g_strdup (_("no first invoice: the member has no name to put on it; "
                                       "add the name, then bill from the member"));
      return TRUE;
    }

  quote = _acr_billing_quote_member (self, member, year, applied_on, &local_error);
  if (quote == NULL)
    {
      if (!g_error_matches (local_error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *no_invoice_reason = g_strdup_printf (_("no first invoice: %s"), local_error->message);
      return TRUE;
    }

  /* Billed only in the category approved: a person who was never a
   * member is not billed as what they were before joining. */
  quoted = acr_dues_quote_get_category_id (quote);
  if (g_strcmp0 (quoted, approved) != 0)
    {
      *no_invoice_reason = g_strdup_printf (_("no first invoice for %d: the member was approved as %s, but on "
                                              "January 1, %d the rules place the person in %s; bill a later year "
                                              "from the member"),
                                            year, category_name (rules, approved), year,
                                            category_name (rules, quoted));
      return TRUE;
    }

  *invoice = _acr_billing_issue (self, member, quote, applied_on, error);
  return *invoice != NULL;
}

/**
 * acr_billing_apply:
 * @contact: (nullable): the contact details of the new member
 * @first_year: the membership year of the first invoice; 0 for the rules'
 *   default
 * @member: (out) (optional) (transfer full): the new member, or %NULL when
 *   the rules refused the application
 * @decision: (out) (optional) (transfer full): the rules' decision
 * @invoice: (out) (optional) (transfer full): the first invoice, or %NULL
 * @no_invoice_reason: (out) (optional) (transfer full): why no invoice was
 *   issued to the new member, or %NULL
 *
 * See the top of acr-billing-apply.h. Returns FALSE only on an error
 * (invalid person, a year the rules do not cover chosen by staff,
 * storage); nothing is written then.
 */
gboolean
acr_billing_apply (AcrBilling    *self,
                   AcrPerson     *person,
                   AcrMember     *contact,
                   const GDate   *applied_on,
                   int            first_year,
                   AcrMember    **member,
                   AcrDecision  **decision,
                   AcrInvoice   **invoice,
                   char         **no_invoice_reason,
                   GError       **error)
{
  AcrStore *store;
  AcrRules *rules;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (AcrDecision) d = NULL;
  g_autoptr (AcrInvoice) inv = NULL;
  g_autofree char *why = NULL;
  int year;

  g_return_val_if_fail (ACR_IS_BILLING (self), FALSE);
  g_return_val_if_fail (ACR_IS_PERSON (person), FALSE);
  g_return_val_if_fail (contact == NULL || ACR_IS_MEMBER (contact), FALSE);
  g_return_val_if_fail (applied_on != NULL && g_date_valid (applied_on), FALSE);
  g_return_val_if_fail (first_year >= 0, FALSE);

  if (member)
    *member = NULL;
  if (decision)
    *decision = NULL;
  if (invoice)
    *invoice = NULL;
  if (no_invoice_reason)
    *no_invoice_reason = NULL;

  store = acr_billing_get_store (self);
  rules = acr_billing_get_rules (self);
  year = first_year > 0 ? first_year : acr_rules_get_first_invoice_year (rules, applied_on);

  /* A year staff chose must be one the rules can bill. */
  if (first_year > 0 && !acr_rules_has_year (rules, first_year))
    {
      g_autofree int *years = NULL;
      guint n_years = 0;

      years = acr_rules_list_years (rules, &n_years);
      g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID,
                   _("first invoice year %d: the rules have no dues schedule for it (they cover %d–%d)"),
                   first_year, n_years > 0 ? years[0] : 0, n_years > 0 ? years[n_years - 1] : 0);
      return FALSE;
    }

  if (!_acr_store_begin (store, error))
    return FALSE;
  if (!_acr_store_apply_locked (store, rules, person, contact, applied_on, &m, &d, error) ||
      (m != NULL && !issue_first_invoice (self, m, year, applied_on, &inv, &why, error)) ||
      !_acr_store_commit (store, error))
    {
      _acr_store_rollback (store);
      return FALSE;
    }

  if (member)
    *member = g_steal_pointer (&m);
  if (decision)
    *decision = g_steal_pointer (&d);
  if (invoice)
    *invoice = g_steal_pointer (&inv);
  if (no_invoice_reason)
    *no_invoice_reason = g_steal_pointer (&why);
  return TRUE;
}

/**
 * acr_billing_save_edit:
 * @on: the day the rules decide the category for
 * @reason: why the change is made (kept in the history)
 *
 * Saves staff's changes to @member (acr_store_save_member ()), the
 * category following the facts: unless the edit sets the category itself,
 * it becomes what the rules decide on @on; when they decide none (or cannot
 * read the facts), it stays as it was. A conflict fails with
 * ACR_STORE_ERROR_CONFLICT and writes nothing.
 */
gboolean
acr_billing_save_edit (AcrBilling   *self,
                       AcrMember    *member,
                       const GDate  *on,
                       const char   *reason,
                       GError      **error)
{
  AcrStore *store;
  g_autoptr (AcrMember) stored = NULL;
  g_autoptr (GError) classify_error = NULL;

  g_return_val_if_fail (ACR_IS_BILLING (self), FALSE);
  g_return_val_if_fail (ACR_IS_MEMBER (member), FALSE);
  g_return_val_if_fail (on != NULL && g_date_valid (on), FALSE);

  store = acr_billing_get_store (self);
  stored = acr_store_lookup_member (store, acr_member_get_number (member), error);
  if (stored == NULL)
    return FALSE;

  /* A category staff set on purpose stays; otherwise the facts decide. */
  if (g_strcmp0 (acr_member_get_category (member), acr_member_get_category (stored)) == 0 &&
      !acr_lifecycle_classify_member (store, acr_billing_get_rules (self), member, on, &classify_error))
    g_debug ("member %07u keeps its category: %s", acr_member_get_number (member), classify_error->message);

  return acr_store_save_member (store, member, reason, error);
}
