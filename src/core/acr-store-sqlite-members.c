#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-member-private.h"
#include "acr-store.h"
#include "acr-store-sqlite-private.h"

/*
 * The members of the SQLite engine: their numbers, rows and history, and
 * the walks over the member indexes that the search index is loaded from.
 * The connection, its statements and its error mapping are in
 * acr-store-sqlite.c; the invoices in acr-store-sqlite-billing.c. Member
 * text is bound without a copy: every query binds and steps within one call.
 */

static const char * const member_columns[] = {
  "person", "email", "phone", "address", "city", "region", "postal_code", "country",
  "npi", "language", "category", "status", "chapters", "program", "review", "joined",
};

#define SELECT_MEMBER \
  "SELECT id, number, given_name, family_name, revision, updated_at, person, email, phone, address, city," \
  " region, postal_code, country, npi, language, category, status, chapters, program, review, joined FROM members "
#define SELECT_MEMBER_FIRST_FIELD 6

/*
 * The sequence row is read once per transaction and written back at the
 * commit: the write lock is held throughout (BEGIN IMMEDIATE), so no other
 * writer can take a number in between, and a rollback gives none away.
 */
static guint
sqlite_next_member_number (AcrStoreBackend  *backend,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  guint number;

  if (self->next_number == 0)
    {
      g_auto (AcrStoreSqliteQuery) stmt = NULL;
      int rc;

      stmt = _acr_store_sqlite_get_statement (self, "SELECT next FROM sequences WHERE name = 'member_number'", error);

      if (stmt == NULL)
        return 0;
      rc = _acr_store_sqlite_step (self, stmt);
      if (rc != SQLITE_ROW)
        {
          _acr_store_sqlite_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
          return 0;
        }
      self->next_number = sqlite3_column_int64 (stmt, 0);
    }

  number = self->next_number;
  if (number < 1 || number > 9999999)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: member numbers are exhausted (seven digits)"), self->path);
      return 0;
    }
  self->next_number++;
  self->number_dirty = TRUE;
  return number;
}

static void
bind_member (AcrStoreSqlite      *self,
             sqlite3_stmt        *stmt,
             AcrMember           *member,
             const AcrSearchKeys *keys)
{
  /* ?1 id/number … see the statements below: fields from ?3, keys from ?19. */
  for (guint i = 0; i < G_N_ELEMENTS (member_columns); i++)
    _acr_store_sqlite_bind_static_text (self, stmt, 3 + i, acr_member_get_field (member, member_columns[i]), member_columns[i]);
  _acr_store_sqlite_bind_static_text (self, stmt, 19, acr_member_get_given_name (member), "given_name");
  _acr_store_sqlite_bind_static_text (self, stmt, 20, acr_member_get_family_name (member), "family_name");
  _acr_store_sqlite_bind_int64 (self, stmt, 21, acr_member_get_revision (member));
  _acr_store_sqlite_bind_static_text (self, stmt, 22, acr_member_get_updated_at (member), NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 23, keys->family_key, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 24, keys->given_key, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 25, keys->email_key, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 26, keys->city_key, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 27, keys->postal_key, NULL);
  if (acr_member_get_field (member, "chapters") == NULL)
    _acr_store_sqlite_bind_static_text (self, stmt, 15, "", NULL);
}

static gboolean
sqlite_insert_member (AcrStoreBackend      *backend,
                      AcrMember            *member,
                      const AcrSearchKeys  *keys,
                      GError              **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO members (number, person, email, phone, address, city, region, postal_code,"
                                          " country, npi, language, category, status, chapters, program, review, joined,"
                                          " given_name, family_name, revision, updated_at,"
                                          " family_key, given_key, email_key, city_key, postal_key, email_unique)"
                                          " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
                                          " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, nullif (?25, ''))", error);
  if (stmt == NULL)
    return FALSE;
  _acr_store_sqlite_bind_int64 (self, stmt, 2, acr_member_get_number (member));
  bind_member (self, stmt, member, keys);
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  _acr_member_set_id (member, sqlite3_last_insert_rowid (self->db));
  return _acr_store_sqlite_insert_words (self, acr_member_get_id (member), keys, error);
}

