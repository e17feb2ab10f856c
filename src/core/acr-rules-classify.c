#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-decision-private.h"
#include "acr-rules-private.h"

/* AcrRules: what the rules say about a person on one day — the category,
 * the rights, the facts still needed — and the next day that changes by
 * itself. acr-rules-quote.c evaluates on January 1 through the same code. */

static void
evaluation_init (Evaluation *ev)
{
  memset (ev, 0, sizeof *ev);
  ev->eligible = g_ptr_array_new ();
  ev->eligible_why = g_ptr_array_new ();
  ev->missing = g_ptr_array_new ();
  ev->not_eligible = g_ptr_array_new ();
  ev->closest = g_ptr_array_new ();
}

void
_acr_evaluation_clear (Evaluation *ev)
{
  g_clear_pointer (&ev->eligible, g_ptr_array_unref);
  g_clear_pointer (&ev->eligible_why, g_ptr_array_unref);
  g_clear_pointer (&ev->missing, g_ptr_array_unref);
  g_clear_pointer (&ev->not_eligible, g_ptr_array_unref);
  g_clear_pointer (&ev->closest, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AcrFactNotes, _acr_fact_notes_clear)

typedef struct
{
  AcrTruth      truth;
  AcrCriterion *criterion;  /* the first that holds, else the nearest miss */
  GPtrArray    *unknown;    /* facts that left a criterion undecided */
  GPtrArray    *ask;        /* facts assumed by the criterion that holds */
} CategoryResult;

static void evaluate (AcrRules    *self,
                      AcrPerson   *person,
                      const GDate *on,
                      int          year,
                      gboolean     nested,
                      Evaluation  *ev);

/* Whether the person held right @r on the day before the date fact @fact
 * (a retired member keeps elective office only if they held it before
 * retiring). */
static gboolean
held_right_before (AcrRules   *self,
                   AcrPerson  *person,
                   const char *fact,
                   AcrRight    r)
{
  g_auto(Evaluation) then = { NULL, };
  GDate day;

  g_date_clear (&day, 1);
  if (!acr_person_get_date (person, fact, &day) || g_date_get_julian (&day) <= 1)
    return FALSE;

  g_date_subtract_days (&day, 1);
  evaluate (self, person, &day, g_date_get_year (&day), TRUE, &then);
  return then.category != NULL && then.rights[r];
}

void
_acr_rules_evaluate (AcrRules    *self,
                     AcrPerson   *person,
                     const GDate *on,
                     int          year,
                     Evaluation  *ev)
{
  evaluate (self, person, on, year, FALSE, ev);
}

/* @nested: evaluating the past for a right "held before"; such rights are
 * not looked up again from there. */
static void
evaluate (AcrRules    *self,
          AcrPerson   *person,
          const GDate *on,
          int          year,
          gboolean     nested,
          Evaluation  *ev)
{
  /* The facts as they stood on @on (acr-person-as-of.c). */
  g_autoptr(AcrPerson) dated = acr_person_dup_as_of (person, on);
  AcrEvalContext context = { dated, *on, year };
  GPtrArray *order = self->category_array;
  guint n_categories = order->len;
  g_autofree CategoryResult *results = g_new0 (CategoryResult, n_categories);

  evaluation_init (ev);

  for (guint i = 0; i < n_categories; i++)
    {
      AcrCategory *category = order->pdata[i];
      CategoryResult *result = &results[i];
      guint best_false = G_MAXUINT;

      result->truth = ACR_TRUTH_FALSE;
      result->unknown = g_ptr_array_new ();
      result->ask = g_ptr_array_new ();

      for (guint j = 0; j < category->criteria->len; j++)
        {
          AcrCriterion *criterion = category->criteria->pdata[j];
          g_auto(AcrFactNotes) notes = { NULL, NULL, 0 };
          AcrTruth truth;

          _acr_fact_notes_init (&notes);
          truth = _acr_conditions_evaluate (criterion->conditions, &context, &notes);

          if (truth == ACR_TRUTH_TRUE)
            {
              result->truth = ACR_TRUTH_TRUE;
              result->criterion = criterion;
              for (guint k = 0; k < notes.ask->len; k++)
                _acr_fact_list_add (result->ask, notes.ask->pdata[k]);
              break;
            }

          if (truth == ACR_TRUTH_UNKNOWN)
            {
              result->truth = ACR_TRUTH_UNKNOWN;
              for (guint k = 0; k < notes.unknown->len; k++)
                _acr_fact_list_add (result->unknown, notes.unknown->pdata[k]);
            }

          if (notes.n_false < best_false)
            {
              best_false = notes.n_false;
              result->criterion = criterion;
            }
        }

      if (result->truth == ACR_TRUTH_TRUE)
        {
          g_ptr_array_add (ev->eligible, category);
          g_ptr_array_add (ev->eligible_why, result->criterion);
        }
      else
        {
          g_ptr_array_add (ev->not_eligible, category);
          g_ptr_array_add (ev->closest, result->criterion);
        }
    }

  /* The decision is the first eligible category in order of precedence;
   * what is unknown about a category that would come first is missing. */
  for (guint p = 0; p < self->precedence->len && ev->category == NULL; p++)
    {
      AcrCategory *category = self->precedence->pdata[p];
      guint i;

      if (!g_ptr_array_find (order, category, &i))
        g_assert_not_reached ();

      if (results[i].truth == ACR_TRUTH_TRUE)
        {
          ev->category = category;
          ev->criterion = results[i].criterion;
          for (guint k = 0; k < results[i].ask->len; k++)
            _acr_fact_list_add (ev->missing, results[i].ask->pdata[k]);
        }
      else if (results[i].truth == ACR_TRUTH_UNKNOWN)
        {
          for (guint k = 0; k < results[i].unknown->len; k++)
            _acr_fact_list_add (ev->missing, results[i].unknown->pdata[k]);
        }
    }

  if (ev->category != NULL)
    {
      for (guint r = 0; r < ACR_N_RIGHTS; r++)
        {
          const AcrRightRule *rule = &ev->category->rights[r];

          if (rule->conditions != NULL)
            ev->rights[r] = _acr_conditions_evaluate (rule->conditions, &context, NULL) == ACR_TRUTH_TRUE;
          else
            ev->rights[r] = rule->value;

          if (ev->rights[r] && rule->held_before != NULL)
            ev->rights[r] = !nested && held_right_before (self, person, rule->held_before, r);
        }
    }

  for (guint i = 0; i < n_categories; i++)
    {
      g_ptr_array_unref (results[i].unknown);
      g_ptr_array_unref (results[i].ask);
    }
}

static gboolean
same_outcome (const Evaluation *a,
              const Evaluation *b)
{
  if (a->category != b->category)
    return FALSE;

  for (guint r = 0; r < ACR_N_RIGHTS; r++)
    {
      if (a->rights[r] != b->rights[r])
        return FALSE;
    }

  return TRUE;
}

static void
collect_change_days (GPtrArray   *conditions,
                     AcrPerson   *person,
                     const GDate *after,
                     GArray      *days)
{
  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      GDate day;

      if (_acr_condition_get_change_day (conditions->pdata[i], person, &day) &&
          g_date_compare (&day, after) > 0)
        g_array_append_val (days, day);
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  return g_date_compare (a, b);
}

/* The note of a condition among @conditions that turns over on @day. */
static const char *
note_for_day (GPtrArray   *conditions,
              AcrPerson   *person,
              const GDate *day)
{
  for (guint i = 0; conditions != NULL && i < conditions->len; i++)
    {
      const AcrCondition *condition = conditions->pdata[i];
      GDate change;

      if (condition->note != NULL &&
          _acr_condition_get_change_day (condition, person, &change) &&
          g_date_compare (&change, day) == 0)
        return _(condition->note);
    }

  return NULL;
}

/* The next day after @on on which the category or the rights change by
 * themselves, as dates in the person's facts come and go. Only the days on
 * which some date condition turns over can change anything, so only those
 * are evaluated. */
gboolean
_acr_rules_find_next_change (AcrRules          *self,
                             AcrPerson         *person,
                             const GDate       *on,
                             const Evaluation  *now,
                             GDate             *change_day,
                             AcrCategory      **change_category,
                             const char       **change_reason)
{
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (GDate));

  for (guint i = 0; i < self->category_array->len; i++)
    {
      AcrCategory *category = self->category_array->pdata[i];

      for (guint j = 0; j < category->criteria->len; j++)
        collect_change_days (((AcrCriterion *) category->criteria->pdata[j])->conditions, person, on, days);
      for (guint r = 0; r < ACR_N_RIGHTS; r++)
        collect_change_days (category->rights[r].conditions, person, on, days);
    }

  {
    GDate dated_change;

    g_date_clear (&dated_change, 1);
    if (acr_person_get_next_dated_change (person, on, &dated_change))
      g_array_append_val (days, dated_change);
  }

  g_array_sort (days, compare_days);

  for (guint d = 0; d < days->len; d++)
    {
      const GDate *day = &g_array_index (days, GDate, d);
      g_auto(Evaluation) then = { NULL, };
      const char *reason = NULL;

      if (d > 0 && g_date_compare (day, &g_array_index (days, GDate, d - 1)) == 0)
        continue;

      /* Dates run to 2999-12-31 (acr_date_check_range()): a change after
       * that is none that could be written down or read back, so the
       * decision foresees no change rather than inventing one on the last day. */
      if (g_date_get_year (day) > ACR_DATE_MAX_YEAR)
        break;

      _acr_rules_evaluate (self, person, day, g_date_get_year (day), &then);
      if (same_outcome (now, &then))
        continue;

      /* Say why in the words of the rule that turned over: the one that
       * admitted the person until now, the one that admits them from
       * then, or one of the rights. */
      if (now->criterion != NULL)
        reason = note_for_day (now->criterion->conditions, person, day);
      if (reason == NULL && then.criterion != NULL)
        reason = note_for_day (then.criterion->conditions, person, day);
      for (guint r = 0; reason == NULL && now->category != NULL && r < ACR_N_RIGHTS; r++)
        reason = note_for_day (now->category->rights[r].conditions, person, day);

      *change_day = *day;
      *change_category = then.category;
      *change_reason = reason;
      return TRUE;
    }

  return FALSE;
}

