/* Invoice rendering benchmark (meson benchmark "invoice-render"):
 *
 *   bench-invoice-render [--count N]      (default 40000)
 *
 * Generates N invoices in memory and times, in one run:
 *   (a) AcrInvoiceRenderer into one combined PDF,
 *   (b) AcrInvoiceRenderer into one PDF per invoice, on one thread and on
 *       every processor,
 * and a bare pangocairo loop that draws the same page layout (same fonts,
 * same texts, same positions, layouts cached the same way) from strings
 * prepared beforehand, with no model, formatting or translation work, into
 * one PDF and into one PDF per page. The bare loop is the practical limit;
 * the ratio renderer / bare says what the model and the renderer's own
 * logic cost on top. Targets: ratio ≤ 1.5, ≥ 500 invoices/s combined,
 * ≥ 250 invoices/s as separate files on one core.
 *
 * First, end to end from the database (--db-members N, default 40000: the
 * bench-members-N.db of the build directory, copied and billed for 2027,
 * not timed): the real `acr-membership-cli invoice-pdf` of every invoice
 * into one PDF (a process: exec, rules, store, reading each invoice,
 * rendering), against the limit: a minimal pangocairo page of about 15
 * text lines per invoice, read with one SQL pass over the same invoices and
 * their lines, into one PDF. Target: ≤ 1.2× end to end. Peak RSS of each. */

#define G_LOG_DOMAIN "bench-invoice-render"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <sqlite3.h>
#include <sys/wait.h>

#include "acr-bench.h"
#include "acr-billing-run.h"
#include "acr-billing.h"
#include "acr-catalog.h"
#include "acr-invoice-renderer.h"
#include "acr-money.h"
#include "acr-test-invoices.h"
#include "acr-test-utils.h"

#define MAX_ITEMS 48

typedef enum
{
  F_BODY, F_STRONG, F_SMALL, F_NOTE, F_LABEL, F_TITLE, F_ISSUER, F_BIG, N_F
} BareFont;

static const char * const bare_fonts[N_F] = {
  "Cantarell 10", "Cantarell Bold 10", "Cantarell 8", "Cantarell 9", "Cantarell Bold 7",
  "Cantarell Bold 24", "Cantarell Bold 13", "Cantarell Bold 18",
};

/* One text of the page: where, in which font, how wide, aligned how. */
typedef struct
{
  BareFont font;
  double   x, y, width;
  gboolean right;
  gboolean tabular;
  int      max_lines;
} BareSlot;

typedef struct
{
  char *texts[MAX_ITEMS];
  int   slots[MAX_ITEMS];
  guint n;
} BarePage;

typedef struct
{
  PangoFontMap *font_map;
  PangoContext *context;
  PangoLayout  *layouts[MAX_ITEMS];
  char         *current[MAX_ITEMS];
} Bare;

