#define G_LOG_DOMAIN "acr-invoice-renderer"

#include "config.h"

#include "acr-invoice-renderer-private.h"

#define DEFAULT_ISSUER_NAME    "American College of Radiology"
#define DEFAULT_ISSUER_ADDRESS "1891 Preston White Drive\nReston, VA 20191"

/*
 * The configuration is set on the thread that owns the renderer (the main
 * thread) while pages may be drawn and exported on others. @lock guards
 * both the configuration and the painter made from it: a setter changes
 * the configuration and drops the painter under the lock, and a painter or
 * an export takes its copy of the configuration under the lock, so a page
 * is never drawn from a configuration half-changed or freed.
 */
struct _AcrInvoiceRenderer
{
  GObject                   parent_instance;

  GMutex                    lock;
  AcrInvoiceRendererConfig  config;
  AcrInvoicePainter        *painter;  /* for draw_page and the single-threaded exports */
};

enum {
  PROP_0,
  PROP_PAPER,
  PROP_ISSUER_NAME,
  PROP_ISSUER_ADDRESS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_ENUM_TYPE (AcrPaper, acr_paper,
                    G_DEFINE_ENUM_VALUE (ACR_PAPER_LETTER, "letter"),
                    G_DEFINE_ENUM_VALUE (ACR_PAPER_A4, "a4"))

G_DEFINE_FINAL_TYPE (AcrInvoiceRenderer, acr_invoice_renderer, G_TYPE_OBJECT)

AcrInvoicePainter *
acr_invoice_renderer_lock_painter (AcrInvoiceRenderer *self)
{
  g_mutex_lock (&self->lock);
  if (self->painter == NULL)
    self->painter = acr_invoice_painter_new (&self->config);
  return self->painter;
}

void
acr_invoice_renderer_unlock_painter (AcrInvoiceRenderer *self)
{
  g_mutex_unlock (&self->lock);
}

/* A copy of the configuration as it is now, for an export whose threads
 * each make their own painter. */
AcrInvoiceRendererConfig *
acr_invoice_renderer_dup_config (AcrInvoiceRenderer *self)
{
  AcrInvoiceRendererConfig *config = g_new0 (AcrInvoiceRendererConfig, 1);

  g_mutex_lock (&self->lock);
  acr_invoice_renderer_config_copy (config, &self->config);
  g_mutex_unlock (&self->lock);

  return config;
}

void
acr_invoice_renderer_config_free (AcrInvoiceRendererConfig *config)
{
  if (config == NULL)
    return;

  acr_invoice_renderer_config_clear (config);
  g_free (config);
}

/* Sets one of the configuration's strings; the next page gets a new
 * painter. */
static void
set_config_string (AcrInvoiceRenderer  *self,
                   char               **field,
                   const char          *value,
                   GParamSpec          *pspec)
{
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = g_strcmp0 (*field, value) != 0;
  if (changed)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_clear_pointer (&self->painter, acr_invoice_painter_free);
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
acr_invoice_renderer_finalize (GObject *object)
{
  AcrInvoiceRenderer *self = (AcrInvoiceRenderer *) object;

  g_clear_pointer (&self->painter, acr_invoice_painter_free);
  g_mutex_clear (&self->lock);
  acr_invoice_renderer_config_clear (&self->config);

  G_OBJECT_CLASS (acr_invoice_renderer_parent_class)->finalize (object);
}

static void
acr_invoice_renderer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AcrInvoiceRenderer *self = ACR_INVOICE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      g_value_set_enum (value, self->config.paper);
      break;
    case PROP_ISSUER_NAME:
      g_value_set_string (value, self->config.issuer_name);
      break;
    case PROP_ISSUER_ADDRESS:
      g_value_set_string (value, self->config.issuer_address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_invoice_renderer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AcrInvoiceRenderer *self = ACR_INVOICE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_PAPER:
      acr_invoice_renderer_set_paper (self, g_value_get_enum (value));
      break;
    case PROP_ISSUER_NAME:
      acr_invoice_renderer_set_issuer_name (self, g_value_get_string (value));
      break;
    case PROP_ISSUER_ADDRESS:
      acr_invoice_renderer_set_issuer_address (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_invoice_renderer_class_init (AcrInvoiceRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = acr_invoice_renderer_finalize;
  object_class->get_property = acr_invoice_renderer_get_property;
  object_class->set_property = acr_invoice_renderer_set_property;

  properties [PROP_PAPER] =
    g_param_spec_enum ("paper", NULL, NULL, ACR_TYPE_PAPER, ACR_PAPER_LETTER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ISSUER_NAME] =
    g_param_spec_string ("issuer-name", NULL, NULL, DEFAULT_ISSUER_NAME,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ISSUER_ADDRESS] =
    g_param_spec_string ("issuer-address", NULL, NULL, DEFAULT_ISSUER_ADDRESS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
acr_invoice_renderer_init (AcrInvoiceRenderer *self)
{
  g_mutex_init (&self->lock);
  self->config.paper = ACR_PAPER_LETTER;
  self->config.issuer_name = g_strdup (DEFAULT_ISSUER_NAME);
  self->config.issuer_address = g_strdup (DEFAULT_ISSUER_ADDRESS);
}

AcrInvoiceRenderer *
acr_invoice_renderer_new (void)
{
  return g_object_new (ACR_TYPE_INVOICE_RENDERER, NULL);
}

AcrPaper
acr_invoice_renderer_get_paper (AcrInvoiceRenderer *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), ACR_PAPER_LETTER);
  return self->config.paper;
}

void
acr_invoice_renderer_set_paper (AcrInvoiceRenderer *self,
                                AcrPaper            paper)
{
  gboolean changed;

  g_return_if_fail (ACR_IS_INVOICE_RENDERER (self));
  g_return_if_fail (paper == ACR_PAPER_LETTER || paper == ACR_PAPER_A4);

  g_mutex_lock (&self->lock);
  changed = self->config.paper != paper;
  if (changed)
    {
      self->config.paper = paper;
      g_clear_pointer (&self->painter, acr_invoice_painter_free);
    }
  g_mutex_unlock (&self->lock);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAPER]);
}

const char *
acr_invoice_renderer_get_issuer_name (AcrInvoiceRenderer *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), NULL);
  return self->config.issuer_name;
}

