#include "config.h"

#include <json-glib/json-glib.h>

#include "acr-test-utils.h"

/*
 * acr-membership-cli classify and quote run end to end ($ACR_CLI) on the
 * person files under tests/fixtures/persons: the JSON they print, their exit
 * statuses (0 decision, 1 invalid input, 2 wrong usage) and the one-line
 * message on stderr that names the field.
 */

static char *
person_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", "persons", file, NULL);
}

/* Runs the CLI with @args (NULL-terminated); "@file" stands for a person
 * fixture, "%file" for a bundle fixture. */
static void
run_cli (AcrTestRun         *run,
         const char * const *args)
{
  g_autoptr(GPtrArray) resolved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) argv = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    {
      if (args[i][0] == '@')
        g_ptr_array_add (resolved, person_path (args[i] + 1));
      else if (args[i][0] == '%')
        g_ptr_array_add (resolved, g_test_build_filename (G_TEST_DIST, "fixtures", "bundles", args[i] + 1, NULL));
      else
        g_ptr_array_add (resolved, g_strdup (args[i]));
    }
  g_ptr_array_add (resolved, NULL);

  argv = acr_test_cli_argv (NULL, (const char * const *) resolved->pdata, NULL);
  acr_test_run_cli (run, NULL, NULL, (const char * const *) argv->pdata);
}

static JsonObject *
parse_output (JsonParser *parser,
              AcrTestRun *run)
{
  g_autoptr(GError) error = NULL;

  if (run->status != 0)
    g_error ("exit %d: %s", run->status, run->err);

  g_assert_cmpstr (run->err, ==, "");
  /* pretty-printed by json-glib's generator */
  g_assert_true (g_str_has_prefix (run->out, "{\n  \""));
  json_parser_load_from_data (parser, run->out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* classify on each kind of applicant */

typedef struct
{
  const char *file;
  const char *date;
  const char *category;     /* NULL: eligible for none */
  const char *next_date;    /* NULL: no next change */
  const char *next_category;
} ClassifyCase;

static const ClassifyCase classify_cases[] = {
  { "resident-us.json", "2026-11-26", "member-in-training", "2028-12-30", NULL },
  { "fellow-august.json", "2026-11-26", "member-in-training", "2027-02-28", "general" },
  { "radiologist-two-chapters.json", "2026-11-26", "general", NULL, NULL },
  { "associate-new-graduate.json", "2026-11-26", "member-in-training", "2026-12-30", "associate" },
  { "associate-new-graduate.json", "2026-12-30", "associate", NULL, NULL },
  { "mri-scientist.json", "2026-11-26", "allied-health", NULL, NULL },
  { "medical-student-canada.json", "2026-11-26", "member-in-training", "2029-11-30", NULL },
  { "international-student-india.json", "2026-11-26", "international-member-in-training", "2030-01-31", NULL },
  { "awaiting-match-egypt.json", "2026-11-26", "international-member-in-training", NULL, NULL },
  { "international-france.json", "2026-11-26", "international", NULL, NULL },
  { "retired-march.json", "2026-03-30", "general", "2026-03-31", "retired" },
  { "retired-march.json", "2026-11-26", "retired", "2032-03-31", "retired" },
  { "active-duty-waiver.json", "2027-01-05", "general", NULL, NULL },
  { "nobody.json", "2026-11-26", NULL, NULL, NULL },
};

static void
test_classify_fixture (gconstpointer data)
{
  const ClassifyCase *c = data;
  g_auto(AcrTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *file = g_strdup_printf ("@%s", c->file);
  const char *args[] = { "classify", "--date", c->date, file, NULL };
  JsonObject *object;
  JsonNode *next;

  run_cli (&run, args);
  object = parse_output (parser, &run);

  if (c->category != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, c->category);
  else
    g_assert_true (json_object_get_null_member (object, "category"));

  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "eligible")));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "reasons")), >, 0);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "missing")));
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (object, "rights")), ==, 3);

  next = json_object_get_member (object, "next_change");
  if (c->next_date == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_NULL (next));
    }
  else
    {
      JsonObject *change = json_node_get_object (next);

      g_assert_cmpstr (json_object_get_string_member (change, "date"), ==, c->next_date);
      if (c->next_category != NULL)
        g_assert_cmpstr (json_object_get_string_member (change, "category"), ==, c->next_category);
      else
        g_assert_true (json_object_get_null_member (change, "category"));
    }
}

