#define G_LOG_DOMAIN "acr-applicant-form"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-applicant-form-private.h"
#include "acr-decision-view.h"
#include "acr-billing.h"
#include "acr-billing-apply.h"
#include "acr-confirm.h"
#include "acr-format.h"
#include "acr-store-apply.h"
#include "acr-window.h"

/*
 * The application form: one row per person fact, grouped the way a paper
 * application reads. Each row writes what staff type into an AcrPerson with
 * acr_person_set_fact_from_string(), which does all the checking; the
 * decision beside the form is recomputed by the rules engine on every
 * AcrPerson::changed. No rule lives here. The rows are built in
 * acr-applicant-form-fields.c; this file keeps the form's life: the draft,
 * the chapters offered, the decision and the approval.
 */

/* The form is kept as this draft in the store while it is being filled. */
#define DRAFT_KEY "application"
#define DRAFT_SAVE_DELAY_MS 300

enum {
  PROP_0,
  PROP_RULES,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrApplicantForm, acr_applicant_form, GTK_TYPE_WIDGET)

static void update_decision (AcrApplicantForm *self);
static void update_chapter_rows (AcrApplicantForm *self);
static void load_person (AcrApplicantForm *self);

static void
chapter_toggled_cb (GtkCheckButton     *check,
                    AcrApplicantForm   *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) codes = NULL;
  g_autoptr (GError) error = NULL;

  if (self->loading)
    return;

  for (guint i = 0; i < self->chapter_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->chapter_rows, i);
      GtkCheckButton *row_check = g_object_get_data (G_OBJECT (row), "acr-check");

      if (row_check != NULL && gtk_check_button_get_active (row_check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (row), "acr-code"));
    }
  codes = g_strv_builder_end (builder);

  if (codes[0] == NULL)
    acr_person_unset_fact (self->person, "chapters");
  else if (!acr_person_set_fact (self->person, "chapters",
                                 g_variant_new_strv ((const char * const *) codes, -1),
                                 &error))
    {
      /* Only reachable with a draft holding other chapters: undo the tick. */
      self->loading = TRUE;
      gtk_check_button_set_active (check, FALSE);
      self->loading = FALSE;
      adw_preferences_group_set_description (self->chapters_group, error->message);
    }
}

/* "Up to two local chapters, …", the number being the rules bundle's. */
static char *
chapters_description (AcrRules *rules)
{
  guint max = rules != NULL ? acr_rules_get_max_chapters (rules) : 0;

  if (max == 0)
    return g_strdup (_("Local chapters, where the applicant lives or practices."));

  return g_strdup_printf (g_dngettext (NULL, "Up to %u local chapter, where the applicant lives or practices.",
                                       "Up to %u local chapters, where the applicant lives or practices.", max),
                          max);
}

/* The chapter of @region in the applicant's country: a region means
 * something only with its country (“MI” in Italy is not Michigan). */
static AcrChapter *
chapter_of_region (AcrApplicantForm *self,
                   const char       *region)
{
  if (self->rules == NULL || region == NULL)
    return NULL;

  return acr_rules_lookup_chapter_in (self->rules, acr_person_get_string (self->person, "country"), region);
}

static void
add_chapter_row (AcrApplicantForm   *self,
                 const char         *code,
                 const char         *where)
{
  AcrChapter *chapter = self->rules != NULL ? acr_rules_lookup_chapter (self->rules, code) : NULL;
  g_autofree char *title = NULL;
  GtkWidget *check, *row;

  for (guint i = 0; i < self->chapter_rows->len; i++)
    {
      GtkWidget *other = g_ptr_array_index (self->chapter_rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (other), "acr-code"), code) == 0)
        return;
    }

  title = g_strdup_printf (_("%s Chapter"), chapter != NULL ? acr_chapter_get_name (chapter) : code);

  check = gtk_check_button_new ();
  row = _acr_applicant_form_create_check_row (title, check);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               acr_person_has_code (self->person, "chapters", code));
  g_signal_connect (check, "toggled", G_CALLBACK (chapter_toggled_cb), self);
  g_object_set_data_full (G_OBJECT (row), "acr-code", g_strdup (code), g_free);
  g_object_set_data (G_OBJECT (row), "acr-check", check);
  gtk_widget_set_name (row, "chapter");

  adw_preferences_group_add (self->chapters_group, row);
  g_ptr_array_add (self->chapter_rows, row);
}

