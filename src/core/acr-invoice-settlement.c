#define G_LOG_DOMAIN "acr-invoice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-invoice-private.h"
#include "acr-money.h"

/*
 * What happens to an invoice after it is issued: the credit note that
 * cancels it and the receipt that acknowledges its payments (documents of
 * their own, made from it), payments and refunds, and voiding. Each change
 * is refused whole with an error naming the invoice, or made whole and
 * notified (only the properties whose value changed).
 */

/* The header of a document made from @invoice: the member and the year
 * are the invoice's, and it refers to the invoice by number. */
static void
info_for_document (AcrInvoiceInfo *info,
                   AcrInvoice     *invoice,
                   AcrInvoiceKind  kind,
                   const char     *number,
                   const GDate    *issued_on)
{
  info->kind = kind;
  info->number = number;
  info->reference_number = invoice->number;
  info->member_number = invoice->member_number;
  info->member_name = invoice->member_name;
  info->address_lines = (const char * const *) invoice->address_lines;
  info->city = invoice->city;
  info->region = invoice->region;
  info->postal_code = invoice->postal_code;
  info->country = invoice->country;
  info->language = invoice->language;
  info->year = invoice->year;
  info->issued_on = issued_on;
}

/**
 * acr_invoice_new_credit_note:
 * @invoice: an invoice that is not void and not yet credited
 * @number: the credit note's own number
 * @issued_on: its issue date
 * @error: return location for an error
 *
 * Creates a credit note for the full amount of @invoice (every line negated)
 * and applies it to @invoice, whose balance drops by its total: what the
 * member paid is then owed back and can be refunded.
 *
 * Returns: (transfer full) (nullable): the credit note
 */
AcrInvoice *
acr_invoice_new_credit_note (AcrInvoice   *invoice,
                             const char   *number,
                             const GDate  *issued_on,
                             GError      **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (AcrInvoice) note = NULL;
  AcrInvoiceInfo info = { 0 };

  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info_for_document (&info, invoice, ACR_INVOICE_KIND_CREDIT_NOTE, number, issued_on);

  if (invoice->kind != ACR_INVOICE_KIND_INVOICE)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("%s is a %s; only an invoice can be credited"), invoice->number, acr_invoice_kind_to_string (invoice->kind));
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (invoice->lines)); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (G_LIST_MODEL (invoice->lines), i);

      g_ptr_array_add (lines, acr_dues_line_new (acr_dues_line_get_code (line),
                                                    acr_dues_line_get_description (line),
                                                    -acr_dues_line_get_amount_cents (line),
                                                    acr_dues_line_get_placeholder (line)));
    }

  note = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, error);
  if (note == NULL)
    return NULL;

  if (!acr_invoice_apply_credit_note (invoice, note, error))
    return NULL;

  return g_steal_pointer (&note);
}

/**
 * acr_invoice_new_receipt:
 * @invoice: an invoice with payments
 * @issued_on: the day the receipt is issued
 * @error: return location for an error
 *
 * A receipt is not a new claim: it repeats the invoice (same number, same
 * lines) with the payments received so far, for the member's records.
 *
 * Returns: (transfer full) (nullable): the receipt
 */
AcrInvoice *
acr_invoice_new_receipt (AcrInvoice   *invoice,
                         const GDate  *issued_on,
                         GError      **error)
{
  g_autoptr (AcrInvoice) receipt = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  AcrInvoiceInfo info = { 0 };

  g_return_val_if_fail (ACR_IS_INVOICE (invoice), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info_for_document (&info, invoice, ACR_INVOICE_KIND_RECEIPT, invoice->number, issued_on);

  if (invoice->kind != ACR_INVOICE_KIND_INVOICE || invoice->received_cents == 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("Invoice %s has no payment to acknowledge"), invoice->number);
      return NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (invoice->lines)); i++)
    g_ptr_array_add (lines, g_list_model_get_item (G_LIST_MODEL (invoice->lines), i));

  receipt = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, error);
  if (receipt == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (invoice->payments)); i++)
    {
      g_autoptr (AcrPayment) payment = g_list_model_get_item (G_LIST_MODEL (invoice->payments), i);

      g_list_store_append (receipt->payments, payment);
    }
  receipt->received_cents = invoice->received_cents;
  receipt->refunded_cents = invoice->refunded_cents;
  receipt->credited_cents = invoice->credited_cents;

  return g_steal_pointer (&receipt);
}

/**
 * acr_invoice_add_payment:
 * @self: an invoice
 * @payment: a payment with a positive amount
 * @error: INVALID_AMOUNT, NOT_PAYABLE or OVERPAYMENT
 *
 * Records money received. A payment may be partial; one larger than the
 * balance is refused and changes nothing.
 */