/* The renderer's page, as fixed positions (Letter). */
static const BareSlot slots[] = {
  /*  0 issuer      */ { F_ISSUER, 72, 36, 324, FALSE, FALSE, 1 },
  /*  1 issuer addr */ { F_SMALL, 72, 54, 324, FALSE, FALSE, 1 },
  /*  2 title       */ { F_TITLE, 338, 30, 220, TRUE, FALSE, 1 },
  /*  3 number      */ { F_BODY, 338, 60, 220, TRUE, TRUE, 1 },
  /*  4 address     */ { F_BODY, 72, 150, 306, FALSE, FALSE, 1 },
  /*  5 sum label   */ { F_LABEL, 415, 153, 133, FALSE, FALSE, 1 },
  /*  6 sum amount  */ { F_BIG, 415, 165, 133, FALSE, TRUE, 1 },
  /*  7 sum note    */ { F_SMALL, 415, 192, 133, FALSE, FALSE, 2 },
  /*  8..11 meta labels, 12..15 meta values */
  { F_LABEL, 72, 255, 113, FALSE, FALSE, 1 }, { F_LABEL, 193.5, 255, 113, FALSE, FALSE, 1 },
  { F_LABEL, 315, 255, 113, FALSE, FALSE, 1 }, { F_LABEL, 436.5, 255, 113, FALSE, FALSE, 1 },
  { F_BODY, 72, 266, 113, FALSE, TRUE, 1 }, { F_BODY, 193.5, 266, 113, FALSE, TRUE, 1 },
  { F_BODY, 315, 266, 113, FALSE, TRUE, 1 }, { F_BODY, 436.5, 266, 113, FALSE, TRUE, 1 },
  /* 16, 17 table head */
  { F_LABEL, 72, 307, 356, FALSE, FALSE, 1 }, { F_LABEL, 448, 307, 110, TRUE, FALSE, 1 },
  /* 18..21 row descriptions, 22..25 row amounts */
  { F_BODY, 72, 323, 356, FALSE, FALSE, 2 }, { F_BODY, 72, 342, 356, FALSE, FALSE, 2 },
  { F_BODY, 72, 361, 356, FALSE, FALSE, 2 }, { F_BODY, 72, 380, 356, FALSE, FALSE, 2 },
  { F_BODY, 448, 323, 110, TRUE, TRUE, 1 }, { F_BODY, 448, 342, 110, TRUE, TRUE, 1 },
  { F_BODY, 448, 361, 110, TRUE, TRUE, 1 }, { F_BODY, 448, 380, 110, TRUE, TRUE, 1 },
  /* 26..28 total labels, 29..31 total amounts */
  { F_BODY, 72, 405, 356, TRUE, FALSE, 1 }, { F_BODY, 72, 421, 356, TRUE, FALSE, 1 },
  { F_STRONG, 72, 440, 356, TRUE, FALSE, 1 },
  { F_BODY, 448, 405, 110, TRUE, TRUE, 1 }, { F_BODY, 448, 421, 110, TRUE, TRUE, 1 },
  { F_STRONG, 448, 440, 110, TRUE, TRUE, 1 },
  /* 32 note, 33 instructions head, 34 instructions body, 35 footer */
  { F_NOTE, 72, 470, 486, FALSE, FALSE, 0 },
  { F_STRONG, 86, 510, 462, FALSE, FALSE, 1 },
  { F_NOTE, 86, 527, 462, FALSE, FALSE, 0 },
  { F_SMALL, 72, 754, 486, FALSE, FALSE, 1 },
};

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Processor time of the whole process, every thread: on a machine shared
 * with other work, invoices per CPU-second says what the code costs even
 * when the wall clock says what the machine had to spare. */
static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static void
page_add (BarePage   *page,
          int         slot,
          const char *text)
{
  g_assert (page->n < MAX_ITEMS);
  page->slots[page->n] = slot;
  page->texts[page->n] = g_strdup (text);
  page->n++;
}

/* Prepares, outside the timed loop, every string the page shows: what the
 * renderer computes from the model on each page. Labels are in capitals and
 * letter-spaced, as the renderer sets them. */
