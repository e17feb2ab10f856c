#define G_LOG_DOMAIN "acr-applicant-form"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-applicant-form-private.h"
#include "acr-date-input.h"
#include "acr-format.h"

/*
 * The rows of the applicant form: one per person fact (an entry, a combo or
 * a list of check boxes, chosen by the fact's type) and one per contact
 * detail, in the paper form's order. Each row hands what staff typed to
 * AcrPerson or AcrMember, which do the checking.
 */

void
_acr_applicant_form_fact_field_free (gpointer data)
{
  FactField *field = data;

  g_clear_pointer (&field->checks, g_ptr_array_unref);
  g_free (field);
}

void
_acr_applicant_form_show_field_error (FactField    *field,
                                      const GError *error)
{
  if (error != NULL)
    {
      gtk_widget_add_css_class (field->row, "error");
      if (field->error_icon != NULL)
        {
          gtk_widget_set_tooltip_text (field->error_icon, error->message);
          gtk_widget_set_visible (field->error_icon, TRUE);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "error");
      if (field->error_icon != NULL)
        {
          gtk_widget_set_tooltip_text (field->error_icon, NULL);
          gtk_widget_set_visible (field->error_icon, FALSE);
        }
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* What staff typed is what the person holds: text the person refuses
 * leaves the fact unknown (so no stale value feeds the decision) and the
 * row shows why. */
static void
apply_text (AcrApplicantForm   *self,
            FactField          *field,
            const char         *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = NULL;

  /* A date is read as staff type it in the interface's language
   * ("06/30/2028", "30/06/2028") or ISO; its refusal is in their words,
   * without the fact's key. */
  if (field->info->type == ACR_FACT_DATE && text != NULL && *text != '\0')
    {
      GDate date;

      g_date_clear (&date, 1);
      if (!acr_date_parse_for_language (text, NULL, &date, &error))
        {
          acr_person_unset_fact (self->person, field->info->name);
          _acr_applicant_form_show_field_error (field, error);
          return;
        }
      iso = acr_date_format_iso (&date);
      text = iso;
    }

  if (!acr_person_set_fact_from_string (self->person, field->info->name, text, &error))
    acr_person_unset_fact (self->person, field->info->name);

  _acr_applicant_form_show_field_error (field, error);
}

static void
entry_row_changed_cb (GtkEditable        *editable,
                      AcrApplicantForm   *self)
{
  FactField *field = g_object_get_data (G_OBJECT (editable), "acr-field");

  if (self->loading)
    return;

  apply_text (self, field, gtk_editable_get_text (editable));
}

static void
combo_row_selected_cb (AdwComboRow        *row,
                       GParamSpec         *pspec,
                       AcrApplicantForm   *self)
{
  FactField *field = g_object_get_data (G_OBJECT (row), "acr-field");
  guint selected = adw_combo_row_get_selected (row);
  const char *text = NULL;

  if (self->loading)
    return;

  /* Item 0 is always "Not answered". */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    {
      if (field->info->type == ACR_FACT_BOOLEAN)
        text = selected == 1 ? "true" : "false";
      else
        text = field->info->codes[selected - 1];
    }

  apply_text (self, field, text);
}

static void
code_list_toggled_cb (GtkCheckButton     *check,
                      AcrApplicantForm   *self)
{
  FactField *field = g_object_get_data (G_OBJECT (check), "acr-field");
  GtkCheckButton *none = g_ptr_array_index (field->checks, field->checks->len - 1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) codes = NULL;
  g_autoptr (GError) error = NULL;
  gboolean any = FALSE;

  if (self->loading)
    return;

  /* "None of these" and the codes exclude each other. */
  self->loading = TRUE;
  if (check == none && gtk_check_button_get_active (none))
    {
      for (guint i = 0; i + 1 < field->checks->len; i++)
        gtk_check_button_set_active (g_ptr_array_index (field->checks, i), FALSE);
    }
  else if (check != none && gtk_check_button_get_active (check))
    gtk_check_button_set_active (none, FALSE);
  self->loading = FALSE;

  for (guint i = 0; i + 1 < field->checks->len; i++)
    {
      GtkCheckButton *code_check = g_ptr_array_index (field->checks, i);

      if (gtk_check_button_get_active (code_check))
        {
          g_strv_builder_add (builder, g_object_get_data (G_OBJECT (code_check), "acr-code"));
          any = TRUE;
        }
    }
  codes = g_strv_builder_end (builder);

  /* Nothing ticked is "not answered"; "None of these" is a known empty list. */
  if (!any && !gtk_check_button_get_active (none))
    acr_person_unset_fact (self->person, field->info->name);
  else if (!acr_person_set_fact (self->person, field->info->name,
                                 g_variant_new_strv ((const char * const *) codes, -1),
                                 &error))
    acr_person_unset_fact (self->person, field->info->name);

  _acr_applicant_form_show_field_error (field, error);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          AdwEntryRow *row)
{
  g_autoptr (GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);
  GDate day;

  /* Written as staff type dates in the interface's language. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (date), g_date_time_get_month (date),
                  g_date_time_get_year (date));
  text = acr_date_format_for_input (&day, NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
date_popover_show_cb (GtkPopover  *popover,
                      AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  GDate date;

  /* Open on the typed day when there is one. */
  g_date_clear (&date, 1);
  if (acr_date_parse_for_language (gtk_editable_get_text (GTK_EDITABLE (row)), NULL, &date, NULL))
    {
      g_autoptr (GDateTime) dt = g_date_time_new_local (g_date_get_year (&date),
                                                        g_date_get_month (&date),
                                                        g_date_get_day (&date),
                                                        0, 0, 0);

      g_signal_handlers_block_by_func (calendar, calendar_day_selected_cb, row);
      gtk_calendar_select_day (calendar, dt);
      g_signal_handlers_unblock_by_func (calendar, calendar_day_selected_cb, row);
    }
}

static GtkWidget *
create_date_button (AdwEntryRow *row,
                    const char  *label)
{
  GtkWidget *button, *popover, *calendar;
  g_autofree char *accessible = g_strdup_printf (_("%s: choose on a calendar"), label);

  calendar = gtk_calendar_new ();
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (date_popover_show_cb), row, 0);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose on a Calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return button;
}

static GtkWidget *
create_entry_row (AcrApplicantForm   *self,
                  FactField          *field)
{
  const AcrFactInfo *info = field->info;
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *title = NULL;

  switch (info->type)
    {
    case ACR_FACT_DATE:
      /* Translators: a date field's title and how to type it: "Training ends on (MM/DD/YYYY)". */
      title = g_strdup_printf (_("%s (%s)"), _(info->label), acr_date_input_hint (NULL));
      break;
    case ACR_FACT_COUNTRY:
      title = g_strdup_printf (_("%s (two-letter code, e.g. US)"), _(info->label));
      break;
    default:
      title = g_strdup (_(info->label));
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (info->type == ACR_FACT_INT)
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
  else if (g_str_equal (info->name, "email"))
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_EMAIL);
  else if (info->type == ACR_FACT_STRING && g_str_has_suffix (info->name, "_name"))
    adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NAME);

  field->error_icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
  gtk_widget_set_visible (field->error_icon, FALSE);
  gtk_widget_add_css_class (field->error_icon, "error");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), field->error_icon);

  if (info->type == ACR_FACT_DATE)
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), create_date_button (ADW_ENTRY_ROW (row), _(info->label)));

  g_signal_connect (row, "changed", G_CALLBACK (entry_row_changed_cb), self);

  return row;
}

