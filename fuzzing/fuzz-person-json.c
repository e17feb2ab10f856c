/*
 * fuzz-person-json: the person file (`classify PERSON.json`, `quote`, the
 * `person` column of a member CSV). A person that loads must survive the
 * rules engine and write itself back as JSON that loads to the same person.
 */

#include "config.h"

#include "acr-person.h"
#include "acr-rules.h"
#include "fuzz.h"
#include "fuzz-rules-check.h"

static AcrRules *
default_rules (void)
{
  static AcrRules *rules = NULL;

  if (rules == NULL)
    {
      g_autoptr (GError) error = NULL;

      rules = acr_rules_new_default (&error);
      g_assert_no_error (error);
    }
  return rules;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (AcrPerson) person = NULL;
  g_autoptr (AcrPerson) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  const AcrFactInfo *facts;
  guint n_facts;

  fuzz_init ();

  person = acr_person_new_from_data ((const char *) data, (gssize) size, "person.json", &error);
  g_assert_true ((person == NULL) == (error != NULL));
  if (person == NULL)
    {
      g_debug ("rejected: %s", error->message);
      return 0;
    }

  facts = acr_person_list_facts (&n_facts);
  for (guint i = 0; i < n_facts; i++)
    {
      g_autofree char *text = acr_person_format_fact (person, facts[i].name);
      g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
    }
  name = acr_person_dup_display_name (person);

  json = acr_person_to_json_string (person);
  again = acr_person_new_from_data (json, -1, "again.json", &error);
  g_assert_no_error (error);
  g_assert_true (acr_person_equal (person, again));

  fuzz_check_person (default_rules (), person);
  return 0;
}
