#define G_LOG_DOMAIN "acr-billing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-backup.h"
#include "acr-billing-private.h"
#include "acr-billing-run.h"
#include "acr-money.h"
#include "acr-progress-private.h"
#include "acr-store-private.h"

#define DEFAULT_BATCH_SIZE 500

/*
 * A batch holds the write lock: it is committed after batch-size invoices
 * or after this long, whichever comes first, so that a payment recorded at
 * another desk meanwhile waits a fraction of a second. After each commit
 * the run pauses briefly, long enough for a waiting writer (polling every
 * few milliseconds, see acr-store-sqlite.c) to take the lock.
 */
#define MAX_BATCH_USEC (150 * G_TIME_SPAN_MILLISECOND)
#define PAUSE_BETWEEN_BATCHES_USEC (10 * G_TIME_SPAN_MILLISECOND)

struct _AcrBillingRun
{
  GObject                    parent_instance;

  AcrBilling                *billing;
  int                        year;
  GDate                      issued_on;
  guint                      batch_size;
  AcrProgress                progress;

  /* Results of the last execution. */
  guint                      n_billed;
  gint64                     billed_cents;
  guint                      n_placeholder;
  gint64                     placeholder_cents; /* sum of the placeholder lines */
  gboolean                   accept_placeholders;
  GPtrArray                 *categories;  /* AcrBillingRunCategory */
  GHashTable                *by_category; /* id → AcrBillingRunCategory (in categories) */
  GPtrArray                 *skipped;     /* AcrBillingRunSkip */
  GHashTable                *skip_counts; /* reason → count */
  GHashTable                *skip_kinds;  /* "kind:detail" → AcrBillingRunSkipCount */
};

G_DEFINE_FINAL_TYPE (AcrBillingRun, acr_billing_run, G_TYPE_OBJECT)

/* Members with these statuses are counted as skipped without being read. */
static const char * const inactive_statuses[] = {
  "applicant", "lapsed", "retired", "resigned", "deceased", NULL
};

static void
category_free (AcrBillingRunCategory *category)
{
  g_free (category->category);
  g_free (category);
}

static void
skip_free (AcrBillingRunSkip *skip)
{
  g_free (skip->name);
  g_free (skip->reason);
  g_free (skip);
}

static void
skip_count_free (AcrBillingRunSkipCount *count)
{
  g_free (count->detail);
  g_free (count);
}

static void
reset_results (AcrBillingRun *self)
{
  _acr_progress_start (&self->progress, 0);
  self->n_billed = 0;
  self->billed_cents = 0;
  self->n_placeholder = 0;
  self->placeholder_cents = 0;
  g_clear_pointer (&self->by_category, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->skip_counts, g_hash_table_unref);
  g_clear_pointer (&self->skip_kinds, g_hash_table_unref);
  self->skip_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) skip_count_free);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  self->by_category = g_hash_table_new (g_str_hash, g_str_equal);
  self->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  self->skip_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
count_skip (AcrBillingRun          *self,
            AcrBillingRunSkipKind   kind,
            const char             *detail,
            const char             *key,
            guint                   n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->skip_counts, key));
  g_autofree char *kind_key = g_strdup_printf ("%d:%s", kind, detail != NULL ? detail : "");
  AcrBillingRunSkipCount *by_kind = g_hash_table_lookup (self->skip_kinds, kind_key);

  g_hash_table_replace (self->skip_counts, g_strdup (key), GUINT_TO_POINTER (count + n));

  if (by_kind == NULL)
    {
      by_kind = g_new0 (AcrBillingRunSkipCount, 1);
      by_kind->kind = kind;
      by_kind->detail = g_strdup (detail);
      g_hash_table_insert (self->skip_kinds, g_steal_pointer (&kind_key), by_kind);
    }
  by_kind->count += n;
}

static void
skip_member (AcrBillingRun          *self,
             AcrMember              *member,
             AcrBillingRunSkipKind   kind,
             const char             *detail,
             const char             *key,
             const char             *reason)
{
  AcrBillingRunSkip *skip = g_new0 (AcrBillingRunSkip, 1);

  skip->number = acr_member_get_number (member);
  skip->name = acr_member_dup_display_name (member);
  skip->reason = g_strdup (reason);
  g_ptr_array_add (self->skipped, skip);
  count_skip (self, kind, detail, key, 1);
}

