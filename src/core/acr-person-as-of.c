#define G_LOG_DOMAIN "acr-person"

#include "config.h"

#include "acr-person.h"

/*
 * Dated facts: the person as they stood on a given day.
 *
 * A person file says what is true today. Some of its facts are dated and
 * let earlier days be reconstructed: a person who notified retirement on
 * `retired_on` was in practice until then (the seed: “You earn retired
 * member status after fully retiring from professional practice”), and a
 * person whose first paid position began on `practice_start` was not yet in
 * practice before it. The rules engine evaluates every day — a decision
 * date, January 1 of a membership year — through acr_person_dup_as_of(), so
 * that “not in practice” today is not applied to a day on which the person
 * still practised.
 */

/* Whether the person was engaged in practice on @on, or -1 when the file's
 * own in_practice stands. */
static int
in_practice_on (AcrPerson   *self,
                const GDate *on)
{
  GDate retired, start;
  gboolean has_retired, has_start;

  g_date_clear (&retired, 1);
  g_date_clear (&start, 1);
  has_retired = acr_person_get_date (self, "retired_on", &retired);
  has_start = acr_person_get_date (self, "practice_start", &start);

  /* On or after the retirement the file's own word stands. */
  if (has_retired && g_date_compare (on, &retired) >= 0)
    return -1;

  if (has_start && g_date_compare (on, &start) < 0)
    return FALSE;

  /* Before a retirement: practising (from the first paid position, when known). */
  if (has_retired)
    return TRUE;

  return -1;
}

/* Before the current training period starts (training.start), the period in
 * effect is the latest earlier one (training_history) that had started by
 * @on, or none (*@period %NULL: not yet in training); returns FALSE when the
 * current period is in effect. */
static gboolean
earlier_period_on (AcrPerson    *self,
                   const GDate  *on,
                   AcrPerson   **period)
{
  GDate start;

  *period = NULL;
  g_date_clear (&start, 1);
  if (!acr_person_get_date (self, "training.start", &start) || g_date_compare (on, &start) >= 0)
    return FALSE;

  for (guint i = acr_person_get_n_training_periods (self); i > 0; i--)
    {
      AcrPerson *candidate = acr_person_get_training_period (self, i - 1);
      GDate candidate_start;

      g_date_clear (&candidate_start, 1);
      if (!acr_person_get_date (candidate, "training.start", &candidate_start) ||
          g_date_compare (&candidate_start, on) <= 0)
        {
          *period = candidate;
          break;
        }
    }

  return TRUE;
}

/* Puts @period's training facts (none when %NULL) in place of @copy's; a
 * physician was a medical student during medical school. */
static void
use_training_period (AcrPerson *copy,
                     AcrPerson *period)
{
  const AcrFactInfo *facts;
  guint n_facts;

  facts = acr_person_list_facts (&n_facts);
  for (guint i = 0; i < n_facts; i++)
    {
      GVariant *value;

      if (!g_str_has_prefix (facts[i].name, "training."))
        continue;

      value = period != NULL ? acr_person_get_fact (period, facts[i].name) : NULL;
      if (value == NULL)
        acr_person_unset_fact (copy, facts[i].name);
      else if (!acr_person_set_fact (copy, facts[i].name, value, NULL))
        g_assert_not_reached ();
    }

  if (period != NULL &&
      g_strcmp0 (acr_person_get_string (period, "training.stage"), "medical-school") == 0 &&
      g_strcmp0 (acr_person_get_string (copy, "profession"), "physician") == 0 &&
      !acr_person_set_fact (copy, "profession", g_variant_new_string ("medical-student"), NULL))
    g_assert_not_reached ();
}

/* Older person files have one good_standing flag for what are three facts
 * (data/rules/README.md): it stands for a student's standing and ethical
 * standing abroad when those are not given. */
static const char * const standing_facts[] = { "student_standing", "ethical_standing" };

static gboolean
needs_standing (AcrPerson *self)
{
  if (!acr_person_has_fact (self, "good_standing"))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (standing_facts); i++)
    {
      if (!acr_person_has_fact (self, standing_facts[i]))
        return TRUE;
    }

  return FALSE;
}

/**
 * acr_person_dup_as_of:
 * @on: the day
 *
 * The person with the facts that depend on dated facts reconstructed as they
 * stood on @on: before `retired_on` the person was in practice (from
 * `practice_start` when it is known), before `practice_start` they were not;
 * before `training.start` the training period in effect is the latest of
 * `training_history` that had started (none: not yet in training), and a
 * physician was a medical student during medical school.
 *
 * Returns: (transfer full): @self itself (a new reference) when nothing
 *   differs on @on, else a copy.
 */
AcrPerson *
acr_person_dup_as_of (AcrPerson   *self,
                      const GDate *on)
{
  g_autoptr(AcrPerson) copy = NULL;
  AcrPerson *period = NULL;
  gboolean earlier;
  int in_practice;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  in_practice = in_practice_on (self, on);
  if (in_practice >= 0 && acr_person_has_fact (self, "in_practice") &&
      acr_person_get_boolean (self, "in_practice", FALSE) == in_practice)
    in_practice = -1;

  earlier = earlier_period_on (self, on, &period);

  if (in_practice < 0 && !earlier)
    return g_object_ref (self);

  copy = acr_person_copy (self);
  if (in_practice >= 0 &&
      !acr_person_set_fact (copy, "in_practice", g_variant_new_boolean (in_practice), NULL))
    g_assert_not_reached ();
  if (earlier)
    use_training_period (copy, period);

  return g_steal_pointer (&copy);
}

/**
 * acr_person_dup_resolved:
 *
 * The person with the facts of older files read as today's: `good_standing`
 * also gives `student_standing` and `ethical_standing` when those are not
 * given. The rules engine reads every person through this once per decision
 * or quote.
 *
 * Returns: (transfer full): @self itself (a new reference) when nothing
 *   differs, else a copy.
 */
AcrPerson *
acr_person_dup_resolved (AcrPerson *self)
{
  g_autoptr(AcrPerson) copy = NULL;

  g_return_val_if_fail (ACR_IS_PERSON (self), NULL);

  if (!needs_standing (self))
    return g_object_ref (self);

  copy = acr_person_copy (self);
  for (guint i = 0; i < G_N_ELEMENTS (standing_facts); i++)
    {
      if (!acr_person_has_fact (copy, standing_facts[i]) &&
          !acr_person_set_fact (copy, standing_facts[i],
                                g_variant_new_boolean (acr_person_get_boolean (self, "good_standing", TRUE)), NULL))
        g_assert_not_reached ();
    }

  return g_steal_pointer (&copy);
}

/**
 * acr_person_get_next_dated_change:
 * @after: a day
 * @day: (out): the first day after @after on which acr_person_dup_as_of()
 *   may give other facts
 *
 * Returns: %TRUE if there is such a day.
 */
gboolean
acr_person_get_next_dated_change (AcrPerson   *self,
                                  const GDate *after,
                                  GDate       *day)
{
  static const char * const dated[] = { "practice_start", "retired_on", "training.start" };
  gboolean found = FALSE;

  g_return_val_if_fail (ACR_IS_PERSON (self), FALSE);
  g_return_val_if_fail (after != NULL && g_date_valid (after), FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (dated); i++)
    {
      GDate date;

      g_date_clear (&date, 1);
      if (acr_person_get_date (self, dated[i], &date) &&
          g_date_compare (&date, after) > 0 &&
          (!found || g_date_compare (&date, day) < 0))
        {
          *day = date;
          found = TRUE;
        }
    }

  return found;
}
