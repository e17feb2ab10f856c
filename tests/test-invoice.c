#include "config.h"

#include <string.h>

#include "acr-invoice.h"
#include "acr-rules-test-helpers.h"
#include "acr-test-invoices.h"

/* A general member in Virginia, in practice for years, on active duty. */
#define MILITARY_GENERAL \
  "{'profession': 'physician', 'discipline': 'radiology', 'certifications': ['ABR'], 'country': 'US'," \
  " 'region': 'VA', 'in_practice': true, 'military': 'active-duty', 'military_country': 'US'," \
  " 'training': {'stage': 'fellowship', 'approved': true, 'country': 'US', 'end': '2015-06-30'}}"

typedef struct
{
  GDate *issued;
  GDate *due;
  GDate *later;
} Dates;

static void
dates_init (Dates *d)
{
  d->issued = g_date_new_dmy (26, 11, 2026);
  d->due = g_date_new_dmy (31, 12, 2026);
  d->later = g_date_new_dmy (15, 1, 2027);
}

static void
dates_clear (Dates *d)
{
  g_date_free (d->issued);
  g_date_free (d->due);
  g_date_free (d->later);
}

/* An open invoice: national dues $1,000.00, chapter $100.00 (placeholder),
 * military discount -$500.00: total $600.00. */
static AcrInvoice *
new_invoice (const Dates *d)
{
  g_autoptr (GError) error = NULL;
  const char *address[] = { "1 Main Street", NULL };
  AcrInvoiceInfo info = {
    .kind = ACR_INVOICE_KIND_INVOICE,
    .number = "2027-000001",
    .member_number = "1000001",
    .member_name = "Ann Example",
    .address_lines = address,
    .city = "Reston",
    .region = "VA",
    .postal_code = "20191",
    .language = "en",
    .year = 2027,
    .issued_on = d->issued,
    .due_on = d->due,
  };
  AcrDuesLine *lines[3] = {
    acr_dues_line_new ("national", "National dues", 100000, FALSE),
    acr_dues_line_new ("chapter:VA", "Chapter dues: Virginia", 10000, TRUE),
    acr_dues_line_new ("military-discount", "Military discount", -50000, FALSE),
  };
  AcrInvoice *invoice = acr_invoice_new (&info, lines, 3, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_object_unref (lines[i]);
  return invoice;
}

static gboolean
pay (AcrInvoice        *invoice,
     gint64             cents,
     const GDate       *date,
     GError           **error)
{
  g_autoptr (AcrPayment) payment = acr_payment_new (cents, date, ACR_PAYMENT_METHOD_CHECK, "100");

  return acr_invoice_add_payment (invoice, payment, error);
}

static gboolean
refund (AcrInvoice  *invoice,
        gint64       cents,
        const GDate *date,
        GError     **error)
{
  g_autoptr (AcrPayment) payment = acr_payment_new (-cents, date, ACR_PAYMENT_METHOD_BANK_TRANSFER, "R-1");

  return acr_invoice_add_refund (invoice, payment, error);
}

static void
test_invoice_number_format_and_parse (void)
{
  const char *bad[] = { "2027-0000001", "2027-000000", "27-000001", "2027_000001", "abcd-000001",
                        "2027-00001a", "0999-000001", "", " 2027-000001" };
  g_autofree char *first = acr_invoice_number_format (2027, 1);
  g_autofree char *last = acr_invoice_number_format (2027, ACR_INVOICE_SEQUENCE_MAX);
  int year = 0;
  guint sequence = 0;

  g_assert_cmpstr (first, ==, "2027-000001");
  g_assert_cmpstr (last, ==, "2027-999999");
  g_assert_true (acr_invoice_number_parse ("2027-000042", &year, &sequence));
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpuint (sequence, ==, 42);
  g_assert_true (acr_invoice_number_parse (last, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (acr_invoice_number_parse (bad[i], &year, &sequence));
  g_assert_false (acr_invoice_number_parse (NULL, NULL, NULL));
}

/* Property: over many generated invoices the lines add up to the total, to
 * the cent, with no rounding anywhere. */
static void
test_invoice_lines_sum_to_total (void)
{
  Dates d;

  dates_init (&d);

  for (guint n = 0; n < 2000; n++)
    {
      g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (AcrInvoice) invoice = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *number = acr_invoice_number_format (2027, n + 1);
      guint n_lines = g_test_rand_int_range (0, 8);
      gint64 expected = 0;
      gboolean placeholder = FALSE;
      AcrInvoiceInfo info = {
        .number = number, .member_number = "1", .member_name = "A", .year = 2027,
        .issued_on = d.issued, .due_on = d.due,
      };

      for (guint i = 0; i < n_lines; i++)
        {
          /* Any cent amount, discounts included, up to ±$100,000.00. */
          gint64 cents = (gint64) g_test_rand_int_range (-10000000, 10000001);
          gboolean is_placeholder = g_test_rand_bit ();

          expected += cents;
          placeholder |= is_placeholder;
          g_ptr_array_add (lines, acr_dues_line_new ("x", "x", cents, is_placeholder));
        }

      invoice = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, expected);
      g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, expected);
      g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_lines (invoice)), ==, n_lines);
      g_assert_cmpint (acr_invoice_get_placeholder (invoice), ==, placeholder);
    }

  /* And the generated College used by the renderer tests and benchmark. */
  for (guint n = 0; n < 500; n++)
    {
      g_autoptr (AcrInvoice) invoice = acr_test_invoice_new_generated (n, 2027);
      GListModel *lines = acr_invoice_get_lines (invoice);
      gint64 sum = 0;

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
          sum += acr_dues_line_get_amount_cents (line);
        }
      g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, sum);
      g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==,
                       sum - acr_invoice_get_paid_cents (invoice));
    }

  dates_clear (&d);
}

