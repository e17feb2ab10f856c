#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-invoice-renderer.h"
#include "acr-money.h"
#include "acr-test-invoices.h"

#define LETTER_WIDTH 612.0

typedef struct
{
  double  x1, y1, x2, y2;
  char   *text;
} Word;

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!acr_test_run_pdftotext (pdf, &text, &error))
    g_error ("pdftotext %s: %s", pdf, error->message);

  return acr_test_normalize_spaces (text);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  g_autofree char *normalized = acr_test_normalize_spaces (needle);

  if (strstr (haystack, normalized) == NULL)
    g_error ("“%s” not found in the PDF text:\n%s", normalized, haystack);
}

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->text);
  g_free (word);
}

/* The words of page 1 with their boxes, in points from the top left. */
static GPtrArray *
pdf_words (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", "-f", "1", "-l", "1", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GRegex) regex = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autofree char *html = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &html, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("pdftotext -bbox: %s", error->message);

  regex = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>",
                       0, 0, &error);
  g_assert_no_error (error);

  for (g_regex_match (regex, html, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      Word *word = g_new0 (Word, 1);
      g_autofree char *x1 = g_match_info_fetch (match, 1);
      g_autofree char *y1 = g_match_info_fetch (match, 2);
      g_autofree char *x2 = g_match_info_fetch (match, 3);
      g_autofree char *y2 = g_match_info_fetch (match, 4);

      word->x1 = g_ascii_strtod (x1, NULL);
      word->y1 = g_ascii_strtod (y1, NULL);
      word->x2 = g_ascii_strtod (x2, NULL);
      word->y2 = g_ascii_strtod (y2, NULL);
      word->text = g_match_info_fetch (match, 5);
      g_ptr_array_add (words, word);
    }

  g_assert_cmpuint (words->len, >, 20);
  return words;
}

static const Word *
find_word (GPtrArray  *words,
           const char *text)
{
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = words->pdata[i];

      if (g_str_equal (word->text, text))
        return word;
    }

  g_error ("word “%s” is not on the page", text);
  return NULL;
}

/* Inside the window of a #10 envelope: 7/8 in from the left, 2 in from the
 * top, 4.5 × 1.125 in. */
static void
assert_in_window (const Word *word)
{
  if (word->x1 < 63 || word->x2 > 63 + 324 || word->y1 < 144 || word->y2 > 144 + 81)
    g_error ("“%s” at (%.1f, %.1f)–(%.1f, %.1f) is outside the envelope window",
             word->text, word->x1, word->y1, word->x2, word->y2);
}

static void
assert_amounts_listed (AcrInvoice *invoice,
                       const char *text)
{
  const char *lang = acr_invoice_get_language (invoice);
  GListModel *lines = acr_invoice_get_lines (invoice);
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), lang);
  g_autofree char *balance = acr_money_format (acr_invoice_get_balance_cents (invoice), lang);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = acr_money_format (acr_dues_line_get_amount_cents (line), lang);

      assert_contains (text, amount);
    }
  assert_contains (text, total);
  assert_contains (text, balance);
}

static void
test_renderer_pdf_has_number_name_and_amounts_in_english (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("en");
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("en.pdf");
  g_autofree char *text = NULL;

  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  assert_contains (text, "2027-000042");
  assert_contains (text, "Dr. Margaret A. Okonkwo-Reyes");
  assert_contains (text, "6021457");
  assert_amounts_listed (invoice, text);
  assert_contains (text, "$1,010.00");
  assert_contains (text, "-$505.00");
  assert_contains (text, "$110.00");
  assert_contains (text, "$615.00");
  assert_contains (text, "-$200.00");
  assert_contains (text, "$415.00");
  assert_contains (text, "Balance due");
  assert_contains (text, "November 26, 2026");
  assert_contains (text, "December 31, 2026");
  assert_contains (text, "American College of Radiology");
  assert_contains (text, "1891 Preston White Drive");
  /* A line with a provisional amount is flagged and explained. */
  assert_contains (text, "National dues — General member, full dues *");
  assert_contains (text, "Chapter dues — Virginia");
  assert_contains (text, "Provisional amount");
  /* The rules' remark for staff does not reach the member. */
  g_assert_null (strstr (text, "placeholder amount"));

  /* The star of a provisional amount stays with its description's last
   * word, even when the description wraps. */
  {
    g_autoptr (GPtrArray) words = pdf_words (pdf);

    for (guint i = 0; i < words->len; i++)
      {
        const Word *word = words->pdata[i];

        /* (pdftotext splits at the no-break space: a star on its own is
         * fine, a star at the start of a line of the table is not.) */
        if (g_str_equal (word->text, "*") && word->y1 > 300 && word->y1 < 440)
          g_assert_cmpfloat (word->x1, >, 80);
      }
  }
}

