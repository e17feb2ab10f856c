#define G_LOG_DOMAIN "acr-what-if-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "acr-date.h"
#include "acr-dialog-fields.h"
#include "acr-money.h"
#include "acr-what-if.h"
#include "acr-what-if-dialog.h"

/*
 * Try a Proposed Dues Schedule: staff choose a rules file and a year; every
 * active member is quoted under the rules in use and under the file, in a
 * thread on a connection of its own, with progress and Cancel; the result
 * shows both totals, who pays more, less or the same, revenue by category
 * and chapter, the largest changes and the category changes. The file is
 * checked like any rules file; what is wrong with it is shown in place.
 * Nothing is written to the database.
 */

struct _AcrWhatIfDialog
{
  AdwWindow       parent_instance;

  AcrStore       *store;
  AcrRules       *rules;
  GFile          *proposed_file;
  AcrRules       *proposed;   /* of the last comparison */
  AcrWhatIf      *what_if;    /* while a comparison runs */
  GCancellable   *cancellable;

  GtkLabel       *error_label;
  AdwActionRow   *current_row;
  AdwActionRow   *file_row;
  GtkButton      *choose_button;
  GtkSpinButton  *year_spin;
  GtkButton      *compare_button;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkBox         *results_box;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_RULES,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

G_DEFINE_FINAL_TYPE (AcrWhatIfDialog, acr_what_if_dialog, ADW_TYPE_WINDOW)

static void
update_sensitivity (AcrWhatIfDialog *self)
{
  gboolean running = self->what_if != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->compare_button), !running && self->proposed_file != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->year_spin), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), running);
}

static void
clear_results (AcrWhatIfDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_box_remove (self->results_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
}

/* "+$12.00", "-$3.50" or "$0.00", in the interface's language. */
static char *
format_change (gint64 cents)
{
  g_autofree char *amount = acr_money_format (cents, NULL);

  return cents > 0 ? g_strconcat ("+", amount, NULL) : g_steal_pointer (&amount);
}

static const char *
category_name (AcrRules   *rules,
               const char *id)
{
  AcrCategory *category = id != NULL && *id != '\0' ? acr_rules_lookup_category (rules, id) : NULL;

  if (category != NULL)
    return acr_category_get_name (category);
  return id != NULL && *id != '\0' ? id : _("No category");
}

static const char *
chapter_name (AcrRules   *rules,
              const char *code)
{
  AcrChapter *chapter = acr_rules_lookup_chapter (rules, code);

  return chapter != NULL ? acr_chapter_get_name (chapter) : code;
}

static AdwPreferencesGroup *
add_group (AcrWhatIfDialog *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->results_box, group);
  return ADW_PREFERENCES_GROUP (group);
}

/* A row whose value is a label at its end: readable at any width, and read
 * out with its title by a screen reader. */
static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value, -1);
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_totals (AcrWhatIfDialog *self,
            GPtrArray       *totals,
            gboolean         chapters,
            const char      *title)
{
  AdwPreferencesGroup *group;

  if (totals->len == 0)
    return;
  group = add_group (self, title, NULL);
  for (guint i = 0; i < totals->len; i++)
    {
      AcrWhatIfTotal *t = totals->pdata[i];
      g_autofree char *now = acr_money_format (t->now_cents, NULL);
      g_autofree char *then = acr_money_format (t->then_cents, NULL);
      g_autofree char *change = format_change (t->then_cents - t->now_cents);
      g_autofree char *now_line = g_strdup_printf (g_dngettext (NULL, "Now: %u member, %s", "Now: %u members, %s",
                                                                t->n_members_now),
                                                   t->n_members_now, now);
      g_autofree char *then_line = g_strdup_printf (g_dngettext (NULL, "Proposed: %u member, %s",
                                                                 "Proposed: %u members, %s", t->n_members_then),
                                                    t->n_members_then, then);
      g_autofree char *subtitle = g_strconcat (now_line, "\n", then_line, NULL);
      const char *name = chapters ? chapter_name (self->rules, t->key) : category_name (self->rules, t->key);

      add_row (group, name, subtitle, change);
    }
}

static void
add_members (AcrWhatIfDialog *self,
             GPtrArray       *members,
             const char      *title,
             const char      *description)
{
  AdwPreferencesGroup *group;

  if (members->len == 0)
    return;
  group = add_group (self, title, description);
  for (guint i = 0; i < members->len; i++)
    {
      AcrWhatIfMember *m = members->pdata[i];
      g_autofree char *row_title = g_strdup_printf ("%s (%07u)", m->name, m->number);
      g_autofree char *now = acr_money_format (m->dues_now_cents, NULL);
      g_autofree char *then = acr_money_format (m->dues_then_cents, NULL);
      g_autofree char *change = format_change (m->dues_then_cents - m->dues_now_cents);
      g_autofree char *subtitle = NULL;

      if (g_strcmp0 (m->category_now, m->category_then) != 0)
        subtitle = g_strdup_printf ("%s → %s\n%s → %s", category_name (self->rules, m->category_now),
                                    category_name (self->proposed, m->category_then), now, then);
      else
        subtitle = g_strdup_printf ("%s\n%s → %s", category_name (self->rules, m->category_now), now, then);
      add_row (group, row_title, subtitle, change);
    }
}