static void
test_invoice_total_overflow_refused (void)
{
  g_autoptr (GError) error = NULL;
  Dates d;
  AcrDuesLine *lines[2];
  AcrInvoice *invoice;
  AcrInvoiceInfo info = { .number = "2027-000001", .member_number = "1", .member_name = "A", .year = 2027 };

  dates_init (&d);
  info.issued_on = d.issued;
  info.due_on = d.due;
  lines[0] = acr_dues_line_new ("a", "a", G_MAXINT64, FALSE);
  lines[1] = acr_dues_line_new ("b", "b", 1, FALSE);

  invoice = acr_invoice_new (&info, lines, 2, &error);
  g_assert_null (invoice);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));

  g_object_unref (lines[0]);
  g_object_unref (lines[1]);
  dates_clear (&d);
}

static void
test_invoice_bad_header_refused (void)
{
  Dates d;
  struct { const char *field; AcrInvoiceInfo info; const char *says; } cases[] = {
    { "number", { .number = "2027-1", .member_number = "1", .member_name = "A", .year = 2027 }, "2027-1" },
    { "name", { .number = "2027-000001", .member_number = "1", .member_name = "  ", .year = 2027 }, "member-name" },
    { "member", { .number = "2027-000001", .member_number = NULL, .member_name = "A", .year = 2027 }, "member-number" },
    { "language", { .number = "2027-000001", .member_number = "1", .member_name = "A", .language = "de", .year = 2027 }, "“de”" },
    { "year", { .number = "2027-000001", .member_number = "1", .member_name = "A", .year = 27 }, "27" },
    { "reference", { .kind = ACR_INVOICE_KIND_CREDIT_NOTE, .number = "2027-000002", .member_number = "1",
                     .member_name = "A", .year = 2027 }, "credit-note" },
  };

  dates_init (&d);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      AcrInvoice *invoice;

      cases[i].info.issued_on = d.issued;
      cases[i].info.due_on = d.due;
      invoice = acr_invoice_new (&cases[i].info, NULL, 0, &error);
      g_assert_null (invoice);
      g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("case %s: “%s” does not say %s", cases[i].field, error->message, cases[i].says);
    }

  /* Due before issue. */
  {
    g_autoptr (GError) error = NULL;
    AcrInvoiceInfo info = { .number = "2027-000001", .member_number = "1", .member_name = "A", .year = 2027,
                            .issued_on = d.due, .due_on = d.issued };

    g_assert_null (acr_invoice_new (&info, NULL, 0, &error));
    g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
  }

  dates_clear (&d);
}

