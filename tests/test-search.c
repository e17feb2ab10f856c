#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "acr-billing.h"
#include "acr-member-private.h"
#include "acr-members-by-name.h"
#include "acr-sample-data.h"
#include "acr-search-fold.h"
#include "acr-search-index.h"
#include "acr-search-results.h"
#include "acr-store.h"
#include "acr-store-private.h"

typedef struct
{
  guint32     id;
  guint32     number;
  const char *family;
  const char *given;
  const char *email;
  const char *city;
  const char *postal;
  const char *npi;
  const char *category;
  const char *status;
  const char *chapters;
} Person;

/* Already in family order (family, given, number) once folded. */
static const Person people[] = {
  { 4, 1234, "Đặng",     "Thị Hoa",  "hoa.dang@example.vn", "Hà Nội",     "100000", "",           "international", "active", "" },
  { 1, 17,   "de la Fuente", "José", "jose@example.es",    "Sevilla",    "41001",  "",           "international", "lapsed", "" },
  { 2, 1,    "Hoang",    "Minh",     "minh@example.com",   "Houston",    "77002",  "1234567893", "general",       "active", "TX" },
  { 6, 3,    "Houde",    "Marie-Ève", "meve@example.ca",   "Montréal",   "H2X 1Y4", "",          "member-in-training", "active", "QC" },
  { 3, 2,    "LEFÈVRE",  "Anne",     "anne.l@example.ca",  "Québec",     "G1R 4P5", "",          "general",       "active", "QC" },
  { 5, 1000, "Müller",   "Jürgen",   "jm@example.de",      "München",    "80331",  "",           "international", "retired", "" },
  { 7, 9,    "O'Brien",  "Seán",     "sean@example.com",   "Boston",     "02110",  "",           "general",       "active", "MA,NH" },
};

static AcrSearchIndex *
build_index (void)
{
  AcrSearchIndex *index = acr_search_index_new ();
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  guint32 by_given[G_N_ELEMENTS (people)];
  guint32 by_email[G_N_ELEMENTS (people)];
  guint32 by_postal[G_N_ELEMENTS (people)];
  guint32 by_npi[1] = { 2 };
  char *given_keys[G_N_ELEMENTS (people)];
  char *email_keys[G_N_ELEMENTS (people)];
  char *postal_keys[G_N_ELEMENTS (people)];
  guint n = G_N_ELEMENTS (people);

  for (guint i = 0; i < n; i++)
    {
      const Person *p = &people[i];
      AcrSearchKeys k = {
        .id = p->id, .number = p->number,
        .family_key = acr_search_fold (p->family), .given_key = acr_search_fold (p->given),
        .email_key = acr_search_fold (p->email), .city_key = acr_search_fold (p->city),
        .postal_key = acr_search_fold_postal (p->postal), .npi = p->npi,
        .category = p->category, .status = p->status, .chapters = p->chapters,
      };
      g_ptr_array_add (keep, (char *) k.family_key);
      g_ptr_array_add (keep, (char *) k.given_key);
      g_ptr_array_add (keep, (char *) k.email_key);
      g_ptr_array_add (keep, (char *) k.city_key);
      g_ptr_array_add (keep, (char *) k.postal_key);
      given_keys[i] = (char *) k.given_key;
      email_keys[i] = (char *) k.email_key;
      postal_keys[i] = (char *) k.postal_key;
      acr_search_index_add_base_row (index, &k);
    }

  /* The other orders, as the store's indexes would give them (insertion sort is plenty here). */
  for (guint i = 0; i < n; i++)
    by_given[i] = by_email[i] = by_postal[i] = i;
#define SORT_BY(arr, keys) \
  for (guint i = 1; i < n; i++) \
    for (guint j = i; j > 0 && strcmp (keys[arr[j - 1]], keys[arr[j]]) > 0; j--) \
      { guint32 t = arr[j]; arr[j] = arr[j - 1]; arr[j - 1] = t; }
  SORT_BY (by_given, given_keys);
  SORT_BY (by_email, email_keys);
  SORT_BY (by_postal, postal_keys);
#undef SORT_BY
  for (guint i = 0; i < n; i++)
    {
      by_given[i] = people[by_given[i]].id;
      by_email[i] = people[by_email[i]].id;
      by_postal[i] = people[by_postal[i]].id;
    }
  acr_search_index_finish_load (index, by_given, by_email, by_postal, by_npi, 1);
  return index;
}

