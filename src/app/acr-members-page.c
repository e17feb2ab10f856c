#define G_LOG_DOMAIN "acr-members-page"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-members-page.h"

/*
 * Member lookup: a search entry and filters over the store's lazy search
 * model, shown in a GtkColumnView, with the selected member's details in a
 * pane that folds away on a narrow window.
 */

struct _AcrMembersPage
{
  GtkWidget      parent_instance;

  AdwLeaflet     *leaflet;
  GtkSearchEntry *search_entry;
  GtkDropDown    *category_dropdown;
  GtkDropDown    *status_dropdown;
  GtkDropDown    *chapter_dropdown;
  GtkStack       *stack;
  AdwStatusPage  *unavailable_page;
  GtkColumnView  *column_view;
  GtkLabel       *count_label;
  GtkStack       *detail_stack;
};

G_DEFINE_FINAL_TYPE (AcrMembersPage, acr_members_page, GTK_TYPE_WIDGET)

static void
search_changed_cb (AcrMembersPage *self)
{
}

static void
filter_changed_cb (AcrMembersPage *self)
{
}

static void
row_activated_cb (AcrMembersPage *self,
                  guint           position)
{
}

static void
acr_members_page_show_list (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  AcrMembersPage *self = ACR_MEMBERS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
acr_members_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ACR_TYPE_MEMBERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (acr_members_page_parent_class)->dispose (object);
}

static void
acr_members_page_class_init (AcrMembersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = acr_members_page_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-members-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, chapter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, unavailable_page);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, AcrMembersPage, detail_stack);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "members.show-list", NULL, acr_members_page_show_list);
  gtk_widget_class_install_action (widget_class, "members.import", NULL, NULL);
  gtk_widget_class_install_action (widget_class, "members.load-sample", NULL, NULL);
}

static void
acr_members_page_init (AcrMembersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (self->stack, "unavailable");
  adw_status_page_set_description (self->unavailable_page,
                                   _("Member lookup needs the member store, which this build does not have yet."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chapter_dropdown), FALSE);
}

void
acr_members_page_focus_search (AcrMembersPage *self)
{
  g_return_if_fail (ACR_IS_MEMBERS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
