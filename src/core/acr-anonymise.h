#pragma once

#include <gio/gio.h>

#include "acr-store.h"

G_BEGIN_DECLS

/*
 * Forgetting a person on request (embedded SQLite engine).
 *
 * A member: the personal fields (names, e-mail, phone, address, city,
 * region, postal code, country, NPI, programme, review note, every fact of
 * the person file) are replaced through the store's own write path, so the
 * search keys and whatever index the store keeps follow; every earlier
 * value in the member's history, their application and the name and
 * address printed on their invoices are scrubbed in the same transaction.
 * Amounts, dates, numbers, payments and credit notes stay as accounting
 * records; the name on them becomes "Anonymised member NNNNNNN". A member
 * who was active, lapsed or an applicant becomes resigned (nothing more is
 * billed). The act is recorded (when, by whom, why) in the member's history
 * and in the anonymisations table. It cannot be undone, and it is refused
 * for a member already anonymised.
 *
 * A refused application: its person and contact are replaced the same way.
 */

/* The name of an anonymised person: "Anonymised member NNNNNNN" (data, not translated). */
#define ACR_ANONYMISED_NAME "Anonymised"

/* Refused applications are kept this long, then anonymised by the lifecycle run. */
#define ACR_ANONYMISE_REFUSED_DEFAULT_MONTHS 24

gboolean  acr_anonymise_member            (AcrStore    *store,
                                           guint        number,
                                           const char  *reason,
                                           GError     **error);
gboolean  acr_anonymise_is_member_anonymised (AcrStore *store,
                                           guint        number,
                                           GError     **error);
gboolean  acr_anonymise_application       (AcrStore    *store,
                                           gint64       application_id,
                                           const char  *reason,
                                           GError     **error);
gboolean  acr_anonymise_refused_before    (AcrStore    *store,
                                           const GDate *before,
                                           gboolean     dry_run,
                                           guint       *count,
                                           GError     **error);
guint     acr_anonymise_get_refused_retention_months (AcrStore *store,
                                           GError     **error);

G_END_DECLS
