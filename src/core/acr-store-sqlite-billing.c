#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-person.h"
#include "acr-store.h"
#include "acr-store-sqlite-private.h"

/*
 * The invoices of the SQLite engine: schema step 4 and the billing entries
 * of AcrStoreBackend. AcrBilling decides (the rules, the money rules of
 * AcrInvoice); this file only writes and reads, and the schema refuses what
 * must never happen even if a bug or a hand-written query tried it.
 */

/*
 * Schema step 5.
 *
 * invoice_counters holds the last number taken in each numbering year. It
 * only ever steps by one (a trigger), and a document may only be inserted
 * with the number just taken (another trigger); both happen in the
 * transaction that writes the document, so a crash or a rollback gives the
 * number back and the series stays gapless and unique.
 *
 * An issued document is never edited: its header columns and its lines
 * refuse UPDATE and DELETE; only the state columns (status, paid_cents,
 * refunded_cents, credited_cents, voided, void_reason) change, and voided
 * never goes back to 0. Lines are accepted only while the document is being
 * written (n_lines of them, in order) and the last one must bring their sum
 * to the total. Payments are append-only.
 *
 * A member has at most one standing invoice per membership year: one that
 * is neither voided nor credited in full.
 */
const char _acr_store_sqlite_billing_schema[] =
  "CREATE TABLE invoice_counters ("
  "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1 AND 9999),"
  "  last INTEGER NOT NULL CHECK (last BETWEEN 1 AND 999999)"
  ");"
  "CREATE TRIGGER invoice_counters_start BEFORE INSERT ON invoice_counters WHEN NEW.last <> 1"
  "  BEGIN SELECT RAISE (ABORT, 'an invoice number series starts at 1'); END;"
  "CREATE TRIGGER invoice_counters_step BEFORE UPDATE ON invoice_counters"
  "  WHEN NEW.year <> OLD.year OR NEW.last <> OLD.last + 1"
  "  BEGIN SELECT RAISE (ABORT, 'invoice numbers are taken one at a time, never skipped or reused'); END;"
  "CREATE TRIGGER invoice_counters_no_delete BEFORE DELETE ON invoice_counters"
  "  BEGIN SELECT RAISE (ABORT, 'invoice numbers are never reused'); END;"
  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  series INTEGER NOT NULL,"
  "  sequence INTEGER NOT NULL CHECK (sequence BETWEEN 1 AND 999999),"
  "  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note', 'receipt')),"
  "  reference_id INTEGER REFERENCES invoices (id),"
  "  member_id INTEGER NOT NULL REFERENCES members (id),"
  "  member_number TEXT NOT NULL,"
  "  year INTEGER NOT NULL,"
  "  category TEXT,"
  "  issued_on TEXT NOT NULL,"
  "  due_on TEXT,"
  "  currency TEXT NOT NULL,"
  "  total_cents INTEGER NOT NULL,"
  "  placeholder INTEGER NOT NULL DEFAULT 0 CHECK (placeholder IN (0, 1)),"
  "  n_lines INTEGER NOT NULL CHECK (n_lines >= 1),"
  "  member_name TEXT NOT NULL,"
  "  address TEXT, city TEXT, region TEXT, postal_code TEXT, country TEXT,"
  "  language TEXT NOT NULL CHECK (language IN ('en', 'fr')),"
  "  issued_at TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('open', 'paid', 'partially-paid', 'void', 'refunded')),"
  "  paid_cents INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),"
  "  refunded_cents INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),"
  "  credited_cents INTEGER NOT NULL DEFAULT 0 CHECK (credited_cents >= 0),"
  "  voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),"
  "  void_reason TEXT,"
  "  UNIQUE (series, sequence),"
  "  CHECK (number = printf ('%04d-%06d', series, sequence)),"
  "  CHECK ((kind = 'invoice') = (reference_id IS NULL)),"
  "  CHECK (kind <> 'invoice' OR (total_cents > 0 AND due_on IS NOT NULL))"
  ");"
  "CREATE UNIQUE INDEX invoices_standing_per_member_year ON invoices (member_id, year)"
  "  WHERE kind = 'invoice' AND voided = 0 AND credited_cents < total_cents;"
  "CREATE INDEX invoices_by_member ON invoices (member_id, year);"
  "CREATE INDEX invoices_by_year ON invoices (year, kind);"
  "CREATE INDEX invoices_by_reference ON invoices (reference_id) WHERE reference_id IS NOT NULL;"
  "CREATE TRIGGER invoices_number_from_counter BEFORE INSERT ON invoices"
  "  WHEN NEW.sequence IS NOT (SELECT last FROM invoice_counters WHERE year = NEW.series)"
  "  BEGIN SELECT RAISE (ABORT, 'an invoice number must be the one just taken from its year''s counter'); END;"
  "CREATE TRIGGER invoices_frozen BEFORE UPDATE OF number, series, sequence, kind, reference_id, member_id,"
  "  member_number, year, category, issued_on, due_on, currency, total_cents, placeholder, n_lines, member_name,"
  "  address, city, region, postal_code, country, language, issued_at ON invoices"
  "  BEGIN SELECT RAISE (ABORT, 'an issued invoice is never edited; void it or issue a credit note'); END;"
  "CREATE TRIGGER invoices_void_is_final BEFORE UPDATE OF voided ON invoices WHEN OLD.voided = 1 AND NEW.voided = 0"
  "  BEGIN SELECT RAISE (ABORT, 'a void invoice stays void'); END;"
  "CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices"
  "  BEGIN SELECT RAISE (ABORT, 'issued invoices are never deleted; void them'); END;"
  "CREATE TABLE invoice_lines ("
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  position INTEGER NOT NULL,"
  "  code TEXT NOT NULL,"
  "  description TEXT NOT NULL,"
  "  amount_cents INTEGER NOT NULL,"
  "  placeholder INTEGER NOT NULL DEFAULT 0 CHECK (placeholder IN (0, 1)),"
  "  PRIMARY KEY (invoice_id, position)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER invoice_lines_at_issue BEFORE INSERT ON invoice_lines"
  "  WHEN NEW.position IS NOT (SELECT count (*) FROM invoice_lines WHERE invoice_id = NEW.invoice_id)"
  "    OR NEW.position >= (SELECT n_lines FROM invoices WHERE id = NEW.invoice_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the lines of an issued invoice are fixed at issue'); END;"
  "CREATE TRIGGER invoice_lines_add_up BEFORE INSERT ON invoice_lines"
  "  WHEN NEW.position = (SELECT n_lines FROM invoices WHERE id = NEW.invoice_id) - 1"
  "    AND NEW.amount_cents + (SELECT coalesce (sum (amount_cents), 0) FROM invoice_lines WHERE invoice_id = NEW.invoice_id)"
  "        <> (SELECT total_cents FROM invoices WHERE id = NEW.invoice_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the lines of an invoice must add up to its total'); END;"
  "CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines"
  "  BEGIN SELECT RAISE (ABORT, 'the lines of an issued invoice are never edited'); END;"
  "CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines"
  "  BEGIN SELECT RAISE (ABORT, 'the lines of an issued invoice are never edited'); END;"
  "CREATE TABLE invoice_payments ("
  "  id INTEGER PRIMARY KEY,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),"
  "  paid_on TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('check', 'card', 'bank-transfer')),"
  "  reference TEXT,"
  "  recorded_at TEXT NOT NULL"
  ");"
  "CREATE INDEX invoice_payments_by_invoice ON invoice_payments (invoice_id, id);"
  "CREATE TRIGGER invoice_payments_no_update BEFORE UPDATE ON invoice_payments"
  "  BEGIN SELECT RAISE (ABORT, 'payments are append-only; record a refund instead'); END;"
  "CREATE TRIGGER invoice_payments_no_delete BEFORE DELETE ON invoice_payments"
  "  BEGIN SELECT RAISE (ABORT, 'payments are append-only; record a refund instead'); END;";

