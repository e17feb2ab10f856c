#define G_LOG_DOMAIN "acr-billing-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-billing-page.h"

struct _AcrBillingPage
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (AcrBillingPage, acr_billing_page, GTK_TYPE_WIDGET)

static void
acr_billing_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ACR_TYPE_BILLING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (acr_billing_page_parent_class)->dispose (object);
}

static void
acr_billing_page_class_init (AcrBillingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_billing_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-billing-page.ui");
}

static void
acr_billing_page_init (AcrBillingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