/* g_strv_builder_take() is GLib 2.80. */
static void
take_string (GStrvBuilder *builder,
             char         *string)
{
  g_strv_builder_add (builder, string);
  g_free (string);
}

static GStrv
fact_list_to_strv (GPtrArray *list)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < list->len; i++)
    g_strv_builder_add (builder, list->pdata[i]);

  return g_strv_builder_end (builder);
}

/* What is wrong with one condition the person fails, in staff's words:
 * “Years of medical school is 3; this rule requires at least 4”. */
static char *
describe_failure (const AcrCondition *condition,
                  AcrPerson          *person)
{
  const char *label = _(condition->info->label);
  g_autofree char *value = acr_person_format_fact (person, condition->fact);
  g_autofree char *codes = condition->codes != NULL ? g_strjoinv (", ", condition->codes) : NULL;

  if (value == NULL)
    /* TRANSLATORS: a fact of the person file: “End of training is not known” */
    return g_strdup_printf (_("%s is not known"), label);

  switch (condition->op)
    {
    case ACR_OP_IN:
      /* TRANSLATORS: “Discipline is other, not one of: radiology, radiation-oncology” */
      return g_strdup_printf (_("%s is %s, not one of: %s"), label, value, codes);
    case ACR_OP_NOT_IN:
      return g_strdup_printf (_("%s is %s, which this rule excludes"), label, value);
    case ACR_OP_ANY:
      /* TRANSLATORS: “Certifications: none of ABR, AOBR” */
      return g_strdup_printf (_("%s: none of %s"), label, codes);
    case ACR_OP_NONE:
      for (guint i = 0; condition->codes[i] != NULL; i++)
        {
          if (acr_person_has_code (person, condition->fact, condition->codes[i]))
            return g_strdup_printf (_("%s include %s, which this rule excludes"), label, condition->codes[i]);
        }
      g_assert_not_reached ();
    case ACR_OP_IS:
      /* TRANSLATORS: “Engaged in practice is no; this rule requires yes” */
      return g_strdup_printf (_("%s is %s; this rule requires %s"), label, value,
                              condition->boolean ? _("yes") : _("no"));
    case ACR_OP_AT_LEAST:
      /* TRANSLATORS: “Years of medical school is 3; this rule requires at least 4” */
      return g_strdup_printf (_("%s is %s; this rule requires at least %lld"), label, value,
                              (long long) condition->number);
    case ACR_OP_AT_MOST:
      return g_strdup_printf (_("%s is %s; this rule requires at most %lld"), label, value,
                              (long long) condition->number);
    case ACR_OP_BEFORE:
    case ACR_OP_ON_OR_BEFORE:
    case ACR_OP_AFTER:
    case ACR_OP_ON_OR_AFTER:
      if (condition->note != NULL)
        /* TRANSLATORS: a date fact, its value and the rule's note: “End of training is 2020-06-30: …” */
        return g_strdup_printf (_("%s is %s: %s"), label, value, _(condition->note));
      return g_strdup_printf (_("%s is %s, outside the dates this rule allows"), label, value);
    default:
      g_assert_not_reached ();
    }
}