/*
 * Schema step 6: the state of an invoice follows from what was recorded.
 * Money held is the sum of its payments and refunds, the credit the sum of
 * its credit notes, the status what AcrInvoice derives from them (see
 * acr_invoice_get_status ()), and an invoice holding money cannot be
 * voided: a hand-written UPDATE cannot mark an invoice paid or void.
 */
const char _acr_store_sqlite_billing_schema_6[] =
  "CREATE TRIGGER invoices_money_from_payments BEFORE UPDATE OF paid_cents, refunded_cents ON invoices"
  "  WHEN NEW.paid_cents IS NOT (SELECT coalesce (sum (amount_cents), 0) FROM invoice_payments WHERE invoice_id = NEW.id)"
  "    OR NEW.refunded_cents IS NOT (SELECT coalesce (-sum (amount_cents), 0) FROM invoice_payments"
  "                                  WHERE invoice_id = NEW.id AND amount_cents < 0)"
  "  BEGIN SELECT RAISE (ABORT, 'the money on an invoice changes only with its payments and refunds'); END;"
  "CREATE TRIGGER invoices_credit_from_notes BEFORE UPDATE OF credited_cents ON invoices"
  "  WHEN NEW.credited_cents IS NOT (SELECT coalesce (-sum (total_cents), 0) FROM invoices"
  "                                  WHERE reference_id = NEW.id AND kind = 'credit-note')"
  "  BEGIN SELECT RAISE (ABORT, 'an invoice is credited only by its credit notes'); END;"
  "CREATE TRIGGER invoices_void_without_money BEFORE UPDATE OF voided ON invoices"
  "  WHEN NEW.voided = 1 AND NEW.paid_cents > 0"
  "  BEGIN SELECT RAISE (ABORT, 'an invoice holding payments cannot be voided; refund them first'); END;"
  "CREATE TRIGGER invoices_status_follows_money BEFORE UPDATE OF status ON invoices"
  "  WHEN NEW.status IS NOT (CASE"
  "    WHEN NEW.voided = 1 THEN 'void'"
  "    WHEN NEW.refunded_cents > 0 AND NEW.paid_cents = 0 THEN 'refunded'"
  "    WHEN NEW.paid_cents > 0 AND NEW.total_cents - NEW.credited_cents - NEW.paid_cents <= 0 THEN 'paid'"
  "    WHEN NEW.paid_cents > 0 THEN 'partially-paid'"
  "    WHEN NEW.credited_cents <> 0 AND NEW.credited_cents >= NEW.total_cents THEN 'void'"
  "    ELSE 'open' END)"
  "  BEGIN SELECT RAISE (ABORT, 'the status of an invoice follows from its payments, credit notes and void'); END;";

