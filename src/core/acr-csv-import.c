#define G_LOG_DOMAIN "acr-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "acr-backup.h"
#include "acr-csv-import.h"
#include "acr-json-reader-private.h"
#include "acr-member-private.h"
#include "acr-search-fold.h"
#include "acr-store-private.h"

#define MAX_LISTED_PROBLEMS 50

/* Member columns: the export writes them in this order; an import needs given_name and family_name. */
static const char * const member_columns[] = {
  "number", "given_name", "family_name", "email", "phone", "address", "city", "region", "postal_code",
  "country", "npi", "language", "category", "status", "chapters", "program", "joined", "person", NULL
};

static const char * const roster_columns[] = {
  "resident_name", "email", "program", "country", "training_stage", "expected_completion_date", NULL
};

static const char * const training_stages[] = {
  "medical-school", "residency", "fellowship", "physics-program", NULL
};

typedef struct
{
  const char *source;
  GPtrArray  *lines;       /* first MAX_LISTED_PROBLEMS messages */
  GHashTable *bad_rows;    /* row numbers with a problem */
  guint       n_problems;
} Problems;

typedef struct
{
  char **names;            /* header names, normalised */
  int    index[32];        /* known column → position in the file, -1 when absent */
} Header;

static void
problems_init (Problems   *p,
               const char *source)
{
  p->source = source;
  p->lines = g_ptr_array_new_with_free_func (g_free);
  p->bad_rows = g_hash_table_new (NULL, NULL);
  p->n_problems = 0;
}

static void
problems_clear (Problems *p)
{
  g_clear_pointer (&p->lines, g_ptr_array_unref);
  g_clear_pointer (&p->bad_rows, g_hash_table_unref);
}

/* One line per problem, "FILE:ROW: column C (NAME): why", as compilers and
 * grep print them; @why loses a leading "NAME: " that would say it twice. */
static void
add_problem (Problems   *p,
             guint       row,
             guint       column,
             const char *column_name,
             const char *why)
{
  p->n_problems++;
  g_hash_table_add (p->bad_rows, GUINT_TO_POINTER (row));
  if (p->lines->len >= MAX_LISTED_PROBLEMS)
    return;
  if (column_name != NULL)
    {
      g_autofree char *repeated = g_strdup_printf ("%s: ", column_name);

      if (g_str_has_prefix (why, repeated))
        why += strlen (repeated);
    }
  if (column > 0)
    g_ptr_array_add (p->lines, g_strdup_printf (_("%s:%u: column %u (%s): %s"), p->source, row, column, column_name, why));
  else
    g_ptr_array_add (p->lines, g_strdup_printf ("%s:%u: %s", p->source, row, why));
}

/* A reader error already says "source:ROW: column C: why". */
static void
add_reader_problem (Problems     *p,
                    AcrCsvReader *reader,
                    GError       *error)
{
  p->n_problems++;
  g_hash_table_add (p->bad_rows, GUINT_TO_POINTER (acr_csv_reader_get_row (reader)));
  if (p->lines->len < MAX_LISTED_PROBLEMS)
    g_ptr_array_add (p->lines, g_strdup (error->message));
}

/* A store error that begins with a member column ("address: too long …",
 * "email: … is already the address of member …") names that column of the file. */
static void
add_store_problem (Problems     *p,
                   Header       *header,
                   guint         row,
                   const GError *error)
{
  const char *colon = strstr (error->message, ": ");

  if (colon != NULL)
    {
      g_autofree char *name = g_strndup (error->message, colon - error->message);

      for (int k = 0; member_columns[k] != NULL; k++)
        if (g_str_equal (member_columns[k], name) && header->index[k] >= 0)
          {
            add_problem (p, row, header->index[k] + 1, name, colon + 2);
            return;
          }
    }
  add_problem (p, row, 0, NULL, error->message);
}

