#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * The billing reports, as rows (the store computes them) and as text or
 * CSV. Money is integer cents.
 *
 * Receivables, per membership year and category, over the invoices that
 * were not voided: billed (their totals), credited (credit notes against
 * them), paid (money held: payments less refunds), outstanding (what
 * members still owe) and to refund (money held on credited invoices, owed
 * back to members).
 *
 * Chapter remittance, per chapter: the chapter lines billed on invoices
 * that stand (not voided, not credited) and the chapter's share of the
 * money collected on them, in proportion to the line in the invoice's total,
 * rounded down to the cent per invoice (exact on fully paid invoices).
 *
 * Numbering, per numbering year (the membership year: invoices and credit
 * notes share one series per year): the first and last number issued, how
 * many, and whether the series is gapless (starts at 1, no number missing
 * or repeated, the year's counter at the last number).
 */

typedef struct
{
  int     year;
  char   *category;          /* the member's category at issue */
  guint   n_invoices;
  gint64  billed_cents;
  gint64  credited_cents;
  gint64  paid_cents;
  gint64  outstanding_cents;
  gint64  to_refund_cents;
} AcrReceivablesRow;

typedef struct
{
  char   *chapter;           /* chapter code */
  guint   n_invoices;
  gint64  billed_cents;
  gint64  collected_cents;
} AcrChapterRemittanceRow;

typedef struct
{
  int     year;
  char   *first_number;      /* "2027-000001" */
  char   *last_number;
  guint   n_numbers;         /* documents in the series */
  guint   n_distinct;        /* distinct sequence numbers */
  guint   first_sequence;
  guint   last_sequence;
  guint   counter_last;      /* the year's counter */
  guint   n_missing;         /* numbers between 1 and the last never issued */
  guint   n_duplicates;
} AcrNumberingRow;

/* Receivables ageing: what is still owed, by the days since issue on a given day. */
typedef enum
{
  ACR_AGEING_CURRENT,        /* under 30 days */
  ACR_AGEING_30,             /* 30 to 59 days */
  ACR_AGEING_60,             /* 60 to 89 days */
  ACR_AGEING_90,             /* 90 days and more */
  ACR_AGEING_N_BUCKETS,
} AcrAgeingBucket;

typedef struct
{
  AcrAgeingBucket bucket;
  guint           n_invoices;
  gint64          outstanding_cents;
} AcrAgeingRow;

/* Members of a category ("" for none) with a status. */
typedef struct
{
  char   *category;
  char   *status;
  guint   n_members;
} AcrMembershipRow;

typedef enum
{
  ACR_BILLING_REPORT_RECEIVABLES,
  ACR_BILLING_REPORT_CHAPTERS,
  ACR_BILLING_REPORT_NUMBERING,
} AcrBillingReportKind;

void      acr_receivables_row_free        (AcrReceivablesRow       *row);
void      acr_chapter_remittance_row_free (AcrChapterRemittanceRow *row);
void      acr_numbering_row_free          (AcrNumberingRow         *row);
void      acr_membership_row_free         (AcrMembershipRow        *row);
gboolean  acr_numbering_row_is_gapless    (const AcrNumberingRow   *row);

gboolean  acr_billing_report_parse_kind   (const char              *text,
                                           AcrBillingReportKind    *kind);
/* @rows as the store returned them; CSV is RFC 4180 with a header row, amounts in cents. */
char     *acr_billing_report_format_text  (AcrBillingReportKind     kind,
                                           GPtrArray               *rows);
char     *acr_billing_report_format_csv   (AcrBillingReportKind     kind,
                                           GPtrArray               *rows);

G_END_DECLS