static void
bind_text (AcrStoreSqlite *self,
           sqlite3_stmt   *stmt,
           int             index,
           const char     *text)
{
  _acr_store_sqlite_bind_text (self, stmt, index, text, NULL);
}

static void
bind_int64 (AcrStoreSqlite *self,
            sqlite3_stmt   *stmt,
            int             index,
            gint64          value)
{
  _acr_store_sqlite_bind_int64 (self, stmt, index, value);
}

static char *
now_text (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
date_text (const GDate *date)
{
  return date != NULL && g_date_valid (date) ? acr_date_format_iso (date) : NULL;
}

static gboolean
read_sequence (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  *(guint *) user_data = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static guint
sqlite_next_invoice_sequence (AcrStoreBackend  *backend,
                              int               year,
                              GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;
  guint sequence = 0;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO invoice_counters (year, last) VALUES (?1, 1)"
                                          " ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last", error);
  if (stmt == NULL)
    return 0;
  bind_int64 (self, stmt, 1, year);
  /* RETURNING needs the statement run to its end before the change is final. */
  if (!_acr_store_sqlite_each_row (self, stmt, read_sequence, &sequence, error))
    {
      if (error != NULL && *error != NULL && strstr ((*error)->message, "CHECK") != NULL)
        {
          g_clear_error (error);
          g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                       _("the invoice numbers of %d are exhausted (six digits)"), year);
        }
      return 0;
    }
  return sequence;
}

