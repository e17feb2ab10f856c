#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* AcrCsvWriter: RFC 4180 records (CRLF line ends, quoting only where needed). */

#define ACR_TYPE_CSV_WRITER (acr_csv_writer_get_type ())

G_DECLARE_FINAL_TYPE (AcrCsvWriter, acr_csv_writer, ACR, CSV_WRITER, GObject)

AcrCsvWriter *acr_csv_writer_new        (GOutputStream       *stream);
gboolean      acr_csv_writer_write_row  (AcrCsvWriter        *self,
                                         const char * const  *fields,
                                         GError             **error);
gboolean      acr_csv_writer_close      (AcrCsvWriter        *self,
                                         GError             **error);
void          acr_csv_append_field      (GString             *out,
                                         const char          *field);

G_END_DECLS