/* The keys member @id has now that its words are made of (none: an unknown id, which the update reports). */
static gboolean
read_word_keys (AcrStoreSqlite  *self,
                gint64           id,
                char           **family_key,
                char           **given_key,
                char           **city_key,
                GError         **error)
{
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  int rc;

  stmt = _acr_store_sqlite_get_statement (self, "SELECT family_key, given_key, city_key FROM members WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, id);
  rc = _acr_store_sqlite_step (self, stmt);
  if (rc == SQLITE_ROW)
    {
      *family_key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *given_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *city_key = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  else if (rc != SQLITE_DONE)
    return _acr_store_sqlite_set_error (self, rc, error);
  return TRUE;
}

static gboolean
sqlite_update_member (AcrStoreBackend      *backend,
                      AcrMember            *member,
                      const AcrSearchKeys  *keys,
                      gint64                from_revision,
                      GError              **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autofree char *old_family = NULL;
  g_autofree char *old_given = NULL;
  g_autofree char *old_city = NULL;
  sqlite3_stmt *stmt;

  /* The words the member is found by change only with these keys (not with a status). */
  if (!read_word_keys (self, acr_member_get_id (member), &old_family, &old_given, &old_city, error))
    return FALSE;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "UPDATE members SET person = ?3, email = ?4, phone = ?5, address = ?6, city = ?7,"
                                          " region = ?8, postal_code = ?9, country = ?10, npi = ?11, language = ?12,"
                                          " category = ?13, status = ?14, chapters = ?15, program = ?16, review = ?17, joined = ?18,"
                                          " given_name = ?19, family_name = ?20, revision = ?21, updated_at = ?22,"
                                          " family_key = ?23, given_key = ?24, email_key = ?25, city_key = ?26, postal_key = ?27,"
                                          /* An address kept from before schema 8 stays as it was until it changes. */
                                          " email_unique = CASE WHEN ?25 = email_key THEN email_unique ELSE nullif (?25, '') END"
                                          " WHERE id = ?1 AND revision = ?2", error);
  if (stmt == NULL)
    return FALSE;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, acr_member_get_id (member));
  _acr_store_sqlite_bind_int64 (self, stmt, 2, from_revision);
  bind_member (self, stmt, member, keys);
  if (!_acr_store_sqlite_each_row (self, stmt, NULL, NULL, error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CONFLICT,
                   _("member %07u was changed since revision %lld"),
                   acr_member_get_number (member), (long long) from_revision);
      return FALSE;
    }
  if (g_strcmp0 (old_family, keys->family_key) == 0 && g_strcmp0 (old_given, keys->given_key) == 0 &&
      g_strcmp0 (old_city, keys->city_key) == 0)
    return TRUE;
  return _acr_store_sqlite_delete_words (self, acr_member_get_id (member), old_family, old_given, old_city, error) &&
         _acr_store_sqlite_insert_words (self, acr_member_get_id (member), keys, error);
}

/* A member from a row of SELECT_MEMBER. */
static AcrMember *
member_from_row (sqlite3_stmt *stmt)
{
  AcrMember *member = acr_member_new ();

  _acr_member_set_id (member, sqlite3_column_int64 (stmt, 0));
  _acr_member_set_number (member, sqlite3_column_int64 (stmt, 1));
  _acr_member_set_revision (member, sqlite3_column_int64 (stmt, 4));
  _acr_member_set_updated_at (member, (const char *) sqlite3_column_text (stmt, 5));
  _acr_member_set_person_raw (member, (const char *) sqlite3_column_text (stmt, 6),
                              (const char *) sqlite3_column_text (stmt, 2),
                              (const char *) sqlite3_column_text (stmt, 3));
  for (guint i = 1; i < G_N_ELEMENTS (member_columns); i++)
    _acr_member_set_raw (member, member_columns[i],
                         (const char *) sqlite3_column_text (stmt, SELECT_MEMBER_FIRST_FIELD + i));
  return member;
}

