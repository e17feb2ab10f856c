#define G_LOG_DOMAIN "acr-retire-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-accessible.h"
#include "acr-date.h"
#include "acr-date-input.h"
#include "acr-dialog-fields.h"
#include "acr-money.h"
#include "acr-retire-dialog.h"

/*
 * Retire…: the day retirement was notified (default today; the January to
 * March refund rule depends on it) and, before anything is recorded, what
 * it does to each standing invoice as acr_billing_preview_retirement ()
 * works it out: a refund of $X, the invoice cancelled, or dues still owed.
 * The view holds no rule of its own. Record Retirement calls
 * acr_billing_retire_member (), as the CLI's "retire" does; a refusal stays
 * in the dialog. "retired" is emitted with the number of credit notes.
 */

struct _AcrRetireDialog
{
  AdwWindow            parent_instance;

  AcrBilling          *billing;
  AcrMember           *member;
  GDate                date;
  gboolean             date_valid;

  GtkLabel            *error_label;
  AdwPreferencesGroup *member_group;
  AdwEntryRow         *date_row;
  GtkLabel            *date_feedback;
  GtkLabel            *consequence_label;
  GtkButton           *confirm_button;
};

enum {
  PROP_0,
  PROP_BILLING,
  PROP_MEMBER,
  N_PROPS
};

enum {
  RETIRED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrRetireDialog, acr_retire_dialog, ADW_TYPE_WINDOW)

static char *
describe_outcome (const AcrRetirementOutcome *outcome)
{
  g_autofree char *amount = acr_money_format (outcome->amount_cents, NULL);
  g_autofree char *total = acr_money_format (outcome->total_cents, NULL);

  switch (outcome->effect)
    {
    case ACR_RETIREMENT_REFUND_DUE:
      return g_strdup_printf (_("Invoice %s (%d) is cancelled by a credit note: a refund of %s is owed to the member."),
                              outcome->invoice_number, outcome->year, amount);
    case ACR_RETIREMENT_INVOICE_CANCELLED:
      return g_strdup_printf (_("Invoice %s (%d, %s) is cancelled by a credit note; nothing was paid, nothing is refunded."),
                              outcome->invoice_number, outcome->year, total);
    case ACR_RETIREMENT_DUES_STILL_OWED:
      return g_strdup_printf (_("Invoice %s (%d) stands: the dues for the year are still owed, %s due."),
                              outcome->invoice_number, outcome->year, amount);
    case ACR_RETIREMENT_INVOICE_STANDS:
    default:
      return g_strdup_printf (_("Invoice %s (%d) stands: the dues for the year are owed and paid; no refund."),
                              outcome->invoice_number, outcome->year);
    }
}

/* What retirement on the date typed would do, from the core. */
static void
show_consequence (AcrRetireDialog *self)
{
  g_autoptr (GPtrArray) outcomes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) text = g_string_new (NULL);

  if (!self->date_valid)
    {
      gtk_label_set_text (self->consequence_label, _("Type the day retirement was notified to see what it does."));
      return;
    }

  outcomes = acr_billing_preview_retirement (self->billing, acr_member_get_number (self->member), &self->date, &error);
  if (outcomes == NULL)
    {
      g_autofree char *message = acr_dialog_fields_sentence (error->message);

      /* Refused on that date (another notice date on record, the rules not
       * making the member retired then): said under the date. */
      acr_dialog_fields_show_feedback (self->date_feedback, GTK_WIDGET (self->date_row), message, TRUE);
      self->date_valid = FALSE;
      gtk_label_set_text (self->consequence_label, "");
      return;
    }

  g_string_append (text, _("The member becomes retired, in the retired category."));
  if (outcomes->len == 0)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("No open invoice: nothing changes in billing."));
    }
  for (guint i = 0; i < outcomes->len; i++)
    {
      g_autofree char *line = describe_outcome (outcomes->pdata[i]);

      g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_text (self->consequence_label, text->str);
}

static void
read_date (AcrRetireDialog *self)
{
  self->date_valid = acr_dialog_fields_read_date (GTK_EDITABLE (self->date_row), self->date_feedback,
                                                  NULL,
                                                  &self->date);
  show_consequence (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button), self->date_valid);
}

