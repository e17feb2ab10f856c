#define G_LOG_DOMAIN "acr-what-if"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-member.h"
#include "acr-progress-private.h"
#include "acr-what-if.h"

#define CHAPTER_LINE_PREFIX "chapter:"

struct _AcrWhatIf
{
  GObject           parent_instance;

  AcrStore         *store;
  AcrRules         *current;
  AcrRules         *proposed;
  int               year;
  GDate             on;
  AcrWhatIfRowFunc  row_func;
  gpointer          row_data;
  AcrProgress       progress;

  /* Results of the last execution. */
  guint             n_more;
  guint             n_less;
  guint             n_same;
  gint64            total_now_cents;
  gint64            total_then_cents;
  guint             n_unquoted_now;
  guint             n_unquoted_then;
  guint             n_placeholder_now;
  guint             n_placeholder_then;
  guint             n_category_changes;
  GPtrArray        *by_category;       /* AcrWhatIfTotal */
  GHashTable       *category_index;    /* key → AcrWhatIfTotal (in by_category) */
  GPtrArray        *by_chapter;        /* AcrWhatIfTotal */
  GHashTable       *chapter_index;
  GPtrArray        *largest;           /* AcrWhatIfMember, largest change first */
  GPtrArray        *category_changes;  /* AcrWhatIfMember, the first ones met */
};

G_DEFINE_FINAL_TYPE (AcrWhatIf, acr_what_if, G_TYPE_OBJECT)

/* One side of a member: what the member would be billed under one bundle. */
typedef struct
{
  AcrDuesQuote *quote;
  GError       *error;
  gint64        dues_cents;
  gboolean      placeholder;
} Side;

static void
side_clear (Side *side)
{
  g_clear_object (&side->quote);
  g_clear_error (&side->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Side, side_clear)

static void
total_free (AcrWhatIfTotal *total)
{
  g_free (total->key);
  g_free (total);
}

static void
member_free (AcrWhatIfMember *member)
{
  g_free (member->name);
  g_free (member->category_now);
  g_free (member->category_then);
  g_free (member);
}

static void
reset_results (AcrWhatIf *self)
{
  self->n_more = self->n_less = self->n_same = 0;
  self->total_now_cents = self->total_then_cents = 0;
  self->n_unquoted_now = self->n_unquoted_then = 0;
  self->n_placeholder_now = self->n_placeholder_then = 0;
  self->n_category_changes = 0;
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_pointer (&self->chapter_index, g_hash_table_unref);
  g_clear_pointer (&self->by_category, g_ptr_array_unref);
  g_clear_pointer (&self->by_chapter, g_ptr_array_unref);
  g_clear_pointer (&self->largest, g_ptr_array_unref);
  g_clear_pointer (&self->category_changes, g_ptr_array_unref);
  self->by_category = g_ptr_array_new_with_free_func ((GDestroyNotify) total_free);
  self->by_chapter = g_ptr_array_new_with_free_func ((GDestroyNotify) total_free);
  self->category_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->chapter_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->largest = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  self->category_changes = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
}

static AcrWhatIfTotal *
lookup_total (GPtrArray  *totals,
              GHashTable *index,
              const char *key)
{
  AcrWhatIfTotal *total = g_hash_table_lookup (index, key);

  if (total == NULL)
    {
      total = g_new0 (AcrWhatIfTotal, 1);
      total->key = g_strdup (key);
      g_ptr_array_add (totals, total);
      g_hash_table_insert (index, total->key, total);
    }
  return total;
}

/* Quotes @person under @rules as a billing run would bill it: nothing when
 * the member owes no dues or the total is not positive. */
static void
quote_side (AcrWhatIf *self,
            AcrRules  *rules,
            AcrPerson *person,
            Side      *side)
{
  side->quote = acr_rules_quote (rules, person, self->year, &self->on, &side->error);
  if (side->quote == NULL)
    return;
  if (acr_dues_quote_get_reason (side->quote) == NULL && acr_dues_quote_get_total_cents (side->quote) > 0)
    {
      side->dues_cents = acr_dues_quote_get_total_cents (side->quote);
      side->placeholder = acr_dues_quote_get_placeholder (side->quote);
    }
}

static const char *
side_category (const Side *side)
{
  return side->quote != NULL ? acr_dues_quote_get_category_id (side->quote) : NULL;
}

/* Adds one side of a member to the category and chapter totals. */
static void
count_side (AcrWhatIf  *self,
            const Side *side,
            gboolean    then)
{
  const char *category = side_category (side);
  AcrWhatIfTotal *total;
  GListModel *lines;

  if (side->quote == NULL)
    {
      if (then)
        self->n_unquoted_then++;
      else
        self->n_unquoted_now++;
      return;
    }

  /* "" is the total of members with no category. */
  total = lookup_total (self->by_category, self->category_index, category != NULL ? category : "");
  if (then)
    {
      total->n_members_then++;
      total->then_cents += side->dues_cents;
      self->total_then_cents += side->dues_cents;
      self->n_placeholder_then += side->placeholder ? 1 : 0;
    }
  else
    {
      total->n_members_now++;
      total->now_cents += side->dues_cents;
      self->total_now_cents += side->dues_cents;
      self->n_placeholder_now += side->placeholder ? 1 : 0;
    }

  if (side->dues_cents == 0)
    return;
  lines = acr_dues_quote_get_lines (side->quote);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (AcrDuesLine) line = g_list_model_get_item (lines, i);
      const char *code = acr_dues_line_get_code (line);
      AcrWhatIfTotal *chapter;

      if (!g_str_has_prefix (code, CHAPTER_LINE_PREFIX))
        continue;
      chapter = lookup_total (self->by_chapter, self->chapter_index, code + strlen (CHAPTER_LINE_PREFIX));
      if (then)
        {
          chapter->n_members_then++;
          chapter->then_cents += acr_dues_line_get_amount_cents (line);
        }
      else
        {
          chapter->n_members_now++;
          chapter->now_cents += acr_dues_line_get_amount_cents (line);
        }
    }
}