/* The problems, one line each, then one line saying that nothing was imported. */
static gboolean
problems_to_error (Problems  *p,
                   GError   **error)
{
  g_autoptr (GString) message = NULL;

  if (p->n_problems == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < p->lines->len; i++)
    g_string_append_printf (message, "%s\n", (char *) p->lines->pdata[i]);
  if (p->n_problems > p->lines->len)
    g_string_append_printf (message, _("%s: … and %u more problems\n"), p->source, p->n_problems - p->lines->len);
  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %u row was rejected, so nothing was imported; correct it and import the file again",
                                       "%s: %u rows were rejected, so nothing was imported; correct them and import the file again",
                                       g_hash_table_size (p->bad_rows)),
                          p->source, g_hash_table_size (p->bad_rows));
  g_set_error_literal (error, ACR_CSV_ERROR, ACR_CSV_ERROR_REJECTED, message->str);
  return FALSE;
}

static char *
normalise_header (const char *name)
{
  g_autofree char *folded = acr_search_fold (name);

  g_strdelimit (folded, " -", '_');
  if (g_str_equal (folded, "expected_completion"))
    return g_strdup ("expected_completion_date");
  if (g_str_equal (folded, "name") || g_str_equal (folded, "resident"))
    return g_strdup ("resident_name");
  if (g_str_equal (folded, "stage"))
    return g_strdup ("training_stage");
  return g_steal_pointer (&folded);
}