static gboolean
sqlite_insert_invoice (AcrStoreBackend  *backend,
                       AcrInvoice       *invoice,
                       gint64            member_id,
                       const char       *category,
                       GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  GListModel *lines = acr_invoice_get_lines (invoice);
  guint n_lines = g_list_model_get_n_items (lines);
  g_autofree char *address = NULL;
  g_autofree char *issued_on = date_text (acr_invoice_get_issued_on (invoice));
  g_autofree char *due_on = date_text (acr_invoice_get_due_on (invoice));
  g_autofree char *issued_at = now_text ();
  const char * const *address_lines = acr_invoice_get_address_lines (invoice);
  sqlite3_stmt *stmt;
  gint64 invoice_id;
  int series;
  guint sequence;

  if (!acr_invoice_number_parse (acr_invoice_get_number (invoice), &series, &sequence))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("“%s” is not an invoice number"), acr_invoice_get_number (invoice));
      return FALSE;
    }
  if (address_lines != NULL && address_lines[0] != NULL)
    address = g_strjoinv ("\n", (char **) address_lines);

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO invoices (number, series, sequence, kind, reference_id, member_id,"
                                          " member_number, year, category, issued_on, due_on, currency, total_cents,"
                                          " placeholder, n_lines, member_name, address, city, region, postal_code, country,"
                                          " language, issued_at, status, paid_cents, refunded_cents, credited_cents)"
                                          " VALUES (?1, ?2, ?3, ?4, (SELECT id FROM invoices WHERE number = ?5), ?6, ?7, ?8,"
                                          " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,"
                                          " ?25, ?26, ?27)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, acr_invoice_get_number (invoice));
  bind_int64 (self, stmt, 2, series);
  bind_int64 (self, stmt, 3, sequence);
  bind_text (self, stmt, 4, acr_invoice_kind_to_string (acr_invoice_get_kind (invoice)));
  bind_text (self, stmt, 5, acr_invoice_get_reference_number (invoice));
  bind_int64 (self, stmt, 6, member_id);
  bind_text (self, stmt, 7, acr_invoice_get_member_number (invoice));
  bind_int64 (self, stmt, 8, acr_invoice_get_year (invoice));
  bind_text (self, stmt, 9, category);
  bind_text (self, stmt, 10, issued_on);
  bind_text (self, stmt, 11, due_on);
  bind_text (self, stmt, 12, acr_invoice_get_currency (invoice));
  bind_int64 (self, stmt, 13, acr_invoice_get_total_cents (invoice));
  bind_int64 (self, stmt, 14, acr_invoice_get_placeholder (invoice));
  bind_int64 (self, stmt, 15, n_lines);
  _acr_store_sqlite_bind_text (self, stmt, 16, acr_invoice_get_member_name (invoice), "member_name");
  _acr_store_sqlite_bind_text (self, stmt, 17, address, "address");
  bind_text (self, stmt, 18, acr_invoice_get_city (invoice));
  bind_text (self, stmt, 19, acr_invoice_get_region (invoice));
  bind_text (self, stmt, 20, acr_invoice_get_postal_code (invoice));
  bind_text (self, stmt, 21, acr_invoice_get_country (invoice));
  bind_text (self, stmt, 22, acr_invoice_get_language (invoice));
  bind_text (self, stmt, 23, issued_at);
  bind_text (self, stmt, 24, acr_invoice_status_to_string (acr_invoice_get_status (invoice)));
  bind_int64 (self, stmt, 25, acr_invoice_get_paid_cents (invoice));
  bind_int64 (self, stmt, 26, acr_invoice_get_refunded_cents (invoice));
  bind_int64 (self, stmt, 27, acr_invoice_get_credited_cents (invoice));
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  invoice_id = sqlite3_last_insert_rowid (_acr_store_sqlite_get_db (self));

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO invoice_lines (invoice_id, position, code, description,"
                                          " amount_cents, placeholder) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

      bind_int64 (self, stmt, 1, invoice_id);
      bind_int64 (self, stmt, 2, i);
      bind_text (self, stmt, 3, acr_dues_line_get_code (line));
      bind_text (self, stmt, 4, acr_dues_line_get_description (line));
      bind_int64 (self, stmt, 5, acr_dues_line_get_amount_cents (line));
      bind_int64 (self, stmt, 6, acr_dues_line_get_placeholder (line));
      if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64  id;
  char   *number;
  char   *kind;
  char   *reference;
  char   *member_number;
  char   *member_name;
  char   *address;
  char   *city;
  char   *region;
  char   *postal_code;
  char   *country;
  char   *language;
  int     year;
  char   *issued_on;
  char   *due_on;
  gboolean voided;
  char   *void_reason;
} Header;

static void
header_clear (Header *h)
{
  g_free (h->number);
  g_free (h->kind);
  g_free (h->reference);
  g_free (h->member_number);
  g_free (h->member_name);
  g_free (h->address);
  g_free (h->city);
  g_free (h->region);
  g_free (h->postal_code);
  g_free (h->country);
  g_free (h->language);
  g_free (h->issued_on);
  g_free (h->due_on);
  g_free (h->void_reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Header, header_clear)

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
read_header (AcrStoreSqlite  *self,
             const char      *number,
             Header          *h,
             GError         **error)
{
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  int rc;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT i.id, i.number, i.kind, r.number, i.member_number, i.member_name,"
                                          " i.address, i.city, i.region, i.postal_code, i.country, i.language, i.year,"
                                          " i.issued_on, i.due_on, i.voided, i.void_reason"
                                          " FROM invoices i LEFT JOIN invoices r ON r.id = i.reference_id"
                                          " WHERE i.number = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, number);
  rc = _acr_store_sqlite_step (self, stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND, _("no invoice number %s"), number);
      else
        _acr_store_sqlite_set_error (self, rc, error);
      return FALSE;
    }
  h->id = sqlite3_column_int64 (stmt, 0);
  h->number = dup_column (stmt, 1);
  h->kind = dup_column (stmt, 2);
  h->reference = dup_column (stmt, 3);
  h->member_number = dup_column (stmt, 4);
  h->member_name = dup_column (stmt, 5);
  h->address = dup_column (stmt, 6);
  h->city = dup_column (stmt, 7);
  h->region = dup_column (stmt, 8);
  h->postal_code = dup_column (stmt, 9);
  h->country = dup_column (stmt, 10);
  h->language = dup_column (stmt, 11);
  h->year = sqlite3_column_int (stmt, 12);
  h->issued_on = dup_column (stmt, 13);
  h->due_on = dup_column (stmt, 14);
  h->voided = sqlite3_column_int (stmt, 15) != 0;
  h->void_reason = dup_column (stmt, 16);
  return TRUE;
}

static gboolean
corrupt (AcrStoreSqlite  *self,
         const char      *number,
         GError         **error)
{
  g_autofree char *message = g_strdup (error != NULL && *error != NULL ? (*error)->message : "");

  g_clear_error (error);
  g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
               _("%s: invoice %s as stored does not hold together: %s"),
               ACR_STORE_BACKEND_GET_IFACE (self)->get_location (ACR_STORE_BACKEND (self)), number, message);
  return FALSE;
}

static gboolean
add_line_row (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  g_ptr_array_add (user_data, acr_dues_line_new ((const char *) sqlite3_column_text (stmt, 0),
                                                 (const char *) sqlite3_column_text (stmt, 1),
                                                 sqlite3_column_int64 (stmt, 2),
                                                 sqlite3_column_int (stmt, 3) != 0));
  return TRUE;
}

typedef struct
{
  GPtrArray  *payments;
  const char *number;  /* of the invoice, for the error */
} PaymentRows;

static gboolean
add_payment_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  PaymentRows *rows = user_data;
  AcrPaymentMethod method;
  GDate date;

  g_date_clear (&date, 1);
  if (!acr_payment_method_from_string ((const char *) sqlite3_column_text (stmt, 2), &method) ||
      !acr_date_parse_iso ((const char *) sqlite3_column_text (stmt, 1), &date))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT, _("invoice %s: a bad payment"), rows->number);
      return FALSE;
    }
  g_ptr_array_add (rows->payments, acr_payment_new (sqlite3_column_int64 (stmt, 0), &date, method,
                                                    (const char *) sqlite3_column_text (stmt, 3)));
  return TRUE;
}

