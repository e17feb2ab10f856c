#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "acr-file-writer.h"
#include "acr-search-cache.h"

/*
 * The file, in this machine's byte order (a file from another is refused by
 * its byte-order mark):
 *
 *   Header                      (below)
 *   records                     records_len bytes: per row, guint32 id,
 *                               guint32 number, then nine NUL-terminated
 *                               keys (family, given, email, city, postal,
 *                               npi, category, status, chapters)
 *   padding                     to 4 bytes
 *   guint32 by_given[n_rows], by_email[n_rows], by_postal[n_rows], by_npi[n_npi]
 *   guint64 checksum            FNV-1a of the pieces before it (checksum_update ())
 */

#define MAGIC "ACRSIDX1"
#define BYTE_ORDER_MARK 0x01020304u
#define N_KEYS 9

typedef struct
{
  char    magic[8];
  guint32 byte_order;
  guint32 n_rows;
  guint32 n_npi;
  guint32 reserved;
  guint64 members_version;
  guint64 records_len;
  guint64 inode;
} Header;

G_STATIC_ASSERT (sizeof (Header) == 48);

/* FNV-1a, eight bytes at a time (a million members is about 80 MB), over
 * each piece of the file in turn: header, records, padding, orders. */
static guint64
checksum_update (guint64       hash,
                 const guint8 *data,
                 gsize         len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, data + i, 8);
      hash = (hash ^ word) * G_GUINT64_CONSTANT (0x100000001b3);
    }
  for (; i < len; i++)
    hash = (hash ^ data[i]) * G_GUINT64_CONSTANT (0x100000001b3);

  return hash;
}

#define CHECKSUM_START G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define CHUNK (4 << 20)  /* read this much of the mapped file, then let its pages go */

/* The mapped pages of [@from, @to) of @base leave this process's memory
 * (they stay in the page cache): 100 MB read once need not stay resident. */
static void
release_pages (const guint8 *base,
               gsize         from,
               gsize         to)
{
  gsize page = sysconf (_SC_PAGESIZE);
  gsize start = (from + page - 1) / page * page;
  gsize end = to / page * page;

  if (end > start)
    madvise ((void *) (base + start), end - start, MADV_DONTNEED);
}

static gboolean
database_inode (const char  *database_path,
                guint64     *inode,
                GError     **error)
{
  GStatBuf buf;

  if (g_stat (database_path, &buf) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "%s: %s", database_path, g_strerror (saved));
      return FALSE;
    }
  *inode = buf.st_ino;
  return TRUE;
}

char *
acr_search_cache_path (const char *database_path)
{
  g_return_val_if_fail (database_path != NULL, NULL);
  return g_strconcat (database_path, ".search-index", NULL);
}

void
acr_search_cache_add_record (GByteArray          *records,
                             const AcrSearchKeys *keys)
{
  const char *strings[N_KEYS] = {
    keys->family_key, keys->given_key, keys->email_key, keys->city_key, keys->postal_key,
    keys->npi, keys->category, keys->status, keys->chapters,
  };

  g_byte_array_append (records, (const guint8 *) &keys->id, sizeof (guint32));
  g_byte_array_append (records, (const guint8 *) &keys->number, sizeof (guint32));
  for (guint i = 0; i < N_KEYS; i++)
    {
      const char *s = strings[i] != NULL ? strings[i] : "";

      g_byte_array_append (records, (const guint8 *) s, strlen (s) + 1);
    }
}

gboolean
acr_search_cache_save (const char  *database_path,
                       gint64       members_version,
                       GByteArray  *records,
                       guint        n_rows,
                       GArray      *ids_by_given,
                       GArray      *ids_by_email,
                       GArray      *ids_by_postal,
                       GArray      *ids_by_npi,
                       GError     **error)
{
  g_autofree char *path = acr_search_cache_path (database_path);
  g_autoptr (AcrFileWriter) writer = NULL;
  static const guint8 zeros[4] = { 0 };
  Header header = { MAGIC, BYTE_ORDER_MARK, n_rows, ids_by_npi->len, 0, members_version, records->len, 0 };
  GArray *orders[] = { ids_by_given, ids_by_email, ids_by_postal, ids_by_npi };
  gsize pad = (4 - records->len % 4) % 4;
  guint64 sum;

  g_return_val_if_fail (ids_by_given->len == n_rows && ids_by_email->len == n_rows &&
                        ids_by_postal->len == n_rows, FALSE);

  if (!database_inode (database_path, &header.inode, error))
    return FALSE;

  /* Written piece by piece: no second copy of 80 MB in memory. */
  sum = checksum_update (CHECKSUM_START, (const guint8 *) &header, sizeof header);
  sum = checksum_update (sum, records->data, records->len);
  sum = checksum_update (sum, zeros, pad);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    sum = checksum_update (sum, (const guint8 *) orders[i]->data, orders[i]->len * sizeof (guint32));

  writer = acr_file_writer_new (path, ACR_FILE_WRITER_REPLACE, error);
  if (writer == NULL ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (writer), &header, sizeof header, NULL, NULL, error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (writer), records->data, records->len, NULL, NULL, error) ||
      !g_output_stream_write_all (G_OUTPUT_STREAM (writer), zeros, pad, NULL, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    if (!g_output_stream_write_all (G_OUTPUT_STREAM (writer), orders[i]->data, orders[i]->len * sizeof (guint32),
                                    NULL, NULL, error))
      return FALSE;
  return g_output_stream_write_all (G_OUTPUT_STREAM (writer), &sum, sizeof sum, NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (writer), NULL, error);
}

/* Says why the file is not used; returns NULL. */
static gpointer
refuse (GError     **error,
        const char  *path,
        const char  *why)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s; the index is read from the database", path, why);
  return NULL;
}