/* The chapters on offer are those of the regions the applicant lives and
 * practises in (so never more than two), plus any the person already holds
 * so they can be unticked; the rules engine judges the result. */
static void
update_chapter_rows (AcrApplicantForm *self)
{
  const char *country = acr_person_get_string (self->person, "country");
  const char *region = acr_person_get_string (self->person, "region");
  const char *practice_region = acr_person_get_string (self->person, "practice_region");
  const char * const *held = acr_person_get_codes (self->person, "chapters");
  g_autoptr (GString) key = g_string_new (NULL);
  g_autofree char *description = NULL;
  gboolean was_loading = self->loading;

  /* Only the states or provinces of the applicant's country have chapters. */
  if (chapter_of_region (self, region) == NULL)
    region = NULL;
  if (chapter_of_region (self, practice_region) == NULL)
    practice_region = NULL;

  /* Rebuild only when the offer changes, not when a box is ticked, so the
   * box keeps the keyboard focus. */
  g_string_append_printf (key, "%s|%s|%s|%p|", country ? country : "", region ? region : "",
                          practice_region ? practice_region : "", (void *) self->rules);
  for (guint i = 0; held[i] != NULL; i++)
    if (g_strcmp0 (held[i], region) != 0 && g_strcmp0 (held[i], practice_region) != 0)
      g_string_append_printf (key, "%s,", held[i]);
  if (g_strcmp0 (key->str, self->chapter_offer) == 0)
    return;
  g_free (self->chapter_offer);
  self->chapter_offer = g_strdup (key->str);

  self->loading = TRUE;

  for (guint i = 0; i < self->chapter_rows->len; i++)
    adw_preferences_group_remove (self->chapters_group, g_ptr_array_index (self->chapter_rows, i));
  g_ptr_array_set_size (self->chapter_rows, 0);

  description = chapters_description (self->rules);
  adw_preferences_group_set_description (self->chapters_group, description);

  if (region != NULL && practice_region != NULL && g_ascii_strcasecmp (region, practice_region) == 0)
    add_chapter_row (self, region, _("Where the applicant lives and practices"));
  else
    {
      if (region != NULL)
        add_chapter_row (self, region, _("Where the applicant lives"));
      if (practice_region != NULL)
        add_chapter_row (self, practice_region, _("Where the applicant practices"));
    }

  for (guint i = 0; held[i] != NULL; i++)
    add_chapter_row (self, held[i], _("Not where the applicant lives or practices"));

  if (self->chapter_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      if (country != NULL && self->rules != NULL && !acr_rules_country_has_chapters (self->rules, country))
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The College has no chapters in this country"));
      else if (country == NULL)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                       _("Enter the country, then the state or province of residence or practice"));
      else
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                       _("Enter the state or province of residence or practice first"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (self->chapters_group, row);
      g_ptr_array_add (self->chapter_rows, row);
    }

  self->loading = was_loading;
}

static void
set_combo_from_person (AcrApplicantForm   *self,
                       FactField          *field)
{
  const AcrFactInfo *info = field->info;
  guint selected = 0;

  if (acr_person_has_fact (self->person, info->name))
    {
      if (info->type == ACR_FACT_BOOLEAN)
        selected = acr_person_get_boolean (self->person, info->name, FALSE) ? 1 : 2;
      else
        {
          const char *code = acr_person_get_string (self->person, info->name);

          for (guint i = 0; info->codes[i] != NULL; i++)
            if (g_strcmp0 (info->codes[i], code) == 0)
              selected = i + 1;
        }
    }

  adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), selected);
}

static void
update_code_list_subtitle (AcrApplicantForm   *self,
                           FactField          *field)
{
  g_autofree char *text = NULL;

  if (!acr_person_has_fact (self->person, field->info->name))
    text = g_strdup (_("Not answered"));
  else
    {
      const char * const *codes = acr_person_get_codes (self->person, field->info->name);

      text = codes[0] == NULL ? g_strdup (_("None")) : g_strjoinv (", ", (char **) codes);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), text);
}

