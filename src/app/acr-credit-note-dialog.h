#pragma once

#include <adwaita.h>

#include "acr-billing.h"
#include "acr-invoice.h"

G_BEGIN_DECLS

#define ACR_TYPE_CREDIT_NOTE_DIALOG (acr_credit_note_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AcrCreditNoteDialog, acr_credit_note_dialog, ACR, CREDIT_NOTE_DIALOG, AdwWindow)

AcrCreditNoteDialog *acr_credit_note_dialog_new         (GtkWindow           *parent,
                                                         AcrBilling          *billing,
                                                         AcrInvoice          *invoice);
AcrInvoice          *acr_credit_note_dialog_get_invoice (AcrCreditNoteDialog *self);

G_END_DECLS
