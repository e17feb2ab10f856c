#define G_LOG_DOMAIN "acr-catalog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "acr-catalog.h"

#define MO_MAGIC 0x950412deu

struct _AcrCatalog
{
  GObject     parent_instance;

  GBytes     *bytes;         /* the .mo file; keys and values point into it */
  GHashTable *messages;      /* msgid → translation */
  char       *source_name;
};

G_DEFINE_FINAL_TYPE (AcrCatalog, acr_catalog, G_TYPE_OBJECT)

G_DEFINE_QUARK (acr-catalog-error-quark, acr_catalog_error)

G_LOCK_DEFINE_STATIC (catalogs);
static GHashTable *catalogs;  /* language → AcrCatalog, for the process lifetime */

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* Reads entry @index of the string table at @table: a (length, offset) pair
 * whose string must lie inside the file and end with a NUL. */
static const char *
read_string (const guint8 *data,
             gsize         size,
             guint32       table,
             guint32       index,
             gboolean      swap)
{
  guint64 entry = (guint64) table + (guint64) index * 8;
  guint32 length;
  guint32 offset;

  if (entry + 8 > size)
    return NULL;

  length = read_u32 (data, entry, swap);
  offset = read_u32 (data, entry + 4, swap);
  if ((guint64) offset + length + 1 > size || data[offset + length] != '\0')
    return NULL;

  return (const char *) data + offset;
}

static gboolean
load_messages (AcrCatalog  *self,
               GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gboolean swap;
  guint32 n;
  guint32 originals;
  guint32 translations;

  if (size < 28)
    goto invalid;

  if (read_u32 (data, 0, FALSE) == MO_MAGIC)
    swap = FALSE;
  else if (read_u32 (data, 0, TRUE) == MO_MAGIC)
    swap = TRUE;
  else
    goto invalid;

  /* Major revision 0 and 1 share the layout read here. */
  if ((read_u32 (data, 4, swap) >> 16) > 1)
    goto invalid;

  n = read_u32 (data, 8, swap);
  originals = read_u32 (data, 12, swap);
  translations = read_u32 (data, 16, swap);

  for (guint32 i = 0; i < n; i++)
    {
      const char *msgid = read_string (data, size, originals, i, swap);
      const char *msgstr = read_string (data, size, translations, i, swap);

      if (msgid == NULL || msgstr == NULL)
        goto invalid;

      /* The header (empty msgid) and untranslated entries are not messages.
       * A plural entry's key ends at its first NUL: the singular msgid. */
      if (*msgid == '\0' || *msgstr == '\0')
        continue;

      g_hash_table_insert (self->messages, (gpointer) msgid, (gpointer) msgstr);
    }

  return TRUE;

invalid:
  g_set_error (error, ACR_CATALOG_ERROR, ACR_CATALOG_ERROR_INVALID,
               _("%s: not a valid compiled gettext catalog (.mo)"), self->source_name);
  return FALSE;
}

static void
acr_catalog_finalize (GObject *object)
{
  AcrCatalog *self = (AcrCatalog *) object;

  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->source_name, g_free);

  G_OBJECT_CLASS (acr_catalog_parent_class)->finalize (object);
}

static void
acr_catalog_class_init (AcrCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_catalog_finalize;
}

static void
acr_catalog_init (AcrCatalog *self)
{
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * acr_catalog_new_from_bytes:
 * @bytes: the contents of a .mo file
 * @source_name: the file's name, for errors
 * @error: an #ACR_CATALOG_ERROR_INVALID if @bytes is not a .mo catalog
 *
 * Returns: (transfer full) (nullable): the catalog
 */
AcrCatalog *
acr_catalog_new_from_bytes (GBytes      *bytes,
                            const char  *source_name,
                            GError     **error)
{
  g_autoptr (AcrCatalog) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_object_new (ACR_TYPE_CATALOG, NULL);
  self->bytes = g_bytes_ref (bytes);
  self->source_name = g_strdup (source_name != NULL ? source_name : "catalog");

  if (!load_messages (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

AcrCatalog *
acr_catalog_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  return acr_catalog_new_from_bytes (bytes, path, error);
}

/**
 * acr_catalog_get_locale_dir:
 *
 * Where the compiled catalogs are: $ACR_LOCALEDIR when set (an uninstalled
 * build: its po/ directory; `meson devenv` and build-aux/run set it), else
 * the installed LOCALEDIR. The programs bind their gettext domain here too,
 * so the interface and the documents read the same catalogs.
 */
const char *
acr_catalog_get_locale_dir (void)
{
  const char *dir = g_getenv ("ACR_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

static AcrCatalog *
find_catalog (const char *language)
{
  const char *dirs[] = { g_getenv ("ACR_LOCALEDIR"), LOCALEDIR };
  g_autofree char *region_language = NULL;
  const char *names[2] = { NULL, language };

  /* A regional catalog (fr_CA) wins over the plain language (fr). */
  if (strchr (language, '_') == NULL && g_str_equal (language, "fr"))
    names[0] = region_language = g_strdup ("fr_CA");

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      if (dirs[d] == NULL || *dirs[d] == '\0')
        continue;

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          g_autofree char *path = NULL;
          AcrCatalog *catalog;

          if (names[n] == NULL)
            continue;

          path = g_build_filename (dirs[d], names[n], "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;

          /* A damaged catalog is skipped like a missing one: the document
           * still renders, in English, rather than not at all. */
          catalog = acr_catalog_new_from_file (path, NULL);
          if (catalog != NULL)
            return catalog;
        }
    }

  return NULL;
}

/**
 * acr_catalog_get_for_language:
 * @language: "en", "fr", …
 *
 * Loads the catalog of @language once per process; safe from any thread.
 *
 * Returns: (transfer none): the catalog, empty if none was found.
 */
AcrCatalog *
acr_catalog_get_for_language (const char *language)
{
  AcrCatalog *catalog;

  g_return_val_if_fail (language != NULL, NULL);

  G_LOCK (catalogs);

  if (catalogs == NULL)
    catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  catalog = g_hash_table_lookup (catalogs, language);
  if (catalog == NULL)
    {
      if (!g_str_equal (language, "en"))
        catalog = find_catalog (language);
      if (catalog == NULL)
        {
          catalog = g_object_new (ACR_TYPE_CATALOG, NULL);
          catalog->source_name = g_strdup ("(none)");
        }
      g_hash_table_insert (catalogs, g_strdup (language), catalog);
    }

  G_UNLOCK (catalogs);

  return catalog;
}

/**
 * acr_catalog_gettext:
 * @self: a catalog
 * @msgid: the English source text
 *
 * Returns: (transfer none): the translation, or @msgid if there is none.
 */
const char *
acr_catalog_gettext (AcrCatalog *self,
                     const char *msgid)
{
  const char *translation;

  g_return_val_if_fail (ACR_IS_CATALOG (self), msgid);

  if (msgid == NULL || *msgid == '\0')
    return msgid;

  translation = g_hash_table_lookup (self->messages, msgid);
  return translation != NULL ? translation : msgid;
}

guint
acr_catalog_get_n_messages (AcrCatalog *self)
{
  g_return_val_if_fail (ACR_IS_CATALOG (self), 0);
  return g_hash_table_size (self->messages);
}

const char *
acr_catalog_get_source_name (AcrCatalog *self)
{
  g_return_val_if_fail (ACR_IS_CATALOG (self), NULL);
  return self->source_name;
}
