#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "acr-member-private.h"
#include "acr-search-fold.h"
#include "acr-store.h"
#include "acr-store-private.h"
#include "acr-store-search-private.h"
#include "acr-store-sqlite.h"

enum {
  MEMBERS_CHANGED,
  COMMITTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (AcrStore, acr_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-store-error-quark, acr_store_error)

static void
flatten_json (JsonNode    *node,
              const char  *path,
              GHashTable  *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child = path ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                        : g_strdup (l->data);
          flatten_json (json_object_get_member (object, l->data), child, out);
        }
    }
  else if (path != NULL)
    {
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      json_generator_set_root (generator, node);
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_hash_table_insert (out, g_strdup (path), g_strdup (json_node_get_string (node)));
      else if (!JSON_NODE_HOLDS_NULL (node))
        g_hash_table_insert (out, g_strdup (path), json_generator_to_data (generator, NULL));
    }
}

static GHashTable *
flatten_person (const char *json)
{
  GHashTable *facts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (JsonNode) node = json_from_string (json, NULL);

  if (node != NULL)
    flatten_json (node, NULL, facts);
  return facts;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* History lines for the person facts: one per fact that changed ("person.training.end"). */
static gboolean
append_person_changes (AcrStore    *self,
                       gint64       member_id,
                       gint64       revision,
                       const char  *old_json,
                       const char  *new_json,
                       const char  *time,
                       const char  *reason,
                       GError     **error)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  g_autoptr (GHashTable) old_facts = flatten_person (old_json);
  g_autoptr (GHashTable) new_facts = flatten_person (new_json);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, old_facts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_hash_table_iter_init (&iter, new_facts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (old_facts, key))
      g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const char *before = g_hash_table_lookup (old_facts, name);
      const char *after = g_hash_table_lookup (new_facts, name);
      g_autofree char *field = NULL;
      g_autoptr (AcrMemberChange) change = NULL;

      if (g_strcmp0 (before, after) == 0)
        continue;
      field = g_strdup_printf ("person.%s", name);
      change = acr_member_change_new (revision, time, g_get_user_name (), field, before, after, reason);
      if (!iface->append_change (self->backend, member_id, change, error))
        return FALSE;
    }
  return TRUE;
}

static void
acr_store_dispose (GObject *object)
{
  AcrStore *self = ACR_STORE (object);

  if (self->in_transaction)
    _acr_store_rollback (self);
  g_clear_object (&self->backend);

  G_OBJECT_CLASS (acr_store_parent_class)->dispose (object);
}

static void
acr_store_finalize (GObject *object)
{
  AcrStore *self = ACR_STORE (object);

  g_clear_pointer (&self->index, acr_search_index_free);
  g_clear_pointer (&self->pending_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (acr_store_parent_class)->finalize (object);
}

static void
acr_store_class_init (AcrStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = acr_store_dispose;
  object_class->finalize = acr_store_finalize;

  /**
   * AcrStore::members-changed:
   * Emitted after a commit that added or changed members; lookups refresh on it.
   */
  signals [MEMBERS_CHANGED] =
    g_signal_new ("members-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * AcrStore::committed:
   * Emitted after every commit, whatever it wrote (members, invoices,
   * payments): views of figures derived from several tables, such as a
   * member's balance, read them again.
   */
  signals [COMMITTED] =
    g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
acr_store_init (AcrStore *self)
{
  self->pending_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) _acr_store_owned_keys_free);
}

/* $XDG_DATA_HOME/acr-membership/members.db */
char *
acr_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "acr-membership", "members.db", NULL);
}

/*
 * acr_store_open:
 * Opens the embedded database at @path (NULL: the default path), creating
 * it if needed, and builds the lookup index.
 */
AcrStore *
acr_store_open (const char  *path,
                GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr (AcrStoreSqlite) backend = NULL;

  if (path == NULL)
    path = default_path = acr_store_dup_default_path ();

  backend = acr_store_sqlite_open (path, error);
  if (backend == NULL)
    return NULL;
  return acr_store_new_for_backend (ACR_STORE_BACKEND (backend), error);
}

/*
 * acr_store_open_existing:
 * Like acr_store_open (), but a missing file fails with
 * ACR_STORE_ERROR_NOT_FOUND ("no database at PATH") instead of being
 * created: for commands that only read or bill, where a mistyped path must
 * not start an empty database.
 */
