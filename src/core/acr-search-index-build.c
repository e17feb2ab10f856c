#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <string.h>

#include "acr-search-fold.h"
#include "acr-search-index-private.h"

/*
 * Building the index: the base rows as the store reads them at open, the
 * sorted arrays, postings and bitmaps made from them when the load ends,
 * and the overlay of members added or changed since. The queries over all
 * this are in acr-search-index.c.
 */

static guint32
pool_add (GByteArray *pool,
          const char *text)
{
  guint32 offset;

  if (text == NULL || *text == '\0')
    return 0;
  offset = pool->len;
  g_byte_array_append (pool, (const guint8 *) text, strlen (text) + 1);
  return offset;
}
static guint8
intern_code (AcrSearchIndex *self,
             const char     *code)
{
  gpointer value;

  if (code == NULL || *code == '\0')
    return 0;
  if (g_hash_table_lookup_extended (self->code_ids, code, NULL, &value))
    return GPOINTER_TO_UINT (value);
  if (self->codes->len >= 255)
    return 0;  /* more codes than a byte holds: filters on them fall back to the overlay-free path */
  g_ptr_array_add (self->codes, g_strdup (code));
  g_hash_table_insert (self->code_ids, self->codes->pdata[self->codes->len - 1],
                       GUINT_TO_POINTER (self->codes->len - 1));
  return self->codes->len - 1;
}
typedef struct
{
  AcrSearchIndex *self;
  guint32         row;
} AddWords;

static void
add_word_cb (const char *word,
             gsize       length,
             gpointer    user_data)
{
  AddWords *add = user_data;
  AcrSearchIndex *self = add->self;
  g_autofree char *copy = NULL;
  const char *lookup;
  char buffer[64];
  gpointer value;
  guint32 pair[2];

  if (length < sizeof buffer)
    {
      memcpy (buffer, word, length);
      buffer[length] = '\0';
      lookup = buffer;
    }
  else
    lookup = copy = g_strndup (word, length);
  if (!g_hash_table_lookup_extended (self->word_ids, lookup, NULL, &value))
    {
      value = GUINT_TO_POINTER (g_hash_table_size (self->word_ids));
      g_hash_table_insert (self->word_ids, copy ? g_steal_pointer (&copy) : g_strdup (lookup), value);
    }
  pair[0] = GPOINTER_TO_UINT (value);
  pair[1] = add->row;
  g_array_append_vals (self->pairs, pair, 1);
}

/* Adds the words of @key (see acr_search_foreach_word ()) with their row. */
static void
add_words (AcrSearchIndex *self,
           const char     *key,
           guint32         row)
{
  AddWords add = { self, row };

  acr_search_foreach_word (key, add_word_cb, &add);
}
static void
overlay_clear (gpointer data)
{
  Overlay *o = data;

  g_free (o->family);
  g_free (o->given);
  g_free (o->email);
  g_free (o->city);
  g_free (o->postal);
  g_free (o->npi);
  g_free (o->category);
  g_free (o->status);
  g_free (o->chapter[0]);
  g_free (o->chapter[1]);
}

static void
split_chapters (const char *chapters,
                char      **first,
                char      **second)
{
  g_auto (GStrv) parts = g_strsplit (chapters ? chapters : "", ",", 3);

  *first = g_strdup (parts[0] && *parts[0] ? g_strstrip (parts[0]) : NULL);
  *second = g_strdup (parts[0] && parts[1] && *parts[1] ? g_strstrip (parts[1]) : NULL);
}

AcrSearchIndex *
acr_search_index_new (void)
{
  AcrSearchIndex *self = g_new0 (AcrSearchIndex, 1);

  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  self->pool = g_byte_array_new ();
  g_byte_array_append (self->pool, (const guint8 *) "", 1);
  self->codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->codes, NULL);
  self->code_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->word_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  self->overlay = g_array_new (FALSE, TRUE, sizeof (Overlay));
  g_array_set_clear_func (self->overlay, overlay_clear);
  self->overlay_ids = g_hash_table_new (NULL, NULL);
  self->scratch_rows = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->bitmap_min = BITMAP_MIN;
  return self;
}

