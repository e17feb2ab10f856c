#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "acr-billing-apply.h"
#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-csv-import.h"
#include "acr-file-writer.h"
#include "acr-money.h"
#include "acr-lifecycle.h"
#include "acr-store-apply.h"
#include "acr-sample-data.h"
#include "acr-store-settings.h"
#include "acr-search-results.h"
#include "acr-store.h"

/*
 * Member commands: every one takes --db PATH (default: the desktop app's
 * database). Exit 0 on success, 1 for invalid input or data (a bad file, an
 * unknown member, a conflict), 2 for wrong usage. The --db option, the store,
 * members, rules and dates are shared with the billing commands
 * (acr-cli-common.c).
 */

static char *rules_path = NULL;

static AcrRules *
load_rules (void)
{
  return acr_cli_load_rules (rules_path);
}

/* New trainees from a roster: the category is the rules' decision, today. */
static gboolean
classify_trainee (AcrMember  *member,
                  gpointer    user_data,
                  GError    **error)
{
  AcrRules *rules = user_data;
  GDate date;

  acr_date_today (&date);
  /* A new trainee has no records yet. */
  return acr_lifecycle_classify_member (NULL, rules, member, &date, error);
}

/* --- members --- */

static AcrMember *
load_member_by_id (AcrStore *store,
                   guint32   id)
{
  g_autoptr (GError) error = NULL;
  AcrMember *member = acr_store_lookup_member_by_id (store, id, &error);

  if (member == NULL)
    acr_cli_print_error ("%s", error->message);
  return member;
}

