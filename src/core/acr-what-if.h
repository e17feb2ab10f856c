#pragma once

#include <gio/gio.h>

#include "acr-rules.h"
#include "acr-store.h"

G_BEGIN_DECLS

/*
 * AcrWhatIf: a proposed rules bundle tried on the membership before it is
 * adopted. Every active member (the members a billing run would bill) is
 * quoted for one year under the rules in use and under the proposed ones;
 * the what-if adds up both sides and tells who pays more, less or the same,
 * the largest changes and whose category would change. Nothing is written.
 *
 * Memory stays bounded at any membership size: only the totals, the
 * largest changes and the first category changes are kept; a row function
 * sees every member as it is quoted (the CLI writes its CSV from it).
 *
 * Run it in a thread with acr_what_if_execute_async (): the progress
 * function is then called in the caller's main context (as a billing run's).
 * The store belongs to the what-if's thread while it runs: give it a
 * connection of its own.
 */

typedef struct
{
  guint        number;           /* member number */
  const char  *name;
  const char  *category_now;     /* NULL: no category, or not quoted */
  const char  *category_then;
  gint64       dues_now_cents;   /* 0 when the member owes nothing or was not quoted */
  gint64       dues_then_cents;
  gboolean     placeholder_now;  /* a line of the quote is a placeholder amount */
  gboolean     placeholder_then;
  const char  *error_now;        /* why the member could not be quoted, or NULL */
  const char  *error_then;
} AcrWhatIfRow;

/* One category or chapter: what it brings in under each bundle. */
typedef struct
{
  char    *key;                 /* category id, or chapter code */
  guint    n_members_now;
  guint    n_members_then;
  gint64   now_cents;
  gint64   then_cents;
} AcrWhatIfTotal;

/* A member kept for the summary (largest changes, category changes). */
typedef struct
{
  guint    number;
  char    *name;
  char    *category_now;
  char    *category_then;
  gint64   dues_now_cents;
  gint64   dues_then_cents;
} AcrWhatIfMember;

typedef void (*AcrWhatIfRowFunc)      (const AcrWhatIfRow *row,
                                       gpointer            user_data);
typedef void (*AcrWhatIfProgressFunc) (guint               done,
                                       guint               total,
                                       gpointer            user_data);

#define ACR_WHAT_IF_N_LARGEST 10
#define ACR_WHAT_IF_N_CATEGORY_CHANGES 20

#define ACR_TYPE_WHAT_IF (acr_what_if_get_type ())

G_DECLARE_FINAL_TYPE (AcrWhatIf, acr_what_if, ACR, WHAT_IF, GObject)

AcrWhatIf   *acr_what_if_new                    (AcrStore              *store,
                                                 AcrRules              *current,
                                                 AcrRules              *proposed,
                                                 int                    year,
                                                 const GDate           *on);
void         acr_what_if_set_row_func           (AcrWhatIf             *self,
                                                 AcrWhatIfRowFunc       func,
                                                 gpointer               user_data);
void         acr_what_if_set_progress_func      (AcrWhatIf             *self,
                                                 AcrWhatIfProgressFunc  func,
                                                 gpointer               user_data);
gboolean     acr_what_if_execute                (AcrWhatIf             *self,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void         acr_what_if_execute_async          (AcrWhatIf             *self,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean     acr_what_if_execute_finish         (AcrWhatIf             *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);

int          acr_what_if_get_year               (AcrWhatIf             *self);
guint        acr_what_if_get_n_done             (AcrWhatIf             *self);
guint        acr_what_if_get_n_total            (AcrWhatIf             *self);
guint        acr_what_if_get_n_more             (AcrWhatIf             *self);
guint        acr_what_if_get_n_less             (AcrWhatIf             *self);
guint        acr_what_if_get_n_same             (AcrWhatIf             *self);
gint64       acr_what_if_get_total_now_cents    (AcrWhatIf             *self);
gint64       acr_what_if_get_total_then_cents   (AcrWhatIf             *self);
guint        acr_what_if_get_n_unquoted_now     (AcrWhatIf             *self);
guint        acr_what_if_get_n_unquoted_then    (AcrWhatIf             *self);
guint        acr_what_if_get_n_placeholder_now  (AcrWhatIf             *self);
guint        acr_what_if_get_n_placeholder_then (AcrWhatIf             *self);
guint        acr_what_if_get_n_category_changes (AcrWhatIf             *self);
GPtrArray   *acr_what_if_get_by_category        (AcrWhatIf             *self);
GPtrArray   *acr_what_if_get_by_chapter         (AcrWhatIf             *self);
GPtrArray   *acr_what_if_get_largest_changes    (AcrWhatIf             *self);
GPtrArray   *acr_what_if_get_category_changes   (AcrWhatIf             *self);

G_END_DECLS
