#define G_LOG_DOMAIN "acr-decision-view"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-decision-view.h"
#include "acr-money.h"
#include "acr-person.h"

/*
 * Shows what the rules engine decided about a person: the category and
 * why, the facts still to ask, the rights, and this year's dues quote line
 * by line. It only displays an AcrDecision and an AcrDuesQuote.
 */

struct _AcrDecisionView
{
  GtkWidget           parent_instance;

  AcrDecision         *decision;
  AcrDuesQuote        *quote;

  GtkLabel            *title_label;
  GtkLabel            *subtitle_label;
  AdwPreferencesGroup *missing_group;
  GtkListBox          *missing_list;
  AdwPreferencesGroup *reasons_group;
  GtkListBox          *reasons_list;
  AdwPreferencesGroup *review_group;
  GtkListBox          *review_list;
  AdwPreferencesGroup *rights_group;
  GtkImage            *committees_icon;
  GtkImage            *elective_office_icon;
  GtkImage            *board_icon;
  AdwActionRow        *committees_row;
  AdwActionRow        *elective_office_row;
  AdwActionRow        *board_row;
  AdwActionRow        *next_change_row;
  AdwPreferencesGroup *dues_group;
  GtkListBox          *lines_list;
  GtkLabel            *total_label;
  GtkLabel            *quote_note_label;
};

G_DEFINE_FINAL_TYPE (AcrDecisionView, acr_decision_view, GTK_TYPE_WIDGET)

