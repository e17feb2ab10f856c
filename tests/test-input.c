/*
 * What comes in is checked where it enters: text that is not UTF-8, or a
 * lone half of a character ("\ud800", which json-glib 1.6 would decode into
 * invalid bytes or leak on), JSON
 * nested 100,000 levels deep (json-glib's parser would overflow the stack),
 * dates outside 1900-01-01…2999-12-31, numbers past int64, and errors that
 * name the file, row or option on one line.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-csv-import.h"
#include "acr-csv-reader.h"
#include "acr-decision.h"
#include "acr-member.h"
#include "acr-payment.h"
#include "acr-person.h"
#include "acr-rules.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define DEEP 100000

/* "[[[…]]]" nested @depth levels deep, inside @prefix … @suffix. */
static char *
deep_json (const char *prefix,
           guint       depth,
           const char *suffix)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append (text, suffix);
  return g_string_free (text, FALSE);
}

/* --- person files --- */

static void
test_person_lone_surrogate_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = NULL;

  person = acr_person_new_from_data ("{\"given_name\": \"Jo\\ud800x\", \"family_name\": \"Doe\"}", -1,
                                     "p.json", &error);
  g_assert_null (person);
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "p.json: line 1: \\ud800 must be followed by the second half of its character, \\udc00 to \\udfff");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_person_invalid_bytes_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = acr_person_new ();

  g_assert_false (acr_person_set_fact_from_string (person, "given_name", "Jo\xff", &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "given_name: not valid UTF-8 text");
  g_assert_null (acr_person_get_string (person, "given_name"));
  g_clear_error (&error);

  g_assert_null (acr_person_new_from_data ("{\"given_name\": \"Jo\xff\"}", -1, "p.json", &error));
  g_assert_nonnull (strstr (error->message, "p.json: line 1: not valid UTF-8 text"));
}

/* json-glib 1.6 reads the first of several values (and "var x = …;") and
 * leaks the rest: one document, then only white space. */
static void
test_person_text_after_the_document_refused (void)
{
  const char *refused[] = {
    "{\"given_name\": \"A\"} {\"colour\": 1}",
    "var x = {\"given_name\": \"A\"};",
    "4{\"h\": \"\"}",
    "\"a\" \"b\"",
    "{\"given_name\": \"A\"}\n,",
  };
  const char *accepted[] = {
    "{\"given_name\": \"A\"}\n\n",
    "  {\"given_name\": \"A\", \"chapters\": [\"VA\"]}\r\n",
  };
  g_autoptr (GError) quote_error = NULL;
  g_autoptr (AcrPerson) quoted = acr_person_new_from_data ("''{}", -1, "q.json", &quote_error);

  /* json-glib reads 'single-quoted' strings (and leaks after one): refused. */
  g_assert_null (quoted);
  g_assert_nonnull (quote_error);
  g_assert_nonnull (strstr (quote_error->message, "q.json: line 1: JSON strings take double quotes"));

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrPerson) person = acr_person_new_from_data (refused[i], -1, "p.json", &error);

      g_assert_null (person);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "text after the end of the JSON document"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrPerson) person = acr_person_new_from_data (accepted[i], -1, "p.json", &error);

      g_assert_no_error (error);
      g_assert_nonnull (person);
    }
}

/* json-glib 1.6 leaks the string it was reading at a malformed escape:
 * refused before it parses, with the line. */
static void
test_person_malformed_escape_refused (void)
{
  struct { const char *json; const char *message; } refused[] = {
    { "{\"given_name\": \"\\ud83d\\udnt\"}", "line 1: \\u must be followed by four hexadecimal digits" },
    { "{\"given_name\": \"\\u12\"}", "line 1: \\u must be followed by four hexadecimal digits" },
    { "{\"given_name\":\n \"a\\qb\"}", "line 2: a backslash in a string must start an escape" },
    { "{\"given_name\": \"\\ud83d\\ue00d\"}", "line 1: \\ud83d must be followed by the second half of its character" },
    { "{\"profession\": \"phy\\ude0d\\ude00\"}", "line 1: \\ude0d is the second half of a character whose first half is missing" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) fine = acr_person_new_from_data ("{\"given_name\": \"Ren\\u00e9 \\\"R\\\" \\\\ \\/\\b\\f\\n\\r\\t\"}", -1, "ok.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (fine);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (AcrPerson) person = acr_person_new_from_data (refused[i].json, -1, "p.json", &error);

      g_assert_null (person);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, refused[i].message));
      g_clear_error (&error);
    }
}

