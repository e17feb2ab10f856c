#define G_LOG_DOMAIN "acr-invoice-create-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-date.h"
#include "acr-dialog-fields.h"
#include "acr-invoice-create-dialog.h"
#include "acr-money.h"

/*
 * Create Invoice: the membership year (default this year), then the lines
 * and total the invoice will carry, quoted by the core
 * (acr_billing_quote_invoice ()) on today's date as it will be issued.
 * A year already billed, or a member the rules bill nothing, is said in
 * words under the year; Issue Invoice stays off. Issue calls
 * acr_billing_create_invoice (), as the CLI does. "issued" is emitted with
 * the invoice.
 */

struct _AcrInvoiceCreateDialog
{
  AdwWindow            parent_instance;

  AcrBilling          *billing;
  AcrMember           *member;
  int                  year;       /* 0 until a billable year is typed */

  GtkLabel            *error_label;
  AdwPreferencesGroup *member_group;
  AdwEntryRow         *year_row;
  GtkLabel            *year_feedback;
  AdwPreferencesGroup *lines_group;
  GtkListBox          *lines_list;
  GtkButton           *confirm_button;
};

enum {
  PROP_0,
  PROP_BILLING,
  PROP_MEMBER,
  N_PROPS
};

enum {
  ISSUED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrInvoiceCreateDialog, acr_invoice_create_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
create_line_row (const char *description,
                 gint64      cents,
                 gboolean    total)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = acr_money_format (cents, NULL);
  GtkWidget *label = gtk_label_new (amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (label, "numeric");
  if (total)
    gtk_widget_add_css_class (label, "heading");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static void
clear_lines (AcrInvoiceCreateDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_list))) != NULL)
    gtk_list_box_remove (self->lines_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), FALSE);
}

static void
show_quote (AcrInvoiceCreateDialog *self,
            AcrDuesQuote           *quote)
{
  GListModel *lines = acr_dues_quote_get_lines (quote);
  guint n = g_list_model_get_n_items (lines);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

      gtk_list_box_append (self->lines_list,
                           create_line_row (acr_dues_line_get_description (line),
                                            acr_dues_line_get_amount_cents (line), FALSE));
    }
  gtk_list_box_append (self->lines_list, create_line_row (_("Total"), acr_dues_quote_get_total_cents (quote), TRUE));
  gtk_widget_set_visible (GTK_WIDGET (self->lines_group), TRUE);
}

static void
read_year (AcrInvoiceCreateDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *standing = NULL;
  g_autofree char *message = NULL;
  char *end = NULL;
  gint64 year;
  GDate today;

  self->year = 0;
  clear_lines (self);
  acr_dialog_fields_show_error (self->error_label, NULL);
  acr_date_today (&today);

  year = g_ascii_strtoll (trimmed, &end, 10);
  if (*trimmed == '\0')
    message = g_strdup (_("No year: type the membership year to bill, such as 2027"));
  else if (end == NULL || *end != '\0' || year < ACR_DATE_MIN_YEAR || year > ACR_DATE_MAX_YEAR)
    message = g_strdup_printf (_("“%s” is not a membership year: type a year such as %d"), trimmed,
                               g_date_get_year (&today));
  else if ((quote = acr_billing_quote_invoice (self->billing, acr_member_get_number (self->member), (int) year,
                                               &today, &standing, &error)) == NULL)
    {
      if (g_error_matches (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_ALREADY_BILLED))
        message = g_strdup_printf (_("%d is already billed: invoice %s stands for it. To bill the year again, "
                                     "void that invoice or issue a credit note for it first."),
                                   (int) year, standing);
      else
        message = acr_dialog_fields_sentence (error->message);
    }

  if (message != NULL)
    acr_dialog_fields_show_feedback (self->year_feedback, GTK_WIDGET (self->year_row), message, TRUE);
  else
    {
      g_autofree char *due = NULL;
      g_autofree char *due_text = NULL;
      GDate due_on;

      acr_billing_compute_due_date ((int) year, &today, &due_on);
      due = acr_date_format_long (&due_on, NULL);
      due_text = g_strdup_printf (_("Issued today, due %s"), due);
      acr_dialog_fields_show_feedback (self->year_feedback, GTK_WIDGET (self->year_row), due_text, FALSE);
      show_quote (self, quote);
      self->year = (int) year;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), self->year != 0);
}

