/*
 * One policy for every front (issue 11): what the core decides when an
 * application is approved (the first invoice, its year and category, in
 * the same transaction), when a member is edited (the category follows the
 * facts), when a run would bill placeholder amounts, and what staff notes
 * a quote carries that an invoice never prints.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-apply.h"
#include "acr-billing-run.h"
#include "acr-store-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char       *dir;
  char       *path;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
} Fixture;

/* A radiologist in practice since 1990 in Virginia, no chapter chosen. */
#define GENERAL \
  "{\"given_name\":\"Ruth\",\"family_name\":\"Côté\",\"profession\":\"physician\",\"discipline\":\"radiology\"," \
  "\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"in_practice\":true," \
  "\"practice_start\":\"1990-07-01\"%s}"

static const char international_json[] =
  "{\"given_name\":\"Luc\",\"family_name\":\"Girard\",\"profession\":\"physician\",\"discipline\":\"radiation-oncology\","
  "\"certifications\":[\"NATIONAL\"],\"country\":\"FR\",\"in_practice\":true}";

/* Notified retirement on 2026-11-15, never a member. */
static const char retiring_json[] =
  "{\"given_name\":\"Paul\",\"family_name\":\"Keller\",\"profession\":\"physician\",\"discipline\":\"radiology\","
  "\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"OH\",\"chapters\":[\"OH\"],\"in_practice\":false,"
  "\"practice_start\":\"1990-07-01\",\"retired_on\":\"2026-11-15\"}";

static const char trainee_json[] =
  "{\"given_name\":\"Anne\",\"family_name\":\"Lefèvre\",\"profession\":\"physician\",\"discipline\":\"radiology\","
  "\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"training\":{\"stage\":\"residency\",\"approved\":true,\"country\":\"US\",\"end\":\"2028-06-30\"},\"in_practice\":false}";

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (text, &date));
  return date;
}

static AcrPerson *
person_of (const char *json)
{
  g_autoptr (GError) error = NULL;
  AcrPerson *person = acr_person_new_from_data (json, -1, "person", &error);

  g_assert_no_error (error);
  return person;
}

static char *
general_with (const char *more)
{
  return g_strdup_printf (GENERAL, more);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->billing);
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Approves @json on @date through the core; asserts it succeeds with a member. */
static AcrMember *
approve (Fixture     *f,
         const char  *json,
         const char  *date,
         int          first_year,
         AcrInvoice **invoice,
         char       **no_invoice_reason)
{
  g_autoptr (AcrPerson) person = person_of (json);
  g_autoptr (GError) error = NULL;
  AcrMember *member = NULL;
  GDate on = date_of (date);

  g_assert_true (acr_billing_apply (f->billing, person, NULL, &on, first_year, &member, NULL,
                                    invoice, no_invoice_reason, &error));
  g_assert_no_error (error);
  g_assert_nonnull (member);
  return member;
}

static guint
count_invoices (Fixture *f)
{
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;

  invoices = acr_billing_list_invoices (f->billing, NULL, &error);
  g_assert_no_error (error);
  return invoices->len;
}

/* Item 9: the cut-off is a bundle setting; before it the year of approval, from it on the next. */
static void
test_first_invoice_year_follows_the_bundle_cutoff (Fixture       *f,
                                                   gconstpointer  data)
{
  GDate before = date_of ("2026-09-30");
  GDate on = date_of ("2026-10-01");
  GDate december = date_of ("2026-12-06");
  int month = 0, day = 0;

  g_assert_nonnull (acr_rules_get_first_invoice_cutoff (f->rules, &month, &day));
  g_assert_cmpint (month, ==, 10);
  g_assert_cmpint (day, ==, 1);
  g_assert_cmpint (acr_rules_get_first_invoice_year (f->rules, &before), ==, 2026);
  g_assert_cmpint (acr_rules_get_first_invoice_year (f->rules, &on), ==, 2027);
  g_assert_cmpint (acr_rules_get_first_invoice_year (f->rules, &december), ==, 2027);
}

