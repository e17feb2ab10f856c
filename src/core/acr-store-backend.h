#pragma once

#include <gio/gio.h>

#include "acr-billing-report.h"
#include "acr-invoice.h"
#include "acr-member.h"
#include "acr-member-change.h"
#include "acr-search-index.h"

G_BEGIN_DECLS

/*
 * AcrStoreBackend: the engine under AcrStore. It only persists and reads;
 * AcrStore decides (validation, history, folding, the search index). All the
 * SQL of an engine lives in its implementation (AcrStoreSqlite today; a
 * PostgreSQL engine for shared workstations can be added beside it).
 *
 * Writes happen between begin () and commit (); rollback () undoes them.
 * Errors are ACR_STORE_ERROR.
 */

#define ACR_TYPE_STORE_BACKEND (acr_store_backend_get_type ())

G_DECLARE_INTERFACE (AcrStoreBackend, acr_store_backend, ACR, STORE_BACKEND, GObject)

typedef enum
{
  ACR_STORE_ORDER_GIVEN_NAME,   /* given_key, family_key, number */
  ACR_STORE_ORDER_EMAIL,
  ACR_STORE_ORDER_POSTAL,
  ACR_STORE_ORDER_NPI,          /* only members with an NPI */
} AcrStoreOrder;

/* Which invoices to list (billing); 0 and NULL mean any. */
typedef struct
{
  int         year;           /* membership year */
  guint       member_number;
  const char *status;         /* "open", "paid", … */
  const char *kind;           /* "invoice", "credit-note", "receipt" */
} AcrInvoiceFilter;

/* What a batch export needs of a document to order and name it, without loading it. */
typedef struct
{
  char *number;
  char *kind;         /* "invoice", "credit-note", "receipt" */
  char *postal_code;  /* NULL when none */
} AcrInvoiceRef;

void acr_invoice_ref_free (AcrInvoiceRef *ref);

/* Called for each member acr_store_foreach_member () reads; FALSE with @error set stops. */
typedef gboolean (*AcrStoreMemberFunc) (AcrMember  *member,
                                        gpointer    user_data,
                                        GError    **error);

/* Called for each member in family-name order (family_key, given_key, number). */
typedef void (*AcrStoreScanFunc) (const AcrSearchKeys *keys,
                                  gpointer             user_data);

struct _AcrStoreBackendInterface
{
  GTypeInterface parent_iface;

  const char *(*get_location)       (AcrStoreBackend        *self);
  gboolean    (*begin)              (AcrStoreBackend        *self,
                                     GError                **error);
  gboolean    (*commit)             (AcrStoreBackend        *self,
                                     GError                **error);
  void        (*rollback)           (AcrStoreBackend        *self);
  /* A hint, inside a transaction: it will write many rows (an import, sample data). */
  void        (*set_bulk)           (AcrStoreBackend        *self);

  guint       (*next_member_number) (AcrStoreBackend        *self,
                                     GError                **error);
  gboolean    (*insert_member)      (AcrStoreBackend        *self,
                                     AcrMember              *member,
                                     const AcrSearchKeys    *keys,
                                     GError                **error);
  gboolean    (*update_member)      (AcrStoreBackend        *self,
                                     AcrMember              *member,
                                     const AcrSearchKeys    *keys,
                                     gint64                  from_revision,
                                     GError                **error);
  AcrMember  *(*load_member)         (AcrStoreBackend        *self,
                                     gint64                  id,
                                     guint                   number,
                                     GError                **error);
  gint64      (*find_member)        (AcrStoreBackend        *self,
                                     const char             *email_key,
                                     const char             *family_key,
                                     const char             *given_key,
                                     const char             *program,
                                     GError                **error);
  gint64      (*count_members)      (AcrStoreBackend        *self,
                                     GError                **error);
  GArray     *(*list_ids_by_status) (AcrStoreBackend        *self,
                                     const char             *status,
                                     GError                **error);

  gboolean    (*append_change)      (AcrStoreBackend        *self,
                                     gint64                  member_id,
                                     const AcrMemberChange  *change,
                                     GError                **error);
  GPtrArray  *(*list_changes)       (AcrStoreBackend        *self,
                                     gint64                  member_id,
                                     gint64                  after_revision,
                                     GError                **error);

  gboolean    (*scan_members)       (AcrStoreBackend        *self,
                                     AcrStoreScanFunc        func,
                                     gpointer                user_data,
                                     GError                **error);
  GArray     *(*scan_ids)           (AcrStoreBackend        *self,
                                     AcrStoreOrder           order,
                                     GError                **error);
  GArray     *(*list_ids_by_name)   (AcrStoreBackend        *self,
                                     guint                   offset,
                                     guint                   limit,
                                     GError                **error);

  gboolean    (*save_draft)         (AcrStoreBackend        *self,
                                     const char             *key,
                                     const char             *json,
                                     GError                **error);
  char       *(*load_draft)         (AcrStoreBackend        *self,
                                     const char             *key,
                                     GError                **error);
  gboolean    (*delete_draft)       (AcrStoreBackend        *self,
                                     const char             *key,
                                     GError                **error);
  char      **(*list_drafts)        (AcrStoreBackend        *self,
                                     GError                **error);

