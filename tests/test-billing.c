/*
 * Billing over the store: invoices issued from the rules' quotes, numbering,
 * billing runs, payments, voids, credit notes, retirement refunds, reports.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-sample-data.h"
#include "acr-search-results.h"
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

/* A general member in Virginia since 1990: full national dues and the VA chapter. */
static const char general_json[] =
  "{\"given_name\":\"Ruth\",\"family_name\":\"Côté\",\"email\":\"ruth@example.com\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"in_practice\":true,\"practice_start\":\"1990-07-01\"}";
static const char trainee_json[] =
  "{\"given_name\":\"Anne\",\"family_name\":\"Lefèvre\",\"email\":\"anne@example.org\",\"profession\":\"physician\","
  "\"discipline\":\"radiology\",\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\",\"chapters\":[\"VA\"],"
  "\"training\":{\"stage\":\"residency\",\"approved\":true,\"country\":\"US\",\"end\":\"2028-06-30\"},\"in_practice\":false}";

static GDate
date_of (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_assert_true (acr_date_parse_iso (text, &date));
  return date;
}

static void
open_fixture (Fixture  *f,
              AcrRules *rules)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (f->path, &error);
  g_assert_no_error (error);
  f->rules = rules;
  f->billing = acr_billing_new (f->store, f->rules);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  AcrRules *rules = acr_rules_new_default (&error);

  g_assert_no_error (error);
  open_fixture (f, rules);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->billing);
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  acr_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static AcrMember *
add_member (Fixture    *f,
            const char *json,
            const char *on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "person.json", &error);
  g_autoptr (AcrDecision) decision = NULL;
  AcrMember *member = NULL;
  GDate date = date_of (on);

  g_assert_no_error (error);
  g_assert_true (acr_store_apply (f->store, f->rules, person, NULL, &date, &member, &decision, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (acr_member_get_status (member), ==, "active");
  return member;
}

static AcrInvoice *
bill (Fixture   *f,
      AcrMember *member,
      int        year,
      const char *on)
{
  g_autoptr (GError) error = NULL;
  GDate date = date_of (on);
  AcrInvoice *invoice = acr_billing_create_invoice (f->billing, acr_member_get_number (member), year, &date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (invoice);
  return invoice;
}

static AcrPayment *
payment (gint64      cents,
         const char *on)
{
  GDate date = date_of (on);
  return acr_payment_new (cents, &date, ACR_PAYMENT_METHOD_CHECK, "1001");
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Runs @sql on the file directly, as a hand-written query would; returns the error message or NULL. */
static char *
exec_raw (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  char *copy;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  copy = g_strdup (message);
  sqlite3_free (message);
  sqlite3_close (db);
  return copy;
}

static void
assert_gapless (Fixture *f,
                int      year,
                guint    expected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = acr_billing_report (f->billing, ACR_BILLING_REPORT_NUMBERING, year, &error);
  AcrNumberingRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpuint (row->n_numbers, ==, expected);
  g_assert_true (acr_numbering_row_is_gapless (row));
}

/* --- the property: lines add up to the total, to the cent --- */

static void
bump_amount (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    json_node_set_int (node, json_node_get_int (node) + 1);
  else if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "amount_cents"))
    {
      JsonObject *o = json_node_get_object (node);
      json_object_set_int_member (o, "amount_cents", json_object_get_int_member (o, "amount_cents") + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) members = json_object_get_values (json_node_get_object (node));
      for (GList *l = members; l != NULL; l = l->next)
        bump_amount (l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        bump_amount (json_array_get_element (a, i));
    }
}

/* The College's bundle with every amount one cent more: odd amounts everywhere, so every
 * military discount meets the rounding point. */
static AcrRules *
rules_with_odd_amounts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_resources_lookup_data (ACR_RULES_DEFAULT_RESOURCE, 0, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GBytes) odd = NULL;
  JsonArray *dues;
  char *text;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  dues = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "dues");
  for (guint i = 0; i < json_array_get_length (dues); i++)
    {
      JsonObject *year = json_array_get_object_element (dues, i);
      bump_amount (json_object_get_member (year, "national"));
      bump_amount (json_object_get_member (year, "chapters"));
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  odd = g_bytes_new_take (text, length);
  {
    AcrRules *rules = acr_rules_new_from_bytes (odd, "odd-amounts.json", &error);
    g_assert_no_error (error);
    return rules;
  }
}

static gint64
line_amount (AcrInvoice *invoice,
             const char *code)
{
  GListModel *lines = acr_invoice_get_lines (invoice);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
      if (g_str_equal (acr_dues_line_get_code (line), code))
        return acr_dues_line_get_amount_cents (line);
    }
  return 0;
}