static void
test_invoice_header_is_a_copy (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  char name[] = "Émilie Tremblay";
  char street[] = "12 rue Principale";
  const char *address[] = { street, "  ", NULL };
  Dates d;
  AcrInvoiceInfo info = { .number = "2027-000001", .member_number = "1", .member_name = name,
                          .address_lines = address, .city = "Québec", .region = "QC", .postal_code = "G1R 4P5",
                          .country = "ca", .language = "fr", .year = 2027 };

  dates_init (&d);
  info.issued_on = d.issued;
  info.due_on = d.due;
  invoice = acr_invoice_new (&info, NULL, 0, &error);
  g_assert_no_error (error);

  /* The member moves after the invoice was issued: the invoice keeps the
   * name and address as they stood at issue. */
  memcpy (name, "XXXXXX", 6);
  memcpy (street, "99", 2);
  g_date_add_days (d.issued, 10);

  g_assert_cmpstr (acr_invoice_get_member_name (invoice), ==, "Émilie Tremblay");
  g_assert_cmpstr (acr_invoice_get_address_lines (invoice)[0], ==, "12 rue Principale");
  /* Blank lines are dropped. */
  g_assert_null (acr_invoice_get_address_lines (invoice)[1]);
  g_assert_cmpstr (acr_invoice_get_country (invoice), ==, "CA");
  g_assert_cmpstr (acr_invoice_get_currency (invoice), ==, "USD");
  g_assert_cmpint (g_date_get_day (acr_invoice_get_issued_on (invoice)), ==, 26);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_OPEN);

  dates_clear (&d);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_invoice_partial_then_full_payment (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  guint status_changes = 0;
  guint balance_changes = 0;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_signal_connect (invoice, "notify::status", G_CALLBACK (count_notify_cb), &status_changes);
  g_signal_connect (invoice, "notify::balance-cents", G_CALLBACK (count_notify_cb), &balance_changes);

  g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, 60000);
  g_assert_true (acr_invoice_get_placeholder (invoice));

  g_assert_true (pay (invoice, 25000, d.issued, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_PARTIALLY_PAID);
  g_assert_cmpint (acr_invoice_get_paid_cents (invoice), ==, 25000);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 35000);
  g_assert_cmpuint (status_changes, ==, 1);

  /* A second partial payment changes the balance, not the status. */
  g_assert_true (pay (invoice, 10000, d.issued, &error));
  g_assert_cmpuint (status_changes, ==, 1);
  g_assert_cmpuint (balance_changes, ==, 2);

  g_assert_true (pay (invoice, 25000, d.due, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_PAID);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_payments (invoice)), ==, 3);
  g_assert_cmpuint (status_changes, ==, 2);

  dates_clear (&d);
}

static void
test_invoice_overpayment_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_true (pay (invoice, 50000, d.issued, NULL));

  g_assert_false (pay (invoice, 10001, d.issued, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT);
  /* The message says which invoice, how much and what the balance is. */
  g_assert_nonnull (strstr (error->message, "2027-000001"));
  g_assert_nonnull (strstr (error->message, "$100.01"));
  g_assert_nonnull (strstr (error->message, "$100.00"));
  /* Nothing changed. */
  g_assert_cmpint (acr_invoice_get_paid_cents (invoice), ==, 50000);
  g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_payments (invoice)), ==, 1);
  g_clear_error (&error);

  /* Exactly the balance is fine; then any payment is an overpayment. */
  g_assert_true (pay (invoice, 10000, d.issued, NULL));
  g_assert_false (pay (invoice, 1, d.issued, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT);

  dates_clear (&d);
}

