#define G_LOG_DOMAIN "acr-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-billing-report.h"
#include "acr-csv-writer.h"
#include "acr-date.h"
#include "acr-member.h"
#include "acr-money.h"
#include "acr-report.h"

typedef struct
{
  char                *title;
  AcrReportColumnType  type;
} Column;

/* One row: a text for each text column, a value for each number column. */
typedef struct
{
  GStrv   texts;
  gint64 *values;
} Row;

struct _AcrReport
{
  GObject        parent_instance;

  AcrReportKind  kind;
  AcrChart      *chart;
  GArray        *columns;  /* Column */
  GPtrArray     *rows;     /* Row */
};

G_DEFINE_FINAL_TYPE (AcrReport, acr_report, G_TYPE_OBJECT)

static const struct
{
  const char *id;
  const char *title;
  gboolean    uses_year;
} kinds[ACR_REPORT_N_KINDS] = {
  [ACR_REPORT_DUES_BY_YEAR]     = { "dues-by-year", N_("Dues by Year"), FALSE },
  [ACR_REPORT_DUES_BY_CATEGORY] = { "dues-by-category", N_("Dues by Category"), TRUE },
  [ACR_REPORT_AGEING]           = { "ageing", N_("Receivables Ageing"), TRUE },
  [ACR_REPORT_CHAPTERS]         = { "chapters", N_("Chapter Remittance"), TRUE },
  [ACR_REPORT_MEMBERSHIP]       = { "membership", N_("Membership by Category and Status"), FALSE },
  [ACR_REPORT_NUMBERING]        = { "numbering", N_("Invoice Numbering"), FALSE },
};

static void
column_clear (gpointer data)
{
  g_free (((Column *) data)->title);
}

static void
row_free (Row *row)
{
  g_strfreev (row->texts);
  g_free (row->values);
  g_free (row);
}

static void
acr_report_finalize (GObject *object)
{
  AcrReport *self = ACR_REPORT (object);

  g_clear_object (&self->chart);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (acr_report_parent_class)->finalize (object);
}

static void
acr_report_class_init (AcrReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = acr_report_finalize;
}

static void
acr_report_init (AcrReport *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
}

const char *
acr_report_kind_to_string (AcrReportKind kind)
{
  g_return_val_if_fail (kind < ACR_REPORT_N_KINDS, NULL);
  return kinds[kind].id;
}