static void
test_person_deep_nesting_refused (void)
{
  g_autofree char *deep = deep_json ("{\"chapters\": ", DEEP, "}");
  g_autofree char *shallow = deep_json ("{\"chapters\": ", 63, "}");
  g_autoptr (GError) error = NULL;

  g_assert_null (acr_person_new_from_data (deep, -1, "deep.json", &error));
  g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json: line 1: nested too deeply"));
  g_clear_error (&error);

  /* 64 levels are parsed; the person file then says what is wrong with them. */
  g_assert_null (acr_person_new_from_data (shallow, -1, "shallow.json", &error));
  g_assert_null (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);

  /* Brackets inside strings, escaped quotes included, are text. */
  {
    g_autofree char *in_string = deep_json ("{\"given_name\": \"\\\"", 200, "\", \"family_name\": \"Doe\"}");
    g_autoptr (AcrPerson) person = acr_person_new_from_data (in_string, -1, "s.json", &error);

    g_assert_no_error (error);
    g_assert_nonnull (person);
  }
}

static void
test_person_date_range (void)
{
  struct { const char *date; gboolean ok; } cases[] = {
    { "1899-12-31", FALSE }, { "1900-01-01", TRUE },
    { "2999-12-31", TRUE }, { "3000-01-01", FALSE },
    { "0001-01-01", FALSE }, { "9999-12-31", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"training\": {\"end\": \"%s\"}}", cases[i].date);
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "p.json", &error);
      GDate date;

      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_true (acr_date_parse (cases[i].date, &date, NULL));
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("p.json: training.end: %s is out of range: "
                                                       "dates run from 1900-01-01 to 2999-12-31", cases[i].date);

          g_assert_null (person);
          g_assert_cmpstr (error->message, ==, expected);
          g_clear_error (&error);
          g_assert_false (acr_date_parse (cases[i].date, &date, &error));
          g_assert_error (error, ACR_PERSON_ERROR, ACR_PERSON_ERROR_INVALID);
        }
    }
}

/* A count past int32 or int64 is named as written, not as "-1". */
static void
test_person_big_numbers_named (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (acr_person_new_from_data ("{\"training\": {\"school_years\": 9999999999}}", -1, "p.json", &error));
  g_assert_cmpstr (error->message, ==, "p.json: training.school_years: 9999999999 is out of range (0 to 20)");
  g_clear_error (&error);

  g_assert_null (acr_person_new_from_data ("{\"training\": {\"school_years\": 99999999999999999999}}", -1, "p.json", &error));
  g_assert_cmpstr (error->message, ==, "p.json: line 1: 99999999999999999999 is too large for a whole number");
  g_clear_error (&error);

  /* The same in a rules bundle, and a number in a string is text. */
  {
    const char *bundle = "{\"version\": \"99999999999999999999\", \"dues\": [{\"year\": -99999999999999999999}]}";
    g_autoptr (GBytes) bytes = g_bytes_new_static (bundle, strlen (bundle));
    g_autoptr (AcrRules) rules = acr_rules_new_from_bytes (bytes, "r.json", &error);

    g_assert_null (rules);
    g_assert_cmpstr (error->message, ==, "r.json: line 1: -99999999999999999999 is too large for a whole number");
  }
}

/* The change after a date in 2999 would fall in 3000: none is foreseen. */
static void
test_next_change_never_past_2999 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_default (&error);
  const char *head = "{\"profession\": \"physician\", \"discipline\": \"radiology\", \"country\": \"US\", "
                     "\"training\": {\"stage\": \"residency\", \"approved\": true, \"country\": \"US\", \"end\": \"";
  struct { const char *end; const char *change; } cases[] = {
    { "2999-06-30", "2999-12-30" },
    { "2999-07-15", NULL },
    { "2999-12-31", NULL },
  };
  GDate on;

  g_assert_no_error (error);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 26, G_DATE_NOVEMBER, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strconcat (head, cases[i].end, "\"}}", NULL);
      g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "p.json", &error);
      g_autoptr (AcrDecision) decision = NULL;
      const GDate *change;

      g_assert_no_error (error);
      decision = acr_rules_classify (rules, person, &on, &error);
      g_assert_no_error (error);
      change = acr_decision_get_next_change_date (decision);
      if (cases[i].change == NULL)
        g_assert_null (change);
      else
        {
          g_autofree char *text = acr_date_format_iso (change);
          g_assert_cmpstr (text, ==, cases[i].change);
        }
    }
}

