#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-invoice-batch.h"
#include "acr-invoice-renderer.h"
#include "acr-store-settings.h"
#include "acr-money.h"

/*
 * Billing commands: every one takes --db PATH like the member commands.
 * Exit 0 on success, 1 for invalid input or data (an unknown invoice, an
 * overpayment, a refused void), 2 for wrong usage.
 */

static char *rules_path = NULL;

static const GOptionEntry rules_entry = {
  "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path, N_("Read the rules from FILE instead of the built-in bundle"), N_("FILE")
};

/* Opens the store and the rules; NULL after printing the error. */
static AcrBilling *
open_billing (void)
{
  g_autoptr (AcrRules) rules = acr_cli_load_rules (rules_path);
  g_autoptr (AcrStore) store = NULL;

  if (rules == NULL || (store = acr_cli_open_store ()) == NULL)
    return NULL;
  return acr_billing_new (store, rules);
}

static int
fail_with (GError *error)
{
  acr_cli_print_error ("%s", error->message);
  return ACR_CLI_EXIT_INVALID_INPUT;
}

/* A membership year as typed, within the years dates may have. */
/* The most --amount takes: a billion dollars is a typo, not a payment. */
#define ACR_CLI_MAX_CENTS G_GINT64_CONSTANT (100000000000)

static gboolean
parse_year (const char *option,
            const char *text,
            int        *year)
{
  gint64 value = 0;

  if (acr_cli_parse_int (option, text, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &value) >= 0)
    return FALSE;
  *year = (int) value;
  return TRUE;
}

static void
print_invoice_row (AcrInvoice *invoice)
{
  gboolean is_invoice = acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_INVOICE;
  g_autofree char *total = acr_money_format (acr_invoice_get_total_cents (invoice), "en");
  /* A credit note owes nothing itself: what it does shows on the invoice it cancels. */
  g_autofree char *balance = is_invoice ? acr_money_format (acr_invoice_get_balance_cents (invoice), "en") : g_strdup ("");
  const GDate *issued = acr_invoice_get_issued_on (invoice);
  g_autofree char *issued_text = acr_date_format_iso (issued);
  g_autofree char *name = acr_cli_pad (acr_invoice_get_member_name (invoice), 28);

  printf ("%s  %-11s  %s  %s  %s  %-14s  %12s  %12s\n",
          acr_invoice_get_number (invoice),
          acr_invoice_kind_to_string (acr_invoice_get_kind (invoice)),
          issued_text,
          acr_invoice_get_member_number (invoice),
          name,
          is_invoice ? acr_invoice_status_to_string (acr_invoice_get_status (invoice)) : acr_invoice_get_reference_number (invoice),
          total, balance);
}

/* --- bill --- */

static void
bill_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  if (done % 5000 == 0 || done == total)
    g_printerr (_("%u of %u members\n"), done, total);
}

