#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include "acr-members-by-name.h"

#define PAGE_SIZE 256   /* more than GTK's rows alive: one read fills a screen */

struct _AcrMembersByName
{
  GObject     parent_instance;

  AcrStore   *store;
  guint       n_items;
  GHashTable *pages;    /* page number → GArray of guint32 ids */
};

static void acr_members_by_name_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcrMembersByName, acr_members_by_name, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, acr_members_by_name_list_model_init))

static GType
acr_members_by_name_get_item_type (GListModel *model)
{
  return ACR_TYPE_MEMBER;
}

static guint
acr_members_by_name_get_n_items (GListModel *model)
{
  return ACR_MEMBERS_BY_NAME (model)->n_items;
}

static gpointer
acr_members_by_name_get_item (GListModel *model,
                              guint       position)
{
  AcrMembersByName *self = ACR_MEMBERS_BY_NAME (model);
  guint page = position / PAGE_SIZE;
  g_autoptr (GError) error = NULL;
  AcrMember *member;
  GArray *ids;

  if (position >= self->n_items)
    return NULL;

  ids = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (ids == NULL)
    {
      ids = acr_store_list_ids_by_name (self->store, page * PAGE_SIZE, PAGE_SIZE, &error);
      if (ids == NULL)
        {
          /* The model cannot report errors; an empty member keeps the view consistent. */
          g_debug ("members %u–%u: %s", page * PAGE_SIZE, page * PAGE_SIZE + PAGE_SIZE - 1, error->message);
          return acr_member_new ();
        }
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), ids);
    }

  if (position % PAGE_SIZE >= ids->len)
    return acr_member_new ();

  member = acr_store_lookup_member_by_id (self->store, g_array_index (ids, guint32, position % PAGE_SIZE), &error);
  if (member == NULL)
    {
      g_debug ("member at %u: %s", position, error->message);
      return acr_member_new ();
    }

  return member;
}

static void
acr_members_by_name_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = acr_members_by_name_get_item_type;
  iface->get_n_items = acr_members_by_name_get_n_items;
  iface->get_item = acr_members_by_name_get_item;
}

static void
acr_members_by_name_finalize (GObject *object)
{
  AcrMembersByName *self = ACR_MEMBERS_BY_NAME (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (acr_members_by_name_parent_class)->finalize (object);
}

static void
acr_members_by_name_class_init (AcrMembersByNameClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_members_by_name_finalize;
}

static void
acr_members_by_name_init (AcrMembersByName *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}

/**
 * acr_members_by_name_new:
 * @store: the member store
 *
 * Counts the members once; later changes to the store are not followed
 * (the search results take over when the index is ready).
 */
AcrMembersByName *
acr_members_by_name_new (AcrStore *store)
{
  AcrMembersByName *self;
  gint64 count;

  g_return_val_if_fail (ACR_IS_STORE (store), NULL);

  self = g_object_new (ACR_TYPE_MEMBERS_BY_NAME, NULL);
  self->store = g_object_ref (store);
  count = acr_store_count_members (store, NULL);
  self->n_items = count > 0 ? (guint) count : 0;

  return self;
}
