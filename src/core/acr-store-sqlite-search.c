#define G_LOG_DOMAIN "acr-store"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "acr-search-fold.h"
#include "acr-store.h"
#include "acr-store-sqlite-private.h"

/*
 * Member lookup answered by the database alone, for one-shot programs (the
 * CLI) that must not read a million members into the in-memory index first.
 * It gives the same answers, in the same order, as AcrSearchIndex
 * (acr-search-index.c): each word of the folded query is a prefix of a word
 * of the family name, given name or city (the member_words table, kept by
 * every write), of the e-mail or postal key, or, when all digits, of the NPI
 * or of the member number (fixed-width or plain); the words are ANDed; the
 * filters and orders are those of the index.
 */

#define MAX_WORDS 8         /* as the index: query words beyond this are ignored */
#define NUMBER_WIDTH 7

/* More candidates than this are ordered by one walk of the name index rather than read one by one. */
static guint lookup_max = _ACR_STORE_SQLITE_LOOKUP_MAX;

/* --- the word table --- */

typedef struct
{
  AcrStoreSqlite  *self;
  sqlite3_stmt    *stmt;
  gint64           member_id;
  gboolean         ok;
  GError         **error;
} WordWrite;

static void
write_word_cb (const char *word,
               gsize       length,
               gpointer    user_data)
{
  WordWrite *write = user_data;

  if (!write->ok)
    return;
  sqlite3_bind_text (write->stmt, 1, word, length, SQLITE_STATIC);
  sqlite3_bind_int64 (write->stmt, 2, write->member_id);
  write->ok = _acr_store_sqlite_each_row (write->self, write->stmt, NULL, NULL, write->error);
}

static gboolean
write_words (AcrStoreSqlite  *self,
             const char      *sql,
             gint64           member_id,
             const char      *family_key,
             const char      *given_key,
             const char      *city_key,
             GError         **error)
{
  WordWrite write = { self, NULL, member_id, TRUE, error };

  if ((write.stmt = _acr_store_sqlite_get_statement (self, sql, error)) == NULL)
    return FALSE;
  acr_search_foreach_word (family_key, write_word_cb, &write);
  acr_search_foreach_word (given_key, write_word_cb, &write);
  acr_search_foreach_word (city_key, write_word_cb, &write);
  return write.ok;
}

/* The words of a new member's keys. */
gboolean
_acr_store_sqlite_insert_words (AcrStoreSqlite       *self,
                                gint64                member_id,
                                const AcrSearchKeys  *keys,
                                GError              **error)
{
  return write_words (self, "INSERT OR IGNORE INTO member_words (word, member_id) VALUES (?1, ?2)",
                      member_id, keys->family_key, keys->given_key, keys->city_key, error);
}

/* The words of the keys a member had, dropped before the new ones go in. */
gboolean
_acr_store_sqlite_delete_words (AcrStoreSqlite  *self,
                                gint64           member_id,
                                const char      *family_key,
                                const char      *given_key,
                                const char      *city_key,
                                GError         **error)
{
  return write_words (self, "DELETE FROM member_words WHERE word = ?1 AND member_id = ?2",
                      member_id, family_key, given_key, city_key, error);
}

static gboolean
fill_words_row (sqlite3_stmt  *stmt,
                gpointer       user_data,
                GError       **error)
{
  AcrSearchKeys keys = { 0 };

  keys.family_key = (const char *) sqlite3_column_text (stmt, 1);
  keys.given_key = (const char *) sqlite3_column_text (stmt, 2);
  keys.city_key = (const char *) sqlite3_column_text (stmt, 3);
  return _acr_store_sqlite_insert_words (user_data, sqlite3_column_int64 (stmt, 0), &keys, error);
}