AcrStore *
acr_store_open_existing (const char  *path,
                         GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr (AcrStoreSqlite) backend = NULL;

  if (path == NULL)
    path = default_path = acr_store_dup_default_path ();

  backend = acr_store_sqlite_open_full (path, FALSE, error);
  if (backend == NULL)
    return NULL;
  return acr_store_new_for_backend (ACR_STORE_BACKEND (backend), error);
}

AcrStore *
acr_store_new_for_backend (AcrStoreBackend  *backend,
                           GError          **error)
{
  g_autoptr (AcrStore) self = NULL;

  g_return_val_if_fail (ACR_IS_STORE_BACKEND (backend), NULL);

  self = g_object_new (ACR_TYPE_STORE, NULL);
  self->backend = g_object_ref (backend);
  if (ACR_STORE_BACKEND_GET_IFACE (backend)->get_data_version != NULL)
    self->noticed_version = ACR_STORE_BACKEND_GET_IFACE (backend)->get_data_version (backend);
  return g_steal_pointer (&self);
}

AcrStoreBackend *
acr_store_get_backend (AcrStore *self)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  return self->backend;
}

const char *
acr_store_get_location (AcrStore *self)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->get_location (self->backend);
}

gint64
acr_store_count_members (AcrStore  *self,
                         GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), -1);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->count_members (self->backend, error);
}

/**
 * acr_store_list_ids_by_name:
 * @offset: the first position
 * @limit: at most this many
 *
 * Member ids in family-name order (family, given name, number: the search
 * index's order), read from the store's own index.
 *
 * Returns: (transfer full): guint32 ids, or NULL with @error set
 */
GArray *
acr_store_list_ids_by_name (AcrStore  *self,
                            guint      offset,
                            guint      limit,
                            GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->list_ids_by_name (self->backend, offset, limit, error);
}

/**
 * acr_store_notice_other_commits:
 *
 * Emits #AcrStore::committed when another connection (a billing run's,
 * another workstation's) committed since the last call, so that what this
 * store's views derive (balances) is read again. Cheap: one pragma.
 *
 * Returns: whether it did
 */
gboolean
acr_store_notice_other_commits (AcrStore *self)
{
  AcrStoreBackendInterface *iface;
  gint64 version;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);

  iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  if (iface->get_data_version == NULL || self->in_transaction)
    return FALSE;

  version = iface->get_data_version (self->backend);
  if (version == self->noticed_version)
    return FALSE;

  self->noticed_version = version;
  g_signal_emit (self, signals [COMMITTED], 0);
  return TRUE;
}

/* "0001234", "1234" → 1234; 0 if @text is not a member number. */
guint
acr_store_parse_number (const char *text)
{
  guint64 value;

  if (!acr_search_is_digits (text) || strlen (text) > 7)
    return 0;
  value = g_ascii_strtoull (text, NULL, 10);
  return (guint) value;
}

