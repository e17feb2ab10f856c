#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-dues-quote-private.h"
#include "acr-rules-private.h"

/* AcrRules: the dues of a membership year, as billed on a day.
 *
 * A line's description is frozen into the invoice and rendered in the
 * member's language, not the staff's: it is composed from the English source
 * texts (N_), whatever the process locale. */

static void
add_line (AcrDuesQuote *quote,
          const char   *code,
          const char   *description,
          gint64        amount_cents,
          gboolean      placeholder)
{
  g_autoptr(AcrDuesLine) line = acr_dues_line_new (code, description, amount_cents, placeholder);

  _acr_dues_quote_add_line (quote, line);
}

/* A line with a remark for staff (see acr_dues_line_get_note ()). */
static void
add_line_with_note (AcrDuesQuote *quote,
                    const char   *code,
                    const char   *description,
                    gint64        amount_cents,
                    gboolean      placeholder,
                    const char   *note)
{
  g_autoptr(AcrDuesLine) line = acr_dues_line_new_with_note (code, description, amount_cents, placeholder, note);

  _acr_dues_quote_add_line (quote, line);
}

static NationalDues *
find_national (DuesYear    *year,
               AcrCategory *category)
{
  for (guint i = 0; i < year->national->len; i++)
    {
      NationalDues *dues = year->national->pdata[i];

      if (dues->category == category)
        return dues;
    }

  return NULL;
}

/* The membership year that is year one of the ladder: the latest of the
 * years the facts of ladder.start the person has give — the first year
 * after training, the year of the first paid position — so that no ladder
 * year is counted while the person is still in training or before the paid
 * position; 0 when none is known. */
static int
ladder_first_year (AcrRules  *self,
                   AcrPerson *person)
{
  int first = 0;

  for (guint i = 0; i < self->ladder_start->len; i++)
    {
      LadderStart *start = self->ladder_start->pdata[i];
      GDate date;
      int year;

      g_date_clear (&date, 1);
      if (!acr_person_get_date (person, start->fact, &date))
        continue;

      _acr_date_add_offset (&date, &start->plus);

      year = g_date_get_year (&date);
      if (start->first_full && !(g_date_get_month (&date) == G_DATE_JANUARY && g_date_get_day (&date) == 1))
        year++;

      first = MAX (first, year);
    }

  return first;
}

static void
quote_national (AcrRules             *self,
                AcrPerson            *person,
                const AcrEvalContext *january_1,
                AcrCategory          *category,
                NationalDues         *dues,
                int                   year,
                AcrDuesQuote         *quote,
                gint64               *national_cents,
                gboolean             *national_placeholder)
{
  g_autofree char *description = NULL;
  g_autofree char *note = NULL;
  const Amount *amount = &dues->amount;

  if (dues->ladder == NULL)
    {
      g_autofree char *what = g_strdup_printf (N_("National dues — %s"), category->name);

      description = g_steal_pointer (&what);
    }
  else if (self->ladder_when != NULL &&
           _acr_conditions_evaluate (self->ladder_when, january_1, NULL) != ACR_TRUTH_TRUE)
    {
      /* The ladder is for members coming out of training. */
      description = g_strdup_printf (N_("National dues — %s, full dues (the first-years ladder is for members "
                                        "who completed training as physicians or physicists)"),
                                     category->name);
    }
  else
    {
      int first = ladder_first_year (self, person);
      g_autofree char *what = NULL;

      if (first == 0)
        {
          g_autoptr(GString) facts = g_string_new (NULL);

          for (guint i = 0; i < self->ladder_start->len; i++)
            {
              if (i > 0)
                g_string_append (facts, N_(" and "));
              g_string_append (facts, ((LadderStart *) self->ladder_start->pdata[i])->fact);
            }

          /* How the line was decided is for staff, never for the invoice. */
          what = g_strdup_printf (N_("National dues — %s, full dues"), category->name);
          note = g_strdup_printf (_("the first-years ladder could not be applied: %s unknown"), facts->str);
        }
      else if (year < first)
        {
          /* Still in training, or before the first paid position: no
           * ladder year is counted, so the count never repeats. */
          what = g_strdup_printf (N_("National dues — %s, full dues (the first-years ladder begins in %d)"),
                                  category->name, first);
        }
      else
        {
          int rung = year - first + 1;

          if ((guint) rung <= dues->ladder->len)
            {
              amount = &g_array_index (dues->ladder, Amount, rung - 1);
              what = g_strdup_printf (N_("National dues — %s, first-years rate, year %d of %u"),
                                      category->name, rung, dues->ladder->len);
            }
          else
            {
              what = g_strdup_printf (N_("National dues — %s, full dues"), category->name);
            }
        }

      description = g_steal_pointer (&what);
    }

  add_line_with_note (quote, "national", description, amount->cents, amount->placeholder, note);
  *national_cents = amount->cents;
  *national_placeholder = amount->placeholder;
}