int
acr_cli_members (int    argc,
                 char **argv)
{
  g_auto (AcrCliLookup) lookup = { NULL, };
  g_autofree char *limit_text = NULL;
  gboolean json = FALSE;
  gint64 limit = 50;
  GOptionEntry entries[] = {
    ACR_CLI_LOOKUP_ENTRIES (&lookup),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_text, N_("Print at most N members (0: all; default 50)"), N_("N") },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { 0 };
  int status_code;
  guint n, shown;

  status_code = acr_cli_parse_options ("members", _("[SEARCH…]"),
                               _("Looks members up by number, NPI, name, e-mail, city or postal code (prefixes; "
                                 "case and accents ignored)."),
                               entries, &argc, &argv);
  if (status_code >= 0)
    return status_code;

  if ((status_code = acr_cli_lookup_query (&lookup, argv + 1, ACR_SEARCH_SORT_FAMILY_NAME, &query)) >= 0 ||
      (status_code = acr_cli_parse_int ("--limit", limit_text, 0, G_MAXINT, &limit)) >= 0)
    return status_code;

  if ((store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  /* One search: answered by the database, without reading every member into the index. */
  ids = acr_store_search_ids (store, &query, limit, &n, &error);
  if (ids == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  shown = ids->len;

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "total");
      json_builder_add_int_value (builder, n);
      json_builder_set_member_name (builder, "members");
      json_builder_begin_array (builder);
      for (guint i = 0; i < shown; i++)
        {
          g_autoptr (AcrMember) m = load_member_by_id (store, g_array_index (ids, guint32, i));

          if (m == NULL)
            return ACR_CLI_EXIT_INVALID_INPUT;
          json_builder_add_value (builder, acr_member_to_json (m));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      acr_cli_print_json (root);
      return ACR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < shown; i++)
    {
      g_autoptr (AcrMember) m = load_member_by_id (store, g_array_index (ids, guint32, i));
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;
      g_autofree char *name_col = NULL;
      g_autofree char *cat_col = NULL;
      g_autofree char *status_col = NULL;
      g_autofree char *city_col = NULL;
      const char *email;

      if (m == NULL)
        return ACR_CLI_EXIT_INVALID_INPUT;
      number = acr_member_dup_number_text (m);
      name = acr_member_dup_display_name (m);
      name_col = acr_cli_pad (name, 30);
      cat_col = acr_cli_pad (acr_member_get_category (m) ? acr_member_get_category (m) : "-", 32);
      status_col = acr_cli_pad (acr_member_get_status (m), 9);
      city_col = acr_cli_pad (acr_member_get_city (m), 18);
      email = acr_member_get_email (m);

      printf ("%s  %s  %s  %s  %s  %s\n", number, name_col, cat_col, status_col, city_col, email ? email : "");
    }
  if (shown < n)
    printf (_("… %u of %u members shown (--limit 0 shows all)\n"), shown, n);
  else
    printf (g_dngettext (NULL, "%u member\n", "%u members\n", n), n);
  return ACR_CLI_EXIT_OK;
}

/* --- show --- */


int
acr_cli_show (int    argc,
              char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autofree char *number = NULL;
  int status = acr_cli_parse_options ("show", _("NUMBER"), _("Prints one member."), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("show: expected one member number"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((store = acr_cli_open_store ()) == NULL || (m = acr_cli_lookup_member (store, argv[1])) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  if (json)
    {
      g_autoptr (JsonNode) node = acr_member_to_json (m);
      acr_cli_print_json (node);
      return ACR_CLI_EXIT_OK;
    }

  number = acr_member_dup_number_text (m);
  printf ("%-12s %s\n", "number", number);
  printf ("%-12s %s\n", "given_name", acr_member_get_given_name (m));
  printf ("%-12s %s\n", "family_name", acr_member_get_family_name (m));
  for (const char * const *field = acr_member_list_fields (); *field; field++)
    {
      const char *value = acr_member_get_field (m, *field);
      if (value != NULL)
        printf ("%-12s %s\n", *field, value);
    }
  printf ("%-12s %" G_GINT64_FORMAT "\n", "revision", acr_member_get_revision (m));
  printf ("%-12s %s\n", "updated_at", acr_member_get_updated_at (m));
  return ACR_CLI_EXIT_OK;
}

/* --- edit --- */


/* FIELD=VALUE: a member field ("email", "status"…), or a person fact ("training.end", "person.retired_on"). */
static gboolean
apply_assignment (AcrMember   *m,
                  const char  *assignment,
                  GError     **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *name = NULL;
  const char *value;
  const char *fact;
  g_autoptr (AcrPerson) person = NULL;

  /* Invalid text is refused before any message echoes it. */
  if (!acr_text_check_utf8 (assignment, -1, error))
    {
      if (eq != NULL && g_utf8_validate (assignment, eq - assignment, NULL))
        g_prefix_error (error, "%.*s: ", (int) (eq - assignment), assignment);
      else
        g_prefix_error (error, _("edit: FIELD=VALUE: "));
      return FALSE;
    }

  if (eq == NULL || eq == assignment)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("“%s”: expected FIELD=VALUE"), assignment);
      return FALSE;
    }
  name = g_strndup (assignment, eq - assignment);
  value = eq + 1;

  if (acr_member_has_field (name) && !g_str_equal (name, "person"))
    return acr_member_set_field (m, name, value, error);

  fact = g_str_has_prefix (name, "person.") ? name + strlen ("person.") : name;
  if (acr_person_lookup_fact (fact) == NULL)
    {
      g_set_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_UNKNOWN_FIELD,
                   _("%s: not a member field nor a person fact"), name);
      return FALSE;
    }
  person = acr_member_dup_person (m, error);
  if (person == NULL)
    return FALSE;
  if (*value == '\0')
    acr_person_unset_fact (person, fact);
  else if (!acr_person_set_fact_from_string (person, fact, value, error))
    return FALSE;
  acr_member_set_person (m, person);
  return TRUE;
}

int
acr_cli_edit (int    argc,
              char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the change is made (kept in the history; required)"), N_("TEXT") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_category = NULL;
  gint64 revision;
  GDate today;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("edit", _("NUMBER FIELD=VALUE…"),
                              _("Changes a member. FIELD is a member field (email, phone, address, city, region, "
                                "postal_code, country, npi, language, category, status, chapters, program, review, "
                                "joined) or a person fact (given_name, training.end, retired_on…); an empty VALUE unsets it. "
                                "Unless the category is set, it follows the facts as the rules decide them today."),
                              entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc < 3)
    {
      acr_cli_print_error (_("edit: expected a member number and at least one FIELD=VALUE"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (reason == NULL || *g_strstrip (reason) == '\0')
    {
      acr_cli_print_error (_("edit: --reason is required: the history keeps why each change was made"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((rules = load_rules ()) == NULL ||
      (store = acr_cli_open_store ()) == NULL || (m = acr_cli_lookup_member (store, argv[1])) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  revision = acr_member_get_revision (m);
  old_category = g_strdup (acr_member_get_category (m));
  for (int i = 2; i < argc; i++)
    if (!apply_assignment (m, argv[i], &error))
      {
        acr_cli_print_error ("%s", error->message);
        return ACR_CLI_EXIT_INVALID_INPUT;
      }

  /* The same policy as the app's Edit…: the category follows the facts. */
  billing = acr_billing_new (store, rules);
  acr_date_today (&today);
  if (!acr_billing_save_edit (billing, m, &today, reason, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (acr_member_get_revision (m) == revision)
    printf (_("Nothing changed.\n"));
  else
    printf (_("Saved member %07u (revision %lld).\n"), acr_member_get_number (m), (long long) acr_member_get_revision (m));
  if (g_strcmp0 (old_category, acr_member_get_category (m)) != 0)
    printf (_("Category: %s → %s\n"), old_category != NULL ? old_category : "-",
            acr_member_get_category (m) != NULL ? acr_member_get_category (m) : "-");
  return ACR_CLI_EXIT_OK;
}

/* --- history --- */


int
acr_cli_history (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrMember) m = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  int status = acr_cli_parse_options ("history", _("NUMBER"), _("Prints every change made to a member, oldest first."),
                              entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("history: expected one member number"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((store = acr_cli_open_store ()) == NULL || (m = acr_cli_lookup_member (store, argv[1])) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  history = acr_store_list_history (store, m, &error);
  if (history == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < history->len; i++)
        {
          AcrMemberChange *c = history->pdata[i];
          const char *keys[] = { "time", "account", "field", "old_value", "new_value", "reason" };
          const char *values[] = { c->time, c->account, c->field, c->old_value, c->new_value, c->reason };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, c->revision);
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              json_builder_set_member_name (builder, keys[k]);
              if (values[k])
                json_builder_add_string_value (builder, values[k]);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      acr_cli_print_json (root);
      return ACR_CLI_EXIT_OK;
    }

  for (guint i = 0; i < history->len; i++)
    {
      AcrMemberChange *c = history->pdata[i];
      printf ("%s  r%-3" G_GINT64_FORMAT " %-10s %-22s %s → %s%s%s\n", c->time, c->revision, c->account, c->field,
              c->old_value ? c->old_value : "∅", c->new_value ? c->new_value : "∅",
              c->reason ? "  — " : "", c->reason ? c->reason : "");
    }
  return ACR_CLI_EXIT_OK;
}

/* --- import / export --- */


int
acr_cli_import (int    argc,
                char **argv)
{
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrCsvReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  AcrImportReport report = { 0 };
  gboolean ok;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Classify new trainees with the rules in FILE instead of the built-in bundle"), N_("FILE") },
    { NULL }
  };
  int status = acr_cli_parse_options ("import", _("members|roster FILE.csv"),
                              _("Imports members or the trainee roster from CSV, all or nothing. Roster columns: "
                                "resident_name, email, program, country, training_stage, expected_completion_date; "
                                "residents are matched by e-mail, then by name and program."),
                              entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 3 || (!g_str_equal (argv[1], "members") && !g_str_equal (argv[1], "roster")))
    {
      acr_cli_print_error (_("import: expected “members FILE” or “roster FILE”"));
      return ACR_CLI_EXIT_USAGE;
    }
  reader = acr_csv_reader_new_for_path (argv[2], &error);
  if (reader == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if ((store = acr_cli_open_store_creating ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  if (g_str_equal (argv[1], "members"))
    ok = acr_csv_import_members (store, reader, &report, NULL, NULL, &error);
  else
    {
      g_autoptr (AcrRules) rules = load_rules ();
      if (rules == NULL)
        return ACR_CLI_EXIT_INVALID_INPUT;
      ok = acr_csv_import_roster (store, reader, classify_trainee, &report, NULL, rules, &error);
    }
  if (!ok)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  printf (_("%s: %u added, %u updated, %u unchanged\n"), acr_csv_reader_get_source_name (reader),
          report.added, report.updated, report.unchanged);
  return ACR_CLI_EXIT_OK;
}


int
acr_cli_export (int    argc,
                char **argv)
{
  g_auto (AcrCliLookup) lookup = { NULL, };
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    ACR_CLI_LOOKUP_ENTRIES (&lookup),
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file (never the database)"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { 0 };
  guint n = 0;
  int status = acr_cli_parse_options ("export", _("FILE.csv [SEARCH…]"),
                              _("Writes the members a lookup finds (search and filters as for “members”) to CSV; "
                                "FILE “-” is standard output. The file is private (mode 0600) and complete or "
                                "absent; an existing file is replaced only with --force. A cell that a spreadsheet "
                                "would take for a formula (starting with = + - @, tab or carriage return) or that "
                                "starts with ' gets a leading ', which import removes."),
                              entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc < 2)
    {
      acr_cli_print_error (_("export: expected a file name"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_lookup_query (&lookup, argv + 2, ACR_SEARCH_SORT_FAMILY_NAME, &query)) >= 0)
    return status;

  if ((store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  /* The lookup from the database, as for “members”: no index to build for one pass. */
  if ((ids = acr_store_search_ids (store, &query, 0, &n, &error)) == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  if (g_str_equal (argv[1], "-"))
    stream = g_unix_output_stream_new (1, FALSE);
  else
    {
      /* Complete or absent, never the database, replaced only with --force. */
      acr_file_writer_protect (acr_store_get_location (store));
      stream = G_OUTPUT_STREAM (acr_file_writer_new (argv[1], force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE,
                                                     &error));
      if (stream == NULL)
        return acr_cli_fail_writing (error);
    }
  if (!acr_csv_export_member_ids (store, ids, stream, &error) || !g_output_stream_close (stream, NULL, &error))
    return acr_cli_fail_writing (error);
  if (!g_str_equal (argv[1], "-"))
    printf (_("%u members written to %s\n"), n, argv[1]);
  return ACR_CLI_EXIT_OK;
}

/* --- sample-data --- */


int
acr_cli_sample_data (int    argc,
                     char **argv)
{
  g_autofree char *count_text = NULL;
  g_autofree char *seed_text = NULL;
  gint64 count = -1;
  gint64 seed = 1;
  GOptionEntry entries[] = {
    { "count", 0, 0, G_OPTION_ARG_STRING, &count_text, N_("How many members to add (required)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the generator (default 1): the same seed gives the same members"), N_("S") },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GError) error = NULL;
  int status = acr_cli_parse_options ("sample-data", NULL,
                              _("Adds fictional members (deterministic for a count and seed) for demos and benchmarks."),
                              entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (count_text == NULL || argc != 1)
    {
      acr_cli_print_error (_("sample-data: --count N is required (N ≥ 0)"));
      return ACR_CLI_EXIT_USAGE;
    }
  /* Member numbers have seven digits; the seed is 32 bits. */
  if ((status = acr_cli_parse_int ("--count", count_text, 0, 9999999, &count)) >= 0 ||
      (status = acr_cli_parse_int ("--seed", seed_text, 0, G_MAXUINT32, &seed)) >= 0)
    return status;
  if ((store = acr_cli_open_store_creating ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  if (!acr_sample_data_generate (store, count, (guint32) seed, NULL, NULL, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  printf (_("%d sample members added to %s\n"), (int) count, acr_store_get_location (store));
  return ACR_CLI_EXIT_OK;
}

/* --- apply --- */

int
acr_cli_apply (int    argc,
               char **argv)
{
  g_autofree char *date_text = NULL;
  static char *contact[9];  /* option storage; static so every one is freed below */
  static const char * const contact_fields[] = {
    "email", "phone", "address", "city", "region", "postal_code", "country", "language", "npi"
  };
  gboolean json = FALSE;
  g_autofree char *first_year_text = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The application date (default: today)"), N_("YYYY-MM-DD") },
    { "first-year", 0, 0, G_OPTION_ARG_STRING, &first_year_text,
      N_("The membership year of the first invoice (default: this year before the rules’ cut-off day, the next one from it on)"),
      N_("YEAR") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &contact[0], N_("Contact e-mail (default: the person’s)"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &contact[1], N_("Telephone"), N_("NUMBER") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &contact[2], N_("Street address (lines separated by \\n)"), N_("TEXT") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &contact[3], N_("City"), N_("CITY") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &contact[4], N_("State or province"), N_("CODE") },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &contact[5], N_("Postal code"), N_("CODE") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &contact[6], N_("Country of the address (ISO 3166)"), N_("CC") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &contact[7], N_("Preferred language: en or fr"), N_("LANG") },
    { "npi", 0, 0, G_OPTION_ARG_STRING, &contact[8], N_("US National Provider Identifier"), N_("NPI") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrMember) details = acr_member_new ();
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *no_invoice_reason = NULL;
  gint64 first_year = 0;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  for (guint i = 0; i < G_N_ELEMENTS (contact); i++)
    g_clear_pointer (&contact[i], g_free);
  status = acr_cli_parse_options ("apply", _("PERSON.json"),
                          _("Classifies an applicant on the application date: an eligible person becomes a member of "
                            "the decided category and gets the first invoice, in one transaction; otherwise the "
                            "application is kept as refused, with the reasons."),
                          entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("apply: expected one person file"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if (acr_cli_parse_int ("--first-year", first_year_text, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &first_year) >= 0)
    return ACR_CLI_EXIT_USAGE;

  for (guint i = 0; i < G_N_ELEMENTS (contact_fields); i++)
    if (contact[i] != NULL && !acr_member_set_field (details, contact_fields[i], contact[i], &error))
      {
        acr_cli_print_error ("%s", error->message);
        return ACR_CLI_EXIT_INVALID_INPUT;
      }

  person = acr_person_new_from_file (argv[1], &error);
  if (person == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if ((rules = load_rules ()) == NULL || (store = acr_cli_open_store_creating ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  /* The same policy as the app's Approve: the member and the first invoice in one transaction. */
  billing = acr_billing_new (store, rules);
  if (!acr_billing_apply (billing, person, details, &date, (int) first_year,
                          &member, &decision, &invoice, &no_invoice_reason, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  if (json)
    {
      g_autoptr (JsonBuilder) builder = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, member ? "accepted" : "refused");
      json_builder_set_member_name (builder, "member");
      if (member)
        json_builder_add_value (builder, acr_member_to_json (member));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "decision");
      json_builder_add_value (builder, acr_decision_to_json (decision));
      json_builder_set_member_name (builder, "invoice");
      if (invoice != NULL)
        json_builder_add_value (builder, acr_billing_invoice_to_json (invoice));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "no_invoice_reason");
      if (no_invoice_reason != NULL)
        json_builder_add_string_value (builder, no_invoice_reason);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      acr_cli_print_json (root);
      return ACR_CLI_EXIT_OK;
    }

  if (member != NULL)
    {
      printf (_("Member %07u added: %s (%s)\n"), acr_member_get_number (member),
              acr_member_get_category (member), acr_member_get_given_name (member));
      if (invoice != NULL)
        {
          g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), "en");

          printf (_("Invoice %s issued for %d: %s\n"), acr_invoice_get_number (invoice),
                  acr_invoice_get_year (invoice), total);
        }
      else if (no_invoice_reason != NULL)
        printf ("%s\n", no_invoice_reason);
    }
  else
    {
      const char * const *reasons = acr_decision_get_reasons (decision);
      printf (_("Application refused and kept: eligible for no membership category.\n"));
      for (guint i = 0; reasons[i] != NULL; i++)
        printf ("  - %s\n", reasons[i]);
    }
  return ACR_CLI_EXIT_OK;
}

/* --- lifecycle --- */

int
acr_cli_lifecycle (int    argc,
                   char **argv)
{
  g_autofree char *date_text = NULL;
  g_autofree char *keep_refused = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day to run the lifecycle for (required)"), N_("YYYY-MM-DD") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print what would change, change nothing"), NULL },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { "keep-refused-months", 0, 0, G_OPTION_ARG_STRING, &keep_refused,
      N_("Keep refused applications N months, then anonymise them (saved for later runs; default 24)"), N_("N") },
    { NULL }
  };
  gint64 keep_months = 0;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrLifecycleReport) report = NULL;
  g_autoptr (GError) error = NULL;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("lifecycle", NULL,
                          _("Re-classifies active and lapsed members on a date: trainees become full members six "
                            "months after training, notified retirements are recorded, what the rules leave to "
                            "staff is flagged for review. Running it twice on a date changes nothing the second time."),
                          entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (date_text == NULL || argc != 1)
    {
      acr_cli_print_error (_("lifecycle: --date YYYY-MM-DD is required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if (keep_refused != NULL &&
      (status = acr_cli_parse_int ("--keep-refused-months", keep_refused, 1, 1200, &keep_months)) >= 0)
    return status;
  if ((rules = load_rules ()) == NULL || (store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  if (keep_refused != NULL && !dry_run &&
      !acr_store_set_setting (store, ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS, keep_refused, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  report = acr_lifecycle_run (store, rules, &date, dry_run, NULL, NULL, &error);
  if (report == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  for (guint i = 0; i < report->changes->len; i++)
    {
      AcrLifecycleChange *c = report->changes->pdata[i];
      printf ("%07u  %-30s  %-8s  %s → %s  (%s)\n", c->number, c->name, c->field,
              c->old_value ? c->old_value : "∅", c->new_value ? c->new_value : "∅", c->reason);
    }
  for (guint i = 0; i < report->skipped->len; i++)
    printf (_("skipped: %s\n"), (char *) report->skipped->pdata[i]);
  printf (dry_run ? _("Dry run on %s: %u members examined, %u would change; nothing was written.\n")
                  : _("Lifecycle on %s: %u members examined, %u changed.\n"),
          date_text, report->examined, report->members_changed);
  return acr_cli_anonymise_old_refusals (store, &date, dry_run, keep_refused);
}