static void
page_prepare (BarePage   *page,
              AcrInvoice *invoice)
{
  const char *lang = acr_invoice_get_language (invoice);
  AcrCatalog *catalog = acr_catalog_get_for_language (lang);
  GListModel *lines = acr_invoice_get_lines (invoice);
  GListModel *payments = acr_invoice_get_payments (invoice);
  GString *address = g_string_new (acr_invoice_get_member_name (invoice));
  const char * const *streets = acr_invoice_get_address_lines (invoice);
  g_autofree char *issued = acr_date_format_long (acr_invoice_get_issued_on (invoice), lang);
  g_autofree char *due = acr_date_format_long (acr_invoice_get_due_on (invoice), lang);
  g_autofree char *number = g_strdup_printf ("No. %s", acr_invoice_get_number (invoice));
  g_autofree char *balance = acr_money_format (acr_invoice_get_balance_cents (invoice), lang);
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), lang);
  g_autofree char *year = g_strdup_printf ("%d", acr_invoice_get_year (invoice));
  g_autofree char *due_note = g_strdup_printf ("Please pay by %s", due);
  g_autofree char *body = g_strdup_printf ("By check: make it payable to American College of Radiology, write invoice "
                                           "number %s on it, and mail it to American College of Radiology, 1891 "
                                           "Preston White Drive, Reston, VA 20191.\nBy card or bank transfer: contact "
                                           "Member Services and quote invoice number %s and member number %s.",
                                           acr_invoice_get_number (invoice), acr_invoice_get_number (invoice),
                                           acr_invoice_get_member_number (invoice));
  g_autofree char *footer = g_strdup_printf ("American College of Radiology · %s · Member %s · %s", number,
                                             acr_invoice_get_member_number (invoice), issued);
  g_autofree char *address_text = NULL;

  for (guint i = 0; streets[i] != NULL; i++)
    g_string_append_printf (address, "\n%s", streets[i]);
  g_string_append_printf (address, "\n%s, %s %s", acr_invoice_get_city (invoice), acr_invoice_get_region (invoice),
                          acr_invoice_get_postal_code (invoice));
  address_text = g_string_free (address, FALSE);

  page_add (page, 0, "American College of Radiology");
  page_add (page, 1, "1891 Preston White Drive · Reston, VA 20191");
  page_add (page, 2, acr_catalog_gettext (catalog, "Invoice"));
  page_add (page, 3, number);
  page_add (page, 4, address_text);
  page_add (page, 5, "AMOUNT DUE");
  page_add (page, 6, balance);
  page_add (page, 7, due_note);
  page_add (page, 8, "MEMBER NUMBER");
  page_add (page, 9, "INVOICE DATE");
  page_add (page, 10, "DUE DATE");
  page_add (page, 11, "MEMBERSHIP YEAR");
  page_add (page, 12, acr_invoice_get_member_number (invoice));
  page_add (page, 13, issued);
  page_add (page, 14, due);
  page_add (page, 15, year);
  page_add (page, 16, "DESCRIPTION");
  page_add (page, 17, "AMOUNT");
  for (guint i = 0; i < MIN (g_list_model_get_n_items (lines), 4); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = acr_money_format (acr_dues_line_get_amount_cents (line), lang);

      page_add (page, 18 + i, acr_dues_line_get_description (line));
      page_add (page, 22 + i, amount);
    }
  page_add (page, 26, "Total");
  page_add (page, 29, total);
  if (g_list_model_get_n_items (payments) > 0)
    {
      g_autoptr (AcrPayment) payment = g_list_model_get_item (payments, 0);
      g_autofree char *date = acr_date_format_long (acr_payment_get_date (payment), lang);
      g_autofree char *label = g_strdup_printf ("Paid %s (Card)", date);
      g_autofree char *amount = acr_money_format (-acr_payment_get_amount_cents (payment), lang);

      page_add (page, 27, label);
      page_add (page, 30, amount);
    }
  page_add (page, 28, "Balance due");
  page_add (page, 31, balance);
  if (acr_invoice_get_placeholder (invoice))
    page_add (page, 32, "* Provisional amount: the 2027 dues on the lines marked * are not yet final. If a final "
                        "amount differs, you will receive a corrected invoice or a credit note.");
  page_add (page, 33, "How to pay");
  page_add (page, 34, body);
  page_add (page, 35, footer);
}

static void
page_clear (BarePage *page)
{
  for (guint i = 0; i < page->n; i++)
    g_free (page->texts[i]);
  page->n = 0;
}

static Bare *
bare_new (void)
{
  Bare *bare = g_new0 (Bare, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  bare->font_map = pango_cairo_font_map_new ();
  bare->context = pango_font_map_create_context (bare->font_map);
  pango_cairo_context_set_resolution (bare->context, 72);
  pango_context_set_round_glyph_positions (bare->context, FALSE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (bare->context, options);
  cairo_font_options_destroy (options);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      PangoLayout *layout = pango_layout_new (bare->context);
      PangoFontDescription *font = pango_font_description_from_string (bare_fonts[slots[i].font]);
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, pango_units_from_double (slots[i].width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, slots[i].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (slots[i].max_lines > 0)
        {
          pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (layout, -slots[i].max_lines);
        }
      if (slots[i].tabular)
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      if (slots[i].font == F_LABEL)
        pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (pango_units_from_double (0.6)));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_font_description_free (font);
      bare->layouts[i] = layout;
    }

  return bare;
}

static void
bare_free (Bare *bare)
{
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_object_unref (bare->layouts[i]);
      g_free (bare->current[i]);
    }
  g_object_unref (bare->context);
  g_object_unref (bare->font_map);
  g_free (bare);
}