/* “Not eligible as X: …” naming the facts the nearest criterion fails: the
 * conditions found false, or when none is, those left unknown. */
static char *
describe_not_eligible (AcrCategory          *category,
                       AcrCriterion         *closest,
                       const AcrEvalContext *context)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  AcrTruth wanted = ACR_TRUTH_FALSE;

  if (_acr_conditions_evaluate (closest->conditions, context, NULL) == ACR_TRUTH_UNKNOWN)
    wanted = ACR_TRUTH_UNKNOWN;

  for (guint i = 0; i < closest->conditions->len; i++)
    {
      const AcrCondition *condition = closest->conditions->pdata[i];
      g_autofree char *failure = NULL;

      if (_acr_condition_evaluate (condition, context, NULL) != wanted)
        continue;

      failure = describe_failure (condition, context->person);
      if (failures->len > 0)
        g_string_append (failures, "; ");
      g_string_append (failures, failure);
    }

  if (failures->len == 0)
    return g_strdup_printf (_("Not eligible as %s: the nearest rule is “%s”"),
                            _(category->name), _(closest->explanation));

  /* TRANSLATORS: a category and the facts that keep the person out of it */
  return g_strdup_printf (_("Not eligible as %s: %s"), _(category->name), failures->str);
}

/* The facts that would change the dues of the decided category: when the
 * first-years ladder cannot be placed (end of training, first paid
 * position) and when no chapter can be billed (the region). */
