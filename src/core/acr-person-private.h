#pragma once

#include "acr-person.h"

G_BEGIN_DECLS

/* Shared by acr-person.c and acr-person-json.c (the person file). */

/* The largest whole-number fact (training.school_years). */
#define MAX_SCHOOL_YEARS 20

const char *_acr_person_expected_for (AcrFactType   type);
gboolean    _acr_person_check_text   (const char   *name,
                                      const char   *text,
                                      GError      **error);
/* The value of the @index-th fact of acr_person_list_facts (), or NULL. */
GVariant   *_acr_person_get_fact_at  (AcrPerson    *self,
                                      guint         index);

/* Earlier training periods (acr-person.c), as read from the person file. */
void        _acr_person_take_training_history (AcrPerson *self,
                                               GPtrArray *periods);

G_END_DECLS