/* --- rules bundles --- */

static void
test_rules_deep_nesting_and_surrogate_refused (void)
{
  g_autofree char *deep = deep_json ("{\"categories\": ", DEEP, "}");
  g_autoptr (GBytes) deep_bytes = g_bytes_new_take (g_steal_pointer (&deep), strlen ("{\"categories\": ") + 2 * DEEP + 1);
  g_autoptr (GBytes) surrogate = g_bytes_new_static ("{\"version\": \"\\ud800x\"}", strlen ("{\"version\": \"\\ud800x\"}"));
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_from_bytes (deep_bytes, "deep.json", &error);

  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json: line 1: nested too deeply"));
  g_clear_error (&error);

  rules = acr_rules_new_from_bytes (surrogate, "s.json", &error);
  g_assert_null (rules);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "s.json: line 1: \\ud800 must be followed by the second half of its character, \\udc00 to \\udfff");
}

/* --- members and imports --- */

static void
test_member_fields_refuse_bad_text_and_dates (void)
{
  g_autoptr (AcrMember) member = acr_member_new ();
  g_autofree char *deep = deep_json ("{\"given_name\": \"A\", \"family_name\": \"B\", \"x\": ", DEEP, "}");
  g_autoptr (GError) error = NULL;

  g_assert_false (acr_member_set_person_json (member, "{\"given_name\": \"Jo\\ud800x\", \"family_name\": \"B\"}", &error));
  g_assert_nonnull (strstr (error->message, "line 1: \\ud800 must be followed by the second half of its character"));
  g_clear_error (&error);

  g_assert_false (acr_member_set_person_json (member, deep, &error));
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);

  g_assert_false (acr_member_set_field (member, "city", "Montr\xe9" "al", &error));
  g_assert_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "city: not valid UTF-8 text");
  g_clear_error (&error);

  g_assert_false (acr_member_set_field (member, "joined", "1899-12-31", &error));
  g_assert_cmpstr (error->message, ==, "joined: 1899-12-31 is out of range: dates run from 1900-01-01 to 2999-12-31");
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (member, "joined", "3000-01-01", &error));
  g_clear_error (&error);
  g_assert_true (acr_member_set_field (member, "joined", "1900-01-01", &error));
  g_assert_true (acr_member_set_field (member, "joined", "2999-12-31", &error));
  g_assert_no_error (error);
}

typedef struct
{
  char     *dir;
  char     *path;
  AcrStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
import (Fixture     *f,
        gboolean     roster,
        const char  *text,
        gsize        length,
        GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, length);
  g_autoptr (AcrCsvReader) reader = acr_csv_reader_new (bytes, "in.csv");
  AcrImportReport report;

  if (f->store == NULL)
    f->store = acr_test_open_store (f->dir);
  if (roster)
    return acr_csv_import_roster (f->store, reader, NULL, &report, NULL, NULL, error);
  return acr_csv_import_members (f->store, reader, &report, NULL, NULL, error);
}

static void
test_import_refuses_deep_and_invalid_person (Fixture       *f,
                                             gconstpointer  data)
{
  g_autofree char *deep = deep_json ("given_name,family_name,person\nA,B,\"{\"\"x\"\": ", DEEP, "}\"\n");
  const char *surrogate = "given_name,family_name,person\nA,B,\"{\"\"given_name\"\": \"\"Jo\\ud800x\"\"}\"\n";
  g_autoptr (GError) error = NULL;

  g_assert_false (import (f, FALSE, deep, strlen (deep), &error));
  g_assert_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_REJECTED);
  g_assert_true (g_str_has_prefix (error->message, "in.csv:2: column 3 (person): line 1: nested too deeply"));
  g_clear_error (&error);

  g_assert_false (import (f, FALSE, surrogate, strlen (surrogate), &error));
  g_assert_true (g_str_has_prefix (error->message, "in.csv:2: column 3 (person): line 1: \\ud800 must be followed by the second half of its character"));
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