/* Fills every row from the person, e.g. after starting anew or opening a draft. */
static void
load_person (AcrApplicantForm *self)
{
  GHashTableIter iter;
  FactField *field;

  self->loading = TRUE;

  g_hash_table_iter_init (&iter, self->fields);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &field))
    {
      _acr_applicant_form_show_field_error (field, NULL);

      switch (field->info->type)
        {
        case ACR_FACT_CODE:
        case ACR_FACT_BOOLEAN:
          set_combo_from_person (self, field);
          break;

        case ACR_FACT_CODE_LIST:
          {
            gboolean known = acr_person_has_fact (self->person, field->info->name);
            const char * const *codes = acr_person_get_codes (self->person, field->info->name);

            for (guint i = 0; i + 1 < field->checks->len; i++)
              {
                GtkCheckButton *check = g_ptr_array_index (field->checks, i);

                gtk_check_button_set_active (check,
                                             acr_person_has_code (self->person, field->info->name,
                                                                  g_object_get_data (G_OBJECT (check), "acr-code")));
              }
            gtk_check_button_set_active (g_ptr_array_index (field->checks, field->checks->len - 1),
                                         known && codes[0] == NULL);
            update_code_list_subtitle (self, field);
            break;
          }

        default:
          {
            g_autofree char *text = acr_person_format_fact (self->person, field->info->name);

            gtk_editable_set_text (GTK_EDITABLE (field->row), text != NULL ? text : "");
            break;
          }
        }
    }

  g_hash_table_iter_init (&iter, self->contact_rows);
  {
    const char *name;
    GtkWidget *row;

    while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &row))
      {
        const char *value = acr_member_get_field (self->contact, name);

        gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
        gtk_widget_remove_css_class (row, "error");
        gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "acr-error-icon"), FALSE);
      }
  }

  self->loading = FALSE;

  /* Another person: the boxes must show their chapters. */
  g_clear_pointer (&self->chapter_offer, g_free);
  update_chapter_rows (self);
  update_decision (self);
}

/* Approve when the rules decide a category, Refuse when they decide none:
 * acr_store_apply() records either outcome as the rules decide it. A refusal
 * is kept on file, so it needs at least the applicant's family name: an empty
 * form is not an application. */
static void
update_actions (AcrApplicantForm   *self,
                AcrDecision        *decision)
{
  gboolean has_category = decision != NULL && acr_decision_get_category_id (decision) != NULL;
  gboolean can_apply = self->store != NULL && self->rules != NULL && decision != NULL;
  gboolean named = acr_person_has_fact (self->person, "family_name");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "application.approve", can_apply && has_category);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "application.refuse", can_apply && !has_category && named);

  if (self->store == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->approve_button), _("No member database is open"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->refuse_button), _("No member database is open"));
    }
  else
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->approve_button),
                                   has_category ? _("Add the applicant as a member of this category")
                                                : _("The rules decide no category yet"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->refuse_button),
                                   has_category ? _("The rules find the applicant eligible")
                                   : !named ? _("Enter the applicant’s family name first")
                                   : _("Keep the application as refused, with the reasons"));
    }
}

/* Staff chose another first year: the pane quotes that year. */
static void
first_year_changed_cb (AcrApplicantForm *self)
{
  update_decision (self);
}

/* The year chosen in the First invoice row; 0 when it offers none. */
static int
chosen_first_year (AcrApplicantForm *self)
{
  guint selected = adw_combo_row_get_selected (self->first_year_row);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->n_first_years)
    return 0;
  return self->first_years[selected];
}

/*
 * The First invoice row: the rules' years from the current one on, the
 * rules' default chosen (acr_rules_get_first_invoice_year (): next year
 * from the cut-off day on). Staff may choose another before approving.
 */
