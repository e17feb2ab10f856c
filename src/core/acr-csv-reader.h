#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * AcrCsvReader: RFC 4180 records from UTF-8 text (with or without a byte order
 * mark, CRLF or LF line ends, quoted fields holding commas, quotes and line
 * breaks). Errors name the row (the header is row 1) and the column.
 */

#define ACR_CSV_ERROR (acr_csv_error_quark ())

typedef enum
{
  ACR_CSV_ERROR_INVALID_UTF8,
  ACR_CSV_ERROR_UNTERMINATED_QUOTE,
  ACR_CSV_ERROR_BAD_QUOTE,          /* a quote inside an unquoted field, or text after a closing quote */
  ACR_CSV_ERROR_COLUMN_COUNT,
  ACR_CSV_ERROR_HEADER,             /* a missing, unknown or repeated column name */
  ACR_CSV_ERROR_IO,
  ACR_CSV_ERROR_REJECTED,          /* an import refused: the message lists the bad rows */
} AcrCsvError;

#define ACR_TYPE_CSV_READER (acr_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (AcrCsvReader, acr_csv_reader, ACR, CSV_READER, GObject)

GQuark        acr_csv_error_quark          (void);

AcrCsvReader *acr_csv_reader_new           (GBytes        *data,
                                            const char    *source_name);
AcrCsvReader *acr_csv_reader_new_for_path  (const char    *path,
                                            GError       **error);
const char   *acr_csv_reader_get_source_name (AcrCsvReader *self);
void          acr_csv_reader_set_n_columns (AcrCsvReader  *self,
                                            guint          n_columns);
gboolean      acr_csv_reader_next          (AcrCsvReader  *self,
                                            GStrv         *fields,
                                            GError       **error);
guint         acr_csv_reader_get_row       (AcrCsvReader  *self);

G_END_DECLS
