#define G_LOG_DOMAIN "acr-membership-cli"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "acr-cli.h"
#include "acr-cli-common.h"
#include "acr-csv-writer.h"
#include "acr-date.h"
#include "acr-file-writer.h"
#include "acr-money.h"
#include "acr-what-if.h"

/*
 * `what-if`: a proposed rules bundle tried on every active member before it
 * is adopted. Reads only. The summary goes to stdout; --csv writes one row
 * per member (amounts in cents, as `report --csv`).
 */

static const char * const csv_columns[] = {
  "number", "name", "category_now", "category_then",
  "dues_now_cents", "dues_then_cents", "difference_cents", "note", NULL
};

typedef struct
{
  AcrCsvWriter *csv;
  GError       *error;  /* the first write that failed; later rows are dropped */
} CsvRows;

static void
write_csv_row_cb (const AcrWhatIfRow *row,
                  gpointer            user_data)
{
  CsvRows *rows = user_data;
  g_autofree char *number = NULL;
  g_autofree char *now = NULL;
  g_autofree char *then = NULL;
  g_autofree char *difference = NULL;
  g_autoptr (GString) note = g_string_new (NULL);
  const char *fields[G_N_ELEMENTS (csv_columns)];

  if (rows->error != NULL)
    return;

  number = g_strdup_printf ("%07u", row->number);
  now = g_strdup_printf ("%" G_GINT64_FORMAT, row->dues_now_cents);
  then = g_strdup_printf ("%" G_GINT64_FORMAT, row->dues_then_cents);
  difference = g_strdup_printf ("%" G_GINT64_FORMAT, row->dues_then_cents - row->dues_now_cents);
  if (row->error_now != NULL && g_strcmp0 (row->error_now, row->error_then) == 0)
    g_string_append_printf (note, _("not quoted under either rules: %s"), row->error_now);
  else
    {
      if (row->error_now != NULL)
        g_string_append_printf (note, _("not quoted under the rules in use: %s"), row->error_now);
      if (row->error_then != NULL)
        {
          if (note->len > 0)
            g_string_append (note, "; ");
          g_string_append_printf (note, _("not quoted under the proposed rules: %s"), row->error_then);
        }
    }
  if (row->placeholder_then)
    {
      if (note->len > 0)
        g_string_append (note, "; ");
      g_string_append (note, _("proposed dues hold a placeholder amount"));
    }

  fields[0] = number;
  fields[1] = row->name;
  fields[2] = row->category_now != NULL ? row->category_now : "";
  fields[3] = row->category_then != NULL ? row->category_then : "";
  fields[4] = now;
  fields[5] = then;
  fields[6] = difference;
  fields[7] = note->str;
  fields[8] = NULL;
  acr_csv_writer_write_row (rows->csv, fields, &rows->error);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  if (done % 5000 == 0 || done == total)
    g_printerr (_("%u of %u members\n"), done, total);
}

/* "+$12.00" or "-$3.50": a difference reads with its sign. */
static char *
format_change (gint64 cents)
{
  g_autofree char *amount = acr_money_format (cents, "en");

  return cents > 0 ? g_strconcat ("+", amount, NULL) : g_steal_pointer (&amount);
}

/* The change as a percentage with one decimal, in integer arithmetic. */
static char *
format_percent (gint64 now,
                gint64 then)
{
  gint64 tenths;

  if (now == 0)
    return g_strdup ("");
  tenths = (then - now) * 1000 / now;
  return g_strdup_printf (" (%s%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " %%)",
                          tenths > 0 ? "+" : tenths < 0 ? "-" : "", ABS (tenths) / 10, ABS (tenths) % 10);
}

static const char *
category_label (const char *category)
{
  return category == NULL || *category == '\0' ? _("(none)") : category;
}

static void
print_totals (GPtrArray  *totals,
              const char *heading)
{
  g_autofree char *padded_heading = acr_cli_pad (heading, 34);

  printf ("  %s %12s %14s %12s %14s %14s\n", padded_heading,
          _("Members now"), _("Dues now"), _("Members then"), _("Dues then"), _("Change"));
  for (guint i = 0; i < totals->len; i++)
    {
      AcrWhatIfTotal *t = totals->pdata[i];
      g_autofree char *key = acr_cli_pad (category_label (t->key), 34);
      g_autofree char *now = acr_money_format (t->now_cents, "en");
      g_autofree char *then = acr_money_format (t->then_cents, "en");
      g_autofree char *change = format_change (t->then_cents - t->now_cents);

      printf ("  %s %12u %14s %12u %14s %14s\n", key, t->n_members_now, now, t->n_members_then, then, change);
    }
}