static AcrWhatIfMember *
member_new (const AcrWhatIfRow *row)
{
  AcrWhatIfMember *member = g_new0 (AcrWhatIfMember, 1);

  member->number = row->number;
  member->name = g_strdup (row->name);
  member->category_now = g_strdup (row->category_now);
  member->category_then = g_strdup (row->category_then);
  member->dues_now_cents = row->dues_now_cents;
  member->dues_then_cents = row->dues_then_cents;
  return member;
}

static gint64
change_of (const AcrWhatIfMember *member)
{
  gint64 change = member->dues_then_cents - member->dues_now_cents;

  return change < 0 ? -change : change;
}

/* Largest change first; among equal changes, the lower member number. */
static int
compare_largest (gconstpointer a,
                 gconstpointer b)
{
  const AcrWhatIfMember *x = *(AcrWhatIfMember * const *) a;
  const AcrWhatIfMember *y = *(AcrWhatIfMember * const *) b;
  gint64 cx = change_of (x), cy = change_of (y);

  if (cx != cy)
    return cx > cy ? -1 : 1;
  return x->number < y->number ? -1 : x->number > y->number;
}

/* Keeps the ACR_WHAT_IF_N_LARGEST largest changes, in order. */
static void
keep_if_largest (AcrWhatIf          *self,
                 const AcrWhatIfRow *row)
{
  AcrWhatIfMember candidate = {
    .number = row->number,
    .dues_now_cents = row->dues_now_cents,
    .dues_then_cents = row->dues_then_cents,
  };
  const AcrWhatIfMember *candidate_ptr = &candidate;
  guint position = self->largest->len;

  while (position > 0 && compare_largest (&candidate_ptr, &self->largest->pdata[position - 1]) < 0)
    position--;
  if (position >= ACR_WHAT_IF_N_LARGEST)
    return;
  g_ptr_array_insert (self->largest, position, member_new (row));
  if (self->largest->len > ACR_WHAT_IF_N_LARGEST)
    g_ptr_array_remove_index (self->largest, self->largest->len - 1);
}