void
acr_invoice_renderer_set_issuer_name (AcrInvoiceRenderer *self,
                                      const char         *name)
{
  g_return_if_fail (ACR_IS_INVOICE_RENDERER (self));

  if (name == NULL)
    name = DEFAULT_ISSUER_NAME;
  set_config_string (self, &self->config.issuer_name, name, properties [PROP_ISSUER_NAME]);
}

const char *
acr_invoice_renderer_get_issuer_address (AcrInvoiceRenderer *self)
{
  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), NULL);
  return self->config.issuer_address;
}

/**
 * acr_invoice_renderer_set_issuer_address:
 * @self: a renderer
 * @address: (nullable): the issuer's postal address, one line per "\n"
 */
void
acr_invoice_renderer_set_issuer_address (AcrInvoiceRenderer *self,
                                         const char         *address)
{
  g_return_if_fail (ACR_IS_INVOICE_RENDERER (self));

  if (address == NULL)
    address = DEFAULT_ISSUER_ADDRESS;
  set_config_string (self, &self->config.issuer_address, address, properties [PROP_ISSUER_ADDRESS]);
}

/**
 * acr_invoice_renderer_get_page_size:
 * @self: a renderer
 * @width: (out): in points
 * @height: (out): in points
 */
void
acr_invoice_renderer_get_page_size (AcrInvoiceRenderer *self,
                                    double             *width,
                                    double             *height)
{
  double w;
  double h;

  g_return_if_fail (ACR_IS_INVOICE_RENDERER (self));

  g_mutex_lock (&self->lock);
  acr_paper_get_size (self->config.paper, &w, &h);
  g_mutex_unlock (&self->lock);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/**
 * acr_invoice_renderer_draw_page:
 * @self: a renderer
 * @cr: where to draw, in points from the top-left corner of the paper
 * @invoice: the document
 * @error: an #ACR_INVOICE_ERROR_RENDER if it does not fit on a page
 *
 * Draws one page. Safe to call from any thread; calls on one renderer are
 * serialized (the exports draw in parallel with a painter per thread).
 */
gboolean
acr_invoice_renderer_draw_page (AcrInvoiceRenderer  *self,
                                cairo_t             *cr,
                                AcrInvoice          *invoice,
                                GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (ACR_IS_INVOICE_RENDERER (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (ACR_IS_INVOICE (invoice), FALSE);

  ok = acr_invoice_painter_paint (acr_invoice_renderer_lock_painter (self), cr, invoice, error);
  acr_invoice_renderer_unlock_painter (self);

  return ok;
}