static void
bare_rule (cairo_t *cr,
           double   x1,
           double   x2,
           double   y,
           double   width)
{
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
}

static void
bare_draw (Bare           *bare,
           cairo_t        *cr,
           const BarePage *page)
{
  pango_cairo_update_context (cr, bare->context);

  cairo_set_source_rgb (cr, 0.94, 0.95, 0.96);
  cairo_rectangle (cr, 405, 144, 153, 81);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.72, 0.73, 0.75);
  bare_rule (cr, 14, 24, 264, 0.5);
  bare_rule (cr, 14, 24, 528, 0.5);
  bare_rule (cr, 72, 558, 247, 0.75);
  bare_rule (cr, 72, 558, 320, 1);
  bare_rule (cr, 72, 558, 339, 0.35);
  bare_rule (cr, 72, 558, 358, 0.35);
  bare_rule (cr, 72, 558, 398, 1);
  bare_rule (cr, 278, 558, 436, 1);
  bare_rule (cr, 72, 558, 750, 0.5);
  cairo_rectangle (cr, 72, 500, 2.5, 70);
  cairo_fill (cr);

  for (guint i = 0; i < page->n; i++)
    {
      int slot = page->slots[i];
      PangoLayout *layout = bare->layouts[slot];

      if (g_strcmp0 (bare->current[slot], page->texts[i]) != 0)
        {
          g_free (bare->current[slot]);
          bare->current[slot] = g_strdup (page->texts[i]);
          pango_layout_set_text (layout, page->texts[i], -1);
        }
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.11);
      cairo_move_to (cr, slots[slot].x, slots[slot].y);
      if (slot == 4)
        {
          /* The address window clips, as the renderer's does. */
          cairo_save (cr);
          cairo_rectangle (cr, 63, 144, 324, 81);
          cairo_clip (cr);
          cairo_move_to (cr, slots[slot].x, slots[slot].y);
          pango_cairo_show_layout (cr, layout);
          cairo_restore (cr);
        }
      else
        pango_cairo_show_layout (cr, layout);
    }
}

static void
bare_write_file (Bare           *bare,
                 const BarePage *page,
                 const char     *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 612, 792);
  cairo_t *cr = cairo_create (surface);

  bare_draw (bare, cr, page);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static char *
load_average (void)
{
  static char text[128];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "unknown\n";
  g_strlcpy (text, contents, sizeof text);
  return text;
}

static void
remove_files (const char *dir)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (guint64) buf.st_size : 0;
}

/* The limit of invoice-pdf: the database read in one pass and a minimal
 * page of about 15 text lines (issuer, title, number, dates, the member's
 * name and address, member number, each line, total) per invoice. */