/* A bad cut-off refuses the bundle, naming the JSON path. */
static void
test_first_invoice_cutoff_must_be_a_day_every_year_has (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "rules", "acr-rules.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *bad = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  char *at;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  at = strstr (text, "\"next_year_from\": \"10-01\"");
  g_assert_nonnull (at);
  memcpy (at + strlen ("\"next_year_from\": \""), "02-29", 5);
  bad = g_steal_pointer (&text);
  bytes = g_bytes_new (bad, strlen (bad));

  rules = acr_rules_new_from_bytes (bytes, "bundle.json", &error);
  g_assert_null (rules);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "first_invoice.next_year_from"));
  g_assert_nonnull (strstr (error->message, "02-29"));
}

/* Item 9: "an international applicant is billed $391 for 2026 in December". */
static void
test_international_approved_in_december_is_billed_next_year (Fixture       *f,
                                                             gconstpointer  data)
{
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autofree char *reason = NULL;
  g_autoptr (AcrMember) member = approve (f, international_json, "2026-12-06", 0, &invoice, &reason);

  g_assert_cmpstr (acr_member_get_category (member), ==, "international");
  g_assert_nonnull (invoice);
  g_assert_null (reason);
  g_assert_cmpint (acr_invoice_get_year (invoice), ==, 2027);
  g_assert_cmpstr (acr_invoice_get_number (invoice), ==, "2027-000001");
  g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, 39100);
  g_assert_cmpuint (count_invoices (f), ==, 1);
}

/* Before the cut-off the year of approval; staff may choose another year. */
static void
test_first_invoice_year_before_cutoff_and_chosen_by_staff (Fixture       *f,
                                                           gconstpointer  data)
{
  g_autofree char *json = general_with ("");
  g_autofree char *other = g_strdup_printf (GENERAL, ",\"email\":\"other@example.org\"");
  g_autoptr (AcrInvoice) june = NULL;
  g_autoptr (AcrInvoice) chosen = NULL;
  g_autoptr (AcrMember) first = approve (f, json, "2026-06-01", 0, &june, NULL);
  g_autoptr (AcrMember) second = approve (f, other, "2026-06-01", 2027, &chosen, NULL);

  g_assert_nonnull (june);
  g_assert_cmpint (acr_invoice_get_year (june), ==, 2026);
  g_assert_nonnull (chosen);
  g_assert_cmpint (acr_invoice_get_year (chosen), ==, 2027);
}

/* Item 9: a radiologist who notified retirement on 2026-11-15 and is
 * approved on 2026-12-06 becomes retired, and is never billed 2026 as a
 * general member, whatever year staff choose. */
static void
test_retiring_applicant_is_never_billed_a_retirement_year (Fixture       *f,
                                                           gconstpointer  data)
{
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrInvoice) chosen_invoice = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *chosen_reason = NULL;
  g_autofree char *other = g_strdup (retiring_json);
  g_autoptr (AcrMember) member = approve (f, retiring_json, "2026-12-06", 0, &invoice, &reason);
  g_autoptr (AcrMember) chosen = NULL;

  g_assert_cmpstr (acr_member_get_category (member), ==, "retired");
  g_assert_null (invoice);
  g_assert_nonnull (reason);

  /* The same person applying again (another record) with 2026 chosen. */
  memcpy (strstr (other, "Paul"), "Paola", 4);
  chosen = approve (f, other, "2026-12-06", 2026, &chosen_invoice, &chosen_reason);
  g_assert_cmpstr (acr_member_get_category (chosen), ==, "retired");
  g_assert_null (chosen_invoice);
  g_assert_nonnull (chosen_reason);
  g_assert_nonnull (strstr (chosen_reason, "approved as Retired member"));
  g_assert_cmpuint (count_invoices (f), ==, 0);
}

/* "The first invoice on approval is issued by the core in the SAME
 * transaction as the new member": when the invoice cannot be written,
 * neither the member nor the application is. */
