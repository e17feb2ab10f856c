#pragma once

#include <json-glib/json-glib.h>

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

/* Shared by the member and billing commands (acr-cli-common.c). */

extern char *acr_cli_db_path;

int        acr_cli_parse_options (const char          *name,
                                  const char          *parameter,
                                  const char          *summary,
                                  const GOptionEntry  *entries,
                                  int                 *argc,
                                  char              ***argv);
AcrStore  *acr_cli_open_store    (void);
AcrStore  *acr_cli_open_store_creating (void);
AcrMember *acr_cli_lookup_member (AcrStore            *store,
                                  const char          *text);
AcrRules  *acr_cli_load_rules    (const char          *path);
int        acr_cli_parse_date    (const char          *text,
                                  GDate               *date);
int        acr_cli_parse_int     (const char          *option,
                                  const char          *text,
                                  gint64               min,
                                  gint64               max,
                                  gint64              *out);
void       acr_cli_print_json    (JsonNode            *node);
char      *acr_cli_pad           (const char          *text,
                                  guint                width);
int        acr_cli_fail_writing  (const GError        *error);
int        acr_cli_anonymise_old_refusals (AcrStore      *store,
                                           const GDate   *on,
                                           gboolean       dry_run,
                                           const char    *months_text);

G_END_DECLS
