#pragma once

/*
 * What every benchmark prints beside its figures: the machine, the build
 * type, whether debugging checks slow the run down, and peak memory
 * (getrusage: the largest resident set so far, this process or its
 * waited-for children).
 */

#include <glib.h>
#include <stdio.h>
#include <sys/resource.h>

#ifndef ACR_BENCH_BUILDTYPE
#define ACR_BENCH_BUILDTYPE "unknown"
#endif

G_BEGIN_DECLS

/* Peak resident set size in MB: RUSAGE_SELF or RUSAGE_CHILDREN. */
static inline double
acr_bench_peak_rss_mb (int who)
{
  struct rusage usage;

  if (getrusage (who, &usage) != 0)
    return -1;
  return usage.ru_maxrss / 1024.0;
}

static inline void
acr_bench_print_header (const char *name)
{
  const char *checks[] = { "G_DEBUG", "MALLOC_CHECK_", "MALLOC_PERTURB_", "G_SLICE" };
  g_autofree char *load = NULL;

  printf ("%s: machine %s, %u processors, build type %s%s\n", name, g_get_host_name (),
          g_get_num_processors (), ACR_BENCH_BUILDTYPE,
#ifdef __OPTIMIZE__
          " (optimized)"
#else
          " (NOT optimized: figures are not representative)"
#endif
          );
  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("load average at start: %s", load);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    if (g_getenv (checks[i]) != NULL && *g_getenv (checks[i]) != '\0')
      printf ("warning: %s=%s is set: its checks slow every figure below\n", checks[i], g_getenv (checks[i]));
  fflush (stdout);
}

G_END_DECLS