static GtkWidget *
create_text_row (gpointer item,
                 gpointer user_data)
{
  const char *icon_name = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (gtk_string_object_get_string (item));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (box), icon);
    }

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_focusable (label, FALSE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Text to read, not a stop on the way to Approve and Refuse. */
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static GtkWidget *
create_line_row (gpointer item,
                 gpointer user_data)
{
  AcrDuesLine *line = item;
  const char *note = acr_dues_line_get_note (line);
  /* Staff see how the line was decided; the invoice shows the description only. */
  g_autofree char *description = note != NULL
    ? g_strdup_printf (_("%s (%s)"), acr_dues_line_get_description (line), note)
    : g_strdup (acr_dues_line_get_description (line));
  gboolean placeholder = acr_dues_line_get_placeholder (line);
  g_autofree char *amount = acr_money_format (acr_dues_line_get_amount_cents (line), NULL);
  GtkWidget *row, *box, *label, *amount_label;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  label = gtk_label_new (description);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (placeholder)
    {
      GtkWidget *flag = gtk_label_new (_("Placeholder"));

      gtk_widget_set_valign (flag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (flag, "caption-heading");
      gtk_widget_add_css_class (flag, "warning");
      gtk_widget_set_tooltip_text (flag, _("The rules give a placeholder amount here: confirm the dues schedule before billing"));
      gtk_widget_set_name (flag, "placeholder");
      gtk_box_append (GTK_BOX (box), flag);
    }

  amount_label = gtk_label_new (amount);
  gtk_widget_set_valign (amount_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (amount_label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (amount_label), TRUE);
  gtk_widget_set_focusable (amount_label, FALSE);
  gtk_box_append (GTK_BOX (box), amount_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Text to read, not a stop on the way to Approve and Refuse. */
  gtk_widget_set_focusable (row, FALSE);

  {
    g_autofree char *accessible = placeholder
      ? g_strdup_printf (_("%s: %s (placeholder amount)"), description, amount)
      : g_strdup_printf (_("%s: %s"), description, amount);

    gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }

  return row;
}

static void
show_strings (AdwPreferencesGroup *group,
              GtkListBox          *list,
              const char * const  *strings,
              const char          *icon_name)
{
  g_autoptr (GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    gtk_string_list_append (model, strings[i]);

  gtk_list_box_bind_model (list, G_LIST_MODEL (model), create_text_row, (gpointer) icon_name, NULL);
  gtk_widget_set_visible (GTK_WIDGET (group), strings != NULL && strings[0] != NULL);
}

/* "missing" names facts ("training.end") or asks questions: a fact is shown
 * under its form label, anything else as written. */
static GStrv
label_missing (const char * const *missing)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; missing != NULL && missing[i] != NULL; i++)
    {
      const AcrFactInfo *info = acr_person_lookup_fact (missing[i]);

      g_strv_builder_add (builder, info != NULL ? _(info->label) : missing[i]);
    }

  return g_strv_builder_end (builder);
}

/* Yes, No, or — for a right the College's page does not state, which is
 * not a prohibition — "Not stated — confirm with the bylaws". */
static void
show_right (AdwActionRow *row,
            GtkImage     *icon,
            gboolean      holds,
            gboolean      stated)
{
  if (!stated)
    {
      gtk_image_set_from_icon_name (icon, "dialog-question-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "dim-label");
      adw_action_row_set_subtitle (row, _("Not stated — confirm with the bylaws"));
      return;
    }

  gtk_image_set_from_icon_name (icon, holds ? "emblem-ok-symbolic" : "window-close-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), holds ? "dim-label" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (icon), holds ? "success" : "dim-label");
  adw_action_row_set_subtitle (row, holds ? _("Yes") : _("No"));
}

static const char *
category_name (AcrRules   *rules,
               const char *id)
{
  AcrCategory *category = rules != NULL && id != NULL ? acr_rules_lookup_category (rules, id) : NULL;

  if (category != NULL)
    return acr_category_get_name (category);

  return id != NULL ? id : "";
}

static void
show_decision (AcrDecisionView *self,
               AcrRules        *rules)
{
  AcrDecision *decision = self->decision;
  AcrCategory *category = acr_decision_get_category (decision);
  const char * const *eligible = acr_decision_get_eligible (decision);
  const GDate *next_date = acr_decision_get_next_change_date (decision);
  g_auto (GStrv) missing_labels = NULL;
  g_autoptr (GString) also = g_string_new (NULL);

  if (category != NULL)
    gtk_label_set_text (self->title_label, acr_category_get_name (category));
  else
    gtk_label_set_text (self->title_label, _("No Category Yet"));

  /* Other categories the person also qualifies for, when there are any:
   * never the category decided. */
  for (guint i = 0; eligible != NULL && eligible[i] != NULL; i++)
    {
      if (g_strcmp0 (eligible[i], acr_decision_get_category_id (decision)) == 0)
        continue;
      if (also->len > 0)
        g_string_append (also, ", ");
      g_string_append (also, category_name (rules, eligible[i]));
    }

  if (also->len > 0)
    {
      g_autofree char *subtitle = NULL;

      subtitle = g_strdup_printf (_("Also eligible: %s"), also->str);
      gtk_label_set_text (self->subtitle_label, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);

  missing_labels = label_missing (acr_decision_get_missing (decision));
  show_strings (self->missing_group, self->missing_list, (const char * const *) missing_labels, "dialog-question-symbolic");
  show_strings (self->reasons_group, self->reasons_list, acr_decision_get_reasons (decision), NULL);
  show_strings (self->review_group, self->review_list, acr_decision_get_review (decision), "dialog-warning-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self->rights_group), category != NULL);
  show_right (self->committees_row, self->committees_icon, acr_decision_get_committees (decision),
              acr_decision_get_right_stated (decision, "committees"));
  show_right (self->elective_office_row, self->elective_office_icon, acr_decision_get_elective_office (decision),
              acr_decision_get_right_stated (decision, "elective_office"));
  show_right (self->board_row, self->board_icon, acr_decision_get_board_of_chancellors (decision),
              acr_decision_get_right_stated (decision, "board_of_chancellors"));

  if (next_date != NULL && g_date_valid (next_date))
    {
      const char *next_id = acr_decision_get_next_change_category (decision);
      /* Never a blank: a change to no category says so. */
      const char *next_name = next_id != NULL ? category_name (rules, next_id) : _("No category");
      const char *next_reason = acr_decision_get_next_change_reason (decision);
      g_autofree char *date = acr_date_format_iso (next_date);
      g_autofree char *subtitle = NULL;

      if (next_reason != NULL)
        subtitle = g_strdup_printf (_("%s from %s: %s"), next_name, date, next_reason);
      else
        subtitle = g_strdup_printf (_("%s from %s"), next_name, date);
      adw_action_row_set_subtitle (self->next_change_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->next_change_row), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->next_change_row), FALSE);
}

static void
show_quote (AcrDecisionView *self)
{
  AcrDuesQuote *quote = self->quote;
  GListModel *lines = acr_dues_quote_get_lines (quote);
  const char *reason = acr_dues_quote_get_reason (quote);
  gboolean placeholder = acr_dues_quote_get_placeholder (quote);
  g_autofree char *total = NULL;
  g_autofree char *title = NULL;

  title = g_strdup_printf (_("Dues for %d"), acr_dues_quote_get_year (quote));
  adw_preferences_group_set_title (self->dues_group, title);

  gtk_list_box_bind_model (self->lines_list, lines, create_line_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_list),
                          lines != NULL && g_list_model_get_n_items (lines) > 0);

  total = acr_money_format (acr_dues_quote_get_total_cents (quote), NULL);
  gtk_label_set_text (self->total_label, total);

  if (reason != NULL)
    gtk_label_set_text (self->quote_note_label, reason);
  else if (placeholder)
    gtk_label_set_text (self->quote_note_label,
                        _("Some amounts are placeholders in the rules: confirm the dues schedule before billing."));
  gtk_widget_set_visible (GTK_WIDGET (self->quote_note_label), reason != NULL || placeholder);
  gtk_widget_set_visible (GTK_WIDGET (self->dues_group), TRUE);
}

static void
acr_decision_view_dispose (GObject *object)
{
  GtkWidget *child;
  AcrDecisionView *self = ACR_DECISION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_DECISION_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->decision);
  g_clear_object (&self->quote);

  G_OBJECT_CLASS (acr_decision_view_parent_class)->dispose (object);
}

static void
acr_decision_view_class_init (AcrDecisionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_decision_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-decision-view.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, missing_group);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, missing_list);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, reasons_group);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, review_group);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, review_list);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, rights_group);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, committees_icon);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, elective_office_icon);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, board_icon);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, committees_row);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, elective_office_row);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, board_row);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, next_change_row);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, dues_group);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, lines_list);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, total_label);
  gtk_widget_class_bind_template_child (widget_class, AcrDecisionView, quote_note_label);
}

