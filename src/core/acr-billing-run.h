#pragma once

#include <gio/gio.h>

#include "acr-billing.h"

G_BEGIN_DECLS

/*
 * AcrBillingRun: bills every active member for a membership year.
 *
 * A dry run writes nothing and tells what a real run would do: how many
 * members and how much per category, how many amounts are placeholders,
 * and who is skipped and why (not active, in a free category, already
 * billed, nothing to bill).
 *
 * The real run writes one invoice per billable member, committing every
 * batch-size invoices (500 by default): a run killed half-way keeps the
 * batches it committed, with their numbers and no hole, and the next run
 * skips the members they billed and finishes the rest. A member is never
 * billed twice for a year (the store refuses a second standing invoice).
 * Cancelling through the GCancellable commits the invoices already made
 * and stops with G_IO_ERROR_CANCELLED (a dry run just stops).
 *
 * A real run issues no placeholder amount unless staff accepted them
 * (acr_billing_run_set_accept_placeholders ()): it refuses, writing
 * nothing, with ACR_BILLING_ERROR_PLACEHOLDER.
 *
 * Progress: acr_billing_run_execute () calls the progress function in the
 * thread that executes the run; acr_billing_run_execute_async () runs it
 * in a thread of its own and calls the progress function in the caller's
 * thread-default main context, at most every tenth of a second and always
 * before the callback, so that it may touch widgets. The n-done and
 * n-total counters may be read from any thread while it runs.
 *
 * While it runs the store of the run's billing belongs to the run's
 * thread: the app gives a run a connection of its own (acr_store_open ()
 * on the same file).
 */

typedef struct
{
  char    *category;          /* category id */
  guint    n_members;
  gint64   total_cents;
  guint    n_placeholder;     /* invoices with at least one placeholder amount */
} AcrBillingRunCategory;

typedef struct
{
  guint    number;            /* member number */
  char    *name;
  char    *reason;
} AcrBillingRunSkip;

/* Why members were skipped, as data a front can put in words. */
typedef enum
{
  ACR_BILLING_RUN_SKIP_NOT_ACTIVE,      /* detail: the member status */
  ACR_BILLING_RUN_SKIP_ALREADY_BILLED,
  ACR_BILLING_RUN_SKIP_CANCELLED,       /* the year's invoice was voided or credited */
  ACR_BILLING_RUN_SKIP_OWES_NOTHING,    /* detail: the category id, NULL for none */
  ACR_BILLING_RUN_SKIP_NOTHING_TO_BILL, /* total $0.00 or less */
  ACR_BILLING_RUN_SKIP_CANNOT_QUOTE,    /* the member's facts cannot be read */
  ACR_BILLING_RUN_SKIP_PLACEHOLDER,     /* placeholder amounts not accepted */
} AcrBillingRunSkipKind;

typedef struct
{
  AcrBillingRunSkipKind  kind;
  char                  *detail;
  guint                  count;
} AcrBillingRunSkipCount;

typedef void (*AcrBillingRunProgressFunc) (guint    done,
                                           guint    total,
                                           gpointer user_data);

#define ACR_TYPE_BILLING_RUN (acr_billing_run_get_type ())

G_DECLARE_FINAL_TYPE (AcrBillingRun, acr_billing_run, ACR, BILLING_RUN, GObject)

AcrBillingRun *acr_billing_run_new                (AcrBilling                *billing,
                                                   int                        year,
                                                   const GDate               *issued_on);
int            acr_billing_run_get_year           (AcrBillingRun             *self);
guint          acr_billing_run_get_batch_size     (AcrBillingRun             *self);
void           acr_billing_run_set_batch_size     (AcrBillingRun             *self,
                                                   guint                      batch_size);
void           acr_billing_run_set_progress_func  (AcrBillingRun             *self,
                                                   AcrBillingRunProgressFunc  func,
                                                   gpointer                   user_data);
gboolean       acr_billing_run_execute            (AcrBillingRun             *self,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   GError                   **error);
void           acr_billing_run_execute_async      (AcrBillingRun             *self,
                                                   gboolean                   dry_run,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data);
gboolean       acr_billing_run_execute_finish     (AcrBillingRun             *self,
                                                   GAsyncResult              *result,
                                                   GError                   **error);

guint          acr_billing_run_get_n_done         (AcrBillingRun             *self);
guint          acr_billing_run_get_n_total        (AcrBillingRun             *self);
guint          acr_billing_run_get_n_billed       (AcrBillingRun             *self);
gint64         acr_billing_run_get_billed_cents   (AcrBillingRun             *self);
guint          acr_billing_run_get_n_placeholder  (AcrBillingRun             *self);
gint64         acr_billing_run_get_placeholder_cents (AcrBillingRun          *self);
gboolean       acr_billing_run_get_accept_placeholders (AcrBillingRun        *self);
void           acr_billing_run_set_accept_placeholders (AcrBillingRun        *self,
                                                   gboolean                   accept);
GPtrArray     *acr_billing_run_get_categories     (AcrBillingRun             *self);
GPtrArray     *acr_billing_run_get_skipped        (AcrBillingRun             *self);
GHashTable    *acr_billing_run_get_skip_counts    (AcrBillingRun             *self);
GPtrArray     *acr_billing_run_dup_skip_summary   (AcrBillingRun             *self);
char          *acr_billing_run_format_summary     (AcrBillingRun             *self,
                                                   gboolean                   dry_run);

G_END_DECLS
