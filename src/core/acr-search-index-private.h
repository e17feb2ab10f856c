#pragma once

#include "acr-search-index.h"

G_BEGIN_DECLS

/*
 * The layout of the index, shared by the two halves of AcrSearchIndex:
 * acr-search-index-build.c loads the base and keeps the overlay of later
 * changes, acr-search-index.c answers queries over them. Nothing else
 * includes this.
 */

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

static inline const char *
pool_str (AcrSearchIndex *self,
          guint32         offset)
{
  return (const char *) self->pool->data + offset;
}
static inline gboolean
is_separator (char c)
{
  return c == ' ' || c == '-' || c == '\'';
}

G_END_DECLS