/* quote on each kind of applicant */

typedef struct
{
  const char *file;
  const char *year;
  const char *date;
  const char *category;
  gint64      total_cents;
  gboolean    placeholder;
  const char *first_line;
} QuoteCase;

static const QuoteCase quote_cases[] = {
  { "resident-us.json", "2027", "2026-11-26", "member-in-training", 0, FALSE, "not-billable" },
  /* "The first ACR dues payment after completing training will be owed for
   * the following year beginning in January" (data/rules/README.md, issue 11) */
  { "fellow-august.json", "2027", "2026-11-26", "general", 7700 + 11000, TRUE, "national" },
  { "fellow-august.json", "2028", "2027-11-26", "general", 27000 + 12000, TRUE, "national" },
  { "radiologist-two-chapters.json", "2026", "2026-11-26", "general", 100000 + 10000 + 10000, TRUE, "national" },
  { "associate-new-graduate.json", "2027", "2026-11-26", "associate", 7700 + 11000, TRUE, "national" },
  { "mri-scientist.json", "2026", "2026-11-26", "allied-health", 40000 + 10000, TRUE, "national" },  /* no ladder: never a trainee */
  { "medical-student-canada.json", "2027", "2026-11-26", "member-in-training", 0, FALSE, "not-billable" },
  { "international-student-india.json", "2027", "2026-11-26", "international-member-in-training", 13800, FALSE, "national" },
  { "awaiting-match-egypt.json", "2026", "2026-11-26", "international-member-in-training", 13800, FALSE, "national" },
  { "international-france.json", "2028", "2026-11-26", "international", 39100, FALSE, "national" },
  { "retired-march.json", "2026", "2026-04-15", "general", 0, TRUE, "national" },
  { "retired-march.json", "2027", "2026-11-26", "retired", 0, FALSE, "not-billable" },
  { "active-duty-waiver.json", "2027", "2026-11-26", "general", 7700 - 3850, FALSE, "national" },
  { "nobody.json", "2026", "2026-11-26", NULL, 0, FALSE, "not-billable" },
};

static void
test_quote_fixture (gconstpointer data)
{
  const QuoteCase *c = data;
  g_auto(AcrTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *file = g_strdup_printf ("@%s", c->file);
  const char *args[] = { "quote", "--year", c->year, "--date", c->date, file, NULL };
  JsonObject *object, *first;
  JsonArray *lines;
  gint64 sum = 0;

  run_cli (&run, args);
  object = parse_output (parser, &run);

  g_assert_cmpint (json_object_get_int_member (object, "year"), ==, g_ascii_strtoll (c->year, NULL, 10));
  if (c->category != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, c->category);
  else
    g_assert_true (json_object_get_null_member (object, "category"));
  g_assert_cmpstr (json_object_get_string_member (object, "currency"), ==, "USD");
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, c->total_cents);
  g_assert_cmpint (json_object_get_boolean_member (object, "placeholder"), ==, c->placeholder);

  lines = json_object_get_array_member (object, "lines");
  g_assert_cmpuint (json_array_get_length (lines), >, 0);
  first = json_array_get_object_element (lines, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, c->first_line);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    sum += json_object_get_int_member (json_array_get_object_element (lines, i), "amount_cents");
  g_assert_cmpint (sum, ==, c->total_cents);
}

/* Invalid input: exit 1 and one line on stderr naming the field. */

typedef struct
{
  const char *file;
  const char *message;  /* the whole line, or a prefix when it ends in "…" */
} BadPerson;