static void
count_billed (AcrBillingRun *self,
              AcrDuesQuote  *quote)
{
  const char *id = acr_dues_quote_get_category_id (quote);
  AcrBillingRunCategory *category = g_hash_table_lookup (self->by_category, id ? id : "");

  if (category == NULL)
    {
      category = g_new0 (AcrBillingRunCategory, 1);
      category->category = g_strdup (id ? id : "");
      g_ptr_array_add (self->categories, category);
      g_hash_table_insert (self->by_category, category->category, category);
    }
  category->n_members++;
  category->total_cents += acr_dues_quote_get_total_cents (quote);
  self->n_billed++;
  self->billed_cents += acr_dues_quote_get_total_cents (quote);
  if (acr_dues_quote_get_placeholder (quote))
    {
      GListModel *lines = acr_dues_quote_get_lines (quote);

      category->n_placeholder++;
      self->n_placeholder++;
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);

          if (acr_dues_line_get_placeholder (line))
            self->placeholder_cents += acr_dues_line_get_amount_cents (line);
        }
    }
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  const AcrBillingRunCategory *x = *(AcrBillingRunCategory **) a;
  const AcrBillingRunCategory *y = *(AcrBillingRunCategory **) b;

  return g_strcmp0 (x->category, y->category);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Commits the open batch; its invoices count as billed only once the commit succeeded. */
static gboolean
commit_batch (AcrBillingRun  *self,
              AcrStore       *store,
              GPtrArray      *batch,
              GError        **error)
{
  gboolean ok = _acr_store_commit (store, error);

  if (ok)
    g_debug ("committed a batch of %u invoices", batch->len);
  for (guint i = 0; ok && i < batch->len; i++)
    count_billed (self, batch->pdata[i]);
  g_ptr_array_set_size (batch, 0);
  return ok;
}

static void
acr_billing_run_finalize (GObject *object)
{
  AcrBillingRun *self = ACR_BILLING_RUN (object);

  g_clear_pointer (&self->by_category, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->skip_counts, g_hash_table_unref);
  g_clear_pointer (&self->skip_kinds, g_hash_table_unref);

  G_OBJECT_CLASS (acr_billing_run_parent_class)->finalize (object);
}

static void
acr_billing_run_dispose (GObject *object)
{
  AcrBillingRun *self = ACR_BILLING_RUN (object);

  g_clear_object (&self->billing);

  G_OBJECT_CLASS (acr_billing_run_parent_class)->dispose (object);
}

static void
acr_billing_run_class_init (AcrBillingRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_billing_run_dispose;
  object_class->finalize = acr_billing_run_finalize;
}

static void
acr_billing_run_init (AcrBillingRun *self)
{
  _acr_progress_init (&self->progress, G_OBJECT (self));
  self->batch_size = DEFAULT_BATCH_SIZE;
  g_date_clear (&self->issued_on, 1);
  reset_results (self);
}

AcrBillingRun *
acr_billing_run_new (AcrBilling  *billing,
                     int          year,
                     const GDate *issued_on)
{
  AcrBillingRun *self;

  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (issued_on != NULL && g_date_valid (issued_on), NULL);

  self = g_object_new (ACR_TYPE_BILLING_RUN, NULL);
  self->billing = g_object_ref (billing);
  self->year = year;
  self->issued_on = *issued_on;
  return self;
}

int
acr_billing_run_get_year (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->year;
}

guint
acr_billing_run_get_batch_size (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->batch_size;
}

/* Invoices per transaction; 0 restores the default (500). */
void
acr_billing_run_set_batch_size (AcrBillingRun *self,
                                guint          batch_size)
{
  g_return_if_fail (ACR_IS_BILLING_RUN (self));
  self->batch_size = batch_size > 0 ? batch_size : DEFAULT_BATCH_SIZE;
}

