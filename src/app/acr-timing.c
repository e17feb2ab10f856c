#define G_LOG_DOMAIN "acr-timing"

#include "config.h"

#include <stdio.h>

#include "acr-timing.h"

static GHashTable *marked;  /* events already printed */

gboolean
acr_timing_enabled (void)
{
  static gsize enabled;

  if (g_once_init_enter (&enabled))
    {
      const char *value = g_getenv ("ACR_TIMING");

      g_once_init_leave (&enabled, value != NULL && g_str_equal (value, "1") ? 2 : 1);
    }

  return enabled == 2;
}

/* Prints @event with the time now, the first time only (main thread). */
void
acr_timing_mark (const char *event)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (event != NULL);

  if (!acr_timing_enabled ())
    return;

  if (marked == NULL)
    marked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_add (marked, g_strdup (event)))
    return;

  fprintf (stderr, "acr-timing: %s %" G_GINT64_FORMAT "\n", event, now);
  fflush (stderr);
}