static const BadPerson bad_persons[] = {
  { "bad-unknown-key.json", "acr-membership-cli: bad-unknown-key.json: colour: unknown key" },
  { "bad-wrong-type.json", "acr-membership-cli: bad-wrong-type.json: in_practice: expected true or false, got a string" },
  { "bad-impossible-date.json",
    "acr-membership-cli: bad-impossible-date.json: training.end: impossible date “2027-02-30” (expected YYYY-MM-DD)" },
  { "bad-unknown-code.json", "acr-membership-cli: bad-unknown-code.json: certifications[1]: unknown code “ABX”" },
  { "bad-unknown-profession.json", "acr-membership-cli: bad-unknown-profession.json: profession: …" },
  { "bad-three-chapters.json", "acr-membership-cli: bad-three-chapters.json: chapters: …" },
  { "bad-chapter-outside-regions.json",
    "acr-membership-cli: bad-chapter-outside-regions.json: chapters[1]: chapter “TX” is not the person’s "
    "region (VA) or practice_region (MD)" },
  { "bad-unknown-chapter.json", "acr-membership-cli: bad-unknown-chapter.json: chapters[0]: unknown chapter “ZZ”" },
  { "bad-not-json.json", "acr-membership-cli: bad-not-json.json:1:27: Parse error: …" },
  { "no-such-person.json", "acr-membership-cli: …" },
};

static void
assert_one_line (const char *err,
                 const char *expected)
{
  acr_test_assert_one_line (err);

  if (g_str_has_suffix (expected, "…"))
    {
      g_autofree char *prefix = g_strndup (expected, strlen (expected) - strlen ("…"));

      g_assert_true (g_str_has_prefix (err, prefix));
    }
  else
    {
      g_autofree char *line = g_strndup (err, strlen (err) - 1);

      g_assert_cmpstr (line, ==, expected);
    }
}

static void
test_bad_person (gconstpointer data)
{
  const BadPerson *b = data;
  g_autofree char *file = g_strdup_printf ("@%s", b->file);
  const char *classify[] = { "classify", "--date", "2026-11-26", file, NULL };
  const char *quote[] = { "quote", "--year", "2026", "--date", "2026-11-26", file, NULL };
  const char * const *commands[] = { classify, quote };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(AcrTestRun) run = { 0, };

      run_cli (&run, commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      assert_one_line (run.err, b->message);
    }
}

/* README ambiguity 10, end to end. */
static void
test_chapter_outside_regions (void)
{
  test_bad_person (&bad_persons[6]);
}

static void
test_three_chapters (void)
{
  test_bad_person (&bad_persons[5]);
}

static void
test_year_without_schedule (void)
{
  g_auto(AcrTestRun) run = { 0, };
  const char *args[] = { "quote", "--year", "2031", "@resident-us.json", NULL };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);
  assert_one_line (run.err, "acr-membership-cli: --year: the rules (acr-rules.json) have no dues schedule for 2031; "
                            "they cover 2026–2028");
}

static void
test_malformed_rules_file (void)
{
  const char *classify[] = { "classify", "--rules", "%amount-string.json", "@resident-us.json", NULL };
  const char *quote[] = { "quote", "--year", "2026", "--rules", "%amount-string.json", "@resident-us.json", NULL };
  const char * const *commands[] = { classify, quote };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(AcrTestRun) run = { 0, };

      run_cli (&run, commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      assert_one_line (run.err, "acr-membership-cli: amount-string.json: dues[0].national.member.ladder[0]: "
                                "expected an amount in cents, got \"77.00\"");
    }
}

/* --rules replaces the built-in bundle. */
static void
test_rules_option (void)
{
  g_auto(AcrTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "quote", "--rules", "%minimal.json", "--year", "2026", "--date", "2026-11-26",
                         "@radiologist-two-chapters.json", NULL };
  JsonObject *object;

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 1);  /* DC is not a chapter of the small bundle */
  assert_one_line (run.err, "acr-membership-cli: radiologist-two-chapters.json: practice_region: unknown state or province “DC”");

  {
    g_auto(AcrTestRun) ok = { 0, };
    const char *ok_args[] = { "classify", "--rules", "%minimal.json", "--date", "2026-11-26", "@nobody.json", NULL };
    const char *quote_args[] = { "quote", "--rules", "%minimal.json", "--year", "2026", "--date", "2026-11-26",
                                 "@awaiting-match-egypt.json", NULL };
    g_auto(AcrTestRun) quoted = { 0, };
    g_autoptr(JsonParser) second = json_parser_new ();

    run_cli (&ok, ok_args);
    object = parse_output (parser, &ok);
    g_assert_true (json_object_get_null_member (object, "category"));

    run_cli (&quoted, quote_args);
    object = parse_output (second, &quoted);
    g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "member");
    g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 20001);
  }
}

