#pragma once

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * The membership lifecycle: the rules engine decides again the category and
 * status of members already in the store, in one transaction. (Applying,
 * the other place the rules decide a category, is acr_store_apply () in
 * acr-store-apply.h.)
 */

/* One change a lifecycle run makes (or would make, in a dry run). */
typedef struct
{
  guint  number;
  char  *name;       /* "Family, Given" */
  char  *field;      /* "category", "status", "review" */
  char  *old_value;
  char  *new_value;
  char  *reason;
} AcrLifecycleChange;

typedef struct
{
  GPtrArray *changes;   /* of AcrLifecycleChange */
  GPtrArray *skipped;   /* of char *: members the rules could not classify, and why */
  guint      examined;
  guint      members_changed;
} AcrLifecycleReport;

typedef void (*AcrLifecycleProgressFunc) (guint    done,
                                          guint    total,
                                          gpointer user_data);

AcrLifecycleReport *acr_lifecycle_run           (AcrStore                  *store,
                                                 AcrRules                  *rules,
                                                 const GDate               *on,
                                                 gboolean                   dry_run,
                                                 AcrLifecycleProgressFunc   progress,
                                                 gpointer                   user_data,
                                                 GError                   **error);
void                acr_lifecycle_report_free   (AcrLifecycleReport        *report);

gboolean            acr_lifecycle_classify_member (AcrStore                *store,
                                                 AcrRules                  *rules,
                                                 AcrMember                 *member,
                                                 const GDate               *on,
                                                 GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AcrLifecycleReport, acr_lifecycle_report_free)

G_END_DECLS
