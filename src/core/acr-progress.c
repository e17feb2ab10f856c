#define G_LOG_DOMAIN "acr-progress"

#include "config.h"

#include <string.h>

#include "acr-progress-private.h"

/* Reports between two forced ones: a member at a time would only cost time. */
#define PROGRESS_EVERY 100
/* More often would only queue redraws in the caller's main loop. */
#define PROGRESS_INTERVAL_USEC (100 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GObject     *owner;
  AcrProgress *progress;
} QueuedReport;

static void
queued_report_free (gpointer data)
{
  QueuedReport *report = data;

  g_object_unref (report->owner);
  g_free (report);
}

void
_acr_progress_init (AcrProgress *progress,
                    GObject     *owner)
{
  memset (progress, 0, sizeof *progress);
  progress->owner = owner;
}

void
_acr_progress_set_func (AcrProgress     *progress,
                        AcrProgressFunc  func,
                        gpointer         user_data)
{
  progress->func = func;
  progress->func_data = user_data;
}

/* Before the work starts in a thread: reports go to @context from now on. */
void
_acr_progress_begin_async (AcrProgress  *progress,
                           GMainContext *context)
{
  g_return_if_fail (progress->context == NULL);

  progress->context = g_main_context_ref (context);
  progress->reported_at = 0;
  g_atomic_int_set (&progress->pending, FALSE);
}

/* In the work's thread, once it is over (its last report is queued). */
void
_acr_progress_end_async (AcrProgress *progress)
{
  g_clear_pointer (&progress->context, g_main_context_unref);
}

void
_acr_progress_start (AcrProgress *progress,
                     guint        total)
{
  g_atomic_int_set (&progress->n_done, 0);
  g_atomic_int_set (&progress->n_total, total);
}

/* In the caller's main context: the latest counters, whatever the work did since it queued this. */
static gboolean
deliver_report_cb (gpointer user_data)
{
  QueuedReport *report = user_data;
  AcrProgress *progress = report->progress;

  g_atomic_int_set (&progress->pending, FALSE);
  if (progress->func != NULL)
    progress->func (g_atomic_int_get (&progress->n_done), g_atomic_int_get (&progress->n_total), progress->func_data);
  return G_SOURCE_REMOVE;
}

/* @force: report now whatever the interval (the first and last report). */
void
_acr_progress_report (AcrProgress *progress,
                      guint        done,
                      gboolean     force)
{
  g_autoptr (GSource) source = NULL;
  QueuedReport *report;
  gint64 now;

  g_atomic_int_set (&progress->n_done, done);
  if (progress->func == NULL || !(force || done % PROGRESS_EVERY == 0))
    return;

  if (progress->context == NULL)
    {
      progress->func (done, g_atomic_int_get (&progress->n_total), progress->func_data);
      return;
    }

  now = g_get_monotonic_time ();
  if (!force && now - progress->reported_at < PROGRESS_INTERVAL_USEC)
    return;
  progress->reported_at = now;
  if (!g_atomic_int_compare_and_exchange (&progress->pending, FALSE, TRUE))
    return;

  report = g_new0 (QueuedReport, 1);
  report->owner = g_object_ref (progress->owner);
  report->progress = progress;
  /* The priority of a GTask's own completion: a report queued before the
   * work ended is delivered before its callback. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_report_cb, report, queued_report_free);
  g_source_set_static_name (source, "[acr] progress");
  g_source_attach (source, progress->context);
}

guint
_acr_progress_get_done (AcrProgress *progress)
{
  return g_atomic_int_get (&progress->n_done);
}

guint
_acr_progress_get_total (AcrProgress *progress)
{
  return g_atomic_int_get (&progress->n_total);
}
