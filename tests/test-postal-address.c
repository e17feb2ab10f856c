/* Postal addresses: the lines of an envelope, at home and abroad. */

#include "config.h"

#include <string.h>

#include "acr-postal-address.h"

static const char * const streets[] = { "1891 Preston White Drive", "Suite 200", NULL };

static void
test_postal_address_us_lines (void)
{
  g_autofree char *text = acr_postal_address_format ("Jane Roe", streets, "Reston", "VA", "20191", "US", FALSE);
  g_autofree char *no_country = acr_postal_address_format ("Jane Roe", streets, "Reston", "VA", "20191", NULL, FALSE);

  /* A domestic address: "City, ST ZIP" and no country line. */
  g_assert_cmpstr (text, ==, "Jane Roe\n1891 Preston White Drive\nSuite 200\nReston, VA 20191");
  g_assert_cmpstr (no_country, ==, text);
}

static void
test_postal_address_abroad_lines (void)
{
  const char * const street[] = { "1001 rue Sherbrooke Ouest", NULL };
  g_autofree char *canada = acr_postal_address_format ("Jean Dupont", street, "Montréal", "QC", "H3A 1A1", "CA", FALSE);
  g_autofree char *unnamed = acr_postal_address_format ("Kiri Tane", NULL, "Auckland", NULL, "1010", "NZ", FALSE);

  /* No comma, two spaces before the postal code, the country in capitals. */
  g_assert_cmpstr (canada, ==, "Jean Dupont\n1001 rue Sherbrooke Ouest\nMontréal QC  H3A 1A1\nCANADA");
  /* A country without a name here keeps its code on the last line. */
  g_assert_cmpstr (unnamed, ==, "Kiri Tane\nAuckland  1010\nNZ");
}

static void
test_postal_address_join_streets (void)
{
  g_autofree char *text = acr_postal_address_format ("Jane Roe", streets, "Reston", "VA", "20191", "US", TRUE);

  g_assert_cmpstr (text, ==, "Jane Roe\n1891 Preston White Drive, Suite 200\nReston, VA 20191");
}

static void
test_postal_address_missing_parts (void)
{
  g_autofree char *zip_only = acr_postal_address_format ("Jane Roe", streets, NULL, NULL, "20191", NULL, FALSE);
  g_autofree char *name_only = acr_postal_address_format ("Jane Roe", NULL, NULL, NULL, NULL, "PR", FALSE);

  g_assert_cmpstr (zip_only, ==, "Jane Roe\n1891 Preston White Drive\nSuite 200\n20191");
  g_assert_cmpstr (name_only, ==, "Jane Roe");
}

static void
test_postal_address_country_line (void)
{
  g_assert_null (acr_postal_country_line (NULL));
  g_assert_null (acr_postal_country_line ("US"));
  g_assert_null (acr_postal_country_line ("PR"));
  g_assert_cmpstr (acr_postal_country_line ("GB"), ==, "UNITED KINGDOM");
  g_assert_cmpstr (acr_postal_country_line ("XX"), ==, "XX");
}

static void
test_postal_code_collate_key (void)
{
  g_autofree char *spaced = acr_postal_code_collate_key ("h3a 1a1");
  g_autofree char *zip4 = acr_postal_code_collate_key ("20191-1234");
  g_autofree char *zip = acr_postal_code_collate_key ("20191");
  g_autofree char *none = acr_postal_code_collate_key (NULL);

  g_assert_cmpstr (spaced, ==, "H3A1A1");
  g_assert_cmpstr (zip4, ==, "201911234");
  g_assert_cmpint (strcmp (zip, zip4), <, 0);
  g_assert_cmpstr (none, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/postal-address/us-lines", test_postal_address_us_lines);
  g_test_add_func ("/acr/postal-address/abroad-lines", test_postal_address_abroad_lines);
  g_test_add_func ("/acr/postal-address/join-streets", test_postal_address_join_streets);
  g_test_add_func ("/acr/postal-address/missing-parts", test_postal_address_missing_parts);
  g_test_add_func ("/acr/postal-address/country-line", test_postal_address_country_line);
  g_test_add_func ("/acr/postal-address/collate-key", test_postal_code_collate_key);

  return g_test_run ();
}
