#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Calendar days, the one way: today's date, reading "YYYY-MM-DD" and
 * writing it back. acr_date_format_long (), which writes a day in a member's
 * language, lives with the money formatting in acr-money.h, since both share
 * the language rules.
 *
 * Input checks every reader shares (person files, rules, CSV imports, the
 * CLI's arguments, the app's entries). Their errors are ACR_PERSON_ERROR_INVALID
 * with a message that does not name the field: callers prefix it
 * ("--date: …", "members.csv:3: joined: …").
 */
#define ACR_DATE_MIN_YEAR 1900
#define ACR_DATE_MAX_YEAR 2999

void               acr_date_today               (GDate        *date);
gboolean           acr_date_parse               (const char   *text,
                                                 GDate        *date,
                                                 GError      **error);
gboolean           acr_date_check_range         (const GDate  *date,
                                                 GError      **error);
gboolean           acr_date_parse_iso           (const char   *text,
                                                 GDate        *date);
char              *acr_date_format_iso          (const GDate  *date);

G_END_DECLS
