#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "acr-anonymise.h"
#include "acr-person-export.h"
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

int
acr_cli_person_export (int    argc,
                       char **argv)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *application_text = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (JsonNode) export = NULL;
  g_autoptr (GError) error = NULL;
  gboolean force = FALSE;
  gint64 application = 0;
  AcrFileWriterFlags flags;
  int status;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the JSON document to FILE"), N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the readable PDF, in the person’s language, to FILE"),
      N_("FILE") },
    { "application", 0, 0, G_OPTION_ARG_STRING, &application_text,
      N_("Export the applicant of application ID (a refused applicant) instead of a member"), N_("ID") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace existing files (never the database)"), NULL },
    { NULL }
  };

  status = acr_cli_parse_options ("person-export", _("[NUMBER]"),
                                  _("Exports everything held about one person: the member record (facts and contact "
                                    "details), its history, applications, invoices and payments."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if ((application_text == NULL) != (argc == 2) || argc > 2)
    {
      acr_cli_print_error (_("person-export: give one member NUMBER, or --application ID"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (json_path == NULL && pdf_path == NULL)
    {
      acr_cli_print_error (_("person-export: give --json FILE, --pdf FILE or both"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (application_text != NULL &&
      (status = acr_cli_parse_int ("--application", application_text, 1, G_MAXINT64, &application)) >= 0)
    return status;
  if ((store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  acr_file_writer_protect (acr_store_get_location (store));
  flags = force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE;

  if (application_text != NULL)
    export = acr_person_export_application (store, application, &error);
  else
    {
      g_autoptr (AcrMember) member = acr_cli_lookup_member (store, argv[1]);

      if (member == NULL)
        return ACR_CLI_EXIT_INVALID_INPUT;
      export = acr_person_export_member (store, acr_member_get_number (member), &error);
    }
  if (export == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if ((json_path != NULL && !acr_person_export_write_json (export, json_path, flags, &error)) ||
      (pdf_path != NULL && !acr_person_export_write_pdf (export, pdf_path, flags, &error)))
    return acr_cli_fail_writing (error);
  if (json_path != NULL)
    printf (_("Wrote %s\n"), json_path);
  if (pdf_path != NULL)
    printf (_("Wrote %s\n"), pdf_path);
  return ACR_CLI_EXIT_OK;
}
