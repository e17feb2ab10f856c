#define G_LOG_DOMAIN "acr-confirm"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-confirm.h"

/*
 * The app's questions and refusals, built one way: an AdwMessageDialog on
 * the window of the widget that asks, "Cancel" as the close response, and
 * the answer delivered only when it is the one asked for.
 */

static AdwMessageDialog *
create_dialog (GtkWidget  *widget,
               const char *heading,
               const char *body)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                     heading, body));
}

/**
 * acr_confirm:
 * @widget: the widget that asks; the dialog is modal on its window
 * @heading: the question
 * @body: (nullable): what answering it does
 * @response: the id of the confirming response (tests answer with it)
 * @label: the confirming button's label, with a mnemonic
 * @flags: destructive or suggested, and whether Enter confirms
 * @confirmed: called as `confirmed (object, response, dialog)` on that answer only
 * @object: a GObject; nothing is called once it is finalized
 *
 * Asks before doing something: "Cancel" (also Escape) or @label. Enter
 * cancels unless @flags has %ACR_CONFIRM_DEFAULT_CONFIRM. The dialog is
 * presented; set an extra child on the returned dialog for more to say.
 *
 * Returns: (transfer none): the dialog
 */
AdwMessageDialog *
acr_confirm (GtkWidget       *widget,
             const char      *heading,
             const char      *body,
             const char      *response,
             const char      *label,
             AcrConfirmFlags  flags,
             GCallback        confirmed,
             gpointer         object)
{
  AdwMessageDialog *dialog;
  g_autofree char *detailed = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (heading != NULL, NULL);
  g_return_val_if_fail (response != NULL && !g_str_equal (response, "cancel"), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (confirmed != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  dialog = create_dialog (widget, heading, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response,
                                              (flags & ACR_CONFIRM_DESTRUCTIVE) != 0
                                              ? ADW_RESPONSE_DESTRUCTIVE
                                              : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog,
                                           (flags & ACR_CONFIRM_DEFAULT_CONFIRM) != 0 ? response : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  detailed = g_strconcat ("response::", response, NULL);
  g_signal_connect_object (dialog, detailed, confirmed, object, G_CONNECT_SWAPPED);
  acr_accessible_name_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * acr_alert:
 * @widget: the widget that reports; the dialog is modal on its window
 * @heading: what did not happen
 * @body: (nullable): why, and what to do
 *
 * Reports a failure that needs more room than a toast, with one "Close".
 *
 * Returns: (transfer none): the dialog, presented
 */
AdwMessageDialog *
acr_alert (GtkWidget  *widget,
           const char *heading,
           const char *body)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = create_dialog (widget, heading, body);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  acr_accessible_name_mnemonics (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