void
acr_billing_run_set_progress_func (AcrBillingRun             *self,
                                   AcrBillingRunProgressFunc  func,
                                   gpointer                   user_data)
{
  g_return_if_fail (ACR_IS_BILLING_RUN (self));
  _acr_progress_set_func (&self->progress, func, user_data);
}

/* Whether staff accepted that the run issues placeholder amounts. */
gboolean
acr_billing_run_get_accept_placeholders (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), FALSE);
  return self->accept_placeholders;
}

/* See acr_billing_run_execute (): by default a real run refuses placeholder amounts. */
void
acr_billing_run_set_accept_placeholders (AcrBillingRun *self,
                                         gboolean       accept)
{
  g_return_if_fail (ACR_IS_BILLING_RUN (self));
  self->accept_placeholders = !!accept;
}

static gboolean run_members (AcrBillingRun  *self,
                             gboolean        dry_run,
                             GCancellable   *cancellable,
                             GError        **error);

/**
 * acr_billing_run_execute:
 * @dry_run: quote everyone, write nothing
 * @cancellable: (nullable): stops the run between two members
 *
 * Runs the billing (see the top of acr-billing-run.h). The results (counts,
 * categories, skipped members) are those of this execution, and remain
 * readable after a failure or a cancellation.
 *
 * Placeholders: an issued invoice is never edited, so a real run does not
 * issue amounts the bundle marks as placeholders unless staff accepted them
 * (acr_billing_run_set_accept_placeholders ()). When the year's schedule
 * has any, the run first quotes everyone without writing; if an invoice
 * would carry one it writes nothing and fails with
 * ACR_BILLING_ERROR_PLACEHOLDER, the results being those of that dry pass.
 * (A member whose quote turns placeholder between the two passes is
 * skipped, not billed.)
 */
gboolean
acr_billing_run_execute (AcrBillingRun  *self,
                         gboolean        dry_run,
                         GCancellable   *cancellable,
                         GError        **error)
{
  AcrRules *rules;

  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  rules = acr_billing_get_rules (self->billing);
  if (!dry_run && !self->accept_placeholders &&
      acr_rules_year_has_placeholders (rules, self->year))
    {
      AcrProgress saved = self->progress;
      gboolean ok;

      /* The check is not the run: its progress is not reported. */
      _acr_progress_set_func (&self->progress, NULL, NULL);
      ok = run_members (self, TRUE, cancellable, error);
      _acr_progress_set_func (&self->progress, saved.func, saved.func_data);
      if (!ok)
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (self->n_placeholder > 0)
        {
          g_autofree char *amount = acr_money_format (self->placeholder_cents, "en");

          g_set_error (error, ACR_BILLING_ERROR, ACR_BILLING_ERROR_PLACEHOLDER,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "the billing for %d would issue %u invoice with placeholder amounts (%s in "
                                    "placeholder lines); nothing was written: load the College’s official dues "
                                    "schedule, or accept the placeholder amounts explicitly",
                                    "the billing for %d would issue %u invoices with placeholder amounts (%s in "
                                    "placeholder lines); nothing was written: load the College’s official dues "
                                    "schedule, or accept the placeholder amounts explicitly",
                                    self->n_placeholder),
                       self->year, self->n_placeholder, amount);
          return FALSE;
        }
    }

  return run_members (self, dry_run, cancellable, error);
}

