#define G_LOG_DOMAIN "acr-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing.h"
#include "acr-chart-view.h"
#include "acr-confirm.h"
#include "acr-date.h"
#include "acr-file-writer.h"
#include "acr-money.h"
#include "acr-reports-page.h"
#include "acr-window.h"

/*
 * The Reports view: a report chosen with its year, drawn as a chart with
 * the table of its figures beside it (the table is what a screen reader
 * reads and what CSV holds). A report is computed in a thread on a
 * connection of its own while the previous chart stays on screen; changing
 * the filters again drops the result of the older request. Export writes
 * the table as CSV or the chart as PDF or PNG (the same drawing); Print
 * prints the chart and its table.
 */

struct _AcrReportsPage
{
  GtkWidget       parent_instance;

  AcrStore       *store;
  AcrRules       *rules;
  AcrReport      *report;
  GCancellable   *cancellable;
  guint           generation;  /* of the latest request: older results are dropped */
  GArray         *years;       /* int per row of year_row; 0 is "All years" */
  gboolean        filling;     /* the year list is being rebuilt: no reload per row */

  GtkScrolledWindow *scroller;
  AdwComboRow    *kind_row;
  AdwComboRow    *year_row;
  GtkSpinner     *spinner;
  GtkLabel       *error_label;
  AcrChartView   *chart_view;
  GtkGrid        *table;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrReportsPage, acr_reports_page, GTK_TYPE_WIDGET)

typedef struct
{
  char          *location;
  AcrRules      *rules;
  AcrReportKind  kind;
  int            year;
  GDate          on;
  guint          generation;
} Request;

static void
request_free (Request *request)
{
  g_free (request->location);
  g_clear_object (&request->rules);
  g_free (request);
}

static AcrReportKind
selected_kind (AcrReportsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < ACR_REPORT_N_KINDS ? (AcrReportKind) selected : ACR_REPORT_DUES_BY_YEAR;
}

static int
selected_year (AcrReportsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->year_row);

  return selected < self->years->len ? g_array_index (self->years, int, selected) : 0;
}

static void
set_loading (AcrReportsPage *self,
             gboolean        loading)
{
  if (loading == gtk_spinner_get_spinning (self->spinner))
    return;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
clear_table (AcrReportsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
}

static void
fill_table (AcrReportsPage *self)
{
  clear_table (self);
  if (self->report == NULL)
    return;

  for (guint c = 0; c < acr_report_get_n_columns (self->report); c++)
    {
      GtkWidget *label = gtk_label_new (acr_report_get_column_title (self->report, c));
      gboolean number = acr_report_get_column_type (self->report, c) != ACR_REPORT_COLUMN_TEXT;

      gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->table, label, c, 0, 1, 1);
    }
  for (guint r = 0; r < acr_report_get_n_rows (self->report); r++)
    for (guint c = 0; c < acr_report_get_n_columns (self->report); c++)
      {
        g_autofree char *text = acr_report_format_cell (self->report, r, c, NULL);
        GtkWidget *label = gtk_label_new (text);
        gboolean number = acr_report_get_column_type (self->report, c) != ACR_REPORT_COLUMN_TEXT;

        gtk_label_set_xalign (GTK_LABEL (label), number ? 1.0 : 0.0);
        gtk_label_set_selectable (GTK_LABEL (label), TRUE);
        if (number)
          gtk_widget_add_css_class (label, "numeric");
        gtk_grid_attach (self->table, label, c, r + 1, 1, 1);
      }
  if (acr_report_get_n_rows (self->report) == 0)
    {
      GtkWidget *label = gtk_label_new (_("Nothing to report yet: bill a year first."));

      gtk_label_set_xalign (GTK_LABEL (label), 0.0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->table, label, 0, 1, MAX (acr_report_get_n_columns (self->report), 1), 1);
    }
}