static void
show_results (AcrWhatIfDialog *self,
              AcrWhatIf       *what_if)
{
  gint64 now_cents = acr_what_if_get_total_now_cents (what_if);
  gint64 then_cents = acr_what_if_get_total_then_cents (what_if);
  g_autofree char *now = acr_money_format (now_cents, NULL);
  g_autofree char *then = acr_money_format (then_cents, NULL);
  g_autofree char *change = format_change (then_cents - now_cents);
  g_autofree char *members = NULL;
  g_autofree char *more = NULL;
  g_autofree char *less = NULL;
  g_autofree char *same = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *placeholders = NULL;
  g_autofree char *description = NULL;
  guint n_changes = acr_what_if_get_n_category_changes (what_if);
  GPtrArray *category_changes = acr_what_if_get_category_changes (what_if);
  AdwPreferencesGroup *summary;

  clear_results (self);
  members = g_strdup_printf (g_dngettext (NULL, "%u active member quoted for %d", "%u active members quoted for %d",
                                          acr_what_if_get_n_done (what_if)),
                             acr_what_if_get_n_done (what_if), acr_what_if_get_year (what_if));
  summary = add_group (self, _("Summary"), members);
  add_row (summary, _("Billed under the rules in use"), acr_rules_get_source_name (self->rules), now);
  add_row (summary, _("Billed under the proposed rules"), acr_rules_get_source_name (self->proposed), then);
  add_row (summary, _("Difference"), NULL, change);

  more = g_strdup_printf ("%u", acr_what_if_get_n_more (what_if));
  less = g_strdup_printf ("%u", acr_what_if_get_n_less (what_if));
  same = g_strdup_printf ("%u", acr_what_if_get_n_same (what_if));
  add_row (summary, _("Members who would pay more"), NULL, more);
  add_row (summary, _("Members who would pay less"), NULL, less);
  add_row (summary, _("Members who would pay the same"), NULL, same);
  changes = g_strdup_printf ("%u", n_changes);
  add_row (summary, _("Members whose category would change"), NULL, changes);
  placeholders = g_strdup_printf (_("%u under the rules in use, %u under the proposed rules"),
                                  acr_what_if_get_n_placeholder_now (what_if),
                                  acr_what_if_get_n_placeholder_then (what_if));
  add_row (summary, _("Members billed a placeholder amount"), placeholders,
           acr_what_if_get_n_placeholder_then (what_if) > 0 ? _("Still present") : _("None"));
  if (acr_what_if_get_n_unquoted_now (what_if) > 0 || acr_what_if_get_n_unquoted_then (what_if) > 0)
    {
      g_autofree char *unquoted = g_strdup_printf (_("%u under the rules in use, %u under the proposed rules: "
                                                     "their files do not fit the rules (the command line’s "
                                                     "what-if --csv says why)"),
                                                   acr_what_if_get_n_unquoted_now (what_if),
                                                   acr_what_if_get_n_unquoted_then (what_if));
      g_autofree char *n = g_strdup_printf ("%u", acr_what_if_get_n_unquoted_then (what_if));

      add_row (summary, _("Members who cannot be quoted"), unquoted, n);
    }

  add_totals (self, acr_what_if_get_by_category (what_if), FALSE, _("Dues by Category"));
  add_totals (self, acr_what_if_get_by_chapter (what_if), TRUE, _("Chapter Dues by Chapter"));
  add_members (self, acr_what_if_get_largest_changes (what_if), _("Largest Changes"), NULL);
  if (n_changes > category_changes->len)
    description = g_strdup_printf (_("The first %u of %u, by member number"), category_changes->len, n_changes);
  add_members (self, category_changes, _("Category Changes"), description);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), TRUE);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  AcrWhatIfDialog *self = user_data;
  g_autofree char *text = NULL;

  /* A report delivered after the dialog was closed has nowhere to go. */
  if (self->what_if == NULL)
    return;
  text = g_strdup_printf (_("%u of %u members"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
executed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (AcrWhatIfDialog) self = user_data;
  g_autoptr (AcrWhatIf) what_if = g_object_ref (ACR_WHAT_IF (source));
  g_autoptr (GError) error = NULL;

  /* Closed meanwhile: its widgets are gone. */
  if (self->rules == NULL)
    return;
  g_clear_object (&self->what_if);
  g_clear_object (&self->cancellable);

  if (!acr_what_if_execute_finish (what_if, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        acr_dialog_fields_show_error (self->error_label, error->message);
    }
  else
    show_results (self, what_if);
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

/**
 * acr_what_if_dialog_compare:
 *
 * Reads the proposed file (its errors are shown in place) and starts the
 * comparison; what Compare does.
 */
void
acr_what_if_dialog_compare (AcrWhatIfDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrRules) proposed = NULL;
  g_autofree char *path = NULL;
  GDate on;
  int year;

  g_return_if_fail (ACR_IS_WHAT_IF_DIALOG (self));

  if (self->what_if != NULL || self->proposed_file == NULL)
    return;
  acr_dialog_fields_show_error (self->error_label, NULL);
  clear_results (self);

  path = g_file_get_path (self->proposed_file);
  year = gtk_spin_button_get_value_as_int (self->year_spin);
  /* Checked exactly like a rules override; a second connection for the thread,
   * as a billing run has (the window's belongs to the main thread). */
  if ((proposed = acr_rules_new_from_file (path, &error)) == NULL ||
      (store = acr_store_open (acr_store_get_location (self->store), &error)) == NULL)
    {
      acr_dialog_fields_show_error (self->error_label, error->message);
      return;
    }
  g_set_object (&self->proposed, proposed);

  acr_date_today (&on);
  self->what_if = acr_what_if_new (store, self->rules, proposed, year, &on);
  self->cancellable = g_cancellable_new ();
  acr_what_if_set_progress_func (self->what_if, progress_cb, self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Reading the members…"));
  update_sensitivity (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
  acr_what_if_execute_async (self->what_if, self->cancellable, executed_cb, g_object_ref (self));
}

static void
compare_clicked_cb (AcrWhatIfDialog *self)
{
  acr_what_if_dialog_compare (self);
}

static void
cancel_clicked_cb (AcrWhatIfDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr (AcrWhatIfDialog) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      acr_what_if_dialog_set_proposed_file (self, file);
    }
  g_object_unref (chooser);
}

static void
choose_clicked_cb (AcrWhatIfDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Proposed Rules"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Rules files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Closing stops a comparison under way; its thread ends on its own. */
static gboolean
acr_what_if_dialog_close_request (GtkWindow *window)
{
  AcrWhatIfDialog *self = ACR_WHAT_IF_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (acr_what_if_dialog_parent_class)->close_request (window);
}

static void
acr_what_if_dialog_constructed (GObject *object)
{
  AcrWhatIfDialog *self = ACR_WHAT_IF_DIALOG (object);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  G_OBJECT_CLASS (acr_what_if_dialog_parent_class)->constructed (object);

  adw_action_row_set_subtitle (self->current_row, acr_rules_get_source_name (self->rules));
  /* Next year's schedule is what is usually tried. */
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) + 1);
  update_sensitivity (self);
}

static void
acr_what_if_dialog_dispose (GObject *object)
{
  AcrWhatIfDialog *self = ACR_WHAT_IF_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ACR_TYPE_WHAT_IF_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->what_if);
  g_clear_object (&self->proposed);
  g_clear_object (&self->proposed_file);
  g_clear_object (&self->rules);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (acr_what_if_dialog_parent_class)->dispose (object);
}

static void
acr_what_if_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AcrWhatIfDialog *self = ACR_WHAT_IF_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RULES:
      g_value_set_object (value, self->rules);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->what_if != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_what_if_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AcrWhatIfDialog *self = ACR_WHAT_IF_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_RULES:
      self->rules = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
acr_what_if_dialog_class_init (AcrWhatIfDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = acr_what_if_dialog_constructed;
  object_class->dispose = acr_what_if_dialog_dispose;
  object_class->get_property = acr_what_if_dialog_get_property;
  object_class->set_property = acr_what_if_dialog_set_property;
  window_class->close_request = acr_what_if_dialog_close_request;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, ACR_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RULES] =
    g_param_spec_object ("rules", NULL, NULL, ACR_TYPE_RULES,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/acr/Membership/ui/acr-what-if-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, compare_button);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AcrWhatIfDialog, results_box);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
