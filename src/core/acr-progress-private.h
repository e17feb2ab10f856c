#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrProgress: the progress of a long piece of work over the membership
 * (a billing run, a what-if), reported to a function of the caller's.
 *
 * Run synchronously, the work calls the function itself. Run in a thread
 * (between _acr_progress_begin_async () and _acr_progress_end_async ()), the
 * function is called in the caller's main context, at most every tenth of a
 * second, one report queued at a time, so that it may touch widgets without
 * the main loop being flooded. The counters may be read from any thread.
 */

typedef void (*AcrProgressFunc) (guint    done,
                                 guint    total,
                                 gpointer user_data);

typedef struct
{
  AcrProgressFunc  func;
  gpointer         func_data;
  GObject         *owner;        /* kept alive while a report is queued */
  GMainContext    *context;      /* set while the work runs in a thread */
  gint64           reported_at;  /* the work's thread only */
  int              pending;      /* atomic: a report queued, not yet delivered */
  guint            n_done;       /* atomic */
  guint            n_total;      /* atomic */
} AcrProgress;

void  _acr_progress_init         (AcrProgress     *progress,
                                  GObject         *owner);
void  _acr_progress_set_func     (AcrProgress     *progress,
                                  AcrProgressFunc  func,
                                  gpointer         user_data);
void  _acr_progress_begin_async  (AcrProgress     *progress,
                                  GMainContext    *context);
void  _acr_progress_end_async    (AcrProgress     *progress);
void  _acr_progress_start        (AcrProgress     *progress,
                                  guint            total);
void  _acr_progress_report       (AcrProgress     *progress,
                                  guint            done,
                                  gboolean         force);
guint _acr_progress_get_done     (AcrProgress     *progress);
guint _acr_progress_get_total    (AcrProgress     *progress);

G_END_DECLS
