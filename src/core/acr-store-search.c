#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-search-cache.h"
#include "acr-search-fold.h"
#include "acr-store.h"
#include "acr-store-private.h"
#include "acr-store-search-private.h"

/*
 * The store's side of member lookup: the search index is read from the
 * engine at the first search (or ahead of it, in a worker thread), kept up
 * to date with an overlay of the members each commit writes, and read again
 * when another connection changed members.
 */

/* Beyond this many changed members since open, the index is rebuilt rather than overlaid. */
#define OVERLAY_REBUILD_THRESHOLD 20000

void
_acr_store_owned_keys_free (AcrStoreOwnedKeys *k)
{
  for (guint i = 0; i < G_N_ELEMENTS (k->strings); i++)
    g_free (k->strings[i]);
  g_free (k->category);
  g_free (k->status);
  g_free (k->chapters);
  g_free (k);
}

AcrStoreOwnedKeys *
_acr_store_compute_keys (AcrMember *member)
{
  AcrStoreOwnedKeys *k = g_new0 (AcrStoreOwnedKeys, 1);
  const char *npi = acr_member_get_npi (member);

  k->strings[0] = acr_search_fold (acr_member_get_family_name (member));
  k->strings[1] = acr_search_fold (acr_member_get_given_name (member));
  k->strings[2] = acr_search_fold (acr_member_get_email (member));
  k->strings[3] = acr_search_fold (acr_member_get_city (member));
  k->strings[4] = acr_search_fold_postal (acr_member_get_field (member, "postal_code"));
  k->strings[5] = g_strdup (npi ? npi : "");
  k->category = g_strdup (acr_member_get_category (member) ? acr_member_get_category (member) : "");
  k->status = g_strdup (acr_member_get_status (member));
  k->chapters = g_strdup (acr_member_get_chapters (member) ? acr_member_get_chapters (member) : "");

  k->keys.id = (guint32) acr_member_get_id (member);
  k->keys.number = acr_member_get_number (member);
  k->keys.family_key = k->strings[0];
  k->keys.given_key = k->strings[1];
  k->keys.email_key = k->strings[2];
  k->keys.city_key = k->strings[3];
  k->keys.postal_key = k->strings[4];
  k->keys.npi = k->strings[5];
  k->keys.category = k->category;
  k->keys.status = k->status;
  k->keys.chapters = k->chapters;
  return k;
}

/* Queues an index update for the commit; a batch too big for the overlay is re-read instead. */
void
_acr_store_queue_index_update (AcrStore          *self,
                               AcrStoreOwnedKeys *keys)
{
  if (self->pending_rebuild || self->index == NULL)
    {
      /* No index yet: it will be read whole, with this change, when first searched. */
      _acr_store_owned_keys_free (keys);
      return;
    }
  g_ptr_array_add (self->pending_keys, keys);
  if (acr_search_index_get_n_overlay (self->index) + self->pending_keys->len > OVERLAY_REBUILD_THRESHOLD)
    {
      self->pending_rebuild = TRUE;
      g_ptr_array_set_size (self->pending_keys, 0);
    }
}

typedef struct
{
  AcrSearchIndex *index;
  GByteArray     *records;  /* for the file beside the database (acr-search-cache.h), or NULL */
} IndexLoad;

static void
index_row_cb (const AcrSearchKeys *keys,
              gpointer             user_data)
{
  IndexLoad *load = user_data;

  acr_search_index_add_base_row (load->index, keys);
  if (load->records != NULL)
    acr_search_cache_add_record (load->records, keys);
}

static gint64
get_members_version (AcrStore *self)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);

  return iface->get_members_version != NULL ? iface->get_members_version (self->backend) : -1;
}

/*
 * Whether the members are still those an index was read with, at
 * @data_version and @members_version; @data_version_now is the engine's
 * now. Another connection's commit changes the data version; only one that
 * touched members (not a billing run's invoices) changes the members'
 * version too. An engine that cannot tell (no data version) is taken at
 * its word.
 */
static gboolean
members_unchanged_since (AcrStore *self,
                         gint64    data_version,
                         gint64    members_version,
                         gint64   *data_version_now)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);

  *data_version_now = iface->get_data_version != NULL ? iface->get_data_version (self->backend) : data_version;
  if (*data_version_now == data_version)
    return TRUE;
  return members_version != -1 && get_members_version (self) == members_version;
}

