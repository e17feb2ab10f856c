#define G_LOG_DOMAIN "acr-lifecycle"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-backup.h"
#include "acr-lifecycle.h"
#include "acr-member-records.h"
#include "acr-member-private.h"
#include "acr-store-private.h"

/* Statuses whose members the lifecycle looks at: those who are (or may again be) members. */
static const AcrMemberStatus lifecycle_statuses[] = { ACR_MEMBER_STATUS_ACTIVE, ACR_MEMBER_STATUS_LAPSED };

static void
change_free (AcrLifecycleChange *change)
{
  g_free (change->name);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->reason);
  g_free (change);
}

void
acr_lifecycle_report_free (AcrLifecycleReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->changes, g_ptr_array_unref);
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_free (report);
}

static char *
format_date (const GDate *date)
{
  return acr_date_format_iso (date);
}

static char *
decision_summary (AcrDecision *decision)
{
  const char * const *reasons = acr_decision_get_reasons (decision);
  return g_strjoinv ("; ", (char **) reasons);
}

/*
 * acr_lifecycle_classify_member:
 * @store: (nullable): where a stored @member's records are; the facts they
 *   decide (acr_member_records_apply_facts ()) are read from it
 *
 * Sets @member's category to what the rules decide on @on. Fails (member
 * unchanged) if the rules decide no category; the error gives their reasons.
 */
gboolean
acr_lifecycle_classify_member (AcrStore     *store,
                               AcrRules     *rules,
                               AcrMember    *member,
                               const GDate  *on,
                               GError      **error)
{
  g_autoptr (AcrPerson) person = acr_member_dup_person (member, error);
  g_autoptr (AcrDecision) decision = NULL;

  if (person == NULL)
    return FALSE;
  /* The same facts as the lifecycle run reads: an edit and a run agree. */
  if (store != NULL && acr_member_get_id (member) > 0 &&
      !acr_member_records_apply_facts (store, rules, member, person, error))
    return FALSE;
  decision = acr_rules_classify (rules, person, on, error);
  if (decision == NULL)
    return FALSE;
  if (acr_decision_get_category_id (decision) == NULL)
    {
      g_autofree char *why = decision_summary (decision);
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("eligible for no membership category: %s"), why);
      return FALSE;
    }
  return acr_member_set_field (member, "category", acr_decision_get_category_id (decision), error);
}

static void
note_change (AcrLifecycleReport *report,
             AcrMember          *member,
             const char         *field,
             const char         *old_value,
             const char         *new_value,
             const char         *reason)
{
  AcrLifecycleChange *change = g_new0 (AcrLifecycleChange, 1);

  change->number = acr_member_get_number (member);
  change->name = acr_member_dup_display_name (member);
  change->field = g_strdup (field);
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  change->reason = g_strdup (reason);
  g_ptr_array_add (report->changes, change);
}

static void
skip_member (AcrLifecycleReport *report,
             AcrMember          *member,
             const char         *why)
{
  g_autofree char *name = acr_member_dup_display_name (member);
  g_ptr_array_add (report->skipped, g_strdup_printf ("%07u %s: %s", acr_member_get_number (member), name, why));
}

/*
 * acr_lifecycle_run:
 * Classifies every active or lapsed member on @on and records what changed
 * by date: a member in training becomes a full member six months after
 * training, a notified retirement makes the member retired (category and
 * status), and what the rules leave to staff (an international member in
 * training past training "may be considered for transition") is flagged in
 * the member's review field. Running it again on the same date changes
 * nothing. A dry run reports the same changes and writes none. The whole
 * run is one transaction; each change is in the member's history.
 */
