#define G_LOG_DOMAIN "acr-anonymise"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "acr-anonymise.h"
#include "acr-search-cache.h"
#include "acr-member-private.h"
#include "acr-store-private.h"
#include "acr-store-settings.h"
#include "acr-store-sqlite-private.h"

/* What replaces a scrubbed value in the history. */
#define SCRUBBED "(anonymised)"

/* The member fields cleared (besides the person file, which is replaced). */
static const char * const cleared_fields[] = {
  "email", "phone", "address", "city", "region", "postal_code", "country", "npi", "program", "review", NULL
};

/* History fields whose values say nothing about the person: kept. */
static const char kept_history_fields[] =
  "'member', 'category', 'status', 'chapters', 'joined', 'language', 'anonymised'";

/* The triggers that keep these records unchanged, suspended for the scrub within its transaction. */
static const char * const guarding_triggers[] = {
  "member_history_no_update", "applications_no_update", "invoices_frozen", NULL
};

static const char anonymisations_table[] =
  "CREATE TABLE IF NOT EXISTS anonymisations ("
  "  id INTEGER PRIMARY KEY,"
  "  member_id INTEGER REFERENCES members (id),"
  "  application_id INTEGER REFERENCES applications (id),"
  "  done_at TEXT NOT NULL,"
  "  account TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  CHECK ((member_id IS NULL) <> (application_id IS NULL))"
  ")";

static AcrStoreSqlite *
get_sqlite (AcrStore  *store,
            GError   **error)
{
  AcrStoreBackend *backend = acr_store_get_backend (store);

  if (!ACR_IS_STORE_SQLITE (backend))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("%s: anonymising is only available for the embedded (SQLite) database"),
                   acr_store_get_location (store));
      return NULL;
    }
  return ACR_STORE_SQLITE (backend);
}

