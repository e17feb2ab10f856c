#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/*
 * What the billing dialogs (credit note, retirement, new invoice) share with
 * Record Payment: a message shown under the field it is about or at the
 * top of the dialog, and a date
 * typed in a field, read and shown back in words.
 */

char     *acr_dialog_fields_sentence      (const char  *message);
void      acr_dialog_fields_show_error    (GtkLabel    *label,
                                           const char  *message);
void      acr_dialog_fields_show_feedback (GtkLabel    *label,
                                           GtkWidget   *row,
                                           const char  *text,
                                           gboolean     is_error);
gboolean  acr_dialog_fields_read_date     (GtkEditable *row,
                                           GtkLabel    *feedback,
                                           const char  *empty_message,
                                           GDate       *date);
void      acr_dialog_fields_set_up_date   (AdwEntryRow *row,
                                           const char  *title);

G_END_DECLS