gboolean
acr_invoice_add_payment (AcrInvoice  *self,
                         AcrPayment  *payment,
                         GError     **error)
{
  g_autofree char *amount_text = NULL;
  g_autofree char *balance_text = NULL;
  AcrInvoiceMoneyState before;
  gint64 amount;
  gint64 balance;

  g_return_val_if_fail (ACR_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (ACR_IS_PAYMENT (payment), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  amount = acr_payment_get_amount_cents (payment);
  amount_text = acr_money_format (amount, "en");

  if (amount <= 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT,
                   _("Invoice %s: a payment must be more than $0.00, not %s"), self->number, amount_text);
      return FALSE;
    }

  if (self->kind != ACR_INVOICE_KIND_INVOICE)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE,
                   _("%s is a %s and cannot take payments"), self->number, acr_invoice_kind_to_string (self->kind));
      return FALSE;
    }

  if (self->is_void)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE,
                   _("Invoice %s is void and cannot take payments"), self->number);
      return FALSE;
    }

  if (self->refunded_cents > 0 && acr_invoice_get_paid_cents (self) == 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE,
                   _("Invoice %s was refunded and cannot take payments"), self->number);
      return FALSE;
    }

  balance = acr_invoice_get_balance_cents (self);
  if (amount > balance)
    {
      balance_text = acr_money_format (balance, "en");
      if (balance <= 0)
        g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT,
                     _("Invoice %s: nothing is due, so a payment of %s would be an overpayment"),
                     self->number, amount_text);
      else
        g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT,
                     _("Invoice %s: a payment of %s is more than the balance of %s; overpayment refused"),
                     self->number, amount_text, balance_text);
      return FALSE;
    }

  acr_invoice_snapshot_money (self, &before);
  g_list_store_append (self->payments, payment);
  self->received_cents += amount;
  acr_invoice_notify_money (self, &before);

  return TRUE;
}

/**
 * acr_invoice_add_refund:
 * @self: an invoice
 * @refund: a payment with a negative amount: money paid back to the member
 * @error: INVALID_AMOUNT, NOT_PAYABLE or REFUND_EXCEEDS_PAID
 *
 * Records money paid back. Once everything received has been paid back the
 * invoice is refunded (and may then be voided).
 */
gboolean
acr_invoice_add_refund (AcrInvoice  *self,
                        AcrPayment  *refund,
                        GError     **error)
{
  g_autofree char *amount_text = NULL;
  g_autofree char *paid_text = NULL;
  AcrInvoiceMoneyState before;
  gint64 amount;

  g_return_val_if_fail (ACR_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (ACR_IS_PAYMENT (refund), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  amount = -acr_payment_get_amount_cents (refund);
  amount_text = acr_money_format (amount, "en");

  if (acr_payment_get_amount_cents (refund) >= 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT,
                   _("Invoice %s: a refund is recorded as a negative amount, not %s"),
                   self->number, amount_text);
      return FALSE;
    }

  if (self->kind != ACR_INVOICE_KIND_INVOICE || self->is_void)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE,
                   _("%s cannot be refunded: it holds no payments"), self->number);
      return FALSE;
    }

  if (amount > acr_invoice_get_paid_cents (self))
    {
      paid_text = acr_money_format (acr_invoice_get_paid_cents (self), "en");
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_REFUND_EXCEEDS_PAID,
                   _("Invoice %s: a refund of %s is more than the %s paid"),
                   self->number, amount_text, paid_text);
      return FALSE;
    }

  acr_invoice_snapshot_money (self, &before);
  g_list_store_append (self->payments, refund);
  self->refunded_cents += amount;
  acr_invoice_notify_money (self, &before);

  return TRUE;
}

/**
 * acr_invoice_apply_credit_note:
 * @self: the invoice @credit_note refers to
 * @credit_note: a credit note whose reference is @self
 * @error: return location for an error
 *
 * Records that @credit_note cancels (part of) @self. Used by
 * acr_invoice_new_credit_note() and when the store loads both.
 */
gboolean
acr_invoice_apply_credit_note (AcrInvoice  *self,
                               AcrInvoice  *credit_note,
                               GError     **error)
{
  AcrInvoiceMoneyState before;
  gint64 credit;

  g_return_val_if_fail (ACR_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (ACR_IS_INVOICE (credit_note), FALSE);

  if (credit_note->kind != ACR_INVOICE_KIND_CREDIT_NOTE
      || g_strcmp0 (credit_note->reference_number, self->number) != 0)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID,
                   _("%s is not a credit note for invoice %s"), credit_note->number, self->number);
      return FALSE;
    }

  if (self->is_void)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_VOID,
                   _("Invoice %s is void; there is nothing to credit"), self->number);
      return FALSE;
    }

  credit = -credit_note->total_cents;
  if (credit <= 0 || self->credited_cents + credit > self->total_cents)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_CREDITED,
                   _("Credit note %s would credit invoice %s beyond its total"),
                   credit_note->number, self->number);
      return FALSE;
    }

  acr_invoice_snapshot_money (self, &before);
  self->credited_cents += credit;
  acr_invoice_notify_money (self, &before);

  return TRUE;
}

/**
 * acr_invoice_void:
 * @self: an invoice
 * @reason: why, for the record
 * @error: ALREADY_VOID or HAS_PAYMENTS
 *
 * Cancels an invoice issued in error. Refused while it holds money: the
 * payments must be refunded first.
 */
gboolean
acr_invoice_void (AcrInvoice  *self,
                  const char  *reason,
                  GError     **error)
{
  g_autofree char *paid_text = NULL;
  AcrInvoiceMoneyState before;

  g_return_val_if_fail (ACR_IS_INVOICE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->is_void)
    {
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_VOID,
                   _("Invoice %s is already void"), self->number);
      return FALSE;
    }

  if (acr_invoice_get_paid_cents (self) > 0)
    {
      paid_text = acr_money_format (acr_invoice_get_paid_cents (self), "en");
      g_set_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_HAS_PAYMENTS,
                   _("Invoice %s holds payments of %s; refund them before voiding it"),
                   self->number, paid_text);
      return FALSE;
    }

  acr_invoice_snapshot_money (self, &before);
  self->is_void = TRUE;
  self->void_reason = g_strdup (reason);
  acr_invoice_notify_money (self, &before);
  acr_invoice_notify_void_reason (self);

  return TRUE;
}
