#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrCsvWriter: RFC 4180 records (CRLF line ends, quoting only where needed).
 *
 * No spreadsheet evaluates a cell it wrote (CSV formula injection, OWASP): a
 * value that starts with one of ACR_CSV_FORMULA_STARTS (= + - @ tab CR) is
 * written quoted with a leading ', and so is a value that starts with ' itself,
 * so that the rule can be undone exactly. A negative number ("-1250") is left
 * as it is: it is no formula. AcrCsvReader removes one leading ' when the next
 * character is one of ACR_CSV_FORMULA_STARTS or ': every string reads back
 * as it was written, and "'t Hooft" from elsewhere keeps its quote.
 */

#define ACR_CSV_FORMULA_STARTS "=+-@\t\r"

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
