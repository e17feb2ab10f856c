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
 *
 * GTK 4.8 holds about 200 rows, a screenful of them visible. The rows in
 * the visible range (acr_member_rows_set_visible_range ()) show their new
 * member at once; the others after the frame is drawn, in an idle, or as
 * soon as anybody asks them for their member. With "hold-when-empty", an
 * empty answer keeps the rows (the page shows a status page instead of the
 * list), so the next answer fills them again rather than GTK destroying and
 * building 200 rows of cells for an answer nobody sees. With
 * "shrink-after-frame", the positions past a shorter answer show nothing at
 * once and are removed after the frame is drawn: GTK destroying their rows
 * (20-40 ms for a hundred) then delays no answer on screen. With
 * "grow-after-frame", a longer answer (a cleared search: a million members
 * after a handful) announces at once only the positions the screen shows;
 * the rest follow once typing pauses (GROW_DELAY_MS after the last answer),
 * a few dozen per idle, so GTK builds the 200 rows it keeps (1,400 cells,
 * 100 ms and more) neither before the answer's first frame nor between the
 * keystrokes that follow it.
 */

#define VISIBLE_MARGIN 4   /* rows beyond the visible range updated at once */
#define GROW_STEP 24       /* positions added per idle while growing */
#define GROW_DELAY_MS 150  /* growing waits for typing to pause this long */
#define GROW_ALL_FROM 256  /* past this (GTK 4.8 keeps about 200 rows), add the rest at once */

struct _AcrMemberRows
{
  GObject       parent_instance;

  GListModel   *members;
  GSignalGroup *members_signals;  /* follows members when they are swapped */
  guint         n_items;
  GHashTable   *rows;      /* position → AcrMemberRow (weak) */
  GHashTable   *pending;   /* positions whose row shows an old member */
  guint         pending_id;
  guint         visible_first;
  guint         visible_count;
  gboolean      hold_when_empty;
  gboolean      holding;   /* the answer is empty; n_items is the last non-empty one */
  gboolean      shrink_after_frame;
  guint         shrink_id; /* removes the positions past a shorter answer */
  gboolean      grow_after_frame;
  guint         grow_id;   /* adds the positions of a longer answer */
};

enum {
  PROP_0,
  PROP_HOLD_WHEN_EMPTY,
  PROP_SHRINK_AFTER_FRAME,
  PROP_GROW_AFTER_FRAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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

static gboolean
is_near_visible (AcrMemberRows *self,
                 guint          position)
{
  return position + VISIBLE_MARGIN >= self->visible_first &&
         position < self->visible_first + self->visible_count + VISIBLE_MARGIN;
}

static void
refresh_row (AcrMemberRows *self,
             guint          position)
{
  AcrMemberRow *row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  g_autoptr (AcrMember) member = NULL;

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (position));
  if (row == NULL)
    return;

  member = g_list_model_get_item (self->members, position);
  _acr_member_row_set_member (row, member);
}

/* Calls refresh_row () on @positions (guint): it edits the pending set, so not while iterating it. */
static void
refresh_rows (AcrMemberRows *self,
              GArray        *positions)
{
  for (guint i = 0; i < positions->len; i++)
    refresh_row (self, g_array_index (positions, guint, i));
}

