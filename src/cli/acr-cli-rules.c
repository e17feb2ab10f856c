#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-rules.h"

/*
 * `classify` and `quote`: the contract other tools script against. Exit 0
 * with a JSON object on stdout, 1 for invalid input (one line on stderr that
 * names the field), 2 for wrong usage.
 */

typedef struct
{
  char     *rules_path;
  char     *date_text;
  char     *year_text;
  GDate     date;
  int       year;
  AcrRules  *rules;
  AcrPerson *person;
  char      *person_name;
  char      *source_name;  /* the person file's name in messages */
} RulesCommand;

static void
rules_command_clear (RulesCommand *cmd)
{
  g_clear_pointer (&cmd->rules_path, g_free);
  g_clear_pointer (&cmd->date_text, g_free);
  g_clear_pointer (&cmd->year_text, g_free);
  g_clear_object (&cmd->rules);
  g_clear_object (&cmd->person);
  g_clear_pointer (&cmd->person_name, g_free);
  g_clear_pointer (&cmd->source_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RulesCommand, rules_command_clear)

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);

  printf ("%s\n", text);
  fflush (stdout);
}

/* Parses the options and the one argument; returns -1 when all is well,
 * else the exit status. */
static int
parse_arguments (RulesCommand *cmd,
                 const char   *name,
                 gboolean      with_year,
                 int           argc,
                 char        **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;
  g_autofree char *prgname = g_strdup_printf ("acr-membership-cli %s", name);
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &cmd->rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &cmd->date_text, N_("The day of the decision or the bill (default: today)"), N_("YYYY-MM-DD") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &cmd->year_text, N_("The membership year to quote (required)"), N_("YYYY") },
    { NULL }
  };

  if (!with_year)
    entries[2] = entries[3];  /* classify has no --year */

  parameter = g_strdup (_("PERSON.json (or - for standard input)"));
  context = g_option_context_new (parameter);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, with_year
    ? _("Prints the dues for a membership year as JSON: year, category, currency, lines, total_cents, placeholder.")
    : _("Prints the membership decision as JSON: category, eligible, reasons, missing, rights, next_change."));

  g_set_prgname (prgname);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_USAGE;
    }

  if (argc != 2)
    {
      acr_cli_print_error (argc < 2 ? _("%s: a person file is required; see “acr-membership-cli %s --help”")
                                    : _("%s: expected one person file; see “acr-membership-cli %s --help”"),
                           name, name);
      return ACR_CLI_EXIT_USAGE;
    }

  g_date_clear (&cmd->date, 1);
  if (cmd->date_text != NULL)
    {
      g_autoptr(GError) date_error = NULL;

      if (!acr_date_parse (cmd->date_text, &cmd->date, &date_error))
        {
          acr_cli_print_error ("--date: %s", date_error->message);
          return ACR_CLI_EXIT_USAGE;
        }
    }
  else
    acr_date_today (&cmd->date);

  if (with_year)
    {
      gint64 year = 0;
      int status;

      if (cmd->year_text == NULL)
        {
          acr_cli_print_error (_("quote: --year is required; see “acr-membership-cli quote --help”"));
          return ACR_CLI_EXIT_USAGE;
        }

      if ((status = acr_cli_parse_int ("--year", cmd->year_text, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &year)) >= 0)
        return status;

      cmd->year = (int) year;
    }

  cmd->person_name = g_strdup (argv[1]);
  return -1;
}

/* Loads the rules and the person; returns -1 when all is well, else the
 * exit status. */
static int
load_inputs (RulesCommand *cmd)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (cmd->person_name);

  if (cmd->rules_path != NULL)
    cmd->rules = acr_rules_new_from_file (cmd->rules_path, &error);
  else
    cmd->rules = acr_rules_new_default (&error);

  if (cmd->rules == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  if (g_str_equal (cmd->person_name, "-"))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      /* "-" reads the person from standard input, for pipelines. */
      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (text, buffer, (gssize) n);

      g_clear_pointer (&basename, g_free);
      basename = g_strdup ("stdin");
      cmd->person = acr_person_new_from_data (text->str, (gssize) text->len, basename, &error);
    }
  else
    {
      cmd->person = acr_person_new_from_file (cmd->person_name, &error);
    }

  if (cmd->person == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  if (!acr_rules_validate_person (cmd->rules, cmd->person, basename, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  cmd->source_name = g_steal_pointer (&basename);
  return -1;
}

int
acr_cli_classify (int    argc,
                  char **argv)
{
  g_auto(RulesCommand) cmd = { NULL, };
  g_autoptr(AcrDecision) decision = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_arguments (&cmd, "classify", FALSE, argc, argv)) >= 0 ||
      (status = load_inputs (&cmd)) >= 0)
    return status;

  decision = acr_rules_classify (cmd.rules, cmd.person, &cmd.date, &error);
  if (decision == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  node = acr_decision_to_json (decision);
  print_json (node);
  return ACR_CLI_EXIT_OK;
}

int
acr_cli_quote (int    argc,
               char **argv)
{
  g_auto(RulesCommand) cmd = { NULL, };
  g_autoptr(AcrDuesQuote) quote = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = parse_arguments (&cmd, "quote", TRUE, argc, argv)) >= 0 ||
      (status = load_inputs (&cmd)) >= 0)
    return status;

  if (!acr_rules_has_year (cmd.rules, cmd.year))
    {
      g_autofree int *years = NULL;
      guint n_years;

      years = acr_rules_list_years (cmd.rules, &n_years);
      acr_cli_print_error (_("--year: the rules (%s) have no dues schedule for %d; they cover %d–%d"),
                           acr_rules_get_source_name (cmd.rules), cmd.year, years[0], years[n_years - 1]);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  quote = acr_rules_quote (cmd.rules, cmd.person, cmd.year, &cmd.date, &error);
  if (quote == NULL)
    {
      /* A fact the dues need and the file lacks: name the file. */
      if (g_error_matches (error, ACR_RULES_ERROR, ACR_RULES_ERROR_INVALID_PERSON))
        g_prefix_error (&error, "%s: ", cmd.source_name);
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  node = acr_dues_quote_to_json (quote);
  print_json (node);
  return ACR_CLI_EXIT_OK;
}