AcrMember *
acr_store_lookup_member (AcrStore  *self,
                         guint      number,
                         GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (number > 0, NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->load_member (self->backend, 0, number, error);
}

AcrMember *
acr_store_lookup_member_by_id (AcrStore  *self,
                               gint64     id,
                               GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (id > 0, NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->load_member (self->backend, id, 0, error);
}

/**
 * acr_store_list_ids_by_status:
 * @status: a member status ("active", …)
 *
 * Returns: (transfer full): the gint64 ids of the members with @status, in
 *   id order, or NULL with @error set
 */
GArray *
acr_store_list_ids_by_status (AcrStore    *self,
                              const char  *status,
                              GError     **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (status != NULL, NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->list_ids_by_status (self->backend, status, error);
}

/**
 * acr_store_foreach_member:
 * @ids: member ids (guint32), as acr_store_search_ids () gives them
 * @func: called with each member, in the order of @ids; FALSE stops
 *
 * Reads the members of @ids one at a time, as a whole-membership read (an
 * export) needs them: in one read of the database, without holding more
 * than one. Fails as @func does, or when a member cannot be read.
 */
gboolean
acr_store_foreach_member (AcrStore            *self,
                          GArray              *ids,
                          AcrStoreMemberFunc   func,
                          gpointer             user_data,
                          GError             **error)
{
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL && func != NULL, FALSE);

  iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  if (iface->load_members != NULL)
    return iface->load_members (self->backend, (const guint32 *) ids->data, ids->len, func, user_data, error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (AcrMember) member = iface->load_member (self->backend, g_array_index (ids, guint32, i), 0, error);

      if (member == NULL || !func (member, user_data, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * acr_store_search_ids:
 * @limit: at most this many ids (0: all)
 * @n_matches: (out): how many members match in all
 *
 * A lookup answered by the database alone, without reading the members
 * into the search index: for a program that searches once (the CLI), where
 * building the index would cost more than the answer. Same matches, same
 * order as the index (AcrSearchResults). Returns the member ids (guint32).
 */
GArray *
acr_store_search_ids (AcrStore              *self,
                      const AcrSearchQuery  *query,
                      guint                  limit,
                      guint                 *n_matches,
                      GError               **error)
{
  AcrStoreBackendInterface *iface;
  guint n = 0;
  GArray *ids;

  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  if (iface->search_ids != NULL)
    ids = iface->search_ids (self->backend, query, limit, &n, error);
  else
    {
      /* An engine without its own lookup: the index's answer. */
      g_autoptr (AcrSearchAnswer) answer = acr_search_index_answer (_acr_store_get_index (self), query);

      n = acr_search_answer_get_n_items (answer);
      ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), limit == 0 ? n : MIN (n, limit));
      for (guint i = 0; i < n && (limit == 0 || i < limit); i++)
        {
          guint32 id = acr_search_answer_get_id (answer, i);
          g_array_append_val (ids, id);
        }
    }
  if (ids != NULL && n_matches != NULL)
    *n_matches = n;
  return ids;
}

char *
_acr_store_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
_acr_store_begin (AcrStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!ACR_STORE_BACKEND_GET_IFACE (self->backend)->begin (self->backend, error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

void
_acr_store_set_bulk (AcrStore *self)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);

  g_return_if_fail (self->in_transaction);
  if (iface->set_bulk != NULL)
    iface->set_bulk (self->backend);
}

gboolean
_acr_store_commit (AcrStore  *self,
                   GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!ACR_STORE_BACKEND_GET_IFACE (self->backend)->commit (self->backend, error))
    {
      _acr_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;

  if (_acr_store_index_committed (self))
    g_signal_emit (self, signals [MEMBERS_CHANGED], 0);

  g_signal_emit (self, signals [COMMITTED], 0);
  return TRUE;
}

void
_acr_store_rollback (AcrStore *self)
{
  g_return_if_fail (ACR_IS_STORE (self));

  if (!self->in_transaction)
    return;
  ACR_STORE_BACKEND_GET_IFACE (self->backend)->rollback (self->backend);
  g_ptr_array_set_size (self->pending_keys, 0);
  self->pending_rebuild = FALSE;
  self->in_transaction = FALSE;
}

/*
 * E-mail addresses are unique among members, compared folded (case and
 * accents): refuses @email_key when a member other than @member holds it.
 */
static gboolean
check_email_free (AcrStore    *self,
                  AcrMember   *member,
                  const char  *email_key,
                  GError     **error)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  g_autoptr (AcrMember) other = NULL;
  gint64 id;

  if (email_key == NULL || *email_key == '\0')
    return TRUE;
  id = iface->find_member (self->backend, email_key, NULL, NULL, NULL, error);
  if (id < 0)
    return FALSE;
  if (id == 0 || id == acr_member_get_id (member))
    return TRUE;
  if ((other = iface->load_member (self->backend, id, 0, error)) == NULL)
    return FALSE;
  g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_DUPLICATE,
               _("email: %s is already the address of member %07u; each member needs their own address"),
               acr_member_get_email (member), acr_member_get_number (other));
  return FALSE;
}

/* Inside a transaction: gives @member its number and writes it with a "created" history line. */
gboolean
_acr_store_insert (AcrStore    *self,
                   AcrMember   *member,
                   const char  *reason,
                   const char  *time,
                   GError     **error)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  g_autoptr (AcrMemberChange) change = NULL;
  g_autofree char *number_text = NULL;
  AcrStoreOwnedKeys *keys;
  guint number;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if (acr_member_get_number (member) != 0)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("member %07u is already stored"), acr_member_get_number (member));
      return FALSE;
    }

  {
    g_autofree char *email_key = acr_search_fold (acr_member_get_email (member));

    if (!check_email_free (self, member, email_key, error))
      return FALSE;
  }

  number = iface->next_member_number (self->backend, error);
  if (number == 0)
    return FALSE;

  _acr_member_set_number (member, number);
  _acr_member_set_revision (member, 1);
  _acr_member_set_updated_at (member, time);
  keys = _acr_store_compute_keys (member);
  if (!iface->insert_member (self->backend, member, &keys->keys, error))
    {
      _acr_store_owned_keys_free (keys);
      _acr_member_set_number (member, 0);
      _acr_member_set_revision (member, 0);
      return FALSE;
    }
  keys->keys.id = (guint32) acr_member_get_id (member);
  _acr_store_queue_index_update (self, keys);

  number_text = acr_member_dup_number_text (member);
  change = acr_member_change_new (1, time, g_get_user_name (), "member", NULL, number_text, reason);
  return iface->append_change (self->backend, acr_member_get_id (member), change, error);
}

