/*
 * acr-membership-cli and its database: a mistyped --db, a database another
 * process is writing (a billing run), and files SQLite cannot write or read.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "acr-test-utils.h"

/* The account the permission tests run as when the suite runs as root (chmod does not stop root). */
#define NOBODY 65534

static void
become_nobody_cb (gpointer user_data)
{
  if (geteuid () == 0 && (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0))
    _exit (77);
}

/* The CLI as another account can run it: the build tree may sit in a folder
 * only its owner can enter (a clone in /root), so runs as nobody use a copy
 * in a temporary folder anyone may enter. The program is linked statically
 * with libacr-core and carries its rules as a resource. */
static char *nobody_cli_dir;
static char *nobody_cli;

static const char *
cli_for_nobody (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) source = NULL;
  g_autoptr (GFile) copy = NULL;

  if (nobody_cli != NULL)
    return nobody_cli;
  nobody_cli_dir = acr_test_make_temp_dir ();
  g_assert_cmpint (g_chmod (nobody_cli_dir, 0755), ==, 0);
  nobody_cli = g_build_filename (nobody_cli_dir, "acr-membership-cli", NULL);
  source = g_file_new_for_path (g_getenv ("ACR_CLI"));
  copy = g_file_new_for_path (nobody_cli);
  g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (nobody_cli, 0755), ==, 0);
  return nobody_cli;
}

/* Runs the CLI (as nobody: its copy, as that account) on the database @db. */
static void
run_cli_as (const char         *db,
            gboolean            as_nobody,
            AcrTestRun         *run,
            const char * const *args)
{
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (as_nobody ? cli_for_nobody () : NULL, args, db);

  acr_test_run_cli (run, NULL, as_nobody ? become_nobody_cb : NULL, (const char * const *) argv->pdata);
}

#define CLI(db, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli_as (db, FALSE, run, args_); \
  } G_STMT_END

#define CLI_AS_NOBODY(db, run, ...) G_STMT_START { \
    const char *args_[] = { __VA_ARGS__, NULL }; \
    run_cli_as (db, TRUE, run, args_); \
  } G_STMT_END

static void
test_missing_database_is_refused_by_readers (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "mistyped.db", NULL);
  const char *readers[][6] = {
    { "show", "0000001", NULL },
    { "members", NULL },
    { "bill", "--year", "2027", NULL },
    { "invoices", NULL },
    { "edit", "0000001", "phone=1", "--reason", "test", NULL },
  };
  g_auto (AcrTestRun) run = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *expected = g_strdup_printf ("no database at %s", path);

      run_cli_as (path, FALSE, &run, readers[i]);
      g_test_message ("%s: %s", readers[i][0], run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, expected));
      g_assert_nonnull (strstr (run.err, "sample-data"));
      acr_test_assert_one_line (run.err);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* Commands that add members create it, and say so. */
  CLI (path, &run, "sample-data", "--count", "3", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "created a new database at"));
  g_assert_nonnull (strstr (run.err, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  /* The same seed again: the addresses stay unique. */
  CLI (path, &run, "sample-data", "--count", "3", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.err, "created"));

  CLI (path, &run, "show", "0000001");
  g_assert_cmpint (run.status, ==, 0);

  acr_test_remove_tree (dir);
}

static void
test_edit_to_another_members_email_is_refused (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *email = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *upper = NULL;
  char *end;

  CLI (path, &run, "sample-data", "--count", "5", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (path, &run, "show", "0000001", "--json");
  g_assert_cmpint (run.status, ==, 0);
  /* The first member's address, from the JSON ("email": "…"). */
  email = g_strdup (strstr (run.out, "\"email\" : \"") + strlen ("\"email\" : \""));
  end = strchr (email, '"');
  *end = '\0';
  upper = g_utf8_strup (email, -1);
  edit = g_strdup_printf ("email=%s", upper);

  CLI (path, &run, "edit", "0000002", edit, "--reason", "test");
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "0000001"));
  acr_test_assert_one_line (run.err);

  acr_test_remove_tree (dir);
}