/* Reads a document with its lines and payments; a credit note applies to nothing here. */
static AcrInvoice *
load_document (AcrStoreSqlite  *self,
               const char      *number,
               Header          *h,
               GError         **error)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) payments = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (AcrInvoice) invoice = NULL;
  g_auto (GStrv) address_lines = NULL;
  AcrInvoiceInfo info = { 0 };
  PaymentRows payment_rows = { payments, number };
  GDate issued_on, due_on;
  sqlite3_stmt *stmt;

  if (!read_header (self, number, h, error))
    return NULL;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT code, description, amount_cents, placeholder FROM invoice_lines"
                                          " WHERE invoice_id = ?1 ORDER BY position", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, h->id);
  if (!_acr_store_sqlite_each_row (self, stmt, add_line_row, lines, error))
    return NULL;

  g_date_clear (&issued_on, 1);
  g_date_clear (&due_on, 1);
  if (!acr_invoice_kind_from_string (h->kind, &info.kind) ||
      !acr_date_parse_iso (h->issued_on, &issued_on) ||
      (h->due_on != NULL && !acr_date_parse_iso (h->due_on, &due_on)))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT, _("invoice %s: a bad kind or date"), number);
      return NULL;
    }
  if (h->address != NULL)
    address_lines = g_strsplit (h->address, "\n", -1);
  info.number = h->number;
  info.reference_number = h->reference;
  info.member_number = h->member_number;
  info.member_name = h->member_name;
  info.address_lines = (const char * const *) address_lines;
  info.city = h->city;
  info.region = h->region;
  info.postal_code = h->postal_code;
  info.country = h->country;
  info.language = h->language;
  info.year = h->year;
  info.issued_on = &issued_on;
  info.due_on = h->due_on != NULL ? &due_on : NULL;

  invoice = acr_invoice_new (&info, (AcrDuesLine * const *) lines->pdata, lines->len, error);
  if (invoice == NULL)
    return NULL;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT amount_cents, paid_on, method, reference FROM invoice_payments"
                                          " WHERE invoice_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, h->id);
  if (!_acr_store_sqlite_each_row (self, stmt, add_payment_row, &payment_rows, error))
    return NULL;

  /* Replayed through the money rules: what was accepted once is accepted again. */
  for (guint i = 0; i < payments->len; i++)
    {
      AcrPayment *payment = payments->pdata[i];
      gboolean ok = acr_payment_is_refund (payment) ? acr_invoice_add_refund (invoice, payment, error)
                                                    : acr_invoice_add_payment (invoice, payment, error);
      if (!ok)
        {
          corrupt (self, number, error);
          return NULL;
        }
    }

  return g_steal_pointer (&invoice);
}

/* Column 0, copied into a GPtrArray of strings. */
static gboolean
add_text_row (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  g_ptr_array_add (user_data, dup_column (stmt, 0));
  return TRUE;
}

static AcrInvoice *
sqlite_load_invoice (AcrStoreBackend  *backend,
                     const char       *number,
                     GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (Header) h = { 0 };
  g_autoptr (AcrInvoice) invoice = NULL;
  g_autoptr (GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  invoice = load_document (self, number, &h, error);
  if (invoice == NULL)
    return NULL;

  if (acr_invoice_get_kind (invoice) == ACR_INVOICE_KIND_INVOICE)
    {
      stmt = _acr_store_sqlite_get_statement (self,
                                              "SELECT number FROM invoices WHERE reference_id = ?1"
                                              " AND kind = 'credit-note' ORDER BY id", error);
      if (stmt == NULL)
        return NULL;
      bind_int64 (self, stmt, 1, h.id);
      if (!_acr_store_sqlite_each_row (self, stmt, add_text_row, notes, error))
        return NULL;

      for (guint i = 0; i < notes->len; i++)
        {
          g_auto (Header) nh = { 0 };
          g_autoptr (AcrInvoice) note = load_document (self, notes->pdata[i], &nh, error);

          if (note == NULL)
            return NULL;
          if (!acr_invoice_apply_credit_note (invoice, note, error))
            {
              corrupt (self, number, error);
              return NULL;
            }
        }
    }

  if (h.voided && !acr_invoice_void (invoice, h.void_reason, error))
    {
      corrupt (self, number, error);
      return NULL;
    }

  return g_steal_pointer (&invoice);
}

static char **
sqlite_list_invoices (AcrStoreBackend         *backend,
                      const AcrInvoiceFilter  *filter,
                      GError                 **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT number FROM invoices WHERE (?1 = 0 OR year = ?1)"
                                          " AND (?2 = 0 OR member_id = (SELECT id FROM members WHERE number = ?2))"
                                          " AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR kind = ?4)"
                                          " ORDER BY series, sequence", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, filter ? filter->year : 0);
  bind_int64 (self, stmt, 2, filter ? filter->member_number : 0);
  bind_text (self, stmt, 3, filter ? filter->status : NULL);
  bind_text (self, stmt, 4, filter ? filter->kind : NULL);
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_add_text, builder, error))
    return NULL;
  return g_strv_builder_end (builder);
}

