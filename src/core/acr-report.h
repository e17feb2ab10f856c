#pragma once

#include <gio/gio.h>

#include "acr-billing.h"
#include "acr-chart.h"

G_BEGIN_DECLS

/*
 * AcrReport: one report of the Reports view (and of the CLI's exports): a
 * table, which is what a screen reader reads and what CSV holds, and the
 * chart drawn from the same figures. Built from the store's reports
 * (acr-billing-report.h) and counts; money is integer cents.
 *
 *   dues-by-year      billed, credited, paid, outstanding and to refund per
 *                     membership year (stacked: paid, outstanding, credited)
 *   dues-by-category  the same per category for one year
 *   ageing            what members still owe, by the age of the invoice on
 *                     a day: under 30 days, 30–59, 60–89, 90 and more
 *   chapters          chapter remittance: chapter dues billed and collected
 *   membership        members per category, stacked by status
 *   numbering         the numbering proof: every number of each year
 *                     accounted for
 */

typedef enum
{
  ACR_REPORT_DUES_BY_YEAR,
  ACR_REPORT_DUES_BY_CATEGORY,
  ACR_REPORT_AGEING,
  ACR_REPORT_CHAPTERS,
  ACR_REPORT_MEMBERSHIP,
  ACR_REPORT_NUMBERING,
  ACR_REPORT_N_KINDS,
} AcrReportKind;

typedef enum
{
  ACR_REPORT_COLUMN_TEXT,
  ACR_REPORT_COLUMN_COUNT,
  ACR_REPORT_COLUMN_CENTS,
} AcrReportColumnType;

#define ACR_TYPE_REPORT (acr_report_get_type ())

G_DECLARE_FINAL_TYPE (AcrReport, acr_report, ACR, REPORT, GObject)

const char          *acr_report_kind_to_string   (AcrReportKind   kind);
gboolean             acr_report_kind_from_string (const char     *text,
                                                  AcrReportKind  *kind);
const char          *acr_report_kind_get_title   (AcrReportKind   kind);
gboolean             acr_report_kind_uses_year   (AcrReportKind   kind);

AcrReport           *acr_report_build            (AcrBilling     *billing,
                                                  AcrReportKind   kind,
                                                  int             year,
                                                  const GDate    *on,
                                                  GError        **error);
AcrReportKind        acr_report_get_kind         (AcrReport      *self);
AcrChart            *acr_report_get_chart        (AcrReport      *self);
guint                acr_report_get_n_columns    (AcrReport      *self);
const char          *acr_report_get_column_title (AcrReport      *self,
                                                  guint           column);
AcrReportColumnType  acr_report_get_column_type  (AcrReport      *self,
                                                  guint           column);
guint                acr_report_get_n_rows       (AcrReport      *self);
gint64               acr_report_get_value        (AcrReport      *self,
                                                  guint           row,
                                                  guint           column);
char                *acr_report_format_cell      (AcrReport      *self,
                                                  guint           row,
                                                  guint           column,
                                                  const char     *language);
gboolean             acr_report_write_csv        (AcrReport      *self,
                                                  GOutputStream  *stream,
                                                  GError        **error);

G_END_DECLS
