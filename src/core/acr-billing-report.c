#define G_LOG_DOMAIN "acr-billing"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "acr-billing-report.h"
#include "acr-csv-writer.h"
#include "acr-money.h"

void
acr_receivables_row_free (AcrReceivablesRow *row)
{
  if (row == NULL)
    return;
  g_free (row->category);
  g_free (row);
}

void
acr_chapter_remittance_row_free (AcrChapterRemittanceRow *row)
{
  if (row == NULL)
    return;
  g_free (row->chapter);
  g_free (row);
}

void
acr_membership_row_free (AcrMembershipRow *row)
{
  if (row == NULL)
    return;
  g_free (row->category);
  g_free (row->status);
  g_free (row);
}

void
acr_numbering_row_free (AcrNumberingRow *row)
{
  if (row == NULL)
    return;
  g_free (row->first_number);
  g_free (row->last_number);
  g_free (row);
}

/* Gapless: numbers 1 … last, each once, and the counter at the last one. */
gboolean
acr_numbering_row_is_gapless (const AcrNumberingRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  if (row->n_numbers == 0)
    return row->counter_last == 0;
  return row->first_sequence == 1 &&
         row->last_sequence == row->n_numbers &&
         row->n_distinct == row->n_numbers &&
         row->counter_last == row->last_sequence &&
         row->n_missing == 0 && row->n_duplicates == 0;
}

gboolean
acr_billing_report_parse_kind (const char           *text,
                               AcrBillingReportKind *kind)
{
  if (g_strcmp0 (text, "receivables") == 0)
    *kind = ACR_BILLING_REPORT_RECEIVABLES;
  else if (g_strcmp0 (text, "chapters") == 0)
    *kind = ACR_BILLING_REPORT_CHAPTERS;
  else if (g_strcmp0 (text, "numbering") == 0)
    *kind = ACR_BILLING_REPORT_NUMBERING;
  else
    return FALSE;
  return TRUE;
}

static char *
money (gint64 cents)
{
  return acr_money_format (cents, "en");
}

static void
append_csv_row (GString            *out,
                const char * const *fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      acr_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

#define I64(v) g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (v))

char *
acr_billing_report_format_csv (AcrBillingReportKind  kind,
                               GPtrArray            *rows)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL, NULL);

  switch (kind)
    {
    case ACR_BILLING_REPORT_RECEIVABLES:
      {
        const char *header[] = { "year", "category", "invoices", "billed_cents", "credited_cents", "paid_cents",
                                 "outstanding_cents", "to_refund_cents", NULL };
        append_csv_row (out, header);
        for (guint i = 0; i < rows->len; i++)
          {
            AcrReceivablesRow *r = rows->pdata[i];
            g_auto (GStrv) f = g_new0 (char *, 9);

            f[0] = I64 (r->year);
            f[1] = g_strdup (r->category);
            f[2] = I64 (r->n_invoices);
            f[3] = I64 (r->billed_cents);
            f[4] = I64 (r->credited_cents);
            f[5] = I64 (r->paid_cents);
            f[6] = I64 (r->outstanding_cents);
            f[7] = I64 (r->to_refund_cents);
            append_csv_row (out, (const char * const *) f);
          }
      }
      break;

    case ACR_BILLING_REPORT_CHAPTERS:
      {
        const char *header[] = { "chapter", "invoices", "billed_cents", "collected_cents", NULL };
        append_csv_row (out, header);
        for (guint i = 0; i < rows->len; i++)
          {
            AcrChapterRemittanceRow *r = rows->pdata[i];
            g_auto (GStrv) f = g_new0 (char *, 5);

            f[0] = g_strdup (r->chapter);
            f[1] = I64 (r->n_invoices);
            f[2] = I64 (r->billed_cents);
            f[3] = I64 (r->collected_cents);
            append_csv_row (out, (const char * const *) f);
          }
      }
      break;

    case ACR_BILLING_REPORT_NUMBERING:
    default:
      {
        const char *header[] = { "year", "first", "last", "documents", "counter", "missing", "duplicates",
                                 "gapless", NULL };
        append_csv_row (out, header);
        for (guint i = 0; i < rows->len; i++)
          {
            AcrNumberingRow *r = rows->pdata[i];
            g_auto (GStrv) f = g_new0 (char *, 9);

            f[0] = I64 (r->year);
            f[1] = g_strdup (r->first_number ? r->first_number : "");
            f[2] = g_strdup (r->last_number ? r->last_number : "");
            f[3] = I64 (r->n_numbers);
            f[4] = I64 (r->counter_last);
            f[5] = I64 (r->n_missing);
            f[6] = I64 (r->n_duplicates);
            f[7] = g_strdup (acr_numbering_row_is_gapless (r) ? "yes" : "no");
            append_csv_row (out, (const char * const *) f);
          }
      }
      break;
    }

  return g_string_free (out, FALSE);
}

