#pragma once

#include "acr-category-private.h"
#include "acr-chapter-private.h"
#include "acr-criterion-private.h"
#include "acr-json-reader-private.h"
#include "acr-rules.h"

G_BEGIN_DECLS

/*
 * What the parts of AcrRules share. The type is split by concern:
 *
 *   acr-rules.c            the type, its public API, a person checked against the bundle
 *   acr-rules-load.c       reading and checking the bundle: categories, precedence,
 *                          chapters, chapter choice, reviews
 *   acr-rules-load-dues.c  … and what is paid: the dues schedule, discounts, refunds,
 *                          the chapter waiver, the first-years ladder
 *   acr-rules-classify.c   the decision on a day: acr_rules_classify()
 *   acr-rules-quote.c      the dues of a year: acr_rules_quote()
 *
 * Only these files include this header.
 */

/* Plain structures of the bundle */

typedef struct
{
  gint64    cents;
  gboolean  placeholder;
} Amount;

typedef struct
{
  AcrCategory *category;  /* borrowed from the rules */
  Amount       amount;    /* flat dues, or full dues after the ladder */
  GArray      *ladder;    /* of Amount: years one, two, … of the ladder; NULL for flat dues */
} NationalDues;

typedef struct
{
  int        year;
  GPtrArray *national;  /* of NationalDues */
} DuesYear;

typedef struct
{
  char      *code;
  char      *description;
  int        percent;
  GPtrArray *when;  /* of AcrCondition */
  char      *source;
} Discount;

typedef struct
{
  char      *code;
  char      *description;
  GPtrArray *when;
  char      *source;
} Refund;

typedef struct
{
  char          *fact;
  AcrDateOffset  plus;
  gboolean       first_full;  /* the first membership year that starts on or after the date */
} LadderStart;

typedef struct
{
  char      *id;
  char      *text;
  char      *source;
  GPtrArray *when;
  AcrCategory *held_category;  /* borrowed; NULL: the review needs no past category */
  char      *held_on;        /* a date fact: the person held held_category on that day */
  GPtrArray *unless_category;  /* of AcrCategory (borrowed): no review when the decision is one of them */
} Review;

void _acr_national_dues_free (NationalDues *dues);
void _acr_dues_year_free     (DuesYear     *year);
void _acr_discount_free      (Discount     *discount);
void _acr_refund_free        (Refund       *refund);
void _acr_ladder_start_free  (LadderStart  *start);
void _acr_review_free        (Review       *review);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NationalDues, _acr_national_dues_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DuesYear, _acr_dues_year_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Discount, _acr_discount_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refund, _acr_refund_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LadderStart, _acr_ladder_start_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Review, _acr_review_free)

struct _AcrRules
{
  GObject      parent_instance;

  char        *source_name;
  char        *title;
  char        *currency;
  GListStore  *categories;     /* of AcrCategory, bundle order */
  GPtrArray   *category_array; /* the same, for evaluation without a reference per item */
  GPtrArray   *precedence;     /* of AcrCategory (borrowed): which eligible category is the decision */
  GListStore  *chapters;       /* of AcrChapter */
  GHashTable  *chapter_index;  /* code → AcrChapter (borrowed from chapters) */
  GHashTable  *chapter_countries;  /* countries that have chapters */
  guint        max_chapters;   /* 0: no limit */
  GStrv        chapter_where;  /* facts a chosen chapter must match; NULL: any chapter */
  char        *chapter_default;  /* fact naming the chapter billed when none is chosen */
  char        *chapter_source;
  GPtrArray   *reviews;        /* of Review */
  GPtrArray   *ladder_start;   /* of LadderStart */
  char        *ladder_source;
  GPtrArray   *ladder_when;    /* of AcrCondition; NULL: every ladder category climbs it */
  char        *ladder_when_source;
  char        *owed_after;     /* date fact: a year after its year is billed in the category that follows it */
  char        *owed_after_source;
  GPtrArray   *discounts;      /* of Discount */
  GPtrArray   *waiver_when;    /* of AcrCondition; NULL: nobody may waive chapters */
  char        *waiver_source;
  char        *waiver_waived;   /* line description when the waiver is granted */
  char        *waiver_refused;  /* … and when it is asked for but not allowed */
  GPtrArray   *refunds;        /* of Refund */
  GPtrArray   *years;          /* of DuesYear, ascending */
  int          first_invoice_month;  /* cut-off day for a new member's first invoice; 0: none */
  int          first_invoice_day;
  char        *first_invoice_source;
};

/* What the rules say about a person on one day. */
typedef struct
{
  AcrCategory  *category;        /* the decision, or NULL */
  AcrCriterion *criterion;       /* the criterion that admitted it */
  GPtrArray    *eligible;        /* of AcrCategory, bundle order */
  GPtrArray    *eligible_why;    /* of AcrCriterion, parallel to eligible */
  GPtrArray    *missing;         /* of fact names */
  GPtrArray    *not_eligible;    /* of AcrCategory the person fails */
  GPtrArray    *closest;         /* of AcrCriterion, parallel: the nearest miss */
  gboolean      rights[ACR_N_RIGHTS];
} Evaluation;

/* acr-rules.c */
AcrCategory *_acr_rules_find_category    (AcrRules             *self,
                                          const char           *id);
AcrChapter  *_acr_rules_find_chapter     (AcrRules             *self,
                                          const char           *code);
DuesYear    *_acr_rules_find_year        (AcrRules             *self,
                                          int                   year);

/* acr-rules-load.c */
gboolean     _acr_rules_load_bundle      (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *root,
                                          GError              **error);

/* acr-rules-load-dues.c */
gboolean     _acr_rules_load_dues        (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);
gboolean     _acr_rules_load_discounts   (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);
gboolean     _acr_rules_load_refunds     (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);
gboolean     _acr_rules_load_waiver      (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);
gboolean     _acr_rules_load_ladder      (AcrRules             *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);

/* acr-rules-policy.c */
gboolean     _acr_rules_load_first_invoice (AcrRules           *self,
                                          const AcrJsonReader  *reader,
                                          JsonNode             *node,
                                          GError              **error);

/* acr-rules-classify.c */
void         _acr_evaluation_clear       (Evaluation           *ev);
void         _acr_rules_evaluate         (AcrRules             *self,
                                          AcrPerson            *person,
                                          const GDate          *on,
                                          int                   year,
                                          Evaluation           *ev);
gboolean     _acr_rules_find_next_change (AcrRules             *self,
                                          AcrPerson            *person,
                                          const GDate          *on,
                                          const Evaluation     *now,
                                          GDate                *change_day,
                                          AcrCategory         **change_category,
                                          const char          **change_reason);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Evaluation, _acr_evaluation_clear)

G_END_DECLS
