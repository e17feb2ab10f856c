/*
 * One policy for every front (issue 11), through acr-membership-cli ($ACR_CLI):
 * the same persons give the same classify, quote and apply answers from the
 * CLI as from the core the app calls; apply issues the first invoice in the
 * same transaction; edit reclassifies; bill refuses placeholder amounts
 * unless --accept-placeholders.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

/* Every well-formed applicant of tests/fixtures/persons. */
static const char * const persons[] = {
  "active-duty-waiver.json", "associate-new-graduate.json", "awaiting-match-egypt.json",
  "fellow-august.json", "international-france.json", "international-student-india.json",
  "medical-student-canada.json", "mri-scientist.json", "nobody.json",
  "radiologist-two-chapters.json", "resident-us.json", "retired-march.json",
};

static char *
person_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "persons", file, NULL);
}

static void
run_cli (AcrTestRun         *run,
         const char         *db,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, db);

  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

#define CLI(db, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli (run, db, args_); \
  } G_STMT_END

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
assert_same_json (JsonNode   *cli,
                  JsonNode   *core,
                  const char *what)
{
  if (!json_node_equal (cli, core))
    {
      g_autofree char *a = json_to_string (cli, TRUE);
      g_autofree char *b = json_to_string (core, TRUE);

      g_error ("%s: the CLI and the core disagree:\nCLI: %s\ncore: %s", what, a, b);
    }
}

static AcrPerson *
load_person (const char *file)
{
  g_autofree char *path = person_path (file);
  g_autoptr (GError) error = NULL;
  AcrPerson *person = acr_person_new_from_file (path, &error);

  g_assert_no_error (error);
  return person;
}

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (text, &date));
  return date;
}

/* classify and quote: the CLI prints what the core decides, for every applicant. */
static void
test_cli_and_core_agree_on_classify_and_quote (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_default (&error);
  GDate on = date_of ("2026-11-26");

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    {
      g_autofree char *path = person_path (persons[i]);
      g_autoptr (AcrPerson) person = load_person (persons[i]);
      g_autoptr (AcrDecision) decision = acr_rules_classify (rules, person, &on, &error);
      g_autoptr (AcrDuesQuote) quote = NULL;
      g_autoptr (JsonNode) core_decision = NULL;
      g_autoptr (JsonNode) core_quote = NULL;
      g_autoptr (JsonNode) cli_decision = NULL;
      g_autoptr (JsonNode) cli_quote = NULL;
      g_auto (AcrTestRun) classify = { 0 };
      g_auto (AcrTestRun) quoted = { 0 };

      g_assert_no_error (error);
      quote = acr_rules_quote (rules, person, 2027, &on, &error);
      g_assert_no_error (error);
      core_decision = acr_decision_to_json (decision);
      core_quote = acr_dues_quote_to_json (quote);

      CLI (NULL, &classify, "classify", "--date", "2026-11-26", path);
      g_assert_cmpint (classify.status, ==, 0);
      CLI (NULL, &quoted, "quote", "--year", "2027", "--date", "2026-11-26", path);
      g_assert_cmpint (quoted.status, ==, 0);
      cli_decision = parse_json (classify.out);
      cli_quote = parse_json (quoted.out);

      assert_same_json (cli_decision, core_decision, persons[i]);
      assert_same_json (cli_quote, core_quote, persons[i]);
    }
}

/* apply: the CLI and the core (the app's Approve) record the same members
 * and issue the same first invoices, person by person. */
static void
test_cli_and_core_agree_on_apply (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *cli_db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *core_db = g_build_filename (dir, "core.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_default (&error);
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  GDate on = date_of ("2026-12-06");
  guint n_invoices = 0;

  g_assert_no_error (error);
  store = acr_store_open (core_db, &error);
  g_assert_no_error (error);
  billing = acr_billing_new (store, rules);

  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    {
      g_autofree char *path = person_path (persons[i]);
      g_autoptr (AcrPerson) person = load_person (persons[i]);
      g_autoptr (AcrMember) member = NULL;
      g_autoptr (AcrDecision) decision = NULL;
      g_autoptr (AcrInvoice) invoice = NULL;
      g_autofree char *reason = NULL;
      g_autoptr (JsonNode) cli = NULL;
      g_auto (AcrTestRun) run = { 0 };
      JsonObject *object;
      JsonNode *cli_invoice;

      g_assert_true (acr_billing_apply (billing, person, NULL, &on, 0, &member, &decision, &invoice, &reason, &error));
      g_assert_no_error (error);

      CLI (cli_db, &run, "apply", "--date", "2026-12-06", "--json", path);
      g_assert_cmpint (run.status, ==, 0);
      cli = parse_json (run.out);
      object = json_node_get_object (cli);

      g_assert_cmpstr (json_object_get_string_member (object, "outcome"), ==, member != NULL ? "accepted" : "refused");
      if (member != NULL)
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "member"), "category"),
                         ==, acr_member_get_category (member));
      g_assert_cmpstr (json_object_get_string_member (object, "no_invoice_reason"), ==, reason);

      cli_invoice = json_object_get_member (object, "invoice");
      if (invoice == NULL)
        g_assert_true (JSON_NODE_HOLDS_NULL (cli_invoice));
      else
        {
          g_autoptr (JsonNode) core_invoice = acr_billing_invoice_to_json (invoice);
          JsonObject *a = json_node_get_object (cli_invoice);
          JsonObject *b = json_node_get_object (core_invoice);

          n_invoices++;
          g_assert_cmpstr (json_object_get_string_member (a, "number"), ==, json_object_get_string_member (b, "number"));
          g_assert_cmpint (json_object_get_int_member (a, "year"), ==, json_object_get_int_member (b, "year"));
          g_assert_cmpint (json_object_get_int_member (a, "total_cents"), ==, json_object_get_int_member (b, "total_cents"));
          assert_same_json (json_object_get_member (a, "lines"), json_object_get_member (b, "lines"), persons[i]);
        }
    }

  /* The named radiologist owes 2027 dues: the comparison compared something. */
  g_assert_cmpuint (n_invoices, >=, 1);

  g_clear_object (&billing);
  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