static void
fill_first_years (AcrApplicantForm *self)
{
  g_autofree int *years = NULL;
  guint n_years = 0;
  guint chosen = GTK_INVALID_LIST_POSITION;
  int wanted = 0;
  GDate today;

  acr_date_today (&today);
  g_clear_pointer (&self->first_years, g_free);
  self->n_first_years = 0;
  if (self->rules != NULL)
    {
      years = acr_rules_list_years (self->rules, &n_years);
      wanted = acr_rules_get_first_invoice_year (self->rules, &today);
    }
  self->first_years = g_new0 (int, n_years + 1);

  g_signal_handlers_block_by_func (self->first_year_row, first_year_changed_cb, self);
  gtk_string_list_splice (self->first_year_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->first_year_model)), NULL);
  for (guint i = 0; i < n_years; i++)
    {
      g_autofree char *text = NULL;

      if (years[i] < (int) g_date_get_year (&today))
        continue;
      if (years[i] == wanted)
        chosen = self->n_first_years;
      self->first_years[self->n_first_years++] = years[i];
      text = g_strdup_printf ("%d", years[i]);
      gtk_string_list_append (self->first_year_model, text);
    }
  if (chosen == GTK_INVALID_LIST_POSITION && self->n_first_years > 0)
    chosen = 0;
  adw_combo_row_set_selected (self->first_year_row, chosen);
  g_signal_handlers_unblock_by_func (self->first_year_row, first_year_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->first_year_row), self->n_first_years > 0);
}

static void
update_decision (AcrApplicantForm *self)
{
  g_autoptr (AcrDecision) decision = NULL;
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  if (self->rules == NULL)
    {
      acr_decision_view_show (self->decision_view, NULL, NULL, NULL, NULL);
      update_actions (self, NULL);
      return;
    }

  acr_date_today (&today);

  decision = acr_rules_classify (self->rules, self->person, &today, &error);
  /* The dues of the first invoice Approve would issue: the year chosen in
   * the First invoice row, by default the rules' (next year late in the year). */
  if (decision != NULL)
    quote = acr_rules_quote (self->rules, self->person,
                             chosen_first_year (self) != 0 ? chosen_first_year (self)
                                                           : acr_rules_get_first_invoice_year (self->rules, &today),
                             &today, &error);

  acr_decision_view_show (self->decision_view, self->rules, decision, quote, error);
  update_actions (self, decision);
}

static gboolean
contact_is_empty (AcrApplicantForm *self)
{
  GHashTableIter iter;
  const char *name;

  g_hash_table_iter_init (&iter, self->contact_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (acr_member_get_field (self->contact, name) != NULL)
      return FALSE;

  return TRUE;
}

/* The draft is {"person": <person file>, "contact": {field: value}}. */
static char *
draft_to_json (AcrApplicantForm *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  GHashTableIter iter;
  const char *name;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "person");
  json_builder_add_value (builder, acr_person_to_json (self->person));
  json_builder_set_member_name (builder, "contact");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, self->contact_rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      const char *value = acr_member_get_field (self->contact, name);

      if (value != NULL)
        {
          json_builder_set_member_name (builder, name);
          json_builder_add_string_value (builder, value);
        }
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Keeps the form as the store's draft, or forgets the draft if nothing is typed. */
static gboolean
save_draft (AcrApplicantForm  *self,
            GError           **error)
{
  g_autofree char *json = NULL;
  g_autofree char *empty = NULL;

  g_clear_handle_id (&self->save_draft_id, g_source_remove);

  if (self->store == NULL)
    return TRUE;

  empty = acr_person_to_json_string (self->person);
  if (g_strcmp0 (empty, "{}") == 0 && contact_is_empty (self))
    {
      /* Nothing typed: no draft to keep. */
      acr_store_delete_draft (self->store, DRAFT_KEY, NULL);
      return TRUE;
    }

  json = draft_to_json (self);
  return acr_store_save_draft (self->store, DRAFT_KEY, json, error);
}

static void
save_draft_now (AcrApplicantForm *self)
{
  g_autoptr (GError) error = NULL;

  if (save_draft (self, &error))
    {
      self->draft_save_failed = FALSE;
      return;
    }

  /* Once per run of failures: the draft is saved after every change. */
  if (!self->draft_save_failed)
    {
      g_autofree char *text = g_strdup_printf (_("The application could not be kept as a draft: %s"),
                                               error->message);

      acr_window_toast_for (GTK_WIDGET (self), text);
    }
  self->draft_save_failed = TRUE;
}

static gboolean
save_draft_timeout_cb (gpointer user_data)
{
  AcrApplicantForm *self = user_data;

  self->save_draft_id = 0;
  save_draft_now (self);

  return G_SOURCE_REMOVE;
}

void
_acr_applicant_form_schedule_draft_save (AcrApplicantForm *self)
{
  if (self->store == NULL || self->save_draft_id != 0)
    return;

  self->save_draft_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_draft_timeout_cb, self);
}