static char *
query_ids (AcrSearchIndex *index,
           const char     *text,
           const char     *category,
           const char     *status,
           const char     *chapter,
           AcrSearchSort   sort)
{
  AcrSearchQuery q = { text, category, status, chapter, sort };
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr (GString) out = g_string_new (NULL);

  acr_search_index_query (index, &q, ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%u", i ? " " : "", g_array_index (ids, guint32, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_QUERY(index, text, expected) \
  G_STMT_START { \
    g_autofree char *got = query_ids (index, text, NULL, NULL, NULL, ACR_SEARCH_SORT_FAMILY_NAME); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_fold (void)
{
  struct { const char *in, *out; } cases[] = {
    { "Lefèvre", "lefevre" }, { "LEFÈVRE", "lefevre" }, { "  Marie-Ève   Côté ", "marie-eve cote" },
    { "Đặng Thị Hoa", "dang thi hoa" }, { "Müller", "muller" }, { "Straße", "strasse" },
    { "Nguyễn", "nguyen" }, { "Peña", "pena" }, { "O’Brien", "o'brien" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = acr_search_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_accents_and_case (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();

  ASSERT_QUERY (index, "lefev", "3");
  ASSERT_QUERY (index, "LEFÈV", "3");
  ASSERT_QUERY (index, "Lefèvre", "3");
  ASSERT_QUERY (index, "muller", "5");
  ASSERT_QUERY (index, "MÜLL", "5");
  ASSERT_QUERY (index, "jurgen", "5");
  ASSERT_QUERY (index, "dang", "4");
  ASSERT_QUERY (index, "đặng hoa", "4");
  ASSERT_QUERY (index, "eve", "6");           /* second part of a hyphenated given name */
  ASSERT_QUERY (index, "marie-e", "");        /* a query word never spans the hyphen… */
  ASSERT_QUERY (index, "marie e", "6");       /* …but each part matches */
  ASSERT_QUERY (index, "fuente", "1");
  ASSERT_QUERY (index, "brien", "7");         /* after the apostrophe */
  ASSERT_QUERY (index, "o'bri", "7");
  ASSERT_QUERY (index, "jose", "1");
  ASSERT_QUERY (index, "x", "");
}

static void
test_fields (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();

  ASSERT_QUERY (index, "ho", "4 2 6");        /* Hoa, Hoang, Houde (and Houston is Hoang's city) */
  ASSERT_QUERY (index, "hou", "2 6");         /* Houston, Houde */
  ASSERT_QUERY (index, "montr", "6");         /* city */
  ASSERT_QUERY (index, "quebec anne", "3");   /* city and name, AND */
  ASSERT_QUERY (index, "quebec jose", "");
  ASSERT_QUERY (index, "anne.l@", "3");       /* e-mail prefix */
  ASSERT_QUERY (index, "sean@example", "7");
  ASSERT_QUERY (index, "h2x", "6");           /* postal code, spaces ignored */
  ASSERT_QUERY (index, "h2x1y", "6");
  ASSERT_QUERY (index, "123456", "2");        /* NPI prefix; numbers are 7 digits at most */
  ASSERT_QUERY (index, "0001234", "4");       /* fixed-width number */
  ASSERT_QUERY (index, "1234", "4 2");        /* number 1234, and NPI 1234567893 */
  ASSERT_QUERY (index, "00000", "1 2 6 3 7"); /* numbers 1, 2, 3, 9, 17 */
  ASSERT_QUERY (index, "17", "1");
  ASSERT_QUERY (index, "100", "4 5");         /* postal 100000, number 1000 */
}

static void
test_filters_and_sort (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();
  g_autofree char *a = query_ids (index, "", "general", NULL, NULL, ACR_SEARCH_SORT_FAMILY_NAME);
  g_autofree char *b = query_ids (index, "", NULL, "active", "QC", ACR_SEARCH_SORT_FAMILY_NAME);
  g_autofree char *c = query_ids (index, "", NULL, NULL, "NH", ACR_SEARCH_SORT_FAMILY_NAME);
  g_autofree char *d = query_ids (index, "", NULL, NULL, NULL, ACR_SEARCH_SORT_NUMBER);
  g_autofree char *e = query_ids (index, "", NULL, NULL, NULL, ACR_SEARCH_SORT_GIVEN_NAME);
  g_autofree char *f = query_ids (index, "e", NULL, NULL, NULL, ACR_SEARCH_SORT_NUMBER);
  g_autofree char *g = query_ids (index, "", "no-such-category", NULL, NULL, ACR_SEARCH_SORT_NUMBER);
  g_autofree char *all = query_ids (index, "", NULL, NULL, NULL, ACR_SEARCH_SORT_FAMILY_NAME);

  g_assert_cmpstr (all, ==, "4 1 2 6 3 5 7");
  g_assert_cmpstr (a, ==, "2 3 7");
  g_assert_cmpstr (b, ==, "6 3");
  g_assert_cmpstr (c, ==, "7");
  g_assert_cmpstr (d, ==, "2 3 6 7 1 5 4");    /* numbers 1, 2, 3, 9, 17, 1000, 1234 */
  g_assert_cmpstr (e, ==, "3 1 5 6 2 7 4");    /* anne, jose, jurgen, marie-eve, minh, sean, thi hoa */
  g_assert_cmpstr (f, ==, "6");               /* "e": Ève only (email/city/postal start differently) */
  g_assert_cmpstr (g, ==, "");
}

static void
test_overlay_update (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();
  AcrSearchKeys renamed = {
    .id = 3, .number = 2, .family_key = "zola", .given_key = "anne", .email_key = "anne.z@example.ca",
    .city_key = "quebec", .postal_key = "g1r4p5", .npi = "", .category = "general", .status = "active", .chapters = "QC",
  };
  AcrSearchKeys added = {
    .id = 8, .number = 10, .family_key = "aalto", .given_key = "aino", .email_key = "aino@example.fi",
    .city_key = "helsinki", .postal_key = "00100", .npi = "", .category = "retired-x", .status = "active", .chapters = "",
  };
  g_autofree char *by_number = NULL;
  g_autofree char *by_category = NULL;

  acr_search_index_update (index, &renamed);
  acr_search_index_update (index, &added);
  ASSERT_QUERY (index, "lefev", "");
  ASSERT_QUERY (index, "zol", "3");
  ASSERT_QUERY (index, "", "8 4 1 2 6 5 7 3");
  ASSERT_QUERY (index, "h", "8 4 2 6");         /* helsinki, hoa, hoang/houston, houde */
  by_number = query_ids (index, "", NULL, NULL, NULL, ACR_SEARCH_SORT_NUMBER);
  g_assert_cmpstr (by_number, ==, "2 3 6 7 8 1 5 4");
  by_category = query_ids (index, "", "retired-x", NULL, NULL, ACR_SEARCH_SORT_NUMBER);
  g_assert_cmpstr (by_category, ==, "8");
  g_assert_cmpuint (acr_search_index_get_n_rows (index), ==, 8);
}

static void
test_refine_agrees_with_query (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();
  const char *script[] = { "h", "ho", "hou", "houd", "m", "mo", "montr", "0", "00", "000000", "0000009" };

  for (guint i = 0; i < G_N_ELEMENTS (script); i++)
    {
      AcrSearchQuery q = { script[i], NULL, NULL, NULL, ACR_SEARCH_SORT_FAMILY_NAME };
      g_autoptr (GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_autoptr (GArray) narrowed = g_array_new (FALSE, FALSE, sizeof (guint32));
      AcrSearchQuery first = { "", NULL, NULL, NULL, ACR_SEARCH_SORT_FAMILY_NAME };

      acr_search_index_query (index, &q, fresh);
      acr_search_index_query (index, &first, narrowed);
      acr_search_index_refine (index, &q, narrowed);
      g_assert_cmpuint (fresh->len, ==, narrowed->len);
      g_assert_cmpmem (fresh->data, fresh->len * 4, narrowed->data, narrowed->len * 4);
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static char *
answer_ids (AcrSearchIndex       *index,
            const AcrSearchQuery *query,
            guint                 bitmap_min,
            gboolean             *listed)
{
  g_autoptr (AcrSearchAnswer) answer = NULL;
  g_autoptr (GString) out = g_string_new (NULL);

  acr_search_index_set_bitmap_min (index, bitmap_min);
  answer = acr_search_index_answer (index, query);
  for (guint i = 0; i < acr_search_answer_get_n_items (answer); i++)
    g_string_append_printf (out, "%s%u", i ? " " : "", acr_search_answer_get_id (answer, i));
  *listed = acr_search_answer_get_ids (answer) != NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Large answers are read through a bitmap: the same members in the same
 * order as the listed answer, in every sort, with members edited since the
 * load left out of the base (stale rows) and listed where they now belong. */
static void
test_bitmap_answers_agree_with_listed_answers (void)
{
  g_autoptr (AcrSearchIndex) index = build_index ();
  AcrSearchKeys renamed = {
    .id = 3, .number = 2, .family_key = "zola", .given_key = "anne", .email_key = "anne.z@example.ca",
    .city_key = "quebec", .postal_key = "g1r4p5", .npi = "", .category = "general", .status = "active", .chapters = "QC",
  };
  const char *texts[] = { "", "h", "ho", "m", "mar", "0", "00", "1", "12", "q", "lef", "zol", "marie eve", "montreal h2x", "nobody" };
  const char *categories[] = { NULL, "general" };
  guint n_bitmaps = 0;

  for (guint round = 0; round < 2; round++)
    {
      /* The second round has a changed member: its base row is stale. */
      if (round == 1)
        acr_search_index_update (index, &renamed);

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        for (guint k = 0; k < G_N_ELEMENTS (categories); k++)
          for (AcrSearchSort sort = ACR_SEARCH_SORT_FAMILY_NAME; sort <= ACR_SEARCH_SORT_NUMBER; sort++)
            {
              AcrSearchQuery q = { texts[t], categories[k], NULL, NULL, sort };
              gboolean listed, bitmap_listed;
              g_autofree char *expected = answer_ids (index, &q, G_MAXUINT, &listed);
              g_autofree char *got = answer_ids (index, &q, 0, &bitmap_listed);
              g_autofree char *queried = query_ids (index, texts[t], categories[k], NULL, NULL, sort);

              g_assert_true (listed);
              g_assert_cmpstr (got, ==, expected);
              g_assert_cmpstr (queried, ==, expected);
              /* Filters and changed members among the matches need a list. */
              if (categories[k] == NULL && *expected != '\0' && !(round == 1 && strstr (texts[t], "zol")) &&
                  !(round == 1 && (*texts[t] == '\0' || g_str_equal (texts[t], "q") || g_str_equal (texts[t], "0") ||
                                   g_str_equal (texts[t], "00"))))
                {
                  g_assert_false (bitmap_listed);
                  n_bitmaps++;
                }
            }
    }
  g_assert_cmpuint (n_bitmaps, >, 20);
}

/* What the list shows while the index is read is what an empty search shows. */
static void
test_members_by_name_agree_with_an_empty_search (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrMembersByName) by_name = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  guint n;

  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, 700, 3, NULL, NULL, &error));
  g_assert_no_error (error);

  by_name = acr_members_by_name_new (store);
  results = acr_search_results_new (store);
  n = g_list_model_get_n_items (G_LIST_MODEL (results));
  g_assert_cmpuint (n, ==, 700);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (by_name)), ==, n);
  /* Read out of order, across pages. */
  for (guint k = 0; k < n; k++)
    {
      guint i = (k * 389) % n;
      g_autoptr (AcrMember) expected = g_list_model_get_item (G_LIST_MODEL (results), i);
      g_autoptr (AcrMember) got = g_list_model_get_item (G_LIST_MODEL (by_name), i);

      g_assert_cmpint (acr_member_get_id (got), ==, acr_member_get_id (expected));
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (by_name), n));

  g_clear_object (&results);
  g_clear_object (&by_name);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
add_named_member (AcrStore   *store,
                  const char *given,
                  const char *family)
{
  g_autoptr (AcrMember) member = acr_member_new ();
  g_autofree char *json = g_strdup_printf ("{\"given_name\": \"%s\", \"family_name\": \"%s\"}", given, family);
  g_autoptr (GError) error = NULL;

  g_assert_true (acr_member_set_person_json (member, json, &error));
  g_assert_true (acr_store_add_member (store, member, NULL, &error));
  g_assert_no_error (error);
}

static void
issue_invoices (AcrBilling  *billing,
                guint        n_members,
                int          year,
                const GDate *date)
{
  for (guint number = 1; number <= n_members; number++)
    {
      g_autoptr (AcrInvoice) invoice = acr_billing_create_invoice (billing, number, year, date, NULL);
    }
}

/* A billing run writes invoices on a connection of its own; the lookup's
 * index (seconds to read at a million members) stays. Members changed on
 * another connection are read again; this connection's own edits, kept in
 * the index as they are made, do not make a later invoice look like them. */
static void
test_index_survives_invoices_from_another_connection (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrStore) other = NULL;
  g_autoptr (AcrRules) rules = acr_rules_new_default (&error);
  g_autoptr (AcrBilling) other_billing = NULL;
  g_autoptr (AcrSearchResults) results = NULL;
  g_autoptr (AcrMember) edited = NULL;
  AcrSearchIndex *index;
  GDate date;

  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, 50, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  results = acr_search_results_new (store);
  index = _acr_store_get_index (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 50);

  other = acr_store_open (path, &error);
  g_assert_no_error (error);
  other_billing = acr_billing_new (other, rules);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_JANUARY, 2027);

  /* Invoices from the other connection: noticed once (balances are read
   * again), and the same index answers. */
  g_assert_false (acr_store_notice_other_commits (store));
  issue_invoices (other_billing, 50, 2027, &date);
  g_assert_true (acr_store_notice_other_commits (store));
  g_assert_false (acr_store_notice_other_commits (store));
  acr_search_results_set_text (results, "a");
  g_assert_true (_acr_store_get_index (store) == index);

  /* An edit here, then invoices there: still the same index. */
  edited = acr_store_lookup_member (store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (acr_member_set_field (edited, "city", "Gaspé", &error));
  g_assert_true (acr_store_save_member (store, edited, "moved", &error));
  g_assert_no_error (error);
  g_assert_true (_acr_store_get_index (store) == index);
  issue_invoices (other_billing, 50, 2028, &date);
  acr_search_results_set_text (results, "gaspe");
  g_assert_true (_acr_store_get_index (store) == index);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);

  /* A member added there: read again, and found. */
  add_named_member (other, "Inès", "Zyx");
  acr_search_results_set_text (results, "zyx");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);

  g_clear_object (&results);
  g_clear_object (&other_billing);
  g_clear_object (&other);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
test_results_model_is_lazy_and_live (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrSearchResults) results = NULL;
  g_autoptr (AcrMember) first = NULL;
  g_autoptr (AcrMember) edited = NULL;
  guint changes = 0;
  const char *names[][2] = { { "Anne", "Lefèvre" }, { "Éric", "Lefebvre" }, { "Tomás", "Peña" } };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (AcrMember) m = acr_member_new ();
      g_autofree char *json = g_strdup_printf ("{\"given_name\": \"%s\", \"family_name\": \"%s\"}", names[i][0], names[i][1]);
      g_assert_true (acr_member_set_person_json (m, json, &error));
      g_assert_true (acr_store_add_member (store, m, NULL, &error));
      g_assert_no_error (error);
    }

  results = acr_search_results_new (store);
  g_signal_connect (results, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (results)) == ACR_TYPE_MEMBER);

  acr_search_results_set_text (results, "LEFE");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 2);
  acr_search_results_set_text (results, "lefev");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);
  g_assert_cmpuint (changes, ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (results), 0);
  g_assert_cmpstr (acr_member_get_family_name (first), ==, "Lefèvre");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (results), 1));

  /* An edit through the store shows up in the live model. */
  acr_search_results_set_text (results, "pena");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 1);
  edited = acr_store_lookup_member (store, 1, &error);
  g_assert_true (acr_member_set_person_json (edited, "{\"given_name\": \"Anne\", \"family_name\": \"Peñafiel\"}", &error));
  g_assert_true (acr_store_save_member (store, edited, "married", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 2);
  acr_search_results_set_sort (results, ACR_SEARCH_SORT_NUMBER);
  g_assert_cmpint (acr_search_results_get_id (results, 0), ==, acr_member_get_id (edited));

  /* Another process (here: another connection) adds a member; the next search sees it. */
  {
    g_autoptr (AcrStore) other = acr_store_open (path, &error);
    g_autoptr (AcrMember) m = acr_member_new ();
    g_assert_true (acr_member_set_person_json (m, "{\"given_name\": \"Inés\", \"family_name\": \"Peña\"}", &error));
    g_assert_true (acr_store_add_member (other, m, NULL, &error));
    g_assert_no_error (error);
  }
  acr_search_results_set_text (results, "pen");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 3);

  g_clear_object (&results);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* What a list view knows of the model: the length the signals add up to. */
