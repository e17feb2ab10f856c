#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <string.h>

#include "acr-search-fold.h"
#include "acr-search-order.h"
#include "acr-search-results.h"
#include "acr-store-backend.h"
#include "acr-store-private.h"

#define CACHE_SIZE 256          /* more than a screenful of rows */
#define REFINE_LIMIT 20000      /* narrowing a previous answer beats a fresh query below this */
#define SPLIT_MIN 64            /* see run_query (): below this, one items-changed is cheap */

struct _AcrSearchResults
{
  GObject        parent_instance;

  AcrStore      *store;
  gulong         changed_id;

  char          *text;
  char          *folded;        /* folded text of the current answer */
  char          *category;
  char          *status;
  char          *chapter;
  AcrSearchSort  sort;
  AcrSearchKey   key;           /* a column's order, ACR_SEARCH_KEY_NONE for the sort's */
  gboolean       descending;

  AcrSearchAnswer *answer;      /* the member ids, in order */
  AcrSearchAnswer *previous;    /* while a new answer is announced, the old one before it */
  guint          generation;    /* store generation the answer was computed at */

  GHashTable    *cache;         /* id → AcrMember */
  guint32        ring[CACHE_SIZE];
  guint          ring_next;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TEXT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void acr_search_results_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcrSearchResults, acr_search_results, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, acr_search_results_list_model_init))

static gboolean
extends_word_prefix (const char *previous,
                     const char *current)
{
  /* "jean lef" → "jean lefe": every word of the old query is a prefix of the new one's. */
  return previous != NULL && *previous != '\0' && g_str_has_prefix (current, previous);
}

static guint
get_n_items (AcrSearchResults *self)
{
  return acr_search_answer_get_n_items (self->previous) + acr_search_answer_get_n_items (self->answer);
}

static guint32
get_id (AcrSearchResults *self,
        guint             position)
{
  guint n_previous = acr_search_answer_get_n_items (self->previous);

  if (position < n_previous)
    return acr_search_answer_get_id (self->previous, position);
  return acr_search_answer_get_id (self->answer, position - n_previous);
}

static gint64
lookup_balance (guint32  id,
                gpointer user_data)
{
  gint64 *balance = user_data != NULL ? g_hash_table_lookup (user_data, GUINT_TO_POINTER (id)) : NULL;

  return balance != NULL ? *balance : 0;
}

/* The answer in the column order asked (acr_search_results_set_order ()). */
static AcrSearchAnswer *
order_answer (AcrSearchResults *self,
              AcrSearchIndex   *index,
              AcrSearchAnswer  *answer)
{
  g_autoptr (AcrSearchAnswer) owned = answer;
  g_autoptr (GHashTable) balances = NULL;
  g_autoptr (GArray) ids = NULL;
  guint n = acr_search_answer_get_n_items (answer);

  if (acr_search_answer_get_ids (answer) != NULL)
    ids = g_array_copy (acr_search_answer_get_ids (answer));
  else
    {
      /* A large answer is kept as a bitmap: list its ids to order them. */
      ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
      for (guint i = 0; i < n; i++)
        {
          guint32 id = acr_search_answer_get_id (answer, i);

          g_array_append_val (ids, id);
        }
    }

  if (self->key == ACR_SEARCH_KEY_BALANCE)
    {
      AcrStoreBackend *backend = acr_store_get_backend (self->store);
      AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (backend);
      g_autoptr (GError) error = NULL;

      if (iface->member_balances != NULL)
        balances = iface->member_balances (backend, &error);
      if (balances == NULL && error != NULL)
        g_message ("Balances unreadable, the list keeps its order: %s", error->message);
      if (balances == NULL)
        return g_steal_pointer (&owned);
    }

  acr_search_index_order_ids (index, ids, self->key, self->descending, lookup_balance, balances);
  return acr_search_answer_new_for_ids (ids);
}

