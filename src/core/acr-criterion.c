#define G_LOG_DOMAIN "acr-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-criterion-private.h"
#include "acr-rules.h"

static const struct
{
  const char     *key;
  AcrConditionOp  op;
} operators[] = {
  { "in",           ACR_OP_IN },
  { "not_in",       ACR_OP_NOT_IN },
  { "any",          ACR_OP_ANY },
  { "none",         ACR_OP_NONE },
  { "is",           ACR_OP_IS },
  { "at_least",     ACR_OP_AT_LEAST },
  { "at_most",      ACR_OP_AT_MOST },
  { "before",       ACR_OP_BEFORE },
  { "on_or_before", ACR_OP_ON_OR_BEFORE },
  { "after",        ACR_OP_AFTER },
  { "on_or_after",  ACR_OP_ON_OR_AFTER },
};

static const char * const condition_keys[] = {
  "fact", "in", "not_in", "any", "none", "is", "at_least", "at_most",
  "before", "on_or_before", "after", "on_or_after",
  "plus", "if_unknown", "ask", "required", "note", NULL
};

static const char * const criterion_keys[] = {
  "id", "explanation", "source", "all", NULL
};

static const char * const offset_keys[] = {
  "years", "months", "days", NULL
};

static const char *
fact_type_name (AcrFactType type)
{
  switch (type)
    {
    case ACR_FACT_STRING:    return _("text");
    case ACR_FACT_CODE:      return _("code");
    case ACR_FACT_CODE_LIST: return _("code list");
    case ACR_FACT_BOOLEAN:   return _("boolean");
    case ACR_FACT_DATE:      return _("date");
    case ACR_FACT_INT:       return _("number");
    case ACR_FACT_COUNTRY:   return _("country");
    default:                 g_assert_not_reached ();
    }
}

static gboolean
op_applies_to (AcrConditionOp op,
               AcrFactType    type)
{
  switch (op)
    {
    case ACR_OP_IN:
    case ACR_OP_NOT_IN:
      return type == ACR_FACT_CODE || type == ACR_FACT_COUNTRY || type == ACR_FACT_STRING;
    case ACR_OP_ANY:
    case ACR_OP_NONE:
      return type == ACR_FACT_CODE_LIST;
    case ACR_OP_IS:
      return type == ACR_FACT_BOOLEAN;
    case ACR_OP_AT_LEAST:
    case ACR_OP_AT_MOST:
      return type == ACR_FACT_INT;
    case ACR_OP_BEFORE:
    case ACR_OP_ON_OR_BEFORE:
    case ACR_OP_AFTER:
    case ACR_OP_ON_OR_AFTER:
      return type == ACR_FACT_DATE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_date_op (AcrConditionOp op)
{
  return op == ACR_OP_BEFORE || op == ACR_OP_ON_OR_BEFORE ||
         op == ACR_OP_AFTER || op == ACR_OP_ON_OR_AFTER;
}

static gboolean
check_codes (const AcrJsonReader  *reader,
             const AcrFactInfo    *info,
             GStrv                 codes,
             const char           *path,
             GError              **error)
{
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *where = _acr_json_path_index (path, i);
      const char *code = codes[i];

      if (info->type == ACR_FACT_COUNTRY)
        {
          if (strlen (code) != 2 || !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]))
            return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where,
                                   _("“%s” is not an ISO 3166 country code (two capital letters)"), code);
        }
      else if (info->codes != NULL && !g_strv_contains (info->codes, code))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) info->codes);

          return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, where,
                                 _("unknown code “%s” for %s (known: %s)"), code, info->name, known);
        }
    }

  return TRUE;
}

