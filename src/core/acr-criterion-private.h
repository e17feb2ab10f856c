#pragma once

#include "acr-json-reader-private.h"
#include "acr-person.h"

G_BEGIN_DECLS

/*
 * The declarative pieces of the rules bundle and their generic evaluation.
 * A condition tests one fact of the person; a criterion is a list of
 * conditions that must all hold, with an explanation and the seed sentence it
 * comes from. Evaluation is three-valued: a fact that is unknown makes a
 * condition unknown unless the bundle says what to assume ("if_unknown").
 */

typedef enum
{
  ACR_TRUTH_FALSE,
  ACR_TRUTH_TRUE,
  ACR_TRUTH_UNKNOWN,
} AcrTruth;

typedef enum
{
  ACR_OP_IN,            /* code/country/string fact is one of codes */
  ACR_OP_NOT_IN,
  ACR_OP_ANY,           /* code list fact holds at least one of codes */
  ACR_OP_NONE,          /* code list fact holds none of codes */
  ACR_OP_IS,            /* boolean fact equals boolean */
  ACR_OP_AT_LEAST,      /* int fact >= number */
  ACR_OP_AT_MOST,
  ACR_OP_BEFORE,        /* date fact (+ plus) <  reference */
  ACR_OP_ON_OR_BEFORE,  /*                    <= */
  ACR_OP_AFTER,         /*                    >  */
  ACR_OP_ON_OR_AFTER,   /*                    >= */
} AcrConditionOp;

typedef enum
{
  ACR_DATE_REF_DECISION,   /* "decision_date": the day the decision or bill is made */
  ACR_DATE_REF_YEAR_DAY,   /* "year:MM-DD": that day of the membership year */
} AcrDateRefKind;

typedef struct
{
  int years;
  int months;
  int days;
} AcrDateOffset;

typedef struct
{
  char              *fact;
  const AcrFactInfo *info;
  AcrConditionOp     op;
  GStrv              codes;
  gboolean           boolean;
  gint64             number;
  AcrDateOffset      plus;
  AcrDateRefKind     ref;
  GDateMonth         ref_month;
  GDateDay           ref_day;
  int                if_unknown;  /* -1: unknown stays unknown; 0/1: assume FALSE/TRUE */
  gboolean           ask;         /* when assumed, still list the fact as missing */
  gboolean           required;    /* in a discount, the waiver or a refund: unknown refuses the quote */
  char              *note;        /* says what happens when this condition changes */
} AcrCondition;

typedef struct
{
  char      *id;
  char      *explanation;
  char      *source;
  GPtrArray *conditions;  /* of AcrCondition */
} AcrCriterion;

typedef struct
{
  AcrPerson *person;
  GDate      on;    /* the decision date */
  int        year;  /* the membership year for "year:MM-DD" references */
} AcrEvalContext;

/* Facts met during evaluation, by name (strings owned by the conditions). */
typedef struct
{
  GPtrArray *unknown;  /* facts that made a condition unknown */
  GPtrArray *ask;      /* facts assumed but worth asking for */
  guint      n_false;  /* conditions found false */
} AcrFactNotes;

void          _acr_date_add_offset          (GDate               *date,
                                             const AcrDateOffset *offset);
gboolean      _acr_date_offset_parse        (const AcrJsonReader *reader,
                                             JsonNode            *node,
                                             const char          *path,
                                             AcrDateOffset       *offset,
                                             GError             **error);

AcrCondition *_acr_condition_parse          (const AcrJsonReader *reader,
                                             JsonNode            *node,
                                             const char          *path,
                                             GError             **error);
void          _acr_condition_free           (AcrCondition        *condition);
AcrTruth      _acr_condition_evaluate       (const AcrCondition  *condition,
                                             const AcrEvalContext *context,
                                             AcrFactNotes        *notes);
gboolean      _acr_condition_get_change_day (const AcrCondition  *condition,
                                             AcrPerson           *person,
                                             GDate               *day);

GPtrArray    *_acr_conditions_parse         (const AcrJsonReader *reader,
                                             JsonNode            *node,
                                             const char          *path,
                                             GError             **error);
AcrTruth      _acr_conditions_evaluate      (GPtrArray           *conditions,
                                             const AcrEvalContext *context,
                                             AcrFactNotes        *notes);

AcrCriterion *_acr_criterion_parse          (const AcrJsonReader *reader,
                                             JsonNode            *node,
                                             const char          *path,
                                             GError             **error);
void          _acr_criterion_free           (AcrCriterion        *criterion);

void          _acr_fact_notes_init          (AcrFactNotes        *notes);
void          _acr_fact_notes_clear         (AcrFactNotes        *notes);
void          _acr_fact_list_add            (GPtrArray           *list,
                                             const char          *fact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrCondition, _acr_condition_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrCriterion, _acr_criterion_free)

G_END_DECLS