static void
test_approval_and_first_invoice_are_one_transaction (Fixture       *f,
                                                     gconstpointer  data)
{
  g_autofree char *json = general_with ("");
  g_autoptr (AcrPerson) person = person_of (json);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  GDate on = date_of ("2026-06-01");

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE invoice_counters", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (acr_billing_apply (f->billing, person, NULL, &on, 0, &member, NULL, &invoice, NULL, &error));
  g_assert_nonnull (error);
  g_assert_null (member);
  g_assert_null (invoice);
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

/* A year the rules cannot bill, chosen by staff, is refused before anything is written. */
static void
test_first_year_outside_the_rules_is_refused (Fixture       *f,
                                              gconstpointer  data)
{
  g_autofree char *json = general_with ("");
  g_autoptr (AcrPerson) person = person_of (json);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-06-01");

  g_assert_false (acr_billing_apply (f->billing, person, NULL, &on, 2040, &member, NULL, NULL, NULL, &error));
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2040"));
  g_assert_cmpint (acr_store_count_members (f->store, NULL), ==, 0);
}

/* "A member edit reclassifies in the core": the category follows the
 * facts, unless the edit sets it. */
static void
test_member_edit_reclassifies_in_the_core (Fixture       *f,
                                           gconstpointer  data)
{
  g_autoptr (AcrMember) member = approve (f, trainee_json, "2026-11-26", 0, NULL, NULL);
  g_autoptr (AcrMember) edited = NULL;
  g_autoptr (AcrMember) again = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-26");

  g_assert_cmpstr (acr_member_get_category (member), ==, "member-in-training");

  /* Training ended in June 2025: six months later a general member. */
  edited = acr_store_lookup_member (f->store, acr_member_get_number (member), &error);
  g_assert_no_error (error);
  person = acr_member_dup_person (edited, &error);
  g_assert_no_error (error);
  g_assert_true (acr_person_set_fact_from_string (person, "training.end", "2025-06-30", &error));
  g_assert_no_error (error);
  acr_member_set_person (edited, person);
  g_assert_true (acr_billing_save_edit (f->billing, edited, &on, "letter", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_category (edited), ==, "general");

  /* A category staff set stays, though the facts say otherwise. */
  again = acr_store_lookup_member (f->store, acr_member_get_number (member), &error);
  g_assert_no_error (error);
  g_assert_true (acr_member_set_field (again, "category", "associate", &error));
  g_assert_true (acr_billing_save_edit (f->billing, again, &on, "decided by the board", &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = acr_store_lookup_member (f->store, acr_member_get_number (member), &error);
  g_assert_cmpstr (acr_member_get_category (again), ==, "associate");
}

/* "A billing run refuses while any line it would issue is a placeholder
 * amount, unless staff explicitly accept": nothing is written. */
static void
test_billing_run_refuses_placeholders_unless_accepted (Fixture       *f,
                                                       gconstpointer  data)
{
  g_autofree char *json = general_with (",\"chapters\":[\"VA\"]");
  g_autoptr (AcrMember) member = approve (f, json, "2026-06-01", 2028, NULL, NULL);
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (AcrBillingRun) accepted = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-02");
  guint before = count_invoices (f);

  g_assert_true (acr_rules_year_has_placeholders (f->rules, 2027));

  run = acr_billing_run_new (f->billing, 2027, &on);
  g_assert_false (acr_billing_run_get_accept_placeholders (run));
  g_assert_false (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_PLACEHOLDER);
  g_assert_nonnull (strstr (error->message, "2027"));
  g_assert_nonnull (strstr (error->message, "1 invoice"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (acr_billing_run_get_n_placeholder (run), ==, 1);
  /* Full national dues and the chapter's dues are both placeholders. */
  {
    g_autoptr (AcrPerson) person = person_of (json);
    g_autoptr (AcrDuesQuote) quote = acr_rules_quote (f->rules, person, 2027, &on, NULL);

    g_assert_true (acr_dues_line_get_placeholder (acr_dues_quote_find_line (quote, "national")));
    g_assert_true (acr_dues_line_get_placeholder (acr_dues_quote_find_line (quote, "chapter:VA")));
    g_assert_cmpint (acr_billing_run_get_placeholder_cents (run), ==,
                     acr_dues_line_get_amount_cents (acr_dues_quote_find_line (quote, "national")) +
                     acr_dues_line_get_amount_cents (acr_dues_quote_find_line (quote, "chapter:VA")));
  }
  g_assert_cmpuint (count_invoices (f), ==, before);
  g_clear_error (&error);

  accepted = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (accepted, TRUE);
  g_assert_true (acr_billing_run_execute (accepted, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (accepted), ==, 1);
  g_assert_cmpuint (count_invoices (f), ==, before + 1);
}

/* "A discount computed from a placeholder amount is itself a placeholder." */
static void
test_discount_of_a_placeholder_is_a_placeholder (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autofree char *json = general_with (",\"military\":\"active-duty\",\"military_country\":\"US\"");
  g_autoptr (AcrPerson) person = person_of (json);
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-02");
  AcrDuesLine *national, *discount;

  quote = acr_rules_quote (f->rules, person, 2027, &on, &error);
  g_assert_no_error (error);
  national = acr_dues_quote_find_line (quote, "national");
  discount = acr_dues_quote_find_line (quote, "military-discount");
  g_assert_nonnull (discount);
  g_assert_true (acr_dues_line_get_placeholder (national));
  g_assert_true (acr_dues_line_get_placeholder (discount));
}

/* The quote JSON says per line whether the amount is a placeholder. */
static void
test_quote_json_flags_placeholder_per_line (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr (AcrPerson) person = person_of (international_json);
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-02");
  JsonObject *line;

  quote = acr_rules_quote (f->rules, person, 2027, &on, &error);
  g_assert_no_error (error);
  node = acr_dues_quote_to_json (quote);
  line = json_array_get_object_element (json_object_get_array_member (json_node_get_object (node), "lines"), 0);
  g_assert_cmpstr (json_object_get_string_member (line, "code"), ==, "national");
  g_assert_true (json_object_has_member (line, "placeholder"));
  /* The seed gives $391: not a placeholder. */
  g_assert_false (json_object_get_boolean_member (line, "placeholder"));
  g_assert_true (json_object_get_null_member (line, "note"));
}

/* Invoices never print internal notes: the chapter billed by default is
 * explained to staff (the quote's note), not on the invoice. */
static void
test_invoice_never_carries_staff_notes (Fixture       *f,
                                        gconstpointer  data)
{
  g_autofree char *json = general_with ("");
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrMember) member = approve (f, json, "2026-06-01", 0, &invoice, NULL);
  g_autoptr (AcrPerson) person = person_of (json);
  g_autoptr (AcrDuesQuote) quote = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *lines;
  GDate on = date_of ("2026-06-01");

  quote = acr_rules_quote (f->rules, person, 2026, &on, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (acr_dues_line_get_note (acr_dues_quote_find_line (quote, "chapter:VA")),
                            "no chapter chosen"));

  g_assert_nonnull (invoice);
  lines = acr_invoice_get_lines (invoice);
  g_assert_cmpuint (g_list_model_get_n_items (lines), >=, 2);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

      g_assert_null (strstr (acr_dues_line_get_description (line), "no chapter chosen"));
      g_assert_null (strstr (acr_dues_line_get_description (line), "could not be applied"));
      g_assert_null (acr_dues_line_get_note (line));
    }
}

/* Issue 13 item 18: the years offered cover the rules, the invoices, this
 * year and the next, without a gap. */
static void
test_billing_years_cover_rules_data_and_today (Fixture       *f,
                                               gconstpointer  data)
{
  g_autofree int *years = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2030-03-01");
  guint n = 0;

  years = acr_billing_list_years (f->billing, &on, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpint (years[0], ==, 2026);
  g_assert_cmpint (years[n - 1], ==, 2031);
}

/* Issue 13 item 18: why members were skipped, as data (no raw codes to show). */
static void
test_billing_run_skip_summary_is_structured (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr (AcrMember) trainee = approve (f, trainee_json, "2026-06-01", 0, NULL, NULL);
  g_autoptr (AcrMember) lapsed = approve (f, international_json, "2026-06-01", 2028, NULL, NULL);
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GPtrArray) summary = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-02");
  gboolean saw_status = FALSE, saw_free = FALSE;

  g_assert_true (acr_member_set_field (lapsed, "status", "lapsed", &error));
  g_assert_true (acr_store_save_member (f->store, lapsed, "test", &error));
  g_assert_no_error (error);

  run = acr_billing_run_new (f->billing, 2027, &on);
  g_assert_true (acr_billing_run_execute (run, TRUE, NULL, &error));
  g_assert_no_error (error);
  summary = acr_billing_run_dup_skip_summary (run);
  for (guint i = 0; i < summary->len; i++)
    {
      AcrBillingRunSkipCount *skip = summary->pdata[i];

      if (skip->kind == ACR_BILLING_RUN_SKIP_NOT_ACTIVE && g_strcmp0 (skip->detail, "lapsed") == 0)
        saw_status = skip->count == 1;
      if (skip->kind == ACR_BILLING_RUN_SKIP_OWES_NOTHING && g_strcmp0 (skip->detail, "member-in-training") == 0)
        saw_free = skip->count == 1;
    }
  g_assert_true (saw_status);
  g_assert_true (saw_free);
}

#define ADD(path, fn) g_test_add ("/acr/rules-policy/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

/* An edit reads the member's own records as the lifecycle run does: a
 * member who was in practice is no longer one who has "never been ACR
 * members in practice", whatever the person file says. */
static void
test_member_edit_reads_the_members_records (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr (AcrMember) member = approve (f, international_json, "2026-11-26", 0, NULL, NULL);
  g_autoptr (AcrMember) edited = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-26");

  g_assert_cmpstr (acr_member_get_category (member), ==, "international");

  /* Back in training abroad: the file alone would make an international member-in-training. */
  edited = acr_store_lookup_member (f->store, acr_member_get_number (member), &error);
  g_assert_no_error (error);
  person = acr_member_dup_person (edited, &error);
  g_assert_no_error (error);
  g_assert_true (acr_person_set_fact_from_string (person, "in_practice", "false", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "training.stage", "fellowship", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "training.approved", "true", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "training.country", "FR", &error));
  g_assert_true (acr_person_set_fact_from_string (person, "training.end", "2027-06-30", &error));
  g_assert_no_error (error);
  acr_member_set_person (edited, person);
  g_assert_true (acr_billing_save_edit (f->billing, edited, &on, "fellowship in Lyon", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_category (edited), !=, "international-member-in-training");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("first-invoice-year-follows-the-bundle-cutoff", test_first_invoice_year_follows_the_bundle_cutoff);
  g_test_add_func ("/acr/rules-policy/first-invoice-cutoff-must-be-a-day-every-year-has",
                   test_first_invoice_cutoff_must_be_a_day_every_year_has);
  ADD ("international-approved-in-december-is-billed-next-year",
       test_international_approved_in_december_is_billed_next_year);
  ADD ("first-invoice-year-before-cutoff-and-chosen-by-staff", test_first_invoice_year_before_cutoff_and_chosen_by_staff);
  ADD ("retiring-applicant-is-never-billed-a-retirement-year", test_retiring_applicant_is_never_billed_a_retirement_year);
  ADD ("approval-and-first-invoice-are-one-transaction", test_approval_and_first_invoice_are_one_transaction);
  ADD ("first-year-outside-the-rules-is-refused", test_first_year_outside_the_rules_is_refused);
  ADD ("member-edit-reclassifies-in-the-core", test_member_edit_reclassifies_in_the_core);
  ADD ("member-edit-reads-the-members-records", test_member_edit_reads_the_members_records);
  ADD ("billing-run-refuses-placeholders-unless-accepted", test_billing_run_refuses_placeholders_unless_accepted);
  ADD ("discount-of-a-placeholder-is-a-placeholder", test_discount_of_a_placeholder_is_a_placeholder);
  ADD ("quote-json-flags-placeholder-per-line", test_quote_json_flags_placeholder_per_line);
  ADD ("invoice-never-carries-staff-notes", test_invoice_never_carries_staff_notes);
  ADD ("billing-years-cover-rules-data-and-today", test_billing_years_cover_rules_data_and_today);
  ADD ("billing-run-skip-summary-is-structured", test_billing_run_skip_summary_is_structured);

  return g_test_run ();
}