static void
issue (AcrInvoiceCreateDialog *self)
{
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  if (self->year == 0)
    return;

  acr_dialog_fields_show_error (self->error_label, NULL);
  acr_date_today (&today);
  invoice = acr_billing_create_invoice (self->billing, acr_member_get_number (self->member), self->year,
                                        &today, &error);
  if (invoice == NULL)
    {
      /* Billed elsewhere meanwhile, or the store refused: say it in the
       * dialog, under the year where the quote would now say so. */
      g_autofree char *message = acr_dialog_fields_sentence (error->message);

      read_year (self);
      if (self->year != 0)
        acr_dialog_fields_show_error (self->error_label, message);
      return;
    }

  g_signal_emit (self, signals [ISSUED], 0, invoice);
  gtk_window_close (GTK_WINDOW (self));
}

static void
year_changed_cb (AcrInvoiceCreateDialog *self)
{
  read_year (self);
}

static void
confirm_clicked_cb (AcrInvoiceCreateDialog *self)
{
  issue (self);
}

static void
acr_invoice_create_dialog_constructed (GObject *object)
{
  AcrInvoiceCreateDialog *self = ACR_INVOICE_CREATE_DIALOG (object);
  g_autofree char *name = NULL;
  g_autofree char *year = NULL;
  GDate today;

  G_OBJECT_CLASS (acr_invoice_create_dialog_parent_class)->constructed (object);

  name = acr_member_dup_display_name (self->member);
  adw_preferences_group_set_title (self->member_group, name);
  acr_date_today (&today);
  year = g_strdup_printf ("%d", g_date_get_year (&today));
  gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
  read_year (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->year_row));
}

static void
acr_invoice_create_dialog_dispose (GObject *object)
{
  AcrInvoiceCreateDialog *self = ACR_INVOICE_CREATE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_INVOICE_CREATE_DIALOG);
  g_clear_object (&self->billing);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (acr_invoice_create_dialog_parent_class)->dispose (object);
}

static void
acr_invoice_create_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  AcrInvoiceCreateDialog *self = ACR_INVOICE_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      g_value_set_object (value, self->billing);
      break;
    case PROP_MEMBER:
      g_value_set_object (value, self->member);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_invoice_create_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  AcrInvoiceCreateDialog *self = ACR_INVOICE_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BILLING:
      self->billing = g_value_dup_object (value);
      break;
    case PROP_MEMBER:
      self->member = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_invoice_create_dialog_class_init (AcrInvoiceCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = acr_invoice_create_dialog_constructed;
  object_class->dispose = acr_invoice_create_dialog_dispose;
  object_class->get_property = acr_invoice_create_dialog_get_property;
  object_class->set_property = acr_invoice_create_dialog_set_property;

  properties [PROP_BILLING] =
    g_param_spec_object ("billing", NULL, NULL, ACR_TYPE_BILLING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL, ACR_TYPE_MEMBER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcrInvoiceCreateDialog::issued:
   * @invoice: the invoice issued
   *
   * The invoice was issued; the dialog then closes.
   */
  signals [ISSUED] =
    g_signal_new ("issued",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ACR_TYPE_INVOICE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-invoice-create-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, member_group);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, year_feedback);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, lines_list);
  gtk_widget_class_bind_template_child (widget_class, AcrInvoiceCreateDialog, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_invoice_create_dialog_init (AcrInvoiceCreateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_accessible_name_mnemonics (GTK_WIDGET (self));
}

/**
 * acr_invoice_create_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @billing: where the invoice is issued
 * @member: the member billed, as read from the store
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is owned by
 *   GTK's list of toplevels until closed.
 */
AcrInvoiceCreateDialog *
acr_invoice_create_dialog_new (GtkWindow  *parent,
                               AcrBilling *billing,
                               AcrMember  *member)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (ACR_IS_MEMBER (member), NULL);

  return g_object_new (ACR_TYPE_INVOICE_CREATE_DIALOG,
                       "transient-for", parent,
                       "billing", billing,
                       "member", member,
                       NULL);
}
