#pragma once

#include "acr-decision.h"

G_BEGIN_DECLS

/* Filled in by the rules engine before anyone sees the decision. */
struct _AcrDecision
{
  GObject      parent_instance;

  GDate        date;
  AcrCategory *category;
  GStrv        eligible;
  GStrv        reasons;
  GStrv        missing;
  GStrv        review;
  gboolean     committees;
  gboolean     elective_office;
  gboolean     board_of_chancellors;
  GStrv        rights_not_stated;  /* names of the rights the seed does not state */
  GDate       *next_change_date;
  char        *next_change_category;
  char        *next_change_reason;
};

AcrDecision *_acr_decision_new (const GDate *date);

G_END_DECLS