static void
run_query (AcrSearchResults *self)
{
  AcrSearchIndex *index = _acr_store_get_index (self->store);
  g_autofree char *folded = acr_search_fold (self->text);
  AcrSearchQuery query = {
    .text = self->text,
    .category = self->category,
    .status = self->status,
    .chapter = self->chapter,
    .sort = self->sort,
  };
  guint old_n = get_n_items (self);
  guint new_n;
  guint generation = _acr_store_get_generation (self->store);
  GArray *old_ids = acr_search_answer_get_ids (self->answer);
  g_autoptr (AcrSearchAnswer) fresh = NULL;

  if (generation == self->generation &&
      old_ids != NULL && old_n <= REFINE_LIMIT &&
      extends_word_prefix (self->folded, folded))
    {
      g_autoptr (GArray) ids = g_array_copy (old_ids);

      /* Narrowed in place: the order of the previous answer stands. */
      acr_search_index_refine (index, &query, ids);
      fresh = acr_search_answer_new_for_ids (ids);
    }
  else
    {
      fresh = acr_search_index_answer (index, &query);
      if (self->key != ACR_SEARCH_KEY_NONE || self->descending)
        fresh = order_answer (self, index, fresh);
    }
  new_n = acr_search_answer_get_n_items (fresh);

  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);
  self->generation = generation;

  if (old_n > 0 && new_n > SPLIT_MIN)
    {
      /* GTK 4.8's list views, when a row on screen is among the removed
       * items, look for it in every added item: one get_item (a store read)
       * per added item, a minute for a million. Adding the new answer after the
       * old one, then removing the old one, gives each signal nothing to
       * look through, and the view starts again at the top. */
      self->previous = g_steal_pointer (&self->answer);
      self->answer = g_steal_pointer (&fresh);
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n);
      g_clear_pointer (&self->previous, acr_search_answer_free);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
    }
  else
    {
      g_clear_pointer (&self->answer, acr_search_answer_free);
      self->answer = g_steal_pointer (&fresh);
      if (old_n != 0 || new_n != 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
    }
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

/* A filter or sort change: the previous answer cannot be narrowed. */
static void
rerun (AcrSearchResults *self)
{
  g_clear_pointer (&self->folded, g_free);
  run_query (self);
}

static void
members_changed_cb (AcrSearchResults *self,
                    AcrStore         *store)
{
  g_hash_table_remove_all (self->cache);
  rerun (self);
}

static GType
acr_search_results_get_item_type (GListModel *model)
{
  return ACR_TYPE_MEMBER;
}

static guint
acr_search_results_get_n_items (GListModel *model)
{
  return get_n_items (ACR_SEARCH_RESULTS (model));
}

static gpointer
acr_search_results_get_item (GListModel *model,
                             guint       position)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (model);
  g_autoptr (GError) error = NULL;
  AcrMember *member;
  guint32 id;

  if (position >= get_n_items (self))
    return NULL;

  id = get_id (self, position);
  member = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (id));
  if (member != NULL)
    return g_object_ref (member);

  member = acr_store_lookup_member_by_id (self->store, id, &error);
  if (member == NULL)
    {
      /* The model cannot report errors; an empty member keeps the view consistent. */
      g_debug ("member id %u: %s", id, error->message);
      return acr_member_new ();
    }

  if (self->ring[self->ring_next] != 0)
    g_hash_table_remove (self->cache, GUINT_TO_POINTER (self->ring[self->ring_next]));
  self->ring[self->ring_next] = id;
  self->ring_next = (self->ring_next + 1) % CACHE_SIZE;
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (id), g_object_ref (member));
  return member;
}

static void
acr_search_results_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = acr_search_results_get_item_type;
  iface->get_n_items = acr_search_results_get_n_items;
  iface->get_item = acr_search_results_get_item;
}

static void
acr_search_results_constructed (GObject *object)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (object);

  G_OBJECT_CLASS (acr_search_results_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  self->changed_id = g_signal_connect_object (self->store, "members-changed",
                                              G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
  rerun (self);
}

static void
acr_search_results_dispose (GObject *object)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->cache);

  G_OBJECT_CLASS (acr_search_results_parent_class)->dispose (object);
}

static void
acr_search_results_finalize (GObject *object)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (object);

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->folded, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->chapter, g_free);
  g_clear_pointer (&self->previous, acr_search_answer_free);
  g_clear_pointer (&self->answer, acr_search_answer_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (acr_search_results_parent_class)->finalize (object);
}