static gboolean
add_invoice_ref_row (sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  AcrInvoiceRef *ref = g_new0 (AcrInvoiceRef, 1);

  ref->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  ref->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  ref->postal_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_ptr_array_add (user_data, ref);
  return TRUE;
}

/* list_invoices () with what a batch export orders and names the documents by. */
static GPtrArray *
sqlite_list_invoice_refs (AcrStoreBackend         *backend,
                          const AcrInvoiceFilter  *filter,
                          GError                 **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) refs = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_invoice_ref_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT number, kind, postal_code FROM invoices WHERE (?1 = 0 OR year = ?1)"
                                          " AND (?2 = 0 OR member_id = (SELECT id FROM members WHERE number = ?2))"
                                          " AND (?3 IS NULL OR status = ?3) AND (?4 IS NULL OR kind = ?4)"
                                          " ORDER BY series, sequence", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, filter ? filter->year : 0);
  bind_int64 (self, stmt, 2, filter ? filter->member_number : 0);
  bind_text (self, stmt, 3, filter ? filter->status : NULL);
  bind_text (self, stmt, 4, filter ? filter->kind : NULL);
  if (!_acr_store_sqlite_each_row (self, stmt, add_invoice_ref_row, refs, error))
    return NULL;
  return g_steal_pointer (&refs);
}

static gboolean
sqlite_insert_payment (AcrStoreBackend  *backend,
                       const char       *number,
                       AcrPayment       *payment,
                       GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autofree char *paid_on = date_text (acr_payment_get_date (payment));
  g_autofree char *recorded_at = now_text ();
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO invoice_payments (invoice_id, amount_cents, paid_on, method,"
                                          " reference, recorded_at) VALUES ((SELECT id FROM invoices WHERE number = ?1),"
                                          " ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, number);
  bind_int64 (self, stmt, 2, acr_payment_get_amount_cents (payment));
  bind_text (self, stmt, 3, paid_on);
  bind_text (self, stmt, 4, acr_payment_method_to_string (acr_payment_get_method (payment)));
  _acr_store_sqlite_bind_text (self, stmt, 5, acr_payment_get_reference (payment), "reference");
  bind_text (self, stmt, 6, recorded_at);
  return _acr_store_sqlite_each_row (self, stmt, NULL, NULL, error);
}

static gboolean
sqlite_update_invoice_state (AcrStoreBackend  *backend,
                             AcrInvoice       *invoice,
                             GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  AcrInvoiceStatus status = acr_invoice_get_status (invoice);
  const char *void_reason = acr_invoice_get_void_reason (invoice);
  gboolean voided = status == ACR_INVOICE_STATUS_VOID && acr_invoice_get_balance_cents (invoice) == 0 &&
                    acr_invoice_get_credited_cents (invoice) < acr_invoice_get_total_cents (invoice);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "UPDATE invoices SET status = ?2, paid_cents = ?3, refunded_cents = ?4,"
                                          " credited_cents = ?5, voided = ?6, void_reason = ?7 WHERE number = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (self, stmt, 1, acr_invoice_get_number (invoice));
  bind_text (self, stmt, 2, acr_invoice_status_to_string (status));
  bind_int64 (self, stmt, 3, acr_invoice_get_paid_cents (invoice));
  bind_int64 (self, stmt, 4, acr_invoice_get_refunded_cents (invoice));
  bind_int64 (self, stmt, 5, acr_invoice_get_credited_cents (invoice));
  bind_int64 (self, stmt, 6, voided || void_reason != NULL);
  _acr_store_sqlite_bind_text (self, stmt, 7, void_reason, "reason");
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  if (sqlite3_changes (_acr_store_sqlite_get_db (self)) != 1)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                   _("no invoice number %s"), acr_invoice_get_number (invoice));
      return FALSE;
    }
  return TRUE;
}

/* The member ids that @sql (one parameter: the year) selects. */
static GArray *
list_member_ids_of_year (AcrStoreSqlite  *self,
                         const char      *sql,
                         int              year,
                         GError         **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self, sql, error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, year);
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_append_int64, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* The standing invoice's condition, the same as the index
 * invoices_standing_per_member_year. */
#define STANDING_INVOICE_OF_YEAR \
  "SELECT member_id FROM invoices WHERE year = ?1 AND kind = 'invoice'" \
  " AND voided = 0 AND credited_cents < total_cents"

static GArray *
sqlite_list_billed_members (AcrStoreBackend  *backend,
                            int               year,
                            GError          **error)
{
  return list_member_ids_of_year (ACR_STORE_SQLITE (backend), STANDING_INVOICE_OF_YEAR, year, error);
}

/* The members whose invoice for @year was voided or credited, and who hold no standing one. */
static GArray *
sqlite_list_cancelled_members (AcrStoreBackend  *backend,
                               int               year,
                               GError          **error)
{
  return list_member_ids_of_year (ACR_STORE_SQLITE (backend),
                                  "SELECT DISTINCT member_id FROM invoices WHERE year = ?1 AND kind = 'invoice'"
                                  " AND (voided <> 0 OR credited_cents >= total_cents)"
                                  " EXCEPT " STANDING_INVOICE_OF_YEAR,
                                  year, error);
}

