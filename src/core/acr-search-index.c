#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "acr-search-fold.h"
#include "acr-search-index.h"

#define MAX_WORDS 8      /* query words beyond this are ignored */
#define NUMBER_WIDTH 7
#define BITMAP_MIN 20000 /* larger answers are read through a bitmap, not listed */

/* One member in the base, in family-name order; strings are offsets into pool. */
typedef struct
{
  guint32 id;
  guint32 number;
  guint32 family;
  guint32 given;
  guint32 email;
  guint32 city;
  guint32 postal;
  guint32 npi;
  guint8  category;
  guint8  status;
  guint8  chapter[2];
} Row;

/* A member added or changed since the base was loaded. */
typedef struct
{
  guint32  id;
  guint32  number;
  char    *family;
  char    *given;
  char    *email;
  char    *city;
  char    *postal;
  char    *npi;
  char    *category;
  char    *status;
  char    *chapter[2];
} Overlay;

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

struct _AcrSearchIndex
{
  GArray      *rows;          /* of Row, family order */
  GByteArray  *pool;          /* NUL-terminated folded keys; offset 0 is "" */
  GPtrArray   *codes;         /* interned category/status/chapter strings; index 0 unused */
  GHashTable  *code_ids;      /* string → index into codes */

  guint32     *id_to_row;     /* member id → row + 1 (0 = not in base) */
  guint        id_to_row_len;

  /* Words of family names, given names and cities, sorted, each with its rows. */
  GHashTable  *word_ids;      /* while loading: word → index */
  GArray      *pairs;         /* while loading: (word index, row) */
  char       **words;
  guint        n_words;
  guint32     *word_start;    /* n_words + 1 offsets into postings */
  guint32     *postings;

  guint32     *by_email;      /* rows sorted by e-mail key */
  guint32     *by_postal;
  guint32     *by_npi;
  guint        n_npi;
  guint32     *by_number;
  guint32     *numbers;       /* the member number at each position of by_number */
  guint32     *by_given;
  guint32     *given_rank;    /* row → position in by_given */
  guint32     *number_rank;

  guint64     *bits;          /* scratch bitmaps, one bit per row */
  guint64     *word_bits;
  guint64     *stale;         /* rows superseded by the overlay */
  guint        n_bitwords;

  guint        n_stale;

  GArray      *overlay;       /* of Overlay */
  GHashTable  *overlay_ids;   /* id → index + 1 */

  GArray      *scratch_rows;  /* reused by every query: no 4 MB allocation per keystroke */

  GArray      *order_ids[3];  /* per AcrSearchSort, made when first needed: the id at each position */
  guint        bitmap_min;
};

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

static inline const char *
pool_str (AcrSearchIndex *self,
          guint32         offset)
{
  return (const char *) self->pool->data + offset;
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
is_separator (char c)
{
  return c == ' ' || c == '-' || c == '\'';
}

/* Calls @func on each word start of @key (after a space, dash or apostrophe). */
static void
add_words (AcrSearchIndex *self,
           const char     *key,
           guint32         row)
{
  const char *p = key;

  while (*p)
    {
      const char *end;
      g_autofree char *word = NULL;
      const char *lookup;
      char buffer[64];
      gpointer value;
      guint32 pair[2];

      while (*p && is_separator (*p))
        p++;
      if (*p == '\0')
        break;
      end = p;
      while (*end && *end != ' ' && *end != '-')
        end++;
      /* "d'amours" is indexed whole; its part after the apostrophe is a word of its own too. */
      if ((gsize) (end - p) < sizeof buffer)
        {
          memcpy (buffer, p, end - p);
          buffer[end - p] = '\0';
          lookup = buffer;
        }
      else
        lookup = word = g_strndup (p, end - p);
      if (!g_hash_table_lookup_extended (self->word_ids, lookup, NULL, &value))
        {
          value = GUINT_TO_POINTER (g_hash_table_size (self->word_ids));
          g_hash_table_insert (self->word_ids, word ? g_steal_pointer (&word) : g_strdup (lookup), value);
        }
      pair[0] = GPOINTER_TO_UINT (value);
      pair[1] = row;
      g_array_append_vals (self->pairs, pair, 1);

      {
        const char *apostrophe = memchr (p, '\'', end - p);
        if (apostrophe != NULL && apostrophe + 1 < end)
          {
            p = apostrophe + 1;
            continue;
          }
      }
      p = end;
    }
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
