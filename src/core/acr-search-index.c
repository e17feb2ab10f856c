#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "acr-search-fold.h"
#include "acr-search-index-private.h"

#define MAX_WORDS 8      /* query words beyond this are ignored */
#define NUMBER_WIDTH 7

/*
 * Answering queries over the index that acr-search-index-build.c loads:
 * matching words, numbers and filters against the base rows and the
 * overlay, in the order the list asks for.
 */

/* What a key set looks like to the matcher, whether it is a Row or an Overlay. */
typedef struct
{
  guint32     number;
  const char *family;
  const char *given;
  const char *city;
  const char *email;
  const char *postal;
  const char *npi;
} View;

typedef struct
{
  char    *words[MAX_WORDS];
  guint    n_words;
  gint     category;  /* -1 any, -2 no base row can match */
  gint     status;
  gint     chapter;
  const AcrSearchQuery *query;
} Compiled;

/*
 * A query's matches in order. Small answers are a list of ids. A large one
 * (thousands to a million members) is a bitmap over the positions of its
 * sort order with a count of the bits before each 64-bit word: making it
 * costs a pass over 15,625 words at a million members, where listing the
 * ids would cost a random read per match, and the position of a match is
 * found by a binary search over the counts when the list asks for it.
 */
struct _AcrSearchAnswer
{
  guint    n_items;
  GArray  *ids;         /* member ids in order; NULL when read through bits */
  guint64 *bits;        /* one bit per position of the sort order */
  guint32 *before;      /* set bits in the words before each word */
  guint    n_bitwords;
  GArray  *order_ids;   /* the member id at each position of the sort order (shared) */
};

static gint
lookup_code (AcrSearchIndex *self,
             const char     *code)
{
  gpointer value;

  if (code == NULL || *code == '\0')
    return -1;
  if (g_hash_table_lookup_extended (self->code_ids, code, NULL, &value))
    return GPOINTER_TO_UINT (value);
  return -2;
}
static gboolean
word_matches (const char *key,
              const char *word,
              gsize       len)
{
  const char *p = key;

  if (*word == '\0')
    return TRUE;
  while (*p)
    {
      if (strncmp (p, word, len) == 0)
        return TRUE;
      while (*p && !is_separator (*p))
        p++;
      while (*p && is_separator (*p))
        p++;
    }
  return FALSE;
}

static guint32
power_of_ten (guint n)
{
  guint32 r = 1;
  while (n-- > 0)
    r *= 10;
  return r;
}

