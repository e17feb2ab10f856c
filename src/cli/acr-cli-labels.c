#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-file-writer.h"
#include "acr-labels.h"
#include "acr-date.h"
#include "acr-member-card.h"
#include "acr-money.h"
#include "acr-statement.h"
#include "acr-search-results.h"

/*
 * `labels` and `cards`: documents for a lookup's members (search and
 * filters as for `members`).
 *
 * `labels`: mailing labels for the members a lookup finds (search and
 * filters as for `members`), in postal-code order, as one PDF of label
 * sheets.
 */

int
acr_cli_labels (int    argc,
                char **argv)
{
  g_auto (AcrCliLookup) lookup = { NULL, };
  g_autofree char *sheet_name = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &sheet_name,
      N_("avery-5160 (Letter, 30 a sheet; the default) or l7163 (A4, 14 a sheet)"), N_("SHEET") },
    ACR_CLI_LOOKUP_ENTRIES (&lookup),
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file (never the database)"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) labels = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { 0 };
  AcrLabelSheet sheet = ACR_LABEL_SHEET_AVERY_5160;
  guint n = 0;
  int status = acr_cli_parse_options ("labels", _("FILE.pdf [SEARCH…]"),
                                      _("Writes mailing labels for the members a lookup finds (search and filters as "
                                        "for “members”), in postal-code order, addressed as invoices are. The file is "
                                        "private (mode 0600) and complete or absent; an existing file is replaced only "
                                        "with --force."),
                                      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc < 2)
    {
      acr_cli_print_error (_("labels: expected a file name"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (sheet_name != NULL && !acr_label_sheet_from_string (sheet_name, &sheet))
    {
      acr_cli_print_error (_("--sheet: expected avery-5160 or l7163, got “%s”"), sheet_name);
      return ACR_CLI_EXIT_USAGE;
    }
  /* The order is the post's: postal codes (acr_labels_collect ()). */
  if ((status = acr_cli_lookup_query (&lookup, argv + 2, ACR_SEARCH_SORT_FAMILY_NAME, &query)) >= 0)
    return status;

  if ((store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  if ((ids = acr_store_search_ids (store, &query, 0, &n, &error)) == NULL ||
      (labels = acr_labels_collect (store, ids, &error)) == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (labels->len == 0)
    {
      acr_cli_print_error (_("labels: the lookup finds no member; nothing was written"));
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  /* Complete or absent, never the database, replaced only with --force. */
  acr_file_writer_protect (acr_store_get_location (store));
  stream = G_OUTPUT_STREAM (acr_file_writer_new (argv[1], force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE, &error));
  if (stream == NULL ||
      !acr_labels_write_pdf (labels, sheet, stream, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    return acr_cli_fail_writing (error);

  printf (g_dngettext (NULL, "%u label (%u sheet of %s) written to %s\n", "%u labels (%u sheets of %s) written to %s\n",
                       labels->len),
          labels->len, (labels->len + acr_label_sheet_get_per_page (sheet) - 1) / acr_label_sheet_get_per_page (sheet),
          acr_label_sheet_to_string (sheet), argv[1]);
  return ACR_CLI_EXIT_OK;
}

/* --- cards --- */

static gboolean
keep_member_cb (AcrMember  *member,
                gpointer    user_data,
                GError    **error)
{
  g_ptr_array_add (user_data, g_object_ref (member));
  return TRUE;
}

int
acr_cli_cards (int    argc,
               char **argv)
{
  g_auto (AcrCliLookup) lookup = { NULL, };
  g_autofree char *layout_name = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *rules_path = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The membership year printed on the cards (required)"), N_("YEAR") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout_name,
      N_("avery-5371 (Letter, 10 cards a sheet; the default) or single (a page per card)"), N_("LAYOUT") },
    ACR_CLI_LOOKUP_ENTRIES (&lookup),
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file (never the database)"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) members = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  AcrSearchQuery query = { 0 };
  AcrCardLayout layout = ACR_CARD_LAYOUT_AVERY_5371;
  gint64 year = 0;
  guint n = 0;
  int status = acr_cli_parse_options ("cards", _("FILE.pdf [SEARCH…]"),
                                      _("Writes member cards (name, number, category, year and a QR code of the "
                                        "member number, in each member's language) for the members a lookup finds. "
                                        "The file is private (mode 0600) and complete or absent; an existing file is "
                                        "replaced only with --force."),
                                      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc < 2 || year_text == NULL)
    {
      acr_cli_print_error (_("cards: expected a file name and --year YEAR"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (acr_cli_parse_int ("--year", year_text, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &year) >= 0)
    return ACR_CLI_EXIT_USAGE;
  if (layout_name != NULL && !acr_card_layout_from_string (layout_name, &layout))
    {
      acr_cli_print_error (_("--layout: expected avery-5371 or single, got “%s”"), layout_name);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_lookup_query (&lookup, argv + 2, ACR_SEARCH_SORT_NUMBER, &query)) >= 0)
    return status;

  if ((rules = acr_cli_load_rules (rules_path)) == NULL || (store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  if ((ids = acr_store_search_ids (store, &query, 0, &n, &error)) == NULL ||
      !acr_store_foreach_member (store, ids, keep_member_cb, members, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (members->len == 0)
    {
      acr_cli_print_error (_("cards: the lookup finds no member; nothing was written"));
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  acr_file_writer_protect (acr_store_get_location (store));
  stream = G_OUTPUT_STREAM (acr_file_writer_new (argv[1], force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE, &error));
  if (stream == NULL ||
      !acr_member_cards_write_pdf (members, rules, (int) year, layout, stream, &error) ||
      !g_output_stream_close (stream, NULL, &error))
    return acr_cli_fail_writing (error);

  printf (g_dngettext (NULL, "%u card written to %s\n", "%u cards written to %s\n", members->len), members->len, argv[1]);
  return ACR_CLI_EXIT_OK;
}

/* --- statement --- */

int
acr_cli_statement (int    argc,
                   char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *rules_path = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day (default: the member's first document)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day, to which ages are counted (default: today)"), N_("YYYY-MM-DD") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf_path, N_("Write the statement as a PDF in the member's language"), N_("FILE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing file (never the database)"), NULL },
    { NULL }
  };
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrStatement) statement = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  GPtrArray *statement_entries;
  GDate from, to;
  int status = acr_cli_parse_options ("statement", _("NUMBER"),
                                      _("Prints a member's statement of account for a period: every invoice, payment, "
                                        "refund and credit note with the running balance, and what is still owed by "
                                        "age; --pdf writes it in the member's language."),
                                      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("statement: expected one member number"));
      return ACR_CLI_EXIT_USAGE;
    }
  g_date_clear (&from, 1);
  if (from_text != NULL && (status = acr_cli_parse_date (from_text, &from)) >= 0)
    return status;
  if ((status = acr_cli_parse_date (to_text, &to)) >= 0)
    return status;

  if ((rules = acr_cli_load_rules (rules_path)) == NULL || (store = acr_cli_open_store ()) == NULL ||
      (member = acr_cli_lookup_member (store, argv[1])) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  billing = acr_billing_new (store, rules);
  statement = acr_statement_new (billing, acr_member_get_number (member), from_text != NULL ? &from : NULL, &to, &error);
  if (statement == NULL)
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }

  opening = acr_money_format (acr_statement_get_opening_cents (statement), "en");
  closing = acr_money_format (acr_statement_get_closing_cents (statement), "en");
  statement_entries = acr_statement_get_entries (statement);
  printf ("%-10s  %-11s  %-12s  %12s  %12s\n", _("Date"), _("Document"), _("Entry"), _("Amount"), _("Balance"));
  printf ("%-10s  %-11s  %-12s  %12s  %12s\n", "", "", _("brought forward"), "", opening);
  for (guint i = 0; i < statement_entries->len; i++)
    {
      const AcrStatementEntry *entry = statement_entries->pdata[i];
      static const char * const kinds[] = { "invoice", "credit-note", "payment", "refund", "voided" };
      g_autofree char *date = acr_date_format_iso (&entry->date);
      g_autofree char *amount = acr_money_format (entry->amount_cents, "en");
      g_autofree char *balance = acr_money_format (entry->balance_cents, "en");

      printf ("%-10s  %-11s  %-12s  %12s  %12s\n", date, entry->document, kinds[entry->kind], amount, balance);
    }
  printf ("%-10s  %-11s  %-12s  %12s  %12s\n", "", "", _("balance"), "", closing);

  if (pdf_path != NULL)
    {
      acr_file_writer_protect (acr_store_get_location (store));
      stream = G_OUTPUT_STREAM (acr_file_writer_new (pdf_path, force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE, &error));
      if (stream == NULL || !acr_statement_write_pdf (statement, stream, &error) ||
          !g_output_stream_close (stream, NULL, &error))
        return acr_cli_fail_writing (error);
    }
  return ACR_CLI_EXIT_OK;
}