static gboolean
minimal_pages_from_db (const char *db_path,
                       const char *pdf_path,
                       guint      *n_pages)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *invoices = NULL, *lines = NULL;
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell 10");
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id, number, issued_on, due_on, member_name, member_number,"
                              " coalesce (address, ''), coalesce (city, ''), coalesce (region, ''),"
                              " coalesce (postal_code, ''), coalesce (country, ''), total_cents, currency"
                              " FROM invoices WHERE kind = 'invoice' ORDER BY postal_code, number",
                          -1, &invoices, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT code, description, amount_cents FROM invoice_lines"
                              " WHERE invoice_id = ? ORDER BY position", -1, &lines, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      pango_font_description_free (font);
      g_object_unref (layout);
      g_object_unref (context);
      return FALSE;
    }

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, 468 * PANGO_SCALE);
  surface = cairo_pdf_surface_create (pdf_path, 612, 792);
  cr = cairo_create (surface);
  *n_pages = 0;
  while (sqlite3_step (invoices) == SQLITE_ROW)
    {
      g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      gint64 total = sqlite3_column_int64 (invoices, 11);
      double y = 54;

      pango_cairo_update_context (cr, context);
      g_ptr_array_add (texts, g_strdup ("American College of Radiology"));
      g_ptr_array_add (texts, g_strdup ("Invoice"));
      g_ptr_array_add (texts, g_strdup_printf ("No. %s", sqlite3_column_text (invoices, 1)));
      g_ptr_array_add (texts, g_strdup_printf ("Issued %s, due %s", sqlite3_column_text (invoices, 2),
                                               sqlite3_column_text (invoices, 3)));
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (invoices, 4)));
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (invoices, 6)));
      g_ptr_array_add (texts, g_strdup_printf ("%s %s %s", sqlite3_column_text (invoices, 7),
                                               sqlite3_column_text (invoices, 8), sqlite3_column_text (invoices, 9)));
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (invoices, 10)));
      g_ptr_array_add (texts, g_strdup_printf ("Member %s", sqlite3_column_text (invoices, 5)));
      sqlite3_bind_int64 (lines, 1, sqlite3_column_int64 (invoices, 0));
      while (sqlite3_step (lines) == SQLITE_ROW)
        {
          gint64 cents = sqlite3_column_int64 (lines, 2);

          g_ptr_array_add (texts, g_strdup_printf ("%s  %s  %" G_GINT64_FORMAT ".%02d", sqlite3_column_text (lines, 0),
                                                   sqlite3_column_text (lines, 1), cents / 100, (int) ABS (cents % 100)));
        }
      sqlite3_reset (lines);
      g_ptr_array_add (texts, g_strdup_printf ("Total %s %" G_GINT64_FORMAT ".%02d", sqlite3_column_text (invoices, 12),
                                               total / 100, (int) ABS (total % 100)));
      g_ptr_array_add (texts, g_strdup ("Please pay by the due date."));
      g_ptr_array_add (texts, g_strdup ("Questions: membership@acr.org"));
      while (texts->len < 15)
        g_ptr_array_add (texts, g_strdup (""));

      for (guint i = 0; i < texts->len; i++)
        {
          pango_layout_set_text (layout, texts->pdata[i], -1);
          cairo_move_to (cr, 72, y);
          pango_cairo_show_layout (cr, layout);
          y += 18;
        }
      cairo_show_page (cr);
      (*n_pages)++;
    }
  sqlite3_finalize (lines);
  sqlite3_finalize (invoices);
  sqlite3_close (db);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy (surface);
  pango_font_description_free (font);
  g_object_unref (layout);
  g_object_unref (context);

  return ok;
}

/* Runs @argv, returns its wall time in seconds (< 0 on a failure), its CPU time and its peak RSS. */
static double
run_timed (const char * const *argv,
           double             *cpu_seconds,
           double             *peak_rss_mb)
{
  g_autoptr (GError) error = NULL;
  struct rusage usage;
  double t0 = now ();
  GPid pid;
  int status;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("%s: %s\n", argv[0], error->message);
      return -1;
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("%s failed (status %d)\n", argv[0], status);
      return -1;
    }
  *peak_rss_mb = usage.ru_maxrss / 1024.0;
  *cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  return now () - t0;
}

