/*
 * What billing would do, shown to staff before they confirm.
 *
 * acr_billing_preview_retirement (): what a retirement notified on a date
 * would do to each standing invoice (refund due, invoice cancelled, dues
 * still owed), worked out with the retirement's own rules and writing
 * nothing. The Retire… dialog shows it before staff confirm.
 *
 * acr_billing_quote_invoice (): the lines and total Create Invoice would
 * issue for a year, or that the year is already billed.
 */
#include "config.h"

#include <string.h>

#include "acr-billing.h"
#include "acr-store-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
  AcrMember  *ruth;
  AcrInvoice *invoice;   /* Ruth's invoice for 2027, issued 2026-11-02 */
} Fixture;

/* A general member in Virginia since 1990: full national dues and the VA chapter. */
static const char general_json[] =
  "{\"given_name\":\"Ruth\",\"family_name\":\"Côté\",\"email\":\"ruth@example.com\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"in_practice\":true,\"practice_start\":\"1990-07-01\"}";

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (text, &date));
  return date;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = acr_person_new_from_data (general_json, -1, "person.json", &error);
  g_autoptr (AcrDecision) decision = NULL;
  g_autofree char *path = NULL;
  GDate joined = date_of ("2026-09-01");
  GDate issued = date_of ("2026-11-02");

  g_assert_no_error (error);
  f->dir = acr_test_make_temp_dir ();
  path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (path, &error);
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
  g_assert_true (acr_store_apply (f->store, f->rules, person, NULL, &joined, &f->ruth, &decision, &error));
  g_assert_no_error (error);
  f->invoice = acr_billing_create_invoice (f->billing, acr_member_get_number (f->ruth), 2027, &issued, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->invoice);
  g_clear_object (&f->ruth);
  g_clear_object (&f->billing);
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
pay (Fixture *f,
     gint64   cents)
{
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-12-15");
  g_autoptr (AcrPayment) payment = acr_payment_new (cents, &on, ACR_PAYMENT_METHOD_CHECK, NULL);
  g_autoptr (AcrInvoice) paid = acr_billing_record_payment (f->billing, acr_invoice_get_number (f->invoice),
                                                            payment, &error);

  g_assert_no_error (error);
  g_assert_nonnull (paid);
}

static GPtrArray *
preview (Fixture    *f,
         const char *notified)
{
  g_autoptr (GError) error = NULL;
  GDate on = date_of (notified);
  GPtrArray *outcomes = acr_billing_preview_retirement (f->billing, acr_member_get_number (f->ruth), &on, &error);

  g_assert_no_error (error);
  g_assert_nonnull (outcomes);
  return outcomes;
}

/* The preview wrote nothing: the member is still active, the invoice as it
 * was, no credit note, and the next number of 2027 is still free. */
static void
assert_nothing_written (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, acr_member_get_number (f->ruth), &error);
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (AcrPerson) person = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_status (member), ==, "active");
  g_assert_cmpstr (acr_member_get_category (member), !=, "retired");
  person = acr_member_dup_person (member, &error);
  g_assert_no_error (error);
  g_assert_false (acr_person_has_fact (person, "retired_on"));
  invoices = acr_billing_list_member_invoices (f->billing, acr_member_get_number (f->ruth), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoices->len, ==, 1);
  stored = acr_billing_lookup_invoice (f->billing, acr_invoice_get_number (f->invoice), &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_credited_cents (stored), ==, 0);
}

/* Retiring for real on the same date issues exactly the credit notes the preview foretold. */
static void
assert_retirement_agrees (Fixture    *f,
                          const char *notified,
                          guint       cancelled)
{
  g_autoptr (GError) error = NULL;
  GDate on = date_of (notified);
  g_autoptr (GPtrArray) notes = acr_billing_retire_member (f->billing, acr_member_get_number (f->ruth), &on, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, cancelled);
}