static AcrMember *
sqlite_load_member (AcrStoreBackend  *backend,
                    gint64            id,
                    guint             number,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  int rc;

  if (id > 0)
    stmt = _acr_store_sqlite_get_statement (self, SELECT_MEMBER "WHERE id = ?1", error);
  else
    stmt = _acr_store_sqlite_get_statement (self, SELECT_MEMBER "WHERE number = ?1", error);
  if (stmt == NULL)
    return NULL;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, id > 0 ? id : (gint64) number);

  rc = _acr_store_sqlite_step (self, stmt);
  if (rc == SQLITE_DONE)
    {
      if (id > 0)
        g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                     _("no member with id %lld"), (long long) id);
      else
        g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                     _("no member number %07u"), number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return NULL;
    }

  return member_from_row (stmt);
}

typedef struct
{
  AcrStoreMemberFunc func;
  gpointer           user_data;
  guint              n_read;
} LoadMembers;

static gboolean
load_member_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  LoadMembers *load = user_data;
  g_autoptr (AcrMember) member = member_from_row (stmt);

  load->n_read++;
  return load->func (member, load->user_data, error);
}

static gboolean
load_members (AcrStoreSqlite      *self,
              const guint32       *ids,
              guint                n_ids,
              LoadMembers         *load,
              GError             **error)
{
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (self, SELECT_MEMBER "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      guint n_read = load->n_read;

      _acr_store_sqlite_bind_int64 (self, stmt, 1, ids[i]);
      if (!_acr_store_sqlite_each_row (self, stmt, load_member_row, load, error))
        return FALSE;
      if (load->n_read == n_read)
        {
          g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_NOT_FOUND,
                       _("no member with id %lld"), (long long) ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/*
 * The members of a whole-membership read (an export): one read transaction
 * for all, so that they come from one state of the database and each row
 * does not take and drop the read lock. Inside a transaction of the
 * caller's, that one serves.
 */
static gboolean
sqlite_load_members (AcrStoreBackend     *backend,
                     const guint32       *ids,
                     guint                n_ids,
                     AcrStoreMemberFunc   func,
                     gpointer             user_data,
                     GError             **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  LoadMembers load = { func, user_data, 0 };
  gboolean own = sqlite3_get_autocommit (self->db);
  gboolean ok;

  if (own && !_acr_store_sqlite_exec (self, "BEGIN", error))
    return FALSE;
  ok = load_members (self, ids, n_ids, &load, error);
  if (own)
    _acr_store_sqlite_exec (self, "COMMIT", NULL);  /* read only: nothing to lose */
  return ok;
}

static gint64
sqlite_find_member (AcrStoreBackend  *backend,
                    const char       *email_key,
                    const char       *family_key,
                    const char       *given_key,
                    const char       *program,
                    GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = NULL;
  gint64 id = 0;
  gint64 number = 0;
  int rc;

  if (email_key != NULL && *email_key != '\0')
    {
      /* Two rows: members who shared an address before schema 8. */
      stmt = _acr_store_sqlite_get_statement (self, "SELECT id, number FROM members WHERE email_key = ?1 ORDER BY id LIMIT 2", error);
      if (stmt == NULL)
        return -1;
      _acr_store_sqlite_bind_static_text (self, stmt, 1, email_key, NULL);
    }
  else
    {
      stmt = _acr_store_sqlite_get_statement (self,
                                              "SELECT id, number FROM members WHERE family_key = ?1 AND given_key = ?2"
                                              " AND program IS ?3 ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        return -1;
      _acr_store_sqlite_bind_static_text (self, stmt, 1, family_key, NULL);
      _acr_store_sqlite_bind_static_text (self, stmt, 2, given_key, NULL);
      _acr_store_sqlite_bind_static_text (self, stmt, 3, program, NULL);
    }

  rc = _acr_store_sqlite_step (self, stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      number = sqlite3_column_int64 (stmt, 1);
      rc = _acr_store_sqlite_step (self, stmt);
      if (rc == SQLITE_ROW)
        {
          g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                       _("members %07u and %07u have the same e-mail address; give one of them another address first"),
                       (guint) number, (guint) sqlite3_column_int64 (stmt, 1));
          return -1;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return -1;
    }
  return id;
}

static gint64
sqlite_count_members (AcrStoreBackend  *backend,
                      GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_auto (AcrStoreSqliteQuery) stmt = _acr_store_sqlite_get_statement (self, "SELECT count(*) FROM members", error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = _acr_store_sqlite_step (self, stmt);
  if (rc != SQLITE_ROW)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

static GArray *
sqlite_list_ids_by_status (AcrStoreBackend  *backend,
                           const char       *status,
                           GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members WHERE status = ?1 ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  _acr_store_sqlite_bind_static_text (self, stmt, 1, status, NULL);
  if (!_acr_store_sqlite_each_row (self, stmt, _acr_store_sqlite_row_append_int64, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
sqlite_append_change (AcrStoreBackend        *backend,
                      gint64                  member_id,
                      const AcrMemberChange  *change,
                      GError                **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "INSERT INTO member_history (member_id, revision, changed_at, account, field,"
                                          " old_value, new_value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, member_id);
  _acr_store_sqlite_bind_int64 (self, stmt, 2, change->revision);
  _acr_store_sqlite_bind_static_text (self, stmt, 3, change->time, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 4, change->account, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 5, change->field, NULL);
  _acr_store_sqlite_bind_static_text (self, stmt, 6, change->old_value, change->field);
  _acr_store_sqlite_bind_static_text (self, stmt, 7, change->new_value, change->field);
  _acr_store_sqlite_bind_static_text (self, stmt, 8, change->reason, "reason");
  return _acr_store_sqlite_each_row (self, stmt, NULL, NULL, error);
}

static gboolean
add_change_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  GPtrArray *changes = user_data;

  g_ptr_array_add (changes,
                   acr_member_change_new (sqlite3_column_int64 (stmt, 0),
                                          (const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2),
                                          (const char *) sqlite3_column_text (stmt, 3),
                                          (const char *) sqlite3_column_text (stmt, 4),
                                          (const char *) sqlite3_column_text (stmt, 5),
                                          (const char *) sqlite3_column_text (stmt, 6)));
  return TRUE;
}

static GPtrArray *
sqlite_list_changes (AcrStoreBackend  *backend,
                     gint64            member_id,
                     gint64            after_revision,
                     GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) acr_member_change_free);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self,
                                          "SELECT revision, changed_at, account, field, old_value, new_value, reason"
                                          " FROM member_history WHERE member_id = ?1 AND revision > ?2 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, member_id);
  _acr_store_sqlite_bind_int64 (self, stmt, 2, after_revision);
  if (!_acr_store_sqlite_each_row (self, stmt, add_change_row, changes, error))
    return NULL;
  return g_steal_pointer (&changes);
}

static const char *
column_or_empty (sqlite3_stmt *stmt,
                 int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  return text ? text : "";
}

typedef struct
{
  AcrStoreSqlite   *self;
  AcrStoreScanFunc  func;
  gpointer          user_data;
} ScanMembers;

static gboolean
scan_member_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  ScanMembers *scan = user_data;
  AcrSearchKeys keys;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  if (id > G_MAXUINT32)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_CORRUPT,
                   _("%s: member id %lld out of range"), scan->self->path, (long long) id);
      return FALSE;
    }
  keys.id = id;
  keys.number = sqlite3_column_int64 (stmt, 1);
  keys.family_key = column_or_empty (stmt, 2);
  keys.given_key = column_or_empty (stmt, 3);
  keys.email_key = column_or_empty (stmt, 4);
  keys.city_key = column_or_empty (stmt, 5);
  keys.postal_key = column_or_empty (stmt, 6);
  keys.npi = column_or_empty (stmt, 7);
  keys.category = column_or_empty (stmt, 8);
  keys.status = column_or_empty (stmt, 9);
  keys.chapters = column_or_empty (stmt, 10);
  scan->func (&keys, scan->user_data);
  return TRUE;
}

static gboolean
sqlite_scan_members (AcrStoreBackend   *backend,
                     AcrStoreScanFunc   func,
                     gpointer           user_data,
                     GError           **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  ScanMembers scan = { self, func, user_data };
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  /* Prepared for this one walk, not cached: it runs once, at open. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT id, number, family_key, given_key, email_key, city_key, postal_key,"
                           " npi, category, status, chapters FROM members INDEXED BY members_lookup"
                           " ORDER BY family_key, given_key, number", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _acr_store_sqlite_set_error (self, rc, error);
  return _acr_store_sqlite_each_row (self, stmt, scan_member_row, &scan, error);
}

/* The 32-bit member ids the search index keeps. */
static gboolean
append_id32_row (sqlite3_stmt  *stmt,
                 gpointer       user_data,
                 GError       **error)
{
  guint32 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

/* One page of the family-name order, read from its index (no table access). */
static GArray *
sqlite_list_ids_by_name (AcrStoreBackend  *backend,
                         guint             offset,
                         guint             limit,
                         GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), limit);
  sqlite3_stmt *stmt;

  stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members ORDER BY family_key, given_key, number LIMIT ?1 OFFSET ?2", error);
  if (stmt == NULL)
    return NULL;
  _acr_store_sqlite_bind_int64 (self, stmt, 1, limit);
  _acr_store_sqlite_bind_int64 (self, stmt, 2, offset);
  if (!_acr_store_sqlite_each_row (self, stmt, append_id32_row, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
sqlite_scan_ids (AcrStoreBackend  *backend,
                 AcrStoreOrder     order,
                 GError          **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *sql;
  int rc;

  /* Each walks one index, which holds the rowid: no table access, no sort. */
  switch (order)
    {
    case ACR_STORE_ORDER_GIVEN_NAME:
      sql = "SELECT id FROM members ORDER BY given_key, family_key, number";
      break;
    case ACR_STORE_ORDER_EMAIL:
      sql = "SELECT id FROM members ORDER BY email_key";
      break;
    case ACR_STORE_ORDER_POSTAL:
      sql = "SELECT id FROM members ORDER BY postal_key";
      break;
    case ACR_STORE_ORDER_NPI:
    default:
      sql = "SELECT id FROM members WHERE npi IS NOT NULL ORDER BY npi";
      break;
    }

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return NULL;
    }
  if (!_acr_store_sqlite_each_row (self, stmt, append_id32_row, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

void
_acr_store_sqlite_members_init (AcrStoreBackendInterface *iface)
{
  iface->next_member_number = sqlite_next_member_number;
  iface->insert_member = sqlite_insert_member;
  iface->update_member = sqlite_update_member;
  iface->load_member = sqlite_load_member;
  iface->load_members = sqlite_load_members;
  iface->find_member = sqlite_find_member;
  iface->count_members = sqlite_count_members;
  iface->list_ids_by_status = sqlite_list_ids_by_status;
  iface->append_change = sqlite_append_change;
  iface->list_changes = sqlite_list_changes;
  iface->scan_members = sqlite_scan_members;
  iface->scan_ids = sqlite_scan_ids;
  iface->list_ids_by_name = sqlite_list_ids_by_name;
}