static void
test_invoice_payment_must_be_positive (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_false (pay (invoice, 0, d.issued, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  g_assert_false (pay (invoice, -100, d.issued, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  /* A refund is negative; a positive one is a mistake. */
  {
    g_autoptr (AcrPayment) wrong = acr_payment_new (100, d.issued, ACR_PAYMENT_METHOD_CARD, NULL);

    g_assert_false (acr_invoice_add_refund (invoice, wrong, &error));
    g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID_AMOUNT);
  }
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_OPEN);

  dates_clear (&d);
}

static void
test_invoice_void_refused_until_refunded (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_true (pay (invoice, 20000, d.issued, NULL));

  g_assert_false (acr_invoice_void (invoice, "issued twice", &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_HAS_PAYMENTS);
  g_assert_nonnull (strstr (error->message, "$200.00"));
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_PARTIALLY_PAID);
  g_clear_error (&error);

  /* A partial refund is not enough. */
  g_assert_true (refund (invoice, 5000, d.later, &error));
  g_assert_false (acr_invoice_void (invoice, "issued twice", &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_HAS_PAYMENTS);
  g_clear_error (&error);

  g_assert_true (refund (invoice, 15000, d.later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_REFUNDED);
  g_assert_cmpint (acr_invoice_get_paid_cents (invoice), ==, 0);
  g_assert_cmpint (acr_invoice_get_refunded_cents (invoice), ==, 20000);

  g_assert_true (acr_invoice_void (invoice, "issued twice", &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_VOID);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 0);
  g_assert_cmpstr (acr_invoice_get_void_reason (invoice), ==, "issued twice");

  /* Void is final. */
  g_assert_false (pay (invoice, 100, d.later, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE);
  g_clear_error (&error);
  g_assert_false (acr_invoice_void (invoice, "again", &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_VOID);

  dates_clear (&d);
}

static void
test_invoice_void_open_invoice (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_true (acr_invoice_void (invoice, "wrong category", &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_VOID);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 0);
  /* The total stays what was billed. */
  g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, 60000);

  dates_clear (&d);
}

static void
test_invoice_refund_more_than_paid_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_false (refund (invoice, 100, d.later, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_REFUND_EXCEEDS_PAID);
  g_clear_error (&error);

  g_assert_true (pay (invoice, 30000, d.issued, NULL));
  g_assert_false (refund (invoice, 30001, d.later, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_REFUND_EXCEEDS_PAID);
  g_assert_cmpint (acr_invoice_get_paid_cents (invoice), ==, 30000);

  dates_clear (&d);
}

static void
test_invoice_credit_note_for_full_amount (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrInvoice) note = NULL;
  GListModel *lines;
  GListModel *note_lines;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  g_assert_true (pay (invoice, 60000, d.issued, NULL));
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_PAID);

  /* The member retires in January: the paid dues are credited in full. */
  note = acr_invoice_new_credit_note (invoice, "2027-000777", d.later, &error);
  g_assert_no_error (error);
  g_assert_nonnull (note);
  g_assert_cmpint (acr_invoice_get_kind (note), ==, ACR_INVOICE_KIND_CREDIT_NOTE);
  g_assert_cmpstr (acr_invoice_get_number (note), ==, "2027-000777");
  g_assert_cmpstr (acr_invoice_get_reference_number (note), ==, "2027-000001");
  g_assert_cmpstr (acr_invoice_get_member_name (note), ==, "Ann Example");
  g_assert_cmpint (acr_invoice_get_total_cents (note), ==, -60000);

  lines = acr_invoice_get_lines (invoice);
  note_lines = acr_invoice_get_lines (note);
  g_assert_cmpuint (g_list_model_get_n_items (note_lines), ==, g_list_model_get_n_items (lines));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) a = g_list_model_get_item (lines, i);
      g_autoptr (AcrDuesLine) b = g_list_model_get_item (note_lines, i);

      g_assert_cmpstr (acr_dues_line_get_code (a), ==, acr_dues_line_get_code (b));
      g_assert_cmpint (acr_dues_line_get_amount_cents (a), ==, -acr_dues_line_get_amount_cents (b));
    }

  /* The invoice now owes the member what they paid... */
  g_assert_cmpint (acr_invoice_get_credited_cents (invoice), ==, 60000);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, -60000);
  /* ...which the refund settles. */
  g_assert_true (refund (invoice, 60000, d.later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 0);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_REFUNDED);

  /* One full credit note per invoice; none can take payments. */
  {
    g_autoptr (AcrInvoice) again = acr_invoice_new_credit_note (invoice, "2027-000778", d.later, &error);

    g_assert_null (again);
    g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_ALREADY_CREDITED);
    g_clear_error (&error);
  }
  g_assert_false (pay (note, 100, d.later, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_NOT_PAYABLE);

  dates_clear (&d);
}

static void
test_invoice_credit_note_cancels_unpaid_invoice (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrInvoice) note = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  note = acr_invoice_new_credit_note (invoice, "2027-000002", d.later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_balance_cents (invoice), ==, 0);
  g_assert_cmpint (acr_invoice_get_status (invoice), ==, ACR_INVOICE_STATUS_VOID);
  g_assert_false (pay (invoice, 100, d.later, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_OVERPAYMENT);

  dates_clear (&d);
}

static void
test_invoice_receipt_repeats_payments (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (AcrInvoice) receipt = NULL;
  Dates d;

  dates_init (&d);
  invoice = new_invoice (&d);
  receipt = acr_invoice_new_receipt (invoice, d.later, &error);
  g_assert_null (receipt);
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (pay (invoice, 60000, d.issued, NULL));
  receipt = acr_invoice_new_receipt (invoice, d.later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_kind (receipt), ==, ACR_INVOICE_KIND_RECEIPT);
  g_assert_cmpstr (acr_invoice_get_number (receipt), ==, "2027-000001");
  g_assert_cmpint (acr_invoice_get_paid_cents (receipt), ==, 60000);
  g_assert_cmpint (acr_invoice_get_balance_cents (receipt), ==, 0);
  g_assert_cmpint (acr_invoice_get_status (receipt), ==, ACR_INVOICE_STATUS_PAID);
  g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_payments (receipt)), ==, 1);

  dates_clear (&d);
}