static gboolean
parse_date_ref (const AcrJsonReader  *reader,
                JsonNode             *node,
                const char           *path,
                AcrCondition         *condition,
                GError              **error)
{
  const char *text = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = json_node_get_string (node);

  if (g_strcmp0 (text, "decision_date") == 0)
    {
      condition->ref = ACR_DATE_REF_DECISION;
      return TRUE;
    }

  /* "year:MM-DD": a fixed day of the membership year; February 29 has no
   * place in a rule that must hold every year. */
  if (text != NULL && g_str_has_prefix (text, "year:") && strlen (text) == 10 &&
      g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[6]) && text[7] == '-' &&
      g_ascii_isdigit (text[8]) && g_ascii_isdigit (text[9]))
    {
      int month = (text[5] - '0') * 10 + (text[6] - '0');
      int day = (text[8] - '0') * 10 + (text[9] - '0');

      if (month >= 1 && month <= 12 && day >= 1 &&
          day <= g_date_get_days_in_month ((GDateMonth) month, 2001))
        {
          condition->ref = ACR_DATE_REF_YEAR_DAY;
          condition->ref_month = (GDateMonth) month;
          condition->ref_day = (GDateDay) day;
          return TRUE;
        }
    }

  {
    g_autofree char *got = _acr_json_describe (node);

    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                           _("expected “decision_date” or “year:MM-DD”, got %s"), got);
  }
}

void
_acr_date_add_offset (GDate               *date,
                      const AcrDateOffset *offset)
{
  /* Years, then months, then days. GDate clamps to the end of a shorter
   * month: August 31 + 6 months is February 28 (29 in a leap year).
   * A bundle may move dates backwards; a result before January 1 of year 1
   * (which GDate cannot hold) becomes that day rather than an error. */
  guint total_months;

  if (offset->years > 0)
    g_date_add_years (date, offset->years);
  else if (offset->years < 0)
    {
      if (g_date_get_year (date) > (guint) -offset->years)
        g_date_subtract_years (date, -offset->years);
      else
        g_date_set_dmy (date, 1, G_DATE_JANUARY, 1);
    }

  total_months = g_date_get_year (date) * 12 + g_date_get_month (date) - 1;
  if (offset->months > 0)
    g_date_add_months (date, offset->months);
  else if (offset->months < 0)
    {
      if (total_months - 12 >= (guint) -offset->months)
        g_date_subtract_months (date, -offset->months);
      else
        g_date_set_dmy (date, 1, G_DATE_JANUARY, 1);
    }

  if (offset->days > 0)
    g_date_add_days (date, offset->days);
  else if (offset->days < 0)
    {
      if (g_date_get_julian (date) > (guint) -offset->days)
        g_date_subtract_days (date, -offset->days);
      else
        g_date_set_dmy (date, 1, G_DATE_JANUARY, 1);
    }
}

gboolean
_acr_date_offset_parse (const AcrJsonReader  *reader,
                        JsonNode             *node,
                        const char           *path,
                        AcrDateOffset        *offset,
                        GError              **error)
{
  JsonObject *object;
  gint64 years = 0, months = 0, days = 0;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, offset_keys, error) ||
      !_acr_json_read_int (reader, object, path, "years", FALSE, -200, 200, &years, error) ||
      !_acr_json_read_int (reader, object, path, "months", FALSE, -2400, 2400, &months, error) ||
      !_acr_json_read_int (reader, object, path, "days", FALSE, -36500, 36500, &days, error))
    return FALSE;

  if (json_object_get_size (object) == 0)
    return _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                           _("expected at least one of years, months, days"));

  offset->years = (int) years;
  offset->months = (int) months;
  offset->days = (int) days;
  return TRUE;
}

void
_acr_condition_free (AcrCondition *condition)
{
  if (condition == NULL)
    return;

  g_free (condition->fact);
  g_strfreev (condition->codes);
  g_free (condition->note);
  g_free (condition);
}