static gboolean
load_index (AcrStore  *self,
            GError   **error)
{
  AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  g_autoptr (AcrSearchIndex) index = acr_search_index_new ();
  g_autoptr (GArray) given = NULL;
  g_autoptr (GArray) email = NULL;
  g_autoptr (GArray) postal = NULL;
  g_autoptr (GArray) npi = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 scanned;
  gint64 version = iface->get_data_version ? iface->get_data_version (self->backend) : 0;
  gint64 members_version = get_members_version (self);
  const char *location = iface->get_location (self->backend);
  gboolean cacheable = members_version != -1 && location != NULL && g_path_is_absolute (location);
  g_autoptr (GByteArray) records = cacheable && self->keep_index_file ? g_byte_array_new () : NULL;
  IndexLoad load = { index, records };

  /* The file beside the database, when it was written for these members: one sequential read. */
  if (cacheable)
    {
      g_autoptr (GError) cache_error = NULL;
      AcrSearchIndex *cached = acr_search_cache_load (location, members_version, &cache_error);

      if (cached != NULL)
        {
          g_debug ("index: read from its file in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
          g_clear_pointer (&self->index, acr_search_index_free);
          self->index = cached;
          self->index_from_file = TRUE;
          self->data_version = version;
          self->members_version = members_version;
          self->generation++;
          return TRUE;
        }
      g_debug ("index: %s", cache_error->message);
    }
  self->index_from_file = FALSE;

  if (!iface->scan_members (self->backend, index_row_cb, &load, error))
    return FALSE;
  scanned = g_get_monotonic_time ();
  if ((given = iface->scan_ids (self->backend, ACR_STORE_ORDER_GIVEN_NAME, error)) == NULL ||
      (email = iface->scan_ids (self->backend, ACR_STORE_ORDER_EMAIL, error)) == NULL ||
      (postal = iface->scan_ids (self->backend, ACR_STORE_ORDER_POSTAL, error)) == NULL ||
      (npi = iface->scan_ids (self->backend, ACR_STORE_ORDER_NPI, error)) == NULL)
    return FALSE;

  if (given->len != acr_search_index_get_n_rows (index) ||
      email->len != given->len || postal->len != given->len)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
                   _("%s: the member indexes disagree (%u rows, %u by given name); run an integrity check"),
                   iface->get_location (self->backend), acr_search_index_get_n_rows (index), given->len);
      return FALSE;
    }

  g_debug ("index: members read in %.0f ms, orders in %.0f ms",
           (scanned - start) / 1000.0, (g_get_monotonic_time () - scanned) / 1000.0);
  scanned = g_get_monotonic_time ();
  acr_search_index_finish_load (index,
                                (const guint32 *) given->data, (const guint32 *) email->data,
                                (const guint32 *) postal->data, (const guint32 *) npi->data, npi->len);
  g_debug ("index: built in %.0f ms", (g_get_monotonic_time () - scanned) / 1000.0);
  if (records != NULL)
    {
      g_autoptr (GError) cache_error = NULL;

      if (!acr_search_cache_save (location, members_version, records, given->len, given, email, postal, npi, &cache_error))
        g_debug ("index: not kept beside the database: %s", cache_error->message);
    }
  g_clear_pointer (&self->index, acr_search_index_free);
  self->index = g_steal_pointer (&index);
  self->data_version = version;
  self->members_version = members_version;
  self->generation++;
  return TRUE;
}

/*
 * After a commit: the members it wrote go into the index's overlay, or the
 * index is dropped to be read again when the batch was too big. Returns
 * whether members changed.
 */
gboolean
_acr_store_index_committed (AcrStore *self)
{
  if (self->pending_keys->len == 0 && !self->pending_rebuild && self->index != NULL)
    return FALSE;

  if (self->pending_rebuild)
    {
      /* A big batch: reading the index again (at the next search) is cheaper than a
       * large overlay on every keystroke. */
      self->pending_rebuild = FALSE;
      g_clear_pointer (&self->index, acr_search_index_free);
    }
  else if (self->index != NULL)
    {
      AcrStoreBackendInterface *iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);

      for (guint i = 0; i < self->pending_keys->len; i++)
        acr_search_index_update (self->index, &((AcrStoreOwnedKeys *) self->pending_keys->pdata[i])->keys);
      /* The index now holds this commit's members. Nobody else committed
       * since it was read (same data version): its members' version is ours. */
      if (iface->get_data_version != NULL && iface->get_data_version (self->backend) == self->data_version)
        self->members_version = get_members_version (self);
    }
  g_ptr_array_set_size (self->pending_keys, 0);
  self->generation++;
  return TRUE;
}

/*
 * acr_store_prepare_search:
 * Builds the lookup index now (it is otherwise built at the first search),
 * so the desktop app can do it while it shows its window.
 */
gboolean
acr_store_prepare_search (AcrStore  *self,
                          GError   **error)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);

  if (self->index != NULL)
    return TRUE;
  return load_index (self, error);
}

/* Whether a search now answers from a ready index, without reading one first. */
gboolean
acr_store_has_search_index (AcrStore *self)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);

  return self->index != NULL;
}