static gboolean
run_members (AcrBillingRun  *self,
             gboolean        dry_run,
             GCancellable   *cancellable,
             GError        **error)
{
  AcrStore *store;
  AcrRules *rules;
  AcrStoreBackend *backend;
  AcrStoreBackendInterface *iface;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) billed = NULL;
  g_autoptr (GHashTable) billed_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) cancelled = NULL;
  g_autoptr (GHashTable) cancelled_set = g_hash_table_new (g_int64_hash, g_int64_equal);
  /* The quotes of the open batch: counted only once it is committed. */
  g_autoptr (GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *already_key = NULL;
  g_autofree char *cancelled_key = NULL;
  gboolean in_batch = FALSE;
  gint64 batch_started = 0;
  guint total;

  reset_results (self);
  store = acr_billing_get_store (self->billing);
  rules = acr_billing_get_rules (self->billing);
  backend = acr_store_get_backend (store);
  iface = ACR_STORE_BACKEND_GET_IFACE (backend);

  if (!acr_rules_has_year (rules, self->year))
    {
      g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE,
                   _("the rules have no dues schedule for %d"), self->year);
      return FALSE;
    }
  if (!dry_run && !acr_backup_before_change (store, _("billing run"), error))
    return FALSE;

  for (guint s = 0; inactive_statuses[s] != NULL; s++)
    {
      g_autoptr (GArray) some = iface->list_ids_by_status (backend, inactive_statuses[s], error);
      g_autofree char *key = NULL;

      if (some == NULL)
        return FALSE;
      if (some->len == 0)
        continue;
      key = g_strdup_printf (_("not active: %s"), inactive_statuses[s]);
      count_skip (self, ACR_BILLING_RUN_SKIP_NOT_ACTIVE, inactive_statuses[s], key, some->len);
    }

  ids = iface->list_ids_by_status (backend, acr_member_status_to_string (ACR_MEMBER_STATUS_ACTIVE), error);
  if (ids == NULL)
    return FALSE;
  billed = iface->list_billed_members (backend, self->year, error);
  if (billed == NULL)
    return FALSE;
  for (guint i = 0; i < billed->len; i++)
    g_hash_table_add (billed_set, &g_array_index (billed, gint64, i));
  /* "Bills nobody twice": an invoice voided or credited was dealt with on purpose;
   * billing that member again is staff's decision, from the member. */
  if (iface->list_cancelled_members != NULL)
    {
      cancelled = iface->list_cancelled_members (backend, self->year, error);
      if (cancelled == NULL)
        return FALSE;
      for (guint i = 0; i < cancelled->len; i++)
        g_hash_table_add (cancelled_set, &g_array_index (cancelled, gint64, i));
    }

  total = ids->len;
  _acr_progress_start (&self->progress, total);
  already_key = g_strdup_printf (_("already billed for %d"), self->year);
  cancelled_key = g_strdup_printf (_("voided or credited for %d (bill from the member)"), self->year);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr (GError) member_error = NULL;
      g_autoptr (AcrMember) member = NULL;
      g_autoptr (AcrPerson) person = NULL;
      g_autoptr (AcrDuesQuote) quote = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      member = acr_store_lookup_member_by_id (store, id, error);
      if (member == NULL)
        goto failed;

      if (g_hash_table_contains (billed_set, &id))
        {
          skip_member (self, member, ACR_BILLING_RUN_SKIP_ALREADY_BILLED, NULL, already_key, already_key);
          goto next;
        }
      if (g_hash_table_contains (cancelled_set, &id))
        {
          skip_member (self, member, ACR_BILLING_RUN_SKIP_CANCELLED, NULL, cancelled_key, cancelled_key);
          goto next;
        }

      if ((person = acr_member_dup_person (member, &member_error)) == NULL ||
          (quote = acr_rules_quote (rules, person, self->year, &self->issued_on, &member_error)) == NULL)
        {
          skip_member (self, member, ACR_BILLING_RUN_SKIP_CANNOT_QUOTE, NULL,
                       _("cannot be quoted (see the member’s record)"), member_error->message);
          goto next;
        }
      if (acr_dues_quote_get_reason (quote) != NULL)
        {
          const char *category = acr_dues_quote_get_category_id (quote);
          g_autofree char *key = category != NULL
            ? g_strdup_printf (_("owes no dues: %s"), category)
            : g_strdup (_("owes no dues: no category"));

          skip_member (self, member, ACR_BILLING_RUN_SKIP_OWES_NOTHING, category, key,
                       acr_dues_quote_get_reason (quote));
          goto next;
        }
      if (acr_dues_quote_get_total_cents (quote) <= 0)
        {
          skip_member (self, member, ACR_BILLING_RUN_SKIP_NOTHING_TO_BILL, NULL,
                       _("nothing to bill (total $0.00 or less)"), _("nothing to bill (total $0.00 or less)"));
          goto next;
        }
      if (!dry_run && !self->accept_placeholders && acr_dues_quote_get_placeholder (quote))
        {
          skip_member (self, member, ACR_BILLING_RUN_SKIP_PLACEHOLDER, NULL,
                       _("placeholder amounts not accepted"), _("placeholder amounts not accepted"));
          goto next;
        }

      if (!dry_run)
        {
          g_autoptr (AcrInvoice) invoice = NULL;

          if (!in_batch)
            {
              if (!_acr_store_begin (store, error))
                goto failed;
              in_batch = TRUE;
              batch_started = g_get_monotonic_time ();
            }
          invoice = _acr_billing_issue (self->billing, member, quote, &self->issued_on, error);
          if (invoice == NULL)
            goto failed;
          g_ptr_array_add (batch, g_object_ref (quote));
          if (batch->len >= self->batch_size || g_get_monotonic_time () - batch_started >= MAX_BATCH_USEC)
            {
              in_batch = FALSE;
              if (!commit_batch (self, store, batch, error))
                goto failed;
              g_debug ("a batch held the write lock for %.0f ms",
                       (g_get_monotonic_time () - batch_started) / 1000.0);
              g_usleep (PAUSE_BETWEEN_BATCHES_USEC);
            }
        }
      else
        count_billed (self, quote);

    next:
      _acr_progress_report (&self->progress, i + 1, FALSE);
    }

  if (in_batch)
    {
      in_batch = FALSE;
      if (!commit_batch (self, store, batch, error))
        goto failed;
    }
  _acr_progress_report (&self->progress, _acr_progress_get_done (&self->progress), TRUE);
  g_ptr_array_sort (self->categories, compare_categories);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return TRUE;