static void
acr_search_results_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_search_results_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AcrSearchResults *self = ACR_SEARCH_RESULTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TEXT:
      acr_search_results_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_search_results_class_init (AcrSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = acr_search_results_constructed;
  object_class->dispose = acr_search_results_dispose;
  object_class->finalize = acr_search_results_finalize;
  object_class->get_property = acr_search_results_get_property;
  object_class->set_property = acr_search_results_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ACR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_search_results_init (AcrSearchResults *self)
{
  self->text = g_strdup ("");
  self->cache = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

AcrSearchResults *
acr_search_results_new (AcrStore *store)
{
  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  return g_object_new (ACR_TYPE_SEARCH_RESULTS, "store", store, NULL);
}

AcrStore *
acr_search_results_get_store (AcrSearchResults *self)
{
  g_return_val_if_fail (ACR_IS_SEARCH_RESULTS (self), NULL);
  return self->store;
}

const char *
acr_search_results_get_text (AcrSearchResults *self)
{
  g_return_val_if_fail (ACR_IS_SEARCH_RESULTS (self), NULL);
  return self->text;
}

void
acr_search_results_set_text (AcrSearchResults *self,
                             const char       *text)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  run_query (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

static gboolean
replace_filter (char       **slot,
                const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

void
acr_search_results_set_category (AcrSearchResults *self,
                                 const char       *category)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));
  if (replace_filter (&self->category, category))
    rerun (self);
}

void
acr_search_results_set_status (AcrSearchResults *self,
                               const char       *status)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));
  if (replace_filter (&self->status, status))
    rerun (self);
}

void
acr_search_results_set_chapter (AcrSearchResults *self,
                                const char       *chapter)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));
  if (replace_filter (&self->chapter, chapter))
    rerun (self);
}

void
acr_search_results_set_sort (AcrSearchResults *self,
                             AcrSearchSort     sort)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));
  if (self->sort == sort && self->key == ACR_SEARCH_KEY_NONE && !self->descending)
    return;
  self->sort = sort;
  self->key = ACR_SEARCH_KEY_NONE;
  self->descending = FALSE;
  rerun (self);
}

/**
 * acr_search_results_set_order:
 * @sort: the index's order, used when @key is ACR_SEARCH_KEY_NONE and
 *   among members with the same value otherwise (family name: always)
 * @key: a column to order by, or ACR_SEARCH_KEY_NONE
 * @descending: the other way round
 *
 * The member list's order, as a click on a column header asks it.
 */
void
acr_search_results_set_order (AcrSearchResults *self,
                              AcrSearchSort     sort,
                              AcrSearchKey      key,
                              gboolean          descending)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));

  if (key != ACR_SEARCH_KEY_NONE)
    sort = ACR_SEARCH_SORT_FAMILY_NAME;
  if (self->sort == sort && self->key == key && self->descending == descending)
    return;
  self->sort = sort;
  self->key = key;
  self->descending = descending;
  rerun (self);
}

/* Sets everything at once, with one search (the CLI and exports). */
void
acr_search_results_set_query (AcrSearchResults     *self,
                              const AcrSearchQuery *query)
{
  g_return_if_fail (ACR_IS_SEARCH_RESULTS (self));
  g_return_if_fail (query != NULL);

  replace_filter (&self->category, query->category);
  replace_filter (&self->status, query->status);
  replace_filter (&self->chapter, query->chapter);
  self->sort = query->sort;
  g_free (self->text);
  self->text = g_strdup (query->text ? query->text : "");
  rerun (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

gint64
acr_search_results_get_id (AcrSearchResults *self,
                           guint             position)
{
  g_return_val_if_fail (ACR_IS_SEARCH_RESULTS (self), 0);
  if (position >= get_n_items (self))
    return 0;
  return get_id (self, position);
}

/* "family" / "family-name", "given" / "given-name", "number". */
AcrSearchSort
acr_search_results_parse_sort (const char *name,
                               gboolean   *ok)
{
  *ok = TRUE;
  if (name == NULL || g_str_equal (name, "family") || g_str_equal (name, "family-name") || g_str_equal (name, "name"))
    return ACR_SEARCH_SORT_FAMILY_NAME;
  if (g_str_equal (name, "given") || g_str_equal (name, "given-name"))
    return ACR_SEARCH_SORT_GIVEN_NAME;
  if (g_str_equal (name, "number"))
    return ACR_SEARCH_SORT_NUMBER;
  *ok = FALSE;
  return ACR_SEARCH_SORT_FAMILY_NAME;
}