int
acr_cli_bill (int    argc,
              char **argv)
{
  g_autofree char *date_text = NULL;
  gboolean dry_run = FALSE;
  gboolean list_skipped = FALSE;
  gboolean progress = FALSE;
  gboolean accept_placeholders = FALSE;
  g_autofree char *member_text = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *batch_size_text = NULL;
  int year = 0;
  gint64 batch_size = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The membership year to bill (required)"), N_("YEAR") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_text,
      N_("Bill only this member, on purpose (also after their invoice for the year was voided or credited)"), N_("NUMBER") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print what would be billed, write nothing"), NULL },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The issue date (default: today)"), N_("YYYY-MM-DD") },
    { "batch-size", 0, 0, G_OPTION_ARG_STRING, &batch_size_text, N_("Invoices per transaction (default 500)"), N_("N") },
    { "list-skipped", 0, 0, G_OPTION_ARG_NONE, &list_skipped, N_("List each active member skipped, and why"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Report progress on standard error"), NULL },
    { "accept-placeholders", 0, 0, G_OPTION_ARG_NONE, &accept_placeholders,
      N_("Issue invoices even where the rules use placeholder amounts (refused otherwise)"), NULL },
    rules_entry,
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = NULL;
  gboolean ok;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("bill", NULL,
                                  _("Bills every active member for a membership year, one invoice each. Running it "
                                    "again bills nobody twice and finishes a run that was interrupted."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1 || year_text == NULL)
    {
      acr_cli_print_error (_("bill: --year YEAR is required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (!parse_year ("--year", year_text, &year) ||
      acr_cli_parse_int ("--batch-size", batch_size_text, 1, G_MAXINT, &batch_size) >= 0)
    return ACR_CLI_EXIT_USAGE;
  if (member_text != NULL && dry_run)
    {
      acr_cli_print_error (_("bill: --member bills one member now; use balance NUMBER to see their invoices"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  if (member_text != NULL)
    {
      g_autoptr (AcrMember) member = acr_cli_lookup_member (acr_billing_get_store (billing), member_text);
      g_autoptr (AcrInvoice) invoice = NULL;
      g_autofree char *total = NULL;

      if (member == NULL)
        return ACR_CLI_EXIT_INVALID_INPUT;
      invoice = acr_billing_create_invoice (billing, acr_member_get_number (member), year, &date, &error);
      if (invoice == NULL)
        return fail_with (error);
      total = acr_money_format (acr_invoice_get_total_cents (invoice), "en");
      printf ("%s  %s  %s\n", acr_invoice_get_number (invoice), acr_invoice_get_member_number (invoice), total);
      return ACR_CLI_EXIT_OK;
    }

  run = acr_billing_run_new (billing, year, &date);
  acr_billing_run_set_batch_size (run, batch_size);
  acr_billing_run_set_accept_placeholders (run, accept_placeholders);
  if (progress)
    acr_billing_run_set_progress_func (run, bill_progress_cb, NULL);
  ok = acr_billing_run_execute (run, dry_run, NULL, &error);

  if (list_skipped)
    {
      GPtrArray *skipped = acr_billing_run_get_skipped (run);

      for (guint i = 0; i < skipped->len; i++)
        {
          AcrBillingRunSkip *skip = skipped->pdata[i];
          printf ("%07u  %-30s  %s\n", skip->number, skip->name, skip->reason);
        }
    }
  /* A run that could not start has nothing to summarise; one refused for
   * its placeholders shows what it would have billed (nothing was written). */
  if (ok || acr_billing_run_get_n_total (run) > 0)
    {
      gboolean refused = g_error_matches (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_PLACEHOLDER);

      summary = acr_billing_run_format_summary (run, dry_run || refused);
      fputs (summary, stdout);
    }
  if (!ok && g_error_matches (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_PLACEHOLDER))
    {
      acr_cli_print_error (_("%s (--accept-placeholders)"), error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (!ok)
    return fail_with (error);
  return ACR_CLI_EXIT_OK;
}

/* --- invoices --- */

int
acr_cli_invoices (int    argc,
                  char **argv)
{
  g_autofree char *member_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *year_text = NULL;
  gboolean json = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Only this membership year"), N_("YEAR") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_text, N_("Only this member’s"), N_("NUMBER") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only open, paid, partially-paid, void or refunded"), N_("STATUS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("Only invoice or credit-note"), N_("KIND") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;
  AcrInvoiceFilter filter = { 0 };
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("invoices", NULL, _("Lists invoices and credit notes in number order."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1 || (year_text != NULL && !parse_year ("--year", year_text, &year)))
    {
      if (argc != 1)
        acr_cli_print_error (_("invoices: unexpected argument “%s”"), argv[1]);
      return ACR_CLI_EXIT_USAGE;
    }
  filter.year = year;
  filter.status = status_text;
  filter.kind = kind_text;
  if (member_text != NULL && (filter.member_number = acr_store_parse_number (member_text)) == 0)
    {
      acr_cli_print_error (_("“%s” is not a member number"), member_text);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  invoices = acr_billing_list_invoices (billing, &filter, &error);
  if (invoices == NULL)
    return fail_with (error);

  if (json)
    {
      g_autoptr (JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (invoices->len);

      for (guint i = 0; i < invoices->len; i++)
        json_array_add_element (array, acr_billing_invoice_to_json (invoices->pdata[i]));
      json_node_take_array (root, array);
      acr_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < invoices->len; i++)
        print_invoice_row (invoices->pdata[i]);
    }
  return ACR_CLI_EXIT_OK;
}

/* --- invoice-pdf --- */

int
acr_cli_invoice_pdf (int    argc,
                     char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *member_text = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *kind_text = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file, or a folder for one PDF per invoice (required)"), N_("FILE|DIR") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text, N_("letter (default) or a4"), N_("PAPER") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace existing files (never the database)"), NULL },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("Only this membership year"), N_("YEAR") },
    { "member", 0, 0, G_OPTION_ARG_STRING, &member_text, N_("Only this member’s"), N_("NUMBER") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("Only open, paid, partially-paid, void or refunded"), N_("STATUS") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("Only invoice or credit-note"), N_("KIND") },
    { NULL }
  };
  AcrInvoiceFilter filter = { 0 };
  gboolean select;
  AcrFileWriterFlags flags;
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoiceRenderer) renderer = NULL;
  g_autoptr (GPtrArray) invoices = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  gboolean to_folder;
  gboolean ok;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("invoice-pdf", _("[NUMBER…]"),
                                  _("Exports invoices as PDF: into one file (in postal-code order, for mailing), or "
                                    "one file per invoice named by its number when -o is a folder. Files are "
                                    "private (mode 0600) and complete or absent; an existing file is replaced "
                                    "only with --force. Instead of numbers, --year, --member, --status and --kind "
                                    "select the documents, as for “invoices”; they are read a few at a time, so a "
                                    "whole year can be exported."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  select = year_text != NULL || member_text != NULL || status_text != NULL || kind_text != NULL;
  if (output == NULL || (argc < 2 && !select))
    {
      acr_cli_print_error (_("invoice-pdf: -o FILE|DIR and invoice numbers or a selection (--year, --member, --status, --kind) are required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (argc >= 2 && select)
    {
      acr_cli_print_error (_("invoice-pdf: give invoice numbers or a selection (--year, --member, --status, --kind), not both"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (year_text != NULL && !parse_year ("--year", year_text, &filter.year))
    return ACR_CLI_EXIT_USAGE;
  if (member_text != NULL && (filter.member_number = acr_store_parse_number (member_text)) == 0)
    {
      acr_cli_print_error (_("“%s” is not a member number"), member_text);
      return ACR_CLI_EXIT_USAGE;
    }
  filter.status = status_text;
  filter.kind = kind_text;
  renderer = acr_invoice_renderer_new ();
  if (paper_text == NULL || g_str_equal (paper_text, "letter"))
    acr_invoice_renderer_set_paper (renderer, ACR_PAPER_LETTER);
  else if (g_str_equal (paper_text, "a4"))
    acr_invoice_renderer_set_paper (renderer, ACR_PAPER_A4);
  else
    {
      acr_cli_print_error (_("--paper: expected letter or a4, got “%s”"), paper_text);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  acr_file_writer_protect (acr_store_get_location (acr_billing_get_store (billing)));
  /* The issuer is the membership's, as the application prints it. */
  if (!acr_store_configure_renderer (acr_billing_get_store (billing), renderer, &error))
    return fail_with (error);
  flags = force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE;
  to_folder = g_file_test (output, G_FILE_TEST_IS_DIR) || g_str_has_suffix (output, G_DIR_SEPARATOR_S);

  if (select)
    {
      guint n = 0;

      if (!acr_invoice_batch_export (billing, renderer, &filter, output, to_folder, flags, &n, &error))
        return acr_cli_fail_writing (error);
      printf (g_dngettext (NULL, "%u document written to %s\n", "%u documents written to %s\n", n), n, output);
      return ACR_CLI_EXIT_OK;
    }

  for (int i = 1; i < argc; i++)
    {
      AcrInvoice *invoice = acr_billing_lookup_invoice (billing, argv[i], &error);

      if (invoice == NULL)
        return fail_with (error);
      g_ptr_array_add (invoices, invoice);
    }

  if (to_folder)
    {
      if (g_mkdir_with_parents (output, 0700) != 0)
        {
          acr_cli_print_error (_("%s: cannot create the folder: %s"), output, g_strerror (errno));
          return ACR_CLI_EXIT_INVALID_INPUT;
        }
      ok = acr_invoice_renderer_export_folder (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                               output, flags, 0, NULL, &error);
    }
  else if (invoices->len == 1)
    ok = acr_invoice_renderer_export_pdf (renderer, invoices->pdata[0], output, flags, &error);
  else
    ok = acr_invoice_renderer_export_combined (renderer, (AcrInvoice * const *) invoices->pdata, invoices->len,
                                               output, flags, NULL, &error);
  if (!ok)
    return acr_cli_fail_writing (error);
  return ACR_CLI_EXIT_OK;
}

/* --- pay, refund --- */

static int
record_money (const char  *name,
              int          argc,
              char       **argv,
              gboolean     refund)
{
  g_autofree char *date_text = NULL;
  g_autofree char *method_text = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *amount_given = NULL;
  gint64 amount = 0;
  GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_given, N_("Amount in cents (required)"), N_("CENTS") },
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_text, N_("check, card or bank-transfer (required)"), N_("METHOD") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day the money moved (default: today)"), N_("YYYY-MM-DD") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &reference, N_("Check number, card or bank reference"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrPayment) payment = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *balance_text = NULL;
  AcrPaymentMethod method;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options (name, _("NUMBER"),
                                  refund ? _("Records money paid back to the member on an invoice.")
                                         : _("Records a payment on an invoice (partial payments allowed; more than "
                                             "the balance is refused)."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2 || method_text == NULL || amount_given == NULL)
    {
      acr_cli_print_error (_("%s: NUMBER, --amount CENTS and --method METHOD are required"), name);
      return ACR_CLI_EXIT_USAGE;
    }
  /* Cents, more than nothing and at most a billion dollars (as the rules' amounts):
   * a refund is given as the positive amount paid back. */
  if ((status = acr_cli_parse_int ("--amount", amount_given, 1, ACR_CLI_MAX_CENTS, &amount)) >= 0)
    return status;
  if (!acr_payment_method_from_string (method_text, &method))
    {
      acr_cli_print_error (_("--method: expected check, card or bank-transfer, got “%s”"), method_text);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  payment = acr_payment_new (refund ? -amount : amount, &date, method, reference);
  invoice = refund ? acr_billing_record_refund (billing, argv[1], payment, &error)
                   : acr_billing_record_payment (billing, argv[1], payment, &error);
  if (invoice == NULL)
    return fail_with (error);

  amount_text = acr_money_format (amount, "en");
  balance_text = acr_money_format (acr_invoice_get_balance_cents (invoice), "en");
  printf (refund ? _("%s: refund of %s recorded; status %s, balance %s\n")
                 : _("%s: payment of %s recorded; status %s, balance %s\n"),
          acr_invoice_get_number (invoice), amount_text,
          acr_invoice_status_to_string (acr_invoice_get_status (invoice)), balance_text);
  return ACR_CLI_EXIT_OK;
}

int
acr_cli_pay (int    argc,
             char **argv)
{
  return record_money ("pay", argc, argv, FALSE);
}

int
acr_cli_refund (int    argc,
                char **argv)
{
  return record_money ("refund", argc, argv, TRUE);
}

/* --- void, credit --- */

int
acr_cli_void (int    argc,
              char **argv)
{
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the invoice is void (required)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("void", _("NUMBER"),
                                  _("Voids an invoice. Refused while it holds payments: refund them first."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2 || reason == NULL || *reason == '\0')
    {
      acr_cli_print_error (_("void: NUMBER and --reason TEXT are required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  invoice = acr_billing_void_invoice (billing, argv[1], reason, &error);
  if (invoice == NULL)
    return fail_with (error);
  printf (_("%s is void: %s\n"), acr_invoice_get_number (invoice), reason);
  return ACR_CLI_EXIT_OK;
}

int
acr_cli_credit (int    argc,
                char **argv)
{
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The issue date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (AcrInvoice) note = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *total = NULL;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("credit", _("NUMBER"),
                                  _("Issues a credit note cancelling an invoice in full."), entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("credit: one invoice NUMBER is required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  note = acr_billing_issue_credit_note (billing, argv[1], &date, &error);
  if (note == NULL)
    return fail_with (error);
  total = acr_money_format (acr_invoice_get_total_cents (note), "en");
  printf (_("Credit note %s for invoice %s: %s\n"), acr_invoice_get_number (note), argv[1], total);
  return ACR_CLI_EXIT_OK;
}

/* --- retire --- */

int
acr_cli_retire (int    argc,
                char **argv)
{
  g_autofree char *date_text = NULL;
  GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day retirement was notified (required)"), N_("YYYY-MM-DD") },
    rules_entry,
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  guint number;
  GDate date;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("retire", _("MEMBER"),
                                  _("Records a notified retirement. Invoices the rules no longer owe (notice between "
                                    "January 1 and March 31 of their year, or a later year) are cancelled by a credit "
                                    "note; money already paid on them is then owed back."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2 || date_text == NULL)
    {
      acr_cli_print_error (_("retire: MEMBER and --date YYYY-MM-DD are required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((number = acr_store_parse_number (argv[1])) == 0)
    {
      acr_cli_print_error (_("“%s” is not a member number"), argv[1]);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  notes = acr_billing_retire_member (billing, number, &date, &error);
  if (notes == NULL)
    return fail_with (error);

  printf (_("Member %07u retired on %s.\n"), number, date_text);
  for (guint i = 0; i < notes->len; i++)
    {
      AcrInvoice *note = notes->pdata[i];
      g_autoptr (AcrInvoice) invoice = acr_billing_lookup_invoice (billing, acr_invoice_get_reference_number (note), NULL);
      g_autofree char *total = acr_money_format (-acr_invoice_get_total_cents (note), "en");

      printf (_("Credit note %s cancels invoice %s (%s)"), acr_invoice_get_number (note),
              acr_invoice_get_reference_number (note), total);
      if (invoice != NULL && acr_invoice_get_balance_cents (invoice) < 0)
        {
          g_autofree char *owed = acr_money_format (-acr_invoice_get_balance_cents (invoice), "en");
          printf (_("; refund due to the member: %s"), owed);
        }
      printf ("\n");
    }
  return ACR_CLI_EXIT_OK;
}

/* --- balance --- */

int
acr_cli_balance (int    argc,
                 char **argv)
{
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *balance_text = NULL;
  gint64 balance = 0;
  guint number;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("balance", _("MEMBER"),
                                  _("Prints a member’s invoices and what the member owes (negative: owed back)."),
                                  NULL, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2)
    {
      acr_cli_print_error (_("balance: one MEMBER number is required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if ((number = acr_store_parse_number (argv[1])) == 0)
    {
      acr_cli_print_error (_("“%s” is not a member number"), argv[1]);
      return ACR_CLI_EXIT_USAGE;
    }
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  invoices = acr_billing_list_member_invoices (billing, number, &balance, &error);
  if (invoices == NULL)
    return fail_with (error);
  for (guint i = 0; i < invoices->len; i++)
    print_invoice_row (invoices->pdata[i]);
  balance_text = acr_money_format (balance, "en");
  printf (_("Balance of member %07u: %s\n"), number, balance_text);
  return ACR_CLI_EXIT_OK;
}

/* --- report --- */

int
acr_cli_report (int    argc,
                char **argv)
{
  g_autofree char *year_text = NULL;
  gboolean csv = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The membership year (required)"), N_("YEAR") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV (amounts in cents)"), NULL },
    { NULL }
  };
  g_autoptr (AcrBilling) billing = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  AcrBillingReportKind kind;
  int status;

  g_clear_pointer (&rules_path, g_free);
  status = acr_cli_parse_options ("report", "receivables|chapters|numbering",
                                  _("Billing reports: receivables by category, chapter remittance, invoice numbering."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 2 || !acr_billing_report_parse_kind (argv[1], &kind))
    {
      acr_cli_print_error (_("report: expected receivables, chapters or numbering"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (year_text == NULL)
    {
      acr_cli_print_error (_("report: --year YEAR is required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (!parse_year ("--year", year_text, &year))
    return ACR_CLI_EXIT_USAGE;
  if ((billing = open_billing ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;
  rows = acr_billing_report (billing, kind, year, &error);
  if (rows == NULL)
    return fail_with (error);
  text = csv ? acr_billing_report_format_csv (kind, rows) : acr_billing_report_format_text (kind, rows);
  fputs (text, stdout);
  return ACR_CLI_EXIT_OK;
}
