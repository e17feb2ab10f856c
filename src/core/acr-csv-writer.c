#define G_LOG_DOMAIN "acr-csv"

#include "config.h"

#include <string.h>

#include "acr-csv-writer.h"

struct _AcrCsvWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *line;
};

G_DEFINE_FINAL_TYPE (AcrCsvWriter, acr_csv_writer, G_TYPE_OBJECT)

static void
acr_csv_writer_dispose (GObject *object)
{
  AcrCsvWriter *self = ACR_CSV_WRITER (object);

  g_clear_object (&self->stream);

  G_OBJECT_CLASS (acr_csv_writer_parent_class)->dispose (object);
}

static void
acr_csv_writer_finalize (GObject *object)
{
  AcrCsvWriter *self = ACR_CSV_WRITER (object);

  g_string_free (self->line, TRUE);

  G_OBJECT_CLASS (acr_csv_writer_parent_class)->finalize (object);
}

static void
acr_csv_writer_class_init (AcrCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_csv_writer_dispose;
  object_class->finalize = acr_csv_writer_finalize;
}

static void
acr_csv_writer_init (AcrCsvWriter *self)
{
  self->line = g_string_new (NULL);
}

/* "-1250", "-12.50": a negative number, which no spreadsheet runs. */
static gboolean
is_negative_number (const char *field)
{
  const char *p = field + 1;
  gboolean point = FALSE;

  if (field[0] != '-' || !g_ascii_isdigit (*p))
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !point && g_ascii_isdigit (p[1]))
        point = TRUE;
      else if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

/* Whether @field gets a leading ' (see acr-csv-writer.h). */
static gboolean
needs_guard (const char *field)
{
  if (field[0] == '\'')
    return TRUE;
  if (field[0] == '\0' || strchr (ACR_CSV_FORMULA_STARTS, field[0]) == NULL)
    return FALSE;
  return !is_negative_number (field);
}

/* Appends @field quoted when it holds a comma, quote, line break or edge
 * space, or when it is guarded against formulas with a leading '. */
void
acr_csv_append_field (GString    *out,
                      const char *field)
{
  gboolean guard;
  gsize len;

  if (field == NULL)
    return;

  len = strlen (field);
  guard = needs_guard (field);
  if (!guard && strpbrk (field, ",\"\r\n") == NULL &&
      (len == 0 || (field[0] != ' ' && field[len - 1] != ' ')))
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

AcrCsvWriter *
acr_csv_writer_new (GOutputStream *stream)
{
  AcrCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_object_new (ACR_TYPE_CSV_WRITER, NULL);
  self->stream = g_object_ref (stream);
  return self;
}

gboolean
acr_csv_writer_write_row (AcrCsvWriter        *self,
                          const char * const  *fields,
                          GError             **error)
{
  g_return_val_if_fail (ACR_IS_CSV_WRITER (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  g_string_truncate (self->line, 0);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (self->line, ',');
      acr_csv_append_field (self->line, fields[i]);
    }
  g_string_append (self->line, "\r\n");

  return g_output_stream_write_all (self->stream, self->line->str, self->line->len,
                                    NULL, NULL, error);
}

gboolean
acr_csv_writer_close (AcrCsvWriter  *self,
                      GError       **error)
{
  g_return_val_if_fail (ACR_IS_CSV_WRITER (self), FALSE);
  return g_output_stream_close (self->stream, NULL, error);
}
