#include "config.h"

#include <locale.h>
#include <string.h>

#include "acr-catalog.h"

/* Builds a .mo file in memory, in either byte order, the way msgfmt lays it
 * out: header, the two string tables, no hash table, then the strings. The
 * first pair is the catalog header (empty msgid). */
static GBytes *
build_mo (const char * const *pairs,
          guint               n,
          gboolean            big_endian)
{
  GByteArray *data = g_byte_array_new ();
  guint32 strings = 28 + n * 16;
  guint32 offset = strings;
  guint32 header[7] = { 0x950412de, 0, n, 28, 28 + n * 8, 0, 28 + n * 16 };

#define PUT(v) G_STMT_START { guint32 _v = big_endian ? GUINT32_TO_BE (v) : GUINT32_TO_LE (v); \
                              g_byte_array_append (data, (guint8 *) &_v, 4); } G_STMT_END

  for (guint i = 0; i < 7; i++)
    PUT (header[i]);
  for (guint column = 0; column < 2; column++)
    {
      offset = strings;
      for (guint i = 0; i < n; i++)
        {
          /* Originals first, then translations, each followed by its NUL. */
          for (guint c = 0; c < 2; c++)
            for (guint j = 0; j < n; j++)
              {
                guint32 len = strlen (pairs[j * 2 + c]);

                if (c == column && j == i)
                  {
                    PUT (len);
                    PUT (offset);
                  }
                offset += len + 1;
              }
          offset = strings;
        }
    }
  for (guint c = 0; c < 2; c++)
    for (guint j = 0; j < n; j++)
      g_byte_array_append (data, (const guint8 *) pairs[j * 2 + c], strlen (pairs[j * 2 + c]) + 1);

#undef PUT

  return g_byte_array_free_to_bytes (data);
}

static const char * const sample_pairs[] = {
  "", "Content-Type: text/plain; charset=UTF-8\n",
  "Invoice", "Facture",
  "Balance due", "Solde dû",
  "Untranslated", "",
};

static void
test_catalog_reads_little_and_big_endian_files (void)
{
  for (int big = 0; big <= 1; big++)
    {
      g_autoptr (GBytes) bytes = build_mo (sample_pairs, 4, big);
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrCatalog) catalog = acr_catalog_new_from_bytes (bytes, "test.mo", &error);

      g_assert_no_error (error);
      g_assert_nonnull (catalog);
      /* The header and the untranslated entry are not messages. */
      g_assert_cmpuint (acr_catalog_get_n_messages (catalog), ==, 2);
      g_assert_cmpstr (acr_catalog_gettext (catalog, "Invoice"), ==, "Facture");
      g_assert_cmpstr (acr_catalog_gettext (catalog, "Balance due"), ==, "Solde dû");
      g_assert_cmpstr (acr_catalog_gettext (catalog, "Untranslated"), ==, "Untranslated");
      g_assert_cmpstr (acr_catalog_gettext (catalog, "Unknown"), ==, "Unknown");
    }
}

static void
test_catalog_rejects_damaged_files (void)
{
  g_autoptr (GBytes) good = build_mo (sample_pairs, 4, FALSE);
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  g_autoptr (GBytes) not_mo = g_bytes_new_static ("hello, world, this is no catalog", 32);
  g_autoptr (GBytes) truncated = g_bytes_new (data, size - 10);
  g_autofree guint8 *bad_offset = g_memdup2 (data, size);
  g_autoptr (GBytes) pointing_outside = NULL;
  GBytes *cases[3];

  /* The second original string claims to start far past the end. */
  bad_offset[28 + 8 + 4] = 0xff;
  bad_offset[28 + 8 + 5] = 0xff;
  pointing_outside = g_bytes_new (bad_offset, size);

  cases[0] = not_mo;
  cases[1] = truncated;
  cases[2] = pointing_outside;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (AcrCatalog) catalog = acr_catalog_new_from_bytes (cases[i], "damaged.mo", &error);

      g_assert_null (catalog);
      g_assert_error (error, ACR_CATALOG_ERROR, ACR_CATALOG_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "damaged.mo"));
    }
}

static void
test_catalog_french_from_build_whatever_the_locale (void)
{
  AcrCatalog *catalog;

  /* The process speaks English (C locale, and LANGUAGE would even force
   * German on glibc's gettext): the French catalog must not care. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_assert_nonnull (g_getenv ("ACR_LOCALEDIR"));
  catalog = acr_catalog_get_for_language ("fr");
  g_assert_cmpuint (acr_catalog_get_n_messages (catalog), >, 0);
  g_assert_true (g_str_has_prefix (acr_catalog_get_source_name (catalog), g_getenv ("ACR_LOCALEDIR")));
  g_assert_cmpstr (acr_catalog_gettext (catalog, "Invoice"), ==, "Facture");
  g_assert_cmpstr (acr_catalog_gettext (catalog, "Balance due"), ==, "Solde dû");
  /* Loaded once, shared. */
  g_assert_true (acr_catalog_get_for_language ("fr") == catalog);
}

static void
test_catalog_english_is_the_source (void)
{
  AcrCatalog *catalog = acr_catalog_get_for_language ("en");
  const char *msgid = "Invoice";

  g_assert_cmpuint (acr_catalog_get_n_messages (catalog), ==, 0);
  g_assert_true (acr_catalog_gettext (catalog, msgid) == msgid);
}

static void
test_catalog_missing_language_is_empty (void)
{
  AcrCatalog *catalog = acr_catalog_get_for_language ("xx");

  g_assert_cmpuint (acr_catalog_get_n_messages (catalog), ==, 0);
  g_assert_cmpstr (acr_catalog_gettext (catalog, "Invoice"), ==, "Invoice");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/catalog/reads-little-and-big-endian-files", test_catalog_reads_little_and_big_endian_files);
  g_test_add_func ("/acr/catalog/rejects-damaged-files", test_catalog_rejects_damaged_files);
  g_test_add_func ("/acr/catalog/french-from-build-whatever-the-locale", test_catalog_french_from_build_whatever_the_locale);
  g_test_add_func ("/acr/catalog/english-is-the-source", test_catalog_english_is_the_source);
  g_test_add_func ("/acr/catalog/missing-language-is-empty", test_catalog_missing_language_is_empty);

  return g_test_run ();
}
