#pragma once

#include <adwaita.h>

#include "acr-report.h"
#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

#define ACR_TYPE_REPORTS_PAGE (acr_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (AcrReportsPage, acr_reports_page, ACR, REPORTS_PAGE, GtkWidget)

void           acr_reports_page_set_store   (AcrReportsPage *self,
                                             AcrStore       *store);
void           acr_reports_page_set_rules   (AcrReportsPage *self,
                                             AcrRules       *rules);
void           acr_reports_page_show_report (AcrReportsPage *self,
                                             AcrReportKind   kind,
                                             int             year);
AcrReport     *acr_reports_page_get_report  (AcrReportsPage *self);
gboolean       acr_reports_page_get_loading (AcrReportsPage *self);
gboolean       acr_reports_page_export      (AcrReportsPage *self,
                                             const char     *format,
                                             GFile          *file,
                                             GError        **error);

G_END_DECLS