void
acr_search_index_free (AcrSearchIndex *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->rows);
  g_byte_array_unref (self->pool);
  g_ptr_array_unref (self->codes);
  g_hash_table_unref (self->code_ids);
  g_clear_pointer (&self->word_ids, g_hash_table_unref);
  g_clear_pointer (&self->pairs, g_array_unref);
  g_free (self->id_to_row);
  for (guint i = 0; i < self->n_words; i++)
    g_free (self->words[i]);
  g_free (self->words);
  g_free (self->word_start);
  g_free (self->postings);
  g_free (self->by_email);
  g_free (self->by_postal);
  g_free (self->by_npi);
  g_free (self->by_number);
  g_free (self->numbers);
  g_free (self->by_given);
  g_free (self->given_rank);
  g_free (self->number_rank);
  g_free (self->bits);
  g_free (self->word_bits);
  g_free (self->stale);
  g_array_unref (self->overlay);
  g_hash_table_unref (self->overlay_ids);
  g_array_unref (self->scratch_rows);
  for (guint i = 0; i < G_N_ELEMENTS (self->order_ids); i++)
    g_clear_pointer (&self->order_ids[i], g_array_unref);
  g_free (self);
}

void
acr_search_index_add_base_row (AcrSearchIndex      *self,
                               const AcrSearchKeys *keys)
{
  Row r;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_if_fail (self->word_ids != NULL);

  r.id = keys->id;
  r.number = keys->number;
  r.family = pool_add (self->pool, keys->family_key);
  r.given = pool_add (self->pool, keys->given_key);
  r.email = pool_add (self->pool, keys->email_key);
  r.city = pool_add (self->pool, keys->city_key);
  r.postal = pool_add (self->pool, keys->postal_key);
  r.npi = pool_add (self->pool, keys->npi);
  r.category = intern_code (self, keys->category);
  r.status = intern_code (self, keys->status);
  split_chapters (keys->chapters, &first, &second);
  r.chapter[0] = intern_code (self, first);
  r.chapter[1] = intern_code (self, second);

  add_words (self, pool_str (self, r.family), self->rows->len);
  add_words (self, pool_str (self, r.given), self->rows->len);
  add_words (self, pool_str (self, r.city), self->rows->len);

  g_array_append_val (self->rows, r);
}

static guint32 *
rows_for_ids (AcrSearchIndex *self,
              const guint32  *ids,
              guint           n)
{
  guint32 *rows = g_new (guint32, MAX (n, 1));
  guint k = 0;

  for (guint i = 0; i < n; i++)
    if (ids != NULL && ids[i] < self->id_to_row_len && self->id_to_row[ids[i]] != 0)
      rows[k++] = self->id_to_row[ids[i]] - 1;
  g_assert (k == n || ids == NULL);
  return rows;
}

static int
compare_words (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  char **words = user_data;
  return strcmp (words[*(const guint32 *) a], words[*(const guint32 *) b]);
}

static int
compare_number_rows (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GArray *rows = user_data;
  guint32 x = g_array_index (rows, Row, *(const guint32 *) a).number;
  guint32 y = g_array_index (rows, Row, *(const guint32 *) b).number;
  return (x > y) - (x < y);
}

/*
 * acr_search_index_finish_load:
 * Ends the load. The id arrays are the same members sorted by given name
 * (given_key, family_key, number), e-mail key, postal key, and (only those
 * with one) NPI: the store reads them from its own indexes, cheaper than
 * sorting a million strings here.
 */