static void
test_renderer_pdf_in_french_for_french_member (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("fr");
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("fr.pdf");
  g_autofree char *text = NULL;

  /* The process itself is in English (the test runs in C.UTF-8). */
  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  assert_contains (text, "Facture");
  assert_contains (text, "2027-000042");
  assert_contains (text, "Dre Hélène Côté-Bérubé");
  assert_contains (text, "1250, boulevard René-Lévesque Ouest");
  assert_amounts_listed (invoice, text);
  assert_contains (text, "1 010,00 $");
  assert_contains (text, "110,00 $");
  assert_contains (text, "1 120,00 $");
  assert_contains (text, "-200,00 $");
  assert_contains (text, "920,00 $");
  assert_contains (text, "Solde dû");
  assert_contains (text, "Cotisation nationale *");
  assert_contains (text, "Cotisation de chapitre (QC) *");
  assert_contains (text, "26 novembre 2026");
  assert_contains (text, "Payé le 8 décembre 2026 (Chèque 1187)");
  assert_contains (text, "Montant provisoire");
  assert_contains (text, "CANADA");
  g_assert_null (strstr (text, "Balance due"));
  g_assert_null (strstr (text, "How to pay"));
}

static void
test_renderer_accented_name_and_long_address_fit_the_window (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_long_address ();
  g_autoptr (GPtrArray) words = NULL;
  g_autofree char *pdf = tmp_path ("long.pdf");
  g_autofree char *text = NULL;

  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);

  text = pdf_text (pdf);
  assert_contains (text, "Pr Ærøskøbing-Ñúñez Żółkiewska");
  assert_contains (text, "Montréal QC H2X 0C1");
  assert_contains (text, "CANADA");

  /* What must show through the envelope window does. */
  words = pdf_words (pdf);
  assert_in_window (find_word (words, "Ærøskøbing-Ñúñez"));
  assert_in_window (find_word (words, "Żółkiewska"));
  assert_in_window (find_word (words, "H2X"));
  assert_in_window (find_word (words, "0C1"));
  assert_in_window (find_word (words, "CANADA"));
  assert_in_window (find_word (words, "Département"));

  /* Nothing runs into the margins or off the page. */
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = words->pdata[i];

      if (word->x1 < 0.75 * 72 || word->x2 > LETTER_WIDTH - 0.75 * 72 + 0.5 || word->y2 > 792 - 0.3 * 72)
        g_error ("“%s” at (%.1f, %.1f)–(%.1f, %.1f) runs into the margin", word->text,
                 word->x1, word->y1, word->x2, word->y2);
    }
}

static AcrInvoice *
new_invoice_at (const char *number,
                const char *postal_code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) issued = g_date_new_dmy (26, 11, 2026);
  g_autoptr (GDate) due = g_date_new_dmy (31, 12, 2026);
  AcrDuesLine *lines[1] = { acr_dues_line_new ("national", "National dues", 7700, FALSE) };
  AcrInvoiceInfo info = {
    .number = number, .member_number = "1", .member_name = "Sam Sample", .postal_code = postal_code,
    .city = "Somewhere", .region = "VA", .year = 2027, .issued_on = issued, .due_on = due,
  };
  AcrInvoice *invoice = acr_invoice_new (&info, lines, 1, &error);

  g_assert_no_error (error);
  g_object_unref (lines[0]);
  return invoice;
}