static void
retire (AcrRetireDialog *self)
{
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;

  if (!self->date_valid)
    return;

  acr_dialog_fields_show_error (self->error_label, NULL);
  notes = acr_billing_retire_member (self->billing, acr_member_get_number (self->member), &self->date, &error);
  if (notes == NULL)
    {
      g_autofree char *message = acr_dialog_fields_sentence (error->message);

      acr_dialog_fields_show_error (self->error_label, message);
      return;
    }

  g_signal_emit (self, signals [RETIRED], 0, notes->len);
  gtk_window_close (GTK_WINDOW (self));
}

static void
date_changed_cb (AcrRetireDialog *self)
{
  read_date (self);
}

static void
confirm_clicked_cb (AcrRetireDialog *self)
{
  retire (self);
}

static void
acr_retire_dialog_constructed (GObject *object)
{
  AcrRetireDialog *self = ACR_RETIRE_DIALOG (object);
  g_autofree char *name = NULL;
  g_autofree char *date_title = NULL;

  G_OBJECT_CLASS (acr_retire_dialog_parent_class)->constructed (object);

  name = acr_member_dup_display_name (self->member);
  adw_preferences_group_set_title (self->member_group, name);
  /* Translators: %s is how a date is typed, "MM/DD/YYYY". */
  date_title = g_strdup_printf (_("Retirement notified on (%s)"), acr_date_input_hint (NULL));
  acr_dialog_fields_set_up_date (self->date_row, date_title);
  read_date (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

static void
acr_retire_dialog_dispose (GObject *object)
{
  AcrRetireDialog *self = ACR_RETIRE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_RETIRE_DIALOG);
  g_clear_object (&self->billing);
  g_clear_object (&self->member);

  G_OBJECT_CLASS (acr_retire_dialog_parent_class)->dispose (object);
}

static void
acr_retire_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AcrRetireDialog *self = ACR_RETIRE_DIALOG (object);

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
acr_retire_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AcrRetireDialog *self = ACR_RETIRE_DIALOG (object);

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
acr_retire_dialog_class_init (AcrRetireDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = acr_retire_dialog_constructed;
  object_class->dispose = acr_retire_dialog_dispose;
  object_class->get_property = acr_retire_dialog_get_property;
  object_class->set_property = acr_retire_dialog_set_property;

  properties [PROP_BILLING] =
    g_param_spec_object ("billing", NULL, NULL, ACR_TYPE_BILLING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MEMBER] =
    g_param_spec_object ("member", NULL, NULL, ACR_TYPE_MEMBER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AcrRetireDialog::retired:
   * @n_notes: the number of credit notes issued
   *
   * The retirement was recorded; the dialog then closes.
   */
  signals [RETIRED] =
    g_signal_new ("retired",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-retire-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, member_group);
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, date_feedback);
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, consequence_label);
  gtk_widget_class_bind_template_child (widget_class, AcrRetireDialog, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_retire_dialog_init (AcrRetireDialog *self)
{
  g_date_clear (&self->date, 1);
  gtk_widget_init_template (GTK_WIDGET (self));
  acr_accessible_name_mnemonics (GTK_WIDGET (self));
}

/**
 * acr_retire_dialog_new:
 * @parent: (nullable): the window it is modal for
 * @billing: where the retirement is recorded
 * @member: the member retiring, as read from the store
 *
 * Returns: (transfer none): a new dialog, not yet presented; it is owned by
 *   GTK's list of toplevels until closed.
 */
AcrRetireDialog *
acr_retire_dialog_new (GtkWindow  *parent,
                       AcrBilling *billing,
                       AcrMember  *member)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (ACR_IS_MEMBER (member), NULL);

  return g_object_new (ACR_TYPE_RETIRE_DIALOG,
                       "transient-for", parent,
                       "billing", billing,
                       "member", member,
                       NULL);
}

/**
 * acr_retire_dialog_get_consequence:
 *
 * Returns: (transfer none): what the dialog says retirement on the date
 *   typed does
 */
const char *
acr_retire_dialog_get_consequence (AcrRetireDialog *self)
{
  g_return_val_if_fail (ACR_IS_RETIRE_DIALOG (self), NULL);

  return gtk_label_get_text (self->consequence_label);
}