static gboolean
read_header (AcrCsvReader        *reader,
             const char * const  *known,
             const char * const  *required,
             Header              *header,
             GError             **error)
{
  g_auto (GStrv) fields = NULL;
  g_autoptr (GError) local_error = NULL;
  guint n_known = g_strv_length ((char **) known);

  g_assert (n_known <= G_N_ELEMENTS (header->index));
  for (guint i = 0; i < G_N_ELEMENTS (header->index); i++)
    header->index[i] = -1;

  if (!acr_csv_reader_next (reader, &fields, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_HEADER,
                     _("%s: the file is empty; the first row must name the columns"),
                     acr_csv_reader_get_source_name (reader));
      return FALSE;
    }

  header->names = g_new0 (char *, g_strv_length (fields) + 1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      char *name = normalise_header (fields[i]);
      int k;

      header->names[i] = name;
      for (k = 0; known[k] != NULL && !g_str_equal (known[k], name); k++)
        ;
      if (known[k] == NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);
          g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_HEADER,
                       _("%s: row 1, column %u: unknown column “%s” (the columns are %s)"),
                       acr_csv_reader_get_source_name (reader), i + 1, fields[i], list);
          return FALSE;
        }
      if (header->index[k] != -1)
        {
          g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_HEADER,
                       _("%s: row 1, column %u: column “%s” appears twice"),
                       acr_csv_reader_get_source_name (reader), i + 1, fields[i]);
          return FALSE;
        }
      header->index[k] = i;
    }

  for (guint r = 0; required[r] != NULL; r++)
    {
      int k;
      for (k = 0; known[k] != NULL && !g_str_equal (known[k], required[r]); k++)
        ;
      if (header->index[k] == -1)
        {
          g_set_error (error, ACR_CSV_ERROR, ACR_CSV_ERROR_HEADER,
                       _("%s: row 1: the column “%s” is missing"),
                       acr_csv_reader_get_source_name (reader), required[r]);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
cell (Header      *header,
      char       **fields,
      int          known_index)
{
  int i = header->index[known_index];
  return i >= 0 ? fields[i] : NULL;
}

static int
known_index (const char * const *known,
             const char         *name)
{
  for (int k = 0; known[k] != NULL; k++)
    if (g_str_equal (known[k], name))
      return k;
  g_assert_not_reached ();
}

/* Sets string members of the person JSON (NULL or "" removes them); @path may be "training.end". */
static void
person_set (JsonObject *person,
            const char *path,
            JsonNode   *value)
{
  const char *dot = strchr (path, '.');

  if (dot != NULL)
    {
      g_autofree char *head = g_strndup (path, dot - path);
      JsonObject *child;

      if (!json_object_has_member (person, head) ||
          !JSON_NODE_HOLDS_OBJECT (json_object_get_member (person, head)))
        json_object_set_object_member (person, head, json_object_new ());
      child = json_object_get_object_member (person, head);
      person_set (child, dot + 1, value);
      return;
    }

  if (value == NULL)
    json_object_remove_member (person, path);
  else
    json_object_set_member (person, path, value);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node;

  if (text == NULL || *text == '\0')
    return NULL;
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, text);
  return node;
}

static JsonObject *
parse_person (const char  *json,
              GError     **error)
{
  g_autoptr (JsonNode) node = NULL;

  if (!_acr_json_parse (json ? json : "{}", -1, &node, error))
    return NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, _("expected a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

static char *
person_to_string (JsonObject *person)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, person);
  return json_to_string (node, FALSE);
}

static gboolean
apply_row (AcrStore    *store,
           AcrMember   *member,
           gboolean     is_new,
           AcrMember   *stored,
           const char  *reason,
           const char  *time,
           AcrImportReport *report,
           GError     **error)
{
  if (is_new)
    {
      if (!_acr_store_insert (store, member, reason, time, error))
        return FALSE;
      report->added++;
      return TRUE;
    }
  {
    g_auto (GStrv) diff = acr_member_diff (stored, member);
    if (diff[0] == NULL)
      {
        report->unchanged++;
        return TRUE;
      }
  }
  if (!_acr_store_update (store, member, reason, time, error))
    return FALSE;
  report->updated++;
  return TRUE;
}

/* Reads the header and opens the one transaction an import is written in. */
static gboolean
import_begin (AcrStore            *store,
              AcrCsvReader        *reader,
              const char * const  *columns,
              const char * const  *required,
              Header              *header,
              Problems            *problems,
              GError             **error)
{
  if (!read_header (reader, columns, required, header, error) ||
      !_acr_store_begin (store, error))
    {
      g_clear_pointer (&header->names, g_strfreev);
      return FALSE;
    }
  _acr_store_set_bulk (store);

  problems_init (problems, acr_csv_reader_get_source_name (reader));
  return TRUE;
}

/* All or nothing: commits when no row was bad, else rolls every row back and
 * names each problem in @error. */
static gboolean
import_finish (AcrStore               *store,
               Header                 *header,
               Problems               *problems,
               guint                   n_rows,
               const AcrImportReport  *counts,
               AcrImportReport        *report,
               GError                **error)
{
  gboolean ok = FALSE;

  if (problems->n_problems == 0 && n_rows == 0)
    add_problem (problems, 2, 0, NULL, _("no rows after the header"));

  if (!problems_to_error (problems, error))
    _acr_store_rollback (store);
  else if (_acr_store_commit (store, error))
    {
      ok = TRUE;
      if (report)
        *report = *counts;
    }

  problems_clear (problems);
  g_clear_pointer (&header->names, g_strfreev);
  return ok;
}

/*
 * One import in progress. The row driver (run_import) reads the rows, keeps
 * the problems and writes each good row in the one transaction; the
 * member and roster imports differ only in how they check a row
 * (ImportRowFunc).
 */
typedef struct _Import Import;

/*
 * Checks one row, noting each problem in import->problems. When the row can
 * be written, sets *member to it and *stored to the member it changes (NULL:
 * a new member). FALSE stops reading: the store failed, so the rows after it
 * cannot be checked either.
 */
typedef gboolean (*ImportRowFunc) (Import      *import,
                                   char       **fields,
                                   guint        row,
                                   AcrMember  **member,
                                   AcrMember  **stored);

typedef struct
{
  const char * const *columns;
  const char * const *required;
  ImportRowFunc       check_row;
  /* A store error that begins with one of these columns names it in the file. */
  gboolean            store_errors_name_columns;
} ImportKind;

struct _Import
{
  AcrStore        *store;
  Header           header;
  Problems         problems;
  const char      *reason;
  const char      *time;    /* of the import, as the store writes it */
  gpointer         data;    /* the import's own state */
};

/* All or nothing: every row is checked, and only when no row was bad is the
 * transaction committed. */
static gboolean
run_import (const ImportKind       *kind,
            AcrStore               *store,
            AcrCsvReader           *reader,
            const char             *reason,
            const char             *time,
            gpointer                data,
            AcrImportReport        *report,
            AcrImportProgressFunc   progress,
            gpointer                user_data,
            GError                **error)
{
  Import import = { store, { 0 }, { 0 }, reason, time, data };
  AcrImportReport counts = { 0 };
  guint n_rows = 0;

  if (!acr_backup_before_change (store, _("import"), error))
    return FALSE;
  if (!import_begin (store, reader, kind->columns, kind->required, &import.header, &import.problems, error))
    return FALSE;
  for (;;)
    {
      g_auto (GStrv) fields = NULL;
      g_autoptr (GError) row_error = NULL;
      g_autoptr (AcrMember) member = NULL;
      g_autoptr (AcrMember) stored = NULL;
      guint row;

      if (!acr_csv_reader_next (reader, &fields, &row_error))
        {
          if (row_error == NULL)
            break;
          add_reader_problem (&import.problems, reader, row_error);
          if (g_error_matches (row_error, ACR_CSV_ERROR, ACR_CSV_ERROR_COLUMN_COUNT) ||
              g_error_matches (row_error, ACR_CSV_ERROR, ACR_CSV_ERROR_INVALID_UTF8))
            continue;
          break;
        }
      row = acr_csv_reader_get_row (reader);
      n_rows++;

      if (!kind->check_row (&import, fields, row, &member, &stored))
        break;
      /* Once a row is bad nothing will be committed: keep checking, stop writing. */
      if (member == NULL || import.problems.n_problems > 0)
        continue;

      if (!apply_row (store, member, stored == NULL, stored, reason, time, &counts, &row_error))
        {
          if (kind->store_errors_name_columns)
            add_store_problem (&import.problems, &import.header, row, row_error);
          else
            add_problem (&import.problems, row, 0, NULL, row_error->message);
          continue;
        }
      if (progress)
        progress (row, n_rows, user_data);
    }

  return import_finish (store, &import.header, &import.problems, n_rows, &counts, report, error);
}

typedef struct
{
  GHashTable *seen_emails;  /* folded e-mail → the first row that has it */
} MemberImport;

static gboolean
check_member_row (Import      *import,
                  char       **fields,
                  guint        row,
                  AcrMember  **member_out,
                  AcrMember  **stored_out)
{
  MemberImport *mi = import->data;
  AcrStore *store = import->store;
  Header *header = &import->header;
  Problems *problems = &import->problems;
  g_autoptr (GError) row_error = NULL;
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrMember) stored = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autofree char *person_json = NULL;
  const char *number_text, *email;
  gboolean email_bad = FALSE;
  guint bad_before = problems->n_problems;

  /* Which member: by number, else by e-mail, else a new one. */
  number_text = cell (header, fields, known_index (member_columns, "number"));
  email = cell (header, fields, known_index (member_columns, "email"));
  if (number_text != NULL && *number_text != '\0')
    {
      guint number = acr_store_parse_number (number_text);
      if (number == 0)
        {
          add_problem (problems, row, header->index[0] + 1, "number", _("not a member number"));
          return TRUE;
        }
      stored = acr_store_lookup_member (store, number, &row_error);
      if (stored == NULL)
        {
          add_problem (problems, row, header->index[0] + 1, "number", row_error->message);
          return TRUE;
        }
    }
  if (email != NULL && *email != '\0')
    {
      gint64 id = _acr_store_find_member (store, email, NULL, NULL, NULL, &row_error);
      int column = header->index[known_index (member_columns, "email")] + 1;

      if (id < 0 && g_error_matches (row_error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID))
        {
          add_problem (problems, row, column, "email", row_error->message);
          return TRUE;
        }
      if (id < 0)
        {
          add_problem (problems, row, 0, NULL, row_error->message);
          return FALSE;
        }
      /* Matched by number and by e-mail to two different members: which one is meant? */
      if (stored != NULL && id > 0 && id != acr_member_get_id (stored))
        {
          g_autoptr (AcrMember) other = acr_store_lookup_member_by_id (store, id, NULL);
          g_autofree char *why =
            g_strdup_printf (_("the number is member %07u’s but the e-mail address is member %07u’s; "
                               "correct one of them"),
                             acr_member_get_number (stored), other ? acr_member_get_number (other) : 0);

          add_problem (problems, row, column, "email", why);
          return TRUE;
        }
      if (stored != NULL)
        id = 0;
      if (id > 0 && (stored = acr_store_lookup_member_by_id (store, id, &row_error)) == NULL)
        {
          add_problem (problems, row, 0, NULL, row_error->message);
          return FALSE;
        }
    }

  if (email != NULL && *email != '\0')
    {
      g_autofree char *key = acr_search_fold (email);
      gpointer first = g_hash_table_lookup (mi->seen_emails, key);
      if (first != NULL)
        {
          g_autofree char *why = g_strdup_printf (_("the same e-mail address as row %u"), GPOINTER_TO_UINT (first));
          add_problem (problems, row, header->index[known_index (member_columns, "email")] + 1, "email", why);
          return TRUE;
        }
      g_hash_table_insert (mi->seen_emails, g_steal_pointer (&key), GUINT_TO_POINTER (row));
    }

  member = stored ? acr_member_copy (stored) : acr_member_new ();

  for (guint k = 0; member_columns[k] != NULL; k++)
    {
      const char *name = member_columns[k];
      int i = header->index[k];

      if (i < 0 || g_str_equal (name, "number") || g_str_equal (name, "given_name") ||
          g_str_equal (name, "family_name") || g_str_equal (name, "person"))
        continue;
      if (!acr_member_set_field (member, name, fields[i], &row_error))
        {
          add_problem (problems, row, i + 1, name, row_error->message);
          g_clear_error (&row_error);
          if (g_str_equal (name, "email"))
            email_bad = TRUE;
        }
    }

  /* The person facts: the "person" column (JSON), then the name and e-mail columns over it. */
  {
    const char *json = cell (header, fields, known_index (member_columns, "person"));
    int column = header->index[known_index (member_columns, "person")] + 1;

    if (json != NULL && *json != '\0')
      person = parse_person (json, &row_error);
    else
      person = parse_person (acr_member_get_person_json (member), &row_error);
    if (person == NULL)
      {
        add_problem (problems, row, column, "person", row_error->message);
        return TRUE;
      }
    for (const char * const *name = (const char * const []) { "given_name", "family_name", "email", NULL }; *name; name++)
      {
        int k = known_index (member_columns, *name);
        if (header->index[k] >= 0 && !(email_bad && g_str_equal (*name, "email")))
          person_set (person, *name, string_node (fields[header->index[k]]));
      }
    if (!json_object_has_member (person, "given_name") || !json_object_has_member (person, "family_name"))
      {
        add_problem (problems, row, header->index[known_index (member_columns, "family_name")] + 1,
                     "family_name", _("a member needs a given name and a family name"));
        return TRUE;
      }
    person_json = person_to_string (person);
    if (problems->n_problems == bad_before &&
        !acr_member_set_person_json (member, person_json, &row_error))
      {
        add_problem (problems, row, column, "person", row_error->message);
        return TRUE;
      }
  }

  if (stored == NULL && acr_member_get_field (member, "joined") == NULL)
    {
      g_autofree char *today = g_strndup (import->time, 10);
      _acr_member_set_raw (member, "joined", today);
    }
  if (stored == NULL && acr_member_get_field (member, "status") != NULL &&
      header->index[known_index (member_columns, "status")] < 0)
    _acr_member_set_status (member, ACR_MEMBER_STATUS_ACTIVE);

  if (problems->n_problems != bad_before)
    return TRUE;
  *member_out = g_steal_pointer (&member);
  *stored_out = g_steal_pointer (&stored);
  return TRUE;
}