static GPtrArray *
chapters_to_bill (AcrRules   *self,
                  AcrPerson  *person,
                  gboolean   *defaulted)
{
  GPtrArray *chapters = g_ptr_array_new ();
  const char * const *codes = acr_person_get_codes (person, "chapters");
  const char *region;
  AcrChapter *chapter;

  *defaulted = FALSE;

  for (guint i = 0; codes[i] != NULL; i++)
    {
      if ((chapter = _acr_rules_find_chapter (self, codes[i])) != NULL)
        g_ptr_array_add (chapters, chapter);
    }

  /* A member must pay chapter dues; with no chapter chosen, the chapter
   * named by the bundle's default fact (where they live) is billed — if it
   * is a state or province of the person's country: abroad the region is
   * free text (“MI” is Milan there, not Michigan) and there is no chapter. */
  if (chapters->len == 0 && self->chapter_default != NULL &&
      (region = acr_person_get_string (person, self->chapter_default)) != NULL &&
      (chapter = acr_rules_lookup_chapter_in (self, acr_person_get_string (person, "country"), region)) != NULL)
    {
      g_ptr_array_add (chapters, chapter);
      *defaulted = TRUE;
    }

  return chapters;
}

static void
quote_chapters (AcrRules     *self,
                AcrPerson    *person,
                int           year,
                const GDate  *billed_on,
                AcrDuesQuote *quote)
{
  g_autoptr(GPtrArray) chapters = NULL;
  AcrEvalContext context = { person, *billed_on, year };
  gboolean defaulted;

  if (acr_person_get_boolean (person, "waive_chapters", FALSE))
    {
      if (self->waiver_when != NULL &&
          _acr_conditions_evaluate (self->waiver_when, &context, NULL) == ACR_TRUTH_TRUE)
        {
          add_line (quote, "chapters-waived", self->waiver_waived, 0, FALSE);
          return;
        }

      add_line (quote, "chapter-waiver-refused",
                self->waiver_refused != NULL ? self->waiver_refused
                                             : _("These rules let nobody waive chapter membership; chapter dues are billed"),
                0, FALSE);
    }

  chapters = chapters_to_bill (self, person, &defaulted);
  for (guint i = 0; i < chapters->len; i++)
    {
      AcrChapter *chapter = chapters->pdata[i];
      g_autofree char *code = g_strdup_printf ("chapter:%s", acr_chapter_get_code (chapter));
      g_autofree char *what = NULL;
      g_autofree char *description = NULL;
      g_autofree char *note = NULL;
      gint64 cents = 0;
      gboolean placeholder = FALSE;

      if (!acr_chapter_get_dues (chapter, year, &cents, &placeholder))
        g_assert_not_reached ();  /* the loader checked every chapter has dues every year */

      what = g_strdup_printf (N_("Chapter dues — %s"), acr_chapter_get_name (chapter));
      if (defaulted)
        note = g_strdup_printf (_("no chapter chosen: the chapter of the person’s %s"), self->chapter_default);

      description = g_steal_pointer (&what);
      add_line_with_note (quote, code, description, cents, placeholder, note);
    }
}

/* A discount, a refund or the chapter waiver that hangs on a "required" fact the
 * person file does not give refuses the quote rather than guess: an old
 * person file that says "military" but not whose service it is
 * (military_country) is billed neither with nor without the military
 * discount until staff say. */
static gboolean
check_decidable (GPtrArray             *conditions,
                 const AcrEvalContext  *context,
                 const char            *what,
                 GError               **error)
{
  const AcrCondition *missing = NULL;

  if (conditions == NULL)
    return TRUE;

  for (guint i = 0; i < conditions->len; i++)
    {
      const AcrCondition *condition = conditions->pdata[i];

      /* Another condition already false decides without the fact. */
      if (_acr_condition_evaluate (condition, context, NULL) == ACR_TRUTH_FALSE)
        return TRUE;
      if (missing == NULL && condition->required && !acr_person_has_fact (context->person, condition->fact))
        missing = condition;
    }

  if (missing == NULL)
    return TRUE;

  g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON,
               _("%s (%s) is not given and the dues depend on it (%s); give it to quote the dues"),
               missing->fact, _(missing->info->label), what);
  return FALSE;
}