static char *
conflict_fields (GPtrArray *changes)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      AcrMemberChange *change = changes->pdata[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len && !seen; j++)
        seen = g_str_equal (names->pdata[j], change->field);
      if (!seen)
        g_ptr_array_add (names, change->field);
    }
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Inside a transaction: writes the fields of @member that differ from the stored record. */
gboolean
_acr_store_update (AcrStore    *self,
                   AcrMember   *member,
                   const char  *reason,
                   const char  *time,
                   GError     **error)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  g_autoptr (AcrMember) stored = NULL;
  g_auto (GStrv) fields = NULL;
  gint64 revision;

  g_return_val_if_fail (self->in_transaction, FALSE);

  if (acr_member_get_id (member) <= 0)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                   _("the member was never stored; add it first"));
      return FALSE;
    }

  stored = iface->load_member (self->backend, acr_member_get_id (member), 0, error);
  if (stored == NULL)
    return FALSE;

  if (acr_member_get_revision (stored) != acr_member_get_revision (member))
    {
      g_autoptr (GPtrArray) changes = iface->list_changes (self->backend, acr_member_get_id (member),
                                                           acr_member_get_revision (member), error);
      g_autofree char *names = NULL;
      AcrMemberChange *last;

      if (changes == NULL)
        return FALSE;
      names = conflict_fields (changes);
      last = changes->len > 0 ? changes->pdata[changes->len - 1] : NULL;
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT,
                   _("member %07u was changed by %s at %s since you opened it (revision %lld"
                     " → %lld): %s. Nothing was saved; reopen the member and make your change again."),
                   acr_member_get_number (member),
                   last ? last->account : "?", last ? last->time : "?",
                   (long long) acr_member_get_revision (member), (long long) acr_member_get_revision (stored),
                   names);
      return FALSE;
    }

  fields = acr_member_diff (stored, member);
  if (fields[0] == NULL)
    return TRUE;

  {
    g_autofree char *old_key = acr_search_fold (acr_member_get_email (stored));
    g_autofree char *new_key = acr_search_fold (acr_member_get_email (member));

    if (!g_str_equal (old_key, new_key) && !check_email_free (self, member, new_key, error))
      return FALSE;
  }

  revision = acr_member_get_revision (stored) + 1;
  _acr_member_set_revision (member, revision);
  _acr_member_set_updated_at (member, time);
  {
    AcrStoreOwnedKeys *keys = _acr_store_compute_keys (member);
    if (!iface->update_member (self->backend, member, &keys->keys, revision - 1, error))
      {
        _acr_store_owned_keys_free (keys);
        _acr_member_set_revision (member, revision - 1);
        return FALSE;
      }
    _acr_store_queue_index_update (self, keys);
  }

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *before = acr_member_get_field (stored, fields[i]);
      const char *after = acr_member_get_field (member, fields[i]);
      g_autoptr (AcrMemberChange) change = NULL;

      if (g_str_equal (fields[i], "person"))
        {
          if (!append_person_changes (self, acr_member_get_id (member), revision, before, after,
                                      time, reason, error))
            return FALSE;
          continue;
        }
      change = acr_member_change_new (revision, time, g_get_user_name (), fields[i], before, after, reason);
      if (!iface->append_change (self->backend, acr_member_get_id (member), change, error))
        return FALSE;
    }
  return TRUE;
}

/*
 * acr_store_add_member:
 * Stores a new member, giving it the next member number (never reused).
 */
