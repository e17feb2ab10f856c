#define G_LOG_DOMAIN "acr-cairo-stream"

#include "config.h"

#include "acr-cairo-stream-private.h"

void
_acr_cairo_stream_init (AcrCairoStream *self,
                        GOutputStream  *stream)
{
  self->stream = stream;
  self->error = NULL;
}

/* A cairo_write_func_t; @closure is the AcrCairoStream. */
cairo_status_t
_acr_cairo_stream_write (void                *closure,
                         const unsigned char *data,
                         unsigned int         length)
{
  AcrCairoStream *self = closure;

  if (self->error != NULL ||
      !g_output_stream_write_all (self->stream, data, length, NULL, NULL, &self->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* Once cairo is done: %FALSE with the stream's own error if writing failed
 * there (cairo's status is then only its echo); %TRUE otherwise. */
gboolean
_acr_cairo_stream_take_error (AcrCairoStream  *self,
                              GError         **error)
{
  if (self->error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&self->error));
  return FALSE;
}