static void
acr_decision_view_init (AcrDecisionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_decision_view_show (self, NULL, NULL, NULL, NULL);
}

/**
 * acr_decision_view_show:
 * @rules: (nullable): names the categories the decision refers to
 * @decision: (nullable): what to show; %NULL with no @error when there are no rules
 * @quote: (nullable): this year's dues
 * @error: (nullable): why there is no decision
 */
void
acr_decision_view_show (AcrDecisionView *self,
                        AcrRules        *rules,
                        AcrDecision     *decision,
                        AcrDuesQuote    *quote,
                        const GError    *error)
{
  g_return_if_fail (ACR_IS_DECISION_VIEW (self));

  g_set_object (&self->decision, decision);
  g_set_object (&self->quote, quote);

  if (self->decision != NULL)
    show_decision (self, rules);
  else
    {
      gtk_label_set_text (self->title_label, error != NULL ? _("No Decision") : _("No Rules Loaded"));
      gtk_label_set_text (self->subtitle_label,
                          error != NULL ? error->message : _("Choose a valid rules file in Preferences."));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->missing_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->reasons_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->review_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->rights_group), FALSE);
    }

  if (self->quote != NULL)
    show_quote (self);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->dues_group), FALSE);

  /* A quote that failed after a decision (a bad chapter, say) says why. */
  if (self->decision != NULL && self->quote == NULL && error != NULL)
    {
      gtk_label_set_text (self->subtitle_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->subtitle_label), "error");
}

AcrDecision *
acr_decision_view_get_decision (AcrDecisionView *self)
{
  g_return_val_if_fail (ACR_IS_DECISION_VIEW (self), NULL);

  return self->decision;
}

AcrDuesQuote *
acr_decision_view_get_quote (AcrDecisionView *self)
{
  g_return_val_if_fail (ACR_IS_DECISION_VIEW (self), NULL);

  return self->quote;
}

const char *
acr_decision_view_get_title (AcrDecisionView *self)
{
  g_return_val_if_fail (ACR_IS_DECISION_VIEW (self), NULL);

  return gtk_label_get_text (self->title_label);
}