gboolean
acr_store_add_member (AcrStore    *self,
                      AcrMember   *member,
                      const char  *reason,
                      GError     **error)
{
  g_autofree char *time = _acr_store_now ();

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (ACR_IS_MEMBER (member), FALSE);

  if (!_acr_store_begin (self, error))
    return FALSE;
  if (!_acr_store_insert (self, member, reason, time, error))
    {
      _acr_store_rollback (self);
      _acr_member_set_number (member, 0);
      return FALSE;
    }
  return _acr_store_commit (self, error);
}

/*
 * acr_store_save_member:
 * Saves the changes made to @member since it was read. Fails with
 * ACR_STORE_ERROR_CONFLICT, naming the fields, if someone else saved it in
 * between; nothing is overwritten then. On success the member's revision is
 * the new one. Saving an unchanged member changes nothing.
 */
gboolean
acr_store_save_member (AcrStore    *self,
                       AcrMember   *member,
                       const char  *reason,
                       GError     **error)
{
  g_autofree char *time = _acr_store_now ();
  gint64 revision;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (ACR_IS_MEMBER (member), FALSE);

  revision = acr_member_get_revision (member);
  if (!_acr_store_begin (self, error))
    return FALSE;
  if (!_acr_store_update (self, member, reason, time, error) ||
      !_acr_store_commit (self, error))
    {
      _acr_store_rollback (self);
      _acr_member_set_revision (member, revision);
      return FALSE;
    }
  return TRUE;
}

/* The member's history, oldest first (GPtrArray of AcrMemberChange). */
GPtrArray *
acr_store_list_history (AcrStore   *self,
                        AcrMember  *member,
                        GError    **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  g_return_val_if_fail (ACR_IS_MEMBER (member), NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->list_changes (self->backend, acr_member_get_id (member), 0, error);
}

gint64
_acr_store_find_member (AcrStore    *self,
                        const char  *email,
                        const char  *family_name,
                        const char  *given_name,
                        const char  *program,
                        GError     **error)
{
  g_autofree char *email_key = email ? acr_search_fold (email) : NULL;
  g_autofree char *family_key = acr_search_fold (family_name);
  g_autofree char *given_key = acr_search_fold (given_name);

  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->find_member (self->backend, email_key, family_key,
                                                                   given_key, program, error);
}

static gboolean
check_draft_key (const char  *key,
                 GError     **error)
{
  if (key == NULL || *key == '\0' || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID, _("a draft needs a key"));
      return FALSE;
    }
  return TRUE;
}

/* Keeps an unsaved application form (@json: any JSON text) under @key. */
gboolean
acr_store_save_draft (AcrStore    *self,
                      const char  *key,
                      const char  *json,
                      GError     **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) parse_error = NULL;
  AcrStoreBackendInterface *iface;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);

  if (!check_draft_key (key, error))
    return FALSE;
  if (json == NULL || (node = json_from_string (json, &parse_error)) == NULL)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID, _("draft “%s”: not JSON: %s"),
                   key, parse_error ? parse_error->message : _("empty"));
      return FALSE;
    }

  iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  if (!_acr_store_begin (self, error))
    return FALSE;
  if (!iface->save_draft (self->backend, key, json, error))
    {
      _acr_store_rollback (self);
      return FALSE;
    }
  return _acr_store_commit (self, error);
}

char *
acr_store_load_draft (AcrStore    *self,
                      const char  *key,
                      GError     **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  if (!check_draft_key (key, error))
    return NULL;
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->load_draft (self->backend, key, error);
}

gboolean
acr_store_delete_draft (AcrStore    *self,
                        const char  *key,
                        GError     **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  if (!check_draft_key (key, error))
    return FALSE;
  if (!_acr_store_begin (self, error))
    return FALSE;
  if (!ACR_STORE_BACKEND_GET_IFACE (self->backend)->delete_draft (self->backend, key, error))
    {
      _acr_store_rollback (self);
      return FALSE;
    }
  return _acr_store_commit (self, error);
}

char **
acr_store_list_drafts (AcrStore  *self,
                       GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->list_drafts (self->backend, error);
}

/* "ok", or the engine's list of problems. */
char *
acr_store_check_integrity (AcrStore  *self,
                           GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), NULL);
  return ACR_STORE_BACKEND_GET_IFACE (self->backend)->check_integrity (self->backend, error);
}