char *
acr_billing_report_format_text (AcrBillingReportKind  kind,
                                GPtrArray            *rows)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (rows != NULL, NULL);

  switch (kind)
    {
    case ACR_BILLING_REPORT_RECEIVABLES:
      {
        AcrReceivablesRow sum = { 0 };

        g_string_append_printf (out, "%-4s  %-34s %8s %14s %14s %14s %14s %14s\n", _("Year"), _("Category"),
                                _("Invoices"), _("Billed"), _("Credited"), _("Paid"), _("Outstanding"), _("To refund"));
        for (guint i = 0; i <= rows->len; i++)
          {
            AcrReceivablesRow *r = i < rows->len ? rows->pdata[i] : &sum;
            g_autofree char *billed = money (r->billed_cents);
            g_autofree char *credited = money (r->credited_cents);
            g_autofree char *paid = money (r->paid_cents);
            g_autofree char *outstanding = money (r->outstanding_cents);
            g_autofree char *to_refund = money (r->to_refund_cents);
            g_autofree char *year = i < rows->len ? g_strdup_printf ("%d", r->year) : g_strdup ("");

            g_string_append_printf (out, "%-4s  %-34s %8u %14s %14s %14s %14s %14s\n", year,
                                    i < rows->len ? r->category : _("Total"), r->n_invoices,
                                    billed, credited, paid, outstanding, to_refund);
            if (i < rows->len)
              {
                sum.n_invoices += r->n_invoices;
                sum.billed_cents += r->billed_cents;
                sum.credited_cents += r->credited_cents;
                sum.paid_cents += r->paid_cents;
                sum.outstanding_cents += r->outstanding_cents;
                sum.to_refund_cents += r->to_refund_cents;
              }
          }
      }
      break;

    case ACR_BILLING_REPORT_CHAPTERS:
      {
        AcrChapterRemittanceRow sum = { 0 };

        g_string_append_printf (out, "%-8s %8s %14s %14s\n", _("Chapter"), _("Invoices"), _("Billed"), _("Collected"));
        for (guint i = 0; i <= rows->len; i++)
          {
            AcrChapterRemittanceRow *r = i < rows->len ? rows->pdata[i] : &sum;
            g_autofree char *billed = money (r->billed_cents);
            g_autofree char *collected = money (r->collected_cents);

            g_string_append_printf (out, "%-8s %8u %14s %14s\n", i < rows->len ? r->chapter : _("Total"),
                                    r->n_invoices, billed, collected);
            if (i < rows->len)
              {
                sum.n_invoices += r->n_invoices;
                sum.billed_cents += r->billed_cents;
                sum.collected_cents += r->collected_cents;
              }
          }
      }
      break;

    case ACR_BILLING_REPORT_NUMBERING:
    default:
      for (guint i = 0; i < rows->len; i++)
        {
          AcrNumberingRow *r = rows->pdata[i];

          if (r->n_numbers == 0)
            g_string_append_printf (out, _("%d: no document issued\n"), r->year);
          else
            g_string_append_printf (out, _("%d: %s … %s, %u documents, counter at %u: %s\n"), r->year,
                                    r->first_number, r->last_number, r->n_numbers, r->counter_last,
                                    acr_numbering_row_is_gapless (r)
                                      ? _("gapless, no duplicate")
                                      : _("NOT gapless"));
          if (!acr_numbering_row_is_gapless (r))
            g_string_append_printf (out, _("  %u numbers missing, %u duplicated\n"), r->n_missing, r->n_duplicates);
        }
      if (rows->len == 0)
        g_string_append (out, _("No invoice numbers issued.\n"));
      break;
    }

  return g_string_free (out, FALSE);
}