static gboolean
exec (AcrStoreSqlite  *sqlite,
      const char      *sql,
      GError         **error)
{
  int rc = sqlite3_exec (_acr_store_sqlite_get_db (sqlite), sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _acr_store_sqlite_set_error (sqlite, rc, error);
  return TRUE;
}

/* Runs @sql with up to three bound values (text or integer, by position). */
typedef struct
{
  const char *text;
  gint64      integer;
} Value;

static gboolean
run (AcrStoreSqlite  *sqlite,
     const char      *sql,
     const Value     *values,
     guint            n_values,
     gint64          *first_column,
     GError         **error)
{
  sqlite3 *db = _acr_store_sqlite_get_db (sqlite);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return _acr_store_sqlite_set_error (sqlite, rc, error);
  for (guint i = 0; i < n_values; i++)
    {
      if (values[i].text != NULL)
        sqlite3_bind_text (stmt, i + 1, values[i].text, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_int64 (stmt, i + 1, values[i].integer);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && first_column != NULL)
    *first_column = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _acr_store_sqlite_set_error (sqlite, rc, error);
  return TRUE;
}

/* The SQL that created each guarding trigger, then the triggers dropped. */
static GPtrArray *
suspend_triggers (AcrStoreSqlite  *sqlite,
                  GError         **error)
{
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = _acr_store_sqlite_get_db (sqlite);

  for (guint i = 0; guarding_triggers[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *drop = NULL;
      int rc = sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                                   -1, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          _acr_store_sqlite_set_error (sqlite, rc, error);
          return NULL;
        }
      sqlite3_bind_text (stmt, 1, guarding_triggers[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (kept, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      drop = g_strdup_printf ("DROP TRIGGER IF EXISTS %s", guarding_triggers[i]);
      if (!exec (sqlite, drop, error))
        return NULL;
    }
  return g_steal_pointer (&kept);
}

static gboolean
restore_triggers (AcrStoreSqlite  *sqlite,
                  GPtrArray       *kept,
                  GError         **error)
{
  for (guint i = 0; i < kept->len; i++)
    {
      if (!exec (sqlite, g_ptr_array_index (kept, i), error))
        return FALSE;
    }
  return TRUE;
}

/* The whole name in the family name, so that lists and invoices read "Anonymised member 0000042". */
static char *
anonymised_person_json (const char *family_name)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "family_name");
  json_builder_add_string_value (builder, family_name);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
member_is_anonymised (AcrStoreSqlite  *sqlite,
                      gint64           member_id,
                      gboolean        *anonymised,
                      GError         **error)
{
  Value values[] = { { NULL, member_id } };
  gint64 count = 0;

  if (!run (sqlite, "SELECT count(*) FROM member_history WHERE member_id = ?1 AND field = 'anonymised'",
            values, 1, &count, error))
    return FALSE;
  *anonymised = count > 0;
  return TRUE;
}

gboolean
acr_anonymise_is_member_anonymised (AcrStore    *store,
                                    guint        number,
                                    GError     **error)
{
  g_autoptr (AcrMember) member = NULL;
  AcrStoreSqlite *sqlite;
  gboolean anonymised = FALSE;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  if ((sqlite = get_sqlite (store, error)) == NULL ||
      (member = acr_store_lookup_member (store, number, error)) == NULL)
    return FALSE;
  if (!member_is_anonymised (sqlite, acr_member_get_id (member), &anonymised, error))
    return FALSE;
  return anonymised;
}

/* Scrubs what the store keeps about member @id outside its row, and records the act. */
static gboolean
scrub_member (AcrStoreSqlite  *sqlite,
              gint64           id,
              gint64           revision,
              const char      *display_name,
              const char      *person_json,
              const char      *time,
              const char      *reason,
              GError         **error)
{
  g_autoptr (GPtrArray) triggers = NULL;
  g_autofree char *history_sql =
    g_strdup_printf ("UPDATE member_history SET"
                     " old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '" SCRUBBED "' END,"
                     " new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '" SCRUBBED "' END"
                     " WHERE member_id = ?1 AND field NOT IN (%s)", kept_history_fields);
  Value by_id[] = { { NULL, id } };
  Value application[] = { { person_json, 0 }, { NULL, id } };
  Value invoice[] = { { display_name, 0 }, { NULL, id } };
  Value history[] = { { NULL, id }, { NULL, revision }, { time, 0 }, { g_get_user_name (), 0 }, { reason, 0 } };
  Value record[] = { { NULL, id }, { time, 0 }, { g_get_user_name (), 0 }, { reason, 0 } };

  if ((triggers = suspend_triggers (sqlite, error)) == NULL)
    return FALSE;
  if (!run (sqlite, history_sql, by_id, 1, NULL, error) ||
      !run (sqlite, "UPDATE applications SET person = ?1, contact = '{}' WHERE member_id = ?2",
            application, 2, NULL, error) ||
      !run (sqlite, "UPDATE invoices SET member_name = ?1, address = NULL, city = NULL, region = NULL,"
                    " postal_code = NULL, country = NULL WHERE member_id = ?2",
            invoice, 2, NULL, error) ||
      !restore_triggers (sqlite, triggers, error))
    return FALSE;
  return run (sqlite, "INSERT INTO member_history (member_id, revision, changed_at, account, field, old_value,"
                      " new_value, reason) VALUES (?1, ?2, ?3, ?4, 'anonymised', NULL, 'yes', ?5)",
              history, 5, NULL, error) &&
         exec (sqlite, anonymisations_table, error) &&
         run (sqlite, "INSERT INTO anonymisations (member_id, done_at, account, reason) VALUES (?1, ?2, ?3, ?4)",
              record, 4, NULL, error);
}

/* The lookup's file beside the database (acr-search-cache.h) still holds
 * the person's old keys: it goes, and is written anew at the next start. */
static void
forget_search_cache (AcrStore *store)
{
  g_autofree char *path = NULL;

  if (acr_store_get_location (store) == NULL)
    return;
  path = acr_search_cache_path (acr_store_get_location (store));
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_warning ("%s could not be removed after an anonymisation: %s", path, g_strerror (errno));
}

/**
 * acr_anonymise_member:
 * @reason: why (the person's request, its date and reference), recorded
 *
 * Forgets member @number (see the top of acr-anonymise.h), in one
 * transaction. Refused for a member already anonymised.
 */
gboolean
acr_anonymise_member (AcrStore    *store,
                      guint        number,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrMember) anonymous = NULL;
  g_autofree char *number_text = NULL;
  g_autofree char *family = NULL;
  g_autofree char *display = NULL;
  g_autofree char *person = NULL;
  g_autofree char *time = _acr_store_now ();
  AcrStoreSqlite *sqlite;
  gboolean anonymised = FALSE;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                           _("--reason: say why the member is anonymised (their request, its date)"));
      return FALSE;
    }
  if ((sqlite = get_sqlite (store, error)) == NULL ||
      (member = acr_store_lookup_member (store, number, error)) == NULL)
    return FALSE;
  number_text = acr_member_dup_number_text (member);
  if (!member_is_anonymised (sqlite, acr_member_get_id (member), &anonymised, error))
    return FALSE;
  if (anonymised)
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("member %s is already anonymised; it cannot be undone or done twice"), number_text);
      return FALSE;
    }

  family = g_strdup_printf ("%s member %s", ACR_ANONYMISED_NAME, number_text);
  display = g_strdup (family);
  person = anonymised_person_json (family);
  anonymous = acr_member_copy (member);
  if (!acr_member_set_field (anonymous, "person", person, error))
    return FALSE;
  for (guint i = 0; cleared_fields[i] != NULL; i++)
    {
      if (!acr_member_set_field (anonymous, cleared_fields[i], NULL, error))
        return FALSE;
    }
  if (acr_member_has_status (anonymous, ACR_MEMBER_STATUS_ACTIVE) ||
      acr_member_has_status (anonymous, ACR_MEMBER_STATUS_LAPSED) ||
      acr_member_has_status (anonymous, ACR_MEMBER_STATUS_APPLICANT))
    {
      if (!acr_member_set_field (anonymous, "status", "resigned", error))
        return FALSE;
    }

  /* The store's own write path (search keys, index), then the scrub, in one transaction. */
  if (!_acr_store_begin (store, error))
    return FALSE;
  if (!_acr_store_update (store, anonymous, reason, time, error) ||
      !scrub_member (sqlite, acr_member_get_id (anonymous), acr_member_get_revision (anonymous), display, person,
                     time, reason, error) ||
      !_acr_store_commit (store, error))
    {
      _acr_store_rollback (store);
      return FALSE;
    }
  forget_search_cache (store);
  return TRUE;
}