/* apply issues the first invoice for the year after the cut-off, and a
 * year staff choose that the rules cannot bill writes nothing. */
static void
test_cli_apply_bills_the_first_year (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "members.db", NULL);
  g_autofree char *path = person_path ("radiologist-two-chapters.json");
  g_auto (AcrTestRun) refused = { 0 };
  g_auto (AcrTestRun) december = { 0 };
  g_auto (AcrTestRun) invoices = { 0 };
  g_auto (AcrTestRun) members = { 0 };

  CLI (db, &refused, "apply", "--date", "2026-12-06", "--first-year", "2040", path);
  g_assert_cmpint (refused.status, ==, 1);
  acr_test_assert_one_line (refused.err + (g_str_has_prefix (refused.err, "acr-membership-cli: created") ?
                                           strcspn (refused.err, "\n") + 1 : 0));
  g_assert_nonnull (strstr (refused.err, "2040"));

  CLI (db, &december, "apply", "--date", "2026-12-06", path);
  g_assert_cmpint (december.status, ==, 0);
  g_assert_nonnull (strstr (december.out, "Invoice 2027-000001 issued for 2027"));

  CLI (db, &members, "members");
  g_assert_cmpint (members.status, ==, 0);
  g_assert_nonnull (strstr (members.out, "1 member"));
  CLI (db, &invoices, "invoices", "--year", "2026", "--json");
  g_assert_cmpint (invoices.status, ==, 0);
  g_assert_null (strstr (invoices.out, "\"number\""));

  acr_test_remove_tree (dir);
}

/* edit reclassifies as the app's Edit… does. */
static void
test_cli_edit_reclassifies (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "members.db", NULL);
  g_autofree char *path = person_path ("fellow-august.json");
  g_auto (AcrTestRun) applied = { 0 };
  g_auto (AcrTestRun) edited = { 0 };
  g_auto (AcrTestRun) shown = { 0 };
  g_autoptr (JsonNode) member = NULL;

  CLI (db, &applied, "apply", "--date", "2026-11-26", path);
  g_assert_cmpint (applied.status, ==, 0);
  g_assert_nonnull (strstr (applied.out, "member-in-training"));

  /* Training ended long ago, so today the fellow is a full member. */
  CLI (db, &edited, "edit", "0000001", "training.end=2020-06-30", "--reason", "letter of 3 May");
  g_assert_cmpint (edited.status, ==, 0);
  g_assert_nonnull (strstr (edited.out, "Category: member-in-training → general"));

  CLI (db, &shown, "show", "0000001", "--json");
  g_assert_cmpint (shown.status, ==, 0);
  member = parse_json (shown.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (member), "category"), ==, "general");

  acr_test_remove_tree (dir);
}

/* bill refuses placeholder amounts, writing nothing, unless --accept-placeholders. */
static void
test_cli_bill_refuses_placeholders_unless_accepted (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *db = g_build_filename (dir, "members.db", NULL);
  g_autofree char *path = person_path ("radiologist-two-chapters.json");
  g_auto (AcrTestRun) applied = { 0 };
  g_auto (AcrTestRun) refused = { 0 };
  g_auto (AcrTestRun) listed = { 0 };
  g_auto (AcrTestRun) accepted = { 0 };
  g_auto (AcrTestRun) listed_again = { 0 };

  CLI (db, &applied, "apply", "--date", "2026-06-01", "--first-year", "2026", path);
  g_assert_cmpint (applied.status, ==, 0);

  CLI (db, &refused, "bill", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (refused.status, ==, 1);
  acr_test_assert_one_line (refused.err);
  g_assert_nonnull (strstr (refused.err, "placeholder"));
  g_assert_nonnull (strstr (refused.err, "--accept-placeholders"));
  g_assert_nonnull (strstr (refused.out, "nothing was written"));
  CLI (db, &listed, "invoices", "--year", "2027", "--json");
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_null (strstr (listed.out, "2027-000001"));

  CLI (db, &accepted, "bill", "--year", "2027", "--date", "2026-11-02", "--accept-placeholders");
  g_assert_cmpint (accepted.status, ==, 0);
  CLI (db, &listed_again, "invoices", "--year", "2027", "--json");
  g_assert_nonnull (strstr (listed_again.out, "2027-000001"));

  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/rules-policy-cli/cli-and-core-agree-on-classify-and-quote",
                   test_cli_and_core_agree_on_classify_and_quote);
  g_test_add_func ("/acr/rules-policy-cli/cli-and-core-agree-on-apply", test_cli_and_core_agree_on_apply);
  g_test_add_func ("/acr/rules-policy-cli/apply-bills-the-first-year", test_cli_apply_bills_the_first_year);
  g_test_add_func ("/acr/rules-policy-cli/edit-reclassifies", test_cli_edit_reclassifies);
  g_test_add_func ("/acr/rules-policy-cli/bill-refuses-placeholders-unless-accepted",
                   test_cli_bill_refuses_placeholders_unless_accepted);

  return g_test_run ();
}