static void
build_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = acr_store_open_existing (request->location, &error);
  g_autoptr (AcrBilling) billing = NULL;
  AcrReport *report;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  billing = acr_billing_new (store, request->rules);
  report = acr_report_build (billing, request->kind, request->year, &request->on, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
built_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AcrReportsPage *self = ACR_REPORTS_PAGE (source);
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrReport) report = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer request is on its way, or the page is gone: this one is stale. */
  if (request->generation != self->generation || self->years == NULL)
    return;
  set_loading (self, FALSE);
  if (report == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_set_object (&self->report, report);
  acr_chart_view_set_chart (self->chart_view, acr_report_get_chart (report));
  fill_table (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", TRUE);
}

static void
reload (AcrReportsPage *self)
{
  g_autoptr (GTask) task = NULL;
  Request *request;

  if (self->store == NULL || self->rules == NULL || self->filling)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->location = g_strdup (acr_store_get_location (self->store));
  request->rules = g_object_ref (self->rules);
  request->kind = selected_kind (self);
  request->year = acr_report_kind_uses_year (request->kind) ? selected_year (self) : 0;
  request->generation = ++self->generation;
  acr_date_today (&request->on);

  gtk_widget_set_sensitive (GTK_WIDGET (self->year_row), acr_report_kind_uses_year (request->kind));
  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, built_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, build_in_thread);
}

static void
filters_changed_cb (AcrReportsPage *self)
{
  reload (self);
}

/* "All years", then the years Billing offers (acr_billing_list_years ():
 * the rules', those with invoices, this year and the next), newest first;
 * this year chosen. */
static void
fill_years (AcrReportsPage *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree int *years = NULL;
  guint n_years = 0;
  guint select = 0;
  int all = 0;
  GDate today;

  acr_date_today (&today);
  g_array_set_size (self->years, 0);
  g_array_append_val (self->years, all);
  gtk_string_list_append (labels, _("All years"));
  if (self->store != NULL && self->rules != NULL)
    {
      g_autoptr (AcrBilling) billing = acr_billing_new (self->store, self->rules);

      years = acr_billing_list_years (billing, &today, &n_years, NULL);
    }
  for (guint i = n_years; i > 0; i--)
    {
      g_autofree char *label = g_strdup_printf ("%d", years[i - 1]);

      if (years[i - 1] == g_date_get_year (&today))
        select = self->years->len;
      g_array_append_val (self->years, years[i - 1]);
      gtk_string_list_append (labels, label);
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->year_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->year_row, select);
  self->filling = FALSE;
}

static gboolean
write_export (AcrReportsPage  *self,
              const char      *format,
              GOutputStream   *stream,
              GError         **error)
{
  AcrChart *chart = acr_report_get_chart (self->report);
  const char *language = acr_language_of_interface ();

  if (g_str_equal (format, "csv"))
    return acr_report_write_csv (self->report, stream, error);
  if (g_str_equal (format, "pdf"))
    /* US Letter, landscape. */
    return acr_chart_write_pdf (chart, stream, 792, 612, language, error);
  return acr_chart_write_png (chart, stream, 1600, 1000, language, error);
}

/**
 * acr_reports_page_export:
 * @format: "csv", "pdf" or "png"
 *
 * Writes the report shown: complete or absent, 0600, never over the database.
 */