failed:
  /* The open batch is undone, and not counted; the committed ones stand (a later run finishes the rest). */
  if (in_batch)
    _acr_store_rollback (store);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_sort (self->categories, compare_categories);
  return FALSE;
}

static void
execute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AcrBillingRun *self = source_object;
  gboolean dry_run = GPOINTER_TO_INT (task_data);
  GError *error = NULL;
  gboolean ok;

  ok = acr_billing_run_execute (self, dry_run, cancellable, &error);
  _acr_progress_end_async (&self->progress);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * acr_billing_run_execute_async:
 * @dry_run: quote everyone, write nothing
 * @cancellable: (nullable): stops the run between two members; the
 *   batches already committed stay
 * @callback: called in the caller's thread-default main context
 *
 * Runs acr_billing_run_execute () in a thread; the progress function is
 * called in the caller's main context (see the top of acr-billing-run.h).
 * One execution at a time.
 */
void
acr_billing_run_execute_async (AcrBillingRun       *self,
                               gboolean             dry_run,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (ACR_IS_BILLING_RUN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (self->progress.context == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, acr_billing_run_execute_async);
  g_task_set_task_data (task, GINT_TO_POINTER (dry_run), NULL);
  /* A cancelled run still commits its open batch: the thread decides when it is done. */
  g_task_set_return_on_cancel (task, FALSE);

  _acr_progress_begin_async (&self->progress, g_task_get_context (task));
  g_task_run_in_thread (task, execute_in_thread);
}

/**
 * acr_billing_run_execute_finish:
 *
 * Returns: %TRUE if the run went through; %FALSE with G_IO_ERROR_CANCELLED
 *   if it was cancelled (its committed batches stay), or another error
 */
gboolean
acr_billing_run_execute_finish (AcrBillingRun  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == acr_billing_run_execute_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
acr_billing_run_get_n_done (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return _acr_progress_get_done (&self->progress);
}

guint
acr_billing_run_get_n_total (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return _acr_progress_get_total (&self->progress);
}

/* Invoices written (a dry run: that would be written). */
guint
acr_billing_run_get_n_billed (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->n_billed;
}

gint64
acr_billing_run_get_billed_cents (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->billed_cents;
}

guint
acr_billing_run_get_n_placeholder (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->n_placeholder;
}

/* The sum of the placeholder lines of the invoices counted in n-placeholder. */
gint64
acr_billing_run_get_placeholder_cents (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), 0);
  return self->placeholder_cents;
}