static gboolean
application_state (AcrStoreSqlite  *sqlite,
                   gint64           id,
                   gboolean        *refused_alone,
                   gboolean        *anonymised,
                   GError         **error)
{
  Value by_id[] = { { NULL, id } };
  gint64 found = 0, done = 0, has_table = 0;

  if (!run (sqlite, "SELECT count(*) FROM applications WHERE id = ?1 AND outcome = 'refused' AND member_id IS NULL",
            by_id, 1, &found, error) ||
      !run (sqlite, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'anonymisations'",
            NULL, 0, &has_table, error))
    return FALSE;
  if (has_table && !run (sqlite, "SELECT count(*) FROM anonymisations WHERE application_id = ?1", by_id, 1, &done, error))
    return FALSE;
  *refused_alone = found > 0;
  *anonymised = done > 0;
  return TRUE;
}

static gboolean
scrub_application (AcrStoreSqlite  *sqlite,
                   gint64           id,
                   const char      *time,
                   const char      *reason,
                   GError         **error)
{
  g_autoptr (GPtrArray) triggers = NULL;
  g_autofree char *family = g_strdup_printf ("%s applicant %" G_GINT64_FORMAT, ACR_ANONYMISED_NAME, id);
  g_autofree char *person = anonymised_person_json (family);
  Value application[] = { { person, 0 }, { NULL, id } };
  Value record[] = { { NULL, id }, { time, 0 }, { g_get_user_name (), 0 }, { reason, 0 } };

  if ((triggers = suspend_triggers (sqlite, error)) == NULL)
    return FALSE;
  return run (sqlite, "UPDATE applications SET person = ?1, contact = '{}' WHERE id = ?2", application, 2, NULL, error) &&
         restore_triggers (sqlite, triggers, error) &&
         exec (sqlite, anonymisations_table, error) &&
         run (sqlite, "INSERT INTO anonymisations (application_id, done_at, account, reason) VALUES (?1, ?2, ?3, ?4)",
              record, 4, NULL, error);
}

/**
 * acr_anonymise_application:
 * Forgets the applicant of refused application @application_id (one that
 * made no member: an accepted application is the member's, anonymise the
 * member).
 */
