#pragma once

#include <json-glib/json-glib.h>

#include "acr-file-writer.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * Everything the membership database holds about one person, on their
 * request (embedded SQLite engine): the member record (facts, contact
 * details, status), every change in their history, their applications,
 * their invoices with their lines and payments, and the anonymisations
 * recorded. One JSON document; the PDF is drawn from that same document,
 * in the person's language. A refused applicant (no member record) is
 * exported from their application.
 */

JsonNode *acr_person_export_member      (AcrStore            *store,
                                         guint                number,
                                         GError             **error);
JsonNode *acr_person_export_application (AcrStore            *store,
                                         gint64               application_id,
                                         GError             **error);
gboolean  acr_person_export_write_json  (JsonNode            *export,
                                         const char          *path,
                                         AcrFileWriterFlags   flags,
                                         GError             **error);
gboolean  acr_person_export_write_pdf   (JsonNode            *export,
                                         const char          *path,
                                         AcrFileWriterFlags   flags,
                                         GError             **error);

G_END_DECLS