acr_what_if_dialog_init (AcrWhatIfDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

AcrWhatIfDialog *
acr_what_if_dialog_new (GtkWindow *parent,
                        AcrStore  *store,
                        AcrRules  *rules)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ACR_IS_STORE (store), NULL);
  g_return_val_if_fail (ACR_IS_RULES (rules), NULL);

  return g_object_new (ACR_TYPE_WHAT_IF_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "rules", rules,
                       NULL);
}

/* The file Compare reads: what the chooser sets, and what tests set. */
void
acr_what_if_dialog_set_proposed_file (AcrWhatIfDialog *self,
                                      GFile           *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (ACR_IS_WHAT_IF_DIALOG (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->proposed_file, file);
  name = file != NULL ? g_file_get_parse_name (file) : NULL;
  adw_action_row_set_subtitle (self->file_row, name != NULL ? name : _("No file chosen"));
  acr_dialog_fields_show_error (self->error_label, NULL);
  update_sensitivity (self);
  if (file != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->compare_button));
}

void
acr_what_if_dialog_set_year (AcrWhatIfDialog *self,
                             int              year)
{
  g_return_if_fail (ACR_IS_WHAT_IF_DIALOG (self));
  gtk_spin_button_set_value (self->year_spin, year);
}

gboolean
acr_what_if_dialog_get_running (AcrWhatIfDialog *self)
{
  g_return_val_if_fail (ACR_IS_WHAT_IF_DIALOG (self), FALSE);
  return self->what_if != NULL;
}
