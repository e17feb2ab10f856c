/* Renders the sample invoices shown in the README, in English and French:
 *
 *   acr-invoice-sample OUTDIR [--all | --png-only]
 *
 * writes OUTDIR/invoice-sample-{en,fr}.pdf and, with pdftoppm (poppler-utils)
 * at 80 dpi, OUTDIR/invoice-sample-{en,fr}.png. With --all, also a credit
 * note, a receipt, a void invoice and an invoice with a very long address,
 * for reviewing the layout. With --png-only, the PDFs are not kept:
 * `ninja -C _build invoice-samples` regenerates docs/invoice-sample-*.png so.
 * Set ACR_LOCALEDIR to the build's po/ directory when running uninstalled. */

#define G_LOG_DOMAIN "acr-invoice-sample"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "acr-invoice-renderer.h"
#include "acr-test-invoices.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  const char *languages[] = { "en", "fr" };

  const char *extras[] = { "credit-note", "receipt", "void", "long-address" };
  gboolean all = argc == 3 && strcmp (argv[2], "--all") == 0;
  gboolean png_only = argc == 3 && strcmp (argv[2], "--png-only") == 0;
  guint n = G_N_ELEMENTS (languages) + (all ? G_N_ELEMENTS (extras) : 0);

  if (argc != 2 && !all && !png_only)
    {
      fprintf (stderr, "Usage: %s OUTDIR [--all | --png-only]\n", argv[0]);
      return 2;
    }

  g_mkdir_with_parents (argv[1], 0755);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrInvoice) invoice = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GDate) later = g_date_new_dmy (15, 1, 2027);
      g_autofree char *base = NULL;
      g_autofree char *pdf = NULL;
      g_autofree char *png_base = NULL;
      const char *pdftoppm[] = { "pdftoppm", "-png", "-r", "80", "-singlefile", NULL, NULL, NULL };
      int status;

      if (i < G_N_ELEMENTS (languages))
        {
          invoice = acr_test_invoice_new_sample (languages[i]);
          base = g_strdup_printf ("invoice-sample-%s", languages[i]);
        }
      else
        {
          const char *extra = extras[i - G_N_ELEMENTS (languages)];
          g_autoptr (AcrInvoice) sample = acr_test_invoice_new_sample ("en");

          base = g_strdup_printf ("invoice-sample-%s", extra);
          if (g_str_equal (extra, "credit-note"))
            invoice = acr_invoice_new_credit_note (sample, "2027-000900", later, &error);
          else if (g_str_equal (extra, "receipt"))
            invoice = acr_invoice_new_receipt (sample, later, &error);
          else if (g_str_equal (extra, "long-address"))
            invoice = acr_test_invoice_new_long_address ();
          else
            {
              g_autoptr (AcrPayment) back = acr_payment_new (-20000, later, ACR_PAYMENT_METHOD_CHECK, "R-77");

              if (acr_invoice_add_refund (sample, back, &error)
                  && acr_invoice_void (sample, "issued to the wrong member", &error))
                invoice = g_object_ref (sample);
            }
          if (invoice == NULL)
            {
              fprintf (stderr, "%s: %s\n", extra, error->message);
              return 1;
            }
        }
      if (png_only)
        pdf = g_strdup_printf ("%s/%s-%d.pdf", g_get_tmp_dir (), base, (int) getpid ());
      else
        pdf = g_strdup_printf ("%s/%s.pdf", argv[1], base);
      png_base = g_strdup_printf ("%s/%s", argv[1], base);
      pdftoppm[5] = pdf;
      pdftoppm[6] = png_base;

      if (!acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_REPLACE, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      if (!png_only)
        printf ("%s\n", pdf);

      if (!g_spawn_sync (NULL, (char **) pdftoppm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "pdftoppm: %s\n", error->message);
          return 1;
        }
      if (png_only)
        g_unlink (pdf);
      printf ("%s.png\n", png_base);
    }

  return 0;
}
