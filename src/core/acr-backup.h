#pragma once

#include <gio/gio.h>

#include "acr-store.h"

G_BEGIN_DECLS

/*
 * Backups of the embedded (SQLite) database.
 *
 * A backup is taken with SQLite's online backup API from a read transaction
 * of its own, in which the members, invoices and payments are also counted:
 * the copy and the counts are the same moment of the database, whatever
 * another process writes meanwhile. The copy is written beside its final
 * name (".NAME.partial-XXXXXX", 0600), synced, verified (PRAGMA
 * integrity_check and the three counts, read again from the copy), and only
 * then renamed to STEM-YYYY-MM-DD-HHMMSS.db. Its record, STEM-….json (0600,
 * written whole or not at all), says when, why, the counts and whether it
 * was verified; records live beside the backups, not in the database, so
 * they outlive the database they describe.
 *
 * Retention (applied after every backup): every backup of the last two
 * days is kept; older ones are kept when they are the newest verified
 * backup of one of the 14 most recent days, of one of the 8 most recent
 * weeks (Monday to Sunday) or of one of the 12 most recent months, counted
 * back from "now" in now's time zone, for each database separately (a folder
 * may hold the backups of several). The newest verified backup of each is
 * never removed. Records of failed backups are removed after 14 days.
 */

#define ACR_BACKUP_ERROR (acr_backup_error_quark ())

typedef enum
{
  ACR_BACKUP_ERROR_FAILED,     /* the copy could not be written */
  ACR_BACKUP_ERROR_UNVERIFIED, /* the copy was written but is not a faithful copy */
  ACR_BACKUP_ERROR_IN_USE,     /* another program has the database open */
  ACR_BACKUP_ERROR_INVALID,    /* the file to restore is not a usable backup */
} AcrBackupError;

#define ACR_BACKUP_KEEP_DAYS 14
#define ACR_BACKUP_KEEP_WEEKS 8
#define ACR_BACKUP_KEEP_MONTHS 12

typedef struct
{
  char      *path;         /* the backup file */
  char      *record_path;  /* its record (STEM-….json) */
  GDateTime *taken_at;
  char      *reason;       /* "manual", "daily", "before billing run", … */
  char      *source;       /* the database it was taken from */
  gboolean   verified;
  char      *problem;      /* why it is not verified, or NULL */
  gint64     members;
  gint64     invoices;
  gint64     payments;
  gint64     size;         /* bytes */
} AcrBackupInfo;

GQuark         acr_backup_error_quark        (void);

void           acr_backup_info_free          (AcrBackupInfo *info);

char          *acr_backup_default_folder     (const char    *db_path);
void           acr_backup_set_folder         (const char    *folder);
char          *acr_backup_dup_folder         (const char    *db_path);

AcrBackupInfo *acr_backup_create             (const char    *db_path,
                                              const char    *folder,
                                              const char    *reason,
                                              GDateTime     *now,
                                              GError       **error);
GPtrArray     *acr_backup_list               (const char    *folder,
                                              GError       **error);
AcrBackupInfo *acr_backup_find_last_verified (const char    *folder,
                                              const char    *db_path);
gboolean       acr_backup_apply_retention    (const char    *folder,
                                              GDateTime     *now,
                                              guint         *removed,
                                              GError       **error);
gboolean       acr_backup_verify_file        (const char    *path,
                                              gint64        *members,
                                              gint64        *invoices,
                                              gint64        *payments,
                                              GError       **error);
gboolean       acr_backup_restore            (const char    *db_path,
                                              const char    *backup_path,
                                              const char    *folder,
                                              GDateTime     *now,
                                              AcrBackupInfo **kept,
                                              GError       **error);

AcrBackupInfo *acr_backup_ensure_daily       (const char    *db_path,
                                              const char    *folder,
                                              GDateTime     *now,
                                              GError       **error);
gboolean       acr_backup_before_change      (AcrStore      *store,
                                              const char    *what,
                                              GError       **error);
gboolean       acr_backup_before_change_path (const char    *db_path,
                                              const char    *what,
                                              GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrBackupInfo, acr_backup_info_free)

G_END_DECLS