typedef struct
{
  guint    n_items;
  guint    signals;
  guint    large_replacements;
  gboolean consistent;
} Shadow;

static void
shadow_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         Shadow     *shadow)
{
  shadow->signals++;
  if (position + removed > shadow->n_items)
    shadow->consistent = FALSE;
  shadow->n_items = shadow->n_items - removed + added;
  if (shadow->n_items != g_list_model_get_n_items (model))
    shadow->consistent = FALSE;
  /* GTK 4.8 reads every added item when a shown row is removed in the same signal. */
  if (removed > 0 && added > 64)
    shadow->large_replacements++;
}

static void
test_results_never_replace_many_rows_in_one_signal (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("acr-search-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr (AcrStore) store = acr_store_open (path, &error);
  g_autoptr (AcrSearchResults) results = NULL;
  g_autoptr (AcrMember) first = NULL;
  g_autoptr (AcrMember) second = NULL;
  Shadow shadow = { .consistent = TRUE };

  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, 300, 1, NULL, NULL, &error));
  g_assert_no_error (error);

  results = acr_search_results_new (store);
  shadow.n_items = g_list_model_get_n_items (G_LIST_MODEL (results));
  g_assert_cmpuint (shadow.n_items, ==, 300);
  g_signal_connect (results, "items-changed", G_CALLBACK (shadow_items_changed_cb), &shadow);

  /* Every row replaced: the new order is added, then the old one removed. */
  acr_search_results_set_sort (results, ACR_SEARCH_SORT_NUMBER);
  g_assert_cmpuint (shadow.signals, ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (results), 0);
  second = g_list_model_get_item (G_LIST_MODEL (results), 1);
  g_assert_cmpuint (acr_member_get_number (first), <, acr_member_get_number (second));

  /* A small answer, nothing, everything again. */
  acr_search_results_set_text (results, "00001");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), <, 300);
  acr_search_results_set_text (results, "no such member");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 0);
  acr_search_results_set_text (results, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (results)), ==, 300);
  acr_search_results_set_sort (results, ACR_SEARCH_SORT_FAMILY_NAME);

  g_assert_true (shadow.consistent);
  g_assert_cmpuint (shadow.n_items, ==, 300);
  g_assert_cmpuint (shadow.large_replacements, ==, 0);

  g_clear_object (&results);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/search/fold-strips-accents-and-case", test_fold);
  g_test_add_func ("/acr/search/accented-and-mixed-case-names-match", test_accents_and_case);
  g_test_add_func ("/acr/search/matches-number-npi-email-city-postal", test_fields);
  g_test_add_func ("/acr/search/filters-and-sort-orders", test_filters_and_sort);
  g_test_add_func ("/acr/search/overlay-replaces-and-adds-members", test_overlay_update);
  g_test_add_func ("/acr/search/refine-agrees-with-fresh-query", test_refine_agrees_with_query);
  g_test_add_func ("/acr/search/bitmap-answers-agree-with-listed-answers", test_bitmap_answers_agree_with_listed_answers);
  g_test_add_func ("/acr/search/members-by-name-agree-with-an-empty-search", test_members_by_name_agree_with_an_empty_search);
  g_test_add_func ("/acr/search/index-survives-invoices-from-another-connection", test_index_survives_invoices_from_another_connection);
  g_test_add_func ("/acr/search/results-model-is-lazy-and-follows-the-store", test_results_model_is_lazy_and_live);
  g_test_add_func ("/acr/search/results-never-replace-many-rows-in-one-signal", test_results_never_replace_many_rows_in_one_signal);

  return g_test_run ();
}
