#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "acr-catalog.h"
#include "acr-cli.h"

static const AcrCliCommand commands[] = {
  { "classify", acr_cli_classify, N_("Decide a person’s membership category (JSON)") },
  { "quote",    acr_cli_quote,    N_("Quote a person’s dues for a membership year (JSON)") },
  { "apply",       acr_cli_apply,       N_("Classify an applicant and add the member (or keep the refusal)") },
  { "members",     acr_cli_members,     N_("Look members up (search, filters, JSON)") },
  { "show",        acr_cli_show,        N_("Print one member") },
  { "edit",        acr_cli_edit,        N_("Change a member’s fields (kept in the history)") },
  { "history",     acr_cli_history,     N_("Print the changes made to a member") },
  { "import",      acr_cli_import,      N_("Import members or the trainee roster from CSV") },
  { "export",      acr_cli_export,      N_("Export a lookup to CSV") },
  { "lifecycle",   acr_cli_lifecycle,   N_("Apply the membership lifecycle on a date (--dry-run to preview)") },
  { "sample-data", acr_cli_sample_data, N_("Add fictional members for demos and benchmarks") },
  { "bill",        acr_cli_bill,        N_("Bill every active member for a membership year (--dry-run to preview)") },
  { "invoices",    acr_cli_invoices,    N_("List invoices and credit notes (filters, JSON)") },
  { "invoice-pdf", acr_cli_invoice_pdf, N_("Export invoices as PDF (one file, or one per invoice in a folder)") },
  { "pay",         acr_cli_pay,         N_("Record a payment on an invoice") },
  { "refund",      acr_cli_refund,      N_("Record money paid back to a member on an invoice") },
  { "void",        acr_cli_void,        N_("Void an invoice (refused while it holds payments)") },
  { "credit",      acr_cli_credit,      N_("Issue a credit note cancelling an invoice") },
  { "retire",      acr_cli_retire,      N_("Record a notified retirement (refunds and cancels as the rules say)") },
  { "balance",     acr_cli_balance,     N_("Print a member’s invoices and balance") },
  { "report",      acr_cli_report,      N_("Billing reports: receivables, chapters, numbering (--csv)") },
  { "statement",   acr_cli_statement,   N_("A member's statement of account for a period (text, --pdf)") },
  { "cards",       acr_cli_cards,       N_("Member cards with a QR code of the member number (PDF)") },
  { "labels",      acr_cli_labels,      N_("Mailing labels for a lookup, in postal-code order (PDF)") },
  { "what-if",     acr_cli_what_if,     N_("Try proposed rules on every member before adopting them") },
  { "backup",      acr_cli_backup,      N_("Take a verified backup of the database (--to DIR)") },
  { "backups",     acr_cli_backups,     N_("List the backups with their verification") },
  { "restore",     acr_cli_restore,     N_("Replace the database with a backup (keeps the current one first)") },
  { "person-export", acr_cli_person_export, N_("Everything held about one person, as JSON and PDF (on their request)") },
  { "anonymise",   acr_cli_anonymise,   N_("Forget a member or a refused applicant on request (cannot be undone)") },
  { NULL, NULL, NULL },
};

void
acr_cli_print_error (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  g_auto (GStrv) lines = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* An import lists one problem a line: each keeps the prefix, for grep. */
  lines = g_strsplit (message, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] != '\0' || lines[i + 1] == NULL)
        g_printerr ("acr-membership-cli: %s\n", lines[i]);
    }
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: acr-membership-cli COMMAND [OPTION…] [ARGUMENT…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; commands[i].name != NULL; i++)
    fprintf (stream, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “acr-membership-cli COMMAND --help” for a command’s options."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, acr_catalog_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return ACR_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return ACR_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("acr-membership-cli %s\n", PACKAGE_VERSION);
      return ACR_CLI_EXIT_OK;
    }

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (argv[1], commands[i].name))
        return commands[i].run (argc - 1, argv + 1);
    }

  acr_cli_print_error (_("unknown command “%s”; see “acr-membership-cli --help”"), argv[1]);
  return ACR_CLI_EXIT_USAGE;
}
