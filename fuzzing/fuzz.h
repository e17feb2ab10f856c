#pragma once

/*
 * Shared by the fuzz targets: each fuzz-*.c defines LLVMFuzzerTestOneInput
 * and is linked either with libFuzzer (clang -fsanitize=fuzzer, see
 * build-aux/fuzz) or with driver.c, which replays the committed corpus as a
 * meson test.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A bad input must come back as a GError: a GLib-CRITICAL or a g_warning()
 * is a bug, so both abort (as G_DEBUG=fatal-warnings does in the tests),
 * whether logged through g_log () or g_log_structured ().
 * Messages and debug output are dropped to keep the fuzzer fast; set
 * FUZZING_DEBUG=1 to see them. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  static int debug = -1;

  if (debug < 0)
    debug = g_getenv ("FUZZING_DEBUG") != NULL;

  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  if (debug)
    return g_log_writer_standard_streams (log_level, fields, n_fields, user_data);

  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

/* The input as a NUL-terminated string (it may hold NUL bytes before the end). */
static inline char *
fuzz_dup_string (const uint8_t *data,
                 size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}
