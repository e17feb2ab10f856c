/*
 * acr_billing_run_execute_async (): the billing run in a thread of its own,
 * driven from a main loop as the app drives it. Progress arrives in the
 * caller's main context, a cancelled run keeps the batches it committed,
 * and the result carries the run's source tag.
 */
#include "config.h"

#include "acr-billing.h"
#include "acr-billing-run.h"
#include "acr-sample-data.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define YEAR 2027

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
  GDate       issued_on;
} Fixture;

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
  GThread      *main_thread;
  GCancellable *cancel;       /* cancelled at the first report, if set */
  guint         calls;
  guint         calls_off_main_thread;
  guint         last_done;
  guint         done_when_cancelled;
  gboolean      called_after_finish;
} Run;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
  g_date_clear (&f->issued_on, 1);
  g_date_set_dmy (&f->issued_on, 2, G_DATE_NOVEMBER, YEAR - 1);
  g_assert_true (acr_sample_data_generate (f->store, GPOINTER_TO_UINT (data), 11, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gpointer store = f->store;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_clear_object (&f->billing);
  g_clear_object (&f->rules);

  /* GTask's worker thread lets go of the task (and through the run, of the
   * store) only after the callback may already have run in the main loop:
   * wait, with a deadline, until the last reference elsewhere is gone. */
  g_object_add_weak_pointer (G_OBJECT (store), &store);
  g_object_unref (g_steal_pointer (&f->store));
  while (store != NULL && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  g_assert_null (store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
count_invoices (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  AcrInvoiceFilter filter = { .year = YEAR };
  g_autoptr (GPtrArray) invoices = acr_billing_list_invoices (f->billing, &filter, &error);

  g_assert_no_error (error);
  return invoices->len;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Run *run = user_data;

  run->calls++;
  if (g_thread_self () != run->main_thread)
    run->calls_off_main_thread++;
  if (run->result != NULL)
    run->called_after_finish = TRUE;
  g_assert_cmpuint (done, >=, run->last_done);
  g_assert_cmpuint (done, <=, total);
  run->last_done = done;

  if (run->cancel != NULL && !g_cancellable_is_cancelled (run->cancel))
    {
      run->done_when_cancelled = done;
      g_cancellable_cancel (run->cancel);
    }
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static gboolean
too_long_cb (gpointer user_data)
{
  g_error ("the billing run did not finish within 60 seconds");
  return G_SOURCE_REMOVE;
}

/* Runs @billing_run from a main loop, as the app does; the result is in @run. */
static void
execute_in_loop (AcrBillingRun *billing_run,
                 gboolean       dry_run,
                 GCancellable  *cancellable,
                 Run           *run)
{
  g_autoptr (GObject) source = NULL;
  guint timeout_id;

  run->loop = g_main_loop_new (NULL, FALSE);
  run->main_thread = g_thread_self ();
  acr_billing_run_set_progress_func (billing_run, progress_cb, run);
  acr_billing_run_execute_async (billing_run, dry_run, cancellable, done_cb, run);
  /* The run never completes in the call: the callback comes from the loop. */
  g_assert_null (run->result);

  timeout_id = g_timeout_add_seconds (60, too_long_cb, NULL);
  g_main_loop_run (run->loop);
  g_source_remove (timeout_id);
  g_clear_pointer (&run->loop, g_main_loop_unref);

  g_assert_nonnull (run->result);
  g_assert_true (g_async_result_is_tagged (run->result, acr_billing_run_execute_async));
  source = g_async_result_get_source_object (run->result);
  g_assert_true (source == (GObject *) billing_run);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
}

/* A whole run from a main loop: progress in the caller's thread, the last
 * report (all members) before the callback, every invoice committed. */
static void
test_billing_run_async_bills_everyone_with_progress_in_the_main_context (Fixture       *f,
                                                                         gconstpointer  data)
{
  g_autoptr (AcrBillingRun) dry = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (AcrBillingRun) real = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (GError) error = NULL;
  Run dry_run = { 0 }, real_run = { 0 };

  acr_billing_run_set_accept_placeholders (real, TRUE);

  execute_in_loop (dry, TRUE, NULL, &dry_run);
  g_assert_true (acr_billing_run_execute_finish (dry, dry_run.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (dry), >, 0);
  g_assert_cmpuint (count_invoices (f), ==, 0);

  execute_in_loop (real, FALSE, NULL, &real_run);
  g_assert_true (acr_billing_run_execute_finish (real, real_run.result, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (real_run.calls, >, 0);
  g_assert_cmpuint (real_run.calls_off_main_thread, ==, 0);
  g_assert_false (real_run.called_after_finish);
  g_assert_cmpuint (real_run.last_done, ==, acr_billing_run_get_n_total (real));
  g_assert_cmpuint (acr_billing_run_get_n_billed (real), ==, acr_billing_run_get_n_billed (dry));
  g_assert_cmpint (acr_billing_run_get_billed_cents (real), ==, acr_billing_run_get_billed_cents (dry));
  g_assert_cmpuint (count_invoices (f), ==, acr_billing_run_get_n_billed (real));

  run_clear (&dry_run);
  run_clear (&real_run);
}

/* Cancel pressed mid-run (from the first progress report, in the main
 * loop): the run stops with G_IO_ERROR_CANCELLED, the invoices of the
 * batches it committed stay and are the ones it counts, and a second run
 * bills the rest. */
static void
test_billing_run_async_cancelled_keeps_committed_batches (Fixture       *f,
                                                          gconstpointer  data)
{
  g_autoptr (AcrBillingRun) dry = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (AcrBillingRun) first = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (AcrBillingRun) again = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  Run dry_run = { 0 }, first_run = { 0 }, again_run = { 0 };
  guint billable, kept;

  acr_billing_run_set_accept_placeholders (first, TRUE);
  acr_billing_run_set_accept_placeholders (again, TRUE);

  execute_in_loop (dry, TRUE, NULL, &dry_run);
  g_assert_true (acr_billing_run_execute_finish (dry, dry_run.result, &error));
  billable = acr_billing_run_get_n_billed (dry);
  g_assert_cmpuint (billable, >, 100);

  /* Small batches: each commit pauses the run a little, so the cancel
   * arrives long before the end. */
  acr_billing_run_set_batch_size (first, 5);
  first_run.cancel = cancellable;
  execute_in_loop (first, FALSE, cancellable, &first_run);
  g_assert_false (acr_billing_run_execute_finish (first, first_run.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  g_assert_cmpuint (first_run.done_when_cancelled, >, 0);
  g_assert_cmpuint (first_run.calls_off_main_thread, ==, 0);
  g_assert_false (first_run.called_after_finish);
  kept = count_invoices (f);
  g_assert_cmpuint (kept, >, 0);
  g_assert_cmpuint (kept, <, billable);
  g_assert_cmpuint (kept, ==, acr_billing_run_get_n_billed (first));
  g_assert_cmpuint (acr_billing_run_get_n_done (first), <, acr_billing_run_get_n_total (first));

  execute_in_loop (again, FALSE, NULL, &again_run);
  g_assert_true (acr_billing_run_execute_finish (again, again_run.result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (acr_billing_run_get_n_billed (again), ==, billable - kept);
  g_assert_cmpuint (count_invoices (f), ==, billable);

  run_clear (&dry_run);
  run_clear (&first_run);
  run_clear (&again_run);
}

/* Cancelled before it starts: nothing written, the error says so. */
static void
test_billing_run_async_cancelled_before_start_writes_nothing (Fixture       *f,
                                                              gconstpointer  data)
{
  g_autoptr (AcrBillingRun) billing_run = acr_billing_run_new (f->billing, YEAR, &f->issued_on);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  Run run = { 0 };

  acr_billing_run_set_accept_placeholders (billing_run, TRUE);
  g_cancellable_cancel (cancellable);
  execute_in_loop (billing_run, FALSE, cancellable, &run);
  g_assert_false (acr_billing_run_execute_finish (billing_run, run.result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (acr_billing_run_get_n_billed (billing_run), ==, 0);
  g_assert_cmpuint (count_invoices (f), ==, 0);

  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/acr/billing-run/async/bills-everyone-with-progress-in-the-main-context", Fixture,
              GUINT_TO_POINTER (300), fixture_set_up,
              test_billing_run_async_bills_everyone_with_progress_in_the_main_context, fixture_tear_down);
  g_test_add ("/acr/billing-run/async/cancelled-keeps-committed-batches", Fixture,
              GUINT_TO_POINTER (600), fixture_set_up,
              test_billing_run_async_cancelled_keeps_committed_batches, fixture_tear_down);
  g_test_add ("/acr/billing-run/async/cancelled-before-start-writes-nothing", Fixture,
              GUINT_TO_POINTER (50), fixture_set_up,
              test_billing_run_async_cancelled_before_start_writes_nothing, fixture_tear_down);

  return g_test_run ();
}
