#define G_LOG_DOMAIN "acr-dialog-fields"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-date.h"
#include "acr-date-input.h"
#include "acr-dialog-fields.h"
#include "acr-money.h"

/* Messages from the core start in lower case to follow a "FILE: "; shown
 * alone under a field they start a sentence. */
char *
acr_dialog_fields_sentence (const char *message)
{
  gunichar first;
  char buffer[8] = { 0 };

  g_return_val_if_fail (message != NULL, NULL);

  first = g_utf8_get_char (message);
  g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strconcat (buffer, g_utf8_next_char (message), NULL);
}

/* @text under @row: an error (red, and the row marked invalid for screen
 * readers) or what was understood (dim). NULL or "" hides the label. */
void
acr_dialog_fields_show_feedback (GtkLabel   *label,
                                 GtkWidget  *row,
                                 const char *text,
                                 gboolean    is_error)
{
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (GTK_IS_WIDGET (row));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (row, "error");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text != NULL ? text : "", -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               is_error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

/*
 * Reads the date typed in @row with the core's date parser; shows it back
 * in words under it, or why it is refused. Returns whether @date was set.
 */
gboolean
acr_dialog_fields_read_date (GtkEditable *row,
                             GtkLabel    *feedback,
                             const char  *empty_message,
                             GDate       *date)
{
  const char *text = gtk_editable_get_text (row);
  g_autoptr (GError) error = NULL;
  GDate parsed;

  g_return_val_if_fail (GTK_IS_EDITABLE (row), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  /* As staff write dates in the interface's language, or ISO. */
  g_date_clear (&parsed, 1);
  if (!acr_date_parse_for_language (text, NULL, &parsed, &error))
    {
      acr_dialog_fields_show_feedback (feedback, GTK_WIDGET (row),
                                       *text == '\0' && empty_message != NULL ? empty_message : error->message,
                                       TRUE);
      return FALSE;
    }
  else
    {
      g_autofree char *long_date = acr_date_format_long (&parsed, NULL);

      acr_dialog_fields_show_feedback (feedback, GTK_WIDGET (row), long_date, FALSE);
      *date = parsed;
      return TRUE;
    }
}

/* @title as the date row's title (with acr_date_input_hint (), the form
 * dates are typed in); today's date in that form in the row. */
void
acr_dialog_fields_set_up_date (AdwEntryRow *row,
                               const char  *title)
{
  g_autofree char *today_text = NULL;
  GDate today;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  acr_date_today (&today);
  today_text = acr_date_format_for_input (&today, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), today_text);
}

/* The message at the top of a dialog, about no one field; NULL hides it. */
void
acr_dialog_fields_show_error (GtkLabel   *label,
                              const char *message)
{
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}
