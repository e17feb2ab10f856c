#define G_LOG_DOMAIN "acr-credit-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-credit-note-dialog.h"
#include "acr-date.h"
#include "acr-date-input.h"
#include "acr-dialog-fields.h"
#include "acr-money.h"

/*
 * Issue Credit Note…: a credit note cancels an invoice in full, as the
 * CLI's "credit" does (acr_billing_issue_credit_note ()). The dialog asks
 * its date (default today) and says what it does: the total cancelled and
 * the money then owed back to the member. What the core refuses (a date
 * before the invoice, an invoice already cancelled elsewhere) stays in the
 * dialog, beside the date or at the top. "issued" is emitted with the
 * credit note.
 */

struct _AcrCreditNoteDialog
{
  AdwWindow            parent_instance;

  AcrBilling          *billing;
  AcrInvoice          *invoice;
  GDate                date;
  gboolean             date_valid;

  GtkLabel            *error_label;
  AdwPreferencesGroup *invoice_group;
  AdwEntryRow         *date_row;
  GtkLabel            *date_feedback;
  GtkLabel            *consequence_label;
  GtkButton           *confirm_button;
};

enum {
  PROP_0,
  PROP_BILLING,
  PROP_INVOICE,
  N_PROPS
};

enum {
  ISSUED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrCreditNoteDialog, acr_credit_note_dialog, ADW_TYPE_WINDOW)

static void
show_consequence (AcrCreditNoteDialog *self)
{
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (self->invoice)
                                             - acr_invoice_get_credited_cents (self->invoice), NULL);
  gint64 held = acr_invoice_get_paid_cents (self->invoice);
  g_autofree char *text = NULL;

  if (held > 0)
    {
      g_autofree char *back = acr_money_format (held, NULL);

      text = g_strdup_printf (_("Invoice %s (%s) is cancelled in full. The %s paid on it is then owed back to %s: "
                                "record the refund when it is paid."),
                              acr_invoice_get_number (self->invoice), total, back,
                              acr_invoice_get_member_name (self->invoice));
    }
  else
    text = g_strdup_printf (_("Invoice %s (%s) is cancelled in full; %s owes nothing on it."),
                            acr_invoice_get_number (self->invoice), total,
                            acr_invoice_get_member_name (self->invoice));
  gtk_label_set_text (self->consequence_label, text);
}

static void
read_date (AcrCreditNoteDialog *self)
{
  self->date_valid = acr_dialog_fields_read_date (GTK_EDITABLE (self->date_row), self->date_feedback,
                                                  NULL,
                                                  &self->date);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), self->date_valid);
}

static void
issue (AcrCreditNoteDialog *self)
{
  g_autoptr (AcrInvoice) note = NULL;
  g_autoptr (GError) error = NULL;

  if (!self->date_valid)
    return;

  acr_dialog_fields_show_error (self->error_label, NULL);
  note = acr_billing_issue_credit_note (self->billing, acr_invoice_get_number (self->invoice), &self->date, &error);
  if (note == NULL)
    {
      g_autofree char *message = acr_dialog_fields_sentence (error->message);

      /* The date is the one argument acr_billing_issue_credit_note () checks. */
      if (g_error_matches (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID) &&
          acr_invoice_get_kind (self->invoice) == ACR_INVOICE_KIND_INVOICE)
        {
          acr_dialog_fields_show_feedback (self->date_feedback, GTK_WIDGET (self->date_row), message, TRUE);
          self->date_valid = FALSE;
          gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), FALSE);
          gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
        }
      else
        acr_dialog_fields_show_error (self->error_label, message);
      return;
    }

  g_signal_emit (self, signals [ISSUED], 0, note);
  gtk_window_close (GTK_WINDOW (self));
}

static void
date_changed_cb (AcrCreditNoteDialog *self)
{
  read_date (self);
}

static void
confirm_clicked_cb (AcrCreditNoteDialog *self)
{
  issue (self);
}

static void
acr_credit_note_dialog_constructed (GObject *object)
{
  AcrCreditNoteDialog *self = ACR_CREDIT_NOTE_DIALOG (object);
  g_autofree char *title = NULL;
  g_autofree char *date_title = NULL;

  G_OBJECT_CLASS (acr_credit_note_dialog_parent_class)->constructed (object);

  title = g_strdup_printf (_("Invoice %s"), acr_invoice_get_number (self->invoice));
  adw_preferences_group_set_title (self->invoice_group, title);
  adw_preferences_group_set_description (self->invoice_group, acr_invoice_get_member_name (self->invoice));
  show_consequence (self);
  /* Translators: %s is how a date is typed, "MM/DD/YYYY". */
  date_title = g_strdup_printf (_("Credit note date (%s)"), acr_date_input_hint (NULL));
  acr_dialog_fields_set_up_date (self->date_row, date_title);
  read_date (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
acr_credit_note_dialog_dispose (GObject *object)
{
  AcrCreditNoteDialog *self = ACR_CREDIT_NOTE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_CREDIT_NOTE_DIALOG);
  g_clear_object (&self->billing);
  g_clear_object (&self->invoice);

  G_OBJECT_CLASS (acr_credit_note_dialog_parent_class)->dispose (object);
}

static void
acr_credit_note_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  AcrCreditNoteDialog *self = ACR_CREDIT_NOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      g_value_set_object (value, self->billing);
      break;
    case PROP_INVOICE:
      g_value_set_object (value, self->invoice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_credit_note_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  AcrCreditNoteDialog *self = ACR_CREDIT_NOTE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      self->billing = g_value_dup_object (value);
      break;
    case PROP_INVOICE:
      self->invoice = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_credit_note_dialog_class_init (AcrCreditNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = acr_credit_note_dialog_constructed;
  object_class->dispose = acr_credit_note_dialog_dispose;
  object_class->get_property = acr_credit_note_dialog_get_property;
  object_class->set_property = acr_credit_note_dialog_set_property;

  properties [PROP_BILLING] =
    g_param_spec_object ("billing", NULL, NULL, ACR_TYPE_BILLING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INVOICE] =
    g_param_spec_object ("invoice", NULL, NULL, ACR_TYPE_INVOICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcrCreditNoteDialog::issued:
   * @note: the credit note issued
   *
   * The credit note was saved; the dialog then closes.
   */
  signals [ISSUED] =
    g_signal_new ("issued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ACR_TYPE_INVOICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-credit-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, invoice_group);
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, date_feedback);
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, consequence_label);
  gtk_widget_class_bind_template_child (widget_class, AcrCreditNoteDialog, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_credit_note_dialog_init (AcrCreditNoteDialog *self)
{
  g_date_clear (&self->date, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_accessible_name_mnemonics (GTK_WIDGET (self));
}

/**
 * acr_credit_note_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @billing: where the credit note is issued
 * @invoice: the invoice it cancels
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is owned by
 *   GTK's list of toplevels until closed.
 */
AcrCreditNoteDialog *
acr_credit_note_dialog_new (GtkWindow  *parent,
                            AcrBilling *billing,
                            AcrInvoice *invoice)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);

  return g_object_new (ACR_TYPE_CREDIT_NOTE_DIALOG,
                       "transient-for", parent,
                       "billing", billing,
                       "invoice", invoice,
                       NULL);
}

/**
 * acr_credit_note_dialog_get_invoice:
 *
 * Returns: (transfer none): the invoice the credit note cancels
 */
AcrInvoice *
acr_credit_note_dialog_get_invoice (AcrCreditNoteDialog *self)
{
  g_return_val_if_fail (ACR_IS_CREDIT_NOTE_DIALOG (self), NULL);

  return self->invoice;
}