static void
test_invoice_from_quote_freezes_the_quote_lines (void)
{
  g_autoptr (AcrDuesQuote) quote = quote_on (MILITARY_GENERAL, 2027, "2026-11-26");
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrInvoice) invoice = NULL;
  GListModel *quote_lines = acr_dues_quote_get_lines (quote);
  GListModel *lines;
  guint n = 0;
  Dates d;
  AcrInvoiceInfo info = { .number = "2027-000321", .member_number = "1000321", .member_name = "Lee Example",
                          .year = 2027 };

  dates_init (&d);
  info.issued_on = d.issued;
  info.due_on = d.due;

  invoice = acr_invoice_new_from_quote (&info, quote, &error);
  g_assert_no_error (error);
  g_assert_cmpint (acr_invoice_get_total_cents (invoice), ==, acr_dues_quote_get_total_cents (quote));
  g_assert_cmpint (acr_invoice_get_placeholder (invoice), ==, acr_dues_quote_get_placeholder (quote));
  g_assert_true (acr_invoice_get_placeholder (invoice));

  /* Every line with an amount, in order, as quoted. */
  lines = acr_invoice_get_lines (invoice);
  for (guint i = 0; i < g_list_model_get_n_items (quote_lines); i++)
    {
      g_autoptr (AcrDuesLine) quoted = g_list_model_get_item (quote_lines, i);
      g_autoptr (AcrDuesLine) line = NULL;

      if (acr_dues_line_get_amount_cents (quoted) == 0)
        continue;

      line = g_list_model_get_item (lines, n++);
      g_assert_cmpstr (acr_dues_line_get_code (line), ==, acr_dues_line_get_code (quoted));
      g_assert_cmpint (acr_dues_line_get_amount_cents (line), ==, acr_dues_line_get_amount_cents (quoted));
      g_assert_cmpint (acr_dues_line_get_placeholder (line), ==, acr_dues_line_get_placeholder (quoted));
      g_assert_true (g_str_has_prefix (acr_dues_line_get_description (quoted), acr_dues_line_get_description (line)));
      /* The staff remark on placeholder amounts is not for the member. */
      g_assert_null (strstr (acr_dues_line_get_description (line), "placeholder amount"));
    }
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (lines));
  g_assert_cmpuint (n, >=, 3);  /* national, military discount, chapter */
  g_assert_nonnull (acr_dues_quote_find_line (quote, "military-discount"));

  /* A frozen copy: the quote can go, the invoice keeps its lines. */
  g_clear_object (&quote);
  g_assert_cmpuint (g_list_model_get_n_items (acr_invoice_get_lines (invoice)), ==, n);

  dates_clear (&d);
}