static void
test_lines_add_up (void)
{
  static const char * const services[] = { "active-duty", "va", "usphs" };
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GArray) ids = NULL;
  AcrInvoiceFilter filter = { .year = 2027 };
  Fixture fixture = { 0 }, *f = &fixture;
  GDate on = date_of ("2026-11-02");
  guint n_military = 0, n_odd = 0;

  open_fixture (f, rules_with_odd_amounts ());
  g_assert_true (acr_sample_data_generate (f->store, 1500, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Every fifth member serves: the discount applies to them. */
  for (guint number = 5; number <= 1500; number += 5)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member (f->store, number, &error);
      g_autoptr (AcrPerson) person = acr_member_dup_person (member, &error);

      g_assert_no_error (error);
      g_assert_true (acr_person_set_fact_from_string (person, "military", services[number / 5 % 3], &error));
      g_assert_true (acr_person_set_fact_from_string (person, "military_country", "US", &error));
      acr_member_set_person (member, person);
      g_assert_true (acr_store_save_member (f->store, member, "serves", &error));
      g_assert_no_error (error);
    }

  run = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  g_assert_true (acr_billing_run_execute (run, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (run), >, 500);

  invoices = acr_billing_list_invoices (f->billing, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (invoices->len, ==, acr_billing_run_get_n_billed (run));

  for (guint i = 0; i < invoices->len; i++)
    {
      AcrInvoice *invoice = invoices->pdata[i];
      GListModel *lines = acr_invoice_get_lines (invoice);
      gint64 sum = 0, national, discount;

      for (guint j = 0; j < g_list_model_get_n_items (lines); j++)
        {
          g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, j);
          sum += acr_dues_line_get_amount_cents (line);
        }
      g_assert_cmpint (sum, ==, acr_invoice_get_total_cents (invoice));
      g_assert_cmpint (acr_invoice_get_total_cents (invoice), >, 0);

      /* The rounding point: 50% of the national line, rounded down; the odd cent stays with the member. */
      national = line_amount (invoice, "national");
      discount = line_amount (invoice, "military-discount");
      if (discount != 0)
        {
          n_military++;
          g_assert_cmpint (discount, ==, -(national * 50 / 100));
          if (national % 2 != 0)
            {
              n_odd++;
              g_assert_cmpint (national + discount, ==, national / 2 + 1);
            }
        }
    }
  g_assert_cmpuint (n_military, >, 50);
  g_assert_cmpuint (n_odd, >, 50);

  /* The store agrees, line by line. */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM invoices i WHERE total_cents <>"
                                 " (SELECT sum (amount_cents) FROM invoice_lines WHERE invoice_id = i.id)"), ==, 0);
  assert_gapless (f, 2027, invoices->len);
  fixture_tear_down (f, NULL);
}

/* --- billing runs --- */

static guint
count_invoices (Fixture *f)
{
  return query_int (f, "SELECT count (*) FROM invoices WHERE kind = 'invoice'");
}