void
acr_search_index_finish_load (AcrSearchIndex *self,
                              const guint32  *ids_by_given,
                              const guint32  *ids_by_email,
                              const guint32  *ids_by_postal,
                              const guint32  *ids_by_npi,
                              guint           n_npi)
{
  guint n = self->rows->len;
  guint n_words = g_hash_table_size (self->word_ids);
  g_autofree char **unsorted = g_new0 (char *, n_words + 1);
  g_autofree guint32 *perm = g_new (guint32, MAX (n_words, 1));
  g_autofree guint32 *new_of_old = g_new (guint32, MAX (n_words, 1));
  g_autofree guint32 *fill = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint32 max_id = 0;

  g_return_if_fail (self->word_ids != NULL);

  /* Member ids are dense (members are never deleted), so a flat map works. */
  for (guint i = 0; i < n; i++)
    max_id = MAX (max_id, g_array_index (self->rows, Row, i).id);
  self->id_to_row_len = max_id + 1;
  self->id_to_row = g_new0 (guint32, self->id_to_row_len);
  for (guint i = 0; i < n; i++)
    self->id_to_row[g_array_index (self->rows, Row, i).id] = i + 1;

  /* Words: sort the dictionary once, then lay the postings out per word (CSR). */
  g_hash_table_iter_init (&iter, self->word_ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      unsorted[GPOINTER_TO_UINT (value)] = key;
      g_hash_table_iter_steal (&iter);
    }
  g_clear_pointer (&self->word_ids, g_hash_table_unref);
  for (guint i = 0; i < n_words; i++)
    perm[i] = i;
  g_qsort_with_data (perm, n_words, sizeof (guint32), compare_words, unsorted);
  self->n_words = n_words;
  self->words = g_new (char *, n_words + 1);
  for (guint i = 0; i < n_words; i++)
    {
      self->words[i] = unsorted[perm[i]];
      new_of_old[perm[i]] = i;
    }
  self->words[n_words] = NULL;

  self->word_start = g_new0 (guint32, n_words + 1);
  for (guint i = 0; i < self->pairs->len; i++)
    {
      guint32 *pair = &((guint32 *) self->pairs->data)[i * 2];
      pair[0] = new_of_old[pair[0]];
      self->word_start[pair[0] + 1]++;
    }
  for (guint i = 0; i < n_words; i++)
    self->word_start[i + 1] += self->word_start[i];
  self->postings = g_new (guint32, MAX (self->pairs->len, 1));
  fill = g_memdup2 (self->word_start, sizeof (guint32) * (n_words + 1));
  for (guint i = 0; i < self->pairs->len; i++)
    {
      guint32 *pair = &((guint32 *) self->pairs->data)[i * 2];
      self->postings[fill[pair[0]]++] = pair[1];
    }
  g_clear_pointer (&self->pairs, g_array_unref);

  self->by_given = ids_by_given ? rows_for_ids (self, ids_by_given, n) : rows_for_ids (self, NULL, 0);
  self->by_email = ids_by_email ? rows_for_ids (self, ids_by_email, n) : rows_for_ids (self, NULL, 0);
  self->by_postal = ids_by_postal ? rows_for_ids (self, ids_by_postal, n) : rows_for_ids (self, NULL, 0);
  self->by_npi = rows_for_ids (self, ids_by_npi, n_npi);
  self->n_npi = n_npi;

  self->by_number = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->by_number[i] = i;
  g_qsort_with_data (self->by_number, n, sizeof (guint32), compare_number_rows, self->rows);

  self->numbers = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->numbers[i] = g_array_index (self->rows, Row, self->by_number[i]).number;

  self->given_rank = g_new (guint32, MAX (n, 1));
  self->number_rank = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->given_rank[self->by_given[i]] = i;
      self->number_rank[self->by_number[i]] = i;
    }

  self->n_bitwords = (n + 63) / 64;
  self->bits = g_new0 (guint64, MAX (self->n_bitwords, 1));
  self->word_bits = g_new0 (guint64, MAX (self->n_bitwords, 1));
  self->stale = g_new0 (guint64, MAX (self->n_bitwords, 1));
}

/* Adds or replaces a member after the load; the base row it supersedes is hidden. */
void
acr_search_index_update (AcrSearchIndex      *self,
                         const AcrSearchKeys *keys)
{
  Overlay o = { 0 };
  guint index;

  g_return_if_fail (self != NULL && keys != NULL);
  g_return_if_fail (self->word_ids == NULL);

  if (keys->id < self->id_to_row_len && self->id_to_row[keys->id] != 0)
    {
      guint32 row = self->id_to_row[keys->id] - 1;
      guint64 bit = G_GUINT64_CONSTANT (1) << (row % 64);

      if ((self->stale[row / 64] & bit) == 0)
        self->n_stale++;
      self->stale[row / 64] |= bit;
    }

  o.id = keys->id;
  o.number = keys->number;
  o.family = g_strdup (keys->family_key ? keys->family_key : "");
  o.given = g_strdup (keys->given_key ? keys->given_key : "");
  o.email = g_strdup (keys->email_key ? keys->email_key : "");
  o.city = g_strdup (keys->city_key ? keys->city_key : "");
  o.postal = g_strdup (keys->postal_key ? keys->postal_key : "");
  o.npi = g_strdup (keys->npi ? keys->npi : "");
  o.category = g_strdup (keys->category);
  o.status = g_strdup (keys->status);
  split_chapters (keys->chapters, &o.chapter[0], &o.chapter[1]);

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->overlay_ids, GUINT_TO_POINTER (keys->id)));
  if (index != 0)
    {
      overlay_clear (&g_array_index (self->overlay, Overlay, index - 1));
      g_array_index (self->overlay, Overlay, index - 1) = o;
    }
  else
    {
      g_array_append_val (self->overlay, o);
      g_hash_table_insert (self->overlay_ids, GUINT_TO_POINTER (keys->id),
                           GUINT_TO_POINTER (self->overlay->len));
    }
}