static void
test_invoice_from_quote_refuses_what_bills_nothing (void)
{
  /* In training on January 1, 2026: a free category. */
  g_autoptr (AcrDuesQuote) free_year = quote_on (
    "{'profession': 'physician', 'discipline': 'radiology', 'certifications': [], 'country': 'US', 'region': 'VA',"
    " 'training': {'stage': 'residency', 'approved': true, 'country': 'US', 'end': '2027-06-30'}}",
    2026, "2025-11-26");
  g_autoptr (AcrDuesQuote) quote = quote_on (MILITARY_GENERAL, 2027, "2026-11-26");
  g_autoptr (GError) error = NULL;
  Dates d;
  AcrInvoiceInfo info = { .number = "2026-000001", .member_number = "1", .member_name = "A", .year = 2026 };

  dates_init (&d);
  info.issued_on = d.issued;
  info.due_on = d.due;

  g_assert_nonnull (acr_dues_quote_get_reason (free_year));
  g_assert_null (acr_invoice_new_from_quote (&info, free_year, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not billable"));
  g_clear_error (&error);

  /* The quote of another year. */
  g_assert_null (acr_invoice_new_from_quote (&info, quote, &error));
  g_assert_error (error, ACR_INVOICE_ERROR, ACR_INVOICE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2027"));

  dates_clear (&d);
}

static void
test_invoice_names_of_kinds_statuses_methods (void)
{
  AcrInvoiceStatus status;
  AcrInvoiceKind kind;
  AcrPaymentMethod method;

  g_assert_cmpstr (acr_invoice_status_to_string (ACR_INVOICE_STATUS_PARTIALLY_PAID), ==, "partially-paid");
  g_assert_true (acr_invoice_status_from_string ("refunded", &status));
  g_assert_cmpint (status, ==, ACR_INVOICE_STATUS_REFUNDED);
  g_assert_false (acr_invoice_status_from_string ("closed", &status));
  g_assert_cmpstr (acr_invoice_kind_to_string (ACR_INVOICE_KIND_CREDIT_NOTE), ==, "credit-note");
  g_assert_true (acr_invoice_kind_from_string ("receipt", &kind));
  g_assert_cmpint (kind, ==, ACR_INVOICE_KIND_RECEIPT);
  g_assert_true (acr_payment_method_from_string ("bank-transfer", &method));
  g_assert_cmpint (method, ==, ACR_PAYMENT_METHOD_BANK_TRANSFER);
  g_assert_false (acr_payment_method_from_string ("cash", &method));
  g_assert_cmpstr (acr_payment_method_to_string (ACR_PAYMENT_METHOD_CHECK), ==, "check");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/invoice/number-format-and-parse", test_invoice_number_format_and_parse);
  g_test_add_func ("/acr/invoice/lines-sum-to-total", test_invoice_lines_sum_to_total);
  g_test_add_func ("/acr/invoice/total-overflow-refused", test_invoice_total_overflow_refused);
  g_test_add_func ("/acr/invoice/bad-header-refused", test_invoice_bad_header_refused);
  g_test_add_func ("/acr/invoice/header-is-a-copy-as-at-issue", test_invoice_header_is_a_copy);
  g_test_add_func ("/acr/invoice/partial-then-full-payment", test_invoice_partial_then_full_payment);
  g_test_add_func ("/acr/invoice/overpayment-refused", test_invoice_overpayment_refused);
  g_test_add_func ("/acr/invoice/payment-must-be-positive", test_invoice_payment_must_be_positive);
  g_test_add_func ("/acr/invoice/void-refused-until-refunded", test_invoice_void_refused_until_refunded);
  g_test_add_func ("/acr/invoice/void-open-invoice", test_invoice_void_open_invoice);
  g_test_add_func ("/acr/invoice/refund-more-than-paid-refused", test_invoice_refund_more_than_paid_refused);
  g_test_add_func ("/acr/invoice/credit-note-for-full-amount", test_invoice_credit_note_for_full_amount);
  g_test_add_func ("/acr/invoice/credit-note-cancels-unpaid-invoice", test_invoice_credit_note_cancels_unpaid_invoice);
  g_test_add_func ("/acr/invoice/receipt-repeats-payments", test_invoice_receipt_repeats_payments);
  g_test_add_func ("/acr/invoice/from-quote-freezes-the-quote-lines", test_invoice_from_quote_freezes_the_quote_lines);
  g_test_add_func ("/acr/invoice/from-quote-refuses-what-bills-nothing", test_invoice_from_quote_refuses_what_bills_nothing);
  g_test_add_func ("/acr/invoice/names-of-kinds-statuses-methods", test_invoice_names_of_kinds_statuses_methods);

  return g_test_run ();
}
