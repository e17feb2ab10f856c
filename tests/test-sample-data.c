#include "config.h"

#include "acr-rules.h"
#include "acr-sample-data.h"
#include "acr-test-utils.h"

#define SAMPLE_COUNT 3000

static const char * const cities_abroad[][2] = {
  { "DE", "München" }, { "DE", "Köln" }, { "AT", "Wien" }, { "CH", "Zürich" }, { "ES", "Sevilla" },
  { "ES", "Madrid" }, { "MX", "Ciudad de México" }, { "VN", "Hà Nội" }, { "VN", "Hồ Chí Minh" },
  { "FR", "Paris" }, { "FR", "Lyon" }, { "GB", "London" }, { "AU", "Sydney" }, { "AR", "Buenos Aires" },
};

static gboolean
city_is_in (const char *city,
            const char *country)
{
  for (guint i = 0; i < G_N_ELEMENTS (cities_abroad); i++)
    {
      if (g_str_equal (cities_abroad[i][1], city))
        return g_str_equal (cities_abroad[i][0], country);
    }
  return FALSE;
}

/* Demo data staff look at must make sense: each member's facts earn the
 * category stored for them, as the rules decide it during 2026. */
static void
test_sample_data_rules_agree_with_every_category (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrRules) rules = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GDate on;

  rules = acr_rules_new_default (&error);
  g_assert_no_error (error);
  g_assert_true (acr_sample_data_generate (store, SAMPLE_COUNT, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 1, G_DATE_JULY, 2026);

  for (guint number = 1; number <= SAMPLE_COUNT; number++)
    {
      g_autoptr (AcrMember) member = acr_store_lookup_member (store, number, &error);
      g_autoptr (AcrPerson) person = NULL;
      g_autoptr (AcrDecision) decision = NULL;
      const char *country;

      g_assert_no_error (error);
      person = acr_member_dup_person (member, &error);
      g_assert_no_error (error);
      decision = acr_rules_classify (rules, person, &on, &error);
      g_assert_no_error (error);

      if (g_strcmp0 (acr_decision_get_category_id (decision), acr_member_get_category (member)) != 0)
        g_error ("member %u (%s) is stored as %s but the rules decide %s",
                 number, acr_member_get_person_json (member),
                 acr_member_get_category (member), acr_decision_get_category_id (decision));

      country = acr_member_get_country (member);
      if (!g_str_equal (country, "US") && !g_str_equal (country, "CA"))
        g_assert_true (city_is_in (acr_member_get_city (member), country));

      g_hash_table_add (seen, (gpointer) acr_decision_get_category_id (decision));
    }

  /* Every category of the membership page appears in a sample this size. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 7);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/sample-data/rules-agree-with-every-category",
                   test_sample_data_rules_agree_with_every_category);

  return g_test_run ();
}
