#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrCatalog: the messages of one language, read from the compiled gettext
 * catalog (acr-membership.mo). Documents are rendered in the member's
 * language, not the process's: a French invoice must come out in French on
 * an English workstation, in the C locale of a test, and from several
 * rendering threads at once. glibc's gettext follows the process (or thread)
 * locale, which needs that locale generated on the machine (fr_CA.UTF-8 often
 * is not) and lets LANGUAGE override it; reading the .mo file directly
 * depends on neither, and an immutable table is safe to share across threads.
 *
 * The catalog is looked up in $ACR_LOCALEDIR (uninstalled builds and tests:
 * the build's po/ directory), then in LOCALEDIR, as
 * <dir>/<language>/LC_MESSAGES/acr-membership.mo. A language without a
 * catalog yields an empty catalog: every message is its English source.
 */

#define ACR_CATALOG_ERROR (acr_catalog_error_quark ())

typedef enum
{
  ACR_CATALOG_ERROR_INVALID,  /* not a .mo file, or a damaged one */
} AcrCatalogError;

#define ACR_TYPE_CATALOG (acr_catalog_get_type ())

G_DECLARE_FINAL_TYPE (AcrCatalog, acr_catalog, ACR, CATALOG, GObject)

GQuark      acr_catalog_error_quark      (void);

const char *acr_catalog_get_locale_dir   (void);

AcrCatalog *acr_catalog_get_for_language (const char  *language);
AcrCatalog *acr_catalog_new_from_file    (const char  *path,
                                          GError     **error);
AcrCatalog *acr_catalog_new_from_bytes   (GBytes      *bytes,
                                          const char  *source_name,
                                          GError     **error);
/* G_GNUC_FORMAT: a translated format string is checked like its msgid. */
const char *acr_catalog_gettext          (AcrCatalog  *self,
                                          const char  *msgid) G_GNUC_FORMAT (2);
guint       acr_catalog_get_n_messages   (AcrCatalog  *self);
const char *acr_catalog_get_source_name  (AcrCatalog  *self);

G_END_DECLS