static gboolean
check_discounts_decidable (AcrRules             *self,
                           AcrCategory          *category,
                           const AcrEvalContext *context,
                           GError              **error)
{
  for (guint i = 0; i < self->discounts->len; i++)
    {
      Discount *discount = self->discounts->pdata[i];

      if (!check_decidable (discount->when, context, _(discount->description), error))
        return FALSE;
    }

  for (guint i = 0; i < self->refunds->len; i++)
    {
      Refund *refund = self->refunds->pdata[i];

      if (!check_decidable (refund->when, context, _(refund->description), error))
        return FALSE;
    }

  if (category->chapter_dues && acr_person_get_boolean (context->person, "waive_chapters", FALSE) &&
      !check_decidable (self->waiver_when, context, self->waiver_waived, error))
    return FALSE;

  return TRUE;
}

/* The day in membership year @year on which a condition of @criterion on
 * @fact turns over (the status it admitted ends because of that fact: the
 * six months after training), if there is one after January 1. */
static gboolean
ends_by_fact_in_year (AcrCriterion *criterion,
                      AcrPerson    *person,
                      const char   *fact,
                      int           year,
                      GDate        *day)
{
  for (guint i = 0; criterion != NULL && i < criterion->conditions->len; i++)
    {
      const AcrCondition *condition = criterion->conditions->pdata[i];

      if (g_str_equal (condition->fact, fact) &&
          _acr_condition_get_change_day (condition, person, day) &&
          (int) g_date_get_year (day) == year &&
          !(g_date_get_month (day) == G_DATE_JANUARY && g_date_get_day (day) == 1))
        return TRUE;
    }

  return FALSE;
}

/* “The first ACR dues payment after completing training will be owed for
 * the following year beginning in January”: when the year begins after the
 * year of ladder.owed_after (training.end) and the status held on
 * January 1 ends during it because of that fact, the year is billed in the
 * category that follows (when there is one). Moves @ev and @decided_on to
 * that day. */
static void
decide_owed_year (AcrRules   *self,
                  AcrPerson  *person,
                  int         year,
                  Evaluation *ev,
                  GDate      *decided_on)
{
  g_auto(Evaluation) then = { NULL, };
  GDate end, change_day;

  if (self->owed_after == NULL || ev->category == NULL)
    return;

  g_date_clear (&end, 1);
  g_date_clear (&change_day, 1);
  if (!acr_person_get_date (person, self->owed_after, &end) || (int) g_date_get_year (&end) >= year ||
      !ends_by_fact_in_year (ev->criterion, person, self->owed_after, year, &change_day))
    return;

  _acr_rules_evaluate (self, person, &change_day, year, &then);
  if (then.category == NULL || then.category == ev->category)
    return;

  _acr_evaluation_clear (ev);
  *ev = then;
  memset (&then, 0, sizeof then);
  *decided_on = change_day;
}

/**
 * acr_rules_quote:
 * @year: the membership year (January 1 to December 31)
 * @billed_on: the day the bill is made
 *
 * The dues for the whole membership year @year, as billed on @billed_on.
 * The person's category for the year is their category on January 1 of it:
 * a member in training on that day owes nothing for the year (the first dues
 * after training are owed for the following year).
 */