  gint64      (*insert_application) (AcrStoreBackend        *self,
                                     const char             *applied_on,
                                     const char             *person_json,
                                     const char             *contact_json,
                                     const char             *outcome,
                                     const char             *reasons_json,
                                     gint64                  member_id,
                                     const char             *account,
                                     GError                **error);

  char       *(*check_integrity)    (AcrStoreBackend        *self,
                                     GError                **error);
  /* Changes whenever another connection (process, workstation) commits; -1 on error. */
  gint64      (*get_data_version)   (AcrStoreBackend        *self);
  /* Changes with every commit, of any connection, that adds or changes members; -1 on error. */
  gint64      (*get_members_version) (AcrStoreBackend       *self);

  /*
   * Invoices (billing). An issued document is written once, with its lines;
   * afterwards only its state changes (status, money held, credited, void).
   * Numbers come from a counter per numbering year, taken in the transaction
   * that writes the document, so a rollback gives the number back.
   */
  guint       (*next_invoice_sequence) (AcrStoreBackend     *self,
                                     int                     year,
                                     GError                **error);
  gboolean    (*insert_invoice)     (AcrStoreBackend        *self,
                                     AcrInvoice             *invoice,
                                     gint64                  member_id,
                                     const char             *category,
                                     GError                **error);
  AcrInvoice *(*load_invoice)       (AcrStoreBackend        *self,
                                     const char             *number,
                                     GError                **error);
  char      **(*list_invoices)      (AcrStoreBackend        *self,
                                     const AcrInvoiceFilter *filter,
                                     GError                **error);
  gboolean    (*insert_payment)     (AcrStoreBackend        *self,
                                     const char             *number,
                                     AcrPayment             *payment,
                                     GError                **error);
  gboolean    (*update_invoice_state) (AcrStoreBackend      *self,
                                     AcrInvoice             *invoice,
                                     GError                **error);
  GArray     *(*list_billed_members) (AcrStoreBackend       *self,
                                     int                     year,
                                     GError                **error);
  /* Members without a standing invoice for @year whose invoice for it was voided or credited. */
  GArray     *(*list_cancelled_members) (AcrStoreBackend    *self,
                                     int                     year,
                                     GError                **error);
  GPtrArray  *(*report_receivables) (AcrStoreBackend        *self,
                                     int                     year,
                                     GError                **error);
  GPtrArray  *(*report_chapters)    (AcrStoreBackend        *self,
                                     int                     year,
                                     GError                **error);
  GPtrArray  *(*report_numbering)   (AcrStoreBackend        *self,
                                     int                     year,
                                     GError                **error);
  /* AcrAgeingRow, one per age bucket that holds money owed on @on (ISO date) */
  GPtrArray  *(*report_ageing)      (AcrStoreBackend        *self,
                                     const char             *on,
                                     int                     year,
                                     GError                **error);
  /* AcrMembershipRow, one per category and status */
  GPtrArray  *(*report_membership)  (AcrStoreBackend        *self,
                                     GError                **error);
  gboolean    (*member_balance)     (AcrStoreBackend        *self,
                                     gint64                  member_id,
                                     gint64                 *balance_cents,
                                     GError                **error);

  /* Settings of the membership (acr-store-settings.h): NULL without an error when unset. */
  char       *(*get_setting)        (AcrStoreBackend        *self,
                                     const char             *key,
                                     GError                **error);
  gboolean    (*set_setting)        (AcrStoreBackend        *self,
                                     const char             *key,
                                     const char             *value,
                                     GError                **error);

  /* The membership years that have documents (numbers taken), ascending, as gint64. */
  GArray     *(*list_invoice_years) (AcrStoreBackend        *self,
                                     GError                **error);
  /* Every member's balance, as member_balance () reads one: member id
   * (GUINT_TO_POINTER) → gint64 cents (g_free'd); members without
   * invoices are absent. Sorting the member list by Balance reads it. */
  GHashTable *(*member_balances)    (AcrStoreBackend        *self,
                                     GError                **error);
  /* A lookup answered by the engine alone, without the in-memory index (see
   * acr_store_search_ids ()): at most @limit (0: all) member ids, in the
   * query's order, and in @n_matches how many match in all. */
  GArray     *(*search_ids)         (AcrStoreBackend        *self,
                                     const AcrSearchQuery   *query,
                                     guint                   limit,
                                     guint                  *n_matches,
                                     GError                **error);
  /* Reads the members of @ids (guint32) in that order, one at a time, in one read. */
  gboolean    (*load_members)       (AcrStoreBackend        *self,
                                     const guint32          *ids,
                                     guint                   n_ids,
                                     AcrStoreMemberFunc      func,
                                     gpointer                user_data,
                                     GError                **error);
  /* The documents list_invoices () lists, as AcrInvoiceRef, in the same order. */
  GPtrArray  *(*list_invoice_refs)  (AcrStoreBackend        *self,
                                     const AcrInvoiceFilter *filter,
                                     GError                **error);
};

G_END_DECLS
