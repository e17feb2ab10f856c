#define G_LOG_DOMAIN "acr-csv"

#include "config.h"

#include "acr-csv-import.h"
#include "acr-csv-writer.h"

/* CSV export of members: the columns an import reads (acr-csv-import.c). */

typedef struct
{
  AcrCsvWriter       *writer;
  const char * const *columns;
  const char        **fields;
} ExportRows;

static gboolean
write_member_row (AcrMember  *m,
                  gpointer    user_data,
                  GError    **error)
{
  ExportRows *rows = user_data;
  g_autofree char *number = acr_member_dup_number_text (m);

  for (guint k = 0; rows->columns[k] != NULL; k++)
    {
      const char *name = rows->columns[k];

      if (g_str_equal (name, "number"))
        rows->fields[k] = number;
      else if (g_str_equal (name, "given_name"))
        rows->fields[k] = acr_member_get_given_name (m);
      else if (g_str_equal (name, "family_name"))
        rows->fields[k] = acr_member_get_family_name (m);
      else
        rows->fields[k] = acr_member_get_field (m, name);
      if (rows->fields[k] == NULL)
        rows->fields[k] = "";
    }
  return acr_csv_writer_write_row (rows->writer, rows->fields, error);
}

/* Writes the members of @results, in its order, with the member columns. */
gboolean
acr_csv_export_members (AcrSearchResults  *results,
                        GOutputStream     *stream,
                        GError           **error)
{
  g_autoptr (AcrCsvWriter) writer = acr_csv_writer_new (stream);
  AcrStore *store = acr_search_results_get_store (results);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (results));
  const char * const *member_columns = acr_csv_member_columns ();
  guint n_columns = g_strv_length ((char **) member_columns);
  g_autofree const char **fields = g_new0 (const char *, n_columns + 1);
  ExportRows rows = { writer, member_columns, fields };

  if (!acr_csv_writer_write_row (writer, member_columns, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      /* Read directly: the model's cache is for the visible rows of a view. */
      g_autoptr (AcrMember) m = acr_store_lookup_member_by_id (store, acr_search_results_get_id (results, i), error);

      if (m == NULL || !write_member_row (m, &rows, error))
        return FALSE;
    }
  return g_output_stream_flush (stream, NULL, error);
}

/*
 * acr_csv_export_member_ids:
 * Writes the members of @ids (guint32, as acr_store_search_ids () gives
 * them), in that order, with the member columns: one member in memory at a
 * time, read in one pass, the output buffered. For the command line, which
 * has no search index and needs none.
 */
gboolean
acr_csv_export_member_ids (AcrStore       *store,
                           GArray         *ids,
                           GOutputStream  *stream,
                           GError        **error)
{
  g_autoptr (GOutputStream) buffered = NULL;
  g_autoptr (AcrCsvWriter) writer = NULL;
  const char * const *member_columns = acr_csv_member_columns ();
  guint n_columns = g_strv_length ((char **) member_columns);
  g_autofree const char **fields = g_new0 (const char *, n_columns + 1);
  ExportRows rows = { NULL, member_columns, fields };

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  /* Rows are short: write them to the file 64 KiB at a time, not one by one. */
  buffered = g_buffered_output_stream_new_sized (stream, 64 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  rows.writer = writer = acr_csv_writer_new (buffered);

  if (!acr_csv_writer_write_row (writer, member_columns, error) ||
      !acr_store_foreach_member (store, ids, write_member_row, &rows, error))
    return FALSE;
  return g_output_stream_flush (buffered, NULL, error) && g_output_stream_flush (stream, NULL, error);
}
