#define G_LOG_DOMAIN "acr-payment-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-date-input.h"
#include "acr-dialog-fields.h"
#include "acr-money.h"
#include "acr-payment-dialog.h"
#include "acr-person.h"

/*
 * Record Payment: the amount (read by acr_money_parse_for_language () in the
 * interface's language, and shown back as understood with the balance it
 * leaves), the payment date, the method and a reference. Nothing is saved
 * until Record; what the core refuses on saving (an overpayment, a date
 * before the invoice's issue date, a busy database) is shown beside the
 * field it concerns, or at the top, and the dialog stays open with what was
 * typed. "recorded" is emitted with the invoice as it then stands and the
 * payment.
 *
 * Record Refund (acr_payment_dialog_new_refund ()) is the same dialog for
 * money paid back: the amount is at most what the invoice holds, and is
 * recorded with acr_billing_record_refund (), the same call as the CLI's
 * "refund".
 */

struct _AcrPaymentDialog
{
  AdwWindow             parent_instance;

  AcrBilling           *billing;
  AcrInvoice           *invoice;
  gboolean              refund;
  gint64                balance;   /* as last read from the store; for a refund, what the invoice holds */

  /* What the fields hold, when they hold something valid. */
  gint64                cents;
  gboolean              amount_valid;
  GDate                 date;
  gboolean              date_valid;

  GtkLabel             *error_label;
  AdwPreferencesGroup  *amount_group;
  AdwEntryRow          *amount_row;
  GtkLabel             *amount_feedback;
  AdwEntryRow          *date_row;
  GtkLabel             *date_feedback;
  AdwComboRow          *method_row;
  AdwEntryRow          *reference_row;
  GtkButton            *record_button;
};

enum {
  PROP_0,
  PROP_BILLING,
  PROP_INVOICE,
  PROP_REFUND,
  N_PROPS
};

enum {
  RECORDED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrPaymentDialog, acr_payment_dialog, ADW_TYPE_WINDOW)

G_STATIC_ASSERT (ACR_PAYMENT_METHOD_CHECK == 0);
G_STATIC_ASSERT (ACR_PAYMENT_METHOD_CARD == 1);
G_STATIC_ASSERT (ACR_PAYMENT_METHOD_BANK_TRANSFER == 2);

/* What the amount is checked against: the balance due, or for a refund what the invoice holds. */
static gint64
limit_of (AcrPaymentDialog *self,
          AcrInvoice       *invoice)
{
  return self->refund ? acr_invoice_get_paid_cents (invoice) : acr_invoice_get_balance_cents (invoice);
}

static void
show_balance (AcrPaymentDialog *self)
{
  g_autofree char *due = acr_money_format (self->balance, NULL);
  g_autofree char *description = NULL;

  if (self->refund)
    description = g_strdup_printf (_("This invoice holds %s paid by %s; a refund is at most that."),
                                   due, acr_invoice_get_member_name (self->invoice));
  else
    description = g_strdup_printf (_("%s owes %s on this invoice."),
                                   acr_invoice_get_member_name (self->invoice), due);

  adw_preferences_group_set_description (self->amount_group, description);
}

static void
update_record_button (AcrPaymentDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->record_button), self->amount_valid && self->date_valid);
}

static void
read_amount (AcrPaymentDialog *self)
{
  g_autoptr (GError) error = NULL;
  gint64 balance = self->balance;
  gint64 cents = 0;

  self->amount_valid = FALSE;

  if (!acr_money_parse_for_language (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), NULL, &cents, &error))
    acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), error->message, TRUE);
  else if (cents == 0 && self->refund)
    acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row),
                   _("A refund is more than zero: type the amount paid back"), TRUE);
  else if (cents == 0)
    acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row),
                   _("A payment is more than zero: type the amount received"), TRUE);
  else if (cents > balance && self->refund)
    {
      g_autofree char *amount = acr_money_format (cents, NULL);
      g_autofree char *held = acr_money_format (balance, NULL);
      g_autofree char *text = g_strdup_printf (_("%s is more than the %s this invoice holds: refund at most that"),
                                               amount, held);

      acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), text, TRUE);
    }
  else if (cents > balance)
    {
      g_autofree char *amount = acr_money_format (cents, NULL);
      g_autofree char *due = acr_money_format (balance, NULL);
      g_autofree char *text = g_strdup_printf (_("%s is more than the balance of %s: an overpayment is refused"),
                                               amount, due);

      acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), text, TRUE);
    }
  else
    {
      g_autofree char *amount = acr_money_format (cents, NULL);
      g_autofree char *after = acr_money_format (balance - cents, NULL);
      /* Translators: the amount understood from what was typed, and the
       * invoice's balance once it is recorded: "$1.50 — balance after: $968.50". */
      g_autofree char *text = NULL;

      if (self->refund)
        /* Translators: the refund understood from what was typed, and what
         * the invoice still holds once it is recorded: "$1.50 — still held after: $868.50". */
        text = g_strdup_printf (_("%s — still held after: %s"), amount, after);
      else
        text = g_strdup_printf (_("%s — balance after: %s"), amount, after);

      acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), text, FALSE);
      self->cents = cents;
      self->amount_valid = TRUE;
    }

  update_record_button (self);
}