AcrCondition *
_acr_condition_parse (const AcrJsonReader  *reader,
                      JsonNode             *node,
                      const char           *path,
                      GError              **error)
{
  g_autoptr(AcrCondition) condition = g_new0 (AcrCondition, 1);
  g_autofree char *fact_path = _acr_json_path_member (path, "fact");
  const char *op_key = NULL;
  g_autofree char *op_path = NULL;
  JsonObject *object;
  JsonNode *value;
  JsonNode *plus;
  gboolean if_unknown = FALSE;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, condition_keys, error) ||
      !_acr_json_read_string (reader, object, path, "fact", TRUE, &condition->fact, error))
    return NULL;

  condition->info = acr_person_lookup_fact (condition->fact);
  if (condition->info == NULL)
    {
      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, fact_path,
                      _("unknown fact “%s”"), condition->fact);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    {
      if (!json_object_has_member (object, operators[i].key))
        continue;

      if (op_key != NULL)
        {
          _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                          _("has two operators, “%s” and “%s”; a condition has exactly one"),
                          op_key, operators[i].key);
          return NULL;
        }

      op_key = operators[i].key;
      condition->op = operators[i].op;
    }

  if (op_key == NULL)
    {
      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, path,
                      _("has no operator (one of in, not_in, any, none, is, at_least, at_most, "
                        "before, on_or_before, after, on_or_after)"));
      return NULL;
    }

  op_path = _acr_json_path_member (path, op_key);
  if (!op_applies_to (condition->op, condition->info->type))
    {
      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, op_path,
                      _("does not apply to %s, a %s fact"),
                      condition->fact, fact_type_name (condition->info->type));
      return NULL;
    }

  value = json_object_get_member (object, op_key);
  switch (condition->op)
    {
    case ACR_OP_IN:
    case ACR_OP_NOT_IN:
    case ACR_OP_ANY:
    case ACR_OP_NONE:
      if (!_acr_json_read_strv (reader, value, op_path, &condition->codes, error) ||
          !check_codes (reader, condition->info, condition->codes, op_path, error))
        return NULL;
      break;

    case ACR_OP_IS:
      if (!_acr_json_read_boolean (reader, object, path, op_key, TRUE, &condition->boolean, error))
        return NULL;
      break;

    case ACR_OP_AT_LEAST:
    case ACR_OP_AT_MOST:
      if (!_acr_json_read_int (reader, object, path, op_key, TRUE, 0, G_MAXINT32, &condition->number, error))
        return NULL;
      break;

    case ACR_OP_BEFORE:
    case ACR_OP_ON_OR_BEFORE:
    case ACR_OP_AFTER:
    case ACR_OP_ON_OR_AFTER:
      if (!parse_date_ref (reader, value, op_path, condition, error))
        return NULL;
      break;

    default:
      g_assert_not_reached ();
    }

  plus = json_object_get_member (object, "plus");
  if (plus != NULL)
    {
      g_autofree char *plus_path = _acr_json_path_member (path, "plus");

      if (!is_date_op (condition->op))
        {
          _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, plus_path,
                          _("only a date condition can have an offset"));
          return NULL;
        }

      if (!_acr_date_offset_parse (reader, plus, plus_path, &condition->plus, error))
        return NULL;
    }

  condition->if_unknown = -1;
  if (json_object_has_member (object, "if_unknown"))
    {
      if (!_acr_json_read_boolean (reader, object, path, "if_unknown", TRUE, &if_unknown, error))
        return NULL;
      condition->if_unknown = if_unknown ? 1 : 0;
    }

  if (!_acr_json_read_boolean (reader, object, path, "ask", FALSE, &condition->ask, error))
    return NULL;

  if (condition->ask && condition->if_unknown < 0)
    {
      g_autofree char *ask_path = _acr_json_path_member (path, "ask");

      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, ask_path,
                      _("“ask” needs “if_unknown”: an unknown fact is already listed as missing"));
      return NULL;
    }

  if (!_acr_json_read_boolean (reader, object, path, "required", FALSE, &condition->required, error))
    return NULL;

  if (condition->required && condition->if_unknown >= 0)
    {
      g_autofree char *required_path = _acr_json_path_member (path, "required");

      _acr_json_fail (reader, error, ACR_RULES_ERROR_SCHEMA, required_path,
                      _("“required” and “if_unknown” exclude each other: a required fact is never assumed"));
      return NULL;
    }

  if (!_acr_json_read_string (reader, object, path, "note", FALSE, &condition->note, error))
    return NULL;

  return g_steal_pointer (&condition);
}