gboolean
acr_reports_page_export (AcrReportsPage  *self,
                         const char      *format,
                         GFile           *file,
                         GError         **error)
{
  g_autofree char *path = NULL;
  g_autoptr (GOutputStream) stream = NULL;

  g_return_val_if_fail (ACR_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  path = g_file_get_path (file);
  if (self->store != NULL)
    acr_file_writer_protect (acr_store_get_location (self->store));
  /* The save dialog already asked before replacing a file. */
  stream = G_OUTPUT_STREAM (acr_file_writer_new (path, ACR_FILE_WRITER_REPLACE, error));
  if (stream == NULL)
    return FALSE;
  if (!write_export (self, format, stream, error))
    return FALSE;
  /* A CSV writer closes its stream itself; closing twice is harmless. */
  return g_output_stream_close (stream, NULL, error);
}

typedef struct
{
  AcrReportsPage *self;
  char           *format;
} ExportChoice;

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  ExportChoice *choice = user_data;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && choice->self->report != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (!acr_reports_page_export (choice->self, choice->format, file, &error))
        acr_alert (GTK_WIDGET (choice->self), _("The report was not exported"), error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Exported %s"), name);

          acr_window_toast_for (GTK_WIDGET (choice->self), text);
        }
    }
  g_object_unref (choice->self);
  g_free (choice->format);
  g_free (choice);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AcrReportsPage *self = ACR_REPORTS_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  ExportChoice *choice;
  g_autofree char *name = NULL;
  int year;

  if (self->report == NULL)
    return;
  year = acr_report_kind_uses_year (acr_report_get_kind (self->report)) ? selected_year (self) : 0;
  name = year != 0 ? g_strdup_printf ("%s-%d.%s", acr_report_kind_to_string (acr_report_get_kind (self->report)), year, format)
                   : g_strdup_printf ("%s.%s", acr_report_kind_to_string (acr_report_get_kind (self->report)), format);
  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  choice = g_new0 (ExportChoice, 1);
  choice->self = g_object_ref (self);
  choice->format = g_strdup (format);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The chart on the upper part of the page, the table under it. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_number,
              AcrReportsPage    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  AcrChartStyle style = { NULL, FALSE, -1, -1 };
  g_autoptr (PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Sans 9");
  g_autoptr (PangoTabArray) tabs = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_columns = acr_report_get_n_columns (self->report);
  double chart_height = height * 0.5;

  acr_chart_paint (acr_report_get_chart (self->report), cr, width, chart_height, &style);

  tabs = pango_tab_array_new (n_columns, TRUE);
  for (guint c = 0; c < n_columns; c++)
    pango_tab_array_set_tab (tabs, c, PANGO_TAB_LEFT, (int) (c * width / n_columns));
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (text, "%s%s", c > 0 ? "\t" : "", acr_report_get_column_title (self->report, c));
  for (guint r = 0; r < acr_report_get_n_rows (self->report); r++)
    {
      g_string_append_c (text, '\n');
      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *cell = acr_report_format_cell (self->report, r, c, NULL);

          g_string_append_printf (text, "%s%s", c > 0 ? "\t" : "", cell);
        }
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_tabs (layout, tabs);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text->str, -1);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, chart_height + 12);
  pango_cairo_show_layout (cr, layout);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AcrReportsPage *self = ACR_REPORTS_PAGE (widget);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->report == NULL)
    return;
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, acr_chart_get_title (acr_report_get_chart (self->report)));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    acr_alert (widget, _("The report was not printed"), error->message);
}

static void
acr_reports_page_dispose (GObject *object)
{
  AcrReportsPage *self = ACR_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_REPORTS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (acr_reports_page_parent_class)->dispose (object);
}

static void
acr_reports_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AcrReportsPage *self = ACR_REPORTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, acr_reports_page_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_reports_page_class_init (AcrReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_reports_page_dispose;
  object_class->get_property = acr_reports_page_get_property;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ACR_TYPE_CHART_VIEW);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, year_row);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AcrReportsPage, table);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_install_action (widget_class, "reports.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);
}

static void
acr_reports_page_init (AcrReportsPage *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);

  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint k = 0; k < ACR_REPORT_N_KINDS; k++)
    gtk_string_list_append (kinds, acr_report_kind_get_title (k));
  self->filling = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->filling = FALSE;
  fill_years (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);
}

void
acr_reports_page_set_store (AcrReportsPage *self,
                            AcrStore       *store)
{
  g_return_if_fail (ACR_IS_REPORTS_PAGE (self));
  g_return_if_fail (store == NULL || ACR_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  fill_years (self);
  reload (self);
}

void
acr_reports_page_set_rules (AcrReportsPage *self,
                            AcrRules       *rules)
{
  g_return_if_fail (ACR_IS_REPORTS_PAGE (self));
  g_return_if_fail (rules == NULL || ACR_IS_RULES (rules));

  if (!g_set_object (&self->rules, rules))
    return;
  fill_years (self);
  reload (self);
}

/* Chooses a report and its year (0: all years), as staff do with the rows. */
void
acr_reports_page_show_report (AcrReportsPage *self,
                              AcrReportKind   kind,
                              int             year)
{
  guint year_index = 0;

  g_return_if_fail (ACR_IS_REPORTS_PAGE (self));
  g_return_if_fail (kind < ACR_REPORT_N_KINDS);

  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      year_index = i;
  self->filling = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind);
  adw_combo_row_set_selected (self->year_row, year_index);
  self->filling = FALSE;
  reload (self);
}

/* Returns: (transfer none) (nullable): the report on screen */
AcrReport *
acr_reports_page_get_report (AcrReportsPage *self)
{
  g_return_val_if_fail (ACR_IS_REPORTS_PAGE (self), NULL);
  return self->report;
}

gboolean
acr_reports_page_get_loading (AcrReportsPage *self)
{
  g_return_val_if_fail (ACR_IS_REPORTS_PAGE (self), FALSE);
  return gtk_spinner_get_spinning (self->spinner);
}