/*
 * acr_csv_import_members:
 * Imports members: a row with a number updates that member; otherwise a row
 * whose e-mail belongs to a member updates it; otherwise the row adds a
 * member with the next number. Only the columns present change anything.
 */
gboolean
acr_csv_import_members (AcrStore              *store,
                        AcrCsvReader          *reader,
                        AcrImportReport       *report,
                        AcrImportProgressFunc  progress,
                        gpointer               user_data,
                        GError               **error)
{
  static const char * const required[] = { "given_name", "family_name", NULL };
  static const ImportKind kind = { member_columns, required, check_member_row, TRUE };
  g_autofree char *reason = NULL;
  g_autofree char *time = NULL;
  g_autoptr (GHashTable) seen_emails = NULL;
  MemberImport mi;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ACR_IS_CSV_READER (reader), FALSE);

  reason = g_strdup_printf (_("import of %s"), acr_csv_reader_get_source_name (reader));
  time = _acr_store_now ();
  seen_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  mi.seen_emails = seen_emails;
  return run_import (&kind, store, reader, reason, time, &mi, report, progress, user_data, error);
}

static char *
normalise_stage (const char *text)
{
  g_autofree char *folded = acr_search_fold (text);

  g_strdelimit (folded, " _", '-');
  if (g_str_equal (folded, "resident"))
    return g_strdup ("residency");
  if (g_str_equal (folded, "fellow"))
    return g_strdup ("fellowship");
  return g_steal_pointer (&folded);
}

