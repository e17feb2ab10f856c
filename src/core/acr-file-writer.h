#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrFileWriter: an output stream that writes a whole file or nothing. It
 * writes to a temporary file beside the target (mode 0600, a name of its
 * own, so writers never share one), checks every write, and on
 * g_output_stream_close() syncs the data to disk and moves the file into
 * place atomically. A writer dropped before it is closed, or whose write,
 * sync or move failed, removes its temporary file and leaves the target as
 * it was. Every error is a G_IO_ERROR whose message names the target.
 *
 * The target is refused when it is (or would become) one of the files of a
 * database passed to acr_file_writer_protect(), whatever the flags, and when
 * it exists unless ACR_FILE_WRITER_REPLACE is given (G_IO_ERROR_EXISTS).
 */

typedef enum
{
  ACR_FILE_WRITER_NONE    = 0,
  ACR_FILE_WRITER_REPLACE = 1 << 0,  /* the user asked to replace an existing file */
} AcrFileWriterFlags;

#define ACR_TYPE_FILE_WRITER (acr_file_writer_get_type ())

G_DECLARE_FINAL_TYPE (AcrFileWriter, acr_file_writer, ACR, FILE_WRITER, GOutputStream)

AcrFileWriter *acr_file_writer_new          (const char          *path,
                                             AcrFileWriterFlags   flags,
                                             GError             **error);
const char    *acr_file_writer_get_path     (AcrFileWriter       *self);
gboolean       acr_file_writer_check_target (const char          *path,
                                             AcrFileWriterFlags   flags,
                                             GError             **error);
void           acr_file_writer_protect      (const char          *database_path);

G_END_DECLS