/* Reads the draft the store keeps, if any, into a person and contact. */
static gboolean
load_draft (AcrApplicantForm    *self,
            AcrPerson          **person,
            AcrMember          **contact)
{
  g_autofree char *json = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (AcrPerson) p = NULL;
  g_autoptr (AcrMember) c = acr_member_new ();
  JsonObject *object;

  json = acr_store_load_draft (self->store, DRAFT_KEY, NULL);
  if (json == NULL)
    return FALSE;

  root = json_from_string (json, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);

  if (json_object_has_member (object, "person"))
    p = acr_person_new_from_json (json_object_get_member (object, "person"), "draft", NULL);
  if (p == NULL)
    return FALSE;

  if (json_object_has_member (object, "contact") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "contact")))
    {
      JsonObject *fields = json_object_get_object_member (object, "contact");
      g_autoptr (GList) names = json_object_get_members (fields);

      for (GList *l = names; l != NULL; l = l->next)
        if (g_hash_table_contains (self->contact_rows, l->data))
          acr_member_set_field (c, l->data, json_object_get_string_member_with_default (fields, l->data, NULL), NULL);
    }

  *person = g_steal_pointer (&p);
  *contact = g_steal_pointer (&c);
  return TRUE;
}

static void
person_changed_cb (AcrApplicantForm   *self,
                   AcrPerson          *person)
{
  FactField *field;

  if (self->loading)
    return;

  field = g_hash_table_lookup (self->fields, "certifications");
  if (field != NULL)
    update_code_list_subtitle (self, field);

  update_chapter_rows (self);
  update_decision (self);
  _acr_applicant_form_schedule_draft_save (self);
}

static void
set_person (AcrApplicantForm   *self,
            AcrPerson          *person,
            AcrMember          *contact)
{
  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, person_changed_cb, self);

  g_set_object (&self->person, person);
  g_set_object (&self->contact, contact);
  g_signal_connect_object (self->person, "changed",
                           G_CALLBACK (person_changed_cb), self,
                           G_CONNECT_SWAPPED);

  load_person (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON]);
}

static void
acr_applicant_form_show_decision (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "decision");
}

static void
acr_applicant_form_show_form (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "form");
}

static void
show_error (AcrApplicantForm   *self,
            const char         *heading,
            const GError       *error)
{
  acr_alert (GTK_WIDGET (self), heading, error->message);
}

static void
announce (AcrApplicantForm   *self,
          const char         *text)
{
  acr_window_toast_for (GTK_WIDGET (self), text);
}

static void
acr_applicant_form_approve (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (widget);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (GError) error = NULL;

  if (!acr_applicant_form_submit (self, &member, &error))
    {
      show_error (self, _("The Application Was Not Recorded"), error);
      return;
    }

  if (member != NULL)
    {
      g_autofree char *name = acr_member_dup_display_name (member);
      g_autofree char *number = acr_member_dup_number_text (member);
      g_autofree char *text = NULL;
      GtkRoot *root = gtk_widget_get_root (widget);

      if (self->last_invoice_number != NULL)
        text = g_strdup_printf (_("%s added as member %s, invoice %s issued"), name, number, self->last_invoice_number);
      else if (self->last_no_invoice_reason != NULL)
        /* Translators: the last %s says why no invoice was issued */
        text = g_strdup_printf (_("%s added as member %s; %s"), name, number, self->last_no_invoice_reason);
      else
        text = g_strdup_printf (_("%s added as member %s"), name, number);

      announce (self, text);
      if (ACR_IS_WINDOW (root))
        {
          acr_window_set_view (ACR_WINDOW (root), "members");
          acr_members_page_show_member (acr_window_get_members_page (ACR_WINDOW (root)),
                                        acr_member_get_number (member));
        }
    }
  else
    announce (self, _("The rules refused the application; it was kept with the reasons"));
}

