#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "acr-backup.h"
#include "acr-cli.h"
#include "acr-cli-common.h"

/*
 * backup, backups, restore: verified copies of the embedded database
 * (acr-backup.h). They open no store: a backup reads the file with its own
 * connection, and a restore must be the only one to have it open.
 */

static char *
dup_db_path (void)
{
  return acr_cli_db_path ? g_strdup (acr_cli_db_path) : acr_store_dup_default_path ();
}

static char *
dup_folder (const char *db_path,
            const char *option)
{
  return option != NULL ? g_strdup (option) : acr_backup_dup_folder (db_path);
}

int
acr_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *to = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (AcrBackupInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Put the backup in DIR (default: beside the database)"), N_("DIR") },
    { NULL }
  };

  status = acr_cli_parse_options ("backup", "", _("Take a verified backup of the database while others keep working."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1)
    {
      acr_cli_print_error (_("backup: takes no argument (see --help)"));
      return ACR_CLI_EXIT_USAGE;
    }
  db_path = dup_db_path ();
  folder = dup_folder (db_path, to);
  info = acr_backup_create (db_path, folder, "manual", NULL, &error);
  if (info == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  printf (_("Backup written and verified: %s (%lld members, %lld invoices, %lld payments)\n"),
          info->path, (long long) info->members, (long long) info->invoices, (long long) info->payments);
  return ACR_CLI_EXIT_OK;
}

int
acr_cli_backups (int    argc,
                 char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("List the backups in DIR (default: beside the database)"), N_("DIR") },
    { NULL }
  };

  status = acr_cli_parse_options ("backups", "", _("List the backups, newest first, with their verification."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1)
    {
      acr_cli_print_error (_("backups: takes no argument (see --help)"));
      return ACR_CLI_EXIT_USAGE;
    }
  db_path = dup_db_path ();
  folder = dup_folder (db_path, from);
  if ((list = acr_backup_list (folder, &error)) == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (list->len == 0)
    {
      printf (_("No backups in %s\n"), folder);
      return ACR_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      AcrBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *when = g_date_time_format (info->taken_at, "%Y-%m-%d %H:%M:%S");
      g_autofree char *state = info->verified ? g_strdup (_("verified"))
                                              : g_strdup_printf (_("NOT VERIFIED: %s"), info->problem ? info->problem : "?");

      printf ("%s  %s  %s  %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "  %s\n",
              when, info->path, info->reason, info->members, info->invoices, info->payments, state);
    }
  return ACR_CLI_EXIT_OK;
}

int
acr_cli_restore (int    argc,
                 char **argv)
{
  g_autofree char *keep_in = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (AcrBackupInfo) kept = NULL;
  g_autoptr (GError) error = NULL;
  int status;
  GOptionEntry entries[] = {
    { "folder", 0, 0, G_OPTION_ARG_FILENAME, &keep_in,
      N_("Keep the current database in DIR first (default: beside the database)"), N_("DIR") },
    { NULL }
  };

  status = acr_cli_parse_options ("restore", _("FILE"),
                                  _("Replace the database with a backup; the current one is kept as a backup first."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("restore: give one backup FILE (see “acr-membership-cli backups”)"));
      return ACR_CLI_EXIT_USAGE;
    }
  db_path = dup_db_path ();
  folder = dup_folder (db_path, keep_in);
  if (!acr_backup_restore (db_path, argv[1], folder, NULL, &kept, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (kept != NULL && kept->verified)
    printf (_("The database as it was is kept in %s\n"), kept->path);
  else if (kept != NULL)
    printf (_("The database as it was (damaged: %s) is kept in %s\n"), kept->problem, kept->path);
  printf (_("Restored %s from %s\n"), db_path, argv[1]);
  return ACR_CLI_EXIT_OK;
}