static void
compare_member (AcrWhatIf *self,
                AcrMember *member)
{
  g_autoptr (GError) person_error = NULL;
  g_autoptr (AcrPerson) person = acr_member_dup_person (member, &person_error);
  g_autofree char *name = acr_member_dup_display_name (member);
  g_auto (Side) now = { NULL, };
  g_auto (Side) then = { NULL, };
  AcrWhatIfRow row = { 0, };

  if (person != NULL)
    {
      quote_side (self, self->current, person, &now);
      quote_side (self, self->proposed, person, &then);
    }
  else
    {
      now.error = g_error_copy (person_error);
      then.error = g_error_copy (person_error);
    }
  count_side (self, &now, FALSE);
  count_side (self, &then, TRUE);

  row.number = acr_member_get_number (member);
  row.name = name;
  row.category_now = side_category (&now);
  row.category_then = side_category (&then);
  row.dues_now_cents = now.dues_cents;
  row.dues_then_cents = then.dues_cents;
  row.placeholder_now = now.placeholder;
  row.placeholder_then = then.placeholder;
  row.error_now = now.error != NULL ? now.error->message : NULL;
  row.error_then = then.error != NULL ? then.error->message : NULL;

  /* A member either bundle cannot quote is counted apart, not as a change. */
  if (now.quote != NULL && then.quote != NULL)
    {
      if (row.dues_then_cents > row.dues_now_cents)
        self->n_more++;
      else if (row.dues_then_cents < row.dues_now_cents)
        self->n_less++;
      else
        self->n_same++;
      if (row.dues_then_cents != row.dues_now_cents)
        keep_if_largest (self, &row);
      if (g_strcmp0 (row.category_now, row.category_then) != 0)
        {
          self->n_category_changes++;
          if (self->category_changes->len < ACR_WHAT_IF_N_CATEGORY_CHANGES)
            g_ptr_array_add (self->category_changes, member_new (&row));
        }
    }

  if (self->row_func != NULL)
    self->row_func (&row, self->row_data);
}

typedef struct
{
  AcrWhatIf    *self;
  GCancellable *cancellable;
  guint         done;
} Pass;

static gboolean
compare_member_cb (AcrMember  *member,
                   gpointer    user_data,
                   GError    **error)
{
  Pass *pass = user_data;

  if (g_cancellable_set_error_if_cancelled (pass->cancellable, error))
    return FALSE;
  compare_member (pass->self, member);
  _acr_progress_report (&pass->self->progress, ++pass->done, FALSE);
  return TRUE;
}

static int
compare_totals (gconstpointer a,
                gconstpointer b)
{
  const AcrWhatIfTotal *x = *(AcrWhatIfTotal * const *) a;
  const AcrWhatIfTotal *y = *(AcrWhatIfTotal * const *) b;

  return strcmp (x->key, y->key);
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  const AcrWhatIfMember *x = *(AcrWhatIfMember * const *) a;
  const AcrWhatIfMember *y = *(AcrWhatIfMember * const *) b;

  return x->number < y->number ? -1 : x->number > y->number;
}

static gboolean
check_year (AcrRules    *rules,
            int          year,
            GError     **error)
{
  if (acr_rules_has_year (rules, year))
    return TRUE;
  g_set_error (error, ACR_RULES_ERROR, ACR_RULES_ERROR_NO_SCHEDULE,
               _("%s: the rules have no dues schedule for %d"), acr_rules_get_source_name (rules), year);
  return FALSE;
}