/* Each problem on its own line, beginning FILE:ROW:, then one summary line. */
static void
test_import_errors_one_line_each (Fixture       *f,
                                  gconstpointer  data)
{
  const char *csv = "given_name,family_name,joined\n"
                    "A,B,1899-12-31\n"
                    "C,D,1900-01-01\n"
                    "E,F,3000-01-01\n";
  const char *roster = "Resident Name,Email,Program,Country,Training Stage,Expected Completion Date\n"
                       "Ann Lee,ann@example.org,P,US,residency,3000-01-01\n"
                       "Bo Lee,bo@example.org,P,US,residency,2999-12-31\n";
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_false (import (f, FALSE, csv, strlen (csv), &error));
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_cmpstr (lines[0], ==, "in.csv:2: column 3 (joined): 1899-12-31 is out of range: dates run from 1900-01-01 to 2999-12-31");
  g_assert_cmpstr (lines[1], ==, "in.csv:4: column 3 (joined): 3000-01-01 is out of range: dates run from 1900-01-01 to 2999-12-31");
  g_assert_true (g_str_has_prefix (lines[2], "in.csv: 2 rows were rejected"));
  g_clear_error (&error);

  g_assert_false (import (f, TRUE, roster, strlen (roster), &error));
  g_assert_true (g_str_has_prefix (error->message,
                                   "in.csv:2: column 6 (expected_completion_date): 3000-01-01 is out of range"));
  g_assert_null (strstr (error->message, "in.csv:3:"));
}

/* --- billing --- */

/* Runs the CLI in the fixture's folder, on its database unless the command
 * is classify, which reads none. */
static void
run_cli (Fixture            *f,
         AcrTestRun         *run,
         const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, args, g_str_equal (args[0], "classify") ? NULL : f->path);

  acr_test_run_cli (run, f->dir, NULL, (const char * const *) argv->pdata);
}

#define CLI(f, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli (f, run, args_); \
  } G_STMT_END

/* Says @err is one line "acr-membership-cli: @expected…". */
static void
assert_one_line (AcrTestRun *run,
                 int         status,
                 const char *expected)
{
  g_autofree char *prefix = g_strdup_printf ("acr-membership-cli: %s", expected);

  if (run->status != status || !g_str_has_prefix (run->err, prefix) || !acr_test_is_one_line (run->err))
    g_error ("expected exit %d and one line “%s…”, got exit %d and “%s”", status, prefix, run->status, run->err);
}

static void
make_invoices (Fixture *f)
{
  g_auto (AcrTestRun) run = { 0 };

  CLI (f, &run, "sample-data", "--count", "3", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (f, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-12-01");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_payment_and_credit_dates (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (AcrBilling) billing = NULL;
  struct { guint d, m, y; gboolean ok; } cases[] = {
    { 1, 1, 1, FALSE }, { 31, 12, 9999, FALSE }, { 1, 1, 3000, FALSE },
    { 30, 11, 2026, FALSE },  /* the day before the invoice */
    { 1, 12, 2026, TRUE },    /* the day it was issued */
  };

  make_invoices (f);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  billing = acr_billing_new (f->store, rules);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (AcrPayment) payment = NULL;
      g_autoptr (AcrInvoice) invoice = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i].d, cases[i].m, cases[i].y);
      payment = acr_payment_new (100, &date, ACR_PAYMENT_METHOD_CHECK, NULL);
      invoice = acr_billing_record_payment (billing, "2027-000001", payment, &error);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (invoice);
        }
      else
        {
          g_assert_null (invoice);
          g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, "invoice 2027-000001: "));
          g_clear_error (&error);
        }
    }

  {
    g_autoptr (AcrInvoice) note = NULL;
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 30, G_DATE_NOVEMBER, 2026);
    note = acr_billing_issue_credit_note (billing, "2027-000002", &date, &error);
    g_assert_null (note);
    g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "the credit note date 2026-11-30 is before the invoice’s issue date 2026-12-01"));
    g_clear_error (&error);

    g_date_set_dmy (&date, 1, G_DATE_DECEMBER, 2026);
    note = acr_billing_issue_credit_note (billing, "2027-000002", &date, &error);
    g_assert_no_error (error);
    g_assert_nonnull (note);
  }
}

