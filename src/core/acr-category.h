#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A membership category of the rules bundle: its name, its standing rights,
 * the kind of dues it pays and the criteria that admit a person to it. */

#define ACR_TYPE_CATEGORY (acr_category_get_type ())

G_DECLARE_FINAL_TYPE (AcrCategory, acr_category, ACR, CATEGORY, GObject)

const char *acr_category_get_id                    (AcrCategory *self);
const char *acr_category_get_name                  (AcrCategory *self);
const char *acr_category_get_source_name           (AcrCategory *self);
const char *acr_category_get_description           (AcrCategory *self);
gboolean    acr_category_get_committees            (AcrCategory *self);
gboolean    acr_category_get_elective_office       (AcrCategory *self);
gboolean    acr_category_get_board_of_chancellors  (AcrCategory *self);
const char *acr_category_get_rights_source         (AcrCategory *self);
const char *acr_category_get_dues_kind             (AcrCategory *self);
gboolean    acr_category_get_chapter_dues          (AcrCategory *self);
const char *acr_category_get_dues_source           (AcrCategory *self);
guint       acr_category_get_n_criteria            (AcrCategory *self);
gboolean    acr_category_get_in_practice           (AcrCategory *self);
const char *acr_category_get_criterion_explanation (AcrCategory *self,
                                                    guint        index);
const char *acr_category_get_criterion_source      (AcrCategory *self,
                                                    guint        index);

G_END_DECLS
