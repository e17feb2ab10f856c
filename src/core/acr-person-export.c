#define G_LOG_DOMAIN "acr-person-export"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "acr-cairo-stream-private.h"
#include "acr-catalog.h"
#include "acr-money.h"
#include "acr-person-export.h"
#include "acr-store-private.h"
#include "acr-store-sqlite-private.h"

/* Letter, in points; the margins of the invoices. */
#define PAGE_WIDTH 612.0
#define PAGE_HEIGHT 792.0
#define MARGIN 54.0

/* Columns that hold JSON text: exported as JSON, not as a string. */
static const char * const json_columns[] = { "person", "contact", "reasons", NULL };

static AcrStoreSqlite *
get_sqlite (AcrStore  *store,
            GError   **error)
{
  AcrStoreBackend *backend = acr_store_get_backend (store);

  if (!ACR_IS_STORE_SQLITE (backend))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: exporting a person is only available for the embedded (SQLite) database"),
                   acr_store_get_location (store));
      return NULL;
    }
  return ACR_STORE_SQLITE (backend);
}

static JsonNode *
column_to_json (sqlite3_stmt *stmt,
                int           column)
{
  const char *name = sqlite3_column_name (stmt, column);
  JsonNode *node;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return json_node_init_int (json_node_alloc (), sqlite3_column_int64 (stmt, column));
    case SQLITE_FLOAT:
      return json_node_init_double (json_node_alloc (), sqlite3_column_double (stmt, column));
    case SQLITE_NULL:
      return json_node_init_null (json_node_alloc ());
    default:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);

        if (g_strv_contains (json_columns, name) && (node = json_from_string (text, NULL)) != NULL)
          return node;
        return json_node_init_string (json_node_alloc (), text);
      }
    }
}

/* The rows of @sql (with ?1 = @id) as an array of objects named by column. */
static JsonNode *
rows_to_json (AcrStoreSqlite  *sqlite,
              const char      *sql,
              gint64           id,
              GError         **error)
{
  g_autoptr (JsonArray) rows = json_array_new ();
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (_acr_store_sqlite_get_db (sqlite), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _acr_store_sqlite_set_error (sqlite, rc, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        json_object_set_member (row, sqlite3_column_name (stmt, c), column_to_json (stmt, c));
      json_array_add_object_element (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _acr_store_sqlite_set_error (sqlite, rc, error);
      return NULL;
    }
  return json_node_init_array (json_node_alloc (), rows);
}

static gboolean
has_table (AcrStoreSqlite *sqlite,
           const char     *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (_acr_store_sqlite_get_db (sqlite),
                          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);
  return found;
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *needs_table;
} Section;

static const Section member_sections[] = {
  { "history", "SELECT revision, changed_at, account, field, old_value, new_value, reason FROM member_history"
               " WHERE member_id = ?1 ORDER BY id", NULL },
  { "applications", "SELECT id, applied_on, outcome, person, contact, reasons, account, recorded_at FROM applications"
                    " WHERE member_id = ?1 ORDER BY id", NULL },
  { "invoices", "SELECT * FROM invoices WHERE member_id = ?1 ORDER BY id", "invoices" },
  { "invoice_lines", "SELECT i.number AS invoice, l.position, l.code, l.description, l.amount_cents, l.placeholder"
                     " FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.member_id = ?1"
                     " ORDER BY i.id, l.position", "invoices" },
  { "payments", "SELECT i.number AS invoice, i.currency, p.amount_cents, p.paid_on, p.method, p.reference, p.recorded_at"
                " FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.member_id = ?1 ORDER BY p.id",
    "invoice_payments" },
  { "anonymisations", "SELECT done_at, account, reason FROM anonymisations WHERE member_id = ?1 ORDER BY id",
    "anonymisations" },
};

static JsonObject *
new_export (const char *language)
{
  JsonObject *export = json_object_new ();
  g_autofree char *now = _acr_store_now ();

  json_object_set_int_member (export, "format", 1);
  json_object_set_string_member (export, "exported_at", now);
  json_object_set_string_member (export, "language", language != NULL ? language : "en");
  return export;
}

/**
 * acr_person_export_member:
 * Returns: (transfer full): everything held about member @number (see the
 *   top of acr-person-export.h), or NULL with @error set
 */
JsonNode *
acr_person_export_member (AcrStore    *store,
                          guint        number,
                          GError     **error)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (JsonObject) export = NULL;
  AcrStoreSqlite *sqlite;

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);

  if ((sqlite = get_sqlite (store, error)) == NULL || (member = acr_store_lookup_member (store, number, error)) == NULL)
    return NULL;
  export = new_export (acr_member_get_language (member));
  json_object_set_member (export, "member", acr_member_to_json (member));
  for (guint i = 0; i < G_N_ELEMENTS (member_sections); i++)
    {
      JsonNode *rows;

      if (member_sections[i].needs_table != NULL && !has_table (sqlite, member_sections[i].needs_table))
        {
          json_object_set_array_member (export, member_sections[i].name, json_array_new ());
          continue;
        }
      if ((rows = rows_to_json (sqlite, member_sections[i].sql, acr_member_get_id (member), error)) == NULL)
        return NULL;
      json_object_set_member (export, member_sections[i].name, rows);
    }
  return json_node_init_object (json_node_alloc (), export);
}