/* "-" reads the person from standard input. */
static void
test_person_from_stdin (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *object;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("ACR_CLI"), "quote", "--year", "2026", "--date", "2026-11-26", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "{\"profession\": \"physician\", \"discipline\": \"other\", \"practice_start\": \"2026-01-05\"}",
                                 NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "allied-health");
  g_assert_cmpint (json_object_get_int_member (object, "total_cents"), ==, 7700);

  /* and names it in errors */
  g_clear_object (&process);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("ACR_CLI"), "classify", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, "{\"colour\": \"blue\"}", NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_cmpstr (err, ==, "acr-membership-cli: stdin: colour: unknown key\n");
}

/* --date defaults to today. */
static void
test_date_defaults_to_today (void)
{
  g_auto(AcrTestRun) run = { 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *args[] = { "classify", "@radiologist-two-chapters.json", NULL };
  JsonObject *object;

  run_cli (&run, args);
  object = parse_output (parser, &run);
  g_assert_cmpstr (json_object_get_string_member (object, "category"), ==, "general");
}

/* Wrong usage: exit 2, a message on stderr, nothing on stdout. */
static void
test_wrong_usage (void)
{
  const char *cases[][8] = {
    { NULL },
    { "frobnicate", NULL },
    { "classify", NULL },
    { "classify", "@resident-us.json", "@nobody.json", NULL },
    { "classify", "--colour", "@resident-us.json", NULL },
    { "classify", "--year", "2026", "@resident-us.json", NULL },
    { "classify", "--date", "2027-02-30", "@resident-us.json", NULL },
    { "classify", "--date", "tomorrow", "@resident-us.json", NULL },
    { "quote", "@resident-us.json", NULL },
    { "quote", "--year", "26", "@resident-us.json", NULL },
    { "quote", "--year", "twenty", "@resident-us.json", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(AcrTestRun) run = { 0, };

      run_cli (&run, cases[i]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpstr (run.err, !=, "");
    }

  {
    g_auto(AcrTestRun) run = { 0, };
    const char *args[] = { "classify", "--date", "2027-02-30", "@resident-us.json", NULL };

    run_cli (&run, args);
    assert_one_line (run.err, "acr-membership-cli: --date: expected a calendar date YYYY-MM-DD, got “2027-02-30”");
  }
}

static void
test_help_lists_the_commands (void)
{
  g_auto(AcrTestRun) run = { 0, };
  const char *args[] = { "--help", NULL };

  run_cli (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "classify"));
  g_assert_nonnull (strstr (run.out, "quote"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (classify_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/acr/cli/classify/%s/%s", classify_cases[i].file, classify_cases[i].date);

      g_test_add_data_func (path, &classify_cases[i], test_classify_fixture);
    }

  for (guint i = 0; i < G_N_ELEMENTS (quote_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/acr/cli/quote/%s/%s", quote_cases[i].file, quote_cases[i].year);

      g_test_add_data_func (path, &quote_cases[i], test_quote_fixture);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_persons); i++)
    {
      g_autofree char *path = g_strdup_printf ("/acr/cli/invalid-input/%s", bad_persons[i].file);

      g_test_add_data_func (path, &bad_persons[i], test_bad_person);
    }

  g_test_add_func ("/acr/cli/chapter-outside-regions", test_chapter_outside_regions);
  g_test_add_func ("/acr/cli/three-chapters", test_three_chapters);
  g_test_add_func ("/acr/cli/year-without-schedule", test_year_without_schedule);
  g_test_add_func ("/acr/cli/malformed-rules-file", test_malformed_rules_file);
  g_test_add_func ("/acr/cli/rules-option", test_rules_option);
  g_test_add_func ("/acr/cli/date-defaults-to-today", test_date_defaults_to_today);
  g_test_add_func ("/acr/cli/person-from-stdin", test_person_from_stdin);
  g_test_add_func ("/acr/cli/wrong-usage", test_wrong_usage);
  g_test_add_func ("/acr/cli/help-lists-the-commands", test_help_lists_the_commands);

  return g_test_run ();
}
