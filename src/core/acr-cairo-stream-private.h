#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Where cairo writes a document (PDF, PNG): a GOutputStream, and the first
 * error the stream met. That error (a full disk, naming the file, from
 * AcrFileWriter) is the one to report, not cairo's "error while writing to
 * output stream"; after the first failure nothing more is written.
 */
typedef struct
{
  GOutputStream *stream;
  GError        *error;
} AcrCairoStream;

void           _acr_cairo_stream_init       (AcrCairoStream       *self,
                                             GOutputStream        *stream);
cairo_status_t _acr_cairo_stream_write      (void                 *closure,
                                             const unsigned char  *data,
                                             unsigned int          length);
gboolean       _acr_cairo_stream_take_error (AcrCairoStream       *self,
                                             GError              **error);

G_END_DECLS