/**
 * acr_person_export_application:
 * Returns: (transfer full): what is held about the applicant of
 *   application @application_id, or NULL with @error set
 */
JsonNode *
acr_person_export_application (AcrStore    *store,
                               gint64       application_id,
                               GError     **error)
{
  g_autoptr (JsonObject) export = NULL;
  g_autoptr (JsonNode) rows = NULL;
  AcrStoreSqlite *sqlite;
  JsonArray *array;
  JsonObject *contact;
  const char *language = "en";

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);

  if ((sqlite = get_sqlite (store, error)) == NULL ||
      (rows = rows_to_json (sqlite, "SELECT id, applied_on, outcome, person, contact, reasons, account, recorded_at"
                                    " FROM applications WHERE id = ?1", application_id, error)) == NULL)
    return NULL;
  array = json_node_get_array (rows);
  if (json_array_get_length (array) == 0)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND, _("no application %lld"),
                   (long long) application_id);
      return NULL;
    }
  contact = json_object_get_object_member (json_array_get_object_element (array, 0), "contact");
  if (contact != NULL && json_object_has_member (contact, "language") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (contact, "language")))
    language = json_object_get_string_member (contact, "language");
  export = new_export (language);
  json_object_set_null_member (export, "member");
  json_object_set_member (export, "applications", g_steal_pointer (&rows));
  for (guint i = 0; i < G_N_ELEMENTS (member_sections); i++)
    {
      if (!json_object_has_member (export, member_sections[i].name))
        json_object_set_array_member (export, member_sections[i].name, json_array_new ());
    }
  /* json_node_init_object () takes a reference of its own: @export's is dropped on return. */
  return json_node_init_object (json_node_alloc (), export);
}

/* --- Files --- */

gboolean
acr_person_export_write_json (JsonNode            *export,
                              const char          *path,
                              AcrFileWriterFlags   flags,
                              GError             **error)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (AcrFileWriter) writer = NULL;
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, export);
  text = json_generator_to_data (generator, NULL);
  if ((writer = acr_file_writer_new (path, flags, error)) == NULL)
    return FALSE;
  return g_output_stream_write_all (G_OUTPUT_STREAM (writer), text, strlen (text), NULL, NULL, error) &&
         g_output_stream_write_all (G_OUTPUT_STREAM (writer), "\n", 1, NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (writer), NULL, error);
}

typedef struct
{
  AcrFileWriter  *out;
  AcrCairoStream  sink;
  cairo_t        *cr;
  AcrCatalog    *catalog;
  const char    *language;
  double         y;
} Pdf;

#define T(s) acr_catalog_gettext (pdf->catalog, (s))