static void
print_members (GPtrArray  *members,
               const char *heading)
{
  printf ("%s\n", heading);
  for (guint i = 0; i < members->len; i++)
    {
      AcrWhatIfMember *m = members->pdata[i];
      g_autofree char *name = acr_cli_pad (m->name, 28);
      g_autofree char *category_now = acr_cli_pad (category_label (m->category_now), 32);
      g_autofree char *category_then = acr_cli_pad (category_label (m->category_then), 32);
      g_autofree char *now = acr_money_format (m->dues_now_cents, "en");
      g_autofree char *then = acr_money_format (m->dues_then_cents, "en");
      g_autofree char *change = format_change (m->dues_then_cents - m->dues_now_cents);

      printf ("  %07u  %s %s → %s %12s → %12s  %s\n", m->number, name, category_now, category_then, now, then, change);
    }
}

/* The report of a what-if, on stdout. */
static void
print_summary (AcrWhatIf   *what_if,
               AcrRules    *current,
               AcrRules    *proposed,
               const GDate *on)
{
  g_autofree char *date = acr_date_format_iso (on);
  gint64 now_cents = acr_what_if_get_total_now_cents (what_if);
  gint64 then_cents = acr_what_if_get_total_then_cents (what_if);
  g_autofree char *now = acr_money_format (now_cents, "en");
  g_autofree char *then = acr_money_format (then_cents, "en");
  g_autofree char *change = format_change (then_cents - now_cents);
  g_autofree char *percent = format_percent (now_cents, then_cents);
  GPtrArray *largest = acr_what_if_get_largest_changes (what_if);
  GPtrArray *category_changes = acr_what_if_get_category_changes (what_if);
  guint n_category_changes = acr_what_if_get_n_category_changes (what_if);

  printf (_("What-if for %d, quoted on %s: %u active members. Nothing was written.\n"),
          acr_what_if_get_year (what_if), date, acr_what_if_get_n_done (what_if));
  printf (_("  Rules in use: %s, %s billed\n"), acr_rules_get_source_name (current), now);
  printf (_("  Proposed:     %s, %s billed, %s%s\n"), acr_rules_get_source_name (proposed), then, change, percent);
  printf (_("  Pay more: %u · pay less: %u · pay the same: %u\n"),
          acr_what_if_get_n_more (what_if), acr_what_if_get_n_less (what_if), acr_what_if_get_n_same (what_if));
  printf (_("  Category would change: %u\n"), n_category_changes);
  printf (_("  Placeholder amounts: %u members under the rules in use, %u under the proposed ones\n"),
          acr_what_if_get_n_placeholder_now (what_if), acr_what_if_get_n_placeholder_then (what_if));
  if (acr_what_if_get_n_unquoted_now (what_if) > 0 || acr_what_if_get_n_unquoted_then (what_if) > 0)
    printf (_("  Cannot be quoted: %u members under the rules in use, %u under the proposed ones (--csv says why)\n"),
            acr_what_if_get_n_unquoted_now (what_if), acr_what_if_get_n_unquoted_then (what_if));

  print_totals (acr_what_if_get_by_category (what_if), _("Category"));
  if (acr_what_if_get_by_chapter (what_if)->len > 0)
    print_totals (acr_what_if_get_by_chapter (what_if), _("Chapter dues"));
  if (largest->len > 0)
    print_members (largest, _("Largest changes:"));
  if (category_changes->len > 0)
    print_members (category_changes, n_category_changes > category_changes->len
                                        ? _("Category changes (the first ones by member number; --csv lists all):")
                                        : _("Category changes:"));
}