static void
refuse_confirmed_cb (AcrApplicantForm   *self,
                     const char         *response,
                     AdwMessageDialog   *dialog)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (GError) error = NULL;

  if (!acr_applicant_form_submit (self, &member, &error))
    show_error (self, _("The Application Was Not Recorded"), error);
  else if (member == NULL)
    announce (self, _("Application refused and kept with the reasons"));
  else
    announce (self, _("The rules accepted the application after all; the member was added"));
}

static void
acr_applicant_form_refuse (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (widget);

  /* Refusing clears the form: ask first. */
  acr_confirm (widget, _("Refuse the Application?"),
               _("The application is kept as refused, with the reasons the rules give, and the form is cleared."),
               "refuse", _("_Refuse"), ACR_CONFIRM_DESTRUCTIVE,
               G_CALLBACK (refuse_confirmed_cb), self);
}

static void
acr_applicant_form_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (object);

  switch (prop_id)
    {
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_applicant_form_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (object);

  switch (prop_id)
    {
    case PROP_RULES:
      acr_applicant_form_set_rules (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_applicant_form_dispose (GObject *object)
{
  GtkWidget *child;
  AcrApplicantForm *self = ACR_APPLICANT_FORM (object);

  /* What staff typed last is kept even if the window closes at once. The
   * window is going: if that fails, only the log is left to tell. */
  if (self->save_draft_id != 0)
    {
      g_autoptr (GError) error = NULL;

      if (!save_draft (self, &error))
        g_warning ("Could not keep the application as a draft: %s", error->message);
    }

  if (self->person != NULL)
    g_signal_handlers_disconnect_by_func (self->person, person_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_APPLICANT_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->person);
  g_clear_object (&self->contact);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (acr_applicant_form_parent_class)->dispose (object);
}

static void
acr_applicant_form_finalize (GObject *object)
{
  AcrApplicantForm *self = ACR_APPLICANT_FORM (object);

  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->contact_rows, g_hash_table_unref);
  g_clear_pointer (&self->last_invoice_number, g_free);
  g_clear_pointer (&self->last_no_invoice_reason, g_free);
  g_clear_pointer (&self->chapter_rows, g_ptr_array_unref);
  g_clear_pointer (&self->chapter_offer, g_free);
  g_clear_pointer (&self->first_years, g_free);

  G_OBJECT_CLASS (acr_applicant_form_parent_class)->finalize (object);
}

static void
acr_applicant_form_class_init (AcrApplicantFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = acr_applicant_form_get_property;
  object_class->set_property = acr_applicant_form_set_property;
  object_class->dispose = acr_applicant_form_dispose;
  object_class->finalize = acr_applicant_form_finalize;

  properties [PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL,
                         ACR_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         ACR_TYPE_PERSON,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-applicant-form.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, identity_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, profession_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, training_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, practice_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, military_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, chapters_group);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, decision_view);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, first_year_row);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, first_year_model);
  gtk_widget_class_bind_template_callback (widget_class, first_year_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, approve_button);
  gtk_widget_class_bind_template_child (widget_class, AcrApplicantForm, refuse_button);

  gtk_widget_class_install_action (widget_class, "application.show-decision", NULL, acr_applicant_form_show_decision);
  gtk_widget_class_install_action (widget_class, "application.show-form", NULL, acr_applicant_form_show_form);
  gtk_widget_class_install_action (widget_class, "application.approve", NULL, acr_applicant_form_approve);
  gtk_widget_class_install_action (widget_class, "application.refuse", NULL, acr_applicant_form_refuse);

  g_type_ensure (ACR_TYPE_DECISION_VIEW);
}

static void
acr_applicant_form_init (AcrApplicantForm *self)
{
  g_autoptr (AcrPerson) person = acr_person_new ();
  g_autoptr (AcrMember) contact = acr_member_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _acr_applicant_form_fact_field_free);
  self->contact_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->chapter_rows = g_ptr_array_new ();
  _acr_applicant_form_build_fields (self);
  fill_first_years (self);

  set_person (self, person, contact);
}

AcrRules *
acr_applicant_form_get_rules (AcrApplicantForm *self)
{
  g_return_val_if_fail (ACR_IS_APPLICANT_FORM (self), NULL);

  return self->rules;
}