static GtkWidget *
create_combo_row (AcrApplicantForm   *self,
                  FactField          *field)
{
  const AcrFactInfo *info = field->info;
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("Not answered"));
  if (info->type == ACR_FACT_BOOLEAN)
    {
      gtk_string_list_append (model, _("Yes"));
      gtk_string_list_append (model, _("No"));
    }
  else
    {
      for (guint i = 0; info->codes[i] != NULL; i++)
        gtk_string_list_append (model, acr_format_code (info->name, info->codes[i]));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  g_signal_connect (row, "notify::selected", G_CALLBACK (combo_row_selected_cb), self);

  return row;
}

GtkWidget *
_acr_applicant_form_create_check_row (const char *title,
                                      GtkWidget  *check)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  return row;
}

static GtkWidget *
create_code_list_row (AcrApplicantForm   *self,
                      FactField          *field)
{
  const AcrFactInfo *info = field->info;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *none;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Not answered"));
  field->checks = g_ptr_array_new ();

  for (guint i = 0; info->codes[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new ();

      g_object_set_data (G_OBJECT (check), "acr-field", field);
      g_object_set_data (G_OBJECT (check), "acr-code", (gpointer) info->codes[i]);
      g_signal_connect (check, "toggled", G_CALLBACK (code_list_toggled_cb), self);
      g_ptr_array_add (field->checks, check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                _acr_applicant_form_create_check_row (acr_format_code (info->name, info->codes[i]), check));
    }

  none = gtk_check_button_new ();
  g_object_set_data (G_OBJECT (none), "acr-field", field);
  g_signal_connect (none, "toggled", G_CALLBACK (code_list_toggled_cb), self);
  g_ptr_array_add (field->checks, none);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), _acr_applicant_form_create_check_row (_("None of these"), none));

  return row;
}

