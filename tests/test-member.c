#include "config.h"

#include <string.h>

#include "acr-member.h"
#include "acr-member-private.h"

/* AcrMemberStatus is what code compares; its strings are what the store,
 * the CSV files and the CLI write. The two must agree, both ways. */

static void
test_member_status_strings_round_trip (void)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (ACR_TYPE_MEMBER_STATUS);
  const char * const *listed = acr_member_list_statuses ();

  g_assert_cmpuint (g_strv_length ((char **) listed), ==, klass->n_values);

  for (guint i = 0; i < klass->n_values; i++)
    {
      AcrMemberStatus status = klass->values[i].value;
      AcrMemberStatus back = (AcrMemberStatus) -1;
      const char *text = acr_member_status_to_string (status);

      g_assert_cmpstr (text, ==, klass->values[i].value_nick);
      g_assert_cmpstr (text, ==, listed[i]);
      g_assert_true (acr_member_status_from_string (text, &back));
      g_assert_cmpint (back, ==, status);
      g_assert_true (acr_member_status_is_valid (text));
    }

  g_assert_cmpstr (acr_member_status_to_string (ACR_MEMBER_STATUS_ACTIVE), ==, "active");
  g_assert_cmpstr (acr_member_status_to_string (ACR_MEMBER_STATUS_RETIRED), ==, "retired");
}

static void
test_member_status_refuses_unknown_text (void)
{
  AcrMemberStatus status = ACR_MEMBER_STATUS_LAPSED;

  g_assert_false (acr_member_status_from_string ("Active", &status));
  g_assert_false (acr_member_status_from_string ("activ", &status));
  g_assert_false (acr_member_status_from_string ("", &status));
  g_assert_false (acr_member_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, ACR_MEMBER_STATUS_LAPSED);
  g_assert_false (acr_member_status_is_valid ("retired "));
}

static void
test_member_has_status_follows_the_field (void)
{
  g_autoptr (AcrMember) member = acr_member_new ();
  g_autoptr (GError) error = NULL;

  g_assert_true (acr_member_set_field (member, "status", "lapsed", &error));
  g_assert_no_error (error);
  g_assert_true (acr_member_has_status (member, ACR_MEMBER_STATUS_LAPSED));
  g_assert_false (acr_member_has_status (member, ACR_MEMBER_STATUS_ACTIVE));

  g_assert_true (acr_member_set_field (member, "status", "retired", &error));
  g_assert_true (acr_member_has_status (member, ACR_MEMBER_STATUS_RETIRED));
  g_assert_false (acr_member_has_status (member, ACR_MEMBER_STATUS_LAPSED));

  g_assert_false (acr_member_set_field (member, "status", "gone", &error));
  g_assert_nonnull (error);
  g_assert_true (acr_member_has_status (member, ACR_MEMBER_STATUS_RETIRED));
}

static void
test_npi_check_digit (void)
{
  /* The example in the NPI check digit specification. */
  g_assert_true (acr_npi_is_valid ("1234567893"));
  g_assert_false (acr_npi_is_valid ("1234567890"));
  g_assert_false (acr_npi_is_valid ("123456789"));
  g_assert_false (acr_npi_is_valid ("12345678930"));
  g_assert_false (acr_npi_is_valid ("12345a7893"));
  g_assert_false (acr_npi_is_valid (NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *first = g_strdup_printf ("%09u", 100000000 + i * 4999);
      g_autofree char *check = acr_npi_check_digit_for (first);
      g_autofree char *npi = g_strconcat (first, check, NULL);
      g_autofree char *wrong = g_strdup_printf ("%s%d", first, (check[0] - '0' + 1) % 10);

      g_assert_true (acr_npi_is_valid (npi));
      g_assert_false (acr_npi_is_valid (wrong));
    }
}

static void
test_member_fields_validated (void)
{
  g_autoptr (AcrMember) m = acr_member_new ();
  g_autoptr (GError) error = NULL;

  g_assert_false (acr_member_set_field (m, "npi", "1234567890", &error));
  g_assert_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "npi"));
  g_clear_error (&error);
  g_assert_true (acr_member_set_field (m, "npi", "1234567893", &error));

  g_assert_false (acr_member_set_field (m, "language", "de", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "status", "sleeping", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "email", "nobody.example.org", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "joined", "2026-02-30", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "country", "usa", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "chapters", "VA,DC,MD", &error));
  g_clear_error (&error);
  g_assert_false (acr_member_set_field (m, "colour", "blue", &error));
  g_assert_error (error, ACR_MEMBER_ERROR, ACR_MEMBER_ERROR_UNKNOWN_FIELD);
  g_clear_error (&error);

  g_assert_cmpstr (acr_member_get_language (m), ==, "en");
  g_assert_cmpstr (acr_member_get_status (m), ==, "applicant");
  g_assert_true (acr_member_set_field (m, "language", "fr", &error));
  g_assert_true (acr_member_set_field (m, "joined", "2024-02-29", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/member/status-strings-round-trip", test_member_status_strings_round_trip);
  g_test_add_func ("/acr/member/status-refuses-unknown-text", test_member_status_refuses_unknown_text);
  g_test_add_func ("/acr/member/has-status-follows-the-field", test_member_has_status_follows_the_field);

  g_test_add_func ("/acr/member/npi-check-digit", test_npi_check_digit);
  g_test_add_func ("/acr/member/fields-are-validated", test_member_fields_validated);
  return g_test_run ();
}