static void
test_renderer_combined_export_in_postal_code_order (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("combined.pdf");
  g_autofree char *text = NULL;
  /* Given out of order; expected page order: 02134, 10001, 20191,
   * 20191-1234, 94105, then the one without a postal code. */
  struct { const char *number; const char *postal; int page; } cases[] = {
    { "2027-000001", "94105", 5 },
    { "2027-000002", "20191-1234", 4 },
    { "2027-000003", NULL, 6 },
    { "2027-000004", "02134", 1 },
    { "2027-000005", "20191", 3 },
    { "2027-000006", "10001", 2 },
  };
  AcrInvoice *invoices[G_N_ELEMENTS (cases)];
  const char *previous = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    invoices[i] = new_invoice_at (cases[i].number, cases[i].postal);

  g_assert_true (acr_invoice_renderer_export_combined (renderer, invoices, G_N_ELEMENTS (cases), pdf, ACR_FILE_WRITER_NONE, NULL, &error));
  g_assert_no_error (error);

  /* The caller's array is left as it was. */
  g_assert_cmpstr (acr_invoice_get_number (invoices[0]), ==, "2027-000001");

  /* Page by page, the number on each page is the expected one. */
  for (int page = 1; page <= (int) G_N_ELEMENTS (cases); page++)
    {
      g_autofree char *first = g_strdup_printf ("%d", page);
      const char *argv[] = { "pdftotext", "-f", first, "-l", first, pdf, "-", NULL };
      g_autofree char *page_text = NULL;
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &page_text, NULL, &status, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          if (cases[i].page == page)
            {
              g_assert_nonnull (strstr (page_text, cases[i].number));
              previous = cases[i].number;
            }
          else
            g_assert_null (strstr (page_text, cases[i].number));
        }
    }
  g_assert_cmpstr (previous, ==, "2027-000003");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_object_unref (invoices[i]);
}

