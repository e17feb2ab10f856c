#pragma once

#include "acr-category.h"
#include "acr-criterion-private.h"

G_BEGIN_DECLS

typedef enum
{
  ACR_DUES_FREE,
  ACR_DUES_FLAT,    /* one amount a year */
  ACR_DUES_LADDER,  /* the first-years ladder, then full dues */
} AcrDuesKind;

typedef enum
{
  ACR_RIGHT_COMMITTEES,
  ACR_RIGHT_ELECTIVE_OFFICE,
  ACR_RIGHT_BOARD_OF_CHANCELLORS,
  ACR_N_RIGHTS
} AcrRight;

typedef struct
{
  gboolean   value;       /* when conditions is NULL */
  gboolean   not_stated;  /* the seed does not say: value is FALSE, shown as "not stated" */
  GPtrArray *conditions;  /* of AcrCondition: the right holds while all hold */
  char      *held_before; /* a date fact: … and only if the person held the right the day before it */
} AcrRightRule;

/* The rules engine reads the category's rules directly. */
struct _AcrCategory
{
  GObject       parent_instance;

  char         *id;
  char         *name;
  char         *description;
  GPtrArray    *criteria;  /* of AcrCriterion */
  AcrRightRule  rights[ACR_N_RIGHTS];
  char         *rights_source;
  AcrDuesKind   dues_kind;
  gboolean      chapter_dues;
  char         *dues_source;
  gboolean      in_practice;  /* its members are "ACR members in practice" */
};

extern const char * const _acr_right_names[ACR_N_RIGHTS];

AcrCategory *_acr_category_new (void);

G_END_DECLS