gboolean
acr_report_kind_from_string (const char    *text,
                             AcrReportKind *kind)
{
  for (guint i = 0; i < ACR_REPORT_N_KINDS; i++)
    if (g_strcmp0 (text, kinds[i].id) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/* In the staff's language. */
const char *
acr_report_kind_get_title (AcrReportKind kind)
{
  g_return_val_if_fail (kind < ACR_REPORT_N_KINDS, NULL);
  return _(kinds[kind].title);
}

/* Whether the report is of one membership year (else of every year at once). */
gboolean
acr_report_kind_uses_year (AcrReportKind kind)
{
  g_return_val_if_fail (kind < ACR_REPORT_N_KINDS, FALSE);
  return kinds[kind].uses_year;
}

static void
add_column (AcrReport           *self,
            const char          *title,
            AcrReportColumnType  type)
{
  Column column = { g_strdup (title), type };

  g_array_append_val (self->columns, column);
}

/* Appends a row: one argument per column, a const char * for a text column
 * and a gint64 for a number column, in column order. */
static void
add_row (AcrReport *self,
         ...)
{
  Row *row = g_new0 (Row, 1);
  va_list args;

  row->texts = g_new0 (char *, self->columns->len + 1);
  row->values = g_new0 (gint64, self->columns->len);
  va_start (args, self);
  for (guint i = 0; i < self->columns->len; i++)
    {
      if (g_array_index (self->columns, Column, i).type == ACR_REPORT_COLUMN_TEXT)
        row->texts[i] = g_strdup (va_arg (args, const char *));
      else
        {
          row->texts[i] = g_strdup ("");
          row->values[i] = va_arg (args, gint64);
        }
    }
  va_end (args);
  g_ptr_array_add (self->rows, row);
}

static const char *
category_name (AcrRules   *rules,
               const char *id)
{
  AcrCategory *category = id != NULL && *id != '\0' ? acr_rules_lookup_category (rules, id) : NULL;

  if (category != NULL)
    return acr_category_get_name (category);
  return id != NULL && *id != '\0' ? id : _("No category");
}

static void
add_money_columns (AcrReport *self)
{
  add_column (self, _("Invoices"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Billed"), ACR_REPORT_COLUMN_CENTS);
  add_column (self, _("Credited"), ACR_REPORT_COLUMN_CENTS);
  add_column (self, _("Paid"), ACR_REPORT_COLUMN_CENTS);
  add_column (self, _("Outstanding"), ACR_REPORT_COLUMN_CENTS);
  add_column (self, _("To refund"), ACR_REPORT_COLUMN_CENTS);
}

static gboolean
build_dues_by_year (AcrReport   *self,
                    AcrBilling  *billing,
                    GError     **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report (billing, ACR_BILLING_REPORT_RECEIVABLES, 0, error);
  guint paid, outstanding, credited;

  if (rows == NULL)
    return FALSE;
  self->chart = acr_chart_new (ACR_CHART_STACKED_BARS, ACR_CHART_UNIT_CENTS, _("Dues by Year"));
  paid = acr_chart_add_series (self->chart, _("Paid"));
  outstanding = acr_chart_add_series (self->chart, _("Outstanding"));
  credited = acr_chart_add_series (self->chart, _("Credited"));
  add_column (self, _("Year"), ACR_REPORT_COLUMN_TEXT);
  add_money_columns (self);

  /* The store's rows are per year and category, in year order: one row a year. */
  for (guint i = 0; i < rows->len;)
    {
      AcrReceivablesRow *first = rows->pdata[i];
      AcrReceivablesRow sum = { .year = first->year };
      g_autofree char *year = g_strdup_printf ("%d", first->year);
      guint c;

      for (; i < rows->len && ((AcrReceivablesRow *) rows->pdata[i])->year == sum.year; i++)
        {
          AcrReceivablesRow *r = rows->pdata[i];

          sum.n_invoices += r->n_invoices;
          sum.billed_cents += r->billed_cents;
          sum.credited_cents += r->credited_cents;
          sum.paid_cents += r->paid_cents;
          sum.outstanding_cents += r->outstanding_cents;
          sum.to_refund_cents += r->to_refund_cents;
        }
      add_row (self, year, (gint64) sum.n_invoices, sum.billed_cents, sum.credited_cents, sum.paid_cents,
               sum.outstanding_cents, sum.to_refund_cents);
      acr_chart_add_category (self->chart, year);
      c = acr_chart_get_n_categories (self->chart) - 1;
      acr_chart_set_value (self->chart, paid, c, sum.paid_cents);
      acr_chart_set_value (self->chart, outstanding, c, sum.outstanding_cents);
      acr_chart_set_value (self->chart, credited, c, sum.credited_cents);
    }
  return TRUE;
}

static gboolean
build_dues_by_category (AcrReport   *self,
                        AcrBilling  *billing,
                        int          year,
                        GError     **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report (billing, ACR_BILLING_REPORT_RECEIVABLES, year, error);
  g_autoptr (GPtrArray) sums = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) by_category = g_hash_table_new (g_str_hash, g_str_equal);
  AcrRules *rules = acr_billing_get_rules (billing);
  g_autofree char *title = year != 0 ? g_strdup_printf (_("Dues by Category, %d"), year)
                                     : g_strdup (_("Dues by Category, All Years"));
  guint billed, paid, outstanding;

  if (rows == NULL)
    return FALSE;
  self->chart = acr_chart_new (ACR_CHART_BARS, ACR_CHART_UNIT_CENTS, title);
  billed = acr_chart_add_series (self->chart, _("Billed"));
  paid = acr_chart_add_series (self->chart, _("Paid"));
  outstanding = acr_chart_add_series (self->chart, _("Outstanding"));
  add_column (self, _("Category"), ACR_REPORT_COLUMN_TEXT);
  add_money_columns (self);

  /* Every year at once: a category's years add up. */
  for (guint i = 0; i < rows->len; i++)
    {
      AcrReceivablesRow *r = rows->pdata[i];
      AcrReceivablesRow *sum = g_hash_table_lookup (by_category, r->category);

      if (sum == NULL)
        {
          sum = g_new0 (AcrReceivablesRow, 1);
          sum->category = r->category;
          g_ptr_array_add (sums, sum);
          g_hash_table_insert (by_category, r->category, sum);
        }
      sum->n_invoices += r->n_invoices;
      sum->billed_cents += r->billed_cents;
      sum->credited_cents += r->credited_cents;
      sum->paid_cents += r->paid_cents;
      sum->outstanding_cents += r->outstanding_cents;
      sum->to_refund_cents += r->to_refund_cents;
    }

  for (guint i = 0; i < sums->len; i++)
    {
      AcrReceivablesRow *r = sums->pdata[i];
      const char *name = category_name (rules, r->category);
      guint c;

      add_row (self, name, (gint64) r->n_invoices, r->billed_cents, r->credited_cents, r->paid_cents,
               r->outstanding_cents, r->to_refund_cents);
      acr_chart_add_category (self->chart, name);
      c = acr_chart_get_n_categories (self->chart) - 1;
      acr_chart_set_value (self->chart, billed, c, r->billed_cents);
      acr_chart_set_value (self->chart, paid, c, r->paid_cents);
      acr_chart_set_value (self->chart, outstanding, c, r->outstanding_cents);
    }
  return TRUE;
}

static const char *
bucket_name (AcrAgeingBucket bucket)
{
  switch (bucket)
    {
    case ACR_AGEING_CURRENT:
      return _("Under 30 days");
    case ACR_AGEING_30:
      return _("30 to 59 days");
    case ACR_AGEING_60:
      return _("60 to 89 days");
    case ACR_AGEING_90:
    case ACR_AGEING_N_BUCKETS:
    default:
      return _("90 days and more");
    }
}

static gboolean
build_ageing (AcrReport    *self,
              AcrBilling   *billing,
              int           year,
              const GDate  *on,
              GError      **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report_ageing (billing, on, year, error);
  g_autofree char *day = NULL;
  g_autofree char *title = NULL;
  AcrAgeingRow buckets[ACR_AGEING_N_BUCKETS] = { { 0, } };
  guint owed;

  if (rows == NULL)
    return FALSE;
  day = acr_date_format_long (on, NULL);
  title = year != 0 ? g_strdup_printf (_("Receivables Ageing on %s, invoices of %d"), day, year)
                    : g_strdup_printf (_("Receivables Ageing on %s"), day);
  self->chart = acr_chart_new (ACR_CHART_BARS, ACR_CHART_UNIT_CENTS, title);
  owed = acr_chart_add_series (self->chart, _("Outstanding"));
  add_column (self, _("Age"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("Invoices"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Outstanding"), ACR_REPORT_COLUMN_CENTS);

  for (guint i = 0; i < rows->len; i++)
    {
      AcrAgeingRow *r = rows->pdata[i];

      buckets[r->bucket] = *r;
    }
  /* Every bucket, empty ones too: an empty "90 days and more" is good news. */
  for (guint b = 0; b < ACR_AGEING_N_BUCKETS; b++)
    {
      add_row (self, bucket_name (b), (gint64) buckets[b].n_invoices, buckets[b].outstanding_cents);
      acr_chart_add_category (self->chart, bucket_name (b));
      acr_chart_set_value (self->chart, owed, b, buckets[b].outstanding_cents);
    }
  return TRUE;
}

static gboolean
build_chapters (AcrReport   *self,
                AcrBilling  *billing,
                int          year,
                GError     **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report (billing, ACR_BILLING_REPORT_CHAPTERS, year, error);
  AcrRules *rules = acr_billing_get_rules (billing);
  g_autofree char *title = year != 0 ? g_strdup_printf (_("Chapter Remittance, %d"), year)
                                     : g_strdup (_("Chapter Remittance"));
  guint billed, collected;

  if (rows == NULL)
    return FALSE;
  self->chart = acr_chart_new (ACR_CHART_BARS, ACR_CHART_UNIT_CENTS, title);
  billed = acr_chart_add_series (self->chart, _("Billed"));
  collected = acr_chart_add_series (self->chart, _("Collected"));
  add_column (self, _("Chapter"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("Code"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("Invoices"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Billed"), ACR_REPORT_COLUMN_CENTS);
  add_column (self, _("Collected"), ACR_REPORT_COLUMN_CENTS);

  for (guint i = 0; i < rows->len; i++)
    {
      AcrChapterRemittanceRow *r = rows->pdata[i];
      AcrChapter *chapter = acr_rules_lookup_chapter (rules, r->chapter);
      guint c;

      add_row (self, chapter != NULL ? acr_chapter_get_name (chapter) : r->chapter, r->chapter,
               (gint64) r->n_invoices, r->billed_cents, r->collected_cents);
      /* Codes along the axis: sixty chapter names would not fit. */
      acr_chart_add_category (self->chart, r->chapter);
      c = acr_chart_get_n_categories (self->chart) - 1;
      acr_chart_set_value (self->chart, billed, c, r->billed_cents);
      acr_chart_set_value (self->chart, collected, c, r->collected_cents);
    }
  return TRUE;
}

static gboolean
build_membership (AcrReport   *self,
                  AcrBilling  *billing,
                  GError     **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report_membership (billing, error);
  AcrRules *rules = acr_billing_get_rules (billing);
  const char * const *statuses = acr_member_list_statuses ();
  guint n_statuses = g_strv_length ((GStrv) statuses);
  g_autoptr (GHashTable) category_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) totals = g_ptr_array_new_with_free_func (g_free);  /* gint64[n_statuses + 1] per category */
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();

  if (rows == NULL)
    return FALSE;
  self->chart = acr_chart_new (ACR_CHART_STACKED_BARS, ACR_CHART_UNIT_COUNT, _("Membership by Category and Status"));
  add_column (self, _("Category"), ACR_REPORT_COLUMN_TEXT);
  for (guint s = 0; s < n_statuses; s++)
    {
      const char *status = acr_member_status_get_label (statuses[s]);

      acr_chart_add_series (self->chart, status);
      add_column (self, status, ACR_REPORT_COLUMN_COUNT);
    }
  add_column (self, _("Total"), ACR_REPORT_COLUMN_COUNT);

  for (guint i = 0; i < rows->len; i++)
    {
      AcrMembershipRow *r = rows->pdata[i];
      gint64 *counts = g_hash_table_lookup (category_index, r->category);

      if (counts == NULL)
        {
          counts = g_new0 (gint64, n_statuses + 1);
          g_ptr_array_add (totals, counts);
          g_ptr_array_add (ids, r->category);
          g_hash_table_insert (category_index, r->category, counts);
        }
      for (guint s = 0; s < n_statuses; s++)
        if (g_str_equal (statuses[s], r->status))
          counts[s] += r->n_members;
      counts[n_statuses] += r->n_members;
    }

  for (guint c = 0; c < ids->len; c++)
    {
      const char *name = category_name (rules, ids->pdata[c]);
      gint64 *counts = totals->pdata[c];
      Row *row = g_new0 (Row, 1);

      acr_chart_add_category (self->chart, name);
      for (guint s = 0; s < n_statuses; s++)
        acr_chart_set_value (self->chart, s, c, counts[s]);
      /* Many columns: filled by hand rather than through add_row ()'s arguments. */
      row->texts = g_new0 (char *, self->columns->len + 1);
      row->values = g_new0 (gint64, self->columns->len);
      row->texts[0] = g_strdup (name);
      for (guint s = 0; s <= n_statuses; s++)
        {
          row->texts[s + 1] = g_strdup ("");
          row->values[s + 1] = counts[s];
        }
      g_ptr_array_add (self->rows, row);
    }
  return TRUE;
}

static gboolean
build_numbering (AcrReport   *self,
                 AcrBilling  *billing,
                 GError     **error)
{
  g_autoptr (GPtrArray) rows = acr_billing_report (billing, ACR_BILLING_REPORT_NUMBERING, 0, error);
  guint issued, missing;

  if (rows == NULL)
    return FALSE;
  self->chart = acr_chart_new (ACR_CHART_STACKED_BARS, ACR_CHART_UNIT_COUNT, _("Invoice Numbering"));
  issued = acr_chart_add_series (self->chart, _("Numbers issued"));
  missing = acr_chart_add_series (self->chart, _("Numbers missing"));
  add_column (self, _("Year"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("First"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("Last"), ACR_REPORT_COLUMN_TEXT);
  add_column (self, _("Documents"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Missing"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Repeated"), ACR_REPORT_COLUMN_COUNT);
  add_column (self, _("Gapless"), ACR_REPORT_COLUMN_TEXT);

  for (guint i = 0; i < rows->len; i++)
    {
      AcrNumberingRow *r = rows->pdata[i];
      g_autofree char *year = g_strdup_printf ("%d", r->year);
      guint c;

      add_row (self, year, r->first_number, r->last_number, (gint64) r->n_numbers, (gint64) r->n_missing,
               (gint64) r->n_duplicates, acr_numbering_row_is_gapless (r) ? _("Yes") : _("No"));
      acr_chart_add_category (self->chart, year);
      c = acr_chart_get_n_categories (self->chart) - 1;
      acr_chart_set_value (self->chart, issued, c, r->n_distinct);
      acr_chart_set_value (self->chart, missing, c, r->n_missing);
    }
  return TRUE;
}

/**
 * acr_report_build:
 * @year: the membership year of a report that has one (see
 *   acr_report_kind_uses_year ()); 0 for every year where the report allows it
 * @on: the day of the ageing report (ignored by the others)
 *
 * Returns: (transfer full): the report, or NULL with @error set
 */
AcrReport *
acr_report_build (AcrBilling     *billing,
                  AcrReportKind   kind,
                  int             year,
                  const GDate    *on,
                  GError        **error)
{
  g_autoptr (AcrReport) self = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ACR_IS_BILLING (billing), NULL);
  g_return_val_if_fail (kind < ACR_REPORT_N_KINDS, NULL);
  g_return_val_if_fail (kind != ACR_REPORT_AGEING || (on != NULL && g_date_valid (on)), NULL);

  self = g_object_new (ACR_TYPE_REPORT, NULL);
  self->kind = kind;
  switch (kind)
    {
    case ACR_REPORT_DUES_BY_YEAR:
      ok = build_dues_by_year (self, billing, error);
      break;
    case ACR_REPORT_DUES_BY_CATEGORY:
      ok = build_dues_by_category (self, billing, year, error);
      break;
    case ACR_REPORT_AGEING:
      ok = build_ageing (self, billing, year, on, error);
      break;
    case ACR_REPORT_CHAPTERS:
      ok = build_chapters (self, billing, year, error);
      break;
    case ACR_REPORT_MEMBERSHIP:
      ok = build_membership (self, billing, error);
      break;
    case ACR_REPORT_NUMBERING:
    case ACR_REPORT_N_KINDS:
    default:
      ok = build_numbering (self, billing, error);
      break;
    }
  return ok ? g_steal_pointer (&self) : NULL;
}

AcrReportKind
acr_report_get_kind (AcrReport *self)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), ACR_REPORT_DUES_BY_YEAR);
  return self->kind;
}

/* Returns: (transfer none): the chart drawn from the table's figures */
AcrChart *
acr_report_get_chart (AcrReport *self)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), NULL);
  return self->chart;
}

guint
acr_report_get_n_columns (AcrReport *self)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), 0);
  return self->columns->len;
}

const char *
acr_report_get_column_title (AcrReport *self,
                             guint      column)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_array_index (self->columns, Column, column).title;
}