static void
add_fields (AcrApplicantForm    *self,
            AdwPreferencesGroup *group,
            const char * const  *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const AcrFactInfo *info = acr_person_lookup_fact (names[i]);
      FactField *field;

      g_assert (info != NULL);

      field = g_new0 (FactField, 1);
      field->info = info;

      switch (info->type)
        {
        case ACR_FACT_CODE:
        case ACR_FACT_BOOLEAN:
          field->row = create_combo_row (self, field);
          break;
        case ACR_FACT_CODE_LIST:
          field->row = create_code_list_row (self, field);
          break;
        case ACR_FACT_STRING:
        case ACR_FACT_DATE:
        case ACR_FACT_INT:
        case ACR_FACT_COUNTRY:
        default:
          field->row = create_entry_row (self, field);
          break;
        }

      /* The fact's JSON name identifies the row for tests and CSS. */
      gtk_widget_set_name (field->row, info->name);
      g_object_set_data (G_OBJECT (field->row), "acr-field", field);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(info->label),
                                      -1);
      adw_preferences_group_add (group, field->row);
      g_hash_table_insert (self->fields, (gpointer) info->name, field);
    }
}

static void
contact_row_changed_cb (GtkEditable        *editable,
                        AcrApplicantForm   *self)
{
  const char *field = g_object_get_data (G_OBJECT (editable), "acr-member-field");
  const char *text = gtk_editable_get_text (editable);
  g_autoptr (GError) error = NULL;
  GtkWidget *icon = g_object_get_data (G_OBJECT (editable), "acr-error-icon");

  if (self->loading)
    return;

  /* AcrMember checks the value (an NPI's check digit, say); a refused
   * value leaves the field empty and the row says why. */
  if (!acr_member_set_field (self->contact, field, text[0] != '\0' ? text : NULL, &error))
    acr_member_set_field (self->contact, field, NULL, NULL);

  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  gtk_widget_set_visible (icon, error != NULL);
  gtk_widget_set_tooltip_text (icon, error != NULL ? error->message : NULL);

  _acr_applicant_form_schedule_draft_save (self);
}

static void
add_contact_fields (AcrApplicantForm    *self,
                    AdwPreferencesGroup *group,
                    const char * const  *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      const char *title = acr_format_member_field (fields[i]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (g_str_equal (fields[i], "phone"))
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      else if (g_str_equal (fields[i], "npi"))
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);

      gtk_widget_set_visible (icon, FALSE);
      gtk_widget_add_css_class (icon, "error");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);

      gtk_widget_set_name (row, fields[i]);
      g_object_set_data (G_OBJECT (row), "acr-member-field", (gpointer) fields[i]);
      g_object_set_data (G_OBJECT (row), "acr-error-icon", icon);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_signal_connect (row, "changed", G_CALLBACK (contact_row_changed_cb), self);
      adw_preferences_group_add (group, row);
      g_hash_table_insert (self->contact_rows, (gpointer) fields[i], row);
    }
}

void
_acr_applicant_form_build_fields (AcrApplicantForm *self)
{
  static const char * const names[] = { "given_name", "family_name", "email", NULL };
  static const char * const contact[] = { "phone", "address", "city", NULL };
  static const char * const region[] = { "region", NULL };
  static const char * const postal[] = { "postal_code", NULL };
  static const char * const country[] = { "country", NULL };
  static const char * const npi[] = { "npi", NULL };
  static const char * const profession[] = { "profession", "discipline", "certifications",
                                             "student_standing", "ethical_standing", NULL };
  static const char * const training[] = { "training.stage", "training.approved", "training.country",
                                           "training.school_years", "training.start", "training.end",
                                           "residency_completed", "awaiting_us_match", NULL };
  static const char * const practice[] = { "in_practice", "practice_start", "practice_region",
                                           "prior_member_in_practice", "retired_on", NULL };
  static const char * const military[] = { "military", "military_country", "waive_chapters", NULL };

  /* The paper form's order, person facts and contact details mixed. */
  add_fields (self, self->identity_group, names);
  add_contact_fields (self, self->identity_group, contact);
  add_fields (self, self->identity_group, region);
  add_contact_fields (self, self->identity_group, postal);
  add_fields (self, self->identity_group, country);
  add_contact_fields (self, self->identity_group, npi);
  add_fields (self, self->profession_group, profession);
  add_fields (self, self->training_group, training);
  add_fields (self, self->practice_group, practice);
  add_fields (self, self->military_group, military);
}