static void
split_name (const char  *name,
            char       **given,
            char       **family)
{
  const char *comma = strchr (name, ',');

  if (comma != NULL)
    {
      /* "Family, Given" */
      *family = g_strstrip (g_strndup (name, comma - name));
      *given = g_strstrip (g_strdup (comma + 1));
      return;
    }
  {
    /* "Given Family": the last word is the family name. */
    g_autofree char *copy = g_strstrip (g_strdup (name));
    char *space = strrchr (copy, ' ');

    if (space == NULL)
      {
        *given = g_strdup ("");
        *family = g_strdup (copy);
        return;
      }
    *space = '\0';
    *given = g_strstrip (g_strdup (copy));
    *family = g_strdup (space + 1);
  }
}

static const char *
profession_for_stage (const char *stage)
{
  if (g_str_equal (stage, "medical-school"))
    return "medical-student";
  if (g_str_equal (stage, "physics-program"))
    return "medical-physicist";
  return "physician";
}

typedef struct
{
  AcrImportClassifyFunc  classify;
  gpointer               user_data;
  const char            *today;
  GHashTable            *seen;  /* e-mail, or name and program → the first row of that resident */
} RosterImport;

static gboolean
check_roster_row (Import      *import,
                  char       **fields,
                  guint        row,
                  AcrMember  **member_out,
                  AcrMember  **stored_out)
{
  RosterImport *ri = import->data;
  AcrStore *store = import->store;
  Header *header = &import->header;
  Problems *problems = &import->problems;
  g_autoptr (GError) row_error = NULL;
  g_autoptr (AcrMember) member = NULL;
  g_autoptr (AcrMember) stored = NULL;
  g_autoptr (JsonObject) person = NULL;
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *country = NULL;
  g_autofree char *person_json = NULL;
  g_autofree char *match_key = NULL;
  const char *name, *email, *program, *end;
  gboolean is_new;
  GDate date;
  guint bad_before = problems->n_problems;

  name = cell (header, fields, 0);
  email = cell (header, fields, 1);
  program = g_strstrip (fields[header->index[2]]);
  country = g_ascii_strup (g_strstrip (fields[header->index[3]]), -1);
  stage = normalise_stage (fields[header->index[4]]);
  end = g_strstrip (fields[header->index[5]]);
  if (email != NULL)
    email = g_strstrip ((char *) email);

  split_name (name, &given, &family);
  if (*family == '\0')
    add_problem (problems, row, header->index[0] + 1, "resident_name", _("the resident’s name is empty"));
  if (*program == '\0')
    add_problem (problems, row, header->index[2] + 1, "program", _("the program is empty"));
  if (strlen (country) != 2 || !g_ascii_isalpha (country[0]) || !g_ascii_isalpha (country[1]))
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a two-letter ISO 3166 country code"), fields[header->index[3]]);
      add_problem (problems, row, header->index[3] + 1, "country", why);
    }
  if (!g_strv_contains (training_stages, stage))
    {
      g_autofree char *why = g_strdup_printf (_("“%s” is not a training stage (residency, fellowship, medical-school, physics-program)"),
                                              fields[header->index[4]]);
      add_problem (problems, row, header->index[4] + 1, "training_stage", why);
    }
  if (!acr_date_parse (end, &date, &row_error))
    {
      add_problem (problems, row, header->index[5] + 1, "expected_completion_date", row_error->message);
      g_clear_error (&row_error);
    }
  if (problems->n_problems != bad_before)
    return TRUE;

  /* The same resident twice in one file is a mistake in the file. */
  match_key = email && *email ? acr_search_fold (email)
                              : g_strdup_printf ("%s\n%s\n%s", family, given, program);
  if (g_hash_table_contains (ri->seen, match_key))
    {
      g_autofree char *why = g_strdup_printf (_("the same resident as row %u"),
                                              GPOINTER_TO_UINT (g_hash_table_lookup (ri->seen, match_key)));
      add_problem (problems, row, 0, NULL, why);
      return TRUE;
    }
  g_hash_table_insert (ri->seen, g_steal_pointer (&match_key), GUINT_TO_POINTER (row));

  /* Match: e-mail first, then name and program. */
  {
    gint64 id = 0;
    gint64 by_name = 0;

    if (email && *email)
      id = _acr_store_find_member (store, email, NULL, NULL, NULL, &row_error);
    if (id >= 0)
      by_name = _acr_store_find_member (store, NULL, family, given, program, &row_error);
    if (id < 0 && g_error_matches (row_error, ACR_STORE_ERROR, ACR_STORE_ERROR_INVALID))
      {
        add_problem (problems, row, header->index[1] + 1, "email", row_error->message);
        return TRUE;
      }
    if (id < 0 || by_name < 0)
      {
        add_problem (problems, row, 0, NULL, row_error->message);
        return FALSE;
      }
    /* The e-mail address of one member, the name and program of another: which one is meant? */
    if (id > 0 && by_name > 0 && id != by_name)
      {
        g_autoptr (AcrMember) a = acr_store_lookup_member_by_id (store, id, NULL);
        g_autoptr (AcrMember) b = acr_store_lookup_member_by_id (store, by_name, NULL);
        g_autofree char *why =
          g_strdup_printf (_("the e-mail address is member %07u’s but the name and program are member %07u’s; "
                             "correct one of them"),
                           a ? acr_member_get_number (a) : 0, b ? acr_member_get_number (b) : 0);

        add_problem (problems, row, header->index[1] + 1, "email", why);
        return TRUE;
      }
    if (id == 0)
      id = by_name;
    if (id > 0 && (stored = acr_store_lookup_member_by_id (store, id, &row_error)) == NULL)
      {
        add_problem (problems, row, 0, NULL, row_error->message);
        return FALSE;
      }
  }
  is_new = stored == NULL;
  member = stored ? acr_member_copy (stored) : acr_member_new ();

  person = parse_person (acr_member_get_person_json (member), &row_error);
  if (person == NULL)
    {
      add_problem (problems, row, 0, NULL, row_error->message);
      return TRUE;
    }
  person_set (person, "given_name", string_node (given));
  person_set (person, "family_name", string_node (family));
  if (email && *email)
    person_set (person, "email", string_node (email));
  if (is_new)
    {
      JsonNode *approved = json_node_new (JSON_NODE_VALUE);
      JsonNode *in_practice = json_node_new (JSON_NODE_VALUE);

      json_node_set_boolean (approved, TRUE);
      json_node_set_boolean (in_practice, FALSE);
      person_set (person, "profession", string_node (profession_for_stage (stage)));
      /* The roster comes from radiology residency and fellowship programmes. */
      if (!g_str_equal (stage, "medical-school"))
        person_set (person, "discipline", string_node (g_str_equal (stage, "physics-program") ? "medical-physics" : "radiology"));
      person_set (person, "in_practice", in_practice);
      person_set (person, "country", string_node (country));
      /* Program directors upload residents of approved programmes. */
      person_set (person, "training.approved", approved);
    }
  person_set (person, "training.stage", string_node (stage));
  person_set (person, "training.country", string_node (country));
  person_set (person, "training.end", string_node (end));
  person_json = person_to_string (person);

  if (!acr_member_set_person_json (member, person_json, &row_error) ||
      (email && *email && !acr_member_set_field (member, "email", email, &row_error)) ||
      !acr_member_set_field (member, "program", program, &row_error) ||
      (is_new && !acr_member_set_field (member, "country", country, &row_error)))
    {
      add_problem (problems, row, 0, NULL, row_error->message);
      return TRUE;
    }
  if (is_new)
    {
      _acr_member_set_status (member, ACR_MEMBER_STATUS_ACTIVE);
      _acr_member_set_raw (member, "joined", ri->today);
    }
  if (ri->classify != NULL && !ri->classify (member, ri->user_data, &row_error))
    {
      add_problem (problems, row, 0, NULL, row_error->message);
      return TRUE;
    }

  *member_out = g_steal_pointer (&member);
  *stored_out = g_steal_pointer (&stored);
  return TRUE;
}

