/*
 * acr_invoice_matches_search (): invoices are found by number, member
 * number and name, folded as member search folds (case, accents,
 * ligatures), the words in any order.
 */
#include "config.h"

#include "acr-billing.h"
#include "acr-invoice-search.h"
#include "acr-search-fold.h"
#include "acr-store-apply.h"
#include "acr-store.h"
#include "acr-test-utils.h"

typedef struct
{
  char       *dir;
  AcrStore   *store;
  AcrRules   *rules;
  AcrBilling *billing;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = acr_test_make_temp_dir ();
  path = g_build_filename (f->dir, "members.db", NULL);
  f->store = acr_store_open (path, &error);
  g_assert_no_error (error);
  f->rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  f->billing = acr_billing_new (f->store, f->rules);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->billing);
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  acr_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* An invoice for 2027 to a general member named @given @family. */
static AcrInvoice *
invoice_for (Fixture    *f,
             const char *given,
             const char *family,
             const char *email)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"given_name\":\"%s\",\"family_name\":\"%s\",\"email\":\"%s\","
                                           "\"profession\":\"physician\",\"discipline\":\"radiology\","
                                           "\"certifications\":[\"ABR\"],\"country\":\"US\",\"region\":\"VA\","
                                           "\"chapters\":[\"VA\"],\"in_practice\":true,\"practice_start\":\"1990-07-01\"}",
                                           given, family, email);
  g_autoptr (AcrPerson) person = acr_person_new_from_data (json, -1, "person.json", &error);
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrDecision) decision = NULL;
  AcrInvoice *invoice;
  GDate on;

  g_assert_no_error (error);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 2, G_DATE_NOVEMBER, 2026);
  g_assert_true (acr_store_apply (f->store, f->rules, person, NULL, &on, &member, &decision, &error));
  g_assert_no_error (error);
  invoice = acr_billing_create_invoice (f->billing, acr_member_get_number (member), 2027, &on, &error);
  g_assert_no_error (error);
  return invoice;
}

static gboolean
matches (AcrInvoice *invoice,
         const char *typed)
{
  g_autofree char *folded = acr_search_fold (typed);

  return acr_invoice_matches_search (invoice, folded);
}

static void
test_accents_and_case_are_folded (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr (AcrInvoice) menard = invoice_for (f, "Luc", "Ménard", "luc@example.com");
  g_autoptr (AcrInvoice) lefevre = invoice_for (f, "Anne", "Lefèvre", "anne@example.com");
  g_autoptr (AcrInvoice) oeuvre = invoice_for (f, "Zoë", "Œuvray", "zoe@example.com");

  g_assert_true (matches (menard, "menard"));
  g_assert_true (matches (menard, "MENARD"));
  g_assert_true (matches (menard, "Ménard"));
  g_assert_true (matches (lefevre, "lefevre"));
  g_assert_true (matches (lefevre, "LEFÈVRE"));
  g_assert_true (matches (oeuvre, "oeuvray"));
  g_assert_true (matches (oeuvre, "zoe"));
  g_assert_false (matches (menard, "lefevre"));
  g_assert_false (matches (lefevre, "menard"));
}

static void
test_words_in_any_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr (AcrInvoice) menard = invoice_for (f, "Luc", "Ménard", "luc@example.com");

  g_assert_true (matches (menard, "luc menard"));
  g_assert_true (matches (menard, "  Menard   Luc "));
  g_assert_false (matches (menard, "luc lefevre"));
  g_assert_true (matches (menard, ""));
}

static void
test_numbers_are_found (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (AcrInvoice) menard = invoice_for (f, "Luc", "Ménard", "luc@example.com");

  g_assert_true (matches (menard, acr_invoice_get_number (menard)));
  g_assert_true (matches (menard, acr_invoice_get_member_number (menard)));
  g_assert_true (matches (menard, "2027-0000"));
  g_assert_false (matches (menard, "2026-"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/acr/invoice-search/accents-and-case-are-folded", Fixture, NULL,
              fixture_set_up, test_accents_and_case_are_folded, fixture_tear_down);
  g_test_add ("/acr/invoice-search/words-in-any-order", Fixture, NULL,
              fixture_set_up, test_words_in_any_order, fixture_tear_down);
  g_test_add ("/acr/invoice-search/numbers-are-found", Fixture, NULL,
              fixture_set_up, test_numbers_are_found, fixture_tear_down);

  return g_test_run ();
}
