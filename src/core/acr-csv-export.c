#define G_LOG_DOMAIN "acr-csv"

#include "config.h"

#include "acr-csv-import.h"
#include "acr-csv-writer.h"

/* CSV export of members: the columns an import reads (acr-csv-import.c). */

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

  if (!acr_csv_writer_write_row (writer, member_columns, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      /* Read directly: the model's cache is for the visible rows of a view. */
      g_autoptr (AcrMember) m = acr_store_lookup_member_by_id (store, acr_search_results_get_id (results, i), error);
      g_autofree char *number = NULL;

      if (m == NULL)
        return FALSE;
      number = acr_member_dup_number_text (m);
      for (guint k = 0; member_columns[k] != NULL; k++)
        {
          const char *name = member_columns[k];
          if (g_str_equal (name, "number"))
            fields[k] = number;
          else if (g_str_equal (name, "given_name"))
            fields[k] = acr_member_get_given_name (m);
          else if (g_str_equal (name, "family_name"))
            fields[k] = acr_member_get_family_name (m);
          else
            fields[k] = acr_member_get_field (m, name);
          if (fields[k] == NULL)
            fields[k] = "";
        }
      if (!acr_csv_writer_write_row (writer, fields, error))
        return FALSE;
    }
  return g_output_stream_flush (stream, NULL, error);
}
