#define G_LOG_DOMAIN "acr-format"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <string.h>

#include "acr-format.h"
#include "acr-money.h"
#include "acr-member.h"
#include "acr-person.h"

static const struct
{
  const char *fact;
  const char *code;
  const char *label;
} code_labels[] = {
  { "profession", "physician", N_("Physician") },
  { "profession", "medical-physicist", N_("Medical physicist") },
  { "profession", "therapy-physicist", N_("Therapy physicist") },
  { "profession", "medical-student", N_("Medical student") },
  { "profession", "mri-scientist", N_("MRI scientist") },
  { "profession", "radiologist-assistant", N_("Radiologist assistant") },
  { "discipline", "radiology", N_("Radiology") },
  { "discipline", "radiation-oncology", N_("Radiation oncology") },
  { "discipline", "nuclear-medicine", N_("Nuclear medicine") },
  { "discipline", "medical-physics", N_("Medical physics") },
  { "discipline", "other", N_("Other") },
  { "certifications", "ABR", N_("American Board of Radiology (ABR)") },
  { "certifications", "AOBR", N_("American Osteopathic Board of Radiology (AOBR)") },
  { "certifications", "RCPSC", N_("Royal College of Physicians and Surgeons of Canada (RCPSC)") },
  { "certifications", "CMQ", N_("Collège des médecins du Québec (CMQ)") },
  { "certifications", "ABMS", N_("A member board of the ABMS") },
  { "certifications", "ARRT", N_("American Registry of Radiologic Technologists (ARRT)") },
  { "certifications", "ECFMG", N_("ECFMG certificate") },
  { "certifications", "NATIONAL", N_("National certification") },
  { "training.stage", "medical-school", N_("Medical school") },
  { "training.stage", "residency", N_("Residency") },
  { "training.stage", "fellowship", N_("Fellowship") },
  { "training.stage", "physics-program", N_("Medical physics programme") },
  { "military", "active-duty", N_("Active-duty military") },
  { "military", "va", N_("Department of Veterans Affairs") },
  { "military", "usphs", N_("U.S. Public Health Service") },
};

/**
 * acr_format_code:
 *
 * Returns: the translated label of @code, or @code itself when it has none
 *   (a vocabulary grown in core shows its codes until labels catch up).
 */
const char *
acr_format_code (const char *fact,
                     const char *code)
{
  g_return_val_if_fail (fact != NULL, code);
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (code_labels); i++)
    {
      if (g_str_equal (code_labels[i].fact, fact) && g_str_equal (code_labels[i].code, code))
        return _(code_labels[i].label);
    }

  return code;
}

static const struct
{
  const char *name;
  const char *label;
} member_field_labels[] = {
  { "email", N_("E-mail") },
  { "phone", N_("Phone") },
  { "address", N_("Address") },
  { "city", N_("City") },
  { "region", N_("State or province") },
  { "postal_code", N_("Postal code") },
  { "country", N_("Country") },
  { "npi", N_("NPI") },
  { "language", N_("Language") },
  { "category", N_("Category") },
  { "status", N_("Status") },
  { "chapters", N_("Chapters") },
  { "program", N_("Training programme") },
  { "review", N_("For review") },
  { "joined", N_("Joined") },
  { "person", N_("Facts") },
  { "member", N_("Membership") },
};

/**
 * acr_format_member_field:
 *
 * Returns: the translated label of an AcrMember field ("postal_code" reads
 *   "Postal code"), or @name itself when it has none
 */
const char *
acr_format_member_field (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (member_field_labels); i++)
    {
      if (g_str_equal (member_field_labels[i].name, name))
        return _(member_field_labels[i].label);
    }

  /* History names person facts "person.training.end". */
  if (g_str_has_prefix (name, "person."))
    {
      const AcrFactInfo *info = acr_person_lookup_fact (name + strlen ("person."));

      if (info != NULL)
        return _(info->label);
    }

  return name;
}

/**
 * acr_format_status:
 *
 * Returns: the translated label of a member status, or @status itself
 */
const char *
acr_format_status (const char *status)
{
  return acr_member_status_get_label (status);
}

static const struct
{
  const char *status;
  const char *label;
} invoice_status_labels[] = {
  { "open", N_("Open") },
  { "paid", N_("Paid") },
  { "partially-paid", N_("Partially paid") },
  { "void", N_("Void") },
  { "refunded", N_("Refunded") },
};

/**
 * acr_format_invoice_status:
 *
 * Returns: the translated label of an invoice status code, or @status itself
 */
const char *
acr_format_invoice_status (const char *status)
{
  if (status == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (invoice_status_labels); i++)
    {
      if (g_str_equal (invoice_status_labels[i].status, status))
        return _(invoice_status_labels[i].label);
    }

  return status;
}

static void
unellipsize_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  gtk_label_set_ellipsize (GTK_LABEL (gtk_list_item_get_child (item)), PANGO_ELLIPSIZE_NONE);
}

static void
setup_compact_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_list_item_set_child (item, label);
}

static void
bind_compact_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/**
 * acr_drop_down_make_compact:
 *
 * Lets a GtkDropDown of strings shrink with the window: the chosen item is
 * ellipsized in the button (the popover still shows whole items), so three
 * filters fit side by side at 360 pixels.
 */
void
acr_drop_down_make_compact (GtkDropDown *drop_down)
{
  g_autoptr (GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (button, "setup", G_CALLBACK (setup_compact_item_cb), NULL);
  g_signal_connect (button, "bind", G_CALLBACK (bind_compact_item_cb), NULL);
  gtk_drop_down_set_factory (drop_down, button);

  /* A plain label for the list: the default factory, spelled out, since
   * the list would otherwise use the ellipsizing one. */
  g_signal_connect (list, "setup", G_CALLBACK (setup_compact_item_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (bind_compact_item_cb), NULL);
  g_signal_connect_after (list, "setup", G_CALLBACK (unellipsize_item_cb), NULL);
  gtk_drop_down_set_list_factory (drop_down, list);
}

/**
 * acr_format_count:
 *
 * A count with the digit grouping of the interface's language ("12,345";
 * in French "12 345"), as amounts are written.
 *
 * Returns: (transfer full): the count
 */
char *
acr_format_count (guint n)
{
  return acr_count_format (n, NULL);
}