static gboolean
refresh_pending_cb (gpointer data)
{
  AcrMemberRows *self = data;
  g_autoptr (GArray) batch = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;

  /* A few dozen rows at a time: a frame can come between. */
  g_hash_table_iter_init (&iter, self->pending);
  while (batch->len < 64 && g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (batch, &(guint) { GPOINTER_TO_UINT (key) }, 1);
  refresh_rows (self, batch);

  if (g_hash_table_size (self->pending) > 0)
    return G_SOURCE_CONTINUE;

  self->pending_id = 0;
  return G_SOURCE_REMOVE;
}

/* What an AcrMemberRow asks before it answers with its member. */
void
_acr_member_rows_refresh_row (AcrMemberRows *self,
                              guint          position)
{
  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  if (g_hash_table_contains (self->pending, GUINT_TO_POINTER (position)))
    refresh_row (self, position);
}

static gboolean
remove_surplus_cb (gpointer data)
{
  AcrMemberRows *self = data;
  guint answer_n = g_list_model_get_n_items (self->members);
  guint old_n = self->n_items;

  self->shrink_id = 0;
  if (!self->holding && answer_n < old_n)
    {
      self->n_items = answer_n;
      g_list_model_items_changed (G_LIST_MODEL (self), answer_n, old_n - answer_n, 0);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
grow_cb (gpointer data)
{
  AcrMemberRows *self = data;
  guint target = g_list_model_get_n_items (self->members);
  guint old_n = self->n_items;
  guint next;

  if (self->holding || target <= old_n)
    {
      self->grow_id = 0;
      return G_SOURCE_REMOVE;
    }

  next = old_n < GROW_ALL_FROM ? MIN (target, old_n + GROW_STEP) : target;
  self->n_items = next;
  g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, next - old_n);
  if (next < target)
    return G_SOURCE_CONTINUE;

  self->grow_id = 0;
  return G_SOURCE_REMOVE;
}

/* Typing paused: the positions still to come, a few per idle. */
static gboolean
grow_start_cb (gpointer data)
{
  AcrMemberRows *self = data;

  self->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* How many positions a longer answer announces at once: those on screen. */
static guint
grow_first (AcrMemberRows *self,
            guint          old_n,
            guint          new_n)
{
  guint shown = self->visible_first + self->visible_count + VISIBLE_MARGIN;

  if (!self->grow_after_frame || new_n <= old_n)
    return new_n;
  return MIN (new_n, MAX (old_n, shown));
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
  guint announced;
  GHashTableIter iter;
  gpointer key, row;

  if (new_n == 0 && self->hold_when_empty && old_n > 0)
    {
      /* Nobody sees the rows of an empty answer: keep them for the next. */
      self->holding = TRUE;
      return;
    }
  if (self->holding)
    {
      /* The rows show the last non-empty answer: all of them change. */
      self->holding = FALSE;
      position = 0;
    }

  /* The rows alive at positions still there show their new members; past
   * a shorter answer, kept until after the frame, they show nothing. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &row))
    {
      guint at = GPOINTER_TO_UINT (key);

      if (self->shrink_after_frame && at >= new_n)
        {
          g_hash_table_remove (self->pending, key);
          _acr_member_row_set_member (row, NULL);
          continue;
        }
      if (at < position || at >= common)
        continue;

      if (is_near_visible (self, at))
        refresh_row (self, at);
      else
        g_hash_table_add (self->pending, key);
    }
  if (g_hash_table_size (self->pending) > 0 && self->pending_id == 0)
    {
      /* After the frame that shows the visible rows (GDK redraws at HIGH_IDLE + 20). */
      self->pending_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_pending_cb, self, NULL);
    }

  if (new_n < old_n && self->shrink_after_frame)
    {
      if (self->shrink_id == 0)
        self->shrink_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, remove_surplus_cb, self, NULL);
      return;
    }

  g_clear_handle_id (&self->shrink_id, g_source_remove);
  /* A longer answer: the positions on screen now, the rest once typing pauses. */
  announced = grow_first (self, old_n, new_n);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  if (announced < new_n)
    self->grow_id = g_timeout_add (GROW_DELAY_MS, grow_start_cb, self);
  self->n_items = announced;
  if (old_n != announced)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, announced - common);
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
    {
      _acr_member_rows_refresh_row (self, position);
      return g_object_ref (row);
    }

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (position));
  member = self->holding ? NULL : g_list_model_get_item (self->members, position);
  row = _acr_member_row_new (self, position, member);
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

  g_clear_handle_id (&self->pending_id, g_source_remove);
  g_clear_handle_id (&self->shrink_id, g_source_remove);
  g_clear_handle_id (&self->grow_id, g_source_remove);
  g_hash_table_remove_all (self->pending);
  g_clear_object (&self->members_signals);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (acr_member_rows_parent_class)->dispose (object);
}

static void
acr_member_rows_finalize (GObject *object)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (acr_member_rows_parent_class)->finalize (object);
}