/* Whether @digits (length @len) begins the fixed-width form of @number or its plain form. */
static gboolean
number_matches (guint32     number,
                const char *digits,
                gsize       len)
{
  guint64 value = 0;

  if (len > NUMBER_WIDTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    value = value * 10 + (digits[i] - '0');

  /* Fixed width: number / 10^(7 - len) == value. */
  if (number / power_of_ten (NUMBER_WIDTH - len) == value)
    return TRUE;
  /* Plain: some number / 10^j == value, with no leading zero typed. */
  if (digits[0] == '0')
    return FALSE;
  for (guint32 n = number; n > 0; n /= 10)
    if (n == value)
      return TRUE;
  return FALSE;
}

static gboolean
view_matches_word (const View *v,
                   const char *word)
{
  gsize len = strlen (word);

  if (word_matches (v->family, word, len) ||
      word_matches (v->given, word, len) ||
      word_matches (v->city, word, len) ||
      strncmp (v->email, word, len) == 0 ||
      strncmp (v->postal, word, len) == 0)
    return TRUE;
  if (acr_search_is_digits (word))
    return (strncmp (v->npi, word, len) == 0 && *v->npi != '\0') ||
           number_matches (v->number, word, len);
  return FALSE;
}

static gboolean
view_matches (const View     *v,
              const Compiled *c)
{
  for (guint i = 0; i < c->n_words; i++)
    if (!view_matches_word (v, c->words[i]))
      return FALSE;
  return TRUE;
}

static void
row_view (AcrSearchIndex *self,
          const Row      *r,
          View           *v)
{
  v->number = r->number;
  v->family = pool_str (self, r->family);
  v->given = pool_str (self, r->given);
  v->city = pool_str (self, r->city);
  v->email = pool_str (self, r->email);
  v->postal = pool_str (self, r->postal);
  v->npi = pool_str (self, r->npi);
}

static void
overlay_view (const Overlay *o,
              View          *v)
{
  v->number = o->number;
  v->family = o->family;
  v->given = o->given;
  v->city = o->city;
  v->email = o->email;
  v->postal = o->postal;
  v->npi = o->npi;
}

static void
compile_query (AcrSearchIndex       *self,
               const AcrSearchQuery *query,
               Compiled             *c)
{
  g_autofree char *folded = acr_search_fold (query->text);
  g_auto (GStrv) parts = g_strsplit (folded, " ", -1);

  memset (c, 0, sizeof *c);
  c->query = query;
  for (guint i = 0; parts[i] != NULL && c->n_words < MAX_WORDS; i++)
    if (*parts[i] != '\0')
      c->words[c->n_words++] = g_strdup (parts[i]);
  c->category = lookup_code (self, query->category);
  c->status = lookup_code (self, query->status);
  c->chapter = lookup_code (self, query->chapter);
}

static void
compiled_clear (Compiled *c)
{
  for (guint i = 0; i < c->n_words; i++)
    g_free (c->words[i]);
}

static inline gboolean
row_passes_filters (AcrSearchIndex *self,
                    guint32         row,
                    const Compiled *c)
{
  const Row *r = &g_array_index (self->rows, Row, row);

  if (self->stale[row / 64] & (G_GUINT64_CONSTANT (1) << (row % 64)))
    return FALSE;
  if (c->category != -1 && r->category != c->category)
    return FALSE;
  if (c->status != -1 && r->status != c->status)
    return FALSE;
  if (c->chapter != -1 && r->chapter[0] != c->chapter && r->chapter[1] != c->chapter)
    return FALSE;
  return TRUE;
}

static gboolean
overlay_passes_filters (const Overlay        *o,
                        const AcrSearchQuery *q)
{
  if (q->category && *q->category && g_strcmp0 (o->category, q->category) != 0)
    return FALSE;
  if (q->status && *q->status && g_strcmp0 (o->status, q->status) != 0)
    return FALSE;
  if (q->chapter && *q->chapter &&
      g_strcmp0 (o->chapter[0], q->chapter) != 0 && g_strcmp0 (o->chapter[1], q->chapter) != 0)
    return FALSE;
  return TRUE;
}

/* First index in @sorted (rows) whose key is >= @prefix; keys read through @field_offset. */
static guint
lower_bound_rows (AcrSearchIndex *self,
                  const guint32  *sorted,
                  guint           n,
                  gsize           field_offset,
                  const char     *prefix)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Row *r = &g_array_index (self->rows, Row, sorted[mid]);
      guint32 offset = G_STRUCT_MEMBER (guint32, r, field_offset);

      if (strcmp (pool_str (self, offset), prefix) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static inline void
set_bit (guint64 *bits,
         guint32  row)
{
  bits[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
}

/* First index in @sorted whose key neither starts with @prefix nor sorts before it. */
static guint
end_of_prefix_rows (AcrSearchIndex *self,
                    const guint32  *sorted,
                    guint           lo,
                    guint           n,
                    gsize           field_offset,
                    const char     *prefix,
                    gsize           len)
{
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const Row *r = &g_array_index (self->rows, Row, sorted[mid]);

      if (strncmp (pool_str (self, G_STRUCT_MEMBER (guint32, r, field_offset)), prefix, len) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
mark_prefix_rows (AcrSearchIndex *self,
                  const guint32  *sorted,
                  guint           n,
                  gsize           field_offset,
                  const char     *prefix,
                  guint64        *bits)
{
  gsize len = strlen (prefix);
  guint first = lower_bound_rows (self, sorted, n, field_offset, prefix);
  guint end = end_of_prefix_rows (self, sorted, first, n, field_offset, prefix, len);

  /* Both ends found by binary search: no key of the tens of thousands between is read. */
  for (guint i = first; i < end; i++)
    set_bit (bits, sorted[i]);
}

static void
mark_number_range (AcrSearchIndex *self,
                   guint32         lo,
                   guint32         hi,
                   guint64        *bits)
{
  guint a = 0, b = self->rows->len;

  /* Numbers read from their own array: a number prefix can match a million rows. */
  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      if (self->numbers[mid] < lo)
        a = mid + 1;
      else
        b = mid;
    }
  for (; a < self->rows->len && self->numbers[a] <= hi; a++)
    set_bit (bits, self->by_number[a]);
}

/* Sets in @bits every base row that matches @word in some field. */
static void
mark_word (AcrSearchIndex *self,
           const char     *word,
           guint64        *bits)
{
  gsize len = strlen (word);
  guint lo = 0, hi = self->n_words;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (strcmp (self->words[mid], word) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint w = lo; w < self->n_words && strncmp (self->words[w], word, len) == 0; w++)
    for (guint32 p = self->word_start[w]; p < self->word_start[w + 1]; p++)
      set_bit (bits, self->postings[p]);

  mark_prefix_rows (self, self->by_email, self->rows->len, G_STRUCT_OFFSET (Row, email), word, bits);
  mark_prefix_rows (self, self->by_postal, self->rows->len, G_STRUCT_OFFSET (Row, postal), word, bits);

  if (acr_search_is_digits (word))
    {
      guint64 value = g_ascii_strtoull (word, NULL, 10);

      mark_prefix_rows (self, self->by_npi, self->n_npi, G_STRUCT_OFFSET (Row, npi), word, bits);
      if (len <= NUMBER_WIDTH)
        {
          guint32 scale = power_of_ten (NUMBER_WIDTH - len);

          /* Prefix of the fixed-width form ("00012" → 1200…1299). */
          mark_number_range (self, value * scale, (value + 1) * scale - 1, bits);
          /* Prefix of the plain number ("12" → 12, 120…129, 1200…1299, …). */
          if (word[0] != '0')
            for (guint j = 0; j + len < NUMBER_WIDTH; j++)
              mark_number_range (self, value * power_of_ten (j), (value + 1) * power_of_ten (j) - 1, bits);
        }
    }
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return (x > y) - (x < y);
}

static inline gboolean
filters_needed (AcrSearchIndex *self,
                const Compiled *c)
{
  return c->category != -1 || c->status != -1 || c->chapter != -1 || self->n_stale > 0;
}

/* Sets @out to the base rows of @bits (NULL = all rows) that pass the filters, in the order asked. */
static void
collect_base_rows (AcrSearchIndex *self,
                   const Compiled *c,
                   guint64        *bits,
                   GArray         *out)
{
  guint n = self->rows->len;
  AcrSearchSort sort = c->query->sort;
  const guint32 *order = sort == ACR_SEARCH_SORT_GIVEN_NAME ? self->by_given : self->by_number;
  const guint32 *rank = sort == ACR_SEARCH_SORT_GIVEN_NAME ? self->given_rank : self->number_rank;
  gboolean filter = filters_needed (self, c);
  guint count = n;
  guint32 *dst;
  guint k = 0;

  if (bits != NULL)
    {
      count = 0;
      for (guint w = 0; w < self->n_bitwords; w++)
        count += __builtin_popcountll (bits[w]);
    }
  /* Room for every candidate; trimmed to those that pass at the end. */
  g_array_set_size (out, count);
  dst = (guint32 *) out->data;

  if (sort == ACR_SEARCH_SORT_FAMILY_NAME)
    {
      if (bits == NULL)
        {
          for (guint32 row = 0; row < n; row++)
            if (!filter || row_passes_filters (self, row, c))
              dst[k++] = row;
        }
      else
        for (guint w = 0; w < self->n_bitwords; w++)
          {
            guint64 word = bits[w];
            while (word)
              {
                guint32 row = w * 64 + __builtin_ctzll (word);
                word &= word - 1;
                if (!filter || row_passes_filters (self, row, c))
                  dst[k++] = row;
              }
          }
    }
  else if (bits == NULL)
    {
      for (guint pos = 0; pos < n; pos++)
        if (!filter || row_passes_filters (self, order[pos], c))
          dst[k++] = order[pos];
    }
  else if (count > n / 32)
    {
      /* Many matches: walking the order and testing bits beats sorting. */
      for (guint pos = 0; pos < n; pos++)
        {
          guint32 row = order[pos];
          if ((bits[row / 64] >> (row % 64)) & 1 && (!filter || row_passes_filters (self, row, c)))
            dst[k++] = row;
        }
    }
  else
    {
      /* Few matches: sort their ranks. */
      for (guint w = 0; w < self->n_bitwords; w++)
        {
          guint64 word = bits[w];
          while (word)
            {
              guint32 row = w * 64 + __builtin_ctzll (word);
              word &= word - 1;
              if (!filter || row_passes_filters (self, row, c))
                dst[k++] = rank[row];
            }
        }
      qsort (dst, k, sizeof (guint32), compare_u32);
      for (guint i = 0; i < k; i++)
        dst[i] = order[dst[i]];
    }
  g_array_set_size (out, k);
}

static int
compare_views (const View    *a,
               const View    *b,
               AcrSearchSort  sort)
{
  int r;

  switch (sort)
    {
    case ACR_SEARCH_SORT_GIVEN_NAME:
      if ((r = strcmp (a->given, b->given)) != 0 || (r = strcmp (a->family, b->family)) != 0)
        return r;
      break;
    case ACR_SEARCH_SORT_FAMILY_NAME:
      if ((r = strcmp (a->family, b->family)) != 0 || (r = strcmp (a->given, b->given)) != 0)
        return r;
      break;
    case ACR_SEARCH_SORT_NUMBER:
    default:
      break;
    }
  return (a->number > b->number) - (a->number < b->number);
}

static AcrSearchSort overlay_sort;
static AcrSearchIndex *overlay_sort_index;

static int
compare_overlay_indices (const void *a,
                         const void *b)
{
  View va, vb;

  overlay_view (&g_array_index (overlay_sort_index->overlay, Overlay, *(const guint32 *) a), &va);
  overlay_view (&g_array_index (overlay_sort_index->overlay, Overlay, *(const guint32 *) b), &vb);
  return compare_views (&va, &vb, overlay_sort);
}

/* Adds to @matches (when not NULL) the overlay entries matching @c; returns how many. */
static guint
collect_overlay_matches (AcrSearchIndex *self,
                         const Compiled *c,
                         GArray         *matches)
{
  guint n = 0;

  for (guint32 k = 0; k < self->overlay->len; k++)
    {
      const Overlay *o = &g_array_index (self->overlay, Overlay, k);
      View v;

      overlay_view (o, &v);
      if (overlay_passes_filters (o, c->query) && view_matches (&v, c))
        {
          n++;
          if (matches != NULL)
            g_array_append_val (matches, k);
        }
    }
  return n;
}

/* Merges the sorted base rows with the matching overlay entries into @ids. */
static void
merge_overlay (AcrSearchIndex *self,
               const Compiled *c,
               GArray         *base_rows,
               GArray         *ids)
{
  g_autoptr (GArray) matches = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint i = 0, j = 0;

  collect_overlay_matches (self, c, matches);

  if (matches->len == 0)
    {
      const guint32 *rows = (const guint32 *) base_rows->data;
      const Row *table = (const Row *) self->rows->data;
      guint32 *out;

      g_array_set_size (ids, base_rows->len);
      out = (guint32 *) ids->data;
      for (guint k = 0; k < base_rows->len; k++)
        out[k] = table[rows[k]].id;
      return;
    }
  g_array_set_size (ids, 0);

  overlay_sort = c->query->sort;
  overlay_sort_index = self;
  if (matches->len > 1)
    qsort (matches->data, matches->len, sizeof (guint32), compare_overlay_indices);

  while (i < base_rows->len || j < matches->len)
    {
      const Row *r = i < base_rows->len ? &g_array_index (self->rows, Row, g_array_index (base_rows, guint32, i)) : NULL;
      const Overlay *o = j < matches->len ? &g_array_index (self->overlay, Overlay, g_array_index (matches, guint32, j)) : NULL;
      gboolean take_base;

      if (r == NULL)
        take_base = FALSE;
      else if (o == NULL)
        take_base = TRUE;
      else
        {
          View vr, vo;
          row_view (self, r, &vr);
          overlay_view (o, &vo);
          take_base = compare_views (&vr, &vo, c->query->sort) <= 0;
        }

      if (take_base)
        {
          g_array_append_val (ids, r->id);
          i++;
        }
      else
        {
          g_array_append_val (ids, o->id);
          j++;
        }
    }
}
guint
acr_search_index_get_n_rows (AcrSearchIndex *self)
{
  return self->rows->len - self->n_stale + self->overlay->len;
}

guint
acr_search_index_get_n_overlay (AcrSearchIndex *self)
{
  return self->overlay->len;
}

static int
compare_length_desc (const void *a,
                     const void *b)
{
  gsize x = strlen (*(char * const *) a), y = strlen (*(char * const *) b);
  return (y > x) - (y < x);
}

/* Keeps in @bits only the rows that also match words 1… of @c (word 0 made the bits). */
static void
narrow_by_other_words (AcrSearchIndex *self,
                       const Compiled *c,
                       guint64        *bits)
{
  size_t size = sizeof (guint64) * self->n_bitwords;
  guint count = 0;

  for (guint w = 0; w < self->n_bitwords; w++)
    count += __builtin_popcountll (bits[w]);

  /* Checking a candidate reads its keys (two cache misses at a million
   * members); marking a word's rows touches only the bitmap. Measured at
   * 1,000,000: "h2x 1" (28,000 candidates) 6.7 ms checked, 0.6 ms marked. */
  if (count <= 4096)
    {
      /* Few candidates: check the other words on each rather than mark a million bits. */
      Compiled rest = *c;

      for (guint i = 1; i < c->n_words; i++)
        rest.words[i - 1] = c->words[i];
      rest.n_words = c->n_words - 1;
      for (guint w = 0; w < self->n_bitwords; w++)
        {
          guint64 word = bits[w];
          while (word)
            {
              guint32 row = w * 64 + __builtin_ctzll (word);
              View v;

              word &= word - 1;
              row_view (self, &g_array_index (self->rows, Row, row), &v);
              if (!view_matches (&v, &rest))
                bits[w] &= ~(G_GUINT64_CONSTANT (1) << (row % 64));
            }
        }
      return;
    }

  for (guint i = 1; i < c->n_words; i++)
    {
      memset (self->word_bits, 0, size);
      mark_word (self, c->words[i], self->word_bits);
      for (guint w = 0; w < self->n_bitwords; w++)
        bits[w] &= self->word_bits[w];
    }
}

/* The member id at each position of @sort's order, shared with the answers read through it. */
static GArray *
get_order_ids (AcrSearchIndex *self,
               AcrSearchSort   sort)
{
  guint n = self->rows->len;
  const Row *table = (const Row *) self->rows->data;
  const guint32 *order = sort == ACR_SEARCH_SORT_GIVEN_NAME ? self->by_given :
                         sort == ACR_SEARCH_SORT_NUMBER ? self->by_number : NULL;
  guint32 *ids;

  if (self->order_ids[sort] != NULL)
    return self->order_ids[sort];

  self->order_ids[sort] = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  g_array_set_size (self->order_ids[sort], n);
  ids = (guint32 *) self->order_ids[sort]->data;
  for (guint pos = 0; pos < n; pos++)
    ids[pos] = table[order != NULL ? order[pos] : pos].id;

  return self->order_ids[sort];
}

/* Word @w of @bits (NULL = every row) without the stale rows or the bits past the last row. */
static inline guint64
live_rows (AcrSearchIndex *self,
           const guint64  *bits,
           guint           w)
{
  guint n = self->rows->len;
  guint64 word = (bits != NULL ? bits[w] : G_MAXUINT64) & ~self->stale[w];

  if (w == self->n_bitwords - 1 && n % 64 != 0)
    word &= (G_GUINT64_CONSTANT (1) << (n % 64)) - 1;
  return word;
}

/* An answer read through @bits (base rows, family order; NULL = every row), stale rows left out. */
static AcrSearchAnswer *
bitmap_answer (AcrSearchIndex *self,
               const Compiled *c,
               const guint64  *bits,
               guint           count)
{
  AcrSearchAnswer *answer = g_new0 (AcrSearchAnswer, 1);
  AcrSearchSort sort = c->query->sort;
  guint32 total = 0;

  answer->n_items = count;
  answer->n_bitwords = self->n_bitwords;
  answer->order_ids = g_array_ref (get_order_ids (self, sort));
  answer->before = g_new (guint32, MAX (self->n_bitwords, 1));

  if (sort == ACR_SEARCH_SORT_FAMILY_NAME)
    {
      /* Rows are in family order already: the positions are the rows. */
      answer->bits = g_new (guint64, MAX (self->n_bitwords, 1));
      for (guint w = 0; w < self->n_bitwords; w++)
        answer->bits[w] = live_rows (self, bits, w);
    }
  else
    {
      const guint32 *rank = sort == ACR_SEARCH_SORT_GIVEN_NAME ? self->given_rank : self->number_rank;

      answer->bits = g_new0 (guint64, MAX (self->n_bitwords, 1));
      for (guint w = 0; w < self->n_bitwords; w++)
        {
          guint64 word = live_rows (self, bits, w);

          while (word)
            {
              guint32 row = w * 64 + __builtin_ctzll (word);

              word &= word - 1;
              set_bit (answer->bits, rank[row]);
            }
        }
    }

  for (guint w = 0; w < self->n_bitwords; w++)
    {
      answer->before[w] = total;
      total += __builtin_popcountll (answer->bits[w]);
    }
  g_assert (total == count);

  return answer;
}

/*
 * acr_search_index_answer:
 * The matches of @query, sorted as asked. Large answers without filters or
 * changed members among them are bitmaps (see AcrSearchAnswer); the rest
 * are id lists.
 */
AcrSearchAnswer *
acr_search_index_answer (AcrSearchIndex       *self,
                         const AcrSearchQuery *query)
{
  AcrSearchAnswer *answer;
  GArray *rows = self->scratch_rows;
  gboolean codes_known;
  guint64 *bits = NULL;
  Compiled c;

  g_return_val_if_fail (self != NULL && query != NULL, NULL);
  g_return_val_if_fail (self->word_ids == NULL, NULL);

  compile_query (self, query, &c);
  codes_known = c.category != -2 && c.status != -2 && c.chapter != -2;

  if (codes_known && c.n_words > 0)
    {
      /* The longest word is usually the most selective: start from it. */
      qsort (c.words, c.n_words, sizeof (char *), compare_length_desc);
      memset (self->bits, 0, sizeof (guint64) * self->n_bitwords);
      mark_word (self, c.words[0], self->bits);
      if (c.n_words > 1)
        narrow_by_other_words (self, &c, self->bits);
      bits = self->bits;
    }

  if (codes_known && c.category == -1 && c.status == -1 && c.chapter == -1 &&
      collect_overlay_matches (self, &c, NULL) == 0)
    {
      guint count = 0;

      for (guint w = 0; w < self->n_bitwords; w++)
        count += __builtin_popcountll (live_rows (self, bits, w));

      if (count > self->bitmap_min)
        {
          answer = bitmap_answer (self, &c, bits, count);
          compiled_clear (&c);
          return answer;
        }
    }

  answer = g_new0 (AcrSearchAnswer, 1);
  answer->ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_set_size (rows, 0);
  /* An unknown code: no base row carries it; only the overlay can match. */
  if (codes_known)
    collect_base_rows (self, &c, bits, rows);
  merge_overlay (self, &c, rows, answer->ids);
  answer->n_items = answer->ids->len;
  compiled_clear (&c);

  return answer;
}

void
acr_search_index_query (AcrSearchIndex       *self,
                        const AcrSearchQuery *query,
                        GArray               *ids)
{
  g_autoptr (AcrSearchAnswer) answer = NULL;

  g_return_if_fail (self != NULL && query != NULL && ids != NULL);

  answer = acr_search_index_answer (self, query);
  g_array_set_size (ids, answer->n_items);
  for (guint i = 0; i < answer->n_items; i++)
    g_array_index (ids, guint32, i) = acr_search_answer_get_id (answer, i);
}

/* For tests: answers larger than @n are bitmaps (0: every answer that can be). */
void
acr_search_index_set_bitmap_min (AcrSearchIndex *self,
                                 guint           n)
{
  g_return_if_fail (self != NULL);
  self->bitmap_min = n;
}

AcrSearchAnswer *
acr_search_answer_new_for_ids (GArray *ids)
{
  AcrSearchAnswer *answer = g_new0 (AcrSearchAnswer, 1);

  g_return_val_if_fail (ids != NULL, NULL);

  answer->ids = g_array_ref (ids);
  answer->n_items = ids->len;
  return answer;
}

guint
acr_search_answer_get_n_items (const AcrSearchAnswer *answer)
{
  return answer != NULL ? answer->n_items : 0;
}

/* The list of ids, or NULL for an answer read through a bitmap. */
GArray *
acr_search_answer_get_ids (const AcrSearchAnswer *answer)
{
  return answer != NULL ? answer->ids : NULL;
}

guint32
acr_search_answer_get_id (const AcrSearchAnswer *answer,
                          guint                  position)
{
  guint lo = 0, hi;
  guint64 word;

  g_return_val_if_fail (answer != NULL, 0);
  g_return_val_if_fail (position < answer->n_items, 0);

  if (answer->ids != NULL)
    return g_array_index (answer->ids, guint32, position);

  /* The last word with fewer bits before it than @position + 1. */
  hi = answer->n_bitwords;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (answer->before[mid] <= position)
        lo = mid;
      else
        hi = mid;
    }

  word = answer->bits[lo];
  for (guint skip = position - answer->before[lo]; skip > 0; skip--)
    word &= word - 1;

  return g_array_index (answer->order_ids, guint32, lo * 64 + __builtin_ctzll (word));
}

void
acr_search_answer_free (AcrSearchAnswer *answer)
{
  if (answer == NULL)
    return;

  g_clear_pointer (&answer->ids, g_array_unref);
  g_clear_pointer (&answer->order_ids, g_array_unref);
  g_free (answer->bits);
  g_free (answer->before);
  g_free (answer);
}

void
acr_search_index_refine (AcrSearchIndex       *self,
                         const AcrSearchQuery *query,
                         GArray               *ids)
{
  Compiled c;
  guint k = 0;

  g_return_if_fail (self != NULL && query != NULL && ids != NULL);

  compile_query (self, query, &c);
  for (guint i = 0; i < ids->len; i++)
    {
      guint32 id = g_array_index (ids, guint32, i);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->overlay_ids, GUINT_TO_POINTER (id)));
      View v;

      if (index != 0)
        overlay_view (&g_array_index (self->overlay, Overlay, index - 1), &v);
      else if (id < self->id_to_row_len && self->id_to_row[id] != 0)
        row_view (self, &g_array_index (self->rows, Row, self->id_to_row[id] - 1), &v);
      else
        continue;

      if (view_matches (&v, &c))
        g_array_index (ids, guint32, k++) = id;
    }
  g_array_set_size (ids, k);
  compiled_clear (&c);
}