static void
test_second_run_bills_nobody_twice (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBillingRun) dry = NULL;
  g_autoptr (AcrBillingRun) first = NULL;
  g_autoptr (AcrBillingRun) second = NULL;
  GDate on = date_of ("2026-11-02");
  g_autofree char *already = g_strdup_printf ("already billed for %d", 2027);
  guint billed;

  g_assert_true (acr_sample_data_generate (f->store, 600, 3, NULL, NULL, &error));

  dry = acr_billing_run_new (f->billing, 2027, &on);
  g_assert_true (acr_billing_run_execute (dry, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_invoices (f), ==, 0);
  g_assert_cmpuint (acr_billing_run_get_n_billed (dry), >, 0);
  /* Placeholders are flagged: the College's full dues are not on the page. */
  g_assert_cmpuint (acr_billing_run_get_n_placeholder (dry), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (acr_billing_run_get_skip_counts (dry), "owes no dues: member-in-training")), >, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (acr_billing_run_get_skip_counts (dry), "not active: retired")), >, 0);

  first = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (first, TRUE);
  g_assert_true (acr_billing_run_execute (first, FALSE, NULL, &error));
  g_assert_no_error (error);
  billed = acr_billing_run_get_n_billed (first);
  g_assert_cmpuint (billed, ==, acr_billing_run_get_n_billed (dry));
  g_assert_cmpint (acr_billing_run_get_billed_cents (first), ==, acr_billing_run_get_billed_cents (dry));
  g_assert_cmpuint (count_invoices (f), ==, billed);

  second = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (second, TRUE);
  g_assert_true (acr_billing_run_execute (second, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (second), ==, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (acr_billing_run_get_skip_counts (second), already)), ==, billed);
  g_assert_cmpuint (count_invoices (f), ==, billed);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM (SELECT member_id FROM invoices WHERE year = 2027"
                                 " GROUP BY member_id HAVING count (*) > 1)"), ==, 0);
  assert_gapless (f, 2027, billed);
}

typedef struct
{
  GCancellable *cancellable;
  guint         stop_at;
} CancelData;

static void
cancel_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  CancelData *data = user_data;

  if (done >= data->stop_at)
    g_cancellable_cancel (data->cancellable);
}

static void
test_cancelled_run_finishes_when_run_again (Fixture       *f,
                                            gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (AcrBillingRun) again = NULL;
  g_autoptr (AcrBillingRun) dry = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelData cancel = { cancellable, 200 };
  GDate on = date_of ("2026-11-02");
  guint total, partial;

  g_assert_true (acr_sample_data_generate (f->store, 600, 5, NULL, NULL, &error));
  dry = acr_billing_run_new (f->billing, 2027, &on);
  g_assert_true (acr_billing_run_execute (dry, TRUE, NULL, &error));
  total = acr_billing_run_get_n_billed (dry);

  run = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  acr_billing_run_set_batch_size (run, 37);
  acr_billing_run_set_progress_func (run, cancel_progress_cb, &cancel);
  g_assert_false (acr_billing_run_execute (run, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  partial = count_invoices (f);
  g_assert_cmpuint (partial, >, 0);
  g_assert_cmpuint (partial, <, total);
  g_assert_cmpuint (partial, ==, acr_billing_run_get_n_billed (run));
  assert_gapless (f, 2027, partial);

  again = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (again, TRUE);
  g_assert_true (acr_billing_run_execute (again, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (again), ==, total - partial);
  g_assert_cmpuint (count_invoices (f), ==, total);
  assert_gapless (f, 2027, total);
}

typedef struct
{
  GThread *main_thread;
  guint    calls;
  guint    last_done;
  gboolean off_main_thread;
} ProgressData;

static void
thread_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  ProgressData *data = user_data;

  data->calls++;
  data->last_done = done;
  data->off_main_thread = g_thread_self () != data->main_thread;
}

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  if (acr_billing_run_execute (task_data, FALSE, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The app runs billing in a GTask thread: progress arrives there, and the counters are readable after. */
static void
test_run_in_task_thread (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrBillingRun) run = NULL;
  g_autoptr (GTask) task = NULL;
  ProgressData progress = { g_thread_self (), 0, 0, FALSE };
  GDate on = date_of ("2026-11-02");

  g_assert_true (acr_sample_data_generate (f->store, 400, 9, NULL, NULL, &error));
  run = acr_billing_run_new (f->billing, 2027, &on);
  acr_billing_run_set_accept_placeholders (run, TRUE);
  acr_billing_run_set_progress_func (run, thread_progress_cb, &progress);

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (run), g_object_unref);
  g_task_run_in_thread_sync (task, run_in_thread);
  g_assert_true (g_task_propagate_boolean (task, &error));
  g_assert_no_error (error);

  g_assert_true (progress.off_main_thread);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, acr_billing_run_get_n_total (run));
  g_assert_cmpuint (acr_billing_run_get_n_done (run), ==, acr_billing_run_get_n_total (run));
  g_assert_cmpuint (count_invoices (f), ==, acr_billing_run_get_n_billed (run));
}

static void
test_refuses_what_is_not_billable (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrMember) anne = add_member (f, trainee_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  g_autoptr (AcrInvoice) again = NULL;
  g_autoptr (AcrInvoice) free_one = NULL;
  g_autoptr (AcrInvoice) no_year = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-02");

  g_assert_cmpstr (acr_invoice_get_number (invoice), ==, "2027-000001");
  g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, line_amount (invoice, "national") + line_amount (invoice, "chapter:VA"));
  g_assert_cmpstr (acr_invoice_get_member_name (invoice), ==, "Ruth Côté");

  again = acr_billing_create_invoice (f->billing, acr_member_get_number (ruth), 2027, &on, &error);
  g_assert_null (again);
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_ALREADY_BILLED);
  g_clear_error (&error);

  free_one = acr_billing_create_invoice (f->billing, acr_member_get_number (anne), 2027, &on, &error);
  g_assert_null (free_one);
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_NOT_BILLABLE);
  g_clear_error (&error);

  no_year = acr_billing_create_invoice (f->billing, acr_member_get_number (ruth), 2035, &on, &error);
  g_assert_null (no_year);
  g_assert_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE);
  g_clear_error (&error);

  /* Refusals take no number: the next invoice is 2027-000002 only when one is issued. */
  assert_gapless (f, 2027, 1);
}