static void
add_dues_missing (AcrRules             *self,
                  AcrCategory          *category,
                  const AcrEvalContext *context,
                  GPtrArray            *missing)
{
  AcrPerson *person = context->person;

  if (category->dues_kind == ACR_DUES_LADDER &&
      (self->ladder_when == NULL || _acr_conditions_evaluate (self->ladder_when, context, NULL) == ACR_TRUTH_TRUE))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < self->ladder_start->len && !known; i++)
        known = acr_person_has_fact (person, ((LadderStart *) self->ladder_start->pdata[i])->fact);

      for (guint i = 0; i < self->ladder_start->len && !known; i++)
        _acr_fact_list_add (missing, ((LadderStart *) self->ladder_start->pdata[i])->fact);
    }

  if (category->chapter_dues && self->chapter_default != NULL &&
      acr_person_get_codes (person, "chapters")[0] == NULL &&
      !acr_person_get_boolean (person, "waive_chapters", FALSE) &&
      !acr_person_has_fact (person, self->chapter_default))
    _acr_fact_list_add (missing, self->chapter_default);
}

/* Whether the person held the category a review is about on the day of its
 * date fact: the review “International member-in-training status ended…”
 * concerns only those who were international members-in-training when their
 * training ended. */
static gboolean
review_held (AcrRules  *self,
             AcrPerson *person,
             Review    *review)
{
  g_auto(Evaluation) then = { NULL, };
  GDate day;

  if (review->held_category == NULL)
    return TRUE;

  g_date_clear (&day, 1);
  if (!acr_person_get_date (person, review->held_on, &day))
    return FALSE;

  _acr_rules_evaluate (self, person, &day, g_date_get_year (&day), &then);
  return then.category == review->held_category;
}

/**
 * acr_rules_classify:
 * @on: the decision date
 *
 * Decides the person's category on @on, with every category they qualify
 * for, the reasons, the facts still to ask for, the rights on that date and
 * the next date on which the decision changes by itself.
 */
