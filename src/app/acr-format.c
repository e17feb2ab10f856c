#define G_LOG_DOMAIN "acr-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "acr-format.h"

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
  { "military", "active-duty", N_("Active-duty U.S. military") },
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

/**
 * acr_format_money:
 * @cents: an amount in cents, negative for a discount or a refund
 * @currency: (nullable): ISO 4217 code; "USD" (the default) prints "$"
 *
 * Formats integer cents as staff read them: "$1,000.00", "−$38.50".
 * Only integers are involved: money never passes through floating point.
 *
 * Returns: (transfer full): the text
 */
char *
acr_format_money (gint64      cents,
                  const char *currency)
{
  GString *text = g_string_new (NULL);
  g_autofree char *digits = NULL;
  guint64 magnitude;
  gsize len;

  magnitude = cents < 0 ? (guint64) -(cents + 1) + 1 : (guint64) cents;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (digits);

  if (cents < 0)
    g_string_append (text, "\u2212");
  if (currency == NULL || g_str_equal (currency, "USD"))
    g_string_append_c (text, '$');
  else
    g_string_append_printf (text, "%s\u00a0", currency);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  g_string_append_printf (text, ".%02u", (guint) (magnitude % 100));

  return g_string_free (text, FALSE);
}