static void
test_march_31_paid_refund_due (Fixture       *f,
                               gconstpointer  data)
{
  gint64 total = acr_invoice_get_total_cents (f->invoice);
  g_autoptr (GPtrArray) outcomes = NULL;
  AcrRetirementOutcome *outcome;

  pay (f, total);
  outcomes = preview (f, "2027-03-31");
  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = outcomes->pdata[0];
  g_assert_cmpstr (outcome->invoice_number, ==, acr_invoice_get_number (f->invoice));
  g_assert_cmpint (outcome->year, ==, 2027);
  g_assert_cmpint (outcome->effect, ==, ACR_RETIREMENT_REFUND_DUE);
  g_assert_cmpint (outcome->amount_cents, ==, total);
  assert_nothing_written (f);
  assert_retirement_agrees (f, "2027-03-31", 1);
}

static void
test_march_31_partly_paid_refunds_what_was_paid (Fixture       *f,
                                                 gconstpointer  data)
{
  g_autoptr (GPtrArray) outcomes = NULL;
  AcrRetirementOutcome *outcome;

  pay (f, 10000);
  outcomes = preview (f, "2027-01-15");
  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = outcomes->pdata[0];
  g_assert_cmpint (outcome->effect, ==, ACR_RETIREMENT_REFUND_DUE);
  g_assert_cmpint (outcome->amount_cents, ==, 10000);
  assert_nothing_written (f);
}

static void
test_april_1_unpaid_dues_still_owed (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr (GPtrArray) outcomes = preview (f, "2027-04-01");
  AcrRetirementOutcome *outcome;

  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = outcomes->pdata[0];
  g_assert_cmpint (outcome->effect, ==, ACR_RETIREMENT_DUES_STILL_OWED);
  g_assert_cmpint (outcome->amount_cents, ==, acr_invoice_get_total_cents (f->invoice));
  assert_nothing_written (f);
  assert_retirement_agrees (f, "2027-04-01", 0);
}

static void
test_april_1_paid_stands (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (GPtrArray) outcomes = NULL;
  AcrRetirementOutcome *outcome;

  pay (f, acr_invoice_get_total_cents (f->invoice));
  outcomes = preview (f, "2027-04-01");
  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = outcomes->pdata[0];
  g_assert_cmpint (outcome->effect, ==, ACR_RETIREMENT_INVOICE_STANDS);
  g_assert_cmpint (outcome->amount_cents, ==, 0);
}

/* Notice in December: next year's unpaid invoice is cancelled, nothing to refund. */
static void
test_december_unpaid_next_year_cancelled (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (GPtrArray) outcomes = preview (f, "2026-12-10");
  AcrRetirementOutcome *outcome;

  g_assert_cmpuint (outcomes->len, ==, 1);
  outcome = outcomes->pdata[0];
  g_assert_cmpint (outcome->effect, ==, ACR_RETIREMENT_INVOICE_CANCELLED);
  g_assert_cmpint (outcome->amount_cents, ==, 0);
  g_assert_cmpint (outcome->total_cents, ==, acr_invoice_get_total_cents (f->invoice));
  assert_nothing_written (f);
  assert_retirement_agrees (f, "2026-12-10", 1);
}

/* A voided invoice is not standing: the preview lists nothing to change. */
static void
test_no_standing_invoice_lists_nothing (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) voided = acr_billing_void_invoice (f->billing, acr_invoice_get_number (f->invoice),
                                                            "sent twice", &error);
  g_autoptr (GPtrArray) outcomes = NULL;

  g_assert_no_error (error);
  outcomes = preview (f, "2027-02-01");
  g_assert_cmpuint (outcomes->len, ==, 0);
}

