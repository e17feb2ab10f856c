#define G_LOG_DOMAIN "acr-member-edit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-format.h"
#include "acr-member-edit-dialog.h"
#include "acr-person.h"

/*
 * The form staff change a member's contact details, military service and
 * end of training in. It edits a copy of the member as read, so the store
 * can refuse the save if someone else saved in between; what to do with
 * the copy (classify it, save it) is the caller's.
 */

struct _AcrMemberEditDialog
{
  AdwMessageDialog  parent_instance;

  AcrMember        *member;

  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  AdwEntryRow      *address_row;
  AdwEntryRow      *city_row;
  AdwEntryRow      *region_row;
  AdwEntryRow      *postal_code_row;
  AdwComboRow      *military_row;
  AdwEntryRow      *military_country_row;
  AdwEntryRow      *training_end_row;
};

enum {
  PROP_0,
  PROP_MEMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrMemberEditDialog, acr_member_edit_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The member fields edited as text, each with its row. */
static const struct
{
  const char *field;
  gsize       row_offset;
} editable_fields[] = {
  { "email", G_STRUCT_OFFSET (AcrMemberEditDialog, email_row) },
  { "phone", G_STRUCT_OFFSET (AcrMemberEditDialog, phone_row) },
  { "address", G_STRUCT_OFFSET (AcrMemberEditDialog, address_row) },
  { "city", G_STRUCT_OFFSET (AcrMemberEditDialog, city_row) },
  { "region", G_STRUCT_OFFSET (AcrMemberEditDialog, region_row) },
  { "postal_code", G_STRUCT_OFFSET (AcrMemberEditDialog, postal_code_row) },
};

static GtkEditable *
field_row (AcrMemberEditDialog *self,
           guint                i)
{
  return GTK_EDITABLE (G_STRUCT_MEMBER (AdwEntryRow *, self, editable_fields[i].row_offset));
}

static void
fill_form (AcrMemberEditDialog *self)
{
  const AcrFactInfo *military = acr_person_lookup_fact ("military");
  g_autoptr (AcrPerson) person = NULL;
  g_autofree char *name = acr_member_dup_display_name (self->member);
  g_autofree char *heading = g_strdup_printf (_("Edit %s"), name);
  g_autofree char *training_end = NULL;
  const char *service;
  const char *military_country;

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      const char *text = acr_member_get_field (self->member, editable_fields[i].field);

      gtk_editable_set_text (field_row (self, i), text != NULL ? text : "");
    }

  if (acr_member_get_person_json (self->member) != NULL)
    person = acr_person_new_from_data (acr_member_get_person_json (self->member), -1, "member", NULL);

  service = person != NULL ? acr_person_get_string (person, "military") : NULL;
  for (guint i = 0; service != NULL && military->codes[i] != NULL; i++)
    if (g_str_equal (military->codes[i], service))
      adw_combo_row_set_selected (self->military_row, i + 1);

  military_country = person != NULL ? acr_person_get_string (person, "military_country") : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->military_country_row), military_country != NULL ? military_country : "");

  training_end = person != NULL ? acr_person_format_fact (person, "training.end") : NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->training_end_row), training_end != NULL ? training_end : "");
}

static void
acr_member_edit_dialog_constructed (GObject *object)
{
  AcrMemberEditDialog *self = ACR_MEMBER_EDIT_DIALOG (object);

  G_OBJECT_CLASS (acr_member_edit_dialog_parent_class)->constructed (object);

  g_assert (ACR_IS_MEMBER (self->member));
  fill_form (self);
}

static void
acr_member_edit_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AcrMemberEditDialog *self = ACR_MEMBER_EDIT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_edit_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AcrMemberEditDialog *self = ACR_MEMBER_EDIT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_MEMBER:
      self->member = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_edit_dialog_dispose (GObject *object)
{
  AcrMemberEditDialog *self = ACR_MEMBER_EDIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_MEMBER_EDIT_DIALOG);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (acr_member_edit_dialog_parent_class)->dispose (object);
}

