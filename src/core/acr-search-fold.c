#define G_LOG_DOMAIN "acr-search"

#include "config.h"

#include <string.h>

#include "acr-search-fold.h"

/* Letters that carry a stroke or are ligatures have no canonical
 * decomposition, so NFD leaves them alone; staff still type the plain letter
 * ("dang" for "Đặng"). */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x0110: case 0x0111: return "d";   /* Đ đ */
    case 0x0141: case 0x0142: return "l";   /* Ł ł */
    case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
    case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
    case 0x0152: case 0x0153: return "oe";  /* Œ œ */
    case 0x00DF: return "ss";               /* ß */
    case 0x2019: case 0x2018: return "'";   /* typographic apostrophes */
    default: return NULL;
    }
}

/*
 * acr_search_fold:
 * Returns @text decomposed (NFD), without combining marks, case-folded,
 * with runs of white space collapsed to one space and trimmed. Plain ASCII,
 * the common case at a million rows, skips the Unicode work entirely.
 */
char *
acr_search_fold (const char *text)
{
  GString *out;
  gboolean ascii = TRUE;
  gboolean space = TRUE;  /* drops leading white space */

  if (text == NULL)
    return g_strdup ("");

  for (const char *p = text; *p; p++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }

  out = g_string_sized_new (strlen (text));

  if (ascii)
    {
      for (const char *p = text; *p; p++)
        {
          if (g_ascii_isspace (*p))
            {
              if (!space)
                g_string_append_c (out, ' ');
              space = TRUE;
              continue;
            }
          g_string_append_c (out, g_ascii_tolower (*p));
          space = FALSE;
        }
    }
  else
    {
      g_autofree char *nfd = NULL;

      if (!g_utf8_validate (text, -1, NULL))
        {
          g_string_free (out, TRUE);
          return g_strdup ("");
        }

      nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
      for (const char *p = nfd; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          const char *special;

          if (g_unichar_ismark (c))
            continue;
          if (g_unichar_isspace (c))
            {
              if (!space)
                g_string_append_c (out, ' ');
              space = TRUE;
              continue;
            }
          space = FALSE;
          if ((special = fold_special (c)) != NULL)
            {
              g_string_append (out, special);
              continue;
            }
          if (c < 0x80)
            {
              g_string_append_c (out, g_ascii_tolower ((char) c));
            }
          else
            {
              char buf[8];
              int len = g_unichar_to_utf8 (c, buf);
              g_autofree char *folded = g_utf8_casefold (buf, len);
              g_string_append (out, folded);
            }
        }
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Postal codes are compared without spaces or dashes: "H2X 1Y4" = "h2x1y4". */
char *
acr_search_fold_postal (const char *text)
{
  g_autofree char *folded = acr_search_fold (text);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

gboolean
acr_search_is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static inline gboolean
is_word_separator (char c)
{
  return c == ' ' || c == '-' || c == '\'';
}

/*
 * acr_search_foreach_word:
 * Calls @func on each word of the folded @key that a lookup word is matched
 * against (as a prefix): the runs between spaces and dashes, and for a word
 * with an apostrophe also its part after it ("d'amours" is indexed whole and
 * as "amours"). The in-memory index and the database's word table both
 * split keys here, so they agree on what a word is.
 */
void
acr_search_foreach_word (const char        *key,
                         AcrSearchWordFunc  func,
                         gpointer           user_data)
{
  const char *p = key;

  g_return_if_fail (func != NULL);

  if (p == NULL)
    return;
  while (*p)
    {
      const char *end;
      const char *apostrophe;

      while (*p && is_word_separator (*p))
        p++;
      if (*p == '\0')
        break;
      end = p;
      while (*end && *end != ' ' && *end != '-')
        end++;
      func (p, end - p, user_data);

      apostrophe = memchr (p, '\'', end - p);
      if (apostrophe != NULL && apostrophe + 1 < end)
        p = apostrophe + 1;
      else
        p = end;
    }
}
