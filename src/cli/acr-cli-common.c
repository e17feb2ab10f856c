#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-member.h"

/*
 * What the commands that work on the database share: the --db option, opening
 * the store, finding a member by number, the rules, --date, JSON output.
 */

char *acr_cli_db_path = NULL;

void
acr_cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Parses options, --db included; returns -1 when all is well, else the exit status. */
int
acr_cli_parse_options (const char         *name,
                       const char         *parameter,
                       const char         *summary,
                       const GOptionEntry *entries,
                       int                *argc,
                       char             ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("acr-membership-cli %s", name);
  GOptionEntry db_entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &acr_cli_db_path,
      N_("Use the database at PATH (default: ~/.local/share/acr-membership/members.db)"), N_("PATH") },
    { NULL }
  };

  g_clear_pointer (&acr_cli_db_path, g_free);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      acr_cli_print_error ("%s: %s", name, error->message);
      return ACR_CLI_EXIT_USAGE;
    }
  return -1;
}

/* For commands that read or bill: a missing database is refused, never created. */
AcrStore *
acr_cli_open_store (void)
{
  g_autoptr (GError) error = NULL;
  AcrStore *store = acr_store_open_existing (acr_cli_db_path, &error);

  if (store == NULL && g_error_matches (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND))
    acr_cli_print_error (_("%s (check --db; create one with import, apply or sample-data)"), error->message);
  else if (store == NULL)
    acr_cli_print_error ("%s", error->message);
  return store;
}

/* For commands that add members (apply, import, sample-data): creates a missing database, and says so. */
AcrStore *
acr_cli_open_store_creating (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = acr_cli_db_path ? g_strdup (acr_cli_db_path) : acr_store_dup_default_path ();
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);
  AcrStore *store = acr_store_open (path, &error);

  if (store == NULL)
    acr_cli_print_error ("%s", error->message);
  else if (!existed)
    g_printerr (_("acr-membership-cli: created a new database at %s\n"), path);
  return store;
}

AcrMember *
acr_cli_lookup_member (AcrStore   *store,
                       const char *text)
{
  g_autoptr (GError) error = NULL;
  guint number = acr_store_parse_number (text);
  AcrMember *member;

  if (number == 0)
    {
      acr_cli_print_error (_("“%s” is not a member number"), text);
      return NULL;
    }
  member = acr_store_lookup_member (store, number, &error);
  if (member == NULL)
    acr_cli_print_error ("%s", error->message);
  return member;
}

AcrRules *
acr_cli_load_rules (const char *path)
{
  g_autoptr (GError) error = NULL;
  AcrRules *rules = path ? acr_rules_new_from_file (path, &error) : acr_rules_new_default (&error);

  if (rules == NULL)
    acr_cli_print_error ("%s", error->message);
  return rules;
}

/* --date (NULL: today); returns -1 when all is well, else the exit status. */
int
acr_cli_parse_date (const char *text,
                    GDate      *date)
{
  g_autoptr (GError) error = NULL;

  if (text == NULL)
    {
      acr_date_today (date);
      return -1;
    }
  g_date_clear (date, 1);
  if (!acr_date_parse (text, date, &error))
    {
      acr_cli_print_error ("--date: %s", error->message);
      return ACR_CLI_EXIT_USAGE;
    }
  return -1;
}

/*
 * A whole-number option such as --amount or --count, given as text so that
 * what was typed can be echoed: "--amount: 99999999999999999999 is too
 * large (at most 100000000000)". @text NULL (option not given) leaves @out
 * alone. Returns -1 when all is well, else the exit status (usage).
 */
int
acr_cli_parse_int (const char *option,
                   const char *text,
                   gint64      min,
                   gint64      max,
                   gint64     *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bound = NULL;
  const char *digits;
  gint64 value;

  if (text == NULL)
    return -1;

  digits = text[0] == '-' ? text + 1 : text;
  if (!g_utf8_validate (text, -1, NULL))
    {
      acr_cli_print_error (_("%s: not valid UTF-8 text"), option);
      return ACR_CLI_EXIT_USAGE;
    }
  if (digits[0] == '\0' || strspn (digits, "0123456789") != strlen (digits))
    {
      acr_cli_print_error (_("%s: expected a whole number, got “%s”"), option, text);
      return ACR_CLI_EXIT_USAGE;
    }

  /* Only the bounds of gint64 can fail here: the text is digits. */
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, &error))
    value = text[0] == '-' ? G_MININT64 : G_MAXINT64;

  if (value > max || (error != NULL && text[0] != '-'))
    {
      bound = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      acr_cli_print_error (_("%s: %s is too large (at most %s)"), option, text, bound);
      return ACR_CLI_EXIT_USAGE;
    }
  if (value < min || error != NULL)
    {
      if (min == 1)
        acr_cli_print_error (_("%s must be more than 0, got %s"), option, text);
      else
        {
          bound = g_strdup_printf ("%" G_GINT64_FORMAT, min);
          acr_cli_print_error (_("%s: %s is too small (at least %s)"), option, text, bound);
        }
      return ACR_CLI_EXIT_USAGE;
    }

  *out = value;
  return -1;
}

/* Pads @text with spaces to @width characters (printf counts bytes, and names have accents). */
char *
acr_cli_pad (const char *text,
             guint       width)
{
  glong len = g_utf8_strlen (text ? text : "", -1);
  GString *out = g_string_new (text ? text : "");

  for (glong i = len; i < (glong) width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

/* Reports a file not written (exit 1); an existing one asks for --force. */
int
acr_cli_fail_writing (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    acr_cli_print_error (_("%s; use --force to replace it"), error->message);
  else
    acr_cli_print_error ("%s", error->message);
  return ACR_CLI_EXIT_INVALID_INPUT;
}

void
acr_cli_lookup_clear (AcrCliLookup *lookup)
{
  g_clear_pointer (&lookup->category, g_free);
  g_clear_pointer (&lookup->status, g_free);
  g_clear_pointer (&lookup->chapter, g_free);
  g_clear_pointer (&lookup->sort, g_free);
  g_clear_pointer (&lookup->text, g_free);
}

/**
 * acr_cli_lookup_query:
 * @words: the search words left on the command line
 * @default_sort: the order without --sort
 * @query: (out): the lookup, valid while @lookup is
 *
 * Returns: -1 when all is well, else the exit status (wrong usage, said on stderr)
 */
int
acr_cli_lookup_query (AcrCliLookup    *lookup,
                      char           **words,
                      AcrSearchSort    default_sort,
                      AcrSearchQuery  *query)
{
  gboolean ok = TRUE;

  memset (query, 0, sizeof *query);
  query->sort = lookup->sort != NULL ? acr_search_results_parse_sort (lookup->sort, &ok) : default_sort;
  if (!ok)
    {
      acr_cli_print_error (_("--sort: expected family, given or number, got “%s”"), lookup->sort);
      return ACR_CLI_EXIT_USAGE;
    }
  if (lookup->status != NULL && !acr_member_status_is_valid (lookup->status))
    {
      acr_cli_print_error (_("--status: expected applicant, active, lapsed, retired, resigned or deceased, got “%s”"),
                           lookup->status);
      return ACR_CLI_EXIT_USAGE;
    }
  g_free (lookup->text);
  lookup->text = g_strjoinv (" ", words);
  query->text = lookup->text;
  query->category = lookup->category;
  query->status = lookup->status;
  query->chapter = lookup->chapter;
  return -1;
}
