#pragma once

#include <json-glib/json-glib.h>

#include "acr-rules.h"
#include "acr-search-results.h"
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

/* The filters and order of every command that takes a lookup (members,
 * export, labels, cards), as options: ACR_CLI_LOOKUP_ENTRIES (&lookup) in
 * the command's entries, then acr_cli_lookup_query (). */
typedef struct
{
  char *category;
  char *status;
  char *chapter;
  char *sort;
  char *text;
} AcrCliLookup;

#define ACR_CLI_LOOKUP_ENTRIES(lookup) \
  { "category", 0, 0, G_OPTION_ARG_STRING, &(lookup)->category, N_("Only members of this category (id)"), N_("ID") }, \
  { "status", 0, 0, G_OPTION_ARG_STRING, &(lookup)->status, N_("Only members with this status"), N_("STATUS") }, \
  { "chapter", 0, 0, G_OPTION_ARG_STRING, &(lookup)->chapter, N_("Only members of this chapter"), N_("CODE") }, \
  { "sort", 0, 0, G_OPTION_ARG_STRING, &(lookup)->sort, N_("Sort by family, given or number"), N_("KEY") }

void       acr_cli_lookup_clear  (AcrCliLookup        *lookup);
int        acr_cli_lookup_query  (AcrCliLookup        *lookup,
                                  char               **words,
                                  AcrSearchSort        default_sort,
                                  AcrSearchQuery      *query);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AcrCliLookup, acr_cli_lookup_clear)

G_END_DECLS