/* The years whose numbering series has begun: the counters, one row per year. */
static GArray *
sqlite_list_invoice_years (AcrStoreBackend  *backend,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self, "SELECT year FROM invoice_counters ORDER BY year", error);
  if (stmt == NULL)
    return NULL;
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_append_int64, years, error))
    return NULL;
  return g_steal_pointer (&years);
}

/* What an invoice still owes, as AcrInvoice computes its balance (total
 * less credited less paid; negative when money is owed back). */
#define INVOICE_OWED "(total_cents - credited_cents - paid_cents)"

/* What a member owes over their invoices: nothing on a void one. */
#define MEMBER_BALANCE_SUM "sum (CASE WHEN voided THEN 0 ELSE " INVOICE_OWED " END)"

/* One member's balance in one query: the member list shows it on every visible row. */
static gboolean
sqlite_member_balance (AcrStoreBackend  *backend,
                       gint64            member_id,
                       gint64           *balance_cents,
                       GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  int rc;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT coalesce (" MEMBER_BALANCE_SUM ", 0)"
                                          " FROM invoices WHERE member_id = ?1 AND kind = 'invoice'", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (self, stmt, 1, member_id);
  rc = _acr_store_sqlite_step (self, stmt);
  if (rc != SQLITE_ROW)
    return _acr_store_sqlite_set_error (self, rc, error);
  *balance_cents = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
add_balance (sqlite3_stmt  *stmt,
             gpointer       user_data,
             GError       **error)
{
  gint64 balance = sqlite3_column_int64 (stmt, 1);

  g_hash_table_insert (user_data, GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 0)),
                       g_memdup2 (&balance, sizeof balance));
  return TRUE;
}

static GHashTable *
sqlite_member_balances (AcrStoreBackend  *backend,
                        GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GHashTable) balances = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT member_id, " MEMBER_BALANCE_SUM
                                          " FROM invoices WHERE kind = 'invoice' GROUP BY member_id", error);
  if (stmt == NULL)
    return NULL;
  if (!_acr_store_sqlite_each_row (self, stmt, add_balance, balances, error))
    return NULL;
  return g_steal_pointer (&balances);
}

static gboolean
add_receivables_row (sqlite3_stmt  *stmt,
                     gpointer       user_data,
                     GError       **error)
{
  AcrReceivablesRow *row = g_new0 (AcrReceivablesRow, 1);

  row->year = sqlite3_column_int (stmt, 0);
  row->category = dup_column (stmt, 1);
  row->n_invoices = sqlite3_column_int (stmt, 2);
  row->billed_cents = sqlite3_column_int64 (stmt, 3);
  row->credited_cents = sqlite3_column_int64 (stmt, 4);
  row->paid_cents = sqlite3_column_int64 (stmt, 5);
  row->outstanding_cents = sqlite3_column_int64 (stmt, 6);
  row->to_refund_cents = sqlite3_column_int64 (stmt, 7);
  g_ptr_array_add (user_data, row);
  return TRUE;
}