/* Returns: (transfer none) (element-type AcrBillingRunCategory): by category id */
GPtrArray *
acr_billing_run_get_categories (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), NULL);
  return self->categories;
}

/* Returns: (transfer none) (element-type AcrBillingRunSkip): active members skipped, and why */
GPtrArray *
acr_billing_run_get_skipped (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), NULL);
  return self->skipped;
}

/* Returns: (transfer none): reason → number of members (guint in a pointer), inactive members included */
GHashTable *
acr_billing_run_get_skip_counts (AcrBillingRun *self)
{
  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), NULL);
  return self->skip_counts;
}

static int
compare_skip_counts (gconstpointer a,
                     gconstpointer b)
{
  const AcrBillingRunSkipCount *x = *(AcrBillingRunSkipCount **) a;
  const AcrBillingRunSkipCount *y = *(AcrBillingRunSkipCount **) b;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return g_strcmp0 (x->detail, y->detail);
}

/**
 * acr_billing_run_dup_skip_summary:
 *
 * The members skipped, counted by why (inactive members included): the
 * same counts as acr_billing_run_get_skip_counts (), as data a front puts
 * in its own words.
 *
 * Returns: (transfer full) (element-type AcrBillingRunSkipCount): by kind,
 *   then detail; free with g_ptr_array_unref ()
 */
GPtrArray *
acr_billing_run_dup_skip_summary (AcrBillingRun *self)
{
  GPtrArray *summary;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), NULL);

  summary = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_count_free);
  g_hash_table_iter_init (&iter, self->skip_kinds);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const AcrBillingRunSkipCount *count = value;
      AcrBillingRunSkipCount *copy = g_new0 (AcrBillingRunSkipCount, 1);

      copy->kind = count->kind;
      copy->detail = g_strdup (count->detail);
      copy->count = count->count;
      g_ptr_array_add (summary, copy);
    }
  g_ptr_array_sort (summary, compare_skip_counts);
  return summary;
}

char *
acr_billing_run_format_summary (AcrBillingRun *self,
                                gboolean       dry_run)
{
  GString *out = g_string_new (NULL);
  g_autofree char *date = acr_date_format_iso (&self->issued_on);
  g_autofree char *grand = NULL;
  g_autofree GStrv keys = NULL;
  guint n_keys;

  g_return_val_if_fail (ACR_IS_BILLING_RUN (self), NULL);

  g_string_append_printf (out, dry_run ? _("Dry run of the billing for %d, billed on %s: nothing was written.\n")
                                       : _("Billing for %d, billed on %s.\n"),
                          self->year, date);
  g_string_append_printf (out, "  %-34s %8s %14s %12s\n", _("Category"), _("Members"), _("Total"), _("Placeholder"));
  for (guint i = 0; i < self->categories->len; i++)
    {
      AcrBillingRunCategory *c = self->categories->pdata[i];
      g_autofree char *amount = acr_money_format (c->total_cents, "en");

      g_string_append_printf (out, "  %-34s %8u %14s %12u\n", c->category, c->n_members, amount, c->n_placeholder);
    }
  grand = acr_money_format (self->billed_cents, "en");
  g_string_append_printf (out, "  %-34s %8u %14s %12u\n", dry_run ? _("Would bill") : _("Billed"),
                          self->n_billed, grand, self->n_placeholder);
  if (self->n_placeholder > 0)
    g_string_append_printf (out, _("  %u invoices use placeholder amounts: load the College’s official schedule.\n"),
                            self->n_placeholder);

  keys = (GStrv) g_hash_table_get_keys_as_array (self->skip_counts, &n_keys);
  if (n_keys > 0)
    {
      g_qsort_with_data (keys, n_keys, sizeof (char *), compare_strings, NULL);
      g_string_append (out, _("Skipped:\n"));
      for (guint i = 0; i < n_keys; i++)
        g_string_append_printf (out, "  %-50s %8u\n", keys[i],
                                GPOINTER_TO_UINT (g_hash_table_lookup (self->skip_counts, keys[i])));
    }
  return g_string_free (out, FALSE);
}
