#define G_LOG_DOMAIN "acr-member-rows"

#include "config.h"

#include "acr-member-row-private.h"
#include "acr-member-rows.h"

/*
 * AcrMemberRows: the member list as positions (a GListModel of
 * AcrMemberRow) over a GListModel of AcrMember such as AcrSearchResults.
 *
 * Why: a new search replaces every result, and GTK 4.8's list views then
 * throw away every row widget they keep (about 200 rows, 1,200 cells here)
 * and build new ones, which costs half a second per keystroke. Here a
 * search changes what the rows already on screen show (AcrMemberRow's
 * "member" changes, the cells fill themselves again) and only a change in
 * the number of results is announced as items added or removed, at the end.
 *
 * Only the rows GTK holds are alive: the table maps positions to rows
 * through weak references, so a million results cost no rows at all.
 */

struct _AcrMemberRows
{
  GObject     parent_instance;

  GListModel *members;
  gulong      items_changed_id;
  guint       n_items;
  GHashTable *rows;      /* position → AcrMemberRow (weak) */
};

static void acr_member_rows_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AcrMemberRows, acr_member_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, acr_member_rows_list_model_init))

static void
row_finalized_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  AcrMemberRows *self = data;
  GHashTableIter iter;
  gpointer row;

  /* The row is gone, so its position cannot be read: find it by address. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      if (row == (gpointer) where_the_object_was)
        {
          g_hash_table_iter_remove (&iter);
          break;
        }
    }
}

static void
members_changed_cb (AcrMemberRows *self,
                    guint          position,
                    guint          removed,
                    guint          added,
                    GListModel    *members)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (members);
  guint common = MIN (old_n, new_n);
  GHashTableIter iter;
  gpointer key, row;

  self->n_items = new_n;

  /* The rows alive at positions still there show their new members. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (at >= position && at < common)
        {
          g_autoptr (AcrMember) member = g_list_model_get_item (members, at);

          _acr_member_row_set_member (row, member);
        }
    }

  if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);
}

static GType
acr_member_rows_get_item_type (GListModel *model)
{
  return ACR_TYPE_MEMBER_ROW;
}

static guint
acr_member_rows_get_n_items (GListModel *model)
{
  return ACR_MEMBER_ROWS (model)->n_items;
}

static gpointer
acr_member_rows_get_item (GListModel *model,
                          guint       position)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (model);
  g_autoptr (AcrMember) member = NULL;
  AcrMemberRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  member = g_list_model_get_item (self->members, position);
  row = _acr_member_row_new (position, member);
  g_object_weak_ref (G_OBJECT (row), row_finalized_cb, self);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);

  return row;
}

static void
acr_member_rows_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = acr_member_rows_get_item_type;
  iface->get_n_items = acr_member_rows_get_n_items;
  iface->get_item = acr_member_rows_get_item;
}

static void
acr_member_rows_dispose (GObject *object)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (object);
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    g_object_weak_unref (row, row_finalized_cb, self);
  g_hash_table_remove_all (self->rows);

  g_clear_signal_handler (&self->items_changed_id, self->members);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (acr_member_rows_parent_class)->dispose (object);
}

static void
acr_member_rows_finalize (GObject *object)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (acr_member_rows_parent_class)->finalize (object);
}

static void
acr_member_rows_class_init (AcrMemberRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_member_rows_dispose;
  object_class->finalize = acr_member_rows_finalize;
}

static void
acr_member_rows_init (AcrMemberRows *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
}

/**
 * acr_member_rows_new:
 * @members: a GListModel of AcrMember
 */
AcrMemberRows *
acr_member_rows_new (GListModel *members)
{
  AcrMemberRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (members), NULL);

  self = g_object_new (ACR_TYPE_MEMBER_ROWS, NULL);
  self->members = g_object_ref (members);
  self->n_items = g_list_model_get_n_items (members);
  self->items_changed_id = g_signal_connect_object (members, "items-changed",
                                                    G_CALLBACK (members_changed_cb), self,
                                                    G_CONNECT_SWAPPED);

  return self;
}
