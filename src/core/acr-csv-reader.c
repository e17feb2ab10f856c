#define G_LOG_DOMAIN "acr-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-csv-reader.h"
#include "acr-csv-writer.h"

struct _AcrCsvReader
{
  GObject     parent_instance;

  GBytes     *data;
  char       *source_name;
  const char *text;
  gsize       length;
  gsize       pos;
  guint       row;        /* record number of the last record read, 1-based (blank lines do not count) */
  guint       n_columns;  /* 0 = take the count of the first record */
  gboolean    failed;     /* a syntax error leaves the rest unreadable */
};

G_DEFINE_FINAL_TYPE (AcrCsvReader, acr_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-csv-error-quark, acr_csv_error)

static gboolean
check_field (AcrCsvReader  *self,
             const char    *field,
             gsize          len,
             guint          column,
             GError       **error)
{
  const char *end = NULL;

  if (g_utf8_validate (field, len, &end))
    return TRUE;

  g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_INVALID_UTF8,
               _("%s:%u: column %u: invalid UTF-8 at byte %u of the field"),
               self->source_name, self->row, column, (guint) (end - field) + 1);
  return FALSE;
}

static void
acr_csv_reader_finalize (GObject *object)
{
  AcrCsvReader *self = ACR_CSV_READER (object);

  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->source_name, g_free);

  G_OBJECT_CLASS (acr_csv_reader_parent_class)->finalize (object);
}

static void
acr_csv_reader_class_init (AcrCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = acr_csv_reader_finalize;
}

static void
acr_csv_reader_init (AcrCsvReader *self)
{
}

AcrCsvReader *
acr_csv_reader_new (GBytes     *data,
                    const char *source_name)
{
  AcrCsvReader *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = g_object_new (ACR_TYPE_CSV_READER, NULL);
  self->data = g_bytes_ref (data);
  self->source_name = g_strdup (source_name ? source_name : "csv");
  self->text = g_bytes_get_data (data, &self->length);
  if (self->text == NULL)
    self->text = "";

  /* A UTF-8 byte order mark is not part of the first field. */
  if (self->length >= 3 && memcmp (self->text, "\xEF\xBB\xBF", 3) == 0)
    self->pos = 3;

  return self;
}

AcrCsvReader *
acr_csv_reader_new_for_path (const char  *path,
                             GError     **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_IO, "%s", local_error->message);
      g_error_free (local_error);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  name = g_path_get_basename (path);
  return acr_csv_reader_new (bytes, name);
}

const char *
acr_csv_reader_get_source_name (AcrCsvReader *self)
{
  g_return_val_if_fail (ACR_IS_CSV_READER (self), NULL);
  return self->source_name;
}

/* Every record must then have @n_columns fields; 0 takes the first record's count. */
void
acr_csv_reader_set_n_columns (AcrCsvReader *self,
                              guint         n_columns)
{
  g_return_if_fail (ACR_IS_CSV_READER (self));
  self->n_columns = n_columns;
}

guint
acr_csv_reader_get_row (AcrCsvReader *self)
{
  g_return_val_if_fail (ACR_IS_CSV_READER (self), 0);
  return self->row;
}

/*
 * acr_csv_reader_next:
 * Reads the next record into @fields (a new GStrv). Returns FALSE at the end
 * (with @fields NULL and no error) or on an error. Empty lines between records
 * are skipped; a record with the wrong number of fields is an error, but the
 * reader stays usable so an importer can list every bad row. A syntax error
 * (quotes) ends the reading: after it nothing can be trusted.
 */
gboolean
acr_csv_reader_next (AcrCsvReader  *self,
                     GStrv         *fields,
                     GError       **error)
{
  g_autoptr (GPtrArray) record = NULL;
  g_autoptr (GString) field = NULL;
  const char *s;
  gsize n;
  guint n_fields;

  g_return_val_if_fail (ACR_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  *fields = NULL;
  if (self->failed)
    return FALSE;

  s = self->text;
  n = self->length;

  /* Blank lines carry no record. */
  while (self->pos < n && (s[self->pos] == '\n' || s[self->pos] == '\r'))
    self->pos++;
  if (self->pos >= n)
    return FALSE;

  self->row++;
  record = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);

  for (;;)
    {
      guint column = record->len + 1;
      gboolean end_of_record = FALSE;

      g_string_truncate (field, 0);

      if (self->pos < n && s[self->pos] == '"')
        {
          gboolean closed = FALSE;

          self->pos++;
          while (self->pos < n)
            {
              char c = s[self->pos];

              if (c == '"')
                {
                  if (self->pos + 1 < n && s[self->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      self->pos += 2;
                      continue;
                    }
                  self->pos++;
                  closed = TRUE;
                  break;
                }
              g_string_append_c (field, c);
              self->pos++;
            }

          if (!closed)
            {
              self->failed = TRUE;
              g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_UNTERMINATED_QUOTE,
                           _("%s:%u: column %u: the quoted field is never closed"),
                           self->source_name, self->row, column);
              return FALSE;
            }

          if (self->pos < n && s[self->pos] != ',' && s[self->pos] != '\n' && s[self->pos] != '\r')
            {
              self->failed = TRUE;
              g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_BAD_QUOTE,
                           _("%s:%u: column %u: text after the closing quote"),
                           self->source_name, self->row, column);
              return FALSE;
            }
        }
      else
        {
          while (self->pos < n && s[self->pos] != ',' && s[self->pos] != '\n' && s[self->pos] != '\r')
            {
              if (s[self->pos] == '"')
                {
                  self->failed = TRUE;
                  g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_BAD_QUOTE,
                               _("%s:%u: column %u: a quote inside an unquoted field (quote the whole field and double the quote)"),
                               self->source_name, self->row, column);
                  return FALSE;
                }
              g_string_append_c (field, s[self->pos]);
              self->pos++;
            }
        }

      if (!check_field (self, field->str, field->len, column, error))
        {
          /* Skip to the end of this physical line so later rows can be checked. */
          while (self->pos < n && s[self->pos] != '\n')
            self->pos++;
          return FALSE;
        }
      /* A cell AcrCsvWriter guarded against spreadsheet formulas: the
       * rule and why it reads every string back exactly are in
       * acr-csv-writer.h. */
      if (field->len >= 2 && field->str[0] == '\'' && field->str[1] != '\0' &&
          (field->str[1] == '\'' || strchr (ACR_CSV_FORMULA_STARTS, field->str[1]) != NULL))
        g_string_erase (field, 0, 1);
      g_ptr_array_add (record, g_strndup (field->str, field->len));

      if (self->pos >= n)
        end_of_record = TRUE;
      else if (s[self->pos] == ',')
        self->pos++;
      else
        {
          if (s[self->pos] == '\r')
            self->pos++;
          if (self->pos < n && s[self->pos] == '\n')
            self->pos++;
          end_of_record = TRUE;
        }

      if (end_of_record)
        break;
    }

  n_fields = record->len;
  g_ptr_array_add (record, NULL);

  if (self->n_columns == 0)
    self->n_columns = n_fields;
  else if (n_fields != self->n_columns)
    {
      g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_COLUMN_COUNT,
                   _("%s:%u: column %u: expected %u columns, found %u"),
                   self->source_name, self->row,
                   MIN (n_fields, self->n_columns) + 1, self->n_columns, n_fields);
      return FALSE;
    }

  *fields = (GStrv) g_ptr_array_free (g_steal_pointer (&record), FALSE);
  return TRUE;
}