/* Schema step 10 for a database that has members already: their words, from the keys they hold. */
gboolean
_acr_store_sqlite_fill_words (AcrStoreSqlite  *self,
                              GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT id, family_key, given_key, city_key FROM members ORDER BY id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _acr_store_sqlite_set_error (self, rc, error);
  return _acr_store_sqlite_each_row (self, stmt, fill_words_row, self, error);
}

/* --- matching --- */

static gboolean
append_id_row (sqlite3_stmt  *stmt,
               gpointer       user_data,
               GError       **error)
{
  guint32 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

/* Appends to @ids the ids @sql finds between ?1 (included) and ?2 (excluded). */
static gboolean
collect_text_range (AcrStoreSqlite  *self,
                    const char      *sql,
                    const char      *low,
                    const char      *high,
                    GArray          *ids,
                    GError         **error)
{
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, low, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, high, -1, SQLITE_STATIC);
  return _acr_store_sqlite_each_row (self, stmt, append_id_row, ids, error);
}

static gboolean
collect_number_range (AcrStoreSqlite  *self,
                      guint64          low,
                      guint64          high,
                      GArray          *ids,
                      GError         **error)
{
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members WHERE number BETWEEN ?1 AND ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, low);
  sqlite3_bind_int64 (stmt, 2, high);
  return _acr_store_sqlite_each_row (self, stmt, append_id_row, ids, error);
}