AcrDuesQuote *
acr_rules_quote (AcrRules     *self,
                 AcrPerson    *person,
                 int           year,
                 const GDate  *billed_on,
                 GError      **error)
{
  g_autoptr(AcrDuesQuote) quote = NULL;
  g_auto(Evaluation) ev = { NULL, };
  g_autoptr(AcrPerson) resolved = NULL;
  g_autoptr(AcrPerson) dated = NULL;
  AcrEvalContext context;
  AcrEvalContext january_1_context;
  AcrCategory *category;
  DuesYear *schedule;
  NationalDues *national;
  GDate january_1;
  GDate decided_on;
  gint64 national_cents = 0;
  gboolean national_placeholder = FALSE;

  g_return_val_if_fail (ACR_IS_RULES (self), NULL);
  g_return_val_if_fail (ACR_IS_PERSON (person), NULL);
  g_return_val_if_fail (billed_on != NULL && g_date_valid (billed_on), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schedule = _acr_rules_find_year (self, year);
  if (schedule == NULL)
    {
      DuesYear *first = self->years->pdata[0];
      DuesYear *last = self->years->pdata[self->years->len - 1];

      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE,
                   _("%s: no dues schedule for %d (the rules cover %d–%d)"),
                   self->source_name, year, first->year, last->year);
      return NULL;
    }

  if (!acr_rules_validate_person (self, person, NULL, error))
    return NULL;

  /* Older files' facts read as today's, once for every day evaluated. */
  resolved = acr_person_dup_resolved (person);
  person = resolved;

  g_date_clear (&january_1, 1);
  g_date_set_dmy (&january_1, 1, G_DATE_JANUARY, (GDateYear) year);
  _acr_rules_evaluate (self, person, &january_1, year, &ev);
  decided_on = january_1;
  decide_owed_year (self, person, year, &ev, &decided_on);
  category = ev.category;

  quote = _acr_dues_quote_new (year, category != NULL ? category->id : NULL, self->currency);

  if (category == NULL)
    {
      g_autofree char *reason = NULL;

      if (ev.missing->len > 0)
        {
          g_autofree char *facts = NULL;

          g_ptr_array_add (ev.missing, NULL);
          facts = g_strjoinv (", ", (char **) ev.missing->pdata);
          g_ptr_array_remove_index (ev.missing, ev.missing->len - 1);
          reason = g_strdup_printf (_("Not billable: on January 1, %d the person is eligible for no membership "
                                      "category on the facts known (still needed: %s)"), year, facts);
        }
      else
        {
          reason = g_strdup_printf (_("Not billable: on January 1, %d the person is eligible "
                                      "for no membership category"), year);
        }

      add_line (quote, "not-billable", reason, 0, FALSE);
      _acr_dues_quote_set_reason (quote, reason);
      return g_steal_pointer (&quote);
    }

  if (category->dues_kind == ACR_DUES_FREE)
    {
      g_autoptr(GString) reason = g_string_new (NULL);
      GDate change_day;
      AcrCategory *change_category = NULL;
      const char *change_reason = NULL;

      g_string_append_printf (reason, _("Not billable: %s on January 1, %d, a category that pays no dues (“%s”)"),
                              category->name, year, category->dues_source);

      /* The year of a transition stays free: say when the dues begin. */
      if (_acr_rules_find_next_change (self, person, &january_1, &ev, &change_day, &change_category, &change_reason) &&
          g_date_get_year (&change_day) == year && change_category != NULL &&
          change_category->dues_kind != ACR_DUES_FREE)
        {
          g_autofree char *day = acr_date_format_iso (&change_day);

          g_string_append_printf (reason, _("; becomes %s on %s, and the first dues are owed for %d"),
                                  change_category->name, day, year + 1);
        }

      add_line (quote, "not-billable", reason->str, 0, FALSE);
      _acr_dues_quote_set_reason (quote, reason->str);
      return g_steal_pointer (&quote);
    }

  context.person = person;
  context.on = *billed_on;
  context.year = year;
  if (!check_discounts_decidable (self, category, &context, error))
    return NULL;

  national = find_national (schedule, category);
  g_assert (national != NULL);  /* the loader checked every paying category has dues every year */
  dated = acr_person_dup_as_of (person, &decided_on);
  january_1_context.person = dated;
  january_1_context.on = decided_on;
  january_1_context.year = year;
  quote_national (self, person, &january_1_context, category, national, year, quote, &national_cents,
                  &national_placeholder);

  context.person = person;
  context.on = *billed_on;
  context.year = year;

  /* Discounts apply to national dues only. Rounding: the discount is
   * national × percent / 100 in whole cents, rounded down, so an odd amount
   * leaves the extra cent with the member (7701 at 50% → −3850). A
   * discount of a placeholder amount is itself a placeholder. */
  for (guint i = 0; i < self->discounts->len && national_cents > 0; i++)
    {
      Discount *discount = self->discounts->pdata[i];

      if (_acr_conditions_evaluate (discount->when, &context, NULL) == ACR_TRUTH_TRUE)
        add_line (quote, discount->code, discount->description,
                  -(national_cents * discount->percent / 100), national_placeholder);
    }

  if (category->chapter_dues)
    quote_chapters (self, person, year, billed_on, quote);

  for (guint i = 0; i < self->refunds->len; i++)
    {
      Refund *refund = self->refunds->pdata[i];
      gint64 total = acr_dues_quote_get_total_cents (quote);

      if (total > 0 && _acr_conditions_evaluate (refund->when, &context, NULL) == ACR_TRUTH_TRUE)
        {
          add_line (quote, refund->code, refund->description, -total, acr_dues_quote_get_placeholder (quote));
          _acr_dues_quote_set_reason (quote, refund->description);
        }
    }

  return g_steal_pointer (&quote);
}