/* (0) invoice-pdf end to end, against a minimal page read from the database. */
static gboolean
bench_end_to_end (const char *tmp,
                  guint       n_members)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  const char *cli = g_getenv ("ACR_CLI");
  g_autofree char *name = g_strdup_printf ("bench-members-%u.db", n_members);
  g_autofree char *cached = g_build_filename (builddir != NULL ? builddir : ".", name, NULL);
  g_autofree char *db_path = g_build_filename (tmp, "billed.db", NULL);
  g_autofree char *pdf = g_build_filename (tmp, "invoice-pdf.pdf", NULL);
  g_autofree char *bare_pdf = g_build_filename (tmp, "minimal.pdf", NULL);
  g_autoptr (GFile) from = NULL;
  g_autoptr (GFile) to = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  double best_cli = G_MAXDOUBLE, best_bare = G_MAXDOUBLE, cli_rss = 0, bare_rss;
  double best_cli_cpu = G_MAXDOUBLE, best_bare_cpu = G_MAXDOUBLE;
  guint n_pages = 0;

  if (cli == NULL)
    {
      printf ("  (end to end skipped: ACR_CLI does not name acr-membership-cli)\n");
      return TRUE;
    }

  /* Not timed: the members, billed for 2027. */
  acr_test_ensure_sample_database (cached, n_members);
  from = g_file_new_for_path (cached);
  to = g_file_new_for_path (db_path);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  {
    g_autoptr (AcrStore) store = acr_store_open (db_path, &error);
    g_autoptr (AcrRules) rules = store != NULL ? acr_rules_new_default (&error) : NULL;
    g_autoptr (AcrBilling) billing = NULL;
    g_autoptr (AcrBillingRun) run = NULL;
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    GDate on;

    if (rules == NULL)
      g_error ("%s", error->message);
    g_date_clear (&on, 1);
    g_date_set_dmy (&on, 2, G_DATE_NOVEMBER, 2026);
    billing = acr_billing_new (store, rules);
    run = acr_billing_run_new (billing, 2027, &on);
    if (!acr_billing_run_execute (run, FALSE, NULL, &error))
      g_error ("%s", error->message);
    g_clear_object (&run);
    g_clear_object (&billing);
    g_clear_object (&store);

    g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT number FROM invoices WHERE kind = 'invoice' ORDER BY number",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "invoice-pdf");
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, db_path);
  g_ptr_array_add (argv, "--force");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, pdf);
  for (guint i = 0; i < numbers->len; i++)
    g_ptr_array_add (argv, numbers->pdata[i]);
  g_ptr_array_add (argv, NULL);

  /* Twice each, in turns; the faster round of each counts. */
  for (int round = 0; round < 2; round++)
    {
      double rss = 0, seconds, cpu = 0;
      double t0, c0;

      seconds = run_timed ((const char * const *) argv->pdata, &cpu, &rss);
      if (seconds < 0)
        return FALSE;
      best_cli = MIN (best_cli, seconds);
      best_cli_cpu = MIN (best_cli_cpu, cpu);
      cli_rss = MAX (cli_rss, rss);
      printf ("  invoice-pdf end to end (process):  %8.0f invoices/s  (%.2f s, %.0f per CPU-s, %u invoices, %.1f MB, peak RSS %.0f MB)\n",
              numbers->len / seconds, seconds, numbers->len / cpu, numbers->len, file_size (pdf) / 1e6, rss);
      g_unlink (pdf);

      t0 = now ();
      c0 = cpu_now ();
      if (!minimal_pages_from_db (db_path, bare_pdf, &n_pages))
        return FALSE;
      seconds = now () - t0;
      cpu = cpu_now () - c0;
      best_bare = MIN (best_bare, seconds);
      best_bare_cpu = MIN (best_bare_cpu, cpu);
      printf ("  minimal page + database read:      %8.0f invoices/s  (%.2f s, %.0f per CPU-s, %u pages, %.1f MB)\n",
              n_pages / seconds, seconds, n_pages / cpu, n_pages, file_size (bare_pdf) / 1e6);
      g_unlink (bare_pdf);
    }
  bare_rss = acr_bench_peak_rss_mb (RUSAGE_SELF);
  g_assert_cmpuint (n_pages, ==, numbers->len);

  printf ("  peak RSS: invoice-pdf %.0f MB, minimal loop (this process so far) %.0f MB\n", cli_rss, bare_rss);
  printf ("ratio invoice-pdf / minimal page end to end: wall clock %.2f× (best rounds %.0f/s vs %.0f/s),"
          " CPU time %.2f×   target ≤ 1.2×: %s\n",
          best_cli / best_bare, numbers->len / best_cli, numbers->len / best_bare, best_cli_cpu / best_bare_cpu,
          best_cli / best_bare <= 1.2 ? "met" : "MISSED");
  g_unlink (db_path);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr (GOptionContext) options = g_option_context_new ("— time invoice PDF rendering");
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autofree char *tmp = NULL;
  g_autofree char *combined = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *bare_combined = NULL;
  g_autofree AcrInvoice **invoices = NULL;
  g_autofree BarePage *pages = NULL;
  int count = 40000;
  int db_members = 40000;
  guint n_cpus = g_get_num_processors ();
  double t0;
  double c0;
  double rate_combined, rate_separate, rate_parallel, rate_bare_combined, rate_bare_separate;
  double cpu_rate_combined, cpu_rate_bare_combined, cpu_rate_separate, cpu_rate_bare_separate;
  double seconds;
  GOptionEntry entries[] = {
    { "count", 'n', 0, G_OPTION_ARG_INT, &count, "How many invoices (default 40000)", "N" },
    { "db-members", 0, 0, G_OPTION_ARG_INT, &db_members, "Members billed for the end-to-end part (default 40000, 0: skip it)", "N" },
    { NULL },
  };

  /* Each figure as soon as it is known, even into a pipe or a log. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || count < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--count must be at least 1");
      return 2;
    }

  tmp = g_dir_make_tmp ("acr-bench-render-XXXXXX", &error);
  g_assert_no_error (error);
  acr_bench_print_header ("invoice-render");

  /* First, before this process holds the in-memory invoices below. */
  if (db_members > 0)
    {
      printf ("end to end from a database of %d members billed for 2027:\n", db_members);
      if (!bench_end_to_end (tmp, db_members))
        return EXIT_FAILURE;
    }
  combined = g_build_filename (tmp, "combined.pdf", NULL);
  bare_combined = g_build_filename (tmp, "bare-combined.pdf", NULL);
  folder = g_build_filename (tmp, "separate", NULL);
  g_mkdir (folder, 0755);

  t0 = now ();
  invoices = g_new (AcrInvoice *, count);
  for (int i = 0; i < count; i++)
    invoices[i] = acr_test_invoice_new_generated (i, 2027);
  printf ("invoice-render: %d invoices generated in memory in %.2f s; %u processors; load average %s",
          count, now () - t0, n_cpus, load_average ());

  pages = g_new0 (BarePage, count);
  for (int i = 0; i < count; i++)
    page_prepare (&pages[i], invoices[i]);

  /* Warm up fontconfig and the font caches so the first timing is fair. */
  {
    g_autofree char *warm = g_build_filename (tmp, "warm.pdf", NULL);
    Bare *bare = bare_new ();

    g_assert_true (acr_invoice_renderer_export_pdf (renderer, invoices[0], warm, ACR_FILE_WRITER_REPLACE, &error));
    bare_write_file (bare, &pages[0], warm);
    bare_free (bare);
    g_unlink (warm);
  }

  /* (a) one combined PDF, twice each, renderer and bare loop in turn; the
   * faster round of each counts, so that a burst of other work on the
   * machine during one round does not decide the ratio. */
  rate_combined = rate_bare_combined = cpu_rate_combined = cpu_rate_bare_combined = 0;
  for (int round = 0; round < 2; round++)
    {
      Bare *bare = bare_new ();
      cairo_surface_t *surface;
      cairo_t *cr;

      t0 = now ();
      c0 = cpu_now ();
      if (!acr_invoice_renderer_export_combined (renderer, invoices, count, combined, ACR_FILE_WRITER_REPLACE, NULL, &error))
        g_error ("%s", error->message);
      seconds = now () - t0;
      rate_combined = MAX (rate_combined, count / seconds);
      cpu_rate_combined = MAX (cpu_rate_combined, count / (cpu_now () - c0));
      printf ("  renderer, combined PDF:             %8.0f invoices/s  (%.2f s, %.0f per CPU-s, %.1f MB)\n",
              count / seconds, seconds, count / (cpu_now () - c0), file_size (combined) / 1e6);
      g_unlink (combined);

      t0 = now ();
      c0 = cpu_now ();
      surface = cairo_pdf_surface_create (bare_combined, 612, 792);
      cr = cairo_create (surface);
      for (int i = 0; i < count; i++)
        {
          bare_draw (bare, cr, &pages[i]);
          cairo_show_page (cr);
        }
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      cairo_surface_destroy (surface);
      seconds = now () - t0;
      rate_bare_combined = MAX (rate_bare_combined, count / seconds);
      cpu_rate_bare_combined = MAX (cpu_rate_bare_combined, count / (cpu_now () - c0));
      printf ("  bare pangocairo, combined PDF:      %8.0f invoices/s  (%.2f s, %.0f per CPU-s, %.1f MB)\n",
              count / seconds, seconds, count / (cpu_now () - c0), file_size (bare_combined) / 1e6);
      g_unlink (bare_combined);
      bare_free (bare);
    }

  /* (b) one PDF per invoice, one thread. The renderer and the bare loop
   * take turns, a chunk each, so that both see the same machine when other
   * work comes and goes. */
  {
    Bare *bare = bare_new ();
    double wall_renderer = 0, cpu_renderer = 0, wall_bare = 0, cpu_bare = 0;
    const int chunk = 2000;
    guint64 size = 0;

    for (int start = 0; start < count; start += chunk)
      {
        int n = MIN (chunk, count - start);

        t0 = now ();
        c0 = cpu_now ();
        if (!acr_invoice_renderer_export_folder (renderer, invoices + start, n, folder, ACR_FILE_WRITER_REPLACE, 1, NULL, &error))
          g_error ("%s", error->message);
        wall_renderer += now () - t0;
        cpu_renderer += cpu_now () - c0;
        if (start == 0)
          {
            g_autofree char *name = acr_invoice_renderer_dup_file_name (invoices[0]);
            g_autofree char *first = g_build_filename (folder, name, NULL);

            size = file_size (first);
          }
        remove_files (folder);

        t0 = now ();
        c0 = cpu_now ();
        for (int i = start; i < start + n; i++)
          {
            g_autofree char *name = g_strdup_printf ("%s/bare-%d.pdf", folder, i);

            bare_write_file (bare, &pages[i], name);
          }
        wall_bare += now () - t0;
        cpu_bare += cpu_now () - c0;
        remove_files (folder);
      }
    bare_free (bare);

    rate_separate = count / wall_renderer;
    rate_bare_separate = count / wall_bare;
    cpu_rate_separate = count / cpu_renderer;
    cpu_rate_bare_separate = count / cpu_bare;
    printf ("  renderer, separate files, 1 thread: %8.0f invoices/s  (%.2f s, %.0f per CPU-s, %.1f kB each)\n",
            rate_separate, wall_renderer, cpu_rate_separate, size / 1e3);
    printf ("  bare pangocairo, separate, 1 thread:%8.0f invoices/s  (%.2f s, %.0f per CPU-s)\n",
            rate_bare_separate, wall_bare, cpu_rate_bare_separate);
  }

  /* (b) one PDF per invoice, every processor */
  t0 = now ();
  c0 = cpu_now ();
  if (!acr_invoice_renderer_export_folder (renderer, invoices, count, folder, ACR_FILE_WRITER_REPLACE, 0, NULL, &error))
    g_error ("%s", error->message);
  seconds = now () - t0;
  rate_parallel = count / seconds;
  printf ("  renderer, separate files, %u threads:%7.0f invoices/s  (%.2f s, %.0f per CPU-s, ×%.2f over 1 thread)\n",
          n_cpus, rate_parallel, seconds, count / (cpu_now () - c0), rate_parallel / rate_separate);
  remove_files (folder);

  printf ("best rounds: renderer combined %.0f/s, bare combined %.0f/s\n", rate_combined, rate_bare_combined);
  printf ("ratio renderer/bare, wall clock: combined %.2f, separate %.2f; CPU time: combined %.2f, separate %.2f"
          "   (target ≤ 1.5)\n",
          rate_bare_combined / rate_combined, rate_bare_separate / rate_separate,
          cpu_rate_bare_combined / cpu_rate_combined, cpu_rate_bare_separate / cpu_rate_separate);
  printf ("targets (wall clock): combined ≥ 500/s: %s; separate on one core ≥ 250/s: %s; ratios ≤ 1.5: %s\n",
          rate_combined >= 500 ? "met" : "MISSED",
          rate_separate >= 250 ? "met" : "MISSED",
          (rate_bare_combined / rate_combined <= 1.5 && rate_bare_separate / rate_separate <= 1.5) ? "met" : "MISSED");
  printf ("targets (per CPU-second, load-independent): combined ≥ 500: %s; separate ≥ 250: %s; ratios ≤ 1.5: %s\n",
          cpu_rate_combined >= 500 ? "met" : "MISSED",
          cpu_rate_separate >= 250 ? "met" : "MISSED",
          (cpu_rate_bare_combined / cpu_rate_combined <= 1.5 && cpu_rate_bare_separate / cpu_rate_separate <= 1.5)
          ? "met" : "MISSED");
  printf ("load average at the end: %s", load_average ());
  printf ("peak RSS of this process %.0f MB\n", acr_bench_peak_rss_mb (RUSAGE_SELF));

  for (int i = 0; i < count; i++)
    {
      page_clear (&pages[i]);
      g_object_unref (invoices[i]);
    }
  g_rmdir (folder);
  g_rmdir (tmp);

  return 0;
}