/* Refused as the retirement itself is refused, and still nothing written. */
static void
test_refused_like_retirement (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GDate first = date_of ("2027-02-01");
  GDate other = date_of ("2027-05-01");
  g_autoptr (GPtrArray) notes = acr_billing_retire_member (f->billing, acr_member_get_number (f->ruth), &first, &error);
  g_autoptr (GPtrArray) outcomes = NULL;

  g_assert_no_error (error);
  outcomes = acr_billing_preview_retirement (f->billing, acr_member_get_number (f->ruth), &other, &error);
  g_assert_null (outcomes);
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2027-02-01"));
}

/* --- Create Invoice's quote --- */

/* The quote is what acr_billing_create_invoice () then issues, line for line. */
static void
test_quote_matches_issued_invoice (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2027-11-02");
  g_autoptr (AcrDuesQuote) quote = acr_billing_quote_invoice (f->billing, acr_member_get_number (f->ruth), 2028,
                                                              &on, NULL, &error);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  GListModel *quoted;
  GListModel *issued;

  g_assert_no_error (error);
  g_assert_nonnull (quote);
  /* Nothing issued by quoting. */
  invoices = acr_billing_list_member_invoices (f->billing, acr_member_get_number (f->ruth), NULL, &error);
  g_assert_cmpuint (invoices->len, ==, 1);

  invoice = acr_billing_create_invoice (f->billing, acr_member_get_number (f->ruth), 2028, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_dues_quote_get_total_cents (quote), ==, acr_invoice_get_total_cents (invoice));
  quoted = acr_dues_quote_get_lines (quote);
  issued = acr_invoice_get_lines (invoice);
  g_assert_cmpuint (g_list_model_get_n_items (quoted), ==, g_list_model_get_n_items (issued));
  g_assert_cmpuint (g_list_model_get_n_items (quoted), >, 0);
}

static void
test_quote_of_billed_year_names_the_invoice (Fixture       *f,
                                             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *standing = NULL;
  GDate on = date_of ("2026-12-01");
  g_autoptr (AcrDuesQuote) quote = acr_billing_quote_invoice (f->billing, acr_member_get_number (f->ruth), 2027,
                                                              &on, &standing, &error);

  g_assert_null (quote);
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_ALREADY_BILLED);
  g_assert_cmpstr (standing, ==, acr_invoice_get_number (f->invoice));
}

/* Once the year's invoice is voided, the year may be billed again. */
static void
test_quote_after_void_is_allowed (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-12-01");
  g_autoptr (AcrInvoice) voided = acr_billing_void_invoice (f->billing, acr_invoice_get_number (f->invoice),
                                                            "wrong address", &error);
  g_autoptr (AcrDuesQuote) quote = NULL;

  g_assert_no_error (error);
  quote = acr_billing_quote_invoice (f->billing, acr_member_get_number (f->ruth), 2027, &on, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (quote);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/acr/retirement-preview/march-31-paid-refund-due", test_march_31_paid_refund_due);
  ADD ("/acr/retirement-preview/january-partly-paid-refunds-what-was-paid", test_march_31_partly_paid_refunds_what_was_paid);
  ADD ("/acr/retirement-preview/april-1-unpaid-dues-still-owed", test_april_1_unpaid_dues_still_owed);
  ADD ("/acr/retirement-preview/april-1-paid-stands", test_april_1_paid_stands);
  ADD ("/acr/retirement-preview/december-unpaid-next-year-cancelled", test_december_unpaid_next_year_cancelled);
  ADD ("/acr/retirement-preview/no-standing-invoice-lists-nothing", test_no_standing_invoice_lists_nothing);
  ADD ("/acr/retirement-preview/refused-like-retirement", test_refused_like_retirement);
  ADD ("/acr/invoice-quote/matches-issued-invoice", test_quote_matches_issued_invoice);
  ADD ("/acr/invoice-quote/billed-year-names-the-invoice", test_quote_of_billed_year_names_the_invoice);
  ADD ("/acr/invoice-quote/after-void-is-allowed", test_quote_after_void_is_allowed);
#undef ADD

  return g_test_run ();
}