/* --- payments, voids, credit notes --- */

static void
test_partial_payments (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  gint64 total = acr_invoice_get_total_cents (invoice);
  g_autoptr (AcrPayment) first = payment (10000, "2026-12-01");
  g_autoptr (AcrPayment) rest = payment (total - 10000, "2027-01-15");
  g_autoptr (AcrInvoice) after_first = NULL;
  g_autoptr (AcrInvoice) after_rest = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (GPtrArray) paid = NULL;
  g_autoptr (GPtrArray) mine = NULL;
  g_autoptr (GError) error = NULL;
  gint64 balance = -1;
  AcrInvoiceFilter filter = { .status = "paid" };

  after_first = acr_billing_record_payment (f->billing, number, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (after_first), ==, ACR_INVOICE_STATUS_PARTIALLY_PAID);
  g_assert_cmpint (acr_invoice_get_balance_cents (after_first), ==, total - 10000);
  mine = acr_billing_list_member_invoices (f->billing, acr_member_get_number (ruth), &balance, &error);
  g_assert_cmpint (balance, ==, total - 10000);

  after_rest = acr_billing_record_payment (f->billing, number, rest, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (after_rest), ==, ACR_INVOICE_STATUS_PAID);
  g_assert_cmpint (acr_invoice_get_balance_cents (after_rest), ==, 0);

  /* Read back from the store: payments replayed, status and money as recorded. */
  stored = acr_billing_lookup_invoice (f->billing, number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_paid_cents (stored), ==, total);
  g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_payments (stored)), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT paid_cents FROM invoices WHERE number = '2027-000001'"), ==, total);
  paid = acr_billing_list_invoices (f->billing, &filter, &error);
  g_assert_cmpuint (paid->len, ==, 1);
}

static gint64
assert_balances_agree (Fixture   *f,
                       AcrMember *member)
{
  g_autoptr (GPtrArray) invoices = NULL;
  g_autoptr (GError) error = NULL;
  gint64 replayed = G_MININT64, queried = G_MAXINT64;

  invoices = acr_billing_list_member_invoices (f->billing, acr_member_get_number (member), &replayed, &error);
  g_assert_no_error (error);
  g_assert_true (acr_billing_get_member_balance (f->billing, member, &queried, &error));
  g_assert_no_error (error);
  g_assert_cmpint (queried, ==, replayed);

  return queried;
}

/* The member list's balance column reads one query; it must say what the
 * invoices, replayed, say: through payments, refunds, void and credit notes. */
