/*
 * fuzz-rules-bundle: the rules bundle (`--rules FILE`, the built-in
 * acr-rules.json). A bundle that loads must classify and quote a few
 * applicants without crashing or logging a critical.
 */

#include "config.h"

#include "acr-rules.h"
#include "fuzz.h"
#include "fuzz-rules-check.h"

static const char * const persons[] = {
  "{\"given_name\": \"Ana\", \"family_name\": \"Moreno\", \"profession\": \"physician\","
  " \"discipline\": \"radiology\", \"country\": \"US\", \"region\": \"VA\","
  " \"training\": {\"stage\": \"residency\", \"approved\": true, \"country\": \"US\", \"end\": \"2028-06-30\"},"
  " \"chapters\": [\"VA\"]}",
  "{\"given_name\": \"Chloé\", \"family_name\": \"Durand\", \"profession\": \"physician\","
  " \"discipline\": \"radiology\", \"certifications\": [\"ABR\"], \"country\": \"US\", \"region\": \"VA\","
  " \"practice_region\": \"DC\", \"in_practice\": true, \"practice_start\": \"2020-08-01\","
  " \"chapters\": [\"VA\", \"DC\"]}",
  "{\"profession\": \"physician\", \"discipline\": \"radiation-oncology\","
  " \"certifications\": [\"NATIONAL\"],"
  " \"country\": \"FR\", \"region\": \"Occitanie\", \"in_practice\": true}",
  "{}",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrRules) rules = NULL;
  GListModel *categories;
  GListModel *chapters;

  fuzz_init ();

  bytes = g_bytes_new (data, size);
  rules = acr_rules_new_from_bytes (bytes, "rules.json", &error);
  g_assert_true ((rules == NULL) == (error != NULL));
  if (rules == NULL)
    {
      g_debug ("rejected: %s", error->message);
      return 0;
    }

  g_assert_nonnull (acr_rules_get_title (rules));
  categories = acr_rules_get_categories (rules);
  chapters = acr_rules_get_chapters (rules);
  g_assert_nonnull (categories);
  g_assert_nonnull (chapters);

  for (guint i = 0; i < G_N_ELEMENTS (persons); i++)
    {
      g_autoptr (GError) person_error = NULL;
      g_autoptr (AcrPerson) person = acr_person_new_from_data (persons[i], -1, "person.json", &person_error);

      g_assert_no_error (person_error);
      fuzz_check_person (rules, person);
    }
  return 0;
}
