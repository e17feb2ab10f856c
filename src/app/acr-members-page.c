#define G_LOG_DOMAIN "acr-members-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-members-page.h"

struct _AcrMembersPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (AcrMembersPage, acr_members_page, ADW_TYPE_BIN)

static void
acr_members_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ACR_TYPE_MEMBERS_PAGE);

  G_OBJECT_CLASS (acr_members_page_parent_class)->dispose (object);
}

static void
acr_members_page_class_init (AcrMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_members_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-members-page.ui");
}

static void
acr_members_page_init (AcrMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
acr_members_page_focus_search (AcrMembersPage *self)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));
}