typedef struct
{
  char  *location;
  guint  generation;    /* the store's, when the build started */
  gint64 data_version;  /* the store connection's, likewise */
  gint64 members_version; /* the members' version the reader read them at */
  gboolean keep_index_file; /* the store's acr_store_set_keep_search_index_file () */
  gboolean index_from_file; /* the reader read the index from that file */
} PrepareSearch;

static void
prepare_search_free (PrepareSearch *prepare)
{
  g_free (prepare->location);
  g_free (prepare);
}

/* Reads the index on a connection of its own: the store's connection and
 * its statement cache belong to the main thread. */
static void
prepare_search_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  PrepareSearch *prepare = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) reader = acr_store_open (prepare->location, &error);

  if (reader != NULL)
    reader->keep_index_file = prepare->keep_index_file;
  if (reader == NULL || !load_index (reader, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  prepare->members_version = reader->members_version;
  prepare->index_from_file = reader->index_from_file;

  g_task_return_pointer (task, g_steal_pointer (&reader->index), (GDestroyNotify) acr_search_index_free);
}

/**
 * acr_store_prepare_search_async:
 *
 * Builds the lookup index in a worker thread, so a window can show itself
 * while a large membership is read (two seconds at a million members).
 * The index is installed only if nothing changed in the meantime; otherwise
 * the next search reads it again, as it would have anyway.
 */
void
acr_store_prepare_search_async (AcrStore            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AcrStoreBackendInterface *iface;
  g_autoptr (GTask) task = NULL;
  PrepareSearch *prepare;

  g_return_if_fail (ACR_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, acr_store_prepare_search_async);

  iface = ACR_STORE_BACKEND_GET_IFACE (self->backend);
  if (self->index != NULL || iface->get_data_version == NULL)
    {
      /* Ready already, or an engine that cannot tell whether a second
       * connection saw the same data: build here. */
      g_autoptr (GError) error = NULL;

      if (acr_store_prepare_search (self, &error))
        g_task_return_pointer (task, NULL, NULL);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  prepare = g_new0 (PrepareSearch, 1);
  prepare->location = g_strdup (acr_store_get_location (self));
  prepare->generation = self->generation;
  prepare->keep_index_file = self->keep_index_file;
  prepare->data_version = iface->get_data_version (self->backend);
  g_task_set_task_data (task, prepare, (GDestroyNotify) prepare_search_free);
  g_task_run_in_thread (task, prepare_search_thread);
}

gboolean
acr_store_prepare_search_finish (AcrStore      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  PrepareSearch *prepare;
  AcrSearchIndex *index;
  GError *local_error = NULL;
  gint64 data_version_now;

  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  index = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (index == NULL)
    return TRUE;  /* built in place */

  prepare = g_task_get_task_data (G_TASK (result));
  if (self->index == NULL &&
      self->generation == prepare->generation &&
      members_unchanged_since (self, prepare->data_version, prepare->members_version, &data_version_now))
    {
      self->index = index;
      self->index_from_file = prepare->index_from_file;
      self->data_version = data_version_now;
      self->members_version = prepare->members_version;
      self->generation++;
    }
  else
    acr_search_index_free (index);

  return TRUE;
}

AcrSearchIndex *
_acr_store_get_index (AcrStore *self)
{
  g_autoptr (GError) error = NULL;
  gint64 data_version_now;

  /* Another process or workstation changed members since the index was read:
   * read it again. Its invoices and payments (a billing run) leave it be. */
  if (self->index != NULL && !self->in_transaction)
    {
      if (members_unchanged_since (self, self->data_version, self->members_version, &data_version_now))
        self->data_version = data_version_now;
      else
        g_clear_pointer (&self->index, acr_search_index_free);
    }

  if (self->index == NULL && !load_index (self, &error))
    {
      /* A search cannot report errors; an empty answer and a warning beat a crash. */
      g_warning ("Could not read the member index: %s", error->message);
      self->index = acr_search_index_new ();
      acr_search_index_finish_load (self->index, NULL, NULL, NULL, NULL, 0);
    }
  return self->index;
}

guint
_acr_store_get_generation (AcrStore *self)
{
  return self->generation;
}

/* For tests: whether the index in use was read from its file beside the database. */
gboolean
_acr_store_search_index_from_file (AcrStore *self)
{
  g_return_val_if_fail (ACR_IS_STORE (self), FALSE);
  return self->index != NULL && self->index_from_file;
}

/**
 * acr_store_set_keep_search_index_file:
 * @keep: whether to keep the lookup index's inputs in a file beside the database
 *
 * The desktop application keeps them (see acr-search-cache.h), so its next
 * start reads the index in one sequential pass; one-shot commands do not
 * write it. Any store reads a valid file that is there.
 */
void
acr_store_set_keep_search_index_file (AcrStore *self,
                                      gboolean  keep)
{
  g_return_if_fail (ACR_IS_STORE (self));
  self->keep_index_file = !!keep;
}