static void
test_cli_numbers_and_dates (Fixture       *f,
                            gconstpointer  data)
{
  g_auto (AcrTestRun) run = { 0 };

  make_invoices (f);

  CLI (f, &run, "pay", "2027-000001", "--amount", "99999999999999999999", "--method", "check");
  assert_one_line (&run, 2, "--amount: 99999999999999999999 is too large");
  CLI (f, &run, "pay", "2027-000001", "--amount", "0", "--method", "check");
  assert_one_line (&run, 2, "--amount must be more than 0");
  CLI (f, &run, "pay", "2027-000001", "--amount", "-500", "--method", "check");
  assert_one_line (&run, 2, "--amount must be more than 0");
  CLI (f, &run, "refund", "2027-000001", "--amount", "-500", "--method", "check");
  assert_one_line (&run, 2, "--amount must be more than 0");
  CLI (f, &run, "pay", "2027-000001", "--amount", "12x", "--method", "check");
  assert_one_line (&run, 2, "--amount: expected a whole number, got “12x”");
  CLI (f, &run, "sample-data", "--count", "99999999999999999999");
  assert_one_line (&run, 2, "--count: 99999999999999999999 is too large");
  CLI (f, &run, "sample-data", "--count", "1", "--seed", "-99999999999999999999");
  assert_one_line (&run, 2, "--seed: -99999999999999999999 is too small");
  CLI (f, &run, "bill", "--year", "99999999999999999999");
  assert_one_line (&run, 2, "--year: 99999999999999999999 is too large");
  CLI (f, &run, "invoices", "--year", "1899");
  assert_one_line (&run, 2, "--year: 1899 is too small (at least 1900)");

  CLI (f, &run, "pay", "2027-000001", "--amount", "100", "--method", "check", "--date", "0001-01-01");
  assert_one_line (&run, 2, "--date: 0001-01-01 is out of range");
  CLI (f, &run, "pay", "2027-000001", "--amount", "100", "--method", "check", "--date", "9999-12-31");
  assert_one_line (&run, 2, "--date: 9999-12-31 is out of range");
  CLI (f, &run, "pay", "2027-000001", "--amount", "100", "--method", "check", "--date", "2026-11-30");
  assert_one_line (&run, 1, "invoice 2027-000001: the payment date 2026-11-30 is before the invoice’s issue date 2026-12-01");
  CLI (f, &run, "credit", "2027-000001", "--date", "3000-01-01");
  assert_one_line (&run, 2, "--date: 3000-01-01 is out of range");
  CLI (f, &run, "retire", "0000001", "--date", "1899-12-31");
  assert_one_line (&run, 2, "--date: 1899-12-31 is out of range");
  CLI (f, &run, "lifecycle", "--date", "3000-01-01");
  assert_one_line (&run, 2, "--date: 3000-01-01 is out of range");
  CLI (f, &run, "edit", "0000001", "joined=1899-12-31", "--reason", "test");
  assert_one_line (&run, 1, "joined: 1899-12-31 is out of range");
  CLI (f, &run, "edit", "0000001", "given_name=Jo\xff", "--reason", "test");
  assert_one_line (&run, 1, "given_name: not valid UTF-8 text");
  CLI (f, &run, "edit", "0000001", "city=Montr\xe9" "al", "--reason", "test");
  assert_one_line (&run, 1, "city: not valid UTF-8 text");

  CLI (f, &run, "pay", "2027-000001", "--amount", "100", "--method", "check", "--date", "2026-12-01");
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_cli_deep_and_invalid_files (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *deep = deep_json ("", DEEP, "");
  g_autofree char *deep_path = g_build_filename (f->dir, "deep.json", NULL);
  g_autofree char *person_path = g_build_filename (f->dir, "p.json", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "m.csv", NULL);
  g_autofree char *csv = deep_json ("given_name,family_name,person\nA,B,\"{\"\"x\"\": ", DEEP, "}\"\nC,D,\"{}\"\nE,F,\"{\"\"given_name\"\": \"\"Jo\\ud800x\"\"}\"\n");
  g_autoptr (GError) error = NULL;
  g_auto (AcrTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (deep_path, deep, -1, &error));
  g_assert_true (g_file_set_contents (person_path, "{\"given_name\": \"Jo\\ud800x\", \"family_name\": \"Doe\"}", -1, &error));
  g_assert_true (g_file_set_contents (csv_path, csv, -1, &error));

  CLI (f, &run, "classify", "deep.json");
  assert_one_line (&run, 1, "deep.json: line 1: nested too deeply");
  CLI (f, &run, "classify", "--rules", "deep.json", "p.json");
  assert_one_line (&run, 1, "deep.json: line 1: nested too deeply");
  CLI (f, &run, "classify", "p.json");
  assert_one_line (&run, 1, "p.json: line 1: \\ud800 must be followed by the second half of its character");
  CLI (f, &run, "apply", "p.json");
  assert_one_line (&run, 1, "p.json: line 1: \\ud800 must be followed by the second half of its character");
  CLI (f, &run, "classify", "--date", "1899-12-31", "p.json");
  assert_one_line (&run, 2, "--date: 1899-12-31 is out of range");

  /* One line a problem, each naming file and row; nothing imported. */
  CLI (f, &run, "import", "members", "m.csv");
  g_assert_cmpint (run.status, ==, 1);
  {
    /* The database did not exist: import creates it and says so first. */
    const char *problems = strstr (run.err, "acr-membership-cli: m.csv:");
    g_auto (GStrv) lines = g_strsplit (problems != NULL ? problems : run.err, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[0], "acr-membership-cli: m.csv:2: column 3 (person): line 1: nested too deeply"));
    g_assert_true (g_str_has_prefix (lines[1], "acr-membership-cli: m.csv:4: column 3 (person): line 1: \\ud800 must be followed by the second half of its character"));
    g_assert_true (g_str_has_prefix (lines[2], "acr-membership-cli: m.csv: 2 rows were rejected"));
    g_assert_cmpstr (lines[3], ==, "");
  }
  CLI (f, &run, "members");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "C"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/input/person/lone-surrogate-refused", test_person_lone_surrogate_refused);
  g_test_add_func ("/acr/input/person/invalid-bytes-refused", test_person_invalid_bytes_refused);
  g_test_add_func ("/acr/input/person/deep-nesting-refused", test_person_deep_nesting_refused);
  g_test_add_func ("/acr/input/person/text-after-the-document-refused", test_person_text_after_the_document_refused);
  g_test_add_func ("/acr/input/person/malformed-escape-refused", test_person_malformed_escape_refused);
  g_test_add_func ("/acr/input/person/dates-from-1900-to-2999", test_person_date_range);
  g_test_add_func ("/acr/input/person/big-numbers-named", test_person_big_numbers_named);
  g_test_add_func ("/acr/input/rules/next-change-never-past-2999", test_next_change_never_past_2999);
  g_test_add_func ("/acr/input/rules/deep-nesting-and-surrogate-refused", test_rules_deep_nesting_and_surrogate_refused);
  g_test_add_func ("/acr/input/member/fields-refuse-bad-text-and-dates", test_member_fields_refuse_bad_text_and_dates);
  g_test_add ("/acr/input/import/deep-and-invalid-person-refused", Fixture, NULL,
              fixture_set_up, test_import_refuses_deep_and_invalid_person, fixture_tear_down);
  g_test_add ("/acr/input/import/errors-one-line-each", Fixture, NULL,
              fixture_set_up, test_import_errors_one_line_each, fixture_tear_down);
  g_test_add ("/acr/input/billing/payment-and-credit-dates", Fixture, NULL,
              fixture_set_up, test_payment_and_credit_dates, fixture_tear_down);
  g_test_add ("/acr/input/cli/numbers-and-dates", Fixture, NULL,
              fixture_set_up, test_cli_numbers_and_dates, fixture_tear_down);
  g_test_add ("/acr/input/cli/deep-and-invalid-files", Fixture, NULL,
              fixture_set_up, test_cli_deep_and_invalid_files, fixture_tear_down);

  return g_test_run ();
}
