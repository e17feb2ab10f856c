#pragma once

#include "acr-applicant-form.h"

#include <adwaita.h>

#include "acr-decision-view.h"

G_BEGIN_DECLS

/*
 * Shared by acr-applicant-form.c (the form's life: person, draft, decision,
 * approval) and acr-applicant-form-fields.c (the rows it is built from).
 */

typedef struct
{
  const AcrFactInfo *info;
  GtkWidget         *row;         /* AdwEntryRow, AdwComboRow or AdwExpanderRow */
  GtkWidget         *error_icon;  /* entry rows: shows the error's message */
  GPtrArray         *checks;      /* code lists: GtkCheckButton per code, "none" last */
} FactField;

struct _AcrApplicantForm
{
  GtkWidget           parent_instance;

  AcrRules            *rules;
  AcrStore            *store;
  AcrPerson           *person;
  AcrMember           *contact;           /* contact details that are not person facts */
  GHashTable          *contact_rows;      /* member field name → AdwEntryRow */
  guint                save_draft_id;
  char                *last_invoice_number; /* issued by the last approval */
  char                *last_no_invoice_reason; /* why the last approval issued no invoice */
  gboolean             draft_save_failed;   /* told staff already; again only after a success */
  GHashTable          *fields;            /* fact name → FactField */
  GPtrArray           *chapter_rows;      /* rows currently in chapters_group */
  char                *chapter_offer;     /* what chapter_rows offer, to rebuild only on change */
  gboolean             loading;

  AdwLeaflet          *leaflet;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *profession_group;
  AdwPreferencesGroup *training_group;
  AdwPreferencesGroup *practice_group;
  AdwPreferencesGroup *military_group;
  AdwPreferencesGroup *chapters_group;
  AcrDecisionView     *decision_view;
  AdwComboRow         *first_year_row;    /* the year Approve bills first */
  GtkStringList       *first_year_model;
  int                 *first_years;       /* the row's years */
  guint                n_first_years;
  GtkButton           *approve_button;
  GtkButton           *refuse_button;
};

void       _acr_applicant_form_build_fields        (AcrApplicantForm *self);
void       _acr_applicant_form_fact_field_free     (gpointer          data);
void       _acr_applicant_form_show_field_error    (FactField        *field,
                                                    const GError     *error);
GtkWidget *_acr_applicant_form_create_check_row    (const char       *title,
                                                    GtkWidget        *check);
void       _acr_applicant_form_schedule_draft_save (AcrApplicantForm *self);

G_END_DECLS