static void
test_renderer_folder_export_one_file_each_on_two_threads (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = tmp_path ("folder");
  AcrInvoice *invoices[8];
  g_autoptr (GDir) listing = NULL;
  guint n_files = 0;

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    invoices[i] = acr_test_invoice_new_generated (i, 2027);

  g_assert_true (acr_invoice_renderer_export_folder (renderer, invoices, G_N_ELEMENTS (invoices), dir, ACR_FILE_WRITER_NONE, 2, NULL, &error));
  g_assert_no_error (error);

  /* Exactly one file per invoice, named by its number, none partial. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (invoices));

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    {
      g_autofree char *name = g_strconcat (acr_invoice_get_number (invoices[i]), ".pdf", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      /* Read back two of them: each holds its own invoice. */
      if (i == 0 || i == G_N_ELEMENTS (invoices) - 1)
        {
          g_autofree char *text = pdf_text (path);

          assert_contains (text, acr_invoice_get_number (invoices[i]));
          assert_contains (text, acr_invoice_get_member_name (invoices[i]));
          assert_amounts_listed (invoices[i], text);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    g_object_unref (invoices[i]);
}

static void
test_renderer_credit_note_and_receipt (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("en");
  g_autoptr (GDate) date = g_date_new_dmy (15, 1, 2027);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) receipt = acr_invoice_new_receipt (invoice, date, &error);
  g_autoptr (AcrInvoice) note = NULL;
  g_autofree char *receipt_pdf = tmp_path ("receipt.pdf");
  g_autofree char *note_pdf = tmp_path ("note.pdf");
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (acr_invoice_renderer_export_pdf (renderer, receipt, receipt_pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  text = pdf_text (receipt_pdf);
  assert_contains (text, "Receipt");
  assert_contains (text, "2027-000042");
  assert_contains (text, "Paid December 8, 2026 (Check 1187)");
  assert_contains (text, "$200.00");
  g_assert_null (strstr (text, "How to pay"));
  g_clear_pointer (&text, g_free);

  note = acr_invoice_new_credit_note (invoice, "2027-000900", date, &error);
  g_assert_no_error (error);
  g_assert_true (acr_invoice_renderer_export_pdf (renderer, note, note_pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  text = pdf_text (note_pdf);
  assert_contains (text, "Credit note");
  assert_contains (text, "2027-000900");
  assert_contains (text, "2027-000042");
  assert_contains (text, "-$1,010.00");
  assert_contains (text, "$505.00");
  assert_contains (text, "-$615.00");
  assert_amounts_listed (note, text);
}

static void
test_renderer_void_invoice_says_void (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = new_invoice_at ("2027-000010", "20191");
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("void.pdf");
  g_autofree char *text = NULL;

  g_assert_true (acr_invoice_void (invoice, "issued to the wrong member", &error));
  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  /* (The diagonal VOID stamp is drawn too; pdftotext leaves out diagonal
   * text, so the note and the summary are what is checked.) */
  text = pdf_text (pdf);
  assert_contains (text, "Void: issued to the wrong member");
  assert_contains (text, "This invoice is void. Nothing is due.");
}

static void
test_renderer_a4_paper (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("en");
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("a4.pdf");
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdfinfo", pdf, NULL };
  double width;
  double height;
  int status;

  acr_invoice_renderer_get_page_size (renderer, &width, &height);
  g_assert_cmpfloat (width, ==, 612.0);
  g_assert_cmpfloat (height, ==, 792.0);

  acr_invoice_renderer_set_paper (renderer, ACR_PAPER_A4);
  acr_invoice_renderer_get_page_size (renderer, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 841.89, 0.01);

  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, &status, &error));
  g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
  text = pdf_text (pdf);
  assert_amounts_listed (invoice, text);
}

static void
test_renderer_issuer_is_configurable (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("en");
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = tmp_path ("issuer.pdf");
  g_autofree char *text = NULL;

  g_assert_cmpstr (acr_invoice_renderer_get_issuer_name (renderer), ==, "American College of Radiology");
  acr_invoice_renderer_set_issuer_name (renderer, "ACR Foundation");
  acr_invoice_renderer_set_issuer_address (renderer, "505 Ninth Street NW\nWashington, DC 20004");
  g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "ACR Foundation");
  assert_contains (text, "505 Ninth Street NW");
  g_assert_null (strstr (text, "Preston White"));
}

/* Printing draws on a cairo_t it does not own: the same page lands on any
 * surface. */
static void
test_renderer_draws_on_any_cairo_surface (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_sample ("fr");
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 612, 792);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint dark = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (acr_invoice_renderer_draw_page (renderer, cr, invoice, &error));
  g_assert_no_error (error);
  cairo_surface_flush (surface);

  /* There is ink, and some of it is inside the envelope window. */
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 150; y < 220; y++)
    for (int x = 72; x < 380; x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xff) < 0x80)
        dark++;
  g_assert_cmpuint (dark, >, 200);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_renderer_too_many_lines_refused (void)
{
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDate) issued = g_date_new_dmy (26, 11, 2026);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autofree char *pdf = tmp_path ("too-many.pdf");
  g_autofree char *partial = g_strconcat (pdf, ".part", NULL);
  AcrInvoiceInfo info = { .number = "2027-000099", .member_number = "1", .member_name = "A", .year = 2027,
                          .issued_on = issued, .due_on = issued };

  for (guint i = 0; i < 13; i++)
    g_ptr_array_add (lines, acr_dues_line_new ("x", "A line", 100, FALSE));
  invoice = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, &error);
  g_assert_no_error (error);

  g_assert_false (acr_invoice_renderer_export_pdf (renderer, invoice, pdf, ACR_FILE_WRITER_NONE, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_RENDER);
  g_assert_nonnull (strstr (error->message, "2027-000099"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
}

static void
remove_tmpdir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tmpdir (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("acr-renderer-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/acr/invoice-renderer/pdf-has-number-name-and-amounts-in-english",
                   test_renderer_pdf_has_number_name_and_amounts_in_english);
  g_test_add_func ("/acr/invoice-renderer/pdf-in-french-for-french-member", test_renderer_pdf_in_french_for_french_member);
  g_test_add_func ("/acr/invoice-renderer/accented-name-and-long-address-fit-the-window",
                   test_renderer_accented_name_and_long_address_fit_the_window);
  g_test_add_func ("/acr/invoice-renderer/combined-export-in-postal-code-order",
                   test_renderer_combined_export_in_postal_code_order);
  g_test_add_func ("/acr/invoice-renderer/folder-export-one-file-each-on-two-threads",
                   test_renderer_folder_export_one_file_each_on_two_threads);
  g_test_add_func ("/acr/invoice-renderer/credit-note-and-receipt", test_renderer_credit_note_and_receipt);
  g_test_add_func ("/acr/invoice-renderer/void-invoice-says-void", test_renderer_void_invoice_says_void);
  g_test_add_func ("/acr/invoice-renderer/a4-paper", test_renderer_a4_paper);
  g_test_add_func ("/acr/invoice-renderer/issuer-is-configurable", test_renderer_issuer_is_configurable);
  g_test_add_func ("/acr/invoice-renderer/draws-on-any-cairo-surface", test_renderer_draws_on_any_cairo_surface);
  g_test_add_func ("/acr/invoice-renderer/too-many-lines-refused", test_renderer_too_many_lines_refused);

  status = g_test_run ();
  remove_tmpdir (tmpdir);
  g_free (tmpdir);
  return status;
}
