#define G_LOG_DOMAIN "acr-test-invoices"

#include "config.h"

#include <string.h>

#include "acr-rules.h"
#include "acr-test-invoices.h"

static GDate *
date_new (int year,
          int month,
          int day)
{
  return g_date_new_dmy (day, month, year);
}

static AcrDuesQuote *
quote_person (const char *json,
              int         year,
              const GDate *billed_on)
{
  static AcrRules *rules;
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = NULL;
  AcrDuesQuote *quote;

  if (rules == NULL)
    {
      rules = acr_rules_new_default (&error);
      g_assert_no_error (error);
    }

  person = acr_person_new_from_data (json, -1, "sample.json", &error);
  g_assert_no_error (error);
  quote = acr_rules_quote (rules, person, year, billed_on, &error);
  g_assert_no_error (error);

  return quote;
}

/* The sample shown in the README, from the College's own rules: a general
 * member on active duty in Virginia (national dues, the military discount,
 * chapter dues) or a general member in Quebec who reads French, each with a
 * partial payment so that every part of the page is used. */
AcrInvoice *
acr_test_invoice_new_sample (const char *language)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) issued = date_new (2026, 11, 26);
  g_autoptr (GDate) due = date_new (2026, 12, 31);
  g_autoptr (GDate) paid_on = date_new (2026, 12, 8);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrPayment) payment = NULL;
  g_autoptr (AcrDuesQuote) quote = NULL;
  gboolean french = g_strcmp0 (language, "fr") == 0;
  const char *lines_en[] = { "4120 Colonial Parkway", "Suite 210", NULL };
  const char *lines_fr[] = { "1250, boulevard René-Lévesque Ouest", "Bureau 3400", NULL };
  AcrInvoiceInfo info = {
    .kind = ACR_INVOICE_KIND_INVOICE,
    .number = "2027-000042",
    .member_number = french ? "7140388" : "6021457",
    .member_name = french ? "Dre Hélène Côté-Bérubé" : "Dr. Margaret A. Okonkwo-Reyes",
    .address_lines = french ? lines_fr : lines_en,
    .city = french ? "Montréal" : "Alexandria",
    .region = french ? "QC" : "VA",
    .postal_code = french ? "H3B 4W8" : "22314",
    .country = french ? "CA" : "US",
    .language = french ? "fr" : "en",
    .year = 2027,
    .issued_on = issued,
    .due_on = due,
  };

  if (french)
    quote = quote_person ("{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"RCPSC\"],"
                          " \"country\": \"CA\", \"region\": \"QC\", \"in_practice\": true,"
                          " \"training\": {\"stage\": \"fellowship\", \"approved\": true, \"country\": \"CA\","
                          " \"end\": \"2012-06-30\"}}", 2027, issued);
  else
    quote = quote_person ("{\"profession\": \"physician\", \"discipline\": \"radiology\", \"certifications\": [\"ABR\"],"
                          " \"country\": \"US\", \"region\": \"VA\", \"in_practice\": true, \"military\": \"active-duty\", \"military_country\": \"US\","
                          " \"training\": {\"stage\": \"fellowship\", \"approved\": true, \"country\": \"US\","
                          " \"end\": \"2015-06-30\"}}", 2027, issued);

  invoice = acr_invoice_new_from_quote (&info, quote, &error);
  g_assert_no_error (error);

  payment = acr_payment_new (20000, paid_on, ACR_PAYMENT_METHOD_CHECK, "1187");
  acr_invoice_add_payment (invoice, payment, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&invoice);
}

/* Accented names in several scripts and more address than a window holds. */
AcrInvoice *
acr_test_invoice_new_long_address (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) issued = date_new (2026, 11, 26);
  g_autoptr (GDate) due = date_new (2026, 12, 31);
  AcrInvoice *invoice;
  const char *address[] = {
    "Département de radiologie diagnostique et interventionnelle, Pavillon Jean-Coutu-Létourneau",
    "Centre hospitalier de l’Université de Montréal (CHUM), Tour d’enseignement, porte 4E-1234",
    "1051, rue Sanguinet, Bureau D03.9876, Aile nord-est, Entrée des fournisseurs",
    "Case postale 6128, succursale Centre-ville",
    "À l’attention du Service de la comptabilité",
    NULL,
  };
  AcrDuesLine *lines[2];
  AcrInvoiceInfo info = {
    .number = "2027-012345", .member_number = "8800001",
    .member_name = "Pr Ærøskøbing-Ñúñez Żółkiewska",
    .address_lines = address, .city = "Montréal", .region = "QC", .postal_code = "H2X 0C1", .country = "CA",
    .language = "fr", .year = 2027, .issued_on = issued, .due_on = due,
  };

  lines[0] = acr_dues_line_new ("national", "National dues", 100000, FALSE);
  lines[1] = acr_dues_line_new ("chapter:QC",
                                   "Chapter dues: Association des radiologistes du Québec, section des "
                                   "membres associés et des membres en formation de la région métropolitaine",
                                   12500, FALSE);
  invoice = acr_invoice_new (&info, lines, 2, &error);
  g_assert_no_error (error);
  g_object_unref (lines[0]);
  g_object_unref (lines[1]);

  return invoice;
}

