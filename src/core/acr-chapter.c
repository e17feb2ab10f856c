#define G_LOG_DOMAIN "acr-chapter"

#include "config.h"

#include "acr-chapter-private.h"

typedef struct
{
  int      year;
  gint64   amount_cents;
  gboolean placeholder;
} ChapterDues;

struct _AcrChapter
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  char    *country;
  GArray  *dues;  /* of ChapterDues, one per year of the bundle */
};

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_COUNTRY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrChapter, acr_chapter, G_TYPE_OBJECT)

static void
acr_chapter_finalize (GObject *object)
{
  AcrChapter *self = (AcrChapter *) object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->country, g_free);
  g_clear_pointer (&self->dues, g_array_unref);

  G_OBJECT_CLASS (acr_chapter_parent_class)->finalize (object);
}

static void
acr_chapter_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  AcrChapter *self = ACR_CHAPTER (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_chapter_class_init (AcrChapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_chapter_finalize;
  object_class->get_property = acr_chapter_get_property;

  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_chapter_init (AcrChapter *self)
{
  self->dues = g_array_new (FALSE, FALSE, sizeof (ChapterDues));
}

AcrChapter *
_acr_chapter_new (const char *code,
                  const char *name,
                  const char *country)
{
  AcrChapter *self = g_object_new (ACR_TYPE_CHAPTER, NULL);

  self->code = g_strdup (code);
  self->name = g_strdup (name);
  self->country = g_strdup (country);

  return self;
}

void
_acr_chapter_set_dues (AcrChapter *self,
                       int         year,
                       gint64      amount_cents,
                       gboolean    placeholder)
{
  ChapterDues dues = { year, amount_cents, placeholder };

  g_assert (ACR_IS_CHAPTER (self));

  for (guint i = 0; i < self->dues->len; i++)
    {
      ChapterDues *d = &g_array_index (self->dues, ChapterDues, i);

      if (d->year == year)
        {
          *d = dues;
          return;
        }
    }

  g_array_append_val (self->dues, dues);
}

const char *
acr_chapter_get_code (AcrChapter *self)
{
  g_return_val_if_fail (ACR_IS_CHAPTER (self), NULL);

  return self->code;
}

const char *
acr_chapter_get_name (AcrChapter *self)
{
  g_return_val_if_fail (ACR_IS_CHAPTER (self), NULL);

  return self->name;
}

const char *
acr_chapter_get_country (AcrChapter *self)
{
  g_return_val_if_fail (ACR_IS_CHAPTER (self), NULL);

  return self->country;
}

/* Returns FALSE when the bundle has no dues for @year (the loader makes sure
 * every chapter has dues in every year of the schedule). */
gboolean
acr_chapter_get_dues (AcrChapter *self,
                      int         year,
                      gint64     *amount_cents,
                      gboolean   *placeholder)
{
  g_return_val_if_fail (ACR_IS_CHAPTER (self), FALSE);

  for (guint i = 0; i < self->dues->len; i++)
    {
      const ChapterDues *d = &g_array_index (self->dues, ChapterDues, i);

      if (d->year == year)
        {
          if (amount_cents != NULL)
            *amount_cents = d->amount_cents;
          if (placeholder != NULL)
            *placeholder = d->placeholder;
          return TRUE;
        }
    }

  return FALSE;
}