static void
test_member_balance_query_agrees_with_invoices (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrMember) nobody_billed = add_member (f, trainee_json, "2026-09-02");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  gint64 total = acr_invoice_get_total_cents (invoice);
  g_autoptr (AcrPayment) part = payment (10000, "2026-12-01");
  g_autoptr (AcrPayment) back = payment (-10000, "2026-12-03");
  g_autoptr (AcrInvoice) after = NULL;
  g_autoptr (AcrInvoice) rebilled = NULL;
  g_autoptr (AcrInvoice) note = NULL;
  g_autoptr (GError) error = NULL;
  GDate credited_on;

  g_assert_cmpint (assert_balances_agree (f, nobody_billed), ==, 0);
  g_assert_cmpint (assert_balances_agree (f, ruth), ==, total);

  after = acr_billing_record_payment (f->billing, number, part, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assert_balances_agree (f, ruth), ==, total - 10000);
  g_clear_object (&after);

  after = acr_billing_record_refund (f->billing, number, back, &error);
  g_assert_no_error (error);
  g_clear_object (&after);
  after = acr_billing_void_invoice (f->billing, number, "sent twice", &error);
  g_assert_no_error (error);
  g_assert_cmpint (assert_balances_agree (f, ruth), ==, 0);

  rebilled = bill (f, ruth, 2027, "2026-11-20");
  g_assert_cmpint (assert_balances_agree (f, ruth), ==, acr_invoice_get_total_cents (rebilled));

  credited_on = date_of ("2026-12-05");
  note = acr_billing_issue_credit_note (f->billing, acr_invoice_get_number (rebilled), &credited_on, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assert_balances_agree (f, ruth), ==, 0);
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* Every commit says so ("committed": balances are read again); only those
 * that change members say "members-changed" (the lookup searches again). */
static void
test_payment_commit_is_announced_without_members_changed (Fixture       *f,
                                                          gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  g_autoptr (AcrPayment) some = payment (10000, "2026-12-01");
  g_autoptr (AcrPayment) too_much = payment (acr_invoice_get_total_cents (invoice), "2026-12-02");
  g_autoptr (AcrInvoice) after = NULL;
  g_autoptr (AcrInvoice) refused = NULL;
  g_autoptr (GError) error = NULL;
  guint committed = 0, members_changed = 0;
  /* A lookup is open, as in the application: the store keeps its index. */
  g_autoptr (AcrSearchResults) lookup = acr_search_results_new (f->store);

  g_signal_connect (f->store, "committed", G_CALLBACK (count_signal), &committed);
  g_signal_connect (f->store, "members-changed", G_CALLBACK (count_signal), &members_changed);

  after = acr_billing_record_payment (f->billing, acr_invoice_get_number (invoice), some, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (committed, ==, 1);
  g_assert_cmpuint (members_changed, ==, 0);

  /* A refused write commits nothing and announces nothing. */
  refused = acr_billing_record_payment (f->billing, acr_invoice_get_number (invoice), too_much, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_cmpuint (committed, ==, 1);
  g_assert_cmpuint (members_changed, ==, 0);
}

static void
test_overpayment_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  gint64 total = acr_invoice_get_total_cents (invoice);
  g_autoptr (AcrPayment) part = payment (5000, "2026-12-01");
  g_autoptr (AcrPayment) too_much = payment (total - 5000 + 1, "2026-12-02");
  g_autoptr (AcrInvoice) after = NULL;
  g_autoptr (AcrInvoice) refused = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (GError) error = NULL;

  after = acr_billing_record_payment (f->billing, number, part, &error);
  g_assert_no_error (error);
  refused = acr_billing_record_payment (f->billing, number, too_much, &error);
  g_assert_null (refused);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT);
  g_assert_nonnull (strstr (error->message, "overpayment refused"));
  g_assert_nonnull (strstr (error->message, number));

  /* Nothing was written. */
  stored = acr_billing_lookup_invoice (f->billing, number, NULL);
  g_assert_cmpint (acr_invoice_get_paid_cents (stored), ==, 5000);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM invoice_payments"), ==, 1);
}