static void
acr_member_rows_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (object);

  switch (prop_id)
    {
    case PROP_HOLD_WHEN_EMPTY:
      g_value_set_boolean (value, self->hold_when_empty);
      break;
    case PROP_SHRINK_AFTER_FRAME:
      g_value_set_boolean (value, self->shrink_after_frame);
      break;
    case PROP_GROW_AFTER_FRAME:
      g_value_set_boolean (value, self->grow_after_frame);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_rows_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AcrMemberRows *self = ACR_MEMBER_ROWS (object);

  switch (prop_id)
    {
    case PROP_HOLD_WHEN_EMPTY:
      acr_member_rows_set_hold_when_empty (self, g_value_get_boolean (value));
      break;
    case PROP_SHRINK_AFTER_FRAME:
      acr_member_rows_set_shrink_after_frame (self, g_value_get_boolean (value));
      break;
    case PROP_GROW_AFTER_FRAME:
      acr_member_rows_set_grow_after_frame (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_member_rows_class_init (AcrMemberRowsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_member_rows_dispose;
  object_class->finalize = acr_member_rows_finalize;
  object_class->get_property = acr_member_rows_get_property;
  object_class->set_property = acr_member_rows_set_property;

  properties [PROP_HOLD_WHEN_EMPTY] =
    g_param_spec_boolean ("hold-when-empty", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SHRINK_AFTER_FRAME] =
    g_param_spec_boolean ("shrink-after-frame", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_GROW_AFTER_FRAME] =
    g_param_spec_boolean ("grow-after-frame", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_member_rows_init (AcrMemberRows *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->pending = g_hash_table_new (NULL, NULL);
  self->visible_count = 64;
  self->members_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->members_signals, "items-changed",
                                 G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
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
  g_signal_group_set_target (self->members_signals, members);

  return self;
}

/**
 * acr_member_rows_set_members:
 * @members: a GListModel of AcrMember
 *
 * Shows another list of members in the same rows, as if it were a new
 * answer: the rows GTK holds are filled again, not rebuilt.
 */
void
acr_member_rows_set_members (AcrMemberRows *self,
                             GListModel    *members)
{
  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));
  g_return_if_fail (G_IS_LIST_MODEL (members));

  if (members == self->members)
    return;

  g_set_object (&self->members, members);
  g_signal_group_set_target (self->members_signals, members);
  members_changed_cb (self, 0, self->n_items, g_list_model_get_n_items (members), members);
}

/**
 * acr_member_rows_set_visible_range:
 * @first: the first position on screen
 * @count: how many positions the screen shows
 *
 * The rows a new answer fills at once; the others follow after the frame.
 */
void
acr_member_rows_set_visible_range (AcrMemberRows *self,
                                   guint          first,
                                   guint          count)
{
  g_autoptr (GArray) now = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  self->visible_first = first;
  self->visible_count = count;

  /* Scrolled onto rows still waiting: they show their member before the next frame. */
  now = g_array_new (FALSE, FALSE, sizeof (guint));
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (is_near_visible (self, GPOINTER_TO_UINT (key)))
      g_array_append_vals (now, &(guint) { GPOINTER_TO_UINT (key) }, 1);
  refresh_rows (self, now);
}

gboolean
acr_member_rows_get_hold_when_empty (AcrMemberRows *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_ROWS (self), FALSE);
  return self->hold_when_empty;
}

void
acr_member_rows_set_hold_when_empty (AcrMemberRows *self,
                                     gboolean       hold_when_empty)
{
  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  hold_when_empty = !!hold_when_empty;
  if (self->hold_when_empty == hold_when_empty)
    return;

  self->hold_when_empty = hold_when_empty;
  if (!hold_when_empty && self->holding)
    {
      guint old_n = self->n_items;

      self->holding = FALSE;
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HOLD_WHEN_EMPTY]);
}

/**
 * acr_member_rows_refresh:
 *
 * The rows GTK holds show their members again: for figures read beside
 * the member (a balance after a payment), which change without the member.
 */
void
acr_member_rows_refresh (AcrMemberRows *self)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    g_object_notify (row, "member");
}

gboolean
acr_member_rows_get_shrink_after_frame (AcrMemberRows *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_ROWS (self), FALSE);
  return self->shrink_after_frame;
}

void
acr_member_rows_set_shrink_after_frame (AcrMemberRows *self,
                                        gboolean       shrink_after_frame)
{
  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  shrink_after_frame = !!shrink_after_frame;
  if (self->shrink_after_frame == shrink_after_frame)
    return;

  self->shrink_after_frame = shrink_after_frame;
  /* Turned off: a removal still waiting happens now. */
  if (!shrink_after_frame && self->shrink_id != 0)
    {
      g_clear_handle_id (&self->shrink_id, g_source_remove);
      remove_surplus_cb (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHRINK_AFTER_FRAME]);
}

gboolean
acr_member_rows_get_grow_after_frame (AcrMemberRows *self)
{
  g_return_val_if_fail (ACR_IS_MEMBER_ROWS (self), FALSE);
  return self->grow_after_frame;
}

/**
 * acr_member_rows_set_grow_after_frame:
 *
 * A longer answer announces only the positions on screen at once (see
 * acr_member_rows_set_visible_range ()), the rest in steps once no new
 * answer came for GROW_DELAY_MS.
 */
void
acr_member_rows_set_grow_after_frame (AcrMemberRows *self,
                                      gboolean       grow_after_frame)
{
  g_return_if_fail (ACR_IS_MEMBER_ROWS (self));

  grow_after_frame = !!grow_after_frame;
  if (self->grow_after_frame == grow_after_frame)
    return;

  self->grow_after_frame = grow_after_frame;
  /* Turned off: the positions still to come are added now. */
  if (!grow_after_frame && self->grow_id != 0)
    {
      guint old_n = self->n_items;
      guint target = g_list_model_get_n_items (self->members);

      g_clear_handle_id (&self->grow_id, g_source_remove);
      if (!self->holding && target > old_n)
        {
          self->n_items = target;
          g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, target - old_n);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GROW_AFTER_FRAME]);
}
