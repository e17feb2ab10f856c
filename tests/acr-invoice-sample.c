/* Renders the sample invoices shown in the README, in English and French:
 *
 *   acr-invoice-sample OUTDIR
 *
 * writes OUTDIR/invoice-sample-{en,fr}.pdf and, with pdftoppm (poppler-utils)
 * at 80 dpi, OUTDIR/invoice-sample-{en,fr}.png. `ninja -C _build
 * invoice-samples` regenerates docs/invoice-sample-*.png this way. */

#define G_LOG_DOMAIN "acr-invoice-sample"

#include "config.h"

#include <stdio.h>

#include "acr-invoice-renderer.h"
#include "acr-test-invoices.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  const char *languages[] = { "en", "fr" };

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }

  g_mkdir_with_parents (argv[1], 0755);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample (languages[i]);
      g_autoptr (GError) error = NULL;
      g_autofree char *base = g_strdup_printf ("invoice-sample-%s", languages[i]);
      g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", argv[1], base);
      g_autofree char *png_base = g_strdup_printf ("%s/%s", argv[1], base);
      const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "80", "-singlefile", pdf, png_base, NULL };
      int status;

      if (!acr_invoice_renderer_export_pdf (renderer, invoice, pdf, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%s\n", pdf);

      if (!g_spawn_sync (NULL, (char **) pdftoppm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "pdftoppm: %s\n", error->message);
          return 1;
        }
      printf ("%s.png\n", png_base);
    }

  return 0;
}