static void
test_void_refused_until_refunded (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  g_autoptr (AcrPayment) part = payment (5000, "2026-12-01");
  g_autoptr (AcrPayment) back = payment (-5000, "2026-12-03");
  g_autoptr (AcrInvoice) after = NULL;
  g_autoptr (AcrInvoice) voided = NULL;
  g_autoptr (AcrInvoice) refunded = NULL;
  g_autoptr (AcrInvoice) rebilled = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  after = acr_billing_record_payment (f->billing, number, part, &error);
  g_assert_no_error (error);
  voided = acr_billing_void_invoice (f->billing, number, "sent to the wrong address", &error);
  g_assert_null (voided);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_HAS_PAYMENTS);
  g_clear_error (&error);

  refunded = acr_billing_record_refund (f->billing, number, back, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (refunded), ==, ACR_INVOICE_STATUS_REFUNDED);
  voided = acr_billing_void_invoice (f->billing, number, "sent to the wrong address", &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (voided), ==, ACR_INVOICE_STATUS_VOID);
  g_clear_object (&voided);

  /* Void is final, takes no payment, and frees the year for a corrected invoice. */
  voided = acr_billing_void_invoice (f->billing, number, "again", &error);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_VOID);
  g_clear_error (&error);
  g_assert_null (acr_billing_record_payment (f->billing, number, part, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE);
  g_clear_error (&error);
  message = exec_raw (f, "UPDATE invoices SET voided = 0 WHERE number = '2027-000001'");
  g_assert_nonnull (message);
  rebilled = bill (f, ruth, 2027, "2026-11-20");
  g_assert_cmpstr (acr_invoice_get_number (rebilled), ==, "2027-000002");
}

