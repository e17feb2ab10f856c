/*
 * The member list in every column's order, both ways
 * (acr_search_results_set_order ()): number and name reversed, category,
 * status, chapters, city and balance by their value, the family-name order
 * kept among equals; members without a city or chapter last either way.
 */
#include "config.h"

#include "acr-billing.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-search-results.h"
#include "acr-store.h"
#include "acr-test-utils.h"

#define N_MEMBERS 300

typedef struct
{
  char             *dir;
  AcrStore         *store;
  AcrRules         *rules;
  AcrBilling       *billing;
  AcrSearchResults *results;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  guint billed = 0;
  GDate on;

  f->dir = acr_test_make_temp_dir ();
  f->store = acr_test_open_store (f->dir);
  g_assert_true (acr_sample_data_generate (f->store, N_MEMBERS, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);

  /* Some members owe their dues, some paid part of them. */
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, G_DATE_NOVEMBER, 2026);
  for (guint number = 1; number <= N_MEMBERS && billed < 20; number++)
    {
      g_autoptr (AcrInvoice) invoice = acr_billing_create_invoice (f->billing, number, 2027, &on, NULL);
      g_autoptr (AcrPayment) payment = NULL;
      g_autoptr (AcrInvoice) paid = NULL;

      if (invoice == NULL)
        continue;
      billed++;
      payment = acr_payment_new (1000 * billed, &on, ACR_PAYMENT_METHOD_CHECK, NULL);
      if (billed % 2 == 0)
        paid = acr_billing_record_payment (f->billing, acr_invoice_get_number (invoice), payment, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (billed, ==, 20);

  f->results = acr_search_results_new (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->results)), ==, N_MEMBERS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->results);
  g_clear_object (&f->billing);
  g_clear_object (&f->rules);
  g_clear_object (&f->store);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef enum
{
  VALUE_NUMBER,
  VALUE_FAMILY,
  VALUE_TEXT,
  VALUE_BALANCE,
} ValueKind;

/* What the list shows in the column ordered, comparable. */
static char *
text_of (Fixture      *f,
         AcrMember    *member,
         AcrSearchKey  key)
{
  switch (key)
    {
    case ACR_SEARCH_KEY_CATEGORY:
      return g_strdup (acr_member_get_category (member) ? acr_member_get_category (member) : "");
    case ACR_SEARCH_KEY_STATUS:
      return g_strdup (acr_member_get_status (member));
    case ACR_SEARCH_KEY_CHAPTERS:
      return g_strdup (acr_member_get_chapters (member) ? acr_member_get_chapters (member) : "");
    case ACR_SEARCH_KEY_CITY:
      return acr_search_fold (acr_member_get_city (member));
    case ACR_SEARCH_KEY_NONE:
    case ACR_SEARCH_KEY_BALANCE:
    default:
      return g_strdup ("");
    }
}

static gint64
balance_of (Fixture   *f,
            AcrMember *member)
{
  gint64 balance = 0;

  g_assert_true (acr_billing_get_member_balance (f->billing, member, &balance, NULL));
  return balance;
}

/* Every neighbour pair is in order; returns how many distinct values were seen. */
static guint
assert_ordered (Fixture      *f,
                AcrSearchKey  key,
                gboolean      descending)
{
  GListModel *model = G_LIST_MODEL (f->results);
  guint n = g_list_model_get_n_items (model);
  g_autofree char *previous = NULL;
  gint64 previous_balance = 0;
  guint distinct = 0;
  gboolean seen_empty = FALSE;

  g_assert_cmpuint (n, ==, N_MEMBERS);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AcrMember) member = g_list_model_get_item (model, i);
      g_autofree char *text = text_of (f, member, key);
      gint64 balance = key == ACR_SEARCH_KEY_BALANCE ? balance_of (f, member) : 0;

      if (i > 0)
        {
          if (key == ACR_SEARCH_KEY_BALANCE)
            {
              if (descending)
                g_assert_cmpint (previous_balance, >=, balance);
              else
                g_assert_cmpint (previous_balance, <=, balance);
              distinct += previous_balance != balance;
            }
          else if (*text == '\0')
            seen_empty = TRUE;
          else
            {
              /* Empty values come last, whichever the direction. */
              g_assert_false (seen_empty);
              if (descending)
                g_assert_cmpint (g_strcmp0 (previous, text), >=, 0);
              else
                g_assert_cmpint (g_strcmp0 (previous, text), <=, 0);
              distinct += g_strcmp0 (previous, text) != 0;
            }
        }
      g_free (previous);
      previous = g_steal_pointer (&text);
      previous_balance = balance;
    }
  return distinct;
}

static void
test_columns_sort_both_ways (Fixture       *f,
                             gconstpointer  data)
{
  static const AcrSearchKey keys[] = { ACR_SEARCH_KEY_CATEGORY, ACR_SEARCH_KEY_STATUS, ACR_SEARCH_KEY_CHAPTERS,
                                       ACR_SEARCH_KEY_CITY, ACR_SEARCH_KEY_BALANCE };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    for (guint way = 0; way < 2; way++)
      {
        acr_search_results_set_order (f->results, ACR_SEARCH_SORT_FAMILY_NAME, keys[k], way == 1);
        g_assert_cmpuint (assert_ordered (f, keys[k], way == 1), >, 0);
      }
}

static void
test_number_descending (Fixture       *f,
                        gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->results);
  g_autoptr (AcrMember) first = NULL;
  g_autoptr (AcrMember) last = NULL;

  acr_search_results_set_order (f->results, ACR_SEARCH_SORT_NUMBER, ACR_SEARCH_KEY_NONE, TRUE);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, N_MEMBERS - 1);
  g_assert_cmpuint (acr_member_get_number (first), ==, N_MEMBERS);
  g_assert_cmpuint (acr_member_get_number (last), ==, 1);
  for (guint i = 1; i < N_MEMBERS; i++)
    g_assert_cmpint (acr_search_results_get_id (f->results, i), !=, acr_search_results_get_id (f->results, i - 1));

  /* Back to ascending. */
  acr_search_results_set_order (f->results, ACR_SEARCH_SORT_NUMBER, ACR_SEARCH_KEY_NONE, FALSE);
  g_clear_object (&first);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpuint (acr_member_get_number (first), ==, 1);
}

/* Searching within a column order keeps it. */
static void
test_search_keeps_the_order (Fixture       *f,
                             gconstpointer  data)
{
  acr_search_results_set_order (f->results, ACR_SEARCH_SORT_FAMILY_NAME, ACR_SEARCH_KEY_BALANCE, TRUE);
  acr_search_results_set_text (f->results, "a");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->results)), >, 1);
  {
    GListModel *model = G_LIST_MODEL (f->results);

    for (guint i = 1; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (AcrMember) a = g_list_model_get_item (model, i - 1);
        g_autoptr (AcrMember) b = g_list_model_get_item (model, i);

        g_assert_cmpint (balance_of (f, a), >=, balance_of (f, b));
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/acr/search-order/columns-sort-both-ways", Fixture, NULL,
              fixture_set_up, test_columns_sort_both_ways, fixture_tear_down);
  g_test_add ("/acr/search-order/number-descending", Fixture, NULL,
              fixture_set_up, test_number_descending, fixture_tear_down);
  g_test_add ("/acr/search-order/search-keeps-the-order", Fixture, NULL,
              fixture_set_up, test_search_keeps_the_order, fixture_tear_down);

  return g_test_run ();
}
