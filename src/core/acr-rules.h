#pragma once

#include <gio/gio.h>

#include "acr-category.h"
#include "acr-chapter.h"
#include "acr-decision.h"
#include "acr-dues-quote.h"
#include "acr-person.h"

G_BEGIN_DECLS

/*
 * AcrRules: the membership rules bundle (categories, criteria, rights, dues
 * schedule, chapters) and the engine that applies it to an AcrPerson. The
 * rules are data; this type only knows how to read and evaluate them.
 */

#define ACR_RULES_ERROR (acr_rules_error_quark ())

typedef enum
{
  ACR_RULES_ERROR_PARSE,           /* not JSON, or not readable */
  ACR_RULES_ERROR_SCHEMA,          /* a bad value or type at a JSON path */
  ACR_RULES_ERROR_INCONSISTENT,    /* a dangling reference, a duplicate, a missing amount… */
  ACR_RULES_ERROR_INVALID_PERSON,  /* the person's chapters or regions do not fit the bundle */
  ACR_RULES_ERROR_NO_SCHEDULE,     /* the bundle has no dues schedule for the year asked */
} AcrRulesError;

#define ACR_RULES_DEFAULT_RESOURCE "/org/acr/Membership/rules/acr-rules.json"

#define ACR_TYPE_RULES (acr_rules_get_type ())

G_DECLARE_FINAL_TYPE (AcrRules, acr_rules, ACR, RULES, GObject)

GQuark        acr_rules_error_quark      (void);

AcrRules     *acr_rules_new_default      (GError     **error);
AcrRules     *acr_rules_new_from_file    (const char  *path,
                                          GError     **error);
AcrRules     *acr_rules_new_from_bytes   (GBytes      *bytes,
                                          const char  *source_name,
                                          GError     **error);

const char   *acr_rules_get_source_name  (AcrRules    *self);
const char   *acr_rules_get_title        (AcrRules    *self);
const char   *acr_rules_get_currency     (AcrRules    *self);
GListModel   *acr_rules_get_categories   (AcrRules    *self);
AcrCategory  *acr_rules_lookup_category  (AcrRules    *self,
                                          const char  *id);
GListModel   *acr_rules_get_chapters     (AcrRules    *self);
AcrChapter   *acr_rules_lookup_chapter   (AcrRules    *self,
                                          const char  *code);
AcrChapter   *acr_rules_lookup_chapter_in (AcrRules   *self,
                                          const char  *country,
                                          const char  *code);
gboolean      acr_rules_country_has_chapters (AcrRules *self,
                                          const char  *country);
guint         acr_rules_get_max_chapters (AcrRules    *self);
gboolean      acr_rules_has_year         (AcrRules    *self,
                                          int          year);
int          *acr_rules_list_years       (AcrRules    *self,
                                          guint       *n_years);

int           acr_rules_get_first_invoice_year   (AcrRules    *self,
                                                  const GDate *approved_on);
const char   *acr_rules_get_first_invoice_cutoff (AcrRules    *self,
                                                  int         *month,
                                                  int         *day);
gboolean      acr_rules_year_has_placeholders    (AcrRules    *self,
                                                  int          year);

gboolean      acr_rules_validate_person  (AcrRules    *self,
                                          AcrPerson   *person,
                                          const char  *source_name,
                                          GError     **error);
AcrDecision  *acr_rules_classify         (AcrRules    *self,
                                          AcrPerson   *person,
                                          const GDate *on,
                                          GError     **error);
AcrDuesQuote *acr_rules_quote            (AcrRules    *self,
                                          AcrPerson   *person,
                                          int          year,
                                          const GDate *billed_on,
                                          GError     **error);

G_END_DECLS