static void
test_damaged_file_is_named (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_autofree char *junk = g_strnfill (4096, 'x');
  g_autofree char *expected = g_strdup_printf ("%s is not an ACR Membership database or is damaged", path);
  g_auto (AcrTestRun) run = { 0 };

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  CLI (path, &run, "show", "0000001");
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  acr_test_assert_one_line (run.err);
  acr_test_remove_tree (dir);
}

/*
 * A database in a read-only directory, and a read-only database: the
 * message says which, naming the path. Run as root, the commands run as
 * "nobody" (root ignores permissions); skipped if that is not possible.
 */
static gboolean
prepare_for_nobody (const char *path)
{
  return geteuid () != 0 || chown (path, NOBODY, NOBODY) == 0;
}

static void
test_read_only_directory_and_file_are_named (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *sub = g_build_filename (dir, "office", NULL);
  g_autofree char *path = g_build_filename (sub, "members.db", NULL);
  g_autofree char *expected = NULL;
  g_auto (AcrTestRun) run = { 0 };

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  CLI (path, &run, "sample-data", "--count", "3", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  if (!prepare_for_nobody (sub) || !prepare_for_nobody (path))
    {
      g_test_skip ("cannot hand the files to another account");
      acr_test_remove_tree (dir);
      return;
    }

  /* A writable file in a read-only directory: SQLite cannot make its -wal there. */
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);
  CLI_AS_NOBODY (path, &run, "edit", "0000001", "phone=+1 555 0100", "--reason", "test");
  if (run.status == 77)
    {
      g_test_skip ("cannot run as another account");
      g_chmod (sub, 0755);
      acr_test_remove_tree (dir);
      return;
    }
  g_test_message ("%s", run.err);
  expected = g_strdup_printf ("cannot write in %s (read-only directory): SQLite needs to create members.db-wal there", sub);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  acr_test_assert_one_line (run.err);

  /* A read-only file in a writable directory: reading works, writing says why not. */
  g_assert_cmpint (g_chmod (sub, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  CLI_AS_NOBODY (path, &run, "show", "0000001");
  g_assert_cmpint (run.status, ==, 0);
  CLI_AS_NOBODY (path, &run, "edit", "0000001", "phone=+1 555 0100", "--reason", "test");
  g_test_message ("%s", run.err);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s is read-only", path);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, expected));
  acr_test_assert_one_line (run.err);

  g_chmod (path, 0644);
  acr_test_remove_tree (dir);
}

/*
 * A billing run in one process; pay, show, members and edit in others
 * meanwhile: all succeed, and a payment waits a fraction of a second.
 */
static void
test_commands_succeed_during_a_billing_run (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  const char *bill_args[] = { "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02", NULL };
  g_autoptr (GPtrArray) argv = acr_test_cli_argv (NULL, bill_args, path);
  g_autoptr (GError) error = NULL;
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *invoice = NULL;
  guint n_during = 0;
  gint64 slowest_pay = 0;
  int wait_status = 0;
  gboolean running = TRUE;
  GPid pid;

  CLI (path, &run, "sample-data", "--count", "4000", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  /* One invoice to pay, made on purpose before the run (which then skips its member). */
  CLI (path, &run, "bill", "--year", "2027", "--date", "2026-11-02", "--member", "0000001");
  g_assert_cmpint (run.status, ==, 0);
  invoice = g_strndup (run.out, strlen ("2027-000001"));
  g_assert_cmpstr (invoice, ==, "2027-000001");

  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 50 && running; round++)
    {
      g_autofree char *phone = g_strdup_printf ("phone=+1 555 01%02u", round);
      gint64 start = g_get_monotonic_time ();
      gint64 took;

      CLI (path, &run, "pay", invoice, "--amount", "100", "--method", "card", "--date", "2026-11-03");
      took = g_get_monotonic_time () - start;
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);
      CLI (path, &run, "show", "0000002");
      g_assert_cmpint (run.status, ==, 0);
      CLI (path, &run, "members", "a");
      g_assert_cmpint (run.status, ==, 0);
      CLI (path, &run, "edit", "0000003", phone, "--reason", "test");
      g_assert_cmpstr (run.err, ==, "");
      g_assert_cmpint (run.status, ==, 0);

      running = waitpid (pid, &wait_status, WNOHANG) == 0;
      if (running)
        {
          n_during++;
          slowest_pay = MAX (slowest_pay, took);
        }
    }
  if (running)
    waitpid (pid, &wait_status, 0);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);

  g_test_message ("%u rounds while the run was writing; slowest payment %.0f ms", n_during, slowest_pay / 1000.0);
  g_assert_cmpuint (n_during, >=, 1);
  /* Well under a second on an idle machine; the bound leaves room for a loaded one. */
  g_assert_cmpint (slowest_pay, <, 3 * G_USEC_PER_SEC);

  acr_test_remove_tree (dir);
}