gboolean
acr_anonymise_application (AcrStore    *store,
                           gint64       application_id,
                           const char  *reason,
                           GError     **error)
{
  g_autofree char *time = _acr_store_now ();
  AcrStoreSqlite *sqlite;
  gboolean refused_alone = FALSE, anonymised = FALSE;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);

  if ((sqlite = get_sqlite (store, error)) == NULL || !_acr_store_begin (store, error))
    return FALSE;
  if (!application_state (sqlite, application_id, &refused_alone, &anonymised, error))
    goto failed;
  if (!refused_alone || anonymised)
    {
      g_set_error (error, ACR_STORE_ERROR, refused_alone ? ACR_STORE_ERROR_INVALID : ACR_STORE_ERROR_NOT_FOUND,
                   refused_alone ? _("application %lld is already anonymised")
                                 : _("no refused application %lld (an accepted one is anonymised with its member)"),
                   (long long) application_id);
      goto failed;
    }
  if (!scrub_application (sqlite, application_id, time, reason, error) || !_acr_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _acr_store_rollback (store);
  return FALSE;
}

/**
 * acr_anonymise_get_refused_retention_months:
 * How long refused applications are kept before the lifecycle run
 * anonymises them: the membership's setting
 * ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS, else
 * ACR_ANONYMISE_REFUSED_DEFAULT_MONTHS. 0 with @error set if the setting
 * cannot be read or is not a number of months from 1 to 1200.
 */
guint
acr_anonymise_get_refused_retention_months (AcrStore  *store,
                                            GError   **error)
{
  g_autofree char *text = acr_store_dup_setting (store, ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS, error);
  guint64 months = 0;

  if (text == NULL)
    return (error == NULL || *error == NULL) ? ACR_ANONYMISE_REFUSED_DEFAULT_MONTHS : 0;
  if (!g_ascii_string_to_unsigned (text, 10, 1, 1200, &months, NULL))
    {
      g_set_error (error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID,
                   _("setting %s: “%s” is not a number of months from 1 to 1200"),
                   ACR_STORE_SETTING_REFUSED_RETENTION_MONTHS, text);
      return 0;
    }
  return (guint) months;
}

/**
 * acr_anonymise_refused_before:
 * @before: applications made before this day are anonymised
 * @dry_run: count them, change nothing
 * @count: (out): how many were (or would be) anonymised
 *
 * The lifecycle's part: forgets the applicants refused before @before, in
 * one transaction.
 */
gboolean
acr_anonymise_refused_before (AcrStore    *store,
                              const GDate *before,
                              gboolean     dry_run,
                              guint       *count,
                              GError     **error)
{
  g_autofree char *time = _acr_store_now ();
  g_autofree char *reason = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  char date[16];
  AcrStoreSqlite *sqlite;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (before != NULL && g_date_valid (before), FALSE);

  *count = 0;
  g_snprintf (date, sizeof date, "%04d-%02d-%02d", g_date_get_year (before), g_date_get_month (before),
              g_date_get_day (before));
  reason = g_strdup_printf ("refused before %s: retention period over", date);
  if ((sqlite = get_sqlite (store, error)) == NULL || !_acr_store_begin (store, error))
    return FALSE;
  if (!exec (sqlite, anonymisations_table, error))
    goto failed;
  rc = sqlite3_prepare_v2 (_acr_store_sqlite_get_db (sqlite),
                           "SELECT id FROM applications WHERE outcome = 'refused' AND member_id IS NULL"
                           " AND applied_on < ?1 AND id NOT IN"
                           " (SELECT application_id FROM anonymisations WHERE application_id IS NOT NULL)"
                           " ORDER BY id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _acr_store_sqlite_set_error (sqlite, rc, error);
      goto failed;
    }
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _acr_store_sqlite_set_error (sqlite, rc, error);
      goto failed;
    }
  for (guint i = 0; !dry_run && i < ids->len; i++)
    {
      if (!scrub_application (sqlite, g_array_index (ids, gint64, i), time, reason, error))
        goto failed;
    }
  if (dry_run)
    _acr_store_rollback (store);
  else if (!_acr_store_commit (store, error))
    goto failed;
  *count = ids->len;
  return TRUE;

failed:
  _acr_store_rollback (store);
  return FALSE;
}