void
acr_applicant_form_set_rules (AcrApplicantForm   *self,
                              AcrRules           *rules)
{
  g_return_if_fail (ACR_IS_APPLICANT_FORM (self));
  g_return_if_fail (rules == NULL || ACR_IS_RULES (rules));

  if (!g_set_object (&self->rules, rules))
    return;

  fill_first_years (self);
  update_chapter_rows (self);
  update_decision (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RULES]);
}

AcrPerson *
acr_applicant_form_get_person (AcrApplicantForm *self)
{
  g_return_val_if_fail (ACR_IS_APPLICANT_FORM (self), NULL);

  return self->person;
}

/* A new application starts at the top, typing in its first field. */
static void
focus_first_field (AcrApplicantForm *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->identity_group), GTK_TYPE_SCROLLED_WINDOW);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (scroller != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
    }
  /* From no focus, the first focusable row of the form's first group. */
  if (root != NULL)
    gtk_root_set_focus (root, NULL);
  gtk_widget_child_focus (GTK_WIDGET (self->identity_group), GTK_DIR_TAB_FORWARD);
}

/**
 * acr_applicant_form_start_new:
 *
 * Clears the form for a new application. The one being typed is not lost
 * by accident: New is only reached by staff asking for it, and an
 * application that was submitted is already in the store.
 */
void
acr_applicant_form_start_new (AcrApplicantForm *self)
{
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrMember) contact = NULL;

  g_return_if_fail (ACR_IS_APPLICANT_FORM (self));

  person = acr_person_new ();
  contact = acr_member_new ();
  /* A new application starts from the rules' default year again. */
  fill_first_years (self);
  set_person (self, person, contact);
  save_draft_now (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "form");
  focus_first_field (self);
}

/**
 * acr_applicant_form_set_store:
 * @store: (nullable): where approved and refused applications and the
 *   draft of the form go
 *
 * Opens the draft the store keeps, if any, so a half-filled application
 * comes back after the window was closed or the program crashed.
 */
void
acr_applicant_form_set_store (AcrApplicantForm   *self,
                              AcrStore           *store)
{
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrMember) contact = NULL;

  g_return_if_fail (ACR_IS_APPLICANT_FORM (self));

  if (self->save_draft_id != 0)
    save_draft_now (self);

  if (!g_set_object (&self->store, store))
    return;

  if (store != NULL && load_draft (self, &person, &contact))
    set_person (self, person, contact);
  else
    update_decision (self);
}

AcrMember *
acr_applicant_form_get_contact (AcrApplicantForm *self)
{
  g_return_val_if_fail (ACR_IS_APPLICANT_FORM (self), NULL);

  return self->contact;
}

/**
 * acr_applicant_form_submit:
 * @member: (out) (optional) (transfer full): the new member, or %NULL when
 *   the rules refused the application
 *
 * Records the application in the store as the rules decide it today
 * (acr_store_apply()): the applicant becomes a member, or the application
 * is kept as refused with the reasons. Then the form starts anew.
 */
gboolean
acr_applicant_form_submit (AcrApplicantForm    *self,
                           AcrMember          **member,
                           GError             **error)
{
  g_autoptr (AcrMember) added = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  GDate today;

  g_return_val_if_fail (ACR_IS_APPLICANT_FORM (self), FALSE);
  g_return_val_if_fail (self->store != NULL && self->rules != NULL, FALSE);

  acr_date_today (&today);
  g_clear_pointer (&self->last_invoice_number, g_free);
  g_clear_pointer (&self->last_no_invoice_reason, g_free);

  /* The core's policy, as the CLI's apply: the new member and the first
   * invoice (for the year the rules' cut-off gives, in the category
   * approved) in one transaction. */
  billing = acr_billing_new (self->store, self->rules);
  if (!acr_billing_apply (billing, self->person, self->contact, &today, chosen_first_year (self),
                          &added, NULL, &invoice, &self->last_no_invoice_reason, error))
    return FALSE;
  if (invoice != NULL)
    self->last_invoice_number = g_strdup (acr_invoice_get_number (invoice));

  acr_applicant_form_start_new (self);

  if (member != NULL)
    *member = g_steal_pointer (&added);

  return TRUE;
}