int
acr_cli_what_if (int    argc,
                 char **argv)
{
  g_autofree char *proposed_path = NULL;
  g_autofree char *current_path = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *csv_path = NULL;
  gboolean force = FALSE;
  gboolean progress = FALSE;
  GOptionEntry entries[] = {
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &proposed_path, N_("The proposed rules (required)"), N_("FILE") },
    { "current-rules", 0, 0, G_OPTION_ARG_FILENAME, &current_path,
      N_("The rules in use (default: the built-in bundle)"), N_("FILE") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text, N_("The membership year to quote (required)"), N_("YEAR") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The day of the quotes (default: today)"), N_("YYYY-MM-DD") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, N_("Write one row per member to FILE (“-”: standard output)"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing CSV file"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress, N_("Report progress on standard error"), NULL },
    { NULL }
  };
  g_autoptr (AcrRules) current = NULL;
  g_autoptr (AcrRules) proposed = NULL;
  g_autoptr (AcrStore) store = NULL;
  g_autoptr (AcrWhatIf) what_if = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (AcrCsvWriter) csv = NULL;
  g_autoptr (GError) error = NULL;
  CsvRows rows = { NULL, NULL };
  gboolean to_stdout;
  gint64 year = 0;
  GDate date;
  int status;

  status = acr_cli_parse_options ("what-if", NULL,
                                  _("Quotes every active member for a year under the rules in use and under proposed "
                                    "rules, and prints what would change: revenue by category and chapter, who pays "
                                    "more or less, the largest changes, category changes and placeholder amounts. "
                                    "Writes nothing to the database."),
                                  entries, &argc, &argv);
  if (status >= 0)
    return status;
  if (argc != 1 || proposed_path == NULL || year_text == NULL)
    {
      acr_cli_print_error (_("what-if: --rules FILE and --year YEAR are required"));
      return ACR_CLI_EXIT_USAGE;
    }
  if (acr_cli_parse_int ("--year", year_text, ACR_DATE_MIN_YEAR, ACR_DATE_MAX_YEAR, &year) >= 0)
    return ACR_CLI_EXIT_USAGE;
  if ((status = acr_cli_parse_date (date_text, &date)) >= 0)
    return status;

  /* The proposed file is checked exactly like a rules override. */
  if ((proposed = acr_cli_load_rules (proposed_path)) == NULL ||
      (current = acr_cli_load_rules (current_path)) == NULL ||
      (store = acr_cli_open_store ()) == NULL)
    return ACR_CLI_EXIT_INVALID_INPUT;

  to_stdout = csv_path != NULL && g_str_equal (csv_path, "-");
  if (csv_path != NULL)
    {
      if (to_stdout)
        stream = g_unix_output_stream_new (1, FALSE);
      else
        {
          /* Complete or absent, never the database, replaced only with --force. */
          acr_file_writer_protect (acr_store_get_location (store));
          stream = G_OUTPUT_STREAM (acr_file_writer_new (csv_path, force ? ACR_FILE_WRITER_REPLACE : ACR_FILE_WRITER_NONE,
                                                         &error));
          if (stream == NULL)
            return acr_cli_fail_writing (error);
        }
      csv = acr_csv_writer_new (stream);
      if (!acr_csv_writer_write_row (csv, csv_columns, &error))
        return acr_cli_fail_writing (error);
      rows.csv = csv;
    }

  what_if = acr_what_if_new (store, current, proposed, (int) year, &date);
  if (csv != NULL)
    acr_what_if_set_row_func (what_if, write_csv_row_cb, &rows);
  if (progress)
    acr_what_if_set_progress_func (what_if, progress_cb, NULL);
  if (!acr_what_if_execute (what_if, NULL, &error))
    {
      acr_cli_print_error ("%s", error->message);
      return ACR_CLI_EXIT_INVALID_INPUT;
    }
  if (rows.error != NULL)
    {
      g_autoptr (GError) write_error = g_steal_pointer (&rows.error);
      return acr_cli_fail_writing (write_error);
    }
  if (csv != NULL && !acr_csv_writer_close (csv, &error))
    return acr_cli_fail_writing (error);

  /* With the CSV on stdout, no summary: the CSV stays whole. */
  if (!to_stdout)
    print_summary (what_if, current, proposed, &date);
  if (csv_path != NULL && !to_stdout)
    printf (_("%u rows written to %s\n"), acr_what_if_get_n_done (what_if), csv_path);
  return ACR_CLI_EXIT_OK;
}
