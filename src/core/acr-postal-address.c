#define G_LOG_DOMAIN "acr-postal-address"

#include "config.h"

#include "acr-postal-address.h"

/**
 * acr_postal_country_line:
 * @country_code: (nullable): an ISO 3166 code, "US", "CA"…
 *
 * Returns: (nullable): the last line of an address in @country_code, as the
 * US Postal Service wants it for mail abroad ("CANADA"); %NULL for a
 * domestic address (the United States and Puerto Rico); the code itself
 * for a country without a name here.
 */
const char *
acr_postal_country_line (const char *country_code)
{
  static const struct { const char *code; const char *name; } names[] = {
    { "CA", "CANADA" }, { "MX", "MEXICO" }, { "GB", "UNITED KINGDOM" }, { "FR", "FRANCE" },
    { "DE", "GERMANY" }, { "IE", "IRELAND" }, { "IN", "INDIA" }, { "JP", "JAPAN" },
    { "AU", "AUSTRALIA" }, { "BR", "BRAZIL" }, { "CH", "SWITZERLAND" }, { "BE", "BELGIUM" },
    { "PR", NULL }, { "US", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (country_code, names[i].code) == 0)
        return names[i].name;
    }
  return country_code;
}

/**
 * acr_postal_address_format:
 * @name: who the mail is for
 * @street_lines: (nullable) (array zero-terminated=1): the street lines
 * @city: (nullable): the city
 * @region: (nullable): the state or province, "VA", "QC"
 * @postal_code: (nullable): the ZIP or postal code
 * @country_code: (nullable): an ISO 3166 code; %NULL or "US" at home
 * @join_streets: run the street lines together on one line, separated by
 *   commas, for a window with too little room for one line each
 *
 * Returns: (transfer full): the address, one line per "\n"
 */
char *
acr_postal_address_format (const char         *name,
                           const char * const *street_lines,
                           const char         *city,
                           const char         *region,
                           const char         *postal_code,
                           const char         *country_code,
                           gboolean            join_streets)
{
  GString *text = g_string_new (name);
  const char *country = acr_postal_country_line (country_code);
  g_autoptr (GString) last = g_string_new (NULL);

  for (guint i = 0; street_lines != NULL && street_lines[i] != NULL; i++)
    {
      g_string_append (text, i > 0 && join_streets ? ", " : "\n");
      g_string_append (text, street_lines[i]);
    }

  /* "Reston, VA 20191", "Montréal QC  H3A 1A1" */
  if (city != NULL)
    g_string_append (last, city);
  if (region != NULL)
    g_string_append_printf (last, "%s%s", last->len > 0 ? (country == NULL ? ", " : " ") : "", region);
  /* One space before a ZIP code; Canada Post wants two before a postal code. */
  if (postal_code != NULL)
    g_string_append_printf (last, "%s%s", last->len == 0 ? "" : country == NULL ? " " : "  ", postal_code);
  if (last->len > 0)
    g_string_append_printf (text, "\n%s", last->str);
  if (country != NULL)
    g_string_append_printf (text, "\n%s", country);

  return g_string_free (text, FALSE);
}

/**
 * acr_postal_code_collate_key:
 * @postal_code: (nullable): a ZIP or postal code as typed
 *
 * Returns: (transfer full): a key that sorts mail by postal code with
 * strcmp(): its letters and digits, in capitals, so that "h3a 1a1" and
 * "H3A1A1" sort together and a ZIP+4 sorts after its ZIP. An empty string
 * when @postal_code has none.
 */
char *
acr_postal_code_collate_key (const char *postal_code)
{
  GString *key = g_string_new (NULL);

  for (const char *c = postal_code; c != NULL && *c != '\0'; c++)
    {
      if (g_ascii_isalnum (*c))
        g_string_append_c (key, g_ascii_toupper (*c));
    }

  return g_string_free (key, FALSE);
}