AcrDecision *
acr_rules_classify (AcrRules     *self,
                    AcrPerson    *person,
                    const GDate  *on,
                    GError      **error)
{
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(GStrvBuilder) eligible = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) review = g_strv_builder_new ();
  g_auto(Evaluation) ev = { NULL, };
  g_autoptr(AcrPerson) resolved = NULL;
  g_autoptr(AcrPerson) dated = NULL;
  AcrEvalContext context;
  GDate change_day;
  AcrCategory *change_category = NULL;
  const char *change_reason = NULL;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (ACR_IS_PERSON (person), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!acr_rules_validate_person (self, person, NULL, error))
    return NULL;

  /* Older files' facts read as today's, once for every day evaluated. */
  resolved = acr_person_dup_resolved (person);
  person = resolved;

  _acr_rules_evaluate (self, person, on, g_date_get_year (on), &ev);
  decision = _acr_decision_new (on);

  dated = acr_person_dup_as_of (person, on);
  context.person = dated;
  context.on = *on;
  context.year = g_date_get_year (on);

  if (ev.category != NULL)
    add_dues_missing (self, ev.category, &context, ev.missing);

  if (ev.category != NULL)
    {
      decision->category = g_object_ref (ev.category);
      /* The bundle's texts are in the catalog (po/acr-rules-strings.h): staff read them in their language.
       * TRANSLATORS: a category and why the person belongs to it: “General member: A physician certified…”. */
      take_string (reasons, g_strdup_printf (C_("category: why", "%s: %s"),
                                             _(ev.category->name), _(ev.criterion->explanation)));
    }
  else
    {
      g_strv_builder_add (reasons, _("Not eligible for any membership category."));
      for (guint i = 0; i < ev.not_eligible->len; i++)
        take_string (reasons, describe_not_eligible (ev.not_eligible->pdata[i], ev.closest->pdata[i], &context));
    }

  for (guint i = 0; i < ev.eligible->len; i++)
    {
      AcrCategory *category = ev.eligible->pdata[i];
      AcrCriterion *why = ev.eligible_why->pdata[i];

      g_strv_builder_add (eligible, category->id);
      if (category != ev.category)
        take_string (reasons, g_strdup_printf (_("Also eligible as %s: %s"), _(category->name), _(why->explanation)));
    }

  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *r = self->reviews->pdata[i];

      if ((r->unless_category == NULL || !g_ptr_array_find (r->unless_category, ev.category, NULL)) &&
          _acr_conditions_evaluate (r->when, &context, NULL) == ACR_TRUTH_TRUE &&
          review_held (self, person, r))
        {
          g_strv_builder_add (review, _(r->text));
          take_string (reasons, g_strdup_printf (_("For staff review: %s"), _(r->text)));
        }
    }

  decision->eligible = g_strv_builder_end (eligible);
  decision->reasons = g_strv_builder_end (reasons);
  decision->review = g_strv_builder_end (review);
  decision->missing = fact_list_to_strv (ev.missing);
  decision->committees = ev.rights[ACR_RIGHT_COMMITTEES];
  decision->elective_office = ev.rights[ACR_RIGHT_ELECTIVE_OFFICE];
  decision->board_of_chancellors = ev.rights[ACR_RIGHT_BOARD_OF_CHANCELLORS];
  {
    g_autoptr(GStrvBuilder) not_stated = g_strv_builder_new ();

    for (guint r = 0; ev.category != NULL && r < ACR_N_RIGHTS; r++)
      if (ev.category->rights[r].not_stated)
        g_strv_builder_add (not_stated, _acr_right_names[r]);
    decision->rights_not_stated = g_strv_builder_end (not_stated);
  }

  if (_acr_rules_find_next_change (self, person, on, &ev, &change_day, &change_category, &change_reason))
    {
      if (change_reason == NULL)
        change_reason = _("The decision changes on this date.");

      decision->next_change_date = g_date_copy (&change_day);
      decision->next_change_category = change_category != NULL ? g_strdup (change_category->id) : NULL;

      /* Say what follows: the category, or that none does — never “a full
       * member in the appropriate category” when there is none. */
      if (change_category == NULL)
        /* TRANSLATORS: %s is why the decision changes (“Member-in-training status ends…”) */
        decision->next_change_reason =
          g_strdup_printf (_("%s From this date the person qualifies for no membership category on the facts "
                             "known; staff should review."), change_reason);
      else if (change_category != ev.category)
        /* TRANSLATORS: why the decision changes, then the category that follows */
        decision->next_change_reason = g_strdup_printf (_("%s From this date: %s."), change_reason,
                                                        _(change_category->name));
      else
        decision->next_change_reason = g_strdup (change_reason);
    }

  return g_steal_pointer (&decision);
}