static void
reference_date (const AcrCondition   *condition,
                const AcrEvalContext *context,
                GDate                *date)
{
  if (condition->ref == ACR_DATE_REF_DECISION)
    *date = context->on;
  else
    g_date_set_dmy (date, condition->ref_day, condition->ref_month, (GDateYear) context->year);
}

AcrTruth
_acr_condition_evaluate (const AcrCondition   *condition,
                         const AcrEvalContext *context,
                         AcrFactNotes         *notes)
{
  AcrPerson *person = context->person;
  gboolean result = FALSE;

  if (!acr_person_has_fact (person, condition->fact))
    {
      if (condition->if_unknown < 0)
        {
          if (notes != NULL)
            _acr_fact_list_add (notes->unknown, condition->fact);
          return ACR_TRUTH_UNKNOWN;
        }

      if (condition->ask && notes != NULL)
        _acr_fact_list_add (notes->ask, condition->fact);

      result = condition->if_unknown == 1;
    }
  else
    {
      switch (condition->op)
        {
        case ACR_OP_IN:
        case ACR_OP_NOT_IN:
          result = g_strv_contains ((const char * const *) condition->codes,
                                    acr_person_get_string (person, condition->fact));
          if (condition->op == ACR_OP_NOT_IN)
            result = !result;
          break;

        case ACR_OP_ANY:
        case ACR_OP_NONE:
          for (guint i = 0; condition->codes[i] != NULL && !result; i++)
            result = acr_person_has_code (person, condition->fact, condition->codes[i]);
          if (condition->op == ACR_OP_NONE)
            result = !result;
          break;

        case ACR_OP_IS:
          result = acr_person_get_boolean (person, condition->fact, FALSE) == condition->boolean;
          break;

        case ACR_OP_AT_LEAST:
          result = acr_person_get_int (person, condition->fact, 0) >= condition->number;
          break;

        case ACR_OP_AT_MOST:
          result = acr_person_get_int (person, condition->fact, 0) <= condition->number;
          break;

        case ACR_OP_BEFORE:
        case ACR_OP_ON_OR_BEFORE:
        case ACR_OP_AFTER:
        case ACR_OP_ON_OR_AFTER:
          {
            GDate date, reference;
            int cmp;

            g_date_clear (&date, 1);
            g_date_clear (&reference, 1);
            if (!acr_person_get_date (person, condition->fact, &date))
              g_assert_not_reached ();
            _acr_date_add_offset (&date, &condition->plus);
            reference_date (condition, context, &reference);
            cmp = g_date_compare (&date, &reference);

            result = (condition->op == ACR_OP_BEFORE && cmp < 0) ||
                     (condition->op == ACR_OP_ON_OR_BEFORE && cmp <= 0) ||
                     (condition->op == ACR_OP_AFTER && cmp > 0) ||
                     (condition->op == ACR_OP_ON_OR_AFTER && cmp >= 0);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (!result && notes != NULL)
    notes->n_false++;

  return result ? ACR_TRUTH_TRUE : ACR_TRUTH_FALSE;
}

/* For a condition on a known date compared with the decision date, the first
 * decision date on which its value differs from the day before. */
gboolean
_acr_condition_get_change_day (const AcrCondition *condition,
                               AcrPerson          *person,
                               GDate              *day)
{
  if (!is_date_op (condition->op) || condition->ref != ACR_DATE_REF_DECISION)
    return FALSE;

  g_date_clear (day, 1);
  if (!acr_person_get_date (person, condition->fact, day))
    return FALSE;

  _acr_date_add_offset (day, &condition->plus);

  /* "date > d" and "date <= d" turn over on d = date; "date < d" and
   * "date >= d" on the day after. */
  if (condition->op == ACR_OP_BEFORE || condition->op == ACR_OP_ON_OR_AFTER)
    g_date_add_days (day, 1);

  return TRUE;
}

GPtrArray *
_acr_conditions_parse (const AcrJsonReader  *reader,
                       JsonNode             *node,
                       const char           *path,
                       GError              **error)
{
  g_autoptr(GPtrArray) conditions = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_condition_free);
  JsonArray *array;
  guint n;

  if (!(array = _acr_json_expect_array (reader, node, path, FALSE, error)))
    return NULL;

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *where = _acr_json_path_index (path, i);
      AcrCondition *condition = _acr_condition_parse (reader, json_array_get_element (array, i), where, error);

      if (condition == NULL)
        return NULL;

      g_ptr_array_add (conditions, condition);
    }

  return g_steal_pointer (&conditions);
}

/* All conditions must hold: false if one is false, else unknown if one is
 * unknown. Every condition is evaluated so that @notes lists all unknowns. */
AcrTruth
_acr_conditions_evaluate (GPtrArray            *conditions,
                          const AcrEvalContext *context,
                          AcrFactNotes         *notes)
{
  AcrTruth truth = ACR_TRUTH_TRUE;

  for (guint i = 0; i < conditions->len; i++)
    {
      AcrTruth t = _acr_condition_evaluate (conditions->pdata[i], context, notes);

      if (t == ACR_TRUTH_FALSE)
        truth = ACR_TRUTH_FALSE;
      else if (t == ACR_TRUTH_UNKNOWN && truth == ACR_TRUTH_TRUE)
        truth = ACR_TRUTH_UNKNOWN;
    }

  return truth;
}

void
_acr_criterion_free (AcrCriterion *criterion)
{
  if (criterion == NULL)
    return;

  g_free (criterion->id);
  g_free (criterion->explanation);
  g_free (criterion->source);
  g_clear_pointer (&criterion->conditions, g_ptr_array_unref);
  g_free (criterion);
}

AcrCriterion *
_acr_criterion_parse (const AcrJsonReader  *reader,
                      JsonNode             *node,
                      const char           *path,
                      GError              **error)
{
  g_autoptr(AcrCriterion) criterion = g_new0 (AcrCriterion, 1);
  g_autofree char *all_path = _acr_json_path_member (path, "all");
  JsonObject *object;
  JsonNode *all;

  if (!(object = _acr_json_expect_object (reader, node, path, error)) ||
      !_acr_json_check_keys (reader, object, path, criterion_keys, error) ||
      !_acr_json_read_string (reader, object, path, "id", TRUE, &criterion->id, error) ||
      !_acr_json_read_string (reader, object, path, "explanation", TRUE, &criterion->explanation, error) ||
      !_acr_json_read_string (reader, object, path, "source", TRUE, &criterion->source, error) ||
      !(all = _acr_json_require (reader, object, path, "all", error)) ||
      !(criterion->conditions = _acr_conditions_parse (reader, all, all_path, error)))
    return NULL;

  return g_steal_pointer (&criterion);
}

void
_acr_fact_notes_init (AcrFactNotes *notes)
{
  notes->unknown = g_ptr_array_new ();
  notes->ask = g_ptr_array_new ();
  notes->n_false = 0;
}

void
_acr_fact_notes_clear (AcrFactNotes *notes)
{
  g_clear_pointer (&notes->unknown, g_ptr_array_unref);
  g_clear_pointer (&notes->ask, g_ptr_array_unref);
}

/* Adds @fact to @list once, keeping the order facts were met in. */
void
_acr_fact_list_add (GPtrArray  *list,
                    const char *fact)
{
  for (guint i = 0; i < list->len; i++)
    {
      if (g_str_equal (list->pdata[i], fact))
        return;
    }

  g_ptr_array_add (list, (gpointer) fact);
}
