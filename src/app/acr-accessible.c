#define G_LOG_DOMAIN "acr-accessible"

#include "config.h"

#include <string.h>

#include "acr-accessible.h"

/*
 * GTK 4.8 gives a button whose label has a mnemonic ("_Refuse") that label,
 * underscore included, as its accessible name: screen readers say "_Refuse
 * Refuse". The name is set again here without the mnemonic.
 */

/* "_Refuse" → "Refuse"; "Save __As" → "Save _As". */
char *
acr_accessible_strip_mnemonic (const char *label)
{
  GString *out;

  g_return_val_if_fail (label != NULL, NULL);

  out = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] == '_')
            {
              g_string_append_c (out, '_');
              p++;
            }
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * acr_accessible_name_mnemonics:
 * @widget: a widget and its descendants
 *
 * Names every button below @widget that reads its label's mnemonic by the
 * label without it. Call it once the buttons have their labels.
 */
void
acr_accessible_name_mnemonics (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      g_autofree char *name = acr_accessible_strip_mnemonic (gtk_button_get_label (GTK_BUTTON (widget)));

      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    acr_accessible_name_mnemonics (child);
}