static GPtrArray *
sqlite_report_receivables (AcrStoreBackend  *backend,
                           int               year,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_receivables_row_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT year, coalesce (category, ''), count (*), sum (total_cents),"
                                          " sum (credited_cents), sum (paid_cents),"
                                          " sum (max (" INVOICE_OWED ", 0)),"
                                          " sum (max (paid_cents + credited_cents - total_cents, 0))"
                                          " FROM invoices WHERE kind = 'invoice' AND voided = 0 AND (?1 = 0 OR year = ?1)"
                                          " GROUP BY year, category ORDER BY year, category", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, year);
  if (!_acr_store_sqlite_each_row (self, stmt, add_receivables_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
add_chapter_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  AcrChapterRemittanceRow *row = g_new0 (AcrChapterRemittanceRow, 1);

  row->chapter = dup_column (stmt, 0);
  row->n_invoices = sqlite3_column_int (stmt, 1);
  row->billed_cents = sqlite3_column_int64 (stmt, 2);
  row->collected_cents = sqlite3_column_int64 (stmt, 3);
  g_ptr_array_add (user_data, row);
  return TRUE;
}

static GPtrArray *
sqlite_report_chapters (AcrStoreBackend  *backend,
                        int               year,
                        GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_chapter_remittance_row_free);
  sqlite3_stmt *stmt;

  /* Standing invoices only (credit notes cancel in full); paid ≤ total there, so the share is ≤ the line. */
  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT substr (l.code, 9) AS chapter, count (*), sum (l.amount_cents),"
                                          " sum (l.amount_cents * i.paid_cents / i.total_cents)"
                                          " FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                                          " WHERE i.kind = 'invoice' AND i.voided = 0 AND i.credited_cents = 0"
                                          " AND (?1 = 0 OR i.year = ?1) AND l.code GLOB 'chapter:*'"
                                          " GROUP BY chapter ORDER BY chapter", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, year);
  if (!_acr_store_sqlite_each_row (self, stmt, add_chapter_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
add_numbering_row (sqlite3_stmt  *stmt,
                   gpointer       user_data,
                   GError       **error)
{
  AcrNumberingRow *row = g_new0 (AcrNumberingRow, 1);
  guint top;

  row->year = sqlite3_column_int (stmt, 0);
  row->first_number = dup_column (stmt, 1);
  row->last_number = dup_column (stmt, 2);
  row->n_numbers = sqlite3_column_int (stmt, 3);
  row->n_distinct = sqlite3_column_int (stmt, 4);
  row->first_sequence = sqlite3_column_int (stmt, 5);
  row->last_sequence = sqlite3_column_int (stmt, 6);
  row->counter_last = sqlite3_column_int (stmt, 7);
  row->n_duplicates = row->n_numbers - row->n_distinct;
  /* Every number up to the counter must have been issued. */
  top = MAX (row->last_sequence, row->counter_last);
  row->n_missing = top > row->n_distinct ? top - row->n_distinct : 0;
  g_ptr_array_add (user_data, row);
  return TRUE;
}

static GPtrArray *
sqlite_report_numbering (AcrStoreBackend  *backend,
                         int               year,
                         GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_numbering_row_free);
  sqlite3_stmt *stmt;

  /* Counters with no document (possible only if a number was taken and the document lost) show too. */
  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT c.year, min (i.number), max (i.number), count (i.id),"
                                          " count (DISTINCT i.sequence), coalesce (min (i.sequence), 0),"
                                          " coalesce (max (i.sequence), 0), c.last"
                                          " FROM invoice_counters c LEFT JOIN invoices i ON i.series = c.year"
                                          " WHERE ?1 = 0 OR c.year = ?1 GROUP BY c.year ORDER BY c.year", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (self, stmt, 1, year);
  if (!_acr_store_sqlite_each_row (self, stmt, add_numbering_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
add_ageing_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  AcrAgeingRow *row = g_new0 (AcrAgeingRow, 1);

  row->bucket = CLAMP (sqlite3_column_int (stmt, 0), ACR_AGEING_CURRENT, ACR_AGEING_90);
  row->n_invoices = sqlite3_column_int (stmt, 1);
  row->outstanding_cents = sqlite3_column_int64 (stmt, 2);
  g_ptr_array_add (user_data, row);
  return TRUE;
}

/* Owed as the receivables report counts it (billed less credited less paid),
 * by whole days from the issue date to @on. */
static GPtrArray *
sqlite_report_ageing (AcrStoreBackend  *backend,
                      const char       *on,
                      int               year,
                      GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT CASE WHEN age < 30 THEN 0 WHEN age < 60 THEN 1 WHEN age < 90 THEN 2 ELSE 3 END"
                                          " AS bucket, count (*), sum (owed) FROM"
                                          " (SELECT CAST (julianday (?1) - julianday (issued_on) AS INTEGER) AS age,"
                                          "  " INVOICE_OWED " AS owed"
                                          "  FROM invoices WHERE kind = 'invoice' AND voided = 0 AND issued_on <= ?1"
                                          "  AND (?2 = 0 OR year = ?2) AND " INVOICE_OWED " > 0)"
                                          " GROUP BY bucket ORDER BY bucket", error);
  if (stmt == NULL)
    return NULL;
  bind_text (self, stmt, 1, on);
  bind_int64 (self, stmt, 2, year);
  if (!_acr_store_sqlite_each_row (self, stmt, add_ageing_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
add_membership_row (sqlite3_stmt  *stmt,
                    gpointer       user_data,
                    GError       **error)
{
  AcrMembershipRow *row = g_new0 (AcrMembershipRow, 1);

  row->category = dup_column (stmt, 0);
  row->status = dup_column (stmt, 1);
  row->n_members = sqlite3_column_int (stmt, 2);
  g_ptr_array_add (user_data, row);
  return TRUE;
}

static GPtrArray *
sqlite_report_membership (AcrStoreBackend  *backend,
                          GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_membership_row_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT coalesce (category, ''), status, count (*) FROM members"
                                          " GROUP BY 1, 2 ORDER BY 1, 2", error);
  if (stmt == NULL)
    return NULL;
  if (!_acr_store_sqlite_each_row (self, stmt, add_membership_row, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

void
_acr_store_sqlite_billing_init (AcrStoreBackendInterface *iface)
{
  iface->next_invoice_sequence = sqlite_next_invoice_sequence;
  iface->insert_invoice = sqlite_insert_invoice;
  iface->load_invoice = sqlite_load_invoice;
  iface->list_invoices = sqlite_list_invoices;
  iface->list_invoice_refs = sqlite_list_invoice_refs;
  iface->insert_payment = sqlite_insert_payment;
  iface->update_invoice_state = sqlite_update_invoice_state;
  iface->list_billed_members = sqlite_list_billed_members;
  iface->list_cancelled_members = sqlite_list_cancelled_members;
  iface->report_receivables = sqlite_report_receivables;
  iface->report_ageing = sqlite_report_ageing;
  iface->report_membership = sqlite_report_membership;
  iface->report_chapters = sqlite_report_chapters;
  iface->report_numbering = sqlite_report_numbering;
  iface->member_balance = sqlite_member_balance;
  iface->list_invoice_years = sqlite_list_invoice_years;
  iface->member_balances = sqlite_member_balances;
}
