#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "acr-anonymise.h"
#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-store-settings.h"

/*
 * A person's data on request: anonymise (acr-anonymise.h), and the
 * lifecycle's anonymisation of refused applications past their retention.
 */

int
acr_cli_anonymise (int    argc,
                   char **argv)
{
  g_autofree char *reason = NULL;
  g_autofree char *application_text = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GError) error = NULL;
  gint64 application = 0;
  int status;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (the person’s request, its date); recorded"), N_("TEXT") },
    { "application", 0, 0, G_OPTION_ARG_STRING, &application_text,
      N_("Anonymise the refused application ID instead of a member"), N_("ID") },
    { NULL }
  };

  status = acr_cli_parse_options ("anonymise", _("[NUMBER]"),
                                  _("Replaces a member’s personal data, scrubs it from the history, their application "
                                    "and their invoices (amounts, dates and numbers stay), and records who did it, "
                                    "when and why. It cannot be undone."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (reason == NULL || *reason == '\0')
    {
      acr_cli_print_error (_("anonymise: --reason TEXT is required (the person’s request, its date)"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((application_text == NULL) != (argc == 2) || argc > 2)
    {
      acr_cli_print_error (_("anonymise: give one member NUMBER, or --application ID"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (application_text != NULL &&
      (status = acr_cli_parse_int ("--application", application_text, 1, G_MAXINT64, &application)) >= 0)
    return status;
  if ((store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  if (application_text != NULL)
    {
      if (!acr_anonymise_application (store, application, reason, &error))
        {
          acr_cli_print_error ("%s", error->message);
          return ACR_CLI_EXIT_INVALID_INPUT;
        }
      printf (_("Application %lld anonymised.\n"), (long long) application);
      return ACR_CLI_EXIT_OK;
    }
  {
    g_autoptr (AcrMember) member = acr_cli_lookup_member (store, argv[1]);
    g_autofree char *number = NULL;

    if (member == NULL)
      return ACR_CLI_EXIT_INVALID_INPUT;
    number = acr_member_dup_number_text (member);
    if (!acr_anonymise_member (store, acr_member_get_number (member), reason, &error))
      {
        acr_cli_print_error ("%s", error->message);
        return ACR_CLI_EXIT_INVALID_INPUT;
      }
    printf (_("Member %s anonymised: now “Anonymised member %s”.\n"), number, number);
  }
  return ACR_CLI_EXIT_OK;
}

/* After the lifecycle run: refused applications older than the retention period. */
int
acr_cli_anonymise_old_refusals (AcrStore    *store,
                                const GDate *on,
                                gboolean     dry_run,
                                const char  *months_text)
{
  g_autoptr (GError) error = NULL;
  /* A dry run with --keep-refused-months previews that period without saving it. */
  guint months = months_text != NULL ? (guint) g_ascii_strtoull (months_text, NULL, 10)
                                     : acr_anonymise_get_refused_retention_months (store, &error);
  guint count = 0;
  GDate before = *on;

  if (months == 0)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  g_date_subtract_months (&before, months);
  if (!acr_anonymise_refused_before (store, &before, dry_run, &count, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  printf (dry_run ? _("Refused applications older than %u months: %u would be anonymised.\n")
                  : _("Refused applications older than %u months: %u anonymised.\n"),
          months, count);
  return ACR_CLI_EXIT_OK;
}