/*
 * acr_csv_import_roster:
 * Imports the trainee roster. A resident already known (same e-mail, else
 * same name and program) is updated; others become members with status
 * active, classified by @classify. Says how many were added, updated and
 * unchanged.
 */
gboolean
acr_csv_import_roster (AcrStore              *store,
                       AcrCsvReader          *reader,
                       AcrImportClassifyFunc  classify,
                       AcrImportReport       *report,
                       AcrImportProgressFunc  progress,
                       gpointer               user_data,
                       GError               **error)
{
  static const char * const required[] = { "resident_name", "program", "country", "training_stage",
                                           "expected_completion_date", NULL };
  static const ImportKind kind = { roster_columns, required, check_roster_row, FALSE };
  g_autofree char *reason = NULL;
  g_autofree char *time = NULL;
  g_autofree char *today = NULL;
  g_autoptr (GHashTable) seen = NULL;
  RosterImport ri;

  g_return_val_if_fail (ACR_IS_STORE (store), FALSE);
  g_return_val_if_fail (ACR_IS_CSV_READER (reader), FALSE);

  reason = g_strdup_printf (_("trainee roster %s"), acr_csv_reader_get_source_name (reader));
  time = _acr_store_now ();
  today = g_strndup (time, 10);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ri = (RosterImport) { classify, user_data, today, seen };
  return run_import (&kind, store, reader, reason, time, &ri, report, progress, user_data, error);
}

const char * const *
acr_csv_member_columns (void)
{
  return member_columns;
}

const char * const *
acr_csv_roster_columns (void)
{
  return roster_columns;
}
