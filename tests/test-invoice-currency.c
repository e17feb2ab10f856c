#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-invoice-renderer.h"
#include "acr-test-invoices.h"

/* The dollars of an invoice are US dollars. A French document, read in
 * Québec, writes every amount "1 120,00 $ US"; every document names the
 * currency once more on its totals line, "Total (USD)". */

static char *tmpdir;

static char *
render_text (AcrInvoice *invoice,
             const char *name)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmpdir, name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  if (!acr_test_run_pdftotext (pdf, &text, &error))
    g_error ("pdftotext %s: %s", pdf, error->message);

  return acr_test_normalize_spaces (text);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in the PDF text:\n%s", needle, text);
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* Every dollar sign of the page is followed by "US". */
static void
assert_every_amount_says_us (const char *text)
{
  g_assert_cmpuint (count (text, "$"), >, 0);
  if (count (text, "$") != count (text, "$ US"))
    g_error ("a “$” without “US” in the French PDF text:\n%s", text);
}

static void
test_currency_french_invoice_says_us_dollars (void)
{
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("fr");
  g_autofree char *text = render_text (invoice, "fr.pdf");

  assert_every_amount_says_us (text);
  assert_contains (text, "1 010,00 $ US");
  assert_contains (text, "110,00 $ US");
  assert_contains (text, "1 120,00 $ US");
  assert_contains (text, "-200,00 $ US");
  assert_contains (text, "920,00 $ US");
  assert_contains (text, "Total (USD)");
  assert_contains (text, "Solde dû");
}

static void
test_currency_french_credit_note_and_receipt_say_us_dollars (void)
{
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("fr");
  g_autoptr (GDate) date = g_date_new_dmy (15, 1, 2027);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) receipt = acr_invoice_new_receipt (invoice, date, &error);
  g_autoptr (AcrInvoice) note = NULL;
  g_autofree char *receipt_text = NULL;
  g_autofree char *note_text = NULL;

  g_assert_no_error (error);
  receipt_text = render_text (receipt, "receipt-fr.pdf");
  assert_every_amount_says_us (receipt_text);
  assert_contains (receipt_text, "200,00 $ US");
  assert_contains (receipt_text, "Total (USD)");

  note = acr_invoice_new_credit_note (invoice, "2027-000900", date, &error);
  g_assert_no_error (error);
  note_text = render_text (note, "note-fr.pdf");
  assert_every_amount_says_us (note_text);
  assert_contains (note_text, "-1 120,00 $ US");
  assert_contains (note_text, "(USD)");
}

/* English keeps "$1,010.00"; the totals line names the currency. */
static void
test_currency_english_invoice_names_usd_on_the_totals_line (void)
{
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("en");
  g_autofree char *text = render_text (invoice, "en.pdf");

  assert_contains (text, "$1,010.00");
  assert_contains (text, "$415.00");
  assert_contains (text, "Total (USD)");
  g_assert_null (strstr (text, "$ US"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("acr-invoice-currency-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/acr/invoice/currency/french-invoice-says-us-dollars",
                   test_currency_french_invoice_says_us_dollars);
  g_test_add_func ("/acr/invoice/currency/french-credit-note-and-receipt-say-us-dollars",
                   test_currency_french_credit_note_and_receipt_say_us_dollars);
  g_test_add_func ("/acr/invoice/currency/english-invoice-names-usd-on-the-totals-line",
                   test_currency_english_invoice_names_usd_on_the_totals_line);

  status = g_test_run ();

  {
    g_autoptr (GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmpdir);
  g_free (tmpdir);

  return status;
}