/* One paragraph at the current height, on a new page when it does not fit. */
static void
paragraph (Pdf        *pdf,
           const char *font,
           const char *text,
           double      space_after)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int width, height;

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_width (layout, (int) ((PAGE_WIDTH - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, &height);
  if (pdf->y + height / (double) PANGO_SCALE > PAGE_HEIGHT - MARGIN && pdf->y > MARGIN)
    {
      cairo_show_page (pdf->cr);
      pdf->y = MARGIN;
    }
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += height / (double) PANGO_SCALE + space_after;
}

static void
heading (Pdf        *pdf,
         const char *text)
{
  pdf->y += 8;
  /* Not alone at the foot of a page. */
  if (pdf->y > PAGE_HEIGHT - MARGIN - 48)
    {
      cairo_show_page (pdf->cr);
      pdf->y = MARGIN;
    }
  paragraph (pdf, "Cantarell Bold 12", text, 4);
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GValue value = G_VALUE_INIT;
      g_autofree char *text = NULL;

      json_node_get_value (node, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        text = g_value_dup_string (&value);
      else if (G_VALUE_HOLDS_INT64 (&value))
        text = g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (&value));
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        text = g_strdup (g_value_get_boolean (&value) ? "yes" : "no");
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        text = g_strdup_printf ("%g", g_value_get_double (&value));
      g_value_unset (&value);
      return text != NULL ? g_steal_pointer (&text) : g_strdup ("—");
    }
  return json_to_string (node, FALSE);
}

/* "key: value" for every member of @object, one paragraph. */
static void
object_lines (Pdf        *pdf,
              JsonObject *object,
              const char *skip)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) names = object ? json_object_get_members (object) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      if (g_strcmp0 (l->data, skip) == 0)
        continue;
      value = node_text (json_object_get_member (object, l->data));
      g_string_append_printf (text, "%s%s: %s", text->len ? "\n" : "", (const char *) l->data, value);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  paragraph (pdf, "Cantarell 9", text->str, 4);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64
    ? json_node_get_int (node) : 0;
}