static void
test_credit_note_rules (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  gint64 total = acr_invoice_get_total_cents (invoice);
  g_autoptr (AcrInvoice) note = NULL;
  g_autoptr (AcrInvoice) twice = NULL;
  g_autoptr (AcrInvoice) of_note = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (AcrPayment) part = payment (100, "2026-12-01");
  g_autoptr (GError) error = NULL;
  GDate on = date_of ("2026-11-10");

  note = acr_billing_issue_credit_note (f->billing, number, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_kind (note), ==, ACR_INVOICE_KIND_CREDIT_NOTE);
  g_assert_cmpstr (acr_invoice_get_number (note), ==, "2027-000002");
  g_assert_cmpstr (acr_invoice_get_reference_number (note), ==, number);
  g_assert_cmpint (acr_invoice_get_total_cents (note), ==, -total);

  stored = acr_billing_lookup_invoice (f->billing, number, &error);
  g_assert_cmpint (acr_invoice_get_credited_cents (stored), ==, total);
  g_assert_cmpint (acr_invoice_get_balance_cents (stored), ==, 0);
  g_assert_cmpint (acr_invoice_get_status (stored), ==, ACR_INVOICE_STATUS_VOID);

  twice = acr_billing_issue_credit_note (f->billing, number, &on, &error);
  g_assert_null (twice);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_CREDITED);
  g_clear_error (&error);
  of_note = acr_billing_issue_credit_note (f->billing, "2027-000002", &on, &error);
  g_assert_null (of_note);
  g_assert_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (acr_billing_record_payment (f->billing, number, part, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT);
  g_clear_error (&error);
  g_assert_null (acr_billing_record_payment (f->billing, "2027-000002", part, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE);
  g_clear_error (&error);
  g_assert_null (acr_billing_lookup_invoice (f->billing, "2027-000099", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND);

  assert_gapless (f, 2027, 2);
}

/* --- retirement --- */

static void
retire_after_paying (Fixture     *f,
                     const char  *notified,
                     guint        expected_notes)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  const char *number = acr_invoice_get_number (invoice);
  gint64 total = acr_invoice_get_total_cents (invoice);
  g_autoptr (AcrPayment) all = payment (total, "2026-12-15");
  g_autoptr (AcrInvoice) paid = NULL;
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (AcrMember) retired = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  GDate on = date_of (notified);

  paid = acr_billing_record_payment (f->billing, number, all, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (paid), ==, ACR_INVOICE_STATUS_PAID);

  notes = acr_billing_retire_member (f->billing, acr_member_get_number (ruth), &on, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, expected_notes);

  retired = acr_store_lookup_member (f->store, acr_member_get_number (ruth), &error);
  g_assert_cmpstr (acr_member_get_status (retired), ==, "retired");
  g_assert_cmpstr (acr_member_get_category (retired), ==, "retired");

  stored = acr_billing_lookup_invoice (f->billing, number, &error);
  g_assert_no_error (error);
  if (expected_notes == 0)
    {
      g_assert_cmpint (acr_invoice_get_credited_cents (stored), ==, 0);
      g_assert_cmpint (acr_invoice_get_balance_cents (stored), ==, 0);
      g_assert_cmpint (acr_invoice_get_status (stored), ==, ACR_INVOICE_STATUS_PAID);
    }
  else
    {
      g_autoptr (AcrPayment) back = payment (-total, notified);
      g_autoptr (AcrInvoice) refunded = NULL;
      AcrInvoice *note = notes->pdata[0];

      /* The full amount is credited and owed back to the member until refunded. */
      g_assert_cmpint (acr_invoice_get_total_cents (note), ==, -total);
      g_assert_cmpstr (acr_invoice_get_reference_number (note), ==, number);
      g_assert_cmpint (acr_invoice_get_balance_cents (stored), ==, -total);
      refunded = acr_billing_record_refund (f->billing, number, back, &error);
      g_assert_no_error (error);
      g_assert_cmpint (acr_invoice_get_status (refunded), ==, ACR_INVOICE_STATUS_REFUNDED);
      g_assert_cmpint (acr_invoice_get_balance_cents (refunded), ==, 0);
    }
}

static void
test_retirement_march_31_refunds (Fixture       *f,
                                  gconstpointer  data)
{
  retire_after_paying (f, "2027-03-31", 1);
}

static void
test_retirement_april_1_refunds_nothing (Fixture       *f,
                                         gconstpointer  data)
{
  retire_after_paying (f, "2027-04-01", 0);
}

/* Retirement in December: next year's invoice, already mailed and unpaid, is no longer owed. */
static void
test_retirement_cancels_unpaid_next_year (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  g_autoptr (AcrInvoice) stored = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  GDate on = date_of ("2026-12-10");
  gint64 balance = -1;

  notes = acr_billing_retire_member (f->billing, acr_member_get_number (ruth), &on, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 1);
  stored = acr_billing_lookup_invoice (f->billing, acr_invoice_get_number (invoice), &error);
  g_assert_cmpint (acr_invoice_get_balance_cents (stored), ==, 0);
  all = acr_billing_list_member_invoices (f->billing, acr_member_get_number (ruth), &balance, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (balance, ==, 0);
}

/* --- the store refuses edits --- */

static void
test_issued_invoice_is_never_edited (Fixture       *f,
                                     gconstpointer  data)
{
  static const char * const refused[] = {
    "UPDATE invoices SET total_cents = 1 WHERE number = '2027-000001'",
    "UPDATE invoices SET member_name = 'X' WHERE number = '2027-000001'",
    "UPDATE invoices SET due_on = '2030-01-01' WHERE number = '2027-000001'",
    "DELETE FROM invoices WHERE number = '2027-000001'",
    "UPDATE invoice_lines SET amount_cents = 1",
    "DELETE FROM invoice_lines",
    "INSERT INTO invoice_lines (invoice_id, position, code, description, amount_cents) VALUES (1, 9, 'x', 'x', 0)",
    "UPDATE invoice_payments SET amount_cents = 1",
    "DELETE FROM invoice_payments",
    /* The state follows what was recorded: no paying, crediting or voiding by hand. */
    "UPDATE invoices SET paid_cents = total_cents, status = 'paid' WHERE number = '2027-000001'",
    "UPDATE invoices SET status = 'paid' WHERE number = '2027-000001'",
    "UPDATE invoices SET credited_cents = total_cents, status = 'void' WHERE number = '2027-000001'",
    "UPDATE invoices SET voided = 1, void_reason = 'x', status = 'void' WHERE number = '2027-000001'",
    "INSERT INTO invoice_payments (invoice_id, amount_cents, paid_on, method, recorded_at)"
    " VALUES (1, 100, '2026-12-01', 'cash', 'now')",
    /* Numbers: never skipped, never reused, only the one just taken. */
    "UPDATE invoice_counters SET last = last + 2",
    "UPDATE invoice_counters SET last = last - 1",
    "DELETE FROM invoice_counters",
    "INSERT INTO invoices (number, series, sequence, kind, member_id, member_number, year, issued_on, due_on,"
    " currency, total_cents, n_lines, member_name, language, issued_at, status)"
    " VALUES ('2027-000005', 2027, 5, 'invoice', 1, '0000001', 2028, '2026-11-02', '2027-01-01', 'USD', 100, 1,"
    " 'X', 'en', 'now', 'open')",
  };
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  g_autoptr (AcrPayment) part = payment (100, "2026-12-01");
  g_autoptr (AcrInvoice) after = acr_billing_record_payment (f->billing, "2027-000001", part, NULL);
  g_autoptr (AcrInvoice) stored = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = exec_raw (f, refused[i]);
      if (message == NULL)
        g_error ("accepted: %s", refused[i]);
    }

  stored = acr_billing_lookup_invoice (f->billing, "2027-000001", NULL);
  g_assert_cmpint (acr_invoice_get_total_cents (stored), ==, acr_invoice_get_total_cents (invoice));
  g_assert_cmpint (acr_invoice_get_paid_cents (stored), ==, 100);
  assert_gapless (f, 2027, 1);
}

/* --- reports --- */

static void
test_reports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (AcrMember) ruth = add_member (f, general_json, "2026-09-01");
  g_autoptr (AcrInvoice) invoice = bill (f, ruth, 2027, "2026-11-02");
  gint64 total = acr_invoice_get_total_cents (invoice);
  gint64 chapter = line_amount (invoice, "chapter:VA");
  g_autoptr (AcrPayment) all = payment (total, "2026-12-01");
  g_autoptr (AcrInvoice) paid = acr_billing_record_payment (f->billing, "2027-000001", all, NULL);
  g_autoptr (GPtrArray) receivables = NULL;
  g_autoptr (GPtrArray) chapters = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = NULL;
  AcrReceivablesRow *r;
  AcrChapterRemittanceRow *c;

  g_assert_cmpint (chapter, >, 0);
  receivables = acr_billing_report (f->billing, ACR_BILLING_REPORT_RECEIVABLES, 2027, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (receivables->len, ==, 1);
  r = receivables->pdata[0];
  g_assert_cmpstr (r->category, ==, "general");
  g_assert_cmpint (r->billed_cents, ==, total);
  g_assert_cmpint (r->paid_cents, ==, total);
  g_assert_cmpint (r->outstanding_cents, ==, 0);

  chapters = acr_billing_report (f->billing, ACR_BILLING_REPORT_CHAPTERS, 2027, &error);
  g_assert_cmpuint (chapters->len, ==, 1);
  c = chapters->pdata[0];
  g_assert_cmpstr (c->chapter, ==, "VA");
  g_assert_cmpint (c->billed_cents, ==, chapter);
  g_assert_cmpint (c->collected_cents, ==, chapter);

  csv = acr_billing_report_format_csv (ACR_BILLING_REPORT_RECEIVABLES, receivables);
  g_assert_true (g_str_has_prefix (csv, "year,category,invoices,billed_cents,credited_cents,paid_cents,"
                                        "outstanding_cents,to_refund_cents\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n2027,general,1,"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/acr/billing/payment-commit-is-announced-without-members-changed",
       test_payment_commit_is_announced_without_members_changed);
  g_test_add_func ("/acr/billing/lines-add-up-to-total-over-sample-members", test_lines_add_up);
  ADD ("/acr/billing/second-run-bills-nobody-twice", test_second_run_bills_nobody_twice);
  ADD ("/acr/billing/cancelled-run-finishes-when-run-again", test_cancelled_run_finishes_when_run_again);
  ADD ("/acr/billing/run-in-a-task-thread-reports-progress-there", test_run_in_task_thread);
  ADD ("/acr/billing/refuses-what-is-not-billable-without-taking-a-number", test_refuses_what_is_not_billable);
  ADD ("/acr/billing/partial-payments", test_partial_payments);
  ADD ("/acr/billing/member-balance-query-agrees-with-invoices", test_member_balance_query_agrees_with_invoices);
  ADD ("/acr/billing/overpayment-refused-changes-nothing", test_overpayment_refused);
  ADD ("/acr/billing/void-refused-until-payments-refunded", test_void_refused_until_refunded);
  ADD ("/acr/billing/credit-note-cancels-in-full-once", test_credit_note_rules);
  ADD ("/acr/billing/retirement-notified-march-31-refunds-paid-year", test_retirement_march_31_refunds);
  ADD ("/acr/billing/retirement-notified-april-1-refunds-nothing", test_retirement_april_1_refunds_nothing);
  ADD ("/acr/billing/retirement-cancels-unpaid-next-year", test_retirement_cancels_unpaid_next_year);
  ADD ("/acr/billing/issued-invoice-is-never-edited", test_issued_invoice_is_never_edited);
  ADD ("/acr/billing/reports", test_reports);
#undef ADD

  return g_test_run ();
}