static void
read_date (AcrPaymentDialog *self)
{
  /* As staff write dates in the interface's language ("06/30/2028",
   * "30/06/2028") or ISO: a calendar day from 1900 to 2999. */
  self->date_valid = acr_dialog_fields_read_date (GTK_EDITABLE (self->date_row), self->date_feedback, NULL,
                                                  &self->date);
  update_record_button (self);
}

/* Puts a refusal of the core beside the field it is about: the amount
 * (overpayment, amount), the date (range, before the issue date), or else
 * at the top (a busy database, an invoice voided elsewhere). */
static void
show_save_error (AcrPaymentDialog *self,
                 const GError     *error)
{
  g_autofree char *message = acr_dialog_fields_sentence (error->message);

  if (g_error_matches (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT) ||
      g_error_matches (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_REFUND_EXCEEDS_PAID))
    {
      g_autoptr (AcrInvoice) current = acr_billing_lookup_invoice (self->billing,
                                                                   acr_invoice_get_number (self->invoice), NULL);

      /* Money was recorded elsewhere meanwhile: say so with the balance as
       * it now stands, in the interface's language, and check against it. */
      if (current != NULL)
        {
          self->balance = limit_of (self, current);
          show_balance (self);
          read_amount (self);
        }
      if (current == NULL || self->amount_valid)
        acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), message, TRUE);
      self->amount_valid = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
    }
  else if (g_error_matches (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT))
    {
      acr_dialog_fields_show_feedback (self->amount_feedback, GTK_WIDGET (self->amount_row), message, TRUE);
      self->amount_valid = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
    }
  else if (g_error_matches (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID))
    {
      /* The only argument acr_billing_record_payment () checks is the date. */
      acr_dialog_fields_show_feedback (self->date_feedback, GTK_WIDGET (self->date_row), message, TRUE);
      self->date_valid = FALSE;
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
    }
  else
    acr_dialog_fields_show_error (self->error_label, message);

  update_record_button (self);
}

static void
record (AcrPaymentDialog *self)
{
  g_autoptr (AcrPayment) payment = NULL;
  g_autoptr (AcrInvoice) updated = NULL;
  g_autoptr (GError) error = NULL;
  const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (reference));

  if (!self->amount_valid || !self->date_valid)
    return;

  acr_dialog_fields_show_error (self->error_label, NULL);
  /* A refund is recorded as a negative amount, as the CLI records it. */
  payment = acr_payment_new (self->refund ? -self->cents : self->cents, &self->date,
                             (AcrPaymentMethod) adw_combo_row_get_selected (self->method_row),
                             *trimmed != '\0' ? trimmed : NULL);
  if (self->refund)
    updated = acr_billing_record_refund (self->billing, acr_invoice_get_number (self->invoice), payment, &error);
  else
    updated = acr_billing_record_payment (self->billing, acr_invoice_get_number (self->invoice), payment, &error);
  if (updated == NULL)
    {
      show_save_error (self, error);
      return;
    }

  g_signal_emit (self, signals [RECORDED], 0, updated, payment);
  gtk_window_close (GTK_WINDOW (self));
}

static void
amount_changed_cb (AcrPaymentDialog *self)
{
  read_amount (self);
}

static void
date_changed_cb (AcrPaymentDialog *self)
{
  read_date (self);
}

/* Enter in a field records when everything is valid, as the default button would. */
static void
amount_activated_cb (AcrPaymentDialog *self)
{
  record (self);
}

static void
record_clicked_cb (AcrPaymentDialog *self)
{
  record (self);
}

