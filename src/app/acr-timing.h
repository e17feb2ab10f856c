#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Opt-in start-up timing, for benchmarks that start the real application
 * (tests/bench-ui.c): with ACR_TIMING=1 in the environment, the first time
 * each event happens the application prints one line to stderr,
 *
 *   acr-timing: EVENT MICROSECONDS
 *
 * MICROSECONDS being g_get_monotonic_time () (CLOCK_MONOTONIC, the same
 * clock in every process of the machine). Events: main, startup (GTK
 * initialised), store-open (rules loaded, store open), window-built,
 * first-frame and rows-shown (the members page's first frame painted, and
 * its first with member rows), search-ready (the lookup index attached). Off by default: then it costs one
 * test of a cached flag.
 */

gboolean acr_timing_enabled (void);
void     acr_timing_mark    (const char *event);

G_END_DECLS
