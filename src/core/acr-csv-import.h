#pragma once

#include <gio/gio.h>

#include "acr-csv-reader.h"
#include "acr-search-results.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * CSV import and export of members, and import of the trainee roster that
 * residency program directors send. An import is all or nothing: every row
 * is checked first, and one bad row rejects the file with a message naming
 * every bad row, column and why (the first 50); then all rows are written
 * in one transaction.
 */

typedef struct
{
  guint added;
  guint updated;
  guint unchanged;
} AcrImportReport;

/* Called after each row is written inside the transaction (progress bars; crash tests). */
typedef void (*AcrImportProgressFunc) (guint    row,
                                       guint    n_rows,
                                       gpointer user_data);

/* Classifies a new or changed member (sets its category); FALSE with @error refuses the row. */
typedef gboolean (*AcrImportClassifyFunc) (AcrMember  *member,
                                           gpointer    user_data,
                                           GError    **error);

const char * const *acr_csv_member_columns    (void);
const char * const *acr_csv_roster_columns    (void);

gboolean acr_csv_import_members (AcrStore              *store,
                                 AcrCsvReader          *reader,
                                 AcrImportReport       *report,
                                 AcrImportProgressFunc  progress,
                                 gpointer               user_data,
                                 GError               **error);
gboolean acr_csv_import_roster  (AcrStore              *store,
                                 AcrCsvReader          *reader,
                                 AcrImportClassifyFunc  classify,
                                 AcrImportReport       *report,
                                 AcrImportProgressFunc  progress,
                                 gpointer               user_data,
                                 GError               **error);
gboolean acr_csv_export_member_ids (AcrStore          *store,
                                    GArray            *ids,
                                    GOutputStream     *stream,
                                    GError           **error);
gboolean acr_csv_export_members (AcrSearchResults      *results,
                                 GOutputStream         *stream,
                                 GError               **error);

G_END_DECLS
