#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses every subcommand keeps: tools that script the CLI rely on them. */
enum
{
  ACR_CLI_EXIT_OK = 0,
  ACR_CLI_EXIT_INVALID_INPUT = 1,
  ACR_CLI_EXIT_USAGE = 2,
};

typedef int (*AcrCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char        *name;
  AcrCliCommandFunc  run;
  const char        *summary;  /* translatable, N_() */
} AcrCliCommand;

/* Prints "acr-membership-cli: MESSAGE" on stderr, one line (each line of a
 * MESSAGE that has several, such as an import's problems, gets the prefix). */
void acr_cli_print_error (const char *format,
                          ...) G_GNUC_PRINTF (1, 2);

/* Subcommands (acr-cli-rules.c) */
int  acr_cli_classify (int    argc,
                       char **argv);
int  acr_cli_quote    (int    argc,
                       char **argv);

/* Subcommands (acr-cli-members.c) */
int  acr_cli_apply       (int    argc,
                          char **argv);
int  acr_cli_members     (int    argc,
                          char **argv);
int  acr_cli_show        (int    argc,
                          char **argv);
int  acr_cli_edit        (int    argc,
                          char **argv);
int  acr_cli_history     (int    argc,
                          char **argv);
int  acr_cli_import      (int    argc,
                          char **argv);
int  acr_cli_export      (int    argc,
                          char **argv);
int  acr_cli_lifecycle   (int    argc,
                          char **argv);
int  acr_cli_sample_data (int    argc,
                          char **argv);

/* Subcommands (acr-cli-billing.c) */
int  acr_cli_bill        (int    argc,
                          char **argv);
int  acr_cli_invoices    (int    argc,
                          char **argv);
int  acr_cli_invoice_pdf (int    argc,
                          char **argv);
int  acr_cli_pay         (int    argc,
                          char **argv);
int  acr_cli_refund      (int    argc,
                          char **argv);
int  acr_cli_void        (int    argc,
                          char **argv);
int  acr_cli_credit      (int    argc,
                          char **argv);
int  acr_cli_retire      (int    argc,
                          char **argv);
int  acr_cli_balance     (int    argc,
                          char **argv);
int  acr_cli_report      (int    argc,
                          char **argv);

/* Subcommands (acr-cli-labels.c) */
int  acr_cli_labels      (int    argc,
                          char **argv);
int  acr_cli_cards       (int    argc,
                          char **argv);
int  acr_cli_statement   (int    argc,
                          char **argv);

/* Subcommands (acr-cli-what-if.c) */
int  acr_cli_what_if     (int    argc,
                          char **argv);

/* Subcommands (acr-cli-backup.c) */
int  acr_cli_backup      (int    argc,
                          char **argv);
int  acr_cli_backups     (int    argc,
                          char **argv);
int  acr_cli_restore     (int    argc,
                          char **argv);

/* Subcommands (acr-cli-person.c) */
int  acr_cli_anonymise   (int    argc,
                          char **argv);
int  acr_cli_person_export (int    argc,
                            char **argv);

G_END_DECLS