AcrLifecycleReport *
acr_lifecycle_run (AcrStore                  *store,
                   AcrRules                  *rules,
                   const GDate               *on,
                   gboolean                   dry_run,
                   AcrLifecycleProgressFunc   progress,
                   gpointer                   user_data,
                   GError                   **error)
{
  AcrStoreBackend *backend;
  g_autoptr (AcrLifecycleReport) report = g_new0 (AcrLifecycleReport, 1);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *date = NULL;
  g_autofree char *time = _acr_store_now ();

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  g_return_val_if_fail (ACR_IS_RULES (rules), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  report->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  date = format_date (on);
  backend = acr_store_get_backend (store);

  if (!dry_run && !acr_backup_before_change (store, _("lifecycle run"), error))
    return NULL;
  if (!_acr_store_begin (store, error))
    return NULL;

  for (guint s = 0; s < G_N_ELEMENTS (lifecycle_statuses); s++)
    {
      const char *status = acr_member_status_to_string (lifecycle_statuses[s]);
      g_autoptr (GArray) some = ACR_STORE_BACKEND_GET_IFACE (backend)->list_ids_by_status (backend, status, error);
      if (some == NULL)
        {
          _acr_store_rollback (store);
          return NULL;
        }
      g_array_append_vals (ids, some->data, some->len);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (GError) member_error = NULL;
      g_autoptr (AcrMember) stored = acr_store_lookup_member_by_id (store, g_array_index (ids, gint64, i), error);
      g_autoptr (AcrMember) member = NULL;
      g_autoptr (AcrPerson) person = NULL;
      g_autoptr (AcrDecision) decision = NULL;
      g_autofree char *why = NULL;
      g_autofree char *review = NULL;
      g_autofree char *reason = NULL;
      const char *category;
      gboolean changed = FALSE;

      if (stored == NULL)
        {
          _acr_store_rollback (store);
          return NULL;
        }
      report->examined++;
      member = acr_member_copy (stored);

      /* Membership history comes from the member's records (acr-member-records.c). */
      if ((person = acr_member_dup_person (member, &member_error)) == NULL ||
          !acr_member_records_apply_facts (store, rules, member, person, &member_error) ||
          (decision = acr_rules_classify (rules, person, on, &member_error)) == NULL)
        {
          skip_member (report, member, member_error->message);
          goto next;
        }

      why = decision_summary (decision);
      category = acr_decision_get_category_id (decision);
      if (category == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("eligible for no category on %s: %s"), date, why);
          skip_member (report, member, text);
          goto next;
        }
      reason = g_strdup_printf (_("lifecycle of %s: %s"), date, why);

      review = g_strjoinv ("; ", (char **) acr_decision_get_review (decision));
      if (*review != '\0')
        {
          /*
           * What the rules leave to staff ("may be considered for transition") is
           * flagged, with the category the rules would give; the category itself
           * stays until someone on staff decides.
           */
          g_autofree char *flag = g_strdup_printf (_("%s (the rules would now give: %s)"), review, category);

          if (g_strcmp0 (acr_member_get_review (member), flag) != 0)
            {
              note_change (report, member, "review", acr_member_get_review (member), flag, _("flagged for staff review"));
              _acr_member_set_raw (member, "review", flag);
              changed = TRUE;
            }
        }
      else
        {
          if (g_strcmp0 (acr_member_get_category (member), category) != 0)
            {
              note_change (report, member, "category", acr_member_get_category (member), category, why);
              _acr_member_set_raw (member, "category", category);
              changed = TRUE;
            }
          /* The retired category is how the rules record a notified retirement; the status follows it. */
          if (g_str_equal (category, "retired") && !acr_member_has_status (member, ACR_MEMBER_STATUS_RETIRED))
            {
              const char *notified = acr_person_get_string (person, "retired_on");
              g_autofree char *text = g_strdup_printf (_("retirement notified on %s"), notified ? notified : "?");

              note_change (report, member, "status", acr_member_get_status (member),
                           acr_member_status_to_string (ACR_MEMBER_STATUS_RETIRED), text);
              _acr_member_set_status (member, ACR_MEMBER_STATUS_RETIRED);
              changed = TRUE;
            }
        }

      if (changed)
        {
          report->members_changed++;
          if (!_acr_store_update (store, member, reason, time, error))
            {
              _acr_store_rollback (store);
              return NULL;
            }
        }
    next:
      if (progress != NULL)
        progress (i + 1, ids->len, user_data);
    }

  if (dry_run)
    _acr_store_rollback (store);
  else if (!_acr_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&report);
}
