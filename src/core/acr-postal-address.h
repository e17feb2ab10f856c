#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Postal addresses as the US Postal Service wants them on an envelope:
 * the name, the street lines, "City, ST 12345" (or "Montréal QC  H3A 1A1"
 * abroad), and the country in capitals on the last line of an address
 * abroad. Invoices print them in the window of an envelope; labels and
 * letters use the same lines.
 */

const char *acr_postal_country_line     (const char          *country_code);
char       *acr_postal_address_format   (const char          *name,
                                         const char * const  *street_lines,
                                         const char          *city,
                                         const char          *region,
                                         const char          *postal_code,
                                         const char          *country_code,
                                         gboolean             join_streets);
char       *acr_postal_code_collate_key (const char          *postal_code);

G_END_DECLS