/* Reads one record at @at (< @end); FALSE when it runs past @end. */
static gboolean
read_record (const char    **at,
             const char     *end,
             AcrSearchKeys  *keys)
{
  const char *strings[N_KEYS];
  const char *p = *at;

  if (end - p < 8)
    return FALSE;
  memcpy (&keys->id, p, 4);
  memcpy (&keys->number, p + 4, 4);
  p += 8;
  for (guint i = 0; i < N_KEYS; i++)
    {
      const char *nul = memchr (p, '\0', end - p);

      if (nul == NULL)
        return FALSE;
      strings[i] = p;
      p = nul + 1;
    }
  keys->family_key = strings[0];
  keys->given_key = strings[1];
  keys->email_key = strings[2];
  keys->city_key = strings[3];
  keys->postal_key = strings[4];
  keys->npi = strings[5];
  keys->category = strings[6];
  keys->status = strings[7];
  keys->chapters = strings[8];
  *at = p;
  return TRUE;
}

AcrSearchIndex *
acr_search_cache_load (const char  *database_path,
                       gint64       members_version,
                       GError     **error)
{
  g_autofree char *path = acr_search_cache_path (database_path);
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (AcrSearchIndex) index = NULL;
  g_autofree guint64 *seen = NULL;
  const guint8 *data;
  const char *at, *end, *released;
  const guint32 *orders;
  gsize len, expected;
  Header header;
  guint64 inode, sum;
  guint32 max_id;

  g_return_val_if_fail (database_path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  data = (const guint8 *) g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);

  if (len < sizeof header + sizeof sum)
    return refuse (error, path, "too short");
  memcpy (&header, data, sizeof header);
  if (memcmp (header.magic, MAGIC, 8) != 0 || header.byte_order != BYTE_ORDER_MARK)
    return refuse (error, path, "not a search index of this version");
  if (!database_inode (database_path, &inode, error))
    return NULL;
  if (header.inode != inode || (gint64) header.members_version != members_version)
    return refuse (error, path, "written for other members (stale)");
  if (header.records_len > len || header.n_rows > len / 16 || header.n_npi > header.n_rows)
    return refuse (error, path, "sizes out of bounds (corrupt)");
  expected = sizeof header + header.records_len + (4 - header.records_len % 4) % 4 +
             4 * ((gsize) 3 * header.n_rows + header.n_npi) + sizeof sum;
  if (len != expected)
    return refuse (error, path, "wrong length (corrupt or cut short)");
  memcpy (&sum, data + len - sizeof sum, sizeof sum);
  {
    /* The same pieces as acr_search_cache_save () wrote. */
    gsize pieces[] = { sizeof header, header.records_len, (4 - header.records_len % 4) % 4,
                       4 * (gsize) header.n_rows, 4 * (gsize) header.n_rows, 4 * (gsize) header.n_rows,
                       4 * (gsize) header.n_npi };
    guint64 computed = CHECKSUM_START;
    gsize offset = 0;

    for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
      {
        /* In chunks of a multiple of eight bytes: the same sum as in one go. */
        for (gsize done = 0; done < pieces[i]; done += MIN (CHUNK, pieces[i] - done))
          {
            computed = checksum_update (computed, data + offset + done, MIN (CHUNK, pieces[i] - done));
            release_pages (data, offset + done, offset + done + MIN (CHUNK, pieces[i] - done));
          }
        offset += pieces[i];
      }
    if (computed != sum)
      return refuse (error, path, "checksum mismatch (corrupt)");
  }

  /* Member ids are dense: a bound keeps a bad one from sizing the id map. */
  max_id = 4 * header.n_rows + 1024;
  seen = g_new0 (guint64, max_id / 64 + 1);
  index = acr_search_index_new ();
  at = (const char *) data + sizeof header;
  end = at + header.records_len;
  released = at;
  for (guint i = 0; i < header.n_rows; i++)
    {
      AcrSearchKeys keys;

      if (!read_record (&at, end, &keys))
        return refuse (error, path, "a record runs past its end (corrupt)");
      if (keys.id > max_id || (seen[keys.id / 64] & (G_GUINT64_CONSTANT (1) << (keys.id % 64))))
        return refuse (error, path, "a member id out of bounds or twice (corrupt)");
      seen[keys.id / 64] |= G_GUINT64_CONSTANT (1) << (keys.id % 64);
      acr_search_index_add_base_row (index, &keys);
      if ((gsize) (at - released) >= CHUNK)
        {
          release_pages (data, released - (const char *) data, at - (const char *) data);
          released = at;
        }
    }
  if (at != end)
    return refuse (error, path, "records left over (corrupt)");

  orders = (const guint32 *) (data + sizeof header + header.records_len + (4 - header.records_len % 4) % 4);
  for (gsize i = 0; i < (gsize) 3 * header.n_rows + header.n_npi; i++)
    if (orders[i] > max_id || !(seen[orders[i] / 64] & (G_GUINT64_CONSTANT (1) << (orders[i] % 64))))
      return refuse (error, path, "an order names a member not in the index (corrupt)");

  acr_search_index_finish_load (index, orders, orders + header.n_rows, orders + 2 * (gsize) header.n_rows,
                                orders + 3 * (gsize) header.n_rows, header.n_npi);
  return g_steal_pointer (&index);
}
