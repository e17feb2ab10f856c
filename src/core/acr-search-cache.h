#pragma once

#include <glib.h>

#include "acr-search-index.h"

G_BEGIN_DECLS

/*
 * The lookup index's inputs kept next to the database (<database>.search-index):
 * every member's folded keys in family-name order and the other orders, in
 * one file read in one sequential pass, so a start does not walk five SQLite
 * indexes page by page (8.7 s cold, 2.2 s warm at a million members). It
 * holds the members' version it was written at (the schema's counter bumped
 * by every write to members) and the database file's inode; a file that
 * does not match, or fails its checksum or any bound, is not used (the
 * index is read from the database and the file written again). Written
 * atomically (AcrFileWriter), mode 0600.
 */

char           *acr_search_cache_path       (const char          *database_path);

/* While the index is read from the database: the keys of each row, in order. */
void            acr_search_cache_add_record (GByteArray          *records,
                                             const AcrSearchKeys *keys);
gboolean        acr_search_cache_save       (const char          *database_path,
                                             gint64               members_version,
                                             GByteArray          *records,
                                             guint                n_rows,
                                             GArray              *ids_by_given,
                                             GArray              *ids_by_email,
                                             GArray              *ids_by_postal,
                                             GArray              *ids_by_npi,
                                             GError             **error);

/* The index, loaded and finished, or NULL with @error saying why the file was not used. */
AcrSearchIndex *acr_search_cache_load       (const char          *database_path,
                                             gint64               members_version,
                                             GError             **error);

G_END_DECLS
