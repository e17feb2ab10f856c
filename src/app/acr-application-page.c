#define G_LOG_DOMAIN "acr-application-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-application-page.h"

struct _AcrApplicationPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (AcrApplicationPage, acr_application_page, ADW_TYPE_BIN)

static void
acr_application_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ACR_TYPE_APPLICATION_PAGE);

  G_OBJECT_CLASS (acr_application_page_parent_class)->dispose (object);
}

static void
acr_application_page_class_init (AcrApplicationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_application_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-application-page.ui");
}

static void
acr_application_page_init (AcrApplicationPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
acr_application_page_start_new (AcrApplicationPage *self)
{
  g_return_if_fail (ACR_IS_APPLICATION_PAGE (self));
}