static const char * const given_names[] = {
  "Margaret", "José", "Aiko", "Chukwuemeka", "Hélène", "William", "Priya", "Søren", "Fatima", "Liam",
  "Zoë", "Raj", "Élodie", "Benedikt", "Nguyễn", "Grace",
};
static const char * const family_names[] = {
  "Okonkwo", "García Márquez", "Tanaka", "Côté", "Schmidt-Lévesque", "O'Brien", "Patel", "Johansson",
  "Al-Hashimi", "Nakamura", "Dubois", "Kowalczyk", "Ferreira", "Müller", "Thompson", "Wiśniewski",
};
static const char * const streets[] = {
  "Main Street", "Oak Avenue", "Medical Center Drive", "Boulevard Saint-Laurent", "Elm Court",
  "Research Parkway", "Lakeshore Road", "Rue Sainte-Catherine Ouest",
};
static const struct { const char *city; const char *region; const char *country; } places[] = {
  { "Reston", "VA", "US" }, { "Boston", "MA", "US" }, { "Houston", "TX", "US" }, { "Montréal", "QC", "CA" },
  { "Seattle", "WA", "US" }, { "Toronto", "ON", "CA" }, { "Chicago", "IL", "US" }, { "Québec", "QC", "CA" },
};

/* Member @index of a generated College: varied names, addresses, lines,
 * languages and payments, the same for the same index. */
AcrInvoice *
acr_test_invoice_new_generated (guint index,
                                int   year)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDate) issued = date_new (year - 1, 11, 26);
  g_autoptr (GDate) due = date_new (year - 1, 12, 31);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  guint h = index * 2654435761u;
  guint place = (h >> 3) % G_N_ELEMENTS (places);
  gboolean canadian = g_str_equal (places[place].country, "CA");
  g_autofree char *number = acr_invoice_number_format (year, index % ACR_INVOICE_SEQUENCE_MAX + 1);
  g_autofree char *member_number = g_strdup_printf ("%07u", 1000000 + index);
  g_autofree char *name = g_strdup_printf ("%s %s", given_names[h % G_N_ELEMENTS (given_names)],
                                           family_names[(h >> 5) % G_N_ELEMENTS (family_names)]);
  g_autofree char *street = g_strdup_printf ("%u %s", 10 + (h >> 7) % 9000, streets[(h >> 11) % G_N_ELEMENTS (streets)]);
  g_autofree char *postal = NULL;
  g_autofree char *chapter_code = g_strdup_printf ("chapter:%s", places[place].region);
  g_autofree char *chapter = g_strdup_printf ("Chapter dues: %s", places[place].region);
  const char *address[] = { street, (h & 0x10) ? "Department of Radiology" : NULL, NULL };
  AcrInvoiceInfo info = {
    .kind = ACR_INVOICE_KIND_INVOICE,
    .number = number,
    .member_number = member_number,
    .member_name = name,
    .address_lines = address,
    .city = places[place].city,
    .region = places[place].region,
    .country = places[place].country,
    .language = canadian && (h & 0x4) ? "fr" : "en",
    .year = year,
    .issued_on = issued,
    .due_on = due,
  };

  if (canadian)
    postal = g_strdup_printf ("H%uA %uB%u", (h >> 13) % 10, (h >> 17) % 10, (h >> 19) % 10);
  else
    postal = g_strdup_printf ("%05u", (h >> 9) % 100000);
  info.postal_code = postal;

  g_ptr_array_add (lines, acr_dues_line_new ("national", "National dues", (h & 0x100) ? 100000 : 7700, (h & 0x100) != 0));
  if (h & 0x200)
    g_ptr_array_add (lines, acr_dues_line_new ("military-discount", "Military discount (50% of national dues)",
                                                  (h & 0x100) ? -50000 : -3850, FALSE));
  g_ptr_array_add (lines, acr_dues_line_new (chapter_code, chapter, 5000 + (h >> 21) % 20 * 500, (h & 0x400) != 0));

  invoice = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, &error);
  g_assert_no_error (error);

  if (h & 0x800)
    {
      g_autoptr (GDate) paid_on = date_new (year - 1, 12, 1 + (h >> 23) % 28);
      g_autoptr (AcrPayment) payment = acr_payment_new (acr_invoice_get_total_cents (invoice) / 2, paid_on,
                                                        ACR_PAYMENT_METHOD_CARD, NULL);

      acr_invoice_add_payment (invoice, payment, &error);
      g_assert_no_error (error);
    }

  return g_steal_pointer (&invoice);
}

/* Extracts the text of @pdf with poppler's pdftotext, in reading order. */
gboolean
acr_test_run_pdftotext (const char  *pdf,
                        char       **text,
                        GError     **error)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, text, &err, &status, error))
    return FALSE;

  return g_spawn_check_wait_status (status, error);
}

/* Turns every kind of space (no-break, narrow no-break, newline) into a plain
 * space and collapses runs, so amounts compare whatever space pdftotext
 * gives back. */
char *
acr_test_normalize_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *c = text; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      if (g_unichar_isspace (ch) || ch == 0x00A0 || ch == 0x202F)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, ch);
    }

  return g_string_free (out, FALSE);
}
