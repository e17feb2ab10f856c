#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "acr-search-index-private.h"
#include "acr-search-order.h"

/* One member being ordered: its value for the key and where it stood
 * (family-name order), which breaks ties. */
typedef struct
{
  guint32     id;
  guint32     position;
  const char *text;
  const char *text2;     /* the second chapter */
  gint64      value;
} Item;

typedef struct
{
  AcrSearchKey key;
  gboolean     descending;
} Order;

static const char *
code_str (AcrSearchIndex *self,
          guint8          code)
{
  return code != 0 && code < self->codes->len ? g_ptr_array_index (self->codes, code) : "";
}

/* Empty text (no city, no chapter) goes last whichever the direction. */
static int
compare_text (const char *a,
              const char *b,
              gboolean    descending)
{
  int c;

  if (*a == '\0' || *b == '\0')
    return (*a == '\0') - (*b == '\0');
  c = strcmp (a, b);
  return descending ? -c : c;
}

static int
compare_items (const void *pa,
               const void *pb,
               void       *data)
{
  const Item *a = pa;
  const Item *b = pb;
  const Order *order = data;
  int c = 0;

  if (order->key == ACR_SEARCH_KEY_BALANCE)
    {
      c = (a->value > b->value) - (a->value < b->value);
      if (order->descending)
        c = -c;
    }
  else
    {
      c = compare_text (a->text, b->text, order->descending);
      if (c == 0 && order->key == ACR_SEARCH_KEY_CHAPTERS)
        c = compare_text (a->text2, b->text2, order->descending);
    }
  if (c != 0)
    return c;
  return (a->position > b->position) - (a->position < b->position);
}

/* Fills @item's text for @key from the member's keys, base row or overlay. */
static gboolean
fill_item (AcrSearchIndex *self,
           Item           *item,
           AcrSearchKey    key)
{
  guint32 id = item->id;
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->overlay_ids, GUINT_TO_POINTER (id)));
  const char *category, *status, *city, *chapter0, *chapter1;

  if (index != 0)
    {
      const Overlay *o = &g_array_index (self->overlay, Overlay, index - 1);

      category = o->category;
      status = o->status;
      city = o->city;
      chapter0 = o->chapter[0];
      chapter1 = o->chapter[1];
    }
  else if (id < self->id_to_row_len && self->id_to_row[id] != 0)
    {
      const Row *r = &g_array_index (self->rows, Row, self->id_to_row[id] - 1);

      category = code_str (self, r->category);
      status = code_str (self, r->status);
      city = pool_str (self, r->city);
      chapter0 = code_str (self, r->chapter[0]);
      chapter1 = code_str (self, r->chapter[1]);
    }
  else
    return FALSE;

  switch (key)
    {
    case ACR_SEARCH_KEY_CATEGORY:
      item->text = category;
      break;
    case ACR_SEARCH_KEY_STATUS:
      item->text = status;
      break;
    case ACR_SEARCH_KEY_CHAPTERS:
      item->text = chapter0;
      item->text2 = chapter1;
      break;
    case ACR_SEARCH_KEY_CITY:
      item->text = city;
      break;
    case ACR_SEARCH_KEY_NONE:
    case ACR_SEARCH_KEY_BALANCE:
    default:
      break;
    }
  if (item->text == NULL)
    item->text = "";
  if (item->text2 == NULL)
    item->text2 = "";
  return TRUE;
}

/**
 * acr_search_index_order_ids:
 * @ids: (element-type guint32): member ids in family-name order, reordered in place
 * @balance: (nullable): for ACR_SEARCH_KEY_BALANCE, each member's balance
 *
 * Orders @ids by @key, ascending or @descending; members with the same
 * value keep their order. With ACR_SEARCH_KEY_NONE, @descending reverses
 * @ids.
 */
void
acr_search_index_order_ids (AcrSearchIndex       *self,
                            GArray               *ids,
                            AcrSearchKey          key,
                            gboolean              descending,
                            AcrSearchBalanceFunc  balance,
                            gpointer              user_data)
{
  g_autofree Item *items = NULL;
  Order order = { key, descending };
  guint n = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ids != NULL);
  g_return_if_fail (key != ACR_SEARCH_KEY_BALANCE || balance != NULL);

  if (key == ACR_SEARCH_KEY_NONE)
    {
      if (descending)
        for (guint i = 0, j = ids->len; i + 1 < j; i++, j--)
          {
            guint32 t = g_array_index (ids, guint32, i);

            g_array_index (ids, guint32, i) = g_array_index (ids, guint32, j - 1);
            g_array_index (ids, guint32, j - 1) = t;
          }
      return;
    }

  items = g_new0 (Item, MAX (ids->len, 1));
  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = &items[n];

      item->id = g_array_index (ids, guint32, i);
      item->position = i;
      if (!fill_item (self, item, key))
        continue;
      if (key == ACR_SEARCH_KEY_BALANCE)
        item->value = balance (item->id, user_data);
      n++;
    }
  g_qsort_with_data (items, n, sizeof (Item), compare_items, &order);
  for (guint i = 0; i < n; i++)
    g_array_index (ids, guint32, i) = items[i].id;
  g_array_set_size (ids, n);
}