static void
acr_member_edit_dialog_class_init (AcrMemberEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = acr_member_edit_dialog_constructed;
  object_class->get_property = acr_member_edit_dialog_get_property;
  object_class->set_property = acr_member_edit_dialog_set_property;
  object_class->dispose = acr_member_edit_dialog_dispose;

  properties [PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL,
                         ACR_TYPE_MEMBER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-member-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, military_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, military_country_row);
  gtk_widget_class_bind_template_child (widget_class, AcrMemberEditDialog, training_end_row);
}

static void
acr_member_edit_dialog_init (AcrMemberEditDialog *self)
{
  const AcrFactInfo *military = acr_person_lookup_fact ("military");
  g_autoptr (GtkStringList) military_model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The titles are the member fields' names, as everywhere else. */
  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field_row (self, i)),
                                   acr_format_member_field (editable_fields[i].field));

  /* "None", then the rules' codes in their order: item i + 1 is codes[i]. */
  gtk_string_list_append (military_model, _("None"));
  for (guint i = 0; military->codes[i] != NULL; i++)
    gtk_string_list_append (military_model, acr_format_code ("military", military->codes[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->military_row), _(military->label));
  adw_combo_row_set_model (self->military_row, G_LIST_MODEL (military_model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->military_country_row),
                                 _(acr_person_lookup_fact ("military_country")->label));
}

/**
 * acr_member_edit_dialog_new:
 * @parent: (nullable): the window the dialog is modal on
 * @member: the member as read from the store
 *
 * Returns: (transfer none): a new dialog, not yet presented; it answers
 *   "save" or "cancel" through #AdwMessageDialog::response
 */
AcrMemberEditDialog *
acr_member_edit_dialog_new (GtkWindow *parent,
                            AcrMember *member)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_MEMBER (member), NULL);

  return g_object_new (ACR_TYPE_MEMBER_EDIT_DIALOG,
                       "transient-for", parent,
                       "member", member,
                       NULL);
}

/**
 * acr_member_edit_dialog_get_member:
 *
 * Returns: (transfer none): the member as read, before the edit
 */
AcrMember *
acr_member_edit_dialog_get_member (AcrMemberEditDialog *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_EDIT_DIALOG (self), NULL);

  return self->member;
}

/**
 * acr_member_edit_dialog_dup_edited:
 *
 * The member as read with the form's values in place. Its category is
 * the one read: classifying the result is the caller's.
 *
 * Returns: (transfer full) (nullable): the edited copy, or %NULL with
 *   @error naming the field that does not take its value
 */
AcrMember *
acr_member_edit_dialog_dup_edited (AcrMemberEditDialog  *self,
                                   GError              **error)
{
  const AcrFactInfo *military = acr_person_lookup_fact ("military");
  g_autoptr (AcrMember) edited = NULL;
  g_autoptr (AcrPerson) person = NULL;
  guint selected;

  g_return_val_if_fail (ACR_IS_MEMBER_EDIT_DIALOG (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  edited = acr_member_copy (self->member);
  for (guint i = 0; i < G_N_ELEMENTS (editable_fields); i++)
    {
      const char *text = gtk_editable_get_text (field_row (self, i));

      if (!acr_member_set_field (edited, editable_fields[i].field, text[0] != '\0' ? text : NULL, error))
        return NULL;
    }

  person = acr_member_get_person_json (self->member) != NULL
           ? acr_person_new_from_data (acr_member_get_person_json (self->member), -1, "member", error)
           : acr_person_new ();
  if (person == NULL)
    return NULL;

  selected = adw_combo_row_get_selected (self->military_row);
  if (!acr_person_set_fact_from_string (person, "military",
                                        selected > 0 && selected != GTK_INVALID_LIST_POSITION ? military->codes[selected - 1] : NULL,
                                        error) ||
      !acr_person_set_fact_from_string (person, "military_country",
                                        gtk_editable_get_text (GTK_EDITABLE (self->military_country_row)), error) ||
      !acr_person_set_fact_from_string (person, "training.end",
                                        gtk_editable_get_text (GTK_EDITABLE (self->training_end_row)), error))
    return NULL;
  acr_member_set_person (edited, person);

  return g_steal_pointer (&edited);
}