static void
acr_payment_dialog_constructed (GObject *object)
{
  AcrPaymentDialog *self = ACR_PAYMENT_DIALOG (object);
  g_autofree char *title = NULL;
  g_autofree char *prefill = NULL;
  g_autofree char *date_text = NULL;
  GDate date;

  G_OBJECT_CLASS (acr_payment_dialog_parent_class)->constructed (object);

  self->balance = limit_of (self, self->invoice);
  if (self->refund)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Record Refund"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->amount_row), _("Amount paid back"));
    }
  title = g_strdup_printf (_("Invoice %s"), acr_invoice_get_number (self->invoice));
  adw_preferences_group_set_title (self->amount_group, title);
  show_balance (self);
  prefill = acr_money_format_amount (MAX (self->balance, 0), NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), prefill);
  acr_date_today (&date);
  date_text = acr_date_format_for_input (&date, NULL);
  {
    g_autofree char *date_title = g_strdup_printf (self->refund ? _("Refund date (%s)") : _("Payment date (%s)"),
                                                   acr_date_input_hint (NULL));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), date_title);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date_text);
  read_amount (self);
  read_date (self);

  gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
}

static void
acr_payment_dialog_dispose (GObject *object)
{
  AcrPaymentDialog *self = ACR_PAYMENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_PAYMENT_DIALOG);
  g_clear_object (&self->billing);
  g_clear_object (&self->invoice);

  G_OBJECT_CLASS (acr_payment_dialog_parent_class)->dispose (object);
}

static void
acr_payment_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcrPaymentDialog *self = ACR_PAYMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      g_value_set_object (value, self->billing);
      break;
    case PROP_INVOICE:
      g_value_set_object (value, self->invoice);
      break;
    case PROP_REFUND:
      g_value_set_boolean (value, self->refund);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_payment_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AcrPaymentDialog *self = ACR_PAYMENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      self->billing = g_value_dup_object (value);
      break;
    case PROP_INVOICE:
      self->invoice = g_value_dup_object (value);
      break;
    case PROP_REFUND:
      self->refund = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_payment_dialog_class_init (AcrPaymentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = acr_payment_dialog_constructed;
  object_class->dispose = acr_payment_dialog_dispose;
  object_class->get_property = acr_payment_dialog_get_property;
  object_class->set_property = acr_payment_dialog_set_property;

  properties [PROP_BILLING] =
    g_param_spec_object ("billing", NULL, NULL, ACR_TYPE_BILLING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INVOICE] =
    g_param_spec_object ("invoice", NULL, NULL, ACR_TYPE_INVOICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REFUND] =
    g_param_spec_boolean ("refund", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcrPaymentDialog::recorded:
   * @invoice: the invoice as it stands with the payment
   * @payment: the payment recorded
   *
   * The payment was saved; the dialog then closes.
   */
  signals [RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, ACR_TYPE_INVOICE, ACR_TYPE_PAYMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-payment-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, amount_group);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, amount_feedback);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, date_feedback);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, AcrPaymentDialog, record_button);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_payment_dialog_init (AcrPaymentDialog *self)
{
  g_date_clear (&self->date, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_accessible_name_mnemonics (GTK_WIDGET (self));
}

/**
 * acr_payment_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @billing: where the payment is recorded
 * @invoice: an open or partially paid invoice
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is owned by
 *   GTK's list of toplevels until closed.
 */
AcrPaymentDialog *
acr_payment_dialog_new (GtkWindow  *parent,
                        AcrBilling *billing,
                        AcrInvoice *invoice)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);

  return g_object_new (ACR_TYPE_PAYMENT_DIALOG,
                       "transient-for", parent,
                       "billing", billing,
                       "invoice", invoice,
                       NULL);
}

/**
 * acr_payment_dialog_new_refund:
 * @parent: (nullable): the window it is modal for
 * @billing: where the refund is recorded
 * @invoice: an invoice holding money
 *
 * Record Refund: money paid back to the member on @invoice.
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is owned by
 *   GTK's list of toplevels until closed.
 */
AcrPaymentDialog *
acr_payment_dialog_new_refund (GtkWindow  *parent,
                               AcrBilling *billing,
                               AcrInvoice *invoice)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);

  return g_object_new (ACR_TYPE_PAYMENT_DIALOG,
                       "transient-for", parent,
                       "billing", billing,
                       "invoice", invoice,
                       "refund", TRUE,
                       NULL);
}

/**
 * acr_payment_dialog_get_invoice:
 *
 * Returns: (transfer none): the invoice the payment is for
 */
AcrInvoice *
acr_payment_dialog_get_invoice (AcrPaymentDialog *self)
{
  g_return_val_if_fail (ACR_IS_PAYMENT_DIALOG (self), NULL);

  return self->invoice;
}