/* A voided invoice is not billed again by bill --year; bill --member does it on purpose. */
static void
test_voided_invoice_is_billed_again_only_on_purpose (void)
{
  g_autofree char *dir = acr_test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "members.db", NULL);
  g_auto (AcrTestRun) run = { 0 };
  g_autofree char *number = NULL;

  CLI (path, &run, "sample-data", "--count", "40", "--seed", "1");
  g_assert_cmpint (run.status, ==, 0);
  CLI (path, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-02");
  g_assert_cmpint (run.status, ==, 0);
  CLI (path, &run, "invoices", "--year", "2027");
  g_assert_cmpint (run.status, ==, 0);
  number = g_strndup (run.out, strlen ("2027-000001"));
  CLI (path, &run, "void", number, "--reason", "sent in error");
  g_assert_cmpint (run.status, ==, 0);

  CLI (path, &run, "bill", "--year", "2027", "--date", "2026-11-03", "--dry-run", "--list-skipped");
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", run.out);
  g_assert_nonnull (strstr (run.out, "Would bill"));
  g_assert_nonnull (strstr (run.out, "voided or credited for 2027 (bill from the member)"));
  g_assert_true (g_regex_match_simple ("Would bill +0 ", run.out, 0, 0));

  CLI (path, &run, "bill", "--accept-placeholders", "--year", "2027", "--date", "2026-11-03");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_regex_match_simple ("Billed +0 ", run.out, 0, 0));

  /* On purpose, from the member: the member of the voided invoice. */
  CLI (path, &run, "invoices", "--year", "2027", "--status", "void", "--json");
  g_assert_cmpint (run.status, ==, 0);
  {
    const char *member = strstr (run.out, "\"member\" : \"");
    g_autofree char *member_number = NULL;

    g_assert_nonnull (member);
    member_number = g_strndup (member + strlen ("\"member\" : \""), 7);
    CLI (path, &run, "bill", "--year", "2027", "--date", "2026-11-03", "--member", member_number);
    g_test_message ("%s%s", run.out, run.err);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, member_number));
  }

  acr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acr/cli-trust/missing-database-is-refused-by-readers-and-created-by-writers",
                   test_missing_database_is_refused_by_readers);
  g_test_add_func ("/acr/cli-trust/edit-to-another-members-email-is-refused", test_edit_to_another_members_email_is_refused);
  g_test_add_func ("/acr/cli-trust/damaged-file-is-named", test_damaged_file_is_named);
  g_test_add_func ("/acr/cli-trust/read-only-directory-and-file-are-named", test_read_only_directory_and_file_are_named);
  g_test_add_func ("/acr/cli-trust/voided-invoice-is-billed-again-only-on-purpose",
                   test_voided_invoice_is_billed_again_only_on_purpose);
  g_test_add_func ("/acr/cli-trust/pay-show-members-edit-succeed-during-a-billing-run",
                   test_commands_succeed_during_a_billing_run);

  status = g_test_run ();
  if (nobody_cli_dir != NULL)
    acr_test_remove_tree (nobody_cli_dir);
  g_free (nobody_cli_dir);
  g_free (nobody_cli);
  return status;
}