static void
acr_what_if_finalize (GObject *object)
{
  AcrWhatIf *self = ACR_WHAT_IF (object);

  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_pointer (&self->chapter_index, g_hash_table_unref);
  g_clear_pointer (&self->by_category, g_ptr_array_unref);
  g_clear_pointer (&self->by_chapter, g_ptr_array_unref);
  g_clear_pointer (&self->largest, g_ptr_array_unref);
  g_clear_pointer (&self->category_changes, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_what_if_parent_class)->finalize (object);
}

static void
acr_what_if_dispose (GObject *object)
{
  AcrWhatIf *self = ACR_WHAT_IF (object);

  g_clear_object (&self->store);
  g_clear_object (&self->current);
  g_clear_object (&self->proposed);

  G_OBJECT_CLASS (acr_what_if_parent_class)->dispose (object);
}

static void
acr_what_if_class_init (AcrWhatIfClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_what_if_dispose;
  object_class->finalize = acr_what_if_finalize;
}

static void
acr_what_if_init (AcrWhatIf *self)
{
  _acr_progress_init (&self->progress, G_OBJECT (self));
  g_date_clear (&self->on, 1);
  reset_results (self);
}

/**
 * acr_what_if_new:
 * @current: the rules in use
 * @proposed: the rules tried
 * @year: the membership year quoted under both
 * @on: the day the quotes are made (a bill's date)
 */