AcrReportColumnType
acr_report_get_column_type (AcrReport *self,
                            guint      column)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), ACR_REPORT_COLUMN_TEXT);
  g_return_val_if_fail (column < self->columns->len, ACR_REPORT_COLUMN_TEXT);
  return g_array_index (self->columns, Column, column).type;
}

guint
acr_report_get_n_rows (AcrReport *self)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), 0);
  return self->rows->len;
}

/* The figure of a number column (0 for a text column). */
gint64
acr_report_get_value (AcrReport *self,
                      guint      row,
                      guint      column)
{
  g_return_val_if_fail (ACR_IS_REPORT (self), 0);
  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, 0);
  return ((Row *) self->rows->pdata[row])->values[column];
}

/* A cell as staff read it: money and counts in @language (NULL: the interface's). */
char *
acr_report_format_cell (AcrReport  *self,
                        guint       row,
                        guint       column,
                        const char *language)
{
  Row *r;

  g_return_val_if_fail (ACR_IS_REPORT (self), NULL);
  g_return_val_if_fail (row < self->rows->len && column < self->columns->len, NULL);

  r = self->rows->pdata[row];
  switch (acr_report_get_column_type (self, column))
    {
    case ACR_REPORT_COLUMN_CENTS:
      return acr_money_format (r->values[column], language);
    case ACR_REPORT_COLUMN_COUNT:
      return acr_count_format (r->values[column], language);
    case ACR_REPORT_COLUMN_TEXT:
    default:
      return g_strdup (r->texts[column]);
    }
}

/* RFC 4180 with a header row; amounts in cents and counts without grouping, as `report --csv`. */
gboolean
acr_report_write_csv (AcrReport      *self,
                      GOutputStream  *stream,
                      GError        **error)
{
  g_autoptr (AcrCsvWriter) writer = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ACR_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = acr_csv_writer_new (stream);
  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);

      g_ptr_array_add (fields, column->type == ACR_REPORT_COLUMN_CENTS
                                 ? g_strdup_printf (_("%s (cents)"), column->title)
                                 : g_strdup (column->title));
    }
  g_ptr_array_add (fields, NULL);
  if (!acr_csv_writer_write_row (writer, (const char * const *) fields->pdata, error))
    return FALSE;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = self->rows->pdata[r];

      g_ptr_array_set_size (fields, 0);
      for (guint c = 0; c < self->columns->len; c++)
        g_ptr_array_add (fields, acr_report_get_column_type (self, c) == ACR_REPORT_COLUMN_TEXT
                                   ? g_strdup (row->texts[c])
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, row->values[c]));
      g_ptr_array_add (fields, NULL);
      if (!acr_csv_writer_write_row (writer, (const char * const *) fields->pdata, error))
        return FALSE;
    }
  return acr_csv_writer_close (writer, error);
}