static guint64
power_of_ten (guint n)
{
  guint64 r = 1;

  while (n-- > 0)
    r *= 10;
  return r;
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Sorts @ids and drops the repeats. */
static void
sort_unique (GArray *ids)
{
  guint32 *v = (guint32 *) ids->data;
  guint k = 0;

  if (ids->len < 2)
    return;
  qsort (v, ids->len, sizeof (guint32), compare_u32);
  for (guint i = 0; i < ids->len; i++)
    if (k == 0 || v[k - 1] != v[i])
      v[k++] = v[i];
  g_array_set_size (ids, k);
}

/* The members one folded query word matches, sorted by id: what mark_word () marks in the index. */
static GArray *
collect_word (AcrStoreSqlite  *self,
              const char      *word,
              GError         **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *high = g_strdup (word);
  gsize len = strlen (word);

  /* Keys are compared bytewise: those starting with @word are in [word, word with its last byte + 1).
   * A folded word is UTF-8, which has no 0xff byte to carry from. */
  g_assert (len > 0 && (guchar) high[len - 1] < 0xff);
  high[len - 1]++;

  if (!collect_text_range (self, "SELECT member_id FROM member_words WHERE word >= ?1 AND word < ?2",
                           word, high, ids, error) ||
      !collect_text_range (self, "SELECT id FROM members INDEXED BY members_by_email"
                           " WHERE email_key >= ?1 AND email_key < ?2", word, high, ids, error) ||
      !collect_text_range (self, "SELECT id FROM members INDEXED BY members_by_postal"
                           " WHERE postal_key >= ?1 AND postal_key < ?2", word, high, ids, error))
    return NULL;

  if (acr_search_is_digits (word))
    {
      guint64 value = g_ascii_strtoull (word, NULL, 10);

      if (!collect_text_range (self, "SELECT id FROM members WHERE npi IS NOT NULL AND npi >= ?1 AND npi < ?2",
                               word, high, ids, error))
        return NULL;
      if (len <= NUMBER_WIDTH)
        {
          guint64 scale = power_of_ten (NUMBER_WIDTH - len);

          /* The fixed-width form ("00012" → 1200…1299), then the plain one ("12" → 12, 120…129, …). */
          if (!collect_number_range (self, value * scale, (value + 1) * scale - 1, ids, error))
            return NULL;
          if (word[0] != '0')
            for (guint j = 0; j + len < NUMBER_WIDTH; j++)
              if (!collect_number_range (self, value * power_of_ten (j), (value + 1) * power_of_ten (j) - 1, ids, error))
                return NULL;
        }
    }

  sort_unique (ids);
  return g_steal_pointer (&ids);
}

/* Keeps in @a (sorted) the ids also in @b (sorted). */
static void
intersect (GArray       *a,
           const GArray *b)
{
  guint32 *x = (guint32 *) a->data;
  const guint32 *y = (const guint32 *) b->data;
  guint i = 0, j = 0, k = 0;

  while (i < a->len && j < b->len)
    {
      if (x[i] < y[j])
        i++;
      else if (x[i] > y[j])
        j++;
      else
        {
          x[k++] = x[i];
          i++;
          j++;
        }
    }
  g_array_set_size (a, k);
}

static int
compare_length_desc (const void *a,
                     const void *b)
{
  gsize x = strlen (*(char * const *) a), y = strlen (*(char * const *) b);

  return (y > x) - (y < x);
}

/* The query's words as the index compiles them: folded, split at spaces, at most MAX_WORDS. */
static GPtrArray *
compile_words (const char *text)
{
  g_autofree char *folded = acr_search_fold (text);
  g_auto (GStrv) parts = g_strsplit (folded, " ", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL && words->len < MAX_WORDS; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  /* The longest word is usually the most selective: start from it. */
  if (words->len > 1)
    qsort (words->pdata, words->len, sizeof (char *), compare_length_desc);
  return words;
}

/* --- filters and order --- */

static gboolean
is_any (const char *filter)
{
  return filter == NULL || *filter == '\0';
}

/* Whether @code is one of the first two codes of @chapters, as the index keeps them. */
static gboolean
chapters_hold (const char *chapters,
               const char *code)
{
  g_auto (GStrv) parts = g_strsplit (chapters ? chapters : "", ",", 3);

  for (guint i = 0; i < 2 && parts[i] != NULL; i++)
    if (*parts[i] != '\0' && g_str_equal (g_strstrip (parts[i]), code))
      return TRUE;
  return FALSE;
}

static gboolean
passes_filters (const AcrSearchQuery *query,
                const char           *category,
                const char           *status,
                const char           *chapters)
{
  if (!is_any (query->category) && g_strcmp0 (category ? category : "", query->category) != 0)
    return FALSE;
  if (!is_any (query->status) && g_strcmp0 (status ? status : "", query->status) != 0)
    return FALSE;
  if (!is_any (query->chapter) && !chapters_hold (chapters, query->chapter))
    return FALSE;
  return TRUE;
}

typedef struct
{
  guint32  id;
  guint32  number;
  char    *family;  /* NULL when the order is by number */
  char    *given;
} Hit;

static void
hit_clear (gpointer data)
{
  Hit *hit = data;

  g_free (hit->family);
  g_free (hit->given);
}

static int
compare_hits (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Hit *x = a, *y = b;
  AcrSearchSort sort = *(const AcrSearchSort *) user_data;
  int r;

  switch (sort)
    {
    case ACR_SEARCH_SORT_GIVEN_NAME:
      if ((r = strcmp (x->given, y->given)) != 0 || (r = strcmp (x->family, y->family)) != 0)
        return r;
      break;
    case ACR_SEARCH_SORT_FAMILY_NAME:
      if ((r = strcmp (x->family, y->family)) != 0 || (r = strcmp (x->given, y->given)) != 0)
        return r;
      break;
    case ACR_SEARCH_SORT_NUMBER:
    default:
      break;
    }
  return (x->number > y->number) - (x->number < y->number);
}

typedef struct
{
  const AcrSearchQuery *query;
  const guint64        *members;   /* bit per id; NULL = every member */
  guint32               n_ids;     /* ids below this have a bit */
  GArray               *hits;      /* of Hit, when they must be sorted */
  GArray               *ids;       /* the answer, in family order, when they need not */
  guint                 limit;     /* 0: all */
  guint                 count;
} Walk;

/* A row of (id, number, family_key, given_key, category, status, chapters). */
static gboolean
consider_row (sqlite3_stmt  *stmt,
              gpointer       user_data,
              GError       **error)
{
  Walk *walk = user_data;
  guint32 id = sqlite3_column_int64 (stmt, 0);
  Hit hit;

  if (walk->members != NULL &&
      (id >= walk->n_ids || (walk->members[id / 64] & (G_GUINT64_CONSTANT (1) << (id % 64))) == 0))
    return TRUE;
  if (!passes_filters (walk->query, (const char *) sqlite3_column_text (stmt, 4),
                       (const char *) sqlite3_column_text (stmt, 5), (const char *) sqlite3_column_text (stmt, 6)))
    return TRUE;

  walk->count++;
  if (walk->ids != NULL)
    {
      if (walk->limit == 0 || walk->ids->len < walk->limit)
        g_array_append_val (walk->ids, id);
      return TRUE;
    }

  hit.id = id;
  hit.number = sqlite3_column_int64 (stmt, 1);
  hit.family = hit.given = NULL;
  if (walk->query->sort != ACR_SEARCH_SORT_NUMBER)
    {
      hit.family = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      hit.given = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  g_array_append_val (walk->hits, hit);
  return TRUE;
}

#define WALK_COLUMNS "id, number, family_key, given_key, category, status, chapters"

/* Reads the candidates one by one: cheaper than a walk of the whole name index when they are few. */
static gboolean
walk_candidates (AcrStoreSqlite  *self,
                 const GArray    *candidates,
                 Walk            *walk,
                 GError         **error)
{
  sqlite3_stmt *stmt = _acr_store_sqlite_get_statement (self, "SELECT " WALK_COLUMNS " FROM members WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (candidates, guint32, i));
      if (!_acr_store_sqlite_each_row (self, stmt, consider_row, walk, error))
        return FALSE;
    }
  return TRUE;
}

/* Walks the members in family-name order from the covering index that the search index is read from. */
static gboolean
walk_all (AcrStoreSqlite  *self,
          Walk            *walk,
          GError         **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT " WALK_COLUMNS " FROM members INDEXED BY members_lookup"
                           " ORDER BY family_key, given_key, number", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _acr_store_sqlite_set_error (self, rc, error);
  return _acr_store_sqlite_each_row (self, stmt, consider_row, walk, error);
}

/* No words and no filters: the order's own index, as far as the limit. */
static GArray *
list_everyone (AcrStoreSqlite        *self,
               const AcrSearchQuery  *query,
               guint                  limit,
               guint                 *n_matches,
               GError               **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_auto (AcrStoreSqliteQuery) count = NULL;
  sqlite3_stmt *stmt;
  int rc;

  count = _acr_store_sqlite_get_statement (self, "SELECT count(*) FROM members", error);
  if (count == NULL)
    return NULL;
  if ((rc = _acr_store_sqlite_step (self, count)) != SQLITE_ROW)
    {
      _acr_store_sqlite_set_error (self, rc, error);
      return NULL;
    }
  *n_matches = sqlite3_column_int64 (count, 0);

  switch (query->sort)
    {
    case ACR_SEARCH_SORT_GIVEN_NAME:
      stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members ORDER BY given_key, family_key, number LIMIT ?1", error);
      break;
    case ACR_SEARCH_SORT_NUMBER:
      stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members ORDER BY number LIMIT ?1", error);
      break;
    case ACR_SEARCH_SORT_FAMILY_NAME:
    default:
      stmt = _acr_store_sqlite_get_statement (self, "SELECT id FROM members ORDER BY family_key, given_key, number LIMIT ?1", error);
      break;
    }
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);
  if (!_acr_store_sqlite_each_row (self, stmt, append_id_row, ids, error))
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
search_ids (AcrStoreSqlite        *self,
            const AcrSearchQuery  *query,
            guint                  limit,
            guint                 *n_matches,
            GError               **error);

/*
 * One read transaction for the whole answer: its queries see one state of
 * the database (the count agrees with the ids), and the thousands of row
 * reads of a large answer do not each take and drop the read lock.
 */
static GArray *
sqlite_search_ids (AcrStoreBackend       *backend,
                   const AcrSearchQuery  *query,
                   guint                  limit,
                   guint                 *n_matches,
                   GError               **error)
{
  AcrStoreSqlite *self = ACR_STORE_SQLITE (backend);
  gboolean own = sqlite3_get_autocommit (self->db);
  GArray *ids;

  if (own && !_acr_store_sqlite_exec (self, "BEGIN", error))
    return NULL;
  ids = search_ids (self, query, limit, n_matches, error);
  if (own)
    _acr_store_sqlite_exec (self, "COMMIT", NULL);  /* read only: nothing to lose */
  return ids;
}

static GArray *
search_ids (AcrStoreSqlite        *self,
            const AcrSearchQuery  *query,
            guint                  limit,
            guint                 *n_matches,
            GError               **error)
{
  g_autoptr (GPtrArray) words = compile_words (query->text);
  g_autoptr (GArray) candidates = NULL;
  g_autoptr (GArray) hits = NULL;
  g_autofree guint64 *members = NULL;
  GArray *ids;
  Walk walk = { query, NULL, 0, NULL, NULL, limit, 0 };

  if (words->len == 0 && is_any (query->category) && is_any (query->status) && is_any (query->chapter))
    return list_everyone (self, query, limit, n_matches, error);

  for (guint i = 0; i < words->len; i++)
    {
      g_autoptr (GArray) matches = collect_word (self, words->pdata[i], error);

      if (matches == NULL)
        return NULL;
      if (candidates == NULL)
        candidates = g_steal_pointer (&matches);
      else
        intersect (candidates, matches);
      if (candidates->len == 0)
        break;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (candidates != NULL && candidates->len <= lookup_max)
    {
      walk.hits = hits = g_array_sized_new (FALSE, FALSE, sizeof (Hit), candidates->len);
      g_array_set_clear_func (hits, hit_clear);
      if (!walk_candidates (self, candidates, &walk, error))
        goto fail;
    }
  else
    {
      if (candidates != NULL)
        {
          /* Member ids are dense (members are never deleted): a bit per id. */
          walk.n_ids = candidates->len > 0 ? g_array_index (candidates, guint32, candidates->len - 1) + 1 : 0;
          walk.members = members = g_new0 (guint64, walk.n_ids / 64 + 1);
          for (guint i = 0; i < candidates->len; i++)
            {
              guint32 id = g_array_index (candidates, guint32, i);
              members[id / 64] |= G_GUINT64_CONSTANT (1) << (id % 64);
            }
          g_clear_pointer (&candidates, g_array_unref);
        }
      if (query->sort == ACR_SEARCH_SORT_FAMILY_NAME)
        walk.ids = ids;  /* the walk's order is the answer's */
      else
        {
          walk.hits = hits = g_array_new (FALSE, FALSE, sizeof (Hit));
          g_array_set_clear_func (hits, hit_clear);
        }
      if (!walk_all (self, &walk, error))
        goto fail;
    }

  if (hits != NULL)
    {
      guint n = limit == 0 ? hits->len : MIN (hits->len, limit);
      AcrSearchSort sort = query->sort;

      g_qsort_with_data (hits->data, hits->len, sizeof (Hit), compare_hits, &sort);
      g_array_set_size (ids, n);
      for (guint i = 0; i < n; i++)
        g_array_index (ids, guint32, i) = g_array_index (hits, Hit, i).id;
    }
  *n_matches = walk.count;
  return ids;

fail:
  g_array_unref (ids);
  return NULL;
}

/* For tests: both ways of ordering an answer must agree. */
void
_acr_store_sqlite_set_lookup_max (guint n)
{
  lookup_max = n;
}

void
_acr_store_sqlite_search_init (AcrStoreBackendInterface *iface)
{
  iface->search_ids = sqlite_search_ids;
}