AcrWhatIf *
acr_what_if_new (AcrStore    *store,
                 AcrRules    *current,
                 AcrRules    *proposed,
                 int          year,
                 const GDate *on)
{
  AcrWhatIf *self;

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  g_return_val_if_fail (ACR_IS_RULES (current), NULL);
  g_return_val_if_fail (ACR_IS_RULES (proposed), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  self = g_object_new (ACR_TYPE_WHAT_IF, NULL);
  self->store = g_object_ref (store);
  self->current = g_object_ref (current);
  self->proposed = g_object_ref (proposed);
  self->year = year;
  self->on = *on;
  return self;
}

/* @func sees every member as it is quoted, in the thread that executes. */
void
acr_what_if_set_row_func (AcrWhatIf        *self,
                          AcrWhatIfRowFunc  func,
                          gpointer          user_data)
{
  g_return_if_fail (ACR_IS_WHAT_IF (self));
  self->row_func = func;
  self->row_data = user_data;
}

void
acr_what_if_set_progress_func (AcrWhatIf             *self,
                               AcrWhatIfProgressFunc  func,
                               gpointer               user_data)
{
  g_return_if_fail (ACR_IS_WHAT_IF (self));
  _acr_progress_set_func (&self->progress, func, user_data);
}

/**
 * acr_what_if_execute:
 * @cancellable: (nullable): stops between two members
 *
 * Quotes every active member under both bundles. Reads only.
 *
 * Returns: %TRUE when every member was compared; the results stay readable
 *   after a failure or a cancellation (G_IO_ERROR_CANCELLED) for the members
 *   compared until then
 */
gboolean
acr_what_if_execute (AcrWhatIf     *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr (GArray) ids = NULL;

  g_return_val_if_fail (ACR_IS_WHAT_IF (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  reset_results (self);
  _acr_progress_start (&self->progress, 0);
  if (!check_year (self->current, self->year, error) || !check_year (self->proposed, self->year, error))
    return FALSE;

  ids = acr_store_list_ids_by_status (self->store, acr_member_status_to_string (ACR_MEMBER_STATUS_ACTIVE), error);
  if (ids == NULL)
    return FALSE;
  _acr_progress_start (&self->progress, ids->len);
  _acr_progress_report (&self->progress, 0, TRUE);

  /* Read in one pass, a member at a time (acr_store_foreach_member ()). */
  {
    g_autoptr (GArray) ids32 = g_array_sized_new (FALSE, FALSE, sizeof (guint32), ids->len);
    g_autoptr (GError) local_error = NULL;
    Pass pass = { self, cancellable, 0 };

    for (guint i = 0; i < ids->len; i++)
      {
        guint32 id = (guint32) g_array_index (ids, gint64, i);
        g_array_append_val (ids32, id);
      }
    if (!acr_store_foreach_member (self->store, ids32, compare_member_cb, &pass, &local_error) &&
        !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }
  }

  _acr_progress_report (&self->progress, _acr_progress_get_done (&self->progress), TRUE);
  g_ptr_array_sort (self->by_category, compare_totals);
  g_ptr_array_sort (self->by_chapter, compare_totals);
  g_ptr_array_sort (self->category_changes, compare_numbers);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
execute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  AcrWhatIf *self = source_object;
  GError *error = NULL;
  gboolean ok = acr_what_if_execute (self, cancellable, &error);

  _acr_progress_end_async (&self->progress);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Runs acr_what_if_execute () in a thread; progress in the caller's main context. */
void
acr_what_if_execute_async (AcrWhatIf           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (ACR_IS_WHAT_IF (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, acr_what_if_execute_async);
  g_task_set_return_on_cancel (task, FALSE);
  _acr_progress_begin_async (&self->progress, g_task_get_context (task));
  g_task_run_in_thread (task, execute_in_thread);
}

gboolean
acr_what_if_execute_finish (AcrWhatIf     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == acr_what_if_execute_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

int
acr_what_if_get_year (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->year;
}

guint
acr_what_if_get_n_done (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return _acr_progress_get_done (&self->progress);
}

guint
acr_what_if_get_n_total (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return _acr_progress_get_total (&self->progress);
}

/* Members who would pay more under the proposed rules. */
guint
acr_what_if_get_n_more (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_more;
}

guint
acr_what_if_get_n_less (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_less;
}

guint
acr_what_if_get_n_same (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_same;
}

/* What a billing run would bill under the rules in use. */
gint64
acr_what_if_get_total_now_cents (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->total_now_cents;
}

gint64
acr_what_if_get_total_then_cents (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->total_then_cents;
}

/* Members the rules in use cannot quote (their file does not fit the bundle). */
guint
acr_what_if_get_n_unquoted_now (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_unquoted_now;
}

guint
acr_what_if_get_n_unquoted_then (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_unquoted_then;
}

/* Members whose dues under the rules in use hold a placeholder amount. */
guint
acr_what_if_get_n_placeholder_now (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_placeholder_now;
}

guint
acr_what_if_get_n_placeholder_then (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_placeholder_then;
}

guint
acr_what_if_get_n_category_changes (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), 0);
  return self->n_category_changes;
}

/**
 * acr_what_if_get_by_category:
 *
 * Returns: (transfer none) (element-type AcrWhatIfTotal): per category id
 *   ("" for members with no category), in id order
 */
GPtrArray *
acr_what_if_get_by_category (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), NULL);
  return self->by_category;
}

/**
 * acr_what_if_get_by_chapter:
 *
 * Returns: (transfer none) (element-type AcrWhatIfTotal): chapter dues per
 *   chapter code, in code order
 */
GPtrArray *
acr_what_if_get_by_chapter (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), NULL);
  return self->by_chapter;
}

/**
 * acr_what_if_get_largest_changes:
 *
 * Returns: (transfer none) (element-type AcrWhatIfMember): at most
 *   ACR_WHAT_IF_N_LARGEST members whose dues change most, largest first
 */
GPtrArray *
acr_what_if_get_largest_changes (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), NULL);
  return self->largest;
}

/**
 * acr_what_if_get_category_changes:
 *
 * Returns: (transfer none) (element-type AcrWhatIfMember): the first
 *   ACR_WHAT_IF_N_CATEGORY_CHANGES members whose category would change, by
 *   member number (all of them are counted by
 *   acr_what_if_get_n_category_changes ())
 */
GPtrArray *
acr_what_if_get_category_changes (AcrWhatIf *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF (self), NULL);
  return self->category_changes;
}