static void
draw_export (Pdf        *pdf,
             JsonObject *export)
{
  JsonObject *member = json_object_get_null_member (export, "member") ? NULL
                                                                      : json_object_get_object_member (export, "member");
  JsonArray *history = json_object_get_array_member (export, "history");
  JsonArray *applications = json_object_get_array_member (export, "applications");
  JsonArray *invoices = json_object_get_array_member (export, "invoices");
  JsonArray *payments = json_object_get_array_member (export, "payments");
  JsonArray *anonymisations = json_object_get_array_member (export, "anonymisations");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (member != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", member_string (member, "given_name") ?: "",
                                               member_string (member, "family_name") ?: "");

      title = g_strdup_printf (T (N_("Personal data held about %s")), g_strstrip (name));
      subtitle = g_strdup_printf (T (N_("Member %s — exported on %s")), member_string (member, "number") ?: "",
                                  member_string (export, "exported_at"));
    }
  else
    {
      title = g_strdup (T (N_("Personal data held about an applicant")));
      subtitle = g_strdup_printf (T (N_("Exported on %s")), member_string (export, "exported_at"));
    }
  paragraph (pdf, "Cantarell Bold 16", title, 2);
  paragraph (pdf, "Cantarell 9", subtitle, 6);
  paragraph (pdf, "Cantarell 9", T (N_("Everything the membership database of the American College of Radiology "
                                       "holds about this person: the member record, its history, applications, "
                                       "invoices and payments.")), 4);

  if (member != NULL)
    {
      heading (pdf, T (N_("Member record")));
      object_lines (pdf, member, "person");
      heading (pdf, T (N_("Facts given for membership")));
      object_lines (pdf, json_object_get_object_member (member, "person"), NULL);
    }

  heading (pdf, T (N_("History of changes")));
  if (history == NULL || json_array_get_length (history) == 0)
    paragraph (pdf, "Cantarell 9", "—", 2);
  for (guint i = 0; history != NULL && i < json_array_get_length (history); i++)
    {
      JsonObject *row = json_array_get_object_element (history, i);
      g_autofree char *old_value = node_text (json_object_get_member (row, "old_value"));
      g_autofree char *new_value = node_text (json_object_get_member (row, "new_value"));
      g_autofree char *line = g_strdup_printf ("%s  %s: %s → %s  (%s, %s)", member_string (row, "changed_at"),
                                               member_string (row, "field"), old_value, new_value,
                                               member_string (row, "reason") ?: "—", member_string (row, "account"));

      paragraph (pdf, "Cantarell 9", line, 1);
    }

  heading (pdf, T (N_("Applications")));
  if (applications == NULL || json_array_get_length (applications) == 0)
    paragraph (pdf, "Cantarell 9", "—", 2);
  for (guint i = 0; applications != NULL && i < json_array_get_length (applications); i++)
    {
      JsonObject *row = json_array_get_object_element (applications, i);

      object_lines (pdf, row, NULL);
    }

  heading (pdf, T (N_("Invoices")));
  if (invoices == NULL || json_array_get_length (invoices) == 0)
    paragraph (pdf, "Cantarell 9", "—", 2);
  for (guint i = 0; invoices != NULL && i < json_array_get_length (invoices); i++)
    {
      JsonObject *row = json_array_get_object_element (invoices, i);
      g_autofree char *total = acr_money_format (member_int (row, "total_cents"), pdf->language);
      g_autofree char *line = g_strdup_printf ("%s  %s  %s  %s  %s", member_string (row, "number"),
                                               member_string (row, "issued_on"), member_string (row, "kind"),
                                               total, member_string (row, "member_name"));

      paragraph (pdf, "Cantarell 9", line, 1);
    }

  heading (pdf, T (N_("Payments")));
  if (payments == NULL || json_array_get_length (payments) == 0)
    paragraph (pdf, "Cantarell 9", "—", 2);
  for (guint i = 0; payments != NULL && i < json_array_get_length (payments); i++)
    {
      JsonObject *row = json_array_get_object_element (payments, i);
      g_autofree char *amount = acr_money_format (member_int (row, "amount_cents"), pdf->language);
      g_autofree char *line = g_strdup_printf ("%s  %s  %s  %s", member_string (row, "paid_on"),
                                               member_string (row, "invoice"), amount, member_string (row, "method"));

      paragraph (pdf, "Cantarell 9", line, 1);
    }

  if (anonymisations != NULL && json_array_get_length (anonymisations) > 0)
    {
      heading (pdf, T (N_("Anonymised")));
      for (guint i = 0; i < json_array_get_length (anonymisations); i++)
        object_lines (pdf, json_array_get_object_element (anonymisations, i), NULL);
    }
}

/**
 * acr_person_export_write_pdf:
 * Draws @export (from acr_person_export_member () or _application ()) as a
 * PDF in the person's language, written whole or not at all (0600).
 */
gboolean
acr_person_export_write_pdf (JsonNode            *export,
                             const char          *path,
                             AcrFileWriterFlags   flags,
                             GError             **error)
{
  JsonObject *object;
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { 0, };
  gboolean ok;

  g_return_val_if_fail (export != NULL && JSON_NODE_HOLDS_OBJECT (export), FALSE);

  object = json_node_get_object (export);
  if ((pdf.out = acr_file_writer_new (path, flags, error)) == NULL)
    return FALSE;
  pdf.language = acr_language_normalize (member_string (object, "language"));
  pdf.catalog = acr_catalog_get_for_language (pdf.language);
  _acr_cairo_stream_init (&pdf.sink, G_OUTPUT_STREAM (pdf.out));
  surface = cairo_pdf_surface_create_for_stream (_acr_cairo_stream_write, &pdf.sink, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
  pdf.cr = cairo_create (surface);
  pdf.y = MARGIN;
  cairo_set_source_rgb (pdf.cr, 0, 0, 0);
  draw_export (&pdf, object);
  cairo_show_page (pdf.cr);
  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  ok = _acr_cairo_stream_take_error (&pdf.sink, error);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot write the PDF: %s"), path,
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (pdf.out), NULL, error);
  g_clear_object (&pdf.out);
  return ok;
}
