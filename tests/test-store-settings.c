#include "config.h"

#include <string.h>

#include "acr-store-settings.h"
#include "acr-test-utils.h"

/* The membership's settings live in its database: what one program writes,
 * every program that opens the file reads. */

static void
test_store_settings_persist_across_connections (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrStore) other = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, "ACR Foundation", &error));
  g_assert_no_error (error);
  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_ADDRESS,
                                        "505 Ninth Street NW\nWashington, DC 20004", &error));
  g_assert_no_error (error);
  /* A second write replaces the first. */
  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, "ACR Membership Office", &error));
  g_assert_no_error (error);

  /* Another connection (another workstation, the CLI) reads the same. */
  other = acr_test_open_store (dir);
  name = acr_store_dup_setting (other, ACR_STORE_SETTING_ISSUER_NAME, &error);
  g_assert_no_error (error);
  address = acr_store_dup_setting (other, ACR_STORE_SETTING_ISSUER_ADDRESS, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "ACR Membership Office");
  g_assert_cmpstr (address, ==, "505 Ninth Street NW\nWashington, DC 20004");

  g_clear_object (&store);
  g_clear_object (&other);
  acr_test_remove_tree (dir);
}

static void
test_store_settings_unset_is_null_without_error (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_NAME, &error);

  g_assert_no_error (error);
  g_assert_null (name);

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_store_settings_refuse_bad_keys_and_values (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (GError) error = NULL;
  g_autofree char *long_value = g_strnfill (ACR_STORE_SETTING_MAX_LENGTH + 1, 'x');
  g_autofree char *name = NULL;

  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, "ACR", &error));
  g_assert_no_error (error);

  g_assert_false (acr_store_set_setting (store, "invoice.colour", "red", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "invoice.colour"));
  g_clear_error (&error);

  g_assert_false (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, long_value, &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ACR_STORE_SETTING_ISSUER_NAME));
  g_clear_error (&error);

  g_assert_false (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, "AC\xffR", &error));
  g_assert_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing refused was written. */
  name = acr_store_dup_setting (store, ACR_STORE_SETTING_ISSUER_NAME, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "ACR");

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

static void
test_store_settings_configure_the_renderer (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autoptr (AcrStore) store = acr_test_open_store (dir);
  g_autoptr (AcrInvoiceRenderer) defaults = acr_invoice_renderer_new ();
  g_autoptr (AcrInvoiceRenderer) renderer = acr_invoice_renderer_new ();
  g_autoptr (GError) error = NULL;

  /* None set: the renderer keeps its defaults. */
  g_assert_true (acr_store_configure_renderer (store, renderer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (acr_invoice_renderer_get_issuer_name (renderer), ==,
                   acr_invoice_renderer_get_issuer_name (defaults));

  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_NAME, "ACR Foundation", &error));
  g_assert_true (acr_store_set_setting (store, ACR_STORE_SETTING_ISSUER_ADDRESS, "", &error));
  g_assert_no_error (error);
  g_assert_true (acr_store_configure_renderer (store, renderer, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (acr_invoice_renderer_get_issuer_name (renderer), ==, "ACR Foundation");
  /* Empty means the default. */
  g_assert_cmpstr (acr_invoice_renderer_get_issuer_address (renderer), ==,
                   acr_invoice_renderer_get_issuer_address (defaults));

  g_clear_object (&store);
  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/store/settings/persist-across-connections", test_store_settings_persist_across_connections);
  g_test_add_func ("/acr/store/settings/unset-is-null-without-error", test_store_settings_unset_is_null_without_error);
  g_test_add_func ("/acr/store/settings/refuse-bad-keys-and-values", test_store_settings_refuse_bad_keys_and_values);
  g_test_add_func ("/acr/store/settings/configure-the-renderer", test_store_settings_configure_the_renderer);

  return g_test_run ();
}
